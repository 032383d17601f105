//! PDF export, read back from the written file with `pdf-extract` (glyphs with positions,
//! decoded through the fonts' ToUnicode maps) and the `lopdf` objects it re-exports (fonts,
//! document information). No system tool is needed.

use std::path::Path;

use crate::common::{balanced, id, t19, t21};
use nianbao::export::pdf::layout::PAGE_H;
use nianbao::export::pdf::{PdfOptions, WATERMARK, export};
use nianbao::model::{Report, draft};
use nianbao::template::layout::{GridContent, grid};
use pdf_extract::{Dictionary, Document, MediaBox, Object, OutputDev, OutputError, Transform};

/// One glyph as drawn: page (from 1), origin in pt from the page's top-left corner, size,
/// advance (without character spacing) and the character spacing applied after it.
#[derive(Debug, Clone)]
struct Glyph {
    page: u32,
    x: f64,
    y: f64,
    size: f64,
    advance: f64,
    spacing: f64,
    ch: String,
}

/// A line of glyphs sharing page, baseline and size, in drawing order.
#[derive(Debug, Clone)]
struct TextLine {
    page: u32,
    y: f64,
    /// Right end of the last glyph.
    end: f64,
    size: f64,
    text: String,
}

/// An embedded font as listed in the PDF: its BaseFont name and what it carries.
#[derive(Debug)]
struct FontInfo {
    name: String,
    embedded: bool,
    to_unicode: bool,
}

impl FontInfo {
    /// A subset's name starts with six capital letters and "+".
    fn subset(&self) -> bool {
        let b = self.name.as_bytes();
        b.len() > 7 && b[..6].iter().all(u8::is_ascii_uppercase) && b[6] == b'+'
    }
}

