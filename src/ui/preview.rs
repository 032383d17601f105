//! 打印预览: the report's pages as the PDF and the printer get them, painted with egui from
//! the very page layout the PDF writer uses ([`crate::export::pdf::pages`]) and with the
//! same faces, registered as egui font families.
//!
//! The layout is kept until the report, the faces or the page-number placement change, and
//! the painted text (one galley per run) until the page or the zoom changes, so an idle
//! frame only hands the same shapes to egui again.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{
    Color32, FontId, Galley, Key, Modifiers, Rect, RichText, Sense, Shape, Stroke, TextureHandle,
    Ui, pos2, vec2,
};

use super::doc::Doc;
use super::fonts::{install_pdf_faces, pdf_family};
use super::pdf_fonts::PdfSettings;
use super::view::Target;
use crate::export::pdf::layout::{self, Origin, PAGE_H, PAGE_W};
pub use crate::export::pdf::layout::{Problem, ProblemKind, problems};
use crate::export::pdf::{Role, WATERMARK};
use crate::validate::Field;

/// On screen, 1 pt is 96/72 points at 100 % (a point of the page is 1/72 inch, a point
/// of the screen 1/96).
const ACTUAL: f32 = 96.0 / 72.0;
/// Thumbnails' width in points.
const THUMB_W: f32 = 110.0;

/// How large the page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    #[default]
    FitWidth,
    FitPage,
    /// 100 %: real size.
    Actual,
}

/// Where in the form a part of the page leads.
pub fn target_of(doc: &Doc, o: &Origin) -> Target {
    let t = doc.report.template;
    match o {
        Origin::Title => Target::Field(Field::Agency),
        Origin::Header(r) => Target::HeaderText(Some(r.clone())),
        Origin::Heading(s) => Target::Section(*s),
        Origin::Text(s, r) => Target::Text(*s, Some(r.clone())),
        Origin::Note(ti, _) | Origin::Table(ti) => Target::Section(t.tables[*ti].section),
        Origin::Cell(c) => Target::Cell(*c),
        Origin::Signature => Target::Field(Field::PublishDate),
    }
}

/// What the preview asks the window to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewAnswer {
    /// Open the print dialog.
    Print,
    Close,
    /// Close the preview and go to this place in the form.
    Goto(Target),
}

/// The laid-out pages and what is derived from them.
struct Laid {
    key: u64,
    doc: layout::Document,
    problems: Vec<Problem>,
    /// Width in pt of every run, per page (for hit-testing and thumbnails).
    widths: Vec<Vec<f32>>,
    /// Key of the faces the families are named after.
    faces: u64,
}

/// The text of one page, ready to paint at one scale.
struct Painted {
    laid: u64,
    page: usize,
    scale: f32,
    pixels_per_point: f32,
    /// Offset of each galley from the page's top-left corner.
    runs: Vec<(egui::Vec2, Arc<Galley>)>,
    watermark: Option<(egui::Vec2, Arc<Galley>)>,
}

/// The preview's state.
#[derive(Default)]
pub struct Preview {
    pub zoom: Zoom,
    /// Page shown, from 0.
    pub page: usize,
    laid: Option<Laid>,
    painted: Option<Painted>,
    thumbs: Vec<TextureHandle>,
    /// Faces installed as egui families (their key).
    installed: Option<u64>,
    error: Option<String>,
    /// Layout key that failed with `error` (not retried every frame).
    error_key: Option<u64>,
    /// Where the page was drawn last frame (for tests that click on it).
    pub page_rect: Option<Rect>,
    /// Scale of the page drawn last frame (screen points per pt).
    pub scale: f32,
    /// How many times the report was laid out (the layout is cached between frames).
    pub layouts: usize,
    /// A dialog is in front: the paging keys and Esc are its.
    pub blocked: bool,
}

impl Preview {
    /// The pages shown, as laid out for the PDF.
    pub fn document(&self) -> Option<&layout::Document> {
        self.laid.as_ref().map(|l| &l.doc)
    }

    pub fn page_count(&self) -> usize {
        self.laid.as_ref().map_or(0, |l| l.doc.pages.len())
    }

    pub fn problems(&self) -> &[Problem] {
        self.laid.as_ref().map_or(&[], |l| &l.problems)
    }

