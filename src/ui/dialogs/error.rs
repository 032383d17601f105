//! "出错了": a message the user acknowledges.

use egui::RichText;

/// Shows `msg`; true once the user has closed it.
pub fn show(ctx: &egui::Context, msg: &str) -> bool {
    let mut closed = false;
    let modal = egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.label(RichText::new("出错了").heading());
        ui.add_space(4.0);
        ui.label(msg);
        ui.add_space(10.0);
        if ui.button("确定").clicked() {
            closed = true;
        }
    });
    // Enter or Esc acknowledges it too, as a message box does.
    closed || modal.should_close() || ctx.input(|i| i.key_pressed(egui::Key::Enter))
}
