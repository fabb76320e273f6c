//! `policy-targets compare` end to end: the seeds compared across regions in every format,
//! on-the-fly extraction against an output folder, and hand-made record fixtures for conflicts,
//! restatements, unit conversion, filters and exit codes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use policy_targets::record::{DocumentRecord, TargetRecord};
use serde_json::{json, Value};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn ok(o: &std::process::Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(o)
}

fn json_of(o: &std::process::Output) -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(&ok(o)).expect("a JSON array")
}

fn rows(table: &Value) -> &Vec<Value> {
    table["rows"].as_array().expect("rows")
}

/// Display width as a terminal shows it: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x9FFF | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

fn mmr_json(input: &Path) -> Vec<Value> {
    json_of(&common::compare(&[
        input.as_os_str(),
        "--indicator".as_ref(),
        "孕产妇死亡率".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]))
}

#[test]
fn seeds_maternal_mortality_by_region_strictest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::extract_seeds(tmp.path());
    let tables = mmr_json(&out);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let t = &tables[0];
    assert_eq!(t["indicator_id"], "maternal_mortality_ratio");
    assert_eq!(t["indicator"], "孕产妇死亡率");
    assert_eq!(t["direction"], "lower");
    assert_eq!(t["compared_on"], json!(["ratio"]));
    assert_eq!(t["conflicts"], json!([]));
    let rs = rows(t);
    // Lower is stricter: normalized values never decrease down the table.
    let levels: Vec<f64> = rs
        .iter()
        .map(|r| r["normalized"]["value"].as_f64().unwrap())
        .collect();
    assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{levels:?}");
    for r in rs {
        assert_eq!(r["comparator"], "<=");
        assert_eq!(r["unit"], "/10万");
        assert_eq!(r["normalized"]["unit"], "ratio");
        assert_eq!(r["conflict"], false);
    }

    let first = &rs[0];
    assert_eq!(first["region"], "新建区");
    assert_eq!(first["region_code"], "360112");
    assert_eq!(first["value"], 10);
    assert_eq!(first["year"], 2025);
    assert_eq!(first["deadline"], "2025-12-31");
    assert_eq!(first["normalized"]["value"].as_f64(), Some(0.0001));
    assert_eq!(first["mark"], "strictest");
    assert_eq!(first["doc_number"], "新府发〔2023〕3号");
    assert_eq!(first["date"], "2023-06-08");
    assert!(first["title"]
        .as_str()
        .unwrap()
        .contains("新建区卫生健康服务能力全面提升三年行动"));
    assert_eq!(first["quote"], "孕产妇死亡率控制在10/10万以下");
    // 004's summary table restates the target (duplicate_of): it is not a row of its own.
    assert_eq!(rs.iter().filter(|r| r["region"] == "新建区").count(), 1);

    let nanan: Vec<&Value> = rs.iter().filter(|r| r["region"] == "南安市").collect();
    assert!(!nanan.is_empty());
    assert!(nanan
        .iter()
        .all(|r| r["value"] == 16 && r["region_code"] == "350583"));
    assert!(
        nanan
            .iter()
            .any(|r| r["deadline"] == "2021-12-31" && r["year"] == 2021),
        "{nanan:#?}"
    );

    let last = rs.last().unwrap();
    assert!(last["path"].as_str().unwrap().contains("003_"), "{last:#}");
    assert_eq!(last["region"], Value::Null);
    assert_eq!(last["region_code"], Value::Null);
    assert_eq!(last["value"], 22);
    assert_eq!(last["mark"], "loosest");
    assert!(last["quote"].as_str().unwrap().contains("22/10萬"));
    assert_eq!(rs.len(), nanan.len() + 2);
}

