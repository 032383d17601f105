//! Bytes of a saved report to text: UTF-8 (with or without BOM), UTF-16 with BOM, or the
//! GB18030/GBK that Chinese Windows and WPS write for "纯文本".

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

/// The text and the name of the encoding it was read as (for the import notes).
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), super::ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (s, _, bad) = UTF_16LE.decode(rest);
        return finish(s.into_owned(), bad, "UTF-16");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (s, _, bad) = UTF_16BE.decode(rest);
        return finish(s.into_owned(), bad, "UTF-16");
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    // Not UTF-8: GB18030 decodes every GBK and GB2312 file. A text in neither is refused
    // rather than imported as mojibake.
    let (s, _, bad) = GB18030.decode(bytes);
    finish(s.into_owned(), bad, "GB18030（GBK）")
}

fn utf8(bytes: &[u8]) -> Result<(String, &'static str), super::ImportError> {
    std::str::from_utf8(bytes)
        .map(|s| (s.to_string(), "UTF-8"))
        .map_err(|_| super::ImportError::Encoding)
}

fn finish(
    s: String,
    had_errors: bool,
    name: &'static str,
) -> Result<(String, &'static str), super::ImportError> {
    if had_errors {
        // A few stray bytes are tolerable; a file that is mostly undecodable is not text.
        let bad = s.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad * 20 > s.chars().count().max(1) {
            return Err(super::ImportError::Encoding);
        }
    }
    Ok((s, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_are_decoded() {
        let (bytes, _, _) = GB18030.encode("一、总体情况\n二、主动公开政府信息情况");
        let (s, enc) = decode(&bytes).unwrap();
        assert_eq!(s, "一、总体情况\n二、主动公开政府信息情况");
        assert!(enc.contains("GB"));
    }

    #[test]
    fn boms_are_honoured() {
        let (s, _) = decode("\u{FEFF}一、总体情况".as_bytes()).unwrap();
        assert_eq!(s, "一、总体情况");
        let mut le = vec![0xFF, 0xFE];
        for u in "总体".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().0, "总体");
    }

    #[test]
    fn undecodable_bytes_are_refused() {
        // 0xFF starts no GB18030 sequence.
        assert!(decode(&[0xFF; 400]).is_err());
    }
}
