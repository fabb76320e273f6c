//! The `attainment` subcommand: each target lined up with the outcome reported for the same
//! region, indicator and year (by any document), and judged — met, exceeded, missed, or why not.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;

use crate::compare::{self, num, Filters, Keys, Loaded, Matching};
use crate::config::Engine;
use crate::patterns::Patterns;
use crate::record::{DocumentRecord, Normalized, OutcomeRecord, TargetRecord};

/// Flags of `policy-targets attainment`.
#[derive(clap::Args, Debug)]
pub struct AttainmentArgs {
    /// Output folders of `extract` (a folder holding targets.jsonl; outcomes.jsonl is read
    /// beside it), or notices (files or folders) to extract on the fly.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Keep indicators whose id or normalized text is, or contains, this (repeatable).
    #[arg(long = "indicator", value_name = "ID|TEXT")]
    pub indicators: Vec<String>,
    /// Keep regions with this name (with or without 市/区/县) or 6-digit code (repeatable).
    #[arg(long = "region", value_name = "NAME|CODE")]
    pub regions: Vec<String>,
    /// Keep this year.
    #[arg(long = "year", value_name = "Y")]
    pub year: Option<i32>,
    /// Output format [default: table, or csv/md/json from the extension of -o FILE].
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How the table is printed.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// RFC 4180 with a UTF-8 BOM, one header row.
    Csv,
    /// A Markdown table.
    Md,
    /// A JSON array with one object per row.
    Json,
}

impl Format {
    fn choose(given: Option<Format>, output: Option<&std::path::Path>) -> Format {
        given.unwrap_or(match compare::Format::choose(None, output) {
            compare::Format::Csv => Format::Csv,
            compare::Format::Md => Format::Md,
            compare::Format::Json => Format::Json,
            _ => Format::Table,
        })
    }
}

/// Within this much of a `=` or `~` target an outcome has met it: absolute for a rate (%, ‰,
/// 个百分点: in the unit written), relative for anything else.
pub const RATE_TOLERANCE: f64 = 0.3;
pub const AMOUNT_TOLERANCE: f64 = 0.03;

/// One side of a row: a target or an outcome, and where it was read.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub comparator: String,
    pub value: serde_json::Number,
    pub value_max: Option<serde_json::Number>,
    pub unit: Option<String>,
    pub normalized: Option<Normalized>,
    pub doc_id: String,
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub quote: String,
    pub start: usize,
}

/// One row of the table: a target and an outcome of one region, indicator and year (either may
/// be missing), judged.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub indicator: String,
    pub indicator_id: Option<String>,
    pub year: i32,
    pub target: Option<Side>,
    pub outcome: Option<Side>,
    /// met, exceeded, missed, not_reported (no outcome for the year yet), no_target (an outcome
    /// no target asked for) or unknown (units that do not convert, no direction).
    pub verdict: &'static str,
    /// True for met and exceeded, false for missed, null otherwise.
    pub met: Option<bool>,
    /// Outcome − target in the unit compared on (percentage points for %), null where it
    /// cannot be computed.
    pub gap: Option<f64>,
    /// The tolerance of a `=` or `~` target (±0.3 for a rate, ±3% of the target otherwise).
    pub tolerance: Option<String>,
    /// The outcome that counts: the one of the latest document among those reported for the
    /// key (a figure restated or revised in a later report).
    pub counts: bool,
    /// The key has more than one target or outcome value.
    pub conflict: bool,
}

/// Which side of a target is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

/// A target's or outcome's value on the unit the pair is compared on.
struct Level {
    low: f64,
    high: f64,
    unit: String,
    rate: bool,
}

fn is_rate(unit: &str) -> bool {
    matches!(unit, "%" | "‰" | "个百分点" | "百分点")
}

