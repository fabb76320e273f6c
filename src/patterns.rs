//! Pattern files: the domain knowledge (comparator words, units, indicators, lexicon lists)
//! read from patterns/ as documented TSV data, embedded at build time and overridable.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

/// Every pattern file the engine reads, with its embedded default text.
pub const FILES: &[(&str, &str)] = &[
    (
        "comparators.tsv",
        include_str!("../patterns/comparators.tsv"),
    ),
    ("units.tsv", include_str!("../patterns/units.tsv")),
    ("indicators.tsv", include_str!("../patterns/indicators.tsv")),
    ("lexicon.tsv", include_str!("../patterns/lexicon.tsv")),
    ("metadata.tsv", include_str!("../patterns/metadata.tsv")),
    ("regions.tsv", include_str!("../patterns/regions.tsv")),
    ("formats.tsv", include_str!("../patterns/formats.tsv")),
];

/// The raw text of each pattern file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Sources {
    files: BTreeMap<&'static str, (String, String)>,
}

impl Sources {
    /// The embedded defaults.
    pub fn embedded() -> Sources {
        let files = FILES
            .iter()
            .map(|(name, text)| (*name, (format!("patterns/{name}"), text.to_string())))
            .collect();
        Sources { files }
    }

    /// The embedded defaults, with every file present in `dir` taking the place of its default.
    pub fn with_dir(dir: &Path) -> Result<Sources> {
        let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
        if !meta.is_dir() {
            return Err(Error::Config(format!(
                "{}: --patterns needs a folder",
                dir.display()
            )));
        }
        let mut sources = Sources::embedded();
        for (name, slot) in sources.files.iter_mut() {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let text = String::from_utf8(bytes)
                        .map_err(|_| Error::Config(format!("{}: not UTF-8", path.display())))?;
                    *slot = (path.display().to_string(), text);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        Ok(sources)
    }

    /// The display name and text of one file.
    pub fn get(&self, name: &str) -> (&str, &str) {
        let (shown, text) = &self.files[name];
        (shown.as_str(), text.as_str())
    }
}

/// One data row of a TSV pattern file.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub line: usize,
    pub text: &'a str,
    pub cols: Vec<&'a str>,
}

/// Split a pattern file into its data rows: a byte-order mark, `#` comments and blank lines are
/// skipped,
/// columns are separated by tabs, and trailing white space is ignored.
pub fn rows(text: &str) -> impl Iterator<Item = Row<'_>> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let raw = if i == 0 {
            raw.trim_start_matches('\u{feff}')
        } else {
            raw
        };
        let line = raw.trim_end_matches(['\r', ' ']);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            return None;
        }
        Some(Row {
            line: i + 1,
            text: line,
            cols: line.split('\t').map(str::trim).collect(),
        })
    })
}

/// Check a row's column count and that no required column is empty.
fn expect_cols(file: &str, row: &Row, min: usize, max: usize) -> Result<()> {
    if row.cols.len() < min || row.cols.len() > max {
        let want = if min == max {
            format!("expected {min} tab-separated columns")
        } else {
            format!("expected {min} to {max} tab-separated columns")
        };
        return Err(Error::pattern(
            file,
            row.line,
            format!("{want}, found {}", row.cols.len()),
            row.text,
        ));
    }
    if let Some(i) = row.cols.iter().take(min).position(|c| c.is_empty()) {
        return Err(Error::pattern(
            file,
            row.line,
            format!("column {} is empty", i + 1),
            row.text,
        ));
    }
    Ok(())
}

/// The comparator of a target, as written in records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Comparator {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
    Approx,
    Range,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
            Comparator::Eq => "=",
            Comparator::Approx => "~",
            Comparator::Range => "range",
        }
    }

    pub fn parse(s: &str) -> Option<Comparator> {
        Some(match s {
            ">=" => Comparator::Ge,
            "<=" => Comparator::Le,
            ">" => Comparator::Gt,
            "<" => Comparator::Lt,
            "=" => Comparator::Eq,
            "~" => Comparator::Approx,
            "range" => Comparator::Range,
            _ => return None,
        })
    }
}

