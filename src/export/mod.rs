//! Exporters. Each one walks the template description; none names a label.
//!
//! The PDF, Word and web page writers share one reading of the report,
//! [`document::build`], and one style sheet, [`style`], and differ only in how they set
//! them. The 图解 ([`infographic`]) is laid out from the tables' figures alone and
//! written as SVG, PDF and PNG ([`raster`] paints its PNG, as it paints the window
//! without a GPU).

pub mod document;
pub mod docx;
pub mod html;
pub mod infographic;
pub mod json;
pub mod pdf;
pub mod raster;
pub mod style;
pub mod text;
