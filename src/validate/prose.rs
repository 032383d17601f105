//! Shares and changes written in the prose, recomputed from the tables and last year's
//! report: "40件，占43.96%" must be 40's share of a total the tables hold, "87件，同比增长
//! 13%" the change from last year's figure, each to the precision written.

use regex::Regex;

use super::{Diagnostic, Run, passage_diag, sum_cells};
use crate::model::last_year::LastYear;
use crate::model::statistics::share;
use crate::template::CellId;

/// Shares written in the sections, each the count's share of one of the wholes.
pub(super) fn shares(
    c: &Run,
    out: &mut Vec<Diagnostic>,
    sections: &[usize],
    pattern: &Regex,
    wholes: &[(String, Vec<CellId>)],
) {
    let Run { r, id, sev, .. } = *c;
    let t = r.template;
    let totals: Vec<(&str, i64)> = wholes
        .iter()
        .filter_map(|(name, cells)| Some((name.as_str(), sum_cells(r, cells)?)))
        .filter(|(_, w)| *w > 0)
        .collect();
    if totals.is_empty() {
        return;
    }
    for &s in sections {
        let body = &r.texts[s];
        for caps in pattern.captures_iter(body) {
            let (Some(whole), Some(n), Some(pct)) = (caps.get(0), caps.get(1), caps.get(2)) else {
                continue;
            };
            let (Ok(n), Ok(written)) = (n.as_str().parse::<i64>(), pct.as_str().parse::<f64>())
            else {
                continue;
            };
            let fits = |w: i64| within(written, n as f64 / w as f64 * 100.0, pct.as_str());
            if totals.iter().any(|&(_, w)| fits(w)) {
                continue;
            }
            let reads: Vec<String> = totals
                .iter()
                .map(|&(name, w)| format!("占{name} {w} 件的 {}", share(n as f64, w as f64)))
                .collect();
            out.push(passage_diag(
                id,
                sev,
                s,
                whole.range(),
                format!(
                    "{} 中写“{}”，按表格 {n} 件{}",
                    t.sections[s].title,
                    whole.as_str(),
                    reads.join("，")
                ),
            ));
        }
    }
}

/// Changes against last year written in the sections, recomputed from last year's report.
pub(super) fn changes(
    c: &Run,
    out: &mut Vec<Diagnostic>,
    sections: &[usize],
    pattern: &Regex,
    (cells, topic): (&[CellId], &str),
) {
    let Run { r, prev, id, sev } = *c;
    let t = r.template;
    let (Some(prev), Some(now)) = (prev, sum_cells(r, cells)) else {
        return;
    };
    let Ok(last) = LastYear::of(r, prev) else {
        return;
    };
    let mut then = 0i64;
    for c in cells {
        match last.cell(*c) {
            Some(cell) => then += cell.int().unwrap_or(0),
            None => return,
        }
    }
    if then == 0 {
        return;
    }
    let truth = (now - then) as f64 / then as f64 * 100.0;
    for &s in sections {
        let body = &r.texts[s];
        for caps in pattern.captures_iter(body) {
            let (Some(whole), Some(n), Some(dir), Some(pct)) =
                (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
            else {
                continue;
            };
            // A count other than the table's is S8's to report.
            if n.as_str().parse::<i64>() != Ok(now) {
                continue;
            }
            let Ok(v) = pct.as_str().parse::<f64>() else {
                continue;
            };
            let down = ["下降", "减少", "降低"]
                .iter()
                .any(|w| dir.as_str().contains(w));
            let written = if down { -v } else { v };
            if within(written, truth, pct.as_str()) {
                continue;
            }
            let should = if truth >= 0.0 { "增长" } else { "下降" };
            let mut d = passage_diag(
                id,
                sev,
                s,
                whole.range(),
                format!(
                    "{} 中写“{}”，但{topic}本年 {now} 件、上年 {then} 件，应为{should}{}%",
                    t.sections[s].title,
                    whole.as_str(),
                    rounded(truth.abs(), pct.as_str())
                ),
            );
            d.cells.extend(cells);
            out.push(d);
        }
    }
}

/// Whether a percentage written with the decimals of `as_written` is `truth` rounded or
/// cut to that precision.
fn within(written: f64, truth: f64, as_written: &str) -> bool {
    let places = as_written.split('.').nth(1).map_or(0, str::len) as i32;
    (written - truth).abs() < 10f64.powi(-places) + 1e-9
}

/// `v` to the precision of `as_written` ("13" for 12.99 written "12").
fn rounded(v: f64, as_written: &str) -> String {
    let places = as_written.split('.').nth(1).map_or(0, str::len);
    format!("{v:.places$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_right_rounded_or_cut_to_its_places() {
        assert!(within(43.96, 43.956, "43.96"));
        assert!(within(43.95, 43.956, "43.95"), "cut");
        assert!(within(44.0, 43.956, "44"));
        assert!(!within(45.0, 43.956, "45"));
        assert!(!within(42.86, 43.956, "42.86"));
        assert_eq!(rounded(12.987, "12"), "13");
    }
}
