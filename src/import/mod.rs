//! Turning a published report (plain text copied from a portal, or saved from Word/WPS)
//! into an editable draft.
//!
//! The text is cut at the six section headings ([`document`]); the title, header
//! paragraph and signature give agency, year and date; each statistical table is read by
//! anchoring the template's row labels ([`table`]). The format (2019 or 2021) is chosen
//! by which template's own labels the tables print. Everything the importer could not
//! place, or had to interpret, becomes a [`Note`] for the user; nothing is invented.

pub mod blocks;
mod clean;
mod decode;
mod document;
mod docx;
mod html;
pub mod job;
pub mod label;
mod layout;
mod misread;
mod pdf;
mod quiet;
pub mod scan;
mod split;
mod table;

pub use blocks::{Block, Form, Grid, GridCell};

use std::sync::LazyLock;

use crate::model::{Cell, Origin, Provenance, Report};
use crate::template::{self, CellId, Template};

/// File name endings of the report files the importer reads, for file dialogs and
/// folder scans (the form itself is always told from the bytes).
pub const REPORT_EXTENSIONS: [&str; 12] = [
    "docx", "html", "htm", "pdf", "txt", "md", "markdown", "png", "jpg", "jpeg", "tif", "tiff",
];

/// File name endings of page pictures (scans, photos), among [`REPORT_EXTENSIONS`].
pub const PICTURE_EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "tif", "tiff"];

/// Whether `path` is named like a page picture.
pub fn is_picture_file(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| PICTURE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Whether `path` is named like a report file the importer reads.
pub fn is_report_file(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Largest file accepted: a scanned report of twenty pages at 300 dpi in colour.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Largest text, Word file or web page: a report is a few tens of kilobytes.
const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Why a text could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("不是政府信息公开工作年度报告：{0}")]
    NotAReport(String),
    #[error("无法识别文件的文字编码（支持 UTF-8、UTF-16 和 GB18030/GBK），可能不是文本文件")]
    Encoding,
    #[error("文件过大（{0} MB），年度报告的文本通常不超过 1 MB")]
    TooLarge(usize),
    #[error("这是旧版 Word/WPS 文件，请在 Word 或 WPS 中另存为 .docx 后再导入")]
    OldOffice,
    #[error("这是 RTF 文件，请在 Word 或 WPS 中另存为 .docx 后再导入")]
    Rtf,
    /// A PDF without a text layer: its pages are pictures, read by OCR ([`scan`]).
    #[error("这是扫描件，没有可提取的文字")]
    Scanned,
    /// A scan or photo that cannot be read; the text says why, in Chinese.
    #[error("扫描件无法识别：{0}")]
    Picture(String),
    #[error("已取消导入")]
    Cancelled,
    #[error("文件已加密，请在原程序中取消密码保护后再导入")]
    Encrypted,
    /// A file of a known form that cannot be read: truncated, corrupt, or not a report's
    /// kind of document (a spreadsheet in a zip). The text says which, in Chinese.
    #[error("{form}文件无法读取：{reason}")]
    Damaged { form: &'static str, reason: String },
    #[error("暂不能读取{0}，请复制其中的文字后粘贴导入")]
    Unsupported(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteLevel {
    /// What the importer interpreted (a label spelled differently, a split run of digits).
    Info,
    /// What needs the user's attention (missing cells, unrecognised content).
    Warning,
}

/// One thing the user should know about the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub level: NoteLevel,
    pub message: String,
    /// 1-based line of the input the note is about.
    pub line: Option<usize>,
    /// Cells the note is about.
    pub cells: Vec<CellId>,
    /// What the note says of its cells' values, when the note's level does not (a value
    /// split from a run is read; one a warning is about is to check).
    pub origin: Option<Origin>,
}

impl Note {
    fn info(message: String) -> Note {
        Note {
            level: NoteLevel::Info,
            message,
            line: None,
            cells: Vec::new(),
            origin: None,
        }
    }

    fn warn(message: String) -> Note {
        Note {
            level: NoteLevel::Warning,
            ..Note::info(message)
        }
    }

    fn at(mut self, line: Option<usize>) -> Note {
        self.line = line;
        self
    }

    fn cells(mut self, cells: Vec<CellId>) -> Note {
        self.cells = cells;
        self
    }

    fn origin(mut self, origin: Origin) -> Note {
        self.origin = Some(origin);
        self
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            NoteLevel::Info => "说明",
            NoteLevel::Warning => "注意",
        };
        match self.line {
            Some(l) => write!(f, "{level}（第{l}行）：{}", self.message),
            None => write!(f, "{level}：{}", self.message),
        }
    }
}

/// An imported report and what the user should know about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub report: Report,
    pub notes: Vec<Note>,
    /// The form the report came in.
    pub form: Form,
}

