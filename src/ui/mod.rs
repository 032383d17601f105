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
//! * [`batch`] — 批量检查: many reports checked on a background thread, in a table;
//! * [`software`] — the window painted on the CPU where there is no GPU driver.

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
pub mod software;
pub mod start;
pub mod status_bar;
pub mod table;
pub mod toolbar;
pub mod view;
pub mod years;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use action::{Action, Command};
pub use app::{Config, NianbaoApp, setup_context};

/// How the window is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Renderer {
    /// OpenGL 2 (glow): under software GL (llvmpipe, remote desktops, virtual machines) it
    /// reaches the first frame in about half the time wgpu takes.
    Glow,
    /// wgpu: Direct3D 12 on Windows 10/11, on Microsoft's WARP where there is no GPU driver.
    Wgpu,
    /// The CPU painter ([`software`]): GDI only, for Windows 7 PCs without OpenGL 2.
    Software,
}

/// The renderers to try in order: `NIANBAO_RENDERER=glow|wgpu|software` names the only one.
fn renderers() -> Vec<Renderer> {
    let all = if cfg!(target_os = "linux") {
        vec![Renderer::Glow]
    } else {
        vec![Renderer::Glow, Renderer::Wgpu, Renderer::Software]
    };
    let chosen = match std::env::var("NIANBAO_RENDERER").as_deref() {
        Ok("glow") => Some(Renderer::Glow),
        Ok("wgpu") if !cfg!(target_os = "linux") => Some(Renderer::Wgpu),
        Ok("software") if cfg!(any(windows, feature = "software-window")) => {
            Some(Renderer::Software)
        }
        _ => None,
    };
    chosen.map_or(all, |r| vec![r])
}

/// Opens the main window; `file` is a draft to open at once.
///
/// The renderers are tried in turn (OpenGL, then on Windows Direct3D 12 and the CPU), but
/// only while the window has not started: a renderer that failed after the app ran would
/// have shown the user a window already.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    // The system font list takes a few hundred milliseconds: read it in the background.
    crate::export::pdf::fonts::start_discovery();
    let started = Arc::new(AtomicBool::new(false));
    let mut failures = Vec::new();
    for renderer in renderers() {
        let result = match renderer {
            Renderer::Glow => run_with(eframe::Renderer::Glow, file.clone(), started.clone())
                .map_err(|e| e.to_string()),
            #[cfg(not(target_os = "linux"))]
            Renderer::Wgpu => run_with(eframe::Renderer::Wgpu, file.clone(), started.clone())
                .map_err(|e| e.to_string()),
            #[cfg(any(windows, feature = "software-window"))]
            Renderer::Software => run_software(file.clone()),
            #[allow(unreachable_patterns)]
            _ => Err("此版本不含该绘制方式".to_string()),
        };
        match result {
            Ok(()) => return Ok(()),
            Err(e) if !started.load(Ordering::Relaxed) => {
                eprintln!("无法用 {renderer:?} 绘制窗口（{e}），改用下一种方式");
                failures.push(format!("{renderer:?}：{e}"));
            }
            Err(e) => return Err(anyhow::anyhow!("图形界面出错：{e}")),
        }
    }
    Err(anyhow::anyhow!("无法打开图形界面：{}", failures.join("；")))
}

/// The main window's title, size and icon, whichever renderer draws it.
fn viewport() -> egui::ViewportBuilder {
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
    viewport
}

/// The app for a new window: the recent files from the settings, `file` opened.
fn new_app(storage: Option<&dyn eframe::Storage>, file: Option<PathBuf>) -> NianbaoApp {
    let recent = app::load_recent(storage);
    let mut app = NianbaoApp::new(Config::default(), recent, file);
    // Start-up timing: `NIANBAO_EXIT_AFTER_FIRST_FRAME=1 nianbao` under hyperfine.
    app.exit_after_first_frame = std::env::var_os("NIANBAO_EXIT_AFTER_FIRST_FRAME").is_some();
    app
}

#[cfg(any(windows, feature = "software-window"))]
fn run_software(file: Option<PathBuf>) -> Result<(), String> {
    let ctx = egui::Context::default();
    setup_context(&ctx);
    let storage = software::storage::FileStorage::from_app_id("nianbao");
    let app = new_app(Some(&storage), file);
    software::window::run(ctx, app, viewport(), storage)
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
    let options = eframe::NativeOptions {
        viewport: viewport(),
        renderer,
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            started.store(true, Ordering::Relaxed);
            setup_context(&cc.egui_ctx);
            Ok(Box::new(new_app(cc.storage, file)))
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
