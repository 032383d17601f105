//! Page layout: the report as positioned text runs and ruled lines on A4 pages, following
//! GB/T 9704 conventions. It lays out the shared [`document`](crate::export::document)
//! blocks and knows nothing of PDF, so it could also feed an on-screen preview.

use super::fonts::{Metrics, Role};
use super::linebreak::break_lines;
pub use crate::export::document::Origin;
use crate::export::document::{self as doc, Block, CellKind};
use crate::export::style::{self, BODY_PT, MM, TABLE_PT, TEXT_W, TITLE_PT};
use crate::model::Report;

// The style sheet in pt, the PDF's own unit.
pub use crate::export::style::{PAGE_H, PAGE_NUMBER_PT, PAGE_W};
const TOP: f32 = style::MARGIN_TOP_MM * MM;
const BOTTOM: f32 = style::MARGIN_BOTTOM_MM * MM;
const LEFT: f32 = style::MARGIN_LEFT_MM * MM;
/// Line pitch, rounded down to a tenth of a point (28.99 → 28.9 pt): the pitch the PDF
/// has always had and its tests measure. 22 lines still fit the text block, 23 do not.
const LINE: f32 = (style::LINE_PITCH * 10.0).floor() / 10.0;
/// 3号 text is tracked so that 28 characters fill a line.
const BODY_TRACK: f32 = style::BODY_TRACKING;
const INDENT: f32 = style::INDENT_CHARS;
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
    /// What in the report it shows (`None`: page numbers).
    pub origin: Option<Origin>,
}

/// A straight line from (x1, y1) to (x2, y2).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
}

/// A table cell's box and what it shows (not drawn: it leads a preview back to the form).
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
    /// Table cells, including empty ones.
    pub areas: Vec<Area>,
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

/// Where page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageNumbers {
    /// Centred under the text block (single-sided).
    #[default]
    Centred,
    /// For two-sided printing (GB/T 9704 7.5): odd pages at the right, even pages at the
    /// left, one character in from the edge of the text block.
    Alternating,
}

struct Cursor<'a> {
    m: &'a Metrics<'a>,
    pages: Vec<Page>,
    /// y of the top of the next line.
    y: f32,
    /// Page of every line of body text and every data row placed so far, in order: what
    /// a heading must keep with and the signature must take along.
    content: Vec<usize>,
    /// Start a new page before this content line (so that it and the lines after it
    /// accompany the signature).
    break_before: Option<usize>,
    /// What the runs being laid out show.
    origin: Option<Origin>,
}

/// Where the cursor was, to lay a stretch out again elsewhere. Content is only ever
/// appended, so truncating to these lengths undoes everything after the mark.
struct Mark {
    pages: usize,
    runs: usize,
    rules: usize,
    areas: usize,
    y: f32,
    content: usize,
}

