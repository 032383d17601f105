//! The top bar (files, export, preview and print, undo) and its keyboard shortcuts.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use super::action::{Action, Command};
use super::doc::Doc;
use super::pdf_fonts::{PdfSettings, pdf_fonts_ui};

/// Draws the top bar; returns the command clicked, if any.
pub fn toolbar_ui(
    ui: &mut Ui,
    doc: Option<&Doc>,
    recent: &[PathBuf],
    pdf: &mut PdfSettings,
) -> Option<Command> {
    let mut cmd = None;
    let has_doc = doc.is_some();
    ui.add_space(3.0);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("新建")
            .on_hover_text("新建报告（Ctrl+N）")
            .clicked()
        {
            cmd = Some(Command::Request(Action::New));
        }
        if ui
            .button("打开")
            .on_hover_text("打开草稿（Ctrl+O）")
            .clicked()
        {
            cmd = Some(Command::Request(Action::Open));
        }
        if ui
            .button("从上年报告新建")
            .on_hover_text("选择上年度的报告草稿，生成本年度报告")
            .clicked()
        {
            cmd = Some(Command::Request(Action::Rollover));
        }
        if ui
            .button("导入已发布的年报…")
            .on_hover_text("把已发布的年度报告（Word 文档、网页、PDF 或文本）转为草稿")
            .clicked()
        {
            cmd = Some(Command::Request(Action::Import));
        }
        if ui
            .button("批量检查")
            .on_hover_text("逐份校验一个文件夹中的草稿和已发布的年报，比较各单位的主要数字")
            .clicked()
        {
            cmd = Some(Command::BatchCheck);
        }
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("最近打开", |ui| {
                for p in recent {
                    if ui.button(p.display().to_string()).clicked() {
                        cmd = Some(Command::Request(Action::OpenPath(p.clone())));
                    }
                }
            });
        });
        ui.separator();
        ui.add_enabled_ui(has_doc, |ui| {
            if ui.button("保存").on_hover_text("保存（Ctrl+S）").clicked() {
                cmd = Some(Command::Save);
            }
            if ui
                .button("另存为")
                .on_hover_text("另存为（Ctrl+Shift+S）")
                .clicked()
            {
                cmd = Some(Command::SaveAs);
            }
            ui.menu_button("导出", |ui| export_menu(ui, doc, pdf, &mut cmd));
            if ui
                .button("打印预览")
                .on_hover_text("按打印效果查看各页（Ctrl+P）")
                .clicked()
            {
                cmd = Some(Command::Preview);
            }
            if ui
                .button("打印…")
                .on_hover_text("选择打印机、份数和页码后打印")
                .clicked()
            {
                cmd = Some(Command::Print);
            }
        });
        ui.separator();
        let (can_undo, can_redo) = doc.map_or((false, false), |d| (d.can_undo(), d.can_redo()));
        if ui
            .add_enabled(can_undo, egui::Button::new("撤销"))
            .on_hover_text("撤销（Ctrl+Z）")
            .clicked()
        {
            cmd = Some(Command::Undo);
        }
        if ui
            .add_enabled(can_redo, egui::Button::new("重做"))
            .on_hover_text("重做（Ctrl+Y）")
            .clicked()
        {
            cmd = Some(Command::Redo);
        }
    });
    ui.add_space(1.0);
    cmd
}

/// The 导出 menu: the PDF's faces and page numbers, then one entry per output.
fn export_menu(ui: &mut Ui, doc: Option<&Doc>, pdf: &mut PdfSettings, cmd: &mut Option<Command>) {
    // Say before exporting that a failing report is marked as a draft.
    if doc.is_some_and(|d| crate::validate::has_errors(&d.diags)) {
        ui.colored_label(
            ui.visuals().error_fg_color,
            "报告未通过勾稽校验：导出的 PDF、Word 文档和打印稿将带“草稿 · 校验未通过”水印",
        );
    }
    ui.menu_button("PDF 字体", |ui| pdf_fonts_ui(ui, &mut pdf.fonts));
    ui.checkbox(&mut pdf.two_sided, "双面打印页码")
        .on_hover_text("PDF 页码单页居右、双页居左（GB/T 9704），供双面打印");
    if ui.button("导出文本…").clicked() {
        *cmd = Some(Command::ExportText);
    }
    if ui.button("导出 PDF…").clicked() {
        *cmd = Some(Command::ExportPdf);
    }
    if ui.button("Word 文档 (.docx)…").clicked() {
        *cmd = Some(Command::ExportDocx);
    }
    if ui.button("网页 (.html)…").clicked() {
        *cmd = Some(Command::ExportHtml);
    }
    if ui
        .button("图解（一图读懂）…")
        .on_hover_text("由表格数字生成一张长图，供门户网站和微信公众号发布（PNG、SVG 或 PDF）")
        .clicked()
    {
        *cmd = Some(Command::Infographic);
    }
    if ui
        .button("导出审核意见…")
        .on_hover_text(
            "把本报告尚待处理的错误和提示按部分编号，导出为审核意见 PDF（已核实的提示不列入）",
        )
        .clicked()
    {
        *cmd = Some(Command::ExportOpinion);
    }
    if ui
        .button("复制为网页格式")
        .on_hover_text("复制整份报告（含表格）到剪贴板，可粘贴到网站后台编辑器、Word 或 WPS")
        .clicked()
    {
        *cmd = Some(Command::CopyHtml(None));
    }
    // One entry per table, named by its section (the template's wording).
    if let Some(d) = doc {
        let t = d.report.template;
        ui.menu_button("复制表格为网页格式", |ui| {
            for (i, tab) in t.tables.iter().enumerate() {
                if ui.button(&t.sections[tab.section].title).clicked() {
                    *cmd = Some(Command::CopyHtml(Some(i)));
                }
            }
        });
    }
}

/// The command of a keyboard shortcut pressed this frame (the shortcut is consumed).
pub fn shortcut(ui: &mut Ui) -> Option<Command> {
    let cmd = Modifiers::COMMAND;
    let sc = |m, k| KeyboardShortcut::new(m, k);
    ui.input_mut(|i| {
        // Most specific first: Ctrl+Shift+S also matches Ctrl+S.
        [
            (sc(cmd | Modifiers::SHIFT, Key::S), Command::SaveAs),
            (sc(cmd, Key::S), Command::Save),
            (sc(cmd, Key::N), Command::Request(Action::New)),
            (sc(cmd, Key::O), Command::Request(Action::Open)),
            (sc(cmd, Key::P), Command::Preview),
            (sc(cmd | Modifiers::SHIFT, Key::Z), Command::Redo),
            (sc(cmd, Key::Z), Command::Undo),
            (sc(cmd, Key::Y), Command::Redo),
        ]
        .into_iter()
        .find(|(s, _)| i.consume_shortcut(s))
        .map(|(_, c)| c)
    })
}
