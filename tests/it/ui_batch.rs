//! 批量检查 through the desktop UI: a folder of drafts, a published text, a broken draft, a
//! README and two years of one agency, checked on the background thread while frames are
//! stepped; sorting, filtering, cancelling, opening, the workbook and the sum.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{FIXTURES, drop_file, fill_path_field};
use calamine::{Reader, Xlsx, open_workbook};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nianbao::model::draft;
use nianbao::ui::{Config, NianbaoApp, setup_context};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn harness(app: NianbaoApp) -> Harness<'static, NianbaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.ui(ui), app)
}

fn app() -> NianbaoApp {
    let config = Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::ZERO,
    };
    NianbaoApp::new(config, vec![], None)
}

fn button<'a>(h: &'a Harness<'_, NianbaoApp>, name: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_role_and_label(Role::Button, name)
        .last()
        .unwrap_or_else(|| panic!("no button {name}"))
}

/// The folder: the five fixtures, 衡山县商务局's next year (its 上年结转 not matching
/// 2024's 结转下年度), a published plain text, a broken draft and a README.
fn folder(root: &Path) -> PathBuf {
    let dir = root.join("报告");
    std::fs::create_dir(&dir).unwrap();
    for f in FIXTURES {
        std::fs::copy(fixtures().join(f), dir.join(f)).unwrap();
    }
    let last = draft::load(&dir.join(FIXTURES[4])).unwrap();
    let mut next = nianbao::rollover::rollover(&last);
    next.previous = None;
    let t = next.template;
    next.edit_cell(t.cell_id("t3", "r2", "natural").unwrap(), "2");
    next.edit_cell(t.cell_id("t3", "r1", "natural").unwrap(), "3");
    draft::save(&next, &dir.join("衡山县商务局2025.ron")).unwrap();
    std::fs::copy(
        fixtures().join("published/001_4215243010f676eb.txt"),
        dir.join("瀍河2022.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("损坏.ron"), "这不是草稿 (((").unwrap();
    std::fs::write(dir.join("README.md"), "# 年报\n\n各单位 2022 年度报告。\n").unwrap();
    dir
}

/// Steps frames until the background run has ended.
fn wait_for_run(h: &mut Harness<'_, NianbaoApp>) {
    let start = Instant::now();
    while h.state().batch.is_running() {
        assert!(start.elapsed() < Duration::from_secs(60), "run never ended");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
}

/// Whether some node is labelled `label` (a file name shows in two columns).
fn has(h: &Harness<'_, NianbaoApp>, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

fn has_contains(h: &Harness<'_, NianbaoApp>, label: &str) -> bool {
    h.query_all_by_label_contains(label).next().is_some()
}

fn shown(h: &Harness<'_, NianbaoApp>) -> Vec<String> {
    h.state()
        .batch
        .shown_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// 批量检查 on a folder chosen through the path field; the run ends with every row.
fn check_folder(h: &mut Harness<'_, NianbaoApp>, dir: &Path) {
    button(h, "批量检查").click();
    h.run();
    button(h, "选择文件夹…").click();
    h.run();
    fill_path_field(h, "文件夹路径", &dir.display().to_string(), "打开");
    wait_for_run(h);
}

#[test]
fn a_folder_is_checked_in_the_background_sorted_filtered_and_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = folder(tmp.path());
    let before: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    let mut h = harness(app());
    h.run();
    check_folder(&mut h, &dir);

    // One row per file: five fixtures, 2025, the text, the broken draft and the README.
    assert_eq!(h.state().batch.entries().len(), 9);
    for agency in ["湘潭县商务局", "城步苗族自治县商务局", "瀍河回族区商务局"]
    {
        assert!(has(&h, agency), "{agency}");
    }
    assert!(has(
        &h,
        "共 9 个文件：7 份报告，1 个无法读取，跳过 1 个不是年报的文件"
    ));
    // The broken draft is a row with its error; the README is skipped with its reason.
    assert!(has(&h, "无法读取"));
    assert!(has_contains(&h, "损坏.ron"));
    let err = draft::load(&dir.join("损坏.ron")).unwrap_err().to_string();
    assert!(has(&h, &err), "{err}");
    assert!(has_contains(&h, "跳过：不是政府信息公开工作年度报告"));
    // The published text is read through the importer.
    assert!(has(&h, "文本"));

    // The cross-year check: 2025 is paired with 2024's file, and its S4 finding is listed
    // once the row is selected.
    // 2024's file name shows twice: its own row and 2025's 对照上年.
    assert_eq!(h.query_all_by_label(FIXTURES[4]).count(), 2);
    h.get_by_label("衡山县商务局2025.ron").click();
    h.run();
    assert!(
        has_contains(&h, "做跨年度核对"),
        "details of the selected row"
    );
    assert!(has_contains(&h, "S4"));
    // 历年数据: the agency's two years side by side, this row's year marked.
    let chart = h
        .query_all_by_label_contains("本年新收：2024年 ")
        .next()
        .map(|n| n.accesskit_node().label().unwrap_or_default().to_string())
        .expect("a chart of the agency's years");
    assert!(chart.contains("，2025年 "), "{chart}");

    // Sorting: by 年度 ascending puts 2019's report first, again reverses it.
    let unsorted = shown(&h);
    button(&h, "年度").click();
    h.run();
    let asc = shown(&h);
    assert_ne!(asc, unsorted);
    assert_eq!(asc[0], FIXTURES[3], "{asc:?}");
    button(&h, "年度 ↑").click();
    h.run();
    assert_eq!(shown(&h)[0], "衡山县商务局2025.ron");
    assert!(has(&h, "年度 ↓"));

    // The filter: by agency, then only rows with errors.
    h.get_by_label("筛选").click();
    h.run();
    h.get_by_label("筛选").type_text("衡山");
    h.run();
    let mut f = shown(&h);
    f.sort();
    assert_eq!(f, [FIXTURES[4], "衡山县商务局2025.ron"]);
    assert!(has(&h, "显示 2 / 9 行"));
    h.get_by_label("筛选").click();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(shown(&h).len(), 9);
    h.get_by_label("只看有错误的").click();
    h.run();
    let errs = shown(&h);
    assert!(errs.contains(&"损坏.ron".to_owned()), "{errs:?}");
    assert!(
        errs.contains(&"衡山县商务局2025.ron".to_owned()),
        "{errs:?}"
    );
    assert!(!errs.contains(&"README.md".to_owned()));
    assert!(!errs.contains(&FIXTURES[4].to_owned()), "2024 has no error");
    h.get_by_label("只看有错误的").click();
    h.run();

    // The workbook of every row shown (the README left out).
    let book = tmp.path().join("检查.xlsx");
    button(&h, "导出工作簿…").click();
    h.run();
    fill_path_field(&mut h, "文件路径", &book.display().to_string(), "保存");
    h.run();
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(wb.worksheet_range("汇总").unwrap().height(), 1 + 8);

    // 打开: the draft opens in the editor and the view gives way to it. Sorted by file,
    // 2024's own row comes before 2025's, which names it under 对照上年.
    button(&h, "来源文件").click();
    h.run();
    h.get_all_by_label(FIXTURES[4]).next().unwrap().click();
    h.run();
    button(&h, "打开").click();
    h.run();
    let app = h.state();
    assert!(!app.batch.visible);
    let doc = app.doc.as_ref().expect("opened");
    assert_eq!(doc.report.agency, "衡山县商务局");
    assert_eq!(doc.path.as_deref(), Some(dir.join(FIXTURES[4]).as_path()));

    // Back to the rows (kept), a published report opens as a new unsaved draft, after
    // asking about the unsaved change made meanwhile.
    h.state_mut().doc.as_mut().unwrap().report.agency = "改过".into();
    h.state_mut()
        .doc
        .as_mut()
        .unwrap()
        .commit(nianbao::ui::doc::EditGroup::Field("agency"));
    button(&h, "批量检查").click();
    h.run();
    assert_eq!(h.state().batch.entries().len(), 9);
    h.get_by_label("瀍河2022.txt").click();
    h.run();
    // Its import notes are listed with its findings.
    let bytes = std::fs::read(dir.join("瀍河2022.txt")).unwrap();
    let notes = nianbao::import::import_bytes(&bytes).unwrap().notes;
    assert!(!notes.is_empty());
    assert!(has(&h, &notes[0].to_string()), "{}", notes[0]);
    button(&h, "打开").click();
    h.run();
    assert!(has(&h, "不保存"), "unsaved changes asked about");
    button(&h, "不保存").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.report.agency, "瀍河回族区商务局");
    assert!(doc.path.is_none() && doc.is_dirty());

    // The files were only read.
    let after: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn the_sum_of_the_selected_rows_opens_as_a_new_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = folder(tmp.path());
    let mut h = harness(app());
    h.run();
    check_folder(&mut h, &dir);
    // Ctrl-click selects two rows of the 2021 format.
    h.get_all_by_label(FIXTURES[4]).next().unwrap().click();
    h.run();
    h.get_by_label("衡山县商务局2025.ron")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    h.get_by_label("所选 2 行").click();
    h.run();
    button(&h, "生成合计…").click();
    h.run();
    h.get_by_label("合计报告的发布机关（标题）").click();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("合计报告的发布机关（标题）")
        .type_text("衡山县合计");
    h.run();
    button(&h, "生成").click();
    h.run();
    let doc = h.state().doc.as_ref().expect("the sum is opened");
    assert_eq!(doc.report.agency, "衡山县合计");
    assert!(doc.path.is_none() && doc.is_dirty());
    let t = doc.report.template;
    // 本年新收·自然人: 004 prints only totals (empty) + 3 typed into 2025.
    let natural = t.cell_id("t3", "r1", "natural").unwrap();
    assert_eq!(doc.report.cell(natural).int(), Some(3));
    assert!(
        doc.report.header_text.contains("2份"),
        "{}",
        doc.report.header_text
    );
}

#[test]
fn a_run_is_cancelled_and_keeps_the_files_read_so_far() {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixtures().join(FIXTURES[0]);
    for i in 0..1500 {
        std::fs::copy(&src, tmp.path().join(format!("{i:04}.ron"))).unwrap();
    }
    let mut h = harness(app());
    h.run();
    // From the start screen this time.
    button(&h, "批量检查…").click();
    h.run();
    button(&h, "选择文件夹…").click();
    h.run();
    fill_path_field(
        &mut h,
        "文件夹路径",
        &tmp.path().display().to_string(),
        "打开",
    );
    assert!(h.state().batch.is_running());
    h.step();
    button(&h, "取消").click();
    wait_for_run(&mut h);
    let n = h.state().batch.entries().len();
    assert!(n < 1500, "{n} files read");
    assert!(has_contains(
        &h,
        &format!("已取消：读取了 {n} / 1500 个文件")
    ));
}

#[test]
fn a_thousand_rows_lay_out_only_those_in_view() {
    let tmp = tempfile::tempdir().unwrap();
    for f in FIXTURES {
        std::fs::copy(fixtures().join(f), tmp.path().join(f)).unwrap();
    }
    let five = nianbao::check::run(&[tmp.path().to_path_buf()], None);
    let entries: Vec<_> = (0..1000)
        .map(|i| {
            let mut e = five[i % 5].clone();
            e.path = tmp.path().join(format!("{i:04}.ron"));
            e
        })
        .collect();
    let mut app = app();
    app.batch
        .show_entries(vec![tmp.path().to_path_buf()], entries);
    let mut h = harness(app);
    h.run();
    assert!(has(&h, "显示 1000 / 1000 行"));
    assert!(has(&h, "0000.ron"));
    let drawn = h.query_all_by_label_contains(".ron").count();
    // A 1000-pixel window holds a few dozen rows; the rest are not laid out at all.
    assert!((10..100).contains(&drawn), "{drawn} rows drawn");
    assert!(!has(&h, "0999.ron"));
    // Sorted by file name descending, the last file comes to the top.
    button(&h, "来源文件").click();
    h.run();
    button(&h, "来源文件 ↑").click();
    h.run();
    assert!(has(&h, "0999.ron"));
    assert!(!has(&h, "0000.ron"));
}

#[test]
fn files_and_folders_dropped_on_the_view_are_checked_not_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = folder(tmp.path());
    let single = tmp.path().join("单独.ron");
    std::fs::copy(fixtures().join(FIXTURES[0]), &single).unwrap();
    let mut h = harness(app());
    h.run();
    button(&h, "批量检查").click();
    h.run();
    for p in [single.clone(), dir.clone()] {
        drop_file(&mut h, &p);
    }
    h.step();
    wait_for_run(&mut h);
    let app = h.state();
    assert!(app.doc.is_none(), "nothing is opened");
    assert_eq!(app.batch.sources(), [single, dir]);
    // The dropped file and the folder's nine.
    assert_eq!(app.batch.entries().len(), 10);
    assert!(has(&h, "单独.ron"));
}

#[test]
fn a_double_click_opens_the_row() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = folder(tmp.path());
    let mut h = harness(app());
    h.run();
    check_folder(&mut h, &dir);
    // Two clicks 0.1 s apart by the input's own clock (the test's frames take longer).
    let mut t = 1000.0;
    for _ in 0..2 {
        h.input_mut().time = Some(t);
        h.get_by_label(FIXTURES[3]).click();
        h.step();
        t += 0.1;
    }
    h.input_mut().time = None;
    h.run();
    let app = h.state();
    assert!(!app.batch.visible);
    let doc = app.doc.as_ref().expect("opened by the double click");
    assert_eq!(doc.report.agency, "城步苗族自治县商务局");
}
