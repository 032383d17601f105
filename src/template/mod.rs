//! Report formats as data.
//!
//! Each `templates/*.ron` file describes one official format: its six sections, the
//! structure of its tables (header trees, row groups, cell kinds) and its rules. The files
//! are embedded in the binary and compiled once into [`Template`], which gives every data
//! cell a dense [`CellId`] so that the model and the validator work on plain vectors.
//!
//! This module and `templates/` are the only places that know any row or column label.

pub mod def;
pub mod layout;
mod rules;

use std::collections::HashMap;
use std::sync::OnceLock;

use def::{BlockDef, ColNode, RowNode, SectionBody, TemplateDef};
pub use def::{CellKind, SeverityDef as Severity};
pub use rules::{Check, Equation, Instance, Rule, Sums, Term};

/// Embedded template sources, newest first, each file named by its template's id. Adding a
/// format means adding a line here.
const SOURCES: &[(&str, &str)] = &[
    (
        "gov-info-annual-2021.ron",
        include_str!("../../templates/gov-info-annual-2021.ron"),
    ),
    (
        "gov-info-annual-2019.ron",
        include_str!("../../templates/gov-info-annual-2019.ron"),
    ),
];

/// Cells by table id, row id and column id.
type CellIndex = HashMap<String, HashMap<String, HashMap<String, CellId>>>;

/// Dense index of a data cell within its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId(pub u16);

impl CellId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A compiled report format.
#[derive(Debug)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub basis: String,
    /// Title pattern with `{agency}` and `{year}`.
    pub title: String,
    pub first_year: i32,
    pub last_year: Option<i32>,
    pub successor: Option<String>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    pub cells: Vec<CellInfo>,
    pub agency_kinds: Vec<def::AgencyKindDef>,
    pub header: def::HeaderDef,
    /// Rule id of the built-in check that every cell holds a value of its kind.
    pub cell_kind_rule: String,
    pub rules: Vec<Rule>,
    /// The figures summaries show, in order; the same ids in every format.
    pub key_figures: Vec<KeyFigure>,
    /// Derived cells (targets of `derive` equations).
    pub derived: Vec<bool>,
    /// The statistics paragraph's wording, if the format has one.
    pub statistics: Option<Statistics>,
    /// The 图解's layout, its figures checked against `statistics`.
    pub infographic: Option<def::InfographicDef>,
    index: CellIndex,
}

/// The statistics paragraph of a format ([`def::StatisticsDef`]), its cells resolved.
#[derive(Debug)]
pub struct Statistics {
    pub section: usize,
    pub figures: Vec<(String, Vec<CellId>)>,
    pub sentences: Vec<def::SentenceDef>,
}

impl Statistics {
    pub fn figure(&self, id: &str) -> Option<&[CellId]> {
        self.figures
            .iter()
            .find(|(f, _)| f == id)
            .map(|(_, c)| c.as_slice())
    }
}

/// The placeholders of a statistics sentence: (figure, what of it) for `{id}`,
/// `{id:change}`, `{id:share:other}`; `{year}` is ("year", "").
pub fn placeholders(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + text[from..].find('{')?;
        let close = open + text[open..].find('}')?;
        from = close + 1;
        Some((open..close + 1, &text[open + 1..close]))
    })
}

/// A figure summaries show: the sum of its cells (none where the format lacks it).
#[derive(Debug)]
pub struct KeyFigure {
    pub id: String,
    pub title: String,
    pub short: String,
    pub unit: Option<String>,
    pub cells: Vec<CellId>,
}

#[derive(Debug)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub guidance: String,
    /// Words every printing of the heading holds.
    pub marker: String,
    /// Pattern of the heading's words as printed, variants included.
    pub heading: String,
    /// Text of the example report, if the section has its own.
    pub example: Option<String>,
    /// Index into [`Template::tables`] for table sections.
    pub table: Option<usize>,
}

