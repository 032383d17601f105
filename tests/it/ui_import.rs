//! 导入已发布的年报 through the desktop UI: pasted text, a chosen file, and bad input.

use std::path::PathBuf;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::{Config, NianbaoApp, setup_context};

fn harness() -> Harness<'static, NianbaoApp> {
    let config = Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::ZERO,
    };
    Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(
            |ui, app: &mut NianbaoApp| app.ui(ui),
            NianbaoApp::new(config, vec![], None),
        )
}

fn click(h: &mut Harness<'_, NianbaoApp>, name: &str) {
    h.get_all_by_role_and_label(Role::Button, name)
        .last()
        .unwrap_or_else(|| panic!("button {name}"))
        .click();
    h.run();
}

/// 导入已发布的年报… → 选择年报文件… → the path field (no native dialogs in tests).
fn choose_file(h: &mut Harness<'_, NianbaoApp>, path: &str) {
    click(h, "导入已发布的年报…");
    click(h, "选择年报文件…");
    // The field is pre-filled with the home folder.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("文件路径").type_text(path);
    h.run();
    click(h, "打开");
}

fn published(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/published/{name}"))
}

#[test]
fn pasted_text_becomes_an_unsaved_draft_and_the_notes_are_shown() {
    let mut h = harness();
    h.run();
    click(&mut h, "导入已发布的年报…");
    let text = std::fs::read_to_string(published("001_4215243010f676eb.txt")).unwrap();
    h.get_by_role(Role::MultilineTextInput).type_text(&text);
    h.run();
    click(&mut h, "导入");
    let doc = h.state().doc.as_ref().expect("imported");
    assert_eq!(doc.report.agency, "瀍河回族区商务局");
    assert_eq!(doc.report.year, 2022);
    assert!(doc.is_dirty(), "an import is a new, unsaved document");
    // The review lists the notes, e.g. the cell table 四 did not print.
    // (The diagnostics panel also names the cell, among those the import could not read.)
    assert!(
        h.query_all_by_label_contains("复议后起诉总计")
            .next()
            .is_some()
    );
    assert!(h.query_by_label_contains("导入的报告尚未保存").is_some());
    click(&mut h, "知道了");
    assert!(!h.state().modal_open());
    assert!(
        h.state()
            .status()
            .contains("已导入瀍河回族区商务局2022年度报告")
    );
}

#[test]
fn text_that_is_no_report_gets_a_message_and_stays_in_the_box() {
    let mut h = harness();
    h.run();
    click(&mut h, "导入已发布的年报…");
    h.get_by_role(Role::MultilineTextInput)
        .type_text("关于召开年度工作会议的通知\n各科室：定于下周一召开会议。");
    h.run();
    click(&mut h, "导入");
    assert!(h.state().doc.is_none());
    assert!(
        h.query_by_label_contains("不是政府信息公开工作年度报告")
            .is_some()
    );
    // What the user pasted is still there to correct.
    assert!(
        h.query_by_value("关于召开年度工作会议的通知\n各科室：定于下周一召开会议。")
            .is_some()
    );
}

#[test]
fn a_chosen_file_is_imported_in_its_own_format() {
    let mut h = harness();
    h.run();
    choose_file(
        &mut h,
        &published("003_73a49c1d9e8bef42.txt").display().to_string(),
    );
    let doc = h.state().doc.as_ref().expect("imported");
    assert_eq!(doc.report.agency, "城步苗族自治县商务局");
    assert_eq!(doc.report.template.id, "gov-info-annual-2019");
    assert!(h.query_by_label_contains("按落款使用").is_some());
}

#[test]
fn an_unreadable_file_reopens_the_dialog_with_the_reason() {
    let mut h = harness();
    h.run();
    choose_file(&mut h, "/nonexistent/report.txt");
    assert!(h.state().doc.is_none());
    assert!(
        h.query_by_label_contains("/nonexistent/report.txt")
            .is_some()
    );
    assert!(h.query_by_role(Role::MultilineTextInput).is_some());
}
