//! The list of every error and warning; clicking one shows where it is.

use egui::{RichText, ScrollArea, Ui};

use super::doc::Doc;
use super::view::{Palette, Target, ViewState};
use crate::validate::{Diagnostic, Field};

/// Where a click on a diagnostic should take the user.
pub fn target_of(doc: &Doc, d: &Diagnostic) -> Option<Target> {
    if let Some(span) = &d.span {
        return Some(match span.section {
            Some(s) => Target::Text(s, Some(span.range.clone())),
            None => Target::HeaderText(Some(span.range.clone())),
        });
    }
    // Prefer a cell the user can type into.
    if let Some(c) = d
        .cells
        .iter()
        .find(|c| !doc.report.is_derived(**c))
        .or(d.cells.first())
    {
        return Some(Target::Cell(*c));
    }
    if let Some(f) = d.field {
        return Some(match f {
            Field::HeaderText => Target::HeaderText(None),
            f => Target::Field(f),
        });
    }
    d.sections.first().map(|&s| {
        if doc.report.template.sections[s].table.is_none() {
            Target::Text(s, None)
        } else {
            Target::Section(s)
        }
    })
}

/// Selects diagnostic `i`: highlights its cells and moves to it.
pub fn select(ui: &Ui, doc: &Doc, vs: &mut ViewState, i: usize) {
    let Some(d) = doc.diags.get(i) else { return };
    vs.highlight = d.cells.clone();
    vs.selected = Some((i, d.message.clone()));
    if let Some(t) = target_of(doc, d) {
        vs.goto = Some(t);
    }
    ui.ctx().request_repaint();
}

pub fn diagnostics_ui(ui: &mut Ui, doc: &Doc, vs: &mut ViewState) {
    let pal = Palette::of(ui);
    let errors = doc.diags.iter().filter(|d| d.is_error()).count();
    let warnings = doc.diags.len() - errors;
    ui.horizontal(|ui| {
        ui.label(RichText::new("校验结果").strong());
        if doc.diags.is_empty() {
            ui.label("未发现问题");
        } else {
            ui.colored_label(pal.error_fg, format!("{errors} 个错误"));
            ui.colored_label(pal.warn_fg, format!("{warnings} 个提示"));
            ui.weak("（点击一条可定位到相关单元格或文字）");
        }
        if vs.selected.is_some() && ui.small_button("取消高亮").clicked() {
            vs.selected = None;
            vs.highlight.clear();
        }
    });
    ui.separator();
    // A selection made for an older list may point at a different diagnostic now.
    if let Some((i, msg)) = &vs.selected
        && doc.diags.get(*i).is_none_or(|d| &d.message != msg)
    {
        let found = doc.diags.iter().position(|d| &d.message == msg);
        match found {
            Some(j) => vs.selected = Some((j, msg.clone())),
            None => {
                vs.selected = None;
                vs.highlight.clear();
            }
        }
    }
    let mut clicked = None;
    ScrollArea::vertical()
        .id_salt("diagnostics")
        .auto_shrink(false)
        .show(ui, |ui| {
            for (i, d) in doc.diags.iter().enumerate() {
                let (tag, color) = if d.is_error() {
                    ("错误", pal.error_fg)
                } else {
                    ("提示", pal.warn_fg)
                };
                let selected = vs.selected.as_ref().is_some_and(|(j, _)| *j == i);
                ui.horizontal_top(|ui| {
                    ui.label(RichText::new(tag).color(color).strong());
                    ui.add_sized([34.0, 18.0], egui::Label::new(RichText::new(d.rule).weak()));
                    let r = ui.add(egui::Button::selectable(selected, d.message.as_str()).wrap());
                    if r.clicked() {
                        clicked = Some(i);
                    }
                });
            }
        });
    if let Some(i) = clicked {
        select(ui, doc, vs, i);
    }
}
