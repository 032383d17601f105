//! Last year's report set beside this year's: which of its cells stand for which of ours,
//! and whether it is last year's report of this agency at all.
//!
//! Cells are matched by their ids (table, row, column), which the templates share wherever
//! two formats mean the same thing; a cell with no counterpart is not compared, so a 2019
//! report beside a 2021 one compares only what maps and never a row of another meaning.

use super::Report;
use super::value::Cell;
use crate::template::CellId;

/// Last year's report, matched cell by cell to this year's.
pub struct LastYear<'a> {
    pub report: &'a Report,
    /// For each of this year's cells, last year's cell of the same meaning; `None` when
    /// both are in one format, cell for cell (nothing is allocated: the validator
    /// matches last year's report on every keystroke).
    map: Option<Vec<Option<CellId>>>,
    /// Cells of this year's format that last year's format has.
    pub matched: usize,
}

/// Why last year's report is not compared with this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// Its year is not the one before this report's.
    Year { this: i32, last: i32 },
    /// It is another agency's.
    Agency { this: String, last: String },
}

impl Mismatch {
    /// The reason, in the user's words.
    pub fn message(&self) -> String {
        match self {
            Mismatch::Year { this, last } => format!(
                "选作上年报告的是 {last} 年度报告，不是 {this} 年度的上一年（{}），未与之比较",
                this - 1
            ),
            Mismatch::Agency { this, last } => {
                format!("选作上年报告的是“{last}”的报告，与本报告的机关“{this}”不同，未与之比较")
            }
        }
    }
}

impl<'a> LastYear<'a> {
    /// Last year's report beside `this`, or why it may not be compared.
    pub fn of(this: &Report, last: &'a Report) -> Result<LastYear<'a>, Mismatch> {
        if last.year != this.year - 1 {
            return Err(Mismatch::Year {
                this: this.year,
                last: last.year,
            });
        }
        let unnamed = |s: &str| s.trim().is_empty();
        if !unnamed(&this.agency)
            && !unnamed(&last.agency)
            && !same_agency(&this.agency, &last.agency)
        {
            return Err(Mismatch::Agency {
                this: this.agency.trim().to_string(),
                last: last.agency.trim().to_string(),
            });
        }
        let t = this.template;
        if std::ptr::eq(t, last.template) {
            return Ok(LastYear {
                report: last,
                map: None,
                matched: t.cells.len(),
            });
        }
        let map: Vec<Option<CellId>> = (0..t.cells.len())
            .map(|i| {
                let (table, row, col) = t.cell_ids(CellId(i as u16));
                last.template.cell_id(table, row, col)
            })
            .collect();
        let matched = map.iter().filter(|m| m.is_some()).count();
        Ok(LastYear {
            report: last,
            map: Some(map),
            matched,
        })
    }

    /// Whether last year's report is in another format than this year's.
    pub fn other_format(&self, this: &Report) -> bool {
        !std::ptr::eq(this.template, self.report.template)
    }

    /// Last year's value of the cell that means what `id` means this year.
    pub fn cell(&self, id: CellId) -> Option<&'a Cell> {
        let last = match &self.map {
            None => id,
            Some(map) => map.get(id.index()).copied().flatten()?,
        };
        Some(self.report.cell(last))
    }
}

/// Whether two names are the same agency's: compared without spaces (a name typed with a
/// stray space is the same agency) and without allocating (the validator and 批量检查 ask
/// on every keystroke and every frame).
pub fn same_agency(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .filter(|c| !c.is_whitespace())
            .eq(b.chars().filter(|c| !c.is_whitespace()))
}

/// How a figure changed from last year, as a report words it: "增长12.3%", "下降5%",
/// "与上年持平"; `None` when last year's was 0 (no share of nothing).
pub fn change_words(this: f64, last: f64) -> Option<String> {
    if last == 0.0 {
        return (this == 0.0).then(|| "与上年持平".to_string());
    }
    let pct = (this - last) / last * 100.0;
    let rounded = (pct * 10.0).round() / 10.0;
    Some(if rounded == 0.0 {
        "与上年持平".to_string()
    } else if rounded > 0.0 {
        format!("增长{}%", trim_zero(rounded))
    } else {
        format!("下降{}%", trim_zero(-rounded))
    })
}

/// A factor in words, to its order of magnitude from a hundred up ("一万" for 10,017), as
/// a whole number below ("12").
pub fn times(f: f64) -> String {
    if f < 95.0 {
        return format!("{}", f.round());
    }
    let names = ["百", "千", "一万", "十万", "百万", "千万", "一亿"];
    // 480 is some hundred times, 800 some thousand.
    let power = ((f.log10() + 0.2).floor() as usize).clamp(2, 8);
    names[power - 2].to_string()
}

/// 12.0 → "12", 12.3 → "12.3".
fn trim_zero(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    fn report(id: &str, agency: &str, year: i32) -> Report {
        Report::new(template::get(id).unwrap(), agency, year)
    }

    #[test]
    fn only_last_years_report_of_this_agency_is_compared() {
        let this = report("gov-info-annual-2021", "某局", 2023);
        let other_year = report("gov-info-annual-2021", "某局", 2021);
        assert_eq!(
            LastYear::of(&this, &other_year).err(),
            Some(Mismatch::Year {
                this: 2023,
                last: 2021
            })
        );
        let other = report("gov-info-annual-2021", "另一局", 2022);
        let m = LastYear::of(&this, &other).err().unwrap();
        assert!(m.message().contains("另一局"), "{}", m.message());
        let last = report("gov-info-annual-2021", " 某局 ", 2022);
        let l = LastYear::of(&this, &last).unwrap();
        assert_eq!(l.matched, this.template.cells.len());
        assert!(!l.other_format(&this));
    }

    #[test]
    fn a_2019_report_beside_a_2021_one_compares_only_cells_of_the_same_meaning() {
        let this = report("gov-info-annual-2021", "某局", 2021);
        let last = report("gov-info-annual-2019", "某局", 2020);
        let l = LastYear::of(&this, &last).unwrap();
        assert!(l.other_format(&this));
        assert!(l.matched > 0 && l.matched < this.template.cells.len());
        // Every matched pair has the same ids in both formats.
        let map = l.map.as_ref().expect("two formats: a map");
        for (i, m) in map.iter().enumerate() {
            if let Some(m) = m {
                let id = CellId(i as u16);
                assert_eq!(this.template.cell_ids(id), last.template.cell_ids(*m));
            }
        }
    }

    #[test]
    fn changes_are_worded_as_reports_word_them() {
        assert_eq!(change_words(112.3, 100.0).as_deref(), Some("增长12.3%"));
        assert_eq!(change_words(88.0, 100.0).as_deref(), Some("下降12%"));
        assert_eq!(change_words(100.0, 100.0).as_deref(), Some("与上年持平"));
        assert_eq!(change_words(5.0, 0.0), None);
        assert_eq!(change_words(0.0, 0.0).as_deref(), Some("与上年持平"));
    }
}
