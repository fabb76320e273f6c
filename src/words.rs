//! Word lists compiled once for the questions the rules ask of them: `Words`, an Aho–Corasick
//! automaton ("does any of these words occur here, and where", one pass over the text instead of
//! one search per word), and `WordList`, a list indexed by first and last char ("the first word
//! this text starts or ends with").

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The most anchor chars searched before the automaton runs.
const MAX_ANCHORS: usize = 5;

/// A compiled list of words. Every query answers exactly what the matching loop over the list
/// (`contains`, `rfind`, `starts_with` word by word) answers.
#[derive(Debug, Clone)]
pub struct Words {
    /// All occurrences, overlapping (for `any_in`, `last_start`, `occurrences`).
    all: AhoCorasick,
    /// When a few chars cover the list (every word holds one of them): a finder for each. A
    /// text that holds none of them holds no word, and SIMD search finds that faster than the
    /// automaton reads the text.
    anchors: Vec<memchr::memmem::Finder<'static>>,
    /// The words by their first char, each bucket longest first (ties: the first given), and
    /// the first empty word (for `longest_prefix`: the first word of its bucket that the text
    /// starts with; a few comparisons where an anchored automaton search has more setup).
    words: Vec<String>,
    by_first: Vec<(char, Vec<usize>)>,
    empty: Option<usize>,
}

impl Words {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Words {
        let words: Vec<String> = words.into_iter().map(|w| w.as_ref().to_string()).collect();
        let all = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&words)
            .expect("word automaton");
        let mut by_first = index_by(&words, |w| w.chars().next());
        for (_, bucket) in &mut by_first {
            bucket.sort_by_key(|&i| (std::cmp::Reverse(words[i].len()), i));
        }
        let empty = words.iter().position(String::is_empty);
        // Each word not yet covered adds its first char.
        let mut anchors: Vec<String> = Vec::new();
        for w in &words {
            if !anchors.iter().any(|a| w.contains(a.as_str())) {
                anchors.extend(w.chars().next().map(String::from));
            }
        }
        let anchors = if anchors.len() <= MAX_ANCHORS && !words.iter().any(String::is_empty) {
            finders(&anchors)
        } else {
            Vec::new()
        };
        Words {
            all,
            anchors,
            words,
            by_first,
            empty,
        }
    }

    /// Does any word occur in `s`?
    pub fn any_in(&self, s: &str) -> bool {
        if !self.anchors.is_empty() && !self.anchors.iter().any(|f| f.find(s.as_bytes()).is_some())
        {
            return false;
        }
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
        bucket(&self.by_first, s.chars().next())
            .iter()
            .copied()
            .find(|&i| s.starts_with(self.words[i].as_str()))
            .or(self.empty)
    }

    /// How many words the list holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list holds no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The word at an index that `longest_prefix` or another query gave.
    pub fn word(&self, i: usize) -> &str {
        &self.words[i]
    }
}

/// Several word lists searched together: one pass over a text tells which of the lists have a
/// word in it, where asking each list (`Words::any_in`) reads the text once per list.
#[derive(Debug, Clone)]
pub struct WordSets {
    /// Every distinct word of the lists, all occurrences (overlapping).
    all: AhoCorasick,
    /// For each distinct word: the lists that hold it (bit i: list i).
    lists_of: Vec<u64>,
    /// The lists that hold the empty word (it occurs in every text).
    empty: u64,
}

impl WordSets {
    /// At most 64 lists.
    pub fn new<S: AsRef<str>>(lists: &[Vec<S>]) -> WordSets {
        assert!(lists.len() <= 64, "at most 64 word lists");
        let mut index: std::collections::BTreeMap<&str, u64> = Default::default();
        let mut empty = 0;
        for (i, list) in lists.iter().enumerate() {
            for w in list {
                if w.as_ref().is_empty() {
                    empty |= 1 << i;
                } else {
                    *index.entry(w.as_ref()).or_default() |= 1 << i;
                }
            }
        }
        let all = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(index.keys())
            .expect("word automaton");
        WordSets {
            all,
            lists_of: index.into_values().collect(),
            empty,
        }
    }

