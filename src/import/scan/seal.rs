//! A seal that is not red on the picture (a black-and-white or fax scan, a grey copy): its
//! ring and the solid star inside are taken out of the ink, so that the agency's name and
//! the date it stands over are read as lines of their own. (A red seal is taken out by its
//! colour before this, in `picture.rs`.)
//!
//! Written here: circle finding in the image crates (a Hough transform) brings a linear
//! algebra stack for what one least-squares fit on one component does.

use super::ink::{Ink, SummedArea};

/// Angular bins a ring is checked in; a ring has ink at its radius in nearly all of them.
const BINS: usize = 72;
const RING_SHARE: f64 = 0.8;

/// Takes out the rings (and the solid marks inside them) of dark seals; how many.
pub fn remove(ink: &mut Ink, text_height: usize) -> usize {
    let th = text_height.max(8);
    let mut seen = vec![false; ink.w * ink.h];
    let mut rings = Vec::new();
    for start in 0..ink.w * ink.h {
        if seen[start] || !ink.at(start % ink.w, start / ink.w) {
            continue;
        }
        let part = component(ink, start, &mut seen);
        let (x0, y0, x1, y1) = bounds(&part);
        let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
        // A seal is some three to fifteen lines of text across, and about round (text
        // touching the ring widens its box a little).
        let fits = |s: usize| (3 * th..=15 * th).contains(&s);
        if fits(w) && fits(h) && w * 10 <= h * 14 && h * 10 <= w * 14 {
            rings.extend(ring(&part, (x0, y0, x1, y1)));
        }
    }
    for &(cx, cy, r, half) in &rings {
        erase(ink, (cx, cy, r), half, th);
    }
    rings.len()
}

