//! Marking a warning 已核实 in the diagnostics panel, driven through the accessibility tree.

use std::time::Duration;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::Report;
use nianbao::ui::{Config, NianbaoApp, setup_context};

use crate::common::{balanced, fill_path_dialog, id, t21};

fn config() -> Config {
    Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::from_secs(2),
    }
}

fn harness(report: Report) -> Harness<'static, NianbaoApp> {
    let app = NianbaoApp::new(config(), vec![], None).with_report(report, None);
    Harness::builder()
        .with_size(egui::vec2(1280.0, 1200.0))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.ui(ui), app)
}

/// A complete report whose only findings are warnings (no publish date, …).
fn report() -> Report {
    let mut r = balanced(t21(), 2025);
    r.publish_date = None;
    r
}

fn counts(h: &Harness<'_, NianbaoApp>) -> nianbao::validate::review::Counts {
    h.state().doc.as_ref().unwrap().counts()
}

const REFUSED: &str = "请填写核实理由，例如“本年度确无收费”";

#[test]
fn marking_a_warning_with_a_reason_greys_it_and_moves_it_out_of_the_open_count() {
    let mut h = harness(report());
    h.run();
    let before = counts(&h);
    assert_eq!(before.errors, 0);
    assert!(before.open_warnings >= 1);
    assert!(
        h.query_by_label(&format!("{} 个提示", before.open_warnings))
            .is_some()
    );
    assert!(h.query_by_label_contains("已核实）").is_none());
    // Every open warning has its button.
    let buttons = h.get_all_by_role_and_label(Role::Button, "核实…").count();
    assert_eq!(buttons, before.open_warnings);

    h.get_all_by_role_and_label(Role::Button, "核实…")
        .next()
        .unwrap()
        .click();
    h.run();
    // An empty reason is refused in place; nothing is marked.
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();
    assert!(h.query_by_label(REFUSED).is_some(), "refusal shown");
    assert_eq!(counts(&h), before);
    assert!(h.state().doc.as_ref().unwrap().report.reviews.is_empty());
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());

    h.get_by_label("核实理由").click();
    h.run();
    h.get_by_label("核实理由")
        .type_text("落款日期由办公室统一填写");
    h.run();
    assert!(
        h.query_by_label(REFUSED).is_none(),
        "typing clears the refusal"
    );
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();

    let after = counts(&h);
    assert_eq!(after.reviewed, 1);
    assert_eq!(after.open_warnings, before.open_warnings - 1);
    assert!(
        h.query_by_label(&format!("{} 个提示", after.open_warnings))
            .is_some()
    );
    assert!(h.query_by_label("（另有 1 个已核实）").is_some());
    assert!(h.query_by_label("已核实").is_some(), "greyed tag");
    assert!(
        h.query_by_label("核实理由：落款日期由办公室统一填写")
            .is_some()
    );
    assert!(h.query_by_label("核实理由").is_none(), "form closed");
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.is_dirty(), "a mark is an edit to save");
    assert_eq!(doc.report.reviews[0].reason, "落款日期由办公室统一填写");

    // Undo takes the mark off like any other edit; redo puts it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(counts(&h), before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(counts(&h), after);

    // 取消核实 opens it again.
    h.get_by_role_and_label(Role::Button, "取消核实").click();
    h.run();
    assert_eq!(counts(&h), before);
    assert!(h.query_by_label("（另有 1 个已核实）").is_none());
}

#[test]
fn hard_errors_offer_no_button() {
    let mut r = report();
    // 本年新收 without a matching outcome breaks H1.
    r.set_input(id(t21(), "t3", "r1", "natural"), "999");
    let mut h = harness(r);
    h.run();
    let c = counts(&h);
    assert!(c.errors >= 1);
    let buttons = h.get_all_by_role_and_label(Role::Button, "核实…").count();
    assert_eq!(buttons, c.open_warnings, "one per warning, none for errors");
}

#[test]
fn the_export_menu_writes_the_opinion_without_the_reviewed_warning() {
    let mut r = report();
    r.agency = "衡山县商务局".into();
    r.texts[0].push_str("对照2024年度工作要点逐项落实。");
    let diags = nianbao::validate::validate(&r, None);
    let s17 = diags.iter().find(|d| d.rule == "S17").unwrap().clone();
    nianbao::validate::review::mark(&mut r, &s17, "落款日期由办公室统一填写").unwrap();
    let s14 = diags.iter().find(|d| d.rule == "S14").unwrap().clone();
    let mut h = harness(r);
    h.run();
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_label("导出审核意见…").click();
    h.run();
    // Suggested under the name `check --opinions` gives it.
    let suggested = h.get_by_label("文件路径").value().unwrap_or_default();
    assert!(
        suggested.ends_with("衡山县商务局2025年度报告审核意见.pdf"),
        "{suggested}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("意见");
    fill_path_dialog(&mut h, &path, "保存");
    let pdf = dir.path().join("意见.pdf");
    let text: String = pdf_extract::extract_text(&pdf)
        .expect("opinion written")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        text.starts_with("关于《衡山县商务局2025年政府信息公开工作年度报告》的审核意见"),
        "{text}"
    );
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(text.contains(&squeeze(&s14.message)), "{text}");
    assert!(!text.contains(&squeeze(&s17.message)), "{text}");
    assert!(h.state().status().contains("已导出审核意见"));
}

#[test]
fn a_mark_whose_warning_is_gone_is_listed_and_can_be_removed() {
    let mut r = report();
    let diags = nianbao::validate::validate(&r, None);
    let s17 = diags.iter().find(|d| d.rule == "S17").unwrap().clone();
    nianbao::validate::review::mark(&mut r, &s17, "落款日期由办公室统一填写").unwrap();
    // The date is filled in since: S17 no longer appears.
    r.publish_date = chrono::NaiveDate::from_ymd_opt(2026, 1, 20);
    let mut h = harness(r);
    h.run();
    assert_eq!(counts(&h).reviewed, 0);
    assert!(
        h.query_by_label_contains("以下核实标记对应的提示已不再出现")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("（理由：落款日期由办公室统一填写）")
            .is_some()
    );
    h.get_by_role_and_label(Role::Button, "移除").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.report.reviews.is_empty());
    assert!(doc.is_dirty());
    assert!(
        h.query_by_label_contains("以下核实标记对应的提示已不再出现")
            .is_none()
    );
    // Undoable like any edit.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().report.reviews.len(), 1);
}
