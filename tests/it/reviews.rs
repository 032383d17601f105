//! 已核实 marks: kept in the draft on disk, tied to the warning they name, never on a
//! hard error; version 2 drafts migrate to version 3.

use std::path::Path;

use crate::common::{balanced, id, t21};
use nianbao::model::{Report, draft};
use nianbao::validate::review::{self, ReviewError};
use nianbao::validate::{self, Diagnostic};

/// A complete report with no publish date (S17) and a 2024 year left in 总体情况 (S14).
fn report() -> Report {
    let mut r = balanced(t21(), 2025);
    r.publish_date = None;
    r.texts[0].push_str("对照2024年度工作要点逐项落实。");
    r
}

fn warning<'a>(diags: &'a [Diagnostic], rule: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.rule == rule && !d.is_error())
        .unwrap_or_else(|| panic!("no {rule} in {diags:#?}"))
}

fn counts(r: &Report) -> review::Counts {
    let diags = validate::validate(r, None);
    review::counts(&diags, &review::status(r, &diags))
}

#[test]
fn a_reviewed_warning_survives_save_and_reload_and_leaves_the_open_count() {
    let mut r = report();
    let diags = validate::validate(&r, None);
    let before = counts(&r);
    assert_eq!(before.reviewed, 0);
    assert!(before.open_warnings >= 2, "{diags:#?}");
    let s17 = warning(&diags, "S17").clone();
    review::mark(&mut r, &s17, "  落款日期由办公室统一加盖  ").unwrap();
    let s14 = warning(&diags, "S14").clone();
    review::mark(&mut r, &s14, "引用上年工作要点").unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("已核实.nianbao");
    draft::save(&r, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(&format!("format_version: {}", draft::FORMAT_VERSION)),
        "{text}"
    );
    assert!(text.contains("落款日期由办公室统一加盖"), "{text}");
    let back = draft::load(&path).unwrap();
    assert_eq!(back, r);
    // The reason is stored trimmed, with the warning's message at the time.
    assert_eq!(back.reviews[0].reason, "落款日期由办公室统一加盖");
    assert_eq!(back.reviews[0].message, s17.message);
    assert_eq!(back.reviews[1].quote, "2024年度");

    let after = counts(&back);
    assert_eq!(after.reviewed, 2);
    assert_eq!(after.open_warnings, before.open_warnings - 2);
    assert_eq!(after.errors, before.errors);

    // Unmarked again, it is open again.
    let mut again = back.clone();
    assert!(review::unmark(&mut again, &s17));
    assert_eq!(counts(&again).reviewed, 1);
    assert!(!review::unmark(&mut again, &s17), "nothing left to unmark");
}

#[test]
fn a_mark_applies_only_while_its_warning_is_raised() {
    let mut r = report();
    let diags = validate::validate(&r, None);
    review::mark(&mut r, warning(&diags, "S14"), "引用上年工作要点").unwrap();
    assert_eq!(counts(&r).reviewed, 1);

    // The quoted year is changed: that warning is gone and the mark names nothing now.
    let s1 = r.texts[0].clone();
    r.texts[0] = s1.replace("2024年度工作要点", "2025年度工作要点");
    let diags = validate::validate(&r, None);
    let st = review::status(&r, &diags);
    assert!(diags.iter().all(|d| d.rule != "S14"), "{diags:#?}");
    assert_eq!(st.reviewed(), 0);
    assert_eq!(st.stale, [0], "the mark is flagged as no longer applying");

    // Another stale year is another warning: the mark does not cover it.
    r.texts[0] = s1.replace("2024年度工作要点", "2024年工作安排");
    let diags = validate::validate(&r, None);
    assert!(diags.iter().any(|d| d.rule == "S14"));
    assert_eq!(review::status(&r, &diags).reviewed(), 0);

    // The words back as marked: the mark applies again (it was kept, not dropped).
    r.texts[0] = s1;
    assert_eq!(counts(&r).reviewed, 1);
}

