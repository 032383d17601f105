//! The Debian package's pieces agree with each other and with the app: every file cargo-deb
//! packs exists, the icons have the sizes their folders claim, the desktop entry opens a
//! draft with the app, and the MIME type's glob is the drafts' extension.

use std::path::Path;

use nianbao::model::draft;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `[package.metadata.deb].assets` as (source, destination) pairs.
fn assets() -> Vec<(String, String)> {
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    manifest["package"]["metadata"]["deb"]["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let a = a.as_array().unwrap();
            (
                a[0].as_str().unwrap().to_owned(),
                a[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `Key=value` of the desktop entry's main group.
fn desktop_key(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .map(str::to_owned)
}

#[test]
fn every_packed_file_exists_and_icons_have_their_sizes() {
    let assets = assets();
    assert!(
        assets
            .iter()
            .any(|(s, d)| s == "target/release/nianbao" && d == "usr/bin/")
    );
    let mut sizes = Vec::new();
    for (src, dest) in &assets {
        if src.starts_with("target/") {
            continue;
        }
        let bytes =
            std::fs::read(Path::new(ROOT).join(src)).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert!(!bytes.is_empty(), "{src}");
        if let Some(rest) = dest.strip_prefix("usr/share/icons/hicolor/") {
            let (dir, name) = rest.split_once("/apps/").unwrap();
            assert_eq!(name, "nianbao.png", "{dest}");
            let n: u32 = dir.split_once('x').unwrap().0.parse().unwrap();
            let icon = eframe::icon_data::from_png_bytes(&bytes).unwrap();
            assert_eq!((icon.width, icon.height), (n, n), "{src}");
            sizes.push(n);
        }
    }
    sizes.sort();
    assert_eq!(sizes, [16, 32, 48, 64, 128, 256]);
}

#[test]
fn the_desktop_entry_opens_drafts_with_the_app() {
    let entry = read("packaging/nianbao.desktop");
    assert!(entry.starts_with("[Desktop Entry]\n"));
    assert_eq!(
        desktop_key(&entry, "Name").as_deref(),
        Some("政府信息公开年报")
    );
    assert_eq!(desktop_key(&entry, "Type").as_deref(), Some("Application"));
    // The binary cargo-deb installs, with the double-clicked file.
    assert_eq!(desktop_key(&entry, "Exec").as_deref(), Some("nianbao %f"));
    assert_eq!(desktop_key(&entry, "Icon").as_deref(), Some("nianbao"));
    // The window's app id, so docks group the window with its entry.
    assert_eq!(
        desktop_key(&entry, "StartupWMClass").as_deref(),
        Some("nianbao")
    );
    let mime = desktop_key(&entry, "MimeType").unwrap();
    assert!(
        mime.split(';').any(|m| m == "application/x-nianbao"),
        "{mime}"
    );
    assert!(assets().contains(&(
        "packaging/nianbao.desktop".into(),
        "usr/share/applications/".into()
    )));
}

#[test]
fn the_mime_type_matches_draft_files() {
    let text = read("packaging/nianbao-mime.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let ns = "http://www.freedesktop.org/standards/shared-mime-info";
    assert!(doc.root_element().has_tag_name((ns, "mime-info")));
    let ty = doc
        .descendants()
        .find(|n| n.has_tag_name((ns, "mime-type")))
        .unwrap();
    assert_eq!(ty.attribute("type"), Some("application/x-nianbao"));
    let globs: Vec<&str> = ty
        .children()
        .filter(|n| n.has_tag_name((ns, "glob")))
        .filter_map(|n| n.attribute("pattern"))
        .collect();
    assert_eq!(globs, [format!("*.{}", draft::EXTENSION)]);
    assert!(draft::is_draft_path(Path::new("年报.nianbao")));
    assert!(assets().contains(&(
        "packaging/nianbao-mime.xml".into(),
        "usr/share/mime/packages/nianbao.xml".into()
    )));
}
