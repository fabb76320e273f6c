//! The indicator taxonomy (patterns/indicators.tsv) read through the keys every comparison
//! uses: each case of tests/fixtures/indicators/*.tsv names a wording and the id it must get, or
//! `-` for a near miss that must get none (a wrong id is worse than none). A new case needs no
//! code: add a line.

mod common;

use policy_targets::compare::Keys;
use policy_targets::normalize::Converter;
use policy_targets::patterns::{rows, Patterns};
use policy_targets::region::RegionTable;

/// The taxonomy and the keys of every comparison, for `check`.
fn with_keys(check: impl FnOnce(&Patterns, &Keys)) {
    let patterns = Patterns::embedded().unwrap();
    let converter = Converter::new().unwrap();
    let (file, text) = patterns.sources.get("regions.tsv");
    let regions = RegionTable::parse(text, file).unwrap();
    let keys = Keys::new(&converter, &regions, &patterns);
    check(&patterns, &keys);
}

#[test]
fn every_case_gets_its_id_and_near_misses_none() {
    with_keys(|_, keys| cases_get_their_ids(keys));
}

fn cases_get_their_ids(keys: &Keys) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in common::files_ending(&common::root().join("tests/fixtures/indicators"), ".tsv") {
        let text = std::fs::read_to_string(&path).unwrap();
        for row in rows(&text) {
            let (name, want) = (row.cols[0], row.cols[1]);
            let want = (want != "-").then_some(want);
            let got = keys.lexicon_id(name);
            if got != want {
                failures.push(format!(
                    "{}:{}: {name}: want {want:?}, got {got:?}",
                    path.display(),
                    row.line
                ));
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Two rows of the taxonomy whose names share a key (after the scope words, baselines and
/// synonyms a key drops or rewrites) would give one of them the other's id: every canonical name
/// and variant must get its own row's id.
#[test]
fn every_name_of_the_taxonomy_keys_to_its_own_row() {
    with_keys(names_key_to_their_rows);
}

fn names_key_to_their_rows(patterns: &Patterns, keys: &Keys) {
    let mut clashes = Vec::new();
    for def in &patterns.indicators {
        for name in std::iter::once(&def.canonical).chain(&def.variants) {
            let got = keys.lexicon_id(name);
            if got != Some(def.id.as_str()) {
                clashes.push(format!("{name} ({}): keyed to {got:?}", def.id));
            }
        }
    }
    assert!(patterns.indicators.len() >= 79);
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}
