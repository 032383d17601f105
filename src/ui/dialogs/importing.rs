//! "正在导入": an import under way (a scan's OCR), the pages read so far, and 取消.

use egui::RichText;

use crate::import::job::Job;

/// The file being imported and its job.
pub struct Importing {
    pub name: String,
    pub job: Job,
    /// The report is last year's, to set beside the open one (not opened itself).
    pub last_year: bool,
}

/// Shows the job's progress for one frame; true once the user has asked to cancel.
pub fn show(ctx: &egui::Context, state: &Importing) -> bool {
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("importing")).show(ctx, |ui| {
        ui.set_width(420.0);
        let title = if state.last_year {
            "正在读取上年报告"
        } else {
            "正在导入"
        };
        ui.label(RichText::new(title).heading());
        ui.add_space(4.0);
        ui.label(&state.name);
        ui.add_space(6.0);
        match state.job.pages() {
            Some((done, total)) => {
                ui.label(format!(
                    "这是扫描件，正在识别文字：第 {} / {total} 页",
                    (done + 1).min(total)
                ));
                ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).show_percentage());
            }
            // The same two lines as a scan's, so 取消 stays where it is when pages start
            // to be counted.
            None => {
                ui.label("正在读取……");
                ui.add(egui::ProgressBar::new(0.0).animate(true));
            }
        }
        ui.add_space(10.0);
        if state.job.is_cancelled() {
            ui.label("正在取消……");
        } else if ui.button("取消").clicked() {
            cancel = true;
        }
    });
    // The job wakes the window after each page; this covers a window made before it
    // had a context to wake.
    ctx.request_repaint_after(std::time::Duration::from_millis(200));
    cancel || ctx.input(|i| i.key_pressed(egui::Key::Escape))
}
