//! Reading one statistical table out of the text lines of its section.
//!
//! The lines are cut into cells (tabs separate cells; a cell may hold a label followed by
//! numbers separated by spaces, or a label with digits glued on). Each template row is then
//! anchored at the cell that carries its label, in template order, and the numbers that
//! follow the label up to the next label are that row's values. Numbers are never assigned
//! by counting them in reading order across rows.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::Note;
use super::blocks::{Line, is_page_number, is_space};
use super::label::{Prepared, normalize, score};
use super::split::{self, Split};
use crate::model::{Cell, Origin, Provenance, Report, value};
use crate::template::{CellId, CellKind, Check, Table, Template, Term};

/// A printed label must score at least this to anchor a row (see [`score`]).
const MATCH_THRESHOLD: u32 = 70;
/// Rows further ahead than this are not considered, so a header word such as "总计" can
/// never anchor a row near the end of the table.
const LOOKAHEAD: usize = 6;
/// Label cells joined to find a label broken over lines ("结果" + "纠正").
const MAX_JOIN: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Label,
    Value,
    /// An empty cell, or a dash standing for one.
    Blank,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub kind: Kind,
    pub text: String,
    /// 1-based line number in the input.
    pub line: usize,
    /// Tab-separated position in its line, when the line has tabs and the cell holds one
    /// token.
    pub col: Option<usize>,
    /// Cells in its line, trailing empty ones not counted.
    pub width: usize,
    /// A cell of a real table (Word, HTML, PDF): an empty one is a real empty cell.
    pub grid: bool,
}

/// A number as printed; □ is a digit OCR could not read (the cell stays a value's place,
/// not a label's).
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[+\-－−]?[0-9０-９□][0-9０-９□,，.．]*(?:万元|元|件|个|项|条|起|宗)?$").unwrap()
});

/// Marks that stand for an empty cell in published tables.
fn is_dash(s: &str) -> bool {
    matches!(
        s,
        "-" | "—" | "——" | "－" | "/" | "／" | "\\" | "—/—" | "无" | "空"
    )
}

/// Cuts the lines of a table section into cells; a line that is a row of a real table
/// (Word, HTML, PDF) gives its own cells, placed by their grid column.
pub fn tokenize<'a>(lines: impl Iterator<Item = &'a Line>) -> Vec<Tok> {
    let mut toks = Vec::new();
    for l in lines {
        let (line, text) = (l.n, l.text.as_str());
        if let Some(row) = &l.row {
            // Every cell of a real table is printed, empty ones too: the row is as wide
            // as its table.
            let width = row.width;
            for (col, t) in &row.cells {
                let before = toks.len();
                push_fragment(&mut toks, t, line, width);
                if toks.len() == before + 1 {
                    toks[before].col = Some(*col);
                }
                for k in &mut toks[before..] {
                    k.grid = true;
                }
            }
            continue;
        }
        let frags: Vec<&str> = text.split('\t').collect();
        let width = frags
            .iter()
            .rposition(|f| !f.trim_matches(is_space).is_empty())
            .map_or(0, |p| p + 1);
        for (i, f) in frags.iter().enumerate() {
            // Text before the first tab is a cell only when it holds something: a line
            // that starts with a tab is the one-cell-per-line layout, not an empty cell.
            if i == 0 && f.trim_matches(is_space).is_empty() {
                continue;
            }
            let before = toks.len();
            // Two or more spaces separate cells as a tab does, in text laid out by
            // columns (a PDF's text with its layout, a fixed-width table).
            for part in split_wide_gaps(f) {
                push_fragment(&mut toks, part, line, width);
            }
            if frags.len() > 1 && toks.len() == before + 1 {
                toks[before].col = Some(i);
            }
        }
    }
    toks
}

/// Cuts a fragment at runs of two or more spaces; an empty fragment stays one.
fn split_wide_gaps(f: &str) -> Vec<&str> {
    static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[ \u{3000}\u{a0}]{2,}").unwrap());
    let parts: Vec<&str> = GAP
        .split(f.trim_matches(is_space))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() { vec![f] } else { parts }
}

fn push_fragment(toks: &mut Vec<Tok>, frag: &str, line: usize, width: usize) {
    let t = frag.trim_matches(is_space);
    let tok = |kind, text: &str| Tok {
        kind,
        text: text.to_string(),
        line,
        col: None,
        width,
        grid: false,
    };
    if t.is_empty() {
        toks.push(tok(Kind::Blank, ""));
        return;
    }
    if is_dash(t) {
        toks.push(tok(Kind::Blank, t));
        return;
    }
    let words: Vec<&str> = t.split(is_space).filter(|w| !w.is_empty()).collect();
    let mut k = words.len();
    while k > 0 && VALUE.is_match(words[k - 1]) {
        k -= 1;
    }
    if k > 0 {
        // A label cell may hold several labels with their numbers run together when the
        // line breaks were lost ("规章000行政规范性文件3125"): cut where digits meet words.
        let label = words[..k].join(" ");
        for (is_value, piece) in runs(&label) {
            let piece = piece.trim_matches(is_space);
            if is_value {
                toks.push(tok(Kind::Value, piece));
            } else if piece.chars().count() > 1 {
                toks.push(tok(Kind::Label, piece));
            }
            // A single character is no label of any template: it is a vertical label
            // set one character per line ("三" "、" "本" …) or the end of a label
            // wrapped in its cell ("…申请数" / "量"), and would only end a row early.
        }
    }
    for w in &words[k..] {
        toks.push(tok(Kind::Value, w));
    }
}

