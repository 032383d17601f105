//! 导入已发布的年报: the dialog that takes a file or pasted text, and the review of what
//! the importer noticed.

use egui::{Color32, RichText, Ui};

use crate::import::{Imported, Note, NoteLevel};

/// The import dialog's state: pasted text and the last error, shown under the text.
#[derive(Default)]
pub struct ImportForm {
    pub text: String,
    pub error: Option<String>,
}

/// What the user chose in the import dialog.
pub enum FormAnswer {
    Import(Box<Imported>),
    PickFile,
    Cancel,
}

impl ImportForm {
    /// Draws the dialog body; `None` while it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<FormAnswer> {
        let mut answer = None;
        ui.set_width(640.0);
        ui.label(RichText::new("导入已发布的年报").heading());
        ui.add_space(4.0);
        ui.label(
            "把政府网站上已发布的年度报告全文复制后粘贴到下面，或者选择从 Word/WPS 另存的文本文件（.txt）。\
             导入后会生成新的草稿，表格数字按栏目对应填入，并列出需要核对的地方。",
        );
        ui.add_space(6.0);
        if ui.button("选择文本文件…").clicked() {
            answer = Some(FormAnswer::PickFile);
        }
        ui.add_space(6.0);
        let l = ui.label("或粘贴年报全文：");
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut self.text)
                            .desired_rows(12)
                            .desired_width(f32::INFINITY)
                            .hint_text("在此粘贴（Ctrl+V）"),
                    )
                    .labelled_by(l.id);
                // Ready for Ctrl+V as soon as the dialog opens.
                if ui.memory(|m| m.focused().is_none()) {
                    r.request_focus();
                }
            });
        if let Some(e) = &self.error {
            ui.colored_label(Color32::from_rgb(0xC0, 0x1C, 0x1C), e);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let can = !self.text.trim().is_empty();
            if ui.add_enabled(can, egui::Button::new("导入")).clicked() {
                match crate::import::import_text(&self.text) {
                    Ok(i) => answer = Some(FormAnswer::Import(Box::new(i))),
                    // The pasted text stays as it is, so the user can fix or replace it.
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            if ui.button("取消").clicked() {
                answer = Some(FormAnswer::Cancel);
            }
        });
        answer
    }
}

/// After an import: what was recognised, and every note. Returns true when dismissed.
pub fn review_ui(ui: &mut Ui, summary: &str, notes: &[Note], errors: usize) -> bool {
    ui.set_width(640.0);
    ui.label(RichText::new("已导入").heading());
    ui.add_space(4.0);
    ui.label(summary);
    let warnings = notes
        .iter()
        .filter(|n| n.level == NoteLevel::Warning)
        .count();
    ui.label(if warnings == 0 {
        "表格和各部分文字都已按原文导入。".to_string()
    } else {
        format!("有 {warnings} 处需要核对（标“注意”的条目）。")
    });
    if errors > 0 {
        ui.label(format!(
            "原文的数字有 {errors} 处不符合勾稽关系，已列在下方的校验结果中。"
        ));
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for n in notes {
                let color = match n.level {
                    NoteLevel::Warning => Color32::from_rgb(0xB0, 0x60, 0x00),
                    NoteLevel::Info => ui.visuals().text_color(),
                };
                ui.colored_label(color, n.to_string());
            }
        });
    ui.add_space(8.0);
    ui.label("导入的报告尚未保存，请核对后保存。");
    ui.button("知道了").clicked()
}
