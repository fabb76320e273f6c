//! Region codes (interim): an empty table until the administrative-division table lands.

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionResolution {
    pub code: Option<String>,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub candidates: Vec<String>,
}

pub struct RegionTable;

impl RegionTable {
    pub fn parse(_text: &str, _file: &str) -> Result<RegionTable, String> {
        Ok(RegionTable)
    }

    pub fn resolve(&self, _name: &str, _context: &[&str]) -> RegionResolution {
        RegionResolution::default()
    }
}
