//! Layout analysis of positioned text: characters and ruling lines, as a PDF's text layer
//! gives them or as OCR finds them on a scanned page, to blocks. Lines come from baselines,
//! paragraphs from line widths and indents, tables from the ruling lines (cells and their
//! spans), tables continued over a page break are merged back into one grid, and running
//! page numbers are dropped. No crate does this for CJK documents; it is written here.

use super::{Block, Grid, GridCell};

/// Positions closer than this (pt) are the same line of a table's ruling.
const RULE_TOL: f64 = 1.5;

/// One character as placed on the page, in pt from the page's top-left corner.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) baseline: f64,
    pub(super) size: f64,
    pub(super) text: String,
    /// A space character was drawn just before it on the same line.
    pub(super) space_before: bool,
}

/// A horizontal or vertical ruling segment: `at` is its y (or x), `from..to` its extent
/// along the other axis.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seg {
    pub(super) at: f64,
    pub(super) from: f64,
    pub(super) to: f64,
}

#[derive(Debug, Default)]
pub(super) struct Page {
    pub(super) height: f64,
    pub(super) glyphs: Vec<Glyph>,
    pub(super) hsegs: Vec<Seg>,
    pub(super) vsegs: Vec<Seg>,
    /// The page draws an image (a scan has images and no text).
    pub(super) images: bool,
}

/// A line of text outside tables.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    page: usize,
    /// Words far apart on the line (columns of a table drawn without rules).
    spaced: bool,
    /// The line's parts between wide gaps, with their x extents.
    fields: Vec<(String, f64, f64)>,
}

/// A table found on one page, with its column boundaries to match a continuation.
#[derive(Debug, Clone)]
struct Table {
    grid: Grid,
    xs: Vec<f64>,
}

#[derive(Debug, Clone)]
enum Item {
    Line(Line),
    Table(Table),
}

/// Blocks in reading order from the pages' characters and rules.
pub(super) fn layout(pages: &[Page]) -> Vec<Block> {
    // Each page's items in reading order (top to bottom).
    let mut items: Vec<(usize, Item)> = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        let tables = find_tables(page);
        let mut placed: Vec<(f64, Item)> = Vec::new();
        let mut free: Vec<&Glyph> = Vec::new();
        let mut in_table: Vec<Vec<&Glyph>> = vec![Vec::new(); tables.len()];
        for g in &page.glyphs {
            let (cx, cy) = center(g);
            match tables.iter().position(|t| t.contains(cx, cy)) {
                Some(ti) => in_table[ti].push(g),
                None => free.push(g),
            }
        }
        for (t, glyphs) in tables.iter().zip(in_table) {
            placed.push((t.ys[0], Item::Table(t.grid(&glyphs))));
        }
        let mut run: Vec<Line> = Vec::new();
        let flush = |run: &mut Vec<Line>, placed: &mut Vec<(f64, Item)>| {
            if run.len() >= 2 {
                let top = run[0].baseline - run[0].size;
                placed.push((top, Item::Table(unruled_table(run))));
            } else {
                placed.extend(run.drain(..).map(|l| (l.baseline - l.size, Item::Line(l))));
            }
            run.clear();
        };
        for l in lines(&free, pi) {
            if is_furniture(&l, page.height) {
                continue;
            }
            if l.spaced {
                run.push(l);
                continue;
            }
            flush(&mut run, &mut placed);
            placed.push((l.baseline - l.size, Item::Line(l)));
        }
        flush(&mut run, &mut placed);
        placed.sort_by(|a, b| a.0.total_cmp(&b.0));
        items.extend(placed.into_iter().map(|(_, it)| (pi, it)));
    }
    let items = merge_continued_tables(items);
    paragraphs(items)
}

fn center(g: &Glyph) -> (f64, f64) {
    ((g.x0 + g.x1) / 2.0, g.baseline - g.size * 0.35)
}

/// Running page numbers ("-4-", "— 4 —", "第 4 页", "4 / 6") at a page's head or foot.
fn is_furniture(l: &Line, page_h: f64) -> bool {
    let at_edge = l.baseline > page_h * 0.82 || l.baseline < page_h * 0.12;
    at_edge && super::blocks::is_running_page_number(&l.text)
}

