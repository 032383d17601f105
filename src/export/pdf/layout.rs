//! Page layout: the report as positioned text runs and ruled lines on A4 pages, following
//! GB/T 9704 conventions. It lays out the shared [`document`](crate::export::document)
//! blocks and knows nothing of PDF, so it could also feed an on-screen preview.

use super::fonts::{Metrics, Role};
use super::linebreak::break_lines;
use crate::export::document::{self as doc, Block, CellKind, TEXT_W};
use crate::model::Report;

pub use crate::export::document::{PAGE_H, PAGE_W};
const MM: f32 = doc::MM;
const TOP: f32 = doc::MARGIN_TOP_MM * MM;
const BOTTOM: f32 = doc::MARGIN_BOTTOM_MM * MM;
const LEFT: f32 = doc::MARGIN_LEFT_MM * MM;

/// 2号 title, 3号 body, 五号 tables.
const TITLE_PT: f32 = 22.0;
const BODY_PT: f32 = 16.0;
const TABLE_PT: f32 = doc::TABLE_PT;
/// 22 lines a page.
const LINE: f32 = 28.9;
/// Tightens 3号 text so that 28 characters fill a line.
const BODY_TRACK: f32 = -0.2;
const CELL_PAD: f32 = 2.5;
const TABLE_LINE: f32 = 13.5;

/// A run of text at a baseline position (pt from the page's top-left corner).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub role: Role,
    pub size: f32,
    pub x: f32,
    pub baseline: f32,
    /// Extra space after every character (tracking plus justification).
    pub spacing: f32,
    pub text: String,
}

/// A straight line from (x1, y1) to (x2, y2).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub pages: Vec<Page>,
    pub title: String,
    pub author: String,
    /// Draw the "草稿 · 校验未通过" watermark on every page.
    pub watermark: bool,
}

struct Cursor<'a> {
    m: &'a Metrics<'a>,
    pages: Vec<Page>,
    /// y of the top of the next line.
    y: f32,
}

impl<'a> Cursor<'a> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    /// Makes room for `h`, starting a new page if needed.
    fn need(&mut self, h: f32) {
        if self.room() < h - 0.5 && self.y > TOP + 0.5 {
            self.new_page();
        }
    }

    /// A justified paragraph with a first-line indent of `indent` characters.
    fn paragraph(&mut self, role: Role, size: f32, text: &str, indent: f32, align_right: bool) {
        let m = self.m;
        let track = if role == Role::Body { BODY_TRACK } else { 0.0 };
        let measure = |s: &str| m.width(role, size, track, s);
        let first = TEXT_W - indent * size;
        for (i, line) in break_lines(text, first, TEXT_W, &measure)
            .into_iter()
            .enumerate()
        {
            self.need(LINE);
            let x0 = if i == 0 { LEFT + indent * size } else { LEFT };
            let avail = if i == 0 { first } else { TEXT_W };
            let n = line.text.chars().count();
            let (x, spacing) = if align_right {
                (LEFT + TEXT_W - line.width - 2.0 * size, track)
            } else if !line.last && n > 1 {
                (x0, track + (avail - line.width) / (n as f32 - 1.0))
            } else {
                (x0, track)
            };
            let baseline = self.y + LINE * 0.5 + size * 0.35;
            self.page().runs.push(Run {
                role,
                size,
                x,
                baseline,
                spacing,
                text: line.text,
            });
            self.y += LINE;
        }
    }

    fn centered(&mut self, role: Role, size: f32, text: &str, line_h: f32) {
        let w = self.m.width(role, size, 0.0, text);
        self.need(line_h);
        let baseline = self.y + line_h * 0.5 + size * 0.35;
        self.page().runs.push(Run {
            role,
            size,
            x: LEFT + (TEXT_W - w) / 2.0,
            baseline,
            spacing: 0.0,
            text: text.to_string(),
        });
        self.y += line_h;
    }
}

