//! One frame of the real application UI, headless (layout + tessellation, no GPU), with a
//! fully filled report: idle, and while a keystroke changes a cell of table 三; and an idle
//! frame of 打印预览 and of 批量检查 with 1,000 rows.
//!
//! The window is tall enough to lay out every section and table at once — the worst case.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, RawInput, Rect, pos2, vec2};
use nianbao::ui::{Command, NianbaoApp, view};
use std::sync::atomic::{AtomicU64, Ordering};

#[path = "common/app.rs"]
mod app;

fn input(height: f32, events: Vec<Event>) -> RawInput {
    // Time moves at 60 frames a second, so scrolling animations finish.
    static FRAMES: AtomicU64 = AtomicU64::new(0);
    let n = FRAMES.fetch_add(1, Ordering::Relaxed);
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, height))),
        time: Some(n as f64 / 60.0),
        events,
        ..Default::default()
    }
}

/// Runs one frame and tessellates it, as eframe would before painting.
fn frame_at(ctx: &egui::Context, app: &mut NianbaoApp, height: f32, events: Vec<Event>) -> usize {
    let mut out = ctx.run_ui(input(height, events), |ui| app.ui(ui));
    // No GPU to upload glyph textures to.
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

/// A frame of the whole report laid out at once (a 4000-pixel-tall window).
fn frame(ctx: &egui::Context, app: &mut NianbaoApp, events: Vec<Event>) -> usize {
    frame_at(ctx, app, 4000.0, events)
}

fn bench(c: &mut Criterion) {
    let (t, mut app) = app::with_full_report();
    let ctx = app::context();
    // Warm up: the first frames rasterise every glyph on screen.
    for _ in 0..3 {
        frame(&ctx, &mut app, vec![]);
    }
    c.bench_function("frame/idle-full-report", |b| {
        b.iter(|| frame(&ctx, &mut app, vec![]))
    });

    // The same with last year's report beside it: a figure and a change in every cell.
    // Its own context: the keystroke below must reach the first app's cell.
    let (_, mut beside) = app::with_last_year();
    let beside_ctx = app::context();
    for _ in 0..3 {
        frame(&beside_ctx, &mut beside, vec![]);
    }
    c.bench_function("frame/idle-full-report-with-last-year", |b| {
        b.iter(|| frame(&beside_ctx, &mut beside, vec![]))
    });

    let cell = t.cell_id("t3", "o1", "natural").expect("cell");
    ctx.memory_mut(|m| m.request_focus(view::cell_id(cell)));
    frame(&ctx, &mut app, vec![]);
    // The keystroke must really reach the cell, or the benchmark measures nothing.
    let before = app.doc.as_ref().expect("doc").report.cell(cell).clone();
    frame(&ctx, &mut app, vec![Event::Text("7".into())]);
    let after = app.doc.as_ref().expect("doc").report.cell(cell).clone();
    assert_ne!(before, after, "the typed digit did not reach the cell");
    let mut n = 1u32;
    c.bench_function("frame/keystroke-in-table-3", |b| {
        b.iter(|| {
            n += 1;
            frame(&ctx, &mut app, vec![keystroke(n)])
        })
    });
}

/// An 800-pixel-tall window scrolled to table 三, as a user filling it in sees it.
fn bench_window(c: &mut Criterion) {
    const H: f32 = 800.0;
    let (t, mut app) = app::with_full_report();
    let ctx = app::context();
    let s3 = t.section_index("s3").expect("section 三");
    // As a click in the section list would, once the report has been laid out.
    for _ in 0..3 {
        frame_at(&ctx, &mut app, H, vec![]);
    }
    app.vs.goto = Some(view::Target::Section(s3));
    for _ in 0..60 {
        frame_at(&ctx, &mut app, H, vec![]);
    }
    assert_eq!(app.vs.current_section, Some(s3), "table 三 is not in view");
    c.bench_function("frame/window-800/idle-table-3", |b| {
        b.iter(|| frame_at(&ctx, &mut app, H, vec![]))
    });
    let cell = t.cell_id("t3", "o1", "natural").expect("cell");
    ctx.memory_mut(|m| m.request_focus(view::cell_id(cell)));
    frame_at(&ctx, &mut app, H, vec![]);
    let before = app.doc.as_ref().expect("doc").report.cell(cell).clone();
    frame_at(&ctx, &mut app, H, vec![Event::Text("7".into())]);
    let after = app.doc.as_ref().expect("doc").report.cell(cell).clone();
    assert_ne!(before, after, "the typed digit did not reach the cell");
    let mut n = 1u32;
    c.bench_function("frame/window-800/keystroke-in-table-3", |b| {
        b.iter(|| {
            n += 1;
            frame_at(&ctx, &mut app, H, vec![keystroke(n)])
        })
    });
}

/// 打印预览 of a full report in an 800-pixel-tall window, on its busiest page (most text
/// runs and rules), idle: what a user looking at the preview costs per frame.
fn bench_preview(c: &mut Criterion) {
    const H: f32 = 800.0;
    let (_, mut app) = app::with_full_report();
    let ctx = app::context();
    frame_at(&ctx, &mut app, H, vec![]);
    app.command(&ctx, Command::Preview);
    for _ in 0..3 {
        frame_at(&ctx, &mut app, H, vec![]);
    }
    let preview = app.preview.as_mut().expect("preview open");
    let doc = preview.document().expect("laid out");
    let busiest = (0..doc.pages.len())
        .max_by_key(|&i| doc.pages[i].runs.len() + doc.pages[i].rules.len())
        .expect("pages");
    preview.page = busiest;
    for _ in 0..3 {
        frame_at(&ctx, &mut app, H, vec![]);
    }
    let preview = app.preview.as_ref().expect("preview open");
    assert_eq!(preview.painted().expect("painted").0, busiest);
    let layouts = preview.layouts;
    c.bench_function("frame/window-800/preview-idle", |b| {
        b.iter(|| frame_at(&ctx, &mut app, H, vec![]))
    });
    assert_eq!(
        app.preview.as_ref().expect("preview").layouts,
        layouts,
        "idle frames laid the report out again"
    );
}

/// The 批量检查 view with 1,000 rows in an 800-pixel window: only the rows in view are
/// laid out, so a frame (idle, or scrolled by the wheel) costs what a screenful does.
fn bench_batch(c: &mut Criterion) {
    const H: f32 = 800.0;
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for e in std::fs::read_dir(&fixtures).expect("fixtures").flatten() {
        if e.path().extension().is_some_and(|x| x == "ron") {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
        }
    }
    let five = nianbao::check::run(&[dir.path().to_path_buf()], None);
    let entries: Vec<_> = (0..1000)
        .map(|i| {
            let mut e = five[i % five.len()].clone();
            e.path = dir.path().join(format!("{i:04}.ron"));
            e
        })
        .collect();
    let mut app = NianbaoApp::new(app::config(), vec![], None);
    app.batch
        .show_entries(vec![dir.path().to_path_buf()], entries);
    let ctx = app::context();
    for _ in 0..3 {
        frame_at(&ctx, &mut app, H, vec![]);
    }
    c.bench_function("frame/batch-1000-rows/idle", |b| {
        b.iter(|| frame_at(&ctx, &mut app, H, vec![]))
    });
    let mut n = 0u32;
    c.bench_function("frame/batch-1000-rows/wheel", |b| {
        b.iter(|| {
            n += 1;
            // Down for 50 frames, then back up, over the middle of the table.
            let dy = if (n / 50).is_multiple_of(2) {
                -40.0
            } else {
                40.0
            };
            let events = vec![
                Event::PointerMoved(pos2(640.0, 300.0)),
                Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: vec2(0.0, dy),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: egui::Modifiers::NONE,
                },
            ];
            frame_at(&ctx, &mut app, H, events)
        })
    });
}

/// Alternately a digit and a backspace, so the value keeps changing.
fn keystroke(n: u32) -> Event {
    if n % 2 == 1 {
        Event::Text("7".into())
    } else {
        Event::Key {
            key: egui::Key::Backspace,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench, bench_window, bench_preview, bench_batch
}
criterion_main!(benches);
