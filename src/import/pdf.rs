//! PDF with a text layer: characters and ruling lines by position to blocks.

use super::{Block, ImportError};

/// Reads a PDF's text layer into blocks.
pub fn read(_bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    Err(ImportError::Unsupported("PDF"))
}
