//! Writes the folder of 1,000 reports of mixed forms that `benches/check.rs` reads, for
//! timing `nianbao check` on the release binary: `cargo run --example mixed_folder -- DIR`.

#[path = "../common/mixed.rs"]
mod mixed;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/batch-mixed".into()),
    );
    let n = mixed::write(&dir)?;
    println!("wrote {n} reports to {}", dir.display());
    Ok(())
}
