//! Word export read back: the .docx is unzipped and its XML parsed, and the document is
//! checked against the template grid, the official template's table structure and
//! GB/T 9704 page settings.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::common::{balanced, expected_grid, id, t19, t21};
use nianbao::export::docx;
use nianbao::model::{Report, draft};
use nianbao::template::Template;
use nianbao::template::layout::grid;
use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WATERMARK: &str = "草稿 · 校验未通过";

/// The parts of a .docx package by name.
struct Package(HashMap<String, String>);

impl Package {
    fn read(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            if f.is_file() {
                f.read_to_string(&mut s).expect("UTF-8 XML part");
                parts.insert(f.name().to_string(), s);
            }
        }
        Package(parts)
    }

    fn part(&self, name: &str) -> &str {
        self.0
            .get(name)
            .unwrap_or_else(|| panic!("part {name} missing"))
    }

    /// The part a relationship of the main document points to.
    fn related(&self, rid: &str) -> &str {
        let rels = Document::parse(self.part("word/_rels/document.xml.rels")).unwrap();
        let target = rels
            .descendants()
            .find(|n| n.attribute("Id") == Some(rid))
            .and_then(|n| n.attribute("Target"))
            .unwrap_or_else(|| panic!("relationship {rid}"));
        self.part(&format!("word/{target}"))
    }
}

fn export(r: &Report) -> Vec<u8> {
    docx::export(r).expect("docx export")
}

fn w<'a>(n: Node<'a, '_>, name: &str) -> Option<Node<'a, 'a>> {
    n.children()
        .find(|c| c.tag_name().namespace() == Some(W) && c.tag_name().name() == name)
}

fn val<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    w(n, name).and_then(|c| c.attribute((W, "val")))
}

fn all<'a, 'i>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.descendants()
        .filter(move |c| c.tag_name().namespace() == Some(W) && c.tag_name().name() == name)
}

/// The text of a node's `w:t` descendants.
fn text(n: Node) -> String {
    all(n, "t").filter_map(|t| t.text()).collect()
}

/// One `w:tc` placed on the grid.
#[derive(Debug)]
struct Tc {
    row: usize,
    col: usize,
    span: usize,
    vmerge: Option<String>,
    text: String,
    jc: Option<String>,
}

/// The cells of a Word table at their grid positions.
fn cells(tbl: Node) -> Vec<Tc> {
    let mut out = Vec::new();
    for (row, tr) in tbl
        .children()
        .filter(|c| c.has_tag_name((W, "tr")))
        .enumerate()
    {
        let mut col = 0;
        for tc in tr.children().filter(|c| c.has_tag_name((W, "tc"))) {
            let pr = w(tc, "tcPr").expect("tcPr");
            let span = val(pr, "gridSpan").map_or(1, |v| v.parse().unwrap());
            let vmerge =
                w(pr, "vMerge").map(|m| m.attribute((W, "val")).unwrap_or("continue").to_string());
            let jc = all(tc, "jc")
                .next()
                .and_then(|j| j.attribute((W, "val")))
                .map(String::from);
            out.push(Tc {
                row,
                col,
                span,
                vmerge,
                text: text(tc),
                jc,
            });
            col += span;
        }
    }
    out
}

fn tables<'a, 'i>(d: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    all(d.root(), "tbl").collect()
}

