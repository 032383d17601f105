//! `nianbao check` run as a process on a folder of reports; its workbook read back with
//! calamine and its sum draft loaded and validated.

use std::path::Path;

use crate::common::{FIXTURES, nianbao};
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use nianbao::model::draft;

/// Copies the five fixtures into `dir`.
fn copy_fixtures(dir: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for f in FIXTURES {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected text, found {other:?}"),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

/// Row of sheet 汇总 for the file named `name`.
fn summary_row<'a>(s: &'a Range<Data>, name: &str) -> &'a [Data] {
    s.rows()
        .find(|r| text(&r[0]).ends_with(name))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

/// Value cell `col` of the first 合计 row labelled `label`.
fn sum_cell(s: &Range<Data>, label: &str, col: usize) -> f64 {
    let row = s
        .rows()
        .find(|r| matches!(&r[0], Data::String(t) if t == label))
        .unwrap_or_else(|| panic!("no 合计 row {label}"));
    number(&row[col])
}

#[test]
fn a_folder_of_reports_gives_a_workbook_a_sum_and_the_cross_year_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("报告");
    std::fs::create_dir(&input).unwrap();
    copy_fixtures(&input);
    std::fs::write(input.join("损坏.ron"), "这不是草稿 (((").unwrap();
    // 衡山县商务局's next year, rolled over from its 2024 report, with 二、上年结转 that
    // does not match 2024's 四、结转下年度 (总计 0) and a few figures typed in.
    let last = draft::load(&input.join(FIXTURES[4])).unwrap();
    let mut next = nianbao::rollover::rollover(&last);
    next.previous = None;
    let t = next.template;
    let id = |tb: &str, row: &str, col: &str| t.cell_id(tb, row, col).unwrap();
    next.edit_cell(id("t3", "r2", "natural"), "2");
    next.edit_cell(id("t3", "r1", "natural"), "3");
    next.edit_cell(id("t2", "license", "decisions"), "4");
    next.edit_cell(id("t2", "fees", "amount"), "1.25");
    assert_eq!(next.year, 2025);
    draft::save(&next, &input.join("衡山县商务局2025.ron")).unwrap();
    let before: Vec<_> = std::fs::read_dir(&input)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();

    let o = nianbao(
        &[
            "check",
            "报告",
            "--xlsx",
            "检查.xlsx",
            "--sum",
            "合计.ron",
            "--sum-title",
            "某县合计",
        ],
        tmp.path(),
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    // A file could not be read: exit 2, as `validate`.
    assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(stdout.contains("损坏.ron\t无法读取"), "{stdout}");
    // The input files are only read.
    let after: Vec<_> = std::fs::read_dir(&input)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(before, after);

    let book = tmp.path().join("检查.xlsx");
    let wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names(), ["汇总", "问题清单", "合计"]);

    let s = sheet(&book, "汇总");
    let header: Vec<String> = s.rows().next().unwrap().iter().map(text).collect();
    assert_eq!(
        header[..8],
        [
            "来源文件",
            "文件形式",
            "发布机关",
            "年度",
            "报告格式",
            "错误",
            "提醒",
            "已核实提醒"
        ]
    );
    assert_eq!(header[8], "待核对");
    assert_eq!(header.last().unwrap(), "无法读取的原因");
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    // One row per file: five fixtures, the garbage file and the 2025 report.
    assert_eq!(s.height(), 1 + 7);
    let r = summary_row(&s, FIXTURES[4]);
    assert_eq!(text(&r[2]), "衡山县商务局");
    assert_eq!(number(&r[3]), 2024.0);
    assert_eq!(text(&r[1]), "草稿");
    // 2024's report was published on 2025-01-16, before the 1月31日 deadline.
    assert_eq!(text(&r[col("发布日期")]), "2025年1月16日");
    assert_eq!(text(&r[col("是否按期发布")]), "是");
    let r = summary_row(&s, "衡山县商务局2025.ron");
    assert_eq!(number(&r[col("本年新收")]), 3.0, "本年新收 is a number");
    assert_eq!(number(&r[col("上年结转")]), 2.0, "上年结转 is a number");
    assert_eq!(
        number(&r[col("收费金额（万元）")]),
        1.25,
        "收费金额 is a number"
    );
    assert!(
        text(&r[col("对照的上年报告")]).ends_with(FIXTURES[4]),
        "paired with 2024"
    );
    let g = summary_row(&s, "损坏.ron");
    assert!(text(&g[2]).is_empty());
    let why = col("无法读取的原因");
    assert!(text(&g[why]).contains("损坏.ron"), "{:?}", g[why]);

    let issues = sheet(&book, "问题清单");
    let header: Vec<String> = issues.rows().next().unwrap().iter().map(text).collect();
    assert_eq!(
        header,
        [
            "来源文件",
            "发布机关",
            "年度",
            "类别",
            "规则",
            "章节",
            "单元格",
            "说明",
            "核实理由"
        ]
    );
    let cross = issues
        .rows()
        .find(|r| text(&r[0]).ends_with("衡山县商务局2025.ron") && text(&r[4]) == "S4")
        .expect("the 上年结转 mismatch is found");
    assert_eq!(text(&cross[1]), "衡山县商务局");
    assert!(text(&cross[6]).contains("上年结转"), "{:?}", cross[6]);
    assert!(
        issues
            .rows()
            .any(|r| text(&r[0]).ends_with("损坏.ron") && text(&r[3]) == "无法读取")
    );
    // 2024's own report has no earlier year in the folder: no S4 for it.
    assert!(
        !issues
            .rows()
            .any(|r| text(&r[0]).ends_with(FIXTURES[4]) && text(&r[4]) == "S4")
    );

    // 合计: the five 2021-format reports (000, 001, 002, 004, 2025); 003 is 2019's format.
    // By hand from the drafts: 行政许可 处理决定 0 + 0 + 0 + 11 (004) + 4 (2025) = 15;
    // 收费金额 0 + 0 + 0 + 0 + 1.25 = 1.25; 本年新收·自然人 0 + 0 + 0 + (004 prints only
    // totals) + 3 = 3.
    let sum = sheet(&book, "合计");
    assert_eq!(sum_cell(&sum, "行政许可", 1), 15.0);
    assert_eq!(sum_cell(&sum, "行政事业性收费", 1), 1.25);
    assert_eq!(sum_cell(&sum, "一、本年新收申请", 1), 3.0);
    assert!(
        sum.rows()
            .any(|r| text(&r[0]).contains(FIXTURES[3]) && text(&r[0]).contains("未计入")),
        "003 is left out with a message"
    );

    // The sum draft loads and validates like any other draft.
    let total = draft::load(&tmp.path().join("合计.ron")).unwrap();
    assert_eq!(total.agency, "某县合计");
    assert_eq!(total.template.id, "gov-info-annual-2021");
    assert!(total.header_text.contains("5份"));
    assert!(total.header_text.contains("衡山县商务局"));
    assert_eq!(
        total.cell(id("t2", "fees", "amount")).text().as_ref(),
        "1.25"
    );
    assert_eq!(total.cell(id("t2", "license", "decisions")).int(), Some(15));
    let _ = nianbao::validate::validate(&total, None);
    let o = nianbao(&["validate", "合计.ron"], tmp.path());
    assert!(matches!(o.status.code(), Some(0 | 1)), "{o:?}");
}

