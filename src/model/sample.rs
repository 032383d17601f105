//! A complete example report: every cell filled with distinct multi-digit values that
//! satisfy every hard rule, and short narrative texts. Benchmarks, tests and demos use it
//! as the "full report" a user would produce.

use super::Report;
use crate::template::{CellKind, Template};

/// A balanced, fully filled report of `t` for `year`.
pub fn filled(t: &'static Template, year: i32) -> Report {
    let mut r = Report::new(t, "某某市某某区某某局", year);
    r.header_text = r.generated_header();
    // Dated within January of the next year, before every agency kind's deadline.
    r.publish_date = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 20);
    r.texts = t
        .sections
        .iter()
        .map(|s| match s.table {
            Some(_) => String::new(),
            None => format!(
                "{}：{year}年，本局认真落实有关要求，做好相关工作。",
                s.title
            ),
        })
        .collect();
    // 五 and 六 carry what their soft checks look for.
    if let Some(i) = t.section_index("s5") {
        r.texts[i] = "存在的问题：政策解读形式较为单一。改进措施：丰富解读形式，加强培训。".into();
    }
    if let Some(i) = t.section_index("s6") {
        r.texts[i] = "本年度发出收费通知2件，未收取信息处理费。".into();
    }
    for (ti, tab) in t.tables.iter().enumerate() {
        let inputs: Vec<_> = t.table_cells(ti).filter(|c| !r.is_derived(*c)).collect();
        for (i, c) in inputs.into_iter().enumerate() {
            let v = match t.cells[c.index()].kind {
                CellKind::Amount { .. } => format!("{}.{:03}", 9000 + i, 36 + i),
                _ => (11 + i * 7 % 89).to_string(),
            };
            r.set_input(c, &v);
        }
        // Balance 一 + 二 = （七） + 四 in every column by choosing 一.
        if let (Some(r1), Some(r2), Some(total), Some(r4)) = (
            tab.rows.iter().position(|r| r.id == "r1"),
            tab.rows.iter().position(|r| r.id == "r2"),
            tab.rows.iter().position(|r| r.id == "total"),
            tab.rows.iter().position(|r| r.id == "r4"),
        ) {
            r.recompute_derived();
            for col in 0..tab.blocks[0].columns.len() {
                let at = |row| t.cell_at(ti, row, col).expect("cell");
                if r.is_derived(at(r1)) {
                    continue;
                }
                let v = |r: &Report, row| r.cell(at(row)).int().unwrap_or(0);
                let out = v(&r, total) + v(&r, r4);
                let need = out - v(&r, r2);
                r.set_input(at(r1), &need.max(0).to_string());
                if need < 0 {
                    r.set_input(at(r2), &out.to_string());
                }
            }
        }
    }
    r.recompute_derived();
    r
}
