//! Importing published reports: the five real ones against the hand-made drafts, the
//! text exporter's output perturbed the ways web pages and Word break tables, and garbage.

use crate::common;

use std::path::{Path, PathBuf};

use nianbao::export::text::{TextOptions, to_text};
use nianbao::import::{ImportError, Imported, NoteLevel, import_bytes, import_text};
use nianbao::model::{Cell, Report, draft};
use nianbao::template::CellId;

const PUBLISHED: [&str; 5] = [
    "000_1b930464a9b6bad7",
    "001_4215243010f676eb",
    "002_8c1ae9a60ab0aad1",
    "003_73a49c1d9e8bef42",
    "004_07a7ed9f35648903",
];

/// Table 三's columns: six applicant kinds, then 总计.
const T3_COLUMNS: [&str; 7] = [
    "natural",
    "commercial",
    "research",
    "public_welfare",
    "legal_service",
    "other",
    "total",
];

fn published_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/published")
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every difference between two reports, named so a failure says what is wrong.
fn differences(got: &Report, want: &Report) -> Vec<String> {
    let mut d = Vec::new();
    let mut cmp = |what: &str, a: String, b: String| {
        if a != b {
            d.push(format!("{what}: imported {a:?}, expected {b:?}"));
        }
    };
    cmp(
        "template",
        got.template.id.clone(),
        want.template.id.clone(),
    );
    cmp("agency", got.agency.clone(), want.agency.clone());
    cmp("year", got.year.to_string(), want.year.to_string());
    cmp(
        "publish_date",
        format!("{:?}", got.publish_date),
        format!("{:?}", want.publish_date),
    );
    cmp(
        "agency_kind",
        got.agency_kind.clone(),
        want.agency_kind.clone(),
    );
    cmp(
        "header",
        format!("{:?}", got.header),
        format!("{:?}", want.header),
    );
    cmp(
        "header_text",
        got.header_text.clone(),
        want.header_text.clone(),
    );
    if !std::ptr::eq(got.template, want.template) {
        return d;
    }
    for (i, s) in want.template.sections.iter().enumerate() {
        cmp(&s.id, got.texts[i].clone(), want.texts[i].clone());
    }
    for (i, t) in want.template.tables.iter().enumerate() {
        cmp(
            &format!("note {}", t.id),
            got.notes[i].clone(),
            want.notes[i].clone(),
        );
    }
    for i in 0..want.cells.len() {
        let id = CellId(i as u16);
        cmp(
            &want.template.cell_label(id),
            format!("{:?}", got.cells[i]),
            format!("{:?}", want.cells[i]),
        );
    }
    d
}

fn import_published(name: &str) -> Imported {
    let bytes = std::fs::read(published_dir().join(format!("{name}.txt"))).unwrap();
    import_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_five_published_reports_import_as_the_hand_made_drafts() {
    for name in PUBLISHED {
        let imported = import_published(name);
        let want = draft::load(&fixture_dir().join(format!("{name}.ron"))).unwrap();
        let diff = differences(&imported.report, &want);
        assert!(diff.is_empty(), "{name}:\n{}", diff.join("\n"));
    }
}

#[test]
fn missing_cells_are_reported_not_invented() {
    // 001 printed six of seven values on 21 rows of table 三 and 14 of 15 in table 四.
    let imported = import_published("001_4215243010f676eb");
    let r = &imported.report;
    let t = r.template;
    let after_total = common::id(t, "t4", "cases", "after_total");
    assert_eq!(r.cell(after_total), &Cell::Empty);
    let missing: Vec<CellId> = imported
        .notes
        .iter()
        .filter(|n| n.level == NoteLevel::Warning)
        .flat_map(|n| n.cells.iter().copied())
        .collect();
    assert!(missing.contains(&after_total), "{:#?}", imported.notes);
    let o3_total = common::id(t, "t3", "o3_1", "total");
    assert!(missing.contains(&o3_total));
    assert_eq!(missing.len(), 22, "{:#?}", imported.notes);
    // The fee column's header carries a remark the format does not have.
    assert!(imported.notes.iter().any(|n| {
        n.level == NoteLevel::Info
            && n.message
                .contains("本年收费金额（单位：万元，保留4位小数）")
            && n.message.contains("与模板“本年收费金额（单位：万元）”不同")
    }));
    // The shortened label is named, with the template's wording.
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("2.其他法律法规禁止公开")
                && n.message.contains("2.其他法律行政法规禁止公开"))
    );
}

