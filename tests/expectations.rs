//! Table-driven grammar cases: every `tests/fixtures/expect/<name>.txt` is a notice, and
//! `<name>.expect.jsonl` beside it states what extracting it must give, one line per check (a
//! new case needs no code). Each file is extracted by the built binary, the whole pipeline.
//!
//! Check lines:
//! - a target: `{"indicator": "…", "comparator": "<=", "value": 10, "unit": "…", "year": 2025,
//!   "strength": "binding", "units": […]}` — some target of the file has every field given
//!   (`indicator` is matched as a part of the record's indicator; `"normalized": true` compares
//!   `value` and `unit` with the record's normalized quantity, 50万元 as 500000 元);
//! - `{"count": N}`: the file gives exactly N targets;
//! - `{"absent_value": V}` / `{"absent_unit": "U"}`: no target has that value / unit.

mod common;

use common::*;
use serde_json::Value;

fn matches(t: &Value, want: &Value) -> bool {
    let normalized = want["normalized"].as_bool().unwrap_or(false);
    want.as_object()
        .unwrap()
        .iter()
        .all(|(k, w)| match k.as_str() {
            "normalized" => true,
            "indicator" => t["indicator"]
                .as_str()
                .is_some_and(|i| i.contains(w.as_str().unwrap())),
            "value" if normalized => t["normalized"]["value"].as_f64() == w.as_f64(),
            "unit" if normalized => {
                let u = t["normalized"]["unit"].as_str().unwrap_or("");
                let u = if u == "yuan" { "元" } else { u };
                Some(u) == w.as_str()
            }
            "value" => t["value"].as_f64() == w.as_f64(),
            _ => &t[k] == w,
        })
}

#[test]
fn every_expectation_holds() {
    let dir = root().join("tests/fixtures/expect");
    let cases = files_ending(&dir, ".txt");
    assert!(
        cases.len() >= 3,
        "the expectation cases are in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    let mut checks = 0;
    for case in &cases {
        let out = tempfile::tempdir().unwrap();
        let o = extract(&[case.as_path()], out.path(), &[]);
        assert!(
            o.status.success(),
            "{}: {}",
            case.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let targets = read_jsonl(&out.path().join("targets.jsonl"));
        let expect = case.with_extension("expect.jsonl");
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        for want in read_jsonl(&expect) {
            checks += 1;
            let ok = if let Some(n) = want.get("count") {
                targets.len() as u64 == n.as_u64().unwrap()
            } else if let Some(v) = want.get("absent_value") {
                !targets.iter().any(|t| t["value"].as_f64() == v.as_f64())
            } else if let Some(u) = want.get("absent_unit") {
                !targets.iter().any(|t| &t["unit"] == u)
            } else {
                targets.iter().any(|t| matches(t, &want))
            };
            if !ok {
                failures.push(format!("{name}: {want}"));
            }
        }
        if failures.iter().any(|f| f.starts_with(&name)) {
            for t in &targets {
                eprintln!(
                    "{name}: got {} {} {} {} {}",
                    t["indicator"], t["comparator"], t["value"], t["unit"], t["year"]
                );
            }
        }
    }
    eprintln!("{} cases, {checks} checks", cases.len());
    assert!(
        failures.is_empty(),
        "unmet expectations:\n{}",
        failures.join("\n")
    );
}
