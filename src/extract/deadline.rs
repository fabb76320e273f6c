//! Deadlines: time expressions (到2025年底, 2024年6月底, 第三季度, 十四五期末, 民国114年, 20xx年)
//! read into a year and an ISO date, and the scope rules that give each position of a
//! document the deadline that governs it.

use regex::{CaptureLocations, Regex};

use super::number::parse_chinese;
use crate::patterns::Patterns;
use crate::words::WordList;

/// One time expression of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// Byte range in the normalized text (prefix words such as 到 included).
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    /// "YYYY-MM-DD" or None (placeholder, or a period without a known year).
    pub deadline: Option<String>,
    /// The period's month-day when the year is not in the expression (第三季度 → "09-30").
    pub period: Option<String>,
    /// A year placeholder (20xx): takes over the scope with a null deadline.
    pub placeholder: bool,
    /// A reference point, not a deadline (在2020年基础上, 比2020年).
    pub reference: bool,
    /// A series member: 2023年、2024年、2025年 (index in the series, series length).
    pub series: Option<(usize, usize)>,
    /// The first day of a time that spans a period: a range (2017年8月11日至8月22日 →
    /// 2017-08-11) or a plan period (十四五期间 → 2021-01-01). None for a deadline.
    pub period_start: Option<String>,
}

impl TimeExpr {
    /// A whole year at `start..end`: its deadline is the year's last day.
    pub fn year_end(year: i32, start: usize, end: usize) -> TimeExpr {
        TimeExpr {
            start,
            end,
            year: Some(year),
            deadline: Some(format!("{year:04}-12-31")),
            period: None,
            placeholder: false,
            reference: false,
            series: None,
            period_start: None,
        }
    }

    /// The same expression with its year filled from a scope year (第三季度 in a 2019 section).
    pub fn with_year(&self, year: Option<i32>) -> TimeExpr {
        let mut t = self.clone();
        if t.year.is_none() && !t.placeholder {
            if let (Some(y), Some(p)) = (year, &t.period) {
                t.year = Some(y);
                t.deadline = Some(format!("{y:04}-{p}"));
            }
        }
        t
    }
}

/// Indices of the named groups of the time pattern (a lookup by name hashes the name).
struct Groups {
    pre: usize,
    rocy: usize,
    y: usize,
    yph: usize,
    ycn: usize,
    y2: usize,
    rel: usize,
    plan: usize,
    bare: usize,
    tail: usize,
    m0: usize,
    m: usize,
    post: usize,
    md: usize,
    d: usize,
}

impl Groups {
    fn of(re: &Regex) -> Groups {
        let at = |name: &str| {
            re.capture_names()
                .position(|n| n == Some(name))
                .unwrap_or_else(|| panic!("time pattern has no group {name}"))
        };
        Groups {
            pre: at("pre"),
            rocy: at("rocy"),
            y: at("y"),
            yph: at("yph"),
            ycn: at("ycn"),
            y2: at("y2"),
            rel: at("rel"),
            plan: at("plan"),
            bare: at("bare"),
            tail: at("tail"),
            m0: at("m0"),
            post: at("post"),
            m: at("m"),
            md: at("md"),
            d: at("d"),
        }
    }
}

pub struct DeadlineReader {
    re: Regex,
    /// Words before a year that make it a comparison's baseline (lexicon `time_comparison`).
    comparison: WordList,
    /// Words that open a change's start value (lexicon `change_from`: 由, 从).
    change_from: WordList,
    groups: Groups,
    /// Chars of which every time expression holds at least one (its anchors), each with a
    /// SIMD searcher: the pattern runs only in windows around them.
    anchors: Vec<memchr::memmem::Finder<'static>>,
    /// The longest match, in bytes, with a 民国 year of one numeral (longer ones add their
    /// numeral run, counted where it stands).
    max_len: usize,
    since_issue: Regex,
    /// A month and day without a year (9月30日前, 三月一日, 4月26日).
    month_day: Regex,
    /// A date written in digits (2010-01-29, 2020/1/2, 2019.9.6, 20240307).
    numeric_date: Regex,
    periods: Vec<(String, String)>,
    plan_periods: Vec<(String, i32, i32)>,
    /// Words of a time relative to the date of issue (今年, 下个月, 本季度) and what each is.
    relative: Vec<(String, Relative)>,
    /// Relative words that are a deadline only in a frame (年底前, 到年底), and the goal words
    /// that make one (力争年内).
    relative_framed: crate::words::Words,
    goal: crate::words::WordList,
}

/// A time relative to the date of issue: the calendar unit and how many of it after the one
/// the notice was issued in (本月 → month 0, 下个月 → month 1, 明年 → year 1). It ends on the
/// last day of that unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relative {
    /// The century: 本世纪末 in a notice of 1982 ends on 2000-12-31 (centuries end with their
    /// hundredth year).
    Century(i32),
    /// The middle of the century: 本世纪中叶 in a notice of 2024 ends on 2050-12-31.
    MidCentury(i32),
    Year(i32),
    Quarter(i32),
    Month(i32),
}

impl Relative {
    /// Read "year+1", "quarter+0", "month+1", "midcentury+0" (lexicon.tsv, kind
    /// `relative_time`).
    fn parse(s: &str) -> Option<Relative> {
        let (unit, n) = s.split_once('+')?;
        let n: i32 = n.parse().ok()?;
        Some(match unit {
            "century" => Relative::Century(n),
            "midcentury" => Relative::MidCentury(n),
            "year" => Relative::Year(n),
            "quarter" => Relative::Quarter(n),
            "month" => Relative::Month(n),
            _ => return None,
        })
    }

