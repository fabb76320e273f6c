//! Decoding: detect each file's encoding (UTF-8 with or without BOM, UTF-16 LE/BE with BOM,
//! GB18030/GBK) and turn its bytes into text; binary files are refused with a reason.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// A decoded file.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, without a byte-order mark, line ends read as universal newlines.
    pub text: String,
    /// "utf-8", "utf-8-bom", "utf-16le", "utf-16be" or "gb18030".
    pub encoding: &'static str,
    /// Set when some bytes were invalid and replaced with U+FFFD.
    pub warning: Option<String>,
}

/// Why a file was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Known signatures of binary formats that are sometimes saved with a text extension.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX or similar)"),
    (b"\xD0\xCF\x11\xE0", "an OLE document (DOC, XLS or similar)"),
    (b"{\\rtf", "an RTF document"),
];

/// Read line ends as Python's text mode does: "\r\n" and a lone "\r" become "\n", so that
/// offsets agree with `open(path).read()` indices.
pub fn universal_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// `std::str::from_utf8`, validated with SIMD (the standard check runs again only to describe
/// an error).
fn from_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// Detect the encoding of `bytes` and decode them (line ends read as universal newlines).
pub fn decode(bytes: &[u8]) -> Result<Decoded, Refused> {
    decode_raw(bytes).map(|mut d| {
        d.text = universal_newlines(std::mem::take(&mut d.text));
        d
    })
}

/// [`decode`], taking the bytes: a plain UTF-8 text (no byte-order mark, no NUL byte) becomes
/// the text in place, without a copy of a file that may be very long.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, Refused> {
    if bytes.is_empty()
        || is_marked(&bytes)
        || memchr_nul(&bytes).is_some()
        || from_utf8(&bytes).is_err()
    {
        return decode(&bytes);
    }
    // SAFETY: `from_utf8` above found every byte sequence valid.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok(Decoded {
        text: universal_newlines(text),
        encoding: "utf-8",
        warning: None,
    })
}

/// Whether the bytes open with a byte-order mark or the signature of a binary format (what
/// makes them other than plain UTF-8 text before any other test).
pub fn is_marked(bytes: &[u8]) -> bool {
    SIGNATURES.iter().any(|(sig, _)| bytes.starts_with(sig))
        || [&b"\xFF\xFE"[..], b"\xFE\xFF", b"\xEF\xBB\xBF"]
            .iter()
            .any(|bom| bytes.starts_with(bom))
}

fn decode_raw(bytes: &[u8]) -> Result<Decoded, Refused> {
    if bytes.is_empty() {
        return Err(Refused("empty file".into()));
    }
    for (sig, what) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Err(Refused(format!("binary file ({what}), not text")));
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_with(UTF_16LE, rest, "utf-16le"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_with(UTF_16BE, rest, "utf-16be"));
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(Refused(format!(
            "binary file (NUL byte at offset {pos}), not text"
        )));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(match from_utf8(rest) {
            Ok(s) => Decoded {
                text: s.to_string(),
                encoding: "utf-8-bom",
                warning: None,
            },
            Err(e) => lossy_utf8(rest, e.valid_up_to() + 3, "utf-8-bom"),
        });
    }
    let utf8_err = match from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: "utf-8",
                warning: None,
            })
        }
        Err(e) => e,
    };
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: "gb18030",
            warning: None,
        });
    }
    // Neither decodes cleanly: keep the reading with fewer replacements.
    let (gb, _) = GB18030.decode_without_bom_handling(bytes);
    let gb_bad = gb.chars().filter(|c| *c == '\u{FFFD}').count();
    let utf8 = String::from_utf8_lossy(bytes);
    let utf8_bad = utf8.chars().filter(|c| *c == '\u{FFFD}').count();
    if gb_bad < utf8_bad {
        Ok(Decoded {
            warning: Some(format!(
                "invalid bytes: {gb_bad} sequence(s) replaced with U+FFFD (read as gb18030)"
            )),
            text: gb.into_owned(),
            encoding: "gb18030",
        })
    } else {
        Ok(lossy_utf8(bytes, utf8_err.valid_up_to(), "utf-8"))
    }
}

fn lossy_utf8(bytes: &[u8], first_bad: usize, encoding: &'static str) -> Decoded {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
    Decoded {
        text,
        encoding,
        warning: Some(format!(
            "invalid UTF-8 at byte {first_bad}: {bad} sequence(s) replaced with U+FFFD"
        )),
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8], name: &'static str) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let warning = had_errors.then(|| {
        let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
        format!("invalid {name}: {bad} sequence(s) replaced with U+FFFD")
    });
    Decoded {
        text: text.into_owned(),
        encoding: name,
        warning,
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "到2025年底，孕产妇死亡率控制在10/10万以下（责任单位：区卫健委）\n";

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "utf-8"));
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "utf-8-bom"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, SAMPLE);
        assert_eq!(decode(&le).unwrap().encoding, "utf-16le");
        assert_eq!(decode(&be).unwrap().text, SAMPLE);
        assert_eq!(decode(&be).unwrap().encoding, "utf-16be");
    }

    #[test]
    fn gb18030_detected() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, SAMPLE);
        assert!(d.warning.is_none());
    }

    #[test]
    fn line_ends_read_as_universal_newlines() {
        let d = decode("一\r\n二\r三\n".as_bytes()).unwrap();
        assert_eq!(d.text, "一\n二\n三\n");
    }

    #[test]
    fn binary_and_empty_refused() {
        assert!(decode(b"").unwrap_err().0.contains("empty"));
        assert!(decode(b"%PDF-1.7\n...").unwrap_err().0.contains("PDF"));
        assert!(decode(b"abc\0def")
            .unwrap_err()
            .0
            .contains("NUL byte at offset 3"));
    }

    #[test]
    fn invalid_bytes_replaced_with_warning() {
        let mut b = "目标：".as_bytes().to_vec();
        b.extend_from_slice(&[0xFF, 0xFF, 0xFF]);
        b.extend_from_slice("完成".as_bytes());
        let d = decode(&b).unwrap();
        assert!(d.warning.is_some());
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let (gb, _, _) = GB18030.encode(SAMPLE);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let cases: Vec<Vec<u8>> = vec![
            SAMPLE.as_bytes().to_vec(),
            "一\r\n二\r三\n".as_bytes().to_vec(),
            gb.into_owned(),
            bom,
            le,
            b"\xE4\xB8\x80\xFF\xFE tail".to_vec(),
            b"text\0with a NUL".to_vec(),
            b"%PDF-1.7\n".to_vec(),
            Vec::new(),
        ];
        for bytes in cases {
            let (a, b) = (decode(&bytes), decode_owned(bytes.clone()));
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(
                        (a.text, a.encoding, a.warning),
                        (b.text, b.encoding, b.warning)
                    )
                }
                (Err(a), Err(b)) => assert_eq!(a.0, b.0),
                (a, b) => panic!("{bytes:?}: {:?} against {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }
}
