//! Walking: expand the command-line paths into the notices to read, in sorted path order,
//! reporting unreadable entries (dangling links, loops, permission errors, FIFOs, sockets and
//! devices, which are never opened) without stopping.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// File name endings read when walking a folder (a file named on the command line is
/// always read): the formats of crate::formats, and the legacy formats it reports as unread
/// with advice.
pub use crate::formats::EXTENSIONS;

/// A walk: the entries to read, and the files of other types it left, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    pub items: Vec<Item>,
    pub left: Vec<PathBuf>,
}

impl Walk {
    /// The files left, counted by ending (lower case; "" for none), most first.
    pub fn left_by_type(&self) -> Vec<(String, usize)> {
        let mut counts = std::collections::BTreeMap::new();
        for p in &self.left {
            let ext = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(crate::formats::extension)
                .unwrap_or_default();
            *counts.entry(ext).or_insert(0usize) += 1;
        }
        let mut v: Vec<(String, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// One line for stderr on what was left: "left 3 files of types not read: 2 .jpg, 1 (no
    /// ending)"; None when nothing was.
    pub fn left_summary(&self) -> Option<String> {
        if self.left.is_empty() {
            return None;
        }
        let kinds: Vec<String> = self
            .left_by_type()
            .iter()
            .map(|(e, n)| {
                if e.is_empty() {
                    format!("{n} (no ending)")
                } else {
                    format!("{n} .{e}")
                }
            })
            .collect();
        let n = self.left.len();
        Some(format!(
            "left {n} file{} of types not read: {}",
            if n == 1 { "" } else { "s" },
            kinds.join(", ")
        ))
    }
}

/// One entry found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A file to read.
    File(PathBuf),
    /// A path that could not be walked or read, with the reason.
    Error(PathBuf, String),
}

impl Item {
    pub fn path(&self) -> &Path {
        match self {
            Item::File(p) | Item::Error(p, _) => p,
        }
    }
}

/// A path as the records write it: as it is when it is UTF-8 without a backslash; otherwise
/// losslessly, each byte of an invalid sequence as `\xHH` and each backslash as `\\`, so that the
/// name turns back into the bytes of the file's name and two names never give one text (a UTF-8
/// name spelling `\xff` is written `\\xff`). Elsewhere than on Unix, as the system shows it.
pub fn path_text(p: &Path) -> String {
    if let Some(s) = p.to_str().filter(|s| !cfg!(unix) || !s.contains('\\')) {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.display().to_string()
    }
}

/// The reason given for a FIFO, socket or device: opening one could block the run for good.
const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device): skipped";

fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
        .unwrap_or(false)
}

fn hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().map(|n| n.starts_with('.')).unwrap_or(false)
}

/// Expand every path: a file is taken as it is, a folder is walked recursively (following
/// links, skipping hidden entries), in sorted order. A file reached twice is listed once.
pub fn walk(paths: &[PathBuf]) -> Vec<Item> {
    walk_all(paths).items
}

