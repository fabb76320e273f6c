//! Formats: turn the bytes of a notice as it is published (plain text, an HTML page, a DOCX, a
//! spreadsheet, a PDF with a text layer) into the one document text the pipeline reads, with the
//! page's own metadata (title, publisher, date) as candidates and the attachments a page lists.
//! The rules of the readers (page templates' content containers, boilerplate lines, page-number
//! lines) are data in patterns/formats.tsv.

pub mod docx;
pub mod html;
pub mod pdf;
pub mod sheet;

use crate::decode::{self, Refused};
use crate::error::{Error, Result};
use crate::patterns::{rows, Patterns};

/// What a file is, from its content where that is certain (a ZIP, a PDF, an OLE file) and else
/// from its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Docx,
    Sheet,
    Pdf,
    /// A format no reader here reads, with the advice to give (patterns/formats.tsv `legacy`).
    Legacy(String),
}

/// File name endings a folder walk takes: every format read, and the legacy formats that are
/// reported as not read (with the advice of patterns/formats.tsv).
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "html", "htm", "shtml", "xhtml", "docx", "xlsx", "xlsm", "xls", "ods",
    "pdf", "doc", "wps", "et", "rtf", "odt", "ofd", "ppt", "pptx",
];

/// File name endings read as each kind.
const TEXT: &[&str] = &["txt", "text", "md"];
const HTML: &[&str] = &["html", "htm", "shtml", "xhtml"];
const SHEET: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// The lower-case extension of a file name.
pub fn extension(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = base.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// The `format` a record gives each file ending.
pub fn format_of_ext(ext: &str) -> &'static str {
    match ext {
        "txt" | "text" => "txt",
        "md" => "md",
        "html" | "htm" | "shtml" | "xhtml" => "html",
        "docx" => "docx",
        "xlsx" | "xlsm" => "xlsx",
        "xls" => "xls",
        "ods" => "ods",
        "pdf" => "pdf",
        _ => "txt",
    }
}

/// A document's text and what its format says about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Converted {
    /// The text every offset of the records refers to (line ends read as universal newlines).
    pub text: String,
    /// txt, md, html, docx, xlsx, xls, ods or pdf.
    pub format: &'static str,
    /// The character encoding of a text or HTML file (null for the binary formats).
    pub encoding: Option<&'static str>,
    /// Set when the text was read with a loss (invalid bytes replaced, a sheet left out).
    pub warning: Option<String>,
    /// Metadata the page states outside its text (HTML `<title>`, 发布时间, 来源).
    pub hints: Hints,
    /// The attachments a page links to.
    pub attachments: Vec<Attachment>,
}

impl Converted {
    /// A plain text file (named with the extension `ext`), decoded.
    pub fn plain(d: decode::Decoded, ext: &str) -> Converted {
        Converted {
            text: d.text,
            format: format_of_ext(ext),
            encoding: Some(d.encoding),
            warning: d.warning,
            ..Converted::default()
        }
    }
}

/// Metadata candidates from a page's markup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// ISO date (YYYY-MM-DD).
    pub date: Option<String>,
}

/// An attachment a page links to: the link's text and its address as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub href: String,
}

/// The readers' rules, read once from patterns/formats.tsv.
#[derive(Debug, Clone)]
pub struct FormatRules {
    pub containers: Vec<scraper::Selector>,
    pub drops: Vec<scraper::Selector>,
    pub boilerplate: Vec<String>,
    pub boilerplate_prefix: Vec<String>,
    pub meta_title: Vec<String>,
    pub meta_date: Vec<String>,
    pub meta_source: Vec<String>,
    pub label_date: Vec<String>,
    pub label_source: Vec<String>,
    pub title_separator: Vec<String>,
    pub attachment_ext: Vec<String>,
    pub attachment_word: Vec<String>,
    pub page_number: regex::Regex,
    pub legacy: Vec<(String, String)>,
}

