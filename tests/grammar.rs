//! The number and time grammar, table-driven: every `tests/fixtures/grammar/<kind>.tsv` holds
//! expressions of one kind (numerals, shares, mixed digits and places, approximations,
//! comparators, ranges, money, dates and relative times) with their reading. Each expression is
//! put into the file's notice sentence (`# template:`, `{X}` marks the place) under a letterhead
//! dated `# issued:` and a salutation, one document per expression, and the whole pipeline reads them (the built
//! binary, once for all). A new case is a new line; a new kind is a new file.
//!
//! Columns (`# columns:`) name record fields: `value`, `value_max`, `unit`, `comparator`,
//! `deadline`, `period_start`. `-` is null, `*` is not checked. The document must give exactly
//! one record of the table's kind (`# records: milestones`, else targets), with every field given.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use policy_targets::record::{MilestoneRecord, TargetRecord};
use serde_json::Value;

struct Case {
    file: String,
    /// "targets" or "milestones".
    records: String,
    line: usize,
    expression: String,
    want: Vec<(String, String)>,
}

/// The cases of one table, and the documents they make (file name → text).
fn read_table(path: &Path, docs: &mut BTreeMap<String, String>) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_stem().unwrap().to_string_lossy().to_string();
    let header = |key: &str| -> String {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("# {key}: ")))
            .unwrap_or_else(|| panic!("{}: no `# {key}:` line", path.display()))
            .to_string()
    };
    let template = header("template");
    let records = text
        .lines()
        .find_map(|l| l.strip_prefix("# records: "))
        .unwrap_or("targets")
        .to_string();
    let issued = header("issued");
    let columns: Vec<String> = header("columns")
        .split('\t')
        .skip(1)
        .map(String::from)
        .collect();
    let (y, rest) = issued.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    let letterhead = format!(
        "关于印发某县民生实事工作要点的通知\n某县人民政府办公室\n{y}年{}月{}日\n各乡镇人民政府，县直各单位：\n",
        m.trim_start_matches('0'),
        d.trim_start_matches('0')
    );
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            columns.len() + 1,
            "{}:{}: {} columns wanted",
            path.display(),
            i + 1,
            columns.len() + 1
        );
        let doc = format!("{name}-{:04}.txt", i + 1);
        docs.insert(
            doc.clone(),
            format!("{letterhead}{}\n", template.replace("{X}", cols[0])),
        );
        cases.push(Case {
            file: doc,
            records: records.clone(),
            line: i + 1,
            expression: cols[0].to_string(),
            want: columns
                .iter()
                .zip(&cols[1..])
                .filter(|(_, v)| **v != "*")
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
        });
    }
    cases
}

/// A field of a record as the table writes it (`-` for null).
fn field(t: &Value, key: &str) -> String {
    match t.get(key) {
        None => panic!("unknown column {key}"),
        Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// The records of one output file, read as the typed records of the contract, by document.
fn records_by_doc(path: &Path, milestones: bool) -> BTreeMap<String, Vec<Value>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut by_doc: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for line in text.lines() {
        let (doc, v) = if milestones {
            let m: MilestoneRecord = serde_json::from_str(line).unwrap();
            (m.path.clone(), serde_json::to_value(m).unwrap())
        } else {
            let t: TargetRecord = serde_json::from_str(line).unwrap();
            (t.path.clone(), serde_json::to_value(t).unwrap())
        };
        let name = Path::new(&doc)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        by_doc.entry(name).or_default().push(v);
    }
    by_doc
}

/// Numbers compare as numbers (1.5 and 1.50, 300 and 300.0).
fn same(key: &str, got: &str, want: &str) -> bool {
    if matches!(key, "value" | "value_max") {
        if let (Ok(a), Ok(b)) = (got.parse::<f64>(), want.parse::<f64>()) {
            return (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        }
    }
    got == want
}

#[test]
fn every_grammar_case_reads_right() {
    let dir = root().join("tests/fixtures/grammar");
    let tables = files_ending(&dir, ".tsv");
    assert!(
        tables.len() >= 5,
        "the grammar tables are in {}",
        dir.display()
    );
    let mut docs = BTreeMap::new();
    let mut cases = Vec::new();
    for t in &tables {
        cases.extend(read_table(t, &mut docs));
    }
    let input = tempfile::tempdir().unwrap();
    for (name, text) in &docs {
        std::fs::write(input.path().join(name), text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[input.path()], out.path(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let targets = records_by_doc(&out.path().join("targets.jsonl"), false);
    let milestones = records_by_doc(&out.path().join("milestones.jsonl"), true);
    let mut failures = Vec::new();
    let mut per_table: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for c in &cases {
        let table = c.file.rsplit_once('-').unwrap().0.to_string();
        let tally = per_table.entry(table.clone()).or_default();
        tally.0 += 1;
        let by_doc = if c.records == "milestones" {
            &milestones
        } else {
            &targets
        };
        let got = by_doc.get(&c.file).map(Vec::as_slice).unwrap_or(&[]);
        let problem = match got {
            [t] => {
                let wrong: Vec<String> = c
                    .want
                    .iter()
                    .filter(|(k, v)| !same(k, &field(t, k), v))
                    .map(|(k, v)| format!("{k} {} (want {v})", field(t, k)))
                    .collect();
                (!wrong.is_empty()).then(|| wrong.join(", "))
            }
            _ => Some(format!("{} {} (want 1)", got.len(), c.records)),
        };
        match problem {
            Some(p) => failures.push(format!("{table}.tsv:{}: {}: {p}", c.line, c.expression)),
            None => tally.1 += 1,
        }
    }
    for (table, (n, ok)) in &per_table {
        eprintln!("grammar {table:16} {ok:4} of {n:4} read right");
    }
    assert!(
        cases.len() >= 300,
        "a few hundred cases wanted, {} found",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} grammar cases read wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
