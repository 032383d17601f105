//! Text in the shapes copies take, brought to one line per paragraph or table row
//! before the outline is read:
//! * markdown from PDF and HTML converters: `#` headings and bold marks dropped, pipe
//!   tables turned into tab-separated rows, placeholder column titles ("数据1") blanked;
//! * a whole report on one line (line breaks lost by a crawler or a CMS): broken again
//!   before the title, the section headings and the page chrome around the report;
//! * page chrome copied with a web page (breadcrumbs, 来源/浏览次数, 字号, footers) before
//!   the title and after the last section dropped.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::is_space;
use crate::template;

/// A line longer than this that holds headings is a flattened report.
const FLAT_LINE_CHARS: usize = 300;

/// Cleans `text`; the result has the same paragraphs, tables and headings, one per line.
pub fn clean(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        let line = line.trim_end_matches('\r');
        if line.chars().count() > FLAT_LINE_CHARS {
            lines.extend(unflatten(line));
        } else {
            lines.push(line.to_string());
        }
    }
    let markdown = lines.iter().any(|l| is_pipe_row(l));
    let mut out = String::with_capacity(text.len());
    for line in &lines {
        let line = strip_markdown(line);
        if markdown && is_pipe_row(&line) {
            if is_separator_row(&line) {
                continue;
            }
            out.push_str(&pipe_row(&line));
        } else {
            out.push_str(&line);
        }
        out.push('\n');
    }
    out
}

/// `| a | b |`: a markdown table row.
fn is_pipe_row(line: &str) -> bool {
    let t = line.trim_matches(is_space);
    t.starts_with('|') && t.len() > 1 && t[1..].contains('|')
}

/// `|---|:--:|`
fn is_separator_row(line: &str) -> bool {
    line.trim_matches(is_space)
        .chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '—' | '－'))
}

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:数据|列|栏|字段|column|col|unnamed:?|field)[\s_:：-]*\d{1,2}$").unwrap()
});

/// A pipe row as tab-separated cells; a column title a converter made up ("数据1",
/// "Column 2") is no cell text of the report.
fn pipe_row(line: &str) -> String {
    let t = line.trim_matches(is_space);
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<&str> = inner
        .split('|')
        .map(|c| c.trim_matches(is_space))
        .map(|c| if PLACEHOLDER.is_match(c) { "" } else { c })
        .collect();
    // A leading tab keeps an empty first cell a cell (see `table::tokenize`).
    let joined = cells.join("\t");
    if cells.first().is_some_and(|c| c.is_empty()) {
        format!("\t{joined}")
    } else {
        joined
    }
}

/// Markdown marks around text: heading hashes, bold and emphasis, block quotes.
fn strip_markdown(line: &str) -> String {
    let t = line.trim_start_matches(is_space);
    let t = match t.strip_prefix('#') {
        Some(_) => t.trim_start_matches('#').trim_start_matches(is_space),
        None => line,
    };
    let t = t.strip_prefix("> ").unwrap_or(t);
    if t.contains("**") || t.contains("__") {
        t.replace("**", "").replace("__", "")
    } else {
        t.to_string()
    }
}

/// Section headings as printed inside running text: a Chinese numeral and "、" followed
/// by a section heading of any format, variants included.
static INLINE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let mut headings: Vec<&str> = template::all()
        .iter()
        .flat_map(|t| t.sections.iter().map(|s| s.heading.as_str()))
        .collect();
    headings.sort_unstable();
    headings.dedup();
    Regex::new(&format!(
        r"[一二三四五六][、．.]\s*(?:{})",
        headings.join("|")
    ))
    .unwrap()
});

static INLINE_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}\s*年度?\s*政府信息公开工作年度报告").unwrap());

/// Chrome of a portal page, each item with its value ("浏览次数：347"), cut out as a
/// line of its own when a page was flattened.
static INLINE_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:当前位置|您的位置|您现在的位置)[：:]?|",
        r"(?:发布时间|发布日期|更新时间|成文日期)[：:]\s*[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?|",
        r"(?:信息)?来源[：:]\s*[^\s]{0,30}|(?:浏览|阅读|访问)次数[：:]?\s*[0-9]*|点击数[：:]?\s*[0-9]*|",
        r"字号[：:]?\s*[\[【(（]?\s*大\s*中\s*小\s*[\]】)）]?|",
        r"【?打印本页】?|【?关闭窗口】?|【打印】|【关闭】|",
        r"版权所有|主办单位|网站标识码|ICP备|公网安备|扫一扫|分享到"
    ))
    .unwrap()
});

