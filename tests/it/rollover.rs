//! This year's report from last year's.

use crate::common::{balanced, id, t19, t21};
use nianbao::model::{Cell, Report};
use nianbao::rollover::rollover;
use nianbao::validate::validate;

#[test]
fn carried_over_requests_move_column_by_column_and_satisfy_s4() {
    let t = t21();
    let last = balanced(t, 2024);
    let r = rollover(&last);
    assert_eq!(r.year, 2025);
    assert_eq!(r.template.id, t.id);
    assert_eq!(r.agency, last.agency);
    for col in [
        "natural",
        "commercial",
        "research",
        "public_welfare",
        "legal_service",
        "other",
    ] {
        let carried = last.cell(id(t, "t3", "r4", col));
        assert!(carried.int().unwrap() > 0);
        assert_eq!(r.cell(id(t, "t3", "r2", col)), carried, "{col}");
    }
    // This year's own counts start empty.
    assert_eq!(r.cell(id(t, "t3", "r1", "natural")), &Cell::Empty);
    assert_eq!(r.cell(id(t, "t2", "rules", "issued")), &Cell::Empty);
    // S4 compares against the predecessor kept in the report, and is satisfied.
    assert!(r.previous.is_some());
    assert!(!validate(&r, None).iter().any(|d| d.rule == "S4"));
    assert!(!validate(&r, Some(&last)).iter().any(|d| d.rule == "S4"));
}

#[test]
fn texts_are_kept_and_stale_years_flagged() {
    let t = t21();
    let last = balanced(t, 2024);
    let r = rollover(&last);
    assert_eq!(r.text("s1"), last.text("s1"));
    assert_eq!(r.text("s5"), last.text("s5"));
    let stale: Vec<_> = validate(&r, None)
        .into_iter()
        .filter(|d| d.rule == "S14")
        .collect();
    assert!(
        stale.iter().any(|d| d.message.contains("2024年")),
        "{stale:#?}"
    );
    // The generated header is regenerated for the new year, so it is not stale.
    assert!(r.header_text.contains("2025年1月1日"));
    assert!(
        !stale
            .iter()
            .any(|d| d.span.as_ref().is_some_and(|s| s.section.is_none()))
    );
}

#[test]
fn an_edited_header_is_kept_as_written() {
    let mut last = balanced(t21(), 2024);
    last.header_text = "本报告由某某局编制，统计期限为2024年1月1日至12月31日。".into();
    let r = rollover(&last);
    assert_eq!(r.header_text, last.header_text);
    assert!(
        validate(&r, None)
            .iter()
            .any(|d| d.rule == "S14" && d.span.as_ref().is_some_and(|s| s.section.is_none()))
    );
}

#[test]
fn a_2020_report_rolls_into_the_2021_format() {
    let last = balanced(t19(), 2020);
    let r = rollover(&last);
    assert_eq!(r.template.id, "gov-info-annual-2021");
    let t = r.template;
    // Table 三 rows and columns shared by both formats carry over by id.
    assert_eq!(
        r.cell(id(t, "t3", "r2", "natural")),
        last.cell(id(t19(), "t3", "r4", "natural"))
    );
    assert_eq!(r.text("s5"), last.text("s5"));
    // The 2021 continuity checks against a 2019 predecessor skip what does not map.
    let d = validate(&r, None);
    assert!(!d.iter().any(|d| d.rule == "S4" || d.rule == "S5"));
}

#[test]
fn a_2019_report_rolls_into_2020_with_item_counts_carried() {
    let t = t19();
    let mut last = balanced(t, 2019);
    last.set_input(id(t, "t2", "license", "prev_items"), "40");
    last.set_input(id(t, "t2", "license", "delta"), "-18");
    let r = rollover(&last);
    assert_eq!(r.template.id, t.id);
    assert_eq!(r.cell(id(t, "t2", "license", "prev_items")), &Cell::Int(22));
    assert!(!validate(&r, None).iter().any(|d| d.rule == "S6"));
}

#[test]
fn rollover_of_an_empty_report_leaves_cells_empty() {
    let last = Report::for_year("某某局", 2024);
    let r = rollover(&last);
    assert!(r.cells.iter().all(Cell::is_empty));
}
