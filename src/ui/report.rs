//! The report as one scrolling form: header fields, then the six sections in order.

use chrono::{Datelike, NaiveDate};
use egui::{Align, RichText, ScrollArea, TextEdit, Ui};

use super::action::Command;
use super::date::date_ui;
use super::doc::{Doc, EditGroup};
use super::table::table_ui;
use super::view::{Palette, Target, ViewState, field_id, header_text_id, select_text, text_id};
use crate::validate::Field;

/// Non-whitespace characters, the way the format counts length.
pub fn char_count(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

pub fn report_ui(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState) {
    ScrollArea::both()
        .id_salt("report-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width().max(760.0));
            egui::Frame::new()
                .inner_margin(egui::Margin::symmetric(16, 12))
                .show(ui, |ui| {
                    ui.vertical_centered(|ui| {
                        ui.label(RichText::new(doc.report.title()).heading().strong());
                    });
                    ui.add_space(8.0);
                    header_ui(ui, doc, vs);
                    let clip = ui.clip_rect();
                    let n = doc.report.template.sections.len();
                    // Heights depend on the width the sections were laid out at.
                    let width = ui.available_width();
                    if vs.section_heights.len() != n || vs.sections_width != width {
                        vs.section_heights = vec![None; n];
                        vs.sections_width = width;
                    }
                    let mut current = None;
                    for s in 0..n {
                        ui.add_space(18.0);
                        let rect = match vs.section_heights[s] {
                            // Off screen, and nothing asks for it: only its space is
                            // taken, so a frame costs what the visible sections cost.
                            Some(h) if !must_draw(ui, doc, vs, s, clip, h) => {
                                ui.allocate_space(egui::vec2(ui.available_width(), h)).1
                            }
                            _ => {
                                let top = ui.cursor().top();
                                let heading = section_ui(ui, doc, vs, s);
                                // Without the spacing `allocate_space` adds again.
                                let h = ui.cursor().top() - top - ui.spacing().item_spacing.y;
                                vs.section_heights[s] = Some(h);
                                heading
                            }
                        };
                        if rect.top() <= clip.top() + 40.0 {
                            current = Some(s);
                        }
                    }
                    vs.current_section = current;
                    ui.add_space(40.0);
                });
        });
}

/// Whether section `s`, `height` tall at the cursor, has to be laid out this frame: it is
/// near the visible area, holds the keyboard focus, or is the target of a jump.
fn must_draw(ui: &Ui, doc: &Doc, vs: &ViewState, s: usize, clip: egui::Rect, height: f32) -> bool {
    let top = ui.cursor().top();
    let margin = clip.height();
    if top < clip.bottom() + margin && top + height > clip.top() - margin {
        return true;
    }
    if vs.goto.is_some() {
        return true;
    }
    let t = doc.report.template;
    let in_section = |c: crate::template::CellId| t.tables[t.cells[c.index()].table].section == s;
    if vs.focused_cell.is_some_and(in_section) {
        return true;
    }
    ui.memory(|m| m.focused()) == Some(text_id(s))
}

fn goto_here(ui: &Ui, vs: &mut ViewState, want: &Target, rect: egui::Rect) -> bool {
    if vs.goto.as_ref() == Some(want) {
        ui.scroll_to_rect(rect, Some(Align::TOP));
        vs.goto = None;
        true
    } else {
        false
    }
}

fn header_ui(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState) {
    let pal = Palette::of(ui);
    let start = ui.cursor().min;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("报告信息").strong());
        egui::Grid::new("header-form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                fields_ui(ui, doc, vs, &pal);
            });

        years_ui(ui, doc, vs);
        egui::CollapsingHeader::new("开头说明（统计期限、下载位置、联系方式）")
            .id_salt("header-text")
            .default_open(false)
            .open(if matches!(vs.goto, Some(Target::HeaderText(_))) {
                Some(true)
            } else {
                None
            })
            .show(ui, |ui| {
                header_text_ui(ui, doc, vs);
            });
    });
    let rect = egui::Rect::from_min_max(start, ui.min_rect().max);
    if matches!(
        vs.goto,
        Some(Target::Field(
            Field::Agency | Field::Year | Field::HeaderText
        ))
    ) {
        ui.scroll_to_rect(rect, Some(Align::TOP));
        vs.goto = None;
    }
}

