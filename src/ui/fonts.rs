//! The bundled CJK font, so every label renders the same on every machine.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// One copy of the face in the binary, shared with the PDF's 黑体 substitute.
use crate::export::pdf::fonts::NOTO_SANS_SC;

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
        Arc::new(FontData::from_static(NOTO_SANS_SC)),
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