/// [`walk`], also listing the files inside folders that are of no type read.
pub fn walk_all(paths: &[PathBuf]) -> Walk {
    let mut out = Vec::new();
    let mut left = Vec::new();
    let mut seen = HashSet::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => {
                out.push(Item::Error(root.clone(), e.to_string()));
                continue;
            }
            Ok(m) if !m.is_dir() => {
                if seen.insert(root.clone()) {
                    out.push(if m.is_file() {
                        Item::File(root.clone())
                    } else {
                        Item::Error(root.clone(), NOT_REGULAR.to_string())
                    });
                }
                continue;
            }
            Ok(_) => {}
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) => {
                    let kind = e.file_type();
                    if !kind.is_dir() && !wanted(e.path()) {
                        left.push(e.into_path());
                        continue;
                    }
                    if !kind.is_dir() {
                        let regular = kind.is_file();
                        let p = e.into_path();
                        if seen.insert(p.clone()) {
                            out.push(if regular {
                                Item::File(p)
                            } else {
                                Item::Error(p, NOT_REGULAR.to_string())
                            });
                        }
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else if let Some(io) = err.io_error() {
                        if io.kind() == std::io::ErrorKind::NotFound {
                            "dangling symbolic link or vanished file".to_string()
                        } else {
                            io.to_string()
                        }
                    } else {
                        err.to_string()
                    };
                    if seen.insert(path.clone()) {
                        out.push(Item::Error(path, reason));
                    }
                }
            }
        }
    }
    Walk { items: out, left }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_sorted_filtered_and_reports_problems() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("b.txt"), "乙").unwrap();
        fs::write(d.join("a.md"), "甲").unwrap();
        fs::write(d.join("c.jpg"), "x").unwrap();
        fs::write(d.join("d.pdf"), "x").unwrap();
        fs::write(d.join("README"), "x").unwrap();
        fs::write(d.join(".hidden.txt"), "x").unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("sub/z.TEXT"), "丙").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
            std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        }
        let walked = walk_all(&[d.to_path_buf()]);
        let left: Vec<_> = walked
            .left
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().to_owned())
            .collect();
        assert_eq!(left, vec![PathBuf::from("README"), PathBuf::from("c.jpg")]);
        assert_eq!(
            walked.left_summary().unwrap(),
            "left 2 files of types not read: 1 (no ending), 1 .jpg"
        );
        let items = walked.items;
        let files: Vec<_> = items
            .iter()
            .filter_map(|i| match i {
                Item::File(p) => Some(p.strip_prefix(d).unwrap().to_string_lossy().to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(files, vec!["a.md", "b.txt", "d.pdf", "sub/z.TEXT"]);
        #[cfg(unix)]
        {
            let errors: Vec<_> = items
                .iter()
                .filter_map(|i| match i {
                    Item::Error(p, r) => Some((p.file_name().unwrap().to_owned(), r.clone())),
                    _ => None,
                })
                .collect();
            assert!(
                errors
                    .iter()
                    .any(|(n, r)| n == "dangling.txt" && r.contains("dangling")),
                "{errors:?}"
            );
            assert!(errors.iter().any(|(_, r)| r.contains("loop")), "{errors:?}");
        }
    }

    #[test]
    fn missing_argument_is_an_error_item() {
        let items = walk(&[PathBuf::from("/nonexistent/policy-notices")]);
        assert!(matches!(&items[0], Item::Error(_, _)));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_written_losslessly() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"/d/a\\b\xff\xfe\xe5\x8f.txt"));
        let t = path_text(p);
        assert_eq!(t, "/d/a\\\\b\\xff\\xfe\\xe5\\x8f.txt");
        assert_eq!(path_text(Path::new("/d/孕产.txt")), "/d/孕产.txt");
        // A UTF-8 name that spells an escape is not the name with that byte.
        let spelled = path_text(Path::new("/d/a\\xff.txt"));
        let byte = path_text(Path::new(std::ffi::OsStr::from_bytes(b"/d/a\xff.txt")));
        assert_eq!(spelled, "/d/a\\\\xff.txt");
        assert_eq!(byte, "/d/a\\xff.txt");
        // Every escaped text turns back into its name's bytes.
        for name in [
            &b"/d/a\\xff.txt"[..],
            b"/d/a\xff.txt",
            b"/d/\\\\\xfe",
            b"/d/\xe5\x8f\\",
        ] {
            let t = path_text(Path::new(std::ffi::OsStr::from_bytes(name)));
            assert_eq!(unescape(&t), name, "{t}");
        }
    }

    fn unescape(t: &str) -> Vec<u8> {
        let (mut out, mut rest) = (Vec::new(), t.as_bytes());
        while let Some((&b, tail)) = rest.split_first() {
            match (b, tail.first()) {
                (b'\\', Some(b'x')) => {
                    let hex = std::str::from_utf8(&tail[1..3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    rest = &tail[3..];
                }
                (b'\\', Some(b'\\')) => {
                    out.push(b'\\');
                    rest = &tail[1..];
                }
                _ => {
                    out.push(b);
                    rest = tail;
                }
            }
        }
        out
    }
}
