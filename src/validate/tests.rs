use super::*;
use crate::model::Report;
use crate::template::{self, Template};

fn t21() -> &'static Template {
    template::get("gov-info-annual-2021").unwrap()
}

fn t19() -> &'static Template {
    template::get("gov-info-annual-2019").unwrap()
}

fn id(t: &Template, table: &str, row: &str, col: &str) -> CellId {
    t.cell_id(table, row, col)
        .unwrap_or_else(|| panic!("{table}/{row}/{col}"))
}

/// A report with distinct non-zero values everywhere that satisfies every hard rule.
pub(crate) fn balanced(t: &'static Template) -> Report {
    crate::model::sample::filled(t, 2025)
}

/// The same agency's report of the year before [`balanced`]'s.
fn last_year(t: &'static Template) -> Report {
    crate::model::sample::filled(t, 2024)
}

fn rules_of(d: &[Diagnostic]) -> Vec<&str> {
    d.iter().map(|d| d.rule).collect()
}

#[test]
fn balanced_reports_pass_every_hard_rule() {
    for t in [t21(), t19()] {
        let d = validate(&balanced(t), None);
        assert!(!has_errors(&d), "{}: {d:#?}", t.id);
    }
}

#[test]
fn h1_flags_the_unbalanced_column_with_all_its_cells() {
    let t = t21();
    let mut r = balanced(t);
    let c = id(t, "t3", "r1", "commercial");
    let v = r.cell(c).int().unwrap();
    r.set_input(c, &(v + 3).to_string());
    r.recompute_derived();
    let d: Vec<_> = validate(&r, None)
        .into_iter()
        .filter(|d| d.rule == "H1")
        .collect();
    assert_eq!(d.len(), 2, "{d:#?}"); // the 商业企业 column and the 总计 column
    let h = d.iter().find(|d| d.message.contains("商业企业")).unwrap();
    assert_eq!(h.severity, Severity::Error);
    assert!(h.message.contains("相差 3"), "{}", h.message);
    for row in ["r1", "r2", "total", "r4"] {
        assert!(h.cells.contains(&id(t, "t3", row, "commercial")), "{row}");
    }
    assert_eq!(h.sections, vec![t.section_index("s3").unwrap()]);
}

#[test]
fn h2_flags_a_wrong_value_typed_into_the_total_row() {
    let t = t21();
    let mut r = balanced(t);
    let total = id(t, "t3", "total", "natural");
    let right = r.cell(total).int().unwrap();
    r.set_input(total, &(right - 1).to_string());
    let d = validate(&r, None);
    let h2: Vec<_> = d.iter().filter(|d| d.rule == "H2").collect();
    assert_eq!(h2.len(), 1);
    assert_eq!(
        h2[0].message,
        format!(
            "三（七）总计·自然人 应为 {right}（各办理结果之和），现为 {}",
            right - 1
        )
    );
    assert_eq!(h2[0].cells[0], total);
    assert_eq!(h2[0].cells.len(), 22); // the total and its 21 outcome rows
}

#[test]
fn h3_flags_a_row_total_that_is_not_the_sum_of_applicants() {
    let t = t21();
    let mut r = balanced(t);
    let c = id(t, "t3", "o1", "total");
    let right = r.cell(c).int().unwrap();
    r.set_input(c, "0");
    let d: Vec<_> = validate(&r, None)
        .into_iter()
        .filter(|d| d.rule == "H3")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message,
        format!("三（一）予以公开·总计 应为 {right}（各类申请人之和），现为 0")
    );
}

#[test]
fn h4_checks_each_review_and_litigation_total() {
    let t = t21();
    for col in ["review_total", "direct_total", "after_total"] {
        let mut r = balanced(t);
        let c = id(t, "t4", "cases", col);
        r.set_input(c, "999");
        let d: Vec<_> = validate(&r, None)
            .into_iter()
            .filter(|d| d.rule == "H4")
            .collect();
        assert_eq!(d.len(), 1, "{col}");
        assert_eq!(d[0].cells[0], c);
        assert!(d[0].message.starts_with("四·"), "{}", d[0].message);
        assert!(d[0].message.contains("现为 999"));
    }
    let d = validate(&balanced(t), None);
    assert!(!rules_of(&d).contains(&"H4"));
}

