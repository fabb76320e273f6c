//! Document metadata (interim): the labelled date of issue only; replaced by the full reader
//! of titles, issuers, document numbers, dates and regions.

use crate::region::RegionTable;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub date: Option<String>,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub region_candidates: Vec<String>,
}

pub struct MetaRules;

impl MetaRules {
    pub fn parse(_text: &str, _file: &str) -> Result<MetaRules, String> {
        Ok(MetaRules)
    }
}

pub fn extract(
    _original: &str,
    normalized: &str,
    _rules: &MetaRules,
    _regions: &RegionTable,
) -> DocMeta {
    let re =
        regex::Regex::new(r"(?:发文日期|成文日期|公文生成日期)[^\d]{0,6}(\d{4})-(\d{2})-(\d{2})")
            .expect("date");
    let date = re
        .captures(normalized)
        .map(|c| format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    DocMeta {
        date,
        ..DocMeta::default()
    }
}
