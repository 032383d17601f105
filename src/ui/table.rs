//! A report table drawn from its printed grid: merged header cells, row groups, vertical
//! labels, and spreadsheet-like cell editors.

use egui::{
    Align, Align2, Color32, Event, FontSelection, Key, Modifiers, Pos2, Rect, Sense, Stroke,
    TextEdit, TextStyle, Ui, pos2, vec2,
};

use super::doc::{Doc, EditGroup};
use super::view::{Palette, Target, ViewState, cell_id};
use crate::model::Cell;
use crate::model::last_year::{LastYear, change_words, times};
use crate::template::CellId;
use crate::template::layout::{Grid, GridCell, GridContent};

const DATA_ROW_H: f32 = 28.0;
const MIN_DATA_W: f32 = 58.0;
const MAX_DATA_W: f32 = 104.0;
const VERTICAL_W: f32 = 34.0;
const PAD: f32 = 4.0;
/// Header text is set a little smaller than the figures, as in the printed tables.
const HEADER_SIZE: f32 = 14.0;

/// Where the keyboard moves the focus from a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Next,
    Prev,
    Down,
    Up,
}

/// Column boundaries and row boundaries of a laid-out grid, relative to its top-left.
struct Geometry {
    x: Vec<f32>,
    y: Vec<f32>,
}

impl Geometry {
    fn rect(&self, origin: Pos2, c: &GridCell) -> Rect {
        Rect::from_min_max(
            origin + vec2(self.x[c.col], self.y[c.row]),
            origin + vec2(self.x[c.col + c.colspan], self.y[c.row + c.rowspan]),
        )
    }
}

fn cell_text(c: &GridCell) -> Option<(&str, bool)> {
    match &c.content {
        GridContent::Title(s) | GridContent::Corner(s) | GridContent::ColumnHeader(s) => {
            Some((s, false))
        }
        GridContent::RowHeader { text, vertical } => Some((text, *vertical)),
        GridContent::Data(_) => None,
    }
}

/// Text laid out top to bottom, one character per line.
fn vertical(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push(ch);
    }
    out
}

fn header_font() -> egui::FontId {
    egui::FontId::proportional(HEADER_SIZE)
}

fn layout(ui: &Ui, g: &Grid, available: f32) -> Geometry {
    let font = header_font();
    let ch = font.size * 1.05;
    let lc = g.label_cols;
    let data_cols = g.cols - lc;
    // Label columns: a narrow one for vertical labels, group labels sized to their text,
    // the innermost one takes what is left.
    let mut label_w = vec![0.0f32; lc];
    for c in &g.cells {
        if let GridContent::RowHeader { text, vertical } = &c.content
            && c.colspan == 1
            && c.col + 1 < lc
        {
            let w = if *vertical {
                VERTICAL_W
            } else {
                (text.chars().count() as f32 * ch + 2.0 * PAD).min(8.0 * ch)
            };
            label_w[c.col] = label_w[c.col].max(w);
        }
    }
    let fixed: f32 = label_w.iter().sum();
    let leaf_min = if lc > 0 { 12.0 * ch } else { 0.0 };
    let data_w = if data_cols == 0 {
        0.0
    } else {
        ((available - fixed - leaf_min) / data_cols as f32).clamp(MIN_DATA_W, MAX_DATA_W)
    };
    if lc > 0 {
        label_w[lc - 1] =
            (available - fixed - data_w * data_cols as f32).clamp(leaf_min, 34.0 * ch);
    }
    let mut x = Vec::with_capacity(g.cols + 1);
    x.push(0.0);
    for i in 0..g.cols {
        let w = if i < lc { label_w[i] } else { data_w };
        x.push(x[i] + w);
    }
    // Rows: data rows have a fixed height; label and header rows grow to fit their text.
    let mut h = vec![DATA_ROW_H; g.rows];
    let needed = |c: &GridCell| -> f32 {
        let Some((text, vert)) = cell_text(c) else {
            return DATA_ROW_H;
        };
        let w = x[c.col + c.colspan] - x[c.col] - 2.0 * PAD;
        let s = if vert {
            vertical(text)
        } else {
            text.to_owned()
        };
        let galley = ui
            .painter()
            .layout(s, font.clone(), egui::Color32::BLACK, w.max(ch));
        galley.size().y + 2.0 * PAD
    };
    for c in g.cells.iter().filter(|c| c.rowspan == 1) {
        h[c.row] = h[c.row].max(needed(c));
    }
    for c in g.cells.iter().filter(|c| c.rowspan > 1) {
        let have: f32 = h[c.row..c.row + c.rowspan].iter().sum();
        let need = needed(c);
        if need > have {
            h[c.row + c.rowspan - 1] += need - have;
        }
    }
    let mut y = Vec::with_capacity(g.rows + 1);
    y.push(0.0);
    for i in 0..g.rows {
        y.push(y[i] + h[i]);
    }
    Geometry { x, y }
}

