//! 打印预览 and the print dialog: the preview paints the PDF's own pages, and the window
//! prints only when 打印 is pressed (through a recording print backend).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{balanced, id, t21};
use egui::accesskit::{Role, Toggled};
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nianbao::export::pdf::layout::{self, Origin};
use nianbao::export::pdf::{self, Role as FontRole, WATERMARK};
use nianbao::model::{Report, draft};
use nianbao::print::{Job, PrintBackend, PrinterInfo, PrinterState, Printout, Sides};
use nianbao::ui::doc::{Doc, EditGroup};
use nianbao::ui::pdf_fonts::PdfSettings;
use nianbao::ui::preview::{Preview, ProblemKind, Zoom, problems};
use nianbao::ui::view::Target;
use nianbao::ui::{Config, NianbaoApp, setup_context};

// ----- the preview paints the PDF's pages ------------------------------------------------

fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "{v:?}");
    v
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Alone {
    preview: Preview,
    doc: Doc,
    pdf: PdfSettings,
}

fn preview_harness(r: Report) -> Harness<'static, Alone> {
    let state = Alone {
        preview: Preview::default(),
        doc: Doc::new(r, None, true),
        pdf: PdfSettings::default(),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 900.0))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(
            |ui, s: &mut Alone| {
                s.preview.ui(ui, &s.doc, &mut s.pdf);
            },
            state,
        );
    h.run();
    h
}

