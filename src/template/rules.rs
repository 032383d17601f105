//! Rules compiled from their RON description into cell ids and section indexes.

use regex::Regex;

use super::def::{CellRefDef, CheckDef, EachDef, RuleDef, SeverityDef, TermDef};
use super::{CellId, Severity, Template};

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub check: Check,
    /// Listed in the review after a rollover.
    pub after_rollover: bool,
}

impl Rule {
    /// Whether the rule finds last year's years left in the texts or the date.
    pub fn about_years(&self) -> bool {
        matches!(self.check, Check::StaleYear { .. } | Check::PublishDate)
    }
}

#[derive(Debug)]
pub enum Check {
    Equation(Equation),
    TextLength {
        section: usize,
        max_chars: usize,
    },
    TextEmpty {
        section: usize,
        message: String,
    },
    TextMentions {
        section: usize,
        any_of: Vec<String>,
        message: String,
    },
    TextCovers {
        section: usize,
        groups: Vec<(String, Vec<String>)>,
        message: String,
    },
    CellsNeedText {
        cells: Vec<CellId>,
        section: usize,
        any_of: Vec<String>,
        message: String,
    },
    Share {
        part: Vec<CellId>,
        whole: CellId,
        max_percent: u32,
        message: String,
    },
    NarrativeNumber {
        sections: Vec<usize>,
        pattern: Regex,
        cells: Vec<CellId>,
        topic: String,
        not_after: Vec<String>,
    },
    ShareInText {
        sections: Vec<usize>,
        pattern: Regex,
        wholes: Vec<(String, Vec<CellId>)>,
    },
    ChangeInText {
        sections: Vec<usize>,
        pattern: Regex,
        cells: Vec<CellId>,
        topic: String,
    },
    NarrativeNone {
        sections: Vec<usize>,
        none_pattern: Regex,
        cells: Vec<CellId>,
        topic: String,
    },
    SimilarToPrevious {
        section: usize,
        max_percent: u32,
    },
    EmptyCells {
        table: usize,
    },
    AmountAbove {
        cell: CellId,
        max: u64,
        message: String,
    },
    ChangeFromPrevious {
        tables: Vec<usize>,
        ratio: u32,
        at_least: u64,
        drop_from: u64,
        amount_hint: String,
    },
    StatisticsStale,
    StaleYear {
        sections: Vec<usize>,
    },
    PublishDate,
    PublishDateMissing {
        message: String,
    },
}

/// Σ lhs = Σ rhs, expanded over rows or columns into concrete cell instances.
#[derive(Debug)]
pub struct Equation {
    pub table: usize,
    pub instances: Vec<Instance>,
    /// lhs is a single cell computed from rhs.
    pub derive: bool,
    /// Instances run over columns (terms name rows) rather than over rows.
    pub over_columns: bool,
    pub explain: String,
}

/// Σ of each side of an equation instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sums {
    pub lhs: i64,
    pub rhs: i64,
    /// Whether any cell of the side holds a number (not all are empty).
    pub lhs_any: bool,
    pub rhs_any: bool,
}

impl Equation {
    /// Sums both sides of `inst`: the one arithmetic of the equations, for the validator,
    /// rollover and the editor's balance row. `value` gives a term's number, `Some(None)`
    /// for an empty cell, or `None` for one that cannot be summed, and then the instance
    /// cannot be either.
    pub fn eval(
        &self,
        inst: &Instance,
        mut value: impl FnMut(Term) -> Option<Option<i64>>,
    ) -> Option<Sums> {
        let mut side = |terms: &[Term]| {
            terms.iter().try_fold((0, false), |(sum, any), t| {
                Some(match value(*t)? {
                    Some(n) => (sum + n, true),
                    None => (sum, any),
                })
            })
        };
        let (rhs, rhs_any) = side(&inst.rhs)?;
        let (lhs, lhs_any) = side(&inst.lhs)?;
        Some(Sums {
            lhs,
            rhs,
            lhs_any,
            rhs_any,
        })
    }
}

