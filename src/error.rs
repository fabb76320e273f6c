//! Error types: start-up errors (bad flags, broken pattern files) and per-file errors.

use std::fmt;
use std::path::PathBuf;

/// An error that stops the run before any document is read.
#[derive(Debug)]
pub enum Error {
    /// A pattern file could not be parsed: file, 1-based line, reason, the offending text.
    Pattern {
        file: String,
        line: usize,
        reason: String,
        text: String,
    },
    /// An I/O error on a named path (output folder, pattern folder, ...).
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Anything else that makes the configuration unusable.
    Config(String),
}

impl Error {
    pub fn pattern(file: &str, line: usize, reason: impl Into<String>, text: &str) -> Error {
        Error::Pattern {
            file: file.to_string(),
            line,
            reason: reason.into(),
            text: text.to_string(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pattern {
                file,
                line,
                reason,
                text,
            } => write!(f, "{file}:{line}: {reason}: {text:?}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Config(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_error_names_file_line_and_text() {
        let e = Error::pattern("patterns/units.tsv", 7, "expected 4 columns", "个\tcount");
        assert_eq!(
            e.to_string(),
            "patterns/units.tsv:7: expected 4 columns: \"个\\tcount\""
        );
    }
}
