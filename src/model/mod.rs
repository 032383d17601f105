//! The report being drafted: metadata, section texts and table cells, shaped by a template.

pub mod draft;
pub mod last_year;
pub mod provenance;
pub mod sample;
pub mod statistics;
pub mod value;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::template::{self, CellId, Check, Template, Term};
pub use provenance::{Origin, Provenance};
pub use value::Cell;

/// Structured fields the standard header paragraph is generated from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HeaderFields {
    /// Where the electronic version can be downloaded, e.g. `某某局门户网站“政府信息公开”专栏`.
    pub download: String,
    pub address: String,
    pub postcode: String,
    pub phone: String,
}

/// A warning the drafter checked and found right (已核实), with the reason. It names the
/// warning by what stays put while the report is edited — the rule and the cells, sections,
/// field and quoted text it concerns, by template ids — so it survives saving and applies
/// only while that same warning is raised. Never printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// Rule id, e.g. `S8`.
    pub rule: String,
    /// Cells as `table/row/column` ids.
    pub cells: Vec<String>,
    /// Section ids.
    pub sections: Vec<String>,
    /// A report field (`publish_date`, `header_text` …), or empty.
    pub field: String,
    /// The text a warning about wording quotes (e.g. a stale year as written), or empty.
    pub quote: String,
    /// The warning's message when it was marked (shown if it has changed since).
    pub message: String,
    /// Why the warning is right as it stands, e.g. `本年度确无收费`.
    pub reason: String,
}

impl Review {
    /// Whether both name the same warning (reasons and messages aside).
    pub fn same_warning(&self, o: &Review) -> bool {
        self.rule == o.rule
            && self.cells == o.cells
            && self.sections == o.sections
            && self.field == o.field
            && self.quote == o.quote
    }
}

/// One year's report of one agency.
#[derive(Debug, Clone)]
pub struct Report {
    pub template: &'static Template,
    /// 发布机关.
    pub agency: String,
    /// Id of one of the template's agency kinds (decides the publication deadline).
    pub agency_kind: String,
    pub year: i32,
    /// 成文/发布日期.
    pub publish_date: Option<NaiveDate>,
    pub header: HeaderFields,
    /// The header paragraph as printed (generated from `header`, then freely edited).
    pub header_text: String,
    /// Text of every section, by section index (table sections hold their own note text
    /// in `notes` and leave this empty).
    pub texts: Vec<String>,
    /// Free note under each table, by table index.
    pub notes: Vec<String>,
    /// Every data cell, by [`CellId`].
    pub cells: Vec<Cell>,
    /// Last year's report, kept for the continuity checks after a rollover.
    pub previous: Option<Box<Report>>,
    /// Warnings marked 已核实 (see [`crate::validate::review`]).
    pub reviews: Vec<Review>,
    /// Where each imported cell's value came from, by [`CellId`]; `None` for cells typed,
    /// edited or confirmed by the user.
    pub provenance: Vec<Option<Provenance>>,
    /// The statistics sentences as last written into the text (插入/更新统计段落): a
    /// sentence still found there word for word is the program's to rewrite; one the user
    /// has edited is theirs ([`statistics`]).
    pub statistics: Vec<String>,
}

impl Report {
    /// An empty report of `template`.
    pub fn new(template: &'static Template, agency: &str, year: i32) -> Report {
        Report {
            template,
            agency: agency.to_string(),
            agency_kind: template
                .agency_kinds
                .first()
                .map(|k| k.id.clone())
                .unwrap_or_default(),
            year,
            publish_date: None,
            header: HeaderFields::default(),
            header_text: String::new(),
            texts: vec![String::new(); template.sections.len()],
            notes: vec![String::new(); template.tables.len()],
            cells: vec![Cell::Empty; template.cells.len()],
            previous: None,
            reviews: Vec::new(),
            provenance: vec![None; template.cells.len()],
            statistics: Vec::new(),
        }
    }

    /// An empty report in the format that applies to `year`.
    pub fn for_year(agency: &str, year: i32) -> Report {
        let mut r = Report::new(template::for_year(year), agency, year);
        r.header_text = r.generated_header();
        r
    }

    pub fn cell(&self, id: CellId) -> &Cell {
        &self.cells[id.index()]
    }

    /// Sets a cell from typed text (invalid text is kept as typed).
    pub fn set_input(&mut self, id: CellId, raw: &str) {
        let kind = &self.template.cells[id.index()].kind;
        self.cells[id.index()] = Cell::from_input(raw, kind);
    }

    /// Text of the section with this id (empty for unknown ids).
    pub fn text(&self, section_id: &str) -> &str {
        self.template
            .section_index(section_id)
            .map(|i| self.texts[i].as_str())
            .unwrap_or("")
    }

    /// The printed title, e.g. `某某局2025年政府信息公开工作年度报告`.
    pub fn title(&self) -> String {
        self.template
            .title
            .replace("{agency}", &self.agency)
            .replace("{year}", &self.year.to_string())
    }