const LISTS: &[&str] = &[
    "container",
    "drop",
    "boilerplate",
    "boilerplate_prefix",
    "meta_title",
    "meta_date",
    "meta_source",
    "label_date",
    "label_source",
    "title_separator",
    "attachment_ext",
    "attachment_word",
    "page_number",
    "legacy",
];

impl FormatRules {
    /// Read patterns/formats.tsv of `patterns`; a bad row names its line.
    pub fn new(patterns: &Patterns) -> Result<FormatRules> {
        let (file, text) = patterns.sources.get("formats.tsv");
        FormatRules::parse(file, text)
    }

    fn parse(file: &str, text: &str) -> Result<FormatRules> {
        let mut r = FormatRules {
            containers: Vec::new(),
            drops: Vec::new(),
            boilerplate: Vec::new(),
            boilerplate_prefix: Vec::new(),
            meta_title: Vec::new(),
            meta_date: Vec::new(),
            meta_source: Vec::new(),
            label_date: Vec::new(),
            label_source: Vec::new(),
            title_separator: Vec::new(),
            attachment_ext: Vec::new(),
            attachment_word: Vec::new(),
            page_number: regex::Regex::new("$^").expect("empty regex"),
            legacy: Vec::new(),
        };
        let mut pages = Vec::new();
        for row in rows(text) {
            let list = row.cols[0];
            let bad = |why: String| Error::pattern(file, row.line, why, row.text);
            if !LISTS.contains(&list) {
                return Err(bad(format!("unknown list {list:?}")));
            }
            let want = if list == "legacy" { 3 } else { 2 };
            // A separator may be spaces around a dash: the value is taken as written.
            let value = row.text.split('\t').nth(1).unwrap_or("");
            let value = if list == "title_separator" {
                value
            } else {
                value.trim()
            };
            if row.cols.len() != want || value.is_empty() {
                return Err(bad(format!("expected {want} tab-separated columns")));
            }
            let selector = || {
                scraper::Selector::parse(value)
                    .map_err(|e| bad(format!("not a CSS selector: {e:?}")))
            };
            match list {
                "container" => r.containers.push(selector()?),
                "drop" => r.drops.push(selector()?),
                "boilerplate" => r.boilerplate.push(value.to_string()),
                "boilerplate_prefix" => r.boilerplate_prefix.push(value.to_string()),
                "meta_title" => r.meta_title.push(value.to_ascii_lowercase()),
                "meta_date" => r.meta_date.push(value.to_ascii_lowercase()),
                "meta_source" => r.meta_source.push(value.to_ascii_lowercase()),
                "label_date" => r.label_date.push(value.to_string()),
                "label_source" => r.label_source.push(value.to_string()),
                "title_separator" => r.title_separator.push(value.to_string()),
                "attachment_ext" => r.attachment_ext.push(value.to_ascii_lowercase()),
                "attachment_word" => r.attachment_word.push(value.to_string()),
                "page_number" => {
                    regex::Regex::new(&format!("^(?:{value})$"))
                        .map_err(|e| bad(format!("not a regular expression: {e}")))?;
                    pages.push(format!("(?:{value})"));
                }
                _ => r
                    .legacy
                    .push((value.to_ascii_lowercase(), row.cols[2].to_string())),
            }
        }
        if !pages.is_empty() {
            r.page_number = regex::Regex::new(&format!("^(?:{})$", pages.join("|")))
                .map_err(|e| Error::Config(format!("{file}: page_number: {e}")))?;
        }
        Ok(r)
    }

    /// The advice for a file ending no reader reads, if the file lists it.
    pub fn legacy_advice(&self, ext: &str) -> Option<&str> {
        self.legacy
            .iter()
            .find(|(e, _)| e == ext)
            .map(|(_, a)| a.as_str())
    }

    /// Whether a file named so is read (or, for a legacy format, reported): what a folder walk
    /// keeps.
    pub fn wanted(&self, name: &str) -> bool {
        extension(name).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
    }

