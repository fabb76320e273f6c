//! Writes the formats fixtures of the seeds into a folder: `<seed>.html` (a government site's
//! page around the notice) and `<seed>.docx` (the notice as a Word document, its table a Word
//! table). scripts/make-format-fixtures.sh turns the DOCX files into the PDF fixtures.
//!
//! usage: cargo run --example format_fixtures -- SEEDS_DIR OUT_DIR

#[path = "../tests/common/formats.rs"]
mod formats;

use std::path::PathBuf;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [seeds, out] = args.as_slice() else {
        eprintln!("usage: format_fixtures SEEDS_DIR OUT_DIR");
        std::process::exit(2);
    };
    std::fs::create_dir_all(out).expect("output folder");
    let mut names: Vec<PathBuf> = std::fs::read_dir(seeds)
        .expect("seeds folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for (i, p) in names.iter().enumerate() {
        let text = std::fs::read_to_string(p).expect("seed text");
        let blocks = formats::blocks(&text);
        let stem = p.file_stem().expect("name").to_string_lossy().to_string();
        let page = formats::PAGES[i % formats::PAGES.len()];
        let title = formats::title_of(&blocks);
        std::fs::write(
            out.join(format!("{stem}.html")),
            formats::html_page(&blocks, &title, page),
        )
        .expect("write html");
        std::fs::write(out.join(format!("{stem}.docx")), formats::docx(&blocks))
            .expect("write docx");
    }
}
