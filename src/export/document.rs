//! The report as an ordered list of printable blocks: title, header paragraph, headings,
//! paragraphs, tables and signature. The PDF page layout, the Word writer and the web page
//! writer all start from this one reading of the report, so they agree on what is printed
//! and in which order; each only decides how it looks.
//!
//! The page geometry the table column widths are fitted to is the [`style`](super::style)
//! sheet's, re-exported here.

use std::ops::Range;

pub use super::style::{
    MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM, MM, PAGE_H, PAGE_W, TABLE_PT,
    TEXT_W,
};
use crate::model::Report;
use crate::template::CellId;
use crate::template::layout::{self, Band, GridContent};
use crate::validate::date_zh;

/// The report, ready to be written in any format.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The printed title, e.g. `某某局2025年政府信息公开工作年度报告`. Line breaks in it
    /// (`\n`) are where the printed title breaks (the PDF layout honours them).
    pub title: String,
    /// Byte offset in `title` where it may break onto a second line (after the agency
    /// name), when the agency is known.
    pub title_break: Option<usize>,
    /// The publishing agency (document metadata).
    pub author: String,
    /// The report fails a hard rule: mark it "草稿 · 校验未通过".
    pub watermark: bool,
    /// Everything under the title, in reading order.
    pub blocks: Vec<Block>,
    /// Where each block comes from in the report (same length as `blocks`), so a preview
    /// can lead from the page back to the form.
    pub origins: Vec<Origin>,
}

/// The part of the report a printed block or line was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Title,
    /// A paragraph of the header text, by its byte range.
    Header(Range<usize>),
    /// The heading of a section.
    Heading(usize),
    /// A paragraph of a section's text: section and byte range in its text.
    Text(usize, Range<usize>),
    /// A paragraph of a table's note: table and byte range in the note.
    Note(usize, Range<usize>),
    /// A table as a whole (its labels and headers).
    Table(usize),
    /// A cell of a table holding a figure.
    Cell(CellId),
    Signature,
}

/// One printable unit of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading such as `一、总体情况` (黑体).
    Heading(String),
    /// A sub-heading paragraph such as `（一）主动公开情况` (楷体).
    SubHeading(String),
    /// A body paragraph: justified, first line indented by two characters.
    Paragraph(String),
    Table(Table),
    /// Agency and date, right-aligned after room for the signature and seal.
    Signature(Vec<String>),
}

/// A table as a grid of merged cells, with its column widths.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Index of the table in the template.
    pub index: usize,
    pub rows: usize,
    pub cols: usize,
    /// Leading columns that hold row labels.
    pub label_cols: usize,
    /// Width of every grid column in pt; they add up to [`TEXT_W`].
    pub widths: Vec<f32>,
    /// Cells ordered by (row, col) of their top-left corner.
    pub cells: Vec<TableCell>,
    /// Header and data rows of each block.
    pub bands: Vec<Band>,
}

/// A placed cell and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub kind: CellKind,
    pub text: String,
    /// The report's cell, for a figure.
    pub cell: Option<CellId>,
}

/// What a cell holds, which decides its alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Block title across the table (`第二十条第（一）项`).
    Title,
    /// Corner and column headers.
    Header,
    /// Row label, left-aligned.
    RowLabel,
    /// Row-group label set top to bottom (`三、本年度办理结果`).
    VerticalLabel,
    /// A figure, centred.
    Value,
}

/// Whether a paragraph is a sub-heading such as `（一）主动公开情况`.
pub fn is_subheading(p: &str) -> bool {
    p.starts_with('（') && p.chars().nth(2) == Some('）') && p.chars().count() <= 30
}

/// Reads a report into blocks. `watermark` marks a report that fails a hard rule.
pub fn build(r: &Report, watermark: bool) -> Document {
    let mut blocks = Vec::new();
    let mut origins = Vec::new();
    let mut push = |b: Block, o: Origin| {
        blocks.push(b);
        origins.push(o);
    };
    text_blocks(&mut push, &r.header_text, Origin::Header);
    let t = r.template;
    for (i, s) in t.sections.iter().enumerate() {
        push(Block::Heading(s.title.clone()), Origin::Heading(i));
        match s.table {
            None => text_blocks(&mut push, &r.texts[i], |range| Origin::Text(i, range)),
            Some(ti) => {
                push(Block::Table(table(r, ti)), Origin::Table(ti));
                text_blocks(&mut push, &r.notes[ti], |range| Origin::Note(ti, range));
            }
        }
    }
    let mut sign = Vec::new();
    if !r.agency.is_empty() {
        sign.push(r.agency.clone());
    }
    if let Some(d) = r.publish_date {
        sign.push(date_zh(d));
    }
    push(Block::Signature(sign), Origin::Signature);
    Document {
        title: r.title(),
        title_break: (!r.agency.is_empty()).then_some(r.agency.len()),
        author: r.agency.clone(),
        watermark,
        blocks,
        origins,
    }
}

