//! Where an imported cell's value came from. A cell the user typed has no provenance; an
//! imported one keeps it (in the draft too) until the user edits or confirms the cell, so
//! that what the import did not read is never mistaken for the report's own figures.

use serde::{Deserialize, Serialize};

/// How the import arrived at a cell's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// Read from a table cell of the document.
    Read,
    /// Read from a table cell of a scanned page by OCR, the digits with certainty and
    /// the row's equations holding; a misread digit is still possible, so a hard rule
    /// failing on such a cell cannot be judged (待核对).
    Ocr,
    /// Split from a run of digits; the split was the only one the equations allow.
    Split,
    /// Placed through a label that matched only loosely: to check.
    Loose,
    /// Not found in the document: left empty.
    Missing,
    /// Found, but not a value of the cell's kind (a run that could not be split, an amount
    /// with its unit): left empty or as found.
    Unreadable,
}

impl Origin {
    /// Whether the value was not read for sure: such a cell is marked in the editor and
    /// a hard rule involving it cannot be judged (待核对).
    pub fn doubtful(self) -> bool {
        matches!(self, Origin::Loose | Origin::Missing | Origin::Unreadable)
    }

    /// Whether a hard rule failing on the cell may be the import's doing rather than the
    /// report's: a doubtful cell, or one read by OCR.
    pub fn unsure(self) -> bool {
        self.doubtful() || self == Origin::Ocr
    }

    /// Whether the value was not read at all (rather than read and to check).
    pub fn unread(self) -> bool {
        matches!(self, Origin::Missing | Origin::Unreadable)
    }

    /// What the import did, for the cell's hover text.
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Read => "导入时从表格中读出",
            Origin::Ocr => "导入时从扫描件识别（OCR）读出，请与原件核对",
            Origin::Split => "导入时从连在一起的数字中按勾稽关系唯一拆分得出",
            Origin::Loose => "导入时按相近的栏目名称对应，需核对",
            Origin::Missing => "导入时未能读出，留空",
            Origin::Unreadable => "导入时读到的内容不是有效数值，需核对",
        }
    }
}

/// A cell's origin and what the import noted about it (candidates, the reading taken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub from: Origin,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Provenance {
    pub fn new(from: Origin, note: impl Into<String>) -> Provenance {
        Provenance {
            from,
            note: note.into(),
        }
    }

    /// The hover text: what the import did, then its note.
    pub fn hover(&self) -> String {
        if self.note.is_empty() {
            self.from.describe().to_string()
        } else {
            format!("{}：{}", self.from.describe(), self.note)
        }
    }
}
