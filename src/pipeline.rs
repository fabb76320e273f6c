//! The pipeline: walk → read and decode → normalize → extract → records, documents in parallel
//! (rayon) and written in path order as each chunk finishes, so memory does not grow with the
//! corpus and the output is the same for any number of threads.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::config::{Engine, ExtractConfig};
use crate::document::Document;
use crate::error::Result;
use crate::extract::Extraction;
use crate::normalize;
use crate::pieces;
use crate::printer::AtomicFile;
use crate::record::{
    json_number, AttachmentRecord, DocumentRecord, MilestoneRecord, Normalized, OutcomeRecord,
    TargetRecord,
};
use crate::walk::{self, Item};

/// The records of one input file.
#[derive(Debug, Clone)]
pub struct DocOutput {
    pub document: DocumentRecord,
    pub targets: Vec<TargetRecord>,
    pub milestones: Vec<MilestoneRecord>,
    pub outcomes: Vec<OutcomeRecord>,
    /// The document's text, kept only when the engine is told to (`extract --text-dir`).
    pub text: Option<String>,
}

impl DocOutput {
    /// The output of a document that could not be read: its document record with the error, no
    /// records.
    pub fn failed(path: &str, doc_id: String, bytes: u64, error: String) -> DocOutput {
        DocOutput {
            document: empty_record(path, doc_id, bytes, error),
            targets: Vec::new(),
            milestones: Vec::new(),
            outcomes: Vec::new(),
            text: None,
        }
    }
}

/// Totals of a run, for --stats.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub files: usize,
    pub bytes: u64,
    pub targets: usize,
    pub milestones: usize,
    pub outcomes: usize,
    pub errors: usize,
    pub seconds: f64,
}

/// First 16 hex digits of the SHA-256 of the file's bytes.
pub fn doc_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn empty_record(path: &str, doc_id: String, bytes: u64, error: String) -> DocumentRecord {
    DocumentRecord {
        doc_id,
        path: path.to_string(),
        kind: "document".to_string(),
        bytes,
        chars: None,
        format: None,
        encoding: None,
        script: None,
        title: None,
        issuer: None,
        doc_number: None,
        date: None,
        region: None,
        region_code: None,
        province: None,
        prefecture: None,
        region_candidates: Vec::new(),
        attachments: Vec::new(),
        targets: 0,
        milestones: 0,
        outcomes: 0,
        error: Some(error),
    }
}

/// Read and process one file.
pub fn process_path(engine: &Engine, path: &Path) -> DocOutput {
    let shown = crate::walk::path_text(path);
    // A long plain text file is read from disk a piece at a time (unless its text is kept).
    let is_text = |head: &[u8]| engine.formats.kind(&shown, head) == crate::formats::Kind::Text;
    let failed = |e: std::io::Error| DocOutput::failed(&shown, String::new(), 0, e.to_string());
    // Opened once: its length says whether it may be long; a short file is read from this handle.
    let (mut file, len) = match std::fs::File::open(path).and_then(|f| Ok((f.metadata()?.len(), f)))
    {
        Ok((len, f)) => (f, len),
        Err(e) => return failed(e),
    };
    if !engine.keep_text && len > engine.pieces.over as u64 {
        match pieces::survey(path, &engine.pieces) {
            Ok(Some(long)) if is_text(long.ends.as_bytes()) => {
                return guarded(&shown, long.doc_id.clone(), long.bytes, || {
                    long_file(engine, &shown, long)
                })
            }
            Ok(_) => {}
            Err(e) => return failed(e),
        }
    }
    // As std::fs::read: room for the whole file, or its error (not an abort) when none is left.
    let mut bytes = Vec::new();
    if let Err(e) = bytes.try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX)) {
        return failed(std::io::Error::new(std::io::ErrorKind::OutOfMemory, e));
    }
    match std::io::Read::read_to_end(&mut file, &mut bytes) {
        Ok(_) => process_guarded(engine, &shown, bytes),
        Err(e) => failed(e),
    }
}

thread_local! {
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where the last failure inside a document happened (file:line), for its error message.
    static FAILED_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keep the panic message of a failure inside one document off stderr (it is reported as that
/// document's error, one line); any other panic is printed as usual.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The PDF reader runs on a thread of its own ("pdf") inside a document.
        if IN_DOCUMENT.with(|f| f.get()) || std::thread::current().name() == Some("pdf") {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            FAILED_AT.with(|f| *f.borrow_mut() = at);
        } else {
            default(info);
        }
    }));
}

/// [`process_owned`], with a failure inside extraction turned into this file's error instead
/// of stopping the batch.
pub fn process_guarded(engine: &Engine, path: &str, bytes: Vec<u8>) -> DocOutput {
    let (id, len) = (doc_id(&bytes), bytes.len() as u64);
    guarded(path, id.clone(), len, || process_owned(engine, path, bytes))
}