#[test]
fn h5_reports_bad_input_at_the_cell_with_the_typed_text() {
    let t = t21();
    let mut r = balanced(t);
    let c = id(t, "t3", "o2", "research");
    r.set_input(c, "12a");
    let fee = id(t, "t2", "fees", "amount");
    r.set_input(fee, "1.1234567");
    let d = validate(&r, None);
    let h5: Vec<_> = d.iter().filter(|d| d.rule == "H5").collect();
    assert_eq!(h5.len(), 2);
    assert_eq!(h5[0].cells, vec![fee]);
    assert!(h5[0].message.contains("小数位数过多"));
    assert_eq!(h5[1].cells, vec![c]);
    assert_eq!(
        h5[1].message,
        "三（二）部分公开·科研机构：只能填写数字（现为“12a”）"
    );
    // The typed text survives.
    assert_eq!(r.cell(c).text(), "12a");
}

#[test]
fn the_2019_change_column_may_be_negative() {
    let t = t19();
    let mut r = balanced(t);
    r.set_input(id(t, "t2", "license", "delta"), "-18");
    assert!(!has_errors(&validate(&r, None)));
    r.set_input(id(t, "t2", "license", "decisions"), "-18");
    let d = validate(&r, None);
    assert_eq!(
        rules_of(
            &d.iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect::<Vec<_>>()
        ),
        vec!["H5"]
    );
}

#[test]
fn errors_come_before_warnings() {
    let t = t21();
    let mut r = balanced(t);
    r.texts[5].clear(); // S16 warning
    r.set_input(id(t, "t3", "r1", "natural"), "0"); // H1 error
    let d = validate(&r, None);
    let first_warning = d.iter().position(|d| !d.is_error()).unwrap();
    assert!(d[..first_warning].iter().all(|d| d.is_error()));
    assert!(d[first_warning..].iter().all(|d| !d.is_error()));
    assert!(first_warning > 0);
}

#[test]
fn empty_report_has_no_hard_errors_but_says_what_is_missing() {
    let r = Report::new(t21(), "某某局", 2025);
    let d = validate(&r, None);
    assert!(!has_errors(&d));
    assert_eq!(rules_of(&d).iter().filter(|r| **r == "S11").count(), 3);
    assert!(d.iter().any(|d| d.message.contains("尚未填写")));
}

#[test]
fn s1_counts_characters_of_the_overview() {
    let t = t21();
    let mut r = balanced(t);
    r.texts[0] = "字".repeat(1000);
    assert!(!rules_of(&validate(&r, None)).contains(&"S1"));
    r.texts[0].push('多');
    let d = validate(&r, None);
    let s1 = d.iter().find(|d| d.rule == "S1").unwrap();
    assert!(s1.message.contains("1001"));
    // The 2019 format has no length limit.
    let mut r = balanced(t19());
    r.texts[0] = "字".repeat(3000);
    assert!(!rules_of(&validate(&r, None)).contains(&"S1"));
}

#[test]
fn s2_and_s3_fee_reporting() {
    let t = t21();
    let mut r = balanced(t);
    assert!(!rules_of(&validate(&r, None)).contains(&"S2"));
    r.texts[5] = "本年度落实政务公开工作要点。".into();
    assert!(rules_of(&validate(&r, None)).contains(&"S2"));
    // balanced() has non-zero 逾期未缴费 outcomes: without a word on fee notices, S3.
    assert!(rules_of(&validate(&r, None)).contains(&"S3"));
    r.texts[5] = "本年度发出收费通知2件，收取信息处理费共计380元。".into();
    let d = validate(&r, None);
    assert!(!rules_of(&d).contains(&"S2") && !rules_of(&d).contains(&"S3"));
}

