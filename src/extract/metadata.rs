//! Document metadata: title, issuer, 发文字号, date of issue and governed region read from a notice's text.
//!
//! The engine lives here; the vocabulary it uses (web-page chrome, field labels, issuer endings,
//! national issuers, document types, news markers) is data in `patterns/metadata.tsv`, parsed by
//! [`MetaRules::parse`]. Place names are resolved to today's codes by [`RegionTable`].
//!
//! Everything is read from the simplified, width-folded text; only the title is cut from the
//! original text, so that it keeps the document's own script.

use regex::Regex;
use std::cell::OnceCell;

use crate::region::{stem, RegionTable};

/// Region name given to a national document (issued by 国务院, a ministry, 中共中央, ...). Its
/// `region_code`, `province` and `prefecture` are null: no administrative-division code covers the
/// whole country.
pub const NATIONAL_REGION: &str = "全国";

/// Header lines (non-blank) scanned for labelled fields, the title and the 文号.
const HEAD_LINES: usize = 40;
/// Non-blank lines under the title searched for a date line (the search stops at the addressee, a
/// heading or a paragraph longer than `SUBTITLE_BODY_MAX_CHARS`).
const SUBTITLE_LINES: usize = 8;
/// How many of the last non-blank lines are read for a source label (来源：…).
const FOOTER_LINES: usize = 5;
const SUBTITLE_BODY_MAX_CHARS: usize = 40;
/// Longest title, in chars.
const TITLE_MAX_CHARS: usize = 120;
/// Longest bracketed line ((试行), (2023-2025年)) appended to a complete title.
const TITLE_NOTE_MAX_CHARS: usize = 16;
/// Fewest Han characters in a title's first line.
const TITLE_MIN_HAN: usize = 4;
/// Longest line that can continue a title wrapped over several lines.
const TITLE_PART_MAX_CHARS: usize = 60;
/// Longest issuer part (one body's name).
const ISSUER_MAX_CHARS: usize = 30;
/// A line longer than this with a comma is running text.
const BODY_COMMA_LINE_CHARS: usize = 60;
/// Endings of division names tried after a title's leading stem (兴仁 + 县).
const STEM_ENDINGS: &[&str] = &["县", "市", "区", "旗", "州", "盟"];

/// Metadata of one document. Every field is optional; `region_candidates` is filled only when the
/// region name is shared by several places and the text does not tell which (then `region_code` is
/// None).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub date: Option<String>,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub region_candidates: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Issuer,
    DocNumber,
    Date,
    Source,
    Skip,
}

#[derive(Debug, Clone)]
struct Label {
    /// Label text without whitespace.
    text: String,
    field: Field,
    priority: u32,
}

/// Vocabulary for metadata extraction, parsed from `patterns/metadata.tsv`.
#[derive(Debug, Clone)]
pub struct MetaRules {
    chrome: Vec<String>,
    chrome_lines: Vec<String>,
    end_markers: Vec<String>,
    line_prefixes: Vec<String>,
    labels: Vec<Label>,
    signature_priority: u32,
    subtitle_priority: u32,
    dateline_priority: u32,
    issuer_suffixes: Vec<String>,
    issuer_prefixes: Vec<String>,
    issuer_verbs: Vec<String>,
    issuer_doc_types: Vec<String>,
    mastheads: Vec<String>,
    national: Vec<String>,
    /// A document's words for its own area (全省, 我市) and the endings of the names they stand for.
    self_places: Vec<(String, Vec<String>)>,
    /// Words of a page that collects several documents (篇二, 多篇): it has no one region.
    several_parts: Vec<String>,
    /// Words that place a document without a region name (行政院 → 台湾地区; 各省、自治区、直辖市
    /// → 全国).
    area_words: Vec<(String, String)>,
    /// Words of a national scope (全国): a text saying them as often as it names its most named
    /// area is national.
    national_words: Vec<String>,
    /// self_places, national_words, area_words and several_parts in one automaton (in this
    /// order), so that the text is read once for all of them.
    place_words: crate::words::Words,
    title_ends: Vec<String>,
    news_openers: Vec<String>,
    news_self: Vec<String>,
    news_markers: Vec<String>,
    seals: Vec<String>,
    body_starts: Vec<String>,
    subtitle_verbs: Vec<String>,
    amendment_verbs: Vec<String>,
    abouts: Vec<String>,
    /// "label:" anywhere in a cell, not glued to a preceding Han character.
    label_re: Regex,
    patterns: Patterns,
}

/// Fixed regular expressions of the engine (document structure, not vocabulary).
#[derive(Debug, Clone)]
struct Patterns {
    doc_number: Regex,
    date_arabic: Regex,
    date_iso: Regex,
    date_chinese: Regex,
    enumerator: Regex,
    year_prefix: Regex,
    ordinal_prefix: Regex,
    year_any: Regex,
    trailing_bracket: Regex,
}

impl Patterns {
    fn new() -> Patterns {
        let re = |s: &str| Regex::new(s).expect("built-in pattern");
        Patterns {
            // Prefix, year in any bracket pair (mixed allowed), number, 号; whitespace already removed.
            doc_number: re(
                r"^[(\[【〔]?(?P<p>[\p{Han}A-Za-z]{1,20})[〔\[(【](?P<y>\d{4})[〕\])】](?P<n>第?\d{1,5})号[)\]】〕]?$",
            ),
            date_arabic: re(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
            date_iso: re(r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})(?:\D|$)"),
            date_chinese: re(
                r"(?P<y>[〇○零OО0一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日",
            ),
            enumerator: re(
                r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条编部分篇]|[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十\d]+[)]|\d+[、.．]\D|附件|附表)",
            ),
            year_prefix: re(r"^\d{4}年度?"),
            year_any: re(r"\d{4}年度?"),
            ordinal_prefix: re(r"^第[一二三四五六七八九十百\d]+届"),
            trailing_bracket: re(r"\s*[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]\s*$"),
        }
    }
}

/// Split a TSV line into columns, trimming each.
fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `s` without whitespace, or None when that would be longer than `max` bytes.
fn no_space_upto(s: &str, max: usize) -> Option<String> {
    let mut t = String::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if t.len() + c.len_utf8() > max {
            return None;
        }
        t.push(c);
    }
    Some(t)
}

/// The longest text a whole 文号 can have: bracket, 20 chars of prefix, year in brackets,
/// 第 and 5 digits, 号, bracket (in bytes of UTF-8).
const DOC_NUMBER_MAX_BYTES: usize = 3 + 20 * 3 + 3 + 4 + 3 + 3 + 5 + 3 + 3;

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c) || c == '〇'
}

