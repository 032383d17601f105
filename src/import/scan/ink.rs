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

/// A summed-area table: the sum of any rectangle of a picture's values in constant time.
pub struct SummedArea {
    w: usize,
    /// One row and one column of zeros in front.
    sum: Vec<u64>,
}

impl SummedArea {
    /// The table of a `w` × `h` picture whose pixel `i` (row by row) has `value(i)`.
    pub fn new(w: usize, h: usize, value: impl Fn(usize) -> u64) -> SummedArea {
        let mut sum = vec![0u64; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u64;
            for x in 0..w {
                row += value(y * w + x);
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        SummedArea { w, sum }
    }

    /// The sum over `x0..x1` × `y0..y1`.
    pub fn rect(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> u64 {
        let s = |x: usize, y: usize| self.sum[y * (self.w + 1) + x];
        s(x1, y1) + s(x0, y0) - s(x1, y0) - s(x0, y1)
    }
}

impl Ink {
    /// Ink where a pixel is clearly darker than its neighbourhood (Bradley's threshold
    /// over a window of about a fortieth of the page) and not pale grey.
    pub fn of(gray: &GrayImage) -> Ink {
        let (w, h) = (gray.width() as usize, gray.height() as usize);
        let px = gray.as_raw();
        let sums = SummedArea::new(w, h, |i| u64::from(px[i]));
        let r = (w / 80).max(8);
        let mut dark = vec![false; w * h];
        for y in 0..h {
            let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
            for x in 0..w {
                let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
                let area = ((y1 - y0) * (x1 - x0)) as u64;
                let total = sums.rect(x0, y0, x1, y1);
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

/// Makes white what lies beyond the sheet of paper: a photographed page lies on a desk,
/// and the sheet's edge and the desk's grain would come out as ink. The paper is told
/// from the desk by brightness (Otsu's threshold over the brightest of each small block,
/// so a page in uneven light stays paper); per row and per column the sheet runs from the
/// first to the last long run of paper, and what is outside it, or within `margin` of its
/// edge, is made white. A scan, all paper, is left as it is.
pub fn whiten_beyond_sheet(gray: &mut GrayImage, margin: usize) {
    let Some(paper) = paper_threshold(gray) else {
        return;
    };
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let mut beyond = vec![false; w * h];
    let px = gray.as_raw();
    let run = (w.min(h) / 60).max(8);
    // The sheet's extent along one line of `n` pixels read by `at`.
    let extent = |n: usize, at: &dyn Fn(usize) -> u8| -> Option<(usize, usize)> {
        let (mut first, mut last, mut start) = (None, None, None);
        for i in 0..=n {
            match (i < n && at(i) >= paper, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if i - s >= run {
                        first.get_or_insert(s);
                        last = Some(i);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        first.zip(last)
    };
    for y in 0..h {
        let (a, b) = extent(w, &|x| px[y * w + x]).unwrap_or((w, w));
        if a > 0 || b < w {
            for x in (0..(a + margin).min(w)).chain(b.saturating_sub(margin)..w) {
                beyond[y * w + x] = true;
            }
        }
    }
    for x in 0..w {
        let (a, b) = extent(h, &|y| px[y * w + x]).unwrap_or((h, h));
        if a > 0 || b < h {
            for y in (0..(a + margin).min(h)).chain(b.saturating_sub(margin)..h) {
                beyond[y * w + x] = true;
            }
        }
    }
    for (p, out) in gray.iter_mut().zip(beyond) {
        if out {
            *p = 255;
        }
    }
}

/// The grey that parts paper from a darker ground around it, if the picture shows any
/// ground: Otsu's threshold over each 32 × 32 block's brightest (its 95th percentile),
/// taken only when the darker class is a ground (a hundredth of the blocks at least,
/// clearly darker than the paper).
fn paper_threshold(gray: &GrayImage) -> Option<u8> {
    const B: u32 = 32;
    let (w, h) = gray.dimensions();
    let mut tops = Vec::new();
    let mut block = Vec::with_capacity((B * B) as usize);
    for by in (0..h).step_by(B as usize) {
        for bx in (0..w).step_by(B as usize) {
            block.clear();
            for y in by..(by + B).min(h) {
                for x in bx..(bx + B).min(w) {
                    block.push(gray.get_pixel(x, y)[0]);
                }
            }
            let k = (block.len() * 95 / 100).min(block.len() - 1);
            tops.push(*block.select_nth_unstable(k).1);
        }
    }
    let mut hist = [0u64; 256];
    for &t in &tops {
        hist[t as usize] += 1;
    }
    let n = tops.len() as f64;
    let total: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut best, mut best_t) = (0.0, 0usize);
    let (mut w0, mut sum0) = (0.0, 0.0);
    for (t, &count) in hist.iter().enumerate() {
        w0 += count as f64;
        sum0 += t as f64 * count as f64;
        if w0 == 0.0 || w0 == n {
            continue;
        }
        let (m0, m1) = (sum0 / w0, (total - sum0) / (n - w0));
        let between = w0 * (n - w0) * (m0 - m1) * (m0 - m1);
        if between > best {
            (best, best_t) = (between, t);
        }
    }
    let dark: Vec<u8> = tops
        .iter()
        .copied()
        .filter(|&t| t as usize <= best_t)
        .collect();
    let light: Vec<u8> = tops
        .iter()
        .copied()
        .filter(|&t| t as usize > best_t)
        .collect();
    let mean = |v: &[u8]| v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len().max(1) as f64;
    let ground = dark.len() * 100 >= tops.len() && mean(&dark) < 0.7 * mean(&light);
    ground.then_some(best_t as u8 + 1)
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
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let src = gray.as_raw();
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let px = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= w as i64 || y >= h as i64 {
            255.0
        } else {
            f32::from(src[y as usize * w + x as usize])
        }
    };
    let mut out = vec![255u8; w * h];
    for (y, row) in out.chunks_exact_mut(w).enumerate() {
        let dy = y as f64 - cy;
        // Where the straight row's first pixel lies on the skewed page, and the step
        // along it: one multiplication a row instead of four a pixel.
        let (mut sx, mut sy) = (cx - cx * c - dy * s, cy - cx * s + dy * c);
        for v in row.iter_mut() {
            let (x0, y0) = (sx.floor(), sy.floor());
            let (fx, fy) = ((sx - x0) as f32, (sy - y0) as f32);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let top = px(x0, y0) * (1.0 - fx) + px(x0 + 1, y0) * fx;
            let bottom = px(x0, y0 + 1) * (1.0 - fx) + px(x0 + 1, y0 + 1) * fx;
            *v = (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8;
            sx += c;
            sy += s;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("a buffer of the picture's size")
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
    fn the_desk_around_a_photographed_sheet_is_made_white_and_a_scan_kept() {
        // A sheet from (60, 40) to (540, 760) on a desk of 100, lit from 250 down to 170,
        // with a line of "text" near its left edge.
        let photo = GrayImage::from_fn(600, 800, |x, y| {
            let light = 250 - (y * 80 / 800) as u8;
            let sheet = (60..540).contains(&x) && (40..760).contains(&y);
            let text = (100..400).contains(&x) && (300..310).contains(&y);
            image::Luma([match (sheet, text) {
                (true, true) => 30,
                (true, false) => light,
                _ => 100,
            }])
        });
        let mut g = photo.clone();
        whiten_beyond_sheet(&mut g, 4);
        assert_eq!(g.get_pixel(20, 400)[0], 255, "desk");
        assert_eq!(g.get_pixel(300, 780)[0], 255, "desk below, in dim light");
        assert_eq!(g.get_pixel(200, 700), photo.get_pixel(200, 700), "paper");
        assert_eq!(g.get_pixel(150, 305)[0], 30, "text");
        assert!(!Ink::of(&g).at(58, 400), "the sheet's edge is no ink");
        // A scan: paper to the picture's edges, nothing changes.
        let scan = GrayImage::from_fn(600, 800, |x, y| {
            image::Luma([if (100..400).contains(&x) && (300..310).contains(&y) {
                30
            } else {
                245
            }])
        });
        let mut kept = scan.clone();
        whiten_beyond_sheet(&mut kept, 4);
        assert_eq!(kept, scan);
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
