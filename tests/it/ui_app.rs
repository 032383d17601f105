//! The desktop UI driven headless through its accessibility tree (no GPU).

use std::path::Path;
use std::time::Duration;

use crate::common::fill_path_dialog;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::{Cell, Report, draft};
use nianbao::template::{self, CellId};
use nianbao::ui::{Config, NianbaoApp, setup_context};

fn config() -> Config {
    Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::from_secs(2),
    }
}

fn report() -> Report {
    let mut r = Report::for_year("瀍河回族区人民政府办公室", 2024);
    r.texts[0] = "本年度，我办认真贯彻落实《条例》。".into();
    r
}

/// Tall enough that the whole report is laid out without scrolling.
fn harness(app: NianbaoApp, height: f32) -> Harness<'static, NianbaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, height))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.ui(ui), app)
}

/// The app with [`report`] open, after its first frames.
fn report_harness(height: f32) -> Harness<'static, NianbaoApp> {
    let mut h = harness(
        NianbaoApp::new(config(), vec![], None).with_report(report(), None),
        height,
    );
    h.run();
    h
}

fn cell(t: &str, row: &str, col: &str) -> CellId {
    template::for_year(2024).cell_id(t, row, col).unwrap()
}

fn label(c: CellId) -> String {
    template::for_year(2024).cell_label(c)
}

fn type_into(h: &mut Harness<'_, NianbaoApp>, c: CellId, text: &str) {
    h.get_by_label(&label(c)).click();
    h.run();
    h.get_by_label(&label(c)).type_text(text);
    h.run();
}

fn diag_messages(h: &Harness<'_, NianbaoApp>) -> Vec<String> {
    h.state()
        .doc
        .as_ref()
        .unwrap()
        .diags
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn typing_a_count_updates_totals_and_diagnostics() {
    let mut h = report_harness(4000.0);
    let r1 = cell("t3", "r1", "natural");
    let r1_total = cell("t3", "r1", "total");
    let total = cell("t3", "total", "natural");

    type_into(&mut h, r1, "12");
    // The derived 总计 cell shows the sum, read-only.
    assert_eq!(
        h.get_by_label(&label(r1_total)).value().as_deref(),
        Some("12")
    );
    // 12 new requests with no outcome break H1 for 自然人 and 总计; the panel lists it.
    let h1 = h.get_all_by_label_contains("第一项加第二项之和").count();
    assert!(h1 >= 1, "H1 listed in the diagnostics panel");
    assert!(diag_messages(&h).iter().any(|m| m.contains("相差 12")));

    // Outcomes balancing the column clear H1 for it.
    type_into(&mut h, cell("t3", "o1", "natural"), "12");
    assert_eq!(h.get_by_label(&label(total)).value().as_deref(), Some("12"));
    let doc = h.state().doc.as_ref().unwrap();
    assert!(
        !doc.diags.iter().any(|d| d.rule == "H1"),
        "{:?}",
        diag_messages(&h)
    );
    assert_eq!(doc.report.cell(total), &Cell::Int(12));
}

#[test]
fn a_letter_marks_the_cell_and_keeps_the_text() {
    let mut h = report_harness(4000.0);
    let c = cell("t3", "r2", "commercial");
    type_into(&mut h, c, "3a");
    // The text stays as typed, the reason is shown next to the cell and in the list.
    assert_eq!(h.get_by_label(&label(c)).value().as_deref(), Some("3a"));
    assert!(
        h.query_by_label("只能填写数字").is_some(),
        "message at the cell"
    );
    assert!(
        h.query_by_label_contains("只能填写数字（现为“3a”）")
            .is_some(),
        "diagnostics panel"
    );
    assert_eq!(
        h.state().doc.as_ref().unwrap().report.cell(c),
        &Cell::Invalid("3a".into())
    );

    // Fullwidth digits and separators are accepted.
    let d = cell("t3", "r1", "research");
    type_into(&mut h, d, "１，２３４");
    assert_eq!(
        h.state().doc.as_ref().unwrap().report.cell(d),
        &Cell::Int(1234)
    );
}

#[test]
fn tab_and_enter_move_like_a_spreadsheet() {
    let mut h = report_harness(4000.0);
    let start = cell("t3", "r1", "natural");
    type_into(&mut h, start, "5");
    h.key_press(Key::Tab);
    h.run();
    let right = cell("t3", "r1", "commercial");
    assert!(
        h.get_by_label(&label(right)).is_focused(),
        "Tab moves right"
    );
    h.get_by_label(&label(right)).type_text("6");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let below = cell("t3", "r2", "commercial");
    assert!(
        h.get_by_label(&label(below)).is_focused(),
        "Enter moves down"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert!(
        h.get_by_label(&label(cell("t3", "r2", "natural")))
            .is_focused(),
        "Shift+Tab moves left"
    );
    // Tab skips the derived 总计 column: from 其他 it goes to the next row.
    h.get_by_label(&label(cell("t3", "r1", "other"))).click();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label(&label(cell("t3", "r2", "natural")))
            .is_focused()
    );
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.cell(start), &Cell::Int(5));
    assert_eq!(doc.report.cell(right), &Cell::Int(6));
    assert_eq!(doc.report.cell(cell("t3", "r1", "total")), &Cell::Int(11));
}

