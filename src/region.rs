//! Administrative-division table (`patterns/regions.tsv`) and place-name resolution to today's codes.
//!
//! The table holds one row per name and code of every county-level-and-above division since 1981,
//! retired names included with the code(s) of the area today (see `tools/build-regions.py`).
//! [`RegionTable::resolve`] turns a place name plus the names written around it into today's
//! 6-digit code, or into a list of candidates when the name is shared and nothing decides.

use std::collections::HashMap;

/// Endings of division names, longest first; a name without its ending is its stem
/// (南昌市 → 南昌, 黔西南布依族苗族自治州 → 黔西南布依族苗族). Used to compare a written context
/// name with a table name when one of them is abbreviated (江西 / 江西省, 唐山地区 / 唐山市).
const NAME_ENDINGS: &[&str] = &[
    "特别行政区",
    "自治县",
    "自治州",
    "自治旗",
    "自治区",
    "地区",
    "林区",
    "矿区",
    "新区",
    "区",
    "县",
    "市",
    "旗",
    "州",
    "盟",
    "省",
];

/// The stem of a division name: the name without its administrative ending, when at least two
/// characters remain (南昌市 → 南昌; 城区 stays 城区).
pub fn stem(name: &str) -> &str {
    for ending in NAME_ENDINGS {
        if let Some(rest) = name.strip_suffix(ending) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    name
}

/// What the automaton finds in `text`, each as the entry of `names` its pattern stands for, with
/// how often, in order of first occurrence.
fn count_found(
    ac: &aho_corasick::AhoCorasick,
    names: &[String],
    text: &str,
) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for m in ac.find_iter(text) {
        let name = &names[m.pattern().as_usize()];
        match out.iter_mut().find(|(n, _)| n == name) {
            Some(e) => e.1 += 1,
            None => out.push((name.clone(), 1)),
        }
    }
    out
}

/// Two names of the same place, written in full or by their stem (江西 = 江西省).
fn same_place(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || stem(a) == stem(b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Province,
    Prefecture,
    County,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    InUse,
    Retired,
    Changed,
    Short,
}

#[derive(Debug, Clone)]
struct Row {
    name: String,
    code: String,
    level: Level,
    status: Status,
    province: String,
    prefecture: String,
    /// Today's code(s) for a row that is not in use.
    current: Vec<String>,
}

impl Row {
    /// Codes this row stands for today: its own code when in use (or a short form of a name in
    /// use), otherwise its successors.
    fn targets(&self) -> Vec<String> {
        match self.status {
            Status::InUse => vec![self.code.clone()],
            Status::Short if self.current.is_empty() => vec![self.code.clone()],
            _ => self.current.clone(),
        }
    }

    fn is_current(&self) -> bool {
        matches!(self.status, Status::InUse)
            || (self.status == Status::Short && self.current.is_empty())
    }
}

/// The parsed `regions.tsv`.
#[derive(Debug, Clone, Default)]
pub struct RegionTable {
    rows: Vec<Row>,
    by_name: HashMap<String, Vec<usize>>,
    /// code → index of its row in use.
    in_use: HashMap<String, usize>,
    /// Length in chars of the longest name.
    longest: usize,
    /// The names of three chars or more, leftmost-longest, built when first asked for.
    long_names: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<String>)>,
    /// The stems of the provinces (山东, 内蒙古), with the province each names, built when first
    /// asked for.
    province_stems: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<String>)>,
}

/// Outcome of [`RegionTable::resolve`]: today's code with its province and prefecture, or, when the
/// name is shared by several places and the context does not decide, no code and the candidate codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionResolution {
    pub code: Option<String>,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub candidates: Vec<String>,
}

fn is_code(s: &str) -> bool {
    s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())
}

