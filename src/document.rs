//! A document in memory: the decoded original, its normalized twin (char for char), and the
//! index structures that turn byte offsets of the normalized text into char offsets, lines
//! and slices of the original.

use crate::normalize::{original_char, Moved};

/// Bytes per block of the offset maps.
const BLOCK: usize = 64;
// A block's count fits in a u8.
const _: () = assert!(BLOCK <= 255);

/// Is `b` the first byte of a char (not a UTF-8 continuation byte)?
fn opens_char(b: u8) -> bool {
    (b as i8) >= -64
}

/// Byte offset of the first char at or after byte `from` of `s` that a test accepts, read byte by
/// byte: a one-byte char goes to `ascii`, a three-byte char to `bmp` by its code point (no
/// decoding through `chars`), any other char, decoded, to `other`.
pub fn find_char(
    s: &str,
    from: usize,
    ascii: impl Fn(u8) -> bool,
    bmp: impl Fn(usize) -> bool,
    other: impl Fn(char) -> bool,
) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if ascii(x) {
                return Some(i);
            }
            i += 1;
        } else if x & 0xF0 == 0xE0 {
            // A run of three-byte chars, most of a Chinese text, in a loop of its own.
            while let Some(&[x, y, z]) = b.get(i..i + 3) {
                if x & 0xF0 != 0xE0 {
                    break;
                }
                let cp =
                    ((x & 0x0F) as usize) << 12 | ((y & 0x3F) as usize) << 6 | (z & 0x3F) as usize;
                if bmp(cp) {
                    return Some(i);
                }
                i += 3;
            }
        } else {
            let c = s[i..].chars().next()?;
            if other(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// The number of chars that open in `block` (at most 255 bytes).
fn block_count(block: &[u8]) -> usize {
    // Counted in a u8, which vectorizes.
    block
        .iter()
        .fold(0u8, |a, &b| a.wrapping_add(opens_char(b) as u8)) as usize
}

/// The lines of `text` as byte ranges without their `\n` (the last one may be empty).
pub fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push((start, i));
        start = i + 1;
    }
    lines.push((start, text.len()));
    lines
}

/// Byte offset of char `ci` of `s` (`s.len()` past the end), found by counting the bytes that
/// open a char, block by block.
pub fn byte_of_char(s: &str, ci: usize) -> usize {
    let bytes = s.as_bytes();
    let (mut seen, mut at) = (0, 0);
    for block in bytes.chunks(BLOCK) {
        let n = block_count(block);
        if seen + n > ci {
            break;
        }
        seen += n;
        at += block.len();
    }
    nth_opening(bytes, at, ci - seen).unwrap_or(s.len())
}

/// Offset of the `n`-th (from 0) byte at or after `from` that opens a char.
fn nth_opening(bytes: &[u8], from: usize, n: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| opens_char(b))
        .nth(n)
        .map(|(i, _)| from + i)
}

/// The number of chars that start before each BLOCK-byte block of `s`, and the number of chars.
/// Counting bytes that open a char needs no decoding (and vectorizes).
fn block_counts(s: &str) -> (Vec<usize>, usize) {
    let mut v = Vec::with_capacity(s.len() / BLOCK + 1);
    let mut n = 0;
    for block in s.as_bytes().chunks(BLOCK) {
        v.push(n);
        n += block_count(block);
    }
    (v, n)
}

/// Byte offset in `s` of char `ch` (`s.len()` past the end), from the block counts of `s`.
fn byte_of(s: &str, counts: &[usize], chars: usize, ch: usize) -> usize {
    if ch >= chars {
        return s.len();
    }
    let k = counts.partition_point(|&c| c <= ch) - 1;
    nth_opening(s.as_bytes(), k * BLOCK, ch - counts[k]).unwrap_or(s.len())
}