#[test]
fn s4_continuity_of_carried_over_requests() {
    let t = t21();
    let last = last_year(t);
    let mut r = balanced(t);
    // The sample carries different numbers in (二) and out (四), so last year's 四 ≠ this
    // year's 二 in every column.
    let d = validate(&r, Some(&last));
    let s4: Vec<_> = d.iter().filter(|d| d.rule == "S4").collect();
    assert_eq!(s4.len(), 7);
    let this = r.cell(id(t, "t3", "r2", "natural")).int().unwrap();
    let prev = last.cell(id(t, "t3", "r4", "natural")).int().unwrap();
    assert_ne!(this, prev);
    assert_eq!(
        s4[0].message,
        format!(
            "三·二、上年结转申请·自然人 为 {this}，按上年报告“四、结转下年度继续办理”应为 {prev}，相差 {}",
            this - prev
        )
    );
    assert!(!rules_of(&validate(&r, None)).contains(&"S4"));
    for col in [
        "natural",
        "commercial",
        "research",
        "public_welfare",
        "legal_service",
        "other",
    ] {
        let v = last.cell(id(t, "t3", "r4", col)).text().into_owned();
        let c = id(t, "t3", "r2", col);
        let old = r.cell(c).int().unwrap();
        r.set_input(c, &v);
        let r1 = id(t, "t3", "r1", col);
        let keep = r.cell(r1).int().unwrap() - (v.parse::<i64>().unwrap() - old);
        r.set_input(r1, &keep.to_string());
    }
    r.recompute_derived();
    let d = validate(&r, Some(&last));
    assert!(!rules_of(&d).contains(&"S4"), "{d:#?}");
    assert!(!has_errors(&d));
}

#[test]
fn s5_and_s6_stock_continuity() {
    let t = t21();
    let mut last = last_year(t);
    let mut r = balanced(t);
    let in_force = id(t, "t2", "rules", "in_force");
    last.set_input(in_force, "10");
    r.set_input(id(t, "t2", "rules", "issued"), "3");
    r.set_input(id(t, "t2", "rules", "repealed"), "1");
    r.set_input(in_force, "12");
    let d = validate(&r, Some(&last));
    assert!(
        !d.iter()
            .any(|d| d.rule == "S5" && d.cells.contains(&in_force))
    );
    r.set_input(in_force, "13");
    let d = validate(&r, Some(&last));
    let s5 = d
        .iter()
        .find(|d| d.rule == "S5" && d.cells.contains(&in_force))
        .unwrap();
    assert!(s5.message.contains("相差 1"), "{}", s5.message);

    let t = t19();
    let mut last = last_year(t);
    let mut r = balanced(t);
    last.set_input(id(t, "t2", "license", "prev_items"), "40");
    last.set_input(id(t, "t2", "license", "delta"), "-18");
    let c = id(t, "t2", "license", "prev_items");
    r.set_input(c, "22");
    assert!(
        !validate(&r, Some(&last))
            .iter()
            .any(|d| d.rule == "S6" && d.cells.contains(&c))
    );
    r.set_input(c, "40");
    assert!(
        validate(&r, Some(&last))
            .iter()
            .any(|d| d.rule == "S6" && d.cells.contains(&c))
    );
}

#[test]
fn s7_high_share_of_other_handling() {
    let t = t21();
    let mut r = Report::new(t, "某某局", 2025);
    r.set_input(id(t, "t3", "o1", "natural"), "7");
    r.set_input(id(t, "t3", "o6_3", "natural"), "3");
    r.recompute_derived();
    let d = validate(&r, None);
    let s7 = d.iter().find(|d| d.rule == "S7").unwrap();
    assert!(
        s7.message.contains("3 件，占 10 件的 30%"),
        "{}",
        s7.message
    );
    r.set_input(id(t, "t3", "o1", "natural"), "20");
    r.recompute_derived();
    assert!(!rules_of(&validate(&r, None)).contains(&"S7"));
}

