//! The statistics paragraph: the tables' figures stated in the standard sentences of the
//! template (插入统计段落), with the change against last year where it is known; and the
//! rewrite of those sentences after the tables change (更新统计段落), sparing any the user
//! has edited.

use super::Report;
use super::last_year::{LastYear, change_words};
use crate::template::{CellId, Statistics, placeholders};

/// Why no paragraph can be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoParagraph {
    #[error("该格式没有统计段落的措辞")]
    NoWording,
    #[error("表格尚未填写，无法生成统计段落")]
    EmptyTables,
}

/// The sentences for this report's tables, last year's beside it if given (and of this
/// agency's previous year): one for each of the template's, empty where a sentence is
/// left out (its figure is 0 and it has no `otherwise`), so that they correspond by
/// position from one generation to the next.
pub fn sentences(r: &Report, last: Option<&Report>) -> Result<Vec<String>, NoParagraph> {
    let st = r
        .template
        .statistics
        .as_ref()
        .ok_or(NoParagraph::NoWording)?;
    let all_empty = st
        .figures
        .iter()
        .flat_map(|(_, cells)| cells)
        .all(|c| r.cell(*c).is_empty());
    if all_empty {
        return Err(NoParagraph::EmptyTables);
    }
    let last = last.and_then(|p| LastYear::of(r, p).ok());
    let fig = Figures {
        r,
        st,
        last: last.as_ref(),
    };
    Ok(st
        .sentences
        .iter()
        .map(|s| {
            let text = match &s.when {
                Some(w) if fig.value(w).unwrap_or(0.0) <= 0.0 => s.otherwise.as_deref(),
                _ => Some(s.text.as_str()),
            };
            text.map(|t| fig.fill(t)).unwrap_or_default()
        })
        .collect())
}

/// The paragraph as one text: the sentences run on, as a report's 总体情况 writes them.
pub fn paragraph(r: &Report, last: Option<&Report>) -> Result<String, NoParagraph> {
    sentences(r, last).map(|s| s.concat())
}

/// What 插入统计段落 and 更新统计段落 did to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Sentences written anew or rewritten.
    pub rewritten: usize,
    /// Generated sentences the user has edited, left as they are.
    pub kept: usize,
}

/// Writes the paragraph into its section: at the end of the text, as a paragraph of its
/// own, when none of it is there yet; else each sentence still there word for word is
/// rewritten with the current figures, and an edited one is left alone.
pub fn write(r: &mut Report) -> Result<Written, NoParagraph> {
    let st = r
        .template
        .statistics
        .as_ref()
        .ok_or(NoParagraph::NoWording)?;
    let new = sentences(r, r.previous.as_deref())?;
    let s = st.section;
    if !inserted(r) {
        let text = &mut r.texts[s];
        let body = text.trim_end().len();
        text.truncate(body);
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&new.concat());
        let rewritten = new.iter().filter(|n| !n.is_empty()).count();
        r.statistics = new;
        return Ok(Written { rewritten, kept: 0 });
    }
    // Sentences correspond by position: the wording is fixed, only the figures change. A
    // sentence no longer found word for word is the user's: it stays, and is no longer
    // the program's to rewrite (its place is kept empty).
    let mut text = r.texts[s].clone();
    let (mut rewritten, mut kept) = (0, 0);
    let mut now = vec![String::new(); new.len()];
    for (i, old) in r.statistics.iter().enumerate() {
        let Some(n) = new.get(i) else { continue };
        if old.is_empty() {
            continue;
        }
        if !text.contains(old.as_str()) {
            kept += 1;
            continue;
        }
        if n != old {
            text = text.replacen(old.as_str(), n, 1);
            rewritten += 1;
        }
        now[i] = n.clone();
    }
    r.texts[s] = text;
    r.statistics = now;
    Ok(Written { rewritten, kept })
}

/// Whether any generated sentence is still in its section word for word.
pub fn inserted(r: &Report) -> bool {
    let Some(st) = r.template.statistics.as_ref() else {
        return false;
    };
    r.statistics
        .iter()
        .any(|s| !s.is_empty() && r.texts[st.section].contains(s.as_str()))
}