/// Paragraphs of a free text: one per non-empty line, with the byte range of each.
fn text_blocks(
    out: &mut impl FnMut(Block, Origin),
    text: &str,
    origin: impl Fn(Range<usize>) -> Origin,
) {
    let base = text.as_ptr() as usize;
    for p in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
        // `p` is a slice of `text`: its offset is where it starts.
        let start = p.as_ptr() as usize - base;
        let b = if is_subheading(p) {
            Block::SubHeading(p.to_string())
        } else {
            Block::Paragraph(p.to_string())
        };
        out(b, origin(start..start + p.len()));
    }
}

/// Table `ti` of the report on its template grid.
pub fn table(r: &Report, ti: usize) -> Table {
    let g = layout::grid(r.template, ti);
    let cells: Vec<TableCell> = g
        .cells
        .iter()
        .map(|k| {
            let cell = match &k.content {
                GridContent::Data(id) => Some(*id),
                _ => None,
            };
            let (kind, text) = match &k.content {
                GridContent::Title(s) => (CellKind::Title, s.clone()),
                GridContent::Corner(s) | GridContent::ColumnHeader(s) => {
                    (CellKind::Header, s.clone())
                }
                GridContent::RowHeader { text, vertical } => (
                    if *vertical {
                        CellKind::VerticalLabel
                    } else {
                        CellKind::RowLabel
                    },
                    text.clone(),
                ),
                GridContent::Data(id) => (CellKind::Value, r.cell(*id).text().trim().to_string()),
            };
            TableCell {
                row: k.row,
                col: k.col,
                rowspan: k.rowspan,
                colspan: k.colspan,
                kind,
                text,
                cell,
            }
        })
        .collect();
    let vertical: Vec<bool> = (0..g.cols)
        .map(|col| {
            cells
                .iter()
                .any(|k| k.col == col && k.kind == CellKind::VerticalLabel)
        })
        .collect();
    Table {
        index: ti,
        rows: g.rows,
        cols: g.cols,
        label_cols: g.label_cols,
        widths: column_widths(g.cols, g.label_cols, &vertical),
        cells,
        bands: g.bands,
    }
}

/// Column widths filling the text width: data columns share 62 % (at most 100 pt each),
/// a vertical label column is two characters wide, other label columns five, and the
/// innermost label column takes the rest.
fn column_widths(cols: usize, label_cols: usize, vertical: &[bool]) -> Vec<f32> {
    let data = cols - label_cols;
    if label_cols == 0 {
        return vec![TEXT_W / cols as f32; cols];
    }
    let dw = (TEXT_W * 0.62 / data as f32).min(100.0);
    let mut w = vec![dw; cols];
    let label_area = TEXT_W - dw * data as f32;
    let mut fixed = 0.0;
    for (i, v) in vertical.iter().enumerate().take(label_cols - 1) {
        w[i] = if *v { TABLE_PT * 2.0 } else { TABLE_PT * 5.0 };
        fixed += w[i];
    }
    w[label_cols - 1] = label_area - fixed;
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample;
    use crate::template;

    #[test]
    fn widths_fill_the_text_width() {
        for t in template::all() {
            let r = sample::filled(t, 2025);
            for ti in 0..t.tables.len() {
                let tab = table(&r, ti);
                let sum: f32 = tab.widths.iter().sum();
                assert!((sum - TEXT_W).abs() < 0.01, "{} {ti}: {sum}", t.id);
                assert!(tab.widths.iter().all(|w| *w > 10.0));
            }
        }
    }

    #[test]
    fn blocks_follow_the_sections() {
        let t = template::get("gov-info-annual-2021").unwrap();
        let mut r = sample::filled(t, 2025);
        r.notes[1] = "（一）说明\n表中数据截至年底。".into();
        let d = build(&r, false);
        let headings: Vec<&str> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.as_str()),
                _ => None,
            })
            .collect();
        let titles: Vec<&str> = t.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(headings, titles);
        let tables = d
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count();
        assert_eq!(tables, t.tables.len());
        assert!(d.blocks.contains(&Block::SubHeading("（一）说明".into())));
        assert!(
            d.blocks
                .contains(&Block::Paragraph("表中数据截至年底。".into()))
        );
        // The sample is dated: agency, then 成文日期.
        let date = crate::validate::date_zh(r.publish_date.unwrap());
        assert_eq!(
            d.blocks.last(),
            Some(&Block::Signature(vec![r.agency.clone(), date]))
        );
        assert_eq!(&d.title[..d.title_break.unwrap()], r.agency);
    }
}
