//! Spreadsheets (XLSX, XLS, ODS): each sheet as a line with its name, then one line per row with
//! its cells separated by a TAB (numbers as the shortest decimal, dates as ISO), empty rows and
//! trailing empty cells left out.

use calamine::{Data, Reader};

use super::Converted;
use crate::decode::Refused;

/// Read a workbook; `format` is "xls" for the legacy binary format, else taken from the package.
pub fn convert(bytes: &[u8], format: &str) -> Result<Converted, Refused> {
    super::guarded("spreadsheet", || read(bytes, format))
}

/// Cells read per workbook, at most: a sheet that claims more is read up to here and the rest
/// left out with a warning (a used range of a few cells far apart would otherwise be a grid of
/// billions).
const MAX_CELLS: usize = 4_000_000;

fn read(bytes: &[u8], format: &str) -> Result<Converted, Refused> {
    let cursor = std::io::Cursor::new(bytes);
    if format.is_empty()
        && bytes.starts_with(b"PK")
        && memchr::memmem::find(bytes, b"xl/workbook").is_some()
    {
        let book = calamine::Xlsx::new(cursor)
            .map_err(|e| Refused(format!("unreadable spreadsheet: {e}")))?;
        return read_xlsx(book);
    }
    let mut book = calamine::open_workbook_auto_from_rs(cursor)
        .map_err(|e| Refused(format!("unreadable spreadsheet: {e}")))?;
    let format = if !format.is_empty() {
        "xls"
    } else if matches!(book, calamine::Sheets::Ods(_)) {
        "ods"
    } else {
        "xlsx"
    };
    let mut sheets = Vec::new();
    let mut skipped = Vec::new();
    for name in book.sheet_names() {
        match book.worksheet_range(&name) {
            Ok(range) => {
                let rows = range
                    .rows()
                    .map(|row| row.iter().map(cell).collect::<Vec<String>>())
                    .collect();
                sheets.push((name, rows));
            }
            Err(e) => skipped.push(format!("{name} ({e})")),
        }
    }
    render(sheets, skipped, format)
}

/// An XLSX workbook read cell by cell (only the cells present), at most [`MAX_CELLS`].
fn read_xlsx(mut book: calamine::Xlsx<std::io::Cursor<&[u8]>>) -> Result<Converted, Refused> {
    let mut sheets = Vec::new();
    let mut skipped = Vec::new();
    let mut total = 0usize;
    for name in book.sheet_names() {
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(r) => r,
            Err(e) => {
                skipped.push(format!("{name} ({e})"));
                continue;
            }
        };
        let mut cells: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
        loop {
            match reader.next_cell() {
                Ok(Some(c)) => {
                    if total >= MAX_CELLS {
                        skipped.push(format!(
                            "{name} (cells after the first {MAX_CELLS} of the workbook)"
                        ));
                        break;
                    }
                    total += 1;
                    let (r, col) = c.get_position();
                    let text = cell(&Data::from(c.get_value().clone()));
                    if !text.is_empty() {
                        cells.entry(r).or_default().push((col, text));
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    skipped.push(format!("{name} ({e})"));
                    break;
                }
            }
        }
        // Rows by their cells' columns; the gaps of a sparse row are empty cells, up to the last
        // cell present (a cell far to the right does not make a line of a million TABs: the gap
        // is capped at 64 columns).
        let rows = cells
            .into_values()
            .map(|mut row| {
                row.sort_by_key(|c| c.0);
                let mut out: Vec<String> = Vec::new();
                let mut next = 0;
                for (col, text) in row {
                    let gap = col.saturating_sub(next).min(64);
                    out.extend(std::iter::repeat_n(String::new(), gap as usize));
                    out.push(text);
                    next = col + 1;
                }
                out
            })
            .collect();
        sheets.push((name, rows));
    }
    render(sheets, skipped, "xlsx")
}

/// The text of the sheets: each sheet's name on a line, then its non-empty rows.
fn render(
    sheets: Vec<(String, Vec<Vec<String>>)>,
    skipped: Vec<String>,
    format: &'static str,
) -> Result<Converted, Refused> {
    let mut text = String::new();
    for (name, rows) in sheets {
        let mut lines = Vec::new();
        for mut cells in rows {
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            if !cells.is_empty() {
                lines.push(cells.join("\t"));
            }
        }
        if lines.is_empty() {
            continue;
        }
        text.push_str(name.trim());
        text.push('\n');
        for l in lines {
            text.push_str(&l);
            text.push('\n');
        }
    }
    if text.trim().is_empty() && skipped.is_empty() {
        return Err(Refused("the workbook has no cells with text".into()));
    }
    Ok(Converted {
        text,
        format,
        warning: (!skipped.is_empty()).then(|| format!("sheets not read: {}", skipped.join("; "))),
        ..Converted::default()
    })
}

/// A cell as text: line breaks inside it become spaces.
fn cell(d: &Data) -> String {
    let s = match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => excel_date(dt.as_f64()),
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    };
    s.replace(['\n', '\r', '\t'], " ").trim().to_string()
}

/// An Excel date serial (days since 1899-12-30, the fraction the time of day) as an ISO date.
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25569; // days since 1970-01-01
                                              // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The shortest decimal that reads back as `f` (0.1 + 0.2 is stored as 0.30000000000000004 and
/// shown so; 95.0 is 95).
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(95.0), "95");
        assert_eq!(excel_date(45717.0), "2025-03-01");
        assert_eq!(excel_date(25569.5), "1970-01-01");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(cell(&Data::String("婴儿\n死亡率".into())), "婴儿 死亡率");
    }

    #[test]
    fn not_a_workbook_is_refused() {
        let e = convert(b"PK\x03\x04 broken", "").unwrap_err();
        assert!(e.0.contains("spreadsheet"), "{}", e.0);
        let e = convert(b"\xD0\xCF\x11\xE0 broken", "xls").unwrap_err();
        assert!(e.0.contains("spreadsheet"), "{}", e.0);
    }
}