#[test]
fn a_hard_error_cannot_be_marked() {
    let mut r = report();
    let t = r.template;
    // 本年新收 without a matching outcome breaks H1.
    r.set_input(id(t, "t3", "r1", "natural"), "999");
    let diags = validate::validate(&r, None);
    let err = diags.iter().find(|d| d.is_error()).expect("a hard error");
    assert_eq!(
        review::mark(&mut r, err, "已核实无误"),
        Err(ReviewError::HardError)
    );
    assert!(r.reviews.is_empty());
    // Even a mark written into the file by hand does not dismiss it.
    let mut forged = review::key(&r, err);
    forged.reason = "手工写入".into();
    r.reviews.push(forged);
    let diags = validate::validate(&r, None);
    let st = review::status(&r, &diags);
    let c = review::counts(&diags, &st);
    assert!(c.errors >= 1);
    assert_eq!(c.reviewed, 0);
    assert_eq!(st.stale, [0]);
    // An empty reason is refused with a message.
    let w = warning(&diags, "S17");
    let e = review::mark(&mut r, w, " \u{3000} ").unwrap_err();
    assert_eq!(e, ReviewError::EmptyReason);
    assert!(e.to_string().contains("核实理由"), "{e}");
}

#[test]
fn a_version_2_draft_loads_and_saves_as_the_current_version_with_nothing_lost() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/004_07a7ed9f35648903.ron");
    let v2 = std::fs::read_to_string(&src).unwrap();
    assert!(v2.contains("format_version: 2"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("旧版.ron");
    std::fs::write(&path, &v2).unwrap();
    let r = draft::load(&path).unwrap();
    assert!(r.reviews.is_empty());
    // Loading only reads.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), v2);

    let out = dir.path().join("新版.nianbao");
    draft::save(&r, &out).unwrap();
    let v3 = std::fs::read_to_string(&out).unwrap();
    assert!(
        v3.contains(&format!("format_version: {}", draft::FORMAT_VERSION)),
        "{v3}"
    );
    assert_eq!(draft::load(&out).unwrap(), r);
    // Every cell, section text and note of the old file is in the new one, as written.
    let old: ron::Value = ron::from_str(&v2).unwrap();
    let new: ron::Value = ron::from_str(&v3).unwrap();
    let (ron::Value::Map(old), ron::Value::Map(new)) = (old, new) else {
        panic!("drafts are maps");
    };
    for (k, v) in old.iter() {
        let key = k.clone().into_rust::<String>().unwrap();
        if key == "format_version" {
            continue;
        }
        assert_eq!(new.get(k), Some(v), "{key} differs");
    }
}

#[test]
fn validate_counts_reviewed_warnings_apart() {
    let mut r = report();
    let diags = validate::validate(&r, None);
    review::mark(&mut r, warning(&diags, "S17"), "落款日期由办公室统一填写").unwrap();
    let open = counts(&r).open_warnings;
    let dir = tempfile::tempdir().unwrap();
    draft::save(&r, &dir.path().join("a.nianbao")).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["validate", "a.nianbao"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("（0 个错误，{open} 个提示，1 个已核实）")),
        "{out}"
    );
    assert!(out.contains("  已核实 S17 "), "{out}");
    assert!(out.contains("（理由：落款日期由办公室统一填写）"), "{out}");
}

#[test]
fn marks_are_never_printed() {
    use nianbao::export::{document, html, text};
    let plain = report();
    let mut r = plain.clone();
    let diags = validate::validate(&r, None);
    review::mark(&mut r, warning(&diags, "S17"), "落款日期由办公室统一填写").unwrap();
    review::mark(&mut r, warning(&diags, "S14"), "引用上年工作要点").unwrap();
    assert_ne!(r, plain);
    let opts = || text::TextOptions {
        empty_as_zero: false,
    };
    assert_eq!(text::to_text(&r, opts()), text::to_text(&plain, opts()));
    assert_eq!(
        html::export(&r, html::HtmlKind::Page),
        html::export(&plain, html::HtmlKind::Page)
    );
    // PDF and Word are written from these blocks.
    assert_eq!(document::build(&r, false), document::build(&plain, false));
}
