//! The style sheet of the printed report: GB/T 9704-2012 (党政机关公文格式) as the PDF
//! layout, the Word writer and the web page writer set it. Each fact is stated once, in
//! points (the page and its margins in millimetres, as the standard gives them); every
//! writer converts to its own units and says so where it has to round.

/// One millimetre in pt.
pub const MM: f32 = 72.0 / 25.4;

/// A4 (GB/T 9704 5.1).
pub const PAGE_W_MM: f32 = 210.0;
pub const PAGE_H_MM: f32 = 297.0;
/// The text block (版心), 156 mm × 225 mm, 37 mm from the top and 28 mm from the left
/// edge (GB/T 9704 5.2.1).
pub const TEXT_W_MM: f32 = 156.0;
pub const TEXT_H_MM: f32 = 225.0;
pub const MARGIN_TOP_MM: f32 = 37.0;
pub const MARGIN_LEFT_MM: f32 = 28.0;
/// What the text block leaves of the page: 35 mm at the foot, 26 mm at the right.
pub const MARGIN_BOTTOM_MM: f32 = PAGE_H_MM - MARGIN_TOP_MM - TEXT_H_MM;
pub const MARGIN_RIGHT_MM: f32 = PAGE_W_MM - MARGIN_LEFT_MM - TEXT_W_MM;

/// The page and the text block in pt.
pub const PAGE_W: f32 = PAGE_W_MM * MM;
pub const PAGE_H: f32 = PAGE_H_MM * MM;
pub const TEXT_W: f32 = TEXT_W_MM * MM;
pub const TEXT_H: f32 = TEXT_H_MM * MM;

/// 2号: the title.
pub const TITLE_PT: f32 = 22.0;
/// 3号: body text (GB/T 9704 5.2.2), headings, sub-headings and the signature.
pub const BODY_PT: f32 = 16.0;
/// 五号: table text (as in the official template of the report).
pub const TABLE_PT: f32 = 10.5;
/// 4号: page numbers.
pub const PAGE_NUMBER_PT: f32 = 14.0;

/// 22 lines a page, 28 characters a line, filling the text block (GB/T 9704 5.2.3).
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
/// Line pitch of 3号 text: 22 lines fill the 225 mm (28.99 pt).
pub const LINE_PITCH: f32 = TEXT_H / LINES_PER_PAGE as f32;
/// Tracking of 3号 text (added after every character): 28 characters of 16 pt are 2 mm
/// wider than the 156 mm, so each gives up 0.207 pt.
pub const BODY_TRACKING: f32 = TEXT_W / CHARS_PER_LINE as f32 - BODY_PT;
/// A paragraph's first-line indent and the signature's distance from the right edge of
/// the text block, in characters.
pub const INDENT_CHARS: f32 = 2.0;

/// Height of a title line; the title is followed by half a body line.
pub const TITLE_LINE: f32 = 36.0;
/// The page number's line (一字线) sits 7 mm under the text block (GB/T 9704 7.5).
pub const PAGE_NUMBER_GAP_MM: f32 = 7.0;

/// A face by its official name, and the family Word and WPS use when it is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Face {
    pub name: &'static str,
    pub substitute: &'static str,
}

impl Face {
    const fn new(name: &'static str, substitute: &'static str) -> Face {
        Face { name, substitute }
    }
}

/// 小标宋: the title.
pub const TITLE_FACE: Face = Face::new("方正小标宋简体", "宋体");
/// 仿宋: body text and the signature.
pub const BODY_FACE: Face = Face::new("仿宋_GB2312", "仿宋");
/// 黑体: section headings (一、…).
pub const HEADING_FACE: Face = Face::new("黑体", "SimHei");
/// 楷体: sub-headings (（一）…).
pub const SUBHEADING_FACE: Face = Face::new("楷体_GB2312", "楷体");
/// 宋体: tables and page numbers, as in the official template.
pub const TABLE_FACE: Face = Face::new("宋体", "SimSun");
/// Every face above.
pub const FACES: [Face; 5] = [
    TITLE_FACE,
    BODY_FACE,
    HEADING_FACE,
    SUBHEADING_FACE,
    TABLE_FACE,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_block_holds_22_lines_of_28_characters() {
        assert_eq!((MARGIN_BOTTOM_MM, MARGIN_RIGHT_MM), (35.0, 26.0));
        let line = CHARS_PER_LINE as f32 * (BODY_PT + BODY_TRACKING);
        assert!((line - TEXT_W).abs() < 0.01, "{line}");
        assert!(TEXT_W < (CHARS_PER_LINE + 1) as f32 * (BODY_PT + BODY_TRACKING));
        assert!(LINES_PER_PAGE as f32 * LINE_PITCH <= TEXT_H + 0.01);
        assert!((LINES_PER_PAGE + 1) as f32 * LINE_PITCH > TEXT_H);
    }
}
