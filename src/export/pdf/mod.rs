//! PDF export: document model → page layout ([`layout`]) → PDF writer (here), kept apart so
//! one layout can also feed a preview.
//!
//! Fonts are embedded as subsets of the glyphs used (printpdf's `text_layout` feature).

mod face_hash;
pub mod fonts;
pub mod layout;
pub mod linebreak;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use printpdf::{
    Color, FontEmbeddingMode, FontId, Greyscale, Line, LinePoint, Op, ParsedFont, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, PrintpdfFontMeta, Pt, TextItem,
    TextMatrix,
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
pub struct Embedding(Vec<(Role, ParsedFont)>);

const ROLES: [Role; 3] = [Role::Title, Role::Body, Role::Heading];

impl Embedding {
    /// Reads the three faces, one thread per face.
    pub fn new(set: &FontSet) -> Result<Embedding, PdfError> {
        Embedding::read(&ROLES, |role| read(role, set.get(role)))
    }

    /// The bundled faces, each thread loading its own face from the cache folder first.
    fn bundled() -> Result<Embedding, PdfError> {
        Embedding::read(&ROLES, |role| read(role, &fonts::bundled(role)))
    }

    /// The faces of `roles`, `read_face` running on one thread per face.
    fn read(
        roles: &[Role],
        read_face: impl Fn(Role) -> Result<(Role, ParsedFont), PdfError> + Sync,
    ) -> Result<Embedding, PdfError> {
        let read_face = &read_face;
        std::thread::scope(|s| {
            let others: Vec<_> = roles[1..]
                .iter()
                .map(|&role| s.spawn(move || read_face(role)))
                .collect();
            let mut out = vec![read_face(roles[0])?];
            for t in others {
                out.push(join(t)?);
            }
            Ok(Embedding(out))
        })
    }

    /// The faces of `set`, taken from `bundled` where `set` has the bundled face.
    fn reusing(set: &FontSet, bundled: Embedding) -> Result<Embedding, PdfError> {
        let Embedding(mut faces) = bundled;
        faces.retain(|(role, _)| {
            let (a, b) = (set.get(*role), fonts::bundled(*role));
            a.index == b.index && std::ptr::eq(a.data.as_ref(), b.data.as_ref())
        });
        let missing: Vec<Role> = ROLES
            .into_iter()
            .filter(|r| !faces.iter().any(|(role, _)| role == r))
            .collect();
        if !missing.is_empty() {
            faces.extend(Embedding::read(&missing, |role| read(role, set.get(role)))?.0);
        }
        Ok(Embedding(faces))
    }

