//! The binary end to end: determinism across thread counts, encodings, traditional script,
//! bad files in a batch, broken pattern files, and the help text.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = ["documents.jsonl", "targets.jsonl", "milestones.jsonl"]
        .iter()
        .map(|n| (n.to_string(), fs::read(dir.join(n)).unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert!(extract(&[&seeds()], a.path(), &["-j", "1"])
        .status
        .success());
    assert!(extract(&[&seeds()], b.path(), &["-j", "2"])
        .status
        .success());
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert!(!fa[2].1.is_empty(), "targets.jsonl is empty");
    assert_eq!(fa, fb);
}

/// The fields of a target that must not depend on how its file was stored.
fn key(t: &Value) -> String {
    format!(
        "{} {} {} {} {} {} {} {}",
        t["indicator"],
        t["comparator"],
        t["value"],
        t["value_max"],
        t["unit"],
        t["deadline"],
        t["start"],
        t["end"]
    )
}

fn targets_of(path: &Path) -> Vec<Value> {
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[path], out.path(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    read_jsonl(&out.path().join("targets.jsonl"))
}

#[test]
fn gb18030_and_utf16_copies_give_the_same_targets() {
    let seed = seeds().join("004_1d96ae928440d7e2.txt");
    let text = fs::read_to_string(&seed).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (gb, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    fs::write(dir.path().join("gb.txt"), &gb).unwrap();
    let mut le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(dir.path().join("le.txt"), &le).unwrap();
    let mut crlf = text.replace('\n', "\r\n").into_bytes();
    crlf.splice(0..0, [0xEF, 0xBB, 0xBF]);
    fs::write(dir.path().join("crlf.txt"), &crlf).unwrap();

    let original: Vec<String> = targets_of(&seed).iter().map(key).collect();
    assert!(original.len() > 50);
    for name in ["gb.txt", "le.txt"] {
        let got: Vec<String> = targets_of(&dir.path().join(name)).iter().map(key).collect();
        assert_eq!(got, original, "{name}");
    }
    // CRLF line ends are read as Python reads them, so even the offsets are the same.
    let got: Vec<String> = targets_of(&dir.path().join("crlf.txt"))
        .iter()
        .map(key)
        .collect();
    assert_eq!(got, original, "crlf.txt");
    // Encodings are recorded.
    let out = tempfile::tempdir().unwrap();
    extract(&[dir.path()], out.path(), &[]);
    let docs = read_jsonl(&out.path().join("documents.jsonl"));
    let enc: Vec<&str> = docs
        .iter()
        .map(|d| d["encoding"].as_str().unwrap())
        .collect();
    assert_eq!(enc, vec!["utf-8-bom", "gb18030", "utf-16le"]);
}

#[test]
fn traditional_copy_gives_the_same_targets_quoted_in_traditional() {
    let seed = seeds().join("004_1d96ae928440d7e2.txt");
    let text = fs::read_to_string(&seed).unwrap();
    let s2t =
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).unwrap();
    let trad = s2t.convert(&text);
    assert_ne!(trad, text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trad.txt");
    fs::write(&path, &trad).unwrap();
    let simp = targets_of(&seed);
    let tr = targets_of(&path);
    let chars: Vec<char> = trad.chars().collect();
    let mut same = 0;
    for t in &tr {
        let (s, e) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        let quoted: String = chars[s..e].iter().collect();
        assert_eq!(
            quoted,
            t["quote"].as_str().unwrap(),
            "quote must be the traditional original"
        );
        if simp.iter().any(|x| key(x) == key(t)) {
            same += 1;
        }
    }
    assert!(tr
        .iter()
        .any(|t| t["quote"].as_str().unwrap().contains("衛")));
    // OpenCC s2t and t2s are not exact inverses on every word; nearly all targets agree.
    assert!(
        same as f64 >= 0.95 * simp.len() as f64,
        "{same} of {}",
        simp.len()
    );
}

#[test]
fn bad_files_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(seeds().join("001_46e6eaec03570da9.txt"), d.join("good.txt")).unwrap();
    fs::write(d.join("empty.txt"), b"").unwrap();
    fs::write(d.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let mut bad = "产前筛查覆盖率达到55%以上".as_bytes().to_vec();
    bad.extend_from_slice(&[0xFF, 0xFE, 0xFF, 0x80]);
    fs::write(d.join("invalid.txt"), &bad).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[d], out.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "documented exit code for file errors"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    for name in ["empty.txt", "image.txt", "invalid.txt"] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no report for {name} in {stderr}"));
        assert!(line.starts_with("policy-targets: "), "{line}");
        assert!(line.contains(&format!("{name}: ")), "{line}");
    }
    #[cfg(unix)]
    assert!(
        stderr.lines().any(|l| l.contains("dangling.txt: ")),
        "{stderr}"
    );
    let docs = read_jsonl(&out.path().join("documents.jsonl"));
    let by_name = |n: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(n))
            .unwrap()
            .clone()
    };
    assert!(by_name("good.txt")["error"].is_null());
    assert!(by_name("good.txt")["targets"].as_u64().unwrap() >= 5);
    assert!(by_name("empty.txt")["error"]
        .as_str()
        .unwrap()
        .contains("empty"));
    assert!(by_name("image.txt")["error"]
        .as_str()
        .unwrap()
        .contains("binary"));
    assert!(by_name("invalid.txt")["error"]
        .as_str()
        .unwrap()
        .contains("invalid"));
    // The readable part of the file with invalid bytes is still extracted.
    let targets = read_jsonl(&out.path().join("targets.jsonl"));
    assert!(targets
        .iter()
        .any(|t| t["path"].as_str().unwrap().ends_with("invalid.txt")));
}

