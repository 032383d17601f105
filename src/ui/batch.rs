//! 批量检查: many reports (drafts and published files) checked at once on a background
//! thread ([`crate::check::worker`]), one table row each, sortable and filterable; the
//! selected row's findings below; the workbook and the sum of the chosen rows.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::view::Palette;
use crate::check::worker::{Message, Worker};
use crate::check::{self, Entry, Figure, KeyFigures};
use crate::validate::date_zh;

/// What the view asks the window to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchCommand {
    /// Choose a folder to check.
    PickFolder,
    /// Open this file in the editor (a published report is imported as a new draft).
    Open(PathBuf),
    /// 导出工作簿…: ask where, then [`BatchView::export_xlsx`].
    ExportXlsx,
    /// 生成合计 with this title: [`BatchView::sum`], opened as a new draft.
    Sum(String),
    /// Back to the editor.
    Close,
}

/// The table's columns, in order; each sorts by its own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Agency,
    Year,
    Format,
    File,
    Form,
    Errors,
    /// Hard rules the import left unjudgeable (待核对): not errors of the report.
    Unverified,
    Warnings,
    /// Key figure `i` of the template's list (`check::figure_columns`).
    Figure(usize),
    Date,
    Deadline,
    Previous,
    Notes,
}

/// The columns before the key figures, with their titles and widths.
const HEAD: [(Col, &str, f32); 8] = [
    (Col::Agency, "单位", 190.0),
    (Col::Year, "年度", 48.0),
    (Col::Format, "格式", 96.0),
    (Col::File, "来源文件", 170.0),
    (Col::Form, "形式", 46.0),
    (Col::Errors, "错误", 70.0),
    (Col::Unverified, "待核对", 60.0),
    (Col::Warnings, "警告", 96.0),
];

/// The columns after the key figures.
const TAIL: [(Col, &str, f32); 4] = [
    (Col::Date, "成文日期", 110.0),
    (Col::Deadline, "按期发布", 66.0),
    (Col::Previous, "对照上年", 120.0),
    (Col::Notes, "导入说明", 260.0),
];

/// The table's columns: the key figures (each as wide as its title) between the report's
/// identity and its dates.
fn columns() -> Vec<(Col, &'static str, f32)> {
    let figures = check::figure_columns().iter().enumerate().map(|(i, k)| {
        let chars = k.title.chars().count() as f32;
        (Col::Figure(i), k.title.as_str(), 13.0 * chars + 14.0)
    });
    HEAD.into_iter().chain(figures).chain(TAIL).collect()
}

/// A row's state: a checked report, a file that could not be read, or one skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Checked,
    Unreadable(String),
    Skipped(String),
}

