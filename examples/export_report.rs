//! Using nianbao as a library: import a published report (Word, web page, PDF or text) and
//! write it as a PDF and as text, with the notes of what the import could not read:
//! `cargo run --example export_report -- REPORT OUT_STEM`.

use nianbao::export::{pdf, text};
use nianbao::import;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(stem)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: export_report REPORT OUT_STEM");
    };
    let imported = import::import_bytes(&std::fs::read(&input)?)?;
    for note in &imported.notes {
        eprintln!("{note}");
    }
    let r = &imported.report;
    std::fs::write(format!("{stem}.txt"), text::to_text(r, Default::default()))?;
    std::fs::write(
        format!("{stem}.pdf"),
        pdf::export(r, &pdf::PdfOptions::default())?,
    )?;
    println!("{}{}年：{stem}.pdf、{stem}.txt", r.agency, r.year);
    Ok(())
}