/// Cuts text into label and digit runs: "规章 000行政规范性文件3125" gives 规章 / 000 /
/// 行政规范性文件 / 3125. Digits that belong to a label stay in it: an enumeration
/// ("1.属于国家秘密", "00002.没有现成…" gives 0000 / 2.没有现成…), digits inside words
/// ("第1项", "2023年"), and short labels such as "数据1" are not cut.
fn runs(text: &str) -> Vec<(bool, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (is_digit(chars[j].1)
                || ".．".contains(chars[j].1) && chars.get(j + 1).is_some_and(|c| is_digit(c.1)))
        {
            j += 1;
        }
        let before = i.checked_sub(1).map(|p| chars[p].1);
        let after = chars.get(j).map(|c| c.1);
        let after2 = chars.get(j + 1).map(|c| c.1);
        // An enumeration ends the run: its last digit and the mark start a label.
        let enumerated = matches!(after, Some('.' | '．' | '、')) && after2.is_some_and(is_cjk);
        let mut value_end = if enumerated { j - 1 } else { j };
        // Digits inside a word ("第1项", "2023年", "（2）") are not values.
        let inside_word = matches!(before, Some('第' | '(' | '（'))
            || after.is_some_and(|c| "年月日号项条件个次位%％)）".contains(c)) && !enumerated;
        if inside_word || value_end <= i {
            i = j.max(i + 1);
            continue;
        }
        if before.is_some_and(|c| !is_cjk(c) && !is_space(c) && !")）".contains(c)) {
            i = j;
            continue;
        }
        let (a, mut b) = (chars[i].0, chars.get(value_end).map_or(text.len(), |c| c.0));
        // A unit printed with the number stays with it ("12.56万元").
        for unit in ["万元", "元"] {
            if text[b..].starts_with(unit) {
                b += unit.len();
                value_end += unit.chars().count();
                break;
            }
        }
        if a > start && !text[start..a].trim_matches(is_space).is_empty() {
            out.push((false, &text[start..a]));
        }
        out.push((true, &text[a..b]));
        start = b;
        i = value_end.max(i + 1);
    }
    if start < text.len() && !text[start..].trim_matches(is_space).is_empty() {
        out.push((false, &text[start..]));
    }
    // "数据1": a label of a word or two and a digit stays whole.
    if let [(false, l), (true, d)] = out.as_slice()
        && l.chars().count() <= 3
        && d.chars().count() == 1
    {
        return vec![(false, text)];
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || "（“《【〔".contains(c)
}

/// Reads the values of `table` from `toks` into `report`, adding notes.
pub fn read(report: &mut Report, table: usize, toks: &[Tok], notes: &mut Vec<Note>) {
    let t: &'static Template = report.template;
    let tab = &t.tables[table];
    let mut anchors = anchor_rows(tab, toks, notes);
    let mut pending: Vec<(usize, Vec<Vec<i64>>, usize)> = Vec::new();
    let mut last_end: Option<usize> = None;
    let mut missing: Vec<Missing> = Vec::new();
    let groups = group_labels(tab);
    let mut continued: Vec<usize> = Vec::new();
    for (ri, row) in tab.rows.iter().enumerate() {
        let ncols = tab.blocks[row.block].columns.len();
        let start = match anchors[ri] {
            Some((_, end)) => end + 1,
            None if row.label.is_empty() => match unlabelled_start(toks, last_end) {
                Some(s) => {
                    // The header cell above the values stands in for the row's label.
                    if s > 0 {
                        anchors[ri] = Some((s - 1, s - 1));
                    }
                    s
                }
                None => {
                    notes.push(Note::warn(format!("表{}没有找到数字，该表留空", tab.short)));
                    continue;
                }
            },
            None => {
                notes.push(Note::warn(format!(
                    "表{}没有找到“{}”一行，该行留空",
                    tab.short, row.label
                )));
                continue;
            }
        };
        let next_row = anchors[ri + 1..]
            .iter()
            .flatten()
            .map(|a| a.0)
            .min()
            .unwrap_or(toks.len());
        let (run, end) = row_cells(toks, start, next_row, &row.label, &groups, &mut continued);
        last_end = Some(end.saturating_sub(1));
        let anchor = anchors[ri].map(|(_, e)| &toks[e]);
        let placed = place(tab, row.block, anchor, &run);
        let cells: Vec<CellId> = (0..ncols).filter_map(|c| t.cell_at(table, ri, c)).collect();
        let line = toks.get(start.saturating_sub(1)).map(|k| k.line);
        let row_at = RowAt {
            table,
            ri,
            cells: &cells,
            line,
        };
        if irregular_row(report, &row_at, &placed, &mut pending, notes) {
            continue;
        }
        assign(report, tab, ri, &cells, &placed, line, &mut missing, notes);
    }
    missing_note(t, tab, missing, notes);
    unrecognised(tab, toks, &anchors, &continued, notes);
    settle_splits(report, table, pending, notes);
    empty_table_note(report, table, notes);
}

/// Where a row being read sits: its table and index, its cells, its input line.
struct RowAt<'a> {
    table: usize,
    ri: usize,
    cells: &'a [CellId],
    line: Option<usize>,
}

