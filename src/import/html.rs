//! Saved web pages: the report's paragraphs and `<table>`s to blocks, portal chrome left
//! out.
//!
//! The page is parsed by `scraper` (html5ever, the HTML5 parsing algorithm browsers use),
//! so broken markup ends up in the same tree a browser shows. The report is found as the
//! smallest element holding the most section headings and statistical tables; what is
//! left of the portal inside it (breadcrumbs, "来源/时间" lines, "字号 大 中 小", print and
//! share links, attachment lists, footers) is dropped paragraph by paragraph.

use std::ops::Range;
use std::sync::LazyLock;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use regex::Regex;
use scraper::{Html, Node};

use super::{Block, Grid, ImportError};
use crate::template;

/// Reads an HTML page (UTF-8, or the charset it declares, or GBK) into blocks; also
/// returns the name of the encoding it was read in.
pub fn read(bytes: &[u8]) -> Result<(Vec<Block>, &'static str), ImportError> {
    let (text, encoding) = decode(bytes)?;
    let html = Html::parse_document(&text);
    Ok((blocks_of(&html), encoding))
}

/// Reads an HTML fragment (what a browser or Word puts on the clipboard) into blocks.
pub fn read_fragment(html: &str) -> Vec<Block> {
    // Windows' "HTML Format" starts with a header of offsets ("Version:0.9
    // StartHTML:…") before the markup.
    let html = match html.trim_start().starts_with("Version:") {
        true => html.find('<').map_or("", |i| &html[i..]),
        false => html,
    };
    blocks_of(&Html::parse_document(html))
}

// ---------------------------------------------------------------------------------------
// Encoding.

/// The charset a page declares in its first bytes: `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`. This is the HTML standard's
/// byte-level prescan, done before there is any text to parse.
static META_CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-.:]+)"#)
        .expect("valid regex")
});

fn decode(bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
        return finish(text.into_owned(), bad, name(enc));
    }
    let head = &bytes[..bytes.len().min(4096)];
    let declared = META_CHARSET
        .captures(head)
        .and_then(|c| Encoding::for_label(&c[1]));
    let utf8 = std::str::from_utf8(bytes).ok();
    match declared {
        // A page served as UTF-16 cannot declare it in ASCII bytes; such a label is wrong.
        Some(enc) if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE => {
            // GBK and GB2312 pages are read as GB18030, which contains both.
            let enc = if enc == encoding_rs::GBK {
                GB18030
            } else {
                enc
            };
            let (text, _, bad) = enc.decode(bytes);
            if bad && let Some(s) = utf8 {
                // Saved again as UTF-8 by an editor that kept the old declaration.
                return Ok((s.to_string(), "UTF-8"));
            }
            finish(text.into_owned(), bad, name(enc))
        }
        _ => match utf8 {
            Some(s) => Ok((s.to_string(), "UTF-8")),
            None => {
                let (text, _, bad) = GB18030.decode(bytes);
                finish(text.into_owned(), bad, name(GB18030))
            }
        },
    }
}

fn name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc == encoding_rs::GBK {
        "GB18030（GBK）"
    } else {
        enc.name()
    }
}

fn finish(
    text: String,
    bad: bool,
    name: &'static str,
) -> Result<(String, &'static str), ImportError> {
    // A few undecodable bytes are tolerable (a truncated last character); many mean the
    // declaration is wrong or the file is not a page.
    if bad && text.matches('\u{FFFD}').count() > 16 + text.len() / 200 {
        return Err(ImportError::Encoding);
    }
    Ok((text, name))
}

// ---------------------------------------------------------------------------------------
// The report inside the page.

/// Elements whose content a reader never sees as part of the page's text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "title"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "select"
            | "option"
            | "iframe"
            | "frame"
            | "object"
            | "embed"
            | "canvas"
            | "svg"
            | "math"
            | "map"
            | "button"
            | "input"
            | "textarea"
            | "video"
            | "audio"
    )
}

/// An element a browser does not show. Asked of every element of the page (office suites
/// give nearly every one a style), so its attributes are looked at in one pass and nothing
/// is allocated.
fn hidden(e: &scraper::node::Element) -> bool {
    e.attrs().any(|(name, value)| match name {
        "hidden" => true,
        "aria-hidden" => value == "true",
        "style" => hiding_style(value),
        _ => false,
    })
}

