//! Import of published reports: the five real ones, a full non-zero report, text in the
//! shapes copies take, the Word and web-page forms of the filled official template, and PDFs.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::export::text::{TextOptions, to_text};
use nianbao::import::{import_bytes, import_text};
use nianbao::model::sample;
use nianbao::template;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/published");
    // The one-cell-per-line layout (000) and the tab-padded one (001), as published.
    for name in ["000_1b930464a9b6bad7", "001_4215243010f676eb"] {
        let Ok(bytes) = std::fs::read(format!("{dir}/{name}.txt")) else {
            eprintln!("{dir} not found; skipping the published reports");
            break;
        };
        c.bench_function(&format!("import/published-{}", &name[..3]), |b| {
            b.iter(|| import_bytes(black_box(&bytes)).expect("import"))
        });
    }
    // Word and web-page forms (issue 11): the filled official template and the shapes
    // LibreOffice and a portal give it.
    let real = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real");
    for (id, name) in [
        ("docx-filled-template", "filled-2021.docx"),
        ("html-libreoffice", "filled-2021-libreoffice.html"),
        ("html-portal-gbk", "portal-gbk-2023.html"),
    ] {
        let Ok(bytes) = std::fs::read(format!("{real}/{name}")) else {
            eprintln!("{real}/{name} not found; skipping");
            continue;
        };
        c.bench_function(&format!("import/{id}"), |b| {
            b.iter(|| import_bytes(black_box(&bytes)).expect("import"))
        });
    }
    // Text in the shapes copies take: flattened onto one line, and pulled from a PDF.
    let forms = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/forms");
    for name in [
        "yongning-2023-one-line.txt",
        "yongning-2023-pdftotext-layout.txt",
    ] {
        let bytes = std::fs::read(format!("{forms}/{name}")).expect("fixture");
        let short = name
            .trim_start_matches("yongning-2023-")
            .trim_end_matches(".txt");
        c.bench_function(&format!("import/text-{short}"), |b| {
            b.iter(|| import_bytes(black_box(&bytes)).expect("import"))
        });
    }
    let full = to_text(
        &sample::filled(
            template::get("gov-info-annual-2021").expect("template"),
            2025,
        ),
        TextOptions::default(),
    );
    c.bench_function("import/full-report-text", |b| {
        b.iter(|| import_text(black_box(&full)).expect("import"))
    });
    // PDFs: nianbao's own exports (six and four pages) and LibreOffice's of the filled
    // official template (four pages).
    let real = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real");
    for name in [
        "chanhe-2022-nianbao",
        "yunling-2022-nianbao",
        "filled-2021-libreoffice",
    ] {
        let Ok(bytes) = std::fs::read(format!("{real}/{name}.pdf")) else {
            eprintln!("{real}/{name}.pdf not found; skipping");
            continue;
        };
        c.bench_function(&format!("import/pdf-{name}"), |b| {
            b.iter(|| import_bytes(black_box(&bytes)).expect("import"))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