#[derive(Debug)]
pub struct Table {
    pub id: String,
    pub short: String,
    /// Words of the table's labels that identify it on a web page.
    pub words: Vec<String>,
    /// Section index this table belongs to.
    pub section: usize,
    pub blocks: Vec<Block>,
    /// All data rows of the table across blocks, in order.
    pub rows: Vec<Row>,
    /// Physical data columns (the widest block).
    pub width: usize,
    /// Columns taken by row labels (depth of the deepest row tree; 0 when rows are unlabelled).
    pub label_cols: usize,
    /// Cells of this table are `first_cell .. first_cell + cell_count`.
    pub first_cell: usize,
    pub cell_count: usize,
}

#[derive(Debug)]
pub struct Block {
    pub def: BlockDef,
    pub columns: Vec<Column>,
    /// Range into [`Table::rows`].
    pub rows: std::ops::Range<usize>,
    /// Header rows needed by the column tree.
    pub header_depth: usize,
}

#[derive(Debug)]
pub struct Column {
    pub id: String,
    pub label: String,
    /// Label used in messages: the leaf label, prefixed by its group where the leaf label
    /// alone is ambiguous within the block (table 四 has three 总计).
    pub short: String,
    pub kind: CellKind,
    pub span: usize,
}

#[derive(Debug)]
pub struct Row {
    pub id: String,
    pub label: String,
    /// Label used in messages (short form of long labels).
    pub short: String,
    pub block: usize,
}

/// Where a data cell sits.
#[derive(Debug)]
pub struct CellInfo {
    pub table: usize,
    pub block: usize,
    /// Row index within the table.
    pub row: usize,
    /// Column index within the block.
    pub col: usize,
    pub kind: CellKind,
}

/// Why a template file could not be used (a developer error, reported at startup and in tests).
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("template {file}: {source}")]
    Parse {
        file: String,
        #[source]
        source: Box<ron::error::SpannedError>,
    },
    #[error("template {template}: {message}")]
    Invalid { template: String, message: String },
}

/// All embedded templates, each compiled once.
pub fn all() -> &'static [&'static Template] {
    static ALL: OnceLock<Vec<&'static Template>> = OnceLock::new();
    ALL.get_or_init(|| (0..SOURCES.len()).map(nth).collect())
}

/// The template with this id. Only that one is compiled (a few milliseconds each, which
/// a command on one draft would otherwise pay for every format).
pub fn get(id: &str) -> Option<&'static Template> {
    SOURCES
        .iter()
        .position(|(file, _)| file.strip_suffix(".ron") == Some(id))
        .map(nth)
}

/// Template `i` of [`SOURCES`], compiled on first use.
fn nth(i: usize) -> &'static Template {
    static PARSED: [OnceLock<Template>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];
    PARSED[i].get_or_init(|| {
        let (file, src) = SOURCES[i];
        Template::parse(file, src).unwrap_or_else(|e| panic!("{e}"))
    })
}

impl Block {
    /// The labels of the block's row groups (e.g. `（三）不予公开`), outer first.
    pub fn row_group_labels(&self) -> Vec<&str> {
        fn walk<'a>(rows: &'a [RowNode], out: &mut Vec<&'a str>) {
            for r in rows {
                if let RowNode::Group {
                    label, children, ..
                } = r
                {
                    out.push(label);
                    walk(children, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.def.rows, &mut out);
        out
    }

    /// Every label the block prints besides its rows' own: its title, the corner cell,
    /// the header tree (groups and columns) and the row groups.
    pub fn printed_labels(&self) -> Vec<&str> {
        fn walk<'a>(cols: &'a [ColNode], out: &mut Vec<&'a str>) {
            for c in cols {
                match c {
                    ColNode::Group { label, children } => {
                        out.push(label);
                        walk(children, out);
                    }
                    ColNode::Col { label, .. } => out.push(label),
                }
            }
        }
        let mut out: Vec<&str> = self.def.title.iter().map(String::as_str).collect();
        out.push(&self.def.corner);
        walk(&self.def.columns, &mut out);
        out.extend(self.row_group_labels());
        out
    }
}

/// A section title without its numeral: `一、总体情况` → `总体情况`.
fn title_body(title: &str) -> &str {
    title.split_once('、').map_or(title, |(_, b)| b)
}

/// The template that applies to reports of this year (the newest one whose range covers it).
pub fn for_year(year: i32) -> &'static Template {
    let all = all();
    all.iter()
        .find(|t| year >= t.first_year && t.last_year.is_none_or(|l| year <= l))
        .unwrap_or(&all[all.len() - 1])
}

