//! Texts too long to read whole: where they are cut into pieces, and a reader that takes a long
//! plain UTF-8 file from disk one piece at a time, so that the memory of a document stays a
//! small multiple of a piece, not of the file.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::decode;

/// A text of more than `over` bytes (no policy notice is near it: a dump, or an archive joined
/// into one file) is read in pieces of at most `size` bytes.
#[derive(Debug, Clone, Copy)]
pub struct Pieces {
    pub over: usize,
    pub size: usize,
}

impl Default for Pieces {
    fn default() -> Pieces {
        Pieces {
            over: 8 << 20,
            size: 1 << 20,
        }
    }
}

impl Pieces {
    /// The piece size in use (never below 64 bytes, so that a cut always moves on).
    fn size(&self) -> usize {
        self.size.max(64)
    }
}

/// How many bytes of the head and of the tail of a long text its metadata are read from.
const ENDS: usize = 64 << 10;

/// Where the piece that starts a `window` of a text (at most a piece long, ending at a char)
/// ends: after its last line break, else after its last 。, else at the window's end — but
/// never in its first half when a later break would do.
fn cut(window: &[u8]) -> usize {
    let half = window.len() / 2;
    let stop = "。".as_bytes();
    memchr::memrchr(b'\n', window)
        .filter(|&i| i >= half)
        .map(|i| i + 1)
        .or_else(|| {
            memchr::memmem::rfind(window, stop)
                .filter(|&i| i >= half)
                .map(|i| i + stop.len())
        })
        .unwrap_or(window.len())
}

/// The end of a window of `size` bytes from `start` of `bytes`, moved back to a char start.
fn window_end(bytes: &[u8], start: usize, size: usize) -> usize {
    let mut limit = start + size;
    while limit > start + 1 && limit < bytes.len() && (bytes[limit] as i8) < -64 {
        limit -= 1;
    }
    limit
}

/// The pieces of a text held in memory, as byte ranges that cover it, or `None` for a text
/// short enough to read whole.
pub fn spans(text: &str, limits: &Pieces) -> Option<Vec<(usize, usize)>> {
    if text.len() <= limits.over {
        return None;
    }
    let (bytes, size) = (text.as_bytes(), limits.size());
    let mut out = Vec::new();
    let mut start = 0;
    while bytes.len() - start > size {
        let end = start + cut(&bytes[start..window_end(bytes, start, size)]);
        out.push((start, end));
        start = end;
    }
    out.push((start, bytes.len()));
    Some(out)
}

/// The text the metadata of a long document are read from: its head and its tail (about
/// 64 KiB each, whole chars), on two lines of their own.
pub fn ends_text(head: &str, tail: &str) -> String {
    format!("{head}\n{tail}")
}

/// The head and tail of a text held in memory, as [`ends_text`] wants them.
pub fn ends_of(text: &str) -> String {
    let mut h = ENDS.min(text.len());
    while !text.is_char_boundary(h) {
        h -= 1;
    }
    let mut t = text.len().saturating_sub(ENDS);
    while !text.is_char_boundary(t) {
        t += 1;
    }
    ends_text(&text[..h], &text[t..])
}

/// A long plain UTF-8 file, surveyed once: what its document record needs before its pieces
/// are read.
pub struct LongFile {
    pub doc_id: String,
    pub bytes: u64,
    /// Its head and tail ([`ends_text`]), line ends read as universal newlines.
    pub ends: String,
    file: std::io::Take<File>,
}

/// Survey the file at `path` when it is longer than `limits.over`: `None` unless it is plain
/// UTF-8 text with `\n` line ends (no byte-order mark or other signature at its start, no NUL
/// byte, no `\r`, every byte sequence valid), which the caller then reads whole as usual (so that
/// a text whose line ends are converted is cut where the text held in memory is). Reads the
/// file once (for its id and the checks) and its two ends again; only its first `bytes` bytes,
/// should it grow meanwhile.
pub fn survey(path: &Path, limits: &Pieces) -> io::Result<Option<LongFile>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if len <= limits.over as u64 {
        return Ok(None);
    }
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut reader = (&mut file).take(len);
    // Bytes of a char cut by the end of a read, carried to the next.
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        if first && decode::is_marked(chunk) {
            return Ok(None);
        }
        first = false;
        hash.update(chunk);
        if memchr::memchr2(0, b'\r', chunk).is_some() {
            return Ok(None);
        }
        carry.extend_from_slice(chunk);
        match std::str::from_utf8(&carry) {
            Ok(_) => carry.clear(),
            // Incomplete at the end only: keep those bytes for the next read.
            Err(e) if e.error_len().is_none() => {
                carry.drain(..e.valid_up_to());
            }
            Err(_) => return Ok(None),
        }
    }
    if !carry.is_empty() {
        return Ok(None);
    }
    let digest = hash.finalize();
    let doc_id = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let head = read_at(&mut file, 0, ENDS.min(len as usize))?;
    let tail_from = len.saturating_sub(ENDS as u64);
    let tail = read_at(&mut file, tail_from, (len - tail_from) as usize)?;
    let (head, tail) = (whole_chars(&head, false), whole_chars(&tail, true));
    let ends = decode::universal_newlines(ends_text(head, tail));
    file.seek(SeekFrom::Start(0))?;
    let file = file.take(len);
    Ok(Some(LongFile {
        doc_id,
        bytes: len,
        ends,
        file,
    }))
}

fn read_at(file: &mut File, at: u64, n: usize) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(at))?;
    let mut out = vec![0u8; n];
    file.read_exact(&mut out)?;
    Ok(out)
}

