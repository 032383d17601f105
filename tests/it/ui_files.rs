//! Files through the desktop UI: published drafts, recovery copies, rollover, bad files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{drop_file, fill_path_dialog};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::{Cell, Report, draft};
use nianbao::ui::{Config, NianbaoApp, setup_context};
use nianbao::validate;

fn config(recovery: Option<&Path>) -> Config {
    Config {
        native_dialogs: false,
        recovery_dir: recovery.map(Path::to_path_buf),
        autosave_delay: Duration::ZERO,
    }
}

fn harness(app: NianbaoApp) -> Harness<'static, NianbaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 4000.0))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.ui(ui), app)
}

fn button<'a>(h: &'a Harness<'_, NianbaoApp>, name: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_role_and_label(Role::Button, name)
        .last()
        .unwrap()
}

fn wait_for(what: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if what() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    v.sort();
    v
}

/// Every published report opens and renders: the harness panics on any glyph the bundled
/// font lacks (e.g. 瀍), and the panel lists what the validator finds.
#[test]
fn published_reports_open_and_render_without_missing_glyphs() {
    let files = fixtures();
    assert!(files.len() >= 5);
    for f in files {
        let mut h = harness(NianbaoApp::new(config(None), vec![], Some(f.clone())));
        h.run();
        let app = h.state();
        let doc = app
            .doc
            .as_ref()
            .unwrap_or_else(|| panic!("{} opened", f.display()));
        let loaded = draft::load(&f).unwrap();
        // Opening keeps every figure the file has and fills blank totals from their items.
        let mut expected_report = loaded.clone();
        let mut computed = loaded.clone();
        computed.recompute_derived();
        for (i, c) in expected_report.cells.iter_mut().enumerate() {
            if loaded.template.derived[i] && c.is_empty() {
                *c = computed.cells[i].clone();
            }
        }
        assert!(
            doc.report == expected_report,
            "opening changed {}",
            f.display()
        );
        assert!(!doc.is_dirty());
        let expected = validate::validate(&expected_report, None);
        let errors = expected.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            assert!(
                h.query_by_label(&format!("{errors} 个错误")).is_some(),
                "{}",
                f.display()
            );
        }
        // The agency name appears in the title and the 发布机关 field.
        assert!(h.query_by_label_contains(&loaded.title()).is_some());
    }
}

#[test]
fn a_recovery_copy_is_written_and_offered_after_a_crash() {
    let rec = tempfile::tempdir().unwrap();
    let copy = rec.path().join("recovery.ron");
    let report = Report::for_year("测试局", 2024);
    let mut h =
        harness(NianbaoApp::new(config(Some(rec.path())), vec![], None).with_report(report, None));
    h.run();
    assert!(!copy.exists(), "nothing to recover before an edit");
    let t = nianbao::template::for_year(2024);
    let c = t.cell_id("t3", "r1", "natural").unwrap();
    h.get_by_label(&t.cell_label(c)).click();
    h.run();
    h.get_by_label(&t.cell_label(c)).type_text("8");
    h.run();
    assert!(
        wait_for(|| copy.exists()),
        "recovery copy written off the UI thread"
    );
    let edited = h.state().doc.as_ref().unwrap().report.clone();
    // The "crash": the app goes away without saving.
    drop(h);

    let mut h = harness(NianbaoApp::new(config(Some(rec.path())), vec![], None));
    h.run();
    assert!(h.query_by_label("发现未保存的内容").is_some());
    button(&h, "恢复").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.cell(c), &Cell::Int(8));
    assert_eq!(doc.report, edited);
    assert!(doc.is_dirty(), "restored work still needs saving");

    // Saving it removes the recovery copy.
    let target = rec.path().join("saved.ron");
    h.state_mut().doc.as_mut().unwrap().path = Some(target.clone());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(target.exists());
    assert!(
        wait_for(|| !copy.exists()),
        "recovery copy removed after saving"
    );
}

