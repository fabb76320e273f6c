//! Document metadata on the seeds: every field of documents.jsonl equals the gold
//! `<stem>.meta.json`, and every target and milestone carries its document's region.

mod common;

use common::*;
use serde_json::Value;

const FIELDS: &[&str] = &[
    "title",
    "issuer",
    "doc_number",
    "date",
    "region",
    "region_code",
    "province",
    "prefecture",
];

fn run() -> (tempfile::TempDir, Vec<Value>) {
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[&seeds()], out.path(), &[]);
    assert!(o.status.success());
    let docs = read_jsonl(&out.path().join("documents.jsonl"));
    (out, docs)
}

#[test]
fn every_metadata_field_equals_the_gold() {
    let (_d, docs) = run();
    let golds = gold_metas(&gold_dir());
    assert_eq!(golds.len(), 5);
    let mut wrong = Vec::new();
    for (name, gold) in golds {
        let doc = docs
            .iter()
            .find(|d| stem(d["path"].as_str().unwrap()) == name)
            .expect("document record");
        for f in FIELDS {
            if gold[f] != doc[f] {
                wrong.push(format!("{name} {f}: gold {} got {}", gold[f], doc[f]));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn region_codes_of_the_seeds() {
    let (_d, docs) = run();
    let code = |prefix: &str| {
        docs.iter()
            .find(|d| stem(d["path"].as_str().unwrap()).starts_with(prefix))
            .unwrap()["region_code"]
            .clone()
    };
    assert_eq!(code("000_"), "350583");
    assert_eq!(code("001_"), "410481");
    assert_eq!(code("002_"), "522302");
    assert_eq!(code("003_"), Value::Null);
    assert_eq!(code("004_"), "360112");
}

#[test]
fn records_carry_their_documents_region() {
    let (d, docs) = run();
    for file in ["targets.jsonl", "milestones.jsonl"] {
        for r in read_jsonl(&d.path().join(file)) {
            let doc = docs.iter().find(|x| x["doc_id"] == r["doc_id"]).unwrap();
            assert_eq!(r["region"], doc["region"]);
            assert_eq!(r["region_code"], doc["region_code"]);
        }
    }
}
