//! Normalization: traditional to simplified (OpenCC t2s), full-width to half-width, one form
//! for dashes and tildes — always char for char, so that char i of the normalized text is
//! char i of the original and every offset found in one is valid in the other.

use crate::document::find_char;
use crate::error::{Error, Result};

/// Which OpenCC implementation converts the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The built-in pure-Rust OpenCC (ferrous-opencc) with OpenCC's t2s dictionaries.
    Rust,
    /// The C++ OpenCC library and its installed t2s.json (cargo feature `opencc-cpp`).
    Cpp,
}

enum Inner {
    Rust(ferrous_opencc::OpenCC),
    #[cfg(feature = "opencc-cpp")]
    Cpp(opencc_rust::OpenCC),
}

/// OpenCC's TSPhrases dictionary (see data/opencc/README.md): `key<TAB>value(s)` per line.
const TS_PHRASES: &str = include_str!("../data/opencc/TSPhrases.txt");

/// Phrases by their first char, longest first: (key, value).
type PhraseTable = std::collections::HashMap<char, Vec<(Vec<char>, Vec<char>)>>;

/// t2s in one pass over a line, for the built-in backend: at each char the longest phrase of
/// TSPhrases that starts there, else the char's own conversion — what OpenCC's t2s group
/// (TSPhrases + TSCharacters, longest match first) does.
struct FastT2s {
    /// Phrases by their first char, longest first: (key, value, same number of chars).
    phrases: std::collections::HashMap<char, Vec<(String, String, bool)>>,
    /// For each BMP char: its conversion on its own ('\0': a char this table cannot convert on
    /// its own, because t2s makes it something else than one char).
    single: Vec<char>,
    /// Bit i set: the BMP char i starts a phrase.
    phrase_start: Vec<u64>,
}

impl FastT2s {
    fn new(
        phrases: PhraseTable,
        changed: std::collections::HashMap<char, char>,
        complex: std::collections::HashSet<char>,
    ) -> FastT2s {
        let mut single: Vec<char> = (0..0x10000u32)
            .map(|i| char::from_u32(i).unwrap_or('\u{FFFD}'))
            .collect();
        for (c, to) in changed {
            single[c as usize] = to;
        }
        for c in complex {
            single[c as usize] = '\0';
        }
        let mut phrase_start = vec![0u64; 0x10000 / 64];
        for &c in phrases.keys() {
            let i = c as usize;
            if i < 0x10000 {
                phrase_start[i / 64] |= 1 << (i % 64);
            }
        }
        let phrases = phrases
            .into_iter()
            .map(|(c, list)| {
                let list = list
                    .into_iter()
                    .map(|(k, v)| {
                        let same = k.len() == v.len();
                        (k.into_iter().collect(), v.into_iter().collect(), same)
                    })
                    .collect();
                (c, list)
            })
            .collect();
        FastT2s {
            phrases,
            single,
            phrase_start,
        }
    }

    /// Append the converted line to `out`: Some(true) when it keeps the line's number of chars,
    /// Some(false) when a phrase changed it, None (and nothing appended) when the line holds a
    /// char this table does not cover.
    fn convert_into(&self, line: &str, out: &mut String) -> Option<bool> {
        let mark = out.len();
        let mut same = true;
        let mut rest = line;
        while let Some(c) = rest.chars().next() {
            let ci = c as usize;
            if ci >= 0x10000 || (self.single[ci] == '\0' && c != '\0') {
                out.truncate(mark);
                return None;
            }
            if self.phrase_start[ci / 64] & (1 << (ci % 64)) != 0 {
                if let Some((k, v, keeps)) = self.phrases[&c]
                    .iter()
                    .find(|(k, _, _)| rest.starts_with(k.as_str()))
                {
                    out.push_str(v);
                    same &= *keeps;
                    rest = &rest[k.len()..];
                    continue;
                }
            }
            out.push(self.single[ci]);
            rest = &rest[c.len_utf8()..];
        }
        Some(same)
    }

    /// The converted line, or None when the line holds a char this table does not cover (outside
    /// the BMP, or changed into something else than one char).
    fn convert(&self, line: &str) -> Option<String> {
        let mut out = String::with_capacity(line.len());
        self.convert_into(line, &mut out)?;
        Some(out)
    }
}

fn parse_phrases() -> PhraseTable {
    let mut map = PhraseTable::new();
    for line in TS_PHRASES.lines().filter(|l| !l.starts_with('#')) {
        let Some((k, v)) = line.split_once('\t') else {
            continue;
        };
        let key: Vec<char> = k.chars().collect();
        let value: Vec<char> = v.split(' ').next().unwrap_or(k).chars().collect();
        if let Some(&first) = key.first() {
            map.entry(first).or_default().push((key, value));
        }
    }
    for list in map.values_mut() {
        // Longest first; among equal lengths the dictionary's order.
        list.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    }
    map
}