/// Lays out a report.
pub fn layout(r: &Report, m: &Metrics, watermark: bool) -> Document {
    layout_document(&doc::build(r, watermark), m)
}

/// Lays out the blocks of a report.
pub fn layout_document(d: &doc::Document, m: &Metrics) -> Document {
    let mut c = Cursor {
        m,
        pages: Vec::new(),
        y: TOP,
    };
    c.new_page();
    // Title, on two lines after the agency name when it does not fit on one.
    let title = &d.title;
    let title_w = m.width(Role::Title, TITLE_PT, 0.0, title);
    let title_lines: Vec<String> = match d.title_break {
        Some(at) if title_w > TEXT_W => vec![title[..at].to_string(), title[at..].to_string()],
        _ => vec![title.clone()],
    };
    for l in &title_lines {
        c.centered(Role::Title, TITLE_PT, l, 36.0);
    }
    c.y += LINE * 0.5;
    for b in &d.blocks {
        match b {
            Block::Heading(h) => {
                c.need(LINE * 2.0);
                c.paragraph(Role::Heading, BODY_PT, h, 2.0, false);
            }
            // Sub-headings take the title face (the bundled stand-in for 楷体).
            Block::SubHeading(p) => c.paragraph(Role::Title, BODY_PT, p, 2.0, false),
            Block::Paragraph(p) => c.paragraph(Role::Body, BODY_PT, p, 2.0, false),
            Block::Table(t) => table(&mut c, t),
            Block::Signature(lines) => {
                // Room for signature and stamp, then agency and date on the right.
                c.need(LINE * 5.0);
                c.y += LINE * 2.0;
                for l in lines {
                    c.paragraph(Role::Body, BODY_PT, l, 0.0, true);
                }
            }
        }
    }
    // Page numbers: "— N —" centred under the text block.
    for (i, p) in c.pages.iter_mut().enumerate() {
        let label = format!("— {} —", i + 1);
        let w = m.width(Role::Body, 14.0, 0.0, &label);
        p.runs.push(Run {
            role: Role::Body,
            size: 14.0,
            x: (PAGE_W - w) / 2.0,
            baseline: PAGE_H - BOTTOM + 7.0 * MM + 14.0,
            spacing: 0.0,
            text: label,
        });
    }
    Document {
        pages: c.pages,
        title: title.clone(),
        author: d.author.clone(),
        watermark: d.watermark,
    }
}

/// Lines of a cell's text wrapped to `width`.
fn cell_lines(m: &Metrics, text: &str, width: f32, vertical: bool) -> Vec<String> {
    if vertical {
        return text.chars().map(String::from).collect();
    }
    let measure = |s: &str| m.width(Role::Body, TABLE_PT, 0.0, s);
    let mut out = Vec::new();
    for part in text.split('\n') {
        out.extend(
            break_lines(part, width, width, &measure)
                .into_iter()
                .map(|l| l.text),
        );
    }
    out
}

struct Placed {
    row: usize,
    page: usize,
    y: f32,
}

