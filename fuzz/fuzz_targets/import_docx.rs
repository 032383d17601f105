//! Any bytes given to the Word reader, as a whole package or as the document.xml of one:
//! no panic; an accepted document gives a report that validates, exports and saves like
//! any other.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use nianbao::export::text::{TextOptions, to_text};
use nianbao::import::import_bytes;
use nianbao::model::draft;
use nianbao::validate::validate;

/// The input as the only part of a package, so that mutations reach the XML reader
/// rather than stopping at the zip's checksums.
fn as_document_xml(xml: &[u8]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(xml).unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 0 {
        as_document_xml(rest)
    } else {
        rest.to_vec()
    };
    let Ok(imported) = import_bytes(&bytes) else {
        return;
    };
    let r = &imported.report;
    let _ = validate(r, None);
    let _ = to_text(r, TextOptions::default());
    let saved = draft::to_string(r);
    let back = draft::from_str(&saved, "fuzz").expect("an imported report loads back");
    assert!(back == *r, "round trip changed the imported report");
});
