//! Importing PDFs with a text layer: the official template filled in Word and saved as
//! PDF by LibreOffice, nianbao's own PDF export, a scan, and broken files.
//!
//! Both real documents carry the same made-up report (苍梧市云岭区交通运输局, 2022): the
//! values below were chosen by hand (`scripts/fill-official-template.py` writes them into
//! the blank template; `tests/fixtures/real/yunling-2022.ron` is the same report as a
//! draft) and are typed here again from that table, not taken from the importer.

use crate::expected::{T3_COLUMNS, T4_COLUMNS};
use std::path::{Path, PathBuf};

use nianbao::import::{Form, ImportError, Imported, import_bytes};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(real(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const AGENCY: &str = "苍梧市云岭区交通运输局";

/// Table 二: (row, column, value).
const T2: [(&str, &str, &str); 10] = [
    ("rules", "issued", "1"),
    ("rules", "repealed", "0"),
    ("rules", "in_force", "5"),
    ("normative", "issued", "12"),
    ("normative", "repealed", "3"),
    ("normative", "in_force", "46"),
    ("license", "decisions", "1520"),
    ("penalty", "decisions", "347"),
    ("enforcement", "decisions", "28"),
    ("fees", "amount", "56.38"),
];

/// Table 三 row by row: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const T3: [(&str, [&str; 7]); 25] = [
    ("r1", ["68", "13", "1", "1", "3", "1", "87"]),
    ("r2", ["6", "2", "0", "0", "0", "0", "8"]),
    ("o1", ["31", "5", "1", "0", "2", "1", "40"]),
    ("o2", ["4", "2", "0", "0", "0", "0", "6"]),
    ("o3_1", ["1", "0", "0", "0", "0", "0", "1"]),
    ("o3_2", ["0", "1", "0", "0", "0", "0", "1"]),
    ("o3_3", ["2", "0", "0", "0", "0", "0", "2"]),
    ("o3_4", ["3", "1", "0", "0", "0", "0", "4"]),
    ("o3_5", ["0", "0", "0", "0", "0", "0", "0"]),
    ("o3_6", ["1", "0", "0", "0", "0", "0", "1"]),
    ("o3_7", ["0", "0", "0", "0", "1", "0", "1"]),
    ("o3_8", ["2", "0", "0", "0", "0", "0", "2"]),
    ("o4_1", ["12", "3", "0", "1", "0", "0", "16"]),
    ("o4_2", ["2", "0", "0", "0", "0", "0", "2"]),
    ("o4_3", ["1", "0", "0", "0", "0", "0", "1"]),
    ("o5_1", ["5", "0", "0", "0", "0", "0", "5"]),
    ("o5_2", ["3", "1", "0", "0", "0", "0", "4"]),
    ("o5_3", ["0", "0", "0", "0", "0", "0", "0"]),
    ("o5_4", ["1", "0", "0", "0", "0", "0", "1"]),
    ("o5_5", ["0", "0", "0", "0", "0", "0", "0"]),
    ("o6_1", ["2", "0", "0", "0", "0", "0", "2"]),
    ("o6_2", ["1", "0", "0", "0", "0", "0", "1"]),
    ("o6_3", ["0", "1", "0", "0", "0", "0", "1"]),
    ("total", ["71", "14", "1", "1", "3", "1", "91"]),
    ("r4", ["3", "1", "0", "0", "0", "0", "4"]),
];

/// Table 四's one row: 行政复议 (维持, 纠正, 其他, 尚未审结, 总计), then 未经复议直接起诉
/// and 复议后起诉 in the same order.
const T4: [&str; 15] = [
    "2", "1", "0", "1", "4", "1", "0", "0", "1", "2", "1", "1", "0", "0", "2",
];

const S1: &str = "2022年，苍梧市云岭区交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，围绕交通运输重点工作，持续加大主动公开力度，规范依申请公开办理流程，政府信息公开工作取得新进展。\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。如对本报告有疑问，请联系苍梧市云岭区交通运输局办公室，电话：0771-5551234。";
const S5: &str = "存在的主要问题：政策解读形式较为单一，信息发布时效有待提高。改进措施：丰富解读形式，加强业务培训，严格落实发布审核制度。";

/// Every cell of tables 二, 三 and 四 that differs from the hand-written values.
fn wrong_cells(imported: &Imported) -> Vec<String> {
    let r = &imported.report;
    let t = r.template;
    let mut wrong = Vec::new();
    let mut check = |table: &str, row: &str, col: &str, want: &str| {
        let id = t
            .cell_id(table, row, col)
            .unwrap_or_else(|| panic!("no cell {table}/{row}/{col}"));
        let got = r.cell(id).text();
        if got.trim() != want {
            wrong.push(format!("{table}/{row}/{col}: got {got:?}, want {want:?}"));
        }
    };
    for (row, col, v) in T2 {
        check("t2", row, col, v);
    }
    for (row, values) in T3 {
        for (col, v) in T3_COLUMNS.iter().zip(values) {
            check("t3", row, col, v);
        }
    }
    for (col, v) in T4_COLUMNS.iter().zip(T4) {
        check("t4", "cases", col, v);
    }
    wrong
}

fn assert_report(name: &str) -> Imported {
    let imported = import_bytes(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let r = &imported.report;
    assert_eq!(imported.form, Form::Pdf);
    assert_eq!(r.template.id, "gov-info-annual-2021", "{name}");
    assert_eq!(r.agency, AGENCY, "{name}");
    assert_eq!(r.year, 2022, "{name}");
    let wrong = wrong_cells(&imported);
    assert!(
        wrong.is_empty(),
        "{name}: {} cells wrong:\n{}\nnotes: {:#?}",
        wrong.len(),
        wrong.join("\n"),
        imported.notes
    );
    imported
}

/// The filled official template as LibreOffice saves it to PDF: table 三 runs over a
/// page break with its vertical group labels cut there, 一's paragraphs are wrapped at
/// the right margin.
#[test]
fn libreoffice_pdf_of_the_filled_official_template() {
    let imported = assert_report("filled-2021-libreoffice.pdf");
    let r = &imported.report;
    assert_eq!(r.text("s1"), S1);
    assert_eq!(r.text("s5"), S5);
    assert!(
        r.text("s6").starts_with("本年度未收取信息处理费。"),
        "{:?}",
        r.text("s6")
    );
}

/// nianbao's own export: "— N —" page numbers at every foot, tables repeating their
/// header rows on a new page, the vertical 三、本年度办理结果 set one character per line.
#[test]
fn nianbao_pdf_export() {
    let imported = assert_report("yunling-2022-nianbao.pdf");
    let r = &imported.report;
    assert_eq!(r.text("s1"), S1);
    assert_eq!(r.text("s5"), S5);
    assert_eq!(r.text("s6"), "本年度未收取信息处理费。");
    assert_eq!(
        r.publish_date,
        chrono::NaiveDate::from_ymd_opt(2023, 1, 20),
        "date under the signature"
    );
}

#[test]
fn a_scan_too_coarse_to_read_is_refused_with_its_resolution() {
    // One page scanned at 60 dpi: OCR is not tried on it.
    let err = import_bytes(&read("scanned.pdf")).unwrap_err();
    assert!(matches!(err, ImportError::Picture(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "扫描件无法识别：扫描分辨率过低（约 60 dpi），文字无法识别，请以 150–300 dpi 重新扫描"
    );
}

#[test]
fn a_truncated_pdf_is_damaged_or_read_as_far_as_it_goes() {
    let bytes = read("filled-2021-libreoffice.pdf");
    for cut in [bytes.len() / 2, 2000, 20] {
        match import_bytes(&bytes[..cut]) {
            Err(ImportError::Damaged { form, reason }) => {
                assert_eq!(form, "PDF");
                assert!(!reason.is_empty());
            }
            Err(e) => {
                // Any refusal is acceptable if it speaks Chinese.
                assert!(
                    e.to_string()
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                );
            }
            Ok(imported) => assert!(wrong_cells(&imported).len() < 200),
        }
    }
}

#[test]
fn garbage_after_a_pdf_header_is_damaged() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..5000u32).map(|i| (i * 7919 % 251) as u8));
    let err = import_bytes(&bytes).unwrap_err();
    assert!(
        matches!(err, ImportError::Damaged { form: "PDF", .. }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("PDF文件无法读取："), "{err}");
}

#[test]
fn a_pdf_locked_with_a_password_is_refused_as_encrypted() {
    let err = import_bytes(&read("encrypted.pdf")).unwrap_err();
    assert_eq!(err, ImportError::Encrypted);
}

#[test]
fn a_pdf_protected_only_against_editing_imports() {
    // Encrypted with an owner password and an empty user password, as "protected" PDFs
    // from portals usually are: readers open them without asking.
    assert_report("owner-password-only.pdf");
}

mod mutated {
    use super::*;
    use nianbao::model::draft;
    use proptest::prelude::*;
    use proptest::sample::Index;

    /// Cases per run: a few in every `cargo test`, more with `NIANBAO_PDF_CASES`.
    fn cases() -> u32 {
        std::env::var("NIANBAO_PDF_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(24)
    }

    static ORIGINALS: std::sync::LazyLock<[Vec<u8>; 2]> = std::sync::LazyLock::new(|| {
        [
            read("filled-2021-libreoffice.pdf"),
            read("yunling-2022-nianbao.pdf"),
        ]
    });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        /// Real PDFs with bytes overwritten and cut short: an error in Chinese or a report
        /// that saves and loads back, never a panic.
        #[test]
        fn damaged_real_pdfs_never_panic(
            which in 0usize..2,
            edits in prop::collection::vec((any::<Index>(), any::<u8>()), 0..24),
            cut in any::<Index>(),
            cut_it in any::<bool>(),
        ) {
            let mut bytes = ORIGINALS[which].clone();
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            if cut_it {
                bytes.truncate(cut.index(bytes.len()).max(8));
            }
            match import_bytes(&bytes) {
                Ok(imported) => {
                    let saved = draft::to_string(&imported.report);
                    let back = draft::from_str(&saved, "mutated").expect("loads back");
                    prop_assert!(back == imported.report);
                }
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{msg}");
                }
            }
        }
    }
}

/// A published report (瀍河回族区商务局 2022, re-entered by hand as the draft
/// `tests/fixtures/001_4215243010f676eb.ron`) printed by nianbao over six pages: it
/// imports equal to that draft in every table cell and section text.
#[test]
fn six_page_export_of_a_published_report_imports_equal_to_its_draft() {
    let want = nianbao::model::draft::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/001_4215243010f676eb.ron"),
        )
        .expect("draft"),
        "001",
    )
    .expect("draft loads");
    let got = import_bytes(&read("chanhe-2022-nianbao.pdf"))
        .expect("imports")
        .report;
    assert_eq!(got.template.id, want.template.id);
    assert_eq!(got.agency, "瀍河回族区商务局");
    assert_eq!(got.year, 2022);
    let t = want.template;
    let mut wrong = Vec::new();
    for ti in 0..t.tables.len() {
        for id in t.table_cells(ti) {
            if got.cell(id).text() != want.cell(id).text() {
                wrong.push(format!(
                    "{}: got {:?}, want {:?}",
                    t.cell_label(id),
                    got.cell(id).text(),
                    want.cell(id).text()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for s in ["s1", "s5", "s6"] {
        assert_eq!(got.text(s), want.text(s), "section {s}");
    }
}

fn data(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/damaged")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A form XObject that draws itself would recurse until the stack overflows (an abort,
/// not a panic): it is refused before the content is run.
#[test]
fn a_form_drawing_itself_is_refused_not_followed() {
    // The second has its /Subtype damaged (found by the fuzz target): pdf-extract still
    // runs it as a form.
    for name in [
        "pdf-self-drawing-form.pdf",
        "pdf-self-drawing-form-damaged-subtype.pdf",
    ] {
        let err = import_bytes(&data(name)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "PDF文件无法读取：页面内容嵌套过深或循环引用",
            "{name}"
        );
    }
}

/// A page that is its own /Parent (found by the fuzz target: pdf-extract looked for the
/// inherited /MediaBox for ever) is refused at once.
#[test]
fn a_page_that_is_its_own_parent_is_refused_not_followed() {
    let err = import_bytes(&data("pdf-page-its-own-parent.pdf")).unwrap_err();
    assert_eq!(err.to_string(), "PDF文件无法读取：页面结构循环引用");
}

/// 300 KB whose content stream inflates to 300 MB.
#[test]
fn a_compression_bomb_is_refused_before_it_inflates() {
    let err = import_bytes(&data("pdf-compression-bomb.pdf")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "PDF文件无法读取：压缩的内容解压后过大，可能是恶意文件"
    );
}

/// The same filled template with every table border removed before LibreOffice printed
/// it: the tables are rebuilt from the x positions of their columns alone. Where a
/// wrapped row label puts its numbers on another line than its label, the row may stay
/// empty (with a note), but no cell is ever given a wrong number.
#[test]
fn borderless_tables_never_give_a_wrong_number() {
    let imported = import_bytes(&read("filled-2021-borderless-libreoffice.pdf")).expect("imports");
    let r = &imported.report;
    assert_eq!(r.agency, AGENCY);
    assert_eq!(r.year, 2022);
    let wrong: Vec<String> = wrong_cells(&imported)
        .into_iter()
        .filter(|w| !w.contains("got \"\""))
        .collect();
    let empty = wrong_cells(&imported).len() - wrong.len();
    eprintln!("borderless: {empty} cells empty, {} wrong", wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Table 二 has no wrapped labels: all of it comes in.
    for (row, col, v) in T2 {
        let id = r.template.cell_id("t2", row, col).expect("cell");
        assert_eq!(r.cell(id).text(), v, "t2/{row}/{col}");
    }
}

/// PDFs on which pdf-extract panics (found by the `import_pdf` fuzz target): each is a
/// damaged file to the user, said in one line, with no panic message on the terminal.
#[test]
fn pdfs_that_make_the_pdf_crate_panic_are_damaged_files_quietly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/damaged");
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = e.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("pdf-extract-panic-") {
            continue;
        }
        seen += 1;
        let bytes = std::fs::read(&path).unwrap();
        match import_bytes(&bytes) {
            Err(ImportError::Damaged { form, .. }) => assert_eq!(form, "PDF", "{name}"),
            other => panic!("{name}: {:?}", other.map(|i| i.form)),
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["import", path.to_str().unwrap(), "-o"])
            .arg(std::env::temp_dir().join(format!(
                "nianbao-panic-{}-{name}.nianbao",
                std::process::id()
            )))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}");
        assert!(stderr.contains("PDF文件无法读取"), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{name}: {stderr}");
    }
    assert_eq!(seen, 6);
}
