//! The inputs of `compare` and `attainment`: output folders of `extract` read (JSON Lines, line
//! by line), notices extracted on the fly, each document taken once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{build_pool, Engine};
use crate::error::Result;
use crate::normalize::Converter;
use crate::patterns::{Patterns, Sources};
use crate::pipeline::{self, DocOutput, Sink};
use crate::record::{DocumentRecord, MilestoneRecord, OutcomeRecord, TargetRecord};
use crate::region::RegionTable;

/// The records of JSON Lines bytes, read line by line: a line that is not UTF-8 or not a record
/// (a truncated last line included) is passed to `report` with its number (`path:N: reason`) and
/// the rest is read; a byte-order mark before the first record is tolerated.
pub fn parse_jsonl<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    path: &Path,
    report: &mut dyn FnMut(String),
) -> Vec<T> {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let mut out = Vec::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = match std::str::from_utf8(line) {
            Ok(t) => t,
            Err(e) => {
                report(format!(
                    "{}:{}: not UTF-8 (byte {} of the line)",
                    path.display(),
                    i + 1,
                    e.valid_up_to() + 1
                ));
                continue;
            }
        };
        match serde_json::from_str(text) {
            Ok(r) => out.push(r),
            Err(e) => report(format!("{}:{}: {e}", path.display(), i + 1)),
        }
    }
    out
}

/// The records read from all inputs. A document (by `doc_id`) is taken from the first input
/// and path that holds it, so the same notice given twice is compared once.
#[derive(Default)]
pub struct Loaded {
    pub documents: Vec<DocumentRecord>,
    pub targets: Vec<TargetRecord>,
    /// The milestones of the inputs (for the page of `--format html`).
    pub milestones: Vec<MilestoneRecord>,
    /// The outcomes of the inputs (for `attainment`).
    pub outcomes: Vec<OutcomeRecord>,
    /// Inputs (files or lines) that could not be read; each was reported on stderr.
    pub errors: usize,
    pub(crate) owner: HashMap<String, (usize, String)>,
}

impl Loaded {
    fn accept(&mut self, source: usize, doc_id: &str, path: &str) -> bool {
        if doc_id.is_empty() {
            return true;
        }
        match self.owner.get(doc_id) {
            Some((s, p)) => *s == source && p == path,
            None => {
                self.owner
                    .insert(doc_id.to_string(), (source, path.to_string()));
                true
            }
        }
    }

    fn add_document(&mut self, source: usize, doc: DocumentRecord) {
        let fresh = !self.owner.contains_key(&doc.doc_id);
        if self.accept(source, &doc.doc_id, &doc.path) && (fresh || doc.doc_id.is_empty()) {
            self.documents.push(doc);
        }
    }

    fn add_target(&mut self, source: usize, t: TargetRecord) {
        if self.accept(source, &t.doc_id, &t.path) {
            self.targets.push(t);
        }
    }

    fn add_milestone(&mut self, source: usize, m: MilestoneRecord) {
        if self.accept(source, &m.doc_id, &m.path) {
            self.milestones.push(m);
        }
    }

    fn add_outcome(&mut self, source: usize, o: OutcomeRecord) {
        if self.accept(source, &o.doc_id, &o.path) {
            self.outcomes.push(o);
        }
    }

    fn report(&mut self, what: impl std::fmt::Display) {
        eprintln!("policy-targets: {what}");
        self.errors += 1;
    }

    /// Read `documents.jsonl` and `targets.jsonl` of an output folder as input number `source`.
    pub fn read_output_dir(&mut self, source: usize, dir: &Path) {
        let docs = dir.join("documents.jsonl");
        for rec in self.read_jsonl::<DocumentRecord>(&docs) {
            self.add_document(source, rec);
        }
        let targets = dir.join("targets.jsonl");
        for rec in self.read_jsonl::<TargetRecord>(&targets) {
            self.add_target(source, rec);
        }
        // Milestones and outcomes are read where they are (an older output may lack them).
        let milestones = dir.join("milestones.jsonl");
        if milestones.exists() {
            for rec in self.read_jsonl::<MilestoneRecord>(&milestones) {
                self.add_milestone(source, rec);
            }
        }
        let outcomes = dir.join("outcomes.jsonl");
        if outcomes.exists() {
            for rec in self.read_jsonl::<OutcomeRecord>(&outcomes) {
                self.add_outcome(source, rec);
            }
        }
    }

