//! HTML pages: the charset (BOM, the page's declaration checked against its bytes, else
//! detection), an HTML5 parse, the main text (a page template's content container, else the
//! element that holds most of the page's text outside links), rendered as lines with table rows
//! as TAB-separated cells; the title, publisher and date the page states, and its attachments.

use std::collections::HashSet;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node, Selector};

use super::{tidy_lines, Attachment, Converted, FormatRules, Hints};
use crate::decode::Refused;
use crate::normalize::is_wide;

/// The reader's own selectors, parsed once per process.
struct Selectors {
    body: Selector,
    frames: Selector,
    refresh: Selector,
    meta: Selector,
    links: Selector,
    headings: Selector,
    title: Selector,
    h1: Selector,
}

fn selectors() -> &'static Selectors {
    static SELECTORS: std::sync::OnceLock<Selectors> = std::sync::OnceLock::new();
    SELECTORS.get_or_init(|| {
        let sel = |s: &str| Selector::parse(s).expect("a fixed selector");
        Selectors {
            body: sel("body"),
            frames: sel("frame, iframe"),
            refresh: sel("meta[http-equiv]"),
            meta: sel("meta[name], meta[property]"),
            links: sel("a[href]"),
            headings: sel("h1, h2, h3"),
            title: sel("title"),
            h1: sel("h1"),
        }
    })
}

/// Read an HTML page.
pub fn convert(rules: &FormatRules, bytes: &[u8]) -> Result<Converted, Refused> {
    if bytes.is_empty() {
        return Err(Refused("empty file".into()));
    }
    let (page, encoding, warning) = decode_page(bytes);
    let doc = Html::parse_document(&page);
    let skip = skipped(&doc, rules);
    let counts = Counts::of(&doc, &skip);
    let main = main_element(&doc, rules, &counts);
    let mut text = main
        .map(|m| tidy_lines(&render(m, &skip), Some(rules)))
        .unwrap_or_default();
    let page_text = tidy_lines(&render(doc.root_element(), &skip), None);
    if text.chars().filter(|c| !c.is_whitespace()).count() < 10 {
        return Err(Refused(no_text_reason(&doc)));
    }
    // The notice's neighbourhood: the element around the main text (its title, its attachments).
    let around = main
        .and_then(|m| m.parent().and_then(ElementRef::wrap))
        .unwrap_or(doc.root_element());
    let hints = hints(&doc, rules, &page_text, around);
    // The title the page shows above its text, when the text does not repeat it.
    if let Some(t) = &hints.title {
        let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let head: String = bare(&text.chars().take(t.chars().count() * 3).collect::<String>());
        if !head.contains(&bare(t)) {
            text = format!("{t}\n{text}");
        }
    }
    Ok(Converted {
        text,
        format: "html",
        encoding: Some(encoding),
        warning,
        hints,
        attachments: attachments(around, rules),
    })
}

/// Decode a page: a BOM decides; else the declared charset when the bytes agree with it (a page
/// that is valid UTF-8 is UTF-8 whatever it declares); else the detector's guess.
fn decode_page(bytes: &[u8]) -> (String, &'static str, Option<String>) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), name(enc), bad.then(replaced));
    }
    let declared = declared_charset(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), "utf-8", None);
    }
    if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return (text.into_owned(), name(enc), None);
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let (text, bad) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), name(enc), bad.then(replaced))
}

fn replaced() -> String {
    "some bytes were not valid in the page's encoding and were replaced with U+FFFD".into()
}

fn name(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "GBK" => "gbk",
        "gb18030" => "gb18030",
        "Big5" => "big5",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1252" => "windows-1252",
        _ => "other",
    }
}

/// The charset a page declares in its first 4 KB (`<meta charset>` or `http-equiv`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static RE: std::sync::OnceLock<regex::bytes::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::bytes::Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#)
            .expect("charset regex")
    });
    let head = &bytes[..bytes.len().min(4096)];
    let label = re.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

/// Elements never read: scripts, styles and the `drop` selectors.
fn skipped(doc: &Html, rules: &FormatRules) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for sel in &rules.drops {
        for e in doc.select(sel) {
            out.insert(e.id());
        }
    }
    out
}

