//! The command line's words: its commands and their options (`clap`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    New(NewArgs),
    /// 校验草稿（可一次校验多个文件或文件夹）；有错误时退出码为 1，文件无法读取时为 2
    Validate(ValidateArgs),
    /// 批量检查：多份草稿和已发布年报一起校验，同一机关连续两年的报告自动做跨年度核对；
    /// 可输出 Excel 工作簿和各报告统计表的合计。有错误时退出码为 1，有文件无法读取时为 2
    Check(CheckArgs),
    /// 由上年度草稿生成本年度草稿
    Rollover(RolloverArgs),
    /// 按表格数据写出“总体情况”中的统计段落（有上年报告时写明同比增减）
    Paragraph(ParagraphArgs),
    /// 把已发布的年报（Word .docx、网页 .html、PDF、文本或 Markdown）导入为草稿，并列出导入说明和校验结果
    Import(ImportArgs),
    /// 导出为文本、JSON、PDF、Word 文档或网页
    Export(ExportArgs),
    /// 打印草稿（通过 CUPS 的 lp；不打开图形界面）。任务被拒绝或没有打印服务时退出码为 2
    Print(PrintArgs),
    /// 列出打印机（标出默认打印机）；没有打印服务时退出码为 2
    Printers,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// 报告年度，如 2025
    #[arg(long)]
    pub year: i32,
    /// 发布机关名称
    #[arg(long)]
    pub agency: String,
    /// 报告格式：2021（国办公开办函〔2021〕30号）或 2019（〔2019〕60号）；默认按年度选择
    #[arg(long)]
    pub template: Option<String>,
    /// 输出草稿文件
    #[arg(short, long)]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct ParagraphArgs {
    /// 草稿文件（或已发布的年报文件）
    pub draft: PathBuf,
    /// 上年度报告（草稿，或 Word、网页、PDF、文本、扫描件）；不写时用草稿自带的上年数据
    #[arg(long)]
    pub previous: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// 草稿文件或包含草稿的文件夹
    #[arg(required = true)]
    pub drafts: Vec<PathBuf>,
    /// 上年度报告（草稿，或 Word、网页、PDF、文本、扫描件），用于与上年比较和连续性检查
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// 只列出有错误的文件和错误
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// 草稿（.ron、.nianbao）、已发布年报文件，或装有它们的文件夹（含子文件夹）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 存放上年度报告的文件夹，只用于跨年度核对，不列入结果
    #[arg(long)]
    pub previous_year_dir: Option<PathBuf>,
    /// 输出 Excel 工作簿（汇总、问题清单、合计）
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// 把各报告的统计表逐格相加，保存为一份草稿
    #[arg(long)]
    pub sum: Option<PathBuf>,
    /// 合计草稿的发布机关名称
    #[arg(long, default_value = "合计")]
    pub sum_title: String,
    /// 为每份有待处理问题的报告在此文件夹中写一份审核意见 PDF（以机关和年度命名）
    #[arg(long)]
    pub opinions: Option<PathBuf>,
    /// 审核意见落款的审核单位
    #[arg(long, default_value = "")]
    pub reviewer: String,
    /// 审核意见落款日期（YYYY-MM-DD）
    #[arg(long, value_parser = parse_date)]
    pub opinion_date: Option<chrono::NaiveDate>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct RolloverArgs {
    /// 上年度草稿
    pub last: PathBuf,
    /// 输出的本年度草稿
    #[arg(short, long)]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// 年报文件，或装有年报文件的文件夹（与 --out-dir 一起用）；“-”表示从标准输入读取
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,
    /// 输出的草稿文件（导入一份年报时）
    #[arg(
        short,
        long,
        conflicts_with = "out_dir",
        required_unless_present = "out_dir"
    )]
    pub output: Option<PathBuf>,
    /// 批量导入：每份年报在此文件夹中保存一份草稿，并逐份打印一行摘要
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// 草稿文件
    pub draft: PathBuf,
    /// 导出纯文本
    #[arg(long)]
    pub txt: Option<PathBuf>,
    /// 导出 JSON
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// 导出 PDF（未通过勾稽校验的报告带“草稿 · 校验未通过”水印）
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// 导出 Word 文档（.docx；未通过勾稽校验的报告带“草稿 · 校验未通过”水印）
    #[arg(long)]
    pub docx: Option<PathBuf>,
    /// 导出网页（.html，UTF-8）
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// 网页只含报告正文片段（标题、段落和表格），供粘贴到网站后台编辑器
    #[arg(long, requires = "html")]
    pub html_fragment: bool,
    /// 导出图解（一图读懂）：.png、.svg 或 .pdf，按文件扩展名
    #[arg(long)]
    pub infographic: Option<PathBuf>,
    /// 上年报告（草稿或 Word/网页/PDF/文本报告），图解中标出同比变化
    #[arg(long, requires = "infographic")]
    pub previous: Option<PathBuf>,
    /// 空单元格导出为 0（纯文本）
    #[arg(long)]
    pub empty_as_zero: bool,
    /// PDF 按双面打印排页码：单页码居右、双页码居左（GB/T 9704）
    #[arg(long)]
    pub two_sided: bool,
}

#[derive(Args, Debug)]
pub struct PrintArgs {
    /// 草稿文件
    pub draft: PathBuf,
    /// 打印机名称（默认：系统默认打印机）
    #[arg(long)]
    pub printer: Option<String>,
    /// 份数
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=999))]
    pub copies: u32,
    /// 页码范围，如 1-3,5（默认：全部）
    #[arg(long)]
    pub pages: Option<String>,
    /// 双面打印（长边翻转），页码单页居右、双页居左
    #[arg(long)]
    pub two_sided: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `YYYY-MM-DD`, for a command-line date.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{s}”不是有效的日期，应为 YYYY-MM-DD，例如 2026-02-10"))
}
