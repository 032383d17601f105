//! egui's triangles drawn on the CPU into a 0RGB pixel buffer.
//!
//! Written here because no maintained crate rasterises egui meshes for this egui version
//! (`egui_software_backend` follows an older egui), and the job is small: textured,
//! vertex-coloured triangles with premultiplied alpha, blended in gamma space as egui's own
//! GPU painters do, inside each primitive's clip rectangle. egui feathers its shapes itself,
//! so no multisampling is needed.

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, ImageDelta, Primitive, TextureId, Vertex};
use egui::{Color32, TextureFilter, TexturesDelta};

/// An image of `width × height` pixels, `0x00RRGGBB` row by row (what softbuffer shows).
#[derive(Debug, Clone, Default)]
pub struct Canvas {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u32>,
}

impl Canvas {
    /// Resizes (keeping nothing) and fills with `color`.
    pub fn clear(&mut self, width: usize, height: usize, color: Color32) {
        self.width = width;
        self.height = height;
        self.pixels.clear();
        self.pixels.resize(width * height, pack(color));
    }

    /// The pixel at (x, y).
    pub fn get(&self, x: usize, y: usize) -> Color32 {
        let p = self.pixels[y * self.width + x];
        Color32::from_rgb((p >> 16) as u8, (p >> 8) as u8, p as u8)
    }
}

fn pack(c: Color32) -> u32 {
    (u32::from(c.r()) << 16) | (u32::from(c.g()) << 8) | u32::from(c.b())
}

struct Texture {
    size: [usize; 2],
    pixels: Vec<Color32>,
    linear: bool,
}

impl Texture {
    fn texel(&self, x: isize, y: isize) -> [f32; 4] {
        let x = x.clamp(0, self.size[0] as isize - 1) as usize;
        let y = y.clamp(0, self.size[1] as isize - 1) as usize;
        let c = self.pixels[y * self.size[0] + x];
        [c.r(), c.g(), c.b(), c.a()].map(f32::from)
    }

    /// Premultiplied RGBA (0–255) at normalised (u, v).
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        let x = u * self.size[0] as f32 - 0.5;
        let y = v * self.size[1] as f32 - 0.5;
        if !self.linear {
            return self.texel(x.round() as isize, y.round() as isize);
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let [a, b, c, d] = [
            self.texel(x0, y0),
            self.texel(x0 + 1, y0),
            self.texel(x0, y0 + 1),
            self.texel(x0 + 1, y0 + 1),
        ];
        std::array::from_fn(|i| {
            let top = a[i] + (b[i] - a[i]) * fx;
            let bottom = c[i] + (d[i] - c[i]) * fx;
            top + (bottom - top) * fy
        })
    }
}

/// The textures egui has uploaded (font atlas, images), kept between frames.
#[derive(Default)]
pub struct Textures {
    map: HashMap<TextureId, Texture>,
}

impl Textures {
    /// Applies a frame's uploads; call [`Textures::free`] after painting the frame.
    pub fn set(&mut self, delta: &TexturesDelta) {
        for (id, deltas) in &delta.set {
            for d in deltas {
                self.set_one(*id, d);
            }
        }
    }

    /// Drops the textures egui no longer uses, after the frame is painted; the delta is then
    /// spent (egui checks in debug builds that none is dropped unapplied).
    pub fn free(&mut self, delta: &mut TexturesDelta) {
        for id in &delta.free {
            self.map.remove(id);
        }
        delta.clear();
    }

    fn set_one(&mut self, id: TextureId, d: &ImageDelta) {
        let egui::ImageData::Color(image) = &d.image;
        let linear = d.options.magnification == TextureFilter::Linear;
        match (d.pos, self.map.get_mut(&id)) {
            (Some([x0, y0]), Some(t)) => {
                for y in 0..image.size[1] {
                    let row = &image.pixels[y * image.size[0]..(y + 1) * image.size[0]];
                    let at = (y0 + y) * t.size[0] + x0;
                    if let Some(dst) = t.pixels.get_mut(at..at + row.len()) {
                        dst.copy_from_slice(row);
                    }
                }
            }
            _ => {
                self.map.insert(
                    id,
                    Texture {
                        size: image.size,
                        pixels: image.pixels.clone(),
                        linear,
                    },
                );
            }
        }
    }
}

