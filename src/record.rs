//! The record contract: the three JSON Lines record kinds (targets, milestones, documents),
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

/// One line of documents.jsonl.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc_id: String,
    pub path: String,
    pub bytes: u64,
    pub chars: Option<usize>,
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
    pub targets: usize,
    pub milestones: usize,
    pub error: Option<String>,
}

/// A number as a JSON number (integers stay integers).
pub fn json_number(n: crate::extract::number::Number) -> serde_json::Number {
    match n.to_json() {
        serde_json::Value::Number(x) => x,
        _ => serde_json::Number::from(0),
    }
}
