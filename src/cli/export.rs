//! `nianbao export`: a draft to text, PDF, JSON, Word and web page, each by its option.

use std::path::PathBuf;
use std::process::ExitCode;
use std::thread::JoinHandle;

use anyhow::{Context, Result, bail};

use super::{ExportArgs, warn_before_printing, warn_of_pages};
use crate::export::pdf::{Embedding, FontSet, PdfError, PdfOptions};
use crate::export::{html, json::to_json, text};
use crate::model::{Report, draft};

/// What an output is made from.
struct Job<'a> {
    r: Report,
    args: &'a ExportArgs,
    /// The faces, found while the draft loaded (only when a PDF or 图解 is asked for).
    fonts: Option<JoinHandle<Fonts>>,
    joined: Option<(PdfOptions, Embedding)>,
}

impl Job<'_> {
    /// The report with the faces of the PDF and the 图解, waited for the first time they
    /// are needed.
    fn with_faces(&mut self) -> Result<(&Report, &PdfOptions, &Embedding)> {
        if self.joined.is_none() {
            self.joined = Some(join_fonts(self.fonts.take(), self.args.two_sided)?);
        }
        let (opts, faces) = self.joined.as_ref().expect("joined above");
        Ok((&self.r, opts, faces))
    }
}

type Writer = fn(&mut Job) -> Result<Vec<u8>>;

/// Each output option with its writer, in the order they are written.
fn outputs(a: &ExportArgs) -> [(Option<&PathBuf>, Writer); 6] {
    [
        (a.txt.as_ref(), txt),
        (a.pdf.as_ref(), pdf),
        (a.json.as_ref(), json),
        (a.docx.as_ref(), docx),
        (a.html.as_ref(), page),
        (a.infographic.as_ref(), infographic),
    ]
}

pub(super) fn run(a: ExportArgs) -> Result<ExitCode> {
    let outputs = outputs(&a);
    if outputs.iter().all(|(p, _)| p.is_none()) {
        bail!("请用 --txt、--json、--pdf、--docx、--html 或 --infographic 指定导出文件");
    }
    let kind = a.infographic.as_deref().map(graphic_format).transpose()?;
    // The system's font list and the faces load while the draft does.
    let fonts = (a.pdf.is_some() || kind.is_some()).then(start_fonts);
    let mut r = draft::load(&a.draft)?;
    if let Some(p) = &a.previous {
        let last = crate::check::load(p).map_err(anyhow::Error::msg)?.report;
        r.previous = Some(Box::new(last));
    }
    warn_before_printing(&r, &a.draft, a.txt.is_some() || a.pdf.is_some());
    let mut job = Job {
        r,
        args: &a,
        fonts,
        joined: None,
    };
    for (path, write) in outputs {
        let Some(p) = path else { continue };
        let bytes = write(&mut job)?;
        std::fs::write(p, bytes).with_context(|| format!("无法写入 {}", p.display()))?;
        println!("已导出 {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn txt(j: &mut Job) -> Result<Vec<u8>> {
    let empty_as_zero = j.args.empty_as_zero;
    Ok(text::to_text(&j.r, text::TextOptions { empty_as_zero }).into_bytes())
}

fn pdf(j: &mut Job) -> Result<Vec<u8>> {
    let draft = j.args.draft.clone();
    let (r, opts, faces) = j.with_faces()?;
    let doc = crate::export::pdf::pages(r, opts)?;
    warn_of_pages(&draft, &doc);
    Ok(crate::export::pdf::write_embedded(&doc, faces)?)
}

fn graphic_format(p: &std::path::Path) -> Result<crate::export::infographic::Format> {
    crate::export::infographic::Format::of_path(p)
        .with_context(|| format!("图解的文件名须以 .png、.svg 或 .pdf 结尾：{}", p.display()))
}

fn infographic(j: &mut Job) -> Result<Vec<u8>> {
    use crate::export::infographic as g;
    let format = graphic_format(j.args.infographic.as_deref().expect("asked for"))?;
    let (r, opts, faces) = j.with_faces()?;
    if let Some(Err(why)) = r
        .previous
        .as_deref()
        .map(|l| crate::model::last_year::LastYear::of(r, l))
    {
        eprintln!("{}", why.message());
    }
    let scene = g::draw(r, &opts.fonts).map_err(anyhow::Error::msg)?;
    if !scene.blank.is_empty() {
        eprintln!(
            "提醒：以下数字尚未填写，图解中以“—”表示：{}",
            scene.blank.join("、")
        );
    }
    Ok(match format {
        // The faces read while the draft loaded.
        g::Format::Pdf => g::pdf::to_pdf(&scene, faces),
        _ => format
            .write(&scene, &opts.fonts)
            .map_err(anyhow::Error::msg)?,
    })
}

fn json(j: &mut Job) -> Result<Vec<u8>> {
    Ok(serde_json::to_string_pretty(&to_json(&j.r))?.into_bytes())
}

fn docx(j: &mut Job) -> Result<Vec<u8>> {
    Ok(crate::export::docx::export(&j.r)?)
}

fn page(j: &mut Job) -> Result<Vec<u8>> {
    let kind = if j.args.html_fragment {
        html::HtmlKind::Fragment
    } else {
        html::HtmlKind::Page
    };
    Ok(html::export(&j.r, kind).into_bytes())
}

type Fonts = (FontSet, Result<Embedding, PdfError>);

/// Finds the faces (the official ones when this machine has them, else the bundled ones)
/// and reads them for embedding on a thread of their own, while the draft loads.
pub(super) fn start_fonts() -> JoinHandle<Fonts> {
    std::thread::spawn(crate::export::pdf::discover_and_read)
}

/// The PDF options and faces of a [`start_fonts`] thread.
pub(super) fn join_fonts(
    t: Option<JoinHandle<Fonts>>,
    two_sided: bool,
) -> Result<(PdfOptions, Embedding)> {
    let (fonts, faces) = t
        .expect("started when a PDF is asked for")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
    Ok((PdfOptions { fonts, two_sided }, faces?))
}