/// Run `process` with a failure inside it turned into the document's error.
fn guarded(path: &str, id: String, len: u64, process: impl FnOnce() -> DocOutput) -> DocOutput {
    IN_DOCUMENT.with(|f| f.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(process));
    IN_DOCUMENT.with(|f| f.set(false));
    match result {
        Ok(out) => out,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown failure");
            let first = what.lines().next().unwrap_or(what);
            // The place in the source makes a bug report actionable.
            let at = FAILED_AT
                .with(|f| f.borrow_mut().take())
                .map(|a| format!(" (at {a})"))
                .unwrap_or_default();
            DocOutput::failed(
                path,
                id,
                len,
                format!("internal error while extracting{at}: {first}"),
            )
        }
    }
}

/// Process the bytes of one file, reported under `path` (its name says its format where its
/// content does not).
pub fn process_bytes(engine: &Engine, path: &str, bytes: &[u8]) -> DocOutput {
    let id = doc_id(bytes);
    let converted = engine.formats.convert(path, bytes);
    let failed_format = || engine.formats.format_of(path, bytes).map(str::to_string);
    process_converted(
        engine,
        path,
        id,
        bytes.len() as u64,
        converted,
        failed_format,
    )
}

/// [`process_bytes`], taking the bytes: a plain text file becomes its text in place, so that a
/// very long one is not held twice.
pub fn process_owned(engine: &Engine, path: &str, bytes: Vec<u8>) -> DocOutput {
    let (id, len) = (doc_id(&bytes), bytes.len() as u64);
    let format = engine.formats.format_of(path, &bytes).map(str::to_string);
    let converted = engine.formats.convert_owned(path, bytes);
    process_converted(engine, path, id, len, converted, || format)
}

fn process_converted(
    engine: &Engine,
    path: &str,
    id: String,
    len: u64,
    converted: std::result::Result<crate::formats::Converted, crate::decode::Refused>,
    failed_format: impl FnOnce() -> Option<String>,
) -> DocOutput {
    let converted = match converted {
        Ok(c) => c,
        Err(refused) => {
            let mut out = DocOutput::failed(path, id, len, refused.0);
            out.document.format = failed_format();
            return out;
        }
    };
    let (out, failed) = match pieces::spans(&converted.text, &engine.pieces) {
        None => {
            let norm = normalize::normalize(&converted.text, &engine.converter);
            let doc = Document::new(&converted.text, &norm.text, &norm.moved);
            let ex = engine
                .extractor
                .extract(&converted.text, &norm.text, &engine.segmenter);
            let records = records(engine, &doc, &ex, path, &id);
            ((ex.meta, norm.script, doc.chars(), records, 1), None)
        }
        Some(cuts) => {
            let text = &converted.text;
            let each = cuts
                .iter()
                .map(|&(s, e)| Ok(std::borrow::Cow::Borrowed(&text[s..e])));
            in_pieces(engine, &pieces::ends_of(text), each, path, &id)
        }
    };
    let mut converted = converted;
    if let Some(f) = failed {
        converted.warning = Some(converted.warning.map_or(f.clone(), |w| format!("{w}; {f}")));
    }
    let text_len = converted.text.len();
    document_output(engine, path, id, len, converted, out, text_len)
}

/// The output of a document read: its record (with a note when it was read in pieces) and its
/// targets and milestones.
fn document_output(
    engine: &Engine,
    path: &str,
    id: String,
    len: u64,
    converted: crate::formats::Converted,
    out: PieceOutput,
    text_len: usize,
) -> DocOutput {
    let (meta, script, chars, records, pieces) = out;
    let warning = match (converted.warning, pieces) {
        (w, 0 | 1) => w,
        (w, n) => {
            let note = format!(
                "a text of {text_len} bytes (over {}) was read in {n} pieces of at most {} bytes \
                 cut at line ends: time scopes, tables and duplicates are not carried across a cut",
                engine.pieces.over, engine.pieces.size
            );
            Some(w.map_or(note.clone(), |w| format!("{w}; {note}")))
        }
    };
    let m = &meta;
    // What the page states outside its text fills what the text does not say.
    let hints = &converted.hints;
    // In the original script, as the text's own title and issuer are.
    let hint = |s: &Option<String>| s.clone();
    DocOutput {
        document: DocumentRecord {
            doc_id: id,
            path: path.to_string(),
            kind: "document".to_string(),
            bytes: len,
            chars: Some(chars),
            format: Some(converted.format.to_string()),
            encoding: converted.encoding.map(str::to_string),
            script: Some(script.as_str().to_string()),
            title: m.title.clone().or_else(|| hint(&hints.title)),
            issuer: m.issuer.clone().or_else(|| hint(&hints.publisher)),
            doc_number: m.doc_number.clone(),
            date: m.date.clone().or_else(|| hints.date.clone()),
            region: m.region.clone(),
            region_code: m.region_code.clone(),
            province: m.province.clone(),
            prefecture: m.prefecture.clone(),
            region_candidates: m.region_candidates.clone(),
            attachments: converted
                .attachments
                .iter()
                .map(|a| AttachmentRecord {
                    name: a.name.clone(),
                    href: a.href.clone(),
                })
                .collect(),
            targets: records.targets.len(),
            milestones: records.milestones.len(),
            outcomes: records.outcomes.len(),
            error: warning,
        },
        targets: records.targets,
        milestones: records.milestones,
        outcomes: records.outcomes,
        text: engine.keep_text.then_some(converted.text),
    }
}