/// Imports a report file of any form nianbao reads (Word .docx, a saved web page, a PDF
/// with a text layer or scanned, a picture of its pages, or text in UTF-8, UTF-16 or
/// GB18030/GBK), told apart by its bytes.
pub fn import_bytes(bytes: &[u8]) -> Result<Imported, ImportError> {
    import_bytes_with(bytes, &|_, _| true)
}

/// As [`import_bytes`], telling `progress` of each page read by OCR (which takes a
/// second or two a page); `progress` answering `false` cancels.
pub fn import_bytes_with(bytes: &[u8], progress: scan::Progress) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(bytes.len() / (1024 * 1024)));
    }
    let form = match Form::sniff(bytes) {
        blocks::Sniffed::Form(f) => f,
        blocks::Sniffed::OldOffice if docx::is_encrypted_ole(bytes) => {
            return Err(ImportError::Encrypted);
        }
        blocks::Sniffed::OldOffice => return Err(ImportError::OldOffice),
        blocks::Sniffed::Rtf => return Err(ImportError::Rtf),
    };
    if !matches!(form, Form::Pdf | Form::Image) && bytes.len() > MAX_TEXT_BYTES {
        return Err(ImportError::TooLarge(bytes.len() / (1024 * 1024)));
    }
    let mut imported = match form {
        Form::Text => {
            let (text, encoding) = decode::decode(bytes)?;
            let mut imported = import_text(&text)?;
            if encoding != "UTF-8" {
                imported
                    .notes
                    .insert(0, Note::info(format!("文件按 {encoding} 编码读取")));
            }
            imported
        }
        Form::Docx => import_blocks(docx::read(bytes)?)?,
        Form::Html => {
            let (blocks, encoding) = html::read(bytes)?;
            let mut imported = import_blocks(blocks)?;
            if encoding != "UTF-8" {
                imported
                    .notes
                    .insert(0, Note::info(format!("网页按 {encoding} 编码读取")));
            }
            imported
        }
        Form::Pdf => match pdf::read(bytes) {
            Err(ImportError::Scanned) => import_scan(scan::from_pdf(bytes)?, progress)?,
            read => import_blocks(read?)?,
        },
        Form::Image => {
            let format =
                scan::sniff(bytes).ok_or(ImportError::Picture("图片格式无法识别".into()))?;
            import_scan(scan::from_file(bytes, format)?, progress)?
        }
    };
    imported.form = form;
    Ok(imported)
}

/// Imports page pictures read by OCR: every value taken from them is marked as read by
/// OCR, and the notes say so.
fn import_scan(
    pages: Vec<scan::PagePicture>,
    progress: scan::Progress,
) -> Result<Imported, ImportError> {
    let (blocks, reading) = scan::read(pages, progress)?;
    let mut imported = import_blocks(blocks)?;
    let report = &mut imported.report;
    let t = report.template;
    for c in (0..t.tables.len()).flat_map(|ti| t.table_cells(ti)) {
        if let Some(p) = report.origin(c).filter(|p| p.from == Origin::Read) {
            let note = p.note.clone();
            report.set_origin(c, Provenance::new(Origin::Ocr, note));
        }
    }
    let checked = misread::check(report);
    // A cell the equations settled is no longer as the reader noted it.
    let settled: Vec<CellId> = checked.iter().flat_map(|n| n.cells.clone()).collect();
    imported
        .notes
        .retain(|n| n.cells.is_empty() || !n.cells.iter().all(|c| settled.contains(c)));
    imported.notes.extend(checked);
    let mut note = format!(
        "这是扫描件：{} 页由文字识别（OCR）读出，表格数值和正文请与原件核对",
        reading.pages
    );
    if reading.unsure_digits > 0 {
        note.push_str(&format!(
            "；{} 个数字识别不确定：按勾稽关系能确定的已填入，其余留空待核对",
            reading.unsure_digits
        ));
    }
    imported.notes.insert(0, Note::warn(note));
    Ok(imported)
}