/// What a table row shows, prepared once per run (sorting and filtering compare these).
#[derive(Debug, Clone)]
struct Row {
    state: State,
    agency: String,
    year: Option<i32>,
    format: String,
    file: String,
    form: &'static str,
    errors: usize,
    unverified: usize,
    /// Open warnings; those marked 已核实 are counted apart.
    warnings: usize,
    reviewed: usize,
    figures: KeyFigures,
    date: Option<NaiveDate>,
    met: Option<bool>,
    previous: Option<String>,
    notes: usize,
    /// Agency and file name, lower-cased, for the filter.
    search: String,
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl Row {
    fn of(e: &Entry) -> Row {
        let file = file_name(&e.path);
        let mut row = Row {
            state: State::Checked,
            agency: String::new(),
            year: None,
            format: String::new(),
            search: file.to_lowercase(),
            file,
            form: "",
            errors: 0,
            unverified: 0,
            warnings: 0,
            reviewed: 0,
            figures: KeyFigures::default(),
            date: None,
            met: None,
            previous: None,
            notes: 0,
        };
        match &e.outcome {
            Err(msg) if e.skipped => row.state = State::Skipped(msg.clone()),
            Err(msg) => row.state = State::Unreadable(msg.clone()),
            Ok(c) => {
                let r = &c.loaded.report;
                row.agency = r.agency.trim().to_owned();
                row.search = format!("{} {}", row.agency, row.search).to_lowercase();
                row.year = Some(r.year);
                // "2021年版格式（国办公开办函〔2021〕30号）" → "2021年版格式".
                row.format = r.template.name.split('（').next().unwrap_or("").to_owned();
                row.form = match c.loaded.form {
                    "Word 文档" => "Word",
                    f => f,
                };
                row.errors = c.errors();
                row.unverified = c.unverified();
                row.warnings = c.warnings();
                row.reviewed = c.reviewed_warnings();
                row.figures = check::key_figures(r);
                row.date = r.publish_date;
                row.met = check::deadline_met(r);
                row.previous = c.previous.as_deref().map(file_name);
                row.notes = c.loaded.notes;
            }
        }
        row
    }

    /// Unreadable files count as the worst errors, skipped files as none.
    fn error_rank(&self) -> usize {
        match self.state {
            State::Unreadable(_) => usize::MAX,
            State::Skipped(_) => 0,
            State::Checked => self.errors,
        }
    }

    fn has_errors(&self) -> bool {
        self.error_rank() > 0
    }

    fn compare(&self, other: &Row, col: Col) -> Ordering {
        match col {
            Col::Agency => self.agency.cmp(&other.agency),
            Col::Year => self.year.cmp(&other.year),
            Col::Format => self.format.cmp(&other.format),
            Col::File => self.file.cmp(&other.file),
            Col::Form => self.form.cmp(other.form),
            Col::Errors => self.error_rank().cmp(&other.error_rank()),
            Col::Unverified => self.unverified.cmp(&other.unverified),
            Col::Warnings => self.warnings.cmp(&other.warnings),
            Col::Figure(i) => {
                let k = |r: &Row| r.figures.get(i).and_then(Figure::number);
                k(self).partial_cmp(&k(other)).unwrap_or(Ordering::Equal)
            }
            Col::Date => self.date.cmp(&other.date),
            Col::Deadline => self.met.cmp(&other.met),
            Col::Previous => self.previous.cmp(&other.previous),
            Col::Notes => self.notes.cmp(&other.notes),
        }
    }
}

/// The 批量检查 view: the run, its rows and what the user chose.
#[derive(Default)]
pub struct BatchView {
    /// Shown instead of the editor.
    pub visible: bool,
    worker: Option<Worker>,
    /// Files read so far, files to read, the last one read.
    progress: (usize, usize, String),
    /// What was checked (folders and files), for the heading.
    sources: Vec<PathBuf>,
    entries: Vec<Entry>,
    rows: Vec<Row>,
    /// Entry indices in display order: filtered, then sorted.
    order: Vec<usize>,
    sort: Option<(Col, bool)>,
    pub filter: String,
    pub only_errors: bool,
    /// Selected entries (Ctrl-click adds); the details show `focus`.
    selected: BTreeSet<usize>,
    focus: Option<usize>,
    /// 导出工作簿 and 生成合计 take the selected rows rather than all shown.
    scope_selected: bool,
    /// The title being asked for 生成合计.
    sum_title: Option<String>,
    /// What the last run or action came to.
    pub message: String,
}

impl BatchView {
    /// Starts checking `paths` (folders and files); a run under way is cancelled.
    pub fn start(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        let ctx = ctx.clone();
        self.sources = paths.clone();
        self.worker = Some(Worker::start(paths, move || ctx.request_repaint()));
        self.progress = (0, 0, String::new());
        self.set_entries(Vec::new());
        self.message = "正在查找文件……".into();
        self.visible = true;
    }

    /// Shows the entries of a run made elsewhere (benchmarks, tests), as if just checked.
    pub fn show_entries(&mut self, sources: Vec<PathBuf>, entries: Vec<Entry>) {
        self.worker = None;
        self.sources = sources;
        self.message = format!("共 {} 个文件", entries.len());
        self.set_entries(entries);
        self.visible = true;
    }

    pub fn is_running(&self) -> bool {
        self.worker.is_some()
    }

    /// What the last run checked (folders and files).
    pub fn sources(&self) -> &[PathBuf] {
        &self.sources
    }

    /// Every row of the last run, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The files of the rows shown, in display order.
    pub fn shown_files(&self) -> Vec<&Path> {
        self.order
            .iter()
            .map(|&i| self.entries[i].path.as_path())
            .collect()
    }

    /// Sorts by `col` (ascending first; the same column again reverses).
    pub fn sort_by(&mut self, col: Col) {
        self.sort = match self.sort {
            Some((c, asc)) if c == col => Some((c, !asc)),
            _ => Some((col, true)),
        };
        self.refresh_order();
    }

    fn set_entries(&mut self, entries: Vec<Entry>) {
        self.rows = entries.iter().map(Row::of).collect();
        self.entries = entries;
        self.selected.clear();
        self.focus = None;
        self.refresh_order();
    }

