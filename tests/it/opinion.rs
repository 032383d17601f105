//! 审核意见: the PDF read back with pdf-extract, and `nianbao check --opinions` (with the
//! workbook's open and reviewed counts) run as a process.

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use nianbao::check::opinion::{self, Signer};
use nianbao::export::pdf::FontSet;
use nianbao::model::{Report, draft};
use nianbao::validate::{self, Diagnostic, review};

use crate::common::{balanced, id, t21};

/// Text of a PDF with all whitespace and the page numbers (`—1—`) removed: lines and
/// pages break anywhere in Chinese text.
fn pdf_text(path: &Path) -> String {
    let text = pdf_extract::extract_text(path).unwrap();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    regex::Regex::new("—[0-9]+—")
        .unwrap()
        .replace_all(&text, "")
        .into_owned()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// 衡山县商务局's report with hard errors (H1, H3), an open warning (S14, a stale year)
/// and one warning (S17, no publish date) marked 已核实.
fn marked_report() -> (Report, Diagnostic) {
    let mut r = balanced(t21(), 2025);
    r.agency = "衡山县商务局".into();
    r.publish_date = None;
    r.texts[0].push_str("对照2024年度工作要点逐项落实。");
    r.set_input(id(t21(), "t3", "r1", "natural"), "999");
    let diags = validate::validate(&r, None);
    let s17 = diags.iter().find(|d| d.rule == "S17").unwrap().clone();
    review::mark(&mut r, &s17, "落款日期由办公室统一填写").unwrap();
    (r, s17)
}

#[test]
fn the_opinion_lists_open_problems_by_section_and_leaves_out_reviewed_warnings() {
    let (r, s17) = marked_report();
    let diags = validate::validate(&r, None);
    let st = review::status(&r, &diags);
    let open = opinion::open_problems(&diags, &st);
    assert!(open.iter().any(|d| d.is_error()));
    assert!(open.iter().any(|d| d.rule == "S14" && !d.is_error()));
    assert!(!open.iter().any(|d| d.rule == "S17"));
    let signer = Signer {
        office: "衡山县人民政府办公室".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 2, 10),
    };
    let bytes = opinion::pdf(&r, &diags, &st, &signer, &FontSet::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(opinion::file_name(&r));
    assert!(path.ends_with("衡山县商务局2025年度报告审核意见.pdf"));
    std::fs::write(&path, &bytes).unwrap();

    let text = pdf_text(&path);
    assert!(
        text.starts_with("关于《衡山县商务局2025年政府信息公开工作年度报告》的审核意见"),
        "{text}"
    );
    for d in &open {
        let m = squeeze(&d.message);
        assert!(text.contains(&m), "problem missing: {m}\n{text}");
    }
    // Numbered 1…n through the sections in the report's order: S14 (一、总体情况) first.
    let s14 = open.iter().find(|d| d.rule == "S14").unwrap();
    assert!(text.contains(&squeeze(&format!("一、总体情况1．{}", s14.message))));
    let mut at = 0;
    for n in 1..=open.len() {
        at += text[at..]
            .find(&format!("{n}．"))
            .unwrap_or_else(|| panic!("no problem {n}"));
    }
    assert!(
        !text.contains(&squeeze(&s17.message)),
        "reviewed S17 listed"
    );
    assert!(text.contains("另有1个提示已由报送单位核实并说明理由，不再列出。"));
    // Numbered under the section they concern: H1 (table 三) after its heading.
    let h1 = open.iter().find(|d| d.rule == "H1").unwrap();
    let heading = text
        .find("三、收到和处理政府信息公开申请情况")
        .expect("section heading");
    assert!(text.find(&squeeze(&h1.message)).unwrap() > heading);
    assert!(
        text.ends_with("衡山县人民政府办公室2026年2月10日"),
        "{text}"
    );
    // The report itself is untouched by the marks: no 已核实 anywhere in its PDF.
    let report_pdf = nianbao::export::pdf::export(&r, &Default::default()).unwrap();
    let rp = dir.path().join("报告.pdf");
    std::fs::write(&rp, report_pdf).unwrap();
    let report_text = pdf_text(&rp);
    assert!(!report_text.contains("核实"), "{report_text}");
    assert!(!report_text.contains("落款日期由办公室统一填写"));
}

fn sheet_row<'a>(s: &'a calamine::Range<Data>, col: usize, name: &str) -> &'a [Data] {
    s.rows()
        .find(|r| matches!(&r[col], Data::String(t) if t.ends_with(name)))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

