//! Any bytes behind a PDF header given to the importer: no panic, and an accepted file
//! gives a report that saves and loads back like any other.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::import::import_bytes;
use nianbao::model::draft;

fuzz_target!(|data: &[u8]| {
    // Every input reaches the PDF reader, whatever its first bytes.
    let bytes = if data.starts_with(b"%PDF-") {
        data.to_vec()
    } else {
        [b"%PDF-1.7\n".as_slice(), data].concat()
    };
    let Ok(imported) = import_bytes(&bytes) else {
        return;
    };
    let saved = draft::to_string(&imported.report);
    let back = draft::from_str(&saved, "fuzz").expect("an imported report loads back");
    assert!(
        back == imported.report,
        "round trip changed the imported report"
    );
});