    /// Each face cut down to the glyphs `chars` shows of it, as printpdf embeds it, with the
    /// font program it writes for it deflated; `ids` names the faces, in their order.
    ///
    /// printpdf would subset the whole faces one after another while writing, read each
    /// glyph's width by parsing the face's outlines again, and deflate the programs after
    /// that: most of the time a PDF took. Here the faces are cut one a thread, and the
    /// widths and programs shared out among the cores; printpdf then embeds the cut faces
    /// as they are, under the subset tags it would give them, so the PDF stays as it was.
    /// A face that cannot be cut is handed over whole, for printpdf to subset as before.
    fn cut(
        &self,
        chars: &(dyn Fn(Role) -> BTreeSet<char> + Sync),
        ids: &[FontId],
    ) -> (Vec<PdfFont>, Vec<Program>) {
        let cuts: Vec<Option<Cut>> = std::thread::scope(|s| {
            let threads: Vec<_> = self
                .0
                .iter()
                .zip(ids)
                .map(|((role, face), id)| {
                    let chars = chars(*role);
                    s.spawn(move || cut(face, &chars, id))
                })
                .collect();
            threads.into_iter().map(join).collect()
        });
        // The programs, longest first, then the widths in runs of 64 glyphs.
        let mut jobs: Vec<(&Cut, Option<&[u16]>)> =
            cuts.iter().flatten().map(|c| (c, None)).collect();
        jobs.sort_by_key(|(c, _)| std::cmp::Reverse(c.program.raw.len()));
        for c in cuts.iter().flatten() {
            jobs.extend(c.glyphs.chunks(64).map(|g| (c, Some(g))));
        }
        run_all(&jobs, |(c, glyphs)| match glyphs {
            None => {
                let _ = c.program.packed.set(deflate(&c.program.raw));
            }
            Some(glyphs) => glyphs.iter().for_each(|&g| {
                c.font.parsed_font.get_or_decode_glyph(g);
            }),
        });
        drop(jobs);
        let mut programs = Vec::new();
        let fonts = cuts
            .into_iter()
            .zip(&self.0)
            .map(|(c, (_, face))| match c {
                Some(c) => {
                    programs.push(c.program);
                    c.font
                }
                None => PdfFont::new(face.clone()),
            })
            .collect();
        (fonts, programs)
    }
}

/// The faces for a PDF made now: the official ones when this machine has them, else the
/// bundled ones ([`fonts::discover_system`]), read for embedding. The bundled faces are
/// read while the system's font list is scanned, the slower part: most machines have no
/// official face, and a role that has one leaves its bundled face unused.
pub fn discover_and_read() -> (FontSet, Result<Embedding, PdfError>) {
    let (set, bundled) = std::thread::scope(|s| {
        let bundled = s.spawn(Embedding::bundled);
        (fonts::discover_system(), join(bundled))
    });
    let faces = match bundled {
        Ok(b) => Embedding::reusing(&set, b),
        Err(_) => Embedding::new(&set),
    };
    (set, faces)
}

/// `face` of `role` as printpdf reads it for embedding.
fn read(role: Role, face: &FontSource) -> Result<(Role, ParsedFont), PdfError> {
    let index = face.index as usize;
    printpdf::AzulParsedFont::from_bytes_shared(fonts::shared_bytes(face), index, &mut Vec::new())
        .map(|f| (role, ParsedFont::from_azul(f)))
        .ok_or_else(|| PdfError::Font(format!("字体“{}”无法嵌入 PDF", face.name)))
}

/// A face cut down for one document.
struct Cut {
    /// The face, to be embedded as it is.
    font: PdfFont,
    program: Program,
    /// The glyphs whose widths printpdf reads.
    glyphs: Vec<u16>,
}

/// The font program printpdf writes for a cut face, and deflated.
struct Program {
    raw: Vec<u8>,
    packed: OnceLock<Option<Vec<u8>>>,
}

/// `face` with only the glyphs of `chars`, named with the subset tag of `id`; `None` when
/// it shows none of them or cannot be cut.
fn cut(face: &ParsedFont, chars: &BTreeSet<char>, id: &FontId) -> Option<Cut> {
    let glyphs: BTreeMap<u16, String> = chars
        .iter()
        .filter_map(|&c| Some((face.lookup_glyph_index(u32::from(c))?, c.to_string())))
        .collect();
    if glyphs.is_empty() {
        return None;
    }
    let bytes = printpdf::subset_font(face, &glyphs).ok()?.bytes;
    let mut cut = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?;
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .filter_map(|&c| cut.lookup_glyph_index(u32::from(c)))
        .collect();
    // ISO 32000-1 9.6.4: a subset's name starts with six capitals and "+" (printpdf
    // takes them from the font's id).
    let name = cut
        .font_name
        .clone()
        .or_else(|| face.font_name.clone())
        .unwrap_or_else(|| id.0.clone());
    cut.font_name = Some(format!("{}+{name}", id.0.get(..6).unwrap_or(&id.0)));
    let meta = PrintpdfFontMeta {
        embedding_mode: FontEmbeddingMode::Full,
        requires_subsetting: false,
        ..Default::default()
    };
    // printpdf writes a CID-keyed face's bare CFF table, else the whole face.
    let raw = printpdf::extract_cid_keyed_cff(&bytes, 0).unwrap_or(bytes);
    Some(Cut {
        font: PdfFont::with_meta(cut, meta),
        program: Program {
            raw,
            packed: OnceLock::new(),
        },
        glyphs: glyphs.into_iter().collect(),
    })
}

/// Runs `work` on each of `jobs`, taken in order by as many threads as there are cores.
fn run_all<J: Sync>(jobs: &[J], work: impl Fn(&J) + Sync) {
    let next = AtomicUsize::new(0);
    let worker = || {
        while let Some(j) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
            work(j);
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(jobs.len()));
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(worker);
        }
        worker();
    });
}

/// `data` zlib-compressed at the default level. lopdf's own `compress` uses the best
/// level, which takes 40 % longer for 1 % fewer bytes (the font programs are already
/// compact).
fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).ok()?;
    z.finish().ok()
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
    let chars = |role: Role| {
        let mut set = BTreeSet::new();
        for run in doc.pages.iter().flat_map(|p| &p.runs) {
            if run.role == role {
                set.extend(run.text.chars());
            }
        }
        if doc.watermark && role == Role::Heading {
            set.extend(WATERMARK.chars());
        }
        set
    };
    let pages = |font: &dyn Fn(Role) -> PdfFontHandle| {
        doc.pages
            .iter()
            .map(|p| {
                let ops = page_ops(p, doc.watermark, font);
                PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops)
            })
            .collect()
    };
    Ok(write_pages(&doc.title, &doc.author, faces, &chars, pages))
}