/// Traditional-to-simplified conversion with OpenCC's t2s dictionaries.
pub struct Converter {
    inner: Inner,
    /// Bit i set: the BMP char i is changed by t2s on its own. Text with none of these chars
    /// is left as it is, without running the converter.
    changes: Vec<u64>,
    /// The one-pass converter (built-in backend only).
    fast: Option<FastT2s>,
}

impl Converter {
    /// The converter of the build: the C++ library with the `opencc-cpp` feature, the built-in
    /// pure-Rust OpenCC otherwise.
    pub fn new() -> Result<Converter> {
        if cfg!(feature = "opencc-cpp") {
            Converter::with_backend(Backend::Cpp)
        } else {
            Converter::with_backend(Backend::Rust)
        }
    }

    /// A converter with a chosen backend (Cpp needs the `opencc-cpp` feature).
    pub fn with_backend(backend: Backend) -> Result<Converter> {
        let inner = match backend {
            Backend::Rust => Inner::Rust(
                ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
                    .map_err(|e| Error::Config(format!("cannot load the t2s dictionaries: {e}")))?,
            ),
            #[cfg(feature = "opencc-cpp")]
            Backend::Cpp => Inner::Cpp(
                opencc_rust::OpenCC::new(opencc_rust::DefaultConfig::T2S)
                    .map_err(|e| Error::Config(format!("cannot load OpenCC's t2s.json: {e}")))?,
            ),
            #[cfg(not(feature = "opencc-cpp"))]
            Backend::Cpp => {
                return Err(Error::Config(
                    "this build has no C++ OpenCC backend (build with --features opencc-cpp)"
                        .into(),
                ))
            }
        };
        let mut conv = Converter {
            inner,
            changes: Vec::new(),
            fast: None,
        };
        let phrases = parse_phrases();
        let (changes, single, complex) = conv.changed_chars(&phrases);
        conv.changes = changes;
        if backend == Backend::Rust {
            conv.fast = Some(FastT2s::new(phrases, single, complex));
        }
        Ok(conv)
    }

    /// The set of BMP ideographs (and compatibility ideographs) that t2s may change — on its
    /// own, found by converting each block once at start-up, or inside a phrase of TSPhrases —
    /// the conversion of each char changed on its own into one char, and the chars changed on
    /// their own into something else.
    #[allow(clippy::type_complexity)]
    fn changed_chars(
        &self,
        phrases: &PhraseTable,
    ) -> (
        Vec<u64>,
        std::collections::HashMap<char, char>,
        std::collections::HashSet<char>,
    ) {
        let mut bits = vec![0u64; 0x10000 / 64];
        let mut single = std::collections::HashMap::new();
        let mut complex = std::collections::HashSet::new();
        let set = |bits: &mut Vec<u64>, c: char| {
            let i = c as usize;
            bits[i / 64] |= 1 << (i % 64);
        };
        for (lo, hi) in [(0x3400u32, 0x4DBFu32), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)] {
            let chars: Vec<char> = (lo..=hi).filter_map(char::from_u32).collect();
            // One char per line, so that phrase rules cannot join neighbours.
            let text: String = chars.iter().flat_map(|c| [*c, '\n']).collect();
            let converted = self.convert(&text);
            for (line, c) in converted.split('\n').zip(&chars) {
                if line.chars().count() != 1 || !line.starts_with(*c) {
                    set(&mut bits, *c);
                    let mut one = line.chars();
                    match (one.next(), one.next()) {
                        (Some(to), None) => {
                            single.insert(*c, to);
                        }
                        _ => {
                            complex.insert(*c);
                        }
                    }
                }
            }
        }
        for list in phrases.values() {
            for (k, v) in list {
                for (a, b) in k.iter().zip(v) {
                    if a != b {
                        set(&mut bits, *a);
                    }
                }
            }
        }
        (bits, single, complex)
    }

    /// Whether t2s could change the text: it holds a char that t2s changes on its own or inside
    /// a phrase, or a char outside the BMP (not covered by the table).
    pub fn may_change(&self, text: &str) -> bool {
        self.first_change(text, 0).is_some()
    }

    /// Convert a piece of text (any length change is handled by [`Converter::t2s_aligned`]).
    pub fn convert(&self, text: &str) -> String {
        if self.fast.is_some() && !self.may_change(text) {
            return text.to_string();
        }
        self.convert_changing(text)
    }

    /// [`Converter::convert`] of a text already known to hold a char t2s may change.
    fn convert_changing(&self, text: &str) -> String {
        if let Some(c) = self.fast.as_ref().and_then(|f| f.convert(text)) {
            return c;
        }
        match &self.inner {
            Inner::Rust(c) => c.convert(text),
            #[cfg(feature = "opencc-cpp")]
            Inner::Cpp(c) => {
                // The C++ library stops at a NUL byte: convert around them.
                if text.contains('\0') {
                    return text
                        .split('\0')
                        .map(|part| c.convert(part))
                        .collect::<Vec<_>>()
                        .join("\0");
                }
                c.convert(text)
            }
        }
    }

    /// t2s, guaranteed to keep the number of chars of every line. Only lines that hold a char t2s
    /// may change are converted: no dictionary key spans a line break, so converting line by line
    /// gives what converting the whole text gives. A line whose conversion changes its length (a
    /// phrase rule) is converted char by char instead.
    pub fn t2s_aligned(&self, text: &str) -> String {
        let Some(mut at) = self.first_change(text, 0) else {
            return text.to_string();
        };
        let mut out = String::with_capacity(text.len());
        // Bytes of `text` already in `out` (a line start).
        let mut done = 0;
        loop {
            // The line holding the char at `at`, with its '\n'; the lines before it are copied.
            let ls = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let le = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            out.push_str(&text[done..ls]);
            self.push_line(&mut out, &text[ls..le]);
            done = le;
            match self.first_change(text, le) {
                Some(next) => at = next,
                None => break,
            }
        }
        out.push_str(&text[done..]);
        out
    }

    /// Byte offset of the first char at or after `from` that t2s may change: a char below
    /// U+3400 never counts, one beyond the BMP always does.
    fn first_change(&self, text: &str, from: usize) -> Option<usize> {
        find_char(
            text,
            from,
            |_| false,
            |cp| cp >= 0x3400 && self.changes[cp / 64] & (1 << (cp % 64)) != 0,
            |c| c as u32 >= 0x10000,
        )
    }

    /// Convert one line known to hold a char t2s may change, keeping its number of chars.
    fn push_line(&self, out: &mut String, line: &str) {
        if let Some(fast) = &self.fast {
            let mark = out.len();
            match fast.convert_into(line, out) {
                Some(true) => return,
                Some(false) => out.truncate(mark),
                None => {}
            }
        }
        let c = self.convert_changing(line);
        if c.chars().count() == line.chars().count() {
            out.push_str(&c);
        } else {
            let mut buf = [0u8; 4];
            for ch in line.chars() {
                let one = self.convert(ch.encode_utf8(&mut buf));
                if one.chars().count() == 1 {
                    out.push_str(&one);
                } else {
                    out.push(ch);
                }
            }
        }
    }
}