/// The records of one text: a document, or a piece of a long one.
#[derive(Debug, Default)]
struct Records {
    targets: Vec<TargetRecord>,
    milestones: Vec<MilestoneRecord>,
    outcomes: Vec<OutcomeRecord>,
}

impl Records {
    /// Add the records of a piece that starts `chars` chars and `lines` lines into the text:
    /// their offsets and lines made those of the whole text.
    fn append_shifted(&mut self, piece: Records, chars: usize, lines: usize) {
        let shift = |start: &mut usize,
                     end: &mut usize,
                     line: &mut usize,
                     dup: Option<&mut Option<usize>>| {
            *start += chars;
            *end += chars;
            *line += lines;
            if let Some(d) = dup {
                *d = d.map(|d| d + chars);
            }
        };
        for mut r in piece.targets {
            shift(
                &mut r.start,
                &mut r.end,
                &mut r.line,
                Some(&mut r.duplicate_of),
            );
            self.targets.push(r);
        }
        for mut r in piece.milestones {
            shift(
                &mut r.start,
                &mut r.end,
                &mut r.line,
                Some(&mut r.duplicate_of),
            );
            self.milestones.push(r);
        }
        for mut r in piece.outcomes {
            shift(&mut r.start, &mut r.end, &mut r.line, None);
            self.outcomes.push(r);
        }
    }
}

/// A text read: its metadata, script, chars, records and the number of pieces it was read in.
type PieceOutput = (
    crate::extract::metadata::DocMeta,
    normalize::Script,
    usize,
    Records,
    usize,
);

/// Read a very long text piece by piece (only one piece's working set in memory at a time),
/// with the metadata of the whole document (read from its head and tail, [`pieces::ends_text`]),
/// and the records' offsets and lines counted from the start of the whole text. The script is
/// the first piece's. A piece that cannot be read ends the reading with a note.
fn in_pieces<'t>(
    engine: &Engine,
    ends: &str,
    pieces: impl Iterator<Item = std::io::Result<std::borrow::Cow<'t, str>>>,
    path: &str,
    id: &str,
) -> (PieceOutput, Option<String>) {
    let meta = {
        let norm = normalize::normalize(ends, &engine.converter);
        engine.extractor.metadata(ends, &norm.text)
    };
    let mut all = Records::default();
    let (mut chars, mut lines, mut count) = (0, 0, 0);
    let mut script = None;
    let mut failed = None;
    for piece in pieces {
        let piece = match piece {
            Ok(p) => p,
            Err(e) => {
                failed = Some(format!("reading stopped after {count} pieces: {e}"));
                break;
            }
        };
        count += 1;
        let norm = normalize::normalize(&piece, &engine.converter);
        let doc = Document::new(&piece, &norm.text, &norm.moved);
        let ex = engine
            .extractor
            .extract_with(&norm.text, &engine.segmenter, meta.clone());
        all.append_shifted(records(engine, &doc, &ex, path, id), chars, lines);
        chars += doc.chars();
        lines += memchr::memchr_iter(b'\n', piece.as_bytes()).count();
        script.get_or_insert(norm.script);
    }
    let script = script.unwrap_or(normalize::Script::Simplified);
    ((meta, script, chars, all, count), failed)
}

/// A long plain UTF-8 file read from disk piece by piece.
fn long_file(engine: &Engine, path: &str, long: pieces::LongFile) -> DocOutput {
    let ext = crate::formats::extension(path).unwrap_or_default();
    let (id, len, ends) = (long.doc_id.clone(), long.bytes, long.ends.clone());
    let (out, failed) = in_pieces(engine, &ends, long.pieces(&engine.pieces), path, &id);
    // Its text was never held whole.
    let decoded = crate::decode::Decoded {
        text: String::new(),
        encoding: "utf-8",
        warning: failed,
    };
    let converted = crate::formats::Converted::plain(decoded, &ext);
    document_output(engine, path, id, len, converted, out, len as usize)
}

