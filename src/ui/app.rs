//! The application: top bar, navigation, report form, diagnostics, dialogs and file safety.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui, ViewportCommand};

use super::diagnostics::diagnostics_ui;
use super::doc::Doc;
use super::files::{self, DialogJob, Found, Purpose, Recovery};
use super::import::{FormAnswer, ImportForm};
use super::nav::nav_ui;
use super::no_date::{Choice as NoDateChoice, NoDate};
use super::report::report_ui;
use super::view::ViewState;
use crate::model::{Report, draft};
use crate::template;

/// A native dialog that answers "nothing" faster than this never appeared.
const DIALOG_MISSING: Duration = Duration::from_millis(400);
const RECENT_KEY: &str = "nianbao.recent";
const RECENT_MAX: usize = 10;

/// Application settings that differ between the desktop and tests.
#[derive(Debug, Clone)]
pub struct Config {
    /// Use the system file dialogs (otherwise a path field is shown).
    pub native_dialogs: bool,
    /// Folder of the crash-recovery copy; `None` disables it.
    pub recovery_dir: Option<PathBuf>,
    /// Quiet time after the last edit before the recovery copy is written.
    pub autosave_delay: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            native_dialogs: true,
            recovery_dir: eframe::storage_dir("nianbao").map(|d| d.join("recovery")),
            autosave_delay: Duration::from_secs(2),
        }
    }
}

/// Actions that replace or close the document, so they first ask about unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    New,
    Open,
    OpenPath(PathBuf),
    Rollover,
    /// Import a published report (file or pasted text).
    Import,
    ImportPath(PathBuf),
    Close,
}

struct NewForm {
    agency: String,
    year: i32,
    template: &'static str,
}

struct PathForm {
    purpose: Purpose,
    text: String,
    hint: Option<String>,
}

/// What a dialog button does once the dialog is closed.
type Then = Box<dyn FnOnce(&mut NianbaoApp)>;

enum Modal {
    Guard(Action),
    Error(String),
    New(NewForm),
    Path(PathForm),
    RolloverReview(Vec<String>),
    Import(ImportForm),
    ImportReview {
        summary: String,
        notes: Vec<crate::import::Note>,
        errors: usize,
    },
    /// The report fails a hard rule: export or print it as a watermarked draft?
    ConfirmDraft {
        print: bool,
        errors: usize,
    },
    /// The report has no 成文日期: pick one before exporting or printing?
    NoDate(NoDate),
    Recovery(Box<Found>),
}

pub struct NianbaoApp {
    pub doc: Option<Doc>,
    pub vs: ViewState,
    config: Config,
    modal: Option<Modal>,
    dialog: Option<DialogJob>,
    recovery: Option<Recovery>,
    autosaved_version: u64,
    /// When the first edit not yet in the recovery copy was seen.
    unsaved_since: Option<Instant>,
    recovery_written: bool,
    pub recent: Vec<PathBuf>,
    allow_close: bool,
    title: String,
    status: String,
    /// Time spent building the last frame.
    pub frame_time: Duration,
    /// File named on the command line while a recovery copy was offered.
    open_after_recovery: Option<PathBuf>,
    /// Close once the first frame is drawn (start-up timing from outside).
    pub exit_after_first_frame: bool,
    /// The user's PDF faces for title, body and headings; `None` = automatic.
    pdf_fonts: [Option<crate::export::pdf::fonts::Candidate>; 3],
}

