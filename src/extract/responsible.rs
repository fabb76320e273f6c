//! Responsible units: brackets such as (责任单位:…), 〔牵头科室:…,配合单位:…〕 or (…负责), split into
//! unit names (asides dropped, elided head nouns filled), and explicit subjects (各社区居委会要…).

use crate::patterns::Patterns;
use crate::words::WordList;

/// The units one bracket names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitList {
    pub units: Vec<String>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
}

impl UnitList {
    fn push(&mut self, name: String, role: &str) {
        if name.is_empty() || self.units.contains(&name) {
            return;
        }
        match role {
            "lead" => self.lead.push(name.clone()),
            "support" => self.support.push(name.clone()),
            _ => {}
        }
        self.units.push(name);
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// A responsible-unit bracket found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Bracket {
    /// Byte range of the whole bracket in the normalized text.
    pub start: usize,
    pub end: usize,
    pub list: UnitList,
}

pub struct UnitReader {
    markers: Vec<(String, String)>,
    /// The words that end an explicit subject (负责, 牵头 …), each as a prebuilt searcher, and
    /// the longest of them in chars.
    subject_end: Vec<memchr::memmem::Finder<'static>>,
    subject_end_chars: usize,
    heads: Vec<String>,
    /// What names look like (lexicon lists `unit_aside`, `org_end`).
    names: NameRules,
    /// Words by which the issuer names itself (lexicon list `self_unit`).
    self_units: Vec<String>,
}

/// The longest explicit subject of a sentence, in chars.
const SUBJECT_MAX_CHARS: usize = 40;

const OPEN: &[char] = &['(', '〔', '[', '【', '（'];
const CLOSE: &[char] = &[')', '〕', ']', '】', '）'];

impl UnitReader {
    pub fn new(p: &Patterns) -> UnitReader {
        let mut markers: Vec<(String, String)> = p
            .pairs("unit_marker")
            .into_iter()
            .map(|(w, v)| (w.to_string(), v.to_string()))
            .collect();
        markers.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        let mut heads = p.words("head");
        heads.sort_by_key(|b| std::cmp::Reverse(b.len()));
        let subject_end = p.list("subject_end");
        UnitReader {
            markers,
            subject_end_chars: subject_end
                .iter()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0),
            subject_end: crate::words::finders(subject_end),
            heads,
            names: NameRules::new(p),
            self_units: p.words("self_unit"),
        }
    }

    /// Whether `name` is the issuer naming itself (我局, 本委).
    pub fn is_self_reference(&self, name: &str) -> bool {
        self.self_units.iter().any(|w| w == name)
    }

    /// Every responsible-unit bracket of `text`, in order; they do not overlap (a bracket inside
    /// one already taken is skipped).
    pub fn brackets(&self, text: &str) -> Vec<Bracket> {
        let mut out: Vec<Bracket> = Vec::new();
        for (i, c) in opening_brackets(text) {
            if out.last().is_some_and(|b| i < b.end) {
                continue;
            }
            let inner_start = i + c.len_utf8();
            let Some(end) = matching_close(text, i) else {
                continue;
            };
            let inner_raw = &text[inner_start..end - close_len(text, end)];
            let joined;
            let inner = if inner_raw.contains('\n') {
                joined = inner_raw.replace(['\n', '\r'], "").trim().to_string();
                joined.as_str()
            } else {
                inner_raw
            };
            let list = if self
                .markers
                .iter()
                .any(|(m, _)| inner.trim_start().starts_with(m.as_str()))
            {
                self.parse_labelled(inner)
            } else if let Some(body) = inner.strip_suffix("负责") {
                // (省发展改革委、省科技厅按职责分工负责)
                let mut body = body;
                for w in [
                    "按照职责分工",
                    "按职责分工",
                    "按职责",
                    "分工",
                    "共同",
                    "分别",
                    "牵头",
                ] {
                    body = body.strip_suffix(w).unwrap_or(body);
                }
                // (区卫健委、区财政局负责)
                if body.chars().count() > 40 || body.contains([',', '。', ';']) {
                    continue;
                }
                let mut l = UnitList::default();
                for n in split_names(body, &self.names) {
                    l.push(n, "any");
                }
                l
            } else {
                continue;
            };
            if !list.is_empty() {
                out.push(Bracket {
                    start: i,
                    end,
                    list,
                });
            }
        }
        out
    }