#[derive(Debug)]
pub struct Instance {
    /// Label of the row or column this instance is about (empty for a single unlabelled row).
    pub label: String,
    pub lhs: Vec<Term>,
    pub rhs: Vec<Term>,
}

/// A cell of this year's report or of last year's (addressed in this template's ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    This(CellId),
    Prev(CellId),
}

impl Term {
    pub fn cell(self) -> CellId {
        match self {
            Term::This(c) | Term::Prev(c) => c,
        }
    }
}

pub(super) fn compile(t: &Template, r: &RuleDef) -> Result<Rule, String> {
    let x = Resolve { t, rule: &r.id };
    if r.severity == SeverityDef::Unverified {
        return Err(x.err("severity Unverified is the validator's, not a rule's".into()));
    }
    Ok(Rule {
        id: r.id.clone(),
        severity: r.severity,
        check: compile_check(&x, &r.check)?,
        after_rollover: r.after_rollover,
    })
}

/// Ids of a rule's description resolved against its template, errors naming the rule.
struct Resolve<'a> {
    t: &'a Template,
    rule: &'a str,
}

impl Resolve<'_> {
    fn err(&self, m: String) -> String {
        format!("rule {}: {m}", self.rule)
    }

    fn section(&self, id: &str) -> Result<usize, String> {
        self.t
            .section_index(id)
            .ok_or_else(|| self.err(format!("unknown section {id}")))
    }

    fn sections(&self, ids: &[String]) -> Result<Vec<usize>, String> {
        ids.iter().map(|s| self.section(s)).collect()
    }

    fn cell(&self, c: &CellRefDef) -> Result<CellId, String> {
        self.t
            .cell_id(&c.0, &c.1, &c.2)
            .ok_or_else(|| self.err(format!("unknown cell {}/{}/{}", c.0, c.1, c.2)))
    }

    fn cells(&self, cs: &[CellRefDef]) -> Result<Vec<CellId>, String> {
        cs.iter().map(|c| self.cell(c)).collect()
    }

    fn regex(&self, p: &str) -> Result<Regex, String> {
        Regex::new(p).map_err(|e| self.err(format!("bad pattern: {e}")))
    }
}

fn compile_check(x: &Resolve, c: &CheckDef) -> Result<Check, String> {
    Ok(match c {
        CheckDef::Equation {
            table,
            each,
            lhs,
            rhs,
            derive,
            explain,
        } => {
            let eq = compile_equation(x.t, table, each, lhs, rhs, *derive, explain)
                .map_err(|m| x.err(m))?;
            Check::Equation(eq)
        }
        CheckDef::PublishDate => Check::PublishDate,
        CheckDef::StatisticsStale => Check::StatisticsStale,
        CheckDef::PublishDateMissing { message } => Check::PublishDateMissing {
            message: message.clone(),
        },
        CheckDef::TextLength { .. }
        | CheckDef::TextEmpty { .. }
        | CheckDef::TextMentions { .. }
        | CheckDef::TextCovers { .. }
        | CheckDef::SimilarToPrevious { .. }
        | CheckDef::StaleYear { .. } => text_check(x, c)?,
        _ => cell_check(x, c)?,
    })
}

/// The checks of the texts alone.
fn text_check(x: &Resolve, c: &CheckDef) -> Result<Check, String> {
    Ok(match c {
        CheckDef::TextLength {
            section: s,
            max_chars,
        } => Check::TextLength {
            section: x.section(s)?,
            max_chars: *max_chars,
        },
        CheckDef::TextEmpty {
            section: s,
            message,
        } => Check::TextEmpty {
            section: x.section(s)?,
            message: message.clone(),
        },
        CheckDef::TextMentions {
            section: s,
            any_of,
            message,
        } => Check::TextMentions {
            section: x.section(s)?,
            any_of: any_of.clone(),
            message: message.clone(),
        },
        CheckDef::TextCovers {
            section: s,
            groups,
            message,
        } => Check::TextCovers {
            section: x.section(s)?,
            groups: groups.clone(),
            message: message.clone(),
        },
        CheckDef::SimilarToPrevious {
            section: s,
            max_percent,
        } => Check::SimilarToPrevious {
            section: x.section(s)?,
            max_percent: *max_percent,
        },
        CheckDef::StaleYear { sections: ss } => Check::StaleYear {
            sections: x.sections(ss)?,
        },
        _ => unreachable!("not a text check"),
    })
}

