//! nianbao: draft, check and print the yearly 政府信息公开工作年度报告.
//!
//! Dependencies run one way:
//!
//! ```text
//! template (data) → model ← validate
//!                     ↑        ↑
//!   export · import · rollover · cli
//! ```
//!
//! * [`template`] — the official formats, loaded from `templates/*.ron`.
//! * [`model`] — the report being drafted, its cell values and the draft files.
//! * [`validate`] — the 勾稽 rules and soft warnings, as a pure function.
//! * [`rollover`] — this year's report from last year's.
//! * [`export`] — text, JSON and PDF output.
//! * [`import`] — a published report's text to a draft.
//! * [`platform`] — the Windows console and the documents folder.
//! * [`print`] — printing through CUPS (`lp`), or the PDF viewer where there is none.
//! * [`check`] — many reports checked at once, their workbook and their sum.
//! * [`cli`] — the command line.
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
