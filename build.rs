//! Deflates the bundled faces (see `src/export/pdf/fonts.rs`): 1.5 MB less in the binary.
//! Each face's length and checksum go with it, so the inflated copy that a first run keeps
//! in the user's cache folder can be found and checked by later runs.

use std::io::Write;
use std::path::{Path, PathBuf};

#[path = "src/export/pdf/face_hash.rs"]
mod face_hash;

const FACES: [&str; 3] = [
    "NotoSansCJKsc-Regular-subset.otf",
    "NotoSerifCJKsc-Regular-subset.otf",
    "NotoSerifCJKsc-Bold-subset.otf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=src/export/pdf/face_hash.rs");
    let mut table = String::from("[\n");
    for name in FACES {
        let src = Path::new("assets/fonts").join(name);
        println!("cargo::rerun-if-changed={}", src.display());
        let data = std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&data).expect("deflate into memory");
        let packed = z.finish().expect("deflate into memory");
        std::fs::write(out.join(format!("{name}.deflate")), packed).expect("write OUT_DIR");
        table += &format!(
            "    Bundled {{ name: {name:?}, len: {}, hash: {:#018x}, packed: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")) }},\n",
            data.len(),
            face_hash::face_hash(&data)
        );
    }
    table += "]\n";
    std::fs::write(out.join("bundled_faces.rs"), table).expect("write OUT_DIR");
}
