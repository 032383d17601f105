//! "打印": printer, copies, pages and two-sided printing, then the job's outcome. Nothing is
//! printed until 打印 is pressed.

use egui::{RichText, Ui};

use crate::print::{Job, PageRanges, PrintBackend, PrinterInfo, PrinterState, Sides};

/// The dialog's state.
pub struct PrintForm {
    /// The system's printers; `None` when there is no print system.
    pub printers: Option<Vec<PrinterInfo>>,
    /// Index into `printers`.
    pub printer: usize,
    /// Whether each printer prints on both sides, once asked.
    duplex: Vec<Option<bool>>,
    pub copies: u32,
    pub pages: Pages,
    /// The page the preview shows (from 0), offered as 当前页.
    pub current: Option<usize>,
    pub range: String,
    pub two_sided: bool,
    /// The user changed 双面打印: a change of printer no longer resets it.
    two_sided_chosen: bool,
    /// Pages of the document, to check the range.
    pub page_count: usize,
    /// Why the last 打印 was refused, or the job's outcome.
    pub result: Option<Result<String, String>>,
    /// The report's title, for the printer's queue.
    title: String,
}

/// Which pages to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    All,
    /// The page shown in the preview.
    Current,
    /// The range typed.
    Range,
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintAnswer {
    /// Print `job`; `system` is false when the PDF is to open in the viewer instead.
    Print {
        job: Job,
        two_sided: bool,
        system: bool,
    },
    /// 取消 (or 关闭 after the job was sent).
    Close,
}

impl PrintForm {
    /// A dialog for a document of `page_count` pages, with the default printer selected.
    pub fn new(backend: &dyn PrintBackend, page_count: usize, title: String) -> PrintForm {
        let printers = backend.printers();
        let n = printers.as_ref().map_or(0, Vec::len);
        let mut form = PrintForm {
            printer: printers
                .as_ref()
                .and_then(|p| p.iter().position(|i| i.is_default))
                .unwrap_or(0),
            printers,
            duplex: vec![None; n],
            copies: 1,
            pages: Pages::All,
            current: None,
            range: String::new(),
            two_sided: false,
            two_sided_chosen: false,
            page_count,
            result: None,
            title,
        };
        form.printer_changed(backend);
        form
    }

    /// Selects the printer `name` if the system has it (the one printed to last).
    pub fn select(&mut self, name: &str, backend: &dyn PrintBackend) {
        let Some(i) = self
            .printers
            .as_ref()
            .and_then(|l| l.iter().position(|p| p.name == name))
        else {
            return;
        };
        if i != self.printer {
            self.printer = i;
            self.printer_changed(backend);
        }
    }

    fn selected(&self) -> Option<&PrinterInfo> {
        self.printers.as_ref()?.get(self.printer)
    }

    /// Asks whether the selected printer prints on both sides; two-sided is on by default
    /// where it does.
    fn printer_changed(&mut self, backend: &dyn PrintBackend) {
        let Some(name) = self.selected().map(|p| p.name.clone()) else {
            return;
        };
        let d = *self.duplex[self.printer].get_or_insert_with(|| backend.duplex(&name));
        if !self.two_sided_chosen {
            self.two_sided = d;
        }
    }

    /// Whether the selected printer is known to print on both sides.
    pub fn duplex(&self) -> Option<bool> {
        self.duplex.get(self.printer).copied().flatten()
    }

    /// The job the form describes, or why it cannot be printed.
    pub fn job(&self) -> Result<Job, String> {
        let system = self.printers.is_some();
        if system && self.selected().is_none() {
            return Err("没有可用的打印机：请先在系统设置中添加打印机".into());
        }
        let pages = match (self.pages, self.current) {
            _ if !system => None,
            (Pages::All, _) | (Pages::Current, None) => None,
            (Pages::Current, Some(p)) => Some(PageRanges(vec![(p as u32 + 1, p as u32 + 1)])),
            (Pages::Range, _) => Some(PageRanges::parse(
                &self.range,
                Some(self.page_count as u32),
            )?),
        };
        Ok(Job {
            printer: self.selected().map(|p| p.name.clone()),
            copies: if system { self.copies } else { 1 },
            pages,
            sides: if self.two_sided {
                Sides::TwoSidedLongEdge
            } else {
                Sides::OneSided
            },
            title: self.title.clone(),
        })
    }

    /// Draws the dialog; the answer once a button is pressed.
    pub fn show(&mut self, ctx: &egui::Context, backend: &dyn PrintBackend) -> Option<PrintAnswer> {
        egui::Modal::new(egui::Id::unique("print"))
            .show(ctx, |ui| self.ui(ui, backend))
            .inner
    }

