//! The main window drawn without a GPU: winit opens it and egui-winit turns its input into
//! egui's (keyboard, IME, mouse, dropped files, clipboard, DPI), as eframe does; the frame is
//! painted on the CPU ([`super::raster`]) and shown with softbuffer (GDI on Windows, so it
//! works on any Windows 7 to 11 PC, over remote desktop and in a 云桌面 alike).

use std::num::NonZeroU32;
use std::rc::Rc;
use std::time::{Duration, Instant};

use egui::{ViewportCommand, ViewportId, ViewportInfo};
use winit::application::ApplicationHandler;
use winit::event::WindowEvent;
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop};
use winit::window::{Window, WindowId};

use super::storage::FileStorage;
use crate::export::raster::{Canvas, Textures, paint};
use crate::ui::NianbaoApp;

type Surface = softbuffer::Surface<Rc<Window>, Rc<Window>>;

struct Open {
    window: Rc<Window>,
    surface: Surface,
    state: egui_winit::State,
    info: ViewportInfo,
    canvas: Canvas,
    textures: Textures,
    first_frame: bool,
    repaint_at: Option<Instant>,
}

struct Software {
    ctx: egui::Context,
    app: NianbaoApp,
    viewport: egui::ViewportBuilder,
    storage: FileStorage,
    open: Option<Open>,
    error: Option<String>,
}