#[test]
fn every_page_painted_is_the_pdf_page() {
    for path in fixtures() {
        let mut h = preview_harness(draft::load(&path).unwrap());
        // What the PDF writer lays out and writes for the open report (totals a file
        // leaves blank are filled in when it is opened).
        let opts = PdfSettings::default().options().unwrap();
        let r = &h.state().doc.report;
        let laid = pdf::pages(r, &opts).unwrap();
        let bytes = pdf::export(r, &opts).unwrap();
        let pdf_pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
        assert_eq!(pdf_pages.len(), laid.pages.len(), "{}", path.display());
        let shown = h.state().preview.document().expect("laid out").clone();
        assert!(
            shown == laid,
            "{}: the preview's layout differs",
            path.display()
        );
        assert_eq!(h.state().preview.page_count(), pdf_pages.len());
        for (n, page) in laid.pages.iter().enumerate() {
            h.state_mut().preview.page = n;
            h.run();
            let (painted_page, painted) = h.state().preview.painted().expect("painted");
            assert_eq!(painted_page, n);
            let runs: Vec<String> = page.runs.iter().map(|r| r.text.clone()).collect();
            assert_eq!(painted, runs, "{} page {}", path.display(), n + 1);
            // And the PDF's page n holds that text, in that order.
            let mut text = squash(&pdf_pages[n]);
            if laid.watermark {
                text = text
                    .strip_suffix(&squash(WATERMARK))
                    .expect("watermark last")
                    .to_string();
            }
            assert_eq!(
                text,
                squash(&runs.concat()),
                "{} page {}",
                path.display(),
                n + 1
            );
        }
        // The layout passed its own keep rules: nothing to flag.
        assert!(
            h.state().preview.problems().is_empty(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn idle_frames_reuse_the_layout_and_edits_lay_out_again() {
    let mut h = preview_harness(balanced(t21(), 2025));
    let before = h.state().preview.layouts;
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(
        h.state().preview.layouts,
        before,
        "idle frames laid out again"
    );
    let s = h.state_mut();
    s.doc.report.texts[0] = "本年度新增的一段话，预览应当立即显示。".into();
    s.doc.commit(EditGroup::Text(0));
    s.preview.page = 0;
    h.run();
    assert_eq!(h.state().preview.layouts, before + 1);
    let (_, painted) = h.state().preview.painted().unwrap();
    assert!(
        squash(&painted.concat()).contains("本年度新增的一段话"),
        "{painted:?}"
    );
    // Two-sided page numbers are a new layout too, with the same pages.
    let n = h.state().preview.page_count();
    h.state_mut().pdf.two_sided = true;
    h.run();
    assert_eq!(h.state().preview.layouts, before + 2);
    assert_eq!(h.state().preview.page_count(), n);
}

fn run(text: &str, role: FontRole, baseline: f32, origin: Option<Origin>) -> layout::Run {
    layout::Run {
        role,
        size: 16.0,
        x: 80.0,
        baseline,
        spacing: 0.0,
        text: text.into(),
        origin,
    }
}

#[test]
fn a_heading_at_the_foot_and_a_lone_signature_are_flagged() {
    let number = |n: usize| run(&format!("— {n} —"), FontRole::Body, 800.0, None);
    let doc = layout::Document {
        pages: vec![
            layout::Page {
                runs: vec![
                    run("正文", FontRole::Body, 200.0, Some(Origin::Text(0, 0..6))),
                    run(
                        "二、主动公开",
                        FontRole::Heading,
                        700.0,
                        Some(Origin::Heading(1)),
                    ),
                    number(1),
                ],
                ..Default::default()
            },
            layout::Page {
                runs: vec![
                    run("正文", FontRole::Body, 150.0, Some(Origin::Text(1, 0..6))),
                    number(2),
                ],
                ..Default::default()
            },
            layout::Page {
                runs: vec![
                    run("某某局", FontRole::Body, 150.0, Some(Origin::Signature)),
                    run(
                        "2026年1月20日",
                        FontRole::Body,
                        179.0,
                        Some(Origin::Signature),
                    ),
                    number(3),
                ],
                ..Default::default()
            },
        ],
        title: String::new(),
        author: String::new(),
        watermark: false,
    };
    let found = problems(&doc);
    let kinds: Vec<(usize, ProblemKind)> = found.iter().map(|p| (p.page, p.kind)).collect();
    assert_eq!(
        kinds,
        [
            (0, ProblemKind::HeadingAtFoot),
            (2, ProblemKind::SignatureAlone)
        ]
    );
    assert!(found[0].top < 700.0 && found[0].bottom > 700.0);
}

// ----- the window: Ctrl+P, paging, the print dialog --------------------------------------

/// A job handed to the print system, with the PDF it was given.
type Sent = (Job, Vec<u8>);

/// Records what the window asks of the print system.
#[derive(Clone)]
struct Recorder {
    calls: Arc<Mutex<Vec<String>>>,
    jobs: Arc<Mutex<Vec<Sent>>>,
    printers: Option<Vec<PrinterInfo>>,
    /// Refuse every job with this reason.
    refuse: Option<String>,
}

impl Recorder {
    fn with_printers() -> Recorder {
        let p = |name: &str, is_default| PrinterInfo {
            name: name.into(),
            is_default,
            state: Some(PrinterState::Idle),
        };
        Recorder {
            calls: Default::default(),
            jobs: Default::default(),
            printers: Some(vec![p("Office", true), p("PDF", false)]),
            refuse: None,
        }
    }

    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
}

impl PrintBackend for Recorder {
    fn printers(&self) -> Option<Vec<PrinterInfo>> {
        self.calls.lock().unwrap().push("printers".into());
        self.printers.clone()
    }
    fn duplex(&self, printer: &str) -> bool {
        self.calls.lock().unwrap().push(format!("duplex {printer}"));
        printer == "Office"
    }
    fn submit(&self, out: &Printout, job: &Job) -> Result<Option<String>, String> {
        self.calls.lock().unwrap().push("submit".into());
        if let Some(why) = &self.refuse {
            return Err(why.clone());
        }
        let bytes = std::fs::read(out.pdf).map_err(|e| e.to_string())?;
        self.jobs.lock().unwrap().push((job.clone(), bytes));
        Ok(Some("Office-7".into()))
    }
    fn open_in_viewer(&self, file: &Path) -> Result<(), String> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("open {}", file.display()));
        Ok(())
    }
}

fn app_harness(r: Report, rec: &Recorder) -> Harness<'static, NianbaoApp> {
    app_harness_dt(r, rec, 0.25)
}

/// With frames `dt` seconds apart (kittest's default, a quarter second, is longer than a
/// double click may take; it feeds each press and release to its own frame).
fn app_harness_dt(r: Report, rec: &Recorder, dt: f32) -> Harness<'static, NianbaoApp> {
    let config = Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::from_secs(2),
    };
    let app = NianbaoApp::new(config, vec![], None)
        .with_report(r, None)
        .with_print_backend(Box::new(rec.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_max_steps(60)
        .with_step_dt(dt)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.ui(ui), app);
    h.run();
    h
}

fn printed(rec: &Recorder) -> bool {
    rec.calls()
        .iter()
        .any(|c| c == "submit" || c.starts_with("open"))
}

