//! Output: JSON Lines (and optional CSV) files written under a temporary name and renamed
//! into place when complete, so an interrupted run never leaves a truncated file behind.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::record::WriteJson;

/// Bytes written between two requests to start writing back to disk (see [`AtomicFile::write_all`]).
const WRITEBACK_EVERY: u64 = 8 << 20;

/// A file being written: `name` appears only when [`AtomicFile::commit`] succeeds.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    out: Option<BufWriter<File>>,
    /// Bytes handed to `write_all`, and how many of them writeback has been started for.
    written: u64,
    queued: u64,
    /// The line being serialized (kept between lines so that each does not allocate).
    line: Vec<u8>,
    /// A sync of the part written before [`AtomicFile::sync_ahead`], running on its own thread.
    ahead: Option<std::thread::JoinHandle<Result<()>>>,
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
            written: 0,
            queued: 0,
            line: Vec::new(),
            ahead: None,
        })
    }

    /// Write bytes. Every few megabytes the kernel is asked to start writing the finished part
    /// to disk (Linux), so that the sync at [`AtomicFile::commit`] waits only for the rest.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let out = self.out.as_mut().expect("open");
        out.write_all(bytes).map_err(|e| Error::io(&self.tmp, e))?;
        self.written += bytes.len() as u64;
        // What the buffer still holds has not reached the file.
        let in_file = self.written - out.buffer().len() as u64;
        if in_file - self.queued >= WRITEBACK_EVERY {
            start_writeback(out.get_ref(), self.queued, in_file - self.queued);
            self.queued = in_file;
        }
        Ok(())
    }

    /// Write one record as a JSON line.
    pub fn json_line<T: WriteJson>(&mut self, rec: &T) -> Result<()> {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        rec.write_json(&mut line);
        line.push(b'\n');
        let written = self.write_all(&line);
        self.line = line;
        written
    }

    /// Flush what is written so far and sync it to disk on a thread of its own while writing
    /// goes on, so that the sync at [`AtomicFile::commit`] waits only for what follows.
    pub fn sync_ahead(&mut self) -> Result<()> {
        let out = self.out.as_mut().expect("open");
        out.flush().map_err(|e| Error::io(&self.tmp, e))?;
        let file = out
            .get_ref()
            .try_clone()
            .map_err(|e| Error::io(&self.tmp, e))?;
        let tmp = self.tmp.clone();
        let ahead = std::thread::spawn(move || file.sync_data().map_err(|e| Error::io(&tmp, e)));
        if let Some(earlier) = self.ahead.replace(ahead) {
            earlier.join().expect("sync thread")?;
        }
        Ok(())
    }

    /// Flush and sync to disk, leaving the file under its temporary name.
    pub fn sync(&mut self) -> Result<()> {
        if let Some(ahead) = self.ahead.take() {
            ahead.join().expect("sync thread")?;
        }
        let out = self.out.as_mut().expect("open");
        out.flush().map_err(|e| Error::io(&self.tmp, e))?;
        out.get_ref()
            .sync_all()
            .map_err(|e| Error::io(&self.tmp, e))
    }

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> Result<()> {
        self.sync()?;
        drop(self.out.take());
        std::fs::rename(&self.tmp, &self.dest).map_err(|e| Error::io(&self.dest, e))
    }
}

/// Ask the kernel to start writing `len` bytes from `offset` to disk, without waiting. Only a
/// head start for the sync that follows, so a failure is of no consequence.
#[cfg(target_os = "linux")]
fn start_writeback(file: &File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    // SAFETY: a plain system call on an open descriptor; no memory is passed.
    unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            offset as libc::off64_t,
            len as libc::off64_t,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _offset: u64, _len: u64) {}

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
        f.json_line(&crate::record::Normalized {
            value: 1.into(),
            value_max: None,
            unit: "%".into(),
        })
        .unwrap();
        assert!(!dir.path().join("a.jsonl").exists());
        f.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.jsonl")).unwrap(),
            "{\"value\":1,\"value_max\":null,\"unit\":\"%\"}\n"
        );
        {
            let mut g = AtomicFile::create(dir.path(), "b.jsonl").unwrap();
            g.write_all(b"partial").unwrap();
        }
        assert!(!dir.path().join("b.jsonl").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn long_files_pass_through_early_writeback_intact() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "big.jsonl").unwrap();
        let line: Vec<u8> = (0..1000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let n = (2 * WRITEBACK_EVERY as usize) / line.len() + 7;
        for _ in 0..n {
            f.write_all(&line).unwrap();
        }
        assert!(f.queued >= WRITEBACK_EVERY, "writeback was started");
        f.commit().unwrap();
        let back = std::fs::read(dir.path().join("big.jsonl")).unwrap();
        assert_eq!(back.len(), n * line.len());
        assert!(back.chunks(line.len()).all(|c| c == line.as_slice()));
    }

    #[test]
    fn writing_goes_on_while_a_sync_ahead_runs_and_all_of_it_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "c.jsonl").unwrap();
        let mut want = Vec::new();
        for round in 0..3u8 {
            for k in 0..5000u32 {
                let line = format!("{round} {k} {}\n", "x".repeat((k % 97) as usize));
                f.write_all(line.as_bytes()).unwrap();
                want.extend_from_slice(line.as_bytes());
            }
            f.sync_ahead().unwrap();
            assert!(f.ahead.is_some());
            // Not in place before the commit, whatever was synced.
            assert!(!dir.path().join("c.jsonl").exists());
        }
        f.write_all(b"tail").unwrap();
        want.extend_from_slice(b"tail");
        f.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("c.jsonl")).unwrap(), want);
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_row(&["1".into(), "x".into()]), "1,x\r\n");
    }
}
