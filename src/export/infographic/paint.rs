//! The picture as egui shapes: what the app's preview paints and the PNG rasterises.

use std::sync::Arc;

use egui::epaint::{CornerRadius, PathShape, RectShape, Shape};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Stroke, vec2};

use super::{Item, Rgb, Scene};
use crate::export::pdf::fonts::egui_family;

/// The shapes of `scene` drawn at `origin`, `scale` points a CSS pixel, in the faces
/// installed under `set_key` ([`add_egui_faces`](crate::export::pdf::fonts::add_egui_faces)),
/// on white paper if `paper` (else on what is there); `layout` lays out a text job (a
/// painter's or the fonts' `layout_job`).
pub fn shapes(
    scene: &Scene,
    origin: Pos2,
    scale: f32,
    set_key: u64,
    paper: bool,
    layout: &mut dyn FnMut(LayoutJob) -> Arc<Galley>,
) -> Vec<Shape> {
    let at = |x: f32, y: f32| origin + vec2(x, y) * scale;
    let mut out = Vec::with_capacity(scene.items.len() + 1);
    if paper {
        out.push(Shape::rect_filled(
            Rect::from_min_size(origin, vec2(scene.width, scene.height) * scale),
            0.0,
            Color32::WHITE,
        ));
    }
    for item in &scene.items {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                radius,
                fill,
            } => out.push(Shape::Rect(RectShape::filled(
                Rect::from_min_size(at(*x, *y), vec2(*w, *h) * scale),
                CornerRadius::same((radius * scale).round().clamp(0.0, 255.0) as u8),
                color(*fill),
            ))),
            Item::Polygon { points, fill } => out.push(Shape::Path(PathShape::convex_polygon(
                points.iter().map(|[x, y]| at(*x, *y)).collect(),
                color(*fill),
                Stroke::NONE,
            ))),
            Item::Text(t) => {
                let mut job = LayoutJob::single_section(
                    t.text.clone(),
                    TextFormat {
                        font_id: FontId::new(t.size * scale, egui_family(set_key, t.role)),
                        color: color(t.color),
                        ..Default::default()
                    },
                );
                job.wrap.max_width = f32::INFINITY;
                let g = layout(job);
                // A galley is placed by its top-left corner, the text by its baseline.
                let ascent = g
                    .rows
                    .first()
                    .and_then(|r| r.row.glyphs.first().map(|gl| r.pos.y + gl.pos.y))
                    .unwrap_or(0.0);
                let top_left = at(t.left(), t.baseline) - vec2(0.0, ascent);
                out.push(Shape::galley(top_left, g, color(t.color)));
            }
        }
    }
    out
}

fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}
