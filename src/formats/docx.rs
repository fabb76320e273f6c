//! DOCX: the body of word/document.xml as lines — a paragraph per line, a table row per line
//! with its cells separated by a TAB; headers, footers, footnotes, deleted revisions and field
//! codes left out.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::Converted;
use crate::decode::Refused;

/// The largest document.xml read: a bigger one (a zip bomb, or a document of thousands of pages)
/// is refused with its size, never read in part.
const MAX_XML: u64 = 64 * 1024 * 1024;

/// Read a DOCX file.
pub fn convert(bytes: &[u8]) -> Result<Converted, Refused> {
    let xml = part(bytes, "word/document.xml")?;
    let text =
        body_text(&xml).map_err(|e| Refused(format!("corrupt DOCX: word/document.xml: {e}")))?;
    Ok(Converted {
        text,
        format: "docx",
        ..Converted::default()
    })
}

/// One part of an Office zip package, read whole.
pub fn part(bytes: &[u8], name: &str) -> Result<Vec<u8>, Refused> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Refused(format!("corrupt DOCX (not a readable zip archive: {e})")))?;
    let file = zip
        .by_name(name)
        .map_err(|_| Refused(format!("not a Word document: the package has no {name}")))?;
    let too_big = || {
        Refused(format!(
            "{name} holds more than {} MB of XML: not read (split the document, or print it to PDF)",
            MAX_XML >> 20
        ))
    };
    if file.size() > MAX_XML {
        return Err(too_big());
    }
    let mut out = Vec::new();
    file.take(MAX_XML + 1)
        .read_to_end(&mut out)
        .map_err(|e| Refused(format!("corrupt DOCX: {name}: {e}")))?;
    if out.len() as u64 > MAX_XML {
        return Err(too_big());
    }
    Ok(out)
}

/// Elements whose content is never text of the body.
const SKIPPED: &[&str] = &[
    "w:del",
    "w:moveFrom",
    "w:delText",
    "w:instrText",
    "mc:Fallback",
    "w:footnoteReference",
    "w:rPr",
    "w:pPr",
];

fn body_text(xml: &[u8]) -> Result<String, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut out = String::new();
    let mut buf = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_text = false;
    // Open table rows: the cells written so far; open cells: their text.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    // Open paragraphs: a text box's paragraphs sit inside the paragraph that anchors it.
    let mut paras: Vec<String> = Vec::new();
    let mut para = String::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("{e} at byte {}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                let n = e.name();
                let n = n.as_ref();
                if skip_depth > 0 || SKIPPED.contains(&n) {
                    skip_depth += 1;
                } else {
                    match n {
                        "w:t" => in_text = true,
                        "w:tr" => rows.push(Vec::new()),
                        "w:tc" => cells.push(String::new()),
                        "w:p" => paras.push(std::mem::take(&mut para)),
                        _ => {}
                    }
                }
            }
            Event::Empty(e) if skip_depth == 0 => match e.name().as_ref() {
                "w:tab" => para.push('\t'),
                "w:br" | "w:cr" => para.push('\n'),
                "w:noBreakHyphen" => para.push('-'),
                _ => {}
            },
            Event::Text(t) if skip_depth == 0 && in_text => {
                para.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if skip_depth == 0 && in_text => {
                let ch = match r.xml10_content().as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = ch {
                    para.push(c);
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:p" => {
                        if let Some(cell) = cells.last_mut() {
                            // A cell is one line: its paragraphs are joined by a space.
                            let p = para.replace(['\n', '\t'], " ");
                            if !cell.is_empty() && !p.trim().is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(p.trim());
                        } else {
                            out.push_str(&para);
                            out.push('\n');
                        }
                        para = paras.pop().unwrap_or_default();
                    }
                    "w:tc" => {
                        let cell = cells.pop().unwrap_or_default();
                        match rows.last_mut() {
                            Some(r) => r.push(cell),
                            None => {
                                out.push_str(&cell);
                                out.push('\n');
                            }
                        }
                    }
                    "w:tr" => {
                        let mut row = rows.pop().unwrap_or_default();
                        while row.last().is_some_and(String::is_empty) {
                            row.pop();
                        }
                        let line = row.join("\t");
                        // A table inside a cell: its rows join the outer cell.
                        match cells.last_mut() {
                            Some(cell) => {
                                if !cell.is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(&line.replace('\t', " "));
                            }
                            None if !line.is_empty() => {
                                out.push_str(&line);
                                out.push('\n');
                            }
                            None => {}
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(super::tidy_lines(&out, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DOCX package around a body (the parts Word needs to open it).
    pub fn package(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opt = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opt).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
        zip.start_file("word/document.xml", opt).unwrap();
        write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_tables_and_revisions() {
        let body = r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>关于印发</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">工作要点的通知</w:t></w:r></w:p>
<w:p><w:r><w:t>到2025年，孕产妇死亡率控制在</w:t></w:r><w:del><w:r><w:delText>12</w:delText></w:r></w:del><w:ins><w:r><w:t>10/10万</w:t></w:r></w:ins><w:r><w:t>以下&amp;。</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025年</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>婴儿</w:t></w:r></w:p><w:p><w:r><w:t>死亡率</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≤5‰</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>附件</w:t><w:tab/><w:t>1</w:t></w:r></w:p>"#;
        let c = convert(&package(body)).unwrap();
        assert_eq!(
            c.text,
            "关于印发工作要点的通知\n到2025年，孕产妇死亡率控制在10/10万以下&。\n指标\t2025年\n婴儿 死亡率\t≤5‰\n附件\t1\n"
        );
        assert_eq!(c.format, "docx");
    }

    #[test]
    fn broken_packages_are_refused_with_a_reason() {
        let e = convert(b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(e.0.contains("corrupt DOCX"), "{}", e.0);
        let mut truncated = package("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
        truncated.truncate(truncated.len() / 2);
        assert!(convert(&truncated).is_err());
        let bad_xml = package("<w:p><w:r><w:t>x</w:r></w:p>");
        let e = convert(&bad_xml).unwrap_err();
        assert!(e.0.contains("word/document.xml"), "{}", e.0);
    }
}
