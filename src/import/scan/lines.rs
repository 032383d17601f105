//! Where the text lies on a page picture: within a region (a table cell, or the page
//! outside its tables), rows of ink separated by blank rows are lines, and a line is cut
//! where a wide blank stands in it. Each piece is then read on its own, so a table's
//! cells never run into each other as they would in OCR's reading order.

use super::ink::Ink;

/// A rectangle of pixels, `x0..x1` × `y0..y1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
}

impl Piece {
    pub fn height(&self) -> usize {
        self.y1 - self.y0
    }
}

/// Bands of rows holding ink in a region: (first row, end row).
pub fn bands(ink: &Ink, r: Piece) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for y in r.y0..r.y1 {
        let n = (r.x0..r.x1).filter(|&x| ink.at(x, y)).count();
        match (n > 0, start) {
            (true, None) => start = Some(y),
            (false, Some(s)) => {
                out.push((s, y));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, r.y1));
    }
    out
}

/// The text pieces of a region, given the page's usual text height (pixels): thin bands
/// (the strokes of 三 or 二 on a line of their own, a stray speck) are joined to a close
/// neighbour; lines are cut at blanks wider than twice their height.
pub fn pieces(ink: &Ink, r: Piece, text_height: usize) -> Vec<Piece> {
    let mut bands = bands(ink, r);
    let thin = text_height * 45 / 100;
    let near = text_height * 6 / 10;
    let mut i = 0;
    while i < bands.len() {
        let (a, b) = bands[i];
        if b - a < thin {
            let up = (i > 0).then(|| a - bands[i - 1].1).filter(|&g| g <= near);
            let down = bands.get(i + 1).map(|n| n.0 - b).filter(|&g| g <= near);
            match (up, down) {
                (Some(u), d) if d.is_none_or(|d| u <= d) => {
                    bands[i - 1].1 = b;
                    bands.remove(i);
                    continue;
                }
                (_, Some(_)) => {
                    bands[i + 1].0 = a;
                    bands.remove(i);
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    bands
        .into_iter()
        .flat_map(|(y0, y1)| cut(ink, r.x0, r.x1, y0, y1))
        .filter(|p| ink_count(ink, *p) >= 6)
        .collect()
}

/// A band cut at wide blanks into pieces, each trimmed to its ink.
fn cut(ink: &Ink, x0: usize, x1: usize, y0: usize, y1: usize) -> Vec<Piece> {
    let h = y1 - y0;
    let wide = (2 * h).max(6);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last = 0;
    for x in x0..x1 {
        if (y0..y1).any(|y| ink.at(x, y)) {
            match start {
                Some(s) if x - last > wide => {
                    out.push(trim(ink, s, last + 1, y0, y1));
                    start = Some(x);
                }
                None => start = Some(x),
                _ => {}
            }
            last = x;
        }
    }
    if let Some(s) = start {
        out.push(trim(ink, s, last + 1, y0, y1));
    }
    out
}

fn trim(ink: &Ink, x0: usize, x1: usize, y0: usize, y1: usize) -> Piece {
    let rows: Vec<usize> = (y0..y1)
        .filter(|&y| (x0..x1).any(|x| ink.at(x, y)))
        .collect();
    Piece {
        x0,
        x1,
        y0: rows.first().copied().unwrap_or(y0),
        y1: rows.last().map_or(y1, |y| y + 1),
    }
}

fn ink_count(ink: &Ink, p: Piece) -> usize {
    (p.y0..p.y1)
        .map(|y| (p.x0..p.x1).filter(|&x| ink.at(x, y)).count())
        .sum()
}

/// The usual height of a line of text in these regions: the median band, ignoring
/// specks.
pub fn text_height(ink: &Ink, regions: &[Piece]) -> usize {
    let mut hs: Vec<usize> = regions
        .iter()
        .flat_map(|r| bands(ink, *r))
        .map(|(a, b)| b - a)
        .filter(|&h| h >= 6)
        .collect();
    hs.sort_unstable();
    hs.get(hs.len() / 2).copied().unwrap_or(20)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::GrayImage;

    #[test]
    fn strokes_of_one_character_make_one_piece_and_far_words_two() {
        // "三" alone: three strokes 3 px high, 6 px apart; then a line of two words.
        let g = GrayImage::from_fn(400, 200, |x, y| {
            let san =
                (20..44).contains(&x) && [10, 19, 28].iter().any(|&s| (s..s + 3).contains(&y));
            let words = (80..100).contains(&y)
                && ((20..120).contains(&x) || (250..300).contains(&x))
                && x % 7 != 0;
            image::Luma([if san || words { 0 } else { 255 }])
        });
        let ink = Ink::of(&g);
        let all = Piece {
            x0: 0,
            y0: 0,
            x1: 400,
            y1: 200,
        };
        let p = pieces(&ink, all, 20);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!((p[0].y0, p[0].y1), (10, 31));
        assert!(p[1].x1 <= 120 && p[2].x0 >= 250);
    }
}
