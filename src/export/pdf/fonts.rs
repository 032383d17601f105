//! The faces a printed report uses, and their advance widths.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Noto Sans CJK SC, subset to the 9,178 characters the reports use (OFL, see
/// `assets/fonts`): the window's face and the bundled 黑体 substitute.
pub fn noto_sans_sc() -> &'static [u8] {
    bundled_face(0)
}

/// Noto Serif CJK SC Regular (the bundled 仿宋 substitute) or Bold (小标宋).
fn serif(bold: bool) -> &'static [u8] {
    bundled_face(1 + usize::from(bold))
}

/// Bundled face `i` of sans, serif, serif bold, inflated on first use.
fn bundled_face(i: usize) -> &'static [u8] {
    static FACES: [OnceLock<Vec<u8>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    static PACKED: [&[u8]; 3] = [
        include_bytes!(concat!(
            env!("OUT_DIR"),
            "/NotoSansCJKsc-Regular-subset.otf.deflate"
        )),
        include_bytes!(concat!(
            env!("OUT_DIR"),
            "/NotoSerifCJKsc-Regular-subset.otf.deflate"
        )),
        include_bytes!(concat!(
            env!("OUT_DIR"),
            "/NotoSerifCJKsc-Bold-subset.otf.deflate"
        )),
    ];
    FACES[i].get_or_init(|| inflate(PACKED[i]))
}

/// The faces are stored deflated by `build.rs` (18 % smaller; CFF outlines are already
/// compact).
fn inflate(packed: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut face = Vec::with_capacity(packed.len() * 5 / 4);
    flate2::read::DeflateDecoder::new(packed)
        .read_to_end(&mut face)
        .expect("the bundled face was deflated by build.rs");
    face
}

/// Where a face comes from: a bundled OFL subset, or a font file on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSource {
    /// Name shown to the user.
    pub name: String,
    pub data: Cow<'static, [u8]>,
    /// Face index within a collection (`.ttc`).
    pub index: u32,
}

impl FontSource {
    fn bundled(name: &str, data: &'static [u8]) -> FontSource {
        FontSource {
            name: name.to_string(),
            data: Cow::Borrowed(data),
            index: 0,
        }
    }

    /// A font file on disk (e.g. an installed 仿宋_GB2312).
    pub fn from_file(
        name: &str,
        path: &std::path::Path,
        index: u32,
    ) -> std::io::Result<FontSource> {
        Ok(FontSource {
            name: name.to_string(),
            data: Cow::Owned(std::fs::read(path)?),
            index,
        })
    }
}

/// The three roles of GB/T 9704 typesetting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 2号 title (方正小标宋简体; bundled: Noto Serif CJK SC Bold).
    Title,
    /// 3号 body (仿宋; bundled: Noto Serif CJK SC Regular).
    Body,
    /// Section headings (黑体; bundled: Noto Sans CJK SC Regular).
    Heading,
}

/// Faces for each role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSet {
    pub title: FontSource,
    pub body: FontSource,
    pub heading: FontSource,
}

impl Default for FontSet {
    /// The bundled OFL fonts, always available.
    fn default() -> FontSet {
        FontSet {
            title: FontSource::bundled("Noto Serif CJK SC Bold", serif(true)),
            body: FontSource::bundled("Noto Serif CJK SC", serif(false)),
            // 黑体 (SimHei) has one weight, between Noto Sans CJK's Regular and Medium, so the
            // Regular stands in for it; it is the face the window already carries, and a
            // second sans weight would add 2.4 MB to the binary.
            heading: FontSource::bundled("Noto Sans CJK SC", noto_sans_sc()),
        }
    }
}

impl FontSet {
    pub fn get(&self, role: Role) -> &FontSource {
        match role {
            Role::Title => &self.title,
            Role::Body => &self.body,
            Role::Heading => &self.heading,
        }
    }
}

