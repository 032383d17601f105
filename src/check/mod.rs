//! The checker's desk: many agencies' reports (drafts and published files) loaded and
//! validated at once, one row each, with the cross-year checks run on every pair of
//! consecutive years of one agency, a workbook of the findings and the sum of the tables.

pub mod opinion;
pub mod sum;
pub mod worker;
pub mod xlsx;
pub mod years;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Datelike, NaiveDate};

use crate::model::{Report, draft};
use crate::template::{self, CellId, CellKind, KeyFigure};
use crate::validate::{self, Diagnostic, review};

/// One report that was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub report: Report,
    /// How the file came: `草稿` or the importer's form name (`Word 文档`, `PDF` …).
    pub form: &'static str,
    /// Number of import notes (0 for drafts).
    pub notes: usize,
    /// The import notes as the importer words them (“注意（第3行）：…”).
    pub note_texts: Vec<String>,
}

/// One row of the run: a file and what came of it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub outcome: Result<Checked, String>,
    /// The file is plainly not a report (see [`NotRead::skip`]): `outcome` holds the
    /// reason, and it is listed as skipped, not as unreadable.
    pub skipped: bool,
}

/// Why a file gave no report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRead {
    pub message: String,
    /// A text or Markdown file that holds no report at all (a README.md or notes kept with
    /// the reports): nothing a checker has to act on, unlike a draft or a document that
    /// cannot be read.
    pub skip: bool,
}

impl NotRead {
    fn failed(message: String) -> NotRead {
        NotRead {
            message,
            skip: false,
        }
    }
}

/// A report that was read and validated.
#[derive(Debug, Clone)]
pub struct Checked {
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
    /// The file whose report served as last year's for the cross-year checks.
    pub previous: Option<PathBuf>,
    /// Which diagnostics the drafter marked 已核实.
    pub review: review::Status,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Hard rules that cannot be judged because the import did not read a cell (待核对):
    /// not errors of the report.
    pub fn unverified(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.is_unverified())
            .count()
    }

    /// Warnings not marked 已核实 (the ones still to look at).
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors() - self.unverified() - self.reviewed_warnings()
    }

    /// Warnings marked 已核实.
    pub fn reviewed_warnings(&self) -> usize {
        self.review.reviewed()
    }

    /// The mark of diagnostic `i`, if it is a reviewed warning.
    pub fn mark(&self, i: usize) -> Option<&crate::model::Review> {
        self.review.mark(&self.loaded.report, i)
    }

    /// Errors and warnings not marked 已核实, in order.
    pub fn open(&self) -> impl Iterator<Item = &Diagnostic> {
        self.review.open(&self.diagnostics)
    }
}

/// The value of a key figure: a count summed over its cells, or an amount as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    Count(i64),
    Amount(String),
}

impl Figure {
    /// The value for sorting and for a workbook's number cell.
    pub fn number(&self) -> Option<f64> {
        match self {
            Figure::Count(n) => Some(*n as f64),
            Figure::Amount(a) => a.parse().ok(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        match self {
            Figure::Count(n) => (*n).into(),
            Figure::Amount(a) => a.as_str().into(),
        }
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Figure::Count(n) => write!(f, "{n}"),
            Figure::Amount(a) => f.write_str(a),
        }
    }
}

/// The figures a reviewer compares across reports, in the order of [`figure_columns`];
/// `None` where the cells are empty or the format has no such cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyFigures(pub Vec<Option<Figure>>);

impl KeyFigures {
    /// Figure `i` of [`figure_columns`].
    pub fn get(&self, i: usize) -> Option<&Figure> {
        self.0.get(i).and_then(Option::as_ref)
    }