    fn refresh_order(&mut self) {
        let needle = self.filter.trim().to_lowercase();
        let rows = &self.rows;
        self.order = (0..rows.len())
            .filter(|&i| needle.is_empty() || rows[i].search.contains(&needle))
            .filter(|&i| !self.only_errors || rows[i].has_errors())
            .collect();
        if let Some((col, asc)) = self.sort {
            // Files that gave no report have no figures: they go last either way, except
            // where they have a value of their own (错误, 来源文件).
            let last = |r: &Row| {
                !matches!(col, Col::Errors | Col::File | Col::Notes) && r.state != State::Checked
            };
            // Stable: rows equal under the key keep their file order.
            self.order.sort_by(|&a, &b| {
                let (ra, rb) = (&rows[a], &rows[b]);
                last(ra).cmp(&last(rb)).then_with(|| {
                    let o = ra.compare(rb, col);
                    if asc { o } else { o.reverse() }
                })
            });
        }
    }

    /// Takes what the worker sent since the last frame.
    fn poll(&mut self) {
        let Some(w) = &self.worker else { return };
        let mut done = None;
        while let Some(m) = w.try_recv() {
            match m {
                Message::Found(n) => {
                    self.progress.1 = n;
                    self.message = format!("正在检查 {n} 个文件……");
                }
                Message::Read { done, total, path } => {
                    self.progress = (done, total, path.display().to_string());
                }
                Message::Page { done, total, path } => {
                    self.progress.2 = if done < total {
                        format!(
                            "正在识别扫描件 {}：第 {} / {total} 页",
                            path.display(),
                            done + 1
                        )
                    } else {
                        path.display().to_string()
                    };
                }
                Message::Done { entries, cancelled } => done = Some((entries, cancelled)),
            }
        }
        let Some((entries, cancelled)) = done else {
            return;
        };
        self.worker = None;
        let skipped = entries.iter().filter(|e| e.skipped).count();
        let unreadable = entries
            .iter()
            .filter(|e| e.outcome.is_err() && !e.skipped)
            .count();
        let read = entries.len() - skipped - unreadable;
        let mut msg = if cancelled {
            format!(
                "已取消：读取了 {} / {} 个文件，",
                entries.len(),
                self.progress.1
            )
        } else {
            format!("共 {} 个文件：", entries.len())
        };
        msg.push_str(&format!("{read} 份报告"));
        if unreadable > 0 {
            msg.push_str(&format!("，{unreadable} 个无法读取"));
        }
        if skipped > 0 {
            msg.push_str(&format!("，跳过 {skipped} 个不是年报的文件"));
        }
        if entries.is_empty() && !cancelled {
            msg = "没有找到草稿或年报文件（.ron、.nianbao、.docx、.html、.pdf、.txt、.md）".into();
        }
        self.message = msg;
        self.set_entries(entries);
    }

