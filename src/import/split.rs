//! Splitting a row whose digits ran together ("713000074") into its cells.
//!
//! Every way of cutting the digits into one number per cell is tried (no leading zeros,
//! as printed numbers have none), and only the cuts that keep the template's equations
//! within the row (row total = sum of the applicant columns; 复议/诉讼 总计 = sum of the
//! outcomes) survive. Equations across rows narrow the rest later.

use crate::model::value::MAX_INT_DIGITS;
use crate::template::{CellId, Check, Template, Term};

/// Cuts tried before giving up: a long run with few constraints explodes combinatorially,
/// and a user is better served by an empty row and a note than by a long wait.
const MAX_STEPS: usize = 1_000_000;
/// Candidates kept; more than this is ambiguous anyway.
const MAX_CANDIDATES: usize = 64;

pub enum Split {
    /// Candidate values (one per cell) that keep the row's equations; may be empty.
    Many(Vec<Vec<i64>>),
    TooLong,
}

/// The splits of `digits` over `cells` that keep the equations lying within `cells`.
pub fn candidates(t: &Template, cells: &[CellId], digits: &str) -> Split {
    let n = cells.len();
    if n == 0 || digits.len() < n || digits.len() > n * MAX_INT_DIGITS {
        return Split::Many(Vec::new());
    }
    let eqs = row_equations(t, cells);
    // A cell that is alone on one side of an equation whose other cells all come before
    // it is determined when it is reached (row totals, group totals): the search then
    // only checks that the digits spell it.
    let mut fixed: Vec<Option<usize>> = vec![None; n];
    for (e, (l, r)) in eqs.iter().enumerate() {
        for (one, other) in [(l, r), (r, l)] {
            if let [i] = one.as_slice()
                && other.iter().all(|o| o < i)
                && fixed[*i].is_none()
            {
                fixed[*i] = Some(e);
            }
        }
    }
    let mut search = Search {
        n,
        eqs: &eqs,
        fixed: &fixed,
        cur: Vec::with_capacity(n),
        out: Vec::new(),
        steps: 0,
    };
    if !search.cut(digits.as_bytes()) {
        return Split::TooLong;
    }
    Split::Many(search.out)
}

/// The equations lying within `cells` (a row's): (lhs positions, rhs positions).
fn row_equations(t: &Template, cells: &[CellId]) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut eqs = Vec::new();
    for rule in &t.rules {
        let Check::Equation(eq) = &rule.check else {
            continue;
        };
        'inst: for inst in &eq.instances {
            let mut sides: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
            for (side, terms) in [&inst.lhs, &inst.rhs].into_iter().enumerate() {
                for term in terms {
                    let Term::This(id) = *term else {
                        continue 'inst;
                    };
                    match cells.iter().position(|&c| c == id) {
                        Some(p) => sides[side].push(p),
                        None => continue 'inst,
                    }
                }
            }
            let [l, r] = sides;
            eqs.push((l, r));
        }
    }
    eqs
}

/// Whether values read for `cells` keep the row's own equations: `None` when the row has
/// none (nothing to tell a right reading from a wrong one); an empty value counts as 0.
pub fn row_holds(t: &Template, cells: &[CellId], vals: &[Option<i64>]) -> Option<bool> {
    let eqs = row_equations(t, cells);
    if eqs.is_empty() {
        return None;
    }
    let vals: Vec<i64> = vals.iter().map(|v| v.unwrap_or(0)).collect();
    Some(holds(&eqs, &vals))
}

struct Search<'a> {
    n: usize,
    eqs: &'a [(Vec<usize>, Vec<usize>)],
    fixed: &'a [Option<usize>],
    cur: Vec<i64>,
    out: Vec<Vec<i64>>,
    steps: usize,
}

impl Search<'_> {
    /// Depth-first cutting; false when the step budget ran out.
    fn cut(&mut self, rest: &[u8]) -> bool {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return false;
        }
        let i = self.cur.len();
        let left = self.n - i;
        if left == 0 {
            if rest.is_empty() && holds(self.eqs, &self.cur) && self.out.len() < MAX_CANDIDATES {
                self.out.push(self.cur.clone());
            }
            return true;
        }
        if rest.len() < left || rest.len() > left * MAX_INT_DIGITS {
            return true;
        }
        if let Some(e) = self.fixed[i] {
            let (l, r) = &self.eqs[e];
            let other = if l.as_slice() == [i] { r } else { l };
            let v: i64 = other.iter().map(|&o| self.cur[o]).sum();
            let s = v.to_string();
            if v < 0 || !rest.starts_with(s.as_bytes()) {
                return true;
            }
            self.cur.push(v);
            let ok = self.cut(&rest[s.len()..]);
            self.cur.pop();
            return ok;
        }
        // Each remaining cell needs at least one digit; printed numbers have no leading 0.
        let max_len = (rest.len() - (left - 1)).min(MAX_INT_DIGITS);
        for len in 1..=max_len {
            if len > 1 && rest[0] == b'0' {
                break;
            }
            let Some(v) = std::str::from_utf8(&rest[..len])
                .ok()
                .and_then(|s| s.parse::<i64>().ok())
            else {
                break;
            };
            self.cur.push(v);
            let ok = self.cut(&rest[len..]);
            self.cur.pop();
            if !ok {
                return false;
            }
        }
        true
    }
}

fn holds(eqs: &[(Vec<usize>, Vec<usize>)], vals: &[i64]) -> bool {
    eqs.iter().all(|(l, r)| {
        l.iter().map(|&i| vals[i]).sum::<i64>() == r.iter().map(|&i| vals[i]).sum::<i64>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    fn row(t: &Template, table: &str, row: &str) -> Vec<CellId> {
        let ti = t.table_index(table).unwrap();
        let ri = t.tables[ti].rows.iter().position(|r| r.id == row).unwrap();
        (0..)
            .map_while(|c| t.cell_at(ti, ri, c))
            .take(
                t.tables[ti].blocks[t.tables[ti].rows[ri].block]
                    .columns
                    .len(),
            )
            .collect()
    }

    #[test]
    fn the_example_of_the_format_splits_one_way() {
        let t = template::get("gov-info-annual-2021").unwrap();
        let cells = row(t, "t3", "r1");
        let Split::Many(c) = candidates(t, &cells, "713000074") else {
            panic!("too long")
        };
        assert_eq!(c, vec![vec![71, 3, 0, 0, 0, 0, 74]]);
    }

    #[test]
    fn ambiguous_runs_give_every_candidate() {
        let t = template::get("gov-info-annual-2021").unwrap();
        let cells = row(t, "t3", "r1");
        let Split::Many(c) = candidates(t, &cells, "1210000022") else {
            panic!()
        };
        assert_eq!(c, vec![vec![12, 10, 0, 0, 0, 0, 22]]);
        let Split::Many(c) = candidates(t, &cells, "11110000") else {
            panic!()
        };
        assert!(c.is_empty(), "{c:?}");
        let Split::Many(c) = candidates(t, &cells, "1030121228") else {
            panic!()
        };
        assert_eq!(c.len(), 3, "{c:?}");
    }

    #[test]
    fn table_four_group_totals_constrain_the_split() {
        let t = template::get("gov-info-annual-2021").unwrap();
        let cells = row(t, "t4", "cases");
        let Split::Many(c) = candidates(t, &cells, "12000120000000000") else {
            panic!()
        };
        let mut want = vec![12, 0, 0, 0, 12];
        want.extend([0; 10]);
        assert_eq!(c, vec![want]);
    }
}
