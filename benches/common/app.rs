//! The application as the frame benchmarks and `examples/frame_profile.rs` drive it:
//! headless, with a context set up as the window's.

use std::time::Duration;

use nianbao::model::sample;
use nianbao::template::{self, Template};
use nianbao::ui::{Config, NianbaoApp, setup_context};

/// A headless run's settings: no native dialogs, no recovery copies.
pub fn config() -> Config {
    Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::from_secs(2),
    }
}

/// A context set up as the window's (fonts, style).
pub fn context() -> egui::Context {
    let ctx = egui::Context::default();
    setup_context(&ctx);
    ctx
}

/// The 2021 template and the app with its full sample report for 2025 open.
pub fn with_full_report() -> (&'static Template, NianbaoApp) {
    let t = template::get("gov-info-annual-2021").expect("template");
    let app = NianbaoApp::new(config(), vec![], None).with_report(sample::filled(t, 2025), None);
    (t, app)
}

/// As [`with_full_report`], with last year's full report beside it: every cell shows last
/// year's figure and the change.
#[allow(dead_code)]
pub fn with_last_year() -> (&'static Template, NianbaoApp) {
    let t = template::get("gov-info-annual-2021").expect("template");
    let mut r = sample::filled(t, 2025);
    r.previous = Some(Box::new(sample::filled(t, 2024)));
    let app = NianbaoApp::new(config(), vec![], None).with_report(r, None);
    (t, app)
}
