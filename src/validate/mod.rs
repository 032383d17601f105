//! The validator: a pure function from a report (and optionally last year's) to diagnostics.
//!
//! Every rule comes from the template; this module only knows how each kind of check is
//! evaluated. It runs on every keystroke, so the passing path allocates nothing: messages
//! are built only for rules that fail.

mod change;
mod prose;
pub mod review;
pub(crate) mod text;
mod unverified;

use std::ops::Range;

use chrono::Datelike;

use crate::model::Report;
use crate::model::last_year::LastYear;
use crate::model::value::{self, Cell};
use crate::template::{CellId, CellKind, Check, Equation, Instance, Rule, Severity, Term};

/// Something in the report a diagnostic points at besides cells and text spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Agency,
    Year,
    PublishDate,
    HeaderText,
}

/// A text range a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSpan {
    /// Section index, or `None` for the header paragraph.
    pub section: Option<usize>,
    /// Byte range within that text.
    pub range: Range<usize>,
}

/// One finding of the validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Rule id from the template (`H1`…`H5`, `S1`…).
    pub rule: &'static str,
    /// Cells the rule involves (all of them, for highlighting).
    pub cells: Vec<CellId>,
    /// Sections the finding is about (text sections, or a table's section).
    pub sections: Vec<usize>,
    pub span: Option<TextSpan>,
    pub field: Option<Field>,
    /// Chinese message with expected and actual values.
    pub message: String,
    /// What the finding is about, e.g. `三（七）总计·总计` (empty: the first cell's label).
    pub subject: String,
}

impl Diagnostic {
    fn new(rule: &'static str, severity: Severity, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            rule,
            cells: Vec::new(),
            sections: Vec::new(),
            span: None,
            field: None,
            message,
            subject: String::new(),
        }
    }

    /// An error of the report: a hard rule that fails on cells the report holds.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A soft warning (提醒).
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// A hard rule that cannot be judged: a cell it involves was not read on import (待核对).
    pub fn is_unverified(&self) -> bool {
        self.severity == Severity::Unverified
    }

    /// The severity as machine output names it.
    pub fn severity_key(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Unverified => "unverified",
        }
    }
}

/// Diagnostics of a report, errors first, each group in template order.
///
/// `previous` is last year's report; when `None`, the report's own `previous` (kept by
/// rollover) is used. Rules that need last year are skipped when neither exists.
pub fn validate(report: &Report, previous: Option<&Report>) -> Vec<Diagnostic> {
    let given = previous.or(report.previous.as_deref());
    // Another year's or another agency's report is compared with nothing (the change
    // rule says why): its 结转 and its texts are not last year's.
    let prev = given.filter(|p| LastYear::of(report, p).is_ok());
    let mut out = Vec::new();
    check_cell_kinds(report, &mut out);
    for rule in &report.template.rules {
        run_rule(report, (prev, given), rule, &mut out);
    }
    if report.provenance.iter().any(Option::is_some) {
        unverified::mark(report, &mut out);
    }
    // Stable: keeps template order within each severity; errors, then 待核对, then warnings.
    out.sort_by_key(|d| match d.severity {
        Severity::Error => 0,
        Severity::Unverified => 1,
        Severity::Warning => 2,
    });
    out
}

/// Whether the report passes every hard rule.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// H5: every cell holds a value of its kind.
fn check_cell_kinds(r: &Report, out: &mut Vec<Diagnostic>) {
    for (i, c) in r.cells.iter().enumerate() {
        let Cell::Invalid(raw) = c else { continue };
        let id = CellId(i as u16);
        let kind: &CellKind = &r.template.cells[i].kind;
        let reason = match value::parse(raw, kind) {
            Err(e) => e.to_string(),
            Ok(_) => continue,
        };
        let mut d = Diagnostic::new(
            &r.template.cell_kind_rule,
            Severity::Error,
            format!(
                "{}：{reason}（现为“{}”）",
                r.template.cell_label(id),
                raw.trim()
            ),
        );
        d.cells.push(id);
        d.subject = r.template.cell_label(id);
        d.sections
            .push(r.template.tables[r.template.cells[i].table].section);
        out.push(d);
    }
}