#[derive(Default)]
struct Collect {
    page: u32,
    glyphs: Vec<Glyph>,
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        page: u32,
        _: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        self.glyphs.push(Glyph {
            page: self.page,
            x: trm.m31,
            y: f64::from(PAGE_H) - trm.m32,
            size: size * trm.m11,
            advance: width * size * trm.m11,
            spacing,
            ch: ch.to_string(),
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
}

/// A PDF read back from disk.
struct Pdf {
    doc: Document,
    glyphs: Vec<Glyph>,
}

impl Pdf {
    fn load(p: &Path) -> Pdf {
        let doc = Document::load(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let mut c = Collect::default();
        pdf_extract::output_doc(&doc, &mut c).unwrap();
        Pdf {
            doc,
            glyphs: c.glyphs,
        }
    }

    fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// All text in drawing order, whitespace removed (so wrapped labels compare whole).
    fn text(&self) -> String {
        squash(
            &self
                .glyphs
                .iter()
                .map(|g| g.ch.as_str())
                .collect::<String>(),
        )
    }

    /// The text of one page in drawing order, whitespace removed.
    fn page_text(&self, page: u32) -> String {
        squash(
            &self
                .glyphs
                .iter()
                .filter(|g| g.page == page)
                .map(|g| g.ch.as_str())
                .collect::<String>(),
        )
    }

    /// Glyphs grouped into lines: consecutive glyphs on one page, baseline and size.
    fn lines(&self) -> Vec<TextLine> {
        let mut out: Vec<TextLine> = Vec::new();
        for g in &self.glyphs {
            match out.last_mut() {
                Some(l) if l.page == g.page && (l.y - g.y).abs() < 0.01 && l.size == g.size => {
                    l.text.push_str(&g.ch);
                    l.end = g.x + g.advance;
                }
                _ => out.push(TextLine {
                    page: g.page,
                    y: g.y,
                    end: g.x + g.advance,
                    size: g.size,
                    text: g.ch.clone(),
                }),
            }
        }
        out
    }

    /// The line containing `needle`, which must be unique.
    fn line(&self, needle: &str) -> TextLine {
        let found: Vec<TextLine> = self
            .lines()
            .into_iter()
            .filter(|l| l.text.contains(needle))
            .collect();
        assert_eq!(found.len(), 1, "{needle}: {found:?}");
        found[0].clone()
    }

    /// Lines of 3号 body or heading text (not table cells nor page numbers) on a page.
    fn body_lines(&self, page: u32) -> Vec<TextLine> {
        self.lines()
            .into_iter()
            .filter(|l| l.page == page && (l.size - 16.0).abs() < 0.01)
            .collect()
    }

    fn info(&self, key: &[u8]) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let info = match info {
            Object::Reference(r) => self.doc.get_dictionary(*r).ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let bytes = info.get(key).ok()?.as_str().ok()?;
        Some(match bytes {
            [0xFE, 0xFF, rest @ ..] => {
                let units: Vec<u16> = rest
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16(&units).unwrap()
            }
            _ => bytes.iter().map(|b| char::from(*b)).collect(),
        })
    }

    /// The date in an Info entry (`D:YYYYMMDDHHmmSS…`, UTC).
    fn date(&self, key: &[u8]) -> chrono::DateTime<chrono::Utc> {
        let s = self.info(key).unwrap_or_else(|| panic!("no {key:?}"));
        let digits = s.strip_prefix("D:").unwrap_or(&s);
        chrono::NaiveDateTime::parse_from_str(&digits[..14], "%Y%m%d%H%M%S")
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .and_utc()
    }

    fn dict<'a>(&'a self, o: &'a Object) -> &'a Dictionary {
        match o {
            Object::Reference(r) => self.doc.get_dictionary(*r).unwrap(),
            Object::Dictionary(d) => d,
            Object::Array(a) => self.dict(&a[0]),
            other => panic!("not a dictionary: {other:?}"),
        }
    }

    /// Every composite font: its name, whether its descendant's descriptor embeds the
    /// program (FontFile, FontFile2 or FontFile3) and whether it has a ToUnicode map.
    fn fonts(&self) -> Vec<FontInfo> {
        let mut out = Vec::new();
        for o in self.doc.objects.values() {
            let Ok(d) = o.as_dict() else { continue };
            if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font".as_slice())
                || d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice())
            {
                continue;
            }
            let name = String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap());
            let cid = self.dict(d.get(b"DescendantFonts").unwrap());
            let desc = self.dict(cid.get(b"FontDescriptor").unwrap());
            out.push(FontInfo {
                name: name.into_owned(),
                embedded: [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| desc.has(k)),
                to_unicode: d.has(b"ToUnicode"),
            });
        }
        out
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Exports `r` to `dir/name` and reads the file back.
fn export_and_read(r: &Report, dir: &Path, name: &str) -> Pdf {
    export_with(r, &PdfOptions::default(), dir, name)
}

fn export_with(r: &Report, opts: &PdfOptions, dir: &Path, name: &str) -> Pdf {
    let p = dir.join(name);
    std::fs::write(&p, export(r, opts).unwrap()).unwrap();
    Pdf::load(&p)
}

#[test]
fn a_full_report_has_every_title_label_and_value() {
    let dir = tempfile::tempdir().unwrap();
    for t in [t21(), t19()] {
        let r = balanced(t, 2025);
        let name = format!("{}.pdf", t.id);
        let pdf = export_and_read(&r, dir.path(), &name);
        let text = pdf.text();
        assert!(text.contains(&squash(&r.title()[r.agency.len()..])));
        for s in &t.sections {
            assert!(text.contains(&squash(&s.title)), "{}", s.title);
        }
        for ti in 0..t.tables.len() {
            for c in &grid(t, ti).cells {
                let s = match &c.content {
                    GridContent::Title(s)
                    | GridContent::Corner(s)
                    | GridContent::ColumnHeader(s) => s.clone(),
                    GridContent::RowHeader { text, .. } => text.clone(),
                    GridContent::Data(id) => r.cell(*id).text().into_owned(),
                };
                assert!(text.contains(&squash(&s)), "{}: {s}", t.id);
            }
        }
        // Balanced: no watermark. Metadata and subset fonts.
        assert!(!text.contains(&squash(WATERMARK)));
        assert_eq!(pdf.info(b"Author").as_deref(), Some(r.agency.as_str()));
        assert_eq!(pdf.info(b"Title"), Some(r.title()));
        assert!(r.title().contains("政府信息公开工作年度报告"));
        let pages = pdf.pages();
        assert!((3..=6).contains(&pages), "{pages} pages");
        let fonts = pdf.fonts();
        assert_eq!(fonts.len(), 3, "{fonts:?}");
        for f in &fonts {
            assert!(
                f.embedded && f.subset() && f.to_unicode,
                "not an embedded unicode subset: {f:?}"
            );
        }
        // Subsets keep the file small.
        assert!(std::fs::metadata(dir.path().join(&name)).unwrap().len() < 300_000);
        // Page numbers in the official form, one at the foot of every page.
        for n in 1..=pages {
            let foot = pdf.line(&format!("— {n} —"));
            assert_eq!(foot.page as usize, n);
            assert!(foot.y > f64::from(PAGE_H) - 99.0, "{foot:?}");
        }
    }
}

#[test]
fn the_watermark_appears_only_when_a_hard_rule_fails() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let mut r = balanced(t, 2025);
    r.edit_cell(id(t, "t3", "r1", "natural"), "0");
    let pdf = export_and_read(&r, dir.path(), "bad.pdf");
    let mark = squash(WATERMARK);
    for page in 1..=pdf.pages() as u32 {
        let text = pdf.page_text(page);
        assert_eq!(text.matches(&mark).count(), 1, "one per page: {text}");
    }
}

#[test]
fn published_reports_export_with_agency_and_date_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let r = draft::load(Path::new("tests/fixtures/003_73a49c1d9e8bef42.ron")).unwrap();
    let pdf = export_and_read(&r, dir.path(), "003.pdf");
    let text = pdf.text();
    let tail: String = text
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        tail.contains("城步苗族自治县商务局") && tail.contains("2020年2月12日"),
        "{tail}"
    );
    // The body text is extracted in reading order.
    let s1 = squash(r.text("s1"));
    let start: String = s1.chars().take(30).collect();
    assert!(text.contains(&start));
}

