//! Layout: lines, sentences and clauses of a normalized document; numbered headings and the
//! time they give their section; tables flattened one cell per line and where they start.

use crate::words::WordList;

/// A byte range of the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Sentence ends: a time expression's scope and a target's list stop at these.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?' | '\n' | '|' | '\t')
}

/// Clause ends inside a sentence.
pub fn is_clause_end(c: char) -> bool {
    matches!(c, ',' | ':' | '，' | '：') || is_sentence_end(c)
}

/// Split `text[span]` into sentences (trimmed, non-empty).
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    let bytes = &text.as_bytes()[span.start..span.end];
    // The sentence ends are one byte each, but 。, whose first byte is 0xE3.
    for i in bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| END_BYTE[b as usize])
        .map(|(i, _)| i)
    {
        let at = span.start + i;
        let c = text[at..].chars().next().expect("char");
        if is_sentence_end(c) {
            push_trimmed(text, &mut out, start, at);
            start = at + c.len_utf8();
        }
    }
    push_trimmed(text, &mut out, start, span.end);
    out
}

/// The bytes that can open a sentence end (see [`is_sentence_end`]).
const END_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let ends = b";!?\n|\t";
    while k < ends.len() {
        t[ends[k] as usize] = true;
        k += 1;
    }
    t[0xE3] = true;
    t
};

fn push_trimmed(text: &str, out: &mut Vec<Span>, mut s: usize, mut e: usize) {
    while s < e && text[s..e].starts_with([' ', '\u{3000}']) {
        s += 1;
    }
    while e > s && text[s..e].ends_with(' ') {
        e -= 1;
    }
    if s < e {
        out.push(Span { start: s, end: e });
    }
}

/// Heading levels: 1 for 一、…, 2 for (一)…, 3 for a period heading (第一季度:).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Chapter,
    Section,
    Period,
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// The heading kind of a line, if it is one: a short numbered line without a full stop
/// (二、2019年工作安排; (一)总体目标) or a line opening with a period and a colon (第一季度:…).
pub fn heading(line: &str, period_words: &WordList) -> Option<Heading> {
    let t = line.trim_start_matches([' ', '\u{3000}', '\t']);
    if period_words
        .prefixes(t)
        .any(|w| t[w.len()..].starts_with([':', '：']))
    {
        return Some(Heading::Period);
    }
    // At most 40 chars and no full stop (read only when a numbering is found).
    let short = || t.chars().nth(40).is_none() && !t.contains('。');
    // Bytes of the Chinese numerals `s` opens with.
    let numerals = |s: &str| -> usize {
        s.chars()
            .take_while(|c| CN_DIGITS.contains(*c))
            .map(char::len_utf8)
            .sum()
    };
    let lead = numerals(t);
    if lead > 0 && t[lead..].starts_with('、') && short() {
        return Some(Heading::Chapter);
    }
    if let Some(rest) = t.strip_prefix('(') {
        let inner = numerals(rest);
        if inner > 0 && rest[inner..].starts_with(')') && short() {
            return Some(Heading::Section);
        }
    }
    if let Some(after) = t.strip_prefix('第') {
        let inner = numerals(after);
        let rest = &after[inner..];
        if inner > 0
            && (rest.starts_with('章') || rest.starts_with("部分") || rest.starts_with('节'))
            && short()
        {
            return Some(Heading::Chapter);
        }
    }
    None
}

/// Where an appended table begins: the first line that is a table header cell ("序号 |") or
/// an attachment heading ("附件") followed by one; None when there is no such table.
pub fn table_start(lines: &[(usize, usize)], text: &str) -> Option<usize> {
    for (k, &(s, e)) in lines.iter().enumerate() {
        let l = text[s..e].trim();
        if (l.starts_with("序号") && (l.ends_with('|') || l.contains('\t')))
            || (l == "序号" && k + 1 < lines.len())
        {
            // Start from the attachment heading just above, if there is one.
            let mut start = k;
            for j in (k.saturating_sub(4)..k).rev() {
                let (a, b) = lines[j];
                if text[a..b].trim_start().starts_with("附件") {
                    start = j;
                }
            }
            return Some(lines[start].0);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_end_opens_with_a_marked_byte() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_sentence_end(c) {
                let mut b = [0; 4];
                assert!(
                    END_BYTE[c.encode_utf8(&mut b).as_bytes()[0] as usize],
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn sentences_split_on_stops_and_cells() {
        let t = "一是加强。二是落实;三是 |\n四";
        let s: Vec<&str> = sentences(
            t,
            Span {
                start: 0,
                end: t.len(),
            },
        )
        .iter()
        .map(|s| &t[s.start..s.end])
        .collect();
        assert_eq!(s, vec!["一是加强", "二是落实", "三是", "四"]);
    }

    #[test]
    fn headings() {
        let p = WordList::new(vec!["第一季度".into(), "第四季度".into()]);
        assert_eq!(heading("  二、2019年工作安排", &p), Some(Heading::Chapter));
        assert_eq!(heading("(一)总体目标", &p), Some(Heading::Section));
        assert_eq!(heading("第四季度:", &p), Some(Heading::Period));
        assert_eq!(
            heading("第一季度:落实产、儿科床位建设任务", &p),
            Some(Heading::Period)
        );
        assert_eq!(heading("1.完善疾病预防控制体系。加快建设", &p), None);
        assert_eq!(
            heading("一、党建引领,推进妇幼健康事业高质量发展", &p),
            Some(Heading::Chapter)
        );
    }

    #[test]
    fn table_start_found_at_attachment() {
        let t = "正文。\n附件\n清单\n序号 |\n重点项目 |\n1 |";
        let mut lines = Vec::new();
        let mut s = 0;
        for l in t.split('\n') {
            lines.push((s, s + l.len()));
            s += l.len() + 1;
        }
        assert_eq!(table_start(&lines, t), Some(t.find("附件").unwrap()));
    }
}