/// Draws table `table` of the document.
pub fn table_ui(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState, table: usize) {
    // The grids are only read; take them out so the report can be borrowed mutably.
    let grids = std::mem::take(&mut doc.grids);
    let g = &grids[table];
    draw(ui, doc, vs, g, table);
    doc.grids = grids;
}

fn draw(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState, g: &Grid, table: usize) {
    let pal = Palette::of(ui);
    let geo = layout(ui, g, ui.available_width());
    let checks = balances(doc, table, g);
    let extra = if checks.is_empty() { 0.0 } else { DATA_ROW_H };
    let size = vec2(
        *geo.x.last().unwrap_or(&0.0),
        *geo.y.last().unwrap_or(&0.0) + extra,
    );
    let (outer, _) = ui.allocate_exact_size(size, Sense::hover());
    let origin = outer.min;
    let font = header_font();
    let text_color = ui.visuals().text_color();
    let line = Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
    let focus_pos = vs
        .focused_cell
        .filter(|c| doc.report.template.cells[c.index()].table == table)
        .and_then(|c| g.find_data(c))
        .map(|c| (c.row, c.col, c.colspan));
    let painter = ui.painter().clone();
    // Last year's figures beside the cells, when the report has last year's of this
    // agency and the header's toggle is on.
    let last = last_years_cells(doc, vs, table);
    let mut moves: Option<(CellId, Move)> = None;
    let mut focused_now = None;

    for c in &g.cells {
        let rect = geo.rect(origin, c);
        if !ui.is_rect_visible(rect) {
            // Keep a focused or targeted cell alive even when scrolled away.
            let keep = matches!(c.content, GridContent::Data(id)
                if vs.focused_cell == Some(id) || vs.goto == Some(Target::Cell(id)));
            if !keep {
                continue;
            }
        }
        match &c.content {
            GridContent::Data(id) => {
                let id = *id;
                let r = cell_ui(ui, doc, vs, &pal, rect, line, id);
                let before = last.as_ref().and_then(|l| l[id.index()].as_ref());
                if let Some(note) = before.and_then(|b| last_year_note(doc, b, id)) {
                    paint_last_year(ui, rect, id, &note);
                }
                if let Some(m) = r.moved {
                    moves = Some((id, m));
                }
                if r.focused {
                    focused_now = Some(id);
                }
            }
            other => {
                let (text, vert) = cell_text(c).unwrap_or(("", false));
                let in_focus_line = focus_pos.is_some_and(|(fr, fc, fs)| match other {
                    GridContent::RowHeader { .. } => fr >= c.row && fr < c.row + c.rowspan,
                    GridContent::ColumnHeader(_) => fc < c.col + c.colspan && c.col < fc + fs,
                    _ => false,
                });
                let fill = if in_focus_line {
                    pal.focus_line_bg
                } else if matches!(other, GridContent::Title(_)) {
                    pal.title_bg
                } else {
                    pal.header_bg
                };
                painter.rect(rect, 0.0, fill, line, egui::StrokeKind::Inside);
                let wrap = (rect.width() - 2.0 * PAD).max(font.size);
                let s = if vert {
                    vertical(text)
                } else {
                    text.to_owned()
                };
                let mut job = egui::text::LayoutJob::simple(s, font.clone(), text_color, wrap);
                let left = matches!(
                    other,
                    GridContent::RowHeader {
                        vertical: false,
                        ..
                    }
                );
                job.halign = if left { Align::LEFT } else { Align::Center };
                let galley = painter.layout_job(job);
                let pos = if left {
                    pos2(rect.left() + PAD, rect.center().y - galley.size().y / 2.0)
                } else {
                    pos2(rect.center().x, rect.center().y - galley.size().y / 2.0)
                };
                painter.galley(pos, galley, text_color);
            }
        }
    }
    if !checks.is_empty() {
        balance_row(ui, &pal, &geo, origin, g, &checks);
    }
    // Cell editors are placed with `put`, which moves the cursor to after the last one;
    // continue below the whole table instead.
    ui.advance_cursor_after_rect(outer);
    if let Some(id) = focused_now {
        if vs.focused_cell != Some(id) {
            ui.ctx().request_repaint();
        }
        vs.focused_cell = Some(id);
    } else if vs
        .focused_cell
        .is_some_and(|c| doc.report.template.cells[c.index()].table == table)
        && !ui.memory(|m| vs.focused_cell.is_some_and(|c| m.has_focus(cell_id(c))))
    {
        vs.focused_cell = None;
        ui.ctx().request_repaint();
    }
    if let Some((from, m)) = moves
        && let Some(to) = neighbour(doc, g, from, m)
    {
        ui.memory_mut(|mem| mem.request_focus(cell_id(to)));
        vs.goto = Some(Target::Cell(to));
        vs.focused_cell = Some(to);
        ui.ctx().request_repaint();
    }
}

