//! The desktop application (eframe/egui).
//!
//! Each view is a function drawing into a `Ui`, so the app, its tests (egui_kittest) and
//! benchmarks run the same code:
//!
//! * [`app`] — the window: top bar, panels, dialogs, files, undo, autosave;
//! * [`report`] — the report form (header fields and the six sections);
//! * [`table`] — a table drawn from its printed grid, with spreadsheet-like editing;
//! * [`nav`] / [`diagnostics`] — the section list and the validation results;
//! * [`doc`] — the open document with its undo history and cached diagnostics;
//! * [`import`] — the dialog that imports a published report, and its review.

pub mod app;
pub mod date;
pub mod diagnostics;
pub mod doc;
pub mod files;
pub mod fonts;
pub mod import;
pub mod nav;
pub mod report;
pub mod table;
pub mod view;

use std::path::PathBuf;

pub use app::{Action, Config, NianbaoApp, setup_context};

/// Opens the main window; `file` is a draft to open at once.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    // The system font list takes a few hundred milliseconds: read it in the background.
    crate::export::pdf::fonts::start_discovery();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("政府信息公开工作年度报告")
            .with_app_id("nianbao")
            .with_inner_size([1280.0, 860.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            setup_context(&cc.egui_ctx);
            let recent = app::load_recent(cc.storage);
            let mut app = NianbaoApp::new(Config::default(), recent, file);
            // Start-up timing: `NIANBAO_EXIT_AFTER_FIRST_FRAME=1 nianbao` under hyperfine.
            app.exit_after_first_frame =
                std::env::var_os("NIANBAO_EXIT_AFTER_FIRST_FRAME").is_some();
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("无法打开图形界面：{e}"))
}
