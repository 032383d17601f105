//! The five published reports in `tests/fixtures/`, re-entered as drafts: each loads, gives
//! exactly the diagnostics its content calls for, exports every title, label and value at
//! its place, and survives a save/load round trip.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use nianbao::export::text::{TextOptions, to_text};
use nianbao::model::Report;
use nianbao::model::draft::{load, save};
use nianbao::template::layout::{GridContent, grid};
use nianbao::template::{CellId, Severity};
use nianbao::validate::{Diagnostic, Field, has_errors, validate};

/// What is known about one published report, from its printed text.
struct Published {
    file: &'static str,
    agency: &'static str,
    year: i32,
    template: &'static str,
    publish_date: Option<(i32, u32, u32)>,
    /// Number of table cells the report printed a value in.
    filled: usize,
    /// The only non-zero values: (table, row, column, value). Everything else printed is 0.
    nonzero: &'static [(&'static str, &'static str, &'static str, &'static str)],
    /// Hard-error rule ids, one entry per diagnostic.
    errors: &'static [&'static str],
    /// Warning rule ids, one entry per diagnostic.
    warnings: &'static [&'static str],
}

fn fixture_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file)
}

fn load_fixture(p: &Published) -> Report {
    let path = fixture_path(p.file);
    load(&path).unwrap_or_else(|e| panic!("{}: {e}", p.file))
}

fn rule_ids(diags: &[Diagnostic], severity: Severity) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = diags
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.rule)
        .collect();
    ids.sort_unstable();
    ids
}

fn sorted(ids: &[&'static str]) -> Vec<&'static str> {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v
}

/// All data cells of a report's template.
fn all_cells(r: &Report) -> impl Iterator<Item = CellId> + '_ {
    (0..r.template.tables.len()).flat_map(|ti| r.template.table_cells(ti))
}

/// Loads, validates, exports and round-trips one fixture; returns the report and its
/// diagnostics for fixture-specific checks.
fn check_published(p: &Published) -> (Report, Vec<Diagnostic>) {
    let r = load_fixture(p);
    assert_eq!(r.agency, p.agency, "{}", p.file);
    assert_eq!(r.year, p.year, "{}", p.file);
    assert_eq!(r.template.id, p.template, "{}", p.file);
    assert_eq!(r.agency_kind, "department", "{}", p.file);
    let date = p
        .publish_date
        .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    assert_eq!(r.publish_date, date, "{}", p.file);
    for (i, s) in r.template.sections.iter().enumerate() {
        if s.table.is_none() {
            assert!(
                !r.texts[i].trim().is_empty(),
                "{}: {} is empty",
                p.file,
                s.title
            );
        }
    }
    check_values_as_published(p, &r);

    let diags = validate(&r, None);
    assert_eq!(
        rule_ids(&diags, Severity::Error),
        sorted(p.errors),
        "{}: hard errors {diags:#?}",
        p.file
    );
    assert_eq!(has_errors(&diags), !p.errors.is_empty(), "{}", p.file);
    assert_eq!(
        rule_ids(&diags, Severity::Warning),
        sorted(p.warnings),
        "{}: warnings {diags:#?}",
        p.file
    );

    check_export(&r, TextOptions::default(), p.file);
    check_round_trip(&r, p.file);
    (r, diags)
}

/// The cells hold what the report printed: the right number of values, all 0 except the
/// few non-zero ones the report has.
fn check_values_as_published(p: &Published, r: &Report) {
    let t = r.template;
    let filled = all_cells(r).filter(|c| !r.cell(*c).is_empty()).count();
    assert_eq!(filled, p.filled, "{}: cells with a value", p.file);
    for c in all_cells(r) {
        let cell = r.cell(c);
        if cell.is_empty() {
            continue;
        }
        let (tb, row, col) = t.cell_ids(c);
        let expected = p
            .nonzero
            .iter()
            .find(|(a, b, k, _)| (*a, *b, *k) == (tb, row, col))
            .map_or("0", |x| x.3);
        assert_eq!(cell.text(), expected, "{}: {tb}/{row}/{col}", p.file);
    }
    for (tb, row, col, _) in p.nonzero {
        let id = t.cell_id(tb, row, col).expect("cell of the template");
        assert!(!r.cell(id).is_empty(), "{}: {tb}/{row}/{col}", p.file);
    }
}

/// The export has the title, the header paragraph, every section title in order with its
/// text or table, and each table exactly as its grid lays it out: every label and every
/// value in its grid row and column; empty cells stay empty unless `empty_as_zero`.
fn check_export(r: &Report, opts: TextOptions, file: &str) {
    let t = r.template;
    let out = to_text(r, opts);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], r.title(), "{file}: title");

    let mut at = 1;
    let mut starts = Vec::new();
    for s in &t.sections {
        let Some(k) = lines[at..].iter().position(|l| *l == s.title) else {
            panic!("{file}: section title {} missing or out of order", s.title);
        };
        starts.push(at + k);
        at += k + 1;
    }
    // The header paragraph comes before 一.
    for para in r
        .header_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        assert!(
            lines[1..starts[0]].contains(&para),
            "{file}: header paragraph {para}"
        );
    }
    for (i, s) in t.sections.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        let body = &lines[starts[i] + 1..end];
        match s.table {
            None => {
                for para in r.texts[i].lines().map(str::trim).filter(|l| !l.is_empty()) {
                    assert!(body.contains(&para), "{file}: {} lacks “{para}”", s.title);
                }
            }
            Some(ti) => check_table(r, ti, body, opts, file),
        }
    }
    let tail = &lines[starts[t.sections.len() - 1]..];
    assert!(tail.contains(&r.agency.as_str()), "{file}: agency line");
    if let Some(d) = r.publish_date {
        let printed = d.format("%Y年%-m月%-d日").to_string();
        assert!(
            tail.contains(&printed.as_str()),
            "{file}: date line {printed}"
        );
    }
}

