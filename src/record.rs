//! The record contract: the four JSON Lines record kinds (targets, milestones, outcomes, documents),
//! with their field names and order fixed; see README.md and schema/records.schema.json.

use serde::{Deserialize, Serialize};

/// `normalized`: the value made comparable across documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Normalized {
    pub value: serde_json::Number,
    pub value_max: Option<serde_json::Number>,
    pub unit: String,
}

/// One line of targets.jsonl.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRecord {
    pub doc_id: String,
    pub path: String,
    pub kind: String,
    pub indicator: String,
    pub indicator_id: Option<String>,
    pub comparator: String,
    pub value: serde_json::Number,
    pub value_max: Option<serde_json::Number>,
    pub unit: Option<String>,
    pub normalized: Option<Normalized>,
    pub strength: Option<String>,
    pub year: Option<i32>,
    pub deadline: Option<String>,
    pub deadline_text: Option<String>,
    /// The first day of a time that spans a period (a range 2017年8月11日至8月22日, a plan
    /// period 十四五期间); null for a deadline.
    pub period_start: Option<String>,
    pub units: Vec<String>,
    pub lead_units: Vec<String>,
    pub support_units: Vec<String>,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub duplicate_of: Option<usize>,
    pub quote: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub rule: String,
}

/// One line of milestones.jsonl.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRecord {
    pub doc_id: String,
    pub path: String,
    pub kind: String,
    pub task: String,
    pub year: Option<i32>,
    pub deadline: Option<String>,
    pub deadline_text: Option<String>,
    /// The first day of a time that spans a period (a range 2017年8月11日至8月22日, a plan
    /// period 十四五期间); null for a deadline.
    pub period_start: Option<String>,
    pub recurring: Option<String>,
    pub units: Vec<String>,
    pub lead_units: Vec<String>,
    pub support_units: Vec<String>,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub duplicate_of: Option<usize>,
    pub quote: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub rule: String,
}

/// One line of outcomes.jsonl: a figure the text reports as achieved, and the years it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    pub doc_id: String,
    pub path: String,
    pub kind: String,
    pub indicator: String,
    pub indicator_id: Option<String>,
    /// As written: `=` an exact figure, `~` 左右/约/近, `>`/`>=`/`<`/`<=` only for a bound
    /// word (超过, 以上, 不到), `range`.
    pub comparator: String,
    pub value: serde_json::Number,
    pub value_max: Option<serde_json::Number>,
    pub unit: Option<String>,
    pub normalized: Option<Normalized>,
    /// First and last year the figure is for (equal for one year); null when the document
    /// gives no year to count from.
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub quote: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub rule: String,
}

/// One line of documents.jsonl.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc_id: String,
    pub path: String,
    /// Always "document" (the three kinds are told apart by it on one stream); absent in the
    /// output of earlier versions.
    #[serde(default = "document_kind")]
    pub kind: String,
    pub bytes: u64,
    pub chars: Option<usize>,
    pub format: Option<String>,
    pub encoding: Option<String>,
    pub script: Option<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub date: Option<String>,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub region_candidates: Vec<String>,
    /// Absent in the output of versions before formats were read: read as none.
    #[serde(default)]
    pub attachments: Vec<AttachmentRecord>,
    pub targets: usize,
    pub milestones: usize,
    /// Absent in the output of versions before outcomes were read: read as 0.
    #[serde(default)]
    pub outcomes: usize,
    pub error: Option<String>,
}

fn document_kind() -> String {
    "document".to_string()
}

/// An attachment an HTML page links to: the link's text and its address as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRecord {
    pub name: String,
    pub href: String,
}

/// A number as a JSON number (integers stay integers).
pub fn json_number(n: crate::extract::number::Number) -> serde_json::Number {
    match n.to_json() {
        serde_json::Value::Number(x) => x,
        _ => serde_json::Number::from(0),
    }
}

/// A record written as one JSON object: the same bytes as `serde_json::to_writer` (the tests
/// hold the two together) without serde_json's token-by-token path and its escaping of every
/// field name, which made serialization most of the writer thread's time.
pub trait WriteJson {
    fn write_json(&self, out: &mut Vec<u8>);
}

