//! The outline of a published report: title, header paragraph, the six sections and the
//! signature, found line by line.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::blocks::{Line, is_page_number, is_space};
use super::label::{dice, normalize, strip_enumeration};
use super::{ImportError, Note, clean};
use crate::model::HeaderFields;
use crate::template::{self, Template};

/// Headings are short; a longer line is a paragraph that happens to start like one.
const MAX_HEADING_CHARS: usize = 40;

pub struct Document {
    /// Lines without layout artefacts; table rows of a real grid carry their cells.
    lines: Vec<Line>,
    /// (section index, index into `lines`) of each heading found, in order.
    heads: Vec<(usize, usize)>,
    /// Sections whose heading was missing and was placed at the table's first line,
    /// which belongs to the section.
    inferred: Vec<usize>,
    /// End (exclusive, into `lines`) of the last section: the signature follows.
    body_end: usize,
    pub agency: String,
    pub year: Option<i32>,
    pub publish_date: Option<NaiveDate>,
    pub header_text: String,
    pub header_fields: HeaderFields,
    pub notes: Vec<Note>,
}

static BOOKMARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[bookmark:[^\]]*\]").unwrap());
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.*?)((?:19|20)\d{2})\s*年度?\s*(?:.{0,12}?)政府信息公开.{0,8}?(?:年度报告|年报)$",
    )
    .unwrap()
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[（(]?\s*([0-9〇○零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日\s*[）)]?$",
    )
    .unwrap()
});
static PERIOD_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"统计期限自\s*((?:19|20)\d{2})\s*年").unwrap());
static DOWNLOAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"电子版(?:可)?(?:在|从|登录)(.{2,80}?)(?:查阅|下载|获取)").unwrap()
});
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"地址[：:]\s*([^，,；;。]{2,60})").unwrap());
static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"邮(?:编|政编码)[：:]?\s*(\d{6})").unwrap());
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"电话[^：:\d]{0,6}[：:]\s*([0-9][0-9\-－—]{4,}[0-9])").unwrap());

impl Document {
    /// Parses a report's lines: a text's, or the blocks' of the Word, HTML and PDF
    /// readers, whose table rows carry their cells.
    pub fn parse(mut lines: Vec<Line>) -> Result<Document, ImportError> {
        for l in &mut lines {
            if l.text.ends_with('\r') {
                l.text.pop();
            }
            if l.text.contains("[bookmark:") {
                l.text = BOOKMARK.replace_all(&l.text, "").into_owned();
            }
        }
        let mut heads = find_headings(&lines);
        let inferred = infer_table_headings(&lines, &mut heads);
        let mut doc = Document {
            body_end: lines.len(),
            lines,
            heads,
            inferred,
            agency: String::new(),
            year: None,
            publish_date: None,
            header_text: String::new(),
            header_fields: HeaderFields::default(),
            notes: Vec::new(),
        };
        let title_found = doc.read_preamble();
        // Three headings, or a title and one heading, make a report.
        let enough = doc.heads.len() >= 3 || (title_found && !doc.heads.is_empty());
        if !enough {
            return Err(ImportError::NotAReport(
                "没有找到“××年政府信息公开工作年度报告”标题，也没有找到“一、总体情况”“二、主动公开政府信息情况”等部分的标题".into(),
            ));
        }
        doc.read_signature();
        doc.read_header_fields();
        if doc.year.is_none() {
            let found = PERIOD_YEAR
                .captures(&doc.joined(0, doc.lines.len()))
                .and_then(|c| c[1].parse().ok());
            doc.year = found;
            doc.notes.push(Note::warn(match found {
                Some(y) => format!("标题中没有报告年度，按统计期限取{y}年，请核对"),
                None => "没有找到报告年度，请在表头填写".into(),
            }));
        }
        for &si in &doc.inferred {
            let t = &template::all()[0];
            doc.notes.push(Note::warn(format!(
                "没有找到“{}”的标题，已按表格内容确定该部分",
                t.sections[si].title
            )));
        }
        if doc.agency.is_empty() {
            doc.notes
                .push(Note::warn("没有找到发布机关名称，请在表头填写".into()));
        }
        Ok(doc)
    }