#[test]
fn csv_round_trips_with_the_same_values() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::extract_seeds(tmp.path());
    let tables = mmr_json(&out);
    let file = tmp.path().join("mmr.csv");
    // The format follows the extension of -o.
    let o = common::compare(&[
        out.as_os_str(),
        "--indicator".as_ref(),
        "孕产妇死亡率".as_ref(),
        "-o".as_ref(),
        file.as_os_str(),
    ]);
    assert!(ok(&o).is_empty(), "nothing on stdout with -o");
    let text = std::fs::read_to_string(&file).unwrap();
    let body = text.strip_prefix('\u{FEFF}').expect("a UTF-8 BOM");
    // Numbers are not quoted.
    assert!(body.contains(",<=,10,,/10万,0.0001,,ratio,"), "{body}");
    assert!(!body.contains("\"10\""));
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, policy_targets::compare::CSV_COLUMNS);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let json_rows = rows(&tables[0]);
    assert_eq!(records.len(), json_rows.len());
    let text_or_null = |s: &str| {
        if s.is_empty() {
            Value::Null
        } else {
            Value::String(s.to_string())
        }
    };
    for (rec, r) in records.iter().zip(json_rows) {
        assert_eq!(&rec[col("indicator_id")], "maternal_mortality_ratio");
        let value: f64 = rec[col("value")].parse().unwrap();
        assert_eq!(Some(value), r["value"].as_f64());
        let nv: f64 = rec[col("normalized_value")].parse().unwrap();
        assert_eq!(Some(nv), r["normalized"]["value"].as_f64());
        for k in [
            "region",
            "region_code",
            "deadline",
            "comparator",
            "unit",
            "mark",
            "title",
            "doc_number",
            "date",
            "quote",
            "path",
        ] {
            assert_eq!(text_or_null(&rec[col(k)]), r[k], "{k}");
        }
        assert_eq!(
            rec[col("year")].parse::<i64>().ok(),
            r["year"].as_i64(),
            "year"
        );
        assert_eq!(&rec[col("conflict")], "false");
    }
}

#[test]
fn table_and_markdown_render() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::extract_seeds(tmp.path());
    let table = ok(&common::compare(&[
        out.as_os_str(),
        "--indicator".as_ref(),
        "maternal_mortality_ratio".as_ref(),
    ]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("孕产妇死亡率 [maternal_mortality_ratio] — lower is stricter"),
        "{table}"
    );
    assert!(lines[1].trim_start().starts_with("mark"));
    assert!(
        lines[2].trim_start().starts_with("strictest  新建区"),
        "{table}"
    );
    assert!(table.contains("loosest"));
    // Columns line up on a terminal: the comparator column starts at the same display
    // column in the header and every row, whatever the width of the Chinese text before it.
    let at = |line: &str, needle: &str| width(&line[..line.find(needle).unwrap()]);
    let cmp_col = at(lines[1], " cmp ");
    for row in &lines[2..] {
        assert_eq!(at(row, " <= "), cmp_col, "{table}");
    }

    let md = ok(&common::compare(&[
        out.as_os_str(),
        "--indicator".as_ref(),
        "孕产妇死亡率".as_ref(),
        "--format".as_ref(),
        "md".as_ref(),
    ]));
    assert!(
        md.starts_with("### 孕产妇死亡率 (`maternal_mortality_ratio`)\n"),
        "{md}"
    );
    let table_lines: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table_lines.len(), 2 + rows(&mmr_json(&out)[0]).len());
    let pipes = |l: &str| l.replace("\\|", "").matches('|').count();
    assert!(table_lines
        .iter()
        .all(|l| pipes(l) == pipes(table_lines[0])));
    assert!(table_lines[1].starts_with("| --- |"));
    assert!(md.contains("| strictest | 新建区 | 360112 | 2025 | 2025-12-31 | <= | 10 | /10万 |"));
}