fn simplified(engine: &Engine, s: &str) -> String {
    // Indicator and task text come from the normalized text, which is already simplified;
    // convert once more for words assembled from several places.
    close_wide_gaps(&engine.converter.convert(s))
}

/// Spaces between two wide chars dropped (互联网应 用 → 互联网应用): what a line wrapped at a
/// fixed width leaves inside a name once its break is joined, or PDF text spaced out.
fn close_wide_gaps(s: &str) -> String {
    if !s.contains(' ') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    // (A bracket or comma, folded to ASCII, next to a wide char counts with it: 技术 (3G).)
    let wide =
        |c: Option<&char>| c.is_some_and(|&c| normalize::is_wide(c) || "“”‘’()[],;:".contains(c));
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = chars[..i].iter().rev().find(|&&x| x != ' ');
            let after = chars[i + 1..].iter().find(|&&x| x != ' ');
            if wide(before) && wide(after) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn records(engine: &Engine, doc: &Document, ex: &Extraction, path: &str, id: &str) -> Records {
    type TimeFields = (Option<i32>, Option<String>, Option<String>, Option<String>);
    let time_fields = |t: &Option<crate::extract::deadline::TimeExpr>| -> TimeFields {
        match t {
            Some(t) => (
                t.year,
                t.deadline.clone(),
                Some(doc.original_slice(t.start, t.end).trim().to_string()),
                t.period_start.clone(),
            ),
            None => (None, None, None, None),
        }
    };
    let mut targets = Vec::with_capacity(ex.targets.len());
    for t in &ex.targets {
        let f = &t.found;
        let (year, deadline, deadline_text, period_start) = time_fields(&t.time);
        let normalized = normalized(engine, f);
        let (start, end) = doc.span(f.start, f.end);
        targets.push(TargetRecord {
            doc_id: id.to_string(),
            path: path.to_string(),
            kind: "target".into(),
            indicator: simplified(engine, &f.indicator),
            indicator_id: t.indicator_id.clone(),
            comparator: f.comparator.as_str().to_string(),
            value: json_number(f.value),
            value_max: f.value_max.map(json_number),
            unit: f.unit.clone(),
            normalized,
            strength: f.strength.clone(),
            year,
            deadline,
            deadline_text,
            period_start,
            units: t.units.units.clone(),
            lead_units: t.units.lead.clone(),
            support_units: t.units.support.clone(),
            region: ex.meta.region.clone(),
            region_code: ex.meta.region_code.clone(),
            duplicate_of: t.duplicate_of.map(|b| doc.original_char(b)),
            quote: doc.original_slice(f.start, f.end).to_string(),
            start,
            end,
            line: doc.line_of(f.start),
            rule: f.rule.to_string(),
        });
    }
    let mut milestones = Vec::with_capacity(ex.milestones.len());
    for m in &ex.milestones {
        let (year, deadline, deadline_text, period_start) = time_fields(&m.time);
        let (start, end) = doc.span(m.start, m.end);
        milestones.push(MilestoneRecord {
            doc_id: id.to_string(),
            path: path.to_string(),
            kind: "milestone".into(),
            task: simplified(engine, &m.task),
            year,
            deadline,
            deadline_text,
            period_start,
            recurring: m.recurring.clone(),
            units: m.units.units.clone(),
            lead_units: m.units.lead.clone(),
            support_units: m.units.support.clone(),
            region: ex.meta.region.clone(),
            region_code: ex.meta.region_code.clone(),
            duplicate_of: m.duplicate_of.map(|b| doc.original_char(b)),
            quote: doc.original_slice(m.start, m.end).to_string(),
            start,
            end,
            line: doc.line_of(m.start),
            rule: m.rule.to_string(),
        });
    }
    let mut outcomes = Vec::with_capacity(ex.outcomes.len());
    for o in &ex.outcomes {
        let f = &o.found;
        let (start, end) = doc.span(f.start, f.end);
        outcomes.push(OutcomeRecord {
            doc_id: id.to_string(),
            path: path.to_string(),
            kind: "outcome".into(),
            indicator: simplified(engine, &f.indicator),
            indicator_id: o.indicator_id.clone(),
            comparator: o.comparator.as_str().to_string(),
            value: json_number(f.value),
            value_max: f.value_max.map(json_number),
            unit: f.unit.clone(),
            normalized: normalized(engine, f),
            period_start: o.period.0,
            period_end: o.period.1,
            region: ex.meta.region.clone(),
            region_code: ex.meta.region_code.clone(),
            quote: doc.original_slice(f.start, f.end).to_string(),
            start,
            end,
            line: doc.line_of(f.start),
            rule: f.rule.to_string(),
        });
    }
    Records {
        targets,
        milestones,
        outcomes,
    }
}

/// A value in its unit's base unit, where that differs from the unit as written.
fn normalized(engine: &Engine, f: &crate::extract::target::Found) -> Option<Normalized> {
    f.unit_def.and_then(|i| {
        let u = engine.extractor.values.unit_def(i);
        if u.factor == 1.0 && u.normalized == u.unit {
            return None;
        }
        let n = |x: crate::extract::number::Number| json_number(x.scaled(u.factor));
        Some(Normalized {
            value: n(f.value),
            value_max: f.value_max.map(n),
            unit: u.normalized.clone(),
        })
    })
}

/// Where the records go, in order.
pub trait Sink {
    fn document(&mut self, out: &DocOutput) -> Result<()>;

    /// Called once when the last sixteenth of the documents is still to come (and never when
    /// there is nothing left to overlap with): a sink that writes files syncs what it has so far.
    fn nearly_done(&mut self) -> Result<()> {
        Ok(())
    }
}

/// Run over every path: documents in path order, processed in parallel chunks.
pub fn run(
    engine: &Engine,
    paths: &[PathBuf],
    pool: &rayon::ThreadPool,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(usize, usize, u64),
) -> Result<Totals> {
    run_items(engine, walk::walk(paths), pool, sink, progress)
}

/// Documents handed to the writer at once: the writer is woken once per batch, not per document.
const BATCH: usize = 16;

/// Finished documents waiting for the writer, keyed by their place in the walk.
#[derive(Default)]
struct Finished {
    docs: std::collections::BTreeMap<usize, DocOutput>,
    /// The next document the writer writes.
    want: usize,
    /// Whether the writer has been woken for what is waiting.
    woken: bool,
    /// Workers that have stopped.
    stopped: usize,
}

impl Finished {
    fn lock(m: &Mutex<Finished>) -> MutexGuard<'_, Finished> {
        m.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the writer has work: a batch of documents in order from `want`, or every worker
    /// stopped (the rest, if any).
    fn writable(&self, workers: usize) -> bool {
        self.stopped == workers
            || self.docs.len() >= BATCH
                && (self.docs.range(self.want..).take(BATCH).enumerate())
                    .all(|(k, (&i, _))| i == self.want + k)
    }
}

/// Counts a worker as stopped however its loop ends, so the writer never waits for a worker
/// that is gone.
struct Stopped<'a>(&'a Mutex<Finished>, &'a Condvar);

impl Drop for Stopped<'_> {
    fn drop(&mut self) {
        Finished::lock(self.0).stopped += 1;
        self.1.notify_one();
    }
}

