//! The `nianbao` binary: a thin shell over the library.

fn main() -> std::process::ExitCode {
    nianbao::cli::main()
}
