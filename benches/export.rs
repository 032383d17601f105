//! Export of a full report: PDF, Word and web page bytes, and text.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::export::html::{self, HtmlKind};
use nianbao::export::pdf::{PdfOptions, export};
use nianbao::export::text::{TextOptions, to_text};
use nianbao::export::{document, docx};
use nianbao::model::sample;
use nianbao::template;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let r = sample::filled(
        template::get("gov-info-annual-2021").expect("template"),
        2025,
    );
    let opts = PdfOptions::default();
    let size = export(&r, &opts).expect("pdf").len();
    eprintln!("full report PDF: {size} bytes");
    c.bench_function("export/pdf-full-report", |b| {
        b.iter(|| export(black_box(&r), &opts))
    });
    c.bench_function("export/text-full-report", |b| {
        b.iter(|| to_text(black_box(&r), TextOptions::default()))
    });
    let size = docx::export(&r).expect("docx").len();
    eprintln!("full report .docx: {size} bytes");
    // The whole export as the CLI and the GUI run it: validation, blocks, package.
    c.bench_function("export/docx-full-report", |b| {
        b.iter(|| docx::export(black_box(&r)))
    });
    let html = html::export(&r, HtmlKind::Page);
    eprintln!("full report .html: {} bytes", html.len());
    c.bench_function("export/html-full-report", |b| {
        b.iter(|| html::export(black_box(&r), HtmlKind::Page))
    });
    // The writers alone, from the blocks (without the validation that decides the mark).
    let d = document::build(&r, false);
    c.bench_function("export/docx-write", |b| {
        b.iter(|| docx::write(black_box(&d)))
    });
    c.bench_function("export/html-write", |b| {
        b.iter(|| html::write(black_box(&d), HtmlKind::Page))
    });
    infographic(c, &r);
}

/// The 图解 from the report and last year's, as `export --infographic` makes it once the
/// faces are found: the layout (the faces' metrics read) and the writer.
fn infographic(c: &mut Criterion, r: &nianbao::model::Report) {
    use nianbao::export::infographic::{self as g, Format};
    use nianbao::export::pdf::fonts::Metrics;
    let mut r = r.clone();
    let mut last = r.clone();
    last.year -= 1;
    r.previous = Some(Box::new(last));
    let fonts = nianbao::export::pdf::FontSet::default();
    let picture = |format: Format| {
        let m = Metrics::new(&fonts).expect("faces");
        let scene = g::layout(&r, r.previous.as_deref(), &m).expect("figures");
        format.write(&scene, &fonts).expect("written")
    };
    for (name, format) in [
        ("infographic/svg", Format::Svg),
        ("infographic/png", Format::Png),
    ] {
        eprintln!("{name}: {} bytes", picture(format).len());
        c.bench_function(name, |b| b.iter(|| picture(black_box(format))));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