/// Rows whose numbers cannot simply be placed: digits run together, spaces that do not
/// fit, numbers that cannot be put in their columns, columns unlike the template's.
/// Returns whether the row was dealt with (filled, pending a split, or left with a note).
fn irregular_row(
    report: &mut Report,
    at: &RowAt,
    placed: &Placed,
    pending: &mut Vec<(usize, Vec<Vec<i64>>, usize)>,
    notes: &mut Vec<Note>,
) -> bool {
    let t = report.template;
    let tab = &t.tables[at.table];
    let (ri, line) = (at.ri, at.line);
    let row = &tab.rows[ri];
    let cells = at.cells.to_vec();
    let ncols = tab.blocks[row.block].columns.len();
    if let Some(digits) = flattened(placed, ncols) {
        match split::candidates(t, &cells, digits) {
            Split::Many(c) if c.is_empty() => notes.push(
                Note::warn(format!(
                    "表{}{}的数字“{digits}”连在一起，无法按勾稽关系拆分，该行留空",
                    tab.short,
                    row_name(row)
                ))
                .at(line)
                .cells(cells.clone()),
            ),
            Split::Many(c) => pending.push((ri, c, line.unwrap_or(0))),
            Split::TooLong => notes.push(
                Note::warn(format!(
                    "表{}{}的数字“{digits}”连在一起且过长，无法拆分，该行留空",
                    tab.short,
                    row_name(row)
                ))
                .at(line)
                .cells(cells.clone()),
            ),
        }
        return true;
    }
    if let Some(sp) = respaced(t, &cells, placed) {
        match split::candidates(t, &cells, &sp.digits) {
            Split::Many(c) if c.len() == 1 => {
                for (id, v) in cells.iter().zip(&c[0]) {
                    report.cells[id.index()] = Cell::Int(*v);
                }
                notes.push(
                    Note::info(format!(
                        "表{}{}印作“{}”，{}；按勾稽关系只有一种读法：{}",
                        tab.short,
                        row_name(row),
                        sp.printed,
                        sp.why,
                        join(&c[0])
                    ))
                    .at(line)
                    .cells(cells.clone())
                    .origin(Origin::Split),
                );
                return true;
            }
            Split::Many(c) if !c.is_empty() => {
                pending.push((ri, c, line.unwrap_or(0)));
                return true;
            }
            // No split keeps the equations: the separators stand, and a report's own
            // imbalance stays its own.
            _ => {}
        }
    }
    if let Some(reading) = unplaceable(t, &cells, placed) {
        notes.push(
        Note::warn(format!(
            "表{}{}印作“{}”，数的个数与栏目数不符，无法确定各数所在的栏目，该行留空，请对照原件填写（按从左到右可读作：{}）",
            tab.short,
            row_name(row),
            reading.0,
            reading.1
        ))
        .at(line)
        .cells(cells.clone()),
        );
        return true;
    }
    if placed.misaligned {
        notes.push(
        Note::warn(format!(
            "表{}{}一行的数与原表的栏目对不齐（原表的栏目与模板不同），该行留空，请对照原件填写",
            tab.short,
            row_name(row)
        ))
        .at(line)
        .cells(cells.clone()),
        );
        return true;
    }
    false
}

/// The tokens of a row's cells from `start`, and where they end. They run to the next
/// label, past pieces of the row's own label or of a group label wrapped around its
/// numbers in a PDF's text ("1.申请人无正当理" / "（六）其" / "由逾期不补正、行" / 1 0 0 … /
/// "他处理"), never into the next row (`next_row`); the pieces are added to `continued`.
fn row_cells<'a>(
    toks: &'a [Tok],
    start: usize,
    next_row: usize,
    label: &str,
    groups: &[String],
    continued: &mut Vec<usize>,
) -> (Cow<'a, [Tok]>, usize) {
    let own = normalize(label);
    let mut end = start;
    let mut pieces = Vec::new();
    while end < toks.len().min(next_row.max(start)) {
        let k = &toks[end];
        if k.kind == Kind::Label {
            let n = normalize(&k.text);
            // Only before the row's first number: a piece after numbers starts
            // another line of cells, whose columns need not line up with these.
            let before_values = toks[start..end].iter().all(|k| k.kind != Kind::Value);
            let piece = before_values
                && n.chars().count() >= 2
                && (own.contains(n.as_str()) || groups.iter().any(|g| g.contains(n.as_str())));
            if !piece {
                break;
            }
            pieces.push(end);
        }
        end += 1;
    }
    let run: Vec<Tok> = if pieces.is_empty() {
        Vec::new()
    } else {
        toks[start..end]
            .iter()
            .filter(|k| k.kind != Kind::Label)
            .cloned()
            .collect()
    };
    continued.extend(pieces);
    if run.is_empty() && toks[start..end].iter().all(|k| k.kind != Kind::Label) {
        (Cow::Borrowed(&toks[start..end]), end)
    } else {
        (Cow::Owned(run), end)
    }
}

/// A table whose labels were all found but whose cells are all blank (a blank template,
/// a form not filled in) is said once, so no empty table passes unnoticed.
fn empty_table_note(report: &Report, table: usize, notes: &mut Vec<Note>) {
    let t = report.template;
    let tab = &t.tables[table];
    let name = format!("表{}", tab.short);
    let empty = t
        .table_cells(table)
        .all(|c| report.cells[c.index()].is_empty());
    if empty
        && !notes
            .iter()
            .any(|n| n.level == super::NoteLevel::Warning && n.message.contains(&name))
    {
        notes.push(
            Note::warn(format!(
                "{name}的单元格都是空白，没有导入任何数字，请对照原件填写"
            ))
            .cells(t.table_cells(table).collect()),
        );
    }
}

