//! Output: JSON Lines (and optional CSV) files written under a temporary name and renamed
//! into place when complete, so an interrupted run never leaves a truncated file behind.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// A file being written: `name` appears only when [`AtomicFile::commit`] succeeds.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(dir: &Path, name: &str) -> Result<AtomicFile> {
        let dest = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicFile {
            tmp,
            dest,
            out: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let out = self.out.as_mut().expect("open");
        out.write_all(bytes).map_err(|e| Error::io(&self.tmp, e))
    }

    /// Serialize one record as a JSON line.
    pub fn json_line<T: Serialize>(&mut self, rec: &T) -> Result<()> {
        let mut buf = serde_json::to_vec(rec).map_err(|e| Error::Config(e.to_string()))?;
        buf.push(b'\n');
        self.write_all(&buf)
    }

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> Result<()> {
        let out = self.out.take().expect("open");
        let file = out
            .into_inner()
            .map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.dest).map_err(|e| Error::io(&self.dest, e))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.is_some() {
            self.out = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Quote one CSV field (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV row from fields.
pub fn csv_row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "a.jsonl").unwrap();
        f.json_line(&serde_json::json!({"x": 1})).unwrap();
        assert!(!dir.path().join("a.jsonl").exists());
        f.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.jsonl")).unwrap(),
            "{\"x\":1}\n"
        );
        {
            let mut g = AtomicFile::create(dir.path(), "b.jsonl").unwrap();
            g.write_all(b"partial").unwrap();
        }
        assert!(!dir.path().join("b.jsonl").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_row(&["1".into(), "x".into()]), "1,x\r\n");
    }
}
