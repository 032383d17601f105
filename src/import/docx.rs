//! Word .docx: paragraphs and tables (with merged cells) to blocks.
//!
//! The package is opened with `zip` and the main part streamed with `quick-xml`. What a
//! reader of the printed page sees is kept: paragraphs with their automatic numbers
//! ("一、", "（一）"), tables with `gridSpan`/`vMerge`/`gridBefore` as grid spans, text
//! boxes and content controls; what Word does not print in the body is left out:
//! headers, footers, comments, deleted revisions, hidden text, field instructions and
//! content-control placeholders.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Block, Grid, GridCell, ImportError};

/// Uncompressed bytes read from one package at most: a report's document.xml is well
/// under 1 MB; more means a damaged or hostile file (a "zip bomb").
const MAX_UNZIPPED: u64 = 64 * 1024 * 1024;
/// Element nesting accepted in document.xml; Word's own documents stay below 30.
const MAX_DEPTH: usize = 256;

const FORM: &str = "Word 文档";
const WORD_NS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

fn damaged(reason: impl Into<String>) -> ImportError {
    ImportError::Damaged {
        form: FORM,
        reason: reason.into(),
    }
}

/// True for an OLE compound file holding an encrypted Office Open XML package (what Word,
/// WPS and Excel write when a document has a password): its directory names the
/// `EncryptionInfo` and `EncryptedPackage` streams, in UTF-16LE.
pub fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// Reads a .docx package into blocks.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => ImportError::Encrypted,
        _ => damaged(
            "文件不完整或已损坏（不是完整的 zip 压缩包），请在 Word 或 WPS 中重新保存后再导入",
        ),
    })?;
    let mut budget = MAX_UNZIPPED;
    let main = main_part(&mut zip, &mut budget)?;
    let Some(document) = read_part(&mut zip, &main, &mut budget)? else {
        return Err(not_word(&zip));
    };
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let rels_name = format!("{dir}/_rels/{}.rels", main.rsplit('/').next().unwrap_or(""));
    let rels = read_part(&mut zip, &rels_name, &mut budget)?.unwrap_or_default();
    let target = |kind: &str, default: &str| {
        relationship(&rels, kind).map_or_else(|| format!("{dir}/{default}"), |t| join(dir, &t))
    };
    let numbering = match read_part(
        &mut zip,
        &target("/numbering", "numbering.xml"),
        &mut budget,
    )? {
        Some(x) => Numbering::parse(&x),
        None => Numbering::default(),
    };
    let styles = match read_part(&mut zip, &target("/styles", "styles.xml"), &mut budget)? {
        Some(x) => style_numbering(&x),
        None => HashMap::new(),
    };
    Body::new(numbering, styles).read(&document)
}

/// The main document part named by the package relationships (`word/document.xml` in
/// what Word and WPS write).
fn main_part(zip: &mut ZipArchive<Cursor<&[u8]>>, budget: &mut u64) -> Result<String, ImportError> {
    let rels = read_part(zip, "_rels/.rels", budget)?.unwrap_or_default();
    Ok(relationship(&rels, "/officeDocument")
        .map(|t| t.trim_start_matches('/').to_string())
        .unwrap_or_else(|| "word/document.xml".to_string()))
}

/// Why a zip without a Word main part is not read: say what it is when that is known.
fn not_word(zip: &ZipArchive<Cursor<&[u8]>>) -> ImportError {
    let has = |prefix: &str| zip.file_names().any(|n| n.starts_with(prefix));
    let what = if has("xl/") {
        "这是 Excel 表格，不是 Word 文档"
    } else if has("ppt/") {
        "这是 PowerPoint 演示文稿，不是 Word 文档"
    } else if zip.file_names().any(|n| n == "mimetype") && has("content.xml") {
        "这是 OpenDocument 文件（如 .odt），请在 WPS 或 LibreOffice 中另存为 .docx 后再导入"
    } else {
        "压缩包中没有 Word 文档的正文（word/document.xml），不是 Word 文档"
    };
    damaged(what)
}

