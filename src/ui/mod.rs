//! The desktop application (eframe/egui).
//!
//! Each view is a function drawing into a `Ui`, so the app, its tests (egui_kittest) and
//! benchmarks run the same code:
//!
//! * [`app`] — the window: its panels, and the routing of commands and dialog answers to
//!   files, undo and autosave;
//! * [`action`] — what a view asks the window to do;
//! * [`toolbar`] / [`start`] / [`status_bar`] — the top bar and its shortcuts, the start
//!   screen, the status bar;
//! * [`dialogs`] — the modal dialogs, one file each;
//! * [`files`] — native file dialogs, the crash-recovery copy, exports;
//! * [`pdf_fonts`] — the choice of PDF faces;
//! * [`report`] — the report form (header fields and the six sections);
//! * [`table`] — a table drawn from its printed grid, with spreadsheet-like editing;
//! * [`nav`] / [`diagnostics`] — the section list and the validation results;
//! * [`doc`] — the open document with its undo history and cached diagnostics;
//! * [`import`] — the dialog that imports a published report, and its review.

pub mod action;
pub mod app;
pub mod date;
pub mod diagnostics;
pub mod dialogs;
pub mod doc;
pub mod files;
pub mod fonts;
pub mod import;
pub mod nav;
pub mod pdf_fonts;
pub mod report;
pub mod start;
pub mod status_bar;
pub mod table;
pub mod toolbar;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use action::{Action, Command};
pub use app::{Config, NianbaoApp, setup_context};

/// Opens the main window; `file` is a draft to open at once.
///
/// The window is drawn with OpenGL (glow): under software GL (llvmpipe, remote desktops,
/// virtual machines) it reaches the first frame in about half the time wgpu takes. If no
/// OpenGL context can be made, wgpu is tried. `NIANBAO_RENDERER=wgpu` forces wgpu.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    // The system font list takes a few hundred milliseconds: read it in the background.
    crate::export::pdf::fonts::start_discovery();
    let want_wgpu = std::env::var("NIANBAO_RENDERER").is_ok_and(|r| r == "wgpu");
    let first = if want_wgpu {
        eframe::Renderer::Wgpu
    } else {
        eframe::Renderer::Glow
    };
    let started = Arc::new(AtomicBool::new(false));
    let result = run_with(first, file.clone(), started.clone());
    match result {
        // Only a failure to set up the window is worth another renderer.
        Err(e) if first == eframe::Renderer::Glow && !started.load(Ordering::Relaxed) => {
            eprintln!("OpenGL 不可用（{e}），改用 wgpu");
            run_with(eframe::Renderer::Wgpu, file, started)
        }
        r => r,
    }
    .map_err(|e| anyhow::anyhow!("无法打开图形界面：{e}"))
}

fn run_with(
    renderer: eframe::Renderer,
    file: Option<PathBuf>,
    started: Arc<AtomicBool>,
) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("政府信息公开工作年度报告")
            .with_app_id("nianbao")
            .with_inner_size([1280.0, 860.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        renderer,
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            started.store(true, Ordering::Relaxed);
            setup_context(&cc.egui_ctx);
            let recent = app::load_recent(cc.storage);
            let mut app = NianbaoApp::new(Config::default(), recent, file);
            // Start-up timing: `NIANBAO_EXIT_AFTER_FIRST_FRAME=1 nianbao` under hyperfine.
            app.exit_after_first_frame =
                std::env::var_os("NIANBAO_EXIT_AFTER_FIRST_FRAME").is_some();
            Ok(Box::new(app))
        }),
    )
}