    /// The entries 导出工作簿 and 生成合计 act on: the selected rows or every row shown, in
    /// display order.
    fn scope(&self) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|i| !self.scope_selected || self.selected.contains(i))
            .filter(|&i| !self.entries[i].skipped)
            .collect()
    }

    /// Writes the workbook of the rows in scope (with their sum) to `path`; the message
    /// for the status bar.
    pub fn export_xlsx(&self, path: &Path) -> Result<String, String> {
        let entries: Vec<Entry> = self
            .scope()
            .into_iter()
            .map(|i| self.entries[i].clone())
            .collect();
        if entries.is_empty() {
            return Err("没有可以导出的行".into());
        }
        let summed = self.sum_of(&entries, "合计");
        check::xlsx::write(path, &entries, summed.as_ref())
            .map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
        Ok(format!(
            "已导出工作簿 {}（{} 行）",
            path.display(),
            entries.len()
        ))
    }

    fn sum_of<'a>(
        &self,
        entries: impl IntoIterator<Item = &'a Entry>,
        title: &str,
    ) -> Option<check::sum::Sum> {
        let parts: Vec<check::sum::Part<'_>> = entries
            .into_iter()
            .filter_map(|e| {
                let r = &e.outcome.as_ref().ok()?.loaded.report;
                Some(check::sum::Part {
                    name: format!("{}{}年（{}）", r.agency, r.year, file_name(&e.path)),
                    report: r,
                })
            })
            .collect();
        check::sum::sum(&parts, title)
    }

    /// The sum of the reports in scope, titled `title`.
    pub fn sum(&self, title: &str) -> Option<check::sum::Sum> {
        self.sum_of(self.scope().into_iter().map(|i| &self.entries[i]), title)
    }

    // ----- drawing -----------------------------------------------------------------------

    /// Draws the view; returns what the window has to do.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<BatchCommand> {
        self.poll();
        let mut cmd = None;
        ui.horizontal_wrapped(|ui| {
            ui.heading("批量检查");
            if ui
                .add_enabled(!self.is_running(), egui::Button::new("选择文件夹…"))
                .on_hover_text("检查文件夹（含子文件夹）中的全部草稿和已发布的年报；也可把文件或文件夹拖到窗口上")
                .clicked()
            {
                cmd = Some(BatchCommand::PickFolder);
            }
            if ui.button("返回编辑").clicked() {
                cmd = Some(BatchCommand::Close);
            }
            if !self.sources.is_empty() {
                let names: Vec<String> = self
                    .sources
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                ui.label(RichText::new(names.join("、")).weak());
            }
        });
        if let Some(w) = &self.worker {
            let (done, total, current) = &self.progress;
            ui.horizontal(|ui| {
                let frac = if *total == 0 {
                    0.0
                } else {
                    *done as f32 / *total as f32
                };
                ui.add(
                    egui::ProgressBar::new(frac)
                        .desired_width(320.0)
                        .text(format!("{done} / {total}")),
                );
                if w.is_cancelled() {
                    ui.label("正在取消……");
                } else if ui.button("取消").clicked() {
                    w.cancel();
                }
                ui.label(RichText::new(current.as_str()).weak());
            });
            // Repainted by the worker as files are read; nothing to poll meanwhile.
        } else if !self.message.is_empty() {
            ui.label(&self.message);
        }
        if self.entries.is_empty() {
            if self.worker.is_none() && self.sources.is_empty() {
                ui.add_space(12.0);
                ui.label("选择一个文件夹，或把草稿、已发布的年报（Word、网页、PDF、文本）及其文件夹拖到窗口上，逐份校验并比较各单位的主要数字。同一单位相邻两年的报告会做跨年度核对。文件只读取，不会被修改。");
            }
            return cmd;
        }
        self.filters_ui(ui, &mut cmd);
        ui.separator();
        // The table takes what the findings below leave; it scrolls sideways as a whole
        // (its columns are wider than a laptop screen) and down by itself.
        let details_h = (ui.available_height() * 0.3).clamp(110.0, 260.0);
        let table_h = (ui.available_height() - details_h).max(120.0);
        let mut open = None;
        egui::ScrollArea::horizontal()
            .id_salt("batch-table-x")
            .max_height(table_h)
            .show(ui, |ui| open = self.table_ui(ui, table_h));
        ui.separator();
        self.details_ui(ui);
        if let Some(i) = open {
            cmd = Some(BatchCommand::Open(self.entries[i].path.clone()));
        }
        if let Some(c) = self.sum_dialog(ui.ctx()) {
            cmd = Some(c);
        }
        cmd
    }

    fn filters_ui(&mut self, ui: &mut Ui, cmd: &mut Option<BatchCommand>) {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("筛选");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("单位或文件名")
                        .desired_width(180.0),
                )
                .labelled_by(l.id);
            let mut changed = r.changed();
            changed |= ui.checkbox(&mut self.only_errors, "只看有错误的").changed();
            if changed {
                self.refresh_order();
            }
            ui.label(format!(
                "显示 {} / {} 行",
                self.order.len(),
                self.rows.len()
            ));
            ui.separator();
            let focus = self.focus.filter(|i| !self.entries[*i].skipped);
            if ui
                .add_enabled(focus.is_some(), egui::Button::new("打开"))
                .on_hover_text("在编辑器中打开所选报告（已发布的年报导入为新草稿）；也可双击该行")
                .clicked()
                && let Some(i) = focus
            {
                *cmd = Some(BatchCommand::Open(self.entries[i].path.clone()));
            }
            ui.separator();
            ui.label("范围");
            let n = self.selected.len();
            ui.radio_value(
                &mut self.scope_selected,
                false,
                format!("显示的 {} 行", self.order.len()),
            );
            ui.add_enabled_ui(n > 0, |ui| {
                ui.radio_value(&mut self.scope_selected, true, format!("所选 {n} 行"));
            });
            if n == 0 {
                self.scope_selected = false;
            }
            if ui
                .button("导出工作簿…")
                .on_hover_text("Excel 工作簿：汇总、问题清单、合计")
                .clicked()
            {
                *cmd = Some(BatchCommand::ExportXlsx);
            }
            if ui
                .button("生成合计…")
                .on_hover_text("把各报告的统计表逐格相加，生成一份新草稿")
                .clicked()
            {
                self.sum_title = Some("合计".into());
            }
        });
    }

    /// The table; the entry to open when a row was double-clicked.
    fn table_ui(&mut self, ui: &mut Ui, height: f32) -> Option<usize> {
        let mut open = None;
        let mut clicked: Option<(usize, bool)> = None;
        let mut sort = None;
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let red = ui.visuals().error_fg_color;
        let warn = ui.visuals().warn_fg_color;
        let weak = ui.visuals().weak_text_color();
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0)
            .max_scroll_height((height - row_h - 12.0).max(row_h))
            .auto_shrink([false, false]);
        let columns = columns();
        for &(_, _, w) in &columns {
            table = table.column(Column::initial(w).at_least(36.0).clip(true));
        }
        table
            .header(row_h + 2.0, |mut header| {
                for &(col, title, _) in &columns {
                    header.col(|ui| {
                        let arrow = match self.sort {
                            Some((c, true)) if c == col => " ↑",
                            Some((c, false)) if c == col => " ↓",
                            _ => "",
                        };
                        if ui
                            .add(
                                egui::Button::new(
                                    RichText::new(format!("{title}{arrow}")).strong(),
                                )
                                .frame(false),
                            )
                            .on_hover_text("点击排序")
                            .clicked()
                        {
                            sort = Some(col);
                        }
                    });
                }
            })
            .body(|body| {
                // Only the rows in view are laid out: a thousand rows scroll as ten.
                body.rows(row_h, self.order.len(), |mut row| {
                    let i = self.order[row.index()];
                    let r = &self.rows[i];
                    row.set_selected(self.selected.contains(&i));
                    for &(col, _, _) in &columns {
                        row.col(|ui| cell_ui(ui, r, col, red, warn, weak));
                    }
                    let resp = row.response();
                    if resp.double_clicked() {
                        open = Some(i);
                    } else if resp.clicked() {
                        clicked = Some((i, ui_command(&resp)));
                    }
                });
            });
        if let Some(col) = sort {
            self.sort_by(col);
        }
        if let Some((i, add)) = clicked {
            if add {
                if !self.selected.remove(&i) {
                    self.selected.insert(i);
                }
            } else {
                self.selected = BTreeSet::from([i]);
            }
            self.focus = Some(i);
        }
        open.filter(|i| !self.entries[*i].skipped)
    }

    fn details_ui(&self, ui: &mut Ui) {
        let Some(i) = self.focus else {
            ui.label(RichText::new("选择一行，查看该报告的校验结果。Ctrl+单击可选择多行。").weak());
            return;
        };
        let e = &self.entries[i];
        ui.label(RichText::new(e.path.display().to_string()).strong());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match &e.outcome {
                Err(msg) if e.skipped => {
                    ui.label(format!("跳过：{msg}"));
                }
                Err(msg) => {
                    ui.colored_label(ui.visuals().error_fg_color, format!("无法读取：{msg}"));
                }
                Ok(c) => {
                    let r = &c.loaded.report;
                    ui.label(format!(
                        "{} {}年度，{}，{}",
                        r.agency, r.year, r.template.name, c.loaded.form
                    ));
                    if let Some(p) = &c.previous {
                        ui.label(format!("已与上年报告 {} 做跨年度核对", p.display()));
                    }
                    // This agency's other years among the rows (this row's report first:
                    // it stands for its year).
                    let others = self
                        .entries
                        .iter()
                        .filter_map(|e| e.outcome.as_ref().ok())
                        .map(|c| &c.loaded.report);
                    let all = std::iter::once(r).chain(others);
                    if let Some(years) = check::years::Years::of(&r.agency, all) {
                        egui::CollapsingHeader::new("历年数据")
                            .id_salt("batch-years")
                            .default_open(true)
                            .show(ui, |ui| super::years::charts(ui, &years, Some(r.year)));
                    }
                    if !c.loaded.note_texts.is_empty() {
                        ui.label(RichText::new("导入说明").strong());
                        for n in &c.loaded.note_texts {
                            ui.label(n);
                        }
                        ui.label(RichText::new("校验结果").strong());
                    }
                    if c.diagnostics.is_empty() {
                        ui.label("未发现问题");
                    }
                    for d in &c.diagnostics {
                        let (kind, color) = match d.severity_key() {
                            "error" => ("错误", ui.visuals().error_fg_color),
                            "unverified" => ("待核对", Palette::of(ui).import_fg),
                            _ => ("提示", ui.visuals().warn_fg_color),
                        };
                        let place = check::section_titles(r, d);
                        let place = if place.is_empty() {
                            String::new()
                        } else {
                            format!("［{place}］")
                        };
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(color, format!("{kind} {}", d.rule));
                            ui.label(format!("{place}{}", d.message));
                        });
                    }
                }
            });
    }

    /// The title asked before 生成合计.
    fn sum_dialog(&mut self, ctx: &egui::Context) -> Option<BatchCommand> {
        let title = self.sum_title.as_mut()?;
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("batch-sum-title")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.label(RichText::new("生成合计").heading());
            ui.label("把所选范围内各报告的统计表逐格相加，生成一份新草稿。");
            let l = ui.label("合计报告的发布机关（标题）");
            let r = ui
                .add(egui::TextEdit::singleline(title).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if (ui.button("生成").clicked() || enter) && !title.trim().is_empty() {
                    answer = Some(Some(BatchCommand::Sum(title.trim().to_owned())));
                }
                if ui.button("取消").clicked() {
                    answer = Some(None);
                }
            });
        });
        let answer = answer?;
        self.sum_title = None;
        answer
    }
}