/// `display: none` or `visibility: hidden` among a style attribute's declarations, in any
/// case and spacing (a CSS parser for two properties would be more than the job needs).
/// Bytes, not chars: this runs for every declaration of every element, and CSS keywords
/// and the separators are ASCII.
fn hiding_style(style: &str) -> bool {
    style.as_bytes().split(|&b| b == b';').any(|decl| {
        let Some(colon) = decl.iter().position(|&b| b == b':') else {
            return false;
        };
        let property = decl[..colon].trim_ascii();
        let value = decl[colon + 1..].trim_ascii();
        let value = value
            .strip_suffix(b"!important")
            .map_or(value, <[u8]>::trim_ascii_end);
        (property.eq_ignore_ascii_case(b"display") && value.eq_ignore_ascii_case(b"none"))
            || (property.eq_ignore_ascii_case(b"visibility")
                && value.eq_ignore_ascii_case(b"hidden"))
    })
}

fn block_level(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "main"
            | "center"
            | "address"
            | "hr"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "table"
            | "form"
            | "fieldset"
            | "figure"
            | "figcaption"
            | "body"
    )
}

/// Which of the report's tables a table's text is (a bit per table, in order, of any
/// format): the text holds one of the table's words.
fn table_kinds(text: &str) -> u8 {
    template::all()
        .iter()
        .flat_map(|t| t.tables.iter().enumerate())
        .filter(|(_, tb)| tb.words.iter().any(|w| text.contains(w.as_str())))
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// Section headings' words (what the report's own element holds), with the section's
/// place in the format, of every format.
fn markers() -> Vec<(usize, &'static str)> {
    let mut m: Vec<_> = template::all()
        .iter()
        .flat_map(|t| t.sections.iter().enumerate())
        .map(|(i, s)| (i, s.marker.as_str()))
        .collect();
    m.sort_unstable();
    m.dedup();
    m
}

fn blocks_of(html: &Html) -> Vec<Block> {
    let root = html.tree.root();
    let body = root
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or(root);
    let (main, title) = main_content(html, body);
    let mut out = Vec::new();
    if let Some(t) = title {
        out.push(Block::Para(t));
    }
    let mut w = Walker::default();
    w.walk(main);
    w.flush();
    out.extend(w.out);
    out.retain(|b| match b {
        Block::Para(p) => !is_chrome(p),
        Block::Table(_) => true,
    });
    out
}

/// The element holding the report, and the title when it stands outside that element
/// (portals print it in their own heading above the article).
fn main_content<'a>(
    html: &'a Html,
    body: NodeRef<'a, Node>,
) -> (NodeRef<'a, Node>, Option<String>) {
    // The page's text in reading order, and where each element's text lies in it.
    let mut text = String::new();
    let mut spans: Vec<(NodeRef<Node>, Range<usize>)> = Vec::new();
    let mut open: Vec<(NodeRef<Node>, usize)> = Vec::new();
    let mut tables: Vec<(u8, Range<usize>)> = Vec::new();
    walk_visible(body, |edge| {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    if block_level(e.name()) && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    open.push((n, text.len()));
                }
                Node::Text(t) => text.push_str(t),
                _ => {}
            },
            Edge::Close(n) => {
                if n.value().is_element()
                    && let Some((node, start)) = open.pop()
                {
                    let range = start..text.len();
                    if is_table(n) && !n.descendants().skip(1).any(is_table) {
                        let kinds = table_kinds(&text[range.clone()]);
                        if kinds != 0 {
                            tables.push((kinds, range.clone()));
                        }
                    }
                    spans.push((node, range));
                }
            }
        }
        true
    });
    let markers = markers();
    let sections = markers.iter().map(|(i, _)| i + 1).max().unwrap_or(0);
    let markers: Vec<(usize, Range<usize>)> = markers
        .into_iter()
        .flat_map(|(i, m)| {
            text.match_indices(m)
                .map(move |(at, s)| (i, at..at + s.len()))
        })
        .collect();
    let inside = |outer: &Range<usize>, inner: &Range<usize>| {
        outer.start <= inner.start && inner.end <= outer.end
    };
    let mut best: Option<(usize, usize, NodeRef<Node>, Range<usize>)> = None;
    for (node, range) in &spans {
        let mut seen = vec![false; sections];
        for (i, r) in &markers {
            if inside(range, r) {
                seen[*i] = true;
            }
        }
        // Kinds of tables, not tables: a page holding the article twice (a hidden
        // copy for phones) must not make the element around both copies win.
        let kinds = tables
            .iter()
            .filter(|(_, t)| inside(range, t))
            .fold(0u8, |m, (k, _)| m | k);
        let score = seen.iter().filter(|&&s| s).count() + kinds.count_ones() as usize;
        let len = range.len();
        if score > 0
            && best
                .as_ref()
                .is_none_or(|b| score > b.0 || (score == b.0 && len < b.1))
        {
            best = Some((score, len, *node, range.clone()));
        }
    }
    let Some((_, _, main, range)) = best else {
        return (body, None);
    };
    let titled = |r: &Range<usize>| r.len() <= 240 && is_title(text[r.clone()].trim());
    if spans.iter().any(|(_, r)| inside(&range, r) && titled(r)) {
        return (main, None);
    }
    // The nearest short element before the article that reads like a report title.
    let title = spans
        .iter()
        .filter(|(_, r)| r.end <= range.start && titled(r))
        .max_by_key(|(_, r)| (r.end, std::cmp::Reverse(r.len())))
        .map(|(_, r)| collapse(&text[r.clone()]))
        .or_else(|| page_title(html));
    (main, title)
}

