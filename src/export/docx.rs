//! Word .docx export: the shared [`document`](super::document) blocks written with `docx-rs`
//! in GB/T 9704 style, the tables as real Word tables shaped like the official template.
//!
//! `docx-rs` has no repeating header rows (`w:tblHeader`), no VML watermark and a fixed
//! font table, so after it renders the package parts three of them are rewritten with
//! `quick-xml` events (module `patch`); everything else is the crate's own output. The parts
//! are then zipped with deflate, which `docx-rs` leaves out (`pack`).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer,
    Header, HeightRule, InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph,
    Run, RunFonts, SpecialIndentType, Table, TableAlignmentType, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType,
    WidthType, XMLDocx,
};

use super::document::{self as doc, Block, CellKind};
use super::style::{self, BODY_FACE, Face, HEADING_FACE, SUBHEADING_FACE, TABLE_FACE, TITLE_FACE};
use crate::model::Report;

// The style sheet in Word's units: lengths in twentieths of a point (twips), font sizes in
// half-points.
const TWIPS_PER_PT: f32 = 20.0;
const TWIPS_PER_MM: f32 = style::MM * TWIPS_PER_PT;
/// A4 in twips.
const PAGE_W: u32 = (style::PAGE_W_MM * TWIPS_PER_MM).round() as u32;
const PAGE_H: u32 = (style::PAGE_H_MM * TWIPS_PER_MM).round() as u32;
/// Every 号 is a whole number of half-points.
const fn half_points(pt: f32) -> usize {
    (pt * 2.0) as usize
}
const TITLE_SZ: usize = half_points(style::TITLE_PT);
const BODY_SZ: usize = half_points(style::BODY_PT);
const TABLE_SZ: usize = half_points(style::TABLE_PT);
const FOOTER_SZ: usize = half_points(style::PAGE_NUMBER_PT);
/// Exact line pitch in whole twips, rounded down (28.99 pt → 579, 28.95 pt): 580 would make
/// 22 lines 0.2 pt taller than the text block, and Word would move the 22nd to the next page.
const LINE_TWIPS: i32 = (style::LINE_PITCH * TWIPS_PER_PT).floor() as i32;
/// Character spacing of 3号 text in whole twips, rounded down (−0.207 pt → −5, −0.25 pt):
/// at −4 (−0.2 pt) 28 characters are 0.2 pt wider than the line and Word sets 27. Justified
/// lines spread the 1.2 pt left over.
const BODY_TRACK: i32 = (style::BODY_TRACKING * TWIPS_PER_PT).floor() as i32;
/// Two 3号 characters, measured by the font size as Word's own 2-character indent is.
const INDENT_2: i32 = (style::INDENT_CHARS * style::BODY_PT * TWIPS_PER_PT) as i32;
const TITLE_LINE_TWIPS: i32 = (style::TITLE_LINE * TWIPS_PER_PT) as i32;
/// Least height of a table row.
const MIN_ROW_TWIPS: f32 = 400.0;
/// Cell margins left and right, as in the official template's table 三.
const CELL_MARGIN: usize = 57;
/// Characters of 2号 that fit the text width; a longer title breaks after the agency.
const TITLE_CHARS_PER_LINE: usize = (style::TEXT_W / style::TITLE_PT) as usize;

/// Page margins in twips: top, bottom, left, right.
pub fn margins_twips() -> [i32; 4] {
    [
        style::MARGIN_TOP_MM,
        style::MARGIN_BOTTOM_MM,
        style::MARGIN_LEFT_MM,
        style::MARGIN_RIGHT_MM,
    ]
    .map(|mm| (mm * TWIPS_PER_MM).round() as i32)
}

/// Why a .docx could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("生成 Word 文档失败：{0}")]
    Pack(String),
}

/// The report as .docx bytes. A report failing a hard rule gets the draft watermark.
pub fn export(r: &Report) -> Result<Vec<u8>, DocxError> {
    let failing = crate::validate::has_errors(&crate::validate::validate(r, None));
    write(&doc::build(r, failing))
}