/// Run over the entries of a walk ([`walk::walk`]), in their order.
pub fn run_items(
    engine: &Engine,
    items: Vec<Item>,
    pool: &rayon::ThreadPool,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(usize, usize, u64),
) -> Result<Totals> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    let started = Instant::now();
    let total = items.len();
    let workers = pool.current_num_threads().max(1);
    // Documents are taken in path order by whichever worker is free and written in path order
    // in batches as they are done; a worker never runs more than `window` documents ahead of
    // the writer, so memory does not grow with the corpus. The window is wide (a few megabytes
    // of records) because when every core has a worker, the writer shares a core with one and
    // can be off it for a while: a narrow window then stops the other worker too.
    let window = workers * 64;
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let finished = Mutex::new(Finished::default());
    let wake = Condvar::new();
    let mut totals = Totals::default();
    let mut result = Ok(());
    std::thread::scope(|scope| {
        let (next, written, stop, items, wake, finished) =
            (&next, &written, &stop, &items, &wake, &finished);
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..workers {
                    s.spawn(move |_| {
                        let _stopped = Stopped(finished, wake);
                        loop {
                            if stop.load(Ordering::Relaxed) {
                                break;
                            }
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= total {
                                break;
                            }
                            while i >= written.load(Ordering::Acquire) + window
                                && !stop.load(Ordering::Relaxed)
                            {
                                std::thread::sleep(std::time::Duration::from_micros(200));
                            }
                            let out = match &items[i] {
                                Item::File(p) => process_path(engine, p),
                                Item::Error(p, reason) => DocOutput::failed(
                                    &crate::walk::path_text(p),
                                    String::new(),
                                    0,
                                    reason.clone(),
                                ),
                            };
                            let mut f = Finished::lock(finished);
                            f.docs.insert(i, out);
                            if !f.woken && f.writable(workers) {
                                f.woken = true;
                                drop(f);
                                wake.notify_one();
                            }
                        }
                    });
                }
            });
        });
        let mut batch = Vec::with_capacity(BATCH);
        let mut near = false;
        'write: loop {
            {
                let mut f = Finished::lock(finished);
                while !f.writable(workers) {
                    f = wake.wait(f).unwrap_or_else(PoisonError::into_inner);
                }
                f.woken = false;
                let f = &mut *f;
                while let Some(o) = f.docs.remove(&f.want) {
                    batch.push(o);
                    f.want += 1;
                }
                if batch.is_empty() {
                    // Every worker has stopped and nothing in order is left.
                    break;
                }
            }
            for o in batch.drain(..) {
                totals.files += 1;
                totals.bytes += o.document.bytes;
                totals.targets += o.targets.len();
                totals.milestones += o.milestones.len();
                totals.outcomes += o.outcomes.len();
                if o.document.error.is_some() {
                    totals.errors += 1;
                }
                let done = totals.files;
                let left = total - done;
                let nearly = !near && left > 0 && left * 16 <= total;
                if let Err(e) =
                    sink.document(&o)
                        .and_then(|()| if nearly { sink.nearly_done() } else { Ok(()) })
                {
                    result = Err(e);
                    stop.store(true, Ordering::Relaxed);
                    break 'write;
                }
                near |= nearly;
                written.store(done, Ordering::Release);
                progress(done, total, totals.bytes);
            }
        }
    });
    result?;
    totals.seconds = started.elapsed().as_secs_f64();
    Ok(totals)
}

