//! 导出 → 图解…: the 图解 (一图读懂) previewed as it will be saved, then saved as PNG,
//! SVG or PDF.

use egui::{RichText, Sense, vec2};

use crate::export::infographic::{self as graphic, Format, Scene};
use crate::export::pdf::fonts::Role;
use crate::export::pdf::{FontSet, PdfOptions};
use crate::model::Report;
use crate::model::last_year::LastYear;
use crate::ui::fonts::{install_pdf_faces, pdf_family};

/// Width of the preview on screen, in points.
const PREVIEW_W: f32 = 420.0;

/// The picture laid out once when the dialog opens, with the faces it is drawn in.
pub struct GraphicView {
    scene: Result<Scene, String>,
    fonts: FontSet,
    /// Names the faces' egui families (the print preview's key: they are shared).
    key: u64,
    /// What last year's report does to the picture, if one is set.
    last_year: Option<String>,
}

pub enum GraphicAnswer {
    Save(Format),
    Close,
}

impl GraphicView {
    pub fn new(r: &Report, opts: PdfOptions, key: u64) -> GraphicView {
        let scene = graphic::draw(r, &opts.fonts);
        let last_year = r.previous.as_deref().map(|p| match LastYear::of(r, p) {
            Ok(_) => format!("每项数字下标出与{}年度报告相比的变化", p.year),
            Err(why) => why.message(),
        });
        GraphicView {
            scene,
            fonts: opts.fonts,
            key,
            last_year,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<GraphicAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("infographic")).show(ctx, |ui| {
            ui.set_width(PREVIEW_W + 40.0);
            ui.label(RichText::new("图解（一图读懂）").heading());
            let scene = match &self.scene {
                Ok(s) => s,
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                    if ui.button("关闭").clicked() {
                        answer = Some(GraphicAnswer::Close);
                    }
                    return;
                }
            };
            ui.label(format!(
                "由报告表格中的数字生成，供门户网站和政务新媒体发布。PNG 图片宽 {} 像素。",
                (scene.width * graphic::png::SCALE) as u32
            ));
            if let Some(note) = &self.last_year {
                ui.label(RichText::new(note).weak());
            }
            if !scene.blank.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "以下数字尚未填写，图中以“—”表示：{}",
                        scene.blank.join("、")
                    ),
                );
            }
            ui.add_space(4.0);
            // The buttons above the picture, always in view however long it is.
            ui.horizontal(|ui| {
                for (format, text, hint) in [
                    (Format::Png, "保存为 PNG 图片…", "用于网站和微信公众号"),
                    (Format::Svg, "保存为 SVG…", "矢量图，文字可选中、可检索"),
                    (Format::Pdf, "保存为 PDF…", "单页 PDF，可打印或送审"),
                ] {
                    if ui.button(text).on_hover_text(hint).clicked() {
                        answer = Some(GraphicAnswer::Save(format));
                    }
                }
                if ui.button("关闭").clicked() {
                    answer = Some(GraphicAnswer::Close);
                }
            });
            ui.add_space(6.0);
            // As tall as the window allows (a modal otherwise starts at its content's
            // smallest scrolled height).
            let max_h = (ui.ctx().content_rect().height() - 300.0).max(200.0);
            egui::ScrollArea::vertical()
                .max_height(max_h)
                .min_scrolled_height(max_h)
                .auto_shrink([false, true])
                .show(ui, |ui| self.picture(ui, scene));
        });
        answer
    }

    /// The picture at the preview's width, in the faces it is saved in.
    fn picture(&self, ui: &mut egui::Ui, scene: &Scene) {
        let scale = PREVIEW_W / scene.width;
        let (rect, response) =
            ui.allocate_exact_size(vec2(scene.width, scene.height) * scale, Sense::hover());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Image,
                true,
                format!("图解预览：{}", scene.title),
            )
        });
        let installed = ui
            .ctx()
            .fonts(|f| f.families().contains(&pdf_family(self.key, Role::Body)));
        if !installed {
            // Takes effect at the next pass.
            install_pdf_faces(ui.ctx(), &self.fonts, self.key);
            ui.ctx().request_repaint();
            return;
        }
        let painter = ui.painter_at(rect);
        let shapes = graphic::paint::shapes(scene, rect.min, scale, self.key, true, &mut |job| {
            painter.layout_job(job)
        });
        painter.extend(shapes);
    }
}
