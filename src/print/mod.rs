//! Printing through the system: CUPS on Linux ([`cups`]), the Windows spooler ([`windows`],
//! the pages drawn with GDI from the same layout as the PDF); where there is neither a print
//! system nor a printer, the PDF is opened in the default viewer.

mod cups;
pub mod spool;
#[cfg(windows)]
mod windows;

use std::path::{Path, PathBuf};

pub use cups::{
    lp_args, parse_duplex, parse_lp_output, parse_lpstat_d, parse_lpstat_e, parse_lpstat_p,
    printers_from,
};

use crate::export::pdf::FontSet;
use crate::export::pdf::layout::Document;

/// Which sides of the paper to print on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sides {
    /// Whatever the printer is set to (no `sides` option).
    #[default]
    PrinterDefault,
    OneSided,
    /// Duplex, flipped on the long edge (portrait A4 as a booklet reads).
    TwoSidedLongEdge,
}

/// Pages to print, e.g. `1-3,5`: ranges from 1, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRanges(pub Vec<(u32, u32)>);

impl PageRanges {
    /// Parses `1-3,5` (spaces, `，` and `－`/`—`/`~` also accepted, as typed in Chinese
    /// input methods). `pages` is the document's page count when known, to refuse pages
    /// past the end.
    pub fn parse(s: &str, pages: Option<u32>) -> Result<PageRanges, String> {
        let norm: String = s
            .chars()
            .map(|c| match c {
                '，' | '、' | ';' | '；' => ',',
                '－' | '—' | '–' | '~' | '～' | '至' => '-',
                c => c,
            })
            .filter(|c| !c.is_whitespace())
            .collect();
        if norm.is_empty() {
            return Err("请填写页码范围，如 1-3,5".into());
        }
        let mut out = Vec::new();
        for part in norm.split(',').filter(|p| !p.is_empty()) {
            let num = |t: &str| {
                t.parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("“{part}”不是有效的页码（页码从 1 开始，如 1-3,5）"))
            };
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (num(a)?, num(b)?),
                None => {
                    let n = num(part)?;
                    (n, n)
                }
            };
            if a > b {
                return Err(format!("“{part}”的起始页大于结束页"));
            }
            if let Some(n) = pages
                && b > n
            {
                return Err(format!("第 {b} 页超出了文档的页数（共 {n} 页）"));
            }
            out.push((a, b));
        }
        if out.is_empty() {
            return Err("请填写页码范围，如 1-3,5".into());
        }
        Ok(PageRanges(out))
    }

    /// The CUPS `page-ranges` form: `1-3,5`.
    pub fn to_cups(&self) -> String {
        self.0
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Number of pages selected (a page listed twice counts twice, as CUPS prints it).
    pub fn count(&self) -> u32 {
        self.0.iter().map(|&(a, b)| b - a + 1).sum()
    }
}

/// What to print and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Destination; `None` = the system default.
    pub printer: Option<String>,
    pub copies: u32,
    /// `None` = all pages.
    pub pages: Option<PageRanges>,
    pub sides: Sides,
    /// Shown in the printer's queue.
    pub title: String,
}

impl Default for Job {
    fn default() -> Job {
        Job {
            printer: None,
            copies: 1,
            pages: None,
            sides: Sides::PrinterDefault,
            title: String::new(),
        }
    }
}

/// A printer's state as `lpstat -p` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterState {
    Idle,
    Printing,
    Disabled,
}

/// A printer offered to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterInfo {
    pub name: String,
    pub is_default: bool,
    /// `None` when `lpstat -p` does not list it (e.g. a discovered network printer).
    pub state: Option<PrinterState>,
}

/// What printing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Handed to the print system, with the job id it gave.
    Sent {
        printer: Option<String>,
        job: Option<String>,
    },
    /// No print system: the PDF was opened in the default viewer, to print from there.
    Opened(PathBuf),
}

impl Outcome {
    /// What happened, for the user.
    pub fn message(&self) -> String {
        match self {
            Outcome::Sent { printer, job } => {
                let to = printer
                    .as_deref()
                    .map_or("默认打印机".to_string(), |p| format!("打印机“{p}”"));
                match job {
                    Some(j) => format!("已发送到{to}，任务号 {j}"),
                    None => format!("已发送到{to}"),
                }
            }
            Outcome::Opened(p) => format!(
                "未找到可用的打印机，已用默认 PDF 阅读器打开 {}，请在其中打印",
                p.display()
            ),
        }
    }
}

