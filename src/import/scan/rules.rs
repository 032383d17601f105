//! The ruling lines of tables on a page picture: long thin runs of ink, horizontal and
//! vertical, allowing the small breaks a scan leaves in a printed line. They are handed to
//! the layout analysis as a PDF's drawn rules are, and taken out of the ink so that the
//! text between them is read cell by cell.

use super::ink::Ink;

/// A ruling line in pixels: `at` is its middle across, `from..to` its extent along.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub at: f64,
    pub from: usize,
    pub to: usize,
}

/// Gaps in a printed line a scan may leave (pixels).
const BREAK: usize = 3;

/// Horizontal and vertical rules that cross a rule of the other direction (a long
/// stroke of a bold character crosses none), and the ink with them taken out.
pub fn find(ink: &Ink) -> (Vec<Rule>, Vec<Rule>, Ink) {
    // A table's horizontal rule spans at least two of its narrowest columns; a heading's
    // "一" is shorter. A vertical rule spans at least one row, taller than a character.
    let h_min = ink.w * 6 / 100;
    let v_min = ink.h * 18 / 1000;
    let thick = (ink.w / 250).max(3);
    let h = runs(ink, true, h_min, thick);
    let v = runs(ink, false, v_min, thick);
    let reach = (thick + 2) as f64;
    let meets = |r: &Band, others: &[Band]| {
        others.iter().any(|o| {
            o.rule.at >= r.rule.from as f64 - reach
                && o.rule.at <= r.rule.to as f64 + reach
                && r.rule.at >= o.rule.from as f64 - reach
                && r.rule.at <= o.rule.to as f64 + reach
        })
    };
    let h_kept: Vec<&Band> = h.iter().filter(|r| meets(r, &v)).collect();
    let v_kept: Vec<&Band> = v.iter().filter(|r| meets(r, &h)).collect();
    let mut text = ink.clone();
    for b in &h_kept {
        for &(y, from, to) in &b.runs {
            (from..to).for_each(|x| text.clear(x, y));
        }
    }
    for b in &v_kept {
        for &(x, from, to) in &b.runs {
            (from..to).for_each(|y| text.clear(x, y));
        }
    }
    let rules = |kept: Vec<&Band>| kept.into_iter().map(|b| b.rule).collect();
    (rules(h_kept), rules(v_kept), text)
}

/// A rule with the runs of ink it is made of (line across, from, to).
struct Band {
    rule: Rule,
    runs: Vec<(usize, usize, usize)>,
}

/// Runs along one direction merged across neighbouring lines into rules, if they stay
/// thin.
fn runs(ink: &Ink, horizontal: bool, min: usize, thick: usize) -> Vec<Band> {
    let (len, across) = if horizontal {
        (ink.w, ink.h)
    } else {
        (ink.h, ink.w)
    };
    let at = |along: usize, a: usize| {
        if horizontal {
            ink.at(along, a)
        } else {
            ink.at(a, along)
        }
    };
    // Per line across: its long runs.
    let mut lines: Vec<Vec<(usize, usize)>> = vec![Vec::new(); across];
    for (a, found) in lines.iter_mut().enumerate() {
        let mut start: Option<usize> = None;
        let mut last = 0usize;
        for i in 0..len {
            if at(i, a) {
                if start.is_none() || i > last + BREAK {
                    if let Some(s) = start
                        && last + 1 - s >= min
                    {
                        found.push((s, last + 1));
                    }
                    start = Some(i);
                }
                last = i;
            }
        }
        if let Some(s) = start
            && last + 1 - s >= min
        {
            found.push((s, last + 1));
        }
    }
    // Runs in consecutive lines that overlap are one rule. A line left a little askew
    // (a skewed scan, a photograph's perspective) steps across lines, so a rule is judged
    // by its mean thickness (ink over length), and may drift by a degree along its
    // length; a solid block is thick either way.
    let mut bands = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let close = |o: Open, bands: &mut Vec<Band>| {
        let length = o.to - o.from;
        if o.ink / length as f64 <= thick as f64 && o.a1 + 1 - o.a0 <= 2 * thick + length / 57 {
            bands.push(Band {
                rule: Rule {
                    at: o.moment / o.ink,
                    from: o.from,
                    to: o.to,
                },
                runs: o.runs,
            });
        }
    };
    for (a, found) in lines.iter().enumerate() {
        let mut next = Vec::new();
        for &(from, to) in found {
            let ink = (to - from) as f64;
            match open
                .iter()
                .position(|o| o.a1 + 1 == a && from < o.to && to > o.from)
            {
                Some(i) => {
                    let mut o = open.swap_remove(i);
                    o.a1 = a;
                    o.from = o.from.min(from);
                    o.to = o.to.max(to);
                    o.ink += ink;
                    o.moment += ink * a as f64;
                    o.runs.push((a, from, to));
                    next.push(o);
                }
                None => next.push(Open {
                    a0: a,
                    a1: a,
                    from,
                    to,
                    ink,
                    moment: ink * a as f64,
                    runs: vec![(a, from, to)],
                }),
            }
        }
        for o in open.drain(..) {
            close(o, &mut bands);
        }
        open = next;
    }
    for o in open.drain(..) {
        close(o, &mut bands);
    }
    bands
}

/// A rule being gathered line by line: the lines it covers, its extent along, its ink
/// (pixels), the ink's first moment across (for its middle) and its runs.
struct Open {
    a0: usize,
    a1: usize,
    from: usize,
    to: usize,
    ink: f64,
    moment: f64,
    runs: Vec<(usize, usize, usize)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::GrayImage;

    #[test]
    fn a_grid_with_breaks_is_found_and_text_inside_is_kept() {
        // A 3 x 2 grid 2 px thick with a 2-px break in one rule, and a "text" blob.
        let g = GrayImage::from_fn(1000, 700, |x, y| {
            let h = [100u32, 300, 500].iter().any(|&r| (r..r + 2).contains(&y))
                && (100..=900).contains(&x);
            let v = [100u32, 500, 900].iter().any(|&r| (r..r + 2).contains(&x))
                && (100..=501).contains(&y);
            let broken = y == 300 || y == 301;
            let gap = broken && (400..402).contains(&x);
            let blob = (150..170).contains(&x) && (180..200).contains(&y);
            image::Luma([if (h && !gap) || v || blob { 0 } else { 255 }])
        });
        let ink = Ink::of(&g);
        let (h, v, text) = find(&ink);
        assert_eq!(h.len(), 3, "{h:?}");
        assert!(h.iter().all(|r| r.from <= 101 && r.to >= 899));
        assert_eq!(v.len(), 3, "{v:?}");
        assert!(text.at(160, 190), "text inside a cell stays");
        let (lone, _, _) = find(&Ink::of(&GrayImage::from_fn(1000, 700, |x, y| {
            image::Luma([if (300..302).contains(&y) && (100..900).contains(&x) {
                0
            } else {
                255
            }])
        })));
        assert!(
            lone.is_empty(),
            "a rule crossing none is a stroke, not a table's"
        );
        assert!(
            !text.at(300, 100) && !text.at(500, 400),
            "rules are taken out"
        );
    }
}