/// "“（三）1.属于国家秘密”" for messages; table 四's one row has no label.
fn row_label(row: &crate::template::Row) -> String {
    let name = if row.short.is_empty() {
        &row.label
    } else {
        &row.short
    };
    if name.is_empty() {
        String::new()
    } else {
        format!("“{name}”")
    }
}

/// "“（三）1.属于国家秘密”一行", or nothing for table 四's one row.
fn row_name(row: &crate::template::Row) -> String {
    let l = row_label(row);
    if l.is_empty() {
        l
    } else {
        format!("{l}一行")
    }
}

/// Notes the label cells that are neither a row label nor any header text of the table:
/// content the importer did not understand and did not import.
fn unrecognised(
    tab: &'static Table,
    toks: &[Tok],
    anchors: &[Option<(usize, usize)>],
    continued: &[usize],
    notes: &mut Vec<Note>,
) {
    let known: Vec<(Prepared, &str)> = tab
        .blocks
        .iter()
        .flat_map(|b| b.printed_labels())
        .map(|s| (Prepared::new(normalize(s)), s))
        .collect();
    let rows: Vec<String> = tab.rows.iter().map(|r| normalize(&r.label)).collect();
    let mut odd: Vec<&Tok> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Label
            || continued.contains(&i)
            || anchors.iter().flatten().any(|&(a, b)| (a..=b).contains(&i))
        {
            continue;
        }
        let p = Prepared::new(normalize(&t.text));
        // A label followed by numbers is a row: one the format does not have. Otherwise
        // it is header text, possibly a piece of a label broken over lines ("结果" +
        // "纠正") or a label with a remark ("（单位：万元，保留4位小数）").
        let has_values = toks[i + 1..]
            .iter()
            .find(|t| t.kind != Kind::Blank)
            .is_some_and(|t| t.kind == Kind::Value);
        if has_values {
            odd.push(t);
            continue;
        }
        // Header words broken over lines come out as runs of fragments
        // ("自然人 商业企 科研机"), and page numbers sit between a table's rows.
        let fragments = t.text.split(is_space).filter(|w| !w.is_empty()).all(|w| {
            let w = normalize(w);
            known.iter().any(|(k, _)| k.norm.contains(w.as_str()))
                || rows.iter().any(|r| r.contains(w.as_str()))
        });
        if fragments || is_page_number(&t.text) {
            continue;
        }
        match known
            .iter()
            .map(|(k, raw)| (score(&p, k), *raw))
            .max_by_key(|b| b.0)
        {
            Some((s, raw)) if s >= MATCH_THRESHOLD => {
                if s < 95 {
                    notes.push(
                        Note::info(format!(
                            "表{}的栏目“{}”与模板“{raw}”不同，按模板的栏目导入",
                            tab.short, t.text
                        ))
                        .at(Some(t.line)),
                    );
                }
            }
            _ => odd.push(t),
        }
    }
    if let Some(first) = odd.first() {
        let shown: Vec<String> = odd
            .iter()
            .take(5)
            .map(|t| format!("“{}”", t.text))
            .collect();
        let more = if odd.len() > 5 {
            format!("等{}处", odd.len())
        } else {
            String::new()
        };
        notes.push(
            Note::warn(format!(
                "表{}中有未能识别的内容{}{more}，未导入，请对照原件核对",
                tab.short,
                shown.join("、")
            ))
            .at(Some(first.line)),
        );
    }
}

/// The normalised labels of the row groups ("（六）其他处理", the vertical
/// "三、本年度办理结果").
fn group_labels(tab: &'static Table) -> Vec<String> {
    let mut out = Vec::new();
    for b in &tab.blocks {
        out.extend(b.row_group_labels().into_iter().map(normalize));
    }
    out
}

/// Where each row's label was printed: (first, last) token of the label.
fn anchor_rows(tab: &Table, toks: &[Tok], notes: &mut Vec<Note>) -> Vec<Option<(usize, usize)>> {
    let labels: Vec<Prepared> = tab
        .rows
        .iter()
        .map(|r| Prepared::new(normalize(&r.label)))
        .collect();
    let mut anchors = vec![None; tab.rows.len()];
    let mut next = 0;
    let mut i = 0;
    while i < toks.len() && next < tab.rows.len() {
        if toks[i].kind != Kind::Label {
            i += 1;
            continue;
        }
        // (score, row, last token); higher score, then earlier row, then longer join wins.
        let mut best: Option<(u32, usize, usize)> = None;
        let mut joined = String::new();
        for k in 0..MAX_JOIN {
            let Some(tok) = toks.get(i + k).filter(|t| t.kind == Kind::Label) else {
                break;
            };
            joined.push_str(&normalize(&tok.text));
            let printed = Prepared::new(joined.clone());
            for (r, label) in labels
                .iter()
                .enumerate()
                .skip(next)
                .take(LOOKAHEAD)
                .filter(|(_, l)| !l.norm.is_empty())
            {
                // A short label printed without its number ("总计", "其他") is also a
                // column title; it may only anchor the next row, never jump ahead.
                if r > next
                    && printed.norm == printed.stripped()
                    && label.stripped().chars().count() <= 4
                {
                    continue;
                }
                let s = score(&printed, label);
                let better = match best {
                    None => true,
                    Some((bs, br, _)) => s > bs || (s == bs && r < br),
                };
                if s >= MATCH_THRESHOLD && better {
                    best = Some((s, r, i + k));
                }
            }
        }
        match best {
            Some((s, r, end)) => {
                // The window found may begin with header words or a group label and
                // miss the end of a label wrapped onto the next line: take the window
                // around it that names the row best.
                let (s, start, end) = best_window(toks, i, end, &labels[r], s);
                i = start;
                if s < 90 {
                    let printed: String = toks[i..=end].iter().map(|t| t.text.as_str()).collect();
                    notes.push(
                        Note::info(format!(
                            "表{}的行标签“{printed}”与模板“{}”不同，已按该行导入",
                            tab.short, tab.rows[r].label
                        ))
                        .at(Some(toks[i].line)),
                    );
                }
                anchors[r] = Some((i, end));
                next = r + 1;
                i = end + 1;
            }
            None => i += 1,
        }
    }
    anchors
}

