//! The topic of a plan, read from its title (智慧健康养老产业发展行动计划 → 智慧健康养老), and the
//! generic names it qualifies (公共服务平台 → 智慧健康养老公共服务平台).

use crate::normalize::is_han;
use crate::patterns::Patterns;
use crate::segment::Segmenter;
use crate::words::WordList;

/// The longest topic kept, in Chinese chars: a longer one is a programme, not a field.
const TOPIC_MAX: usize = 6;

/// The lexicon lists that read a title's topic and the names it qualifies.
pub struct TopicRules {
    /// Genre and aim words at a title's end (行动计划, 实施方案, 产业发展), lexicon `topic_suffix`.
    suffixes: WordList,
    /// Verbs at a title's start (加快, 推进, 支持), lexicon `topic_prefix`.
    prefixes: WordList,
    /// Generic nouns a plan's topic qualifies (示范企业, 公共服务平台), lexicon `topic_generic`.
    generic: WordList,
}

impl TopicRules {
    pub fn new(p: &Patterns) -> TopicRules {
        TopicRules {
            suffixes: WordList::longest_first(p.list("topic_suffix")),
            prefixes: WordList::longest_first(p.list("topic_prefix")),
            generic: WordList::longest_first(p.list("topic_generic")),
        }
    }

    /// The field a title names, when it names one in a few words: the words inside 《》 (or
    /// after 关于), without brackets, years, the genre and aim words at the end and the verbs at
    /// the start. None for a title of a genre alone (2026年河南省政府工作报告) or of a long
    /// programme.
    pub fn topic_of(&self, title: &str) -> Option<String> {
        let mut t = match (title.find('《'), title.rfind('》')) {
            (Some(a), Some(b)) if a < b => &title[a + '《'.len_utf8()..b],
            _ => title,
        };
        if let Some(i) = t.rfind("关于") {
            t = &t[i + "关于".len()..];
        }
        // Brackets (（2021-2025 年）) and what is not Chinese (years, spaces) go.
        let mut plain = String::new();
        let mut depth = 0usize;
        for c in t.chars() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth = depth.saturating_sub(1),
                _ if depth == 0 && is_han(c) => plain.push(c),
                _ => {}
            }
        }
        let mut s = plain.as_str();
        loop {
            let before = s.len();
            if let Some(w) = self.suffixes.first_suffix(s) {
                s = &s[..s.len() - w.len()];
            }
            if let Some(w) = self.prefixes.first_prefix(s) {
                s = &s[w.len()..];
            }
            s = s.trim_end_matches('年').trim_end_matches('的');
            if s.len() == before {
                break;
            }
        }
        (2..=TOPIC_MAX)
            .contains(&s.chars().count())
            .then(|| s.to_string())
    }

    /// A generic name with the plan's topic before its generic noun (再培育示范企业数 →
    /// 再培育智慧健康养老示范企业数); None when the name holds no generic noun of the lexicon,
    /// already names the topic or names a field of its own before the noun (工业互联网典型应用
    /// 场景: a noun there).
    pub fn qualify(&self, seg: &Segmenter, name: &str, topic: &str) -> Option<String> {
        if name.contains(topic) {
            return None;
        }
        // The last generic noun, the longest that ends there (行业急需标准, not 急需标准).
        let (_, std::cmp::Reverse(at)) = self
            .generic
            .words()
            .iter()
            .filter_map(|g| {
                name.rfind(g.as_str())
                    .map(|a| (a + g.len(), std::cmp::Reverse(a)))
            })
            .max()?;
        let before = &name[..at];
        (before.is_empty() || seg.no_nouns(before))
            .then(|| format!("{before}{topic}{}", &name[at..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> (TopicRules, Segmenter) {
        let p = Patterns::embedded().unwrap();
        (TopicRules::new(&p), Segmenter::new(&p))
    }

    #[test]
    fn a_title_names_its_field() {
        let (r, _) = rules();
        let topic = |t: &str| r.topic_of(t);
        assert_eq!(
            topic("智慧健康养老产业发展行动计划（2021-2025 年）").as_deref(),
            Some("智慧健康养老")
        );
        assert_eq!(
            topic("工业和信息化部关于印发《智能检测装备产业发展行动计划(2023—2025年)》的通知")
                .as_deref(),
            Some("智能检测装备")
        );
        // A genre alone, or a long programme, names no field.
        assert_eq!(topic("2026年河南省政府工作报告"), None);
        assert_eq!(topic("某县妇幼健康服务能力提升三年行动方案"), None);
    }

    #[test]
    fn a_generic_name_takes_the_topic() {
        let (r, seg) = rules();
        assert_eq!(
            r.qualify(&seg, "再培育示范企业数", "智慧健康养老")
                .as_deref(),
            Some("再培育智慧健康养老示范企业数")
        );
        assert_eq!(
            r.qualify(&seg, "研究制定行业急需标准数", "智慧健康养老")
                .as_deref(),
            Some("研究制定智慧健康养老行业急需标准数")
        );
        // A name of its own, or one that names the topic, stays.
        assert_eq!(r.qualify(&seg, "孕产妇死亡率", "智慧健康养老"), None);
        assert_eq!(
            r.qualify(&seg, "智慧健康养老示范企业数", "智慧健康养老"),
            None
        );
        assert_eq!(
            r.qualify(&seg, "工业互联网典型应用场景数", "数字山东"),
            None
        );
    }
}