/// Runs one rule; `prev` is last year's report if it may be compared, `given` the report
/// given as last year's either way (the change rule says why it is not compared).
fn run_rule(
    r: &Report,
    (prev, given): (Option<&Report>, Option<&Report>),
    rule: &'static Rule,
    out: &mut Vec<Diagnostic>,
) {
    let t = r.template;
    let sev = rule.severity;
    let id = rule.id.as_str();
    let c = Run { r, prev, id, sev };
    match &rule.check {
        Check::Equation(eq) => {
            for inst in &eq.instances {
                if let Some(d) = check_instance(r, prev, rule, eq, inst) {
                    out.push(d);
                }
            }
        }
        Check::TextLength { section, max_chars } => {
            let n = text::char_count(&r.texts[*section]);
            if n > *max_chars {
                let mut d = Diagnostic::new(
                    id,
                    sev,
                    format!(
                        "{} 共 {n} 字，超过格式建议的 {max_chars} 字（原则上不超过一千字）",
                        t.sections[*section].title
                    ),
                );
                d.sections.push(*section);
                out.push(d);
            }
        }
        Check::TextEmpty { section, message } => {
            if r.texts[*section].trim().is_empty() {
                out.push(section_diag(id, sev, *section, message.clone()));
            }
        }
        Check::TextMentions {
            section,
            any_of,
            message,
        } => {
            let body = &r.texts[*section];
            if !body.trim().is_empty() && !any_of.iter().any(|k| body.contains(k.as_str())) {
                out.push(section_diag(id, sev, *section, message.clone()));
            }
        }
        Check::TextCovers {
            section,
            groups,
            message,
        } => text_covers(&c, out, *section, groups, message),
        Check::CellsNeedText {
            cells,
            section,
            any_of,
            message,
        } => {
            let sum = sum_cells(r, cells);
            let body = &r.texts[*section];
            if sum.is_some_and(|s| s > 0) && !any_of.iter().any(|k| body.contains(k.as_str())) {
                let mut d = section_diag(id, sev, *section, message.clone());
                d.cells.extend(cells);
                out.push(d);
            }
        }
        Check::Share {
            part,
            whole,
            max_percent,
            message,
        } => share(&c, out, part, *whole, *max_percent, message),
        Check::NarrativeNumber {
            sections,
            pattern,
            cells,
            topic,
            not_after,
        } => narrative_number(&c, out, sections, (pattern, not_after), cells, topic),
        Check::NarrativeNone {
            sections,
            none_pattern,
            cells,
            topic,
        } => narrative_none(&c, out, sections, none_pattern, cells, topic),
        Check::ShareInText {
            sections,
            pattern,
            wholes,
        } => prose::shares(&c, out, sections, pattern, wholes),
        Check::ChangeInText {
            sections,
            pattern,
            cells,
            topic,
        } => prose::changes(&c, out, sections, pattern, (cells, topic)),
        Check::SimilarToPrevious {
            section,
            max_percent,
        } => similar_to_previous(&c, out, *section, *max_percent),
        Check::EmptyCells { table } => empty_cells(&c, out, *table),
        Check::AmountAbove { cell, max, message } => {
            if let Cell::Amount(a) = r.cell(*cell) {
                let int: u64 = a
                    .split('.')
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                if int > *max {
                    let mut d = Diagnostic::new(id, sev, format!("{message}（现为 {a}）"));
                    d.cells.push(*cell);
                    d.sections.push(table_section(r, *cell));
                    out.push(d);
                }
            }
        }
        Check::ChangeFromPrevious { .. } => {
            if let Some(p) = given {
                change::from_previous(r, p, rule, out);
            }
        }
        Check::StatisticsStale => stale_statistics(&c, out),
        Check::StaleYear { sections } => stale_year(&c, out, sections),
        Check::PublishDateMissing { message } => {
            if r.publish_date.is_none() {
                let mut d = Diagnostic::new(id, sev, message.clone());
                d.field = Some(Field::PublishDate);
                out.push(d);
            }
        }
        Check::PublishDate => publish_date(&c, out),
    }
}

/// What the checks of one rule see.
#[derive(Clone, Copy)]
struct Run<'a> {
    r: &'a Report,
    prev: Option<&'a Report>,
    id: &'static str,
    sev: Severity,
}

