//! The bundled CJK font, so every label renders the same on every machine.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// One copy of the face in the binary, shared with the PDF's 黑体 substitute.
use crate::export::pdf::fonts::noto_sans_sc;

const NAME: &str = "noto-sans-cjk-sc";

/// Installs the CJK face first in the proportional family (otherwise “”·… take the Latin
/// shapes of egui's default font) and as a fallback for monospace.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// egui's default fonts with the CJK face added.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        NAME.to_owned(),
        Arc::new(FontData::from_static(noto_sans_sc())),
    );
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, NAME.to_owned());
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push(NAME.to_owned());
    fonts
}

pub use crate::export::pdf::fonts::egui_family as pdf_family;

/// Installs the PDF's faces as font families, so a print preview paints with the faces
/// the PDF embeds. Takes effect at the next pass.
pub fn install_pdf_faces(ctx: &egui::Context, set: &crate::export::pdf::FontSet, set_key: u64) {
    let mut fonts = definitions();
    crate::export::pdf::fonts::add_egui_faces(&mut fonts, set, set_key);
    ctx.set_fonts(fonts);
}
