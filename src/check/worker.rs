//! A check run on a background thread: files are read on every core, each one reported as
//! it is done, and the run can be cancelled between files. The window's 批量检查 view
//! drives it; it has no UI of its own, so tests use it directly.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use super::{Entry, check_loaded, collect_files, par_map, read_with};

/// What the run reports, in this order: `Found` once, `Read` per file, `Done` once.
#[derive(Debug)]
pub enum Message {
    /// The folders were scanned: this many files will be read.
    Found(usize),
    /// A file was read: `done` of `total` so far.
    Read {
        done: usize,
        total: usize,
        path: PathBuf,
    },
    /// A scan's OCR read a page of `path`: `done` of `total` pages.
    Page {
        done: usize,
        total: usize,
        path: PathBuf,
    },
    /// The run ended. After a cancel, `entries` holds only the files read before it.
    Done {
        entries: Vec<Entry>,
        cancelled: bool,
    },
}

/// A run in progress (or finished, once `Done` was received).
pub struct Worker {
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts checking `paths` (files, and folders with their subfolders). `wake` is called
    /// after every message, e.g. to repaint the window that shows them.
    pub fn start(paths: Vec<PathBuf>, wake: impl Fn() + Send + Sync + 'static) -> Worker {
        Worker::start_with(paths, Arc::new(AtomicBool::new(false)), wake)
    }

    /// As [`Worker::start`], with the cancel flag supplied by the caller.
    pub fn start_with(
        paths: Vec<PathBuf>,
        cancel: Arc<AtomicBool>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Worker {
        let (tx, rx) = channel();
        let flag = cancel.clone();
        let thread = std::thread::Builder::new()
            .name("nianbao-check".into())
            .spawn(move || work(&paths, &flag, &tx, &wake))
            .expect("spawn check thread");
        Worker {
            rx,
            cancel,
            thread: Some(thread),
        }
    }

    /// Asks the run to stop; files being read finish first, no new one is started.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The next message if one is waiting.
    pub fn try_recv(&self) -> Option<Message> {
        self.rx.try_recv().ok()
    }

    /// Waits for the next message; `None` once the run has ended and every message was
    /// taken.
    pub fn recv(&self) -> Option<Message> {
        self.rx.recv().ok()
    }
}

impl Drop for Worker {
    /// A run nobody waits for any more stops (the window closed, another run started).
    fn drop(&mut self) {
        self.cancel();
        // Not joined: a file being read finishes on its own and the thread then ends.
        self.thread.take();
    }
}

fn work(
    paths: &[PathBuf],
    cancel: &AtomicBool,
    tx: &Sender<Message>,
    wake: &(dyn Fn() + Send + Sync),
) {
    let send = |m: Message| {
        // The receiver is gone once the view dropped the run: nothing left to tell.
        let _ = tx.send(m);
        wake();
    };
    let files = collect_files(paths);
    let total = files.len();
    send(Message::Found(total));
    let done = AtomicUsize::new(0);
    let results = par_map(&files, |path| {
        // Cancel is looked at between files, and between a scan's pages: a file is read
        // whole or not at all.
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let pages = |done: usize, total: usize| {
            send(Message::Page {
                done,
                total,
                path: path.clone(),
            });
            !cancel.load(Ordering::Relaxed)
        };
        let r = read_with(path, &pages);
        if r.is_err() && cancel.load(Ordering::Relaxed) {
            return None;
        }
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        send(Message::Read {
            done: n,
            total,
            path: path.clone(),
        });
        Some(r)
    });
    let cancelled = cancel.load(Ordering::Relaxed);
    let (files, loaded): (Vec<PathBuf>, Vec<_>) = files
        .into_iter()
        .zip(results)
        .filter_map(|(p, r)| Some((p, r?)))
        .unzip();
    let entries = check_loaded(&files, loaded, &[]);
    send(Message::Done { entries, cancelled });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
    }

    /// Every message of a run until `Done`.
    fn messages(w: &Worker) -> Vec<Message> {
        let mut out = Vec::new();
        while let Some(m) = w.recv() {
            let done = matches!(m, Message::Done { .. });
            out.push(m);
            if done {
                break;
            }
        }
        out
    }

