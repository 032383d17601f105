//! Printing on Windows: the spooler's printers, and a job drawn page by page with GDI from
//! the layout the PDF and the preview are made of.
//!
//! Why GDI and not the PDF: Windows has no system-wide PDF printing (a viewer's print verb
//! depends on which viewer an office installed and opens its own dialogs), while every
//! printer driver takes GDI. The rules go to the same positions, and every character as
//! its outline from the PDF's own face at the position the layout gave it (see
//! [`super::spool`] for why outlines rather than GDI text), so the sheet is the preview's
//! page. The arithmetic is in `spool`, tested everywhere; this file only calls Win32.

use std::path::Path;
use std::ptr::{null, null_mut};

use windows_sys::Win32::Foundation::POINT;
use windows_sys::Win32::Graphics::Gdi::{
    BeginPath, CloseFigure, CreateDCW, CreatePen, CreateSolidBrush, DEVMODEW, DM_COLLATE,
    DM_COPIES, DM_DUPLEX, DM_IN_BUFFER, DM_OUT_BUFFER, DMCOLLATE_TRUE, DMDUP_SIMPLEX,
    DMDUP_VERTICAL, DeleteDC, DeleteObject, EndPath, FillPath, GetDeviceCaps, HDC, LOGPIXELSX,
    LOGPIXELSY, LineTo, MoveToEx, PHYSICALOFFSETX, PHYSICALOFFSETY, PS_SOLID, PolyBezierTo,
    SelectObject, SetPolyFillMode, WINDING,
};
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, DocumentPropertiesW, EnumPrintersW, GetDefaultPrinterW, OpenPrinterW,
    PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_2W,
    PRINTER_STATUS_ERROR, PRINTER_STATUS_OFFLINE, PRINTER_STATUS_PAUSED, PRINTER_STATUS_PRINTING,
};
use windows_sys::Win32::Storage::Xps::{
    AbortDoc, DC_COPIES, DC_DUPLEX, DOCINFOW, DeviceCapabilitiesW, EndDoc, EndPage, StartDocW,
    StartPage,
};
use windows_sys::Win32::UI::Shell::ShellExecuteW;
use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;

use super::spool::{DeviceMap, PathOp, run_outlines};
use super::{Job, PrinterInfo, PrinterState, Printout, Sides};
use crate::export::pdf::fonts::{FontSet, Metrics, Role};
use crate::export::pdf::layout::{self, Page, Run};
use crate::platform::windows::{from_wide, wide};

/// The last Win32 error as the system words it.
fn last_error() -> String {
    std::io::Error::last_os_error().to_string()
}

fn default_printer() -> Option<String> {
    let mut len = 0u32;
    // SAFETY: the first call only asks for the length, the second fills a buffer of it.
    unsafe {
        GetDefaultPrinterW(null_mut(), &mut len);
        if len == 0 {
            return None;
        }
        let mut buf = vec![0u16; len as usize];
        if GetDefaultPrinterW(buf.as_mut_ptr(), &mut len) == 0 {
            return None;
        }
        Some(from_wide(buf.as_ptr()).to_string_lossy().into_owned())
    }
}

/// The spooler's printers, the default first; `None` when none is installed (printing then
/// opens the PDF in the default viewer).
pub fn printers() -> Option<Vec<PrinterInfo>> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut count) = (0u32, 0u32);
    // SAFETY: sized by the first call; u64 elements keep PRINTER_INFO_2W aligned.
    let infos = unsafe {
        EnumPrintersW(flags, null(), 2, null_mut(), 0, &mut needed, &mut count);
        if needed == 0 {
            return None;
        }
        let mut buf = vec![0u64; (needed as usize).div_ceil(8)];
        let ok = EnumPrintersW(
            flags,
            null(),
            2,
            buf.as_mut_ptr().cast(),
            needed,
            &mut needed,
            &mut count,
        );
        if ok == 0 {
            return None;
        }
        let infos =
            std::slice::from_raw_parts(buf.as_ptr().cast::<PRINTER_INFO_2W>(), count as usize);
        infos
            .iter()
            .map(|i| {
                (
                    from_wide(i.pPrinterName).to_string_lossy().into_owned(),
                    i.Status,
                )
            })
            .collect::<Vec<_>>()
    };
    let default = default_printer();
    let mut out: Vec<PrinterInfo> = infos
        .into_iter()
        .map(|(name, status)| PrinterInfo {
            is_default: default.as_deref() == Some(name.as_str()),
            state: Some(state(status)),
            name,
        })
        .collect();
    out.sort_by_key(|p| !p.is_default);
    (!out.is_empty()).then_some(out)
}

fn state(status: u32) -> PrinterState {
    if status & (PRINTER_STATUS_PAUSED | PRINTER_STATUS_OFFLINE | PRINTER_STATUS_ERROR) != 0 {
        PrinterState::Disabled
    } else if status & PRINTER_STATUS_PRINTING != 0 {
        PrinterState::Printing
    } else {
        PrinterState::Idle
    }
}