/// Last year's figure of a cell and the change, short ("87 ↑12%") for beside the value
/// and in words ("上年 87，增长12.3%") for screen readers.
pub struct LastYearNote {
    pub short: String,
    pub long: String,
}

pub fn last_year_note(doc: &Doc, before: &Cell, id: CellId) -> Option<LastYearNote> {
    let then = before.number()?;
    let text = before.text();
    let now = doc.report.cell(id).number();
    let arrow = match now {
        None => String::new(),
        Some(n) if n == then => " ＝".into(),
        Some(n) if then == 0.0 => if n > 0.0 { " ↑" } else { " ↓" }.into(),
        Some(n) => {
            let up = if n > then { "↑" } else { "↓" };
            let (hi, lo) = (n.max(then), n.min(then));
            // Ten times and more reads better as a factor than as 1264%.
            if lo > 0.0 && hi >= 10.0 * lo {
                format!(" {up}{}倍", times(hi / lo))
            } else {
                format!(" {up}{}%", ((n - then) / then * 100.0).round().abs())
            }
        }
    };
    let words = now
        .and_then(|n| change_words(n, then))
        .map(|w| format!("，{w}"))
        .unwrap_or_default();
    Some(LastYearNote {
        short: format!("{text}{arrow}"),
        long: format!("上年 {text}{words}"),
    })
}

/// Last year's values of a table's cells (indexed by this year's cell), when the report
/// has last year's of this agency and the header's toggle is on. Copied out, so that the
/// cells can be edited while they are shown.
fn last_years_cells(doc: &Doc, vs: &ViewState, table: usize) -> Option<Vec<Option<Cell>>> {
    if vs.hide_last_year {
        return None;
    }
    let prev = doc.report.previous.as_deref()?;
    let last = LastYear::of(&doc.report, prev).ok()?;
    let t = doc.report.template;
    let mut out = vec![None; t.cells.len()];
    for id in t.table_cells(table) {
        out[id.index()] = last.cell(id).cloned();
    }
    Some(out)
}

/// Last year's figure in small faint type at the cell's top left (the value stands at
/// its right), and in its accessibility description.
fn paint_last_year(ui: &Ui, rect: Rect, id: CellId, note: &LastYearNote) {
    let font = egui::FontId::proportional(10.0);
    let color = ui.visuals().weak_text_color();
    let inner = rect.shrink(2.0);
    let galley = ui.painter().layout_no_wrap(note.short.clone(), font, color);
    // Own clip rect only when needed: each one splits the frame into another mesh.
    if galley.size().x <= inner.width() {
        ui.painter().galley(inner.left_top(), galley, color);
    } else {
        ui.painter()
            .with_clip_rect(inner.intersect(ui.clip_rect()))
            .galley(inner.left_top(), galley, color);
    }
    ui.ctx()
        .accesskit_node_builder(cell_id(id), |b| b.set_description(note.long.clone()));
}

/// A cell's value as its editor shows it: right-aligned, clipped to the cell when too long.
fn paint_value(ui: &Ui, inner: Rect, text: &str, color: Color32) {
    if text.is_empty() {
        return;
    }
    let font = TextStyle::Body.resolve(ui.style());
    let galley = ui.painter().layout_no_wrap(text.to_owned(), font, color);
    let size = galley.size();
    let y = inner.center().y - size.y / 2.0;
    if size.x <= inner.width() {
        ui.painter()
            .galley(pos2(inner.right() - size.x, y), galley, color);
    } else {
        // Own clip rect only when needed: each one splits the frame into another mesh.
        ui.painter()
            .with_clip_rect(inner.intersect(ui.clip_rect()))
            .galley(pos2(inner.left(), y), galley, color);
    }
}