#[test]
fn broken_pattern_file_is_a_startup_error_naming_file_and_line() {
    let pat = tempfile::tempdir().unwrap();
    fs::write(
        pat.path().join("units.tsv"),
        "# units\n%\tpercent\t0.01\tratio\n个\tcount\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = extract(
        &[&seeds()],
        out.path(),
        &["--patterns", pat.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("units.tsv:3: expected 4 tab-separated columns"),
        "{stderr}"
    );
    assert!(!out.path().join("targets.jsonl").exists());
}

#[test]
fn pattern_override_changes_extraction() {
    // A lexicon without 控制在 and 以下 reads the mortality targets as bare numbers.
    let pat = tempfile::tempdir().unwrap();
    let comparators = fs::read_to_string(root().join("patterns/comparators.tsv")).unwrap();
    let trimmed: String = comparators
        .lines()
        .filter(|l| !l.starts_with("控制在\t") && !l.starts_with("以下\t"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(pat.path().join("comparators.tsv"), trimmed).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = extract(
        &[&seeds().join("004_1d96ae928440d7e2.txt")],
        out.path(),
        &["--patterns", pat.path().to_str().unwrap()],
    );
    assert!(o.status.success());
    let t = read_jsonl(&out.path().join("targets.jsonl"));
    let mmr: Vec<_> = t.iter().filter(|t| t["unit"] == "/10万").collect();
    assert!(!mmr.is_empty());
    assert!(mmr.iter().all(|t| t["comparator"] == "="), "{mmr:?}");
}

#[test]
fn help_teaches() {
    let o = std::process::Command::new(bin())
        .args(["extract", "--help"])
        .output()
        .unwrap();
    let h = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "--output",
        "--threads",
        "--patterns",
        "--stats",
        "--quiet",
        "policy-targets: <path>: <reason>",
    ] {
        assert!(h.contains(want), "help lacks {want}: {h}");
    }
    let o = std::process::Command::new(bin())
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("Exit codes"));
}

#[test]
fn stats_go_to_stderr() {
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[&seeds()], out.path(), &["--stats"]);
    assert!(o.stdout.is_empty());
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("files 5,") && e.contains("MB/s"), "{e}");
}

