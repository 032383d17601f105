//! What the user asks the application to do, as plain values: views return them and the
//! window ([`super::app`]) carries them out.

use std::path::PathBuf;

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
    /// Open the sum 生成合计 made (kept by the window) as a new draft.
    OpenSum,
    Close,
}

/// A command from the toolbar, a shortcut or the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// An action that first asks about unsaved changes.
    Request(Action),
    Save,
    SaveAs,
    ExportText,
    ExportPdf,
    ExportDocx,
    ExportHtml,
    /// 导出审核意见: the open report's problems as a PDF for its drafter.
    ExportOpinion,
    /// 导出 → 图解…: the 图解 (一图读懂) previewed, then saved.
    Infographic,
    /// 复制为网页格式: the report, or one table, onto the clipboard as HTML.
    CopyHtml(Option<usize>),
    /// 打印预览 (Ctrl+P; in the preview, Ctrl+P opens the print dialog).
    Preview,
    /// The print dialog (after the 成文日期 and hard-rule questions).
    Print,
    Undo,
    Redo,
    /// Show the 批量检查 view.
    BatchCheck,
    /// Choose last year's report to set beside this one (a draft or a published report).
    PickLastYear,
}
