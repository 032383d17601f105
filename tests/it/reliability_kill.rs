//! Saves killed at random moments: after every SIGKILL the draft on disk is the complete
//! old or the complete new version, and it loads.
//!
//! The child is this test binary itself, re-run with an environment variable that turns
//! `save_loop_child` into an endless save loop alternating two versions of a large draft.

#![cfg(unix)]

use crate::common::exact_test_name;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nianbao::model::{Report, draft, sample};
use nianbao::template;

const CHILD_ENV: &str = "NIANBAO_SAVE_LOOP_PATH";

/// Version `n` (0 or 1) of a large draft: long texts, every cell filled.
fn version(n: usize) -> Report {
    let t = template::get("gov-info-annual-2021").unwrap();
    let mut r = sample::filled(t, 2025);
    for (i, text) in r.texts.iter_mut().enumerate() {
        if !text.is_empty() {
            *text = format!("第{n}版第{i}部分。").repeat(2000);
        }
    }
    r.agency = format!("某某局（第{n}版）");
    r
}

/// In the child: save the two versions alternately until killed.
#[test]
fn save_loop_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let versions = [version(0), version(1)];
    let path = PathBuf::from(path);
    for i in 1.. {
        draft::save(&versions[i % 2], &path).expect("save");
        if i == 1 {
            // From here on the file on disk alternates; a busy machine may take long to get here.
            println!("saved");
        }
    }
}

fn spawn_child(path: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &exact_test_name(module_path!(), "save_loop_child"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A small deterministic generator for kill delays (no dependency needed for this).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// Kills the saving child `kills` times; returns how often each version was found.
fn kill_saves(kills: usize) -> [usize; 2] {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    let versions = [version(0), version(1)];
    draft::save(&versions[0], &path).unwrap();
    let mut rng = Lcg(0x5eed);
    let mut found = [0usize; 2];
    for k in 0..kills {
        let mut child = spawn_child(&path);
        // Wait until the child's first save is on disk, then let it save for a random while.
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        while !line.contains("saved") {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "child ended early");
        }
        std::thread::sleep(Duration::from_micros(rng.next(80_000)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let r = draft::load(&path).unwrap_or_else(|e| panic!("kill {k}: {e}"));
        let which = versions
            .iter()
            .position(|v| *v == r)
            .unwrap_or_else(|| panic!("kill {k}: the file is neither version"));
        found[which] += 1;
        // The backup, when there is one, is also a whole version.
        if let Ok(b) = draft::load(&draft::backup_path(&path)) {
            assert!(versions.contains(&b), "kill {k}: broken backup");
        }
    }
    found
}

#[test]
fn killed_saves_leave_a_whole_draft() {
    let start = Instant::now();
    let found = kill_saves(40);
    eprintln!(
        "40 kills: version 0 / version 1 found {found:?} in {:?}",
        start.elapsed()
    );
    assert_eq!(found.iter().sum::<usize>(), 40);
    assert!(
        found[1] > 0,
        "no kill landed after a save completed: {found:?}"
    );
}

/// The full run: `cargo test --release --test it reliability_kill:: -- --ignored --nocapture`.
#[test]
#[ignore]
fn killed_saves_leave_a_whole_draft_1000_times() {
    let start = Instant::now();
    let found = kill_saves(1000);
    eprintln!(
        "1000 kills: version 0 / version 1 found {found:?} in {:?}",
        start.elapsed()
    );
    // Kills landed at different moments of the save cycle.
    assert!(found[0] > 0 && found[1] > 0, "{found:?}");
}
