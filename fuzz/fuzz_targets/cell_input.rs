//! Any typed text in any kind of cell: parsing never panics, an accepted value prints back
//! to text that parses to the same value, and rejected text is kept as typed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::model::Cell;
use nianbao::model::value::parse;
use nianbao::template::CellKind;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for kind in [CellKind::Count, CellKind::SignedCount, CellKind::Amount { max_decimals: 6 }] {
        match parse(text, &kind) {
            Ok(c) => assert_eq!(parse(&c.text(), &kind), Ok(c)),
            Err(_) => assert_eq!(Cell::from_input(text, &kind), Cell::Invalid(text.to_string())),
        }
    }
});