#[test]
fn the_format_is_told_apart_by_the_tables() {
    assert_eq!(
        import_published("003_73a49c1d9e8bef42").report.template.id,
        "gov-info-annual-2019"
    );
    assert_eq!(
        import_published("004_07a7ed9f35648903").report.template.id,
        "gov-info-annual-2021"
    );
}

#[test]
fn gbk_text_imports_like_utf8() {
    // GBK has no no-break space; Windows would have written a plain one.
    let text = std::fs::read_to_string(published_dir().join("003_73a49c1d9e8bef42.txt"))
        .unwrap()
        .replace('\u{a0}', " ");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err());
    let a = import_bytes(&gbk).unwrap();
    let b = import_text(&text).unwrap();
    assert!(differences(&a.report, &b.report).is_empty());
    assert!(a.notes[0].message.contains("GB18030"), "{:?}", a.notes[0]);
}

// --- The text exporter's output, perturbed -------------------------------------------

fn sample(t: &'static nianbao::template::Template) -> Report {
    let mut r = common::balanced(t, t.last_year.unwrap_or(2025));
    r.agency = "某某市交通运输局".into();
    r.header_text = r.generated_header();
    r
}

fn exported(r: &Report) -> String {
    to_text(r, TextOptions::default())
}

fn assert_same_cells(got: &Report, want: &Report) {
    let diff: Vec<String> = differences(got, want)
        .into_iter()
        .filter(|d| d.starts_with(['二', '三', '四']) || d.starts_with("template"))
        .collect();
    assert!(diff.is_empty(), "{}", diff.join("\n"));
}

#[test]
fn exported_text_round_trips_with_non_zero_values() {
    for t in [common::t21(), common::t19()] {
        let want = sample(t);
        let imported = import_text(&exported(&want)).unwrap();
        let diff = differences(&imported.report, &want);
        assert!(diff.is_empty(), "{}:\n{}", t.id, diff.join("\n"));
        assert!(
            imported.notes.iter().all(|n| n.level == NoteLevel::Info),
            "{:#?}",
            imported.notes
        );
    }
}

#[test]
fn tabs_replaced_by_spaces_still_import() {
    let want = sample(common::t21());
    let text = exported(&want).replace('\t', " ");
    assert_same_cells(&import_text(&text).unwrap().report, &want);
}

#[test]
fn labels_broken_over_lines_and_odd_brackets_still_import() {
    let want = sample(common::t21());
    let text = exported(&want)
        .replace("（一）予以公开", "(一)\n予以公开")
        .replace(
            "5.要求行政机关确认或重新出具已获取信息",
            "5.要求行政机关确认或重新\n出具已获取信息",
        )
        .replace("“三安全一稳定”", "\"三安全一稳定\"")
        .replace("行政规范性文件", "行政规范性\n文件");
    assert_same_cells(&import_text(&text).unwrap().report, &want);
}

#[test]
fn one_cell_per_line_imports() {
    let want = sample(common::t21());
    let text = exported(&want).replace('\t', "\n\t");
    assert_same_cells(&import_text(&text).unwrap().report, &want);
}

#[test]
fn blanked_cells_stay_empty() {
    let mut want = sample(common::t21());
    let t = want.template;
    // Blank the applicant columns of table 三 row 一 but keep its 总计, as 004 prints.
    for col in &T3_COLUMNS[..6] {
        want.cells[common::id(t, "t3", "r1", col).index()] = Cell::Empty;
    }
    let imported = import_text(&exported(&want)).unwrap();
    assert_same_cells(&imported.report, &want);
}

