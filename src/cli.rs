//! Command line: flags parsed with clap, turned once into a validated configuration, and the
//! exit codes (0 all read, 1 some file could not be processed, 2 usage or start-up error).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{Engine, ExtractConfig};
use crate::pipeline::{self, FileSink};

pub use crate::exit::{EXIT_FATAL, EXIT_FILE_ERRORS, EXIT_OK};

#[derive(Parser, Debug)]
#[command(
    name = "policy-targets",
    version,
    about = "Turn folders of Chinese policy notices into normalized data about the targets they set.",
    long_about = "Turn folders of Chinese policy notices (通知, 工作要点, 行动计划, 实施方案) into normalized \
JSON Lines: one record per numeric target (indicator, comparator, value, unit, deadline, responsible \
units, and its exact place in the source), one per dated milestone, one per figure reported as \
achieved (outcomes: a work report's review of the past year), and one per document (title, issuer, \
document number, date, region).",
    after_help = "Examples:\n  policy-targets extract seeds/                 # writes output/{documents,targets,milestones,outcomes}.jsonl\n  policy-targets extract notices/ -o out -j 4 --stats\n  policy-targets extract a.txt b.txt --csv      # also targets.csv, outcomes.csv and documents.csv\n\nExit codes: 0 all files read; 1 some file could not be processed (the rest was); 2 usage or start-up error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read notices and write documents.jsonl, targets.jsonl, milestones.jsonl and outcomes.jsonl.
    #[command(
        long_about = "Read every notice under each PATH (a file, or a folder walked recursively, hidden entries \
skipped) and write documents.jsonl, targets.jsonl, milestones.jsonl and outcomes.jsonl into the output \
folder.\n\n\
Formats: plain text (.txt .text .md), web pages (.html .htm .shtml .xhtml: the article's text, not the \
site's menus, breadcrumbs or footer), Word (.docx), spreadsheets (.xlsx .xlsm .xls .ods) and PDF files \
with a text layer (.pdf); a file's content decides over its name for PDF and Office files. Legacy \
formats (.doc .wps .et .rtf .odt .ofd .ppt .pptx) are reported with advice on converting them. Files \
of other types inside a folder are left, and the run says how many of which type (-v names them). \
Offsets refer to the text read from each file; --text-dir writes that text.\n\n\
Encodings of text and web pages (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK, a page's \
declared charset checked against its bytes) are detected per file; traditional characters are read as simplified while quotes and offsets point into the original \
text. A file that cannot be read is reported on stderr as `policy-targets: <path>: <reason>` and in \
documents.jsonl, and the run goes on. Output files are written under a temporary name and renamed when \
complete; records are in path order and identical for any number of threads."
    )]
    Extract(ExtractArgs),
    /// Compare the targets of regions for the same indicator, strictest first, conflicts flagged.
    #[command(
        long_about = "Line up the targets that documents set for the same indicator: one row per region, \
year and document (region, code, year, deadline, comparator, value, unit, normalized value, strength, \
the document's title, number and date, and the quote), grouped by indicator_id (or the indicator text \
where the lexicon has no id). Each INPUT is an output folder of `extract` (a folder holding \
targets.jsonl; documents.jsonl is read beside it) or notices to extract on the fly (nothing is \
written but the comparison).\n\n\
Rows are ordered from the most to the least demanding target: lower first for <= and <, higher first \
for >= and >, and =, ~ and ranges by value in the direction of the indicator's other rows (in document \
order when no row has one); the strictest and the loosest are marked. Values in convertible units are \
compared on `normalized` (0.5% and 5‰ are the same target); rows in units that do not convert are \
never compared with each other, and the output says so. Restatements (duplicate_of set) are dropped. \
The same region, indicator and year with different targets is flagged as a CONFLICT, never merged.\n\n\
Names are matched after one normalization on both sides (simplified characters, half-width forms, no \
spaces; regions by today's 6-digit code), so 孕產婦死亡率 finds 孕产妇死亡率 and 南安 finds 南安市.",
        after_help = "Examples:\n  policy-targets compare output --indicator 孕产妇死亡率\n  policy-targets compare output --indicator maternal_mortality_ratio --region 南安 --region 360112\n  policy-targets compare seeds/ --year 2025 --format md        # extract on the fly\n  policy-targets compare out2022 out2023 -o compare.csv         # format from the extension\n\nFormats: table (the default), csv (RFC 4180, UTF-8 with a BOM), md (a table per indicator), json (one object per indicator), html (one self-contained page: charts, timelines, rows, filters). With -o FILE ending in .csv, .md, .json or .html that format is the default.\n\nExit codes: 0 all inputs read; 1 some input could not be read (the rest was compared); 2 usage error or the output cannot be written."
    )]
    Compare(crate::compare::CompareArgs),
    /// Line up each target with the outcome reported for its region, indicator and year, and judge it.
    #[command(
        long_about = "Line up, for each region (national documents as 全国), indicator (by indicator_id, else \
the indicator text as `compare` keys it) and year, the targets set for that year and the outcomes reported \
for that year by any document (outcomes.jsonl: a work report's review of the year before), and judge each \
pair. Each INPUT is an output folder of `extract` or notices to extract on the fly.\n\n\
Verdicts: a bound (>=, >, <=, <) is met or missed as written; a range is met inside it, exceeded beyond it \
on the indicator's better side, missed on the other; = and ~ are met within a tolerance (±0.3 in the unit \
written for a rate: %, ‰, 个百分点; ±3% of the target for an amount), else exceeded on the better side and \
missed on the other. The better side is the indicator's direction in patterns/indicators.tsv (higher for \
growth, jobs, coverage; lower for prices, unemployment, mortality), else the one its targets' bounds agree \
on; without one, such a verdict is unknown. A target whose year has no outcome yet is not_reported; an \
outcome no target asked for is no_target; units that do not convert give unknown. Values compare on the \
unit both write (so % compares in percentage points), else on their normalized unit; `gap` is outcome − \
target in that unit.\n\n\
Several targets or outcomes for one key are never merged: each pair is a row, the outcome of the latest \
document is marked as the one that counts, and the key is flagged as a conflict. Outcomes for more than one \
year (a five-year total) and targets without a year are not placed.",
        after_help = "Examples:\n  policy-targets attainment out --indicator gdp_growth --region 全国\n  policy-targets attainment reports/ --year 2024 --format md       # extract on the fly\n  policy-targets attainment out -o attainment.csv                  # format from the extension\n\nFormats: table (the default), csv (RFC 4180, UTF-8 with a BOM), md, json (one object per row).\n\nExit codes: 0 all inputs read; 1 some input could not be read (the rest was used); 2 usage error or the output cannot be written."
    )]
    Attainment(crate::attainment::AttainmentArgs),
    /// Read documents as JSON Lines on stdin and write their records as JSON Lines on stdout.
    #[command(
        long_about = "Read documents as JSON Lines on stdin, one per line: {\"path\": …, \"text\": …} for text, or \
{\"path\": …, \"bytes_base64\": …} for a file's raw bytes in any encoding or format extract reads (the path's \
ending names the format where the content does not). Write on stdout, for each document in input order, \
its document record, then its targets, then its milestones, then its outcomes — the records extract writes for a file of that \
path and those bytes, byte for byte, told apart by `kind`. Documents are processed in batches (--batch, and \
at most 64 MB of input) by the worker threads, one batch read ahead; each batch's records are flushed when it \
is done, so memory stays flat however long the stream. A line that is not such an object becomes a document \
record with its error (path `<stdin:N>` when it names none), reported on stderr with its line number, and the \
stream goes on. A closed stdout ends the stream quietly. Made to run as a stage of a cluster job \
(Spark's RDD.pipe): see scripts/spark/.",
        after_help = "Examples:\n  printf '{\"path\":\"a.txt\",\"text\":\"到2025年，孕产妇死亡率控制在10/10万以下。\"}\\n' | policy-targets stream\n  python3 -c 'import base64,json,sys; print(json.dumps({\"path\": sys.argv[1], \"bytes_base64\": base64.b64encode(open(sys.argv[1],\"rb\").read()).decode()}))' notice.pdf | policy-targets stream -j 2\n\nExit codes: 0 every document read; 1 some document or line could not be (fully) read (the rest was); 2 start-up error or stdout failed."
    )]
    Stream(crate::stream::StreamArgs),
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders of notices.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        default_value = "output"
    )]
    pub output: PathBuf,
    /// Worker threads; 0 uses one per core.
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Folder of pattern files; each file present replaces the built-in one of the same name.
    #[arg(long = "patterns", value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// No progress output.
    #[arg(short = 'q', long = "quiet")]
    pub quiet: bool,
    /// Print files, bytes, records, errors, seconds and MB/s to stderr at the end (seconds from
    /// the first document to the last record written: start-up and the final sync not counted).
    #[arg(long = "stats")]
    pub stats: bool,
    /// Also write targets.csv and documents.csv (UTF-8 with BOM, for spreadsheets).
    #[arg(long = "csv")]
    pub csv: bool,
    /// Write the text read from each document (a page's article, a PDF's text layer) to
    /// DIR/<doc_id>.<format>.txt (format as in documents.jsonl): the text that the records'
    /// start, end and line refer to.
    #[arg(long = "text-dir", value_name = "DIR")]
    pub text_dir: Option<PathBuf>,
    /// Name each file left in a folder because it is of a type not read.
    #[arg(short = 'v', long = "verbose")]
    pub verbose: bool,
}

