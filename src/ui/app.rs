//! The window: its panels, and the routing of what the views and dialogs answer to files,
//! undo and the crash-recovery copy. The views and dialogs themselves live in their own files;
//! saving, exporting and printing are in `app/output.rs`, the answers of modal dialogs in
//! `app/modals.rs`.

mod autosave;
mod modals;
mod output;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Ui, ViewportCommand};

use super::action::{Action, Command};
use super::batch::{BatchCommand, BatchView};
use super::diagnostics::diagnostics_ui;
use super::dialogs::{self, Dialog};
use super::doc::{Doc, EditGroup};
use super::files::{DialogJob, Purpose};
use super::import::ImportForm;
use super::nav::nav_ui;
use super::pdf_fonts::PdfSettings;
use super::preview::{Preview, PreviewAnswer};
use super::report::report_ui;
use super::start::start_ui;
use super::status_bar::status_bar_ui;
use super::toolbar::{shortcut, toolbar_ui};
use super::view::ViewState;
use crate::model::{Report, draft};

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

/// The application: the open document, the dialog in front, files and recovery.
pub struct NianbaoApp {
    pub doc: Option<Doc>,
    pub vs: ViewState,
    config: Config,
    modal: Option<Dialog>,
    dialog: Option<DialogJob>,
    /// The crash-recovery copy.
    autosave: autosave::Autosave,
    pub recent: Vec<PathBuf>,
    allow_close: bool,
    title: String,
    status: String,
    /// Time spent building the last frame.
    pub frame_time: Duration,
    /// Close once the first frame is drawn (start-up timing from outside).
    pub exit_after_first_frame: bool,
    /// The user's PDF faces (`None` = automatic) and page-number placement.
    pub pdf: PdfSettings,
    /// 打印预览, shown instead of the form while open.
    pub preview: Option<Preview>,
    /// The system's printing (CUPS or the PDF viewer); tests put a recorder here.
    printing: Box<dyn crate::print::PrintBackend>,
    /// The printer the last job went to, preselected next time (as Word does).
    last_printer: Option<String>,
    /// The HTML 复制为网页格式 last produced (kept, since a clipboard cannot always be read
    /// back, e.g. without a display).
    pub last_copied_html: Option<String>,
    /// 批量检查: its run and rows stay while the editor is shown.
    pub batch: BatchView,
    /// The sum 生成合计 made, opened once unsaved changes are dealt with.
    pending_sum: Option<crate::check::sum::Sum>,
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
        let autosave = autosave::Autosave::new(config.recovery_dir.clone(), config.autosave_delay);
        let mut app = NianbaoApp {
            doc: None,
            vs: ViewState::default(),
            config,
            modal: None,
            dialog: None,
            autosave,
            recent,
            allow_close: false,
            title: String::new(),
            status: String::new(),
            frame_time: Duration::ZERO,
            exit_after_first_frame: false,
            pdf: PdfSettings::default(),
            preview: None,
            printing: Box::new(crate::print::SystemPrinting),
            last_printer: None,
            last_copied_html: None,
            batch: BatchView::default(),
            pending_sum: None,
        };
        match app.autosave.find() {
            Some(Ok(found)) => app.modal = Some(Dialog::Recovery(Box::new(found))),
            Some(Err(e)) => {
                app.modal = Some(Dialog::Error(format!("上次留下的恢复副本无法读取：{e}")))
            }
            None => {}
        }
        if let Some(f) = file {
            if app.modal.is_some() {
                // Offer the recovery first; the file opens if the copy is discarded and
                // stays reachable from 最近打开 otherwise.
                app.add_recent(f.clone());
                app.autosave.open_after_recovery = Some(f);
            } else {
                app.open_any(f);
            }
        }
        app
    }

    /// Opens a draft, or imports a published report (.docx, .html, .pdf, .txt, .md, e.g.
    /// opened with nianbao from a file manager).
    fn open_any(&mut self, f: PathBuf) {
        if crate::import::is_report_file(&f) {
            self.import_file(None, f);
        } else {
            self.open_file(f);
        }
    }

    /// Opens a report directly (tests, benchmarks).
    pub fn with_report(mut self, report: Report, path: Option<PathBuf>) -> NianbaoApp {
        self.set_doc(Doc::new(report, path, true));
        self
    }

    /// Prints through `backend` instead of the system (tests).
    pub fn with_print_backend(mut self, backend: Box<dyn crate::print::PrintBackend>) -> Self {
        self.printing = backend;
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
            if let Some(c) = shortcut(ui) {
                self.command(&ctx, c);
            }
            self.dropped_files(ui);
        }
        self.close_request(ui);
        self.poll_dialog(&ctx);

        let c = egui::Panel::top("toolbar")
            .show(ui, |ui| {
                toolbar_ui(ui, self.doc.as_ref(), &self.recent, &mut self.pdf)
            })
            .inner;
        if let Some(c) = c {
            self.command(&ctx, c);
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar_ui(ui, self.doc.as_ref(), &self.status, self.autosave.written)
        });
        if self.batch.visible {
            let c = egui::CentralPanel::default()
                .show(ui, |ui| self.batch.ui(ui))
                .inner;
            if let Some(c) = c {
                self.batch_command(&ctx, c);
            }
        } else if let Some(doc) = &mut self.doc {
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
            // A jump from the section list or the diagnostics leads to the form.
            if self.vs.goto.is_some() {
                self.preview = None;
            }
            let mut answer = None;
            let blocked = self.modal.is_some() || self.dialog.is_some();
            egui::CentralPanel::default().show(ui, |ui| match &mut self.preview {
                Some(p) => {
                    p.blocked = blocked;
                    answer = p.ui(ui, doc, &mut self.pdf);
                }
                None => report_ui(ui, doc, &mut self.vs),
            });
            if let Some(c) = self.vs.request.take() {
                self.command(&ctx, c);
            }
            match answer {
                Some(PreviewAnswer::Print) => self.command(&ctx, Command::Print),
                Some(PreviewAnswer::Close) => self.preview = None,
                Some(PreviewAnswer::Goto(t)) => {
                    self.preview = None;
                    self.vs.goto = Some(t);
                }
                None => {}
            }
        } else {
            let c = egui::CentralPanel::default()
                .show(ui, |ui| start_ui(ui, &self.recent))
                .inner;
            if let Some(c) = c {
                self.command(&ctx, c);
            }
        }
        self.modals(&ctx);
        if let Some(doc) = &mut self.doc
            && std::mem::take(&mut doc.changed)
        {
            // Panels drawn before the edit show last frame's diagnostics: one more frame.
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        self.autosave.tick(self.doc.as_ref(), &ctx);
        self.frame_time = start.elapsed();
    }

    // ----- input -------------------------------------------------------------------------

    /// Carries out a command from the toolbar, a shortcut or the start screen.
    pub fn command(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::Request(a) => self.request(ctx, a),
            Command::Save => self.save(ctx),
            Command::SaveAs => self.save_as(ctx, None),
            Command::ExportText => self.pick(ctx, Purpose::ExportText),
            Command::ExportDocx => self.pick(ctx, Purpose::ExportDocx),
            Command::ExportHtml => self.pick(ctx, Purpose::ExportHtml),
            Command::ExportOpinion => self.pick(ctx, Purpose::ExportOpinion),
            Command::Infographic => self.open_infographic(),
            Command::CopyHtml(table) => self.copy_html(table),
            Command::ExportPdf => self.pdf_or_print(ctx, false, false),
            Command::Preview if self.preview.is_some() => self.pdf_or_print(ctx, true, false),
            Command::Preview if self.doc.is_some() => self.preview = Some(Preview::default()),
            Command::Preview => {}
            Command::Print => self.pdf_or_print(ctx, true, false),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::BatchCheck => self.batch.visible = true,
            Command::PickLastYear => self.pick(ctx, Purpose::LastYear),
        }
    }

    fn batch_command(&mut self, ctx: &egui::Context, c: BatchCommand) {
        match c {
            BatchCommand::PickFolder => self.pick(ctx, Purpose::CheckFolder),
            // Drafts open, published reports are imported as new drafts, as from 打开.
            BatchCommand::Open(p) => self.request(ctx, Action::OpenPath(p)),
            BatchCommand::ExportXlsx => self.pick(ctx, Purpose::ExportXlsx),
            BatchCommand::Sum(title) => match self.batch.sum(&title) {
                Some(s) => {
                    self.pending_sum = Some(s);
                    self.request(ctx, Action::OpenSum);
                }
                None => self.modal = Some(Dialog::Error("所选范围内没有可以合计的报告".into())),
            },
            BatchCommand::Close => self.batch.visible = false,
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
        if self.batch.visible {
            // Files and folders dropped on 批量检查 are checked, not opened.
            let paths: Vec<PathBuf> = dropped
                .into_iter()
                .filter(|p| !p.as_os_str().is_empty())
                .collect();
            if !paths.is_empty() {
                self.batch.start(ui.ctx(), paths);
            }
            return;
        }
        if let Some(p) = dropped.into_iter().find(|p| !p.as_os_str().is_empty()) {
            if draft::is_draft_path(&p) {
                self.request(ui.ctx(), Action::OpenPath(p));
            } else if crate::import::is_report_file(&p) {
                self.request(ui.ctx(), Action::ImportPath(p));
            } else {
                self.modal = Some(Dialog::Error(format!(
                    "“{}”不是年报草稿（.nianbao 或 .ron），也不是已发布的年报（Word .docx、网页 .html、PDF、扫描图片 .png/.jpg/.tif、文本 .txt 或 .md），无法打开。",
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
            if !matches!(self.modal, Some(Dialog::Guard(Action::Close))) {
                self.modal = Some(Dialog::Guard(Action::Close));
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
            self.modal = Some(Dialog::Guard(a));
        } else {
            self.run(ctx, a);
        }
    }

    fn run(&mut self, ctx: &egui::Context, a: Action) {
        match a {
            Action::New => {
                let year = chrono::Datelike::year(&chrono::Local::now()) - 1;
                let agency = self
                    .doc
                    .as_ref()
                    .map(|d| d.report.agency.clone())
                    .unwrap_or_default();
                self.modal = Some(Dialog::New(dialogs::new_report::NewForm::new(agency, year)));
            }
            Action::Open => self.pick(ctx, Purpose::Open),
            Action::OpenPath(p) => self.open_any(p),
            Action::Rollover => self.pick(ctx, Purpose::Rollover),
            Action::Import => self.modal = Some(Dialog::Import(ImportForm::default())),
            Action::ImportPath(p) => self.import_file(Some(ctx), p),
            Action::OpenSum => {
                if let Some(s) = self.pending_sum.take() {
                    self.status = format!(
                        "已生成合计“{}”（{}份报告），请检查后保存",
                        s.report.agency, s.count
                    );
                    self.set_doc(Doc::new(s.report, None, false));
                    if !s.messages.is_empty() {
                        let title = "合计说明".to_owned();
                        self.modal = Some(Dialog::Notice {
                            title,
                            items: s.messages,
                        });
                    }
                }
            }
            Action::Close => {
                self.allow_close = true;
                self.autosave.clear();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn set_doc(&mut self, doc: Doc) {
        let other_years = super::files::OtherYears::start(&self.recent, &doc);
        self.doc = Some(doc);
        self.batch.visible = false;
        self.vs = ViewState {
            other_years,
            ..ViewState::default()
        };
        self.preview = None;
        self.autosave.reset();
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
            Err(e) => self.modal = Some(Dialog::Error(e.to_string())),
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
                    .filter(|d| {
                        let t = doc.report.template;
                        t.rules_named(d.rule).any(|x| x.after_rollover)
                    })
                    .map(|d| d.message.clone())
                    .collect();
                self.status = format!(
                    "已由 {} 年度报告生成 {} 年度报告（{}）",
                    last.year, doc.report.year, doc.report.template.name
                );
                self.set_doc(doc);
                self.modal = Some(Dialog::RolloverReview(review));
            }
            Err(e) => self.modal = Some(Dialog::Error(e.to_string())),
        }
    }

    /// Sets the report in `p` beside the open one as last year's: a draft read at once, a
    /// published report through the importer, on its thread while a dialog shows a scan's
    /// pages and offers 取消 (as 导入 does).
    pub fn set_last_year(&mut self, ctx: Option<&egui::Context>, p: &std::path::Path) {
        if self.doc.is_none() {
            return;
        }
        let name = p.display().to_string();
        if draft::is_draft_path(p) {
            let read = draft::load(p).map_err(|e| e.to_string());
            return self.last_year_read(&name, read);
        }
        match self.start_import(ctx, p) {
            Ok(job) => self.follow_import(name, job, true),
            Err(e) => self.last_year_read(&name, Err(e)),
        }
    }

    /// Waits a moment for `job` (a quick import is over before the window redraws), else
    /// shows its progress with 取消 until it ends; then what it read is opened, or set as
    /// last year's report if `last_year`.
    fn follow_import(&mut self, name: String, job: crate::import::job::Job, last_year: bool) {
        match job.wait(std::time::Duration::from_millis(300)) {
            Some(result) => self.import_ended(&name, result, last_year),
            None => {
                self.modal = Some(Dialog::Importing(Box::new(
                    crate::ui::dialogs::importing::Importing {
                        name,
                        job,
                        last_year,
                    },
                )))
            }
        }
    }

    /// What an import of the file `name` came to, for the report it was for.
    pub(super) fn import_ended(
        &mut self,
        name: &str,
        result: Result<crate::import::Imported, crate::import::ImportError>,
        last_year: bool,
    ) {
        if last_year {
            self.last_year_imported(name, result)
        } else {
            self.import_finished(name, result)
        }
    }

    /// Last year's report read from the file `name`: set beside the open one, or the reason
    /// it could not be read.
    pub(super) fn last_year_read(&mut self, name: &str, read: Result<Report, String>) {
        let Some(doc) = &mut self.doc else { return };
        match read {
            Ok(mut last) => {
                last.previous = None;
                last.reviews.clear();
                self.status = match crate::model::last_year::LastYear::of(&doc.report, &last) {
                    Ok(_) => format!(
                        "已将 {name} 作为上年报告（{} {} 年度），表格中浅色小字为上年数",
                        last.agency, last.year
                    ),
                    Err(why) => why.message(),
                };
                doc.report.previous = Some(Box::new(last));
                doc.commit(EditGroup::Other);
            }
            Err(e) => self.modal = Some(Dialog::Error(format!("无法读取上年报告：{e}"))),
        }
    }

    /// What the import of last year's report from `name` came to.
    pub(super) fn last_year_imported(
        &mut self,
        name: &str,
        result: Result<crate::import::Imported, crate::import::ImportError>,
    ) {
        match result {
            Err(crate::import::ImportError::Cancelled) => self.status = "已取消读取上年报告".into(),
            other => self.last_year_read(name, other.map(|i| i.report).map_err(|e| e.to_string())),
        }
    }

    /// Reads `p` and starts importing it on a thread that wakes `ctx` after each page.
    fn start_import(
        &self,
        ctx: Option<&egui::Context>,
        p: &std::path::Path,
    ) -> Result<crate::import::job::Job, String> {
        let bytes = match std::fs::metadata(p) {
            Ok(m) if m.len() > crate::import::MAX_BYTES as u64 => Err(
                crate::import::ImportError::TooLarge((m.len() / (1024 * 1024)) as usize)
                    .to_string(),
            ),
            Ok(_) => std::fs::read(p).map_err(|e| draft::io_reason(&e)),
            Err(e) => Err(draft::io_reason(&e)),
        }?;
        let wake = ctx.cloned();
        Ok(crate::import::job::Job::start(bytes, move || {
            if let Some(c) = &wake {
                c.request_repaint();
            }
        }))
    }

    /// Imports a published report's file; errors reopen the import dialog. A quick import
    /// is over before the window redraws; a scan's OCR runs on while a dialog shows its
    /// pages and offers 取消.
    /// `ctx` (none while the window is being made) is woken after each page.
    pub fn import_file(&mut self, ctx: Option<&egui::Context>, p: PathBuf) {
        let name = p.display().to_string();
        match self.start_import(ctx, &p) {
            Ok(job) => self.follow_import(name, job, false),
            Err(e) => self.import_failed(&name, e),
        }
    }

    /// What an import of the file `name` came to: the report opened, or the reason shown.
    pub(super) fn import_finished(
        &mut self,
        name: &str,
        result: Result<crate::import::Imported, crate::import::ImportError>,
    ) {
        match result {
            Ok(imported) => self.imported(imported),
            Err(crate::import::ImportError::Cancelled) => self.status = "已取消导入".into(),
            Err(e) => self.import_failed(name, e.to_string()),
        }
    }

    fn import_failed(&mut self, name: &str, reason: String) {
        self.modal = Some(Dialog::Import(ImportForm {
            error: Some(format!("{name}：{reason}")),
            ..ImportForm::default()
        }))
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
        let verdict = crate::ui::import::Verdict {
            errors: doc.diags.iter().filter(|d| d.is_error()).count(),
            unverified: doc.diags.iter().filter(|d| d.is_unverified()).count(),
            unread_cells: (0..r.template.tables.len())
                .map(|t| r.doubtful_cells(t).len())
                .sum(),
        };
        self.status = format!("已导入{}", summary.trim_end_matches('。'));
        self.set_doc(doc);
        self.modal = Some(Dialog::ImportReview {
            summary,
            notes: imported.notes,
            verdict,
        });
    }
}

// ----- drawing -----------------------------------------------------------------------------

impl NianbaoApp {
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