struct CellOutcome {
    moved: Option<Move>,
    focused: bool,
}

/// A cell not being edited: its value painted, with the accessibility node an editor
/// would give (read by screen readers and the UI tests).
fn painted_cell(
    ui: &mut Ui,
    doc: &Doc,
    pal: &Palette,
    inner: Rect,
    id: CellId,
    error: Option<String>,
) {
    let wid = cell_id(id);
    let derived = doc.report.is_derived(id);
    let color = if derived {
        ui.visuals().strong_text_color()
    } else if error.is_some() {
        pal.error_fg
    } else {
        ui.visuals().text_color()
    };
    let sense = if derived {
        Sense::hover()
    } else {
        Sense::click()
    };
    let resp = ui.interact(inner, wid, sense);
    let text = doc.cell_text(id);
    paint_value(ui, inner, &text, color);
    // The same accessibility node as the editor would give (read by screen readers and
    // the UI tests), built only when accessibility is on.
    resp.widget_info(|| egui::WidgetInfo::text_edit(ui.is_enabled(), &text, &text, ""));
    let label = &doc.labels[id.index()];
    ui.ctx()
        .accesskit_node_builder(wid, |b| b.set_label(label.as_str()));
    if derived {
        match doc.report.origin(id) {
            Some(p) if p.from.unsure() => resp.on_hover_text(format!("{}；自动计算", p.hover())),
            _ => resp.on_hover_text("自动计算，不需填写"),
        };
    } else {
        if resp.clicked() {
            resp.request_focus();
            ui.ctx().request_repaint();
        }
        if let Some(msg) = error {
            resp.on_hover_text(msg);
        }
    }
}

fn cell_ui(
    ui: &mut Ui,
    doc: &mut Doc,
    vs: &mut ViewState,
    pal: &Palette,
    rect: Rect,
    line: Stroke,
    id: CellId,
) -> CellOutcome {
    let wid = cell_id(id);
    let derived = doc.report.is_derived(id);
    let error = doc.cell_error(id);
    let highlighted = vs.is_highlighted(id);
    let painter = ui.painter().clone();
    let doubtful = doc.report.is_doubtful(id);
    let ocr = doc
        .report
        .origin(id)
        .is_some_and(|p| p.from == crate::model::Origin::Ocr);
    let fill = if error.is_some() {
        pal.error_bg
    } else if highlighted {
        pal.highlight_bg
    } else if doubtful {
        pal.import_bg
    } else if ocr {
        pal.ocr_bg
    } else if derived {
        pal.derived_bg
    } else {
        ui.visuals().extreme_bg_color
    };
    // Fill and grid line as one shape: half the tessellation work of two.
    painter.rect(rect, 0.0, fill, line, egui::StrokeKind::Inside);
    let mut outcome = CellOutcome {
        moved: None,
        focused: false,
    };
    // Focus is taken after the editor has run, or the click that asked for it (elsewhere)
    // would take it away again in the same frame.
    let goto = vs.goto == Some(Target::Cell(id));
    if goto {
        ui.scroll_to_rect(rect.expand(40.0), Some(Align::Center));
        vs.goto = None;
    }
    let inner = rect.shrink2(vec2(3.0, 2.0));
    // Only the cell being edited (or about to be: under the pointer, dragged, targeted) gets
    // a real `TextEdit`; the rest are painted. A table has hundreds of cells and editors are
    // the bulk of a frame's cost.
    let focused = ui.memory(|m| m.has_focus(wid));
    let live = !derived
        && (focused
            || goto
            || ui.ctx().is_being_dragged(wid)
            || ui
                .ctx()
                .pointer_hover_pos()
                .is_some_and(|p| inner.contains(p)));
    if !live {
        painted_cell(ui, doc, pal, inner, id, error);
        return outcome;
    }
    let label = doc.labels[id.index()].clone();
    if focused {
        outcome.moved = navigation_keys(ui, doc, wid, id);
        if outcome.moved.is_none() {
            handle_paste(ui, doc, id);
        }
    }
    let mut buf = doc.cell_text(id).into_owned();
    let before = buf.clone();
    let resp = ui
        .put(
            inner,
            TextEdit::singleline(&mut buf)
                .id(wid)
                .frame(egui::Frame::NONE)
                .align(Align2::RIGHT_CENTER)
                .font(FontSelection::Style(TextStyle::Body))
                .text_color_opt(error.as_ref().map(|_| pal.error_fg))
                .desired_width(inner.width())
                .event_filter(egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: false,
                }),
        )
        .accessible_name(label);
    if goto {
        resp.request_focus();
    }
    if resp.has_focus() {
        outcome.focused = true;
        if doc.edit.as_ref().map(|e| e.0) != Some(id) {
            doc.edit = Some((id, buf.clone()));
        }
        painter.rect_stroke(
            rect.shrink(1.0),
            0.0,
            Stroke::new(2.0, pal.accent),
            egui::StrokeKind::Inside,
        );
    }
    if buf != before {
        doc.report.edit_cell(id, &buf);
        doc.edit = Some((id, buf));
        doc.commit(EditGroup::Cell(id));
    }
    cell_messages(ui, doc, pal, resp, rect, id);
    outcome
}