    /// The standard header paragraph for the current fields.
    pub fn generated_header(&self) -> String {
        let h = &self.header;
        let agency = if self.agency.is_empty() {
            "本机关"
        } else {
            &self.agency
        };
        let contact = if h.address.is_empty() && h.phone.is_empty() && h.postcode.is_empty() {
            String::new()
        } else {
            self.template
                .header
                .contact
                .replace("{agency}", agency)
                .replace("{address}", &h.address)
                .replace("{postcode}", &h.postcode)
                .replace("{phone}", &h.phone)
        };
        let download = if h.download.is_empty() {
            self.template
                .header
                .default_download
                .replace("{agency}", agency)
        } else {
            h.download.clone()
        };
        self.template
            .header
            .wording
            .replace("{agency}", agency)
            .replace("{year}", &self.year.to_string())
            .replace("{download}", &download)
            .replace("{contact}", &contact)
    }

    /// Recomputes every derived cell (总计 column, （七）总计, 复议/诉讼 总计) from its inputs.
    ///
    /// A derived cell whose inputs are all empty keeps what it holds: a published report
    /// may print only the totals, and that figure must not be lost. Invalid inputs count
    /// as 0 (the validator reports them at their own cell).
    pub fn recompute_derived(&mut self) {
        self.recompute(None);
    }

    /// Sets a cell from typed text and recomputes the totals. A total whose inputs the
    /// user has just emptied becomes empty again, since it was computed from them. What
    /// the user typed is theirs: the cell's import mark goes.
    pub fn edit_cell(&mut self, id: CellId, raw: &str) {
        self.set_input(id, raw);
        self.provenance[id.index()] = None;
        self.recompute(Some(id));
    }

    /// Where the cell's value came from, if it was imported and not edited or confirmed.
    pub fn origin(&self, id: CellId) -> Option<&Provenance> {
        self.provenance[id.index()].as_ref()
    }

    /// Marks how the import arrived at a cell's value.
    pub fn set_origin(&mut self, id: CellId, p: Provenance) {
        self.provenance[id.index()] = Some(p);
    }

    /// Whether the import left the cell unread or guessed and the user has not confirmed it.
    pub fn is_doubtful(&self, id: CellId) -> bool {
        self.origin(id).is_some_and(|p| p.from.doubtful())
    }

    /// The user confirms the cells as they stand (确认): their import marks go.
    pub fn confirm(&mut self, cells: impl IntoIterator<Item = CellId>) {
        for c in cells {
            self.provenance[c.index()] = None;
        }
    }

    /// Cells of a table the import left unread or guessed, in template order.
    pub fn doubtful_cells(&self, table: usize) -> Vec<CellId> {
        self.template
            .table_cells(table)
            .filter(|c| self.is_doubtful(*c))
            .collect()
    }

    fn recompute(&mut self, edited: Option<CellId>) {
        // Derived cells that depend, directly or through another total, on `edited`.
        let mut touched: Vec<CellId> = edited.into_iter().collect();
        // Derived equations are ordered in the template so one pass settles them; a second
        // pass is a cheap guard against a template that orders them otherwise.
        for _ in 0..2 {
            for rule in &self.template.rules {
                let Check::Equation(eq) = &rule.check else {
                    continue;
                };
                if !eq.derive {
                    continue;
                }
                for inst in &eq.instances {
                    let [Term::This(target)] = inst.lhs.as_slice() else {
                        continue;
                    };
                    let mut any = false;
                    let mut depends = false;
                    let mut sum = 0i64;
                    for t in &inst.rhs {
                        let c = self.cell(t.cell());
                        any |= !c.is_empty();
                        depends |= touched.contains(&t.cell());
                        sum += c.int().unwrap_or(0);
                    }
                    if any {
                        self.cells[target.index()] = Cell::Int(sum);
                    } else if depends {
                        self.cells[target.index()] = Cell::Empty;
                    }
                    // A total recomputed from the user's edit is no longer the import's.
                    if depends {
                        self.provenance[target.index()] = None;
                    }
                    if depends && !touched.contains(target) {
                        touched.push(*target);
                    }
                }
            }
        }
    }

    /// Whether `id` is computed from other cells.
    pub fn is_derived(&self, id: CellId) -> bool {
        self.template.derived[id.index()]
    }
}

impl PartialEq for Report {
    fn eq(&self, o: &Report) -> bool {
        // Templates are compiled once and shared, so identity is equality.
        std::ptr::eq(self.template, o.template)
            && self.agency == o.agency
            && self.agency_kind == o.agency_kind
            && self.year == o.year
            && self.publish_date == o.publish_date
            && self.header == o.header
            && self.header_text == o.header_text
            && self.texts == o.texts
            && self.notes == o.notes
            && self.cells == o.cells
            && self.previous == o.previous
            && self.reviews == o.reviews
            && self.provenance == o.provenance
            && self.statistics == o.statistics
    }
}
