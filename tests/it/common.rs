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
/// rule (the library's sample report).
pub fn balanced(t: &'static Template, year: i32) -> Report {
    nianbao::model::sample::filled(t, year)
}

/// The full name of a test in this binary, for running it alone in a child process with
/// `--exact`: `module_path` is the caller's `module_path!()` ("it::drafts").
pub fn exact_test_name(module_path: &str, test: &str) -> String {
    let module = module_path.split_once("::").map_or(module_path, |(_, m)| m);
    format!("{module}::{test}")
}
