//! Web page export: the shared [`document`](super::document) blocks as plain HTML for a
//! portal's editor (TRS, WebBuilder and the like) or a clipboard paste into Word and WPS.
//!
//! Only elements every editor keeps: headings, paragraphs and `<table border="1">` with
//! `rowspan`/`colspan`; a few inline styles, no classes, no scripts. UTF-8.

use std::fmt::Write;

use super::document::{self as doc, Block, CellKind};
use super::style::{self, BODY_FACE};
use crate::model::Report;

/// Line height as a multiple of the body size: a web page reflows, so one decimal of the
/// printed pitch is enough (28.99 / 16 → 1.8).
fn line_height() -> String {
    format!("{:.1}", style::LINE_PITCH / style::BODY_PT)
}

/// What to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HtmlKind {
    /// A whole page (`<!DOCTYPE html>` … `</html>`) to open in a browser.
    #[default]
    Page,
    /// The report's body alone, to paste into a portal editor.
    Fragment,
}

/// The report as HTML. A report failing a hard rule starts with the draft mark.
pub fn export(r: &Report, kind: HtmlKind) -> String {
    let failing = crate::validate::has_errors(&crate::validate::validate(r, None));
    write(&doc::build(r, failing), kind)
}

/// Writes the blocks of a report as HTML.
pub fn write(d: &doc::Document, kind: HtmlKind) -> String {
    let mut out = String::with_capacity(32 * 1024);
    if kind == HtmlKind::Page {
        out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        let _ = writeln!(out, "<title>{}</title>", esc(&d.title));
        if !d.author.is_empty() {
            let _ = writeln!(out, "<meta name=\"author\" content=\"{}\">", esc(&d.author));
        }
        // The body face and its substitute, then the names Windows and macOS give 仿宋.
        let _ = writeln!(
            out,
            "</head>\n<body style=\"max-width:46em;margin:2em auto;padding:0 1em;\
             font-family:{},{},FangSong,STFangsong,serif;font-size:{}pt;line-height:{}\">",
            BODY_FACE.name,
            BODY_FACE.substitute,
            style::BODY_PT,
            line_height()
        );
    }
    fragment(&mut out, d);
    if kind == HtmlKind::Page {
        out.push_str("</body>\n</html>\n");
    }
    out
}

/// One table of the report alone (for copying the table being edited).
pub fn table_fragment(r: &Report, table: usize) -> String {
    let mut out = String::new();
    table_html(&mut out, &doc::table(r, table));
    out
}

fn fragment(out: &mut String, d: &doc::Document) {
    if d.watermark {
        let _ = writeln!(
            out,
            "<p style=\"text-align:center;color:#c00000\">{}</p>",
            esc(super::pdf::WATERMARK)
        );
    }
    let _ = writeln!(
        out,
        "<h1 style=\"text-align:center\">{}</h1>",
        esc(&d.title)
    );
    for b in &d.blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(out, "<h2>{}</h2>", esc(h));
            }
            Block::SubHeading(p) => {
                let _ = writeln!(out, "<h3>{}</h3>", esc(p));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(
                    out,
                    "<p style=\"text-indent:{}em\">{}</p>",
                    style::INDENT_CHARS,
                    esc(p)
                );
            }
            Block::Table(t) => table_html(out, t),
            Block::Signature(lines) => {
                for (i, l) in lines.iter().enumerate() {
                    let gap = if i == 0 { "margin-top:3em;" } else { "" };
                    let _ = writeln!(
                        out,
                        "<p style=\"{gap}text-align:right;padding-right:{}em\">{}</p>",
                        style::INDENT_CHARS,
                        esc(l)
                    );
                }
            }
        }
    }
}

fn table_html(out: &mut String, t: &doc::Table) {
    let _ = write!(
        out,
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" \
         style=\"border-collapse:collapse;width:100%;font-size:{}pt\">\n<colgroup>",
        style::TABLE_PT
    );
    let total: f32 = t.widths.iter().sum();
    for w in &t.widths {
        let _ = write!(out, "<col style=\"width:{:.1}%\">", w / total * 100.0);
    }
    out.push_str("</colgroup>\n");
    let mut cells = t.cells.iter().peekable();
    for row in 0..t.rows {
        out.push_str("<tr>");
        while let Some(k) = cells.next_if(|k| k.row == row) {
            out.push_str("<td");
            if k.rowspan > 1 {
                let _ = write!(out, " rowspan=\"{}\"", k.rowspan);
            }
            if k.colspan > 1 {
                let _ = write!(out, " colspan=\"{}\"", k.colspan);
            }
            out.push_str(match k.kind {
                CellKind::RowLabel => " style=\"text-align:left\"",
                CellKind::VerticalLabel => {
                    " style=\"text-align:center;writing-mode:vertical-rl;letter-spacing:0.2em\""
                }
                _ => " style=\"text-align:center\"",
            });
            let _ = write!(out, ">{}</td>", esc(&k.text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// Escapes text for element content and quoted attributes (the five characters HTML
/// gives meaning to; nothing else needs it in UTF-8).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_user_text() {
        assert_eq!(esc("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
    }
}