    /// Title, date and header paragraph above the first heading; true if a title was found.
    fn read_preamble(&mut self) -> bool {
        let end = self.heads.first().map_or(self.lines.len().min(12), |h| h.1);
        let pre: Vec<(usize, usize, String)> = (0..end)
            .filter_map(|i| {
                let t = self.lines[i].text.trim_matches(is_space);
                (!t.is_empty()).then(|| (i, self.lines[i].n, t.to_string()))
            })
            .collect();
        // The title may be split over up to three lines ("湘潭县商务局" / "2022年…报告");
        // a title on one line that names the agency is taken before any join, so a
        // breadcrumb above it is not read as part of the agency.
        let mut title: Option<(usize, usize)> = None;
        let mut joined_title: Option<(usize, usize, String, Option<i32>)> = None;
        'search: for start in 0..pre.len() {
            let mut joined = String::new();
            for n in 0..3.min(pre.len() - start) {
                joined.push_str(&pre[start + n].2);
                if joined.chars().count() > 80 {
                    break;
                }
                if let Some((agency, year)) = title_parts(&joined) {
                    if n == 0 && !agency.is_empty() {
                        self.agency = agency;
                        self.year = year;
                        title = Some((start, start));
                        break 'search;
                    }
                    if joined_title.is_none() {
                        joined_title = Some((start, start + n, agency, year));
                    }
                    break;
                }
            }
        }
        if title.is_none()
            && let Some((first, last, agency, year)) = joined_title
        {
            self.agency = agency;
            self.year = year;
            title = Some((first, last));
        }
        let rest = match title {
            Some((first, last)) => {
                if first > 0 {
                    let skipped: Vec<&str> = pre[..first].iter().map(|p| p.2.as_str()).collect();
                    self.notes.push(
                        Note::info(format!("标题前的内容未导入：{}", skipped.join(" ")))
                            .at(Some(pre[0].1)),
                    );
                }
                &pre[last + 1..]
            }
            None => {
                self.notes.push(Note::warn(
                    "没有找到“××年政府信息公开工作年度报告”标题".into(),
                ));
                &pre[..]
            }
        };
        let mut header = Vec::new();
        let mut chrome = Vec::new();
        for (_, _, text) in rest {
            if clean::is_chrome(text) {
                chrome.push(text.as_str());
                continue;
            }
            match parse_date(text) {
                Some(d) if self.publish_date.is_none() => self.publish_date = Some(d),
                _ => header.push(text.as_str()),
            }
        }
        if !chrome.is_empty() {
            self.notes.push(Note::info(format!(
                "标题下的网页信息未导入：{}",
                chrome.join(" ")
            )));
        }
        self.header_text = rejoin_wrapped(&header);
        title.is_some()
    }

    /// The agency and date printed under the last section, which are not part of its text.
    fn read_signature(&mut self) {
        let Some(&(_, last_head)) = self.heads.last() else {
            return;
        };
        let mut end = self.lines.len();
        // Page chrome after the report (print/close links, the site's footer) and the
        // short lines that follow it.
        let short = |l: &str| l.chars().count() <= 40 && !l.contains('。');
        if let Some(k) = (last_head + 1..end).find(|&i| {
            clean::is_chrome(&self.lines[i].text) && self.lines[i..].iter().all(|l| short(&l.text))
        }) {
            self.notes.push(
                Note::info("报告末尾的网页信息（打印、关闭、版权等）未导入".into())
                    .at(Some(self.lines[k].n)),
            );
            end = k;
        }
        let mut signature: Option<String> = None;
        let mut taken = 0;
        while end > last_head + 1 && taken < 3 {
            let t = self.lines[end - 1].text.trim_matches(is_space);
            // A page number may follow the signature, or stand between it and the text.
            if t.is_empty() || is_page_number(t) {
                end -= 1;
                continue;
            }
            if let Some(d) = parse_date(t) {
                match self.publish_date {
                    None => self.publish_date = Some(d),
                    Some(p) if p != d => self.notes.push(Note::warn(format!(
                        "标题下的日期与落款日期（{t}）不同，已取标题下的日期"
                    ))),
                    Some(_) => {}
                }
            } else if signature.is_none() && looks_like_agency(t, &self.agency) {
                signature = Some(t.to_string());
            } else {
                break;
            }
            end -= 1;
            taken += 1;
        }
        self.body_end = end;
        let Some(sig) = signature else { return };
        if self.agency.is_empty() {
            self.agency = sig;
        } else if sig != self.agency {
            if sig.ends_with(&self.agency) || sig.contains(&self.agency) {
                self.notes.push(Note::info(format!(
                    "标题中的机关名称“{}”不完整，已按落款使用“{sig}”",
                    self.agency
                )));
                self.agency = sig;
            } else {
                self.notes.push(Note::warn(format!(
                    "落款机关“{sig}”与标题中的“{}”不同，已按标题导入，请核对",
                    self.agency
                )));
            }
        }
    }

    /// Download place, address, postcode and phone from the header or section 一.
    fn read_header_fields(&mut self) {
        let mut text = self.header_text.clone();
        if let Some(lines) = self.section_lines(0) {
            for l in lines.iter().take(12) {
                text.push('\n');
                text.push_str(&l.text);
            }
        }
        let grab = |re: &Regex| re.captures(&text).map(|c| c[1].trim().to_string());
        let h = &mut self.header_fields;
        h.download = grab(&DOWNLOAD).unwrap_or_default();
        h.address = grab(&ADDRESS).unwrap_or_default();
        h.postcode = grab(&POSTCODE).unwrap_or_default();
        h.phone = grab(&PHONE).unwrap_or_default();
    }

    fn joined(&self, from: usize, to: usize) -> String {
        self.lines[from..to]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The lines of section `si` below its heading, or `None` if its heading is missing.
    pub fn section_lines(&self, si: usize) -> Option<&[Line]> {
        let k = self.heads.iter().position(|h| h.0 == si)?;
        let from = self.heads[k].1 + usize::from(!self.inferred.contains(&si));
        let to = self
            .heads
            .get(k + 1)
            .map_or(self.body_end, |h| h.1)
            .max(from);
        Some(&self.lines[from..to])
    }

    /// All text of the table sections (the whole text if their headings are missing).
    pub fn table_text(&self) -> String {
        let t = &template::all()[0];
        let mut out = String::new();
        let mut any = false;
        for (si, s) in t.sections.iter().enumerate() {
            if s.table.is_some()
                && let Some(lines) = self.section_lines(si)
            {
                any = true;
                for l in lines {
                    out.push_str(&l.text);
                    out.push('\n');
                }
            }
        }
        if any {
            out
        } else {
            self.joined(0, self.lines.len())
        }
    }

    /// Kind of agency, guessed from its name.
    pub fn agency_kind(&self, t: &Template) -> String {
        t.guess_agency_kind(&self.agency)
    }
}