#[test]
fn rollover_builds_this_years_report_and_lists_years_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let last_path = dir.path().join("2023.ron");
    let mut last = Report::for_year("测试局", 2023);
    let t = last.template;
    last.texts[0] = "2023年，我局认真贯彻落实《条例》。".into();
    let r4 = t.cell_id("t3", "r4", "natural").unwrap();
    last.edit_cell(r4, "3");
    draft::save(&last, &last_path).unwrap();

    let mut h = harness(NianbaoApp::new(config(None), vec![], None));
    h.run();
    button(&h, "从上年报告新建…").click();
    h.run();
    fill_path_dialog(&mut h, &last_path, "打开");
    assert!(h.query_by_label("已生成本年度报告").is_some());
    assert!(h.query_by_label_contains("上年度的文字已沿用").is_some());
    assert!(h.query_by_label_contains("请核对以下 1 处").is_some());
    // Listed in the review dialog and in the diagnostics panel; the panel keeps it.
    let stale = |h: &Harness<'_, NianbaoApp>| h.query_all_by_label_contains("“2023年”").count();
    assert_eq!(stale(&h), 2, "stale year listed for review");
    button(&h, "知道了").click();
    h.run();
    assert_eq!(stale(&h), 1);
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.year, 2024);
    let r2 = t.cell_id("t3", "r2", "natural").unwrap();
    assert_eq!(
        doc.report.cell(r2),
        &Cell::Int(3),
        "上年结转 carried from 结转下年度"
    );
    assert!(doc.path.is_none(), "last year's file is never overwritten");
}

#[test]
fn an_unreadable_file_shows_the_reason_and_keeps_the_open_report() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("坏.ron");
    std::fs::write(&bad, "(format_version: 2, template: ").unwrap();
    let report = Report::for_year("测试局", 2024);
    let mut h =
        harness(NianbaoApp::new(config(None), vec![], None).with_report(report.clone(), None));
    h.run();
    h.state_mut().open_file(bad.clone());
    h.run();
    assert!(h.query_by_label("出错了").is_some());
    assert!(
        h.query_by_label_contains("坏.ron").is_some(),
        "the message names the file"
    );
    button(&h, "确定").click();
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().report, report);
    // Enter and Esc acknowledge the message as well, as a system message box does.
    for key in [egui::Key::Enter, egui::Key::Escape] {
        h.state_mut().open_file(bad.clone());
        h.run();
        assert!(h.query_by_label("出错了").is_some());
        h.key_press(key);
        h.run();
        assert!(h.query_by_label("出错了").is_none(), "{key:?}");
    }
}

/// A printed total that disagrees with its items is kept (and flagged) until the user asks
/// for it to be recomputed; that is one undoable step.
#[test]
fn inconsistent_totals_are_kept_until_recomputed() {
    let mut r = Report::for_year("测试局", 2024);
    let t = r.template;
    let a = t.cell_id("t4", "cases", "review_upheld").unwrap();
    let total = t.cell_id("t4", "cases", "review_total").unwrap();
    r.edit_cell(a, "3");
    r.cells[total.index()] = Cell::Int(5);
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(r, None));
    h.run();
    assert_eq!(
        h.get_by_label(&t.cell_label(total)).value().as_deref(),
        Some("5")
    );
    assert!(
        h.query_by_label_contains("应为 3").is_some(),
        "flagged in the panel"
    );
    button(&h, "按明细重新计算合计").click();
    h.run();
    assert_eq!(
        h.get_by_label(&t.cell_label(total)).value().as_deref(),
        Some("3")
    );
    assert!(h.query_by_label("按明细重新计算合计").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.get_by_label(&t.cell_label(total)).value().as_deref(),
        Some("5")
    );
}

#[test]
fn dropping_a_draft_on_the_window_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("拖入.ron");
    let report = Report::for_year("拖放测试局", 2024);
    draft::save(&report, &path).unwrap();
    let mut h = harness(NianbaoApp::new(config(None), vec![], None));
    h.run();
    drop_file(&mut h, &path);
    h.run();
    let doc = h.state().doc.as_ref().expect("opened");
    assert_eq!(doc.report.agency, "拖放测试局");
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    assert!(h.state().title().contains("拖入.ron"));
}

