//! The list of every error and warning; clicking one shows where it is. A warning can be
//! marked 已核实 with a reason (and unmarked); reviewed warnings are listed last, greyed.

use egui::{RichText, ScrollArea, Ui};

use super::doc::Doc;
use super::review_form::{ReviewAnswer, ReviewForm};
use super::view::{Palette, Target, ViewState};
use crate::template::CellId;
use crate::validate::{Diagnostic, Field, review};

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

/// What a row of the list asked for this frame.
enum RowAction {
    Select(usize),
    OpenForm(usize),
    Unmark(usize),
    RemoveStale(usize),
    /// Show this cell (one the import left unread or guessed).
    GotoCell(CellId),
    /// 确认: the user takes these imported cells as they stand.
    Confirm(Vec<CellId>),
}

/// Cells named per table before the rest are only counted.
const MAX_MARKED: usize = 24;

/// One entry per table whose cells the import left unread or guessed: the count, a button
/// per cell that shows it, and 确认本表.
fn import_marks_ui(ui: &mut Ui, doc: &Doc, pal: &Palette) -> Option<RowAction> {
    let r = &doc.report;
    let mut action = None;
    for (ti, tab) in r.template.tables.iter().enumerate() {
        let cells = r.doubtful_cells(ti);
        if cells.is_empty() {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("导入").color(pal.import_fg).strong());
            ui.label(format!(
                "表{} 导入时有 {} 个单元格未能读出/需核对，请对照原件填写或确认",
                tab.short,
                cells.len()
            ));
            if ui
                .small_button("确认本表")
                .on_hover_text("本表导入的数字已对照原件核对无误：去掉这些单元格的导入标记")
                .clicked()
            {
                action = Some(RowAction::Confirm(r.template.table_cells(ti).collect()));
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.add_space(40.0);
            for &c in cells.iter().take(MAX_MARKED) {
                let label = r.template.cell_label(c);
                let hover = r.origin(c).map(|p| p.hover()).unwrap_or_default();
                if ui.small_button(label).on_hover_text(hover).clicked() {
                    action = Some(RowAction::GotoCell(c));
                }
            }
            if cells.len() > MAX_MARKED {
                ui.weak(format!("等 {} 个", cells.len()));
            }
        });
    }
    action
}

/// One finding's row: its kind, rule and message, and the button that marks it 已核实 or
/// takes the mark off (none for a hard error).
fn row_ui(
    ui: &mut Ui,
    pal: &Palette,
    d: &Diagnostic,
    mark: Option<&crate::model::Review>,
    selected: bool,
    form_open: bool,
    i: usize,
) -> Option<RowAction> {
    let mut action = None;
    ui.horizontal_top(|ui| {
        let tag = match (d.severity_key(), mark) {
            ("error", _) => RichText::new("错误").color(pal.error_fg).strong(),
            ("unverified", _) => RichText::new("待核对").color(pal.import_fg).strong(),
            (_, None) => RichText::new("提示").color(pal.warn_fg).strong(),
            (_, Some(_)) => RichText::new("已核实").weak(),
        };
        ui.label(tag);
        ui.add_sized([34.0, 18.0], egui::Label::new(RichText::new(d.rule).weak()));
        let text = match mark {
            None => RichText::new(d.message.as_str()),
            Some(_) => RichText::new(d.message.as_str()).weak(),
        };
        // Room for the row's button, which would otherwise be pushed off the
        // panel by a long message.
        let reserve = if d.is_warning() { 90.0 } else { 0.0 };
        let r = ui
            .scope(|ui| {
                ui.set_max_width((ui.available_width() - reserve).max(120.0));
                ui.add(egui::Button::selectable(selected, text).wrap())
            })
            .inner;
        if r.clicked() {
            action = Some(RowAction::Select(i));
        }
        // Hard errors get no button: they must be corrected, not dismissed; 待核对 goes
        // when the cells are confirmed or typed.
        if d.is_warning() {
            if mark.is_some() {
                if ui.small_button("取消核实").clicked() {
                    action = Some(RowAction::Unmark(i));
                }
            } else if !form_open
                && ui
                    .small_button("核实…")
                    .on_hover_text("确认此提示所指内容无误，填写理由后不再计入待处理的提示")
                    .clicked()
            {
                action = Some(RowAction::OpenForm(i));
            }
        }
    });
    action
}

