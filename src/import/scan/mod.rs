//! Scanned reports: page pictures (a PDF without a text layer, or an image file) read by
//! OCR into the same positioned characters and ruling lines a PDF's text layer gives, so
//! that [`super::layout`] builds the blocks and the table reader places the values by
//! their labels and the equations exactly as for any other form.
//!
//! Per page: the ink is found and the page straightened ([`ink`]); the tables' ruling
//! lines are found and taken out ([`rules`]); the tables' cells and the text outside them
//! are cut into line pieces ([`lines`]), a seal that is not red taken out first ([`seal`]);
//! each piece is read on its own ([`recognize`]).
//! A digit the model is not sure of is written □ in the cell's text ("1□"), so that the
//! cell is not filled with a guess; the equations may settle it later (`misread.rs`).

mod ink;
mod lines;
mod picture;
mod recognize;
mod rules;
mod seal;

pub use picture::{MAX_PAGES, PagePicture, from_file, from_pdf, sniff};
pub use recognize::ModelError;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::GrayImage;

use super::layout::{self, Glyph, Page, Seg};
use super::{Block, ImportError};
use lines::Piece;
use recognize::{Char, Recognizer};

/// What a digit read without certainty is written as in its cell.
pub const UNSURE: char = '□';
/// A digit read with less confidence than this is not taken as read.
const SURE: f32 = 0.85;
/// Share of a page that must be ink for it to hold anything (a blank page has specks).
const BLANK: f64 = 0.0008;
/// Share of a page above which it is no printed document (a typed page is under a tenth
/// ink, a dense table under a fifth).
const DARK: f64 = 0.3;

/// What OCR made of a file, for the import's notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub pages: usize,
    /// Digits of the tables' numbers read without certainty.
    pub unsure_digits: usize,
}

/// Told after each page (pages done, pages in all); answering `false` cancels.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) -> bool + Sync);

/// Reads page pictures into blocks.
pub fn read(
    pages: Vec<PagePicture>,
    progress: Progress,
) -> Result<(Vec<Block>, Reading), ImportError> {
    let model = Recognizer::shared().map_err(|e| ImportError::Picture(e.to_string()))?;
    let total = pages.len();
    if !progress(0, total) {
        return Err(ImportError::Cancelled);
    }
    let mut read = Vec::new();
    let mut reading = Reading {
        pages: total,
        ..Reading::default()
    };
    for (i, p) in pages.into_iter().enumerate() {
        let page = match prepare(p) {
            Ok(Some(prepared)) => {
                if upside_down(model, &prepared) {
                    return Err(ImportError::Picture(format!(
                        "第 {} 页上下颠倒，请在扫描软件中把它转正后再导入",
                        i + 1
                    )));
                }
                Some(read_page(model, prepared, &mut reading))
            }
            Ok(None) => None,
            Err(why) => return Err(ImportError::Picture(format!("第 {} 页{why}", i + 1))),
        };
        read.extend(page);
        if !progress(i + 1, total) {
            return Err(ImportError::Cancelled);
        }
    }
    if read.iter().all(|p| p.glyphs.is_empty()) {
        return Err(ImportError::Picture("图片中没有可识别的文字".into()));
    }
    Ok((layout::layout(&read), reading))
}

/// A page made ready to read: straightened, its rules found and taken out, its text cut
/// into pieces (each with its region and whether that is a table cell).
struct Prepared {
    gray: GrayImage,
    page: Page,
    scale: f64,
    skew: f64,
    work: Vec<(Piece, Piece, bool)>,
}

/// What a page picture holds before any text is read: for a look, a test or a fuzzer.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// Degrees the page was turned by to straighten it.
    pub skew: f64,
    /// Ruling lines of tables found, across and down.
    pub rules: (usize, usize),
    /// Pieces of text to read (cell lines and lines outside the tables).
    pub pieces: usize,
}

/// Surveys a picture file or a scanned PDF's pages (no text is read): `None` for a blank
/// page, the reason for one that is no document.
pub fn survey(bytes: &[u8]) -> Result<Vec<Result<Option<Survey>, String>>, ImportError> {
    let pages = match sniff(bytes) {
        Some(format) => from_file(bytes, format)?,
        None => from_pdf(bytes)?,
    };
    Ok(pages
        .into_iter()
        .map(|p| {
            prepare(p).map(|r| {
                r.map(|r| Survey {
                    skew: r.skew,
                    rules: (r.page.hsegs.len(), r.page.vsegs.len()),
                    pieces: r.work.len(),
                })
            })
        })
        .collect())
}