/// A section title prepared for comparison: normalised, its numeral and its words.
struct Title {
    norm: String,
    numeral: String,
    body: String,
}

/// Every template's section titles by section index, prepared once.
static TITLES: LazyLock<Vec<Vec<Title>>> = LazyLock::new(|| {
    let templates = template::all();
    let n = templates
        .iter()
        .map(|t| t.sections.len())
        .max()
        .unwrap_or(0);
    (0..n)
        .map(|s| {
            templates
                .iter()
                .filter_map(|t| t.sections.get(s))
                .map(|sec| {
                    let norm = normalize(&sec.title);
                    Title {
                        numeral: norm.chars().take_while(|c| *c != '、').collect(),
                        body: strip_enumeration(&norm).to_string(),
                        norm,
                    }
                })
                .collect()
        })
        .collect()
});

/// Finds the six section headings, in order. A heading only counts for a section after
/// the current one, so a nested "一、…" inside section 一 is not a new section.
fn find_headings(lines: &[Line]) -> Vec<(usize, usize)> {
    let titles = &*TITLES;
    let mut heads = Vec::new();
    let mut next = 0;
    for (i, line) in lines.iter().map(|l| &l.text).enumerate() {
        if next >= titles.len() {
            break;
        }
        let t = line.trim_matches(is_space);
        if t.is_empty() || t.contains('\t') || t.chars().count() > MAX_HEADING_CHARS {
            continue;
        }
        let norm = normalize(t);
        let found = (next..titles.len()).find(|&s| titles[s].iter().any(|h| is_heading(&norm, h)));
        if let Some(s) = found {
            heads.push((s, i));
            next = s + 1;
        }
    }
    heads
}