/// `body` is what follows the table's section title: a blank line, then one line per
/// grid row with tab-separated grid columns.
fn check_table(r: &Report, ti: usize, body: &[&str], opts: TextOptions, file: &str) {
    let g = grid(r.template, ti);
    assert_eq!(body[0], "", "{file}: table {ti} starts after a blank line");
    let rows = &body[1..=g.rows];
    assert_eq!(
        body.get(g.rows + 1),
        Some(&""),
        "{file}: table {ti} has {} lines",
        g.rows
    );
    let mut seen_data = BTreeSet::new();
    for (gr, line) in rows.iter().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(
            fields.len() <= g.cols,
            "{file}: table {ti} row {gr} too wide: {line}"
        );
        let field = |col: usize| fields.get(col).copied().unwrap_or("");
        for c in g.row_cells(gr) {
            let (what, expected) = match &c.content {
                GridContent::Title(s) | GridContent::Corner(s) | GridContent::ColumnHeader(s) => {
                    ("label", s.clone())
                }
                GridContent::RowHeader { text, .. } => ("row label", text.clone()),
                GridContent::Data(id) => {
                    seen_data.insert(*id);
                    let cell = r.cell(*id);
                    let v = if cell.is_empty() && opts.empty_as_zero {
                        "0".to_string()
                    } else {
                        cell.text().into_owned()
                    };
                    ("value", v)
                }
            };
            assert_eq!(
                field(c.col),
                expected,
                "{file}: table {ti} grid row {gr} col {} ({what}) in “{line}”",
                c.col
            );
            // Merged cells are written once: the positions they cover are blank.
            for k in c.col + 1..c.col + c.colspan {
                assert_eq!(
                    field(k),
                    "",
                    "{file}: table {ti} row {gr} col {k} under a span"
                );
            }
        }
    }
    let all: BTreeSet<CellId> = r.template.table_cells(ti).collect();
    assert_eq!(seen_data, all, "{file}: table {ti} exports every cell");
}

