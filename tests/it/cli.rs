//! The `nianbao` binary, run as a user would.

use std::process::Output;

use crate::common::{balanced, id, nianbao, t21};
use nianbao::model::draft;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn new_creates_a_draft_in_the_right_format() {
    let dir = tempfile::tempdir().unwrap();
    let o = nianbao(
        &["new", "--year", "2020", "--agency", "某某局", "-o", "a.ron"],
        dir.path(),
    );
    assert!(o.status.success(), "{o:?}");
    let r = draft::load(&dir.path().join("a.ron")).unwrap();
    assert_eq!(
        (r.year, r.agency.as_str(), r.template.id.as_str()),
        (2020, "某某局", "gov-info-annual-2019")
    );
    assert!(r.header_text.contains("2020年1月1日"));
    // It refuses to overwrite.
    let o = nianbao(
        &["new", "--year", "2025", "--agency", "x", "-o", "a.ron"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已存在"));
    let o = nianbao(
        &[
            "new",
            "--year",
            "2025",
            "--agency",
            "x",
            "--template",
            "2019",
            "-o",
            "b.ron",
        ],
        dir.path(),
    );
    assert!(o.status.success());
    assert_eq!(
        draft::load(&dir.path().join("b.ron")).unwrap().template.id,
        "gov-info-annual-2019"
    );
}

#[test]
fn validate_exit_codes_follow_hard_errors_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let good = balanced(t, 2025);
    draft::save(&good, &dir.path().join("good.ron")).unwrap();
    let mut bad = good.clone();
    bad.set_input(id(t, "t3", "r1", "natural"), "0");
    bad.recompute_derived();
    draft::save(&bad, &dir.path().join("bad.ron")).unwrap();
    std::fs::write(dir.path().join("broken.ron"), "(format_version: 2,").unwrap();

    let o = nianbao(&["validate", "good.ron"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("good.ron：通过"));

    let o = nianbao(&["validate", "good.ron", "bad.ron"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("bad.ron：未通过") && out.contains("错误 H1"),
        "{out}"
    );

    let o = nianbao(
        &["validate", "good.ron", "bad.ron", "broken.ron"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("broken.ron"));

    // A folder is expanded to its drafts; --quiet lists only failures.
    let o = nianbao(&["validate", "--quiet", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        !out.contains("good.ron") && out.contains("bad.ron"),
        "{out}"
    );
}

#[test]
fn new_writes_a_nianbao_draft_with_ron_inside() {
    let dir = tempfile::tempdir().unwrap();
    let o = nianbao(
        &[
            "new",
            "--year",
            "2025",
            "--agency",
            "新格式局",
            "-o",
            "新.nianbao",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(dir.path().join("新.nianbao")).unwrap();
    assert!(
        text.starts_with('(')
            && text.contains(&format!("format_version: {}", draft::FORMAT_VERSION)),
        "{text}"
    );
    assert_eq!(
        draft::load(&dir.path().join("新.nianbao")).unwrap().agency,
        "新格式局"
    );
}

#[test]
fn a_folder_holds_nianbao_and_older_ron_drafts() {
    let dir = tempfile::tempdir().unwrap();
    draft::save(&balanced(t21(), 2025), &dir.path().join("好.nianbao")).unwrap();
    let mut bad = balanced(t21(), 2024);
    bad.set_input(id(t21(), "t3", "r1", "natural"), "0");
    bad.recompute_derived();
    draft::save(&bad, &dir.path().join("旧.RON")).unwrap();
    std::fs::write(dir.path().join("笔记.txt"), "不是草稿").unwrap();

    let o = nianbao(&["validate", "."], dir.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("好.nianbao：通过"), "{out}");
    assert!(out.contains("旧.RON：未通过"), "{out}");
    assert!(!out.contains("笔记.txt"), "{out}");
}

#[test]
fn validate_json_names_cells_by_template_ids() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let mut bad = balanced(t, 2025);
    bad.set_input(id(t, "t3", "r1", "natural"), "0");
    bad.recompute_derived();
    draft::save(&bad, &dir.path().join("bad.ron")).unwrap();
    let o = nianbao(&["validate", "--format", "json", "bad.ron"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v[0]["diagnostics"].as_array().unwrap();
    let h1 = diags.iter().find(|d| d["rule"] == "H1").unwrap();
    assert_eq!(h1["severity"], "error");
    let cells = h1["cells"].as_array().unwrap();
    assert!(
        cells
            .iter()
            .any(|c| c["table"] == "t3" && c["row"] == "r1" && c["column"] == "natural")
    );
}

#[test]
fn validate_with_previous_checks_continuity() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let last = balanced(t, 2024);
    draft::save(&last, &dir.path().join("2024.ron")).unwrap();
    draft::save(&balanced(t, 2025), &dir.path().join("2025.ron")).unwrap();
    let o = nianbao(
        &["validate", "2025.ron", "--previous", "2024.ron"],
        dir.path(),
    );
    assert!(stdout(&o).contains("提示 S4"), "{}", stdout(&o));
    let o = nianbao(&["validate", "2025.ron"], dir.path());
    assert!(!stdout(&o).contains("S4"));
}

#[test]
fn validate_against_last_years_word_report_names_a_figure_typed_in_yuan() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let fees = id(t, "t2", "fees", "amount");
    let mut last = balanced(t, 2024);
    last.set_input(fees, "9.6");
    draft::save(&last, &dir.path().join("2024.ron")).unwrap();
    // Last year's report as it was published: a Word document, read on the fly.
    let o = nianbao(&["export", "2024.ron", "--docx", "2024.docx"], dir.path());
    assert!(o.status.success(), "{o:?}");
    let mut this = balanced(t, 2025);
    this.set_input(fees, "96171.6");
    draft::save(&this, &dir.path().join("2025.ron")).unwrap();
    let o = nianbao(
        &["validate", "2025.ron", "--previous", "2024.docx"],
        dir.path(),
    );
    let out = stdout(&o);
    assert!(
        out.contains("本年 96171.6，上年 9.6，相差约一万倍，请核实单位是否为万元"),
        "{out}"
    );
    // Another agency's report is named, not compared.
    let mut other = balanced(t, 2024);
    other.agency = "另一个局".into();
    draft::save(&other, &dir.path().join("other.ron")).unwrap();
    let o = nianbao(
        &["validate", "2025.ron", "--previous", "other.ron"],
        dir.path(),
    );
    let out = stdout(&o);
    assert!(
        out.contains("另一个局") && out.contains("未与之比较"),
        "{out}"
    );
    assert!(!out.contains("相差约"), "{out}");
}

#[test]
fn rollover_writes_next_years_draft() {
    let dir = tempfile::tempdir().unwrap();
    draft::save(&balanced(t21(), 2024), &dir.path().join("2024.ron")).unwrap();
    let o = nianbao(&["rollover", "2024.ron", "-o", "2025.ron"], dir.path());
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains("2025 年度"));
    let r = draft::load(&dir.path().join("2025.ron")).unwrap();
    assert_eq!(r.year, 2025);
    assert!(r.previous.is_some());
}

#[test]
fn export_writes_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let t = t21();
    let r = balanced(t, 2025);
    draft::save(&r, &dir.path().join("d.ron")).unwrap();
    let o = nianbao(
        &["export", "d.ron", "--txt", "d.txt", "--json", "d.json"],
        dir.path(),
    );
    assert!(o.status.success(), "{o:?}");
    let text = std::fs::read_to_string(dir.path().join("d.txt")).unwrap();
    assert!(text.starts_with("某某市某某区某某局2025年政府信息公开工作年度报告\n"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("d.json")).unwrap()).unwrap();
    assert_eq!(v["year"], 2025);
    let cell = &v["tables"]["t3"]["rows"][0]["cells"]["natural"];
    assert_eq!(cell["label"], "自然人");
    assert_eq!(
        cell["value"],
        r.cell(id(t, "t3", "r1", "natural")).int().unwrap()
    );
    assert_eq!(
        v["tables"]["t3"]["rows"][0]["label"],
        "一、本年新收政府信息公开申请数量"
    );
    let fee = &v["tables"]["t2"]["rows"][5]["cells"]["amount"]["value"];
    assert_eq!(
        fee.as_str().unwrap(),
        r.cell(id(t, "t2", "fees", "amount")).text()
    );
    // Without an output option it explains what is needed.
    let o = nianbao(&["export", "d.ron"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--txt"));
}

#[test]
fn export_writes_word_and_web_pages() {
    let dir = tempfile::tempdir().unwrap();
    let r = balanced(t21(), 2025);
    draft::save(&r, &dir.path().join("d.ron")).unwrap();
    let o = nianbao(
        &["export", "d.ron", "--docx", "d.docx", "--html", "d.html"],
        dir.path(),
    );
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains("d.docx") && stdout(&o).contains("d.html"));
    // A zip package whose first part is the content types, as Word expects.
    let docx = std::fs::read(dir.path().join("d.docx")).unwrap();
    assert_eq!(&docx[..4], b"PK\x03\x04");
    assert_eq!(&docx[30..49], b"[Content_Types].xml");
    let page = std::fs::read_to_string(dir.path().join("d.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<table border=\"1\""));
    // The fragment alone, for a portal editor.
    let o = nianbao(
        &["export", "d.ron", "--html", "f.html", "--html-fragment"],
        dir.path(),
    );
    assert!(o.status.success(), "{o:?}");
    let frag = std::fs::read_to_string(dir.path().join("f.html")).unwrap();
    assert!(frag.starts_with("<h1") && !frag.contains("<body"));
    // --html-fragment without --html is refused by the parser.
    let o = nianbao(&["export", "d.ron", "--html-fragment"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn exporting_a_report_without_a_date_warns_and_still_exports() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = balanced(t21(), 2025);
    draft::save(&r, &dir.path().join("dated.ron")).unwrap();
    r.publish_date = None;
    draft::save(&r, &dir.path().join("undated.ron")).unwrap();
    let o = nianbao(&["export", "dated.ron", "--txt", "a.txt"], dir.path());
    assert!(o.status.success(), "{o:?}");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("成文日期"));
    let o = nianbao(&["export", "undated.ron", "--txt", "b.txt"], dir.path());
    assert!(o.status.success(), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("undated.ron 没有成文日期"), "{err}");
    assert!(dir.path().join("b.txt").is_file());
    // JSON carries data, not a signed page: no warning.
    let o = nianbao(&["export", "undated.ron", "--json", "b.json"], dir.path());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("成文日期"));
}
