//! A bytes-in fuzzer with three targets. `pipeline` (the default): documents of the seeds and the
//! corpus, cut to windows and mutated with the grammar's own pieces (numbers in digits and in
//! characters, 百分之, 、 lists, brackets, dates, line breaks, full-width forms, invalid UTF-8, a
//! BOM), go through `pipeline::process_bytes` — decode, normalize, segment, extract, records —
//! with no guard. `compare`: the JSON Lines the seeds give (documents and targets), mutated with
//! JSON's pieces, go through compare's reader (`compare::parse_jsonl`). `formats`: the seeds as
//! published (web pages, Word files, the PDF fixtures), their bytes flipped, cut, spliced and
//! repeated, go through `process_bytes` under their format's name — the readers of HTML, DOCX and
//! PDF, then the pipeline. A panic is a finding, written to the crash folder with the input that
//! caused it; the slowest execution is reported.
//!
//!   cargo run --release --example fuzz -- [--target pipeline|compare|formats] [--execs N] [--seed S]
//!       [--crashes DIR] [DIR…]
//!
//! Defaults: 100000 executions, seed 1, crashes in target/fuzz-crashes, documents from seeds/ and
//! ../shared/corpus/docs. Deterministic for a seed. Exit status 1 when anything panicked.
//! Findings, once fixed, go to tests/fixtures/fuzz/ (tests/fuzz_regressions.rs runs them).

use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "../tests/common/formats.rs"]
mod published;

use policy_targets::compare::parse_jsonl;
use policy_targets::config::Engine;
use policy_targets::pipeline::process_bytes;
use policy_targets::record::{DocumentRecord, TargetRecord, WriteJson};

/// xorshift64*: a small deterministic generator (no dependency for the fuzzer's dice).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Pieces of the language the extractor reads, and of what breaks text.
const PIECES: &[&str] = &[
    "、",
    "，",
    "。",
    "；",
    "：",
    "（",
    "）",
    "(",
    ")",
    "【",
    "】",
    "《",
    "》",
    "“",
    "”",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\u{3000}",
    "|",
    "百分之",
    "千分之",
    "万分之",
    "个百分点",
    "%",
    "‰",
    "以上",
    "以下",
    "以内",
    "左右",
    "不低于",
    "不超过",
    "达到",
    "力争",
    "分别",
    "约",
    "余",
    "多",
    "万",
    "亿",
    "千",
    "百",
    "十",
    "零",
    "一",
    "两",
    "三",
    "九",
    "壹",
    "贰",
    "參",
    "点",
    "年",
    "月",
    "日",
    "号",
    "至",
    "到",
    "-",
    "—",
    "～",
    "底前",
    "2025",
    "2030年",
    "1.5",
    "0",
    "99",
    "10000",
    "3万4000",
    "二〇二五",
    "十四五",
    "期间",
    "本月",
    "下个月",
    "今年",
    "明年",
    "每年",
    "（责任单位：区卫健委）",
    "牵头单位",
    "率",
    "数",
    "元",
    "万元",
    "个",
    "张",
    "人次",
    "天",
    "个工作日",
    "之日起",
    "内",
    "翻一番",
    "成",
    "/10万",
    "的",
    "了",
    "对",
    "给予",
    "\u{FEFF}",
    "\u{FFFD}",
    "ｆｕｌｌ",
    "１２３",
    "％",
    // The grammar of this round: shares, mixed places, money, measure words, relative times, and
    // the lines the metadata reads (amendments, a source at the end).
    "佰分之",
    "仟分之",
    "萬分之肆",
    "2.4",
    "3万4000",
    "5万4千6百",
    "2万5",
    "十多万",
    "余万",
    "元一角七分",
    "圆整",
    "參佰",
    "过",
    "种以上",
    "万头",
    "亿立方米",
    "兆瓦时",
    "半数以上",
    "一半",
    "一式三份",
    "×",
    "届",
    "本世纪末",
    "下个月",
    "本季度",
    "首季度",
    "年底前",
    "与2029年之间",
    "月至12月",
    "2026-01-29",
    "20260307",
    "号",
    "通过的《关于修改部分地方性法规的决定》修正",
    "\n来源：山东省大数据局\n",
    "全省",
    "省委、省政府",
];