/// Labels that only one table prints (its block titles, column and row labels), by the
/// index of the section that holds the table, over every template.
static TABLE_MARKERS: LazyLock<Vec<(usize, Vec<String>)>> = LazyLock::new(|| {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for t in template::all() {
        let labels: Vec<Vec<String>> = t.tables.iter().map(table_labels).collect();
        for (ti, own) in labels.iter().enumerate() {
            let si = t
                .sections
                .iter()
                .position(|s| s.table == Some(ti))
                .expect("every table has its section");
            let own: Vec<String> =
                own.iter()
                    .filter(|l| l.chars().count() >= 4)
                    .filter(|l| {
                        labels.iter().enumerate().all(|(j, other)| {
                            j == ti || !other.iter().any(|o| o.contains(l.as_str()))
                        })
                    })
                    .cloned()
                    .collect();
            match out.iter_mut().find(|(s, _)| *s == si) {
                Some((_, v)) => v.extend(own),
                None => out.push((si, own)),
            }
        }
    }
    out
});

fn table_labels(tab: &'static crate::template::Table) -> Vec<String> {
    let rows = tab.rows.iter().map(|r| r.label.as_str());
    let printed = tab.blocks.iter().flat_map(|b| b.printed_labels());
    rows.chain(printed).map(normalize).collect()
}

/// Places the missing heading of a table section at the first line, between the
/// neighbouring headings found, that prints a label only that table has; returns the
/// sections so placed.
fn infer_table_headings(lines: &[Line], heads: &mut Vec<(usize, usize)>) -> Vec<usize> {
    let mut inferred = Vec::new();
    for (si, markers) in TABLE_MARKERS.iter() {
        if heads.iter().any(|h| h.0 == *si) {
            continue;
        }
        let lo = heads
            .iter()
            .filter(|h| h.0 < *si)
            .map(|h| h.1 + 1)
            .max()
            .unwrap_or(0);
        let hi = heads
            .iter()
            .filter(|h| h.0 > *si)
            .map(|h| h.1)
            .min()
            .unwrap_or(lines.len());
        let found = (lo..hi).find(|&i| {
            let l = &lines[i].text;
            let table_like = l.contains('\t') || l.chars().count() <= 60;
            table_like && !l.contains('。') && {
                let n = normalize(l);
                markers.iter().any(|m| n.contains(m.as_str()))
            }
        });
        if let Some(i) = found {
            heads.push((*si, i));
            heads.sort_unstable_by_key(|h| h.1);
            inferred.push(*si);
        }
    }
    inferred
}

/// Whether a normalised line is the heading `title` ("一、总体情况"), allowing other
/// numbering marks ("一．", "一 ", none) and small wording differences.
fn is_heading(norm: &str, title: &Title) -> bool {
    if norm == title.norm {
        return true;
    }
    let (numeral, body) = (title.numeral.as_str(), title.body.as_str());
    let rest = strip_enumeration(norm);
    if rest != norm {
        // Parenthesised numbers ("（二）") mark second-level headings, never a section.
        let prefix = &norm[..norm.len() - rest.len()];
        if prefix.starts_with('(') {
            return false;
        }
        let number: String = prefix.chars().filter(|c| !"、.,".contains(*c)).collect();
        return number == numeral && dice(rest, body) >= 60;
    }
    if let Some(r) = norm.strip_prefix(numeral)
        && !r.is_empty()
        && dice(r, body) >= 80
    {
        return true;
    }
    norm == body
}