#[test]
fn an_empty_report_exports() {
    let dir = tempfile::tempdir().unwrap();
    let r = Report::for_year("某某局", 2025);
    let pdf = export_and_read(&r, dir.path(), "empty.pdf");
    let text = pdf.text();
    assert!(text.contains("一、总体情况") && text.contains("—1—"));
}

#[test]
fn a_chosen_face_is_the_one_embedded() {
    use nianbao::export::pdf::FontSource;
    let dir = tempfile::tempdir().unwrap();
    let mut opts = PdfOptions::default();
    opts.fonts.body = FontSource::from_file(
        "Noto Sans CJK SC",
        Path::new("assets/fonts/NotoSansCJKsc-Regular-subset.otf"),
        0,
    )
    .unwrap();
    let r = balanced(t21(), 2025);
    let pdf = export_with(&r, &opts, dir.path(), "sans-body.pdf");
    let names: Vec<String> = pdf.fonts().into_iter().map(|f| f.name).collect();
    assert!(
        names.iter().any(|n| n.contains("NotoSansCJKsc-Regular")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("NotoSerifCJKsc-Regular")),
        "{names:?}"
    );
}

const XIANGTAN: &str = "tests/fixtures/000_1b930464a9b6bad7.ron";

/// Whether a line is a heading: a section title (“一、…”) or a sub-heading (“（一）…”).
fn is_heading(r: &Report, text: &str) -> bool {
    let t = squash(text);
    r.template.sections.iter().any(|s| squash(&s.title) == t)
        || (t.starts_with('（') && t.chars().nth(2) == Some('）'))
}

#[test]
fn a_heading_never_ends_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let r = draft::load(Path::new(XIANGTAN)).unwrap();
    let pdf = export_and_read(&r, dir.path(), "000.pdf");
    // Body and table lines in reading order; page numbers (14 pt) left out.
    let lines: Vec<TextLine> = pdf.lines().into_iter().filter(|l| l.size != 14.0).collect();
    let mut headings = 0;
    for (i, h) in lines.iter().enumerate() {
        if h.size != 16.0 || !is_heading(&r, &h.text) {
            continue;
        }
        headings += 1;
        // The first two lines of what follows (text lines or table cells), headings
        // in between skipped, stand on the heading's page below it.
        let next: Vec<&TextLine> = lines[i + 1..]
            .iter()
            .filter(|l| !(l.size == 16.0 && is_heading(&r, &l.text)))
            .take(2)
            .collect();
        for n in next {
            assert!(
                n.page == h.page && n.y > h.y,
                "“{}” (page {}, y {:.0}) is parted from “{}” (page {}, y {:.0})",
                h.text,
                h.page,
                h.y,
                n.text,
                n.page,
                n.y
            );
        }
    }
    // Six sections and the sub-headings （一）…（六） of 一.
    assert!(headings >= 12, "{headings} headings");
    // The case seen in this report: 四's table (one block) follows its heading on its page.
    let h4 = pdf.line("四、政府信息公开行政复议、行政诉讼情况");
    let h5 = pdf.line("五、存在的主要问题及改进情况");
    let table: Vec<&TextLine> = lines
        .iter()
        .skip_while(|l| l.text != h4.text)
        .take_while(|l| l.text != h5.text)
        .filter(|l| l.size < 11.0)
        .collect();
    assert!(table.len() > 20, "{table:?}");
    assert!(table.iter().all(|l| l.page == h4.page && l.y > h4.y));
}