/// Text lines from loose characters: characters on one baseline, in x order, with a
/// space where words stand apart and a tab where they stand far apart.
fn lines(glyphs: &[&Glyph], page: usize) -> Vec<Line> {
    let mut gs: Vec<&Glyph> = glyphs.to_vec();
    gs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in gs {
        match groups.last_mut() {
            Some(cur)
                if (g.baseline - cur[cur.len() - 1].baseline).abs()
                    < 0.4 * g.size.min(cur[0].size) =>
            {
                cur.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    groups
        .into_iter()
        .map(|mut gs| {
            gs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let size = gs.iter().map(|g| g.size).fold(0.0, f64::max);
            let fields = join_glyphs(&gs);
            let text = fields
                .iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>()
                .join("\t");
            Line {
                text,
                x0: gs[0].x0,
                x1: gs.iter().map(|g| g.x1).fold(f64::MIN, f64::max),
                baseline: gs[0].baseline,
                size,
                page,
                spaced: fields.len() > 1,
                fields,
            }
        })
        .collect()
}

/// Characters of one line (in x order) as text: a space where words stand apart, a new
/// field where they stand far apart (columns of a table without rules).
fn join_glyphs(gs: &[&Glyph]) -> Vec<(String, f64, f64)> {
    let mut fields: Vec<(String, f64, f64)> = Vec::new();
    let mut last: Option<&Glyph> = None;
    for g in gs {
        if let Some(p) = last {
            // Overprinted duplicates (fake bold draws a character twice).
            if g.text == p.text && (g.x0 - p.x0).abs() < 0.2 * g.size {
                continue;
            }
            let gap = g.x0 - p.x1;
            let em = g.size.max(p.size);
            // Numbers in neighbouring narrow columns stand closer than words do.
            let digits = p.text.ends_with(|c: char| c.is_ascii_digit())
                && g.text.starts_with(|c: char| c.is_ascii_digit());
            let wide = gap > 2.0 * em || (digits && gap > 0.8 * em);
            if let Some(f) = fields.last_mut()
                && !wide
            {
                // A drawn space counts unless the characters overlap (a space glyph
                // used as padding under the next character).
                if gap > 0.3 * em || (g.space_before && gap > 0.05 * em) {
                    f.0.push(' ');
                }
                f.0.push_str(&g.text);
                f.2 = f.2.max(g.x1);
                last = Some(g);
                continue;
            }
        }
        fields.push((g.text.clone(), g.x0, g.x1));
        last = Some(g);
    }
    fields
}

/// A table drawn without rules: consecutive lines of several far-apart fields, cut into
/// columns where no field of any line crosses.
fn unruled_table(lines: &[Line]) -> Table {
    let em = lines.iter().map(|l| l.size).fold(0.0, f64::max);
    let mut spans: Vec<(f64, f64)> = lines
        .iter()
        .flat_map(|l| l.fields.iter().map(|f| (f.1, f.2)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut bands: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match bands.last_mut() {
            Some(last) if a <= last.1 + 0.3 * em => last.1 = last.1.max(b),
            _ => bands.push((a, b)),
        }
    }
    let rows = lines
        .iter()
        .map(|l| {
            let mut cells: Vec<GridCell> = Vec::new();
            for (text, x0, x1) in &l.fields {
                let mid = (x0 + x1) / 2.0;
                let col = bands
                    .iter()
                    .position(|b| mid >= b.0 - 0.5 && mid <= b.1 + 0.5)
                    .unwrap_or(0);
                match cells.iter_mut().find(|c| c.col == col) {
                    Some(c) => {
                        c.text.push(' ');
                        c.text.push_str(text);
                    }
                    None => cells.push(GridCell::new(text.clone(), col)),
                }
            }
            cells.sort_by_key(|c| c.col);
            cells
        })
        .collect();
    let mut xs: Vec<f64> = bands.iter().map(|b| b.0).collect();
    xs.extend(bands.last().map(|b| b.1));
    Table {
        grid: Grid { rows },
        xs,
    }
}

/// A ruled table on a page: its column and row boundaries and which of the borders
/// between neighbouring base cells are drawn.
struct RuledTable {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// `open_right[r][c]`: no rule between base cells (r, c) and (r, c + 1).
    open_right: Vec<Vec<bool>>,
    /// `open_down[r][c]`: no rule between base cells (r, c) and (r + 1, c).
    open_down: Vec<Vec<bool>>,
}

/// Segments on one line (within [`RULE_TOL`]) that touch or overlap, joined.
fn merge_segs(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.retain(|s| s.at.is_finite() && s.from.is_finite() && s.to.is_finite());
    segs.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    // Cluster by position first, then join along the line.
    let mut out: Vec<Seg> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].at - segs[j - 1].at < RULE_TOL {
            j += 1;
        }
        let at = segs[i..j].iter().map(|s| s.at).sum::<f64>() / (j - i) as f64;
        let mut run: Vec<Seg> = segs[i..j].to_vec();
        run.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Seg> = None;
        for s in run {
            cur = match cur {
                Some(c) if s.from <= c.to + RULE_TOL => Some(Seg {
                    at,
                    from: c.from,
                    to: c.to.max(s.to),
                }),
                Some(c) => {
                    out.push(c);
                    Some(Seg { at, ..s })
                }
                None => Some(Seg { at, ..s }),
            };
        }
        out.extend(cur);
        i = j;
    }
    out.retain(|s| s.to - s.from > 2.0);
    out
}

/// A ruled table's regions by root: (top, left, bottom, right) in base cells.
type Extents = std::collections::BTreeMap<usize, (usize, usize, usize, usize)>;

/// The page's ruled tables as rectangles (x0, y0, x1, y1 in pt): each table's outline,
/// and the cells inside it (a scanned page's text is read cell by cell).
pub(super) fn table_cells(page: &Page) -> Vec<([f64; 4], Vec<[f64; 4]>)> {
    find_tables(page)
        .iter()
        .map(|t| {
            let outline = [t.xs[0], t.ys[0], t.xs[t.xs.len() - 1], t.ys[t.ys.len() - 1]];
            (outline, t.cell_rects())
        })
        .collect()
}

/// Tables drawn with rules: groups of horizontal and vertical rules that cross.
fn find_tables(page: &Page) -> Vec<RuledTable> {
    let h = merge_segs(page.hsegs.clone());
    let v = merge_segs(page.vsegs.clone());
    if h.len() < 2 || v.len() < 2 {
        return Vec::new();
    }
    // Union-find over h (0..h.len()) and v (h.len()..).
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (hi, hs) in h.iter().enumerate() {
        for (vi, vs) in v.iter().enumerate() {
            let crosses = vs.at >= hs.from - RULE_TOL
                && vs.at <= hs.to + RULE_TOL
                && hs.at >= vs.from - RULE_TOL
                && hs.at <= vs.to + RULE_TOL;
            if crosses {
                let (a, b) = (find(&mut parent, hi), find(&mut parent, h.len() + vi));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, s) in h.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(*s);
    }
    for (i, s) in v.iter().enumerate() {
        let r = find(&mut parent, h.len() + i);
        groups.entry(r).or_default().1.push(*s);
    }
    let mut tables: Vec<RuledTable> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| ruled_table(&h, &v))
        .collect();
    tables.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    tables
}

/// Distinct positions (clustered within [`RULE_TOL`]), ascending.
fn positions(mut at: Vec<f64>) -> Vec<f64> {
    at.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    let mut n = 0.0;
    for a in at {
        match out.last_mut() {
            Some(last) if a - *last < RULE_TOL => {
                // Running mean keeps the cluster centred.
                n += 1.0;
                *last += (a - *last) / n;
            }
            _ => {
                out.push(a);
                n = 1.0;
            }
        }
    }
    out
}

fn ruled_table(h: &[Seg], v: &[Seg]) -> Option<RuledTable> {
    let xs = positions(v.iter().map(|s| s.at).collect());
    let ys = positions(h.iter().map(|s| s.at).collect());
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (w, ht) = (xs[xs.len() - 1] - xs[0], ys[ys.len() - 1] - ys[0]);
    if w < 20.0 || ht < 8.0 || xs.len() > 200 || ys.len() > 2000 {
        return None;
    }
    // A border is drawn where a rule on its line covers the middle of the cell side.
    let ruled = |segs: &[Seg], at: f64, a: f64, b: f64| {
        let mid = (a + b) / 2.0;
        segs.iter()
            .any(|s| (s.at - at).abs() < RULE_TOL && s.from <= mid && s.to >= mid)
    };
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let open_right = (0..nr)
        .map(|r| {
            (0..nc.saturating_sub(1))
                .map(|c| !ruled(v, xs[c + 1], ys[r], ys[r + 1]))
                .collect()
        })
        .collect();
    let open_down = (0..nr.saturating_sub(1))
        .map(|r| {
            (0..nc)
                .map(|c| !ruled(h, ys[r + 1], xs[c], xs[c + 1]))
                .collect()
        })
        .collect();
    Some(RuledTable {
        xs,
        ys,
        open_right,
        open_down,
    })
}

impl RuledTable {
    fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.xs[0]
            && x <= self.xs[self.xs.len() - 1]
            && y >= self.ys[0]
            && y <= self.ys[self.ys.len() - 1]
    }

    /// Base cells joined where no rule parts them: each base cell's region (its root),
    /// and each region's extent in base cells (top, left, bottom, right; inclusive).
    fn regions(&self) -> (Vec<usize>, Extents) {
        let (nr, nc) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut parent: Vec<usize> = (0..nr * nc).collect();
        fn find(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        let join = |p: &mut Vec<usize>, a: usize, b: usize| {
            let (ra, rb) = (find(p, a), find(p, b));
            if ra != rb {
                p[ra.max(rb)] = ra.min(rb);
            }
        };
        for r in 0..nr {
            for c in 0..nc {
                if c + 1 < nc && self.open_right[r][c] {
                    join(&mut parent, r * nc + c, r * nc + c + 1);
                }
                if r + 1 < nr && self.open_down[r][c] {
                    join(&mut parent, r * nc + c, (r + 1) * nc + c);
                }
            }
        }
        let roots: Vec<usize> = (0..nr * nc).map(|i| find(&mut parent, i)).collect();
        let mut extent = Extents::new();
        for r in 0..nr {
            for c in 0..nc {
                let e = extent.entry(roots[r * nc + c]).or_insert((r, c, r, c));
                *e = (e.0.min(r), e.1.min(c), e.2.max(r), e.3.max(c));
            }
        }
        (roots, extent)
    }

    /// Each cell's rectangle (x0, y0, x1, y1).
    fn cell_rects(&self) -> Vec<[f64; 4]> {
        let (_, extent) = self.regions();
        extent
            .values()
            .map(|&(t, l, b, r)| [self.xs[l], self.ys[t], self.xs[r + 1], self.ys[b + 1]])
            .collect()
    }

    /// The grid: base cells joined where no rule parts them, each joined region one
    /// cell with its spans, holding the text of the characters inside it.
    fn grid(&self, glyphs: &[&Glyph]) -> Table {
        let (nr, nc) = (self.ys.len() - 1, self.xs.len() - 1);
        let (roots, extent) = self.regions();
        let mut texts: std::collections::BTreeMap<usize, Vec<&Glyph>> = Default::default();
        for g in glyphs {
            let (cx, cy) = center(g);
            let c = self.xs.partition_point(|&x| x < cx).clamp(1, nc) - 1;
            let r = self.ys.partition_point(|&y| y < cy).clamp(1, nr) - 1;
            texts.entry(roots[r * nc + c]).or_default().push(g);
        }
        let mut rows: Vec<Vec<GridCell>> = vec![Vec::new(); nr];
        for (root, (top, left, bottom, right)) in extent {
            let text = texts.get(&root).map(|g| cell_text(g)).unwrap_or_default();
            rows[top].push(GridCell::new(text, left).span(right - left + 1, bottom - top + 1));
        }
        for row in &mut rows {
            row.sort_by_key(|c| c.col);
        }
        let mut grid = Grid { rows };
        drop_covered_rows(&mut grid);
        Table {
            grid,
            xs: self.xs.clone(),
        }
    }
}

/// A row in which no cell starts (every base cell covered from above) is not a row of
/// the printed table: removed, with the spans over it shortened.
fn drop_covered_rows(grid: &mut Grid) {
    let mut r = 0;
    while r < grid.rows.len() {
        if grid.rows[r].is_empty() {
            for (above, row) in grid.rows[..r].iter_mut().enumerate() {
                for c in row.iter_mut() {
                    if above + c.rowspan > r && c.rowspan > 1 {
                        c.rowspan -= 1;
                    }
                }
            }
            grid.rows.remove(r);
        } else {
            r += 1;
        }
    }
}

/// A cell's text: its lines (by baseline) joined with `\n`.
fn cell_text(glyphs: &[&Glyph]) -> String {
    lines(glyphs, 0)
        .into_iter()
        .map(|l| l.text.replace('\t', " "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Joins a table that ends its page with the table that starts the next one when their
/// columns line up: the continuation's repeated header rows are dropped and a label
/// cell cut by the page break is extended rather than repeated.
fn merge_continued_tables(items: Vec<(usize, Item)>) -> Vec<(usize, Item)> {
    let mut out: Vec<(usize, Item)> = Vec::with_capacity(items.len());
    for (page, item) in items {
        if let Item::Table(next) = &item
            && let Some((prev_page, Item::Table(prev))) = out.last_mut()
            && *prev_page + 1 == page
            && let Some(map) = column_map(&prev.xs, &next.xs)
        {
            append_continuation(&mut prev.grid, &next.grid, &map);
            *prev_page = page;
            continue;
        }
        out.push((page, item));
    }
    out
}

/// Where each column boundary of `next` lies among those of `prev`, if all do and the
/// outer edges agree.
fn column_map(prev: &[f64], next: &[f64]) -> Option<Vec<usize>> {
    let tol = 3.0;
    let find = |x: f64| prev.iter().position(|&p| (p - x).abs() < tol);
    let map: Vec<usize> = next.iter().map(|&x| find(x)).collect::<Option<_>>()?;
    (map.first() == Some(&0) && map.last() == Some(&(prev.len() - 1))).then_some(map)
}

fn is_number(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '－' | ',' | '，'))
}

fn append_continuation(prev: &mut Grid, next: &Grid, map: &[usize]) {
    // Continuation cells in the previous table's columns.
    let remap = |c: &GridCell| -> GridCell {
        let left = map[c.col.min(map.len() - 1)];
        let right = map[(c.col + c.colspan).min(map.len() - 1)];
        GridCell {
            text: c.text.clone(),
            col: left,
            colspan: right.saturating_sub(left).max(1),
            rowspan: c.rowspan,
        }
    };
    let rows: Vec<Vec<GridCell>> = next
        .rows
        .iter()
        .map(|r| r.iter().map(remap).collect())
        .collect();
    let sig = |r: &[GridCell]| -> Vec<(usize, usize, String)> {
        r.iter()
            .map(|c| (c.col, c.colspan, super::blocks::one_line(&c.text)))
            .collect()
    };
    // Leading rows repeated from the previous page (a header repeated on every page):
    // a run of rows, none holding a number, equal to rows of the previous table.
    let mut skip = 0;
    while skip < rows.len() {
        let s = sig(&rows[skip]);
        let repeated = !rows[skip].iter().any(|c| is_number(&c.text))
            && s.iter().any(|(_, _, t)| !t.is_empty())
            && prev.rows.iter().any(|r| sig(r) == s);
        if !repeated {
            break;
        }
        skip += 1;
    }
    let base = prev.rows.len();
    for (i, row) in rows.into_iter().enumerate().skip(skip) {
        let mut kept = Vec::with_capacity(row.len());
        for c in row {
            // A label spanning rows over the page break is drawn again (or left empty)
            // on the new page: extend the cell above instead.
            if i == skip
                && !is_number(&c.text)
                && let Some(above) = reaching_bottom(prev, base, &c)
                && (above.rowspan > 1 || c.rowspan > 1)
                && !is_number(&above.text)
                && (c.text.trim().is_empty()
                    || super::blocks::one_line(&c.text) == super::blocks::one_line(&above.text))
            {
                above.rowspan += c.rowspan;
                continue;
            }
            kept.push(c);
        }
        prev.rows.push(kept);
    }
}

/// The cell of `grid` (of `rows` rows) in the same columns as `c` that reaches its last row.
fn reaching_bottom<'a>(grid: &'a mut Grid, rows: usize, c: &GridCell) -> Option<&'a mut GridCell> {
    grid.rows.iter_mut().enumerate().find_map(|(r, row)| {
        row.iter_mut()
            .find(|k| k.col == c.col && k.colspan == c.colspan && r + k.rowspan == rows)
    })
}

/// Paragraphs from lines: a paragraph goes on while a line fills the text width and the
/// next starts at the left margin (body text wrapped at the right margin, also over a
/// page break); a short line, an indent, a table or a change of size ends it.
fn paragraphs(items: Vec<(usize, Item)>) -> Vec<Block> {
    let body: Vec<&Line> = items
        .iter()
        .filter_map(|(_, it)| match it {
            Item::Line(l) if l.text.chars().count() >= 10 && !l.spaced => Some(l),
            _ => None,
        })
        .collect();
    let all: Vec<&Line> = items
        .iter()
        .filter_map(|(_, it)| match it {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let basis = if body.is_empty() { &all } else { &body };
    // The right margin is where most lines end (justified lines all end there; a wide
    // table or a stray line may reach further); the left margin is where the full lines
    // that are not first lines (not indented) start.
    let right = mode(basis.iter().map(|l| l.x1))
        .unwrap_or_else(|| basis.iter().map(|l| l.x1).fold(f64::MIN, f64::max));
    let left = match basis
        .iter()
        .filter(|l| (l.x1 - right).abs() < 1.2 * l.size)
        .map(|l| l.x0)
        .fold(f64::MAX, f64::min)
    {
        f64::MAX => basis.iter().map(|l| l.x0).fold(f64::MAX, f64::min),
        x => x,
    };
    // Body text size: the size most characters are set in.
    let mut sizes: Vec<(f64, usize)> = Vec::new();
    for l in &all {
        let n = l.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (s - l.size).abs() < 0.5) {
            Some((_, c)) => *c += n,
            None => sizes.push((l.size, n)),
        }
    }
    let body_size = sizes
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(0.0, |(s, _)| *s);

    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<Line> = None;
    for (_, it) in items {
        match it {
            Item::Table(t) => {
                prev = None;
                out.push(Block::Table(t.grid));
            }
            Item::Line(l) => {
                let continues = prev.as_ref().is_some_and(|p| {
                    let full = p.x1 >= right - 1.2 * p.size;
                    let flush = l.x0 <= left + 0.5 * l.size;
                    let same_size = (p.size - l.size).abs() < 0.5;
                    let near = l.page != p.page || (l.baseline - p.baseline) < 3.5 * l.size;
                    // A title set larger than the body and wrapped (centred lines).
                    let title = same_size && p.size > body_size * 1.15 && near;
                    (full && flush || title) && same_size && near && !p.spaced && !l.spaced
                });
                if continues && let Some(Block::Para(text)) = out.last_mut() {
                    let ascii_join = text
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                        && l.text
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    if ascii_join {
                        text.push(' ');
                    }
                    text.push_str(&l.text);
                } else {
                    out.push(Block::Para(l.text.clone()));
                }
                prev = Some(l);
            }
        }
    }
    out
}

/// The value most others lie within 1.5 pt of (at least two of them), the largest on a tie.
fn mode(values: impl Iterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    let mut best: Option<(usize, f64)> = None;
    for &x in &v {
        let n = v.iter().filter(|y| (*y - x).abs() < 1.5).count();
        if n >= 2 && best.is_none_or(|(bn, bx)| n > bn || (n == bn && x > bx)) {
            best = Some((n, x));
        }
    }
    best.map(|(_, x)| x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(at: f64, from: f64, to: f64) -> Seg {
        Seg { at, from, to }
    }

    fn glyph(text: &str, x0: f64, baseline: f64) -> Glyph {
        Glyph {
            x0,
            x1: x0 + 10.0,
            baseline,
            size: 10.0,
            text: text.into(),
            space_before: false,
        }
    }

    #[test]
    fn broken_rules_are_joined_and_short_ones_dropped() {
        let m = merge_segs(vec![
            seg(100.0, 0.0, 50.0),
            seg(100.4, 50.5, 120.0),
            seg(200.0, 0.0, 1.0),
        ]);
        assert_eq!(m.len(), 1);
        assert!((m[0].from - 0.0).abs() < 1e-9 && (m[0].to - 120.0).abs() < 1e-9);
    }

    #[test]
    fn a_missing_border_makes_a_spanning_cell() {
        // Two rows, two columns; the top row has no middle rule: one cell spanning both.
        let page = Page {
            height: 800.0,
            hsegs: vec![
                seg(0.0, 0.0, 100.0),
                seg(20.0, 0.0, 100.0),
                seg(40.0, 0.0, 100.0),
            ],
            vsegs: vec![
                seg(0.0, 0.0, 40.0),
                seg(100.0, 0.0, 40.0),
                seg(50.0, 20.0, 40.0),
            ],
            ..Page::default()
        };
        let tables = find_tables(&page);
        assert_eq!(tables.len(), 1);
        let a = glyph("甲", 40.0, 15.0);
        let b = glyph("1", 10.0, 35.0);
        let c = glyph("2", 60.0, 35.0);
        let t = tables[0].grid(&[&a, &b, &c]);
        assert_eq!(t.grid.rows.len(), 2);
        assert_eq!(t.grid.rows[0], vec![GridCell::new("甲", 0).span(2, 1)]);
        assert_eq!(
            t.grid.rows[1],
            vec![GridCell::new("1", 0), GridCell::new("2", 1)]
        );
    }

    #[test]
    fn a_table_without_rules_is_cut_into_columns_by_x() {
        // A label and two numbers centred in their columns, on two lines.
        let gs = [
            glyph("规", 0.0, 100.0),
            glyph("章", 10.0, 100.0),
            glyph("1", 100.0, 100.0),
            glyph("2", 200.0, 100.0),
            glyph("行", 0.0, 120.0),
            glyph("政", 10.0, 120.0),
            glyph("许", 20.0, 120.0),
            glyph("1", 95.0, 120.0),
            glyph("5", 105.0, 120.0),
            glyph("0", 205.0, 120.0),
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs, 0);
        assert_eq!(ls.len(), 2);
        assert!(ls.iter().all(|l| l.spaced));
        let t = unruled_table(&ls);
        assert_eq!(
            t.grid.rows,
            vec![
                vec![
                    GridCell::new("规章", 0),
                    GridCell::new("1", 1),
                    GridCell::new("2", 2)
                ],
                vec![
                    GridCell::new("行政许", 0),
                    GridCell::new("15", 1),
                    GridCell::new("0", 2)
                ],
            ]
        );
    }

    #[test]
    fn page_numbers_at_the_foot_are_furniture() {
        let line = |text: &str, baseline: f64| Line {
            text: text.into(),
            x0: 0.0,
            x1: 10.0,
            baseline,
            size: 10.0,
            page: 0,
            spaced: false,
            fields: Vec::new(),
        };
        for t in ["-4-", "— 4 —", "第 4 页", "4 / 6", "12"] {
            assert!(is_furniture(&line(t, 790.0), 842.0), "{t}");
        }
        assert!(!is_furniture(&line("— 4 —", 400.0), 842.0));
        assert!(!is_furniture(&line("四、结转下年度继续办理", 790.0), 842.0));
    }

    #[test]
    fn a_continued_table_loses_its_repeated_header_and_keeps_its_label() {
        let mut prev = Grid {
            rows: vec![
                vec![GridCell::new("项目", 0), GridCell::new("数量", 1)],
                vec![GridCell::new("结果", 0).span(1, 2), GridCell::new("1", 1)],
                vec![GridCell::new("2", 1)],
            ],
        };
        let next = Grid {
            rows: vec![
                vec![GridCell::new("项目", 0), GridCell::new("数量", 1)],
                vec![GridCell::new("结果", 0), GridCell::new("3", 1)],
                vec![GridCell::new("合计", 0), GridCell::new("6", 1)],
            ],
        };
        append_continuation(&mut prev, &next, &[0, 1, 2]);
        assert_eq!(prev.rows.len(), 5);
        assert_eq!(prev.rows[1][0].rowspan, 3);
        assert_eq!(prev.rows[3], vec![GridCell::new("3", 1)]);
        assert_eq!(prev.rows[4][0].text, "合计");
    }
}