#[test]
fn digits_run_together_are_split_by_the_equations() {
    let want = sample(common::t21());
    let t = want.template;
    let text = exported(&want);
    // Flatten row 一 of table 三 and the row of table 四: no separators at all.
    let row_of = |label: &str| -> String {
        text.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label}"))
            .to_string()
    };
    let r1 = row_of("一、本年新收政府信息公开申请数量");
    let flat_r1 = format!(
        "一、本年新收政府信息公开申请数量{}",
        r1.split('\t')
            .skip(1)
            .filter(|s| !s.is_empty())
            .collect::<String>()
    );
    let text = text.replace(&r1, &flat_r1);
    let imported = import_text(&text).unwrap();
    // 28 digits for 7 cells: only one cut makes the row total the sum of the others.
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("唯一拆分")),
        "{:#?}",
        imported.notes
    );
    for c in T3_COLUMNS {
        let id = common::id(t, "t3", "r1", c);
        assert_eq!(imported.report.cell(id), want.cell(id), "{c}");
    }
    // Flattened table 四 (15 cells, three group totals).
    let t4 = text
        .lines()
        .skip_while(|l| !l.starts_with("四、政府信息公开"))
        .find(|l| {
            !l.is_empty()
                && l.split('\t')
                    .all(|c| c.chars().all(|ch| ch.is_ascii_digit()))
        });
    let t4 = t4.expect("table 四 values").to_string();
    let imported = import_text(&text.replace(&t4, &t4.replace('\t', ""))).unwrap();
    // "…67 74 81 88 310" and "…67 7 48 188 310" both keep every group total: ambiguous,
    // so the row stays empty and both are shown.
    let note = imported
        .notes
        .iter()
        .find(|n| n.message.contains("多种拆分"))
        .unwrap_or_else(|| panic!("{:#?}", imported.notes));
    assert!(
        note.message.contains("67、74、81、88、310"),
        "{}",
        note.message
    );
    assert!(
        note.message.contains("67、7、48、188、310"),
        "{}",
        note.message
    );
    let t4i = t.table_index("t4").unwrap();
    assert!(
        t.table_cells(t4i)
            .all(|c| imported.report.cell(c).is_empty())
    );
    assert_eq!(note.cells.len(), 15);
}

#[test]
fn the_example_of_the_issue_is_split_and_noted() {
    let mut r = Report::for_year("某某局", 2025);
    r.agency = "某某局".into();
    let text = exported(&r).replace(
        "一、本年新收政府信息公开申请数量",
        "一、本年新收政府信息公开申请数量 713000074\n",
    );
    let imported = import_text(&text).unwrap();
    let t = imported.report.template;
    let got: Vec<String> = T3_COLUMNS
        .iter()
        .map(|c| {
            imported
                .report
                .cell(common::id(t, "t3", "r1", c))
                .text()
                .into_owned()
        })
        .collect();
    assert_eq!(got, ["71", "3", "0", "0", "0", "0", "74"]);
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("71、3、0、0、0、0、74")),
        "{:#?}",
        imported.notes
    );
}

#[test]
fn ambiguous_runs_are_left_empty_with_the_candidates() {
    let r = Report::for_year("某某局", 2025);
    // 1,0,3,0,12,12,28 and 10,3,0,1,2,12,28 and 10,3,0,12,1,2,28 all balance.
    let text = exported(&r).replace(
        "一、本年新收政府信息公开申请数量",
        "一、本年新收政府信息公开申请数量 1030121228\n",
    );
    let imported = import_text(&text).unwrap();
    let t = imported.report.template;
    assert_eq!(
        imported.report.cell(common::id(t, "t3", "r1", "total")),
        &Cell::Empty
    );
    let note = imported
        .notes
        .iter()
        .find(|n| n.message.contains("多种拆分"))
        .unwrap_or_else(|| panic!("{:#?}", imported.notes));
    assert_eq!(note.level, NoteLevel::Warning);
    assert!(
        note.message.contains("1、0、3、0、12、12、28"),
        "{}",
        note.message
    );
}

