//! Keys of indicator names: the one normalization that extraction (a record's `indicator_id`)
//! and `compare`/`attainment` (grouping, joining) both apply, so both sides of a match agree.

use crate::normalize::fold_char;
use crate::patterns::Patterns;
use crate::words::{WordList, Words};

/// The fold of a name in simplified characters for its key: full-width forms folded to
/// half-width, dashes and tildes in one form, white space removed, ASCII lower-cased.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        let f = fold_char(c, it.peek().copied());
        if !f.is_whitespace() {
            out.push(f.to_ascii_lowercase());
        }
    }
    out
}

/// The words dropped from an indicator's key: scope words at its start (全市, 辖区内), times
/// that date a value rather than name it at its start (今年, 去年, 年末: `relative_time`,
/// `outcome_span`), and a baseline anywhere (比上年, 同比: `baseline_status`); and the words
/// it writes in one form (GDP → 地区生产总值, 增速 → 增长: `key_synonym`). Each word is kept as
/// the caller's `fold` writes it, longest first.
pub struct NameKey {
    scope: WordList,
    opening_time: WordList,
    baseline: Vec<String>,
    /// Any baseline word, to skip the search for each in most names.
    any_baseline: Words,
    /// The words of `key_synonym` and, at the same index, the form each is written in.
    synonyms: Words,
    synonym_forms: Vec<String>,
}

impl NameKey {
    pub fn new(patterns: &Patterns, fold: impl Fn(&str) -> String) -> NameKey {
        let by_length = |words: Vec<&str>| {
            let mut w: Vec<String> = words.iter().map(|w| fold(w)).collect();
            w.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            w
        };
        let baseline = by_length(patterns.list("baseline_status"));
        let synonyms = patterns.pairs("key_synonym");
        NameKey {
            scope: WordList::new(by_length(patterns.list("scope"))),
            opening_time: WordList::new(by_length(
                patterns
                    .list("relative_time")
                    .into_iter()
                    .chain(patterns.pairs("outcome_span").into_iter().map(|(w, _)| w))
                    .collect(),
            )),
            any_baseline: Words::new(&baseline),
            baseline,
            synonyms: Words::new(synonyms.iter().map(|(w, _)| fold(w))),
            synonym_forms: synonyms
                .iter()
                .map(|(_, f)| if *f == "-" { String::new() } else { fold(f) })
                .collect(),
        }
    }

    /// The key of a folded name: without a baseline, without the scope words and times it
    /// starts with, without punctuation at either end (辖区内孕产妇死亡率 → 孕产妇死亡率,
    /// 去年居民消费价格比上年上涨 → 居民消费价格上涨), its synonyms in one form (全省GDP增速 →
    /// 地区生产总值增长).
    pub fn strip(&self, folded: String) -> String {
        let k = self.strip_words(folded);
        self.one_form(k)
    }

    /// `k` with each `key_synonym` word, leftmost and longest first, written in its form.
    fn one_form(&self, k: String) -> String {
        if !self.synonyms.any_in(&k) {
            return k;
        }
        let mut out = String::with_capacity(k.len());
        let mut rest = k.as_str();
        while let Some(c) = rest.chars().next() {
            match self.synonyms.longest_prefix(rest) {
                Some(i) if !self.synonyms.word(i).is_empty() => {
                    out.push_str(&self.synonym_forms[i]);
                    rest = &rest[self.synonyms.word(i).len()..];
                }
                _ => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }

    /// The key's words dropped (see [`NameKey::strip`]).
    fn strip_words(&self, folded: String) -> String {
        let punct =
            |c: char| c.is_ascii_punctuation() || "、，。；：·…“”‘’《》（）【】".contains(c);
        let mut k = folded;
        if self.any_baseline.any_in(&k) {
            for b in &self.baseline {
                if k.len() > b.len() {
                    if let Some(i) = k.find(b.as_str()) {
                        k.replace_range(i..i + b.len(), "");
                    }
                }
            }
        }
        loop {
            let trimmed = k.trim_matches(punct);
            let rest = self
                .scope
                .first_prefix(trimmed)
                .or_else(|| self.opening_time.first_prefix(trimmed))
                .map(|w| &trimmed[w.len()..])
                .filter(|r| !r.is_empty())
                .unwrap_or(trimmed);
            if rest.len() == k.len() {
                return k;
            }
            k = rest.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &NameKey, s: &str) -> String {
        k.strip(fold(s))
    }

    #[test]
    fn synonyms_give_one_quantity_one_key_and_leave_others_apart() {
        let p = Patterns::embedded().unwrap();
        let k = NameKey::new(&p, fold);
        assert_eq!(key(&k, "全省GDP增速"), key(&k, "地区生产总值增长"));
        assert_eq!(key(&k, "国内生产总值年平均增长"), "地区生产总值年均增长");
        assert_eq!(key(&k, "每万人发明专利拥有量"), "每万人口发明专利拥有量");
        assert_eq!(key(&k, "每万人口发明专利拥有量"), "每万人口发明专利拥有量");
        assert_eq!(key(&k, "高新技术企业数量"), key(&k, "高新技术企业数"));
        assert_eq!(
            key(&k, "科技进步对经济增长的贡献率"),
            "科技进步对经济增长贡献率"
        );
        assert_eq!(key(&k, "细颗粒物(PM2.5)年均浓度"), "pm2.5浓度");
        assert_ne!(key(&k, "国民生产总值"), key(&k, "国内生产总值"));
        assert_ne!(key(&k, "发明专利授权量"), key(&k, "发明专利拥有量"));
    }
}