/// One part's bytes, `None` when the package has no such part. Part names are
/// case-insensitive in a package.
fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, ImportError> {
    let index = match zip.index_for_name(name) {
        Some(i) => i,
        None => {
            let Some(real) = zip
                .file_names()
                .find(|n| n.eq_ignore_ascii_case(name))
                .map(str::to_string)
            else {
                return Ok(None);
            };
            match zip.index_for_name(&real) {
                Some(i) => i,
                None => return Ok(None),
            }
        }
    };
    let file = zip.by_index(index).map_err(|e| match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => ImportError::Encrypted,
        ZipError::CompressionMethodNotSupported(_) | ZipError::UnsupportedArchive(_) => {
            damaged("使用了不支持的压缩方式，请在 Word 或 WPS 中重新保存后再导入")
        }
        _ => damaged("文件不完整或已损坏，请在 Word 或 WPS 中重新保存后再导入"),
    })?;
    let mut out = Vec::new();
    // One byte over the budget tells a part that is too large from one that fits exactly.
    let read = file
        .take(*budget + 1)
        .read_to_end(&mut out)
        .map_err(|_| damaged("文件内容已损坏（解压失败），请在 Word 或 WPS 中重新保存后再导入"))?;
    if read as u64 > *budget {
        return Err(damaged(format!(
            "解压后的内容超过 {} MB，不是正常的年度报告文档",
            MAX_UNZIPPED / (1024 * 1024)
        )));
    }
    *budget -= read as u64;
    Ok(Some(out))
}

/// The target of the first relationship whose type ends with `kind`.
fn relationship(rels: &[u8], kind: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let ty = attr(&e, b"Type")?;
                if ty.ends_with(kind) {
                    return attr(&e, b"Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// A relationship target relative to the part's folder ("../x" and absolute "/x" too).
fn join(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// An attribute's value by local name (`w:val` and `val` alike), unescaped.
fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// An on/off property (`<w:vanish/>`, `<w:vanish w:val="0"/>`).
fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

// ---------------------------------------------------------------------------------------
// Numbering (numbering.xml) and the numbering that paragraph styles carry (styles.xml).

#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: i64,
    suffix_space: bool,
}

type NumDef = (String, String, Vec<(usize, i64)>);

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its levels (by ilvl).
    abstracts: HashMap<String, HashMap<usize, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, Vec<(usize, i64)>)>,
    /// Current count of each level, by abstractNumId (lists sharing one continue it).
    counters: HashMap<String, [Option<i64>; 9]>,
    /// numIds already used: their start overrides apply once, at the first paragraph.
    used: HashSet<String>,
}

impl Numbering {
    fn parse(xml: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        // (numId, abstractNumId, start overrides by level) of the <w:num> being read.
        let mut num: Option<NumDef> = None;
        let mut override_level: Option<usize> = None;
        let mut depth = 0usize;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    depth = depth.saturating_sub(1);
                    match e.local_name().as_ref() {
                        b"lvl" => {
                            if let (Some(a), Some((i, l))) = (&abstract_id, level.take()) {
                                n.abstracts.entry(a.clone()).or_default().insert(i, l);
                            }
                        }
                        b"abstractNum" => abstract_id = None,
                        b"num" => {
                            if let Some((id, a, o)) = num.take() {
                                n.nums.insert(id, (a, o));
                            }
                        }
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            if !empty {
                depth += 1;
                if depth > MAX_DEPTH {
                    break;
                }
            }
            match e.local_name().as_ref() {
                b"abstractNum" => abstract_id = attr(&e, b"abstractNumId"),
                b"lvl" if num.is_none() => {
                    let i = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        i,
                        Level {
                            format: "decimal".into(),
                            text: String::new(),
                            start: 1,
                            suffix_space: false,
                        },
                    ));
                }
                b"numFmt" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"val")) {
                        l.format = v;
                    }
                }
                b"lvlText" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"val")) {
                        l.text = v;
                    }
                }
                b"start" => {
                    if let (Some((_, l)), Some(v)) = (
                        level.as_mut(),
                        attr(&e, b"val").and_then(|v| list_start(&v)),
                    ) {
                        l.start = v;
                    }
                }
                b"suff" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.suffix_space = attr(&e, b"val").as_deref() == Some("space");
                    }
                }
                b"num" => {
                    if let Some(id) = attr(&e, b"numId") {
                        num = Some((id, String::new(), Vec::new()));
                    }
                }
                b"abstractNumId" => {
                    if let (Some(num), Some(v)) = (num.as_mut(), attr(&e, b"val")) {
                        num.1 = v;
                    }
                }
                b"lvlOverride" => {
                    override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                }
                b"startOverride" => {
                    if let (Some(num), Some(i), Some(v)) = (
                        num.as_mut(),
                        override_level,
                        attr(&e, b"val").and_then(|v| list_start(&v)),
                    ) {
                        num.2.push((i, v));
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The number printed before a paragraph of list `num_id` at level `ilvl`, counting
    /// it; empty for bullets and unknown lists.
    fn label(&mut self, num_id: &str, ilvl: usize) -> String {
        let ilvl = ilvl.min(8);
        let Some((abs, overrides)) = self.nums.get(num_id) else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(abs) else {
            return String::new();
        };
        let start = |i: usize| levels.get(&i).map_or(1, |l| l.start);
        let counters = self.counters.entry(abs.clone()).or_insert([None; 9]);
        if self.used.insert(num_id.to_string()) {
            for &(i, v) in overrides {
                if i < 9 {
                    counters[i] = Some(v.saturating_sub(1));
                    counters[i + 1..].iter_mut().for_each(|c| *c = None);
                }
            }
        }
        let value = counters[ilvl].map_or(start(ilvl), |c| c.saturating_add(1));
        counters[ilvl] = Some(value);
        counters[ilvl + 1..].iter_mut().for_each(|c| *c = None);
        let Some(level) = levels.get(&ilvl) else {
            return String::new();
        };
        if level.format == "bullet" || level.format == "none" {
            return String::new();
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let n = counters[i].unwrap_or_else(|| start(i));
                    let format = levels.get(&i).map_or("decimal", |l| l.format.as_str());
                    out.push_str(&format_number(n, format));
                }
                _ => out.push(c),
            }
        }
        if level.suffix_space && !out.is_empty() {
            out.push(' ');
        }
        out
    }
}

