//! Extraction: from one normalized document to its targets, milestones and metadata — the
//! layout pass (sentences, headings, tables), time scopes, responsible-unit brackets, and the
//! target and milestone rules.

pub mod deadline;
pub mod layout;
pub mod metadata;
pub mod milestone;
pub mod number;
pub mod responsible;
pub mod table;
pub mod target;
pub mod topic;
pub mod value;

use regex::Regex;

use crate::document::{byte_of_char, line_spans};
use crate::error::{Error, Result};
use crate::patterns::{Comparator, Patterns};
use crate::region::RegionTable;
use crate::segment::Segmenter;
use crate::words::{finders, WordList, WordSets, Words};
use deadline::{DeadlineReader, TimeExpr};
use layout::{heading, Heading, Span};
use metadata::{DocMeta, MetaRules};
use responsible::{Bracket, UnitList, UnitReader};
use target::{Found, SentenceCtx, TargetRules};
use value::ValueScanner;

/// The compiled rules of extraction, built once and shared by every thread.
pub struct Extractor {
    pub values: ValueScanner,
    pub deadlines: DeadlineReader,
    pub units: UnitReader,
    pub rules: TargetRules,
    pub meta_rules: MetaRules,
    /// A plan's field from its title, for generic names (topic.rs).
    topics: topic::TopicRules,
    pub regions: RegionTable,
    pub milestones: milestone::MilestoneRules,
    period_words: WordList,
    /// Searchers for the report markers and the plan-genre words (SIMD memmem, built once).
    report_markers: Vec<memchr::memmem::Finder<'static>>,
    plan_genre: Vec<memchr::memmem::Finder<'static>>,
    /// `annual_plan` and `multi_year_plan` words (the title of a year's plan).
    plan_years: WordSets,
    /// Searchers for the sentences that make the first unit of a list the lead one.
    first_is_lead: Vec<memchr::memmem::Finder<'static>>,
    /// A plan period in a title, (2021-2025年): its last year dates the plan.
    title_period: Regex,
    /// A year written without 年 in a title, right before a word (数字山东2021行动方案).
    title_year: Regex,
    /// Words that make a value a quota per period, without a deadline (每年, 每天).
    per_period: Words,
    /// Narration phrases and the years before issue they span (五年来 → 5).
    outcome_span: (Words, Vec<i32>),
    /// Words that keep an outcome's bound comparator (超过, 以上).
    outcome_bound: Words,
    /// Words that keep it right before the value only (超2000个, not 超高清…达到).
    outcome_bound_lead: WordList,
    /// Headings of a glossary (lexicon glossary_heading: 名词解释).
    glossary_heading: WordList,
    /// Words that make a figure a level at the end of its period (达到, 增加到).
    outcome_level: Words,
    /// Words that make a percentage a rate over a period (年均, 增长), lexicon `flow_rate`.
    flow_rate: Words,
    /// Words of an average over years (年均), lexicon `annual_average`.
    annual_average: Words,
    /// Nouns of a goal after 的 behind a value (…的目标), lexicon `goal_reference`.
    goal_reference: Words,
    /// Words of the present (目前, 至今), lexicon `current_time`.
    current_time: Words,
    /// Plan periods and their first years (十四五 → 2021), lexicon `plan_period`.
    plan_starts: (Words, Vec<String>),
    /// Events a document belongs to and their years (十五大 → 1997), lexicon `dated_event`.
    dated_events: (Words, Vec<String>),
    /// Words that end a run of results in a paragraph (今年, 要, 力争).
    narration_end: Words,
    /// Tables of targets (序号 / 指标名称 / 单位 / 2025年 / 属性).
    tables: table::TableRules,
    /// Words that open a time setting the scope of what follows (到, 今年).
    scope_lead: WordList,
    /// The review words: review_start, review_end, and review_ahead (words that turn a review to
    /// what comes next: 今年, 下一步), in this order.
    review: WordSets,
    /// `review_end` words alone, and the words of a task done after one (lexicon `done_word`).
    review_end: Words,
    done_words: WordList,
    /// Words of achievement that make a heading with a past year a review (lexicon
    /// `review_heading`: 2022年数字中国建设取得显著成效).
    review_headings: Words,
}

/// A target with everything attached.
#[derive(Debug, Clone)]
pub struct Target {
    pub found: Found,
    pub indicator_id: Option<String>,
    pub time: Option<TimeExpr>,
    pub units: UnitList,
    pub duplicate_of: Option<usize>,
}

/// A dated task without a value.
#[derive(Debug, Clone)]
pub struct Milestone {
    pub task: String,
    pub time: Option<TimeExpr>,
    pub recurring: Option<String>,
    pub units: UnitList,
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    pub duplicate_of: Option<usize>,
}

/// What one document yields.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub targets: Vec<Target>,
    pub milestones: Vec<Milestone>,
    pub outcomes: Vec<Outcome>,
    pub meta: DocMeta,
}

/// First and last year of a figure.
pub type Period = (Option<i32>, Option<i32>);

/// The year of an ISO date ("2021-01-01" → 2021).
/// The opening of a paragraph or sentence where a narration phrase is looked for: about twelve
/// characters (36 bytes, cut at a character's boundary).
fn opening_words(s: &str) -> &str {
    let mut end = 36.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn year_of(d: &Option<String>) -> Option<i32> {
    d.as_deref().and_then(|d| d.get(..4)?.parse().ok())
}

/// A reported figure: what the text says was achieved, and the years it is for.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// As a target would be read (its comparator as a commitment would read it).
    pub found: Found,
    pub indicator_id: Option<String>,
    /// As written: `=` for an exact figure, `~` for 左右/约, a bound only for a bound word (超过).
    pub comparator: Comparator,
    /// First and last year the figure is for (equal for one year).
    pub period: Period,
}

/// Everything the passes of one document share.
pub struct DocPass<'a> {
    pub text: &'a str,
    pub lines: Vec<(usize, usize)>,
    pub times: Vec<TimeExpr>,
    /// Responsible-unit brackets, in order, not overlapping.
    pub brackets: Vec<Bracket>,
    /// The heading kind of each line, if it is one.
    pub headings: Vec<Option<Heading>>,
    /// The time of each line's section, from the headings above it (一、2019年…; 第一季度:).
    pub line_scope: Vec<Option<TimeExpr>>,
    /// The time that opened the latest paragraph before each line (到2025年,… / 今年…), when
    /// it came after the last heading with a time: it wins over `line_scope`.
    pub opened_scope: Vec<Option<TimeExpr>>,
    /// The time that opened the last sentence inside each line that set the time of what
    /// follows (…特制定本计划。力争到2027年，…。打造…10个以上): it governs the rest of the
    /// line.
    pub opened_within: Vec<Option<TimeExpr>>,
    pub doc_time: Option<TimeExpr>,
    pub table_start: Option<usize>,
    pub first_is_lead: bool,
    /// The document is a news report: only commitments count.
    pub report: bool,
    /// The document's issuer, for 我局-style subjects.
    pub issuer: Option<String>,
    /// Lines inside a review of past work.
    pub review: Vec<bool>,
    /// The year the document was issued (or the year of its title).
    pub anchor_year: Option<i32>,
    /// The date of issue as the document gives it (YYYY, YYYY-MM or YYYY-MM-DD), if any.
    pub issued: Option<String>,
    /// For each time of `times` that a colon follows before any 。 ; , or line end (2023年计划
    /// 完成: / 第一季度:): the colon's offset. Read once, so that asking it for every sentence
    /// of a long line costs no more than the line.
    pub colon_after: Vec<Option<usize>>,
    /// The indices of the times with a colon after them, in order.
    pub colon_times: Vec<usize>,
    /// The indices of the times a colon follows at once (第一季度: …, "time:" headings), in order.
    pub heading_times: Vec<usize>,
}

/// How far after a time (bytes) its colon is looked for.
const COLON_REACH: usize = 2000;

/// The offset of the colon after each time: the first of : 。 ; , or a line end after it, when
/// that is a colon within [`COLON_REACH`] bytes.
fn colons_after(text: &str, times: &[TimeExpr]) -> Vec<Option<usize>> {
    times
        .iter()
        .map(|t| {
            let end = text.floor_char_boundary((t.end + COLON_REACH).min(text.len()));
            text[t.end..end]
                .char_indices()
                .find(|(_, c)| matches!(c, ':' | '：' | '。' | ';' | ',' | '\n'))
                .filter(|(_, c)| matches!(c, ':' | '：'))
                .map(|(i, _)| t.end + i)
        })
        .collect()
}

impl Extractor {
    pub fn new(p: &Patterns) -> Result<Extractor> {
        let (file, text) = p.sources.get("metadata.tsv");
        let meta_rules = MetaRules::parse(text, file).map_err(parse_error)?;
        let (file, text) = p.sources.get("regions.tsv");
        let regions = RegionTable::parse(text, file).map_err(parse_error)?;
        Ok(Extractor {
            values: ValueScanner::new(p),
            deadlines: DeadlineReader::new(p),
            units: UnitReader::new(p),
            rules: TargetRules::new(p),
            meta_rules,
            regions,
            milestones: milestone::MilestoneRules::new(p),
            period_words: WordList::new(
                p.pairs("period")
                    .into_iter()
                    .map(|(w, _)| w.to_string())
                    .collect(),
            ),
            report_markers: finders(p.list("report")),
            plan_genre: finders(p.list("plan_genre")),
            topics: topic::TopicRules::new(p),
            first_is_lead: finders(p.list("lead_first")),
            scope_lead: WordList::new(p.words("scope_lead")),
            per_period: Words::new(p.list("per_period")),
            outcome_span: valued_words(p, "outcome_span", |n| n.parse().unwrap_or(1)),
            outcome_bound: Words::new(p.list("outcome_bound")),
            outcome_bound_lead: WordList::longest_first(p.list("outcome_bound_lead")),
            glossary_heading: WordList::longest_first(p.list("glossary_heading")),
            current_time: Words::new(p.list("current_time")),
            goal_reference: Words::new(p.list("goal_reference")),
            flow_rate: Words::new(p.list("flow_rate")),
            annual_average: Words::new(p.list("annual_average")),
            plan_starts: valued_words(p, "plan_period", |y| y[..4].to_string()),
            dated_events: valued_words(p, "dated_event", str::to_string),
            outcome_level: Words::new(p.list("outcome_level")),
            narration_end: Words::new(p.list("narration_end")),
            tables: table::TableRules::new(p),
            title_period: Regex::new(
                r"(?:^|[^0-9])((?:19|20)[0-9]{2})\s*[-－—–~～至到]\s*((?:19|20)[0-9]{2})\s*年",
            )
            .unwrap(),
            title_year: Regex::new(r"(?:^|[^0-9〔\[(])((?:19|20)[0-9]{2})[\p{Han}&&[^年]]")
                .unwrap(),
            plan_years: WordSets::new(&[p.list("annual_plan"), p.list("multi_year_plan")]),
            review_end: Words::new(p.list("review_end")),
            review_headings: Words::new(p.list("review_heading")),
            done_words: WordList::longest_first(p.list("done_word")),
            review: WordSets::new(&[
                p.list("review_start"),
                p.list("review_end"),
                p.list("review_ahead"),
            ]),
        })
    }

