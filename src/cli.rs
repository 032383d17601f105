//! The command line: `new`, `validate`, `check`, `rollover`, `import`, `export`, `print`,
//! `printers`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::export::{json::to_json, text};
use crate::model::{Report, draft};
use crate::template::{self, Severity};
use crate::validate::{self, Diagnostic};

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告：起草、校验、导出",
    long_about = "政府信息公开工作年度报告：起草、校验、导出。\n不带参数运行时打开图形界面。",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 要在图形界面中打开的草稿文件（.nianbao，也可以是旧版的 .ron），或要导入的已发布年报文本（.txt）
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 新建空白年报草稿
    New {
        /// 报告年度，如 2025
        #[arg(long)]
        year: i32,
        /// 发布机关名称
        #[arg(long)]
        agency: String,
        /// 报告格式：2021（国办公开办函〔2021〕30号）或 2019（〔2019〕60号）；默认按年度选择
        #[arg(long)]
        template: Option<String>,
        /// 输出草稿文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 校验草稿（可一次校验多个文件或文件夹）；有错误时退出码为 1，文件无法读取时为 2
    Validate {
        /// 草稿文件或包含草稿的文件夹
        #[arg(required = true)]
        drafts: Vec<PathBuf>,
        /// 上年度草稿，用于连续性检查
        #[arg(long)]
        previous: Option<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// 只列出有错误的文件和错误
        #[arg(short, long)]
        quiet: bool,
    },
    /// 批量检查：多份草稿和已发布年报一起校验，同一机关连续两年的报告自动做跨年度核对；
    /// 可输出 Excel 工作簿和各报告统计表的合计。有错误时退出码为 1，有文件无法读取时为 2
    Check {
        /// 草稿（.ron、.nianbao）、已发布年报文件，或装有它们的文件夹（含子文件夹）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 存放上年度报告的文件夹，只用于跨年度核对，不列入结果
        #[arg(long)]
        previous_year_dir: Option<PathBuf>,
        /// 输出 Excel 工作簿（汇总、问题清单、合计）
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// 把各报告的统计表逐格相加，保存为一份草稿
        #[arg(long)]
        sum: Option<PathBuf>,
        /// 合计草稿的发布机关名称
        #[arg(long, default_value = "合计")]
        sum_title: String,
        /// 为每份有待处理问题的报告在此文件夹中写一份审核意见 PDF（以机关和年度命名）
        #[arg(long)]
        opinions: Option<PathBuf>,
        /// 审核意见落款的审核单位
        #[arg(long, default_value = "")]
        reviewer: String,
        /// 审核意见落款日期（YYYY-MM-DD）
        #[arg(long, value_parser = parse_date)]
        opinion_date: Option<chrono::NaiveDate>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 由上年度草稿生成本年度草稿
    Rollover {
        /// 上年度草稿
        last: PathBuf,
        /// 输出的本年度草稿
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 把已发布的年报（Word .docx、网页 .html、PDF、文本或 Markdown）导入为草稿，并列出导入说明和校验结果
    Import {
        /// 年报文件，或装有年报文件的文件夹（与 --out-dir 一起用）；“-”表示从标准输入读取
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// 输出的草稿文件（导入一份年报时）
        #[arg(
            short,
            long,
            conflicts_with = "out_dir",
            required_unless_present = "out_dir"
        )]
        output: Option<PathBuf>,
        /// 批量导入：每份年报在此文件夹中保存一份草稿，并逐份打印一行摘要
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// 导出为文本、JSON、PDF、Word 文档或网页
    Export {
        /// 草稿文件
        draft: PathBuf,
        /// 导出纯文本
        #[arg(long)]
        txt: Option<PathBuf>,
        /// 导出 JSON
        #[arg(long)]
        json: Option<PathBuf>,
        /// 导出 PDF（未通过勾稽校验的报告带“草稿 · 校验未通过”水印）
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// 导出 Word 文档（.docx；未通过勾稽校验的报告带“草稿 · 校验未通过”水印）
        #[arg(long)]
        docx: Option<PathBuf>,
        /// 导出网页（.html，UTF-8）
        #[arg(long)]
        html: Option<PathBuf>,
        /// 网页只含报告正文片段（标题、段落和表格），供粘贴到网站后台编辑器
        #[arg(long, requires = "html")]
        html_fragment: bool,
        /// 空单元格导出为 0（纯文本）
        #[arg(long)]
        empty_as_zero: bool,
        /// PDF 按双面打印排页码：单页码居右、双页码居左（GB/T 9704）
        #[arg(long)]
        two_sided: bool,
    },
    /// 打印草稿（通过 CUPS 的 lp；不打开图形界面）。任务被拒绝或没有打印服务时退出码为 2
    Print {
        /// 草稿文件
        draft: PathBuf,
        /// 打印机名称（默认：系统默认打印机）
        #[arg(long)]
        printer: Option<String>,
        /// 份数
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=999))]
        copies: u32,
        /// 页码范围，如 1-3,5（默认：全部）
        #[arg(long)]
        pages: Option<String>,
        /// 双面打印（长边翻转），页码单页居右、双页居左
        #[arg(long)]
        two_sided: bool,
    },
    /// 列出打印机（标出默认打印机）；没有打印服务时退出码为 2
    Printers,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => match crate::ui::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("错误：{e:#}");
                ExitCode::from(2)
            }
        },
        Some(cmd) => match run(cmd) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("错误：{e:#}");
                ExitCode::from(2)
            }
        },
    }
}