/// Whether a click adds to the selection (Ctrl or ⌘ held): the modifiers of the button
/// release itself, which holds even when they were let go within the same frame.
fn ui_command(resp: &egui::Response) -> bool {
    resp.ctx.input(|i| {
        i.modifiers.command
            || i.events.iter().any(|e| {
                matches!(e, egui::Event::PointerButton { pressed: false, modifiers, .. }
                    if modifiers.command)
            })
    })
}

fn cell_ui(ui: &mut Ui, r: &Row, col: Col, red: Color32, warn: Color32, weak: Color32) {
    // A selectable label would take the click meant for the row.
    ui.style_mut().interaction.selectable_labels = false;
    match (&r.state, col) {
        (State::Unreadable(_), Col::Errors) => {
            ui.colored_label(red, "无法读取");
        }
        (State::Unreadable(msg), Col::Notes) => {
            ui.colored_label(red, msg).on_hover_text(msg);
        }
        (State::Skipped(_), Col::Errors) => {
            ui.colored_label(weak, "跳过");
        }
        (State::Skipped(msg), Col::Notes) => {
            ui.colored_label(weak, format!("跳过：{msg}"));
        }
        (State::Checked, _) | (_, Col::File) => {
            let text = match col {
                Col::Agency => r.agency.clone(),
                Col::Year => r.year.map(|y| y.to_string()).unwrap_or_default(),
                Col::Format => r.format.clone(),
                Col::File => r.file.clone(),
                Col::Form => r.form.to_owned(),
                Col::Errors => {
                    if r.errors > 0 {
                        ui.colored_label(red, r.errors.to_string());
                        return;
                    }
                    "0".into()
                }
                Col::Unverified if r.unverified > 0 => {
                    ui.colored_label(Palette::of(ui).import_fg, r.unverified.to_string())
                        .on_hover_text(
                            "导入时有单元格未能读出，相关勾稽关系无法核对，不算报告的错误",
                        );
                    return;
                }
                Col::Unverified => "0".into(),
                Col::Warnings if r.reviewed > 0 => {
                    format!("{}（已核实 {}）", r.warnings, r.reviewed)
                }
                Col::Warnings => r.warnings.to_string(),
                Col::Figure(i) => r
                    .figures
                    .get(i)
                    .map_or_else(|| "—".into(), |f| f.to_string()),
                Col::Date => r.date.map_or_else(|| "—".into(), date_zh),
                Col::Deadline => match r.met {
                    Some(true) => "按期".into(),
                    Some(false) => {
                        ui.colored_label(warn, "逾期");
                        return;
                    }
                    None => "—".into(),
                },
                Col::Previous => r.previous.clone().unwrap_or_default(),
                Col::Notes if r.notes > 0 => format!("{} 条", r.notes),
                Col::Notes => String::new(),
            };
            ui.label(text);
        }
        _ => {}
    }
}
