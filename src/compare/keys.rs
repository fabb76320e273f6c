//! The matching keys of `compare` and `attainment`: one normalization of indicator and region
//! names for both sides of every match.

use std::collections::HashMap;

use crate::names::{self, NameKey};
use crate::normalize::Converter;
use crate::patterns::Patterns;
use crate::region::{stem, RegionTable};

/// See [`Keys::text`].
fn key_text(converter: &Converter, s: &str) -> String {
    names::fold(&converter.convert(s))
}

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
    /// The words an indicator's key drops (scope, opening times, baselines), as keys.
    name_key: NameKey,
}

impl<'a> Keys<'a> {
    pub fn new(converter: &'a Converter, regions: &'a RegionTable, patterns: &Patterns) -> Self {
        let mut keys = Keys {
            converter,
            regions,
            lexicon: HashMap::new(),
            ids: Vec::new(),
            name_key: NameKey::new(patterns, |w| key_text(converter, w)),
        };
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
        key_text(self.converter, s)
    }

    /// The key of an indicator name: [`Keys::text`] without the scope words and the times it
    /// starts with (辖区内孕产妇死亡率 → 孕产妇死亡率, 去年居民消费价格上涨 → 居民消费价格上涨),
    /// without a baseline (国内生产总值比上年增长 → 国内生产总值增长) and without punctuation at
    /// either end.
    pub fn indicator_text(&self, s: &str) -> String {
        self.name_key.strip(self.text(s))
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
            // An id is matched as written (gdp_growth), not through a name's synonyms.
            let id = id.to_ascii_lowercase();
            if id.contains(&self.text(filter))
                || id.contains(&f)
                || self.lexicon_id(filter).is_some_and(|l| l == id)
            {
                return true;
            }
        }
        names.iter().any(|n| self.indicator_text(n).contains(&f))
    }
}