/// Runs one command; errors are reported by the caller with exit code 2.
pub fn run(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::New {
            year,
            agency,
            template: tid,
            output,
        } => {
            let t = match tid.as_deref() {
                None => template::for_year(year),
                Some(id) => template::all()
                    .iter()
                    .find(|t| t.id == id || t.id.ends_with(&format!("-{id}")))
                    .with_context(|| format!("未知的报告格式“{id}”（可用：2021、2019）"))?,
            };
            let mut r = Report::new(t, &agency, year);
            r.header_text = r.generated_header();
            refuse_overwrite(&output)?;
            draft::save(&r, &output)?;
            println!("已创建 {}（{}）", output.display(), t.name);
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            drafts,
            previous,
            format,
            quiet,
        } => validate_cmd(&drafts, previous.as_deref(), format, quiet),
        Command::Check {
            paths,
            previous_year_dir,
            xlsx,
            sum,
            sum_title,
            opinions,
            reviewer,
            opinion_date,
            format,
        } => check_cmd(
            &paths,
            previous_year_dir.as_deref(),
            CheckOutputs {
                xlsx: xlsx.as_deref(),
                sum: sum.as_deref(),
                sum_title: &sum_title,
                opinions: opinions.as_deref(),
                signer: crate::check::opinion::Signer {
                    office: reviewer,
                    date: opinion_date,
                },
            },
            format,
        ),
        Command::Rollover { last, output } => {
            let last = draft::load(&last)?;
            let r = crate::rollover::rollover(&last);
            refuse_overwrite(&output)?;
            draft::save(&r, &output)?;
            let stale = validate::validate(&r, None)
                .into_iter()
                .filter(|d| d.rule == "S14")
                .count();
            println!(
                "已生成 {} 年度草稿 {}（{}）；沿用的文字中有 {stale} 处年份需要核对",
                r.year,
                output.display(),
                r.template.name
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            reports,
            output,
            out_dir,
        } => match (output, out_dir) {
            (Some(output), _) => match reports.as_slice() {
                [report] => import_cmd(report, &output),
                _ => bail!("-o 只能用于一份年报；导入多份请用 --out-dir 文件夹"),
            },
            (None, Some(dir)) => import_batch(&reports, &dir),
            (None, None) => unreachable!("clap requires -o or --out-dir"),
        },
        Command::Export {
            draft: path,
            txt,
            json,
            pdf,
            docx,
            html,
            html_fragment,
            empty_as_zero,
            two_sided,
        } => {
            if txt.is_none() && json.is_none() && pdf.is_none() && docx.is_none() && html.is_none()
            {
                bail!("请用 --txt、--json、--pdf、--docx 或 --html 指定导出文件");
            }
            // The system's font list and the faces load while the draft does.
            let fonts = pdf.is_some().then(start_fonts);
            let r = draft::load(&path)?;
            warn_before_printing(&r, &path, txt.is_some() || pdf.is_some());
            if let Some(p) = txt {
                let s = text::to_text(&r, text::TextOptions { empty_as_zero });
                std::fs::write(&p, s).with_context(|| format!("无法写入 {}", p.display()))?;
                println!("已导出 {}", p.display());
            }
            if let Some(p) = pdf {
                let (opts, faces) = join_fonts(fonts, two_sided)?;
                let doc = crate::export::pdf::pages(&r, &opts)?;
                let bytes = crate::export::pdf::write_embedded(&doc, &faces)?;
                std::fs::write(&p, bytes).with_context(|| format!("无法写入 {}", p.display()))?;
                println!("已导出 {}", p.display());
            }
            if let Some(p) = json {
                let s = serde_json::to_string_pretty(&to_json(&r))?;
                std::fs::write(&p, s).with_context(|| format!("无法写入 {}", p.display()))?;
                println!("已导出 {}", p.display());
            }
            if let Some(p) = docx {
                let bytes = crate::export::docx::export(&r)?;
                std::fs::write(&p, bytes).with_context(|| format!("无法写入 {}", p.display()))?;
                println!("已导出 {}", p.display());
            }
            if let Some(p) = html {
                let kind = if html_fragment {
                    crate::export::html::HtmlKind::Fragment
                } else {
                    crate::export::html::HtmlKind::Page
                };
                let s = crate::export::html::export(&r, kind);
                std::fs::write(&p, s).with_context(|| format!("无法写入 {}", p.display()))?;
                println!("已导出 {}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Print {
            draft: path,
            printer,
            copies,
            pages,
            two_sided,
        } => print_cmd(&path, printer, copies, pages.as_deref(), two_sided),
        Command::Printers => printers_cmd(),
    }
}

/// Warns on stderr about what a reader of the printed report would see: a hard-rule
/// failure (the watermark) and, when `dated` output is made, a missing 成文日期.
fn warn_before_printing(r: &Report, path: &Path, dated: bool) {
    let diags = validate::validate(r, None);
    if validate::has_errors(&diags) {
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

type Fonts = (
    crate::export::pdf::FontSet,
    Result<crate::export::pdf::Embedding, crate::export::pdf::PdfError>,
);

/// Finds the faces (the official ones when this machine has them, else the bundled ones)
/// and reads them for embedding on a thread of their own, while the draft loads.
fn start_fonts() -> std::thread::JoinHandle<Fonts> {
    std::thread::spawn(|| {
        let set = crate::export::pdf::fonts::discover_system();
        let faces = crate::export::pdf::Embedding::new(&set);
        (set, faces)
    })
}

/// The PDF options and faces of a [`start_fonts`] thread.
fn join_fonts(
    t: Option<std::thread::JoinHandle<Fonts>>,
    two_sided: bool,
) -> Result<(
    crate::export::pdf::PdfOptions,
    crate::export::pdf::Embedding,
)> {
    let (fonts, faces) = t
        .expect("started when a PDF is asked for")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
    Ok((crate::export::pdf::PdfOptions { fonts, two_sided }, faces?))
}

const NO_PRINT_SYSTEM: &str = "未找到打印服务（CUPS）：请安装 cups-client 并启动 CUPS，或用 export --pdf 导出后在 PDF 阅读器中打印";

fn print_cmd(
    path: &Path,
    printer: Option<String>,
    copies: u32,
    pages: Option<&str>,
    two_sided: bool,
) -> Result<ExitCode> {
    use crate::print::{PageRanges, PrintBackend, Sides, SystemPrinting};
    let fonts = start_fonts();
    let r = draft::load(path)?;
    let backend = SystemPrinting;
    let Some(printers) = backend.printers() else {
        bail!("{NO_PRINT_SYSTEM}");
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
        .map(|s| PageRanges::parse(s, Some(doc.pages.len() as u32)))
        .transpose()
        .map_err(|e| anyhow::anyhow!("--pages：{e}"))?;
    warn_before_printing(&r, path, true);
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
    let outcome = crate::print::print_pdf(&backend, &pdf, &r.year.to_string(), &job, true)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{}", outcome.message());
    Ok(ExitCode::SUCCESS)
}

fn printers_cmd() -> Result<ExitCode> {
    use crate::print::{PrintBackend, PrinterState, SystemPrinting};
    let Some(printers) = SystemPrinting.printers() else {
        bail!("{NO_PRINT_SYSTEM}");
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

fn import_cmd(input: &Path, output: &Path) -> Result<ExitCode> {
    let bytes = read_report(input)?;
    let imported =
        crate::import::import_bytes(&bytes).with_context(|| format!("{}", input.display()))?;
    refuse_overwrite(output)?;
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
    println!("校验：{errors} 个错误，{} 个提醒", diags.len() - errors);
    for d in diags.iter().filter(|d| d.is_error()) {
        println!("  错误 {} {}", d.rule, d.message);
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports many reports into `dir`, one draft each, printing a line per report; exit 2
/// only when none could be imported.
fn import_batch(paths: &[PathBuf], dir: &Path) -> Result<ExitCode> {
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建文件夹 {}", dir.display()))?;
    let files = expand_with(paths, crate::import::is_report_file);
    if files.is_empty() {
        bail!("没有找到年报文件（.docx、.html、.pdf、.txt、.md）");
    }
    let mut written: Vec<PathBuf> = Vec::new();
    let mut imported_count = 0;
    for file in &files {
        let result = read_report(file)
            .and_then(|bytes| crate::import::import_bytes(&bytes).map_err(anyhow::Error::from));
        let imported = match result {
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
        let agency = if r.agency.is_empty() {
            "（无机关名称）"
        } else {
            &r.agency
        };
        println!(
            "{}\t{}\t{agency}\t{}年\t读到{read}/{total}格\t说明{}条（需注意{warnings}条）\t校验：{errors}个错误，{}个提醒\t→ {}",
            file.display(),
            imported.form.name(),
            r.year,
            imported.notes.len(),
            diags.len() - errors,
            out.display()
        );
    }
    println!("共{}份，导入{imported_count}份", files.len());
    Ok(if imported_count == 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn refuse_overwrite(path: &Path) -> Result<()> {
    if path.exists() {
        bail!("{} 已存在，为避免覆盖请换一个文件名", path.display());
    }
    Ok(())
}

/// Expands folders to the drafts (`.nianbao`, `.ron`) inside them, sorted.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand_with(paths, draft::is_draft_path)
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

/// Result of checking one file.
enum Checked {
    Unreadable(String),
    Done(Vec<Diagnostic>, Box<Report>),
}

fn validate_cmd(
    paths: &[PathBuf],
    previous: Option<&Path>,
    format: Format,
    quiet: bool,
) -> Result<ExitCode> {
    let prev = previous.map(draft::load).transpose()?;
    let files = expand(paths);
    let check = |p: &PathBuf| match draft::load(p) {
        Err(e) => Checked::Unreadable(e.to_string()),
        Ok(r) => {
            let d = validate::validate(&r, prev.as_ref());
            Checked::Done(d, Box::new(r))
        }
    };
    // Drafts are independent: check them on all cores, print in argument order.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<Checked> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("validation thread"))
            .collect()
    });
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
                        let verdict = if errors == 0 { "通过" } else { "未通过" };
                        let reviewed = if c.reviewed > 0 {
                            format!("，{} 个已核实", c.reviewed)
                        } else {
                            String::new()
                        };
                        writeln!(
                            out,
                            "{}：{verdict}（{errors} 个错误，{} 个提示{reviewed}）",
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
    Ok(if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `YYYY-MM-DD`, for a command-line date.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{s}”不是有效的日期，应为 YYYY-MM-DD，例如 2026-02-10"))
}

/// What `nianbao check` writes besides its listing.
struct CheckOutputs<'a> {
    xlsx: Option<&'a Path>,
    sum: Option<&'a Path>,
    sum_title: &'a str,
    opinions: Option<&'a Path>,
    signer: crate::check::opinion::Signer,
}

/// `nianbao check`: one line per report (or a JSON array), then the workbook, the sum and
/// the opinions.
fn check_cmd(
    paths: &[PathBuf],
    previous_dir: Option<&Path>,
    outputs: CheckOutputs<'_>,
    format: Format,
) -> Result<ExitCode> {
    use crate::check;
    let CheckOutputs {
        xlsx,
        sum: sum_path,
        sum_title,
        opinions,
        signer,
    } = outputs;
    // Outputs are refused before the (possibly long) run, not after it.
    for p in [xlsx, sum_path].into_iter().flatten() {
        refuse_overwrite(p)?;
    }
    if let Some(d) = opinions
        && d.exists()
        && !d.is_dir()
    {
        bail!("{} 不是文件夹，无法在其中写入审核意见", d.display());
    }
    let (skipped, entries): (Vec<_>, Vec<_>) = check::run(paths, previous_dir)
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
    let summed = check::sum::sum(&parts, sum_title);
    let mut unreadable = false;
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut items = Vec::new();
    for e in &entries {
        let c = match &e.outcome {
            Err(msg) => {
                unreadable = true;
                match format {
                    Format::Text => writeln!(out, "{}\t无法读取：{msg}", e.path.display())?,
                    Format::Json => items.push(json!({ "file": e.path, "error": msg })),
                }
                continue;
            }
            Ok(c) => c,
        };
        let r = &c.loaded.report;
        let (errors, warnings, reviewed) = (c.errors(), c.warnings(), c.reviewed_warnings());
        failed |= errors > 0;
        let k = check::key_figures(r);
        let met = check::deadline_met(r);
        match format {
            Format::Text => {
                let n = |v: Option<i64>| v.map_or("—".to_string(), |v| v.to_string());
                let date = r
                    .publish_date
                    .map_or("无发布日期".to_string(), validate::date_zh);
                let met = match met {
                    Some(true) => "按期",
                    Some(false) => "逾期",
                    None => "",
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}年\t{}\t{errors}个错误\t{warnings}个提醒（已核实{reviewed}）\t新收{} 结转{} 办结{} 转下年{} 复议{} 诉讼{} 收费{}万元\t{date}{met}\t导入说明{}条",
                    e.path.display(),
                    c.loaded.form,
                    r.agency,
                    r.year,
                    r.template.name,
                    n(k.new_requests),
                    n(k.carried_in),
                    n(k.handled),
                    n(k.carried_out),
                    n(k.review),
                    n(k.litigation),
                    k.fees.as_deref().unwrap_or("—"),
                    c.loaded.notes,
                )?;
                if let Some(p) = &c.previous {
                    writeln!(out, "  与上年报告 {} 核对", p.display())?;
                }
                for (i, d) in c.diagnostics.iter().enumerate() {
                    writeln!(out, "{}", diag_line(d, c.mark(i)))?;
                }
            }
            Format::Json => items.push(json!({
                "file": e.path,
                "form": c.loaded.form,
                "agency": r.agency,
                "year": r.year,
                "template": r.template.id,
                "errors": errors,
                "warnings": warnings,
                "reviewed_warnings": reviewed,
                "figures": {
                    "new_requests": k.new_requests,
                    "carried_in": k.carried_in,
                    "handled": k.handled,
                    "carried_out": k.carried_out,
                    "review": k.review,
                    "litigation": k.litigation,
                    "fees": k.fees,
                },
                "publish_date": r.publish_date,
                "deadline": check::deadline(r),
                "deadline_met": met,
                "import_notes": c.loaded.notes,
                "previous": c.previous,
                "diagnostics": c.diagnostics.iter().enumerate()
                    .map(|(i, d)| reviewed_diag_json(r, d, c.mark(i)))
                    .collect::<Vec<_>>(),
            })),
        }
    }
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
    }
    out.flush()?;
    drop(out);
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
    if let Some(p) = xlsx {
        check::xlsx::write(p, &entries, summed.as_ref())
            .map_err(|e| anyhow::anyhow!("无法写入 {}：{e}", p.display()))?;
        eprintln!("已写入工作簿 {}", p.display());
    }
    if let Some(p) = sum_path {
        let Some(s) = &summed else {
            bail!("没有可以合计的报告");
        };
        for m in &s.messages {
            eprintln!("  {m}");
        }
        draft::save(&s.report, p)?;
        eprintln!("已保存合计草稿 {}（{}份报告）", p.display(), s.count);
    }
    if let Some(dir) = opinions {
        write_opinions(dir, &entries, &signer)?;
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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

/// A diagnostic's line in the `validate` and `check` listings, with its 已核实 reason.
fn diag_line(d: &Diagnostic, mark: Option<&crate::model::Review>) -> String {
    match mark {
        Some(m) => format!("  已核实 {} {}（理由：{}）", d.rule, d.message, m.reason),
        None => {
            let kind = if d.is_error() { "错误" } else { "提示" };
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
        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
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
