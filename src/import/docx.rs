//! Word .docx: paragraphs and tables (with merged cells) to blocks.

use super::{Block, ImportError};

/// Reads a .docx package into blocks.
pub fn read(_bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    Err(ImportError::Unsupported("Word 文档"))
}
