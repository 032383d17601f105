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
    windows_resources();
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

/// The Windows .exe's icon, version information and manifest; nothing for other targets.
fn windows_resources() {
    println!("cargo::rerun-if-changed=packaging/windows/nianbao.rc");
    println!("cargo::rerun-if-changed=packaging/windows/nianbao.manifest");
    println!("cargo::rerun-if-changed=assets/icons/nianbao.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets the version");
    let mut parts: Vec<&str> = version.split(['.', '-']).take(3).collect();
    parts.resize(4, "0");
    // The version and absolute paths are written into a copy of the script: windres's
    // preprocessor runs through a shell, where quoted string macros do not survive.
    let root = std::env::current_dir().expect("the package folder");
    let abs = |p: &str| root.join(p).display().to_string().replace('\\', "/");
    let rc = std::fs::read_to_string("packaging/windows/nianbao.rc")
        .expect("packaging/windows/nianbao.rc")
        .replace("NIANBAO_VERSION_BIN", &parts.join(","))
        .replace("NIANBAO_VERSION_STR", &format!("\"{version}\""))
        .replace(
            "../../assets/icons/nianbao.ico",
            &abs("assets/icons/nianbao.ico"),
        )
        .replace(
            "\"nianbao.manifest\"",
            &format!("\"{}\"", abs("packaging/windows/nianbao.manifest")),
        );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let script = out.join("nianbao.rc");
    std::fs::write(&script, rc).expect("write OUT_DIR");
    embed_resource::compile(&script, embed_resource::NONE)
        .manifest_required()
        .expect("compile the Windows resources (MinGW's windres)");
}
