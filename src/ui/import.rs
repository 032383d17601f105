//! 导入已发布的年报: the dialog that takes a file or pasted text, and the review of what
//! the importer noticed.

use egui::{Color32, RichText, Ui};

use crate::import::{Imported, Note, NoteLevel};

/// The import dialog's state: pasted text and the last error, shown under the text.
pub struct ImportForm {
    pub text: String,
    pub error: Option<String>,
    /// The clipboard's HTML and the text shown for it: while the text is unchanged, the
    /// HTML is imported, its tables' cells and merged cells intact.
    pub pasted_html: Option<(String, String)>,
    /// What the last paste from the clipboard brought, or why it brought nothing.
    pub paste_note: Option<String>,
    /// Reads the system clipboard (replaced in tests, which have none).
    pub clipboard: fn() -> Clip,
}

impl Default for ImportForm {
    fn default() -> ImportForm {
        ImportForm {
            text: String::new(),
            error: None,
            pasted_html: None,
            paste_note: None,
            clipboard: system_clipboard,
        }
    }
}

/// What the clipboard offered.
pub enum Clip {
    /// The HTML flavour a browser, Word or WPS puts beside the text when a page or a
    /// document is copied.
    Html(String),
    /// Text only.
    Text(String),
    /// Why the clipboard could not be read.
    Unavailable(String),
}

/// Reads the system clipboard's HTML flavour, else its text. egui's own paste only
/// ever sees the text, which loses the tables' structure.
pub fn system_clipboard() -> Clip {
    let mut clipboard = match arboard::Clipboard::new() {
        Ok(c) => c,
        Err(e) => return Clip::Unavailable(e.to_string()),
    };
    if let Ok(html) = clipboard.get().html()
        && !html.trim().is_empty()
    {
        return Clip::Html(html);
    }
    match clipboard.get().text() {
        Ok(text) => Clip::Text(text),
        Err(arboard::Error::ContentNotAvailable) => Clip::Text(String::new()),
        Err(e) => Clip::Unavailable(e.to_string()),
    }
}

/// What the user chose in the import dialog.
pub enum FormAnswer {
    Import(Box<Imported>),
    PickFile,
    Cancel,
}

impl ImportForm {
    /// Draws the dialog body; `None` while it stays open.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<FormAnswer> {
        let mut answer = None;
        ui.set_width(640.0);
        ui.label(RichText::new("导入已发布的年报").heading());
        ui.add_space(4.0);
        ui.label(
            "选择已发布的年报文件（Word .docx、网页 .html、PDF 或文本），或者把网页、Word 中的年报全文复制后粘贴到下面。\
             导入后会生成新的草稿，表格数字按栏目对应填入，并列出需要核对的地方。",
        );
        ui.add_space(6.0);
        if ui.button("选择年报文件…").clicked() {
            answer = Some(FormAnswer::PickFile);
        }
        ui.add_space(6.0);
        let l = ui.horizontal(|ui| {
            let l = ui.label("或粘贴年报全文：");
            if ui
                .button("从剪贴板粘贴（保留表格）")
                .on_hover_text("从网页或 Word/WPS 复制年报后点这里，表格按原来的行列导入")
                .clicked()
            {
                let clip = (self.clipboard)();
                self.paste(clip);
            }
            l
        });
        let l = l.inner;
        // Ctrl+V into the empty box: take the HTML flavour when the clipboard has one.
        if self.text.is_empty()
            && ui.input(|i| i.events.iter().any(is_paste))
            && let Clip::Html(html) = (self.clipboard)()
        {
            ui.input_mut(|i| i.events.retain(|e| !is_paste(e)));
            self.paste(Clip::Html(html));
        }
        if let Some(n) = &self.paste_note {
            ui.label(RichText::new(n).small());
        }
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut self.text)
                            .desired_rows(12)
                            .desired_width(f32::INFINITY)
                            .hint_text("在此粘贴（Ctrl+V）"),
                    )
                    .labelled_by(l.id);
                // Ready for Ctrl+V as soon as the dialog opens.
                if ui.memory(|m| m.focused().is_none()) {
                    r.request_focus();
                }
            });
        if let Some(e) = &self.error {
            ui.colored_label(Color32::from_rgb(0xC0, 0x1C, 0x1C), e);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let can = !self.text.trim().is_empty();
            if ui.add_enabled(can, egui::Button::new("导入")).clicked() {
                let result = match &self.pasted_html {
                    Some((html, shown)) if *shown == self.text => {
                        crate::import::import_html_fragment(html)
                    }
                    _ => crate::import::import_text(&self.text),
                };
                match result {
                    Ok(i) => answer = Some(FormAnswer::Import(Box::new(i))),
                    // The pasted text stays as it is, so the user can fix or replace it.
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            if ui.button("取消").clicked() {
                answer = Some(FormAnswer::Cancel);
            }
        });
        answer
    }
}