/// Keywords of every group present in the text.
fn text_covers(
    c: &Run,
    out: &mut Vec<Diagnostic>,
    section: usize,
    groups: &[(String, Vec<String>)],
    message: &str,
) {
    let Run { r, id, sev, .. } = *c;
    let body = &r.texts[section];
    if body.trim().is_empty() {
        return;
    }
    let missing: Vec<&str> = groups
        .iter()
        .filter(|(_, keys)| !keys.iter().any(|k| body.contains(k.as_str())))
        .map(|(name, _)| name.as_str())
        .collect();
    if !missing.is_empty() {
        out.push(section_diag(
            id,
            sev,
            section,
            format!("{message}（未见：{}）", missing.join("、")),
        ));
    }
}

/// Σ part within `max_percent` of the whole.
fn share(
    c: &Run,
    out: &mut Vec<Diagnostic>,
    part: &[CellId],
    whole: CellId,
    max_percent: u32,
    message: &str,
) {
    let Run { r, id, sev, .. } = *c;
    let (Some(p), Some(w)) = (sum_cells(r, part), r.cell(whole).int()) else {
        return;
    };
    if w > 0 && p * 100 > w * i64::from(max_percent) {
        let mut d = Diagnostic::new(
            id,
            sev,
            format!(
                "{message}：{p} 件，占 {w} 件的 {:.0}%（超过 {max_percent}%）",
                p as f64 * 100.0 / w as f64
            ),
        );
        d.cells.extend(part);
        d.cells.push(whole);
        d.sections.push(table_section(r, whole));
        out.push(d);
    }
}

/// Numbers the narrative states against the table.
fn narrative_number(
    c: &Run,
    out: &mut Vec<Diagnostic>,
    sections: &[usize],
    (pattern, not_after): (&regex::Regex, &[String]),
    cells: &[CellId],
    topic: &str,
) {
    let Run { r, id, sev, .. } = *c;
    let t = r.template;
    let Some(expected) = sum_cells(r, cells) else {
        return;
    };
    for &s in sections {
        let body = &r.texts[s];
        // find_iter runs on the DFA alone; captures would need a slower engine
        // per match, so the number is taken as the match's last digit run.
        for whole in pattern.find_iter(body) {
            let before = &body[..whole.start()];
            if not_after.iter().any(|w| before.ends_with(w.as_str())) {
                continue;
            }
            let Some(n) = last_number(whole.as_str()) else {
                continue;
            };
            if n != expected {
                let labels: Vec<String> = cells.iter().map(|c| t.cell_label(*c)).collect();
                let mut d = passage_diag(
                    id,
                    sev,
                    s,
                    whole.range(),
                    format!(
                        "{} 中写“{}”，{topic}为 {n} 件，但表格中 {} 为 {expected}",
                        t.sections[s].title,
                        whole.as_str(),
                        labels.join("+")
                    ),
                );
                d.cells.extend(cells);
                out.push(d);
            }
        }
    }
}

/// "There were none" in the narrative against non-zero cells.
fn narrative_none(
    c: &Run,
    out: &mut Vec<Diagnostic>,
    sections: &[usize],
    none_pattern: &regex::Regex,
    cells: &[CellId],
    topic: &str,
) {
    let Run { r, id, sev, .. } = *c;
    let t = r.template;
    let Some(sum) = sum_cells(r, cells) else {
        return;
    };
    if sum == 0 {
        return;
    }
    for &s in sections {
        if let Some(m) = none_pattern.find(&r.texts[s]) {
            let table = &t.tables[t.cells[cells[0].index()].table];
            let mut d = passage_diag(
                id,
                sev,
                s,
                m.range(),
                format!(
                    "{} 中写“{}”，但表{}中{topic}共 {sum} 件",
                    t.sections[s].title,
                    m.as_str(),
                    table.short
                ),
            );
            d.cells.extend(cells);
            out.push(d);
        }
    }
}

/// A section copied from last year's report.
fn similar_to_previous(c: &Run, out: &mut Vec<Diagnostic>, section: usize, max_percent: u32) {
    let Run { r, prev, id, sev } = *c;
    let t = r.template;
    let Some(p) = prev else { return };
    let sid = &t.sections[section].id;
    let this = &r.texts[section];
    let last = p.text(sid);
    if let Some(pct) = text::overlap_percent(this, last)
        && pct > max_percent
    {
        out.push(section_diag(
            id,
            sev,
            section,
            format!(
                "{} 与上年报告的同一部分有 {pct}% 相同（超过 {max_percent}%），格式要求不得年年雷同",
                t.sections[section].title
            ),
        ));
    }
}

