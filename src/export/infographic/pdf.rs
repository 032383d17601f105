//! The picture as a one-page PDF of its size (a CSS pixel is ¾ pt), the faces embedded
//! as every PDF of the program embeds them.

use std::collections::BTreeSet;

use printpdf::{
    Color, LinePoint, Op, PaintMode, PdfFontHandle, PdfPage, Point, Polygon, PolygonRing, Pt,
    TextItem, WindingOrder,
};

use super::{Item, Rgb, Scene, rounded};
use crate::export::pdf::{Embedding, Role, write_pages};

/// pt per CSS pixel.
const PT: f32 = 0.75;

/// The PDF of `scene` with `faces`.
pub fn to_pdf(scene: &Scene, faces: &Embedding) -> Vec<u8> {
    let chars = |role: Role| -> BTreeSet<char> {
        scene
            .texts()
            .filter(|t| t.role == role)
            .flat_map(|t| t.text.chars())
            .collect()
    };
    write_pages(&scene.title, "", faces, &chars, |font| {
        let (w, h) = (scene.width * PT, scene.height * PT);
        let mm = |pt: f32| printpdf::Mm(pt / 72.0 * 25.4);
        vec![PdfPage::new(mm(w), mm(h), ops(scene, font))]
    })
}

fn ops(scene: &Scene, font: &dyn Fn(Role) -> PdfFontHandle) -> Vec<Op> {
    // PDF's y runs up from the page's foot.
    let at = |x: f32, y: f32| Point {
        x: Pt(x * PT),
        y: Pt((scene.height - y) * PT),
    };
    let fill = |points: Vec<[f32; 2]>, color: Rgb| {
        [
            Op::SetFillColor { col: rgb(color) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing {
                        points: points
                            .into_iter()
                            .map(|[x, y]| LinePoint {
                                p: at(x, y),
                                bezier: false,
                            })
                            .collect(),
                    }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]
    };
    let mut out = Vec::new();
    for item in &scene.items {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                radius,
                fill: color,
            } => out.extend(fill(rounded(*x, *y, *w, *h, *radius, 6), *color)),
            Item::Polygon {
                points,
                fill: color,
            } => out.extend(fill(points.clone(), *color)),
            Item::Text(t) => out.extend([
                Op::StartTextSection,
                Op::SetFillColor { col: rgb(t.color) },
                Op::SetFont {
                    font: font(t.role),
                    size: Pt(t.size * PT),
                },
                Op::SetCharacterSpacing { multiplier: 0.0 },
                Op::SetTextCursor {
                    pos: at(t.left(), t.baseline),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(t.text.clone())],
                },
                Op::EndTextSection,
            ]),
        }
    }
    out
}

fn rgb(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}