/// The two sides on one unit: the unit as written when both write it alike (so % compares in
/// percentage points), else the normalized unit when both convert to it.
fn levels(t: &Side, o: &Side) -> Option<(Level, Level)> {
    let written = |s: &Side| {
        let v = num(&s.value);
        let m = s.value_max.as_ref().map(num).unwrap_or(v);
        let unit = s.unit.clone().unwrap_or_default();
        Level {
            low: v,
            high: m,
            rate: is_rate(&unit),
            unit,
        }
    };
    // A ratio is compared in per cent (so its gap is in percentage points and the rate
    // tolerance holds): 9‰ and 20% are 0.9 and 20.
    let normalized = |s: &Side| {
        s.normalized.as_ref().map(|n| {
            let rate = n.unit == "ratio";
            let scale = if rate { 100.0 } else { 1.0 };
            let v = num(&n.value) * scale;
            Level {
                low: v,
                high: n.value_max.as_ref().map(num).map_or(v, |m| m * scale),
                rate,
                unit: if rate {
                    "%".to_string()
                } else {
                    n.unit.clone()
                },
            }
        })
    };
    let (a, b) = (written(t), written(o));
    if a.unit == b.unit {
        return Some((a, b));
    }
    match (normalized(t), normalized(o)) {
        (Some(a), Some(b)) if a.unit == b.unit => Some((a, b)),
        _ => None,
    }
}

/// Judge an outcome against a target: (verdict, met, gap, tolerance).
pub fn judge(
    t: &Side,
    o: &Side,
    better: Option<Better>,
) -> (&'static str, Option<bool>, Option<f64>, Option<String>) {
    let Some((tl, ol)) = levels(t, o) else {
        return ("unknown", None, None, None);
    };
    let v = ol.low;
    let gap = Some(round(v - tl.low));
    let side = |v: f64, hi: f64| -> Option<&'static str> {
        // Outside the target: above it on the better side exceeded, else missed.
        let above = v > hi;
        match better? {
            Better::Higher if above => Some("exceeded"),
            Better::Lower if !above => Some("exceeded"),
            _ => Some("missed"),
        }
    };
    let verdict = match t.comparator.as_str() {
        ">=" => bool_verdict(v >= tl.low),
        ">" => bool_verdict(v > tl.low),
        "<=" => bool_verdict(v <= tl.high),
        "<" => bool_verdict(v < tl.high),
        "range" => {
            if (tl.low..=tl.high).contains(&v) {
                "met"
            } else {
                side(v, tl.high).unwrap_or("unknown")
            }
        }
        _ => {
            let tol = if tl.rate {
                RATE_TOLERANCE
            } else {
                AMOUNT_TOLERANCE * tl.low.abs()
            };
            let tolerance = if tl.rate {
                format!("±{RATE_TOLERANCE}")
            } else {
                format!("±{}%", AMOUNT_TOLERANCE * 100.0)
            };
            let verdict = if (v - tl.low).abs() <= tol + 1e-9 {
                "met"
            } else {
                side(v, tl.low).unwrap_or("unknown")
            };
            return (verdict, met_of(verdict), gap, Some(tolerance));
        }
    };
    (verdict, met_of(verdict), gap, None)
}

fn bool_verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "missed"
    }
}

fn met_of(verdict: &str) -> Option<bool> {
    match verdict {
        "met" | "exceeded" => Some(true),
        "missed" => Some(false),
        _ => None,
    }
}