/// The checks that read table cells.
fn cell_check(x: &Resolve, c: &CheckDef) -> Result<Check, String> {
    Ok(match c {
        CheckDef::CellsNeedText {
            cells: cs,
            section: s,
            any_of,
            message,
        } => Check::CellsNeedText {
            cells: x.cells(cs)?,
            section: x.section(s)?,
            any_of: any_of.clone(),
            message: message.clone(),
        },
        CheckDef::Share {
            part,
            whole,
            max_percent,
            message,
        } => Check::Share {
            part: x.cells(part)?,
            whole: x.cell(whole)?,
            max_percent: *max_percent,
            message: message.clone(),
        },
        CheckDef::NarrativeNumber {
            sections: ss,
            pattern,
            cells: cs,
            topic,
            not_after,
        } => {
            let pattern = x.regex(pattern)?;
            if pattern.captures_len() < 2 {
                return Err(x.err("pattern needs a group around the number".into()));
            }
            Check::NarrativeNumber {
                sections: x.sections(ss)?,
                pattern,
                cells: x.cells(cs)?,
                topic: topic.clone(),
                not_after: not_after.clone(),
            }
        }
        CheckDef::NarrativeNone {
            sections: ss,
            none_pattern,
            cells: cs,
            topic,
        } => Check::NarrativeNone {
            sections: x.sections(ss)?,
            none_pattern: x.regex(none_pattern)?,
            cells: x.cells(cs)?,
            topic: topic.clone(),
        },
        CheckDef::EmptyCells { table } => Check::EmptyCells {
            table: x
                .t
                .table_index(table)
                .ok_or_else(|| x.err(format!("unknown table {table}")))?,
        },
        CheckDef::AmountAbove {
            cell: c,
            max,
            message,
        } => Check::AmountAbove {
            cell: x.cell(c)?,
            max: *max,
            message: message.clone(),
        },
        CheckDef::ShareInText {
            sections: ss,
            pattern,
            wholes,
        } => {
            let pattern = x.regex(pattern)?;
            if pattern.captures_len() < 3 {
                return Err(x.err("pattern needs groups around the count and the share".into()));
            }
            Check::ShareInText {
                sections: x.sections(ss)?,
                pattern,
                wholes: wholes
                    .iter()
                    .map(|(name, cs)| Ok((name.clone(), x.cells(cs)?)))
                    .collect::<Result<_, String>>()?,
            }
        }
        CheckDef::ChangeInText {
            sections: ss,
            pattern,
            cells: cs,
            topic,
        } => {
            let pattern = x.regex(pattern)?;
            if pattern.captures_len() < 4 {
                return Err(x.err(
                    "pattern needs groups around the count, the direction and the change".into(),
                ));
            }
            Check::ChangeInText {
                sections: x.sections(ss)?,
                pattern,
                cells: x.cells(cs)?,
                topic: topic.clone(),
            }
        }
        CheckDef::ChangeFromPrevious {
            tables,
            ratio,
            at_least,
            drop_from,
            amount_hint,
        } => Check::ChangeFromPrevious {
            tables: tables
                .iter()
                .map(|t| {
                    x.t.table_index(t)
                        .ok_or_else(|| x.err(format!("unknown table {t}")))
                })
                .collect::<Result<_, _>>()?,
            ratio: (*ratio).max(2),
            at_least: *at_least,
            drop_from: *drop_from,
            amount_hint: amount_hint.clone(),
        },
        _ => unreachable!("not a cell check"),
    })
}

