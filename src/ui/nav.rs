//! The section list on the left, with error and warning counts per section.

use egui::{Color32, RichText, Ui};

use super::doc::Doc;
use super::view::{Palette, Target, ViewState};

/// A small coloured count.
pub fn badge(ui: &mut Ui, n: usize, fill: Color32, what: &str) {
    if n == 0 {
        return;
    }
    let font = egui::FontId::proportional(12.0);
    let galley = ui
        .painter()
        .layout_no_wrap(n.to_string(), font, Color32::WHITE);
    let size = egui::vec2((galley.size().x + 10.0).max(20.0), 18.0);
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter().rect_filled(rect, 9.0, fill);
    ui.painter()
        .galley(rect.center() - galley.size() / 2.0, galley, Color32::WHITE);
    resp.on_hover_text(format!("{n} 个{what}"));
}

pub fn nav_ui(ui: &mut Ui, doc: &Doc, vs: &mut ViewState) {
    let pal = Palette::of(ui);
    ui.add_space(6.0);
    ui.label(RichText::new("目录").strong());
    ui.separator();
    let entry = |ui: &mut Ui,
                 vs: &mut ViewState,
                 title: &str,
                 target: Target,
                 active: bool,
                 (e, w): (usize, usize)| {
        ui.horizontal(|ui| {
            // Titles wrap within the panel; the counts stay at the right.
            let badges_w = if e > 0 && w > 0 {
                64.0
            } else if e + w > 0 {
                34.0
            } else {
                0.0
            };
            let text_w = (ui.available_width() - badges_w).max(60.0);
            ui.allocate_ui_with_layout(
                egui::vec2(text_w, 0.0),
                egui::Layout::top_down(egui::Align::LEFT),
                |ui| {
                    if ui.selectable_label(active, title).clicked() {
                        vs.goto = Some(target);
                    }
                },
            );
            badge(ui, e, pal.error_fg, "错误");
            badge(ui, w, pal.warn_fg, "提示");
        });
    };
    entry(
        ui,
        vs,
        "报告信息",
        Target::Field(crate::validate::Field::Agency),
        vs.current_section.is_none(),
        doc.header_counts(),
    );
    for (i, s) in doc.report.template.sections.iter().enumerate() {
        let active = vs.current_section == Some(i);
        entry(
            ui,
            vs,
            &s.title,
            Target::Section(i),
            active,
            doc.section_counts(i),
        );
    }
}
