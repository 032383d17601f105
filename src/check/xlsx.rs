//! The checker's workbook: 汇总 (one row per report), 问题清单 (one row per finding) and
//! 合计 (the summed tables).

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::sum::Sum;
use super::{
    Entry, Figure, cell_labels, deadline, deadline_met, figure_columns, key_figures, section_titles,
};
use crate::model::Cell;
use crate::validate::date_zh;

/// Column headers of sheet 汇总 before the key figures.
const SUMMARY_HEAD: [&str; 9] = [
    "来源文件",
    "文件形式",
    "发布机关",
    "年度",
    "报告格式",
    "错误",
    "提醒",
    "已核实提醒",
    // Hard rules the import left unjudgeable: not errors of the report.
    "待核对",
];

/// Column headers of sheet 汇总 after the key figures.
const SUMMARY_TAIL: [&str; 6] = [
    "发布日期",
    "发布期限",
    "是否按期发布",
    "导入说明",
    "对照的上年报告",
    "无法读取的原因",
];

/// Column headers of sheet 汇总: the key figures' titles (with their unit) between the
/// report's identity and its dates.
pub fn summary_headers() -> Vec<String> {
    let figures = figure_columns().iter().map(|k| match &k.unit {
        Some(u) => format!("{}（{u}）", k.title),
        None => k.title.clone(),
    });
    SUMMARY_HEAD
        .iter()
        .map(|h| h.to_string())
        .chain(figures)
        .chain(SUMMARY_TAIL.iter().map(|h| h.to_string()))
        .collect()
}

/// Column headers of sheet 问题清单.
///
/// Warnings marked 已核实 are listed too, as 类别 `提醒（已核实）` with the drafter's reason:
/// the reviewer is the one who judges whether the reason holds, and the sheet's filter
/// hides them in one click.
pub const ISSUE_HEADERS: [&str; 9] = [
    "来源文件",
    "发布机关",
    "年度",
    "类别",
    "规则",
    "章节",
    "单元格",
    "说明",
    "核实理由",
];

/// A sheet being written, remembering how wide each column has to be.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<f64>,
}

impl Sheet<'_> {
    fn fit(&mut self, col: u16, text: &str) {
        // Excel measures widths in characters of the default font; a CJK character takes
        // about two of them.
        let w: f64 = text
            .chars()
            .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
            .sum();
        let i = col as usize;
        if self.widths.len() <= i {
            self.widths.resize(i + 1, 6.0);
        }
        self.widths[i] = self.widths[i].max((w + 2.0).min(80.0));
    }

    fn text(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        self.fit(col, text);
        self.ws.write_string(row, col, text)?;
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, n: Option<f64>) -> Result<(), XlsxError> {
        if let Some(n) = n {
            self.fit(col, &n.to_string());
            self.ws.write_number(row, col, n)?;
        }
        Ok(())
    }

    fn header(&mut self, row: u32, headers: &[&str], format: &Format) -> Result<(), XlsxError> {
        for (c, h) in headers.iter().enumerate() {
            self.fit(c as u16, h);
            self.ws
                .write_string_with_format(row, c as u16, *h, format)?;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w)?;
        }
        Ok(())
    }
}

/// Writes the workbook of a run to `path`; `sum` fills sheet 合计.
pub fn write(path: &Path, entries: &[Entry], sum: Option<&Sum>) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color("#DDE7F0");
    summary_sheet(&mut wb, entries, &bold)?;
    issues_sheet(&mut wb, entries, &bold)?;
    sum_sheet(&mut wb, sum, &bold)?;
    wb.save(path)
}

fn summary_sheet(wb: &mut Workbook, entries: &[Entry], bold: &Format) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("汇总")?;
    ws.set_freeze_panes(1, 0)?;
    let mut s = Sheet {
        ws,
        widths: Vec::new(),
    };
    let headers = summary_headers();
    let last = headers.len() as u16 - 1;
    s.header(
        0,
        &headers.iter().map(String::as_str).collect::<Vec<_>>(),
        bold,
    )?;
    for (i, e) in entries.iter().enumerate() {
        let row = i as u32 + 1;
        s.text(row, 0, &e.path.display().to_string())?;
        let c = match &e.outcome {
            Ok(c) => c,
            Err(msg) => {
                s.text(row, last, msg)?;
                continue;
            }
        };
        let r = &c.loaded.report;
        let k = key_figures(r);
        s.text(row, 1, c.loaded.form)?;
        s.text(row, 2, &r.agency)?;
        s.number(row, 3, Some(f64::from(r.year)))?;
        s.text(row, 4, &r.template.name)?;
        s.number(row, 5, Some(c.errors() as f64))?;
        s.number(row, 6, Some(c.warnings() as f64))?;
        s.number(row, 7, Some(c.reviewed_warnings() as f64))?;
        s.number(row, 8, Some(c.unverified() as f64))?;
        let first = SUMMARY_HEAD.len() as u16;
        for (i, f) in k.0.iter().enumerate() {
            // The cell shows the amount; the report's own text stays exact in the draft.
            s.number(row, first + i as u16, f.as_ref().and_then(Figure::number))?;
        }
        let tail = first + k.0.len() as u16;
        if let Some(d) = r.publish_date {
            s.text(row, tail, &date_zh(d))?;
        }
        if let Some(d) = deadline(r) {
            s.text(row, tail + 1, &date_zh(d))?;
        }
        let met = match deadline_met(r) {
            Some(true) => "是",
            Some(false) => "否",
            None => "无发布日期",
        };
        s.text(row, tail + 2, met)?;
        s.number(row, tail + 3, Some(c.loaded.notes as f64))?;
        if let Some(p) = &c.previous {
            s.text(row, tail + 4, &p.display().to_string())?;
        }
    }
    s.ws.autofilter(0, 0, entries.len() as u32, last)?;
    s.finish()
}

