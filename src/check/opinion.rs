//! 审核意见: a printable opinion on one report for the agency that drafted it — its open
//! problems numbered by section, set in the same typesetting as the report. Warnings the
//! agency marked 已核实 are not listed (only counted), since it has already answered them.

use chrono::NaiveDate;

use crate::export::document::{Block, Document, Origin};
use crate::export::pdf::{self, FontSet, PdfError};
use crate::model::Report;
use crate::validate::review::{self, Status};
use crate::validate::{Diagnostic, date_zh};

/// Who issues the opinion, printed at its end when given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signer {
    /// The reviewing office, e.g. `某某县人民政府办公室`.
    pub office: String,
    pub date: Option<NaiveDate>,
}

/// Cells named per problem before the rest are only counted (S11 may name dozens).
const MAX_CELLS: usize = 6;

/// The diagnostics the opinion lists: errors and warnings not marked 已核实. What the
/// import could not read (待核对) is no problem of the report and is not listed.
pub fn open_problems<'a>(diags: &'a [Diagnostic], st: &'a Status) -> Vec<&'a Diagnostic> {
    st.open(diags).filter(|d| !d.is_unverified()).collect()
}

/// The title, e.g. `关于《某某局2025年政府信息公开工作年度报告》的审核意见`, with line
/// breaks where the printed title breaks.
fn title(r: &Report) -> String {
    let report = r.title();
    match report.strip_prefix(r.agency.as_str()) {
        Some(rest) if !r.agency.is_empty() => format!("关于《{}\n{rest}》\n的审核意见", r.agency),
        _ => format!("关于《{report}》\n的审核意见"),
    }
}

/// The section a problem is listed under (`None`: the report's title, header and date).
fn section_of(d: &Diagnostic) -> Option<usize> {
    d.sections
        .first()
        .copied()
        .or_else(|| d.span.as_ref().and_then(|s| s.section))
}

/// One problem's paragraph: number, message, what it asks and the cells it concerns.
fn problem(r: &Report, n: usize, d: &Diagnostic) -> String {
    let what = if d.is_error() {
        "须改正"
    } else {
        "请核实"
    };
    let mut s = format!("{n}．{}（{what}", d.message);
    // A message that names its cells itself (S11's examples, a total's label) is not
    // followed by the list again.
    let named = d
        .cells
        .first()
        .is_some_and(|c| d.message.contains(&r.template.cell_label(*c)));
    if !d.cells.is_empty() && !named {
        s.push_str("；涉及：");
        s.push_str(&super::cell_labels(
            r,
            &d.cells[..d.cells.len().min(MAX_CELLS)],
        ));
        if d.cells.len() > MAX_CELLS {
            s.push_str(&format!("等 {} 个单元格", d.cells.len()));
        }
    }
    s.push('）');
    s
}

/// The opinion on `r`, whose validation gave `diags` with the marks `st`.
pub fn document(r: &Report, diags: &[Diagnostic], st: &Status, signer: &Signer) -> Document {
    let open = open_problems(diags, st);
    let c = review::counts(diags, st);
    let mut blocks = Vec::new();
    let report = r.title();
    let intro = if open.is_empty() {
        format!("经审核，《{report}》未发现需要修改的问题。")
    } else {
        let mut kinds = Vec::new();
        if c.errors > 0 {
            kinds.push(format!("须改正的错误{}个", c.errors));
        }
        if c.open_warnings > 0 {
            kinds.push(format!("请核实的提示{}个", c.open_warnings));
        }
        format!(
            "经审核，《{report}》存在以下{}个问题（{}），请逐项核实修改后重新报送。",
            open.len(),
            kinds.join("、")
        )
    };
    blocks.push(Block::Paragraph(intro));
    if c.reviewed > 0 {
        blocks.push(Block::Paragraph(format!(
            "另有{}个提示已由报送单位核实并说明理由，不再列出。",
            c.reviewed
        )));
    }
    if c.unverified > 0 {
        blocks.push(Block::Paragraph(format!(
            "另有{}处勾稽关系因报告文件中有单元格未能读出而无法核对，不列为问题，请对照原件核实。",
            c.unverified
        )));
    }
    let t = r.template;
    // The report's title, header and date first, then the sections in template order.
    let groups = std::iter::once(None).chain((0..t.sections.len()).map(Some));
    let mut n = 0;
    for g in groups {
        let here: Vec<&&Diagnostic> = open.iter().filter(|d| section_of(d) == g).collect();
        if here.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(match g {
            Some(s) => t.sections[s].title.clone(),
            None => "报告标题、开头段落和发布日期".to_string(),
        }));
        for d in here {
            n += 1;
            blocks.push(Block::Paragraph(problem(r, n, d)));
        }
    }
    let mut sign = Vec::new();
    if !signer.office.trim().is_empty() {
        sign.push(signer.office.trim().to_string());
    }
    if let Some(d) = signer.date {
        sign.push(date_zh(d));
    }
    blocks.push(Block::Signature(sign));
    let title = title(r);
    // The opinion is no part of the report's form: nothing on it leads back to a field,
    // so its blocks point at the report as a whole.
    let origins = blocks
        .iter()
        .map(|b| match b {
            Block::Signature(_) => Origin::Signature,
            _ => Origin::Title,
        })
        .collect();
    Document {
        title,
        title_break: None,
        author: signer.office.trim().to_string(),
        watermark: false,
        blocks,
        origins,
    }
}

/// The opinion as PDF bytes, in the report's typesetting with `fonts`.
pub fn pdf(
    r: &Report,
    diags: &[Diagnostic],
    st: &Status,
    signer: &Signer,
    fonts: &FontSet,
) -> Result<Vec<u8>, PdfError> {
    let metrics = pdf::fonts::Metrics::new(fonts).map_err(PdfError::Font)?;
    let laid = pdf::layout::layout_document(
        &document(r, diags, st, signer),
        &metrics,
        pdf::layout::PageNumbers::Centred,
    );
    pdf::write(&laid, fonts)
}

/// File name of the opinion on `r`, e.g. `某某局2025年度报告审核意见.pdf`; characters no
/// file system takes are replaced.
pub fn file_name(r: &Report) -> String {
    let agency: String = r
        .agency
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let agency = if agency.is_empty() {
        "未填写机关".to_string()
    } else {
        agency
    };
    format!("{agency}{}年度报告审核意见.pdf", r.year)
}
