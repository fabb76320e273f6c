//! Fixture generators for the formats tests: a notice in plain text (a seed) turned into the
//! forms it is published in — a web page inside a government site's template (navigation,
//! breadcrumbs, an information bar, share and print buttons, a footer; GB2312 or UTF-8, one
//! declaring the wrong charset), and a Word document with its table as a Word table. The PDF
//! fixtures are made from these DOCX files by LibreOffice (scripts/make-format-fixtures.sh).

#![allow(dead_code)]

use std::io::Write;

/// A piece of a notice: a paragraph, or a table (rows of cells).
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(String),
    Table(Vec<Vec<String>>),
}

/// Read a plain-text notice into blocks. Tables are written two ways in the seeds: one cell per
/// line ending in ` |` (a row opens at a cell that is a row number), or a row per line with its
/// cells separated by ` | `.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if line.ends_with(" |") && !line[..line.len() - 2].contains(" | ") {
            // One cell per line: the header runs to the first cell that is a row number.
            let mut cells = Vec::new();
            while i < lines.len() && lines[i].trim_end().ends_with(" |") {
                let l = lines[i].trim_end();
                cells.push(l[..l.len() - 2].trim().to_string());
                i += 1;
            }
            let width = cells
                .iter()
                .position(|c| c == "1")
                .filter(|&w| w > 0)
                .unwrap_or(cells.len());
            out.push(Block::Table(
                cells.chunks(width).map(<[String]>::to_vec).collect(),
            ));
            continue;
        }
        if line.contains(" | ") {
            let mut rows = Vec::new();
            while i < lines.len() && lines[i].contains(" | ") {
                let row = lines[i]
                    .trim_end()
                    .trim_end_matches('|')
                    .split(" | ")
                    .map(|c| c.trim().to_string())
                    .collect();
                rows.push(row);
                i += 1;
            }
            out.push(Block::Table(rows));
            continue;
        }
        if !line.trim().is_empty() {
            out.push(Block::Para(line.to_string()));
        }
        i += 1;
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// How a page is published.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// The charset the page's bytes are in: "gbk" or "utf-8".
    pub bytes_in: &'static str,
    /// The charset the page declares (may be wrong).
    pub declares: &'static str,
    /// The class or id of the content container (`id="zoom"`, `class="TRS_Editor"`), or a
    /// container no template rule knows.
    pub container: &'static str,
}

/// The page variants used for the seeds, one per seed in turn.
pub const PAGES: &[Page] = &[
    Page {
        bytes_in: "gbk",
        declares: "gb2312",
        container: r#"id="zoom""#,
    },
    Page {
        bytes_in: "gbk",
        declares: "utf-8",
        container: r#"class="TRS_Editor""#,
    },
    Page {
        bytes_in: "utf-8",
        declares: "gb2312",
        container: r#"class="wenzhang-zhengwen""#,
    },
    Page {
        bytes_in: "gbk",
        declares: "gbk",
        container: r#"class="pages_content""#,
    },
    Page {
        bytes_in: "utf-8",
        declares: "utf-8",
        container: r#"class="nr-body""#,
    },
];

/// A government site's page around a notice.
pub fn html_page(blocks: &[Block], title: &str, page: Page) -> Vec<u8> {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Para(p) => body.push_str(&format!("<p>{}</p>\n", esc(p))),
            Block::Table(rows) => {
                body.push_str("<table border=\"1\" cellspacing=\"0\"><tbody>\n");
                for r in rows {
                    body.push_str("<tr>");
                    for c in r {
                        body.push_str(&format!("<td><p>{}</p></td>", esc(c)));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</tbody></table>\n");
            }
        }
    }
    let nav = [
        "首页",
        "政务公开",
        "政务服务",
        "互动交流",
        "走进本市",
        "通知公告",
        "政策解读",
    ]
    .iter()
    .enumerate()
    .map(|(i, n)| format!("<li><a href=\"/col{i}/index.html\">{n}</a></li>"))
    .collect::<String>();
    let related = (1..=6)
        .map(|i| format!("<li><a href=\"/art/2023/{i}.html\">关于做好第{i}批卫生健康项目申报工作的通知</a><span>2023-0{i}-1{i}</span></li>"))
        .collect::<String>();
    let html = format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title}_卫生健康委员会</title>
