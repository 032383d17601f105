//! Export of a full report: PDF bytes and text.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::export::pdf::{PdfOptions, export};
use nianbao::export::text::{TextOptions, to_text};
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
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