/// Comparator words with what each means, longest first.
pub type ComparatorWords = Vec<(String, Comparator)>;

/// Where a comparator word stands relative to the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Before,
    After,
}

#[derive(Debug, Clone)]
pub struct ComparatorWord {
    pub word: String,
    pub position: Position,
    pub comparator: Comparator,
}

/// A unit and how its values are normalized for comparison across documents.
#[derive(Debug, Clone)]
pub struct UnitDef {
    pub unit: String,
    pub kind: String,
    pub factor: f64,
    pub normalized: String,
}

/// A canonical indicator of the lexicon and the ways documents write it.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    pub id: String,
    pub canonical: String,
    pub variants: Vec<String>,
    /// The indicator's group (economy, maternal_child_health …), where the file gives one.
    pub group: Option<String>,
    /// "higher" or "lower" when that way is always stricter; None when it depends.
    pub direction: Option<String>,
    /// The unit targets usually state it in.
    pub unit: Option<String>,
}

/// Every pattern file, parsed and checked.
#[derive(Debug, Clone)]
pub struct Patterns {
    pub comparators: Vec<ComparatorWord>,
    pub units: Vec<UnitDef>,
    pub indicators: Vec<IndicatorDef>,
    /// Named word lists of lexicon.tsv: list name → (word, optional value) in file order.
    pub lists: BTreeMap<String, Vec<(String, String)>>,
    pub sources: Sources,
}

/// The list names lexicon.tsv may use; any other name is an error (a typo would
/// otherwise silently disable a rule).
pub const LEXICON_LISTS: &[&str] = &[
    "scope",
    "filler",
    "not_after",
    "not_before",
    "chinese_not_unit",
    "status",
    "report",
    "goal",
    "strength",
    "period",
    "plan_period",
    "relative_time",
    "relative_framed",
    "placeholder",
    "recurring",
    "unit_marker",
    "unit_aside",
    "self_unit",
    "org_end",
    "org_head",
    "subject_end",
    "abbreviation",
    "head",
    "clause_verb",
    "tail_verb",
    "indicator_verb",
    "attribute_lead",
    "base_frame",
    "reach_zone",
    "amount_head",
    "population",
    "topic_suffix",
    "topic_prefix",
    "topic_generic",
    "grouping_noun",
    "event_verb",
    "multiple_copula",
    "descriptor_lead",
    "bound_adverb",
    "project_list_end",
    "grade_scale",
    "reference_level",
    "annual_average",
    "limit_lead",
    "review_heading",
    "phrase_cut",
    "indicator_end",
    "object_predicate",
    "distributive",
    "collective",
    "not_share_of",
    "not_target_word",
    "review_start",
    "review_end",
    "plan_genre",
    "annual_plan",
    "multi_year_plan",
    "task_verb",
    "deliverable_verb",
    "task_adverb",
    "task_lead",
    "vague_verb",
    "not_milestone",
    "review_ahead",
    "lead_first",
    "scope_lead",
    "per_period",
    "age_valued",
    "duration_valued",
    "ratio_measure",
    "duration_unit",
    "duration_limit",
    "duration_lead",
    "duration_horizon",
    "duration_anchor",
    "table_ordinal",
    "table_indicator",
    "table_unit",
    "table_base",
    "table_attribute",
    "table_responsible",
    "table_other",
    "enumeration_end",
    "status_frame",
    "half",
    "vague_quantity",
    "not_quantity_before",
    "class_lead",
    "light_verb",
    "award_verb",
    "requirement_word",
    "not_comparator",
    "comparator_particle",
    "not_perfective",
    "magnitude_lead",
    "change_extent",
    "adverb_comparator",
    "inclusive_note",
    "exclusive_note",
    "possession_verb",
    "possession_adverb",
    "award_noun",
    "award_give",
    "count_suffix",
    "adverbial_lead",
    "act_preposition",
    "owned_measure",
    "per_unit_modifier",
    "outcome_span",
    "outcome_bound",
    "outcome_bound_lead",
    "glossary_heading",
    "baseline_status",
    "reported_baseline",
    "key_synonym",
    "head_modifier",
    "part_lead",
    "addition_verb",
    "creation_verb",
    "outcome_level",
    "change_verb",
    "narration_end",
    "time_comparison",
    "goal_noun",
    "count_head",
    "future_marker",
    "change_from",
    "reached_time",
    "dated_event",
    "not_status",
    "rule_bound",
    "current_time",
    "goal_reference",
    "cumulative",
    "flow_rate",
    "done_word",
];

