//! `stream`: documents as JSON Lines on stdin (`{"path": …, "text": …}` or `{"path": …,
//! "bytes_base64": …}`), records as JSON Lines on stdout — for each document its document record,
//! then its targets, then its milestones, told apart by `kind`, in input order and with the bytes
//! `extract` writes for the same file. Documents are read in bounded batches (one read ahead of the
//! batch being processed) and each batch's records are flushed when it is done, so memory stays
//! flat however long the stream; the way native programs run as a stage of a cluster job
//! (`RDD.pipe`).

use std::io::{BufRead, Write};
use std::path::PathBuf;

use base64::Engine as _;
use rayon::prelude::*;

use crate::config::{build_pool, Engine};
use crate::exit::{EXIT_FATAL, EXIT_FILE_ERRORS, EXIT_OK};
use crate::pipeline::{process_guarded, DocOutput};
use crate::record::WriteJson;

#[derive(clap::Args, Debug)]
pub struct StreamArgs {
    /// Worker threads; 0 uses one per core.
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Folder of pattern files; each file present replaces the built-in one of the same name.
    #[arg(long = "patterns", value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// Documents per batch (also bounded by 64 MB of input): records are flushed after each.
    #[arg(long = "batch", value_name = "N", default_value_t = 256)]
    pub batch: usize,
}

/// Input bytes per batch, at most (a single larger document makes a batch of its own).
const BATCH_BYTES: usize = 64 << 20;

/// One line of the input, as read.
#[derive(serde::Deserialize)]
struct Input {
    path: Option<String>,
    text: Option<String>,
    bytes_base64: Option<String>,
}

/// A line of the input with its 1-based number.
type Line = (usize, Vec<u8>);

/// Read the stream and write its records; the exit code.
pub fn run(args: StreamArgs) -> i32 {
    let engine = match Engine::new(args.patterns.as_deref()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("policy-targets: {e}");
            return EXIT_FATAL;
        }
    };
    let pool = match build_pool(args.threads) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("policy-targets: {e}");
            return EXIT_FATAL;
        }
    };
    // The reader thread locks stdin itself (a lock cannot move between threads).
    let stdin = std::io::BufReader::with_capacity(1 << 20, std::io::stdin());
    let stdout = std::io::stdout();
    let code = stream(
        &engine,
        &pool,
        args.batch.max(1),
        stdin,
        stdout,
        &mut |msg| eprintln!("policy-targets: {msg}"),
    );
    std::mem::forget(engine);
    code
}

/// What the writer is given: the records of a batch, or why the input stopped.
enum ToWriter {
    Docs(Vec<(usize, DocOutput)>),
    ReadError(std::io::Error),
}

/// The stream over any reader and writer (the tests drive it in memory); `report` gets one
/// line per document that could not be (fully) read. Three stages overlap: a reader one batch
/// ahead, the worker pool on the current batch, a writer on the batch before.
pub fn stream(
    engine: &Engine,
    pool: &rayon::ThreadPool,
    batch: usize,
    input: impl BufRead + Send,
    out: impl Write + Send,
    report: &mut (dyn FnMut(&str) + Send),
) -> i32 {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<Vec<Line>>>(1);
    let (to_writer, from_workers) = std::sync::mpsc::sync_channel::<ToWriter>(1);
    let gone = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(move || read_batches(input, batch, &tx));
        let writer = scope.spawn(|| write_batches(out, from_workers, report, &gone));
        for lines in rx {
            if gone.load(Ordering::Relaxed) {
                break;
            }
            let msg = match lines {
                Ok(lines) => ToWriter::Docs(pool.install(|| {
                    lines
                        .par_iter()
                        .map(|(n, line)| (*n, process_line(engine, *n, line)))
                        .collect()
                })),
                Err(e) => ToWriter::ReadError(e),
            };
            let stop = matches!(msg, ToWriter::ReadError(_));
            if to_writer.send(msg).is_err() || stop {
                break;
            }
        }
        drop(to_writer);
        writer.join().unwrap_or(EXIT_FATAL)
    })
}

