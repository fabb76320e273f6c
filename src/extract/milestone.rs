//! Milestones: dated tasks without a value — a clause with its own time expression, under a
//! dated heading or a "2023年计划完成:" list, in the scope of its sentence's deadline when it
//! names a concrete deliverable, or with a calendar recurrence (每月25日前…).

use super::deadline::TimeExpr;
use super::layout::{Heading, Span};
use super::responsible::UnitReader;
use super::{DocPass, Milestone, Target};
use crate::patterns::Patterns;
use crate::words::{WordList, Words};

pub struct MilestoneRules {
    recurring: Vec<(String, String)>,
    /// The recurrence words, in the order of `recurring`.
    recurring_words: Words,
    goal: Words,
    task: Words,
    deliverable: Words,
    adverbs: WordList,
    /// Words stripped from the start of a task text (lexicon list `task_lead`), in file order.
    lead: Vec<String>,
    vague: Words,
    descriptive: Words,
    /// Words holding 了 that do not mark a completed action (为了, 了解).
    not_perfective: Vec<String>,
}

impl MilestoneRules {
    pub fn new(p: &Patterns) -> MilestoneRules {
        let mut recurring: Vec<(String, String)> = p
            .pairs("recurring")
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        recurring.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        let list = |name: &str| p.words(name);
        MilestoneRules {
            recurring_words: Words::new(recurring.iter().map(|(w, _)| w)),
            recurring,
            task: Words::new(list("task_verb")),
            deliverable: Words::new(list("deliverable_verb")),
            adverbs: WordList::new(list("task_adverb")),
            lead: list("task_lead"),
            vague: Words::new(list("vague_verb")),
            descriptive: Words::new(list("not_milestone")),
            not_perfective: list("not_perfective"),
            goal: Words::new(p.list("goal")),
        }
    }

    /// A concrete deliverable: a deliverable verb that is not a noun (完成情况).
    fn deliverable(&self, clause: &str) -> bool {
        self.deliverable.any_in(clause)
            && self
                .deliverable
                .occurrences(clause)
                .any(|(_, e, _)| !clause[e..].starts_with(['情', '率', '数']))
    }

