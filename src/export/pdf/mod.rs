//! PDF export: document model → page layout ([`layout`]) → PDF writer (here), kept apart so
//! one layout can also feed a preview.
//!
//! Fonts are embedded as subsets of the glyphs used (printpdf's `text_layout` feature).

mod face_hash;
pub mod fonts;
pub mod layout;
pub mod linebreak;

use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, TextItem, TextMatrix,
};

use crate::model::Report;
pub use fonts::{FontSet, FontSource, Role};

/// Export options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    /// Faces for title, body and headings (the bundled OFL fonts by default).
    pub fonts: FontSet,
    /// For printing on both sides: page numbers alternate right (odd) and left (even).
    pub two_sided: bool,
}

impl PdfOptions {
    pub fn page_numbers(&self) -> layout::PageNumbers {
        if self.two_sided {
            layout::PageNumbers::Alternating
        } else {
            layout::PageNumbers::Centred
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{0}")]
    Font(String),
}

/// Text of the watermark on a report that fails a hard rule.
pub const WATERMARK: &str = "草稿 · 校验未通过";

/// The report as PDF bytes. A report failing a hard rule gets the draft watermark.
pub fn export(r: &Report, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    // printpdf reads the faces while the report is laid out.
    let (doc, faces) = std::thread::scope(|s| {
        let faces = s.spawn(|| Embedding::new(&opts.fonts));
        (pages(r, opts), join(faces))
    });
    write_embedded(&doc?, &faces?)
}

/// The pages of the PDF [`export`] writes: what a print preview shows.
pub fn pages(r: &Report, opts: &PdfOptions) -> Result<layout::Document, PdfError> {
    let metrics = fonts::Metrics::new(&opts.fonts).map_err(PdfError::Font)?;
    let failing = crate::validate::has_errors(&crate::validate::validate(r, None));
    Ok(layout::layout(r, &metrics, failing, opts.page_numbers()))
}

/// The faces of a [`FontSet`] as printpdf reads them for embedding.
pub struct Embedding(Vec<(Role, printpdf::ParsedFont)>);

impl Embedding {
    /// Reads the three faces (about 4 ms each), one thread per face.
    pub fn new(set: &FontSet) -> Result<Embedding, PdfError> {
        let parse = |role: Role| {
            let s = set.get(role);
            printpdf::ParsedFont::from_bytes(&s.data, s.index as usize, &mut Vec::new())
                .map(|f| (role, f))
                .ok_or_else(|| PdfError::Font(format!("字体“{}”无法嵌入 PDF", s.name)))
        };
        std::thread::scope(|scope| {
            let others = [Role::Body, Role::Heading].map(|role| scope.spawn(move || parse(role)));
            let mut out = vec![parse(Role::Title)?];
            for t in others {
                out.push(join(t)?);
            }
            Ok(Embedding(out))
        })
    }
}

/// A thread's result, or its panic passed on.
fn join<T>(t: std::thread::ScopedJoinHandle<'_, T>) -> T {
    t.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Writes a laid-out document.
pub fn write(doc: &layout::Document, set: &FontSet) -> Result<Vec<u8>, PdfError> {
    write_embedded(doc, &Embedding::new(set)?)
}

/// Writes a laid-out document with faces already read.
pub fn write_embedded(doc: &layout::Document, faces: &Embedding) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.document_title = doc.title.clone();
    pdf.metadata.info.author = doc.author.clone();
    pdf.metadata.info.creator = "nianbao".into();
    // printpdf defaults to 1970 and writes every date as UTC ("+00'00'"): stamp the time of
    // export, in UTC.
    let now = printpdf::OffsetDateTime::from_unix_timestamp(chrono::Utc::now().timestamp())
        .unwrap_or(printpdf::OffsetDateTime::epoch());
    pdf.metadata.info.creation_date = now;
    pdf.metadata.info.modification_date = now;
    pdf.metadata.info.metadata_date = now;
    let handles: Vec<_> = faces
        .0
        .iter()
        .map(|(role, parsed)| (*role, pdf.add_font(parsed)))
        .collect();
    let font = |role: Role| {
        let id = handles
            .iter()
            .find(|(r, _)| *r == role)
            .expect("role")
            .1
            .clone();
        PdfFontHandle::External(id)
    };
    let y = |top: f32| Pt(layout::PAGE_H - top);
    let mut pages = Vec::new();
    for p in &doc.pages {
        let mut ops = vec![
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale::new(0.0, None)),
            },
            Op::SetOutlineThickness { pt: Pt(0.6) },
        ];
        for r in &p.rules {
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(r.x1),
                                y: y(r.y1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(r.x2),
                                y: y(r.y2),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
        for run in &p.runs {
            ops.extend([
                Op::StartTextSection,
                Op::SetFillColor {
                    col: Color::Greyscale(Greyscale::new(0.0, None)),
                },
                Op::SetFont {
                    font: font(run.role),
                    size: Pt(run.size),
                },
                Op::SetCharacterSpacing {
                    multiplier: run.spacing,
                },
                Op::SetTextCursor {
                    pos: Point {
                        x: Pt(run.x),
                        y: y(run.baseline),
                    },
                },
                Op::ShowText {
                    items: vec![TextItem::Text(run.text.clone())],
                },
                Op::EndTextSection,
            ]);
        }
        if doc.watermark {
            // Diagonal across the page, light grey, over the content.
            let size = 56.0;
            ops.extend([
                Op::StartTextSection,
                Op::SetFillColor {
                    col: Color::Greyscale(Greyscale::new(0.75, None)),
                },
                Op::SetFont {
                    font: font(Role::Heading),
                    size: Pt(size),
                },
                Op::SetCharacterSpacing { multiplier: 0.0 },
                Op::SetTextMatrix {
                    matrix: TextMatrix::TranslateRotate(Pt(150.0), Pt(230.0), 45.0),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(WATERMARK.into())],
                },
                Op::EndTextSection,
            ]);
        }
        pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
    }
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut save_warnings = Vec::new();
    Ok(pdf.with_pages(pages).save(&opts, &mut save_warnings))
}