#[test]
fn dropping_a_nianbao_draft_opens_it_and_other_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("拖入.nianbao");
    draft::save(&Report::for_year("新扩展名局", 2025), &path).unwrap();
    let mut h = harness(NianbaoApp::new(config(None), vec![], None));
    h.run();
    drop_file(&mut h, &path);
    h.run();
    let doc = h.state().doc.as_ref().expect("opened");
    assert_eq!(doc.report.agency, "新扩展名局");
    assert!(h.state().title().contains("拖入.nianbao"));

    let sheet = dir.path().join("表格.xlsx");
    std::fs::write(&sheet, b"PK\x03\x04").unwrap();
    drop_file(&mut h, &sheet);
    h.run();
    assert!(
        h.query_by_label_contains("不是年报草稿（.nianbao 或 .ron）")
            .is_some()
    );
    // The open report stays.
    assert_eq!(h.state().doc.as_ref().unwrap().report.agency, "新扩展名局");
}

#[test]
fn save_as_suggests_and_adds_the_nianbao_extension() {
    let dir = tempfile::tempdir().unwrap();
    let report = Report::for_year("扩展名测试局", 2024);
    let mut h =
        harness(NianbaoApp::new(config(None), vec![], None).with_report(report.clone(), None));
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    let suggested = h.get_by_label("文件路径").value().unwrap_or_default();
    assert!(
        suggested.contains("扩展名测试局") && suggested.ends_with(".nianbao"),
        "{suggested}"
    );
    // A name typed without an extension gets .nianbao.
    fill_path_dialog(&mut h, &dir.path().join("年报"), "保存");
    let saved = dir.path().join("年报.nianbao");
    assert_eq!(draft::load(&saved).unwrap(), report);
    assert!(!dir.path().join("年报").exists());
    assert!(h.state().title().contains("年报.nianbao"));
}

/// 导出 → `item`, then the typed-path dialog (no native dialogs in tests) with `out`.
fn export_via_menu(h: &mut Harness<'static, NianbaoApp>, item: &str, out: &Path) {
    button(h, "导出").click();
    h.run();
    button(h, item).click();
    h.run();
    fill_path_dialog(h, out, "保存");
}

#[test]
fn text_export_writes_the_report_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("年报.txt");
    let mut report = Report::for_year("导出测试局", 2024);
    report.texts[0] = "本年度工作扎实推进。".into();
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(report, None));
    h.run();
    export_via_menu(&mut h, "导出文本…", &out);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("导出测试局2024年政府信息公开工作年度报告"));
    assert!(text.contains("本年度工作扎实推进。"));
}

/// `r` with a 成文日期, so that export goes straight on.
fn dated(mut r: Report) -> Report {
    r.publish_date = chrono::NaiveDate::from_ymd_opt(r.year + 1, 1, 15);
    r
}

