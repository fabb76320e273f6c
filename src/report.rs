//! The page of `compare --format html`: one self-contained HTML file (inline CSS, SVG and a
//! little script; no network) of the targets by indicator, region and deadline, built from the
//! rows the other formats print — an overview, indicators ranked by regions, per indicator a
//! chart of where each region stands (strictest first, units that do not convert apart,
//! conflicts marked), a deadline timeline and the rows with their sources; milestones by year;
//! filters by indicator, region and year and a search box, kept in the address's #fragment.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::compare::{Direction, IndicatorTable, Row};
use crate::record::MilestoneRecord;

/// What the page's overview counts.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub documents: usize,
    pub targets: usize,
    pub milestones: usize,
    pub errors: usize,
}

/// HTML-escape text (also for attribute values in double quotes).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn num(n: &serde_json::Number) -> f64 {
    n.as_f64().unwrap_or(0.0)
}

/// The value a row is drawn at: its normalized value where it has one, else as written.
fn level(r: &Row) -> (f64, Option<f64>) {
    match &r.normalized {
        Some(n) => (num(&n.value), n.value_max.as_ref().map(num)),
        None => (num(&r.value), r.value_max.as_ref().map(num)),
    }
}

fn value_text(r: &Row) -> String {
    let mut s = r.value.to_string();
    if let Some(m) = &r.value_max {
        s.push('–');
        s.push_str(&m.to_string());
    }
    s.push_str(r.unit.as_deref().unwrap_or(""));
    s
}

