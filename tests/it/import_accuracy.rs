//! Import accuracy on every real or realistic document in `tests/fixtures/`: each is
//! imported from its bytes, and every cell of tables 二, 三 and 四 is compared with the
//! values written by hand from the original (`<name>.expected` beside it; the published
//! texts are compared with their hand-made drafts). Prints, per document and in total,
//! cells right / wrong / missing (`scripts/import-accuracy.sh`), and fails on a cell
//! that is wrong without a note naming it, or on a missing cell of tables 三 and 四 in
//! a document whose form keeps the numbers apart.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nianbao::import::{Imported, import_bytes};
use nianbao::model::{Report, draft};
use nianbao::template::{self, CellId};
use nianbao::validate;

/// The hand-written facts of one document.
struct Expected {
    template: String,
    agency: Option<String>,
    year: Option<i32>,
    publish_date: Option<String>,
    /// Cell values by id, as printed ("" for a blank cell).
    cells: BTreeMap<CellId, String>,
    /// Tables whose numbers the form runs together so that some rows cannot be split
    /// (they must be empty and noted, never wrong).
    ambiguous: Vec<String>,
}

/// Reads `key = value` lines; `t3.r1 = 38 5 0 1 2 0 46` gives a row's cells in column
/// order, `_` standing for a blank cell.
fn parse_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap();
    let mut kv: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{}: bad line {line:?}", path.display()));
        kv.push((k.trim().to_string(), v.trim().to_string()));
    }
    let get = |k: &str| kv.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let template_id = get("template").expect("template = …");
    let t = template::get(&template_id).expect("known template");
    let mut cells = BTreeMap::new();
    for (k, v) in &kv {
        let Some((table, row)) = k.split_once('.') else {
            continue;
        };
        let ti = t
            .table_index(table)
            .unwrap_or_else(|| panic!("table {table}"));
        let ri = t.tables[ti]
            .rows
            .iter()
            .position(|r| r.id == row)
            .unwrap_or_else(|| panic!("row {k}"));
        let values: Vec<&str> = v.split_whitespace().collect();
        for (c, value) in values.iter().enumerate() {
            let id = t
                .cell_at(ti, ri, c)
                .unwrap_or_else(|| panic!("{k}: column {c} does not exist"));
            cells.insert(id, if *value == "_" { "" } else { value }.to_string());
        }
        let ncols = t.tables[ti].blocks[t.tables[ti].rows[ri].block]
            .columns
            .len();
        assert_eq!(
            values.len(),
            ncols,
            "{}: {k} needs {ncols} values",
            path.display()
        );
    }
    Expected {
        template: template_id,
        agency: get("agency"),
        year: get("year").map(|y| y.parse().unwrap()),
        publish_date: get("publish_date"),
        cells,
        ambiguous: get("ambiguous")
            .map(|v| v.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
    }
}

