//! Targets: turn the value mentions of a sentence into targets — comparator, indicator (from
//! the words before the value, or a count's object after it), lists that distribute (分别,
//! pairwise, shared heads, year series, 均/都) and the exclusions of baselines and reports.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::deadline::TimeExpr;
use super::layout::{is_clause_end, Span};
use super::number::{self, Number};
use super::value::Mention;
use crate::names::{self, NameKey};
use crate::patterns::{Comparator, Patterns};
use crate::segment::Segmenter;
use crate::words::{longest_first, ListedWords, WordList, Words};

/// A target found in a sentence (before deadlines and units are attached).
#[derive(Debug, Clone)]
pub struct Found {
    pub indicator: String,
    pub comparator: Comparator,
    pub value: Number,
    pub value_max: Option<Number>,
    pub unit: Option<String>,
    pub unit_def: Option<usize>,
    pub strength: Option<String>,
    /// Byte range of the quote in the normalized text.
    pub start: usize,
    pub end: usize,
    /// Byte offset of the value, for deadline scope.
    pub at: usize,
    /// A time expression that applies to this target only (year series).
    pub own_time: Option<TimeExpr>,
    /// Units distributed to this target (subject list + 分别).
    pub own_units: Option<Vec<String>>,
    pub rule: &'static str,
}

pub struct TargetRules {
    before: Vec<(String, Comparator)>,
    /// The words of `before`, in its order.
    before_words: WordList,
    after: Vec<(String, Comparator)>,
    /// The words of `after`, in its order.
    after_words: WordList,
    strength: Vec<(String, String)>,
    strength_words: WordList,
    scope: WordList,
    filler: WordList,
    heads: WordList,
    /// Words that may open a bare head (实际增长, 年均增速), lexicon `head_modifier`.
    head_modifiers: Vec<String>,
    /// Words that open a part of the whole before (其中), lexicon `part_lead`.
    part_leads: WordList,
    /// Words of an addition (新增) carried over a list of counts, lexicon `addition_verb`.
    addition_verbs: WordList,
    verbs: WordList,
    /// Lexicon lists read token by token or in file order (see patterns/README.md).
    tail_verbs: Vec<String>,
    indicator_verbs: Vec<String>,
    phrase_cuts: Vec<String>,
    indicator_ends: Vec<String>,
    /// Nouns of a goal trimmed from an indicator's end (lexicon `goal_noun`, longest first).
    goal_nouns: WordList,
    /// Nouns that already name a count (lexicon `count_head`).
    count_heads: WordList,
    /// Words that open the start value of a change (lexicon `change_from`: 由, 从).
    change_from: WordList,
    /// Time words between a comparator and its level (lexicon `reached_time`: 去年, 现在).
    reached_time: WordList,
    /// Words of the future before a value's verb (lexicon `future_marker`).
    future_markers: Vec<String>,
    /// Words that open what a counted object must do (lexicon list `object_predicate`).
    predicates: WordList,
    /// Words before a comparator that spread a value over every item (lexicon list `distributive`).
    distributive: WordList,
    /// Words that make one value the whole list's (总体, 合计): no rate of each.
    collective: Words,
    /// Nouns after 的 that make a percentage a level, not a share of units (`not_share_of`).
    not_share_of: WordList,
    /// Units of time of a duration (`duration_unit`): an indicator of a time limit takes no
    /// count suffix (驾驶经历, not 驾驶经历数).
    duration_units: Vec<String>,
    names: super::responsible::NameRules,
    /// Status words that compare with a baseline (比上年, 同比): no outcome of their own.
    baseline_status: Words,
    /// Baselines of reports (同比): they govern what follows them in the sentence.
    reported_baseline: Words,
    /// Verbs of a change (增长, 下降), lexicon `change_verb`, longest first.
    change_verbs: Vec<String>,
    penalties: Words,
    /// Particles between a comparator and its value (超过了, 至少是, 最多为).
    comparator_particle: WordList,
    /// Words that end with a comparator word but are not one (通过).
    not_comparator: WordList,
    /// Verbs of doing or building that do not name what a count counts (建设, 实施, 推动).
    light_verbs: WordList,
    /// Words of having that open a modifier of a count's object (具有, 具备).
    attribute_leads: WordList,
    /// The words of lexicon `bound_adverb` (至少, 最多) with their comparators from
    /// comparators.tsv, longest first: adverbs that may stand before a verb and its object.
    adverb_bounds: Vec<(String, Comparator)>,
    /// The end of a list of named projects (等项目): a size before it names a project.
    project_list_ends: Words,
    /// Nouns of scale after a grade (万亿级规模): the grade is the quantity's.
    grade_scale: Words,
    /// The level a value is compared with (高于年均19次的水平): lexicon reference_level after
    /// the value, a comparison word (time_comparison) before it in its clause.
    reference_level: WordList,
    comparison: Words,
    /// Verbs of an event (发生, 遭受): a bare grade after one is the event's magnitude.
    event_verbs: Words,
    /// Copulas before the base of a multiple (是, 为, 相当于, 等于: 是2015年的3.75倍).
    multiple_copulas: Vec<String>,
    /// Nouns of categories (领域, 环节): a count of them right before another count groups it.
    grouping_nouns: WordList,
    /// Words after a value that make it the base of a computation (以…1445名为基数).
    base_frames: WordList,
    /// Words of a group of people (新生儿, 高校毕业生, 居民), lexicon `population`.
    populations: Words,
    /// Nouns that end the name of an amount (收入, 所得额, 注册资本), lexicon `amount_head`.
    amount_heads: WordList,
    /// Comparator words of a rule (不低于, 最高), lexicon `rule_bound`.
    rule_bounds: WordList,
    /// Nouns of a zone reached in a time (生活圈, 通勤圈): a value before a name ending in one
    /// is part of the name.
    reach_zones: Words,
    /// A demonstrative or article with its measure word (一个, 这个): a value after one, with
    /// 的 after it in its clause, describes the noun (一个七亿人口的大国).
    descriptor_leads: WordList,
    /// Verbs of an open-ended effort (lexicon vague_verb: 推动, 推进): a count right after one
    /// names the set the effort applies to.
    open_effort: WordList,
    /// The modal before a time limit (应在, 要在): who must act stands before it.
    limit_leads: WordList,
    /// Verbs that give an amount to a recipient (给予, 补助, 奖励).
    award_verbs: Words,
    /// Words of obligation (应, 须): 应有5000元以上的活动资金 is a requirement, not a class.
    requirement_words: Words,
    /// Words holding 了 that do not mark a completed action (为了, 了解, 除了).
    not_perfective: Vec<String>,
    /// The kind of each unit of patterns/units.tsv (count, money, measure …), by index.
    unit_kinds: Vec<String>,
    /// Verbs whose percentage is the extent of a change (提高, 降低, 缩短).
    change_extent: WordList,
    /// Words that end a name already naming a percentage's measure (lexicon `ratio_measure`).
    ratio_measures: WordList,
    /// Comparators that are adverbs and may stand before the verb of their value (至少配备1名).
    adverb_comparator: WordList,
    /// Notes after a value that include its bound ((含): 超过300平方米(含) is `>=`) or leave it
    /// out ((不含): 60周岁以上(不含) is `>`), lexicon `inclusive_note` and `exclusive_note`.
    inclusive_note: WordList,
    exclusive_note: WordList,
    /// Requirement words (应, 须) that may end the subject before a count's verb, and verbs of
    /// having (lexicon `possession_verb`: 有, 具备) that name nothing of the count: 每个社区应有
    /// 3名以上社工 → 每个社区社工人数.
    modal_end: WordList,
    possession_verbs: WordList,
    /// Words that open an adverbial before the verb of a count (在…领域, 围绕, 依托), lexicon
    /// `adverbial_lead`, and the verbs that end it (task, clause and light verbs).
    adverbial_leads: WordList,
    /// Prepositions that put an act's object or goal before its verb (将, 向).
    act_prepositions: WordList,
    /// Measures that name nothing without their owner (交易额, 营业收入, 投资).
    owned_measures: WordList,
    /// The output a measure is taken per unit of (单位国内生产总值), lexicon per_unit_modifier.
    per_unit: WordList,
    /// Words of a period (每年, 每月).
    per_period: WordList,
    act_verbs: HashSet<String>,
    /// The suffix naming a count of each unit (人 → 人数), lexicon `count_suffix`.
    count_suffixes: Vec<(String, String)>,
    /// Nouns of an award that may end a name (…奖补), lexicon `award_noun`.
    award_nouns: WordList,
    /// Verbs of giving an award (给予), lexicon `award_give`.
    award_gives: WordList,
    /// Adverbs that keep a verb of having (共有, 并具有), lexicon `possession_adverb`.
    possession_adverbs: WordList,
    /// Words ending a named set before its count (等), and the verbs that make such a count a
    /// task (实施, 开展: `task_verb` and `clause_verb`).
    enumeration_end: WordList,
    enumeration_verbs: Words,
    /// The strength, status, frame and goal words as one automaton, for a sentence's marks
    /// (lists: strength, status, status_frame, goal).
    markers: ListedWords,
    abbreviations: BTreeMap<String, Vec<String>>,
    /// Every canonical name and variant, longest first.
    indicator_words: WordList,
    /// Name → id, the first of `indicator_names` for a name.
    indicator_ids: HashMap<String, String>,
    /// The same names by their key (crate::names): how a record's name finds its id, as
    /// `compare` finds it (年末城镇调查失业率, 去年居民消费价格比上年上涨).
    name_key: NameKey,
    keyed_ids: HashMap<String, String>,
    canonical_names: BTreeMap<String, String>,
    /// The ids whose usual unit is a multiple (倍): only these name a value in 倍.
    multiple_ids: BTreeSet<String>,
    /// The ids of indicators stated as a ratio (%, ‰, /10万) or with no usual unit: only these
    /// take a percentage (接待游客数量…增长10.3% is no count of visitors).
    ratio_ids: BTreeSet<String>,
    /// The ids of a stock counted in a count unit (高新技术企业数, 家) whose name opens with no
    /// addition or creation word: a count that a creation word leads is no value of theirs.
    stock_count_ids: BTreeSet<String>,
    /// Words of creating what is counted (培育, 创建), lexicon `creation_verb`.
    creation_verbs: WordList,
    /// Words of a sum over a period (累计), lexicon `cumulative`.
    pub cumulative: Words,
}

/// Separators between the items of a list.
const LIST_SEP: &[&str] = &["、", "和", "及", "与", "以及"];

impl TargetRules {
    pub fn new(p: &Patterns) -> TargetRules {
        let (before, after) = p.comparators_by_position();
        let mut strength: Vec<(String, String)> = p
            .pairs("strength")
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        strength.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        let owned = |l: &str| WordList::longest_first(p.list(l));
        let list = |l: &str| p.words(l);
        let abbreviations = p
            .pairs("abbreviation")
            .into_iter()
            .map(|(w, v)| (w.to_string(), v.split('|').map(String::from).collect()))
            .collect();
        let mut indicator_names: Vec<(String, String)> = Vec::new();
        for d in &p.indicators {
            indicator_names.push((d.canonical.clone(), d.id.clone()));
            for v in &d.variants {
                indicator_names.push((v.clone(), d.id.clone()));
            }
        }
        indicator_names.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        let canonical_names = p
            .indicators
            .iter()
            .map(|d| (d.id.clone(), d.canonical.clone()))
            .collect();
        let mut indicator_ids = HashMap::new();
        for (n, id) in &indicator_names {
            indicator_ids.entry(n.clone()).or_insert_with(|| id.clone());
        }
        let name_key = NameKey::new(p, names::fold);
        let mut keyed_ids = HashMap::new();
        for d in &p.indicators {
            for n in std::iter::once(&d.canonical).chain(&d.variants) {
                keyed_ids
                    .entry(name_key.strip(names::fold(n)))
                    .or_insert_with(|| d.id.clone());
            }
        }
        // The marker lists searched together for a sentence's marks.
        // (Their order matters for strength only: a strength word's index names its strength.)
        let markers = {
            let strength: Vec<&str> = strength.iter().map(|(w, _)| w.as_str()).collect();
            let (status, frame, goal) = (p.list("status"), p.list("status_frame"), p.list("goal"));
            let not_status = p.list("not_status");
            ListedWords::new(&[
                &strength[..],
                &status[..],
                &frame[..],
                &goal[..],
                &not_status[..],
            ])
        };
        let adverb_bounds = longest_first(p.list("bound_adverb"))
            .into_iter()
            .filter_map(|w| {
                let c = before.iter().find(|(b, _)| *b == w)?.1;
                Some((w, c))
            })
            .collect();
        TargetRules {
            canonical_names,
            stock_count_ids: p
                .indicators
                .iter()
                .filter(|d| {
                    let count_unit = p
                        .units
                        .iter()
                        .any(|u| Some(u.unit.as_str()) == d.unit.as_deref() && u.kind == "count");
                    let opens = |l: &str| p.list(l).iter().any(|w| d.canonical.starts_with(w));
                    count_unit && !opens("creation_verb") && !opens("addition_verb")
                })
                .map(|d| d.id.clone())
                .collect(),
            creation_verbs: owned("creation_verb"),
            cumulative: Words::new(p.list("cumulative")),
            multiple_ids: p
                .indicators
                .iter()
                .filter(|d| d.unit.as_deref() == Some("倍"))
                .map(|d| d.id.clone())
                .collect(),
            ratio_ids: p
                .indicators
                .iter()
                .filter(|d| d.unit.as_deref().is_none_or(is_ratio_unit))
                .map(|d| d.id.clone())
                .collect(),
            before_words: WordList::new(before.iter().map(|(w, _)| w.clone()).collect()),
            before,
            after_words: WordList::new(after.iter().map(|(w, _)| w.clone()).collect()),
            after,
            strength_words: WordList::new(strength.iter().map(|(w, _)| w.clone()).collect()),
            strength,
            scope: owned("scope"),
            filler: owned("filler"),
            heads: owned("head"),
            head_modifiers: p.words("head_modifier"),
            part_leads: owned("part_lead"),
            addition_verbs: owned("addition_verb"),
            verbs: owned("clause_verb"),
            tail_verbs: list("tail_verb"),
            indicator_verbs: list("indicator_verb"),
            phrase_cuts: list("phrase_cut"),
            indicator_ends: list("indicator_end"),
            goal_nouns: WordList::longest_first(p.list("goal_noun")),
            count_heads: WordList::longest_first(p.list("count_head")),
            future_markers: list("future_marker"),
            change_from: WordList::longest_first(p.list("change_from")),
            reached_time: WordList::longest_first(p.list("reached_time")),
            predicates: WordList::new(list("object_predicate")),
            distributive: WordList::new(list("distributive")),
            collective: Words::new(list("collective")),
            not_share_of: WordList::new(list("not_share_of")),
            duration_units: list("duration_unit"),
            names: super::responsible::NameRules::new(p),
            baseline_status: Words::new(p.list("baseline_status")),
            reported_baseline: Words::new(p.list("reported_baseline")),
            change_verbs: longest_first(p.list("change_verb")),
            penalties: Words::new(longest_first(p.list("not_target_word"))),
            comparator_particle: WordList::longest_first(p.list("comparator_particle")),
            not_comparator: WordList::longest_first(p.list("not_comparator")),
            light_verbs: WordList::longest_first(p.list("light_verb")),
            attribute_leads: WordList::longest_first(p.list("attribute_lead")),
            adverb_bounds,
            project_list_ends: Words::new(p.list("project_list_end")),
            grade_scale: Words::new(p.list("grade_scale")),
            reference_level: WordList::longest_first(p.list("reference_level")),
            comparison: Words::new(p.list("time_comparison")),
            base_frames: WordList::longest_first(p.list("base_frame")),
            reach_zones: Words::new(p.list("reach_zone")),
            rule_bounds: WordList::longest_first(p.list("rule_bound")),
            amount_heads: WordList::longest_first(p.list("amount_head")),
            populations: Words::new(p.list("population")),
            grouping_nouns: WordList::longest_first(p.list("grouping_noun")),
            multiple_copulas: longest_first(p.list("multiple_copula")),
            event_verbs: Words::new(p.list("event_verb")),
            descriptor_leads: WordList::longest_first(p.list("descriptor_lead")),
            open_effort: WordList::longest_first(p.list("vague_verb")),
            limit_leads: WordList::longest_first(p.list("limit_lead")),
            award_verbs: Words::new(p.list("award_verb")),
            requirement_words: Words::new(p.list("requirement_word")),
            not_perfective: list("not_perfective"),
            unit_kinds: p.units.iter().map(|u| u.kind.clone()).collect(),
            change_extent: WordList::longest_first(p.list("change_extent")),
            ratio_measures: WordList::longest_first(p.list("ratio_measure")),
            adverb_comparator: WordList::longest_first(p.list("adverb_comparator")),
            inclusive_note: WordList::longest_first(p.list("inclusive_note")),
            modal_end: WordList::longest_first(p.list("requirement_word")),
            award_nouns: WordList::longest_first(p.list("award_noun")),
            count_suffixes: p
                .pairs("count_suffix")
                .into_iter()
                .map(|(u, s)| (u.to_string(), s.to_string()))
                .collect(),
            possession_verbs: WordList::longest_first(p.list("possession_verb")),
            possession_adverbs: WordList::longest_first(p.list("possession_adverb")),
            award_gives: WordList::longest_first(p.list("award_give")),
            exclusive_note: WordList::longest_first(p.list("exclusive_note")),
            enumeration_end: WordList::longest_first(p.list("enumeration_end")),
            enumeration_verbs: Words::new(
                p.list("task_verb")
                    .into_iter()
                    .chain(p.list("clause_verb"))
                    .collect::<Vec<_>>(),
            ),
            adverbial_leads: WordList::longest_first(p.list("adverbial_lead")),
            act_prepositions: WordList::longest_first(p.list("act_preposition")),
            owned_measures: WordList::longest_first(p.list("owned_measure")),
            per_unit: WordList::longest_first(p.list("per_unit_modifier")),
            per_period: WordList::longest_first(p.list("per_period")),
            act_verbs: p
                .list("task_verb")
                .into_iter()
                .chain(p.list("clause_verb"))
                .chain(p.list("light_verb"))
                .map(String::from)
                .collect(),
            markers,
            abbreviations,
            indicator_words: WordList::new(
                indicator_names.iter().map(|(n, _)| n.clone()).collect(),
            ),
            indicator_ids,
            name_key,
            keyed_ids,
        }
    }

    /// Whether a piece of text holds the comparator word of a rule (lexicon rule_bound: 不超过).
    fn bound_by_rule(&self, s: &str) -> bool {
        self.rule_bounds
            .words()
            .iter()
            .any(|w| s.contains(w.as_str()))
    }

    /// Whether a value's lead ends with the comparator word of a rule (lexicon rule_bound:
    /// 给予最高200万元; not 最低标准从98元…).
    pub fn rule_led(&self, lead: &str) -> bool {
        self.rule_bounds.suffix_of(lead.trim_end()).is_some()
    }

    /// The first word of a group of people (lexicon population) in `s`, whole (孕产妇, not its
    /// 产妇): its byte range.
    fn first_population(&self, s: &str) -> Option<(usize, usize)> {
        self.populations
            .occurrences(s)
            .map(|(a, e, _)| (a, std::cmp::Reverse(e)))
            .min()
            .map(|(a, std::cmp::Reverse(e))| (a, e))
    }

    /// Whether a unit is one of time (lexicon duration_unit: 年, 个月, 个工作日).
    fn is_duration(&self, unit: &str) -> bool {
        self.duration_units.iter().any(|d| d == unit)
    }

    /// The kind of a value's unit in units.tsv (count, money, measure…).
    fn unit_kind(&self, m: &Mention) -> Option<&str> {
        self.kind_of_unit(m.unit_def)
    }

    /// The kind of the unit units.tsv defines at `def` (a `Found`'s or a `Mention`'s unit_def).
    pub fn kind_of_unit(&self, def: Option<usize>) -> Option<&str> {
        def.map(|i| self.unit_kinds[i].as_str())
    }

    /// The lexicon id of an indicator name (exact match of a canonical name or variant).
    pub fn indicator_id(&self, name: &str) -> Option<&str> {
        self.indicator_ids.get(name).map(String::as_str)
    }

    /// A record's `indicator_id`: the id of its name as written, else of its key (the lexicon
    /// name behind a time, scope word or baseline: 年末城镇调查失业率), as `compare` keys it.
    /// A value in 倍 is a multiple of a base (国民生产总值翻两番 → 4倍), not a value of its
    /// quantity: it takes only the id of an indicator of multiples.
    pub fn record_id(&self, name: &str, unit: Option<&str>) -> Option<&str> {
        self.indicator_id(name)
            .or_else(|| {
                self.keyed_ids
                    .get(&self.name_key.strip(names::fold(name)))
                    .map(String::as_str)
            })
            .filter(|id| unit != Some("倍") || self.multiple_ids.contains(*id))
            .filter(|id| !matches!(unit, Some("%" | "‰")) || self.ratio_ids.contains(*id))
    }