    /// The lists with a word in `s` (bit i: list i): bit i is what `Words::any_in` of list i
    /// says.
    pub fn present(&self, s: &str) -> u64 {
        self.present_split(s, s.len()).0
    }

    /// The lists with a word in `s`, and those with a word in `s[..within]`.
    pub fn present_split(&self, s: &str, within: usize) -> (u64, u64) {
        let (mut all, mut head) = (self.empty, self.empty);
        for m in self.all.find_overlapping_iter(s) {
            let lists = self.lists_of[m.pattern().as_usize()];
            all |= lists;
            if m.end() <= within {
                head |= lists;
            }
        }
        (all, head)
    }
}

/// Several word lists searched in one pass, for where each word of each list occurs: what
/// `Words::occurrences` of every list gives, from one automaton instead of one per list.
#[derive(Debug, Clone)]
pub struct ListedWords {
    /// Every distinct word of the lists, all occurrences (overlapping).
    all: AhoCorasick,
    /// For each distinct word: (list, index of the word in that list), every place it is listed.
    entries: Vec<Vec<(usize, usize)>>,
}

impl ListedWords {
    /// The lists hold no empty word (an empty word occurs everywhere; no marker list needs it).
    pub fn new<S: AsRef<str>>(lists: &[&[S]]) -> ListedWords {
        let mut index: std::collections::BTreeMap<&str, Vec<(usize, usize)>> = Default::default();
        for (l, list) in lists.iter().enumerate() {
            for (k, w) in list.iter().enumerate() {
                assert!(!w.as_ref().is_empty(), "an empty word in a marker list");
                index.entry(w.as_ref()).or_default().push((l, k));
            }
        }
        let all = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(index.keys())
            .expect("word automaton");
        ListedWords {
            all,
            entries: index.into_values().collect(),
        }
    }

    /// Every occurrence in `s` of every word of every list, overlapping: (start, end, list,
    /// index in the list), in order of their ends.
    pub fn occurrences<'a>(
        &'a self,
        s: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize, usize)> + 'a {
        self.all.find_overlapping_iter(s).flat_map(move |m| {
            self.entries[m.pattern().as_usize()]
                .iter()
                .map(move |&(l, k)| (m.start(), m.end(), l, k))
        })
    }
}

/// A prebuilt SIMD searcher (memmem) for each word.
pub fn finders<S: AsRef<str>>(
    words: impl IntoIterator<Item = S>,
) -> Vec<memchr::memmem::Finder<'static>> {
    words
        .into_iter()
        .map(|w| memchr::memmem::Finder::new(w.as_ref().as_bytes()).into_owned())
        .collect()
}

/// A word list sorted longest first (by chars; ties in text order), without repeats: the order
/// in which the first matching word is the longest one.
pub fn longest_first<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut v: Vec<String> = words.into_iter().map(|w| w.as_ref().to_string()).collect();
    v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    v.dedup();
    v
}

/// A word list kept in its given order, its words indexed by their first and by their last
/// char: "the first word of the list that `s` starts (ends) with" then compares only the words
/// that open (close) with the char `s` opens (closes) with, instead of every word.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    words: Vec<String>,
    /// (char, indices of the words opening with it, ascending), sorted by char.
    by_first: Vec<(char, Vec<usize>)>,
    /// The same for the last char.
    by_last: Vec<(char, Vec<usize>)>,
    /// The index of an empty word (it is a prefix and a suffix of everything).
    empty: Option<usize>,
}

fn index_by(words: &[String], key: impl Fn(&str) -> Option<char>) -> Vec<(char, Vec<usize>)> {
    let mut map: std::collections::BTreeMap<char, Vec<usize>> = Default::default();
    for (i, w) in words.iter().enumerate() {
        if let Some(c) = key(w) {
            map.entry(c).or_default().push(i);
        }
    }
    map.into_iter().collect()
}

fn bucket(index: &[(char, Vec<usize>)], c: Option<char>) -> &[usize] {
    c.and_then(|c| index.binary_search_by_key(&c, |e| e.0).ok())
        .map(|i| index[i].1.as_slice())
        .unwrap_or(&[])
}