/// The run of label tokens, starting within `from..=to` and ending at most
/// [`MAX_JOIN`] tokens past `to`, whose joined text scores best against `label`;
/// ties go to the later start (without header words) and then the longer end.
fn best_window(
    toks: &[Tok],
    from: usize,
    to: usize,
    label: &Prepared,
    score0: u32,
) -> (u32, usize, usize) {
    let mut best = (score0, from, to);
    for a in from..=to {
        let mut joined = String::new();
        for (e, tok) in toks.iter().enumerate().skip(a).take(to - a + 1 + MAX_JOIN) {
            if tok.kind != Kind::Label {
                break;
            }
            joined.push_str(&normalize(&tok.text));
            let s = score(&Prepared::new(joined.clone()), label);
            if s > best.0 || (s == best.0 && (a > best.1 || (a == best.1 && e > best.2))) {
                best = (s, a, e);
            }
        }
    }
    best
}

/// Start of the values of a row without a label (table 四): after the last label that
/// precedes the first number following the previous row.
fn unlabelled_start(toks: &[Tok], after: Option<usize>) -> Option<usize> {
    let from = after.map_or(0, |a| a + 1);
    let first_value = from + toks[from..].iter().position(|t| t.kind == Kind::Value)?;
    let label = toks[from..first_value]
        .iter()
        .rposition(|t| t.kind == Kind::Label)
        .map_or(from, |p| from + p + 1);
    Some(label)
}

/// A row that printed too few values: (row, cells left empty, line).
type Missing = (usize, Vec<CellId>, Option<usize>);

/// Where a row's printed cells go: (column, cell) pairs, cells beyond the last column,
/// and how many columns the row printed.
struct Placed<'a> {
    cells: Vec<(usize, &'a Tok)>,
    extra: Vec<&'a Tok>,
    printed: usize,
    /// Empty cells dropped because the row had more cells than columns.
    dropped: usize,
    /// The row's cells cannot be matched to the template's columns.
    misaligned: bool,
}

impl<'a> Placed<'a> {
    /// The row's tokens as printed: those placed in columns, then the surplus.
    fn tokens(&self) -> impl Iterator<Item = &'a Tok> + '_ {
        self.cells
            .iter()
            .map(|(_, k)| *k)
            .chain(self.extra.iter().copied())
    }
}

/// Places the cells that follow a row's label.
///
/// Three layouts are told apart:
/// * a grid line (tabs exactly as the table's columns, as nianbao's own text export and
///   spreadsheets write): a cell's position is its column, blanks included;
/// * a line padded with extra tabs for merged cells (Word): empty cells at either end are
///   padding, the values fill the columns from the left;
/// * one cell per line: empty cells are blank columns (a report may print only 总计);
///   surplus empty cells at the end, then at the start, are merged-cell placeholders.
fn place<'a>(tab: &Table, block: usize, anchor: Option<&Tok>, run: &'a [Tok]) -> Placed<'a> {
    let columns = &tab.blocks[block].columns;
    let ncols = columns.len();
    let filled = |t: &&Tok| t.kind != Kind::Blank || !t.text.is_empty();
    let last = run.iter().rposition(|t| filled(&t)).map_or(0, |p| p + 1);
    let line = anchor.map_or(run.first().map(|t| t.line), |a| Some(a.line));
    let one_line = last > 0 && run[..last].iter().all(|t| Some(t.line) == line);
    if one_line && let Some(first) = run.iter().find(filled) {
        // Grid: every filled cell sits at a column start of the block.
        let lead = tab.label_cols;
        let physical: usize = columns.iter().map(|c| c.span).sum();
        let starts: Vec<usize> = columns
            .iter()
            .scan(0, |at, c| {
                let s = *at;
                *at += c.span;
                Some(s)
            })
            .collect();
        let anchored = anchor.is_none_or(|a| a.col.is_some_and(|c| c < lead));
        // A real table must have the template's columns exactly; a text line may end
        // early (trailing empty cells are not printed).
        let fits = if first.grid {
            first.width == lead + physical
        } else {
            first.width <= lead + physical
        };
        if anchored && fits {
            let grid: Option<Vec<(usize, &Tok)>> = run
                .iter()
                .filter(filled)
                .map(|t| {
                    let p = t.col?.checked_sub(lead)?;
                    Some((starts.iter().position(|&s| s == p)?, t))
                })
                .collect();
            if let Some(cells) = grid {
                let printed = first.width.saturating_sub(lead);
                let printed = starts.iter().filter(|&&s| s < printed).count();
                return Placed {
                    cells,
                    extra: Vec::new(),
                    printed,
                    dropped: 0,
                    misaligned: false,
                };
            }
        }
        // A real table whose columns are not the template's and whose row has fewer
        // cells than columns: which column each number belongs to is unknown.
        if run.iter().any(|t| t.grid) && run.len() < ncols {
            return Placed {
                cells: Vec::new(),
                extra: Vec::new(),
                printed: 0,
                dropped: 0,
                misaligned: true,
            };
        }
        // Padded line: drop empty cells at both ends.
        let a = run.iter().position(|t| filled(&t)).unwrap_or(0);
        let b = run.iter().rposition(|t| filled(&t)).map_or(0, |p| p + 1);
        return positional(&run[a..b], ncols);
    }
    // One cell per line.
    let mut run = run;
    while run.len() > ncols && run.last().is_some_and(|t| !filled(&t)) {
        run = &run[..run.len() - 1];
    }
    while run.len() > ncols && run.first().is_some_and(|t| !filled(&t)) {
        run = &run[1..];
    }
    positional(run, ncols)
}