/// Whether a document is written in simplified or traditional characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Simplified,
    Traditional,
    Mixed,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
            Script::Mixed => "mixed",
        }
    }
}

/// A normalized document text.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// Simplified, half-width text with exactly as many chars as the original (and as many
    /// bytes as the folded text: a line break inside a paragraph wrapped at a fixed width is a
    /// space here, see [`join_wrapped_lines`]).
    pub text: String,
    pub script: Script,
    /// The chars that stand elsewhere than in the original (a wrapped line's space moved to
    /// the end of its clause, spaced digits packed): one list per step that moved chars, in
    /// the order of the steps, each in order of its ranges.
    pub moved: Vec<Vec<Moved>>,
}

/// A range of chars (char offsets `start..end` of the text after the step that moved them)
/// that stood `by` chars away before that step: char `c` of the range was char `c + by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub start: usize,
    pub end: usize,
    pub by: isize,
}

/// Where char `c` of a normalized text stands in the original, given the text's `moved`.
pub fn original_char(moved: &[Vec<Moved>], mut c: usize) -> usize {
    for step in moved.iter().rev() {
        let k = step.partition_point(|m| m.start <= c);
        if let Some(m) = k.checked_sub(1).map(|k| step[k]).filter(|m| c < m.end) {
            c = c.wrapping_add_signed(m.by);
        }
    }
    c
}

/// Char offsets of byte offsets, for offsets in ascending order (one pass over the text).
fn chars_at(text: &str, bytes: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let b = text.as_bytes();
    let (mut at, mut n) = (0, 0);
    bytes
        .into_iter()
        .map(|to| {
            n += b[at..to].iter().filter(|&&x| (x as i8) >= -64).count();
            at = to;
            n
        })
        .collect()
}

/// Fold one char to the form matching needs: full-width ASCII to ASCII, ideographic and
/// zero-width spaces (U+200B, U+2060, U+FEFF: the traces of a web page's inline elements) to
/// space, dashes to '-', tildes to '~', ﹪ to '%'; line ends to '\n' (a CR before LF becomes
/// a space so that CRLF ends one line, not two).
pub fn fold_char(c: char, next: Option<char>) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            let f = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            match f {
                '~' => '~',
                _ => f,
            }
        }
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{2060}' | '\u{FEFF}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        '\u{301C}' | '\u{2053}' | '\u{223C}' => '~',
        '\u{FE6A}' => '%',
        '\r' => {
            if next == Some('\n') {
                ' '
            } else {
                '\n'
            }
        }
        _ => c,
    }
}

