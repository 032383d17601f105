//! Drafts on disk: RON files with a `format_version`, loaded with precise Chinese error
//! messages, migrated from older versions, and saved atomically with a `.bak` copy.
//!
//! Drafts are named `*.nianbao` so that a desktop can associate them with the app (a
//! generic `.ron` cannot be); `*.ron` drafts from earlier versions open the same way.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{HeaderFields, Provenance, Report, Review};
use crate::template::{self, Template};

/// Version written by this build.
///
/// History: 1 → 2 added header fields and notes and keyed cells by table; 2 → 3 added the
/// 已核实 marks (`reviews`); 3 → 4 added where imported cells came from (`origins`); 4 → 5
/// added cells read by OCR from a scan (origin `Ocr`), which a build reading version 4
/// would take for a damaged file; 5 → 6 added the statistics sentences as last generated
/// (`statistics`). Older files load with the new parts empty: their cells were typed or
/// already checked, and nothing in their texts is the program's to rewrite.
pub const FORMAT_VERSION: u32 = 6;

/// The extension of draft files (RON inside), registered as `application/x-nianbao`.
pub const EXTENSION: &str = "nianbao";

/// The extension drafts had before `.nianbao`; such files still open.
pub const LEGACY_EXTENSION: &str = "ron";

/// Whether `path` is named like a draft: `.nianbao` or `.ron`, in any case.
pub fn is_draft_path(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        e.eq_ignore_ascii_case(EXTENSION) || e.eq_ignore_ascii_case(LEGACY_EXTENSION)
    })
}

/// Drafts larger than this are not drafts (a full report is a few tens of KB).
const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a draft could not be read or written. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("无法读取文件“{path}”：{reason}")]
    Read { path: String, reason: String },
    #[error("文件“{path}”第{line}行第{col}列：{what}")]
    Syntax {
        path: String,
        line: usize,
        col: usize,
        what: String,
    },
    #[error(
        "文件“{path}”的格式版本为 {found}，高于本程序支持的版本 {FORMAT_VERSION}，请升级 nianbao 后再打开（文件未作任何改动）"
    )]
    Newer { path: String, found: u32 },
    #[error("保存“{path}”失败：{reason}（原文件未改动）")]
    Save { path: String, reason: String },
}

/// Cells of one table: row id → column id → text, in template order.
type TableCells = IndexMap<String, IndexMap<String, String>>;

/// Origins of one table's imported cells: row id → column id → provenance.
type TableOrigins = IndexMap<String, IndexMap<String, Provenance>>;

/// The current file shape; version 3 files are the same without `origins`, version 2 files
/// also without `reviews`.
#[derive(Debug, Serialize, Deserialize)]
struct DraftV4 {
    format_version: u32,
    template: String,
    agency: String,
    year: i32,
    #[serde(default)]
    agency_kind: String,
    #[serde(default)]
    publish_date: Option<NaiveDate>,
    #[serde(default)]
    header: HeaderFields,
    #[serde(default)]
    header_text: String,
    /// Section id → text.
    #[serde(default)]
    sections: IndexMap<String, String>,
    /// Table id → cells.
    #[serde(default)]
    tables: IndexMap<String, TableCells>,
    /// Table id → note printed under the table.
    #[serde(default)]
    notes: IndexMap<String, String>,
    #[serde(default)]
    previous: Option<Box<DraftV4>>,
    /// Warnings marked 已核实 (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reviews: Vec<Review>,
    /// Table id → where imported cells came from, until the user edits or confirms them
    /// (version 4).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    origins: IndexMap<String, TableOrigins>,
    /// The statistics sentences as last written into the texts (version 6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    statistics: Vec<String>,
}

