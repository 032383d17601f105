//! The 图解 (一图读懂): the tables' figures as one tall picture for the portal and its
//! WeChat account.
//!
//! The format's `infographic` data says what is drawn (no label is named here);
//! [`layout`] places it as a [`Scene`] of boxes, bars, arrows and measured text, which
//! [`svg`], [`pdf`] and [`png`] write and the app's preview paints through [`paint`]:
//! one layout, every output the same picture.

pub mod paint;
pub mod pdf;
pub mod png;
pub mod svg;

use crate::export::pdf::fonts::{Metrics, Role};
use crate::export::pdf::{Embedding, FontSet};
use crate::model::Report;
use crate::model::last_year::{LastYear, change_words, times};
use crate::model::statistics::Figures;
use crate::template::def::{GraphicFigureDef, GraphicPartDef, InfographicDef};

/// Width of the picture in CSS pixels: a WeChat article's image width.
pub const WIDTH: f32 = 750.0;
const MARGIN: f32 = 40.0;
const INNER: f32 = WIDTH - 2.0 * MARGIN;
const GAP: f32 = 16.0;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

// A restrained palette: the red of official documents, warm greys, ink.
const RED: Rgb = Rgb(0xA8, 0x1D, 0x22);
const PALE: Rgb = Rgb(0xF3, 0xDC, 0xD0);
const PAPER: Rgb = Rgb(0xF8, 0xF4, 0xEE);
const TRACK: Rgb = Rgb(0xEC, 0xE4, 0xDA);
const INK: Rgb = Rgb(0x22, 0x22, 0x22);
const GREY: Rgb = Rgb(0x6B, 0x66, 0x60);
const SLATE: Rgb = Rgb(0x3E, 0x5C, 0x76);
pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

/// Where a text's `x` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A line of text at a baseline, its width measured with the faces it is drawn in.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub role: Role,
    pub color: Rgb,
    pub anchor: Anchor,
    pub text: String,
    pub width: f32,
}

impl Text {
    /// x of the text's left end.
    pub fn left(&self) -> f32 {
        match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - self.width / 2.0,
            Anchor::End => self.x - self.width,
        }
    }
}

/// What is drawn, in CSS pixels from the picture's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        fill: Rgb,
    },
    /// A filled convex shape (arrow heads).
    Polygon {
        points: Vec<[f32; 2]>,
        fill: Rgb,
    },
    Text(Text),
}

/// The laid-out picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
    /// The document title (PDF metadata, SVG `<title>`).
    pub title: String,
    /// Labels of the figures drawn as "—": none of their cells is filled in.
    pub blank: Vec<String>,
}

impl Scene {
    /// The texts, top to bottom as laid out.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// What the picture is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Pdf,
}

impl Format {
    /// The format a file's extension names.
    pub fn of_path(p: &std::path::Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        [Format::Png, Format::Svg, Format::Pdf]
            .into_iter()
            .find(|f| f.extension() == ext)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
        }
    }

    /// The picture in this format, its texts in `fonts`.
    pub fn write(self, scene: &Scene, fonts: &FontSet) -> Result<Vec<u8>, String> {
        match self {
            Format::Png => png::to_png(scene, fonts, png::SCALE).map_err(|e| e.to_string()),
            Format::Svg => Ok(svg::to_svg(scene, fonts).into_bytes()),
            Format::Pdf => {
                let faces = Embedding::new(fonts).map_err(|e| e.to_string())?;
                Ok(pdf::to_pdf(scene, &faces))
            }
        }
    }
}

/// Why no picture can be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoGraphic {
    #[error("该格式没有图解的版式")]
    NoLayout,
    #[error("表格尚未填写，无法生成图解")]
    EmptyTables,
}

/// The picture of `r` beside its own last year's report, measured with `fonts`: what the
/// window, the CLI and the tests draw.
pub fn draw(r: &Report, fonts: &FontSet) -> Result<Scene, String> {
    let m = Metrics::new(fonts)?;
    layout(r, r.previous.as_deref(), &m).map_err(|e| e.to_string())
}