/// `fold_char` over a whole text. Only chars whose UTF-8 form opens with 0x0D, 0xC2, 0xE2, 0xE3
/// or 0xEF can fold (CR, U+00A0, U+2000–U+2FFF, U+3000–U+3FFF, U+F000–U+FFFF); the runs between
/// them are copied as they are. (Those bytes never continue a char, so each one found opens a
/// char.)
pub fn fold_text(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut fold_at = |i: usize, out: &mut String| -> usize {
        let mut rest = s[i..].chars();
        let c = rest.next().expect("a char opens here");
        let f = fold_char(c, rest.next());
        if f != c {
            out.push_str(&s[run..i]);
            out.push(f);
            run = i + c.len_utf8();
        }
        c.len_utf8()
    };
    if memchr::memchr2(0x0D, 0xC2, b).is_none() {
        // The usual text: the three lead bytes left are found by memchr.
        for i in memchr::memchr3_iter(0xE2, 0xE3, 0xEF, b) {
            fold_at(i, &mut out);
        }
    } else {
        let mut i = 0;
        while i < b.len() {
            if matches!(b[i], 0x0D | 0xC2 | 0xE2 | 0xE3 | 0xEF) {
                i += fold_at(i, &mut out);
            } else {
                i += 1;
            }
        }
    }
    out.push_str(&s[run..]);
    out
}