    /// One line for a terminal: `新收3 结转0 … 收费1.25万元` (`—` where empty).
    pub fn line(&self) -> String {
        let words: Vec<String> = figure_columns()
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let v = self.get(i).map_or("—".to_string(), Figure::to_string);
                format!("{}{v}{}", k.short, k.unit.as_deref().unwrap_or(""))
            })
            .collect();
        words.join(" ")
    }

    /// An object keyed by the figures' ids (`null` where empty).
    pub fn json(&self) -> serde_json::Value {
        figure_columns()
            .iter()
            .enumerate()
            .map(|(i, k)| {
                (
                    k.id.clone(),
                    self.get(i).map_or(serde_json::Value::Null, Figure::json),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

/// The key figures' definitions summaries show as columns: the newest format's (every
/// format lists the same ids in the same order).
pub fn figure_columns() -> &'static [KeyFigure] {
    &template::all()[0].key_figures
}

/// Key figures of a report, in the order of [`figure_columns`].
pub fn key_figures(r: &Report) -> KeyFigures {
    let value = |k: &KeyFigure| -> Option<Figure> {
        let cells: Vec<_> = k.cells.iter().map(|&c| r.cell(c)).collect();
        if let [c] = cells.as_slice()
            && matches!(
                r.template.cells[k.cells[0].index()].kind,
                CellKind::Amount { .. }
            )
        {
            return (!c.is_empty()).then(|| Figure::Amount(c.text().into_owned()));
        }
        let counts: Vec<i64> = cells.iter().filter_map(|c| c.int()).collect();
        (!counts.is_empty()).then(|| Figure::Count(counts.iter().sum()))
    };
    KeyFigures(
        figure_columns()
            .iter()
            .map(|col| {
                let own = r.template.key_figures.iter().find(|k| k.id == col.id)?;
                value(own)
            })
            .collect(),
    )
}

/// The publication deadline of a report (by its agency kind, in the year after the
/// report year), if the template knows the kind.
pub fn deadline(r: &Report) -> Option<NaiveDate> {
    let (m, d) = r.template.deadline(&r.agency_kind)?;
    NaiveDate::from_ymd_opt(r.year + 1, m, d)
}

/// Whether the report was published in time: `None` without a publish date or deadline.
/// As rule S14, a date outside the year after the report year is not in time.
pub fn deadline_met(r: &Report) -> Option<bool> {
    let date = r.publish_date?;
    let limit = deadline(r)?;
    Some(date.year() == r.year + 1 && date <= limit)
}

/// Whether a file is one the checker reads: a draft or a published report.
pub fn is_input_file(path: &Path) -> bool {
    crate::import::is_report_file(path) || draft::is_draft_path(path)
}

/// Expands folders (and their subfolders) to the input files inside them, sorted; files
/// named on the command line are kept whatever their name.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        // Symlinked folders are not followed: a link back up would never end.
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(&p, out);
        } else if is_input_file(&p) {
            out.push(p);
        }
    }
}

/// Reads one file: a draft by its name, anything else through the importer. Only reads.
pub fn load(path: &Path) -> Result<Loaded, String> {
    read(path).map_err(|e| e.message)
}

