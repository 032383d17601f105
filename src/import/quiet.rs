//! Running third-party code that may panic on hostile input, quietly.
//!
//! `pdf-extract` and `lopdf` unwrap freely on malformed files. The reader catches such a
//! panic and answers "文件无法读取", but the panic hook would still print the message (and
//! a backtrace) to the user's terminal, and under a fuzzer the hook aborts at the first
//! caught panic. [`catch`] marks the thread while the closure runs; a hook installed once
//! keeps quiet about panics on a marked thread and hands every other panic to the hook
//! that was there before (the default one, or the fuzzer's), so a panic in our own code
//! is as loud as ever.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic inside it into `None` without a word on the terminal.
pub(super) fn catch<T>(f: impl FnOnce() -> T) -> Option<T> {
    install_hook();
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::catch;

    #[test]
    fn a_panic_inside_becomes_none_and_outside_stays_a_panic() {
        assert_eq!(catch(|| 7), Some(7));
        assert_eq!(catch(|| -> i32 { panic!("malformed") }), None);
        // The mark is gone afterwards: a panic of our own still unwinds to its caller.
        let outside = std::panic::catch_unwind(|| panic!("ours"));
        assert!(outside.is_err());
    }
}