/// The fields of one object, in order.
struct Obj<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut Vec<u8>) -> Obj<'a> {
        out.push(b'{');
        Obj { out, first: true }
    }

    /// `"name":` (field names are plain ASCII, never escaped).
    fn key(&mut self, name: &str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    fn null(&mut self, name: &str) {
        self.key(name).extend_from_slice(b"null");
    }

    fn str(&mut self, name: &str, v: &str) {
        json_str(self.key(name), v);
    }

    fn opt_str(&mut self, name: &str, v: Option<&str>) {
        match v {
            Some(s) => self.str(name, s),
            None => self.null(name),
        }
    }

    fn strs(&mut self, name: &str, v: &[String]) {
        let out = self.key(name);
        out.push(b'[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_str(out, s);
        }
        out.push(b']');
    }

    fn int(&mut self, name: &str, v: impl itoa::Integer) {
        let out = self.key(name);
        out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
    }

    fn opt_int(&mut self, name: &str, v: Option<impl itoa::Integer>) {
        match v {
            Some(n) => self.int(name, n),
            None => self.null(name),
        }
    }

    /// Numbers go through serde_json itself: floats print exactly as it prints them.
    fn num(&mut self, name: &str, v: &serde_json::Number) {
        let out = self.key(name);
        serde_json::to_writer(out, v).expect("a number serializes into memory");
    }

    fn opt_num(&mut self, name: &str, v: Option<&serde_json::Number>) {
        match v {
            Some(n) => self.num(name, n),
            None => self.null(name),
        }
    }

    fn end(self) {
        self.out.push(b'}');
    }
}

/// Whether a byte needs escaping in a JSON string (as serde_json escapes: controls, `"`, `\`).
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// A JSON string, escaped as serde_json escapes it: `\"`, `\\`, `\b \t \n \f \r`, other control
/// characters as `\u00xx` (lower-case hex), everything else (DEL and non-ASCII included) as it is.
fn json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    // Sixteen bytes at a time, without an early exit, so that the check runs in vector registers.
    let mut chunks = bytes.chunks_exact(16);
    let clean = chunks
        .by_ref()
        .all(|c| !c.iter().fold(false, |any, &b| any | escaped(b)))
        && !chunks.remainder().iter().any(|&b| escaped(b));
    if clean {
        out.extend_from_slice(bytes);
    } else {
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !escaped(b) {
                continue;
            }
            out.extend_from_slice(&bytes[start..i]);
            start = i + 1;
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                0x08 => out.extend_from_slice(b"\\b"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\n' => out.extend_from_slice(b"\\n"),
                0x0c => out.extend_from_slice(b"\\f"),
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[(b >> 4) as usize]);
                    out.push(HEX[(b & 15) as usize]);
                }
            }
        }
        out.extend_from_slice(&bytes[start..]);
    }
    out.push(b'"');
}

impl WriteJson for Normalized {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut o = Obj::new(out);
        o.num("value", &self.value);
        o.opt_num("value_max", self.value_max.as_ref());
        o.str("unit", &self.unit);
        o.end();
    }
}

/// The fields that targets and milestones share, from `units` to `rule`, in their order.
macro_rules! write_place {
    ($o:ident, $r:ident) => {
        $o.strs("units", &$r.units);
        $o.strs("lead_units", &$r.lead_units);
        $o.strs("support_units", &$r.support_units);
        $o.opt_str("region", $r.region.as_deref());
        $o.opt_str("region_code", $r.region_code.as_deref());
        $o.opt_int("duplicate_of", $r.duplicate_of);
        $o.str("quote", &$r.quote);
        $o.int("start", $r.start);
        $o.int("end", $r.end);
        $o.int("line", $r.line);
        $o.str("rule", &$r.rule);
    };
}

impl WriteJson for TargetRecord {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut o = Obj::new(out);
        o.str("doc_id", &self.doc_id);
        o.str("path", &self.path);
        o.str("kind", &self.kind);
        o.str("indicator", &self.indicator);
        o.opt_str("indicator_id", self.indicator_id.as_deref());
        o.str("comparator", &self.comparator);
        o.num("value", &self.value);
        o.opt_num("value_max", self.value_max.as_ref());
        o.opt_str("unit", self.unit.as_deref());
        match &self.normalized {
            Some(n) => n.write_json(o.key("normalized")),
            None => o.null("normalized"),
        }
        o.opt_str("strength", self.strength.as_deref());
        o.opt_int("year", self.year);
        o.opt_str("deadline", self.deadline.as_deref());
        o.opt_str("deadline_text", self.deadline_text.as_deref());
        o.opt_str("period_start", self.period_start.as_deref());
        write_place!(o, self);
        o.end();
    }
}