    /// The task without the adverbs before its first verb.
    fn first_word<'t>(&self, task: &'t str) -> &'t str {
        let mut t = task;
        while let Some(a) = self.adverbs.first_prefix(t) {
            t = &t[a.len()..];
        }
        t
    }

    /// The task opens with a task verb (组织…, 举办…, 完成…), as items of a dated list do.
    fn starts_with_task(&self, task: &str) -> bool {
        self.task.longest_prefix(self.first_word(task)).is_some()
    }

    /// The task opens with a vague verb (推进…, 加强…): no concrete deliverable.
    fn starts_vague(&self, task: &str) -> bool {
        self.vague.longest_prefix(self.first_word(task)).is_some()
    }

    /// Every milestone of the document.
    pub fn find(
        &self,
        pass: &DocPass,
        sentences: &[Span],
        targets: &[Target],
        units: &UnitReader,
    ) -> Vec<Milestone> {
        let text = pass.text;
        let mut out: Vec<Milestone> = Vec::new();
        // Targets sorted by start, and the longest target span, to find those near a sentence.
        let mut by_start: Vec<(usize, usize, usize)> = targets
            .iter()
            .enumerate()
            .map(|(k, t)| (t.found.start, t.found.end, k))
            .collect();
        by_start.sort_unstable();
        let longest = targets
            .iter()
            .map(|t| t.found.end.saturating_sub(t.found.start))
            .max()
            .unwrap_or(0);

        for s in sentences {
            let li = pass.line_index(s.start);
            // Only a sentence with a date in reach, a recurrence or a dated heading, list or cell
            // can hold a milestone; most sentences of a long document have none of these.
            let full = pass.full_sentence_start(s.start);
            let first_time = pass.times.partition_point(|t| t.start < full);
            // The same for every clause of the sentence: asked once.
            let colon = std::cell::OnceCell::new();
            let colon_dated = || *colon.get_or_init(|| colon_dated(pass, li, s.start));
            let dated = pass.times.get(first_time).is_some_and(|t| t.start < s.end)
                || pass.line_scope[li].is_some()
                || pass.opened_on_line(li).is_some()
                || pass.cell_scope(li).is_some()
                || colon_dated();
            let body = &text[s.start..s.end];
            if !dated && !self.recurring_words.any_in(body) {
                continue;
            }
            if matches!(pass.headings[li], Some(Heading::Chapter | Heading::Section)) {
                continue;
            }
            if pass.report && !self.goal.any_in(body) {
                continue;
            }
            let clauses = clauses(text, *s);
            // Targets that reach into the sentence.
            let near: Vec<usize> = by_start
                [by_start.partition_point(|&(st, _, _)| st < s.start.saturating_sub(longest))..]
                .iter()
                .take_while(|&&(st, _, _)| st <= s.end)
                .filter(|&&(_, en, _)| en >= s.start)
                .map(|&(_, _, k)| k)
                .collect();
            let full = pass.full_sentence_start(s.start);
            let cell_dated = pass.cell_scope(li).is_some();
            let mut pending: Option<(&TimeExpr, usize)> = None;
            // 每年10月底前，下发《…通知》: a recurrence whose clause holds no task, for the next.
            let mut pending_recurrence: Option<(String, usize)> = None;
            let mut last_in_sentence: Option<usize> = None;
            let mut prev_clause: Option<Span> = None;
            for (ci, c) in clauses.iter().enumerate() {
                let clause = &text[c.start..c.end];
                let in_clause = pass.times_between(c.start, c.end);
                let own = in_clause.iter().find(|t| t.end <= c.end && !t.reference);
                // The task text is made when first needed: most clauses are turned away first.
                let mut task: Option<String> = None;
                // A clause that is only a date (2025年底,…) dates the next one.
                if own.is_some()
                    && task
                        .get_or_insert_with(|| task_text(text, *c, in_clause, &self.lead))
                        .chars()
                        .count()
                        < 2
                {
                    pending = own.map(|t| (t, c.start));
                    continue;
                }
                let sentence_time = pass
                    .times_between(full, c.start)
                    .iter()
                    .any(|t| !t.reference && !t.placeholder)
                    // A paragraph opened by a time (到2020年,…) dates its later sentences too.
                    || pass
                        .opened_on_line(li)
                        .is_some_and(|t| t.start < c.start && !t.placeholder);
                let taken = near.iter().map(|&k| &targets[k]).any(|t| {
                    (t.found.start < c.end && c.start < t.found.end)
                        || (t.found.rule == "share-of-units"
                            && t.found.start >= s.start
                            && t.found.end <= s.end
                            && {
                                let task = task.get_or_insert_with(|| {
                                    task_text(text, *c, in_clause, &self.lead)
                                });
                                task.chars().count() >= 4
                                    && t.found.indicator.contains(task.as_str())
                            })
                });
                // The last bracket opening at or before the clause (brackets do not overlap)
                // closes at or after its end.
                let opened = pass.brackets.partition_point(|b| b.start <= c.start);
                let in_bracket = opened > 0 && pass.brackets[opened - 1].end >= c.end;
                let prev = prev_clause.replace(*c);
                // 研究提出了办理意见: what was done is no task.
                if taken
                    || in_bracket
                    || self.descriptive.any_in(clause)
                    || super::layout::perfective(clause, &self.not_perfective)
                {
                    pending = None;
                    continue;
                }
                let task = task.unwrap_or_else(|| task_text(text, *c, in_clause, &self.lead));
                // 并配备专职人员…, the rest of a recurring task, or a clause with no deliverable
                // of its own (…能力,增强…能力): the same milestone goes on.
                let continues = clause.trim_start().starts_with(['并', '同'])
                    || (own.is_none() && !self.deliverable(clause));
                if let Some(mi) = last_in_sentence {
                    if continues || out[mi].recurring.is_some() {
                        out[mi].end = c.end;
                        continue;
                    }
                }
                let held = pending.take();
                let (own, start) = match (own, held) {
                    (Some(t), _) => (Some(t), c.start),
                    (None, Some((t, st))) => (Some(t), st),
                    (None, None) => (None, c.start),
                };
                // 1997年4―6月，由社会团体根据…要求，…进行自查并填写…: a date that opened the
                // sentence waits for the clause with the task.
                let from_pending = held.is_some() && own.is_some_and(|t| t.start < c.start);
                let carried = pending_recurrence.take();
                let recurring = if clause.contains("年度第") || !self.recurring_words.any_in(clause)
                {
                    carried.as_ref().map(|(r, _)| r.clone())
                } else {
                    self.recurring_words
                        .occurrences(clause)
                        .map(|(_, _, k)| k)
                        .min()
                        .map(|k| self.recurring[k].1.clone())
                };
                let first_word_is_task = self.starts_with_task(&task);
                let (time, rule, start, task) = if let Some(r) = &recurring {
                    if !self.task.any_in(clause) || has_age(clause) || r.is_empty() {
                        // Only a short clause of a recurrence and its date (期间每年10月底前)
                        // waits for its task.
                        let dated = clause.chars().count() <= 14
                            && clause.char_indices().any(|(i, ch)| {
                                matches!(ch, '月' | '日' | '号')
                                    && clause[..i].ends_with(|p: char| {
                                        p.is_ascii_digit() || "一二三四五六七八九十".contains(p)
                                    })
                            });
                        if carried.is_none() && dated && !has_age(clause) && !r.is_empty() {
                            pending_recurrence = Some((r.clone(), start));
                        }
                        continue;
                    }
                    let start = carried.map_or(start, |(_, st)| st.min(start));
                    (None, "recurring", start, task)
                } else if let Some(t) = own {
                    if t.placeholder {
                        if !self.deliverable.any_in(clause) {
                            continue;
                        }
                        (None, "dated-clause", start, task)
                    } else if task.chars().count() <= 3 && prev.is_some() {
                        // 对区人民医院…进行整体提升改造,到2025年底完成
                        let p = prev.expect("previous clause");
                        let ptask =
                            task_text(text, p, pass.times_between(p.start, p.end), &self.lead);
                        if last_in_sentence.is_some_and(|mi| out[mi].start == p.start) {
                            let mi = last_in_sentence.expect("milestone");
                            out[mi].end = c.end;
                            out[mi].time = pass.time_at(*s, t.end);
                            continue;
                        }
                        (pass.time_at(*s, t.end), "dated-clause", p.start, ptask)
                    } else if self.task.any_in(clause) && !self.starts_vague(&task) {
                        (pass.time_at(*s, t.end), "dated-clause", start, task)
                    } else if from_pending
                        && sentence_time
                        && self.deliverable(clause)
                        && !clause.trim_start().starts_with("逐步")
                    {
                        // 到2020年，…持续提升，…问题基本解决: a deliverable in the date's scope.
                        (pass.time_at(*s, c.start), "sentence-scope", c.start, task)
                    } else {
                        if from_pending {
                            pending = held;
                        }
                        continue;
                    }
                } else if ci == 0
                    && first_word_is_task
                    && pass.line_scope[li]
                        .as_ref()
                        .is_some_and(|t| t.period.is_some())
                {
                    // Under a dated heading (第二季度:…): a sentence that opens with a task.
                    (pass.time_at(*s, c.start), "dated-heading", start, task)
                } else if colon_dated() && first_word_is_task {
                    // A numbered list under "2023年计划完成:".
                    (pass.time_at(*s, c.start), "dated-list", start, task)
                } else if (sentence_time || cell_dated)
                    && self.deliverable(clause)
                    && !clause.trim_start().starts_with("逐步")
                {
                    (pass.time_at(*s, c.start), "sentence-scope", start, task)
                } else {
                    continue;
                };
                if recurring.is_none() && time.is_none() && own.is_none_or(|t| !t.placeholder) {
                    continue;
                }
                // A date before the year of issue is history, not a task.
                if let (Some(y), Some(a)) = (time.as_ref().and_then(|t| t.year), pass.anchor_year) {
                    if y < a {
                        continue;
                    }
                }
                if task.chars().count() < 4 {
                    continue;
                }
                let start = trim_start(text, start, c.end);
                out.push(Milestone {
                    task,
                    time,
                    recurring,
                    units: pass.units_at(units, *s, start),
                    start,
                    end: c.end,
                    rule,
                    duplicate_of: None,
                });
                last_in_sentence = Some(out.len() - 1);
            }
        }
        if let Some(ts) = pass.table_start {
            let body: Vec<(usize, String)> = out
                .iter()
                .filter(|m| m.start < ts)
                .map(|m| (m.start, m.task.clone()))
                .collect();
            for m in out.iter_mut().filter(|m| m.start >= ts) {
                if let Some((s, _)) = body
                    .iter()
                    .find(|(_, t)| super::similarity(t, &m.task) >= 0.6)
                {
                    m.duplicate_of = Some(*s);
                }
            }
        }
        out
    }
}