/// Imports a document already read into blocks (by the Word, HTML or PDF reader, or
/// from the clipboard's HTML).
pub fn import_blocks(blocks: Vec<Block>) -> Result<Imported, ImportError> {
    let mut imported = import_document(document::Document::parse(blocks::lines(&blocks))?)?;
    // Line numbers of the synthetic text mean nothing to the user of a Word, web or
    // PDF document; the notes name their rows and cells instead.
    for n in &mut imported.notes {
        n.line = None;
    }
    Ok(imported)
}

/// HTML given without a file (what a browser or Word puts on the clipboard) read into
/// blocks, tables included.
pub fn html_fragment_blocks(html: &str) -> Vec<Block> {
    html::read_fragment(html)
}

/// Imports a report given as HTML without a file: what a browser or Word puts on the
/// clipboard when a report is copied, tables included.
pub fn import_html_fragment(html: &str) -> Result<Imported, ImportError> {
    let mut imported = import_blocks(html::read_fragment(html))?;
    imported.form = Form::Html;
    Ok(imported)
}

/// Imports a report's text.
pub fn import_text(text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(text.len() / (1024 * 1024)));
    }
    if let Some(blocks) = embedded_tables(text)? {
        return import_blocks(blocks);
    }
    import_document(document::Document::parse(blocks::text_lines(
        &clean::clean(text),
    ))?)
}

/// Text with HTML tables in it, as PDF-to-markdown converters write tables with merged
/// cells: the text around them as paragraphs, the tables read by the HTML reader.
fn embedded_tables(text: &str) -> Result<Option<Vec<Block>>, ImportError> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("<table") || !lower.contains("</table>") {
        return Ok(None);
    }
    let mut blocks = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<table").map(|p| at + p) {
        let Some(end) = lower[start..]
            .find("</table>")
            .map(|p| start + p + "</table>".len())
        else {
            break;
        };
        let before = clean::clean(&text[at..start]);
        blocks.extend(before.lines().map(|l| Block::Para(l.to_string())));
        let (tables, _) = html::read(&text.as_bytes()[start..end])?;
        blocks.extend(tables);
        at = end;
    }
    let rest = clean::clean(&text[at..]);
    blocks.extend(rest.lines().map(|l| Block::Para(l.to_string())));
    Ok(Some(blocks))
}

fn import_document(doc: document::Document) -> Result<Imported, ImportError> {
    let mut notes = doc.notes.clone();
    let t = detect_template(&doc, &mut notes);
    let year = doc.year.unwrap_or_else(last_year);
    let mut report = Report::new(t, &doc.agency, year);
    report.publish_date = doc.publish_date;
    report.header = doc.header_fields.clone();
    // The template's default download place is what an unedited header says; keeping it
    // empty lets the header follow a later change of the agency name.
    let default_download = t.header.default_download.replace("{agency}", &doc.agency);
    if report.header.download == default_download {
        report.header.download.clear();
    }
    report.header_text = doc.header_text.clone();
    report.agency_kind = doc.agency_kind(t);
    for (si, section) in t.sections.iter().enumerate() {
        let Some(lines) = doc.section_lines(si) else {
            notes.push(Note::warn(format!(
                "没有找到“{}”的标题，该部分留空",
                section.title
            )));
            continue;
        };
        match section.table {
            None => {
                let (text, dropped) = document::paragraphs(lines);
                report.texts[si] = text;
                if let Some(&first) = dropped.first() {
                    notes.push(
                        Note::info(format!(
                            "“{}”中{}行页码（如“— 3 —”）不是正文，未导入",
                            section.title,
                            dropped.len()
                        ))
                        .at(Some(first)),
                    );
                }
            }
            Some(ti) => {
                let (prose, cells) = document::split_prose(lines);
                if !prose.is_empty() {
                    notes.push(Note::info(format!(
                        "表{}前后的说明文字已作为表注导入",
                        t.tables[ti].short
                    )));
                    report.notes[ti] = prose;
                }
                let toks = table::tokenize(cells.into_iter());
                table::read(&mut report, ti, &toks, &mut notes);
            }
        }
    }
    mark_origins(&mut report, &notes);
    if !t.covers_year(year) {
        notes.push(Note::warn(format!(
            "报告年度{year}年不在“{}”的适用年度内，请核对",
            t.name
        )));
    }
    Ok(Imported {
        report,
        notes,
        form: Form::Text,
    })
}

