//! The status bar: where the document lives, unsaved changes, the last message.

use egui::{RichText, Ui};

use super::doc::Doc;

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut Ui, doc: Option<&Doc>, status: &str, recovery_written: bool) {
    ui.horizontal(|ui| {
        match doc {
            Some(d) => {
                let where_ = d.path.as_ref().map_or("尚未保存到文件".to_owned(), |p| {
                    p.display().to_string()
                });
                ui.label(where_);
                if d.is_dirty() {
                    ui.label(
                        RichText::new("● 有未保存的修改")
                            .color(egui::Color32::from_rgb(200, 120, 0)),
                    );
                }
            }
            None => {
                ui.label("未打开报告");
            }
        }
        if !status.is_empty() {
            ui.separator();
            ui.weak(status);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(d) = doc {
                ui.weak(format!(
                    "校验用时 {:.2} 毫秒",
                    d.validate_time.as_secs_f64() * 1000.0
                ));
                if recovery_written {
                    ui.weak("已写入恢复副本");
                }
            }
        });
    });
}
