//! Exporters. Each one walks the template description; none names a label.

pub mod json;
pub mod pdf;
pub mod text;
