//! `nianbao check`: drafts and published reports checked together, one row each, then the
//! workbook, the sum and the opinions.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use serde_json::json;

use super::{CheckArgs, Format, diag_line, exit_code, refuse_overwrite, reviewed_diag_json};
use crate::check::{self, Checked, Entry};
use crate::model::draft;
use crate::validate;

pub(super) fn run(a: CheckArgs) -> Result<ExitCode> {
    // Outputs are refused before the (possibly long) run, not after it.
    for p in [&a.xlsx, &a.sum].into_iter().flatten() {
        refuse_overwrite(p)?;
    }
    if let Some(d) = &a.opinions
        && d.exists()
        && !d.is_dir()
    {
        bail!("{} 不是文件夹，无法在其中写入审核意见", d.display());
    }
    let (skipped, entries): (Vec<_>, Vec<_>) = check::run_with(
        &a.paths,
        a.previous_year_dir.as_deref(),
        &|p, done, total| super::show_pages(&p.display().to_string(), done, total),
    )
    .into_iter()
    .partition(|e| e.skipped);
    // Files that are plainly not reports (a README.md kept with them) are said once on
    // stderr, not listed among the reports or counted as unreadable.
    for e in &skipped {
        let why = e.outcome.as_ref().err().map_or("", String::as_str);
        eprintln!("跳过 {}：{why}", e.path.display());
    }
    if entries.is_empty() {
        bail!("没有找到草稿或年报文件（.ron、.nianbao、.docx、.html、.pdf、.txt、.md）");
    }
    let parts: Vec<check::sum::Part<'_>> = entries
        .iter()
        .filter_map(|e| {
            let c = e.outcome.as_ref().ok()?;
            let r = &c.loaded.report;
            Some(check::sum::Part {
                name: format!("{}{}年（{}）", r.agency, r.year, e.path.display()),
                report: r,
            })
        })
        .collect();
    let summed = check::sum::sum(&parts, &a.sum_title);
    let unreadable = entries.iter().any(|e| e.outcome.is_err());
    let failed = entries
        .iter()
        .any(|e| e.outcome.as_ref().is_ok_and(|c| c.errors() > 0));
    listing(&entries, a.format)?;
    // Status lines go to stderr so that `--format json` output stays one JSON document.
    let read = entries.iter().filter(|e| e.outcome.is_ok()).count();
    if skipped.is_empty() {
        eprintln!("共{}个文件，读取{read}份报告", entries.len());
    } else {
        eprintln!(
            "共{}个文件，读取{read}份报告，跳过{}个不是年报的文件",
            entries.len() + skipped.len(),
            skipped.len()
        );
    }
    if let Some(p) = &a.xlsx {
        check::xlsx::write(p, &entries, summed.as_ref())
            .map_err(|e| anyhow::anyhow!("无法写入 {}：{e}", p.display()))?;
        eprintln!("已写入工作簿 {}", p.display());
    }
    if let Some(p) = &a.sum {
        let Some(s) = &summed else {
            bail!("没有可以合计的报告");
        };
        for m in &s.messages {
            eprintln!("  {m}");
        }
        draft::save(&s.report, p)?;
        eprintln!("已保存合计草稿 {}（{}份报告）", p.display(), s.count);
    }
    if let Some(dir) = &a.opinions {
        let signer = check::opinion::Signer {
            office: a.reviewer.clone(),
            date: a.opinion_date,
        };
        write_opinions(dir, &entries, &signer)?;
    }
    Ok(exit_code(unreadable, failed))
}

