//! Printing through the system: CUPS (`lpstat`, `lpoptions`, `lp`) where it exists,
//! otherwise the PDF is opened in the default viewer.
//!
//! The CUPS side runs the command-line clients with [`std::process::Command`]: no
//! maintained Rust crate binds libcups (the `cups-sys`/`ipp` crates are unmaintained or
//! speak IPP to a server directly, which would miss the user's `lpoptions` defaults), and
//! the clients are what every Linux desktop has (`cups-client`). The argument lists and
//! the parsing of the clients' output are pure functions, tested without a printer.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

/// A local CUPS server answers in milliseconds; one that hangs must not hang the window.
const TIMEOUT: Duration = Duration::from_secs(8);

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

/// The `lp` arguments for printing `file` as `job`.
pub fn lp_args(job: &Job, file: &Path) -> Vec<OsString> {
    let mut a: Vec<OsString> = Vec::new();
    if let Some(p) = &job.printer {
        a.extend(["-d".into(), p.into()]);
    }
    if job.copies > 1 {
        a.extend(["-n".into(), job.copies.to_string().into()]);
        // Whole sets, as Word prints copies.
        a.extend(["-o".into(), "collate=true".into()]);
    }
    if let Some(r) = &job.pages {
        a.extend(["-P".into(), r.to_cups().into()]);
    }
    match job.sides {
        Sides::PrinterDefault => {}
        Sides::OneSided => a.extend(["-o".into(), "sides=one-sided".into()]),
        Sides::TwoSidedLongEdge => a.extend(["-o".into(), "sides=two-sided-long-edge".into()]),
    }
    if !job.title.is_empty() {
        a.extend(["-t".into(), job.title.clone().into()]);
    }
    // "--" so a file name starting with "-" is not read as an option.
    a.push("--".into());
    a.push(file.into());
    a
}

/// The job id in `lp`'s answer: `request id is Office-12 (1 file(s))` → `Office-12`.
pub fn parse_lp_output(out: &str) -> Option<String> {
    out.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("request id is ")?;
        Some(rest.split_whitespace().next()?.to_string())
    })
}

/// Destinations listed by `lpstat -e`, one name a line.
pub fn parse_lpstat_e(out: &str) -> Vec<String> {
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains(' '))
        .map(String::from)
        .collect()
}

/// The default destination from `lpstat -d`: `system default destination: Office`, or
/// `None` for `no system default destination`.
pub fn parse_lpstat_d(out: &str) -> Option<String> {
    out.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("system default destination:")?;
        let name = rest.trim();
        (!name.is_empty()).then(|| name.to_string())
    })
}

/// A printer's state as `lpstat -p` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterState {
    Idle,
    Printing,
    Disabled,
}

/// Printers and their states from `lpstat -p`:
/// `printer Office is idle.  enabled since …`, `printer Office now printing Office-3.  …`,
/// `printer Office disabled since … -` (followed by an indented reason line).
pub fn parse_lpstat_p(out: &str) -> Vec<(String, PrinterState)> {
    out.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("printer ")?;
            let (name, state) = rest.split_once(' ')?;
            let state = if state.starts_with("is idle") {
                PrinterState::Idle
            } else if state.starts_with("now printing") {
                PrinterState::Printing
            } else if state.starts_with("disabled") {
                PrinterState::Disabled
            } else {
                return None;
            };
            Some((name.to_string(), state))
        })
        .collect()
}

/// Whether `lpoptions -p NAME -l` offers long-edge duplex: a `Duplex` (PPD) or `sides`
/// (IPP Everywhere) option with a two-sided choice, e.g.
/// `Duplex/2-Sided Printing: *None DuplexNoTumble DuplexTumble` or
/// `sides/2-Sided Printing: *one-sided two-sided-long-edge two-sided-short-edge`.
pub fn parse_duplex(lpoptions: &str) -> bool {
    lpoptions.lines().any(|l| {
        let Some((key, choices)) = l.split_once(':') else {
            return false;
        };
        let key = key
            .split('/')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        (key == "duplex" || key == "sides" || key.ends_with("duplex"))
            && choices.split_whitespace().any(|c| {
                let c = c.trim_start_matches('*');
                c == "DuplexNoTumble" || c == "two-sided-long-edge"
            })
    })
}

/// A printer offered to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterInfo {
    pub name: String,
    pub is_default: bool,
    /// `None` when `lpstat -p` does not list it (e.g. a discovered network printer).
    pub state: Option<PrinterState>,
}

