//! The start screen, shown while no report is open.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::action::{Action, Command};

/// Draws the start screen; returns the command clicked, if any.
pub fn start_ui(ui: &mut Ui, recent: &[PathBuf]) -> Option<Command> {
    let mut action = None;
    let mut batch = false;
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.label(
            RichText::new("政府信息公开工作年度报告")
                .size(28.0)
                .strong(),
        );
        ui.add_space(6.0);
        ui.weak("起草 · 校验 · 打印");
        ui.add_space(30.0);
        let big = |t: &str| {
            egui::Button::new(RichText::new(t).size(18.0)).min_size(egui::vec2(260.0, 40.0))
        };
        if ui.add(big("新建报告")).clicked() {
            action = Some(Action::New);
        }
        if ui.add(big("打开草稿…")).clicked() {
            action = Some(Action::Open);
        }
        if ui.add(big("从上年报告新建…")).clicked() {
            action = Some(Action::Rollover);
        }
        if ui.add(big("导入已发布的年报…")).clicked() {
            action = Some(Action::Import);
        }
        if ui
            .add(big("批量检查…"))
            .on_hover_text("逐份校验一个文件夹中的草稿和已发布的年报")
            .clicked()
        {
            batch = true;
        }
        ui.add_space(24.0);
        if !recent.is_empty() {
            ui.label(RichText::new("最近打开").strong());
            for p in recent {
                let exists = p.exists();
                let r = ui.add_enabled(
                    exists,
                    egui::Button::new(p.display().to_string()).frame(false),
                );
                if r.clicked() {
                    action = Some(Action::OpenPath(p.clone()));
                }
            }
            ui.add_space(12.0);
        }
        ui.weak("也可以把 .nianbao 草稿或已发布的年报（Word、网页、PDF、文本）拖到此窗口中打开。");
    });
    if batch {
        return Some(Command::BatchCheck);
    }
    action.map(Command::Request)
}