/// The counts line above the list.
fn summary_ui(ui: &mut Ui, doc: &Doc, vs: &mut ViewState, pal: &Palette) {
    let counts = doc.counts();
    ui.horizontal(|ui| {
        ui.label(RichText::new("校验结果").strong());
        if doc.diags.is_empty() {
            ui.label("未发现问题");
        } else {
            ui.colored_label(pal.error_fg, format!("{} 个错误", counts.errors));
            if counts.unverified > 0 {
                ui.colored_label(pal.import_fg, format!("{} 个待核对", counts.unverified))
                    .on_hover_text(
                        "导入时有单元格未能读出或需核对，相关勾稽关系暂无法判断，不算报告的错误",
                    );
            }
            ui.colored_label(pal.warn_fg, format!("{} 个提示", counts.open_warnings));
            if counts.reviewed > 0 {
                ui.weak(format!("（另有 {} 个已核实）", counts.reviewed));
            }
            ui.weak("（点击一条可定位到相关单元格或文字）");
        }
        if vs.selected.is_some() && ui.small_button("取消高亮").clicked() {
            vs.selected = None;
            vs.highlight.clear();
        }
    });
}

pub fn diagnostics_ui(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState) {
    let pal = Palette::of(ui);
    summary_ui(ui, doc, vs, &pal);
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
    // The warning the form is open under, found again by its key; gone with its warning.
    let form_at = vs.review_form.as_ref().and_then(|f| {
        doc.diags
            .iter()
            .position(|d| d.is_warning() && review::key(&doc.report, d).same_warning(&f.key))
    });
    if form_at.is_none() {
        vs.review_form = None;
    }
    let mut action = None;
    let mut answer = None;
    ScrollArea::vertical()
        .id_salt("diagnostics")
        .auto_shrink(false)
        .show(ui, |ui| {
            if let Some(a) = import_marks_ui(ui, doc, &pal) {
                action = Some(a);
            }
            // Open findings first; reviewed warnings after them, greyed, with their reason.
            let open = (0..doc.diags.len()).filter(|i| !doc.review.is_reviewed(*i));
            let reviewed = (0..doc.diags.len()).filter(|i| doc.review.is_reviewed(*i));
            for i in open.chain(reviewed) {
                let d = &doc.diags[i];
                let mark = doc.mark_of(i);
                let selected = vs.selected.as_ref().is_some_and(|(j, _)| *j == i);
                let form_open = form_at == Some(i);
                if let Some(a) = row_ui(ui, &pal, d, mark, selected, form_open, i) {
                    action = Some(a);
                }
                if let Some(m) = mark {
                    ui.horizontal_wrapped(|ui| {
                        ui.add_space(40.0);
                        ui.weak(format!("核实理由：{}", m.reason));
                        if !m.message.is_empty() && m.message != d.message {
                            ui.weak(format!("（核实时为：{}）", m.message));
                        }
                    });
                }
                if form_at == Some(i)
                    && let Some(f) = &mut vs.review_form
                    && let Some(a) = f.ui(ui)
                {
                    answer = Some((i, a));
                }
            }
            if !doc.review.stale.is_empty() {
                ui.separator();
                ui.weak("以下核实标记对应的提示已不再出现（内容已修改），可以移除：");
                for &m in &doc.review.stale {
                    let Some(mark) = doc.report.reviews.get(m) else {
                        continue;
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.weak(format!(
                            "{} {}（理由：{}）",
                            mark.rule, mark.message, mark.reason
                        ));
                        if ui.small_button("移除").clicked() {
                            action = Some(RowAction::RemoveStale(m));
                        }
                    });
                }
            }
        });
    if let Some((i, a)) = answer {
        match a {
            ReviewAnswer::Confirm(reason) => match doc.mark_reviewed(i, &reason) {
                Ok(()) => vs.review_form = None,
                Err(e) => {
                    if let Some(f) = &mut vs.review_form {
                        f.refuse(&e);
                    }
                }
            },
            ReviewAnswer::Cancel => vs.review_form = None,
        }
    }
    match action {
        Some(RowAction::Select(i)) => select(ui, doc, vs, i),
        Some(RowAction::OpenForm(i)) => {
            vs.review_form = Some(ReviewForm::new(review::key(&doc.report, &doc.diags[i])));
        }
        Some(RowAction::Unmark(i)) => doc.unmark_reviewed(i),
        Some(RowAction::RemoveStale(m)) => doc.remove_mark(m),
        Some(RowAction::GotoCell(c)) => {
            vs.highlight = vec![c];
            vs.goto = Some(Target::Cell(c));
            ui.ctx().request_repaint();
        }
        Some(RowAction::Confirm(cells)) => doc.confirm_cells(&cells),
        None => {}
    }
}