/// Write each batch's records in order and flush them; the exit code. A reader that has gone
/// (head, a closed pipe) ends the stream quietly.
fn write_batches(
    mut out: impl Write,
    batches: std::sync::mpsc::Receiver<ToWriter>,
    report: &mut (dyn FnMut(&str) + Send),
    gone: &std::sync::atomic::AtomicBool,
) -> i32 {
    let mut code = EXIT_OK;
    let mut buf = Vec::with_capacity(1 << 20);
    for msg in batches {
        let outs = match msg {
            ToWriter::Docs(outs) => outs,
            ToWriter::ReadError(e) => {
                report(&format!("stdin: {e}"));
                return EXIT_FATAL;
            }
        };
        buf.clear();
        for (n, o) in &outs {
            if let Some(e) = &o.document.error {
                report(&format!("stdin:{n}: {}: {e}", o.document.path));
                code = EXIT_FILE_ERRORS;
            }
            o.document.write_json(&mut buf);
            buf.push(b'\n');
            for t in &o.targets {
                t.write_json(&mut buf);
                buf.push(b'\n');
            }
            for m in &o.milestones {
                m.write_json(&mut buf);
                buf.push(b'\n');
            }
            for r in &o.outcomes {
                r.write_json(&mut buf);
                buf.push(b'\n');
            }
        }
        drop(outs);
        if let Err(e) = out.write_all(&buf).and_then(|()| out.flush()) {
            gone.store(true, std::sync::atomic::Ordering::Relaxed);
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return code;
            }
            report(&format!("stdout: {e}"));
            return EXIT_FATAL;
        }
    }
    code
}