    /// The `indicator_id` of a target found in `text`: [`TargetRules::record_id`], except that a
    /// count in a clause that opens with a creation word (培育创新型中小企业300家以上、专精特新中小
    /// 企业200家以上; 创建…社区80个) is what is to be added, no value of a stock's id.
    pub fn found_id(&self, text: &str, f: &Found) -> Option<&str> {
        let id = self.record_id(&f.indicator, f.unit.as_deref())?;
        if !self.stock_count_ids.contains(id) {
            return Some(id);
        }
        let from = f.start
            - super::value::clause_tail(
                &text[..f.start],
                &['，', ',', '。', '；', ';', '：', ':', '\n'],
            )
            .len();
        let mut lead = text[from..f.at.max(from)].trim_start();
        while let Some(w) = self.filler.first_prefix(lead) {
            lead = &lead[w.len()..];
        }
        // 累计培育… (lexicon `cumulative`): what has been created in all is a stock again; so is an item of the list
        // that a level word leads (新增上市公司10家、总数达到100家).
        let item = lead.rsplit('、').next().unwrap_or(lead);
        let created = self.creation_verbs.first_prefix(lead).is_some()
            && !self.cumulative.any_in(lead)
            && !self.holds_before_word(item);
        (!created).then_some(id)
    }

    /// Whether `s` holds a comparator word that goes before a value (达到, 超过).
    fn holds_before_word(&self, s: &str) -> bool {
        self.before_words
            .words()
            .iter()
            .any(|w| s.contains(w.as_str()))
    }

    /// Whether a value's lead (its indicator up to the value) puts its verb in the future: a
    /// word of lexicon `future_marker` right before a change verb or a comparator word (将增长,
    /// 将达到, 将超过).
    pub fn future_before(&self, lead: &str) -> bool {
        self.future_markers.iter().any(|w| {
            lead.match_indices(w.as_str()).any(|(i, _)| {
                let rest = &lead[i + w.len()..];
                self.change_at(rest).is_some() || self.before_words.prefix_of(rest).is_some()
            })
        })
    }

    /// Whether `s` opens with a verb of change, after an adverb of it (实际, 年均) if any.
    fn change_follows(&self, s: &str) -> bool {
        let s = ["实际", "年均"]
            .iter()
            .find_map(|a| s.strip_prefix(a))
            .unwrap_or(s);
        self.change_at(s).is_some()
    }

    /// The change verb a text opens with (lexicon `change_verb`).
    fn change_at<'t>(&self, s: &'t str) -> Option<&'t str> {
        self.change_verbs
            .iter()
            .find(|v| s.starts_with(v.as_str()))
            .map(|v| &s[..v.len()])
    }

    /// The canonical name of a lexicon indicator written as one of its variants.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let id = self.indicator_id(name)?;
        self.canonical_names.get(id).map(String::as_str)
    }

    /// The suffix that names a count of `unit` (lexicon `count_suffix`: 人数 for people, 场次
    /// for sessions, 字数 for characters; a multiplier before the unit, 万人次, is passed over),
    /// else 数.
    pub fn count_suffix(&self, unit: &str) -> &str {
        let base = unit.trim_start_matches(['万', '亿', '千', '百']);
        let base = if base.is_empty() { unit } else { base };
        self.count_suffixes
            .iter()
            .find(|(u, _)| u == base)
            .map_or("数", |(_, s)| s.as_str())
    }

    pub fn heads(&self) -> &[String] {
        &self.heads
    }

    fn ends_with_head(&self, s: &str) -> bool {
        self.heads.suffix_of(s).is_some()
    }
}

/// Context shared by the sentences of one document.
pub struct SentenceCtx<'a> {
    pub text: &'a str,
    pub rules: &'a TargetRules,
    pub seg: &'a Segmenter,
    /// Time expressions of the whole document, in order.
    pub times: &'a [TimeExpr],
    /// The document is a news report: only commitments count.
    pub report: bool,
    /// Byte ranges that hold no targets (responsible-unit brackets), in order, not overlapping.
    pub skip: &'a [Span],
    /// Read what the text says was done (outcomes) as well as what it commits to: no value is
    /// left out for a status word before it (已完成, 比上年增长) or, in a report, for want of a
    /// goal word.
    pub narration: bool,
}

/// The marker words of one sentence, as absolute byte ranges in order of their ends (found
/// once by [`SentenceCtx::marks`]; a reading of results finds none).
#[derive(Debug, Default)]
pub struct Marks {
    status: Vec<(usize, usize)>,
    frames: Vec<(usize, usize)>,
    /// The end of the first goal word.
    goal_end: Option<usize>,
    /// (start, end, index into `TargetRules::strength`).
    strength: Vec<(usize, usize, usize)>,
}

/// A run of mentions that share one comparator and one clause ("16/10万、9‰以下").
struct Group {
    mentions: Vec<Mention>,
    /// Byte offset where the indicator text ends (the comparator word or the first value).
    left_end: usize,
    before: Option<Comparator>,
    /// End of the group including any after-comparator word.
    end: usize,
    /// 分别 / 均 / 都 before the values.
    distributive: bool,
    /// A count verb between the comparator and the value (至少设立1个).
    verb: Option<String>,
    /// The total of a share (不低于编制总额的70% → 编制总额).
    of_total: Option<String>,
    /// Where the group's own words start (after the previous group of the clause).
    floor: usize,
    /// The start value of a change to the next group's level (由60%提高到70%): no record.
    baseline: bool,
    /// The level of such a change: its indicator is the words before 由/从, however short.
    changed: bool,
}

/// What stands before a value: the comparator and the words around it.
struct Before {
    /// Bytes from the comparator's start to the end of the left text.
    len: usize,
    comparator: Comparator,
    distributive: bool,
    verb: Option<String>,
    of_total: Option<String>,
}

/// Whether the value at `at..end` is one of a list (实际增长8.4%和8%): a value follows 和, 及 or
/// 、 inside it or right after it.
fn in_value_list(text: &str, at: usize, end: usize) -> bool {
    let value_after = |i: usize| {
        text[i..]
            .strip_prefix(['和', '、', '及'])
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_ascii_digit() || number::is_chinese_numeral_char(c))
    };
    text[at..end]
        .char_indices()
        .any(|(i, c)| matches!(c, '和' | '、' | '及') && value_after(at + i))
        || value_after(end)
}

/// A list of per-capita bases sharing one value: "城区每3万人口、农村地区每1万人口救护车配置数" →
/// ["城区每3万人口救护车配置数", "农村地区每1万人口救护车配置数"].
fn per_capita_items(ind: &str) -> Option<Vec<String>> {
    static BASE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = BASE.get_or_init(|| {
        regex::Regex::new(r"每(?:[0-9.]+|[一二三四五六七八九十百千万]+)[万千百]?(?:常住人口|人口|名居民|居民|人|户)")
            .expect("per-capita pattern")
    });
    let parts: Vec<&str> = ind.split('、').collect();
    if parts.len() < 2 || !parts.iter().all(|p| re.is_match(p)) {
        return None;
    }
    let last = parts[parts.len() - 1];
    let m = re.find_iter(last).last()?;
    let tail = &last[m.end()..];
    if tail.is_empty() {
        return None;
    }
    let mut out: Vec<String> = parts[..parts.len() - 1]
        .iter()
        .map(|p| format!("{p}{tail}"))
        .collect();
    out.push(last.to_string());
    Some(out)
}

/// The subject words before a count verb, without 从 and without a bare place name (新建区),
/// which is scope.
fn subject_prefix(s: &str) -> &str {
    let s = s.trim_start_matches('从');
    let n = s.chars().count();
    if n <= 5 && s.ends_with(['区', '县', '市', '省', '镇', '乡']) {
        return "";
    }
    s
}

/// Whether one share is stated for each rate of a list (基本养老、医疗保险参保率稳定在95%以上): a
/// percentage, a list with 、 (和, 及, 与 also join the two sides of one rate: 村卫生室与乡镇卫生院
/// 一体化管理率, 地级及以上城市), every item a rate (…率), none a share of a total (占…) that a
/// list would sum, nor a list of examples of a kind (小麦、玉米等主栽品种良种覆盖率).
fn rates_of_each(ind: &str, items: &[String], unit: Option<&str>) -> bool {
    matches!(unit, Some("%" | "‰"))
        && ind.contains('、')
        && items.len() <= 4
        && items
            .iter()
            .all(|i| i.ends_with('率') && !i.contains(['占', '等']))
}

/// Whether the words before a count end with a list of as many short names as it counts
/// (呼和浩特、鄂尔多斯、满洲里 before 3个): each item up to six chars with no digit, the first
/// one up to twelve (it may hold the verb, 推动呼和浩特), none with 等, 的 or a count (个).
fn names_counted(before: &str, value: f64) -> bool {
    if !(2.0..=12.0).contains(&value) || value.fract() != 0.0 {
        return false;
    }
    let n = value as usize;
    let tail = before
        .rsplit([',', ':', ';', '。'])
        .next()
        .unwrap_or(before);
    let parts: Vec<&str> = tail.split('、').collect();
    if parts.len() != n {
        return false;
    }
    let short = |p: &str, max: usize| {
        let c = p.chars().count();
        (1..=max).contains(&c)
            && !p.contains(|ch: char| ch.is_ascii_digit() || matches!(ch, '等' | '个' | '的'))
    };
    short(parts[0], 12) && parts[1..].iter().all(|p| short(p, 6))
}

/// Drop a list of named subjects before an indicator (区人民医院、区中医医院电子病历应用水平平均级别
/// → 电子病历应用水平平均级别).
fn strip_subjects(ind: &str, names: &super::responsible::NameRules) -> String {
    let parts: Vec<&str> = ind.split('、').collect();
    if parts.len() < 2
        || !parts[..parts.len() - 1]
            .iter()
            .all(|p| names.looks_like_org(p))
    {
        return ind.to_string();
    }
    let last = parts[parts.len() - 1];
    let cut = names.first_org_end(last);
    match cut {
        Some(c) if c < last.len() && last[c..].chars().count() >= 2 => last[c..].to_string(),
        _ => ind.to_string(),
    }
}

/// Whether a value's unit is a percentage or permille (a share or a change).
fn ratio_of(unit: Option<&str>) -> bool {
    matches!(unit, Some("%" | "‰" | "个百分点"))
}

/// A unit of a ratio: a percentage, a permille or a rate per population (/10万).
fn is_ratio_unit(u: &str) -> bool {
    matches!(u, "%" | "‰" | "‱" | "-" | "个百分点") || u.starts_with('/')
}

/// The chars that end a clause (text is normalized: full-width punctuation folded).
const CLAUSE_BREAKS: [char; 7] = [',', ';', ':', '、', '。', '\n', '!'];

/// The chars that join the items of a list after a count (智能检测装备、核心零部件和专用软件).
const LIST_SEPARATORS: [char; 5] = ['、', '与', '和', '及', '或'];

/// The object right after a count and the predicate that follows the object (or a list of
/// objects): "乡(镇)卫生院达到二级医院服务能力" → ("乡(镇)卫生院", Some("达到二级医院服务能力")).
fn object_after(right: &str, rules: &TargetRules) -> Option<(String, Option<String>)> {
    let predicates = &rules.predicates;
    let mut obj = String::new();
    let mut chars = right.char_indices().peekable();
    let mut end = right.len();
    // 突破50种以上智能检测装备、核心零部件和专用软件, 实施200个以上节能降碳改造和用能设备更新
    // 项目: when no other count follows in the clause and no 等 closes a list of examples, the
    // list after the count is the one thing counted.
    let one_list = !right
        .contains(|c: char| c.is_ascii_digit() || c == '等' || number::is_chinese_numeral_char(c));
    let mut listed = false;
    while let Some((i, c)) = chars.next() {
        if one_list && !obj.is_empty() && LIST_SEPARATORS.contains(&c) {
            listed = true;
            obj.push(c);
            continue;
        }
        // 1000个和美乡村: a conjunction cannot open the object, so there it is a word's first char.
        // A page number between hyphens (-5-) is a footer left in the text, not part of a name.
        if matches!(c, '、' | '从' | '等' | '-')
            || matches!(c, '与' | '和' | '及') && !obj.is_empty()
        {
            end = i;
            break;
        }
        // A line of a fixed-width page joined to the next leaves a space inside the name.
        if c == ' ' {
            continue;
        }
        if c == '(' {
            // A bracket of one or two chars belongs to a name (乡(镇)); a longer one is an aside.
            let inner: String = right[i + 1..].chars().take_while(|x| *x != ')').collect();
            if inner.chars().count() <= 2 && right[i + 1 + inner.len()..].starts_with(')') {
                obj.push('(');
                obj.push_str(&inner);
                obj.push(')');
                for _ in 0..inner.chars().count() + 1 {
                    chars.next();
                }
                continue;
            }
            end = i;
            break;
        }
        if predicates.prefix_of(&right[i..]).is_some() && !obj.is_empty() {
            end = i;
            break;
        }
        obj.push(c);
    }
    // 高血压、糖尿病、…等健康知识讲座 and 钢铁2700万吨、水泥4200万吨等落后产能: a list of examples
    // before 等 names the kind after it; a list of counts each with its object (300个数字工厂、
    // 5万个5G基站…等任务目标) is not one.
    if right[end..].starts_with('、') {
        if let Some(p) = right[end..].find('等').filter(|p| {
            obj.is_empty() || !right[end..end + p].contains(|c: char| c.is_ascii_digit())
        }) {
            let kind = &right[end + p + '等'.len_utf8()..];
            let kind_end = kind.find(['(', ',', '与', '和']).unwrap_or(kind.len());
            if (2..=12).contains(&kind[..kind_end].chars().count()) {
                return Some((kind[..kind_end].to_string(), None));
            }
        }
    }
    let mut between = None;
    if let Some(p) = obj.find("之间") {
        between = Some(obj[p..].to_string());
        obj.truncate(p);
    }
    // 10个左右具有行业或区域影响力的公共服务平台: a modifier led by a word of having (lexicon
    // attribute_lead) stays with the noun after its 的 (the noun alone when the whole is too
    // long); any other 的 ends the object (荒地的勘察工作 → 荒地).
    if let Some(p) = obj.find('的') {
        let head = &obj[obj.rfind('的').unwrap_or(p) + '的'.len_utf8()..];
        // A list before 的 (面向特定行业、特定区域、特定应用场景的产业互联网平台) modifies the
        // noun after it, unless that opens with a task (国家、行业标准的制修订) or names a
        // quantity of theirs (省、市、自治区的总人口).
        let attribute = (listed
            && obj[..p].contains(LIST_SEPARATORS)
            && rules.enumeration_verbs.longest_prefix(head).is_none()
            && !rules.ends_with_head(head)
            || rules.attribute_leads.prefix_of(&obj).is_some())
            && head.chars().count() >= 2
            && predicates.prefix_of(head).is_none();
        if !attribute {
            obj.truncate(p);
        } else if obj.chars().count() > if listed { 30 } else { 18 } {
            obj = head.to_string();
        }
    }
    // A list runs to the clause's end; a separator there closes nothing.
    if listed {
        let kept = obj.trim_end_matches(LIST_SEPARATORS).len();
        obj.truncate(kept);
    }
    let n = obj.chars().count();
    let longest_item = obj
        .split(LIST_SEPARATORS)
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0);
    if !(2..=18).contains(&longest_item)
        || !(2..=if listed { 30 } else { 18 }).contains(&n)
        || obj.starts_with(')')
    {
        return None;
    }
    // 25家卫生院与诊断中心之间的影像数据实时传输: what links the units is the predicate.
    if let Some(b) = between.or_else(|| {
        right[end..]
            .contains("之间")
            .then(|| right[end..].to_string())
    }) {
        let b = b.trim_start_matches('的').trim().to_string();
        if (2..=30).contains(&b.chars().count()) {
            return Some((obj, Some(b)));
        }
    }
    let pred = predicates
        .iter()
        .filter_map(|p| right.find(p.as_str()).map(|i| (i, p)))
        .filter(|(i, _)| *i >= obj.len())
        .min_by_key(|(i, _)| *i)
        .map(|(i, _)| right[i..].trim().to_string())
        .filter(|p| p.chars().count() <= 20 && !p.contains(['(', '“']));
    Some((obj, pred))
}

/// How far before a value (bytes) its sentence is read for its indicator, comparator and markers
/// (status, goal and strength words): far more than any indicator (the longest quote of the gold
/// is 56 chars), and a bound that keeps a sentence of thousands of values linear.
const HEAD_REACH: usize = 1500;

/// Byte offset where the char before byte `i` starts.
fn prev_char_start(text: &str, i: usize) -> usize {
    text[..i]
        .char_indices()
        .next_back()
        .map(|(p, _)| p)
        .unwrap_or(0)
}

fn clause_start(text: &str, from: usize, floor: usize) -> usize {
    let mut depth = 0i32;
    for (i, c) in text[floor..from].char_indices().rev() {
        match c {
            ')' | '〕' | ']' | '】' | '”' => depth += 1,
            '(' | '〔' | '[' | '【' | '“' => {
                if depth == 0 {
                    return floor + i + c.len_utf8();
                }
                depth -= 1;
            }
            _ if depth == 0 && is_clause_end(c) => return floor + i + c.len_utf8(),
            _ => {}
        }
    }
    floor
}

/// Where a phrase of the population a rate is per (每万人, 每10万人, 每千人口, 每百户) that ends
/// `s` starts.
fn per_population_at(s: &str) -> Option<usize> {
    let at = s.rfind('每')?;
    let rest = &s[at + '每'.len_utf8()..];
    let noun = ["人口", "人", "户"]
        .into_iter()
        .find(|n| rest.ends_with(n))?;
    let size = &rest[..rest.len() - noun.len()];
    let ok = size.chars().count() <= 4
        && size
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || number::is_chinese_numeral_char(c));
    ok.then_some(at)
}

fn clause_end(text: &str, from: usize, ceil: usize) -> usize {
    for (i, c) in text[from..ceil].char_indices() {
        if is_clause_end(c) {
            return from + i;
        }
    }
    ceil
}

