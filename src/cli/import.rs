//! `nianbao import`: published reports to drafts, one or a folder of them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::{ImportArgs, exit_code, expand_with, refuse_overwrite};
use crate::model::draft;
use crate::validate;

pub(super) fn run(a: ImportArgs) -> Result<ExitCode> {
    match (a.output, a.out_dir) {
        (Some(output), _) => match a.reports.as_slice() {
            [report] => import_one(report, &output),
            _ => bail!("-o 只能用于一份年报；导入多份请用 --out-dir 文件夹"),
        },
        (None, Some(dir)) => import_batch(&a.reports, &dir),
        (None, None) => unreachable!("clap requires -o or --out-dir"),
    }
}

/// Reads a report file ("-": standard input), refusing one too large before reading it.
fn read_report(input: &Path) -> Result<Vec<u8>> {
    if input == Path::new("-") {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).context("无法读取标准输入")?;
        return Ok(b);
    }
    let len = std::fs::metadata(input)
        .with_context(|| format!("无法读取 {}", input.display()))?
        .len();
    if len > crate::import::MAX_BYTES as u64 {
        bail!(
            "{}",
            crate::import::ImportError::TooLarge((len / (1024 * 1024)) as usize)
        );
    }
    std::fs::read(input).with_context(|| format!("无法读取 {}", input.display()))
}

/// Imports one file, telling the terminal of each page a scan's OCR has read; with the
/// file named in front of why it could not be imported when `named`.
fn import(input: &Path, named: bool) -> Result<crate::import::Imported> {
    let bytes = read_report(input)?;
    let name = input.display().to_string();
    let progress = super::pages_progress(&name);
    let imported = crate::import::import_bytes_with(&bytes, &progress);
    if named {
        imported.with_context(|| name.clone())
    } else {
        Ok(imported?)
    }
}

fn import_one(input: &Path, output: &Path) -> Result<ExitCode> {
    // Before the import: a scan's OCR takes seconds, not to be lost to a name in use.
    refuse_overwrite(output)?;
    let imported = import(input, true)?;
    draft::save(&imported.report, output)?;
    let r = &imported.report;
    println!(
        "已导入 {}：{}{}年（{}），保存为 {}",
        input.display(),
        r.agency,
        r.year,
        r.template.name,
        output.display()
    );
    for n in &imported.notes {
        println!("  {n}");
    }
    let diags = validate::validate(r, None);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let unverified = diags.iter().filter(|d| d.is_unverified()).count();
    println!(
        "校验：{errors} 个错误，{unverified} 个待核对，{} 个提醒",
        diags.len() - errors - unverified
    );
    for d in diags.iter().filter(|d| !d.is_warning()) {
        let kind = if d.is_error() { "错误" } else { "待核对" };
        println!("  {kind} {} {}", d.rule, d.message);
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports many reports into `dir`, one draft each, printing a line per report; exit 2
/// only when none could be imported.
fn import_batch(paths: &[PathBuf], dir: &Path) -> Result<ExitCode> {
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建文件夹 {}", dir.display()))?;
    let files = expand_with(paths, crate::import::is_report_file);
    if files.is_empty() {
        bail!("没有找到年报文件（.docx、.html、.pdf、.txt、.md 或扫描图片）");
    }
    let mut written: Vec<PathBuf> = Vec::new();
    let mut imported_count = 0;
    for file in &files {
        let imported = match import(file, false) {
            Ok(i) => i,
            Err(e) => {
                println!("{}\t未导入：{e:#}", file.display());
                continue;
            }
        };
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        let mut out = dir.join(format!("{stem}.{}", draft::EXTENSION));
        if written.contains(&out) {
            let ext = file.extension().unwrap_or_default().to_string_lossy();
            out = dir.join(format!("{stem}-{ext}.{}", draft::EXTENSION));
        }
        if let Err(e) = refuse_overwrite(&out)
            .and_then(|()| draft::save(&imported.report, &out).map_err(Into::into))
        {
            println!("{}\t未保存：{e:#}", file.display());
            continue;
        }
        written.push(out.clone());
        imported_count += 1;
        let r = &imported.report;
        let t = r.template;
        let read = (0..t.tables.len())
            .flat_map(|ti| t.table_cells(ti))
            .filter(|&c| !r.cell(c).is_empty())
            .count();
        let total = (0..t.tables.len())
            .map(|ti| t.table_cells(ti).count())
            .sum::<usize>();
        let warnings = imported
            .notes
            .iter()
            .filter(|n| n.level == crate::import::NoteLevel::Warning)
            .count();
        let diags = validate::validate(r, None);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let unverified = diags.iter().filter(|d| d.is_unverified()).count();
        let agency = if r.agency.is_empty() {
            "（无机关名称）"
        } else {
            &r.agency
        };
        println!(
            "{}\t{}\t{agency}\t{}年\t读到{read}/{total}格\t说明{}条（需注意{warnings}条）\t校验：{errors}个错误，{unverified}个待核对，{}个提醒\t→ {}",
            file.display(),
            imported.form.name(),
            r.year,
            imported.notes.len(),
            diags.len() - errors - unverified,
            out.display()
        );
    }
    println!("共{}份，导入{imported_count}份", files.len());
    Ok(exit_code(imported_count == 0, false))
}
