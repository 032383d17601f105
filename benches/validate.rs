//! Validation cost on a fully filled report, alone and with last year's for continuity;
//! the statistics paragraph's.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::model::{Report, sample};
use nianbao::rollover::rollover;
use nianbao::template;
use nianbao::validate::validate;
use std::hint::black_box;

fn filled(year: i32) -> Report {
    sample::filled(
        template::get("gov-info-annual-2021").expect("template"),
        year,
    )
}

fn bench(c: &mut Criterion) {
    let report = filled(2025);
    c.bench_function("validate/full-2021", |b| {
        b.iter(|| validate(black_box(&report), None))
    });
    let last = filled(2024);
    let mut next = rollover(&last);
    next.cells.clone_from(&report.cells);
    c.bench_function("validate/with-previous", |b| {
        b.iter(|| validate(black_box(&next), None))
    });
    // The statistics paragraph, with last year's changes (插入统计段落, `nianbao paragraph`).
    c.bench_function("statistics/paragraph-with-previous", |b| {
        b.iter(|| nianbao::model::statistics::paragraph(black_box(&next), next.previous.as_deref()))
    });
    c.bench_function("recompute-derived", |b| {
        b.iter_batched(
            || report.clone(),
            |mut r| r.recompute_derived(),
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
