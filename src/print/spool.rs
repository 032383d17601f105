//! The page layout in a printer's device units, as the Windows spooler is given it: glyph
//! positions, line ends and the faces to ask GDI for. Pure arithmetic, so it is tested on
//! every system; [`super::windows`] only hands the results to GDI.

use crate::export::pdf::fonts::{FontSource, Metrics};
use crate::export::pdf::layout::Run;

/// Points to a printer's pixels: its resolution and the offset of its printable area (GDI
/// draws from the printable area's corner, the layout from the paper's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeviceMap {
    pub dpi_x: f32,
    pub dpi_y: f32,
    pub offset_x: f32,
    pub offset_y: f32,
}

impl DeviceMap {
    pub fn x(&self, pt: f32) -> i32 {
        (pt * self.dpi_x / 72.0 - self.offset_x).round() as i32
    }

    pub fn y(&self, pt: f32) -> i32 {
        (pt * self.dpi_y / 72.0 - self.offset_y).round() as i32
    }

    /// A length along the page's width in device units.
    pub fn len_x(&self, pt: f32) -> f32 {
        pt * self.dpi_x / 72.0
    }

    /// The em height GDI is asked for (`lfHeight` < 0 means the em, not the cell).
    pub fn font_height(&self, size_pt: f32) -> i32 {
        -((size_pt * self.dpi_y / 72.0).round() as i32).max(1)
    }

    /// A rule's thickness, at least one pixel.
    pub fn pen(&self, pt: f32) -> i32 {
        (pt * self.dpi_x / 72.0).round().max(1.0) as i32
    }
}

/// A run as UTF-16 with one advance per code unit (`ExtTextOutW`'s `lpDx`): each
/// character's advance in the face plus the run's spacing, exactly as the PDF sets it.
/// Positions are rounded from the running total, so no rounding error adds up along a line;
/// the second unit of a surrogate pair advances by 0.
pub fn glyph_advances(run: &Run, metrics: &Metrics, map: &DeviceMap) -> (Vec<u16>, Vec<i32>) {
    let mut text = Vec::with_capacity(run.text.len());
    let mut dx = Vec::with_capacity(run.text.len());
    let mut pen = 0.0f32;
    let mut placed = 0i32;
    for c in run.text.chars() {
        let mut buf = [0u16; 2];
        let units = c.encode_utf16(&mut buf);
        pen += map.len_x(metrics.advance(run.role, c) * run.size + run.spacing);
        let next = pen.round() as i32;
        text.extend_from_slice(units);
        dx.push(next - placed);
        if units.len() == 2 {
            dx.push(0);
        }
        placed = next;
    }
    (text, dx)
}

/// How GDI names a face: the family (name ID 1, as `LOGFONTW.lfFaceName` matches it),
/// its weight and whether it is italic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GdiFace {
    pub family: String,
    pub weight: i32,
    pub italic: bool,
}

/// The GDI face of a font the layout measured with; `None` for data that is no font.
pub fn gdi_face(source: &FontSource) -> Option<GdiFace> {
    let face = ttf_parser::Face::parse(&source.data, source.index).ok()?;
    let names: Vec<_> = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
        .collect();
    // GDI accepts the English or the localised family; English first, as it never depends
    // on the system's language.
    let family = names
        .iter()
        .find(|n| n.language_id == 0x0409)
        .or_else(|| names.first())
        .and_then(|n| n.to_string())?;
    Some(GdiFace {
        family,
        weight: i32::from(face.weight().to_number()),
        italic: face.is_italic(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::fonts::{FontSet, Role};

    const MAP_600: DeviceMap = DeviceMap {
        dpi_x: 600.0,
        dpi_y: 600.0,
        offset_x: 100.0,
        offset_y: 50.0,
    };

    #[test]
    fn points_become_printer_pixels_inside_the_printable_area() {
        // 1 inch = 72 pt = 600 px, less the unprintable margin.
        assert_eq!(MAP_600.x(72.0), 500);
        assert_eq!(MAP_600.y(72.0), 550);
        assert_eq!(MAP_600.font_height(16.0), -133);
        assert_eq!(MAP_600.pen(0.6), 5);
        let low = DeviceMap {
            dpi_x: 96.0,
            ..MAP_600
        };
        assert_eq!(low.pen(0.1), 1);
    }

    #[test]
    fn advances_follow_the_layout_without_drift() {
        let set = FontSet::default();
        let m = Metrics::new(&set).unwrap();
        let run = Run {
            role: Role::Body,
            size: 16.0,
            x: 0.0,
            baseline: 0.0,
            spacing: -0.2,
            text: "政府信息公开工作年度报告，共计128件𠀀".into(),
            origin: None,
        };
        let (text, dx) = glyph_advances(&run, &m, &MAP_600);
        assert_eq!(text.len(), dx.len());
        assert_eq!(String::from_utf16(&text).unwrap(), run.text);
        // The last advance of the surrogate pair is 0.
        assert_eq!(*dx.last().unwrap(), 0);
        // The run ends where the layout's width puts it, to the pixel.
        let width = m.width(Role::Body, 16.0, -0.2, &run.text);
        let total: i32 = dx.iter().sum();
        assert_eq!(total, (width * 600.0 / 72.0).round() as i32);
        // A full-width character is one em less the tracking: 16 pt ≈ 131.6 px.
        assert!((131..=132).contains(&dx[0]), "{}", dx[0]);
    }

    #[test]
    fn bundled_faces_have_the_family_names_gdi_matches() {
        let set = FontSet::default();
        let title = gdi_face(&set.title).unwrap();
        let body = gdi_face(&set.body).unwrap();
        let heading = gdi_face(&set.heading).unwrap();
        assert!(body.family.starts_with("Noto Serif CJK SC"), "{body:?}");
        assert!(
            heading.family.starts_with("Noto Sans CJK SC"),
            "{heading:?}"
        );
        assert!(
            title.weight >= 700 && body.weight < 700,
            "{title:?} {body:?}"
        );
        assert!(
            title.family.chars().count() < 32,
            "lfFaceName holds 31 characters"
        );
        let junk = FontSource {
            name: "x".into(),
            data: std::borrow::Cow::Borrowed(b"not a font"),
            index: 0,
        };
        assert_eq!(gdi_face(&junk), None);
    }
}
