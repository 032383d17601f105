//! "发现未保存的内容": a recovery copy left by a session that did not end normally.

use egui::RichText;

use crate::ui::files::Found;

/// The user's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryAnswer {
    Restore,
    Discard,
}

/// Offers the copy `found`.
pub fn show(ctx: &egui::Context, found: &Found) -> Option<RecoveryAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.label(RichText::new("发现未保存的内容").heading());
        ui.add_space(4.0);
        ui.label("上次使用时程序未正常关闭，留下了一份自动保存的恢复副本：");
        ui.label(format!("  {}", found.report.title()));
        if let Some(p) = &found.original {
            ui.label(format!("  原文件：{}", p.display()));
        }
        if let Some(t) = found.modified {
            let t: chrono::DateTime<chrono::Local> = t.into();
            ui.label(format!("  保存于：{}", t.format("%Y年%m月%d日 %H:%M")));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("恢复").clicked() {
                answer = Some(RecoveryAnswer::Restore);
            }
            if ui.button("丢弃").clicked() {
                answer = Some(RecoveryAnswer::Discard);
            }
        });
    });
    answer
}
