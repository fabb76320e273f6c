//! Property tests: random Unicode and mutated seed text through the whole pipeline — no
//! panic, and every record's quote is the original text between its offsets.

use policy_targets::config::Engine;
use policy_targets::pipeline::process_bytes;
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(None).unwrap())
}

fn seed_text() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut all = String::new();
        for n in [
            "000_f391b10180160adf.txt",
            "003_fc061e6bd3cb188a.txt",
            "004_1d96ae928440d7e2.txt",
        ] {
            all.push_str(&std::fs::read_to_string(root.join(n)).unwrap());
        }
        all
    })
}

fn check(bytes: &[u8]) {
    let out = process_bytes(engine(), "prop.txt", bytes);
    let Ok(decoded) = policy_targets::decode::decode(bytes) else {
        assert!(out.targets.is_empty());
        return;
    };
    let chars: Vec<char> = decoded.text.chars().collect();
    for (q, s, e) in out
        .targets
        .iter()
        .map(|t| (&t.quote, t.start, t.end))
        .chain(out.milestones.iter().map(|m| (&m.quote, m.start, m.end)))
    {
        assert!(s < e && e <= chars.len(), "{s}..{e} of {}", chars.len());
        let got: String = chars[s..e].iter().collect();
        assert_eq!(&got, q);
    }
}

/// Characters that matter to the rules, mixed with anything.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::sample::select(vec![
            "到2025年底,",
            "孕产妇死亡率",
            "控制在",
            "10/10万",
            "以下",
            "达到",
            "95%",
            "、",
            "分别",
            "(责任单位:区卫健委、",
            ")",
            "〔",
            "〕",
            "第三季度:",
            "二、2019年工作安排\n",
            "约20-25人",
            "1.2万",
            "百分之九十五",
            "20xx年",
            "。",
            "\n",
            "|",
            "每月25日前",
            "全覆盖",
            "產科",
            "兩",
            "２０２５",
            "％",
            "\r\n",
            "\r",
            "1,200",
            "9 0%",
            "三分之一",
        ])
        .prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn random_pieces_never_panic(parts in proptest::collection::vec(piece(), 0..40)) {
        check(parts.concat().as_bytes());
    }

    #[test]
    fn mutated_seed_text_never_panics(start in 0usize..60_000, len in 1usize..3_000, cuts in proptest::collection::vec((0usize..3_000, any::<char>()), 0..20)) {
        let text = seed_text();
        let chars: Vec<char> = text.chars().collect();
        let s = start % chars.len();
        let mut slice: Vec<char> = chars[s..(s + len).min(chars.len())].to_vec();
        for (at, c) in cuts {
            if slice.is_empty() { break; }
            let i = at % slice.len();
            if c.is_ascii_digit() || (c as u32).is_multiple_of(3) { slice.insert(i, c); } else { slice.remove(i); }
        }
        let mutated: String = slice.into_iter().collect();
        check(mutated.as_bytes());
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        check(&bytes);
    }
}