/// Writes the blocks of a report as a .docx package.
pub fn write(d: &doc::Document) -> Result<Vec<u8>, DocxError> {
    let [top, bottom, left, right] = margins_twips();
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(top)
                .bottom(bottom)
                .left(left)
                .right(right)
                .header(851)
                // Word places the footer by its foot: the page number's line, 7 mm under
                // the text block, is about 5 mm high.
                .footer(
                    ((style::MARGIN_BOTTOM_MM - style::PAGE_NUMBER_GAP_MM - 5.0) * TWIPS_PER_MM)
                        .round() as i32,
                )
                .gutter(0),
        )
        .default_fonts(fonts(BODY_FACE.name))
        .default_size(BODY_SZ)
        .footer(page_number_footer());
    // A line grid of the body's pitch: Word shows 22 lines in 页面设置 → 文档网格. The
    // 28 characters come from the runs' spacing, since a character grid is drawn
    // differently by each office suite (LibreOffice spreads the text to ~17 a line).
    docx.document = docx.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_TWIPS as usize),
    );
    if d.watermark {
        // An empty paragraph; `patch` puts the watermark shape into it.
        docx = docx.header(Header::new().add_paragraph(Paragraph::new()));
    }
    docx = docx.add_paragraph(title(d));
    let mut header_rows = Vec::new();
    for b in &d.blocks {
        docx = match b {
            Block::Heading(h) => docx.add_paragraph(body(h, HEADING_FACE.name).keep_next(true)),
            Block::SubHeading(p) => {
                docx.add_paragraph(body(p, SUBHEADING_FACE.name).keep_next(true))
            }
            Block::Paragraph(p) => docx.add_paragraph(body(p, BODY_FACE.name)),
            Block::Table(t) => {
                header_rows.push(repeated_header_rows(t));
                docx.add_table(table(t))
            }
            Block::Signature(lines) => {
                let mut docx = docx;
                for (i, l) in lines.iter().enumerate() {
                    let mut p = Paragraph::new()
                        .add_run(
                            Run::new()
                                .character_spacing(BODY_TRACK)
                                .add_text(l.as_str()),
                        )
                        .align(AlignmentType::Right)
                        .indent(None, None, Some(INDENT_2), None)
                        .line_spacing(body_spacing());
                    if i == 0 {
                        // Room for the signature and the seal.
                        p = p.line_spacing(body_spacing().before(2 * LINE_TWIPS as u32));
                    }
                    docx = docx.add_paragraph(p);
                }
                docx
            }
        };
    }
    let mut xml = docx.build();
    xml.document = patch::table_headers(&xml.document, &header_rows)?;
    xml.font_table = patch::font_table(&style::FACES)?;
    if d.watermark {
        for h in &mut xml.headers {
            *h = patch::watermark(h, super::pdf::WATERMARK, HEADING_FACE.name)?;
        }
    }
    pack(&xml).map_err(|e| DocxError::Pack(e.to_string()))
}

/// Zips the package parts. `docx-rs` stores them uncompressed (a full report would be
/// about 200 KB); deflated it is a tenth of that.
fn pack(x: &XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6));
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &x.content_type),
        ("_rels/.rels".into(), &x.rels),
        ("docProps/app.xml".into(), &x.doc_props.app),
        ("docProps/core.xml".into(), &x.doc_props.core),
        ("docProps/custom.xml".into(), &x.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &x.document_rels),
        ("word/document.xml".into(), &x.document),
        ("word/styles.xml".into(), &x.styles),
        ("word/settings.xml".into(), &x.settings),
        ("word/fontTable.xml".into(), &x.font_table),
        ("word/comments.xml".into(), &x.comments),
        ("word/numbering.xml".into(), &x.numberings),
        ("word/commentsExtended.xml".into(), &x.comments_extended),
        ("word/footnotes.xml".into(), &x.footnotes),
    ];
    // As docx-rs packs them: part i and, when there is one, its relationships.
    for (kind, items, rels) in [
        ("header", &x.headers, &x.header_rels),
        ("footer", &x.footers, &x.footer_rels),
    ] {
        for (i, part) in items.iter().enumerate() {
            parts.push((format!("word/{kind}{}.xml", i + 1), part));
            if let Some(r) = rels.get(i) {
                parts.push((format!("word/_rels/{kind}{}.xml.rels", i + 1), r));
            }
        }
    }
    for (name, bytes) in parts {
        zip.start_file(name, opts)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A face in every slot, the East Asian one first in importance.
fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .hint("eastAsia")
}

fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_TWIPS)
        .before(0)
        .after(0)
}

/// The title, on two lines after the agency when it is longer than a line.
fn title(d: &doc::Document) -> Paragraph {
    let run = || Run::new().fonts(fonts(TITLE_FACE.name)).size(TITLE_SZ);
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(TITLE_LINE_TWIPS)
                .before(0)
                .after((LINE_TWIPS / 2) as u32),
        )
        .snap_to_grid(false);
    match d.title_break {
        Some(at) if d.title.chars().count() > TITLE_CHARS_PER_LINE => {
            p = p
                .add_run(
                    run()
                        .add_text(&d.title[..at])
                        .add_break(BreakType::TextWrapping),
                )
                .add_run(run().add_text(&d.title[at..]));
        }
        _ => p = p.add_run(run().add_text(d.title.as_str())),
    }
    p
}

/// A justified 3号 paragraph with a two-character first-line indent.
fn body(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(
            Run::new()
                .fonts(fonts(font))
                .character_spacing(BODY_TRACK)
                .add_text(text),
        )
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(INDENT_2)),
            None,
            None,
        )
        .line_spacing(body_spacing())
}

fn page_number_footer() -> Footer {
    let run = |s: &str| {
        let r = Run::new().fonts(fonts(TABLE_FACE.name)).size(FOOTER_SZ);
        if s.is_empty() { r } else { r.add_text(s) }
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .snap_to_grid(false)
            .add_run(run("— "))
            .add_run(
                run("")
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::PAGE(InstrPAGE {}))
                    .add_field_char(FieldCharType::Separate, false)
                    .add_text("1")
                    .add_field_char(FieldCharType::End, false),
            )
            .add_run(run(" —")),
    )
}

fn twips(pt: f32) -> usize {
    (pt * TWIPS_PER_PT).round() as usize
}

/// How many leading rows Word repeats on each page. Only a table's first rows can repeat,
/// so a table of several blocks (table 二) repeats none; its blocks are kept whole instead.
fn repeated_header_rows(t: &doc::Table) -> usize {
    match t.bands.as_slice() {
        [band] if band.header_start == 0 => band.header_rows,
        _ => 0,
    }
}

