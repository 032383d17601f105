//! One frame of the real application UI, headless (layout + tessellation, no GPU), with a
//! fully filled report: idle, and while a keystroke changes a cell of table 三.
//!
//! Two windows: a realistic 1280×800 one scrolled to table 三, the longest section (what a
//! user sees), and a 1280×4000 one tall enough to lay out every section and table at once
//! (the worst case, kept so figures stay comparable with earlier ones).

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, RawInput, Rect, pos2, vec2};
use nianbao::model::sample;
use nianbao::template;
use nianbao::ui::view::Target;
use nianbao::ui::{Config, NianbaoApp, setup_context, view};
use std::time::Duration;

fn input(height: f32, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, height))),
        events,
        ..Default::default()
    }
}

/// Runs one frame and tessellates it, as eframe would before painting.
fn frame(ctx: &egui::Context, app: &mut NianbaoApp, height: f32, events: Vec<Event>) -> usize {
    let mut out = ctx.run_ui(input(height, events), |ui| app.ui(ui));
    // No GPU to upload glyph textures to.
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn keystroke(n: u32) -> Event {
    // Alternate typing a digit and deleting it, so the value keeps changing.
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

fn window(c: &mut Criterion, name: &str, height: f32) {
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
    let t3 = t.table_index("t3").expect("table 三");
    let section = t
        .sections
        .iter()
        .position(|s| s.table == Some(t3))
        .expect("section of table 三");
    app.vs.goto = Some(Target::Section(section));
    // Warm up: the first frames scroll and rasterise every glyph on screen.
    for _ in 0..5 {
        frame(&ctx, &mut app, height, vec![]);
    }
    c.bench_function(&format!("frame/idle-{name}"), |b| {
        b.iter(|| frame(&ctx, &mut app, height, vec![]))
    });

    let cell = t.cell_id("t3", "o1", "natural").expect("cell");
    // Scroll the cell into view and focus it, as a click would.
    app.vs.goto = Some(Target::Cell(cell));
    for _ in 0..5 {
        frame(&ctx, &mut app, height, vec![]);
    }
    assert!(ctx.memory(|m| m.has_focus(view::cell_id(cell))));
    // The keystroke must really reach the cell, or the benchmark measures nothing.
    let before = app.doc.as_ref().expect("doc").report.cell(cell).clone();
    frame(&ctx, &mut app, height, vec![keystroke(1)]);
    let after = app.doc.as_ref().expect("doc").report.cell(cell).clone();
    assert_ne!(before, after, "the typed digit did not reach the cell");
    let mut n = 1u32;
    c.bench_function(&format!("frame/keystroke-in-table-3-{name}"), |b| {
        b.iter(|| {
            n += 1;
            frame(&ctx, &mut app, height, vec![keystroke(n)])
        })
    });
}

fn bench(c: &mut Criterion) {
    window(c, "1280x800", 800.0);
    window(c, "full-report", 4000.0);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