/// Straightens a page, finds its rules and cuts its text into pieces; `None` if blank,
/// why not if it is no page of a document (a photo).
fn prepare(mut p: PagePicture) -> Result<Option<Prepared>, String> {
    // A photographed sheet's edge and the desk around it are no ink of the page's.
    let margin = (p.gray.width() as usize / 150).max(4);
    ink::whiten_beyond_sheet(&mut p.gray, margin);
    let ink = ink::Ink::of(&p.gray);
    let coverage = ink.coverage();
    if coverage < BLANK {
        return Ok(None);
    }
    if coverage > DARK {
        return Err("不像是文件的扫描件（深色部分过多，可能是照片或底色过深）".into());
    }
    let skew = ink::skew(&ink);
    let (gray, ink) = if skew.abs() < 0.03 {
        (p.gray, ink)
    } else {
        let g = ink::straighten(&p.gray, skew);
        let i = ink::Ink::of(&g);
        (g, i)
    };
    let (h, v, mut text) = rules::find(&ink);
    let scale = p.width_pt / gray.width() as f64;
    let seg = |r: &rules::Rule| Seg {
        at: r.at * scale,
        from: r.from as f64 * scale,
        to: r.to as f64 * scale,
    };
    let page = Page {
        height: p.height_pt,
        hsegs: h.iter().map(seg).collect(),
        vsegs: v.iter().map(seg).collect(),
        ..Page::default()
    };
    let regions = regions(&page, scale, gray.width() as usize, gray.height() as usize);
    let all: Vec<Piece> = regions.iter().map(|r| r.0).collect();
    let th = lines::text_height(&text, &all);
    seal::remove(&mut text, th);
    let mut work: Vec<(Piece, Piece, bool)> = regions
        .iter()
        .flat_map(|&(r, cell)| {
            lines::pieces(&text, r, th)
                .into_iter()
                .map(move |p| (p, r, cell))
        })
        .collect();
    drop_dashed_rules(&mut work, th);
    Ok(Some(Prepared {
        gray: without_rules(gray, &ink, &text),
        page,
        scale,
        skew,
        work,
    }))
}

/// Whether the page reads better turned round: its widest pieces (up to four) read both
/// ways, and turned round they are clearly surer.
fn upside_down(model: &Recognizer, p: &Prepared) -> bool {
    let mut widest: Vec<&(Piece, Piece, bool)> = p.work.iter().collect();
    widest.sort_by_key(|(piece, _, _)| std::cmp::Reverse(piece.x1 - piece.x0));
    widest.truncate(4);
    let sureness = |turn: bool| {
        let (mut sum, mut n) = (0.0f32, 0usize);
        for (piece, region, _) in &widest {
            let (mut image, _) = crop(&p.gray, piece, region);
            if turn {
                image = image::imageops::rotate180(&image);
            }
            for c in model.read(&image, 0) {
                sum += c.confidence;
                n += 1;
            }
        }
        if n == 0 { 0.0 } else { sum / n as f32 }
    };
    let upright = sureness(false);
    upright < 0.8 && sureness(true) > upright + 0.15
}

/// Takes out the dashes of a dotted or broken rule (a table's border cut at a page
/// break): four or more thin pieces on one line, which OCR would read as "- — -".
fn drop_dashed_rules(work: &mut Vec<(Piece, Piece, bool)>, text_height: usize) {
    let thin = |p: &Piece| p.height() * 10 < text_height * 4;
    let middle = |p: &Piece| (p.y0 + p.y1) / 2;
    let dashes: Vec<usize> = work
        .iter()
        .filter(|(p, _, _)| thin(p))
        .map(|(p, _, _)| middle(p))
        .collect();
    work.retain(|(p, _, _)| {
        !thin(p)
            || dashes
                .iter()
                .filter(|&&m| m.abs_diff(middle(p)) <= 2)
                .count()
                < 4
    });
}

/// One page made ready, its text read piece by piece.
fn read_page(model: &Recognizer, p: Prepared, reading: &mut Reading) -> Page {
    let Prepared {
        gray,
        mut page,
        scale,
        work,
        ..
    } = p;
    let read = read_pieces(model, &gray, &work);
    for ((piece, region, cell), (mut chars, left)) in work.iter().zip(read) {
        // Only a cell's number is held to certainty: a label's "1." is matched loosely.
        let number = *cell && as_number(&mut chars);
        if number && chars.len() == 1 && unsure_digit(&chars[0]) {
            // A lone digit left unsure is read once more, padded as a line: taken if
            // that reading is a digit and sure.
            let mut again = model.read_padded(&crop(&gray, piece, region).0, 0);
            if again.len() == 1 && as_number(&mut again) && !unsure_digit(&again[0]) {
                again[0].x = chars[0].x;
                chars = again;
            }
        }
        if number {
            reading.unsure_digits += chars.iter().filter(|c| unsure_digit(c)).count();
        }
        page.glyphs
            .extend(glyphs(piece, left, &chars, number, scale));
    }
    page
}