#[test]
fn s8_numbers_in_the_narrative_must_match_the_tables() {
    let t = t21();
    let mut r = balanced(t);
    let received = r.cell(id(t, "t3", "r1", "total")).int().unwrap();
    r.texts[0] = format!("全年共收到政府信息公开申请{received}件，均按时答复。");
    assert!(!rules_of(&validate(&r, None)).contains(&"S8"));
    r.texts[0] = format!("全年共收到政府信息公开申请{}件，均按时答复。", received + 1);
    let d = validate(&r, None);
    let s8 = d.iter().find(|d| d.rule == "S8").unwrap();
    let span = s8.span.as_ref().unwrap();
    assert_eq!(span.section, Some(0));
    assert!(r.texts[0][span.range.clone()].starts_with("收到政府信息公开申请"));
    assert!(
        s8.message
            .contains(&format!("表格中 三·一、本年新收申请·总计 为 {received}"))
    );
    // Litigation adds both kinds of lawsuit.
    let lit = r.cell(id(t, "t4", "cases", "direct_total")).int().unwrap()
        + r.cell(id(t, "t4", "cases", "after_total")).int().unwrap();
    r.texts[0] = format!("发生行政诉讼{lit}件。");
    assert!(!rules_of(&validate(&r, None)).contains(&"S8"));
}

#[test]
fn s9_year_after_year_identical_problems() {
    let t = t21();
    let last = last_year(t);
    let mut r = balanced(t);
    r.texts[4] = last.texts[4].clone() + "公开工作的标准化规范化水平仍需提升。";
    let mut prev = last.clone();
    prev.texts[4] = r.texts[4].clone();
    assert!(rules_of(&validate(&r, Some(&prev))).contains(&"S9"));
    prev.texts[4] =
        "本年度网站栏目设置不够合理，群众查找信息不便；下一步将优化栏目，提升检索功能。".into();
    assert!(!rules_of(&validate(&r, Some(&prev))).contains(&"S9"));
}

#[test]
fn s10_problems_and_measures_both_required() {
    let t = t21();
    let mut r = balanced(t);
    r.texts[4] = "我们做得很好。".into();
    let d = validate(&r, None);
    let s10 = d.iter().find(|d| d.rule == "S10").unwrap();
    assert!(s10.message.contains("存在的问题、改进措施"));
    r.texts[4] = "存在的问题是时效不够。".into();
    let d = validate(&r, None);
    assert!(
        d.iter()
            .find(|d| d.rule == "S10")
            .unwrap()
            .message
            .contains("未见：改进措施")
    );
}

#[test]
fn s11_lists_empty_input_cells() {
    let t = t21();
    let mut r = balanced(t);
    let c = id(t, "t4", "cases", "after_pending");
    r.set_input(c, "");
    r.recompute_derived();
    let d = validate(&r, None);
    let s11: Vec<_> = d.iter().filter(|d| d.rule == "S11").collect();
    assert_eq!(s11.len(), 1);
    assert_eq!(s11[0].cells, vec![c]);
    assert!(s11[0].message.contains("1 个单元格为空"));
}

#[test]
fn s13_fee_that_looks_like_yuan() {
    let t = t21();
    let mut r = balanced(t);
    let fee = id(t, "t2", "fees", "amount");
    r.set_input(fee, "9116.36");
    assert!(!rules_of(&validate(&r, None)).contains(&"S13"));
    r.set_input(fee, "91163600.5");
    assert!(rules_of(&validate(&r, None)).contains(&"S13"));
}

#[test]
fn s14_stale_years_in_texts_and_header() {
    let t = t21();
    let mut r = balanced(t);
    r.header_text = r.generated_header();
    assert!(!rules_of(&validate(&r, None)).contains(&"S14"));
    r.texts[0] = "2024年，我局认真贯彻国办公开办函〔2021〕30号，2024年12月31日前完成整改。".into();
    r.header_text = r.header_text.replace("2025年1月1日", "2024年1月1日");
    let d: Vec<_> = validate(&r, None)
        .into_iter()
        .filter(|d| d.rule == "S14")
        .collect();
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].field, Some(Field::HeaderText));
    let s = d[1].span.as_ref().unwrap();
    assert_eq!(&r.texts[0][s.range.clone()], "2024年");
}