/// Per element: chars of text outside links, chars inside links, and the weight of its text
/// outside links — prose (a text holding ，。；！？) weighs six times a label, a date or a cell.
struct Counts {
    map: std::collections::HashMap<NodeId, (usize, usize, usize)>,
}

/// The weight of a text outside links.
fn weight(t: &str, chars: usize) -> usize {
    if t.contains(['，', '。', '；', '！', '？']) {
        6 * chars
    } else {
        chars
    }
}

impl Counts {
    /// Count every element's text in one walk (no recursion: nesting depth is the page's).
    fn of(doc: &Html, skip: &HashSet<NodeId>) -> Counts {
        let mut map = std::collections::HashMap::new();
        let mut stack: Vec<(NodeId, usize, usize, usize)> = Vec::new();
        let mut links = 0usize;
        let mut skipping: Option<NodeId> = None;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(n) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match n.value() {
                        Node::Element(e) => {
                            if skip.contains(&n.id()) {
                                skipping = Some(n.id());
                                continue;
                            }
                            if e.name() == "a" {
                                links += 1;
                            }
                            stack.push((n.id(), 0, 0, 0));
                        }
                        Node::Text(t) => {
                            let k = t.chars().filter(|c| !c.is_whitespace()).count();
                            if let Some(top) = stack.last_mut() {
                                if links > 0 {
                                    top.2 += k;
                                } else {
                                    top.1 += k;
                                    top.3 += weight(t, k);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if let Some(s) = skipping {
                        if s == n.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    if let Node::Element(e) = n.value() {
                        if e.name() == "a" {
                            links = links.saturating_sub(1);
                        }
                        if let Some((id, t, l, w)) = stack.pop() {
                            map.insert(id, (t, l, w));
                            if let Some(parent) = stack.last_mut() {
                                parent.1 += t;
                                parent.2 += l;
                                parent.3 += w;
                            }
                        }
                    }
                }
            }
        }
        Counts { map }
    }

    fn text(&self, id: NodeId) -> usize {
        self.map.get(&id).map_or(0, |c| c.0)
    }

    fn weight(&self, id: NodeId) -> usize {
        self.map.get(&id).map_or(0, |c| c.2)
    }
}

/// The element that holds the notice: the first template container with text, else the body,
/// descending into the child that holds 70 % of its text outside links (by weight: prose
/// counts more than labels, dates and footers).
fn main_element<'a>(doc: &'a Html, rules: &FormatRules, counts: &Counts) -> Option<ElementRef<'a>> {
    for sel in &rules.containers {
        if let Some(best) = doc
            .select(sel)
            .filter(|e| counts.text(e.id()) >= 50)
            .max_by_key(|e| counts.text(e.id()))
        {
            return Some(best);
        }
    }
    let mut node = doc.select(&selectors().body).next()?;
    loop {
        let total = counts.weight(node.id());
        // Only into an element that holds blocks: a single paragraph is not the notice (its
        // title, salutation and signature are around it).
        let best = node
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| CONTAINERS.contains(&c.value().name()))
            .max_by_key(|c| counts.weight(c.id()));
        match best {
            Some(c) if total > 0 && counts.weight(c.id()) * 10 >= total * 7 => node = c,
            _ => return Some(node),
        }
    }
}

/// Why a page gives no text: a frame set, a redirect, or nothing found.
fn no_text_reason(doc: &Html) -> String {
    if let Some(f) = doc.select(&selectors().frames).next() {
        let src = f.attr("src").unwrap_or("");
        return format!("the page has no text of its own: it only frames {src:?}; save the framed page and read that");
    }
    if let Some(m) = doc.select(&selectors().refresh).find(|m| {
        m.attr("http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
    }) {
        let to = m.attr("content").unwrap_or("");
        return format!("a redirect page ({to}), no text of its own; save the page it leads to");
    }
    "no main text found in the page".into()
}

/// Elements the text-density descent goes into.
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "table", "tbody", "tr", "td", "th", "center", "form",
    "font",
];

const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "title",
    "ul",
    "caption",
];