fn check_round_trip(r: &Report, file: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    save(r, &path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let back = load(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(back, *r, "{file}: round trip changed the report");
}

const P000: Published = Published {
    file: "000_1b930464a9b6bad7.ron",
    agency: "湘潭县商务局",
    year: 2022,
    template: "gov-info-annual-2021",
    publish_date: None,
    filled: 10 + 175 + 15,
    nonzero: &[],
    errors: &[],
    // S1: 一 runs to 1,238 characters (1,024 even without the 统计期限 paragraph the
    // report prints inside it). 六 states 未收取信息处理费, so no S2. S17: the published
    // text carries no 成文日期.
    warnings: &["S1", "S17"],
};

const P001: Published = Published {
    file: "001_4215243010f676eb.ron",
    agency: "瀍河回族区商务局",
    year: 2022,
    template: "gov-info-annual-2021",
    publish_date: None,
    // Table 三 lost its 总计 value from （三）1 down to 四 (21 rows), table 四 its last one.
    filled: 10 + (4 * 7 + 21 * 6) + 14,
    nonzero: &[],
    errors: &[],
    // S2: 六 is just “无”, nothing on 信息处理费. S11 twice: the blank 总计 cells of 三 and
    // the blank 复议后起诉·总计 of 四 (a printed report must not show blank totals; see
    // `blanks_of_001_are_derived_totals`). S17: the published text carries no 成文日期.
    warnings: &["S11", "S11", "S17", "S2"],
};

const P002: Published = Published {
    file: "002_8c1ae9a60ab0aad1.ron",
    agency: "湘潭县机关事务服务中心",
    year: 2022,
    template: "gov-info-annual-2021",
    publish_date: None,
    filled: 10 + 175 + 15,
    nonzero: &[],
    errors: &[],
    // No S14: the only “2021年” in this 2022 report is inside a cited document title
    // 《…关于印发2021年政务公开工作要点的通知》. 六 says 未收取信息处理费用: no S2.
    // S17: the published text carries no 成文日期.
    warnings: &["S17"],
};

const P003: Published = Published {
    file: "003_73a49c1d9e8bef42.ron",
    agency: "城步苗族自治县商务局",
    year: 2019,
    template: "gov-info-annual-2019",
    publish_date: Some((2020, 2, 12)),
    filled: 22 + 161 + 15,
    nonzero: &[],
    errors: &[],
    // S14: dated 2020年2月12日, after the 1月31日 deadline for a department. The 2019
    // format has no 信息处理费 rule (S2).
    warnings: &["S14"],
};

const P004: Published = Published {
    file: "004_07a7ed9f35648903.ron",
    agency: "衡山县商务局",
    year: 2024,
    template: "gov-info-annual-2021",
    publish_date: Some((2025, 1, 16)),
    // Only the 总计 column of 三 and the three 总计 of 四 are printed.
    filled: 10 + 25 + 3,
    nonzero: &[("t2", "license", "decisions", "11")],
    errors: &[],
    // S2: 六 is “无”. S11 twice: the applicant columns of 三 and the result columns of 四
    // are blank. Published on 2025-01-16, within the deadline: no S14.
    warnings: &["S2", "S11", "S11"],
};

#[test]
fn published_000() {
    let (r, diags) = check_published(&P000);
    // The format counts characters without whitespace.
    let s1 = r.template.section_index("s1").unwrap();
    let n = r.texts[s1].chars().filter(|c| !c.is_whitespace()).count();
    assert!(n > 1000, "{n}");
    let d = diags.iter().find(|d| d.rule == "S1").unwrap();
    assert!(d.message.contains(&n.to_string()), "{}", d.message);
}

#[test]
fn published_001() {
    check_published(&P001);
}

#[test]
fn published_002() {
    let (r, diags) = check_published(&P002);
    // The year of the previous report appears, but only inside a cited title.
    let s1 = r.template.section_index("s1").unwrap();
    assert!(r.texts[s1].contains("印发2021年政务公开工作要点"));
    assert!(!diags.iter().any(|d| d.rule == "S14"));
}

#[test]
fn published_003() {
    let (_, diags) = check_published(&P003);
    let d = diags.iter().find(|d| d.rule == "S14").unwrap();
    assert_eq!(d.field, Some(Field::PublishDate));
    assert!(d.message.contains("2020年1月31日"), "{}", d.message);
}

#[test]
fn published_004() {
    let (r, diags) = check_published(&P004);
    // S11 names exactly the blank cells: the six applicant columns of 三 (the （七）总计
    // row included: blank totals are flagged too) and the four result columns of each
    // group of 四.
    let t = r.template;
    let expected: BTreeSet<CellId> = all_cells(&r)
        .filter(|c| {
            let (tb, _, col) = t.cell_ids(*c);
            (tb == "t3" && col != "total") || (tb == "t4" && !col.ends_with("_total"))
        })
        .collect();
    assert_eq!(expected.len(), 6 * 25 + 12);
    let flagged: BTreeSet<CellId> = diags
        .iter()
        .filter(|d| d.rule == "S11")
        .flat_map(|d| d.cells.iter().copied())
        .collect();
    assert_eq!(flagged, expected);
    // The user may choose to print blanks as 0; the export then has no blank value.
    check_export(
        &r,
        TextOptions {
            empty_as_zero: true,
        },
        P004.file,
    );
}

#[test]
fn blanks_of_001_are_derived_totals() {
    let r = load_fixture(&P001);
    let blank: Vec<CellId> = all_cells(&r).filter(|c| r.cell(*c).is_empty()).collect();
    assert_eq!(blank.len(), 21 + 1);
    for c in blank {
        assert!(
            r.is_derived(c),
            "{:?} is blank but not derived",
            r.template.cell_ids(c)
        );
        let (_, _, col) = r.template.cell_ids(c);
        assert!(col == "total" || col == "after_total", "{col}");
    }
}

/// Non-zero, multi-digit values in every cell of 000: distinct inputs, 一 set so that
/// 一+二 = 三+四 holds, derived cells recomputed. No hard error, and the export carries
/// every value at its place.
#[test]
fn multi_digit_values_pass_and_export() {
    let mut r = load_fixture(&P000);
    let t = r.template;
    let r1: Vec<CellId> = all_cells(&r)
        .filter(|c| {
            let (tb, row, _) = t.cell_ids(*c);
            tb == "t3" && row == "r1"
        })
        .collect();
    let mut n = 11;
    for c in all_cells(&r).collect::<Vec<_>>() {
        if r.is_derived(c) || r1.contains(&c) {
            continue;
        }
        let (_, row, _) = t.cell_ids(c);
        let v = if row == "fees" {
            format!("{n}.0625")
        } else {
            n.to_string()
        };
        r.set_input(c, &v);
        n += 1;
    }
    r.recompute_derived();
    let id = |row: &str, col: &str| t.cell_id("t3", row, col).unwrap();
    for c in &r1 {
        if r.is_derived(*c) {
            continue;
        }
        let (_, _, col) = t.cell_ids(*c);
        let total = r.cell(id("total", col)).int().unwrap();
        let carried = r.cell(id("r2", col)).int().unwrap();
        let forward = r.cell(id("r4", col)).int().unwrap();
        r.set_input(*c, &(total + forward - carried).to_string());
    }
    r.recompute_derived();

    let diags = validate(&r, None);
    assert!(!has_errors(&diags), "{diags:#?}");
    assert!(!diags.iter().any(|d| d.rule == "S11"), "{diags:#?}");
    let mut values = BTreeSet::new();
    for c in all_cells(&r) {
        let v = r.cell(c).text().into_owned();
        assert!(v.len() >= 2 && v != "0", "{:?} = {v}", t.cell_ids(c));
        values.insert(v);
    }
    // Inputs are distinct, so most values are too; the export check covers each one.
    assert!(values.len() > 150, "{}", values.len());
    check_export(&r, TextOptions::default(), "000 with multi-digit values");
    check_round_trip(&r, "multi.ron");
}
