//! Facts of the template stay in `templates/*.ron`: no rule id, cell id or label written
//! again in `src/` outside `src/template/` (tests and comments may name them, and a few
//! user-facing sentences may name a row).

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

/// String literals of a piece of code (escapes kept as written).
fn literals(code: &str) -> Vec<String> {
    let re = regex::Regex::new(r#""((?:[^"\\]|\\.)*)""#).unwrap();
    re.captures_iter(code).map(|c| c[1].to_string()).collect()
}

#[test]
fn no_cell_id_or_label_is_written_in_the_code() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut ids = Vec::new();
    let mut labels = Vec::new();
    for t in nianbao::template::all() {
        for s in &t.sections {
            ids.push(s.id.clone());
            labels.push(s.title.clone());
        }
        for tb in &t.tables {
            ids.push(tb.id.clone());
            for r in &tb.rows {
                ids.push(r.id.clone());
                labels.extend([r.label.clone(), r.short.clone()]);
            }
            for b in &tb.blocks {
                labels.extend(b.def.title.clone());
                for c in &b.columns {
                    ids.push(c.id.clone());
                    labels.extend([c.label.clone(), c.short.clone()]);
                }
            }
        }
        for k in &t.key_figures {
            ids.push(k.id.clone());
            labels.push(k.title.clone());
        }
    }
    ids.retain(|i| !i.is_empty());
    // Short labels (总计, 其他) are ordinary words.
    labels.retain(|l| l.chars().count() >= 4);
    let mut found = Vec::new();
    let mut sentences = Vec::new();
    for f in &files {
        for lit in literals(&code(f)) {
            if ids.contains(&lit) {
                found.push(format!("{} names id {lit}", f.display()));
            }
            if let Some(l) = labels.iter().find(|l| lit.contains(l.as_str())) {
                // A sentence for the user may name a row ("表格中的“上年结转”等已按上年数据填好").
                if ["。", "“", "："].iter().any(|p| lit.contains(p)) && lit != *l {
                    sentences.push(format!("{}: {lit}", f.display()));
                } else {
                    found.push(format!("{} names label {l}", f.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    assert!(sentences.len() <= 4, "{sentences:#?}");
}

#[test]
fn every_format_lists_the_same_key_figures() {
    let ids = |t: &nianbao::template::Template| -> Vec<String> {
        t.key_figures.iter().map(|k| k.id.clone()).collect()
    };
    let all = nianbao::template::all();
    for t in all {
        assert_eq!(ids(t), ids(all[0]), "{}", t.id);
    }
    // The JSON keys of `check --format json` that users' scripts read.
    assert_eq!(
        ids(all[0]),
        [
            "new_requests",
            "carried_in",
            "handled",
            "carried_out",
            "review",
            "litigation",
            "fees"
        ]
    );
}