impl ImportForm {
    /// Puts what the clipboard offered into the text box: HTML as its text, with the
    /// table rows' cells separated by tabs, kept to be imported as HTML.
    pub fn paste(&mut self, clip: Clip) {
        self.error = None;
        match clip {
            Clip::Html(html) => {
                let blocks = crate::import::html_fragment_blocks(&html);
                let tables = blocks
                    .iter()
                    .filter(|b| matches!(b, crate::import::Block::Table(_)))
                    .count();
                let text = crate::import::blocks::text(&blocks);
                if text.trim().is_empty() {
                    self.paste_note = Some("剪贴板中的网页内容没有文字".into());
                    return;
                }
                self.paste_note = Some(if tables > 0 {
                    format!("已粘贴网页或 Word 的内容，{tables} 个表格按原来的行列导入")
                } else {
                    "已粘贴网页或 Word 的内容（其中没有表格）".into()
                });
                self.text = text.clone();
                self.pasted_html = Some((html, text));
            }
            Clip::Text(text) if text.trim().is_empty() => {
                self.paste_note = Some("剪贴板是空的，请先复制年报全文".into());
            }
            Clip::Text(text) => {
                self.paste_note = Some("剪贴板中只有文字，已按文字粘贴".into());
                self.text = text;
                self.pasted_html = None;
            }
            Clip::Unavailable(reason) => {
                self.paste_note = Some(format!(
                    "无法读取剪贴板（{reason}），请在文本框中按 Ctrl+V 粘贴"
                ));
            }
        }
    }
}

fn is_paste(e: &egui::Event) -> bool {
    matches!(e, egui::Event::Paste(_))
}

/// After an import: what was recognised, and every note. Returns true when dismissed.
/// What validation says of an imported report, for the review after the import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Hard rules failing on cells that were read: the report's own.
    pub errors: usize,
    /// Hard rules that cannot be judged because of cells not read (待核对).
    pub unverified: usize,
    /// Cells the import did not read or guessed.
    pub unread_cells: usize,
}