    /// What the last frame painted on the page shown: its number (from 0) and the text of
    /// every galley, in the order painted (the watermark not included).
    pub fn painted(&self) -> Option<(usize, Vec<String>)> {
        let p = self.painted.as_ref()?;
        Some((
            p.page,
            p.runs.iter().map(|(_, g)| g.text().to_string()).collect(),
        ))
    }

    /// Where a point of page `page` (pt from its top-left corner) leads in the form.
    pub fn origin_at(&self, page: usize, x: f32, y: f32) -> Option<&Origin> {
        let l = self.laid.as_ref()?;
        let p = l.doc.pages.get(page)?;
        let widths = &l.widths[page];
        let run = p.runs.iter().zip(widths).find(|(r, w)| {
            r.origin.is_some()
                && x >= r.x
                && x <= r.x + **w
                && y >= r.baseline - r.size * 1.1
                && y <= r.baseline + r.size * 0.5
        });
        if let Some((r, _)) = run {
            return r.origin.as_ref();
        }
        p.areas
            .iter()
            .find(|a| x >= a.x1 && x <= a.x2 && y >= a.y1 && y <= a.y2)
            .map(|a| &a.origin)
    }

    /// Lays the report out again if it, the faces or the page numbers changed.
    fn refresh(&mut self, ctx: &egui::Context, doc: &Doc, pdf: &PdfSettings) {
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            doc.version.hash(&mut h);
            pdf.key().hash(&mut h);
            h.finish()
        };
        if self.laid.as_ref().is_some_and(|l| l.key == key) || self.error_key == Some(key) {
            return;
        }
        let result = pdf.options().and_then(|opts| {
            let d = crate::export::pdf::pages(&doc.report, &opts)?;
            let m = crate::export::pdf::fonts::Metrics::new(&opts.fonts)
                .map_err(|e| anyhow::anyhow!(e))?;
            let widths: Vec<Vec<f32>> = d
                .pages
                .iter()
                .map(|p| {
                    p.runs
                        .iter()
                        .map(|r| m.width(r.role, r.size, r.spacing, &r.text))
                        .collect()
                })
                .collect();
            Ok((d, widths, face_key(&opts.fonts), opts.fonts))
        });
        self.layouts += 1;
        match result {
            Ok((d, widths, faces, set)) => {
                if self.installed != Some(faces) {
                    install_pdf_faces(ctx, &set, faces);
                    self.installed = Some(faces);
                }
                self.thumbs = d
                    .pages
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (p, w))| {
                        ctx.load_texture(
                            format!("preview-thumb-{i}"),
                            thumbnail(p, w.as_slice()),
                            egui::TextureOptions::LINEAR,
                        )
                    })
                    .collect();
                self.page = self.page.min(d.pages.len().saturating_sub(1));
                self.laid = Some(Laid {
                    key,
                    problems: problems(&d),
                    doc: d,
                    widths,
                    faces,
                });
                self.painted = None;
                self.error = None;
                self.error_key = None;
            }
            Err(e) => {
                self.error = Some(format!("无法排版：{e:#}"));
                self.error_key = Some(key);
            }
        }
    }

    /// Draws the preview of `doc` with the PDF settings `pdf`.
    pub fn ui(&mut self, ui: &mut Ui, doc: &Doc, pdf: &mut PdfSettings) -> Option<PreviewAnswer> {
        self.refresh(ui.ctx(), doc, pdf);
        let mut answer = None;
        let n = self.page_count();
        // Paging keys, unless a text field has the keyboard.
        if !self.blocked && !ui.ctx().egui_wants_keyboard_input() && n > 0 {
            ui.input_mut(|i| {
                let last = n - 1;
                if i.consume_key(Modifiers::NONE, Key::PageDown) {
                    self.page = (self.page + 1).min(last);
                }
                if i.consume_key(Modifiers::NONE, Key::PageUp) {
                    self.page = self.page.saturating_sub(1);
                }
                if i.consume_key(Modifiers::NONE, Key::Home) {
                    self.page = 0;
                }
                if i.consume_key(Modifiers::NONE, Key::End) {
                    self.page = last;
                }
                if i.consume_key(Modifiers::NONE, Key::Escape) {
                    answer = Some(PreviewAnswer::Close);
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(RichText::new("打印…").strong())
                .on_hover_text("选择打印机、份数和页码后打印（Ctrl+P）")
                .clicked()
            {
                answer = Some(PreviewAnswer::Print);
            }
            if ui
                .button("关闭预览")
                .on_hover_text("回到编辑（Esc）")
                .clicked()
            {
                answer = Some(PreviewAnswer::Close);
            }
            ui.separator();
            if ui
                .add_enabled(self.page > 0, egui::Button::new("上一页"))
                .on_hover_text("PageUp")
                .clicked()
            {
                self.page -= 1;
            }
            ui.label(format!("第 {} 页 / 共 {n} 页", (self.page + 1).min(n)));
            if ui
                .add_enabled(self.page + 1 < n, egui::Button::new("下一页"))
                .on_hover_text("PageDown")
                .clicked()
            {
                self.page += 1;
            }
            ui.separator();
            ui.selectable_value(&mut self.zoom, Zoom::FitWidth, "适合宽度");
            ui.selectable_value(&mut self.zoom, Zoom::FitPage, "适合页面");
            ui.selectable_value(&mut self.zoom, Zoom::Actual, "100%");
            ui.separator();
            ui.checkbox(&mut pdf.two_sided, "双面页码").on_hover_text(
                "双面打印时页码单页居右、双页居左（GB/T 9704）；导出的 PDF 同样排列",
            );
        });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return answer;
        }
        let watermark = self.laid.as_ref().is_some_and(|l| l.doc.watermark);
        let problems = self.problems().to_vec();
        if watermark || !problems.is_empty() {
            let red = ui.visuals().error_fg_color;
            ui.horizontal_wrapped(|ui| {
                if watermark {
                    ui.colored_label(
                        red,
                        "报告未通过勾稽校验：每页带“草稿 · 校验未通过”水印，不能用于签发。",
                    );
                }
                for p in &problems {
                    let text = format!("第 {} 页：{}", p.page + 1, p.kind.message());
                    if ui
                        .add(egui::Button::new(RichText::new(text).color(red)).small())
                        .clicked()
                    {
                        self.page = p.page;
                    }
                }
            });
        }
        ui.separator();
        egui::Panel::left("preview-thumbs")
            .resizable(false)
            .exact_size(THUMB_W + 24.0)
            .show(ui, |ui| self.thumbnails_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(t) = self.page_ui(ui) {
                answer = Some(PreviewAnswer::Goto(target_of(doc, &t)));
            }
        });
        answer
    }

    fn thumbnails_ui(&mut self, ui: &mut Ui) {
        let h = THUMB_W * PAGE_H / PAGE_W;
        let problem_pages: Vec<usize> = self.problems().iter().map(|p| p.page).collect();
        egui::ScrollArea::vertical()
            .id_salt("preview-thumbs")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.add_space(6.0);
                for (i, tex) in self.thumbs.iter().enumerate() {
                    ui.vertical_centered(|ui| {
                        let (rect, r) = ui.allocate_exact_size(vec2(THUMB_W, h), Sense::click());
                        let p = ui.painter();
                        p.image(
                            tex.id(),
                            rect,
                            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                            Color32::WHITE,
                        );
                        let (w, c) = if i == self.page {
                            (2.5, ui.visuals().selection.bg_fill)
                        } else if problem_pages.contains(&i) {
                            (1.5, ui.visuals().error_fg_color)
                        } else {
                            (1.0, Color32::from_gray(160))
                        };
                        p.rect_stroke(rect, 0.0, Stroke::new(w, c), egui::StrokeKind::Outside);
                        let label = format!("第 {} 页", i + 1);
                        let r = r.on_hover_text(&label);
                        r.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                        });
                        if r.clicked() {
                            self.page = i;
                        }
                        ui.small(format!("{}", i + 1));
                    });
                    ui.add_space(6.0);
                }
            });
    }

    /// The page shown; what a double click on it leads to.
    fn page_ui(&mut self, ui: &mut Ui) -> Option<Origin> {
        let Some(laid) = &self.laid else {
            return None;
        };
        if ui.ctx().fonts(|f| {
            !f.definitions()
                .families
                .contains_key(&pdf_family(laid.faces, Role::Body))
        }) {
            // The faces were just installed: they are there from the next pass on.
            ui.label("正在载入字体…");
            ui.ctx().request_repaint();
            return None;
        }
        let avail = ui.available_size();
        let margin = 16.0;
        let scale = match self.zoom {
            Zoom::FitWidth => (avail.x - 2.0 * margin - 14.0) / PAGE_W,
            Zoom::FitPage => {
                ((avail.x - 2.0 * margin) / PAGE_W).min((avail.y - 2.0 * margin) / PAGE_H)
            }
            Zoom::Actual => ACTUAL,
        }
        .max(0.2);
        // Quantised, so a resize by a pixel does not lay every galley out again.
        let scale = (scale * 200.0).round() / 200.0;
        self.scale = scale;
        let ppp = ui.ctx().pixels_per_point();
        let page = self.page;
        let stale = self.painted.as_ref().is_none_or(|p| {
            p.laid != laid.key || p.page != page || p.scale != scale || p.pixels_per_point != ppp
        });
        if stale {
            self.painted = Some(paint(ui, laid, page, scale));
        }
        let painted = self.painted.as_ref().expect("painted above");
        let laid = self.laid.as_ref().expect("checked above");
        let size = vec2(PAGE_W, PAGE_H) * scale;
        let mut clicked = None;
        let mut page_rect = None;
        let blocked = self.blocked;
        egui::ScrollArea::both()
            .id_salt(("preview-page", page))
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.add_space(margin);
                let (rect, r) = ui
                    .horizontal(|ui| {
                        let w = ui.available_width();
                        ui.add_space(((w - size.x) / 2.0).max(margin));
                        ui.allocate_exact_size(size, Sense::click())
                    })
                    .inner;
                ui.add_space(margin);
                page_rect = Some(rect);
                let n = laid.doc.pages.len();
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Image,
                        true,
                        format!("预览第 {} 页（共 {n} 页）", page + 1),
                    )
                });
                let p = ui.painter().with_clip_rect(ui.clip_rect());
                let visible = ui.clip_rect().intersects(rect);
                if visible {
                    draw_page(&p, rect, scale, laid, painted, page);
                }
                if r.double_clicked()
                    && let Some(pos) = r.interact_pointer_pos()
                {
                    clicked = Some((pos - rect.min) / scale);
                }
                if !blocked {
                    r.on_hover_text("双击段落或表格单元格可转到表单中的对应位置");
                }
            });
        self.page_rect = page_rect;
        clicked.and_then(|at| self.origin_at(page, at.x, at.y).cloned())
    }
}