/// Whether the driver prints on both sides.
pub fn duplex(printer: &str) -> bool {
    let name = wide(printer);
    // SAFETY: a query without an output buffer.
    unsafe { DeviceCapabilitiesW(name.as_ptr(), null(), DC_DUPLEX, null_mut(), null()) == 1 }
}

/// Opens `file` with its associated program (the PDF viewer), without a console window.
pub fn open(file: &Path) -> std::io::Result<()> {
    let path = wide(&file.to_string_lossy());
    let verb = wide("open");
    // SAFETY: plain shell call; the result is a small error code when ≤ 32.
    let r = unsafe {
        ShellExecuteW(
            null_mut(),
            verb.as_ptr(),
            path.as_ptr(),
            null(),
            null(),
            SW_SHOWNORMAL,
        )
    };
    if r as usize > 32 {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "没有与 PDF 关联的程序（代码 {}）",
            r as usize
        )))
    }
}

/// The printer's settings for this job: copies (collated), sides. `None` when the driver
/// gives none; the job then prints with its defaults.
fn devmode(name: &[u16], job: &Job, copies_by_driver: bool) -> Option<Vec<u64>> {
    let mut h = PRINTER_HANDLE::default();
    // SAFETY: buffers are sized by DocumentPropertiesW's first answer, u64-aligned; the
    // printer handle is closed on every path.
    unsafe {
        if OpenPrinterW(name.as_ptr(), &mut h, null()) == 0 {
            return None;
        }
        let size = DocumentPropertiesW(null_mut(), h, name.as_ptr(), null_mut(), null(), 0);
        let words = (size.max(0) as usize).div_ceil(8);
        let mut current = vec![0u64; words];
        let mut merged = vec![0u64; words];
        let got = size > 0
            && DocumentPropertiesW(
                null_mut(),
                h,
                name.as_ptr(),
                current.as_mut_ptr().cast(),
                null(),
                DM_OUT_BUFFER,
            ) >= 0;
        if got {
            let dm = &mut *current.as_mut_ptr().cast::<DEVMODEW>();
            if copies_by_driver {
                dm.Anonymous1.Anonymous1.dmCopies = job.copies.min(i16::MAX as u32) as i16;
                dm.dmCollate = DMCOLLATE_TRUE;
                dm.dmFields |= DM_COPIES | DM_COLLATE;
            }
            match job.sides {
                Sides::PrinterDefault => {}
                Sides::OneSided => {
                    dm.dmDuplex = DMDUP_SIMPLEX;
                    dm.dmFields |= DM_DUPLEX;
                }
                Sides::TwoSidedLongEdge => {
                    dm.dmDuplex = DMDUP_VERTICAL;
                    dm.dmFields |= DM_DUPLEX;
                }
            }
        }
        // The driver checks the changes against what it can do.
        let ok = got
            && DocumentPropertiesW(
                null_mut(),
                h,
                name.as_ptr(),
                merged.as_mut_ptr().cast(),
                current.as_ptr().cast(),
                DM_IN_BUFFER | DM_OUT_BUFFER,
            ) >= 0;
        ClosePrinter(h);
        ok.then_some(merged)
    }
}

/// Prints `out`'s pages as `job`; the spooler's job id.
pub fn submit(out: &Printout, job: &Job) -> Result<Option<String>, String> {
    let name = job
        .printer
        .clone()
        .or_else(default_printer)
        .ok_or("没有默认打印机：请选择打印机")?;
    let wname = wide(&name);
    // SAFETY: a query without an output buffer.
    let max_copies =
        unsafe { DeviceCapabilitiesW(wname.as_ptr(), null(), DC_COPIES, null_mut(), null()) };
    let copies_by_driver = job.copies <= 1 || max_copies >= job.copies as i32;
    let dm = devmode(&wname, job, copies_by_driver);
    let spooler = wide("WINSPOOL");
    // SAFETY: the DEVMODE buffer outlives the call; the DC is deleted by `Gdi::drop`.
    let dc = unsafe {
        CreateDCW(
            spooler.as_ptr(),
            wname.as_ptr(),
            null(),
            dm.as_ref()
                .map_or(null(), |d| d.as_ptr().cast::<DEVMODEW>()),
        )
    };
    if dc.is_null() {
        return Err(format!("无法连接打印机“{name}”：{}", last_error()));
    }
    let mut gdi = Gdi::new(dc, out.fonts)?;
    let pages = selected_pages(out.pages, job);
    let repeats = if copies_by_driver { 1 } else { job.copies };
    let title = if job.title.is_empty() {
        out.pages.title.clone()
    } else {
        job.title.clone()
    };
    let id = gdi.document(&title, out.pages, &pages, repeats)?;
    Ok(Some(id.to_string()))
}

/// Indexes of the pages the job asks for.
fn selected_pages(doc: &layout::Document, job: &Job) -> Vec<usize> {
    let n = doc.pages.len();
    match &job.pages {
        None => (0..n).collect(),
        Some(r) => {
            r.0.iter()
                .flat_map(|&(a, b)| (a as usize - 1)..(b as usize).min(n))
                .collect()
        }
    }
}

