//! 历年数据: one agency's key figures over the years, a small bar chart each (the editor's
//! header, and 批量检查's details for the agency of the selected row).

use egui::{Align2, Color32, FontId, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::check::years::Years;
use crate::model::statistics::number;

const CHART: egui::Vec2 = egui::Vec2::new(168.0, 118.0);

/// The charts of `years`, the bar of `current` (the year being looked at) marked.
pub fn charts(ui: &mut Ui, years: &Years, current: Option<i32>) {
    ui.label(
        RichText::new(format!(
            "{} {}—{}年，共 {} 个年度",
            years.agency,
            years.years[0],
            years.years[years.years.len() - 1],
            years.years.len()
        ))
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        for (k, values) in years.shown() {
            let title = match &k.unit {
                Some(u) => format!("{}（{u}）", k.title),
                None => k.title.clone(),
            };
            chart(ui, &title, &years.years, values, current);
        }
    });
}

/// One figure over the years: a bar a year, its value above it, the year under it.
fn chart(ui: &mut Ui, title: &str, years: &[i32], values: &[Option<f64>], current: Option<i32>) {
    let (rect, response) = ui.allocate_exact_size(CHART, Sense::hover());
    let spoken: Vec<String> = years
        .iter()
        .zip(values)
        .map(|(y, v)| format!("{y}年 {}", v.map_or("未填".to_string(), number)))
        .collect();
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("{title}：{}", spoken.join("，")),
        )
    });
    if !ui.is_rect_visible(rect) {
        return;
    }
    let visuals = ui.visuals();
    let p = ui.painter_at(rect);
    p.rect_filled(rect, 4.0, visuals.faint_bg_color);
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    let accent = Color32::from_rgb(0xA8, 0x1D, 0x22);
    let other = if visuals.dark_mode {
        Color32::from_rgb(0x7C, 0x93, 0xA8)
    } else {
        Color32::from_rgb(0x9A, 0xAE, 0xC0)
    };
    p.text(
        rect.left_top() + vec2(6.0, 4.0),
        Align2::LEFT_TOP,
        title,
        FontId::proportional(13.0),
        text,
    );
    let plot = Rect::from_min_max(
        rect.left_top() + vec2(6.0, 38.0),
        rect.right_bottom() - vec2(6.0, 18.0),
    );
    let max = values.iter().flatten().copied().fold(0.0f64, f64::max);
    let n = years.len() as f32;
    let slot = plot.width() / n;
    let bar_w = (slot * 0.6).min(24.0);
    p.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        Stroke::new(1.0, weak),
    );
    for (i, (year, v)) in years.iter().zip(values).enumerate() {
        let cx = plot.left() + slot * (i as f32 + 0.5);
        let colour = if Some(*year) == current {
            accent
        } else {
            other
        };
        let label = match v {
            Some(v) => {
                let h = if max > 0.0 {
                    (*v / max) as f32 * plot.height()
                } else {
                    0.0
                };
                let bar = Rect::from_min_max(
                    pos2(cx - bar_w / 2.0, plot.bottom() - h.max(1.0)),
                    pos2(cx + bar_w / 2.0, plot.bottom()),
                );
                p.rect_filled(bar, 2.0, colour);
                (number(*v), bar.top())
            }
            None => ("—".to_string(), plot.bottom()),
        };
        p.text(
            pos2(cx, label.1 - 2.0),
            Align2::CENTER_BOTTOM,
            label.0,
            FontId::proportional(11.0),
            text,
        );
        // "2023" as "23" when the slots are narrow.
        let y = if slot < 34.0 {
            format!("{:02}", year.rem_euclid(100))
        } else {
            year.to_string()
        };
        p.text(
            pos2(cx, plot.bottom() + 2.0),
            Align2::CENTER_TOP,
            y,
            FontId::proportional(11.0),
            if Some(*year) == current { accent } else { weak },
        );
    }
}