/// The regions text is read in, in pixels: every table cell (inside its rules), and the
/// page's bands above, between and below the tables; with whether it is a cell.
fn regions(segs: &Page, scale: f64, w: usize, h: usize) -> Vec<(Piece, bool)> {
    let px = |v: f64| ((v / scale).round().max(0.0) as usize).min(w.max(h));
    let inset = (w / 300).max(2);
    let mut out = Vec::new();
    let mut tables: Vec<(usize, usize)> = Vec::new();
    for (outline, cells) in layout::table_cells(segs) {
        tables.push((px(outline[1]), px(outline[3])));
        for c in cells {
            let (x0, y0, x1, y1) = (px(c[0]) + inset, px(c[1]) + inset, px(c[2]), px(c[3]));
            let (x1, y1) = (
                x1.saturating_sub(inset).min(w),
                y1.saturating_sub(inset).min(h),
            );
            if x1 > x0 + 2 && y1 > y0 + 2 {
                out.push((Piece { x0, y0, x1, y1 }, true));
            }
        }
    }
    tables.sort_unstable();
    let mut top = 0;
    for (t0, t1) in tables {
        if t0 > top + 2 {
            out.push((
                Piece {
                    x0: 0,
                    y0: top,
                    x1: w,
                    y1: t0.min(h),
                },
                false,
            ));
        }
        top = top.max(t1 + inset);
    }
    if h > top + 2 {
        out.push((
            Piece {
                x0: 0,
                y0: top,
                x1: w,
                y1: h,
            },
            false,
        ));
    }
    out
}

/// The picture with the ruling lines (and the grey fringe around them) made white, so
/// that a piece cut close to a cell's border does not show a stroke the model would read.
fn without_rules(mut out: GrayImage, ink: &ink::Ink, text: &ink::Ink) -> GrayImage {
    for y in 0..ink.h {
        for x in 0..ink.w {
            if ink.at(x, y) && !text.at(x, y) {
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (usize::MAX, 0), (0, usize::MAX)] {
                    let (nx, ny) = (x.wrapping_add(dx), y.wrapping_add(dy));
                    if nx < ink.w && ny < ink.h && !text.at(nx, ny) {
                        out.put_pixel(nx as u32, ny as u32, image::Luma([255]));
                    }
                }
            }
        }
    }
    out
}

/// Reads the pieces on all cores, in order: each piece's characters, and the left edge
/// of the crop their positions are measured from.
fn read_pieces(
    model: &Recognizer,
    gray: &GrayImage,
    work: &[(Piece, Piece, bool)],
) -> Vec<(Vec<Char>, usize)> {
    let next = AtomicUsize::new(0);
    let out: Vec<Mutex<(Vec<Char>, usize)>> =
        work.iter().map(|_| Mutex::new((Vec::new(), 0))).collect();
    std::thread::scope(|s| {
        let (next, out) = (&next, &out);
        for lane in 0..model.lanes() {
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((piece, region, _)) = work.get(i) else {
                        break;
                    };
                    let (image, left) = crop(gray, piece, region);
                    *out[i].lock().expect("one thread a piece") = (model.read(&image, lane), left);
                }
            });
        }
    });
    out.into_iter()
        .map(|m| m.into_inner().unwrap_or_default())
        .collect()
}

/// A piece with a margin of a fifth of its height, kept inside its region; with the
/// crop's left edge.
fn crop(gray: &GrayImage, p: &Piece, region: &Piece) -> (GrayImage, usize) {
    let m = (p.height() / 5).max(2);
    let (x0, y0) = (
        p.x0.saturating_sub(m).max(region.x0),
        p.y0.saturating_sub(m).max(region.y0),
    );
    let (x1, y1) = ((p.x1 + m).min(region.x1), (p.y1 + m).min(region.y1));
    let image = image::imageops::crop_imm(
        gray,
        x0 as u32,
        y0 as u32,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
    );
    (image.to_image(), x0)
}

/// The digit a character read in a table cell stands for: the model reads a lone 0 as
/// the letter O as readily as the digit, and a 2 at 300 dpi as Z.
fn as_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        // Full-width digits are the same digit (the model's runner-up is often one).
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        'O' | 'o' | '〇' | '○' | 'D' => Some('0'),
        'l' | 'I' | '|' => Some('1'),
        'Z' | 'z' => Some('2'),
        'S' | 's' => Some('5'),
        'B' => Some('8'),
        _ => None,
    }
}

