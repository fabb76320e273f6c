//! The `compare` subcommand: lines up the targets that regions set for the same indicator,
//! read from `extract` output folders or extracted on the fly, and prints them ordered from the
//! most to the least demanding, with conflicts flagged, as a table, CSV, Markdown or JSON.
//! Keys (keys.rs), inputs (load.rs) and rendering (render.rs) live beside it.

mod keys;
mod load;
mod render;

pub use keys::Keys;
pub use load::{is_output_dir, load, parse_jsonl, Loaded, Matching};
pub use render::*;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Engine;
use crate::error::{Error, Result};
use crate::exit::{EXIT_FATAL, EXIT_FILE_ERRORS, EXIT_OK};
use crate::printer::AtomicFile;
use crate::record::{DocumentRecord, MilestoneRecord, Normalized};

/// Flags of `policy-targets compare`.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// Output folders of `extract` (a folder holding targets.jsonl), or notices (files or
    /// folders) to extract on the fly.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Keep indicators whose id or normalized text is, or contains, this (repeatable).
    #[arg(long = "indicator", value_name = "ID|TEXT")]
    pub indicators: Vec<String>,
    /// Keep regions with this name (with or without 市/区/县) or 6-digit code (repeatable).
    #[arg(long = "region", value_name = "NAME|CODE")]
    pub regions: Vec<String>,
    /// Keep targets with this deadline year.
    #[arg(long = "year", value_name = "Y")]
    pub year: Option<i32>,
    /// Output format [default: table, or csv/md/json from the extension of -o FILE].
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write to FILE (atomically: under a temporary name, renamed when complete) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Instead of the comparison, list the indicators of the taxonomy (patterns/indicators.tsv):
    /// id, name, group, direction, unit, and how many targets and regions of the inputs carry
    /// each id (table, csv or json).
    #[arg(long = "list-indicators")]
    pub list_indicators: bool,
}

/// How the comparison is printed.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal (long titles and quotes shortened).
    Table,
    /// RFC 4180 with a UTF-8 BOM, one header row, numbers unquoted.
    Csv,
    /// A Markdown table per indicator.
    Md,
    /// A JSON array with one object per indicator and its rows.
    Json,
    /// One self-contained HTML page: charts, timelines, rows, filters (no network).
    Html,
}

impl Format {
    /// The format given, else the one named by the extension of the output file, else table.
    pub fn choose(given: Option<Format>, output: Option<&Path>) -> Format {
        if let Some(f) = given {
            return f;
        }
        let ext = output
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Format::Csv,
            Some("md") | Some("markdown") => Format::Md,
            Some("json") => Format::Json,
            Some("html") | Some("htm") => Format::Html,
            _ => Format::Table,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The comparison.
// ---------------------------------------------------------------------------------------------

/// Which way an indicator's targets get more demanding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Lower is stricter (`<=`, `<`: mortality, incidence).
    Lower,
    /// Higher is stricter (`>=`, `>`: coverage, rates to reach).
    Higher,
}

impl Direction {
    fn of(comparator: &str) -> Option<Direction> {
        match comparator {
            "<=" | "<" => Some(Direction::Lower),
            ">=" | ">" => Some(Direction::Higher),
            _ => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Direction::Lower => "lower is stricter",
            Direction::Higher => "higher is stricter",
        }
    }
}

/// The filters of a comparison (empty lists select everything).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub indicators: Vec<String>,
    pub regions: Vec<String>,
    pub year: Option<i32>,
}

/// One row: a target of one region, year and document.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `"strictest"` or `"loosest"` among the rows compared with it, else null.
    pub mark: Option<&'static str>,
    /// True when the same region, indicator and year has a different target in another row.
    pub conflict: bool,
    /// The unit the row is compared on: `normalized.unit`, else `unit` ("" for none).
    pub compared_on: String,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub year: Option<i32>,
    pub deadline: Option<String>,
    pub comparator: String,
    pub value: serde_json::Number,
    pub value_max: Option<serde_json::Number>,
    pub unit: Option<String>,
    pub normalized: Option<Normalized>,
    pub strength: Option<String>,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub date: Option<String>,
    pub quote: String,
    pub indicator: String,
    pub doc_id: String,
    pub path: String,
    pub line: usize,
    #[serde(skip)]
    region_key: String,
    #[serde(skip)]
    level: (f64, Option<f64>),
    #[serde(skip)]
    seq: usize,
}