/// A grid table: every grid position is either a cell's top-left corner (written with its
/// `gridSpan` and, spanning rows, `vMerge restart`) or lies under a cell spanning rows
/// (written as a `vMerge continue` cell of the same width).
fn table(t: &doc::Table) -> Table {
    let widths: Vec<usize> = t.widths.iter().map(|w| twips(*w)).collect();
    let mut cover = vec![vec![usize::MAX; t.cols]; t.rows];
    for (i, k) in t.cells.iter().enumerate() {
        for row in cover.iter_mut().skip(k.row).take(k.rowspan) {
            for c in row.iter_mut().skip(k.col).take(k.colspan) {
                *c = i;
            }
        }
    }
    // Rows kept with the next one: header rows always; in a table that does not repeat
    // its header, every row of a block but its last, so a block never splits.
    let whole_blocks = repeated_header_rows(t) == 0;
    let keep = |row: usize| {
        t.bands.iter().any(|b| {
            let end = b.data_start + b.data_rows;
            row >= b.header_start && (row < b.data_start || (whole_blocks && row + 1 < end))
        })
    };
    let mut rows = Vec::with_capacity(t.rows);
    for (r, line) in cover.iter().enumerate() {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < t.cols {
            let Some(k) = t.cells.get(line[c]) else {
                // A hole in the grid: never produced by a template, written as an empty cell.
                cells.push(TableCell::new().width(widths[c], WidthType::Dxa));
                c += 1;
                continue;
            };
            let width: usize = widths[k.col..k.col + k.colspan].iter().sum();
            let mut cell = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if k.colspan > 1 {
                cell = cell.grid_span(k.colspan);
            }
            let text = if k.row == r { k.text.as_str() } else { "" };
            if k.rowspan > 1 {
                cell = cell.vertical_merge(if k.row == r {
                    VMergeType::Restart
                } else {
                    VMergeType::Continue
                });
            }
            cell = cell.add_paragraph(cell_paragraph(k.kind, text).keep_next(keep(r)));
            cells.push(cell);
            c = k.col + k.colspan;
        }
        // At least the PDF's row height (a line of 五号 and its padding).
        rows.push(
            TableRow::new(cells)
                .cant_split()
                .row_height(MIN_ROW_TWIPS)
                .height_rule(HeightRule::AtLeast),
        );
    }
    let border = |p| {
        TableBorder::new(p)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    };
    let mut borders = TableBorders::new();
    for p in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(border(p));
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .set_borders(borders)
        .margins(
            TableCellMargins::new()
                .margin_left(CELL_MARGIN, WidthType::Dxa)
                .margin_right(CELL_MARGIN, WidthType::Dxa)
                .margin_top(0, WidthType::Dxa)
                .margin_bottom(0, WidthType::Dxa),
        )
}

/// A cell's paragraph: 五号 宋体, single-spaced off the page grid; row labels left,
/// everything else centred.
fn cell_paragraph(kind: CellKind, text: &str) -> Paragraph {
    let align = match kind {
        CellKind::RowLabel => AlignmentType::Left,
        _ => AlignmentType::Center,
    };
    let mut p = Paragraph::new()
        .align(align)
        .snap_to_grid(false)
        .indent(Some(0), None, None, None)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(240)
                .before(0)
                .after(0),
        );
    if !text.is_empty() {
        p = p.add_run(
            Run::new()
                .fonts(fonts(TABLE_FACE.name))
                .size(TABLE_SZ)
                .add_text(text),
        );
    }
    p
}

/// Rewrites of rendered package parts where `docx-rs` has no builder, done on XML events
/// so the rest of each part passes through untouched.
mod patch {
    use quick_xml::Writer;
    use quick_xml::events::{BytesEnd, BytesStart, Event};
    use quick_xml::reader::Reader;

    use super::{DocxError, Face};

    fn err(e: impl std::fmt::Display) -> DocxError {
        DocxError::Pack(e.to_string())
    }

    type W = Writer<Vec<u8>>;

    /// Marks the first `header_rows[i]` rows of the i-th table as repeating header rows
    /// (`<w:tblHeader/>` in their `w:trPr`).
    pub fn table_headers(xml: &[u8], header_rows: &[usize]) -> Result<Vec<u8>, DocxError> {
        let mut reader = Reader::from_reader(xml);
        let mut w = Writer::new(Vec::with_capacity(xml.len() + 1024));
        let mut table = None::<usize>;
        let mut tables = 0;
        let mut row = 0;
        loop {
            let ev = reader.read_event().map_err(err)?;
            match &ev {
                Event::Eof => break,
                Event::Start(e) if e.name().as_ref() == b"w:tbl" => {
                    table = Some(tables);
                    tables += 1;
                    row = 0;
                }
                Event::End(e) if e.name().as_ref() == b"w:tbl" => table = None,
                Event::End(e) if e.name().as_ref() == b"w:tr" => row += 1,
                _ => {}
            }
            let header = table
                .and_then(|t| header_rows.get(t))
                .is_some_and(|n| row < *n);
            match ev {
                Event::Start(e) if header && e.name().as_ref() == b"w:trPr" => {
                    w.write_event(Event::Start(e)).map_err(err)?;
                    w.write_event(Event::Empty(BytesStart::new("w:tblHeader")))
                        .map_err(err)?;
                }
                Event::Empty(e) if header && e.name().as_ref() == b"w:trPr" => {
                    w.write_event(Event::Start(e.to_owned())).map_err(err)?;
                    w.write_event(Event::Empty(BytesStart::new("w:tblHeader")))
                        .map_err(err)?;
                    w.write_event(Event::End(BytesEnd::new("w:trPr")))
                        .map_err(err)?;
                }
                ev => w.write_event(ev).map_err(err)?,
            }
        }
        Ok(w.into_inner())
    }

