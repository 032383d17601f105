//! Exporters. Each one walks the template description; none names a label.
//!
//! The PDF writer reads the report through [`document::build`], one reading of the report
//! that other page formats can share.

pub mod document;
pub mod json;
pub mod pdf;
pub mod text;
