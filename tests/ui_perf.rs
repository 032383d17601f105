//! How long a frame of the real UI takes while typing into a published report.
//!
//! `cargo test --release --test ui_perf -- --nocapture` prints the figures; in release builds
//! the test fails if a frame takes longer than a 60 Hz display allows.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::draft;
use nianbao::ui::{Config, NianbaoApp, setup_context};

#[test]
fn typing_stays_within_a_frame() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/001_4215243010f676eb.ron"
    );
    let report = draft::load(std::path::Path::new(path)).unwrap();
    let t = report.template;
    let config = Config {
        native_dialogs: false,
        recovery_dir: None,
        autosave_delay: Duration::from_secs(2),
    };
    let app = NianbaoApp::new(config, vec![], None).with_report(report, None);
    // A tall window lays out every cell each frame: the worst case.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 4000.0))
        .with_max_steps(12)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.ui(ui), app);
    h.run();

    let mut ui_times = Vec::new();
    let mut step_times = Vec::new();
    let mut validate_times = Vec::new();
    let cells: Vec<_> = t
        .table_cells(1)
        .filter(|c| !t.derived[c.index()])
        .take(40)
        .collect();
    for (i, c) in cells.iter().enumerate() {
        let label = t.cell_label(*c);
        h.get_by_label(&label).click();
        h.run();
        for ch in (i % 10).to_string().chars().chain(['0']) {
            h.get_by_label(&label).type_text(&ch.to_string());
            let start = Instant::now();
            h.step();
            step_times.push(start.elapsed());
            ui_times.push(h.state().frame_time);
            validate_times.push(h.state().doc.as_ref().unwrap().validate_time);
        }
    }
    let stats = |v: &mut Vec<Duration>| {
        v.sort();
        let mean = v.iter().sum::<Duration>() / v.len() as u32;
        (mean, v[v.len() * 95 / 100], *v.last().unwrap())
    };
    let (ui_mean, ui_p95, ui_max) = stats(&mut ui_times);
    let (st_mean, st_p95, st_max) = stats(&mut step_times);
    let (va_mean, _, va_max) = stats(&mut validate_times);
    println!(
        "{} keystrokes: app ui mean {ui_mean:?} p95 {ui_p95:?} max {ui_max:?}; \
         whole frame (with accessibility tree) mean {st_mean:?} p95 {st_p95:?} max {st_max:?}; \
         validation mean {va_mean:?} max {va_max:?}",
        ui_times.len()
    );
    if !cfg!(debug_assertions) {
        assert!(ui_p95 < Duration::from_millis(16), "p95 frame {ui_p95:?}");
    }
}