/// The header's fields: agency, year, kind of agency, date, format.
fn fields_ui(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState, pal: &Palette) {
    let t = doc.report.template;
    let l = ui.label("发布机关");
    let r = ui.add(
        TextEdit::singleline(&mut doc.report.agency)
            .id(field_id(Field::Agency))
            .hint_text("如：某某市某某区人民政府办公室")
            .desired_width(420.0),
    );
    let r = r.labelled_by(l.id);
    if r.changed() {
        doc.commit(EditGroup::Field("agency"));
    }
    ui.end_row();

    ui.label("报告年度");
    ui.horizontal(|ui| {
        let mut year = doc.report.year;
        let this_year = chrono::Local::now().year();
        let r = egui::ComboBox::from_id_salt(field_id(Field::Year))
            .selected_text(format!("{year}年"))
            .width(90.0)
            .height(300.0)
            .show_ui(ui, |ui| {
                for y in (2019..=this_year + 1).rev() {
                    ui.selectable_value(&mut year, y, format!("{y}年"));
                }
            });
        r.response.accessible_name("报告年度");
        if year != doc.report.year {
            doc.report.year = year;
            doc.commit(EditGroup::Field("year"));
        }
        if !t.covers_year(doc.report.year) {
            ui.colored_label(
                pal.warn_fg,
                format!(
                    "注意：{}年度应使用{}",
                    doc.report.year,
                    crate::template::for_year(doc.report.year).name
                ),
            );
        }
    });
    ui.end_row();

    ui.label("机关类型");
    ui.horizontal(|ui| {
        let mut kind = doc.report.agency_kind.clone();
        let current = t
            .agency_kinds
            .iter()
            .find(|k| k.id == kind)
            .map_or("未选择", |k| k.label.as_str());
        let r = egui::ComboBox::from_id_salt("agency-kind")
            .selected_text(current)
            .width(300.0)
            .show_ui(ui, |ui| {
                for k in &t.agency_kinds {
                    ui.selectable_value(&mut kind, k.id.clone(), &k.label);
                }
            });
        r.response.accessible_name("机关类型");
        if let Some((m, d)) = t.deadline(&kind) {
            ui.weak(format!("发布期限：次年{m}月{d}日前"));
        }
        if kind != doc.report.agency_kind {
            doc.report.agency_kind = kind;
            doc.commit(EditGroup::Field("agency_kind"));
        }
    });
    ui.end_row();

    ui.label("成文/发布日期");
    let y = doc.report.year;
    let today = chrono::Local::now().date_naive();
    let default = if today.year() == y + 1 {
        today
    } else {
        NaiveDate::from_ymd_opt(y + 1, 1, 20).unwrap_or(today)
    };
    let mut date = doc.report.publish_date;
    let r = ui.scope(|ui| {
        date_ui(
            ui,
            field_id(Field::PublishDate),
            &mut date,
            y..=y + 1,
            default,
        )
    });
    if goto_here(ui, vs, &Target::Field(Field::PublishDate), r.response.rect) {
        ui.memory_mut(|m| m.request_focus(field_id(Field::PublishDate).with("y")));
    }
    if r.inner {
        doc.report.publish_date = date;
        doc.commit(EditGroup::Field("publish_date"));
    }
    ui.end_row();

    ui.label("报告格式");
    ui.label(&t.name);
    ui.end_row();

    last_year_row(ui, doc, vs);
}

/// 历年数据: this year's key figures beside the other years' at hand (last year's report,
/// the recent drafts of the agency), when there are at least two years.
fn years_ui(ui: &mut Ui, doc: &Doc, vs: &mut ViewState) {
    let r = &doc.report;
    let (others, reading) = vs.other_years.poll();
    if reading {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
    }
    // This year's figures as they are now come first: they win over a saved copy.
    let reports = std::iter::once(r)
        .chain(r.previous.as_deref())
        .chain(others);
    let Some(years) = crate::check::years::Years::of(&r.agency, reports) else {
        return;
    };
    let span = format!(
        "历年数据（{}—{}年）",
        years.years[0],
        years.years[years.years.len() - 1]
    );
    egui::CollapsingHeader::new(span)
        .id_salt("years")
        .default_open(false)
        .show(ui, |ui| super::years::charts(ui, &years, Some(r.year)));
}