#[test]
fn s17_a_report_without_a_date_is_flagged_in_both_formats() {
    for t in [t21(), t19()] {
        let mut r = balanced(t);
        assert!(r.publish_date.is_some());
        assert!(!rules_of(&validate(&r, None)).contains(&"S17"));
        r.publish_date = None;
        let d = validate(&r, None);
        let s17: Vec<_> = d.iter().filter(|d| d.rule == "S17").collect();
        assert_eq!(s17.len(), 1, "{}: {d:#?}", t.id);
        assert_eq!(s17[0].severity, Severity::Warning);
        assert_eq!(s17[0].field, Some(Field::PublishDate));
        assert!(s17[0].message.starts_with("没有成文日期，落款下将没有日期"));
        // A warning only: export is not blocked.
        assert!(!has_errors(&d));
    }
}

#[test]
fn s14_publish_date_and_deadline() {
    let t = t21();
    let mut r = balanced(t);
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    r.publish_date = date("2026-01-20");
    assert!(!rules_of(&validate(&r, None)).contains(&"S14"));
    r.publish_date = date("2026-02-03");
    let d = validate(&r, None);
    let s14 = d.iter().find(|d| d.rule == "S14").unwrap();
    assert_eq!(s14.field, Some(Field::PublishDate));
    assert!(s14.message.contains("2026年1月31日"), "{}", s14.message);
    // A government's own report is due 3月31日.
    r.agency_kind = "government".into();
    assert!(!rules_of(&validate(&r, None)).contains(&"S14"));
    r.publish_date = date("2025-12-30");
    assert!(
        validate(&r, None)
            .iter()
            .any(|d| d.rule == "S14" && d.message.contains("次年"))
    );
}

#[test]
fn s15_text_says_none_but_table_four_has_cases() {
    let t = t21();
    let mut r = balanced(t);
    r.texts[0] = "本年度未发生政府信息公开行政复议、行政诉讼案件。".into();
    let d = validate(&r, None);
    assert!(rules_of(&d).contains(&"S15"));
    let mut empty = Report::new(t, "某某局", 2025);
    empty.texts[0] = r.texts[0].clone();
    for c in t.table_cells(t.table_index("t4").unwrap()) {
        empty.set_input(c, "0");
    }
    assert!(!rules_of(&validate(&empty, None)).contains(&"S15"));
}

#[test]
fn s11_counts_a_blank_total_and_a_printed_total_over_blank_items_is_kept() {
    let t = t21();
    let mut r = Report::new(t, "某某局", 2025);
    // A published report that printed only the 总计 column.
    let total = id(t, "t3", "r1", "total");
    r.set_input(total, "15");
    r.set_input(id(t, "t3", "total", "total"), "15");
    r.recompute_derived();
    assert_eq!(
        r.cell(total),
        &Cell::Int(15),
        "recompute must not erase a printed total"
    );
    let d = validate(&r, None);
    assert!(!has_errors(&d), "{d:#?}");
    let s11 = d
        .iter()
        .find(|d| d.rule == "S11" && d.sections == vec![2])
        .unwrap();
    assert!(s11.message.contains("173 个单元格为空"), "{}", s11.message);
    // Editing an item recomputes the total; emptying it again empties the total.
    let natural = id(t, "t3", "r1", "natural");
    r.edit_cell(natural, "4");
    assert_eq!(r.cell(total), &Cell::Int(4));
    r.edit_cell(natural, "");
    assert_eq!(r.cell(total), &Cell::Empty);
    // The grand total follows through the （七）总计 row.
    let o1 = id(t, "t3", "o1", "natural");
    r.edit_cell(o1, "3");
    assert_eq!(r.cell(id(t, "t3", "total", "total")), &Cell::Int(3));
    r.edit_cell(o1, "");
    assert_eq!(r.cell(id(t, "t3", "total", "total")), &Cell::Empty);
}

#[test]
fn a_blank_total_over_filled_items_is_an_error() {
    let t = t21();
    let mut r = balanced(t);
    let total = id(t, "t3", "o1", "total");
    r.set_input(total, "");
    let d = validate(&r, None);
    assert!(
        d.iter()
            .any(|d| d.rule == "H3" && d.message.ends_with("现为 空"))
    );
    assert!(d.iter().any(|d| d.rule == "S11" && d.cells == vec![total]));
}

#[test]
fn last_number_takes_the_final_digit_run() {
    assert_eq!(last_number("收到申请120件"), Some(120));
    assert_eq!(last_number("2025年收到申请7件"), Some(7));
    assert_eq!(last_number("无"), None);
}