    /// Extract everything from one document.
    pub fn extract(&self, original: &str, norm: &str, seg: &Segmenter) -> Extraction {
        let meta = self.metadata(original, norm);
        self.extract_with(norm, seg, meta)
    }

    /// The document's metadata. They live in the head and the signature at the end; a long
    /// document is read as its first and last lines only (both texts cut at the same chars).
    pub fn metadata(&self, original: &str, norm: &str) -> DocMeta {
        let (o, n) = head_and_tail(original, norm);
        metadata::extract(&o, &n, &self.meta_rules, &self.regions)
    }

    /// Extract the targets and milestones of a text whose metadata are known (a whole document,
    /// or one piece of a very long one, read with the metadata of the whole).
    pub fn extract_with(&self, norm: &str, seg: &Segmenter, meta: DocMeta) -> Extraction {
        // Relative words (今年) are anchored on the date of issue, or on the year of the title
        // (2015年国务院政府工作报告) when the document states no date; a plan's title that names
        // its period gives the period's first year.
        let title_year = meta.title.as_deref().and_then(|t| {
            if let Some(first) = self.plan_start(t) {
                return Some(first.to_string());
            }
            let i = t.find('年')?;
            let y = &t[..i];
            let digits: String = y.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
            (digits.len() == 4).then(|| digits.chars().rev().collect::<String>())
        });
        // …or on the year of the event it belongs to (十五大: 1997), named at its head; or, for a
        // plan of a five-year period (山东省“十四五”科技创新规划), on the period's first year, in
        // which such plans are issued.
        let anchor = meta
            .date
            .clone()
            .or(title_year)
            .or_else(|| {
                let head_end = norm.char_indices().nth(300).map_or(norm.len(), |(i, _)| i);
                let (words, years) = &self.dated_events;
                let i = words.occurrences(&norm[..head_end]).next()?.2;
                Some(years[i].clone())
            })
            .or_else(|| {
                let title = meta.title.as_deref().filter(|t| self.plan_genre_in(t))?;
                let (words, years) = &self.plan_starts;
                let i = words.occurrences(title).next()?.2;
                Some(years[i].clone())
            });
        let mut pass = self.layout(norm, anchor.as_deref(), meta.title.as_deref());
        let topic = meta.title.as_deref().and_then(|t| self.topics.topic_of(t));
        let report = self.is_report(norm);
        pass.report = report;
        pass.issuer = meta.issuer.clone();
        let skip: Vec<Span> = pass
            .brackets
            .iter()
            .map(|b| Span {
                start: b.start,
                end: b.end,
            })
            .collect();
        let ctx = SentenceCtx {
            text: norm,
            rules: &self.rules,
            seg,
            times: &pass.times,
            report,
            skip: &skip,
            narration: false,
        };
        let narration = SentenceCtx {
            narration: true,
            ..ctx
        };
        let mut targets = Vec::new();
        let mut outcomes = Vec::new();
        let mut sentences = Vec::new();
        // Tables of targets are read through their header; their lines are not read again as
        // sentences.
        let tables = self.tables.read(norm, &pass.lines);
        // The period a paragraph of results opened (五年来，… / 刚刚过去的2025年，…): it governs the
        // lines after it up to the next heading or the next such opening.
        let mut opened_period: Option<Period> = None;
        // 名词解释: a glossary defines the text's terms (“四向八廊”：东南西北4个方向8条); its numbers
        // are no targets and no results, up to an annex after it.
        let mut glossary = false;
        for (li, &(ls, le)) in pass.lines.iter().enumerate() {
            let line = norm[ls..le].trim();
            if self.glossary_heading.suffix_of(line).is_some() && line.chars().nth(30).is_none() {
                glossary = true;
            } else if line.starts_with("附件") {
                glossary = false;
            }
            if glossary || tables.lines[li] {
                continue;
            }
            let review = pass.review[li];
            // Read in reviews only (outcomes elsewhere are few: a status word, a past year).
            if pass.headings[li].is_some() || !review {
                opened_period = None;
            } else if let Some(p) = self.opening_period(norm, &pass, ls, le) {
                opened_period = Some(p);
            }
            // A sentence outside a review that opens with a narration phrase (过去一年，… /
            // 五年来，…) makes the sentences after it in its paragraph results too, up to one
            // with a word of lexicon `narration_end` (今年, 要, 力争 …) or a time not before issue.
            let mut narrating: Option<Period> = None;
            for s in layout::sentences(norm, Span { start: ls, end: le }) {
                if !review {
                    sentences.push(s);
                    narrating = self.narrating(norm, &pass, s, narrating);
                }
                let mut mentions = self.values.scan(norm, s.start, s.end);
                if mentions.is_empty() {
                    continue;
                }
                // A review reports results: every value of it is an outcome, unless a future
                // marker leads its verb (工业总产值比1956年将增长4.5%, lexicon future_marker):
                // that value is read as the plans are.
                if review || narrating.is_some() {
                    let opened = if review { opened_period } else { narrating };
                    let mut planned = Vec::new();
                    for f in narration.sentence(s, mentions) {
                        if self.rules.future_before(&norm[f.start.min(f.at)..f.at]) {
                            planned.push(f.at);
                            continue;
                        }
                        // 提前实现…翻两番的目标: the goal referred to, no result.
                        if self.goal_referred(norm, &f) {
                            continue;
                        }
                        let time = f.own_time.clone().or_else(|| pass.time_at(s, f.at));
                        outcomes.push(self.outcome(norm, &pass, s, f, time.as_ref(), opened));
                    }
                    if planned.is_empty() {
                        continue;
                    }
                    // (Rare: the sentence's values are scanned again rather than kept for it.)
                    mentions = self.values.scan(norm, s.start, s.end);
                    mentions.retain(|m| planned.contains(&m.start));
                }
                // Values a status word governs (已建成, 截至目前) are results: read again for them,
                // when a status word that is no comparison governs one of them.
                let marks = ctx.marks(s);
                let narrated = if mentions.iter().any(|m| ctx.narrated(&marks, m.start)) {
                    narration.sentence(s, mentions.clone())
                } else {
                    Vec::new()
                };
                let found = ctx.sentence_marked(s, mentions, &marks);
                for f in narrated {
                    if !found.iter().any(|t| t.at == f.at)
                        && ctx.narrated(&marks, f.at)
                        && !self.rule_led(norm, &f)
                        && !self.goal_referred(norm, &f)
                    {
                        let time = f.own_time.clone().or_else(|| pass.time_at(s, f.at));
                        // (今年, the year of issue, dates a result so far; a later time none.)
                        let time = time.filter(|t| {
                            pass.before_issue(t) || (t.year.is_some() && t.year == pass.anchor_year)
                        });
                        outcomes.push(self.outcome(
                            norm,
                            &pass,
                            s,
                            f,
                            time.as_ref(),
                            opened_period,
                        ));
                    }
                }
                for mut f in found {
                    let time = match &f.own_time {
                        Some(t) => Some(t.clone()),
                        None => pass.time_at(s, f.at).filter(|t| {
                            // 到2023年,每年实施1000个技改项目: a quota per period has no deadline.
                            // Read in the value's full sentence only (a scope opened lines
                            // before does not make the whole document the window).
                            let sentence = pass.full_sentence_start(s.start);
                            let from = if t.end <= f.at {
                                t.end.max(sentence)
                            } else {
                                s.start
                            };
                            // The word governs the value's own clause, or the whole sentence
                            // when it opens it (每年举办…，促进不少于15项…), up to a sum over the
                            // period (…，累计培育120个): 粮食综合生产能力每年稳定在1121万吨以上，
                            // 能源综合生产能力达2.3亿吨 keeps the scope's year for the second.
                            let window = &norm[from.min(f.at)..f.at];
                            let window = value::clause_tail(window, &[';', '；']);
                            let clause = value::clause_tail(window, &[',', '，']);
                            let opening = window.trim_start_matches([',', '，', ' ', ':', '：']);
                            let opens = self.per_period.longest_prefix(opening).is_some()
                                && !self.rules.cumulative.any_in(opening);
                            !(self.per_period.any_in(clause) || opens)
                        }),
                    };
                    // A deadline before the year of issue dates a result, not a commitment —
                    // unless a rule's comparator leads the value (2018年度研发经费不低于500万元 in
                    // a call of 2019): the year is then the rule's condition, no deadline.
                    let mut time = time;
                    if let (Some(y), Some(a)) =
                        (time.as_ref().and_then(|t| t.year), pass.anchor_year)
                    {
                        if y < a {
                            if self.rule_led(norm, &f) {
                                time = None;
                            } else if self.goal_referred(norm, &f) {
                                continue;
                            } else {
                                outcomes.push(self.outcome(norm, &pass, s, f, time.as_ref(), None));
                                continue;
                            }
                        }
                    }
                    let units = match &f.own_units {
                        Some(u) => UnitList {
                            units: u.clone(),
                            ..UnitList::default()
                        },
                        None => pass.units_at(&self.units, s, f.at),
                    };
                    // 推动建设5个以上公共服务平台 in 智慧健康养老产业发展行动计划: a generic name
                    // takes the plan's field.
                    if let Some(q) = topic
                        .as_deref()
                        .and_then(|t| self.topics.qualify(seg, &f.indicator, t))
                    {
                        f.indicator = q;
                    }
                    targets.push(Target {
                        indicator_id: self.rules.found_id(norm, &f).map(String::from),
                        found: f,
                        time,
                        units,
                        duplicate_of: None,
                    });
                }
            }
        }
        let from_tables = !tables.targets.is_empty();
        for (found, time, units) in tables.targets {
            // A year column before the year of issue (or before the first year of the period the
            // plan's title names) holds what was reached, a base: 2020年 | 2025年 in a plan for
            // 2021–2025.
            if time.year.zip(pass.anchor_year).is_some_and(|(y, a)| y < a) {
                continue;
            }
            targets.push(Target {
                indicator_id: self
                    .rules
                    .record_id(&found.indicator, found.unit.as_deref())
                    .map(String::from),
                found,
                time: Some(time),
                units: UnitList {
                    units,
                    ..UnitList::default()
                },
                duplicate_of: None,
            });
        }
        if from_tables {
            // In document order (stable: the sentences' own order is kept).
            targets.sort_by_key(|t| t.found.start);
        }
        if let Some(ts) = pass.table_start {
            mark_duplicates(&mut targets, ts);
        }
        let milestones = self
            .milestones
            .find(&pass, &sentences, &targets, &self.units);
        Extraction {
            targets,
            milestones,
            outcomes,
            meta,
        }
    }

