//! How `compare` prints: aligned table, CSV, Markdown and JSON.

use crate::csv::opt;
use crate::printer::csv_row;

use super::{Format, IndicatorTable, Row};

/// Columns of the CSV output.
pub const CSV_COLUMNS: &[&str] = &[
    "indicator_id",
    "indicator",
    "mark",
    "conflict",
    "compared_on",
    "region",
    "region_code",
    "year",
    "deadline",
    "comparator",
    "value",
    "value_max",
    "unit",
    "normalized_value",
    "normalized_value_max",
    "normalized_unit",
    "strength",
    "title",
    "doc_number",
    "date",
    "quote",
    "doc_id",
    "path",
    "line",
];

/// The comparison as CSV: a BOM, the header, one line per row (absent values empty).
pub fn render_csv(tables: &[IndicatorTable]) -> String {
    let mut out = crate::csv::header(CSV_COLUMNS);
    for t in tables {
        for r in &t.rows {
            let n = r.normalized.as_ref();
            out.push_str(&csv_row(&[
                opt(&t.indicator_id),
                r.indicator.clone(),
                opt(&r.mark),
                r.conflict.to_string(),
                r.compared_on.clone(),
                opt(&r.region),
                opt(&r.region_code),
                opt(&r.year),
                opt(&r.deadline),
                r.comparator.clone(),
                r.value.to_string(),
                opt(&r.value_max),
                opt(&r.unit),
                n.map(|n| n.value.to_string()).unwrap_or_default(),
                opt(&n.and_then(|n| n.value_max.clone())),
                n.map(|n| n.unit.clone()).unwrap_or_default(),
                opt(&r.strength),
                opt(&r.title),
                opt(&r.doc_number),
                opt(&r.date),
                r.quote.clone(),
                r.doc_id.clone(),
                r.path.clone(),
                r.line.to_string(),
            ]));
        }
    }
    out
}