/// Parse the command line, run, and return the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Compare(args) => crate::compare::run(args),
        Command::Attainment(args) => crate::attainment::run(args),
        Command::Stream(args) => crate::stream::run(args),
    }
}

fn fatal(msg: impl std::fmt::Display) -> i32 {
    eprintln!("policy-targets: {msg}");
    EXIT_FATAL
}

fn run_extract(args: ExtractArgs) -> i32 {
    // The folders are walked while the segmenter's dictionary is being built.
    let (mut engine, walked) = match Engine::new_while(args.patterns.as_deref(), || {
        crate::walk::walk_all(&args.paths)
    }) {
        Ok(e) => e,
        Err(e) => return fatal(e),
    };
    if let Some(summary) = walked.left_summary() {
        eprintln!(
            "policy-targets: {summary}{}",
            if args.verbose { "" } else { " (-v names them)" }
        );
        if args.verbose {
            for p in &walked.left {
                eprintln!(
                    "policy-targets: {}: left: not a type read",
                    crate::walk::path_text(p)
                );
            }
        }
    }
    engine.keep_text = args.text_dir.is_some();
    let items = walked.items;
    let walked_left = walked.left.len();
    let cfg = match ExtractConfig::new(args.output, args.threads, args.quiet, args.stats, args.csv)
    {
        Ok(c) => c,
        Err(e) => return fatal(e),
    };
    let mut sink = match FileSink::create(&cfg) {
        Ok(s) => s,
        Err(e) => return fatal(e),
    };
    if let Some(dir) = &args.text_dir {
        if let Err(e) = sink.write_texts_to(dir) {
            return fatal(e);
        }
    }
    let show = cfg.progress;
    let started = std::time::Instant::now();
    let mut last = std::time::Instant::now();
    let mut progress = |done: usize, total: usize, bytes: u64| {
        if show && (last.elapsed().as_millis() >= 200 || done == total) {
            last = std::time::Instant::now();
            eprint!(
                "\r{done}/{total} files, {:.1} MB, {:.0}s",
                bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            if done == total {
                eprintln!();
            }
        }
    };
    let totals = match pipeline::run_items(&engine, items, &cfg.pool, &mut sink, &mut progress) {
        Ok(t) => t,
        Err(e) => return fatal(e),
    };
    if let Err(e) = sink.commit() {
        return fatal(e);
    }
    if cfg.stats {
        let mb = totals.bytes as f64 / 1e6;
        eprintln!(
            "files {}, left {}, bytes {} ({:.2} MB), targets {}, milestones {}, outcomes {}, errors {}, seconds {:.3}, {:.2} MB/s",
            totals.files,
            walked_left,
            totals.bytes,
            mb,
            totals.targets,
            totals.milestones,
            totals.outcomes,
            totals.errors,
            totals.seconds,
            if totals.seconds > 0.0 { mb / totals.seconds } else { 0.0 }
        );
    }
    // The process ends here: freeing the dictionaries and automata one by one would only add
    // a few milliseconds.
    std::mem::forget(engine);
    if totals.errors > 0 {
        EXIT_FILE_ERRORS
    } else {
        EXIT_OK
    }
}
