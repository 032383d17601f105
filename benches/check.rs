//! `check::run` (what `nianbao check` does) and the 批量检查 view's background worker on
//! 1,000 reports of mixed forms: drafts, plain texts, Word documents, web pages and PDFs
//! (the mix is in `common/mixed.rs`).

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::check::worker::{Message, Worker};
use std::hint::black_box;

#[path = "common/mixed.rs"]
mod mixed;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(mixed::write(dir.path()).expect("copy"), 1000);
    let paths = vec![dir.path().to_path_buf()];
    // Every file must really be read as a report, or the figure flatters the checker.
    let entries = nianbao::check::run(&paths, None);
    let unread: Vec<_> = entries.iter().filter(|e| e.outcome.is_err()).collect();
    assert!(unread.is_empty(), "not read: {unread:?}");
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    g.bench_function("1000-mixed", |b| {
        b.iter(|| nianbao::check::run(black_box(&paths), None))
    });
    g.bench_function("1000-mixed-worker", |b| {
        b.iter(|| {
            let w = Worker::start(paths.clone(), || {});
            while let Some(m) = w.recv() {
                if let Message::Done { entries, .. } = m {
                    return entries.len();
                }
            }
            panic!("the worker ended without its entries")
        })
    });
    g.finish();
    // 批量检查's 历年数据 under the selected row: its agency's years among 1,000 rows, drawn
    // afresh every frame.
    let reports: Vec<_> = entries
        .iter()
        .filter_map(|e| e.outcome.as_ref().ok())
        .map(|c| &c.loaded.report)
        .collect();
    let agency = reports[0].agency.clone();
    c.bench_function("check/years-among-1000-rows", |b| {
        b.iter(|| nianbao::check::years::Years::of(black_box(&agency), reports.iter().copied()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
