//! The one shape every form of a report is read into: paragraphs and tables in reading
//! order. Word, HTML and PDF readers build real grids (cells with their spans); the
//! outline and table readers then work the same way whatever the form was.

/// A document in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One paragraph (a Word paragraph, an HTML `<p>`/`<div>`/heading, a line of a PDF
    /// or text). Line breaks inside it (`<br>`, Word's soft break) are `\n`.
    Para(String),
    Table(Grid),
}

/// A table as printed: rows of the cells that start in them, with their spans.
///
/// A cell covered by a row span from above or by a column span from the left is not
/// repeated: each [`GridCell`] appears once, in the row and column where it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Vec<GridCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// The cell's text, paragraphs inside it joined with `\n`, not trimmed.
    pub text: String,
    /// Grid column where the cell starts (0-based), after the cells spanning down from
    /// rows above have been accounted for.
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
}

impl GridCell {
    pub fn new(text: impl Into<String>, col: usize) -> GridCell {
        GridCell {
            text: text.into(),
            col,
            colspan: 1,
            rowspan: 1,
        }
    }

    pub fn span(mut self, colspan: usize, rowspan: usize) -> GridCell {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }
}

impl Grid {
    /// Number of grid columns: the furthest any cell reaches.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .flatten()
            .map(|c| c.col + c.colspan)
            .max()
            .unwrap_or(0)
    }

    /// Builds a grid from rows of (text, colspan, rowspan) in document order, placing
    /// each cell after those spanning down from rows above (the HTML table model; Word's
    /// `vMerge` is given as a row span by its reader).
    pub fn from_spans(rows: Vec<Vec<(String, usize, usize)>>) -> Grid {
        // Rows still covered in each column by a cell from above.
        let mut covered: Vec<usize> = Vec::new();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut col = 0;
            let mut cells = Vec::with_capacity(row.len());
            for (text, colspan, rowspan) in row {
                while covered.get(col).is_some_and(|&n| n > 0) {
                    col += 1;
                }
                let cell = GridCell::new(text, col).span(colspan, rowspan);
                if covered.len() < col + cell.colspan {
                    covered.resize(col + cell.colspan, 0);
                }
                for c in &mut covered[col..col + cell.colspan] {
                    // This row's own share is taken off below, with the others.
                    *c = cell.rowspan;
                }
                col += cell.colspan;
                cells.push(cell);
            }
            for c in &mut covered {
                *c = c.saturating_sub(1);
            }
            out.push(cells);
        }
        Grid { rows: out }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// Columns of the whole table the row belongs to.
    pub width: usize,
    /// (grid column, text) of the cells that start in the row.
    pub cells: Vec<(usize, String)>,
}

/// A line as the outline and table readers take it: a paragraph's line, or a row of a
/// real table carrying its own cells, so the table reader places values by grid column
/// and never takes a position a merged cell covers for an empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based number, for notes about pasted text.
    pub n: usize,
    /// The text; a table row's cells tab-separated by grid column (empty where a cell
    /// from the left or above covers it).
    pub text: String,
    pub row: Option<GridRow>,
}

/// A text's lines, none of them a table row.
pub fn text_lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            n: i + 1,
            text: l.to_string(),
            row: None,
        })
        .collect()
}

/// The blocks as lines: a paragraph per line, a table row per line.
pub fn lines(blocks: &[Block]) -> Vec<Line> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(p) => {
                for l in p.split('\n') {
                    out.push(Line {
                        n: out.len() + 1,
                        text: l.to_string(),
                        row: None,
                    });
                }
            }
            Block::Table(g) => {
                let table_width = g.width();
                for row in &g.rows {
                    let width = row.iter().map(|c| c.col + 1).max().unwrap_or(0);
                    let mut fields = vec![String::new(); width];
                    let mut cells = Vec::with_capacity(row.len());
                    for c in row {
                        let text = one_line(&c.text);
                        fields[c.col] = text.clone();
                        cells.push((c.col, text));
                    }
                    out.push(Line {
                        n: out.len() + 1,
                        text: fields.join("\t"),
                        row: Some(GridRow {
                            width: table_width,
                            cells,
                        }),
                    });
                }
            }
        }
    }
    out
}

