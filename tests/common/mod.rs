//! Shared helpers of the integration tests: running the built binary, reading its output,
//! and scoring it against the seed gold with the matching rules of score-targets.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub mod formats;

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_policy-targets"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> PathBuf {
    root().join("seeds")
}

pub fn gold_dir() -> PathBuf {
    root().join("tests/fixtures/gold")
}

/// The shared corpus beside the checkout, if present.
pub fn corpus() -> Option<PathBuf> {
    let p = root().join("../shared/corpus/docs");
    p.is_dir().then_some(p)
}

/// Run `policy-targets extract ARGS -o OUT -q`.
pub fn extract(args: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut cmd = Command::new(bin());
    cmd.arg("extract");
    for a in args {
        cmd.arg(a);
    }
    cmd.arg("-o").arg(out).arg("-q").args(extra);
    cmd.output().expect("run policy-targets")
}

/// Run `policy-targets compare ARGS`.
pub fn compare<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(bin())
        .arg("compare")
        .args(args)
        .output()
        .expect("run policy-targets compare")
}

/// A fresh `extract` output folder of the seeds (in `dir`).
pub fn extract_seeds(dir: &Path) -> PathBuf {
    let out = dir.join("seeds-out");
    let o = extract(&[&seeds()], &out, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

pub fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

/// The file stem of a record's path (as score-targets derives it).
pub fn stem(path: &str) -> String {
    let base = Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    match base.rsplit_once('.') {
        Some((s, _)) => s.to_string(),
        None => base,
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            '％' => '%',
            '：' => ':',
            '，' => ',',
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .filter(|c| *c != ' ' && *c != '\u{3000}')
        .collect()
}

pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count() as f64, b.chars().count() as f64);
    if a.contains(&b) || b.contains(&a) {
        return (la.min(lb) / la.max(lb)).max(0.5);
    }
    let bi = |s: &str| -> BTreeSet<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        if c.len() < 2 {
            return c.iter().map(|x| (*x, '\0')).collect();
        }
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, y) = (bi(&a), bi(&b));
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn same_number(a: &Value, b: &Value) -> bool {
    match (num(a), num(b)) {
        (None, None) => a.is_null() && b.is_null() || (a.is_null() && b.is_null()),
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

fn set_f1(g: &Value, p: &Value) -> f64 {
    let to_set = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str()).map(norm).collect())
            .unwrap_or_default()
    };
    let (g, p) = (to_set(g), to_set(p));
    if g.is_empty() && p.is_empty() {
        return 1.0;
    }
    if g.is_empty() || p.is_empty() {
        return 0.0;
    }
    let tp = g.intersection(&p).count() as f64;
    if tp == 0.0 {
        return 0.0;
    }
    let (pr, rc) = (tp / p.len() as f64, tp / g.len() as f64);
    2.0 * pr * rc / (pr + rc)
}

fn occurrences(text: &[char], quote: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if quote.is_empty() || quote.len() > text.len() {
        return out;
    }
    for i in 0..=text.len() - quote.len() {
        if text[i..i + quote.len()] == *quote {
            out.push((i, i + quote.len()));
        }
    }
    out
}

/// Scores of one kind over the seed gold.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub gold: usize,
    pub pred: usize,
    pub matched: usize,
    pub strict: usize,
    pub fields: BTreeMap<&'static str, f64>,
    /// Per document: (gold, predicted, matched, strict).
    pub docs: Vec<(String, (usize, usize, usize, usize))>,
}

impl Score {
    /// The per-document table, as score-targets prints it.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<40} {:>5} {:>5} {:>5} {:>6}\n",
            "document", "gold", "pred", "match", "strict"
        );
        for (name, (g, p, m, st)) in &self.docs {
            out.push_str(&format!("{name:<40} {g:>5} {p:>5} {m:>5} {st:>6}\n"));
        }
        out
    }
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.matched as f64 / self.pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn strict_f1(&self) -> f64 {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.strict as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.strict as f64 / self.gold as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn field(&self, k: &str) -> f64 {
        self.fields.get(k).copied().unwrap_or(0.0)
    }
}

/// Score `pred` (records of targets.jsonl or milestones.jsonl) against the seed gold:
/// `milestones` selects the milestone files and rules.
pub fn score(pred: &[Value], milestones: bool) -> Score {
    score_in(&gold_dir(), &seeds(), pred, milestones)
}