impl WriteJson for MilestoneRecord {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut o = Obj::new(out);
        o.str("doc_id", &self.doc_id);
        o.str("path", &self.path);
        o.str("kind", &self.kind);
        o.str("task", &self.task);
        o.opt_int("year", self.year);
        o.opt_str("deadline", self.deadline.as_deref());
        o.opt_str("deadline_text", self.deadline_text.as_deref());
        o.opt_str("period_start", self.period_start.as_deref());
        o.opt_str("recurring", self.recurring.as_deref());
        write_place!(o, self);
        o.end();
    }
}

impl WriteJson for OutcomeRecord {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut o = Obj::new(out);
        o.str("doc_id", &self.doc_id);
        o.str("path", &self.path);
        o.str("kind", &self.kind);
        o.str("indicator", &self.indicator);
        o.opt_str("indicator_id", self.indicator_id.as_deref());
        o.str("comparator", &self.comparator);
        o.num("value", &self.value);
        o.opt_num("value_max", self.value_max.as_ref());
        o.opt_str("unit", self.unit.as_deref());
        match &self.normalized {
            Some(n) => n.write_json(o.key("normalized")),
            None => o.null("normalized"),
        }
        o.opt_int("period_start", self.period_start);
        o.opt_int("period_end", self.period_end);
        o.opt_str("region", self.region.as_deref());
        o.opt_str("region_code", self.region_code.as_deref());
        o.str("quote", &self.quote);
        o.int("start", self.start);
        o.int("end", self.end);
        o.int("line", self.line);
        o.str("rule", &self.rule);
        o.end();
    }
}

