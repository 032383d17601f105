//! PDF with a text layer: characters and ruling lines by position to blocks.
//!
//! `pdf-extract` runs the content streams (fonts, ToUnicode and CID maps, text and
//! graphics state) and hands over every character with its text matrix and every
//! stroked or filled path; [`super::layout`] turns them into blocks.

use pdf_extract::{
    Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Path, PathOp, Stream,
    Transform,
};

use super::layout::{self, Glyph, Page, Seg};
use super::{Block, ImportError};

/// Characters accepted from one file: a report has a few thousand; a hostile file
/// with millions is cut off rather than exhausting memory.
const MAX_GLYPHS: usize = 2_000_000;
/// Ruling segments accepted from one file, for the same reason.
const MAX_SEGMENTS: usize = 500_000;

/// Reads a PDF's text layer into blocks.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let pages = extract(bytes)?;
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(if pages.iter().any(|p| p.images) {
            ImportError::Scanned
        } else {
            ImportError::NotAReport("PDF 中没有文字".into())
        });
    }
    // Fonts embedded without a character map give codes no reader can turn into text:
    // replacement characters or private-use code points instead of hanzi.
    let (mut total, mut unreadable) = (0usize, 0usize);
    for g in pages.iter().flat_map(|p| &p.glyphs) {
        total += 1;
        if g.text
            .chars()
            .any(|c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c))
        {
            unreadable += 1;
        }
    }
    if unreadable * 2 > total {
        return Err(damaged(
            "字体没有提供字符编码，文字无法提取，请改用 Word 文件或网页导入",
        ));
    }
    Ok(layout::layout(&pages))
}

fn damaged(reason: &str) -> ImportError {
    ImportError::Damaged {
        form: "PDF",
        reason: reason.into(),
    }
}

/// Loads the document and collects every page's characters and rules.
fn extract(bytes: &[u8]) -> Result<Vec<Page>, ImportError> {
    // pdf-extract and lopdf unwrap freely on malformed input; a panic there is a damaged
    // file to the user, never a crash nor a message on the terminal (the last line of
    // defence, not the error path).
    let result = super::quiet::catch(|| -> Result<Vec<Page>, ImportError> {
        if inflates_too_much(bytes) {
            return Err(damaged("压缩的内容解压后过大，可能是恶意文件"));
        }
        let mut doc = Document::load_mem(bytes).map_err(|_| damaged("文件不完整或已损坏"))?;
        if doc.is_encrypted() {
            // Files "protected" against editing only open with the empty user password.
            doc.decrypt("").map_err(|_| ImportError::Encrypted)?;
        }
        if !forms_nest_safely(&doc) {
            return Err(damaged("页面内容嵌套过深或循环引用"));
        }
        if !parents_end(&doc) {
            return Err(damaged("页面结构循环引用"));
        }
        let images = page_images(&doc);
        let mut c = Collector::default();
        let run = pdf_extract::output_doc(&doc, &mut c);
        for (p, has) in c.pages.iter_mut().zip(images) {
            p.images = has;
        }
        match run {
            Ok(()) => Ok(c.pages),
            // A scan's image stream or a cut-off content stream may stop the run; what
            // was read before still counts if it holds text.
            Err(_) if c.pages.iter().any(|p| !p.glyphs.is_empty()) => Ok(c.pages),
            Err(_) if c.pages.iter().any(|p| p.images) => Err(ImportError::Scanned),
            Err(_) => Err(damaged("内容无法解析")),
        }
    });
    result.unwrap_or_else(|| Err(damaged("内容无法解析")))
}

/// A page's resource dictionaries (its own, inline or referenced, and inherited ones).
pub(super) fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let Ok((own, ids)) = doc.get_page_resources(page) else {
        return Vec::new();
    };
    own.into_iter()
        .chain(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()))
        .collect()
}