fn is_table(n: NodeRef<Node>) -> bool {
    n.value().as_element().is_some_and(|e| e.name() == "table")
}

/// Walks the tree under `root` in document order (an open and a close edge per node),
/// leaving out what a reader never sees (see [`skipped`], [`hidden`]) and every subtree
/// whose open edge `visit` answers with false.
fn walk_visible<'a>(root: NodeRef<'a, Node>, mut visit: impl FnMut(Edge<'a, Node>) -> bool) {
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                let unseen = n
                    .value()
                    .as_element()
                    .is_some_and(|e| skipped(e.name()) || hidden(e));
                if unseen || !visit(Edge::Open(n)) {
                    skip = Some(n.id());
                }
            }
            Edge::Close(n) => match skip {
                Some(id) if id == n.id() => skip = None,
                Some(_) => {}
                None => {
                    visit(Edge::Close(n));
                }
            },
        }
    }
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d{2}\s*年度?.{0,12}?政府信息公开.{0,8}?(?:年度报告|年报)")
        .expect("valid regex")
});

fn is_title(s: &str) -> bool {
    s.chars().count() <= 80 && TITLE.is_match(s)
}

/// The `<title>` without the site name portals append ("…年度报告_某某市人民政府").
fn page_title(html: &Html) -> Option<String> {
    let t = html
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))?;
    let s: String = t
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let s = collapse(&s);
    let m = TITLE.find(&s)?;
    // Keep what precedes the year (the agency) back to a separator.
    let start = s[..m.start()]
        .rfind(['_', '|', '-', '—', '｜'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    Some(s[start..m.end()].trim().to_string())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Walking the content into blocks.

#[derive(Default)]
struct Walker {
    out: Vec<Block>,
    para: String,
    /// Whitespace seen since the last character: (seen, held a line break).
    space: Option<bool>,
    /// Depth of `<pre>` elements around the text.
    pre: usize,
    /// Characters of the paragraph inside links to files (an attachment list).
    file_link_chars: usize,
    in_file_link: usize,
}

impl Walker {
    fn walk(&mut self, root: NodeRef<Node>) {
        walk_visible(root, |edge| {
            match edge {
                Edge::Open(n) => match n.value() {
                    Node::Element(e) => {
                        let name = e.name();
                        if name == "table" && n.id() != root.id() && is_data_table(n) {
                            self.flush();
                            self.table(n);
                            return false;
                        }
                        match name {
                            "br" => self.newline(),
                            "pre" => self.pre += 1,
                            "a" if e.attr("href").is_some_and(is_file_link) => {
                                self.in_file_link += 1
                            }
                            _ if block_level(name) => self.flush(),
                            _ => {}
                        }
                    }
                    Node::Text(t) => self.text(t),
                    _ => {}
                },
                Edge::Close(n) => {
                    if let Node::Element(e) = n.value() {
                        match e.name() {
                            "pre" => {
                                self.pre = self.pre.saturating_sub(1);
                                self.flush();
                            }
                            "a" if e.attr("href").is_some_and(is_file_link) => {
                                self.in_file_link = self.in_file_link.saturating_sub(1)
                            }
                            name if block_level(name) => self.flush(),
                            _ => {}
                        }
                    }
                }
            }
            true
        });
    }

    fn text(&mut self, t: &str) {
        for c in t.chars() {
            if self.pre == 0 && matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                let newline = matches!(c, '\n' | '\r');
                self.space = Some(self.space.unwrap_or(false) || newline);
                continue;
            }
            if self.pre > 0 && c == '\r' {
                continue;
            }
            if let Some(newline) = self.space.take()
                && !self.para.is_empty()
                && !self.para.ends_with('\n')
            {
                // A line break in the source between two Chinese characters is no space
                // (CSS Text: segment breaks between wide characters are removed).
                let prev = self.para.chars().last().unwrap_or(' ');
                if !(newline && wide(prev) && wide(c)) {
                    self.para.push(' ');
                }
            }
            self.para.push(c);
            if self.in_file_link > 0 {
                self.file_link_chars += 1;
            }
        }
    }

    fn newline(&mut self) {
        self.space = None;
        self.para.push('\n');
    }

    fn flush(&mut self) {
        self.space = None;
        let p = self.para.trim_matches(|c: char| c.is_ascii_whitespace());
        let all_file_links = self.file_link_chars > 0
            && self.file_link_chars + 8 >= p.chars().filter(|c| !c.is_whitespace()).count();
        if !p.trim_matches(super::blocks::is_space).is_empty() && !all_file_links {
            self.out.push(Block::Para(p.to_string()));
        }
        self.para.clear();
        self.file_link_chars = 0;
    }

    /// A data table as a grid: rows of this table (not of tables inside it), cells with
    /// their spans, each cell's text walked like a small page.
    fn table(&mut self, table: NodeRef<Node>) {
        let mut rows: Vec<Vec<(String, usize, usize)>> = Vec::new();
        let mut caption = None;
        for tr in own_rows(table) {
            let mut row = Vec::new();
            for cell in tr.children() {
                let Some(e) = cell.value().as_element() else {
                    continue;
                };
                if !matches!(e.name(), "td" | "th") || hidden(e) {
                    continue;
                }
                let span = |name: &str| {
                    e.attr(name)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000)
                };
                let mut w = Walker::default();
                w.walk(cell);
                w.flush();
                let text: Vec<String> = w
                    .out
                    .into_iter()
                    .map(|b| match b {
                        Block::Para(p) => p,
                        Block::Table(g) => super::blocks::table_text(&g),
                    })
                    .collect();
                row.push((text.join("\n"), span("colspan"), span("rowspan")));
            }
            rows.push(row);
        }
        for c in table.children() {
            if c.value()
                .as_element()
                .is_some_and(|e| e.name() == "caption")
            {
                let mut w = Walker::default();
                w.walk(c);
                w.flush();
                caption = Some(w.out);
            }
        }
        self.out.extend(caption.into_iter().flatten());
        self.out.push(Block::Table(Grid::from_spans(rows)));
    }
}

