//! Value mentions: every number in a sentence that could be a target's value, with its unit,
//! its range partner and approximation marks, after the exclusions of patterns/ (dates, ages,
//! ordinals, document numbers, placeholders, identifiers) are applied.

use regex::Regex;

use super::number::{chinese_digit, parse_arabic, parse_chinese, Number};
use crate::document::find_char;
use crate::patterns::{Patterns, UnitDef};
use crate::words::{WordList, Words};

/// A number of the text with what surrounds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte range in the normalized text, from the first char of the number (or 百分之) to
    /// the end of the unit.
    pub start: usize,
    pub end: usize,
    pub value: Number,
    pub value_max: Option<Number>,
    /// Unit as written (simplified), e.g. "%", "/10万", "张/千人分娩量".
    pub unit: Option<String>,
    /// Index into the units of the patterns, for normalization.
    pub unit_def: Option<usize>,
    /// 余 / 多 between number and unit (10余万元, 5000多人).
    pub approx: bool,
    /// Written in Chinese numerals.
    pub chinese: bool,
    /// A one-character Chinese numeral (两, 三): weak evidence of a quantity.
    pub chinese_single: bool,
    /// Written as a share (百分之九十五, 七成, 三分之一).
    pub share: bool,
}

impl Mention {
    /// A single value with its unit, read whole by one of the special forms (a time limit, a
    /// lone magnitude, 翻番): no range, no 余/多, not a share.
    fn whole(
        start: usize,
        end: usize,
        value: Number,
        unit: Option<String>,
        unit_def: Option<usize>,
        chinese: bool,
    ) -> Mention {
        Mention {
            start,
            end,
            value,
            value_max: None,
            unit,
            unit_def,
            approx: false,
            chinese,
            chinese_single: false,
            share: false,
        }
    }
}

/// The words of a share and the unit each gives: 百分之 (and its 大写 form 佰分之) is a
/// percentage, 千分之 (仟分之) per mille, 万分之 per myriad, 十万分之 per 100,000 (十万分之十
/// is 10/10万, the way a mortality ratio is written).
const SHARES: [(&str, &str); 6] = [
    ("十万分之", "/10万"),
    ("百分之", "%"),
    ("佰分之", "%"),
    ("千分之", "‰"),
    ("仟分之", "‰"),
    ("万分之", "‱"),
];

/// The unit of a share word of [`SHARES`].
fn share_unit(word: &str) -> Option<&'static str> {
    SHARES.iter().find(|(w, _)| *w == word).map(|(_, u)| *u)
}

/// The groups of one match of the number pattern (byte ranges of the text); `share` is the
/// unit of its share word (百分之 → %, 千分之 → ‰, 万分之 → ‱).
#[derive(Debug, Clone, Default)]
struct NumberCaps {
    whole: std::ops::Range<usize>,
    share: Option<&'static str>,
    sn: Option<std::ops::Range<usize>>,
    sp: Option<std::ops::Range<usize>>,
    ar: Option<std::ops::Range<usize>>,
    cn: Option<std::ops::Range<usize>>,
}

/// Scans text for value mentions.
pub struct ValueScanner {
    number: Regex,
    units: Vec<UnitDef>,
    /// Units sorted longest first: (unit text, index into `units`).
    units_by_len: Vec<(String, usize)>,
    /// The unit texts of `units_by_len`, in its order.
    unit_words: Words,
    not_after: Words,
    /// Units of time of a duration (年, 个月, 个工作日): read as a value only when bounded.
    duration_unit: WordList,
    /// Words right after a duration that bound it (以上, 以内, 内).
    duration_limit: WordList,
    /// Words right before a duration's number that bound it (不少于, 不超过, 满, 为期).
    duration_lead: WordList,
    /// Words right before a duration's number that make it a horizon (今后五年内, 近三年).
    duration_horizon: WordList,
    /// Words of an owed or counted time limit, needed before a duration bounded by 内 (应当,
    /// 之日起, 后).
    duration_anchor: Words,
    /// Words before a lone magnitude that make it an amount (超万亿元, 过千亿元).
    magnitude_lead: WordList,
    not_before: WordList,
    chinese_not_unit: WordList,
    /// Comparator words of two chars or more standing before a number (达到, 不少于), and those
    /// after it (以上, 左右): a one-char numeral between them is a quantity (达到十个).
    quantity_before: WordList,
    quantity_after: WordList,
    /// A numeral and measure word that mean "some" (一批).
    vague_quantity: WordList,
    /// Words for half (半数, 一半): the share 0.5 before a comparator word.
    halves: WordList,
    /// Words of obligation (应, 须, 宜).
    requirement: Words,
    /// Words before an amount followed by 的 that make it a class (收入过200亿元的集群).
    class_lead: WordList,
    /// Every comparator word standing before a number, longest first.
    comparator_before: WordList,
    /// Words before a numeral that make it a reference or a description (这, 每, 是): 这两条
    /// counts nothing.
    not_quantity_before: WordList,
    /// Indicators whose value is an age (lexicon `age_valued`: 预期寿命).
    age_valued: Words,
    /// Indicators whose value is a span of time (lexicon `duration_valued`: 受教育年限).
    duration_valued: Words,
    placeholders: Words,
    /// `may_open_number` for every 3-byte char, as bits: entry `cp >> 6`, bit `cp & 0x3F` of its
    /// code point.
    opens3: Box<[u64; 1024]>,
}

/// Can a number start at `c`: a digit (any script: the pattern's `\d`) or a numeral char?
/// (Ideographs other than the numerals are letters, never digits.)
fn may_open_number(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else if ('\u{3400}'..='\u{9FFF}').contains(&c) {
        is_cn(c)
    } else {
        is_cn(c) || c.is_numeric()
    }
}

/// Is `c` a numeral char the reader opens a number at (patterns/numerals.tsv, `scanned`)?
fn is_cn(c: char) -> bool {
    super::number::numerals().is_scanned(c)
}

/// Is the char at byte `i` of `s` a digit as the pattern's `\d` reads it? Some(true) for an
/// ASCII digit, Some(false) for the end or a char that is no digit, None for a non-ASCII
/// numeric char (a decimal digit of another script may be one: the pattern decides).
fn digit_at(s: &str, i: usize) -> Option<bool> {
    match s.as_bytes().get(i) {
        None => Some(false),
        Some(b) if b.is_ascii() => Some(b.is_ascii_digit()),
        Some(_) => {
            let c = s[i..].chars().next().expect("char");
            (!c.is_numeric()).then_some(false)
        }
    }
}

/// The end of the run of ASCII digits from `i` (None if a non-ASCII digit may continue it).
fn digits_end(s: &str, mut i: usize) -> Option<usize> {
    loop {
        match digit_at(s, i)? {
            true => i += 1,
            false => return Some(i),
        }
    }
}