fn compile_equation(
    t: &Template,
    table: &str,
    each: &EachDef,
    lhs: &[TermDef],
    rhs: &[TermDef],
    derive: bool,
    explain: &str,
) -> Result<Equation, String> {
    let ti = t
        .table_index(table)
        .ok_or_else(|| format!("unknown table {table}"))?;
    let tab = &t.tables[ti];
    let term_id = |d: &TermDef| match d {
        TermDef::This(s) | TermDef::Prev(s) => s.clone(),
    };
    let make = |d: &TermDef, c: CellId| match d {
        TermDef::This(_) => Term::This(c),
        TermDef::Prev(_) => Term::Prev(c),
    };
    if derive && !(lhs.len() == 1 && matches!(lhs[0], TermDef::This(_))) {
        return Err("a derived equation needs exactly one This(..) term on the left".into());
    }
    let mut instances = Vec::new();
    match each {
        EachDef::Columns(cols) => {
            // Terms name rows; all must share one block, whose columns we iterate.
            let first = term_id(&lhs[0]);
            let row = tab
                .rows
                .iter()
                .find(|r| r.id == first)
                .ok_or_else(|| format!("unknown row {first}"))?;
            let block = &tab.blocks[row.block];
            for col in &block.columns {
                if cols.as_ref().is_some_and(|cs| !cs.contains(&col.id)) {
                    continue;
                }
                let side = |terms: &[TermDef]| {
                    terms
                        .iter()
                        .map(|d| {
                            let rid = term_id(d);
                            t.cell_id(table, &rid, &col.id)
                                .map(|c| make(d, c))
                                .ok_or_else(|| format!("unknown cell {table}/{rid}/{}", col.id))
                        })
                        .collect::<Result<Vec<_>, _>>()
                };
                instances.push(Instance {
                    label: col.label.clone(),
                    lhs: side(lhs)?,
                    rhs: side(rhs)?,
                });
            }
            if let Some(cs) = cols {
                for c in cs {
                    if !block.columns.iter().any(|k| &k.id == c) {
                        return Err(format!("unknown column {c}"));
                    }
                }
            }
        }
        EachDef::Rows(rows) => {
            let ids: Vec<&str> = match rows {
                Some(rs) => rs.iter().map(String::as_str).collect(),
                None => tab.rows.iter().map(|r| r.id.as_str()).collect(),
            };
            for rid in ids {
                let row = tab
                    .rows
                    .iter()
                    .find(|r| r.id == rid)
                    .ok_or_else(|| format!("unknown row {rid}"))?;
                let side = |terms: &[TermDef]| {
                    terms
                        .iter()
                        .map(|d| {
                            let cid = term_id(d);
                            t.cell_id(table, rid, &cid)
                                .map(|c| make(d, c))
                                .ok_or_else(|| format!("unknown cell {table}/{rid}/{cid}"))
                        })
                        .collect::<Result<Vec<_>, _>>()
                };
                instances.push(Instance {
                    label: row.short.clone(),
                    lhs: side(lhs)?,
                    rhs: side(rhs)?,
                });
            }
        }
    }
    Ok(Equation {
        table: ti,
        instances,
        derive,
        over_columns: matches!(each, EachDef::Columns(_)),
        explain: explain.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eval_sums_each_side_and_refuses_what_cannot_be_summed() {
        let eq = Equation {
            table: 0,
            instances: Vec::new(),
            derive: false,
            over_columns: true,
            explain: String::new(),
        };
        let c = |i| Term::This(CellId(i));
        let inst = Instance {
            label: String::new(),
            lhs: vec![c(0)],
            rhs: vec![c(1), c(2)],
        };
        let values = [Some(Some(5)), Some(Some(2)), Some(None)];
        let s = eq.eval(&inst, |t| values[t.cell().index()]);
        let sums = Sums {
            lhs: 5,
            rhs: 2,
            lhs_any: true,
            rhs_any: true,
        };
        assert_eq!(s, Some(sums));
        let empty = eq.eval(&inst, |_| Some(None)).unwrap();
        assert!(!empty.lhs_any && !empty.rhs_any);
        assert_eq!(eq.eval(&inst, |t| (t != c(2)).then_some(Some(1))), None);
    }
}
