//! Draft files on disk: round trips, migration, damaged files, atomic saves.

use std::fs;
use std::path::Path;

use crate::common::{balanced, id, t19, t21};
use nianbao::model::draft::{self, DraftError};
use nianbao::model::{Cell, Report};

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn report_round_trips_through_ron_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for t in [t21(), t19()] {
        let mut r = balanced(t, 2025);
        r.texts[0] = "多行文字\n第二段，含“引号”、\\反斜杠\\和 tab\t。".into();
        r.notes[2] = "行政复议、行政诉讼数量含上年度结转数量".into();
        r.publish_date = chrono::NaiveDate::from_ymd_opt(2026, 1, 20);
        r.header.phone = "0731-12345678".into();
        // Kinds of cell content that must survive: empty, invalid text, exact decimals.
        r.set_input(id(t, "t3", "o1", "natural"), "12a");
        r.set_input(id(t, "t3", "o2", "natural"), "");
        r.previous = Some(Box::new(balanced(t, 2024)));
        let p = dir.path().join(format!("{}.ron", t.id));
        draft::save(&r, &p).unwrap();
        let back = draft::load(&p).unwrap();
        assert_eq!(back, r, "{}", t.id);
        assert_eq!(
            back.cell(id(t, "t3", "o1", "natural")),
            &Cell::Invalid("12a".into())
        );
        // Saving the loaded report writes the same bytes.
        assert_eq!(draft::to_string(&back), fs::read_to_string(&p).unwrap());
    }
}

#[test]
fn amounts_keep_their_exact_digits() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let mut r = Report::new(t, "某某局", 2025);
    let fee = id(t, "t2", "fees", "amount");
    r.set_input(fee, "24252.311082");
    let p = dir.path().join("fee.ron");
    draft::save(&r, &p).unwrap();
    assert!(fs::read_to_string(&p).unwrap().contains("\"24252.311082\""));
    assert_eq!(
        draft::load(&p).unwrap().cell(fee),
        &Cell::Amount("24252.311082".into())
    );
}

#[test]
fn version_1_drafts_are_migrated() {
    let r = draft::load(Path::new("tests/fixtures/legacy/draft-v1.ron")).unwrap();
    let t = t21();
    assert_eq!(r.agency, "某某县民政局");
    assert_eq!(r.year, 2023);
    assert_eq!(r.text("s1"), "2023年，我局收到政府信息公开申请3件。");
    assert_eq!(r.text("s6"), "本年度未收取信息处理费。");
    assert_eq!(r.cell(id(t, "t3", "r1", "natural")), &Cell::Int(3));
    assert_eq!(
        r.cell(id(t, "t2", "fees", "amount")),
        &Cell::Amount("12.50".into())
    );
    assert_eq!(r.publish_date, chrono::NaiveDate::from_ymd_opt(2024, 1, 25));
    // Saved again, it is written in the current version.
    assert!(draft::to_string(&r).contains(&format!("format_version: {}", draft::FORMAT_VERSION)));
    assert!(!nianbao::validate::has_errors(
        &nianbao::validate::validate(&r, None)
    ));
}

/// Loads `text` from a file, expecting an error; the file must be unchanged afterwards.
fn load_err(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    fs::write(&p, bytes).unwrap();
    let err = draft::load(&p).expect_err(name);
    assert_eq!(fs::read(&p).unwrap(), bytes, "{name} was modified");
    let msg = err.to_string();
    assert!(msg.contains(name), "message names the file: {msg}");
    msg
}

fn good_text() -> String {
    draft::to_string(&balanced(t21(), 2025))
}

#[test]
fn truncated_file_names_line_and_column() {
    let text = good_text();
    let cut = &text[..text.len() / 2];
    let cut = &cut[..cut.char_indices().last().unwrap().0];
    let msg = load_err("cut.ron", cut.as_bytes());
    assert!(msg.contains("行") && msg.contains("列"), "{msg}");
    assert!(msg.contains("意外结束") || msg.contains("格式"), "{msg}");
}

#[test]
fn malformed_syntax_is_located() {
    let text = good_text().replacen("agency:", "agency", 1);
    let msg = load_err("bad.ron", text.as_bytes());
    let line = text.lines().position(|l| l.contains("agency ")).unwrap() + 1;
    assert!(msg.contains(&format!("第{line}行")), "{msg}");
}

