//! Indicator tables: a plan's table of main indicators (序号 / 指标名称 / 单位 / 基期值 / 2025年 /
//! 属性 / 牵头单位) read through its header once, each year column of each row a target with
//! that year. Text files carry such tables flattened: TAB-separated rows, Markdown pipes, one
//! cell per line ending in " |", or one cell per line under a header of known column names.

use regex::Regex;

use super::deadline::TimeExpr;
use super::number::Number;
use super::target::Found;
use crate::patterns::{Comparator, Patterns};
use crate::words::WordList;

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Ordinal,
    Indicator,
    Unit,
    /// The base year's value: not a target.
    Base,
    /// A target year's value.
    Year(i32),
    Attribute,
    Responsible,
    /// Anything else (备注, 类别): read past.
    Other,
}

/// One cell: its byte range in the normalized text (trimmed).
#[derive(Debug, Clone, Copy)]
struct Cell {
    start: usize,
    end: usize,
}

pub struct TableRules {
    ordinal: WordList,
    indicator: WordList,
    unit: WordList,
    base: WordList,
    attribute: WordList,
    responsible: WordList,
    other: WordList,
    strength: Vec<(String, String)>,
    before: Vec<(String, Comparator)>,
    after: Vec<(String, Comparator)>,
    year: Regex,
    number: Regex,
    /// Units of patterns/units.tsv, for `normalized`.
    units: Vec<String>,
}

/// Targets read from tables, and the lines they were read from (not read again as sentences).
#[derive(Debug, Default)]
pub struct Tables {
    pub targets: Vec<(Found, TimeExpr, Vec<String>)>,
    pub lines: Vec<bool>,
}