/// Combines the outputs of `lpstat -e`, `-d` and `-p`: every destination, the default first.
pub fn printers_from(e: &str, d: &str, p: &str) -> Vec<PrinterInfo> {
    let default = parse_lpstat_d(d);
    let states = parse_lpstat_p(p);
    let mut names = parse_lpstat_e(e);
    // Queues `lpstat -e` missed (older CUPS) still count.
    for (n, _) in &states {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    let mut out: Vec<PrinterInfo> = names
        .into_iter()
        .map(|name| PrinterInfo {
            is_default: default.as_deref() == Some(name.as_str()),
            state: states
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| s.clone()),
            name,
        })
        .collect();
    out.sort_by_key(|p| !p.is_default);
    out
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
                "未找到打印服务，已用默认 PDF 阅读器打开 {}，请在其中打印",
                p.display()
            ),
        }
    }
}

/// The system's printing, behind a trait so the window and its tests can swap it.
pub trait PrintBackend {
    /// The printers, or `None` when there is no print system (Windows, macOS, Linux without
    /// CUPS): then printing opens the PDF in the default viewer.
    fn printers(&self) -> Option<Vec<PrinterInfo>>;
    /// Whether `printer` can print on both sides.
    fn duplex(&self, printer: &str) -> bool;
    /// Prints `file` as `job`; the job id, or why it was refused (in Chinese).
    fn submit(&self, file: &Path, job: &Job) -> Result<Option<String>, String>;
    /// Opens `file` in the default PDF viewer.
    fn open_in_viewer(&self, file: &Path) -> Result<(), String>;
}

/// The real system: CUPS on Linux, the default viewer elsewhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemPrinting;

impl PrintBackend for SystemPrinting {
    fn printers(&self) -> Option<Vec<PrinterInfo>> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        // `lpstat -e` fails when there is no client or no server to ask.
        let e = run("lpstat", &["-e".into()]).ok()?;
        if !e.ok {
            return None;
        }
        let d = run("lpstat", &["-d".into()])
            .map(|o| o.stdout)
            .unwrap_or_default();
        let p = run("lpstat", &["-p".into()])
            .map(|o| o.stdout)
            .unwrap_or_default();
        Some(printers_from(&e.stdout, &d, &p))
    }

    fn duplex(&self, printer: &str) -> bool {
        run("lpoptions", &["-p".into(), printer.into(), "-l".into()])
            .is_ok_and(|o| o.ok && parse_duplex(&o.stdout))
    }

    fn submit(&self, file: &Path, job: &Job) -> Result<Option<String>, String> {
        let o = run("lp", &lp_args(job, file))?;
        if o.ok {
            Ok(parse_lp_output(&o.stdout))
        } else {
            let why = o.stderr.trim().trim_start_matches("lp:").trim().to_string();
            Err(if why.is_empty() {
                "打印服务拒绝了任务".to_string()
            } else {
                format!("打印服务拒绝了任务：{why}")
            })
        }
    }

    fn open_in_viewer(&self, file: &Path) -> Result<(), String> {
        let started = if cfg!(target_os = "windows") {
            Command::new("cmd")
                .args(["/C", "start", ""])
                .arg(file)
                .spawn()
        } else if cfg!(target_os = "macos") {
            Command::new("open").arg(file).spawn()
        } else {
            Command::new("xdg-open").arg(file).spawn()
        };
        started.map(|_| ()).map_err(|e| {
            format!(
                "无法打开 PDF 阅读器（{e}）；PDF 已保存在 {}，请手动打印",
                file.display()
            )
        })
    }
}

/// What a command printed and whether it succeeded.
struct Ran {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs a CUPS client with English messages (they are parsed) and a time limit.
fn run(program: &str, args: &[OsString]) -> Result<Ran, String> {
    let mut child = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("无法运行 {program}：{e}"))?;
    // Read both pipes while waiting, so a long answer cannot block the child.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut r) = r {
                let mut b = Vec::new();
                let _ = r.read_to_end(&mut b);
                s = String::from_utf8_lossy(&b).into_owned();
            }
            s
        })
    };
    let out = drain(child.stdout.take().map(|s| Box::new(s) as _));
    let err = drain(child.stderr.take().map(|s| Box::new(s) as _));
    let status = match child.wait_timeout(TIMEOUT) {
        Ok(Some(s)) => s,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{program} 没有响应（打印服务可能已停止）"));
        }
        Err(e) => return Err(format!("{program} 运行出错：{e}")),
    };
    Ok(Ran {
        ok: status.success(),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

/// Writes `pdf` to a file in the temporary folder, for the print system to read.
pub fn temp_pdf(pdf: &[u8], stem: &str) -> Result<PathBuf, String> {
    let path = std::env::temp_dir().join(format!("nianbao-{stem}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).map_err(|e| format!("无法写入临时文件 {}：{e}", path.display()))?;
    Ok(path)
}

/// Prints `pdf` through `backend`: to the print system when there is one, else opens it in
/// the default viewer.
pub fn print_pdf(
    backend: &dyn PrintBackend,
    pdf: &[u8],
    stem: &str,
    job: &Job,
    system: bool,
) -> Result<Outcome, String> {
    let path = temp_pdf(pdf, stem)?;
    if system {
        let id = backend.submit(&path, job)?;
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
