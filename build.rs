//! Deflates the two serif faces that only the printed report uses (title and body, see
//! `src/export/pdf/fonts.rs`): 1.1 MB less in the binary, inflated once in the background
//! at start-up. The window's sans face stays as it is, since the first frame needs it.

use std::io::Write;
use std::path::{Path, PathBuf};

const PDF_ONLY_FACES: [&str; 2] = [
    "NotoSerifCJKsc-Bold-subset.otf",
    "NotoSerifCJKsc-Regular-subset.otf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in PDF_ONLY_FACES {
        let src = Path::new("assets/fonts").join(name);
        println!("cargo::rerun-if-changed={}", src.display());
        let data = std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&data).expect("deflate into memory");
        let packed = z.finish().expect("deflate into memory");
        std::fs::write(out.join(format!("{name}.deflate")), packed).expect("write OUT_DIR");
    }
}
