//! `nianbao paragraph`: the statistics paragraph of 一、总体情况, as 插入统计段落 writes it.

use std::process::ExitCode;

use anyhow::Result;

use super::ParagraphArgs;
use crate::model::last_year::LastYear;
use crate::model::statistics;

pub(super) fn run(a: ParagraphArgs) -> Result<ExitCode> {
    let read = |p: &std::path::Path| {
        crate::check::load(p)
            .map(|l| l.report)
            .map_err(anyhow::Error::msg)
    };
    let r = read(&a.draft)?;
    let given = a.previous.as_deref().map(read).transpose()?;
    let last = given.as_ref().or(r.previous.as_deref());
    // Another year's or agency's report is not compared: said, and the paragraph is
    // written without the changes.
    if let Some(Err(why)) = last.map(|l| LastYear::of(&r, l)) {
        eprintln!("{}", why.message());
    }
    match statistics::paragraph(&r, last) {
        Ok(p) => {
            println!("{p}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::from(1))
        }
    }
}
