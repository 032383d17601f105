//! Validation cost on a fully filled report, alone and with last year's for continuity.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::model::Report;
use nianbao::rollover::rollover;
use nianbao::template;
use nianbao::validate::validate;
use std::hint::black_box;

/// A 2021 report with distinct non-zero values in every input cell and narrative texts.
fn filled(year: i32) -> Report {
    let t = template::get("gov-info-annual-2021").expect("template");
    let mut r = Report::new(t, "某某市某某区某某局", year);
    r.header_text = r.generated_header();
    r.texts[0] =
        format!("{year}年，本局收到政府信息公开申请120件，结转下年度继续办理3件。").repeat(12);
    r.texts[4] = "存在的问题：政策解读形式较为单一。改进措施：丰富解读形式，加强培训。".repeat(6);
    r.texts[5] = "本年度未收取信息处理费。落实政务公开工作要点情况良好。".repeat(4);
    for (i, c) in t
        .table_cells(0)
        .chain(t.table_cells(1))
        .chain(t.table_cells(2))
        .enumerate()
    {
        if !r.is_derived(c) {
            r.set_input(c, &(10 + i % 90).to_string());
        }
    }
    r.recompute_derived();
    r
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