/// The comparison as a JSON array, one object per indicator.
pub fn render_json(tables: &[IndicatorTable]) -> String {
    let mut s = serde_json::to_string_pretty(tables).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// Display width in terminal columns: 2 for wide and full-width characters (CJK ideographs,
/// kana, Hangul, full-width forms, CJK punctuation), 0 for controls and combining marks, else 1.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    match c as u32 {
        0x00..=0x1F | 0x7F..=0x9F => 0,
        0x0300..=0x036F | 0x200B..=0x200F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// `s` cut to at most `max` columns, with … where it was cut.
pub fn truncate_width(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn one_line(s: &str) -> String {
    s.split(['\r', '\n', '\t'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn value_cell(v: &serde_json::Number, max: &Option<serde_json::Number>) -> String {
    match max {
        Some(m) => format!("{v}-{m}"),
        None => v.to_string(),
    }
}

fn mark_cell(r: &Row) -> String {
    let mut parts = Vec::new();
    if let Some(m) = r.mark {
        parts.push(m);
    }
    if r.conflict {
        parts.push("CONFLICT");
    }
    parts.join(" ")
}

const HEADERS: &[&str] = &[
    "mark",
    "region",
    "region_code",
    "year",
    "deadline",
    "cmp",
    "value",
    "unit",
    "normalized",
    "strength",
    "title",
    "doc_number",
    "date",
    "quote",
];

/// Columns aligned to the right (numbers).
const RIGHT: &[&str] = &["year", "value", "normalized"];

fn cells(r: &Row, dash: &str) -> Vec<String> {
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| dash.to_string());
    vec![
        mark_cell(r),
        or(&r.region),
        or(&r.region_code),
        r.year.map(|y| y.to_string()).unwrap_or_else(|| dash.into()),
        or(&r.deadline),
        r.comparator.clone(),
        value_cell(&r.value, &r.value_max),
        or(&r.unit),
        r.normalized
            .as_ref()
            .map(|n| format!("{} {}", value_cell(&n.value, &n.value_max), n.unit))
            .unwrap_or_else(|| dash.into()),
        or(&r.strength),
        one_line(&or(&r.title)),
        or(&r.doc_number),
        or(&r.date),
        one_line(&r.quote),
    ]
}

fn heading(t: &IndicatorTable) -> String {
    let mut h = t.indicator.clone();
    if let Some(id) = &t.indicator_id {
        h.push_str(&format!(" [{id}]"));
    }
    h
}

fn unit_name(u: &str) -> &str {
    if u.is_empty() {
        "no unit"
    } else {
        u
    }
}

fn summary(t: &IndicatorTable) -> String {
    let order = match t.direction {
        Some(d) => format!("{}, strictest first", d.describe()),
        None => "no direction, rows in document order".to_string(),
    };
    let n = t.rows.len();
    format!("{order}; {n} row{}", if n == 1 { "" } else { "s" })
}

pub(crate) fn notes(t: &IndicatorTable) -> Vec<String> {
    let mut out = Vec::new();
    if t.compared_on.len() > 1 {
        let units: Vec<&str> = t.compared_on.iter().map(|u| unit_name(u)).collect();
        out.push(format!(
            "not comparable: units {} do not convert into each other; each is ordered on its own",
            units.join(", ")
        ));
    }
    for c in &t.conflicts {
        let place = match (&c.region, &c.region_code) {
            (Some(r), Some(code)) => format!("{r} ({code})"),
            (Some(r), None) => r.clone(),
            (None, Some(code)) => code.clone(),
            (None, None) => "-".into(),
        };
        let stated: Vec<String> = c
            .rows
            .iter()
            .map(|&i| {
                let r = &t.rows[i];
                let unit = r.unit.clone().unwrap_or_default();
                let src = r
                    .doc_number
                    .clone()
                    .or_else(|| r.title.clone().map(|x| truncate_width(&one_line(&x), 30)))
                    .unwrap_or_else(|| r.path.clone());
                format!(
                    "{} {}{} in {} line {}",
                    r.comparator,
                    value_cell(&r.value, &r.value_max),
                    unit,
                    src,
                    r.line
                )
            })
            .collect();
        out.push(format!(
            "CONFLICT: {place} {}: {}",
            c.year.map(|y| y.to_string()).unwrap_or_default(),
            stated.join(" vs ")
        ));
    }
    out
}

/// Widest title and quote shown in the table (the other formats keep them whole).
const TITLE_WIDTH: usize = 36;
const QUOTE_WIDTH: usize = 40;

/// The comparison as aligned text columns, one block per indicator.
pub fn render_table(tables: &[IndicatorTable]) -> String {
    let mut out = String::new();
    for (ti, t) in tables.iter().enumerate() {
        if ti > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{} — {}\n", heading(t), summary(t)));
        let mut grid: Vec<Vec<String>> = vec![HEADERS.iter().map(|h| h.to_string()).collect()];
        for r in &t.rows {
            let mut c = cells(r, "-");
            c[10] = truncate_width(&c[10], TITLE_WIDTH);
            c[13] = truncate_width(&c[13], QUOTE_WIDTH);
            grid.push(c);
        }
        let widths: Vec<usize> = (0..HEADERS.len())
            .map(|i| {
                grid.iter()
                    .map(|row| display_width(&row[i]))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &grid {
            let mut line = String::from(" ");
            for (i, cell) in row.iter().enumerate() {
                let pad = " ".repeat(widths[i] - display_width(cell));
                line.push(' ');
                if RIGHT.contains(&HEADERS[i]) {
                    line.push_str(&pad);
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if i + 1 < row.len() {
                        line.push_str(&pad);
                    }
                }
                if i + 1 < row.len() {
                    line.push(' ');
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        for n in notes(t) {
            out.push_str(&format!("  {n}\n"));
        }
    }
    out
}

fn md_cell(s: &str) -> String {
    one_line(s).replace('\\', "\\\\").replace('|', "\\|")
}

/// The comparison as Markdown: a heading, a table and notes per indicator.
pub fn render_md(tables: &[IndicatorTable]) -> String {
    let mut out = String::new();
    for (ti, t) in tables.iter().enumerate() {
        if ti > 0 {
            out.push('\n');
        }
        let id = t
            .indicator_id
            .as_ref()
            .map(|i| format!(" (`{i}`)"))
            .unwrap_or_default();
        out.push_str(&format!("### {}{id}\n\n", md_cell(&t.indicator)));
        let s = summary(t);
        let mut first = s.chars();
        let s: String = first
            .next()
            .map(|c| c.to_uppercase().chain(first).collect())
            .unwrap_or_default();
        out.push_str(&format!("{s}.\n\n"));
        out.push_str(&format!("| {} |\n", HEADERS.join(" | ")));
        let align: Vec<&str> = HEADERS
            .iter()
            .map(|h| if RIGHT.contains(h) { "---:" } else { "---" })
            .collect();
        out.push_str(&format!("| {} |\n", align.join(" | ")));
        for r in &t.rows {
            let c: Vec<String> = cells(r, "–").iter().map(|x| md_cell(x)).collect();
            out.push_str(&format!("| {} |\n", c.join(" | ")));
        }
        let n = notes(t);
        if !n.is_empty() {
            out.push('\n');
            for x in n {
                out.push_str(&format!("- {}\n", md_cell(&x)));
            }
        }
    }
    out
}

/// The comparison in a format.
pub fn render(tables: &[IndicatorTable], format: Format) -> String {
    match format {
        Format::Table => render_table(tables),
        Format::Csv => render_csv(tables),
        Format::Md => render_md(tables),
        Format::Json => render_json(tables),
        Format::Html => {
            crate::report::render_html(tables, &[], &crate::report::Overview::default())
        }
    }
}
