//! The modal dialogs, one view per file. Each `show` draws its dialog for one frame and
//! returns the user's answer once it is closed (`None` while it stays open); the window
//! ([`super::app`]) carries the answer out.

pub mod confirm_draft;
pub mod error;
pub mod guard;
pub mod import;
pub mod importing;
pub mod infographic;
pub mod new_report;
pub mod no_date;
pub mod notice;
pub mod path;
pub mod print;
pub mod recovery;
pub mod rollover;

use super::action::Action;
use super::files::Found;
use super::import::ImportForm;

/// The dialog in front of the window, with its state.
pub enum Dialog {
    /// Unsaved changes before `Action`: 保存 / 不保存 / 取消.
    Guard(Action),
    Error(String),
    New(new_report::NewForm),
    Path(path::PathForm),
    RolloverReview(Vec<String>),
    /// Something was done; these points need the user's attention.
    Notice {
        title: String,
        items: Vec<String>,
    },
    Import(ImportForm),
    /// An import that takes a while (a scan's OCR), with its progress and 取消.
    Importing(Box<importing::Importing>),
    ImportReview {
        summary: String,
        notes: Vec<crate::import::Note>,
        verdict: crate::ui::import::Verdict,
    },
    /// The report fails a hard rule: export or print it as a watermarked draft?
    ConfirmDraft {
        print: bool,
        errors: usize,
    },
    /// The report has no 成文日期: pick one before exporting or printing?
    NoDate(no_date::NoDate),
    Recovery(Box<Found>),
    /// Printer, copies, pages, sides; then the job's outcome.
    Print(Box<print::PrintForm>),
    /// The 图解's preview, and where to save it.
    Infographic(Box<infographic::GraphicView>),
}

/// Shown while a native file dialog is open, so the window takes no input meanwhile.
pub fn waiting(ctx: &egui::Context) {
    egui::Modal::new(egui::Id::unique("waiting-dialog")).show(ctx, |ui| {
        ui.label("请在系统文件对话框中选择文件……");
    });
}
