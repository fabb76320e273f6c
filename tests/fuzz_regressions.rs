//! Inputs the fuzzer (`cargo run --release --example fuzz`) once made the pipeline panic, kept
//! in tests/fixtures/fuzz/ after each fix: every one must now be read without an internal
//! error. A new finding is a new file; no code edit.

mod common;

use common::*;

#[test]
fn no_fuzz_finding_panics_again() {
    let dir = root().join("tests/fixtures/fuzz");
    let inputs = files_ending(&dir, "");
    assert!(!inputs.is_empty(), "the findings are in {}", dir.display());
    let out = tempfile::tempdir().unwrap();
    let o = extract(&[dir.as_path()], out.path(), &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("internal error"), "{err}");
    let docs = read_jsonl(&out.path().join("documents.jsonl"));
    assert_eq!(docs.len(), inputs.len(), "every finding is read");
    for d in &docs {
        let e = d["error"].as_str().unwrap_or("");
        assert!(!e.contains("internal error"), "{}: {e}", d["path"]);
    }
}
