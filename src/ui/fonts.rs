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

/// The family that paints `role` of the PDF faces `set` (see [`install_pdf_faces`]).
pub fn pdf_family(set_key: u64, role: crate::export::pdf::Role) -> egui::FontFamily {
    FontFamily::Name(format!("pdf-{role:?}-{set_key:x}").into())
}

/// Installs the PDF's faces as font families, so a print preview paints with the faces
/// the PDF embeds. Each family falls back to the interface face, as the PDF writer cannot
/// but a screen can. Takes effect at the next pass.
pub fn install_pdf_faces(ctx: &egui::Context, set: &crate::export::pdf::FontSet, set_key: u64) {
    use crate::export::pdf::Role;
    use std::borrow::Cow;
    let mut fonts = definitions();
    let fallback = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for role in [Role::Title, Role::Body, Role::Heading] {
        let s = set.get(role);
        let name = format!("pdf-face-{role:?}-{set_key:x}");
        let mut data = match &s.data {
            Cow::Borrowed(b) => FontData::from_static(b),
            Cow::Owned(v) => FontData::from_owned(v.clone()),
        };
        data.index = s.index;
        fonts.font_data.insert(name.clone(), Arc::new(data));
        let mut chain = vec![name];
        chain.extend(fallback.iter().cloned());
        fonts.families.insert(pdf_family(set_key, role), chain);
    }
    ctx.set_fonts(fonts);
}
