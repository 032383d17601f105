//! Files: native dialogs off the UI thread, the crash-recovery copy, exports.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Instant, SystemTime};

use anyhow::{Context as _, Result};

use crate::export::pdf::PdfOptions;

use crate::model::{Report, draft};

/// What a picked path is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Open,
    Rollover,
    /// A published report to import (Word, web page, PDF or text).
    Import,
    /// Last year's report, set beside this one: a draft or a published report.
    LastYear,
    /// Save under a new name, then continue with the action, if any.
    SaveAs(Option<super::action::Action>),
    ExportText,
    ExportPdf,
    ExportDocx,
    ExportHtml,
    /// 审核意见 on the open report (PDF).
    ExportOpinion,
    /// The 图解 (一图读懂) in a format.
    ExportInfographic(crate::export::infographic::Format),
    /// A folder of reports for 批量检查.
    CheckFolder,
    /// The workbook of 批量检查.
    ExportXlsx,
}

impl Purpose {
    pub fn title(&self) -> &'static str {
        match self {
            Purpose::Open => "打开草稿",
            Purpose::Rollover => "选择上年度报告草稿",
            Purpose::Import => "选择已发布的年报文件",
            Purpose::LastYear => "选择上年报告（草稿或已发布的年报）",
            Purpose::SaveAs(_) => "另存为",
            Purpose::ExportText => "导出文本",
            Purpose::ExportPdf => "导出 PDF",
            Purpose::ExportDocx => "导出 Word 文档",
            Purpose::ExportHtml => "导出网页",
            Purpose::ExportOpinion => "导出审核意见",
            Purpose::ExportInfographic(_) => "导出图解",
            Purpose::CheckFolder => "选择要检查的文件夹",
            Purpose::ExportXlsx => "导出检查工作簿",
        }
    }

    pub fn is_save(&self) -> bool {
        matches!(
            self,
            Purpose::SaveAs(_)
                | Purpose::ExportText
                | Purpose::ExportPdf
                | Purpose::ExportDocx
                | Purpose::ExportHtml
                | Purpose::ExportOpinion
                | Purpose::ExportInfographic(_)
                | Purpose::ExportXlsx
        )
    }

    /// The extension of the files picked for this purpose.
    pub fn extension(&self) -> &'static str {
        match self {
            Purpose::ExportText | Purpose::Import => "txt",
            Purpose::ExportPdf | Purpose::ExportOpinion => "pdf",
            Purpose::ExportDocx => "docx",
            Purpose::ExportHtml => "html",
            Purpose::ExportXlsx => "xlsx",
            Purpose::ExportInfographic(f) => f.extension(),
            _ => draft::EXTENSION,
        }
    }
}

/// A native file dialog running on its own thread.
pub struct DialogJob {
    pub purpose: Purpose,
    pub started: Instant,
    rx: Receiver<Option<PathBuf>>,
}

impl DialogJob {
    /// Opens the system dialog; the UI keeps running and is woken when it closes.
    pub fn spawn(ctx: &egui::Context, purpose: Purpose, suggested: Option<PathBuf>) -> DialogJob {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let p = purpose.clone();
        std::thread::spawn(move || {
            let mut d = rfd::FileDialog::new().set_title(p.title());
            d = match p.extension() {
                // A folder has no file type to filter by.
                _ if p == Purpose::CheckFolder => d,
                // Every form the importer reads; it tells them apart by their bytes.
                _ if p == Purpose::Import => {
                    d.add_filter("年报文件", &crate::import::REPORT_EXTENSIONS)
                }
                _ if p == Purpose::LastYear => {
                    let mut all = vec![draft::EXTENSION, draft::LEGACY_EXTENSION];
                    all.extend(crate::import::REPORT_EXTENSIONS);
                    d.add_filter("年报草稿或年报文件", &all)
                }
                "txt" => d.add_filter("文本文件", &["txt"]),
                "pdf" => d.add_filter("PDF 文件", &["pdf"]),
                "docx" => d.add_filter("Word 文档", &["docx"]),
                "html" => d.add_filter("网页", &["html", "htm"]),
                "xlsx" => d.add_filter("Excel 工作簿", &["xlsx"]),
                "png" => d.add_filter("PNG 图片", &["png"]),
                "svg" => d.add_filter("SVG 图片", &["svg"]),
                // New drafts are saved as .nianbao; drafts from earlier versions are .ron.
                _ if p.is_save() => d.add_filter("年报草稿", &[draft::EXTENSION]),
                _ => d.add_filter("年报草稿", &[draft::EXTENSION, draft::LEGACY_EXTENSION]),
            };
            if let Some(s) = &suggested {
                if let Some(dir) = s.parent().filter(|d| !d.as_os_str().is_empty()) {
                    d = d.set_directory(dir);
                }
                if let Some(name) = s.file_name() {
                    d = d.set_file_name(name.to_string_lossy());
                }
            }
            let picked = if p == Purpose::CheckFolder {
                d.pick_folder()
            } else if p.is_save() {
                d.save_file()
            } else {
                d.pick_file()
            };
            let _ = tx.send(picked);
            ctx.request_repaint();
        });
        DialogJob {
            purpose,
            started: Instant::now(),
            rx,
        }
    }

