//! The seed gold as the reference for quality: extraction over seeds/ is scored with the
//! matching rules of score-targets (span overlap and equal value; fields on matched pairs).

mod common;

use common::*;

/// Floors: each is a figure the extraction reaches on the seed gold and must keep.
const TARGET_F1: f64 = 0.95;
const TARGET_COMPARATOR: f64 = 0.97;
const TARGET_UNIT: f64 = 0.95;
const TARGET_UNITS_F1: f64 = 0.90;
const TARGET_STRICT_F1: f64 = 0.90;
const TARGET_YEAR: f64 = 0.95;
const TARGET_DEADLINE: f64 = 0.92;
const TARGET_INDICATOR_SIMILAR: f64 = 0.95;
const MILESTONE_F1: f64 = 0.80;
const MILESTONE_DEADLINE: f64 = 0.90;
const MILESTONE_UNITS_F1: f64 = 0.85;

fn run() -> (
    tempfile::TempDir,
    Vec<serde_json::Value>,
    Vec<serde_json::Value>,
) {
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[&seeds()], out.path(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = read_jsonl(&out.path().join("targets.jsonl"));
    let m = read_jsonl(&out.path().join("milestones.jsonl"));
    (out, t, m)
}

#[test]
fn targets_meet_the_gold_floors() {
    let (_d, targets, _) = run();
    let s = score(&targets, false);
    eprintln!(
        "targets: gold {} pred {} matched {} P {:.3} R {:.3} F1 {:.3} strict F1 {:.3} fields {:?}",
        s.gold,
        s.pred,
        s.matched,
        s.precision(),
        s.recall(),
        s.f1(),
        s.strict_f1(),
        s.fields
    );
    assert_eq!(s.gold, 195, "the seed gold holds 195 targets");
    assert!(s.f1() >= TARGET_F1, "F1 {:.3} < {TARGET_F1}", s.f1());
    assert!(
        s.field("comparator") >= TARGET_COMPARATOR,
        "comparator {:.3}",
        s.field("comparator")
    );
    assert!(
        s.field("unit") >= TARGET_UNIT,
        "unit {:.3}",
        s.field("unit")
    );
    assert!(
        s.field("units_f1") >= TARGET_UNITS_F1,
        "units F1 {:.3}",
        s.field("units_f1")
    );
    assert!(
        s.strict_f1() >= TARGET_STRICT_F1,
        "strict F1 {:.3}",
        s.strict_f1()
    );
    assert!(
        s.field("year") >= TARGET_YEAR,
        "year {:.3}",
        s.field("year")
    );
    assert!(
        s.field("deadline") >= TARGET_DEADLINE,
        "deadline {:.3}",
        s.field("deadline")
    );
    assert!(
        s.field("indicator_similar") >= TARGET_INDICATOR_SIMILAR,
        "indicator similar {:.3}",
        s.field("indicator_similar")
    );
}

#[test]
fn news_report_yields_no_target() {
    // Seed 002 reports what was done; its gold is empty on purpose.
    let (_d, targets, _) = run();
    let in_002: Vec<_> = targets
        .iter()
        .filter(|t| stem(t["path"].as_str().unwrap()).starts_with("002_"))
        .collect();
    assert!(in_002.is_empty(), "{in_002:?}");
}

#[test]
fn milestones_meet_the_gold_floors() {
    let (_d, _, milestones) = run();
    let s = score(&milestones, true);
    eprintln!(
        "milestones: gold {} pred {} matched {} P {:.3} R {:.3} F1 {:.3} fields {:?}",
        s.gold,
        s.pred,
        s.matched,
        s.precision(),
        s.recall(),
        s.f1(),
        s.fields
    );
    assert_eq!(s.gold, 88, "the seed gold holds 88 milestones");
    assert!(s.f1() >= MILESTONE_F1, "milestone F1 {:.3}", s.f1());
    assert!(
        s.field("deadline") >= MILESTONE_DEADLINE,
        "milestone deadline {:.3}",
        s.field("deadline")
    );
    assert!(
        s.field("units_f1") >= MILESTONE_UNITS_F1,
        "milestone units F1 {:.3}",
        s.field("units_f1")
    );
}

#[test]
fn table_restatements_point_to_their_body_records() {
    let (_d, targets, _) = run();
    let in_004: Vec<_> = targets
        .iter()
        .filter(|t| stem(t["path"].as_str().unwrap()).starts_with("004_"))
        .collect();
    let dups: Vec<_> = in_004
        .iter()
        .filter(|t| !t["duplicate_of"].is_null())
        .collect();
    // The gold marks 40 of the table's 60 targets as restatements of the body.
    assert!(dups.len() >= 30, "{} restatements", dups.len());
    for d in &dups {
        // Records that share a quote (a distributed list) share its start; the value tells them
        // apart.
        let body = in_004
            .iter()
            .find(|t| t["start"] == d["duplicate_of"] && t["value"].as_f64() == d["value"].as_f64())
            .unwrap_or_else(|| {
                panic!(
                    "no body record at {} with value {}",
                    d["duplicate_of"], d["value"]
                )
            });
        assert!(body["start"].as_u64() < d["start"].as_u64());
        assert_eq!(body["unit"], d["unit"]);
        assert!(body["duplicate_of"].is_null());
    }
}
