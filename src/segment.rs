//! Segmentation: one jieba-rs instance, built once with a user dictionary from the indicator
//! lexicon, shared by reference across threads.

use jieba_rs::Jieba;

use crate::patterns::Patterns;

/// Frequency given to every user-dictionary word: high enough that jieba keeps the word
/// whole (without an explicit frequency it still splits words such as 责任单位).
const USER_FREQ: usize = 200_000;

pub struct Segmenter {
    jieba: Jieba,
    /// The same without the indicator names: the words inside one (药品抽检合格率 → 药品 抽检
    /// 合格率).
    plain: Jieba,
}

/// One token: its text and its byte range in the segmented string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Segmenter {
    /// Build the segmenter: jieba's default dictionary plus every indicator name and variant,
    /// indicator head, responsible-unit label and scope word of the patterns; and, for
    /// [`Segmenter::cut_name`], the same without the indicator names (built once, cloned).
    pub fn new(patterns: &Patterns) -> Segmenter {
        let add = |jieba: &mut Jieba, w: &str| {
            if w.chars().count() >= 2 {
                jieba.add_word(w, Some(USER_FREQ), None);
            }
        };
        let mut plain = Jieba::new();
        for list in ["head", "unit_marker", "scope", "clause_verb"] {
            for w in patterns.list(list) {
                add(&mut plain, w);
            }
        }
        let mut jieba = plain.clone();
        for ind in &patterns.indicators {
            add(&mut jieba, &ind.canonical);
            for v in &ind.variants {
                add(&mut jieba, v);
            }
        }
        Segmenter { jieba, plain }
    }

    /// The words of a name, the indicator names of the lexicon in it cut into their words too
    /// (药品抽检合格率 → 药品 抽检 合格率; 新增境内上市公司数 → 新增 境内 上市公司 数).
    pub fn cut_name<'a>(&self, name: &'a str) -> Vec<Token<'a>> {
        Self::tokens(self.plain.cut(name, false))
    }

    /// Cut a piece of text into tokens (no HMM: new words are left as single chars, which keeps
    /// boundaries predictable).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        Self::tokens(self.jieba.cut(text, false))
    }

    /// The byte end of the first word jieba's dictionary tags as a verb (`v`) in a piece of
    /// text: 向社会公布执法机关… → after 公布.
    pub fn first_verb_end(&self, text: &str) -> Option<usize> {
        self.first_verb(text).map(|(_, e)| e)
    }

    /// The byte range of the first word jieba's dictionary tags as a verb (`v`) in a piece of
    /// text: 领域实现实时汇聚 → 实现.
    pub fn first_verb(&self, text: &str) -> Option<(usize, usize)> {
        let mut end = 0;
        for t in self.jieba.tag(text, false) {
            end += t.word.len();
            if t.tag == "v" {
                return Some((end - t.word.len(), end));
            }
        }
        None
    }

    /// Whether a piece of text is one word jieba's dictionary tags as a noun (`n`: 任期, 年龄).
    pub fn is_noun(&self, text: &str) -> bool {
        matches!(self.jieba.tag(text, false).as_slice(), [t] if t.tag == "n")
    }

    /// Whether no word of a piece of text is one jieba's dictionary tags as a noun (`n…`) or
    /// leaves untagged: 再培育, 研究制定 hold none, 工业互联网典型 does.
    pub fn no_nouns(&self, text: &str) -> bool {
        self.jieba
            .tag(text, false)
            .iter()
            .all(|t| !t.tag.starts_with('n') && t.tag != "x" && t.tag != "eng")
    }

    /// Whether every word of a piece of text is one jieba's dictionary tags as a verb (`v`,
    /// `vn`: 接入, 完成): 年度完成 is not, 完成 is.
    pub fn only_verbs(&self, text: &str) -> bool {
        self.jieba
            .tag(text, false)
            .iter()
            .all(|t| t.tag.starts_with('v'))
    }

    fn tokens(cut: Vec<jieba_rs::Token<'_>>) -> Vec<Token<'_>> {
        cut.into_iter()
            .map(|t| Token {
                word: t.word,
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_words_stay_whole() {
        let p = Patterns::embedded().unwrap();
        let s = Segmenter::new(&p);
        for sentence in [
            "孕产妇死亡率控制在10/10万以下",
            "早孕建册率达95%",
            "每千人口托位数3.5个",
            "(责任单位:区卫健委)",
        ] {
            let words: Vec<_> = s.cut(sentence).iter().map(|t| t.word).collect();
            let first_lexicon_word = ["孕产妇死亡率", "早孕建册率", "每千人口托位数", "责任单位"];
            assert!(
                words.iter().any(|w| first_lexicon_word.contains(w)),
                "{sentence}: {words:?}"
            );
        }
    }

    #[test]
    fn the_words_inside_a_lexicon_name_are_cut_on_request() {
        let p = Patterns::embedded().unwrap();
        let s = Segmenter::new(&p);
        fn words<'a>(toks: Vec<Token<'a>>) -> Vec<&'a str> {
            toks.iter().map(|t| t.word).collect()
        }
        assert_eq!(words(s.cut("药品抽检合格率")), ["药品抽检合格率"]);
        let inside = words(s.cut_name("药品抽检合格率"));
        assert_eq!(inside.first(), Some(&"药品"));
        assert_eq!(inside.concat(), "药品抽检合格率");
        // A name that holds no lexicon word is cut as ever; one that holds one, inside it too.
        assert_eq!(
            words(s.cut_name("绿色工业园区数")),
            words(s.cut("绿色工业园区数"))
        );
        assert_eq!(
            words(s.cut("新增境内上市公司数")).last(),
            Some(&"上市公司数")
        );
        assert_eq!(words(s.cut_name("新增境内上市公司数")).last(), Some(&"数"));
    }

    #[test]
    fn the_first_verb_is_found_by_its_tag() {
        let p = Patterns::embedded().unwrap();
        let s = Segmenter::new(&p);
        fn at<'t>(s: &Segmenter, t: &'t str) -> Option<&'t str> {
            s.first_verb_end(t).map(|e| &t[..e])
        }
        assert_eq!(
            at(&s, "向社会公布执法机关、执法对象等信息"),
            Some("向社会公布")
        );
        assert_eq!(at(&s, "事故情况上报省主管部门"), Some("事故情况上报"));
        assert_eq!(at(&s, "农村公路和乡镇卫生院"), None);
        assert!(s.only_verbs("完成"));
        assert!(!s.only_verbs("交通"));
    }
}
