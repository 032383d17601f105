//! The modal dialogs over the window: which one is open, and what its answer does.

use crate::ui::action::Action;
use crate::ui::dialogs::{self, Dialog};
use crate::ui::doc::Doc;
use crate::ui::files::{self, Purpose};
use crate::ui::import::FormAnswer;

use super::NianbaoApp;

impl NianbaoApp {
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            dialogs::waiting(ctx);
            return;
        }
        let Some(mut modal) = self.modal.take() else {
            return;
        };
        // Answers run with no dialog set, so what they open (e.g. an error) stays.
        let closed = self.route(ctx, &mut modal);
        if closed {
            ctx.request_repaint();
        } else {
            self.modal = Some(modal);
        }
    }

    /// Draws `modal` and carries out its answer; true once it is closed.
    pub(super) fn route(&mut self, ctx: &egui::Context, modal: &mut Dialog) -> bool {
        use dialogs::guard::GuardAnswer;
        use dialogs::new_report::NewAnswer;
        use dialogs::no_date::Choice as NoDateChoice;
        use dialogs::path::PathAnswer;
        use dialogs::recovery::RecoveryAnswer;
        match modal {
            Dialog::Guard(action) => {
                let name = self.doc.as_ref().map(Doc::file_name).unwrap_or_default();
                let Some(answer) = dialogs::guard::show(ctx, &name) else {
                    return false;
                };
                match answer {
                    GuardAnswer::Save => self.save_then(ctx, action.clone()),
                    GuardAnswer::Discard => self.run(ctx, action.clone()),
                    GuardAnswer::Cancel => {}
                }
            }
            Dialog::ConfirmDraft { print, errors } => {
                let print = *print;
                match dialogs::confirm_draft::show(ctx, print, *errors) {
                    None => return false,
                    Some(true) if print => self.print_now(),
                    Some(true) => self.export_pdf_now(ctx),
                    Some(false) => {}
                }
            }
            Dialog::NoDate(form) => {
                let print = form.print;
                match form.show(ctx) {
                    None => return false,
                    Some(NoDateChoice::Date(d)) => {
                        // Filled in as an edit of the date field: undoable, and validated.
                        if let Some(doc) = &mut self.doc {
                            doc.report.publish_date = Some(d);
                            doc.commit(crate::ui::doc::EditGroup::Field("publish_date"));
                        }
                        self.pdf_or_print(ctx, print, true);
                    }
                    Some(NoDateChoice::WithoutDate) => self.pdf_or_print(ctx, print, true),
                    Some(NoDateChoice::Cancel) => {}
                }
            }
            Dialog::Print(form) => match form.show(ctx, &*self.printing) {
                None => return false,
                Some(dialogs::print::PrintAnswer::Close) => {}
                Some(dialogs::print::PrintAnswer::Print {
                    job,
                    two_sided,
                    system,
                }) => {
                    let result = match (&self.doc, self.pdf_options()) {
                        (Some(d), Ok(mut opts)) => {
                            opts.two_sided = two_sided;
                            files::print_job(&*self.printing, &d.report, &opts, &job, system)
                        }
                        (_, Err(e)) => Err(format!("{e:#}")),
                        (None, _) => Err("没有打开的报告".into()),
                    };
                    match &result {
                        Ok(msg) => {
                            self.status = msg.clone();
                            self.last_printer = job.printer.clone();
                        }
                        Err(e) => self.status = format!("打印失败：{e}"),
                    }
                    form.result = Some(result);
                    return false;
                }
            },
            Dialog::Error(msg) => return dialogs::error::show(ctx, msg),
            Dialog::Infographic(view) => match view.show(ctx) {
                None => return false,
                Some(dialogs::infographic::GraphicAnswer::Save(format)) => {
                    self.pick(ctx, Purpose::ExportInfographic(format))
                }
                Some(dialogs::infographic::GraphicAnswer::Close) => {}
            },
            Dialog::New(form) => match form.show(ctx) {
                None => return false,
                Some(NewAnswer::Create(r)) => {
                    self.status = "已新建报告".into();
                    self.set_doc(Doc::new(*r, None, true));
                }
                Some(NewAnswer::Cancel) => {}
            },
            Dialog::Path(form) => match form.show(ctx) {
                None => return false,
                Some(PathAnswer::Chosen(p)) => self.perform(ctx, form.purpose.clone(), p),
                Some(PathAnswer::Cancel) => {}
            },
            Dialog::RolloverReview(items) => return dialogs::rollover::show(ctx, items),
            Dialog::Notice { title, items } => return dialogs::notice::show(ctx, title, items),
            Dialog::Import(form) => match dialogs::import::show(ctx, form) {
                None => return false,
                Some(FormAnswer::Cancel) => {}
                Some(FormAnswer::PickFile) => self.pick(ctx, Purpose::Import),
                Some(FormAnswer::Import(i)) => self.imported(*i),
            },
            Dialog::Importing(state) => return self.importing(ctx, state),
            Dialog::ImportReview {
                summary,
                notes,
                verdict,
            } => return dialogs::import::show_review(ctx, summary, notes, verdict),
            Dialog::Recovery(found) => match dialogs::recovery::show(ctx, found) {
                None => return false,
                Some(RecoveryAnswer::Restore) => {
                    let (report, original) = (found.report.clone(), found.original.clone());
                    self.set_doc(Doc::new(report, original, false));
                    self.status = "已恢复，请检查后保存".into();
                }
                Some(RecoveryAnswer::Discard) => {
                    self.autosave.clear();
                    if let Some(f) = self.autosave.open_after_recovery.take() {
                        self.open_any(f);
                    }
                }
            },
        }
        true
    }

    /// The import under way: its progress, 取消, and its outcome once it has ended.
    fn importing(&mut self, ctx: &egui::Context, state: &dialogs::importing::Importing) -> bool {
        if dialogs::importing::show(ctx, state) {
            state.job.cancel();
        }
        let Some(mut result) = state.job.try_result() else {
            return false;
        };
        // 取消 pressed while the last page was being read: the user's word stands.
        if state.job.is_cancelled() {
            result = Err(crate::import::ImportError::Cancelled);
        }
        self.import_ended(&state.name, result, state.last_year);
        true
    }

    /// 保存 in the unsaved-changes dialog: save (asking for a name if needed), then go on.
    pub(super) fn save_then(&mut self, ctx: &egui::Context, a: Action) {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(p) => {
                if self.save_to(p) {
                    self.run(ctx, a);
                }
            }
            None => self.save_as(ctx, Some(a)),
        }
    }
}