    /// The last day of the unit, counted from a date of issue.
    fn resolve(self, (y, m, _): (i32, u32, u32)) -> (i32, u32, u32) {
        let month_end = |total: i32| {
            let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
            (ny, nm, last_day(ny, nm))
        };
        match self {
            Relative::Century(n) => ((y + 99) / 100 * 100 + 100 * n, 12, 31),
            Relative::MidCentury(n) => ((y + 99) / 100 * 100 - 50 + 100 * n, 12, 31),
            Relative::Year(n) => (y + n, 12, 31),
            Relative::Quarter(n) => {
                let q = (m as i32 - 1) / 3 + n;
                month_end(y * 12 + q * 3 + 2)
            }
            Relative::Month(n) => month_end(y * 12 + m as i32 - 1 + n),
        }
    }
}

/// How far back (bytes) a time's context is read for an open 《 (a cited title) or its clause:
/// titles and clauses are far shorter, and a bound keeps a one-line document linear.
const TITLE_REACH: usize = 600;

/// The numerals of a 民国 year written in words, whose run the time pattern does not bound.
const ROC_NUMERALS: &str = "一二三四五六七八九十百";

/// The words of the relative times, paired like the period words (for [`anchor_chars`]).
fn relative_words(relative: &[(String, Relative)]) -> Vec<(String, String)> {
    relative
        .iter()
        .map(|(w, _)| (w.clone(), String::new()))
        .collect()
}

/// The chars every match of the time pattern holds one of: 年 is in every year form, 期 or 末
/// in every plan-period form; the period and relative words each add their last char unless
/// they hold one already.
fn anchor_chars<'a>(periods: impl Iterator<Item = &'a (String, String)>) -> Vec<String> {
    let mut anchors: Vec<String> = ["年", "期", "末"].map(String::from).to_vec();
    for (w, _) in periods {
        if !anchors.iter().any(|a| w.contains(a.as_str())) {
            anchors.extend(w.chars().next_back().map(String::from));
        }
    }
    anchors
}

fn last_day(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
    (y, m, d)
}

fn add_days((y, m, d): (i32, u32, u32), n: i64) -> (i32, u32, u32) {
    civil_from_days(days_from_civil(y, m, d) + n)
}

fn add_months((y, m, d): (i32, u32, u32), n: u32) -> (i32, u32, u32) {
    let total = (y as i64) * 12 + (m as i64 - 1) + n as i64;
    let (ny, nm) = (
        (total.div_euclid(12)) as i32,
        (total.rem_euclid(12) + 1) as u32,
    );
    (ny, nm, d.min(last_day(ny, nm)))
}

fn small_number(s: &str) -> Option<u32> {
    s.parse::<u32>()
        .ok()
        .or_else(|| parse_chinese(s).map(|n| n.value as u32))
}