#[test]
fn ctrl_p_opens_the_preview_and_the_keys_turn_pages() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    let n = h
        .state()
        .preview
        .as_ref()
        .expect("preview open")
        .page_count();
    assert!(n >= 3, "{n}");
    h.get_by_label(&format!("第 1 页 / 共 {n} 页"));
    h.key_press(Key::PageDown);
    h.run();
    h.get_by_label(&format!("第 2 页 / 共 {n} 页"));
    h.key_press(Key::End);
    h.run();
    h.get_by_label(&format!("第 {n} 页 / 共 {n} 页"));
    h.key_press(Key::PageUp);
    h.run();
    h.get_by_label(&format!("第 {} 页 / 共 {n} 页", n - 1));
    h.key_press(Key::Home);
    h.run();
    h.get_by_label(&format!("第 1 页 / 共 {n} 页"));
    h.get_by_role_and_label(Role::Button, "下一页").click();
    h.run();
    h.get_by_label(&format!("第 2 页 / 共 {n} 页"));
    // A thumbnail per page.
    h.get_by_role_and_label(Role::Button, "第 1 页").click();
    h.run();
    h.get_by_label(&format!("第 1 页 / 共 {n} 页"));
    h.get_by_role_and_label(Role::Button, &format!("第 {n} 页"));
    for zoom in ["适合宽度", "适合页面", "100%"] {
        h.get_by_label(zoom);
    }
    assert!(!printed(&rec), "opening the preview printed");
    h.get_by_role_and_label(Role::Button, "关闭预览").click();
    h.run();
    assert!(h.state().preview.is_none());
}

/// Opens the print dialog from the preview.
fn open_print_dialog(h: &mut Harness<'_, NianbaoApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    // The toolbar's and the preview's 打印… do the same.
    h.get_all_by_role_and_label(Role::Button, "打印…")
        .last()
        .unwrap()
        .click();
    h.run();
}

/// In the open print dialog: 页码范围 chosen, `range` typed, 打印 pressed.
fn print_range(h: &mut Harness<'_, NianbaoApp>, range: &str) {
    h.get_by_role_and_label(Role::RadioButton, "页码范围")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "页码范围").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "页码范围")
        .type_text(range);
    h.run();
    h.get_by_role_and_label(Role::Button, "打印").click();
    h.run();
}

#[test]
fn the_print_dialog_has_its_fields_and_cancel_prints_nothing() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    // Ctrl+P opens the preview; in the preview, Ctrl+P opens the dialog.
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(!h.state().modal_open());
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(h.state().modal_open());
    // The default printer is preselected; it prints on both sides, so 双面打印 is on.
    assert_eq!(
        h.get_by_label("打印机").value().as_deref(),
        Some("Office（默认）")
    );
    h.get_by_label("份数");
    h.get_by_label_contains("全部（共");
    h.get_by_role_and_label(Role::RadioButton, "页码范围");
    h.get_by_role_and_label(Role::TextInput, "页码范围");
    assert_eq!(
        h.get_by_label("双面打印").accesskit_node().toggled(),
        Some(Toggled::True)
    );
    h.get_by_role_and_label(Role::Button, "打印");
    h.get_by_role_and_label(Role::Button, "取消").click();
    h.run();
    assert!(!h.state().modal_open());
    assert!(!printed(&rec), "{:?}", rec.calls());
    assert!(rec.calls().contains(&"duplex Office".to_string()));
}

#[test]
fn print_sends_the_chosen_job_and_shows_its_id() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    open_print_dialog(&mut h);
    print_range(&mut h, "2-3");
    let jobs = rec.jobs.lock().unwrap().clone();
    assert_eq!(jobs.len(), 1, "{:?}", rec.calls());
    let (job, bytes) = &jobs[0];
    assert_eq!(job.printer.as_deref(), Some("Office"));
    assert_eq!(job.copies, 1);
    assert_eq!(job.pages.as_ref().unwrap().to_cups(), "2-3");
    assert_eq!(job.sides, Sides::TwoSidedLongEdge);
    assert!(bytes.starts_with(b"%PDF"));
    // The outcome, with the job id, stays in the dialog until closed.
    assert!(h.get_all_by_label_contains("任务号 Office-7").count() >= 1);
    h.get_by_role_and_label(Role::Button, "关闭").click();
    h.run();
    assert!(!h.state().modal_open());
    assert!(h.state().status().contains("Office-7"));
}