/// A cell's characters read as a number when they all can be (digits, look-alikes, a
/// decimal point): look-alikes become digits, and a runner-up that is the same digit
/// adds to the certainty. A lone other letter among them (a thin "1" read as "t") is a
/// digit not read: its runner-up if that is a digit, unsure either way. Whether they
/// were a number.
fn as_number(chars: &mut [Char]) -> bool {
    let other = |c: &Char| c.text.is_ascii_alphabetic() && as_digit(c.text).is_none();
    let numeric = chars
        .iter()
        .all(|c| as_digit(c.text).is_some() || other(c) || matches!(c.text, '.' | ',' | '-' | ' '));
    let digits = chars.iter().filter(|c| c.text.is_ascii_digit()).count();
    let others = chars.iter().filter(|c| other(c)).count();
    if chars.is_empty()
        || !numeric
        || digits == 0 && chars.len() > 1
        || others > 1 && (others > 2 || digits < 2)
    {
        return false;
    }
    for c in chars.iter_mut() {
        if other(c) {
            let alt = c
                .alternative
                .and_then(|(a, _)| a.is_ascii_digit().then_some(a));
            c.text = alt.unwrap_or('0');
            c.confidence = 0.0;
            c.alternative = None;
            continue;
        }
        let Some(d) = as_digit(c.text) else {
            continue;
        };
        c.text = d;
        if let Some((alt, p)) = c.alternative {
            match as_digit(alt) {
                Some(a) if a == d => {
                    c.confidence += p;
                    c.alternative = None;
                }
                Some(a) => c.alternative = Some((a, p)),
                None => {}
            }
        }
    }
    true
}

fn unsure_digit(c: &Char) -> bool {
    c.text.is_ascii_digit() && c.confidence < SURE
}

/// The characters of a piece as placed glyphs, in pt. In a cell's number, a digit read
/// without certainty is written □, which no value parses.
fn glyphs(p: &Piece, left: usize, chars: &[Char], number: bool, scale: f64) -> Vec<Glyph> {
    let left = left as f64;
    let cjk = chars.iter().any(|c| !c.text.is_ascii());
    let h = p.height() as f64 * scale;
    let size = if cjk { h / 0.88 } else { h / 0.72 };
    let baseline = p.y1 as f64 * scale - if cjk { 0.1 * size } else { 0.0 };
    let mut out: Vec<Glyph> = Vec::new();
    let mut space = false;
    for c in chars {
        if c.text == ' ' {
            space = true;
            continue;
        }
        let w = if c.text.is_ascii() { 0.55 * size } else { size };
        let cx = (left + f64::from(c.x)) * scale;
        // □ stands for a character that could not be read, as in Chinese OCR output.
        let text = if number && unsure_digit(c) {
            UNSURE.to_string()
        } else {
            c.text.to_string()
        };
        out.push(Glyph {
            x0: cx - w / 2.0,
            x1: cx + w / 2.0,
            baseline,
            size,
            text,
            space_before: std::mem::take(&mut space),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str, alternative: Option<char>) -> Vec<Char> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Char {
                text: c,
                x: i as f32 * 10.0,
                confidence: 0.99,
                alternative: alternative.map(|a| (a, 0.005)),
            })
            .collect()
    }

    fn cell_text(mut cs: Vec<Char>) -> Option<String> {
        as_number(&mut cs).then(|| {
            glyphs(
                &Piece {
                    x0: 0,
                    y0: 0,
                    x1: 40,
                    y1: 20,
                },
                0,
                &cs,
                true,
                1.0,
            )
            .into_iter()
            .map(|g| g.text)
            .collect()
        })
    }

    #[test]
    fn a_cells_letters_are_digits_read_or_left_unsure() {
        assert_eq!(cell_text(chars("12", None)).as_deref(), Some("12"));
        assert_eq!(
            cell_text(chars("1O", None)).as_deref(),
            Some("10"),
            "look-alike"
        );
        // A thin 1 read as "t": no digit is guessed, its runner-up only if that is one.
        assert_eq!(cell_text(chars("t", None)).as_deref(), Some("□"));
        assert_eq!(cell_text(chars("3t", Some('7'))).as_deref(), Some("3□"));
        // Words are not numbers.
        assert_eq!(cell_text(chars("ab", None)), None);
        assert_eq!(cell_text(chars("1.属于", None)), None);
    }

    /// Prints the blocks OCR makes of the scanned PDF or picture named by `NIANBAO_SCAN`
    /// (a look at what the reader makes).
    #[test]
    #[ignore]
    fn dump_blocks() {
        let path = std::env::var("NIANBAO_SCAN").expect("NIANBAO_SCAN");
        let bytes = std::fs::read(path).expect("read");
        let pages = match sniff(&bytes) {
            Some(f) => from_file(&bytes, f),
            None => from_pdf(&bytes),
        }
        .expect("pictures");
        let (blocks, reading) = read(pages, &|_, _| true).expect("read");
        print!("{}", super::super::blocks::text(&blocks));
        println!("{reading:?}");
    }
}