/// Close up letter-spaced text ("土 地 使 用 期 限 的 批 复", "济 南 市 公 安 局"): when a line has at
/// least three single Han characters standing between blanks, the blanks next to them are removed.
/// Other blanks (between two bodies' names) are kept.
fn collapse_spaced(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    let single = |i: usize| {
        is_han(c[i])
            && (i == 0 || c[i - 1].is_whitespace())
            && (i + 1 == c.len() || c[i + 1].is_whitespace())
    };
    let singles = (0..c.len()).filter(|&i| single(i)).count();
    if singles < 3 {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < c.len() {
        if c[i].is_whitespace() && i > 0 && is_han(c[i - 1]) {
            let mut j = i;
            while j < c.len() && c[j].is_whitespace() {
                j += 1;
            }
            if j < c.len() && is_han(c[j]) && (single(i - 1) || single(j)) {
                i = j;
                continue;
            }
        }
        out.push(c[i]);
        i += 1;
    }
    out
}

impl MetaRules {
    /// Parse patterns/metadata.tsv (format documented in its header and in PATTERNS-metadata.md);
    /// errors name file and 1-based line and quote the line ("patterns/metadata.tsv:12: <reason>: <line>").
    pub fn parse(text: &str, file: &str) -> Result<MetaRules, String> {
        let mut r = MetaRules {
            chrome: Vec::new(),
            chrome_lines: Vec::new(),
            end_markers: Vec::new(),
            line_prefixes: Vec::new(),
            labels: Vec::new(),
            signature_priority: 5,
            subtitle_priority: 6,
            dateline_priority: 7,
            issuer_suffixes: Vec::new(),
            issuer_prefixes: Vec::new(),
            issuer_verbs: Vec::new(),
            issuer_doc_types: Vec::new(),
            mastheads: Vec::new(),
            national: Vec::new(),
            self_places: Vec::new(),
            several_parts: Vec::new(),
            area_words: Vec::new(),
            national_words: Vec::new(),
            place_words: crate::words::Words::new(Vec::<String>::new()),
            title_ends: Vec::new(),
            news_openers: Vec::new(),
            news_self: Vec::new(),
            news_markers: Vec::new(),
            seals: Vec::new(),
            body_starts: Vec::new(),
            subtitle_verbs: Vec::new(),
            amendment_verbs: Vec::new(),
            abouts: Vec::new(),
            label_re: Regex::new("^$").expect("placeholder"),
            patterns: Patterns::new(),
        };
        for row in crate::patterns::rows(text) {
            let (line_no, line) = (row.line, row.text);
            let err = |reason: &str| format!("{file}:{line_no}: {reason}: {line}");
            let cols = row.cols;
            let kind = cols[0];
            let value = cols.get(1).copied().unwrap_or("");
            if value.is_empty() {
                return Err(err("missing text column"));
            }
            let want = |n: usize| -> Result<(), String> {
                if cols.len() == n {
                    Ok(())
                } else {
                    Err(err(&format!(
                        "{kind} takes {n} columns, found {}",
                        cols.len()
                    )))
                }
            };
            let priority = |s: &str| -> Result<u32, String> {
                s.parse::<u32>()
                    .map_err(|_| err("priority must be a non-negative integer"))
            };
            let text_owned = value.to_string();
            match kind {
                "chrome" => {
                    want(2)?;
                    r.chrome.push(no_space(value));
                }
                "chrome_line" => {
                    want(2)?;
                    r.chrome_lines.push(no_space(value));
                }
                "end_marker" => {
                    want(2)?;
                    r.end_markers.push(no_space(value));
                }
                "line_prefix" => {
                    want(2)?;
                    r.line_prefixes.push(text_owned);
                }
                "label" => {
                    if cols.len() != 3 && cols.len() != 4 {
                        return Err(err(&format!(
                            "label takes 3 or 4 columns, found {}",
                            cols.len()
                        )));
                    }
                    let field = match cols[2] {
                        "title" => Field::Title,
                        "issuer" => Field::Issuer,
                        "doc_number" => Field::DocNumber,
                        "date" => Field::Date,
                        "source" => Field::Source,
                        "skip" => Field::Skip,
                        _ => return Err(err(
                            "label field must be title, issuer, doc_number, date, source or skip",
                        )),
                    };
                    let prio = match (field, cols.get(3)) {
                        (Field::Date, Some(p)) => priority(p)?,
                        (Field::Date, None) => return Err(err("a date label needs a priority")),
                        (_, Some(_)) => return Err(err("only date labels take a priority")),
                        (_, None) => 0,
                    };
                    r.labels.push(Label {
                        text: no_space(value),
                        field,
                        priority: prio,
                    });
                }
                "area_word" => {
                    want(3)?;
                    r.area_words.push((text_owned, cols[2].trim().to_string()));
                }
                "self_place" => {
                    want(3)?;
                    let endings: Vec<String> = cols[2]
                        .split('|')
                        .map(str::trim)
                        .filter(|e| !e.is_empty())
                        .map(String::from)
                        .collect();
                    if endings.is_empty() {
                        return Err(err("self_place needs the name endings, | separated"));
                    }
                    r.self_places.push((text_owned, endings));
                }
                "date_source" => {
                    want(3)?;
                    let p = priority(cols[2])?;
                    match value {
                        "signature" => r.signature_priority = p,
                        "subtitle" => r.subtitle_priority = p,
                        "dateline" => r.dateline_priority = p,
                        _ => {
                            return Err(err("date_source must be signature, subtitle or dateline"))
                        }
                    }
                }
                "issuer_suffix" | "issuer_prefix" | "issuer_verb" | "issuer_doc_type"
                | "masthead" | "national" | "title_end" | "news_opener" | "news_self"
                | "news_marker" | "seal" | "body_start" | "subtitle_verb" | "amendment_verb"
                | "about" | "several_parts" | "national_word" => {
                    want(2)?;
                    let list = match kind {
                        "issuer_suffix" => &mut r.issuer_suffixes,
                        "issuer_prefix" => &mut r.issuer_prefixes,
                        "issuer_verb" => &mut r.issuer_verbs,
                        "issuer_doc_type" => &mut r.issuer_doc_types,
                        "masthead" => &mut r.mastheads,
                        "national" => &mut r.national,
                        "title_end" => &mut r.title_ends,
                        "news_opener" => &mut r.news_openers,
                        "news_self" => &mut r.news_self,
                        "news_marker" => &mut r.news_markers,
                        "body_start" => &mut r.body_starts,
                        "about" => &mut r.abouts,
                        "subtitle_verb" => &mut r.subtitle_verbs,
                        "amendment_verb" => &mut r.amendment_verbs,
                        "several_parts" => &mut r.several_parts,
                        "national_word" => &mut r.national_words,
                        _ => &mut r.seals,
                    };
                    list.push(text_owned);
                }
                _ => return Err(err("unknown kind")),
            }
        }
        r.place_words = crate::words::Words::new(
            r.self_places
                .iter()
                .map(|(w, _)| w.as_str())
                .chain(r.national_words.iter().map(String::as_str))
                .chain(r.area_words.iter().map(|(w, _)| w.as_str()))
                .chain(r.several_parts.iter().map(String::as_str))
                .collect::<Vec<_>>(),
        );
        if r.title_ends.is_empty() {
            return Err(format!("{file}: no title_end entries"));
        }
        if r.issuer_suffixes.is_empty() {
            return Err(format!("{file}: no issuer_suffix entries"));
        }
        // Longest first, so that 公文生成日期 wins over 日期 and 人民政府 over 政府.
        r.labels
            .sort_by_key(|l| std::cmp::Reverse(l.text.chars().count()));
        r.issuer_suffixes
            .sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        if !r.labels.is_empty() {
            let alternatives: Vec<String> = r
                .labels
                .iter()
                .map(|l| {
                    l.text
                        .chars()
                        .map(|c| regex::escape(&c.to_string()))
                        .collect::<Vec<_>>()
                        .join(r"\s*")
                })
                .collect();
            let pattern = format!(
                r"(?:^|[^\p{{Han}}])(?P<label>{})\s*:",
                alternatives.join("|")
            );
            r.label_re = Regex::new(&pattern).map_err(|e| format!("{file}: label pattern: {e}"))?;
        }
        Ok(r)
    }

    fn label(&self, text_no_space: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.text == text_no_space)
    }

    /// The label that `text` is, whitespace ignored.
    fn bare_label(&self, text: &str) -> Option<&Label> {
        let longest = self.labels.iter().map(|l| l.text.len()).max()?;
        self.label(&no_space_upto(text, longest)?)
    }

    fn is_chrome(&self, text: &str) -> bool {
        // Most lines hold no blank: no copy then.
        let t: std::borrow::Cow<str> = if text.contains(char::is_whitespace) {
            no_space(text).into()
        } else {
            text.into()
        };
        self.chrome.iter().any(|c| t.contains(c.as_str()))
            || self.chrome_lines.iter().any(|l| *l == t)
    }

    fn is_end_marker(&self, text: &str) -> bool {
        self.end_markers.iter().any(|m| {
            let mut t = text.chars().filter(|c| !c.is_whitespace());
            m.chars().all(|c| t.next() == Some(c))
        })
    }

    /// A title is complete when it ends with a document type (trailing brackets ignored).
    fn title_complete(&self, title: &str) -> bool {
        let mut t = no_space(title);
        loop {
            let cut = self.patterns.trailing_bracket.replace(&t, "").to_string();
            if cut == t || cut.is_empty() {
                break;
            }
            t = cut;
        }
        self.title_ends.iter().any(|e| t.ends_with(e.as_str()))
    }

    fn ends_with_issuer_suffix(&self, s: &str) -> bool {
        self.issuer_suffixes
            .iter()
            .any(|x| s.ends_with(x.as_str()) && s.chars().count() > x.chars().count())
    }

    fn is_national(&self, s: &str) -> bool {
        self.national.iter().any(|n| s.starts_with(n.as_str()))
    }

    /// Split an issuer text into the names of the bodies it lists, if every part is a body's name
    /// (ends with an issuer suffix or is a national issuer).
    fn issuer_parts(&self, s: &str) -> Option<Vec<String>> {
        let collapsed = collapse_spaced(s);
        let s = collapsed.trim();
        if s.is_empty() || s.chars().count() > 3 * ISSUER_MAX_CHARS {
            return None;
        }
        if s.chars()
            .any(|c| "。，,；;:！？!?《》“”\"<>()（）[]【】".contains(c))
            || self.abouts.iter().any(|a| s.contains(a.as_str()))
        {
            return None;
        }
        let parts: Vec<String> = s
            .split(|c: char| c.is_whitespace() || c == '、')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if parts.is_empty() {
            return None;
        }
        for p in &parts {
            let n = p.chars().count();
            if !(2..=ISSUER_MAX_CHARS).contains(&n) {
                return None;
            }
            if !self.ends_with_issuer_suffix(p) && !self.national.iter().any(|x| x == p) {
                return None;
            }
            if p.chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
        }
        Some(parts)
    }

    /// The bodies named on a letterhead line ("发展改革委办公厅 文件" → [发展改革委办公厅]; "文件" → []),
    /// or None when the line is not a letterhead.
    fn masthead_parts(&self, text: &str) -> Option<Vec<String>> {
        let bare = no_space(text);
        self.mastheads.iter().find_map(|m| {
            let rest = bare.strip_suffix(m.as_str())?;
            if rest.is_empty() {
                return Some(Vec::new());
            }
            let spaced = text.trim_end().strip_suffix(m.as_str()).unwrap_or(text);
            self.issuer_parts(spaced)
        })
    }

    fn strip_issuer_prefix<'a>(&self, s: &'a str) -> &'a str {
        let mut s = s;
        loop {
            match self
                .issuer_prefixes
                .iter()
                .find(|p| s.starts_with(p.as_str()))
            {
                Some(p) => s = s[p.len()..].trim_start(),
                None => return s,
            }
        }
    }
}

/// One line of the document: its char range (terminator excluded) and its content range (trimmed,
/// decoration removed) with the normalized content text.
#[derive(Debug, Clone)]
struct Line<'a> {
    cstart: usize,
    cend: usize,
    text: &'a str,
}

fn split_lines<'a>(text: &'a str, rules: &MetaRules) -> Vec<Line<'a>> {
    let blank = |c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}';
    // A line from char `cs` (byte `bs`) to byte `be`, trimmed and without line prefixes.
    let push = |out: &mut Vec<Line<'a>>, cs: usize, bs: usize, be: usize| {
        let mut seg = &text[bs..be];
        let mut a = cs;
        loop {
            let t = seg.trim_start_matches(blank);
            a += seg[..seg.len() - t.len()].chars().count();
            seg = t;
            match rules
                .line_prefixes
                .iter()
                .find(|p| seg.starts_with(p.as_str()))
            {
                Some(p) => {
                    a += p.chars().count();
                    seg = &seg[p.len()..];
                }
                None => break,
            }
        }
        let t = seg.trim_end_matches(blank);
        out.push(Line {
            cstart: a,
            cend: a + t.chars().count(),
            text: t,
        });
    };
    let mut out = Vec::new();
    let (mut cs, mut bs) = (0, 0);
    let bytes = text.as_bytes();
    // Line breaks found by memchr; a line's chars counted once it is cut.
    while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[bs..]) {
        let bi = bs + k;
        let ci = cs + text[bs..bi].chars().count();
        push(&mut out, cs, bs, bi);
        (cs, bs) = if bytes[bi] == b'\r' && bytes.get(bi + 1) == Some(&b'\n') {
            (ci + 2, bi + 2)
        } else {
            (ci + 1, bi + 1)
        };
    }
    if bs < text.len() {
        push(&mut out, cs, bs, text.len());
    }
    out
}

/// A labelled value found in a line.
#[derive(Debug, Clone)]
struct LabelHit {
    field: Field,
    priority: u32,
    value: String,
    /// Char offsets of `value` within the line's text.
    value_at: (usize, usize),
}

fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

/// Labelled fields of one line: "label:value" pairs anywhere in a cell (cells split by '|' and TAB),
/// and pipe/TAB tables where a cell is a bare label and the next cell its value.
fn label_hits(rules: &MetaRules, text: &str) -> Vec<LabelHit> {
    let mut cells: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for b in memchr::memchr2_iter(b'|', b'\t', text.as_bytes()) {
        cells.push((start, &text[start..b]));
        start = b + 1;
    }
    cells.push((start, &text[start..]));
    let is_label_cell = |cell: &str| rules.bare_label(cell).is_some();
    let next_value = |k: usize| -> Option<(usize, &str)> {
        let (off, cell) = cells.get(k + 1)?;
        if is_label_cell(cell) || cell.trim().is_empty() {
            return None;
        }
        let lead = cell.len() - cell.trim_start().len();
        Some((off + lead, cell.trim()))
    };
    let mut hits = Vec::new();
    for (k, &(off, cell)) in cells.iter().enumerate() {
        // Every "label:" match ends in ':'.
        let found: Vec<(usize, usize, &Label)> = if !cell.contains(':') {
            Vec::new()
        } else {
            rules
                .label_re
                .captures_iter(cell)
                .filter_map(|c| {
                    let label = c.name("label")?;
                    let whole = c.get(0)?;
                    rules
                        .bare_label(label.as_str())
                        .map(|l| (whole.end(), label.start(), l))
                })
                .collect()
        };
        if found.is_empty() {
            if let Some(l) = rules.bare_label(cell) {
                let (at, v) = next_value(k).unwrap_or((off + cell.len(), ""));
                hits.push(LabelHit {
                    field: l.field,
                    priority: l.priority,
                    value: v.to_string(),
                    value_at: (char_offset(text, at), char_offset(text, at + v.len())),
                });
            }
            continue;
        }
        for (j, &(value_start, _, l)) in found.iter().enumerate() {
            let value_end = found.get(j + 1).map_or(cell.len(), |n| n.1);
            let raw = &cell[value_start..value_end.max(value_start)];
            let lead = raw.len() - raw.trim_start().len();
            let mut v = raw.trim();
            let mut at = off + value_start + lead;
            if v.is_empty() && j + 1 == found.len() {
                if let Some((a, nv)) = next_value(k) {
                    v = nv;
                    at = a;
                }
            }
            hits.push(LabelHit {
                field: l.field,
                priority: l.priority,
                value: v.to_string(),
                value_at: (char_offset(text, at), char_offset(text, at + v.len())),
            });
        }
    }
    hits
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'O' | 'О' | '0' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 一 … 三十一 as a number (month or day).
fn chinese_small(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', d] => Some(10 + chinese_digit(*d)?),
        [t, '十'] => Some(10 * chinese_digit(*t)?),
        [t, '十', d] => Some(10 * chinese_digit(*t)? + chinese_digit(*d)?),
        [d] => chinese_digit(*d),
        _ => None,
    }
}

fn valid_date(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (d <= days).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first full date (year, month and day) in `s`, as (ISO date, byte start, byte end). Arabic
/// (2019年5月14日), ISO-like (2019-05-14, 2019.5.14, 2019/5/14) and Chinese numerals (二〇二三年六月八日).
fn find_date(p: &Patterns, s: &str) -> Option<(String, usize, usize)> {
    // Each form holds 年 or a separator (- . /): a line with neither holds no date.
    if !s.contains('年') && !s.bytes().any(|b| matches!(b, b'-' | b'.' | b'/')) {
        return None;
    }
    let mut best: Option<(String, usize, usize)> = None;
    let mut consider = |iso: Option<String>, a: usize, b: usize| {
        if let Some(iso) = iso {
            if best.as_ref().is_none_or(|x| a < x.1) {
                best = Some((iso, a, b));
            }
        }
    };
    for c in p.date_arabic.captures_iter(s) {
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let whole = c.get(0).expect("match");
        if let (Some(y), Some(m), Some(d)) = (num("y"), num("m"), num("d")) {
            consider(valid_date(y, m, d), whole.start(), whole.end());
            break;
        }
    }
    for c in p.date_iso.captures_iter(s) {
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let whole = c.get(0).expect("match");
        let end = c.name("d").map_or(whole.end(), |m| m.end());
        if let (Some(y), Some(m), Some(d)) = (num("y"), num("m"), num("d")) {
            let iso = valid_date(y, m, d);
            if iso.is_some() {
                consider(iso, whole.start(), end);
                break;
            }
        }
    }
    for c in p.date_chinese.captures_iter(s) {
        let whole = c.get(0).expect("match");
        let y = c["y"]
            .chars()
            .try_fold(0u32, |acc, ch| chinese_digit(ch).map(|d| acc * 10 + d));
        let m = chinese_small(&c["m"]);
        let d = chinese_small(&c["d"]);
        if let (Some(y), Some(m), Some(d)) = (y, m, d) {
            let iso = valid_date(y, m, d);
            if iso.is_some() {
                consider(iso, whole.start(), whole.end());
                break;
            }
        }
    }
    best
}

/// The date when the whole line is a date (brackets and a trailing time allowed), e.g. a 落款 date.
fn date_only(p: &Patterns, text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .trim();
    // Every date pattern opens with a digit (\d) or a Chinese year digit: a line that opens with
    // anything else holds no date at its start.
    let first = t.chars().next()?;
    if !first.is_numeric() && !"〇○零OО0一二三四五六七八九".contains(first) {
        return None;
    }
    let (iso, a, b) = find_date(p, t)?;
    let rest = t[b..].trim();
    let time_ok = rest.is_empty()
        || rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c.is_whitespace());
    (a == 0 && time_ok).then_some(iso)
}

/// Normalize a 发文字号 to 〔 〕 year brackets, whitespace removed: "国办发〔2020]20号", "医保发〔2021〕27 号",
/// "南卫[2019]105号", "(余府发〔2012〕3号)" → "国办发〔2020〕20号", "医保发〔2021〕27号", ….
/// A placeholder year (〔20_〕) or anything that is not a whole 文号 gives None.
fn parse_doc_number(p: &Patterns, s: &str) -> Option<String> {
    // Every 文号 ends in 号.
    if !s.contains('号') {
        return None;
    }
    let t = no_space_upto(s, DOC_NUMBER_MAX_BYTES)?;
    let c = p.doc_number.captures(&t)?;
    Some(format!("{}〔{}〕{}号", &c["p"], &c["y"], &c["n"]))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Chrome,
    Labelled,
    DocNumber,
    Date,
    Enumerator,
    Addressee,
    Body,
    Masthead,
    Text,
}

/// What the document says about its issuer, by source (best first).
#[derive(Debug, Default)]
struct Issuers {
    label: Option<String>,
    title: Option<String>,
    signature: Option<String>,
    title_report: Option<String>,
    masthead: Option<String>,
    subtitle: Option<String>,
    news: Option<String>,
    /// A body named by a source label on one of the last lines (来源：山东省大数据局), as web
    /// pages end: an issuer of last resort.
    footer: Option<String>,
}

enum Place {
    Named { name: String, context: Vec<String> },
    National,
}

struct Doc<'a> {
    rules: &'a MetaRules,
    /// The original text (the normalized one when their lengths differ), read by char ranges.
    orig: &'a str,
    lines: Vec<Line<'a>>,
    kinds: Vec<OnceCell<Kind>>,
    hits: Vec<Vec<LabelHit>>,
    /// Index one past the last header line.
    head_end: usize,
}