/// The same region, indicator and year with different targets.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub year: Option<i32>,
    pub compared_on: String,
    /// Indices into the indicator's `rows`.
    pub rows: Vec<usize>,
}

/// All rows of one indicator, most demanding first.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTable {
    pub indicator_id: Option<String>,
    /// The lexicon's canonical name, else the name of the first row.
    pub indicator: String,
    /// The names the rows write it with (simplified), in order of appearance.
    pub names: Vec<String>,
    /// Which way is stricter, or null when no row has a direction (rows then in document order).
    pub direction: Option<Direction>,
    /// The units the rows are compared on; rows on different units are not compared.
    pub compared_on: Vec<String>,
    pub conflicts: Vec<Conflict>,
    pub rows: Vec<Row>,
}

/// A number rounded to 12 significant digits, so that the binary noise of unit conversion
/// (0.5 × 0.01 against 5 × 0.001) does not make equal targets differ.
pub(crate) fn num(n: &serde_json::Number) -> f64 {
    let x = n.as_f64().unwrap_or(f64::NAN);
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(11 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

fn same_level(a: &Row, b: &Row) -> bool {
    a.compared_on == b.compared_on && a.comparator == b.comparator && a.level == b.level
}

/// The number a row is ordered by: the bound that binds in the indicator's direction.
fn order_value(r: &Row, d: Direction) -> f64 {
    match d {
        Direction::Lower => r.level.1.unwrap_or(r.level.0),
        Direction::Higher => r.level.0,
    }
}

/// At an equal number, a strict comparator asks for more.
fn strictness(r: &Row) -> u8 {
    match r.comparator.as_str() {
        "<" | ">" => 0,
        "<=" | ">=" => 1,
        _ => 2,
    }
}

struct Group {
    id: Option<String>,
    names: Vec<String>,
    rows: Vec<Row>,
}

/// Compare the targets of `loaded`: group by indicator, drop restatements (`duplicate_of`),
/// keep one row per region, year and document and target, order, mark and flag conflicts.
pub fn compare(loaded: &Loaded, keys: &Keys, filters: &Filters) -> Vec<IndicatorTable> {
    let docs: HashMap<&str, &DocumentRecord> = loaded
        .documents
        .iter()
        .map(|d| (d.doc_id.as_str(), d))
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (seq, t) in loaded.targets.iter().enumerate() {
        if t.duplicate_of.is_some() {
            continue;
        }
        if filters.year.is_some() && t.year != filters.year {
            continue;
        }
        let doc = docs.get(t.doc_id.as_str()).copied();
        let context: Vec<&str> = doc
            .map(|d| {
                [&d.province, &d.prefecture]
                    .into_iter()
                    .filter_map(|x| x.as_deref())
                    .collect()
            })
            .unwrap_or_default();
        let region_key = keys.region(t.region.as_deref(), t.region_code.as_deref(), &context);
        if !filters.regions.is_empty()
            && !filters
                .regions
                .iter()
                .any(|f| keys.region_matches(f, t.region.as_deref(), &region_key))
        {
            continue;
        }
        let (key, id) = keys.indicator(t.indicator_id.as_deref(), &t.indicator);
        let (compared_on, level) = match &t.normalized {
            Some(n) => (
                n.unit.clone(),
                (num(&n.value), n.value_max.as_ref().map(num)),
            ),
            None => (
                t.unit.clone().unwrap_or_default(),
                (num(&t.value), t.value_max.as_ref().map(num)),
            ),
        };
        let row = Row {
            mark: None,
            conflict: false,
            compared_on,
            region: t.region.clone(),
            region_code: t.region_code.clone(),
            year: t.year,
            deadline: t.deadline.clone(),
            comparator: t.comparator.clone(),
            value: t.value.clone(),
            value_max: t.value_max.clone(),
            unit: t.unit.clone(),
            normalized: t.normalized.clone(),
            strength: t.strength.clone(),
            title: doc.and_then(|d| d.title.clone()),
            doc_number: doc.and_then(|d| d.doc_number.clone()),
            date: doc.and_then(|d| d.date.clone()),
            quote: t.quote.clone(),
            indicator: t.indicator.clone(),
            doc_id: t.doc_id.clone(),
            path: t.path.clone(),
            line: t.line,
            region_key,
            level,
            seq,
        };
        let gi = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                id,
                names: Vec::new(),
                rows: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[gi];
        if !g.names.contains(&t.indicator) {
            g.names.push(t.indicator.clone());
        }
        // One row per region, year and document: the same target stated again is one row;
        // a different target stays a row of its own (and is flagged below).
        let repeated = g.rows.iter().any(|r| {
            r.doc_id == row.doc_id
                && r.path == row.path
                && r.region_key == row.region_key
                && r.year == row.year
                && same_level(r, &row)
        });
        if !repeated {
            g.rows.push(row);
        }
    }
    groups
        .into_iter()
        .filter(|g| {
            filters.indicators.is_empty()
                || filters
                    .indicators
                    .iter()
                    .any(|f| keys.indicator_matches(f, g.id.as_deref(), &g.names))
        })
        .map(|g| order(g, keys))
        .collect()
}

fn order(g: Group, keys: &Keys) -> IndicatorTable {
    let Group { id, names, rows } = g;
    // The direction: the majority of the rows that have one; on a tie, the first of them.
    let (mut lower, mut higher) = (0usize, 0usize);
    for r in &rows {
        match Direction::of(&r.comparator) {
            Some(Direction::Lower) => lower += 1,
            Some(Direction::Higher) => higher += 1,
            None => {}
        }
    }
    let direction = match lower.cmp(&higher) {
        std::cmp::Ordering::Greater => Some(Direction::Lower),
        std::cmp::Ordering::Less => Some(Direction::Higher),
        std::cmp::Ordering::Equal => rows.iter().find_map(|r| Direction::of(&r.comparator)),
    };
    // Rows on units that do not convert into each other are ordered separately, each set in
    // the order its first row appears.
    let mut compared_on: Vec<String> = Vec::new();
    for r in &rows {
        if !compared_on.contains(&r.compared_on) {
            compared_on.push(r.compared_on.clone());
        }
    }
    let mut ordered: Vec<Row> = Vec::with_capacity(rows.len());
    for unit in &compared_on {
        let mut part: Vec<Row> = rows
            .iter()
            .filter(|r| &r.compared_on == unit)
            .cloned()
            .collect();
        if let Some(d) = direction {
            part.sort_by(|a, b| {
                let (x, y) = (order_value(a, d), order_value(b, d));
                let by_value = match d {
                    Direction::Lower => x.total_cmp(&y),
                    Direction::Higher => y.total_cmp(&x),
                };
                by_value
                    .then(strictness(a).cmp(&strictness(b)))
                    .then(a.seq.cmp(&b.seq))
            });
            let rank = |r: &Row| (order_value(r, d), strictness(r));
            let same = |a: (f64, u8), b: (f64, u8)| a.0 == b.0 && a.1 == b.1;
            if let (Some(first), Some(last)) = (part.first(), part.last()) {
                let (top, bottom) = (rank(first), rank(last));
                if !same(top, bottom) {
                    for r in part.iter_mut() {
                        if same(rank(r), top) {
                            r.mark = Some("strictest");
                        } else if same(rank(r), bottom) {
                            r.mark = Some("loosest");
                        }
                    }
                }
            }
        }
        ordered.extend(part);
    }
    // Conflicts: a known region and year with different targets on the same unit.
    let mut conflicts = Vec::new();
    let mut seen: Vec<(String, i32, String)> = Vec::new();
    for i in 0..ordered.len() {
        let r = &ordered[i];
        let Some(year) = r.year else { continue };
        if r.region_key.is_empty() {
            continue;
        }
        let k = (r.region_key.clone(), year, r.compared_on.clone());
        if seen.contains(&k) {
            continue;
        }
        let members: Vec<usize> = (i..ordered.len())
            .filter(|&j| {
                let o = &ordered[j];
                o.year == Some(year) && o.region_key == k.0 && o.compared_on == k.2
            })
            .collect();
        let differ = members.iter().any(|&j| !same_level(&ordered[j], r));
        if differ {
            conflicts.push(Conflict {
                region: r.region.clone(),
                region_code: r.region_code.clone(),
                year: Some(year),
                compared_on: r.compared_on.clone(),
                rows: members.clone(),
            });
            for &j in &members {
                ordered[j].conflict = true;
            }
        }
        seen.push(k);
    }
    let indicator = id
        .as_deref()
        .and_then(|i| keys.canonical(i))
        .map(str::to_string)
        .unwrap_or_else(|| names.first().cloned().unwrap_or_default());
    IndicatorTable {
        indicator_id: id,
        indicator,
        names,
        direction,
        compared_on,
        conflicts,
        rows: ordered,
    }
}

// ---------------------------------------------------------------------------------------------
// The command.
// ---------------------------------------------------------------------------------------------

pub(crate) fn fatal(msg: impl std::fmt::Display) -> i32 {
    eprintln!("policy-targets: {msg}");
    EXIT_FATAL
}

fn write_output(path: &Path, text: &str) -> Result<()> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Config(format!("{}: not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut f = AtomicFile::create(dir, name)?;
    f.write_all(text.as_bytes())?;
    f.commit()
}

/// Run `policy-targets compare` and return the exit code.
pub fn run(args: CompareArgs) -> i32 {
    let format = Format::choose(args.format, args.output.as_deref());
    let mut engine: Option<Engine> = None;
    let loaded = match load(&args.inputs, &mut engine) {
        Ok(l) => l,
        Err(e) => return fatal(e),
    };
    let matching = match Matching::new(engine) {
        Ok(m) => m,
        Err(e) => return fatal(e),
    };
    let (converter, regions, patterns) = matching.parts();
    let keys = Keys::new(converter, regions, patterns);
    let filters = Filters {
        indicators: args.indicators,
        regions: args.regions,
        year: args.year,
    };
    if args.list_indicators {
        let (list, totals) = crate::indicators::uses(patterns, &loaded.targets);
        let text = crate::indicators::render(&list, totals, format);
        return finish(&args.output, &text, loaded.errors);
    }
    let tables = compare(&loaded, &keys, &filters);
    if tables.is_empty() {
        eprintln!("policy-targets: no targets match");
    }
    let text = if format == Format::Html {
        // Milestones under the same region and year filters as the targets.
        let milestones: Vec<MilestoneRecord> = loaded
            .milestones
            .iter()
            .filter(|m| filters.year.is_none() || m.year == filters.year)
            .filter(|m| {
                filters.regions.is_empty() || {
                    let key = keys.region(m.region.as_deref(), m.region_code.as_deref(), &[]);
                    filters
                        .regions
                        .iter()
                        .any(|f| keys.region_matches(f, m.region.as_deref(), &key))
                }
            })
            .cloned()
            .collect();
        let overview = crate::report::Overview {
            documents: loaded.documents.len(),
            targets: loaded
                .targets
                .iter()
                .filter(|t| t.duplicate_of.is_none())
                .count(),
            milestones: milestones.len(),
            errors: loaded.errors,
        };
        crate::report::render_html(&tables, &milestones, &overview)
    } else {
        render(&tables, format)
    };
    finish(&args.output, &text, loaded.errors)
}

/// Write the result to its file or stdout; the exit code.
pub(crate) fn finish(output: &Option<PathBuf>, text: &str, errors: usize) -> i32 {
    match output {
        Some(path) => {
            if let Err(e) = write_output(path, text) {
                return fatal(e);
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return fatal(format_args!("stdout: {e}"));
                }
            }
        }
    }
    if errors > 0 {
        EXIT_FILE_ERRORS
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Converter;
    use crate::patterns::Patterns;
    use crate::record::TargetRecord;
    use crate::region::RegionTable;

    struct Fixture {
        converter: Converter,
        regions: RegionTable,
        patterns: Patterns,
    }

    fn fixture() -> Fixture {
        let patterns = Patterns::embedded().unwrap();
        let (file, text) = patterns.sources.get("regions.tsv");
        let regions = RegionTable::parse(text, file).unwrap();
        Fixture {
            converter: Converter::new().unwrap(),
            regions,
            patterns,
        }
    }

    fn keys(f: &Fixture) -> Keys<'_> {
        Keys::new(&f.converter, &f.regions, &f.patterns)
    }

    fn n(x: f64) -> serde_json::Number {
        if x.fract() == 0.0 {
            serde_json::Number::from(x as i64)
        } else {
            serde_json::Number::from_f64(x).unwrap()
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn target(
        doc: &str,
        indicator: &str,
        id: Option<&str>,
        region: Option<&str>,
        code: Option<&str>,
        year: Option<i32>,
        comparator: &str,
        value: f64,
        unit: &str,
        normalized: Option<(f64, &str)>,
    ) -> TargetRecord {
        TargetRecord {
            doc_id: doc.into(),
            path: format!("{doc}.txt"),
            kind: "target".into(),
            indicator: indicator.into(),
            indicator_id: id.map(Into::into),
            comparator: comparator.into(),
            value: n(value),
            value_max: None,
            unit: Some(unit.to_string()).filter(|u| !u.is_empty()),
            normalized: normalized.map(|(v, u)| Normalized {
                value: n(v),
                value_max: None,
                unit: u.into(),
            }),
            strength: None,
            year,
            deadline: year.map(|y| format!("{y}-12-31")),
            deadline_text: None,
            period_start: None,
            units: vec![],
            lead_units: vec![],
            support_units: vec![],
            region: region.map(Into::into),
            region_code: code.map(Into::into),
            duplicate_of: None,
            quote: format!("{indicator}{comparator}{value}{unit}"),
            start: 0,
            end: 1,
            line: 1,
            rule: "test".into(),
        }
    }

    fn loaded(targets: Vec<TargetRecord>) -> Loaded {
        Loaded {
            targets,
            ..Loaded::default()
        }
    }

    #[test]
    fn one_key_function_for_text_regions_and_filters() {
        let f = fixture();
        let k = keys(&f);
        assert_eq!(k.text("孕產婦 死亡率"), "孕产妇死亡率");
        assert_eq!(k.text("ＡＢＣ１２"), "abc12");
        for written in [
            "孕產婦死亡率",
            "轄區內孕產婦死亡率",
            ".孕产妇死亡率",
            "全市 孕产妇死亡率",
        ] {
            assert_eq!(
                k.indicator(None, written).1.as_deref(),
                Some("maternal_mortality_ratio"),
                "{written}"
            );
        }
        assert_eq!(k.indicator_text("全市"), "全市");
        assert_eq!(k.region(Some("新建區"), None, &["南昌市"]), "360112");
        assert_eq!(k.region(Some("新建区"), Some("360112"), &[]), "360112");
        assert_eq!(k.region(None, None, &[]), "");
        for filter in ["新建区", "新建", "新建區", "360112", "新建县"] {
            assert!(
                k.region_matches(filter, Some("新建区"), "360112"),
                "{filter}"
            );
        }
        assert!(!k.region_matches("南安市", Some("新建区"), "360112"));
        let names = vec!["孕产妇死亡率".to_string()];
        for filter in [
            "maternal_mortality_ratio",
            "mortality",
            "孕產婦死亡率",
            "死亡率",
        ] {
            assert!(
                k.indicator_matches(filter, Some("maternal_mortality_ratio"), &names),
                "{filter}"
            );
        }
        assert!(!k.indicator_matches("婴儿死亡率", Some("maternal_mortality_ratio"), &names));
    }

    #[test]
    fn lower_is_stricter_and_extremes_are_marked() {
        let f = fixture();
        let k = keys(&f);
        let mmr = Some("maternal_mortality_ratio");
        let l = loaded(vec![
            target(
                "a",
                "孕产妇死亡率",
                mmr,
                Some("南安市"),
                Some("350583"),
                Some(2021),
                "<=",
                16.0,
                "/10万",
                Some((0.00016, "ratio")),
            ),
            target(
                "b",
                "孕产妇死亡率",
                mmr,
                None,
                None,
                None,
                "<=",
                22.0,
                "/10万",
                Some((0.00022, "ratio")),
            ),
            target(
                "c",
                "孕产妇死亡率",
                mmr,
                Some("新建区"),
                Some("360112"),
                Some(2025),
                "<=",
                10.0,
                "/10万",
                Some((0.0001, "ratio")),
            ),
        ]);
        let t = compare(&l, &k, &Filters::default());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].direction, Some(Direction::Lower));
        let order: Vec<(String, Option<&str>)> = t[0]
            .rows
            .iter()
            .map(|r| (r.value.to_string(), r.mark))
            .collect();
        assert_eq!(
            order,
            vec![
                ("10".into(), Some("strictest")),
                ("16".into(), None),
                ("22".into(), Some("loosest"))
            ]
        );
        assert!(t[0].conflicts.is_empty());
    }

    #[test]
    fn higher_is_stricter_and_equal_comparators_follow_the_indicator() {
        let f = fixture();
        let k = keys(&f);
        let l = loaded(vec![
            target(
                "a",
                "住院分娩率",
                None,
                Some("南安市"),
                Some("350583"),
                Some(2021),
                "=",
                98.0,
                "%",
                Some((0.98, "ratio")),
            ),
            target(
                "b",
                "住院分娩率",
                None,
                Some("新建区"),
                Some("360112"),
                Some(2021),
                ">=",
                99.0,
                "%",
                Some((0.99, "ratio")),
            ),
            target(
                "c",
                "住院分娩率",
                None,
                Some("舞钢市"),
                Some("410481"),
                Some(2021),
                ">=",
                95.0,
                "%",
                Some((0.95, "ratio")),
            ),
        ]);
        let t = compare(&l, &k, &Filters::default());
        assert_eq!(t[0].direction, Some(Direction::Higher));
        let values: Vec<String> = t[0].rows.iter().map(|r| r.value.to_string()).collect();
        assert_eq!(values, ["99", "98", "95"]);
        // Without any directional comparator, rows stay in document order, unmarked.
        let l = loaded(vec![
            target(
                "a",
                "某指标",
                None,
                Some("南安市"),
                None,
                Some(2021),
                "=",
                3.0,
                "个",
                None,
            ),
            target(
                "b",
                "某指标",
                None,
                Some("新建区"),
                None,
                Some(2021),
                "~",
                5.0,
                "个",
                None,
            ),
            target(
                "c",
                "某指标",
                None,
                Some("舞钢市"),
                None,
                Some(2021),
                "=",
                1.0,
                "个",
                None,
            ),
        ]);
        let t = compare(&l, &k, &Filters::default());
        assert_eq!(t[0].direction, None);
        let values: Vec<String> = t[0].rows.iter().map(|r| r.value.to_string()).collect();
        assert_eq!(values, ["3", "5", "1"]);
        assert!(t[0].rows.iter().all(|r| r.mark.is_none()));
    }

    #[test]
    fn convertible_units_compare_on_normalized_and_others_never() {
        let f = fixture();
        let k = keys(&f);
        let l = loaded(vec![
            target(
                "a",
                "剖宫产率",
                None,
                Some("新建区"),
                Some("360112"),
                Some(2025),
                "<=",
                0.5,
                "%",
                Some((0.005, "ratio")),
            ),
            target(
                "b",
                "剖宫产率",
                None,
                Some("新建区"),
                Some("360112"),
                Some(2025),
                "<=",
                5.0,
                "‰",
                Some((0.005, "ratio")),
            ),
            target(
                "c",
                "剖宫产率",
                None,
                Some("新建区"),
                Some("360112"),
                Some(2025),
                "<=",
                7.0,
                "个",
                None,
            ),
        ]);
        let t = compare(&l, &k, &Filters::default());
        let t = &t[0];
        assert_eq!(t.compared_on, ["ratio", "个"]);
        // 0.5% and 5‰ are the same target: no conflict, no strictest or loosest.
        assert!(t.conflicts.is_empty(), "{:?}", t.conflicts);
        assert!(t.rows.iter().all(|r| r.mark.is_none() && !r.conflict));
        assert!(notes(t)[0].starts_with("not comparable: units ratio, 个"));
    }

    #[test]
    fn different_targets_for_one_region_and_year_conflict() {
        let f = fixture();
        let k = keys(&f);
        let mmr = Some("maternal_mortality_ratio");
        let mut dup = target(
            "a",
            "孕产妇死亡率",
            mmr,
            Some("新建区"),
            Some("360112"),
            Some(2025),
            "<=",
            99.0,
            "/10万",
            Some((0.00099, "ratio")),
        );
        dup.duplicate_of = Some(0);
        let l = loaded(vec![
            target(
                "a",
                "孕产妇死亡率",
                mmr,
                Some("新建区"),
                Some("360112"),
                Some(2025),
                "<=",
                10.0,
                "/10万",
                Some((0.0001, "ratio")),
            ),
            dup,
            // The same region written in traditional characters without a code.
            target(
                "b",
                "孕產婦死亡率",
                None,
                Some("新建區"),
                None,
                Some(2025),
                "<=",
                12.0,
                "/10万",
                Some((0.00012, "ratio")),
            ),
            // Stated twice in one document: one row.
            target(
                "a",
                "孕产妇死亡率",
                mmr,
                Some("新建区"),
                Some("360112"),
                Some(2025),
                "<=",
                10.0,
                "/10万",
                Some((0.0001, "ratio")),
            ),
            // No region: never in conflict.
            target(
                "c",
                "孕产妇死亡率",
                mmr,
                None,
                None,
                Some(2025),
                "<=",
                30.0,
                "/10万",
                Some((0.0003, "ratio")),
            ),
        ]);
        let t = compare(&l, &k, &Filters::default());
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.conflicts.len(), 1);
        assert_eq!(t.conflicts[0].rows, [0, 1]);
        assert!(t.rows[0].conflict && t.rows[1].conflict && !t.rows[2].conflict);
        assert!(t.rows.iter().all(|r| r.value.to_string() != "99"));
        let note = notes(t).join("\n");
        assert!(
            note.contains("CONFLICT: 新建区 (360112) 2025: <= 10/10万"),
            "{note}"
        );
    }

    #[test]
    fn filters_select_indicator_region_and_year() {
        let f = fixture();
        let k = keys(&f);
        let l = loaded(vec![
            target(
                "a",
                "孕产妇死亡率",
                Some("maternal_mortality_ratio"),
                Some("南安市"),
                Some("350583"),
                Some(2021),
                "<=",
                16.0,
                "/10万",
                None,
            ),
            target(
                "a",
                "婴儿死亡率",
                Some("infant_mortality_rate"),
                Some("南安市"),
                Some("350583"),
                Some(2021),
                "<=",
                9.0,
                "‰",
                None,
            ),
            target(
                "b",
                "孕产妇死亡率",
                Some("maternal_mortality_ratio"),
                Some("新建区"),
                Some("360112"),
                Some(2025),
                "<=",
                10.0,
                "/10万",
                None,
            ),
        ]);
        let only = |fl: Filters| -> Vec<(String, usize)> {
            compare(&l, &k, &fl)
                .iter()
                .map(|t| (t.indicator.clone(), t.rows.len()))
                .collect()
        };
        let fl = Filters {
            indicators: vec!["孕產婦死亡率".into()],
            ..Filters::default()
        };
        assert_eq!(only(fl), [("孕产妇死亡率".to_string(), 2)]);
        let fl = Filters {
            regions: vec!["南安".into()],
            ..Filters::default()
        };
        assert_eq!(only(fl).len(), 2);
        let fl = Filters {
            year: Some(2025),
            ..Filters::default()
        };
        assert_eq!(only(fl), [("孕产妇死亡率".to_string(), 1)]);
    }

    #[test]
    fn width_counts_wide_chars_twice() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("新建区"), 6);
        assert_eq!(display_width("新府发〔2023〕3号"), 17);
        assert_eq!(display_width("１０％"), 6);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(truncate_width("孕产妇死亡率控制", 9), "孕产妇死…");
        assert_eq!(truncate_width("short", 9), "short");
    }

    #[test]
    fn csv_has_bom_header_and_bare_numbers_md_escapes_pipes() {
        let f = fixture();
        let k = keys(&f);
        let mut t = target(
            "a",
            "指标|甲",
            None,
            Some("新建区"),
            Some("360112"),
            Some(2025),
            ">=",
            0.5,
            "%",
            Some((0.005, "ratio")),
        );
        t.quote = "a, \"b\"".into();
        let tables = compare(&loaded(vec![t]), &k, &Filters::default());
        let csv = render_csv(&tables);
        assert!(csv.starts_with("\u{FEFF}indicator_id,indicator,mark,"));
        let line = csv.lines().nth(1).unwrap();
        assert!(
            line.contains(",360112,2025,2025-12-31,>=,0.5,,%,0.005,,ratio,"),
            "{line}"
        );
        assert!(line.contains(",\"a, \"\"b\"\"\","), "{line}");
        let md = render_md(&tables);
        assert!(md.starts_with("### 指标\\|甲\n"), "{md}");
        assert_eq!(Format::choose(None, Some(Path::new("x.CSV"))), Format::Csv);
        assert_eq!(
            Format::choose(None, Some(Path::new("x.txt"))),
            Format::Table
        );
        assert_eq!(
            Format::choose(Some(Format::Json), Some(Path::new("x.md"))),
            Format::Json
        );
    }
}