/// The ways a prediction states its number, as score-targets reads them: as written (value,
/// value_max, unit), and its `normalized` quantity in a base unit other than a ratio
/// (5500亿元 as 550000000000 元).
fn readings(p: &Value) -> Vec<(Value, Value, Value)> {
    let mut out = vec![(
        p["value"].clone(),
        p["value_max"].clone(),
        p["unit"].clone(),
    )];
    let n = &p["normalized"];
    if let Some(u) = n["unit"].as_str().filter(|u| *u != "ratio") {
        let unit = if u == "yuan" { "元" } else { u };
        out.push((
            n["value"].clone(),
            n["value_max"].clone(),
            Value::from(unit),
        ));
    }
    out
}

/// Score `pred` against the gold folder `gold_dir` written on the documents of `docs_dir`
/// (`<stem>.txt`), with the matching rules of score-targets. The per-document rows (gold,
/// predicted, matched, strict) are in `Score::docs`.
pub fn score_in(gold_dir: &Path, docs_dir: &Path, pred: &[Value], milestones: bool) -> Score {
    let suffix = if milestones {
        ".milestones.jsonl"
    } else {
        ".jsonl"
    };
    let mut files: Vec<String> = std::fs::read_dir(gold_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|f| f.ends_with(suffix) && (milestones || !f.contains(".milestones.")))
        .collect();
    files.sort();
    let mut by_doc: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for r in pred {
        by_doc
            .entry(stem(r["path"].as_str().unwrap_or("")))
            .or_default()
            .push(r);
    }
    let mut s = Score::default();
    let field_names: Vec<&'static str> = if milestones {
        vec!["year", "deadline", "recurring", "units_f1"]
    } else {
        vec![
            "indicator_exact",
            "indicator_similar",
            "comparator",
            "unit",
            "year",
            "deadline",
            "units_f1",
        ]
    };
    for f in &field_names {
        s.fields.insert(f, 0.0);
    }
    for f in files {
        let name = f.trim_end_matches(suffix).to_string();
        // Line ends as Python's text mode reads them (the offsets' convention): \r\n and a
        // lone \r are one \n.
        let text: Vec<char> = std::fs::read_to_string(docs_dir.join(format!("{name}.txt")))
            .unwrap()
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .collect();
        let gold = read_jsonl(&gold_dir.join(&f));
        let ps = by_doc.get(&name).cloned().unwrap_or_default();
        let gsp: Vec<Vec<(usize, usize)>> = gold
            .iter()
            .map(|g| {
                occurrences(
                    &text,
                    &g["quote"].as_str().unwrap().chars().collect::<Vec<_>>(),
                )
            })
            .collect();
        let psp: Vec<Vec<(usize, usize)>> = ps
            .iter()
            .map(|p| match (p["start"].as_u64(), p["end"].as_u64()) {
                (Some(a), Some(b)) if a < b => vec![(a as usize, b as usize)],
                _ => occurrences(
                    &text,
                    &p["quote"]
                        .as_str()
                        .unwrap_or("")
                        .chars()
                        .collect::<Vec<_>>(),
                ),
            })
            .collect();
        let mut cands: Vec<(f64, usize, usize)> = Vec::new();
        for (gi, g) in gold.iter().enumerate() {
            for (pi, p) in ps.iter().enumerate() {
                let ov = gsp[gi]
                    .iter()
                    .flat_map(|x| {
                        psp[pi]
                            .iter()
                            .map(move |y| x.1.min(y.1) as i64 - x.0.max(y.0) as i64)
                    })
                    .max()
                    .unwrap_or(0);
                if ov <= 0 {
                    continue;
                }
                let sc = if milestones {
                    ov as f64
                } else {
                    if !readings(p).iter().any(|(v, vm, _)| {
                        same_number(&g["value"], v) && same_number(&g["value_max"], vm)
                    }) {
                        continue;
                    }
                    similarity(
                        g["indicator"].as_str().unwrap_or(""),
                        p["indicator"].as_str().unwrap_or(""),
                    )
                };
                cands.push((sc, gi, pi));
            }
        }
        cands.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
        let (mut ug, mut up) = (BTreeSet::new(), BTreeSet::new());
        let mut doc = (0usize, 0usize, 0usize, 0usize);
        for (_, gi, pi) in cands {
            if ug.contains(&gi) || up.contains(&pi) {
                continue;
            }
            ug.insert(gi);
            up.insert(pi);
            let (g, p) = (&gold[gi], ps[pi]);
            let same = |k: &str| {
                let a = if g[k].is_null() || g[k] == Value::String(String::new()) {
                    Value::Null
                } else {
                    g[k].clone()
                };
                let b = if p[k].is_null() || p[k] == Value::String(String::new()) {
                    Value::Null
                } else {
                    p[k].clone()
                };
                (a == b) as i32 as f64
            };
            let mut ok = true;
            for f in &field_names {
                let v = match *f {
                    "indicator_exact" => {
                        (norm(g["indicator"].as_str().unwrap_or(""))
                            == norm(p["indicator"].as_str().unwrap_or("")))
                            as i32 as f64
                    }
                    "indicator_similar" => {
                        (similarity(
                            g["indicator"].as_str().unwrap_or(""),
                            p["indicator"].as_str().unwrap_or(""),
                        ) >= 0.6) as i32 as f64
                    }
                    "unit" => readings(p).iter().any(|(_, _, u)| {
                        norm(g["unit"].as_str().unwrap_or("")) == norm(u.as_str().unwrap_or(""))
                    }) as i32 as f64,
                    "units_f1" => set_f1(&g["units"], &p["units"]),
                    k => same(k),
                };
                if (*f == "indicator_similar" || *f == "comparator") && v < 1.0 {
                    ok = false;
                }
                *s.fields.get_mut(f).unwrap() += v;
            }
            s.strict += ok as usize;
            s.matched += 1;
            doc.2 += 1;
            doc.3 += ok as usize;
        }
        s.gold += gold.len();
        s.pred += ps.len();
        doc.0 = gold.len();
        doc.1 = ps.len();
        s.docs.push((name, doc));
    }
    let m = s.matched.max(1) as f64;
    for v in s.fields.values_mut() {
        *v /= m;
    }
    s
}

