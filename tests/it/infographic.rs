//! The 图解 (一图读懂): its words read back from the SVG and the PDF, its PNG's pixels,
//! the change against last year, both formats, `nianbao export --infographic`, and the
//! preview in the window.

use std::path::Path;

use crate::common::{app_harness, balanced, bare_app, fill_path_dialog, fixture, id, nianbao, t19};
use egui_kittest::kittest::Queryable;
use nianbao::export::infographic::{self as graphic, Format, NoGraphic, Scene};
use nianbao::export::pdf::fonts::Metrics;
use nianbao::export::pdf::{Embedding, FontSet};
use nianbao::model::{Report, draft};
use nianbao::template::def::GraphicPartDef;

fn yunling() -> Report {
    draft::load(&fixture("real/yunling-2022.ron")).unwrap()
}

fn scene(r: &Report, last: Option<&Report>) -> Result<Scene, NoGraphic> {
    let fonts = FontSet::default();
    let m = Metrics::new(&fonts).unwrap();
    graphic::layout(r, last, &m)
}

/// The words of an SVG's `<text>` elements, in order.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

/// Figures written by hand from the tables of yunling-2022-nianbao.pdf (as in
/// `statistics.rs`): (label drawn, figure as the report writes it).
const FIGURES: &[(&str, &str)] = &[
    ("制发规章", "1"),
    ("制发行政规范性文件", "12"),
    ("现行有效行政规范性文件", "46"),
    ("行政许可决定", "1520"),
    ("行政处罚决定", "347"),
    ("行政强制决定", "28"),
    ("行政事业性收费", "56.38"),
    ("本年新收申请", "87"),
    ("上年结转", "8"),
    ("本年办结", "91"),
    ("结转下年度继续办理", "4"),
    ("自然人提出", "68"),
    ("法人或其他组织提出", "19"),
    ("行政复议", "4"),
    ("行政诉讼", "4"),
];

/// The outcome bars, each "figure件  share of 91" (shares computed by hand).
const OUTCOMES: &[&str] = &[
    "40件  43.96%",
    "6件  6.59%",
    "12件  13.19%",
    "19件  20.88%",
    "10件  10.99%",
    "4件  4.4%",
];

#[test]
fn the_svg_states_every_figure_of_a_real_report_as_text() {
    let r = yunling();
    let s = scene(&r, None).unwrap();
    let svg = graphic::svg::to_svg(&s, &FontSet::default());
    let root = roxmltree::Document::parse(&svg).unwrap();
    let width: f32 = root
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    assert!(width >= 750.0);
    let texts = svg_texts(&svg);
    assert!(texts.contains(&r.agency));
    assert!(texts.contains(&"2022年政府信息公开工作年度报告".to_string()));
    assert!(texts.contains(&"一图读懂".to_string()));
    // Each figure's number comes right before its unit and then its label.
    for (label, figure) in FIGURES {
        let at = texts
            .iter()
            .position(|t| t == label)
            .unwrap_or_else(|| panic!("{label} not drawn: {texts:?}"));
        assert_eq!(&texts[at - 2], figure, "{label}");
    }
    for bar in OUTCOMES {
        assert!(texts.iter().any(|t| t == bar), "{bar} not in {texts:?}");
    }
    // 复议 2/1/0/1 of 4; 诉讼 (direct 1/0/0/1, after 1/1/0/0) 2/1/0/1 of 4.
    let review: Vec<&String> = texts.iter().filter(|t| t.ends_with('%')).skip(6).collect();
    assert_eq!(
        review,
        [
            "2件  50%",
            "1件  25%",
            "0件  0%",
            "1件  25%",
            "2件  50%",
            "1件  25%",
            "0件  0%",
            "1件  25%"
        ]
    );
    // Every label the format's data names is drawn, verbatim.
    let def = r.template.infographic.as_ref().unwrap();
    for block in &def.blocks {
        assert!(texts.contains(&block.title));
        for part in &block.parts {
            if let GraphicPartDef::Bars { caption, items, .. } = part {
                assert!(texts.contains(caption));
                for i in items {
                    assert!(texts.contains(&i.label), "{}", i.label);
                }
            }
        }
    }
    // Figures without thousands separators, as the report writes them.
    assert!(texts.iter().all(|t| !t.contains(',')), "{texts:?}");
    // No change is claimed without last year's report.
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("同比") && !t.contains("上年的"))
    );
}