    fn parse_labelled(&self, inner: &str) -> UnitList {
        // Cut into (role, names) at each label.
        let mut segments: Vec<(String, usize, usize)> = Vec::new();
        let mut i = 0;
        let bytes = inner.len();
        while i < bytes {
            let rest = &inner[i..];
            let found = self.markers.iter().find(|(m, _)| {
                rest.starts_with(m.as_str())
                    && rest[m.len()..].trim_start().starts_with([':', '：'])
            });
            if let Some((m, role)) = found {
                let after = i + m.len();
                let colon = inner[after..]
                    .find([':', '：'])
                    .map(|x| after + x)
                    .unwrap_or(after);
                let body = colon
                    + inner[colon..]
                        .chars()
                        .next()
                        .map(|c| c.len_utf8())
                        .unwrap_or(0);
                if let Some(last) = segments.last_mut() {
                    last.2 = i;
                }
                segments.push((role.clone(), body, bytes));
                i = body;
            } else {
                i += rest.chars().next().map(|c| c.len_utf8()).unwrap_or(1);
            }
        }
        let mut list = UnitList::default();
        for (role, s, e) in segments {
            let body = inner[s..e].trim_end_matches([',', ';', '，', '；', ' ', '。']);
            for n in split_names(body, &self.names) {
                list.push(n, &role);
            }
        }
        list
    }

    /// An explicit subject at the start of a sentence: "各社区居委会、卫生服务站要…" →
    /// ["各社区居委会", "卫生服务站"].
    pub fn subject(&self, sentence: &str) -> Vec<String> {
        let s = strip_enumerator(sentence);
        // A subject has at most 40 chars (41 with 由): an end word that starts later gives
        // none, so only the words starting within the first 42 chars are looked for.
        let longest = self.subject_end_chars;
        let window = &s[..s
            .char_indices()
            .nth(SUBJECT_MAX_CHARS + 2 + longest)
            .map_or(s.len(), |(b, _)| b)];
        let cut = self
            .subject_end
            .iter()
            .filter_map(|f| f.find(window.as_bytes()))
            .min();
        let Some(i) = cut else { return Vec::new() };
        let subj = &s[..i];
        let subj = subj.strip_prefix('由').unwrap_or(subj);
        if subj.is_empty()
            || subj.chars().count() > SUBJECT_MAX_CHARS
            || subj.contains([',', ':', '。', ';', '“'])
        {
            return Vec::new();
        }
        let names = split_names(subj, &self.names);
        if names.is_empty() || !names.iter().all(|n| self.names.looks_like_org(n)) {
            return Vec::new();
        }
        names
    }

    /// Fill an elided head noun in a list of names or indicator items:
    /// ["市直", "驻南医疗保健机构"] → ["市直医疗保健机构", "驻南医疗保健机构"];
    /// ["产", "儿科平均床位数"] → ["产科平均床位数", ...]; ["孕产妇", "婴儿死亡率"] →
    /// ["孕产妇死亡率", "婴儿死亡率"].
    pub fn fill_heads(&self, items: &[String]) -> Vec<String> {
        let heads = &self.heads;
        fill_heads(items, heads, &|s: &str| {
            heads.iter().any(|h| s.ends_with(h.as_str()))
        })
    }
}