#[test]
fn the_signature_comes_with_text_on_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = draft::load(Path::new(XIANGTAN)).unwrap();
    for dated in [false, true] {
        if dated {
            r.publish_date = chrono::NaiveDate::from_ymd_opt(2023, 1, 20);
        }
        let pdf = export_and_read(&r, dir.path(), "000.pdf");
        let last = pdf.pages() as u32;
        // The signature: the only 3号 line that is the agency's name alone (the title's
        // first line is 2号).
        let sig: Vec<TextLine> = pdf
            .lines()
            .into_iter()
            .filter(|l| l.text == "湘潭县商务局" && l.size == 16.0)
            .collect();
        assert_eq!(sig.len(), 1, "{sig:?}");
        let sig = &sig[0];
        assert_eq!(sig.page, last);
        let body = pdf.body_lines(last);
        let text_above: Vec<&TextLine> = body
            .iter()
            .filter(|l| l.y < sig.y && !is_heading(&r, &l.text))
            .collect();
        assert!(text_above.len() >= 2, "page {last}: {body:?}");
        // One or two empty lines between the text and the signature, none after.
        let gap = sig.y - text_above.last().unwrap().y;
        assert!(
            (2.0 * 28.9 - 0.5..=3.0 * 28.9 + 0.5).contains(&gap),
            "{gap}"
        );
        // Right-aligned, two characters in from the right edge of the text block.
        let text_right = 595.28 - 26.0 * 72.0 / 25.4;
        assert!((sig.end - (text_right - 32.0)).abs() < 1.0, "{sig:?}");
        let date = pdf.lines().into_iter().find(|l| l.text == "2023年1月20日");
        match date {
            Some(d) => {
                assert!(dated);
                assert_eq!(d.page, last);
                assert!((d.y - sig.y - 28.9).abs() < 0.5, "{d:?} {sig:?}");
            }
            None => assert!(!dated),
        }
    }
}

/// The glyphs spelling `word`, which must occur once.
fn glyphs_of<'a>(pdf: &'a Pdf, word: &str) -> &'a [Glyph] {
    let chars: Vec<String> = word.chars().map(String::from).collect();
    let starts: Vec<usize> = (0..pdf.glyphs.len().saturating_sub(chars.len()))
        .filter(|&i| {
            pdf.glyphs[i..i + chars.len()]
                .iter()
                .zip(&chars)
                .all(|(g, c)| &g.ch == c)
        })
        .collect();
    assert_eq!(starts.len(), 1, "{word}: {starts:?}");
    &pdf.glyphs[starts[0]..starts[0] + chars.len()]
}