/// The blocks' lines as one text, each line ending in a line break (what a paste of them
/// shows).
pub fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for l in lines(blocks) {
        out.push_str(&l.text);
        out.push('\n');
    }
    out
}

/// A table's rows as tab-separated lines (a table nested in a cell, kept as its text).
pub fn table_text(g: &Grid) -> String {
    text(&[Block::Table(g.clone())])
}

/// The paragraphs' texts, tables left out (the readers' tests look at them).
#[cfg(test)]
pub fn paragraph_texts(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.as_str()),
            Block::Table(_) => None,
        })
        .collect()
}

/// A cell's lines joined: without a space between Chinese characters (a label wrapped
/// inside its cell), with one between words.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n').map(|l| l.trim_matches(is_space)) {
        if line.is_empty() {
            continue;
        }
        let (Some(prev), Some(next)) = (out.chars().last(), line.chars().next()) else {
            out.push_str(line);
            continue;
        };
        if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out.replace('\t', " ")
}

/// What form a report came in, as detected from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Docx,
    Html,
    Pdf,
    /// A picture of a page (a scan or a photo): PNG, JPEG or TIFF.
    Image,
}

impl Form {
    /// The form's name as users know it.
    pub fn name(self) -> &'static str {
        match self {
            Form::Text => "文本",
            Form::Docx => "Word 文档",
            Form::Html => "网页",
            Form::Pdf => "PDF",
            Form::Image => "图片",
        }
    }

    /// Detects the form from the first bytes, never from a file name: portals serve
    /// .doc files that are HTML and .htm files that are Word documents.
    pub fn sniff(bytes: &[u8]) -> Sniffed {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return Sniffed::Form(Form::Docx);
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Sniffed::OldOffice;
        }
        // "%PDF-" may follow a little junk (some servers prepend a BOM or whitespace).
        if bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
        {
            return Sniffed::Form(Form::Pdf);
        }
        // PNG, JPEG, TIFF (little- and big-endian).
        const PICTURES: [&[u8]; 4] = [b"\x89PNG\r\n\x1a\n", b"\xFF\xD8\xFF", b"II*\0", b"MM\0*"];
        if PICTURES.iter().any(|m| bytes.starts_with(m)) {
            return Sniffed::Form(Form::Image);
        }
        if bytes.starts_with(b"{\\rtf") {
            return Sniffed::Rtf;
        }
        if looks_like_html(bytes) {
            return Sniffed::Form(Form::Html);
        }
        Sniffed::Form(Form::Text)
    }
}

/// The result of [`Form::sniff`]: a form nianbao reads, or one it explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Form(Form),
    /// A binary .doc, .wps or .xls (OLE compound file).
    OldOffice,
    Rtf,
}

/// HTML: a tag that only markup starts with, near the start (after a BOM, whitespace or
/// an XML declaration). Text that merely mentions "<table>" later on stays text.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(lower.len());
    let lower = &lower[start..];
    if !lower.starts_with(b"<") {
        return false;
    }
    // A page, or a fragment as a portal editor or the clipboard holds it ("<h1>…").
    const TAGS: [&[u8]; 16] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<table",
        b"<div",
        b"<p",
        b"<?xml",
        b"<h1",
        b"<h2",
        b"<h3",
        b"<section",
        b"<article",
        b"<span",
        b"<!--",
    ];
    TAGS.iter().any(|t| lower.starts_with(t))
        && (lower.windows(5).any(|w| w == b"<html")
            || lower.windows(5).any(|w| w == b"<body")
            || lower.windows(6).any(|w| w == b"<table")
            || lower.windows(2).any(|w| w == b"<p")
            || lower.windows(4).any(|w| w == b"<div"))
}

/// Whitespace as it appears in extracted tables: also no-break and ideographic spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{feff}'
}