/// Paints `primitives` (positions in points) onto `canvas` at `pixels_per_point`. A large
/// canvas (the 图解's PNG, a full-HD window at 150 %) is painted in horizontal bands, one
/// a core, each band drawing every primitive within it.
pub fn paint(
    canvas: &mut Canvas,
    textures: &Textures,
    primitives: &[ClippedPrimitive],
    pixels_per_point: f32,
) {
    let width = canvas.width;
    if width == 0 || canvas.height == 0 {
        return;
    }
    let bands = if canvas.pixels.len() >= 2_000_000 {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    } else {
        1
    };
    let rows = canvas.height.div_ceil(bands);
    let paint_band = |(i, pixels): (usize, &mut [u32])| {
        let top = i * rows;
        let mut band = Band {
            pixels,
            width,
            top: top as i32,
            bottom: (top + rows).min(canvas.height) as i32,
        };
        paint_into(&mut band, textures, primitives, pixels_per_point);
    };
    let mut chunks = canvas.pixels.chunks_mut(rows * width).enumerate();
    if bands == 1 {
        chunks.for_each(paint_band);
        return;
    }
    std::thread::scope(|s| {
        let first = chunks.next();
        for chunk in chunks {
            s.spawn(move || paint_band(chunk));
        }
        first.map(paint_band);
    });
}

/// Rows `top..bottom` of a canvas `width` pixels wide.
struct Band<'a> {
    pixels: &'a mut [u32],
    width: usize,
    top: i32,
    bottom: i32,
}

fn paint_into(
    band: &mut Band,
    textures: &Textures,
    primitives: &[ClippedPrimitive],
    pixels_per_point: f32,
) {
    for p in primitives {
        let Primitive::Mesh(mesh) = &p.primitive else {
            continue; // the app paints no custom (GPU) callbacks
        };
        let Some(texture) = textures.map.get(&mesh.texture_id) else {
            continue;
        };
        let clip = p.clip_rect * pixels_per_point;
        let clip = [
            clip.min.x.round().max(0.0) as i32,
            (clip.min.y.round() as i32).max(band.top),
            (clip.max.x.round() as i32).min(band.width as i32),
            (clip.max.y.round() as i32).min(band.bottom),
        ];
        if clip[0] >= clip[2] || clip[1] >= clip[3] {
            continue;
        }
        for tri in mesh.indices.chunks_exact(3) {
            let v = [tri[0], tri[1], tri[2]].map(|i| &mesh.vertices[i as usize]);
            triangle(band, texture, v, pixels_per_point, clip);
        }
    }
}

