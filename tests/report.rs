//! The page of `compare --format html` built from the seeds: its rows are the rows of `compare
//! --format csv`, 孕产妇死亡率 has 新建区 strictest at 10/10万; and in a real headless browser
//! (Debian's chromium; .ci/run installs it) the page loads with no console error, a region filter
//! (the address's #region=…) hides the other regions' rows, and a screenshot is written to
//! target/report-seeds.png for a person to look at. Without chromium the browser test says so on
//! stderr and skips, unless `POLICY_TARGETS_REQUIRE_ALL=1` makes that a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A row as both the page and the CSV state it: (indicator key, region, year, comparator,
/// value, value_max, unit).
type Key = (String, String, String, String, String, String, String);

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The target rows of a page (its static HTML or a browser's DOM), in page order, with whether
/// each is hidden.
fn page_rows(html: &str) -> Vec<(Key, bool, String)> {
    let section =
        regex::Regex::new(r#"<section class="indicator" id="ind-\d+" data-key="([^"]*)""#).unwrap();
    let row = regex::Regex::new(r#"<tr class="([^"]*)" data-region="([^"]*)" data-region-code="[^"]*" data-year="([^"]*)" data-comparator="([^"]*)" data-value="([^"]*)" data-value-max="([^"]*)" data-unit="([^"]*)"[^>]*?( hidden="")?>"#).unwrap();
    let mut marks: Vec<(usize, String)> = section
        .captures_iter(html)
        .map(|c| (c.get(0).unwrap().start(), unescape(&c[1])))
        .collect();
    marks.sort();
    let mut out = Vec::new();
    for c in row.captures_iter(html) {
        let at = c.get(0).unwrap().start();
        let Some((_, key)) = marks.iter().rev().find(|(s, _)| *s < at) else {
            continue;
        };
        let k = (
            key.clone(),
            unescape(&c[2]),
            c[3].to_string(),
            unescape(&c[4]),
            c[5].to_string(),
            c[6].to_string(),
            unescape(&c[7]),
        );
        out.push((k, c.get(8).is_some(), c[1].to_string()));
    }
    out
}

/// The rows of `compare --format csv` on the seeds.
fn csv_rows() -> Vec<Key> {
    let out = common::compare(&[
        common::seeds().as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, ind, region, year, cmp, value, max, unit) = (
        col("indicator_id"),
        col("indicator"),
        col("region"),
        col("year"),
        col("comparator"),
        col("value"),
        col("value_max"),
        col("unit"),
    );
    let mut rows = Vec::new();
    for rec in reader.records() {
        let r = rec.unwrap();
        // The page keys an indicator by its id, else by its name (one name per table here).
        let key = if r[id].is_empty() {
            r[ind].to_string()
        } else {
            r[id].to_string()
        };
        rows.push((
            key,
            r[region].to_string(),
            r[year].to_string(),
            r[cmp].to_string(),
            r[value].to_string(),
            r[max].to_string(),
            r[unit].to_string(),
        ));
    }
    rows
}

fn build_page(dir: &Path) -> PathBuf {
    let page = dir.join("report.html");
    let out = common::compare(&[common::seeds().as_os_str(), "-o".as_ref(), page.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    page
}

/// Check what a page (static or rendered) says of the seeds.
fn check_rows(html: &str) {
    let rows = page_rows(html);
    let mut got: Vec<Key> = rows.iter().map(|r| r.0.clone()).collect();
    let mut want = csv_rows();
    assert!(want.len() > 100, "{}", want.len());
    got.sort();
    want.sort();
    assert_eq!(got, want, "the page's rows are the CSV's rows");
    let mmr: Vec<&(Key, bool, String)> = rows
        .iter()
        .filter(|r| r.0 .0 == "maternal_mortality_ratio")
        .collect();
    assert!(mmr.len() >= 2);
    let first = &mmr[0];
    assert_eq!(
        (
            first.0 .1.as_str(),
            first.0 .4.as_str(),
            first.0 .6.as_str()
        ),
        ("新建区", "10", "/10万")
    );
    assert!(first.2.contains("strictest"), "{:?}", first);
}

#[test]
fn the_page_holds_the_rows_of_the_csv_strictest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(build_page(tmp.path())).unwrap();
    check_rows(&html);
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("src=\""),
        "self-contained"
    );
}

/// Debian's chromium, or another Chromium or Chrome on PATH.
fn chromium() -> Option<String> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .into_iter()
    .find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
    .map(String::from)
}

/// Run a headless browser on `url` with `args`; (stdout, stderr).
fn browse(browser: &str, url: &str, args: &[&str]) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .args(args)
        .arg(url)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn in_a_browser_the_page_loads_filters_and_shows_the_numbers_of_the_csv() {
    let browser = chromium();
    if !common::optional_component(
        "in_a_browser_the_page_loads_filters_and_shows_the_numbers_of_the_csv",
        "a headless Chromium (chromium on PATH)",
        browser.is_some(),
        "apt-get install chromium fonts-noto-cjk",
    ) {
        return;
    }
    let browser = browser.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let page = build_page(tmp.path());
    let url = format!("file://{}", page.display());
    // Loaded with the script run: no console error, the script's own line, the CSV's numbers.
    let (dom, log) = browse(&browser, &url, &["--dump-dom"]);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console
            .iter()
            .any(|l| l.contains("policy-targets report: ready")),
        "{log}"
    );
    assert!(
        !console
            .iter()
            .any(|l| l.contains("Uncaught") || l.contains("Error")),
        "{console:#?}"
    );
    check_rows(&dom);
    assert!(
        page_rows(&dom).iter().all(|r| !r.1),
        "nothing hidden without a filter"
    );
    // A region filter hides every other region's rows.
    let (dom, _) = browse(&browser, &format!("{url}#region=新建区"), &["--dump-dom"]);
    let rows = page_rows(&dom);
    let (mine, others): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.0 .1 == "新建区");
    assert!(!mine.is_empty() && !others.is_empty());
    assert!(mine.iter().all(|r| !r.1), "新建区's rows stay");
    assert!(
        others.iter().all(|r| r.1),
        "the other regions' rows are hidden"
    );
    // A screenshot for a person to look at.
    let shot = common::root().join("target/report-seeds.png");
    let _ = std::fs::remove_file(&shot);
    let arg = format!("--screenshot={}", shot.display());
    browse(
        &browser,
        &format!("{url}#indicator=maternal_mortality_ratio"),
        &[&arg, "--window-size=1280,1200"],
    );
    let png = std::fs::read(&shot).expect("the screenshot is written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}
