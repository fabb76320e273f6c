//! CSV tables of targets, outcomes and documents (RFC 4180, UTF-8 with a BOM so that spreadsheet
//! programs read Chinese text correctly; numbers unquoted, absent values empty).

use crate::record::{DocumentRecord, OutcomeRecord, TargetRecord};

pub const TARGET_COLUMNS: &[&str] = &[
    "doc_id",
    "path",
    "indicator",
    "indicator_id",
    "comparator",
    "value",
    "value_max",
    "unit",
    "normalized_value",
    "normalized_value_max",
    "normalized_unit",
    "strength",
    "year",
    "deadline",
    "deadline_text",
    "period_start",
    "units",
    "region",
    "region_code",
    "duplicate_of",
    "quote",
    "start",
    "end",
    "line",
    "rule",
];

pub const DOCUMENT_COLUMNS: &[&str] = &[
    "doc_id",
    "path",
    "bytes",
    "chars",
    "format",
    "encoding",
    "script",
    "title",
    "issuer",
    "doc_number",
    "date",
    "region",
    "region_code",
    "province",
    "prefecture",
    "attachments",
    "targets",
    "milestones",
    "outcomes",
    "error",
];

pub const OUTCOME_COLUMNS: &[&str] = &[
    "doc_id",
    "path",
    "indicator",
    "indicator_id",
    "comparator",
    "value",
    "value_max",
    "unit",
    "normalized_value",
    "normalized_value_max",
    "normalized_unit",
    "period_start",
    "period_end",
    "region",
    "region_code",
    "quote",
    "start",
    "end",
    "line",
    "rule",
];

/// A field that may be absent: its text, or empty.
pub(crate) fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// The start of a CSV file: the BOM and the header line of `columns`.
pub fn header(columns: &[&str]) -> String {
    let names: Vec<String> = columns.iter().map(|s| s.to_string()).collect();
    format!("\u{FEFF}{}", crate::printer::csv_row(&names))
}

/// The CSV fields of one target (list fields joined with 、).
pub fn target_row(r: &TargetRecord) -> Vec<String> {
    let [nv, nm, nu] = normalized_cells(r.normalized.as_ref());
    vec![
        r.doc_id.clone(),
        r.path.clone(),
        r.indicator.clone(),
        opt(&r.indicator_id),
        r.comparator.clone(),
        r.value.to_string(),
        opt(&r.value_max),
        opt(&r.unit),
        nv,
        nm,
        nu,
        opt(&r.strength),
        opt(&r.year),
        opt(&r.deadline),
        opt(&r.deadline_text),
        opt(&r.period_start),
        r.units.join("、"),
        opt(&r.region),
        opt(&r.region_code),
        opt(&r.duplicate_of),
        r.quote.clone(),
        r.start.to_string(),
        r.end.to_string(),
        r.line.to_string(),
        r.rule.clone(),
    ]
}

/// The CSV fields of one document.
pub fn document_row(r: &DocumentRecord) -> Vec<String> {
    vec![
        r.doc_id.clone(),
        r.path.clone(),
        r.bytes.to_string(),
        opt(&r.chars),
        opt(&r.format),
        opt(&r.encoding),
        opt(&r.script),
        opt(&r.title),
        opt(&r.issuer),
        opt(&r.doc_number),
        opt(&r.date),
        opt(&r.region),
        opt(&r.region_code),
        opt(&r.province),
        opt(&r.prefecture),
        // The addresses, one per line (a cell may hold line breaks).
        r.attachments
            .iter()
            .map(|a| a.href.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        r.targets.to_string(),
        r.milestones.to_string(),
        r.outcomes.to_string(),
        opt(&r.error),
    ]
}

/// The CSV fields of one outcome.
pub fn outcome_row(r: &OutcomeRecord) -> Vec<String> {
    let [nv, nm, nu] = normalized_cells(r.normalized.as_ref());
    vec![
        r.doc_id.clone(),
        r.path.clone(),
        r.indicator.clone(),
        opt(&r.indicator_id),
        r.comparator.clone(),
        r.value.to_string(),
        opt(&r.value_max),
        opt(&r.unit),
        nv,
        nm,
        nu,
        opt(&r.period_start),
        opt(&r.period_end),
        opt(&r.region),
        opt(&r.region_code),
        r.quote.clone(),
        r.start.to_string(),
        r.end.to_string(),
        r.line.to_string(),
        r.rule.clone(),
    ]
}

/// The three cells of a `normalized` quantity (value, value_max, unit), empty when absent.
fn normalized_cells(n: Option<&crate::record::Normalized>) -> [String; 3] {
    [
        n.map(|n| n.value.to_string()).unwrap_or_default(),
        n.and_then(|n| n.value_max.as_ref().map(|v| v.to_string()))
            .unwrap_or_default(),
        n.map(|n| n.unit.clone()).unwrap_or_default(),
    ]
}