#[test]
fn the_sample_report_passes_every_rule_in_both_formats() {
    for t in [t21(), t19()] {
        let r = crate::model::sample::filled(t, 2025);
        let d = validate(&r, None);
        assert!(d.is_empty(), "{}: {d:#?}", t.id);
        assert!(r.cells.iter().all(|c| !c.is_empty()));
    }
}

#[test]
fn s18_a_figure_ten_thousand_times_last_years_names_both_and_the_unit() {
    let t = t21();
    let mut last = last_year(t);
    let mut r = balanced(t);
    let fees = id(t, "t2", "fees", "amount");
    last.set_input(fees, "9.6");
    r.set_input(fees, "96171.6");
    let d = validate(&r, Some(&last));
    let s18: Vec<&Diagnostic> = d.iter().filter(|d| d.rule == "S18").collect();
    assert_eq!(s18.len(), 1, "{s18:#?}");
    assert_eq!(
        s18[0].message,
        format!(
            "{} 本年 96171.6，上年 9.6，相差约一万倍，请核实单位是否为万元",
            t.cell_label(fees)
        )
    );
    assert_eq!(s18[0].cells, vec![fees]);
    // Counts: ×15 from 10 is flagged, 3 → 40 too small to matter, 25 → 0 flagged.
    let licence = id(t, "t2", "license", "decisions");
    let (penalty, force) = (
        id(t, "t2", "penalty", "decisions"),
        id(t, "t2", "enforcement", "decisions"),
    );
    last.set_input(fees, "9.6");
    r.set_input(fees, "9.9");
    for (cell, then, now) in [
        (licence, "10", "150"),
        (penalty, "3", "40"),
        (force, "25", "0"),
    ] {
        last.set_input(cell, then);
        r.set_input(cell, now);
    }
    let d = validate(&r, Some(&last));
    let flagged: Vec<CellId> = d
        .iter()
        .filter(|d| d.rule == "S18")
        .flat_map(|d| d.cells.clone())
        .collect();
    assert!(
        flagged.contains(&licence) && flagged.contains(&force),
        "{d:#?}"
    );
    assert!(!flagged.contains(&penalty) && !flagged.contains(&fees));
    let gone = d.iter().find(|d| d.cells == vec![force]).unwrap();
    assert!(
        gone.message.contains("本年为 0，上年 25"),
        "{}",
        gone.message
    );
    // Without last year's report nothing is compared.
    assert!(!rules_of(&validate(&r, None)).contains(&"S18"));
}

#[test]
fn s18_another_years_or_agencys_report_is_named_and_not_compared() {
    let t = t21();
    let r = balanced(t);
    let mut old = crate::model::sample::filled(t, 2022);
    // The carried-over requests differ from this year's: S4 would fire were it compared.
    let d = validate(&r, Some(&old));
    let s18: Vec<&Diagnostic> = d.iter().filter(|d| d.rule == "S18").collect();
    assert_eq!(s18.len(), 1);
    assert!(
        s18[0]
            .message
            .contains("2022 年度报告，不是 2025 年度的上一年（2024）")
    );
    assert!(
        !rules_of(&d).contains(&"S4"),
        "another year's 结转 is not compared"
    );
    old.year = 2024;
    old.agency = "另一个局".into();
    let d = validate(&r, Some(&old));
    let m = &d.iter().find(|d| d.rule == "S18").unwrap().message;
    assert!(m.contains("另一个局") && m.contains("未与之比较"), "{m}");
    assert!(!rules_of(&d).contains(&"S4"));
}

#[test]
fn s18_a_2019_report_beside_a_2021_one_says_so_and_compares_what_maps() {
    let r = crate::model::sample::filled(t21(), 2021);
    let mut last = crate::model::sample::filled(t19(), 2020);
    last.agency = r.agency.clone();
    let d = validate(&r, Some(&last));
    let said = d
        .iter()
        .find(|d| d.rule == "S18" && d.message.contains("只比较两种格式中含义相同的"));
    assert!(said.is_some(), "{d:#?}");
}