impl WordList {
    /// The words in the order given (the order decides which of several matches is "first").
    pub fn new(words: Vec<String>) -> WordList {
        WordList {
            by_first: index_by(&words, |w| w.chars().next()),
            by_last: index_by(&words, |w| w.chars().next_back()),
            empty: words.iter().position(|w| w.is_empty()),
            words,
        }
    }

    /// The words longest first (see [`longest_first`]).
    pub fn longest_first<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> WordList {
        WordList::new(longest_first(words))
    }

    /// The words, in their order.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    fn first_of(&self, candidates: &[usize], matches: impl Fn(&str) -> bool) -> Option<usize> {
        let found = candidates
            .iter()
            .copied()
            .find(|&i| matches(&self.words[i]));
        match (found, self.empty) {
            (Some(i), Some(e)) => Some(i.min(e)),
            (f, e) => f.or(e),
        }
    }

    /// The index of the first word that `s` starts with.
    pub fn prefix_of(&self, s: &str) -> Option<usize> {
        self.first_of(bucket(&self.by_first, s.chars().next()), |w| {
            s.starts_with(w)
        })
    }

    /// The index of the first word that `s` ends with.
    pub fn suffix_of(&self, s: &str) -> Option<usize> {
        self.first_of(bucket(&self.by_last, s.chars().next_back()), |w| {
            s.ends_with(w)
        })
    }

    /// Every word that `s` starts with, in list order.
    pub fn prefixes<'a>(&'a self, s: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let mut ids: Vec<usize> = bucket(&self.by_first, s.chars().next())
            .iter()
            .copied()
            .filter(|&i| s.starts_with(self.words[i].as_str()))
            .chain(self.empty)
            .collect();
        ids.sort_unstable();
        ids.into_iter().map(|i| self.words[i].as_str())
    }

    /// The first word that `s` starts with.
    pub fn first_prefix(&self, s: &str) -> Option<&str> {
        self.prefix_of(s).map(|i| self.words[i].as_str())
    }

    /// The first word that `s` ends with.
    pub fn first_suffix(&self, s: &str) -> Option<&str> {
        self.suffix_of(s).map(|i| self.words[i].as_str())
    }
}

