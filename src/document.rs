//! A document in memory: the decoded original, its normalized twin (char for char), and the
//! index structures that turn byte offsets of the normalized text into char offsets, lines
//! and slices of the original.

/// A document's two texts and their offset maps.
pub struct Document<'a> {
    /// The decoded original text.
    pub original: &'a str,
    /// The normalized text: same number of chars as `original`.
    pub norm: &'a str,
    /// Byte offset of each char of `norm`, plus `norm.len()` at the end.
    norm_bytes: Vec<usize>,
    /// Byte offset of each char of `original`, plus `original.len()` at the end.
    orig_bytes: Vec<usize>,
    /// Char offset at which each line starts.
    line_starts: Vec<usize>,
}

fn char_starts(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    v.push(s.len());
    v
}

impl<'a> Document<'a> {
    pub fn new(original: &'a str, norm: &'a str) -> Document<'a> {
        let norm_bytes = char_starts(norm);
        let orig_bytes = char_starts(original);
        assert_eq!(
            norm_bytes.len(),
            orig_bytes.len(),
            "normalized text must keep the char count"
        );
        let mut line_starts = vec![0];
        for (i, c) in norm.chars().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        Document {
            original,
            norm,
            norm_bytes,
            orig_bytes,
            line_starts,
        }
    }

    /// Number of chars.
    pub fn chars(&self) -> usize {
        self.norm_bytes.len() - 1
    }

    /// Char offset of a byte offset of the normalized text (which must be a char boundary).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.norm_bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset in the normalized text of a char offset.
    pub fn byte_at(&self, ch: usize) -> usize {
        self.norm_bytes[ch.min(self.norm_bytes.len() - 1)]
    }

    /// The original text between two byte offsets of the normalized text.
    pub fn original_slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = (self.char_at(start), self.char_at(end));
        &self.original[self.orig_bytes[s]..self.orig_bytes[e]]
    }

    /// 1-based line of a byte offset of the normalized text.
    pub fn line_of(&self, byte: usize) -> usize {
        let ch = self.char_at(byte);
        match self.line_starts.binary_search(&ch) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_into_the_original() {
        let original = "第一行\r\n孕產婦死亡率１０/10萬";
        let norm = "第一行 \n孕产妇死亡率10/10万";
        let d = Document::new(original, norm);
        let s = norm.find("孕产妇").unwrap();
        let e = norm.len();
        assert_eq!(d.original_slice(s, e), "孕產婦死亡率１０/10萬");
        assert_eq!(d.char_at(s), 5);
        assert_eq!(d.line_of(s), 2);
        assert_eq!(d.line_of(0), 1);
    }
}