impl Template {
    /// The rules with this id (a rule id may name several checks, e.g. S14).
    pub fn rules_named<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.iter().filter(move |r| r.id == id)
    }

    /// Parses and compiles one template file.
    pub fn parse(file: &str, src: &str) -> Result<Template, TemplateError> {
        let def: TemplateDef = ron::from_str(src).map_err(|source| TemplateError::Parse {
            file: file.to_string(),
            source: Box::new(source),
        })?;
        Self::compile(def)
    }

    fn compile(def: TemplateDef) -> Result<Template, TemplateError> {
        let invalid = |message: String| TemplateError::Invalid {
            template: def.id.clone(),
            message,
        };
        let mut sections = Vec::new();
        let mut tables = Vec::new();
        let mut cells = Vec::new();
        let mut index = HashMap::new();
        for (si, s) in def.sections.iter().enumerate() {
            let table = match &s.body {
                SectionBody::Text => None,
                SectionBody::Table(tid) => {
                    let tdef = def.tables.iter().find(|t| &t.id == tid).ok_or_else(|| {
                        invalid(format!("section {} names unknown table {tid}", s.id))
                    })?;
                    let t = compile_table(tdef, si, tables.len(), &mut cells, &mut index)
                        .map_err(&invalid)?;
                    tables.push(t);
                    Some(tables.len() - 1)
                }
            };
            let body = title_body(&s.title);
            sections.push(Section {
                id: s.id.clone(),
                title: s.title.clone(),
                guidance: s.guidance.clone(),
                marker: s.marker.clone().unwrap_or_else(|| body.to_string()),
                heading: s.heading.clone().unwrap_or_else(|| regex::escape(body)),
                example: s.example.clone(),
                table,
            });
        }
        if cells.len() > u16::MAX as usize {
            return Err(invalid("too many cells".into()));
        }
        let mut t = Template {
            id: def.id.clone(),
            name: def.name.clone(),
            basis: def.basis.clone(),
            title: def.title.clone(),
            first_year: def.first_year,
            last_year: def.last_year,
            successor: def.successor.clone(),
            sections,
            tables,
            derived: vec![false; cells.len()],
            cells,
            agency_kinds: def.agency_kinds.clone(),
            header: def.header.clone(),
            cell_kind_rule: def.cell_kind_rule.clone(),
            rules: Vec::new(),
            key_figures: Vec::new(),
            statistics: None,
            infographic: None,
            index,
        };
        for k in &def.key_figures {
            let cells = k
                .cells
                .iter()
                .map(|c| {
                    t.cell_id(&c.0, &c.1, &c.2).ok_or_else(|| {
                        invalid(format!("key figure {} names unknown cell {c:?}", k.id))
                    })
                })
                .collect::<Result<_, _>>()?;
            t.key_figures.push(KeyFigure {
                id: k.id.clone(),
                title: k.title.clone(),
                short: k.short.clone(),
                unit: k.unit.clone(),
                cells,
            });
        }
        if let Some(st) = &def.statistics {
            t.statistics = Some(compile_statistics(&t, st).map_err(invalid)?);
        }
        if let Some(g) = &def.infographic {
            check_infographic(t.statistics.as_ref(), g).map_err(invalid)?;
            t.infographic = Some(g.clone());
        }
        let rules = def
            .rules
            .iter()
            .map(|r| rules::compile(&t, r))
            .collect::<Result<Vec<_>, _>>()
            .map_err(invalid)?;
        for r in &rules {
            if let Check::Equation(eq) = &r.check
                && eq.derive
            {
                for inst in &eq.instances {
                    if let [Term::This(c)] = inst.lhs.as_slice() {
                        t.derived[c.index()] = true;
                    }
                }
            }
        }
        t.rules = rules;
        Ok(t)
    }

    /// The cell at (table id, row id, column id).
    pub fn cell_id(&self, table: &str, row: &str, col: &str) -> Option<CellId> {
        // Nested maps look up by `&str` without allocating: loading a draft does this for
        // every cell, and batch validation loads thousands of drafts.
        self.index.get(table)?.get(row)?.get(col).copied()
    }

    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    pub fn table_index(&self, id: &str) -> Option<usize> {
        self.tables.iter().position(|t| t.id == id)
    }

    pub fn table_section(&self, table: usize) -> &Section {
        &self.sections[self.tables[table].section]
    }

    /// The ids (table, row, column) of a cell.
    pub fn cell_ids(&self, id: CellId) -> (&str, &str, &str) {
        let c = &self.cells[id.index()];
        let t = &self.tables[c.table];
        let row = &t.rows[c.row];
        let col = &t.blocks[c.block].columns[c.col];
        (&t.id, &row.id, &col.id)
    }

    pub fn row(&self, id: CellId) -> &Row {
        let c = &self.cells[id.index()];
        &self.tables[c.table].rows[c.row]
    }

    pub fn column(&self, id: CellId) -> &Column {
        let c = &self.cells[id.index()];
        &self.tables[c.table].blocks[c.block].columns[c.col]
    }

    /// Label of a cell for messages, e.g. `三（七）总计·自然人` or `四·行政复议总计`.
    pub fn cell_label(&self, id: CellId) -> String {
        let c = &self.cells[id.index()];
        let t = &self.tables[c.table];
        let row = &t.rows[c.row];
        let col = &t.blocks[c.block].columns[c.col];
        let mut s = t.short.clone();
        if !row.short.is_empty() {
            if !row.short.starts_with('（') {
                s.push('·');
            }
            s.push_str(&row.short);
        }
        if row.short.is_empty() || t.blocks[c.block].columns.len() > 1 {
            s.push('·');
            s.push_str(&col.short);
        }
        s
    }

    /// Data cells of table `table` in row order, then column order.
    pub fn table_cells(&self, table: usize) -> impl Iterator<Item = CellId> + '_ {
        let t = &self.tables[table];
        (t.first_cell..t.first_cell + t.cell_count).map(|i| CellId(i as u16))
    }

    /// The cell at row `row` (table-wide index) and column `col` (within the row's block).
    pub fn cell_at(&self, table: usize, row: usize, col: usize) -> Option<CellId> {
        let t = &self.tables[table];
        let r = t.rows.get(row)?;
        let b = &t.blocks[r.block];
        if col >= b.columns.len() {
            return None;
        }
        let before: usize = t.rows[..row]
            .iter()
            .map(|r| t.blocks[r.block].columns.len())
            .sum();
        Some(CellId((t.first_cell + before + col) as u16))
    }

    /// Deadline (month, day) for an agency kind id.
    pub fn deadline(&self, agency_kind: &str) -> Option<(u32, u32)> {
        self.agency_kinds
            .iter()
            .find(|k| k.id == agency_kind)
            .map(|k| k.deadline)
    }

    /// Kind of an agency, guessed from the ending of its name; the first kind (the most
    /// common) when no ending matches.
    pub fn guess_agency_kind(&self, agency: &str) -> String {
        self.agency_kinds
            .iter()
            .find(|k| k.name_endings.iter().any(|e| agency.ends_with(e.as_str())))
            .or(self.agency_kinds.first())
            .map(|k| k.id.clone())
            .unwrap_or_default()
    }

    /// Whether this format applies to reports of `year`.
    pub fn covers_year(&self, year: i32) -> bool {
        year >= self.first_year && self.last_year.is_none_or(|l| year <= l)
    }
}

