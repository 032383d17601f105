//! The 导出 menu's Word, web page and copy entries, driven headless (egui_kittest).

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use crate::common::fill_path_dialog;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::sample;
use nianbao::template;
use nianbao::ui::{Config, NianbaoApp, setup_context};

fn harness() -> Harness<'static, NianbaoApp> {
    let config = Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::from_secs(2),
    };
    let r = sample::filled(template::get("gov-info-annual-2021").unwrap(), 2025);
    let app = NianbaoApp::new(config, vec![], None).with_report(r, None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.ui(ui), app);
    h.run();
    h
}

fn open_export_menu(h: &mut Harness<'_, NianbaoApp>) {
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
}

/// Picks `entry` in the 导出 menu and answers the path field with `path`.
fn export_through_the_menu(h: &mut Harness<'_, NianbaoApp>, entry: &str, path: &Path) {
    open_export_menu(h);
    h.get_by_label(entry).click();
    h.run();
    fill_path_dialog(h, path, "保存");
}

#[test]
fn the_export_menu_offers_word_web_page_and_copy() {
    let mut h = harness();
    open_export_menu(&mut h);
    for entry in [
        "Word 文档 (.docx)…",
        "网页 (.html)…",
        "复制为网页格式",
        "复制表格为网页格式",
    ] {
        assert!(h.query_by_label(entry).is_some(), "{entry}");
    }
}

#[test]
fn word_and_web_page_exports_are_written_where_the_user_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    let title = h.state().doc.as_ref().unwrap().report.title();

    // The extension is added when the user leaves it out.
    export_through_the_menu(&mut h, "Word 文档 (.docx)…", &dir.path().join("年报"));
    let docx = dir.path().join("年报.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).expect("docx written")).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let text: String = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect();
    assert!(text.starts_with(&title));

    export_through_the_menu(&mut h, "网页 (.html)…", &dir.path().join("年报.html"));
    let html = std::fs::read_to_string(dir.path().join("年报.html")).expect("html written");
    let page = scraper::Html::parse_document(&html);
    let h1 = scraper::Selector::parse("h1").unwrap();
    let shown: String = page.select(&h1).next().unwrap().text().collect();
    assert_eq!(shown, title);
}

#[test]
fn copy_as_web_page_takes_the_report_or_one_table() {
    let mut h = harness();
    open_export_menu(&mut h);
    h.get_by_label("复制为网页格式").click();
    h.run();
    // Without a display the clipboard refuses; what was offered to it is kept.
    let html = h.state().last_copied_html.clone().expect("copied");
    assert_eq!(html.matches("<table border=\"1\"").count(), 3);
    assert!(html.contains("<h2>一、总体情况</h2>"));

    h.state_mut().last_copied_html = None;
    // Close whatever the copy left (a message without a clipboard), then copy table 三.
    if let Some(ok) = h.query_by_role_and_label(Role::Button, "确定") {
        ok.click();
        h.run();
    }
    open_export_menu(&mut h);
    h.get_by_label("复制表格为网页格式").click();
    h.run();
    // The navigation (a toggle) and the report's heading carry the same title; the menu's
    // entry is the first button with it.
    h.get_all_by_role_and_label(Role::Button, "三、收到和处理政府信息公开申请情况")
        .next()
        .unwrap()
        .click();
    h.run();
    let html = h.state().last_copied_html.clone().expect("table copied");
    assert_eq!(html.matches("<table").count(), 1);
    assert!(html.contains("三、本年度办理结果") && !html.contains("<h2>"));
}
