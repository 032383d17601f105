//! The faces a printed report uses, and their advance widths.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rust_fontconfig::FontBytes;

use super::face_hash::face_hash;

/// Noto Sans CJK SC, subset to the 9,178 characters the reports use (OFL, see
/// `assets/fonts`): the window's face and the bundled 黑体 substitute.
pub fn noto_sans_sc() -> &'static [u8] {
    bundled_face(0)
}

/// Noto Serif CJK SC Regular (the bundled 仿宋 substitute) or Bold (小标宋).
fn serif(bold: bool) -> &'static [u8] {
    bundled_face(1 + usize::from(bold))
}

/// A face stored deflated in the binary (`build.rs`), with the length and checksum of the
/// face itself.
struct Bundled {
    name: &'static str,
    len: usize,
    hash: u64,
    packed: &'static [u8],
}

/// Sans, serif, serif bold.
static BUNDLED: [Bundled; 3] = include!(concat!(env!("OUT_DIR"), "/bundled_faces.rs"));

/// Bundled face `i` of sans, serif, serif bold, loaded on first use.
fn bundled_face(i: usize) -> &'static [u8] {
    bundled_shared(i)
}

/// The bundled faces loaded so far.
static FACES: [OnceLock<Arc<FontBytes>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// Bundled face `i`, as printpdf keeps it without a copy of its own.
fn bundled_shared(i: usize) -> &'static Arc<FontBytes> {
    FACES[i].get_or_init(|| load_bundled(&BUNDLED[i], cache_dir().as_deref()))
}

/// The bytes of `face` as printpdf keeps them: a bundled face's own, or a copy.
pub(super) fn shared_bytes(face: &FontSource) -> Arc<FontBytes> {
    FACES
        .iter()
        .filter_map(OnceLock::get)
        .find(|b| std::ptr::eq(b.as_slice(), face.data.as_ref()))
        .cloned()
        .unwrap_or_else(|| Arc::new(FontBytes::Owned(Arc::from(face.data.as_ref()))))
}

/// A bundled face: the inflated copy in `cache` when it checks out, else inflated here
/// (about 11 ms a face, which every command line export used to pay) and copied there for
/// the next run.
fn load_bundled(face: &Bundled, cache: Option<&std::path::Path>) -> Arc<FontBytes> {
    let path = cache.map(|dir| dir.join(format!("{}-{:016x}", face.name, face.hash)));
    if let Some(copy) = path.as_deref().and_then(open)
        && copy.len() == face.len
        && face_hash(&copy) == face.hash
    {
        return copy;
    }
    let data = inflate(face.packed);
    if let Some(p) = &path {
        // A failure only costs the next run the inflation again.
        let _ = store(p, &data);
    }
    Arc::new(FontBytes::Owned(data.into()))
}

/// The cached copy at `path`, mapped into memory rather than read: reading copied 9 MB
/// into fresh memory on every run, and printpdf copied it twice more. rust-fontconfig maps
/// the font files it serves; copies in the cache folder are only ever replaced whole by a
/// rename (`store`), never rewritten in place, so the mapped bytes stay those checked.
fn open(path: &std::path::Path) -> Option<Arc<FontBytes>> {
    let Some(name) = path.to_str() else {
        return Some(Arc::new(FontBytes::Owned(std::fs::read(path).ok()?.into())));
    };
    let files = rust_fontconfig::FcFontCache::default();
    let file = rust_fontconfig::FcFontPath {
        path: name.into(),
        font_index: 0,
        // No hash: the mapping is not shared with other faces.
        bytes_hash: 0,
    };
    let id = files.insert_fast_pattern(rust_fontconfig::FcPattern::default(), file);
    files.get_font_bytes(&id)
}

/// Writes beside `path` and renames, so a concurrent run never reads half a face.
fn store(path: &std::path::Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().expect("a file in the cache folder");
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&tmp, data)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The per-user cache folder for inflated faces (`$XDG_CACHE_HOME`, `~/.cache`,
/// `%LOCALAPPDATA%`, `~/Library/Caches`), or `None` when there is none.
fn cache_dir() -> Option<std::path::PathBuf> {
    use std::path::PathBuf;
    let var = |k: &str| {
        std::env::var_os(k)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = if cfg!(windows) {
        var("LOCALAPPDATA")?
    } else if cfg!(target_os = "macos") {
        var("HOME")?.join("Library/Caches")
    } else {
        var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|h| h.join(".cache")))?
    };
    Some(base.join("nianbao").join("fonts"))
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
            title: bundled(Role::Title),
            body: bundled(Role::Body),
            heading: bundled(Role::Heading),
        }
    }
}