fn compile_table(
    def: &def::TableDef,
    section: usize,
    table: usize,
    cells: &mut Vec<CellInfo>,
    index: &mut CellIndex,
) -> Result<Table, String> {
    let first_cell = cells.len();
    let mut rows = Vec::new();
    let mut blocks = Vec::new();
    let mut width = 0;
    let mut label_cols = 0;
    for (bi, b) in def.blocks.iter().enumerate() {
        let mut columns = Vec::new();
        let header_depth = collect_cols(&b.columns, "", &mut columns);
        for i in 0..columns.len() {
            let dup = columns
                .iter()
                .filter(|c| c.label == columns[i].label)
                .count()
                > 1;
            if !dup {
                columns[i].short = columns[i].label.clone();
            }
        }
        let w: usize = columns.iter().map(|c| c.span).sum();
        if bi > 0 && w != width {
            return Err(format!(
                "table {}: block {bi} is {w} columns wide, the first is {width}",
                def.id
            ));
        }
        width = w;
        let start = rows.len();
        let mut leaves = Vec::new();
        let depth = collect_rows(&b.rows, &mut leaves);
        let labelled = leaves.iter().any(|(_, l, _)| !l.is_empty());
        if labelled {
            label_cols = label_cols.max(depth);
        }
        for (id, label, short) in leaves {
            if rows.iter().any(|r: &Row| r.id == id) {
                return Err(format!("table {}: duplicate row id {id}", def.id));
            }
            let row = rows.len();
            for (ci, c) in columns.iter().enumerate() {
                let slot = index
                    .entry(def.id.clone())
                    .or_default()
                    .entry(id.clone())
                    .or_default();
                if slot
                    .insert(c.id.clone(), CellId(cells.len() as u16))
                    .is_some()
                {
                    return Err(format!("table {}: duplicate cell {id}/{}", def.id, c.id));
                }
                cells.push(CellInfo {
                    table,
                    block: bi,
                    row,
                    col: ci,
                    kind: c.kind.clone(),
                });
            }
            rows.push(Row {
                id,
                short: short.unwrap_or_else(|| label.clone()),
                label,
                block: bi,
            });
        }
        blocks.push(Block {
            def: b.clone(),
            columns,
            rows: start..rows.len(),
            header_depth,
        });
    }
    Ok(Table {
        id: def.id.clone(),
        short: def.short.clone(),
        words: def.words.clone(),
        section,
        blocks,
        rows,
        width,
        label_cols,
        first_cell,
        cell_count: cells.len() - first_cell,
    })
}