/// A list's start value, bounded: Word allows 0–32767; anything else is damage.
fn list_start(v: &str) -> Option<i64> {
    v.trim().parse::<i64>().ok().map(|n| n.clamp(-32768, 32767))
}

/// A list number in one of Word's formats; unknown formats print decimal.
fn format_number(n: i64, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const PAREN: &str = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    const STOP: &str = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
    const IDEO_CIRCLED: &str = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩";
    const HEAVENLY: &str = "甲乙丙丁戊己庚辛壬癸";
    const EARTHLY: &str = "子丑寅卯辰巳午未申酉戌亥";
    let nth = |set: &str| {
        usize::try_from(n.saturating_sub(1))
            .ok()
            .and_then(|i| set.chars().nth(i))
            .map(String::from)
    };
    let fallback = || n.to_string();
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => chinese(n).unwrap_or_else(fallback),
        "chineseLegalSimplified" => chinese(n)
            .map(|s| {
                s.chars()
                    .map(|c| match c {
                        '一' => '壹',
                        '二' => '贰',
                        '三' => '叁',
                        '四' => '肆',
                        '五' => '伍',
                        '六' => '陆',
                        '七' => '柒',
                        '八' => '捌',
                        '九' => '玖',
                        '十' => '拾',
                        '百' => '佰',
                        c => c,
                    })
                    .collect()
            })
            .unwrap_or_else(fallback),
        "ideographDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| match c {
                '0' => '〇',
                d => "〇一二三四五六七八九"
                    .chars()
                    .nth(d.to_digit(10).unwrap_or(0) as usize)
                    .unwrap_or(d),
            })
            .collect(),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32('０' as u32 + d).unwrap_or(c),
                None => c,
            })
            .collect(),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            nth(CIRCLED).unwrap_or_else(fallback)
        }
        "decimalEnclosedParen" => nth(PAREN).unwrap_or_else(fallback),
        "decimalEnclosedFullstop" => nth(STOP).unwrap_or_else(fallback),
        "ideographEnclosedCircle" => nth(IDEO_CIRCLED).unwrap_or_else(fallback),
        "ideographTraditional" => nth(HEAVENLY).unwrap_or_else(fallback),
        "ideographZodiac" => nth(EARTHLY).unwrap_or_else(fallback),
        "upperLetter" | "lowerLetter" => {
            let Ok(i) = u32::try_from(n.saturating_sub(1)) else {
                return fallback();
            };
            // Word repeats the letter past Z: AA, BB, ...
            let base = if format == "upperLetter" { 'A' } else { 'a' };
            let c = char::from_u32(base as u32 + i % 26).unwrap_or(base);
            std::iter::repeat_n(c, (i / 26 + 1).min(10) as usize).collect()
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n).unwrap_or_else(fallback);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        _ => fallback(),
    }
}