/// A document's two texts and their offset maps.
pub struct Document<'a> {
    /// The decoded original text.
    pub original: &'a str,
    /// The normalized text: same number of chars as `original`.
    pub norm: &'a str,
    /// Number of chars (of either text).
    chars: usize,
    /// Chars of `norm` before each of its BLOCK-byte blocks.
    norm_marks: Vec<usize>,
    /// Chars of `original` before each of its BLOCK-byte blocks.
    orig_marks: Vec<usize>,
    /// Byte offset (in `original`) at which each line after the first starts.
    line_starts: Vec<usize>,
    /// The chars of `norm` that stand elsewhere in `original` (see [`Normalized::moved`]).
    ///
    /// [`Normalized::moved`]: crate::normalize::Normalized::moved
    moved: &'a [Vec<Moved>],
}

impl<'a> Document<'a> {
    pub fn new(original: &'a str, norm: &'a str, moved: &'a [Vec<Moved>]) -> Document<'a> {
        let (norm_marks, chars) = block_counts(norm);
        let (orig_marks, orig_chars) = block_counts(original);
        assert_eq!(
            chars, orig_chars,
            "normalized text must keep the char count"
        );
        let line_starts = memchr::memchr_iter(b'\n', original.as_bytes())
            .map(|i| i + 1)
            .collect();
        Document {
            original,
            norm,
            chars,
            norm_marks,
            orig_marks,
            line_starts,
            moved,
        }
    }

    /// Char offset in the original of the char at a byte offset of the normalized text.
    pub fn original_char(&self, byte: usize) -> usize {
        original_char(self.moved, self.char_at(byte))
    }

    /// Char offsets in the original of the chars between two byte offsets of the normalized
    /// text: from where its first char was to past the last of the places its chars were.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = (self.char_at(start), self.char_at(end));
        if self.moved.is_empty() || e <= s {
            return (s, e);
        }
        // (The first char opens the span, as a record's duplicate_of names it.)
        let hi = (s..e)
            .map(|c| original_char(self.moved, c) + 1)
            .max()
            .unwrap_or(e);
        (original_char(self.moved, s), hi)
    }

    /// Number of chars.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Char offset of a byte offset of the normalized text (a byte inside a char gives that
    /// char; past the end, the number of chars).
    pub fn char_at(&self, byte: usize) -> usize {
        if byte >= self.norm.len() {
            return self.chars;
        }
        // The chars that open before the block, and those of the block up to `byte`.
        let k = byte / BLOCK;
        let opened = block_count(&self.norm.as_bytes()[k * BLOCK..=byte]);
        self.norm_marks[k] + opened - 1
    }

    /// Byte offset in the normalized text of a char offset.
    pub fn byte_at(&self, ch: usize) -> usize {
        byte_of(self.norm, &self.norm_marks, self.chars, ch)
    }