    /// What a file is: its content decides for the binary formats (a .txt that is a PDF is read
    /// as a PDF), its name for the rest.
    pub fn kind(&self, name: &str, bytes: &[u8]) -> Kind {
        let ext = extension(name).unwrap_or_default();
        if bytes.starts_with(b"%PDF") {
            return Kind::Pdf;
        }
        if bytes.starts_with(b"{\\rtf") {
            let advice = self
                .legacy_advice("rtf")
                .unwrap_or("an RTF document: no reader here");
            return Kind::Legacy(advice.to_string());
        }
        if bytes.starts_with(b"PK\x03\x04") {
            if contains(bytes, b"word/document.xml") {
                return Kind::Docx;
            }
            if contains(bytes, b"xl/workbook") || contains(bytes, b"opendocument.spreadsheet") {
                return Kind::Sheet;
            }
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            if ext == "xls" {
                return Kind::Sheet;
            }
            if matches!(ext.as_str(), "docx" | "xlsx" | "xlsm" | "pptx") {
                return Kind::Legacy(format!(
                    "an OLE file named .{ext}: a legacy Office document renamed, or a password-protected one; \
                     convert it (libreoffice --headless --convert-to {ext} FILE) or remove its password, and read that"
                ));
            }
        }
        // A web page saved as a spreadsheet (common on government sites): read as the page it is.
        if SHEET.contains(&ext.as_str()) && looks_like_html(bytes) {
            return Kind::Html;
        }
        if let Some(advice) = self.legacy_advice(&ext) {
            return Kind::Legacy(advice.to_string());
        }
        let read = TEXT.contains(&ext.as_str())
            || HTML.contains(&ext.as_str())
            || SHEET.contains(&ext.as_str())
            || matches!(ext.as_str(), "docx" | "pdf");
        if EXTENSIONS.contains(&ext.as_str()) && !read {
            return Kind::Legacy(format!(
                "a .{ext} file: no reader here; convert it to .docx, .xlsx or PDF and read that"
            ));
        }
        if HTML.contains(&ext.as_str()) {
            Kind::Html
        } else if SHEET.contains(&ext.as_str()) {
            Kind::Sheet
        } else if ext == "docx" {
            Kind::Docx
        } else if ext == "pdf" {
            Kind::Pdf
        } else {
            Kind::Text
        }
    }

    /// The `format` of a file that could not be read: what it was read as (null for a legacy
    /// format no reader reads).
    pub fn format_of(&self, name: &str, bytes: &[u8]) -> Option<&'static str> {
        let ext = extension(name).unwrap_or_default();
        match self.kind(name, bytes) {
            Kind::Text => Some(format_of_ext(&ext)),
            Kind::Html => Some("html"),
            Kind::Docx => Some("docx"),
            Kind::Pdf => Some("pdf"),
            Kind::Sheet => Some(match ext.as_str() {
                "xls" => "xls",
                "ods" => "ods",
                _ => "xlsx",
            }),
            Kind::Legacy(_) => None,
        }
    }

    /// [`FormatRules::convert`], taking the bytes: a plain text file becomes its text without
    /// a copy (the bytes of other formats are let go once read).
    pub fn convert_owned(
        &self,
        name: &str,
        bytes: Vec<u8>,
    ) -> std::result::Result<Converted, Refused> {
        if !matches!(self.kind(name, &bytes), Kind::Text) {
            return self.convert(name, &bytes);
        }
        let ext = extension(name).unwrap_or_default();
        Ok(Converted::plain(decode::decode_owned(bytes)?, &ext))
    }

    /// Read `bytes` (of a file named `name`) into a document's text.
    pub fn convert(&self, name: &str, bytes: &[u8]) -> std::result::Result<Converted, Refused> {
        let ext = extension(name).unwrap_or_default();
        match self.kind(name, bytes) {
            Kind::Text => Ok(Converted::plain(decode::decode(bytes)?, &ext)),
            Kind::Html => html::convert(self, bytes),
            Kind::Docx => docx::convert(bytes),
            Kind::Sheet => sheet::convert(bytes, if ext == "xls" { "xls" } else { "" }),
            Kind::Pdf => pdf::convert(self, bytes),
            Kind::Legacy(advice) => Err(Refused(advice)),
        }
        .map(|mut c| {
            c.text = decode::universal_newlines(std::mem::take(&mut c.text));
            c
        })
    }
}

