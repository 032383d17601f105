//! 已核实: warnings the drafter checked and found right, each with a reason. Marks live in
//! the report ([`Review`]); this module ties them to the diagnostics of a validation run.
//! A hard error can never be marked: the report would then print wrong figures.

use crate::model::{Report, Review};

use super::{Diagnostic, Field};

/// Why a warning could not be marked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("错误不能标记为已核实，请改正后再校验")]
    HardError,
    #[error("请填写核实理由，例如“本年度确无收费”")]
    EmptyReason,
}

/// The key naming `d` in a mark (reason and message empty).
pub fn key(r: &Report, d: &Diagnostic) -> Review {
    let t = r.template;
    let cells = d
        .cells
        .iter()
        .map(|c| {
            let (tb, row, col) = t.cell_ids(*c);
            format!("{tb}/{row}/{col}")
        })
        .collect();
    let sections = d
        .sections
        .iter()
        .map(|s| t.sections[*s].id.clone())
        .collect();
    let field = d.field.map_or("", field_name).to_string();
    // Warnings about wording are told apart by the words they quote: two stale years in
    // one section are two warnings, and a mark follows the words, not their position.
    let quote = d
        .span
        .as_ref()
        .and_then(|s| {
            let text = match s.section {
                Some(i) => r.texts.get(i)?,
                None => &r.header_text,
            };
            text.get(s.range.clone())
        })
        .unwrap_or("")
        .to_string();
    Review {
        rule: d.rule.to_string(),
        cells,
        sections,
        field,
        quote,
        message: String::new(),
        reason: String::new(),
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Agency => "agency",
        Field::Year => "year",
        Field::PublishDate => "publish_date",
        Field::HeaderText => "header_text",
    }
}

/// Index in `r.reviews` of the mark that applies to `d`; never one for a hard error.
pub fn find(r: &Report, d: &Diagnostic) -> Option<usize> {
    // Runs on every keystroke: the key (strings for every cell) is built only for a rule
    // that has marks.
    if !d.is_warning() || !r.reviews.iter().any(|m| m.rule == d.rule) {
        return None;
    }
    let k = key(r, d);
    r.reviews.iter().position(|m| m.same_warning(&k))
}

/// Marks warning `d` 已核实 with `reason` (trimmed), replacing an earlier mark of it.
pub fn mark(r: &mut Report, d: &Diagnostic, reason: &str) -> Result<(), ReviewError> {
    if !d.is_warning() {
        return Err(ReviewError::HardError);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ReviewError::EmptyReason);
    }
    let mut m = key(r, d);
    m.message = d.message.clone();
    m.reason = reason.to_string();
    match r.reviews.iter().position(|x| x.same_warning(&m)) {
        Some(i) => r.reviews[i] = m,
        None => r.reviews.push(m),
    }
    Ok(())
}

/// Removes the mark of `d`; false if it had none.
pub fn unmark(r: &mut Report, d: &Diagnostic) -> bool {
    let k = key(r, d);
    let before = r.reviews.len();
    r.reviews.retain(|m| !m.same_warning(&k));
    r.reviews.len() != before
}

/// How the marks of a report meet one validation run of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// For each diagnostic, the index of the mark that applies to it.
    pub marks: Vec<Option<usize>>,
    /// Marks that apply to no diagnostic of the run (the warning went away, or a file
    /// names a hard error), in `r.reviews` order.
    pub stale: Vec<usize>,
}

impl Status {
    pub fn is_reviewed(&self, i: usize) -> bool {
        self.marks.get(i).is_some_and(Option::is_some)
    }

    /// Marks that apply.
    pub fn reviewed(&self) -> usize {
        self.marks.iter().flatten().count()
    }

    /// The mark of `r` that applies to diagnostic `i` of the run, if it is reviewed.
    pub fn mark<'a>(&self, r: &'a Report, i: usize) -> Option<&'a Review> {
        r.reviews.get((*self.marks.get(i)?)?)
    }

    /// The diagnostics of the run (`diags`) not marked 已核实, in order.
    pub fn open<'a>(&'a self, diags: &'a [Diagnostic]) -> impl Iterator<Item = &'a Diagnostic> {
        diags
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_reviewed(*i))
            .map(|(_, d)| d)
    }
}

/// Matches the marks of `r` with `diags` (its diagnostics).
pub fn status(r: &Report, diags: &[Diagnostic]) -> Status {
    if r.reviews.is_empty() {
        return Status {
            marks: vec![None; diags.len()],
            stale: Vec::new(),
        };
    }
    let marks: Vec<Option<usize>> = diags.iter().map(|d| find(r, d)).collect();
    let stale = (0..r.reviews.len())
        .filter(|i| !marks.contains(&Some(*i)))
        .collect();
    Status { marks, stale }
}

/// Errors, 待核对, open warnings and reviewed warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    /// Hard rules that cannot be judged: a cell they involve was not read on import.
    pub unverified: usize,
    pub open_warnings: usize,
    pub reviewed: usize,
}

/// Counts `diags` with the marks of `st`.
pub fn counts(diags: &[Diagnostic], st: &Status) -> Counts {
    let mut c = Counts::default();
    for (i, d) in diags.iter().enumerate() {
        if d.is_error() {
            c.errors += 1;
        } else if d.is_unverified() {
            c.unverified += 1;
        } else if st.is_reviewed(i) {
            c.reviewed += 1;
        } else {
            c.open_warnings += 1;
        }
    }
    c
}
