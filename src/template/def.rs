//! The serde shape of a `templates/*.ron` file.
//!
//! These types mirror the RON text one to one; [`super::Template`] compiles them into
//! index tables that the model, the validator and the exporters use.

use serde::Deserialize;

/// A whole report format (one `templates/*.ron` file).
#[derive(Debug, Clone, Deserialize)]
pub struct TemplateDef {
    /// Stable identifier stored in drafts, e.g. `gov-info-annual-2021`.
    pub id: String,
    /// Short Chinese name shown to the user.
    pub name: String,
    /// The notice that fixes the format, e.g. `国办公开办函〔2021〕30号`.
    pub basis: String,
    /// Title pattern with `{agency}` and `{year}`.
    pub title: String,
    /// First report year the format applies to.
    pub first_year: i32,
    /// Last report year, if a later format replaced it.
    #[serde(default)]
    pub last_year: Option<i32>,
    /// Format to roll over into once `last_year` has passed.
    #[serde(default)]
    pub successor: Option<String>,
    pub sections: Vec<SectionDef>,
    pub tables: Vec<TableDef>,
    /// Kinds of publishing agency and their deadlines (spec §2).
    pub agency_kinds: Vec<AgencyKindDef>,
    /// Wording of the generated header paragraph.
    pub header: HeaderDef,
    /// Rule id of the built-in check that every cell holds a value of its kind.
    pub cell_kind_rule: String,
    pub rules: Vec<RuleDef>,
    /// The figures every summary of a report shows (批量检查, `check`, the workbook), in
    /// order. Every format lists the same ids: they are the summaries' column keys.
    pub key_figures: Vec<KeyFigureDef>,
    /// The standard sentences that state the tables' figures in prose (插入统计段落).
    #[serde(default)]
    pub statistics: Option<StatisticsDef>,
    /// The 图解 (一图读懂) drawn from the statistics paragraph's figures.
    #[serde(default)]
    pub infographic: Option<InfographicDef>,
}

/// The 图解 (一图读懂): one tall picture of the tables' figures for the portal, its blocks
/// from top to bottom. Every figure is one of the statistics paragraph's
/// ([`StatisticsDef::figures`]), so its cells are named once.
#[derive(Debug, Clone, Deserialize)]
pub struct InfographicDef {
    pub blocks: Vec<GraphicBlockDef>,
    /// The line at the foot, with `{agency}` and `{year}`.
    pub source: String,
}

/// A block of the picture: a heading and what is drawn under it.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphicBlockDef {
    pub title: String,
    pub parts: Vec<GraphicPartDef>,
}

#[derive(Debug, Clone, Deserialize)]
pub enum GraphicPartDef {
    /// Figures side by side, each a large number with its label and the change against
    /// last year.
    Figures(Vec<GraphicFigureDef>),
    /// What came in (left) and where it went (right), an arrow between.
    Flow {
        into: Vec<GraphicFigureDef>,
        out: Vec<GraphicFigureDef>,
    },
    /// One bar a figure, its length and share taken of `whole`; when `whole` is 0 no bar
    /// is drawn and `none` is written instead.
    Bars {
        caption: String,
        whole: String,
        items: Vec<GraphicFigureDef>,
        none: String,
    },
}

/// A figure of the picture.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphicFigureDef {
    pub label: String,
    /// A statistics figure's id.
    pub figure: String,
    #[serde(default = "pieces")]
    pub unit: String,
}

fn pieces() -> String {
    "件".into()
}

/// The statistics paragraph: the figures it names (each the sum of its cells) and its
/// sentences. In a sentence `{id}` is a figure, `{id:change}` its change against last year
/// ("，同比增长12.3%", "，与上年持平", nothing when last year's is not known or 0),
/// `{id:share:other}` its share of another ("42.86%"), `{year}` the report year.
#[derive(Debug, Clone, Deserialize)]
pub struct StatisticsDef {
    /// The section the paragraph is written into.
    pub section: String,
    pub figures: Vec<(String, Vec<CellRefDef>)>,
    pub sentences: Vec<SentenceDef>,
}

/// One sentence, written only when the figure `when` is above 0; else `otherwise`, if any.
#[derive(Debug, Clone, Deserialize)]
pub struct SentenceDef {
    #[serde(default)]
    pub when: Option<String>,
    pub text: String,
    #[serde(default)]
    pub otherwise: Option<String>,
}