/// The picture of `r`, with the change against `last` (last year's report of this
/// agency; another's or another year's is ignored) where it is known.
pub fn layout(r: &Report, last: Option<&Report>, m: &Metrics) -> Result<Scene, NoGraphic> {
    let def = r.template.infographic.as_ref().ok_or(NoGraphic::NoLayout)?;
    let last = last.and_then(|p| LastYear::of(r, p).ok());
    let fig = Figures::of(r, last.as_ref()).ok_or(NoGraphic::NoLayout)?;
    if figures(def).all(|f| fig.is_empty(f)) {
        return Err(NoGraphic::EmptyTables);
    }
    let title = format!("{}{}年政府信息公开工作年度报告", r.agency, r.year);
    let mut p = Painter {
        m,
        fig: &fig,
        items: Vec::new(),
        blank: Vec::new(),
        // Room under each figure for its change when there is last year's to change from.
        card_h: if last.is_some() { 132.0 } else { 110.0 },
    };
    let mut y = p.header(r);
    for block in &def.blocks {
        y = p.heading(&block.title, y);
        for part in &block.parts {
            y = match part {
                GraphicPartDef::Figures(items) => p.cards(items, y),
                GraphicPartDef::Flow { into, out } => p.flow(into, out, y),
                GraphicPartDef::Bars {
                    caption,
                    whole,
                    items,
                    none,
                } => p.bars(caption, whole, items, none, y),
            } + GAP;
        }
        y += 20.0;
    }
    let source = def
        .source
        .replace("{agency}", &r.agency)
        .replace("{year}", &r.year.to_string());
    y = p.footer(&source, y);
    Ok(Scene {
        width: WIDTH,
        height: y,
        items: p.items,
        title: format!("{title}（图解）"),
        blank: p.blank,
    })
}

/// Every figure id the picture draws.
fn figures(def: &InfographicDef) -> impl Iterator<Item = &str> {
    def.blocks
        .iter()
        .flat_map(|b| &b.parts)
        .flat_map(|part| -> Vec<&str> {
            match part {
                GraphicPartDef::Figures(f) => f.iter().map(|f| f.figure.as_str()).collect(),
                GraphicPartDef::Flow { into, out } => {
                    into.iter().chain(out).map(|f| f.figure.as_str()).collect()
                }
                GraphicPartDef::Bars { whole, items, .. } => std::iter::once(whole.as_str())
                    .chain(items.iter().map(|f| f.figure.as_str()))
                    .collect(),
            }
        })
}

struct Painter<'a> {
    m: &'a Metrics<'a>,
    fig: &'a Figures<'a>,
    items: Vec<Item>,
    blank: Vec<String>,
    card_h: f32,
}

