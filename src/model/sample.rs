//! A complete example report: every cell filled with distinct multi-digit values that
//! satisfy every hard rule, and short narrative texts. Benchmarks, tests and demos use it
//! as the "full report" a user would produce.

use super::Report;
use crate::template::{CellId, CellKind, Check, Template, Term};

/// A balanced, fully filled report of `t` for `year`.
pub fn filled(t: &'static Template, year: i32) -> Report {
    let mut r = Report::new(t, "某某市某某区某某局", year);
    r.header_text = r.generated_header();
    // Dated within January of the next year, before every agency kind's deadline.
    r.publish_date = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 20);
    r.texts = t
        .sections
        .iter()
        .map(|s| match (s.table, &s.example) {
            (Some(_), _) => String::new(),
            // 五 and 六 carry what their soft checks look for.
            (None, Some(text)) => text.clone(),
            (None, None) => format!(
                "{}：{year}年，本局认真落实有关要求，做好相关工作。",
                s.title
            ),
        })
        .collect();
    for ti in 0..t.tables.len() {
        let inputs: Vec<_> = t.table_cells(ti).filter(|c| !r.is_derived(*c)).collect();
        for (i, c) in inputs.into_iter().enumerate() {
            let v = match t.cells[c.index()].kind {
                CellKind::Amount { .. } => format!("{}.{:03}", 9000 + i, 36 + i),
                _ => (11 + i * 7 % 89).to_string(),
            };
            r.set_input(c, &v);
        }
    }
    balance(&mut r);
    r.recompute_derived();
    r
}

/// Makes every equation that computes no cell hold (一 + 二 = （七） + 四 in each column)
/// by choosing its first input on the left; where that would go below 0, the next input on
/// the left takes the difference.
fn balance(r: &mut Report) {
    let t = r.template;
    r.recompute_derived();
    for rule in &t.rules {
        let Check::Equation(eq) = &rule.check else {
            continue;
        };
        if eq.derive {
            continue;
        }
        for inst in &eq.instances {
            let inputs: Vec<CellId> = inst
                .lhs
                .iter()
                .filter_map(|term| match term {
                    Term::This(c) if !r.is_derived(*c) => Some(*c),
                    _ => None,
                })
                .collect();
            let Some(&first) = inputs.first() else {
                continue;
            };
            if inst
                .lhs
                .iter()
                .chain(&inst.rhs)
                .any(|t| matches!(t, Term::Prev(_)))
            {
                continue;
            }
            let v = |r: &Report, c: CellId| r.cell(c).int().unwrap_or(0);
            let Some(sums) = eq.eval(inst, |term| Some(Some(v(r, term.cell())))) else {
                continue;
            };
            let need = sums.rhs - (sums.lhs - v(r, first));
            r.set_input(first, &need.max(0).to_string());
            if need < 0
                && let Some(&next) = inputs.get(1)
            {
                r.set_input(next, &(v(r, next) + need).to_string());
            }
        }
    }
}