/// The facts of a hand-made draft, for the published texts.
fn expected_from_draft(path: &Path) -> Expected {
    let r: Report = draft::load(path).unwrap();
    let t = r.template;
    let mut cells = BTreeMap::new();
    for ti in 0..t.tables.len() {
        for id in t.table_cells(ti) {
            cells.insert(id, r.cell(id).text().into_owned());
        }
    }
    Expected {
        template: t.id.clone(),
        agency: Some(r.agency.clone()),
        year: Some(r.year),
        publish_date: r.publish_date.map(|d| d.to_string()),
        cells,
        ambiguous: Vec::new(),
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Count {
    right: usize,
    wrong: usize,
    missing: usize,
}

struct Outcome {
    name: String,
    form: &'static str,
    per_table: BTreeMap<String, Count>,
    problems: Vec<String>,
    /// Errors of the imported report that the original does not have (must be 0).
    false_errors: usize,
    /// Hard rules the import left unjudgeable (待核对).
    unverified: usize,
}

/// The hard-rule findings of the original's own figures, as (rule, subject).
fn true_errors(want: &Expected) -> Vec<(String, String)> {
    let t = template::get(&want.template).unwrap();
    let mut r = Report::new(t, "", want.year.unwrap_or(t.first_year));
    for (id, v) in &want.cells {
        r.set_input(*id, v);
    }
    validate::validate(&r, None)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| (d.rule.to_string(), d.subject))
        .collect()
}

fn documents() -> Vec<(PathBuf, Expected)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut docs = Vec::new();
    for dir in ["forms", "real", "scans"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in &paths {
            if p.extension().is_some_and(|e| e == "expected") {
                // "name.pdf.expected" names its document exactly; "name.expected" the
                // one document called name.*.
                let stem = p.file_stem().unwrap();
                let doc = paths
                    .iter()
                    .find(|q| q.file_name() == Some(stem))
                    .or_else(|| {
                        paths.iter().find(|q| {
                            q.file_stem() == Some(stem)
                                && q.extension().is_some_and(|e| e != "expected")
                        })
                    })
                    .unwrap_or_else(|| panic!("no document for {}", p.display()));
                docs.push((doc.clone(), parse_expected(p)));
            }
        }
    }
    let mut published: Vec<PathBuf> = std::fs::read_dir(root.join("published"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    published.sort();
    for p in published {
        let draft = root.join(p.with_extension("ron").file_name().unwrap());
        docs.push((p, expected_from_draft(&draft)));
    }
    docs
}

fn check(path: &Path, want: &Expected) -> Outcome {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    let mut problems = Vec::new();
    let imported: Imported = match import_bytes(&bytes) {
        Ok(i) => i,
        Err(e) => {
            let t = template::get(&want.template).unwrap();
            let mut per_table = BTreeMap::new();
            for id in want.cells.keys() {
                let (table, _, _) = t.cell_ids(*id);
                per_table
                    .entry(table.to_string())
                    .or_insert(Count::default())
                    .missing += 1;
            }
            return Outcome {
                name,
                form: "—",
                per_table,
                problems: vec![format!("not imported: {e}")],
                false_errors: 0,
                unverified: 0,
            };
        }
    };
    let r = &imported.report;
    if r.template.id != want.template {
        problems.push(format!(
            "template {} instead of {}",
            r.template.id, want.template
        ));
    }
    if let Some(a) = &want.agency
        && &r.agency != a
    {
        problems.push(format!("agency {:?} instead of {a:?}", r.agency));
    }
    if let Some(y) = want.year
        && r.year != y
    {
        problems.push(format!("year {} instead of {y}", r.year));
    }
    if let Some(d) = &want.publish_date
        && r.publish_date.map(|p| p.to_string()).as_ref() != Some(d)
    {
        problems.push(format!("publish date {:?} instead of {d}", r.publish_date));
    }
    let noted = |id: CellId| imported.notes.iter().any(|n| n.cells.contains(&id));
    let mut per_table: BTreeMap<String, Count> = BTreeMap::new();
    let same_template = r.template.id == want.template;
    for (id, value) in &want.cells {
        let t = template::get(&want.template).unwrap();
        let (table, row, col) = t.cell_ids(*id);
        let count = per_table.entry(table.to_string()).or_default();
        let got = if same_template {
            r.cell(*id).text().into_owned()
        } else {
            String::new()
        };
        if &got == value {
            count.right += 1;
        } else if got.is_empty() {
            count.missing += 1;
            if !noted(*id) && !value.is_empty() {
                problems.push(format!("{table}.{row}.{col} missing without a note"));
            }
            if (table == "t3" || table == "t4") && !want.ambiguous.iter().any(|a| a == table) {
                problems.push(format!("{table}.{row}.{col} missing (expected {value})"));
            }
        } else {
            // A value that may be wrong is left empty with its candidates: a filled cell
            // is wrong only if the import is, noted or not.
            count.wrong += 1;
            let how = if noted(*id) {
                "wrong"
            } else {
                "silently wrong"
            };
            problems.push(format!(
                "{table}.{row}.{col} {how}: {got:?} instead of {value:?}"
            ));
        }
    }
    // The verdict: an error of the import's reading must never be charged to the report.
    let truth = true_errors(want);
    let diags = validate::validate(r, None);
    let false_errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error() && !truth.contains(&(d.rule.to_string(), d.subject.clone())))
        .map(|d| format!("false error {} {}", d.rule, d.message))
        .collect();
    let unverified = diags.iter().filter(|d| d.is_unverified()).count();
    Outcome {
        name,
        form: imported.form.name(),
        per_table,
        false_errors: false_errors.len(),
        problems: problems.into_iter().chain(false_errors).collect(),
        unverified,
    }
}

#[test]
fn every_real_document_imports_with_its_hand_written_values() {
    let docs = documents();
    assert!(docs.len() >= 7, "fixtures missing: {}", docs.len());
    let mut report = String::new();
    let mut total: BTreeMap<String, Count> = BTreeMap::new();
    let mut failures = Vec::new();
    writeln!(
        report,
        "{:<44} {:<10} {:>14} {:>14} {:>14} {:>12}",
        "document", "form", "二 r/w/m", "三 r/w/m", "四 r/w/m", "false/待核对"
    )
    .unwrap();
    for (path, want) in &docs {
        let o = check(path, want);
        let mut line = format!("{:<44} {:<10}", o.name, o.form);
        for table in ["t2", "t3", "t4"] {
            let c = o.per_table.get(table).copied().unwrap_or_default();
            let tc = total.entry(table.to_string()).or_default();
            tc.right += c.right;
            tc.wrong += c.wrong;
            tc.missing += c.missing;
            write!(
                line,
                " {:>14}",
                format!("{}/{}/{}", c.right, c.wrong, c.missing)
            )
            .unwrap();
        }
        write!(
            line,
            " {:>12}",
            format!("{}/{}", o.false_errors, o.unverified)
        )
        .unwrap();
        writeln!(report, "{line}").unwrap();
        for p in &o.problems {
            failures.push(format!("{}: {p}", o.name));
        }
    }
    let mut line = format!("{:<44} {:<10}", "total", "");
    for table in ["t2", "t3", "t4"] {
        let c = total.get(table).copied().unwrap_or_default();
        write!(
            line,
            " {:>14}",
            format!("{}/{}/{}", c.right, c.wrong, c.missing)
        )
        .unwrap();
    }
    writeln!(report, "{line}").unwrap();
    println!("{report}");
    assert!(failures.is_empty(), "{report}\n{}", failures.join("\n"));
}

fn fixture(name: &str) -> (String, Expected) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let stem = Path::new(name)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    (text, parse_expected(&dir.join(format!("{stem}.expected"))))
}