/// Render an element as lines: blocks and <br> break lines, a table row is one line with its
/// cells separated by a TAB, runs of white space are one space (none where a line break in the
/// source fell between two wide chars).
fn render(root: ElementRef<'_>, skip: &HashSet<NodeId>) -> String {
    let mut r = Renderer::default();
    let mut skipping: Option<NodeId> = None;
    // The element rendered is a block of its own, even a table cell of the page's layout.
    let top = root.id();
    for edge in root.traverse() {
        let (Edge::Open(n) | Edge::Close(n)) = edge;
        if n.id() == top {
            r.newline();
            continue;
        }
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(e) => {
                        if skip.contains(&n.id()) || matches!(e.name(), "script" | "style" | "head")
                        {
                            skipping = Some(n.id());
                            continue;
                        }
                        match e.name() {
                            "br" => r.newline(),
                            "tr" => {
                                r.newline();
                                r.cells.push(0);
                            }
                            "td" | "th" => {
                                if let Some(c) = r.cells.last_mut() {
                                    if *c > 0 {
                                        r.out.push('\t');
                                        r.space = false;
                                    }
                                    *c += 1;
                                }
                                r.in_cell += 1;
                            }
                            "pre" => {
                                r.newline();
                                r.pre += 1;
                            }
                            name if BLOCKS.contains(&name) => r.newline(),
                            _ => {}
                        }
                    }
                    Node::Text(t) => r.text(t),
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Some(s) = skipping {
                    if s == n.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(e) = n.value() {
                    match e.name() {
                        "tr" => {
                            r.cells.pop();
                            r.newline();
                        }
                        "td" | "th" => r.in_cell = r.in_cell.saturating_sub(1),
                        "pre" => {
                            r.pre = r.pre.saturating_sub(1);
                            r.newline();
                        }
                        name if BLOCKS.contains(&name) => r.newline(),
                        _ => {}
                    }
                }
            }
        }
    }
    r.out
}

#[derive(Default)]
struct Renderer {
    out: String,
    /// White space seen since the last char written (and whether it held a line break).
    space: bool,
    broke: bool,
    /// Cells written so far in each open table row.
    cells: Vec<usize>,
    in_cell: usize,
    pre: usize,
}

impl Renderer {
    fn newline(&mut self) {
        self.space = false;
        self.broke = false;
        if self.in_cell > 0 {
            // A cell is one line: its paragraphs are joined by a space.
            if !self.out.is_empty() && !self.out.ends_with([' ', '\t', '\n']) {
                self.space = true;
            }
            return;
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 && self.in_cell == 0 {
            self.out.push_str(&t.replace('\u{a0}', " "));
            return;
        }
        for c in t.chars() {
            let c = if c == '\u{a0}' { ' ' } else { c };
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
                self.broke |= c == '\n' || c == '\r';
                continue;
            }
            if self.space {
                let prev = self.out.chars().next_back();
                let at_start = prev.is_none_or(|p| matches!(p, '\n' | '\t'));
                // A line break of the source next to a wide char is no space: Chinese text
                // wrapped in the page's source (CSS Text 3 drops it between two wide chars).
                let joined = self.broke && (prev.is_some_and(is_wide) || is_wide(c));
                if !at_start && !joined {
                    self.out.push(' ');
                }
                self.space = false;
                self.broke = false;
            }
            self.out.push(c);
        }
    }
}

/// The title, publisher and date the page states: its <meta> tags, a heading beside its main
/// text, its <title> without the site's name, its first <h1>; labelled values in its text
/// (发布时间：…, 来源：…).
fn hints(doc: &Html, rules: &FormatRules, page_text: &str, around: ElementRef<'_>) -> Hints {
    let meta = |names: &[String]| -> Option<String> {
        doc.select(&selectors().meta).find_map(|m| {
            let n = m.attr("name").or(m.attr("property"))?.to_ascii_lowercase();
            let c = m.attr("content")?.trim();
            (names.contains(&n) && !c.is_empty()).then(|| c.to_string())
        })
    };
    let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let heading = |scope: ElementRef<'_>, sel: &Selector, min: usize| -> Option<String> {
        scope
            .select(sel)
            .map(|h| one_line(h.text().collect()))
            .find(|t| t.chars().count() >= min)
    };
    let title = meta(&rules.meta_title)
        .or_else(|| heading(around, &selectors().headings, 8))
        .or_else(|| {
            let t = heading(doc.root_element(), &selectors().title, 4)?;
            Some(without_site(&t, &rules.title_separator))
        })
        .or_else(|| heading(doc.root_element(), &selectors().h1, 8))
        .map(one_line);
    let date = meta(&rules.meta_date)
        .and_then(|d| iso_date(&d))
        .or_else(|| labelled(page_text, &rules.label_date).and_then(|v| iso_date(&v)));
    let publisher = meta(&rules.meta_source)
        .or_else(|| labelled(page_text, &rules.label_source))
        .map(one_line)
        .filter(|p| (2..=40).contains(&p.chars().count()));
    Hints {
        title,
        publisher,
        date,
    }
}

