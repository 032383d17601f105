//! Figures set against last year's: a change by a factor of ten or more is more often a
//! unit typed wrong (元 for 万元) or a figure in the wrong row than a real change.

use super::{Diagnostic, Field};
use crate::model::Report;
use crate::model::last_year::{LastYear, times};
use crate::model::value::Cell;
use crate::template::{CellId, Check, Rule, Severity};

/// The change rule's findings for this report beside `given` as last year's.
pub(super) fn from_previous(
    r: &Report,
    given: &Report,
    rule: &'static Rule,
    out: &mut Vec<Diagnostic>,
) {
    let Check::ChangeFromPrevious {
        tables,
        ratio,
        at_least,
        drop_from,
        amount_hint,
    } = &rule.check
    else {
        return;
    };
    let id = rule.id.as_str();
    let last = match LastYear::of(r, given) {
        Ok(l) => l,
        Err(why) => {
            let mut d = Diagnostic::new(id, rule.severity, why.message());
            d.field = Some(Field::Year);
            out.push(d);
            return;
        }
    };
    if last.other_format(r) {
        out.push(Diagnostic::new(
            id,
            rule.severity,
            format!(
                "上年报告为{}，本年为{}：只比较两种格式中含义相同的 {} 个栏目",
                given.template.name, r.template.name, last.matched
            ),
        ));
    }
    let t = r.template;
    for &table in tables {
        for cell in t.table_cells(table) {
            let (Some(this), Some(before)) = (r.cell(cell).number(), last.cell(cell)) else {
                continue;
            };
            let Some(before_n) = before.number() else {
                continue;
            };
            let amount = matches!(r.cell(cell), Cell::Amount(_));
            let message = if this == 0.0 && before_n >= *drop_from as f64 && *drop_from > 0 {
                format!(
                    "{} 本年为 0，上年 {}，请核实是否漏填",
                    t.cell_label(cell),
                    before.text()
                )
            } else {
                let (hi, lo) = (this.max(before_n), this.min(before_n));
                if lo <= 0.0 || hi < *at_least as f64 || hi < lo * f64::from(*ratio) {
                    continue;
                }
                let hint = if amount && !amount_hint.is_empty() {
                    format!("，{amount_hint}")
                } else {
                    String::new()
                };
                format!(
                    "{} 本年 {}，上年 {}，相差约{}倍{hint}",
                    t.cell_label(cell),
                    r.cell(cell).text(),
                    before.text(),
                    times(hi / lo)
                )
            };
            out.push(cell_diag(r, id, rule.severity, cell, message));
        }
    }
}

fn cell_diag(
    r: &Report,
    id: &'static str,
    sev: Severity,
    cell: CellId,
    message: String,
) -> Diagnostic {
    let mut d = Diagnostic::new(id, sev, message);
    d.cells.push(cell);
    d.subject = r.template.cell_label(cell);
    d.sections.push(super::table_section(r, cell));
    d
}

#[cfg(test)]
mod tests {
    use crate::model::last_year::times;

    #[test]
    fn factors_are_worded_by_their_order_of_magnitude() {
        assert_eq!(times(12.4), "12");
        assert_eq!(times(96171.6 / 9.6), "一万");
        assert_eq!(times(480.0), "百");
        assert_eq!(times(1200.0), "千");
    }
}