/// Blank cells of a table.
fn empty_cells(c: &Run, out: &mut Vec<Diagnostic>, table: usize) {
    let Run { r, id, sev, .. } = *c;
    let t = r.template;
    // Derived cells count too: a printed report must not show a blank total.
    let empty: Vec<CellId> = t
        .table_cells(table)
        .filter(|c| r.cell(*c).is_empty())
        .collect();
    if empty.is_empty() {
        return;
    }
    let tab = &t.tables[table];
    let title = &t.sections[tab.section].title;
    let msg = if empty.len() == tab.cell_count {
        format!("{title} 尚未填写")
    } else {
        let first: Vec<String> = empty.iter().take(3).map(|c| t.cell_label(*c)).collect();
        format!(
            "{title} 有 {} 个单元格为空（如 {}），没有数据的应填 0",
            empty.len(),
            first.join("、")
        )
    };
    let mut d = section_diag(id, sev, tab.section, msg);
    d.cells = empty;
    out.push(d);
}

/// Generated statistics sentences whose figures the tables no longer hold.
fn stale_statistics(c: &Run, out: &mut Vec<Diagnostic>) {
    let Run { r, id, sev, .. } = *c;
    if r.statistics.is_empty() {
        return;
    }
    let Some(st) = r.template.statistics.as_ref() else {
        return;
    };
    let s = st.section;
    for (old, new) in crate::model::statistics::stale(r) {
        let Some(at) = r.texts[s].find(old.as_str()) else {
            continue;
        };
        out.push(passage_diag(
            id,
            sev,
            s,
            at..at + old.len(),
            format!(
                "{} 中自动生成的统计句子与表格不一致，按现在的表格应为“{new}”（可点击“更新统计段落”）",
                r.template.sections[s].title
            ),
        ));
    }
}

/// Last year's year left in the texts.
fn stale_year(c: &Run, out: &mut Vec<Diagnostic>, sections: &[usize]) {
    let Run { r, id, sev, .. } = *c;
    let t = r.template;
    let last = r.year - 1;
    let mut found = |text: &str, section: Option<usize>, name: &str| {
        for range in text::stale_years(text, last, section.is_none()) {
            let mut d = Diagnostic::new(
                id,
                sev,
                format!(
                    "{name} 中的“{}”像是上年报告的年份，本报告为 {} 年度，请核对",
                    &text[range.clone()],
                    r.year
                ),
            );
            if let Some(s) = section {
                d.sections.push(s);
            } else {
                d.field = Some(Field::HeaderText);
            }
            d.span = Some(TextSpan { section, range });
            out.push(d);
        }
    };
    found(&r.header_text, None, "报告开头说明");
    for &s in sections {
        found(&r.texts[s], Some(s), &t.sections[s].title);
    }
}

/// The publish date against the report year and the deadline.
fn publish_date(c: &Run, out: &mut Vec<Diagnostic>) {
    let Run { r, id, sev, .. } = *c;
    let t = r.template;
    let Some(date) = r.publish_date else { return };
    let mut d = Diagnostic::new(id, sev, String::new());
    d.field = Some(Field::PublishDate);
    if date.year() != r.year + 1 {
        d.message = format!(
            "发布日期 {} 不在报告年度的次年（{} 年）",
            date_zh(date),
            r.year + 1
        );
        out.push(d);
    } else if let Some((m, day)) = t.deadline(&r.agency_kind)
        && let Some(deadline) = chrono::NaiveDate::from_ymd_opt(r.year + 1, m, day)
        && date > deadline
    {
        let kind = t
            .agency_kinds
            .iter()
            .find(|k| k.id == r.agency_kind)
            .map_or("", |k| k.label.as_str());
        d.message = format!(
            "发布日期 {} 晚于{kind}的发布期限 {}",
            date_zh(date),
            date_zh(deadline)
        );
        out.push(d);
    }
}

