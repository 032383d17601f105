//! Ink on a page picture: which pixels are print (a threshold against the neighbourhood,
//! so uneven light and a grey scan both work), and the page turned straight (a scan lies a
//! few tenths of a degree askew). Written here: the image-processing crates bring a linear
//! algebra and a random-number stack for these three short routines.

use image::GrayImage;

/// Which pixels are ink.
#[derive(Clone)]
pub struct Ink {
    pub w: usize,
    pub h: usize,
    dark: Vec<bool>,
}

impl Ink {
    /// Ink where a pixel is clearly darker than its neighbourhood (Bradley's threshold
    /// over a window of about a fortieth of the page) and not pale grey.
    pub fn of(gray: &GrayImage) -> Ink {
        let (w, h) = (gray.width() as usize, gray.height() as usize);
        let px = gray.as_raw();
        // Summed-area table, one row and column of zeros in front.
        let mut sum = vec![0u64; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u64;
            for x in 0..w {
                row += u64::from(px[y * w + x]);
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        let r = (w / 80).max(8);
        let mut dark = vec![false; w * h];
        for y in 0..h {
            let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
            for x in 0..w {
                let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
                let area = ((y1 - y0) * (x1 - x0)) as u64;
                let total = sum[y1 * (w + 1) + x1] + sum[y0 * (w + 1) + x0]
                    - sum[y0 * (w + 1) + x1]
                    - sum[y1 * (w + 1) + x0];
                let v = u64::from(px[y * w + x]);
                dark[y * w + x] = v < 170 && v * 100 * area < total * 82;
            }
        }
        Ink { w, h, dark }
    }

    pub fn at(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.w + x]
    }

    pub fn clear(&mut self, x: usize, y: usize) {
        self.dark[y * self.w + x] = false;
    }

    /// Share of the page that is ink.
    pub fn coverage(&self) -> f64 {
        self.dark.iter().filter(|&&d| d).count() as f64 / self.dark.len().max(1) as f64
    }
}

/// The page's skew in degrees (positive: lines fall to the right), from -3° to 3°: the
/// angle at which the ink's rows are sharpest (the sum of squares of the row profile of
/// the sheared ink is largest).
pub fn skew(ink: &Ink) -> f64 {
    // Every other ink pixel in both directions is plenty for a profile.
    let points: Vec<(f64, f64)> = (0..ink.h)
        .step_by(2)
        .flat_map(|y| (0..ink.w).step_by(2).map(move |x| (x, y)))
        .filter(|&(x, y)| ink.at(x, y))
        .map(|(x, y)| (x as f64, y as f64))
        .collect();
    if points.len() < 200 {
        return 0.0;
    }
    // Rows are binned: coarse bins while the angle is far off (a thin line smeared over
    // several rows still peaks), single rows to settle it.
    let score = |deg: f64, bin: f64| {
        let t = deg.to_radians().tan();
        let mut rows = vec![0u32; ink.h + ink.w / 8 + 2];
        let off = (ink.w as f64 * 0.06) as isize;
        for &(x, y) in &points {
            let r = ((y - x * t) / bin).round() as isize + off;
            if let Some(c) = usize::try_from(r).ok().and_then(|r| rows.get_mut(r)) {
                *c += 1;
            }
        }
        rows.iter()
            .map(|&c| u64::from(c) * u64::from(c))
            .sum::<u64>()
    };
    let best = |from: f64, to: f64, step: f64, bin: f64| {
        let n = ((to - from) / step).round() as i32;
        (0..=n)
            .map(|i| from + f64::from(i) * step)
            .max_by_key(|&d| score(d, bin))
            .unwrap_or(0.0)
    };
    let coarse = best(-3.0, 3.0, 0.2, 6.0);
    let finer = best(coarse - 0.2, coarse + 0.2, 0.05, 2.0);
    best(finer - 0.05, finer + 0.05, 0.01, 1.0)
}

/// The picture turned by `-deg` about its centre (bilinear, white outside).
pub fn straighten(gray: &GrayImage, deg: f64) -> GrayImage {
    if deg.abs() < 0.03 {
        return gray.clone();
    }
    let (w, h) = (gray.width(), gray.height());
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let px = |x: i64, y: i64| -> f64 {
        if x < 0 || y < 0 || x >= i64::from(w) || y >= i64::from(h) {
            255.0
        } else {
            f64::from(gray.get_pixel(x as u32, y as u32)[0])
        }
    };
    GrayImage::from_fn(w, h, |x, y| {
        // Where the straight page's pixel lies on the skewed one.
        let (dx, dy) = (x as f64 - cx, y as f64 - cy);
        let (sx, sy) = (cx + dx * c - dy * s, cy + dx * s + dy * c);
        let (x0, y0) = (sx.floor(), sy.floor());
        let (fx, fy) = (sx - x0, sy - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let v = px(x0, y0) * (1.0 - fx) * (1.0 - fy)
            + px(x0 + 1, y0) * fx * (1.0 - fy)
            + px(x0, y0 + 1) * (1.0 - fx) * fy
            + px(x0 + 1, y0 + 1) * fx * fy;
        image::Luma([v.round().clamp(0.0, 255.0) as u8])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Horizontal bars drawn at a known slope.
    fn bars(deg: f64) -> GrayImage {
        let t = deg.to_radians().tan();
        GrayImage::from_fn(900, 600, |x, y| {
            let base = y as f64 - x as f64 * t;
            let on = (base as i64).rem_euclid(40) < 3 && (100..800).contains(&x);
            image::Luma([if on { 0 } else { 255 }])
        })
    }

    #[test]
    fn the_skew_of_ruled_lines_is_found_and_undone() {
        for deg in [-1.2, -0.35, 0.0, 0.4, 2.0] {
            let ink = Ink::of(&bars(deg));
            let found = skew(&ink);
            assert!(
                (found - deg).abs() < 0.06,
                "drawn at {deg}°, found {found}°"
            );
            let straight = Ink::of(&straighten(&bars(deg), found));
            assert!(skew(&straight).abs() < 0.06);
        }
    }

    #[test]
    fn a_grey_ground_with_uneven_light_is_not_ink() {
        // Light falling from 250 to 150 across the page, one dark stroke.
        let g = GrayImage::from_fn(400, 200, |x, y| {
            let ground = 250 - (x * 100 / 400) as u8;
            image::Luma([if (90..94).contains(&y) && x > 50 {
                40
            } else {
                ground
            }])
        });
        let ink = Ink::of(&g);
        assert!(ink.at(300, 91));
        assert!(!ink.at(300, 20) && !ink.at(390, 150));
    }
}
