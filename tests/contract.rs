//! The record contract: real output validates against schema/records.schema.json and reads
//! back into the library's typed records; offsets point at the quote in the original text.

mod common;

use common::*;
use policy_targets::record::{DocumentRecord, MilestoneRecord, OutcomeRecord, TargetRecord};
use serde_json::Value;

fn validator(kind: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/records.schema.json")).unwrap(),
    )
    .unwrap();
    let mut one = schema["$defs"][kind].clone();
    one["$defs"] = schema["$defs"].clone();
    jsonschema::validator_for(&one).unwrap()
}

#[test]
fn output_matches_schema_and_types() {
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(seeds()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("broken.txt"), b"").unwrap();
    // A government work report: its review gives outcomes.
    let report = root().join("tests/fixtures/reports/natgwr_001.txt");
    std::fs::copy(&report, dir.path().join("natgwr_001.txt")).unwrap();
    extract(&[dir.path()], out.path(), &[]);
    for (file, kind) in [
        ("targets.jsonl", "target"),
        ("milestones.jsonl", "milestone"),
        ("outcomes.jsonl", "outcome"),
        ("documents.jsonl", "document"),
    ] {
        let v = validator(kind);
        let recs = read_jsonl(&out.path().join(file));
        assert!(!recs.is_empty(), "{file}");
        for r in &recs {
            let errors: Vec<String> = v
                .iter_errors(r)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{file}: {errors:?}\n{r}");
        }
    }
    let text = std::fs::read_to_string(out.path().join("targets.jsonl")).unwrap();
    for line in text.lines() {
        let t: TargetRecord = serde_json::from_str(line).unwrap();
        assert_eq!(t.kind, "target");
        assert!(t.value.as_f64().is_some());
    }
    let text = std::fs::read_to_string(out.path().join("milestones.jsonl")).unwrap();
    for line in text.lines() {
        let m: MilestoneRecord = serde_json::from_str(line).unwrap();
        assert_eq!(m.kind, "milestone");
    }
    let text = std::fs::read_to_string(out.path().join("outcomes.jsonl")).unwrap();
    for line in text.lines() {
        let o: OutcomeRecord = serde_json::from_str(line).unwrap();
        assert_eq!(o.kind, "outcome");
        assert!(o.period_start <= o.period_end, "{line}");
    }
    let text = std::fs::read_to_string(out.path().join("documents.jsonl")).unwrap();
    let docs: Vec<DocumentRecord> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 7);
    assert!(
        docs[0].path.ends_with("000_f391b10180160adf.txt"),
        "path order"
    );
    assert!(docs.iter().any(|d| d.error.is_some()));
}

#[test]
fn quotes_are_the_original_text_at_their_offsets() {
    let out = tempfile::tempdir().unwrap();
    let report = root().join("tests/fixtures/reports/natgwr_001.txt");
    extract(&[&seeds(), &report], out.path(), &[]);
    for file in ["targets.jsonl", "milestones.jsonl", "outcomes.jsonl"] {
        for r in read_jsonl(&out.path().join(file)) {
            let text: Vec<char> = std::fs::read_to_string(r["path"].as_str().unwrap())
                .unwrap()
                .chars()
                .collect();
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            let q: String = text[s..e].iter().collect();
            assert_eq!(q, r["quote"].as_str().unwrap());
            let line = text[..s].iter().filter(|c| **c == '\n').count() + 1;
            assert_eq!(line as u64, r["line"].as_u64().unwrap());
        }
    }
}