/// The variable under which a missing optional component fails its tests instead of skipping
/// them (`.ci/run` sets it, so CI runs every test).
pub const REQUIRE_ALL: &str = "POLICY_TARGETS_REQUIRE_ALL";

/// Whether a test that needs an optional outside component may run. When the component is
/// missing, one line naming the test, the component and the command that installs it goes to
/// the process's stderr (written past the test harness's capture, so `cargo test` shows it
/// even for a passing test) and the test returns early; under `POLICY_TARGETS_REQUIRE_ALL=1`
/// a missing component is a failure instead.
pub fn optional_component(test: &str, component: &str, present: bool, install: &str) -> bool {
    if present {
        return true;
    }
    let line = format!("skipped: {test}: needs {component} (install: {install})");
    if std::env::var_os(REQUIRE_ALL).is_some_and(|v| v != "0" && !v.is_empty()) {
        panic!("{line}; {REQUIRE_ALL} is set, so a missing component is a failure");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "policy-targets tests: {line}");
    false
}

/// Whether `python3` runs and imports `module`.
pub fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The metadata fields score-targets compares with a gold `<stem>.meta.json`.
pub const META_FIELDS: [&str; 6] = [
    "title",
    "issuer",
    "doc_number",
    "date",
    "region",
    "region_code",
];

/// The files of `dir` whose names end with `suffix` ("" for all), in name order: the cases of
/// a table-driven test.
pub fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

/// The gold metadata files `<stem>.meta.json` of `gold_dir`, as (stem, parsed JSON), in name
/// order.
pub fn gold_metas(gold_dir: &Path) -> Vec<(String, Value)> {
    files_ending(gold_dir, ".meta.json")
        .into_iter()
        .map(|m| {
            let g: Value = serde_json::from_str(&std::fs::read_to_string(&m).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", m.display()));
            let name = m
                .file_name()
                .unwrap()
                .to_string_lossy()
                .trim_end_matches(".meta.json")
                .to_string();
            (name, g)
        })
        .collect()
}

/// Accuracy of each metadata field of `documents` (records of documents.jsonl) against the
/// `.meta.json` files of `gold_dir` (fields absent from a gold file or listed in its `_skip` are
/// not scored), as score-targets measures it; and the mean over the fields.
pub fn score_documents(gold_dir: &Path, documents: &[Value]) -> (BTreeMap<&'static str, f64>, f64) {
    let by_stem: BTreeMap<String, &Value> = documents
        .iter()
        .map(|d| (stem(d["path"].as_str().unwrap_or("")), d))
        .collect();
    let (mut right, mut seen) = (BTreeMap::new(), BTreeMap::new());
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => norm(s),
        other => norm(&other.to_string()),
    };
    for (name, g) in gold_metas(gold_dir) {
        let skip: Vec<&str> = g["_skip"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        for k in META_FIELDS {
            if g.get(k).is_none() || skip.contains(&k) {
                continue;
            }
            *seen.entry(k).or_insert(0usize) += 1;
            let ok = by_stem
                .get(&name)
                .is_some_and(|p| text(&g[k]) == text(&p[k]));
            *right.entry(k).or_insert(0usize) += ok as usize;
        }
    }
    let acc: BTreeMap<&'static str, f64> = seen
        .iter()
        .map(|(k, n)| (*k, right.get(k).copied().unwrap_or(0) as f64 / *n as f64))
        .collect();
    let mean = acc.values().sum::<f64>() / acc.len().max(1) as f64;
    (acc, mean)
}