/// A key of the faces, to name their egui families (names and sizes identify them).
fn face_key(set: &crate::export::pdf::FontSet) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for role in [Role::Title, Role::Body, Role::Heading] {
        let s = set.get(role);
        (&s.name, s.data.len(), s.index).hash(&mut h);
    }
    h.finish()
}

/// Lays out every run of `page` as a galley at `scale` (screen points per pt).
fn paint(ui: &Ui, laid: &Laid, page: usize, scale: f32) -> Painted {
    let p = &laid.doc.pages[page];
    let galley = |text: &str, role: Role, size: f32, spacing: f32, color: Color32| {
        let mut job = LayoutJob::single_section(
            text.to_string(),
            TextFormat {
                font_id: FontId::new(size * scale, pdf_family(laid.faces, role)),
                extra_letter_spacing: spacing * scale,
                color,
                ..Default::default()
            },
        );
        job.wrap.max_width = f32::INFINITY;
        ui.painter().layout_job(job)
    };
    // A galley is placed by its top-left corner; the run by its baseline.
    let baseline = |g: &Galley| {
        g.rows
            .first()
            .and_then(|r| r.row.glyphs.first().map(|gl| r.pos.y + gl.pos.y))
            .unwrap_or(0.0)
    };
    let runs = p
        .runs
        .iter()
        .map(|r| {
            let g = galley(&r.text, r.role, r.size, r.spacing, Color32::BLACK);
            let off = vec2(r.x * scale, r.baseline * scale - baseline(&g));
            (off, g)
        })
        .collect();
    let watermark = laid.doc.watermark.then(|| {
        // As the PDF writer places it: from (150, 230) pt above the bottom, turned 45°.
        let g = galley(WATERMARK, Role::Heading, 56.0, 0.0, Color32::from_gray(191));
        let b = baseline(&g);
        let angle = -std::f32::consts::FRAC_PI_4;
        let origin = vec2(150.0, PAGE_H - 230.0) * scale;
        // Up from the baseline to the galley's top, turned with the text.
        let up = vec2(b * angle.sin(), -b * angle.cos());
        (origin + up, g)
    });
    Painted {
        laid: laid.key,
        page,
        scale,
        pixels_per_point: ui.ctx().pixels_per_point(),
        runs,
        watermark,
    }
}