#[test]
fn check_writes_one_opinion_per_report_with_open_problems_and_counts_reviews_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("报告");
    std::fs::create_dir(&input).unwrap();
    let (marked, _) = marked_report();
    draft::save(&marked, &input.join("衡山.nianbao")).unwrap();
    // A report whose every warning is marked: nothing open, so no opinion for it.
    let mut clean = balanced(t21(), 2025);
    clean.agency = "南岳区民政局".into();
    clean.publish_date = None;
    for d in validate::validate(&clean, None) {
        review::mark(&mut clean, &d, "已逐项核实").unwrap();
    }
    assert!(!clean.reviews.is_empty(), "the sample has warnings to mark");
    let clean_warnings = clean.reviews.len();
    draft::save(&clean, &input.join("南岳.nianbao")).unwrap();

    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "check",
            "报告",
            "--xlsx",
            "检查.xlsx",
            "--opinions",
            "意见",
            "--reviewer",
            "衡阳市政务公开办公室",
            "--opinion-date",
            "2026-02-10",
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "H1 fails: {stdout}\n{stderr}");
    assert!(stdout.contains("个提醒（已核实1）"), "{stdout}");
    assert!(
        stdout.contains("已核实 S17") && stdout.contains("理由：落款日期由办公室统一填写"),
        "{stdout}"
    );

    let written: Vec<String> = std::fs::read_dir(tmp.path().join("意见"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        written,
        ["衡山县商务局2025年度报告审核意见.pdf"],
        "{stderr}"
    );
    let text = pdf_text(&tmp.path().join("意见").join(&written[0]));
    assert!(
        text.contains("的审核意见") && text.contains("须改正"),
        "{text}"
    );
    assert!(
        text.ends_with("衡阳市政务公开办公室2026年2月10日"),
        "{text}"
    );

    // The workbook counts open and reviewed warnings apart, as numbers.
    let book = tmp.path().join("检查.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let s = wb.worksheet_range("汇总").unwrap();
    let header: Vec<String> = s
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let (open_c, rev_c) = (col("提醒"), col("已核实提醒"));
    let diags = validate::validate(&marked, None);
    let c = review::counts(&diags, &review::status(&marked, &diags));
    let row = sheet_row(&s, 0, "衡山.nianbao");
    assert_eq!(number(&row[open_c]), c.open_warnings as f64);
    assert_eq!(number(&row[rev_c]), 1.0);
    let row = sheet_row(&s, 0, "南岳.nianbao");
    assert_eq!(number(&row[open_c]), 0.0);
    assert_eq!(number(&row[rev_c]), clean_warnings as f64);
    // 问题清单 lists reviewed warnings as such, with the reason.
    let issues = wb.worksheet_range("问题清单").unwrap();
    let s17 = issues
        .rows()
        .find(|r| r[0].to_string().ends_with("衡山.nianbao") && r[4] == "S17")
        .expect("S17 listed");
    assert_eq!(s17[3].to_string(), "提醒（已核实）");
    assert_eq!(s17[8].to_string(), "落款日期由办公室统一填写");
    let open_rows = issues
        .rows()
        .filter(|r| r[0].to_string().ends_with("衡山.nianbao") && r[3] == "提醒")
        .count();
    assert_eq!(open_rows, c.open_warnings);

    // JSON: the same counts, and each diagnostic says whether it was reviewed.
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "报告", "--format", "json"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let item = v
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["agency"] == "衡山县商务局")
        .unwrap();
    assert_eq!(item["reviewed_warnings"], 1);
    assert_eq!(item["warnings"], c.open_warnings);
    let s17 = item["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "S17")
        .unwrap();
    assert_eq!(s17["reviewed"], "落款日期由办公室统一填写");
}

#[test]
fn the_title_breaks_after_the_agency_and_before_the_words_of_the_opinion() {
    use nianbao::export::pdf::fonts::Metrics;
    use nianbao::export::pdf::layout::{PageNumbers, layout_document};
    let (r, _) = marked_report();
    let diags = validate::validate(&r, None);
    let st = review::status(&r, &diags);
    let doc = opinion::document(&r, &diags, &st, &Signer::default());
    let fonts = FontSet::default();
    let laid = layout_document(&doc, &Metrics::new(&fonts).unwrap(), PageNumbers::Centred);
    let first: Vec<&str> = laid.pages[0]
        .runs
        .iter()
        .take(3)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        first,
        [
            "关于《衡山县商务局",
            "2025年政府信息公开工作年度报告》",
            "的审核意见"
        ]
    );
    // The PDF's metadata title is one line.
    assert_eq!(
        laid.title,
        "关于《衡山县商务局2025年政府信息公开工作年度报告》的审核意见"
    );
}