/// What an edited cell says beyond its value: the reason its text is no value (under the
/// cell while it has the focus, else on hover), or what the import did with it, with 确认.
fn cell_messages(
    ui: &Ui,
    doc: &mut Doc,
    pal: &Palette,
    resp: egui::Response,
    rect: Rect,
    id: CellId,
) {
    let wid = cell_id(id);
    if let Some(msg) = doc.cell_error(id) {
        if resp.has_focus() {
            // The reason stays visible under the cell while the user fixes it.
            egui::Area::new(wid.with("error"))
                .order(egui::Order::Tooltip)
                .fixed_pos(rect.left_bottom() + vec2(0.0, 2.0))
                .interactable(false)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.colored_label(pal.error_fg, msg);
                    });
                });
        } else {
            resp.on_hover_text(msg);
        }
    } else if let Some(p) = doc.report.origin(id).filter(|p| p.from.unsure()) {
        let hover = format!("{}（对照原件填写，或右键“确认”保留现值）", p.hover());
        resp.on_hover_text(hover).context_menu(|ui| {
            if ui.button("确认（已对照原件，数字无误）").clicked() {
                doc.confirm_cells(&[id]);
                ui.close();
            }
        });
    }
}

/// Handles Tab / Shift+Tab / Enter / arrows for the focused cell before its editor sees them.
fn navigation_keys(ui: &mut Ui, doc: &Doc, wid: egui::Id, id: CellId) -> Option<Move> {
    let caret = TextEdit::load_state(ui.ctx(), wid)
        .and_then(|s| s.cursor.char_range())
        .map(|r| (r.primary.index.0, r.secondary.index.0));
    let len = doc.cell_text(id).chars().count();
    let at_start = caret.is_none_or(|(p, s)| p == s && p == 0);
    let at_end = caret.is_none_or(|(p, s)| p == s && p >= len);
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::SHIFT, Key::Tab) {
            Some(Move::Prev)
        } else if i.consume_key(Modifiers::NONE, Key::Tab) {
            Some(Move::Next)
        } else if i.consume_key(Modifiers::SHIFT, Key::Enter) {
            Some(Move::Up)
        } else if i.consume_key(Modifiers::NONE, Key::Enter)
            || i.consume_key(Modifiers::NONE, Key::ArrowDown)
        {
            Some(Move::Down)
        } else if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            Some(Move::Up)
        } else if at_start && i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
            Some(Move::Prev)
        } else if at_end && i.consume_key(Modifiers::NONE, Key::ArrowRight) {
            Some(Move::Next)
        } else {
            None
        }
    })
}

/// A block copied from Excel/WPS (tab and newline separated) fills the cells to the right
/// and below; a single value with a trailing newline is pasted as that value.
fn handle_paste(ui: &mut Ui, doc: &mut Doc, id: CellId) {
    let block = ui.input_mut(|i| {
        let mut block = None;
        for e in &mut i.events {
            if let Event::Paste(s) = e {
                let trimmed = s.trim_end_matches(['\r', '\n']);
                if trimmed.contains(['\t', '\n']) {
                    block = Some(trimmed.to_owned());
                } else if trimmed.len() != s.len() {
                    *s = trimmed.to_owned();
                }
            }
        }
        if block.is_some() {
            i.events.retain(|e| !matches!(e, Event::Paste(_)));
        }
        block
    });
    if let Some(b) = block {
        paste_block(doc, id, &b);
    }
}