/// 上年报告: the report set beside this one (rolled over from, or chosen), the toggle of
/// its figures beside the cells, and the buttons to choose another or none.
fn last_year_row(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState) {
    ui.label("上年报告");
    ui.horizontal_wrapped(|ui| {
        match doc.report.previous.as_deref() {
            Some(last) => {
                let name = format!("{}{}年度报告", last.agency.trim(), last.year);
                match crate::model::last_year::LastYear::of(&doc.report, last) {
                    Ok(_) => ui.label(name),
                    Err(why) => ui
                        .colored_label(ui.visuals().warn_fg_color, name)
                        .on_hover_text(why.message()),
                };
                let mut show = !vs.hide_last_year;
                if ui
                    .checkbox(&mut show, "表格中显示上年数")
                    .on_hover_text("单元格左上角的浅色小字：上年数及增减；只在编辑时显示，不打印、不导出")
                    .changed()
                {
                    vs.hide_last_year = !show;
                }
                if ui.button("更换…").clicked() {
                    vs.request = Some(Command::PickLastYear);
                }
                if ui.button("不与上年比较").clicked() {
                    doc.report.previous = None;
                    doc.commit(EditGroup::Other);
                }
            }
            None => {
                ui.label(RichText::new("未选择").weak());
                if ui
                    .button("选择上年报告…")
                    .on_hover_text("上年的草稿，或已发布的 Word、网页、PDF、文本、扫描件：各数旁显示上年数，相差悬殊时提醒")
                    .clicked()
                {
                    vs.request = Some(Command::PickLastYear);
                }
            }
        }
    });
    ui.end_row();
}

/// The contact fields and the header paragraph printed after the title.
fn header_text_ui(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState) {
    egui::Grid::new("header-contact")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let h = &mut doc.report.header;
            let mut changed = false;
            for (name, value, hint) in [
                (
                    "电子版下载位置",
                    &mut h.download,
                    "默认为本机关门户网站“政府信息公开”专栏",
                ),
                ("联系地址", &mut h.address, ""),
                ("邮政编码", &mut h.postcode, ""),
                ("联系电话", &mut h.phone, ""),
            ] {
                let l = ui.label(name);
                let r = ui
                    .add(
                        TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(420.0),
                    )
                    .labelled_by(l.id);
                changed |= r.changed();
                ui.end_row();
            }
            if changed {
                doc.commit(EditGroup::Field("header"));
            }
        });
    if ui
        .button("按上述信息重新生成开头说明")
        .on_hover_text("用报告年度、机关名称和联系方式重新生成下面的文字（可撤销）")
        .clicked()
    {
        doc.report.header_text = doc.report.generated_header();
        doc.commit(EditGroup::Other);
    }
    let l = ui.label("开头说明（印在标题之后）");
    let r = ui
        .add(
            TextEdit::multiline(&mut doc.report.header_text)
                .id(header_text_id())
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if r.changed() {
        doc.commit(EditGroup::Field("header_text"));
    }
    if let Some(Target::HeaderText(range)) = vs.goto.clone() {
        ui.scroll_to_rect(r.rect, Some(Align::Center));
        r.request_focus();
        if let Some(range) = range {
            select_text(ui.ctx(), header_text_id(), &doc.report.header_text, range);
        }
        vs.goto = None;
    }
}

fn section_ui(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState, s: usize) -> egui::Rect {
    let pal = Palette::of(ui);
    let t = doc.report.template;
    let sec = &t.sections[s];
    let heading = ui.label(RichText::new(&sec.title).heading().strong());
    goto_here(ui, vs, &Target::Section(s), heading.rect);
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.label(RichText::new(&sec.guidance).weak());
        });
    match sec.table {
        None => text_section(ui, doc, vs, s, &pal),
        Some(ti) => {
            if let Some((_, msg)) = &vs.selected
                && vs.highlight.iter().any(|c| t.cells[c.index()].table == ti)
            {
                ui.colored_label(pal.warn_fg, format!("→ {msg}"));
            }
            let stale = doc.stale_totals.get(ti).copied().unwrap_or(0);
            if stale > 0 {
                ui.horizontal(|ui| {
                    ui.colored_label(
                        pal.warn_fg,
                        format!("本表有 {stale} 个合计与明细之和不一致（合计由明细自动计算，不能直接修改）。"),
                    );
                    if ui.button("按明细重新计算合计").clicked() {
                        doc.recompute_totals();
                    }
                });
            }
            table_ui(ui, doc, vs, ti);
            ui.add_space(4.0);
            let l = ui.label(RichText::new("表注（可选，印在表格下方）").small().weak());
            let r = ui
                .add(
                    TextEdit::multiline(&mut doc.report.notes[ti])
                        .desired_rows(1)
                        .desired_width(f32::INFINITY)
                        .hint_text("如：行政复议、行政诉讼数量含上年度结转数量"),
                )
                .labelled_by(l.id);
            if r.changed() {
                doc.commit(EditGroup::Note(ti));
            }
        }
    }
    heading.rect
}

