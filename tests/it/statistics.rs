//! The statistics paragraph (插入/更新统计段落, `nianbao paragraph`): its wording, its
//! figures against the tables and last year's, and its rewrite after the tables change.

use std::path::PathBuf;

use crate::common::{fixture, id, nianbao};
use nianbao::model::{Report, draft, statistics};
use nianbao::validate;

fn yunling() -> Report {
    draft::load(&fixture("real/yunling-2022.ron")).unwrap()
}

/// Written by hand from the tables of yunling-2022-nianbao.pdf: 二 1/0/5, 12/3/46, 1520,
/// 347, 28, 56.38; 三 新收 87 (自然人 68, others 13+1+1+3+1), 上年结转 8, 总计 91 of which
/// 予以公开 40, 部分公开 6, 不予公开 1+1+2+4+0+1+1+2, 无法提供 16+2+1, 不予处理 5+4+0+1+0,
/// 其他处理 2+1+1, 结转 4; 四 复议 2/1/0/1 (4), 诉讼 直接 1/0/0/1 and 复议后 1/1/0/0.
const YUNLING: &str = "主动公开方面，2022年本机关制发规章1件、行政规范性文件12件，废止规章0件、行政规范性文件3件，现行有效规章5件、行政规范性文件46件；作出行政许可决定1520件，行政处罚决定347件，行政强制决定28件；行政事业性收费56.38万元。\
依申请公开方面，本年度新收政府信息公开申请87件，其中自然人提出68件，法人或其他组织提出19件；上年结转8件。\
本年度办结91件，其中予以公开40件（占43.96%），部分公开6件（占6.59%），不予公开12件，无法提供19件，不予处理10件，其他处理4件；结转下年度继续办理4件。\
本年度因政府信息公开被申请行政复议4件，其中结果维持2件，结果纠正1件，其他结果0件，尚未审结1件。\
因政府信息公开被提起行政诉讼4件，其中结果维持2件，结果纠正1件，其他结果0件，尚未审结1件。";

#[test]
fn the_paragraph_of_a_real_report_reads_as_written_by_hand() {
    assert_eq!(statistics::paragraph(&yunling(), None).unwrap(), YUNLING);
}

#[test]
fn every_fixtures_paragraph_agrees_with_its_tables() {
    let mut drafts: Vec<PathBuf> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    drafts.push(fixture("real/yunling-2022.ron"));
    assert!(drafts.len() >= 6);
    for path in drafts {
        let mut r = draft::load(&path).unwrap();
        let p = statistics::paragraph(&r, None).unwrap();
        // The prose checks read every figure and share they know back out of it.
        r.texts[0] = p.clone();
        let s8: Vec<String> = validate::validate(&r, None)
            .into_iter()
            .filter(|d| d.rule == "S8" || d.rule == "S19")
            .map(|d| d.message)
            .collect();
        assert!(s8.is_empty(), "{}: {p}\n{s8:#?}", path.display());
        let new = r
            .cell(id(r.template, "t3", "r1", "total"))
            .text()
            .into_owned();
        assert!(
            p.contains(&format!("新收政府信息公开申请{new}件")),
            "{}: {p}",
            path.display()
        );
    }
}

#[test]
fn beside_last_years_report_the_changes_are_written() {
    let this = yunling();
    let t = this.template;
    let mut last = this.clone();
    last.year = 2021;
    // Ten fewer requests from natural persons last year: 77, so 87 is 13% more.
    last.edit_cell(id(t, "t3", "r1", "natural"), "58");
    let p = statistics::paragraph(&this, Some(&last)).unwrap();
    assert!(
        p.contains("新收政府信息公开申请87件，同比增长13%，其中"),
        "{p}"
    );
    assert!(p.contains("行政许可决定1520件，与上年持平，"), "{p}");
    assert!(p.contains("行政复议4件，与上年持平，"), "{p}");
    // The change written is the change the prose check recomputes.
    let mut written = this.clone();
    written.texts[0] = p.clone();
    let prose: Vec<String> = validate::validate(&written, Some(&last))
        .into_iter()
        .filter(|d| d.rule == "S8" || d.rule == "S19")
        .map(|d| d.message)
        .collect();
    assert!(prose.is_empty(), "{prose:#?}");
    // Another year's report is no last year: no change is written.
    last.year = 2019;
    let p = statistics::paragraph(&this, Some(&last)).unwrap();
    assert_eq!(p, YUNLING);
}