impl Painter<'_> {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, radius: f32, fill: Rgb) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            radius,
            fill,
        });
    }

    /// A figure as the report writes it; a dash while none of its cells is filled in
    /// (an empty cell is not drawn as a 0 it does not say).
    fn written(&self, id: &str) -> String {
        if self.fig.is_empty(id) {
            "—".into()
        } else {
            self.fig.written(id)
        }
    }

    /// Text at `size`, made smaller until it fits `max` wide; returns its width.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        s: &str,
        role: Role,
        size: f32,
        color: Rgb,
        anchor: Anchor,
        x: f32,
        baseline: f32,
        max: f32,
    ) -> f32 {
        if s.is_empty() {
            return 0.0;
        }
        let (size, width) = self.fit(s, role, size, max);
        self.items.push(Item::Text(Text {
            x,
            baseline,
            size,
            role,
            color,
            anchor,
            text: s.to_string(),
            width,
        }));
        width
    }

    /// The size at most `size` at which `s` is at most `max` wide, and its width then.
    fn fit(&self, s: &str, role: Role, size: f32, max: f32) -> (f32, f32) {
        let w = self.m.width(role, size, 0.0, s);
        if w <= max || w <= 0.0 {
            (size, w)
        } else {
            (size * max / w, max)
        }
    }

    fn header(&mut self, r: &Report) -> f32 {
        self.rect(0.0, 0.0, WIDTH, 250.0, 0.0, RED);
        let c = WIDTH / 2.0;
        self.text(
            &r.agency,
            Role::Heading,
            30.0,
            WHITE,
            Anchor::Middle,
            c,
            82.0,
            INNER,
        );
        self.text(
            &format!("{}年政府信息公开工作年度报告", r.year),
            Role::Title,
            36.0,
            WHITE,
            Anchor::Middle,
            c,
            142.0,
            INNER,
        );
        // 一图读懂 on a pale band.
        self.rect(c - 90.0, 172.0, 180.0, 44.0, 22.0, PALE);
        self.text(
            "一图读懂",
            Role::Heading,
            24.0,
            RED,
            Anchor::Middle,
            c,
            203.0,
            160.0,
        );
        290.0
    }

    fn heading(&mut self, title: &str, y: f32) -> f32 {
        self.rect(MARGIN, y, 8.0, 30.0, 2.0, RED);
        self.text(
            title,
            Role::Heading,
            26.0,
            INK,
            Anchor::Start,
            MARGIN + 20.0,
            y + 25.0,
            INNER - 20.0,
        );
        self.rect(MARGIN, y + 42.0, INNER, 1.5, 0.0, TRACK);
        y + 62.0
    }

    /// The change against last year under a figure, centred at `c`: an arrow and the
    /// words ("增长13%"), or "与上年持平".
    fn change(&mut self, id: &str, c: f32, baseline: f32, max: f32) {
        let Some((now, then)) = self.fig.value(id).zip(self.fig.last_value(id)) else {
            return;
        };
        // Nothing then and nothing now says nothing.
        if now == 0.0 && then == 0.0 {
            return;
        }
        let Some(words) = change_words(now, then) else {
            return;
        };
        let up = words.starts_with("增长");
        let down = words.starts_with("下降");
        let color = if down { SLATE } else { GREY };
        let label = if now >= then * 10.0 {
            // "增长1263.6%" is read more easily as a multiple.
            format!("为上年的{}倍", times(now / then))
        } else if up || down {
            format!("同比{words}")
        } else {
            words
        };
        let (size, w) = self.fit(&label, Role::Body, 16.0, max - 18.0);
        let arrow = if up || down { 16.0 } else { 0.0 };
        let left = c - (w + arrow) / 2.0;
        if up || down {
            let (tip, base) = if up {
                (baseline - 13.0, baseline - 1.0)
            } else {
                (baseline - 1.0, baseline - 13.0)
            };
            let fill = if up { RED } else { SLATE };
            self.items.push(Item::Polygon {
                points: vec![[left + 6.0, tip], [left + 12.0, base], [left, base]],
                fill,
            });
        }
        self.text(
            &label,
            Role::Body,
            size,
            color,
            Anchor::Start,
            left + arrow,
            baseline,
            w,
        );
    }

    /// A figure in a box: the number large with its unit, its label under it, the change
    /// under that.
    fn card(&mut self, f: &GraphicFigureDef, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        self.rect(x, y, w, h, 8.0, fill);
        let c = x + w / 2.0;
        let number = self.written(&f.figure);
        let unit = if self.fig.is_empty(&f.figure) {
            self.blank.push(f.label.clone());
            ""
        } else {
            f.unit.as_str()
        };
        let (size, nw) = self.fit(&number, Role::Title, 44.0, w - 60.0);
        let unit_w = self.m.width(Role::Body, 18.0, 0.0, unit) + 4.0;
        let left = c - (nw + unit_w) / 2.0;
        // The number ends where the unit begins, in whatever face a viewer of the SVG
        // substitutes for digits.
        self.text(
            &number,
            Role::Title,
            size,
            RED,
            Anchor::End,
            left + nw,
            y + 56.0,
            nw,
        );
        self.text(
            unit,
            Role::Body,
            18.0,
            GREY,
            Anchor::Start,
            left + nw + 4.0,
            y + 56.0,
            unit_w,
        );
        self.text(
            &f.label,
            Role::Body,
            19.0,
            INK,
            Anchor::Middle,
            c,
            y + 88.0,
            w - 16.0,
        );
        self.change(&f.figure, c, y + 116.0, w - 12.0);
    }

    fn cards(&mut self, items: &[GraphicFigureDef], y: f32) -> f32 {
        let n = items.len().max(1) as f32;
        let w = (INNER - (n - 1.0) * GAP) / n;
        for (i, f) in items.iter().enumerate() {
            let x = MARGIN + i as f32 * (w + GAP);
            self.card(f, x, y, w, self.card_h, PAPER);
        }
        y + self.card_h
    }

    /// What came in, stacked at the left, an arrow, and where it went at the right.
    fn flow(&mut self, into: &[GraphicFigureDef], out: &[GraphicFigureDef], y: f32) -> f32 {
        let w = 250.0;
        let h = self.card_h;
        let column = |n: usize| n as f32 * h + n.saturating_sub(1) as f32 * GAP;
        let height = column(into.len()).max(column(out.len()));
        for (side, items) in [(MARGIN, into), (WIDTH - MARGIN - w, out)] {
            let top = y + (height - column(items.len())) / 2.0;
            for (i, f) in items.iter().enumerate() {
                let fill = if side == MARGIN { PAPER } else { PALE };
                self.card(f, side, top + i as f32 * (h + GAP), w, h, fill);
            }
        }
        // A broad arrow between the columns.
        let (x1, x2) = (MARGIN + w + 22.0, WIDTH - MARGIN - w - 22.0);
        let mid = y + height / 2.0;
        let head = 30.0;
        // Shaft and head apart: every polygon of the scene is convex (egui fills no other).
        self.rect(x1, mid - 12.0, x2 - head - x1 + 1.0, 24.0, 0.0, RED);
        self.items.push(Item::Polygon {
            points: vec![[x2 - head, mid - 30.0], [x2, mid], [x2 - head, mid + 30.0]],
            fill: RED,
        });
        y + height
    }

    fn bars(
        &mut self,
        caption: &str,
        whole: &str,
        items: &[GraphicFigureDef],
        none: &str,
        y: f32,
    ) -> f32 {
        self.text(
            caption,
            Role::Heading,
            21.0,
            INK,
            Anchor::Start,
            MARGIN,
            y + 22.0,
            INNER,
        );
        let mut y = y + 40.0;
        let total = self.fig.value(whole).unwrap_or(0.0);
        if total <= 0.0 {
            self.text(
                none,
                Role::Body,
                18.0,
                GREY,
                Anchor::Start,
                MARGIN,
                y + 22.0,
                INNER,
            );
            return y + 34.0;
        }
        let (label_w, track_x, track_w) = (150.0, MARGIN + 158.0, 330.0);
        for f in items {
            let v = self.fig.value(&f.figure).unwrap_or(0.0);
            if self.fig.is_empty(&f.figure) {
                self.blank.push(f.label.clone());
            }
            self.text(
                &f.label,
                Role::Body,
                19.0,
                INK,
                Anchor::Start,
                MARGIN,
                y + 21.0,
                label_w,
            );
            self.rect(track_x, y + 4.0, track_w, 22.0, 4.0, TRACK);
            let share = (v / total).clamp(0.0, 1.0) as f32;
            if share > 0.0 {
                self.rect(track_x, y + 4.0, (track_w * share).max(4.0), 22.0, 4.0, RED);
            }
            let label = format!(
                "{}{}  {}",
                self.written(&f.figure),
                f.unit,
                crate::model::statistics::share(v, total)
            );
            self.text(
                &label,
                Role::Body,
                18.0,
                INK,
                Anchor::Start,
                track_x + track_w + 12.0,
                y + 21.0,
                WIDTH - MARGIN - track_x - track_w - 12.0,
            );
            y += 38.0;
        }
        y
    }

    fn footer(&mut self, source: &str, y: f32) -> f32 {
        self.rect(MARGIN, y, INNER, 1.5, 0.0, TRACK);
        self.text(
            source,
            Role::Body,
            17.0,
            GREY,
            Anchor::Middle,
            WIDTH / 2.0,
            y + 40.0,
            INNER,
        );
        y + 70.0
    }
}

/// The outline of a rectangle with rounded corners, each a quarter circle in `steps`
/// segments (for writers without rounded rectangles).
pub fn rounded(x: f32, y: f32, w: f32, h: f32, radius: f32, steps: usize) -> Vec<[f32; 2]> {
    let r = radius.min(w / 2.0).min(h / 2.0);
    if r <= 0.0 {
        return vec![[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
    }
    let corners = [
        (x + w - r, y + r, -90.0f32),
        (x + w - r, y + h - r, 0.0),
        (x + r, y + h - r, 90.0),
        (x + r, y + r, 180.0),
    ];
    let mut out = Vec::with_capacity(4 * (steps + 1));
    for (cx, cy, start) in corners {
        for i in 0..=steps {
            let a = (start + 90.0 * i as f32 / steps as f32).to_radians();
            out.push([cx + r * a.cos(), cy + r * a.sin()]);
        }
    }
    out
}