/// 插入统计段落 (none of it in the text yet) or 更新统计段落 (after the tables changed):
/// the tables' figures written in the template's sentences; an edited sentence is the
/// user's and stays.
fn statistics_buttons(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState, pal: &Palette) {
    use crate::model::statistics;
    let inserted = statistics::inserted(&doc.report);
    // The validator's findings on stale sentences (S20), already in the panel: the
    // paragraph is not generated again every frame.
    let t = doc.report.template;
    let stale = doc
        .diags
        .iter()
        .filter(|d| {
            t.rules_named(d.rule)
                .any(|r| matches!(r.check, crate::template::Check::StatisticsStale))
        })
        .count();
    let (label, hover) = if inserted {
        (
            "更新统计段落",
            "按表格中现在的数字改写自动生成的统计句子；改动过的句子保持原样",
        )
    } else {
        (
            "插入统计段落",
            "按表格数据在本部分末尾写出申请、办理结果、复议诉讼等统计句子（有上年报告时写明同比增减），之后可自由修改",
        )
    };
    if ui.button(label).on_hover_text(hover).clicked() {
        match statistics::write(&mut doc.report) {
            Ok(w) => {
                doc.commit(EditGroup::Other);
                vs.statistics_note = Some(match (inserted, w.kept) {
                    (false, _) => format!("已插入 {} 句统计段落", w.rewritten),
                    (true, 0) => format!("已更新 {} 句", w.rewritten),
                    (true, k) => format!("已更新 {} 句；{k} 句已被修改过，保持原样", w.rewritten),
                });
            }
            Err(e) => vs.statistics_note = Some(e.to_string()),
        }
    }
    if stale > 0 {
        ui.colored_label(
            pal.warn_fg,
            format!("统计段落中有 {stale} 句与表格中现在的数字不一致"),
        );
    } else if let Some(note) = &vs.statistics_note {
        ui.label(RichText::new(note).weak());
    }
}

fn text_section(ui: &mut Ui, doc: &mut Doc, vs: &mut ViewState, s: usize, pal: &Palette) {
    let id = text_id(s);
    let n = char_count(&doc.report.texts[s]);
    let count = match doc.max_chars[s] {
        Some(max) if n > max => {
            RichText::new(format!("字数 {n} / {max}（超过建议篇幅）")).color(pal.warn_fg)
        }
        Some(max) => RichText::new(format!("字数 {n} / {max}")).weak(),
        None => RichText::new(format!("字数 {n}")).weak(),
    };
    ui.horizontal(|ui| {
        if doc
            .report
            .template
            .statistics
            .as_ref()
            .is_some_and(|st| st.section == s)
        {
            statistics_buttons(ui, doc, vs, pal);
        }
        ui.with_layout(egui::Layout::right_to_left(Align::Min), |ui| {
            ui.label(count);
        });
    });
    let title = format!("{}（正文）", doc.report.template.sections[s].title);
    let r = ui
        .add(
            TextEdit::multiline(&mut doc.report.texts[s])
                .id(id)
                .desired_rows(8)
                .desired_width(f32::INFINITY)
                .hint_text("在此填写本部分内容"),
        )
        .accessible_name(title);
    if r.changed() {
        doc.commit(EditGroup::Text(s));
    }
    if let Some(Target::Text(ts, range)) = vs.goto.clone()
        && ts == s
    {
        ui.scroll_to_rect(r.rect, Some(Align::Center));
        r.request_focus();
        if let Some(range) = range {
            select_text(ui.ctx(), id, &doc.report.texts[s], range);
        }
        vs.goto = None;
    }
}