/// The text of a PDF on disk, read back with pdf-extract, whitespace removed.
fn pdf_text(p: &Path) -> String {
    let text = pdf_extract::extract_text(p).unwrap();
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn exporting_or_printing_a_report_without_a_date_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let report = Report::for_year("测试局", 2024);
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(report, None));
    h.run();
    let open_dialog = |h: &mut Harness<'static, NianbaoApp>| {
        button(h, "导出").click();
        h.run();
        button(h, "导出 PDF…").click();
        h.run();
        assert!(h.query_by_label("没有成文日期").is_some());
    };
    // 取消: nothing exported, the report unchanged.
    open_dialog(&mut h);
    button(&h, "取消").click();
    h.run();
    assert!(h.query_by_label("没有成文日期").is_none());
    assert!(h.query_by_label("文件路径").is_none());
    // The date offered: 20 January of the next year, unless today lies in that year.
    let today = chrono::Local::now().date_naive();
    let offered = if chrono::Datelike::year(&today) == 2025 {
        today
    } else {
        chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap()
    };
    let printed = nianbao::validate::date_zh(offered);
    // Going on without a date: a PDF without date, the report still undated.
    let bare = dir.path().join("无日期.pdf");
    open_dialog(&mut h);
    button(&h, "不填日期，仍然导出").click();
    h.run();
    fill_path_dialog(&mut h, &bare, "保存");
    let text = pdf_text(&bare);
    assert!(
        text.contains("测试局") && !text.contains(&printed),
        "{text}"
    );
    assert_eq!(h.state().doc.as_ref().unwrap().report.publish_date, None);
    // Filling in the offered date: the report gets it as an undoable edit and the PDF
    // prints it.
    let out = dir.path().join("有日期.pdf");
    open_dialog(&mut h);
    button(&h, "填入日期并导出").click();
    h.run();
    fill_path_dialog(&mut h, &out, "保存");
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.publish_date, Some(offered));
    assert!(doc.is_dirty());
    assert!(pdf_text(&out).contains(&printed), "{printed}");
    button(&h, "撤销").click();
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().report.publish_date, None);
    // Printing (打印…) asks the same.
    button(&h, "打印…").click();
    h.run();
    assert!(h.query_by_label("没有成文日期").is_some());
    assert!(h.query_by_label("填入日期并打印").is_some());
    button(&h, "取消").click();
    h.run();
    assert!(h.query_by_label("没有成文日期").is_none());
}

#[test]
fn pdf_export_writes_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("报告.pdf");
    let report = dated(Report::for_year("测试局", 2024));
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(report, None));
    h.run();
    export_via_menu(&mut h, "导出 PDF…", &out);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(h.query_by_label("出错了").is_none());
}

#[test]
fn the_export_menu_warns_that_a_failing_report_gets_the_watermark() {
    let mut report = Report::for_year("测试局", 2024);
    let t = report.template;
    report.edit_cell(t.cell_id("t3", "r1", "natural").unwrap(), "5");
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(report, None));
    h.run();
    button(&h, "导出").click();
    h.run();
    assert!(h.query_by_label_contains("草稿 · 校验未通过").is_some());
    assert!(h.query_by_label_contains("PDF 字体").is_some());
    // A report without hard errors gets no such warning.
    let clean = Report::for_year("测试局", 2024);
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(clean, None));
    h.run();
    button(&h, "导出").click();
    h.run();
    assert!(h.query_by_label_contains("PDF 字体").is_some());
    assert!(h.query_by_label_contains("草稿 · 校验未通过").is_none());
}

#[test]
fn exporting_a_failing_report_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("草稿.pdf");
    let mut report = dated(Report::for_year("测试局", 2024));
    let t = report.template;
    report.edit_cell(t.cell_id("t3", "r1", "natural").unwrap(), "5");
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(report, None));
    h.run();
    button(&h, "导出").click();
    h.run();
    button(&h, "导出 PDF…").click();
    h.run();
    assert!(h.query_by_label("报告未通过勾稽校验").is_some());
    // 取消 exports nothing.
    button(&h, "取消").click();
    h.run();
    assert!(h.query_by_label("报告未通过勾稽校验").is_none());
    assert!(h.query_by_label("文件路径").is_none());
    // Confirming leads to the path and a PDF.
    button(&h, "导出").click();
    h.run();
    button(&h, "导出 PDF…").click();
    h.run();
    button(&h, "仍然导出（带水印）").click();
    h.run();
    fill_path_dialog(&mut h, &out, "保存");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
}

