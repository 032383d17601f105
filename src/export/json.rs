//! The report in machine-readable form for other systems (a 主管部门 collecting its
//! departments' figures). The shape is documented in README.md.

use serde_json::{Map, Value, json};

use crate::model::{Cell, Report};

/// Version of the JSON shape.
pub const JSON_VERSION: u32 = 1;

pub fn to_json(r: &Report) -> Value {
    let t = r.template;
    let sections: Vec<Value> = t
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| match s.table {
            None => json!({ "id": s.id, "title": s.title, "text": r.texts[i] }),
            Some(ti) => json!({ "id": s.id, "title": s.title, "table": t.tables[ti].id }),
        })
        .collect();
    let mut tables = Map::new();
    for (ti, tab) in t.tables.iter().enumerate() {
        let mut rows = Vec::new();
        for (ri, row) in tab.rows.iter().enumerate() {
            let block = &tab.blocks[row.block];
            let mut cells = Map::new();
            for (ci, col) in block.columns.iter().enumerate() {
                let id = t.cell_at(ti, ri, ci).expect("cell exists");
                let mut cell = json!({ "label": col.label, "value": value(r.cell(id)) });
                if let Cell::Invalid(raw) = r.cell(id) {
                    cell["invalid"] = Value::String(raw.clone());
                }
                if r.is_derived(id) {
                    cell["derived"] = Value::Bool(true);
                }
                cells.insert(col.id.clone(), cell);
            }
            rows.push(json!({ "id": row.id, "label": row.label, "cells": cells }));
        }
        tables.insert(
            tab.id.clone(),
            json!({ "section": t.sections[tab.section].id, "note": r.notes[ti], "rows": rows }),
        );
    }
    json!({
        "nianbao_json": JSON_VERSION,
        "template": { "id": t.id, "name": t.name, "basis": t.basis },
        "agency": r.agency,
        "agency_kind": r.agency_kind,
        "year": r.year,
        "publish_date": r.publish_date.map(|d| d.to_string()),
        "title": r.title(),
        "header_text": r.header_text,
        "sections": sections,
        "tables": tables,
    })
}

/// Counts as numbers, amounts as exact decimal strings, empty and invalid cells as null.
fn value(c: &Cell) -> Value {
    match c {
        Cell::Empty | Cell::Invalid(_) => Value::Null,
        Cell::Int(n) => json!(n),
        Cell::Amount(s) => Value::String(s.clone()),
    }
}