#[test]
fn addresses_are_kept_whole_and_never_letter_spaced() {
    let dir = tempfile::tempdir().unwrap();
    let r = draft::load(Path::new(XIANGTAN)).unwrap();
    let pdf = export_and_read(&r, dir.path(), "000.pdf");
    for word in [
        "https://www.xtx.gov.cn/9186/index.htm",
        "xtxswj2022@163.com",
        "0731-52671068",
    ] {
        let gs = glyphs_of(&pdf, word);
        // One line: same page and baseline.
        assert!(
            gs.iter().all(|g| g.page == gs[0].page && g.y == gs[0].y),
            "{word} is broken: {gs:?}"
        );
        // Uniform advance: each glyph starts where the previous one's advance ends, plus
        // the body tracking (−0.2 pt) and nothing from justification.
        for w in gs.windows(2) {
            let extra = w[1].x - w[0].x - w[0].advance;
            assert!(
                (extra - -0.2).abs() < 0.01,
                "{word}: {extra} after {}",
                w[0].ch
            );
            // The character spacing in force (Tc) is the tracking alone.
            assert!(
                (w[0].spacing - -0.2).abs() < 0.01,
                "{word}: Tc {}",
                w[0].spacing
            );
        }
    }
    // The line holding the address is justified elsewhere: it still ends at the
    // text block's right edge (or is the paragraph's last line).
    let url = glyphs_of(&pdf, "https://www.xtx.gov.cn/9186/index.htm");
    let line = pdf
        .lines()
        .into_iter()
        .find(|l| l.page == url[0].page && l.y == url[0].y)
        .unwrap();
    let text_right = 595.28 - 26.0 * 72.0 / 25.4;
    assert!((line.end - text_right).abs() < 1.0, "{line:?}");
}

#[test]
fn the_creation_date_is_the_time_of_export() {
    let dir = tempfile::tempdir().unwrap();
    let r = balanced(t21(), 2025);
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let pdf = export_and_read(&r, dir.path(), "now.pdf");
    let after = chrono::Utc::now() + chrono::Duration::seconds(1);
    for key in [b"CreationDate".as_slice(), b"ModDate"] {
        let d = pdf.date(key);
        let key = String::from_utf8_lossy(key);
        assert!(before <= d && d <= after, "{key}: {d}");
    }
}

/// Keep rules checked on the laid-out pages (no PDF writing) over every position of the
/// report's end on a page: 六 grows one line at a time, in both formats.
#[test]
fn keep_rules_hold_wherever_the_text_ends() {
    for (file, date) in [
        (XIANGTAN, chrono::NaiveDate::from_ymd_opt(2023, 1, 20)),
        ("tests/fixtures/003_73a49c1d9e8bef42.ron", None),
    ] {
        let mut r = draft::load(Path::new(file)).unwrap();
        if date.is_some() {
            r.publish_date = date;
        }
        keep_rules_hold_for(r);
    }
}

fn keep_rules_hold_for(mut r: Report) {
    use nianbao::export::pdf::Role;
    use nianbao::export::pdf::fonts::{FontSet, Metrics};
    use nianbao::export::pdf::layout::{Run, layout};
    let set = FontSet::default();
    let m = Metrics::new(&set).unwrap();
    let signature = [
        r.agency.clone(),
        nianbao::validate::date_zh(r.publish_date.expect("a dated report")),
    ];
    let s6 = r.template.section_index("s6").unwrap();
    let base = r.texts[s6].clone();
    let mut fewest = usize::MAX;
    for k in 0..24 {
        // k short paragraphs of one line each.
        r.texts[s6] = std::iter::once(base.clone())
            .chain((0..k).map(|i| format!("补充说明第{}项。", i + 1)))
            .collect::<Vec<_>>()
            .join("\n");
        let doc = layout(
            &r,
            &m,
            false,
            nianbao::export::pdf::layout::PageNumbers::Centred,
        );
        // 3号 lines of each page by baseline: (baseline, is heading, is signature).
        let lines = |p: usize| -> Vec<(f32, bool, bool)> {
            let mut ls: Vec<(f32, bool, bool)> = Vec::new();
            for run in doc.pages[p].runs.iter().filter(|x: &&Run| x.size == 16.0) {
                let heading = run.role != Role::Body;
                let sig = signature.contains(&run.text);
                if ls.last().is_none_or(|l| l.0 != run.baseline) {
                    ls.push((run.baseline, heading, sig));
                }
            }
            ls
        };
        for (p, page) in doc.pages.iter().enumerate() {
            // The lowest text on the page, table cells included, page number not.
            let text = page.runs.iter().filter(|x| x.size != 14.0);
            let foot = text.clone().map(|x| x.baseline).fold(0.0, f32::max);
            assert!(
                !text
                    .clone()
                    .any(|x| x.baseline == foot && x.role != Role::Body),
                "k={k}: page {} ends with a heading",
                p + 1
            );
        }
        let ls = lines(doc.pages.len() - 1);
        let n = ls.len();
        assert!(n >= 4 && ls[n - 1].2 && ls[n - 2].2, "k={k}: {ls:?}");
        let text: Vec<_> = ls[..n - 2].iter().filter(|l| !l.1).collect();
        assert!(text.len() >= 2, "k={k}: the signature stands alone: {ls:?}");
        // Below the last text, one or two empty lines between.
        let gap = ls[n - 2].0 - ls[n - 3].0;
        assert!(
            (gap - 2.0 * 28.9).abs() < 0.01 || (gap - 3.0 * 28.9).abs() < 0.01,
            "k={k}: {gap}"
        );
        fewest = fewest.min(text.len());
    }
    // Some length left no room under the text: exactly two lines came along.
    assert_eq!(fewest, 2);
}