#[test]
fn a_unit_the_column_implies_is_dropped_and_a_wrong_one_kept() {
    let mut r = sample(common::t21());
    let t = r.template;
    let fees = common::id(t, "t2", "fees", "amount");
    r.cells[fees.index()] = Cell::Amount("1.25".into());
    let text = exported(&r);
    let line = text
        .lines()
        .find(|l| l.starts_with("行政事业性收费"))
        .unwrap()
        .to_string();
    let a = import_text(&text.replace(&line, "行政事业性收费\t1.25万元")).unwrap();
    assert_eq!(a.report.cell(fees), &Cell::Amount("1.25".into()));
    let b = import_text(&text.replace(&line, "行政事业性收费\t12500元")).unwrap();
    assert_eq!(b.report.cell(fees), &Cell::Invalid("12500元".into()));
    assert!(
        b.notes
            .iter()
            .any(|n| n.cells == vec![fees] && n.level == NoteLevel::Warning)
    );
}

// --- Not a report ---------------------------------------------------------------------

#[test]
fn garbage_is_refused_with_a_clear_message() {
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"hello world".to_vec(),
        "会议纪要\n一、会议时间\n二、参会人员".as_bytes().to_vec(),
        (0..5000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect(),
        vec![0u8; 1000],
        "一、总体情况\n二、主动公开政府信息情况\n"
            .as_bytes()
            .to_vec(),
    ];
    for input in inputs {
        match import_bytes(&input) {
            Err(ImportError::NotAReport(m)) => assert!(!m.is_empty()),
            Err(ImportError::Encoding) => {}
            other => panic!("{:?}: {other:?}", String::from_utf8_lossy(&input)),
        }
    }
    let e = import_text("随便一段文字").unwrap_err();
    assert!(
        e.to_string().starts_with("不是政府信息公开工作年度报告"),
        "{e}"
    );
}

#[test]
fn an_oversized_input_is_refused_before_parsing() {
    let big = vec![b'a'; nianbao::import::MAX_BYTES + 1];
    assert!(matches!(import_bytes(&big), Err(ImportError::TooLarge(_))));
}

#[test]
fn the_cli_imports_prints_notes_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("001.ron");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("import")
        .arg(published_dir().join("001_4215243010f676eb.txt"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout.contains("瀍河回族区商务局2022年"), "{stdout}");
    assert!(stdout.contains("复议后起诉总计"), "{stdout}");
    assert!(stdout.contains("校验："), "{stdout}");
    let saved = draft::load(&out).unwrap();
    assert_eq!(saved.agency, "瀍河回族区商务局");
    // Garbage: exit code 2 and the Chinese message, no file written.
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "购物清单\n苹果\n梨").unwrap();
    let out2 = dir.path().join("junk.ron");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["import"])
        .arg(&junk)
        .arg("-o")
        .arg(&out2)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不是政府信息公开工作年度报告"));
    assert!(!out2.exists());
}

// --- Robustness -------------------------------------------------------------------------

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any text: an import or a clear error, never a panic.
        #[test]
        fn any_text_imports_or_is_refused(s in "\\PC{0,400}") {
            match import_text(&s) {
                Ok(i) => prop_assert_eq!(i.report.cells.len(), i.report.template.cells.len()),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }

        /// The exported text with its separators randomly changed (tabs to spaces, to line
        /// breaks, or removed): agency, year and format are still found, and every value
        /// imported into a cell is either the cell's own or named in a note.
        #[test]
        fn perturbed_exports_never_misplace_silently(
            seps in proptest::collection::vec(0u8..4, 400),
        ) {
            let want = sample(common::t21());
            let text = exported(&want);
            let mut out = String::new();
            let mut k = 0;
            for ch in text.chars() {
                if ch == '\t' {
                    match seps[k % seps.len()] {
                        0 => out.push('\t'),
                        1 => out.push(' '),
                        2 => out.push_str("\n\t"),
                        _ => out.push_str("\t\t"),
                    }
                    k += 1;
                } else {
                    out.push(ch);
                }
            }
            let imported = import_text(&out).unwrap();
            let r = &imported.report;
            prop_assert_eq!(&r.agency, &want.agency);
            prop_assert_eq!(r.year, want.year);
            prop_assert_eq!(&r.template.id, &want.template.id);
            let noted: Vec<CellId> = imported.notes.iter().flat_map(|n| n.cells.clone()).collect();
            for i in 0..r.cells.len() {
                let id = CellId(i as u16);
                if !r.cells[i].is_empty() && r.cells[i] != want.cells[i] {
                    prop_assert!(noted.contains(&id), "{} = {:?} silently", r.template.cell_label(id), r.cells[i]);
                }
            }
        }
    }
}

