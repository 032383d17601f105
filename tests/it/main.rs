//! The integration tests, one binary: every file here is a module of it, so the GUI stack
//! is linked once rather than once per file (a fraction of the disk and link time).
//! Run one file's tests with `cargo test --test it drafts::`.

mod check;
mod cli;
mod common;
mod docx_export;
mod drafts;
mod expected;
mod html_export;
mod import;
mod import_accuracy;
mod import_docx;
mod import_html;
mod import_pdf;
mod import_scan;
mod infographic;
mod opinion;
mod packaging;
mod pdf_export;
mod print_cups;
mod print_preview;
mod provenance;
mod published_fixtures;
mod reliability_autosave;
mod reliability_disk;
mod reliability_input;
mod reliability_kill;
mod reviews;
mod rollover;
mod rules_props;
mod statistics;
mod template_facts;
mod ui_app;
mod ui_batch;
mod ui_export;
mod ui_files;
mod ui_import;
mod ui_last_year;
mod ui_review;
mod years;