/// The page number's line on each page: (page, left x, right x).
fn page_numbers(pdf: &Pdf) -> Vec<(u32, f64, f64)> {
    let mut out = Vec::new();
    for page in 1..=pdf.pages() as u32 {
        let gs: Vec<&Glyph> = pdf
            .glyphs
            .iter()
            .filter(|g| g.page == page && (g.size - 14.0).abs() < 0.01)
            .collect();
        let text: String = gs.iter().map(|g| g.ch.as_str()).collect();
        assert_eq!(squash(&text), format!("—{page}—"), "page {page}");
        let left = gs.first().unwrap().x;
        let last = gs.last().unwrap();
        out.push((page, left, last.x + last.advance));
    }
    out
}

#[test]
fn two_sided_page_numbers_alternate_sides() {
    use nianbao::export::document::{MARGIN_LEFT_MM, MM, TEXT_W};
    let dir = tempfile::tempdir().unwrap();
    let r = balanced(t21(), 2025);
    let left = f64::from(MARGIN_LEFT_MM * MM);
    let right = left + f64::from(TEXT_W);
    let one_char = 14.0;

    // Single-sided: centred on the page.
    let pdf = export_and_read(&r, dir.path(), "one.pdf");
    assert!(pdf.pages() >= 3);
    let mid = f64::from(nianbao::export::pdf::layout::PAGE_W) / 2.0;
    for (page, l, r) in page_numbers(&pdf) {
        assert!(((l + r) / 2.0 - mid).abs() < 1.0, "page {page}: {l}..{r}");
    }

    // Two-sided (GB/T 9704): odd pages end one character in from the right edge of the
    // text block, even pages start one character in from its left edge.
    let opts = PdfOptions {
        two_sided: true,
        ..Default::default()
    };
    let pdf2 = export_with(&r, &opts, dir.path(), "two.pdf");
    assert_eq!(pdf2.pages(), pdf.pages(), "the same pages");
    for (page, l, r) in page_numbers(&pdf2) {
        if page % 2 == 1 {
            assert!(
                (r - (right - one_char)).abs() < 0.5,
                "odd page {page}: ends at {r}"
            );
        } else {
            assert!(
                (l - (left + one_char)).abs() < 0.5,
                "even page {page}: starts at {l}"
            );
        }
    }
    // Only the numbers moved.
    let body = |p: &Pdf| -> Vec<String> {
        p.lines()
            .into_iter()
            .filter(|l| (l.size - 14.0).abs() > 0.01)
            .map(|l| format!("{}:{:.2}:{}", l.page, l.y, l.text))
            .collect()
    };
    assert_eq!(body(&pdf), body(&pdf2));
}

#[test]
fn export_two_sided_on_the_command_line_alternates_page_numbers() {
    use nianbao::export::document::{MARGIN_LEFT_MM, MM};
    let dir = tempfile::tempdir().unwrap();
    let draft_path = dir.path().join("a.nianbao");
    draft::save(&balanced(t21(), 2025), &draft_path).unwrap();
    let out = dir.path().join("a.pdf");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["export", "a.nianbao", "--pdf", "a.pdf", "--two-sided"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let pdf = Pdf::load(&out);
    let left = f64::from(MARGIN_LEFT_MM * MM);
    let numbers = page_numbers(&pdf);
    let (_, even_left, _) = numbers[1];
    assert!((even_left - (left + 14.0)).abs() < 0.5, "{numbers:?}");
    let (_, odd_left, _) = numbers[0];
    assert!(odd_left > even_left + 200.0, "{numbers:?}");
}