/// A page title without the site's name after it (关于…的通知_某县人民政府, …通知-某县人民政府 -
/// 门户网站): cut at the last separator while what follows is a short name without digits and
/// what is left holds six chars at least.
fn without_site(title: &str, separators: &[String]) -> String {
    let mut t = title.trim();
    loop {
        let cut = separators
            .iter()
            .filter_map(|sep| {
                let i = t.rfind(sep.as_str())?;
                let site = t[i + sep.len()..].trim();
                let ok = t[..i].trim().chars().count() >= 6
                    && (2..=25).contains(&site.chars().count())
                    && !site.chars().any(|c| c.is_ascii_digit());
                ok.then_some(i)
            })
            .max();
        match cut {
            Some(i) => t = t[..i].trim(),
            None => return t.to_string(),
        }
    }
}

/// The value after the first of `labels` followed by a colon in the page's text, up to white
/// space or the next label.
fn labelled(text: &str, labels: &[String]) -> Option<String> {
    for label in labels {
        let mut from = 0;
        while let Some(i) = text[from..].find(label.as_str()) {
            let at = from + i + label.len();
            from = at;
            let rest = text[at..].trim_start_matches([' ', '\u{3000}']);
            let Some(rest) = rest.strip_prefix([':', '：']) else {
                continue;
            };
            let rest = rest.trim_start_matches([' ', '\u{3000}']);
            // A value ends at white space (来源：某局 浏览次数：12; a date's time is not needed).
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '|' | '【' | '['))
                .unwrap_or(rest.len());
            let v = rest[..end].trim();
            if !v.is_empty() {
                return Some(v.to_string());
            }
        }
    }
    None
}