/// Version 1: sections as a list in template order, cells keyed `table.row.column`, no
/// header fields and no notes.
#[derive(Debug, Deserialize)]
struct DraftV1 {
    template: String,
    agency: String,
    year: i32,
    #[serde(default)]
    publish_date: Option<NaiveDate>,
    #[serde(default)]
    header_text: String,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    cells: IndexMap<String, String>,
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Reads a draft. The file is never written to.
pub fn load(path: &Path) -> Result<Report, DraftError> {
    let shown = path.display().to_string();
    let read_err = |reason: String| DraftError::Read {
        path: shown.clone(),
        reason,
    };
    let meta = fs::metadata(path).map_err(|e| read_err(io_reason(&e)))?;
    if meta.len() > MAX_DRAFT_BYTES {
        return Err(read_err(format!(
            "文件过大（{:.1} MB），不是 nianbao 草稿",
            meta.len() as f64 / 1048576.0
        )));
    }
    let bytes = fs::read(path).map_err(|e| read_err(io_reason(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        DraftError::Syntax {
            path: shown.clone(),
            line,
            col,
            what: "文件不是 UTF-8 编码的文本，不是 nianbao 草稿".into(),
        }
    })?;
    from_str(&text, &shown)
}

/// Parses draft text; `path` is only used in messages.
pub fn from_str(text: &str, path: &str) -> Result<Report, DraftError> {
    let syntax = |e: ron::error::SpannedError| DraftError::Syntax {
        path: path.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        what: ron_reason(&e.code),
    };
    let probe: VersionProbe = ron::from_str(text).map_err(syntax)?;
    match probe.format_version {
        1 => {
            let v1: DraftV1 = ron::from_str(text).map_err(syntax)?;
            let d = migrate_v1(v1, text, path)?;
            to_report(d, text, path)
        }
        // Versions 2 and 3 are version 4 without marks or origins: both default to none.
        // Version 5 is version 4 with one more kind of origin; 6 adds the statistics
        // sentences, none before.
        2..=5 | FORMAT_VERSION => {
            let d: DraftV4 = ron::from_str(text).map_err(syntax)?;
            to_report(d, text, path)
        }
        found if found > FORMAT_VERSION => Err(DraftError::Newer {
            path: path.to_string(),
            found,
        }),
        found => Err(content_error(
            text,
            path,
            "format_version",
            format!("未知的格式版本 {found}"),
        )),
    }
}

/// Serialises a report to draft text.
pub fn to_string(report: &Report) -> String {
    let dto = to_dto(report);
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        // The same bytes on every system (ron's default is CRLF on Windows), so a draft
        // carried between a Windows PC and a Linux desktop is unchanged.
        .new_line("\n".to_string())
        .struct_names(false);
    let mut s = ron::ser::to_string_pretty(&dto, config).expect("drafts always serialise");
    s.push('\n');
    s
}

/// Saves atomically: a temporary file in the same folder is written and synced, the old
/// file is copied to `<name>.bak`, then the temporary file is renamed over the target.
/// On any failure the old file is untouched and the reason is returned.
pub fn save(report: &Report, path: &Path) -> Result<(), DraftError> {
    // A file marked read-only is one the user (or a colleague) meant to keep: refused at
    // once, on every system (on Linux a rename would silently replace it).
    if fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly()) {
        return Err(DraftError::Save {
            path: path.display().to_string(),
            reason: "文件为只读：请另存为其他文件，或在文件属性中取消“只读”".into(),
        });
    }
    let text = to_string(report);
    write_atomic(path, text.as_bytes()).map_err(|e| DraftError::Save {
        path: path.display().to_string(),
        reason: io_reason(&e),
    })
}

/// Path of the backup kept beside a draft.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if path.exists() {
            let bak = backup_path(path);
            let bak_tmp = dir.join(format!(".{name}.{}.baktmp", std::process::id()));
            fs::copy(path, &bak_tmp)?;
            // Opened for writing: Windows flushes only a handle that may write.
            fs::OpenOptions::new()
                .write(true)
                .open(&bak_tmp)?
                .sync_all()?;
            rename_over(&bak_tmp, &bak)?;
        }
        rename_over(&tmp, path)?;
        // Make the rename itself durable. Directories cannot be opened for sync on Windows.
        #[cfg(unix)]
        File::open(&dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Renames `from` over `to`. On Windows (NTFS, network shares) a file another program has
/// open cannot be replaced; virus scanners, search indexers and sync clients hold a file for
/// moments after it is written, so a lock is waited out for up to two seconds before it is
/// reported (Word or WPS holding it then gets the reason from [`io_reason`]).
fn rename_over(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut wait = std::time::Duration::from_millis(25);
    let mut waited = std::time::Duration::ZERO;
    loop {
        match fs::rename(from, to) {
            Err(e) if crate::platform::is_locked(&e) && waited < LOCK_PATIENCE => {
                std::thread::sleep(wait);
                waited += wait;
                wait = (wait * 2).min(std::time::Duration::from_millis(400));
            }
            r => return r,
        }
    }
}

/// How long a save waits for another program to let go of the draft.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

/// A Chinese reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if let Some(why) = crate::platform::windows_reason(e) {
        return why.into();
    }
    match e.kind() {
        NotFound => "文件或文件夹不存在".into(),
        PermissionDenied => "没有访问权限".into(),
        ReadOnlyFilesystem => "文件夹为只读".into(),
        StorageFull => "磁盘空间不足".into(),
        FileTooLarge => "文件超出允许的大小（磁盘配额已满）".into(),
        QuotaExceeded => "磁盘配额已满".into(),
        IsADirectory => "这是一个文件夹，不是文件".into(),
        AlreadyExists => "文件已存在".into(),
        InvalidData => "文件内容无法读取".into(),
        _ => format!("系统错误：{e}"),
    }
}