#[test]
fn the_printer_printed_to_last_is_preselected() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    open_print_dialog(&mut h);
    h.get_by_label("打印机").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "PDF").click();
    h.run();
    // PDF does not print on both sides: 双面打印 follows the printer.
    assert_eq!(
        h.get_by_label("双面打印").accesskit_node().toggled(),
        Some(Toggled::False)
    );
    h.get_by_role_and_label(Role::Button, "打印").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "关闭").click();
    h.run();
    assert_eq!(
        rec.jobs.lock().unwrap()[0].0.printer.as_deref(),
        Some("PDF")
    );
    // Next time: PDF again, not the system default.
    h.get_all_by_role_and_label(Role::Button, "打印…")
        .last()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.get_by_label("打印机").value().as_deref(), Some("PDF"));
}

#[test]
fn the_page_shown_in_the_preview_can_be_printed_alone() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    h.key_press(Key::PageDown);
    h.run();
    h.key_press(Key::PageDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "当前页（第 3 页）")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "打印").click();
    h.run();
    let jobs = rec.jobs.lock().unwrap().clone();
    assert_eq!(jobs.len(), 1, "{:?}", rec.calls());
    assert_eq!(jobs[0].0.pages.as_ref().unwrap().to_cups(), "3");
}

#[test]
fn a_refused_job_keeps_the_dialog_open_with_the_reason() {
    let mut rec = Recorder::with_printers();
    rec.refuse = Some("打印服务拒绝了任务：The printer is not accepting jobs.".into());
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    open_print_dialog(&mut h);
    h.get_by_role_and_label(Role::Button, "打印").click();
    h.run();
    // In the dialog and in the status bar.
    assert_eq!(
        h.get_all_by_label_contains("The printer is not accepting jobs.")
            .count(),
        2
    );
    // Still open, to pick another printer and try again.
    assert!(h.state().modal_open());
    h.get_by_role_and_label(Role::Button, "打印");
    assert!(h.state().status().contains("打印失败"));
}

#[test]
fn a_range_past_the_end_is_refused_in_the_dialog() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    open_print_dialog(&mut h);
    print_range(&mut h, "1-99");
    h.get_by_label_contains("超出了文档的页数");
    assert!(!printed(&rec));
}

#[test]
fn without_a_print_system_the_pdf_opens_in_the_viewer() {
    let mut rec = Recorder::with_printers();
    rec.printers = None;
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    open_print_dialog(&mut h);
    h.get_by_label_contains("用默认 PDF 阅读器打开");
    assert!(!printed(&rec));
    h.get_by_role_and_label(Role::Button, "打印").click();
    h.run();
    let calls = rec.calls();
    assert!(calls.iter().any(|c| c.starts_with("open ")), "{calls:?}");
    assert!(!calls.contains(&"submit".to_string()));
}

#[test]
fn a_failing_report_is_confirmed_before_the_print_dialog() {
    let rec = Recorder::with_printers();
    let mut r = balanced(t21(), 2025);
    let c = id(t21(), "t3", "r1", "natural");
    r.set_input(c, "999999");
    let mut h = app_harness(r, &rec);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    // The preview says so and shows the watermark.
    h.get_by_label_contains("每页带“草稿 · 校验未通过”水印");
    assert!(
        h.state()
            .preview
            .as_ref()
            .unwrap()
            .document()
            .unwrap()
            .watermark
    );
    // The toolbar's and the preview's 打印… do the same.
    h.get_all_by_role_and_label(Role::Button, "打印…")
        .last()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("报告未通过勾稽校验");
    assert!(
        h.query_by_label("份数").is_none(),
        "print dialog before the question"
    );
    h.get_by_role_and_label(Role::Button, "仍然打印（带水印）")
        .click();
    h.run();
    h.get_by_label("份数");
    h.get_by_role_and_label(Role::Button, "取消").click();
    h.run();
    assert!(!printed(&rec));
}

#[test]
fn a_missing_date_is_asked_before_the_print_dialog() {
    let rec = Recorder::with_printers();
    let mut r = balanced(t21(), 2025);
    r.publish_date = None;
    let mut h = app_harness(r, &rec);
    // The toolbar's and the preview's 打印… do the same.
    h.get_all_by_role_and_label(Role::Button, "打印…")
        .last()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("没有成文日期");
    h.get_by_role_and_label(Role::Button, "不填日期，仍然打印")
        .click();
    h.run();
    h.get_by_label("份数");
    assert!(!printed(&rec));
}

