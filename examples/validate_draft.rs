//! Using nianbao as a library: load a saved draft, check it against its format's rules and
//! print what a reviewer would see: `cargo run --example validate_draft -- DRAFT.nianbao`.

use nianbao::model::draft;
use nianbao::validate;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: validate_draft DRAFT"))?;
    let report = draft::load(std::path::Path::new(&path))?;
    println!(
        "{}（{}年，{}）",
        report.agency, report.year, report.template.name
    );
    let diagnostics = validate::validate(&report, None);
    for d in &diagnostics {
        let kind = if d.is_error() { "错误" } else { "提醒" };
        println!("[{kind} {}] {}", d.rule, d.message);
    }
    if validate::has_errors(&diagnostics) {
        std::process::exit(1);
    }
    Ok(())
}