impl<'a> Doc<'a> {
    fn new(original: &'a str, normalized: &'a str, rules: &'a MetaRules) -> Doc<'a> {
        // Both texts should have the same length; if they do not, the title is cut from the
        // normalized text.
        let orig = if original.chars().count() == normalized.chars().count() {
            original
        } else {
            normalized
        };
        let lines = split_lines(normalized, rules);
        let mut hits = Vec::with_capacity(lines.len());
        let mut seen = 0;
        for line in &lines {
            let scan = seen < HEAD_LINES;
            let h = if scan && !line.text.is_empty() {
                label_hits(rules, line.text)
            } else {
                Vec::new()
            };
            if !line.text.is_empty() {
                seen += 1;
            }
            hits.push(h);
        }
        let kinds = vec![OnceCell::new(); lines.len()];
        let mut doc = Doc {
            rules,
            orig,
            lines,
            kinds,
            hits,
            head_end: 0,
        };
        // Lines are classified when first asked for: most of a document is never looked at.
        let mut head_end = doc.lines.len();
        let mut non_blank = 0;
        for i in 0..doc.lines.len() {
            let k = doc.kind(i);
            if k == Kind::Blank {
                continue;
            }
            non_blank += 1;
            if matches!(k, Kind::Body | Kind::Addressee | Kind::Enumerator)
                || non_blank > HEAD_LINES
            {
                head_end = i;
                break;
            }
        }
        doc.head_end = head_end;
        doc
    }

    /// The kind of line `i`, classified on first use.
    fn kind(&self, i: usize) -> Kind {
        *self.kinds[i].get_or_init(|| {
            Self::classify(self.rules, self.lines[i].text, !self.hits[i].is_empty())
        })
    }

    fn classify(rules: &MetaRules, text: &str, labelled: bool) -> Kind {
        let p = &rules.patterns;
        if text.is_empty() {
            return Kind::Blank;
        }
        if labelled {
            return Kind::Labelled;
        }
        if rules.is_chrome(text) {
            return Kind::Chrome;
        }
        if parse_doc_number(p, text).is_some() {
            return Kind::DocNumber;
        }
        if date_only(p, text).is_some() {
            return Kind::Date;
        }
        if rules.masthead_parts(text).is_some() {
            return Kind::Masthead;
        }
        let n = text.chars().count();
        if text.contains(['。', '!', '?', '！', '？'])
            || text.ends_with([';', '；'])
            || (n > BODY_COMMA_LINE_CHARS && text.contains([',', '，']))
        {
            return Kind::Body;
        }
        if p.enumerator.is_match(text) {
            return Kind::Enumerator;
        }
        if text.ends_with(':') {
            return Kind::Addressee;
        }
        Kind::Text
    }

    fn next_non_blank(&self, mut i: usize, limit: usize) -> Option<usize> {
        while i < limit {
            if self.kind(i) != Kind::Blank {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    fn original(&self, i: usize) -> String {
        self.orig_chars(self.lines[i].cstart, self.lines[i].cend)
    }

    /// Chars `a..b` of the original text.
    fn orig_chars(&self, a: usize, b: usize) -> String {
        self.orig.chars().skip(a).take(b - a).collect()
    }

    /// Can header line `i` start a title? Running text, headings, lines opening with a date or a
    /// `body_start` word, and lines with fewer than `TITLE_MIN_HAN` Han characters cannot.
    fn can_start_title(&self, i: usize) -> bool {
        let t = &self.lines[i].text;
        let han = t.chars().filter(|&c| is_han(c)).count();
        self.kind(i) == Kind::Text
            && han >= TITLE_MIN_HAN
            && t.chars().count() <= TITLE_MAX_CHARS
            && t.chars()
                .next()
                .is_some_and(|c| is_han(c) || c.is_alphanumeric() || "“\"【[(".contains(c))
            && !self
                .rules
                .body_starts
                .iter()
                .any(|b| t.starts_with(b.as_str()))
            && find_date(&self.rules.patterns, t).is_none_or(|d| d.1 > 0)
    }

    /// Can header line `i` continue a wrapped title?
    fn can_continue_title(&self, i: usize) -> bool {
        self.kind(i) == Kind::Text && self.lines[i].text.chars().count() <= TITLE_PART_MAX_CHARS
    }

    /// A lone title-like line is taken as the title only if it does not look like the first line of
    /// wrapped running text: it must not end with a comma-like mark or hold a colon, and the line right
    /// after it (no blank line between) must not be running text of about the same width.
    fn can_be_lone_title(&self, i: usize) -> bool {
        let t = &self.lines[i].text;
        if t.ends_with([',', '，', '、', ';', '；', ':']) || t.contains(':') {
            return false;
        }
        match (
            self.lines.get(i + 1),
            (i + 1 < self.lines.len()).then(|| self.kind(i + 1)),
        ) {
            (Some(next), Some(Kind::Body | Kind::Text)) => {
                let a = t.chars().count() as f64;
                let b = next.text.chars().count() as f64;
                !(b >= 0.8 * a && b <= 1.25 * a)
            }
            _ => true,
        }
    }

    /// Title starting at header line `i`: the line, joined with the following lines while it does not
    /// yet end with a document type (at most one blank line between parts, at most four parts), plus a
    /// trailing part that starts with 的 or a bracket. Returns (last line, complete).
    fn title_from(&self, i: usize) -> (usize, bool) {
        let mut acc = self.lines[i].text.to_string();
        let mut last = i;
        let mut complete = self.rules.title_complete(&acc);
        let mut parts = 1;
        while parts < 4 {
            let Some(j) = self.next_non_blank(last + 1, self.head_end) else {
                break;
            };
            if j > last + 2
                || !self.can_continue_title(j)
                || self.lines[j].text == self.lines[last].text
            {
                break;
            }
            let next = &self.lines[j].text;
            let bracket = next.starts_with(['(', '（', '[', '【']);
            if complete
                && !(next.starts_with('的')
                    || (bracket && next.chars().count() <= TITLE_NOTE_MAX_CHARS))
            {
                break;
            }
            let joined = format!("{acc}{next}");
            if !complete || self.rules.title_complete(&joined) {
                acc = joined;
                last = j;
                parts += 1;
                complete = self.rules.title_complete(&acc);
            } else {
                break;
            }
        }
        if complete {
            (last, true)
        } else {
            (i, false)
        }
    }

    /// The title's first and last line. Preference: the first header line (joined over its wrapped
    /// lines) that ends with a document type; else the first content line of the document (after
    /// chrome, labelled fields, 文号, date lines and letterhead) when it is title-like on its own and is not a
    /// body's name.
    fn title_lines(&self) -> Option<(usize, usize)> {
        for i in 0..self.head_end {
            if !self.can_start_title(i) {
                continue;
            }
            let (last, complete) = self.title_from(i);
            if complete {
                return Some((i, last));
            }
        }
        let first = (0..self.head_end).find(|&i| {
            !matches!(
                self.kind(i),
                Kind::Blank
                    | Kind::Chrome
                    | Kind::Labelled
                    | Kind::DocNumber
                    | Kind::Date
                    | Kind::Masthead
            )
        })?;
        (self.can_start_title(first)
            && self.can_be_lone_title(first)
            && self.rules.issuer_parts(self.lines[first].text).is_none())
        .then_some((first, first))
    }

    fn title_text(&self, first: usize, last: usize) -> String {
        (first..=last)
            .filter(|&i| self.kind(i) != Kind::Blank)
            .map(|i| collapse_spaced(&self.original(i)))
            .collect()
    }

    fn normalized_title(&self, first: usize, last: usize) -> String {
        (first..=last)
            .filter(|&i| self.kind(i) != Kind::Blank)
            .map(|i| collapse_spaced(self.lines[i].text))
            .collect()
    }

    /// Index of the first footer line after the header (or the number of lines).
    fn footer_start(&self) -> usize {
        (self.head_end..self.lines.len())
            .find(|&i| self.rules.is_end_marker(self.lines[i].text))
            .unwrap_or(self.lines.len())
    }

    /// The 落款: the first line after `from` that is a date, or issuer names followed by a date,
    /// with the issuer lines right above it. Returns (date, issuer).
    fn signature(&self, from: usize, regions: &RegionTable) -> Option<(String, Option<String>)> {
        let p = &self.rules.patterns;
        let end = self.footer_start();
        for i in from..end {
            let text = &self.lines[i].text;
            if text.is_empty() || text.chars().nth(3 * ISSUER_MAX_CHARS).is_some() {
                continue;
            }
            if let Some(iso) = date_only(p, text) {
                return Some((
                    iso,
                    self.issuer_above(i)
                        .filter(|s| self.names_a_place_or_nation(s, regions)),
                ));
            }
            if let Some((iso, a, b)) = find_date(p, text) {
                if text[b..].trim().is_empty() && a > 0 {
                    if let Some(parts) = self.rules.issuer_parts(&text[..a]) {
                        let issuer = Some(parts.join("、"))
                            .filter(|s| self.names_a_place_or_nation(s, regions));
                        return Some((iso, issuer));
                    }
                }
            }
        }
        None
    }

    /// A signature's first body must start with a place or a national name (中共南安市委, 国家医保局);
    /// a bare 运输局 is the tail of a name wrapped over lines.
    fn names_a_place_or_nation(&self, issuer: &str, regions: &RegionTable) -> bool {
        let first = issuer.split('、').next().unwrap_or("");
        let first = self.rules.strip_issuer_prefix(first);
        regions.longest_name_at(first).is_some() || self.rules.is_national(first)
    }

    fn issuer_above(&self, i: usize) -> Option<String> {
        let mut found: Vec<Vec<String>> = Vec::new();
        let mut k = i;
        while k > 0 && found.len() < 4 {
            k -= 1;
            let t = &self.lines[k].text;
            if t.is_empty() {
                continue;
            }
            if let Some(seal) = self.rules.seals.iter().find(|s| t.contains(s.as_str())) {
                let named = t.replace(seal.as_str(), "");
                let named =
                    named.trim_matches(|c: char| c.is_whitespace() || "()（）[]【】".contains(c));
                if let Some(parts) = self.rules.issuer_parts(named) {
                    found.push(parts);
                }
                continue;
            }
            match self.rules.issuer_parts(t) {
                Some(parts) => found.push(parts),
                None => break,
            }
        }
        found.reverse();
        let all: Vec<String> = found.into_iter().flatten().collect();
        (!all.is_empty()).then(|| all.join("、"))
    }

    /// A date line under the title (——2026年2月3日在…会议上, 1994年10月27日 …会议通过), with
    /// the body named before a subtitle verb (…会议 + 通过).
    fn subtitle_date(&self, from: usize) -> Option<(String, Option<String>)> {
        let p = &self.rules.patterns;
        let mut seen = 0;
        for i in from..self.lines.len() {
            let k = self.kind(i);
            let long_body =
                k == Kind::Body && self.lines[i].text.chars().count() > SUBTITLE_BODY_MAX_CHARS;
            if matches!(k, Kind::Addressee | Kind::Enumerator) || long_body {
                break;
            }
            if matches!(
                k,
                Kind::Blank | Kind::DocNumber | Kind::Chrome | Kind::Labelled
            ) || self.is_label_value(i)
            {
                continue;
            }
            seen += 1;
            if seen > SUBTITLE_LINES {
                break;
            }
            let s = self.lines[i]
                .text
                .trim_start_matches(['-', '—', '(', '（', ' ']);
            if let Some((iso, 0, end)) = find_date(p, s) {
                let rest = s[end..].trim().trim_end_matches([')', '）']);
                let issuer = self.rules.subtitle_verbs.iter().find_map(|v| {
                    let body = rest.strip_suffix(v.as_str())?;
                    self.rules.issuer_parts(body).map(|parts| parts.join("、"))
                });
                return Some((
                    self.amended(i + 1).filter(|a| *a > iso).unwrap_or(iso),
                    issuer,
                ));
            }
        }
        None
    }

    /// The latest date of the amendment lines that follow a subtitle's date line (2010年12月23日
    /// …《关于修改部分地方性法规的决定》修正): the version the text is.
    fn amended(&self, from: usize) -> Option<String> {
        let p = &self.rules.patterns;
        let mut latest: Option<String> = None;
        for i in from..self.lines.len().min(from + 2 * SUBTITLE_LINES) {
            let k = self.kind(i);
            if k == Kind::Blank {
                continue;
            }
            let s = self.lines[i]
                .text
                .trim_start_matches(['-', '—', '(', '（', ' ']);
            let Some((iso, 0, end)) = find_date(p, s) else {
                break;
            };
            let rest = s[end..].trim().trim_end_matches([')', '）']);
            if self
                .rules
                .amendment_verbs
                .iter()
                .any(|v| rest.ends_with(v.as_str()))
            {
                latest = latest.max(Some(iso));
            }
        }
        latest
    }

    /// Labelled values with the line they are on. A label alone at the end of its line ("时间:")
    /// takes the next line (at most one blank line further) as its value, unless that line is
    /// labelled or chrome; an issuer label takes it only when it names bodies.
    fn labelled_values(&self) -> Vec<(usize, LabelHit)> {
        let mut out = Vec::new();
        for (i, hits) in self.hits.iter().enumerate() {
            for (j, h) in hits.iter().enumerate() {
                if !h.value.is_empty() {
                    out.push((i, h.clone()));
                    continue;
                }
                if j + 1 != hits.len() {
                    continue;
                }
                let Some(k) = self.next_non_blank(i + 1, self.lines.len()) else {
                    continue;
                };
                let text = &self.lines[k].text;
                if k > i + 2
                    || matches!(self.kind(k), Kind::Labelled | Kind::Chrome)
                    || (h.field == Field::Issuer && self.rules.issuer_parts(text).is_none())
                {
                    continue;
                }
                let value = LabelHit {
                    field: h.field,
                    priority: h.priority,
                    value: text.to_string(),
                    value_at: (0, text.chars().count()),
                };
                out.push((k, value));
            }
        }
        out
    }

    /// Is line `i` the value of a label that ends the line before it ("时间:" / "2026-02-02")?
    fn is_label_value(&self, i: usize) -> bool {
        let Some(prev) = (0..i).rev().find(|&k| self.kind(k) != Kind::Blank) else {
            return false;
        };
        prev + 2 >= i && self.hits[prev].last().is_some_and(|h| h.value.is_empty())
    }

    /// Issuer stated by the title: the bodies before 关于 or before a verb like 转发, or before a
    /// report type (上海市政府工作报告).
    fn title_issuer(&self, title: &str) -> (Option<String>, Option<String>) {
        let r = self.rules;
        let t = r.patterns.year_prefix.replace(title.trim(), "").to_string();
        let t_no_year = r.patterns.year_any.replace_all(&t, "").to_string();
        let mut cut: Option<usize> = None;
        for v in r.abouts.iter().chain(&r.issuer_verbs) {
            if let Some(k) = t.find(v.as_str()) {
                if cut.is_none_or(|c| k < c) {
                    cut = Some(k);
                }
            }
        }
        if let Some(k) = cut.filter(|&k| k > 0) {
            if let Some(parts) = r.issuer_parts(&t[..k]) {
                return (Some(parts.join("、")), None);
            }
        }
        let t = t_no_year;
        for d in &r.issuer_doc_types {
            for (k, _) in t.match_indices(d.as_str()) {
                if k == 0 || r.abouts.iter().any(|a| t[..k].contains(a.as_str())) {
                    continue;
                }
                if let Some(parts) = r.issuer_parts(&t[..k]) {
                    return (None, Some(parts.join("、")));
                }
            }
        }
        (None, None)
    }

    /// A place named at the start of `s` (after 中共 and the like): the chain of division names
    /// (南昌市新建区 → 新建区 in 南昌市), or national.
    fn place_at_start(&self, s: &str, regions: &RegionTable) -> Option<Place> {
        let s = self.rules.strip_issuer_prefix(s.trim());
        let mut chain: Vec<String> = Vec::new();
        let mut rest = s;
        while let Some(n) = regions.longest_name_at(rest) {
            let end = rest.char_indices().nth(n).map_or(rest.len(), |(b, _)| b);
            chain.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        if let Some(name) = chain.pop() {
            return Some(Place::Named {
                name,
                context: chain,
            });
        }
        if self
            .rules
            .is_national(self.rules.patterns.ordinal_prefix.replace(s, "").as_ref())
        {
            return Some(Place::National);
        }
        None
    }

    /// A title starting with a name's stem (兴仁多措并举…) names the place written in full elsewhere
    /// in the text (兴仁县); the first full name found in the text wins.
    fn stem_place(&self, title: &str, text: &str, regions: &RegionTable) -> Option<Place> {
        let chars: Vec<char> = title.chars().collect();
        for n in (2..=4.min(chars.len())).rev() {
            let prefix: String = chars[..n].iter().collect();
            let mut best: Option<(usize, String)> = None;
            for e in STEM_ENDINGS {
                let full = format!("{prefix}{e}");
                if !regions.is_name(&full) {
                    continue;
                }
                if let Some(at) = text.find(&full) {
                    if best.as_ref().is_none_or(|b| at < b.0) {
                        best = Some((at, full));
                    }
                }
            }
            if let Some((_, name)) = best {
                return Some(Place::Named {
                    name,
                    context: Vec::new(),
                });
            }
        }
        None
    }
}

/// Read the metadata of one document.
///
/// `original`: the decoded document text (BOM removed, line ends as in the file: \n, \r\n or lone \r possible).
/// `normalized`: the same text with OpenCC t2s applied, full-width ASCII U+FF01–U+FF5E folded to ASCII,
/// U+3000 to a space, dashes (— – ― ‒) to '-', tildes (～ 〜) to '~'. It has EXACTLY the same number of chars
/// as `original`, char i of one corresponding to char i of the other.
/// Title is cut from `original` (original script); every other field is simplified (from `normalized`).
///
/// Sources, best first:
/// - title: a labelled title; the first header line ending with a document type (lines of a wrapped
///   title joined); the first title-like header line. Page chrome, labelled lines, 文号 and date lines
///   are never titles; the header ends at the addressee line or the first running text.
/// - doc_number: a labelled 文号, else a header line that is a whole 文号 (brackets allowed around
///   it). Numbers inside sentences (cited documents) and placeholder years are never taken. The output
///   always uses 〔 〕 around the year.
/// - issuer: a labelled issuer; the bodies named before 关于 (or 转发/批转) in the title; the 落款
///   above the signature date; the body before a report type in the title; the letterhead; a news
///   item's stated source.
/// - date: the labelled dates and the unlabelled sources (落款 date, a date line under the title, a
///   news dateline) ranked by the priorities in metadata.tsv (发文日期 first).
/// - region: the place at the start of the issuer (or of the title when the issuer gives none or is a
///   news source), with the names before it as context; a title starting with a stem of a name written
///   in full in the text; national issuers give [`NATIONAL_REGION`]. A shared name that the context
///   does not settle is settled by the text when it mentions the province or prefecture of exactly one
///   candidate; otherwise `region_candidates` lists them.
pub fn extract(
    original: &str,
    normalized: &str,
    rules: &MetaRules,
    regions: &RegionTable,
) -> DocMeta {
    let doc = Doc::new(original, normalized, rules);
    let p = &rules.patterns;
    let mut meta = DocMeta::default();

    // Labelled fields.
    // (original, normalized) text of a labelled title.
    let mut title_label: Option<(String, String)> = None;
    let mut issuers = Issuers::default();
    let mut dates: Vec<(u32, String)> = Vec::new();
    let mut news = false;
    for (line, h) in doc.labelled_values() {
        match h.field {
            Field::Title => {
                if title_label.is_none() {
                    let (a, b) = h.value_at;
                    let s = doc.lines[line].cstart;
                    title_label = Some((doc.orig_chars(s + a, s + b), h.value.clone()));
                }
            }
            Field::Issuer => {
                if issuers.label.is_none() {
                    issuers.label = Some(h.value.trim_end_matches(['.', '。']).to_string());
                }
            }
            Field::DocNumber => {
                if meta.doc_number.is_none() {
                    meta.doc_number = parse_doc_number(p, &h.value);
                }
            }
            Field::Date => {
                if let Some((iso, _, _)) = find_date(p, &h.value) {
                    dates.push((h.priority, iso));
                }
            }
            Field::Source => {
                news = true;
                if issuers.news.is_none() {
                    issuers.news = h.value.split_whitespace().next().map(str::to_string);
                }
                if let Some((iso, _, _)) = find_date(p, doc.lines[line].text) {
                    dates.push((rules.dateline_priority, iso));
                }
            }
            Field::Skip => {}
        }
    }

    // Title.
    let title_lines = doc.title_lines();
    let title_norm = match &title_label {
        Some((_, norm)) => Some(norm.clone()),
        None => title_lines.map(|(a, b)| doc.normalized_title(a, b)),
    };
    meta.title = match title_label {
        Some((orig, _)) => Some(orig),
        None => title_lines.map(|(a, b)| doc.title_text(a, b)),
    };

    // 文号 on a header line of its own.
    if meta.doc_number.is_none() {
        meta.doc_number = (0..doc.head_end)
            .filter(|&i| doc.kind(i) == Kind::DocNumber)
            .find_map(|i| parse_doc_number(p, doc.lines[i].text));
    }

    // News opener (亮点黔西南讯 …) and markers in the first lines of the text.
    let first_text: Vec<usize> = (doc.head_end..doc.lines.len())
        .filter(|&i| doc.kind(i) != Kind::Blank)
        .take(3)
        .collect();
    for &i in &first_text {
        let t = &doc.lines[i].text;
        for o in &rules.news_openers {
            if let Some(k) = t.find(o.as_str()) {
                let name = t[..k].trim();
                let n = name.chars().count();
                if (2..=12).contains(&n)
                    && !name.contains([',', '，', ' '])
                    && !rules.news_self.iter().any(|s| name.starts_with(s.as_str()))
                {
                    news = true;
                    if issuers.news.is_none() {
                        issuers.news = Some(name.to_string());
                    }
                } else if name.chars().count() <= 4 {
                    news = true;
                }
            }
        }
        if rules.news_markers.iter().any(|m| t.contains(m.as_str())) {
            news = true;
        }
    }
    if news && !dates.iter().any(|d| d.0 == rules.dateline_priority) {
        if let Some(iso) = (0..doc.head_end)
            .find_map(|i| find_date(p, doc.lines[i].text))
            .map(|d| d.0)
        {
            dates.push((rules.dateline_priority, iso));
        }
    }

    // Title-stated issuer.
    if let Some(t) = &title_norm {
        let (by_about, by_report) = doc.title_issuer(t);
        issuers.title = by_about;
        issuers.title_report = by_report;
    }

    // 落款 and the date under the title.
    let after_title = title_lines.map_or(0, |(_, b)| b + 1).max(doc.head_end);
    if let Some((iso, issuer)) = doc.signature(after_title, regions) {
        dates.push((rules.signature_priority, iso));
        issuers.signature = issuer;
    }
    // Without a title, the date line may open the document.
    if let Some((iso, issuer)) = doc.subtitle_date(title_lines.map_or(0, |(_, b)| b + 1)) {
        dates.push((rules.subtitle_priority, iso));
        issuers.subtitle = issuer;
    }

    // Letterhead (…文件, or 文件 under the bodies' names) and the name lines right above and below it.
    if let Some(m) = (0..doc.head_end).find(|&i| doc.kind(i) == Kind::Masthead) {
        let names = |i: usize| -> Option<Vec<String>> {
            matches!(doc.kind(i), Kind::Text | Kind::Masthead)
                .then(|| rules.issuer_parts(doc.lines[i].text))
                .flatten()
        };
        let mut above: Vec<Vec<String>> = Vec::new();
        let mut k = m;
        while k > 0 {
            k -= 1;
            if matches!(doc.kind(k), Kind::Blank | Kind::DocNumber) {
                continue;
            }
            match names(k) {
                Some(p) => above.push(p),
                None => break,
            }
        }
        above.reverse();
        let mut parts: Vec<String> = above.into_iter().flatten().collect();
        parts.extend(rules.masthead_parts(doc.lines[m].text).unwrap_or_default());
        let mut k = m + 1;
        while k < doc.head_end {
            if doc.kind(k) != Kind::Blank {
                match names(k) {
                    Some(p) => parts.extend(p),
                    None => break,
                }
            }
            k += 1;
        }
        if !parts.is_empty() {
            issuers.masthead = Some(parts.join("、"));
        }
    }

    // 来源：… on one of the last lines of a page that names no issuer above it.
    if !news {
        issuers.footer = doc
            .lines
            .iter()
            .rev()
            .filter(|l| !l.text.is_empty())
            .take(FOOTER_LINES)
            .flat_map(|l| label_hits(rules, l.text))
            .filter(|h| h.field == Field::Source)
            .find_map(|h| {
                let v = h.value.trim().trim_end_matches(['.', '。']);
                rules.issuer_parts(v).map(|parts| parts.join("、"))
            });
    }
    let from_news = issuers.label.is_none()
        && issuers.title.is_none()
        && issuers.signature.is_none()
        && issuers.title_report.is_none()
        && issuers.masthead.is_none()
        && issuers.subtitle.is_none()
        && issuers.footer.is_none();
    meta.issuer = issuers
        .label
        .clone()
        .or(issuers.title.clone())
        .or(issuers.signature.clone())
        .or(issuers.title_report.clone())
        .or(issuers.masthead.clone())
        .or(issuers.subtitle.clone())
        .or(issuers.footer.clone())
        .or(issuers.news.clone());

    meta.issuer = meta.issuer.map(|i| formal_issuer(&i, regions));

    // Date: smallest priority, first found among equals.
    meta.date = dates.iter().min_by_key(|d| d.0).map(|d| d.1.clone());

    // Region.
    let issuer_place = |s: &Option<String>| -> Option<Place> {
        let first = s.as_deref()?.split('、').next()?;
        doc.place_at_start(first, regions)
    };
    let title_place = || -> Option<Place> {
        let t = title_norm.as_deref()?;
        let t = p.year_prefix.replace(t.trim(), "").to_string();
        doc.place_at_start(&t, regions)
            .or_else(|| doc.stem_place(&t, normalized, regions))
    };
    let place = if from_news {
        let source_is_body = issuers
            .news
            .as_deref()
            .is_some_and(|s| rules.issuer_parts(s).is_some());
        title_place().or_else(|| {
            if source_is_body {
                issuer_place(&meta.issuer)
            } else {
                None
            }
        })
    } else {
        issuer_place(&meta.issuer).or_else(title_place)
    };
    // A news item's place is its own (its source's text names other places in passing).
    let place = place.or_else(|| {
        if issuers.news.is_some() {
            return None;
        }
        // Traditional script: more than one Han char in seven changed by the conversion
        // (asked only when the text names no area).
        // (A char that stands one place off, where normalization moved a wrapped line's space
        // to the end of its clause, is the original's next char: no conversion.)
        let traditional = || {
            let (mut han, mut changed) = (0usize, 0usize);
            let mut next = original.chars().skip(1);
            for (o, n) in original.chars().zip(normalized.chars()).take(2000) {
                let after = next.next();
                if is_han(n) {
                    han += 1;
                    changed += usize::from(o != n && after != Some(n));
                }
            }
            changed * 7 > han
        };
        body_place(
            rules,
            normalized,
            title_norm.as_deref(),
            &traditional,
            regions,
        )
    });
    match place {
        Some(Place::National) => meta.region = Some(NATIONAL_REGION.to_string()),
        Some(Place::Named { name, context }) => {
            let ctx: Vec<&str> = context.iter().map(String::as_str).collect();
            let mut r = regions.resolve(&name, &ctx);
            if r.code.is_none() && r.candidates.len() > 1 {
                let mentioned: Vec<&String> = r
                    .candidates
                    .iter()
                    .filter(|c| {
                        let d = regions.describe(c);
                        [d.prefecture, d.province].into_iter().flatten().any(|n| {
                            normalized.contains(n.as_str())
                                || (stem(&n) != n && normalized.contains(stem(&n)))
                        })
                    })
                    .collect();
                if mentioned.len() == 1 {
                    r = regions.describe(mentioned[0]);
                }
            }
            meta.region = Some(name);
            meta.region_code = r.code;
            meta.province = r.province;
            meta.prefecture = r.prefecture;
            meta.region_candidates = r.candidates;
        }
        None => {}
    }
    meta
}

/// The formal name of each body of an issuer: a place's 政府 is its 人民政府 (内蒙古自治区政府 →
/// 内蒙古自治区人民政府), and a people's congress standing committee is named without the term
/// and the session that passed the text (北京市第十届人民代表大会常务委员会第十六次会议 →
/// 北京市人民代表大会常务委员会).
fn formal_issuer(issuer: &str, regions: &RegionTable) -> String {
    let numeral = |c: char| "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit();
    // Cut 第…届 and a closing 第…次(全体)会议.
    let cut = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find('第') {
            let after = &rest[i + '第'.len_utf8()..];
            let n: usize = after
                .chars()
                .take_while(|&c| numeral(c))
                .map(char::len_utf8)
                .sum();
            let tail = &after[n..];
            if n > 0 && tail.starts_with('届') {
                out.push_str(&rest[..i]);
                rest = &tail['届'.len_utf8()..];
                continue;
            }
            if n > 0
                && tail.starts_with('次')
                && matches!(&tail['次'.len_utf8()..], "会议" | "全体会议")
                && !rest[..i].is_empty()
            {
                out.push_str(&rest[..i]);
                return out;
            }
            out.push_str(&rest[..i + '第'.len_utf8()]);
            rest = after;
        }
        out.push_str(rest);
        out
    };
    issuer
        .split('、')
        .map(|part| {
            let part = if part.contains("代表大会") {
                cut(part)
            } else {
                part.to_string()
            };
            match part.strip_suffix("政府") {
                Some(place) if !place.ends_with("人民") && regions.is_name(place) => {
                    format!("{place}人民政府")
                }
                _ => part,
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The region of a document that names it neither in its issuer nor in its title, from its text:
/// the division named most often (twice at least), among those its words for its own area point
/// to (全省 → a 省, 全市 → a 市); a county's city when the text names the city about as often
/// (a city's rules for a park in one of its districts); a province whose short name the title
/// holds (数字山东…) when the text speaks of 全省; and a document that names no area at all and
/// never speaks of its own area, or says 全国 as often as it names its most named area, is
/// national, unless it is written in traditional characters
/// (Taiwan, Hong Kong, Macao). Before all that, a word that places a document (行政院 → 台湾地区)
/// decides; a page that collects several documents (篇二) has no region.
fn body_place(
    rules: &MetaRules,
    text: &str,
    title: Option<&str>,
    traditional: &dyn Fn() -> bool,
    regions: &RegionTable,
) -> Option<Place> {
    // How often each word of the place lists occurs, in one pass.
    let mut counts = vec![0usize; rules.place_words.len()];
    for (_, _, i) in rules.place_words.occurrences(text) {
        counts[i] += 1;
    }
    let (n_self, n_nat, n_area) = (
        rules.self_places.len(),
        rules.national_words.len(),
        rules.area_words.len(),
    );
    if counts[n_self + n_nat + n_area..].iter().any(|&n| n > 0) {
        return None;
    }
    let named = |name: &str| Place::Named {
        name: name.to_string(),
        context: Vec::new(),
    };
    if let Some((_, area)) = rules
        .area_words
        .iter()
        .enumerate()
        .find(|(i, _)| counts[n_self + n_nat + i] > 0)
        .map(|(_, a)| a)
    {
        if area == NATIONAL_REGION {
            return Some(Place::National);
        }
        return Some(named(area));
    }
    let national: usize = counts[n_self..n_self + n_nat].iter().sum();
    let names = regions.names_in(text);
    // The endings the document's words for its own area point to, by how often they occur.
    let mut pointed: Vec<(&[String], usize)> = Vec::new();
    for (i, (_, endings)) in rules.self_places.iter().enumerate() {
        let n = counts[i];
        if n == 0 {
            continue;
        }
        match pointed.iter_mut().find(|(e, _)| *e == endings.as_slice()) {
            Some(p) => p.1 += n,
            None => pointed.push((endings.as_slice(), n)),
        }
    }
    let endings = pointed.iter().max_by_key(|(_, n)| *n).map(|(e, _)| *e);
    let fits = |name: &str| endings.is_none_or(|e| e.iter().any(|x| name.ends_with(x.as_str())));
    let count = |name: &str| names.iter().find(|(n, _)| n == name).map_or(0, |(_, c)| *c);
    // The most named (first named among equals).
    let best =
        names
            .iter()
            .filter(|(n, c)| *c >= 2 && fits(n))
            .fold(None::<&(String, usize)>, |b, e| match b {
                Some(b) if b.1 >= e.1 => Some(b),
                _ => Some(e),
            });
    if let Some((name, c)) = best {
        if endings.is_none() && national >= *c {
            return Some(Place::National);
        }
        if endings.is_none() && regions.level_of(name) == Some('县') {
            let city = regions.resolve(name, &[]).prefecture;
            if let Some(city) = city.filter(|p| count(p) * 2 >= *c) {
                return Some(named(&city));
            }
        }
        return Some(named(name));
    }
    match endings {
        Some(e) if e.iter().any(|x| x == "省") => {
            // The title's province, else the one the body names most (山东科技大市场,
            // 《…山东省行动纲要》 in a 全省/省委、省政府 document), when no other is named as often.
            if let Some(p) = title.and_then(|title| {
                regions
                    .provinces()
                    .find(|p| title.contains(crate::region::stem(p)))
            }) {
                return Some(named(p));
            }
            // Provinces and autonomous regions only (全省 is no 北京市); the only one named, or
            // the one named most and at least twice.
            let mut named_in: Vec<(String, usize)> = regions
                .provinces_in(text)
                .into_iter()
                .filter(|(p, _)| p.ends_with('省') || p.ends_with("自治区"))
                .collect();
            named_in.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            match named_in.as_slice() {
                [(p, _)] => Some(named(p)),
                [(p, a), (_, b), ..] if a > b && *a >= 2 => Some(named(p)),
                _ => None,
            }
        }
        Some(_) => None,
        None => (names.is_empty() && !traditional()).then_some(Place::National),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> MetaRules {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/patterns/metadata.tsv");
        let text = std::fs::read_to_string(path).expect("patterns/metadata.tsv");
        MetaRules::parse(&text, "patterns/metadata.tsv").unwrap()
    }

    fn regions() -> RegionTable {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/patterns/regions.tsv");
        let text = std::fs::read_to_string(path).expect("patterns/regions.tsv");
        RegionTable::parse(&text, "patterns/regions.tsv").unwrap()
    }

    /// The width and dash folding of the normalized text (inputs here are already simplified).
    fn fold(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap(),
                '\u{3000}' => ' ',
                '—' | '–' | '―' | '‒' => '-',
                '〜' => '~',
                _ => c,
            })
            .collect()
    }

    fn run(text: &str) -> DocMeta {
        extract(text, &fold(text), &rules(), &regions())
    }

    #[test]
    fn formal_issuer_names() {
        let r = regions();
        assert_eq!(
            formal_issuer("内蒙古自治区政府", &r),
            "内蒙古自治区人民政府"
        );
        assert_eq!(formal_issuer("河南省人民政府", &r), "河南省人民政府");
        assert_eq!(
            formal_issuer("北京市第十届人民代表大会常务委员会第十六次会议", &r),
            "北京市人民代表大会常务委员会"
        );
        assert_eq!(
            formal_issuer("第七届全国人民代表大会第五次会议", &r),
            "全国人民代表大会"
        );
        // Not a place before 政府, and a body that is no congress: as written.
        assert_eq!(formal_issuer("数字政府", &r), "数字政府");
        assert_eq!(formal_issuer("第一中学", &r), "第一中学");
        assert_eq!(
            formal_issuer("南昌市政府、南昌市卫健委", &r),
            "南昌市人民政府、南昌市卫健委"
        );
    }

    #[test]
    fn region_from_the_text_when_issuer_and_title_name_none() {
        // The area named most often among those the text's own-area words point to.
        let m = run("第一章 总则\n第一条 为加快全市人工智能产业发展，根据青岛市有关规定，制定本细则。\n第二条 青岛市工业和信息化局负责实施。崂山区负责日常管理。\n");
        assert_eq!(m.region.as_deref(), Some("青岛市"));
        // A district named more often than its city, the city about as often: the city.
        let m = run("第一条 支持崂山区园区建设。崂山区、崂山区和青岛市、青岛市共同推进。\n");
        assert_eq!(m.region.as_deref(), Some("青岛市"));
        // 全省 and the province's short name in the title.
        let m = run("数字山东2021行动方案\n全省推进数字政府建设。全省建成5G基站。\n");
        assert_eq!(m.region.as_deref(), Some("山东省"));
        // No area named, no word for its own area: national.
        let m = run("第一条 为规范培训机构管理，制定本办法。\n第二条 培训机构应当具备条件。\n");
        assert_eq!(m.region.as_deref(), Some(NATIONAL_REGION));
        // Addressed to every province: national, whatever else it names.
        let m = run("各省、自治区、直辖市科技厅，北京市、北京市有关单位：\n现将指南印发。\n");
        assert_eq!(m.region.as_deref(), Some(NATIONAL_REGION));
        // A page collecting several plans has no one region.
        let m = run("工作计划【精品多篇】\n篇一\n浙江省、浙江省全省推进。\n篇二\n");
        assert_eq!(m.region, None);
    }

    #[test]
    fn doc_number_shapes() {
        let p = Patterns::new();
        for (input, want) in [
            ("新府发〔2023〕3号", "新府发〔2023〕3号"),
            ("南卫[2019]105号", "南卫〔2019〕105号"),
            ("国办发(2018)128号", "国办发〔2018〕128号"),
            ("国办发【2018】128号", "国办发〔2018〕128号"),
            ("国办发〔2020]20号", "国办发〔2020〕20号"),
            ("医保发〔2021〕27 号", "医保发〔2021〕27号"),
            ("(余府发〔2012〕3号)", "余府发〔2012〕3号"),
        ] {
            assert_eq!(
                parse_doc_number(&p, &fold(input)).as_deref(),
                Some(want),
                "{input}"
            );
        }
        assert_eq!(parse_doc_number(&p, "浙卫发〔20_〕166号"), None);
        assert_eq!(
            parse_doc_number(&p, "根据《通知》(赣府发〔2023〕1号)精神"),
            None
        );
    }

    #[test]
    fn doc_number_from_header_not_from_body() {
        let text = "新府发〔2023〕3号\n南昌市新建区人民政府关于印发\n新建区卫生健康服务能力全面提升三年行动\n计划(2023—2025年)的通知\n各乡(镇)人民政府,区直各单位:\n根据《江西省人民政府关于印发江西省卫生健康服务能力全面提升三年行动计划(2023-2025年)的通知》(赣府发〔2023〕1号)精神,制定本计划。\n2023年6月8日\n";
        let m = run(text);
        assert_eq!(m.doc_number.as_deref(), Some("新府发〔2023〕3号"));
        let body_only =
            "关于做好有关工作的通知\n各单位:\n根据《通知》(赣府发〔2023〕1号)精神,现通知如下。\n";
        assert_eq!(run(body_only).doc_number, None);
        let placeholder = "关于做好有关工作的通知\n(浙卫发〔20_〕166号)\n各单位:\n现通知如下。\n";
        assert_eq!(run(placeholder).doc_number, None);
        let labelled =
            "文号:国办发〔2020]20号\n国务院办公厅关于做好有关工作的通知\n各省:\n现通知如下。\n";
        assert_eq!(
            run(labelled).doc_number.as_deref(),
            Some("国办发〔2020〕20号")
        );
        let spaced = "关于加快推进门诊费用跨省直接结算工作的通知\n（医保发〔2021〕27 号）\n各省医保局：\n现通知如下。\n";
        assert_eq!(
            run(spaced).doc_number.as_deref(),
            Some("医保发〔2021〕27号")
        );
    }

    #[test]
    fn multi_line_title_and_region_from_issuer() {
        let text = "新府发〔2023〕3号\n南昌市新建区人民政府关于印发\n新建区卫生健康服务能力全面提升三年行动\n计划(2023—2025年)的通知\n各乡(镇)人民政府,区直各单位:\n现印发给你们,请认真遵照执行。\n2023年6月8日\n";
        let m = run(text);
        assert_eq!(
            m.title.as_deref(),
            Some("南昌市新建区人民政府关于印发新建区卫生健康服务能力全面提升三年行动计划(2023—2025年)的通知")
        );
        assert_eq!(m.issuer.as_deref(), Some("南昌市新建区人民政府"));
        assert_eq!(m.date.as_deref(), Some("2023-06-08"));
        assert_eq!(m.region.as_deref(), Some("新建区"));
        assert_eq!(m.region_code.as_deref(), Some("360112"));
        assert_eq!(m.province.as_deref(), Some("江西省"));
        assert_eq!(m.prefecture.as_deref(), Some("南昌市"));
    }

    #[test]
    fn title_wrapped_with_blank_lines() {
        let text = "国务院办公厅关于推广第二批\r\n\r\n支持创新相关改革举措的通知\r\n\r\n国办发〔2018〕126号\r\n\r\n各省、自治区、直辖市人民政府：\r\n现通知如下。\r\n国务院办公厅\r\n2018年12月23日\r\n";
        let m = run(text);
        assert_eq!(
            m.title.as_deref(),
            Some("国务院办公厅关于推广第二批支持创新相关改革举措的通知")
        );
        assert_eq!(m.doc_number.as_deref(), Some("国办发〔2018〕126号"));
        assert_eq!(m.issuer.as_deref(), Some("国务院办公厅"));
        assert_eq!(m.region.as_deref(), Some(NATIONAL_REGION));
        assert_eq!(m.region_code, None);
        assert_eq!(m.date.as_deref(), Some("2018-12-23"));
    }

    #[test]
    fn chinese_numeral_dates() {
        let p = Patterns::new();
        assert_eq!(
            find_date(&p, "二〇二三年六月八日").map(|d| d.0).as_deref(),
            Some("2023-06-08")
        );
        assert_eq!(
            find_date(&p, "二〇一九年十二月三十一日")
                .map(|d| d.0)
                .as_deref(),
            Some("2019-12-31")
        );
        assert_eq!(
            find_date(&p, "二○一二年一月九日").map(|d| d.0).as_deref(),
            Some("2012-01-09")
        );
        assert_eq!(
            find_date(&p, "2021 年 3 月 9 日").map(|d| d.0).as_deref(),
            Some("2021-03-09")
        );
        assert_eq!(find_date(&p, "2019年2月30日"), None);
        assert_eq!(
            date_only(&p, "2019-05-14 16:48").as_deref(),
            Some("2019-05-14")
        );
        let text = "某某县卫生健康局关于做好有关工作的通知\n各乡镇卫生院:\n现通知如下。\n某某县卫生健康局\n二〇一九年十二月三十一日\n";
        assert_eq!(run(text).date.as_deref(), Some("2019-12-31"));
    }

    #[test]
    fn labelled_issue_date_wins() {
        let text = "文号 | 索引号 | x-2021-00001 | 发文日期 | 2021-04-15 | 有效性 | |\n主题分类 | 业务管理 | 成文日期 | 2021-04-15 | 服务对象 |\n2021年舞钢市妇幼健康工作要点的通知\n各乡镇卫生院:\n现将《要点》印发给你们,请认真贯彻执行。\n2021年4月12日\n";
        let m = run(text);
        assert_eq!(m.date.as_deref(), Some("2021-04-15"));
        assert_eq!(m.doc_number, None);
        assert_eq!(m.issuer, None);
        assert_eq!(
            m.title.as_deref(),
            Some("2021年舞钢市妇幼健康工作要点的通知")
        );
        assert_eq!(m.region.as_deref(), Some("舞钢市"));
        assert_eq!(m.region_code.as_deref(), Some("410481"));
    }

    #[test]
    fn web_chrome_is_skipped_and_news_source_is_issuer() {
        let text = "当前位置:首页 > 资讯 > 兴仁\n\n兴仁多措并举积极推进全县妇幼工作\n\n2015年06月02日 11:47:27来源:亮点黔西南 作者:周蕊\n亮点黔西南讯 今年以来,兴仁县卫计局采取多种措施推动全县妇幼工作。\n推荐阅读\n亮点黔西南  2024-09-20\n";
        let m = run(text);
        assert_eq!(m.title.as_deref(), Some("兴仁多措并举积极推进全县妇幼工作"));
        assert_eq!(m.issuer.as_deref(), Some("亮点黔西南"));
        assert_eq!(m.date.as_deref(), Some("2015-06-02"));
        assert_eq!(m.region.as_deref(), Some("兴仁县"));
        assert_eq!(m.region_code.as_deref(), Some("522302"));
        let chrome = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年上海市政府工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n各位代表：\n现在报告工作。\n";
        let m = run(chrome);
        assert_eq!(m.title.as_deref(), Some("2026年上海市政府工作报告"));
        assert_eq!(m.date.as_deref(), Some("2026-02-03"));
        assert_eq!(m.region_code.as_deref(), Some("310000"));
        let labels = "• 索 引 号:qz07126-0101-2019-00047\n• 备注/文号:南卫〔2019〕105号\n• 发布机构:南安市卫生健康局\n• 公文生成日期:2019-05-14\n南安市卫生健康局关于印发工作安排的通知\n时间:2019-05-14 16:48\n各单位:\n根据《泉州市卫健委关于印发工作安排的通知》文件精神,现将工作安排如下。\n附件下载\n扫一扫在手机上查看当前页面\n";
        let m = run(labels);
        assert_eq!(
            m.title.as_deref(),
            Some("南安市卫生健康局关于印发工作安排的通知")
        );
        assert_eq!(m.doc_number.as_deref(), Some("南卫〔2019〕105号"));
        assert_eq!(m.issuer.as_deref(), Some("南安市卫生健康局"));
        assert_eq!(m.region_code.as_deref(), Some("350583"));
        assert_eq!(m.prefecture.as_deref(), Some("泉州市"));
    }

    #[test]
    fn traditional_title_is_cut_from_original() {
        let original = "靈感範文站\n\n位置:首頁 > 實用文 > 工作計劃\n\n婦幼保健工作計劃【精品多篇】\n\n在醫院分管院長領導下,現制定我院婦幼保健工作計劃如下:\n";
        let normalized = "灵感范文站\n\n位置:首页 > 实用文 > 工作计划\n\n妇幼保健工作计划【精品多篇】\n\n在医院分管院长领导下,现制定我院妇幼保健工作计划如下:\n";
        assert_eq!(original.chars().count(), normalized.chars().count());
        let m = extract(original, normalized, &rules(), &regions());
        assert_eq!(m.title.as_deref(), Some("婦幼保健工作計劃【精品多篇】"));
        assert_eq!(m.issuer, None);
        assert_eq!(m.date, None);
        assert_eq!(m.region, None);
    }

    #[test]
    fn repeated_place_name_needs_context() {
        let bj = run("北京市朝阳区人民政府关于做好有关工作的通知\n各街道办事处:\n现通知如下。\n");
        assert_eq!(bj.region.as_deref(), Some("朝阳区"));
        assert_eq!(bj.region_code.as_deref(), Some("110105"));
        let cc = run("长春市朝阳区人民政府关于做好有关工作的通知\n各街道办事处:\n现通知如下。\n");
        assert_eq!(cc.region_code.as_deref(), Some("220104"));
        assert_eq!(cc.prefecture.as_deref(), Some("长春市"));
        let none = run("朝阳区人民政府关于做好有关工作的通知\n各街道办事处:\n现通知如下。\n");
        assert_eq!(none.region.as_deref(), Some("朝阳区"));
        assert_eq!(none.region_code, None);
        assert!(none.region_candidates.contains(&"110105".to_string()));
        assert!(none.region_candidates.contains(&"220104".to_string()));
        // The text settles it when it names one candidate's prefecture.
        let text = run("朝阳区人民政府关于做好有关工作的通知\n各街道办事处:\n为落实长春市有关要求,现通知如下。\n");
        assert_eq!(text.region_code.as_deref(), Some("220104"));
    }

    #[test]
    fn historical_name_and_signature_issuer() {
        let m = run("关于做好有关工作的通知\n各乡镇:\n现通知如下。\n兴仁县人民政府办公室\n(印章)\n2015年6月2日\n");
        assert_eq!(m.issuer.as_deref(), Some("兴仁县人民政府办公室"));
        assert_eq!(m.region.as_deref(), Some("兴仁县"));
        assert_eq!(m.region_code.as_deref(), Some("522302"));
        let joint = run(
            "关于加快推进有关工作的通知\n各省:\n现通知如下。\n国家医保局 财政部 2021年4月12日\n",
        );
        assert_eq!(joint.issuer.as_deref(), Some("国家医保局、财政部"));
        assert_eq!(joint.region.as_deref(), Some(NATIONAL_REGION));
        assert_eq!(joint.date.as_deref(), Some("2021-04-12"));
    }

    #[test]
    fn cited_document_is_not_this_documents_metadata() {
        let text = "各乡镇卫生院:\n根据《泉州市卫健委关于印发服务全面二孩工作安排的通知》(泉卫〔2019〕1号)精神,现通知如下。\n";
        let m = run(text);
        assert_eq!(m.title, None);
        assert_eq!(m.doc_number, None);
        assert_eq!(m.issuer, None);
        assert_eq!(m.region, None);
    }

    #[test]
    fn labelled_fields_in_cells_and_on_the_next_line() {
        let text = "标题:关于做好有关工作的通知\n发文机关:\t某某市卫生健康委员会\t发文字号:\t某卫〔2022〕7号\n成文日期:\n2022年03月04日\n发布日期:2022-03-08\n关于做好有关工作的通知\n各单位:\n现通知如下。\n";
        let m = run(text);
        assert_eq!(m.title.as_deref(), Some("关于做好有关工作的通知"));
        assert_eq!(m.issuer.as_deref(), Some("某某市卫生健康委员会"));
        assert_eq!(m.doc_number.as_deref(), Some("某卫〔2022〕7号"));
        assert_eq!(m.date.as_deref(), Some("2022-03-04"));
    }

    #[test]
    fn letterhead_subtitle_and_lone_cr_lines() {
        let text = "某某市工业和信息化局\r某 某 市 公 安 局\r某工信字〔2022〕1号\r文件\r关于印发《某某市管理办法（试行）》\r的通知\r各相关单位：\r现印发给你们，请遵照执行。\r";
        let m = run(text);
        assert_eq!(
            m.title.as_deref(),
            Some("关于印发《某某市管理办法（试行）》的通知")
        );
        assert_eq!(
            m.issuer.as_deref(),
            Some("某某市工业和信息化局、某某市公安局")
        );
        assert_eq!(m.doc_number.as_deref(), Some("某工信字〔2022〕1号"));
        let law = "# 山东省精神卫生条例\n\n2019年3月29日 山东省第十三届人民代表大会常务委员会第十一次会议通过\n\n## 第一章 总则\n第一条 为了发展精神卫生事业，制定本条例。\n";
        let m = run(law);
        assert_eq!(m.title.as_deref(), Some("山东省精神卫生条例"));
        // The standing committee that passed it, without its term and session.
        assert_eq!(m.issuer.as_deref(), Some("山东省人民代表大会常务委员会"));
        assert_eq!(m.date.as_deref(), Some("2019-03-29"));
        assert_eq!(m.region_code.as_deref(), Some("370000"));
        let spaced = "国务院关于授权有关事项的\n土 地 使 用 期 限 的 批 复\n(试行)\n广东省人民政府：\n现批复如下。\n";
        let m = run(spaced);
        assert_eq!(
            m.title.as_deref(),
            Some("国务院关于授权有关事项的土地使用期限的批复(试行)")
        );
    }

    #[test]
    fn running_text_is_not_a_title() {
        let text = "持续推进数字技术适老化是践行积极应对人口老龄化\n战略的重要举措，也是实施有关法律的内在要\n求。为深入贯彻有关精神，制定本方案。\n";
        assert_eq!(run(text).title, None);
        assert_eq!(run("应用一：形式审查\n一、总体要求\n").title, None);
    }

    #[test]
    fn malformed_rules_name_file_and_line() {
        let e = MetaRules::parse("# x\nchrome\n", "patterns/metadata.tsv").unwrap_err();
        assert_eq!(e, "patterns/metadata.tsv:2: missing text column: chrome");
        let e = MetaRules::parse("label\t发文日期\tdate\n", "m.tsv").unwrap_err();
        assert_eq!(
            e,
            "m.tsv:1: a date label needs a priority: label\t发文日期\tdate"
        );
        let e = MetaRules::parse("colour\tred\n", "m.tsv").unwrap_err();
        assert_eq!(e, "m.tsv:1: unknown kind: colour\tred");
        let e = MetaRules::parse("label\t标题\ttitle\t3\n", "m.tsv").unwrap_err();
        assert!(
            e.starts_with("m.tsv:1: only date labels take a priority"),
            "{e}"
        );
    }
}
