//! `nianbao print` and `nianbao printers`: the system's printing, without the window.

use std::process::ExitCode;

use anyhow::{Result, bail};

use super::export::{join_fonts, start_fonts};
use super::{PrintArgs, warn_before_printing, warn_of_pages};
use crate::model::draft;

pub(super) fn print(a: PrintArgs) -> Result<ExitCode> {
    let PrintArgs {
        draft: path,
        printer,
        copies,
        pages,
        two_sided,
    } = a;
    let path = path.as_path();
    use crate::print::{PageRanges, PrintBackend, Sides, SystemPrinting};
    let fonts = start_fonts();
    let r = draft::load(path)?;
    let backend = SystemPrinting;
    let Some(printers) = backend.printers() else {
        bail!("{}", crate::print::no_print_system());
    };
    if let Some(p) = &printer
        && !printers.iter().any(|i| &i.name == p)
    {
        let known: Vec<&str> = printers.iter().map(|i| i.name.as_str()).collect();
        bail!(
            "没有名为“{p}”的打印机（可用：{}）",
            if known.is_empty() {
                "无".to_string()
            } else {
                known.join("、")
            }
        );
    }
    if printer.is_none() && !printers.iter().any(|p| p.is_default) {
        bail!("没有默认打印机：请用 --printer 指定（nianbao printers 列出可用的打印机）");
    }
    let (opts, faces) = join_fonts(Some(fonts), two_sided)?;
    let doc = crate::export::pdf::pages(&r, &opts)?;
    let pages = pages
        .as_deref()
        .map(|s| PageRanges::parse(s, Some(doc.pages.len() as u32)))
        .transpose()
        .map_err(|e| anyhow::anyhow!("--pages：{e}"))?;
    warn_before_printing(&r, path, true);
    warn_of_pages(path, &doc);
    let pdf = crate::export::pdf::write_embedded(&doc, &faces)?;
    let job = crate::print::Job {
        printer,
        copies,
        pages,
        sides: if two_sided {
            Sides::TwoSidedLongEdge
        } else {
            Sides::PrinterDefault
        },
        title: r.title(),
    };
    let stem = r.year.to_string();
    let outcome = crate::print::print(&backend, &pdf, (&doc, &opts.fonts), &stem, &job, true)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{}", outcome.message());
    Ok(ExitCode::SUCCESS)
}

pub(super) fn printers() -> Result<ExitCode> {
    use crate::print::{PrintBackend, PrinterState, SystemPrinting};
    let Some(printers) = SystemPrinting.printers() else {
        bail!("{}", crate::print::no_print_system());
    };
    if printers.is_empty() {
        println!("没有打印机（可在系统设置中添加）");
    }
    for p in &printers {
        let state = match p.state {
            Some(PrinterState::Idle) => "\t空闲",
            Some(PrinterState::Printing) => "\t正在打印",
            Some(PrinterState::Disabled) => "\t已停用",
            None => "",
        };
        let default = if p.is_default { "\t（默认）" } else { "" };
        println!("{}{default}{state}", p.name);
    }
    Ok(ExitCode::SUCCESS)
}
