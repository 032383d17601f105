//! 待核对: a hard rule that fails on a cell the import did not read, or guessed, is no
//! finding about the report — the import may be what is wrong. Such a diagnostic becomes
//! [`Severity::Unverified`], says which cells stand unchecked, and keeps the sums it saw.
//! A rule whose cells were all read keeps its verdict.

use super::Diagnostic;
use crate::model::Report;
use crate::template::{CellId, Check, Severity, Term};

/// Turns the errors that involve doubtful cells into 待核对.
pub(super) fn mark(r: &Report, out: &mut [Diagnostic]) {
    let inputs = derived_inputs(r);
    for d in out.iter_mut().filter(|d| d.is_error()) {
        let mut sources = Vec::new();
        for &c in &d.cells {
            doubtful_sources(r, &inputs, c, &mut sources);
        }
        if sources.is_empty() {
            continue;
        }
        sources.sort();
        sources.dedup();
        let unread = sources
            .iter()
            .filter(|&&c| {
                r.origin(c).is_some_and(|p| p.from.unread())
                    || matches!(r.cell(c), crate::model::Cell::Invalid(_))
            })
            .count();
        let ocr = sources
            .iter()
            .filter(|&&c| {
                r.origin(c)
                    .is_some_and(|p| p.from == crate::model::Origin::Ocr)
            })
            .count();
        let guessed = sources.len() - unread - ocr;
        let mut why = Vec::new();
        if unread > 0 {
            why.push(format!("{unread} 个单元格导入时未读出"));
        }
        if ocr > 0 {
            why.push(format!("{ocr} 个单元格由扫描件识别（OCR），可能误读"));
        }
        if guessed > 0 {
            why.push(format!("{guessed} 个单元格导入时需核对"));
        }
        let subject = if d.subject.is_empty() {
            d.cells
                .first()
                .map(|c| r.template.cell_label(*c))
                .unwrap_or_default()
        } else {
            d.subject.clone()
        };
        d.severity = Severity::Unverified;
        d.message = format!(
            "{subject} 无法核对：{}（按现有数字：{}）",
            why.join("，"),
            d.message
        );
    }
}

/// For each derived cell, the cells it is summed from.
fn derived_inputs(r: &Report) -> Vec<Vec<CellId>> {
    let mut inputs = vec![Vec::new(); r.template.cells.len()];
    for rule in &r.template.rules {
        let Check::Equation(eq) = &rule.check else {
            continue;
        };
        if !eq.derive {
            continue;
        }
        for inst in &eq.instances {
            if let [Term::This(target)] = inst.lhs.as_slice() {
                inputs[target.index()].extend(inst.rhs.iter().filter_map(|t| match t {
                    Term::This(c) => Some(*c),
                    Term::Prev(_) => None,
                }));
            }
        }
    }
    inputs
}

/// The doubtful cells `c` stands on: itself if the import left it unread or guessed, read
/// it by OCR (or put text there that is no value), else the doubtful cells of its sum if
/// it is derived.
fn doubtful_sources(r: &Report, inputs: &[Vec<CellId>], c: CellId, out: &mut Vec<CellId>) {
    let imported_invalid =
        r.origin(c).is_some() && matches!(r.cell(c), crate::model::Cell::Invalid(_));
    if r.origin(c).is_some_and(|p| p.from.unsure()) || imported_invalid {
        out.push(c);
        return;
    }
    // Derived cells form a shallow tree (row totals of column totals): recursion is bounded
    // by the template.
    for &i in &inputs[c.index()] {
        doubtful_sources(r, inputs, i, out);
    }
}