/// A gap rounded to 10 significant digits (no binary noise in 5.2 − 5).
fn round(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(9 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// The better side of an indicator: the taxonomy's direction for its id, else the direction its
/// targets' bounds agree on (>= → higher, <= → lower), else none.
fn better_of(patterns: &Patterns, id: Option<&str>, comparators: &[&str]) -> Option<Better> {
    if let Some(d) = id.and_then(|id| patterns.indicators.iter().find(|d| d.id == id)) {
        match d.direction.as_deref() {
            Some("higher") => return Some(Better::Higher),
            Some("lower") => return Some(Better::Lower),
            _ => {}
        }
    }
    let higher = comparators.iter().any(|c| matches!(*c, ">=" | ">"));
    let lower = comparators.iter().any(|c| matches!(*c, "<=" | "<"));
    match (higher, lower) {
        (true, false) => Some(Better::Higher),
        (false, true) => Some(Better::Lower),
        _ => None,
    }
}

/// A record of one key, before pairing.
struct Group<'a> {
    region: Option<String>,
    region_code: Option<String>,
    id: Option<String>,
    names: Vec<String>,
    targets: Vec<Side>,
    outcomes: Vec<Side>,
    comparators: Vec<&'a str>,
}

fn side_of_target(t: &TargetRecord, doc: Option<&DocumentRecord>) -> Side {
    Side {
        comparator: t.comparator.clone(),
        value: t.value.clone(),
        value_max: t.value_max.clone(),
        unit: t.unit.clone(),
        normalized: t.normalized.clone(),
        doc_id: t.doc_id.clone(),
        path: t.path.clone(),
        title: doc.and_then(|d| d.title.clone()),
        date: doc.and_then(|d| d.date.clone()),
        quote: t.quote.clone(),
        start: t.start,
    }
}

fn side_of_outcome(o: &OutcomeRecord, doc: Option<&DocumentRecord>) -> Side {
    Side {
        comparator: o.comparator.clone(),
        value: o.value.clone(),
        value_max: o.value_max.clone(),
        unit: o.unit.clone(),
        normalized: o.normalized.clone(),
        doc_id: o.doc_id.clone(),
        path: o.path.clone(),
        title: doc.and_then(|d| d.title.clone()),
        date: doc.and_then(|d| d.date.clone()),
        quote: o.quote.clone(),
        start: o.start,
    }
}

/// The year of a document for ordering reports: its date, else the first year of its title.
fn doc_order(s: &Side) -> (String, String, usize) {
    let title_year = s
        .title
        .as_deref()
        .and_then(|t| t.find('年').map(|i| &t[..i]))
        .map(|y| {
            y.chars()
                .rev()
                .take(4)
                .collect::<String>()
                .chars()
                .rev()
                .collect()
        })
        .unwrap_or_default();
    (
        s.date.clone().unwrap_or(title_year),
        s.path.clone(),
        s.start,
    )
}

/// Line up the targets and outcomes of `loaded` by region, indicator and year and judge them.
/// Outcomes for more than one year (a five-year total) and targets without a year are not
/// placed in the table.
pub fn attainment(
    loaded: &Loaded,
    keys: &Keys,
    patterns: &Patterns,
    filters: &Filters,
) -> Vec<Row> {
    let docs: HashMap<&str, &DocumentRecord> = loaded
        .documents
        .iter()
        .map(|d| (d.doc_id.as_str(), d))
        .collect();
    let context = |doc_id: &str| -> Vec<String> {
        docs.get(doc_id)
            .map(|d| {
                [&d.province, &d.prefecture]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut groups: BTreeMap<(String, String, i32), Group> = BTreeMap::new();
    let mut add = |region: &Option<String>,
                   code: &Option<String>,
                   doc_id: &str,
                   id: Option<&str>,
                   name: &str,
                   year: i32|
     -> Option<(String, String, i32)> {
        if filters.year.is_some_and(|y| y != year) {
            return None;
        }
        let ctx = context(doc_id);
        let ctx: Vec<&str> = ctx.iter().map(String::as_str).collect();
        let region_key = keys.region(region.as_deref(), code.as_deref(), &ctx);
        if !filters.regions.is_empty()
            && !filters
                .regions
                .iter()
                .any(|f| keys.region_matches(f, region.as_deref(), &region_key))
        {
            return None;
        }
        let (key, id) = keys.indicator(id, name);
        if !filters.indicators.is_empty()
            && !filters
                .indicators
                .iter()
                .any(|f| keys.indicator_matches(f, id.as_deref(), &[name.to_string()]))
        {
            return None;
        }
        let k = (region_key, key, year);
        let g = groups.entry(k.clone()).or_insert_with(|| Group {
            region: region.clone(),
            region_code: code.clone(),
            id: id.clone(),
            names: Vec::new(),
            targets: Vec::new(),
            outcomes: Vec::new(),
            comparators: Vec::new(),
        });
        if !g.names.iter().any(|n| n == name) {
            g.names.push(name.to_string());
        }
        Some(k)
    };
    let mut placed_targets = Vec::new();
    for t in loaded.targets.iter().filter(|t| t.duplicate_of.is_none()) {
        let Some(year) = t.year else { continue };
        if let Some(k) = add(
            &t.region,
            &t.region_code,
            &t.doc_id,
            t.indicator_id.as_deref(),
            &t.indicator,
            year,
        ) {
            placed_targets.push((k, t));
        }
    }
    let mut placed_outcomes = Vec::new();
    for o in &loaded.outcomes {
        let (Some(a), Some(b)) = (o.period_start, o.period_end) else {
            continue;
        };
        if a != b {
            continue;
        }
        if let Some(k) = add(
            &o.region,
            &o.region_code,
            &o.doc_id,
            o.indicator_id.as_deref(),
            &o.indicator,
            b,
        ) {
            placed_outcomes.push((k, o));
        }
    }
    for (k, t) in placed_targets {
        let g = groups.get_mut(&k).expect("placed");
        g.targets
            .push(side_of_target(t, docs.get(t.doc_id.as_str()).copied()));
        g.comparators.push(t.comparator.as_str());
    }
    for (k, o) in placed_outcomes {
        let g = groups.get_mut(&k).expect("placed");
        g.outcomes
            .push(side_of_outcome(o, docs.get(o.doc_id.as_str()).copied()));
    }
    // The better side per indicator, from all of its groups' targets.
    let mut by_indicator: HashMap<&str, Vec<&str>> = HashMap::new();
    for ((_, key, _), g) in &groups {
        by_indicator
            .entry(key.as_str())
            .or_default()
            .extend(g.comparators.iter().copied());
    }
    let mut rows = Vec::new();
    for ((_, key, year), g) in &groups {
        let better = better_of(patterns, g.id.as_deref(), &by_indicator[key.as_str()]);
        let name =
            g.id.as_deref()
                .and_then(|id| keys.canonical(id))
                .map(str::to_string)
                .unwrap_or_else(|| g.names[0].clone());
        let distinct = |sides: &[Side]| {
            let mut v: Vec<(String, String)> = sides
                .iter()
                .map(|s| (s.comparator.clone(), s.value.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v.len()
        };
        let conflict = distinct(&g.targets) > 1 || distinct(&g.outcomes) > 1;
        let counting = g
            .outcomes
            .iter()
            .enumerate()
            .max_by_key(|(_, o)| doc_order(o))
            .map(|(i, _)| i);
        let row = |target: Option<&Side>, outcome: Option<(usize, &Side)>| {
            let (verdict, met, gap, tolerance) = match (target, outcome) {
                (Some(t), Some((_, o))) => judge(t, o, better),
                (Some(_), None) => ("not_reported", None, None, None),
                _ => ("no_target", None, None, None),
            };
            Row {
                region: g.region.clone(),
                region_code: g.region_code.clone(),
                indicator: name.clone(),
                indicator_id: g.id.clone(),
                year: *year,
                target: target.cloned(),
                outcome: outcome.map(|(_, o)| o.clone()),
                verdict,
                met,
                gap,
                tolerance,
                counts: outcome.is_some_and(|(i, _)| Some(i) == counting),
                conflict,
            }
        };
        match (g.targets.is_empty(), g.outcomes.is_empty()) {
            (false, true) => rows.extend(g.targets.iter().map(|t| row(Some(t), None))),
            (true, false) => rows.extend(g.outcomes.iter().enumerate().map(|o| row(None, Some(o)))),
            _ => {
                for t in &g.targets {
                    for o in g.outcomes.iter().enumerate() {
                        rows.push(row(Some(t), Some(o)));
                    }
                }
            }
        }
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Rendering.
// ---------------------------------------------------------------------------------------------

pub const CSV_COLUMNS: &[&str] = &[
    "region",
    "region_code",
    "indicator",
    "indicator_id",
    "year",
    "target_comparator",
    "target_value",
    "target_value_max",
    "target_unit",
    "outcome_comparator",
    "outcome_value",
    "outcome_value_max",
    "outcome_unit",
    "verdict",
    "met",
    "gap",
    "tolerance",
    "counts",
    "conflict",
    "target_title",
    "target_quote",
    "target_path",
    "outcome_title",
    "outcome_quote",
    "outcome_path",
];

fn opt_num(n: &Option<serde_json::Number>) -> String {
    n.as_ref().map(|n| n.to_string()).unwrap_or_default()
}

fn fields(r: &Row) -> Vec<String> {
    let side = |s: &Option<Side>| -> [String; 4] {
        match s {
            Some(s) => [
                s.comparator.clone(),
                s.value.to_string(),
                opt_num(&s.value_max),
                s.unit.clone().unwrap_or_default(),
            ],
            None => Default::default(),
        }
    };
    let place = |s: &Option<Side>| -> [String; 3] {
        match s {
            Some(s) => [
                s.title.clone().unwrap_or_default(),
                s.quote.clone(),
                s.path.clone(),
            ],
            None => Default::default(),
        }
    };
    let mut v = vec![
        r.region.clone().unwrap_or_default(),
        r.region_code.clone().unwrap_or_default(),
        r.indicator.clone(),
        r.indicator_id.clone().unwrap_or_default(),
        r.year.to_string(),
    ];
    v.extend(side(&r.target));
    v.extend(side(&r.outcome));
    v.extend([
        r.verdict.to_string(),
        r.met.map(|m| m.to_string()).unwrap_or_default(),
        r.gap.map(|g| g.to_string()).unwrap_or_default(),
        r.tolerance.clone().unwrap_or_default(),
        r.counts.to_string(),
        r.conflict.to_string(),
    ]);
    v.extend(place(&r.target));
    v.extend(place(&r.outcome));
    v
}

pub fn render_csv(rows: &[Row]) -> String {
    let mut out = crate::csv::header(CSV_COLUMNS);
    for r in rows {
        out.push_str(&crate::printer::csv_row(&fields(r)));
    }
    out
}

pub fn render_json(rows: &[Row]) -> String {
    let mut s = serde_json::to_string_pretty(rows).expect("rows serialize");
    s.push('\n');
    s
}

fn short(s: &Option<Side>) -> String {
    match s {
        Some(s) => {
            let v = match &s.value_max {
                Some(m) => format!("{}-{}", s.value, m),
                None => s.value.to_string(),
            };
            format!("{} {}{}", s.comparator, v, s.unit.as_deref().unwrap_or(""))
        }
        None => "—".to_string(),
    }
}

const TABLE_HEADERS: &[&str] = &[
    "region",
    "indicator",
    "year",
    "target",
    "outcome",
    "verdict",
    "gap",
    "note",
];

fn table_cells(r: &Row) -> Vec<String> {
    let mut note = Vec::new();
    if r.conflict {
        note.push("CONFLICT".to_string());
    }
    if r.outcome.is_some() && !r.counts {
        note.push("superseded".to_string());
    }
    if let Some(t) = &r.tolerance {
        note.push(t.clone());
    }
    vec![
        r.region.clone().unwrap_or_default(),
        compare::truncate_width(&r.indicator, 28),
        r.year.to_string(),
        short(&r.target),
        short(&r.outcome),
        r.verdict.to_string(),
        r.gap.map(|g| g.to_string()).unwrap_or_default(),
        note.join(" "),
    ]
}

pub fn render_table(rows: &[Row]) -> String {
    let cells: Vec<Vec<String>> = rows.iter().map(table_cells).collect();
    let mut widths: Vec<usize> = TABLE_HEADERS.iter().map(|h| h.len()).collect();
    for c in &cells {
        for (w, s) in widths.iter_mut().zip(c) {
            *w = (*w).max(compare::display_width(s));
        }
    }
    let line = |c: &[String]| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in c.iter().zip(&widths).enumerate() {
            s.push_str(cell);
            if i + 1 < c.len() {
                s.push_str(&" ".repeat(w - compare::display_width(cell) + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let head: Vec<String> = TABLE_HEADERS.iter().map(|h| h.to_string()).collect();
    let mut out = line(&head);
    for c in &cells {
        out.push_str(&line(c));
    }
    out
}

pub fn render_md(rows: &[Row]) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "| {} |\n|{}\n",
        TABLE_HEADERS.join(" | "),
        " --- |".repeat(TABLE_HEADERS.len())
    );
    for r in rows {
        let c: Vec<String> = table_cells(r).iter().map(|s| esc(s)).collect();
        out.push_str(&format!("| {} |\n", c.join(" | ")));
    }
    out
}

/// Run `policy-targets attainment` and return the exit code.
pub fn run(args: AttainmentArgs) -> i32 {
    let format = Format::choose(args.format, args.output.as_deref());
    let mut engine: Option<Engine> = None;
    let loaded = match compare::load(&args.inputs, &mut engine) {
        Ok(l) => l,
        Err(e) => return compare::fatal(e),
    };
    let matching = match Matching::new(engine) {
        Ok(m) => m,
        Err(e) => return compare::fatal(e),
    };
    let (converter, regions, patterns) = matching.parts();
    let keys = Keys::new(converter, regions, patterns);
    let filters = Filters {
        indicators: args.indicators,
        regions: args.regions,
        year: args.year,
    };
    let rows = attainment(&loaded, &keys, patterns, &filters);
    if rows.is_empty() {
        eprintln!("policy-targets: no targets or outcomes match");
    }
    let text = match format {
        Format::Table => render_table(&rows),
        Format::Csv => render_csv(&rows),
        Format::Md => render_md(&rows),
        Format::Json => render_json(&rows),
    };
    compare::finish(&args.output, &text, loaded.errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(comparator: &str, value: f64, value_max: Option<f64>, unit: &str) -> Side {
        let n = |x: f64| serde_json::Number::from_f64(x).unwrap();
        Side {
            comparator: comparator.into(),
            value: n(value),
            value_max: value_max.map(n),
            unit: Some(unit.into()),
            normalized: None,
            doc_id: String::new(),
            path: String::new(),
            title: None,
            date: None,
            quote: String::new(),
            start: 0,
        }
    }

    fn verdict(t: Side, o: Side, better: Option<Better>) -> &'static str {
        judge(&t, &o, better).0
    }

    /// The examples of the contract: an approximate target outside its tolerance is exceeded on
    /// the indicator's better side and missed on the other; bounds are met or missed as written.
    #[test]
    fn verdicts_follow_the_comparator_and_the_better_side() {
        use Better::*;
        // 8%左右 growth, 10.7% achieved: exceeded. 5.5%左右, 3%: missed. 5%左右, 5.2%: met.
        assert_eq!(
            verdict(
                side("~", 8.0, None, "%"),
                side("=", 10.7, None, "%"),
                Some(Higher)
            ),
            "exceeded"
        );
        assert_eq!(
            verdict(
                side("~", 5.5, None, "%"),
                side("=", 3.0, None, "%"),
                Some(Higher)
            ),
            "missed"
        );
        assert_eq!(
            verdict(
                side("~", 5.0, None, "%"),
                side("=", 5.2, None, "%"),
                Some(Higher)
            ),
            "met"
        );
        // CPI 3%左右 (lower is better), 0.2% achieved: exceeded.
        assert_eq!(
            verdict(
                side("~", 3.0, None, "%"),
                side("=", 0.2, None, "%"),
                Some(Lower)
            ),
            "exceeded"
        );
        // No direction: outside the tolerance is unknown.
        assert_eq!(
            verdict(side("~", 3.0, None, "%"), side("=", 0.2, None, "%"), None),
            "unknown"
        );
        // 1200万人以上, 1256万人: met; 1100万: missed.
        assert_eq!(
            verdict(
                side(">=", 1200.0, None, "万人"),
                side("=", 1256.0, None, "万人"),
                Some(Higher)
            ),
            "met"
        );
        assert_eq!(
            verdict(
                side(">=", 1200.0, None, "万人"),
                side("=", 1100.0, None, "万人"),
                Some(Higher)
            ),
            "missed"
        );
        // 控制在4.5%以内: 4.6% missed, 4.1% met.
        assert_eq!(
            verdict(
                side("<=", 4.5, None, "%"),
                side("=", 4.6, None, "%"),
                Some(Lower)
            ),
            "missed"
        );
        assert_eq!(
            verdict(
                side("<=", 4.5, None, "%"),
                side("=", 4.1, None, "%"),
                Some(Lower)
            ),
            "met"
        );
        // A range: inside met, above on the better side exceeded, below missed.
        assert_eq!(
            verdict(
                side("range", 6.0, Some(6.5), "%"),
                side("=", 6.1, None, "%"),
                Some(Higher)
            ),
            "met"
        );
        assert_eq!(
            verdict(
                side("range", 6.0, Some(6.5), "%"),
                side("=", 6.9, None, "%"),
                Some(Higher)
            ),
            "exceeded"
        );
        assert_eq!(
            verdict(
                side("range", 6.0, Some(6.5), "%"),
                side("=", 5.9, None, "%"),
                Some(Higher)
            ),
            "missed"
        );
        // An amount: ±3 %. Units that do not convert: unknown.
        assert_eq!(
            verdict(
                side("=", 100.0, None, "亿元"),
                side("=", 102.0, None, "亿元"),
                Some(Higher)
            ),
            "met"
        );
        assert_eq!(
            verdict(
                side("=", 100.0, None, "亿元"),
                side("=", 110.0, None, "亿元"),
                Some(Higher)
            ),
            "exceeded"
        );
        assert_eq!(
            verdict(
                side("=", 100.0, None, "亿元"),
                side("=", 5.0, None, "%"),
                Some(Higher)
            ),
            "unknown"
        );
    }

    #[test]
    fn gap_is_in_the_unit_compared_on_and_tolerance_is_shown() {
        let (v, met, gap, tol) = judge(
            &side("~", 5.0, None, "%"),
            &side("=", 5.2, None, "%"),
            Some(Better::Higher),
        );
        assert_eq!(
            (v, met, gap, tol.as_deref()),
            ("met", Some(true), Some(0.2), Some("±0.3"))
        );
        let (_, met, gap, tol) = judge(
            &side(">=", 1200.0, None, "万人"),
            &side("=", 1100.0, None, "万人"),
            Some(Better::Higher),
        );
        assert_eq!((met, gap, tol), (Some(false), Some(-100.0), None));
        // Units that differ but convert compare in per cent: 9‰ against 20% is 19.1 points over.
        let ratio = |comparator: &str, value: f64, unit: &str, r: f64| {
            let mut s = side(comparator, value, None, unit);
            s.normalized = Some(Normalized {
                value: serde_json::Number::from_f64(r).unwrap(),
                value_max: None,
                unit: "ratio".into(),
            });
            s
        };
        let (v, _, gap, tol) = judge(
            &ratio("~", 9.0, "‰", 0.009),
            &ratio("=", 20.0, "%", 0.2),
            Some(Better::Lower),
        );
        assert_eq!(
            (v, gap, tol.as_deref()),
            ("missed", Some(19.1), Some("±0.3"))
        );
    }
}
