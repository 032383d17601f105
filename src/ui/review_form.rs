//! The small form under a warning in the diagnostics panel that marks it 已核实: one line
//! for the reason, refused with a message in place while empty.

use egui::{Key, RichText, Ui};

use crate::model::Review;
use crate::validate::review::ReviewError;

/// The form's state, kept in the view state while it is open.
#[derive(Debug, Clone, Default)]
pub struct ReviewForm {
    /// The warning being marked, by its stable key (list positions change as the user edits).
    pub key: Review,
    pub reason: String,
    /// Why the last 确定 was refused.
    pub error: Option<String>,
}

/// What the user did with the form this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAnswer {
    Confirm(String),
    Cancel,
}

impl ReviewForm {
    pub fn new(key: Review) -> ReviewForm {
        ReviewForm {
            key,
            ..ReviewForm::default()
        }
    }

    /// Shows a refusal under the field.
    pub fn refuse(&mut self, e: &ReviewError) {
        self.error = Some(e.to_string());
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<ReviewAnswer> {
        let mut answer = None;
        ui.horizontal(|ui| {
            ui.add_space(40.0);
            let l = ui.label("核实理由");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.reason)
                        .hint_text("例如：本年度确无收费")
                        .desired_width(320.0),
                )
                .labelled_by(l.id);
            if ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
            if r.changed() {
                self.error = None;
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if ui.button("确定").clicked() || enter {
                answer = Some(ReviewAnswer::Confirm(self.reason.clone()));
            }
            if ui.button("取消").clicked() {
                answer = Some(ReviewAnswer::Cancel);
            }
        });
        if let Some(e) = &self.error {
            ui.horizontal(|ui| {
                ui.add_space(40.0);
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            });
        }
        answer
    }
}
