//! "尚未保存": asked before an action would lose unsaved changes.

use egui::RichText;

/// The user's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardAnswer {
    Save,
    Discard,
    Cancel,
}

/// Asks whether to save the document `name` first.
pub fn show(ctx: &egui::Context, name: &str) -> Option<GuardAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("guard")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.label(RichText::new("尚未保存").heading());
        ui.add_space(4.0);
        ui.label(format!("“{name}”有尚未保存的修改。是否先保存？"));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("保存").clicked() {
                answer = Some(GuardAnswer::Save);
            }
            if ui.button("不保存").clicked() {
                answer = Some(GuardAnswer::Discard);
            }
            if ui.button("取消").clicked() {
                answer = Some(GuardAnswer::Cancel);
            }
        });
    });
    answer
}