/// A double click at `pos` (screen points).
fn double_click(h: &mut Harness<'_, NianbaoApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.step();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
    }
    h.run();
}

#[test]
fn double_clicking_a_cell_on_the_page_goes_to_it_in_the_form() {
    let rec = Recorder::with_printers();
    let t = t21();
    let c = id(t, "t3", "r1", "natural");
    let mut h = app_harness_dt(balanced(t, 2025), &rec, 1.0 / 30.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    let preview = h.state().preview.as_ref().unwrap();
    let doc = preview.document().unwrap();
    let (page, area) = doc
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            p.areas
                .iter()
                .find(|a| a.origin == Origin::Cell(c))
                .map(|a| (i, a.clone()))
        })
        .expect("cell on a page");
    // The whole page in the window, so the spot is on screen.
    h.state_mut().preview.as_mut().unwrap().page = page;
    h.state_mut().preview.as_mut().unwrap().zoom = Zoom::FitPage;
    h.run();
    let p = h.state().preview.as_ref().unwrap();
    let rect = p.page_rect.expect("page drawn");
    let at = rect.min + egui::vec2((area.x1 + area.x2) / 2.0, (area.y1 + area.y2) / 2.0) * p.scale;
    assert!(rect.contains(at));
    double_click(&mut h, at);
    assert!(h.state().preview.is_none(), "the preview closed");
    let label = t.cell_label(c);
    assert!(h.get_by_label(&label).is_focused());
}

#[test]
fn the_section_list_leads_from_the_preview_to_the_form() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(h.state().preview.is_some());
    h.get_all_by_label("四、政府信息公开行政复议、行政诉讼情况")
        .next()
        .unwrap()
        .click();
    h.run();
    assert!(h.state().preview.is_none());
    assert_eq!(h.state().vs.current_section, Some(3));
}

#[test]
fn a_paragraph_on_the_page_leads_to_its_text() {
    let rec = Recorder::with_printers();
    let mut h = app_harness_dt(balanced(t21(), 2025), &rec, 1.0 / 30.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    let p = h.state().preview.as_ref().unwrap();
    let doc = p.document().unwrap().clone();
    // The first line of section 一's text.
    let (page, run) = doc
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, pg)| {
            pg.runs
                .iter()
                .find(|r| matches!(r.origin, Some(Origin::Text(0, _))))
                .map(|r| (i, r.clone()))
        })
        .unwrap();
    let Some(Origin::Text(0, range)) = p.origin_at(page, run.x + 5.0, run.baseline - 5.0).cloned()
    else {
        panic!("no text under the first line");
    };
    let report = &h.state().doc.as_ref().unwrap().report;
    assert!(squash(&report.texts[0][range]).starts_with(&squash(&run.text)));
    // And the window goes there.
    let mut h2 = h;
    h2.state_mut().preview.as_mut().unwrap().page = page;
    h2.state_mut().preview.as_mut().unwrap().zoom = Zoom::FitPage;
    h2.run();
    let p = h2.state().preview.as_ref().unwrap();
    let at = p.page_rect.unwrap().min + egui::vec2(run.x + 5.0, run.baseline - 5.0) * p.scale;
    double_click(&mut h2, at);
    assert!(h2.state().preview.is_none());
    assert_eq!(h2.state().vs.goto, None::<Target>);
    assert_eq!(
        h2.ctx.memory(|m| m.focused()),
        Some(nianbao::ui::view::text_id(0))
    );
}

#[test]
fn two_sided_page_numbers_from_the_export_menu_show_in_the_preview() {
    let rec = Recorder::with_printers();
    let mut h = app_harness(balanced(t21(), 2025), &rec);
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_label("双面打印页码").click();
    h.run();
    assert!(h.state().pdf.two_sided);
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert_eq!(
        h.get_by_label("双面页码").accesskit_node().toggled(),
        Some(Toggled::True)
    );
    let doc = h.state().preview.as_ref().unwrap().document().unwrap();
    // Page numbers are the runs without an origin: right on odd pages, left on even.
    let x = |p: &layout::Page| p.runs.iter().find(|r| r.origin.is_none()).unwrap().x;
    assert!(x(&doc.pages[0]) > x(&doc.pages[1]) + 200.0);
    assert!(x(&doc.pages[2]) > x(&doc.pages[1]) + 200.0);
}