    /// The original text between two byte offsets of the normalized text.
    pub fn original_slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = self.span(start, end);
        let orig = |ch| byte_of(self.original, &self.orig_marks, self.chars, ch);
        &self.original[orig(s)..orig(e)]
    }

    /// 1-based line of the original of a byte offset of the normalized text.
    pub fn line_of(&self, byte: usize) -> usize {
        let at = byte_of(
            self.original,
            &self.orig_marks,
            self.chars,
            self.original_char(byte),
        );
        self.line_starts.partition_point(|&b| b <= at) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_char` finds what a loop over `char_indices` finds, from every char boundary of
    /// texts mixing chars of one to four bytes.
    #[test]
    fn find_char_is_the_first_char_the_test_accepts() {
        let mut next = crate::words::tests::random(17);
        let pieces = ["a", "7", "孕", "产", "\n", "é", "𠀀", "１", "，", "二"];
        let ascii = |b: u8| b.is_ascii_digit();
        let bmp = |cp: usize| cp == '产' as usize || cp == '二' as usize;
        let other = |c: char| c == '𠀀';
        for case in 0..400 {
            let s: String = crate::words::tests::random_text(&mut next, &pieces, 60);
            for (from, _) in s.char_indices().chain([(s.len(), ' ')]) {
                let want = s[from..]
                    .char_indices()
                    .find(|&(_, c)| match c.len_utf8() {
                        1 => ascii(c as u8),
                        3 => bmp(c as usize),
                        _ => other(c),
                    })
                    .map(|(k, _)| from + k);
                let got = find_char(&s, from, ascii, bmp, other);
                assert_eq!(got, want, "case {case} {s:?} from {from}");
            }
        }
    }

    #[test]
    fn byte_of_char_is_the_char_indices_offset() {
        let mut next = crate::words::tests::random(3);
        let pieces = ["a", "孕", "产", "\n", "é", "𠀀", "１"];
        for _ in 0..300 {
            let s: String = crate::words::tests::random_text(&mut next, &pieces, 400);
            let offsets: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
            for ci in 0..=offsets.len() + 1 {
                let want = offsets.get(ci).copied().unwrap_or(s.len());
                assert_eq!(byte_of_char(&s, ci), want, "{s:?} char {ci}");
            }
        }
    }

    /// Moved chars (a wrapped line's break moved to its clause's end) point back to their
    /// places: a span covers the break, and lines are the original's.
    #[test]
    fn spans_over_moved_chars_cover_their_places() {
        let original = "第一行\n合计不少\n于240小时的测试。";
        let norm = "第一行\n合计不少于240小时的测试 。";
        let moved = vec![vec![
            Moved {
                start: 8,
                end: 17,
                by: 1,
            },
            Moved {
                start: 17,
                end: 18,
                by: -9,
            },
        ]];
        let d = Document::new(original, norm, &moved);
        let (s, e) = (norm.find("不少").unwrap(), norm.find("的").unwrap());
        assert_eq!(d.original_slice(s, e), "不少\n于240小时");
        assert_eq!(d.span(s, e), (6, 15));
        assert_eq!(d.line_of(norm.find("240").unwrap()), 3);
        assert_eq!(d.line_of(s), 2);
        assert_eq!(d.original_char(norm.find('于').unwrap()), 9);
    }

    #[test]
    fn offsets_map_into_the_original() {
        let original = "第一行\r\n孕產婦死亡率１０/10萬";
        let norm = "第一行 \n孕产妇死亡率10/10万";
        let d = Document::new(original, norm, &[]);
        let s = norm.find("孕产妇").unwrap();
        let e = norm.len();
        assert_eq!(d.original_slice(s, e), "孕產婦死亡率１０/10萬");
        assert_eq!(d.char_at(s), 5);
        assert_eq!(d.line_of(s), 2);
        assert_eq!(d.line_of(0), 1);
        assert_eq!(d.line_of(norm.len()), 2);
        // Against a per-char map, on a text longer than several marks.
        let original: String = "孕產婦死亡率１０/10萬\r\nab".repeat(40);
        let norm = original
            .replace("產", "产")
            .replace("婦", "妇")
            .replace("萬", "万")
            .replace("１", "1")
            .replace("０", "0")
            .replace('\r', " ");
        let d = Document::new(&original, &norm, &[]);
        let nb: Vec<usize> = norm.char_indices().map(|(i, _)| i).collect();
        let ob: Vec<usize> = original.char_indices().map(|(i, _)| i).collect();
        assert_eq!(d.chars(), nb.len());
        for byte in 0..=norm.len() + 1 {
            let want = match nb.binary_search(&byte) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1).min(nb.len()),
            };
            let want = if byte >= norm.len() { nb.len() } else { want };
            assert_eq!(d.char_at(byte), want, "byte {byte}");
        }
        for (ch, &b) in nb.iter().enumerate() {
            assert_eq!(d.byte_at(ch), b);
        }
        for (a, b) in [(70, 140), (0, 1), (5, 600), (255, 256), (300, nb.len() - 1)] {
            assert_eq!(d.original_slice(nb[a], nb[b]), &original[ob[a]..ob[b]]);
        }
        let lines = norm[..nb[100]].matches('\n').count() + 1;
        assert_eq!(d.line_of(nb[100]), lines);
    }
}