/// Whether the char is a CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// Normalize a decoded document text.
pub fn normalize(original: &str, converter: &Converter) -> Normalized {
    let simplified = converter.t2s_aligned(original);
    let mut han = 0usize;
    let mut changed = 0usize;
    // Text t2s left alone is simplified (no char changed): nothing to count.
    let pairs = (simplified != original).then(|| original.chars().zip(simplified.chars()));
    for (a, b) in pairs.into_iter().flatten() {
        if is_han(a) {
            han += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    let mut simplified = simplified;
    join_invisible_lines(&mut simplified);
    let mut text = fold_text(&simplified);
    let moved: Vec<Vec<Moved>> = [join_wrapped_lines(&mut text), pack_spaced_digits(&mut text)]
        .into_iter()
        .filter(|m| !m.is_empty())
        .collect();
    let ratio = if han == 0 {
        0.0
    } else {
        changed as f64 / han as f64
    };
    let script = if ratio > 0.15 {
        Script::Traditional
    } else if ratio > 0.02 {
        Script::Mixed
    } else {
        Script::Simplified
    };
    Normalized {
        text,
        script,
        moved,
    }
}

/// A wide (East Asian) char: CJK ideographs, kana, hangul and their punctuation.
pub fn is_wide(c: char) -> bool {
    (c as u32) >= 0x2E80
}

/// Display width of a line: wide chars count two columns.
fn width(line: &str) -> usize {
    line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// Whether a line ends a sentence or a cell (its break is a real one).
fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with([
        '。', ';', '；', '!', '！', '?', '？', ':', '：', ')', '）', '"', '”', '|', '」', '》',
    ])
}

/// The zero-width chars that web pages leave where an inline element stood.
const ZERO_WIDTH: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

fn is_zero_width(c: char) -> bool {
    ZERO_WIDTH.contains(&c)
}

/// A web page turned into text breaks a sentence where an inline element stood, leaving a line
/// of nothing but zero-width chars between its halves (国内生产总值达到74.4 / U+200B / 万亿元，增长
/// 6.7%). The breaks around such a line become spaces — the sentence is read as one — when
/// both lines around it hold text and the next does not open a paragraph (an indent or a
/// numbered heading's start is left to the breaks). The text keeps its length in chars and bytes.
pub fn join_invisible_lines(text: &mut String) {
    // Most texts hold none: a SIMD search for each char's bytes says so.
    let b = text.as_bytes();
    if !ZERO_WIDTH
        .iter()
        .any(|c| memchr::memmem::find(b, c.encode_utf8(&mut [0; 4]).as_bytes()).is_some())
    {
        return;
    }
    let lines = crate::document::line_spans(text);
    let mut joins = Vec::new();
    for k in 1..lines.len().saturating_sub(1) {
        let (a, b) = lines[k];
        let line = &text[a..b];
        if line.is_empty() || !line.chars().all(is_zero_width) {
            continue;
        }
        let (pa, pb) = lines[k - 1];
        let (na, nb) = lines[k + 1];
        let (prev, next) = (&text[pa..pb], &text[na..nb]);
        let indent = next.starts_with([' ', '\u{3000}', '\t']);
        if prev.trim().is_empty() || next.trim().is_empty() || indent || ends_sentence(prev) {
            continue;
        }
        // The break before the line (at its start - 1) and the one after it (at its end).
        joins.push(a - 1);
        joins.push(b);
    }
    if joins.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for b in joins {
        if bytes[b] == b'\n' {
            bytes[b] = b' ';
        }
    }
    *text = String::from_utf8(bytes).expect("one ASCII byte for another");
}

/// Text converted from a PDF keeps the page's line breaks: a paragraph wrapped at a fixed width
/// breaks inside sentences and names (…专精特\n新"小巨人"企业). When most lines that end
/// without punctuation are about one width (a full line: at least 30 columns, within 4 of the
/// commonest width, and more than two lines in five of the document), each break after such a
/// full line is turned into a space, unless the next line opens a numbered heading (一、, (一),
/// 1., 第…章): the paragraph is then read as one. A break inside a clause (between two chars
/// of which one is Chinese, or two digits: 不少\n于240小时, 3\n0项) would cut a word or a
/// number, so its space moves to the end of the clause, before its punctuation or the next
/// space (不少于240小时 的), the chars between moving one place back (returned as [`Moved`]).
/// The text keeps its length in chars and bytes.
pub fn join_wrapped_lines(text: &mut String) -> Vec<Moved> {
    let lines = crate::document::line_spans(text);
    if lines.len() < 10 {
        return Vec::new();
    }
    // The commonest width of the lines of eight chars or more that end without punctuation.
    let mut counts: std::collections::HashMap<usize, usize> = Default::default();
    let mut long_lines = 0usize;
    for &(a, b) in &lines {
        let l = text[a..b].trim_end();
        if l.chars().nth(7).is_none() {
            continue;
        }
        long_lines += 1;
        if !ends_sentence(l) {
            *counts.entry(width(l)).or_default() += 1;
        }
    }
    let Some((&mode, _)) = counts
        .iter()
        .max_by_key(|&(w, n)| (*n, std::cmp::Reverse(*w)))
    else {
        return Vec::new();
    };
    let near = |w: usize| w + 4 >= mode && w <= mode + 4;
    let full: usize = counts
        .iter()
        .filter(|(w, _)| near(**w))
        .map(|(_, n)| n)
        .sum();
    if mode < 30 || full * 5 <= long_lines * 2 {
        return Vec::new();
    }
    let opens_heading = |l: &str| {
        let t = l.trim_start();
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let cn = t
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        (cn > 0 && t.chars().nth(cn) == Some('、'))
            || (digits > 0 && matches!(t.chars().nth(digits), Some('.' | '、' | '．')))
            || t.starts_with('(')
                && t.chars()
                    .nth(1)
                    .is_some_and(|c| "一二三四五六七八九十".contains(c))
            || t.starts_with('第') && t.chars().take(6).any(|c| matches!(c, '章' | '节' | '条'))
    };
    let mut joins = Vec::new();
    for k in 0..lines.len() - 1 {
        let (a, b) = lines[k];
        let l = text[a..b].trim_end();
        let (na, nb) = lines[k + 1];
        let next = &text[na..nb];
        if !ends_sentence(l) && near(width(l)) && !next.trim().is_empty() && !opens_heading(next) {
            joins.push(b);
        }
    }
    // A '\n' and a space are one byte each: the text keeps its length.
    let mut bytes = std::mem::take(text).into_bytes();
    for &b in &joins {
        bytes[b] = b' ';
    }
    // Inside a clause, the space moves to the clause's end, with those of the joins it runs
    // over (a clause wrapped twice).
    let inner = |c: char| is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '%' | '.');
    // A clause ends at its punctuation (brackets and quotes are inside it).
    const CLAUSE_ENDS: &str = ",;:!?。、，；：！？";
    let joined: std::collections::HashSet<usize> = joins.iter().copied().collect();
    let mut groups: Vec<(Vec<usize>, usize)> = Vec::new();
    {
        let t = std::str::from_utf8(&bytes).expect("one ASCII byte for another");
        let cut = |b: usize| {
            let (x, y) = (t[..b].chars().next_back(), t[b + 1..].chars().next());
            x.zip(y).is_some_and(|(x, y)| {
                (is_han(x) && inner(y))
                    || (is_han(y) && inner(x))
                    || (x.is_ascii_digit() && y.is_ascii_digit())
            })
        };
        let mut next = 0;
        for &b in &joins {
            if b < next || !cut(b) {
                continue;
            }
            let mut group = vec![b];
            let mut stop = None;
            for (i, c) in t[b + 1..].char_indices() {
                let at = b + 1 + i;
                if at - group.last().expect("one") > 200 {
                    break;
                }
                if c == ' ' && joined.contains(&at) && cut(at) {
                    group.push(at);
                } else if c.is_whitespace() || CLAUSE_ENDS.contains(c) {
                    stop = Some(at);
                    break;
                }
            }
            match stop {
                Some(k) if k > group.last().expect("one") + 1 => {
                    next = k;
                    groups.push((group, k));
                }
                _ => {}
            }
        }
    }
    let mut moved = Vec::new();
    if groups.is_empty() {
        *text = String::from_utf8(bytes).expect("one ASCII byte for another");
        return moved;
    }
    let at = chars_at(
        std::str::from_utf8(&bytes).expect("one ASCII byte for another"),
        groups
            .iter()
            .flat_map(|(g, k)| g.iter().copied().chain([*k]))
            .collect::<Vec<_>>(),
    );
    let mut at = at.into_iter();
    for (group, k) in groups {
        let cs: Vec<usize> = group.iter().map(|_| at.next().expect("counted")).collect();
        let ck = at.next().expect("counted");
        let n = group.len();
        let b = group[0];
        let kept: Vec<u8> = (b..k)
            .filter(|i| !group.contains(i))
            .map(|i| bytes[i])
            .collect();
        bytes[b..k - n].copy_from_slice(&kept);
        bytes[k - n..k].fill(b' ');
        // The chars after the j-th break stand j places back; the spaces, at the end, were the
        // breaks.
        for j in 0..n {
            let from = cs[j] + 1;
            let to = cs.get(j + 1).copied().unwrap_or(ck);
            if to > from {
                moved.push(Moved {
                    start: from - (j + 1),
                    end: to - (j + 1),
                    by: j as isize + 1,
                });
            }
        }
        for (i, &c) in cs.iter().enumerate() {
            let now = ck - n + i;
            moved.push(Moved {
                start: now,
                end: now + 1,
                by: c as isize - now as isize,
            });
        }
    }
    *text = String::from_utf8(bytes).expect("a space moved among whole chars");
    moved
}

/// A fixed-width text that spaces every digit (粮食产量达到4 9 2 5 0 万吨, 1 9 9 7 年): a run of
/// three or more single digits joined by single spaces, with a wide char after it (and at most
/// one space before that; two digits need that space, 近1 0 万亿元), is written as one number right before that char, its spaces moved in
/// front (`     49250万吨`). The text keeps its length and every other char its place; a row of
/// one-digit cells (1 2 3 at a line's end) stays.
pub fn pack_spaced_digits(text: &mut String) -> Vec<Moved> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    // Runs open at a digit before a space and a digit; spaces are few, so they are found first.
    let opens = memchr::memchr_iter(b' ', b)
        .filter(|&j| {
            j > 0 && b[j - 1].is_ascii_digit() && b.get(j + 1).is_some_and(u8::is_ascii_digit)
        })
        .map(|j| j - 1);
    let mut next = 0;
    for i in opens {
        if i < next || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut digits = 1;
        while end + 1 < b.len() && b[end] == b' ' && b[end + 1].is_ascii_digit() {
            end += 2;
            digits += 1;
        }
        let before_wide = |at: usize| {
            text[at..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii() && c != '\u{3000}')
        };
        let single = end >= b.len() || !b[end].is_ascii_digit();
        if digits >= 2 && single {
            if before_wide(end) && digits >= 3 {
                runs.push((start, end));
            } else if b.get(end) == Some(&b' ') && before_wide(end + 1) {
                // (Two digits only so: a space after each, 近1 0 万亿元.)
                runs.push((start, end + 1));
            }
        }
        next = end.max(i + 1);
    }
    if runs.is_empty() {
        return Vec::new();
    }
    let at = chars_at(text, runs.iter().map(|r| r.0));
    let mut moved = Vec::new();
    let mut bytes = std::mem::take(text).into_bytes();
    for (&(start, end), c) in runs.iter().zip(at) {
        let was: Vec<u8> = bytes[start..end].to_vec();
        let digits: Vec<u8> = was.iter().copied().filter(u8::is_ascii_digit).collect();
        let pad = end - start - digits.len();
        bytes[start..start + pad].fill(b' ');
        bytes[start + pad..end].copy_from_slice(&digits);
        // One byte is one char here: the k-th space and the k-th digit, each where it was.
        let (mut spaces, mut figures) = (
            (0..was.len()).filter(|&i| was[i] == b' '),
            (0..was.len()).filter(|&i| was[i] != b' '),
        );
        for i in 0..was.len() {
            let from = if i < pad {
                spaces.next()
            } else {
                figures.next()
            };
            let from = from.expect("as many spaces and digits as before");
            if from != i {
                moved.push(Moved {
                    start: c + i,
                    end: c + i + 1,
                    by: from as isize - i as isize,
                });
            }
        }
    }
    *text = String::from_utf8(bytes).expect("ASCII bytes moved among ASCII bytes");
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of zero-width chars inside a sentence (a web page's inline element) joins its
    /// halves; one between paragraphs, or before an indented one, leaves the breaks alone.
    #[test]
    fn lines_of_zero_width_chars_inside_a_sentence_are_joined() {
        let mut text = String::from("国内生产总值达到74.4\n\u{200B}\n万亿元，增长6.7%。\n");
        let before = text.clone();
        join_invisible_lines(&mut text);
        assert_eq!(text.len(), before.len());
        assert_eq!(text, "国内生产总值达到74.4 \u{200B} 万亿元，增长6.7%。\n");
        assert_eq!(
            fold_text(&text),
            "国内生产总值达到74.4   万亿元,增长6.7%。\n"
        );
        for kept in [
            "一、总体要求。\n\u{200B}\n二、主要目标\n",
            "第一段\n\u{200B}\n\u{3000}\u{3000}第二段\n",
            "标题\n\n\u{200B}\n正文\n",
        ] {
            let mut t = kept.to_string();
            join_invisible_lines(&mut t);
            assert_eq!(t, kept);
        }
    }

    #[test]
    fn lines_wrapped_at_a_fixed_width_are_joined() {
        // Twelve lines cut at 20 wide chars, one heading, one line ending a sentence.
        let full = "一二三四五六七八九十一二三四五六七八九十";
        let mut text = String::from("二、主要目标\n");
        for _ in 0..12 {
            text.push_str(full);
            text.push('\n');
        }
        text.push_str("到此为止。\n三、重点任务\n");
        let before = text.clone();
        join_wrapped_lines(&mut text);
        assert_eq!(text.len(), before.len());
        let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        // The heading's break stays, the twelve full lines are joined into the next, the
        // sentence end and the heading before 三、 stay.
        assert_eq!(breaks.len(), 3, "{text}");
        assert!(text.starts_with("二、主要目标\n"));
        // (A break inside a clause moves to the clause's end: the twelve spaces before 。.)
        assert!(text.contains("九十一二"));
        let spaces = " ".repeat(12);
        assert!(text.ends_with(&format!("到此为止{spaces}。\n三、重点任务\n")));
        // Ordinary text, lines of every length, is left alone.
        let mut prose = String::new();
        for k in 0..12 {
            prose.push_str(&"字".repeat(8 + 3 * k));
            prose.push_str("。\n");
        }
        let kept = prose.clone();
        join_wrapped_lines(&mut prose);
        assert_eq!(prose, kept);
    }

    #[test]
    fn a_break_inside_a_clause_moves_to_its_end() {
        // Lines of 24 wide chars (the digits count as one each) that cut a word, a number and
        // a comparator; the map of moved chars points every char back to its place.
        let body = "全省粮食产量达到一千万吨。专业机构应于10个工作日内完成评审并报送。道路测试合计不少于240小时的里程数据。力争培育30项以上智能船舶国际标准。";
        let mut text = String::new();
        let chars: Vec<char> = body.repeat(4).chars().collect();
        for line in chars.chunks(24) {
            text.extend(line);
            text.push('\n');
        }
        let original = text.clone();
        let moved = join_wrapped_lines(&mut text);
        assert_eq!(text.len(), original.len());
        for word in ["10个工作日", "不少于240小时", "30项以上", "完成评审"] {
            assert_eq!(text.matches(word).count(), 4, "{word}: {text}");
        }
        let steps = vec![moved];
        let (o, n): (Vec<char>, Vec<char>) = (original.chars().collect(), text.chars().collect());
        let mut seen = std::collections::HashSet::new();
        for (c, &ch) in n.iter().enumerate() {
            let at = original_char(&steps, c);
            assert!(seen.insert(at), "char {c} mapped twice");
            if ch != ' ' {
                assert_eq!(o[at], ch, "char {c}");
            } else {
                assert!(matches!(o[at], ' ' | '\n'), "char {c}");
            }
        }
        // Spaced digits packed: each digit and space points back to where it was.
        let mut t = String::from("达到4 9 2 5 0 万吨");
        let steps = vec![pack_spaced_digits(&mut t)];
        let o: Vec<char> = "达到4 9 2 5 0 万吨".chars().collect();
        for (c, ch) in t.chars().enumerate() {
            assert_eq!(o[original_char(&steps, c)], ch, "{t} char {c}");
        }
    }

    #[test]
    fn folds_width_dashes_and_line_ends() {
        let conv = Converter::new().unwrap();
        let n = normalize("２０２５年达到９５％，１—２家～（注）\r\n下一行\r末", &conv);
        assert_eq!(n.text, "2025年达到95%,1-2家~(注) \n下一行\n末");
    }

    #[test]
    fn converts_traditional_char_for_char() {
        let conv = Converter::new().unwrap();
        let orig = "嬰兒和5歲以下兒童死亡率分別控制在5‰和6‰以下\n產後42天覆查率≥95%";
        let n = normalize(orig, &conv);
        assert_eq!(n.text.chars().count(), orig.chars().count());
        assert!(n
            .text
            .starts_with("婴儿和5岁以下儿童死亡率分别控制在5‰和6‰以下"));
        assert_eq!(n.script, Script::Traditional);
    }

    #[test]
    fn change_table_knows_traditional_chars() {
        let conv = Converter::new().unwrap();
        assert!(conv.may_change("孕產婦"));
        assert!(!conv.may_change("孕产妇死亡率控制在10/10万以下"));
    }

    #[test]
    fn simplified_text_is_left_alone() {
        let conv = Converter::new().unwrap();
        let s = "孕产妇死亡率控制在10/10万以下,指标完成情况";
        let n = normalize(s, &conv);
        assert_eq!(n.text, s);
        assert_eq!(n.script, Script::Simplified);
    }

    /// data/opencc/TSPhrases.txt is the phrase dictionary of the ferrous-opencc source cargo
    /// built. The source is found with `cargo metadata` limited to the host platform: cargo
    /// fetched exactly those crates to build this test, so the check needs neither the network
    /// nor the crates of other platforms (windows-sys, wasm-bindgen …) in the local registry.
    #[test]
    fn phrase_table_is_the_built_one() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let run = |args: &[&str]| {
            let out = std::process::Command::new(&cargo)
                .args(args)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .output()
                .expect("cargo runs");
            assert!(
                out.status.success(),
                "cargo {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        };
        let version = String::from_utf8(run(&["-vV"])).unwrap();
        let host = version
            .lines()
            .find_map(|l| l.strip_prefix("host: "))
            .expect("cargo -vV names the host");
        let meta = run(&[
            "metadata",
            "--offline",
            "--format-version",
            "1",
            "--filter-platform",
            host,
        ]);
        let meta: serde_json::Value = serde_json::from_slice(&meta).expect("metadata JSON");
        let manifest = meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "ferrous-opencc")
            .and_then(|p| p["manifest_path"].as_str())
            .expect("ferrous-opencc in the dependency graph")
            .to_string();
        let built = std::path::Path::new(&manifest)
            .parent()
            .unwrap()
            .join("assets/dictionaries/TSPhrases.txt");
        assert_eq!(std::fs::read_to_string(built).unwrap(), TS_PHRASES);
    }

    /// The one-pass converter gives what ferrous-opencc gives: on every phrase of the table in
    /// running text, on every BMP ideograph, and on mixed text.
    #[test]
    fn fast_path_agrees_with_opencc() {
        let conv = Converter::with_backend(Backend::Rust).unwrap();
        let fast = conv.fast.as_ref().unwrap();
        let mut samples: Vec<String> = TS_PHRASES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, _)| format!("我們{k}發展了{k}{k}。"))
            .collect();
        for (lo, hi) in [(0x3400u32, 0x4DBFu32), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)] {
            let chars: Vec<char> = (lo..=hi).filter_map(char::from_u32).collect();
            for chunk in chars.chunks(64) {
                samples.push(chunk.iter().collect());
            }
        }
        samples.push("嬰兒和5歲以下兒童死亡率分別控制在5‰和6‰以下,一目瞭然,反反覆覆".into());
        for s in &samples {
            assert_eq!(
                fast.convert(s).as_deref(),
                Some(conv.convert(s).as_str()),
                "{s}"
            );
        }
        assert_eq!(fast.convert("𠁞"), None);
        assert_eq!(conv.t2s_aligned("一是反覆研究\n二是"), "一是反复研究\n二是");
    }

    /// `first_change` is the char loop over the change table.
    #[test]
    fn first_change_is_the_char_loop() {
        let conv = Converter::new().unwrap();
        let pieces = [
            "a", "é", "「", "。", "孕", "產", "婦", "萬", "𠀀", "\n", "㐀", "々", "发", "發",
        ];
        let mut next = crate::words::tests::random(17);
        for _ in 0..3000 {
            let s: String = crate::words::tests::random_text(&mut next, &pieces, 10);
            for (from, _) in s.char_indices().chain([(s.len(), ' ')]) {
                let want = s[from..]
                    .char_indices()
                    .find(|&(_, c)| {
                        let i = c as usize;
                        i >= 0x10000 || (i >= 0x3400 && conv.changes[i / 64] & (1 << (i % 64)) != 0)
                    })
                    .map(|(i, _)| from + i);
                assert_eq!(conv.first_change(&s, from), want, "{s:?} from {from}");
            }
        }
    }

    /// `fold_text` is `fold_char` applied to every char with the char after it.
    #[test]
    fn fold_text_is_fold_char_over_the_text() {
        let pieces = [
            "２", "（", "）", "　", "\u{a0}", "\u{2003}", "—", "－", "～", "〜", "﹪", "\r", "\n",
            "\r\n", "a", "孕", "。", "、", "〔", "￥", "\u{2212}", "\u{223c}", "\u{2053}",
            "\u{fe58}", "€", "é",
        ];
        let mut next = crate::words::tests::random(11);
        for _ in 0..3000 {
            let s: String = crate::words::tests::random_text(&mut next, &pieces, 10);
            let mut want = String::new();
            let mut it = s.chars().peekable();
            while let Some(c) = it.next() {
                want.push(fold_char(c, it.peek().copied()));
            }
            assert_eq!(fold_text(&s), want, "{s:?}");
        }
    }

    #[test]
    fn spaced_digits_are_packed_in_place() {
        let pack = |s: &str| {
            let mut t = s.to_string();
            pack_spaced_digits(&mut t);
            assert_eq!(t.len(), s.len(), "{s}");
            t
        };
        assert_eq!(pack("达到4 9 2 5 0 万吨"), "达到     49250万吨");
        assert_eq!(pack("1 9 9 7 年粮食"), "    1997年粮食");
        assert_eq!(pack("近1 0 万亿元"), "近  10万亿元");
        assert_eq!(pack("第1 2章"), "第1 2章");
        assert_eq!(
            pack("增长1 1 %"),
            "增长1 1 %",
            "read as spaced before a percent sign"
        );
        // A row of one-digit cells; a run after a longer number is its own.
        assert_eq!(pack("序号 1 2 3\n"), "序号 1 2 3\n");
        assert_eq!(
            pack("2024 1 2 3 年"),
            "2024    123年",
            "a run after a space is its own"
        );
    }
}