fn check_text(name: &str, text: &str, want: &Expected) -> Outcome {
    let path = std::env::temp_dir().join(format!("nianbao-accuracy-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let o = check(&path, want);
    std::fs::remove_file(&path).unwrap();
    o
}

#[test]
fn a_flattened_report_with_every_separator_lost_is_split_by_the_equations() {
    let (text, want) = fixture("yongning-2023-one-line.txt");
    // Tables 三 and 四 as a crawler that drops the spaces between cells prints them:
    // "一、本年新收政府信息公开申请数量385012046二、上年结转…".
    let a = text.find("一、本年新收").unwrap();
    let b = text.find("五、存在的主要问题").unwrap();
    let mut tables = String::new();
    let chars: Vec<char> = text[a..b].chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if c == ' ' && prev_digit {
            continue;
        }
        tables.push(c);
    }
    assert!(tables.contains("385012046二、上年结转"), "{tables}");
    let flat = format!("{}{tables}{}", &text[..a], &text[b..]);
    let o = check_text("run.txt", &flat, &want);
    assert!(o.problems.is_empty(), "{:#?}", o.problems);
    let t3 = o.per_table["t3"];
    assert_eq!((t3.right, t3.wrong, t3.missing), (175, 0, 0));
}

/// Tables 三 and 四 of `text` with the spaces between numbers lost and then put back at
/// a fixed width, as a page's text wrapped at a column and joined again:
/// "38 5 0 1 2 0 46" → "3850 1204 6".
fn misplace_spaces(text: &str, width: usize) -> String {
    let a = text.find("一、本年新收").unwrap();
    let b = text.find("五、存在的主要问题").unwrap();
    let chars: Vec<char> = text[a..b].chars().collect();
    let mut joined = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' '
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        }
        joined.push(c);
    }
    let mut out = String::new();
    let mut run = 0;
    for c in joined.chars() {
        if c.is_ascii_digit() {
            if run > 0 && run % width == 0 {
                out.push(' ');
            }
            run += 1;
        } else {
            run = 0;
        }
        out.push(c);
    }
    format!("{}{out}{}", &text[..a], &text[b..])
}

