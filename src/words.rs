//! Word lists compiled once into an Aho–Corasick automaton, so that asking "does any of these
//! words occur here, and where" costs one pass over the text instead of one search per word.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

/// A compiled list of words. Every query answers exactly what the matching loop over the list
/// (`contains`, `rfind`, `starts_with` word by word) answers.
#[derive(Debug, Clone)]
pub struct Words {
    /// All occurrences, overlapping (for `any_in`, `last_start`, `occurrences`).
    all: AhoCorasick,
    /// The longest word at a given position (for `longest_prefix`).
    longest: AhoCorasick,
}

impl Words {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Words {
        let words: Vec<String> = words.into_iter().map(|w| w.as_ref().to_string()).collect();
        let all = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .expect("word automaton");
        let longest = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&words)
            .expect("word automaton");
        Words { all, longest }
    }

    /// Does any word occur in `s`?
    pub fn any_in(&self, s: &str) -> bool {
        self.all.is_match(s)
    }

    /// Every occurrence of every word in `s`, overlapping: (start, end, word index), in order of
    /// their ends.
    pub fn occurrences<'a>(
        &'a self,
        s: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.all
            .find_overlapping_iter(s)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
    }

    /// The greatest start of an occurrence of any word that lies wholly in `s` (what
    /// `words.filter_map(|w| s.rfind(w)).max()` gives).
    pub fn last_start(&self, s: &str) -> Option<usize> {
        self.occurrences(s).map(|(a, _, _)| a).max()
    }

    /// The longest word that `s` starts with, as its index (ties: the first given).
    pub fn longest_prefix(&self, s: &str) -> Option<usize> {
        self.longest
            .find(Input::new(s).anchored(Anchored::Yes))
            .map(|m| m.pattern().as_usize())
    }
}

/// A word list sorted longest first (by chars; ties in text order), without repeats: the order
/// in which the first matching word is the longest one.
pub fn longest_first<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut v: Vec<String> = words.into_iter().map(|w| w.as_ref().to_string()).collect();
    v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    v.dedup();
    v
}

/// The first word of `words` that `s` starts with.
pub fn first_prefix<'w>(s: &str, words: &'w [String]) -> Option<&'w str> {
    words
        .iter()
        .find(|w| s.starts_with(w.as_str()))
        .map(|w| w.as_str())
}

/// The first word of `words` that `s` ends with.
pub fn first_suffix<'w>(s: &str, words: &'w [String]) -> Option<&'w str> {
    words
        .iter()
        .find(|w| s.ends_with(w.as_str()))
        .map(|w| w.as_str())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small deterministic random number source for the tests that compare a fast path with the
    /// plain loop it replaces on generated text.
    pub(crate) fn random(mut seed: u64) -> impl FnMut() -> usize {
        move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        }
    }

    #[test]
    fn answers_like_the_loops() {
        let list = ["截至", "目前", "全年共", "全年"];
        let w = Words::new(list);
        for s in [
            "截至目前全年共完成",
            "全年共",
            "到2025年",
            "",
            "全年全年共目前",
        ] {
            assert_eq!(w.any_in(s), list.iter().any(|x| s.contains(x)), "{s}");
            assert_eq!(
                w.last_start(s),
                list.iter().filter_map(|x| s.rfind(x)).max(),
                "{s}"
            );
            let mut by_len = list.to_vec();
            by_len.sort_by_key(|x| std::cmp::Reverse(x.len()));
            assert_eq!(
                w.longest_prefix(s).map(|i| list[i]),
                by_len.iter().find(|x| s.starts_with(**x)).copied(),
                "{s}"
            );
        }
        let none = Words::new(Vec::<String>::new());
        assert!(!none.any_in("anything"));
        assert_eq!(none.longest_prefix("x"), None);
    }
}
