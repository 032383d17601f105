//! Exporters. Each one walks the template description; none names a label.
//!
//! The PDF, Word and web page writers share one reading of the report,
//! [`document::build`], and one style sheet, [`style`], and differ only in how they set
//! them.

pub mod document;
pub mod docx;
pub mod html;
pub mod json;
pub mod pdf;
pub mod style;
pub mod text;