fn draw_page(
    p: &egui::Painter,
    rect: Rect,
    scale: f32,
    laid: &Laid,
    painted: &Painted,
    page: usize,
) {
    // Paper with a shadow, white in either theme.
    p.rect_filled(
        rect.translate(vec2(3.0, 3.0)),
        0.0,
        Color32::from_black_alpha(60),
    );
    p.rect_filled(rect, 0.0, Color32::WHITE);
    let at = |x: f32, y: f32| rect.min + vec2(x, y) * scale;
    let stroke = Stroke::new((0.6 * scale).max(0.5), Color32::BLACK);
    let pg = &laid.doc.pages[page];
    let mut shapes: Vec<Shape> = Vec::with_capacity(pg.rules.len() + painted.runs.len() + 4);
    for r in &pg.rules {
        shapes.push(Shape::line_segment(
            [at(r.x1, r.y1), at(r.x2, r.y2)],
            stroke,
        ));
    }
    for (off, g) in &painted.runs {
        shapes.push(Shape::galley(rect.min + *off, g.clone(), Color32::BLACK));
    }
    if let Some((off, g)) = &painted.watermark {
        shapes.push(Shape::Text(
            egui::epaint::TextShape::new(rect.min + *off, g.clone(), Color32::GRAY)
                .with_angle(-std::f32::consts::FRAC_PI_4),
        ));
    }
    // Problems: a red frame round the lines and the reason in the margin.
    for pr in laid.problems.iter().filter(|pr| pr.page == page) {
        let r = Rect::from_min_max(at(20.0, pr.top - 4.0), at(PAGE_W - 20.0, pr.bottom + 4.0));
        let red = Color32::from_rgb(210, 30, 30);
        shapes.push(Shape::rect_stroke(
            r,
            3.0,
            Stroke::new(2.0, red),
            egui::StrokeKind::Outside,
        ));
        let g = p.layout_no_wrap(
            format!("⚠ {}", pr.kind.message()),
            FontId::proportional(12.0),
            red,
        );
        shapes.push(Shape::galley(
            pos2(r.left(), r.top() - g.size().y - 2.0),
            g,
            red,
        ));
    }
    p.extend(shapes);
}

