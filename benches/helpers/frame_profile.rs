//! Runs frames of the real app headless, for a profiler (the criterion bench times them):
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*frame_profile::frames*'
//! target/release/examples/frame_profile [idle|key] [N] [HEIGHT]`.

use egui::{Event, RawInput, Rect, pos2, vec2};
use nianbao::ui::{NianbaoApp, view};
use std::time::Instant;

#[path = "../common/app.rs"]
mod app;

fn frame(ctx: &egui::Context, app: &mut NianbaoApp, h: f32, events: Vec<Event>) -> usize {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, h))),
        events,
        ..Default::default()
    };
    let mut out = ctx.run_ui(input, |ui| app.ui(ui));
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

#[inline(never)]
fn frames(ctx: &egui::Context, app: &mut NianbaoApp, h: f32, n: usize, key: bool) -> usize {
    let mut total = 0;
    for i in 0..n {
        let ev = if !key {
            vec![]
        } else if i % 2 == 0 {
            vec![Event::Text("7".into())]
        } else {
            vec![Event::Key {
                key: egui::Key::Backspace,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            }]
        };
        total += frame(ctx, app, h, ev);
    }
    total
}

fn main() {
    let mut args = std::env::args().skip(1);
    let key = args.next().as_deref() == Some("key");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let h: f32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(4000.0);
    let (t, mut app) = app::with_full_report();
    let ctx = app::context();
    let cell = t.cell_id("t3", "o1", "natural").expect("cell");
    ctx.memory_mut(|m| m.request_focus(view::cell_id(cell)));
    for _ in 0..5 {
        frame(&ctx, &mut app, h, vec![]);
    }
    let start = Instant::now();
    let shapes = frames(&ctx, &mut app, h, n, key);
    let per = start.elapsed() / n as u32;
    println!("{n} frames, {per:?} per frame, {shapes} meshes");
}