<meta name="SiteName" content="卫生健康委员会" />
<meta name="ColumnName" content="通知公告" />
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>统计代码</div>");</script>
</head>
<body>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="卫生健康委员会" /></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" /><button>搜索</button></form></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="main">
<div class="left-column"><h3>栏目导航</h3><ul>{nav}</ul></div>
<div class="article">
<div class="info"><span>信息来源：卫生健康委员会</span> <span>【字号：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</span></div>
<div {container}>
{body}</div>
<div class="share bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a> <a class="bds_tsina">微博</a></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="related"><h4>相关文章</h4><ul>{related}</ul></div>
</div></div>
<div class="footer"><p>主办：卫生健康委员会 承办：信息中心</p><p>地址：人民路1号 邮编：000000 电话：0000-0000000</p>
<p>网站标识码：0000000000 <a href="http://www.beian.gov.cn">公网安备 00000000000000号</a></p>
<p><a href="/sitemap.html">网站地图</a> | <a href="/contact.html">联系我们</a></p></div>
</body>
</html>
"#,
        charset = page.declares,
        title = esc(title),
        container = page.container,
    );
    if page.bytes_in == "gbk" {
        encoding_rs::GBK.encode(&html).0.into_owned()
    } else {
        html.into_bytes()
    }
}

/// A DOCX package: the blocks as Word paragraphs and tables, with the parts Word and LibreOffice
/// need to open it (content types, relationships, styles with a CJK font). The zip has fixed
/// times, so the bytes are the same every time.
pub fn docx(blocks: &[Block]) -> Vec<u8> {
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#, esc(t));
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Para(p) => body.push_str(&format!("<w:p>{}</w:p>", run(p))),
            Block::Table(rows) => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
                body.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>"#);
                for _ in 0..width {
                    body.push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, 9000 / width));
                }
                body.push_str("</w:tblGrid>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for k in 0..width {
                        let c = r.get(k).map(String::as_str).unwrap_or("");
                        body.push_str(&format!(
                            r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p>{}</w:p></w:tc>"#,
                            9000 / width,
                            if c.is_empty() { String::new() } else { run(c) }
                        ));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/_rels/document.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string()),
        ("word/styles.xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC"/><w:sz w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#.to_string()),
        ("word/document.xml", document),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, opt).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// The title of a notice for its page: the first line that names a notice (通知, 方案, 计划,
/// 要点), else its first line.
pub fn title_of(blocks: &[Block]) -> String {
    let paras: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.trim()),
            Block::Table(_) => None,
        })
        .collect();
    paras
        .iter()
        .find(|p| {
            p.chars().count() <= 60
                && ["通知", "方案", "计划", "要点", "工作"]
                    .iter()
                    .any(|w| p.contains(w))
        })
        .or(paras.first())
        .map(|s| s.to_string())
        .unwrap_or_default()
}

/// An XLSX workbook of one sheet named `sheet`: strings as inline strings, numbers as numbers.
pub fn xlsx(sheet: &str, rows: &[Vec<&str>]) -> Vec<u8> {
    let col = |i: usize| ((b'A' + i as u8) as char).to_string();
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            cells.push((format!("{}{}", col(c), r + 1), *v));
        }
    }
    xlsx_cells(sheet, &cells)
}

/// An XLSX workbook of one sheet holding `cells` (A1-style reference, value), row by row.
pub fn xlsx_cells(sheet: &str, cells: &[(String, &str)]) -> Vec<u8> {
    let row_of = |at: &str| -> usize {
        at.trim_start_matches(|c: char| c.is_ascii_uppercase())
            .parse()
            .unwrap()
    };
    let mut data = String::new();
    let mut open: Option<usize> = None;
    for (at, v) in cells {
        let r = row_of(at);
        if open != Some(r) {
            if open.is_some() {
                data.push_str("</row>");
            }
            data.push_str(&format!(r#"<row r="{r}">"#));
            open = Some(r);
        }
        if v.parse::<f64>().is_ok() {
            data.push_str(&format!(r#"<c r="{at}"><v>{v}</v></c>"#));
        } else if !v.is_empty() {
            data.push_str(&format!(
                r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                esc(v)
            ));
        }
    }
    if open.is_some() {
        data.push_str("</row>");
    }
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#, esc(sheet))),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, opt).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A valid one-page PDF whose page is only an image (a scan): no text layer.
pub fn image_only_pdf() -> Vec<u8> {
    let content = b"q 200 0 0 200 100 500 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q\n";
    pdf_of(vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>"
            .to_vec(),
        stream_object(b"", content),
    ])
}

/// A PDF whose page draws a form that draws itself: a reader that follows it never ends.
pub fn self_drawing_pdf() -> Vec<u8> {
    pdf_of(vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /X1 5 0 R >> >> >>".to_vec(),
        stream_object(b"", b"/X1 Do\n"),
        stream_object(
            b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X1 5 0 R >> >>",
            b"/X1 Do\n",
        ),
    ])
}

fn stream_object(dict: &[u8], content: &[u8]) -> Vec<u8> {
    [
        b"<< ".as_slice(),
        dict,
        format!(" /Length {} >>\nstream\n", content.len()).as_bytes(),
        content,
        b"endstream",
    ]
    .concat()
}

/// A PDF file of `objects` (numbered from 1, the first the catalog), with its cross-reference
/// table.
fn pdf_of(objects: Vec<Vec<u8>>) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