pub fn review_ui(ui: &mut Ui, summary: &str, notes: &[Note], verdict: &Verdict) -> bool {
    ui.set_width(640.0);
    ui.label(RichText::new("已导入").heading());
    ui.add_space(4.0);
    ui.label(summary);
    let warnings = notes
        .iter()
        .filter(|n| n.level == NoteLevel::Warning)
        .count();
    ui.label(if warnings == 0 {
        "表格和各部分文字都已按原文导入。".to_string()
    } else {
        format!("有 {warnings} 处需要核对（标“注意”的条目）。")
    });
    if verdict.errors > 0 {
        ui.label(format!(
            "原文的数字有 {} 处不符合勾稽关系，已列在下方的校验结果中。",
            verdict.errors
        ));
    }
    if verdict.unread_cells > 0 {
        ui.label(format!(
            "有 {} 个单元格未能读出或需核对，已在表格中标出，请对照原件填写或确认{}。",
            verdict.unread_cells,
            if verdict.unverified > 0 {
                format!(
                    "；涉及的 {} 处勾稽关系暂列为“待核对”，不算报告的错误",
                    verdict.unverified
                )
            } else {
                String::new()
            }
        ));
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for n in notes {
                let color = match n.level {
                    NoteLevel::Warning => Color32::from_rgb(0xB0, 0x60, 0x00),
                    NoteLevel::Info => ui.visuals().text_color(),
                };
                ui.colored_label(color, n.to_string());
            }
        });
    ui.add_space(8.0);
    ui.label("导入的报告尚未保存，请核对后保存。");
    ui.button("知道了").clicked()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    /// The report part of a county portal's page, as a browser copies it: the fragment
    /// between markers, in UTF-8.
    fn copied_html() -> Clip {
        let page = include_bytes!("../../tests/fixtures/real/portal-gbk-2023.html");
        let (page, _, _) = encoding_rs::GBK.decode(page);
        let start = page.find("<h1 class=\"title\">").unwrap_or(0);
        let end = page.find("<div class=\"fj\">").unwrap_or(page.len());
        Clip::Html(format!(
            "<html><body><!--StartFragment-->{}<!--EndFragment--></body></html>",
            &page[start..end]
        ))
    }

    type State = (ImportForm, Option<FormAnswer>);

    fn harness(clipboard: fn() -> Clip) -> Harness<'static, State> {
        let form = ImportForm {
            clipboard,
            ..ImportForm::default()
        };
        Harness::builder()
            .with_size(egui::vec2(900.0, 900.0))
            .with_context_setup(crate::ui::setup_context)
            .build_ui_state(
                |ui, (form, answer): &mut State| {
                    if let Some(a) = form.ui(ui) {
                        *answer = Some(a);
                    }
                },
                (form, None),
            )
    }

    fn imported<'a>(h: &'a Harness<'_, State>) -> &'a Imported {
        match &h.state().1 {
            Some(FormAnswer::Import(i)) => i,
            _ => panic!("not imported; error: {:?}", h.state().0.error),
        }
    }

    /// A cell of the imported report, as text.
    fn cell(i: &Imported, table: &str, row: &str, col: &str) -> String {
        let t = i.report.template;
        i.report
            .cell(t.cell_id(table, row, col).expect("cell"))
            .to_string()
    }

    #[test]
    fn the_paste_button_keeps_the_tables_of_copied_html() {
        let mut h = harness(copied_html);
        h.run();
        h.get_by_role_and_label(Role::Button, "从剪贴板粘贴（保留表格）")
            .click();
        h.run();
        assert!(
            h.state()
                .0
                .text
                .contains("青山县交通运输局2023年政府信息公开工作年度报告")
        );
        assert!(
            h.query_by_label_contains("6 个表格按原来的行列导入")
                .is_some()
        );
        h.get_by_role_and_label(Role::Button, "导入").click();
        h.run();
        let i = imported(&h);
        assert_eq!(i.form, crate::import::Form::Html);
        assert_eq!(i.report.agency, "青山县交通运输局");
        assert_eq!(cell(i, "t3", "o4_1", "total"), "6");
        assert_eq!(cell(i, "t3", "total", "natural"), "24");
        assert_eq!(cell(i, "t4", "cases", "direct_total"), "2");
        assert_eq!(cell(i, "t2", "fees", "amount"), "36.5");
    }

    #[test]
    fn ctrl_v_into_the_empty_box_takes_the_html_too() {
        let mut h = harness(copied_html);
        h.run();
        h.event(egui::Event::Paste("纯文字".into()));
        h.run();
        assert!(h.state().0.pasted_html.is_some());
        assert!(!h.state().0.text.contains("纯文字"));
        h.get_by_role_and_label(Role::Button, "导入").click();
        h.run();
        assert_eq!(cell(imported(&h), "t3", "r1", "total"), "33");
    }

    #[test]
    fn without_a_clipboard_the_user_is_told_to_use_ctrl_v() {
        fn none() -> Clip {
            Clip::Unavailable("没有图形界面".into())
        }
        let mut h = harness(none);
        h.run();
        h.get_by_role_and_label(Role::Button, "从剪贴板粘贴（保留表格）")
            .click();
        h.run();
        assert!(
            h.query_by_label_contains("请在文本框中按 Ctrl+V 粘贴")
                .is_some()
        );
        assert!(h.state().0.text.is_empty());
    }

    #[test]
    fn edited_text_is_imported_as_text() {
        fn plain() -> Clip {
            Clip::Text("不是年报".into())
        }
        let mut h = harness(plain);
        h.run();
        h.get_by_role_and_label(Role::Button, "从剪贴板粘贴（保留表格）")
            .click();
        h.run();
        assert_eq!(h.state().0.text, "不是年报");
        assert!(h.query_by_label_contains("剪贴板中只有文字").is_some());
        h.get_by_role_and_label(Role::Button, "导入").click();
        h.run();
        let error = h.state().0.error.clone().unwrap_or_default();
        assert!(error.contains("不是政府信息公开工作年度报告"), "{error}");
    }
}
