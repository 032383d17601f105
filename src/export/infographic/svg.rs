//! The picture as SVG: every word a `<text>` (searchable, and read by screen readers), in
//! the faces the PDF embeds, named first, with the usual Chinese faces after them.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Anchor, Item, Scene};
use crate::export::pdf::{FontSet, Role};

/// The SVG document of `scene`, its texts in the faces of `fonts`.
pub fn to_svg(scene: &Scene, fonts: &FontSet) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    // Writing into a Vec cannot fail.
    let mut put = |e: Event| w.write_event(e).expect("write to memory");
    put(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut svg = BytesStart::new("svg");
    let (width, height) = (num(scene.width), num(scene.height));
    svg.push_attribute(("xmlns", "http://www.w3.org/2000/svg"));
    // "6件  6.59%": the two spaces kept.
    svg.push_attribute(("xml:space", "preserve"));
    svg.push_attribute(("width", width.as_str()));
    svg.push_attribute(("height", height.as_str()));
    svg.push_attribute(("viewBox", format!("0 0 {width} {height}").as_str()));
    put(Event::Start(svg));
    put(Event::Start(BytesStart::new("title")));
    put(Event::Text(BytesText::new(&scene.title)));
    put(Event::End(BytesEnd::new("title")));
    let mut background = BytesStart::new("rect");
    background.push_attribute(("width", "100%"));
    background.push_attribute(("height", "100%"));
    background.push_attribute(("fill", "#ffffff"));
    put(Event::Empty(background));
    let families = [Role::Title, Role::Body, Role::Heading].map(|r| (r, family(fonts, r)));
    for item in &scene.items {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                radius,
                fill,
            } => {
                let mut e = BytesStart::new("rect");
                for (k, v) in [("x", x), ("y", y), ("width", w), ("height", h)] {
                    e.push_attribute((k, num(*v).as_str()));
                }
                if *radius > 0.0 {
                    e.push_attribute(("rx", num(*radius).as_str()));
                }
                e.push_attribute(("fill", fill.hex().as_str()));
                put(Event::Empty(e));
            }
            Item::Polygon { points, fill } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|[x, y]| format!("{},{}", num(*x), num(*y)))
                    .collect();
                let mut e = BytesStart::new("polygon");
                e.push_attribute(("points", pts.join(" ").as_str()));
                e.push_attribute(("fill", fill.hex().as_str()));
                put(Event::Empty(e));
            }
            Item::Text(t) => {
                let mut e = BytesStart::new("text");
                e.push_attribute(("x", num(t.x).as_str()));
                e.push_attribute(("y", num(t.baseline).as_str()));
                e.push_attribute(("font-size", num(t.size).as_str()));
                let family = families.iter().find(|(r, _)| *r == t.role).expect("role");
                e.push_attribute(("font-family", family.1.as_str()));
                if t.role == Role::Title {
                    e.push_attribute(("font-weight", "bold"));
                }
                e.push_attribute(("fill", t.color.hex().as_str()));
                let anchor = match t.anchor {
                    Anchor::Start => None,
                    Anchor::Middle => Some("middle"),
                    Anchor::End => Some("end"),
                };
                if let Some(a) = anchor {
                    e.push_attribute(("text-anchor", a));
                }
                put(Event::Start(e));
                put(Event::Text(BytesText::new(&t.text)));
                put(Event::End(BytesEnd::new("text")));
            }
        }
    }
    put(Event::End(BytesEnd::new("svg")));
    let mut out = String::from_utf8(w.into_inner()).expect("UTF-8 in, UTF-8 out");
    out.push('\n');
    out
}

/// The font list of a role: the face the PDF embeds, then what a reader's machine has.
fn family(fonts: &FontSet, role: Role) -> String {
    let named = fonts.get(role).name.as_str();
    // The bundled title face is named with its weight; its family is that without it.
    let named = named.strip_suffix(" Bold").unwrap_or(named);
    let rest = match role {
        Role::Title => "方正小标宋简体, Noto Serif CJK SC, Source Han Serif SC, SimSun, serif",
        Role::Body => "仿宋, FangSong, Noto Serif CJK SC, Source Han Serif SC, serif",
        Role::Heading => {
            "黑体, SimHei, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif"
        }
    };
    // Names unquoted (CSS allows names of plain words), so the attribute needs no escapes.
    let named: String = named
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || !c.is_ascii())
        .collect();
    format!("{}, {rest}", named.trim())
}

/// A coordinate to a tenth, without trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}
