//! Reports built for tests.
#![allow(dead_code)]

use nianbao::model::Report;
use nianbao::template::{self, CellId, Template};

pub fn t21() -> &'static Template {
    template::get("gov-info-annual-2021").unwrap()
}

pub fn t19() -> &'static Template {
    template::get("gov-info-annual-2019").unwrap()
}

pub fn id(t: &Template, table: &str, row: &str, col: &str) -> CellId {
    t.cell_id(table, row, col)
        .unwrap_or_else(|| panic!("{table}/{row}/{col}"))
}

/// Input cells of table 三 that are not derived, by (row id, column id).
pub fn t3_inputs(r: &Report) -> Vec<(String, String)> {
    let t = r.template;
    t.table_cells(t.table_index("t3").unwrap())
        .filter(|c| !r.is_derived(*c))
        .map(|c| {
            let (_, row, col) = t.cell_ids(c);
            (row.to_string(), col.to_string())
        })
        .collect()
}

/// A full report with distinct multi-digit values in every cell that satisfies every hard
/// rule: outcomes vary by row and column, 结转 in/out differ, 一 balances each column.
pub fn balanced(t: &'static Template, year: i32) -> Report {
    let mut r = Report::new(t, "某某市某某区某某局", year);
    r.header_text = r.generated_header();
    r.texts[0] = format!("{year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。");
    r.texts[4] = "存在的问题：政策解读形式较为单一。改进措施：丰富解读形式。".into();
    r.texts[5] = "本年度未收取信息处理费。".into();
    let t3 = t.table_index("t3").unwrap();
    let cols: Vec<String> = t.tables[t3].blocks[0]
        .columns
        .iter()
        .map(|c| c.id.clone())
        .filter(|c| c != "total")
        .collect();
    let outcomes: Vec<String> = t.tables[t3]
        .rows
        .iter()
        .map(|r| r.id.clone())
        .filter(|id| id.starts_with('o'))
        .collect();
    for (ci, col) in cols.iter().enumerate() {
        let mut total = 0;
        for (oi, o) in outcomes.iter().enumerate() {
            let v = 11 + oi * 13 + ci * 7;
            total += v;
            r.set_input(id(t, "t3", o, col), &v.to_string());
        }
        let carried_in = 40 + ci;
        let carried_out = 50 + 2 * ci;
        r.set_input(id(t, "t3", "r2", col), &carried_in.to_string());
        r.set_input(id(t, "t3", "r4", col), &carried_out.to_string());
        r.set_input(
            id(t, "t3", "r1", col),
            &(total + carried_out - carried_in).to_string(),
        );
    }
    for (i, c) in t.table_cells(t.table_index("t4").unwrap()).enumerate() {
        r.set_input(c, &(12 + i * 3).to_string());
    }
    for (i, c) in t.table_cells(t.table_index("t2").unwrap()).enumerate() {
        let v = if matches!(t.cells[c.index()].kind, template::CellKind::Amount { .. }) {
            format!("{}.{:03}", 9000 + i, 36 + i)
        } else {
            (21 + i * 17).to_string()
        };
        r.set_input(c, &v);
    }
    r.recompute_derived();
    r
}