/// The number pattern's match at `p`, where an ASCII digit stands, read without the regex
/// engine: spaced digits before a percent sign (`sp`), else digits with thousands commas or a
/// plain run, each with an optional decimal part (`ar`). None when a char the pattern's `\d`
/// might take is not ASCII: the caller asks the pattern then.
fn ascii_number(s: &str, p: usize) -> Option<NumberCaps> {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied();
    // `\d(?: \d)+(?: ?\. ?\d(?: \d)*)? ?[%‰]`: greedy, and no shorter form can end before a
    // percent sign, so the longest reading decides.
    let spaced = |mut i: usize| -> Option<usize> {
        while at(i) == Some(b' ') && digit_at(s, i + 1)? {
            i += 2;
        }
        Some(i)
    };
    let mut i = spaced(p + 1)?;
    if i > p + 1 {
        let mut j = i;
        if at(j) == Some(b' ') {
            j += 1;
        }
        if at(j) == Some(b'.') {
            j += 1;
            if at(j) == Some(b' ') {
                j += 1;
            }
            if digit_at(s, j)? {
                i = spaced(j + 1)?;
            }
        }
        let k = if at(i) == Some(b' ') { i + 1 } else { i };
        let sign = if at(k) == Some(b'%') {
            Some(1)
        } else if s[k..].starts_with('‰') {
            Some('‰'.len_utf8())
        } else {
            None
        };
        if let Some(n) = sign {
            return Some(NumberCaps {
                whole: p..k + n,
                sp: Some(p..i),
                ..NumberCaps::default()
            });
        }
    }
    // `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`
    let run = digits_end(s, p)?;
    let mut end = run;
    if run - p <= 3 {
        while at(end) == Some(b',') {
            let mut ok = true;
            for k in 1..=3 {
                ok &= digit_at(s, end + k)?;
                if !ok {
                    break;
                }
            }
            if !ok {
                break;
            }
            end += 4;
        }
    }
    if at(end) == Some(b'.') && digit_at(s, end + 1)? {
        end = digits_end(s, end + 1)?;
    }
    Some(NumberCaps {
        whole: p..end,
        ar: Some(p..end),
        ..NumberCaps::default()
    })
}

/// What follows a number: its end, multiplier, the smaller places of a mixed numeral (3万4000:
/// 4000), unit and approximation mark.
struct Tail {
    end: usize,
    mult: f64,
    plus: f64,
    unit: Option<String>,
    unit_def: Option<usize>,
    approx: bool,
}

impl Tail {
    /// The number read with this tail: 3 with 万 and 4000 → 34000.
    fn apply(&self, n: Number) -> Number {
        if self.plus == 0.0 {
            return n.scaled(self.mult);
        }
        let v = super::number::round_sig(n.value * self.mult + self.plus);
        Number {
            value: v,
            decimal: v.fract() != 0.0,
        }
    }
}

/// The end of `before` after the last of `ends`: the words of the clause a number stands in.
pub(super) fn clause_tail<'t>(before: &'t str, ends: &[char]) -> &'t str {
    let from = before
        .char_indices()
        .rev()
        .find(|(_, c)| ends.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[from..]
}

/// The places below a multiplier written after it (3万4000, 25万6千, 5万4千6百, 1亿2000万,
/// 1万零600): their sum and length, when it is below the multiplier and no date, decimal or
/// further digit follows.
fn lower_places(s: &str, mult: f64) -> Option<(f64, usize)> {
    let mut i = s.strip_prefix('零').map_or(0, |_| '零'.len_utf8());
    let mut total = 0.0;
    let mut last_place = mult;
    loop {
        let digits = s[i..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            break;
        }
        let n: f64 = s[i..i + digits].parse().ok()?;
        let mut j = i + digits;
        let place = [('万', 1.0e4), ('千', 1.0e3), ('百', 100.0), ('十', 10.0)]
            .into_iter()
            .find(|(c, _)| s[j..].starts_with(*c));
        match place {
            Some((c, f)) if f < last_place && n * f < last_place => {
                total += n * f;
                last_place = f;
                j += c.len_utf8();
                i = j;
            }
            // One digit alone right after the multiplier is the next place down, as said
            // aloud (2万5 = 25000, 1亿2 = 1.2亿); after 零 or more digits it adds (1万零5,
            // 3万4000).
            None if total == 0.0 && digits == 1 && i == 0 => {
                total = n * mult / 10.0;
                i = j;
                break;
            }
            // Right after the multiplier a plain number fills every place below it (3万4000);
            // a shorter one is a number of its own (为390万65岁以上老年人: 390万, then 65岁).
            None if total == 0.0 && i == 0 && 10f64.powi(digits as i32) != mult => {
                return None;
            }
            // A plain number closes the run: 3万4000, 1万零5.
            None if total == 0.0 || n < last_place => {
                total += n;
                i = j;
                break;
            }
            _ => return None,
        }
    }
    let rest = &s[i..];
    let ok = total > 0.0
        && total < mult
        && !rest.starts_with(|c: char| {
            c.is_ascii_digit()
                || matches!(c, '.' | '年' | '月' | '日' | '号' | '-' | '/' | '万' | '亿')
        });
    ok.then_some((total, i))
}

/// The second number of a range that opens `s` (-3, ~3, 至3, 到3, —3; Arabic digits) and
/// the text after it.
fn span_range_end(s: &str) -> Option<(Number, &str)> {
    let r = ["-", "~", "至", "到", "—"]
        .iter()
        .find_map(|sep| s.strip_prefix(sep))?;
    let n = r
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(r.len(), |(i, _)| i);
    let v: f64 = r[..n].parse().ok()?;
    let number = Number {
        value: v,
        decimal: r[..n].contains('.'),
    };
    Some((number, &r[n..]))
}

/// 一角七分 / 五角 / 三分 and 整 after 元: the fraction of a yuan and the bytes it takes.
fn jiao_fen(s: &str) -> (f64, usize) {
    let mut add = 0.0;
    let mut i = 0;
    for (unit, f) in [('角', 0.1), ('分', 0.01)] {
        let mut chars = s[i..].chars();
        if let (Some(d), Some(u)) = (chars.next(), chars.next()) {
            // 5分钟 is a time, not five fen.
            if u == unit && chars.next() != Some('钟') {
                if let Some(v) = chinese_digit(d).or_else(|| d.to_digit(10)) {
                    add += v as f64 * f;
                    i += d.len_utf8() + u.len_utf8();
                }
            }
        }
    }
    if s[i..].starts_with('整') {
        i += '整'.len_utf8();
    }
    (add, i)
}

