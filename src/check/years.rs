//! Years at a glance: one agency's key figures over the years it has reports for (the
//! window's 历年数据, and 批量检查 for one agency across years).

use super::{figure_columns, key_figures};
use crate::model::Report;
use crate::model::last_year::same_agency;

/// One agency's key figures, a column a year, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Years {
    pub agency: String,
    pub years: Vec<i32>,
    /// For each of [`figure_columns`], its value in each year (`None`: not filled in, or
    /// the format has no such figure).
    pub figures: Vec<Vec<Option<f64>>>,
}

impl Years {
    /// The figures of `agency` in `reports` (several of a year: the first), when there are
    /// at least two years of them; other agencies' reports are passed over.
    pub fn of<'a>(agency: &str, reports: impl IntoIterator<Item = &'a Report>) -> Option<Years> {
        let mut by_year: Vec<(i32, &Report)> = Vec::new();
        for r in reports {
            if same_agency(&r.agency, agency) && !by_year.iter().any(|(y, _)| *y == r.year) {
                by_year.push((r.year, r));
            }
        }
        if by_year.len() < 2 {
            return None;
        }
        by_year.sort_by_key(|(y, _)| *y);
        let values: Vec<_> = by_year.iter().map(|(_, r)| key_figures(r)).collect();
        let figures = (0..figure_columns().len())
            .map(|i| {
                values
                    .iter()
                    .map(|k| k.get(i).and_then(|f| f.number()))
                    .collect()
            })
            .collect();
        Some(Years {
            agency: agency.trim().to_string(),
            years: by_year.iter().map(|(y, _)| *y).collect(),
            figures,
        })
    }

    /// The figures that have a value in some year, with their column's title and unit.
    pub fn shown(
        &self,
    ) -> impl Iterator<Item = (&'static crate::template::KeyFigure, &[Option<f64>])> {
        figure_columns()
            .iter()
            .zip(&self.figures)
            .filter(|(_, v)| v.iter().any(Option::is_some))
            .map(|(k, v)| (k, v.as_slice()))
    }
}
