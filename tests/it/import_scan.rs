//! Scanned reports that cannot be read are refused with the reason, and no draft: a blank
//! page, a photo, a page upside down, a picture over the size limits. (The scans that are
//! read are measured in `import_accuracy.rs` and driven through the window in
//! `ui_files.rs`.)

use std::path::Path;

use image::{GrayImage, ImageFormat, Luma};
use nianbao::import::{ImportError, import_bytes, scan};

/// The four-page scan of the test documents.
fn yunling_scan() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scans/yunling-2022-150dpi.pdf"),
    )
    .unwrap()
}

fn png(image: &GrayImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

fn refusal(bytes: &[u8]) -> String {
    match import_bytes(bytes) {
        Err(e @ ImportError::Picture(_)) => e.to_string(),
        Err(e) => panic!("refused for another reason: {e:?}"),
        Ok(i) => panic!("imported: {}", i.report.agency),
    }
}

#[test]
fn a_blank_page_is_refused() {
    let blank = GrayImage::from_pixel(1240, 1754, Luma([250]));
    assert_eq!(
        refusal(&png(&blank)),
        "扫描件无法识别：图片中没有可识别的文字"
    );
}

#[test]
fn a_photo_is_refused_as_no_document() {
    // Dark, busy texture (a photo of a scene, not of a page), the same every run.
    let mut seed = 12345u32;
    let photo = GrayImage::from_fn(1240, 1754, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let shade = (x / 9 + y / 7) % 60;
        Luma([((seed >> 24) % 140 + shade) as u8])
    });
    let why = refusal(&png(&photo));
    assert!(why.contains("第 1 页不像是文件的扫描件"), "{why}");
}

#[test]
fn a_page_upside_down_is_refused_with_its_number() {
    let pages = scan::from_pdf(&yunling_scan()).unwrap();
    let turned = image::imageops::rotate180(&pages[0].gray);
    assert_eq!(
        refusal(&png(&turned)),
        "扫描件无法识别：第 1 页上下颠倒，请在扫描软件中把它转正后再导入"
    );
}

#[test]
fn a_picture_over_the_limits_is_refused_before_it_is_decoded() {
    let huge = GrayImage::from_pixel(8000, 5001, Luma([255]));
    let why = refusal(&png(&huge));
    assert_eq!(
        why,
        "扫描件无法识别：图片过大（8000×5001 像素），请以 150–300 dpi 扫描后再导入"
    );
    // A picture cut off after its header is damaged, said so.
    let mut cut = png(&GrayImage::from_pixel(1240, 1754, Luma([255])));
    cut.truncate(60);
    assert_eq!(refusal(&cut), "扫描件无法识别：图片文件不完整或已损坏");
}

#[test]
fn a_survey_finds_the_skew_the_tables_and_the_text_of_each_page() {
    let pages = scan::survey(&yunling_scan()).unwrap();
    assert_eq!(pages.len(), 4);
    for (i, p) in pages.iter().enumerate() {
        let p = p.as_ref().unwrap().as_ref().expect("not blank");
        // The pages were turned 0.35° when they were made.
        assert!((p.skew - 0.35).abs() < 0.1, "page {}: {}", i + 1, p.skew);
        assert!(p.pieces >= 5, "page {}: {} pieces", i + 1, p.pieces);
    }
    // Page 2 is table 三: 23 rules across at least, the columns down.
    let p2 = pages[1].as_ref().unwrap().as_ref().unwrap();
    assert!(p2.rules.0 >= 20 && p2.rules.1 >= 8, "{:?}", p2.rules);
    // Page 4 holds prose and the signature under a seal: no table.
    assert_eq!(pages[3].as_ref().unwrap().as_ref().unwrap().rules, (0, 0));
}

#[test]
fn every_page_of_a_multi_page_fax_tiff_is_read() {
    // The four pages of the scan as a scanner's black-and-white TIFF (CCITT group 4).
    let tiff = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scans/yunling-2022-fax.tif"),
    )
    .unwrap();
    let pages = scan::survey(&tiff).unwrap();
    assert_eq!(pages.len(), 4);
    let p2 = pages[1]
        .as_ref()
        .unwrap()
        .as_ref()
        .expect("page 2 is not blank");
    assert!(p2.rules.0 >= 20 && p2.rules.1 >= 8, "{:?}", p2.rules);
    // Read whole, it is the same report: its tables 二 and 四 as printed.
    let imported = import_bytes(&tiff).unwrap();
    let r = &imported.report;
    assert_eq!(r.agency, "苍梧市云岭区交通运输局");
    let t = r.template;
    let fees = t.cell_id("t2", "fees", "amount");
    let review_total = t.cell_id("t4", "cases", "review_total");
    assert!(fees.is_some() && review_total.is_some(), "cell ids");
    assert_eq!(r.cell(fees.unwrap()).text(), "56.38");
    assert_eq!(r.cell(review_total.unwrap()).text(), "4");
}

#[test]
fn the_cli_imports_a_scan_and_says_it_was_read_by_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("扫描件.nianbao");
    let scan =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scans/yunling-2022-150dpi.pdf");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("import")
        .arg(&scan)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("注意：这是扫描件：4 页由文字识别（OCR）读出"),
        "{stdout}"
    );
    assert!(stdout.contains("校验：0 个错误"), "{stdout}");
    // Not a terminal: no progress line on stderr.
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The draft keeps what OCR read, marked so.
    let r = nianbao::model::draft::load(&out).unwrap();
    let total = r.template.cell_id("t3", "r1", "total").unwrap();
    assert_eq!(r.cell(total).text(), "87");
    assert_eq!(
        r.origin(total).map(|p| p.from),
        Some(nianbao::model::Origin::Ocr)
    );
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(saved.contains("from: Ocr"), "the draft names the origin");
}