fn ron_reason(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::Eof => "文件意外结束，可能不完整或已损坏".into(),
        E::MissingStructField { field, .. } => format!("缺少必需的字段“{field}”"),
        E::NoSuchStructField { found, .. } => format!("无法识别的字段“{found}”"),
        E::DuplicateStructField { field, .. } => format!("字段“{field}”重复出现"),
        E::InvalidValueForType { expected, found } => {
            format!("数据类型不对：应为 {expected}，实际为 {found}")
        }
        E::ExpectedString | E::ExpectedStringEnd => "此处应为带引号的文字".into(),
        E::ExpectedInteger => "此处应为整数".into(),
        E::Message(m)
            if m.contains("input contains invalid characters")
                || m.contains("premature end of input") =>
        {
            format!("日期格式不对（应为 YYYY-MM-DD）：{m}")
        }
        other => format!("格式不正确，不是有效的 nianbao 草稿（{other}）"),
    }
}

/// 1-based line and column of the end of `prefix`.
fn line_col(prefix: &[u8]) -> (usize, usize) {
    let s = String::from_utf8_lossy(prefix);
    let line = s.matches('\n').count() + 1;
    let col = s.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// An error about content, located at the first occurrence of `needle` in the file.
fn content_error(text: &str, path: &str, needle: &str, what: String) -> DraftError {
    let at = text.find(needle).unwrap_or(0);
    let (line, col) = line_col(&text.as_bytes()[..at]);
    DraftError::Syntax {
        path: path.to_string(),
        line,
        col,
        what,
    }
}

fn migrate_v1(v1: DraftV1, text: &str, path: &str) -> Result<DraftV4, DraftError> {
    let t = find_template(&v1.template, text, path)?;
    let mut sections = IndexMap::new();
    // Version 1 listed all six sections; table sections had no text.
    for (s, body) in t.sections.iter().zip(v1.sections) {
        if s.table.is_none() {
            sections.insert(s.id.clone(), body);
        }
    }
    let mut tables: IndexMap<String, TableCells> = IndexMap::new();
    for (key, value) in v1.cells {
        let mut parts = key.splitn(3, '.');
        let (Some(tb), Some(row), Some(col)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(content_error(
                text,
                path,
                &key,
                format!("单元格编号“{key}”应为“表.行.列”形式"),
            ));
        };
        tables
            .entry(tb.to_string())
            .or_default()
            .entry(row.to_string())
            .or_default()
            .insert(col.to_string(), value);
    }
    Ok(DraftV4 {
        format_version: FORMAT_VERSION,
        template: v1.template,
        agency: v1.agency,
        year: v1.year,
        agency_kind: String::new(),
        publish_date: v1.publish_date,
        header: HeaderFields::default(),
        header_text: v1.header_text,
        sections,
        tables,
        notes: IndexMap::new(),
        previous: None,
        reviews: Vec::new(),
        statistics: Vec::new(),
        origins: IndexMap::new(),
    })
}

fn find_template(id: &str, text: &str, path: &str) -> Result<&'static Template, DraftError> {
    template::get(id).ok_or_else(|| {
        let known: Vec<&str> = template::all().iter().map(|t| t.id.as_str()).collect();
        content_error(
            text,
            path,
            &format!("\"{id}\""),
            format!("未知的报告模板“{id}”（本程序支持：{}）", known.join("、")),
        )
    })
}

