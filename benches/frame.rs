//! One frame of the real application UI, headless (layout + tessellation, no GPU), with a
//! fully filled report: idle, and while a keystroke changes a cell of table 三.
//!
//! The window is tall enough to lay out every section and table at once — the worst case.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, RawInput, Rect, pos2, vec2};
use nianbao::model::sample;
use nianbao::template;
use nianbao::ui::{Config, NianbaoApp, setup_context, view};
use std::time::Duration;

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 4000.0))),
        events,
        ..Default::default()
    }
}

/// Runs one frame and tessellates it, as eframe would before painting.
fn frame(ctx: &egui::Context, app: &mut NianbaoApp, events: Vec<Event>) -> usize {
    let mut out = ctx.run_ui(input(events), |ui| app.ui(ui));
    // No GPU to upload glyph textures to.
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn bench(c: &mut Criterion) {
    let t = template::get("gov-info-annual-2021").expect("template");
    let report = sample::filled(t, 2025);
    let config = Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::from_secs(2),
    };
    let mut app = NianbaoApp::new(config, vec![], None).with_report(report, None);
    let ctx = egui::Context::default();
    setup_context(&ctx);
    // Warm up: the first frames rasterise every glyph on screen.
    for _ in 0..3 {
        frame(&ctx, &mut app, vec![]);
    }
    c.bench_function("frame/idle-full-report", |b| {
        b.iter(|| frame(&ctx, &mut app, vec![]))
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
            // Alternate typing a digit and deleting it, so the value keeps changing.
            n += 1;
            let ev = if n % 2 == 1 {
                Event::Text("7".into())
            } else {
                Event::Key {
                    key: egui::Key::Backspace,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: egui::Modifiers::NONE,
                }
            };
            frame(&ctx, &mut app, vec![ev])
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
