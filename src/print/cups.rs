//! CUPS, through its command-line clients (`lpstat`, `lpoptions`, `lp`).
//!
//! No maintained Rust crate binds libcups (the `cups-sys`/`ipp` crates are unmaintained or
//! speak IPP to a server directly, which would miss the user's `lpoptions` defaults), and
//! the clients are what every Linux desktop has (`cups-client`). The argument lists and
//! the parsing of the clients' output are pure functions, tested without a printer.

use std::ffi::OsString;
use std::path::Path;

use super::{Job, PrinterInfo, PrinterState, Sides};
#[cfg(not(windows))]
pub(super) use client::{duplex, printers, submit};

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

/// Running the clients (not on Windows, which prints through its spooler).
#[cfg(not(windows))]
mod client {
    use std::ffi::OsString;
    use std::io::Read;
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::Duration;

    use wait_timeout::ChildExt;

    use super::{Job, PrinterInfo, lp_args, parse_duplex, parse_lp_output, printers_from};

    /// A local CUPS server answers in milliseconds; one that hangs must not hang the window.
    const TIMEOUT: Duration = Duration::from_secs(8);

    /// The CUPS destinations, or `None` when there is no client or no server to ask.
    pub fn printers() -> Option<Vec<PrinterInfo>> {
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

    /// Whether `printer` offers long-edge duplex.
    pub fn duplex(printer: &str) -> bool {
        run("lpoptions", &["-p".into(), printer.into(), "-l".into()])
            .is_ok_and(|o| o.ok && parse_duplex(&o.stdout))
    }

    /// Hands the PDF `file` to `lp`; the job id, or why it was refused.
    pub fn submit(file: &Path, job: &Job) -> Result<Option<String>, String> {
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
}