/// Advance widths (in em) of the characters used, per role.
pub struct Metrics<'a> {
    faces: [(Role, ttf_parser::Face<'a>); 3],
    cache: std::cell::RefCell<HashMap<(Role, char), f32>>,
}

impl<'a> Metrics<'a> {
    pub fn new(set: &'a FontSet) -> Result<Metrics<'a>, String> {
        let parse = |role: Role| {
            let s = set.get(role);
            ttf_parser::Face::parse(&s.data, s.index)
                .map(|f| (role, f))
                .map_err(|e| format!("字体“{}”无法读取：{e}", s.name))
        };
        Ok(Metrics {
            faces: [
                parse(Role::Title)?,
                parse(Role::Body)?,
                parse(Role::Heading)?,
            ],
            cache: Default::default(),
        })
    }

    /// Advance of `c` in em.
    pub fn advance(&self, role: Role, c: char) -> f32 {
        if let Some(a) = self.cache.borrow().get(&(role, c)) {
            return *a;
        }
        let face = &self.faces.iter().find(|(r, _)| *r == role).expect("role").1;
        let upm = f32::from(face.units_per_em());
        let a = face
            .glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map(|a| f32::from(a) / upm)
            .unwrap_or(if c.is_ascii() { 0.5 } else { 1.0 });
        self.cache.borrow_mut().insert((role, c), a);
        a
    }

    /// Width of `s` in pt at `size` with `tracking` pt added after every character.
    pub fn width(&self, role: Role, size: f32, tracking: f32, s: &str) -> f32 {
        s.chars()
            .map(|c| self.advance(role, c) * size + tracking)
            .sum()
    }
}

/// A Chinese face installed on this machine that the user may pick.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Candidate {
    pub name: String,
    pub path: std::path::PathBuf,
    pub index: u32,
}

impl Candidate {
    pub fn load(&self) -> std::io::Result<FontSource> {
        FontSource::from_file(&self.name, &self.path, self.index)
    }
}

/// What the system offers: the official faces found (bundled ones elsewhere) and every
/// Chinese face the user could choose instead.
#[derive(Debug, Clone, Default)]
pub struct SystemFonts {
    pub preferred: FontSet,
    pub candidates: Vec<Candidate>,
}

static SYSTEM: std::sync::OnceLock<SystemFonts> = std::sync::OnceLock::new();

/// Starts looking for the official faces on a background thread (the GUI calls this at
/// start-up, so the first export does not wait for the system font list).
pub fn start_discovery() {
    std::thread::spawn(|| {
        let _ = SYSTEM.set(discover());
    });
}

/// The system fonts, once discovery has finished.
pub fn system() -> Option<&'static SystemFonts> {
    SYSTEM.get()
}

/// The faces to use now: the official ones found so far, else the bundled ones.
pub fn preferred() -> FontSet {
    SYSTEM
        .get()
        .map(|s| s.preferred.clone())
        .unwrap_or_default()
}

/// Official faces looked for on this machine, per role, best first.
const OFFICIAL: &[(Role, &[&str])] = &[
    (
        Role::Title,
        &["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S"],
    ),
    (
        Role::Body,
        &[
            "仿宋_GB2312",
            "仿宋",
            "FangSong_GB2312",
            "FangSong",
            "方正仿宋_GBK",
        ],
    ),
    (Role::Heading, &["黑体", "方正黑体_GBK", "SimHei"]),
];

/// The faces of the official typesetting found on this machine, with the bundled font kept
/// for any role that has none. Reading the system font list takes a few hundred
/// milliseconds: call this off the UI thread.
pub fn discover_system() -> FontSet {
    discover().preferred
}

fn discover() -> SystemFonts {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut out = SystemFonts::default();
    let file = |f: &fontdb::FaceInfo| match &f.source {
        fontdb::Source::File(path) => Some(path.clone()),
        _ => None,
    };
    for (role, names) in OFFICIAL {
        let found = names.iter().find_map(|name| {
            db.faces()
                .find(|f| f.families.iter().any(|(fam, _)| fam == name))
                .and_then(|f| FontSource::from_file(name, &file(f)?, f.index).ok())
        });
        if let Some(source) = found {
            match role {
                Role::Title => out.preferred.title = source,
                Role::Body => out.preferred.body = source,
                Role::Heading => out.preferred.heading = source,
            }
        }
    }
    // Any face with a Chinese family name, or one that renders 政府信息公开.
    for f in db.faces() {
        let Some(path) = file(f) else { continue };
        let chinese = f
            .families
            .iter()
            .find(|(fam, _)| fam.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            .or_else(|| {
                f.families
                    .iter()
                    .find(|(fam, _)| fam.contains("CJK") && fam.contains("SC"))
            });
        if let Some((name, _)) = chinese
            && !out.candidates.iter().any(|c| &c.name == name)
        {
            out.candidates.push(Candidate {
                name: name.clone(),
                path,
                index: f.index,
            });
        }
    }
    out.candidates.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_every_template_label() {
        let set = FontSet::default();
        let m = Metrics::new(&set).unwrap();
        let face = ttf_parser::Face::parse(&set.body.data, 0).unwrap();
        for t in crate::template::all() {
            let labels =
                t.sections
                    .iter()
                    .map(|s| s.title.clone())
                    .chain((0..t.tables.len()).flat_map(|ti| {
                        crate::template::layout::grid(t, ti)
                            .cells
                            .into_iter()
                            .filter_map(|c| match c.content {
                                crate::template::layout::GridContent::Data(_) => None,
                                crate::template::layout::GridContent::Title(s)
                                | crate::template::layout::GridContent::Corner(s)
                                | crate::template::layout::GridContent::ColumnHeader(s) => Some(s),
                                crate::template::layout::GridContent::RowHeader {
                                    text, ..
                                } => Some(text),
                            })
                    }));
            for l in labels {
                for c in l.chars() {
                    assert!(face.glyph_index(c).is_some(), "{c} of {l}");
                }
            }
        }
        assert!(m.advance(Role::Body, '瀍') > 0.9);
    }

    #[test]
    fn discovery_always_returns_usable_faces() {
        let set = discover_system();
        assert!(Metrics::new(&set).is_ok());
    }
}
