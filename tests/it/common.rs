//! Reports built for tests.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao::model::Report;
use nianbao::template::layout::{GridContent, grid};
use nianbao::template::{self, CellId, Template};

/// The five drafts of published reports in `tests/fixtures`.
pub const FIXTURES: [&str; 5] = [
    "000_1b930464a9b6bad7.ron",
    "001_4215243010f676eb.ron",
    "002_8c1ae9a60ab0aad1.ron",
    "003_73a49c1d9e8bef42.ron",
    "004_07a7ed9f35648903.ron",
];

pub fn t21() -> &'static Template {
    template::get("gov-info-annual-2021").unwrap()
}

pub fn t19() -> &'static Template {
    template::get("gov-info-annual-2019").unwrap()
}

pub fn id(t: &Template, table: &str, row: &str, col: &str) -> CellId {
    t.cell_id(table, row, col)
        .unwrap_or_else(|| panic!("{table}/{row}/{col}"))
}

/// Input cells of table 三 that are not derived, by (row id, column id).
pub fn t3_inputs(r: &Report) -> Vec<(String, String)> {
    let t = r.template;
    t.table_cells(t.table_index("t3").unwrap())
        .filter(|c| !r.is_derived(*c))
        .map(|c| {
            let (_, row, col) = t.cell_ids(c);
            (row.to_string(), col.to_string())
        })
        .collect()
}

/// A full report with distinct multi-digit values in every cell that satisfies every hard
/// rule (the library's sample report).
pub fn balanced(t: &'static Template, year: i32) -> Report {
    nianbao::model::sample::filled(t, year)
}

/// The full name of a test in this binary, for running it alone in a child process with
/// `--exact`: `module_path` is the caller's `module_path!()` ("it::drafts").
pub fn exact_test_name(module_path: &str, test: &str) -> String {
    let module = module_path.split_once("::").map_or(module_path, |(_, m)| m);
    format!("{module}::{test}")
}

/// Cell texts by top-left grid position, with their (text, rowspan, colspan).
pub type Placed = HashMap<(usize, usize), (String, usize, usize)>;

/// What an exported table `ti` of `r` must hold: the template grid's labels and the
/// report's values, each at its top-left grid position with its spans.
pub fn expected_grid(r: &Report, ti: usize) -> Placed {
    grid(r.template, ti)
        .cells
        .iter()
        .map(|c| {
            let s = match &c.content {
                GridContent::Title(s) | GridContent::Corner(s) | GridContent::ColumnHeader(s) => {
                    s.clone()
                }
                GridContent::RowHeader { text, .. } => text.clone(),
                GridContent::Data(id) => r.cell(*id).text().trim().to_string(),
            };
            ((c.row, c.col), (s, c.rowspan, c.colspan))
        })
        .collect()
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Puts `path` among the files dropped on the window; the next frame sees it.
pub fn drop_file<S>(h: &mut egui_kittest::Harness<'_, S>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
}

/// Types `path` into the app's own path dialog (tests run without native dialogs),
/// replacing what it suggests, and presses `confirm`.
pub fn fill_path_dialog(
    h: &mut egui_kittest::Harness<'_, nianbao::ui::NianbaoApp>,
    path: &Path,
    confirm: &str,
) {
    fill_path_field(h, "文件路径", &path.display().to_string(), confirm);
    h.run();
}

/// Replaces the text of the path field `label` with `text` and presses `confirm`; one
/// frame follows, so work the button starts in the background is still running.
pub fn fill_path_field(
    h: &mut egui_kittest::Harness<'_, nianbao::ui::NianbaoApp>,
    label: &str,
    text: &str,
    confirm: &str,
) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
    // The dialog's button is the last one of that name (the toolbar may have one too).
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, confirm)
        .last()
        .unwrap_or_else(|| panic!("no button {confirm}"))
        .click();
    h.step();
}

/// The application in a test harness as the window runs it (fonts, style), tall enough to
/// lay out the whole report, without native dialogs or recovery copies.
pub fn app_harness(
    app: nianbao::ui::NianbaoApp,
) -> egui_kittest::Harness<'static, nianbao::ui::NianbaoApp> {
    egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 4000.0))
        .with_max_steps(12)
        .with_context_setup(nianbao::ui::setup_context)
        .build_ui_state(|ui, app: &mut nianbao::ui::NianbaoApp| app.ui(ui), app)
}

/// A window with no file open, as tests drive it.
pub fn bare_app() -> nianbao::ui::NianbaoApp {
    nianbao::ui::NianbaoApp::new(
        nianbao::ui::Config {
            native_dialogs: false,
            recovery_dir: None,
            autosave_delay: std::time::Duration::ZERO,
        },
        vec![],
        None,
    )
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs the `nianbao` binary in `dir`, as a user would from a terminal.
pub fn nianbao(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run nianbao")
}