#[test]
fn pasting_a_block_fills_right_and_down() {
    let mut h = report_harness(4000.0);
    let start = cell("t3", "o1", "natural");
    h.get_by_label(&label(start)).click();
    h.run();
    h.event(egui::Event::Paste("1\t2\t3\r\n4\t5\t6\r\n".into()));
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.cell(cell("t3", "o1", "research")), &Cell::Int(3));
    assert_eq!(doc.report.cell(cell("t3", "o2", "natural")), &Cell::Int(4));
    assert_eq!(doc.report.cell(cell("t3", "o2", "total")), &Cell::Int(15));
}

#[test]
fn clicking_a_diagnostic_focuses_its_cell() {
    let mut r = report();
    let c = cell("t4", "cases", "after_pending");
    r.set_input(c, "x");
    // A normal window: the cell is far below and must be scrolled to.
    let mut h = harness(
        NianbaoApp::new(config(), vec![], None).with_report(r, None),
        900.0,
    );
    h.run();
    assert!(
        h.query_by_label(&label(c)).is_none(),
        "starts scrolled away"
    );
    h.get_by_label_contains("只能填写数字（现为“x”）").click();
    h.run();
    assert!(h.get_by_label(&label(c)).is_focused());
    assert!(h.state().vs.highlight.contains(&c));
}

#[test]
fn undo_and_redo_across_cells() {
    let mut h = report_harness(4000.0);
    let a = cell("t3", "r1", "natural");
    let b = cell("t4", "cases", "review_upheld");
    type_into(&mut h, a, "7");
    type_into(&mut h, b, "2");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.cell(b), &Cell::Empty);
    assert_eq!(doc.report.cell(a), &Cell::Int(7));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().report.cell(a), &Cell::Empty);
    assert!(
        !h.state().doc.as_ref().unwrap().is_dirty(),
        "back at the opened state"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().report.cell(a),
        &Cell::Int(7)
    );
}

/// A button of the open dialog (drawn after, so listed after, the toolbar's namesake).
fn modal_button<'a>(h: &'a Harness<'_, NianbaoApp>, name: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_role_and_label(Role::Button, name)
        .last()
        .unwrap()
}

fn save_as_through_the_path_field(h: &mut Harness<'_, NianbaoApp>, path: &Path) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    fill_path_dialog(h, path, "保存");
}