/// Whether a file is named as plain text or Markdown, the forms notes and READMEs take,
/// or as a picture (a logo, a photo kept beside the reports): such a file that holds no
/// report is skipped, not counted as unreadable.
fn is_aside_name(path: &Path) -> bool {
    crate::import::is_picture_file(path)
        || path.extension().is_some_and(|e| {
            ["txt", "md", "markdown"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
}

/// As [`load`], telling a file that is plainly not a report (to skip) from one that
/// cannot be read.
pub fn read(path: &Path) -> Result<Loaded, NotRead> {
    read_with(path, &|_, _| true)
}

/// As [`read`], telling `progress` of each page a scan's OCR reads (it may cancel).
pub fn read_with(path: &Path, progress: crate::import::scan::Progress) -> Result<Loaded, NotRead> {
    if draft::is_draft_path(path) {
        let report = draft::load(path).map_err(|e| NotRead::failed(e.to_string()))?;
        return Ok(Loaded {
            report,
            form: "草稿",
            notes: 0,
            note_texts: Vec::new(),
        });
    }
    let io = |e: std::io::Error| {
        NotRead::failed(format!(
            "无法读取 {}：{}",
            path.display(),
            draft::io_reason(&e)
        ))
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > crate::import::MAX_BYTES as u64 {
        return Err(NotRead::failed(
            crate::import::ImportError::TooLarge((len / (1024 * 1024)) as usize).to_string(),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let imported = crate::import::import_bytes_with(&bytes, progress).map_err(|e| NotRead {
        skip: matches!(e, crate::import::ImportError::NotAReport(_)) && is_aside_name(path),
        message: e.to_string(),
    })?;
    Ok(Loaded {
        notes: imported.notes.len(),
        note_texts: imported.notes.iter().map(ToString::to_string).collect(),
        form: imported.form.name(),
        report: imported.report,
    })
}

/// Maps `f` over `items` on all cores, keeping the order. Items are handed out one at a
/// time: a PDF takes a hundred times as long as a draft, and fixed shares would leave one
/// core idle while the other reads every PDF of a folder. Scoped std threads rather than a
/// thread-pool crate: this is the whole of the parallelism the app needs.
pub(crate) fn par_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let (f, next) = (&f, &next);
    let mut out: Vec<Option<U>> = items.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break done };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok(done) => done.into_iter().for_each(|(i, u)| out[i] = Some(u)),
                // A panic in a reader is a bug; re-raise it rather than lose rows silently.
                Err(p) => std::panic::resume_unwind(p),
            }
        }
    });
    out.into_iter()
        .map(|u| u.expect("every item was mapped"))
        .collect()
}

/// Agency names compared for pairing years: spaces do not make another agency.
fn agency_key(r: &Report) -> String {
    r.agency.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks every input file, one entry each in order. Reports in `previous_dir` (and its
/// subfolders) only serve as last year's reports for the cross-year checks.
pub fn run(paths: &[PathBuf], previous_dir: Option<&Path>) -> Vec<Entry> {
    run_with(paths, previous_dir, &|_, _, _| {})
}

/// As [`run`], telling `pages` of each page a scan's OCR reads (file, done, in all).
pub fn run_with(
    paths: &[PathBuf],
    previous_dir: Option<&Path>,
    pages: &(dyn Fn(&Path, usize, usize) + Sync),
) -> Vec<Entry> {
    let files = collect_files(paths);
    let loaded = par_map(&files, |p| {
        read_with(p, &|done, total| {
            pages(p, done, total);
            true
        })
    });
    let extra: Vec<(PathBuf, Loaded)> = match previous_dir {
        Some(dir) => {
            let prev_files = collect_files(&[dir.to_path_buf()]);
            let prev = par_map(&prev_files, |p| load(p).ok());
            prev_files
                .into_iter()
                .zip(prev)
                .filter_map(|(p, l)| Some((p, l?)))
                .collect()
        }
        None => Vec::new(),
    };
    check_loaded(&files, loaded, &extra)
}

/// Validates the reports read from `files` (`loaded`, in the same order), each with last
/// year's report of its agency when one is among them or in `extra` (for the
/// cross-year checks); one entry per file.
pub fn check_loaded(
    files: &[PathBuf],
    loaded: Vec<Result<Loaded, NotRead>>,
    extra: &[(PathBuf, Loaded)],
) -> Vec<Entry> {
    // Candidates for last year: the inputs themselves, then the previous-year folder.
    let candidates: Vec<(&Path, &Report)> = files
        .iter()
        .zip(&loaded)
        .filter_map(|(p, l)| Some((p.as_path(), &l.as_ref().ok()?.report)))
        .chain(extra.iter().map(|(p, l)| (p.as_path(), &l.report)))
        .collect();
    // The first candidate of each agency and year, as a map: a folder of a whole
    // province's reports would make a scan per report quadratic.
    let mut by_agency: HashMap<(String, i32), usize> = HashMap::new();
    for (j, (_, r)) in candidates.iter().enumerate() {
        by_agency.entry((agency_key(r), r.year)).or_insert(j);
    }
    let find_previous = |r: &Report| -> Option<usize> {
        let key = agency_key(r);
        if key.is_empty() {
            return None;
        }
        by_agency.get(&(key, r.year - 1)).copied()
    };
    let jobs: Vec<(usize, Option<usize>)> = loaded
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.as_ref().ok().and_then(|l| find_previous(&l.report))))
        .collect();
    let checked = par_map(&jobs, |&(i, prev)| {
        let l = loaded[i].as_ref().ok()?;
        let previous = prev.map(|j| candidates[j].1);
        Some(validate::validate(&l.report, previous))
    });
    let prev_paths: Vec<Option<PathBuf>> = jobs
        .iter()
        .map(|(_, p)| p.map(|j| candidates[j].0.to_path_buf()))
        .collect();
    files
        .iter()
        .zip(loaded)
        .zip(prev_paths.into_iter().zip(checked))
        .map(|((path, l), (previous, diags))| Entry {
            path: path.clone(),
            skipped: l.as_ref().is_err_and(|e| e.skip),
            outcome: l
                .map(|loaded| {
                    let diagnostics = diags.unwrap_or_default();
                    Checked {
                        review: review::status(&loaded.report, &diagnostics),
                        loaded,
                        diagnostics,
                        previous,
                    }
                })
                .map_err(|e| e.message),
        })
        .collect()
}

/// A cell's label for lists, e.g. `三（七）总计·自然人`.
pub fn cell_labels(r: &Report, cells: &[CellId]) -> String {
    cells
        .iter()
        .map(|c| r.template.cell_label(*c))
        .collect::<Vec<_>>()
        .join("、")
}

/// Section titles a diagnostic is about, joined.
pub fn section_titles(r: &Report, d: &Diagnostic) -> String {
    let mut s: Vec<&str> = d
        .sections
        .iter()
        .map(|i| r.template.sections[*i].title.as_str())
        .collect();
    if s.is_empty()
        && let Some(span) = &d.span
    {
        s.push(match span.section {
            Some(i) => r.template.sections[i].title.as_str(),
            None => "开头段落",
        });
    }
    s.join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_the_order_and_maps_each_item_once() {
        // Costs that differ by item, so threads finish out of order.
        let items: Vec<u64> = (0..200).map(|i| (i * 7919) % 97).collect();
        let calls = AtomicUsize::new(0);
        let out = par_map(&items, |&n| {
            calls.fetch_add(1, Ordering::Relaxed);
            (0..n * 1000).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b)) ^ n
        });
        let want: Vec<u64> = items
            .iter()
            .map(|&n| (0..n * 1000).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b)) ^ n)
            .collect();
        assert_eq!(out, want);
        assert_eq!(calls.load(Ordering::Relaxed), items.len());
        assert!(par_map(&[] as &[u8], |_| 0).is_empty());
    }
}
