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
    let bytes = &text.as_bytes()[..span.end];
    let mut from = span.start;
    while let Some(at) = next_sentence_end(bytes, from) {
        push_trimmed(text, &mut out, start, at);
        start = at
            + if bytes[at] == 0xE3 {
                '。'.len_utf8()
            } else {
                1
            };
        from = start;
    }
    push_trimmed(text, &mut out, start, span.end);
    out
}

/// The bytes that open a sentence end (see [`is_sentence_end`]); 0xE3 opens 。 (E3 80 82) and
/// other chars.
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

/// The offset of the first sentence end at or after `from` in `b` (UTF-8, `from` at a char).
fn next_sentence_end(b: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    let from = sse2::skip_to_candidate(b, from);
    let mut i = from;
    while i < b.len() {
        if END_BYTE[b[i] as usize] && (b[i] != 0xE3 || b[i..].starts_with("。".as_bytes())) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Sixteen bytes at a time (SSE2 is part of every x86-64 processor).
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// The first offset at or after `from` that may start a sentence end: a byte of `;!?\n|\t`
    /// or the 。 sequence E3 80 82. Stops short of the last two bytes, where the scalar loop
    /// takes over.
    pub fn skip_to_candidate(b: &[u8], from: usize) -> usize {
        let mut i = from;
        // SAFETY: SSE2 is always present on x86-64; every load reads b[i..i + 18], which the
        // loop condition keeps inside `b`.
        unsafe {
            let one = |c: u8| _mm_set1_epi8(c as i8);
            let (semi, bang, ques, nl, bar, tab) = (
                one(b';'),
                one(b'!'),
                one(b'?'),
                one(b'\n'),
                one(b'|'),
                one(b'\t'),
            );
            let (e3, x80, x82) = (one(0xE3), one(0x80), one(0x82));
            while i + 18 <= b.len() {
                let p = b.as_ptr().add(i);
                let v = _mm_loadu_si128(p as *const __m128i);
                let v1 = _mm_loadu_si128(p.add(1) as *const __m128i);
                let v2 = _mm_loadu_si128(p.add(2) as *const __m128i);
                let single = _mm_or_si128(
                    _mm_or_si128(
                        _mm_or_si128(_mm_cmpeq_epi8(v, semi), _mm_cmpeq_epi8(v, bang)),
                        _mm_or_si128(_mm_cmpeq_epi8(v, ques), _mm_cmpeq_epi8(v, nl)),
                    ),
                    _mm_or_si128(_mm_cmpeq_epi8(v, bar), _mm_cmpeq_epi8(v, tab)),
                );
                let full_stop = _mm_and_si128(
                    _mm_cmpeq_epi8(v, e3),
                    _mm_and_si128(_mm_cmpeq_epi8(v1, x80), _mm_cmpeq_epi8(v2, x82)),
                );
                let mask = _mm_movemask_epi8(_mm_or_si128(single, full_stop));
                if mask != 0 {
                    return i + mask.trailing_zeros() as usize;
                }
                i += 16;
            }
        }
        i
    }
}

fn push_trimmed(text: &str, out: &mut Vec<Span>, mut s: usize, mut e: usize) {
    while let Some(c) = text[s..e]
        .chars()
        .next()
        .filter(|&c| c == ' ' || c == '\u{3000}')
    {
        s += c.len_utf8();
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

/// Where a paragraph's own words start: after leading spaces, a list ordinal ((一), 一、, 1.,
/// 1、, (1), 一是, 第一,) and a short label closed by a full stop or colon (发展目标。, 主要目标:).
/// A time expression that starts there opens the paragraph and sets its time for what follows.
pub fn opening(line: &str) -> usize {
    let t = line.trim_start_matches([' ', '\u{3000}', '\t']);
    let mut at = line.len() - t.len();
    let rest = &line[at..];
    let run = |s: &str, digits: &dyn Fn(char) -> bool| -> usize {
        s.chars()
            .take_while(|&c| digits(c))
            .map(char::len_utf8)
            .sum()
    };
    let cn = |c: char| CN_DIGITS.contains(c);
    let ar = |c: char| c.is_ascii_digit();
    let ordinal = if let Some(inner) = rest.strip_prefix('(') {
        let n = run(inner, &cn).max(run(inner, &ar));
        (n > 0 && inner[n..].starts_with(')')).then(|| 1 + n + 1)
    } else if let Some(inner) = rest.strip_prefix('第') {
        let n = run(inner, &cn);
        let after = &inner[n..];
        (n > 0 && after.starts_with([',', '，', '是']))
            .then(|| '第'.len_utf8() + n + after.chars().next().map_or(0, char::len_utf8))
    } else {
        let n = run(rest, &cn).max(run(rest, &ar));
        let after = &rest[n..];
        (n > 0 && after.starts_with(['、', '.', '是', '．']))
            .then(|| n + after.chars().next().map_or(0, char::len_utf8))
    };
    if let Some(n) = ordinal {
        at += n;
    }
    // A label: at most twelve chars without a digit, closed by 。 or a colon.
    let body = &line[at..];
    if let Some((i, c)) = body
        .char_indices()
        .take(13)
        .find(|&(_, c)| matches!(c, '。' | ':' | '：' | ',' | '，' | ';'))
    {
        let label = &body[..i];
        if matches!(c, '。' | ':' | '：')
            && !label.is_empty()
            && !label
                .chars()
                .any(|c| c.is_ascii_digit() || CN_DIGITS.contains(c) || c == '年')
        {
            at += i + c.len_utf8();
        }
    }
    at
}

/// The text before a verb of one or two chars at the end of `s` (至少**保存**, 只能**担任**),
/// with the verb's length in bytes: what a comparator word may stand before. A cut stops at a
/// char that is not Han, and never takes 的.
pub fn before_short_verb(s: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut cut = 0;
    s.chars().rev().take(2).map_while(move |c| {
        if !crate::normalize::is_han(c) || c == '的' {
            return None;
        }
        cut += c.len_utf8();
        Some((&s[..s.len() - cut], cut))
    })
}

/// The text before a year that ends `s` (提高到**2021年的**, 增长到**2021年**, 达到**2025年底**):
/// a year written in four digits (ASCII or Chinese), with 底 or 末 and 的 after it. None when `s` ends otherwise.
/// A word of `times` (去年, 现在), when given, stands for the year too.
pub fn before_year<'s>(s: &'s str, times: Option<&WordList>) -> Option<&'s str> {
    let t = s.strip_suffix('的').unwrap_or(s);
    let t = t.strip_suffix(['底', '末']).unwrap_or(t);
    if let Some(w) = times.and_then(|w| w.first_suffix(t)) {
        return Some(&t[..t.len() - w.len()]);
    }
    let t = t.strip_suffix('年')?;
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 4 {
        return Some(&t[..t.len() - 4]);
    }
    // 由一九七八年的
    let han = t.trim_end_matches(|c: char| "〇零一二三四五六七八九".contains(c));
    (t[han.len()..].chars().count() == 4).then_some(han)
}

/// The end of the last time of scope inside `s` (提出**到2025年**济南市…, 力争**至2030年底**): 到
/// or 至 before a year of four digits, with 底, 末 or 前 after it.
pub fn scope_time_end(s: &str) -> Option<usize> {
    let mut out = None;
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in s.char_indices() {
        // Not 截至 (an as-of date) nor the 到 of a range (1979到1983年).
        if (c != '到' && c != '至')
            || s[..i].ends_with('截')
            || s[..i].ends_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let rest = &s[i + c.len_utf8()..];
        if digits(rest) != 4 {
            continue;
        }
        let Some(mut after) = rest[4..].strip_prefix('年') else {
            continue;
        };
        // 到2025年6月底
        let n = digits(after);
        if (1..=2).contains(&n) && after[n..].starts_with('月') {
            after = &after[n + '月'.len_utf8()..];
        }
        let tail = after.len() - after.trim_start_matches(['底', '末', '前']).len();
        out = Some(s.len() - after.len() + tail);
    }
    out
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

/// Does `clause` hold the perfective 了 (新增了228个, 提出了办理意见): a report of what was done?
/// A 了 inside one of `not_perfective` (为了, 了解, 除了) is not one.
pub fn perfective(clause: &str, not_perfective: &[String]) -> bool {
    clause.match_indices('了').any(|(i, _)| {
        !not_perfective.iter().any(|w| {
            let (pre, post) = w.split_at(w.find('了').unwrap_or(0));
            clause[..i].ends_with(pre) && clause[i..].starts_with(post)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_of_scope_inside() {
        let s = "提出到2025年济南市数字经济规模";
        assert_eq!(&s[scope_time_end(s).unwrap()..], "济南市数字经济规模");
        let s = "力争至2030年底前的比重";
        assert_eq!(&s[scope_time_end(s).unwrap()..], "的比重");
        assert_eq!(scope_time_end("比2019年商用初期"), None);
        assert_eq!(scope_time_end("到205年"), None);
        let s = "到2025年6月底前全市覆盖率";
        assert_eq!(&s[scope_time_end(s).unwrap()..], "全市覆盖率");
        assert_eq!(scope_time_end("截至2022年10月底已有"), None);
        assert_eq!(scope_time_end("1979到1983年平均每年递增率"), None);
    }

    #[test]
    fn year_at_the_end() {
        let times = WordList::longest_first(vec!["去年".to_string(), "现在".to_string()]);
        let before_year = |s| before_year(s, Some(&times));
        assert_eq!(before_year("提高到2021年的"), Some("提高到"));
        assert_eq!(before_year("增长到2021年"), Some("增长到"));
        assert_eq!(before_year("达到2025年底"), Some("达到"));
        assert_eq!(before_year("降到去年底的"), Some("降到"));
        assert_eq!(before_year("减少到现在的"), Some("减少到"));
        assert_eq!(before_year("达到21年"), None);
        assert_eq!(before_year("达到12021年"), None);
        assert_eq!(before_year("由一九七八年的"), Some("由"));
        assert_eq!(before_year("由九七八年的"), None);
        assert_eq!(before_year("提高到"), None);
    }

    /// The sentences the char loop gives, on random text (long enough for the 16-byte steps).
    #[test]
    fn sentences_are_those_of_the_char_loop() {
        let reference = |text: &str, span: Span| {
            let mut out = Vec::new();
            let mut start = span.start;
            for (i, c) in text[span.start..span.end].char_indices() {
                if is_sentence_end(c) {
                    push_trimmed(text, &mut out, start, span.start + i);
                    start = span.start + i + c.len_utf8();
                }
            }
            push_trimmed(text, &mut out, start, span.end);
            out
        };
        let pieces = [
            "。",
            "、",
            "《",
            "》",
            "\u{3000}",
            "目标",
            "a",
            " ",
            ";",
            "!",
            "?",
            "\n",
            "|",
            "\t",
            "2025",
            "。。",
            "ぁ",
            "〇",
            "\u{3400}",
            "€",
            "𠀀",
            "率",
            "\u{3002}\u{3001}",
        ];
        let mut next = crate::words::tests::random(17);
        for _ in 0..20000 {
            let text: String = crate::words::tests::random_text(&mut next, &pieces, 40);
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let a = bounds[next() % bounds.len()];
            let b = bounds[next() % bounds.len()];
            let span = Span {
                start: a.min(b),
                end: a.max(b),
            };
            assert_eq!(
                sentences(&text, span),
                reference(&text, span),
                "{text:?} {span:?}"
            );
        }
    }

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
    fn short_verbs_before_the_end() {
        let cuts: Vec<(&str, usize)> = before_short_verb("数据至少保存").collect();
        assert_eq!(cuts, vec![("数据至少保", 3), ("数据至少", 6)]);
        assert_eq!(before_short_verb("增加最多的").count(), 0);
        assert_eq!(before_short_verb("最多的一").count(), 1);
        assert_eq!(before_short_verb("达到5").count(), 0);
    }

    #[test]
    fn opening_skips_ordinals_and_labels() {
        fn at(l: &str) -> &str {
            &l[opening(l)..]
        }
        assert_eq!(at("　　(二)发展目标。到2026年,全市"), "到2026年,全市");
        assert_eq!(at("到2025年,全国农作物"), "到2025年,全国农作物");
        assert_eq!(
            at("今年经济社会发展的主要预期目标是:"),
            "今年经济社会发展的主要预期目标是:"
        );
        assert_eq!(at("1.主要目标:2025年底前"), "2025年底前");
        assert_eq!(at("一是到2027年,建成"), "到2027年,建成");
        assert_eq!(at("第一,2024年"), "2024年");
        assert_eq!(at("(3)新建学校5所。"), "新建学校5所。");
        // A clause with a number or a year is not a label.
        assert_eq!(at("2025年底前:完成"), "2025年底前:完成");
        assert_eq!(at("新增床位100张。"), "新增床位100张。");
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