/// The pixels of one 8-connected component of ink.
fn component(ink: &Ink, start: usize, seen: &mut [bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack = vec![start];
    seen[start] = true;
    while let Some(i) = stack.pop() {
        let (x, y) = (i % ink.w, i / ink.w);
        out.push((x, y));
        for dy in -1i64..=1 {
            for dx in -1i64..=1 {
                let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                if nx < 0 || ny < 0 || nx >= ink.w as i64 || ny >= ink.h as i64 {
                    continue;
                }
                let j = ny as usize * ink.w + nx as usize;
                if !seen[j] && ink.at(nx as usize, ny as usize) {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
    }
    out
}

fn bounds(part: &[(usize, usize)]) -> (usize, usize, usize, usize) {
    part.iter().fold(
        (usize::MAX, usize::MAX, 0, 0),
        |(x0, y0, x1, y1), &(x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
    )
}

/// The circle a component is the ring of (centre, radius, half the stroke), if it is
/// one: fitted to the pixels near the box's inscribed circle, refitted to those near the
/// fit (text touching the ring falls away), and found with ink all round.
fn ring(part: &[(usize, usize)], b: (usize, usize, usize, usize)) -> Option<(f64, f64, f64, f64)> {
    let (x0, y0, x1, y1) = b;
    let mut c = (
        (x0 + x1) as f64 / 2.0,
        (y0 + y1) as f64 / 2.0,
        ((x1 - x0).min(y1 - y0)) as f64 / 2.0,
    );
    for band in [0.2, 0.08] {
        let near: Vec<(f64, f64)> = part
            .iter()
            .map(|&(x, y)| (x as f64, y as f64))
            .filter(|&(x, y)| ((x - c.0).hypot(y - c.1) - c.2).abs() <= band * c.2)
            .collect();
        c = fit(&near)?;
    }
    let (cx, cy, r) = c;
    let tol = (0.06 * r).max(3.0);
    let mut bins = [false; BINS];
    let mut off: Vec<f64> = Vec::new();
    for &(x, y) in part {
        let (dx, dy) = (x as f64 - cx, y as f64 - cy);
        let d = (dx.hypot(dy) - r).abs();
        if d <= tol {
            off.push(d);
            let a = dy.atan2(dx) + std::f64::consts::PI;
            bins[((a / std::f64::consts::TAU * BINS as f64) as usize).min(BINS - 1)] = true;
        }
    }
    let share = bins.iter().filter(|&&b| b).count() as f64 / BINS as f64;
    // The stroke's half width: nearly all of the ring's own pixels lie within it, so
    // that a character it crosses loses no more than the ring covered.
    off.sort_by(f64::total_cmp);
    let half = off.get(off.len() * 9 / 10).copied().unwrap_or(tol) + 1.0;
    (share >= RING_SHARE).then_some((cx, cy, r, half))
}

/// The least-squares circle through points (Kåsa's fit: linear in the centre and
/// r² − |c|²), solved by Cramer's rule.
fn fit(points: &[(f64, f64)]) -> Option<(f64, f64, f64)> {
    if points.len() < 12 {
        return None;
    }
    let n = points.len() as f64;
    let (mx, my) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), &(x, y)| (a + x / n, b + y / n));
    // Centred coordinates keep the sums small.
    let (mut suu, mut svv, mut suv, mut suuu, mut svvv, mut suvv, mut svuu) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, y) in points {
        let (u, v) = (x - mx, y - my);
        suu += u * u;
        svv += v * v;
        suv += u * v;
        suuu += u * u * u;
        svvv += v * v * v;
        suvv += u * v * v;
        svuu += v * u * u;
    }
    let (b1, b2) = ((suuu + suvv) / 2.0, (svvv + svuu) / 2.0);
    let det = suu * svv - suv * suv;
    if det.abs() < 1e-9 {
        return None;
    }
    let uc = (b1 * svv - b2 * suv) / det;
    let vc = (suu * b2 - suv * b1) / det;
    let r = (uc * uc + vc * vc + (suu + svv) / n).sqrt();
    r.is_finite().then_some((mx + uc, my + vc, r))
}

/// Takes out the ring's band and, inside it, the solid parts of marks larger than a
/// character (the star or emblem); thin strokes inside (the date and name printed under
/// the seal) stay, even where they touch the star.
fn erase(ink: &mut Ink, (cx, cy, r): (f64, f64, f64), tol: f64, th: usize) {
    let (x0, y0) = (
        (cx - r - tol).max(0.0) as usize,
        (cy - r - tol).max(0.0) as usize,
    );
    let (x1, y1) = (
        ((cx + r + tol) as usize).min(ink.w - 1),
        ((cy + r + tol) as usize).min(ink.h - 1),
    );
    for y in y0..=y1 {
        for x in x0..=x1 {
            if ((x as f64 - cx).hypot(y as f64 - cy) - r).abs() <= tol {
                ink.clear(x, y);
            }
        }
    }
    let mut seen = vec![false; ink.w * ink.h];
    for y in y0..=y1 {
        for x in x0..=x1 {
            let i = y * ink.w + x;
            if seen[i] || !ink.at(x, y) || (x as f64 - cx).hypot(y as f64 - cy) > r {
                continue;
            }
            let part = component(ink, i, &mut seen);
            let (bx0, by0, bx1, by1) = bounds(&part);
            if (bx1 - bx0) * 10 >= th * 13 && (by1 - by0) * 10 >= th * 13 {
                let body = solid(&part, (bx0, by0, bx1, by1), (th / 4).max(5));
                if body.is_empty() {
                    continue;
                }
                for &(px, py) in &body {
                    ink.clear(px, py);
                }
                // The star's points, cut off from its body, are specks, not characters.
                let mut rest = vec![true; ink.w * ink.h];
                for &(px, py) in &part {
                    rest[py * ink.w + px] = false;
                }
                for &(px, py) in &part {
                    if ink.at(px, py) && !rest[py * ink.w + px] {
                        let bit = component(ink, py * ink.w + px, &mut rest);
                        let (ax0, ay0, ax1, ay1) = bounds(&bit);
                        if (ax1 - ax0) * 2 < th && (ay1 - ay0) * 2 < th {
                            for (qx, qy) in bit {
                                ink.clear(qx, qy);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The solid parts of a component (its opening by a k × k square, grown by a pixel): a
/// star's body, not the thin strokes of a date that touches it.
fn solid(
    part: &[(usize, usize)],
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    k: usize,
) -> Vec<(usize, usize)> {
    let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
    if w < k || h < k {
        return Vec::new();
    }
    let mut on = vec![false; w * h];
    for &(x, y) in part {
        on[(y - y0) * w + (x - x0)] = true;
    }
    // Whether a k × k square is all ink, in constant time.
    let sums = SummedArea::new(w, h, |i| u64::from(on[i]));
    let full = (k * k) as u64;
    let mut keep = vec![false; w * h];
    for y in 0..=h - k {
        for x in 0..=w - k {
            if sums.rect(x, y, x + k, y + k) == full {
                let (ya, yb) = (y.saturating_sub(1), (y + k + 1).min(h));
                let (xa, xb) = (x.saturating_sub(1), (x + k + 1).min(w));
                for yy in ya..yb {
                    keep[yy * w + xa..yy * w + xb].fill(true);
                }
            }
        }
    }
    part.iter()
        .copied()
        .filter(|&(x, y)| keep[(y - y0) * w + (x - x0)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::GrayImage;

    #[test]
    fn a_black_ring_and_star_go_and_the_text_under_them_stays() {
        // A ring of radius 120 (4 px thick) centred at (300, 300), a solid square "star"
        // in it, and a text-like row of strokes crossing the ring.
        let g = GrayImage::from_fn(600, 600, |x, y| {
            let d = (x as f64 - 300.0).hypot(y as f64 - 300.0);
            let ring = (118.0..122.0).contains(&d);
            let star = (280..330).contains(&x) && (320..370).contains(&y);
            let text = (250..275).contains(&y) && (120..480).contains(&x) && x % 9 < 2;
            // A thin stroke of the date touching the star.
            let touching = (290..293).contains(&x) && (300..320).contains(&y);
            image::Luma([if ring || star || text || touching {
                0
            } else {
                255
            }])
        });
        let mut ink = Ink::of(&g);
        assert_eq!(remove(&mut ink, 25), 1);
        assert!(!ink.at(420, 300) && !ink.at(300, 180), "ring taken out");
        assert!(!ink.at(300, 345), "star taken out");
        assert!(ink.at(291, 305), "a stroke touching the star stays");
        assert!(
            ink.at(297, 260) && ink.at(450, 260),
            "text stays, inside and out"
        );
        // Text alone, however long its lines, holds no ring.
        let mut text = Ink::of(&GrayImage::from_fn(600, 600, |x, y| {
            image::Luma([if (y % 40) < 25 && x % 9 < 2 { 0 } else { 255 }])
        }));
        assert_eq!(remove(&mut text, 25), 0);
    }
}
