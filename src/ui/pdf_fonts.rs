//! The "PDF 字体" menu: the faces of the PDF per role (title, body, headings).

use egui::{RichText, Ui};

use crate::export::pdf::fonts::{self, Candidate};

/// The user's faces for title, body and headings; `None` = automatic.
pub type FontPicks = [Option<Candidate>; 3];

/// Shows and changes the faces of the PDF, per role.
pub fn pdf_fonts_ui(ui: &mut Ui, picks: &mut FontPicks) {
    // Borrow the automatic set: cloning it would copy system font files every frame.
    let system = fonts::system();
    let bundled;
    let auto = match system {
        Some(s) => &s.preferred,
        None => {
            bundled = fonts::FontSet::default();
            &bundled
        }
    };
    ui.label(
        RichText::new(
            "本机装有方正小标宋、仿宋_GB2312、黑体时自动使用，否则使用内置思源（Noto）字体。",
        )
        .small()
        .weak(),
    );
    if system.is_none() {
        ui.label("正在查找本机字体…");
    }
    let roles = [
        ("标题", &auto.title.name),
        ("正文", &auto.body.name),
        ("小标题", &auto.heading.name),
    ];
    for (i, (role, auto_name)) in roles.into_iter().enumerate() {
        let shown = picks[i]
            .as_ref()
            .map_or_else(|| format!("自动（{auto_name}）"), |c| c.name.clone());
        egui::ComboBox::from_label(role)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut picks[i], None, format!("自动（{auto_name}）"));
                for c in system.map_or(&[][..], |s| &s.candidates[..]) {
                    ui.selectable_value(&mut picks[i], Some(c.clone()), &c.name);
                }
            });
    }
}
