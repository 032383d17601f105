//! "新建报告": agency, year and template of a new report.

use egui::RichText;

use crate::model::Report;
use crate::template;

/// The form's state.
pub struct NewForm {
    pub agency: String,
    pub year: i32,
    pub template: &'static str,
}

/// The user's answer.
pub enum NewAnswer {
    Create(Box<Report>),
    Cancel,
}

impl NewForm {
    /// A form for `agency`'s report of `year`, with the template usual for that year.
    pub fn new(agency: String, year: i32) -> NewForm {
        NewForm {
            agency,
            year,
            template: &template::for_year(year).id,
        }
    }

    /// Draws the dialog; the new report once the user clicks 创建.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<NewAnswer> {
        let mut answer = None;
        let form = self;
        egui::Modal::new(egui::Id::unique("new")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.label(RichText::new("新建报告").heading());
            ui.add_space(6.0);
            egui::Grid::new("new-form")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let l = ui.label("发布机关");
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut form.agency).desired_width(300.0))
                        .labelled_by(l.id);
                    if ui.memory(|m| m.focused().is_none()) {
                        r.request_focus();
                    }
                    ui.end_row();
                    ui.label("报告年度");
                    let before = form.year;
                    let this_year = chrono::Datelike::year(&chrono::Local::now());
                    egui::ComboBox::from_id_salt("new-year")
                        .selected_text(format!("{}年", form.year))
                        .height(300.0)
                        .show_ui(ui, |ui| {
                            for y in (2019..=this_year + 1).rev() {
                                ui.selectable_value(&mut form.year, y, format!("{y}年"));
                            }
                        })
                        .response
                        .accessible_name("新建报告的年度");
                    if form.year != before {
                        form.template = &template::for_year(form.year).id;
                    }
                    ui.end_row();
                    ui.label("报告格式");
                    let current = template::get(form.template).map_or("", |t| t.name.as_str());
                    egui::ComboBox::from_id_salt("new-template")
                        .selected_text(current)
                        .width(300.0)
                        .show_ui(ui, |ui| {
                            for t in template::all() {
                                ui.selectable_value(&mut form.template, t.id.as_str(), &t.name);
                            }
                        })
                        .response
                        .accessible_name("报告格式");
                    ui.end_row();
                });
            if let Some(t) = template::get(form.template)
                && !t.covers_year(form.year)
            {
                ui.colored_label(
                    egui::Color32::from_rgb(200, 120, 0),
                    format!(
                        "注意：{}年度通常使用{}",
                        form.year,
                        template::for_year(form.year).name
                    ),
                );
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("创建").clicked() {
                    let t = template::get(form.template)
                        .unwrap_or_else(|| template::for_year(form.year));
                    let mut r = Report::new(t, form.agency.trim(), form.year);
                    r.header_text = r.generated_header();
                    answer = Some(NewAnswer::Create(Box::new(r)));
                }
                if ui.button("取消").clicked() {
                    answer = Some(NewAnswer::Cancel);
                }
            });
        });
        answer
    }
}