/// Runs `app` in a CPU-drawn window until it is closed; the reason when the window could
/// not be opened at all.
pub fn run(
    ctx: egui::Context,
    app: NianbaoApp,
    viewport: egui::ViewportBuilder,
    storage: FileStorage,
) -> Result<(), String> {
    // Repaints asked for from other threads (file dialogs, fonts, 批量检查) wake the loop.
    let event_loop = EventLoop::<Instant>::with_user_event()
        .build()
        .map_err(|e| e.to_string())?;
    let proxy = event_loop.create_proxy();
    ctx.set_request_repaint_callback(move |info| {
        let _ = proxy.send_event(Instant::now() + info.delay);
    });
    let mut sw = Software {
        ctx,
        app,
        viewport,
        storage,
        open: None,
        error: None,
    };
    event_loop.run_app(&mut sw).map_err(|e| e.to_string())?;
    match sw.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

impl Software {
    fn open(&mut self, event_loop: &ActiveEventLoop) -> Result<Open, String> {
        let window = egui_winit::create_window(&self.ctx, event_loop, &self.viewport)
            .map_err(|e| e.to_string())?;
        let window = Rc::new(window);
        let context = softbuffer::Context::new(window.clone()).map_err(|e| e.to_string())?;
        let surface = Surface::new(&context, window.clone()).map_err(|e| e.to_string())?;
        let state = egui_winit::State::new(
            self.ctx.clone(),
            ViewportId::ROOT,
            event_loop,
            Some(window.scale_factor() as f32),
            window.theme(),
            None,
        );
        window.request_redraw();
        Ok(Open {
            window,
            surface,
            state,
            info: ViewportInfo::default(),
            canvas: Canvas::default(),
            textures: Textures::default(),
            first_frame: true,
            repaint_at: None,
        })
    }

    /// Runs one egui pass and shows it; false when the app has agreed to close.
    fn frame(&mut self) -> Result<bool, String> {
        let Some(o) = self.open.as_mut() else {
            return Ok(true);
        };
        let mut raw = o.state.take_egui_input(&o.window);
        egui_winit::update_viewport_info(&mut o.info, &self.ctx, &o.window, o.first_frame);
        o.first_frame = false;
        raw.viewports.insert(ViewportId::ROOT, o.info.clone());
        o.info.events.clear();
        let close_requested = raw.viewport().close_requested();
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(raw, |ui| {
            app.ui(ui);
            if app.exit_after_first_frame {
                ui.ctx().send_viewport_cmd(ViewportCommand::Close);
            }
        });
        o.state
            .handle_platform_output(&o.window, std::mem::take(&mut out.platform_output));
        let mut delta = std::mem::take(&mut out.textures_delta);
        o.textures.set(&delta);
        let (commands, repaint_delay) = out
            .viewport_output
            .remove(&ViewportId::ROOT)
            .map_or((Vec::new(), Duration::MAX), |v| {
                (v.commands, v.repaint_delay)
            });
        if close_requested && !commands.contains(&ViewportCommand::CancelClose) {
            o.textures.free(&mut delta);
            return Ok(false);
        }
        let primitives = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let fill = self.ctx.global_style().visuals.panel_fill;
        let shown = show(o, &primitives, out.pixels_per_point, fill);
        o.textures.free(&mut delta);
        shown?;
        let mut actions = Vec::new();
        egui_winit::process_viewport_commands(
            &self.ctx,
            &mut o.info,
            commands,
            &o.window,
            &mut actions,
        );
        if !o.info.events.is_empty() {
            o.window.request_redraw(); // a Close the app asked for is handled next frame
        }
        o.repaint_at =
            (repaint_delay < Duration::from_secs(3600)).then(|| Instant::now() + repaint_delay);
        Ok(true)
    }

    fn close(&mut self, event_loop: &ActiveEventLoop) {
        eframe::App::save(&mut self.app, &mut self.storage);
        self.storage.flush_now();
        self.open = None;
        event_loop.exit();
    }
}

/// Paints the frame into the window's pixels.
fn show(
    o: &mut Open,
    primitives: &[egui::ClippedPrimitive],
    pixels_per_point: f32,
    fill: egui::Color32,
) -> Result<(), String> {
    let size = o.window.inner_size();
    // A minimised window has no pixels.
    let (Some(w), Some(h)) = (NonZeroU32::new(size.width), NonZeroU32::new(size.height)) else {
        return Ok(());
    };
    o.surface.resize(w, h).map_err(|e| e.to_string())?;
    o.canvas.clear(w.get() as usize, h.get() as usize, fill);
    paint(&mut o.canvas, &o.textures, primitives, pixels_per_point);
    let mut buffer = o.surface.buffer_mut().map_err(|e| e.to_string())?;
    buffer.copy_from_slice(&o.canvas.pixels);
    buffer.present().map_err(|e| e.to_string())
}

impl ApplicationHandler<Instant> for Software {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.open.is_some() {
            return;
        }
        match self.open(event_loop) {
            Ok(o) => self.open = Some(o),
            Err(e) => {
                self.error = Some(e);
                event_loop.exit();
            }
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _: WindowId, event: WindowEvent) {
        let Some(o) = self.open.as_mut() else { return };
        match event {
            WindowEvent::RedrawRequested => match self.frame() {
                Ok(true) => {}
                Ok(false) => self.close(event_loop),
                Err(e) => {
                    // The window cannot be shown: keep the user's work by closing as a
                    // close request would (the app has saved its recovery copy already).
                    eprintln!("无法绘制窗口：{e}");
                    self.error = Some(e);
                    self.close(event_loop);
                }
            },
            WindowEvent::CloseRequested => {
                o.info.events.push(egui::ViewportEvent::Close);
                o.window.request_redraw();
            }
            other => {
                if o.state.on_window_event(&o.window, &other).repaint {
                    o.window.request_redraw();
                }
            }
        }
    }

    fn user_event(&mut self, _: &ActiveEventLoop, at: Instant) {
        let Some(o) = self.open.as_mut() else { return };
        if at <= Instant::now() {
            o.window.request_redraw();
        } else {
            o.repaint_at = Some(o.repaint_at.map_or(at, |t| t.min(at)));
        }
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        let Some(o) = self.open.as_mut() else { return };
        match o.repaint_at {
            Some(t) if t <= Instant::now() => {
                o.repaint_at = None;
                o.window.request_redraw();
                event_loop.set_control_flow(ControlFlow::Wait);
            }
            Some(t) => event_loop.set_control_flow(ControlFlow::WaitUntil(t)),
            None => event_loop.set_control_flow(ControlFlow::Wait),
        }
    }
}
