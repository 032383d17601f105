//! The page layout in a printer's device units, as the Windows spooler is given it: rules,
//! and every character of every run as its outline from the PDF's own face, placed at the
//! advance the layout gave it. Pure arithmetic, so it is tested on every system;
//! `super::windows` only replays the result to GDI.
//!
//! Why outlines and not GDI text: the sheet then has exactly the PDF's glyphs wherever the
//! layout put them, whatever the printer driver does with fonts. Drivers differ there — the
//! PostScript driver of wine, for one, cannot download CFF-flavoured OpenType faces (the
//! bundled Noto CJK) and crashes — and a face GDI cannot match by name is silently replaced.

use crate::export::pdf::fonts::Metrics;
use crate::export::pdf::layout::Run;

/// Points to a printer's pixels: its resolution and the offset of its printable area (GDI
/// draws from the printable area's corner, the layout from the paper's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeviceMap {
    pub dpi_x: f32,
    pub dpi_y: f32,
    pub offset_x: f32,
    pub offset_y: f32,
}

impl DeviceMap {
    pub fn x(&self, pt: f32) -> i32 {
        (pt * self.dpi_x / 72.0 - self.offset_x).round() as i32
    }

    pub fn y(&self, pt: f32) -> i32 {
        (pt * self.dpi_y / 72.0 - self.offset_y).round() as i32
    }

    /// A rule's thickness, at least one pixel.
    pub fn pen(&self, pt: f32) -> i32 {
        (pt * self.dpi_x / 72.0).round().max(1.0) as i32
    }
}

/// One step of a filled path, in device pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathOp {
    Move(i32, i32),
    Line(i32, i32),
    /// A cubic Bézier from the current point through two control points to the third.
    Cubic([(i32, i32); 3]),
    Close,
}

/// Where a glyph goes: font units to device pixels, turned by `angle` about the origin.
struct Place {
    origin: (f32, f32),
    scale: f32,
    cos: f32,
    sin: f32,
}

struct Builder<'p> {
    place: Place,
    map: DeviceMap,
    ops: &'p mut Vec<PathOp>,
    last: (f32, f32),
}

impl Builder<'_> {
    /// Font units (y up) to device pixels (y down).
    fn dev(&self, x: f32, y: f32) -> (i32, i32) {
        let (dx, dy) = (x * self.place.scale, y * self.place.scale);
        let px = self.place.origin.0 + dx * self.place.cos - dy * self.place.sin;
        let py = self.place.origin.1 - (dx * self.place.sin + dy * self.place.cos);
        (self.map.x(px), self.map.y(py))
    }
}

impl ttf_parser::OutlineBuilder for Builder<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.dev(x, y);
        self.ops.push(PathOp::Move(p.0, p.1));
        self.last = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.dev(x, y);
        self.ops.push(PathOp::Line(p.0, p.1));
        self.last = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // The cubic that draws the same quadratic curve.
        let (x0, y0) = self.last;
        let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        self.curve_to(c1.0, c1.1, c2.0, c2.1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let pts = [self.dev(x1, y1), self.dev(x2, y2), self.dev(x, y)];
        self.ops.push(PathOp::Cubic(pts));
        self.last = (x, y);
    }

    fn close(&mut self) {
        self.ops.push(PathOp::Close);
    }
}

