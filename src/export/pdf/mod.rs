//! PDF export: document model → page layout ([`layout`]) → PDF writer (here), kept apart so
//! one layout can also feed a preview.
//!
//! Fonts are embedded as subsets of the glyphs used (printpdf's `text_layout` feature).

pub mod fonts;
pub mod layout;
pub mod linebreak;

use std::path::{Path, PathBuf};

use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, TextItem, TextMatrix,
};

use crate::model::Report;
pub use fonts::{FontSet, FontSource, Role};

/// Export options.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Faces for title, body and headings (the bundled OFL fonts by default).
    pub fonts: FontSet,
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
    let metrics = fonts::Metrics::new(&opts.fonts).map_err(PdfError::Font)?;
    let failing = crate::validate::has_errors(&crate::validate::validate(r, None));
    let doc = layout::layout(r, &metrics, failing);
    write(&doc, &opts.fonts)
}

/// Writes a laid-out document.
pub fn write(doc: &layout::Document, set: &FontSet) -> Result<Vec<u8>, PdfError> {
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
    let mut warnings = Vec::new();
    let mut handles = Vec::new();
    for role in [Role::Title, Role::Body, Role::Heading] {
        let s = set.get(role);
        let parsed = printpdf::ParsedFont::from_bytes(&s.data, s.index as usize, &mut warnings)
            .ok_or_else(|| PdfError::Font(format!("字体“{}”无法嵌入 PDF", s.name)))?;
        handles.push((role, pdf.add_font(&parsed)));
    }
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

/// Writes the PDF to a temporary file and hands it to the system for printing: `lp` where
/// CUPS is present, otherwise the default PDF viewer. Returns what happened, in Chinese.
pub fn print(r: &Report, opts: &PdfOptions) -> anyhow::Result<String> {
    let bytes = export(r, opts)?;
    let path = temp_path(r);
    std::fs::write(&path, bytes)?;
    hand_to_system(&path)
}

fn hand_to_system(path: &Path) -> anyhow::Result<String> {
    use std::process::Command;
    let shown = path.display();
    #[cfg(target_os = "linux")]
    {
        if Command::new("lp")
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Ok(format!("已发送到默认打印机（{shown}）"));
        }
        if Command::new("xdg-open").arg(path).spawn().is_ok() {
            return Ok(format!(
                "未找到打印服务，已用默认 PDF 阅读器打开 {shown}，请在其中打印"
            ));
        }
    }
    #[cfg(target_os = "macos")]
    if Command::new("open").arg(path).spawn().is_ok() {
        return Ok(format!("已用默认 PDF 阅读器打开 {shown}，请在其中打印"));
    }
    #[cfg(target_os = "windows")]
    if Command::new("cmd")
        .args(["/C", "start", "", &path.to_string_lossy()])
        .spawn()
        .is_ok()
    {
        return Ok(format!("已用默认 PDF 阅读器打开 {shown}，请在其中打印"));
    }
    anyhow::bail!("无法打开打印程序或 PDF 阅读器；PDF 已保存在 {shown}，请手动打印")
}

/// Where `print` puts its temporary file.
fn temp_path(r: &Report) -> PathBuf {
    std::env::temp_dir().join(format!("nianbao-{}-{}.pdf", r.year, std::process::id()))
}
