//! Property tests of the 勾稽 rules over random reports.

use crate::common::{id, t3_inputs, t19, t21};
use nianbao::model::Report;
use nianbao::template::Template;
use nianbao::validate::validate;
use proptest::prelude::*;

/// A report of `t` whose input cells of tables 三 and 四 take the given values
/// (cycled), with derived cells recomputed.
fn report_with(t: &'static Template, values: &[u32], t4: &[u32]) -> Report {
    let mut r = Report::new(t, "某某局", 2025);
    for (i, (row, col)) in t3_inputs(&r).into_iter().enumerate() {
        r.set_input(
            id(t, "t3", &row, &col),
            &values[i % values.len()].to_string(),
        );
    }
    let t4_inputs: Vec<_> = t
        .table_cells(t.table_index("t4").unwrap())
        .filter(|c| !r.is_derived(*c))
        .collect();
    for (i, c) in t4_inputs.into_iter().enumerate() {
        r.set_input(c, &t4[i % t4.len()].to_string());
    }
    r.recompute_derived();
    r
}

fn template_strategy() -> impl Strategy<Value = &'static Template> {
    prop_oneof![Just(t21()), Just(t19())]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the inputs, recomputed derived cells satisfy H2, H3 and H4.
    #[test]
    fn recomputed_reports_satisfy_h2_to_h4(
        t in template_strategy(),
        values in prop::collection::vec(0u32..100_000, 1..200),
        t4 in prop::collection::vec(0u32..1000, 1..20),
    ) {
        let r = report_with(t, &values, &t4);
        let d = validate(&r, None);
        prop_assert!(!d.iter().any(|d| matches!(d.rule, "H2" | "H3" | "H4" | "H5")), "{:#?}", d);
    }

    /// H1 is reported for exactly the columns where 一+二 ≠ 三+四.
    #[test]
    fn h1_holds_iff_each_column_balances(
        t in template_strategy(),
        values in prop::collection::vec(0u32..50, 1..200),
        fix in prop::collection::vec(any::<bool>(), 7),
    ) {
        let mut r = report_with(t, &values, &[0]);
        let cols: Vec<String> = t.tables[t.table_index("t3").unwrap()].blocks[0]
            .columns.iter().map(|c| c.id.clone()).filter(|c| c != "total").collect();
        // Balance some columns by choosing 一 accordingly, when that is non-negative.
        for (col, fix) in cols.iter().zip(&fix) {
            if !*fix { continue; }
            let v = |row: &str| r.cell(id(t, "t3", row, col)).int().unwrap();
            let need = v("total") + v("r4") - v("r2");
            if need >= 0 {
                r.set_input(id(t, "t3", "r1", col), &need.to_string());
            }
        }
        r.recompute_derived();
        let all_cols: Vec<String> = t.tables[t.table_index("t3").unwrap()].blocks[0]
            .columns.iter().map(|c| c.id.clone()).collect();
        let flagged: Vec<_> = validate(&r, None).into_iter().filter(|d| d.rule == "H1").collect();
        for col in &all_cols {
            let v = |row: &str| r.cell(id(t, "t3", row, col)).int().unwrap();
            let balanced = v("r1") + v("r2") == v("total") + v("r4");
            let c = id(t, "t3", "r1", col);
            let reported = flagged.iter().any(|d| d.cells.contains(&c));
            prop_assert_eq!(reported, !balanced, "column {}", col);
        }
    }
}