#[test]
fn tables_have_the_template_grid_with_every_label_and_value_in_its_cell() {
    for t in [t21(), t19()] {
        let r = balanced(t, 2025);
        let pkg = Package::read(&export(&r));
        let d = Document::parse(pkg.part("word/document.xml")).unwrap();
        let tbls = tables(&d);
        assert_eq!(tbls.len(), t.tables.len(), "{}", t.id);
        for (ti, tbl) in tbls.iter().enumerate() {
            let g = grid(t, ti);
            let cols: Vec<u32> = all(*tbl, "gridCol")
                .map(|c| c.attribute((W, "w")).unwrap().parse().unwrap())
                .collect();
            assert_eq!(cols.len(), g.cols, "{} table {ti}", t.id);
            // Fitted to the 156 mm text width (8844 twips), within rounding.
            let width: u32 = cols.iter().sum();
            assert!(
                (8834..=8854).contains(&width),
                "{} table {ti}: {width}",
                t.id
            );
            let want = expected_grid(&r, ti);
            let got = cells(*tbl);
            let rows = tbl.children().filter(|c| c.has_tag_name((W, "tr"))).count();
            assert_eq!(rows, g.rows);
            let mut tops = 0;
            for tc in &got {
                match want.get(&(tc.row, tc.col)) {
                    Some((s, rowspan, colspan)) => {
                        tops += 1;
                        assert_eq!(&tc.text, s, "{} table {ti} at {},{}", t.id, tc.row, tc.col);
                        assert_eq!(tc.span, *colspan);
                        let restart = tc.vmerge.as_deref() == Some("restart");
                        assert_eq!(restart, *rowspan > 1, "{} table {ti} {s}", t.id);
                    }
                    None => {
                        // Under a cell spanning rows: same columns, merged, empty.
                        let above = g
                            .cells
                            .iter()
                            .find(|c| {
                                c.col == tc.col && c.row < tc.row && tc.row < c.row + c.rowspan
                            })
                            .unwrap_or_else(|| panic!("no cell covers {},{}", tc.row, tc.col));
                        assert_eq!(tc.vmerge.as_deref(), Some("continue"));
                        assert_eq!(tc.span, above.colspan);
                        assert!(tc.text.is_empty());
                    }
                }
            }
            assert_eq!(tops, want.len(), "every grid cell written once");
        }
    }
}