fn to_report(d: DraftV4, text: &str, path: &str) -> Result<Report, DraftError> {
    let t = find_template(&d.template, text, path)?;
    if !(1990..=2200).contains(&d.year) {
        return Err(content_error(
            text,
            path,
            "year",
            format!("报告年度 {} 不是有效的年份", d.year),
        ));
    }
    let mut r = Report::new(t, &d.agency, d.year);
    if !d.agency_kind.is_empty() {
        if t.deadline(&d.agency_kind).is_none() {
            return Err(content_error(
                text,
                path,
                &format!("\"{}\"", d.agency_kind),
                format!("未知的机关类别“{}”", d.agency_kind),
            ));
        }
        r.agency_kind = d.agency_kind;
    }
    r.publish_date = d.publish_date;
    r.header = d.header;
    r.header_text = d.header_text;
    for (id, body) in d.sections {
        let i = t
            .section_index(&id)
            .filter(|&i| t.sections[i].table.is_none());
        let Some(i) = i else {
            return Err(content_error(
                text,
                path,
                &format!("\"{id}\""),
                format!("模板中没有文字部分“{id}”"),
            ));
        };
        r.texts[i] = body;
    }
    for (id, note) in d.notes {
        let Some(i) = t.table_index(&id) else {
            return Err(content_error(
                text,
                path,
                &format!("\"{id}\""),
                format!("模板中没有表格“{id}”"),
            ));
        };
        r.notes[i] = note;
    }
    by_cell(t, d.tables, text, path, |cell, value| {
        r.set_input(cell, &value)
    })?;
    if let Some(prev) = d.previous {
        r.previous = Some(Box::new(to_report(*prev, text, path)?));
    }
    // Marks are kept as written: one naming a warning the report no longer raises is shown
    // to the user as such, not dropped unasked.
    r.reviews = d.reviews;
    r.statistics = d.statistics;
    by_cell(t, d.origins, text, path, |cell, p| r.set_origin(cell, p))?;
    Ok(r)
}

/// Hands each entry of a table id → row id → column id map to `f` with its cell; an id
/// the template does not know is an error at its place in the file.
fn by_cell<V>(
    t: &Template,
    tables: IndexMap<String, IndexMap<String, IndexMap<String, V>>>,
    text: &str,
    path: &str,
    mut f: impl FnMut(crate::template::CellId, V),
) -> Result<(), DraftError> {
    for (tid, rows) in tables {
        for (rid, cols) in rows {
            for (cid, value) in cols {
                let Some(cell) = t.cell_id(&tid, &rid, &cid) else {
                    return Err(content_error(
                        text,
                        path,
                        &format!("\"{cid}\""),
                        format!("模板中没有单元格 {tid}/{rid}/{cid}"),
                    ));
                };
                f(cell, value);
            }
        }
    }
    Ok(())
}

fn to_dto(r: &Report) -> DraftV4 {
    let t = r.template;
    let sections = t
        .sections
        .iter()
        .zip(&r.texts)
        .filter(|(s, _)| s.table.is_none())
        .map(|(s, body)| (s.id.clone(), body.clone()))
        .collect();
    let mut tables: IndexMap<String, TableCells> = IndexMap::new();
    for (ti, tab) in t.tables.iter().enumerate() {
        let mut rows = TableCells::new();
        for id in t.table_cells(ti) {
            let c = r.cell(id);
            if c.is_empty() {
                continue;
            }
            let (_, row, col) = t.cell_ids(id);
            rows.entry(row.to_string())
                .or_default()
                .insert(col.to_string(), c.text().into_owned());
        }
        if !rows.is_empty() {
            tables.insert(tab.id.clone(), rows);
        }
    }
    let notes = t
        .tables
        .iter()
        .zip(&r.notes)
        .filter(|(_, n)| !n.is_empty())
        .map(|(tab, n)| (tab.id.clone(), n.clone()))
        .collect();
    DraftV4 {
        format_version: FORMAT_VERSION,
        template: t.id.clone(),
        agency: r.agency.clone(),
        year: r.year,
        agency_kind: r.agency_kind.clone(),
        publish_date: r.publish_date,
        header: r.header.clone(),
        header_text: r.header_text.clone(),
        sections,
        tables,
        notes,
        previous: r.previous.as_ref().map(|p| Box::new(to_dto(p))),
        reviews: r.reviews.clone(),
        origins: origins_dto(r),
        statistics: r.statistics.clone(),
    }
}

fn origins_dto(r: &Report) -> IndexMap<String, TableOrigins> {
    let t = r.template;
    let mut out: IndexMap<String, TableOrigins> = IndexMap::new();
    for (i, p) in r.provenance.iter().enumerate() {
        let Some(p) = p else { continue };
        let (tid, row, col) = t.cell_ids(crate::template::CellId(i as u16));
        out.entry(tid.to_string())
            .or_default()
            .entry(row.to_string())
            .or_default()
            .insert(col.to_string(), p.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_draft_path;
    use std::path::Path;

    #[test]
    fn drafts_are_named_nianbao_or_ron() {
        for yes in ["a.nianbao", "年报.NIANBAO", "dir/b.ron", "c.Ron"] {
            assert!(is_draft_path(Path::new(yes)), "{yes}");
        }
        for no in ["a.txt", "nianbao", "a.nianbao.bak", "a.ron.bak", "a.pdf"] {
            assert!(!is_draft_path(Path::new(no)), "{no}");
        }
    }
}