    /// The dialog's answer once it has closed.
    pub fn poll(&self) -> Option<Option<PathBuf>> {
        self.rx.try_recv().ok()
    }
}

/// Adds the extension when the user typed a name without one.
pub fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_none() {
        p.with_extension(ext)
    } else {
        p
    }
}

/// Where the recovery copy lives and the thread that writes it.
pub struct Recovery {
    dir: PathBuf,
    tx: Sender<Job>,
}

enum Job {
    Write {
        text: String,
        original: Option<PathBuf>,
    },
    Clear,
}

/// A recovery copy found at start-up.
pub struct Found {
    pub report: Report,
    pub original: Option<PathBuf>,
    pub modified: Option<SystemTime>,
}

const COPY: &str = "recovery.ron";
const ORIGIN: &str = "recovery-origin.txt";

impl Recovery {
    /// Starts the writer thread for `dir` (created on first write).
    pub fn new(dir: PathBuf) -> Recovery {
        let (tx, rx) = channel::<Job>();
        let d = dir.clone();
        std::thread::Builder::new()
            .name("nianbao-recovery".into())
            .spawn(move || {
                for job in rx {
                    // Failures are not shown: the recovery copy is a best effort on top of
                    // the user's own saves, and a broken disk will surface there.
                    let _ = match job {
                        Job::Write { text, original } => write(&d, &text, original.as_deref()),
                        Job::Clear => clear(&d),
                    };
                }
            })
            .expect("spawn recovery thread");
        Recovery { dir, tx }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Queues a copy of `report`; the user's own file is never touched.
    pub fn write(&self, report: &Report, original: Option<PathBuf>) {
        let text = draft::to_string(report);
        let _ = self.tx.send(Job::Write { text, original });
    }

    pub fn clear(&self) {
        let _ = self.tx.send(Job::Clear);
    }

    /// A copy left behind by a session that did not end normally.
    pub fn find(&self) -> Option<Result<Found, String>> {
        let path = self.dir.join(COPY);
        if !path.exists() {
            return None;
        }
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let original = std::fs::read_to_string(self.dir.join(ORIGIN))
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        Some(
            draft::load(&path)
                .map(|report| Found {
                    report,
                    original,
                    modified,
                })
                .map_err(|e| e.to_string()),
        )
    }
}

fn write(dir: &Path, text: &str, original: Option<&Path>) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join("recovery.ron.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, dir.join(COPY))?;
    let origin = original
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    std::fs::write(dir.join(ORIGIN), origin)
}

fn clear(dir: &Path) -> std::io::Result<()> {
    for name in [COPY, ORIGIN] {
        let p = dir.join(name);
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    Ok(())
}

/// The report as a PDF. Every PDF action (export, print) goes through here.
pub fn export_pdf(report: &Report, opts: &PdfOptions) -> Result<Vec<u8>> {
    Ok(crate::export::pdf::export(report, opts)?)
}

/// Pages of the report's PDF.
pub fn page_count(report: &Report, opts: &PdfOptions) -> Result<usize> {
    Ok(crate::export::pdf::pages(report, opts)?.pages.len())
}

/// Prints the report as `job` through `backend` (to the print system, or the PDF viewer
/// when `system` is false); what happened, or why not, for the user.
pub fn print_job(
    backend: &dyn crate::print::PrintBackend,
    report: &Report,
    opts: &PdfOptions,
    job: &crate::print::Job,
    system: bool,
) -> std::result::Result<String, String> {
    let pages = crate::export::pdf::pages(report, opts).map_err(|e| format!("{e:#}"))?;
    let pdf = crate::export::pdf::write(&pages, &opts.fonts).map_err(|e| format!("{e:#}"))?;
    let stem = report.year.to_string();
    crate::print::print(backend, &pdf, (&pages, &opts.fonts), &stem, job, system)
        .map(|o| o.message())
}

/// Writes the report as plain text.
pub fn export_text(report: &Report, path: &Path) -> Result<()> {
    let text = crate::export::text::to_text(report, crate::export::text::TextOptions::default());
    std::fs::write(path, text).with_context(|| format!("无法写入“{}”", path.display()))
}

/// Writes PDF bytes.
pub fn write_pdf(report: &Report, opts: &PdfOptions, path: &Path) -> Result<()> {
    let bytes = export_pdf(report, opts)?;
    std::fs::write(path, bytes).with_context(|| format!("无法写入“{}”", path.display()))
}

/// Writes the 审核意见 on the open report: its open problems, dated today.
pub fn write_opinion(doc: &super::doc::Doc, opts: &PdfOptions, path: &Path) -> Result<()> {
    let signer = crate::check::opinion::Signer {
        office: String::new(),
        date: Some(chrono::Local::now().date_naive()),
    };
    let bytes =
        crate::check::opinion::pdf(&doc.report, &doc.diags, &doc.review, &signer, &opts.fonts)?;
    std::fs::write(path, bytes).with_context(|| format!("无法写入“{}”", path.display()))
}

/// Writes the report as a Word document.
pub fn write_docx(report: &Report, path: &Path) -> Result<()> {
    let bytes = crate::export::docx::export(report)?;
    std::fs::write(path, bytes).with_context(|| format!("无法写入“{}”", path.display()))
}

/// Writes the report as a web page.
pub fn write_html(report: &Report, path: &Path) -> Result<()> {
    let html = crate::export::html::export(report, crate::export::html::HtmlKind::Page);
    std::fs::write(path, html).with_context(|| format!("无法写入“{}”", path.display()))
}

/// The agency's reports of other years among the recent drafts (for 历年数据), read on a
/// thread of their own: opening a report (and starting the window) does not wait for up
/// to nine drafts to be parsed. A draft that no longer reads is passed over.
#[derive(Default)]
pub struct OtherYears {
    pending: Option<Receiver<Vec<Report>>>,
    reports: Vec<Report>,
}

impl OtherYears {
    pub fn start(recent: &[PathBuf], doc: &super::doc::Doc) -> OtherYears {
        use crate::model::last_year::same_agency;
        let own = doc
            .path
            .as_ref()
            .map(|p| std::fs::canonicalize(p).unwrap_or(p.clone()));
        let (agency, year) = (doc.report.agency.clone(), doc.report.year);
        let paths: Vec<PathBuf> = recent
            .iter()
            .filter(|p| Some(*p) != own.as_ref() && draft::is_draft_path(p))
            .cloned()
            .collect();
        if agency.trim().is_empty() || paths.is_empty() {
            return OtherYears::default();
        }
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let found = paths
                .iter()
                .filter_map(|p| draft::load(p).ok())
                .filter(|r| r.year != year && same_agency(&r.agency, &agency))
                .collect();
            let _ = tx.send(found);
        });
        OtherYears {
            pending: Some(rx),
            reports: Vec::new(),
        }
    }