/// The `<tr>`s of a table, through `thead`/`tbody`/`tfoot`, not those of nested tables.
fn own_rows(table: NodeRef<Node>) -> Vec<NodeRef<Node>> {
    let mut rows = Vec::new();
    for c in table.children() {
        match c.value().as_element().map(|e| e.name()) {
            Some("tr") => rows.push(c),
            Some("thead" | "tbody" | "tfoot") => rows.extend(
                c.children()
                    .filter(|r| r.value().as_element().is_some_and(|e| e.name() == "tr")),
            ),
            _ => {}
        }
    }
    rows
}

/// A table of data rather than of layout: no table inside it and more than one column
/// (a single column of cells frames text, as a page's layout does).
fn is_data_table(table: NodeRef<Node>) -> bool {
    if table.descendants().skip(1).any(is_table) {
        return false;
    }
    own_rows(table).iter().any(|tr| {
        tr.children()
            .filter(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "td" | "th"))
            })
            .map(|c| {
                c.value()
                    .as_element()
                    .and_then(|e| e.attr("colspan"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
            })
            .sum::<usize>()
            > 1
    })
}

fn is_file_link(href: &str) -> bool {
    let h = href.to_ascii_lowercase();
    let h = h.split(['?', '#']).next().unwrap_or("");
    [
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".zip", ".rar", ".ofd", ".7z",
    ]
    .iter()
    .any(|ext| h.ends_with(ext))
}

fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

// ---------------------------------------------------------------------------------------
// Portal chrome.

static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|当前所在位置)\s*[：:]",
        r"|版权所有|网站标识码|ICP\s*备|公网安备|Copyright|©",
        r"|(?:主办单位|承办单位|技术支持|网站地图|联系我们)\s*[：:]",
        r"|扫一扫在手机|用手机扫描|分享到\s*[：:]?",
        r"|^\s*(?:上一篇|下一篇)\s*[：:]",
        r"|^\s*【?\s*(?:字号|字体)\s*[：:]?\s*】?\s*[【\[]?\s*大",
        r"|^\s*(?:附件下载|相关附件|相关链接|相关文章|相关阅读)\s*[：:]?\s*$",
    ))
    .expect("valid regex")
});

/// Words of an article's info line ("来源：某某局 发布时间：2023-01-18 浏览次数：123").
static INFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:信息来源|来源|发布时间|发布日期|发布机构|时间|日期|浏览次数|浏览量|访问量|点击数|点击量|阅读次数|阅读量|作者|编辑|责任编辑)\s*[：:]")
        .expect("valid regex")
});

/// Link words of the print/close/share bar ("【打印本页】【关闭窗口】").
static BAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"打印本页|打印此页|打印正文|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏本页|收藏|分享|微信|微博|QQ空间|字号|[大中小]|默认|纠错|我要纠错")
        .expect("valid regex")
});

