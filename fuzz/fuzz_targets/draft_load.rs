//! Any text given as a draft: loading never panics, and whatever loads can be validated,
//! exported and saved again into text that loads to the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::export::text::{TextOptions, to_text};
use nianbao::model::draft;
use nianbao::validate::validate;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(r) = draft::from_str(text, "fuzz.ron") {
        let _ = validate(&r, None);
        let _ = to_text(&r, TextOptions::default());
        let again = draft::to_string(&r);
        let back = draft::from_str(&again, "again.ron").expect("a saved draft loads");
        assert_eq!(back, r);
    }
});