    /// The reports read so far (none until the thread is done), and whether it still runs.
    pub fn poll(&mut self) -> (&[Report], bool) {
        if let Some(rx) = &self.pending {
            match rx.try_recv() {
                Ok(found) => {
                    self.reports = found;
                    self.pending = None;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        (&self.reports, self.pending.is_some())
    }
}

/// The 图解 of `report` (last year's beside it when set) in `format`.
pub fn write_infographic(
    report: &Report,
    opts: &PdfOptions,
    format: crate::export::infographic::Format,
    path: &Path,
) -> Result<()> {
    let scene =
        crate::export::infographic::draw(report, &opts.fonts).map_err(anyhow::Error::msg)?;
    let bytes = format
        .write(&scene, &opts.fonts)
        .map_err(anyhow::Error::msg)?;
    std::fs::write(path, bytes).with_context(|| format!("无法写入“{}”", path.display()))
}

/// The report, or one of its tables, as an HTML fragment and the same as plain text: what
/// 复制为网页格式 puts on the clipboard.
pub fn html_and_text(report: &Report, table: Option<usize>) -> (String, String) {
    use crate::export::{html, text};
    match table {
        Some(t) => (
            html::table_fragment(report, t),
            text::table_text(report, t, text::TextOptions::default()),
        ),
        None => (
            html::export(report, html::HtmlKind::Fragment),
            text::to_text(report, text::TextOptions::default()),
        ),
    }
}

/// Puts HTML on the system clipboard with a plain-text alternative, so a portal editor,
/// Word or WPS pastes real tables and a plain editor still gets the text.
pub fn copy_html(html: &str, text: &str) -> Result<()> {
    let mut clip = arboard::Clipboard::new().map_err(|e| anyhow::anyhow!("无法访问剪贴板：{e}"))?;
    clip.set_html(html, Some(text))
        .map_err(|e| anyhow::anyhow!("无法写入剪贴板：{e}"))
}