/// Called with (path, reason) for each file that could not be (fully) processed.
pub type Reporter = Box<dyn FnMut(&str, &str)>;

/// The four JSON Lines files of an extract run (and CSV copies with --csv), written into the
/// run's own folder and swapped into the output folder as one set (crate::outdir).
pub struct FileSink {
    pub documents: AtomicFile,
    pub targets: AtomicFile,
    pub milestones: AtomicFile,
    pub outcomes: AtomicFile,
    /// targets.csv, documents.csv and outcomes.csv.
    pub csv: Option<[AtomicFile; 3]>,
    pub report: Reporter,
    run: crate::outdir::RunDir,
    /// Where each document's text goes (`extract --text-dir`).
    texts: Option<PathBuf>,
}

impl FileSink {
    pub fn create(cfg: &ExtractConfig) -> Result<FileSink> {
        let run = crate::outdir::RunDir::open(&cfg.out_dir)?;
        let dir = run.dir();
        let csv = if cfg.csv {
            let mut t = AtomicFile::create(dir, "targets.csv")?;
            let mut d = AtomicFile::create(dir, "documents.csv")?;
            let mut o = AtomicFile::create(dir, "outcomes.csv")?;
            t.write_all(crate::csv::header(crate::csv::TARGET_COLUMNS).as_bytes())?;
            d.write_all(crate::csv::header(crate::csv::DOCUMENT_COLUMNS).as_bytes())?;
            o.write_all(crate::csv::header(crate::csv::OUTCOME_COLUMNS).as_bytes())?;
            Some([t, d, o])
        } else {
            None
        };
        Ok(FileSink {
            documents: AtomicFile::create(dir, "documents.jsonl")?,
            targets: AtomicFile::create(dir, "targets.jsonl")?,
            milestones: AtomicFile::create(dir, "milestones.jsonl")?,
            outcomes: AtomicFile::create(dir, "outcomes.jsonl")?,
            csv,
            report: Box::new(|path, reason| eprintln!("policy-targets: {path}: {reason}")),
            run,
            texts: None,
        })
    }

    /// Also write each document's text to `dir`/<doc_id>.<format>.txt (created if missing; each file
    /// written under a temporary name and renamed when complete).
    pub fn write_texts_to(&mut self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| crate::error::Error::io(dir, e))?;
        self.texts = Some(dir.to_path_buf());
        Ok(())
    }

    fn files_mut(&mut self) -> impl Iterator<Item = &mut AtomicFile> {
        let csv = self.csv.iter_mut().flatten();
        [
            &mut self.documents,
            &mut self.targets,
            &mut self.milestones,
            &mut self.outcomes,
        ]
        .into_iter()
        .chain(csv)
    }

    /// Sync every file, all at once (each sync waits mostly on the disk), and only when all
    /// are on disk swap the run's folder in: a failed sync replaces none of the previous files,
    /// and readers see either the previous set or this one, never a mix.
    pub fn commit(self) -> Result<()> {
        let mut files = vec![self.documents, self.targets, self.milestones, self.outcomes];
        files.extend(self.csv.into_iter().flatten());
        let run = self.run;
        std::thread::scope(|s| {
            let syncs: Vec<_> = files.iter_mut().map(|f| s.spawn(|| f.sync())).collect();
            syncs
                .into_iter()
                .map(|h| h.join().expect("sync thread"))
                .collect::<Result<Vec<()>>>()
        })?;
        files.into_iter().try_for_each(AtomicFile::commit)?;
        run.commit()
    }
}