fn issues_sheet(wb: &mut Workbook, entries: &[Entry], bold: &Format) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("问题清单")?;
    ws.set_freeze_panes(1, 0)?;
    let mut s = Sheet {
        ws,
        widths: Vec::new(),
    };
    s.header(0, &ISSUE_HEADERS, bold)?;
    let mut row = 1u32;
    for e in entries {
        let file = e.path.display().to_string();
        match &e.outcome {
            Err(msg) => {
                s.text(row, 0, &file)?;
                s.text(row, 3, "无法读取")?;
                s.text(row, 7, msg)?;
                row += 1;
            }
            Ok(c) => {
                let r = &c.loaded.report;
                for (i, d) in c.diagnostics.iter().enumerate() {
                    let mark = c.mark(i);
                    let kind = match (d.severity_key(), mark) {
                        ("error", _) => "错误",
                        // Not a problem of the report: the import could not read a cell.
                        ("unverified", _) => "待核对",
                        (_, None) => "提醒",
                        (_, Some(_)) => "提醒（已核实）",
                    };
                    s.text(row, 0, &file)?;
                    s.text(row, 1, &r.agency)?;
                    s.number(row, 2, Some(f64::from(r.year)))?;
                    s.text(row, 3, kind)?;
                    s.text(row, 4, d.rule)?;
                    s.text(row, 5, &section_titles(r, d))?;
                    s.text(row, 6, &cell_labels(r, &d.cells))?;
                    s.text(row, 7, &d.message)?;
                    if let Some(m) = mark {
                        s.text(row, 8, &m.reason)?;
                    }
                    row += 1;
                }
            }
        }
    }
    s.ws.autofilter(0, 0, row.saturating_sub(1).max(1), 8)?;
    s.finish()
}

fn sum_sheet(wb: &mut Workbook, sum: Option<&Sum>, bold: &Format) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("合计")?;
    ws.set_freeze_panes(1, 0)?;
    let mut s = Sheet {
        ws,
        widths: Vec::new(),
    };
    let Some(sum) = sum else {
        s.text(0, 0, "没有可以合计的报告")?;
        return s.finish();
    };
    let r = &sum.report;
    let t = r.template;
    s.ws.write_string_with_format(
        0,
        0,
        format!("{}（{}份报告，{}）", r.agency, sum.count, t.name),
        bold,
    )?;
    s.text(1, 0, &r.header_text)?;
    let mut row = 2u32;
    for m in &sum.messages {
        s.text(row, 0, m)?;
        row += 1;
    }
    for (ti, table) in t.tables.iter().enumerate() {
        row += 1;
        s.ws.write_string_with_format(row, 0, &t.table_section(ti).title, bold)?;
        row += 1;
        for block in &table.blocks {
            let mut headers = vec!["项目"];
            headers.extend(block.columns.iter().map(|c| c.short.as_str()));
            for (c, h) in headers.iter().enumerate() {
                s.fit(c as u16, h);
                s.ws.write_string_with_format(row, c as u16, *h, bold)?;
            }
            row += 1;
            for ri in block.rows.clone() {
                let trow = &table.rows[ri];
                let label = if trow.short.is_empty() {
                    "件数"
                } else {
                    &trow.short
                };
                s.text(row, 0, label)?;
                for ci in 0..block.columns.len() {
                    let Some(id) = t.cell_at(ti, ri, ci) else {
                        continue;
                    };
                    match r.cell(id) {
                        Cell::Int(n) => s.number(row, ci as u16 + 1, Some(*n as f64))?,
                        Cell::Amount(a) => {
                            s.number(row, ci as u16 + 1, a.parse().ok())?;
                        }
                        _ => {}
                    }
                }
                row += 1;
            }
        }
    }
    s.finish()
}
