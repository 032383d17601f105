//! The dialog shown before a report without 成文日期 is exported to PDF or printed: GB/T
//! 9704 puts the date under the signature, so the user picks one here or goes on without.

use chrono::{Datelike, NaiveDate};
use egui::RichText;

use crate::ui::date::date_ui;

/// What the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Fill in this date, then export or print.
    Date(NaiveDate),
    /// Export or print without a date.
    WithoutDate,
    Cancel,
}

/// The open dialog: what it leads to and the date being picked.
#[derive(Debug, Clone)]
pub struct NoDate {
    /// Printing rather than exporting.
    pub print: bool,
    year: i32,
    date: Option<NaiveDate>,
}

impl NoDate {
    /// A dialog for a report of `year`, offering today when it lies in the year after the
    /// report year (when reports are published), else 20 January of that year.
    pub fn new(print: bool, year: i32) -> NoDate {
        let today = chrono::Local::now().date_naive();
        let date = if today.year() == year + 1 {
            Some(today)
        } else {
            NaiveDate::from_ymd_opt(year + 1, 1, 20)
        };
        NoDate { print, year, date }
    }

    /// Draws the dialog; returns the choice once a button is clicked.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Choice> {
        let mut choice = None;
        let (what, go, without) = if self.print {
            ("打印稿", "填入日期并打印", "不填日期，仍然打印")
        } else {
            ("导出的 PDF", "填入日期并导出", "不填日期，仍然导出")
        };
        egui::Modal::new(egui::Id::unique("no-date")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.label(RichText::new("没有成文日期").heading());
            ui.add_space(4.0);
            ui.label(format!(
                "这份年报还没有成文日期，{what}落款下将没有日期。请选择成文日期："
            ));
            ui.add_space(6.0);
            let fallback = NaiveDate::from_ymd_opt(self.year + 1, 1, 20)
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            date_ui(
                ui,
                egui::Id::unique("no-date-picker"),
                &mut self.date,
                self.year..=self.year + 1,
                fallback,
            );
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(self.date.is_some(), egui::Button::new(go))
                    .clicked()
                {
                    choice = self.date.map(Choice::Date);
                }
                if ui.button(without).clicked() {
                    choice = Some(Choice::WithoutDate);
                }
                if ui.button("取消").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        choice
    }
}