/// A page in miniature: rules as lines and each run as a grey bar, drawn once per layout
/// into a texture (egui cannot paint legible text that small anyway).
fn thumbnail(p: &layout::Page, widths: &[f32]) -> egui::ColorImage {
    let w = (THUMB_W * 2.0) as usize;
    let h = (w as f32 * PAGE_H / PAGE_W) as usize;
    let s = w as f32 / PAGE_W;
    let mut img = egui::ColorImage::filled([w, h], Color32::WHITE);
    let mut fill = |x1: f32, y1: f32, x2: f32, y2: f32, c: Color32| {
        let (x1, x2) = ((x1 * s) as usize, ((x2 * s).ceil() as usize).min(w));
        let (y1, y2) = ((y1 * s) as usize, ((y2 * s).ceil() as usize).min(h));
        for y in y1..y2.max(y1 + 1).min(h) {
            for x in x1..x2.max(x1 + 1).min(w) {
                img.pixels[y * w + x] = c;
            }
        }
    };
    for r in &p.rules {
        fill(r.x1, r.y1, r.x2, r.y2, Color32::from_gray(90));
    }
    for (r, width) in p.runs.iter().zip(widths) {
        let c = if r.role == Role::Body {
            Color32::from_gray(150)
        } else {
            Color32::from_gray(70)
        };
        fill(
            r.x,
            r.baseline - r.size * 0.75,
            r.x + width,
            r.baseline - r.size * 0.05,
            c,
        );
    }
    img
}