/// Fonts and text sizes; call once on the context before the first frame.
pub fn setup_context(ctx: &egui::Context) {
    super::fonts::install(ctx);
    // A form that mirrors a printed page reads best light; the user can still switch.
    ctx.set_theme(egui::ThemePreference::Light);
    ctx.all_styles_mut(|s| {
        use egui::{FontId, TextStyle};
        s.text_styles
            .insert(TextStyle::Body, FontId::proportional(15.0));
        s.text_styles
            .insert(TextStyle::Button, FontId::proportional(15.0));
        s.text_styles
            .insert(TextStyle::Heading, FontId::proportional(21.0));
        s.text_styles
            .insert(TextStyle::Small, FontId::proportional(12.0));
        s.text_styles
            .insert(TextStyle::Monospace, FontId::monospace(14.0));
        s.spacing.item_spacing = egui::vec2(8.0, 6.0);
        s.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}

impl NianbaoApp {
    /// The app; `file` is opened at once (a command-line argument).
    pub fn new(config: Config, recent: Vec<PathBuf>, file: Option<PathBuf>) -> NianbaoApp {
        let recovery = config.recovery_dir.clone().map(Recovery::new);
        let mut app = NianbaoApp {
            doc: None,
            vs: ViewState::default(),
            config,
            modal: None,
            dialog: None,
            recovery,
            autosaved_version: 0,
            unsaved_since: None,
            recovery_written: false,
            recent,
            allow_close: false,
            title: String::new(),
            status: String::new(),
            frame_time: Duration::ZERO,
            exit_after_first_frame: false,
            pdf_fonts: Default::default(),
            open_after_recovery: None,
        };
        match app.recovery.as_ref().and_then(Recovery::find) {
            Some(Ok(found)) => app.modal = Some(Modal::Recovery(Box::new(found))),
            Some(Err(e)) => {
                app.modal = Some(Modal::Error(format!("上次留下的恢复副本无法读取：{e}")))
            }
            None => {}
        }
        if let Some(f) = file {
            if app.modal.is_some() {
                // Offer the recovery first; the file opens if the copy is discarded and
                // stays reachable from 最近打开 otherwise.
                app.add_recent(f.clone());
                app.open_after_recovery = Some(f);
            } else {
                app.open_any(f);
            }
        }
        app
    }

    /// Opens a draft, or imports a published report's text (`.txt`, e.g. opened with
    /// nianbao from a file manager).
    fn open_any(&mut self, f: PathBuf) {
        if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            self.import_file(f);
        } else {
            self.open_file(f);
        }
    }

    /// Opens a report directly (tests, benchmarks).
    pub fn with_report(mut self, report: Report, path: Option<PathBuf>) -> NianbaoApp {
        self.set_doc(Doc::new(report, path, true));
        self
    }

    /// Whether a modal dialog with this title text is open (for tests and the title bar).
    pub fn modal_open(&self) -> bool {
        self.modal.is_some()
    }

    /// Whether the window may close now.
    pub fn close_allowed(&self) -> bool {
        self.allow_close
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    /// One frame of the whole application.
    pub fn ui(&mut self, ui: &mut Ui) {
        let start = Instant::now();
        let ctx = ui.ctx().clone();
        if self.modal.is_none() && self.dialog.is_none() {
            self.shortcuts(ui);
            self.dropped_files(ui);
        }
        self.close_request(ui);
        self.poll_dialog(&ctx);

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if let Some(doc) = &mut self.doc {
            doc.refresh();
            egui::Panel::bottom("diagnostics")
                .resizable(true)
                .default_size(170.0)
                .size_range(80.0..=500.0)
                .show(ui, |ui| diagnostics_ui(ui, doc, &mut self.vs));
            egui::Panel::left("nav")
                .resizable(true)
                .default_size(220.0)
                .size_range(160.0..=360.0)
                .show(ui, |ui| nav_ui(ui, doc, &mut self.vs));
            egui::CentralPanel::default().show(ui, |ui| report_ui(ui, doc, &mut self.vs));
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.start_screen(ui));
        }
        self.modals(&ctx);
        if let Some(doc) = &mut self.doc
            && std::mem::take(&mut doc.changed)
        {
            // Panels drawn before the edit show last frame's diagnostics: one more frame.
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        self.autosave(&ctx);
        self.frame_time = start.elapsed();
    }

    // ----- input -------------------------------------------------------------------------

    fn shortcuts(&mut self, ui: &mut Ui) {
        let cmd = Modifiers::COMMAND;
        let sc = |m, k| KeyboardShortcut::new(m, k);
        let hit = ui.input_mut(|i| {
            // Most specific first: Ctrl+Shift+S also matches Ctrl+S.
            [
                (sc(cmd | Modifiers::SHIFT, Key::S), 0),
                (sc(cmd, Key::S), 1),
                (sc(cmd, Key::N), 2),
                (sc(cmd, Key::O), 3),
                (sc(cmd, Key::P), 4),
                (sc(cmd | Modifiers::SHIFT, Key::Z), 5),
                (sc(cmd, Key::Z), 6),
                (sc(cmd, Key::Y), 5),
            ]
            .into_iter()
            .find(|(s, _)| i.consume_shortcut(s))
            .map(|(_, n)| n)
        });
        let ctx = ui.ctx().clone();
        match hit {
            Some(0) => self.save_as(&ctx, None),
            Some(1) => self.save(&ctx),
            Some(2) => self.request(&ctx, Action::New),
            Some(3) => self.request(&ctx, Action::Open),
            Some(4) => self.pdf_or_print(&ctx, true, false),
            Some(5) => self.redo(),
            Some(6) => self.undo(),
            _ => {}
        }
    }

    fn dropped_files(&mut self, ui: &Ui) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(p) = dropped.into_iter().find(|p| !p.as_os_str().is_empty()) {
            let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
            if ext.as_deref() == Some("ron") {
                self.request(ui.ctx(), Action::OpenPath(p));
            } else if ext.as_deref() == Some("txt") {
                self.request(ui.ctx(), Action::ImportPath(p));
            } else {
                self.modal = Some(Modal::Error(format!(
                    "“{}”不是年报草稿（.ron）或年报文本（.txt），无法打开。",
                    p.display()
                )));
            }
        }
    }

    fn close_request(&mut self, ui: &Ui) {
        if !ui.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        if self.doc.as_ref().is_some_and(Doc::is_dirty) {
            ui.ctx().send_viewport_cmd(ViewportCommand::CancelClose);
            if !matches!(self.modal, Some(Modal::Guard(Action::Close))) {
                self.modal = Some(Modal::Guard(Action::Close));
            }
        } else {
            self.allow_close = true;
        }
    }

    fn undo(&mut self) {
        if let Some(d) = &mut self.doc
            && d.undo()
        {
            self.status = "已撤销".into();
        }
    }

    fn redo(&mut self) {
        if let Some(d) = &mut self.doc
            && d.redo()
        {
            self.status = "已重做".into();
        }
    }

    // ----- actions -----------------------------------------------------------------------

    /// Runs `a`, first asking 保存 / 不保存 / 取消 if the document has unsaved changes.
    pub fn request(&mut self, ctx: &egui::Context, a: Action) {
        if self.doc.as_ref().is_some_and(Doc::is_dirty) {
            self.modal = Some(Modal::Guard(a));
        } else {
            self.run(ctx, a);
        }
    }

    fn run(&mut self, ctx: &egui::Context, a: Action) {
        match a {
            Action::New => {
                let year = chrono::Datelike::year(&chrono::Local::now()) - 1;
                self.modal = Some(Modal::New(NewForm {
                    agency: self
                        .doc
                        .as_ref()
                        .map(|d| d.report.agency.clone())
                        .unwrap_or_default(),
                    year,
                    template: &template::for_year(year).id,
                }));
            }
            Action::Open => self.pick(ctx, Purpose::Open),
            Action::OpenPath(p) => self.open_any(p),
            Action::Rollover => self.pick(ctx, Purpose::Rollover),
            Action::Import => self.modal = Some(Modal::Import(ImportForm::default())),
            Action::ImportPath(p) => self.import_file(p),
            Action::Close => {
                self.allow_close = true;
                if let Some(r) = &self.recovery {
                    r.clear();
                }
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn set_doc(&mut self, doc: Doc) {
        self.doc = Some(doc);
        self.vs = ViewState::default();
        // The previous document was saved or knowingly discarded.
        if let Some(r) = &self.recovery
            && self.recovery_written
        {
            r.clear();
        }
        self.recovery_written = false;
        self.autosaved_version = 0;
        self.unsaved_since = None;
    }

    fn add_recent(&mut self, p: PathBuf) {
        let p = std::fs::canonicalize(&p).unwrap_or(p);
        self.recent.retain(|q| q != &p);
        self.recent.insert(0, p);
        self.recent.truncate(RECENT_MAX);
    }

    pub fn open_file(&mut self, p: PathBuf) {
        match draft::load(&p) {
            Ok(r) => {
                self.status = format!("已打开 {}", p.display());
                self.add_recent(p.clone());
                self.set_doc(Doc::new(r, Some(p), true));
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    fn rollover_from(&mut self, p: PathBuf) {
        match draft::load(&p) {
            Ok(last) => {
                let r = crate::rollover::rollover(&last);
                let doc = Doc::new(r, None, false);
                let review: Vec<String> = doc
                    .diags
                    .iter()
                    .filter(|d| d.rule == "S14" || d.rule == "S4")
                    .map(|d| d.message.clone())
                    .collect();
                self.status = format!(
                    "已由 {} 年度报告生成 {} 年度报告（{}）",
                    last.year, doc.report.year, doc.report.template.name
                );
                self.set_doc(doc);
                self.modal = Some(Modal::RolloverReview(review));
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    /// Imports a published report's text file; errors reopen the import dialog.
    pub fn import_file(&mut self, p: PathBuf) {
        let result = match std::fs::metadata(&p) {
            Ok(m) if m.len() > crate::import::MAX_BYTES as u64 => Err(
                crate::import::ImportError::TooLarge((m.len() / (1024 * 1024)) as usize)
                    .to_string(),
            ),
            Ok(_) => std::fs::read(&p)
                .map_err(|e| draft::io_reason(&e))
                .and_then(|b| crate::import::import_bytes(&b).map_err(|e| e.to_string())),
            Err(e) => Err(draft::io_reason(&e)),
        };
        match result {
            Ok(imported) => self.imported(imported),
            Err(e) => {
                self.modal = Some(Modal::Import(ImportForm {
                    text: String::new(),
                    error: Some(format!("{}：{e}", p.display())),
                }))
            }
        }
    }

    /// Opens an imported report as a new, unsaved document and shows what was noticed.
    fn imported(&mut self, imported: crate::import::Imported) {
        let doc = Doc::new(imported.report, None, false);
        let r = &doc.report;
        let summary = format!(
            "{}{}年度报告，{}。",
            if r.agency.is_empty() {
                "（机关名称未识别）"
            } else {
                &r.agency
            },
            r.year,
            r.template.name
        );
        let errors = doc.diags.iter().filter(|d| d.is_error()).count();
        self.status = format!("已导入{}", summary.trim_end_matches('。'));
        self.set_doc(doc);
        self.modal = Some(Modal::ImportReview {
            summary,
            notes: imported.notes,
            errors,
        });
    }

    pub fn save(&mut self, ctx: &egui::Context) {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(p) => {
                self.save_to(p);
            }
            None if self.doc.is_some() => self.save_as(ctx, None),
            None => {}
        }
    }

    fn save_as(&mut self, ctx: &egui::Context, then: Option<Action>) {
        if self.doc.is_some() {
            self.pick(ctx, Purpose::SaveAs(then));
        }
    }

    /// Saves to `p`; on failure the reason is shown and the document stays unsaved.
    fn save_to(&mut self, p: PathBuf) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match draft::save(&doc.report, &p) {
            Ok(()) => {
                doc.mark_saved(p.clone());
                self.status = format!("已保存到 {}", p.display());
                self.add_recent(p);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error(e.to_string()));
                false
            }
        }
    }

    fn export_pdf_now(&mut self, ctx: &egui::Context) {
        let opts = match self.pdf_options() {
            Ok(o) => o,
            Err(e) => {
                self.modal = Some(Modal::Error(format!("{e:#}")));
                return;
            }
        };
        match self
            .doc
            .as_ref()
            .map(|d| files::export_pdf(&d.report, &opts))
        {
            // Ask for a path only once a PDF can be made.
            Some(Ok(_)) => self.pick(ctx, Purpose::ExportPdf),
            Some(Err(e)) => self.modal = Some(Modal::Error(format!("{e:#}"))),
            None => {}
        }
    }

    /// Hard errors of the open report.
    fn error_count(&self) -> usize {
        self.doc
            .as_ref()
            .map_or(0, |d| d.diags.iter().filter(|x| x.is_error()).count())
    }

    /// Exports to PDF or prints (`print`): first asks for a missing 成文日期 (unless
    /// `date_asked`), then about hard errors.
    fn pdf_or_print(&mut self, ctx: &egui::Context, print: bool, date_asked: bool) {
        if !date_asked
            && let Some(d) = &self.doc
            && d.report.publish_date.is_none()
        {
            self.modal = Some(Modal::NoDate(NoDate::new(print, d.report.year)));
            return;
        }
        let errors = self.error_count();
        if errors > 0 {
            self.modal = Some(Modal::ConfirmDraft { print, errors });
        } else if print {
            self.print_now();
        } else {
            self.export_pdf_now(ctx);
        }
    }

    /// Fonts for the PDF: the automatic choice, overridden by the user's picks.
    fn pdf_options(&self) -> anyhow::Result<crate::export::pdf::PdfOptions> {
        let mut fonts = crate::export::pdf::fonts::preferred();
        for (i, pick) in self.pdf_fonts.iter().enumerate() {
            if let Some(c) = pick {
                let source = c.load().map_err(|e| {
                    anyhow::anyhow!("无法读取字体“{}”：{}", c.name, draft::io_reason(&e))
                })?;
                match i {
                    0 => fonts.title = source,
                    1 => fonts.body = source,
                    _ => fonts.heading = source,
                }
            }
        }
        Ok(crate::export::pdf::PdfOptions { fonts })
    }

    fn print_now(&mut self) {
        let opts = match self.pdf_options() {
            Ok(o) => o,
            Err(e) => {
                self.modal = Some(Modal::Error(format!("{e:#}")));
                return;
            }
        };
        if let Some(d) = &self.doc {
            match files::print(&d.report, &opts) {
                Ok(msg) => self.status = msg,
                Err(e) => self.modal = Some(Modal::Error(format!("{e:#}"))),
            }
        }
    }

    fn suggested_path(&self, purpose: &Purpose) -> Option<PathBuf> {
        let doc = self.doc.as_ref();
        let base = match (purpose, doc.and_then(|d| d.path.clone())) {
            (Purpose::Open | Purpose::Rollover, _) => return self.recent.first().cloned(),
            // A published text is wherever the user saved it; start in the home folder.
            (Purpose::Import, _) => {
                return std::env::var_os("HOME")
                    .or_else(|| std::env::var_os("USERPROFILE"))
                    .map(|h| PathBuf::from(h).join(""));
            }
            (_, Some(p)) => p,
            (_, None) => {
                let title = doc.map(|d| d.report.title()).unwrap_or_default();
                let home = std::env::var_os("HOME")
                    .or_else(|| std::env::var_os("USERPROFILE"))
                    .map(PathBuf::from)
                    .unwrap_or_default();
                home.join(format!("{title}.ron"))
            }
        };
        Some(base.with_extension(purpose.extension()))
    }

    /// Asks for a path: the system dialog, or a path field where there is none.
    fn pick(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let suggested = self.suggested_path(&purpose);
        if self.config.native_dialogs {
            self.dialog = Some(DialogJob::spawn(ctx, purpose, suggested));
        } else {
            self.modal = Some(Modal::Path(PathForm {
                purpose,
                text: suggested
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                hint: None,
            }));
        }
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.dialog else { return };
        let Some(answer) = job.poll() else { return };
        let job = self.dialog.take().expect("checked above");
        match answer {
            Some(p) => self.perform(ctx, job.purpose, p),
            None if job.started.elapsed() < DIALOG_MISSING => {
                let text = self
                    .suggested_path(&job.purpose)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.modal = Some(Modal::Path(PathForm {
                    purpose: job.purpose,
                    text,
                    hint: Some(
                        "未能打开系统文件对话框（Linux 上需要 xdg-desktop-portal 或 zenity）。请直接输入文件的完整路径："
                            .into(),
                    ),
                }));
            }
            None => {}
        }
    }

    fn perform(&mut self, ctx: &egui::Context, purpose: Purpose, p: PathBuf) {
        match purpose {
            Purpose::Open => self.open_file(p),
            Purpose::Rollover => self.rollover_from(p),
            Purpose::Import => self.import_file(p),
            Purpose::SaveAs(then) => {
                let p = files::with_extension(p, "ron");
                if self.save_to(p)
                    && let Some(a) = then
                {
                    self.run(ctx, a);
                }
            }
            Purpose::ExportText => {
                let p = files::with_extension(p, "txt");
                if let Some(d) = &self.doc {
                    match files::export_text(&d.report, &p) {
                        Ok(()) => self.status = format!("已导出文本 {}", p.display()),
                        Err(e) => self.modal = Some(Modal::Error(format!("{e:#}"))),
                    }
                }
            }
            Purpose::ExportPdf => {
                let p = files::with_extension(p, "pdf");
                if let Some(d) = &self.doc {
                    match self
                        .pdf_options()
                        .and_then(|o| files::write_pdf(&d.report, &o, &p))
                    {
                        Ok(()) => self.status = format!("已导出 PDF {}", p.display()),
                        Err(e) => self.modal = Some(Modal::Error(format!("{e:#}"))),
                    }
                }
            }
        }
    }
}

// ----- drawing -----------------------------------------------------------------------------

impl NianbaoApp {
    fn toolbar(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let has_doc = self.doc.is_some();
        ui.add_space(3.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("新建")
                .on_hover_text("新建报告（Ctrl+N）")
                .clicked()
            {
                self.request(&ctx, Action::New);
            }
            if ui
                .button("打开")
                .on_hover_text("打开草稿（Ctrl+O）")
                .clicked()
            {
                self.request(&ctx, Action::Open);
            }
            if ui
                .button("从上年报告新建")
                .on_hover_text("选择上年度的报告草稿，生成本年度报告")
                .clicked()
            {
                self.request(&ctx, Action::Rollover);
            }
            if ui
                .button("导入已发布的年报…")
                .on_hover_text("把已发布的年度报告文本（网页复制或 Word/WPS 另存的 .txt）转为草稿")
                .clicked()
            {
                self.request(&ctx, Action::Import);
            }
            ui.add_enabled_ui(!self.recent.is_empty(), |ui| {
                ui.menu_button("最近打开", |ui| {
                    for p in self.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.request(&ctx, Action::OpenPath(p));
                        }
                    }
                });
            });
            ui.separator();
            ui.add_enabled_ui(has_doc, |ui| {
                if ui.button("保存").on_hover_text("保存（Ctrl+S）").clicked() {
                    self.save(&ctx);
                }
                if ui
                    .button("另存为")
                    .on_hover_text("另存为（Ctrl+Shift+S）")
                    .clicked()
                {
                    self.save_as(&ctx, None);
                }
                ui.menu_button("导出", |ui| {
                    // Say before exporting that a failing report is marked as a draft.
                    if self
                        .doc
                        .as_ref()
                        .is_some_and(|d| crate::validate::has_errors(&d.diags))
                    {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            "报告未通过勾稽校验：导出的 PDF 和打印稿将带“草稿 · 校验未通过”水印",
                        );
                    }
                    ui.menu_button("PDF 字体", |ui| self.pdf_fonts_ui(ui));
                    if ui.button("导出文本…").clicked() {
                        self.pick(&ctx, Purpose::ExportText);
                    }
                    if ui.button("导出 PDF…").clicked() {
                        self.pdf_or_print(&ctx, false, false);
                    }
                });
                if ui.button("打印").on_hover_text("打印（Ctrl+P）").clicked() {
                    self.pdf_or_print(&ctx, true, false);
                }
            });
            ui.separator();
            let (can_undo, can_redo) = self
                .doc
                .as_ref()
                .map_or((false, false), |d| (d.can_undo(), d.can_redo()));
            if ui
                .add_enabled(can_undo, egui::Button::new("撤销"))
                .on_hover_text("撤销（Ctrl+Z）")
                .clicked()
            {
                self.undo();
            }
            if ui
                .add_enabled(can_redo, egui::Button::new("重做"))
                .on_hover_text("重做（Ctrl+Y）")
                .clicked()
            {
                self.redo();
            }
        });
        ui.add_space(1.0);
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            match &self.doc {
                Some(d) => {
                    let where_ = d.path.as_ref().map_or("尚未保存到文件".to_owned(), |p| {
                        p.display().to_string()
                    });
                    ui.label(where_);
                    if d.is_dirty() {
                        ui.label(
                            RichText::new("● 有未保存的修改")
                                .color(egui::Color32::from_rgb(200, 120, 0)),
                        );
                    }
                }
                None => {
                    ui.label("未打开报告");
                }
            }
            if !self.status.is_empty() {
                ui.separator();
                ui.weak(&self.status);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(d) = &self.doc {
                    ui.weak(format!(
                        "校验用时 {:.2} 毫秒",
                        d.validate_time.as_secs_f64() * 1000.0
                    ));
                    if self.recovery_written {
                        ui.weak("已写入恢复副本");
                    }
                }
            });
        });
    }

    fn start_screen(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.label(
                RichText::new("政府信息公开工作年度报告")
                    .size(28.0)
                    .strong(),
            );
            ui.add_space(6.0);
            ui.weak("起草 · 校验 · 打印");
            ui.add_space(30.0);
            let big = |t: &str| {
                egui::Button::new(RichText::new(t).size(18.0)).min_size(egui::vec2(260.0, 40.0))
            };
            if ui.add(big("新建报告")).clicked() {
                self.request(&ctx, Action::New);
            }
            if ui.add(big("打开草稿…")).clicked() {
                self.request(&ctx, Action::Open);
            }
            if ui.add(big("从上年报告新建…")).clicked() {
                self.request(&ctx, Action::Rollover);
            }
            if ui.add(big("导入已发布的年报…")).clicked() {
                self.request(&ctx, Action::Import);
            }
            ui.add_space(24.0);
            if !self.recent.is_empty() {
                ui.label(RichText::new("最近打开").strong());
                for p in self.recent.clone() {
                    let exists = p.exists();
                    let r = ui.add_enabled(
                        exists,
                        egui::Button::new(p.display().to_string()).frame(false),
                    );
                    if r.clicked() {
                        self.request(&ctx, Action::OpenPath(p));
                    }
                }
                ui.add_space(12.0);
            }
            ui.weak("也可以把 .ron 草稿或已发布年报的 .txt 文本拖到此窗口中打开。");
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            Some(d) => {
                let agency = if d.report.agency.trim().is_empty() {
                    "（未填写机关）"
                } else {
                    d.report.agency.trim()
                };
                format!(
                    "{}{} {}年度 — {} — 政府信息公开工作年度报告",
                    if d.is_dirty() { "● " } else { "" },
                    agency,
                    d.report.year,
                    d.file_name()
                )
            }
            None => "政府信息公开工作年度报告".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Window title as last sent.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Writes the recovery copy once edits have paused; removes it once saved.
    fn autosave(&mut self, ctx: &egui::Context) {
        let (Some(doc), Some(rec)) = (&self.doc, &self.recovery) else {
            return;
        };
        if doc.is_dirty() {
            if doc.version != self.autosaved_version {
                // Counted from the oldest edit not yet in the copy, not the latest: a user
                // who keeps typing still has every edit older than the delay saved.
                let delay = self.config.autosave_delay;
                let since = self
                    .unsaved_since
                    .get_or_insert_with(Instant::now)
                    .elapsed();
                if since >= delay {
                    rec.write(&doc.report, doc.path.clone());
                    self.autosaved_version = doc.version;
                    self.recovery_written = true;
                    self.unsaved_since = None;
                } else {
                    ctx.request_repaint_after(delay - since);
                }
            }
        } else {
            self.unsaved_since = None;
            if self.recovery_written {
                rec.clear();
                self.recovery_written = false;
                self.autosaved_version = 0;
            }
        }
    }

    // ----- modal dialogs -------------------------------------------------------------------

    fn modals(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            egui::Modal::new(egui::Id::unique("waiting-dialog")).show(ctx, |ui| {
                ui.label("请在系统文件对话框中选择文件……");
            });
            return;
        }
        let Some(modal) = self.modal.take() else {
            return;
        };
        let mut keep = true;
        let mut next: Option<Then> = None;
        let modal = match modal {
            Modal::Guard(action) => {
                let name = self.doc.as_ref().map(Doc::file_name).unwrap_or_default();
                egui::Modal::new(egui::Id::unique("guard")).show(ctx, |ui| {
                    ui.set_width(420.0);
                    ui.label(RichText::new("尚未保存").heading());
                    ui.add_space(4.0);
                    ui.label(format!("“{name}”有尚未保存的修改。是否先保存？"));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("保存").clicked() {
                            keep = false;
                            let a = action.clone();
                            let ctx = ctx.clone();
                            next = Some(Box::new(move |app| app.save_then(&ctx, a)));
                        }
                        if ui.button("不保存").clicked() {
                            keep = false;
                            let a = action.clone();
                            let ctx = ctx.clone();
                            next = Some(Box::new(move |app| app.run(&ctx, a)));
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                });
                Modal::Guard(action)
            }
            Modal::ConfirmDraft { print, errors } => {
                egui::Modal::new(egui::Id::unique("confirm-draft")).show(ctx, |ui| {
                    ui.set_width(460.0);
                    ui.label(RichText::new("报告未通过勾稽校验").heading());
                    ui.add_space(4.0);
                    ui.label(format!(
                        "报告还有 {errors} 个错误。{}的文件每页将带“草稿 · 校验未通过”水印，不能用于签发。",
                        if print { "打印" } else { "导出" }
                    ));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        let go = if print { "仍然打印（带水印）" } else { "仍然导出（带水印）" };
                        if ui.button(go).clicked() {
                            keep = false;
                            let ctx = ctx.clone();
                            next = Some(Box::new(move |app| {
                                if print {
                                    app.print_now();
                                } else {
                                    app.export_pdf_now(&ctx);
                                }
                            }));
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                });
                Modal::ConfirmDraft { print, errors }
            }
            Modal::NoDate(mut d) => {
                let date = match d.show(ctx) {
                    Some(NoDateChoice::Date(x)) => Some(Some(x)),
                    Some(NoDateChoice::WithoutDate) => Some(None),
                    Some(NoDateChoice::Cancel) => {
                        keep = false;
                        None
                    }
                    None => None,
                };
                if let Some(date) = date {
                    keep = false;
                    let (ctx, print) = (ctx.clone(), d.print);
                    next = Some(Box::new(move |app| {
                        // Filled in as an edit of the date field: undoable, and validated.
                        if let (Some(x), Some(doc)) = (date, &mut app.doc) {
                            doc.report.publish_date = Some(x);
                            doc.commit(super::doc::EditGroup::Field("publish_date"));
                        }
                        app.pdf_or_print(&ctx, print, true);
                    }));
                }
                Modal::NoDate(d)
            }
            Modal::Error(msg) => {
                egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.label(RichText::new("出错了").heading());
                    ui.add_space(4.0);
                    ui.label(&msg);
                    ui.add_space(10.0);
                    if ui.button("确定").clicked() {
                        keep = false;
                    }
                });
                Modal::Error(msg)
            }
            Modal::New(mut form) => {
                egui::Modal::new(egui::Id::unique("new")).show(ctx, |ui| {
                    ui.set_width(460.0);
                    ui.label(RichText::new("新建报告").heading());
                    ui.add_space(6.0);
                    egui::Grid::new("new-form")
                        .num_columns(2)
                        .spacing([12.0, 8.0])
                        .show(ui, |ui| {
                            let l = ui.label("发布机关");
                            let r = ui
                                .add(
                                    egui::TextEdit::singleline(&mut form.agency)
                                        .desired_width(300.0),
                                )
                                .labelled_by(l.id);
                            if ui.memory(|m| m.focused().is_none()) {
                                r.request_focus();
                            }
                            ui.end_row();
                            ui.label("报告年度");
                            let before = form.year;
                            let this_year = chrono::Datelike::year(&chrono::Local::now());
                            egui::ComboBox::from_id_salt("new-year")
                                .selected_text(format!("{}年", form.year))
                                .height(300.0)
                                .show_ui(ui, |ui| {
                                    for y in (2019..=this_year + 1).rev() {
                                        ui.selectable_value(&mut form.year, y, format!("{y}年"));
                                    }
                                })
                                .response
                                .accessible_name("新建报告的年度");
                            if form.year != before {
                                form.template = &template::for_year(form.year).id;
                            }
                            ui.end_row();
                            ui.label("报告格式");
                            let current =
                                template::get(form.template).map_or("", |t| t.name.as_str());
                            egui::ComboBox::from_id_salt("new-template")
                                .selected_text(current)
                                .width(300.0)
                                .show_ui(ui, |ui| {
                                    for t in template::all() {
                                        ui.selectable_value(
                                            &mut form.template,
                                            t.id.as_str(),
                                            &t.name,
                                        );
                                    }
                                })
                                .response
                                .accessible_name("报告格式");
                            ui.end_row();
                        });
                    if let Some(t) = template::get(form.template)
                        && !t.covers_year(form.year)
                    {
                        ui.colored_label(
                            egui::Color32::from_rgb(200, 120, 0),
                            format!(
                                "注意：{}年度通常使用{}",
                                form.year,
                                template::for_year(form.year).name
                            ),
                        );
                    }
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("创建").clicked() {
                            keep = false;
                            let t = template::get(form.template)
                                .unwrap_or_else(|| template::for_year(form.year));
                            let mut r = Report::new(t, form.agency.trim(), form.year);
                            r.header_text = r.generated_header();
                            next = Some(Box::new(move |app| {
                                app.status = "已新建报告".into();
                                app.set_doc(Doc::new(r, None, true));
                            }));
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                });
                Modal::New(form)
            }
            Modal::Path(mut form) => {
                egui::Modal::new(egui::Id::unique("path")).show(ctx, |ui| {
                    ui.set_width(560.0);
                    ui.label(RichText::new(form.purpose.title()).heading());
                    ui.add_space(4.0);
                    if let Some(h) = &form.hint {
                        ui.label(h);
                    }
                    let l = ui.label("文件路径");
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut form.text).desired_width(f32::INFINITY),
                        )
                        .labelled_by(l.id);
                    if ui.memory(|m| m.focused().is_none()) {
                        r.request_focus();
                    }
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let ok_text = if form.purpose.is_save() {
                            "保存"
                        } else {
                            "打开"
                        };
                        if (ui.button(ok_text).clicked() || enter) && !form.text.trim().is_empty() {
                            keep = false;
                            let p = PathBuf::from(form.text.trim());
                            let purpose = form.purpose.clone();
                            let ctx = ctx.clone();
                            next = Some(Box::new(move |app| app.perform(&ctx, purpose, p)));
                        }
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                });
                Modal::Path(form)
            }
            Modal::RolloverReview(items) => {
                egui::Modal::new(egui::Id::unique("rollover")).show(ctx, |ui| {
                    ui.set_width(560.0);
                    ui.label(RichText::new("已生成本年度报告").heading());
                    ui.add_space(4.0);
                    ui.label("上年度的文字已沿用，表格中的“上年结转”等已按上年数据填好，其余数字需要重新填写。");
                    if items.is_empty() {
                        ui.label("沿用的文字中未发现需要核对的年份。");
                    } else {
                        ui.label(format!("请核对以下 {} 处（也列在下方的校验结果中）：", items.len()));
                        egui::ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
                            for m in &items {
                                ui.label(format!("• {m}"));
                            }
                        });
                    }
                    ui.add_space(8.0);
                    if ui.button("知道了").clicked() {
                        keep = false;
                    }
                });
                Modal::RolloverReview(items)
            }
            Modal::Import(mut form) => {
                egui::Modal::new(egui::Id::unique("import")).show(ctx, |ui| match form.ui(ui) {
                    None => {}
                    Some(FormAnswer::Cancel) => keep = false,
                    Some(FormAnswer::PickFile) => {
                        keep = false;
                        let ctx = ctx.clone();
                        next = Some(Box::new(move |app| app.pick(&ctx, Purpose::Import)));
                    }
                    Some(FormAnswer::Import(i)) => {
                        keep = false;
                        next = Some(Box::new(move |app| app.imported(*i)));
                    }
                });
                Modal::Import(form)
            }
            Modal::ImportReview {
                summary,
                notes,
                errors,
            } => {
                egui::Modal::new(egui::Id::unique("import-review")).show(ctx, |ui| {
                    if super::import::review_ui(ui, &summary, &notes, errors) {
                        keep = false;
                    }
                });
                Modal::ImportReview {
                    summary,
                    notes,
                    errors,
                }
            }
            Modal::Recovery(found) => {
                egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
                    ui.set_width(520.0);
                    ui.label(RichText::new("发现未保存的内容").heading());
                    ui.add_space(4.0);
                    ui.label("上次使用时程序未正常关闭，留下了一份自动保存的恢复副本：");
                    ui.label(format!("  {}", found.report.title()));
                    if let Some(p) = &found.original {
                        ui.label(format!("  原文件：{}", p.display()));
                    }
                    if let Some(t) = found.modified {
                        let t: chrono::DateTime<chrono::Local> = t.into();
                        ui.label(format!("  保存于：{}", t.format("%Y年%m月%d日 %H:%M")));
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("恢复").clicked() {
                            keep = false;
                            let report = found.report.clone();
                            let original = found.original.clone();
                            next = Some(Box::new(move |app| {
                                app.set_doc(Doc::new(report, original, false));
                                app.status = "已恢复，请检查后保存".into();
                            }));
                        }
                        if ui.button("丢弃").clicked() {
                            keep = false;
                            next = Some(Box::new(|app| {
                                if let Some(r) = &app.recovery {
                                    r.clear();
                                }
                                if let Some(f) = app.open_after_recovery.take() {
                                    app.open_any(f);
                                }
                            }));
                        }
                    });
                });
                Modal::Recovery(found)
            }
        };
        if keep {
            self.modal = Some(modal);
        }
        let closed = !keep;
        if let Some(f) = next {
            f(self);
        }
        if closed {
            ctx.request_repaint();
        }
    }

    /// 保存 in the unsaved-changes dialog: save (asking for a name if needed), then go on.
    fn save_then(&mut self, ctx: &egui::Context, a: Action) {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(p) => {
                if self.save_to(p) {
                    self.run(ctx, a);
                }
            }
            None => self.save_as(ctx, Some(a)),
        }
    }
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        NianbaoApp::ui(self, ui);
        if self.exit_after_first_frame {
            ui.ctx().send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
    }
}