/// The cells in column order. With more cells than columns, empty cells inside the row
/// are dropped first (a stray tab), and the row is noted as adjusted.
fn positional(run: &[Tok], ncols: usize) -> Placed<'_> {
    let mut cells: Vec<&Tok> = run.iter().collect();
    let mut dropped = 0;
    while cells.len() > ncols {
        match cells
            .iter()
            .position(|t| t.kind == Kind::Blank && t.text.is_empty())
        {
            Some(p) => {
                cells.remove(p);
                dropped += 1;
            }
            None => break,
        }
    }
    Placed {
        printed: cells.len().min(ncols),
        extra: cells.split_off(cells.len().min(ncols)),
        cells: cells.into_iter().enumerate().collect(),
        dropped,
        misaligned: false,
    }
}

/// A row of text whose spaces may have been misplaced: its numbers, read as the spaces
/// separate them, do not fit the row (too many or too few for its columns, or sums that
/// fail), so its digits are tried as one run.
struct Respaced {
    digits: String,
    /// The numbers as printed, e.g. `230 000023`.
    printed: String,
    /// Why the separated reading was not taken.
    why: &'static str,
}

/// The row's digits as one run when the separated reading does not fit: only for rows of
/// counts whose own equations can tell readings apart, printed as text (a real table's
/// cells are not in doubt) with plain digits and no dash.
fn respaced(t: &Template, cells: &[CellId], placed: &Placed) -> Option<Respaced> {
    let toks: Vec<&Tok> = placed
        .tokens()
        .filter(|k| k.kind != Kind::Blank || !k.text.is_empty())
        .collect();
    let plain =
        |k: &&Tok| !k.grid && k.kind == Kind::Value && k.text.bytes().all(|b| b.is_ascii_digit());
    if toks.len() < 2
        || !toks.iter().all(plain)
        || !cells
            .iter()
            .all(|c| t.cells[c.index()].kind == CellKind::Count)
    {
        return None;
    }
    let mut vals = vec![None; cells.len()];
    for (col, k) in &placed.cells {
        vals[*col] = k.text.parse::<i64>().ok();
    }
    let inputs = cells.iter().filter(|c| !t.derived[c.index()]).count();
    let why = if !placed.extra.is_empty() {
        "数的个数多于栏目数"
    } else if toks.len() < cells.len() {
        // A row that prints exactly its items (no 总计) is a layout, not a lost space.
        if toks.len() == inputs {
            return None;
        }
        "数的个数少于栏目数"
    } else if split::row_holds(t, cells, &vals)? {
        return None;
    } else {
        "按空格分开读与本行的勾稽关系不符"
    };
    split::row_holds(t, cells, &vals)?;
    Some(Respaced {
        digits: toks.iter().map(|k| k.text.as_str()).collect(),
        printed: toks
            .iter()
            .map(|k| k.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        why,
    })
}

/// A text row whose numbers cannot be put in their columns: more numbers than columns, or
/// fewer where the missing ones are not just its totals (a layout that leaves them out).
/// Filling from the left would be a guess, so the row is left for the user with that
/// reading shown: (the numbers as printed, "栏目 数，…" from the left).
fn unplaceable(t: &Template, cells: &[CellId], placed: &Placed) -> Option<(String, String)> {
    let toks: Vec<&Tok> = placed.tokens().collect();
    if toks.is_empty() || toks.iter().any(|k| k.grid) {
        return None;
    }
    let fewer = placed.printed < cells.len()
        && !cells[placed.printed..].iter().all(|c| t.derived[c.index()]);
    if placed.extra.is_empty() && placed.dropped == 0 && !fewer {
        return None;
    }
    let printed: Vec<&str> = toks
        .iter()
        .map(|k| {
            if k.text.is_empty() {
                "（空）"
            } else {
                k.text.as_str()
            }
        })
        .collect();
    let reading: Vec<String> = placed
        .cells
        .iter()
        .filter_map(|(c, k)| Some(format!("{} {}", t.column(*cells.get(*c)?).short, k.text)))
        .collect();
    Some((printed.join(" "), reading.join("，")))
}

/// The digit run of a row whose cell boundaries were lost ("713000074" for 7 columns).
fn flattened<'a>(placed: &Placed<'a>, ncols: usize) -> Option<&'a str> {
    match placed.cells.as_slice() {
        [(0, one)]
            if ncols > 1
                && placed.extra.is_empty()
                && one.kind == Kind::Value
                && one.text.chars().all(|c| c.is_ascii_digit())
                && one.text.len() >= ncols =>
        {
            Some(&one.text)
        }
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn assign(
    report: &mut Report,
    tab: &Table,
    ri: usize,
    cells: &[CellId],
    placed: &Placed,
    line: Option<usize>,
    missing: &mut Vec<Missing>,
    notes: &mut Vec<Note>,
) {
    let t = report.template;
    let row = &tab.rows[ri];
    let block = &tab.blocks[row.block];
    if !placed.extra.is_empty() {
        let extra: Vec<&str> = placed.extra.iter().map(|t| t.text.as_str()).collect();
        notes.push(
            Note::warn(format!(
                "表{}{}印的数多于栏目数，多出的“{}”未导入；这一行的数可能错位，请对照原件核对",
                tab.short,
                row_name(row),
                extra.join(" ")
            ))
            .at(Some(placed.extra[0].line))
            .cells(cells.to_vec()),
        );
    } else if placed.dropped > 0 {
        notes.push(
            Note::warn(format!(
                "表{}{}的单元格多于栏目数，已略去其中{}个空白单元格后按从左到右填入，请对照原件核对",
                tab.short,
                row_name(row),
                placed.dropped
            ))
            .at(line)
            .cells(cells.to_vec()),
        );
    }
    for &(c, tok) in &placed.cells {
        let (Some(&id), Some(col)) = (cells.get(c), block.columns.get(c)) else {
            continue;
        };
        // Found in the document; notes below may still say the value is to check.
        report.set_origin(id, Provenance::new(Origin::Read, ""));
        match tok.kind {
            Kind::Blank if tok.text.is_empty() => {}
            Kind::Blank => notes.push(
                Note::info(format!(
                    "{}印作“{}”，按空白导入",
                    t.cell_label(id),
                    tok.text
                ))
                .at(Some(tok.line))
                .cells(vec![id]),
            ),
            Kind::Label | Kind::Value => {
                report.cells[id.index()] = cell_value(&tok.text, &col.label, &col.kind, |m| {
                    notes.push(
                        Note::warn(format!("{}：{m}", t.cell_label(id)))
                            .at(Some(tok.line))
                            .cells(vec![id])
                            .origin(Origin::Unreadable),
                    )
                });
            }
        }
    }
    // A row that printed no cell at all is reported too: its numbers may have been
    // printed elsewhere (text in reading-flow order) or lost.
    if placed.printed < cells.len() && placed.extra.is_empty() {
        missing.push((ri, cells[placed.printed..].to_vec(), line));
    }
}

/// One note for the rows of a table that printed too few values, grouped by what is
/// missing (a report cut at a fixed width loses the same column on many rows).
fn missing_note(t: &Template, tab: &Table, missing: Vec<Missing>, notes: &mut Vec<Note>) {
    let mut groups: Vec<(String, Vec<Missing>)> = Vec::new();
    for m in missing {
        let names: Vec<&str> = m.1.iter().map(|&id| t.column(id).short.as_str()).collect();
        let key = names.join("、");
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.1.push(m),
            None => groups.push((key, vec![m])),
        }
    }
    for (names, rows) in groups {
        let rows_line = rows[0].2;
        let labels: Vec<String> = rows.iter().map(|r| row_label(&tab.rows[r.0])).collect();
        let which = match labels.as_slice() {
            [one] if one.is_empty() => String::new(),
            [one] => format!("{one}一行"),
            [first, .., last] if labels.len() > 3 => {
                format!("{first}至{last}等{}行", labels.len())
            }
            all => format!("{}各行", all.join("、")),
        };
        let cells: Vec<CellId> = rows.into_iter().flat_map(|r| r.1).collect();
        // Totals can be recomputed from their items; other cells only from the original.
        let what = if cells.iter().all(|c| t.derived[c.index()]) {
            "该栏未导入，合计数可由分项相加得出，请对照原件核对"
        } else {
            "已按从左到右填入，缺少的单元格留空，请对照原件补填"
        };
        notes.push(
            Note::warn(format!(
                "表{}{which}少印了“{names}”栏的数，{what}",
                tab.short
            ))
            .at(rows_line)
            .cells(cells),
        );
    }
}