fn table(c: &mut Cursor, g: &doc::Table) {
    let m = c.m;
    let widths = &g.widths;
    let x_at: Vec<f32> = std::iter::once(LEFT)
        .chain(widths.iter().scan(LEFT, |x, w| {
            *x += w;
            Some(*x)
        }))
        .collect();
    // Row heights: single-row cells set their row; spanning cells stretch their last row.
    let mut heights = vec![TABLE_LINE + 2.0 * CELL_PAD + 2.0; g.rows];
    let lines_of: Vec<Vec<String>> = g
        .cells
        .iter()
        .map(|k| {
            let w = x_at[k.col + k.colspan] - x_at[k.col] - 2.0 * CELL_PAD;
            cell_lines(m, &k.text, w, k.kind == CellKind::VerticalLabel)
        })
        .collect();
    for (k, lines) in g.cells.iter().zip(&lines_of) {
        if k.rowspan == 1 {
            let h = lines.len() as f32 * TABLE_LINE + 2.0 * CELL_PAD + 2.0;
            heights[k.row] = heights[k.row].max(h);
        }
    }
    for (k, lines) in g.cells.iter().zip(&lines_of) {
        if k.rowspan > 1 {
            let need = lines.len() as f32 * TABLE_LINE + 2.0 * CELL_PAD + 2.0;
            let have: f32 = heights[k.row..k.row + k.rowspan].iter().sum();
            if need > have {
                heights[k.row + k.rowspan - 1] += need - have;
            }
        }
    }
    // Place rows on pages; a row never splits, and a block's header rows repeat on a new
    // page. A band starts on a new page unless its header and two rows fit.
    let mut placed: Vec<Placed> = Vec::new();
    for band in &g.bands {
        let head = band.header_start..band.header_start + band.header_rows;
        let head_h: f32 = heights[head.clone()].iter().sum();
        let first_rows: f32 = heights
            [band.data_start..(band.data_start + 2).min(band.data_start + band.data_rows)]
            .iter()
            .sum();
        c.need(head_h + first_rows);
        for row in head.clone() {
            placed.push(Placed {
                row,
                page: c.pages.len() - 1,
                y: c.y,
            });
            c.y += heights[row];
        }
        for row in band.data_start..band.data_start + band.data_rows {
            if c.room() < heights[row] {
                c.new_page();
                for h in head.clone() {
                    placed.push(Placed {
                        row: h,
                        page: c.pages.len() - 1,
                        y: c.y,
                    });
                    c.y += heights[h];
                }
            }
            placed.push(Placed {
                row,
                page: c.pages.len() - 1,
                y: c.y,
            });
            c.y += heights[row];
        }
    }
    c.y += LINE * 0.5;
    // Draw every cell over each contiguous run of its placed rows.
    for (k, lines) in g.cells.iter().zip(&lines_of) {
        let span = k.row..k.row + k.rowspan;
        let mut i = 0;
        while i < placed.len() {
            if !span.contains(&placed[i].row) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < placed.len()
                && span.contains(&placed[j + 1].row)
                && placed[j + 1].page == placed[i].page
                && placed[j + 1].row == placed[j].row + 1
            {
                j += 1;
            }
            let top = placed[i].y;
            let bottom = placed[j].y + heights[placed[j].row];
            draw_cell(
                c,
                placed[i].page,
                k,
                lines,
                (x_at[k.col], x_at[k.col + k.colspan]),
                (top, bottom),
            );
            i = j + 1;
        }
    }
}

fn draw_cell(
    c: &mut Cursor,
    page: usize,
    k: &doc::TableCell,
    lines: &[String],
    (x1, x2): (f32, f32),
    (y1, y2): (f32, f32),
) {
    let m = c.m;
    let p = &mut c.pages[page];
    for (a, b, cc, d) in [
        (x1, y1, x2, y1),
        (x1, y2, x2, y2),
        (x1, y1, x1, y2),
        (x2, y1, x2, y2),
    ] {
        p.rules.push(Rule {
            x1: a,
            y1: b,
            x2: cc,
            y2: d,
        });
    }
    let text_h = lines.len() as f32 * TABLE_LINE;
    let mut baseline = y1 + ((y2 - y1) - text_h) / 2.0 + TABLE_LINE * 0.5 + TABLE_PT * 0.35;
    let left_aligned = k.kind == CellKind::RowLabel;
    for l in lines {
        let w = m.width(Role::Body, TABLE_PT, 0.0, l);
        let x = if left_aligned {
            x1 + CELL_PAD
        } else {
            x1 + ((x2 - x1) - w) / 2.0
        };
        p.runs.push(Run {
            role: Role::Body,
            size: TABLE_PT,
            x,
            baseline,
            spacing: 0.0,
            text: l.clone(),
        });
        baseline += TABLE_LINE;
    }
}