impl Patterns {
    /// The comparator words standing before and after a number, each list longest first (so
    /// that 不低于 is tried before 低于).
    pub fn comparators_by_position(&self) -> (ComparatorWords, ComparatorWords) {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for c in &self.comparators {
            match c.position {
                Position::Before => before.push((c.word.clone(), c.comparator)),
                Position::After => after.push((c.word.clone(), c.comparator)),
            }
        }
        before.sort_by_key(|b| std::cmp::Reverse(b.0.chars().count()));
        after.sort_by_key(|b| std::cmp::Reverse(b.0.chars().count()));
        (before, after)
    }

    /// The embedded pattern set.
    pub fn embedded() -> Result<Patterns> {
        Patterns::from_sources(Sources::embedded())
    }

    /// Parse every file of `sources`.
    pub fn from_sources(sources: Sources) -> Result<Patterns> {
        let (file, text) = sources.get("comparators.tsv");
        let comparators = parse_comparators(file, text)?;
        let (file, text) = sources.get("units.tsv");
        let units = parse_units(file, text)?;
        let (file, text) = sources.get("indicators.tsv");
        let indicators = parse_indicators(file, text)?;
        let (file, text) = sources.get("lexicon.tsv");
        let lists = parse_lexicon(file, text)?;
        Ok(Patterns {
            comparators,
            units,
            indicators,
            lists,
            sources,
        })
    }

    /// The words of one lexicon list (empty if the file has none).
    pub fn list(&self, name: &str) -> Vec<&str> {
        debug_assert!(LEXICON_LISTS.contains(&name), "unknown list {name}");
        self.lists
            .get(name)
            .map(|v| v.iter().map(|(w, _)| w.as_str()).collect())
            .unwrap_or_default()
    }

    /// The words of one lexicon list as owned strings, in file order.
    pub fn words(&self, name: &str) -> Vec<String> {
        self.list(name).into_iter().map(String::from).collect()
    }

    /// The (word, value) pairs of one lexicon list.
    pub fn pairs(&self, name: &str) -> Vec<(&str, &str)> {
        debug_assert!(LEXICON_LISTS.contains(&name), "unknown list {name}");
        self.lists
            .get(name)
            .map(|v| v.iter().map(|(w, x)| (w.as_str(), x.as_str())).collect())
            .unwrap_or_default()
    }
}

fn parse_comparators(file: &str, text: &str) -> Result<Vec<ComparatorWord>> {
    let mut out = Vec::new();
    for row in rows(text) {
        expect_cols(file, &row, 3, 3)?;
        let position = match row.cols[1] {
            "before" => Position::Before,
            "after" => Position::After,
            other => {
                return Err(Error::pattern(
                    file,
                    row.line,
                    format!("position must be before or after, not {other:?}"),
                    row.text,
                ))
            }
        };
        let comparator = Comparator::parse(row.cols[2])
            .filter(|c| *c != Comparator::Range)
            .ok_or_else(|| {
                Error::pattern(
                    file,
                    row.line,
                    "comparator must be one of >= <= > < = ~",
                    row.text,
                )
            })?;
        out.push(ComparatorWord {
            word: row.cols[0].to_string(),
            position,
            comparator,
        });
    }
    Ok(out)
}