#[test]
fn the_pdfs_words_read_back() {
    let r = yunling();
    let s = scene(&r, None).unwrap();
    let pdf = graphic::pdf::to_pdf(&s, &Embedding::new(&FontSet::default()).unwrap());
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let text: String = text.split_whitespace().collect();
    for word in [
        r.agency.as_str(),
        "一图读懂",
        "1520",
        "56.38万元",
        "40件43.96%",
        "行政诉讼结果",
        "数据来源",
    ] {
        assert!(text.contains(word), "{word} not in {text}");
    }
}

#[test]
fn the_png_is_wide_enough_and_its_words_are_drawn() {
    let r = yunling();
    let s = scene(&r, None).unwrap();
    let bytes = graphic::png::to_png(&s, &FontSet::default(), graphic::png::SCALE).unwrap();
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    assert!(img.width() >= 750, "{} px", img.width());
    assert_eq!(img.width() as f32, s.width * graphic::png::SCALE);
    assert_eq!(
        img.height() as f32,
        (s.height * graphic::png::SCALE).round()
    );
    // The header band is the red of the palette.
    let p = img.get_pixel(4, 4).0;
    assert!(p[0] > 150 && p[1] < 60 && p[2] < 60, "{p:?}");
    // The agency's name is white strokes on that band: within its box some pixels are
    // white and some red, and none of the box is the page's plain white beyond them.
    let name = s.texts().find(|t| t.text == r.agency).unwrap();
    let k = graphic::png::SCALE;
    let (x0, x1) = (
        (name.left() * k) as u32,
        ((name.left() + name.width) * k) as u32,
    );
    let (y0, y1) = (
        ((name.baseline - name.size * 0.8) * k) as u32,
        (name.baseline * k) as u32,
    );
    let (mut white, mut red) = (0, 0);
    for y in y0..y1 {
        for x in x0..x1 {
            let [r, g, b] = img.get_pixel(x, y).0;
            if r > 230 && g > 230 && b > 230 {
                white += 1;
            } else if r > 150 && g < 60 {
                red += 1;
            }
        }
    }
    let area = (x1 - x0) * (y1 - y0);
    assert!(
        white > area / 20 && red > area / 3,
        "{white} white, {red} red of {area}"
    );
    // The bar of 予以公开 (40 of 91) is red across 44 % of its track and not beyond.
    let bar_y = s
        .texts()
        .find(|t| t.text == "予以公开")
        .map(|t| t.baseline - 7.0)
        .unwrap();
    let row: Vec<bool> = (0..img.width())
        .map(|x| {
            let [r, g, _] = img.get_pixel(x, (bar_y * k) as u32).0;
            r > 140 && g < 60
        })
        .collect();
    let filled = row.iter().filter(|&&red| red).count() as f32;
    let track = 330.0 * k;
    assert!(
        (filled / track - 40.0 / 91.0).abs() < 0.02,
        "{filled} of {track}"
    );
}

fn set(r: &mut Report, cell: (&str, &str, &str), v: &str) {
    let c = id(r.template, cell.0, cell.1, cell.2);
    r.edit_cell(c, v);
}

