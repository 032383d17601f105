//! One frame of the real application painted on the CPU (`ui::software`), as a Windows PC
//! without OpenGL 2 or Direct3D 12 draws it: the egui pass, tessellation, and rasterising
//! into a 1280×800 window's pixels, at 100 % and 150 % scaling. The full report, idle.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{RawInput, Rect, ViewportId, pos2, vec2};
use nianbao::export::raster::{Canvas, Textures, paint};
use nianbao::ui::NianbaoApp;

#[path = "common/app.rs"]
mod app;

fn frame(
    ctx: &egui::Context,
    app: &mut NianbaoApp,
    textures: &mut Textures,
    canvas: &mut Canvas,
    ppp: f32,
) -> usize {
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(
            pos2(0.0, 0.0),
            vec2(1280.0, 800.0) / ppp,
        )),
        ..Default::default()
    };
    raw.viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(ppp);
    let mut out = ctx.run_ui(raw, |ui| app.ui(ui));
    textures.set(&out.textures_delta);
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    canvas.clear(1280, 800, egui::Color32::WHITE);
    paint(canvas, textures, &prims, out.pixels_per_point);
    textures.free(&mut out.textures_delta);
    canvas.pixels.len()
}

fn bench(c: &mut Criterion) {
    for (name, ppp) in [
        ("software/idle-1280x800", 1.0),
        ("software/idle-1280x800-150%", 1.5),
    ] {
        let (_, mut app) = app::with_full_report();
        let ctx = app::context();
        let mut textures = Textures::default();
        let mut canvas = Canvas::default();
        for _ in 0..3 {
            frame(&ctx, &mut app, &mut textures, &mut canvas, ppp);
        }
        c.bench_function(name, |b| {
            b.iter(|| frame(&ctx, &mut app, &mut textures, &mut canvas, ppp))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