    fn ui(&mut self, ui: &mut Ui, backend: &dyn PrintBackend) -> Option<PrintAnswer> {
        ui.set_width(480.0);
        ui.label(RichText::new("打印").heading());
        ui.add_space(6.0);
        let sent = matches!(self.result, Some(Ok(_)));
        let system = self.printers.is_some();
        ui.add_enabled_ui(!sent, |ui| {
            egui::Grid::new("print-form")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    self.printer_row(ui, backend);
                    let l = ui.label("份数");
                    ui.add_enabled(
                        system,
                        egui::DragValue::new(&mut self.copies).range(1..=999),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    self.pages_row(ui, system);
                    self.sides_row(ui, system);
                });
        });
        if !system {
            ui.add_space(4.0);
            ui.label(NO_PRINTER);
        }
        match &self.result {
            Some(Ok(msg)) => {
                ui.add_space(6.0);
                ui.label(RichText::new(msg).strong());
            }
            Some(Err(msg)) => {
                ui.add_space(6.0);
                ui.colored_label(ui.visuals().error_fg_color, msg);
            }
            None => {}
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| self.buttons(ui, sent, system)).inner
    }

    /// 打印机: the printers, the default marked, with their states.
    fn printer_row(&mut self, ui: &mut Ui, backend: &dyn PrintBackend) {
        let l = ui.label("打印机");
        match &self.printers {
            None => {
                ui.label(if cfg!(windows) {
                    "未找到打印机"
                } else {
                    "未找到打印服务"
                });
            }
            Some(list) if list.is_empty() => {
                ui.label("没有打印机");
            }
            Some(list) => {
                let name = |p: &PrinterInfo| {
                    let mut s = p.name.clone();
                    if p.is_default {
                        s.push_str("（默认）");
                    }
                    match p.state {
                        Some(PrinterState::Disabled) => s.push_str(" · 已停用"),
                        Some(PrinterState::Printing) => s.push_str(" · 正在打印"),
                        _ => {}
                    }
                    s
                };
                let before = self.printer;
                egui::ComboBox::from_id_salt("print-printer")
                    .selected_text(name(&list[self.printer]))
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for (i, p) in list.iter().enumerate() {
                            ui.selectable_value(&mut self.printer, i, name(p));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if self.printer != before {
                    self.printer_changed(backend);
                }
            }
        }
        ui.end_row();
    }

    /// 页码: all, the preview's current page, or a typed range.
    fn pages_row(&mut self, ui: &mut Ui, system: bool) {
        ui.label("页码");
        ui.add_enabled_ui(system, |ui| {
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut self.pages,
                    Pages::All,
                    format!("全部（共 {} 页）", self.page_count),
                );
                if let Some(p) = self.current {
                    ui.radio_value(
                        &mut self.pages,
                        Pages::Current,
                        format!("当前页（第 {} 页）", p + 1),
                    );
                }
                let range = ui.radio_value(&mut self.pages, Pages::Range, "页码范围");
                let r = ui
                    .add_enabled(
                        self.pages == Pages::Range,
                        egui::TextEdit::singleline(&mut self.range)
                            .hint_text("如 1-3,5")
                            .desired_width(110.0),
                    )
                    .on_hover_text("页码从 1 开始，用“-”表示范围，用“,”分隔")
                    .labelled_by(range.id);
                if r.changed() {
                    self.result = None;
                }
            });
        });
        ui.end_row();
    }

    /// 双面打印, with what the printer reported.
    fn sides_row(&mut self, ui: &mut Ui, system: bool) {
        ui.label("");
        let hint = match (system, self.duplex()) {
            (false, _) => "页码单页居右、双页居左；在 PDF 阅读器中选择双面打印",
            (true, Some(true)) => "长边翻转；页码单页居右、双页居左（GB/T 9704）",
            (true, _) => "此打印机未报告支持双面打印；页码单页居右、双页居左",
        };
        if ui
            .checkbox(&mut self.two_sided, "双面打印")
            .on_hover_text(hint)
            .changed()
        {
            self.two_sided_chosen = true;
        }
        ui.end_row();
    }

    /// 打印 / 取消, or 关闭 once the job was sent.
    fn buttons(&mut self, ui: &mut Ui, sent: bool, system: bool) -> Option<PrintAnswer> {
        if sent {
            return ui.button("关闭").clicked().then_some(PrintAnswer::Close);
        }
        let mut answer = None;
        if ui.button("打印").clicked() {
            match self.job() {
                Ok(job) => {
                    answer = Some(PrintAnswer::Print {
                        job,
                        two_sided: self.two_sided,
                        system,
                    })
                }
                Err(e) => self.result = Some(Err(e)),
            }
        }
        if ui.button("取消").clicked() {
            answer = Some(PrintAnswer::Close);
        }
        answer
    }
}

/// What 打印 does where there is nothing to print to.
const NO_PRINTER: &str = if cfg!(windows) {
    "本机没有安装打印机。按“打印”将生成 PDF 并用默认 PDF 阅读器打开，请在阅读器中选择打印机、份数和页码后打印。"
} else {
    "本机没有可用的打印服务（CUPS）。按“打印”将生成 PDF 并用默认 PDF 阅读器打开，请在阅读器中选择打印机、份数和页码后打印。"
};
