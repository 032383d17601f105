//! Exporters. Each one walks the template description; none names a label.
//!
//! The PDF, Word and web page writers share one reading of the report,
//! [`document::build`], and differ only in how they set it.

pub mod document;
pub mod docx;
pub mod html;
pub mod json;
pub mod pdf;
pub mod text;