    #[test]
    fn a_run_reports_every_file_then_the_entries_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["000_1b930464a9b6bad7.ron", "004_07a7ed9f35648903.ron"] {
            std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
        }
        std::fs::copy(
            fixtures().join("published/001_4215243010f676eb.txt"),
            dir.path().join("001.txt"),
        )
        .unwrap();
        std::fs::write(dir.path().join("坏.ron"), "(((").unwrap();
        std::fs::write(
            dir.path().join("README.md"),
            "# 说明\n\n这里存放各单位的年报。\n",
        )
        .unwrap();
        let wakes = Arc::new(AtomicUsize::new(0));
        let w = {
            let wakes = wakes.clone();
            Worker::start(vec![dir.path().to_path_buf()], move || {
                wakes.fetch_add(1, Ordering::Relaxed);
            })
        };
        let ms = messages(&w);
        assert!(matches!(ms[0], Message::Found(5)), "{:?}", ms[0]);
        let reads: Vec<usize> = ms
            .iter()
            .filter_map(|m| match m {
                Message::Read { done, total: 5, .. } => Some(*done),
                _ => None,
            })
            .collect();
        assert_eq!(reads, [1, 2, 3, 4, 5]);
        let Some(Message::Done { entries, cancelled }) = ms.last() else {
            panic!("no Done: {ms:?}")
        };
        assert!(!cancelled);
        // Woken for every message (the last wake may follow the last message).
        assert!(wakes.load(Ordering::Relaxed) >= ms.len() - 1);
        let names: Vec<String> = entries
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "000_1b930464a9b6bad7.ron",
                "001.txt",
                "004_07a7ed9f35648903.ron",
                "README.md",
                "坏.ron"
            ]
        );
        let c = entries[1].outcome.as_ref().unwrap();
        assert_eq!(c.loaded.form, "文本");
        assert_eq!(c.loaded.report.agency, "瀍河回族区商务局");
        // A README among the reports is skipped, a broken draft is an error.
        assert!(entries[3].skipped, "{:?}", entries[3].outcome);
        assert!(entries[4].outcome.is_err() && !entries[4].skipped);
        // The same result as the command line's run.
        let direct = crate::check::run(&[dir.path().to_path_buf()], None);
        assert_eq!(direct.len(), entries.len());
        for (a, b) in direct.iter().zip(entries) {
            assert_eq!(a.path, b.path);
            assert_eq!(a.skipped, b.skipped);
            match (&a.outcome, &b.outcome) {
                (Ok(x), Ok(y)) => assert_eq!(x.diagnostics, y.diagnostics),
                (Err(x), Err(y)) => assert_eq!(x, y),
                _ => panic!("{} differs", a.path.display()),
            }
        }
    }

    #[test]
    fn a_cancelled_run_stops_between_files_and_keeps_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let src = fixtures().join("000_1b930464a9b6bad7.ron");
        for i in 0..200 {
            std::fs::copy(&src, dir.path().join(format!("{i:03}.ron"))).unwrap();
        }
        // Cancelled from the progress callback once the third file is read.
        let flag = Arc::new(AtomicBool::new(false));
        let reads = Arc::new(AtomicUsize::new(0));
        let w = {
            let (flag, reads) = (flag.clone(), reads.clone());
            Worker::start_with(vec![dir.path().to_path_buf()], flag.clone(), move || {
                if reads.fetch_add(1, Ordering::Relaxed) == 3 {
                    flag.store(true, Ordering::Relaxed);
                }
            })
        };
        let ms = messages(&w);
        let Some(Message::Done { entries, cancelled }) = ms.last() else {
            panic!("no Done")
        };
        assert!(cancelled);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Found + 3 reads set the flag; each thread may finish the file it had begun.
        assert!(
            (3..=3 + threads).contains(&entries.len()),
            "{} entries",
            entries.len()
        );
        assert!(entries.iter().all(|e| e.outcome.is_ok()));

        // Cancelled before it began: nothing is read, the run still ends.
        let w = Worker::start_with(
            vec![dir.path().to_path_buf()],
            Arc::new(AtomicBool::new(true)),
            || {},
        );
        let ms = messages(&w);
        assert!(matches!(ms[0], Message::Found(200)));
        assert!(matches!(
            &ms[1],
            Message::Done { entries, cancelled: true } if entries.is_empty()
        ));
    }
}