/// A FIFO named on the command line or found in a folder is reported and skipped at once: opening
/// one would wait for a writer that never comes.
#[cfg(unix)]
#[test]
fn fifos_are_reported_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("a.txt"),
        "到2025年，孕产妇死亡率控制在10/10万以下。\n",
    )
    .unwrap();
    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo is needed for this test");
    for args in [vec![fifo.as_path()], vec![d]] {
        let out = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(bin())
            .arg("extract")
            .args(&args)
            .arg("-o")
            .arg(out.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if started.elapsed() > std::time::Duration::from_secs(60) {
                child.kill().unwrap();
                panic!("extract {args:?} blocked on the FIFO");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(!status.success(), "a skipped file flips the exit code");
        assert!(
            err.contains("pipe.txt") && err.contains("not a regular file"),
            "{err}"
        );
        let docs = fs::read_to_string(out.path().join("documents.jsonl")).unwrap();
        assert_eq!(
            docs.contains("a.txt"),
            args[0] == d,
            "the other files of a folder are still read"
        );
    }
}

/// The three output files are one set: a run killed before its swap leaves the previous set whole,
/// one killed just after it leaves the new set whole, and the next run clears what they left.
#[cfg(unix)]
#[test]
fn a_killed_run_leaves_one_consistent_set_and_the_next_run_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let small = tmp.path().join("small");
    fs::create_dir_all(&small).unwrap();
    fs::write(
        small.join("a.txt"),
        "关于印发某县妇幼健康工作要点的通知\n到2025年，孕产妇死亡率控制在10/10万以下。\n",
    )
    .unwrap();
    let run = |input: &Path, fault: Option<&str>| {
        let mut cmd = std::process::Command::new(bin());
        cmd.arg("extract").arg(input).arg("-o").arg(&out).arg("-q");
        if let Some(f) = fault {
            cmd.env("POLICY_TARGETS_FAULT", f);
        }
        cmd.output().unwrap()
    };
    // One consistent set: every record's document is in documents.jsonl, and each document's
    // counts match its records.
    let consistent = |what: &str| {
        let docs = read_jsonl(&out.join("documents.jsonl"));
        for kind in ["targets", "milestones"] {
            let recs = read_jsonl(&out.join(format!("{kind}.jsonl")));
            for d in &docs {
                let n = recs.iter().filter(|r| r["doc_id"] == d["doc_id"]).count();
                assert_eq!(
                    d[kind].as_u64(),
                    Some(n as u64),
                    "{what}: {kind} of {}",
                    d["path"]
                );
            }
            assert!(recs
                .iter()
                .all(|r| docs.iter().any(|d| d["doc_id"] == r["doc_id"])));
        }
        docs.len()
    };
    assert!(run(&seeds(), None).status.success());
    let before = files(&out);
    assert_eq!(consistent("first run"), 5);

    let o = run(&small, Some("before-flip"));
    assert!(!o.status.success(), "the fault aborts the run");
    assert_eq!(
        files(&out),
        before,
        "killed before the swap: the previous set, whole"
    );

    let o = run(&small, Some("after-flip"));
    assert!(!o.status.success());
    assert_eq!(consistent("killed after the swap"), 1, "the new set, whole");

    assert!(run(&seeds(), None).status.success());
    assert_eq!(files(&out), before, "the same input gives the same files");
    let state: Vec<String> = fs::read_dir(out.join(".policy-targets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        state.len(),
        3,
        "current, its run folder and the lock file only: {state:?}"
    );
    let top: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(top.len(), 5, "the four outputs and the run folder: {top:?}");
}

/// A second run into a folder that a live run is writing stops at once with a clear error.
#[cfg(unix)]
#[test]
fn a_folder_being_written_is_locked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join(".policy-targets")).unwrap();
    // This test process stands for the live run: it holds the lock.
    let lock = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(out.join(".policy-targets/lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let o = extract(&[&seeds()], &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("another run"), "{err}");
    assert!(!out.join("targets.jsonl").exists());
    // Released (the run ended, or died): the folder is free again.
    drop(lock);
    assert!(extract(&[&seeds()], &out, &[]).status.success());
}

/// A file name that is not UTF-8 is written losslessly (\xHH for its invalid bytes), so that the
/// record leads back to the file.
#[cfg(target_os = "linux")]
#[test]
fn names_that_are_not_utf8_lead_back_to_the_file() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"plan-\xb9\xe6\xff.txt");
    let file = dir.path().join(name);
    if fs::write(&file, "到2025年，孕产妇死亡率控制在10/10万以下。\n").is_err() {
        eprintln!("this file system takes no such name; nothing to test");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    extract(&[dir.path()], out.path(), &[]);
    let docs = read_jsonl(&out.path().join("documents.jsonl"));
    let path = docs[0]["path"].as_str().unwrap();
    assert!(path.ends_with("plan-\\xb9\\xe6\\xff.txt"), "{path}");
    // Undo the escapes: the bytes of the name come back.
    let mut bytes = Vec::new();
    let mut rest = path.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'\\' && tail.first() == Some(&b'x') {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[1..3]).unwrap(), 16).unwrap());
            rest = &tail[3..];
        } else if b == b'\\' && tail.first() == Some(&b'\\') {
            bytes.push(b'\\');
            rest = &tail[1..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    assert!(Path::new(std::ffi::OsStr::from_bytes(&bytes)).exists());
    let targets = read_jsonl(&out.path().join("targets.jsonl"));
    assert_eq!(targets[0]["path"], docs[0]["path"]);
}
