//! The `nianbao` binary: a thin shell over the library.

// On Windows a GUI program, so no console window opens behind the app; a command typed in
// a console attaches to it (`platform::attach_parent_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    nianbao::platform::attach_parent_console();
    nianbao::cli::main()
}
