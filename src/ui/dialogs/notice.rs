//! A list of points to note after something was done (e.g. reports left out of a sum).

use egui::RichText;

/// Shows `title` and `items`; true once the user has closed it.
pub fn show(ctx: &egui::Context, title: &str, items: &[String]) -> bool {
    show_with(ctx, "notice", title, &[], items)
}

/// As [`show`], with lines of explanation (`intro`) above the list; an empty list is
/// left out.
pub fn show_with(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    intro: &[String],
    items: &[String],
) -> bool {
    let mut closed = false;
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.label(RichText::new(title).heading());
        ui.add_space(4.0);
        for line in intro {
            ui.label(line);
        }
        if !items.is_empty() {
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