/// Pieces of JSON and of what breaks it.
const JSON_PIECES: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "true",
    "1e999",
    "-0",
    "0.1",
    "12345678901234567890",
    "\\u0000",
    "\\ud800",
    "\\",
    "\n",
    "\r\n",
    "\u{FEFF}",
    "\u{FFFD}",
    "\"doc_id\"",
    "\"value\"",
    "\"unit\"",
    "\"indicator\"",
    "孕产妇死亡率",
    " ",
    "\t",
];

/// The JSON Lines of the seeds' records: (documents, targets).
fn seed_jsonl(engine: &Engine, docs: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut documents = Vec::new();
    let mut targets = Vec::new();
    for (i, d) in docs.iter().take(40).enumerate() {
        let out = process_bytes(engine, &format!("doc{i}.txt"), d);
        out.document.write_json(&mut documents);
        documents.push(b'\n');
        for t in &out.targets {
            t.write_json(&mut targets);
            targets.push(b'\n');
        }
    }
    vec![documents, targets]
}

/// One input for compare's reader: a stretch of lines, mutated a few times.
fn make_jsonl(rng: &mut Rng, files: &[Vec<u8>]) -> Vec<u8> {
    let f = &files[rng.below(files.len())];
    let start = rng.below(f.len().max(1));
    let start = f[..start]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let end = (start + 200 + rng.below(8000)).min(f.len());
    let mut b = f[start..end].to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 | 1 => {
                let p = JSON_PIECES[rng.below(JSON_PIECES.len())].as_bytes();
                b.splice(at..at, p.iter().copied());
            }
            2 if !b.is_empty() => {
                let end = (at + 1 + rng.below(32)).min(b.len());
                b.drain(at.min(end)..end);
            }
            3 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            _ => b.truncate(at),
        }
    }
    b
}

fn read_docs(dirs: &[PathBuf]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(d) else {
            eprintln!("fuzz: {}: not a folder, skipped", d.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(b) = std::fs::read(&p) {
                if !b.is_empty() {
                    out.push(b);
                }
            }
        }
    }
    out
}

/// The seeds as published: (file name, bytes) of each web page, Word file and PDF fixture.
fn published_seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    let mut out = Vec::new();
    for (i, p) in seeds.iter().enumerate() {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        let blocks = published::blocks(&std::fs::read_to_string(p).expect("seed"));
        let title = published::title_of(&blocks);
        let page = published::PAGES[i % published::PAGES.len()];
        out.push((
            format!("{stem}.html"),
            published::html_page(&blocks, &title, page),
        ));
        out.push((format!("{stem}.docx"), published::docx(&blocks)));
        if let Ok(pdf) = std::fs::read(root.join(format!("tests/fixtures/formats/{stem}.pdf"))) {
            out.push((format!("{stem}.pdf"), pdf));
        }
    }
    out
}

/// One input of the formats target: a published file with a few byte-level mutations.
fn mutate_file(rng: &mut Rng, files: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
    let (name, orig) = &files[rng.below(files.len())];
    let mut b = orig.clone();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 | 1 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            2 => b.truncate(at),
            3 if !b.is_empty() => {
                let end = (at + 1 + rng.below(256)).min(b.len());
                b.drain(at.min(end)..end);
            }
            4 => {
                let (_, other) = &files[rng.below(files.len())];
                let s = rng.below(other.len());
                let e = (s + rng.below(1024)).min(other.len());
                b.splice(at..at, other[s..e].iter().copied());
            }
            _ => {
                let end = (at + rng.below(512)).min(b.len());
                let dup = b[at.min(end)..end].to_vec();
                b.splice(end..end, dup);
            }
        }
    }
    (name.clone(), b)
}

/// One input: a window of a document (or two spliced), mutated a few times.
fn make_input(rng: &mut Rng, docs: &[Vec<u8>]) -> Vec<u8> {
    let doc = &docs[rng.below(docs.len())];
    let len = 64 + rng.below(4096);
    let start = rng.below(doc.len().saturating_sub(len).max(1));
    let mut b = doc[start..(start + len).min(doc.len())].to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(b.len() + 1);
        match rng.below(9) {
            0..=2 => {
                let p = PIECES[rng.below(PIECES.len())].as_bytes();
                b.splice(at..at, p.iter().copied());
            }
            3 => {
                // repeat a piece many times (long lists, runs of brackets)
                let p = PIECES[rng.below(PIECES.len())].as_bytes();
                let n = 1 + rng.below(200);
                let rep: Vec<u8> = p.iter().copied().cycle().take(p.len() * n).collect();
                b.splice(at..at, rep);
            }
            4 if !b.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                b.drain(at.min(end)..end);
            }
            5 if !b.is_empty() => {
                // a raw byte: invalid UTF-8 more often than not
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            6 => {
                // splice a window of another document
                let other = &docs[rng.below(docs.len())];
                let s = rng.below(other.len());
                let e = (s + rng.below(512)).min(other.len());
                b.splice(at..at, other[s..e].iter().copied());
            }
            7 if !b.is_empty() => {
                // duplicate a stretch
                let end = (at + rng.below(256)).min(b.len());
                let dup = b[at.min(end)..end].to_vec();
                b.splice(end..end, dup);
            }
            _ => {
                b.truncate(at);
            }
        }
    }
    b
}