/// The outlines of `run`'s characters, each at the pen position the PDF gives it (the
/// character's advance in its face times the size, plus the run's spacing), turned by
/// `degrees` counter-clockwise about the run's start. Fill with the non-zero rule.
pub fn run_outlines(run: &Run, metrics: &Metrics, map: &DeviceMap, degrees: f32) -> Vec<PathOp> {
    let face = metrics.face(run.role);
    let scale = run.size / f32::from(face.units_per_em());
    let (sin, cos) = degrees.to_radians().sin_cos();
    let mut ops = Vec::new();
    let mut pen = 0.0f32;
    for c in run.text.chars() {
        if let Some(g) = face.glyph_index(c) {
            let mut b = Builder {
                place: Place {
                    origin: (run.x + pen * cos, run.baseline - pen * sin),
                    scale,
                    cos,
                    sin,
                },
                map: *map,
                ops: &mut ops,
                last: (0.0, 0.0),
            };
            face.outline_glyph(g, &mut b);
        }
        pen += metrics.advance(run.role, c) * run.size + run.spacing;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::fonts::{FontSet, Role};

    const MAP_600: DeviceMap = DeviceMap {
        dpi_x: 600.0,
        dpi_y: 600.0,
        offset_x: 100.0,
        offset_y: 50.0,
    };

    #[test]
    fn points_become_printer_pixels_inside_the_printable_area() {
        // 1 inch = 72 pt = 600 px, less the unprintable margin.
        assert_eq!(MAP_600.x(72.0), 500);
        assert_eq!(MAP_600.y(72.0), 550);
        assert_eq!(MAP_600.pen(0.6), 5);
        let low = DeviceMap {
            dpi_x: 96.0,
            ..MAP_600
        };
        assert_eq!(low.pen(0.1), 1);
    }

    fn run(text: &str, x: f32) -> Run {
        Run {
            role: Role::Body,
            size: 16.0,
            x,
            baseline: 100.0,
            spacing: -0.2,
            text: text.into(),
            origin: None,
        }
    }

    fn bounds(ops: &[PathOp]) -> (i32, i32, i32, i32) {
        let pts = ops.iter().flat_map(|o| match *o {
            PathOp::Move(x, y) | PathOp::Line(x, y) => vec![(x, y)],
            PathOp::Cubic(p) => p.to_vec(),
            PathOp::Close => vec![],
        });
        pts.fold((i32::MAX, i32::MAX, i32::MIN, i32::MIN), |b, (x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
    }

    #[test]
    fn each_glyph_sits_where_the_pdf_puts_it() {
        let set = FontSet::default();
        let m = Metrics::new(&set).unwrap();
        let both = run_outlines(&run("政府", 72.0), &m, &MAP_600, 0.0);
        let first = run_outlines(&run("政", 72.0), &m, &MAP_600, 0.0);
        // The second character starts one advance (less the tracking) further on.
        let x2 = 72.0 + m.advance(Role::Body, '政') * 16.0 - 0.2;
        let second = run_outlines(&run("府", x2), &m, &MAP_600, 0.0);
        assert_eq!(both, [first.clone(), second].concat());
        // 政 fills most of its em square, above the baseline and a little below it.
        let (x0, y0, x1, y1) = bounds(&first);
        let em = (16.0 * 600.0 / 72.0) as i32; // 133 px
        assert!(
            x0 >= MAP_600.x(72.0) && x1 <= MAP_600.x(72.0) + em,
            "{x0}..{x1}"
        );
        assert!(
            y1 <= MAP_600.y(100.0) + em / 4 && y0 >= MAP_600.y(100.0) - em,
            "{y0}..{y1}"
        );
        assert!(x1 - x0 > em * 3 / 4 && y1 - y0 > em * 3 / 4);
        assert!(
            first.iter().any(|o| matches!(o, PathOp::Cubic(_))),
            "CFF curves"
        );
        assert_eq!(first.iter().filter(|o| **o == PathOp::Close).count(), {
            first
                .iter()
                .filter(|o| matches!(o, PathOp::Move(..)))
                .count()
        });
    }

    #[test]
    fn a_turned_run_turns_its_glyphs() {
        let set = FontSet::default();
        let m = Metrics::new(&set).unwrap();
        let flat = bounds(&run_outlines(&run("一", 72.0), &m, &MAP_600, 0.0));
        let up = bounds(&run_outlines(&run("一", 72.0), &m, &MAP_600, 90.0));
        // 一 is wide and flat; turned a quarter it is tall and narrow.
        assert!(flat.2 - flat.0 > 4 * (flat.3 - flat.1), "{flat:?}");
        assert!(up.3 - up.1 > 4 * (up.2 - up.0), "{up:?}");
        // A character the face lacks draws nothing but still advances.
        let gap = run_outlines(&run("\u{E000}", 72.0), &m, &MAP_600, 0.0);
        assert!(gap.is_empty());
        let after_gap = run_outlines(&run("\u{E000}一", 72.0), &m, &MAP_600, 0.0);
        let shifted = 72.0 + m.advance(Role::Body, '\u{E000}') * 16.0 - 0.2;
        let alone = run_outlines(&run("一", shifted), &m, &MAP_600, 0.0);
        assert_eq!(after_gap, alone);
    }
}
