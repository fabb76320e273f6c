//! The output read by DuckDB (tests/duckdb_check.py): targets.jsonl with read_json_auto, the
//! compare CSV and targets.csv with read_csv_auto, grouped by indicator and region. The counts
//! must be those of the tool's own records, numbers must arrive as numbers and absent values as
//! NULL. Needs `python3` with the `duckdb` package (`python3 -m pip install duckdb`; .ci/run
//! installs it): without it the test says so on stderr and skips, unless
//! `POLICY_TARGETS_REQUIRE_ALL=1` makes that a failure.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

type Counts = BTreeMap<(Option<String>, Option<String>), u64>;

fn key(v: &Value) -> Option<String> {
    v.as_str().map(String::from)
}

fn count<'a>(records: impl Iterator<Item = (&'a Value, &'a Value)>) -> Counts {
    let mut c = Counts::new();
    for (id, region) in records {
        *c.entry((key(id), key(region))).or_default() += 1;
    }
    c
}

fn duckdb_counts(report: &Value) -> Counts {
    report["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| ((key(&row[0]), key(&row[1])), row[2].as_u64().unwrap()))
        .collect()
}

fn is_number_type(t: &Value) -> bool {
    matches!(t.as_str(), Some("DOUBLE" | "BIGINT" | "INTEGER"))
}

fn run_duckdb(targets: &Path, compare_csv: &Path, targets_csv: &Path) -> Value {
    let script = common::root().join("tests/duckdb_check.py");
    let o = Command::new("python3")
        .arg(&script)
        .arg(targets)
        .arg(compare_csv)
        .arg(targets_csv)
        .output()
        .expect("python3 must be installed for this test");
    assert!(
        o.status.success(),
        "tests/duckdb_check.py failed (python3 -m pip install duckdb): {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("a JSON report")
}

#[test]
fn duckdb_reads_targets_and_the_comparison() {
    if !common::optional_component(
        "duckdb_reads_targets_and_the_comparison",
        "python3 with the duckdb package",
        common::python_has("duckdb"),
        "python3 -m pip install duckdb",
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = common::extract(&[&common::seeds()], &out, &["--csv"]);
    assert_eq!(o.status.code(), Some(0));
    let compare_csv = tmp.path().join("compare.csv");
    let o = common::compare(&[out.as_os_str(), "-o".as_ref(), compare_csv.as_os_str()]);
    assert_eq!(o.status.code(), Some(0));
    let o = common::compare(&[out.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(o.status.code(), Some(0));
    let tables: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();

    let report = run_duckdb(
        &out.join("targets.jsonl"),
        &compare_csv,
        &out.join("targets.csv"),
    );

    // targets.jsonl and targets.csv: one row per record of the JSON Lines file.
    let targets = common::read_jsonl(&out.join("targets.jsonl"));
    assert!(targets.len() > 50);
    let expected = count(targets.iter().map(|t| (&t["indicator_id"], &t["region"])));
    for name in ["targets_jsonl", "targets_csv"] {
        let r = &report[name];
        assert_eq!(r["rows"].as_u64(), Some(targets.len() as u64), "{name}");
        assert_eq!(duckdb_counts(r), expected, "{name}");
        let nulls = |field: &str| targets.iter().filter(|t| t[field].is_null()).count() as u64;
        for field in ["indicator_id", "region", "value_max", "duplicate_of"] {
            assert_eq!(
                r["nulls"][field].as_u64(),
                Some(nulls(field)),
                "{name} {field}"
            );
        }
        let types = &r["types"];
        assert!(is_number_type(&types["value"]), "{name} value: {types}");
        assert!(is_number_type(&types["year"]), "{name} year: {types}");
        assert!(is_number_type(&types["start"]), "{name} start: {types}");
    }

    // The compare CSV: one row per row of the tool's JSON comparison.
    let rows: Vec<(&Value, &Value)> = tables
        .iter()
        .flat_map(|t| {
            t["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |r| (&t["indicator_id"], &r["region"]))
        })
        .collect();
    let r = &report["compare_csv"];
    assert_eq!(r["rows"].as_u64(), Some(rows.len() as u64));
    assert_eq!(duckdb_counts(r), count(rows.iter().copied()));
    let all_rows = || tables.iter().flat_map(|t| t["rows"].as_array().unwrap());
    let region_nulls = all_rows().filter(|r| r["region"].is_null()).count() as u64;
    assert!(region_nulls > 0, "the compilation 003 has no region");
    assert_eq!(r["nulls"]["region"].as_u64(), Some(region_nulls));
    let mark_nulls = all_rows().filter(|r| r["mark"].is_null()).count() as u64;
    assert_eq!(r["nulls"]["mark"].as_u64(), Some(mark_nulls));
    let max_nulls = all_rows().filter(|r| r["value_max"].is_null()).count() as u64;
    assert_eq!(r["nulls"]["value_max"].as_u64(), Some(max_nulls));
    let types = &r["types"];
    for col in ["value", "normalized_value", "year", "line"] {
        assert!(is_number_type(&types[col]), "{col}: {types}");
    }
    assert_eq!(types["conflict"], "BOOLEAN", "{types}");
    assert_eq!(types["indicator"], "VARCHAR", "{types}");
}