/// Collects leaf columns; returns the depth of the tree.
fn collect_cols(nodes: &[ColNode], parent: &str, out: &mut Vec<Column>) -> usize {
    let mut depth = 0;
    for n in nodes {
        let d = match n {
            ColNode::Group { label, children } => 1 + collect_cols(children, label, out),
            ColNode::Col {
                id,
                label,
                kind,
                span,
            } => {
                out.push(Column {
                    id: id.clone(),
                    label: label.clone(),
                    short: if parent.is_empty() {
                        label.clone()
                    } else {
                        format!("{parent}{label}")
                    },
                    kind: kind.clone(),
                    span: *span,
                });
                1
            }
        };
        depth = depth.max(d);
    }
    depth
}

type RowLeaf = (String, String, Option<String>);

/// Collects leaf rows; returns the depth of the tree.
fn collect_rows(nodes: &[RowNode], out: &mut Vec<RowLeaf>) -> usize {
    let mut depth = 0;
    for n in nodes {
        let d = match n {
            RowNode::Group { children, .. } => 1 + collect_rows(children, out),
            RowNode::Row { id, label, short } => {
                out.push((id.clone(), label.clone(), short.clone()));
                1
            }
        };
        depth = depth.max(d);
    }
    depth
}

/// Resolves the statistics paragraph's cells and checks every placeholder names a figure.
/// Every figure the 图解 draws is a statistics figure.
fn check_infographic(st: Option<&Statistics>, g: &def::InfographicDef) -> Result<(), String> {
    use def::GraphicPartDef as Part;
    let st = st.ok_or("infographic: the format has no statistics figures")?;
    let known = |id: &str| {
        st.figure(id)
            .map(|_| ())
            .ok_or_else(|| format!("infographic: unknown figure {id}"))
    };
    for part in g.blocks.iter().flat_map(|b| &b.parts) {
        let figures: Vec<&def::GraphicFigureDef> = match part {
            Part::Figures(f) => f.iter().collect(),
            Part::Flow { into, out } => into.iter().chain(out).collect(),
            Part::Bars { whole, items, .. } => {
                known(whole)?;
                items.iter().collect()
            }
        };
        for f in figures {
            known(&f.figure)?;
        }
    }
    Ok(())
}