/// Counts in the official blank template (国办公开办函〔2021〕30号 attachment), read from its
/// word/document.xml: table 三 has 11 `gridSpan`, 48 `vMerge` of which 8 restart; table 四
/// has 4 `gridSpan`, 10 `vMerge` of which 5 restart.
#[test]
fn merged_cells_match_the_official_template() {
    let r = balanced(t21(), 2025);
    let pkg = Package::read(&export(&r));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    let tbls = tables(&d);
    let count = |tbl: Node, name: &str| all(tbl, name).count();
    let restarts = |tbl: Node| {
        all(tbl, "vMerge")
            .filter(|m| m.attribute((W, "val")) == Some("restart"))
            .count()
    };
    let t3 = tbls[1];
    assert_eq!(
        (count(t3, "gridSpan"), count(t3, "vMerge"), restarts(t3)),
        (11, 48, 8)
    );
    let t4 = tbls[2];
    assert_eq!(
        (count(t4, "gridSpan"), count(t4, "vMerge"), restarts(t4)),
        (4, 10, 5)
    );
    // The vertical 三、本年度办理结果 label spans the 22 rows of the results.
    let cells3 = cells(t3);
    let label = cells3
        .iter()
        .find(|c| c.text == "三、本年度办理结果")
        .expect("vertical label");
    assert_eq!(label.vmerge.as_deref(), Some("restart"));
    let merged_below = cells3
        .iter()
        .filter(|c| {
            c.col == label.col && c.row > label.row && c.vmerge.as_deref() == Some("continue")
        })
        .count();
    assert_eq!(merged_below, 21);
    // Narrow enough to stack its characters (a 五号 character is 210 twips).
    let first_col: u32 = all(t3, "gridCol")
        .next()
        .unwrap()
        .attribute((W, "w"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(first_col < 2 * 210 + 2 * 57, "{first_col}");
    // Numbers centred, row labels left.
    let value = cells3.iter().find(|c| c.row == 3 && c.col == 3).unwrap();
    assert_eq!(value.jc.as_deref(), Some("center"));
    let row_label = cells3.iter().find(|c| c.text == "（一）予以公开").unwrap();
    assert_eq!(row_label.jc.as_deref(), Some("left"));
}

#[test]
fn header_rows_repeat_and_rows_never_split() {
    for t in [t21(), t19()] {
        let r = balanced(t, 2025);
        let pkg = Package::read(&export(&r));
        let d = Document::parse(pkg.part("word/document.xml")).unwrap();
        for (ti, tbl) in tables(&d).into_iter().enumerate() {
            let g = grid(t, ti);
            let rows: Vec<Node> = tbl
                .children()
                .filter(|c| c.has_tag_name((W, "tr")))
                .collect();
            for tr in &rows {
                assert!(w(w(*tr, "trPr").unwrap(), "cantSplit").is_some());
            }
            let header: Vec<bool> = rows
                .iter()
                .map(|tr| w(w(*tr, "trPr").unwrap(), "tblHeader").is_some())
                .collect();
            // A single block repeats its header rows; a table of several blocks (二)
            // cannot repeat the right one, so none.
            let want: Vec<bool> = (0..g.rows)
                .map(|row| g.bands.len() == 1 && row < g.bands[0].data_start)
                .collect();
            assert_eq!(header, want, "{} table {ti}", t.id);
        }
    }
    // Hand-counted: table 三 of 2021 has three header rows.
    let r = balanced(t21(), 2025);
    let pkg = Package::read(&export(&r));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    assert_eq!(all(tables(&d)[1], "tblHeader").count(), 3);
}

/// GB/T 9704 in twips: A4 11906 × 16838; margins 37, 35, 28 and 26 mm
/// (× 1440 / 25.4 = 2097.6, 1984.3, 1587.4, 1474.0).
#[test]
fn page_setup_fonts_and_paragraphs_follow_gbt_9704() {
    let mut r = balanced(t21(), 2025);
    r.publish_date = chrono::NaiveDate::from_ymd_opt(2026, 1, 20);
    r.texts[0] = "（一）主动公开\n本机关全年主动公开政府信息。".into();
    let pkg = Package::read(&export(&r));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    let sect = all(d.root(), "sectPr").last().unwrap();
    let sz = w(sect, "pgSz").unwrap();
    assert_eq!(
        (sz.attribute((W, "w")), sz.attribute((W, "h"))),
        (Some("11906"), Some("16838"))
    );
    let m = w(sect, "pgMar").unwrap();
    let mar = |k: &str| m.attribute((W, k)).unwrap();
    assert_eq!(
        (mar("top"), mar("bottom"), mar("left"), mar("right")),
        ("2098", "1984", "1587", "1474")
    );
    // Paragraphs of the body, by their text.
    let body = d
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    let paras: Vec<Node> = body
        .children()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect();
    let find = |s: &str| {
        *paras
            .iter()
            .find(|p| text(**p) == s)
            .unwrap_or_else(|| panic!("paragraph {s}"))
    };
    let east_asia = |p: Node| {
        all(p, "rFonts")
            .next()
            .and_then(|f| f.attribute((W, "eastAsia")))
            .map(String::from)
    };
    let size = |p: Node| {
        all(p, "sz")
            .next()
            .and_then(|s| s.attribute((W, "val")))
            .map(String::from)
    };
    // Title: 2号 (44 half-points) 方正小标宋简体, centred, after the agency on two lines.
    let title = paras[0];
    assert_eq!(text(title), r.title());
    assert_eq!(east_asia(title).as_deref(), Some("方正小标宋简体"));
    assert_eq!(size(title).as_deref(), Some("44"));
    assert_eq!(val(w(title, "pPr").unwrap(), "jc"), Some("center"));
    // Headings 黑体, sub-headings 楷体_GB2312, body 仿宋_GB2312 (3号 by default).
    assert_eq!(east_asia(find("一、总体情况")).as_deref(), Some("黑体"));
    assert_eq!(
        east_asia(find("（一）主动公开")).as_deref(),
        Some("楷体_GB2312")
    );
    let p = find("本机关全年主动公开政府信息。");
    assert_eq!(east_asia(p).as_deref(), Some("仿宋_GB2312"));
    let ppr = w(p, "pPr").unwrap();
    assert_eq!(val(ppr, "jc"), Some("both"));
    assert_eq!(
        w(ppr, "ind").unwrap().attribute((W, "firstLine")),
        Some("640")
    );
    let spacing = w(ppr, "spacing").unwrap();
    // 22 lines of 579 twips fill the 225 mm (12756 twips) text height.
    assert_eq!(spacing.attribute((W, "line")), Some("579"));
    assert_eq!(spacing.attribute((W, "lineRule")), Some("exact"));
    let styles = Document::parse(pkg.part("word/styles.xml")).unwrap();
    let defaults = all(styles.root(), "rPrDefault").next().unwrap();
    assert_eq!(
        all(defaults, "sz").next().unwrap().attribute((W, "val")),
        Some("32")
    );
    // Agency and Chinese date at the end, right-aligned.
    let date = find("2026年1月20日");
    assert_eq!(val(w(date, "pPr").unwrap(), "jc"), Some("right"));
    assert_eq!(val(w(find(&r.agency), "pPr").unwrap(), "jc"), Some("right"));
    // Each official face has its substitute in the font table.
    let fonts = Document::parse(pkg.part("word/fontTable.xml")).unwrap();
    let alt: HashMap<&str, &str> = all(fonts.root(), "font")
        .map(|f| {
            (
                f.attribute((W, "name")).unwrap(),
                val(f, "altName").unwrap(),
            )
        })
        .collect();
    assert_eq!(alt.get("仿宋_GB2312"), Some(&"仿宋"));
    assert_eq!(alt.get("楷体_GB2312"), Some(&"楷体"));
    assert!(alt.contains_key("方正小标宋简体") && alt.contains_key("黑体"));
}

#[test]
fn the_footer_numbers_pages_with_a_page_field() {
    let r = balanced(t21(), 2025);
    let pkg = Package::read(&export(&r));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    let sect = all(d.root(), "sectPr").last().unwrap();
    let rid = w(sect, "footerReference")
        .unwrap()
        .attribute((R, "id"))
        .unwrap();
    let footer = Document::parse(pkg.related(rid)).unwrap();
    let instr: Vec<&str> = all(footer.root(), "instrText")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(instr.iter().map(|s| s.trim()).collect::<Vec<_>>(), ["PAGE"]);
    let kinds: Vec<&str> = all(footer.root(), "fldChar")
        .map(|f| f.attribute((W, "fldCharType")).unwrap())
        .collect();
    assert_eq!(kinds, ["begin", "separate", "end"]);
    // "— N —": the field result between the dashes.
    assert_eq!(text(footer.root()), "— 1 —");
}

#[test]
fn the_watermark_is_in_the_header_only_when_a_hard_rule_fails() {
    let t = t21();
    let good = balanced(t, 2025);
    let pkg = Package::read(&export(&good));
    assert!(!pkg.0.keys().any(|k| k.contains("header")));
    assert!(!pkg.0.values().any(|s| s.contains(WATERMARK)));

    let mut bad = balanced(t, 2025);
    bad.edit_cell(id(t, "t3", "r1", "natural"), "0");
    let pkg = Package::read(&export(&bad));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    let sect = all(d.root(), "sectPr").last().unwrap();
    let rid = w(sect, "headerReference")
        .expect("a header")
        .attribute((R, "id"))
        .unwrap();
    let header = Document::parse(pkg.related(rid)).unwrap();
    let path = header
        .descendants()
        .find(|n| n.tag_name().name() == "textpath" && n.attribute("string").is_some())
        .expect("a WordArt text path");
    assert_eq!(path.attribute("string"), Some(WATERMARK));
    assert!(
        !d.root()
            .descendants()
            .any(|n| n.text().is_some_and(|s| s.contains(WATERMARK)))
    );
}

#[test]
fn a_full_report_is_small() {
    for t in [t21(), t19()] {
        let bytes = export(&balanced(t, 2025));
        assert!(bytes.len() <= 40 * 1024, "{}: {} bytes", t.id, bytes.len());
    }
}

#[test]
fn user_text_with_markup_characters_is_kept_verbatim() {
    let mut r = balanced(t21(), 2025);
    r.texts[0] = "网址 <a href=\"x\">&amp; 链接</a> 原样保留".into();
    let pkg = Package::read(&export(&r));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    assert!(all(d.root(), "p").any(|p| text(p) == r.texts[0]));
}

/// A published report (衡山县商务局, 2024): its table 二 prints 行政许可 11 under
/// 第二十条第（五）项 (read by hand from the published text).
#[test]
fn a_published_report_exports_its_figures() {
    let r = draft::load(Path::new("tests/fixtures/004_07a7ed9f35648903.ron")).unwrap();
    let pkg = Package::read(&export(&r));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    let t2 = cells(tables(&d)[0]);
    let license = t2
        .iter()
        .find(|c| c.text == "行政许可")
        .expect("行政许可 row");
    let value = t2
        .iter()
        .find(|c| c.row == license.row && c.col == license.col + license.span)
        .expect("its value");
    assert_eq!(value.text, "11");
    let title = t2.iter().find(|c| c.text == "第二十条第（五）项").unwrap();
    assert!(title.row < license.row);
    let body = text(d.root());
    assert!(body.starts_with("衡山县商务局2024年政府信息公开工作年度报告编制说明"));
    assert!(
        body.ends_with("衡山县商务局2025年1月16日"),
        "{}",
        &body[body.len() - 80..]
    );
}

#[test]
fn an_empty_report_exports() {
    let r = Report::for_year("某某局", 2025);
    let pkg = Package::read(&export(&r));
    let d = Document::parse(pkg.part("word/document.xml")).unwrap();
    assert!(text(d.root()).contains("一、总体情况"));
    let t: &Template = r.template;
    assert_eq!(tables(&d).len(), t.tables.len());
}