/// The bundled face of a role.
pub(super) fn bundled(role: Role) -> FontSource {
    match role {
        Role::Title => FontSource::bundled("Noto Serif CJK SC Bold", serif(true)),
        Role::Body => FontSource::bundled("Noto Serif CJK SC", serif(false)),
        // 黑体 (SimHei) has one weight, between Noto Sans CJK's Regular and Medium, so the
        // Regular stands in for it; it is the face the window already carries, and a
        // second sans weight would add 2.4 MB to the binary.
        Role::Heading => FontSource::bundled("Noto Sans CJK SC", noto_sans_sc()),
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

/// The egui family that paints `role` of the faces `set_key` names (see
/// [`add_egui_faces`]): the print preview's and the 图解's text.
pub fn egui_family(set_key: u64, role: Role) -> egui::FontFamily {
    egui::FontFamily::Name(format!("pdf-{role:?}-{set_key:x}").into())
}

/// Adds the faces of `set` to `fonts` as one family a role ([`egui_family`]), each falling
/// back to the proportional faces `fonts` has (a screen can, the PDF writer cannot).
pub fn add_egui_faces(fonts: &mut egui::FontDefinitions, set: &FontSet, set_key: u64) {
    use egui::{FontData, FontFamily};
    let fallback = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for role in [Role::Title, Role::Body, Role::Heading] {
        let s = set.get(role);
        let name = format!("pdf-face-{role:?}-{set_key:x}");
        let mut data = match &s.data {
            Cow::Borrowed(b) => FontData::from_static(b),
            Cow::Owned(v) => FontData::from_owned(v.clone()),
        };
        data.index = s.index;
        fonts.font_data.insert(name.clone(), Arc::new(data));
        let mut chain = vec![name];
        chain.extend(fallback.iter().cloned());
        fonts.families.insert(egui_family(set_key, role), chain);
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

    /// The parsed face of `role` (its outlines, for printing).
    pub fn face(&self, role: Role) -> &ttf_parser::Face<'a> {
        &self.faces.iter().find(|(r, _)| *r == role).expect("role").1
    }

    /// Advance of `c` in em.
    pub fn advance(&self, role: Role, c: char) -> f32 {
        if let Some(a) = self.cache.borrow().get(&(role, c)) {
            return *a;
        }
        let face = self.face(role);
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
    std::thread::scope(|s| {
        // The bundled faces load while the system's list is read (as they were inflated
        // here before); a role with an official face leaves its bundled one unused.
        s.spawn(|| {
            (0..BUNDLED.len()).for_each(|i| {
                bundled_face(i);
            })
        });
        db.load_system_fonts();
    });
    let file = |f: &fontdb::FaceInfo| match &f.source {
        fontdb::Source::File(path) => Some(path.clone()),
        _ => None,
    };
    // A bundled face is loaded only for a role the system has no official face for.
    let official = |role: Role| {
        let names = OFFICIAL.iter().find(|(r, _)| *r == role).expect("role").1;
        names
            .iter()
            .find_map(|name| {
                db.faces()
                    .find(|f| f.families.iter().any(|(fam, _)| fam == name))
                    .and_then(|f| FontSource::from_file(name, &file(f)?, f.index).ok())
            })
            .unwrap_or_else(|| bundled(role))
    };
    let mut out = SystemFonts {
        preferred: FontSet {
            title: official(Role::Title),
            body: official(Role::Body),
            heading: official(Role::Heading),
        },
        candidates: Vec::new(),
    };
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
    fn bundled_faces_are_cached_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let face = &BUNDLED[0];
        let inflated = load_bundled(face, Some(dir.path())).to_vec();
        assert_eq!(
            (inflated.len(), face_hash(&inflated)),
            (face.len, face.hash)
        );
        let copy = dir.path().join(format!("{}-{:016x}", face.name, face.hash));
        assert_eq!(std::fs::read(&copy).unwrap(), inflated);
        // A damaged copy is not used, and is replaced.
        let mut bad = inflated.clone();
        bad[1000] ^= 1;
        std::fs::write(&copy, &bad).unwrap();
        assert!(
            matches!(&*load_bundled(face, Some(dir.path())), FontBytes::Owned(f) if **f == *inflated)
        );
        assert_eq!(std::fs::read(&copy).unwrap(), inflated);
        // A good copy is mapped, not read.
        assert!(
            matches!(&*load_bundled(face, Some(dir.path())), FontBytes::Mmapped(f) if f[..] == *inflated)
        );
        // Nor is a short one, which is replaced too.
        std::fs::write(&copy, &inflated[..1000]).unwrap();
        assert_eq!(load_bundled(face, Some(dir.path())).as_slice(), inflated);
        assert_eq!(std::fs::read(&copy).unwrap(), inflated);
        assert_eq!(load_bundled(face, None).as_slice(), inflated);
    }

    #[test]
    fn discovery_always_returns_usable_faces() {
        let set = discover_system();
        assert!(Metrics::new(&set).is_ok());
    }
}
