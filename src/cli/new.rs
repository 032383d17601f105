//! `nianbao new`: a blank draft.

use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{NewArgs, refuse_overwrite};
use crate::model::{Report, draft};
use crate::template;

pub(super) fn run(a: NewArgs) -> Result<ExitCode> {
    let t = match a.template.as_deref() {
        None => template::for_year(a.year),
        Some(id) => template::all()
            .iter()
            .find(|t| t.id == id || t.id.ends_with(&format!("-{id}")))
            .with_context(|| format!("未知的报告格式“{id}”（可用：2021、2019）"))?,
    };
    let mut r = Report::new(t, &a.agency, a.year);
    r.header_text = r.generated_header();
    refuse_overwrite(&a.output)?;
    draft::save(&r, &a.output)?;
    println!("已创建 {}（{}）", a.output.display(), t.name);
    Ok(ExitCode::SUCCESS)
}