#[test]
fn s8_reads_last_years_carried_requests_apart_from_next_years() {
    let t = t21();
    let mut r = balanced(t);
    let total = |r: &Report, row: &str| r.cell(id(t, "t3", row, "total")).int().unwrap();
    let (carried_in, carried_out) = (total(&r, "r2"), total(&r, "r4"));
    assert_ne!(carried_in, carried_out);
    // As a real report words it: the first figure is 上年结转, the second 结转下年度.
    r.texts[0] = format!(
        "全年答复3050件（含上年度结转申请{carried_in}件，另有{carried_out}件顺延到下年度答复）。"
    );
    let s8: Vec<String> = validate(&r, None)
        .into_iter()
        .filter(|d| d.rule == "S8")
        .map(|d| d.message)
        .collect();
    assert!(s8.is_empty(), "{s8:#?}");
    // Wrong figures are still caught, each against its own row.
    r.texts[0] = format!(
        "全年答复3050件（含上年度结转申请{}件，另有{}件顺延到下年度答复）。",
        carried_in + 1,
        carried_out + 2
    );
    let s8: Vec<String> = validate(&r, None)
        .into_iter()
        .filter(|d| d.rule == "S8")
        .map(|d| d.message)
        .collect();
    assert_eq!(s8.len(), 2, "{s8:#?}");
    assert!(
        s8.iter()
            .any(|m| m.contains("上年结转为") && m.contains(&(carried_in + 1).to_string()))
    );
    assert!(
        s8.iter()
            .any(|m| m.contains("结转下年度继续办理为")
                && m.contains(&(carried_out + 2).to_string()))
    );
}

#[test]
fn s19_shares_and_changes_in_the_prose_are_recomputed() {
    let t = t21();
    let mut r = balanced(t);
    let total = |r: &Report, row: &str| r.cell(id(t, "t3", row, "total")).int().unwrap();
    let (open, handled, new) = (total(&r, "o1"), total(&r, "total"), total(&r, "r1"));
    let pct = |a: i64, b: i64| format!("{:.2}", a as f64 / b as f64 * 100.0);
    let s19 = |r: &Report, last: Option<&Report>| -> Vec<String> {
        validate(r, last)
            .into_iter()
            .filter(|d| d.rule == "S19")
            .map(|d| d.message)
            .collect()
    };
    // Right to two places, cut, or a share of the new requests: all fine.
    r.texts[0] = format!(
        "予以公开{open}件（占{}%），予以公开{open}件，占新收申请的{}%。",
        pct(open, handled),
        pct(open, new)
    );
    assert!(s19(&r, None).is_empty(), "{:#?}", s19(&r, None));
    r.texts[0] = format!(
        "予以公开{open}件，占比{}%。",
        pct(open, handled).replace('.', "")
    );
    let found = s19(&r, None);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(&format!("占办结总数 {handled} 件的")),
        "{}",
        found[0]
    );
    // A change against last year: right, wrong, and the wrong way.
    let mut last = last_year(t);
    last.edit_cell(
        id(t, "t3", "r1", "natural"),
        &(last.cell(id(t, "t3", "r1", "natural")).int().unwrap() - 5).to_string(),
    );
    let then = total(&last, "r1");
    let right = (new - then) as f64 / then as f64 * 100.0;
    r.texts[0] = format!("本年度新收政府信息公开申请{new}件，同比增长{right:.1}%。");
    assert!(
        s19(&r, Some(&last)).is_empty(),
        "{:#?}",
        s19(&r, Some(&last))
    );
    for wrong in [
        format!("增长{:.1}%", right + 3.0),
        format!("下降{right:.1}%"),
    ] {
        r.texts[0] = format!("本年度新收政府信息公开申请{new}件，同比{wrong}。");
        let found = s19(&r, Some(&last));
        assert_eq!(found.len(), 1, "{wrong}: {found:#?}");
        assert!(
            found[0].contains(&format!(
                "本年 {new} 件、上年 {then} 件，应为增长{right:.1}%"
            )),
            "{}",
            found[0]
        );
    }
    // Without last year's report a change cannot be checked, and is not flagged.
    assert!(s19(&r, None).is_empty());
}
