//! Printing through CUPS without a printer: the `lp` command lines built for each option
//! set, the parsing of `lpstat`/`lpoptions`/`lp` answers, and `nianbao print`/`printers`
//! run against stand-in `lpstat`/`lp` scripts that record how they were called.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::{balanced, t21};
use nianbao::model::draft;
use nianbao::print::{
    Job, Outcome, PageRanges, PrinterInfo, PrinterState, Sides, lp_args, parse_duplex,
    parse_lp_output, parse_lpstat_d, parse_lpstat_e, parse_lpstat_p, printers_from,
};

fn args(job: &Job) -> Vec<String> {
    lp_args(job, Path::new("/tmp/年报.pdf"))
        .into_iter()
        .map(|a: OsString| a.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn lp_command_lines_follow_the_options() {
    // Nothing chosen: the default printer, one copy, all pages, the printer's own sides.
    assert_eq!(args(&Job::default()), ["--", "/tmp/年报.pdf"]);
    let job = Job {
        printer: Some("Office_Laser".into()),
        copies: 3,
        pages: Some(PageRanges::parse("1-3,5", Some(6)).unwrap()),
        sides: Sides::TwoSidedLongEdge,
        title: "某某局2025年政府信息公开工作年度报告".into(),
    };
    assert_eq!(
        args(&job),
        [
            "-d",
            "Office_Laser",
            "-n",
            "3",
            "-o",
            "collate=true",
            "-P",
            "1-3,5",
            "-o",
            "sides=two-sided-long-edge",
            "-t",
            "某某局2025年政府信息公开工作年度报告",
            "--",
            "/tmp/年报.pdf",
        ]
    );
    // One copy is not collated; one-sided is said explicitly (the printer may default to
    // duplex); a single page is a single number.
    let job = Job {
        printer: Some("PDF".into()),
        copies: 1,
        pages: Some(PageRanges::parse("2", None).unwrap()),
        sides: Sides::OneSided,
        title: String::new(),
    };
    assert_eq!(
        args(&job),
        [
            "-d",
            "PDF",
            "-P",
            "2",
            "-o",
            "sides=one-sided",
            "--",
            "/tmp/年报.pdf"
        ]
    );
    // A file name that looks like an option stays a file name.
    let a = lp_args(&Job::default(), Path::new("-n5.pdf"));
    assert_eq!(a, [OsString::from("--"), OsString::from("-n5.pdf")]);
}

#[test]
fn page_ranges_as_typed_in_chinese() {
    let r = PageRanges::parse("1－3，5、7 - 8", Some(8)).unwrap();
    assert_eq!(r.to_cups(), "1-3,5,7-8");
    assert_eq!(r.count(), 6);
    let e = PageRanges::parse("4-6", Some(5)).unwrap_err();
    assert!(e.contains("第 6 页") && e.contains("共 5 页"), "{e}");
    assert!(PageRanges::parse("一", None).is_err());
}

#[test]
fn lpstat_answers_are_read() {
    let e = "Office_Laser\nPDF\nHP_Color_LaserJet_MFP_M281fdw_5B0F4A_\n";
    assert_eq!(
        parse_lpstat_e(e),
        [
            "Office_Laser",
            "PDF",
            "HP_Color_LaserJet_MFP_M281fdw_5B0F4A_"
        ]
    );
    assert!(parse_lpstat_e("").is_empty());
    assert_eq!(
        parse_lpstat_d("system default destination: PDF\n").as_deref(),
        Some("PDF")
    );
    assert_eq!(parse_lpstat_d("no system default destination\n"), None);
    let p = "printer Office_Laser is idle.  enabled since Thu 03 Dec 2026 09:12:01 AM UTC\n\
             printer PDF now printing PDF-7.  enabled since Thu 03 Dec 2026 09:13:44 AM UTC\n\
             printer Old disabled since Wed 02 Dec 2026 05:00:00 PM UTC -\n\
             \tPaused by administrator\n";
    assert_eq!(
        parse_lpstat_p(p),
        [
            ("Office_Laser".to_string(), PrinterState::Idle),
            ("PDF".to_string(), PrinterState::Printing),
            ("Old".to_string(), PrinterState::Disabled),
        ]
    );
    // Combined: every destination, the default first, with states where known.
    let list = printers_from(e, "system default destination: PDF", p);
    assert_eq!(
        list[0],
        PrinterInfo {
            name: "PDF".into(),
            is_default: true,
            state: Some(PrinterState::Printing)
        }
    );
    assert_eq!(list.len(), 4, "{list:?}");
    assert!(list.iter().any(|i| i.name == "Old" && !i.is_default));
    assert_eq!(
        list.iter()
            .find(|i| i.name.starts_with("HP_"))
            .unwrap()
            .state,
        None
    );
    assert!(
        printers_from(e, "no system default destination", "")
            .iter()
            .all(|i| !i.is_default)
    );
}

#[test]
fn lp_and_lpoptions_answers_are_read() {
    assert_eq!(
        parse_lp_output("request id is Office_Laser-12 (1 file(s))\n").as_deref(),
        Some("Office_Laser-12")
    );
    assert_eq!(
        parse_lp_output("lp: Error - The printer or class does not exist.\n"),
        None
    );
    // A PPD driver's Duplex option, an IPP Everywhere queue's sides, and a printer with
    // neither (CUPS-PDF).
    assert!(parse_duplex(
        "PageSize/Media Size: *A4 Letter\nDuplex/2-Sided Printing: *None DuplexNoTumble DuplexTumble\n"
    ));
    assert!(parse_duplex(
        "sides/2-Sided Printing: *one-sided two-sided-long-edge two-sided-short-edge\n"
    ));
    assert!(!parse_duplex(
        "PageSize/Page Size: *A4 Letter\nResolution/Resolution: *300dpi\n"
    ));
    assert!(!parse_duplex("Duplex/2-Sided Printing: *None\n"));
    let sent = Outcome::Sent {
        printer: Some("PDF".into()),
        job: Some("PDF-3".into()),
    };
    assert_eq!(sent.message(), "已发送到打印机“PDF”，任务号 PDF-3");
}

// ----- the binary against stand-in CUPS clients ------------------------------------------

/// A folder with `lpstat`, `lpoptions` and `lp` scripts that answer like CUPS with the
/// printers `Office` and `PDF` (default), and log their arguments to `calls.log`.
#[cfg(unix)]
fn fake_cups(dir: &Path, lp_fails: bool) {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("calls.log");
    let script = |name: &str, body: &str| {
        let p = dir.join(name);
        std::fs::write(
            &p,
            format!(
                "#!/bin/sh\nPATH='{}':/usr/bin:/bin\nprintf '%s ' {name} \"$@\" >> '{}'\necho >> '{}'\n{body}\n",
                dir.display(),
                log.display(),
                log.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    };
    script(
        "lpstat",
        r#"case "$1" in
  -e) printf 'Office\nPDF\n' ;;
  -d) echo 'system default destination: PDF' ;;
  -p) echo 'printer Office is idle.  enabled since Thu 03 Dec 2026'; echo 'printer PDF is idle.  enabled since Thu 03 Dec 2026' ;;
esac"#,
    );
    script(
        "lpoptions",
        "echo 'Duplex/2-Sided Printing: *None DuplexNoTumble'",
    );
    if lp_fails {
        script(
            "lp",
            "echo 'lp: The printer or class is not accepting jobs.' >&2; exit 1",
        );
    } else {
        script(
            "lp",
            r#"last=""; for a in "$@"; do last="$a"; done; cp "$last" "$(dirname "$0")/printed.pdf"; echo "request id is PDF-42 (1 file(s))""#,
        );
    }
}

#[cfg(unix)]
fn nianbao_with_path(args: &[&str], dir: &Path, path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .expect("run nianbao")
}

#[cfg(unix)]
#[test]
fn print_and_printers_run_lp_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    fake_cups(&bin, false);
    let r = balanced(t21(), 2025);
    draft::save(&r, &dir.path().join("a.nianbao")).unwrap();

    let o = nianbao_with_path(&["printers"], dir.path(), &bin);
    assert!(o.status.success(), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("PDF\t（默认）\t空闲"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Office\t空闲")), "{out}");

    let o = nianbao_with_path(
        &[
            "print",
            "a.nianbao",
            "--printer",
            "Office",
            "--copies",
            "2",
            "--pages",
            "1-2",
            "--two-sided",
        ],
        dir.path(),
        &bin,
    );
    assert!(o.status.success(), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("任务号 PDF-42"), "{out}");
    let log = std::fs::read_to_string(bin.join("calls.log")).unwrap();
    let lp = log.lines().find(|l| l.starts_with("lp ")).expect("lp ran");
    assert!(
        lp.starts_with("lp -d Office -n 2 -o collate=true -P 1-2 -o sides=two-sided-long-edge -t "),
        "{lp}"
    );
    // What reached the printer is the report's PDF.
    let pdf = std::fs::read(bin.join("printed.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));

    // A printer that does not exist, and a range past the end, are refused before lp.
    std::fs::remove_file(bin.join("calls.log")).unwrap();
    let o = nianbao_with_path(
        &["print", "a.nianbao", "--printer", "Nope"],
        dir.path(),
        &bin,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有名为“Nope”的打印机"));
    let o = nianbao_with_path(&["print", "a.nianbao", "--pages", "1-99"], dir.path(), &bin);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("超出"), "{o:?}");
    let log = std::fs::read_to_string(bin.join("calls.log")).unwrap_or_default();
    assert!(!log.lines().any(|l| l.starts_with("lp ")), "{log}");
}

#[cfg(unix)]
#[test]
fn a_refused_job_and_a_missing_print_system_exit_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    fake_cups(&bin, true);
    let mut r = balanced(t21(), 2025);
    r.publish_date = None;
    draft::save(&r, &dir.path().join("a.nianbao")).unwrap();
    let o = nianbao_with_path(&["print", "a.nianbao"], dir.path(), &bin);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("打印服务拒绝了任务") && err.contains("not accepting"),
        "{err}"
    );
    // Warned as `export` warns.
    assert!(err.contains("没有成文日期"), "{err}");

    // No CUPS clients at all.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for args in [&["printers"][..], &["print", "a.nianbao"][..]] {
        let o = nianbao_with_path(args, dir.path(), &empty);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("未找到打印服务"),
            "{o:?}"
        );
    }
}