fn compile_statistics(t: &Template, st: &def::StatisticsDef) -> Result<Statistics, String> {
    let section = t
        .section_index(&st.section)
        .ok_or_else(|| format!("statistics: unknown section {}", st.section))?;
    let mut figures = Vec::new();
    for (id, cells) in &st.figures {
        let cells = cells
            .iter()
            .map(|c| {
                t.cell_id(&c.0, &c.1, &c.2)
                    .ok_or_else(|| format!("statistics: figure {id} names unknown cell {c:?}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        figures.push((id.clone(), cells));
    }
    let out = Statistics {
        section,
        figures,
        sentences: st.sentences.clone(),
    };
    for s in &out.sentences {
        let texts = std::iter::once(&s.text).chain(&s.otherwise);
        let names = texts.flat_map(|x| placeholders(x).map(|(_, p)| p.to_string()));
        for p in names.chain(s.when.clone()) {
            let mut parts = p.split(':');
            let fig = parts.next().unwrap_or_default();
            let known = |f: &str| f == "year" || out.figure(f).is_some();
            let ok = known(fig)
                && match (parts.next(), parts.next()) {
                    (None, _) | (Some("change"), None) => true,
                    (Some("share"), Some(whole)) => known(whole),
                    _ => false,
                };
            if !ok {
                return Err(format!("statistics: unknown placeholder {{{p}}}"));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_template_parses_and_its_rules_resolve() {
        // `all()` panics on a template whose rules name missing cells.
        assert_eq!(all().len(), SOURCES.len());
        for t in all() {
            assert_eq!(t.sections.len(), 6, "{}", t.id);
            assert_eq!(t.tables.len(), 3, "{}", t.id);
            assert!(t.rules.iter().any(|r| r.id == "H1"), "{}", t.id);
            // `get` finds a template by its file's name.
            assert!(std::ptr::eq(get(&t.id).unwrap(), *t));
        }
    }

    #[test]
    fn cell_counts_match_the_spec() {
        let t21 = get("gov-info-annual-2021").unwrap();
        let t19 = get("gov-info-annual-2019").unwrap();
        let counts = |t: &Template| t.tables.iter().map(|t| t.cell_count).collect::<Vec<_>>();
        assert_eq!(counts(t21), vec![10, 175, 15]);
        assert_eq!(counts(t19), vec![22, 161, 15]);
    }

    #[test]
    fn a_rule_naming_a_missing_row_is_rejected() {
        let src = SOURCES[0].1.replacen("This(\"r4\")", "This(\"r9\")", 1);
        let err = Template::parse("x.ron", &src).unwrap_err().to_string();
        assert!(err.contains("r9"), "{err}");
    }

    #[test]
    fn year_picks_the_format() {
        assert_eq!(for_year(2020).id, "gov-info-annual-2019");
        assert_eq!(for_year(2025).id, "gov-info-annual-2021");
    }
}