static DATE_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$").unwrap());

/// Breaks a flattened report again: before and after the title, before each section
/// heading, before portal chrome, and before the signature after the last sentence.
fn unflatten(line: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    if let Some(m) = INLINE_TITLE.find(line) {
        // The agency name runs back from the year to the previous space or chrome.
        let start = line[..m.start()]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_space(c) || "：:>》|】]".contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        cuts.push(start);
        cuts.push(m.end());
    }
    for m in INLINE_HEADING.find_iter(line) {
        cuts.push(m.start());
        cuts.push(m.end());
    }
    let last_heading = cuts.last().copied().unwrap_or(0);
    for m in INLINE_CHROME.find_iter(line) {
        cuts.push(m.start());
        cuts.push(m.end());
    }
    // After the last sentence of the body: the signature, its date and the footer.
    let body_end = line[last_heading..]
        .rfind(['。', '；', '！'])
        .map(|p| last_heading + p + '。'.len_utf8());
    if let Some(end) = body_end {
        cuts.push(end);
        let tail = &line[end..];
        let tail_cut = INLINE_CHROME.find(tail).map_or(tail.len(), |m| m.start());
        if let Some(d) = DATE_AT_END.find(tail[..tail_cut].trim_end_matches(is_space)) {
            cuts.push(end + d.start());
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts.into_iter().chain([line.len()]) {
        if c > from {
            let piece = line[from..c].trim_matches(is_space);
            if !piece.is_empty() {
                out.push(piece.to_string());
            }
            from = c;
        }
    }
    out
}

/// Whether a line is portal chrome rather than report text.
pub fn is_chrome(line: &str) -> bool {
    let t = line.trim_matches(is_space);
    t.chars().count() <= 80 && INLINE_CHROME.find(t).is_some_and(|m| m.start() <= 6)
        || matches!(
            t,
            "打印" | "关闭" | "【打印】" | "【关闭】" | "返回顶部" | "分享"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_tables_become_tab_rows() {
        let md = "## 三、收到和处理政府信息公开申请情况\n| 数据1 | 数据2 |\n|---|---|\n| **（一）予以公开** | 3 |\n| | 4 |\n";
        assert_eq!(
            clean(md),
            "三、收到和处理政府信息公开申请情况\n\t\t\n（一）予以公开\t3\n\t\t4\n"
        );
    }

    #[test]
    fn a_flattened_report_is_broken_at_title_headings_and_chrome() {
        let body = "很好。".repeat(60);
        let line = format!(
            "首页 > 年报 某某县民政局2023年政府信息公开工作年度报告 发布时间：2024-01-20 本报告……编制。一、总体情况 {body}二、主动公开政府信息情况 第二十条第（一）项 规章 000 六、其他需要报告的事项 无。某某县民政局 2024年1月20日 版权所有：某某县人民政府"
        );
        let lines = unflatten(&line);
        assert!(
            lines.contains(&"某某县民政局2023年政府信息公开工作年度报告".to_string()),
            "{lines:#?}"
        );
        assert!(lines.iter().any(|l| l.starts_with("一、总体情况")));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("二、主动公开政府信息情况"))
        );
        assert!(lines.contains(&"某某县民政局".to_string()), "{lines:#?}");
        assert!(lines.contains(&"2024年1月20日".to_string()));
        assert!(lines.iter().any(|l| l.starts_with("版权所有")));
    }

    #[test]
    fn chrome_lines_are_told_from_text() {
        assert!(is_chrome("来源：某某县民政局  浏览次数：23"));
        assert!(is_chrome("字号：[大 中 小]"));
        assert!(!is_chrome(
            "本年度信息来源：各科室报送的数据经汇总后形成本报告的统计表。"
        ));
    }
}