/// The objects a resource dictionary's `/XObject` entry names.
pub(super) fn xobjects<'a>(
    doc: &'a Document,
    res: &'a Dictionary,
) -> Vec<(Option<ObjectId>, &'a Stream)> {
    let Ok(dict) = res.get_deref(b"XObject", doc).and_then(Object::as_dict) else {
        return Vec::new();
    };
    dict.iter()
        .filter_map(|(_, o)| {
            let (id, o) = doc.dereference(o).ok()?;
            Some((id, o.as_stream().ok()?))
        })
        .collect()
}

pub(super) fn subtype_is(s: &Stream, name: &[u8]) -> bool {
    s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(name)
}

/// Whether each page (in page order) names an image among its resources.
fn page_images(doc: &Document) -> Vec<bool> {
    doc.get_pages()
        .values()
        .map(|&id| {
            page_resources(doc, id).into_iter().any(|res| {
                xobjects(doc, res)
                    .iter()
                    .any(|(_, s)| subtype_is(s, b"Image"))
            })
        })
        .collect()
}

/// Whether every page's chain of `/Parent`s ends: `pdf-extract` looks up inherited
/// entries (a missing `/MediaBox`) up that chain with no guard, and a page that is its
/// own parent would loop for ever.
fn parents_end(doc: &Document) -> bool {
    doc.get_pages().values().all(|&page| {
        let mut seen = vec![page];
        let mut at = page;
        loop {
            let Ok(parent) = doc
                .get_dictionary(at)
                .and_then(|d| d.get(b"Parent"))
                .and_then(Object::as_reference)
            else {
                return true;
            };
            // A real page tree is a few levels deep.
            if seen.contains(&parent) || seen.len() > 64 {
                return false;
            }
            seen.push(parent);
            at = parent;
        }
    })
}

/// Form XObjects drawn inside one another deeper than this are refused: `pdf-extract`
/// follows them by recursion, and a form that draws itself would overflow the stack,
/// which no `catch_unwind` can stop.
const MAX_FORM_DEPTH: usize = 24;

/// Whether Form XObjects nest no deeper than [`MAX_FORM_DEPTH`] and never in a cycle.
/// Every XObject but an image counts, whatever its `/Subtype` says: `pdf-extract` runs
/// any XObject a `Do` names as a form, so a damaged subtype must not hide a form drawing
/// itself (an image's bytes hold no drawing operators).
fn forms_nest_safely(doc: &Document) -> bool {
    // A form without resources of its own uses its page's: it may draw whatever any
    // page names.
    let page_forms: Vec<ObjectId> = doc
        .get_pages()
        .values()
        .flat_map(|&p| page_resources(doc, p))
        .flat_map(|res| xobjects(doc, res))
        .filter(|(_, s)| !subtype_is(s, b"Image"))
        .filter_map(|(id, _)| id)
        .collect();
    let children = |s: &Stream| -> Vec<ObjectId> {
        match s
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
        {
            Ok(res) => xobjects(doc, res)
                .into_iter()
                .filter(|(_, s)| !subtype_is(s, b"Image"))
                .filter_map(|(id, _)| id)
                .collect(),
            Err(_) => page_forms.clone(),
        }
    };
    // Depth-first from every page's forms, with the path on a stack (no recursion here).
    let mut done: std::collections::HashSet<ObjectId> = Default::default();
    for &root in &page_forms {
        if done.contains(&root) {
            continue;
        }
        let mut path: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
        let Ok(s) = doc.get_object(root).and_then(Object::as_stream) else {
            continue;
        };
        path.push((root, children(s)));
        while let Some((_, pending)) = path.last_mut() {
            let Some(next) = pending.pop() else {
                if let Some((id, _)) = path.pop() {
                    done.insert(id);
                }
                continue;
            };
            if path.iter().any(|(id, _)| *id == next) || path.len() >= MAX_FORM_DEPTH {
                return false;
            }
            if done.contains(&next) {
                continue;
            }
            if let Ok(s) = doc.get_object(next).and_then(Object::as_stream) {
                let c = children(s);
                path.push((next, c));
            }
        }
    }
    true
}

