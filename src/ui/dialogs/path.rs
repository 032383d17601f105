//! A path typed by hand, where no system file dialog is available (and in tests).

use std::path::PathBuf;

use egui::{Key, RichText};

use crate::ui::files::Purpose;

/// The form's state.
pub struct PathForm {
    pub purpose: Purpose,
    pub text: String,
    /// Why the path is asked for this way, shown above the field.
    pub hint: Option<String>,
}

/// The user's answer.
pub enum PathAnswer {
    Chosen(PathBuf),
    Cancel,
}

impl PathForm {
    /// Draws the dialog; the path once the user confirms a non-empty one.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<PathAnswer> {
        let mut answer = None;
        let form = self;
        egui::Modal::new(egui::Id::unique("path")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.label(RichText::new(form.purpose.title()).heading());
            ui.add_space(4.0);
            if let Some(h) = &form.hint {
                ui.label(h);
            }
            let l = ui.label(if form.purpose == Purpose::CheckFolder {
                "文件夹路径"
            } else {
                "文件路径"
            });
            let r = ui
                .add(egui::TextEdit::singleline(&mut form.text).desired_width(f32::INFINITY))
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
                    answer = Some(PathAnswer::Chosen(PathBuf::from(form.text.trim())));
                }
                if ui.button("取消").clicked() {
                    answer = Some(PathAnswer::Cancel);
                }
            });
        });
        answer
    }
}
