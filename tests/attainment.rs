//! `attainment` end to end: targets of one report lined up with the outcomes the next report
//! gives for the same year, judged.

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
