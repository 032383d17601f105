//! Any bytes given to the web-page reader, as a saved page (any encoding) or as the HTML
//! a clipboard offers: no panic; an accepted page gives a report that validates, exports
//! and saves like any other.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::export::text::{TextOptions, to_text};
use nianbao::import::{Imported, import_bytes, import_html_fragment};
use nianbao::model::draft;
use nianbao::validate::validate;

fn check(imported: Imported) {
    let r = &imported.report;
    let _ = validate(r, None);
    let _ = to_text(r, TextOptions::default());
    let saved = draft::to_string(r);
    let back = draft::from_str(&saved, "fuzz").expect("an imported report loads back");
    assert!(back == *r, "round trip changed the imported report");
}

fuzz_target!(|data: &[u8]| {
    // Pages are told from text by their first tag; make sure most inputs are pages.
    let mut page = b"<html><body>".to_vec();
    page.extend_from_slice(data);
    if let Ok(imported) = import_bytes(&page) {
        check(imported);
    }
    if let Ok(imported) = import_html_fragment(&String::from_utf8_lossy(data)) {
        check(imported);
    }
});