/// See [`UnitReader::fill_heads`].
pub fn fill_heads(
    items: &[String],
    heads: &[String],
    complete: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let n = items.len();
    if n < 2 {
        return items.to_vec();
    }
    let last = &items[n - 1];
    let last_len = last.chars().count();
    let mut out = Vec::with_capacity(n);
    for (k, it) in items[..n - 1].iter().enumerate() {
        let len = it.chars().count();
        let sibling = items[k + 1..n - 1]
            .last()
            .map(|s| s.chars().count())
            .unwrap_or(len);
        // Only a short item before a much longer last one shares its head (市直、驻南医疗保健机构;
        // 文化及相关产业、旅游及相关产业增加值占地区生产总值比重).
        if len >= last_len.saturating_sub(1)
            || (len > 6 && last_len < len + 6)
            || len > 12
            || complete(it)
        {
            out.push(it.clone());
            continue;
        }
        let filled = if len == 1 {
            let tail: String = last.chars().skip(1).collect();
            format!("{it}{tail}")
        } else if let Some(h) = heads.iter().find(|h| {
            last.ends_with(h.as_str()) && !it.ends_with(h.as_str()) && h.chars().count() >= 2
        }) {
            format!("{it}{h}")
        } else {
            let cut = sibling.min(last_len - 1);
            let tail: String = last.chars().skip(cut).collect();
            format!("{it}{tail}")
        };
        out.push(filled);
    }
    out.push(last.clone());
    out
}

/// The opening brackets of `text` with their byte offsets, in order. `(` and `[` are found by
/// memchr, and so are the 0xE3 lead bytes of 〔 and 【; a text holding a 0xEF byte (（ and other
/// full-width forms) is read char by char.
fn opening_brackets(text: &str) -> Box<dyn Iterator<Item = (usize, char)> + '_> {
    let bytes = text.as_bytes();
    if memchr::memchr(0xEF, bytes).is_some() {
        return Box::new(text.char_indices().filter(|(_, c)| OPEN.contains(c)));
    }
    Box::new(
        memchr::memchr3_iter(b'(', b'[', 0xE3, bytes)
            .filter_map(|i| text[i..].chars().next().map(|c| (i, c)))
            .filter(|(_, c)| OPEN.contains(c)),
    )
}

fn close_len(text: &str, end: usize) -> usize {
    text[..end]
        .chars()
        .next_back()
        .map(|c| c.len_utf8())
        .unwrap_or(1)
}

/// How many chars a bracket of responsible units may span: far more than any list of units, and
/// a bound that keeps a line of thousands of nested brackets linear.
const BRACKET_REACH: usize = 600;

/// Byte offset just past the bracket that closes the one opening at `open`, counting nesting
/// across bracket kinds; None if it is not closed on the same line or, for a bracket wrapped by a
/// line break, on the next one within 120 chars, or not within [`BRACKET_REACH`] chars.
fn matching_close(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut breaks = 0;
    for (n, (i, c)) in text[open..].char_indices().enumerate() {
        if n > BRACKET_REACH {
            return None;
        }
        // A bracket may be wrapped once by a scraped line break, not run on for lines.
        if c == '\n' {
            breaks += 1;
            if breaks > 1 || n > 120 {
                return None;
            }
        }
        if OPEN.contains(&c) {
            depth += 1;
        } else if CLOSE.contains(&c) {
            depth -= 1;
            if depth == 0 {
                return Some(open + i + c.len_utf8());
            }
        }
    }
    None
}

fn strip_enumerator(s: &str) -> &str {
    let t = s.trim_start();
    let mut chars = t.char_indices().peekable();
    // (1) ⑴ 1. 1、 一、 (一)
    if let Some((_, c)) = chars.peek().copied() {
        if ('\u{2474}'..='\u{2487}').contains(&c) || ('\u{2460}'..='\u{2473}').contains(&c) {
            return &t[c.len_utf8()..];
        }
    }
    let digits_or_cn = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if let Some(rest) = t.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            if close <= 9 && rest[..close].chars().all(digits_or_cn) {
                return &rest[close + 1..];
            }
        }
    }
    let lead: usize = t
        .chars()
        .take_while(|c| digits_or_cn(*c))
        .map(|c| c.len_utf8())
        .sum();
    if lead > 0 && lead <= 9 {
        let rest = &t[lead..];
        for sep in ['.', '、', ',', ' '] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
    }
    t
}