impl DeadlineReader {
    pub fn new(p: &Patterns) -> DeadlineReader {
        let mut periods: Vec<(String, String)> = p
            .pairs("period")
            .into_iter()
            .map(|(w, v)| (w.to_string(), v.to_string()))
            .collect();
        periods.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        let mut relative: Vec<(String, Relative)> = p
            .pairs("relative_time")
            .into_iter()
            .filter_map(|(w, v)| Some((w.to_string(), Relative::parse(v)?)))
            .collect();
        relative.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        let relative_alt = relative
            .iter()
            .map(|(w, _)| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        let plan_periods = p
            .pairs("plan_period")
            .into_iter()
            .filter_map(|(w, v)| {
                let (a, b) = v.split_once('-')?;
                Some((w.to_string(), a.parse().ok()?, b.parse().ok()?))
            })
            .collect::<Vec<_>>();
        let period_alt = periods
            .iter()
            .map(|(w, _)| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        let plan_alt = plan_periods
            .iter()
            .map(|(w, _, _)| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        let placeholders = p
            .list("placeholder")
            .into_iter()
            .map(regex::escape)
            .collect::<Vec<_>>()
            .join("|");
        // `roc_run` repeats the numerals of a 民国 year: "+" for the pattern, "" for its bound.
        let pattern = |roc_run: &str| {
            format!(
                r#"(?x)
            (?P<pre>到|至|于|在|力争到?|争取到?|截至|截止到?)?\x20?
            (?:
              (?P<roc>民国)(?P<rocy>\d{{1,3}}|[{ROC_NUMERALS}]{roc_run})\x20?年
            | (?P<y>(?:19|20)\d{{2}})\x20?年(?:度)?
            | (?P<yph>20(?:{placeholders}))\x20?年(?:度)?
            | (?P<ycn>[一二三四五六七八九〇○零]{{4}})\x20?年
            | (?P<y2>\d{{2}})年
            | (?P<rel>{relative_alt})
            | (?P<plan>[“"]?(?:{plan_alt})[”"]?)(?P<planw>期间|时期|末期|期末|末)
            | (?P<bare>{period_alt})
            )
            (?P<tail>
              (?:年底|年末|底|末)
            | (?:{period_alt})
            | (?:(?P<m0>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\x20?月?\x20?[-~至到]\x20?)?(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\x20?月(?:份)?(?:(?P<md>底|末|上旬|中旬|下旬)|(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\x20?[日号])?
            )?
            (?P<post>前|之前|以前)?
            "#
            )
        };
        let re = Regex::new(&pattern("+")).expect("deadline pattern");
        let max_len = regex_syntax::parse(&pattern(""))
            .ok()
            .and_then(|hir| hir.properties().maximum_len())
            .expect("the time pattern is bounded but for its 民国 numerals");
        DeadlineReader {
            comparison: WordList::longest_first(p.list("time_comparison")),
            change_from: WordList::longest_first(p.list("change_from")),
            anchors: crate::words::finders(anchor_chars(
                periods.iter().chain(&relative_words(&relative)),
            )),
            max_len,
            since_issue: Regex::new(
                r"(?:自|从)?(?:本(?:通知|方案|办法|意见)?)?(?:印发|发布|公布|下发)之日起(?P<n>\d+|[一二三四五六七八九十百]+)(?:个)?(?P<u>日|天|个工作日|工作日|个月|月)内",
            )
            .expect("since-issue pattern"),
            month_day: Regex::new(
                r"(?P<pre>到|至|于|在)?(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\x20?月(?:份)?(?:(?P<md>底|末|上旬|中旬|下旬)|(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\x20?[日号])?(?P<post>前|之前|以前)?",
            )
            .expect("month-day pattern"),
            numeric_date: Regex::new(
                r"(?P<y>(?:19|20)\d{2})(?:(?P<sep>[-/.])(?P<m>\d{1,2})(?P<sep2>[-/.])(?P<d>\d{1,2})|(?P<m8>\d{2})(?P<d8>\d{2}))(?P<post>前|之前|以前)?",
            )
            .expect("numeric date pattern"),
            groups: Groups::of(&re),
            re,
            periods,
            plan_periods,
            relative,
            relative_framed: crate::words::Words::new(p.list("relative_framed")),
            goal: crate::words::WordList::longest_first(p.list("goal")),
        }
    }

    /// Every time expression of `text`, in order. `issued` (the document's date of issue,
    /// YYYY-MM-DD) anchors relative words: 今年, 明年, 印发之日起30日内.
    pub fn scan(&self, text: &str, issued: Option<&str>) -> Vec<TimeExpr> {
        let issue = issued.and_then(parse_date);
        // A year of issue alone (a date known only to the year) still anchors 今年 and 明年.
        let issue_year: Option<i32> = issued.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        let mut out: Vec<TimeExpr> = Vec::new();
        if let Some(date) = issued.and_then(parse_date) {
            for c in self.since_issue.captures_iter(text) {
                let m = c.get(0).expect("match");
                let Some(n) = small_number(&c["n"]) else {
                    continue;
                };
                let (y, mo, d) = match &c["u"] {
                    "个月" | "月" => add_months(date, n),
                    "个工作日" | "工作日" => add_days(date, n as i64 * 7 / 5),
                    _ => add_days(date, n as i64),
                };
                out.push(TimeExpr {
                    start: m.start(),
                    end: m.end(),
                    year: Some(y),
                    deadline: Some(format!("{y:04}-{mo:02}-{d:02}")),
                    period: None,
                    placeholder: false,
                    reference: false,
                    series: None,
                    period_start: None,
                });
            }
        }
        let mut locs = self.re.capture_locations();
        self.each_match(text, &mut locs, |locs| {
            if let Some(t) = self.expr_at(text, &Caps { text, locs }, issue, issue_year) {
                out.push(t);
            }
        });
        out.sort_by_key(|t| t.start);
        self.other_dates(text, issued, &mut out);
        out.sort_by_key(|t| t.start);
        merge_ranges(text, &mut out);
        bare_first_years(text, &mut out);
        // Series: 2023年、2024年、2025年 (only 、 between them).
        let mut i = 0;
        while i < out.len() {
            let mut j = i;
            while j + 1 < out.len() && text[out[j].end..out[j + 1].start] == *"、" {
                j += 1;
            }
            if j > i {
                let n = j - i + 1;
                for (k, t) in out[i..=j].iter_mut().enumerate() {
                    t.series = Some((k, n));
                }
            }
            i = j + 1;
        }
        out
    }

    /// Dates the main pattern does not read: a month and day without a year, bounded (9月30日前,
    /// 于4月26日, 8月底) or closing a range (…至8月22日), and dates in digits (2010-01-29,
    /// 2020/1/2, 2019.9.6, 20240307). A yearless date takes the year of issue, or the next year
    /// when it falls before the date of issue (a plan's dates lie ahead of it); without a date
    /// of issue it keeps only its month and day, and the scope gives the year (as 第三季度).
    fn other_dates(&self, text: &str, issued: Option<&str>, out: &mut Vec<TimeExpr>) {
        let taken =
            |out: &[TimeExpr], a: usize, b: usize| out.iter().any(|t| t.start < b && a < t.end);
        let issue = issued.and_then(parse_date);
        let mut found = Vec::new();
        if text.contains('月') {
            for c in self.month_day.captures_iter(text) {
                let m = c.get(0).expect("match");
                if taken(out, m.start(), m.end()) {
                    continue;
                }
                let before = &text[..m.start()];
                // 2025年12月 is the main pattern's; 3个月, 12月份的 stay out.
                if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '年' || ch == '个') {
                    continue;
                }
                let bounded = c.name("pre").is_some()
                    || c.name("post").is_some()
                    || c.name("md")
                        .is_some_and(|x| matches!(x.as_str(), "底" | "末"));
                // The end of a range: a dated time right before, joined by a dash or 至/到.
                let range_end = out
                    .iter()
                    .filter(|t| t.end <= m.start() && t.year.is_some())
                    .max_by_key(|t| t.end)
                    .is_some_and(|t| {
                        let between = text[t.end..m.start()].trim();
                        matches!(between, "-" | "~" | "至" | "到")
                            || (between.is_empty()
                                && c.name("pre")
                                    .is_some_and(|p| matches!(p.as_str(), "至" | "到")))
                    });
                if !bounded && !range_end {
                    continue;
                }
                let Some(month) = small_number(&c["m"]).filter(|m| (1..=12).contains(m)) else {
                    continue;
                };
                let day = match (c.name("d"), c.name("md").map(|x| x.as_str())) {
                    (Some(d), _) => {
                        match small_number(d.as_str()).filter(|d| (1..=31).contains(d)) {
                            Some(d) => d,
                            None => continue,
                        }
                    }
                    (None, Some("上旬")) => 10,
                    (None, Some("中旬")) => 20,
                    _ => 0,
                };
                // The end of a range takes the year of its start (merge_ranges).
                let year = issue.filter(|_| !range_end).map(|(y, im, id)| {
                    let d = if day == 0 { last_day(y, month) } else { day };
                    if (month, d) < (im, id) {
                        y + 1
                    } else {
                        y
                    }
                });
                let d = if day == 0 {
                    last_day(year.unwrap_or(2001), month)
                } else {
                    day
                };
                let period = format!("{month:02}-{d:02}");
                found.push(TimeExpr {
                    start: m.start(),
                    end: m.end(),
                    year,
                    deadline: year.map(|y| format!("{y:04}-{period}")),
                    period: Some(period),
                    placeholder: false,
                    reference: false,
                    series: None,
                    period_start: None,
                });
            }
        }
        for c in self.numeric_date.captures_iter(text) {
            let m = c.get(0).expect("match");
            if taken(out, m.start(), m.end()) {
                continue;
            }
            let before = &text[..m.start()];
            let after = &text[m.end()..];
            // Inside a longer number, a code or a document number.
            if before.ends_with(|ch: char| {
                ch.is_ascii_alphanumeric() || matches!(ch, '-' | '/' | '.' | '〔' | '[')
            }) || after.starts_with(|ch: char| {
                ch.is_ascii_alphanumeric() || matches!(ch, '-' | '/' | '.' | '〕' | ']')
            }) {
                continue;
            }
            if c.name("sep").is_some()
                && c.name("sep").map(|x| x.as_str()) != c.name("sep2").map(|x| x.as_str())
            {
                continue;
            }
            let (mo, dd) = match (c.name("m"), c.name("d"), c.name("m8"), c.name("d8")) {
                (Some(mo), Some(dd), _, _) | (_, _, Some(mo), Some(dd)) => {
                    (mo.as_str(), dd.as_str())
                }
                _ => continue,
            };
            let (Ok(y), Ok(mo), Ok(dd)) =
                (c["y"].parse::<i32>(), mo.parse::<u32>(), dd.parse::<u32>())
            else {
                continue;
            };
            if !(1..=12).contains(&mo) || dd == 0 || dd > last_day(y, mo) {
                continue;
            }
            found.push(TimeExpr {
                start: m.start(),
                end: m.end(),
                year: Some(y),
                deadline: Some(format!("{y:04}-{mo:02}-{dd:02}")),
                period: Some(format!("{mo:02}-{dd:02}")),
                placeholder: false,
                reference: false,
                series: None,
                period_start: None,
            });
        }
        out.extend(found);
    }

    /// The time expression of one match of the time pattern (None: not one, by its context).
    fn expr_at(
        &self,
        text: &str,
        c: &Caps,
        issue: Option<(i32, u32, u32)>,
        issue_year: Option<i32>,
    ) -> Option<TimeExpr> {
        let g = &self.groups;
        let m = c.get(0).expect("match");
        let before = &text[..m.start()];
        let after = &text[m.end()..];
        let prev = before.chars().next_back();
        if prev.is_some_and(|p| {
            p.is_ascii_digit()
                || p == '〔'
                || p == '['
                || p == '(' && after.starts_with(['〕', ']', ')'])
        }) {
            return None;
        }
        if after.starts_with(['〕', ']']) {
            return None; // a document number's year
        }
        // A year inside a cited title (《…2023-2025年…》) dates that document, not a task.
        // Only the last stretch of the line is looked at (a title is short, and so is a clause),
        // so that a document of one long line is not read again for every time in it.
        let near = &before[before.floor_char_boundary(before.len().saturating_sub(TITLE_REACH))..];
        let line_before = &near[near.rfind('\n').map(|i| i + 1).unwrap_or(0)..];
        if line_before.matches('《').count() > line_before.matches('》').count() {
            return None;
        }
        let mut year: Option<i32> = None;
        let mut placeholder = false;
        let mut period: Option<String> = None;
        let mut period_start = None;
        if let Some(y) = c.get(g.y) {
            year = y.as_str().parse().ok();
        } else if c.get(g.yph).is_some() {
            placeholder = true;
        } else if let Some(y) = c.get(g.ycn) {
            year = parse_chinese(y.as_str()).map(|n| n.value as i32);
        } else if let Some(y) = c.get(g.y2) {
            // Two-digit years only where they can be nothing else (在13年基础上, 13年工作).
            let v: i32 = y.as_str().parse().unwrap_or(0);
            if before.ends_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            // (结束了66年的营业税征收历史, 长达30年的: after a verb or 达, a count of years.)
            let duration = before.ends_with(['了', '达', '近', '过', '经', '历', '这', '那']);
            // 平均受教育年限达到11年, 提高到14年以上: 到 or 至 after a verb of reaching or
            // change, or a bound after the number, make it a count of years.
            let reached = c
                .get(g.pre)
                .is_some_and(|p| matches!(p.as_str(), "到" | "至"))
                && before.ends_with([
                    '达', '高', '加', '长', '升', '增', '扩', '降', '低', '缩', '短',
                ]);
            let bounded = ["以上", "以下", "以内", "左右", "多"]
                .iter()
                .any(|w| after.starts_with(w));
            if reached || bounded {
                return None;
            }
            let head_ok = c.get(g.pre).is_some()
                || after.starts_with("基础")
                || after.starts_with("工作")
                || (after.starts_with("的") && !duration);
            if !head_ok {
                return None;
            }
            year = Some(if v <= 50 { 2000 + v } else { 1900 + v });
        } else if let Some(r) = c.get(g.rocy) {
            year = small_number(r.as_str()).map(|v| v as i32 + 1911);
        } else if let Some(rel) = c.get(g.rel) {
            // 三年内, 两、三年内: a span of years, not "within this year".
            if rel.as_str() == "年内"
                && before.ends_with(|ch: char| {
                    ch.is_ascii_digit() || "一二三四五六七八九十两几、".contains(ch)
                })
            {
                return None;
            }
            // 每年年底, 每月当月, 第三年年底: counted from something else than the notice (what
            // stands right before the word itself: 一九八一年到本世纪末 is a range).
            let clause = near.rsplit(['。', ';', ',', '\n']).next().unwrap_or(near);
            if clause.contains('每')
                || text[..rel.start()].ends_with(|ch: char| {
                    ch.is_ascii_digit() || ch == '年' || "一二三四五六七八九十两".contains(ch)
                })
            {
                return None;
            }
            // 纳入年底效能目标考核: 年底 as an adjective is no deadline.
            let framed = c.get(g.pre).is_some()
                || c.get(g.post).is_some()
                || before
                    .trim_end_matches(' ')
                    .ends_with(['。', ';', ',', ':', '\n', '('])
                || before.is_empty()
                || self.goal.suffix_of(before).is_some();
            if !framed
                && self
                    .relative_framed
                    .longest_prefix(rel.as_str())
                    .is_some_and(|k| self.relative_framed.word(k) == rel.as_str())
            {
                return None;
            }
            // Without a date of issue a relative time reads as nothing.
            let (_, r) = self.relative.iter().find(|(w, _)| w == rel.as_str())?;
            let (y, m, d) = match (r, issue) {
                (_, Some(date)) => r.resolve(date),
                (Relative::Year(_) | Relative::Century(_), None) => {
                    r.resolve((issue_year?, 12, 31))
                }
                _ => return None,
            };
            year = Some(y);
            if !matches!(r, Relative::Year(_) | Relative::Century(_)) {
                period = Some(format!("{m:02}-{d:02}"));
            }
        } else if let Some(plan) = c.get(g.plan) {
            let name = plan.as_str().trim_matches(['“', '”', '"']);
            if let Some((_, first, last)) = self.plan_periods.iter().find(|(w, _, _)| w == name) {
                year = Some(*last);
                // 十四五期间, 十四五时期: the whole period, from its first year.
                let whole = m.as_str().ends_with("期间") || m.as_str().ends_with("时期");
                period_start = whole.then(|| format!("{first:04}-01-01"));
            }
        } else if let Some(b) = c.get(g.bare) {
            // 五年中, 两年中: a span of years, not the middle of one.
            if before.ends_with(|ch: char| {
                ch.is_ascii_digit() || "一二三四五六七八九十两几".contains(ch)
            }) && b.as_str().starts_with('年')
            {
                return None;
            }
            period = self
                .periods
                .iter()
                .find(|(w, _)| w == b.as_str())
                .map(|(_, v)| v.clone());
        }
        let mut deadline = None;
        if let Some(tail) = c.get(g.tail) {
            let t = tail.as_str();
            if let Some(mo) = c.get(g.m) {
                let month = small_number(mo.as_str()).filter(|m| (1..=12).contains(m));
                let month = month?;
                // 2015年1月至12月, 1997年4—6月: a range of months starts with the first.
                if let (Some(m0), Some(y)) = (c.get(g.m0), year) {
                    if let Some(m0) = small_number(m0.as_str()).filter(|m0| (1..month).contains(m0))
                    {
                        period_start = Some(format!("{y:04}-{m0:02}-01"));
                    }
                }
                let day = if let Some(d) = c.get(g.d) {
                    small_number(d.as_str()).filter(|d| (1..=31).contains(d))
                } else {
                    match c.get(g.md).map(|x| x.as_str()) {
                        Some("上旬") => Some(10),
                        Some("中旬") => Some(20),
                        _ => None,
                    }
                };
                period = Some(match day {
                    Some(d) => format!("{month:02}-{d:02}"),
                    None => format!("{month:02}-{:02}", last_day(year.unwrap_or(2001), month)),
                });
            } else if let Some((_, v)) = self.periods.iter().find(|(w, _)| t == w) {
                period = Some(v.clone());
            }
        }
        if let (Some(y), None) = (year, &period) {
            deadline = Some(format!("{y:04}-12-31"));
        }
        if let (Some(y), Some(p)) = (year, &period) {
            deadline = Some(format!("{y:04}-{p}"));
        }
        let pre = c.get(g.pre).map(|p| p.as_str()).unwrap_or("");
        // 截至2025年底 in a notice of 2024: a date after the issue is a deadline, not the date a
        // result is as of.
        let ahead = match (year, issue_year) {
            (Some(y), Some(a)) if y != a => y > a,
            (Some(_), Some(_)) => deadline
                .as_deref()
                .and_then(parse_date)
                .zip(issue)
                .is_some_and(|(d, i)| d > i),
            _ => false,
        };
        let reference = after.trim_start().starts_with("基础")
            || after.trim_start().starts_with("的基础")
            || before.ends_with('比')
            || before.ends_with("较")
            || (before.ends_with("与") && !after.starts_with("之间"))
            || before.ends_with("同")
            // 快于2024年, and 高于2020年 read with 于 as the match's own lead.
            || self
                .comparison
                .suffix_of(&text[..c.get(g.pre).map_or(m.start(), |p| p.end())])
                .is_some()
            // 由2020年的60%提高到95%: the year of a change's start value.
            || (self
                .change_from
                .suffix_of(&text[..c.get(g.pre).map_or(m.start(), |p| p.end())])
                .is_some()
                && after.starts_with(|c: char| c == '的' || c.is_ascii_digit()))
            // 是2015年的3.75倍: the base of a multiple.
            || after.strip_prefix('的').is_some_and(|a| {
                a.chars()
                    .take(12)
                    .take_while(|c| !matches!(c, ',' | '，' | ';' | '；' | '。'))
                    .any(|c| c == '倍')
            })
            || (pre.starts_with("截") && !ahead)
            || after.starts_with("以来")
            || after.starts_with("起")
            || after.starts_with("开始")
            || (c.get(g.plan).is_none() && after.starts_with("规划"));
        let lead = m.as_str().len() - m.as_str().trim_start().len();
        Some(TimeExpr {
            start: m.start() + lead,
            end: m.end(),
            year,
            deadline,
            period,
            placeholder,
            reference,
            series: None,
            period_start,
        })
    }

    /// Calls `f` with each match of the time pattern in `text`, in order: the matches
    /// `captures_iter` gives over the whole text. Every match holds an anchor char and lies
    /// within `max_len` bytes of it (plus, before it, the numeral run of a 民国 year), so the
    /// pattern runs only in the windows around the anchors, merged where they overlap. A
    /// window ends where no match crosses, and the pattern has no look-around, so a match
    /// found in a window is the one found in the whole text.
    fn each_match(
        &self,
        text: &str,
        locs: &mut CaptureLocations,
        mut f: impl FnMut(&CaptureLocations),
    ) {
        let b = text.as_bytes();
        let mut next: Vec<Option<usize>> = self.anchors.iter().map(|a| a.find(b)).collect();
        // The first anchor at or after byte `from`.
        let mut anchor_from = |from: usize| -> Option<usize> {
            let mut first: Option<usize> = None;
            for (k, finder) in self.anchors.iter().enumerate() {
                if next[k].is_some_and(|p| p < from) {
                    next[k] = b
                        .get(from..)
                        .and_then(|rest| finder.find(rest))
                        .map(|p| p + from);
                }
                if let Some(p) = next[k] {
                    first = Some(first.map_or(p, |q| q.min(p)));
                }
            }
            first
        };
        let window_start = |a: usize| a.saturating_sub(self.max_len + roc_run_before(text, a));
        let mut pos = 0;
        while let Some(a) = anchor_from(pos) {
            let start = text.floor_char_boundary(window_start(a).max(pos));
            let mut end = a + self.max_len;
            let mut last = a;
            while let Some(a2) = anchor_from(last + 1) {
                if window_start(a2) >= end {
                    break;
                }
                end = end.max(a2 + self.max_len);
                last = a2;
            }
            let end = text.ceil_char_boundary(end.min(text.len()));
            let hay = &text[..end];
            let mut at = start;
            while let Some(m) = self.re.captures_read_at(locs, hay, at) {
                f(locs);
                // Matches are never empty (the pattern's core is not optional).
                debug_assert!(m.end() > m.start());
                at = m.end().max(at + 1);
                if at > end {
                    break;
                }
            }
            pos = end;
        }
    }
}

/// A range of two times (2017年8月11日至8月22日, 1997年10月-1998年2月, 2016年6月1日-6月30日,
/// 2027年与2029年之间) is one time, from the start of the first to the end of the second: the
/// deadline is the end of the range (a second part without a year takes the first part's), and
/// `period_start` the first day of the first part.
fn merge_ranges(text: &str, out: &mut Vec<TimeExpr>) {
    let mut i = 0;
    while i + 1 < out.len() {
        // A range stays on one line: a date that ends a line (a letterhead's date of issue)
        // and a 到2030年 that opens the next are two times.
        let between = text[out[i].end..out[i + 1].start].trim_matches([' ', '\t', '\u{3000}']);
        let second = &text[out[i + 1].start..out[i + 1].end];
        let between_words =
            matches!(between, "与" | "和") && text[out[i + 1].end..].starts_with("之间");
        // 1997年10月――1998年2月: a dash may be written twice.
        let dashes = !between.is_empty() && between.chars().all(|c| matches!(c, '-' | '~'));
        let joined = dashes
            || matches!(between, "至" | "到")
            || (between.is_empty() && second.starts_with(['至', '到', '-']))
            || between_words;
        if joined && !out[i].reference && !out[i + 1].reference && out[i].year.is_some() {
            let first = out[i].clone();
            let second = out.remove(i + 1);
            let second = if second.year.is_none() {
                second.with_year(first.year)
            } else {
                second
            };
            let end = second.end + if between_words { "之间".len() } else { 0 };
            out[i] = TimeExpr {
                start: first.start,
                end,
                period_start: first
                    .period_start
                    .clone()
                    .or_else(|| first_day(&text[first.start..first.end], &first)),
                ..second
            };
        }
        i += 1;
    }
}

/// A range whose first year is written without 年 (2025—2027年, 2024-2026年, 2025至2027年) is
/// one time from 1 January of that year: the first year joins the time of the second.
fn bare_first_years(text: &str, out: &mut [TimeExpr]) {
    for t in out.iter_mut() {
        let (Some(last), None) = (t.year, &t.period_start) else {
            continue;
        };
        if t.reference || !text[t.start..t.end].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let before = &text[..t.start];
        // One or two dashes, or one 至 or 到.
        let sep = before.trim_end_matches(['-', '—', '–', '―', '~', '～', '至', '到']);
        let mark = &before[sep.len()..];
        let dashes = (1..=2).contains(&mark.chars().count()) && !mark.contains(['至', '到']);
        if !(dashes || matches!(mark, "至" | "到")) {
            continue;
        }
        let digits = sep.len() - sep.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits != 4 || sep[..sep.len() - 4].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let Ok(first) = sep[sep.len() - 4..].parse::<i32>() else {
            continue;
        };
        if first < last && last - first <= 15 {
            t.start = sep.len() - 4;
            t.period_start = Some(format!("{first:04}-01-01"));
        }
    }
}

/// The first day of a dated time, by how precisely it is written: a day (2017年8月11日,
/// 2010-01-29) is itself, a month (2017年8月) its first day, a year (2017年) its 1 January.
/// None for a period word (上半年, 第三季度).
fn first_day(written: &str, t: &TimeExpr) -> Option<String> {
    let year = t.year?;
    let deadline = t.deadline.as_deref()?;
    let digits_only =
        written.chars().any(|c| c.is_ascii_digit()) && !written.contains(['年', '月', '日', '号']);
    if written.contains(['日', '号']) || digits_only {
        return Some(deadline.to_string());
    }
    if written.contains('月') && !written.contains("季") {
        return Some(format!("{}-01", &deadline[..7]));
    }
    let year_only = t.period.is_none();
    year_only.then(|| format!("{year:04}-01-01"))
}

/// The bytes of the run of 民国-year numerals (and one space) that ends at byte `a`.
fn roc_run_before(text: &str, a: usize) -> usize {
    let head = &text[..a];
    let head = head.strip_suffix(' ').unwrap_or(head);
    let kept = head.trim_end_matches(|c: char| ROC_NUMERALS.contains(c));
    a - kept.len()
}

/// The groups of one match, read like `regex::Captures`.
struct Caps<'t> {
    text: &'t str,
    locs: &'t CaptureLocations,
}

/// One group's span and text.
struct Span<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Span<'t> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'t str {
        self.text
    }
}

impl<'t> Caps<'t> {
    fn get(&self, i: usize) -> Option<Span<'t>> {
        self.locs.get(i).map(|(start, end)| Span {
            start,
            end,
            text: &self.text[start..end],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(Option<i32>, Option<String>)> {
        let p = Patterns::embedded().unwrap();
        let r = DeadlineReader::new(&p);
        r.scan(s, Some("2023-06-08"))
            .into_iter()
            .filter(|t| !t.reference)
            .map(|t| (t.year, t.deadline))
            .collect()
    }

    fn one(s: &str) -> (Option<i32>, Option<String>) {
        let v = read(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    fn d(s: &str) -> Option<String> {
        one(s).1
    }

    #[test]
    fn day_marks_digit_dates_yearless_dates_and_ranges() {
        // Issued 2023-06-08 (see `read`).
        let one = |s: &str| {
            let v = read(s);
            assert_eq!(v.len(), 1, "{s}: {v:?}");
            v[0].1.clone()
        };
        assert_eq!(one("2015年3月3号前完成"), Some("2015-03-03".into()));
        assert_eq!(one("2010-01-29前完成"), Some("2010-01-29".into()));
        assert_eq!(one("2020/1/2前完成"), Some("2020-01-02".into()));
        assert_eq!(one("2019.9.6前完成"), Some("2019-09-06".into()));
        assert_eq!(one("20240307前完成"), Some("2024-03-07".into()));
        // Without a year: the year of issue, or the next one for a date before the issue.
        assert_eq!(one("9月30日前完成"), Some("2023-09-30".into()));
        assert_eq!(one("于3月1日报送"), Some("2024-03-01".into()));
        assert_eq!(one("8月底前完成"), Some("2023-08-31".into()));
        // Ranges end on their last day.
        assert_eq!(one("2017年8月11日至8月22日"), Some("2017-08-22".into()));
        assert_eq!(one("2016年6月1日-6月30日"), Some("2016-06-30".into()));
        assert_eq!(one("1997年4-6月"), Some("1997-06-30".into()));
        assert_eq!(one("1997年10月-1998年2月"), Some("1998-02-28".into()));
        // Not dates: counts of months, a bare month in running text, numbers and codes.
        assert!(read("培训3个月").is_empty());
        assert!(read("12月份的数据").is_empty());
        assert!(read("编号20240307A").is_empty());
        assert!(read("电话0791-8888").is_empty());
    }

    #[test]
    fn year_end_forms() {
        for s in [
            "到2025年底,孕产妇死亡率",
            "2025年底前完成",
            "2025年年底完成",
            "到2025年,家庭医生",
            "到 2025 年底至少设立",
            "2021年前,全市",
        ] {
            let y = &s[s.find('2').unwrap()..s.find('2').unwrap() + 4];
            assert_eq!(d(s).as_deref(), Some(format!("{y}-12-31").as_str()), "{s}");
        }
    }

    #[test]
    fn halves_quarters_months() {
        assert_eq!(d("2025年上半年完成").as_deref(), Some("2025-06-30"));
        assert_eq!(d("2025年下半年进行").as_deref(), Some("2025-12-31"));
        assert_eq!(d("2024年6月底前").as_deref(), Some("2024-06-30"));
        assert_eq!(d("2023年9月前").as_deref(), Some("2023-09-30"));
        assert_eq!(d("2023年2月底").as_deref(), Some("2023-02-28"));
        assert_eq!(d("2024年3月上旬").as_deref(), Some("2024-03-10"));
        assert_eq!(d("2024年10月15日前").as_deref(), Some("2024-10-15"));
        let p = Patterns::embedded().unwrap();
        let r = DeadlineReader::new(&p);
        let t = &r.scan("第三季度:全市设立病床的乡镇卫生院", None)[0];
        assert_eq!(
            t.with_year(Some(2019)).deadline.as_deref(),
            Some("2019-09-30")
        );
    }

    #[test]
    fn plans_placeholders_and_odd_years() {
        assert_eq!(one("“十四五”期末"), (Some(2025), Some("2025-12-31".into())));
        assert_eq!(one("十三五时期"), (Some(2020), Some("2020-12-31".into())));
        assert_eq!(one("二〇二五年底"), (Some(2025), Some("2025-12-31".into())));
        assert_eq!(one("民国114年"), (Some(2025), Some("2025-12-31".into())));
        assert_eq!(one("今年年底"), (Some(2023), Some("2023-12-31".into())));
        assert_eq!(one("明年"), (Some(2024), Some("2024-12-31".into())));
        assert_eq!(one("年内完成"), (Some(2023), Some("2023-12-31".into())));
        assert!(read("在两、三年内实现粮食自给").is_empty());
        assert!(read("三年内建成").is_empty());
        assert_eq!(
            one("2024年4月中旬前"),
            (Some(2024), Some("2024-04-20".into()))
        );
        assert_eq!(
            one("2024年4月下旬"),
            (Some(2024), Some("2024-04-30".into()))
        );
        assert_eq!(one("20xx年实现"), (None, None));
        assert_eq!(one("20__年的妇幼保健工作"), (None, None));
        let p = Patterns::embedded().unwrap();
        let r = DeadlineReader::new(&p);
        let t = r.scan("在13年基础上", None);
        assert_eq!(t[0].year, Some(2013));
        assert!(t[0].reference);
        // A year after a word of comparison (lexicon time_comparison) is a baseline, with or
        // without 于 read as the expression's lead; a year after 于 alone is a time.
        for s in [
            "增速快于2024年1.8个百分点",
            "高于“十三五”时期1.2个百分点",
            "超过2019年水平",
        ] {
            let t = r.scan(s, Some("2026-01-20"));
            assert!(t.iter().all(|t| t.reference), "{s}: {t:?}");
        }
        assert!(r
            .scan("于2025年底前完成", Some("2024-01-20"))
            .iter()
            .any(|t| !t.reference && t.year == Some(2025)));
        // The year of a change's start value is a baseline; a range from a year is a time.
        for s in [
            "由2020年的60%提高到95%",
            "从2012年2.5万亿元增长到9.6万亿元",
            "高新技术企业突破1.46万家,是2015年的3.75倍",
        ] {
            let t = r.scan(s, Some("2024-03-01"));
            assert!(t[0].reference, "{s}: {t:?}");
        }
        assert!(r
            .scan("从2024年至2026年，每年新增", Some("2024-03-01"))
            .iter()
            .all(|t| !t.reference));
        assert!(r.scan("新府发〔2023〕3号", None).is_empty());
        // A year at the start of a line starts there, not at the line break.
        let t = r.scan("一、工作目标\n2019年,全市", None);
        assert_eq!(t[0].start, "一、工作目标\n".len());
    }

    #[test]
    fn relative_to_the_date_of_issue() {
        let p = Patterns::embedded().unwrap();
        let r = DeadlineReader::new(&p);
        let t = r.scan("自本通知印发之日起30日内报送", Some("2023-06-08"));
        assert_eq!(t[0].deadline.as_deref(), Some("2023-07-08"));
        let t = r.scan("印发之日起3个月内完成", Some("2023-11-30"));
        assert_eq!(t[0].deadline.as_deref(), Some("2024-02-29"));
        assert!(r.scan("印发之日起30日内", None).is_empty());
        assert_eq!(add_days((2024, 12, 31), 1), (2025, 1, 1));
    }

    #[test]
    fn words_relative_to_the_issue_end_with_their_unit() {
        let p = Patterns::embedded().unwrap();
        let r = DeadlineReader::new(&p);
        let at = |s: &str, issued: &str| {
            r.scan(s, Some(issued))
                .first()
                .and_then(|t| t.deadline.clone())
        };
        assert_eq!(
            at("本月底前完成", "2024-03-01").as_deref(),
            Some("2024-03-31")
        );
        assert_eq!(
            at("下个月完成", "2024-12-15").as_deref(),
            Some("2025-01-31")
        );
        assert_eq!(
            at("本季度完成", "2024-05-20").as_deref(),
            Some("2024-06-30")
        );
        assert_eq!(
            at("下季度完成", "2024-11-02").as_deref(),
            Some("2025-03-31")
        );
        assert_eq!(at("明年完成", "2024-03-01").as_deref(), Some("2025-12-31"));
        assert_eq!(
            at("到本世纪末翻两番", "1982-12-10").as_deref(),
            Some("2000-12-31")
        );
        // A range from a year to a relative time; a zero written ○ in a year of numerals.
        let t = r.scan("从一九八一年到本世纪末的二十年", Some("1982-09-01"));
        assert_eq!(
            (t[0].year, t[0].period_start.as_deref()),
            (Some(2000), Some("1981-01-01"))
        );
        assert_eq!(
            at("即由一九八○年的七千一百亿元增加到二○○○年的", "1982-09-01").as_deref(),
            Some("1980-12-31")
        );
        assert_eq!(
            r.scan("增加到二○○○年的", Some("1982-09-01"))[0].year,
            Some(2000)
        );
        // A year of issue alone still gives a relative year, not a month.
        assert_eq!(r.scan("今年完成", Some("2024")).len(), 1);
        // 年底 as an adjective, a recurrence and a span are no deadlines.
        assert!(at("纳入年底考核", "2024-03-01").is_none());
        assert!(at("每年年底报送", "2024-03-01").is_none());
        assert!(at("五年中完成", "2024-03-01").is_none());
        // 来年 at the end of another word (以来 + 年均) is none either; framed, it is next year.
        assert!(at("产业以来年均增速", "2024-03-01").is_none());
        assert_eq!(r.scan("来年完成", Some("2024-03-01"))[0].year, Some(2025));
    }

    #[test]
    fn series_are_marked() {
        let p = Patterns::embedded().unwrap();
        let r = DeadlineReader::new(&p);
        let t = r.scan("2023年、2024年、2025年开展新项目", None);
        assert_eq!(t.len(), 3);
        assert_eq!(t[2].series, Some((2, 3)));
    }
    /// The windowed search gives the matches `captures_iter` gives over the whole text, on
    /// random text made of the pattern's pieces, numeral runs and long stretches without anchors.
    #[test]
    fn windows_find_what_the_whole_text_search_finds() {
        let p = Patterns::embedded().unwrap();
        let r = DeadlineReader::new(&p);
        let pieces = [
            "到",
            "力争",
            "截止到",
            " ",
            "2025",
            "20",
            "13",
            "年",
            "民国一百一十一百一十一百一十一百一十一百一十一百一十一百一十一百一十一百一十",
            "截止到 “十四五”",
            "力争到 二〇二五",
            "年十二 月份",
            "十二 日之前",
            "底",
            "末",
            "度",
            "民国",
            "一",
            "十",
            "百",
            "三",
            "〇",
            "期",
            "间",
            "十四五",
            "“",
            "”",
            "第一季度",
            "季",
            "上半年",
            "今年",
            "年内",
            "月",
            "份",
            "中旬",
            "12",
            "日",
            "前",
            "之前",
            "xx",
            "〔",
            "《",
            "》",
            "，",
            "\n",
            "的",
            "各地区各部门要认真贯彻落实本通知精神切实加强组织领导确保取得实效",
        ];
        let mut next = crate::words::tests::random(29);
        for _ in 0..20000 {
            let hay: String = crate::words::tests::random_text(&mut next, &pieces, 40);
            let want: Vec<Vec<Option<(usize, usize)>>> =
                r.re.captures_iter(&hay)
                    .map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect())
                    .collect();
            let mut got = Vec::new();
            let mut locs = r.re.capture_locations();
            r.each_match(&hay, &mut locs, |l| {
                got.push((0..l.len()).map(|i| l.get(i)).collect::<Vec<_>>())
            });
            assert_eq!(got, want, "{hay:?}");
        }
    }
}