/// Fills cells from a tab/newline separated block starting at `start`; returns how many
/// cells were set. Derived cells keep their place in the block but are not written.
pub fn paste_block(doc: &mut Doc, start: CellId, block: &str) -> usize {
    let t = doc.report.template;
    let info = &t.cells[start.index()];
    let (table, row, col) = (info.table, info.row, info.col);
    let mut n = 0;
    for (i, line) in block.split('\n').enumerate() {
        for (j, value) in line.trim_end_matches('\r').split('\t').enumerate() {
            let Some(c) = t.cell_at(table, row + i, col + j) else {
                continue;
            };
            if doc.report.is_derived(c) {
                continue;
            }
            doc.report.edit_cell(c, value.trim());
            n += 1;
        }
    }
    if n > 0 {
        doc.edit = None;
        doc.commit(EditGroup::Other);
    }
    n
}

/// The cell the focus moves to from `from`.
fn neighbour(doc: &Doc, g: &Grid, from: CellId, m: Move) -> Option<CellId> {
    let editable = |c: &&GridCell| match c.content {
        GridContent::Data(id) => !doc.report.is_derived(id),
        _ => false,
    };
    let data = |c: &GridCell| match c.content {
        GridContent::Data(id) => id,
        _ => unreachable!("filtered to data cells"),
    };
    let pos = g.find_data(from)?;
    match m {
        Move::Next => g
            .cells
            .iter()
            .filter(editable)
            .find(|c| (c.row, c.col) > (pos.row, pos.col))
            .map(data),
        Move::Prev => g
            .cells
            .iter()
            .rev()
            .filter(editable)
            .find(|c| (c.row, c.col) < (pos.row, pos.col))
            .map(data),
        Move::Down | Move::Up => {
            let below = |c: &&GridCell| {
                c.col <= pos.col
                    && pos.col < c.col + c.colspan
                    && if m == Move::Down {
                        c.row > pos.row
                    } else {
                        c.row < pos.row
                    }
            };
            let mut it: Vec<&GridCell> = g.cells.iter().filter(editable).filter(below).collect();
            if m == Move::Up {
                it.reverse();
            }
            it.first().map(|c| data(c))
        }
    }
}

/// One column of a balance check (H1): where it sits and Σ lhs − Σ rhs.
struct Balance {
    col: usize,
    colspan: usize,
    /// `None` when a cell is not a number or all are empty.
    delta: Option<i64>,
}

/// Live per-column differences of the table's balance equations (H1's 一+二 = 三+四).
fn balances(doc: &Doc, table: usize, g: &Grid) -> Vec<Balance> {
    use crate::template::{Check, Term};
    let mut out = Vec::new();
    for rule in &doc.report.template.rules {
        let Check::Equation(eq) = &rule.check else {
            continue;
        };
        if eq.table != table || eq.derive || !eq.over_columns {
            continue;
        }
        for inst in &eq.instances {
            let value = |t: Term| match t {
                Term::This(c) => doc.report.cell(c).summand(),
                Term::Prev(_) => None,
            };
            let delta = eq
                .eval(inst, value)
                .filter(|s| s.lhs_any || s.rhs_any)
                .map(|s| s.lhs - s.rhs);
            let Some(pos) = inst.lhs.first().and_then(|t| g.find_data(t.cell())) else {
                continue;
            };
            out.push(Balance {
                col: pos.col,
                colspan: pos.colspan,
                delta,
            });
        }
        // One balance row per table is enough to read.
        break;
    }
    out
}

fn balance_row(ui: &Ui, pal: &Palette, geo: &Geometry, origin: Pos2, g: &Grid, checks: &[Balance]) {
    let painter = ui.painter();
    let top = origin.y + geo.y[g.rows];
    let row = |c0: usize, c1: usize| {
        Rect::from_min_max(
            pos2(origin.x + geo.x[c0], top),
            pos2(origin.x + geo.x[c1], top + DATA_ROW_H),
        )
    };
    let font = header_font();
    let weak = ui.visuals().weak_text_color();
    if g.label_cols > 0 {
        let r = row(0, g.label_cols);
        painter.text(
            pos2(r.left() + PAD, r.center().y),
            Align2::LEFT_CENTER,
            "勾稽核对：（一+二）－（三+四）",
            font.clone(),
            weak,
        );
    }
    for b in checks {
        let r = row(b.col, b.col + b.colspan);
        let (text, color) = match b.delta {
            Some(0) => ("0".to_owned(), weak),
            Some(d) => (format!("{d:+}"), pal.error_fg),
            None => (String::new(), weak),
        };
        if b.delta.is_some_and(|d| d != 0) {
            painter.rect_filled(r.shrink(1.0), 0.0, pal.error_bg);
        }
        painter.text(
            pos2(r.right() - PAD - 3.0, r.center().y),
            Align2::RIGHT_CENTER,
            text,
            font.clone(),
            color,
        );
    }
}
