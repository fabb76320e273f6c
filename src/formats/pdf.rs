//! PDF: the text layer read glyph by glyph with its position, put in reading order by line
//! (glyphs on one baseline, left to right; a wide gap is a TAB between table columns), page
//! numbers dropped, and the lines a paragraph was wrapped into joined again (a line that runs
//! to the right edge of the text block goes on in the next one unless that one is indented).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::{Converted, FormatRules};
use crate::decode::Refused;

/// Read a PDF file's text layer.
pub fn convert(rules: &FormatRules, bytes: &[u8]) -> Result<Converted, Refused> {
    let pages = glyphs(bytes)?;
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(Refused(format!(
            "a PDF without a text layer ({} page{}, scanned images?): nothing to read; run OCR on it first (e.g. ocrmypdf) and read the result",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        )));
    }
    let mut lines = Vec::new();
    for page in pages {
        let mut page_lines = page_lines(page);
        // A page number or running footer stands alone at the top or the bottom of a page.
        for _ in 0..2 {
            if page_lines
                .last()
                .is_some_and(|l| rules.page_number.is_match(l.text.trim()))
            {
                page_lines.pop();
            }
            if page_lines
                .first()
                .is_some_and(|l| rules.page_number.is_match(l.text.trim()))
            {
                page_lines.remove(0);
            }
        }
        // A table row split by the page break: the top row of this page that has no text in
        // the first column of the row ending the last page continues that row, cell by cell.
        let prev = lines
            .iter_mut()
            .rev()
            .find_map(|p: &mut Vec<Line>| p.last_mut());
        if let (Some(prev), Some(first)) = (prev, page_lines.first()) {
            if continues(prev, first) {
                let first = page_lines.remove(0);
                for (left, text) in first.cells {
                    if let Some(cell) = prev.cells.iter_mut().find(|c| (c.0 - left).abs() <= 2.0) {
                        let glue = cell
                            .1
                            .chars()
                            .last()
                            .is_some_and(|c| c.is_ascii_alphanumeric())
                            && text
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_alphanumeric());
                        if glue {
                            cell.1.push(' ');
                        }
                        cell.1.push_str(&text);
                    }
                }
                prev.text = prev
                    .cells
                    .iter()
                    .map(|c| c.1.as_str())
                    .collect::<Vec<_>>()
                    .join("\t");
            }
        }
        lines.push(page_lines);
    }
    Ok(Converted {
        text: reflow(&lines),
        format: "pdf",
        ..Converted::default()
    })
}

/// One glyph: its left edge, baseline (from the top of the page), advance width, size and text.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    w: f64,
    size: f64,
    s: String,
}

/// The stack of the thread a PDF is read on: the reader descends into nested forms by recursion.
const PDF_STACK: usize = 256 << 20;

fn glyphs(bytes: &[u8]) -> Result<Vec<PageContent>, Refused> {
    // Its own thread, with a deep stack: a PDF's nesting is the file's, not ours.
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("pdf".into())
            .stack_size(PDF_STACK)
            .spawn_scoped(s, || super::guarded("PDF", || read_glyphs(bytes)))
            .map_err(|e| Refused(format!("cannot start the PDF reader: {e}")))?
            .join()
            .unwrap_or_else(|_| Err(Refused("unreadable PDF: the reader failed".into())))
    })
}

fn read_glyphs(bytes: &[u8]) -> Result<Vec<PageContent>, Refused> {
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| Refused(format!("unreadable PDF: {e}")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Refused(
            "an encrypted PDF: it cannot be read without its password".into(),
        ));
    }
    if let Some(id) = form_cycle(&doc) {
        return Err(Refused(format!(
            "unreadable PDF: form XObject {} {} draws itself (a cycle of forms)",
            id.0, id.1
        )));
    }
    let mut out = Collect::default();
    pdf_extract::output_doc(&doc, &mut out)
        .map_err(|e| Refused(format!("unreadable PDF: {e:?}")))?;
    if !out.current.glyphs.is_empty() {
        out.pages.push(std::mem::take(&mut out.current));
    }
    Ok(out.pages)
}

/// A ruled line of a page (a table's border): horizontal at `pos` (from the top) from `from` to
/// `to` along x, or vertical at x = `pos` from `from` to `to` along y.
#[derive(Debug, Clone, Copy)]
struct Rule {
    horizontal: bool,
    pos: f64,
    from: f64,
    to: f64,
}

