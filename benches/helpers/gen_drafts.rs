//! Writes N varied, fully filled drafts into a folder, for timing batch validation:
//! `cargo run --release --example gen_drafts -- DIR N`.

use nianbao::model::{draft, sample};
use nianbao::template;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "drafts".into()));
    let n: usize = args.next().map_or(Ok(10_000), |s| s.parse())?;
    std::fs::create_dir_all(&dir)?;
    let t = template::get("gov-info-annual-2021").expect("template");
    let base = sample::filled(t, 2025);
    for i in 0..n {
        let mut r = base.clone();
        r.agency = format!("某某县第{i}局");
        // Vary one input so that some drafts fail H1, as a real folder would.
        if i % 10 == 0 {
            let c = t.cell_id("t3", "o1", "natural").expect("cell");
            r.edit_cell(c, &(i % 97).to_string());
        }
        draft::save(&r, &dir.join(format!("{i:05}.ron")))?;
    }
    println!("wrote {n} drafts to {}", dir.display());
    Ok(())
}