impl std::ops::Deref for WordList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.words
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small deterministic random number source for the tests that compare a fast path with the
    /// plain loop it replaces on generated text.
    /// Up to `below - 1` pieces drawn at random, joined.
    pub(crate) fn random_text(
        next: &mut impl FnMut() -> usize,
        pieces: &[&str],
        below: usize,
    ) -> String {
        (0..next() % below)
            .map(|_| pieces[next() % pieces.len()])
            .collect()
    }

    pub(crate) fn random(mut seed: u64) -> impl FnMut() -> usize {
        move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        }
    }

    #[test]
    fn word_sets_answer_like_each_list() {
        let lists: Vec<Vec<&str>> = vec![
            vec!["完成", "建成", "全年"],
            vec!["全年共", "目前", "完成"],
            vec!["年"],
            vec![],
        ];
        let sets = WordSets::new(&lists);
        let pieces = ["完", "成", "建", "全", "年", "共", "目", "前", "的", "1"];
        let mut next = random(41);
        for _ in 0..5000 {
            let s: String = random_text(&mut next, &pieces, 9);
            let within = s
                .char_indices()
                .map(|(i, _)| i)
                .chain([s.len()])
                .nth(next() % 5)
                .unwrap_or(s.len());
            let want = |t: &str| {
                lists.iter().enumerate().fold(0u64, |m, (i, l)| {
                    m | (l.iter().any(|w| t.contains(w)) as u64) << i
                })
            };
            assert_eq!(sets.present(&s), want(&s), "{s}");
            assert_eq!(
                sets.present_split(&s, within),
                (want(&s), want(&s[..within])),
                "{s} within {within}"
            );
        }
    }

    /// Each list's occurrences, from the one automaton, are those of the list's own automaton
    /// (repeats in a list and words shared by lists included).
    #[test]
    fn listed_words_find_what_each_list_finds() {
        let lists: [&[&str]; 4] = [
            &["完成", "建成", "全年", "完成"],
            &["全年共", "目前", "完成"],
            &["年"],
            &[],
        ];
        let listed = ListedWords::new(&lists);
        let pieces = ["完", "成", "建", "全", "年", "共", "目", "前", "的"];
        let mut next = random(5);
        for _ in 0..3000 {
            let s = random_text(&mut next, &pieces, 10);
            for (l, list) in lists.iter().enumerate() {
                let mut got: Vec<(usize, usize, usize)> = listed
                    .occurrences(&s)
                    .filter(|o| o.2 == l)
                    .map(|(a, e, _, k)| (a, e, k))
                    .collect();
                let mut want: Vec<(usize, usize, usize)> =
                    Words::new(list.iter()).occurrences(&s).collect();
                assert!(got.windows(2).all(|w| w[0].1 <= w[1].1), "{s}: by end");
                got.sort();
                want.sort();
                assert_eq!(got, want, "{s} in list {l}");
            }
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
        assert!(WordList::new(Vec::new()).first_suffix("x").is_none());
        assert!(!none.any_in("anything"));
        assert_eq!(none.longest_prefix("x"), None);
    }

    /// `longest_prefix` answers what an anchored leftmost-longest automaton answers, repeats
    /// and an empty word included.
    #[test]
    fn longest_prefix_is_the_automaton_s() {
        use aho_corasick::{Anchored, Input, StartKind};
        let list = [
            "个",
            "个月",
            "个百分点",
            "月",
            "",
            "百分点",
            "个月",
            "万人",
            "万",
        ];
        let pieces = ["个", "月", "百", "分", "点", "万", "人", "以"];
        let mut next = random(23);
        for words in [&list[..], &list[..4], &list[5..]] {
            let w = Words::new(words);
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(words)
                .unwrap();
            for _ in 0..3000 {
                let s: String = random_text(&mut next, &pieces, 6);
                let want = ac
                    .find(Input::new(&s).anchored(Anchored::Yes))
                    .map(|m| m.pattern().as_usize());
                assert_eq!(w.longest_prefix(&s), want, "{s:?} in {words:?}");
            }
        }
    }

    #[test]
    fn word_list_answers_like_the_loops() {
        let mut next = random(7);
        let alphabet = [
            "率",
            "达",
            "到",
            "覆盖",
            "覆盖率",
            "死亡率",
            "低",
            "于",
            "不低于",
            "低于",
        ];
        for case in 0..300 {
            let n = next() % 6;
            let mut list: Vec<String> = (0..n)
                .map(|_| alphabet[next() % alphabet.len()].to_string())
                .collect();
            if case % 50 == 0 {
                list.push(String::new());
            }
            let wl = WordList::new(list.clone());
            for _ in 0..10 {
                let s: String = (0..next() % 5)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect();
                let pre = list.iter().find(|w| s.starts_with(w.as_str()));
                let suf = list.iter().find(|w| s.ends_with(w.as_str()));
                assert_eq!(wl.first_prefix(&s), pre.map(String::as_str), "{list:?} {s}");
                assert_eq!(wl.first_suffix(&s), suf.map(String::as_str), "{list:?} {s}");
                let all: Vec<&str> = list
                    .iter()
                    .filter(|w| s.starts_with(w.as_str()))
                    .map(String::as_str)
                    .collect();
                assert_eq!(wl.prefixes(&s).collect::<Vec<_>>(), all, "{list:?} {s}");
            }
        }
    }

    #[test]
    fn any_in_with_anchors_answers_like_the_loop() {
        let mut next = random(9);
        let alphabet = [
            "每月", "每", "按", "月", "季度", "年", "度", "通报", "按月", "个",
        ];
        for _ in 0..500 {
            let list: Vec<String> = (0..1 + next() % 6)
                .map(|_| alphabet[next() % alphabet.len()].to_string())
                .collect();
            let w = Words::new(&list);
            for _ in 0..10 {
                let s: String = (0..next() % 8)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect();
                let want = list.iter().any(|x| s.contains(x.as_str()));
                assert_eq!(w.any_in(&s), want, "{list:?} {s}");
            }
        }
    }
}