/// "2020年2月12日", "（2025年1 月16日）" or "二〇二〇年二月十二日".
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let c = DATE.captures(s)?;
    let y = zh_number(&c[1])?;
    let m = zh_number(&c[2])?;
    let d = zh_number(&c[3])?;
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Arabic digits, digit-by-digit Chinese numerals (二〇二〇) or small Chinese numbers
/// with 十 (十二, 二十一).
fn zh_number(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        match c {
            '0'..='9' => c.to_digit(10),
            '〇' | '○' | '零' => Some(0),
            _ => "一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map(|p| p as u32 + 1),
        }
    };
    if let Some((tens, ones)) = s.split_once('十') {
        let t = if tens.is_empty() {
            1
        } else {
            digit(tens.chars().next()?)?
        };
        let o = if ones.is_empty() {
            0
        } else {
            digit(ones.chars().next()?)?
        };
        return Some(t * 10 + o);
    }
    s.chars()
        .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?))
}

static TITLE_LOOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.{0,40}?)((?:19|20)\d{2})\s*年度?\s*(.{6,24})$").unwrap());

/// Agency and year of a title line: "某某局2023年政府信息公开工作年度报告", also with a
/// character misread by OCR in the fixed words ("政府信息公开工作年度报吿").
fn title_parts(line: &str) -> Option<(String, Option<i32>)> {
    if let Some(c) = TITLE.captures(line) {
        return Some((agency_of_title(&c[1]), c[2].parse().ok()));
    }
    let c = TITLE_LOOSE.captures(line)?;
    let rest = normalize(&c[3]);
    (!line.contains(['，', '。', '；']) && dice(&rest, "政府信息公开工作年度报告") >= 75)
        .then(|| (agency_of_title(&c[1]), c[2].parse().ok()))
}

/// The agency in front of the year in a title, without a breadcrumb or site name before
/// it ("首页 > 年报 > 某某局" gives 某某局).
fn agency_of_title(s: &str) -> String {
    let s = s.trim_matches(is_space);
    let s = s
        .rsplit(['>', '》', '|', '｜', '＞', '»', '/'])
        .next()
        .unwrap_or(s)
        .trim_matches(is_space);
    // A space inside what is left still separates a breadcrumb word from the name.
    s.rsplit(is_space).next().unwrap_or(s).to_string()
}

/// A signature line: short, no sentence punctuation, and the title's agency or an
/// organisation's name.
fn looks_like_agency(t: &str, title_agency: &str) -> bool {
    if t.chars().count() > 40 || t.contains(['。', '，', '；', '：', ',', ';', ':', '！', '？'])
    {
        return false;
    }
    if !title_agency.is_empty() && t.contains(title_agency) {
        return true;
    }
    if t.chars().count() < 3 {
        return false;
    }
    const SUFFIXES: [&str; 12] = [
        "局",
        "委",
        "办",
        "厅",
        "院",
        "府",
        "中心",
        "委员会",
        "办公室",
        "处",
        "所",
        "管理委员会",
    ];
    SUFFIXES.iter().any(|s| t.ends_with(s))
}

/// A text section: its non-empty lines, trimmed, one paragraph per line; page numbers
/// copied from a paginated document ("— 3 —", "第3页") are left out and returned.
pub fn paragraphs(lines: &[Line]) -> (String, Vec<usize>) {
    let mut dropped = Vec::new();
    let mut kept = Vec::new();
    for Line { n, text: l, .. } in lines {
        let t = l.trim_matches(is_space);
        if t.is_empty() {
            continue;
        }
        if is_page_number(t) {
            dropped.push(*n);
        } else {
            kept.push(t);
        }
    }
    (rejoin_wrapped(&kept), dropped)
}