impl<'a> Cursor<'a> {
    fn new(m: &'a Metrics<'a>, break_before: Option<usize>) -> Cursor<'a> {
        let mut c = Cursor {
            m,
            pages: Vec::new(),
            y: TOP,
            content: Vec::new(),
            break_before,
            origin: None,
        };
        c.new_page();
        c
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + 0.5
    }

    fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    /// Makes room for `h`, starting a new page if needed.
    fn need(&mut self, h: f32) {
        if self.room() < h - 0.5 && !self.at_top() {
            self.new_page();
        }
    }

    /// Whether to start a new page because the next `n` content lines include the first
    /// one the signature takes along. Happens once: a stretch laid out again after it
    /// (keep-with-next) starts on a new page anyway.
    fn break_due(&mut self, n: usize) -> bool {
        let next = self.content.len();
        let due = !self.at_top()
            && self
                .break_before
                .is_some_and(|b| (next..next + n).contains(&b));
        if due {
            self.break_before = None;
        }
        due
    }

    /// Records a content line (text line or table row) about to be placed at `self.y`.
    fn content_line(&mut self) {
        self.content.push(self.pages.len() - 1);
    }

    fn mark(&self) -> Mark {
        let last = self.pages.last().expect("a page");
        Mark {
            pages: self.pages.len(),
            runs: last.runs.len(),
            rules: last.rules.len(),
            areas: last.areas.len(),
            y: self.y,
            content: self.content.len(),
        }
    }

    fn restore(&mut self, m: &Mark) {
        self.pages.truncate(m.pages);
        let last = self.page();
        last.runs.truncate(m.runs);
        last.rules.truncate(m.rules);
        last.areas.truncate(m.areas);
        self.y = m.y;
        self.content.truncate(m.content);
    }

    /// Lays out a heading and what follows it with `f`, keeping them together: when the
    /// first two content lines after the heading (or the table's first rows) do not land
    /// on the heading's page, the whole stretch is laid out again from a new page.
    fn keep_with_next(&mut self, f: &dyn Fn(&mut Cursor<'a>)) {
        self.need(LINE);
        let mark = self.mark();
        let page = self.pages.len() - 1;
        f(self);
        let follow = &self.content[mark.content..(mark.content + 2).min(self.content.len())];
        if mark.y > TOP + 0.5 && follow.iter().any(|&p| p != page) {
            self.restore(&mark);
            self.new_page();
            f(self);
        }
    }

    /// A justified paragraph with a first-line indent of `indent` characters. Body text
    /// counts as content; headings do not.
    fn paragraph(&mut self, role: Role, size: f32, text: &str, indent: f32, align_right: bool) {
        let m = self.m;
        let track = if role == Role::Body { BODY_TRACK } else { 0.0 };
        let measure = |s: &str| m.width(role, size, track, s);
        // Indents count characters as the line sets them, tracking included (two of the
        // 28 in a line of body text).
        let indent = indent * (size + track);
        let first = TEXT_W - indent;
        let counts = role == Role::Body && !align_right;
        for (i, line) in break_lines(text, first, TEXT_W, &measure)
            .into_iter()
            .enumerate()
        {
            if counts && self.break_due(1) {
                self.new_page();
            }
            self.need(LINE);
            if counts {
                self.content_line();
            }
            let x0 = if i == 0 { LEFT + indent } else { LEFT };
            let avail = if i == 0 { first } else { TEXT_W };
            let baseline = self.y + LINE * 0.5 + size * 0.35;
            let origin = self.origin.clone();
            let run = |x: f32, spacing: f32, text: String| Run {
                role,
                size,
                x,
                baseline,
                spacing,
                text,
                origin: origin.clone(),
            };
            let gaps = line.atoms.len().saturating_sub(1);
            if align_right {
                let x = LEFT + TEXT_W - line.width - INDENT * (size + track);
                self.page().runs.push(run(x, track, line.text));
            } else if line.last || gaps == 0 {
                // Last line, or one word alone: ragged rather than letter-spaced.
                self.page().runs.push(run(x0, track, line.text));
            } else {
                // Justified: the slack goes into the gaps between atoms, so a word, number
                // or address keeps its natural spacing. Single characters share one run
                // whose character spacing carries the gap after each of them.
                let extra = (avail - line.width) / gaps as f32;
                let mut x = x0;
                let mut chars = String::new();
                let flush = |c: &mut Self, chars: &mut String, x: &mut f32| {
                    if !chars.is_empty() {
                        let n = chars.chars().count() as f32;
                        let w = measure(chars) + n * extra;
                        c.page()
                            .runs
                            .push(run(*x, track + extra, std::mem::take(chars)));
                        *x += w;
                    }
                };
                for a in &line.atoms {
                    if a.chars().count() == 1 {
                        chars.push_str(a);
                        continue;
                    }
                    flush(self, &mut chars, &mut x);
                    self.page().runs.push(run(x, track, a.clone()));
                    x += measure(a) + extra;
                }
                flush(self, &mut chars, &mut x);
            }
            self.y += LINE;
        }
    }

    fn centered(&mut self, role: Role, size: f32, text: &str, line_h: f32) {
        let w = self.m.width(role, size, 0.0, text);
        self.need(line_h);
        let baseline = self.y + line_h * 0.5 + size * 0.35;
        let origin = self.origin.clone();
        self.page().runs.push(Run {
            role,
            size,
            x: LEFT + (TEXT_W - w) / 2.0,
            baseline,
            spacing: 0.0,
            text: text.to_string(),
            origin,
        });
        self.y += line_h;
    }
}

/// Lays out a report.
pub fn layout(r: &Report, m: &Metrics, watermark: bool, numbers: PageNumbers) -> Document {
    layout_document(&doc::build(r, watermark), m, numbers)
}

