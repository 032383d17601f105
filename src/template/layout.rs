//! The printed grid of a table: where every header label and data cell sits, with its
//! row and column spans. The text exporter, the PDF writer and the on-screen form all draw
//! from this one description, so merged cells come out the same everywhere.

use super::def::{ColNode, RowNode};
use super::{CellId, Template};

/// What fills a grid cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridContent {
    /// Block title spanning the table (`第二十条第（一）项`).
    Title(String),
    /// Header over the row labels.
    Corner(String),
    ColumnHeader(String),
    RowHeader {
        text: String,
        vertical: bool,
    },
    Data(CellId),
}

/// One placed cell; `row`/`col` are its top-left position in the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub content: GridContent,
}

/// A laid-out table: `rows × cols` grid positions and the cells that cover them.
#[derive(Debug, Clone)]
pub struct Grid {
    pub rows: usize,
    pub cols: usize,
    /// Number of leading columns that hold row labels.
    pub label_cols: usize,
    pub cells: Vec<GridCell>,
    /// Grid rows that are header rows (repeat them when a table continues on a new page),
    /// per block: `(first header row, header row count, first data row, data row count)`.
    pub bands: Vec<Band>,
}

/// The rows of one block: its title and header rows, then its data rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub header_start: usize,
    pub header_rows: usize,
    pub data_start: usize,
    pub data_rows: usize,
}

impl Grid {
    /// Cells whose top-left corner lies in grid row `r`, left to right.
    pub fn row_cells(&self, r: usize) -> impl Iterator<Item = &GridCell> {
        self.cells.iter().filter(move |c| c.row == r)
    }

    /// The grid position of a data cell.
    pub fn find_data(&self, id: CellId) -> Option<&GridCell> {
        self.cells
            .iter()
            .find(|c| c.content == GridContent::Data(id))
    }
}

/// Lays out table `table` of template `t`.
pub fn grid(t: &Template, table: usize) -> Grid {
    let tab = &t.tables[table];
    let lc = tab.label_cols;
    let cols = lc + tab.width;
    let mut cells = Vec::new();
    let mut bands = Vec::new();
    let mut r = 0;
    for block in &tab.blocks {
        let header_start = r;
        if let Some(title) = &block.def.title {
            cells.push(GridCell {
                row: r,
                col: 0,
                rowspan: 1,
                colspan: cols,
                content: GridContent::Title(title.clone()),
            });
            r += 1;
        }
        let depth = block.header_depth;
        if lc > 0 {
            cells.push(GridCell {
                row: r,
                col: 0,
                rowspan: depth,
                colspan: lc,
                content: GridContent::Corner(block.def.corner.clone()),
            });
        }
        let mut col = lc;
        place_cols(&block.def.columns, r, depth, &mut col, &mut cells);
        r += depth;
        let data_start = r;
        // Row labels.
        let mut data_row = r;
        if lc > 0 {
            place_rows(&block.def.rows, 0, lc, &mut data_row, &mut cells);
        }
        // Data cells.
        for (i, row_idx) in block.rows.clone().enumerate() {
            let mut c = lc;
            for (ci, column) in block.columns.iter().enumerate() {
                let id = t
                    .cell_at(table, row_idx, ci)
                    .expect("cell of a compiled row");
                cells.push(GridCell {
                    row: data_start + i,
                    col: c,
                    rowspan: 1,
                    colspan: column.span,
                    content: GridContent::Data(id),
                });
                c += column.span;
            }
        }
        let n = block.rows.len();
        r = data_start + n;
        bands.push(Band {
            header_start,
            header_rows: data_start - header_start,
            data_start,
            data_rows: n,
        });
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Grid {
        rows: r,
        cols,
        label_cols: lc,
        cells,
        bands,
    }
}

fn leaf_width(n: &ColNode) -> usize {
    match n {
        ColNode::Group { children, .. } => children.iter().map(leaf_width).sum(),
        ColNode::Col { span, .. } => *span,
    }
}

fn place_cols(
    nodes: &[ColNode],
    row: usize,
    depth: usize,
    col: &mut usize,
    out: &mut Vec<GridCell>,
) {
    for n in nodes {
        match n {
            ColNode::Group { label, children } => {
                let w = leaf_width(n);
                out.push(GridCell {
                    row,
                    col: *col,
                    rowspan: 1,
                    colspan: w,
                    content: GridContent::ColumnHeader(label.clone()),
                });
                let mut c = *col;
                place_cols(children, row + 1, depth - 1, &mut c, out);
                *col += w;
            }
            ColNode::Col { label, span, .. } => {
                out.push(GridCell {
                    row,
                    col: *col,
                    rowspan: depth,
                    colspan: *span,
                    content: GridContent::ColumnHeader(label.clone()),
                });
                *col += span;
            }
        }
    }
}

fn leaf_rows(n: &RowNode) -> usize {
    match n {
        RowNode::Group { children, .. } => children.iter().map(leaf_rows).sum(),
        RowNode::Row { .. } => 1,
    }
}

fn place_rows(
    nodes: &[RowNode],
    level: usize,
    lc: usize,
    row: &mut usize,
    out: &mut Vec<GridCell>,
) {
    for n in nodes {
        match n {
            RowNode::Group {
                label,
                vertical,
                children,
            } => {
                out.push(GridCell {
                    row: *row,
                    col: level,
                    rowspan: leaf_rows(n),
                    colspan: 1,
                    content: GridContent::RowHeader {
                        text: label.clone(),
                        vertical: *vertical,
                    },
                });
                place_rows(children, level + 1, lc, row, out);
            }
            RowNode::Row { label, .. } => {
                out.push(GridCell {
                    row: *row,
                    col: level,
                    rowspan: 1,
                    colspan: lc - level,
                    content: GridContent::RowHeader {
                        text: label.clone(),
                        vertical: false,
                    },
                });
                *row += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::get;

    /// Every grid position is covered by exactly one cell.
    #[test]
    fn grids_tile_exactly() {
        for t in crate::template::all() {
            for ti in 0..t.tables.len() {
                let g = grid(t, ti);
                let mut seen = vec![0u8; g.rows * g.cols];
                for c in &g.cells {
                    for r in c.row..c.row + c.rowspan {
                        for k in c.col..c.col + c.colspan {
                            seen[r * g.cols + k] += 1;
                        }
                    }
                }
                assert!(seen.iter().all(|&n| n == 1), "{} table {ti}", t.id);
                let data = g
                    .cells
                    .iter()
                    .filter(|c| matches!(c.content, GridContent::Data(_)))
                    .count();
                assert_eq!(data, t.tables[ti].cell_count);
            }
        }
    }

    #[test]
    fn table_three_has_the_official_header() {
        let t = get("gov-info-annual-2021").unwrap();
        let g = grid(t, 1);
        // 3 header rows + 25 data rows; 3 label columns + 7 data columns.
        assert_eq!((g.rows, g.cols), (28, 10));
        let corner = &g.cells[0];
        assert_eq!((corner.rowspan, corner.colspan), (3, 3));
        let vertical = g
            .cells
            .iter()
            .find(|c| matches!(&c.content, GridContent::RowHeader { vertical: true, .. }))
            .unwrap();
        assert_eq!(vertical.rowspan, 22);
        let natural = g
            .cells
            .iter()
            .find(|c| c.content == GridContent::ColumnHeader("自然人".into()))
            .unwrap();
        assert_eq!(natural.rowspan, 2);
    }
}