/// Whether bytes open like an HTML page (after a BOM and white space: `<!DOCTYPE html`, `<html`,
/// `<table`, `<meta`).
fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let head: Vec<u8> = b[start..b.len().min(start + 64)].to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<table",
        b"<meta",
        b"<head",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// Run a reader of untrusted binary input, turning a failure inside it into a refusal of the
/// file (the readers of PDF and spreadsheets are third-party code).
pub fn guarded<T>(
    what: &str,
    read: impl FnOnce() -> std::result::Result<T, Refused>,
) -> std::result::Result<T, Refused> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("the reader failed");
            let first = msg.lines().next().unwrap_or(msg);
            Err(Refused(format!("unreadable {what}: {first}")))
        }
    }
}

/// Join lines, dropping empty ones, trailing spaces and lines that are only boilerplate.
pub fn tidy_lines(text: &str, rules: Option<&FormatRules>) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        // A leading TAB is an empty first cell: only spaces are trimmed at the start.
        let line = line
            .trim_start_matches([' ', '\u{a0}'])
            .trim_end_matches([' ', '\t', '\u{a0}']);
        if line.is_empty() {
            continue;
        }
        if let Some(r) = rules {
            let bare: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if r.boilerplate.contains(&bare)
                || (bare.chars().count() < 40
                    && r.boilerplate_prefix
                        .iter()
                        .any(|p| bare.starts_with(p.as_str())))
            {
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> FormatRules {
        FormatRules::new(&Patterns::embedded().unwrap()).unwrap()
    }

    #[test]
    fn kinds_come_from_content_then_name() {
        let r = rules();
        assert_eq!(r.kind("a.txt", b"%PDF-1.7 ..."), Kind::Pdf);
        assert_eq!(r.kind("a.html", "<p>通知</p>".as_bytes()), Kind::Html);
        assert_eq!(r.kind("A.HTM", b"x"), Kind::Html);
        assert_eq!(r.kind("a.txt", b"x"), Kind::Text);
        assert_eq!(r.kind("a.md", b"x"), Kind::Text);
        assert!(
            matches!(r.kind("a.doc", b"\xD0\xCF\x11\xE0"), Kind::Legacy(a) if a.contains("docx"))
        );
        assert_eq!(r.kind("a.xls", b"\xD0\xCF\x11\xE0"), Kind::Sheet);
        assert!(r.wanted("x/y/附件1.PDF") && r.wanted("a.docx") && r.wanted("a.wps"));
        assert!(!r.wanted("logo.png") && !r.wanted("README") && !r.wanted(".txt"));
    }

    #[test]
    fn page_numbers_and_boilerplate() {
        let r = rules();
        for line in ["- 3 -", "— 12 —", "第 2 页", "第2页 共5页", "3/10", "7"] {
            assert!(r.page_number.is_match(line), "{line}");
        }
        for line in ["2025年", "第二条", "3个"] {
            assert!(!r.page_number.is_match(line), "{line}");
        }
        let t = tidy_lines(
            "  【字号：大 中 小】\n正文\n\n分享到：微信\n打印本页\n",
            Some(&r),
        );
        assert_eq!(t, "正文\n");
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let e = FormatRules::parse("formats.tsv", "container\t#zoom\nfancy\tx\n").unwrap_err();
        assert!(e.to_string().contains("formats.tsv:2"), "{e}");
        let e = FormatRules::parse("formats.tsv", "container\t[[\n").unwrap_err();
        assert!(e.to_string().contains("CSS selector"), "{e}");
        let e = FormatRules::parse("formats.tsv", "page_number\t(\n").unwrap_err();
        assert!(e.to_string().contains("regular expression"), "{e}");
    }
}
