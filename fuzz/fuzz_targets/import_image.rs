//! Any bytes as a page picture (PNG, JPEG or TIFF, chosen by the first byte) given to the
//! scan reader up to the text it would read: decoding within its limits, straightening,
//! ruling lines and text pieces. No panic, and no survey of a page larger than the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::import::scan;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    // Every input reaches a picture decoder, whatever its first bytes.
    let magic: &[u8] = match kind % 3 {
        0 => b"\x89PNG\r\n\x1a\n",
        1 => b"\xFF\xD8\xFF",
        _ => b"II*\0",
    };
    let bytes = if rest.starts_with(magic) {
        rest.to_vec()
    } else {
        [magic, rest].concat()
    };
    if let Ok(pages) = scan::survey(&bytes) {
        assert!(pages.len() <= scan::MAX_PAGES);
    }
});