/// The whole chars of valid UTF-8 `bytes` cut at either end: a char cut at the end is left
/// out (and, for a tail, one cut at the start).
fn whole_chars(bytes: &[u8], tail: bool) -> &str {
    let from = if tail {
        bytes.iter().take_while(|&&b| (b as i8) < -64).count()
    } else {
        0
    };
    match std::str::from_utf8(&bytes[from..]) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[from..from + e.valid_up_to()]).unwrap_or_default(),
    }
}

impl LongFile {
    /// The file's pieces, read one at a time, cut as [`spans`] cuts a text held in memory (with
    /// line ends read as universal newlines, and never between a CR and its LF).
    pub fn pieces(self, limits: &Pieces) -> impl Iterator<Item = io::Result<Cow<'static, str>>> {
        let size = limits.size();
        let mut file = self.file;
        let mut buf: Vec<u8> = Vec::with_capacity(size + 2);
        let mut eof = false;
        std::iter::from_fn(move || {
            // One byte more than a piece tells whether the rest is longer than a piece.
            while !eof && buf.len() <= size + 1 {
                let have = buf.len();
                buf.resize(size + 2, 0);
                match file.read(&mut buf[have..]) {
                    Ok(0) => {
                        buf.truncate(have);
                        eof = true;
                    }
                    Ok(n) => buf.truncate(have + n),
                    Err(e) => {
                        buf.truncate(have);
                        return Some(Err(e));
                    }
                }
            }
            if buf.is_empty() {
                return None;
            }
            let mut end = if buf.len() > size {
                cut(&buf[..window_end(&buf, 0, size)])
            } else {
                buf.len()
            };
            if end < buf.len() && buf[end - 1] == b'\r' && buf[end] == b'\n' {
                end += 1;
            }
            let rest = buf.split_off(end);
            let piece = std::mem::replace(&mut buf, rest);
            // Whole chars: every cut is at a char start of a file checked to be UTF-8.
            Some(
                String::from_utf8(piece)
                    .map(|s| Cow::Owned(decode::universal_newlines(s)))
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Pieces {
        Pieces {
            over: 1000,
            size: 300,
        }
    }

    fn texts() -> Vec<String> {
        let lines: String = (0..400).map(|i| format!("第{i}行，目标{i}%。\n")).collect();
        vec![
            lines.clone(),
            lines.replace('\n', ""),
            "字".repeat(2000),
            format!("a{}", "字".repeat(2000)),
        ]
    }

    #[test]
    fn a_long_text_is_cut_after_line_breaks_into_pieces_that_cover_it() {
        assert!(spans(&"字".repeat(333), &limits()).is_none());
        for text in texts() {
            let cuts = spans(&text, &limits()).expect("over the limit");
            assert_eq!(cuts[0].0, 0);
            assert_eq!(cuts.last().unwrap().1, text.len());
            for w in cuts.windows(2) {
                assert_eq!(w[0].1, w[1].0, "contiguous");
            }
            for &(s, e) in &cuts {
                assert!(e - s <= 300 && e > s, "{s}..{e}");
                let piece = &text[s..e];
                if text.contains('\n') {
                    assert!(piece.ends_with('\n') || e == text.len(), "{piece}");
                } else if text.contains('。') {
                    assert!(piece.ends_with('。') || e == text.len(), "{piece}");
                }
            }
        }
    }

    #[test]
    fn a_long_file_is_read_in_the_pieces_of_its_text() {
        let dir = tempfile::tempdir().unwrap();
        for (k, text) in texts().iter().enumerate() {
            let path = dir.path().join(format!("{k}.txt"));
            std::fs::write(&path, text).unwrap();
            let long = survey(&path, &limits()).unwrap().expect("plain UTF-8");
            assert_eq!(long.bytes, text.len() as u64);
            assert_eq!(long.doc_id, crate::pipeline::doc_id(text.as_bytes()));
            assert_eq!(long.ends, ends_of(text));
            let read: Vec<String> = long
                .pieces(&limits())
                .map(|p| p.unwrap().into_owned())
                .collect();
            let want: Vec<&str> = spans(text, &limits())
                .unwrap()
                .into_iter()
                .map(|(s, e)| &text[s..e])
                .collect();
            assert_eq!(read, want);
        }
    }

    #[test]
    fn only_long_plain_utf8_files_are_surveyed() {
        let dir = tempfile::tempdir().unwrap();
        let long = "目标5%。\n".repeat(200);
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("short", "目标5%。\n".as_bytes().to_vec()),
            ("bom", [&b"\xEF\xBB\xBF"[..], long.as_bytes()].concat()),
            ("nul", [long.as_bytes(), b"\0"].concat()),
            ("invalid", [long.as_bytes(), b"\xFF"].concat()),
            (
                "cut",
                [long.as_bytes(), "字".as_bytes().get(..2).unwrap()].concat(),
            ),
            ("pdf", [&b"%PDF-1.7\n"[..], long.as_bytes()].concat()),
            // Line ends that are converted: read in memory, cut where its text is cut.
            ("crlf", long.replace('\n', "\r\n").into_bytes()),
            ("cr", long.replace('\n', "\r").into_bytes()),
        ];
        for (name, bytes) in cases {
            let path = dir.path().join(format!("{name}.txt"));
            std::fs::write(&path, bytes).unwrap();
            assert!(survey(&path, &limits()).unwrap().is_none(), "{name}");
        }
    }
}
