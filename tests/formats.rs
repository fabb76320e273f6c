//! The formats notices are published in: each seed as a government site's web page (GB2312 or
//! UTF-8, one declaring the wrong charset), as a Word document with its table a Word table, and as
//! a PDF printed from that document must give the targets the plain-text seed gives; broken and
//! unreadable files are reported with a reason while the rest of the run completes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::formats::{self as gen, Block};
use serde_json::Value;

/// What a target says, without its place: (indicator, comparator, value, value_max, unit,
/// deadline, units).
type Key = (String, String, String, String, String, String, String);

fn key(t: &Value) -> Key {
    let s = |k: &str| t[k].to_string();
    (
        s("indicator"),
        s("comparator"),
        s("value"),
        s("value_max"),
        s("unit"),
        s("deadline"),
        s("units"),
    )
}

/// Targets by file name, each as a sorted list of keys.
fn targets_by_file(out: &Path) -> BTreeMap<String, Vec<Key>> {
    let mut by: BTreeMap<String, Vec<Key>> = BTreeMap::new();
    for t in common::read_jsonl(&out.join("targets.jsonl")) {
        let name = Path::new(t["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        by.entry(name).or_default().push(key(&t));
    }
    for v in by.values_mut() {
        v.sort();
    }
    by
}

/// The text `--text-dir` wrote for document record `d`.
fn text_of(texts: &Path, d: &Value) -> String {
    let name = format!(
        "{}.{}.txt",
        d["doc_id"].as_str().unwrap(),
        d["format"].as_str().unwrap()
    );
    std::fs::read_to_string(texts.join(name)).unwrap()
}

/// Write every seed as a web page and a Word document, and copy its PDF fixture.
fn publish_seeds(dir: &Path) -> Vec<String> {
    let mut stems = Vec::new();
    for (i, p) in common::files_ending(&common::seeds(), ".txt")
        .iter()
        .enumerate()
    {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        let blocks = gen::blocks(&std::fs::read_to_string(p).unwrap());
        let title = gen::title_of(&blocks);
        std::fs::write(
            dir.join(format!("{stem}.html")),
            gen::html_page(&blocks, &title, gen::PAGES[i % gen::PAGES.len()]),
        )
        .unwrap();
        std::fs::write(dir.join(format!("{stem}.docx")), gen::docx(&blocks)).unwrap();
        let pdf = common::root().join(format!("tests/fixtures/formats/{stem}.pdf"));
        std::fs::copy(&pdf, dir.join(format!("{stem}.pdf"))).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (scripts/make-format-fixtures.sh makes it)",
                pdf.display()
            )
        });
        stems.push(stem);
    }
    stems
}