/// A page number as paginated documents print it: "— 3 —", "-4-", "第 4 页", "第4页 共9页",
/// "3/9", or a bare number.
static PAGE_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^[-—–－―‒~\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[，,]?\s*(?:/|／|共)\s*\d{1,4}\s*页?)?[-—–－―‒~\s]*$",
    )
    .unwrap()
});

/// A page number copied from a paginated document ("— 3 —", "第3页", "3/9"). In a text a
/// bare number is as likely a table's value, and "-3" a signed one (本年增/减): dashes
/// must stand on both sides.
pub fn is_page_number(s: &str) -> bool {
    let t = s.trim_matches(is_space);
    let dash = |c: Option<char>| c.is_some_and(|c| "-—–－―‒~".contains(c));
    PAGE_NUMBER.is_match(t)
        && !t.bytes().all(|b| b.is_ascii_digit())
        && dash(t.chars().next()) == dash(t.chars().last())
}

/// A page number standing alone at a page's head or foot, where a bare number is one too.
pub fn is_running_page_number(s: &str) -> bool {
    PAGE_NUMBER.is_match(s.trim_matches(is_space))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_text_and_at_a_page_foot() {
        for p in [
            "— 3 —",
            "-4-",
            "第 4 页",
            "第4页 共9页",
            "3/9",
            "- 12 -",
            "第 4 页 共 9 页",
        ] {
            assert!(is_page_number(p), "{p}");
            assert!(is_running_page_number(p), "{p}");
        }
        for v in ["12", "-3", "3-", "2023", "3-5", "一、总体情况"] {
            assert!(!is_page_number(v), "{v}");
        }
        assert!(is_running_page_number("12"));
    }

    #[test]
    fn row_spans_push_later_cells_right() {
        // | A (rowspan 2) | B | C |
        // |               | D (colspan 2) |
        let g = Grid::from_spans(vec![
            vec![("A".into(), 1, 2), ("B".into(), 1, 1), ("C".into(), 1, 1)],
            vec![("D".into(), 2, 1)],
        ]);
        assert_eq!(g.rows[1][0].col, 1);
        assert_eq!(g.rows[1][0].colspan, 2);
        assert_eq!(g.width(), 3);
    }

    #[test]
    fn tables_become_tab_separated_grid_lines() {
        let g = Grid::from_spans(vec![
            vec![("结果\n纠正".into(), 2, 1), ("3".into(), 1, 1)],
            vec![("a".into(), 1, 1), ("".into(), 1, 1), ("1 2".into(), 1, 1)],
        ]);
        let lines = lines(&[Block::Para("标题".into()), Block::Table(g)]);
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(text, ["标题", "结果纠正\t\t3", "a\t\t1 2"]);
        assert_eq!(lines[0].row, None);
        let row = lines[2].row.as_ref().unwrap();
        assert_eq!((lines[2].n, row.width), (3, 3));
        assert_eq!(
            row.cells,
            [
                (0, "a".to_string()),
                (1, String::new()),
                (2, "1 2".to_string())
            ]
        );
    }

    #[test]
    fn forms_are_told_from_bytes() {
        assert_eq!(Form::sniff(b"PK\x03\x04rest"), Sniffed::Form(Form::Docx));
        assert_eq!(Form::sniff(b"%PDF-1.7\n"), Sniffed::Form(Form::Pdf));
        assert_eq!(
            Form::sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Sniffed::OldOffice
        );
        assert_eq!(
            Form::sniff(b"\xEF\xBB\xBF <!DOCTYPE html><html><body>"),
            Sniffed::Form(Form::Html)
        );
        assert_eq!(
            Form::sniff("一、总体情况\n<table>".as_bytes()),
            Sniffed::Form(Form::Text)
        );
        assert_eq!(
            Form::sniff("<h1 style=\"text-align:center\">某局报告</h1>\n<p>正文</p>".as_bytes()),
            Sniffed::Form(Form::Html)
        );
    }
}
