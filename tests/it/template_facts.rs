//! Facts of the template stay in `templates/*.ron`: no rule id written again in `src/`
//! outside `src/template/` (tests and comments may name them).

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("template") {
                sources(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("tests.rs") {
            out.push(p);
        }
    }
}

/// The code of a file: comments and unit-test modules left out.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start() == "#[cfg(test)]" {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        out.push_str(code);
        out.push('\n');
    }
    out
}

#[test]
fn no_rule_id_is_written_in_the_code() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut ids: Vec<String> = nianbao::template::all()
        .iter()
        .flat_map(|t| t.rules.iter().map(|r| r.id.clone()))
        .collect();
    ids.extend(
        nianbao::template::all()
            .iter()
            .map(|t| t.cell_kind_rule.clone()),
    );
    ids.sort();
    ids.dedup();
    let mut found = Vec::new();
    for f in &files {
        let code = code(f);
        for id in &ids {
            if code.contains(&format!("\"{id}\"")) {
                found.push(format!("{} names {id}", f.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
