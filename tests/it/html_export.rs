//! Web page export parsed back with an HTML5 parser: the tables rebuilt from their
//! `rowspan`/`colspan` give the template grid, with every label and value in its cell.

use std::collections::HashMap;

use crate::common::{Placed, balanced, expected_grid, id, t19, t21};
use nianbao::export::html::{HtmlKind, export, table_fragment};
use nianbao::template::layout::grid;
use scraper::{ElementRef, Html, Selector};

const WATERMARK: &str = "草稿 · 校验未通过";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>()
}

/// The HTML table algorithm: each cell takes the first free column of its row; cells
/// spanning rows occupy the columns below them. Returns the cells and the grid size.
fn placed(table: ElementRef) -> (Placed, usize, usize) {
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut out = HashMap::new();
    let mut cols = 0;
    let rows: Vec<ElementRef> = table.select(&sel("tr")).collect();
    for (r, tr) in rows.iter().enumerate() {
        let mut c = 0;
        for td in tr.select(&sel("td, th")) {
            let span = |a: &str| {
                td.value()
                    .attr(a)
                    .map_or(1, |v| v.parse::<usize>().unwrap())
            };
            let (rs, cs) = (span("rowspan"), span("colspan"));
            while taken.get(r).is_some_and(|row| row.get(c) == Some(&true)) {
                c += 1;
            }
            for rr in r..r + rs {
                if taken.len() <= rr {
                    taken.resize(rr + 1, Vec::new());
                }
                let row = &mut taken[rr];
                if row.len() < c + cs {
                    row.resize(c + cs, false);
                }
                for cell in row.iter_mut().skip(c).take(cs) {
                    assert!(!*cell, "overlap at {rr},{c}");
                    *cell = true;
                }
            }
            out.insert((r, c), (text(td), rs, cs));
            c += cs;
            cols = cols.max(c);
        }
    }
    (out, rows.len(), cols)
}

#[test]
fn tables_have_the_template_grid_and_values() {
    for t in [t21(), t19()] {
        let r = balanced(t, 2025);
        for kind in [HtmlKind::Page, HtmlKind::Fragment] {
            let html = export(&r, kind);
            let doc = Html::parse_document(&html);
            let tables: Vec<ElementRef> = doc.select(&sel("table")).collect();
            assert_eq!(tables.len(), t.tables.len());
            for (ti, table) in tables.into_iter().enumerate() {
                assert_eq!(table.value().attr("border"), Some("1"));
                let g = grid(t, ti);
                let (cells, rows, cols) = placed(table);
                assert_eq!((rows, cols), (g.rows, g.cols), "{} table {ti}", t.id);
                assert_eq!(cells, expected_grid(&r, ti), "{} table {ti}", t.id);
            }
        }
    }
}

/// Hand-counted from the official template's table 三: Word writes 11 `gridSpan` (one on
/// every row of a merged cell) and 8 `vMerge` restarts; as HTML that is 9 `colspan` (the
/// three-row corner once) and 8 `rowspan` (the corner, 自然人, 总计,
/// 三、本年度办理结果 and （三）–（六）).
#[test]
fn table_three_merges_as_the_official_template() {
    let r = balanced(t21(), 2025);
    let doc = Html::parse_fragment(&table_fragment(&r, 1));
    let tds: Vec<ElementRef> = doc.select(&sel("td")).collect();
    assert_eq!(
        tds.iter()
            .filter(|td| td.value().attr("colspan").is_some())
            .count(),
        9
    );
    let rowspans: Vec<usize> = tds
        .iter()
        .filter_map(|td| td.value().attr("rowspan"))
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(rowspans.len(), 8);
    let vertical = tds
        .iter()
        .find(|td| text(**td) == "三、本年度办理结果")
        .unwrap();
    assert_eq!(vertical.value().attr("rowspan"), Some("22"));
}

#[test]
fn the_page_is_plain_utf8_html_and_the_fragment_is_the_body_alone() {
    let mut r = balanced(t21(), 2025);
    r.publish_date = chrono::NaiveDate::from_ymd_opt(2026, 1, 20);
    r.texts[0] = "（一）主动公开\n本机关全年主动公开政府信息。".into();
    let page = export(&r, HtmlKind::Page);
    assert!(page.starts_with("<!DOCTYPE html>"));
    let doc = Html::parse_document(&page);
    let charset = doc.select(&sel("meta[charset]")).next().unwrap();
    assert_eq!(charset.value().attr("charset"), Some("utf-8"));
    assert_eq!(text(doc.select(&sel("title")).next().unwrap()), r.title());
    let h2: Vec<String> = doc.select(&sel("h2")).map(text).collect();
    let titles: Vec<String> = r
        .template
        .sections
        .iter()
        .map(|s| s.title.clone())
        .collect();
    assert_eq!(h2, titles);
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), r.title());
    assert_eq!(
        text(doc.select(&sel("h3")).next().unwrap()),
        "（一）主动公开"
    );
    let paras: Vec<String> = doc.select(&sel("p")).map(text).collect();
    assert!(paras.contains(&"本机关全年主动公开政府信息。".to_string()));
    assert_eq!(
        paras[paras.len() - 2..],
        [r.agency.clone(), "2026年1月20日".into()]
    );

    let frag = export(&r, HtmlKind::Fragment);
    for forbidden in ["<html", "<body", "<head", "<script", "class=", "<style"] {
        assert!(!frag.contains(forbidden), "{forbidden}");
        assert!(!page.contains("<script") && !page.contains("class="));
    }
    let frag_doc = Html::parse_fragment(&frag);
    assert_eq!(
        frag_doc.select(&sel("table")).count(),
        r.template.tables.len()
    );
    assert_eq!(
        frag_doc.select(&sel("h2")).count(),
        r.template.sections.len()
    );
}

#[test]
fn user_text_is_escaped() {
    let mut r = balanced(t21(), 2025);
    r.agency = "某局<script>alert(1)</script>&".into();
    r.texts[0] = "<b>加粗</b> & \"引号\"".into();
    let html = export(&r, HtmlKind::Fragment);
    assert!(!html.contains("<script>") && !html.contains("<b>"));
    let doc = Html::parse_fragment(&html);
    let paras: Vec<String> = doc.select(&sel("p")).map(text).collect();
    assert!(paras.contains(&r.texts[0]));
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), r.title());
}

#[test]
fn a_failing_report_is_marked() {
    let t = t21();
    let good = balanced(t, 2025);
    assert!(!export(&good, HtmlKind::Page).contains(WATERMARK));
    let mut bad = balanced(t, 2025);
    bad.edit_cell(id(t, "t3", "r1", "natural"), "0");
    let html = export(&bad, HtmlKind::Fragment);
    let doc = Html::parse_fragment(&html);
    assert_eq!(text(doc.select(&sel("p")).next().unwrap()), WATERMARK);
}