/// Lays out the blocks of a report.
pub fn layout_document(d: &doc::Document, m: &Metrics, numbers: PageNumbers) -> Document {
    let signature: &[String] = d
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Signature(lines) => Some(lines.as_slice()),
            _ => None,
        })
        .unwrap_or(&[]);
    let sig_lines = signature.len();
    let sig_h = sig_lines as f32 * LINE;
    let mut c = Cursor::new(m, None);
    flow(&mut c, d);
    // GB/T 9704: the signature goes one line below the text (two when there is room for
    // a stamp), never alone on a page. When even one line of gap does not fit, or the
    // last page would hold fewer than two lines of text, the last two lines are laid
    // out on a new page to accompany it.
    let last = c.pages.len() - 1;
    let on_last = c.content.iter().filter(|&&p| p == last).count();
    if sig_lines > 0
        && c.content.len() >= 2
        && (c.room() < LINE + sig_h - 0.5 || (last > 0 && on_last < 2))
    {
        let take_along = c.content.len() - 2;
        c = Cursor::new(m, Some(take_along));
        flow(&mut c, d);
    }
    if sig_lines > 0 {
        let gap = if c.room() >= 2.0 * LINE + sig_h - 0.5 {
            2.0
        } else {
            1.0
        };
        c.need(gap * LINE + sig_h);
        if !c.at_top() {
            c.y += gap * LINE;
        }
        c.origin = Some(Origin::Signature);
        for l in signature {
            c.paragraph(Role::Body, BODY_PT, l, 0.0, true);
        }
    }
    // Page numbers "— N —", 7 mm under the text block.
    for (i, p) in c.pages.iter_mut().enumerate() {
        let n = i + 1;
        let label = format!("— {n} —");
        let size = PAGE_NUMBER_PT;
        let w = m.width(Role::Body, size, 0.0, &label);
        let x = match numbers {
            PageNumbers::Centred => (PAGE_W - w) / 2.0,
            PageNumbers::Alternating if n % 2 == 1 => LEFT + TEXT_W - size - w,
            PageNumbers::Alternating => LEFT + size,
        };
        p.runs.push(Run {
            role: Role::Body,
            size,
            x,
            baseline: PAGE_H - BOTTOM + style::PAGE_NUMBER_GAP_MM * MM + size,
            spacing: 0.0,
            text: label,
            origin: None,
        });
    }
    Document {
        pages: c.pages,
        title: d.title.replace('\n', ""),
        author: d.author.clone(),
        watermark: d.watermark,
    }
}

/// Title block, header paragraphs and sections: everything above the signature. Each
/// heading is kept with what follows it (the title with the header paragraph, a section
/// heading with its text or table, a sub-heading with its paragraphs).
fn flow(c: &mut Cursor, d: &doc::Document) {
    let m = c.m;
    // Title, on two lines after the agency name when it does not fit on one; a title
    // with explicit line breaks is set as given.
    let title = &d.title;
    let title_w = m.width(Role::Title, TITLE_PT, 0.0, title);
    let title_lines: Vec<String> = match d.title_break {
        _ if title.contains('\n') => title.lines().map(str::to_string).collect(),
        Some(at) if title_w > TEXT_W => vec![title[..at].to_string(), title[at..].to_string()],
        _ => vec![title.clone()],
    };
    // A line still wider than the text (a very long agency name) wraps rather than runs
    // off the page.
    let measure = |s: &str| m.width(Role::Title, TITLE_PT, 0.0, s);
    let title_lines: Vec<String> = title_lines
        .into_iter()
        .flat_map(|l| {
            if measure(&l) > TEXT_W {
                break_lines(&l, TEXT_W, TEXT_W, &measure)
                    .into_iter()
                    .map(|x| x.text)
                    .collect()
            } else {
                vec![l]
            }
        })
        .collect();
    let body: Vec<(&Block, &Origin)> = d
        .blocks
        .iter()
        .zip(&d.origins)
        .filter(|(b, _)| !matches!(b, Block::Signature(_)))
        .collect();
    let first_heading = body
        .iter()
        .position(|(b, _)| matches!(b, Block::Heading(_)))
        .unwrap_or(body.len());
    c.keep_with_next(&|c| {
        c.origin = Some(Origin::Title);
        for l in &title_lines {
            c.centered(Role::Title, TITLE_PT, l, style::TITLE_LINE);
        }
        c.y += LINE * 0.5;
        blocks(c, &body[..first_heading]);
    });
    let mut i = first_heading;
    while i < body.len() {
        let end = body[i + 1..]
            .iter()
            .position(|(b, _)| matches!(b, Block::Heading(_)))
            .map_or(body.len(), |k| i + 1 + k);
        let section = &body[i..end];
        c.keep_with_next(&|c| {
            one(c, section[0]);
            blocks(c, &section[1..]);
        });
        i = end;
    }
}

/// Paragraphs, sub-headings and tables in order; a sub-heading and the paragraphs up
/// to the next one are kept together.
fn blocks(c: &mut Cursor, bs: &[(&Block, &Origin)]) {
    let mut i = 0;
    while i < bs.len() {
        match bs[i] {
            (Block::SubHeading(_), _) => {
                let end = bs[i + 1..]
                    .iter()
                    .position(|(b, _)| !matches!(b, Block::Paragraph(_)))
                    .map_or(bs.len(), |k| i + 1 + k);
                let group = &bs[i..end];
                c.keep_with_next(&|c| {
                    for &b in group {
                        one(c, b);
                    }
                });
                i = end;
            }
            b => {
                one(c, b);
                i += 1;
            }
        }
    }
}

