//! `attainment` end to end: targets of one report lined up with the outcomes the next report
//! gives for the same year, judged; and the national series of the corpus's government work
//! reports against a table written by hand from their texts (tests/fixtures/attainment/).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

fn attainment(inputs: &[&Path], extra: &[&str]) -> Vec<Value> {
    let mut cmd = Command::new(bin());
    cmd.arg("attainment");
    for i in inputs {
        cmd.arg(i);
    }
    let out = cmd.args(["--format", "json"]).args(extra).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Two reports of a city: the 2024 report sets 2024's targets, the 2025 report reviews 2024 and
/// sets 2025's. Each 2024 target meets its outcome; 2025's have none yet.
#[test]
fn a_report_s_targets_are_judged_against_the_next_report_s_outcomes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2024.txt"),
        "2024年新余市政府工作报告\n2024年1月10日\n一、2023年工作回顾\n过去一年，全市地区生产总值增长5.1%。\n\
         二、2024年工作安排\n今年全市发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业3万人以上，\
         居民消费价格涨幅3%左右，城镇调查失业率控制在5.5%以内。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2025.txt"),
        "2025年新余市政府工作报告\n2025年1月12日\n一、2024年工作回顾\n过去一年，全市地区生产总值增长6.8%，\
         城镇新增就业3.2万人，居民消费价格上涨0.4%，城镇调查失业率5.6%。\n二、2025年工作安排\n\
         今年全市发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业3万人以上。\n",
    )
    .unwrap();
    let rows = attainment(&[dir.path()], &[]);
    let find = |id: &str, year: i64| -> Vec<&Value> {
        rows.iter()
            .filter(|r| r["indicator_id"] == id && r["year"] == year)
            .collect()
    };
    let one = |id: &str, year: i64| -> &Value {
        let r = find(id, year);
        assert_eq!(r.len(), 1, "{id} {year}: {rows:#?}");
        r[0]
    };
    // 6%左右 growth, 6.8% achieved, higher is better: exceeded by 0.8 points.
    let gdp = one("gdp_growth", 2024);
    assert_eq!(gdp["verdict"], "exceeded", "{gdp:#}");
    assert_eq!(gdp["met"], true);
    assert_eq!(gdp["gap"].as_f64().unwrap(), 0.8);
    assert_eq!(gdp["tolerance"], "±0.3");
    assert_eq!(gdp["region"], "新余市");
    assert_eq!(gdp["counts"], true);
    // 3万人以上, 3.2万人: met. 3%左右 CPI (lower is better), 0.4%: exceeded.
    assert_eq!(one("urban_new_jobs", 2024)["verdict"], "met");
    assert_eq!(one("cpi_increase", 2024)["verdict"], "exceeded");
    // 控制在5.5%以内, 5.6%: missed.
    let u = one("urban_surveyed_unemployment_rate", 2024);
    assert_eq!(
        (&u["verdict"], &u["met"]),
        (&Value::from("missed"), &Value::from(false))
    );
    // 2023: an outcome no target of these inputs asked for; 2025: targets not reported yet.
    assert_eq!(one("gdp_growth", 2023)["verdict"], "no_target");
    assert_eq!(one("gdp_growth", 2025)["verdict"], "not_reported");
    assert!(one("gdp_growth", 2025)["outcome"].is_null());
    // Filters, and the other formats hold the same rows.
    let only = attainment(
        &[dir.path()],
        &["--indicator", "gdp_growth", "--year", "2024"],
    );
    assert_eq!(only.len(), 1);
    let csv = Command::new(bin())
        .arg("attainment")
        .arg(dir.path())
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("\u{FEFF}region,region_code,indicator,indicator_id,year,"));
    assert_eq!(csv.lines().count(), rows.len() + 1);
}

/// One row of the hand-written table.
struct Pair {
    year: i64,
    indicator: String,
    target: (String, f64),
    outcome: (String, f64),
}

fn hand_table() -> Vec<Pair> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/attainment/national.tsv")).unwrap();
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (y, i, tc, tv, oc, ov) = (
        col("year"),
        col("indicator"),
        col("target_comparator"),
        col("target_value"),
        col("outcome_comparator"),
        col("outcome_value"),
    );
    // Rows with one side missing in the reports (notes `skipped: …`) have no pair to judge.
    lines
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some(Pair {
                year: c[y].parse().unwrap(),
                indicator: c[i].to_string(),
                target: (c[tc].to_string(), c[tv].parse().ok()?),
                outcome: (c[oc].to_string(), c[ov].parse().ok()?),
            })
        })
        .collect()
}