#[test]
fn save_and_reopen_gives_an_equal_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("年报.ron");
    let mut h = report_harness(4000.0);
    type_into(&mut h, cell("t3", "r1", "natural"), "9");
    type_into(&mut h, cell("t2", "fees", "amount"), "24252.311082");
    h.get_by_label("五、存在的主要问题及改进情况（正文）")
        .click();
    h.run();
    h.get_by_label("五、存在的主要问题及改进情况（正文）")
        .type_text("问题：人手不足。改进：加强培训。");
    h.run();
    assert!(
        h.state().title().starts_with("● "),
        "unsaved mark in the title"
    );
    save_as_through_the_path_field(&mut h, &path);
    assert!(path.exists(), "saved");
    let doc = h.state().doc.as_ref().unwrap();
    assert!(!doc.is_dirty());
    assert!(!h.state().title().starts_with("● "));
    let saved = doc.report.clone();

    // Reopen in a fresh app, as `nianbao FILE.ron` does.
    let mut h2 = harness(
        NianbaoApp::new(config(), vec![], Some(path.clone())),
        4000.0,
    );
    h2.run();
    let reopened = &h2.state().doc.as_ref().unwrap().report;
    assert_eq!(reopened, &saved);
    assert_eq!(reopened, &draft::load(&path).unwrap());
    assert_eq!(
        h2.get_by_label(&label(cell("t2", "fees", "amount")))
            .value()
            .as_deref(),
        Some("24252.311082")
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = report_harness(4000.0);
    type_into(&mut h, cell("t3", "r1", "natural"), "1");
    let close = |h: &mut Harness<'_, NianbaoApp>| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.step();
    };
    close(&mut h);
    let cancelled = h.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .contains(&egui::ViewportCommand::CancelClose);
    assert!(cancelled, "close is held back");
    h.run();
    assert!(h.query_by_label_contains("有尚未保存的修改").is_some());
    modal_button(&h, "取消").click();
    h.run();
    assert!(!h.state().close_allowed());
    assert!(h.query_by_label_contains("有尚未保存的修改").is_none());

    close(&mut h);
    h.run();
    modal_button(&h, "不保存").click();
    h.step();
    assert!(h.state().close_allowed());
    let closing = h.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .contains(&egui::ViewportCommand::Close);
    assert!(closing, "window closes after 不保存");
}

#[test]
fn a_clean_document_closes_without_asking() {
    let mut h = report_harness(900.0);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(h.state().close_allowed());
    assert!(!h.state().modal_open());
}

#[test]
fn guard_save_writes_the_file_then_opens_the_new_report_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    draft::save(&report(), &path).unwrap();
    let mut h = harness(
        NianbaoApp::new(config(), vec![], Some(path.clone())),
        4000.0,
    );
    h.run();
    type_into(&mut h, cell("t3", "r1", "natural"), "4");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    modal_button(&h, "保存").click();
    h.run();
    let on_disk = draft::load(&path).unwrap();
    assert_eq!(on_disk.cell(cell("t3", "r1", "natural")), &Cell::Int(4));
    assert!(
        h.query_by_label("新建报告").is_some(),
        "new report form follows"
    );
}

#[test]
fn idle_means_no_repaint() {
    let mut h = report_harness(900.0);
    h.step();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay > Duration::from_secs(60), "repaint delay {delay:?}");
}

/// Sections far outside the window are not laid out (the frame costs what is visible),
/// and come back when the section list jumps to them.
#[test]
fn off_screen_sections_are_skipped_and_return_when_scrolled_to() {
    let mut h = report_harness(900.0);
    let far = cell("t4", "cases", "after_total");
    assert!(
        h.query_by_label(&label(far)).is_none(),
        "table 四 laid out at the top"
    );
    let guidance = &template::for_year(2024).sections[0].guidance;
    assert!(h.query_by_label(guidance).is_some());
    let s4 = template::for_year(2024).sections[3].title.clone();
    h.get_all_by_label(&s4).next().unwrap().click();
    for _ in 0..30 {
        h.step();
    }
    h.run();
    assert_eq!(h.state().vs.current_section, Some(3));
    assert!(
        h.query_by_label(&label(far)).is_some(),
        "table 四 not drawn after the jump"
    );
    // Section 一, now far above, is skipped in turn.
    assert!(h.query_by_label(guidance).is_none());
}