#[test]
fn rows_the_format_does_not_have_are_reported_not_imported() {
    let want = sample(common::t21());
    let text = exported(&want).replace(
        "四、结转下年度继续办理",
        "（八）法人或其他组织小计\t\t\t9\t9\t9\t9\t9\t9\t54\n四、结转下年度继续办理",
    );
    let imported = import_text(&text).unwrap();
    assert_same_cells(&imported.report, &want);
    let note = imported
        .notes
        .iter()
        .find(|n| n.message.contains("未能识别"))
        .unwrap_or_else(|| panic!("{:#?}", imported.notes));
    assert!(
        note.message.contains("（八）法人或其他组织小计"),
        "{}",
        note.message
    );
    assert_eq!(note.level, NoteLevel::Warning);
}

#[test]
fn the_cli_reads_gbk_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("004.ron");
    // GBK has no no-break space; Windows would have written a plain one.
    let text = std::fs::read_to_string(published_dir().join("004_07a7ed9f35648903.txt"))
        .unwrap()
        .replace('\u{a0}', " ");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["import", "-", "-o"])
        .arg(&out)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&gbk).unwrap();
    let o = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}");
    assert!(stdout.contains("GB18030"), "{stdout}");
    let want = draft::load(&fixture_dir().join("004_07a7ed9f35648903.ron")).unwrap();
    let got = draft::load(&out).unwrap();
    let diff = differences(&got, &want);
    assert!(diff.is_empty(), "{}", diff.join("\n"));
}

// --- Grids from Word, web pages and PDFs ----------------------------------------------

/// A grid row: (text, colspan, rowspan) per cell.
fn row(cells: &[(&str, usize, usize)]) -> Vec<(String, usize, usize)> {
    cells
        .iter()
        .map(|(t, c, r)| (t.to_string(), *c, *r))
        .collect()
}