/// 1–9999 in Chinese counting ("十一", "二十", "一百零五").
fn chinese(n: i64) -> Option<String> {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if !(1..10000).contains(&n) {
        return None;
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // "十一", not "一十一", when ten leads.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(D[d as usize]);
        }
        out.push_str(units[i]);
    }
    Some(out)
}

fn roman(n: i64) -> Option<String> {
    if !(1..4000).contains(&n) {
        return None;
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// Paragraph styles that number their paragraphs (a heading style tied to a list):
/// styleId → (numId, ilvl), following `basedOn`.
fn style_numbering(xml: &[u8]) -> HashMap<String, (String, usize)> {
    struct Style {
        based_on: Option<String>,
        num: Option<String>,
        ilvl: Option<usize>,
    }
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    let mut reader = quick_xml::Reader::from_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    current = attr(&e, b"styleId").map(|id| {
                        (
                            id,
                            Style {
                                based_on: None,
                                num: None,
                                ilvl: None,
                            },
                        )
                    })
                }
                b"basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, b"val");
                    }
                }
                b"numId" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.num = attr(&e, b"val");
                    }
                }
                b"ilvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.ilvl = attr(&e, b"val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                if let Some((id, s)) = current.take() {
                    styles.insert(id, s);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for id in styles.keys() {
        let (mut num, mut ilvl) = (None, None);
        let mut at = Some(id.as_str());
        // basedOn chains are short; the bound stops a cycle.
        for _ in 0..16 {
            let Some(s) = at.and_then(|a| styles.get(a)) else {
                break;
            };
            num = num.or(s.num.clone());
            ilvl = ilvl.or(s.ilvl);
            at = s.based_on.as_deref();
        }
        if let Some(num) = num.filter(|n| n != "0") {
            out.insert(id.clone(), (num, ilvl.unwrap_or(0)));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The body.

/// The WordprocessingML elements the reader acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    R,
    T,
    Tab,
    Br,
    Cr,
    NoBreakHyphen,
    Tbl,
    Tr,
    Tc,
    TcPr,
    TrPr,
    PPr,
    RPr,
    NumPr,
    Ilvl,
    NumId,
    PStyle,
    GridSpan,
    VMerge,
    GridBefore,
    TxbxContent,
    Sdt,
    SdtPr,
    SdtContent,
    ShowingPlcHdr,
    Vanish,
    /// Content that is not printed: deleted or moved-away revisions, field
    /// instructions, the VML copy of a drawing (`mc:Fallback`), comments' marks.
    Skip,
    Other,
}

impl Tag {
    fn of(local: &[u8], word: bool, mc: bool) -> Tag {
        if mc {
            return if local == b"Fallback" {
                Tag::Skip
            } else {
                Tag::Other
            };
        }
        if !word {
            return Tag::Other;
        }
        match local {
            b"p" => Tag::P,
            b"r" => Tag::R,
            b"t" => Tag::T,
            b"tab" => Tag::Tab,
            b"br" => Tag::Br,
            b"cr" => Tag::Cr,
            b"noBreakHyphen" => Tag::NoBreakHyphen,
            b"tbl" => Tag::Tbl,
            b"tr" => Tag::Tr,
            b"tc" => Tag::Tc,
            b"tcPr" => Tag::TcPr,
            b"trPr" => Tag::TrPr,
            b"pPr" => Tag::PPr,
            b"rPr" => Tag::RPr,
            b"numPr" => Tag::NumPr,
            b"ilvl" => Tag::Ilvl,
            b"numId" => Tag::NumId,
            b"pStyle" => Tag::PStyle,
            b"gridSpan" => Tag::GridSpan,
            b"vMerge" => Tag::VMerge,
            b"gridBefore" => Tag::GridBefore,
            b"txbxContent" => Tag::TxbxContent,
            b"sdt" => Tag::Sdt,
            b"sdtPr" => Tag::SdtPr,
            b"sdtContent" => Tag::SdtContent,
            b"showingPlcHdr" => Tag::ShowingPlcHdr,
            b"vanish" => Tag::Vanish,
            b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" => Tag::Skip,
            _ => Tag::Other,
        }
    }
}

#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: usize,
    style: Option<String>,
    /// Blocks of text boxes anchored in this paragraph: they follow it.
    anchored: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

struct Cell {
    span: usize,
    merge: Merge,
    blocks: Vec<Block>,
}

#[derive(Default)]
struct Row {
    grid_before: usize,
    cells: Vec<Cell>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

struct Body {
    numbering: Numbering,
    styles: HashMap<String, (String, usize)>,
    /// Where finished blocks go: the body, then one per open cell or text box.
    containers: Vec<Vec<Block>>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// Open elements, innermost last.
    path: Vec<Tag>,
    /// Depth in `path` of the element being skipped, if any.
    skip_from: Option<usize>,
    /// Per open `w:sdt`: whether it shows its placeholder text.
    sdt_placeholder: Vec<bool>,
    run_hidden: bool,
    word_prefix: Vec<u8>,
    mc_prefix: Vec<u8>,
}

impl Body {
    fn new(numbering: Numbering, styles: HashMap<String, (String, usize)>) -> Body {
        Body {
            numbering,
            styles,
            containers: vec![Vec::new()],
            paras: Vec::new(),
            tables: Vec::new(),
            path: Vec::new(),
            skip_from: None,
            sdt_placeholder: Vec::new(),
            run_hidden: false,
            word_prefix: b"w".to_vec(),
            mc_prefix: b"mc".to_vec(),
        }
    }

    fn read(mut self, xml: &[u8]) -> Result<Vec<Block>, ImportError> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut root = true;
        loop {
            let event = reader.read_event().map_err(|_| {
                damaged("文档正文（document.xml）不是完整的 XML，文件可能已损坏，请在 Word 或 WPS 中重新保存后再导入")
            })?;
            match event {
                Event::Start(e) => {
                    if root {
                        self.learn_prefixes(&e);
                        root = false;
                    }
                    let tag = self.tag(&e);
                    self.path.push(tag);
                    if self.path.len() > MAX_DEPTH {
                        return Err(damaged("文档结构嵌套过深，不是正常的年度报告文档"));
                    }
                    self.start(tag, &e);
                }
                Event::Empty(e) => {
                    let tag = self.tag(&e);
                    self.path.push(tag);
                    self.start(tag, &e);
                    self.end();
                }
                Event::End(_) => self.end(),
                Event::Text(t) if self.in_text() => {
                    let t = t
                        .xml10_content()
                        .map_err(|_| damaged("文档正文的文字编码有误"))?;
                    self.push_text(&t);
                }
                Event::CData(t) if self.in_text() => {
                    let t = String::from_utf8_lossy(&t).into_owned();
                    self.push_text(&t);
                }
                Event::GeneralRef(r) if self.in_text() => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => r.decode().ok().and_then(|name| {
                            quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                        }),
                    };
                    if let Some(c) = c {
                        self.push_text(&c);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !self.path.is_empty() {
            return Err(damaged(
                "文档正文（document.xml）不完整，文件可能已损坏，请在 Word 或 WPS 中重新保存后再导入",
            ));
        }
        // Whatever is still open after a truncated file has already been refused above.
        Ok(self.containers.swap_remove(0))
    }

    /// The prefixes the root element binds to WordprocessingML and markup compatibility
    /// (`w` and `mc` in what Word writes, but any prefix is allowed).
    fn learn_prefixes(&mut self, e: &BytesStart) {
        for a in e.attributes().flatten() {
            let key = a.key.as_ref();
            let prefix = match key.strip_prefix(b"xmlns") {
                Some(b"") => Vec::new(),
                Some(rest) if rest.starts_with(b":") => rest[1..].to_vec(),
                _ => continue,
            };
            if WORD_NS.contains(&a.value.as_ref()) {
                self.word_prefix = prefix;
            } else if a.value.as_ref() == MC_NS {
                self.mc_prefix = prefix;
            }
        }
    }

    fn tag(&self, e: &BytesStart) -> Tag {
        let name = e.name();
        let prefix = name.prefix().map_or(&b""[..], |p| p.into_inner());
        let local = name.local_name();
        Tag::of(
            local.as_ref(),
            prefix == self.word_prefix.as_slice(),
            prefix == self.mc_prefix.as_slice(),
        )
    }

    fn parent(&self) -> Option<Tag> {
        self.path.len().checked_sub(2).map(|i| self.path[i])
    }

    fn in_text(&self) -> bool {
        self.skip_from.is_none() && self.path.last() == Some(&Tag::T) && !self.run_hidden
    }

    fn push_text(&mut self, t: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(t);
        }
    }

    fn start(&mut self, tag: Tag, e: &BytesStart) {
        if self.skip_from.is_some() {
            return;
        }
        let in_run = self.parent() == Some(Tag::R);
        match tag {
            Tag::Skip => self.skip_from = Some(self.path.len()),
            Tag::SdtContent if self.sdt_placeholder.last() == Some(&true) => {
                self.skip_from = Some(self.path.len())
            }
            Tag::P => self.paras.push(Para::default()),
            Tag::R => self.run_hidden = false,
            Tag::Vanish if self.parent() == Some(Tag::RPr) => self.run_hidden = on(e),
            Tag::Tab if in_run && !self.run_hidden => self.push_text("\t"),
            Tag::Br | Tag::Cr if in_run && !self.run_hidden => self.push_text("\n"),
            Tag::NoBreakHyphen if in_run && !self.run_hidden => self.push_text("-"),
            Tag::PStyle if self.parent() == Some(Tag::PPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, b"val");
                }
            }
            Tag::NumId if self.parent() == Some(Tag::NumPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = attr(e, b"val");
                }
            }
            Tag::Ilvl if self.parent() == Some(Tag::NumPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            Tag::Tbl => self.tables.push(Table::default()),
            Tag::Tr => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Row::default());
                }
            }
            Tag::GridBefore if self.parent() == Some(Tag::TrPr) => {
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.grid_before = span_value(e);
                }
            }
            Tag::Tc => {
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.cells.push(Cell {
                        span: 1,
                        merge: Merge::None,
                        blocks: Vec::new(),
                    });
                }
                self.containers.push(Vec::new());
            }
            Tag::GridSpan if self.parent() == Some(Tag::TcPr) => {
                if let Some(c) = self.current_cell() {
                    c.span = span_value(e).max(1);
                }
            }
            Tag::VMerge if self.parent() == Some(Tag::TcPr) => {
                if let Some(c) = self.current_cell() {
                    c.merge = match attr(e, b"val").as_deref() {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    };
                }
            }
            Tag::TxbxContent => self.containers.push(Vec::new()),
            Tag::Sdt => self.sdt_placeholder.push(false),
            Tag::ShowingPlcHdr if self.parent() == Some(Tag::SdtPr) => {
                if let Some(s) = self.sdt_placeholder.last_mut() {
                    *s = on(e);
                }
            }
            _ => {}
        }
    }

    fn current_cell(&mut self) -> Option<&mut Cell> {
        self.tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.cells.last_mut())
    }

    fn end(&mut self) {
        let depth = self.path.len();
        let Some(tag) = self.path.pop() else {
            return;
        };
        if let Some(from) = self.skip_from {
            if depth == from {
                self.skip_from = None;
            }
            return;
        }
        match tag {
            Tag::P => {
                if let Some(p) = self.paras.pop() {
                    self.finish_paragraph(p);
                }
            }
            Tag::R => self.run_hidden = false,
            Tag::Tc => {
                let blocks = self.pop_container();
                if let Some(c) = self.current_cell() {
                    c.blocks = blocks;
                }
            }
            Tag::Tbl => {
                if let Some(t) = self.tables.pop() {
                    let blocks = t.into_blocks();
                    self.container().extend(blocks);
                }
            }
            Tag::TxbxContent => {
                let blocks = self.pop_container();
                match self.paras.last_mut() {
                    Some(p) => p.anchored.extend(blocks),
                    None => self.container().extend(blocks),
                }
            }
            Tag::Sdt => {
                self.sdt_placeholder.pop();
            }
            _ => {}
        }
    }

    fn container(&mut self) -> &mut Vec<Block> {
        // The body container is never popped (pop_container keeps it).
        if self.containers.is_empty() {
            self.containers.push(Vec::new());
        }
        let last = self.containers.len() - 1;
        &mut self.containers[last]
    }

    fn pop_container(&mut self) -> Vec<Block> {
        if self.containers.len() > 1 {
            self.containers.pop().unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    fn finish_paragraph(&mut self, p: Para) {
        let numbered = match &p.num_id {
            Some(id) => Some((id.clone(), p.ilvl)),
            None => p.style.as_ref().and_then(|s| self.styles.get(s)).cloned(),
        };
        let mut text = match numbered {
            Some((id, ilvl)) if id != "0" => self.numbering.label(&id, ilvl),
            _ => String::new(),
        };
        text.push_str(&p.text);
        let container = self.container();
        container.push(Block::Para(text));
        container.extend(p.anchored);
    }
}

/// A span count (`gridSpan`, `gridBefore`), bounded: Word allows at most 63 columns.
fn span_value(e: &BytesStart) -> usize {
    attr(e, b"val")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .min(64)
}

impl Table {
    /// A data table as a grid; a layout table (one holding tables in its cells, or a
    /// single column of cells framing text) as its cells' contents in reading order.
    fn into_blocks(self) -> Vec<Block> {
        let layout = self
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.blocks.iter().any(|b| matches!(b, Block::Table(_))))
            || self
                .rows
                .iter()
                .all(|r| r.cells.len() <= 1 && r.grid_before == 0);
        if layout {
            return self
                .rows
                .into_iter()
                .flat_map(|r| r.cells)
                .flat_map(|c| c.blocks)
                .collect();
        }
        vec![Block::Table(self.into_grid())]
    }

    fn into_grid(self) -> Grid {
        let mut rows: Vec<Vec<GridCell>> = Vec::with_capacity(self.rows.len());
        // Open vertical merges by starting grid column: (row, index in that row).
        let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
        for (ri, row) in self.rows.into_iter().enumerate() {
            let mut out = Vec::with_capacity(row.cells.len());
            let mut continued = HashSet::new();
            let mut col = row.grid_before;
            for cell in row.cells {
                let text = cell_text(&cell.blocks);
                let above = (cell.merge == Merge::Continue)
                    .then(|| open.get(&col).copied())
                    .flatten();
                match above {
                    Some((r, i)) => {
                        let target = &mut rows[r][i];
                        target.rowspan += 1;
                        // Word shows only the first cell's text; what the others hold is
                        // kept rather than lost.
                        if !text.trim_matches(super::blocks::is_space).is_empty() {
                            target.text.push('\n');
                            target.text.push_str(&text);
                        }
                        continued.insert(col);
                    }
                    None => {
                        if cell.merge != Merge::None {
                            open.insert(col, (ri, out.len()));
                            continued.insert(col);
                        }
                        out.push(GridCell::new(text, col).span(cell.span, 1));
                    }
                }
                col += cell.span;
            }
            open.retain(|c, _| continued.contains(c));
            rows.push(out);
        }
        Grid { rows }
    }
}

