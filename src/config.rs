//! Configuration: the validated form of the command-line flags, owning the expensive shared
//! things (compiled patterns, the segmenter, the converter, the thread pool).

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::formats::FormatRules;
use crate::normalize::Converter;
use crate::patterns::{Patterns, Sources};
use crate::segment::Segmenter;

/// Everything a run needs, built once.
pub struct Engine {
    pub patterns: Patterns,
    pub segmenter: Segmenter,
    pub converter: Converter,
    pub extractor: Extractor,
    pub formats: FormatRules,
    /// Keep each document's text in its output (for `extract --text-dir`).
    pub keep_text: bool,
    /// When a text is too long to read whole.
    pub pieces: crate::pieces::Pieces,
}

impl Engine {
    /// Load the patterns (the embedded set, or `dir` over it) and build everything from them.
    pub fn new(patterns_dir: Option<&std::path::Path>) -> Result<Engine> {
        Ok(Engine::new_while(patterns_dir, || ())?.0)
    }

    /// [`Engine::new`], running `meanwhile` on this thread once the converter and the rules are
    /// built, while the segmenter's dictionary (the longest part of start-up) is still being
    /// built on a thread of its own: work done there adds nothing to the start-up time.
    pub fn new_while<T>(
        patterns_dir: Option<&std::path::Path>,
        meanwhile: impl FnOnce() -> T,
    ) -> Result<(Engine, T)> {
        let sources = match patterns_dir {
            Some(d) => Sources::with_dir(d)?,
            None => Sources::embedded(),
        };
        let patterns = Patterns::from_sources(sources)?;
        let formats = FormatRules::new(&patterns)?;
        let (segmenter, rest) = std::thread::scope(|scope| {
            let segmenter = scope.spawn(|| Segmenter::new(&patterns));
            let rest = Converter::new()
                .and_then(|c| Ok((c, Extractor::new(&patterns)?)))
                .map(|built| (built, meanwhile()));
            let segmenter = segmenter
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (segmenter, rest)
        });
        let ((converter, extractor), done) = rest?;
        Ok((
            Engine {
                patterns,
                segmenter,
                converter,
                extractor,
                formats,
                keep_text: false,
                pieces: crate::pieces::Pieces::default(),
            },
            done,
        ))
    }
}

/// Settings of an `extract` run.
pub struct ExtractConfig {
    pub out_dir: PathBuf,
    pub pool: rayon::ThreadPool,
    pub quiet: bool,
    pub stats: bool,
    pub csv: bool,
    pub progress: bool,
}

impl ExtractConfig {
    pub fn new(
        out_dir: PathBuf,
        threads: usize,
        quiet: bool,
        stats: bool,
        csv: bool,
    ) -> Result<ExtractConfig> {
        let pool = build_pool(threads)?;
        use std::io::IsTerminal;
        let progress = !quiet && std::io::stderr().is_terminal();
        Ok(ExtractConfig {
            out_dir,
            pool,
            quiet,
            stats,
            csv,
            progress,
        })
    }
}

/// A thread pool of `threads` workers (0: one per core).
pub fn build_pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Config(format!("cannot start {threads} threads: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meanwhile_runs_once_and_only_when_the_patterns_load() {
        let mut calls = 0;
        let (engine, got) = Engine::new_while(None, || {
            calls += 1;
            "walked"
        })
        .unwrap();
        assert_eq!((got, calls), ("walked", 1));
        assert!(!engine.segmenter.cut("孕产妇死亡率").is_empty());

        let not_a_folder = tempfile::NamedTempFile::new().unwrap();
        let mut calls = 0;
        let built = Engine::new_while(Some(not_a_folder.path()), || calls += 1);
        assert!(built.is_err());
        assert_eq!(calls, 0);
    }
}
