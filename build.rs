//! Deflates the bundled faces (see `src/export/pdf/fonts.rs`): 1.5 MB less in the binary.
//! The two serif faces that only the printed report uses are inflated once on the font
//! thread at start-up, the window's sans face before the first frame (about 5 ms).

use std::io::Write;
use std::path::{Path, PathBuf};

const FACES: [&str; 3] = [
    "NotoSansCJKsc-Regular-subset.otf",
    "NotoSerifCJKsc-Bold-subset.otf",
    "NotoSerifCJKsc-Regular-subset.otf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in FACES {
        let src = Path::new("assets/fonts").join(name);
        println!("cargo::rerun-if-changed={}", src.display());
        let data = std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&data).expect("deflate into memory");
        let packed = z.finish().expect("deflate into memory");
        std::fs::write(out.join(format!("{name}.deflate")), packed).expect("write OUT_DIR");
    }
}
