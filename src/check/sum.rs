//! The sum of many reports' tables, cell by cell, as a draft of its own.

use crate::model::{Cell, Report};
use crate::template::{CellKind, Template};

/// A consolidated report and what the user should know about how it was made.
#[derive(Debug, Clone)]
pub struct Sum {
    pub report: Report,
    /// Reports left out or cells not added, in Chinese.
    pub messages: Vec<String>,
    /// How many reports were added.
    pub count: usize,
}

/// A report to add, with the name it is listed under.
pub struct Part<'a> {
    pub name: String,
    pub report: &'a Report,
}

/// Adds the tables of `parts` cell by cell into a new report titled `title`.
///
/// The format is the one most of the reports use (the first one on a tie); reports of
/// another format are left out with a message, as are cells that hold no valid number.
/// Totals are added like any other cell, so the sum keeps what each report printed. The
/// header paragraph lists the reports the sum contains. `None` when there is no report.
pub fn sum(parts: &[Part<'_>], title: &str) -> Option<Sum> {
    let template = majority_template(parts)?;
    let year = majority(
        parts
            .iter()
            .filter(|p| std::ptr::eq(p.report.template, template)),
        |p| p.report.year,
    )?;
    let mut r = Report::new(template, title, year);
    let mut messages = Vec::new();
    let mut ints: Vec<Option<i64>> = vec![None; template.cells.len()];
    let mut amounts: Vec<Option<i128>> = vec![None; template.cells.len()];
    let mut included = Vec::new();
    for p in parts {
        if !std::ptr::eq(p.report.template, template) {
            messages.push(format!(
                "{} 使用{}，与合计的格式（{}）不同，未计入",
                p.name, p.report.template.name, template.name
            ));
            continue;
        }
        if p.report.year != year {
            messages.push(format!(
                "{} 是 {} 年度的报告，合计按 {year} 年度，仍已计入",
                p.name, p.report.year
            ));
        }
        included.push(p);
        for (i, cell) in p.report.cells.iter().enumerate() {
            let kind = &template.cells[i].kind;
            match (cell, kind) {
                (Cell::Empty, _) => {}
                (Cell::Int(n), CellKind::Count | CellKind::SignedCount) => {
                    let s = ints[i].get_or_insert(0);
                    *s = s.saturating_add(*n);
                }
                (Cell::Amount(a), CellKind::Amount { max_decimals }) => {
                    match to_scaled(a, *max_decimals) {
                        Some(v) => *amounts[i].get_or_insert(0) += v,
                        None => messages.push(not_added(p, template, i, a)),
                    }
                }
                (c, _) => messages.push(not_added(p, template, i, &c.text())),
            }
        }
    }
    for (i, info) in template.cells.iter().enumerate() {
        if let Some(n) = ints[i] {
            r.cells[i] = Cell::Int(n);
        }
        if let (Some(v), CellKind::Amount { max_decimals }) = (amounts[i], &info.kind) {
            r.cells[i] = Cell::Amount(from_scaled(v, *max_decimals));
        }
    }
    r.agency_kind = included
        .first()
        .map(|p| p.report.agency_kind.clone())
        .unwrap_or_default();
    let names: Vec<&str> = included.iter().map(|p| p.name.as_str()).collect();
    r.header_text = format!(
        "本报告的统计表为以下{}份{year}年度报告的合计：{}。",
        included.len(),
        names.join("；")
    );
    Some(Sum {
        report: r,
        messages,
        count: included.len(),
    })
}

fn not_added(p: &Part<'_>, t: &Template, i: usize, text: &str) -> String {
    let label = t.cell_label(crate::template::CellId(i as u16));
    format!("{} 的“{label}”不是有效数字（{text}），未计入合计", p.name)
}

fn majority_template(parts: &[Part<'_>]) -> Option<&'static Template> {
    let ts: Vec<&'static Template> = parts.iter().map(|p| p.report.template).collect();
    let id = majority(ts.iter(), |t| t.id.as_str())?;
    ts.into_iter().find(|t| t.id == id)
}

fn majority<'a, T: 'a, K: PartialEq + Copy + 'a>(
    items: impl Iterator<Item = &'a T> + Clone,
    key: impl Fn(&'a T) -> K,
) -> Option<K> {
    let keys: Vec<K> = items.map(key).collect();
    let best = keys
        .iter()
        .map(|k| keys.iter().filter(|j| *j == k).count())
        .max()?;
    keys.iter()
        .copied()
        .find(|k| keys.iter().filter(|j| *j == k).count() == best)
}

// Amounts are normalised text with at most `max_decimals` places, so as whole numbers
// of the smallest unit they add exactly in an i128 (12 + 6 digits each); no decimal
// crate is needed for addition alone.
fn to_scaled(text: &str, max_decimals: u32) -> Option<i128> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > max_decimals as usize
        || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let int: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut frac_v: i128 = 0;
    for i in 0..max_decimals as usize {
        let d = frac.as_bytes().get(i).map_or(0, |b| i128::from(b - b'0'));
        frac_v = frac_v * 10 + d;
    }
    Some(int * 10i128.pow(max_decimals) + frac_v)
}

/// Inverse of [`to_scaled`], without trailing zeros after the point.
fn from_scaled(v: i128, max_decimals: u32) -> String {
    let unit = 10i128.pow(max_decimals);
    let (int, frac) = (v / unit, v % unit);
    if frac == 0 {
        return int.to_string();
    }
    let f = format!("{frac:0width$}", width = max_decimals as usize);
    format!("{int}.{}", f.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_add_exactly() {
        let a = to_scaled("0.1", 6).unwrap() + to_scaled("0.2", 6).unwrap();
        assert_eq!(from_scaled(a, 6), "0.3");
        let b = to_scaled("123456789012.000001", 6).unwrap() + to_scaled("1.999999", 6).unwrap();
        assert_eq!(from_scaled(b, 6), "123456789014");
        assert_eq!(from_scaled(to_scaled("7", 6).unwrap(), 6), "7");
        assert_eq!(to_scaled("1.2345678", 6), None);
        assert_eq!(to_scaled("1,5", 6), None);
    }
}
