//! Any bytes given to the importer: no panic; an accepted text gives a report that
//! validates, exports and saves like any other.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::export::text::{TextOptions, to_text};
use nianbao::import::import_bytes;
use nianbao::model::draft;
use nianbao::validate::validate;

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = import_bytes(data) else {
        return;
    };
    let r = &imported.report;
    let _ = validate(r, None);
    let _ = to_text(r, TextOptions::default());
    let saved = draft::to_string(r);
    let back = draft::from_str(&saved, "fuzz").expect("an imported report loads back");
    assert!(back == *r, "round trip changed the imported report");
});