/// The last run of ASCII digits in `s`.
fn last_number(s: &str) -> Option<i64> {
    let end = s.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = s[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    s[start..end].parse().ok()
}

/// Chinese date form, e.g. `2026年1月20日`.
pub fn date_zh(d: chrono::NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A finding about a passage of a section's text (the passage is selected on a click).
fn passage_diag(
    rule: &'static str,
    sev: Severity,
    section: usize,
    range: Range<usize>,
    message: String,
) -> Diagnostic {
    let mut d = section_diag(rule, sev, section, message);
    d.span = Some(TextSpan {
        section: Some(section),
        range,
    });
    d
}

fn section_diag(rule: &'static str, sev: Severity, section: usize, message: String) -> Diagnostic {
    let mut d = Diagnostic::new(rule, sev, message);
    d.sections.push(section);
    d
}

fn table_section(r: &Report, c: CellId) -> usize {
    r.template.tables[r.template.cells[c.index()].table].section
}

/// Σ of whole-number cells; `None` when all are empty or any is not a number.
fn sum_cells(r: &Report, cells: &[CellId]) -> Option<i64> {
    let mut any = false;
    let mut sum = 0;
    for c in cells {
        match r.cell(*c) {
            Cell::Empty => {}
            Cell::Int(n) => {
                any = true;
                sum += n;
            }
            _ => return None,
        }
    }
    any.then_some(sum)
}

/// Value of a term: this year's cell, or last year's matched by ids.
fn term_value<'a>(r: &'a Report, prev: Option<&'a Report>, term: Term) -> Option<&'a Cell> {
    match term {
        Term::This(c) => Some(r.cell(c)),
        Term::Prev(c) => {
            let p = prev?;
            if std::ptr::eq(p.template, r.template) {
                Some(p.cell(c))
            } else {
                let (tb, row, col) = r.template.cell_ids(c);
                p.template.cell_id(tb, row, col).map(|pc| p.cell(pc))
            }
        }
    }
}

/// Evaluates one equation instance; `None` when it holds or cannot be evaluated.
fn check_instance(
    r: &Report,
    prev: Option<&Report>,
    rule: &'static Rule,
    eq: &Equation,
    inst: &Instance,
) -> Option<Diagnostic> {
    let s = eq.eval(inst, |t| term_value(r, prev, t)?.summand())?;
    let (lhs, rhs) = (s.lhs, s.rhs);
    // A total printed over blank items says nothing checkable; S11 reports the blanks.
    if eq.derive && !s.rhs_any {
        return None;
    }
    if !(s.lhs_any || s.rhs_any) || lhs == rhs {
        return None;
    }
    let t = r.template;
    let tab = &t.tables[eq.table];
    let mut cells: Vec<CellId> = inst
        .lhs
        .iter()
        .chain(&inst.rhs)
        .filter_map(|t| match t {
            Term::This(c) => Some(*c),
            Term::Prev(_) => None,
        })
        .collect();
    cells.dedup();
    let has_prev = inst
        .lhs
        .iter()
        .chain(&inst.rhs)
        .any(|t| matches!(t, Term::Prev(_)));
    let at = if inst.label.is_empty() {
        tab.short.clone()
    } else {
        format!("{}·{}", tab.short, inst.label)
    };
    let subject = if eq.derive || has_prev {
        t.cell_label(inst.lhs[0].cell())
    } else {
        at.clone()
    };
    let message = if eq.derive {
        let target = inst.lhs[0].cell();
        let now = match r.cell(target) {
            Cell::Empty => "空".to_string(),
            c => c.text().into_owned(),
        };
        format!(
            "{} 应为 {rhs}（{}），现为 {now}",
            t.cell_label(target),
            eq.explain
        )
    } else if has_prev {
        let target = inst.lhs[0].cell();
        format!(
            "{} 为 {lhs}，按{}应为 {rhs}，相差 {}",
            t.cell_label(target),
            eq.explain,
            lhs - rhs
        )
    } else {
        let names = |terms: &[Term]| {
            terms
                .iter()
                .map(|x| term_name(r, eq, x.cell()))
                .collect::<Vec<_>>()
                .join("+")
        };
        format!(
            "{at}：{} = {lhs}，{} = {rhs}，相差 {}（{}）",
            names(&inst.lhs),
            names(&inst.rhs),
            lhs - rhs,
            eq.explain
        )
    };
    let mut d = Diagnostic::new(&rule.id, rule.severity, message);
    d.cells = cells;
    d.subject = subject;
    d.sections.push(tab.section);
    Some(d)
}

/// How a term is named inside an instance: its row when the equation runs over columns,
/// its column when it runs over rows.
fn term_name(r: &Report, eq: &Equation, c: CellId) -> String {
    let t = r.template;
    let over_columns = eq.over_columns;
    if over_columns {
        t.row(c).short.clone()
    } else {
        t.column(c).short.clone()
    }
}

#[cfg(test)]
mod tests;