/// A printed value as a cell. A unit the column already implies is dropped; anything
/// else that does not parse is kept as printed, so the user sees it at the cell.
fn cell_value(text: &str, col_label: &str, kind: &CellKind, mut note: impl FnMut(String)) -> Cell {
    let implied = |unit: &str| match unit {
        "万元" => col_label.contains("万元"),
        "元" => !col_label.contains("万元"),
        _ => matches!(kind, CellKind::Count | CellKind::SignedCount),
    };
    let mut s = text;
    for unit in ["万元", "元", "件", "个", "项", "条", "起", "宗"] {
        if let Some(rest) = text.strip_suffix(unit) {
            if implied(unit) {
                s = rest;
            }
            break;
        }
    }
    match value::parse(s, kind) {
        Ok(c) => c,
        Err(e) => {
            note(format!("印作“{text}”，{e}，已原样保留，请修改"));
            Cell::Invalid(text.to_string())
        }
    }
}

/// Decides the rows whose digits ran together: a row with one candidate split takes it;
/// rows with several are narrowed by the table's column equations once the other rows
/// are known; what stays ambiguous is left empty and reported with its candidates.
fn settle_splits(
    report: &mut Report,
    table: usize,
    mut pending: Vec<(usize, Vec<Vec<i64>>, usize)>,
    notes: &mut Vec<Note>,
) {
    let t = report.template;
    let tab = &t.tables[table];
    let row_cells = |ri: usize| -> Vec<CellId> {
        (0..tab.blocks[tab.rows[ri].block].columns.len())
            .filter_map(|c| t.cell_at(table, ri, c))
            .collect()
    };
    loop {
        let mut progressed = false;
        let mut i = 0;
        while i < pending.len() {
            let (ri, ref mut cands, _) = pending[i];
            let cells = row_cells(ri);
            if cands.len() > 1 {
                cands.retain(|cand| consistent(t, table, &report.cells, &cells, cand));
            }
            if cands.len() == 1 {
                let (ri, cands, line) = pending.remove(i);
                let vals = &cands[0];
                for (id, v) in cells.iter().zip(vals) {
                    report.cells[id.index()] = Cell::Int(*v);
                }
                notes.push(
                    Note::info(format!(
                        "表{}{}的数字连在一起，按勾稽关系唯一拆分为：{}",
                        tab.short,
                        row_name(&tab.rows[ri]),
                        join(vals)
                    ))
                    .at(Some(line))
                    .cells(cells)
                    .origin(Origin::Split),
                );
                progressed = true;
            } else {
                i += 1;
            }
        }
        if !progressed {
            break;
        }
    }
    for (ri, cands, line) in pending {
        let shown: Vec<String> = cands.iter().take(4).map(|c| join(c)).collect();
        let more = if cands.len() > 4 {
            format!(" 等{}种", cands.len())
        } else {
            String::new()
        };
        notes.push(
            Note::warn(format!(
                "表{}{}的数字连在一起，有多种拆分都符合勾稽关系（{}{more}），该行留空，请对照原文填写",
                tab.short,
                row_name(&tab.rows[ri]),
                shown.join("；或 ")
            ))
            .at(Some(line))
            .cells(row_cells(ri)),
        );
    }
}

