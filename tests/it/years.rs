//! Years at a glance: one agency's key figures over its years, from the reports at hand, in
//! the editor's header (the recent drafts) and in 批量检查 (see `ui_batch.rs`).

use crate::common::{app_harness, id, t19, t21};
use egui_kittest::kittest::{NodeT, Queryable};
use nianbao::check::years::Years;
use nianbao::model::{Report, draft};
use nianbao::ui::{Config, NianbaoApp};

/// A report of `agency` for `year` with 本年新收 `new` (all 自然人) and 行政复议 `review`.
fn report(agency: &str, year: i32, new: &str, review: &str) -> Report {
    let mut r = Report::for_year(agency, year);
    let t = r.template;
    r.edit_cell(id(t, "t3", "r1", "natural"), new);
    r.edit_cell(id(t, "t3", "r1", "total"), new);
    r.edit_cell(id(t, "t4", "cases", "review_total"), review);
    r
}

#[test]
fn an_agencys_years_are_gathered_oldest_first_and_others_left_out() {
    let this = report("测试局", 2024, "87", "4");
    let reports = [
        this.clone(),
        report("测试局", 2022, "40", "1"),
        report("别的局", 2023, "999", "9"),
        report(" 测试局", 2023, "51", ""),
        // A second copy of 2024: the first one given stands for the year.
        report("测试局", 2024, "1", "1"),
    ];
    let y = Years::of("测试局", &reports).unwrap();
    assert_eq!(y.years, [2022, 2023, 2024]);
    let shown: Vec<(String, Vec<Option<f64>>)> = y
        .shown()
        .map(|(k, v)| (k.title.clone(), v.to_vec()))
        .collect();
    assert_eq!(
        shown,
        [
            (
                "本年新收".to_string(),
                vec![Some(40.0), Some(51.0), Some(87.0)]
            ),
            ("行政复议".to_string(), vec![Some(1.0), None, Some(4.0)]),
        ]
    );
    // One year alone is no chart.
    assert_eq!(Years::of("测试局", [&this]), None);
}

#[test]
fn a_2019_format_year_sits_beside_2021_format_years() {
    let mut old = Report::for_year("测试局", 2020);
    assert!(std::ptr::eq(old.template, t19()));
    old.edit_cell(id(t19(), "t3", "r1", "natural"), "12");
    old.edit_cell(id(t19(), "t3", "r1", "total"), "12");
    let new = report("测试局", 2021, "20", "0");
    assert!(std::ptr::eq(new.template, t21()));
    let y = Years::of("测试局", [&old, &new]).unwrap();
    let (_, values) = y.shown().find(|(k, _)| k.id == "new_requests").unwrap();
    assert_eq!(values, [Some(12.0), Some(20.0)]);
}

#[test]
fn the_editor_charts_the_recent_drafts_of_the_same_agency() {
    let dir = tempfile::tempdir().unwrap();
    let mut recent = Vec::new();
    for (year, new, agency) in [
        (2022, "40", "测试局"),
        (2023, "51", "测试局"),
        (2023, "7", "别的局"),
    ] {
        let p = dir.path().join(format!("{agency}{year}.nianbao"));
        draft::save(&report(agency, year, new, "1"), &p).unwrap();
        recent.push(p);
    }
    let config = Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: std::time::Duration::ZERO,
    };
    let app =
        NianbaoApp::new(config, recent, None).with_report(report("测试局", 2024, "87", "4"), None);
    let mut h = app_harness(app);
    // The recent drafts are read on a thread of their own.
    let start = std::time::Instant::now();
    while h.query_by_label("历年数据（2022—2024年）").is_none() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "never read"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    h.get_by_label("历年数据（2022—2024年）").click();
    h.run();
    let chart = h.get_by_label_contains("本年新收：");
    assert_eq!(
        chart.accesskit_node().label().unwrap_or_default(),
        "本年新收：2022年 40，2023年 51，2024年 87"
    );
    h.get_by_label("行政复议：2022年 1，2023年 1，2024年 4");
    // Figures no year has are not charted.
    assert!(h.query_by_label_contains("行政诉讼：").is_none());
}