    /// Whether sentence `s` (outside a review) continues, opens or ends a run of results in its
    /// paragraph: opened by a narration phrase at the sentence's start (过去一年，…: its period),
    /// ended by a word of lexicon `narration_end` or a time not before the year of issue.
    fn narrating(
        &self,
        text: &str,
        pass: &DocPass,
        s: Span,
        before: Option<Period>,
    ) -> Option<Period> {
        let a = pass.anchor_year?;
        let body = &text[s.start..s.end];
        let mut end = (s.start + 18).min(s.end);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // Opening a sentence of its own: at the line's start or after a full stop (not after
        // a ；, inside a sentence that goes on about the plans).
        let whole = text[..s.start]
            .trim_end_matches([' ', '\u{3000}'])
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '\n' | '。' | '!' | '?' | '！' | '？'));
        if let Some(n) = self.span_in(&text[s.start..end]).filter(|_| whole) {
            return Some((Some(a - n), Some(a - 1)));
        }
        before?;
        let first = pass.times.partition_point(|t| t.start < s.start);
        let future = pass.times[first..]
            .iter()
            .take_while(|t| t.start < s.end)
            .any(|t| !t.reference && t.year.is_some_and(|y| y >= a));
        (!future && !self.narration_end.any_in(body))
            .then_some(before)
            .flatten()
    }

    /// The years the first phrase of lexicon `outcome_span` (in its order) found in `s` spans.
    fn span_in(&self, s: &str) -> Option<i32> {
        self.span_where(s, |_| true)
    }

    /// [`Self::span_in`], of the phrases whose end in `s` passes a test.
    fn span_where(&self, s: &str, end: impl Fn(usize) -> bool) -> Option<i32> {
        let (words, years) = &self.outcome_span;
        words
            .occurrences(s)
            .filter(|&(_, e, _)| end(e))
            .map(|(_, _, k)| k)
            .min()
            .map(|k| years[k])
    }

    /// The period a line opens as a paragraph of results: a narration phrase at its start
    /// (五年来 → the five years before the year of issue) or a year before the year of issue at
    /// its start (刚刚过去的2025年，…; 2024年，全市…).
    fn opening_period(&self, text: &str, pass: &DocPass, ls: usize, le: usize) -> Option<Period> {
        let a = pass.anchor_year?;
        let at = ls + layout::opening(&text[ls..le]);
        let opening = opening_words(&text[at..le]);
        let end = at + opening.len();
        if let Some(n) = self.span_in(opening) {
            return Some((Some(a - n), Some(a - 1)));
        }
        // A short first sentence that ends with a narration phrase (这是经济实力持续提升的五年。).
        let line = &text[at..le];
        if let Some(e) = line.find('。').filter(|&e| line[..e].chars().count() <= 40) {
            if let Some(n) = self.span_where(&line[..e], |end| end == e) {
                return Some((Some(a - n), Some(a - 1)));
            }
            // 2025年是“十四五”收官之年。五年来，…: a short first sentence that names the year
            // leaves the opening to the second.
            if let Some(n) = self.span_in(opening_words(&line[e + '。'.len_utf8()..])) {
                return Some((Some(a - n), Some(a - 1)));
            }
        }
        let first = pass.times.partition_point(|t| t.start < at);
        pass.times[first..]
            .iter()
            .take_while(|t| t.end <= end)
            .find(|t| !t.reference && t.year.is_some_and(|y| y < a))
            .map(|t| (year_of(&t.period_start).or(t.year), t.year))
    }

    /// Whether the value is the goal a narration refers to (实现…翻两番的目标, 低于13%左右的预期
    /// 目标): 的 right after it and a noun of lexicon `goal_reference` that ends its clause
    /// within seven chars.
    fn goal_referred(&self, text: &str, f: &Found) -> bool {
        let Some(rest) = text[f.end..].strip_prefix('的') else {
            return false;
        };
        // The noun ends the clause (85.2%的改革试点任务落地实施 is a share of the tasks).
        let end = rest
            .char_indices()
            .take(8)
            .find(|&(_, c)| layout::is_clause_end(c) || c == '。')
            .map(|(i, _)| i);
        end.is_some_and(|e| {
            self.goal_reference
                .occurrences(&rest[..e])
                .any(|(_, x, _)| x == e)
        })
    }

    /// Whether a rule's comparator word (lexicon `rule_bound`: 不低于, 最高) stands right before
    /// the value (给予最高200万元; not 最低标准从98元…).
    fn rule_led(&self, text: &str, f: &Found) -> bool {
        self.rules.rule_led(&text[f.start.min(f.at)..f.at])
    }

    /// A value read as a result: its comparator as written and the years it is for — the time
    /// of its own sentence when that is before the year of issue (a range for a plan period;
    /// a growth over a base year, 比2002年增长, the years after it); else a narration phrase of
    /// its sentence (五年来); else the period its paragraph opened; else the time of its section;
    /// else the year before issue.
    fn outcome(
        &self,
        text: &str,
        pass: &DocPass,
        s: Span,
        f: Found,
        time: Option<&TimeExpr>,
        opened: Option<Period>,
    ) -> Outcome {
        let anchor = pass.anchor_year;
        // The time that governs the value, if it lies before issue; else, unless the governing
        // time is in the value's own clause, the last such time of the sentence before the value
        // (2012年，…全面实现年初确定的主要目标，国内生产总值增长7.8%: 年初 of the year of issue
        // governs no result).
        let first = pass.times.partition_point(|t| t.start < s.start);
        // A time of the value's own clause that is not past stands (从1950年的…增加到1954年的30.7%).
        // So does one that states its year (从1950年的41.5%降低到1954年的21.1%, the later year
        // in an earlier clause): only a relative time (年初, 今年) gives way.
        let in_clause = time.is_some_and(|t| {
            (t.end <= f.at && !text[t.end..f.at].contains([',', ';', '，', '；', '。']))
                || text[t.start..t.end].contains(|c: char| {
                    c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c)
                })
        });
        // 截至2022年7月，…累计建成开通5G基站达196.8万个: the date a status is as of (a reference
        // point for a target's reading) dates a result; the latest before the value wins.
        let as_of = |t: &&TimeExpr| text[t.start..t.end].starts_with(['截', '迄']);
        // The sentence's times that end before the value.
        let before_value = || pass.times[first..].iter().take_while(|t| t.end <= f.at);
        let as_of_time = before_value()
            .filter(|t| as_of(t) && pass.before_issue(t))
            .last()
            .filter(|a| time.is_none_or(|t| a.start >= t.start || !pass.before_issue(t)));
        let past = as_of_time
            .or_else(|| time.filter(|t| pass.before_issue(t)))
            .or_else(|| {
                if in_clause {
                    return None;
                }
                before_value()
                    .filter(|t| !t.reference && pass.before_issue(t))
                    .last()
            });
        let own = past.filter(|t| t.start >= s.start);
        // A level reached (从174万户增加到235万户, 提高到70%) is the level at the period's end, not
        // a flow over it.
        // (五年累计产量达750亿立方米: a sum over the period, not a level.)
        // (The value's own clause: a quote that takes its name from the clause before, 财政收入
        // 从…增加到…的18914亿元，平均每年增加2053亿元, does not take that clause's verb.)
        let lead = &text[f.start.min(f.at)..f.at];
        let lead = lead.rfind([',', ';']).map_or(lead, |i| &lead[i + 1..]);
        // A percentage with no word of a rate over time (普及率97%, 约占全球的四分之三) is a level
        // too.
        let percent = matches!(f.unit.as_deref(), Some("%" | "‰"));
        // (提高七点二个百分点: a change in points is never a level, whatever the lead holds.)
        let points = self.rules.kind_of_unit(f.unit_def) == Some("points");
        // (年均增速超过30%: an average over years is never a level either.)
        // (连续迈上4个万亿元台阶、达14.2万亿元: a word of a sum before an item with a verb of its
        // own after 、 is the earlier item's, not the level's; 累计分别突破9千亿元、3万亿元 shares it.)
        let own_item = lead
            .rsplit('、')
            .next()
            .filter(|item| self.outcome_level.any_in(item))
            .unwrap_or(lead);
        let level = !points
            && !self.annual_average.any_in(lead)
            && ((self.outcome_level.any_in(lead) && !self.rules.cumulative.any_in(own_item))
                || (percent
                    && !self.flow_rate.any_in(lead)
                    && !self.flow_rate.any_in(&f.indicator)));
        // 比2002年增长65.5%: the years since the base year (从2002年的…增加到… is a level).
        let base = before_value()
            .filter(|t| t.reference && !as_of(t) && !level)
            .filter_map(|t| t.year)
            .last()
            .zip(anchor)
            .filter(|(y, a)| y + 1 < *a);
        let period = if let Some((y, a)) = base {
            // Up to the sentence's own year (2007年…比2002年增长65.5%), else the year before issue;
            // from the year itself when it is a start (2016年以来).
            let since = before_value()
                .filter(|t| t.reference && t.year == Some(y))
                .last()
                .is_some_and(|t| text[t.end..].starts_with("以来"));
            let first = if since { y } else { y + 1 };
            (Some(first), Some(own.and_then(|t| t.year).unwrap_or(a - 1)))
        } else if let Some(t) = own {
            (year_of(&t.period_start).or(t.year), t.year)
        } else if let Some(y) = time
            .filter(|t| in_clause && text[t.start..t.end].starts_with("今年"))
            .and_then(|t| t.year)
            .filter(|&y| Some(y) == anchor)
        {
            // 去年…，今年入党的大约有二百人: a result of the year of issue so far.
            (Some(y), Some(y))
        } else if let Some(n) = self.span_in(&text[s.start..f.at.max(s.start)]) {
            (anchor.map(|a| a - n), anchor.map(|a| a - 1))
        } else if let Some(a) =
            anchor.filter(|_| self.current_time.any_in(&text[s.start..f.at.max(s.start)]))
        {
            // 截至目前, 现已: the present, which early in a year is the last one's close.
            let month = pass
                .issued
                .as_deref()
                .and_then(|d| d.get(5..7)?.parse::<u32>().ok());
            let y = if month.is_some_and(|m| m >= 4) {
                a
            } else {
                a - 1
            };
            (Some(y), Some(y))
        } else if let Some(p) = opened {
            p
        } else if let Some(t) = past {
            (year_of(&t.period_start).or(t.year), t.year)
        } else {
            (anchor.map(|a| a - 1), anchor.map(|a| a - 1))
        };
        let period = match period {
            (Some(a), Some(b)) if a < b && level => (Some(b), Some(b)),
            // 战略性新兴产业增加值年均增长8% under 2025年工作回顾: an average over years (lexicon
            // annual_average) read for one year is for the five years to it.
            (Some(a), Some(b)) if a == b && self.annual_average.any_in(lead) => {
                (Some(b - 4), Some(b))
            }
            p => p,
        };
        let quote = &text[f.start..f.end];
        let comparator = match f.comparator {
            Comparator::Approx | Comparator::Range | Comparator::Eq => f.comparator,
            c if self.outcome_bound.any_in(quote)
                || self.outcome_bound_lead.suffix_of(lead).is_some() =>
            {
                c
            }
            _ => Comparator::Eq,
        };
        Outcome {
            indicator_id: self
                .rules
                .record_id(&f.indicator, f.unit.as_deref())
                .map(String::from),
            found: f,
            comparator,
            period,
        }
    }

    /// A news report (seed 002): two report markers near the top and no plan or report genre
    /// word in the first lines (a 政府工作报告 republished by a newspaper is still a report of plans).
    fn is_report(&self, norm: &str) -> bool {
        let head_end = norm
            .char_indices()
            .nth(600)
            .map(|(i, _)| i)
            .unwrap_or(norm.len());
        let head = &norm[..head_end];
        let title_end = norm
            .char_indices()
            .nth(200)
            .map(|(i, _)| i)
            .unwrap_or(norm.len());
        if self.plan_genre_in(&norm[..title_end]) {
            return false;
        }
        self.report_markers
            .iter()
            .filter(|m| m.find(head.as_bytes()).is_some())
            .count()
            >= 2
    }

    /// Whether every `review_end` word of a line's probe is followed by a word of a task done
    /// (各位代表！2025年主要目标任务的完成，标志着…: a statement of results).
    /// The words starting in the probe (its first `probe_len` bytes) count whole, and of
    /// overlapping words the one ending last (主要目标任务: 目标任务).
    fn tasks_done(&self, line: &str, probe_len: usize) -> bool {
        let ends: Vec<(usize, usize)> = self
            .review_end
            .occurrences(line)
            .take_while(|&(a, _, _)| a < probe_len + 12)
            .filter(|&(a, _, _)| a < probe_len)
            .map(|(a, e, _)| (a, e))
            .collect();
        ends.iter()
            .filter(|&&(_, e)| !ends.iter().any(|&(a2, e2)| a2 < e && e2 > e))
            .all(|&(_, e)| {
                let after = line[e..].trim_start_matches('的');
                self.done_words.prefix_of(after).is_some()
            })
    }

    /// Lines inside a review of past work (工作回顾, 五年来…) up to the next heading or paragraph
    /// that turns to plans (目标任务, 今年工作…).
    fn review_lines(
        &self,
        text: &str,
        lines: &[(usize, usize)],
        headings: &[Option<Heading>],
        anchor_year: Option<i32>,
    ) -> Vec<bool> {
        let rank = |h: Heading| match h {
            Heading::Chapter => 1,
            Heading::Section => 2,
            Heading::Period => 3,
        };
        let mut out = Vec::with_capacity(lines.len());
        // The heading level that opened the review (0: a paragraph opened it).
        let mut review: Option<u8> = None;
        // The level of the heading the current paragraphs follow, until a paragraph of text
        // comes after it.
        let mut under: Option<u8> = None;
        for (&(ls, le), &h) in lines.iter().zip(headings) {
            let line = text[ls..le].trim_start_matches([' ', '\u{3000}', '\t']);
            if line.is_empty() {
                out.push(review.is_some());
                continue;
            }
            let opening_end = line
                .char_indices()
                .nth(14)
                .map(|(i, _)| i)
                .unwrap_or(line.len());
            let level = h.map(rank);
            let heading_like =
                level.is_some() || (line.chars().nth(40).is_none() && !line.contains('。'));
            let probe = if heading_like {
                line
            } else {
                &line[..opening_end]
            };
            // The probe is the line or its opening; the ahead words count in the opening only.
            const START: u64 = 1;
            const END: u64 = 2;
            const AHEAD: u64 = 4;
            let (in_probe, in_opening) = self.review.present_split(probe, opening_end);
            // A paragraph that opens with the year before the year of issue (2025年是“十四五”
            // 收官之年。… in a report of 2026) narrates it (an older year opens an example:
            // 2003年抗击非典疫情给我们的重要启示… in a report of 2013).
            let past_year = !heading_like
                && line.get(..4).is_some_and(|y| {
                    y.bytes().all(|b| b.is_ascii_digit())
                        && anchor_year.is_some_and(|a| y.parse::<i32>().is_ok_and(|y| y + 1 == a))
                })
                && line[4..].starts_with('年');
            // A heading that names a year before the year of issue (any year in an undated
            // text) and an achievement (一、2022年数字中国建设取得显著成效) heads a review; a
            // goal's heading has no past year (——高质量发展取得显著成效).
            let achieved = heading_like
                && self.review_headings.any_in(line)
                && past_years(line).any(|y| anchor_year.is_none_or(|a| y < a));
            if in_probe & START != 0 || past_year || achieved {
                // The first paragraph under a heading opens the review of the whole heading's
                // part (一、一年接着一年干… / 2025年是…: its sections are the year's results).
                review = Some(
                    level
                        .or(if heading_like { None } else { under })
                        .unwrap_or(0),
                );
            } else if (in_probe & END != 0 && !self.tasks_done(line, probe.len()))
                || in_opening & AHEAD != 0
            {
                review = None;
            } else if let (Some(l), Some(r)) = (level, review) {
                // A new chapter (or section, when a section opened the review) ends it.
                if r == 0 || l <= r {
                    review = None;
                }
            }
            out.push(review.is_some());
            under = if level.is_some() { level } else { None };
        }
        out
    }

    fn layout<'a>(&self, text: &'a str, issued: Option<&str>, title: Option<&str>) -> DocPass<'a> {
        let lines = line_spans(text);
        let times = self.deadlines.scan(text, issued);
        let brackets = self.units.brackets(text);
        let headings: Vec<Option<Heading>> = lines
            .iter()
            .map(|&(ls, le)| heading(&text[ls..le], &self.period_words))
            .collect();
        let doc_time = self.document_time(text, &lines, &times, title.unwrap_or(""));
        let anchor_year: Option<i32> = issued.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        let review = self.review_lines(text, &lines, &headings, anchor_year);
        let mut line_scope = Vec::with_capacity(lines.len());
        let (mut chapter, mut section, mut period): (
            Option<TimeExpr>,
            Option<TimeExpr>,
            Option<TimeExpr>,
        ) = (None, None, None);
        // The time that opened the latest paragraph (到2025年,… / 今年…): it governs what
        // follows until a heading with a time of its own or another opening time takes over.
        let mut opened: Option<TimeExpr> = None;
        let mut opened_scope = Vec::with_capacity(lines.len());
        let mut opened_within = Vec::with_capacity(lines.len());
        // A time that may set the time of what follows it: no reference point or series of
        // years, and not before the year of issue.
        let may_set = |t: &TimeExpr| {
            !t.reference
                && t.series.is_none()
                && t.year.is_some_and(|y| anchor_year.is_none_or(|i| y >= i))
        };
        for (li, (&(ls, le), &h)) in lines.iter().zip(&headings).enumerate() {
            // Times are in order of their starts; one ending by `to` starts before it.
            let first_time = |from: usize, to: usize| -> Option<TimeExpr> {
                times[times.partition_point(|t| t.start < from)..]
                    .iter()
                    .take_while(|t| t.start < to)
                    .find(|t| t.end <= to && !t.reference)
                    .cloned()
            };
            match h {
                Some(Heading::Chapter) => {
                    chapter = first_time(ls, le);
                    section = None;
                    period = None;
                }
                Some(Heading::Section) => {
                    section = first_time(ls, le);
                    period = None;
                }
                Some(Heading::Period) => {
                    let year = section
                        .as_ref()
                        .or(chapter.as_ref())
                        .or(doc_time.as_ref())
                        .and_then(|t| t.year);
                    period = first_time(ls, le).map(|t| t.with_year(year));
                }
                None => {}
            }
            // A heading with a time of its own ends an opened scope (one without does not: a
            // report's 今年 governs the chapters of the year's work that follow it).
            if h.is_some() && (period.is_some() || section.is_some() || chapter.is_some()) {
                opened = None;
            }
            if h.is_none() {
                if review[li] {
                    opened = None;
                } else if times
                    .get(times.partition_point(|t| t.start < ls))
                    .is_some_and(|t| t.start < le && t.start - ls <= 96)
                {
                    // Only a line with a time near its start can open a scope.
                    let at = ls + layout::opening(&text[ls..le]);
                    let first = times.partition_point(|t| t.start < at);
                    if let Some(t) = times.get(first).filter(|t| {
                        t.start == at
                            && may_set(t)
                            && self.opens_scope(&text[t.start..t.end], &text[t.end.min(le)..le])
                    }) {
                        opened = Some(t.clone());
                    }
                }
            }
            // A sentence inside the paragraph that opens with such a time (。力争到2027年，…)
            // sets the time of the rest of the paragraph (not of the paragraphs after it: one
            // stage of a plan's goals is often followed by the next).
            let mut within = None;
            if h.is_none() && !review[li] {
                let (a, b) = (
                    times.partition_point(|t| t.start < ls),
                    times.partition_point(|t| t.start < le),
                );
                // Where the sentence of each time starts, found by one pass over the line.
                let (mut from, mut scanned) = (None, ls);
                for t in &times[a..b] {
                    if let Some(p) = text[scanned..t.start].rfind('。') {
                        from = Some(scanned + p + '。'.len_utf8());
                    }
                    scanned = t.start;
                    let Some(from) = from else {
                        continue;
                    };
                    let lead = text[from..t.start].trim();
                    // Only a deadline with its year (到2027年, 力争到2027年; lexicon scope_lead)
                    // followed by a comma: a relative year there (明年将…) is its own sentence's
                    // time.
                    let own = &text[t.start..t.end];
                    // A short label closed by a colon may come first (定量指标提出:到2025年,…).
                    let label = lead
                        .strip_suffix([':', '：'])
                        .is_some_and(|l| l.chars().count() <= 8 && !l.contains([',', '，']));
                    if (lead.chars().count() <= 2 || label)
                        && self.scope_lead.prefix_of(own).is_some()
                        && own.contains(|c: char| c.is_ascii_digit())
                        && text[t.end.min(le)..le]
                            .trim_start()
                            .starts_with([',', '，'])
                        && may_set(t)
                    {
                        within = Some(t.clone());
                    }
                }
            }
            line_scope.push(
                period
                    .as_ref()
                    .or(section.as_ref())
                    .or(chapter.as_ref())
                    .cloned(),
            );
            opened_scope.push(opened.clone());
            opened_within.push(within);
        }
        let first_is_lead = self
            .first_is_lead
            .iter()
            .any(|f| f.find(text.as_bytes()).is_some());
        let colon_after = colons_after(text, &times);
        let heading_times = colon_after
            .iter()
            .enumerate()
            .filter(|(i, c)| c.is_some_and(|c| text[times[*i].end..c].trim().is_empty()))
            .map(|(i, _)| i)
            .collect();
        DocPass {
            text,
            table_start: layout::table_start(&lines, text),
            lines,
            times,
            brackets,
            headings,
            line_scope,
            opened_scope,
            opened_within,
            doc_time,
            first_is_lead,
            report: false,
            issuer: None,
            review,
            anchor_year,
            issued: issued.map(String::from),
            colon_times: colon_after
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_some())
                .map(|(i, _)| i)
                .collect(),
            heading_times,
            colon_after,
        }
    }

    /// Whether a time at a paragraph's opening sets the time of what follows: a deadline (到…,
    /// 至…) or a relative year (今年) that the paragraph goes on from, or one closed by a
    /// comma (2025年,…); not a date line or a dated entry (2023年6月8日 / 1997年4月8日:…).
    fn opens_scope(&self, time: &str, rest: &str) -> bool {
        let rest = rest.trim_start();
        if rest.chars().nth(4).is_none() {
            return false;
        }
        self.scope_lead.prefix_of(time).is_some() || rest.starts_with([',', '，'])
    }

    /// The time of the whole document, from its title among the first lines: the year of an
    /// annual plan (2021年…工作要点, 数字山东2021行动方案), or the last year of a plan's period
    /// (…行动计划(2021-2025年)). It dates the targets that state no deadline of their own. The
    /// years without 年 and the periods count only where the document's title holds them (not
    /// in the heading of a page that collects several plans).
    /// The first year of the period a plan's title names (新一代信息技术产业行动计划（2024-2025年）
    /// → 2024): an undated plan was issued by then, so its years from that one on are plans, and
    /// its 过去一年 the year before.
    fn plan_start(&self, title: &str) -> Option<i32> {
        let c = self.title_period.captures(title)?;
        let (first, last): (i32, i32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        (last > first && last - first <= 15 && self.plan_genre_in(title)).then_some(first)
    }

    fn document_time(
        &self,
        text: &str,
        lines: &[(usize, usize)],
        times: &[TimeExpr],
        title: &str,
    ) -> Option<TimeExpr> {
        const ANNUAL: u64 = 1;
        const MULTI_YEAR: u64 = 2;
        let year_end = TimeExpr::year_end;
        for &(ls, le) in lines.iter().take(12) {
            let line = &text[ls..le];
            // A numbered heading (一、…, (一)…) is the body's: the title is above it.
            if heading(line, &self.period_words).is_some() {
                break;
            }
            // A title line: short, no full stop.
            let title_like = line.chars().nth(60).is_none() && !line.contains('。');
            if title_like {
                if let Some(c) = self
                    .title_period
                    .captures(line)
                    .filter(|c| title.contains(&c[1]) && title.contains(&c[2]))
                {
                    let (first, last): (i32, i32) = (c[1].parse().ok()?, c[2].parse().ok()?);
                    if last > first && last - first <= 15 {
                        let m = c.get(0).unwrap();
                        return Some(year_end(last, ls + m.start(), ls + m.end()));
                    }
                }
            }
            let found = self.plan_years.present(line);
            if title_like && found & MULTI_YEAR == 0 && self.plan_genre_in(line) {
                // A year written without 年 before the genre word: 数字山东2021行动方案.
                if let Some(c) = self
                    .title_year
                    .captures(line)
                    .filter(|c| title.contains(&c[1]))
                {
                    let m = c.get(1).unwrap();
                    let genre_after = self.plan_genre_in(&line[m.end()..]);
                    if genre_after {
                        let year = m.as_str().parse().ok()?;
                        return Some(year_end(year, ls + m.start(), ls + m.end()));
                    }
                }
            }
            // A year of the body (2019年,全市…) is not the document's: only a title line dates it.
            if !title_like || found & ANNUAL == 0 || found & MULTI_YEAR != 0 {
                continue;
            }
            let in_line: Vec<&TimeExpr> = times
                .iter()
                .filter(|t| t.start >= ls && t.end <= le)
                .collect();
            if in_line.len() == 1 && in_line[0].year.is_some() && !line.contains('-') {
                return Some(in_line[0].clone());
            }
        }
        None
    }

    /// Whether `s` names a plan or report genre (规划, 方案, 计划 …).
    fn plan_genre_in(&self, s: &str) -> bool {
        self.plan_genre
            .iter()
            .any(|g| g.find(s.as_bytes()).is_some())
    }
}