impl Sink for FileSink {
    /// Sync what is written while the last documents are processed: at the end only their
    /// records are left for the sync (on a 200 MB corpus the sync at the end took about 0.1 s).
    fn nearly_done(&mut self) -> Result<()> {
        self.files_mut().try_for_each(AtomicFile::sync_ahead)
    }

    fn document(&mut self, out: &DocOutput) -> Result<()> {
        if let Some(e) = &out.document.error {
            (self.report)(&out.document.path, e);
        }
        self.documents.json_line(&out.document)?;
        if let (Some(dir), Some(text)) = (&self.texts, &out.text) {
            // The same bytes read as two formats (a page saved as .html and as .txt) are two texts.
            let format = out.document.format.as_deref().unwrap_or("txt");
            let name = format!("{}.{format}.txt", out.document.doc_id);
            let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
            std::fs::write(&tmp, text)
                .and_then(|()| std::fs::rename(&tmp, dir.join(&name)))
                .map_err(|e| crate::error::Error::io(dir.join(&name), e))?;
        }
        for t in &out.targets {
            self.targets.json_line(t)?;
        }
        for m in &out.milestones {
            self.milestones.json_line(m)?;
        }
        for o in &out.outcomes {
            self.outcomes.json_line(o)?;
        }
        if let Some([t, d, o]) = &mut self.csv {
            for r in &out.targets {
                t.write_all(crate::printer::csv_row(&crate::csv::target_row(r)).as_bytes())?;
            }
            d.write_all(
                crate::printer::csv_row(&crate::csv::document_row(&out.document)).as_bytes(),
            )?;
            for r in &out.outcomes {
                o.write_all(crate::printer::csv_row(&crate::csv::outcome_row(r)).as_bytes())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps the path of every document it is given; fails on the document numbered `fail_at`;
    /// notes how many documents it had when told the end is near.
    #[derive(Default)]
    struct Order {
        paths: Vec<String>,
        fail_at: Option<usize>,
        near: Vec<usize>,
    }

    impl Sink for Order {
        fn nearly_done(&mut self) -> Result<()> {
            self.near.push(self.paths.len());
            Ok(())
        }

        fn document(&mut self, out: &DocOutput) -> Result<()> {
            if self.fail_at == Some(self.paths.len()) {
                let e = std::io::Error::other("disk full");
                return Err(crate::error::Error::io(&out.document.path, e));
            }
            self.paths.push(out.document.path.clone());
            Ok(())
        }
    }

    /// Seed notices (which take a while each) mixed with unreadable entries (which take none),
    /// so that workers finish out of order.
    fn items(n: usize) -> Vec<Item> {
        let seeds: Vec<PathBuf> = walk::walk(&[PathBuf::from("seeds")])
            .into_iter()
            .filter_map(|i| match i {
                Item::File(p) => Some(p),
                Item::Error(..) => None,
            })
            .collect();
        assert!(!seeds.is_empty());
        (0..n)
            .map(|k| match k % 3 {
                0 => Item::File(seeds[k % seeds.len()].clone()),
                _ => Item::Error(PathBuf::from(format!("missing/{k:05}.txt")), "gone".into()),
            })
            .collect()
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn spaces_between_wide_chars_are_closed() {
        assert_eq!(close_wide_gaps("互联网应 用适老化"), "互联网应用适老化");
        assert_eq!(close_wide_gaps("开展“ 银龄数字课堂”"), "开展“银龄数字课堂”");
        assert_eq!(close_wide_gaps("5G 基站数"), "5G 基站数");
        assert_eq!(close_wide_gaps("PM2.5 浓度"), "PM2.5 浓度");
    }

    #[test]
    fn every_document_reaches_the_sink_once_in_walk_order_for_any_number_of_threads() {
        let engine = Engine::new(None).unwrap();
        let items = items(3 * BATCH * 7 + 5);
        let want: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::File(p) | Item::Error(p, _) => p.display().to_string(),
            })
            .collect();
        for threads in [1, 2, 3, 8] {
            let mut sink = Order::default();
            let mut seen = Vec::new();
            let totals = run_items(
                &engine,
                items.clone(),
                &pool(threads),
                &mut sink,
                &mut |d, t, _| seen.push((d, t)),
            )
            .unwrap();
            assert_eq!(sink.paths, want, "{threads} threads");
            assert_eq!(totals.files, want.len());
            assert_eq!(totals.errors, want.len() - want.len().div_ceil(3));
            let counted: Vec<(usize, usize)> = (1..=want.len()).map(|d| (d, want.len())).collect();
            assert_eq!(seen, counted, "progress once per document, in order");
            // Told once, with the last sixteenth (rounded down) still to come.
            let n = want.len();
            assert_eq!(sink.near, [n - n / 16], "{threads} threads");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run_and_is_returned() {
        let engine = Engine::new(None).unwrap();
        for threads in [1, 2, 4] {
            let mut sink = Order {
                fail_at: Some(BATCH + 3),
                ..Order::default()
            };
            let got = run_items(
                &engine,
                items(20 * BATCH),
                &pool(threads),
                &mut sink,
                &mut |_, _, _| (),
            );
            let Err(e) = got else {
                panic!("the sink's error was not returned")
            };
            assert!(e.to_string().contains("disk full"), "{e}");
            assert_eq!(sink.paths.len(), BATCH + 3);
        }
    }

    #[test]
    fn a_walk_too_short_to_overlap_is_not_told_the_end_is_near() {
        let engine = Engine::new(None).unwrap();
        for n in [1, 2, 15] {
            let mut sink = Order::default();
            run_items(&engine, items(n), &pool(2), &mut sink, &mut |_, _, _| ()).unwrap();
            assert_eq!(sink.paths.len(), n);
            assert!(sink.near.is_empty(), "{n} documents: {:?}", sink.near);
        }
        let mut sink = Order::default();
        run_items(&engine, items(16), &pool(2), &mut sink, &mut |_, _, _| ()).unwrap();
        assert_eq!(sink.near, [15]);
    }

    #[test]
    fn an_empty_walk_writes_nothing() {
        let engine = Engine::new(None).unwrap();
        let mut sink = Order::default();
        let totals =
            run_items(&engine, Vec::new(), &pool(2), &mut sink, &mut |_, _, _| ()).unwrap();
        assert!(sink.paths.is_empty());
        assert_eq!(totals.files, 0);
    }

    /// A text over the limit read in pieces: records whose offsets, lines and quotes are those
    /// of the whole text, every target of each copy of a seed found, the metadata of the whole
    /// and a warning that names the cut.
    #[test]
    fn a_long_text_read_in_pieces_keeps_offsets_lines_and_records() {
        let mut engine = Engine::new(None).unwrap();
        let seed = std::fs::read_to_string("seeds/001_46e6eaec03570da9.txt").unwrap();
        let whole = process_bytes(&engine, "seed.txt", seed.as_bytes());
        assert!(whole.document.error.is_none());
        let copies = 6;
        let text = format!("{seed}\n").repeat(copies);
        engine.pieces = crate::pieces::Pieces {
            over: seed.len() * 2,
            size: seed.len() + 1,
        };
        let out = process_bytes(&engine, "long.txt", text.as_bytes());
        let warning = out.document.error.as_deref().unwrap_or_default();
        assert!(warning.contains(&format!("{copies} pieces")), "{warning}");
        assert_eq!(out.document.title, whole.document.title);
        assert_eq!(out.document.chars, Some(text.chars().count()));
        assert_eq!(out.targets.len(), copies * whole.targets.len());
        let chars: Vec<char> = text.chars().collect();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(
                chars
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c == '\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let seed_chars = seed.chars().count() + 1;
        for (k, t) in out.targets.iter().enumerate() {
            let quote: String = chars[t.start..t.end].iter().collect();
            assert_eq!(quote, t.quote);
            assert_eq!(t.line, line_starts.partition_point(|&s| s <= t.start));
            let w = &whole.targets[k % whole.targets.len()];
            assert_eq!(t.start, w.start + (k / whole.targets.len()) * seed_chars);
            assert_eq!(
                (&t.indicator, &t.value, &t.unit, t.year, &t.region),
                (&w.indicator, &w.value, &w.unit, w.year, &w.region)
            );
        }
        assert_eq!(out.milestones.len(), copies * whole.milestones.len());
        // The same text as a file is read from disk piece by piece, to the same output.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("long.txt");
        std::fs::write(&file, &text).unwrap();
        let shown = file.display().to_string();
        assert!(pieces::survey(&file, &engine.pieces).unwrap().is_some());
        let from_disk = process_path(&engine, &file);
        let in_memory = process_bytes(&engine, &shown, text.as_bytes());
        let json = |o: &DocOutput| {
            serde_json::to_string(&(&o.document, &o.targets, &o.milestones)).unwrap()
        };
        assert_eq!(json(&from_disk), json(&in_memory));
    }
}