#[test]
fn numbers_whose_spaces_were_misplaced_are_read_by_the_equations_not_the_spaces() {
    let (text, want) = fixture("yongning-2023-one-line.txt");
    for width in [3, 4, 5] {
        let moved = misplace_spaces(&text, width);
        assert_ne!(moved, text);
        let o = check_text("moved.txt", &moved, &want);
        assert!(o.problems.is_empty(), "width {width}: {:#?}", o.problems);
        for t in ["t3", "t4"] {
            let c = o.per_table[t];
            assert_eq!(
                c.wrong, 0,
                "width {width}, {t}: no cell filled with a wrong value"
            );
        }
        let t3 = o.per_table["t3"];
        assert!(t3.right >= 170, "width {width}: {t3:?}");
        assert_eq!(o.false_errors, 0);
    }
    // The note says which reading was taken and why.
    let imported = nianbao::import::import_text(&misplace_spaces(&text, 4)).unwrap();
    assert!(
        imported.notes.iter().any(|n| n.message.contains("按勾稽关系只有一种读法")
            && n.message.contains("数的个数")),
        "{:#?}",
        imported.notes
    );
}

#[test]
fn a_row_whose_spaces_fit_keeps_them_and_its_own_imbalance_stays_an_error() {
    let (text, want) = fixture("yongning-2023-one-line.txt");
    let row = "一、本年新收政府信息公开申请数量 38 5 0 1 2 0 46";
    assert!(text.contains(row), "the fixture prints the row this way");
    // The report itself printing a wrong 总计: the numbers still fit the columns.
    let wrong = text.replace(row, "一、本年新收政府信息公开申请数量 38 5 0 1 2 0 47");
    let imported = nianbao::import::import_text(&wrong).unwrap();
    let r = &imported.report;
    let t = r.template;
    let total = t.cell_id("t3", "r1", "total").unwrap();
    assert_eq!(r.cell(total).int(), Some(47), "read as printed");
    assert_eq!(
        r.cell(t.cell_id("t3", "r1", "natural").unwrap()).int(),
        Some(38)
    );
    let diags = validate::validate(r, None);
    assert!(
        diags
            .iter()
            .any(|d| d.is_error() && d.cells.contains(&total)),
        "{diags:#?}"
    );
    // Everything else as the original.
    let o = check_text("wrong.txt", &wrong, &want);
    assert_eq!(o.per_table["t3"].wrong, 1);
}

#[test]
fn tables_without_their_headings_and_headings_in_other_words_import() {
    let (text, want) = fixture("qinghe-2022-markdown.md");
    let mut text = text;
    for h in [
        "## 二、主动公开政府信息情况\n",
        "## 三、收到和处理政府信息公开申请情况\n",
    ] {
        assert!(text.contains(h));
        text = text.replace(h, "");
    }
    text = text
        .replace(
            "## 四、政府信息公开行政复议、行政诉讼情况",
            "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
        )
        .replace(
            "## 五、存在的主要问题及整改措施",
            "五．政府信息公开工作存在的主要问题及改进情况",
        );
    let o = check_text("noheads.md", &text, &want);
    assert!(o.problems.is_empty(), "{:#?}", o.problems);
    for t in ["t2", "t3", "t4"] {
        assert_eq!(o.per_table[t].wrong + o.per_table[t].missing, 0, "{t}");
    }
    let imported = nianbao::import::import_text(&text).unwrap();
    let s5 = imported.report.text("s5");
    assert!(s5.starts_with("存在的问题："), "{s5}");
    assert!(
        imported.notes.iter().any(|n| n
            .message
            .contains("没有找到“三、收到和处理政府信息公开申请情况”的标题，已按表格内容确定")),
        "{:#?}",
        imported.notes
    );
}