/// Strip enumerators such as (1) ⑴ 1. 一、 at the start.
fn enumerator_len(s: &str) -> usize {
    let mut len = 0;
    let t = s;
    if let Some(c) = t.chars().next() {
        if ('\u{2474}'..='\u{2487}').contains(&c) || ('\u{2460}'..='\u{2473}').contains(&c) {
            return c.len_utf8();
        }
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    // An article number: 第十二条 (with 百 and 〇 in long laws), then a space.
    if let Some(rest) = t.strip_prefix('第') {
        let inner: usize = rest
            .chars()
            .take_while(|c| numeral(*c) || matches!(c, '百' | '零' | '〇'))
            .map(|c| c.len_utf8())
            .sum();
        if inner > 0 && rest[inner..].starts_with('条') {
            let after = &rest[inner + '条'.len_utf8()..];
            let space = after.len() - after.trim_start_matches([' ', '\u{3000}']).len();
            if space > 0 {
                return '第'.len_utf8() + inner + '条'.len_utf8() + space;
            }
        }
    }
    // 一是…, 十一是…: an item of a list counted in words.
    let words: usize = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .take(3)
        .map(char::len_utf8)
        .sum();
    if words > 0 {
        if let Some(rest) = t[words..].strip_prefix('是') {
            if rest.starts_with(|c: char| crate::normalize::is_han(c) && c != '否') {
                return words + '是'.len_utf8();
            }
        }
    }
    if let Some(rest) = t.strip_prefix('(') {
        let inner: usize = rest
            .chars()
            .take_while(|c| numeral(*c))
            .map(|c| c.len_utf8())
            .sum();
        if inner > 0 && rest[inner..].starts_with(')') {
            return 1 + inner + 1;
        }
    }
    let lead: usize = t
        .chars()
        .take_while(|c| numeral(*c))
        .map(|c| c.len_utf8())
        .sum();
    if lead > 0 && lead <= 9 {
        let rest = &t[lead..];
        for sep in ['.', '、'] {
            if rest.starts_with(sep)
                && !rest[sep.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
            {
                len = lead + sep.len_utf8();
            }
        }
    }
    len
}

impl<'a> SentenceCtx<'a> {
    /// The comparator word at the end of `left` (the words before a value): returns (bytes
    /// from the comparator's start to the end of `left`, comparator, distributive), allowing
    /// 分别/均/都 before it and one clause verb between it and the value (至少设立1个).
    fn comparator_before(&self, left: &str) -> Option<Before> {
        let mut s = left.trim_end_matches(' ');
        let mut verb = None;
        if let Some(v) = self.rules.verbs.first_suffix(s) {
            let cut = &s[..s.len() - v.len()];
            if self.rules.before_words.suffix_of(cut).is_some() {
                s = cut;
                verb = Some(v.to_string());
            }
        }
        // 提高到2021年的73%: the year the level is reached between the comparator and the value.
        if self.rules.before_words.suffix_of(s).is_none() {
            if let Some(cut) = super::layout::before_year(s, Some(&self.rules.reached_time))
                .filter(|cut| self.rules.before_words.suffix_of(cut).is_some())
            {
                s = cut;
            }
        }
        // 达到每万人20件, 下降到每10万人12人以下: the population a rate is per, between the
        // comparator and the value.
        if self.rules.before_words.suffix_of(s).is_none() {
            if let Some(at) = per_population_at(s) {
                if self.rules.before_words.suffix_of(&s[..at]).is_some() {
                    s = &s[..at];
                }
            }
        }
        // 超过了80%, 至少是3个, 最多为5个: a particle between the comparator and the value.
        if self.rules.before_words.suffix_of(s).is_none() {
            if let Some(p) = self.rules.comparator_particle.first_suffix(s) {
                let cut = &s[..s.len() - p.len()];
                if self.rules.before_words.suffix_of(cut).is_some() {
                    s = cut;
                }
            }
        }
        let found = self.rules.before_words.suffix_of(s).filter(|&i| {
            // 通过20项: a longer word that only ends with one (过) is no comparator.
            let w = &self.rules.before[i].0;
            self.rules
                .not_comparator
                .first_suffix(s)
                .is_none_or(|n| n.len() <= w.len())
        });
        if let Some(i) = found {
            let (w, c) = &self.rules.before[i];
            {
                let mut cstart = s.len() - w.len();
                let mut c = c;
                // 面向不\n少于10个: a line of a fixed-width page joined to the next leaves a
                // space inside a comparator (不 少于 is 不少于, not 少于).
                let lead = s[..cstart].trim_end_matches(' ');
                if lead.len() < cstart {
                    let joined = format!("{lead}{w}");
                    if let Some(j) = self.rules.before_words.suffix_of(&joined) {
                        let (longer, lc) = &self.rules.before[j];
                        if longer.len() > w.len() {
                            cstart = lead.len() - (longer.len() - w.len());
                            c = lc;
                        }
                    }
                }
                let head = &s[..cstart];
                // 均 of 平均为 is no distributive: the word must be a token of its own.
                let distributive = self
                    .rules
                    .distributive
                    .first_suffix(head)
                    .is_some_and(|d| self.seg.cut(head).last().is_some_and(|t| t.word == d));
                return Some(Before {
                    len: left.len() - cstart,
                    comparator: *c,
                    distributive,
                    verb,
                    of_total: None,
                });
            }
        }
        // 不低于编制总额的70%: the comparator governs a share of a total.
        if let Some(head) = s.strip_suffix('的') {
            let window: usize = head.chars().rev().take(12).map(char::len_utf8).sum();
            let from = head.len() - window;
            let found = self
                .rules
                .before
                .iter()
                .filter(|(w, _)| w.chars().count() >= 2)
                .filter_map(|(w, c)| head[from..].rfind(w.as_str()).map(|p| (from + p, w, c)))
                .max_by_key(|(p, w, _)| (*p + w.len(), w.len()));
            if let Some((p, w, c)) = found {
                let total = &head[p + w.len()..];
                if !total.is_empty() && !total.contains([',', '、']) {
                    return Some(Before {
                        len: left.len() - p,
                        comparator: *c,
                        distributive: false,
                        verb: None,
                        of_total: Some(total.to_string()),
                    });
                }
            }
        }
        None
    }

    /// Where the word of lexicon `change_from` before a start value begins: at the end of
    /// `lead`, or before up to six Han chars of the value's measure (由每人每年240元).
    fn change_start(&self, lead: &str) -> Option<usize> {
        let from = &self.rules.change_from;
        // (由 1399: a space before the value is no word.)
        let lead = lead.trim_end_matches(' ');
        let mut p = lead.len();
        let mut cuts = lead.chars().rev().take(6);
        loop {
            if let Some(w) = from.first_suffix(&lead[..p]) {
                return Some(p - w.len());
            }
            let c = cuts.next().filter(|&c| crate::normalize::is_han(c))?;
            p -= c.len_utf8();
        }
    }

    fn comparator_after(&self, rest: &str) -> Option<(usize, Comparator)> {
        let t = rest.trim_start_matches(' ');
        let skip = rest.len() - t.len();
        self.rules.after_words.prefix_of(t).map(|i| {
            let (w, c) = &self.rules.after[i];
            (skip + w.len(), *c)
        })
    }

    /// A name up to the change it states, without an adverb of the change (信息技术产业营收年均
    /// 增长 → 信息技术产业营收); a name with no change whole.
    fn before_change<'s>(&self, name: &'s str) -> &'s str {
        let Some(at) = name
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .find(|&i| self.rules.change_at(&name[i..]).is_some())
        else {
            return name;
        };
        let mut q = &name[..at];
        if let Some(m) = self
            .rules
            .head_modifiers
            .iter()
            .find(|m| q.ends_with(m.as_str()))
        {
            q = &q[..q.len() - m.len()];
        }
        // …比1956年将增长: the base of the comparison and a filler before the change go too.
        if let Some(f) = self.rules.filler.first_suffix(q) {
            q = &q[..q.len() - f.len()];
        }
        if let Some(b) = q
            .rfind(['比', '较'])
            .filter(|&b| b > 0 && q[b..].ends_with('年'))
        {
            q = &q[..b];
        }
        q
    }

    /// The subject and verb that name a count: without a requirement word that ends the subject
    /// (每个社区应) and without a verb of having (有, 具备), which names nothing.
    fn count_act<'s>(&self, subject: &'s str, verb: &'s str) -> (&'s str, &'s str) {
        // 企业拥有: the verb read may be the end of a longer verb of having.
        let (subject, verb) = match self
            .rules
            .possession_verbs
            .first_suffix(&format!("{subject}{verb}"))
        {
            // (Not after an adverb it makes a verb phrase with: 并具有3年以上驾驶经历, 各部共有
            // 77个项目.)
            Some(p)
                if p.ends_with(verb)
                    && subject.len() >= p.len() - verb.len()
                    && self
                        .rules
                        .possession_adverbs
                        .first_suffix(&subject[..subject.len() - (p.len() - verb.len())])
                        .is_none() =>
            {
                (&subject[..subject.len() - (p.len() - verb.len())], "")
            }
            _ => (subject, verb),
        };
        let subject = match self.rules.modal_end.first_suffix(subject) {
            Some(m) if subject.len() > m.len() => &subject[..subject.len() - m.len()],
            _ => subject,
        };
        (subject, verb)
    }

    /// A bound before the value made inclusive or strict by a note after it: 超过300平方米(含)
    /// is `>=`, 不低于60分(不含) is `>`.
    fn noted_bound(&self, c: Comparator, rest: &str) -> Comparator {
        let rest = rest.trim_start_matches(' ');
        if self.rules.inclusive_note.prefix_of(rest).is_some() {
            match c {
                Comparator::Gt => Comparator::Ge,
                Comparator::Lt => Comparator::Le,
                c => c,
            }
        } else if self.rules.exclusive_note.prefix_of(rest).is_some() {
            match c {
                Comparator::Ge => Comparator::Gt,
                Comparator::Le => Comparator::Lt,
                c => c,
            }
        } else {
            c
        }
    }

    fn in_skip(&self, at: usize) -> bool {
        // The spans are in order and do not overlap: only the last one opening at or before
        // `at` can hold it.
        let k = self.skip.partition_point(|s| s.start <= at);
        k > 0 && at < self.skip[k - 1].end
    }

    /// Whether a status word (截至目前, 全年共) governs the position: it stands earlier in the
    /// sentence and no deadline comes between.
    fn status_governs(&self, marks: &Marks, at: usize) -> bool {
        // The last status word wholly before `at` (marks are in order of their ends).
        let Some((status_at, status_end)) = marks
            .status
            .iter()
            .take_while(|(_, e)| *e <= at)
            .copied()
            .max()
        else {
            return false;
        };
        // 截至2025年底 in a notice of 2024: a date after the issue that a status word opens is a
        // deadline, not the date a result is as of (the time reader reads no reference there).
        let k = self.times.partition_point(|t| t.start < status_at);
        if self.times.get(k).is_some_and(|t| {
            t.start == status_at && !t.reference && self.text[t.start..].starts_with('截')
        }) {
            return false;
        }
        // 由上年的60%提高到95%: the start of a change (lexicon change_from) is a reference point.
        if self
            .rules
            .change_from
            .suffix_of(&self.text[..status_at])
            .is_some()
        {
            return false;
        }
        // 今年地区生产总值比上年增长5%左右: a comparison with a baseline right before a verb of
        // change, after its own subject, states the change of that subject, which a plan sets
        // as a target; one that opens its clause (…29.7万亿元、比上年增加1.2万亿元) is said of a
        // value before it.
        if let Some(b) = self.baseline_at(status_at, status_end) {
            // (平台现有各类资源556万余条: a stock the status word states, no change.)
            let change = self.rules.change_follows(&self.text[status_end..]);
            // 赤字率按3%安排、比上年提高1个百分点，赤字规模600亿元: a comparison with the year
            // before governs its own clause only; one that reports (lexicon reported_baseline:
            // 同比) governs the rest of the sentence as any status word does.
            let own_clause = !self.text[status_at..at].contains(CLAUSE_BREAKS);
            let reported = self
                .rules
                .reported_baseline
                .longest_prefix(&self.text[b..])
                .is_some();
            if (change && self.subject_before(b)) || (!own_clause && !reported) {
                return false;
            }
        }
        // 在现有…基础上: the status word frames a reference point; what follows is the plan.
        if marks
            .frames
            .iter()
            .take_while(|(_, e)| *e <= at)
            .any(|(a, _)| *a >= status_at)
        {
            return false;
        }
        let from = self.times.partition_point(|t| t.start <= status_at);
        !self.times[from..]
            .iter()
            .take_while(|t| t.start < at)
            .any(|t| !t.reference)
    }

    /// The start of the comparison with a baseline (lexicon `baseline_status`: 比上年, 同比)
    /// that holds the status word at bytes `at..end`, if it is one (比去年同期 is none: a
    /// status word of its own that says what was done).
    fn baseline_at(&self, at: usize, end: usize) -> Option<usize> {
        let text = self.text;
        let mut lo = at.saturating_sub(6);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = (at + 12).min(text.len());
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        self.rules
            .baseline_status
            .occurrences(&text[lo..hi])
            .filter(|&(x, y, _)| lo + x <= at && end <= lo + y)
            .map(|(x, _, _)| lo + x)
            .min()
    }

    /// Whether words of the clause before byte `at` name something (two Chinese chars or more
    /// outside its times: 地区生产总值比上年, not 2010年比上年 nor 、比上年).
    fn subject_before(&self, at: usize) -> bool {
        let text = self.text;
        let clause_start = text[..at].rfind(CLAUSE_BREAKS).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let first = self.times.partition_point(|t| t.end <= clause_start);
        let timed = |i: usize| {
            self.times[first..]
                .iter()
                .take_while(|t| t.start <= i)
                .any(|t| i < t.end)
        };
        text[clause_start..at]
            .char_indices()
            .filter(|&(i, c)| crate::normalize::is_han(c) && !timed(clause_start + i))
            .count()
            >= 2
    }

    /// Whether a status word governs the value at byte `at` of the sentence its marks are of,
    /// and says it was done (已建成, 截至目前, 全年共) — not a comparison with a baseline
    /// (比上年提高1个百分点, 同比, lexicon `baseline_status`), which a plan states of its targets
    /// too.
    pub fn narrated(&self, marks: &Marks, at: usize) -> bool {
        if !self.status_governs(marks, at) {
            return false;
        }
        // The last status word before the value decides, unless it compares with a baseline
        // (比上年 around 上年): such a word governs its own clause only, so for a value in a later
        // clause (截至2022年底，网民规模达到10.67亿，较去年同期增长3549万人，互联网普及率达
        // 75.6%) the status word before it decides.
        let mut words: Vec<(usize, usize)> = marks
            .status
            .iter()
            .take_while(|(_, e)| *e <= at)
            .copied()
            .collect();
        words.sort_by_key(|&(a, _)| std::cmp::Reverse(a));
        for (a, e) in words {
            let mut lo = a.saturating_sub(6);
            while !self.text.is_char_boundary(lo) {
                lo += 1;
            }
            let baseline = self
                .rules
                .baseline_status
                .occurrences(&self.text[lo..e])
                .any(|(x, y, _)| lo + x <= a && lo + y >= e);
            if !baseline {
                return true;
            }
            if !self.text[e..at].contains([',', ';']) {
                return false;
            }
        }
        false
    }

    fn goal_before(&self, marks: &Marks, at: usize) -> bool {
        marks.goal_end.is_some_and(|e| e <= at)
    }

    /// The status, frame, goal and strength words of a sentence, found once: asking them of the
    /// text before every value would read a long sentence once per value.
    pub fn marks(&self, sent: Span) -> Marks {
        let body = &self.text[sent.start..sent.end];
        let mut marks = Marks::default();
        let mut nouns = Vec::new();
        for (a, e, list, k) in self.rules.markers.occurrences(body) {
            let (a, e) = (sent.start + a, sent.start + e);
            match list {
                0 => marks.strength.push((a, e, k)),
                1 => marks.status.push((a, e)),
                2 => marks.frames.push((a, e)),
                3 => marks.goal_end = Some(marks.goal_end.map_or(e, |g: usize| g.min(e))),
                _ => nouns.push((a, e)),
            }
        }
        // 比去年同期 holds 去年: only the longest status word counts.
        let all = marks.status.clone();
        marks.status.retain(|&(a, e)| {
            !all.iter()
                .any(|&(x, y)| x <= a && e <= y && (x, y) != (a, e))
        });
        // 受理截止日: a word holding a status word that is no status (lexicon not_status).
        if !nouns.is_empty() {
            marks
                .status
                .retain(|&(a, e)| !nouns.iter().any(|&(x, y)| x <= a && e <= y));
        }
        marks.strength.sort_by_key(|(_, e, _)| *e);
        marks
    }

    /// The words of the sentence before byte `at` that a value's markers are looked for in:
    /// at most [`HEAD_REACH`] bytes, so that a sentence of thousands of values costs no more
    /// than its length times the reach. (start offset, text)
    fn head(&self, sent: Span, at: usize) -> (usize, &str) {
        let from = self
            .text
            .floor_char_boundary(at.saturating_sub(HEAD_REACH))
            .max(sent.start);
        (from, &self.text[from..at])
    }

    /// The end of what is read after byte `at` of the sentence: at most [`HEAD_REACH`] bytes.
    fn tail_end(&self, sent: Span, at: usize) -> usize {
        self.text
            .ceil_char_boundary((at + HEAD_REACH).min(sent.end))
            .min(sent.end)
    }

    /// The strength of the last strength marker wholly before `at` (the last listed of those
    /// starting at the same place).
    fn strength(&self, marks: &Marks, at: usize) -> Option<String> {
        marks
            .strength
            .iter()
            .take_while(|(_, e, _)| *e <= at)
            .max_by_key(|(a, _, k)| (*a, *k))
            .map(|(_, _, k)| self.rules.strength[*k].1.clone())
    }

    /// Every target of one sentence.
    pub fn sentence(&self, sent: Span, mentions: Vec<Mention>) -> Vec<Found> {
        // Reading results, no status or goal word filters and no strength is asked for.
        let marks = if self.narration {
            Marks::default()
        } else {
            self.marks(sent)
        };
        self.sentence_marked(sent, mentions, &marks)
    }

    /// [`Self::sentence`], with the sentence's marks found already.
    pub fn sentence_marked(&self, sent: Span, mentions: Vec<Mention>, marks: &Marks) -> Vec<Found> {
        let text = self.text;
        // Penalties and legal conditions (处…罚款, …者) set no targets.
        let body = &text[sent.start..sent.end];
        if self.rules.penalties.any_in(body) {
            return Vec::new();
        }
        let mentions: Vec<Mention> = mentions
            .into_iter()
            .filter(|m| !self.in_skip(m.start))
            .filter(|m| self.narration || !self.status_governs(marks, m.start))
            .filter(|m| self.narration || !self.report || self.goal_before(marks, m.start))
            .collect();
        // 不低于50万元(含50万元): a note that repeats the bound says it is included; its value
        // is the bound's, no other.
        let repeats = |i: usize| {
            let m = &mentions[i];
            i > 0 && {
                let p = &mentions[i - 1];
                let between = text[p.end..m.start].trim();
                let note = self
                    .rules
                    .inclusive_note
                    .words()
                    .iter()
                    .chain(self.rules.exclusive_note.words())
                    .filter_map(|w| w.strip_suffix(')'))
                    .any(|w| between == w);
                note && p.value.value == m.value.value && p.unit == m.unit
            }
        };
        let keep: Vec<bool> = (0..mentions.len()).map(|i| !repeats(i)).collect();
        let mentions: Vec<Mention> = mentions
            .into_iter()
            .zip(keep)
            .filter_map(|(m, k)| k.then_some(m))
            .collect();
        if mentions.is_empty() {
            return Vec::new();
        }
        // Group mentions joined by list separators.
        let mut groups: Vec<Group> = Vec::new();
        for m in mentions {
            let (after_len, _) = self
                .comparator_after(&text[m.end..sent.end])
                .map(|(l, c)| (l, Some(c)))
                .unwrap_or((0, None));
            if let Some(g) = groups.last_mut() {
                let between = &text[g.end..m.start];
                if LIST_SEP.contains(&between.trim()) && !between.is_empty() {
                    g.end = m.end + after_len;
                    g.mentions.push(m);
                    continue;
                }
            }
            // The group's words start after the clause's previous group (产前筛查覆盖率达到55%以上、
            // 新生儿听力筛查率达到90%以上).
            let mut floor = clause_start(text, m.start, self.head(sent, m.start).0);
            if let Some(g) = groups.last() {
                if g.end > floor && g.end <= m.start {
                    let rest = &text[g.end..m.start];
                    let t = rest.trim_start_matches(['、', '和', '及', '与', ' ', '并', '且']);
                    floor = g.end + (rest.len() - t.len());
                    // 培育50家先进级智能工厂、新建90家绿色工厂: the previous count's object and a
                    // 、 before a verb of this one's belong to the previous item (艾滋病、梅毒和乙肝
                    // 检测, a list of names, stays).
                    if let Some(i) = t.rfind('、').filter(|&i| {
                        let after = &t[i + '、'.len_utf8()..];
                        !t.contains(['(', '（', '《', '“'])
                            && (self.rules.verbs.prefix_of(after).is_some()
                                || self.rules.light_verbs.prefix_of(after).is_some())
                    }) {
                        floor += i + '、'.len_utf8();
                    }
                }
            }
            let left = &text[floor..m.start];
            let mut before = self.comparator_before(left);
            // 至少保存5个月, 只能担任一个: the comparator may stand before a verb of one or two
            // chars; for a time limit any comparator, otherwise an adverb (lexicon
            // adverb_comparator: 至少, 最多, 只能).
            // (The adverb is a word of its own: 签约服务 holds no 约. Before a verb of change,
            // 约增长33%, the verb stays in the name and the adverb goes: 工资增长, `~`.)
            if before.is_none() {
                let limit = m.unit.as_deref().is_some_and(|u| self.rules.is_duration(u));
                for (head, cut) in super::layout::before_short_verb(left) {
                    let adverb = self.rules.adverb_comparator.first_suffix(head);
                    if !limit
                        && adverb
                            .is_none_or(|a| self.seg.cut(head).last().is_none_or(|t| t.word != a))
                    {
                        continue;
                    }
                    if let Some(mut b) = self.comparator_before(head) {
                        let verb = &left[left.len() - cut..];
                        if adverb.is_some() && self.rules.change_verbs.iter().any(|v| v == verb) {
                            b.len = 0;
                        } else {
                            b.len += cut;
                        }
                        before = Some(b);
                        break;
                    }
                }
            }
            let mut left_end = before.as_ref().map(|b| m.start - b.len).unwrap_or(m.start);
            let mut changed = false;
            // 由60%提高到70%, 从2012年的1.31万亿元增长到2021年的13.1万亿元: a value right before
            // the comparator, opened by a word of lexicon `change_from`, is where the change
            // started; the words before that word name the indicator.
            // (从不到70万亿元增加到超过100万亿元: the start may have a bound of its own.)
            // (增加到超过100万亿元: a verb of the change may stand before the level's bound.)
            let is_word = |b: &str| {
                self.rules
                    .before_words
                    .prefix_of(b)
                    .is_some_and(|i| self.rules.before[i].0.len() == b.len())
            };
            if let Some(g) = groups.last_mut().filter(|g| {
                before.is_some()
                    && g.end <= left_end
                    && (text[g.end..left_end].trim().is_empty()
                        || (g.before.is_some() && is_word(text[g.end..left_end].trim())))
            }) {
                let lead = &text[g.floor..g.left_end.min(g.mentions[0].start)];
                let lead = super::layout::before_year(lead, Some(&self.rules.reached_time))
                    .unwrap_or(lead);
                // 由每人每年240元, 从原来的92项, 由平均2900元: up to six chars of the start value's
                // measure may stand between the word and it.
                if let Some(at) = self.change_start(lead) {
                    g.baseline = true;
                    changed = true;
                    floor = g.floor;
                    left_end = g.floor + at;
                }
            }
            groups.push(Group {
                end: m.end + after_len,
                left_end,
                before: before.as_ref().map(|b| b.comparator),
                distributive: before.as_ref().is_some_and(|b| b.distributive),
                verb: before.as_ref().and_then(|b| b.verb.clone()),
                of_total: before.and_then(|b| b.of_total),
                floor,
                baseline: false,
                changed,
                mentions: vec![m],
            });
        }
        // A group with no comparator of its own, followed in the same clause by a group with
        // one, is part of that group's indicator (5次以上≥95%, 产后42天覆查率≥95%).
        // So is a bounded count right before the noun that the next group counts (培训5年以上
        // 医师20名, 全球共发生7级以上地震33次): it qualifies what is counted. A bounded one
        // stays in the next group's words (督导产前检查5次以上≥95%); an unbounded one is scope
        // (211个涉海重点项目完成投资超800亿元).
        let mut keep: Vec<bool> = groups.iter().map(|g| !g.baseline).collect();
        for i in 0..groups.len().saturating_sub(1) {
            let (g, h) = (&groups[i], &groups[i + 1]);
            let between = &text[g.end..h.mentions[0].start];
            let last_end = g.mentions.last().map_or(g.end, |m| m.end);
            // 80%的行政村集体经济收入达到20万元以上, 95%以上的村集体经营性收入超过10万元: a share
            // of units is the value; a bounded amount in the same clause is the threshold its
            // units pass, no value of its own.
            let share_of_units = matches!(g.mentions[0].unit.as_deref(), Some("%"))
                && g.mentions.len() == 1
                && between.starts_with('的')
                && !between.contains([',', ';', '、', ':', '。'])
                && h.mentions.len() == 1
                && h.mentions[0].unit.as_deref().is_some_and(|u| u != "%")
                && (h.before.is_some()
                    || self.comparator_after(&text[h.end..sent.end]).is_some()
                    || !text[h.mentions[0].end..h.end].trim().is_empty());
            if share_of_units {
                keep[i + 1] = false;
                continue;
            }
            // (A grade qualifies without a bound: 建成五百亿级开发区2个.)
            let qualifier = g.before.is_none()
                && (g.end > last_end || self.rules.unit_kind(&g.mentions[0]) == Some("level"))
                && g.mentions.len() == 1
                && g.mentions[0].unit.is_some()
                && h.mentions[0].unit.is_some()
                && (1..=8).contains(&between.chars().count())
                && between.chars().all(crate::normalize::is_han)
                // A noun: no list, alternative, change or negation inside (特色企业和…, 或者…,
                // 放宽至…, 未满…), no preposition before it (十年内以新台币十万元为限).
                && !between.contains(['的', '和', '及', '与', '或', '且', '并', '未', '至', '到'])
                && !between.starts_with(['以', '为', '在', '于', '按', '由', '从', '比', '占'])
                && self.rules.verbs.prefix_of(between).is_none();
            // 16个环节45个场景, 12个领域199个事项, 15个环节的40个场景: an unbounded count of
            // categories (lexicon grouping_noun) right before another count groups what that
            // count counts; it is scope, no value of its own (15所高职院校21个专业群 counts
            // schools that count).
            let noun = between.strip_suffix('的').unwrap_or(between);
            let grouping = g.before.is_none()
                && !g.baseline
                && !g.changed
                && !h.changed
                && g.end == last_end
                && g.mentions.len() == 1
                && self.rules.unit_kind(&g.mentions[0]) == Some("count")
                && self.rules.unit_kind(&h.mentions[0]) == Some("count")
                && (1..=4).contains(&noun.chars().count())
                && self.rules.grouping_nouns.suffix_of(noun).is_some();
            if grouping
                || (h.before.is_some()
                    && g.before.is_none()
                    && !between.contains([',', ';', '、', ':', '。'])
                    && between.chars().count() <= 16)
                || qualifier
            {
                keep[i] = false;
                if grouping {
                    // The grouping noun is no part of what the next count counts.
                    let floor = groups[i + 1].left_end.min(groups[i + 1].mentions[0].start);
                    groups[i + 1].floor = floor;
                } else if g.end > last_end {
                    let floor = g.floor;
                    groups[i + 1].floor = floor;
                }
            }
        }
        let mut out = Vec::new();
        let mut prev_indicator: Option<String> = None;
        let mut chain: Option<String> = None;
        for (gi, g) in groups.iter().enumerate() {
            if !keep[gi] {
                continue;
            }
            let first = &g.mentions[0];
            let last = g.mentions.last().expect("group");
            let after = self
                .comparator_after(&text[last.end..sent.end])
                .map(|(_, c)| c);
            // No comparator before or after the value, and the kind of its unit.
            let bare = g.before.is_none() && after.is_none();
            let kind = self.rules.unit_kind(first);
            // A bare number with neither unit nor comparator is no target (120, 422).
            if first.unit.is_none() && bare {
                continue;
            }
            // 新增了228个, 提出了4类共25项: a verb with the perfective 了 in the value's clause
            // reports what was done (超过了80% has a comparator and stays).
            if bare {
                let clause = &text[g.floor..first.start];
                if super::layout::perfective(clause, &self.rules.not_perfective) {
                    continue;
                }
            }
            // 促进民间投资“13条政策”, “双千”工程: a number that opens a short quoted name is
            // part of the name.
            if text[..first.start].ends_with(['“', '"', '「'])
                && text[last.end..sent.end]
                    .chars()
                    .take(8)
                    .take_while(|c| !super::layout::is_clause_end(*c))
                    .any(|c| matches!(c, '”' | '"' | '」'))
            {
                continue;
            }
            // 深圳、南京等18个城市: the count of a named set, unless a task verb leads the
            // clause (实施包头、阿拉善等6个示范工程).
            let lead = text[g.floor..first.start].trim_end();
            if self.rules.enumeration_end.suffix_of(lead).is_some()
                && !self.rules.enumeration_verbs.any_in(lead)
            {
                continue;
            }
            // Chinese numerals need a comparator or a share form; a one-char numeral with its
            // measure word may also close the clause after what it counts (新增养老床位十张).
            let closes_clause = first.unit.is_some()
                && text[last.end..sent.end]
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(super::layout::is_clause_end)
                // 干一件、成一件, 成熟一家批准一家: the numeral and its word said twice is an
                // idiom, not a quantity.
                && text[sent.start..sent.end]
                    .matches(&text[first.start..first.end])
                    .nth(1)
                    .is_none();
            if first.chinese
                && !first.share
                && g.before.is_none()
                && after.is_none()
                && (first.unit.is_none() || (first.chinese_single && !closes_clause))
            {
                continue;
            }
            // 推动呼和浩特、鄂尔多斯、满洲里3个综保区: a count that only sums up the named items
            // before it is scope, no quota (包头、阿拉善等6个 names examples and stays).
            if g.mentions.len() == 1
                && g.before.is_none()
                && first.value_max.is_none()
                && kind == Some("count")
                && names_counted(
                    &text[g.floor.max(sent.start)..first.start],
                    first.value.value,
                )
            {
                continue;
            }
            // 发生7.3级强震, 跨入地区生产总值两万亿级城市行列: in a report of results, a grade
            // that runs on into a noun (no 规模 or 水平 of lexicon grade_scale) is the grade of a
            // thing or an event, no result. (A plan's 具备抗御6级左右地震的能力 is a target.)
            // 相继发生了…6.9级、…6.4级: a bare grade after a verb of an event (lexicon
            // event_verb) in its sentence is the event's magnitude, in any genre.
            let magnitude = bare
                && kind == Some("level")
                && self
                    .rules
                    .event_verbs
                    .any_in(&text[sent.start..first.start]);
            if kind == Some("level") && (self.narration || magnitude) {
                let rest = &text[g.end..sent.end];
                if magnitude
                    || (rest.starts_with(crate::normalize::is_han)
                        && self.rules.grade_scale.longest_prefix(rest).is_none())
                {
                    continue;
                }
            }
            // 推动7个国家物流枢纽…提质升级, 推进66个粮食产能提升重点县: in a plan, a count right
            // after a verb of an open-ended effort names the set the effort applies to, no quota
            // (a bound, 推动50家以上企业上云, makes it one; a report's 推动456个事项全区通办 is a
            // result).
            if !self.narration
                && g.mentions.len() == 1
                && bare
                && kind == Some("count")
                && self.rules.open_effort.suffix_of(lead).is_some()
            {
                continue;
            }
            // 大大高于年均19次的水平: the level a comparison measures against is no target and no
            // result of its own.
            if self
                .rules
                .reference_level
                .prefix_of(&text[g.end..sent.end])
                .is_some()
                && self
                    .rules
                    .comparison
                    .any_in(&text[g.floor.max(sent.start)..first.start])
            {
                continue;
            }
            // 以1995年实招人数1445名为基数: the base of a computation.
            if self
                .rules
                .base_frames
                .prefix_of(&text[g.end..sent.end])
                .is_some()
            {
                continue;
            }
            // 提升15分钟社区生活圈功能, 构建1小时经济圈: a time right before the name of a zone
            // reached in it (lexicon reach_zone) is part of the name (打造20个生活圈 counts them).
            let time_unit = first
                .unit
                .as_deref()
                .is_some_and(|u| u == "分钟" || self.rules.is_duration(u));
            // (The Chinese words right after the value, ten chars at most.)
            let zone = || {
                let rest = text[g.end..sent.end].trim_start_matches(['”', '"', '“', '」']);
                let end = rest
                    .char_indices()
                    .take_while(|&(_, c)| crate::normalize::is_han(c))
                    .take(10)
                    .last()
                    .map_or(0, |(i, c)| i + c.len_utf8());
                &rest[..end]
            };
            if time_unit && self.rules.reach_zones.any_in(zone()) {
                continue;
            }
            // 在一个七亿人口的大国中, 我们这个拥有九千六百多万名党员的政党: a value after an
            // article or demonstrative (and a word of having), with 的 ahead in its clause,
            // describes the noun it modifies; no quota and no result.
            if g.mentions.len() == 1 && g.before.is_none() {
                let head = lead.trim_end_matches(|c: char| !crate::normalize::is_han(c));
                let head = match self.rules.attribute_leads.first_suffix(head) {
                    Some(w) => &head[..head.len() - w.len()],
                    None => head,
                };
                if self.rules.descriptor_leads.suffix_of(head).is_some()
                    && text[g.end..clause_end(text, g.end, sent.end)].contains('的')
                {
                    continue;
                }
            }
            if kind == Some("measure") && bare {
                // 3座35万千瓦光热电站: a size right after a count of things is the size of each,
                // no quota (the count may be one).
                let of_each = gi > 0
                    && groups[gi - 1].end == first.start
                    && self.rules.unit_kind(&groups[gi - 1].mentions[0]) == Some("count");
                // 推动吉林梅花60万吨赖氨酸、白银集团7万吨锌基合金等项目建设: a size before the
                // end of a list of projects (lexicon project_list_end) names a project, no quota.
                if of_each || {
                    let end = clause_end(text, last.end, self.tail_end(sent, last.end));
                    self.rules.project_list_ends.any_in(&text[last.end..end])
                } {
                    continue;
                }
            }
            let floor = g.floor;
            let (ind_start, mut indicator, rule) =
                self.indicator(sent, floor, g, prev_indicator.as_deref(), &mut chain);
            let Some(mut ind) = indicator.take() else {
                continue;
            };
            // 建设工会驿站150个 counts 工会驿站: a verb of doing or building before a count's
            // object does not name what is counted (新增, 引进 do).
            if rule.starts_with("count") {
                if let Some(v) = self.rules.light_verbs.first_prefix(&ind) {
                    // Only a whole word, before a word of two chars or more (建成后的…, 遴选出…
                    // keep theirs).
                    let toks = self.seg.cut(&ind);
                    let whole = toks.first().is_some_and(|t| t.word == v)
                        && toks.get(1).is_some_and(|t| t.word.chars().count() >= 2);
                    if whole && ind[v.len()..].chars().count() >= 3 {
                        ind = ind[v.len()..].to_string();
                    }
                }
            }
            // 对…平台给予一次性1000万元奖励: the verb of giving between the recipient and the
            // award names nothing (lexicon award_give).
            if self.rules.award_nouns.first_suffix(&ind).is_some() {
                if let Some((i, w)) = self
                    .rules
                    .award_gives
                    .words()
                    .iter()
                    .filter_map(|w| ind.find(w.as_str()).map(|i| (i, w.len())))
                    .find(|&(i, _)| i > 0)
                {
                    ind.replace_range(i..i + w, "");
                }
            }
            prev_indicator = Some(ind.clone());
            let quote_start = ind_start.min(first.start);
            let quote_end = g.end;
            // Items of the indicator, for distribution.
            let items = self.items(&ind);
            let k = g.mentions.len();
            // Times are in order of their starts; one ending by `first.start` starts before it.
            let from = self.times.partition_point(|t| t.start < sent.start);
            let series: Vec<&TimeExpr> = self.times[from..]
                .iter()
                .take_while(|t| t.start < first.start)
                .filter(|t| t.end <= first.start && t.series.is_some_and(|(_, n)| n == k))
                .collect();
            let strength = self.strength(marks, first.start);
            let clause_prefix = &text[floor..first.start];
            // 每个社区至少配备专职社工2名: an adverb of a bound (lexicon bound_adverb) before the
            // verb and its object bounds the value after them.
            let adverb = self
                .rules
                .adverb_bounds
                .iter()
                .find(|(w, _)| ind.contains(w.as_str()) && clause_prefix.contains(w.as_str()))
                .filter(|_| g.before.is_none());
            if let Some((w, _)) = adverb {
                let rest = ind.replacen(w.as_str(), "", 1);
                if rest.chars().count() >= 2 {
                    ind = rest;
                }
            }
            let comparator_of = |m: &Mention, own_after: Option<Comparator>| -> Comparator {
                if m.value_max.is_some() {
                    return Comparator::Range;
                }
                if own_after == Some(Comparator::Approx) || m.approx {
                    return Comparator::Approx;
                }
                if let Some(c) = own_after {
                    return c;
                }
                let c = match g.before {
                    // 由每生每年5元提高至10元: a change from a stated start sets the new level.
                    Some(Comparator::Ge | Comparator::Le) if g.changed => Comparator::Eq,
                    Some(c) => c,
                    None if adverb.is_some() => adverb.map(|a| a.1).unwrap(),
                    None => Comparator::Eq,
                };
                self.noted_bound(c, &text[m.end..sent.end])
            };
            let mut push = |indicator: String,
                            m: &Mention,
                            own_time: Option<TimeExpr>,
                            own_units: Option<Vec<String>>,
                            rule: &'static str| {
                let own_after = self
                    .comparator_after(&text[m.end..sent.end])
                    .map(|(_, c)| c)
                    .or(after);
                out.push(Found {
                    indicator,
                    comparator: comparator_of(m, own_after),
                    value: m.value,
                    value_max: m.value_max,
                    unit: m.unit.clone(),
                    unit_def: m.unit_def,
                    strength: strength.clone(),
                    start: quote_start,
                    end: quote_end,
                    at: m.start,
                    own_time,
                    own_units,
                    rule,
                });
            };
            if k > 1 && series.len() == k {
                for (m, t) in g.mentions.iter().zip(series) {
                    push(ind.clone(), m, Some(t.clone()), None, "year-series");
                }
            } else if k > 1 && items.len() == k {
                for (m, it) in g.mentions.iter().zip(items) {
                    push(it, m, None, None, "list-pairwise");
                }
            } else if k > 1 && items.len() == 1 {
                let expanded = self.expand(&ind);
                if expanded.len() == k {
                    // (城乡居民人均可支配收入分别增长: each item's own change, no 分别.)
                    for (m, it) in g.mentions.iter().zip(expanded) {
                        push(
                            it.replacen("分别", "", 1),
                            m,
                            None,
                            None,
                            "list-abbreviation",
                        );
                    }
                } else {
                    for m in &g.mentions {
                        push(ind.clone(), m, None, None, rule);
                    }
                }
            } else if let Some(per) = per_capita_items(&ind).filter(|v| k == 1 && v.len() > 1) {
                for it in per {
                    push(it, first, None, None, "list-per-capita");
                }
            } else if k == 1
                && items.len() > 1
                && (g.distributive
                    // 化学需氧量、氨氮排放量分别下降2%: one percentage change of a list joined
                    // by 、 (or said of each, 分别, 都) is each item's; an amount is their sum
                    // (农村社队和农民收入将增加近100亿元), and so is one change of a pair joined
                    // by 和 (工业和手工业总产值增长).
                    || (rates_of_each(&ind, &items, first.unit.as_deref())
                        || (ratio_of(first.unit.as_deref())
                            && (ind.contains('、') || ind.contains("分别") || ind.contains('都'))
                            && self.items_of_change(&ind).is_some()))
                        && !self.rules.collective.any_in(&text[floor..g.end]))
            {
                for it in items {
                    push(it, first, None, None, "list-shared-value");
                }
            } else if k == 1 && g.distributive && items.len() == 1 {
                let subjects = self.subject_list(sent, floor);
                if subjects.len() > 1 {
                    for s in subjects {
                        push(format!("{s}{ind}"), first, None, None, "list-subjects");
                    }
                } else {
                    push(ind, first, None, None, rule);
                }
            } else {
                for m in &g.mentions {
                    push(ind.clone(), m, None, None, rule);
                }
            }
        }
        self.name_subjectless_changes(&mut out);
        self.carry_addition_verb(&mut out);
        out
    }

    /// A change with no subject of its own after a value that has one (国内生产总值47.2万亿元，比上年
    /// 增长9.2%; 国内生产总值达到134.9万亿元、增长5%): the change is of that value's quantity, named
    /// with it (国内生产总值增长). The clause before the value must be only the change: a baseline
    /// word (`baseline_status`), an adverb (实际, 年均) and a verb of lexicon `change_verb`.
    fn name_subjectless_changes(&self, found: &mut [Found]) {
        let text = self.text;
        // The names of the values before, in order (None: one no change can be of).
        let mut subjects: Vec<Option<String>> = Vec::new();
        let mut i = 0;
        while i < found.len() {
            let f = &found[i];
            let lead = text[f.start..f.at.max(f.start)].trim();
            let Some(change) = self.change_only(lead) else {
                subjects.push(self.change_subject(f));
                i += 1;
                continue;
            };
            // The values of the change's clause (实际增长9.8%和8.5%).
            let k = found[i..]
                .iter()
                .take_while(|g| g.start == found[i].start)
                .count();
            let last = &subjects[subjects.len().saturating_sub(k)..];
            // …人均可支配收入17175元，…人均纯收入5153元，实际增长9.8%和8.5%: a list of changes
            // after as many values with names is of those, in order; else all are of the last.
            let names: Vec<Option<String>> =
                if k > 1 && last.len() == k && last.iter().all(Option::is_some) {
                    last.to_vec()
                } else {
                    vec![subjects.last().cloned().flatten(); k]
                };
            for (f, s) in found[i..i + k].iter_mut().zip(names) {
                if let Some(s) = s {
                    f.indicator = format!("{s}{change}");
                    f.rule = "change-of-previous";
                }
            }
            i += k;
        }
    }

    /// 新增省级创新平台30个、专精特新中小企业100户、高新技术企业150家: an addition word
    /// (lexicon `addition_verb`) that opens the first count of a list of counts is the verb of
    /// every count after it, joined by 、 alone (新增高新技术企业数: an addition, not the stock).
    fn carry_addition_verb(&self, found: &mut [Found]) {
        let text = self.text;
        for i in 1..found.len() {
            let (before, rest) = found.split_at_mut(i);
            let (prev, f) = (&before[i - 1], &mut rest[0]);
            let Some(verb) = self.rules.addition_verbs.first_prefix(&prev.indicator) else {
                continue;
            };
            let joined = f.start >= prev.end && text[prev.end..f.start].trim() == "、";
            let counts = prev.rule.starts_with("count") && f.rule.starts_with("count");
            // (Not one with a verb of its own: 总装机达9157万千瓦.)
            let lead = &text[f.start..f.at.max(f.start)];
            // (Nor one that says new itself: 新入规加工企业20家.)
            let own_verb = self.rules.verbs.first_prefix(&f.indicator).is_some()
                || self
                    .seg
                    .cut_name(&f.indicator)
                    .first()
                    .is_some_and(|t| t.word == "新")
                || self
                    .rules
                    .addition_verbs
                    .first_prefix(&f.indicator)
                    .is_some()
                || self.rules.holds_before_word(lead);
            if joined && counts && !own_verb {
                f.indicator = format!("{verb}{}", f.indicator);
            }
        }
    }

    /// The quantity a later change may be of (国内生产总值47.2万亿元 → 国内生产总值): the value's
    /// indicator without a count's 数 or 人数 (接待游客人数 → 接待游客), unless it holds a
    /// change, a comparison or a number itself.
    fn change_subject(&self, f: &Found) -> Option<String> {
        let i = &f.indicator;
        // (The suffix of its unit: 入境游客人次 → 入境游客.)
        let own = f.unit.as_deref().map(|u| self.rules.count_suffix(u));
        let name = own
            .and_then(|s| i.strip_suffix(s))
            .or(i.strip_suffix("人数"))
            .or(i.strip_suffix('数'))
            .unwrap_or(i);
        const NUMERALS: &str = "〇零一二两三四五六七八九十百千万亿";
        let chars: Vec<char> = name.chars().collect();
        let numeric = chars.iter().any(char::is_ascii_digit)
            || chars
                .windows(2)
                .any(|w| NUMERALS.contains(w[0]) && NUMERALS.contains(w[1]));
        let changes = name
            .char_indices()
            .any(|(i, _)| self.rules.change_at(&name[i..]).is_some());
        (chars.len() >= 2
            && !numeric
            && !changes
            && !name.contains('比')
            && f.comparator != Comparator::Range)
            .then(|| name.to_string())
    }

    /// The change a lead of a value's clause states when that is all it states (比上年实际增长 →
    /// 实际增长), else None.
    fn change_only(&self, lead: &str) -> Option<String> {
        let mut rest = lead.trim_start_matches(['、', ',', '，', ' ']);
        // A baseline word that opens the lead (比上年增长), not one inside it.
        if let Some(e) = self
            .rules
            .baseline_status
            .occurrences(rest)
            .filter(|(a, _, _)| *a == 0)
            .map(|(_, e, _)| e)
            .max()
        {
            rest = &rest[e..];
        }
        let adverb = ["实际", "年均", "分别"]
            .iter()
            .find(|a| rest.starts_with(**a))
            .map_or("", |a| a);
        let verb_part = &rest[adverb.len()..];
        let verb = self.rules.change_at(verb_part)?;
        let tail = &verb_part[verb.len()..];
        (tail.is_empty() || matches!(tail, "到" | "至")).then(|| {
            let adverb = if adverb == "分别" { "" } else { adverb };
            format!("{adverb}{verb}")
        })
    }

    /// Split an indicator into list items (only on separators outside brackets and quotes),
    /// filling elided heads.
    fn items(&self, ind: &str) -> Vec<String> {
        self.items_of_change(ind)
            .unwrap_or_else(|| self.list_items(ind))
    }

    /// The items of a list before a change, each with the change (规上工业增加值、规上服务业营收
    /// 分别增长 → …增加值增长, …营收增长; …分别下降幅度: the measure of the change goes with it;
    /// …排放量要分别下降: a filler before the change goes), or None when the name is no list
    /// before a change.
    fn items_of_change(&self, ind: &str) -> Option<Vec<String>> {
        let measure = ["幅度", "率"]
            .into_iter()
            .find(|m| ind.ends_with(m))
            .unwrap_or("");
        let changed = &ind[..ind.len() - measure.len()];
        // The change ends the name (a 到 or 至 may follow it); its baseline word and adverb open
        // at most a few chars before it, so only those starts are tried.
        let bare = changed.trim_end_matches(['到', '至']);
        let verb_at = self
            .rules
            .change_verbs
            .iter()
            .filter(|v| bare.ends_with(v.as_str()))
            .map(|v| bare.len() - v.len())
            .min()?;
        const LEAD_BYTES: usize = 8 * 3;
        let p = changed
            .char_indices()
            .map(|(i, _)| i)
            .skip_while(|&i| i + LEAD_BYTES < verb_at)
            .take_while(|&i| i <= verb_at)
            .filter(|&i| i > 0)
            .find(|&i| self.change_only(&changed[i..]).is_some())?;
        let change = self.change_only(&changed[p..]).unwrap_or_default() + measure;
        let mut body = &changed[..p];
        // (猪肉、羊肉、蔬菜等副食品: examples of a kind are no list of quantities.)
        if body.contains('等') {
            return None;
        }
        let mut adverbs = String::new();
        loop {
            if let Some(a) = self
                .rules
                .head_modifiers
                .iter()
                .find(|a| body.ends_with(a.as_str()))
            {
                body = &body[..body.len() - a.len()];
                adverbs.insert_str(0, a);
            } else if let Some(f) = self.rules.filler.first_suffix(body) {
                body = &body[..body.len() - f.len()];
            } else {
                break;
            }
        }
        let parts = self.list_items(body);
        (parts.len() >= 2).then(|| {
            parts
                .into_iter()
                .map(|x| format!("{x}{adverbs}{change}"))
                .collect()
        })
    }

    /// [`Self::items`] of a list with no change after it.
    fn list_items(&self, ind: &str) -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut depth = 0;
        let chars: Vec<char> = ind.chars().collect();
        let has_comma_list = {
            let mut d = 0;
            chars.iter().any(|c| {
                match c {
                    '(' | '“' | '〔' | '《' => d += 1,
                    ')' | '”' | '〕' | '》' => d -= 1,
                    _ => {}
                }
                d == 0 && *c == '、'
            })
        };
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '(' | '“' | '〔' | '《' => depth += 1,
                ')' | '”' | '〕' | '》' => depth -= 1,
                _ => {}
            }
            // 、 is the list separator when there is one; 和/及/与 only otherwise (文化及相关产业、
            // 旅游及相关产业… is two items, not four).
            if depth == 0
                && (c == '、' || (!has_comma_list && (c == '和' || c == '及' || c == '与')))
            {
                // 和/及/与 only split when both sides are substantial.
                if c != '、' && (cur.chars().count() < 2 || chars.len() - i - 1 < 2) {
                    cur.push(c);
                    i += 1;
                    continue;
                }
                parts.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
            i += 1;
        }
        parts.push(cur);
        let mut parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        if parts.len() < 2 {
            return parts;
        }
        // 国家级、省级国际科技合作基地奖励, 应届博士、硕士生活补贴: parallel modifiers that end
        // alike (级, 士) share what follows the last one's modifier.
        let last = parts[parts.len() - 1].clone();
        if let Some(t) = self
            .seg
            .cut_name(&last)
            .first()
            .filter(|t| (2..=3).contains(&t.word.chars().count()) && t.end < last.len())
        {
            let tail = &last[t.end..];
            let t_last = t.word.chars().next_back();
            let n = parts.len();
            for p in &mut parts[..n - 1] {
                if p.chars().next_back() == t_last && !p.ends_with(tail) {
                    p.push_str(tail);
                }
            }
        }
        // 牵头制定国际标准、国家标准的企业扶持: a 的 and head after the last item, when no item
        // before it has one, modify every item.
        if let Some(i) = last.rfind('的').filter(|_| has_comma_list) {
            let tail = &last[i..];
            let n = parts.len();
            if tail.chars().count() > 1 && parts[..n - 1].iter().all(|p| !p.contains('的')) {
                for p in &mut parts[..n - 1] {
                    p.push_str(tail);
                }
            }
        }
        // 孕产妇和儿童健康管理率: items that name groups of people (lexicon population) share
        // what follows the last one's group (健康管理率, not only the head 管理率).
        let group_end = self
            .rules
            .first_population(&last)
            .map(|(_, e)| e)
            .filter(|&e| e < last.len());
        if let Some(e) = group_end {
            let tail = &last[e..];
            let n = parts.len();
            let groups = parts[..n - 1].iter().all(|p| {
                self.rules
                    .populations
                    .occurrences(p)
                    .any(|(_, pe, _)| pe == p.len())
            });
            if groups {
                for p in &mut parts[..n - 1] {
                    p.push_str(tail);
                }
            }
        }
        let mut items = match has_comma_list
            .then(|| self.shared_modifier(&parts))
            .flatten()
        {
            Some(shared) => shared,
            None => {
                let heads = self.rules.heads();
                let filled = super::responsible::fill_heads(&parts, heads, &|s: &str| {
                    self.rules.ends_with_head(s)
                });
                // A head filled from the last item after a longer item starts at one of its
                // words, and is never one the item has already (省外游客、入境过夜游客 is no 省外游客游客; 制造业、数字经济
                // 核心产业增加值 no 制造业济核心…).
                let starts: Vec<usize> = self.seg.cut_name(&last).iter().map(|t| t.start).collect();
                filled
                    .into_iter()
                    .zip(&parts)
                    .enumerate()
                    .map(|(k, (f, p))| {
                        let added = f.strip_prefix(p.as_str()).unwrap_or("");
                        let at = last.len().saturating_sub(added.len());
                        let whole = last.ends_with(added) && starts.contains(&at);
                        // (A modifier of one char is parallel to the last one's, 产、儿科床位
                        // 数, and so is one of two that opens the list, 城镇、农村居民人均可支配
                        // 收入; after a whole item a short one is whole too: 单位国内生产总值用水
                        // 量、能耗、二氧化碳排放量 is no 能耗化碳排放量.)
                        let short = match p.chars().count() {
                            1 => true,
                            2 => k == 0,
                            _ => false,
                        };
                        if added.is_empty() || ((whole || short) && !p.ends_with(added)) {
                            f
                        } else {
                            p.clone()
                        }
                    })
                    .collect()
            }
        };
        // 单位国内生产总值用水量、能耗、二氧化碳排放量: the output the first measure is per
        // (lexicon `per_unit_modifier`) is every later one's that names none.
        if let Some((first, rest)) = items.split_first_mut() {
            if let Some(m) = self.rules.per_unit.first_prefix(first) {
                if first.len() > m.len() {
                    for p in rest {
                        if self.rules.per_unit.first_prefix(p).is_none() && !p.contains('率') {
                            p.insert_str(0, m);
                        }
                    }
                }
            }
        }
        // 示范型数字经济园区和成长型数字经济园区奖补: an award (lexicon `award_noun`) after the
        // last recipient is every recipient's.
        if let Some((last, rest)) = items.split_last_mut() {
            if let Some(award) = self.rules.award_nouns.first_suffix(last) {
                if last.len() > award.len() {
                    for p in rest {
                        if self.rules.award_nouns.first_suffix(p).is_none() {
                            p.push_str(award);
                        }
                    }
                }
            }
        }
        items
    }

    /// 马铃薯种植、收获机械化率, 基本养老、医疗保险参保率: two parallel words of two chars
    /// between a shared modifier (马铃薯, 基本) and a shared head (机械化率, 保险参保率). The
    /// first item is short and ends with the first word (a token of its own); the second starts
    /// with the other and ends with a rate (…率; in 游客人次、旅游花费 or 新能源产业、装备制造业
    /// 增加值 the first is a whole quantity) and is no list of examples (等); a second item that
    /// opens like the first (美丽河湖、美丽海湾建成率), or whose head repeats the first word
    /// (省外游客、入境过夜游客增长), is whole already.
    fn shared_modifier(&self, parts: &[String]) -> Option<Vec<String>> {
        let [first, last] = parts else {
            return None;
        };
        if first.chars().count() > 6
            || self.rules.ends_with_head(first)
            || !last.ends_with('率')
            || last.contains('等')
        {
            return None;
        }
        let toks = self.seg.cut(first);
        let word = toks.last().filter(|_| toks.len() >= 2)?;
        let prefix = &first[..word.start];
        let cut = last.char_indices().nth(2).map(|(i, _)| i)?;
        let head = &last[cut..];
        if word.word.chars().count() != 2
            || head.chars().count() < 3
            || head.contains(word.word)
            || first.get(..cut) == last.get(..cut)
        {
            return None;
        }
        Some(vec![format!("{first}{head}"), format!("{prefix}{last}")])
    }

    /// Expand a compressed list (产儿科县域平均床位数 → 产科…, 儿科…) from the abbreviations.
    fn expand(&self, ind: &str) -> Vec<String> {
        for (abbr, parts) in &self.rules.abbreviations {
            if let Some(pos) = ind.find(abbr.as_str()) {
                let (pre, post) = (&ind[..pos], &ind[pos + abbr.len()..]);
                return parts.iter().map(|p| format!("{pre}{p}{post}")).collect();
            }
        }
        vec![ind.to_string()]
    }

    /// A list of named subjects at the start of the sentence (区人民医院、区中医医院…).
    fn subject_list(&self, sent: Span, upto: usize) -> Vec<String> {
        let head = &self.text[sent.start..upto];
        let head = head
            .split([',', ':'])
            .rfind(|s| s.contains('、'))
            .unwrap_or("");
        let names: Vec<&str> = head.split('、').collect();
        if names.len() < 2 {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let mut n = n.trim().to_string();
            if i == 0 {
                n = self.clean_front(&n);
            }
            if i == names.len() - 1 {
                // cut the org name out of "区中医医院省级临床重点专科建成数量达到1个"
                match self.rules.names.first_org_end(&n) {
                    Some(c) => n.truncate(c),
                    None => return Vec::new(),
                }
            }
            if n.is_empty() || n.chars().count() > 12 {
                return Vec::new();
            }
            out.push(n);
        }
        out
    }

    fn clean_front(&self, s: &str) -> String {
        let mut s = s.trim().to_string();
        loop {
            let before = s.len();
            s = s
                .trim_start_matches(['.', ')', '、', ':', ';', ',', ' ', '·', '>', '-'])
                .to_string();
            let e = enumerator_len(&s);
            if e > 0 {
                s = s[e..].to_string();
            }
            // leading time expressions
            let mut cut = 0;
            for t in self.times_in(&s) {
                if t.0 == cut {
                    cut = t.1;
                }
            }
            if cut > 0 {
                // (2012年以来年均增速: the time's 以来 goes with it.)
                let rest = &s[cut..];
                let rest = rest.strip_prefix("以来").unwrap_or(rest);
                s = rest.trim_start_matches([',', ' ', '、']).to_string();
            }
            // 在先进材料等关键领域实施100项…, 依托信息消费大赛遴选10个…: an adverbial that
            // opens the phrase says where or how, up to the verb of the count; it names nothing.
            if let Some(w) = self.rules.adverbial_leads.first_prefix(&s) {
                let toks = self.seg.cut(&s);
                let verb = toks
                    .iter()
                    .position(|t| t.start >= w.len() && self.rules.act_verbs.contains(t.word));
                // (在事故认定后, 依托企业建设比重, 在第2个有效期内年均培训…人才: words after the
                // verb make the adverbial part of what is named.)
                // Only verbs may follow it: the count's object comes after the value.
                let only_verbs = |k: usize| {
                    toks[k..]
                        .iter()
                        .all(|t| self.rules.act_verbs.contains(t.word) || t.word.trim().is_empty())
                };
                // (Nor before a verb of having or of change: 其中在国外的有44人, 在国内生产
                // 总值中占比提高2.5个百分点 — the adverbial is the subject's place.)
                let own = |v: usize| {
                    self.rules.possession_verbs.first_prefix(&s[v..]).is_none()
                        && self.rules.change_at(&s[v..]).is_none()
                };
                if let Some(k) = verb.filter(|&k| {
                    let v = toks[k].start;
                    v > w.len() && only_verbs(k) && own(v)
                }) {
                    s = s[toks[k].start..].to_string();
                }
            }
            // (Not the scope of an adjective: 全国性社会团体.)
            if let Some(w) = self
                .rules
                .scope
                .first_prefix(&s)
                .filter(|w| !s[w.len()..].starts_with('性'))
            {
                s = s[w.len()..].to_string();
            }
            if let Some(w) = self.rules.filler.first_prefix(&s) {
                // 将/要 at the start, but not a word that merely starts with one (要求 stays).
                let whole =
                    w.chars().count() > 1 || self.seg.cut(&s).first().is_some_and(|t| t.word == w);
                if whole {
                    s = s[w.len()..].to_string();
                }
            }
            if let Some(w) = self.rules.strength_words.first_prefix(&s) {
                s = s[w.len()..].to_string();
            }
            if s.len() == before {
                break;
            }
        }
        s
    }

    /// Time expressions found inside a short string (relative byte ranges).
    fn times_in(&self, s: &str) -> Vec<(usize, usize)> {
        // Years, and the scope prefixes 到/至/力争, directly at the start.
        let mut out = Vec::new();
        let re_like = |s: &str| -> Option<usize> {
            let t = s.trim_start_matches(['到', '至', '于', '在']);
            let pre = s.len() - t.len();
            let t2 = t.trim_start();
            let sp = t.len() - t2.len();
            let digits: usize = t2
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, 'x' | 'X' | '_'))
                .map(|c| c.len_utf8())
                .sum();
            if digits < 2 {
                return None;
            }
            let rest = t2[digits..].trim_start();
            let sp2 = t2[digits..].len() - rest.len();
            let rest2 = rest.strip_prefix('年')?;
            let mut n = pre + sp + digits + sp2 + '年'.len_utf8();
            for suf in [
                "年底前",
                "年底",
                "底前",
                "底",
                "年末",
                "末",
                "上半年",
                "下半年",
                "前",
            ] {
                if rest2.starts_with(suf) {
                    n += suf.len();
                    break;
                }
            }
            // 到2025年6月, 2025年6月30日前, 2025年6月底: the month and day go with the year.
            if n == pre + sp + digits + sp2 + '年'.len_utf8() {
                let m = rest2.bytes().take_while(u8::is_ascii_digit).count();
                if (1..=2).contains(&m) && rest2[m..].starts_with('月') {
                    let mut k = m + '月'.len_utf8();
                    let d = rest2[k..].bytes().take_while(u8::is_ascii_digit).count();
                    if (1..=2).contains(&d) && rest2[k + d..].starts_with(['日', '号']) {
                        k += d + '日'.len_utf8();
                    }
                    for suf in ["底前", "底", "末", "上旬", "中旬", "下旬", "前"] {
                        if rest2[k..].starts_with(suf) {
                            k += suf.len();
                            break;
                        }
                    }
                    n += k;
                }
            }
            Some(n)
        };
        if let Some(n) = re_like(s) {
            out.push((0, n));
        }
        out
    }

    /// The indicator of a group: (byte offset where its text starts, the indicator, rule).
    fn indicator(
        &self,
        sent: Span,
        floor: usize,
        g: &Group,
        prev: Option<&str>,
        chain: &mut Option<String>,
    ) -> (usize, Option<String>, &'static str) {
        let text = self.text;
        let first = &g.mentions[0];
        let last = g.mentions.last().expect("group");
        let raw = &text[floor..g.left_end];
        // 各社区卫生服务站、27家一级医院: the words before a list separator are a sibling, not
        // the indicator.
        let cleaned = if raw.trim_end().ends_with(['、', '与', '和', '及']) {
            String::new()
        } else {
            self.clean_indicator(raw)
        };
        // 发明专利拥有量达到每万人20件: the population the rate is per opens the name.
        let between = text[g.left_end..first.start].trim_end();
        let per = per_population_at(between)
            .map(|at| between[at..].to_string())
            .filter(|p| {
                !cleaned.starts_with('每') && !cleaned.is_empty() && p.len() > '每'.len_utf8()
            });
        let cleaned = match per {
            Some(p) => format!("{p}{cleaned}"),
            None => cleaned,
        };
        let unit = first.unit.as_deref().unwrap_or("");
        let ratio_unit = matches!(unit, "%" | "‰" | "‱") || unit.starts_with('/');
        let start_of = |s: &str| -> usize {
            match raw.rfind(s) {
                Some(p) if !s.is_empty() => floor + p,
                _ => floor,
            }
        };
        // The words after the value: the object of a count (启动10个临床重点专科建设) or the
        // noun of a share (80%的乡(镇)卫生院,建成…).
        let after_end = self
            .comparator_after(&text[last.end..sent.end])
            .map(|(l, _)| last.end + l)
            .unwrap_or(last.end);
        let right_end = clause_end(text, after_end, self.tail_end(sent, after_end));
        let right = text[after_end..right_end].trim();
        let verb_at = |p: &str| -> Option<usize> {
            self.rules
                .verbs
                .iter()
                .map(String::as_str)
                .chain(self.rules.predicates.iter().map(String::as_str))
                .filter_map(|v| p.find(v))
                .min()
        };
        // Money and measures name an amount, not a count (补贴金额, not 补贴金额数); so does a span
        // of time (具有5年以上相关工作经验 → 相关工作经验, not …经验数).
        let amount = matches!(
            self.rules.unit_kind(first),
            Some("money" | "measure" | "points")
        ) || unit == "倍";
        let count_suffix = if amount || self.rules.is_duration(unit) {
            ""
        } else {
            self.rules.count_suffix(unit)
        };
        // 高新技术企业突破1.46万家，是2015年的3.75倍; 总产值将等于一九四九年的四点二倍: a multiple
        // of a base after a copula (lexicon multiple_copula) names the quantity before the copula,
        // else the previous clause's, as a multiple of that base.
        // (The base may be a year, which the name's raw words leave out.)
        let with_base = &text[floor.min(first.start)..first.start];
        if let Some(r) = with_base
            .trim_end()
            .strip_suffix('的')
            .filter(|_| unit == "倍")
        {
            let found = self
                .rules
                .multiple_copulas
                .iter()
                .filter_map(|c| r.rfind(c.as_str()).map(|i| (i, c.len())))
                .max_by_key(|&(i, l)| (i, l));
            if let Some((i, l)) = found {
                let base = r[i + l..].trim();
                let own = self.clean_indicator(&r[..i]);
                let subject = if own.chars().count() >= 2 {
                    Some(own.as_str())
                } else {
                    prev
                };
                if let Some(subject) = subject.filter(|_| !base.is_empty()) {
                    return (
                        floor.min(first.start),
                        Some(format!("{subject}相当于{base}的倍数")),
                        "multiple-of-base",
                    );
                }
            }
        }
        // 测试主体应在24小时内上报, 测试结束后1个月内提交测试总结报告: a time limit is named by the
        // act after it and who must act (the words before the modal of lexicon limit_lead; none
        // when they only say from when: …后, …起): 测试主体上报时限, 提交测试总结报告时限.
        // (…之日起20个工作日内，向社会公布: the act may open the next clause; 将事故情况上报:
        // a filler before it goes.)
        let act = if !self.rules.is_duration(unit) {
            ""
        } else if right.is_empty() && text[right_end..].starts_with(',') {
            let from = right_end + 1;
            text[from..clause_end(text, from, self.tail_end(sent, from))].trim()
        } else {
            right
        };
        // 向社会公布执法机关、执法对象…等信息, 将事故情况上报省、市级政府相关主管部门: a long act
        // whose object or goal comes first (lexicon act_preposition: 将, 向) ends at its verb;
        // any other long act keeps its words whole (and names nothing).
        let act = match self.rules.act_prepositions.first_prefix(act) {
            Some(p) if act.chars().count() > 12 => {
                let after = &act[p.len()..];
                match self.seg.first_verb_end(after) {
                    Some(e)
                        if self.seg.cut(after)[0].end < e
                            && !after[..e].contains(|c: char| c.is_ascii_digit()) =>
                    {
                        self.clean_front(&act[..p.len() + e])
                    }
                    _ => self.clean_front(act),
                }
            }
            _ => self.clean_front(act),
        };
        if self.rules.is_duration(unit)
            && (text[first.start..last.end].ends_with('内')
                || self
                    .comparator_after(&text[last.end..sent.end])
                    .is_some_and(|(_, c)| c == Comparator::Le))
            && (2..=12).contains(&act.chars().count())
            && !act.starts_with(['的', '、', '(', '之', '为'])
            // Another limit or an amount after it (或者终止妊娠后六个月内, 以新台币十万元为限) is
            // no act.
            && !act.contains(|c: char| c.is_ascii_digit() || matches!(c, '内' | '限' | '元'))
        {
            let modal = self
                .rules
                .limit_leads
                .words()
                .iter()
                .filter_map(|w| raw.find(w.as_str()))
                .min();
            let subject = match modal {
                Some(p) => self.clean_indicator(&raw[..p]),
                None if cleaned.ends_with(['后', '起']) => String::new(),
                None => cleaned.clone(),
            };
            if modal.is_some() || subject.is_empty() {
                *chain = None;
                return (
                    start_of(&cleaned),
                    Some(format!("{subject}{act}时限")),
                    "time-limit-act",
                );
            }
        }
        // 不低于编制总额的70%: a share of a total. (特定行业工业互联网平台，按不超过平台建设总投入
        // 的30%: with no words of its own, the share is of the noun that ends the clause before.)
        // (A name that says of what it is a share, 经济建设费占整个财政支出的比重, keeps its
        // words; one that only says it is a share, 奖励性绩效占比, gives its measure to the total's.)
        let share_of = cleaned
            .strip_suffix("占比")
            .unwrap_or(&cleaned)
            .contains('占');
        if let Some(total) = g.of_total.as_deref().filter(|_| ratio_unit && !share_of) {
            let measure = ["占比", "比重", "比例"]
                .iter()
                .find_map(|w| cleaned.strip_suffix(w))
                .map(|stem| stem.trim_end_matches('的').to_string());
            let whose = if let Some(stem) = measure.filter(|s| !s.is_empty()) {
                stem
            } else if cleaned.is_empty() && floor > sent.start {
                let (from, delim) = self.clause_before(sent, floor);
                self.tail_noun(&text[from..delim]).unwrap_or_default()
            } else {
                cleaned.clone()
            };
            *chain = None;
            return (
                start_of(&cleaned),
                Some(format!("{whose}占{total}比例")),
                "share-of-total",
            );
        }
        // 至少设立1个安宁疗护病区, 每年至少选派6名人员到区疾控中心轮岗学习: the verb between the
        // comparator and the value takes the object after the value.
        if let Some(v) = g.verb.as_deref().filter(|_| !ratio_unit) {
            if let Some((obj, pred)) = object_after(right, self.rules) {
                let (subject, v) = self.count_act(subject_prefix(&cleaned), v);
                let v = if matches!(v, "实现" | "完成") {
                    ""
                } else {
                    v
                };
                let ind = match pred {
                    Some(p) => format!("{subject}{v}{p}的{obj}{count_suffix}"),
                    None => format!("{subject}{v}{obj}{count_suffix}"),
                };
                *chain = None;
                return (
                    start_of(&cleaned).min(g.left_end),
                    Some(ind),
                    "count-object",
                );
            }
        }
        let share = right
            .strip_prefix('的')
            .filter(|noun| self.rules.not_share_of.prefix_of(noun).is_none())
            .filter(|_| !self.rules.ends_with_head(&cleaned));
        // 给予最高200万元的一次性奖励: 的 after an amount names the amount; the recipient of the
        // award (对新认定的…基地, …的项目,) says whose it is.
        // (年销售收入不超过2000万元的企业: a bounded quantity named before its bound, a name with
        // a head of lexicon head or amount_head, is what the amount measures; the noun after 的
        // is the class that must meet it. 可申请最高不超过15万元的创业担保贷款: words that name
        // no quantity leave the name to the noun.)
        let named_before = g.before.is_some()
            && (self.rules.ends_with_head(&cleaned)
                || self.rules.amount_heads.suffix_of(&cleaned).is_some());
        if let Some(noun) = share.filter(|_| amount) {
            // 营业收入500万元以上的企业, 不到100万元的部分: an amount with a comparator before 的
            // is the threshold of a class, no target — unless it is what an award gives
            // (给予最高200万元的资金支持) or what a rule requires (应有5000元以上的活动资金).
            let clause = &text[g.floor..first.start];
            let threshold =
                g.before.is_some() || self.comparator_after(&text[last.end..sent.end]).is_some();
            // An award anywhere in the sentence makes the threshold a condition of it (对营业收入
            // 50亿元以上的企业，给予…): an eligibility rule, which counts.
            // (每车不低于500万元的保险凭证: the comparator word of a rule, lexicon rule_bound,
            // right before the amount sets what the noun must reach.)
            let rule = self
                .rules
                .rule_led(&text[g.floor.max(sent.start)..first.start]);
            if threshold
                && !rule
                && !self.rules.award_verbs.any_in(&text[sent.start..sent.end])
                && !self.rules.requirement_words.any_in(clause)
            {
                return (floor, None, "");
            }
            // (…保险凭证或不少于五百万元的…保函: an alternative ends the noun too.)
            let noun_end = noun
                .find(['和', '与', '及', '或', '、', '(', ','])
                .unwrap_or(noun.len());
            let name = noun[..noun_end].trim();
            if !named_before && (2..=16).contains(&name.chars().count()) {
                *chain = None;
                let ind = match self.recipient(sent, g.floor.min(first.start)) {
                    Some(r) => format!("{r}{name}"),
                    None => name.to_string(),
                };
                return (floor.min(first.start), Some(ind), "amount-name");
            }
        }
        if let Some(noun) = share.filter(|_| !amount) {
            // A share of a population of units.
            let noun_end = noun
                .find(['和', '与', '及', '、'])
                .or_else(|| verb_at(noun))
                .unwrap_or(noun.len());
            let n = &noun[..noun_end];
            let mut pred = noun[noun_end..]
                .trim_start_matches(['和', '与', '及', '、'])
                .to_string();
            if pred.is_empty() || verb_at(&pred) != Some(0) {
                // The predicate may follow the next comma (…卫生院,建成标准化公共卫生科) or the
                // last share of the list (100%的乡(镇)卫生院和80%的村卫生室提供中医药服务).
                let tail_start = if noun_end == noun.len() {
                    right_end
                } else {
                    after_end
                };
                let next = text[tail_start..sent.end]
                    .chars()
                    .next()
                    .map(|c| tail_start + c.len_utf8())
                    .unwrap_or(sent.end);
                let rest_end = clause_end(text, next, self.tail_end(sent, next));
                let rest = &text[tail_start..rest_end];
                let rest = rest.trim_start_matches(',');
                let p = rest.rsplit('的').next().unwrap_or(rest);
                pred = verb_at(p).map(|vp| p[vp..].to_string()).unwrap_or_default();
            }
            if !n.is_empty() {
                // 80%的乡镇卫生院 is a share of them; 50个以上的成员 counts them.
                let head = if ratio_unit {
                    "比例"
                } else if self.rules.is_duration(unit) {
                    // 给予最长五年的房租补贴: how long it lasts.
                    "期限"
                } else if self.rules.ends_with_head(n) {
                    ""
                } else {
                    count_suffix
                };
                let ind = if pred.is_empty() {
                    format!("{n}{head}")
                } else {
                    format!("{pred}的{n}{head}")
                };
                return (
                    start_of(&cleaned).min(first.start),
                    Some(ind),
                    if ratio_unit {
                        "share-of-units"
                    } else {
                        "count-of-units"
                    },
                );
            }
        }
        // (A short name of the taxonomy, 钢 or 原煤 in a list of outputs, is a name; so is
        // a noun that the comparator word of a rule bounds, lexicon rule_bound: 任期一般不超过
        // 两届, 年龄不超过70周岁.)
        if cleaned.is_empty()
            || (!self.rules.ends_with_head(&cleaned)
                && cleaned.chars().count() <= 2
                && !g.changed
                && self.rules.indicator_id(&cleaned).is_none()
                && !(self
                    .rules
                    .bound_by_rule(&text[floor.max(sent.start)..first.start])
                    && self.seg.is_noun(&cleaned))
                // (继续建设的103个，在本年内可以完工的11个: words before 的 and a count with no
                // object after it say what it counts, whatever the clause before says.)
                && !(raw.trim_end().ends_with('的') && object_after(right, self.rules).is_none()))
        {
            // A verb alone before the value: the object (and what it must do) follows it.
            if let Some((obj, pred)) = object_after(right, self.rules) {
                // 对…省、市级制造业创新中心，分别给予200万元、50万元奖励: an amount an award
                // verb gives is named by its recipient and the award.
                let award = amount
                    && pred.is_none()
                    && (self.rules.award_verbs.any_in(&cleaned)
                        || self.rules.award_verbs.any_in(&obj));
                if let Some(r) = award
                    .then(|| self.recipient(sent, g.floor.min(first.start)))
                    .flatten()
                {
                    *chain = None;
                    return (
                        floor.min(first.start),
                        Some(format!("{r}{obj}")),
                        "award-recipient",
                    );
                }
                // 在10个以上领域实现实时汇聚, 在不少于3种…产品中实现完整的训练与验证: a count
                // after 在 counts the places the act after them happens in (实现实时汇聚的领域数).
                if cleaned.is_empty()
                    && raw.trim_end().ends_with('在')
                    && self.rules.unit_kind(first) == Some("count")
                {
                    if let Some((place, act)) = self.place_and_act(right) {
                        return (
                            floor.min(first.start),
                            Some(format!("{act}的{place}{count_suffix}")),
                            "count-place",
                        );
                    }
                }
                if !ratio_unit {
                    let suffix = count_suffix;
                    let ind = match pred {
                        Some(p) => format!("{cleaned}{p}的{obj}{suffix}"),
                        None => format!("{cleaned}{obj}{suffix}"),
                    };
                    return (start_of(&cleaned), Some(ind), "count-object");
                }
            }
            // Nothing after: look at the clause before (…筛查,完成5500人以上).
            let (prev_floor, delim) = self.clause_before(sent, floor);
            if floor > sent.start && prev_floor < delim {
                let prev_clause = &text[prev_floor..delim];
                // 城镇化率达到66%,提高5个百分点: a clause before that states a value of its own
                // names what the change is of, the name of that value.
                if let Some((at, p)) = prev
                    .filter(|_| !cleaned.is_empty() && self.rules.change_at(&cleaned).is_some())
                    .and_then(|p| prev_clause.find(p).map(|at| (at, p)))
                {
                    return (
                        prev_floor + at,
                        Some(format!("{p}{cleaned}")),
                        "count-previous-clause",
                    );
                }
                // 实施重大项目3600个左右、完成投资1万亿元: a clause before that holds a value
                // names its noun by that value's name (重大项目数 → 重大项目投资), not by its
                // words after the verb (重大项目3600个左右).
                // A change's name gives its quantity (信息技术产业营收年均增长10%以上，…突破2.2
                // 万亿元 → 信息技术产业营收).
                // Only when the value's clause says what it is of the quantity (完成投资, 增产),
                // a comparator says it is a level of it (突破3万亿元、达3.6万亿元) or the value
                // before is a change of it: a bare value after a count is no value of that count
                // (改造城镇老旧小区16.7万个，惠及2900多万家庭; 城镇新增就业6600万人，13亿多人口).
                let counted = prev
                    .filter(|_| prev_clause.contains(|c: char| c.is_ascii_digit()))
                    .map(|p| p.strip_suffix("人数").or(p.strip_suffix('数')).unwrap_or(p))
                    .filter(|p| {
                        !cleaned.is_empty() || g.before.is_some() || self.before_change(p) != *p
                    })
                    .map(|p| self.before_change(p))
                    .filter(|p| p.chars().count() >= 2 && prev_clause.contains(p));
                let tail = match counted {
                    Some(p) => Some(p.to_string()),
                    None => self.tail_noun(prev_clause),
                };
                if let Some(ind) = tail {
                    let suffix = if ratio_unit {
                        if self.rules.ends_with_head(&ind) {
                            ""
                        } else {
                            "率"
                        }
                    } else if self.rules.is_duration(unit) {
                        // 立即向国务院上报有关情况(最迟不超过4个小时): the time the act may take
                        // (a name that ends with a time already, 收托时间, takes nothing).
                        let timed = ["时间", "期间", "期限", "时长", "时限"]
                            .iter()
                            .any(|w| ind.ends_with(w));
                        if timed {
                            ""
                        } else {
                            "时限"
                        }
                    } else {
                        // (An amount, 6280元, names no count.)
                        count_suffix
                    };
                    let start = prev_floor + prev_clause.rfind(ind.as_str()).unwrap_or(0);
                    let combined = if cleaned.is_empty() || ind.ends_with(cleaned.as_str()) {
                        format!("{ind}{suffix}")
                    } else {
                        format!("{ind}{cleaned}")
                    };
                    return (start, Some(combined), "count-previous-clause");
                }
            }
            if cleaned.is_empty() {
                return (floor, None, "");
            }
        }
        // 按城区每3万人口配置1辆救护车: the phrase ends with a count verb and the object follows
        // the value.
        if !ratio_unit && !self.rules.ends_with_head(&cleaned) {
            if let Some(v) = self.rules.verbs.first_suffix(&cleaned) {
                if let Some((obj, pred)) = object_after(right, self.rules) {
                    let head =
                        subject_prefix(cleaned[..cleaned.len() - v.len()].trim_start_matches('按'));
                    // 同时提出建设300个数字工厂: a verb of saying or commitment before the count's
                    // verb ends what names the count; nothing is left of a subject but the object.
                    let said = self
                        .seg
                        .cut(head)
                        .iter()
                        .rev()
                        .find(|t| self.rules.indicator_verbs.iter().any(|w| w == t.word))
                        .map(|t| t.end);
                    if said.is_some_and(|e| head[e..].trim().is_empty()) {
                        return (
                            start_of(&cleaned),
                            Some(format!("{obj}{count_suffix}")),
                            "count-verb-object",
                        );
                    }
                    let (head, v) = self.count_act(head, v);
                    if !head.is_empty() {
                        let ind = match pred {
                            Some(p) => format!("{head}{v}{p}的{obj}{count_suffix}"),
                            // A per-capita base names the ratio (城区每3万人口救护车配置数);
                            // otherwise the verb leads (每年开展健康知识讲座次数).
                            None if per_capita_items(&format!("{head}、{head}")).is_some() => {
                                format!("{head}{obj}{v}{count_suffix}")
                            }
                            None => format!("{head}{v}{obj}{count_suffix}"),
                        };
                        return (start_of(&cleaned), Some(ind), "count-verb-object");
                    }
                }
            }
        }
        let mut ind = cleaned.clone();
        let mut rule = "indicator-before-value";
        if !self.rules.ends_with_head(&ind) {
            if ratio_unit {
                // 生产效率提高20%: the extent of a change (增长5% stays a 增长率); 增长幅度不高于
                // 8% names its measure already.
                if self.rules.ratio_measures.first_suffix(&ind).is_none() {
                    if self.rules.change_extent.first_suffix(&ind).is_some() {
                        ind.push_str("幅度");
                    } else {
                        ind.push('率');
                    }
                }
            } else if self.rules.is_duration(unit) {
                // A time limit (数据存储时间不少于3年): the words before it name it.
            } else if !unit.is_empty() {
                // 累计建设乡(镇)卫生院16个特色科室: the noun after the count is what is counted.
                if let Some((obj, None)) = object_after(right, self.rules) {
                    ind.push_str(&obj);
                }
                // 城镇新增就业人口970万人: a noun that names a count takes no suffix.
                if self.rules.count_heads.suffix_of(&ind).is_none() {
                    ind.push_str(count_suffix);
                }
                rule = "count-before-value";
            }
        }
        // Named subjects before an indicator that is not distributed over them are scope
        // (区人民医院、区中医医院省级临床重点专科建成数量达到1个).
        if !g.distributive {
            ind = strip_subjects(&ind, &self.rules.names);
        }
        // A generic indicator (录入率, 满意度) takes the qualifier of the one before it.
        // 外贸进出口总额增长5%，其中出口增长6%: a part of the whole before that opens with a word
        // of the whole's name names itself (其中前两年100% does not).
        let part = prev.is_some_and(|p| {
            self.rules
                .part_leads
                .prefix_of(raw.trim_start_matches([',', '，', '、', ' ']))
                .is_some()
                && self
                    .seg
                    .cut(&ind)
                    .first()
                    .is_some_and(|t| t.word.chars().count() >= 2 && p.contains(t.word))
        });
        if part {
            *chain = None;
        } else if let Some(p) = prev {
            let one_value =
                g.mentions.len() == 1 && !g.distributive && !in_value_list(text, g.end, g.end);
            match self.qualified(&ind, p, chain.as_deref(), one_value) {
                Some((q, qualifier)) => {
                    ind = q;
                    rule = "indicator-qualified";
                    *chain = Some(qualifier);
                }
                None => *chain = None,
            }
        } else if floor > sent.start {
            if let Some((start, merged)) = self.continued(sent, floor, &ind) {
                return (start, Some(merged), "indicator-continued");
            }
        }
        // 部区共建内蒙古牛羊肉交易中心，力争交易额达到100亿元: a measure that names nothing
        // without its owner is the measure of what the clause before built.
        let plain_rule = matches!(rule, "indicator-before-value" | "count-before-value");
        if plain_rule && floor > sent.start && self.owned_measure(&ind) {
            if let Some(owner) = self.built_before(sent, floor) {
                return (
                    start_of(&cleaned),
                    Some(format!("{owner}{ind}")),
                    "indicator-owner",
                );
            }
        }
        (start_of(&cleaned), Some(ind), rule)
    }

    /// Whether a name is only a measure that needs its owner (lexicon owned_measure: 交易额,
    /// 营业收入, 投资), after a word of its period (lexicon per_period, 年度, 年) and verbs
    /// (年度完成投资, 接入能力; 交通投资 is its own): no lexicon indicator.
    fn owned_measure(&self, ind: &str) -> bool {
        let Some(m) = self.rules.owned_measures.first_suffix(ind) else {
            return false;
        };
        let lead = &ind[..ind.len() - m.len()];
        let lead = self
            .rules
            .per_period
            .first_prefix(lead)
            .map_or(lead, |p| &lead[p.len()..]);
        let lead = ["年度", "年"]
            .iter()
            .find_map(|p| lead.strip_prefix(p))
            .unwrap_or(lead);
        self.rules.indicator_id(ind).is_none() && (lead.is_empty() || self.seg.only_verbs(lead))
    }

    /// The clause before the one that opens at byte `floor` of the sentence: (its start, the
    /// byte of the delimiter that ends it).
    fn clause_before(&self, sent: Span, floor: usize) -> (usize, usize) {
        let delim = prev_char_start(self.text, floor).max(sent.start);
        (
            clause_start(self.text, delim, self.head(sent, delim).0),
            delim,
        )
    }

    /// The object of the clause before byte `floor` in the sentence when its first verb builds
    /// or carries out something (a task_verb, clause_verb, light_verb or creation_verb: 建设省级
    /// 公共互连接入区, 实施1000个以上省重点项目 → 省重点项目): none when the object, past a
    /// quantity, holds anything but Chinese words (a number, a comma) or is not of two to
    /// sixteen chars.
    fn built_before(&self, sent: Span, floor: usize) -> Option<String> {
        let text = self.text;
        let (prev_floor, delim) = self.clause_before(sent, floor);
        if !text[delim..floor].starts_with([',', ';']) {
            return None;
        }
        let clause = text[prev_floor..delim].trim();
        let toks = self.seg.cut(clause);
        let verb = toks.iter().position(|t| {
            self.rules.act_verbs.contains(t.word)
                || self
                    .rules
                    .creation_verbs
                    .words()
                    .iter()
                    .any(|v| v == t.word)
        })?;
        let object = clause[toks[verb].end..].trim();
        // 1000个以上省重点项目: a quantity before the object goes.
        let object = self.after_quantity(object).unwrap_or(object);
        let n = object.chars().count();
        let plain = object
            .chars()
            .all(|c| crate::normalize::is_han(c) || c == '“' || c == '”');
        ((2..=16).contains(&n) && plain).then(|| object.to_string())
    }

    /// The text after a quantity that opens `s` (a number, 多 or 余, one measure word, 以上 or
    /// 左右: 1000个以上省重点项目 → 省重点项目); None when no number opens it.
    fn after_quantity<'s>(&self, s: &'s str) -> Option<&'s str> {
        let digits = s
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || number::is_chinese_numeral_char(c)))
            .map_or(s.len(), |(i, _)| i);
        if digits == 0 {
            return None;
        }
        let rest = s[digits..].trim_start_matches(['多', '余']);
        let rest = rest.chars().next().map_or(rest, |c| &rest[c.len_utf8()..]);
        let rest = ["以上", "左右", "的"]
            .iter()
            .fold(rest, |r, w| r.strip_prefix(w).unwrap_or(r));
        Some(rest)
    }

    /// A generic indicator that continues the clause before it: 视力检查,检查覆盖率达90% →
    /// …视力检查覆盖率; 筛查工作,筛查率力争达到100% → …筛查率; 用心推进新生儿听力筛查,年度筛查率达
    /// 80% → 新生儿听力筛查率; 出生缺陷预防知识,通过宣传教育知晓率达90% → …知识知晓率.
    fn continued(&self, sent: Span, floor: usize, ind: &str) -> Option<(usize, String)> {
        let text = self.text;
        // Drop a means (通过宣传教育) and an 年度 qualifier before the head.
        let mut core = ind;
        if core.starts_with("通过") {
            let h = self
                .rules
                .heads
                .iter()
                .filter(|h| h.chars().count() >= 2)
                .find(|h| core.ends_with(h.as_str()))?;
            core = &core[core.len() - h.len()..];
        }
        core = core.strip_prefix("年度").unwrap_or(core);
        if core.chars().count() > 5 {
            return None;
        }
        let (prev_floor, delim) = self.clause_before(sent, floor);
        let prev_clause = text[prev_floor..delim].trim_end();
        if prev_clause.chars().count() < 2 {
            return None;
        }
        let noun = self.tail_noun(prev_clause)?;
        let toks = self.seg.cut(core);
        let first = toks.first()?.word;
        let merged = if first.chars().count() >= 2 && noun.ends_with(first) {
            // 检查 + 检查覆盖率: the shared word is written once.
            format!("{noun}{}", &core[first.len()..])
        } else if self.rules.heads.iter().any(|h| h == core) {
            // 知识 + 知晓率; 听力筛查 + 筛查率 (one token) writes the shared 筛查 once.
            let shared = core
                .char_indices()
                .skip(2)
                .map(|(i, _)| i)
                .filter(|&i| noun.ends_with(&core[..i]))
                .last()
                .unwrap_or(0);
            format!("{noun}{}", &core[shared..])
        } else {
            return None;
        };
        let start = prev_floor + prev_clause.rfind(noun.as_str()).unwrap_or(0);
        Some((start, merged))
    }

    /// The recipient of an award or subsidy in the sentence before byte `at`: the words after a
    /// clause-opening 对 up to its comma (对园区内新认定的国家级、省级国际科技合作基地，…给予),
    /// else a clause that ends in 的 and a noun right before the value's clause (入选…“十佳场景
    /// 示范”的项目，给予…). Scope words and a leading 新认定的-style 的 phrase stay: they say which
    /// recipients.
    fn recipient(&self, sent: Span, at: usize) -> Option<String> {
        let text = self.text;
        let before = &text[sent.start..at];
        let clause_at = before.rfind([',', ';', ':']).map(|i| i + 1)?;
        let head = &before[..clause_at - 1];
        let open = head.rfind([',', ';', ':', '。']).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        // 第十条 对…: an item's number is no part of the clause.
        let mut clause = head[open..].trim();
        while let e @ 1.. = enumerator_len(clause) {
            clause = clause[e..].trim();
        }
        let who = if let Some(rest) = clause.strip_prefix('对') {
            rest
        } else {
            // …的项目 / …的企业: the clause names its subject after its last 的.
            let (_, noun) = clause.rsplit_once('的')?;
            if !(1..=6).contains(&noun.chars().count()) {
                return None;
            }
            clause
        };
        let who = self.clean_front(who.trim_end_matches('的'));
        // 对园区内企业独立法人获准建设的省、市级制造业创新中心: the recipient 对 names is the noun
        // after its last 的; one that ends in 的 names no noun, and a bare head of two characters
        // (对首次进入全国电子信息百强的企业) needs its clause, so both stay whole.
        let who = match who.rsplit_once('的') {
            Some((_, noun)) if clause.starts_with('对') && noun.chars().count() >= 3 => {
                noun.to_string()
            }
            _ => who,
        };
        let n = who.chars().count();
        // (A bracket or quote left open is a cut in the middle of a name.)
        let quotes = who.matches(['“', '”', '"']).count();
        let balanced = quotes % 2 == 0 && who.matches('(').count() == who.matches(')').count();
        ((2..=40).contains(&n) && balanced).then_some(who)
    }

    /// The noun phrase at the end of a clause, after its last verb (…免费开展一次宫颈癌、乳腺癌
    /// 筛查 → 宫颈癌、乳腺癌筛查).
    fn tail_noun(&self, clause: &str) -> Option<String> {
        let toks = self.seg.cut(clause);
        let mut start = 0;
        let end = clause.trim_end().len();
        for t in &toks {
            // A verb that ends the clause is the head of the noun phrase (视力检查).
            if t.end < end
                && (self.rules.tail_verbs.iter().any(|v| v == t.word)
                    || self.rules.verbs.iter().any(|v| v == t.word))
            {
                start = t.end;
            }
        }
        let mut s = clause[start..].trim().to_string();
        // drop a leading quantity (一次) and trailing 工作
        let lead: String = s
            .chars()
            .take_while(|c| "一二两三四五六七八九十".contains(*c))
            .collect();
        if !lead.is_empty() {
            let rest = &s[lead.len()..];
            if let Some(r) = rest
                .strip_prefix('次')
                .or(rest.strip_prefix('项'))
                .or(rest.strip_prefix('个'))
            {
                s = r.to_string();
            }
        }
        for suf in ["工作", "服务"] {
            if let Some(x) = s.strip_suffix(suf) {
                s = x.to_string();
            }
        }
        let s = self.clean_indicator(&s);
        (s.chars().count() >= 2 && s.chars().count() <= 24).then_some(s)
    }

    /// The qualifier of an indicator: its words before the head (家庭医生签约服务覆盖率 →
    /// 家庭医生签约服务).
    fn qualifier_of(&self, ind: &str) -> Option<String> {
        if let Some(h) = self
            .rules
            .heads
            .iter()
            .find(|h| ind.ends_with(h.as_str()) && h.chars().count() >= 2)
        {
            let q = &ind[..ind.len() - h.len()];
            return (!q.is_empty()).then(|| q.to_string());
        }
        let toks = self.seg.cut_name(ind);
        if toks.len() < 2 {
            return None;
        }
        let q = &ind[..toks.last()?.start];
        (!q.is_empty()).then(|| q.to_string())
    }

    /// The group of people (lexicon `population`) a rate before shares with `ind`: the words of
    /// `prev` up to the end of its first population word, when both end with the same head of
    /// two chars or more and `ind` names no group of its own (新生儿遗传代谢性疾病筛查率 … 听力
    /// 筛查率 → 新生儿).
    fn population_of(&self, ind: &str, prev: &str) -> Option<String> {
        let shared: usize = ind
            .chars()
            .rev()
            .zip(prev.chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let head = &ind[ind.len() - shared..];
        if head.chars().count() < 2 || !head.ends_with('率') || shared == ind.len() {
            return None;
        }
        if self.rules.populations.any_in(ind) {
            return None;
        }
        let (_, end) = self.rules.first_population(prev)?;
        (end + head.len() <= prev.len()).then(|| prev[..end].to_string())
    }

    /// A place and the act that happens in it, from the words of its clause after a count led
    /// by 在 (领域实现实时汇聚 → 领域, 实现实时汇聚; 产品中实现完整的训练与验证 → 产品, 实现完整
    /// 训练与验证): the noun before the first verb, without a 中, 内, 上 or 下 of place, and the
    /// act from the verb on, without its 的 and 了.
    fn place_and_act(&self, right: &str) -> Option<(String, String)> {
        let right = &right[..right.find(CLAUSE_BREAKS).unwrap_or(right.len())];
        let (v, _) = self.seg.first_verb(right).filter(|&(v, _)| v > 0)?;
        let place = right[..v].trim_end_matches(['中', '内', '上', '下']);
        let act: String = right[v..]
            .chars()
            .filter(|&c| !matches!(c, '的' | '了'))
            .collect();
        // (Not a place cut inside a quote or a list, 医疗机构设置“免…, nor an act with a value
        // of its own, …增补义务教育学位2万个.)
        let plain = |s: &str| s.chars().all(crate::normalize::is_han);
        ((1..=10).contains(&place.chars().count())
            && (2..=12).contains(&act.chars().count())
            && plain(place)
            && !place.contains(['和', '与', '及'])
            && plain(&act))
        .then(|| (place.to_string(), act))
    }

    /// Whether a name is a head alone, or after a `head_modifier` (增长, 占比, 实际增长).
    fn is_bare_head(&self, ind: &str) -> bool {
        let rest = self
            .rules
            .head_modifiers
            .iter()
            .find_map(|m| ind.strip_prefix(m.as_str()))
            .unwrap_or(ind);
        self.rules.heads.words().iter().any(|h| h == rest)
    }

    /// A generic indicator after a full one in the same sentence takes the full one's qualifier:
    /// 录入率 after 计划怀孕夫妇受检率 → 计划怀孕夫妇录入率; 满意度 in a chain qualified by
    /// 家庭医生签约服务 → 家庭医生签约服务满意度. Returns (indicator, qualifier used);
    /// `one_value`: the group has one value and no 分别/均.
    fn qualified(
        &self,
        ind: &str,
        prev: &str,
        chain: Option<&str>,
        one_value: bool,
    ) -> Option<(String, String)> {
        // An empty chain: the one before was a bare head named by a lexicon name (below).
        if self.rules.indicator_id(ind).is_some() || ind == prev || chain == Some("") {
            return None;
        }
        // A lexicon name (新能源装机): a bare head after it (占比, 增长, 实际增长) is its own
        // (新能源装机占比), unless the name ends with a head already (新增上市公司数 … 总量) or
        // the head has several values (…纯收入4761元，实际增长8.4%和8%: the first is another's).
        // The next item is qualified by neither: its chain is empty.
        if chain.is_none()
            && one_value
            && self.rules.indicator_id(prev).is_some()
            && !self.rules.ends_with_head(prev)
            && self.is_bare_head(ind)
        {
            return Some((format!("{prev}{ind}"), String::new()));
        }
        // 应届高校毕业生就业率保持95%以上、市场就业率70%以上: a rate with the head of the one
        // before it (two chars or more: 就业率, 筛查率) and no group of people of its own is of the
        // group that one opens with (lexicon population: 应届高校毕业生市场就业率).
        if let Some(q) = self.population_of(ind, prev) {
            return Some((format!("{q}{ind}"), q));
        }
        // A variant (签约服务覆盖率) qualifies through its canonical name (家庭医生签约服务覆盖率).
        let full = self.rules.canonical(prev).unwrap_or(prev);
        let q = chain
            .map(String::from)
            .or_else(|| self.qualifier_of(full))?;
        if ind.starts_with(q.as_str()) {
            return None;
        }
        // 新增境内上市公司62家，总数186家: a total (总数, 总量) is of the thing, not of the
        // addition.
        let q = match self.rules.addition_verbs.first_prefix(&q) {
            Some(v) if ind.starts_with('总') && q.len() > v.len() => q[v.len()..].to_string(),
            _ => q,
        };
        let joined = format!("{q}{ind}");
        if self.rules.indicator_id(&joined).is_some() {
            return Some((joined, q));
        }
        let toks = self.seg.cut(ind);
        let first = toks.first()?.word;
        // (Not a verb: 新增农村劳动力转移就业人数 after 城镇新增就业人数 is its own.)
        let verb = self.rules.verbs.words().iter().any(|v| v == first);
        if first.chars().count() >= 2 && chain.is_none() && !verb {
            if let Some(p) = prev.find(first) {
                // 智慧服务参评率 … 智慧管理评估率: the qualifier ends where the shared word starts.
                return (p > 0).then(|| (format!("{}{}", &prev[..p], ind), prev[..p].to_string()));
            }
        }
        // Only a short generic name (录入率, 满意度), not a short full one (棉花, 高速公路) nor a
        // count of a noun (棚户区数).
        (ind.chars().count() <= 4
            && self.rules.ends_with_head(ind)
            && !(ind.ends_with('数') && ind.chars().count() > 2))
            .then_some((joined, q))
    }

    /// Clean the words before a value into an indicator: drop enumerators, time expressions,
    /// scope words, fillers and strength markers at the ends; start at a lexicon indicator or
    /// after the last verb of a long phrase (token boundaries from the segmenter).
    /// A name without the baseline of its change (单位GDP能耗比2020年下降 → 单位GDP能耗下降,
    /// 地区生产总值比上年增长 → 地区生产总值增长): a word of lexicon `baseline_status`, or 比 or
    /// 较 before a year (2020年), with 末, 底, 同期 or 水平 after either, right before a verb of change
    /// (an adverb, 实际 or 年均, may come between); the words before it must name something.
    fn without_baseline(&self, s: &str) -> Option<String> {
        let at = s.find(['比', '较', '同'])?;
        for (i, c) in s[at..].char_indices().map(|(i, c)| (at + i, c)) {
            if !matches!(c, '比' | '较' | '同') || s[..i].chars().count() < 2 {
                continue;
            }
            let end = if let Some(w) = self.rules.baseline_status.longest_prefix(&s[i..]) {
                i + self.rules.baseline_status.word(w).len()
            } else if c != '同' {
                let rest = &s[i + c.len_utf8()..];
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits != 4 || !rest[digits..].starts_with('年') {
                    continue;
                }
                i + c.len_utf8() + digits + '年'.len_utf8()
            } else {
                continue;
            };
            let end = ["同期", "水平", "末", "底"]
                .iter()
                .find(|t| s[end..].starts_with(**t))
                .map_or(end, |t| end + t.len());
            if self.rules.change_follows(&s[end..]) {
                return Some(format!("{}{}", &s[..i], &s[end..]));
            }
        }
        None
    }

    pub fn clean_indicator(&self, raw: &str) -> String {
        let mut s = self.clean_front(raw.trim());
        // 提出到2025年济南市数字经济规模占GDP比重: a time of scope inside the phrase ends what
        // leads to the name (a short rest, 到2025年底前的比重, is no name of its own).
        if let Some(e) = super::layout::scope_time_end(&s) {
            if s[e..].chars().count() >= 4 {
                s = self.clean_front(&s[e..]);
            }
        }
        if let Some(t) = self.without_baseline(&s) {
            s = t;
        }
        loop {
            let before = s.len();
            // 粮食综合生产能力2030年, 我国人口到2030年, …人均收入比2020年: a year at the end is
            // the time or the baseline of the value, no part of the name.
            if let Some(cut) = super::layout::before_year(&s, None)
                .filter(|_| !s.ends_with('的'))
                .map(|c| c.trim_end_matches(['到', '至', '于', '在', '比', '较', '由', '从']))
                .filter(|c| c.chars().count() >= 2)
            {
                s.truncate(cut.len());
            }
            s = s.trim_end_matches([' ', '(', ',', '、', ':']).to_string();
            if let Some(w) = self.rules.filler.first_suffix(&s) {
                // 均 at the end, but not a word that merely ends with one (平均 stays).
                let whole =
                    w.chars().count() > 1 || self.seg.cut(&s).last().is_some_and(|t| t.word == w);
                if whole {
                    s.truncate(s.len() - w.len());
                }
            }
            if let Some(w) = self.rules.goal_nouns.first_suffix(&s) {
                if s.len() > w.len() {
                    s.truncate(s.len() - w.len());
                }
            }
            // 工资约增长: an adverb of comparison (lexicon adverb_comparator) before the verb of
            // change that ends the name is the value's comparator, no part of the name.
            if let Some(v) = self
                .rules
                .change_verbs
                .iter()
                .find(|v| s.ends_with(v.as_str()))
            {
                let head = &s[..s.len() - v.len()];
                if let Some(a) = self.rules.adverb_comparator.first_suffix(head) {
                    if self.seg.cut(head).last().is_some_and(|t| t.word == a) {
                        s = format!("{}{v}", &head[..head.len() - a.len()]);
                    }
                }
            }
            for w in &self.rules.indicator_ends {
                if s.ends_with(w.as_str()) && s.chars().count() > 1 {
                    s.truncate(s.len() - w.len());
                }
            }
            if s.len() == before {
                break;
            }
        }
        // Start at a lexicon indicator if the phrase holds one.
        if let Some(name) = self.rules.indicator_words.first_suffix(&s) {
            if s.len() > name.len() {
                let pre = &s[..s.len() - name.len()];
                // keep qualifiers glued to the name (区域内, 本院); drop verbs and scope before it
                let toks = self.seg.cut(pre);
                let verbish = &self.rules.indicator_verbs;
                if let Some(t) = toks
                    .iter()
                    .rev()
                    .find(|t| verbish.iter().any(|v| v == t.word))
                {
                    s = self.clean_front(&s[t.end..]);
                }
            }
        } else if s.chars().count() > 14 {
            let toks = self.seg.cut(&s);
            let cut = toks
                .iter()
                .rev()
                .find(|t| self.rules.phrase_cuts.iter().any(|w| w == t.word))
                .map(|t| t.end);
            if let Some(c) = cut {
                if s[c..].chars().count() >= 6 {
                    s = s[c..].to_string();
                }
            }
        }
        s.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::deadline::DeadlineReader;
    use crate::extract::value::ValueScanner;

    fn run(text: &str) -> Vec<(String, String, f64, Option<String>)> {
        run_as(text, false)
    }

    /// As a report of results reads a sentence.
    fn run_narrated(text: &str) -> Vec<(String, String, f64, Option<String>)> {
        run_as(text, true)
    }

    fn run_as(text: &str, narration: bool) -> Vec<(String, String, f64, Option<String>)> {
        let p = Patterns::embedded().unwrap();
        let seg = Segmenter::new(&p);
        let rules = TargetRules::new(&p);
        let values = ValueScanner::new(&p);
        let times = DeadlineReader::new(&p).scan(text, None);
        let ctx = SentenceCtx {
            text,
            rules: &rules,
            seg: &seg,
            times: &times,
            report: false,
            skip: &[],
            narration,
        };
        let mut out = Vec::new();
        for s in super::super::layout::sentences(
            text,
            Span {
                start: 0,
                end: text.len(),
            },
        ) {
            let m = values.scan(text, s.start, s.end);
            for f in ctx.sentence(s, m) {
                out.push((
                    f.indicator,
                    f.comparator.as_str().to_string(),
                    f.value.value,
                    f.unit,
                ));
            }
        }
        out
    }

    fn ind(v: &[(String, String, f64, Option<String>)]) -> Vec<&str> {
        v.iter().map(|x| x.0.as_str()).collect()
    }

    #[test]
    fn simple_forms() {
        let v = run("到2025年底,孕产妇死亡率控制在10/10万以下");
        assert_eq!(
            v,
            vec![(
                "孕产妇死亡率".into(),
                "<=".into(),
                10.0,
                Some("/10万".into())
            )]
        );
        let v = run("早孕建卡率达96%");
        assert_eq!(v[0].1, ">=");
        // A generic rate after the clause it continues writes their shared word once.
        let v = run("用心推进新生儿听力筛查,年度筛查率达80%");
        assert_eq!(ind(&v), ["新生儿听力筛查率"]);
        let v = run("床位数原则上不低于80张");
        assert_eq!((v[0].0.as_str(), v[0].1.as_str()), ("床位数", ">="));
        let v = run("高危妊娠管理率100%");
        assert_eq!(v[0].1, "=");
        let v = run("满意度达到85%左右");
        assert_eq!(v[0].1, "~");
        let v = run("组织年度第一期助产人员理论考试(约20-25人)");
        assert_eq!(v[0].1, "range");
        // The goal's noun is no part of the quantity (lexicon goal_noun); a verb of saying
        // before a lexicon indicator is cut with what precedes it.
        let v = run("经济增长预期目标为7%左右");
        assert_eq!((v[0].0.as_str(), v[0].1.as_str()), ("经济增长", "~"));
        let v = run("中央提出国内生产总值增长8%左右");
        assert_eq!(v[0].0, "国内生产总值增长");
        let v = run("广义货币增长目标为16%");
        assert_eq!(v[0].0, "广义货币增长");
        // A status word inside a noun is no status (lexicon not_status); 截止 alone is one.
        let v = run("从指南发布日到预申报书受理截止日不少于84天");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(run("截止目前完成培训80人").is_empty());
        // A number inside a name (lexicon not_after: 年内乱) is no value.
        assert!(run("由于十年内乱,损失很大").is_empty());
        // A count of a plan's own indicators is its structure, no target (not_after 项指标).
        assert!(run("围绕民生福祉,提出8项指标,其中包括3个约束性指标").is_empty());
    }

    #[test]
    fn strength_markers() {
        let p = Patterns::embedded().unwrap();
        let seg = Segmenter::new(&p);
        let rules = TargetRules::new(&p);
        let values = ValueScanner::new(&p);
        for (text, want) in [
            ("力争全年引进学科带头人2名", Some("aspirational")),
            ("确保孕产妇死亡率控制在10/10万以下", Some("binding")),
            ("城镇调查失业率5.5%左右(预期性)", None),
            ("早孕建卡率达96%", None),
        ] {
            let times = DeadlineReader::new(&p).scan(text, None);
            let ctx = SentenceCtx {
                text,
                rules: &rules,
                seg: &seg,
                times: &times,
                report: false,
                skip: &[],
                narration: false,
            };
            let s = Span {
                start: 0,
                end: text.len(),
            };
            let f = ctx.sentence(s, values.scan(text, 0, text.len()));
            assert_eq!(f[0].strength.as_deref(), want, "{text}");
        }
    }

    /// A month (and day) after a leading year goes with it (no 6月培训).
    #[test]
    fn a_leading_date_is_no_part_of_the_name() {
        for text in [
            "至2025年6月,完成培训2000人次",
            "到2025年6月底,完成培训2000人次",
            "2025年6月30日前,完成培训2000人次",
        ] {
            let v = run(text);
            assert_eq!(ind(&v), vec!["培训人次"], "{text}");
        }
    }

    #[test]
    fn lists_distribute() {
        let v = run("孕产妇死亡率、婴儿死亡率分别控制在16/10万、9‰以下");
        assert_eq!(ind(&v), vec!["孕产妇死亡率", "婴儿死亡率"]);
        assert_eq!(v[1].2, 9.0);
        let v = run("2019年,全市产、儿科平均床位数将分别达到20张/千人分娩量、3张/千名儿童");
        assert_eq!(ind(&v), vec!["产科平均床位数", "儿科平均床位数"]);
        let v = run("婴儿和5岁以下儿童死亡率分别控制在5‰和6‰以下");
        assert_eq!(ind(&v), vec!["婴儿死亡率", "5岁以下儿童死亡率"]);
        // A short item after a whole one is whole (no 能耗化碳排放量), and the output the
        // first item's measure is per is every item's; a short item that opens the list, or
        // one that parallels the last item's modifier, takes its head.
        let v = run("单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%");
        assert_eq!(
            ind(&v),
            vec![
                "单位国内生产总值用水量下降幅度",
                "单位国内生产总值能耗下降幅度",
                "单位国内生产总值二氧化碳排放量下降幅度"
            ]
        );
        let v = run("城镇、农村居民人均可支配收入分别增长6%、7%");
        assert_eq!(
            ind(&v),
            vec!["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]
        );
        let v = run("刑事治安、涉诈、涉毒警情分别下降17.7%、17.4%、68%");
        assert_eq!(ind(&v)[1], "涉诈警情下降幅度");
        let v = run("全市产儿科县域平均床位数分别不低于21张/千人分娩量、3张/千名儿童");
        assert_eq!(ind(&v), vec!["产科县域平均床位数", "儿科县域平均床位数"]);
        // One percentage after a list of rates joined by 、 is each one's; parallel words between
        // a shared modifier and a shared rate give each its whole name; 总体 makes it the list's.
        let v = run("确保基本养老、医疗保险参保率稳定在95%以上");
        assert_eq!(ind(&v), vec!["基本养老保险参保率", "基本医疗保险参保率"]);
        let v = run("马铃薯种植、收获机械化率均达到45%");
        assert_eq!(ind(&v), vec!["马铃薯种植机械化率", "马铃薯收获机械化率"]);
        let v = run("设施农业、畜牧养殖和农产品初加工机械化率总体达到50%左右");
        assert_eq!(v.len(), 1, "{v:?}");
        let v = run("游客人次、旅游花费分别增长14%、10%");
        assert!(v[1].0.starts_with("旅游花费"), "{v:?}");
        let v = run("2023年、2024年、2025年开展新项目、新技术分别达到3个以上、5个以上、7个以上");
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|x| x.1 == ">="));
        // Groups of people share what follows the last group, not only its head.
        let v = run("孕产妇和儿童健康管理率均达到90%以上");
        assert_eq!(ind(&v), vec!["孕产妇健康管理率", "儿童健康管理率"]);
    }

    #[test]
    fn numbers_inside_names_and_baselines() {
        let v = run("督导产前检查5次以上≥95%");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].2, 95.0);
        let v = run("产后42天覆查率≥95%");
        assert_eq!(v.len(), 1);
        let v = run("按每万名居民拥有全科医生数1.07人,截至目前,新建区全科医生目标缺失数213人");
        assert!(v.iter().all(|x| x.2 != 213.0), "{v:?}");
        let v = run("全年共开展妇幼健康知识宣传10次,发放宣传资料近5万份");
        assert!(v.is_empty(), "{v:?}");
        let v = run("纳入辖区120统一调度的车辆");
        assert!(v.is_empty());
        // A count that sums up the names before it is scope; examples before 等, a range, a
        // multiple and a list that counts something else stay.
        for scope in [
            "推动呼和浩特、鄂尔多斯、满洲里3个综保区高质量发展",
            "加快建设南山口、哇让、同德、德令哈4个抽水蓄能电站",
        ] {
            assert!(run(scope).is_empty(), "{scope}: {:?}", run(scope));
        }
        // A size in a list of named projects names one.
        let v = run("推动吉林梅花60万吨赖氨酸、白银集团7万吨锌基合金等项目建设");
        assert!(v.is_empty(), "{v:?}");
        let v = run("布局建设700万千瓦新型储能项目");
        assert_eq!(v.len(), 1, "{v:?}");
        for kept in [
            "实施包头、阿拉善等6个国家历史遗留废弃矿山生态修复示范工程",
            "创建省级及以上旅游度假区、旅游休闲街区2-3家",
            "省属企业工业总产值、利润均实现翻一番",
            "建成35个先导区、2个示范区",
        ] {
            assert!(!run(kept).is_empty(), "{kept}");
        }
    }

    #[test]
    fn subjects_and_verbs_of_counts() {
        // A requirement word and a verb of having name nothing of the count.
        assert_eq!(
            ind(&run("每个社区应有3名以上社工")),
            vec!["每个社区社工人数"]
        );
        assert_eq!(ind(&run("企业拥有5项以上发明专利")), vec!["企业发明专利数"]);
        // A scope word is no scope before 性.
        let v = run("全国性社会团体应有10万元以上资金");
        assert_eq!(ind(&v), vec!["全国性社会团体资金"]);
        // A clause before that holds a value names the noun by that value's name.
        let v = run("确保全年实施重大项目3600个左右、完成投资1万亿元以上");
        assert_eq!(ind(&v), vec!["重大项目数", "重大项目投资"]);
        let v = run("信息技术产业营收年均增长10%以上，2024年、2025年分别突破2.2万亿元、2.4万亿元");
        assert_eq!(ind(&v)[1..], ["信息技术产业营收", "信息技术产业营收"]);
        // An addition word is not carried to a count that says new itself.
        let v = run("新增国家级优势特色产业集群2个、新入规加工企业20家以上");
        assert_eq!(
            ind(&v),
            vec!["新增国家级优势特色产业集群数", "新入规加工企业数"]
        );
        let v = run("新增充电桩1000个、新能源汽车5000辆");
        assert_eq!(ind(&v), vec!["新增充电桩数", "新增新能源汽车数"]);
    }

    #[test]
    fn count_suffixes_adverbials_and_changes_of_lists() {
        // The suffix of a count follows its unit (lexicon count_suffix).
        let v = run("每年举办50场左右路演行动。申请单位意见(300字以内)。开展职业技能培训10万人次");
        assert_eq!(
            ind(&v),
            vec![
                "每年举办路演行动场次",
                "申请单位意见字数",
                "职业技能培训人次"
            ]
        );
        // An adverbial before the verb of a count names nothing, unless words other than
        // verbs follow it or the verb is one of having or change.
        let v = run("在先进材料、高端装备等关键领域实施100项省级重大科技专项");
        assert_eq!(ind(&v), vec!["省级重大科技专项数"]);
        let v = run("依托信息消费大赛遴选10个以上适老化信息消费应用场景");
        assert_eq!(ind(&v), vec!["遴选适老化信息消费应用场景数"]);
        let v = run("其中依托企业建设比重不低于80%");
        assert_eq!(ind(&v), vec!["依托企业建设比重"]);
        // A change after the last of a list is every item's, with its adverb and measure.
        let v = run("规上工业增加值、规上服务业营收分别增长6.5%和7%");
        assert_eq!(ind(&v), vec!["规上工业增加值增长", "规上服务业营收增长"]);
        let v = run("一般公共预算收入、税收收入年均分别增长4.5%、3%");
        assert_eq!(
            ind(&v),
            vec!["一般公共预算收入年均增长", "税收收入年均增长"]
        );
        let v = run("化学需氧量、二氧化硫排放量分别下降9.66%和13.14%");
        assert_eq!(
            ind(&v),
            vec!["化学需氧量下降幅度", "二氧化硫排放量下降幅度"]
        );
        // One percentage change of a 、-list is each item's; an amount of a pair is their sum.
        let v = run("化学需氧量、氨氮排放量要分别下降2%");
        assert_eq!(ind(&v), vec!["化学需氧量下降幅度", "氨氮排放量下降幅度"]);
        let v = run("农村社队和农民收入将增加近100亿元");
        assert_eq!(v.len(), 1, "{v:?}");
        // A head filled from the last item is never one the item has, nor half a word.
        let v = run("省外游客、入境过夜游客分别增长10%、35%以上");
        assert_eq!(ind(&v), vec!["省外游客增长", "入境过夜游客增长"]);
    }

    #[test]
    fn time_limits_named_by_the_act() {
        // The act may open the next clause; a filler before it goes.
        let v = run("行政执法机关要在执法决定作出之日起20个工作日内,向社会公布");
        assert_eq!(ind(&v), vec!["行政执法机关向社会公布时限"]);
        let v = run("测试主体应在事故责任认定后5个工作日内,将事故分析报告上报");
        assert_eq!(ind(&v), vec!["测试主体事故分析报告上报时限"]);
        // A long act ends at its verb when words of its own come before it.
        let v = run("测试主体应在24小时内将事故情况上报省、市级政府相关主管部门");
        assert_eq!(ind(&v), vec!["测试主体事故情况上报时限"]);
        let v = run("行政执法机关要在执法决定作出之日起20个工作日内,向社会公布执法机关、执法对象、执法类别、执法结论等信息");
        assert_eq!(ind(&v), vec!["行政执法机关向社会公布时限"]);
    }

    #[test]
    fn a_note_that_repeats_the_bound_is_no_value() {
        let v =
            run("年单笔贷款额不低于50万元(含50万元),且不超过1000万元(含1000万元)的流动资金贷款");
        assert_eq!(ind(&v), vec!["年单笔贷款额", "年单笔贷款额"]);
        assert_eq!((v[0].1.as_str(), v[1].1.as_str()), (">=", "<="));
    }

    #[test]
    fn a_share_of_a_total_without_words_of_its_own() {
        // The share is of the noun that ends the clause before.
        let v = run("对特定行业工业互联网平台,按不超过平台建设总投入的30%给予补助");
        assert_eq!(ind(&v), vec!["特定行业工业互联网平台占平台建设总投入比例"]);
        // A name that only says it is a share gives its measure to the total's; one that says
        // of what it is a share keeps its words.
        let v = run("奖励性绩效占比不低于绩效工资总量的70%");
        assert_eq!(ind(&v), vec!["奖励性绩效占绩效工资总量比例"]);
        let v = run("到2025年,经济建设费占整个财政支出的比重为一九五四年预算的45%");
        assert!(!ind(&v)[0].contains("预算比例"), "{v:?}");
    }

    #[test]
    fn collective_words_are_expanded_for_each_value() {
        let v = run("2026年,城乡居民人均可支配收入分别增长5%、6.5%左右");
        assert_eq!(
            ind(&v),
            vec!["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]
        );
        let v = run("2026年,一二三产增加值分别增长3.5%左右、6%左右、5%左右");
        assert_eq!(ind(&v)[2], "第三产业增加值增长");
        // One value: the collective word is the scheme's name.
        let v = run("城乡居民基本养老保险参保率达到95%");
        assert_eq!(ind(&v), vec!["城乡居民基本养老保险参保率"]);
    }

    #[test]
    fn a_limit_in_brackets_after_its_act() {
        let v = run("在接到有关信息报告后,立即向国务院上报有关情况(最迟不超过4个小时)");
        assert_eq!(ind(&v), vec!["向国务院上报有关情况时限"]);
    }

    #[test]
    fn measures_named_by_their_owner() {
        // A measure that needs its owner takes the object the clause before built.
        let v = run("2026年,实施1000个以上省重点项目,年度完成投资1万亿元");
        assert_eq!(ind(&v)[1], "省重点项目年度完成投资");
        let v = run("2026年,建设省级公共互连接入区,接入能力10000M以上");
        assert_eq!(ind(&v), vec!["省级公共互连接入区接入能力"]);
        // Not a measure with a noun of its own, nor after a clause that builds nothing.
        let v = run("2026年,建设综合交通枢纽,交通投资800亿元");
        assert_eq!(ind(&v), vec!["交通投资"]);
        let v = run("2026年,坚持民生为大,安排资金136亿元");
        assert_eq!(ind(&v), vec!["安排资金"]);
    }

    #[test]
    fn adverbs_of_comparison_before_a_change() {
        // 约 before a verb of change is the comparator; the verb stays in the name.
        let v = run("到2025年,工人职员的平均工资约增长33%");
        assert_eq!(ind(&v), vec!["工人职员的平均工资增长"]);
        assert_eq!(v[0].1, "~");
        // 约 inside a word (签约, 节约) is no adverb.
        let v = run("到2025年,开展家庭医生签约服务2000万人以上");
        assert_eq!(ind(&v), vec!["家庭医生签约服务人数"]);
        assert_eq!(v[0].1, ">=");
    }

    #[test]
    fn bare_values_after_a_count_are_not_of_it() {
        // A bare value after a count is no value of the count; a comparator or words of its own
        // make it one of the same quantity (突破, 完成投资).
        let v = run("改造城镇老旧小区16.7万个,惠及2900多万家庭");
        assert_ne!(ind(&v)[1], "改造城镇老旧小区数", "{v:?}");
        let v = run("地区生产总值突破3万亿元、达3.6万亿元");
        assert_eq!(ind(&v), vec!["地区生产总值", "地区生产总值"]);
        // A verb of having after an adverb stays.
        let v = run("取得相应准驾车型驾驶证并具有3年以上驾驶经历");
        assert!(ind(&v)[0].contains("具有"), "{v:?}");
    }

    #[test]
    fn percentages_take_only_ids_of_ratios() {
        let p = Patterns::embedded().unwrap();
        let rules = TargetRules::new(&p);
        assert_eq!(
            rules.record_id("入境游客人次", Some("万人次")),
            Some("inbound_tourists")
        );
        assert_eq!(rules.record_id("入境游客人次", Some("%")), None);
        assert_eq!(
            rules.record_id("森林覆盖率", Some("%")),
            rules.indicator_id("森林覆盖率")
        );
        assert!(rules.indicator_id("森林覆盖率").is_some());
    }

    #[test]
    fn awards_named_by_recipient() {
        // An item's number before 对 is no part of the recipient; the tiers of the recipient
        // take the amounts in turn.
        let v = run("第十条 对园区内企业独立法人获准建设的省、市级制造业创新中心,分别给予200万元、50万元奖励");
        assert_eq!(
            ind(&v),
            vec!["省级制造业创新中心奖励", "市级制造业创新中心奖励"]
        );
        // A bare head after 的 keeps its clause.
        let v = run("第四条 对首次进入全国电子信息百强的企业,给予30万元的一次性奖励");
        assert_eq!(ind(&v), vec!["首次进入全国电子信息百强的企业一次性奖励"]);
        // A 的 and head after the last item modify every item.
        // An award after the last of two recipients is each one's; a quoted name is whole.
        let v = run(
            "对省级示范型数字经济园区和成长型数字经济园区,分别给予最高不超过533万元、673万元奖补",
        );
        assert_eq!(
            ind(&v),
            vec!["省级示范型数字经济园区奖补", "成长型数字经济园区奖补"]
        );
        let v = run("园区内入选“十佳场景示范”的项目,给予项目申报主体最高不超过50万元的一次性奖励");
        assert_eq!(ind(&v), vec!["入选“十佳场景示范”的项目一次性奖励"]);
        // A verb of giving inside the name goes; a leading 对 is no word of it.
        let v = run("对新入选的国家级特色专业型工业互联网平台给予一次性100万元奖励");
        assert_eq!(ind(&v), vec!["国家级特色专业型工业互联网平台一次性奖励"]);
        let v = run("对当年牵头制定并获批国际标准、国家标准的企业,分别给予最高60万元、40万元扶持");
        assert_eq!(v[0].0, "当年牵头制定并获批国际标准的企业扶持", "{v:?}");
    }

    #[test]
    fn sizes_and_grades_of_things() {
        // A size right after a count of things is each one's size.
        let v = run("加快格尔木、德令哈3座35万千瓦光热电站建设");
        assert!(!v.iter().any(|r| r.2 == 35.0), "{v:?}");
        let v = run("建成35万千瓦光热电站");
        assert_eq!(v.len(), 1, "{v:?}");
        // In a report of results, a grade running on into a noun is a thing's.
        assert!(run_narrated("继1994年9月16日闽粤交界近海发生7.3级强震后仅10个月").is_empty());
        assert!(run_narrated("武汉跨入地区生产总值两万亿级城市行列").is_empty());
        assert_eq!(run_narrated("一般公共预算收入达万亿级规模").len(), 1);
        // In a plan, a count right after a verb of an open-ended effort is the set it applies to;
        // a bound makes it a quota, and a report's is a result.
        assert!(run("推动7个国家物流枢纽提质升级").is_empty());
        assert_eq!(run("推动50家以上企业上云").len(), 1);
        assert_eq!(run_narrated("推动456个事项实现全区通办").len(), 1);
        // The level a comparison measures against is no record; the value compared is.
        let v = run_narrated("1995年我国共发生5级以上地震48次,大大高于年均19次的水平");
        assert_eq!(
            v.iter().map(|r| r.2).collect::<Vec<_>>(),
            vec![48.0],
            "{v:?}"
        );
        // A plan's grade before a noun may be a target; one before a counted noun qualifies it,
        // and so does a number of a name (3人制).
        assert_eq!(run("使其具备抗御6级左右地震的能力").len(), 1);
        let v = run("建成五百亿级开发区2个");
        assert_eq!((v.len(), v[0].2), (1, 2.0), "{v:?}");
        let v = run("建成250个社区健身路径或3人制篮球场");
        assert_eq!((v.len(), v[0].2), (1, 250.0), "{v:?}");
    }

    #[test]
    fn counts_and_shares() {
        let v = run("完成农村育龄待孕妇女增补叶酸380人");
        assert_eq!(ind(&v), vec!["农村育龄待孕妇女增补叶酸人数"]);
        // A 、 between two counts' verb phrases ends the first item: its object is no part of
        // the second's name; a 、 inside a list of names stays.
        let v = run("实施15个智慧物流配送示范城市、打造50个智慧物流配送示范基地");
        assert_eq!(v[1].0, "智慧物流配送示范基地数", "{v:?}");
        // Each count of a list names the object after its measure word, even where 等 and a
        // kind close the list, and a conjunction char may open an object (和美乡村).
        let v = run("建成35个先导区、1000个和美乡村");
        assert_eq!(ind(&v), vec!["先导区数", "和美乡村数"]);
        let v = run("同时提出建设300个数字工厂、5万个5G基站、8万个充电设施等任务目标");
        assert_eq!(ind(&v), vec!["数字工厂数", "5G基站数", "充电设施数"]);
        let v = run("淘汰钢铁2700万吨、水泥4200万吨、平板玻璃3500万标准箱等落后产能");
        assert_eq!(v[0].0, "淘汰钢铁落后产能", "{v:?}");
        assert_eq!(v[1].0, "水泥落后产能", "{v:?}");
        // A noun that names a count takes no count suffix (lexicon count_head).
        let v = run("城镇新增就业人口970万人以上");
        assert_eq!(ind(&v), vec!["城镇新增就业人口"]);
        let v = run("启动10个临床重点专科建设,增强重症救治能力");
        assert_eq!(ind(&v), vec!["启动临床重点专科建设数"]);
        let v = run("实现100%的乡(镇)卫生院和80%的村卫生室提供中医药服务");
        assert_eq!(
            ind(&v),
            vec![
                "提供中医药服务的乡(镇)卫生院比例",
                "提供中医药服务的村卫生室比例"
            ]
        );
        // An item counted in words (一是, 十一是) is no part of the name.
        let v = run("十三是维修养护农村供水工程1900处");
        assert_eq!(ind(&v), vec!["维修养护农村供水工程数"]);
        // 力争 before a bare number is no bound (gold-dev's convention); 力争达到 is.
        let v = run("力争全年引进学科带头人2名,高学历专业技术人员60人");
        assert_eq!(v[0].1, "=");
        let v = run("力争全年引进学科带头人达到2名");
        assert_eq!(v[0].1, ">=");
        // A count before 的 counts the noun after it; a time there is how long it lasts.
        let v = run("到2025年形成1000个以上的数字标签");
        assert_eq!(ind(&v), vec!["数字标签数"]);
        let v = run("对新入驻企业给予最长五年的房租补贴");
        assert_eq!(ind(&v), vec!["房租补贴期限"]);
        // Words before 的 and a count with no object after it name the count, not the clause
        // before (a sibling of the list).
        let v = run("本年内开始建设的22个,继续建设的103个,在本年内可以完工的11个");
        assert_eq!(ind(&v), vec!["开始建设数", "继续建设数", "完工数"]);
    }

    #[test]
    fn a_rate_after_one_of_a_group_is_of_that_group() {
        // Lexicon population: the same head of two chars or more, no group of its own.
        let v = run("应届高校毕业生就业率保持95%以上、市场就业率70%以上");
        assert_eq!(
            ind(&v),
            vec!["应届高校毕业生就业率", "应届高校毕业生市场就业率"]
        );
        let v = run("新生儿遗传代谢性疾病筛查率达到98%,听力筛查率达到95%");
        assert_eq!(ind(&v)[1], "新生儿听力筛查率");
        // A group of its own stays (3岁以下儿童, 用户).
        let v = run("孕产妇系统管理率达到90%以上,3岁以下儿童系统管理率达到90%以上");
        assert_eq!(ind(&v)[1], "3岁以下儿童系统管理率");
        let v = run("固定宽带家庭普及率达到70%,移动宽带用户普及率达到85%");
        assert_eq!(ind(&v)[1], "移动宽带用户普及率");
    }
}
