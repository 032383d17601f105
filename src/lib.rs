//! nianbao: draft, check and print the yearly 政府信息公开工作年度报告.
//!
//! Dependencies run one way, downwards (`docs/ARCHITECTURE.md` follows the data through
//! them):
//!
//! ```text
//!             cli        ui          (each uses any module below it)
//!                ╲      ╱
//!                 check
//!                ╱     ╲
//!           import     export       print      rollover
//!                ╲      │                         │
//!                 validate                        │
//!                    │                            │
//!                  model ─────────────────────────┘
//!                    │
//!             template (data)
//! ```
//!
//! * [`template`] — the official formats, loaded from `templates/*.ron`.
//! * [`model`] — the report being drafted, its cell values and the draft files; last
//!   year's report matched to it, and the statistics paragraph written from its tables.
//! * [`validate`] — the 勾稽 rules and soft warnings, as a pure function.
//! * [`rollover`] — this year's report from last year's.
//! * [`export`] — text, JSON, PDF (with its page layout and page checks), Word and web page.
//! * [`import`] — a published report (Word, web page, PDF, a scan read by OCR, text) to a
//!   draft.
//! * [`platform`] — the Windows console, the documents folder, locked-file errors.
//! * [`print`] — printing through CUPS (`lp`) or the Windows spooler (GDI, from the page
//!   layout), or the PDF viewer where there is neither.
//! * [`check`] — many reports checked at once, their workbook, their sum and 审核意见.
//! * [`cli`] — the command line: its words and one file per command.
//! * [`ui`] — the desktop application.

pub mod check;
pub mod cli;
pub mod export;
pub mod import;
pub mod model;
pub mod platform;
pub mod print;
pub mod rollover;
pub mod template;
pub mod ui;
pub mod validate;
