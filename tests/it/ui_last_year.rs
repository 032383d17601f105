//! Last year beside this year in the editor: the report chosen in the header, its figures
//! beside the cells with the change, the toggle that hides them, and the change warning.

use std::path::Path;

use crate::common::{app_harness, bare_app, fill_path_dialog, fill_path_field, id, t21};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use nianbao::model::{Report, draft};
use nianbao::ui::NianbaoApp;

/// The description a cell's node carries (last year's figure), found by the cell's label.
fn description(h: &Harness<'_, NianbaoApp>, label: &str) -> Option<String> {
    h.query(by().predicate(|n| n.label().as_deref() == Some(label) && n.role() != Role::Label))
        .and_then(|n| n.accesskit_node().description())
}

fn reports(dir: &Path) -> (Report, std::path::PathBuf) {
    let t = t21();
    let mut last = Report::for_year("测试局", 2024);
    last.edit_cell(id(t, "t2", "license", "decisions"), "11");
    last.edit_cell(id(t, "t2", "fees", "amount"), "9.6");
    let last_path = dir.join("2024.nianbao");
    draft::save(&last, &last_path).unwrap();
    let mut this = Report::for_year("测试局", 2025);
    this.edit_cell(id(t, "t2", "license", "decisions"), "150");
    this.edit_cell(id(t, "t2", "fees", "amount"), "96171.6");
    (this, last_path)
}

#[test]
fn last_years_report_chosen_in_the_header_shows_beside_the_cells_and_warns() {
    let dir = tempfile::tempdir().unwrap();
    let (this, last_path) = reports(dir.path());
    let t = this.template;
    let mut h = app_harness(bare_app().with_report(this, None));
    h.run();
    let licence = t.cell_label(id(t, "t2", "license", "decisions"));
    assert_eq!(description(&h, &licence), None, "no last year yet");
    h.get_by_label("选择上年报告…").click();
    h.run();
    fill_path_dialog(&mut h, &last_path, "打开");
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.previous.as_ref().map(|p| p.year), Some(2024));
    assert_eq!(
        description(&h, &licence).as_deref(),
        Some("上年 11，增长1263.6%")
    );
    // The change rule names both figures in the panel.
    h.get_by_label_contains("本年 96171.6，上年 9.6，相差约一万倍，请核实单位是否为万元");
    // The toggle hides the figures; the warning stays.
    h.get_by_label("表格中显示上年数").click();
    h.run();
    assert_eq!(description(&h, &licence), None);
    h.get_by_label_contains("相差约一万倍");
    // 不与上年比较 drops last year's report (undoable, as any edit).
    h.get_by_label("不与上年比较").click();
    h.run();
    assert!(h.state().doc.as_ref().unwrap().report.previous.is_none());
    assert!(h.query_by_label_contains("相差约一万倍").is_none());
}

#[test]
fn another_agencys_report_is_named_and_not_set_beside_the_cells() {
    let dir = tempfile::tempdir().unwrap();
    let (this, _) = reports(dir.path());
    let t = this.template;
    let mut other = Report::for_year("另一个局", 2024);
    other.edit_cell(id(t, "t2", "license", "decisions"), "11");
    let other_path = dir.path().join("other.nianbao");
    draft::save(&other, &other_path).unwrap();
    let mut h = app_harness(bare_app().with_report(this, None));
    h.run();
    h.get_by_label("选择上年报告…").click();
    h.run();
    fill_path_dialog(&mut h, &other_path, "打开");
    h.run();
    let licence = t.cell_label(id(t, "t2", "license", "decisions"));
    assert_eq!(description(&h, &licence), None, "not compared");
    // Said in the status bar when chosen, and in the panel while it stays.
    let said = h
        .get_all_by_label_contains("“另一个局”的报告，与本报告的机关“测试局”不同，未与之比较")
        .count();
    assert_eq!(said, 2);
}

#[test]
fn insert_then_update_the_statistics_paragraph_from_the_section() {
    let t = t21();
    let mut r = Report::for_year("测试局", 2025);
    r.texts[0] = "2025年，本局认真贯彻《条例》。".into();
    let new = id(t, "t3", "r1", "natural");
    r.edit_cell(new, "5");
    let mut h = app_harness(bare_app().with_report(r, None));
    h.run();
    h.get_by_label("插入统计段落").click();
    h.run();
    let text =
        |h: &Harness<'_, NianbaoApp>| h.state().doc.as_ref().unwrap().report.texts[0].clone();
    assert!(
        text(&h).starts_with("2025年，本局认真贯彻《条例》。\n主动公开方面，"),
        "{}",
        text(&h)
    );
    assert!(text(&h).contains("新收政府信息公开申请5件，其中自然人提出5件"));
    // Nothing handled yet: the outcomes sentence is left out, the other four written.
    h.get_by_label("已插入 4 句统计段落");
    // The tables change: the section says so and offers the update.
    // As the cell's editor does: the edit, then the commit that revalidates.
    let doc = h.state_mut().doc.as_mut().unwrap();
    doc.report.edit_cell(new, "6");
    doc.commit(nianbao::ui::doc::EditGroup::Cell(new));
    h.run();
    h.get_by_label("统计段落中有 1 句与表格中现在的数字不一致");
    h.get_by_label("更新统计段落").click();
    h.run();
    assert!(text(&h).contains("新收政府信息公开申请6件，其中自然人提出6件"));
    assert!(!text(&h).contains("申请5件"));
    h.get_by_label("已更新 1 句");
}

/// A scanned report chosen as last year's is read on the importer's thread: the window
/// shows its pages and offers 取消, which leaves the report as it was.
#[test]
fn a_scanned_last_year_is_read_in_the_background_and_can_be_cancelled() {
    let scan =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scans/yunling-2022-150dpi.pdf");
    let this = Report::for_year("云岭县商务局", 2023);
    let mut h = app_harness(bare_app().with_report(this, None));
    h.run();
    h.get_by_label("选择上年报告…").click();
    h.run();
    // One frame after 打开: the scan's pages wake the window while it is read, so the
    // harness is stepped, not run until it settles.
    fill_path_field(&mut h, "文件路径", &scan.display().to_string(), "打开");
    for _ in 0..10 {
        if h.query_by_label("正在读取上年报告").is_some() {
            break;
        }
        h.step();
    }
    h.get_by_label("正在读取上年报告");
    h.get_by_label("取消");
    // Esc is 取消 too, and lands wherever the button is drawn this frame.
    h.key_press(egui::Key::Escape);
    let start = std::time::Instant::now();
    while h.state().modal_open() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "never cancelled"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    let previous = h.state().doc.as_ref().unwrap().report.previous.as_deref();
    assert!(
        previous.is_none(),
        "{} {:?}",
        h.state().status(),
        previous.map(|p| (&p.agency, p.year))
    );
    assert_eq!(h.state().status(), "已取消读取上年报告");
}

/// A published report in plain text is read at once and set beside this one.
#[test]
fn a_published_text_is_set_as_last_year_at_once() {
    let text = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms/yongning-2023-crawled.txt");
    let this = Report::for_year("永宁县自然资源局", 2024);
    let mut h = app_harness(bare_app().with_report(this, None));
    h.run();
    h.get_by_label("选择上年报告…").click();
    h.run();
    fill_path_dialog(&mut h, &text, "打开");
    h.run();
    let last = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .report
        .previous
        .as_deref()
        .map(|r| r.year);
    assert_eq!(last, Some(2023));
    assert!(
        h.state()
            .status()
            .contains("作为上年报告（永宁县自然资源局 2023 年度）"),
        "{}",
        h.state().status()
    );
}