#[test]
fn the_pdf_font_menu_shows_the_automatic_faces() {
    let report = Report::for_year("测试局", 2024);
    let mut h = harness(NianbaoApp::new(config(None), vec![], None).with_report(report, None));
    h.run();
    button(&h, "导出").click();
    h.run();
    button(&h, "PDF 字体").click();
    h.run();
    // Each role's combo box shows the automatic face while nothing is picked.
    let value = |label: &str| h.get_by_label(label).value();
    assert_eq!(value("正文").as_deref(), Some("自动（Noto Serif CJK SC）"));
    assert_eq!(
        value("标题").as_deref(),
        Some("自动（Noto Serif CJK SC Bold）")
    );
}

#[test]
fn dropping_a_word_file_or_a_pdf_imports_it_and_a_broken_picture_says_why() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    for (name, agency) in [
        ("filled-2021.docx", "江宁市生态环境局"),
        ("filled-2021-libreoffice.pdf", "苍梧市云岭区交通运输局"),
    ] {
        let mut h = harness(NianbaoApp::new(config(None), vec![], None));
        h.run();
        drop_file(&mut h, &real.join(name));
        h.run();
        let doc = h.state().doc.as_ref().expect("imported");
        assert_eq!(doc.report.agency, agency, "{name}");
        // An import opens unsaved: it is not the dropped file.
        assert!(doc.path.is_none(), "{name}");
    }
    // A picture is a scan to read; one cut off after its signature is refused in the
    // import dialog, with the reason.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("扫描.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n").unwrap();
    let mut h = harness(NianbaoApp::new(config(None), vec![], None));
    h.run();
    drop_file(&mut h, &png);
    h.run();
    assert!(h.state().doc.is_none());
    assert!(
        h.query_by_label_contains("扫描件无法识别：图片文件不完整或已损坏")
            .is_some()
    );
}

/// Steps the window until `done` holds, sleeping between frames (a background import is
/// under way); fails after two minutes.
fn step_until(
    h: &mut Harness<'_, NianbaoApp>,
    what: &str,
    done: impl Fn(&Harness<'_, NianbaoApp>) -> bool,
) {
    let until = Instant::now() + Duration::from_secs(120);
    while !done(h) {
        assert!(Instant::now() < until, "still waiting for {what}");
        std::thread::sleep(Duration::from_millis(40));
        h.step();
    }
}

/// A window with the four-page scan dropped on it, one frame on.
fn scan_dropped() -> Harness<'static, NianbaoApp> {
    let scan =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scans/yunling-2022-150dpi.pdf");
    let mut h = harness(NianbaoApp::new(config(None), vec![], None));
    h.run();
    drop_file(&mut h, &scan);
    h.step();
    h
}

#[test]
fn a_scan_is_read_while_the_window_shows_its_pages_and_the_values_are_marked_as_ocr() {
    let mut h = scan_dropped();
    // The window is not held up: a dialog counts the pages as they are read.
    step_until(&mut h, "the page count", |h| {
        h.query_by_label_contains("/ 4 页").is_some()
    });
    assert!(
        h.query_by_label_contains("这是扫描件，正在识别文字")
            .is_some()
    );
    step_until(&mut h, "the imported report", |h| h.state().doc.is_some());
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.agency, "苍梧市云岭区交通运输局");
    let t = doc.report.template;
    let total = t.cell_id("t3", "r1", "total").expect("t3.r1.total");
    assert_eq!(doc.report.cell(total).text(), "87");
    assert_eq!(
        doc.report.origin(total).map(|p| p.from),
        Some(nianbao::model::Origin::Ocr)
    );
    // The review names the scan.
    assert!(
        h.query_by_label_contains("这是扫描件：4 页由文字识别（OCR）读出")
            .is_some()
    );
}

#[test]
fn a_scan_being_read_can_be_cancelled_and_nothing_opens() {
    let mut h = scan_dropped();
    step_until(&mut h, "the progress dialog", |h| {
        h.query_by_label_contains("正在导入").is_some()
    });
    h.get_by_label("取消").click();
    h.step();
    step_until(&mut h, "the cancel", |h| h.state().status() == "已取消导入");
    h.run();
    assert!(h.state().doc.is_none());
    assert!(h.query_by_label_contains("正在导入").is_none());
}
