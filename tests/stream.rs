//! `policy-targets stream` against `extract`: the same files given as JSON Lines on stdin (raw
//! bytes in base64, or text) give, per document in input order, the document record, its targets
//! and its milestones with the very bytes `extract` writes; a closed stdout ends it quietly.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine as _;

/// Run `stream ARGS` with `input` on stdin; (stdout, stderr, exit code).
fn stream(input: &[u8], args: &[&str]) -> (Vec<u8>, String, Option<i32>) {
    let mut child = Command::new(common::bin())
        .arg("stream")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).to_string(),
        out.status.code(),
    )
}

/// The files of the test: the seeds, their published forms (web page, Word file, PDF), and the
/// corpus documents when the corpus is beside the checkout.
fn files(tmp: &Path) -> Vec<PathBuf> {
    let mut files = common::files_ending(&common::seeds(), ".txt");
    for (i, p) in common::files_ending(&common::seeds(), ".txt")
        .iter()
        .enumerate()
    {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        let blocks = common::formats::blocks(&std::fs::read_to_string(p).unwrap());
        let title = common::formats::title_of(&blocks);
        let page = common::formats::PAGES[i % common::formats::PAGES.len()];
        let html = tmp.join(format!("{stem}.html"));
        std::fs::write(&html, common::formats::html_page(&blocks, &title, page)).unwrap();
        let docx = tmp.join(format!("{stem}.docx"));
        std::fs::write(&docx, common::formats::docx(&blocks)).unwrap();
        files.push(html);
        files.push(docx);
        files.push(common::root().join(format!("tests/fixtures/formats/{stem}.pdf")));
    }
    if let Some(corpus) = common::corpus() {
        files.extend(common::files_ending(&corpus, ".txt").into_iter().take(120));
    }
    files
}

/// What extract writes for `files`, as stream orders it: per file its document line, its target
/// lines, its milestone lines, its outcome lines.
fn extract_lines(files: &[PathBuf], out: &Path) -> Vec<String> {
    let args: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let o = common::extract(&args, out, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let read = |name: &str| -> Vec<String> {
        std::fs::read_to_string(out.join(name))
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    };
    let (docs, targets, milestones, outcomes) = (
        read("documents.jsonl"),
        read("targets.jsonl"),
        read("milestones.jsonl"),
        read("outcomes.jsonl"),
    );
    let path_of = |l: &str| -> String {
        serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut lines = Vec::new();
    for d in docs {
        let p = path_of(&d);
        lines.push(d);
        lines.extend(targets.iter().filter(|t| path_of(t) == p).cloned());
        lines.extend(milestones.iter().filter(|m| path_of(m) == p).cloned());
        lines.extend(outcomes.iter().filter(|o| path_of(o) == p).cloned());
    }
    lines
}

#[test]
fn stream_writes_the_bytes_extract_writes_in_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    let files = files(tmp.path());
    let want = extract_lines(&files, &tmp.path().join("out"));
    let mut input = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let bytes = std::fs::read(f).unwrap();
        let path = f.to_str().unwrap();
        // Text files also as text (the same bytes when they are UTF-8 without a BOM).
        let line = match std::str::from_utf8(&bytes) {
            Ok(t) if i % 2 == 0 && !t.starts_with('\u{feff}') && !t.contains('\r') => {
                serde_json::json!({"path": path, "text": t})
            }
            _ => {
                serde_json::json!({"path": path, "bytes_base64": base64::engine::general_purpose::STANDARD.encode(&bytes)})
            }
        };
        input.extend_from_slice(line.to_string().as_bytes());
        input.push(b'\n');
    }
    for args in [&["-j", "1"][..], &["-j", "2", "--batch", "3"][..]] {
        let (out, stderr, code) = stream(&input, args);
        assert_eq!(code, Some(0), "{stderr}");
        let got: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(got.len(), want.len(), "{args:?}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{args:?}");
        }
    }
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_the_stream_goes_on() {
    let good =
        serde_json::json!({"path": "a.txt", "text": "到2025年，孕产妇死亡率控制在10/10万以下。"})
            .to_string();
    let input = format!("{good}\n{{\"path\": \"b.txt\", \"text\": 5}}\n{good}\n");
    let (out, stderr, code) = stream(input.as_bytes(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("stdin:2: b.txt") || stderr.contains("stdin:2: <stdin:2>"),
        "{stderr}"
    );
    let kinds: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds,
        ["document", "target", "document", "document", "target"]
    );
}

#[test]
fn a_closed_stdout_ends_the_stream_quietly() {
    let line = serde_json::json!({"path": "a.txt", "text": "到2025年，孕产妇死亡率控制在10/10万以下。".repeat(50)}).to_string() + "\n";
    let input = line.repeat(20_000);
    // `stream | head -n 1`: the reader goes after one line.
    let mut child = Command::new(common::bin())
        .args(["stream", "--batch", "16"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(first.starts_with(b"{\"doc_id\""));
}
