//! An import on a background thread, for the window: a scan's OCR takes a second or two a
//! page, which the window must not wait for. The job tells the pages read so far and can
//! be cancelled between pages; a quick import (Word, web page, text, a PDF with text) is
//! over before the window would show any progress (see [`Job::wait`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use super::{ImportError, Imported, import_bytes_with};

/// An import under way.
pub struct Job {
    rx: Receiver<Result<Imported, ImportError>>,
    /// Pages read by OCR so far, and in all (0 until OCR starts).
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
}

impl Job {
    /// Starts importing `bytes`; `wake` is called after each page and at the end (to
    /// repaint the window).
    pub fn start(bytes: Vec<u8>, wake: impl Fn() + Send + Sync + 'static) -> Job {
        let (tx, rx) = channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d, t, c) = (done.clone(), total.clone(), cancel.clone());
        std::thread::Builder::new()
            .name("nianbao-import".into())
            .spawn(move || {
                let progress = |n: usize, of: usize| {
                    d.store(n, Ordering::Relaxed);
                    t.store(of, Ordering::Relaxed);
                    wake();
                    !c.load(Ordering::Relaxed)
                };
                // The window may be gone: nobody to tell.
                let _ = tx.send(import_bytes_with(&bytes, &progress));
                wake();
            })
            .expect("spawn import thread");
        Job {
            rx,
            done,
            total,
            cancel,
        }
    }

    /// Waits up to `limit` for the import to end.
    pub fn wait(&self, limit: Duration) -> Option<Result<Imported, ImportError>> {
        match self.rx.recv_timeout(limit) {
            Ok(r) => Some(r),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Err(ImportError::Cancelled)),
        }
    }

    /// The outcome, once the import has ended.
    pub fn try_result(&self) -> Option<Result<Imported, ImportError>> {
        self.wait(Duration::ZERO)
    }

    /// Pages read by OCR and pages in all, once OCR has started.
    pub fn pages(&self) -> Option<(usize, usize)> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.done.load(Ordering::Relaxed), total))
    }

    /// Asks the import to stop after the page being read.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

impl Drop for Job {
    /// A job nobody waits for (the window closed) stops after its page.
    fn drop(&mut self) {
        self.cancel();
    }
}