fn one(c: &mut Cursor, (b, origin): (&Block, &Origin)) {
    c.origin = Some(origin.clone());
    match b {
        Block::Heading(h) => c.paragraph(Role::Heading, BODY_PT, h, INDENT, false),
        // Sub-headings take the title face (the bundled stand-in for 楷体).
        Block::SubHeading(p) => c.paragraph(Role::Title, BODY_PT, p, INDENT, false),
        Block::Paragraph(p) => c.paragraph(Role::Body, BODY_PT, p, INDENT, false),
        Block::Table(t) => table(c, t),
        Block::Signature(_) => {}
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
        if c.break_due(band.data_rows.min(2)) {
            c.new_page();
        }
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
            if c.room() < heights[row] || c.break_due(1) {
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
            c.content_line();
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
                g.index,
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
    table: usize,
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
    let origin = k.cell.map_or(Origin::Table(table), Origin::Cell);
    p.areas.push(Area {
        x1,
        y1,
        x2,
        y2,
        origin: origin.clone(),
    });
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
            origin: Some(origin.clone()),
        });
        baseline += TABLE_LINE;
    }
}

// Page checks: what the layout should have avoided, found on the pages it made (the
// preview flags them on the page, `print` and `export --pdf` warn of them).

/// Something a reader of the printed report would notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Page, from 0.
    pub page: usize,
    pub kind: ProblemKind,
    /// The lines concerned, in pt from the top of the page.
    pub top: f32,
    pub bottom: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A heading is the last line of a page: its text starts on the next one.
    HeadingAtFoot,
    /// A page holds nothing but the signature.
    SignatureAlone,
}

impl ProblemKind {
    pub fn message(self) -> &'static str {
        match self {
            ProblemKind::HeadingAtFoot => "标题落在页末，正文在下一页",
            ProblemKind::SignatureAlone => "此页只有落款，没有正文",
        }
    }
}

/// The problems of a laid-out document. The layout avoids both, so any found here means a
/// case it did not foresee.
pub fn problems(doc: &Document) -> Vec<Problem> {
    let mut out = Vec::new();
    let last = doc.pages.len().saturating_sub(1);
    for (i, p) in doc.pages.iter().enumerate() {
        // Page numbers have no origin.
        let content: Vec<&Run> = p.runs.iter().filter(|r| r.origin.is_some()).collect();
        if content.is_empty() {
            continue;
        }
        if i > 0 && content.iter().all(|r| r.origin == Some(Origin::Signature)) {
            let (top, bottom) = extent(&content);
            out.push(Problem {
                page: i,
                kind: ProblemKind::SignatureAlone,
                top,
                bottom,
            });
        }
        if i < last {
            let foot = content.iter().map(|r| r.baseline).fold(f32::MIN, f32::max);
            let last_line: Vec<&Run> = content
                .iter()
                .copied()
                .filter(|r| (r.baseline - foot).abs() < 0.5)
                .collect();
            if last_line.iter().all(|r| is_heading(r)) {
                let (top, bottom) = extent(&last_line);
                out.push(Problem {
                    page: i,
                    kind: ProblemKind::HeadingAtFoot,
                    top,
                    bottom,
                });
            }
        }
    }
    out
}

/// Section headings (黑体), sub-headings (set in the title face at body size) and the title.
fn is_heading(r: &Run) -> bool {
    r.role == Role::Heading
        || r.role == Role::Title
        || matches!(r.origin, Some(Origin::Heading(_) | Origin::Title))
}

fn extent(runs: &[&Run]) -> (f32, f32) {
    let top = runs
        .iter()
        .map(|r| r.baseline - r.size)
        .fold(f32::MAX, f32::min);
    let bottom = runs
        .iter()
        .map(|r| r.baseline + r.size * 0.3)
        .fold(f32::MIN, f32::max);
    (top, bottom)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PDF's pitch and tracking give 22 lines of 28 characters.
    #[test]
    fn the_pdf_sets_22_lines_of_28_characters() {
        let text_h = PAGE_H - TOP - BOTTOM;
        assert_eq!((text_h / LINE).floor(), 22.0);
        // With the 0.01 pt `break_lines` allows.
        let char_w = BODY_PT + BODY_TRACK;
        assert_eq!(((TEXT_W + 0.01) / char_w).floor(), 28.0);
    }
}