/// A paragraph of the portal's chrome, not of the report.
fn is_chrome(p: &str) -> bool {
    let p = p.trim_matches(super::blocks::is_space);
    let n = p.chars().count();
    if n > 160 {
        return false;
    }
    if CHROME.is_match(p) {
        return true;
    }
    // An info line names two of its fields, or starts with one.
    let info = INFO.find_iter(p).count();
    if info >= 2 || (info == 1 && n <= 40 && INFO.find(p).is_some_and(|m| m.start() == 0)) {
        return true;
    }
    // A bar of nothing but print/close/share links and brackets.
    n <= 60 && {
        let rest = BAR.replace_all(p, "");
        rest.chars().all(|c| {
            super::blocks::is_space(c)
                || "【】[]|｜/／:：·•()（）-—_>".contains(c)
                || c.is_ascii_punctuation()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::blocks::paragraph_texts as paras;

    #[test]
    fn declared_gbk_is_read_and_named() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>一、总体情况</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let (blocks, enc) = read(&bytes).unwrap();
        assert_eq!(enc, "GB18030（GBK）");
        assert_eq!(paras(&blocks), ["一、总体情况"]);
        // Undeclared GBK is read as GB18030 too; undeclared UTF-8 as UTF-8.
        let plain = page.replace("; charset=gb2312", "");
        let (bytes, _, _) = encoding_rs::GBK.encode(&plain);
        assert_eq!(read(&bytes).unwrap().1, "GB18030（GBK）");
        assert_eq!(read(plain.as_bytes()).unwrap().1, "UTF-8");
    }

    #[test]
    fn whitespace_collapses_and_breaks_are_kept() {
        let (blocks, _) = read(
            "<body><p>  一、总体\n  情况 </p><p>A  b<br>第二行&nbsp;x</p><div>外<div>内</div>后</div></body>"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            paras(&blocks),
            ["一、总体情况", "A b\n第二行\u{a0}x", "外", "内", "后"]
        );
    }

    #[test]
    fn tables_keep_spans_and_layout_tables_are_flattened() {
        let page = "<body><table><tr><td><p>标题</p><table border=1>\
            <tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）<b>予以</b>公开</td><td>&nbsp;5</td></tr>\
            <tr><td>1.属于</td><td>国家秘密</td><td></td></tr></table></td></tr></table></body>";
        let (blocks, _) = read(page.as_bytes()).unwrap();
        assert_eq!(blocks[0], Block::Para("标题".into()));
        let Block::Table(g) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(g.rows[0][0].rowspan, 2);
        assert_eq!(g.rows[0][1].text, "（一）予以公开");
        assert_eq!(g.rows[0][1].colspan, 2);
        assert_eq!(g.rows[0][2].col, 3);
        assert_eq!(g.rows[1][0].col, 1);
        assert_eq!(g.rows[1][2].text, "");
    }

    #[test]
    fn hiding_styles_are_told_from_others() {
        for style in [
            "display:none",
            "color: red; DISPLAY : None",
            "visibility: hidden !important",
            "margin: 0; visibility:HIDDEN;",
        ] {
            assert!(hiding_style(style), "{style}");
        }
        for style in [
            "display: block",
            "margin-bottom: 0cm; line-height: 100%",
            "font-family: none-such",
            "visibility: visible",
            "",
        ] {
            assert!(!hiding_style(style), "{style}");
        }
    }

    #[test]
    fn chrome_lines_are_recognised() {
        for chrome in [
            "当前位置：首页 > 政务公开 > 年度报告",
            "来源：青山县交通运输局 发布时间：2024-01-20 浏览次数：356",
            "【字号：大 中 小】",
            "字号：[ 大 中 小 ]",
            "【打印本页】 【关闭窗口】",
            "分享到：",
            "版权所有：青山县人民政府 网站标识码：4300000000 湘ICP备00000000号",
            "主办单位：青山县人民政府办公室",
            "上一篇：关于…的通知",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        for text in [
            "一、总体情况",
            "2023年，我局坚持以习近平新时代中国特色社会主义思想为指导。",
            "本报告电子版可在青山县人民政府门户网站查阅或下载。",
            "青山县交通运输局",
            "2024年1月20日",
        ] {
            assert!(!is_chrome(text), "{text}");
        }
    }

    #[test]
    fn the_article_is_found_inside_the_portal() {
        let page = "<body><div class=nav><a href=/>首页</a> 总体情况</div>\
            <div class=title>青山县交通运输局2023年政府信息公开工作年度报告</div>\
            <div class=info>来源：青山县交通运输局 时间：2024-01-20</div>\
            <div class=content><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>\
            <table><tr><td>信息内容</td><td>本年制发件数</td></tr></table>\
            <p>六、其他需要报告的事项</p><p>无。</p>\
            <p>附件：<a href=/a.pdf>年报.pdf</a></p></div>\
            <div class=foot>版权所有 青山县人民政府</div></body>";
        let (blocks, _) = read(page.as_bytes()).unwrap();
        let p = paras(&blocks);
        assert_eq!(
            p,
            [
                "青山县交通运输局2023年政府信息公开工作年度报告",
                "一、总体情况",
                "正文。",
                "二、主动公开政府信息情况",
                "六、其他需要报告的事项",
                "无。"
            ]
        );
    }

    #[test]
    fn a_second_copy_of_the_article_is_not_read_twice() {
        let article = "<div><p>一、总体情况</p><p>正文。</p><p>四、政府信息公开行政复议、行政诉讼情况</p>\
            <table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>1</td><td>2</td></tr></table></div>";
        let page =
            format!("<body><div class=pc>{article}</div><div class=mobile>{article}</div></body>");
        let (blocks, _) = read(page.as_bytes()).unwrap();
        assert_eq!(
            paras(&blocks).iter().filter(|p| **p == "正文。").count(),
            1,
            "{blocks:?}"
        );
    }
}