impl WriteJson for DocumentRecord {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut o = Obj::new(out);
        o.str("doc_id", &self.doc_id);
        o.str("path", &self.path);
        o.str("kind", &self.kind);
        o.int("bytes", self.bytes);
        o.opt_int("chars", self.chars);
        o.opt_str("format", self.format.as_deref());
        o.opt_str("encoding", self.encoding.as_deref());
        o.opt_str("script", self.script.as_deref());
        o.opt_str("title", self.title.as_deref());
        o.opt_str("issuer", self.issuer.as_deref());
        o.opt_str("doc_number", self.doc_number.as_deref());
        o.opt_str("date", self.date.as_deref());
        o.opt_str("region", self.region.as_deref());
        o.opt_str("region_code", self.region_code.as_deref());
        o.opt_str("province", self.province.as_deref());
        o.opt_str("prefecture", self.prefecture.as_deref());
        o.strs("region_candidates", &self.region_candidates);
        let out = o.key("attachments");
        out.push(b'[');
        for (i, a) in self.attachments.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let mut inner = Obj::new(out);
            inner.str("name", &a.name);
            inner.str("href", &a.href);
            inner.end();
        }
        out.push(b']');
        o.int("targets", self.targets);
        o.int("milestones", self.milestones);
        o.int("outcomes", self.outcomes);
        o.opt_str("error", self.error.as_deref());
        o.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::tests::{random, random_text};

    const PIECES: &[&str] = &[
        "孕产妇死亡率",
        "a",
        "\"",
        "\\",
        "\n",
        "\r",
        "\t",
        "\u{8}",
        "\u{c}",
        "\u{0}",
        "\u{1f}",
        "\u{7f}",
        "/",
        "%",
        "‰",
        "𠀀",
        "（责任单位：区卫健委）",
        "0123456789abcdef",
    ];

    fn coin(next: &mut impl FnMut() -> usize) -> bool {
        next().is_multiple_of(2)
    }

    fn numbers(next: &mut impl FnMut() -> usize) -> serde_json::Number {
        let floats = [0.1, 3.5, 1e-7, 1e21, 123456.789, -2.25, 1.0 / 3.0, 95.0];
        match next() % 3 {
            0 => serde_json::Number::from(next() as u64),
            1 => serde_json::Number::from(-(next() as i64)),
            _ => serde_json::Number::from_f64(floats[next() % floats.len()]).unwrap(),
        }
    }

    fn assert_same<T: WriteJson + Serialize>(rec: &T) {
        let mut ours = Vec::new();
        rec.write_json(&mut ours);
        let theirs = serde_json::to_vec(rec).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    #[test]
    fn strings_escape_as_serde_json_escapes_them() {
        let mut next = random(7);
        for _ in 0..20_000 {
            let s = random_text(&mut next, PIECES, 40);
            let mut ours = Vec::new();
            json_str(&mut ours, &s);
            assert_eq!(ours, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
        let every_byte: String = (0u8..128).map(char::from).collect();
        let mut ours = Vec::new();
        json_str(&mut ours, &every_byte);
        assert_eq!(ours, serde_json::to_vec(&every_byte).unwrap());
    }

    #[test]
    fn records_write_as_serde_json_writes_them() {
        let mut next = random(11);
        for _ in 0..3_000 {
            let text = |n: &mut dyn FnMut() -> usize| {
                let mut f = || n();
                random_text(&mut f, PIECES, 6)
            };
            let opt = |n: &mut dyn FnMut() -> usize| {
                if n().is_multiple_of(2) {
                    None
                } else {
                    let mut f = || n();
                    Some(random_text(&mut f, PIECES, 6))
                }
            };
            let units: Vec<String> = (0..next() % 3).map(|_| text(&mut next)).collect();
            let normalized = coin(&mut next).then(|| Normalized {
                value: numbers(&mut next),
                value_max: coin(&mut next).then(|| numbers(&mut next)),
                unit: text(&mut next),
            });
            let target = TargetRecord {
                doc_id: text(&mut next),
                path: text(&mut next),
                kind: "target".into(),
                indicator: text(&mut next),
                indicator_id: opt(&mut next),
                comparator: text(&mut next),
                value: numbers(&mut next),
                value_max: coin(&mut next).then(|| numbers(&mut next)),
                unit: opt(&mut next),
                normalized,
                strength: opt(&mut next),
                year: coin(&mut next).then(|| 2000 + (next() % 40) as i32),
                deadline: opt(&mut next),
                deadline_text: opt(&mut next),
                period_start: opt(&mut next),
                units: units.clone(),
                lead_units: units[..units.len().min(1)].to_vec(),
                support_units: Vec::new(),
                region: opt(&mut next),
                region_code: opt(&mut next),
                duplicate_of: coin(&mut next).then(&mut next),
                quote: text(&mut next),
                start: next(),
                end: next(),
                line: next() % 1000,
                rule: text(&mut next),
            };
            assert_same(&target);
            let milestone = MilestoneRecord {
                doc_id: target.doc_id.clone(),
                path: target.path.clone(),
                kind: "milestone".into(),
                task: text(&mut next),
                year: target.year,
                deadline: opt(&mut next),
                deadline_text: opt(&mut next),
                period_start: opt(&mut next),
                recurring: opt(&mut next),
                units: units.clone(),
                lead_units: Vec::new(),
                support_units: units.clone(),
                region: opt(&mut next),
                region_code: opt(&mut next),
                duplicate_of: coin(&mut next).then(&mut next),
                quote: text(&mut next),
                start: next(),
                end: next(),
                line: next(),
                rule: text(&mut next),
            };
            assert_same(&milestone);
            let document = DocumentRecord {
                doc_id: target.doc_id.clone(),
                path: text(&mut next),
                kind: "document".into(),
                bytes: next() as u64,
                chars: coin(&mut next).then(&mut next),
                format: opt(&mut next),
                encoding: opt(&mut next),
                script: opt(&mut next),
                title: opt(&mut next),
                issuer: opt(&mut next),
                doc_number: opt(&mut next),
                date: opt(&mut next),
                region: opt(&mut next),
                region_code: opt(&mut next),
                province: opt(&mut next),
                prefecture: opt(&mut next),
                attachments: (0..next() % 3)
                    .map(|_| AttachmentRecord {
                        name: text(&mut next),
                        href: text(&mut next),
                    })
                    .collect(),
                region_candidates: units,
                targets: next() % 50,
                milestones: next() % 50,
                outcomes: next() % 50,
                error: opt(&mut next),
            };
            assert_same(&document);
            let outcome = OutcomeRecord {
                doc_id: target.doc_id.clone(),
                path: text(&mut next),
                kind: "outcome".into(),
                indicator: text(&mut next),
                indicator_id: opt(&mut next),
                comparator: text(&mut next),
                value: numbers(&mut next),
                value_max: coin(&mut next).then(|| numbers(&mut next)),
                unit: opt(&mut next),
                normalized: target.normalized.clone(),
                period_start: coin(&mut next).then(|| next() as i32),
                period_end: coin(&mut next).then(|| next() as i32),
                region: opt(&mut next),
                region_code: opt(&mut next),
                quote: text(&mut next),
                start: next(),
                end: next(),
                line: next(),
                rule: text(&mut next),
            };
            assert_same(&outcome);
        }
    }
}