#[test]
fn json_output_lists_every_file_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixtures(tmp.path());
    let o = nianbao(&["check", ".", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 5);
    let hs = items
        .iter()
        .find(|i| i["agency"] == "衡山县商务局")
        .unwrap();
    assert_eq!(hs["figures"]["fees"], "0");
    assert_eq!(hs["deadline_met"], true);
    std::fs::write(tmp.path().join("有.xlsx"), b"keep").unwrap();
    let o = nianbao(&["check", ".", "--xlsx", "有.xlsx"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已存在"));
    assert_eq!(std::fs::read(tmp.path().join("有.xlsx")).unwrap(), b"keep");
}

#[test]
fn a_readme_among_the_reports_is_skipped_not_counted_as_unreadable() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixtures(tmp.path());
    std::fs::write(
        tmp.path().join("README.md"),
        "# 各单位年报\n\n本文件夹存放 2022 年度各单位报告，由办公室汇总。\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("说明.txt"), "请于三月底前核对完毕。\n").unwrap();
    let o = nianbao(&["check", "."], tmp.path());
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    // Exit 0 (the fixtures pass), not 2: no file was unreadable.
    assert_eq!(o.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stdout.contains("README.md"), "{stdout}");
    assert!(!stdout.contains("无法读取"), "{stdout}");
    assert!(
        stderr.contains("跳过 ./README.md：不是政府信息公开工作年度报告"),
        "{stderr}"
    );
    assert!(stderr.contains("跳过 ./说明.txt"), "{stderr}");
    assert!(
        stderr.contains("共7个文件，读取5份报告，跳过2个不是年报的文件"),
        "{stderr}"
    );
    let o = nianbao(&["check", ".", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5);
    // A broken draft is still an error: drafts are named as drafts on purpose.
    std::fs::write(tmp.path().join("坏.ron"), "(((").unwrap();
    let o = nianbao(&["check", "."], tmp.path());
    assert_eq!(o.status.code(), Some(2));
}
