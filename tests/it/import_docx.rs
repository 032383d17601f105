//! Importing Word .docx files: the official blank template filled in (by
//! scripts/fill-docx-template.py), the blank template itself, and damaged packages.
//!
//! The expected values are written here by hand from the filled document as Word shows
//! it, not taken from the importer's output.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use nianbao::import::{Form, ImportError, Imported, NoteLevel, import_bytes};
use nianbao::model::Cell;

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

/// The official blank template as agencies circulate it.
fn blank_template() -> Vec<u8> {
    std::fs::read(real("official-blank-template-2021.docx")).expect("blank template fixture")
}

fn import(bytes: &[u8]) -> Imported {
    import_bytes(bytes).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_filled_template_imports_with_every_cell() {
    let imported = import(&std::fs::read(real("filled-2021.docx")).unwrap());
    assert_eq!(imported.form, Form::Docx);
    crate::expected::filled_2021(&imported);
}

#[test]
fn the_blank_template_imports_empty_and_says_so() {
    let imported = import(&blank_template());
    let r = &imported.report;
    assert_eq!(r.template.id, "gov-info-annual-2021");
    assert!(
        r.cells.iter().all(|c| *c == Cell::Empty),
        "no value may be invented"
    );
    assert!(r.agency.is_empty());
    // The user learns that the names, year and numbers are missing.
    let warnings: Vec<&str> = imported
        .notes
        .iter()
        .filter(|n| n.level == NoteLevel::Warning)
        .map(|n| n.message.as_str())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("发布机关")),
        "{warnings:#?}"
    );
    assert!(warnings.iter().any(|w| w.contains("年度")), "{warnings:#?}");
    assert!(
        warnings.iter().any(|w| w.contains("没有找到数字")),
        "{warnings:#?}"
    );
}

/// The blank template's tables print their labels and no number: the user should be
/// told for each table, not only for 四 (the one without row labels).
#[test]
fn the_blank_template_names_each_empty_table() {
    let imported = import(&blank_template());
    for table in ["表二", "表三", "表四"] {
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.level == NoteLevel::Warning && n.message.contains(table)),
            "{table}: {:#?}",
            imported.notes
        );
    }
}

// --- Bad input ---------------------------------------------------------------------

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

fn damaged_reason(bytes: &[u8]) -> String {
    match import_bytes(bytes) {
        Err(ImportError::Damaged { form, reason }) => {
            assert_eq!(form, "Word 文档");
            reason
        }
        other => panic!("expected a damaged Word document, got {other:?}"),
    }
}

#[test]
fn truncated_and_foreign_packages_are_explained() {
    let filled = std::fs::read(real("filled-2021.docx")).unwrap();
    // Cut at several places: never a panic, always the Chinese reason.
    for len in [10, 100, filled.len() / 3, filled.len() - 30] {
        let reason = damaged_reason(&filled[..len]);
        assert!(reason.contains("不完整或已损坏"), "{len}: {reason}");
    }
    let xlsx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    assert!(damaged_reason(&xlsx).contains("这是 Excel 表格，不是 Word 文档"));
    let other = zip_of(&[("photo.jpg", b"\xFF\xD8\xFF")]);
    assert!(damaged_reason(&other).contains("不是 Word 文档"));
    // A document.xml that is not XML.
    let broken = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    assert!(damaged_reason(&broken).contains("document.xml"));
    let message = import_bytes(&xlsx).unwrap_err().to_string();
    assert_eq!(
        message,
        "Word 文档文件无法读取：这是 Excel 表格，不是 Word 文档"
    );
}

#[test]
fn a_damaged_entry_is_explained() {
    let mut bytes = std::fs::read(real("filled-2021.docx")).unwrap();
    // Flip bytes inside document.xml's compressed data: the CRC or inflate fails.
    let at = bytes
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .unwrap();
    for b in &mut bytes[at + 200..at + 400] {
        *b ^= 0x5A;
    }
    let reason = damaged_reason(&bytes);
    assert!(
        reason.contains("损坏") || reason.contains("不完整"),
        "{reason}"
    );
}

#[test]
fn a_zip_bomb_is_refused_without_reading_it_all() {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("word/document.xml", opts).unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..100 {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
    assert!(damaged_reason(&bytes).contains("超过 64 MB"));
}

#[test]
fn encrypted_and_old_office_files_get_their_own_message() {
    // An OLE compound file: the header's magic, then a directory naming the streams an
    // encrypted .docx has.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    let mut encrypted = ole.clone();
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        encrypted.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        encrypted.resize(encrypted.len() + 64, 0);
    }
    assert_eq!(
        import_bytes(&encrypted).unwrap_err(),
        ImportError::Encrypted
    );
    assert_eq!(
        import_bytes(&encrypted).unwrap_err().to_string(),
        "文件已加密，请在原程序中取消密码保护后再导入"
    );
    let mut doc = ole;
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(import_bytes(&doc).unwrap_err(), ImportError::OldOffice);
}

// --- Damage at random ----------------------------------------------------------------

/// The filled document's main part, unzipped.
fn filled_document_xml() -> Vec<u8> {
    let bytes = std::fs::read(real("filled-2021.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    xml
}

/// Applies (position, kind, byte) edits: overwrite, insert, delete, or cut the rest.
fn damage(bytes: &mut Vec<u8>, edits: &[(usize, u8, u8)]) {
    for &(at, kind, b) in edits {
        if bytes.is_empty() {
            return;
        }
        let at = at % bytes.len();
        match kind % 8 {
            0..=3 => bytes[at] = b,
            4 | 5 => bytes.insert(at, b),
            6 => {
                bytes.remove(at);
            }
            _ => bytes.truncate(at.max(bytes.len() * 9 / 10)),
        }
    }
}

mod random_damage {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// document.xml damaged anywhere, in a valid package: a report or a Chinese
        /// reason, never a panic.
        #[test]
        fn damaged_xml_is_read_or_refused(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12),
        ) {
            let mut xml = filled_document_xml();
            damage(&mut xml, &edits);
            let bytes = zip_of(&[("word/document.xml", &xml)]);
            match import_bytes(&bytes) {
                Ok(i) => prop_assert_eq!(i.report.cells.len(), i.report.template.cells.len()),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }

        /// The package's bytes damaged anywhere.
        #[test]
        fn damaged_packages_are_read_or_refused(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
        ) {
            let mut bytes = std::fs::read(real("filled-2021.docx")).unwrap();
            damage(&mut bytes, &edits);
            if let Err(e) = import_bytes(&bytes) {
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }
}
