//! The pipeline: walk → read and decode → normalize → extract → records, documents in parallel
//! (rayon) and written in path order as each chunk finishes, so memory does not grow with the
//! corpus and the output is the same for any number of threads.

use std::path::{Path, PathBuf};
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::config::{Engine, ExtractConfig};
use crate::decode;
use crate::document::Document;
use crate::error::Result;
use crate::extract::Extraction;
use crate::normalize;
use crate::printer::AtomicFile;
use crate::record::{json_number, DocumentRecord, MilestoneRecord, Normalized, TargetRecord};
use crate::walk::{self, Item};

/// The records of one input file.
#[derive(Debug, Clone)]
pub struct DocOutput {
    pub document: DocumentRecord,
    pub targets: Vec<TargetRecord>,
    pub milestones: Vec<MilestoneRecord>,
}

/// Totals of a run, for --stats.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub files: usize,
    pub bytes: u64,
    pub targets: usize,
    pub milestones: usize,
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
        bytes,
        chars: None,
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
        targets: 0,
        milestones: 0,
        error: Some(error),
    }
}

/// Read and process one file.
pub fn process_path(engine: &Engine, path: &Path) -> DocOutput {
    let shown = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => process_guarded(engine, &shown, &bytes),
        Err(e) => DocOutput {
            document: empty_record(&shown, String::new(), 0, e.to_string()),
            targets: Vec::new(),
            milestones: Vec::new(),
        },
    }
}

thread_local! {
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keep the panic message of a failure inside one document off stderr (it is reported as that
/// document's error, one line); any other panic is printed as usual.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_DOCUMENT.with(|f| f.get()) {
            default(info);
        }
    }));
}

/// [`process_bytes`], with a failure inside extraction turned into this file's error instead
/// of stopping the batch.
pub fn process_guarded(engine: &Engine, path: &str, bytes: &[u8]) -> DocOutput {
    IN_DOCUMENT.with(|f| f.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process_bytes(engine, path, bytes)
    }));
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
            DocOutput {
                document: empty_record(
                    path,
                    doc_id(bytes),
                    bytes.len() as u64,
                    format!("internal error while extracting: {first}"),
                ),
                targets: Vec::new(),
                milestones: Vec::new(),
            }
        }
    }
}

/// Process the bytes of one file, reported under `path`.
pub fn process_bytes(engine: &Engine, path: &str, bytes: &[u8]) -> DocOutput {
    let id = doc_id(bytes);
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(refused) => {
            return DocOutput {
                document: empty_record(path, id, bytes.len() as u64, refused.0),
                targets: Vec::new(),
                milestones: Vec::new(),
            }
        }
    };
    let norm = normalize::normalize(&decoded.text, &engine.converter);
    let doc = Document::new(&decoded.text, &norm.text);
    let ex = engine
        .extractor
        .extract(&decoded.text, &norm.text, &engine.segmenter);
    let (targets, milestones) = records(engine, &doc, &ex, path, &id);
    let m = &ex.meta;
    DocOutput {
        document: DocumentRecord {
            doc_id: id,
            path: path.to_string(),
            bytes: bytes.len() as u64,
            chars: Some(doc.chars()),
            encoding: Some(decoded.encoding.to_string()),
            script: Some(norm.script.as_str().to_string()),
            title: m.title.clone(),
            issuer: m.issuer.clone(),
            doc_number: m.doc_number.clone(),
            date: m.date.clone(),
            region: m.region.clone(),
            region_code: m.region_code.clone(),
            province: m.province.clone(),
            prefecture: m.prefecture.clone(),
            region_candidates: m.region_candidates.clone(),
            targets: targets.len(),
            milestones: milestones.len(),
            error: decoded.warning,
        },
        targets,
        milestones,
    }
}

fn simplified(engine: &Engine, s: &str) -> String {
    // Indicator and task text come from the normalized text, which is already simplified;
    // convert once more for words assembled from several places.
    engine.converter.convert(s)
}

fn records(
    engine: &Engine,
    doc: &Document,
    ex: &Extraction,
    path: &str,
    id: &str,
) -> (Vec<TargetRecord>, Vec<MilestoneRecord>) {
    let time_fields = |t: &Option<crate::extract::deadline::TimeExpr>| -> (Option<i32>, Option<String>, Option<String>) {
        match t {
            Some(t) => (
                t.year,
                t.deadline.clone(),
                Some(doc.original_slice(t.start, t.end).trim().to_string()),
            ),
            None => (None, None, None),
        }
    };
    let mut targets = Vec::with_capacity(ex.targets.len());
    for t in &ex.targets {
        let f = &t.found;
        let (year, deadline, deadline_text) = time_fields(&t.time);
        let normalized = f.unit_def.and_then(|i| {
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
        });
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
            units: t.units.units.clone(),
            lead_units: t.units.lead.clone(),
            support_units: t.units.support.clone(),
            region: ex.meta.region.clone(),
            region_code: ex.meta.region_code.clone(),
            duplicate_of: t.duplicate_of.map(|b| doc.char_at(b)),
            quote: doc.original_slice(f.start, f.end).to_string(),
            start: doc.char_at(f.start),
            end: doc.char_at(f.end),
            line: doc.line_of(f.start),
            rule: f.rule.to_string(),
        });
    }
    let mut milestones = Vec::with_capacity(ex.milestones.len());
    for m in &ex.milestones {
        let (year, deadline, deadline_text) = time_fields(&m.time);
        milestones.push(MilestoneRecord {
            doc_id: id.to_string(),
            path: path.to_string(),
            kind: "milestone".into(),
            task: simplified(engine, &m.task),
            year,
            deadline,
            deadline_text,
            recurring: m.recurring.clone(),
            units: m.units.units.clone(),
            lead_units: m.units.lead.clone(),
            support_units: m.units.support.clone(),
            region: ex.meta.region.clone(),
            region_code: ex.meta.region_code.clone(),
            duplicate_of: m.duplicate_of.map(|b| doc.char_at(b)),
            quote: doc.original_slice(m.start, m.end).to_string(),
            start: doc.char_at(m.start),
            end: doc.char_at(m.end),
            line: doc.line_of(m.start),
            rule: m.rule.to_string(),
        });
    }
    (targets, milestones)
}

