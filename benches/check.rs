//! `check::run` on 1,000 reports of mixed forms: the five fixture drafts and the five
//! published plain texts, copied 100 times each into a folder.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut sources: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures")
        .chain(std::fs::read_dir(root.join("published")).expect("published"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron" || e == "txt"))
        .collect();
    sources.sort();
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..1000 {
        let src = &sources[i % sources.len()];
        let ext = src.extension().and_then(|e| e.to_str()).unwrap_or("ron");
        std::fs::copy(src, dir.path().join(format!("{i:04}.{ext}"))).expect("copy");
    }
    let paths = vec![dir.path().to_path_buf()];
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    g.bench_function("1000-mixed", |b| {
        b.iter(|| nianbao::check::run(black_box(&paths), None))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