fn parse_units(file: &str, text: &str) -> Result<Vec<UnitDef>> {
    let mut out = Vec::new();
    for row in rows(text) {
        expect_cols(file, &row, 4, 4)?;
        let factor: f64 = row.cols[2]
            .parse()
            .map_err(|_| Error::pattern(file, row.line, "factor must be a number", row.text))?;
        if !factor.is_finite() || factor <= 0.0 {
            return Err(Error::pattern(
                file,
                row.line,
                "factor must be a positive number",
                row.text,
            ));
        }
        out.push(UnitDef {
            unit: row.cols[0].to_string(),
            kind: row.cols[1].to_string(),
            factor,
            normalized: row.cols[3].to_string(),
        });
    }
    Ok(out)
}

fn parse_indicators(file: &str, text: &str) -> Result<Vec<IndicatorDef>> {
    let mut out: Vec<IndicatorDef> = Vec::new();
    let mut seen = BTreeMap::new();
    for row in rows(text) {
        expect_cols(file, &row, 2, 6)?;
        let id = row.cols[0];
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(Error::pattern(
                file,
                row.line,
                "id must be lower-case ASCII letters, digits and _",
                row.text,
            ));
        }
        if let Some(first) = seen.insert(id.to_string(), row.line) {
            return Err(Error::pattern(
                file,
                row.line,
                format!("id {id} already defined on line {first}"),
                row.text,
            ));
        }
        let variants = row
            .cols
            .get(2)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let col = |i: usize| {
            row.cols
                .get(i)
                .filter(|c| !c.is_empty() && **c != "-")
                .map(|c| c.to_string())
        };
        let direction = col(4);
        if let Some(d) = &direction {
            if d != "higher" && d != "lower" {
                return Err(Error::pattern(
                    file,
                    row.line,
                    format!("direction must be higher, lower or -, not {d:?}"),
                    row.text,
                ));
            }
        }
        out.push(IndicatorDef {
            id: id.to_string(),
            canonical: row.cols[1].to_string(),
            variants,
            group: col(3),
            direction,
            unit: col(5),
        });
    }
    Ok(out)
}

/// The value a list of lexicon.tsv needs, checked at load time: Err names the form wanted.
fn check_lexicon_value(list: &str, value: &str) -> std::result::Result<(), &'static str> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match list {
        "period" => value
            .split_once('-')
            .is_some_and(|(m, d)| digits(m, 2) && digits(d, 2)),
        "plan_period" => value
            .split_once('-')
            .is_some_and(|(a, b)| digits(a, 4) && digits(b, 4)),
        "outcome_span" => value.parse::<u8>().is_ok_and(|n| (1..=30).contains(&n)),
        "dated_event" => digits(value, 4),
        "key_synonym" => !value.is_empty(),
        "relative_time" => value.split_once('+').is_some_and(|(unit, n)| {
            matches!(
                unit,
                "century" | "midcentury" | "year" | "quarter" | "month"
            ) && n.parse::<i32>().is_ok()
        }),
        _ => return Ok(()),
    };
    if ok {
        return Ok(());
    }
    Err(match list {
        "period" => "MM-DD",
        "plan_period" => "YYYY-YYYY",
        "outcome_span" => "a number of years from 1 to 30",
        "dated_event" => "YYYY",
        "key_synonym" => "a word, or - for none",
        _ => "century+N, midcentury+N, year+N, quarter+N or month+N",
    })
}