#[test]
fn on_the_fly_extraction_gives_the_same_comparison() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::extract_seeds(tmp.path());
    let from_folder = ok(&common::compare(&[
        out.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    let cwd = tempfile::tempdir().unwrap();
    let o = Command::new(common::bin())
        .current_dir(cwd.path())
        .arg("compare")
        .arg(common::seeds())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(ok(&o), from_folder);
    assert!(from_folder.contains("\"maternal_mortality_ratio\""));
    // Nothing but the comparison is written.
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
    // The same notice given twice (as notices and as an output folder) is compared once.
    let twice = ok(&common::compare(&[
        out.as_os_str(),
        common::seeds().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    assert_eq!(twice, from_folder);
}

// ---------------------------------------------------------------------------------------------
// Fixtures: hand-made output folders.
// ---------------------------------------------------------------------------------------------

fn document(
    doc_id: &str,
    title: &str,
    number: &str,
    date: &str,
    region: &str,
    code: Value,
) -> Value {
    json!({
        "doc_id": doc_id, "path": format!("notices/{doc_id}.txt"), "bytes": 1000, "chars": 500,
        "encoding": "utf-8", "script": "simplified", "title": title, "issuer": null,
        "doc_number": number, "date": date, "region": region, "region_code": code,
        "province": null, "prefecture": null, "region_candidates": [], "targets": 1,
        "milestones": 0, "error": null
    })
}

#[allow(clippy::too_many_arguments)]
fn target(
    doc_id: &str,
    indicator: &str,
    id: Value,
    region: &str,
    code: Value,
    comparator: &str,
    value: Value,
    unit: &str,
    normalized: Value,
    line: usize,
) -> Value {
    json!({
        "doc_id": doc_id, "path": format!("notices/{doc_id}.txt"), "kind": "target",
        "indicator": indicator, "indicator_id": id, "comparator": comparator, "value": value,
        "value_max": null, "unit": unit, "normalized": normalized, "strength": "binding",
        "year": 2025, "deadline": "2025-12-31", "deadline_text": "到2025年底", "units": [],
        "lead_units": [], "support_units": [], "region": region, "region_code": code,
        "duplicate_of": null, "quote": format!("{indicator}{comparator}{value}{unit}"),
        "start": line * 10, "end": line * 10 + 8, "line": line, "rule": "indicator-before-value"
    })
}

fn ratio(v: f64) -> Value {
    json!({"value": v, "value_max": null, "unit": "ratio"})
}

fn write_jsonl(path: &Path, records: &[Value]) {
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// Two revisions of a 新建区 plan and a 南安市 plan: a conflict on 孕产妇死亡率 (10 then 12 per
/// 100,000 for 2025, the second written in traditional characters without a code), a summary
/// table restatement, 出生缺陷发生率 as 0.5% and 5‰ (the same target), 6‰ and a count in 例.
fn fixture(dir: &Path) -> PathBuf {
    let out = dir.join("fixture-out");
    std::fs::create_dir_all(&out).unwrap();
    let docs = [
        document(
            "aaaa000000000001",
            "新建区卫生健康三年行动计划",
            "新府发〔2023〕3号",
            "2023-06-08",
            "新建区",
            json!("360112"),
        ),
        document(
            "aaaa000000000002",
            "新建區衛生健康三年行動計劃(修訂)",
            "新府发〔2024〕7号",
            "2024-03-01",
            "新建區",
            Value::Null,
        ),
        document(
            "aaaa000000000003",
            "南安市出生缺陷防治工作方案",
            "南卫〔2023〕9号",
            "2023-02-01",
            "南安市",
            json!("350583"),
        ),
    ];
    let mmr = json!("maternal_mortality_ratio");
    let mut table_copy = target(
        "aaaa000000000001",
        "孕产妇死亡率",
        mmr.clone(),
        "新建区",
        json!("360112"),
        "<=",
        json!(99),
        "/10万",
        ratio(0.00099),
        90,
    );
    table_copy["duplicate_of"] = json!(30);
    let targets = [
        target(
            "aaaa000000000001",
            "孕产妇死亡率",
            mmr,
            "新建区",
            json!("360112"),
            "<=",
            json!(10),
            "/10万",
            ratio(0.0001),
            3,
        ),
        table_copy,
        target(
            "aaaa000000000001",
            "出生缺陷发生率",
            Value::Null,
            "新建区",
            json!("360112"),
            "<=",
            json!(0.5),
            "%",
            ratio(0.005),
            4,
        ),
        target(
            "aaaa000000000002",
            "孕產婦死亡率",
            Value::Null,
            "新建區",
            Value::Null,
            "<=",
            json!(12),
            "/10万",
            ratio(0.00012),
            3,
        ),
        target(
            "aaaa000000000002",
            "出生缺陷发生率",
            Value::Null,
            "新建區",
            Value::Null,
            "<=",
            json!(5),
            "‰",
            ratio(0.005),
            4,
        ),
        target(
            "aaaa000000000003",
            "出生缺陷发生率",
            Value::Null,
            "南安市",
            json!("350583"),
            "<=",
            json!(6),
            "‰",
            ratio(0.006),
            2,
        ),
        target(
            "aaaa000000000003",
            "出生缺陷发生率",
            Value::Null,
            "南安市",
            json!("350583"),
            "<=",
            json!(3),
            "例",
            Value::Null,
            5,
        ),
    ];
    // The fixture keeps to the record contract.
    for d in &docs {
        serde_json::from_value::<DocumentRecord>(d.clone()).unwrap();
    }
    for t in &targets {
        serde_json::from_value::<TargetRecord>(t.clone()).unwrap();
    }
    write_jsonl(&out.join("documents.jsonl"), &docs);
    write_jsonl(&out.join("targets.jsonl"), &targets);
    out
}

fn by_id<'a>(tables: &'a [Value], indicator: &str) -> &'a Value {
    tables
        .iter()
        .find(|t| t["indicator"] == indicator)
        .unwrap_or_else(|| panic!("no {indicator} in {tables:#?}"))
}

#[test]
fn a_revision_with_another_value_is_a_conflict_and_restatements_are_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = fixture(tmp.path());
    let tables = json_of(&common::compare(&[
        out.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    let t = by_id(&tables, "孕产妇死亡率");
    assert_eq!(t["indicator_id"], "maternal_mortality_ratio");
    assert_eq!(t["names"], json!(["孕产妇死亡率", "孕產婦死亡率"]));
    let rs = rows(t);
    // The restatement (duplicate_of, 99/10万) is dropped; the two revisions stay two rows.
    assert_eq!(rs.len(), 2, "{t:#}");
    assert!(rs.iter().all(|r| r["value"] != 99));
    assert_eq!(rs[0]["value"], 10);
    assert_eq!(rs[0]["doc_number"], "新府发〔2023〕3号");
    assert_eq!(rs[1]["value"], 12);
    assert_eq!(rs[1]["region"], "新建區");
    assert!(rs.iter().all(|r| r["conflict"] == true));
    assert_eq!(
        t["conflicts"],
        json!([{"region": "新建区", "region_code": "360112", "year": 2025, "compared_on": "ratio", "rows": [0, 1]}])
    );
    let table = ok(&common::compare(&[
        out.as_os_str(),
        "--indicator".as_ref(),
        "孕产妇死亡率".as_ref(),
    ]));
    assert!(
        table.contains(
            "CONFLICT: 新建区 (360112) 2025: <= 10/10万 in 新府发〔2023〕3号 line 3 vs <= 12/10万 in 新府发〔2024〕7号 line 3"
        ),
        "{table}"
    );
    assert!(table.contains("strictest CONFLICT"), "{table}");
}

#[test]
fn percent_and_permille_line_up_on_normalized() {
    let tmp = tempfile::tempdir().unwrap();
    let out = fixture(tmp.path());
    let tables = json_of(&common::compare(&[
        out.as_os_str(),
        "--indicator".as_ref(),
        "出生缺陷发生率".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t["indicator_id"], Value::Null);
    assert_eq!(t["compared_on"], json!(["ratio", "例"]));
    let rs = rows(t);
    let summary: Vec<(String, String, Value, Value)> = rs
        .iter()
        .map(|r| {
            (
                format!("{}{}", r["value"], r["unit"].as_str().unwrap()),
                r["compared_on"].as_str().unwrap().to_string(),
                r["mark"].clone(),
                r["normalized"]["value"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "0.5%".into(),
                "ratio".into(),
                json!("strictest"),
                json!(0.005)
            ),
            (
                "5‰".into(),
                "ratio".into(),
                json!("strictest"),
                json!(0.005)
            ),
            ("6‰".into(), "ratio".into(), json!("loosest"), json!(0.006)),
            ("3例".into(), "例".into(), Value::Null, Value::Null),
        ]
    );
    // 0.5% in one revision and 5‰ in the other are the same target: no conflict.
    assert_eq!(t["conflicts"], json!([]));
    assert!(rs.iter().all(|r| r["conflict"] == false));
    let table = ok(&common::compare(&[
        out.as_os_str(),
        "--indicator".as_ref(),
        "出生缺陷".as_ref(),
    ]));
    assert!(
        table.contains("not comparable: units ratio, 例 do not convert into each other"),
        "{table}"
    );
}

#[test]
fn filters_match_names_codes_and_years_written_either_way() {
    let tmp = tempfile::tempdir().unwrap();
    let out = fixture(tmp.path());
    let regions_of = |args: &[&str]| -> Vec<String> {
        let mut all: Vec<&std::ffi::OsStr> = vec![out.as_os_str()];
        all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
        all.extend(["--format", "json"].iter().map(std::ffi::OsStr::new));
        json_of(&common::compare(&all))
            .iter()
            .flat_map(|t| rows(t).clone())
            .map(|r| format!("{}:{}", r["region"].as_str().unwrap(), r["value"]))
            .collect()
    };
    // 新建区 with or without its suffix, in traditional characters, or by code: both revisions.
    for region in ["新建区", "新建", "新建區", "360112"] {
        assert_eq!(
            regions_of(&["--indicator", "孕產婦死亡率", "--region", region]),
            ["新建区:10", "新建區:12"],
            "{region}"
        );
    }
    assert_eq!(
        regions_of(&[
            "--indicator",
            "maternal_mortality_ratio",
            "--region",
            "南安市"
        ]),
        Vec::<String>::new()
    );
    assert_eq!(
        regions_of(&["--region", "南安", "--region", "350583"]),
        ["南安市:6", "南安市:3"]
    );
    assert_eq!(regions_of(&["--year", "2024"]), Vec::<String>::new());
    assert_eq!(regions_of(&["--year", "2025"]).len(), 7 - 1);
}

#[test]
fn exit_codes_and_output_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = fixture(tmp.path());

    // -o FILE: written atomically, the format from the extension, no temporary file left.
    let dest = tmp.path().join("reports");
    std::fs::create_dir_all(&dest).unwrap();
    for (name, check) in [
        ("c.json", "[\n  {"),
        ("c.md", "### 孕产妇死亡率"),
        ("c.txt", "孕产妇死亡率 [maternal_mortality_ratio] — "),
    ] {
        let file = dest.join(name);
        assert!(ok(&common::compare(&[
            out.as_os_str(),
            "-o".as_ref(),
            file.as_os_str()
        ]))
        .is_empty());
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with(check), "{name}: {text}");
    }
    assert_eq!(std::fs::read_dir(&dest).unwrap().count(), 3);

    // An unreadable input: reported, the rest compared, exit 1.
    let missing = tmp.path().join("no-such-folder");
    let o = common::compare(&[out.as_os_str(), missing.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(stdout(&o).contains("孕产妇死亡率"));

    // A malformed line of targets.jsonl is reported with its line number.
    let broken = tmp.path().join("broken-out");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::copy(out.join("documents.jsonl"), broken.join("documents.jsonl")).unwrap();
    let mut text = std::fs::read_to_string(out.join("targets.jsonl")).unwrap();
    text.push_str("{\"doc_id\": \"truncated\n");
    std::fs::write(broken.join("targets.jsonl"), text).unwrap();
    let o = common::compare(&[broken.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("targets.jsonl:8:"), "{err}");

    // Usage errors: exit 2.
    let o = common::compare(&[out.as_os_str(), "--format".as_ref(), "xlsx".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    let o = common::compare(&[out.as_os_str(), "--year".as_ref(), "20xx".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    let nowhere = tmp.path().join("missing-dir/c.csv");
    let o = common::compare(&[out.as_os_str(), "-o".as_ref(), nowhere.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!nowhere.exists());
}

/// compare reads its JSON Lines as bytes, line by line: a line with a byte that is not UTF-8 is
/// reported with its number and the rest compared; a byte-order mark does not lose the first
/// record; an input with no records is a warning, not a silent success.
#[test]
fn bad_bytes_a_bom_and_empty_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = fixture(tmp.path());
    let whole = ok(&common::compare(&[
        out.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));

    // A BOM before the first record of each file: the same comparison.
    let bom = tmp.path().join("bom-out");
    std::fs::create_dir_all(&bom).unwrap();
    for f in ["documents.jsonl", "targets.jsonl"] {
        let mut bytes = "\u{FEFF}".as_bytes().to_vec();
        bytes.extend(std::fs::read(out.join(f)).unwrap());
        std::fs::write(bom.join(f), bytes).unwrap();
    }
    let o = common::compare(&[bom.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(ok(&o), whole, "a BOM changes nothing");

    // One invalid byte on line 2 of targets.jsonl: that line is reported, the others compared.
    let bad = tmp.path().join("bad-out");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::copy(out.join("documents.jsonl"), bad.join("documents.jsonl")).unwrap();
    let text = std::fs::read(out.join("targets.jsonl")).unwrap();
    let mut lines: Vec<Vec<u8>> = text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let total = lines.iter().filter(|l| !l.is_empty()).count();
    lines[1].insert(10, 0xFF);
    std::fs::write(bad.join("targets.jsonl"), lines.join(&b'\n')).unwrap();
    let o = common::compare(&[bad.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("targets.jsonl:2:") && err.contains("not UTF-8"),
        "{err}"
    );
    let rows_of = |s: &str| -> usize {
        serde_json::from_str::<Vec<Value>>(s)
            .unwrap()
            .iter()
            .map(|t| rows(t).len())
            .sum()
    };
    let kept = rows_of(&stdout(&o));
    assert!(
        kept > 0 && kept <= rows_of(&whole),
        "the other {} lines are compared: {kept} rows",
        total - 1
    );

    // Empty files: a warning names them.
    let empty = tmp.path().join("empty-out");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("documents.jsonl"), "").unwrap();
    std::fs::write(empty.join("targets.jsonl"), "\n").unwrap();
    let o = common::compare(&[empty.as_os_str()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning") && err.contains("targets.jsonl") && err.contains("no records"),
        "{err}"
    );
}

#[test]
fn help_describes_compare() {
    let o = Command::new(common::bin())
        .args(["compare", "--help"])
        .output()
        .unwrap();
    let help = ok(&o);
    for needle in [
        "--indicator",
        "--region",
        "--year",
        "--format",
        "CONFLICT",
        "Exit codes",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
}

#[test]
fn the_indicator_list_counts_targets_and_regions_per_id() {
    let out = common::compare(&[
        common::seeds().as_os_str(),
        "--list-indicators".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mmr = rows
        .iter()
        .find(|r| &r[0] == "maternal_mortality_ratio")
        .unwrap();
    assert_eq!(
        (&mmr[1], &mmr[2], &mmr[3], &mmr[4]),
        ("孕产妇死亡率", "maternal_child_health", "lower", "/10万")
    );
    let (targets, regions): (usize, usize) = (mmr[5].parse().unwrap(), mmr[6].parse().unwrap());
    assert!(targets >= 3 && regions >= 2, "{targets} {regions}");
    // Most used first.
    let counts: Vec<usize> = rows.iter().map(|r| r[5].parse().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    // The table ends with the share of targets that carry an id.
    let table = common::compare(&[common::seeds().as_os_str(), "--list-indicators".as_ref()]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table
            .lines()
            .last()
            .unwrap()
            .contains("targets carry an id"),
        "{table}"
    );
}