/// The words of a lexicon list with a value, searched together, and their values by word index
/// (十五大 → 1997, 五年来 → 5).
fn valued_words<T>(p: &Patterns, list: &str, value: impl Fn(&str) -> T) -> (Words, Vec<T>) {
    let pairs = p.pairs(list);
    let values = pairs.iter().map(|(_, v)| value(v)).collect();
    (Words::new(pairs.iter().map(|(w, _)| *w)), values)
}

/// The first 6,000 and last 2,000 chars of a long document (at line breaks), from both of its
/// texts; a short one whole.
pub fn head_and_tail<'a>(
    original: &'a str,
    norm: &'a str,
) -> (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>) {
    use std::borrow::Cow;
    const HEAD: usize = 6000;
    const TAIL: usize = 2000;
    // A text of no more bytes than that has no more chars either.
    if norm.len() <= HEAD + TAIL + 1000 {
        return (Cow::Borrowed(original), Cow::Borrowed(norm));
    }
    let n = norm.chars().count();
    if n <= HEAD + TAIL + 1000 {
        return (Cow::Borrowed(original), Cow::Borrowed(norm));
    }
    // Cut at line breaks so that no line is read half: the first one from char HEAD on, and
    // the last one before the final TAIL chars.
    let from = byte_of_char(norm, HEAD);
    let head_end = match norm[from..].find('\n') {
        Some(i) => HEAD + norm[from..from + i].chars().count(),
        None => HEAD,
    };
    let upto = byte_of_char(norm, n - TAIL);
    let tail_start = match norm[..upto].rfind('\n') {
        Some(i) => norm[..i].chars().count() + 1,
        None => n - TAIL,
    };
    if tail_start <= head_end {
        return (Cow::Borrowed(original), Cow::Borrowed(norm));
    }
    let cut = |s: &str| -> String {
        let (h, t) = (byte_of_char(s, head_end), byte_of_char(s, tail_start));
        let mut out = String::with_capacity(h + (s.len() - t) + 1);
        out.push_str(&s[..h]);
        out.push('\n');
        out.push_str(&s[t..]);
        out
    };
    (Cow::Owned(cut(original)), Cow::Owned(cut(norm)))
}

