//! A date picker in Chinese: year, month and day lists (egui_extras' picker is English).

use chrono::{Datelike, NaiveDate};
use egui::Ui;

fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// Edits `date`; `years` are the years offered. Returns whether it changed.
pub fn date_ui(
    ui: &mut Ui,
    id: egui::Id,
    date: &mut Option<NaiveDate>,
    years: std::ops::RangeInclusive<i32>,
    default: NaiveDate,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        let Some(d) = *date else {
            ui.weak("未填写");
            if ui.button("选择日期").clicked() {
                *date = Some(default);
                changed = true;
            }
            return;
        };
        let (mut y, mut m, mut day) = (d.year(), d.month(), d.day());
        let mut years: Vec<i32> = years.collect();
        if !years.contains(&y) {
            years.push(y);
            years.sort_unstable();
        }
        let r = egui::ComboBox::from_id_salt(id.with("y"))
            .selected_text(format!("{y}年"))
            .width(80.0)
            .show_ui(ui, |ui| {
                for v in years {
                    ui.selectable_value(&mut y, v, format!("{v}年"));
                }
            });
        r.response.accessible_name("发布日期·年");
        let r = egui::ComboBox::from_id_salt(id.with("m"))
            .selected_text(format!("{m}月"))
            .width(56.0)
            .show_ui(ui, |ui| {
                for v in 1..=12 {
                    ui.selectable_value(&mut m, v, format!("{v}月"));
                }
            });
        r.response.accessible_name("发布日期·月");
        let last = days_in_month(y, m);
        let r = egui::ComboBox::from_id_salt(id.with("d"))
            .selected_text(format!("{day}日"))
            .width(56.0)
            .height(360.0)
            .show_ui(ui, |ui| {
                for v in 1..=last {
                    ui.selectable_value(&mut day, v, format!("{v}日"));
                }
            });
        r.response.accessible_name("发布日期·日");
        day = day.min(days_in_month(y, m));
        let new = NaiveDate::from_ymd_opt(y, m, day);
        if new != Some(d) && new.is_some() {
            *date = new;
            changed = true;
        }
        if ui.button("清除").on_hover_text("不填写发布日期").clicked() {
            *date = None;
            changed = true;
        }
    });
    changed
}
