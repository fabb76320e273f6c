//! The matching keys of `compare` and `attainment`: one normalization of indicator and region
//! names for both sides of every match.

use std::collections::HashMap;

use crate::normalize::{fold_char, Converter};
use crate::patterns::Patterns;
use crate::region::{stem, RegionTable};

fn is_code(s: &str) -> bool {
    s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The matching keys of indicators and regions. Every comparison of names (record against
/// record, filter against record) goes through [`Keys::text`], so the same name written in
/// traditional characters, full-width forms or with spaces lines up.
pub struct Keys<'a> {
    converter: &'a Converter,
    regions: &'a RegionTable,
    /// Key of every canonical name and variant of the indicator lexicon → index in `ids`.
    lexicon: HashMap<String, usize>,
    /// (id, canonical name) of the indicator lexicon.
    ids: Vec<(String, String)>,
    /// Keys of the lexicon's scope words (全市, 辖区内), longest first.
    scope: Vec<String>,
    /// Keys of words that date or compare a value rather than name what it measures, dropped
    /// from indicator keys: an opening time (今年, 去年: `relative_time`, `outcome_span`) and a
    /// baseline anywhere (比上年, 同比: `baseline_status`).
    opening_time: Vec<String>,
    baseline: Vec<String>,
}

impl<'a> Keys<'a> {
    pub fn new(converter: &'a Converter, regions: &'a RegionTable, patterns: &Patterns) -> Self {
        let mut keys = Keys {
            converter,
            regions,
            lexicon: HashMap::new(),
            ids: Vec::new(),
            scope: Vec::new(),
            opening_time: Vec::new(),
            baseline: Vec::new(),
        };
        let by_length = |words: Vec<String>| {
            let mut w = words;
            w.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            w
        };
        keys.opening_time = by_length(
            patterns
                .list("relative_time")
                .into_iter()
                .chain(patterns.pairs("outcome_span").into_iter().map(|(w, _)| w))
                .map(|w| keys.text(w))
                .collect(),
        );
        keys.baseline = by_length(
            patterns
                .list("baseline_status")
                .iter()
                .map(|w| keys.text(w))
                .collect(),
        );
        let mut scope: Vec<String> = patterns
            .list("scope")
            .iter()
            .map(|w| keys.text(w))
            .collect();
        scope.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        keys.scope = scope;
        for def in &patterns.indicators {
            let i = keys.ids.len();
            keys.ids.push((def.id.clone(), def.canonical.clone()));
            for name in std::iter::once(&def.canonical).chain(&def.variants) {
                let k = keys.indicator_text(name);
                keys.lexicon.entry(k).or_insert(i);
            }
        }
        keys
    }

    /// The key of a name: simplified characters (OpenCC t2s), full-width forms folded to
    /// half-width, dashes and tildes in one form, white space removed, ASCII lower-cased.
    pub fn text(&self, s: &str) -> String {
        let simplified = self.converter.convert(s);
        let mut out = String::with_capacity(simplified.len());
        let mut it = simplified.chars().peekable();
        while let Some(c) = it.next() {
            let f = fold_char(c, it.peek().copied());
            if !f.is_whitespace() {
                out.push(f.to_ascii_lowercase());
            }
        }
        out
    }

    /// The key of an indicator name: [`Keys::text`] without the scope words and the times it
    /// starts with (辖区内孕产妇死亡率 → 孕产妇死亡率, 去年居民消费价格上涨 → 居民消费价格上涨),
    /// without a baseline (国内生产总值比上年增长 → 国内生产总值增长) and without punctuation at
    /// either end.
    pub fn indicator_text(&self, s: &str) -> String {
        let punct =
            |c: char| c.is_ascii_punctuation() || "、，。；：·…“”‘’《》（）【】".contains(c);
        let mut k = self.text(s);
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

    /// The lexicon id of an indicator name, if the name is a canonical name or a variant.
    pub fn lexicon_id(&self, name: &str) -> Option<&str> {
        self.lexicon
            .get(&self.indicator_text(name))
            .map(|&i| self.ids[i].0.as_str())
    }

    pub fn canonical(&self, id: &str) -> Option<&str> {
        self.ids
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, c)| c.as_str())
    }

    /// The group key and id of an indicator: its `indicator_id`, else the id the lexicon gives
    /// its text, else its text's key.
    pub fn indicator(&self, id: Option<&str>, text: &str) -> (String, Option<String>) {
        if let Some(id) = id.filter(|i| !i.is_empty()) {
            return (format!("id:{id}"), Some(id.to_string()));
        }
        let key = self.indicator_text(text);
        match self.lexicon.get(&key) {
            Some(&i) => (format!("id:{}", self.ids[i].0), Some(self.ids[i].0.clone())),
            None => (format!("text:{key}"), None),
        }
    }

    /// The region key: the 6-digit code, else the code the name resolves to (with the
    /// document's province and prefecture as context), else the name's key; "" for no region.
    pub fn region(&self, name: Option<&str>, code: Option<&str>, context: &[&str]) -> String {
        if let Some(c) = code.map(str::trim).filter(|c| is_code(c)) {
            return c.to_string();
        }
        let Some(name) = name.map(|n| self.text(n)).filter(|n| !n.is_empty()) else {
            return String::new();
        };
        self.regions.resolve(&name, context).code.unwrap_or(name)
    }

    /// Does a `--region` filter (a name, with or without its ending, or a code) select a
    /// region with this name and key?
    pub fn region_matches(&self, filter: &str, name: Option<&str>, key: &str) -> bool {
        let f = self.text(filter);
        if f.is_empty() {
            return false;
        }
        if is_code(&f) {
            return f == key;
        }
        if let Some(n) = name.map(|n| self.text(n)).filter(|n| !n.is_empty()) {
            if n == f || stem(&n) == stem(&f) {
                return true;
            }
        }
        match self.regions.resolve(&f, &[]).code {
            Some(code) => code == key,
            None => false,
        }
    }

    /// Does an `--indicator` filter select an indicator with this id and these names? It
    /// matches the id (exactly or as a part) or a name's key (exactly or as a part).
    pub fn indicator_matches(&self, filter: &str, id: Option<&str>, names: &[String]) -> bool {
        let f = self.indicator_text(filter);
        if f.is_empty() {
            return false;
        }
        if let Some(id) = id {
            let id = id.to_ascii_lowercase();
            if id.contains(&f) || self.lexicon_id(filter).is_some_and(|l| l == id) {
                return true;
            }
        }
        names.iter().any(|n| self.indicator_text(n).contains(&f))
    }
}
