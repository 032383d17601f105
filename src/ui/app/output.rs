//! Saving, exporting, printing and the file dialogs: the file side of the window's actions.

use crate::model::draft;
use crate::ui::action::Action;
use crate::ui::dialogs::{self, Dialog};
use crate::ui::files::{self, DialogJob, Purpose};
use std::path::PathBuf;

use super::{DIALOG_MISSING, NianbaoApp};
use crate::platform::documents_dir;

impl NianbaoApp {
    pub fn save(&mut self, ctx: &egui::Context) {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(p) => {
                self.save_to(p);
            }
            None if self.doc.is_some() => self.save_as(ctx, None),
            None => {}
        }
    }

    pub(super) fn save_as(&mut self, ctx: &egui::Context, then: Option<Action>) {
        if self.doc.is_some() {
            self.pick(ctx, Purpose::SaveAs(then));
        }
    }

    /// Saves to `p`; on failure the reason is shown and the document stays unsaved.
    pub(super) fn save_to(&mut self, p: PathBuf) -> bool {
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
                self.modal = Some(Dialog::Error(e.to_string()));
                false
            }
        }
    }

    pub(super) fn export_pdf_now(&mut self, ctx: &egui::Context) {
        let opts = match self.pdf_options() {
            Ok(o) => o,
            Err(e) => {
                self.modal = Some(Dialog::Error(format!("{e:#}")));
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
            Some(Err(e)) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
            None => {}
        }
    }

    /// Hard errors of the open report.
    pub(super) fn error_count(&self) -> usize {
        self.doc
            .as_ref()
            .map_or(0, |d| d.diags.iter().filter(|x| x.is_error()).count())
    }

    /// 复制为网页格式: the report, or table `table`, onto the clipboard as HTML and text.
    pub(super) fn copy_html(&mut self, table: Option<usize>) {
        let Some(d) = &self.doc else { return };
        let (html, text) = files::html_and_text(&d.report, table);
        self.last_copied_html = Some(html.clone());
        match files::copy_html(&html, &text) {
            Ok(()) => {
                self.status = if table.is_some() {
                    "已复制表格（网页格式），可粘贴到网站后台编辑器、Word 或 WPS".into()
                } else {
                    "已复制整份报告（网页格式），可粘贴到网站后台编辑器、Word 或 WPS".into()
                }
            }
            Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
        }
    }

    /// Exports to PDF or prints (`print`): first asks for a missing 成文日期 (unless
    /// `date_asked`), then about hard errors.
    pub(super) fn pdf_or_print(&mut self, ctx: &egui::Context, print: bool, date_asked: bool) {
        if !date_asked
            && let Some(d) = &self.doc
            && d.report.publish_date.is_none()
        {
            let form = dialogs::no_date::NoDate::new(print, d.report.year);
            self.modal = Some(Dialog::NoDate(form));
            return;
        }
        let errors = self.error_count();
        if errors > 0 {
            self.modal = Some(Dialog::ConfirmDraft { print, errors });
        } else if print {
            self.print_now();
        } else {
            self.export_pdf_now(ctx);
        }
    }

    /// Faces and page numbers for the PDF.
    /// 导出 → 图解…: the preview, laid out now.
    pub(super) fn open_infographic(&mut self) {
        let Some(d) = &self.doc else { return };
        match self.pdf_options() {
            Ok(o) => {
                let view = dialogs::infographic::GraphicView::new(&d.report, o, self.pdf.key());
                self.modal = Some(Dialog::Infographic(Box::new(view)));
            }
            Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
        }
    }

    pub(super) fn pdf_options(&self) -> anyhow::Result<crate::export::pdf::PdfOptions> {
        self.pdf.options()
    }

    /// The print dialog, for the open report's page count.
    pub(super) fn print_now(&mut self) {
        let Some(d) = &self.doc else { return };
        match self
            .pdf_options()
            .and_then(|o| files::page_count(&d.report, &o))
        {
            Ok(pages) => {
                let mut form =
                    dialogs::print::PrintForm::new(&*self.printing, pages, d.report.title());
                form.current = self.preview.as_ref().map(|p| p.page);
                if let Some(p) = &self.last_printer {
                    form.select(p, &*self.printing);
                }
                self.modal = Some(Dialog::Print(Box::new(form)));
            }
            Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
        }
    }

    pub(super) fn suggested_path(&self, purpose: &Purpose) -> Option<PathBuf> {
        let doc = self.doc.as_ref();
        let base = match (purpose, doc.and_then(|d| d.path.clone())) {
            (Purpose::Open | Purpose::Rollover, _) => return self.recent.first().cloned(),
            (Purpose::CheckFolder, _) => return self.batch.sources().first().cloned(),
            (Purpose::ExportXlsx, _) => {
                // Beside the checked folder, not inside it among the reports.
                let src = self.batch.sources().first().cloned().unwrap_or_default();
                let dir = src.parent().map(PathBuf::from).unwrap_or_default();
                return Some(dir.join("年报检查.xlsx"));
            }
            // A published text is wherever the user saved it; start in the home folder.
            (Purpose::Import, _) => {
                return Some(documents_dir().join(""));
            }
            // Beside the draft, named as `nianbao check --opinions` names it.
            (Purpose::ExportOpinion, p) => {
                let name = crate::check::opinion::file_name(&doc?.report);
                return Some(match p.as_ref().and_then(|p| p.parent()) {
                    Some(dir) => dir.join(name),
                    None => documents_dir().join(name),
                });
            }
            // Not the report's own PDF: named apart.
            (Purpose::ExportInfographic(f), p) => {
                let base = p.unwrap_or_else(|| {
                    let title = doc.map(|d| d.report.title()).unwrap_or_default();
                    documents_dir().join(title)
                });
                let stem = base.file_stem().unwrap_or_default().to_string_lossy();
                return Some(base.with_file_name(format!("{stem}（图解）.{}", f.extension())));
            }
            (_, Some(p)) => p,
            (_, None) => {
                let title = doc.map(|d| d.report.title()).unwrap_or_default();
                documents_dir().join(format!("{title}.{}", draft::EXTENSION))
            }
        };
        Some(base.with_extension(purpose.extension()))
    }

    /// Asks for a path: the system dialog, or a path field where there is none.
    pub(super) fn pick(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let suggested = self.suggested_path(&purpose);
        if self.config.native_dialogs {
            self.dialog = Some(DialogJob::spawn(ctx, purpose, suggested));
        } else {
            self.modal = Some(Dialog::Path(dialogs::path::PathForm {
                purpose,
                text: suggested
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                hint: None,
            }));
        }
    }

    pub(super) fn poll_dialog(&mut self, ctx: &egui::Context) {
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
                let what = if job.purpose == Purpose::CheckFolder {
                    "文件夹"
                } else {
                    "文件"
                };
                self.modal = Some(Dialog::Path(dialogs::path::PathForm {
                    purpose: job.purpose,
                    text,
                    hint: Some(format!(
                        "未能打开系统文件对话框（Linux 上需要 xdg-desktop-portal 或 zenity）。请直接输入{what}的完整路径："
                    )),
                }));
            }
            None => {}
        }
    }

    pub(super) fn perform(&mut self, ctx: &egui::Context, purpose: Purpose, p: PathBuf) {
        match purpose {
            Purpose::Open => self.open_file(p),
            Purpose::Rollover => self.rollover_from(p),
            Purpose::Import => self.import_file(Some(ctx), p),
            Purpose::LastYear => self.set_last_year(Some(ctx), &p),
            Purpose::CheckFolder => self.batch.start(ctx, vec![p]),
            Purpose::ExportXlsx => {
                match self.batch.export_xlsx(&files::with_extension(p, "xlsx")) {
                    Ok(msg) => self.status = msg,
                    Err(e) => self.modal = Some(Dialog::Error(e)),
                }
            }
            Purpose::SaveAs(then) => {
                let p = files::with_extension(p, draft::EXTENSION);
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
                        Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
                    }
                }
            }
            Purpose::ExportDocx | Purpose::ExportHtml => {
                let (ext, what) = if purpose == Purpose::ExportDocx {
                    ("docx", "Word 文档")
                } else {
                    ("html", "网页")
                };
                let p = files::with_extension(p, ext);
                if let Some(d) = &self.doc {
                    let written = if ext == "docx" {
                        files::write_docx(&d.report, &p)
                    } else {
                        files::write_html(&d.report, &p)
                    };
                    match written {
                        Ok(()) => self.status = format!("已导出{what} {}", p.display()),
                        Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
                    }
                }
            }
            Purpose::ExportOpinion => {
                let p = files::with_extension(p, "pdf");
                if let Some(d) = &self.doc {
                    match self
                        .pdf_options()
                        .and_then(|o| files::write_opinion(d, &o, &p))
                    {
                        Ok(()) => self.status = format!("已导出审核意见 {}", p.display()),
                        Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
                    }
                }
            }
            Purpose::ExportInfographic(format) => {
                let p = files::with_extension(p, format.extension());
                if let Some(d) = &self.doc {
                    match self
                        .pdf_options()
                        .and_then(|o| files::write_infographic(&d.report, &o, format, &p))
                    {
                        Ok(()) => self.status = format!("已导出图解 {}", p.display()),
                        Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
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
                        Err(e) => self.modal = Some(Dialog::Error(format!("{e:#}"))),
                    }
                }
            }
        }
    }
}