/// A printer DC and the job's faces.
struct Gdi<'a> {
    dc: HDC,
    map: DeviceMap,
    metrics: Metrics<'a>,
}

impl<'a> Gdi<'a> {
    fn new(dc: HDC, set: &'a FontSet) -> Result<Gdi<'a>, String> {
        // SAFETY: `dc` is a valid printer DC.
        let cap = |i: u32| unsafe { GetDeviceCaps(dc, i as i32) } as f32;
        let map = DeviceMap {
            dpi_x: cap(LOGPIXELSX).max(1.0),
            dpi_y: cap(LOGPIXELSY).max(1.0),
            offset_x: cap(PHYSICALOFFSETX),
            offset_y: cap(PHYSICALOFFSETY),
        };
        Ok(Gdi {
            dc,
            map,
            metrics: Metrics::new(set)?,
        })
    }

    /// Fills `ops` with `colour` (0x00BBGGRR) by the non-zero rule, as fonts are filled.
    fn fill(&self, ops: &[PathOp], colour: u32) {
        if ops.is_empty() {
            return;
        }
        let dc = self.dc;
        // SAFETY: path calls on a page of an open document; the brush is deselected and
        // deleted before returning.
        unsafe {
            BeginPath(dc);
            for op in ops {
                match *op {
                    PathOp::Move(x, y) => {
                        MoveToEx(dc, x, y, null_mut());
                    }
                    PathOp::Line(x, y) => {
                        LineTo(dc, x, y);
                    }
                    PathOp::Cubic(p) => {
                        let pts = p.map(|(x, y)| POINT { x, y });
                        PolyBezierTo(dc, pts.as_ptr(), 3);
                    }
                    PathOp::Close => {
                        CloseFigure(dc);
                    }
                }
            }
            EndPath(dc);
            SetPolyFillMode(dc, WINDING);
            let brush = CreateSolidBrush(colour);
            let old = SelectObject(dc, brush);
            FillPath(dc);
            SelectObject(dc, old);
            DeleteObject(brush);
        }
    }

    /// Spools the pages `pages` of `doc`, `repeats` times in order; the job id.
    fn document(
        &mut self,
        title: &str,
        doc: &layout::Document,
        pages: &[usize],
        repeats: u32,
    ) -> Result<i32, String> {
        let name = wide(title);
        let info = DOCINFOW {
            cbSize: std::mem::size_of::<DOCINFOW>() as i32,
            lpszDocName: name.as_ptr(),
            ..Default::default()
        };
        // SAFETY: `info` and `name` live through the call.
        let id = unsafe { StartDocW(self.dc, &info) };
        if id <= 0 {
            return Err(format!("打印机拒绝了任务：{}", last_error()));
        }
        for _ in 0..repeats {
            for &i in pages {
                // SAFETY: between StartDocW and EndDoc on this DC.
                let started = unsafe { StartPage(self.dc) } > 0;
                if started {
                    self.page(&doc.pages[i], doc.watermark);
                }
                let ok = started && unsafe { EndPage(self.dc) } > 0;
                if !ok {
                    let why = last_error();
                    unsafe { AbortDoc(self.dc) };
                    return Err(format!("打印第 {} 页时出错，任务已取消：{why}", i + 1));
                }
            }
        }
        // SAFETY: closes the document started above.
        if unsafe { EndDoc(self.dc) } <= 0 {
            return Err(format!("打印任务未能完成：{}", last_error()));
        }
        Ok(id)
    }

    fn page(&mut self, page: &Page, watermark: bool) {
        let (dc, map) = (self.dc, self.map);
        // SAFETY: drawing calls on a page of an open document; the pen is deselected and
        // deleted before returning.
        unsafe {
            let pen = CreatePen(PS_SOLID, map.pen(RULE_PT), 0);
            let old = SelectObject(dc, pen);
            for r in &page.rules {
                MoveToEx(dc, map.x(r.x1), map.y(r.y1), null_mut());
                LineTo(dc, map.x(r.x2), map.y(r.y2));
            }
            SelectObject(dc, old);
            DeleteObject(pen);
        }
        for run in &page.runs {
            let ops = run_outlines(run, &self.metrics, &map, 0.0);
            self.fill(&ops, 0);
        }
        if watermark {
            // As the PDF sets it: 56 pt, light grey, 45° up from (150, 230) pt above the
            // page's foot.
            let run = Run {
                role: Role::Heading,
                size: 56.0,
                x: 150.0,
                baseline: layout::PAGE_H - 230.0,
                spacing: 0.0,
                text: crate::export::pdf::WATERMARK.into(),
                origin: None,
            };
            let ops = run_outlines(&run, &self.metrics, &map, 45.0);
            self.fill(&ops, 0x00BF_BFBF);
        }
    }
}

/// Thickness of the table rules, as the PDF draws them.
const RULE_PT: f32 = 0.6;

impl Drop for Gdi<'_> {
    fn drop(&mut self) {
        // SAFETY: the DC was created for this job and nothing draws on it any more.
        unsafe {
            DeleteDC(self.dc);
        }
    }
}
