//! The development gold as the reference for generalization: extraction over the documents of
//! `tests/fixtures/gold-dev/docs/` (35 documents of the shared corpus, every genre: action plans,
//! State Council opinions, work reports, regulations, Taiwan standards) scored against the gold
//! beside them (a copy of ../shared/gold-dev, whose README gives its conventions) with the
//! matching rules of score-targets. The floors are the figures the extraction reaches now, so
//! that no change loses what was gained; they rise as the rules generalize.

mod common;

use common::*;

/// Floors: each is a figure the extraction reaches on gold-dev and must keep.
const TARGET_F1: f64 = 0.91;
const TARGET_STRICT_F1: f64 = 0.55;
const TARGET_YEAR: f64 = 0.93;
const TARGET_DEADLINE: f64 = 0.93;
const TARGET_UNIT: f64 = 0.96;
const MILESTONE_F1: f64 = 0.70;
const DOCUMENTS_MEAN: f64 = 0.98;

fn gold() -> std::path::PathBuf {
    root().join("tests/fixtures/gold-dev")
}

fn run() -> (
    tempfile::TempDir,
    Vec<serde_json::Value>,
    Vec<serde_json::Value>,
    Vec<serde_json::Value>,
) {
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[&gold().join("docs")], out.path(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = read_jsonl(&out.path().join("targets.jsonl"));
    let m = read_jsonl(&out.path().join("milestones.jsonl"));
    let d = read_jsonl(&out.path().join("documents.jsonl"));
    (out, t, m, d)
}

#[test]
fn gold_dev_meets_its_floors() {
    let (_d, targets, milestones, documents) = run();
    let t = score_in(&gold(), &gold().join("docs"), &targets, false);
    eprintln!("{}", t.table());
    eprintln!(
        "targets: gold {} pred {} matched {} P {:.3} R {:.3} F1 {:.3} strict F1 {:.3} fields {:?}",
        t.gold,
        t.pred,
        t.matched,
        t.precision(),
        t.recall(),
        t.f1(),
        t.strict_f1(),
        t.fields
    );
    let m = score_in(&gold(), &gold().join("docs"), &milestones, true);
    eprintln!(
        "milestones: gold {} pred {} matched {} F1 {:.3} fields {:?}",
        m.gold,
        m.pred,
        m.matched,
        m.f1(),
        m.fields
    );
    let (fields, mean) = score_documents(&gold(), &documents);
    eprintln!("documents: {fields:?} mean {mean:.3}");

    assert_eq!(t.gold, 403, "gold-dev holds 403 targets");
    assert_eq!(m.gold, 40, "gold-dev holds 40 milestones");
    let floors = [
        ("targets F1", t.f1(), TARGET_F1),
        ("targets strict F1", t.strict_f1(), TARGET_STRICT_F1),
        ("year", t.field("year"), TARGET_YEAR),
        ("deadline", t.field("deadline"), TARGET_DEADLINE),
        ("unit", t.field("unit"), TARGET_UNIT),
        ("milestones F1", m.f1(), MILESTONE_F1),
        ("documents mean field accuracy", mean, DOCUMENTS_MEAN),
    ];
    let below: Vec<String> = floors
        .iter()
        .filter(|(_, got, floor)| got < floor)
        .map(|(name, got, floor)| format!("{name} {got:.3} < {floor}"))
        .collect();
    assert!(below.is_empty(), "below the gold-dev floors: {below:?}");
}