/// A per-person schedule (3-6岁儿童每年进行一次体格检查) is no milestone.
fn has_age(clause: &str) -> bool {
    clause.contains('岁')
}

/// The task's first word after leading adverbs.
/// The line holds a time expression followed by ':' before `at` (2023年计划完成:(1)…).
fn colon_dated(pass: &DocPass, li: usize, at: usize) -> bool {
    let (ls, _) = pass.lines[li];
    let first = pass.times.partition_point(|t| t.start < ls);
    // The colon after a time, with no 。 ; , before it (DocPass::colon_after), before `at`.
    let from = pass.colon_times.partition_point(|&i| i < first);
    pass.colon_times[from..]
        .iter()
        .map(|&i| (&pass.times[i], pass.colon_after[i]))
        .take_while(|(t, _)| t.start < at)
        .any(|(t, colon)| {
            t.end <= at && !t.reference && !t.placeholder && colon.is_some_and(|c| c < at)
        })
}

/// Clauses of a sentence (split at commas, keeping brackets whole).
fn clauses(text: &str, s: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut cs = s.start;
    let mut depth = 0i32;
    for (i, c) in text[s.start..s.end].char_indices() {
        match c {
            '(' | '〔' | '[' | '【' | '“' | '《' => depth += 1,
            ')' | '〕' | ']' | '】' | '”' | '》' => depth -= 1,
            ',' | '，' if depth <= 0 => {
                out.push(Span {
                    start: cs,
                    end: s.start + i,
                });
                cs = s.start + i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(Span {
        start: cs,
        end: s.end,
    });
    out.retain(|c| !text[c.start..c.end].trim().is_empty());
    out
}

fn trim_start(text: &str, mut s: usize, e: usize) -> usize {
    while s < e && text[s..e].starts_with([' ', '\u{3000}']) {
        s += 1;
    }
    s
}

/// The task of a clause: its words without the time expressions, a leading period heading
/// (第一季度:), an enumerator and the leading words of the lexicon's `task_lead` list.
fn task_text(text: &str, c: Span, times: &[TimeExpr], lead_words: &[String]) -> String {
    let mut out = String::new();
    let mut pos = c.start;
    for t in times
        .iter()
        .filter(|t| t.start >= c.start && t.end <= c.end)
    {
        out.push_str(&text[pos..t.start]);
        pos = t.end;
    }
    out.push_str(&text[pos..c.end]);
    let mut s: &str = out.trim();
    loop {
        let before = s.len();
        s = s.trim_start_matches([',', ':', ' ', '、', ';']);
        let lead: usize = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum();
        if lead > 0 {
            if let Some(sep) = s[lead..].chars().next().filter(|c| matches!(c, '.' | '、')) {
                s = &s[lead + sep.len_utf8()..];
            }
        }
        if let Some(r) = s.strip_prefix('(') {
            if let Some(close) = r.find(')') {
                if r[..close]
                    .chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
                {
                    s = &r[close + 1..];
                }
            }
        }
        for w in lead_words {
            if let Some(r) = s.strip_prefix(w.as_str()) {
                s = r;
            }
        }
        if s.len() == before {
            break;
        }
    }
    s.trim().to_string()
}
