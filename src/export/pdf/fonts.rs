//! The faces a printed report uses, and their advance widths.

use std::borrow::Cow;
use std::collections::HashMap;

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
    /// Section headings (黑体; bundled: Noto Sans CJK SC Bold).
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
            title: FontSource::bundled(
                "Noto Serif CJK SC Bold",
                include_bytes!("../../../assets/fonts/NotoSerifCJKsc-Bold-subset.otf"),
            ),
            body: FontSource::bundled(
                "Noto Serif CJK SC",
                include_bytes!("../../../assets/fonts/NotoSerifCJKsc-Regular-subset.otf"),
            ),
            heading: FontSource::bundled(
                "Noto Sans CJK SC Bold",
                include_bytes!("../../../assets/fonts/NotoSansCJKsc-Bold-subset.otf"),
            ),
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

static SYSTEM: std::sync::OnceLock<FontSet> = std::sync::OnceLock::new();

/// Starts looking for the official faces on a background thread (the GUI calls this at
/// start-up, so the first export does not wait for the system font list).
pub fn start_discovery() {
    std::thread::spawn(|| {
        let _ = SYSTEM.set(discover_system());
    });
}

/// The faces to use now: the official ones found so far, else the bundled ones.
pub fn preferred() -> FontSet {
    SYSTEM.get().cloned().unwrap_or_default()
}

/// Names of the preferred faces (title, body, heading), without copying font data.
pub fn preferred_names() -> [String; 3] {
    let default;
    let set = match SYSTEM.get() {
        Some(s) => s,
        None => {
            default = FontSet::default();
            &default
        }
    };
    [
        set.title.name.clone(),
        set.body.name.clone(),
        set.heading.name.clone(),
    ]
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
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut set = FontSet::default();
    for (role, names) in OFFICIAL {
        let found = names.iter().find_map(|name| {
            db.faces()
                .find(|f| f.families.iter().any(|(fam, _)| fam == name))
                .and_then(|f| match &f.source {
                    fontdb::Source::File(path) => FontSource::from_file(name, path, f.index).ok(),
                    _ => None,
                })
        });
        if let Some(source) = found {
            match role {
                Role::Title => set.title = source,
                Role::Body => set.body = source,
                Role::Heading => set.heading = source,
            }
        }
    }
    set
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
