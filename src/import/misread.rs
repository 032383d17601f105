//! Digits OCR may have misread, checked against the template's equations once a scan's
//! tables are read. A report's tables carry their own checksums: when some equations fail
//! and exactly one change of one digit of one cell read by OCR makes every equation hold,
//! that digit was misread — it is corrected, and a note says so. Otherwise a row whose own
//! sum fails is not kept: its cells read by OCR are left empty with what was read in the
//! note (one of them is wrong, and nothing says which); a failure across rows stays 待核对
//! through the cells' OCR marks.

use super::Note;
use super::scan::UNSURE;
use crate::model::{Cell, Origin, Provenance, Report};
use crate::template::{CellId, Check, Equation, Instance, Term};

/// The equations whose every cell holds a whole number: (equation, instance).
fn checkable(r: &Report) -> Vec<(&'static Equation, &'static Instance)> {
    let t = r.template;
    t.rules
        .iter()
        .filter_map(|rule| match &rule.check {
            Check::Equation(eq) => Some(eq),
            _ => None,
        })
        .flat_map(|eq| eq.instances.iter().map(move |i| (eq, i)))
        .filter(|(_, i)| {
            i.lhs
                .iter()
                .chain(&i.rhs)
                .all(|term| matches!(term, Term::This(c) if r.cell(*c).int().is_some()))
        })
        .collect()
}

fn holds(r: &Report, eq: &Equation, inst: &Instance) -> bool {
    let sums = eq.eval(inst, |term| match term {
        Term::This(c) => Some(r.cell(c).int()),
        Term::Prev(_) => None,
    });
    sums.is_some_and(|s| s.lhs == s.rhs)
}

fn cells(inst: &Instance) -> impl Iterator<Item = CellId> + '_ {
    inst.lhs.iter().chain(&inst.rhs).filter_map(|t| match t {
        Term::This(c) => Some(*c),
        Term::Prev(_) => None,
    })
}

/// Every number one digit away from `n` (same number of digits, no leading zero).
fn one_digit_away(n: i64) -> Vec<i64> {
    let digits: Vec<u8> = n.to_string().bytes().collect();
    let mut out = Vec::new();
    for (i, &d) in digits.iter().enumerate() {
        for b in b'0'..=b'9' {
            if b == d || (i == 0 && b == b'0' && digits.len() > 1) {
                continue;
            }
            let mut v = digits.clone();
            v[i] = b;
            if let Ok(m) = std::str::from_utf8(&v).unwrap_or("").parse() {
                out.push(m);
            }
        }
    }
    out
}

/// Fills the digits OCR could not read (□) where exactly one digit makes every equation
/// hold, then corrects a single misread digit or leaves failing rows for the user; the
/// notes say what was done.
pub(super) fn check(r: &mut Report) -> Vec<Note> {
    let mut notes = fill_unread(r);
    notes.extend(correct(r));
    notes
}