/// Largest total of decompressed stream data accepted: a report's PDF holds a few MB; a
/// "zip bomb" of a stream inflating to gigabytes is refused before anything inflates it.
const MAX_INFLATED: u64 = 128 * 1024 * 1024;

/// Whether the Flate streams of the file inflate to more than [`MAX_INFLATED`] together.
/// Scans the raw bytes for `stream` keywords rather than trusting the (possibly lying)
/// object structure; nothing is kept, output is counted and dropped.
fn inflates_too_much(bytes: &[u8]) -> bool {
    use std::io::Read;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let mut start = at + found + 6;
        at = start;
        // "endstream" ends a stream; the data follows "stream" and one EOL.
        if bytes[..start - 6].ends_with(b"end") {
            continue;
        }
        if bytes[start..].starts_with(b"\r\n") {
            start += 2;
        } else if bytes[start..].starts_with(b"\n") || bytes[start..].starts_with(b"\r") {
            start += 1;
        }
        let mut z = flate2::read::ZlibDecoder::new(&bytes[start..]);
        loop {
            match z.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > MAX_INFLATED {
                        return true;
                    }
                }
            }
        }
        at = start + (z.total_in() as usize).max(1);
        at = at.min(bytes.len());
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Receives characters and paths from `pdf-extract`.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// Page top in PDF space (y grows upwards there).
    top: f64,
    glyphs: usize,
    segments: usize,
    /// Where the last space character was drawn (x, baseline), until the next character.
    space: Option<(f64, f64)>,
}

fn too_much() -> OutputError {
    OutputError::FormatError(std::fmt::Error)
}

impl Collector {
    fn page(&mut self) -> Result<&mut Page, OutputError> {
        self.pages.last_mut().ok_or_else(too_much)
    }

    /// Records the straight edge from `a` to `b` (PDF space) if it is horizontal or
    /// vertical; curves and slants are never table rules.
    fn edge(&mut self, a: (f64, f64), b: (f64, f64)) -> Result<(), OutputError> {
        self.segments += 1;
        if self.segments > MAX_SEGMENTS {
            return Err(too_much());
        }
        let top = self.top;
        let (ay, by) = (top - a.1, top - b.1);
        let p = self.page()?;
        if (ay - by).abs() < 0.5 && (a.0 - b.0).abs() > 0.5 {
            p.hsegs.push(Seg {
                at: (ay + by) / 2.0,
                from: a.0.min(b.0),
                to: a.0.max(b.0),
            });
        } else if (a.0 - b.0).abs() < 0.5 && (ay - by).abs() > 0.5 {
            p.vsegs.push(Seg {
                at: (a.0 + b.0) / 2.0,
                from: ay.min(by),
                to: ay.max(by),
            });
        }
        Ok(())
    }

    /// A rectangle (PDF space corners): a thin one is a rule along its long side (how
    /// Word and LibreOffice draw cell borders); with `outline`, its four edges.
    fn rect(&mut self, lo: (f64, f64), hi: (f64, f64), outline: bool) -> Result<(), OutputError> {
        let (w, h) = (hi.0 - lo.0, hi.1 - lo.1);
        if w <= 3.0 && h > w {
            let x = (lo.0 + hi.0) / 2.0;
            return self.edge((x, lo.1), (x, hi.1));
        }
        if h <= 3.0 && w > h {
            let y = (lo.1 + hi.1) / 2.0;
            return self.edge((lo.0, y), (hi.0, y));
        }
        if outline {
            self.edge(lo, (hi.0, lo.1))?;
            self.edge((hi.0, lo.1), hi)?;
            self.edge(hi, (lo.0, hi.1))?;
            self.edge((lo.0, hi.1), lo)?;
        }
        Ok(())
    }