impl ValueScanner {
    pub fn new(p: &Patterns) -> ValueScanner {
        // The numeral chars of the pattern's `[…]` classes, from the numeral table.
        let cn: String = super::number::numerals()
            .scanned_chars()
            .map(|c| regex::escape(&c.to_string()))
            .collect();
        let number = Regex::new(&format!(
            r"(?P<share>十万分之|[百佰]分之|[千仟]分之|万分之)(?P<sn>[{cn}]+|\d+(?:\.\d+)?)|(?P<sp>\d(?: \d)+(?: ?\. ?\d(?: \d)*)?) ?[%‰]|(?P<ar>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<cn>[{cn}]+)"
        ))
        .expect("number pattern");
        let mut units_by_len: Vec<(String, usize)> = p
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.unit.clone(), i))
            .collect();
        units_by_len.sort_by_key(|b| std::cmp::Reverse(b.0.chars().count()));
        // The comparator words before and after a number, longest first.
        let (before, after) = p.comparators_by_position();
        let comparator_before: Vec<String> = before.into_iter().map(|(w, _)| w).collect();
        let comparator_after: Vec<String> = after.into_iter().map(|(w, _)| w).collect();
        ValueScanner {
            unit_words: Words::new(units_by_len.iter().map(|(u, _)| u)),
            number,
            units: p.units.clone(),
            units_by_len,
            not_after: Words::new(p.list("not_after")),
            duration_unit: WordList::longest_first(p.list("duration_unit")),
            duration_limit: WordList::longest_first(p.list("duration_limit")),
            duration_lead: WordList::longest_first(p.list("duration_lead")),
            duration_horizon: WordList::longest_first(p.list("duration_horizon")),
            duration_anchor: Words::new(p.list("duration_anchor")),
            magnitude_lead: WordList::longest_first(p.list("magnitude_lead")),
            not_before: WordList::longest_first(p.list("not_before")),
            chinese_not_unit: WordList::longest_first(p.list("chinese_not_unit")),
            quantity_before: WordList::new(
                comparator_before
                    .iter()
                    .filter(|w| w.chars().count() >= 2)
                    .cloned()
                    .collect(),
            ),
            vague_quantity: WordList::longest_first(p.list("vague_quantity")),
            halves: WordList::longest_first(p.list("half")),
            requirement: Words::new(p.list("requirement_word")),
            class_lead: WordList::longest_first(p.list("class_lead")),
            comparator_before: WordList::new(comparator_before),
            not_quantity_before: WordList::longest_first(p.list("not_quantity_before")),
            age_valued: Words::new(p.list("age_valued")),
            duration_valued: Words::new(p.list("duration_valued")),
            quantity_after: WordList::new(comparator_after),
            placeholders: Words::new(p.list("placeholder")),
            opens3: {
                let mut t = Box::new([0u64; 1024]);
                for c in ('\u{800}'..='\u{FFFF}').filter(|&c| may_open_number(c)) {
                    let cp = c as usize;
                    t[cp >> 6] |= 1 << (cp & 0x3F);
                }
                t
            },
        }
    }

    /// The first char at or after byte `pos` of `hay` that may open a number, with its offset:
    /// what `hay[pos..].char_indices().find(may_open_number)` gives, reading 3-byte chars from
    /// a table instead of decoding them.
    fn next_opening(&self, hay: &str, pos: usize) -> Option<(usize, char)> {
        let i = find_char(
            hay,
            pos,
            |b| b.is_ascii_digit(),
            |cp| self.opens3[cp >> 6] >> (cp & 0x3F) & 1 != 0,
            may_open_number,
        )?;
        hay[i..].chars().next().map(|c| (i, c))
    }

    pub fn unit_def(&self, i: usize) -> &UnitDef {
        &self.units[i]
    }

    /// Longest unit at the start of `s`: (unit text, index).
    fn unit_at(&self, s: &str) -> Option<(&str, usize)> {
        let k = self.unit_words.longest_prefix(s)?;
        let (u, i) = &self.units_by_len[k];
        Some((u.as_str(), *i))
    }

    /// A rate denominator after a count unit: "/千人分娩量", "/千名儿童", "/万人".
    fn denominator(s: &str) -> Option<usize> {
        let rest = s.strip_prefix('/')?;
        let mut len = 1;
        let mut chars = rest.chars().peekable();
        let mut saw_mag = false;
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() || matches!(c, '千' | '万' | '百' | '十') {
                saw_mag = true;
                len += c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // 元/月, 元/年: a time is the whole denominator (元/月提高到 holds the verb after it).
        if !saw_mag {
            if let Some(c) = chars
                .peek()
                .filter(|c| matches!(c, '年' | '月' | '日' | '天' | '周'))
            {
                return Some(len + c.len_utf8());
            }
        }
        let mut han = 0;
        while let Some(&c) = chars.peek() {
            if crate::normalize::is_han(c) && han < 6 && !matches!(c, '、' | '和' | '及' | '以')
            {
                han += 1;
                len += c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        (saw_mag || han > 0).then_some(len)
    }

    /// The unit (and any multiplier, 余/多, denominator, and the smaller places of a mixed
    /// numeral) right after a number ending at byte `pos` of `text`.
    fn tail(&self, text: &str, pos: usize, chinese: bool) -> Tail {
        let mut approx = false;
        let mut mult = 1.0;
        let mut plus = 0.0;
        // Spaces between a number and its unit: one as typed, up to three where a page's layout
        // left them (1200  万人, 74.4 (a zero-width line) 万亿元).
        let skip_space = |s: &str| s.bytes().take(3).take_while(|&b| b == b' ').count();
        let mut p = pos + skip_space(&text[pos..]);
        if text[p..].starts_with('余') || text[p..].starts_with('多') {
            approx = true;
            p += 3;
        }
        // A numeral in characters holds its own multiplier, except after 余/多 (十多万).
        if (!chinese || approx)
            && self
                .unit_at(&text[p..])
                .is_none_or(|(u, _)| !u.starts_with(['万', '亿', '千']))
        {
            for (m, f) in [
                ("万亿", 1.0e12),
                ("亿", 1.0e8),
                ("万", 1.0e4),
                ("千", 1.0e3),
            ] {
                if text[p..].starts_with(m) && !text[p + m.len()..].starts_with("分之") {
                    // 千 only as a multiplier when a count unit follows (3千人), not 千人口.
                    if m == "千" && self.unit_at(&text[p + m.len()..]).is_none() {
                        break;
                    }
                    mult = f;
                    p += m.len();
                    break;
                }
            }
        }
        // 3万4000, 25万6千, 5万4千6百, 1亿2000万: the places below the multiplier.
        if !approx && mult >= 1.0e4 {
            if let Some((add, len)) = lower_places(&text[p..], mult) {
                plus = add;
                p += len;
            }
        }
        if !approx && (text[p..].starts_with('余') || text[p..].starts_with('多')) {
            approx = true;
            p += 3;
        }
        let q = p + skip_space(&text[p..]);
        if let Some((u, i)) = self.unit_at(&text[q..]) {
            let mut unit = u.to_string();
            let mut end = q + u.len();
            if !u.starts_with('/') {
                if let Some(d) = Self::denominator(&text[end..]) {
                    unit.push_str(&text[end..end + d]);
                    end += d;
                }
            }
            // 一百四十三元一角七分, 壹佰壹拾壹圆整: the fractions of a yuan, and 整 (even).
            if self.units[i].kind == "money" && u.ends_with(['元', '圆']) {
                let (add, len) = jiao_fen(&text[end..]);
                plus += add;
                end += len;
            }
            return Tail {
                end,
                mult,
                plus,
                unit: Some(unit),
                unit_def: Some(i),
                approx,
            };
        }
        Tail {
            end: if approx || mult != 1.0 { p } else { pos },
            mult,
            plus,
            unit: None,
            unit_def: None,
            approx,
        }
    }

    /// Every value mention in `text[range]`, in order. Offsets are bytes of `text`.
    pub fn scan(&self, text: &str, from: usize, to: usize) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut pos = from;
        while pos < to {
            let Some(caps) = self.next_number(&text[..to], pos) else {
                break;
            };
            let whole = caps.whole.clone();
            let next = whole.end.max(whole.start + 1);
            match self.mention_at(text, to, &caps) {
                Some(m) => {
                    pos = m.end.max(next);
                    out.push(m);
                }
                None => {
                    // Skip past the rest of a range or date so that its second half is not
                    // read alone ("2023-2025年", "0-6岁").
                    let mut p = next;
                    // A lone 点 (服务点3万个) is a word, not a number's decimal mark: what
                    // follows it is read on its own.
                    let lone_mark = &text[whole.clone()] == "点";
                    while p < to && !lone_mark {
                        let rest = &text[p..to];
                        let c = rest.chars().next().expect("char");
                        if c.is_ascii_digit()
                            || matches!(c, '-' | '~' | '.' | '至' | '到' | ',')
                                && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
                        {
                            p += c.len_utf8();
                        } else if c.is_ascii_digit() {
                            p += 1;
                        } else {
                            break;
                        }
                    }
                    pos = p.max(next);
                }
            }
        }
        self.halves(text, from, to, &mut out);
        out
    }

    /// 半数以上, 一半以上: half, the share 0.5 with no unit (a comparator word must follow).
    fn halves(&self, text: &str, from: usize, to: usize, out: &mut Vec<Mention>) {
        let hay = &text[from..to];
        if !hay.contains('半') {
            return;
        }
        let mut found = false;
        for word in self.halves.iter() {
            for (i, _) in hay.match_indices(word.as_str()) {
                let start = from + i;
                let end = start + word.len();
                let taken = out.iter().any(|m| m.start < end && start < m.end);
                if taken || self.quantity_after.prefix_of(&text[end..to]).is_none() {
                    continue;
                }
                let half = Number {
                    value: 0.5,
                    decimal: true,
                };
                out.push(Mention::whole(start, end, half, None, None, false));
                found = true;
            }
        }
        if found {
            out.sort_by_key(|m| m.start);
        }
    }

    /// The next number at or after `pos` — what the number pattern's leftmost match from `pos`
    /// gives. Every alternative of the pattern opens with a digit or a numeral char, so the match
    /// starts at the first such char. A numeral in Chinese characters is read without the regex
    /// engine: a share word (百分之, 千分之, 万分之) and a run of numeral chars or of digits is a
    /// share (the first alternative), else the run is the number. A number in digits goes
    /// through the pattern with its captures, and so does a share in digits of another script.
    fn next_number(&self, hay: &str, pos: usize) -> Option<NumberCaps> {
        let (p, c) = self.next_opening(hay, pos)?;
        if is_cn(c) {
            let run_end = |from: usize| {
                from + hay[from..]
                    .char_indices()
                    .find(|&(_, c)| !is_cn(c))
                    .map_or(hay.len() - from, |(i, _)| i)
            };
            let rest = &hay[p..];
            let share = SHARES
                .iter()
                .find(|(w, _)| rest.starts_with(w))
                .map(|(w, u)| (w.len(), *u));
            if let Some((len, unit)) = share {
                let from = p + len;
                let mut e = run_end(from);
                if e == from && hay[from..].starts_with(|c: char| c.is_numeric()) {
                    // 百分之2.4: digits after the share word.
                    let ascii = hay[from..].starts_with(|c: char| c.is_ascii_digit());
                    match ascii.then(|| ascii_number(hay, from)).flatten() {
                        Some(n) if n.ar.is_some() && !hay[from..n.whole.end].contains(',') => {
                            e = n.whole.end;
                        }
                        _ => return self.pattern_at(hay, p),
                    }
                }
                if e > from {
                    return Some(NumberCaps {
                        whole: p..e,
                        share: Some(unit),
                        sn: Some(from..e),
                        ..NumberCaps::default()
                    });
                }
            }
            let e = run_end(p);
            return Some(NumberCaps {
                whole: p..e,
                cn: Some(p..e),
                ..NumberCaps::default()
            });
        }
        if c.is_ascii_digit() {
            if let Some(caps) = ascii_number(hay, p) {
                return Some(caps);
            }
        }
        self.pattern_at(hay, p)
    }

    /// The number pattern's leftmost match from `p`, with its groups.
    fn pattern_at(&self, hay: &str, p: usize) -> Option<NumberCaps> {
        let c = self.number.captures_at(hay, p)?;
        let range = |name: &str| c.name(name).map(|g| g.range());
        Some(NumberCaps {
            whole: c.get(0)?.range(),
            share: c.name("share").and_then(|g| share_unit(g.as_str())),
            sn: range("sn"),
            sp: range("sp"),
            ar: range("ar"),
            cn: range("cn"),
        })
    }

    fn mention_at(&self, text: &str, to: usize, caps: &NumberCaps) -> Option<Mention> {
        let whole = &caps.whole;
        let start = whole.start;
        let before = &text[..start];
        // A number glued to letters, digits or a time ("qz07126-0101", "11:47").
        let prev = before.chars().next_back();
        if let Some(c) = prev {
            if c.is_ascii_alphanumeric() || c == '_' || c == '/' || c == '.' {
                return None;
            }
            if c == ':' && before[..before.len() - 1].ends_with(|d: char| d.is_ascii_digit()) {
                return None;
            }
            if c == '-' && before[..before.len() - 1].ends_with(|d: char| d.is_ascii_alphanumeric())
            {
                return None;
            }
        }
        let before_t = before.trim_end_matches(' ');
        if let Some(w) = self.not_before.first_suffix(before_t) {
            // 认定后5个工作日内: after an event, a time limit is counted (see below); other
            // numbers after 后 (后3名) are not values.
            let counted = self.duration_anchor.any_in(w) && {
                let rest = text[whole.end..to].trim_start_matches(' ');
                self.duration_unit.first_prefix(rest).is_some_and(|u| {
                    self.duration_limit
                        .first_prefix(&rest[u.len()..])
                        .is_some_and(|l| l.ends_with('内'))
                })
            };
            if !counted {
                return None;
            }
        }
        let mut pair_max: Option<Number> = None;
        let (mut value, mut end, chinese, single, share) = if let Some(sn) = caps.sn.clone() {
            let digits = &text[sn.clone()];
            let v = parse_chinese(digits).or_else(|| parse_arabic(digits))?;
            (v, sn.end, true, false, true)
        } else if let Some(digits) = caps.sp.clone().or(caps.ar.clone()) {
            let v = parse_arabic(&text[digits.clone()])?;
            (v, digits.end, false, false, false)
        } else {
            let cn = caps.cn.clone()?;
            let s = &text[cn.clone()];
            // 几十座, 数百个, 数十万, 十几个, 二十几年: 几 or 数 before a place word, or 几
            // after the numeral, says "some", not how many.
            let vague = (matches!(prev, Some('几' | '数'))
                && s.starts_with(['十', '百', '千', '万', '亿']))
                || text[cn.end..to].starts_with('几');
            if vague {
                return None;
            }
            // A lone magnitude (万, 千) or decimal mark is not a number, unless it is the
            // amount itself after a word that reaches it (超万亿元, 过千亿元, 突破百亿元).
            if !s.chars().any(|c| chinese_digit(c).is_some() || c == '十') {
                let magnitude = matches!(
                    s,
                    "百" | "千"
                        | "万"
                        | "十万"
                        | "百万"
                        | "千万"
                        | "亿"
                        | "十亿"
                        | "百亿"
                        | "千亿"
                        | "万亿"
                );
                // 千余家, 万余人, 百多项: a lone magnitude with 余 or 多 is an amount about it.
                let about = text[cn.end..to]
                    .strip_prefix(['余', '多'])
                    .is_some_and(|r| self.unit_at(r).is_some());
                let reached = self.magnitude_lead.suffix_of(before_t).is_some();
                let unit_after = self.unit_at(&text[cn.end..to]).is_some();
                if !(magnitude && ((reached && unit_after) || about)) {
                    return None;
                }
                let v = parse_chinese(&format!("一{s}"))?;
                let Tail {
                    end: e,
                    unit: u,
                    unit_def: ud,
                    approx,
                    ..
                } = self.tail(text, cn.end, true);
                // 超亿元的企业, 千亿级产业集群: the amount names a class, it is no value.
                if text[e..to].starts_with(['的', '级']) {
                    return None;
                }
                let mut m = Mention::whole(start, e, v, u, ud, true);
                m.approx = approx;
                return Some(m);
            }
            // 参 is a numeral only among other 大写 numerals (參佰, 叁拾参), never in 参加.
            if s.contains('参') && !s.chars().any(|c| c != '参' && super::number::is_daxie(c)) {
                return None;
            }
            let single = s.chars().count() == 1;
            // 两三千张, 七八十人: two neighbouring digits before a magnitude are a range.
            if let Some((lo, hi)) = super::number::neighbour_pair(s) {
                pair_max = Some(hi);
                (lo, cn.end, true, false, false)
            } else {
                (parse_chinese(s)?, cn.end, true, single, false)
            }
        };
        let after = &text[end..to];
        // Placeholders (20xx, 20__) and numbers glued to letters (5G).
        // A unit written in letters is read when the letters are exactly a unit of units.tsv
        // and a comparator or a clause end follows (5000M以上, 3500PFlops): 5G, 4K stay out.
        let letter_unit = after.starts_with(|c: char| c.is_ascii_alphabetic()) && {
            let letters = after
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(after.len());
            let rest = &after[letters..];
            // One letter (M) only before a comparator word: 5000M以上.
            let ends_ok = if letters == 1 {
                rest.starts_with(['以', '及', '或', '左'])
            } else {
                rest.is_empty()
                    || rest.starts_with([
                        '以', '及', '或', '左', ',', '，', '。', ';', '；', '、', '(', '（',
                    ])
            };
            self.unit_at(after).is_some_and(|(u, _)| u.len() == letters) && ends_ok
        };
        if self.placeholders.longest_prefix(after).is_some()
            || (after.starts_with(|c: char| c.is_ascii_alphabetic()) && !letter_unit)
        {
            return None;
        }
        let after_sp = after.trim_start_matches(' ');
        // 翻一番, 翻两番: doubled once, twice (2 and 4 times).
        if chinese && after_sp.starts_with('番') && before_t.ends_with('翻') {
            let times = 2f64.powi(value.value as i32);
            return Some(Mention::whole(
                before_t.len() - '翻'.len_utf8(),
                end + (after.len() - after_sp.len()) + '番'.len_utf8(),
                Number::int(times),
                Some("倍".to_string()),
                None,
                chinese,
            ));
        }
        // A bounded duration (3年以上, 不超过18个月, 三十日内): a time limit, not a date.
        if !share
            && value.value > 0.0
            && value.value < 1000.0
            && self.duration_horizon.suffix_of(before_t).is_none()
        {
            // 资助期限一般为1-3年, 5—8年: a range of spans, its second number right after a
            // range mark, read when an indicator of spans names it.
            let (after_sp, range_max) = match span_range_end(after_sp) {
                Some((n2, rest)) if n2.value > value.value => (rest, Some(n2)),
                _ => (after_sp, None),
            };
            // 周岁 is an age: a longer `not_after` word than the unit wins.
            let unit = self.duration_unit.first_prefix(after_sp).filter(|u| {
                self.not_after
                    .longest_prefix(after_sp)
                    .is_none_or(|n| self.not_after.word(n).len() <= u.len())
            });
            if let Some(u) = unit {
                let unit_end = end + (after.len() - after_sp.len()) + u.len();
                let limit = self.duration_limit.first_prefix(&text[unit_end..to]);
                // A bare 五年内 is a plan's horizon; a time limit is owed (应当在…内, 要在…内)
                // or counted from an event (自…之日起…内, 确诊后…内).
                let clause = clause_tail(before_t, &['。', ';', '；', ',', '，', '\n']);
                let within = limit.is_some_and(|l| l.ends_with('内'));
                let anchored = !within || self.duration_anchor.any_in(clause);
                // The bounding word may stand before a verb of one or two chars (至少保存5个月).
                let lead_before_verb = super::layout::before_short_verb(before_t)
                    .any(|(head, _)| self.duration_lead.suffix_of(head).is_some());
                // 平均受教育年限达到11.3年: the value of an indicator of spans (lexicon
                // duration_valued) whose word stands at most six Chinese chars before the
                // number in its clause (受教育年限从10.23年提高到10.8年; not 时期(10年或更长一段
                // 时间)…防震减灾十年); the day of a date (2020年5月5日) and a relative year
                // (上一年) are none.
                let clause = clause_tail(before_t, &['。', ';', '；', ',', '，', '、', '\n']);
                let valued = !before_t.ends_with([
                    '月', '上', '下', '本', '该', '当', '前', '次', '同', '每', '近', '这', '那',
                ]) && self
                    .duration_valued
                    .occurrences(clause)
                    .map(|(_, e, _)| e)
                    .max()
                    .is_some_and(|e| {
                        clause[e..]
                            .chars()
                            .filter(|&c| crate::normalize::is_han(c))
                            .count()
                            <= 6
                    });
                let bounded = (limit.is_some() && anchored)
                    || self.duration_lead.suffix_of(before_t).is_some()
                    || lead_before_verb
                    || valued;
                if range_max.is_some() && !valued {
                    return None;
                }
                if bounded {
                    let mut m =
                        Mention::whole(start, unit_end, value, Some(u.to_string()), None, chinese);
                    m.value_max = range_max;
                    return Some(m);
                }
            }
        }
        // A date, an age, a document number's end… (个月 is checked before the unit 个). A word
        // of kinds that is also a count unit (种) counts when a comparator word stands by it
        // (突破50种以上…, 不少于3种): 5种门诊慢特病 names kinds.
        if let Some(k) = self.not_after.longest_prefix(after_sp) {
            let w = self.not_after.word(k);
            // The word is a unit as well (种, 岁).
            let own_unit = self.unit_at(after_sp).filter(|&(u, _)| u == w);
            let counted = own_unit.is_some_and(|(_, i)| {
                self.units[i].kind == "count"
                    && (self
                        .quantity_after
                        .prefix_of(&after_sp[w.len()..])
                        .is_some()
                        || self.quantity_before.suffix_of(before_t).is_some())
            });
            // 人均预期寿命达到79岁: an age that is the value of an indicator of ages (lexicon
            // age_valued) in the number's clause.
            // (为年龄在60周岁以上的老年人: an age before 的 defines the group it modifies.)
            let modifier = || {
                let rest = &after_sp[w.len()..];
                let rest = ["及以上", "及以下", "以上", "以下"]
                    .iter()
                    .find_map(|b| rest.strip_prefix(b))
                    .unwrap_or(rest);
                rest.starts_with('的')
            };
            let aged = || {
                own_unit.is_some()
                    && !modifier()
                    && self.age_valued.any_in(clause_tail(
                        before_t,
                        &['。', ';', '；', ',', '，', '、', '\n'],
                    ))
            };
            if !counted && !aged() {
                return None;
            }
        }
        // Shares.
        let mut unit: Option<String>;
        let mut unit_def;
        let mut approx = false;
        let mut is_share = share;
        if share {
            unit = caps.share.map(String::from);
            unit_def = self
                .units_by_len
                .iter()
                .find(|(u, _)| Some(u.as_str()) == unit.as_deref())
                .map(|(_, i)| *i);
        } else if caps.sp.is_some() {
            let rest = &text[end..];
            let rest_t = rest.trim_start_matches(' ');
            let c = rest_t.chars().next()?;
            let u = c.to_string();
            end = end + (rest.len() - rest_t.len()) + c.len_utf8();
            unit_def = self
                .units_by_len
                .iter()
                .find(|(x, _)| *x == u)
                .map(|(_, i)| *i);
            unit = Some(u);
        } else if chinese && after.starts_with("分之") {
            // 三分之一
            let rest = &after["分之".len()..];
            let n: String = rest
                .chars()
                .take_while(|c| super::number::is_chinese_numeral_char(*c))
                .collect();
            let num = parse_chinese(&n)?;
            if value.value == 0.0 {
                return None;
            }
            value = Number {
                value: super::number::round_sig(num.value / value.value * 100.0),
                decimal: false,
            };
            value.decimal = value.value.fract() != 0.0;
            end += "分之".len() + n.len();
            unit = Some("%".into());
            unit_def = self
                .units_by_len
                .iter()
                .find(|(x, _)| x == "%")
                .map(|(_, i)| *i);
            is_share = true;
        } else if chinese && after.starts_with('成') && single {
            value = Number::int(value.value * 10.0);
            end += '成'.len_utf8();
            unit = Some("%".into());
            unit_def = self
                .units_by_len
                .iter()
                .find(|(x, _)| x == "%")
                .map(|(_, i)| *i);
            is_share = true;
        } else {
            let t = self.tail(text, end, chinese);
            let (e, u, ud, ap) = (t.end, t.unit.clone(), t.unit_def, t.approx);
            if chinese && single {
                if let Some(uu) = &u {
                    // 两个方面, 三项制度: a kind, unless a count word stands as a quantity — after
                    // a comparator word (达到十个) or closing its clause (中心十个。, 十个以上); a
                    // grade (二级以上) never does.
                    let rest = text[e..to].trim_start_matches(' ');
                    let count = ud.is_some_and(|i| self.units[i].kind == "count");
                    let vague = self.vague_quantity.prefix_of(&text[start..]).is_some();
                    let closes =
                        |r: &str| r.is_empty() || r.starts_with([',', '。', ';', ':', '!', '?']);
                    let after_word = self
                        .quantity_after
                        .first_prefix(rest)
                        .is_some_and(|w| closes(&rest[w.len()..]));
                    // 以上十条 (the text's own parts): a word of lexicon not_quantity_before
                    // at least as long as the comparator word it ends with wins over it.
                    let demonstrative = self
                        .not_quantity_before
                        .first_suffix(before_t)
                        .map_or(0, str::len);
                    let comparator = self
                        .quantity_before
                        .first_suffix(before_t)
                        .is_some_and(|w| w.len() > demonstrative);
                    // 一个, 一次, 一套 closing a clause are mostly an article (另搞一套); so is
                    // any numeral after a demonstrative (这两条).
                    let article = value.value == 1.0 || demonstrative > 0;
                    // 提高到一个新水平: after a comparator, 一个 still needs to close its clause.
                    // 应指定二项以上之改善主题, 宜配备两条及以上…: a floor that a rule sets.
                    let clause_before = before_t
                        .rsplit([',', '。', ';', ':', '\n'])
                        .next()
                        .unwrap_or(before_t);
                    let required = self.quantity_after.prefix_of(rest).is_some()
                        && self.requirement.any_in(clause_before);
                    let quantity = count
                        && !vague
                        && ((comparator && (value.value != 1.0 || closes(rest) || after_word))
                            || required
                            || (!article && (closes(rest) || after_word)));
                    if self.chinese_not_unit.iter().any(|w| uu == w) && !quantity {
                        return None;
                    }
                }
            }
            if chinese && u.is_none() && self.chinese_not_unit.prefix_of(&text[e..]).is_some() {
                return None;
            }
            value = t.apply(value);
            pair_max = pair_max.map(|m| t.apply(m));
            end = e;
            unit = u;
            unit_def = ud;
            approx = ap;
        }
        // Range: 20-25人, 1-2家, 3至5个, 三万到五万, 百分之八至九, 8%-10%.
        let mut value_max = None;
        let rest = &text[end..to];
        for sep in ["-", "~", "至", "到"] {
            if let Some(r) = rest.strip_prefix(sep) {
                let r2 = r.strip_prefix("百分之").unwrap_or(r);
                let skip = end + sep.len() + (r.len() - r2.len());
                if let Some(c2) = self.number.captures_at(&text[..to], skip) {
                    let w2 = c2.get(0)?;
                    if w2.start() != skip
                        || c2.name("cn").is_some() != (chinese && !is_share)
                            && !(is_share && c2.name("cn").is_some())
                    {
                        break;
                    }
                    let num_str = w2.as_str();
                    let v2 = if let Some(cn) = c2.name("cn") {
                        parse_chinese(cn.as_str())?
                    } else {
                        parse_arabic(
                            c2.name("ar")
                                .or(c2.name("sp"))
                                .map(|m| m.as_str())
                                .unwrap_or(num_str),
                        )?
                    };
                    let mut e2 = w2.end();
                    if let Some(sp) = c2.name("sp") {
                        e2 = sp.end();
                    }
                    let after2 = &text[e2..to];
                    if self
                        .not_after
                        .longest_prefix(after2.trim_start_matches(' '))
                        .is_some()
                    {
                        return None;
                    }
                    if after2.starts_with('-')
                        && after2[1..].starts_with(|c: char| c.is_ascii_digit())
                    {
                        return None; // a date 2024-09-17
                    }
                    let t2 = self.tail(text, e2, c2.name("cn").is_some());
                    let (e3, u2, ud2) = (t2.end, t2.unit.clone(), t2.unit_def);
                    let v2 = t2.apply(v2);
                    // The multiplier written once, on the second number: 1-2万 (its tail),
                    // 一百二十到一百五十万 (the end of its numeral, when the first has none).
                    let mult2 = match c2.name("cn") {
                        Some(cn2) if chinese && !is_share => {
                            let first = caps.cn.clone().map_or("", |r| &text[r]);
                            ["万亿", "亿", "万"]
                                .into_iter()
                                .zip([1.0e12, 1.0e8, 1.0e4])
                                .find(|(m, _)| cn2.as_str().ends_with(m))
                                .filter(|_| !first.contains(['万', '亿']))
                                .map_or(1.0, |(_, f)| f)
                        }
                        _ => t2.mult,
                    };
                    match (&unit, &u2) {
                        (Some(a), Some(b)) if a != b => break,
                        (None, Some(_)) => {
                            unit = u2.clone();
                            unit_def = ud2;
                            // 三万到五万: the first number shares the second's multiplier.
                        }
                        _ => {}
                    }
                    if is_share && u2.is_none() {
                        // 百分之八至九
                        let v2p = v2;
                        value_max = Some(v2p);
                        end = e3;
                        break;
                    }
                    if v2.value <= value.value
                        && !(mult2 > 1.0 && value.value * mult2 > value.value)
                    {
                        break;
                    }
                    if mult2 > 1.0
                        && value.value * mult2 <= v2.value
                        && value.value < v2.value / mult2 + 1e-9
                        && (!chinese || c2.name("cn").is_some())
                    {
                        // 1-2万: the multiplier of the second number applies to the first.
                        value = value.scaled(mult2);
                    }
                    value_max = Some(v2);
                    end = e3;
                    break;
                }
                break;
            }
        }
        let value_max = value_max.or(pair_max);
        // A Chinese numeral is only a value with a unit or as a share.
        if chinese && unit.is_none() {
            return None;
        }
        // 收入过200亿元的软件产业集群, 超100人的企业: an amount past a threshold before 的
        // names a class of what follows, not a value (a share, 超过80%的企业, stays one).
        if !is_share
            && unit
                .as_deref()
                .is_some_and(|u| !u.starts_with(['%', '‰', '‱', '/']))
            && text[end..to].starts_with('的')
            && self
                .comparator_before
                .first_suffix(before_t)
                .is_some_and(|w| {
                    // The whole comparator word (不超过 is no 过).
                    self.class_lead.words().iter().any(|c| c == w)
                })
        {
            return None;
        }
        // A four-digit year with a month (2024-09) is a date, not a range.
        if let Some(vm) = value_max {
            if !chinese
                && value.value >= 1900.0
                && value.value <= 2100.0
                && vm.value <= 12.0
                && unit.is_none()
            {
                return None;
            }
        }
        // 五百万元人民币, 100万元人民币以上: the currency after an amount is part of its unit.
        if unit_def.is_some_and(|i| self.units[i].kind == "money")
            && text[end..to].starts_with("人民币")
        {
            end += "人民币".len();
        }
        Some(Mention {
            start,
            end,
            value,
            value_max,
            unit,
            unit_def,
            approx,
            chinese,
            chinese_single: single,
            share: is_share,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Vec<(f64, Option<f64>, Option<String>, bool)> {
        let p = Patterns::embedded().unwrap();
        let v = ValueScanner::new(&p);
        v.scan(s, 0, s.len())
            .into_iter()
            .map(|m| {
                (
                    m.value.value,
                    m.value_max.map(|x| x.value),
                    m.unit,
                    m.approx,
                )
            })
            .collect()
    }

    fn one(s: &str) -> (f64, Option<f64>, Option<String>, bool) {
        let v = scan(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn units_and_rates() {
        assert_eq!(
            one("早孕建卡率达96%"),
            (96.0, None, Some("%".into()), false)
        );
        assert_eq!(one("控制在10/10万以下").2.as_deref(), Some("/10万"));
        assert_eq!(one("分别控制在16/10万").0, 16.0);
        assert_eq!(
            one("达到20张/千人分娩量、").2.as_deref(),
            Some("张/千人分娩量")
        );
        assert_eq!(one("床位数原则上不低于80张").2.as_deref(), Some("张"));
        assert_eq!(one("每千人口托位数3.5个").0, 3.5);
        assert_eq!(one("提高2个百分点").2.as_deref(), Some("个百分点"));
        assert_eq!(one("配备 1 名专职人员").2.as_deref(), Some("名"));
        // A time is the whole denominator.
        assert_eq!(one("标准从796元/月提高至").2.as_deref(), Some("元/月"));
    }

    #[test]
    fn multipliers_money_and_approximations() {
        assert_eq!(one("出生1.2万人左右").0, 12000.0);
        assert_eq!(one("4.78万亿元").2.as_deref(), Some("万亿元"));
        assert_eq!(one("投入10余万元"), (10.0, None, Some("万元".into()), true));
        assert_eq!(one("5000多人"), (5000.0, None, Some("人".into()), true));
        assert_eq!(one("发放近5万份").0, 50000.0);
        // Digits right after a multiplier are its lower places only when they fill them.
        assert_eq!(one("3万4000张").0, 34000.0);
        assert!(
            scan("为390万65岁以上老年人体检")
                .iter()
                .all(|m| m.0 != 3900065.0),
            "{:?}",
            scan("为390万65岁以上老年人体检")
        );
    }

    #[test]
    fn chinese_numerals_and_shares() {
        assert_eq!(one("百分之九十五").0, 95.0);
        assert_eq!(one("千分之五").2.as_deref(), Some("‰"));
        assert_eq!(one("七成以上").0, 70.0);
        assert_eq!(one("一千二百人").0, 1200.0);
        let r = one("百分之八至九");
        assert_eq!((r.0, r.1), (8.0, Some(9.0)));
        let r = one("三万到五万人");
        assert_eq!((r.0, r.1), (30000.0, Some(50000.0)));
        assert!(scan("二级以上综合医院").is_empty());
        assert!(scan("一是加强").is_empty());
        assert!(scan("两个医疗集团").is_empty());
    }

    #[test]
    fn ranges() {
        assert_eq!(one("约20-25人").1, Some(25.0));
        assert_eq!(one("1-2家乡镇卫生院").1, Some(2.0));
        assert_eq!(one("3至5个").1, Some(5.0));
        assert_eq!(one("8%-10%").1, Some(10.0));
    }

    #[test]
    fn bounded_durations_are_values() {
        let one_unit = |s: &str| {
            let v = scan(s);
            assert_eq!(v.len(), 1, "{s}: {v:?}");
            (v[0].0, v[0].2.clone())
        };
        assert_eq!(one_unit("具有3年以上驾驶经历"), (3.0, Some("年".into())));
        assert_eq!(
            one_unit("测试时间不超过18个月"),
            (18.0, Some("个月".into()))
        );
        assert_eq!(
            one_unit("应当在接到申请之日起30日内作出结论"),
            (30.0, Some("日".into()))
        );
        assert_eq!(
            one_unit("应在事故发生之日起5个工作日内上报"),
            (5.0, Some("个工作日".into()))
        );
        assert_eq!(one_unit("应于确诊一年内完成登录"), (1.0, Some("年".into())));
        // Horizons, ages and dates are not.
        assert!(scan("五年内建成一批项目").is_empty());
        assert!(scan("今后五年内").is_empty());
        assert!(scan("年满三周岁以上的儿童").is_empty());
        assert!(scan("2025年以前").is_empty());
        assert!(scan("近3年内").is_empty());
    }

    #[test]
    fn exclusions() {
        for s in [
            "2023年底完成",
            "0-6岁儿童",
            "新府发〔2023〕3号",
            "第6次常务会",
            "每3万人口",
            "20xx年",
            "20__年",
            "2-3个月的脱产培训",
            "2024-09-17",
            "11:47:27",
            "qz07126-0101-2019-00047",
            "5G基站",
            "13年工作的基础上",
            "第 8 条",
            "修建水坝几十座",
            "数百个示范点",
            "数十万个岗位",
            "一百几十亿元",
            "十几个班次",
        ] {
            assert!(scan(s).is_empty(), "{s}: {:?}", scan(s));
        }
    }

    #[test]
    fn spaced_pdf_digits() {
        assert_eq!(one("达 9 0%").0, 90.0);
        assert_eq!(one("1 0 .0 6 ‰").0, 10.06);
    }

    /// The hand-read numbers equal the number pattern's own leftmost matches and groups, on
    /// random text made of digits, numeral chars, share words and everything around them.
    #[test]
    fn next_opening_is_the_char_loop() {
        let p = Patterns::embedded().unwrap();
        let v = ValueScanner::new(&p);
        let pieces = [
            "1", "a", "一", "字", "²", "٣", "①", "５", "𝟙", "𠀀", "é", "〇", "伍", "。", " ",
        ];
        let mut next = crate::words::tests::random(13);
        for _ in 0..3000 {
            let hay: String = crate::words::tests::random_text(&mut next, &pieces, 10);
            for (pos, _) in hay.char_indices().chain([(hay.len(), ' ')]) {
                let want = hay[pos..]
                    .char_indices()
                    .find(|&(_, c)| may_open_number(c))
                    .map(|(i, c)| (pos + i, c));
                assert_eq!(v.next_opening(&hay, pos), want, "{hay:?} from {pos}");
            }
        }
    }

    #[test]
    fn next_number_equals_the_pattern() {
        let p = Patterns::embedded().unwrap();
        let v = ValueScanner::new(&p);
        let pieces = [
            "1",
            "2",
            "0",
            " ",
            ".",
            ",",
            "%",
            "‰",
            "百分之",
            "千分之",
            "万分之",
            "仟分之",
            "2.4",
            "百",
            "千",
            "万",
            "一",
            "二",
            "十",
            "点",
            "两",
            "分",
            "之",
            "年",
            "达到",
            "a",
            "①",
            "²",
            "٣",
            "５",
            "亿",
            "〇",
            "伍",
            "12",
            "345",
            ",678",
            " 9",
            ". ",
            " %",
        ];
        let mut next = crate::words::tests::random(7);
        for _ in 0..30000 {
            let hay: String = crate::words::tests::random_text(&mut next, &pieces, 12);
            let mut pos = 0;
            while pos <= hay.len() {
                let want = v.number.captures_at(&hay, pos).map(|c| {
                    let r = |name: &str| c.name(name).map(|g| g.range());
                    (
                        c.get(0).unwrap().range(),
                        c.name("share").and_then(|g| share_unit(g.as_str())),
                        r("sn"),
                        r("sp"),
                        r("ar"),
                        r("cn"),
                    )
                });
                let got = v
                    .next_number(&hay, pos)
                    .map(|c| (c.whole, c.share, c.sn, c.sp, c.ar, c.cn));
                assert_eq!(got, want, "{hay:?} from {pos}");
                pos += hay[pos..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}