/// Recent files remembered by eframe's storage.
pub fn load_recent(storage: Option<&dyn eframe::Storage>) -> Vec<PathBuf> {
    storage
        .and_then(|s| eframe::get_value(s, RECENT_KEY))
        .unwrap_or_default()
}

impl NianbaoApp {
    /// Shows and changes the faces of the PDF, per role.
    fn pdf_fonts_ui(&mut self, ui: &mut Ui) {
        use crate::export::pdf::fonts;
        // Borrow the automatic set: cloning it would copy system font files every frame.
        let system = fonts::system();
        let bundled;
        let auto = match system {
            Some(s) => &s.preferred,
            None => {
                bundled = fonts::FontSet::default();
                &bundled
            }
        };
        ui.label(
            RichText::new(
                "本机装有方正小标宋、仿宋_GB2312、黑体时自动使用，否则使用内置思源（Noto）字体。",
            )
            .small()
            .weak(),
        );
        if system.is_none() {
            ui.label("正在查找本机字体…");
        }
        let roles = [
            ("标题", &auto.title.name),
            ("正文", &auto.body.name),
            ("小标题", &auto.heading.name),
        ];
        for (i, (role, auto_name)) in roles.into_iter().enumerate() {
            let shown = self.pdf_fonts[i]
                .as_ref()
                .map_or_else(|| format!("自动（{auto_name}）"), |c| c.name.clone());
            egui::ComboBox::from_label(role)
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut self.pdf_fonts[i],
                        None,
                        format!("自动（{auto_name}）"),
                    );
                    for c in system.map_or(&[][..], |s| &s.candidates[..]) {
                        ui.selectable_value(&mut self.pdf_fonts[i], Some(c.clone()), &c.name);
                    }
                });
        }
    }
}