    /// The records of a JSON Lines file (see [`parse_jsonl`]); what cannot be read is reported.
    fn read_jsonl<T: serde::de::DeserializeOwned>(&mut self, path: &Path) -> Vec<T> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.report(format_args!("{}: {e}", path.display()));
                return Vec::new();
            }
        };
        let out = parse_jsonl(&bytes, path, &mut |msg| self.report(msg));
        if out.is_empty() {
            eprintln!("policy-targets: warning: {}: no records", path.display());
        }
        out
    }

    /// Extract the notices under `paths` (in memory, nothing written) as input number `source`.
    pub fn extract(&mut self, source: usize, engine: &Engine, paths: &[PathBuf]) -> Result<()> {
        let pool = build_pool(0)?;
        let mut sink = Collect {
            loaded: self,
            source,
        };
        pipeline::run(engine, paths, &pool, &mut sink, &mut |_, _, _| {})?;
        Ok(())
    }
}

struct Collect<'a> {
    loaded: &'a mut Loaded,
    source: usize,
}

impl Sink for Collect<'_> {
    fn document(&mut self, out: &DocOutput) -> Result<()> {
        if let Some(e) = &out.document.error {
            self.loaded
                .report(format_args!("{}: {e}", out.document.path));
        }
        self.loaded.add_document(self.source, out.document.clone());
        for t in &out.targets {
            self.loaded.add_target(self.source, t.clone());
        }
        for m in &out.milestones {
            self.loaded.add_milestone(self.source, m.clone());
        }
        for o in &out.outcomes {
            self.loaded.add_outcome(self.source, o.clone());
        }
        Ok(())
    }
}

/// Is `path` an output folder of `extract` (a folder holding targets.jsonl)?
pub fn is_output_dir(path: &Path) -> bool {
    path.is_dir() && path.join("targets.jsonl").is_file()
}

/// Extract the notices collected in `pending` as one more input.
fn flush(
    pending: &mut Vec<PathBuf>,
    loaded: &mut Loaded,
    engine: &mut Option<Engine>,
    source: &mut usize,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    if engine.is_none() {
        *engine = Some(Engine::new(None)?);
    }
    let e = engine.as_ref().expect("engine built above");
    loaded.extract(*source, e, pending)?;
    *source += 1;
    pending.clear();
    Ok(())
}

/// Load every input in order: output folders are read, consecutive notice paths extracted
/// together (the engine is built only when there are notices).
pub fn load(inputs: &[PathBuf], engine: &mut Option<Engine>) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut pending: Vec<PathBuf> = Vec::new();
    let mut source = 0;
    for input in inputs {
        if is_output_dir(input) {
            flush(&mut pending, &mut loaded, engine, &mut source)?;
            loaded.read_output_dir(source, input);
            source += 1;
        } else {
            pending.push(input.clone());
        }
    }
    flush(&mut pending, &mut loaded, engine, &mut source)?;
    Ok(loaded)
}

/// What matching names needs: the converter, the region table and the patterns — the engine's
/// when notices were extracted, else built from the embedded patterns (no segmenter: quick).
pub enum Matching {
    Engine(Box<Engine>),
    Own(Box<(Converter, RegionTable, Patterns)>),
}

impl Matching {
    pub fn new(engine: Option<Engine>) -> Result<Matching> {
        if let Some(e) = engine {
            return Ok(Matching::Engine(Box::new(e)));
        }
        let patterns = Patterns::from_sources(Sources::embedded())?;
        let converter = Converter::new()?;
        let (file, text) = patterns.sources.get("regions.tsv");
        let regions = RegionTable::parse(text, file).map_err(crate::error::Error::Config)?;
        Ok(Matching::Own(Box::new((converter, regions, patterns))))
    }

    pub fn parts(&self) -> (&Converter, &RegionTable, &Patterns) {
        match self {
            Matching::Engine(e) => (&e.converter, &e.extractor.regions, &e.patterns),
            Matching::Own(o) => (&o.0, &o.1, &o.2),
        }
    }
}