/// What is printed: the PDF written for it, and the pages it was written from (the Windows
/// spooler is given the pages, drawn with the same faces at the same positions).
pub struct Printout<'a> {
    pub pdf: &'a Path,
    pub pages: &'a Document,
    pub fonts: &'a FontSet,
}

/// The system's printing, behind a trait so the window and its tests can swap it.
pub trait PrintBackend {
    /// The printers, or `None` when there is nothing to print to (no CUPS on Linux, no
    /// printer installed on Windows, macOS): then printing opens the PDF in the default viewer.
    fn printers(&self) -> Option<Vec<PrinterInfo>>;
    /// Whether `printer` can print on both sides.
    fn duplex(&self, printer: &str) -> bool;
    /// Prints `out` as `job`; the job id, or why it was refused (in Chinese).
    fn submit(&self, out: &Printout, job: &Job) -> Result<Option<String>, String>;
    /// Opens `file` in the default PDF viewer.
    fn open_in_viewer(&self, file: &Path) -> Result<(), String>;
}

/// Why there is nothing to print to, and what to do instead, for this system.
pub fn no_print_system() -> &'static str {
    if cfg!(windows) {
        "未找到打印机：请在 Windows 设置的“打印机和扫描仪”中添加打印机，或用 export --pdf 导出后在 PDF 阅读器中打印"
    } else {
        "未找到打印服务（CUPS）：请安装 cups-client 并启动 CUPS，或用 export --pdf 导出后在 PDF 阅读器中打印"
    }
}

/// The real system: CUPS on Linux, the spooler on Windows, the default viewer elsewhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemPrinting;

impl PrintBackend for SystemPrinting {
    fn printers(&self) -> Option<Vec<PrinterInfo>> {
        #[cfg(windows)]
        return windows::printers();
        #[cfg(not(windows))]
        if cfg!(target_os = "linux") {
            cups::printers()
        } else {
            None
        }
    }

    fn duplex(&self, printer: &str) -> bool {
        #[cfg(windows)]
        return windows::duplex(printer);
        #[cfg(not(windows))]
        cups::duplex(printer)
    }

    fn submit(&self, out: &Printout, job: &Job) -> Result<Option<String>, String> {
        #[cfg(windows)]
        return windows::submit(out, job);
        #[cfg(not(windows))]
        cups::submit(out.pdf, job)
    }

    fn open_in_viewer(&self, file: &Path) -> Result<(), String> {
        #[cfg(windows)]
        let started = windows::open(file);
        #[cfg(not(windows))]
        let started = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(file)
        .spawn()
        .map(|_| ());
        started.map_err(|e| {
            format!(
                "无法打开 PDF 阅读器（{e}）；PDF 已保存在 {}，请手动打印",
                file.display()
            )
        })
    }
}

/// Writes `pdf` to a file in the temporary folder, for the print system to read.
pub fn temp_pdf(pdf: &[u8], stem: &str) -> Result<PathBuf, String> {
    let path = std::env::temp_dir().join(format!("nianbao-{stem}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).map_err(|e| format!("无法写入临时文件 {}：{e}", path.display()))?;
    Ok(path)
}

/// Prints `pdf`, written from the laid-out `pages` in `fonts`, through `backend`: to the
/// print system when there is one (`system`), else opens the PDF in the default viewer.
pub fn print(
    backend: &dyn PrintBackend,
    pdf: &[u8],
    (pages, fonts): (&Document, &FontSet),
    stem: &str,
    job: &Job,
    system: bool,
) -> Result<Outcome, String> {
    let path = temp_pdf(pdf, stem)?;
    if system {
        let out = Printout {
            pdf: &path,
            pages,
            fonts,
        };
        let id = backend.submit(&out, job)?;
        Ok(Outcome::Sent {
            printer: job.printer.clone(),
            job: id,
        })
    } else {
        backend.open_in_viewer(&path)?;
        Ok(Outcome::Opened(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_parse_and_refuse() {
        let r = PageRanges::parse(" 1-3，5 ", Some(6)).unwrap();
        assert_eq!(r.0, vec![(1, 3), (5, 5)]);
        assert_eq!(r.to_cups(), "1-3,5");
        assert_eq!(r.count(), 4);
        assert!(PageRanges::parse("2—4", None).is_ok());
        assert!(PageRanges::parse("0", None).is_err());
        assert!(PageRanges::parse("3-1", None).is_err());
        assert!(PageRanges::parse("a", None).is_err());
        assert!(PageRanges::parse("", None).is_err());
        let e = PageRanges::parse("1-9", Some(4)).unwrap_err();
        assert!(e.contains("共 4 页"), "{e}");
    }
}
