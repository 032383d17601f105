//! This year's report from last year's draft.

use crate::model::{Cell, Report};
use crate::template::{self, Check, Template, Term};

/// Builds the report for `last.year + 1`.
///
/// Agency, header fields, texts and table notes are kept as the starting point (the stale
/// year check then points at every year the user must revise). Counts start empty, except
/// cells that a template rule equates with last year's figures alone (二、上年结转 ←
/// 四、结转下年度, 2019 上一年项目数量 ← 上一年项目数量 + 本年增/减), which are filled in.
/// A report whose format ends with last year rolls into the successor format, carrying
/// whatever matches by section and cell id.
pub fn rollover(last: &Report) -> Report {
    let year = last.year + 1;
    let t = next_template(last.template, year);
    let mut r = Report::new(t, &last.agency, year);
    if t.deadline(&last.agency_kind).is_some() {
        r.agency_kind = last.agency_kind.clone();
    }
    r.header = last.header.clone();
    // A header still in its generated wording is regenerated for the new year; an edited
    // one is kept as written.
    r.header_text = if last.header_text == last.generated_header() {
        r.generated_header()
    } else {
        last.header_text.clone()
    };
    for (i, s) in t.sections.iter().enumerate() {
        if s.table.is_none() {
            r.texts[i] = last.text(&s.id).to_string();
        }
    }
    // Last year's statistics sentences came along in the texts: 更新统计段落 rewrites
    // them with this year's figures (those the user has not edited).
    r.statistics = last.statistics.clone();
    for (i, tab) in t.tables.iter().enumerate() {
        if let Some(j) = last.template.table_index(&tab.id) {
            r.notes[i] = last.notes[j].clone();
        }
    }
    let mut prev = last.clone();
    prev.previous = None;
    // Last year's 已核实 marks answered last year's review; this year starts unmarked.
    prev.reviews.clear();
    r.previous = Some(Box::new(prev));
    carry_forward(&mut r);
    r
}

fn next_template(t: &'static Template, year: i32) -> &'static Template {
    if t.covers_year(year) {
        return t;
    }
    t.successor
        .as_deref()
        .and_then(template::get)
        .unwrap_or_else(|| template::for_year(year))
}

/// Fills cells defined by a rule as a sum of last year's cells only.
fn carry_forward(r: &mut Report) {
    let Some(prev) = r.previous.take() else {
        return;
    };
    for rule in &r.template.rules {
        let Check::Equation(eq) = &rule.check else {
            continue;
        };
        for inst in &eq.instances {
            let [Term::This(target)] = inst.lhs.as_slice() else {
                continue;
            };
            if inst.rhs.iter().any(|t| matches!(t, Term::This(_))) {
                continue;
            }
            // Every one of last year's cells must hold a number (an empty one fills nothing).
            let value = |term: Term| match term {
                Term::This(c) => r.cell(c).summand(),
                Term::Prev(c) => {
                    let (tb, row, col) = r.template.cell_ids(c);
                    let v = prev.template.cell_id(tb, row, col)?;
                    prev.cell(v).int().map(Some)
                }
            };
            if let Some(s) = eq.eval(inst, value) {
                r.cells[target.index()] = Cell::Int(s.rhs);
            }
        }
    }
    r.previous = Some(prev);
}