/// Read the input into batches of at most `batch` documents and [`BATCH_BYTES`] bytes, blank
/// lines skipped, and send them; stop when the receiver is gone.
fn read_batches(
    mut input: impl BufRead,
    batch: usize,
    tx: &std::sync::mpsc::SyncSender<std::io::Result<Vec<Line>>>,
) {
    let mut n = 0usize;
    loop {
        let mut lines = Vec::new();
        let mut bytes = 0usize;
        while lines.len() < batch && bytes < BATCH_BYTES {
            let mut line = Vec::new();
            match input.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {
                    n += 1;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    bytes += line.len();
                    lines.push((n, line));
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
        if lines.is_empty() || tx.send(Ok(lines)).is_err() {
            return;
        }
    }
}

/// The records of one input line: a document read as `extract` reads a file of that name and
/// those bytes, or a document record holding why the line is not one.
fn process_line(engine: &Engine, n: usize, line: &[u8]) -> DocOutput {
    let bad = |path: String, why: String| DocOutput::failed(&path, String::new(), 0, why);
    let input: Input = match serde_json::from_slice(line) {
        Ok(i) => i,
        Err(e) => {
            return bad(
                format!("<stdin:{n}>"),
                format!(
                "input line {n} is not a JSON object with a path and a text or bytes_base64: {e}"
            ),
            )
        }
    };
    let path = match input.path {
        Some(p) if !p.is_empty() => p,
        _ => {
            return bad(
                format!("<stdin:{n}>"),
                format!("input line {n} has no path"),
            )
        }
    };
    let bytes = match (input.text, input.bytes_base64) {
        (Some(t), None) => t.into_bytes(),
        // MIME base64 (lines of 76 chars, as Spark's base64() writes it) is read too.
        (None, Some(mut b)) => {
            b.retain(|c| !c.is_ascii_whitespace());
            match base64::engine::general_purpose::STANDARD.decode(&b) {
                Ok(b) => b,
                Err(e) => {
                    return bad(
                        path,
                        format!("input line {n}: bytes_base64 is not base64: {e}"),
                    )
                }
            }
        }
        (Some(_), Some(_)) => {
            return bad(
                path,
                format!("input line {n} has both text and bytes_base64"),
            )
        }
        (None, None) => {
            return bad(
                path,
                format!("input line {n} has neither text nor bytes_base64"),
            )
        }
    };
    process_guarded(engine, &path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &str, threads: usize, batch: usize) -> (String, Vec<String>, i32) {
        let engine = Engine::new(None).unwrap();
        let pool = build_pool(threads).unwrap();
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let code = stream(
            &engine,
            &pool,
            batch,
            input.as_bytes(),
            &mut out,
            &mut |m| errors.push(m.to_string()),
        );
        (String::from_utf8(out).unwrap(), errors, code)
    }

    #[test]
    fn records_come_in_input_order_for_any_batch_and_thread_count() {
        let docs: Vec<String> = (0..23)
            .map(|i| {
                serde_json::json!({"path": format!("d{i:02}.txt"), "text": format!("到2025年，第{i}项指标达到{}%以上。", 50 + i)})
                    .to_string()
            })
            .collect();
        let input = docs.join("\n") + "\n";
        let (one, errors, code) = run_on(&input, 1, 1);
        assert_eq!((errors.len(), code), (0, EXIT_OK));
        for (threads, batch) in [(2, 4), (4, 256), (3, 7)] {
            assert_eq!(run_on(&input, threads, batch).0, one);
        }
        let paths: Vec<String> = one
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["kind"] == "document")
            .map(|v| v["path"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            paths,
            (0..23).map(|i| format!("d{i:02}.txt")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn bad_lines_are_documents_with_errors_and_the_stream_goes_on() {
        let input = "not json\n\n{\"path\": \"a.txt\"}\n{\"path\": \"b.txt\", \"bytes_base64\": \"@@\"}\n{\"text\": \"x\"}\n{\"path\": \"ok.txt\", \"text\": \"到2025年，孕产妇死亡率控制在10/10万以下。\"}\n";
        let (out, errors, code) = run_on(input, 2, 2);
        assert_eq!(code, EXIT_FILE_ERRORS);
        let recs: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let docs: Vec<&serde_json::Value> =
            recs.iter().filter(|r| r["kind"] == "document").collect();
        assert_eq!(docs.len(), 5);
        assert_eq!(docs[0]["path"], "<stdin:1>");
        assert_eq!(docs[1]["path"], "a.txt");
        assert!(docs[2]["error"].as_str().unwrap().contains("base64"));
        assert_eq!(
            docs[3]["path"], "<stdin:5>",
            "line numbers count blank lines"
        );
        assert!(docs[4]["error"].is_null());
        assert!(recs
            .iter()
            .any(|r| r["kind"] == "target" && r["path"] == "ok.txt"));
        assert_eq!(errors.len(), 4);
        assert!(errors[0].starts_with("stdin:1: "), "{errors:?}");
    }

    #[test]
    fn base64_with_line_breaks_reads_as_without() {
        let text = "到2025年，孕产妇死亡率控制在10/10万以下，婴儿死亡率控制在5‰以下。".repeat(3);
        let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        let mime: String = b64
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\r\n");
        assert!(mime.contains("\r\n"));
        let line =
            |b: &str| serde_json::json!({"path": "a.txt", "bytes_base64": b}).to_string() + "\n";
        let (plain, _, code) = run_on(&line(&b64), 1, 1);
        assert_eq!(code, EXIT_OK);
        assert_eq!(run_on(&line(&mime), 1, 1).0, plain);
        assert!(plain.contains("\"kind\":\"target\""));
    }

    #[test]
    fn a_closed_reader_ends_the_stream_quietly() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let engine = Engine::new(None).unwrap();
        let pool = build_pool(1).unwrap();
        let line = serde_json::json!({"path": "a.txt", "text": "到2025年，孕产妇死亡率控制在10/10万以下。"}).to_string() + "\n";
        let input = line.repeat(1000);
        let mut errors = Vec::new();
        let code = stream(&engine, &pool, 8, input.as_bytes(), Closed, &mut |m| {
            errors.push(m.to_string())
        });
        assert_eq!((code, errors.len()), (EXIT_OK, 0));
    }
}
