//! The import dialog and the review after an import, as modals around the views of
//! [`crate::ui::import`].

use crate::import::Note;
use crate::ui::import::{FormAnswer, ImportForm, Verdict, review_ui};

/// The import dialog (pasted text or a file).
pub fn show(ctx: &egui::Context, form: &mut ImportForm) -> Option<FormAnswer> {
    egui::Modal::new(egui::Id::unique("import"))
        .show(ctx, |ui| form.ui(ui))
        .inner
}

/// What the importer noticed; true once the user has closed it.
pub fn show_review(ctx: &egui::Context, summary: &str, notes: &[Note], verdict: &Verdict) -> bool {
    egui::Modal::new(egui::Id::unique("import-review"))
        .show(ctx, |ui| review_ui(ui, summary, notes, verdict))
        .inner
}
