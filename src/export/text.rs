//! Plain UTF-8 text that reads like a published report; tables are one row per line with
//! tab-separated cells, so a paste into Word, WPS or Excel yields a table.

use crate::model::{Cell, Report};
use crate::template::layout::{self, GridContent};
use crate::validate::date_zh;

/// Text export options.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Write empty cells as 0 (the user's explicit choice; otherwise they stay empty).
    pub empty_as_zero: bool,
}

/// The whole report as text.
pub fn to_text(r: &Report, opts: TextOptions) -> String {
    let t = r.template;
    let mut out = String::new();
    out.push_str(&r.title());
    out.push_str("\n\n");
    push_paragraphs(&mut out, &r.header_text);
    for (i, s) in t.sections.iter().enumerate() {
        out.push_str(&s.title);
        out.push_str("\n\n");
        match s.table {
            None => push_paragraphs(&mut out, &r.texts[i]),
            Some(ti) => {
                out.push_str(&table_text(r, ti, opts));
                out.push('\n');
                push_paragraphs(&mut out, &r.notes[ti]);
            }
        }
    }
    if !r.agency.is_empty() {
        out.push_str(&r.agency);
        out.push('\n');
    }
    if let Some(d) = r.publish_date {
        out.push_str(&date_zh(d));
        out.push('\n');
    }
    out
}

/// One table: a line per grid row, a tab between grid columns; a merged cell's text is
/// written once, at its top-left position.
pub fn table_text(r: &Report, table: usize, opts: TextOptions) -> String {
    let g = layout::grid(r.template, table);
    let mut lines = vec![vec![String::new(); g.cols]; g.rows];
    for c in &g.cells {
        lines[c.row][c.col] = match &c.content {
            GridContent::Title(s) | GridContent::Corner(s) | GridContent::ColumnHeader(s) => {
                s.clone()
            }
            GridContent::RowHeader { text, .. } => text.clone(),
            GridContent::Data(id) => match r.cell(*id) {
                Cell::Empty if opts.empty_as_zero => "0".into(),
                c => c.text().trim().to_string(),
            },
        };
    }
    let mut out = String::new();
    for line in lines {
        out.push_str(line.join("\t").trim_end_matches('\t'));
        out.push('\n');
    }
    out
}

fn push_paragraphs(out: &mut String, text: &str) {
    for p in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str(p);
        out.push_str("\n\n");
    }
}
