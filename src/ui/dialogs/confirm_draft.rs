//! "报告未通过勾稽校验": export or print a failing report as a watermarked draft?

use egui::RichText;

/// Asks before printing (`print`) or exporting a report with `errors` hard errors;
/// `Some(true)` goes on with the watermark, `Some(false)` cancels.
pub fn show(ctx: &egui::Context, print: bool, errors: usize) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("confirm-draft")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.label(RichText::new("报告未通过勾稽校验").heading());
        ui.add_space(4.0);
        ui.label(format!(
            "报告还有 {errors} 个错误。{}的文件每页将带“草稿 · 校验未通过”水印，不能用于签发。",
            if print { "打印" } else { "导出" }
        ));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let go = if print {
                "仍然打印（带水印）"
            } else {
                "仍然导出（带水印）"
            };
            if ui.button(go).clicked() {
                answer = Some(true);
            }
            if ui.button("取消").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}
