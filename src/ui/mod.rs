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
//! * [`pdf_fonts`] — the choice of PDF faces and page numbers;
//! * [`preview`] — 打印预览, the PDF's pages painted from its layout;
//! * [`report`] — the report form (header fields and the six sections);
//! * [`table`] — a table drawn from its printed grid, with spreadsheet-like editing;
//! * [`nav`] / [`diagnostics`] — the section list and the validation results;
//! * [`review_form`] — the reason asked for when a warning is marked 已核实;
//! * [`doc`] — the open document with its undo history and cached diagnostics;
//! * [`import`] — the dialog that imports a published report, and its review;
//! * [`batch`] — 批量检查: many reports checked on a background thread, in a table.

pub mod action;
pub mod app;
pub mod batch;
pub mod date;
pub mod diagnostics;
pub mod dialogs;
pub mod doc;
pub mod files;
pub mod fonts;
pub mod import;
pub mod nav;
pub mod pdf_fonts;
pub mod preview;
pub mod report;
pub mod review_form;
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
/// virtual machines) it reaches the first frame in about half the time wgpu takes. On
/// Windows and macOS, if no OpenGL context can be made, wgpu is tried
/// (`NIANBAO_RENDERER=wgpu` forces it); Linux builds have OpenGL only (Mesa is always there).
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    // The system font list takes a few hundred milliseconds: read it in the background.
    crate::export::pdf::fonts::start_discovery();
    let started = Arc::new(AtomicBool::new(false));
    #[cfg(target_os = "linux")]
    let result = run_with(eframe::Renderer::Glow, file, started);
    #[cfg(not(target_os = "linux"))]
    let result = {
        let want_wgpu = std::env::var("NIANBAO_RENDERER").is_ok_and(|r| r == "wgpu");
        let first = if want_wgpu {
            eframe::Renderer::Wgpu
        } else {
            eframe::Renderer::Glow
        };
        match run_with(first, file.clone(), started.clone()) {
            // Only a failure to set up the window is worth another renderer.
            Err(e) if first == eframe::Renderer::Glow && !started.load(Ordering::Relaxed) => {
                eprintln!("OpenGL 不可用（{e}），改用 wgpu");
                run_with(eframe::Renderer::Wgpu, file, started)
            }
            r => r,
        }
    };
    result.map_err(|e| anyhow::anyhow!("无法打开图形界面：{e}"))
}

/// The application icon (a red-header document reading 年报), as desktops show it in the
/// title bar and task bar; the same picture the package installs for the menu entry.
static ICON_PNG: &[u8] = include_bytes!("../../assets/icons/nianbao-128.png");

/// The window icon, decoded from the embedded PNG.
pub fn window_icon() -> Result<egui::IconData, String> {
    eframe::icon_data::from_png_bytes(ICON_PNG).map_err(|e| e.to_string())
}

fn run_with(
    renderer: eframe::Renderer,
    file: Option<PathBuf>,
    started: Arc<AtomicBool>,
) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("政府信息公开工作年度报告")
        // Matches the desktop entry's StartupWMClass, so docks group the window with it.
        .with_app_id("nianbao")
        .with_inner_size([1280.0, 860.0])
        .with_min_inner_size([900.0, 600.0])
        .with_drag_and_drop(true);
    match window_icon() {
        Ok(icon) => viewport = viewport.with_icon(Arc::new(icon)),
        // Only the picture is missing: the window works without it.
        Err(e) => eprintln!("无法读取程序图标：{e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_decodes_to_a_red_header_document() {
        let icon = super::window_icon().unwrap();
        assert_eq!((icon.width, icon.height), (128, 128));
        assert_eq!(icon.rgba.len(), 128 * 128 * 4);
        let px = |x: usize, y: usize| {
            let i = (y * 128 + x) * 4;
            [
                icon.rgba[i],
                icon.rgba[i + 1],
                icon.rgba[i + 2],
                icon.rgba[i + 3],
            ]
        };
        // Transparent corner outside the page, so desktops draw it on any background.
        assert_eq!(px(0, 0)[3], 0);
        // The red rule under the header (y 112..120 of 256 → 56..60 here) at the centre.
        let [r, g, b, a] = px(64, 58);
        assert!(a > 200 && r > 150 && g < 60 && b < 60, "{:?}", [r, g, b, a]);
        // White paper between the lines of text.
        let [r, g, b, _] = px(64, 77);
        assert!(r > 220 && g > 220 && b > 220, "{:?}", [r, g, b]);
    }
}
