//! Importing saved web pages: LibreOffice's HTML conversion of the filled template, a
//! county portal's article page in GB2312 with its chrome, HTML from the clipboard, and
//! pages that are not reports.

use std::path::{Path, PathBuf};

use nianbao::import::{Form, ImportError, import_bytes, import_html_fragment};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

#[test]
fn libreoffice_html_of_the_filled_template_imports_like_the_docx() {
    let imported = import_bytes(&std::fs::read(real("filled-2021-libreoffice.html")).unwrap())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.form, Form::Html);
    crate::expected::filled_2021(&imported);
    assert!(
        !imported.notes.iter().any(|n| n.message.contains("编码")),
        "a UTF-8 page needs no encoding note: {:#?}",
        imported.notes
    );
}

#[test]
fn a_gbk_portal_page_imports_without_its_chrome() {
    let bytes = std::fs::read(real("portal-gbk-2023.html")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let imported = import_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.form, Form::Html);
    crate::expected::portal_2023(&imported);
    assert!(
        imported.notes[0].message.contains("GB18030"),
        "{:?}",
        imported.notes[0]
    );
    // None of the portal's words reached the report.
    let r = &imported.report;
    let all = format!(
        "{}\n{}\n{}",
        r.header_text,
        r.texts.join("\n"),
        r.notes.join("\n")
    );
    for chrome in [
        "当前位置",
        "来源：",
        "浏览次数",
        "字号",
        "打印本页",
        "关闭窗口",
        "分享到",
        "附件下载",
        "版权所有",
        "网站标识码",
        "ICP备",
        "主办单位",
        "上一篇",
        "索引号",
        "搜索",
    ] {
        assert!(!all.contains(chrome), "{chrome} in the report:\n{all}");
    }
}

#[test]
fn html_from_the_clipboard_keeps_its_tables() {
    // What a browser puts on the clipboard when the article is selected and copied: the
    // fragment between markers, in UTF-8, without the page around it.
    let bytes = std::fs::read(real("portal-gbk-2023.html")).unwrap();
    let (page, _, _) = encoding_rs::GBK.decode(&bytes);
    let start = page.find("<h1 class=\"title\">").unwrap();
    let end = page.find("<div class=\"fj\">").unwrap();
    let fragment = format!(
        "<html><body><!--StartFragment-->{}<!--EndFragment--></body></html>",
        &page[start..end]
    );
    let imported = import_html_fragment(&fragment).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.form, Form::Html);
    crate::expected::portal_2023(&imported);
}

#[test]
fn pages_that_are_not_reports_are_refused_clearly() {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>首页</title></head>\
        <body><div>当前位置：首页</div><p>欢迎访问青山县人民政府门户网站</p>\
        <table><tr><td>通知公告</td><td>2024-01-01</td></tr></table></body></html>";
    match import_bytes(page.as_bytes()) {
        Err(ImportError::NotAReport(reason)) => {
            assert!(reason.contains("一、总体情况"), "{reason}")
        }
        other => panic!("expected NotAReport, got {other:?}"),
    }
    // A page whose declared charset is wrong: mostly undecodable, refused as such or as
    // not a report, never a panic.
    let mut junk = b"<html><head><meta charset=\"shift_jis\"></head><body>".to_vec();
    junk.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    assert!(import_bytes(&junk).is_err());
}

#[test]
fn a_truncated_page_still_gives_what_it_holds() {
    let bytes = std::fs::read(real("filled-2021-libreoffice.html")).unwrap();
    // Cut inside table 三: the sections before it and table 二 are still there.
    let cut = bytes
        .windows("四、结转下年度".len())
        .position(|w| w == "四、结转下年度".as_bytes())
        .unwrap();
    let imported = import_bytes(&bytes[..cut]).unwrap_or_else(|e| panic!("{e}"));
    let r = &imported.report;
    assert_eq!(r.agency, "江宁市生态环境局");
    let t = r.template;
    let fee = t.cell_id("t2", "fees", "amount").unwrap();
    assert_eq!(r.cell(fee), &nianbao::model::Cell::Amount("1.2345".into()));
    // What the page lost is named, not invented.
    assert!(!crate::expected::warnings(&imported).is_empty());
    let r4 = t.cell_id("t3", "r4", "total").unwrap();
    assert_eq!(r.cell(r4), &nianbao::model::Cell::Empty);
}

mod random_damage {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// The GBK portal page damaged anywhere (bytes overwritten, inserted, deleted):
        /// a report or a Chinese reason, never a panic; as clipboard HTML too.
        #[test]
        fn damaged_pages_are_read_or_refused(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..16),
        ) {
            let mut bytes = std::fs::read(real("portal-gbk-2023.html")).unwrap();
            for (at, kind, b) in edits {
                let at = at % bytes.len().max(1);
                match kind % 4 {
                    0 | 1 if at < bytes.len() => bytes[at] = b,
                    2 => bytes.insert(at, b),
                    _ if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => {}
                }
            }
            if let Err(e) = import_bytes(&bytes) {
                prop_assert!(!e.to_string().is_empty());
            }
            if let Err(e) = import_html_fragment(&String::from_utf8_lossy(&bytes)) {
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }
}