fn join(v: &[i64]) -> String {
    v.iter().map(i64::to_string).collect::<Vec<_>>().join("、")
}

/// Whether putting `cand` into `cells` keeps every equation of the table whose other
/// cells are all known.
fn consistent(t: &Template, table: usize, known: &[Cell], cells: &[CellId], cand: &[i64]) -> bool {
    let value = |id: CellId| -> Option<i64> {
        match cells.iter().position(|&c| c == id) {
            Some(p) => Some(cand[p]),
            None => known[id.index()].int(),
        }
    };
    for rule in &t.rules {
        let Check::Equation(eq) = &rule.check else {
            continue;
        };
        if eq.table != table {
            continue;
        }
        'inst: for inst in &eq.instances {
            let mut sides = [0i64; 2];
            let mut touches = false;
            for (side, terms) in [&inst.lhs, &inst.rhs].into_iter().enumerate() {
                for term in terms {
                    let Term::This(id) = *term else {
                        continue 'inst;
                    };
                    touches |= cells.contains(&id);
                    match value(id) {
                        Some(v) => sides[side] += v,
                        None => continue 'inst,
                    }
                }
            }
            if touches && sides[0] != sides[1] {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        runs(text).into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn labels_and_digits_run_together_are_cut_apart() {
        assert_eq!(
            pieces("规章 000行政规范性文件3125"),
            ["规章 ", "000", "行政规范性文件", "3125"]
        );
        assert_eq!(
            pieces("一、本年新收政府信息公开申请数量640020470"),
            ["一、本年新收政府信息公开申请数量", "640020470"]
        );
        assert_eq!(
            pieces("1.本机关不掌握相关政府信息00002.没有现成信息需要另行制作"),
            [
                "1.本机关不掌握相关政府信息",
                "0000",
                "2.没有现成信息需要另行制作"
            ]
        );
        assert_eq!(
            pieces("行政事业性收费12.56万元"),
            ["行政事业性收费", "12.56万元"]
        );
        for whole in [
            "2.其他法律行政法规禁止公开",
            "第二十条第1项",
            "数据1",
            "本年收费金额（单位：万元，保留4位小数）",
        ] {
            assert_eq!(pieces(whole), [whole]);
        }
    }

    fn kinds(toks: &[Tok]) -> Vec<(Kind, &str)> {
        toks.iter().map(|t| (t.kind, t.text.as_str())).collect()
    }

    #[test]
    fn cells_are_cut_at_tabs_and_spaces() {
        let lines = crate::import::blocks::text_lines(
            "\t规章\n\t 0\n行政许可\t12\t\t\n一、本年新收政府信息公开申请数量713000074\n(七) 总计 1 2 3\n\t1.属于国家秘密",
        );
        let toks = tokenize(lines.iter());
        assert_eq!(
            kinds(&toks),
            vec![
                (Kind::Label, "规章"),
                (Kind::Value, "0"),
                (Kind::Label, "行政许可"),
                (Kind::Value, "12"),
                (Kind::Blank, ""),
                (Kind::Blank, ""),
                (Kind::Label, "一、本年新收政府信息公开申请数量"),
                (Kind::Value, "713000074"),
                (Kind::Label, "(七) 总计"),
                (Kind::Value, "1"),
                (Kind::Value, "2"),
                (Kind::Value, "3"),
                (Kind::Label, "1.属于国家秘密"),
            ]
        );
    }
}