    fn path(&mut self, ctm: &Transform, path: &Path, stroked: bool) -> Result<(), OutputError> {
        // Row-vector convention, as in the PDF specification: [x y 1] × CTM.
        let map = |x: f64, y: f64| {
            (
                ctm.m11 * x + ctm.m21 * y + ctm.m31,
                ctm.m12 * x + ctm.m22 * y + ctm.m32,
            )
        };
        // Subpaths as point lists; a filled subpath of four axis-aligned corners is a
        // rectangle however it was drawn.
        let mut subpaths: Vec<Vec<(f64, f64)>> = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => subpaths.push(vec![map(x, y)]),
                PathOp::LineTo(x, y) => match subpaths.last_mut() {
                    Some(s) => s.push(map(x, y)),
                    None => subpaths.push(vec![map(x, y)]),
                },
                PathOp::CurveTo(.., x, y) => subpaths.push(vec![map(x, y)]),
                PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (map(x, y), map(x + w, y + h));
                    let lo = (a.0.min(b.0), a.1.min(b.1));
                    let hi = (a.0.max(b.0), a.1.max(b.1));
                    self.rect(lo, hi, stroked)?;
                }
                PathOp::Close => {
                    if let Some(s) = subpaths.last_mut()
                        && let Some(&first) = s.first()
                    {
                        s.push(first);
                    }
                }
            }
        }
        for s in subpaths {
            if stroked {
                for w in s.windows(2) {
                    self.edge(w[0], w[1])?;
                }
            } else if s.len() >= 4 {
                let (mut lo, mut hi) = (s[0], s[0]);
                for &(x, y) in &s {
                    lo = (lo.0.min(x), lo.1.min(y));
                    hi = (hi.0.max(x), hi.1.max(y));
                }
                let axis_aligned = s
                    .windows(2)
                    .all(|w| (w[0].0 - w[1].0).abs() < 0.5 || (w[0].1 - w[1].1).abs() < 0.5);
                if axis_aligned {
                    self.rect(lo, hi, false)?;
                }
            } else if s.len() >= 2 {
                // A hairline drawn as a filled degenerate path.
                for w in s.windows(2) {
                    self.edge(w[0], w[1])?;
                }
            }
        }
        Ok(())
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.space = None;
        self.pages.push(Page {
            height: (media_box.ury - media_box.lly).abs(),
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let blank = text.chars().all(|c| c.is_whitespace() || c.is_control());
        if blank {
            self.space = Some((trm.m31, self.top - trm.m32));
            return Ok(());
        }
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            return Err(too_much());
        }
        let sx = trm.m11.hypot(trm.m12);
        let sy = trm.m21.hypot(trm.m22);
        let size = (font_size * sy).abs();
        let x0 = trm.m31;
        let baseline = self.top - trm.m32;
        if !(x0.is_finite() && baseline.is_finite() && size.is_finite()) {
            return Ok(());
        }
        // Fonts without widths give 0: half an em keeps the character a box.
        let advance = match (width * font_size * sx).abs() {
            a if a > 0.05 * size => a,
            _ => size * 0.5,
        };
        let text = text.chars().filter(|c| !c.is_control()).collect();
        let space_before = self.space.take().is_some_and(|(sx, sy)| {
            (sy - baseline).abs() < 0.4 * size && sx <= x0 && x0 - sx < 2.0 * size
        });
        self.page()?.glyphs.push(Glyph {
            x0,
            x1: x0 + advance,
            baseline,
            size: size.max(1.0),
            text,
            space_before,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, true)
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prints the blocks of the PDF named by `NIANBAO_PDF` (a look at what the reader makes).
    #[test]
    #[ignore]
    fn dump_blocks() {
        let path = std::env::var("NIANBAO_PDF").expect("NIANBAO_PDF");
        let blocks = read(&std::fs::read(path).expect("read")).expect("pdf");
        print!("{}", super::super::blocks::text(&blocks));
    }
}