/// The indicator ids of the table's names.
fn id_of(name: &str) -> &'static str {
    match name {
        "gdp_growth" => "gdp_growth",
        "cpi" => "cpi_increase",
        "urban_jobs" => "urban_new_jobs",
        other => panic!("unknown indicator {other} in the hand table"),
    }
}

/// A value of a row's side in the table's unit (jobs in 人, rates in %).
fn value_of(side: &Value) -> Option<f64> {
    if side.is_null() {
        return None;
    }
    let v = side["value"].as_f64()?;
    Some(match side["unit"].as_str() {
        Some("万人") => v * 10000.0,
        _ => v,
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

/// The national headline series, 2003–2024: for each year and indicator of the hand table, the
/// target of that year's report and the outcome the next report gives, with their verdict. The
/// table is printed; the share read right must stay at or above the floor measured when this
/// test was written (it is raised as the readers improve; the misses are printed by kind).
#[test]
fn the_national_series_lines_up_target_against_outcome_year_by_year() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: ../shared/corpus/docs is not beside the checkout (CI has it)");
        return;
    };
    let table = hand_table();
    assert!(table.len() >= 45, "{} pairs in the hand table", table.len());
    let reports: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("natgwr_"))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for r in &reports {
        std::fs::copy(r, dir.path().join(r.file_name().unwrap())).unwrap();
    }
    let rows = attainment(&[dir.path()], &["--region", "全国"]);
    let mut right = 0;
    let mut report = String::new();
    for p in &table {
        let id = id_of(&p.indicator);
        let candidates: Vec<&Value> = rows
            .iter()
            .filter(|r| r["indicator_id"] == id && r["year"] == p.year)
            .collect();
        // The value (the table writes a range, 6.5%－7%, as >= its lower bound); the comparator
        // shows in the verdict.
        let target_ok = |r: &Value| value_of(&r["target"]).is_some_and(|v| close(v, p.target.1));
        let outcome_ok = |r: &Value| value_of(&r["outcome"]).is_some_and(|v| close(v, p.outcome.1));
        let row = candidates
            .iter()
            .find(|r| target_ok(r) && outcome_ok(r))
            .copied();
        // The verdict the contract gives the hand values.
        let want = {
            let side = |c: &str, v: f64| policy_targets::attainment::Side {
                comparator: c.to_string(),
                value: serde_json::Number::from_f64(v).unwrap(),
                value_max: None,
                unit: Some(if id == "urban_new_jobs" { "人" } else { "%" }.to_string()),
                normalized: None,
                doc_id: String::new(),
                path: String::new(),
                title: None,
                date: None,
                quote: String::new(),
                start: 0,
            };
            let better = if id == "cpi_increase" {
                policy_targets::attainment::Better::Lower
            } else {
                policy_targets::attainment::Better::Higher
            };
            policy_targets::attainment::judge(
                &side(&p.target.0, p.target.1),
                &side(&p.outcome.0, p.outcome.1),
                Some(better),
            )
            .0
        };
        let status = match row {
            Some(r) if r["verdict"] == want => {
                right += 1;
                "ok".to_string()
            }
            Some(r) => format!("verdict {} (want {want})", r["verdict"]),
            None => {
                let t = candidates.iter().any(|r| target_ok(r));
                let o = candidates.iter().any(|r| outcome_ok(r));
                match (t, o) {
                    (false, false) => "target and outcome not read".to_string(),
                    (false, true) => "target not read".to_string(),
                    (true, false) => "outcome not read".to_string(),
                    (true, true) => "not paired".to_string(),
                }
            }
        };
        report.push_str(&format!(
            "{} {:<11} target {} {:<10} outcome {:<10} {want:<9} {status}\n",
            p.year, p.indicator, p.target.0, p.target.1, p.outcome.1
        ));
    }
    eprintln!(
        "{report}{right} of {} pairs read and judged right",
        table.len()
    );
    let share = right as f64 / table.len() as f64;
    assert!(
        share >= FLOOR,
        "{right} of {} ({share:.2}) < {FLOOR}",
        table.len()
    );
}

/// The share of the hand table's pairs read and judged right, the floor it may not fall below:
/// 50 of 50.
const FLOOR: f64 = 1.0;