/// One triangle: edge functions over its bounding box within `clip`, sampled at pixel
/// centres; colour and texture coordinates interpolated barycentrically.
fn triangle(band: &mut Band, tex: &Texture, v: [&Vertex; 3], ppp: f32, clip: [i32; 4]) {
    let p = v.map(|v| (v.pos.x * ppp, v.pos.y * ppp));
    let area = (p[1].0 - p[0].0) * (p[2].1 - p[0].1) - (p[1].1 - p[0].1) * (p[2].0 - p[0].0);
    if area.abs() < 1e-6 {
        return;
    }
    let min_x = (p.iter().map(|q| q.0).fold(f32::MAX, f32::min).floor() as i32).max(clip[0]);
    let max_x = (p.iter().map(|q| q.0).fold(f32::MIN, f32::max).ceil() as i32).min(clip[2]);
    let min_y = (p.iter().map(|q| q.1).fold(f32::MAX, f32::min).floor() as i32).max(clip[1]);
    let max_y = (p.iter().map(|q| q.1).fold(f32::MIN, f32::max).ceil() as i32).min(clip[3]);
    let colour = v.map(|v| [v.color.r(), v.color.g(), v.color.b(), v.color.a()].map(f32::from));
    // A mesh of one colour on the font atlas's white texel is most of egui's geometry:
    // skip the per-pixel interpolation and sampling for it.
    let flat = colour[0] == colour[1]
        && colour[1] == colour[2]
        && v[0].uv == v[1].uv
        && v[1].uv == v[2].uv;
    let flat_colour = flat.then(|| {
        let t = tex.sample(v[0].uv.x, v[0].uv.y);
        std::array::from_fn::<f32, 4, _>(|i| colour[0][i] * t[i] / 255.0)
    });
    let inv = 1.0 / area;
    let edge = |a: (f32, f32), b: (f32, f32), x: f32, y: f32| {
        (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)
    };
    // Along a row the weights change linearly: step them instead of recomputing, and visit
    // only the span where all three can be positive (egui's panels are two triangles each,
    // half of whose bounding box lies outside).
    let d0 = -(p[2].1 - p[1].1) * inv;
    let d1 = -(p[0].1 - p[2].1) * inv;
    let opaque = flat_colour.filter(|c| c[3] >= 254.5).map(|c| {
        let q = |x: f32| x.round().clamp(0.0, 255.0) as u32;
        (q(c[0]) << 16) | (q(c[1]) << 8) | q(c[2])
    });
    for y in min_y..max_y {
        let py = y as f32 + 0.5;
        let x0 = min_x as f32 + 0.5;
        let w0_start = edge(p[1], p[2], x0, py) * inv;
        let w1_start = edge(p[2], p[0], x0, py) * inv;
        let Some((lo, hi)) = span(
            [w0_start, w1_start, 1.0 - w0_start - w1_start],
            [d0, d1, -d0 - d1],
            max_x - min_x,
        ) else {
            continue;
        };
        let row = (y - band.top) as usize * band.width;
        for k in lo..hi {
            let w0 = w0_start + d0 * k as f32;
            let w1 = w1_start + d1 * k as f32;
            let w2 = 1.0 - w0 - w1;
            if w0 < 0.0 || w1 < 0.0 || w2 < 0.0 {
                continue;
            }
            let dst = &mut band.pixels[row + (min_x + k) as usize];
            if let Some(c) = opaque {
                *dst = c;
                continue;
            }
            let src = match flat_colour {
                Some(c) => c,
                None => {
                    let u = w0 * v[0].uv.x + w1 * v[1].uv.x + w2 * v[2].uv.x;
                    let t = w0 * v[0].uv.y + w1 * v[1].uv.y + w2 * v[2].uv.y;
                    let s = tex.sample(u, t);
                    std::array::from_fn(|i| {
                        let c = w0 * colour[0][i] + w1 * colour[1][i] + w2 * colour[2][i];
                        c * s[i] / 255.0
                    })
                }
            };
            if src[3] <= 0.0 && src[0] <= 0.0 && src[1] <= 0.0 && src[2] <= 0.0 {
                continue;
            }
            *dst = blend(*dst, src);
        }
    }
}

/// The pixels `lo..hi` of a row of `n` where the weights `w + d·k` may all be ≥ 0, a pixel
/// wider on each side than the arithmetic says (the exact test is made per pixel); `None`
/// when there are none.
fn span(w: [f32; 3], d: [f32; 3], n: i32) -> Option<(i32, i32)> {
    let (mut lo, mut hi) = (0.0f32, n as f32);
    for (w, d) in w.into_iter().zip(d) {
        if d > 0.0 {
            lo = lo.max(-w / d);
        } else if d < 0.0 {
            hi = hi.min(w / -d + 1.0);
        } else if w < 0.0 {
            return None;
        }
    }
    let lo = (lo.floor() as i32 - 1).max(0);
    let hi = (hi.ceil() as i32 + 1).min(n);
    (lo < hi).then_some((lo, hi))
}