/// A cell's paragraphs joined with `\n` (tables nested in a data table: their rows, one
/// per line, so no text is lost).
fn cell_text(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Para(p) => parts.push(p.clone()),
            Block::Table(g) => {
                parts.extend(super::blocks::table_text(g).lines().map(str::to_string))
            }
        }
    }
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

    /// A package with the given parts, as Word lays it out.
    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, text) in parts {
                z.start_file(*name, opts).unwrap();
                z.write_all(text.as_bytes()).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        docx_with(body, None)
    }

    fn docx_with(body: &str, numbering: Option<&str>) -> Vec<u8> {
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        );
        let mut parts = vec![("word/document.xml", doc.as_str())];
        let num;
        if let Some(n) = numbering {
            num = format!(r#"<w:numbering {NS}>{n}</w:numbering>"#);
            parts.push(("word/numbering.xml", num.as_str()));
        }
        package(&parts)
    }

    use crate::import::blocks::paragraph_texts as paras;

    #[test]
    fn runs_split_anywhere_are_joined_with_tabs_and_breaks() {
        let blocks = read(&docx(
            r#"<w:p><w:r><w:t>一、总</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">体情况 </w:t></w:r><w:r><w:tab/><w:t>A&amp;B</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>"#,
        ))
        .unwrap();
        assert_eq!(paras(&blocks), ["一、总体情况 \tA&B\n下一行"]);
    }

    #[test]
    fn deleted_hidden_and_field_instructions_are_left_out() {
        let blocks = read(&docx(
            r#"<w:p><w:del><w:r><w:delText>旧文字</w:delText></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>文字</w:t></w:r></w:p>"#,
        ))
        .unwrap();
        assert_eq!(paras(&blocks), ["新文字"]);
    }

    #[test]
    fn text_boxes_follow_their_paragraph_once_and_placeholders_are_dropped() {
        let blocks = read(&docx(
            r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>
            <w:sdt><w:sdtPr></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件内容</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        ))
        .unwrap();
        assert_eq!(paras(&blocks), ["正文", "框内", "控件内容"]);
    }

    #[test]
    fn automatic_numbers_are_printed() {
        let numbering = r#"<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="4"/></w:num>"#;
        let p = |lvl: usize, num: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let mut body = String::new();
        for (lvl, num, text) in [
            (0, "1", "总体情况"),
            (1, "1", "主动公开"),
            (1, "1", "依申请公开"),
            (2, "1", "细项"),
            (0, "1", "主动公开政府信息情况"),
            (1, "1", "新的二级"),
            (0, "2", "要点"),
            (0, "0", "不编号"),
        ] {
            body.push_str(&p(lvl, num, text));
        }
        for _ in 0..9 {
            body.push_str(&p(0, "1", "x"));
        }
        let blocks = read(&docx_with(&body, Some(numbering))).unwrap();
        let got = paras(&blocks);
        assert_eq!(
            got[..8],
            [
                "一、总体情况",
                "（一）主动公开",
                "（二）依申请公开",
                "1. 细项",
                "二、主动公开政府信息情况",
                "（一）新的二级",
                "要点",
                "不编号"
            ]
        );
        assert_eq!(got[16], "十一、x");
    }

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 10, 11, 20, 21, 100, 105, 110, 1001]
            .iter()
            .map(|&n| chinese(n).unwrap())
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十",
                "一千零一"
            ]
        );
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(27, "upperLetter"), "AA");
    }

    fn tc(text: &str, props: &str) -> String {
        format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
    }

    #[test]
    fn merged_cells_become_spans() {
        // | A (2 rows) | B C (span 2)  |
        // |            | D    | E      |
        // |   (gridBefore 1)  | F      |
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>{}</w:tr></w:tbl>",
            tc("A", r#"<w:vMerge w:val="restart"/>"#),
            tc("BC", r#"<w:gridSpan w:val="2"/>"#),
            tc("", "<w:vMerge/>"),
            tc("D", ""),
            tc("　", ""),
            tc("F", ""),
        );
        let blocks = read(&docx(&body)).unwrap();
        let [Block::Table(g)] = blocks.as_slice() else {
            panic!("one table expected: {blocks:?}");
        };
        assert_eq!(g.rows[0][0], GridCell::new("A", 0).span(1, 2));
        assert_eq!(g.rows[0][1], GridCell::new("BC", 1).span(2, 1));
        assert_eq!(g.rows[1], [GridCell::new("D", 1), GridCell::new("　", 2)]);
        assert_eq!(g.rows[2], [GridCell::new("F", 2)]);
    }

    #[test]
    fn layout_tables_are_flattened() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("规章", ""),
            tc("3", "")
        );
        let body = format!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>标题</w:t></w:r></w:p>{inner}<w:p><w:r><w:t>后文</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        );
        let blocks = read(&docx(&body)).unwrap();
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(blocks[0], Block::Para("标题".into()));
        assert!(matches!(&blocks[1], Block::Table(g) if g.rows[0][1].text == "3"));
        assert_eq!(blocks[2], Block::Para("后文".into()));
    }

    #[test]
    fn bad_packages_are_explained() {
        let msg = |bytes: &[u8]| read(bytes).unwrap_err().to_string();
        assert!(msg(b"PK\x03\x04garbage").contains("不是完整的 zip"));
        let good = docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
        assert!(msg(&good[..good.len() / 2]).contains("不完整或已损坏"));
        let xlsx = package(&[("xl/workbook.xml", "<workbook/>")]);
        assert!(msg(&xlsx).contains("Excel"));
        let other = package(&[("readme.txt", "hello")]);
        assert!(msg(&other).contains("不是 Word 文档"));
        let cut = package(&[(
            "word/document.xml",
            &format!("<w:document {NS}><w:body><w:p><w:r><w:t>x"),
        )]);
        assert!(msg(&cut).contains("不完整"));
        let deep = format!(
            "<w:document {NS}><w:body>{}</w:body></w:document>",
            "<w:sdt><w:sdtContent>".repeat(200)
        );
        assert!(msg(&package(&[("word/document.xml", &deep)])).contains("嵌套过深"));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_cap() {
        // 80 MB of spaces inside a paragraph compress to well under 1 MB.
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            z.start_file("word/document.xml", opts).unwrap();
            z.write_all(format!("<w:document {NS}><w:body><w:p><w:r><w:t>").as_bytes())
                .unwrap();
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..80 {
                z.write_all(&chunk).unwrap();
            }
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 2 << 20, "{}", bytes.len());
        let err = read(&bytes).unwrap_err().to_string();
        assert!(err.contains("超过 64 MB"), "{err}");
    }
}