fn main() {
    let mut execs: u64 = 100_000;
    let mut seed: u64 = 1;
    let mut crashes = PathBuf::from("target/fuzz-crashes");
    let mut target = String::from("pipeline");
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--execs" => execs = args.next().and_then(|v| v.parse().ok()).expect("--execs N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            "--crashes" => crashes = PathBuf::from(args.next().expect("--crashes DIR")),
            "--target" => target = args.next().expect("--target pipeline|compare|formats"),
            "-h" | "--help" => {
                println!(
                    "usage: fuzz [--target pipeline|compare|formats] [--execs N] [--seed S] [--crashes DIR] [DIR…]"
                );
                return;
            }
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.is_empty() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        dirs = vec![root.join("seeds"), root.join("../shared/corpus/docs")];
    }
    let docs = read_docs(&dirs);
    assert!(!docs.is_empty(), "fuzz: no documents to start from");
    let engine = Engine::new(None).expect("engine");
    assert!(
        matches!(target.as_str(), "pipeline" | "compare" | "formats"),
        "fuzz: --target is pipeline, compare or formats"
    );
    let files = if target == "formats" {
        published_seeds()
    } else {
        Vec::new()
    };
    let jsonl = if target == "compare" {
        seed_jsonl(&engine, &docs)
    } else {
        Vec::new()
    };
    // Findings are reported here, one line each, not by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let started = Instant::now();
    let mut found = 0u64;
    let mut bytes = 0u64;
    // Records that came out (compare: parsed records; pipeline: targets), to show the inputs
    // still reach past the first checks.
    let mut records = 0usize;
    let mut slowest = (0.0f64, 0u64);
    for i in 0..execs {
        let (name, input) = if target == "compare" {
            ("fuzz.jsonl".to_string(), make_jsonl(&mut rng, &jsonl))
        } else if target == "formats" {
            mutate_file(&mut rng, &files)
        } else {
            ("fuzz.txt".to_string(), make_input(&mut rng, &docs))
        };
        let exec_started = Instant::now();
        bytes += input.len() as u64;
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if target == "compare" {
                let path = Path::new("fuzz.jsonl");
                let t: Vec<TargetRecord> = parse_jsonl(&input, path, &mut |_| {});
                let d: Vec<DocumentRecord> = parse_jsonl(&input, path, &mut |_| {});
                t.len() + d.len()
            } else {
                process_bytes(&engine, &name, &input).targets.len()
            }
        }));
        let took = exec_started.elapsed().as_secs_f64();
        if took > slowest.0 {
            slowest = (took, i);
        }
        if let Ok(n) = &r {
            records += n;
        }
        if let Err(p) = r {
            found += 1;
            let msg = p
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| p.downcast_ref::<&str>().copied())
                .unwrap_or("panic");
            std::fs::create_dir_all(&crashes).expect("crash folder");
            let ext = Path::new(&name)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("txt");
            let name = crashes.join(format!("crash-{seed}-{i}.{ext}"));
            std::fs::write(&name, &input).expect("write crash");
            println!(
                "fuzz: exec {i}: {}: {}",
                name.display(),
                msg.lines().next().unwrap_or("")
            );
        }
        if (i + 1) % 100_000 == 0 {
            eprintln!(
                "fuzz: {} executions, {} findings, {:.0} s",
                i + 1,
                found,
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "fuzz: {target}: seed {seed}: {execs} executions ({:.1} MB of input, {records} records out) in {:.1} s, {found} findings; slowest execution {:.3} s (number {})",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        slowest.0,
        slowest.1
    );
    if found > 0 {
        std::process::exit(1);
    }
}
