//! Hand-written expectations for the real test documents in tests/fixtures/real/: the
//! values as the documents print them, read off the documents, never copied from the
//! importer's output.
#![allow(dead_code)]

use chrono::NaiveDate;
use nianbao::import::{Imported, NoteLevel};
use nianbao::model::{Cell, Report};

pub const T3_COLUMNS: [&str; 7] = [
    "natural",
    "commercial",
    "research",
    "public_welfare",
    "legal_service",
    "other",
    "total",
];

pub const T3_ROWS: [&str; 25] = [
    "r1", "r2", "o1", "o2", "o3_1", "o3_2", "o3_3", "o3_4", "o3_5", "o3_6", "o3_7", "o3_8", "o4_1",
    "o4_2", "o4_3", "o5_1", "o5_2", "o5_3", "o5_4", "o5_5", "o6_1", "o6_2", "o6_3", "total", "r4",
];

pub const T4_COLUMNS: [&str; 15] = [
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "direct_upheld",
    "direct_corrected",
    "direct_other",
    "direct_pending",
    "direct_total",
    "after_upheld",
    "after_corrected",
    "after_other",
    "after_pending",
    "after_total",
];

/// A 2021-format report's tables as printed: table 二 by (row, column, value), table 三 as
/// 25 rows of 7 values in [`T3_ROWS`] order, table 四 as its 15 values.
pub struct Tables {
    pub t2: [(&'static str, &'static str, &'static str); 10],
    pub t3: [[i64; 7]; 25],
    pub t4: [i64; 15],
}

/// Every cell of tables 二, 三 and 四 that differs from the expected value.
pub fn cell_differences(r: &Report, want: &Tables) -> Vec<String> {
    let t = r.template;
    let mut d = Vec::new();
    let mut check = |table: &str, row: &str, col: &str, want: Cell| {
        let id = t
            .cell_id(table, row, col)
            .unwrap_or_else(|| panic!("{table}/{row}/{col}"));
        let got = r.cell(id);
        if *got != want {
            d.push(format!("{}: got {got:?}, want {want:?}", t.cell_label(id)));
        }
    };
    for (row, col, v) in want.t2 {
        let cell = if v.contains('.') {
            Cell::Amount(v.to_string())
        } else {
            Cell::Int(v.parse().unwrap())
        };
        check("t2", row, col, cell);
    }
    for (row, values) in T3_ROWS.iter().zip(&want.t3) {
        for (col, v) in T3_COLUMNS.iter().zip(values) {
            check("t3", row, col, Cell::Int(*v));
        }
    }
    for (col, v) in T4_COLUMNS.iter().zip(&want.t4) {
        check("t4", "cases", col, Cell::Int(*v));
    }
    d
}

/// Notes that ask the user to act.
pub fn warnings(imported: &Imported) -> Vec<String> {
    imported
        .notes
        .iter()
        .filter(|n| n.level == NoteLevel::Warning)
        .map(|n| n.to_string())
        .collect()
}

/// tests/fixtures/real/filled-2021.docx (and its conversions): the official template
/// filled in by scripts/fill-docx-template.py.
pub const FILLED_2021: Tables = Tables {
    t2: [
        ("rules", "issued", "2"),
        ("rules", "repealed", "1"),
        ("rules", "in_force", "15"),
        ("normative", "issued", "5"),
        ("normative", "repealed", "2"),
        ("normative", "in_force", "38"),
        ("license", "decisions", "356"),
        ("penalty", "decisions", "87"),
        ("enforcement", "decisions", "12"),
        ("fees", "amount", "1.2345"),
    ],
    t3: [
        [12, 3, 1, 0, 2, 1, 19],
        [2, 1, 0, 0, 0, 0, 3],
        [5, 2, 1, 0, 0, 0, 8],
        [2, 1, 0, 0, 0, 0, 3],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 1, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 1, 0, 3],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 1, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [13, 4, 1, 0, 1, 1, 20],
        [1, 0, 0, 0, 1, 0, 2],
    ],
    t4: [2, 1, 0, 1, 4, 1, 0, 1, 0, 2, 0, 1, 0, 1, 2],
};

/// Checks everything the filled template prints.
pub fn filled_2021(imported: &Imported) {
    let r = &imported.report;
    assert_eq!(r.template.id, "gov-info-annual-2021");
    assert_eq!(r.agency, "江宁市生态环境局");
    assert_eq!(r.year, 2022);
    assert_eq!(r.publish_date, NaiveDate::from_ymd_opt(2023, 1, 18));
    assert_eq!(r.header.address, "江宁市建设路18号");
    assert_eq!(r.header.postcode, "211100");
    assert_eq!(r.header.phone, "025-52101234");
    assert!(
        r.header_text
            .starts_with("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"),
        "{}",
        r.header_text
    );
    assert!(r.header_text.ends_with("电话：025-52101234）。"));
    let diff = cell_differences(r, &FILLED_2021);
    assert!(diff.is_empty(), "{}", diff.join("\n"));
    let s1 = &r.texts[0];
    assert!(
        s1.starts_with(
            "2022年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，"
        ),
        "{s1}"
    );
    assert!(s1.contains("\n（二）依申请公开。全年新收政府信息公开申请19件，上年结转3件"));
    assert!(
        s1.ends_with(
            "（五）监督保障。将政府信息公开工作纳入年度绩效考核，全年未发生责任追究情况。"
        )
    );
    assert_eq!(s1.lines().count(), 6);
    assert_eq!(
        r.texts[4],
        "存在的主要问题：一是部分科室对主动公开的时效性重视不够；二是政策解读形式较为单一。\n\
         改进措施：一是建立信息发布提醒机制；二是增加图解、视频等解读形式。"
    );
    assert_eq!(
        r.texts[5],
        "本年度未收取信息处理费。\n我局认真办理人大代表建议和政协提案，办理结果均已在门户网站公开。"
    );
    // Every section, cell, name and date was found: nothing for the user to fix.
    let w = warnings(imported);
    assert!(w.is_empty(), "{w:#?}");
}

/// tests/fixtures/real/portal-gbk-2023.html: a county portal's article page made by
/// scripts/make-portal-page.py.
pub const PORTAL_2023: Tables = Tables {
    t2: [
        ("rules", "issued", "0"),
        ("rules", "repealed", "0"),
        ("rules", "in_force", "0"),
        ("normative", "issued", "3"),
        ("normative", "repealed", "1"),
        ("normative", "in_force", "12"),
        ("license", "decisions", "1268"),
        ("penalty", "decisions", "245"),
        ("enforcement", "decisions", "6"),
        ("fees", "amount", "36.5"),
    ],
    t3: [
        [25, 4, 0, 1, 3, 0, 33],
        [1, 0, 0, 0, 0, 0, 1],
        [10, 1, 0, 1, 1, 0, 13],
        [3, 0, 0, 0, 1, 0, 4],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [4, 1, 0, 0, 1, 0, 6],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 1, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [24, 3, 0, 1, 3, 0, 31],
        [2, 1, 0, 0, 0, 0, 3],
    ],
    t4: [1, 0, 0, 0, 1, 0, 1, 0, 1, 2, 0, 0, 0, 0, 0],
};

pub fn portal_2023(imported: &Imported) {
    let r = &imported.report;
    assert_eq!(r.template.id, "gov-info-annual-2021");
    assert_eq!(r.agency, "青山县交通运输局");
    assert_eq!(r.year, 2023);
    assert_eq!(r.publish_date, NaiveDate::from_ymd_opt(2024, 1, 20));
    assert_eq!(r.header.address, "青山县人民路56号");
    assert_eq!(r.header.postcode, "411300");
    assert_eq!(r.header.phone, "0731-58812345");
    // The article's own first paragraph, none of the portal's lines before it.
    assert!(
        r.header_text
            .starts_with("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定"),
        "{}",
        r.header_text
    );
    assert_eq!(r.header_text.lines().count(), 1, "{}", r.header_text);
    let diff = cell_differences(r, &PORTAL_2023);
    assert!(diff.is_empty(), "{}", diff.join("\n"));
    assert_eq!(
        r.texts[0],
        "2023年，我局认真贯彻落实《条例》和上级关于政务公开工作的部署，围绕交通运输中心工作，不断加大政府信息公开力度。\n\
         （一）主动公开。全年主动公开政府信息326条，其中行政许可信息1268条（含不公开的处理决定）。\n\
         （二）依申请公开。全年新收政府信息公开申请33件，均按时答复。"
    );
    assert_eq!(
        r.texts[4],
        "一是政策解读的针对性还不够强；二是依申请公开答复的规范化水平有待提高。下一步，我局将加强业务培训，规范答复文书。"
    );
    // The footer, share bar and attachment list after the signature are not section 六.
    assert_eq!(r.texts[5], "本年度未收取信息处理费。");
    let w = warnings(imported);
    assert!(w.is_empty(), "{w:#?}");
}
