//! Keys of indicator names: the one normalization that extraction (a record's `indicator_id`)
//! and `compare`/`attainment` (grouping, joining) both apply, so both sides of a match agree.

use crate::patterns::Patterns;

/// The words dropped from an indicator's key: scope words at its start (全市, 辖区内), times
/// that date a value rather than name it at its start (今年, 去年, 年末: `relative_time`,
/// `outcome_span`), and a baseline anywhere (比上年, 同比: `baseline_status`). Each word is
/// kept as the caller's `fold` writes it, longest first.
pub struct NameKey {
    scope: Vec<String>,
    opening_time: Vec<String>,
    baseline: Vec<String>,
}

impl NameKey {
    pub fn new(patterns: &Patterns, fold: impl Fn(&str) -> String) -> NameKey {
        let by_length = |words: Vec<&str>| {
            let mut w: Vec<String> = words.iter().map(|w| fold(w)).collect();
            w.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            w
        };
        NameKey {
            scope: by_length(patterns.list("scope")),
            opening_time: by_length(
                patterns
                    .list("relative_time")
                    .into_iter()
                    .chain(patterns.pairs("outcome_span").into_iter().map(|(w, _)| w))
                    .collect(),
            ),
            baseline: by_length(patterns.list("baseline_status")),
        }
    }

    /// The key of a folded name: without a baseline, without the scope words and times it
    /// starts with, without punctuation at either end (辖区内孕产妇死亡率 → 孕产妇死亡率,
    /// 去年居民消费价格比上年上涨 → 居民消费价格上涨).
    pub fn strip(&self, folded: String) -> String {
        let punct =
            |c: char| c.is_ascii_punctuation() || "、，。；：·…“”‘’《》（）【】".contains(c);
        let mut k = folded;
        for b in &self.baseline {
            if k.len() > b.len() {
                k = k.replacen(b.as_str(), "", 1);
            }
        }
        loop {
            let trimmed = k.trim_matches(punct);
            let rest = self
                .scope
                .iter()
                .chain(&self.opening_time)
                .find_map(|w| trimmed.strip_prefix(w.as_str()))
                .filter(|r| !r.is_empty())
                .unwrap_or(trimmed);
            if rest.len() == k.len() {
                return k;
            }
            k = rest.to_string();
        }
    }
}