#[test]
fn update_rewrites_the_generated_sentences_and_spares_an_edited_one() {
    let mut r = yunling();
    let t = r.template;
    r.texts[0] = "2022年，本局认真贯彻《条例》。".into();
    let w = statistics::write(&mut r).unwrap();
    assert_eq!((w.rewritten, w.kept), (5, 0));
    assert_eq!(
        r.texts[0],
        format!("2022年，本局认真贯彻《条例》。\n{YUNLING}")
    );
    assert!(statistics::stale(&r).is_empty());
    // A new request and a new 予以公开 answer: two sentences state old figures.
    r.edit_cell(id(t, "t3", "r1", "natural"), "69");
    r.edit_cell(id(t, "t3", "o1", "natural"), "32");
    let stale = statistics::stale(&r);
    assert_eq!(stale.len(), 2, "{stale:#?}");
    // The validator says so too (the command line's `validate` among others).
    let s20: Vec<String> = validate::validate(&r, None)
        .into_iter()
        .filter(|d| d.rule == "S20")
        .map(|d| d.message)
        .collect();
    assert_eq!(s20.len(), 2, "{s20:#?}");
    assert!(s20[0].contains(&stale[0].1), "{}", s20[0]);
    // The user rewrote the outcomes sentence in their own words; it stays.
    let own = "本年度办结的申请中，予以公开的占四成以上。";
    r.texts[0] = r.texts[0].replacen(&stale[1].0, own, 1);
    let w = statistics::write(&mut r).unwrap();
    assert_eq!((w.rewritten, w.kept), (1, 1));
    assert!(r.texts[0].contains("新收政府信息公开申请88件，其中自然人提出69件"));
    assert!(r.texts[0].contains(own));
    assert!(statistics::stale(&r).is_empty());
    assert!(!validate::validate(&r, None).iter().any(|d| d.rule == "S20"));
    // Saved and read back (draft format 6), the sentences are still the program's.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.nianbao");
    draft::save(&r, &path).unwrap();
    assert_eq!(draft::load(&path).unwrap().statistics, r.statistics);
}

#[test]
fn an_empty_report_has_no_paragraph_and_says_why() {
    let r = Report::for_year("测试局", 2025);
    let e = statistics::paragraph(&r, None).unwrap_err();
    assert_eq!(e.to_string(), "表格尚未填写，无法生成统计段落");
}

#[test]
fn the_cli_prints_the_same_paragraph_and_the_changes_against_a_word_report() {
    let run = nianbao;
    let dir = tempfile::tempdir().unwrap();
    let this = fixture("real/yunling-2022.ron");
    let o = run(&["paragraph", this.to_str().unwrap()], dir.path());
    assert!(o.status.success(), "{o:?}");
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim_end(), YUNLING);
    // Last year's report as published (Word), read on the fly.
    let t = yunling().template;
    let mut last = yunling();
    last.year = 2021;
    last.edit_cell(id(t, "t3", "r1", "natural"), "58");
    draft::save(&last, &dir.path().join("2021.nianbao")).unwrap();
    let o = run(
        &["export", "2021.nianbao", "--docx", "2021.docx"],
        dir.path(),
    );
    assert!(o.status.success(), "{o:?}");
    let o = run(
        &[
            "paragraph",
            this.to_str().unwrap(),
            "--previous",
            "2021.docx",
        ],
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("申请87件，同比增长13%，其中"), "{out}");
    // An empty draft: the reason, exit code 1.
    draft::save(
        &Report::for_year("测试局", 2025),
        &dir.path().join("empty.nianbao"),
    )
    .unwrap();
    let o = run(&["paragraph", "empty.nianbao"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("表格尚未填写"));
}