/// The years of a line written as four digits and 年, not after 到 or 至 (a deadline).
fn past_years(line: &str) -> impl Iterator<Item = i32> + '_ {
    line.match_indices('年').filter_map(move |(i, _)| {
        let digits = line.get(i.checked_sub(4)?..i)?;
        let y: i32 = digits.parse().ok()?;
        let before = line[..i - 4].chars().next_back();
        ((1900..2100).contains(&y) && !matches!(before, Some('到' | '至') | Some('0'..='9')))
            .then_some(y)
    })
}

fn parse_error(msg: String) -> Error {
    // "file:line: reason: text" from the sub-readers.
    let mut parts = msg.splitn(3, ':');
    let file = parts.next().unwrap_or("").to_string();
    let line = parts.next().and_then(|l| l.trim().parse().ok());
    match line {
        Some(line) => Error::Pattern {
            file,
            line,
            reason: parts.next().unwrap_or("").trim().to_string(),
            text: String::new(),
        },
        None => Error::Config(msg),
    }
}

impl DocPass<'_> {
    /// The time expressions that start in `from..to` (the list is sorted by start).
    pub fn times_between(&self, from: usize, to: usize) -> &[TimeExpr] {
        let a = self.times.partition_point(|t| t.start < from);
        let b = self.times.partition_point(|t| t.start < to);
        &self.times[a..b.max(a)]
    }

    /// The time that opened line `li`'s own paragraph (到2020年,… at its start), if one did.
    pub fn opened_on_line(&self, li: usize) -> Option<&TimeExpr> {
        self.opened_scope[li]
            .as_ref()
            .filter(|t| t.start >= self.lines[li].0)
    }

    /// The index of the line holding byte `at`.
    pub fn line_index(&self, at: usize) -> usize {
        match self.lines.binary_search_by(|&(s, _)| s.cmp(&at)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The time at the head of a table cell (a line of the appended table ending in '|' that
    /// opens with a time expression): it covers the whole cell.
    pub fn cell_scope(&self, li: usize) -> Option<&TimeExpr> {
        let ts = self.table_start?;
        let (ls, le) = self.lines[li];
        let line = &self.text[ls..le];
        if ls < ts || !line.trim_end().ends_with('|') {
            return None;
        }
        let lead = ls + (line.len() - line.trim_start().len());
        let first = self.times.partition_point(|t| t.start < lead);
        self.times[first..]
            .iter()
            .take_while(|t| t.start == lead)
            .find(|t| !t.reference)
    }

    /// Where the full sentence holding byte `at` starts: after the last 。!? line end or table
    /// cell mark before it (a ';' does not end a time expression's scope).
    pub fn full_sentence_start(&self, at: usize) -> usize {
        self.text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '。' | '!' | '?' | '\n' | '|' | '\t'))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0)
    }

    /// Whether a time a result is dated by lies before the document's issue: a year before the
    /// year of issue; in that year, a date before the date of issue (截至2022年7月底 in a notice
    /// of August 2022); any year when the document gives no date (its figures are as of the
    /// times they state).
    pub fn before_issue(&self, t: &TimeExpr) -> bool {
        let Some(y) = t.year else {
            return false;
        };
        let Some(a) = self.anchor_year else {
            return true;
        };
        if y != a {
            return y < a;
        }
        // Both as YYYY-MM(-DD): compared on what both give, and only when that is more than the
        // year.
        let (Some(d), Some(i)) = (t.deadline.as_deref(), self.issued.as_deref()) else {
            return false;
        };
        let is_date = |s: &str| {
            s.len() >= 7 && s.as_bytes()[4] == b'-' && s[5..7].bytes().all(|b| b.is_ascii_digit())
        };
        if !is_date(d) || !is_date(i) {
            return false;
        }
        let n = d.len().min(i.len()).min(10);
        d[..n] < i[..n]
    }

    /// The time that governs byte `at` of sentence `s`: the last time expression before it in
    /// the sentence; else a "time:" heading earlier on the line; else the section's; else the
    /// document's.
    pub fn time_at(&self, s: Span, at: usize) -> Option<TimeExpr> {
        let li = self.line_index(at);
        let scope = self.opened_within[li]
            .as_ref()
            .filter(|t| t.end <= at)
            .or(self.opened_scope[li].as_ref())
            .or(self.line_scope[li].as_ref());
        // A period without a year (第三季度, 首季度) takes the year in scope, else the year of
        // issue.
        let scope_year = scope
            .or(self.doc_time.as_ref())
            .and_then(|t| t.year)
            .or(self.anchor_year);
        // A time expression covers the rest of its sentence, across ';' up to the full stop.
        let from = self.full_sentence_start(s.start);
        if let Some(t) = self.times_between(from, at).iter().rfind(|t| !t.reference) {
            return Some(t.with_year(scope_year));
        }
        let (ls, _) = self.lines[li];
        // Times are in order of their starts; one ending by `s.start` starts before it.
        let (a, b) = (
            self.times.partition_point(|t| t.start < ls),
            self.times.partition_point(|t| t.start < s.start),
        );
        // Only the times a colon follows at once are looked at (a line may hold thousands).
        let (lo, hi) = (
            self.heading_times.partition_point(|&i| i < a),
            self.heading_times.partition_point(|&i| i < b),
        );
        if let Some(t) = self.heading_times[lo..hi]
            .iter()
            .rev()
            .map(|&i| &self.times[i])
            .find(|t| t.end <= s.start && !t.reference)
        {
            return Some(t.with_year(scope_year));
        }
        if let Some(t) = self.cell_scope(li) {
            return Some(t.with_year(scope_year));
        }
        scope.cloned().or_else(|| self.doc_time.clone())
    }

    /// The units bound to byte `at`: the bracket that closes its item (later on the line, or
    /// at the start of a following line), else the explicit subject of its sentence.
    pub fn units_at(&self, reader: &UnitReader, s: Span, at: usize) -> UnitList {
        let li = self.line_index(at);
        let (_, le) = self.lines[li];
        // Brackets are in order of their starts.
        let first_from = |at: usize| {
            self.brackets
                .get(self.brackets.partition_point(|b| b.start < at))
        };
        let mut found = first_from(at).filter(|b| b.start < le);
        if found.is_none() {
            // A bracket alone at the start of the next non-empty line.
            for &(ns, ne) in self.lines.iter().skip(li + 1) {
                let l = self.text[ns..ne].trim();
                if l.is_empty() {
                    continue;
                }
                let lead = ns + (self.text[ns..ne].len() - self.text[ns..ne].trim_start().len());
                found = first_from(lead).filter(|b| b.start == lead);
                break;
            }
        }
        let mut list = match found {
            Some(b) => b.list.clone(),
            None => {
                let names = reader
                    .subject(&self.text[s.start..s.end])
                    .into_iter()
                    .map(|n| match &self.issuer {
                        Some(i) if reader.is_self_reference(&n) => i.clone(),
                        _ => n,
                    })
                    .collect();
                UnitList {
                    units: names,
                    ..UnitList::default()
                }
            }
        };
        if self.first_is_lead && list.lead.is_empty() && !list.units.is_empty() {
            list.lead = vec![list.units[0].clone()];
            list.support = list.units[1..].to_vec();
        }
        list
    }
}