/// Where the records go, in order.
pub trait Sink {
    fn document(&mut self, out: &DocOutput) -> Result<()>;
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

/// Run over the entries of a walk ([`walk::walk`]), in their order.
pub fn run_items(
    engine: &Engine,
    items: Vec<Item>,
    pool: &rayon::ThreadPool,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(usize, usize, u64),
) -> Result<Totals> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::mpsc;

    let started = Instant::now();
    let total = items.len();
    let workers = pool.current_num_threads().max(1);
    // Documents are taken in path order by whichever worker is free and written in path order
    // as soon as each is done; a worker never runs more than `window` documents ahead of the
    // writer, so memory does not grow with the corpus. The window is wide (a few megabytes of
    // records) because when every core has a worker, the writer shares a core with one and can
    // be off it for a while: a narrow window then stops the other worker too.
    let window = workers * 64;
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::sync_channel::<(usize, DocOutput)>(window);
    let mut totals = Totals::default();
    let mut result = Ok(());
    std::thread::scope(|scope| {
        let (next, written, stop, items) = (&next, &written, &stop, &items);
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..workers {
                    let tx = tx.clone();
                    s.spawn(move |_| loop {
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
                            Item::Error(p, reason) => DocOutput {
                                document: empty_record(
                                    &p.display().to_string(),
                                    String::new(),
                                    0,
                                    reason.clone(),
                                ),
                                targets: Vec::new(),
                                milestones: Vec::new(),
                            },
                        };
                        if tx.send((i, out)).is_err() {
                            break;
                        }
                    });
                }
            });
            drop(tx);
        });
        let rx = rx;
        let mut pending: BTreeMap<usize, DocOutput> = BTreeMap::new();
        let mut want = 0;
        for (i, out) in rx.iter() {
            pending.insert(i, out);
            while let Some(o) = pending.remove(&want) {
                totals.files += 1;
                totals.bytes += o.document.bytes;
                totals.targets += o.targets.len();
                totals.milestones += o.milestones.len();
                if o.document.error.is_some() {
                    totals.errors += 1;
                }
                if let Err(e) = sink.document(&o) {
                    result = Err(e);
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
                want += 1;
                written.store(want, Ordering::Release);
                progress(want, total, totals.bytes);
            }
            if result.is_err() {
                break;
            }
        }
        // Dropping the receiver makes the workers' next send fail, so they stop.
        drop(rx);
    });
    result?;
    totals.seconds = started.elapsed().as_secs_f64();
    Ok(totals)
}

/// Called with (path, reason) for each file that could not be (fully) processed.
pub type Reporter = Box<dyn FnMut(&str, &str)>;

/// The three JSON Lines files of an extract run (and CSV copies with --csv).
pub struct FileSink {
    pub documents: AtomicFile,
    pub targets: AtomicFile,
    pub milestones: AtomicFile,
    pub csv: Option<(AtomicFile, AtomicFile)>,
    pub report: Reporter,
}

impl FileSink {
    pub fn create(cfg: &ExtractConfig) -> Result<FileSink> {
        std::fs::create_dir_all(&cfg.out_dir)
            .map_err(|e| crate::error::Error::io(&cfg.out_dir, e))?;
        let csv = if cfg.csv {
            let mut t = AtomicFile::create(&cfg.out_dir, "targets.csv")?;
            let mut d = AtomicFile::create(&cfg.out_dir, "documents.csv")?;
            t.write_all(crate::csv::header(crate::csv::TARGET_COLUMNS).as_bytes())?;
            d.write_all(crate::csv::header(crate::csv::DOCUMENT_COLUMNS).as_bytes())?;
            Some((t, d))
        } else {
            None
        };
        Ok(FileSink {
            documents: AtomicFile::create(&cfg.out_dir, "documents.jsonl")?,
            targets: AtomicFile::create(&cfg.out_dir, "targets.jsonl")?,
            milestones: AtomicFile::create(&cfg.out_dir, "milestones.jsonl")?,
            csv,
            report: Box::new(|path, reason| eprintln!("policy-targets: {path}: {reason}")),
        })
    }

    pub fn commit(self) -> Result<()> {
        self.documents.commit()?;
        self.targets.commit()?;
        self.milestones.commit()?;
        if let Some((t, d)) = self.csv {
            t.commit()?;
            d.commit()?;
        }
        Ok(())
    }
}

impl Sink for FileSink {
    fn document(&mut self, out: &DocOutput) -> Result<()> {
        if let Some(e) = &out.document.error {
            (self.report)(&out.document.path, e);
        }
        self.documents.json_line(&out.document)?;
        for t in &out.targets {
            self.targets.json_line(t)?;
        }
        for m in &out.milestones {
            self.milestones.json_line(m)?;
        }
        if let Some((t, d)) = &mut self.csv {
            for r in &out.targets {
                t.write_all(crate::printer::csv_row(&crate::csv::target_row(r)).as_bytes())?;
            }
            d.write_all(
                crate::printer::csv_row(&crate::csv::document_row(&out.document)).as_bytes(),
            )?;
        }
        Ok(())
    }
}