fn region_name(r: &Row) -> String {
    r.region
        .clone()
        .unwrap_or_else(|| "（未知 unknown）".into())
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#183b56;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;font-size:13px;opacity:.85}
main{padding:12px 24px 48px;max-width:1400px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 16px}.card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}.card span{font-size:12px;color:#5b6b7b}
.filters{position:sticky;top:0;z-index:2;background:#f6f7f9;padding:8px 0;border-bottom:1px solid #dde3ea;display:flex;flex-wrap:wrap;gap:10px;align-items:center;font-size:13px}
.filters select,.filters input{font-size:13px;padding:3px 6px;max-width:260px}
details.block{background:#fff;border:1px solid #dde3ea;border-radius:6px;margin:14px 0;padding:10px 16px}details.block summary{cursor:pointer;font-size:15px}
section.indicator,section.block{background:#fff;border:1px solid #dde3ea;border-radius:6px;margin:14px 0;padding:10px 16px;content-visibility:auto;contain-intrinsic-size:auto 600px}
section h2{font-size:17px;margin:4px 0}.meta{font-size:12px;color:#5b6b7b;margin:0 0 6px}
.conflict-note{color:#b3261e;font-size:13px;margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:12px;margin-top:6px}th,td{border-bottom:1px solid #e7ebf0;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef2f6;position:sticky;top:0}td.num{text-align:right;white-space:nowrap}
tr.strictest td:first-child{border-left:3px solid #1a7f37}tr.loosest td:first-child{border-left:3px solid #9aa5b1}tr.conflict td{background:#fdecea}
td.quote{max-width:420px}.place{color:#5b6b7b;white-space:nowrap}
svg text{font-size:11px;fill:#1d2733}svg .axis{stroke:#9aa5b1}svg .dot{fill:#2f6fb5}svg .dot.strictest{fill:#1a7f37}svg .dot.conflict{fill:#b3261e}svg .bar{stroke:#2f6fb5;stroke-width:3}
.rank td a{color:#183b56}.muted{color:#8a96a3}
"#;

const SCRIPT: &str = r#"
(function(){
  var t0=performance.now();
  var $=function(s){return document.querySelector(s)};
  var all=function(s,root){return Array.prototype.slice.call((root||document).querySelectorAll(s))};
  var fi=$('#f-indicator'),fr=$('#f-region'),fy=$('#f-year'),fq=$('#f-search');
  function fromHash(){
    var p=new URLSearchParams(location.hash.replace(/^#/,''));
    fi.value=p.get('indicator')||'';fr.value=p.get('region')||'';fy.value=p.get('year')||'';fq.value=p.get('q')||'';
  }
  function toHash(){
    var p=new URLSearchParams();
    if(fi.value)p.set('indicator',fi.value);if(fr.value)p.set('region',fr.value);if(fy.value)p.set('year',fy.value);if(fq.value)p.set('q',fq.value);
    var h=p.toString();if(('#'+h)!==location.hash&&!(h===''&&location.hash==='')){history.replaceState(null,'',h?'#'+h:location.pathname+location.search)}
  }
  function keep(el,sec){
    var q=fq.value.trim().toLowerCase();
    if(fr.value&&el.getAttribute('data-region')!==fr.value)return false;
    if(fy.value&&el.getAttribute('data-year')!==fy.value)return false;
    if(q&&(el.getAttribute('data-text')||'').indexOf(q)<0&&!(sec&&(sec.getAttribute('data-search')||'').indexOf(q)>=0))return false;
    return true;
  }
  function apply(){
    var shown=0,rows=0;
    all('section.indicator').forEach(function(sec){
      var on=!fi.value||sec.getAttribute('data-key')===fi.value,any=false;
      all('tr[data-region]',sec).forEach(function(tr){var ok=on&&keep(tr,sec);tr.hidden=!ok;if(ok){any=true;rows++}});
      all('g[data-region]',sec).forEach(function(g){g.style.display=(on&&keep(g,sec))?'':'none'});
      sec.hidden=!any;if(any)shown++;
    });
    var ms=0;all('#milestones tr[data-region]').forEach(function(tr){var ok=!fi.value&&keep(tr,null);tr.hidden=!ok;if(ok)ms++});
    var mb=$('#milestones');if(mb)mb.hidden=ms===0;
    var rank=$('#rank');if(rank)rank.open=!fi.value&&!fr.value&&!fy.value&&!fq.value;
    $('#shown').textContent=shown+' indicators, '+rows+' targets, '+ms+' milestones shown';
    toHash();
  }
  [fi,fr,fy].forEach(function(e){e.addEventListener('change',apply)});
  fq.addEventListener('input',apply);
  window.addEventListener('hashchange',function(){fromHash();apply()});
  fromHash();apply();
  console.log('policy-targets report: ready in '+Math.round(performance.now())+' ms (page parsed in '+Math.round(t0)+' ms, filters applied in '+Math.round(performance.now()-t0)+' ms)');
})();
"#;

/// Width of a chart and of its label column, in pixels.
const CHART_W: f64 = 760.0;
const LABEL_W: f64 = 190.0;
const ROW_H: f64 = 18.0;

/// A dot chart of one indicator's rows compared on one unit: a line per row, strictest first.
fn chart(out: &mut String, t: &IndicatorTable, unit: &str) {
    let rows: Vec<&Row> = t.rows.iter().filter(|r| r.compared_on == unit).collect();
    if rows.is_empty() {
        return;
    }
    // Rows all written in one unit are drawn as written (10/10万, not 0.0001 ratio).
    let written = rows.iter().all(|r| r.unit == rows[0].unit);
    let level = |r: &Row| -> (f64, Option<f64>) {
        if written {
            (num(&r.value), r.value_max.as_ref().map(num))
        } else {
            level(r)
        }
    };
    let unit = if written {
        rows[0].unit.as_deref().unwrap_or("")
    } else {
        unit
    };
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for r in &rows {
        let (a, b) = level(r);
        lo = lo.min(a);
        hi = hi.max(b.unwrap_or(a));
    }
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    } else {
        let pad = (hi - lo) * 0.06;
        lo -= pad;
        hi += pad;
    }
    let plot = CHART_W - LABEL_W - 120.0;
    let x = |v: f64| LABEL_W + (v - lo) / (hi - lo) * plot;
    let height = ROW_H * rows.len() as f64 + 24.0;
    let unit_label = if unit.is_empty() { "no unit" } else { unit };
    let _ = write!(
        out,
        r#"<svg class="chart" width="{CHART_W}" height="{height}" viewBox="0 0 {CHART_W} {height}" role="img" aria-label="{} ({})">"#,
        esc(&t.indicator),
        esc(unit_label)
    );
    let _ = write!(
        out,
        r#"<line class="axis" x1="{LABEL_W}" x2="{}" y1="{}" y2="{}"/><text x="{LABEL_W}" y="{}">{}</text><text x="{}" y="{}" text-anchor="end">{}</text>"#,
        LABEL_W + plot,
        height - 16.0,
        height - 16.0,
        height - 3.0,
        esc(&trim_num(lo)),
        LABEL_W + plot,
        height - 3.0,
        esc(&format!("{} {unit_label}", trim_num(hi)))
    );
    for (i, r) in rows.iter().enumerate() {
        let y = ROW_H * i as f64 + 12.0;
        let (a, b) = level(r);
        let class = match (r.conflict, r.mark) {
            (true, _) => "dot conflict",
            (false, Some("strictest")) => "dot strictest",
            _ => "dot",
        };
        let _ = write!(
            out,
            r#"<g data-region="{}" data-year="{}" data-text="{}">"#,
            esc(r.region.as_deref().unwrap_or("")),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            esc(&search_text(r))
        );
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}{}</text>"#,
            LABEL_W - 8.0,
            y + 4.0,
            esc(&region_name(r)),
            r.year.map(|y| format!(" {y}")).unwrap_or_default()
        );
        if let Some(b) = b {
            let _ = write!(
                out,
                r#"<line class="bar" x1="{:.1}" x2="{:.1}" y1="{y}" y2="{y}"/>"#,
                x(a),
                x(b)
            );
        }
        let _ = write!(
            out,
            r#"<circle class="{class}" cx="{:.1}" cy="{y}" r="5"><title>{} {} {}</title></circle><text x="{:.1}" y="{}">{} {}{}</text></g>"#,
            x(b.unwrap_or(a)),
            esc(&region_name(r)),
            esc(&r.comparator),
            esc(&value_text(r)),
            x(b.unwrap_or(a)) + 9.0,
            y + 4.0,
            esc(&r.comparator),
            esc(&value_text(r)),
            if r.mark == Some("strictest") {
                " ★"
            } else {
                ""
            }
        );
    }
    out.push_str("</svg>");
}

/// A number as short text (no trailing zeros, at most six significant digits after the point).
fn trim_num(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Deadlines of one indicator's rows on a line of years.
fn timeline(out: &mut String, t: &IndicatorTable) {
    let years: Vec<i32> = t.rows.iter().filter_map(|r| r.year).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return;
    };
    let span = (last - first).max(1) as f64;
    let plot = CHART_W - LABEL_W - 60.0;
    let x = |y: i32| LABEL_W + (y - first) as f64 / span * plot;
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut dots = String::new();
    for r in &t.rows {
        let Some(y) = r.year else { continue };
        let k = per_year.entry(y).or_insert(0);
        *k += 1;
        let _ = write!(
            dots,
            r#"<g data-region="{}" data-year="{y}" data-text="{}"><circle class="dot" cx="{:.1}" cy="{}" r="4"><title>{} {}: {} {}</title></circle></g>"#,
            esc(r.region.as_deref().unwrap_or("")),
            esc(&search_text(r)),
            x(y),
            44.0 - (*k as f64 - 1.0).min(5.0) * 7.0,
            esc(&region_name(r)),
            r.deadline.as_deref().unwrap_or(""),
            esc(&r.comparator),
            esc(&value_text(r))
        );
    }
    let _ = write!(
        out,
        r#"<svg class="timeline" width="{CHART_W}" height="70" viewBox="0 0 {CHART_W} 70" role="img" aria-label="deadlines"><text x="0" y="48">期限 deadlines</text><line class="axis" x1="{LABEL_W}" x2="{}" y1="52" y2="52"/>"#,
        LABEL_W + plot
    );
    for y in per_year.keys() {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="66" text-anchor="middle">{y}</text>"#,
            x(*y)
        );
    }
    out.push_str(&dots);
    out.push_str("</svg>");
}

/// Lower-case text a search looks in: region, indicator, title, number and quote.
fn search_text(r: &Row) -> String {
    format!(
        "{} {} {} {} {}",
        r.region.as_deref().unwrap_or(""),
        r.indicator,
        r.title.as_deref().unwrap_or(""),
        r.doc_number.as_deref().unwrap_or(""),
        r.quote
    )
    .to_lowercase()
}

/// The key an indicator is filtered by: its id, else its name.
fn key(t: &IndicatorTable) -> String {
    t.indicator_id
        .clone()
        .unwrap_or_else(|| t.indicator.clone())
}

fn regions_of(t: &IndicatorTable) -> BTreeSet<String> {
    t.rows.iter().filter_map(|r| r.region.clone()).collect()
}

/// The page.
pub fn render_html(
    tables: &[IndicatorTable],
    milestones: &[MilestoneRecord],
    overview: &Overview,
) -> String {
    let mut out =
        String::with_capacity(4096 + tables.iter().map(|t| t.rows.len()).sum::<usize>() * 900);
    let regions: BTreeSet<String> = tables.iter().flat_map(regions_of).collect();
    let mut years: BTreeSet<i32> = tables
        .iter()
        .flat_map(|t| t.rows.iter().filter_map(|r| r.year))
        .collect();
    years.extend(milestones.iter().filter_map(|m| m.year));
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>目标对比 Targets compared — policy-targets</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body><header><h1>目标对比 · Targets compared</h1>");
    let _ = write!(
        out,
        "<p>policy-targets compare: {} indicators, {rows} targets compared across {} regions; strictest first; units that do not convert are compared apart; conflicts marked.</p></header><main>",
        tables.len(),
        regions.len()
    );
    // Overview.
    out.push_str("<div class=\"cards\">");
    for (n, label) in [
        (overview.documents, "文件 documents read"),
        (overview.targets, "目标 targets"),
        (overview.milestones, "节点 milestones"),
        (regions.len(), "地区 regions"),
        (tables.len(), "指标 indicators"),
        (overview.errors, "错误 errors"),
    ] {
        let _ = write!(
            out,
            "<div class=\"card\"><b>{n}</b><span>{label}</span></div>"
        );
    }
    out.push_str("</div>");
    // Filters.
    out.push_str("<div class=\"filters\"><label>指标 indicator <select id=\"f-indicator\"><option value=\"\">全部 all</option>");
    for t in tables {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            esc(&key(t)),
            esc(&t.indicator)
        );
    }
    out.push_str("</select></label><label>地区 region <select id=\"f-region\"><option value=\"\">全部 all</option>");
    for r in &regions {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(r));
    }
    out.push_str("</select></label><label>年份 year <select id=\"f-year\"><option value=\"\">全部 all</option>");
    for y in &years {
        let _ = write!(out, "<option value=\"{y}\">{y}</option>");
    }
    out.push_str("</select></label><label>搜索 search <input id=\"f-search\" type=\"search\" placeholder=\"指标、地区、原文 indicator, region, quote\"></label><span id=\"shown\" class=\"muted\"></span></div>");
    // Ranking.
    let mut ranked: Vec<(usize, &IndicatorTable, usize)> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (regions_of(t).len(), t, i))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    out.push_str("<details class=\"block\" id=\"rank\" open><summary><b>指标排行 Indicators by regions</b> (the first 30; the rest below)</summary><table class=\"rank\"><thead><tr><th>指标 indicator</th><th>id</th><th>地区 regions</th><th>目标 targets</th><th>冲突 conflicts</th></tr></thead><tbody>");
    for (n, t, i) in ranked.iter().take(30) {
        let _ = write!(
            out,
            "<tr><td><a href=\"#ind-{i}\">{}</a></td><td>{}</td><td class=\"num\">{n}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&t.indicator),
            esc(t.indicator_id.as_deref().unwrap_or("")),
            t.rows.len(),
            t.conflicts.len()
        );
    }
    if ranked.len() > 30 {
        let _ = write!(
            out,
            "<tr><td colspan=\"5\" class=\"muted\">… {} more below</td></tr>",
            ranked.len() - 30
        );
    }
    out.push_str("</tbody></table></details>");
    // Indicators.
    for (i, t) in tables.iter().enumerate() {
        let direction = match t.direction {
            Some(Direction::Lower) => "越低越严 lower is stricter",
            Some(Direction::Higher) => "越高越严 higher is stricter",
            None => "无方向 no direction: rows in document order",
        };
        let names = t.names.join(" ").to_lowercase();
        let _ = write!(
            out,
            "<section class=\"indicator\" id=\"ind-{i}\" data-key=\"{}\" data-search=\"{}\"><h2>{}{}</h2><p class=\"meta\">{direction} · {} regions · {} targets{}</p>",
            esc(&key(t)),
            esc(&format!("{} {}", t.indicator.to_lowercase(), names)),
            esc(&t.indicator),
            t.indicator_id.as_deref().map(|id| format!(" <span class=\"muted\">[{}]</span>", esc(id))).unwrap_or_default(),
            regions_of(t).len(),
            t.rows.len(),
            if t.compared_on.len() > 1 {
                format!(" · units compared apart: {}", esc(&t.compared_on.iter().map(|u| if u.is_empty() { "no unit" } else { u.as_str() }).collect::<Vec<_>>().join(", ")))
            } else {
                String::new()
            }
        );
        for c in &t.conflicts {
            let _ = write!(
                out,
                "<p class=\"conflict-note\">冲突 CONFLICT: {} {} — {} rows disagree</p>",
                esc(c.region.as_deref().unwrap_or("")),
                c.year.map(|y| y.to_string()).unwrap_or_default(),
                c.rows.len()
            );
        }
        for unit in &t.compared_on {
            chart(&mut out, t, unit);
        }
        timeline(&mut out, t);
        out.push_str("<table><thead><tr><th>地区 region</th><th>年 year</th><th>期限 deadline</th><th>比较 cmp</th><th>值 value</th><th>单位 unit</th><th>标准化 normalized</th><th>强度 strength</th><th>文件 document</th><th>文号 number</th><th>日期 date</th><th>原文 quote</th><th>位置 place</th></tr></thead><tbody>");
        for r in &t.rows {
            let mut class = Vec::new();
            if let Some(m) = r.mark {
                class.push(m);
            }
            if r.conflict {
                class.push("conflict");
            }
            let normalized = r
                .normalized
                .as_ref()
                .map(|n| format!("{} {}", n.value, n.unit))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr class=\"{}\" data-region=\"{}\" data-region-code=\"{}\" data-year=\"{}\" data-comparator=\"{}\" data-value=\"{}\" data-value-max=\"{}\" data-unit=\"{}\" data-mark=\"{}\" data-text=\"{}\"><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"quote\">{}</td><td class=\"place\">{}:{}</td></tr>",
                class.join(" "),
                esc(r.region.as_deref().unwrap_or("")),
                esc(r.region_code.as_deref().unwrap_or("")),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                esc(&r.comparator),
                r.value,
                r.value_max.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                esc(r.unit.as_deref().unwrap_or("")),
                r.mark.unwrap_or(""),
                esc(&search_text(r)),
                esc(&region_name(r)),
                if r.mark == Some("strictest") { " ★" } else { "" },
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                esc(r.deadline.as_deref().unwrap_or("")),
                esc(&r.comparator),
                esc(&match &r.value_max {
                    Some(m) => format!("{}–{m}", r.value),
                    None => r.value.to_string(),
                }),
                esc(r.unit.as_deref().unwrap_or("")),
                esc(&normalized),
                esc(r.strength.as_deref().unwrap_or("")),
                esc(r.title.as_deref().unwrap_or("")),
                esc(r.doc_number.as_deref().unwrap_or("")),
                esc(r.date.as_deref().unwrap_or("")),
                esc(&r.quote),
                esc(&r.path),
                r.line
            );
        }
        out.push_str("</tbody></table></section>");
    }
    // Milestones by year.
    if !milestones.is_empty() {
        let mut ms: Vec<&MilestoneRecord> = milestones
            .iter()
            .filter(|m| m.duplicate_of.is_none())
            .collect();
        ms.sort_by(|a, b| {
            a.deadline
                .cmp(&b.deadline)
                .then(a.path.cmp(&b.path))
                .then(a.start.cmp(&b.start))
        });
        out.push_str("<section class=\"block\" id=\"milestones\"><h2>时间节点 Milestones by deadline</h2><table><thead><tr><th>期限 deadline</th><th>地区 region</th><th>任务 task</th><th>责任单位 units</th><th>位置 place</th></tr></thead><tbody>");
        for m in ms {
            let _ = write!(
                out,
                "<tr data-region=\"{}\" data-year=\"{}\" data-text=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"place\">{}:{}</td></tr>",
                esc(m.region.as_deref().unwrap_or("")),
                m.year.map(|y| y.to_string()).unwrap_or_default(),
                esc(&format!("{} {}", m.region.as_deref().unwrap_or(""), m.task).to_lowercase()),
                esc(m.deadline.as_deref().unwrap_or("")),
                esc(m.region.as_deref().unwrap_or("")),
                esc(&m.task),
                esc(&m.units.join("、")),
                esc(&m.path),
                m.line
            );
        }
        out.push_str("</tbody></table></section>");
    }
    out.push_str("</main><script>");
    out.push_str(SCRIPT);
    out.push_str("</script></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_numbers_are_short() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(trim_num(0.000160), "0.00016");
        assert_eq!(trim_num(95.0), "95");
        assert_eq!(trim_num(-0.0), "0");
    }

    #[test]
    fn an_empty_comparison_is_still_a_page() {
        let page = render_html(&[], &[], &Overview::default());
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "no network"
        );
    }
}