/// Widest line of text laid out on a page (A4 at 3号 holds 28 characters); a section
/// whose lines are all this short and mostly full was wrapped by a page layout.
const MAX_WRAPPED_WIDTH: usize = 60;

/// Joins the lines of paragraphs that a page layout wrapped at its right margin (text
/// pulled from a PDF): a full-width line that does not end a sentence continues on the
/// next line, unless that line starts a heading.
fn rejoin_wrapped(lines: &[&str]) -> String {
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    let full = |w: usize| w * 100 >= max * 85;
    let wrapped = max <= MAX_WRAPPED_WIDTH && widths.iter().filter(|&&w| full(w)).count() >= 3;
    if !wrapped {
        return lines.join("\n");
    }
    static HEADING_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])")
            .unwrap()
    });
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            let prev = lines[i - 1];
            let ends_sentence = prev.ends_with(['。', '！', '？', '；', '：', '…']);
            if full(widths[i - 1]) && !ends_sentence && !HEADING_START.is_match(l) {
                let (a, b) = (prev.chars().last(), l.chars().next());
                if a.is_some_and(|c| c.is_ascii_alphabetic())
                    && b.is_some_and(|c| c.is_ascii_alphabetic())
                {
                    out.push(' ');
                }
            } else {
                out.push('\n');
            }
        }
        out.push_str(l);
    }
    out
}

/// Separates prose printed around a table (notes such as "注：…") from the table's lines.
pub fn split_prose(lines: &[Line]) -> (String, Vec<&Line>) {
    let mut prose = Vec::new();
    let mut table = Vec::new();
    for line in lines {
        let l = &line.text;
        let t = l.trim_matches(is_space);
        let is_note = !l.contains('\t')
            && (t.starts_with("注：")
                || t.starts_with("注:")
                || t.starts_with("说明：")
                || t.starts_with("备注：")
                || (t.chars().count() >= 25 && t.ends_with('。')));
        if is_note {
            prose.push(t);
        } else {
            table.push(line);
        }
    }
    (prose.join("\n"), table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(t: &str) -> Title {
        let norm = normalize(t);
        Title {
            numeral: norm.chars().take_while(|c| *c != '、').collect(),
            body: strip_enumeration(&norm).to_string(),
            norm,
        }
    }

    #[test]
    fn headings_in_their_printed_forms() {
        let yes = [
            "一、总体情况",
            "一．总体情况",
            "一 总体情况",
            "总体情况",
            "六、其他需要报告的事项",
        ];
        for h in yes {
            let title = if h.contains("其他") {
                "六、其他需要报告的事项"
            } else {
                "一、总体情况"
            };
            assert!(
                is_heading(&normalize(h), &super::tests::title(title)),
                "{h}"
            );
        }
        assert!(!is_heading(
            &normalize("一、政务公开标准化规范化推进总体情况"),
            &title("一、总体情况")
        ));
        assert!(!is_heading(
            &normalize("四、结转下年度继续办理"),
            &title("四、政府信息公开行政复议、行政诉讼情况")
        ));
        assert!(!is_heading(
            &normalize("三、政府信息管理"),
            &title("三、收到和处理政府信息公开申请情况")
        ));
    }

    #[test]
    fn page_numbers_are_not_paragraphs() {
        let lines = super::super::blocks::text_lines(
            "第一段。\n— 3 —\n  第 4 页 共 9 页\n- 12 -\n共收到3件",
        );
        let (text, dropped) = paragraphs(&lines);
        assert_eq!(text, "第一段。\n共收到3件");
        assert_eq!(dropped, vec![2, 3, 4]);
    }

    #[test]
    fn dates_in_arabic_and_chinese_numerals() {
        let d = NaiveDate::from_ymd_opt(2020, 2, 12);
        assert_eq!(parse_date("2020年2月12日"), d);
        assert_eq!(parse_date("（2020年2 月12日）"), d);
        assert_eq!(parse_date("二〇二〇年二月十二日"), d);
        assert_eq!(parse_date("2020年2月30日"), None);
        assert_eq!(parse_date("截至2020年2月12日共收到"), None);
    }
}