/// Premultiplied "over": source plus what the source's alpha leaves of the destination.
fn blend(dst: u32, src: [f32; 4]) -> u32 {
    let keep = 1.0 - src[3] / 255.0;
    let ch = |shift: u32, s: f32| {
        let d = ((dst >> shift) & 0xff) as f32;
        ((s + d * keep).round().clamp(0.0, 255.0) as u32) << shift
    };
    ch(16, src[0]) | ch(8, src[1]) | ch(0, src[2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::Mesh;
    use egui::{Pos2, Rect, pos2};

    fn white_texture() -> Textures {
        let mut t = Textures::default();
        let image = egui::ColorImage::new([1, 1], vec![Color32::WHITE]);
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            TextureId::default(),
            [ImageDelta::full(image, egui::TextureOptions::LINEAR)]
                .into_iter()
                .collect(),
        );
        t.set(&delta);
        t.free(&mut delta);
        t
    }

    fn rect_mesh(r: Rect, c: Color32) -> Mesh {
        let mut m = Mesh::default();
        m.add_colored_rect(r, c);
        m
    }

    #[test]
    fn a_rectangle_covers_exactly_its_pixels_and_respects_the_clip() {
        let mut canvas = Canvas::default();
        canvas.clear(20, 10, Color32::WHITE);
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(Pos2::ZERO, pos2(6.0, 100.0)),
            primitive: Primitive::Mesh(rect_mesh(
                Rect::from_min_max(pos2(2.0, 2.0), pos2(8.0, 4.0)),
                Color32::RED,
            )),
        };
        // Two pixels a point: x 4..12 drawn, but clipped at 12 px (6 pt).
        paint(&mut canvas, &white_texture(), &[prim], 2.0);
        assert_eq!(canvas.get(3, 5), Color32::WHITE);
        assert_eq!(canvas.get(4, 4), Color32::RED);
        assert_eq!(canvas.get(11, 7), Color32::RED);
        assert_eq!(canvas.get(12, 5), Color32::WHITE, "clipped");
        assert_eq!(canvas.get(5, 8), Color32::WHITE, "below");
        let red = canvas.pixels.iter().filter(|&&p| p == 0xff0000).count();
        assert_eq!(red, 8 * 4);
    }

    #[test]
    fn triangles_of_any_shape_cover_the_pixels_whose_centres_they_hold() {
        let tris = [
            [pos2(1.3, 2.1), pos2(37.9, 5.4), pos2(12.2, 28.7)],
            [pos2(39.0, 0.0), pos2(0.5, 29.5), pos2(38.5, 29.0)],
            // Slivers: nearly flat, and steep.
            [pos2(0.0, 10.0), pos2(40.0, 11.0), pos2(20.0, 10.2)],
            [pos2(20.0, 0.0), pos2(21.0, 30.0), pos2(20.3, 15.0)],
        ];
        for t in tris {
            let mut canvas = Canvas::default();
            canvas.clear(40, 30, Color32::WHITE);
            let mut m = Mesh::default();
            for p in t {
                m.colored_vertex(p, Color32::RED);
            }
            m.add_triangle(0, 1, 2);
            let prim = ClippedPrimitive {
                clip_rect: Rect::EVERYTHING,
                primitive: Primitive::Mesh(m),
            };
            paint(&mut canvas, &white_texture(), &[prim], 1.0);
            // The same test, pixel by pixel over the whole canvas.
            let e = |a: Pos2, b: Pos2, x: f32, y: f32| {
                (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)
            };
            let area = e(t[0], t[1], t[2].x, t[2].y);
            let mut wrong = 0;
            for y in 0..30 {
                for x in 0..40 {
                    let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                    let w = [
                        e(t[1], t[2], px, py),
                        e(t[2], t[0], px, py),
                        e(t[0], t[1], px, py),
                    ];
                    let inside = w.iter().all(|w| w / area > 1e-4);
                    let outside = w.iter().any(|w| w / area < -1e-4);
                    let red = canvas.get(x, y) == Color32::RED;
                    // Centres on an edge may go either way.
                    wrong += usize::from((inside && !red) || (outside && red));
                }
            }
            assert_eq!(wrong, 0, "{t:?}");
        }
    }

    #[test]
    fn translucent_colours_blend_premultiplied() {
        let mut canvas = Canvas::default();
        canvas.clear(4, 4, Color32::WHITE);
        let half_black = Color32::from_black_alpha(128);
        let prim = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(rect_mesh(
                Rect::from_min_max(Pos2::ZERO, pos2(4.0, 4.0)),
                half_black,
            )),
        };
        paint(&mut canvas, &white_texture(), &[prim], 1.0);
        let c = canvas.get(1, 1);
        assert!((126..=128).contains(&c.r()), "{c:?}");
    }

    #[test]
    fn partial_texture_updates_land_in_place() {
        let mut t = Textures::default();
        let id = TextureId::Managed(7);
        let full = egui::ColorImage::new([4, 2], vec![Color32::BLACK; 8]);
        let patch = egui::ColorImage::new([2, 1], vec![Color32::WHITE; 2]);
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            id,
            [
                ImageDelta::full(full, egui::TextureOptions::NEAREST),
                ImageDelta::partial([1, 1], patch, egui::TextureOptions::NEAREST),
            ]
            .into_iter()
            .collect(),
        );
        t.set(&delta);
        delta.clear();
        let tex = &t.map[&id];
        assert_eq!(tex.pixels[4 + 1], Color32::WHITE);
        assert_eq!(tex.pixels[4 + 3], Color32::BLACK);
        let mut delta = TexturesDelta::default();
        delta.free.insert(id);
        t.free(&mut delta);
        assert!(t.map.is_empty());
    }

    /// Renders one frame of `ui_fn` in a real egui context (with the app's fonts) and
    /// returns the canvas and what `ui_fn` reported.
    fn render<R>(
        size: egui::Vec2,
        ppp: f32,
        mut ui_fn: impl FnMut(&mut egui::Ui) -> R,
    ) -> (Canvas, R) {
        let ctx = egui::Context::default();
        crate::ui::setup_context(&ctx);
        let mut textures = Textures::default();
        let mut result = None;
        let mut canvas = Canvas::default();
        // The first pass lays out, the second draws with everything measured.
        for _ in 0..2 {
            let mut raw = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
                ..Default::default()
            };
            raw.viewports
                .entry(egui::ViewportId::ROOT)
                .or_default()
                .native_pixels_per_point = Some(ppp);
            let mut out = ctx.run_ui(raw, |ui| result = Some(ui_fn(ui)));
            textures.set(&out.textures_delta);
            let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
            canvas.clear(
                (size.x * ppp) as usize,
                (size.y * ppp) as usize,
                ctx.global_style().visuals.panel_fill,
            );
            paint(&mut canvas, &textures, &prims, out.pixels_per_point);
            textures.free(&mut out.textures_delta);
        }
        (canvas, result.unwrap())
    }

    fn dark_pixels(c: &Canvas, r: Rect, ppp: f32) -> usize {
        let r = r * ppp;
        let mut n = 0;
        for y in r.min.y.max(0.0) as usize..(r.max.y as usize).min(c.height) {
            for x in r.min.x.max(0.0) as usize..(r.max.x as usize).min(c.width) {
                let p = c.get(x, y);
                n += usize::from(u16::from(p.r()) + u16::from(p.g()) + u16::from(p.b()) < 300);
            }
        }
        n
    }

    #[test]
    fn chinese_text_is_drawn_inside_its_label_and_nowhere_else() {
        for ppp in [1.0, 1.5] {
            let (canvas, rect) = render(egui::vec2(400.0, 120.0), ppp, |ui| {
                egui::CentralPanel::default()
                    .show(ui, |ui| {
                        ui.visuals_mut().override_text_color = Some(Color32::BLACK);
                        ui.label("政府信息公开工作年度报告").rect
                    })
                    .inner
            });
            let inside = dark_pixels(&canvas, rect, ppp);
            let area = rect.area() * ppp * ppp;
            // Glyph strokes cover a good share of a line of hanzi, never all of it.
            assert!(inside as f32 > area * 0.08, "{inside} of {area} at {ppp}");
            assert!((inside as f32) < area * 0.7, "{inside} of {area} at {ppp}");
            let below =
                Rect::from_min_max(egui::pos2(0.0, rect.max.y + 4.0), egui::pos2(400.0, 120.0));
            assert_eq!(dark_pixels(&canvas, below, ppp), 0, "at {ppp}");
        }
    }
}
