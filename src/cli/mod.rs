//! The command line: `new`, `validate`, `check`, `rollover`, `import`, `export`, `print`,
//! `printers`. The words are in `args.rs`; each command is a file of its own over the
//! library's functions; what several share is here.

mod args;
mod check;
mod export;
mod import;
mod new;
mod paragraph;
mod print;
mod rollover;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Parser;
use serde_json::json;

pub use args::*;

use crate::model::{Report, draft};
use crate::validate::Diagnostic;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => crate::ui::run(cli.file).map(|()| ExitCode::SUCCESS),
        Some(cmd) => run(cmd),
    };
    result.unwrap_or_else(|e| {
        eprintln!("错误：{e:#}");
        ExitCode::from(2)
    })
}

/// Runs one command; errors are reported by the caller with exit code 2.
pub fn run(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::New(a) => new::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Check(a) => check::run(a),
        Command::Rollover(a) => rollover::run(a),
        Command::Paragraph(a) => paragraph::run(a),
        Command::Import(a) => import::run(a),
        Command::Export(a) => export::run(a),
        Command::Print(a) => print::print(a),
        Command::Printers => print::printers(),
    }
}

/// The exit code of a run over many files: 2 when one could not be read, 1 when one
/// fails a hard rule, else 0.
fn exit_code(unreadable: bool, failed: bool) -> ExitCode {
    if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Tells a terminal (standard error, when it is one) of each page of `name` read by OCR,
/// on one line that is cleared at the end; never cancels.
fn pages_progress(name: &str) -> impl Fn(usize, usize) -> bool + Sync + '_ {
    move |done, total| {
        show_pages(name, done, total);
        true
    }
}

/// One line of a scan's progress on a terminal's standard error: the page being read,
/// cleared once the last is done.
fn show_pages(name: &str, done: usize, total: usize) {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return;
    }
    if done < total {
        eprint!("\r\x1b[2K正在识别扫描件 {name}：第 {}/{total} 页", done + 1);
    } else {
        eprint!("\r\x1b[2K");
    }
}

fn refuse_overwrite(path: &Path) -> Result<()> {
    if path.exists() {
        bail!("{} 已存在，为避免覆盖请换一个文件名", path.display());
    }
    Ok(())
}

/// Expands folders to the files inside them that `keep` accepts, sorted.
fn expand_with(paths: &[PathBuf], keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|f| keep(f))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Expands folders to the drafts (`.nianbao`, `.ron`) inside them, sorted.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand_with(paths, draft::is_draft_path)
}
/// Warns on stderr about what a reader of the printed report would see: a hard-rule
/// failure (the watermark) and, when `dated` output is made, a missing 成文日期.
fn warn_before_printing(r: &Report, path: &Path, dated: bool) {
    let diags = crate::validate::validate(r, None);
    if crate::validate::has_errors(&diags) {
        eprintln!("注意：{} 未通过勾稽校验：", path.display());
        for d in diags.iter().filter(|d| d.is_error()) {
            eprintln!("  错误 {} {}", d.rule, d.message);
        }
    }
    // A printed report ends with the signature and 成文日期 (GB/T 9704).
    if dated && r.publish_date.is_none() {
        eprintln!(
            "注意：{} 没有成文日期，落款下将没有日期（请在草稿中填写“成文/发布日期”）",
            path.display()
        );
    }
}

/// Warns on stderr of what the page layout could not avoid (a heading at the foot of a
/// page, a page holding only the signature), as 打印预览 flags them on the page.
fn warn_of_pages(path: &Path, doc: &crate::export::pdf::layout::Document) {
    for line in page_warnings(path, doc) {
        eprintln!("{line}");
    }
}

fn page_warnings(path: &Path, doc: &crate::export::pdf::layout::Document) -> Vec<String> {
    crate::export::pdf::layout::problems(doc)
        .iter()
        .map(|p| {
            let page = p.page + 1;
            format!(
                "注意：{} 第 {page} 页：{}",
                path.display(),
                p.kind.message()
            )
        })
        .collect()
}

/// A diagnostic's line in the `validate` and `check` listings, with its 已核实 reason.
fn diag_line(d: &Diagnostic, mark: Option<&crate::model::Review>) -> String {
    match mark {
        Some(m) => format!("  已核实 {} {}（理由：{}）", d.rule, d.message, m.reason),
        None => {
            let kind = if d.is_error() {
                "错误"
            } else if d.is_unverified() {
                "待核对"
            } else {
                "提示"
            };
            format!("  {kind} {} {}", d.rule, d.message)
        }
    }
}

/// [`diag_json`] with `reviewed`: the 已核实 reason, or null.
fn reviewed_diag_json(
    r: &Report,
    d: &Diagnostic,
    mark: Option<&crate::model::Review>,
) -> serde_json::Value {
    let mut v = diag_json(r, d);
    v["reviewed"] = json!(mark.map(|m| &m.reason));
    v
}

/// A diagnostic with its cells spelled out by template ids.
pub fn diag_json(r: &Report, d: &Diagnostic) -> serde_json::Value {
    let t = r.template;
    let cells: Vec<_> = d
        .cells
        .iter()
        .map(|c| {
            let (tb, row, col) = t.cell_ids(*c);
            json!({ "table": tb, "row": row, "column": col, "label": t.cell_label(*c) })
        })
        .collect();
    json!({
        "severity": d.severity_key(),
        "rule": d.rule,
        "message": d.message,
        "cells": cells,
        "sections": d.sections.iter().map(|s| &t.sections[*s].id).collect::<Vec<_>>(),
        "field": d.field,
        "span": d.span.as_ref().map(|s| json!({
            "section": s.section.map(|i| &t.sections[i].id),
            "start": s.range.start,
            "end": s.range.end,
        })),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::Role;
    use crate::export::pdf::layout::{Document, Origin, Page, Run};

    #[test]
    fn a_page_holding_only_the_signature_is_warned_of() {
        let run = |text: &str, origin| Run {
            role: Role::Body,
            size: 16.0,
            x: 80.0,
            baseline: 150.0,
            spacing: 0.0,
            text: text.into(),
            origin,
        };
        let page = |runs| Page {
            runs,
            ..Default::default()
        };
        let doc = Document {
            pages: vec![
                page(vec![run("正文", Some(Origin::Text(0, 0..6)))]),
                page(vec![
                    run("某某局", Some(Origin::Signature)),
                    run("— 2 —", None),
                ]),
            ],
            title: String::new(),
            author: String::new(),
            watermark: false,
        };
        assert_eq!(
            page_warnings(Path::new("a.nianbao"), &doc),
            ["注意：a.nianbao 第 2 页：此页只有落款，没有正文"]
        );
    }
}