impl TableRules {
    pub fn new(p: &Patterns) -> TableRules {
        let list = |n: &str| WordList::longest_first(p.list(n));
        let (before, after) = p.comparators_by_position();
        TableRules {
            ordinal: list("table_ordinal"),
            indicator: list("table_indicator"),
            unit: list("table_unit"),
            base: list("table_base"),
            attribute: list("table_attribute"),
            responsible: list("table_responsible"),
            other: list("table_other"),
            strength: p
                .pairs("strength")
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            before,
            after,
            year: Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)").unwrap(),
            number: Regex::new(r"^[0-9]+(?:\.[0-9]+)?").unwrap(),
            units: p.units.iter().map(|u| u.unit.clone()).collect(),
        }
    }

    /// What a header cell names, or None when it is no column name.
    fn column(&self, cell: &str) -> Option<Column> {
        // Column names are short: most lines are turned away here, before any allocation.
        if cell.len() > 48 {
            return None;
        }
        let c: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        if c.is_empty() {
            return None;
        }
        let is = |w: &WordList| w.prefix_of(&c).is_some();
        // A year column names a year and no base word (2025年, 2025年目标值, 到2027年);
        // 基期值(2023年) and 2023年(基期) are the base.
        if is(&self.base) || self.base.words().iter().any(|b| c.contains(b.as_str())) {
            return Some(Column::Base);
        }
        if let Some(y) = self.year.captures(&c) {
            if c.chars().count() <= 14 {
                return y[1].parse().ok().map(Column::Year);
            }
        }
        if is(&self.ordinal) && c.chars().count() <= 3 {
            return Some(Column::Ordinal);
        }
        if c.chars().count() > 8 {
            return None;
        }
        // The longest column word wins (指标性质 is the attribute, not the indicator's 指标).
        [
            (&self.indicator, Column::Indicator),
            (&self.unit, Column::Unit),
            (&self.attribute, Column::Attribute),
            (&self.responsible, Column::Responsible),
            (&self.other, Column::Other),
        ]
        .into_iter()
        .filter_map(|(w, col)| w.first_prefix(&c).map(|m| (m.len(), col)))
        .max_by_key(|&(len, _)| len)
        .map(|(_, col)| col)
    }

    /// A header: every cell a column name, with an indicator column and a year column.
    fn header(&self, text: &str, cells: &[Cell]) -> Option<Vec<Column>> {
        if cells.len() < 3 {
            return None;
        }
        let cols: Option<Vec<Column>> = cells
            .iter()
            .map(|c| self.column(&text[c.start..c.end]))
            .collect();
        let cols = cols?;
        (cols.contains(&Column::Indicator) && cols.iter().any(|c| matches!(c, Column::Year(_))))
            .then_some(cols)
    }

    /// Every indicator table of the text (`lines` as byte ranges).
    pub fn read(&self, text: &str, lines: &[(usize, usize)]) -> Tables {
        let mut out = Tables {
            targets: Vec::new(),
            lines: vec![false; lines.len()],
        };
        // Cheap test first: a table header holds 指标 (or another indicator column word) and
        // a year on one line or on the lines right after.
        if !self
            .indicator
            .words()
            .iter()
            .any(|w| text.contains(w.as_str()))
        {
            return out;
        }
        let mut li = 0;
        while li < lines.len() {
            // Only a line of cells, or a short line naming a column, can open a table.
            let (ls, le) = lines[li];
            let line = text[ls..le].trim();
            let opens = line.contains('\t')
                || line.starts_with('|')
                || (line.len() <= 48
                    && (self.ordinal.prefix_of(line).is_some()
                        || self.indicator.prefix_of(line).is_some())
                    && self
                        .column(line.trim_end_matches(['|', ' ']))
                        .is_some_and(|c| matches!(c, Column::Ordinal | Column::Indicator)));
            if !opens {
                li += 1;
                continue;
            }
            let consumed = self
                .try_rows(text, lines, li, Form::Tab, &mut out)
                .or_else(|| self.try_rows(text, lines, li, Form::Pipe, &mut out))
                .or_else(|| self.try_cells(text, lines, li, true, &mut out))
                .or_else(|| self.try_cells(text, lines, li, false, &mut out));
            // The lines of a table read are not read again as sentences.
            if let Some(n) = consumed {
                out.lines[li..li + n].fill(true);
            }
            li += consumed.unwrap_or(1).max(1);
        }
        out
    }

    /// A table whose rows are lines (TAB-separated or Markdown pipes) starting at line `li`;
    /// returns the number of lines read.
    fn try_rows(
        &self,
        text: &str,
        lines: &[(usize, usize)],
        li: usize,
        form: Form,
        out: &mut Tables,
    ) -> Option<usize> {
        let (ls, le) = lines[li];
        let cells = split(text, ls, le, form)?;
        let cols = self.header(text, &cells)?;
        let mut k = li + 1;
        while k < lines.len() {
            let (rs, re) = lines[k];
            let line = text[rs..re].trim();
            if form == Form::Pipe && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                k += 1;
                continue;
            }
            let Some(row) = split(text, rs, re, form) else {
                break;
            };
            if row.len() != cols.len() {
                break;
            }
            self.row(text, &cells, &cols, &row, out);
            k += 1;
        }
        Some(k - li)
    }

    /// A table of one cell per line: each ending in " |" (`marked`), or unmarked under a header
    /// of column names opening with 序号; returns the number of lines read.
    fn try_cells(
        &self,
        text: &str,
        lines: &[(usize, usize)],
        li: usize,
        marked: bool,
        out: &mut Tables,
    ) -> Option<usize> {
        let cell_of = |k: usize| -> Option<Cell> {
            let (s, e) = lines[k];
            let line = &text[s..e];
            let body = if marked {
                line.trim_end().strip_suffix('|')?
            } else {
                line
            };
            trimmed(text, s, s + body.len())
        };
        // The header: consecutive cells that are column names.
        let mut header = Vec::new();
        let mut cols = Vec::new();
        let mut k = li;
        while k < lines.len() {
            let Some(c) = cell_of(k) else { break };
            let Some(col) = self.column(&text[c.start..c.end]) else {
                break;
            };
            header.push(c);
            cols.push(col);
            k += 1;
        }
        if !marked && cols.first() != Some(&Column::Ordinal) {
            return None;
        }
        if header.len() < 3
            || !cols.contains(&Column::Indicator)
            || !cols.iter().any(|c| matches!(c, Column::Year(_)))
        {
            return None;
        }
        let n = cols.len();
        loop {
            if k + n > lines.len() {
                break;
            }
            let row: Option<Vec<Cell>> = (k..k + n).map(cell_of).collect();
            let Some(row) = row else { break };
            // Unmarked rows must open with their number.
            if cols[0] == Column::Ordinal
                && !text[row[0].start..row[0].end]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.')
            {
                break;
            }
            self.row(text, &header, &cols, &row, out);
            k += n;
        }
        Some(k - li)
    }

    /// The targets of one row.
    fn row(&self, text: &str, header: &[Cell], cols: &[Column], row: &[Cell], out: &mut Tables) {
        let cell = |c: Column| cols.iter().position(|&x| x == c).map(|i| row[i]);
        let Some(ind_cell) = cell(Column::Indicator) else {
            return;
        };
        let (indicator, paren_unit) = split_unit(&text[ind_cell.start..ind_cell.end]);
        if indicator.is_empty() {
            return;
        }
        let unit_text = cell(Column::Unit)
            .map(|c| text[c.start..c.end].trim().to_string())
            .filter(|u| !u.is_empty() && u != "-" && u != "/")
            .or(paren_unit)
            // 1/10万 in a unit column is the rate unit /10万 that 10/10万 in a sentence gives.
            .map(|u| match u.strip_prefix('1') {
                Some(per) if per.starts_with('/') && self.units.iter().any(|x| x == per) => {
                    per.to_string()
                }
                _ => u,
            });
        let strength = cell(Column::Attribute).and_then(|c| {
            let a = &text[c.start..c.end];
            self.strength
                .iter()
                .find(|(w, _)| a.contains(w.as_str()))
                .map(|(_, s)| s.clone())
        });
        let units: Vec<String> = cols
            .iter()
            .zip(row)
            .filter(|(c, _)| **c == Column::Responsible)
            .flat_map(|(_, c)| {
                text[c.start..c.end]
                    .split(['、', ',', '，', ';', '；', ' '])
                    .map(str::trim)
                    .filter(|u| !u.is_empty() && *u != "-")
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        for (i, col) in cols.iter().enumerate() {
            let Column::Year(year) = *col else { continue };
            let c = row[i];
            let Some((comparator, value, value_max, cell_unit)) = self.value(&text[c.start..c.end])
            else {
                continue;
            };
            let unit = cell_unit.or(unit_text.clone());
            let unit_def = unit
                .as_deref()
                .and_then(|u| self.units.iter().position(|x| x == u));
            let h = header[i];
            let time = TimeExpr::year_end(year, h.start, h.end);
            let found = Found {
                indicator: indicator.clone(),
                comparator,
                value,
                value_max,
                unit,
                unit_def,
                strength: strength.clone(),
                start: ind_cell.start.min(c.start),
                end: c.end.max(ind_cell.end),
                at: c.start,
                own_time: Some(time.clone()),
                own_units: Some(units.clone()),
                rule: "table-row",
            };
            out.targets.push((found, time, units.clone()));
        }
    }

    /// The comparator, value(s) and unit written in a value cell (≥95%, 10以下, 约12, 8-10).
    fn value(&self, cell: &str) -> Option<(Comparator, Number, Option<Number>, Option<String>)> {
        let mut s = cell.trim();
        let mut comparator = None;
        if let Some((w, c)) = self.before.iter().find(|(w, _)| s.starts_with(w.as_str())) {
            comparator = Some(*c);
            s = s[w.len()..].trim_start();
        }
        let m = self.number.find(s)?;
        let value: f64 = m.as_str().parse().ok()?;
        let number = |v: f64, t: &str| Number {
            value: v,
            decimal: t.contains('.'),
        };
        let value = number(value, m.as_str());
        let mut rest = s[m.end()..].trim_start();
        let mut value_max = None;
        for sep in ['-', '~', '至', '到'] {
            if let Some(r) = rest.strip_prefix(sep) {
                let r = r.trim_start();
                if let Some(m2) = self.number.find(r) {
                    let v2: f64 = m2.as_str().parse().ok()?;
                    value_max = Some(number(v2, m2.as_str()));
                    rest = r[m2.end()..].trim_start();
                }
                break;
            }
        }
        // A unit written in the cell (95%, 10万人), then a comparator after it.
        let unit_len = self
            .units
            .iter()
            .filter(|u| rest.starts_with(u.as_str()))
            .map(|u| u.len())
            .max()
            .unwrap_or(0);
        let unit = (unit_len > 0).then(|| rest[..unit_len].to_string());
        rest = rest[unit_len..].trim_start();
        if let Some((w, c)) = self
            .after
            .iter()
            .find(|(w, _)| rest.starts_with(w.as_str()))
        {
            comparator = comparator.or(Some(*c));
            rest = rest[w.len()..].trim_start();
        }
        // Anything else after the number (a note, a second figure) makes the cell no value.
        if !rest.is_empty() && !rest.starts_with(['(', '（']) {
            return None;
        }
        let comparator = if value_max.is_some() {
            Comparator::Range
        } else {
            comparator.unwrap_or(Comparator::Eq)
        };
        Some((comparator, value, value_max, unit))
    }
}

/// How the cells of a row line are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Tab,
    Pipe,
}