/// Every way of writing digits into the □ of `text` (at most two of them).
fn readings(text: &str) -> Vec<String> {
    let holes = text.matches(UNSURE).count();
    if holes == 0 || holes > 2 {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    for ch in text.chars() {
        out = if ch == UNSURE {
            out.iter()
                .flat_map(|s| ('0'..='9').map(move |d| format!("{s}{d}")))
                .collect()
        } else {
            out.into_iter().map(|s| s + &ch.to_string()).collect()
        };
    }
    out
}

/// Cells holding □: each filled when exactly one reading makes every equation that can
/// then be summed hold, one cell at a time until none is left that the others decide.
fn fill_unread(r: &mut Report) -> Vec<Note> {
    let t = r.template;
    let mut notes = Vec::new();
    loop {
        let mut progress = false;
        for c in (0..t.tables.len()).flat_map(|ti| t.table_cells(ti)) {
            let Cell::Invalid(text) = r.cell(c).clone() else {
                continue;
            };
            let mut fits = Vec::new();
            for reading in readings(&text) {
                r.set_input(c, &reading);
                let eqs = checkable(r);
                let involved = eqs.iter().any(|(_, i)| cells(i).any(|x| x == c));
                if involved && eqs.iter().all(|(eq, i)| holds(r, eq, i)) {
                    fits.push(reading);
                }
            }
            match fits.as_slice() {
                [one] => {
                    r.set_input(c, one);
                    let message = format!(
                        "{} 扫描件中有数字不清（读作“{text}”），按勾稽关系只能是 {one}，已填入，请与原件核对",
                        t.cell_label(c)
                    );
                    r.set_origin(c, Provenance::new(Origin::Ocr, message.clone()));
                    notes.push(Note::warn(message).cells(vec![c]).origin(Origin::Ocr));
                    progress = true;
                }
                _ => r.set_input(c, &text),
            }
        }
        if !progress {
            return notes;
        }
    }
}

/// Corrects a single misread digit or leaves failing rows for the user.
fn correct(r: &mut Report) -> Vec<Note> {
    let eqs = checkable(r);
    let failing: Vec<&Instance> = eqs
        .iter()
        .filter(|(eq, i)| !holds(r, eq, i))
        .map(|(_, i)| *i)
        .collect();
    if failing.is_empty() {
        return Vec::new();
    }
    let mut suspects: Vec<CellId> = failing
        .iter()
        .flat_map(|i| cells(i))
        .filter(|&c| r.origin(c).is_some_and(|p| p.from == Origin::Ocr))
        .collect();
    suspects.sort();
    suspects.dedup();
    let mut fixes = Vec::new();
    for &c in &suspects {
        let Some(was) = r.cell(c).int() else { continue };
        for candidate in one_digit_away(was) {
            r.set_input(c, &candidate.to_string());
            if eqs.iter().all(|(eq, i)| holds(r, eq, i)) {
                fixes.push((c, was, candidate));
            }
        }
        r.set_input(c, &was.to_string());
    }
    let label = |r: &Report, c: CellId| r.template.cell_label(c);
    if let [(c, was, now)] = fixes[..] {
        r.set_input(c, &now.to_string());
        let message = format!(
            "{} 扫描件识别为 {was}，只有改为 {now} 才能使各项勾稽关系都成立，已按此更正，请与原件核对",
            label(r, c)
        );
        r.set_origin(c, Provenance::new(Origin::Ocr, message.clone()));
        return vec![Note::warn(message).cells(vec![c]).origin(Origin::Ocr)];
    }
    let mut notes = Vec::new();
    let t = r.template;
    for inst in failing {
        // In the template's order, which is the row's printed order.
        let mut ids: Vec<CellId> = cells(inst).collect();
        ids.sort();
        let one_row = ids.windows(2).all(|w| {
            let (a, b) = (&t.cells[w[0].index()], &t.cells[w[1].index()]);
            a.table == b.table && a.row == b.row
        });
        let ocr: Vec<CellId> = ids
            .iter()
            .copied()
            .filter(|&c| r.origin(c).is_some_and(|p| p.from == Origin::Ocr))
            .collect();
        if !one_row || ocr.is_empty() || ids.iter().any(|&c| r.cell(c).is_empty()) {
            continue;
        }
        let read: Vec<String> = ids.iter().map(|&c| r.cell(c).text().into_owned()).collect();
        let message = format!(
            "{}：扫描件识别为“{}”，本行的勾稽关系不成立，至少有一个数字识别有误，已留空，请对照原件填写",
            inst.label,
            read.join(" ")
        );
        for &c in &ocr {
            let Cell::Int(_) = r.cell(c) else { continue };
            r.set_input(c, "");
            r.set_origin(c, Provenance::new(Origin::Unreadable, message.clone()));
        }
        notes.push(Note::warn(message).cells(ocr).origin(Origin::Unreadable));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::draft;

    /// A balanced real report as if every table cell had been read by OCR.
    fn scanned() -> Report {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/real/yunling-2022.ron"
        );
        let mut r = draft::load(std::path::Path::new(path)).unwrap();
        let t = r.template;
        for c in (0..t.tables.len()).flat_map(|ti| t.table_cells(ti)) {
            if !r.cell(c).is_empty() {
                r.set_origin(c, Provenance::new(Origin::Ocr, ""));
            }
        }
        r
    }

    fn id(r: &Report, table: &str, row: &str, col: &str) -> CellId {
        r.template.cell_id(table, row, col).unwrap()
    }

    #[test]
    fn a_balanced_scan_is_left_as_read() {
        let mut r = scanned();
        let before = r.clone();
        assert!(check(&mut r).is_empty());
        assert_eq!(r, before);
    }

    #[test]
    fn one_misread_digit_that_only_one_correction_explains_is_corrected_with_a_note() {
        let mut r = scanned();
        let c = id(&r, "t3", "o1", "natural");
        assert_eq!(r.cell(c).text(), "31");
        r.set_input(c, "37");
        let notes = check(&mut r);
        assert_eq!(r.cell(c).text(), "31");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].message.contains("扫描件识别为 37，只有改为 31"),
            "{}",
            notes[0].message
        );
        assert_eq!(r.origin(c).unwrap().from, Origin::Ocr);
    }

    #[test]
    fn a_digit_that_could_not_be_read_is_filled_only_where_the_equations_decide_it() {
        let mut r = scanned();
        let c = id(&r, "t3", "o4_1", "natural");
        assert_eq!(r.cell(c).text(), "12");
        r.set_input(c, "1□");
        let notes = check(&mut r);
        assert_eq!(r.cell(c).text(), "12");
        assert!(
            notes[0].message.contains("读作“1□”），按勾稽关系只能是 12"),
            "{notes:?}"
        );
        // Four unread cells at the corners of a rectangle: every equation through them
        // has two unknowns, so none is decided; they stay as found.
        let mut r = scanned();
        let corners: Vec<CellId> = [
            ("o1", "natural"),
            ("o1", "commercial"),
            ("o2", "natural"),
            ("o2", "commercial"),
        ]
        .iter()
        .map(|(row, col)| id(&r, "t3", row, col))
        .collect();
        for &c in &corners {
            r.set_input(c, "□");
        }
        assert!(check(&mut r).is_empty());
        assert!(corners.iter().all(|&c| r.cell(c).text() == "□"));
    }

    #[test]
    fn a_row_whose_sum_fails_in_more_ways_than_one_is_left_for_the_user() {
        let mut r = scanned();
        // Two digits misread in one row: no single correction explains it.
        let a = id(&r, "t3", "o3_4", "natural");
        let b = id(&r, "t3", "o3_4", "commercial");
        r.set_input(a, "8");
        r.set_input(b, "7");
        let notes = check(&mut r);
        assert!(
            r.cell(a).is_empty() && r.cell(b).is_empty(),
            "{:?} {:?}",
            r.cell(a),
            r.cell(b)
        );
        assert_eq!(r.origin(a).unwrap().from, Origin::Unreadable);
        assert!(
            notes
                .iter()
                .any(|n| n.message.contains("扫描件识别为“8 7 0 0 0 0 4”")),
            "{notes:?}"
        );
    }

    #[test]
    fn numbers_one_digit_away_keep_their_length() {
        let near = one_digit_away(87);
        assert_eq!(near.len(), 17);
        assert!(near.contains(&37) && near.contains(&80) && !near.contains(&7));
        assert_eq!(one_digit_away(0).len(), 9);
    }
}
