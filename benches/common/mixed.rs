//! The folder of 1,000 reports of mixed forms that the check benchmarks read (shared by
//! `benches/check.rs` and `examples/mixed_folder.rs`, which `scripts/bench-batch.sh` runs).
//!
//! The mix: 400 drafts (the five fixtures), 300 published plain texts (the five published
//! fixtures), 100 Word documents, 100 web pages (LibreOffice's and a GBK portal page) and
//! 100 PDFs (a portal's and LibreOffice's), all real files from `tests/fixtures`.

use std::path::Path;

/// Source file (under `tests/fixtures`) and how many copies of it.
pub const MIX: [(&str, usize); 15] = [
    ("000_1b930464a9b6bad7.ron", 80),
    ("001_4215243010f676eb.ron", 80),
    ("002_8c1ae9a60ab0aad1.ron", 80),
    ("003_73a49c1d9e8bef42.ron", 80),
    ("004_07a7ed9f35648903.ron", 80),
    ("published/000_1b930464a9b6bad7.txt", 60),
    ("published/001_4215243010f676eb.txt", 60),
    ("published/002_8c1ae9a60ab0aad1.txt", 60),
    ("published/003_73a49c1d9e8bef42.txt", 60),
    ("published/004_07a7ed9f35648903.txt", 60),
    ("real/filled-2021.docx", 100),
    ("real/filled-2021-libreoffice.html", 50),
    ("real/portal-gbk-2023.html", 50),
    ("real/yunling-2022-nianbao.pdf", 50),
    ("real/filled-2021-libreoffice.pdf", 50),
];

/// Copies the mix into `dir` (numbered names, the original extension); the file count.
pub fn write(dir: &Path) -> std::io::Result<usize> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::create_dir_all(dir)?;
    let mut n = 0;
    for (src, copies) in MIX {
        let src = root.join(src);
        let ext = src.extension().and_then(|e| e.to_str()).unwrap_or("ron");
        for _ in 0..copies {
            std::fs::copy(&src, dir.join(format!("{n:04}.{ext}")))?;
            n += 1;
        }
    }
    Ok(n)
}
