//! "已生成本年度报告": what to check after a report was made from last year's.

use egui::RichText;

/// Lists the places to check (`items`); true once the user has closed it.
pub fn show(ctx: &egui::Context, items: &[String]) -> bool {
    let mut closed = false;
    egui::Modal::new(egui::Id::unique("rollover")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.label(RichText::new("已生成本年度报告").heading());
        ui.add_space(4.0);
        ui.label(
            "上年度的文字已沿用，表格中的“上年结转”等已按上年数据填好，其余数字需要重新填写。",
        );
        if items.is_empty() {
            ui.label("沿用的文字中未发现需要核对的年份。");
        } else {
            ui.label(format!(
                "请核对以下 {} 处（也列在下方的校验结果中）：",
                items.len()
            ));
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .show(ui, |ui| {
                    for m in items {
                        ui.label(format!("• {m}"));
                    }
                });
        }
        ui.add_space(8.0);
        if ui.button("知道了").clicked() {
            closed = true;
        }
    });
    closed
}