#[test]
fn changes_against_last_year_are_drawn_under_the_figures() {
    let this = yunling();
    let mut last = yunling();
    last.year = 2021;
    set(&mut last, ("t3", "r1", "natural"), "81");
    set(&mut last, ("t3", "r1", "total"), "100"); // 87 now: 下降13%
    set(&mut last, ("t2", "license", "decisions"), "100"); // 1520 now: 15.2 times
    set(&mut last, ("t2", "penalty", "decisions"), "300"); // 347 now: 增长15.7%
    let texts: Vec<String> = scene(&this, Some(&last))
        .unwrap()
        .texts()
        .map(|t| t.text.clone())
        .collect();
    let after = |label: &str| {
        let at = texts.iter().position(|t| t == label).unwrap();
        texts[at + 1].clone()
    };
    assert_eq!(after("本年新收申请"), "同比下降13%");
    assert_eq!(after("行政许可决定"), "为上年的15倍");
    assert_eq!(after("行政处罚决定"), "同比增长15.7%");
    assert_eq!(after("本年办结"), "与上年持平");

    // Another agency's report, or one of another year, changes nothing.
    for other in [
        {
            let mut o = last.clone();
            o.agency = "别的局".into();
            o
        },
        {
            let mut o = last.clone();
            o.year = 2019;
            o
        },
    ] {
        let s = scene(&this, Some(&other)).unwrap();
        assert!(
            s.texts()
                .all(|t| !t.text.contains("同比") && !t.text.contains("上年的")),
            "compared with {} {}",
            other.agency,
            other.year
        );
    }
}

#[test]
fn the_2019_format_draws_its_own_figures() {
    let r = balanced(t19(), 2020);
    let texts: Vec<String> = scene(&r, None)
        .unwrap()
        .texts()
        .map(|t| t.text.clone())
        .collect();
    for label in ["新制作规章", "新公开规范性文件", "办理结果", "行政复议结果"]
    {
        assert!(texts.iter().any(|t| t == label), "{label}: {texts:?}");
    }
    // The 2019 format asks for no fee amount.
    assert!(!texts.iter().any(|t| t == "行政事业性收费"));
}

#[test]
fn figures_not_filled_in_are_dashes_and_an_empty_report_has_no_picture() {
    let mut r = yunling();
    for col in ["issued", "repealed", "in_force"] {
        set(&mut r, ("t2", "normative", col), "");
    }
    let s = scene(&r, None).unwrap();
    assert_eq!(s.blank, ["制发行政规范性文件", "现行有效行政规范性文件"]);
    let texts: Vec<&str> = s.texts().map(|t| t.text.as_str()).collect();
    let at = texts
        .iter()
        .position(|t| *t == "制发行政规范性文件")
        .unwrap();
    // No unit after a dash.
    assert_eq!(texts[at - 1], "—");

    let empty = Report::for_year("测试局", 2025);
    assert_eq!(scene(&empty, None), Err(NoGraphic::EmptyTables));
}

#[test]
fn export_writes_the_picture_in_the_format_its_name_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let draft = fixture("real/yunling-2022.ron");
    let draft = draft.to_str().unwrap();
    let out = nianbao(&["export", draft, "--infographic", "图解.svg"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(dir.path().join("图解.svg")).unwrap();
    assert!(svg_texts(&svg).contains(&"1520".to_string()));

    let out = nianbao(&["export", draft, "--infographic", "图解.png"], dir.path());
    assert!(out.status.success());
    let png = image::open(dir.path().join("图解.png")).unwrap();
    assert!(png.width() >= 750);

    let out = nianbao(&["export", draft, "--infographic", "图解.bmp"], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("图解的文件名须以 .png、.svg 或 .pdf 结尾"),
        "{err}"
    );
    assert!(!dir.path().join("图解.bmp").exists());
    assert_eq!(Format::of_path(Path::new("a.PDF")), Some(Format::Pdf));
}

#[test]
fn the_window_previews_the_picture_then_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_harness(bare_app().with_report(yunling(), None));
    h.run();
    h.get_by_label("导出").click();
    h.run();
    h.get_by_label("图解（一图读懂）…").click();
    h.run();
    h.get_by_label_contains("图解预览：");
    h.get_by_label("保存为 SVG…").click();
    h.run();
    let path = dir.path().join("云岭图解.svg");
    fill_path_dialog(&mut h, &path, "保存");
    h.run();
    let svg = std::fs::read_to_string(&path).unwrap();
    let texts = svg_texts(&svg);
    assert!(texts.contains(&"43.96%".to_string()) || texts.iter().any(|t| t.ends_with("43.96%")));
    assert!(
        h.state().status().contains("已导出图解"),
        "{}",
        h.state().status()
    );
}