/// Bigram similarity of two indicator names (as the gold scorer measures it).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if a.contains(b) || b.contains(a) {
        return (la.min(lb) as f64 / la.max(lb) as f64).max(0.5);
    }
    let bi = |s: &str| -> std::collections::BTreeSet<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, y) = (bi(a), bi(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

/// Targets of an appended summary table that restate a body target get `duplicate_of`.
fn mark_duplicates(targets: &mut [Target], table_start: usize) {
    let body: Vec<(usize, Target)> = targets
        .iter()
        .enumerate()
        .filter(|(_, t)| t.found.start < table_start)
        .map(|(i, t)| (i, t.clone()))
        .collect();
    let mut used = std::collections::BTreeSet::new();
    for t in targets.iter_mut().filter(|t| t.found.start >= table_start) {
        let best = body
            .iter()
            .filter(|(i, b)| {
                !used.contains(i)
                    && b.found.value.value == t.found.value.value
                    && b.found.value_max.map(|v| v.value) == t.found.value_max.map(|v| v.value)
                    && b.found.unit == t.found.unit
                    && b.time.as_ref().and_then(|x| x.year) == t.time.as_ref().and_then(|x| x.year)
            })
            .map(|(i, b)| (*i, b, similarity(&b.found.indicator, &t.found.indicator)))
            .filter(|(_, _, s)| *s >= 0.4)
            .max_by(|a, b| a.2.partial_cmp(&b.2).unwrap_or(std::cmp::Ordering::Equal));
        if let Some((i, b, _)) = best {
            used.insert(i);
            t.duplicate_of = Some(b.found.start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head and tail cut as first written, char by char: the reference for `head_and_tail`.
    fn head_and_tail_by_chars(norm: &str) -> Option<(usize, usize)> {
        let (head, tail) = (6000, 2000);
        let n = norm.chars().count();
        if n <= head + tail + 1000 {
            return None;
        }
        let head_end = norm
            .chars()
            .enumerate()
            .skip(head)
            .find(|&(_, c)| c == '\n')
            .map_or(head, |(i, _)| i);
        let tail_start = norm
            .chars()
            .rev()
            .skip(tail)
            .position(|c| c == '\n')
            .map_or(n - tail, |k| n - tail - k);
        (tail_start > head_end).then_some((head_end, tail_start))
    }

    #[test]
    fn head_and_tail_cuts_where_the_char_loop_cuts() {
        let mut next = crate::words::tests::random(5);
        for case in 0..40 {
            let line_len = 1 + next() % 3000;
            let chars = 8000 + next() % 6000;
            let norm: String = (0..chars)
                .map(|i| {
                    if case % 7 != 0 && i % line_len == line_len - 1 {
                        '\n'
                    } else if i % 3 == 0 {
                        'a'
                    } else {
                        '字'
                    }
                })
                .collect();
            // The original is as long in chars, not in bytes.
            let original = norm.replace('a', "ａ");
            let (o, n) = head_and_tail(&original, &norm);
            match head_and_tail_by_chars(&norm) {
                None => assert_eq!(n.len(), norm.len(), "case {case}"),
                Some((h, t)) => {
                    let cut = |s: &str| -> String {
                        let c: Vec<char> = s.chars().collect();
                        c[..h]
                            .iter()
                            .chain(['\n'].iter())
                            .chain(c[t..].iter())
                            .collect()
                    };
                    assert_eq!(n, cut(&norm), "case {case}");
                    assert_eq!(o, cut(&original), "case {case}");
                }
            }
        }
    }

    fn run(text: &str) -> Extraction {
        let p = Patterns::embedded().unwrap();
        let seg = Segmenter::new(&p);
        let ex = Extractor::new(&p).unwrap();
        ex.extract(text, text, &seg)
    }

    /// An undated plan whose title names its period (…行动计划（2024-2025年）) was issued by the
    /// period's first year: the years of the period are targets, not results.
    #[test]
    fn an_undated_plan_is_read_from_its_period_s_first_year() {
        let text = "新一代信息技术产业行动计划（2024-2025年）\n一、总体目标\n\
                    全省信息技术产业营收年均增长10%以上，2024年、2025年分别突破2.2万亿元、2.4万亿元。\n";
        let ex = run(text);
        assert!(ex.outcomes.is_empty(), "{:#?}", ex.outcomes);
        let targets: Vec<(f64, Option<i32>)> = ex
            .targets
            .iter()
            .map(|t| (t.found.value.value, t.time.as_ref().and_then(|x| x.year)))
            .collect();
        for v in [(2.2, Some(2024)), (2.4, Some(2025))] {
            assert!(targets.contains(&v), "{v:?} in {targets:?}");
        }
    }

    /// A review paragraph whose short first sentence names the year (2025年是“十四五”收官之年。)
    /// is opened by its second (五年来，…): the lines under it report the five years; the mean
    /// of a rate (失业率平均为5.1%) is the rate's.
    #[test]
    fn five_years_opened_after_a_sentence_naming_the_year() {
        let text = "2026年某省政府工作报告\n——2026年1月27日在某省第十四届人民代表大会第四次会议上\n一、2025年及“十四五”时期工作回顾\n2025年是很不平凡的一年。城镇调查失业率平均为5.1%。\n各位代表!2025年是“十四五”收官之年。五年来,我们牢记嘱托,取得新成就。\n——人民生活水平实现新跃升。居民人均可支配收入增长34.3%。城镇化率达到66%,提高5个百分点。\n二、2026年工作安排\n";
        let o = run(text).outcomes;
        let got: Vec<(&str, f64, Option<i32>)> = o
            .iter()
            .map(|o| (o.found.indicator.as_str(), o.found.value.value, o.period.0))
            .collect();
        assert_eq!(
            got,
            vec![
                ("城镇调查失业率", 5.1, Some(2025)),
                ("居民人均可支配收入增长", 34.3, Some(2021)),
                // A level reached is the last year's; a change in points never is a level.
                ("城镇化率", 66.0, Some(2025)),
                ("城镇化率提高", 5.0, Some(2021))
            ]
        );
    }

    /// A text's own entry into force (本办法自…起执行，有效期至…) is no milestone; a dated task
    /// before it is.
    #[test]
    fn the_text_s_own_entry_into_force_is_no_milestone() {
        let text = "某市数字经济发展若干措施\n2022年4月1日\n一、2023年底前建成市级数据共享平台。\n第十五条　本办法自2022年4月30日起执行，有效期至2025年12月31日。\n本措施自2024年1月1日起实施，有效期至2026年12月31日。\n";
        let m = run(text).milestones;
        let got: Vec<Option<i32>> = m
            .iter()
            .map(|m| m.time.as_ref().and_then(|t| t.year))
            .collect();
        assert_eq!(got, vec![Some(2023)], "{m:#?}");
    }

    /// A glossary's definitions give no targets, up to an annex after it.
    #[test]
    fn a_glossary_defines_and_commits_to_nothing() {
        let text = "2026年某省政府工作报告\n二、2026年工作安排\n新建城市公园20个。\n名词解释\n“四向八廊”:东南西北4个方向8条综合交通走廊。\n附件\n2026年民生实事\n新增托位5000个。\n";
        let t = run(text).targets;
        let got: Vec<f64> = t.iter().map(|t| t.found.value.value).collect();
        assert_eq!(got, vec![20.0, 5000.0], "{t:#?}");
    }

    /// An outcome keeps the bound 超 gives right before its value (超122万次 → >), not one a
    /// word holding 超 elsewhere in the quote would keep.
    #[test]
    fn outcomes_keep_the_bound_of_chao_right_before_the_value() {
        let text = "2026年某省政府工作报告\n一、2025年工作回顾\n过去一年,服务客户超122万次,超高清视频产业产值达到500亿元。\n";
        let o = run(text).outcomes;
        let got: Vec<(f64, &str)> = o
            .iter()
            .map(|o| (o.found.value.value, o.comparator.as_str()))
            .collect();
        assert_eq!(got, vec![(1220000.0, ">"), (500.0, "=")], "{o:#?}");
    }

    /// A report's review gives outcomes for the year before issue (a five-year review, its
    /// five years); its plans give targets; a past year dates an outcome anywhere; a status
    /// word (已建成) makes a result, a comparison with a baseline (比上年提高) does not; no
    /// value is both.
    #[test]
    fn results_are_outcomes_with_their_period_and_plans_are_targets() {
        let text = "2025年某市政府工作报告\n2025年1月10日\n一、2024年工作回顾\n\
                    过去一年，全市地区生产总值增长6.1%，城镇新增就业1.2万人。\n\
                    五年来，累计新增城镇就业6万人。\n\
                    二、2025年工作安排\n\
                    今年全市地区生产总值增长5%左右，城镇新增就业1万人以上。\n\
                    目前已建成5G基站3000个，今年新建5G基站1000个。\n\
                    赤字率按3%安排、比上年提高1个百分点。\n\
                    2023年全市粮食产量达到120万吨。\n";
        let ex = run(text);
        let outcomes: Vec<(f64, &str, Option<i32>, Option<i32>)> = ex
            .outcomes
            .iter()
            .map(|o| {
                (
                    o.found.value.value,
                    o.comparator.as_str(),
                    o.period.0,
                    o.period.1,
                )
            })
            .collect();
        assert_eq!(
            outcomes,
            vec![
                (6.1, "=", Some(2024), Some(2024)),
                (12000.0, "=", Some(2024), Some(2024)),
                (60000.0, "=", Some(2020), Some(2024)),
                (3000.0, "=", Some(2024), Some(2024)),
                (120.0, "=", Some(2023), Some(2023)),
            ],
            "{:#?}",
            ex.outcomes
        );
        let targets: Vec<f64> = ex.targets.iter().map(|t| t.found.value.value).collect();
        for v in [5.0, 10000.0, 1000.0] {
            assert!(targets.contains(&v), "{v} in {targets:?}");
        }
        for o in &ex.outcomes {
            assert!(
                !ex.targets.iter().any(|t| t.found.at == o.found.at),
                "{o:?} is a target too"
            );
        }
        // 比上年提高1个百分点 in a plan: neither kind.
        assert!(!ex.outcomes.iter().any(|o| o.found.value.value == 1.0));
    }

    /// A comparison with a baseline after its own subject (地区生产总值比上年增长) is the plan's
    /// change of that subject; one that opens its clause is said of the value before it and
    /// governs its clause only; 比去年同期 reports what was done.
    #[test]
    fn a_baseline_after_its_subject_is_a_planned_change() {
        let text = "2025年某市政府工作报告\n2025年1月10日\n二、2025年工作安排\n\
                    今年全市地区生产总值比上年增长5%左右，城镇新增就业1万人以上。\n\
                    赤字率按3%安排、比上年提高1个百分点，赤字规模600亿元。\n\
                    一季度工业产值比去年同期增长8.2%。\n";
        let ex = run_normalized(text);
        let targets: Vec<(&str, f64)> = ex
            .targets
            .iter()
            .map(|t| (t.found.indicator.as_str(), t.found.value.value))
            .collect();
        for want in [
            ("地区生产总值增长", 5.0),
            ("城镇新增就业人数", 10000.0),
            ("赤字率", 3.0),
            ("赤字规模", 600.0),
        ] {
            assert!(targets.contains(&want), "{want:?} in {targets:?}");
        }
        assert!(
            !targets.iter().any(|t| t.1 == 1.0 || t.1 == 8.2),
            "{targets:?}"
        );
        assert!(ex.outcomes.iter().any(|o| o.found.value.value == 8.2));
    }

    /// [`run`] on the text as the pipeline gives it: normalized (full-width forms folded).
    fn run_normalized(text: &str) -> Extraction {
        let conv = crate::normalize::Converter::new().unwrap();
        let norm = crate::normalize::normalize(text, &conv);
        let p = Patterns::embedded().unwrap();
        let seg = Segmenter::new(&p);
        Extractor::new(&p).unwrap().extract(text, &norm.text, &seg)
    }

    /// In a review of five years and of the last one: a paragraph's opening (五年来 / 刚刚过去的
    /// 2025年) gives the period of what follows it; a level reached (or a state: 成为, 拥有) is the
    /// level at the period's end; a growth over a base year spans the years after it.
    #[test]
    fn a_paragraph_opening_gives_its_results_their_period() {
        let text = "2026年某省政府工作报告\n2026年1月20日\n一、“十四五”时期和2025年工作回顾\n\
                    过去五年，累计建成高速公路1200公里，常住人口城镇化率提高到65%。\n\
                    全省新建5G基站8万个。全省成为40个国家的主要贸易伙伴，每百户拥有家用汽车30辆。\n\
                    全省成为水质优良率连续五年保持100%的省份，地区生产总值连续迈上2个万亿元台阶、达5.2万亿元。\n\
                    刚刚过去的2025年，地区生产总值增长5.6%。\n\
                    新建5G基站2万个。\n\
                    2025年，全省粮食产量比2020年增长12%。\n\
                    二、2026年工作安排\n\
                    今年地区生产总值增长5%左右。\n";
        let ex = run_normalized(text);
        let got: Vec<(f64, Option<i32>, Option<i32>)> = ex
            .outcomes
            .iter()
            .map(|o| (o.found.value.value, o.period.0, o.period.1))
            .collect();
        assert_eq!(
            got,
            vec![
                (1200.0, Some(2021), Some(2025)),
                (65.0, Some(2025), Some(2025)),
                (80000.0, Some(2021), Some(2025)),
                // 成为, 拥有: a state at the period's end, no sum over it.
                (40.0, Some(2025), Some(2025)),
                (30.0, Some(2025), Some(2025)),
                // 连续五年保持: a state held through the five years; 、达: a level of its own.
                (100.0, Some(2021), Some(2025)),
                (2.0, Some(2021), Some(2025)),
                (5.2, Some(2025), Some(2025)),
                (5.6, Some(2025), Some(2025)),
                (20000.0, Some(2025), Some(2025)),
                (12.0, Some(2021), Some(2025)),
            ],
            "{:#?}",
            ex.outcomes
        );
        assert_eq!(ex.targets.len(), 1, "{:#?}", ex.targets);
    }

    /// Outside a review, a sentence opening with a narration phrase makes the sentences after it
    /// in its paragraph results, up to a sentence about the plans (今年, 要 …); a phrase after a
    /// ；, inside a sentence, opens nothing.
    #[test]
    fn a_narration_phrase_carries_to_the_next_sentences_of_its_paragraph() {
        let text = "2011年某市政府工作报告\n2011年2月1日\n三、2011年的工作\n\
                    2011年是开局之年。过去一年，各项工作取得很大成绩。全市生产总值增长10.3%，\
                    城镇新增就业1.2万人。今年全市生产总值增长8%左右。\n\
                    物价压力较大；去年价格上涨的翘尾影响约有1个百分点。把居民消费价格涨幅控制在4%左右。\n";
        let ex = run_normalized(text);
        let outcomes: Vec<f64> = ex.outcomes.iter().map(|o| o.found.value.value).collect();
        let targets: Vec<f64> = ex.targets.iter().map(|t| t.found.value.value).collect();
        // 去年…约有1个百分点: a result in its own sentence (the status word 去年 governs it).
        assert_eq!(outcomes, vec![10.3, 12000.0, 1.0], "{:#?}", ex.outcomes);
        assert!(ex
            .outcomes
            .iter()
            .all(|o| o.period == (Some(2010), Some(2010))));
        assert_eq!(targets, vec![8.0, 4.0], "{:#?}", ex.targets);
    }

    /// A chapter whose first paragraph opens with the year before issue reviews it, its
    /// sections included, up to the next chapter; a value whose verb a future marker leads
    /// (将增长) is read as a plan even there.
    #[test]
    fn a_chapter_opened_by_last_year_is_a_review() {
        let text = "2026年某省政府工作报告\n2026年1月20日\n\
                    一、一年接着一年干，建设取得新进展\n\
                    2025年是收官之年。全省地区生产总值增长5%。\n\
                    （一）着力推进产业升级\n新建和改造高标准农田71万亩，新增9家智能工厂。\n\
                    明年工业总产值将增长6%。\n\
                    二、2026年工作安排\n\
                    （一）主要目标\n全省地区生产总值增长5%左右。\n";
        let ex = run_normalized(text);
        let outcomes: Vec<f64> = ex.outcomes.iter().map(|o| o.found.value.value).collect();
        let targets: Vec<f64> = ex.targets.iter().map(|t| t.found.value.value).collect();
        assert_eq!(outcomes, vec![5.0, 71.0, 9.0], "{:#?}", ex.outcomes);
        assert!(ex
            .outcomes
            .iter()
            .all(|o| o.period == (Some(2025), Some(2025))));
        assert_eq!(targets, vec![6.0, 5.0], "{:#?}", ex.targets);
    }

    /// An annual plan's title dates its targets that state no time; a multi-year plan's
    /// title does not (the words come from the `annual_plan` and `multi_year_plan` lists).
    #[test]
    fn annual_plan_title_dates_its_targets() {
        let year = |title: &str| {
            let text = format!("{title}\n孕产妇死亡率控制在10/10万以下。\n");
            let t = run(&text).targets;
            assert_eq!(t.len(), 1, "{title}: {t:?}");
            t[0].time.as_ref().and_then(|t| t.year)
        };
        assert_eq!(year("2024年全区卫生健康工作要点"), Some(2024));
        assert_eq!(year("2024年全区卫生健康年度计划"), Some(2024));
        assert_eq!(year("2024年全区卫生健康三年工作方案"), None);
        assert_eq!(year("2024年全区卫生健康发展情况"), None);
    }

    #[test]
    fn review_of_past_work_holds_no_targets() {
        let text = "一、2025年工作回顾\n全市地区生产总值增长6.2%,新增城镇就业5.1万人。\n\
                    二、2026年主要预期目标和重点工作\n地区生产总值增长5%左右,城镇新增就业5万人以上。\n";
        let t = run(text).targets;
        let values: Vec<f64> = t.iter().map(|t| t.found.value.value).collect();
        assert_eq!(values, vec![5.0, 50000.0], "{t:?}");
    }

    #[test]
    fn first_listed_unit_leads_when_the_notice_says_so() {
        let text = "各项任务列第一位者为牵头单位。\n1.到2025年,孕产妇死亡率控制在10/10万以下。(区卫健委、区财政局)\n\
                    2.到2025年,婴儿死亡率控制在5‰以下。(责任单位:区卫健委、区妇联)\n";
        let t = run(text).targets;
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].units.lead, vec!["区卫健委"]);
        assert_eq!(t[1].units.support, vec!["区妇联"]);
    }

    #[test]
    fn an_event_at_the_head_dates_an_undated_document() {
        // Lexicon dated_event: 十五大 → 1997; 过去五年 are the five years before.
        let text = "高举旗帜，把事业全面推向二十一世纪 (十五大)\n同志们：\n\
                    过去五年，国内生产总值年均增长百分之十一。\n";
        let o = run(text).outcomes;
        assert_eq!(o.len(), 1, "{o:?}");
        assert_eq!(o[0].period, (Some(1992), Some(1996)));
        // Without the event the document has no year to count from.
        let o = run(&text.replace(" (十五大)", "")).outcomes;
        assert_eq!(o[0].period, (None, None));
    }

    #[test]
    fn a_rule_with_a_past_year_is_no_result() {
        // Lexicon rule_bound: a condition on a past year stays a rule (a target with no
        // deadline); the same figure reported is a result.
        let text = "关于申报人工智能领军企业的通知\n2019年3月1日\n\
                    申报企业2018年度研发经费不低于500万元。\n2018年度研发经费达到800万元。\n";
        let ex = run(text);
        assert_eq!(ex.targets.len(), 1, "{:?}", ex.targets);
        assert_eq!(ex.targets[0].found.value.value, 500.0);
        assert!(ex.targets[0].time.is_none());
        assert_eq!(ex.outcomes.len(), 1, "{:?}", ex.outcomes);
        assert_eq!(ex.outcomes[0].period, (Some(2018), Some(2018)));
    }

    #[test]
    fn results_of_the_present_take_the_year_of_issue() {
        // 今年 in a result's clause is the year of issue, after a clause of 去年.
        let text = "关于某县组织建设情况的报告\n2023年6月1日\n\
                    去年我们只有二百名党员，今年入党的大约有二百人。\n";
        let o = run(text).outcomes;
        let now: Vec<_> = o
            .iter()
            .filter(|o| o.found.at > text.find("今年").unwrap())
            .collect();
        assert_eq!(now.len(), 1, "{o:?}");
        assert_eq!(now[0].period, (Some(2023), Some(2023)));
        // 目前 (lexicon current_time): the year of issue, or the last one early in a year.
        let o = run("关于某县托育服务的报告\n2023年6月1日\n目前已建成托育机构12家。\n").outcomes;
        assert_eq!(o[0].period, (Some(2023), Some(2023)), "{o:?}");
        let o = run("关于某县托育服务的报告\n2023年2月1日\n目前已建成托育机构12家。\n").outcomes;
        assert_eq!(o[0].period, (Some(2022), Some(2022)), "{o:?}");
    }

    #[test]
    fn a_baseline_governs_its_own_clause_only() {
        // 较去年同期 compares the clause it stands in; the next clause is told by 截至.
        let text = "关于某省数字社会建设情况的报告\n2023年6月1日\n\
                    截至2022年底,全省网民规模达到1067万,较去年同期增长35万人,互联网普及率达75.6%。\n";
        let o = run(text).outcomes;
        assert!(
            o.iter().any(|o| o.found.indicator == "互联网普及率"),
            "{o:?}"
        );
        assert!(run(text).targets.is_empty());
    }

    #[test]
    fn an_as_of_date_after_the_issue_is_a_deadline() {
        // 截至 dates a result only when the date has passed at the issue; a later one is the
        // deadline of a target.
        let head = "关于印发某市信息基础设施建设方案的通知\n某市人民政府\n2024年3月1日\n";
        let later = run(&format!("{head}截至2025年底,累计建成5G基站2万个。\n"));
        assert_eq!(later.targets.len(), 1, "{:?}", later.targets);
        assert_eq!(
            later.targets[0].time.as_ref().and_then(|t| t.year),
            Some(2025)
        );
        assert!(later.outcomes.is_empty(), "{:?}", later.outcomes);
        let earlier = run(&format!("{head}截至2024年2月,累计建成5G基站2万个。\n"));
        assert!(earlier.targets.is_empty(), "{:?}", earlier.targets);
        assert_eq!(earlier.outcomes.len(), 1, "{:?}", earlier.outcomes);
    }

    #[test]
    fn a_goal_referred_to_is_no_result() {
        // Lexicon goal_reference: …的目标 ending its clause names the goal, not what was done;
        // a share of the tasks done is a result.
        let text = "2017年国务院政府工作报告\n过去一年,广义货币增长11.3%,低于13%左右的预期目标。\n\
                    过去一年,85.2%的改革试点任务落地实施。\n";
        let values: Vec<f64> = run(text)
            .outcomes
            .iter()
            .map(|o| o.found.value.value)
            .collect();
        assert_eq!(values, vec![11.3, 85.2]);
    }

    #[test]
    fn a_sum_over_a_review_keeps_its_range() {
        // Lexicon cumulative: 累计…达 is a sum over the five years, 达 alone a level at the end.
        let text = "2026年山西省政府工作报告\n过去五年,非常规天然气五年累计产量达750亿立方米,\
                    城镇化率达到66%。\n";
        let o = run(text).outcomes;
        assert_eq!(o.len(), 2, "{o:?}");
        assert_eq!(o[0].period, (Some(2021), Some(2025)));
        assert_eq!(o[1].period, (Some(2025), Some(2025)));
        // A percentage with no word of a rate over time is a level at the end (lexicon
        // flow_rate); an average growth keeps the range.
        let text = "2026年河南省政府工作报告\n过去五年,农村自来水普及率97%,\
                    居民人均可支配收入年均增长6.5%。\n";
        let o = run(text).outcomes;
        assert_eq!(o.len(), 2, "{o:?}");
        assert_eq!(o[0].period, (Some(2025), Some(2025)));
        assert_eq!(o[1].period, (Some(2021), Some(2025)));
    }

    #[test]
    fn an_undated_plan_counts_from_its_period_and_a_review_goes_on_past_its_results() {
        // A plan titled with a five-year period and no date counts from the period's first year
        // (lexicon plan_period); 2016年以来 starts in 2016.
        let text = "山东省“十四五”科技创新规划\n一、发展基础\n\
                    2016年以来,我省获国家科技进步一等奖2项。\n";
        let o = run(text).outcomes;
        assert_eq!(o.len(), 1, "{o:?}");
        assert_eq!(o[0].period, (Some(2016), Some(2020)));
        // 主要目标任务的完成 (lexicon done_word) reports results: the review goes on.
        let text = "2026年贵州省政府工作报告\n一、2025年和“十四五”时期工作回顾\n\
                    2025年经济平稳增长。\n各位代表!2025年主要目标任务的完成,标志着规划顺利收官。\n\
                    (八)加大力度保障和改善民生。每年城镇新增就业60万人以上。\n";
        let ex = run(text);
        assert!(ex.targets.is_empty(), "{:?}", ex.targets);
        assert_eq!(ex.outcomes.len(), 1, "{:?}", ex.outcomes);
    }

    #[test]
    fn a_deadline_opening_a_sentence_inside_a_paragraph_dates_the_rest_of_it() {
        // 力争到2027年,… opens a sentence after a long first one: the targets of the sentences
        // after it in the paragraph have its year; the next paragraph and a relative year (明年
        // 将…) in mid-paragraph do not carry it on.
        let text = "关于印发人工智能行动方案的通知\n一、主要目标\n\
                    瞄准人工智能前沿方向,以突破人工智能关键技术为核心,以拓展示范应用为路径。\
                    力争到2027年,创新体系全面拓展。打造行业级大模型10个以上;培育20家领军企业。\n\
                    二、重点任务\n建成重大科技创新平台100家。今年工作平稳。明年将新增支出10亿元。\
                    中央财政还将安排150亿元。\n";
        let t = run(text).targets;
        let year = |v: f64| {
            t.iter()
                .find(|x| x.found.value.value == v)
                .and_then(|x| x.time.as_ref().and_then(|x| x.year))
        };
        assert_eq!(year(10.0), Some(2027), "{t:?}");
        assert_eq!(year(20.0), Some(2027), "{t:?}");
        assert_eq!(year(100.0), None, "{t:?}");
        assert_eq!(year(150.0), None, "{t:?}");
        // A short label closed by a colon may come before it.
        let text = "关于印发数字经济规划的通知\n一、发展目标\n设置了济南市数字化发展指标体系,提出了25项指标。\
                    定量指标提出:到2025年,数字经济规模全面拓展。同时提出建设300个数字工厂。\n";
        let t = run(text).targets;
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].time.as_ref().and_then(|x| x.year), Some(2025), "{t:?}");
    }

    #[test]
    fn a_growth_averaged_over_years_in_a_year_s_review_spans_five_years() {
        let text = "2026年陕西省政府工作报告\n一、2025年工作回顾\n\
                    技术合同成交额增加到5260亿元,高技术制造业增加值年均增长7.2%,\
                    PM2.5年均浓度下降9.1%。\n";
        let o = run(text).outcomes;
        let period = |v: f64| {
            o.iter()
                .find(|x| x.found.value.value == v)
                .map(|x| x.period)
        };
        assert_eq!(period(7.2), Some((Some(2021), Some(2025))), "{o:?}");
        // 年均浓度 is a year's mean, not an average over years.
        assert_eq!(period(9.1), Some((Some(2025), Some(2025))), "{o:?}");
    }

    #[test]
    fn a_heading_of_a_past_year_s_achievements_heads_a_review() {
        // Undated: any year in the heading is past; the next chapter ends the review.
        let text = "党的二十大报告指出,要加快建设数字中国。\n一、2022年数字中国建设取得显著成效\n\
                    累计建成开通5G基站231.2万个,5G用户达5.61亿户。\n二、2023年工作安排\n\
                    新建5G基站60万个。\n";
        let ex = run(text);
        assert_eq!(ex.outcomes.len(), 2, "{:?}", ex.outcomes);
        assert_eq!(ex.targets.len(), 1, "{:?}", ex.targets);
        // A goal's heading has no past year: what follows it stays a target.
        let text = "关于印发发展规划的通知\n二、发展目标\n(一)高质量发展取得显著成效\n\
                    到2030年,新建5G基站60万个。\n";
        let ex = run(text);
        assert_eq!(ex.targets.len(), 1, "{:?}", ex.targets);
        assert!(ex.outcomes.is_empty(), "{:?}", ex.outcomes);
    }

    #[test]
    fn title_year_anchors_this_year_and_older_deadlines_are_history() {
        let text = "2015年中华人民共和国国务院政府工作报告\n各位代表:\n\
                    今年国内生产总值增长7%左右。\n2013年国内生产总值增长7.7%。\n";
        let t = run(text).targets;
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].found.value.value, 7.0);
        assert_eq!(t[0].time.as_ref().and_then(|x| x.year), Some(2015));
    }

    #[test]
    fn the_next_chapter_ends_a_review() {
        let text = "一、2025年工作回顾\n全市生产总值增长5.5%。\n二、关于规划纲要的说明\n\
                    三、2026年主要任务\n全市生产总值增长5%左右。\n";
        let t = run(text).targets;
        let values: Vec<f64> = t.iter().map(|t| t.found.value.value).collect();
        assert_eq!(values, vec![5.0], "{t:?}");
    }

    #[test]
    fn a_work_report_republished_by_a_newspaper_is_not_a_news_report() {
        let text = "2026年甘肃省政府工作报告\n来源:甘肃日报\n任振鹤作政府工作报告。甘肃日报记者 盛学卿\n\
                    “十五五”时期的主要目标任务\n实施100个社区儿童友好空间改造工程。居民人均可支配收入增长6%左右。\n";
        assert_eq!(run(text).targets.len(), 2);
        let news = "当前位置:首页 > 资讯\n兴仁多措并举推进妇幼工作\n来源:亮点黔西南 作者:周蕊\n\
                    亮点黔西南讯 全年共开展宣传10次,投入资金50万元。\n";
        assert!(run(news).targets.is_empty());
    }
}