/// What a page holds: its glyphs and its ruled lines.
#[derive(Debug, Default)]
struct PageContent {
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

/// The XObjects a resource dictionary names.
fn xobjects(
    doc: &pdf_extract::Document,
    resources: &pdf_extract::Object,
) -> Vec<pdf_extract::ObjectId> {
    let Ok((_, res)) = doc.dereference(resources) else {
        return Vec::new();
    };
    let Ok(res) = res.as_dict() else {
        return Vec::new();
    };
    let Ok(x) = res.get(b"XObject") else {
        return Vec::new();
    };
    let Ok((_, x)) = doc.dereference(x) else {
        return Vec::new();
    };
    let Ok(x) = x.as_dict() else {
        return Vec::new();
    };
    x.iter()
        .filter_map(|(_, v)| v.as_reference().ok())
        .collect()
}

/// A form XObject that draws itself through its resources (directly or through other forms), if
/// any: the reader would descend into it for ever.
fn form_cycle(doc: &pdf_extract::Document) -> Option<pdf_extract::ObjectId> {
    use std::collections::HashMap;
    let children = |id: pdf_extract::ObjectId| -> Vec<pdf_extract::ObjectId> {
        match doc.get_object(id) {
            Ok(pdf_extract::Object::Stream(st)) => st
                .dict
                .get(b"Resources")
                .map(|r| xobjects(doc, r))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    };
    // 1: on the current path, 2: done.
    let mut state: HashMap<pdf_extract::ObjectId, u8> = HashMap::new();
    for page in doc.get_pages().into_values() {
        let Ok((res, res_ids)) = doc.get_page_resources(page) else {
            continue;
        };
        let mut roots = Vec::new();
        if let Some(r) = res {
            roots.extend(xobjects(doc, &pdf_extract::Object::Dictionary(r.clone())));
        }
        for id in res_ids {
            roots.extend(xobjects(doc, &pdf_extract::Object::Reference(id)));
        }
        for root in roots {
            if state.contains_key(&root) {
                continue;
            }
            let mut stack = vec![(root, children(root), 0usize)];
            state.insert(root, 1);
            while let Some((id, kids, i)) = stack.last_mut() {
                if let Some(&k) = kids.get(*i) {
                    *i += 1;
                    match state.get(&k) {
                        Some(1) => return Some(k),
                        Some(_) => {}
                        None => {
                            state.insert(k, 1);
                            let next = children(k);
                            stack.push((k, next, 0));
                        }
                    }
                } else {
                    state.insert(*id, 2);
                    stack.pop();
                }
            }
        }
    }
    None
}

#[derive(Default)]
struct Collect {
    pages: Vec<PageContent>,
    current: PageContent,
    top: f64,
}

/// Thinner than this (in points), a filled rectangle is a ruled line.
const THIN: f64 = 2.5;

impl Collect {
    /// The ruled lines of a path painted with `ctm`: straight segments along an axis, the edges
    /// of stroked rectangles, and thin filled rectangles.
    fn rules_of(&mut self, ctm: &Transform, path: &pdf_extract::Path, filled: bool) {
        let top = self.top;
        let at = |x: f64, y: f64| -> (f64, f64) {
            (
                ctm.m11 * x + ctm.m21 * y + ctm.m31,
                top - (ctm.m12 * x + ctm.m22 * y + ctm.m32),
            )
        };
        let mut push = |a: (f64, f64), b: (f64, f64)| {
            let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
            if dy <= 0.5 && dx >= 4.0 {
                self.current.rules.push(Rule {
                    horizontal: true,
                    pos: (a.1 + b.1) / 2.0,
                    from: a.0.min(b.0),
                    to: a.0.max(b.0),
                });
            } else if dx <= 0.5 && dy >= 4.0 {
                self.current.rules.push(Rule {
                    horizontal: false,
                    pos: (a.0 + b.0) / 2.0,
                    from: a.1.min(b.1),
                    to: a.1.max(b.1),
                });
            }
        };
        let mut cur = (0.0, 0.0);
        let mut start = (0.0, 0.0);
        for op in &path.ops {
            match *op {
                pdf_extract::PathOp::MoveTo(x, y) => {
                    cur = (x, y);
                    start = cur;
                }
                pdf_extract::PathOp::LineTo(x, y) => {
                    if !filled {
                        push(at(cur.0, cur.1), at(x, y));
                    }
                    cur = (x, y);
                }
                pdf_extract::PathOp::CurveTo(_, _, _, _, x, y) => cur = (x, y),
                pdf_extract::PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (at(x, y), at(x + w, y + h));
                    let (wd, ht) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
                    if filled {
                        if ht <= THIN && wd >= 4.0 {
                            push(((a.0), (a.1 + b.1) / 2.0), (b.0, (a.1 + b.1) / 2.0));
                        } else if wd <= THIN && ht >= 4.0 {
                            push(((a.0 + b.0) / 2.0, a.1), ((a.0 + b.0) / 2.0, b.1));
                        }
                    } else {
                        push(a, (b.0, a.1));
                        push((b.0, a.1), b);
                        push(b, (a.0, b.1));
                        push((a.0, b.1), a);
                    }
                }
                pdf_extract::PathOp::Close => {
                    if !filled {
                        push(at(cur.0, cur.1), at(start.0, start.1));
                    }
                    cur = start;
                }
            }
        }
    }
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.pages.push(std::mem::take(&mut self.current));
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.rules_of(ctm, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.rules_of(ctm, path, true);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        s: &str,
    ) -> Result<(), OutputError> {
        if s.trim().is_empty() {
            return Ok(());
        }
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        self.current.glyphs.push(Glyph {
            x: trm.m31,
            y: self.top - trm.m32,
            w: width * size,
            size,
            s: s.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line of a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// A row of a ruled table: never joined with another line.
    row: bool,
    /// A row's cells: each cell's left edge and text.
    cells: Vec<(f64, String)>,
}

/// The lines of a page: the rows of its ruled tables (each cell's text joined, cells separated
/// by a TAB) and the lines of the rest, top to bottom.
/// Ruled lines per page read as tables, at most: a page with more is read as plain lines.
const MAX_RULES: usize = 5000;

/// The nearest rule before (or after) `c` whose span covers `along`, among rules sorted by
/// position.
fn nearest(rules: &[Rule], c: f64, along: f64, before: bool) -> Option<f64> {
    let at = rules.partition_point(|r| r.pos < c);
    let covers = |r: &&Rule| r.from - 1.0 <= along && along <= r.to + 1.0;
    if before {
        rules[..at].iter().rev().find(covers).map(|r| r.pos)
    } else {
        rules[at..]
            .iter()
            .filter(|r| r.pos > c)
            .find(covers)
            .map(|r| r.pos)
    }
}

fn page_lines(mut page: PageContent) -> Vec<Line> {
    if page.rules.len() > MAX_RULES {
        page.rules.clear();
    }
    let (mut h, mut v): (Vec<Rule>, Vec<Rule>) = page.rules.iter().partition(|r| r.horizontal);
    h.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    v.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut free = Vec::new();
    // Cells by the rules around them: (above, below, left, right), rounded to 0.1 pt.
    let mut cells: std::collections::BTreeMap<(i64, i64), Vec<Glyph>> = Default::default();
    let mut bounds: std::collections::BTreeMap<(i64, i64), (f64, f64)> = Default::default();
    let key = |f: f64| (f * 10.0).round() as i64;
    for g in page.glyphs {
        let (cx, cy) = (g.x + g.w / 2.0, g.y - 0.35 * g.size);
        match (
            nearest(&h, cy, cx, true),
            nearest(&h, cy, cx, false),
            nearest(&v, cx, cy, true),
            nearest(&v, cx, cy, false),
        ) {
            (Some(above), Some(below), Some(left), Some(right)) => {
                bounds.insert((key(above), key(left)), (below, right));
                cells.entry((key(above), key(left))).or_default().push(g);
            }
            _ => free.push(g),
        }
    }
    // A frame around the page (or around all its text) is no table: one cell is none.
    if cells.len() == 1 {
        free.extend(cells.into_values().flatten());
        cells = Default::default();
        free.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    }
    let mut lines = lines_of(free);
    let mut rows: std::collections::BTreeMap<i64, Vec<(i64, String, f64, f64)>> =
        Default::default();
    for ((above, left), glyphs) in cells {
        let size = glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
        let mut text = String::new();
        for l in lines_of(glyphs) {
            let glue = text
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && l.text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if glue {
                text.push(' ');
            }
            text.push_str(&l.text.replace('\t', " "));
        }
        let right = bounds.get(&(above, left)).map_or(0.0, |b| b.1);
        rows.entry(above)
            .or_default()
            .push((left, text, right, size));
    }
    for (above, mut cells) in rows {
        cells.sort_by_key(|c| c.0);
        let size = cells.iter().map(|c| c.3).fold(0.0, f64::max);
        lines.push(Line {
            text: cells
                .iter()
                .map(|c| c.1.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
            x0: cells[0].0 as f64 / 10.0,
            x1: cells.iter().map(|c| c.2).fold(0.0, f64::max),
            y: above as f64 / 10.0 + 0.01,
            size,
            row: true,
            cells: cells
                .iter()
                .map(|c| (c.0 as f64 / 10.0, c.1.clone()))
                .collect(),
        });
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines
}

/// Group a page's glyphs into lines, top to bottom, each left to right.
fn lines_of(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(r) if (g.y - r[0].y).abs() <= 0.4 * r[0].size.max(g.size) => r.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut r| {
            r.sort_by(|a, b| a.x.total_cmp(&b.x));
            let size = r.iter().map(|g| g.size).fold(0.0, f64::max);
            let mut text = String::new();
            let mut end: Option<f64> = None;
            let mut prev: Option<char> = None;
            for g in &r {
                if let Some(e) = end {
                    let gap = g.x - e;
                    let first = g.s.chars().next();
                    let wide = |c: Option<char>| c.is_some_and(crate::normalize::is_wide);
                    // Wide chars are spaced out when a line is justified, and typesetters put
                    // a little space between Chinese and Latin text: neither is a space.
                    let both_wide = wide(prev) && wide(first);
                    let space = match (wide(prev), wide(first)) {
                        (true, true) => 0.8,
                        (false, false) => 0.2,
                        _ => 0.6,
                    };
                    if gap > 3.0 * size {
                        text.push('\t');
                    } else if gap > space * size {
                        // An ideographic space between Chinese words (第二十三条　绿色…).
                        text.push(if both_wide { '\u{3000}' } else { ' ' });
                    }
                }
                text.push_str(&g.s);
                prev = g.s.chars().last();
                end = Some(g.x + g.w);
            }
            Line {
                text,
                x0: r[0].x,
                x1: end.unwrap_or(r[0].x),
                y: r[0].y,
                size,
                row: false,
                cells: Vec::new(),
            }
        })
        .collect()
}

/// Join the lines a paragraph was wrapped into: a line that reaches the right edge of its page's
/// text block (within three and a half chars: a line may not end before 》, 、 or 。, so a
/// typesetter breaks it early) goes on in the next line when that line starts at the left edge (not indented, not
/// a table row) and follows closely (or opens the next page).
fn reflow(pages: &[Vec<Line>]) -> String {
    let mut out = String::new();
    let mut open: Option<(bool, f64)> = None; // (the last line ran full, its baseline)
    for lines in pages {
        let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
        let mut new_page = true;
        for l in lines {
            let starts_left = l.x0 <= left + 0.5 * l.size;
            let joins = open.is_some_and(|(full, y)| {
                full && starts_left
                    && !opens_item(&l.text)
                    && !l.row
                    && !l.text.contains('\t')
                    && (new_page || l.y - y <= 2.0 * l.size)
            });
            if joins {
                let glue = out
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && l.text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                if glue {
                    out.push(' ');
                }
            } else if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&l.text);
            // A lead-in (各单位：) ends its line; a full stop at the edge may not end the paragraph.
            let ends_sentence = l.text.ends_with(['：', ':']);
            let full =
                l.x1 >= right - 3.5 * l.size && !l.row && !l.text.contains('\t') && !ends_sentence;
            open = Some((full, l.y));
            new_page = false;
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Whether row `next`, at the top of a page, goes on with row `prev` that ended the page before:
/// both rows of a table with the same columns, and no text in the first one.
fn continues(prev: &Line, next: &Line) -> bool {
    prev.row
        && next.row
        && prev.cells.len() > 1
        && !next.cells.is_empty()
        && next
            .cells
            .iter()
            .all(|(l, _)| prev.cells[1..].iter().any(|(p, _)| (p - l).abs() <= 2.0))
}

/// Whether a line opens a numbered item (21.加强…, 二、, (三), 第四条): a new paragraph even when
/// the line before it ran to the edge.
fn opens_item(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\u{3000}']);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let after = |n: usize| t.chars().nth(n);
    const CN: &str = "一二三四五六七八九十";
    let cn = t.chars().take_while(|c| CN.contains(*c)).count();
    (digits > 0
        && digits <= 3
        && matches!(after(digits), Some('.' | '、' | '．'))
        && !after(digits + 1).is_some_and(|c| c.is_ascii_digit()))
        || (cn > 0 && after(cn) == Some('、'))
        || (matches!(after(0), Some('(' | '（')) && {
            let inner = t
                .chars()
                .skip(1)
                .take_while(|c| CN.contains(*c) || c.is_ascii_digit())
                .count();
            inner > 0 && matches!(after(inner + 1), Some(')' | '）'))
        })
        || (t.starts_with('第') && {
            let n = t
                .chars()
                .skip(1)
                .take_while(|c| CN.contains(*c) || c.is_ascii_digit())
                .count();
            n > 0 && matches!(after(n + 1), Some('条' | '章' | '节'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line {
            text: text.into(),
            x0,
            x1,
            y,
            size: 10.0,
            row: false,
            cells: Vec::new(),
        }
    }

    #[test]
    fn wrapped_paragraphs_join_and_indented_lines_start_anew() {
        let page = vec![
            line("一、总体目标", 100.0, 160.0, 100.0),
            line("到2025年，孕产妇死亡率控制在10/", 120.0, 500.0, 114.0),
            line("10万以下，婴儿死亡率控制在5‰以下", 100.0, 420.0, 128.0),
            line("二、主要任务", 100.0, 160.0, 160.0),
            line("指标\t2025年", 100.0, 500.0, 174.0),
            line("婴儿死亡率\t5‰", 100.0, 500.0, 188.0),
        ];
        assert_eq!(
            reflow(&[page]),
            "一、总体目标\n到2025年，孕产妇死亡率控制在10/10万以下，婴儿死亡率控制在5‰以下\n二、主要任务\n指标\t2025年\n婴儿死亡率\t5‰\n"
        );
    }

    #[test]
    fn numbered_items_open_paragraphs() {
        for l in [
            "21.加强全科医生队伍建设",
            "二、主要任务",
            "(三)强化督导",
            "（3）完成",
            "第十二条 医疗机构",
        ] {
            assert!(opens_item(l), "{l}");
        }
        for l in [
            "2.5%以上",
            "2025年底",
            "第2批",
            "(含区妇幼保健)",
            "一是实行",
        ] {
            assert!(!opens_item(l), "{l}");
        }
        let page = vec![
            line("（责任单位：区卫健委、区人社局）", 100.0, 500.0, 100.0),
            line("21.加强全科医生队伍建设。继续开展", 100.0, 500.0, 114.0),
            line("全科医生转岗培训。", 100.0, 200.0, 128.0),
        ];
        assert_eq!(
            reflow(&[page]),
            "（责任单位：区卫健委、区人社局）\n21.加强全科医生队伍建设。继续开展全科医生转岗培训。\n"
        );
    }

    #[test]
    fn a_paragraph_goes_on_over_a_page_break() {
        let p1 = vec![
            line("　　各单位要在2025年底前完成全部", 100.0, 500.0, 700.0),
            line("the plan, with 10", 100.0, 500.0, 714.0),
        ];
        let p2 = vec![line("units in all.", 100.0, 200.0, 80.0)];
        assert_eq!(
            reflow(&[p1, p2]),
            "　　各单位要在2025年底前完成全部the plan, with 10 units in all.\n"
        );
    }

    #[test]
    fn not_a_pdf_and_a_truncated_one_are_refused() {
        let rules = FormatRules::new(&crate::patterns::Patterns::embedded().unwrap()).unwrap();
        let e = convert(&rules, b"%PDF-1.7\n1 0 obj <<").unwrap_err();
        assert!(e.0.contains("PDF"), "{}", e.0);
    }
}
