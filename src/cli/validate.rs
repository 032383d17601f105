//! `nianbao validate`: drafts and folders of drafts checked, one verdict each.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::{Format, ValidateArgs, diag_line, exit_code, expand, reviewed_diag_json};
use crate::model::{Report, draft};
use crate::validate::{self, Diagnostic};

/// Result of checking one file.
enum Checked {
    Unreadable(String),
    Done(Vec<Diagnostic>, Box<Report>),
}

pub(super) fn run(a: ValidateArgs) -> Result<ExitCode> {
    let ValidateArgs {
        drafts,
        previous,
        format,
        quiet,
    } = a;
    // Last year's report may be a draft or any report the importer reads (Word, web
    // page, PDF, text, a scan): read on the fly, not saved.
    let prev = previous
        .as_deref()
        .map(|p| crate::check::load(p).map(|l| l.report))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let files = expand(&drafts);
    let check = |p: &PathBuf| match draft::load(p) {
        Err(e) => Checked::Unreadable(e.to_string()),
        Ok(r) => {
            let d = validate::validate(&r, prev.as_ref());
            Checked::Done(d, Box::new(r))
        }
    };
    // Drafts are independent: check them on all cores, print in argument order. One
    // draft is checked here, without starting a thread.
    let results = match files.as_slice() {
        [one] => vec![check(one)],
        _ => crate::check::par_map(&files, check),
    };
    let mut unreadable = false;
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut json_items = Vec::new();
    for (path, res) in files.iter().zip(&results) {
        match res {
            Checked::Unreadable(msg) => {
                unreadable = true;
                match format {
                    Format::Text => writeln!(out, "{msg}")?,
                    Format::Json => json_items.push(json!({ "file": path, "error": msg })),
                }
            }
            Checked::Done(diags, report) => {
                let st = validate::review::status(report, diags);
                let c = validate::review::counts(diags, &st);
                let errors = c.errors;
                failed |= errors > 0;
                match format {
                    Format::Text => {
                        if quiet && errors == 0 {
                            continue;
                        }
                        let verdict = match (errors, c.unverified) {
                            (0, 0) => "通过",
                            (0, _) => "待核对",
                            _ => "未通过",
                        };
                        let unverified = if c.unverified > 0 {
                            format!("，{} 个待核对（导入时未读出的单元格）", c.unverified)
                        } else {
                            String::new()
                        };
                        let reviewed = if c.reviewed > 0 {
                            format!("，{} 个已核实", c.reviewed)
                        } else {
                            String::new()
                        };
                        writeln!(
                            out,
                            "{}：{verdict}（{errors} 个错误{unverified}，{} 个提示{reviewed}）",
                            path.display(),
                            c.open_warnings
                        )?;
                        for (i, d) in diags.iter().enumerate() {
                            if quiet && !d.is_error() {
                                continue;
                            }
                            writeln!(out, "{}", diag_line(d, st.mark(report, i)))?;
                        }
                    }
                    Format::Json => json_items.push(json!({
                        "file": path,
                        "ok": errors == 0,
                        "errors": errors,
                        "unverified": c.unverified,
                        "warnings": c.open_warnings,
                        "reviewed_warnings": c.reviewed,
                        "diagnostics": diags.iter().enumerate()
                            .map(|(i, d)| reviewed_diag_json(report, d, st.mark(report, i)))
                            .collect::<Vec<_>>(),
                    })),
                }
            }
        }
    }
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &json_items)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(exit_code(unreadable, failed))
}