    /// A font table naming each face with its substitute (`w:altName`) and the GB2312
    /// character set, so Word and WPS pick an installed Chinese face for a missing one.
    pub fn font_table(faces: &[Face]) -> Result<Vec<u8>, DocxError> {
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Decl(quick_xml::events::BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )))
        .map_err(err)?;
        let root = BytesStart::new("w:fonts").with_attributes([
            (
                "xmlns:r",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            ),
            (
                "xmlns:w",
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            ),
        ]);
        w.write_event(Event::Start(root)).map_err(err)?;
        for f in faces {
            w.write_event(Event::Start(
                BytesStart::new("w:font").with_attributes([("w:name", f.name)]),
            ))
            .map_err(err)?;
            for (tag, val) in [
                ("w:altName", f.substitute),
                ("w:charset", "86"),
                ("w:family", "auto"),
                ("w:pitch", "variable"),
            ] {
                w.write_event(Event::Empty(
                    BytesStart::new(tag).with_attributes([("w:val", val)]),
                ))
                .map_err(err)?;
            }
            w.write_event(Event::End(BytesEnd::new("w:font")))
                .map_err(err)?;
        }
        w.write_event(Event::End(BytesEnd::new("w:fonts")))
            .map_err(err)?;
        Ok(w.into_inner())
    }

    /// Adds Word's own kind of text watermark (a VML WordArt shape, as Word's
    /// 设计 → 水印 writes it) to the first paragraph of a header part. Word, WPS and
    /// LibreOffice show it behind the text of every page.
    pub fn watermark(xml: &[u8], text: &str, font: &str) -> Result<Vec<u8>, DocxError> {
        let mut reader = Reader::from_reader(xml);
        let mut w = Writer::new(Vec::with_capacity(xml.len() + 2048));
        let mut done = false;
        loop {
            match reader.read_event().map_err(err)? {
                Event::Eof => break,
                Event::End(e) if !done && e.name().as_ref() == b"w:p" => {
                    shape(&mut w, text, font)?;
                    w.write_event(Event::End(e)).map_err(err)?;
                    done = true;
                }
                Event::Empty(e) if !done && e.name().as_ref() == b"w:p" => {
                    w.write_event(Event::Start(e.to_owned())).map_err(err)?;
                    shape(&mut w, text, font)?;
                    w.write_event(Event::End(BytesEnd::new("w:p")))
                        .map_err(err)?;
                    done = true;
                }
                ev => w.write_event(ev).map_err(err)?,
            }
        }
        if !done {
            return Err(DocxError::Pack("页眉中没有可放水印的段落".into()));
        }
        Ok(w.into_inner())
    }

    fn start(w: &mut W, tag: &str, attrs: &[(&str, &str)]) -> Result<(), DocxError> {
        w.write_event(Event::Start(
            BytesStart::new(tag).with_attributes(attrs.iter().copied()),
        ))
        .map_err(err)
    }

    fn empty(w: &mut W, tag: &str, attrs: &[(&str, &str)]) -> Result<(), DocxError> {
        w.write_event(Event::Empty(
            BytesStart::new(tag).with_attributes(attrs.iter().copied()),
        ))
        .map_err(err)
    }

    fn end(w: &mut W, tag: &str) -> Result<(), DocxError> {
        w.write_event(Event::End(BytesEnd::new(tag))).map_err(err)
    }

    /// Preset WordArt shape 136 ("plain text"), the formulas Word writes for it.
    const FORMULAS: [&str; 14] = [
        "sum #0 0 10800",
        "prod #0 2 1",
        "sum 21600 0 @1",
        "sum 0 0 @2",
        "sum 21600 0 @3",
        "if @0 @3 0",
        "if @0 21600 @1",
        "if @0 0 @2",
        "if @0 @4 21600",
        "mid @5 @6",
        "mid @8 @5",
        "mid @7 @8",
        "mid @6 @7",
        "sum @6 0 @5",
    ];

    fn shape(w: &mut W, text: &str, font: &str) -> Result<(), DocxError> {
        start(w, "w:r", &[])?;
        start(w, "w:rPr", &[])?;
        empty(w, "w:noProof", &[])?;
        end(w, "w:rPr")?;
        start(w, "w:pict", &[])?;
        start(
            w,
            "v:shapetype",
            &[
                ("id", "_x0000_t136"),
                ("coordsize", "21600,21600"),
                ("o:spt", "136"),
                ("adj", "10800"),
                ("path", "m@7,l@8,m@5,21600l@6,21600e"),
            ],
        )?;
        start(w, "v:formulas", &[])?;
        for f in FORMULAS {
            empty(w, "v:f", &[("eqn", f)])?;
        }
        end(w, "v:formulas")?;
        empty(
            w,
            "v:path",
            &[
                ("textpathok", "t"),
                ("o:connecttype", "custom"),
                ("o:connectlocs", "@9,0;@10,10800;@11,21600;@12,10800"),
                ("o:connectangles", "270,180,90,0"),
            ],
        )?;
        empty(w, "v:textpath", &[("on", "t"), ("fitshape", "t")])?;
        empty(
            w,
            "o:lock",
            &[("v:ext", "edit"), ("text", "t"), ("shapetype", "t")],
        )?;
        end(w, "v:shapetype")?;
        start(
            w,
            "v:shape",
            &[
                ("id", "PowerPlusWaterMarkObject"),
                ("o:spid", "_x0000_s2049"),
                ("type", "#_x0000_t136"),
                (
                    "style",
                    "position:absolute;margin-left:0;margin-top:0;width:440pt;height:80pt;\
                     rotation:315;z-index:-251657216;\
                     mso-position-horizontal:center;mso-position-horizontal-relative:margin;\
                     mso-position-vertical:center;mso-position-vertical-relative:margin",
                ),
                ("o:allowincell", "f"),
                ("fillcolor", "#bfbfbf"),
                ("stroked", "f"),
            ],
        )?;
        empty(w, "v:fill", &[("opacity", ".5")])?;
        let style = format!("font-family:\"{font}\";font-size:1pt");
        empty(
            w,
            "v:textpath",
            &[("style", style.as_str()), ("string", text)],
        )?;
        empty(
            w,
            "w10:wrap",
            &[("anchorx", "margin"), ("anchory", "margin")],
        )?;
        end(w, "v:shape")?;
        end(w, "w:pict")?;
        end(w, "w:r")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word's rounded pitch and tracking still give 22 lines of 28 characters.
    #[test]
    fn word_sets_22_lines_of_28_characters() {
        let [top, bottom, left, right] = margins_twips();
        let (text_w, text_h) = (PAGE_W as i32 - left - right, PAGE_H as i32 - top - bottom);
        assert_eq!(text_h / LINE_TWIPS, 22);
        let char_w = (style::BODY_PT * TWIPS_PER_PT) as i32 + BODY_TRACK;
        assert_eq!(text_w / char_w, 28);
    }
}
