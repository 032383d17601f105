//! The open document: the report, its file, undo history and the cached diagnostics.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::model::Report;
use crate::template::layout::{self, Grid};
use crate::template::{CellId, Check};
use crate::validate::review::{self, ReviewError};
use crate::validate::{self, Diagnostic};

/// Edits to the same field within this time form one undo step.
const COALESCE: Duration = Duration::from_millis(1200);
/// Undo steps kept.
const UNDO_LIMIT: usize = 300;

/// Every distinct report state gets a fresh version, so "unsaved" is `version != saved_version`
/// even after undoing back to the saved state.
fn fresh_version() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What an edit touched; consecutive edits of the same target merge into one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditGroup {
    Cell(CellId),
    Text(usize),
    Note(usize),
    Field(&'static str),
    /// Never merged (paste, regenerate, …).
    Other,
}

pub struct Doc {
    pub report: Report,
    pub path: Option<PathBuf>,
    pub version: u64,
    pub saved_version: u64,
    /// The report as of the last commit (the state an undo step restores).
    shadow: Report,
    undo: Vec<(Report, u64)>,
    redo: Vec<(Report, u64)>,
    last_group: Option<EditGroup>,
    pub last_edit: Option<Instant>,
    pub diags: Vec<Diagnostic>,
    /// Which of `diags` are marked 已核实, and marks that no longer apply.
    pub review: review::Status,
    diag_version: u64,
    /// How long the last validation took.
    pub validate_time: Duration,
    /// Text of the cell being edited, exactly as typed (the model keeps the parsed value).
    pub edit: Option<(CellId, String)>,
    /// Printed grid of each table.
    pub grids: Vec<Grid>,
    /// Accessible/message label of each cell.
    pub labels: Vec<String>,
    /// Maximum characters per section (S1), if the template sets one.
    pub max_chars: Vec<Option<usize>>,
    /// Set by [`Doc::commit`]; the app clears it after requesting a repaint.
    pub changed: bool,
    /// Per table, how many totals differ from the sum of their items.
    pub stale_totals: Vec<usize>,
}

impl Doc {
    /// A document for `report`; `path` is where it was loaded from (or `None` when new).
    ///
    /// Totals are shown as the file has them (a published report may print inconsistent
    /// ones, which the validator then points out); edits recompute them.
    pub fn new(mut report: Report, path: Option<PathBuf>, saved: bool) -> Doc {
        fill_blank_totals(&mut report);
        let t = report.template;
        let version = fresh_version();
        let mut max_chars = vec![None; t.sections.len()];
        for r in &t.rules {
            if let Check::TextLength {
                section,
                max_chars: m,
            } = r.check
            {
                max_chars[section] = Some(m);
            }
        }
        let mut d = Doc {
            shadow: report.clone(),
            grids: (0..t.tables.len()).map(|i| layout::grid(t, i)).collect(),
            labels: (0..t.cells.len())
                .map(|i| t.cell_label(CellId(i as u16)))
                .collect(),
            max_chars,
            report,
            path,
            version,
            saved_version: if saved { version } else { 0 },
            undo: Vec::new(),
            redo: Vec::new(),
            last_group: None,
            last_edit: None,
            diags: Vec::new(),
            review: review::Status::default(),
            diag_version: 0,
            validate_time: Duration::ZERO,
            edit: None,
            changed: false,
            stale_totals: Vec::new(),
        };
        d.refresh();
        d
    }

    pub fn is_dirty(&self) -> bool {
        self.version != self.saved_version
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_version = self.version;
    }

    /// Records that `report` was just changed by an edit of `group` (cells are changed with
    /// [`Report::edit_cell`], which keeps the totals up to date).
    pub fn commit(&mut self, group: EditGroup) {
        let now = Instant::now();
        let merge = group != EditGroup::Other
            && self.last_group == Some(group)
            && self.last_edit.is_some_and(|t| now - t < COALESCE);
        if !merge {
            let before = std::mem::replace(&mut self.shadow, self.report.clone());
            self.undo.push((before, self.version));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        } else {
            self.shadow = self.report.clone();
        }
        self.redo.clear();
        self.last_group = Some(group);
        self.last_edit = Some(now);
        self.version = fresh_version();
        self.changed = true;
        self.refresh();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        let Some((report, version)) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.report, report);
        self.redo.push((current, self.version));
        self.restored(version);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some((report, version)) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.report, report);
        self.undo.push((current, self.version));
        self.restored(version);
        true
    }

    fn restored(&mut self, version: u64) {
        self.shadow = self.report.clone();
        self.version = version;
        self.last_group = None;
        self.last_edit = Some(Instant::now());
        self.edit = None;
        self.changed = true;
        self.refresh();
    }

    /// Re-validates if the report changed since the last run.
    pub fn refresh(&mut self) {
        if self.diag_version == self.version {
            return;
        }
        let start = Instant::now();
        self.diags = validate::validate(&self.report, None);
        self.validate_time = start.elapsed();
        self.review = review::status(&self.report, &self.diags);
        self.diag_version = self.version;
        let mut computed = self.report.clone();
        computed.recompute_derived();
        let t = self.report.template;
        self.stale_totals = (0..t.tables.len())
            .map(|ti| {
                t.table_cells(ti)
                    .filter(|c| computed.cell(*c) != self.report.cell(*c))
                    .count()
            })
            .collect();
    }

    /// Recomputes every total from its items (an undoable edit).
    pub fn recompute_totals(&mut self) {
        self.report.recompute_derived();
        self.edit = None;
        self.commit(EditGroup::Other);
    }

    /// Text shown in a cell: the typed text while it is being edited, else the value.
    pub fn cell_text(&self, id: CellId) -> std::borrow::Cow<'_, str> {
        match &self.edit {
            Some((c, s)) if *c == id => s.as_str().into(),
            _ => self.report.cell(id).text(),
        }
    }

    /// Why the cell's text is not a valid value, if it is not.
    pub fn cell_error(&self, id: CellId) -> Option<String> {
        match self.report.cell(id) {
            crate::model::Cell::Invalid(raw) => {
                let kind = &self.report.template.cells[id.index()].kind;
                crate::model::value::parse(raw, kind)
                    .err()
                    .map(|e| e.to_string())
            }
            _ => None,
        }
    }

    /// (errors, open warnings and 待核对) about section `s`: 待核对 is no error of the
    /// report, so it shows as something to look at.
    pub fn section_counts(&self, s: usize) -> (usize, usize) {
        count(self.open().filter(|d| d.sections.contains(&s)))
    }

    /// (errors, open warnings) about the report header (date, header paragraph, agency, year).
    pub fn header_counts(&self) -> (usize, usize) {
        count(self.open().filter(|d| d.field.is_some()))
    }

    /// Diagnostics not marked 已核实.
    fn open(&self) -> impl Iterator<Item = &Diagnostic> {
        self.review.open(&self.diags)
    }

    /// Errors, open and reviewed warnings.
    pub fn counts(&self) -> review::Counts {
        review::counts(&self.diags, &self.review)
    }

    /// The mark of diagnostic `i`, if it is a reviewed warning.
    pub fn mark_of(&self, i: usize) -> Option<&crate::model::Review> {
        self.review.mark(&self.report, i)
    }

    /// Marks diagnostic `i` 已核实 with `reason` (an undoable edit); hard errors and empty
    /// reasons are refused.
    pub fn mark_reviewed(&mut self, i: usize, reason: &str) -> Result<(), ReviewError> {
        let Some(d) = self.diags.get(i) else {
            return Ok(());
        };
        review::mark(&mut self.report, d, reason)?;
        self.commit(EditGroup::Other);
        Ok(())
    }

    /// The user confirms imported cells as they stand (确认): their import marks go (an
    /// undoable edit).
    pub fn confirm_cells(&mut self, cells: &[CellId]) {
        if cells.iter().any(|c| self.report.origin(*c).is_some()) {
            self.report.confirm(cells.iter().copied());
            self.commit(EditGroup::Other);
        }
    }

    /// Takes the 已核实 mark off diagnostic `i` (an undoable edit).
    pub fn unmark_reviewed(&mut self, i: usize) {
        if let Some(d) = self.diags.get(i)
            && review::unmark(&mut self.report, d)
        {
            self.commit(EditGroup::Other);
        }
    }

    /// Removes mark `m` of `report.reviews` (one that no longer applies; an undoable edit).
    pub fn remove_mark(&mut self, m: usize) {
        if m < self.report.reviews.len() {
            self.report.reviews.remove(m);
            self.commit(EditGroup::Other);
        }
    }

    /// File name for titles, or 未命名.
    pub fn file_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "未命名".to_owned())
    }
}

fn count<'a>(it: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    it.fold(
        (0, 0),
        |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) },
    )
}

/// Fills totals the file leaves blank from their items; totals the file has are kept as
/// written, so a printed figure is never replaced unasked.
fn fill_blank_totals(report: &mut Report) {
    let mut computed = report.clone();
    computed.recompute_derived();
    for (i, c) in report.cells.iter_mut().enumerate() {
        if report.template.derived[i] && c.is_empty() {
            *c = computed.cells[i].clone();
        }
    }
}