#[test]
fn grid_cells_are_placed_by_their_own_positions_not_by_covered_ones() {
    use nianbao::import::{Block, Grid, import_blocks};
    // Table 二 as a Word table whose grid is finer than the template's: every value
    // cell spans two grid columns, and the 第二十条 rows span all of them. Covered grid
    // positions must never be read as empty cells.
    let t2 = Grid::from_spans(vec![
        row(&[("第二十条第（一）项", 7, 1)]),
        row(&[
            ("信息内容", 1, 1),
            ("本年制发件数", 2, 1),
            ("本年废止件数", 2, 1),
            ("现行有效件数", 2, 1),
        ]),
        row(&[("规章", 1, 1), ("1", 2, 1), ("\u{3000}", 2, 1), ("5", 2, 1)]),
        row(&[
            ("行政规范性文件", 1, 1),
            ("4", 2, 1),
            ("2", 2, 1),
            ("30", 2, 1),
        ]),
        row(&[("第二十条第（五）项", 7, 1)]),
        row(&[("信息内容", 1, 1), ("本年处理决定数量", 6, 1)]),
        row(&[("行政许可", 1, 1), ("812", 6, 1)]),
        row(&[("第二十条第（六）项", 7, 1)]),
        row(&[("信息内容", 1, 1), ("本年处理决定数量", 6, 1)]),
        row(&[("行政处罚", 1, 1), ("96", 6, 1)]),
        row(&[("行政强制", 1, 1), ("7", 6, 1)]),
        row(&[("第二十条第（八）项", 7, 1)]),
        row(&[("信息内容", 1, 1), ("本年收费金额（单位：万元）", 6, 1)]),
        row(&[("行政事业性收费", 1, 1), ("35.2", 6, 1)]),
    ]);
    // Table 四 with its three header rows spanning down, as the template draws it.
    let t4 = Grid::from_spans(vec![
        row(&[("行政复议", 5, 1), ("行政诉讼", 10, 1)]),
        row(&[
            ("结果维持", 1, 2),
            ("结果纠正", 1, 2),
            ("其他结果", 1, 2),
            ("尚未审结", 1, 2),
            ("总计", 1, 2),
            ("未经复议直接起诉", 5, 1),
            ("复议后起诉", 5, 1),
        ]),
        row(&[
            ("结果维持", 1, 1),
            ("结果纠正", 1, 1),
            ("其他结果", 1, 1),
            ("尚未审结", 1, 1),
            ("总计", 1, 1),
            ("结果维持", 1, 1),
            ("结果纠正", 1, 1),
            ("其他结果", 1, 1),
            ("尚未审结", 1, 1),
            ("总计", 1, 1),
        ]),
        row(&[
            ("3", 1, 1),
            ("1", 1, 1),
            ("0", 1, 1),
            ("2", 1, 1),
            ("6", 1, 1),
            ("1", 1, 1),
            ("0", 1, 1),
            ("0", 1, 1),
            ("0", 1, 1),
            ("1", 1, 1),
            ("0", 1, 1),
            ("0", 1, 1),
            ("0", 1, 1),
            ("2", 1, 1),
            ("2", 1, 1),
        ]),
    ]);
    let para = |s: &str| Block::Para(s.to_string());
    let blocks = vec![
        para("某某县交通运输局2023年政府信息公开工作年度报告"),
        para("一、总体情况"),
        para("2023年，本局……。"),
        para("二、主动公开政府信息情况"),
        Block::Table(t2),
        para("三、收到和处理政府信息公开申请情况"),
        para("四、政府信息公开行政复议、行政诉讼情况"),
        Block::Table(t4),
        para("五、存在的主要问题及改进情况"),
        para("六、其他需要报告的事项"),
    ];
    let imported = import_blocks(blocks).unwrap();
    let r = &imported.report;
    let t = r.template;
    let v = |table: &str, row: &str, col: &str| {
        r.cell(common::id(t, table, row, col)).text().into_owned()
    };
    assert_eq!(r.agency, "某某县交通运输局");
    assert_eq!(
        [
            v("t2", "rules", "issued"),
            v("t2", "rules", "repealed"),
            v("t2", "rules", "in_force")
        ],
        ["1", "", "5"]
    );
    assert_eq!(v("t2", "normative", "in_force"), "30");
    assert_eq!(v("t2", "license", "decisions"), "812");
    assert_eq!(v("t2", "enforcement", "decisions"), "7");
    assert_eq!(v("t2", "fees", "amount"), "35.2");
    let cases: Vec<String> = t
        .table_cells(t.table_index("t4").unwrap())
        .map(|c| r.cell(c).text().into_owned())
        .collect();
    assert_eq!(cases.join(" "), "3 1 0 2 6 1 0 0 0 1 0 0 0 2 2");
    // Notes of a grid name rows and cells, never lines of a text the user never saw.
    assert!(imported.notes.iter().all(|n| n.line.is_none()));
}