#[test]
fn wrong_types_are_reported() {
    let text = good_text().replacen("year: 2025", "year: \"二〇二五\"", 1);
    let msg = load_err("types.ron", text.as_bytes());
    assert!(msg.contains("应为"), "{msg}");
}

#[test]
fn newer_format_version_is_refused() {
    let text = good_text().replacen(
        &format!("format_version: {}", draft::FORMAT_VERSION),
        "format_version: 9",
        1,
    );
    let msg = load_err("new.ron", text.as_bytes());
    assert!(msg.contains("版本为 9") && msg.contains("升级"), "{msg}");
}

#[test]
fn unknown_template_is_named_with_its_position() {
    let text = good_text().replacen("gov-info-annual-2021", "gov-info-annual-2099", 1);
    let msg = load_err("tpl.ron", text.as_bytes());
    assert!(
        msg.contains("gov-info-annual-2099") && msg.contains("第3行第13列"),
        "{msg}"
    );
}

#[test]
fn unknown_cells_are_refused_not_dropped() {
    let text = good_text().replacen("\"natural\"", "\"aliens\"", 1);
    let msg = load_err("cell.ron", text.as_bytes());
    assert!(msg.contains("aliens"), "{msg}");
}

#[test]
fn non_utf8_bytes_are_refused() {
    let mut bytes = good_text().into_bytes();
    bytes.splice(0..0, [0xB0, 0xA1, 0xC4, 0xEA]); // GBK
    let msg = load_err("gbk.ron", &bytes);
    assert!(msg.contains("UTF-8"), "{msg}");
}

#[test]
fn missing_file_gives_a_chinese_reason() {
    let err = draft::load(Path::new("/nonexistent/none.ron")).unwrap_err();
    assert!(matches!(err, DraftError::Read { .. }));
    assert!(err.to_string().contains("不存在"), "{err}");
}

#[test]
fn save_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("draft.ron");
    let mut r = balanced(t21(), 2025);
    draft::save(&r, &p).unwrap();
    let first = fs::read_to_string(&p).unwrap();
    r.texts[0] = "改过的总体情况。".into();
    draft::save(&r, &p).unwrap();
    assert_eq!(fs::read_to_string(draft::backup_path(&p)).unwrap(), first);
    assert_eq!(draft::load(&p).unwrap(), r);
    // No temporary files are left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn failed_save_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "draft.ron", &good_text());
    let before = fs::read(&p).unwrap();
    // Block the temporary file's name with a directory so that writing it fails.
    let tmp = dir
        .path()
        .join(format!(".draft.ron.{}.tmp", std::process::id()));
    fs::create_dir(&tmp).unwrap();
    let mut r = balanced(t21(), 2025);
    r.texts[0] = "新内容".into();
    let snapshot = r.clone();
    let err = draft::save(&r, &p).unwrap_err();
    assert!(matches!(err, DraftError::Save { .. }));
    assert!(err.to_string().contains("原文件未改动"), "{err}");
    assert_eq!(fs::read(&p).unwrap(), before);
    assert_eq!(r, snapshot);
}

#[test]
fn save_into_a_missing_folder_reports_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("no-such-folder").join("draft.ron");
    let err = draft::save(&balanced(t21(), 2025), &p).unwrap_err();
    assert!(err.to_string().contains("不存在"), "{err}");
}

#[test]
fn a_read_only_draft_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "只读 草稿.nianbao", &good_text());
    let before = fs::read(&p).unwrap();
    let mut perms = fs::metadata(&p).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&p, perms).unwrap();
    let err = draft::save(&balanced(t21(), 2025), &p).unwrap_err();
    assert!(err.to_string().contains("只读"), "{err}");
    assert!(err.to_string().contains("原文件未改动"), "{err}");
    assert_eq!(fs::read(&p).unwrap(), before);
    // Nothing beside it either: no temporary file, no backup.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn drafts_with_windows_line_ends_load_as_with_unix_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = balanced(t21(), 2025);
    r.texts[0] = "第一段。\n第二段。".into();
    let p = dir.path().join("lf.nianbao");
    draft::save(&r, &p).unwrap();
    let crlf = fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
    let q = write(dir.path(), "crlf.nianbao", &crlf);
    assert_eq!(draft::load(&q).unwrap(), r);
}
