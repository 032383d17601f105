//! The window without a GPU driver: egui painted on the CPU.
//!
//! The last of the three ways the window is drawn ([`crate::ui::run`]): OpenGL 2 (glow),
//! then Direct3D 12 through wgpu (Windows 10/11, on WARP when there is no GPU driver), then
//! this, which needs nothing but GDI and so also opens on a Windows 7 PC whose driver offers
//! only OpenGL 1.1 (remote desktop, 云桌面, old integrated graphics). It is slower per frame
//! than a GPU but egui repaints only on input.
//!
//! * [`crate::export::raster`] — egui's triangles into a pixel buffer (shared with the
//!   图解's PNG, so compiled and tested everywhere);
//! * `window` — winit + egui-winit + softbuffer (Windows builds, or the `software-window`
//!   feature to try it on Linux);
//! * `storage` — the settings file eframe would keep.

#[cfg(any(windows, feature = "software-window"))]
pub mod storage;
#[cfg(any(windows, feature = "software-window"))]
pub mod window;