/// Writes pages drawn by `pages` (given each role's font) with `faces`, each cut down to
/// the characters `chars` says its role shows; fonts embedded and streams compressed as
/// every PDF of the program is.
pub(crate) fn write_pages(
    title: &str,
    author: &str,
    faces: &Embedding,
    chars: &(dyn Fn(Role) -> BTreeSet<char> + Sync),
    pages: impl FnOnce(&dyn Fn(Role) -> PdfFontHandle) -> Vec<PdfPage>,
) -> Vec<u8> {
    let mut pdf = PdfDocument::new(title);
    pdf.metadata.info.document_title = title.to_string();
    pdf.metadata.info.author = author.to_string();
    pdf.metadata.info.creator = "nianbao".into();
    // printpdf defaults to 1970 and writes every date as UTC ("+00'00'"): stamp the time of
    // export, in UTC.
    let now = printpdf::OffsetDateTime::from_unix_timestamp(chrono::Utc::now().timestamp())
        .unwrap_or(printpdf::OffsetDateTime::epoch());
    pdf.metadata.info.creation_date = now;
    pdf.metadata.info.modification_date = now;
    pdf.metadata.info.metadata_date = now;
    // One id a face, made in the order `add_font` made them: the subset tags stay the same.
    let handles: Vec<_> = faces
        .0
        .iter()
        .map(|(role, _)| (*role, FontId::new()))
        .collect();
    let ids: Vec<FontId> = handles.iter().map(|(_, id)| id.clone()).collect();
    let (fonts, programs) = faces.cut(chars, &ids);
    pdf.resources.fonts.map.extend(ids.into_iter().zip(fonts));
    let font = |role: Role| {
        let id = handles
            .iter()
            .find(|(r, _)| *r == role)
            .expect("role")
            .1
            .clone();
        PdfFontHandle::External(id)
    };
    let pages = pages(&font);
    let opts = PdfSaveOptions {
        subset_fonts: true,
        // Compressed below.
        optimize: false,
        ..Default::default()
    };
    let mut save_warnings = Vec::new();
    let mut lo = pdf
        .with_pages(pages)
        .to_lopdf_document(&opts, &mut save_warnings);
    // As lopdf's `compress` would, on all cores, the font programs deflated already.
    let mut streams: Vec<_> = lo
        .objects
        .values_mut()
        .filter_map(|o| o.as_stream_mut().ok())
        .filter(|s| s.allows_compression && s.dict.get(b"Filter").is_err())
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let streams: Vec<_> = streams.into_iter().map(Mutex::new).collect();
    run_all(&streams, |s| {
        let mut s = s.lock().expect("one thread a stream");
        let done = programs.iter().find(|p| p.raw == s.content);
        if let Some(packed) = done
            .and_then(|p| p.packed.get().cloned().flatten())
            .or_else(|| deflate(&s.content))
            && packed.len() + 19 < s.content.len()
        {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(packed);
        }
    });
    drop(streams);
    // As printpdf's `save`.
    let mut out = Vec::new();
    let _ = lo.save_to(&mut out);
    out
}

/// The drawing operators of one laid-out page.
fn page_ops(p: &layout::Page, watermark: bool, font: &dyn Fn(Role) -> PdfFontHandle) -> Vec<Op> {
    let y = |top: f32| Pt(layout::PAGE_H - top);
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
    if watermark {
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
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_read_early_are_kept_only_for_roles_that_use_them() {
        let file = std::path::Path::new("assets/fonts/NotoSerifCJKsc-Regular-subset.otf");
        let set = FontSet {
            body: FontSource::from_file("仿宋", file, 0).unwrap(),
            ..Default::default()
        };
        let faces = Embedding::reusing(&set, Embedding::bundled().unwrap()).unwrap();
        let bytes = |role: Role| {
            let (_, face) = faces.0.iter().find(|(r, _)| *r == role).unwrap();
            face.source_bytes().unwrap()
        };
        let is_bundled =
            |role: Role| std::ptr::eq(bytes(role).as_slice(), fonts::bundled(role).data.as_ref());
        assert!(is_bundled(Role::Title) && is_bundled(Role::Heading));
        assert!(!is_bundled(Role::Body));
        assert_eq!(bytes(Role::Body).as_slice(), std::fs::read(file).unwrap());
        let r = crate::model::sample::filled(
            crate::template::get("gov-info-annual-2021").unwrap(),
            2025,
        );
        let opts = PdfOptions {
            fonts: set,
            two_sided: false,
        };
        let pdf = write_embedded(&pages(&r, &opts).unwrap(), &faces).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