/// One line per report (or a JSON array) on stdout.
fn listing(entries: &[Entry], format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut items = Vec::new();
    for e in entries {
        match (&e.outcome, format) {
            (Err(msg), Format::Text) => writeln!(out, "{}\t无法读取：{msg}", e.path.display())?,
            (Err(msg), Format::Json) => items.push(json!({ "file": e.path, "error": msg })),
            (Ok(c), Format::Text) => text_row(&mut out, e, c)?,
            (Ok(c), Format::Json) => items.push(json_row(e, c)),
        }
    }
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

fn text_row(out: &mut impl Write, e: &Entry, c: &Checked) -> Result<()> {
    let r = &c.loaded.report;
    let (errors, warnings, reviewed) = (c.errors(), c.warnings(), c.reviewed_warnings());
    let unverified = match c.unverified() {
        0 => String::new(),
        n => format!("{n}个待核对\t"),
    };
    let k = check::key_figures(r);
    let date = r
        .publish_date
        .map_or("无发布日期".to_string(), validate::date_zh);
    let met = match check::deadline_met(r) {
        Some(true) => "按期",
        Some(false) => "逾期",
        None => "",
    };
    writeln!(
        out,
        "{}\t{}\t{}\t{}年\t{}\t{errors}个错误\t{unverified}{warnings}个提醒（已核实{reviewed}）\t{}\t{date}{met}\t导入说明{}条",
        e.path.display(),
        c.loaded.form,
        r.agency,
        r.year,
        r.template.name,
        k.line(),
        c.loaded.notes,
    )?;
    if let Some(p) = &c.previous {
        writeln!(out, "  与上年报告 {} 核对", p.display())?;
    }
    for (i, d) in c.diagnostics.iter().enumerate() {
        writeln!(out, "{}", diag_line(d, c.mark(i)))?;
    }
    Ok(())
}

fn json_row(e: &Entry, c: &Checked) -> serde_json::Value {
    let r = &c.loaded.report;
    let k = check::key_figures(r);
    json!({
        "file": e.path,
        "form": c.loaded.form,
        "agency": r.agency,
        "year": r.year,
        "template": r.template.id,
        "errors": c.errors(),
        "unverified": c.unverified(),
        "warnings": c.warnings(),
        "reviewed_warnings": c.reviewed_warnings(),
        "figures": k.json(),
        "publish_date": r.publish_date,
        "deadline": check::deadline(r),
        "deadline_met": check::deadline_met(r),
        "import_notes": c.loaded.notes,
        "previous": c.previous,
        "diagnostics": c.diagnostics.iter().enumerate()
            .map(|(i, d)| reviewed_diag_json(r, d, c.mark(i)))
            .collect::<Vec<_>>(),
    })
}

/// One 审核意见 PDF per report with open problems, in `dir`. Names are all checked before
/// anything is written, so a clash leaves the folder as it was.
fn write_opinions(
    dir: &Path,
    entries: &[crate::check::Entry],
    signer: &crate::check::opinion::Signer,
) -> Result<()> {
    use crate::check::opinion;
    let mut jobs: Vec<(PathBuf, &crate::check::Checked)> = Vec::new();
    for c in entries.iter().filter_map(|e| e.outcome.as_ref().ok()) {
        if c.open().next().is_none() {
            continue;
        }
        let name = opinion::file_name(&c.loaded.report);
        let mut path = dir.join(&name);
        // Two files of one agency and year (a draft and its published form): number them.
        let mut k = 2;
        while jobs.iter().any(|(p, _)| *p == path) {
            path = dir.join(name.replace(".pdf", &format!("（{k}）.pdf")));
            k += 1;
        }
        refuse_overwrite(&path)?;
        jobs.push((path, c));
    }
    if jobs.is_empty() {
        eprintln!("没有待处理问题的报告，未写审核意见");
        return Ok(());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建文件夹 {}", dir.display()))?;
    // Official faces when this machine has them, else the bundled ones (as `export --pdf`).
    let fonts = crate::export::pdf::fonts::discover_system();
    for (path, c) in &jobs {
        let bytes = opinion::pdf(&c.loaded.report, &c.diagnostics, &c.review, signer, &fonts)?;
        std::fs::write(path, bytes).with_context(|| format!("无法写入 {}", path.display()))?;
    }
    eprintln!("已在 {} 写入审核意见 {} 份", dir.display(), jobs.len());
    Ok(())
}
