//! `compare --list-indicators`: the taxonomy of patterns/indicators.tsv (id, canonical name,
//! group, direction, usual unit) with how many targets and regions of the inputs carry each id,
//! most first, and how many targets carry none.

use std::collections::{BTreeMap, BTreeSet};

use crate::patterns::Patterns;
use crate::record::TargetRecord;

/// One indicator of the taxonomy and its use in the inputs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IndicatorUse {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    pub direction: Option<String>,
    pub unit: Option<String>,
    pub targets: usize,
    pub regions: usize,
}

/// Every indicator of the taxonomy with its targets and regions among `targets` (restatements
/// not counted), most targets first, then by id; and (targets with an id, targets in all).
pub fn uses(patterns: &Patterns, targets: &[TargetRecord]) -> (Vec<IndicatorUse>, (usize, usize)) {
    let mut count: BTreeMap<&str, (usize, BTreeSet<String>)> = BTreeMap::new();
    let (mut with_id, mut all) = (0, 0);
    for t in targets.iter().filter(|t| t.duplicate_of.is_none()) {
        all += 1;
        if let Some(id) = t.indicator_id.as_deref() {
            with_id += 1;
            let e = count.entry(id).or_default();
            e.0 += 1;
            if let Some(r) = t.region_code.as_deref().or(t.region.as_deref()) {
                e.1.insert(r.to_string());
            }
        }
    }
    let mut out: Vec<IndicatorUse> = patterns
        .indicators
        .iter()
        .map(|d| {
            let (targets, regions) = count
                .get(d.id.as_str())
                .map(|(n, r)| (*n, r.len()))
                .unwrap_or((0, 0));
            IndicatorUse {
                id: d.id.clone(),
                name: d.canonical.clone(),
                group: d.group.clone(),
                direction: d.direction.clone(),
                unit: d.unit.clone(),
                targets,
                regions,
            }
        })
        .collect();
    out.sort_by(|a, b| b.targets.cmp(&a.targets).then(a.id.cmp(&b.id)));
    (out, (with_id, all))
}

const COLUMNS: &[&str] = &[
    "id",
    "name",
    "group",
    "direction",
    "unit",
    "targets",
    "regions",
];

fn cells(u: &IndicatorUse) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        u.id.clone(),
        u.name.clone(),
        o(&u.group),
        o(&u.direction),
        o(&u.unit),
        u.targets.to_string(),
        u.regions.to_string(),
    ]
}

/// The list as aligned text, CSV (with a BOM) or JSON.
pub fn render(
    list: &[IndicatorUse],
    totals: (usize, usize),
    format: crate::compare::Format,
) -> String {
    use crate::compare::Format;
    match format {
        Format::Csv => {
            let mut out = crate::csv::header(COLUMNS);
            for u in list {
                out.push_str(&crate::printer::csv_row(&cells(u)));
            }
            out
        }
        Format::Json => {
            let mut s = serde_json::to_string_pretty(list).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        _ => {
            let rows: Vec<Vec<String>> =
                std::iter::once(COLUMNS.iter().map(|c| c.to_string()).collect())
                    .chain(list.iter().map(cells))
                    .collect();
            let widths: Vec<usize> = (0..COLUMNS.len())
                .map(|i| {
                    rows.iter()
                        .map(|r| crate::compare::display_width(&r[i]))
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let mut out = String::new();
            for r in &rows {
                let line: Vec<String> = r
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| {
                        format!("{c}{}", " ".repeat(w - crate::compare::display_width(c)))
                    })
                    .collect();
                out.push_str(line.join("  ").trim_end());
                out.push('\n');
            }
            let (with_id, all) = totals;
            let used = list.iter().filter(|u| u.targets > 0).count();
            out.push_str(&format!(
                "{with_id} of {all} targets carry an id ({:.0} %); {used} of {} indicators are used\n",
                if all > 0 { 100.0 * with_id as f64 / all as f64 } else { 0.0 },
                list.len()
            ));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_taxonomy_has_a_group_and_a_known_direction() {
        let p = Patterns::embedded().unwrap();
        assert!(p.indicators.len() >= 69);
        for d in &p.indicators {
            assert!(d.group.is_some(), "{} has no group", d.id);
            assert!(
                matches!(d.direction.as_deref(), None | Some("higher" | "lower")),
                "{}",
                d.id
            );
        }
        let mmr = p
            .indicators
            .iter()
            .find(|d| d.id == "maternal_mortality_ratio")
            .unwrap();
        assert_eq!(
            (mmr.direction.as_deref(), mmr.unit.as_deref()),
            (Some("lower"), Some("/10万"))
        );
    }
}