/// A date written 2024-03-01, 2024/3/1, 2024.03.01 or 2024年3月1日, as ISO.
fn iso_date(s: &str) -> Option<String> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})").expect("date")
    });
    let c = re.captures(s)?;
    let (y, m, d): (u32, u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Links to attachments in the notice's neighbourhood (the element around its main text, not
/// the side bars): an address ending in an attachment's file ending, or link text opening with
/// 附件; each address once, in page order.
fn attachments(scope: ElementRef<'_>, rules: &FormatRules) -> Vec<Attachment> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for a in scope.select(&selectors().links) {
        let href = a.attr("href").unwrap_or("").trim();
        if href.is_empty() || href.starts_with("javascript:") || href.starts_with('#') {
            continue;
        }
        let path = href.split(['?', '#']).next().unwrap_or(href);
        let ext = super::extension(path).unwrap_or_default();
        let name: String = a
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let named = rules
            .attachment_word
            .iter()
            .any(|w| name.starts_with(w.as_str()));
        if !(rules.attachment_ext.contains(&ext) || named) || !seen.insert(href.to_string()) {
            continue;
        }
        let name = if name.is_empty() {
            path.rsplit('/').next().unwrap_or(path).to_string()
        } else {
            name
        };
        out.push(Attachment {
            name,
            href: href.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::Patterns;

    fn rules() -> FormatRules {
        FormatRules::new(&Patterns::embedded().unwrap()).unwrap()
    }

    const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="gb2312">
<title>关于印发某县卫生健康工作要点的通知_某县人民政府</title>
<meta name="PubDate" content="2024-03-01 10:00"><meta name="ContentSource" content="某县卫生健康局"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/tzgg">通知公告</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg">通知公告</a></div>
<div class="article"><h1>关于印发某县卫生健康工作要点的通知</h1>
<div class="info">发布时间：2024-03-01 来源：某县卫生健康局 【字号：<a>大</a> <a>中</a> <a>小</a>】</div>
<div id="zoom"><p>　　各乡镇卫生院：</p><p>　　到2025年底，孕产妇死亡率控制在
10/10万以下。</p>
<table><tr><td>序号</td><td>指标</td><td>目标值</td></tr><tr><td>1</td><td>婴儿死亡率</td><td>≤5‰</td></tr></table>
<p>附件：<a href="/files/2024/fj1.xlsx">附件1.目标任务分解表</a></p></div>
<div class="share">分享到：<a>微信</a></div></div>
<div class="footer">主办：某县人民政府办公室 地址：某县某路1号 <a href="/sitemap">网站地图</a></div>
<script>var x = "孕产妇死亡率达到99%";</script></body></html>"#;

    #[test]
    fn a_page_gives_its_main_text_title_meta_and_attachments() {
        let (bytes, _, _) = encoding_rs::GBK.encode(PAGE);
        let c = convert(&rules(), &bytes).unwrap();
        assert_eq!(c.encoding, Some("gbk"));
        assert_eq!(
            c.text,
            "关于印发某县卫生健康工作要点的通知\n　　各乡镇卫生院:\n".replace(':', "：")
                + "　　到2025年底，孕产妇死亡率控制在10/10万以下。\n序号\t指标\t目标值\n1\t婴儿死亡率\t≤5‰\n附件：附件1.目标任务分解表\n"
        );
        assert_eq!(
            c.hints.title.as_deref(),
            Some("关于印发某县卫生健康工作要点的通知")
        );
        assert_eq!(c.hints.date.as_deref(), Some("2024-03-01"));
        assert_eq!(c.hints.publisher.as_deref(), Some("某县卫生健康局"));
        assert_eq!(
            c.attachments,
            vec![Attachment {
                name: "附件1.目标任务分解表".into(),
                href: "/files/2024/fj1.xlsx".into()
            }]
        );
    }

    #[test]
    fn without_a_known_container_the_text_dense_element_is_read() {
        let page = PAGE.replace("id=\"zoom\"", "class=\"body-of-text\"");
        let c = convert(&rules(), page.as_bytes()).unwrap();
        assert!(
            c.text.contains("孕产妇死亡率控制在10/10万以下"),
            "{}",
            c.text
        );
        assert!(
            !c.text.contains("网站地图") && !c.text.contains("首页"),
            "{}",
            c.text
        );
        assert!(!c.text.contains("99%"), "scripts are not text");
    }

    #[test]
    fn a_wrong_declaration_is_overruled_by_the_bytes() {
        // Declared gb2312, written in UTF-8.
        let c = convert(&rules(), PAGE.as_bytes()).unwrap();
        assert_eq!(c.encoding, Some("utf-8"));
        assert!(c.text.contains("孕产妇死亡率"));
        // Declared utf-8, written in GBK: the bytes are not UTF-8, the detector decides.
        let declared_utf8 = PAGE.replace("gb2312", "utf-8");
        let (gbk, _, _) = encoding_rs::GBK.encode(&declared_utf8);
        let c = convert(&rules(), &gbk).unwrap();
        assert!(
            matches!(c.encoding, Some("gbk" | "gb18030")),
            "{:?}",
            c.encoding
        );
        assert!(c.text.contains("孕产妇死亡率"));
    }

    #[test]
    fn frames_and_redirects_are_refused_with_a_reason() {
        let frame = r#"<html><frameset><frame src="main.html"></frameset></html>"#;
        let e = convert(&rules(), frame.as_bytes()).unwrap_err();
        assert!(e.0.contains("main.html"), "{}", e.0);
        let redirect = r#"<html><head><meta http-equiv="refresh" content="0;url=/a.html"></head><body></body></html>"#;
        let e = convert(&rules(), redirect.as_bytes()).unwrap_err();
        assert!(
            e.0.contains("redirect") && e.0.contains("/a.html"),
            "{}",
            e.0
        );
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let page = "<div>".repeat(100_000)
            + "到2025年，孕产妇死亡率控制在10/10万以下。"
            + &"</div>".repeat(100_000);
        let c = convert(&rules(), page.as_bytes()).unwrap();
        assert!(c.text.contains("孕产妇死亡率"));
    }
}
