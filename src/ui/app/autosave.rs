//! The crash-recovery copy as the window keeps it: written once edits pause, removed once
//! the document is saved or knowingly discarded.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::super::doc::Doc;
use super::super::files::{Found, Recovery};

pub(super) struct Autosave {
    /// The copy's writer; `None` disables it.
    recovery: Option<Recovery>,
    /// Quiet time after an edit before the copy is written.
    delay: Duration,
    /// The document version in the copy.
    version: u64,
    /// When the first edit not yet in the copy was seen.
    unsaved_since: Option<Instant>,
    /// Whether a copy of the open document is on disk.
    pub written: bool,
    /// File named on the command line while a recovery copy was offered.
    pub open_after_recovery: Option<PathBuf>,
}

impl Autosave {
    pub fn new(dir: Option<PathBuf>, delay: Duration) -> Autosave {
        Autosave {
            recovery: dir.map(Recovery::new),
            delay,
            version: 0,
            unsaved_since: None,
            written: false,
            open_after_recovery: None,
        }
    }

    /// A copy left behind by a session that did not end normally.
    pub fn find(&self) -> Option<Result<Found, String>> {
        self.recovery.as_ref().and_then(Recovery::find)
    }

    /// Removes the copy (the window closes, or the copy offered was discarded).
    pub fn clear(&self) {
        if let Some(r) = &self.recovery {
            r.clear();
        }
    }

    /// Another document is open: the previous one was saved or knowingly discarded.
    pub fn reset(&mut self) {
        if self.written {
            self.clear();
        }
        self.written = false;
        self.version = 0;
        self.unsaved_since = None;
    }

    /// Writes the copy once edits have paused; removes it once saved.
    pub fn tick(&mut self, doc: Option<&Doc>, ctx: &egui::Context) {
        let (Some(doc), Some(rec)) = (doc, &self.recovery) else {
            return;
        };
        if doc.is_dirty() {
            if doc.version != self.version {
                // Counted from the oldest edit not yet in the copy, not the latest: a user
                // who keeps typing still has every edit older than the delay saved.
                let since = self
                    .unsaved_since
                    .get_or_insert_with(Instant::now)
                    .elapsed();
                if since >= self.delay {
                    rec.write(&doc.report, doc.path.clone());
                    self.version = doc.version;
                    self.written = true;
                    self.unsaved_since = None;
                } else {
                    ctx.request_repaint_after(self.delay - since);
                }
            }
        } else {
            self.unsaved_since = None;
            if self.written {
                rec.clear();
                self.written = false;
                self.version = 0;
            }
        }
    }
}