#[test]
fn every_seed_as_a_web_page_a_word_file_and_a_pdf_gives_the_seeds_targets() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, out, texts) = (
        tmp.path().join("docs"),
        tmp.path().join("out"),
        tmp.path().join("text"),
    );
    std::fs::create_dir(&docs).unwrap();
    let stems = publish_seeds(&docs);
    assert_eq!(stems.len(), 5);
    let o = common::extract(&[&docs], &out, &["--text-dir", texts.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let seed_out = tmp.path().join("seed-out");
    assert_eq!(
        common::extract(&[&common::seeds()], &seed_out, &[])
            .status
            .code(),
        Some(0)
    );
    let want = targets_by_file(&seed_out);
    let got = targets_by_file(&out);
    for stem in &stems {
        let seed = want
            .get(&format!("{stem}.txt"))
            .cloned()
            .unwrap_or_default();
        for ext in ["html", "docx", "pdf"] {
            let name = format!("{stem}.{ext}");
            let have = got.get(&name).cloned().unwrap_or_default();
            let missing: Vec<_> = seed.iter().filter(|k| !have.contains(k)).collect();
            let extra: Vec<_> = have.iter().filter(|k| !seed.contains(k)).collect();
            assert!(
                have == seed,
                "{name}: {} targets, the seed {}; missing {missing:#?}; extra {extra:#?}",
                have.len(),
                seed.len()
            );
        }
    }
    // Every record points into the text written for its document.
    let docs_out = common::read_jsonl(&out.join("documents.jsonl"));
    let mut formats = BTreeMap::new();
    for d in &docs_out {
        assert!(d["error"].is_null(), "{d}");
        *formats
            .entry(d["format"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
        let path = d["path"].as_str().unwrap();
        if path.ends_with(".html") {
            let i = stems
                .iter()
                .position(|s| path.contains(s.as_str()))
                .unwrap();
            let page = gen::PAGES[i % gen::PAGES.len()];
            // The bytes decide, not the declaration.
            let want = if page.bytes_in == "gbk" {
                ["gbk", "gb18030"]
            } else {
                ["utf-8", "utf-8"]
            };
            assert!(
                want.contains(&d["encoding"].as_str().unwrap()),
                "{path}: {}",
                d["encoding"]
            );
        } else {
            assert!(d["encoding"].is_null(), "{d}");
        }
    }
    assert_eq!(
        formats,
        BTreeMap::from([("docx".into(), 5), ("html".into(), 5), ("pdf".into(), 5)])
    );
    let docs_by_path: BTreeMap<String, &Value> = docs_out
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d))
        .collect();
    let records = common::read_jsonl(&out.join("targets.jsonl"))
        .into_iter()
        .chain(common::read_jsonl(&out.join("milestones.jsonl")));
    let mut checked = 0;
    for r in records {
        let text = text_of(&texts, docs_by_path[r["path"].as_str().unwrap()]);
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            r["quote"].as_str().unwrap(),
            "{r}"
        );
        checked += 1;
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn a_page_keeps_its_text_and_lists_its_attachments_but_not_its_chrome() {
    let tmp = tempfile::tempdir().unwrap();
    let blocks = vec![
        Block::Para("关于印发2024年妇幼健康工作要点的通知".into()),
        Block::Para(
            "到2024年底，全县孕产妇死亡率控制在10/10万以下，婴儿死亡率控制在5‰以下。".into(),
        ),
    ];
    let mut page = String::from_utf8(gen::html_page(
        &blocks,
        "关于印发2024年妇幼健康工作要点的通知",
        gen::PAGES[4],
    ))
    .unwrap();
    page = page.replace(
        "</div>\n<div class=\"share",
        "<p>附件：<a href=\"/u/cms/2024/fj1.docx\">2024年妇幼健康工作要点</a> <a href=\"/u/cms/2024/fj2.pdf\">目标任务分解表</a></p></div>\n<div class=\"share",
    );
    page = page.replace(
        "</head>",
        "<meta name=\"PubDate\" content=\"2024-03-08 09:30\"></head>",
    );
    std::fs::write(tmp.path().join("notice.shtml"), page).unwrap();
    let out = tmp.path().join("out");
    let texts = tmp.path().join("text");
    let o = common::extract(
        &[tmp.path().join("notice.shtml").as_path()],
        &out,
        &["--text-dir", texts.to_str().unwrap()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = &common::read_jsonl(&out.join("documents.jsonl"))[0];
    assert_eq!(d["format"], "html");
    assert_eq!(d["date"], "2024-03-08", "{d}");
    assert_eq!(d["title"], "关于印发2024年妇幼健康工作要点的通知");
    assert_eq!(
        d["attachments"],
        serde_json::json!([
            {"name": "2024年妇幼健康工作要点", "href": "/u/cms/2024/fj1.docx"},
            {"name": "目标任务分解表", "href": "/u/cms/2024/fj2.pdf"}
        ])
    );
    let text = text_of(&texts, d);
    for chrome in [
        "首页",
        "政务公开",
        "当前位置",
        "字号",
        "打印本页",
        "分享到",
        "相关文章",
        "网站地图",
        "统计代码",
        "请输入关键字",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} in {text:?}");
    }
    let targets = common::read_jsonl(&out.join("targets.jsonl"));
    let got: Vec<(String, f64)> = targets
        .iter()
        .map(|t| {
            (
                t["indicator"].as_str().unwrap().to_string(),
                t["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![("孕产妇死亡率".into(), 10.0), ("婴儿死亡率".into(), 5.0)]
    );
}

#[test]
fn a_spreadsheet_of_targets_is_read_row_by_row() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = vec![
        vec!["某县妇幼健康目标任务分解表"],
        vec!["序号", "指标名称", "单位", "2025年目标值", "责任单位"],
        vec!["1", "孕产妇死亡率", "/10万", "≤12", "县卫健局"],
        vec!["2", "婴儿死亡率", "‰", "≤5", "县卫健局"],
        vec!["3", "住院分娩率", "%", "99.5", "县卫健局"],
    ];
    std::fs::write(tmp.path().join("分解表.xlsx"), gen::xlsx("目标任务", &rows)).unwrap();
    let out = tmp.path().join("out");
    let texts = tmp.path().join("text");
    let o = common::extract(
        &[tmp.path()],
        &out,
        &["--text-dir", texts.to_str().unwrap()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = &common::read_jsonl(&out.join("documents.jsonl"))[0];
    assert_eq!(d["format"], "xlsx");
    let text = text_of(&texts, d);
    assert_eq!(
        text,
        "目标任务\n某县妇幼健康目标任务分解表\n序号\t指标名称\t单位\t2025年目标值\t责任单位\n1\t孕产妇死亡率\t/10万\t≤12\t县卫健局\n2\t婴儿死亡率\t‰\t≤5\t县卫健局\n3\t住院分娩率\t%\t99.5\t县卫健局\n"
    );
    let targets = common::read_jsonl(&out.join("targets.jsonl"));
    let values: Vec<f64> = targets
        .iter()
        .map(|t| t["value"].as_f64().unwrap())
        .collect();
    assert!(
        values.contains(&12.0) && values.contains(&5.0) && values.contains(&99.5),
        "{targets:#?}"
    );
}

#[test]
fn broken_and_unreadable_files_are_reported_and_the_rest_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::copy(
        common::seeds().join("001_46e6eaec03570da9.txt"),
        d.join("good.txt"),
    )
    .unwrap();
    let blocks = vec![Block::Para(
        "到2025年，孕产妇死亡率控制在10/10万以下。".into(),
    )];
    let mut docx = gen::docx(&blocks);
    docx.truncate(docx.len() / 2);
    std::fs::write(d.join("corrupt.docx"), docx).unwrap();
    let pdf = std::fs::read(common::root().join("tests/fixtures/formats/001_46e6eaec03570da9.pdf"))
        .unwrap();
    std::fs::write(d.join("truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    std::fs::write(d.join("scan.pdf"), gen::image_only_pdf()).unwrap();
    std::fs::write(d.join("loop.pdf"), gen::self_drawing_pdf()).unwrap();
    // A sheet whose used range is a billion cells: two cells far apart.
    let far = vec![("A1".to_string(), "目标"), ("XFD1048576".to_string(), "x")];
    std::fs::write(d.join("far.xlsx"), gen::xlsx_cells("表", &far)).unwrap();
    // A legacy Word file named .docx, an RTF named .doc, a web page saved as .xls.
    std::fs::write(
        d.join("renamed.docx"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy",
    )
    .unwrap();
    std::fs::write(d.join("rich.doc"), b"{\\rtf1\\ansi hello}").unwrap();
    std::fs::write(
        d.join("table.xls"),
        "<html><body><table><tr><td>指标</td><td>目标值</td></tr><tr><td>孕产妇死亡率</td><td>≤10/10万</td></tr></table><p>到2025年，孕产妇死亡率控制在10/10万以下。</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        d.join("frame.html"),
        r#"<html><frameset cols="100%"><frame src="content/notice.html"></frameset></html>"#,
    )
    .unwrap();
    std::fs::write(d.join("moved.htm"), r#"<html><head><meta http-equiv="refresh" content="0; url=/art/2024/notice.html"></head><body></body></html>"#).unwrap();
    std::fs::write(
        d.join("old.doc"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy",
    )
    .unwrap();
    std::fs::write(d.join("logo.png"), b"\x89PNG").unwrap();
    std::fs::write(d.join("style.css"), b"body{}").unwrap();
    let out = d.join("out");
    let o = common::extract(&[d], &out, &["-v"]);
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let docs = common::read_jsonl(&out.join("documents.jsonl"));
    let error = |name: &str| -> String {
        let d = docs
            .iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name}"));
        d["error"].as_str().unwrap_or("").to_string()
    };
    assert!(error("good.txt").is_empty());
    assert!(
        error("corrupt.docx").contains("DOCX"),
        "{}",
        error("corrupt.docx")
    );
    assert!(
        error("truncated.pdf").contains("PDF"),
        "{}",
        error("truncated.pdf")
    );
    assert!(
        error("scan.pdf").contains("text layer"),
        "{}",
        error("scan.pdf")
    );
    assert!(
        error("frame.html").contains("content/notice.html"),
        "{}",
        error("frame.html")
    );
    assert!(
        error("moved.htm").contains("redirect"),
        "{}",
        error("moved.htm")
    );
    assert!(error("old.doc").contains("convert"), "{}", error("old.doc"));
    for name in [
        "corrupt.docx",
        "truncated.pdf",
        "scan.pdf",
        "frame.html",
        "moved.htm",
        "old.doc",
    ] {
        assert!(
            stderr.contains(&format!("{name}: ")),
            "{name} not reported: {stderr}"
        );
    }
    // The good file is read in full, the unread types are counted and named.
    let targets = common::read_jsonl(&out.join("targets.jsonl"));
    assert!(
        targets
            .iter()
            .filter(|t| t["path"].as_str().unwrap().ends_with("good.txt"))
            .count()
            >= 5
    );
    assert!(
        stderr.contains("left 2 files of types not read: 1 .css, 1 .png"),
        "{stderr}"
    );
    assert!(stderr.contains("logo.png: left"), "{stderr}");
    assert_eq!(docs.len(), 12, "the png and css are not documents");
}