/// Generated sentences that are still in the text word for word but state figures the
/// tables no longer hold: (the sentence, what it would now read).
pub fn stale(r: &Report) -> Vec<(String, String)> {
    let Some(st) = r.template.statistics.as_ref() else {
        return Vec::new();
    };
    if r.statistics.is_empty() {
        return Vec::new();
    }
    let Ok(new) = sentences(r, r.previous.as_deref()) else {
        return Vec::new();
    };
    r.statistics
        .iter()
        .zip(new)
        .filter(|(old, n)| {
            !old.is_empty() && *old != n && r.texts[st.section].contains(old.as_str())
        })
        .map(|(old, n)| (old.clone(), n))
        .collect()
}

/// The figures of one report, last year's beside them.
pub struct Figures<'a> {
    r: &'a Report,
    st: &'a Statistics,
    last: Option<&'a LastYear<'a>>,
}

impl<'a> Figures<'a> {
    /// The statistics figures of `r` (`None` when its format has none), with last year's
    /// matched report.
    pub fn of(r: &'a Report, last: Option<&'a LastYear<'a>>) -> Option<Figures<'a>> {
        Some(Figures {
            r,
            st: r.template.statistics.as_ref()?,
            last,
        })
    }

    /// A figure's value: the sum of its cells, an empty cell counting 0.
    pub fn value(&self, id: &str) -> Option<f64> {
        let cells = self.st.figure(id)?;
        Some(sum(cells, |c| self.r.cell(c).number()))
    }

    /// Last year's value, if every cell of it maps to one of last year's report.
    pub fn last_value(&self, id: &str) -> Option<f64> {
        let last = self.last?;
        let cells = self.st.figure(id)?;
        let mut total = 0.0;
        for c in cells {
            total += last.cell(*c)?.number().unwrap_or(0.0);
        }
        Some(total)
    }

    /// The value as a report writes it: whole numbers without separators, amounts as
    /// written (the cell's own text when the figure is one cell).
    pub fn written(&self, id: &str) -> String {
        match self.st.figure(id) {
            Some([one]) if !self.r.cell(*one).is_empty() => self.r.cell(*one).text().into_owned(),
            _ => number(self.value(id).unwrap_or(0.0)),
        }
    }

    /// Whether every cell of the figure is empty (nothing written yet).
    pub fn is_empty(&self, id: &str) -> bool {
        self.st
            .figure(id)
            .is_none_or(|cells| cells.iter().all(|c| self.r.cell(*c).is_empty()))
    }

    fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut at = 0;
        for (range, p) in placeholders(text) {
            out.push_str(&text[at..range.start]);
            at = range.end;
            let mut parts = p.split(':');
            let id = parts.next().unwrap_or_default();
            match (id, parts.next(), parts.next()) {
                ("year", _, _) => out.push_str(&self.r.year.to_string()),
                (_, None, _) => out.push_str(&self.written(id)),
                (_, Some("change"), _) => {
                    let words = self
                        .value(id)
                        .zip(self.last_value(id))
                        .and_then(|(now, then)| change_words(now, then));
                    if let Some(w) = words {
                        out.push_str(if w.starts_with("与上年") {
                            "，"
                        } else {
                            "，同比"
                        });
                        out.push_str(&w);
                    }
                }
                (_, Some("share"), Some(whole)) => {
                    let (part, whole) = (
                        self.value(id).unwrap_or(0.0),
                        self.value(whole).unwrap_or(0.0),
                    );
                    out.push_str(&share(part, whole));
                }
                _ => {}
            }
        }
        out.push_str(&text[at..]);
        out
    }
}

fn sum(cells: &[CellId], value: impl Fn(CellId) -> Option<f64>) -> f64 {
    cells.iter().map(|c| value(*c).unwrap_or(0.0)).sum()
}

/// A share in percent to two decimals, as reports write it ("42.86%", "100%", "0%").
pub fn share(part: f64, whole: f64) -> String {
    if whole <= 0.0 {
        return "0%".into();
    }
    let s = format!("{:.2}", part / whole * 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

/// A whole number without separators; a fraction to at most six places, as typed.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_written_to_two_places_without_trailing_zeros() {
        assert_eq!(share(3.0, 7.0), "42.86%");
        assert_eq!(share(1.0, 2.0), "50%");
        assert_eq!(share(0.0, 0.0), "0%");
        assert_eq!(number(56.38), "56.38");
        assert_eq!(number(87.0), "87");
    }
}