/// A figure a reviewer compares across reports: the sum of its cells.
#[derive(Debug, Clone, Deserialize)]
pub struct KeyFigureDef {
    /// Stable key, e.g. `new_requests` (the JSON key of `check --format json`).
    pub id: String,
    /// Column title, e.g. `本年新收`.
    pub title: String,
    /// Word in one-line summaries, e.g. `新收`.
    pub short: String,
    /// Unit written after the value where the title does not say it, e.g. `万元`.
    #[serde(default)]
    pub unit: Option<String>,
    pub cells: Vec<CellRefDef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SectionDef {
    pub id: String,
    /// Verbatim title, e.g. `一、总体情况`.
    pub title: String,
    /// What the format asks for, shown beside the editor.
    pub guidance: String,
    pub body: SectionBody,
    /// Words every printing of the heading holds (finding the report on a web page); the
    /// title without its numeral when absent.
    #[serde(default)]
    pub marker: Option<String>,
    /// Pattern of the heading's words as reports print them, variants included (cutting
    /// a flattened page's text at its headings); the title without its numeral when absent.
    #[serde(default)]
    pub heading: Option<String>,
    /// Text of the example report (benchmarks, tests, demos) where it must say what the
    /// section's soft checks look for.
    #[serde(default)]
    pub example: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub enum SectionBody {
    Text,
    /// The section is the table with this id.
    Table(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct TableDef {
    pub id: String,
    /// Short name used in messages, e.g. `三`.
    pub short: String,
    /// Words of the table's labels: a table on a web page holding one is this table.
    #[serde(default)]
    pub words: Vec<String>,
    pub blocks: Vec<BlockDef>,
}

/// A block is one header band plus the rows under it. Table 二 has one block per
/// 第二十条 item; tables 三 and 四 have a single block.
#[derive(Debug, Clone, Deserialize)]
pub struct BlockDef {
    /// Row spanning the whole table above the block's header, e.g. `第二十条第（一）项`.
    #[serde(default)]
    pub title: Option<String>,
    /// Header cell above the row-label columns.
    #[serde(default)]
    pub corner: String,
    pub columns: Vec<ColNode>,
    pub rows: Vec<RowNode>,
}

#[derive(Debug, Clone, Deserialize)]
pub enum ColNode {
    /// A merged header cell over its children.
    Group {
        label: String,
        children: Vec<ColNode>,
    },
    /// A data column.
    Col {
        id: String,
        label: String,
        kind: CellKind,
        /// Physical table columns this data column spans (table 二 blocks of unequal width).
        #[serde(default = "one")]
        span: usize,
    },
}

#[derive(Debug, Clone, Deserialize)]
pub enum RowNode {
    /// A label spanning its child rows; `vertical` labels are set top to bottom.
    Group {
        label: String,
        #[serde(default)]
        vertical: bool,
        children: Vec<RowNode>,
    },
    /// A data row. `short` is the label used in messages when `label` is long.
    Row {
        id: String,
        label: String,
        #[serde(default)]
        short: Option<String>,
    },
}

/// What a data cell may hold.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum CellKind {
    /// Non-negative whole number (件).
    Count,
    /// Whole number that may be negative (2019 `本年增/减`).
    SignedCount,
    /// Non-negative decimal kept exactly as typed, at most `max_decimals` decimals.
    Amount { max_decimals: u32 },
}

#[derive(Debug, Clone, Deserialize)]
pub struct AgencyKindDef {
    pub id: String,
    pub label: String,
    /// Publication deadline in the year after the report year, as (month, day).
    pub deadline: (u32, u32),
    /// Endings of agency names of this kind (guessing the kind of an imported report).
    #[serde(default)]
    pub name_endings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HeaderDef {
    /// Paragraph with `{agency}`, `{year}`, `{download}`, `{contact}` placeholders.
    pub wording: String,
    /// Sentence for `{contact}`, with `{address}`, `{postcode}`, `{phone}` placeholders.
    pub contact: String,
    /// `{download}` when the user gave none, with an `{agency}` placeholder.
    pub default_download: String,
}

/// A cell addressed by ids: (table, row, column).
pub type CellRefDef = (String, String, String);

#[derive(Debug, Clone, Deserialize)]
pub struct RuleDef {
    /// Rule id from the spec, e.g. `H1`, `S4`.
    pub id: String,
    pub severity: SeverityDef,
    pub check: CheckDef,
    /// Listed in the review after 从上年报告新建: what a rolled-over draft must revise.
    #[serde(default)]
    pub after_rollover: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum SeverityDef {
    Error,
    Warning,
    /// Given by the validator only, never by a rule: a hard rule that cannot be judged
    /// because a cell it involves was not read on import, or was guessed (待核对).
    Unverified,
}

/// One side of an equation: a row or column id of this year's or last year's report.
#[derive(Debug, Clone, Deserialize)]
pub enum TermDef {
    This(String),
    Prev(String),
}

/// Which instances an equation expands to.
#[derive(Debug, Clone, Deserialize)]
pub enum EachDef {
    /// For every (listed) column; the terms name rows.
    Columns(Option<Vec<String>>),
    /// For every (listed) row; the terms name columns.
    Rows(Option<Vec<String>>),
}

#[derive(Debug, Clone, Deserialize)]
pub enum CheckDef {
    /// Σ lhs = Σ rhs for each instance. With `derive`, lhs is one cell computed from rhs.
    Equation {
        table: String,
        each: EachDef,
        lhs: Vec<TermDef>,
        rhs: Vec<TermDef>,
        #[serde(default)]
        derive: bool,
        /// Plain-language statement of the equation, used in messages.
        explain: String,
    },
    /// Text longer than `max_chars` characters.
    TextLength { section: String, max_chars: usize },
    /// Text empty.
    TextEmpty { section: String, message: String },
    /// None of the keywords occurs in the text.
    TextMentions {
        section: String,
        any_of: Vec<String>,
        message: String,
    },
    /// Every group of keywords must be represented in the text.
    TextCovers {
        section: String,
        groups: Vec<(String, Vec<String>)>,
        message: String,
    },
    /// The cells add up to more than zero but the text has none of the keywords.
    CellsNeedText {
        cells: Vec<CellRefDef>,
        section: String,
        any_of: Vec<String>,
        message: String,
    },
    /// Σ part / whole above `max_percent`.
    Share {
        part: Vec<CellRefDef>,
        whole: CellRefDef,
        max_percent: u32,
        message: String,
    },
    /// A number in the narrative differs from Σ cells. `pattern` must end with the number
    /// in a group, e.g. `申请(\\d+)件`; the validator reads the match's last digit run.
    NarrativeNumber {
        sections: Vec<String>,
        pattern: String,
        cells: Vec<CellRefDef>,
        topic: String,
        /// Words that, standing just before a match, make it another figure (上年度结转
        /// is not 结转下年度): the match is not this rule's.
        #[serde(default)]
        not_after: Vec<String>,
    },
    /// A share written in the narrative ("40件，占43.96%"): `pattern` captures the count
    /// and the percentage; it must be that count's share of one of `wholes` (each a name
    /// for the message and its cells) to the precision written.
    ShareInText {
        sections: Vec<String>,
        pattern: String,
        wholes: Vec<(String, Vec<CellRefDef>)>,
    },
    /// A change against last year written in the narrative ("申请87件，同比增长13%"):
    /// `pattern` captures the count, the direction word and the percentage; the count is
    /// the sum of `cells`, whose last year's sum gives the true change.
    ChangeInText {
        sections: Vec<String>,
        pattern: String,
        cells: Vec<CellRefDef>,
        topic: String,
    },
    /// The cells are non-zero but the text says there were none (`none_pattern`).
    NarrativeNone {
        sections: Vec<String>,
        none_pattern: String,
        cells: Vec<CellRefDef>,
        topic: String,
    },
    /// Text very similar to last year's text of the same section.
    SimilarToPrevious { section: String, max_percent: u32 },
    /// Empty data cells in a table (a report should write 0).
    EmptyCells { table: String },
    /// Amount above a plausible maximum (unit confusion 元/万元).
    AmountAbove {
        cell: CellRefDef,
        max: u64,
        message: String,
    },
    /// A figure that changed from last year's by a factor of `ratio` or more (either way)
    /// while the larger of the two is at least `at_least`, or that was at least
    /// `drop_from` last year and is 0 now. An amount's message adds `amount_hint` (元 typed
    /// where 万元 is asked). Also where last year's report is of another year or agency
    /// (then nothing is compared), or in another format (then what maps is).
    ChangeFromPrevious {
        tables: Vec<String>,
        ratio: u32,
        at_least: u64,
        drop_from: u64,
        amount_hint: String,
    },
    /// A statistics sentence the program wrote (插入统计段落), still in the text word for
    /// word, that states figures the tables no longer hold.
    StatisticsStale,
    /// Last year's number written where the report year belongs.
    StaleYear { sections: Vec<String> },
    /// Publish date outside the year after the report year, or past the deadline.
    PublishDate,
    /// No publish date: the signature will have no date under it.
    PublishDateMissing { message: String },
}

fn one() -> usize {
    1
}
