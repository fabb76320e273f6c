//! Both OpenCC backends (the built-in pure-Rust one and the C++ library of the `opencc-cpp`
//! feature) give the same simplified text on the seeds and on the traditional documents of
//! the shared corpus. They need the `opencc-cpp` feature and the OpenCC C++ library
//! (`apt-get install libopencc-dev pkg-config`, then `cargo test --release --features opencc-cpp`);
//! a build without the feature says on stderr that they were skipped (a failure under
//! `POLICY_TARGETS_REQUIRE_ALL=1`).

mod common;

#[cfg(not(feature = "opencc-cpp"))]
#[test]
fn backends_agree() {
    let library = std::process::Command::new("pkg-config")
        .args(["--exists", "opencc"])
        .status()
        .is_ok_and(|s| s.success());
    let component = if library {
        "the opencc-cpp feature (the OpenCC C++ library is installed)"
    } else {
        "the opencc-cpp feature and the OpenCC C++ library"
    };
    let install = if library {
        "cargo test --release --features opencc-cpp"
    } else {
        "apt-get install libopencc-dev pkg-config; cargo test --release --features opencc-cpp"
    };
    common::optional_component("backends::backends_agree", component, false, install);
}

#[cfg(feature = "opencc-cpp")]
use policy_targets::normalize::{Backend, Converter};

#[cfg(feature = "opencc-cpp")]
fn texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![common::seeds()];
    if let Some(c) = common::corpus() {
        dirs.push(c);
    }
    for d in dirs {
        let mut names: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for p in names {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let traditional = name.starts_with("twlaw_")
                || name == "natgwr_072.txt"
                || name == "cpccongress_003.txt";
            if d == common::seeds() || traditional {
                out.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out
}

#[cfg(feature = "opencc-cpp")]
#[test]
fn backends_agree() {
    let rust = Converter::with_backend(Backend::Rust).unwrap();
    let cpp = Converter::with_backend(Backend::Cpp).unwrap();
    let texts = texts();
    assert!(texts.len() >= 5);
    for (name, text) in &texts {
        let (a, b) = (rust.convert(text), cpp.convert(text));
        if a != b {
            let first = a
                .chars()
                .zip(b.chars())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let ctx = |s: &str| {
                s.chars()
                    .skip(first.saturating_sub(10))
                    .take(30)
                    .collect::<String>()
            };
            panic!(
                "{name}: backends differ at char {first}: {:?} vs {:?}",
                ctx(&a),
                ctx(&b)
            );
        }
        assert_eq!(rust.t2s_aligned(text), cpp.t2s_aligned(text), "{name}");
    }
}

#[cfg(feature = "opencc-cpp")]
#[test]
fn cpp_backend_survives_nul_bytes() {
    let cpp = Converter::with_backend(Backend::Cpp).unwrap();
    assert_eq!(cpp.convert("孕產婦\0死亡率"), "孕产妇\0死亡率");
}