/// The trimmed range `text[s..e]`, or None when it is empty.
fn trimmed(text: &str, s: usize, e: usize) -> Option<Cell> {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start().len();
    let body = t.trim();
    (!body.is_empty()).then(|| Cell {
        start: s + lead,
        end: s + lead + body.len(),
    })
}

/// The cells of a row line (empty cells kept as empty ranges), or None when the line is not a
/// row of that form.
fn split(text: &str, s: usize, e: usize, form: Form) -> Option<Vec<Cell>> {
    let line = &text[s..e];
    let (sep, body_start, body) = match form {
        Form::Tab => {
            if !line.contains('\t') {
                return None;
            }
            ('\t', s, line)
        }
        Form::Pipe => {
            let t = line.trim();
            let lead = line.len() - line.trim_start().len();
            let inner = t.strip_prefix('|')?.strip_suffix('|')?;
            ('|', s + lead + 1, inner)
        }
    };
    let mut cells = Vec::new();
    let mut at = body_start;
    for part in body.split(sep) {
        let c = trimmed(text, at, at + part.len()).unwrap_or(Cell { start: at, end: at });
        cells.push(c);
        at += part.len() + sep.len_utf8();
    }
    Some(cells)
}

/// An indicator cell without the unit written in brackets at its end: 孕产妇死亡率(1/10万) →
/// (孕产妇死亡率, 1/10万).
fn split_unit(cell: &str) -> (String, Option<String>) {
    let c = cell.trim();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = c.strip_suffix(close) {
            if let Some(i) = inner.rfind(open) {
                let unit = inner[i + open.len_utf8()..].trim();
                if !unit.is_empty() && unit.chars().count() <= 8 {
                    return (inner[..i].trim().to_string(), Some(unit.to_string()));
                }
            }
        }
    }
    (c.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Indicator, comparator, value, unit, year, strength.
    type Row = (String, String, f64, Option<String>, i32, Option<String>);

    fn read(t: &str) -> Vec<Row> {
        let p = Patterns::embedded().unwrap();
        let r = TableRules::new(&p);
        r.read(t, &crate::document::line_spans(t))
            .targets
            .into_iter()
            .map(|(f, time, _)| {
                (
                    f.indicator,
                    f.comparator.as_str().to_string(),
                    f.value.value,
                    f.unit,
                    time.year.unwrap(),
                    f.strength,
                )
            })
            .collect()
    }

    #[test]
    fn tab_rows_each_year_column_a_target() {
        let t = "主要指标\n序号\t指标名称\t单位\t2020年(基期)\t2025年\t2027年\t属性\n1\t孕产妇死亡率\t1/10万\t12\t≤10\t≤9\t约束性\n2\t住院分娩率\t%\t99\t≥99.5\t-\t预期性\n";
        let got = read(t);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "孕产妇死亡率");
        assert_eq!((got[0].1.as_str(), got[0].2, got[0].4), ("<=", 10.0, 2025));
        assert_eq!((got[1].2, got[1].4), (9.0, 2027));
        // 1/10万 in the unit column is the rate unit /10万.
        assert_eq!(got[0].3.as_deref(), Some("/10万"));
        assert_eq!(got[0].5.as_deref(), Some("binding"));
        assert_eq!((got[2].1.as_str(), got[2].2), (">=", 99.5));
        assert_eq!(got[2].5.as_deref(), Some("expected"));
    }

    #[test]
    fn markdown_pipes_and_unit_in_the_indicator() {
        let t = "| 序号 | 指标 | 2023年 | 2025年目标值 |\n|---|---|---|---|\n| 1 | 婴儿死亡率(‰) | 4.5 | 4以下 |\n| 2 | 床位数(张) | 300 | 350 |\n";
        let got = read(t);
        assert_eq!(got.len(), 4, "{got:?}");
        let last = &got[3];
        assert_eq!(
            (last.0.as_str(), last.2, last.3.as_deref(), last.4),
            ("床位数", 350.0, Some("张"), 2025)
        );
        assert_eq!((got[1].1.as_str(), got[1].2), ("<=", 4.0));
    }

    #[test]
    fn one_cell_per_line_marked_and_unmarked() {
        let marked =
            "序号 |\n指标名称 |\n单位 |\n基期值 |\n2025年 |\n1 |\n产前筛查率 |\n% |\n80 |\n≥90 |\n";
        let got = read(marked);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str(), got[0].2),
            ("产前筛查率", ">=", 90.0)
        );
        let unmarked =
            "序号\n指标\n单位\n2025年\n1\n新生儿访视率\n%\n95以上\n2\n托位数\n个\n1200\n说明:略\n";
        let got = read(unmarked);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            (got[1].0.as_str(), got[1].2, got[1].4),
            ("托位数", 1200.0, 2025)
        );
    }

    #[test]
    fn no_header_no_table() {
        // A list of tasks with 序号 but no year column, and running text.
        assert!(read("序号\t重点项目\t建设目标\n1\t疾控平台\t2023年底完成\n").is_empty());
        assert!(read("到2025年,孕产妇死亡率控制在10/10万以下。\n").is_empty());
    }
}
