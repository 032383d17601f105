//! `nianbao rollover`: this year's draft from last year's.

use std::process::ExitCode;

use anyhow::Result;

use super::{RolloverArgs, refuse_overwrite};
use crate::model::draft;
use crate::validate;

pub(super) fn run(a: RolloverArgs) -> Result<ExitCode> {
    let last = draft::load(&a.last)?;
    let r = crate::rollover::rollover(&last);
    refuse_overwrite(&a.output)?;
    draft::save(&r, &a.output)?;
    let stale = validate::validate(&r, None)
        .into_iter()
        .filter(|d| r.template.rules_named(d.rule).any(|x| x.about_years()))
        .count();
    println!(
        "已生成 {} 年度草稿 {}（{}）；沿用的文字中有 {stale} 处年份需要核对",
        r.year,
        a.output.display(),
        r.template.name
    );
    Ok(ExitCode::SUCCESS)
}