fn parse_lexicon(file: &str, text: &str) -> Result<BTreeMap<String, Vec<(String, String)>>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in rows(text) {
        expect_cols(file, &row, 2, 3)?;
        let list = row.cols[0];
        if !LEXICON_LISTS.contains(&list) {
            return Err(Error::pattern(
                file,
                row.line,
                format!(
                    "unknown list {list:?} (known: {})",
                    LEXICON_LISTS.join(", ")
                ),
                row.text,
            ));
        }
        let value = row.cols.get(2).copied().unwrap_or("").to_string();
        if let Err(want) = check_lexicon_value(list, &value) {
            return Err(Error::pattern(
                file,
                row.line,
                format!("{list}: value {value:?} is not {want}"),
                row.text,
            ));
        }
        out.entry(list.to_string())
            .or_default()
            .push((row.cols[1].to_string(), value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_list_is_documented_has_words_and_nothing_else_is_documented() {
        let p = Patterns::embedded().unwrap();
        let (_, lexicon) = p.sources.get("lexicon.tsv");
        let readme = include_str!("../patterns/README.md");
        // The list names the header of lexicon.tsv describes ("#   name   what it does").
        let described: Vec<&str> = lexicon
            .lines()
            .filter_map(|l| l.strip_prefix("#   "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        for name in LEXICON_LISTS {
            assert!(
                described.contains(name),
                "{name} not described in lexicon.tsv"
            );
            assert!(
                readme.contains(&format!("| `{name}` |")),
                "{name} not in patterns/README.md"
            );
            assert!(!p.list(name).is_empty(), "{name} has no words");
        }
        for name in described {
            assert!(
                LEXICON_LISTS.contains(&name),
                "{name} described but not a list"
            );
        }
    }

    #[test]
    fn embedded_patterns_parse() {
        let p = Patterns::embedded().unwrap();
        assert!(p.comparators.iter().any(|c| c.word == "以上"));
        assert!(p.units.iter().any(|u| u.unit == "%"));
        assert!(p.indicators.iter().any(|i| i.canonical == "孕产妇死亡率"));
        assert!(!p.list("scope").is_empty());
    }

    #[test]
    fn rows_skip_comments_and_blanks() {
        let text = "# header\n\na\tb\n  # indented comment\nc\td\r\n";
        let r: Vec<_> = rows(text).collect();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].line, 3);
        assert_eq!(r[1].cols, vec!["c", "d"]);
    }

    #[test]
    fn bad_comparator_names_file_and_line() {
        let err = parse_comparators("x.tsv", "# c\n达到\tbefore\t>=\n以上\tafterwards\t>=\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.tsv:3: position must be"), "{err}");
    }

    #[test]
    fn bad_unit_factor_is_an_error() {
        let err = parse_units("u.tsv", "%\tpercent\tabc\tratio\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("u.tsv:1: factor must be a number"), "{err}");
    }

    #[test]
    fn duplicate_indicator_id_is_an_error() {
        let err = parse_indicators("i.tsv", "a\t甲率\nb\t乙率\na\t丙率\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("i.tsv:3: id a already defined on line 1"),
            "{err}"
        );
    }

    #[test]
    fn lexicon_values_are_checked_with_their_line() {
        let err = parse_lexicon("l.tsv", "scope\t全市\nrelative_time\t本月\tweek+0\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("l.tsv") && err.contains('2'), "{err}");
        assert!(err.contains("year+N"), "{err}");
        assert!(parse_lexicon("l.tsv", "period\t年中\t6-30\n").is_err());
        assert!(parse_lexicon("l.tsv", "relative_time\t下个月\tmonth+1\n").is_ok());
    }

    #[test]
    fn unknown_lexicon_list_is_an_error() {
        let err = parse_lexicon("l.tsv", "scope\t全市\nscopes\t全区\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("l.tsv:2: unknown list \"scopes\""), "{err}");
    }

    #[test]
    fn override_dir_replaces_only_present_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("units.tsv"), "%\tpercent\t0.01\tratio\n").unwrap();
        let p = Patterns::from_sources(Sources::with_dir(dir.path()).unwrap()).unwrap();
        assert_eq!(p.units.len(), 1);
        assert!(p.comparators.len() > 10);
    }
}
