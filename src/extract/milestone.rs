//! Milestones: dated tasks without a value — a clause with its own time expression, under a
//! dated heading, or with a calendar recurrence (每月25日前…), whose verb names a deliverable.

use super::deadline::TimeExpr;
use super::layout::{is_clause_end, Span};
use super::responsible::UnitReader;
use super::{DocPass, Milestone, Target};
use crate::patterns::Patterns;

pub struct MilestoneRules {
    recurring: Vec<(String, String)>,
    /// Verbs of a concrete deliverable.
    verbs: Vec<&'static str>,
}

const DELIVERABLE: &[&str] = &[
    "完成",
    "建成",
    "建立",
    "设立",
    "开设",
    "设置",
    "配备",
    "实现",
    "启动",
    "建设",
    "开展",
    "组织",
    "举办",
    "召开",
    "上报",
    "报送",
    "报",
    "推广",
    "落实",
    "全覆盖",
    "覆盖",
    "接入",
    "提供",
    "出台",
    "制定",
    "印发",
    "进行",
    "完善",
    "提高",
    "增强",
    "普及",
];

impl MilestoneRules {
    pub fn new(p: &Patterns) -> MilestoneRules {
        let mut recurring: Vec<(String, String)> = p
            .pairs("recurring")
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        recurring.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        MilestoneRules {
            recurring,
            verbs: DELIVERABLE.to_vec(),
        }
    }

    fn has_verb(&self, s: &str) -> bool {
        self.verbs.iter().any(|v| s.contains(v))
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
        for s in sentences {
            // Clauses of the sentence.
            let mut clauses = Vec::new();
            let mut cs = s.start;
            for (i, c) in text[s.start..s.end].char_indices() {
                if is_clause_end(c) && c != ':' {
                    clauses.push(Span {
                        start: cs,
                        end: s.start + i,
                    });
                    cs = s.start + i + c.len_utf8();
                }
            }
            clauses.push(Span {
                start: cs,
                end: s.end,
            });
            let mut dated_sentence = false;
            for c in clauses {
                let clause = &text[c.start..c.end];
                if clause.trim().chars().count() < 4 {
                    continue;
                }
                let has_target = targets
                    .iter()
                    .any(|t| t.found.at >= c.start && t.found.at < c.end);
                let in_bracket = pass
                    .brackets
                    .iter()
                    .any(|b| b.start <= c.start && c.end <= b.end);
                let own: Option<&TimeExpr> = pass
                    .times
                    .iter()
                    .find(|t| t.start >= c.start && t.end <= c.end && !t.reference);
                let recurring = self
                    .recurring
                    .iter()
                    .find(|(w, _)| {
                        clause.contains(w.as_str()) && !clause.contains("年度第") && w != "年度"
                    })
                    .map(|(_, v)| v.clone());
                if own.is_some() {
                    dated_sentence = true;
                }
                if has_target || in_bracket || !self.has_verb(clause) {
                    continue;
                }
                let (time, rule) = if let Some(r) = &recurring {
                    let _ = r;
                    (None, "recurring")
                } else if let Some(t) = own {
                    (Some(pass.time_at(*s, t.end)), "dated-clause")
                } else if dated_sentence && strong(clause) {
                    (Some(pass.time_at(*s, c.start)), "sentence-scope")
                } else if pass.line_scope[line_of(pass, c.start)]
                    .as_ref()
                    .is_some_and(|t| t.period.is_some())
                    && strong(clause)
                {
                    (Some(pass.time_at(*s, c.start)), "dated-heading")
                } else {
                    continue;
                };
                let time = time.flatten();
                if recurring.is_none() && time.is_none() && own.is_none_or(|t| !t.placeholder) {
                    continue;
                }
                let task = task_text(text, c, &pass.times);
                if task.chars().count() < 4 {
                    continue;
                }
                out.push(Milestone {
                    task,
                    time,
                    recurring,
                    units: pass.units_at(units, *s, c.start),
                    start: trim_start(text, c.start, c.end),
                    end: c.end,
                    rule,
                    duplicate_of: None,
                });
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

fn strong(clause: &str) -> bool {
    [
        "完成",
        "建成",
        "建立",
        "设立",
        "开设",
        "设置",
        "配备",
        "全覆盖",
        "接入",
        "出台",
    ]
    .iter()
    .any(|v| clause.contains(v))
}

fn line_of(pass: &DocPass, at: usize) -> usize {
    match pass.lines.binary_search_by(|&(s, _)| s.cmp(&at)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

fn trim_start(text: &str, mut s: usize, e: usize) -> usize {
    while s < e && text[s..e].starts_with([' ', '\u{3000}']) {
        s += 1;
    }
    s
}

/// The task of a clause: its words without the time expressions and leading scope words.
fn task_text(text: &str, c: Span, times: &[TimeExpr]) -> String {
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
    let mut s = out
        .trim()
        .trim_start_matches([',', ':', ' ', '、'])
        .to_string();
    for w in ["全区", "全市", "全县", "全省", "力争", "到", "至"] {
        if let Some(r) = s.strip_prefix(w) {
            s = r.trim_start_matches([',', ' ']).to_string();
        }
    }
    s
}
