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

/// The PDF choices the window keeps: faces and page numbers for two-sided printing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PdfSettings {
    pub fonts: FontPicks,
    /// Page numbers alternate right (odd) and left (even), for two-sided printing.
    pub two_sided: bool,
}

impl PdfSettings {
    /// The export options: the automatic faces, overridden by the user's picks. Reads
    /// picked font files from disk: call when the choice changed, not every frame.
    pub fn options(&self) -> anyhow::Result<crate::export::pdf::PdfOptions> {
        let mut set = fonts::preferred();
        for (i, pick) in self.fonts.iter().enumerate() {
            if let Some(c) = pick {
                let source = c.load().map_err(|e| {
                    anyhow::anyhow!(
                        "无法读取字体“{}”：{}",
                        c.name,
                        crate::model::draft::io_reason(&e)
                    )
                })?;
                match i {
                    0 => set.title = source,
                    1 => set.body = source,
                    _ => set.heading = source,
                }
            }
        }
        Ok(crate::export::pdf::PdfOptions {
            fonts: set,
            two_sided: self.two_sided,
        })
    }

    /// Changes whenever [`Self::options`] would give other faces: a pick, or the system
    /// font search finishing.
    pub fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut h);
        fonts::system().is_some().hash(&mut h);
        h.finish()
    }
}