#[test]
fn the_cli_imports_a_folder_with_a_line_per_report() {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let forms = fixture_dir().join("forms");
    for name in ["qinghe-2022-markdown.md", "yongning-2023-one-line.txt"] {
        std::fs::copy(forms.join(name), src.path().join(name)).unwrap();
    }
    std::fs::write(src.path().join("说明.txt"), "会议通知\n请准时参加").unwrap();
    std::fs::write(
        src.path().join("旧版.docx"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    )
    .unwrap();
    // A draft in the folder is not a published report and is left alone.
    std::fs::write(src.path().join("draft.ron"), "()").unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("import")
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&[
        src.path().as_os_str(),
        "--out-dir".as_ref(),
        out.path().as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    let line_of = |name: &str| *lines.iter().find(|l| l.contains(name)).unwrap();
    assert!(
        line_of("qinghe").contains("清河区教育局\t2022年\t读到200/200格"),
        "{stdout}"
    );
    assert!(
        line_of("yongning").contains("永宁县自然资源局\t2023年"),
        "{stdout}"
    );
    assert!(
        line_of("说明.txt").contains("未导入：不是政府信息公开工作年度报告"),
        "{stdout}"
    );
    assert!(line_of("旧版.docx").contains("另存为 .docx"), "{stdout}");
    assert!(lines[4].contains("共4份，导入2份"), "{stdout}");
    let saved = draft::load(&out.path().join("qinghe-2022-markdown.nianbao")).unwrap();
    assert_eq!(saved.agency, "清河区教育局");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
    // Nothing importable: exit code 2. One output file for many reports: refused.
    let only_junk = tempfile::tempdir().unwrap();
    std::fs::write(only_junk.path().join("a.txt"), "购物清单").unwrap();
    let o = run(&[
        only_junk.path().as_os_str(),
        "--out-dir".as_ref(),
        out.path().as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let a = forms.join("qinghe-2022-markdown.md");
    let b = forms.join("yongning-2023-one-line.txt");
    let o = run(&[
        a.as_os_str(),
        b.as_os_str(),
        "-o".as_ref(),
        out.path().join("x.ron").as_os_str(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out-dir"));
}

#[test]
fn a_misread_character_in_the_title_does_not_stop_the_import() {
    let md = std::fs::read_to_string(fixture_dir().join("forms/qinghe-2022-markdown.md")).unwrap();
    // OCR slips: 报吿 for 报告 in the title, 清河区教肓局 for 清河区教育局 in the signature.
    let text = md
        .replace("年度报告", "年度报吿")
        .replace("\n清河区教育局\n", "\n清河区教肓局\n");
    let imported = import_text(&text).unwrap();
    assert_eq!(imported.report.agency, "清河区教育局");
    assert_eq!(imported.report.year, 2022);
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("清河区教肓局")),
        "{:#?}",
        imported.notes
    );
    // The cells are those of the pristine fixture, which the accuracy test checks
    // against values written by hand.
    assert_same_cells(&imported.report, &import_text(&md).unwrap().report);
}

#[test]
fn nianbaos_own_word_and_web_exports_import_back_cell_for_cell() {
    use nianbao::export::{docx, html};
    for t in [common::t21(), common::t19()] {
        let want = sample(t);
        let forms: [(&str, Vec<u8>); 3] = [
            ("docx", docx::export(&want).expect("docx")),
            (
                "html",
                html::export(&want, html::HtmlKind::Page).into_bytes(),
            ),
            // The portal fragment, as 复制为网页格式 puts it on the clipboard.
            (
                "fragment",
                html::export(&want, html::HtmlKind::Fragment).into_bytes(),
            ),
        ];
        for (form, bytes) in forms {
            let imported = import_bytes(&bytes).unwrap_or_else(|e| panic!("{}/{form}: {e}", t.id));
            let diff: Vec<String> = differences(&imported.report, &want)
                .into_iter()
                .filter(|d| {
                    d.starts_with(['二', '三', '四'])
                        || d.starts_with("template")
                        || d.starts_with("agency")
                        || d.starts_with("year")
                })
                .collect();
            assert!(diff.is_empty(), "{}/{form}:\n{}", t.id, diff.join("\n"));
            assert!(
                imported.notes.iter().all(|n| n.level == NoteLevel::Info),
                "{}/{form}: {:#?}",
                t.id,
                imported.notes
            );
        }
    }
}
