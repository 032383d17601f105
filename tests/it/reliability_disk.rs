//! Saving when the disk refuses the write: the reason is reported, the old file is intact
//! and the report in memory is unchanged; oversized files are refused before reading.

#![cfg(unix)]

use crate::common::exact_test_name;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use nianbao::model::{draft, sample};
use nianbao::template;

const CHILD_ENV: &str = "NIANBAO_FULL_DISK_PATH";

/// In the child, whose file-size limit is a few KB: try to save a large report.
#[test]
fn full_disk_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let t = template::get("gov-info-annual-2021").unwrap();
    let mut r = sample::filled(t, 2025);
    r.texts[0] = "很长的总体情况。".repeat(3000);
    let before = r.clone();
    let err = draft::save(&r, &PathBuf::from(path)).expect_err("the write must fail");
    assert_eq!(r, before, "the report in memory changed");
    println!("ERR:{err}");
}

#[test]
fn a_full_disk_leaves_the_old_draft_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    let t = template::get("gov-info-annual-2021").unwrap();
    draft::save(&sample::filled(t, 2024), &path).unwrap();
    let old = fs::read(&path).unwrap();
    // The shell ignores SIGXFSZ (inherited across exec), so writes past the limit fail
    // with EFBIG the way they fail with ENOSPC on a full disk.
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16; exec \"$0\" --exact \"$1\" --nocapture --test-threads=1")
        .arg(&exe)
        .arg(exact_test_name(module_path!(), "full_disk_child"))
        .env(CHILD_ENV, &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msg = stdout
        .lines()
        .find_map(|l| l.split_once("ERR:").map(|(_, m)| m))
        .expect("error printed");
    assert!(
        msg.contains("保存") && msg.contains("原文件未改动"),
        "{msg}"
    );
    assert!(msg.contains("大小") || msg.contains("空间"), "{msg}");
    assert_eq!(fs::read(&path).unwrap(), old);
    // The failed temporary file was removed.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_100_mb_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = fs::File::create(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap(); // sparse: no 100 MB actually written
    drop(f);
    let err = draft::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("文件过大") && err.contains("huge.ron"),
        "{err}"
    );
    assert_eq!(fs::metadata(&path).unwrap().len(), 100 * 1024 * 1024);
}