/// Gives every table cell its provenance: what the readers marked (found in the document),
/// refined by the notes about cells (a warning's cells are to check, or were not read),
/// and every input cell nothing was found for marked as not read. A total left empty is
/// not marked: the app computes it from its items, whose marks it inherits.
fn mark_origins(report: &mut Report, notes: &[Note]) {
    for n in notes {
        for &c in &n.cells {
            // An unprinted total is computed from its items and inherits their marks.
            if report.is_derived(c) && report.cell(c).is_empty() {
                continue;
            }
            let from = match (n.origin, n.level, report.cell(c)) {
                (Some(o), _, _) => o,
                (None, NoteLevel::Info, _) => Origin::Read,
                (None, NoteLevel::Warning, Cell::Empty) => Origin::Missing,
                (None, NoteLevel::Warning, Cell::Invalid(_)) => Origin::Unreadable,
                (None, NoteLevel::Warning, _) => Origin::Loose,
            };
            // A warning outranks what a reader or an earlier note said of the cell.
            let keep = report
                .origin(c)
                .is_some_and(|p| p.from.doubtful() && !from.doubtful());
            if !keep {
                report.set_origin(c, Provenance::new(from, n.message.clone()));
            }
        }
    }
    let t = report.template;
    for ti in 0..t.tables.len() {
        for c in t.table_cells(ti) {
            if report.origin(c).is_some() {
                continue;
            }
            let from = match report.cell(c) {
                Cell::Empty if report.is_derived(c) => continue,
                Cell::Empty => Origin::Missing,
                Cell::Invalid(_) => Origin::Unreadable,
                _ => Origin::Read,
            };
            report.set_origin(c, Provenance::new(from, ""));
        }
    }
}

/// The template whose own labels (those no other template has) the tables print most;
/// ties go to the format of the report year (spec §4.3).
fn detect_template(doc: &document::Document, notes: &mut Vec<Note>) -> &'static Template {
    let text = label::normalize(&doc.table_text());
    let mut best: Option<(usize, &'static Template)> = None;
    for (t, own) in OWN_LABELS.iter() {
        let hits = own.iter().filter(|l| text.contains(l.as_str())).count();
        let fallback = doc.year.is_some_and(|y| t.covers_year(y));
        if best.is_none_or(|(b, bt)| {
            hits > b || (hits == b && fallback && !doc.year.is_some_and(|y| bt.covers_year(y)))
        }) {
            best = Some((hits, t));
        }
    }
    let (hits, t) = best.expect("at least one template is compiled in");
    if hits == 0 {
        let t = template::for_year(doc.year.unwrap_or_else(last_year));
        notes.push(Note::warn(format!(
            "表格中没有能区分格式的栏目，按报告年度使用“{}”",
            t.name
        )));
        return t;
    }
    notes.push(Note::info(format!("按表格栏目识别为“{}”", t.name)));
    t
}

/// Each template's own labels: those no other template's label contains ("规范性文件" is
/// inside "行政规范性文件", so it tells nothing).
static OWN_LABELS: LazyLock<Vec<(&'static Template, Vec<String>)>> = LazyLock::new(|| {
    let all = template::all();
    let labels: Vec<Vec<String>> = all.iter().copied().map(labels_of).collect();
    all.iter()
        .enumerate()
        .map(|(i, t)| {
            let own = labels[i]
                .iter()
                .filter(|l| {
                    labels
                        .iter()
                        .enumerate()
                        .all(|(j, others)| j == i || !others.iter().any(|o| o.contains(l.as_str())))
                })
                .cloned()
                .collect();
            (*t, own)
        })
        .collect()
});

fn labels_of(t: &Template) -> Vec<String> {
    let mut v = Vec::new();
    for tab in &t.tables {
        for b in &tab.blocks {
            v.extend(b.def.title.iter().map(|s| label::normalize(s)));
            v.extend(b.columns.iter().map(|c| label::normalize(&c.label)));
            v.extend(b.row_group_labels().into_iter().map(label::normalize));
        }
        v.extend(tab.rows.iter().map(|r| label::normalize(&r.label)));
    }
    v.retain(|l| l.chars().count() >= 2);
    v.sort();
    v.dedup();
    v
}

/// Report year when the text names none (the importer notes it): last year, the one
/// reports are written about.
fn last_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year() - 1
}
