//! The picture as PNG: the preview's egui shapes, laid out by an egui context of its own
//! with the faces the PDF embeds, rasterised on the CPU ([`crate::export::raster`]).

use std::sync::Arc;

use egui::{
    Color32, FontData, FontDefinitions, FontFamily, LayerId, RawInput, Rect, ViewportId, pos2,
};
use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};

use super::Scene;
use super::paint::shapes;
use crate::export::pdf::FontSet;
use crate::export::pdf::fonts::{add_egui_faces, noto_sans_sc};
use crate::export::raster::{Canvas, Textures, paint};

/// Pixels a CSS pixel: 1125 px wide, a phone's screen at three device pixels a CSS pixel
/// (a WeChat article shows images 375 CSS px wide); twice the pixels would take 90 ms.
pub const SCALE: f32 = 1.5;

/// The PNG of `scene`, `scale` pixels a CSS pixel, its texts in the faces of `fonts`.
pub fn to_png(scene: &Scene, fonts: &FontSet, scale: f32) -> Result<Vec<u8>, image::ImageError> {
    let canvas = render(scene, fonts, scale);
    let mut rgb = Vec::with_capacity(canvas.pixels.len() * 3);
    for p in &canvas.pixels {
        rgb.extend_from_slice(&[(p >> 16) as u8, (p >> 8) as u8, *p as u8]);
    }
    let mut out = Vec::new();
    // Fast deflate and the "up" filter: a fifth of the time of the default compression
    // with adaptive filters, for half as many bytes again (960 against 630 KB at 1500 px).
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Up).write_image(
        &rgb,
        canvas.width as u32,
        canvas.height as u32,
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(out)
}

/// The picture's pixels.
pub fn render(scene: &Scene, fonts: &FontSet, scale: f32) -> Canvas {
    let ctx = egui::Context::default();
    let mut defs = FontDefinitions::empty();
    // What the chosen faces lack (a user's face without some character) falls back to
    // the bundled sans, as on screen.
    defs.font_data.insert(
        "fallback".into(),
        Arc::new(FontData::from_static(noto_sans_sc())),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        defs.families.insert(family, vec!["fallback".into()]);
    }
    add_egui_faces(&mut defs, fonts, 0);
    ctx.set_fonts(defs);
    let size = egui::vec2(scene.width, scene.height);
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), size)),
        max_texture_side: Some(8192),
        ..Default::default()
    };
    raw.viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(scale);
    let mut out = ctx.run_pass(raw, |ctx| {
        let painter = ctx.layer_painter(LayerId::background());
        // The canvas is white already: the paper is not painted over it.
        let all = shapes(scene, pos2(0.0, 0.0), 1.0, 0, false, &mut |job| {
            painter.layout_job(job)
        });
        painter.extend(all);
    });
    let mut textures = Textures::default();
    textures.set(&out.textures_delta);
    let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    let mut canvas = Canvas::default();
    let (w, h) = (
        (scene.width * scale).round() as usize,
        (scene.height * scale).round() as usize,
    );
    canvas.clear(w, h, Color32::WHITE);
    paint(&mut canvas, &textures, &prims, out.pixels_per_point);
    textures.free(&mut out.textures_delta);
    canvas
}
