//! PDF export read back with poppler's command-line tools (Debian `poppler-utils`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{balanced, id, t19, t21};
use nianbao::export::pdf::{PdfOptions, WATERMARK, export};
use nianbao::model::{Report, draft};
use nianbao::template::layout::{GridContent, grid};

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Exports `r`, returning the extracted text (spaces and line breaks removed, so that
/// wrapped table labels compare whole) and the PDF path.
fn export_and_read(r: &Report, dir: &Path, name: &str) -> (String, std::path::PathBuf) {
    let bytes = export(r, &PdfOptions::default()).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    // -raw keeps content-stream order: a wrapped cell's lines stay together.
    let text = tool("pdftotext", &["-raw", p.to_str().unwrap(), "-"]);
    (text.chars().filter(|c| !c.is_whitespace()).collect(), p)
}

fn page_count(p: &Path) -> usize {
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("Pages:");
    pages.trim().parse().unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_full_report_has_every_title_label_and_value() {
    let dir = tempfile::tempdir().unwrap();
    for t in [t21(), t19()] {
        let r = balanced(t, 2025);
        let (text, p) = export_and_read(&r, dir.path(), &format!("{}.pdf", t.id));
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
        let info = tool("pdfinfo", &[p.to_str().unwrap()]);
        assert!(
            info.contains(&format!("Author:          {}", r.agency)),
            "{info}"
        );
        assert!(info.contains("Title:") && info.contains("政府信息公开工作年度报告"));
        let pages = page_count(&p);
        assert!((3..=6).contains(&pages), "{pages} pages");
        let fonts = tool("pdffonts", &[p.to_str().unwrap()]);
        let embedded: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(embedded.len(), 3, "{fonts}");
        for l in embedded {
            assert!(
                l.contains("yes yes yes"),
                "not an embedded unicode subset: {l}"
            );
        }
        // Subsets keep the file small.
        assert!(std::fs::metadata(&p).unwrap().len() < 300_000);
        // Page numbers in the official form.
        assert!(text.contains("—1—") && text.contains(&format!("—{pages}—")));
    }
}

#[test]
fn the_watermark_appears_only_when_a_hard_rule_fails() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let mut r = balanced(t, 2025);
    r.edit_cell(id(t, "t3", "r1", "natural"), "0");
    let (text, p) = export_and_read(&r, dir.path(), "bad.pdf");
    assert!(text.contains(&squash(WATERMARK)));
    let pages = page_count(&p);
    assert_eq!(
        text.matches(&squash(WATERMARK)).count(),
        pages,
        "one per page"
    );
}

#[test]
fn published_reports_export_with_agency_and_date_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let r = draft::load(Path::new("tests/fixtures/003_73a49c1d9e8bef42.ron")).unwrap();
    let (text, _) = export_and_read(&r, dir.path(), "003.pdf");
    let tail = &text[text.len() - 200..];
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
    let (text, _) = export_and_read(&r, dir.path(), "empty.pdf");
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
    let p = dir.path().join("sans-body.pdf");
    std::fs::write(&p, export(&r, &opts).unwrap()).unwrap();
    let fonts = tool("pdffonts", &[p.to_str().unwrap()]);
    assert!(fonts.contains("NotoSansCJKsc-Regular"), "{fonts}");
    assert!(!fonts.contains("NotoSerifCJKsc-Regular"), "{fonts}");
}