/// Split a list of unit names on 、 , ; and spaces outside brackets, dropping asides inside
/// brackets (〔含街道、开发区〕: a bracket opening with a `unit_aside` word) and filling elided head
/// nouns.
pub fn split_names(body: &str, rules: &NameRules) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    let mut bracket_buf = String::new();
    for c in body.chars() {
        if OPEN.contains(&c) {
            depth += 1;
            if depth == 1 {
                bracket_buf.clear();
            }
            bracket_buf.push(c);
            continue;
        }
        if depth > 0 {
            if CLOSE.contains(&c) {
                depth -= 1;
                bracket_buf.push(c);
                if depth == 0 {
                    let inner: String = bracket_buf
                        .chars()
                        .skip(1)
                        .take(bracket_buf.chars().count().saturating_sub(2))
                        .collect();
                    if !rules.asides.iter().any(|a| inner.starts_with(a.as_str())) {
                        cur.push_str(&bracket_buf);
                    }
                }
            } else {
                bracket_buf.push(c);
            }
            continue;
        }
        if matches!(c, '、' | ',' | ';' | '，' | '；' | ' ' | '\u{3000}') {
            let t = cur.trim().to_string();
            if !t.is_empty() {
                names.push(t);
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    let t = cur.trim().to_string();
    if !t.is_empty() {
        names.push(t);
    }
    let names: Vec<String> = names
        .into_iter()
        .map(|n| n.trim_end_matches(['等', '。']).to_string())
        .filter(|n| !n.is_empty())
        .collect();
    // Elided heads: only fill short leading items before a longer last one.
    fill_heads(&names, &[], &|n: &str| rules.looks_like_org(n))
}

/// Word lists for reading unit names, from the lexicon.
pub struct NameRules {
    /// Words that open an aside inside a bracket of a name (`unit_aside`).
    asides: Vec<String>,
    /// Endings of an organization's name or of a group of them (`org_end`).
    org_ends: WordList,
    /// Head nouns that end an organization's name inside longer text (`org_head`).
    org_heads: Vec<String>,
}

impl NameRules {
    pub fn new(p: &Patterns) -> NameRules {
        NameRules {
            asides: p.words("unit_aside"),
            org_ends: WordList::new(p.words("org_end")),
            org_heads: p.words("org_head"),
        }
    }

    /// The end of the first organization's name in `s`: the earliest end of an `org_head` word
    /// (区中医医院省级临床重点专科… → after 医院).
    pub fn first_org_end(&self, s: &str) -> Option<usize> {
        (self.org_heads.iter())
            .filter_map(|h| s.find(h.as_str()).map(|p| p + h.len()))
            .min()
    }

    /// Whether a name looks like an organization or a group of them.
    pub fn looks_like_org(&self, name: &str) -> bool {
        self.org_ends.suffix_of(name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> UnitReader {
        UnitReader::new(&Patterns::embedded().unwrap())
    }

    #[test]
    fn bracket_forms() {
        let r = reader();
        let b = r.brackets("推进建设。(责任单位:区卫健委、区发改委、区财政局)");
        assert_eq!(b[0].list.units, vec!["区卫健委", "区发改委", "区财政局"]);
        let b = r.brackets("〔责任单位:各医疗机构,督查科室:局基妇科、医政科、人事科、规财科〕");
        assert_eq!(
            b[0].list.units,
            vec!["各医疗机构", "局基妇科", "医政科", "人事科", "规财科"]
        );
        let b = r.brackets("〔牵头科室:局基妇科、规财科,配合单位:各乡镇(街道)卫生院(社区卫生服务中心),市直、驻南医疗保健机构〕");
        assert_eq!(b[0].list.lead, vec!["局基妇科", "规财科"]);
        assert_eq!(
            b[0].list.support,
            vec![
                "各乡镇(街道)卫生院(社区卫生服务中心)",
                "市直医疗保健机构",
                "驻南医疗保健机构"
            ]
        );
        let b = r.brackets("〔牵头科室:局基妇科,配合科室、单位:局规财科、医政科〕");
        assert_eq!(b[0].list.support, vec!["局规财科", "医政科"]);
        let b = r.brackets("(牵头单位:市卫健委;配合单位:市财政局、市人社局)");
        assert_eq!(b[0].list.units, vec!["市卫健委", "市财政局", "市人社局"]);
        let b = r.brackets(
            "(责任单位:区卫健委、区委政法委,各乡〔镇〕〔含街道、开发区、园区、管理处,下同〕政府)",
        );
        assert_eq!(
            b[0].list.units,
            vec!["区卫健委", "区委政法委", "各乡〔镇〕政府"]
        );
        let b = r.brackets("开展宣传。(区卫健委、区财政局负责)");
        assert_eq!(b[0].list.units, vec!["区卫健委", "区财政局"]);
        let b = r.brackets("(省发展改革委、省科技厅、省工业和信息化厅按职责分工负责)");
        assert_eq!(
            b[0].list.units,
            vec!["省发展改革委", "省科技厅", "省工业和信息化厅"]
        );
        let b = r.brackets("(牵头单位:省发展改革委,参加单位:省市场监管局、省统计局)");
        assert_eq!(b[0].list.support, vec!["省市场监管局", "省统计局"]);
        assert!(r.brackets("(约20-25人)").is_empty());
        // A bracket wrapped by a scraped line break.
        let b = r.brackets("开展试点。(青岛市绿色低碳高\n质量发展先行区建设办公室负责)");
        assert_eq!(
            b[0].list.units,
            vec!["青岛市绿色低碳高质量发展先行区建设办公室"]
        );
        assert!(r.brackets("(注:\n第一行\n第二行)").is_empty());
    }

    #[test]
    fn explicit_subjects() {
        let r = reader();
        assert_eq!(
            r.subject("六、各社区居委会、卫生服务站要将辖区内孕产妇死亡率控制在22/10万以内"),
            vec!["各社区居委会", "卫生服务站"]
        );
        assert_eq!(
            r.subject("北龙、东平宫、东兴门社区卫生服务站要切实做好"),
            vec![
                "北龙社区卫生服务站",
                "东平宫社区卫生服务站",
                "东兴门社区卫生服务站"
            ]
        );
        assert!(r.subject("进一步加强管理,要求各单位").is_empty());
        // At most 40 chars of subject (with 由 before them), wherever the end word stands.
        let name = |n: usize| format!("{}卫生院", "甲".repeat(n - 3));
        assert_eq!(r.subject(&format!("{}要做好", name(40))), vec![name(40)]);
        assert_eq!(
            r.subject(&format!("由{}负责做好", name(40))),
            vec![name(40)]
        );
        assert!(r.subject(&format!("{}要做好", name(41))).is_empty());
        assert!(r.subject(&format!("由{}负责做好", name(41))).is_empty());
    }

    #[test]
    fn opening_brackets_are_those_of_the_char_loop() {
        let mut next = crate::words::tests::random(11);
        let pieces = [
            "(",
            "（",
            "〔",
            "【",
            "[",
            "、",
            "。",
            "责任单位",
            ")",
            "a",
            "\n",
            "\u{feff}",
        ];
        for _ in 0..2000 {
            let s: String = crate::words::tests::random_text(&mut next, &pieces, 12);
            let want: Vec<(usize, char)> =
                s.char_indices().filter(|(_, c)| OPEN.contains(c)).collect();
            assert_eq!(opening_brackets(&s).collect::<Vec<_>>(), want, "{s}");
        }
    }

    #[test]
    fn elided_heads() {
        let heads: Vec<String> = vec!["死亡率".into(), "床位数".into()];
        let complete = |s: &str| heads.iter().any(|h| s.ends_with(h.as_str()));
        let f = |v: &[&str]| {
            fill_heads(
                &v.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                &heads,
                &complete,
            )
        };
        assert_eq!(
            f(&["产", "儿科平均床位数"]),
            vec!["产科平均床位数", "儿科平均床位数"]
        );
        assert_eq!(
            f(&["孕产妇", "婴儿死亡率"]),
            vec!["孕产妇死亡率", "婴儿死亡率"]
        );
        assert_eq!(
            f(&["婴儿", "5岁以下儿童死亡率"]),
            vec!["婴儿死亡率", "5岁以下儿童死亡率"]
        );
    }
}
