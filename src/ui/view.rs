//! State shared by the views of one window: focus, scrolling and highlights.

use std::ops::Range;

use egui::{Color32, Id};

use crate::template::CellId;
use crate::validate::Field;

/// Something a diagnostic or a navigation click wants focused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Cell(CellId),
    /// A section text; with a byte range to select.
    Text(usize, Option<Range<usize>>),
    /// The header paragraph; with a byte range to select.
    HeaderText(Option<Range<usize>>),
    Field(Field),
    /// Scroll to a section heading.
    Section(usize),
}

#[derive(Default)]
pub struct ViewState {
    /// The cell that had keyboard focus at the end of the last frame.
    pub focused_cell: Option<CellId>,
    /// Scroll to (and focus) this when it is next drawn.
    pub goto: Option<Target>,
    /// Cells of the selected diagnostic.
    pub highlight: Vec<CellId>,
    /// Index of the selected diagnostic in the list it was picked from, and its message.
    pub selected: Option<(usize, String)>,
    /// Section whose heading is at the top of the view (for the navigation).
    pub current_section: Option<usize>,
    /// Height of each section when it was last laid out (off-screen sections reuse it).
    pub section_heights: Vec<Option<f32>>,
    /// Width the cached heights were measured at.
    pub sections_width: f32,
    /// The 已核实 form open under a warning in the diagnostics panel.
    pub review_form: Option<super::review_form::ReviewForm>,
    /// Last year's figures hidden beside the cells (the header's toggle; they show when
    /// the report has last year's).
    pub hide_last_year: bool,
    /// What 插入/更新统计段落 last did, shown beside the button.
    pub statistics_note: Option<String>,
    /// A command the form asks the window for (a file dialog), taken after the frame.
    pub request: Option<super::action::Command>,
    /// This agency's reports of other years at hand (the recent drafts), for 历年数据.
    pub other_years: super::files::OtherYears,
}

impl ViewState {
    pub fn is_highlighted(&self, c: CellId) -> bool {
        self.highlight.contains(&c)
    }
}

/// Widget id of a table cell editor (stable, so focus can be requested before it is drawn).
pub fn cell_id(c: CellId) -> Id {
    Id::unique(("nianbao-cell", c.0))
}

/// Widget id of a section text editor.
pub fn text_id(section: usize) -> Id {
    Id::unique(("nianbao-text", section))
}

pub fn header_text_id() -> Id {
    Id::unique("nianbao-header-text")
}

pub fn field_id(f: Field) -> Id {
    Id::unique(("nianbao-field", f as u8))
}

/// Colours used across the views, chosen for light and dark themes.
pub struct Palette {
    pub error_bg: Color32,
    pub error_fg: Color32,
    pub warn_fg: Color32,
    pub derived_bg: Color32,
    pub header_bg: Color32,
    pub title_bg: Color32,
    pub highlight_bg: Color32,
    pub focus_line_bg: Color32,
    pub accent: Color32,
    /// Cells the import did not read or guessed, and 待核对 findings.
    pub import_bg: Color32,
    pub import_fg: Color32,
    /// Cells read by OCR from a scan (to compare with the original; paler than doubtful).
    pub ocr_bg: Color32,
}

impl Palette {
    pub fn of(ui: &egui::Ui) -> Palette {
        if ui.visuals().dark_mode {
            Palette {
                error_bg: Color32::from_rgb(96, 32, 32),
                error_fg: Color32::from_rgb(255, 120, 110),
                warn_fg: Color32::from_rgb(240, 180, 60),
                derived_bg: Color32::from_rgb(34, 48, 66),
                header_bg: Color32::from_gray(44),
                title_bg: Color32::from_gray(56),
                highlight_bg: Color32::from_rgb(90, 80, 20),
                focus_line_bg: Color32::from_rgb(40, 60, 90),
                accent: Color32::from_rgb(90, 160, 255),
                import_bg: Color32::from_rgb(70, 52, 88),
                import_fg: Color32::from_rgb(200, 160, 255),
                ocr_bg: Color32::from_rgb(48, 42, 60),
            }
        } else {
            Palette {
                error_bg: Color32::from_rgb(255, 222, 220),
                error_fg: Color32::from_rgb(190, 20, 20),
                warn_fg: Color32::from_rgb(176, 100, 0),
                derived_bg: Color32::from_rgb(228, 238, 250),
                header_bg: Color32::from_gray(238),
                title_bg: Color32::from_gray(224),
                highlight_bg: Color32::from_rgb(255, 240, 160),
                focus_line_bg: Color32::from_rgb(206, 226, 255),
                accent: Color32::from_rgb(30, 110, 230),
                import_bg: Color32::from_rgb(238, 228, 252),
                import_fg: Color32::from_rgb(120, 60, 180),
                ocr_bg: Color32::from_rgb(247, 243, 253),
            }
        }
    }
}

/// Selects `range` (bytes) of `text` in the text editor `id`.
pub fn select_text(ctx: &egui::Context, id: Id, text: &str, range: Range<usize>) {
    use egui::text::{CCursor, CCursorRange};
    let start = text.get(..range.start).map_or(0, |s| s.chars().count());
    let end = text.get(..range.end).map_or(start, |s| s.chars().count());
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(start),
        CCursor::new(end),
    )));
    egui::TextEdit::store_state(ctx, id, state);
}