impl RegionTable {
    /// Parse the regions.tsv text; `file` names it in errors ("patterns/regions.tsv:12: <reason>: <line text>").
    ///
    /// Format: UTF-8, `#` comment lines and blank lines ignored, seven tab-separated columns
    /// `name code level status province prefecture current` (see PATTERNS-metadata.md).
    pub fn parse(text: &str, file: &str) -> Result<RegionTable, String> {
        let mut table = RegionTable::default();
        let mut pending_refs: Vec<(usize, String, String)> = Vec::new();
        for row in crate::patterns::rows(text) {
            let (line_no, line) = (row.line, row.text);
            let err = |reason: &str| format!("{file}:{line_no}: {reason}: {line}");
            let cols = row.cols;
            if cols.len() != 7 {
                return Err(err(&format!(
                    "expected 7 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            let name = cols[0].trim();
            if name.is_empty() {
                return Err(err("empty name"));
            }
            let code = cols[1].trim();
            if !is_code(code) {
                return Err(err("code is not 6 digits"));
            }
            let level = match cols[2].trim() {
                "省" => Level::Province,
                "地" => Level::Prefecture,
                "县" => Level::County,
                _ => return Err(err("level must be 省, 地 or 县")),
            };
            let status = match cols[3].trim() {
                "在用" => Status::InUse,
                "弃用" => Status::Retired,
                "变更" => Status::Changed,
                "简称" => Status::Short,
                _ => return Err(err("status must be 在用, 弃用, 变更 or 简称")),
            };
            let province = cols[4].trim();
            if province.is_empty() {
                return Err(err("empty province"));
            }
            let mut current = Vec::new();
            for c in cols[6].split(';').map(str::trim).filter(|c| !c.is_empty()) {
                if !is_code(c) {
                    return Err(err("current code is not 6 digits"));
                }
                current.push(c.to_string());
            }
            if status == Status::InUse && !current.is_empty() {
                return Err(err("a row in use has no current code column"));
            }
            let idx = table.rows.len();
            if status == Status::InUse && table.in_use.insert(code.to_string(), idx).is_some() {
                return Err(err("code already has a row in use"));
            }
            for c in &current {
                pending_refs.push((line_no, c.clone(), line.to_string()));
            }
            table.longest = table.longest.max(name.chars().count());
            table.by_name.entry(name.to_string()).or_default().push(idx);
            table.rows.push(Row {
                name: name.to_string(),
                code: code.to_string(),
                level,
                status,
                province: province.to_string(),
                prefecture: cols[5].trim().to_string(),
                current,
            });
        }
        for (line_no, code, line) in pending_refs {
            if !table.in_use.contains_key(&code) {
                return Err(format!(
                    "{file}:{line_no}: current code {code} has no row in use: {line}"
                ));
            }
        }
        Ok(table)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// True when `name` is a division name (current, historical or short form) in the table.
    pub fn is_name(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// Length in chars of the longest division name that `text` starts with (at least 2 chars).
    pub fn longest_name_at(&self, text: &str) -> Option<usize> {
        let chars: Vec<(usize, char)> = text.char_indices().take(self.longest).collect();
        for n in (2..=chars.len()).rev() {
            let end = chars.get(n).map_or(text.len(), |&(b, _)| b);
            if self.by_name.contains_key(&text[..end]) {
                return Some(n);
            }
        }
        None
    }

    /// The division names of three chars or more written in `text`, with how often each occurs
    /// (leftmost-longest; two-char names such as 新区 or 和县 are too often plain words), in order
    /// of first occurrence.
    pub fn names_in(&self, text: &str) -> Vec<(String, usize)> {
        let (ac, names) = self.long_names.get_or_init(|| {
            let mut names: Vec<String> = self
                .by_name
                .keys()
                .filter(|n| n.chars().count() >= 3)
                .cloned()
                .collect();
            names.sort();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&names)
                .expect("region name automaton");
            (ac, names)
        });
        count_found(ac, names, text)
    }

    /// The provinces whose stem (山东 for 山东省) is written in `text`, with how often, in order of
    /// first occurrence: 山东科技大市场 names 山东省.
    pub fn provinces_in(&self, text: &str) -> Vec<(String, usize)> {
        let (ac, provinces) = self.province_stems.get_or_init(|| {
            let provinces: Vec<String> = self.provinces().map(String::from).collect();
            let stems: Vec<&str> = provinces.iter().map(|p| stem(p)).collect();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&stems)
                .expect("province stem automaton");
            (ac, provinces)
        });
        count_found(ac, provinces, text)
    }

    /// The provinces in use (province-level units: 省, 自治区, 直辖市).
    pub fn provinces(&self) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .filter(|r| r.level == Level::Province && r.status == Status::InUse)
            .map(|r| r.name.as_str())
    }

    /// The level of a name ('省', '地' or '县'), when all its rows share one.
    pub fn level_of(&self, name: &str) -> Option<char> {
        let rows = self.by_name.get(name)?;
        let level = |i: &usize| match self.rows[*i].level {
            Level::Province => '省',
            Level::Prefecture => '地',
            Level::County => '县',
        };
        let first = level(rows.first()?);
        rows.iter().all(|i| level(i) == first).then_some(first)
    }

    /// Province and prefecture of a code in use (the code itself in `code`), or the default when the
    /// code is not in use.
    pub fn describe(&self, code: &str) -> RegionResolution {
        let Some(&idx) = self.in_use.get(code) else {
            return RegionResolution::default();
        };
        let row = &self.rows[idx];
        let prefecture = match row.level {
            Level::Province => None,
            Level::Prefecture => Some(row.name.clone()),
            Level::County => Some(row.prefecture.clone()).filter(|p| !p.is_empty()),
        };
        RegionResolution {
            code: Some(row.code.clone()),
            province: Some(row.province.clone()),
            prefecture,
            candidates: Vec::new(),
        }
    }

    /// Does context name `ctx` fit a row (or the row's area today, `target`)?
    fn fits(&self, row: &Row, target: &str, ctx: &str) -> bool {
        if same_place(ctx, &row.province) || same_place(ctx, &row.prefecture) {
            return true;
        }
        match self.in_use.get(target).map(|&i| &self.rows[i]) {
            Some(now) => {
                same_place(ctx, &now.province)
                    || same_place(ctx, &now.prefecture)
                    || (now.level != Level::County && same_place(ctx, &now.name))
            }
            None => false,
        }
    }

    /// Resolve a place name (e.g. "新建区", "兴仁县", "朝阳区") using context names that appear with it
    /// (e.g. ["南昌市"] or ["江西省", "南昌市"]).
    ///
    /// Each context name narrows the rows to those inside it (by province or prefecture, then or now);
    /// a context name that fits none of them is ignored. Rows of a name in use win over retired rows of
    /// the same name. A retired name gives the code of its area today (兴仁县 → 522302). When several
    /// codes remain, `code` is None and `candidates` lists them (sorted); province and prefecture are
    /// then set only where all candidates share them. An unknown name gives the default.
    pub fn resolve(&self, name: &str, context: &[&str]) -> RegionResolution {
        let Some(idxs) = self.by_name.get(name.trim()) else {
            return RegionResolution::default();
        };
        let mut entries: Vec<(usize, String)> = Vec::new();
        for &i in idxs {
            for t in self.rows[i].targets() {
                entries.push((i, t));
            }
        }
        for ctx in context {
            let ctx = ctx.trim();
            if ctx.is_empty() || ctx == name {
                continue;
            }
            let kept: Vec<(usize, String)> = entries
                .iter()
                .filter(|(i, t)| self.fits(&self.rows[*i], t, ctx))
                .cloned()
                .collect();
            if !kept.is_empty() {
                entries = kept;
            }
        }
        if entries.iter().any(|(i, _)| self.rows[*i].is_current()) {
            entries.retain(|(i, _)| self.rows[*i].is_current());
        }
        let mut codes: Vec<String> = entries.into_iter().map(|(_, t)| t).collect();
        codes.sort();
        codes.dedup();
        match codes.len() {
            0 => RegionResolution::default(),
            1 => self.describe(&codes[0]),
            _ => {
                let described: Vec<RegionResolution> =
                    codes.iter().map(|c| self.describe(c)).collect();
                let shared = |f: fn(&RegionResolution) -> &Option<String>| {
                    let first = f(&described[0]).clone();
                    if described.iter().all(|d| *f(d) == first) {
                        first
                    } else {
                        None
                    }
                };
                RegionResolution {
                    code: None,
                    province: shared(|d| &d.province),
                    prefecture: shared(|d| &d.prefecture),
                    candidates: codes,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# test table\n\
北京市\t110000\t省\t在用\t北京市\t\t\n\
朝阳区\t110105\t县\t在用\t北京市\t\t\n\
吉林省\t220000\t省\t在用\t吉林省\t\t\n\
长春市\t220100\t地\t在用\t吉林省\t长春市\t\n\
朝阳区\t220104\t县\t在用\t吉林省\t长春市\t\n\
江西省\t360000\t省\t在用\t江西省\t\t\n\
南昌市\t360100\t地\t在用\t江西省\t南昌市\t\n\
新建区\t360112\t县\t在用\t江西省\t南昌市\t\n\
新建县\t360122\t县\t弃用\t江西省\t南昌市\t360112\n\
\n\
贵州省\t520000\t省\t在用\t贵州省\t\t\n\
黔西南布依族苗族自治州\t522300\t地\t在用\t贵州省\t黔西南布依族苗族自治州\t\n\
黔西南州\t522300\t地\t简称\t贵州省\t黔西南布依族苗族自治州\t\n\
兴仁市\t522302\t县\t在用\t贵州省\t黔西南布依族苗族自治州\t\n\
兴仁县\t522322\t县\t弃用\t贵州省\t黔西南布依族苗族自治州\t522302\n";

    fn table() -> RegionTable {
        RegionTable::parse(SAMPLE, "patterns/regions.tsv").unwrap()
    }

    #[test]
    fn names_in_counts_names_of_three_chars_or_more() {
        let t = RegionTable::parse(SAMPLE, "t").unwrap();
        let found = t.names_in("南昌市新建区和新建区、江西省南昌市的朝阳区,北京市");
        assert_eq!(
            found,
            vec![
                ("南昌市".to_string(), 2),
                ("新建区".to_string(), 2),
                ("江西省".to_string(), 1),
                ("朝阳区".to_string(), 1),
                ("北京市".to_string(), 1),
            ]
        );
        assert_eq!(t.level_of("新建区"), Some('县'));
        assert_eq!(t.level_of("江西省"), Some('省'));
        assert_eq!(t.level_of("朝阳区"), Some('县'));
        assert!(t.provinces().any(|p| p == "吉林省"));
    }

    #[test]
    fn repeated_name_needs_context() {
        let t = table();
        let bj = t.resolve("朝阳区", &["北京市"]);
        assert_eq!(bj.code.as_deref(), Some("110105"));
        assert_eq!(bj.province.as_deref(), Some("北京市"));
        assert_eq!(bj.prefecture, None);
        let cc = t.resolve("朝阳区", &["长春市"]);
        assert_eq!(cc.code.as_deref(), Some("220104"));
        assert_eq!(cc.prefecture.as_deref(), Some("长春市"));
        // An abbreviated context name works too.
        assert_eq!(
            t.resolve("朝阳区", &["吉林"]).code.as_deref(),
            Some("220104")
        );
        let none = t.resolve("朝阳区", &[]);
        assert_eq!(none.code, None);
        assert_eq!(
            none.candidates,
            vec!["110105".to_string(), "220104".to_string()]
        );
        // A context that fits neither place is ignored rather than emptying the result.
        assert_eq!(t.resolve("朝阳区", &["江西省"]).candidates.len(), 2);
    }

    #[test]
    fn historical_name_maps_to_successor() {
        let t = table();
        let r = t.resolve("兴仁县", &[]);
        assert_eq!(r.code.as_deref(), Some("522302"));
        assert_eq!(r.province.as_deref(), Some("贵州省"));
        assert_eq!(r.prefecture.as_deref(), Some("黔西南布依族苗族自治州"));
        assert_eq!(
            t.resolve("新建县", &["南昌市"]).code.as_deref(),
            Some("360112")
        );
    }

    #[test]
    fn context_and_short_forms() {
        let t = table();
        let r = t.resolve("新建区", &["江西省", "南昌市"]);
        assert_eq!(r.code.as_deref(), Some("360112"));
        assert_eq!(r.prefecture.as_deref(), Some("南昌市"));
        assert_eq!(t.resolve("黔西南州", &[]).code.as_deref(), Some("522300"));
        assert_eq!(
            t.resolve("南昌市", &[]).prefecture.as_deref(),
            Some("南昌市")
        );
        assert_eq!(t.resolve("江西省", &[]).prefecture, None);
        assert_eq!(t.resolve("火星市", &[]), RegionResolution::default());
    }

    #[test]
    fn name_lookup_helpers() {
        let t = table();
        assert_eq!(t.longest_name_at("南昌市新建区人民政府"), Some(3));
        assert_eq!(t.longest_name_at("新建区人民政府"), Some(3));
        assert_eq!(t.longest_name_at("人民政府"), None);
        assert!(t.is_name("兴仁县"));
        assert_eq!(stem("南昌市"), "南昌");
        assert_eq!(stem("城区"), "城区");
        assert_eq!(t.len(), 14);
    }

    #[test]
    fn malformed_lines_are_errors_with_file_and_line() {
        let e = RegionTable::parse(
            "# h\n北京市\t11000\t省\t在用\t北京市\t\t\n",
            "patterns/regions.tsv",
        )
        .unwrap_err();
        assert_eq!(
            e,
            "patterns/regions.tsv:2: code is not 6 digits: 北京市\t11000\t省\t在用\t北京市\t\t"
        );
        let e = RegionTable::parse("北京市\t110000\t省\n", "r.tsv").unwrap_err();
        assert!(
            e.starts_with("r.tsv:1: expected 7 tab-separated columns, found 3: "),
            "{e}"
        );
        let e = RegionTable::parse(
            "新建县\t360122\t县\t弃用\t江西省\t南昌市\t360112\n",
            "r.tsv",
        )
        .unwrap_err();
        assert!(
            e.starts_with("r.tsv:1: current code 360112 has no row in use"),
            "{e}"
        );
        let e = RegionTable::parse("x\t110000\t乡\t在用\t北京市\t\t\n", "r.tsv").unwrap_err();
        assert!(e.contains("level must be"), "{e}");
    }

    #[test]
    fn full_table_parses_and_resolves() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/patterns/regions.tsv");
        let text = std::fs::read_to_string(path).expect("patterns/regions.tsv");
        let t = RegionTable::parse(&text, "patterns/regions.tsv").unwrap();
        assert_eq!(t.resolve("兴仁县", &[]).code.as_deref(), Some("522302"));
        assert_eq!(
            t.resolve("新建区", &["南昌市"]).code.as_deref(),
            Some("360112")
        );
        assert_eq!(
            t.resolve("南安市", &[]).prefecture.as_deref(),
            Some("泉州市")
        );
        assert_eq!(t.resolve("舞钢市", &[]).code.as_deref(), Some("410481"));
        assert_eq!(
            t.resolve("朝阳区", &["长春市"]).code.as_deref(),
            Some("220104")
        );
        assert!(t.resolve("朝阳区", &[]).candidates.len() >= 2);
    }
}
