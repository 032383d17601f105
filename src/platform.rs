//! What the desktops differ in, outside printing ([`crate::print`]): the console a command
//! was typed in, and the folder where a user keeps documents.

use std::path::PathBuf;

/// Lets a command typed in a Windows console print there.
///
/// nianbao.exe is a GUI-subsystem program, so that no console window opens behind the
/// window; Windows then starts it without standard handles. A command (`nianbao.exe
/// validate …`) attaches to the console of the cmd or PowerShell that started it, for the
/// handles not already redirected to a file or pipe. Elsewhere, and when started from
/// Explorer (no parent console), this does nothing.
pub fn attach_parent_console() {
    #[cfg(windows)]
    windows::attach_parent_console();
}

/// The folder new drafts and exports are suggested in: 文档 (Documents) on Windows, wherever
/// the system or a domain policy has put it; the home folder elsewhere; the working folder
/// when neither is known.
pub fn documents_dir() -> PathBuf {
    #[cfg(windows)]
    if let Some(d) = windows::documents_dir() {
        return d;
    }
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Whether an I/O error is a file held open by another program (Word, WPS, a virus scanner,
/// a sync client): on Windows such a file cannot be replaced or deleted until it is closed.
pub fn is_locked(e: &std::io::Error) -> bool {
    // ERROR_ACCESS_DENIED (also what replacing an open file gives), ERROR_SHARING_VIOLATION,
    // ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE.
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33 | 1224))
}

/// A Chinese reason for the Windows errors `std::io::ErrorKind` does not name; `None` for
/// the others (and on other systems).
pub fn windows_reason(e: &std::io::Error) -> Option<&'static str> {
    if !cfg!(windows) {
        return None;
    }
    Some(match e.raw_os_error()? {
        5 => "没有访问权限（文件可能为只读，或正被其他程序占用）",
        32 | 33 | 1224 => "文件正被其他程序（如 Word、WPS 或杀毒软件）占用，请关闭后重试",
        3 => "文件夹不存在（U 盘或网络驱动器是否已断开？）",
        21 | 1167 => "设备未就绪（U 盘是否已拔出？）",
        53 | 59 | 64 | 67 | 1231 => "网络路径无法访问（网络驱动器是否已断开？）",
        206 => "路径过长，请选择较短的文件夹或文件名",
        19 => "磁盘有写保护",
        112 => "磁盘空间不足",
        _ => return None,
    })
}

#[cfg(windows)]
pub(crate) mod windows {
    use std::ffi::c_void;
    use std::os::windows::ffi::OsStringExt;
    use std::path::PathBuf;

    use windows_sys::Win32::Foundation::{HANDLE, INVALID_HANDLE_VALUE};
    use windows_sys::Win32::System::Com::CoTaskMemFree;
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_HANDLE,
        STD_OUTPUT_HANDLE, SetStdHandle,
    };
    use windows_sys::Win32::UI::Shell::{
        FOLDERID_Documents, KF_FLAG_DEFAULT, SHGetKnownFolderPath,
    };

    /// `s` as a NUL-terminated UTF-16 string, for Win32.
    pub(crate) fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain(Some(0)).collect()
    }

    /// A NUL-terminated UTF-16 string the system wrote (empty for a null pointer).
    ///
    /// # Safety
    /// `p` is null or points to a NUL-terminated string.
    pub(crate) unsafe fn from_wide(p: *const u16) -> std::ffi::OsString {
        if p.is_null() {
            return std::ffi::OsString::new();
        }
        // SAFETY: the caller passes a NUL-terminated string.
        unsafe {
            let len = (0..).take_while(|&i| *p.add(i) != 0).count();
            std::ffi::OsString::from_wide(std::slice::from_raw_parts(p, len))
        }
    }

    fn valid(h: HANDLE) -> bool {
        !h.is_null() && h != INVALID_HANDLE_VALUE
    }

    pub fn attach_parent_console() {
        let ids: [STD_HANDLE; 2] = [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE];
        // SAFETY: plain Win32 calls on the process's own standard handles.
        unsafe {
            let before = ids.map(|id| GetStdHandle(id));
            if before.iter().all(|&h| valid(h)) {
                return; // both redirected (or a console program's own)
            }
            if AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
                return; // started from Explorer or a shortcut
            }
            // Keep what was redirected (`> out.txt`, a pipe); AttachConsole may have replaced it.
            for (id, h) in ids.into_iter().zip(before) {
                if valid(h) {
                    SetStdHandle(id, h);
                }
            }
        }
    }

    pub fn documents_dir() -> Option<PathBuf> {
        let mut path: *mut u16 = std::ptr::null_mut();
        // SAFETY: the shell allocates `path`, which is read up to its NUL and then freed.
        unsafe {
            let hr = SHGetKnownFolderPath(
                &FOLDERID_Documents,
                KF_FLAG_DEFAULT as u32,
                std::ptr::null_mut(),
                &mut path,
            );
            let out = (hr == 0 && !path.is_null()).then(|| PathBuf::from(from_wide(path)));
            CoTaskMemFree(path as *const c_void);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_documents_folder_is_the_home_folder_off_windows() {
        if cfg!(windows) {
            return;
        }
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
        assert_eq!(Some(super::documents_dir()), home);
    }

    #[test]
    fn windows_error_codes_have_reasons_only_on_windows() {
        let locked = std::io::Error::from_raw_os_error(32);
        assert_eq!(super::is_locked(&locked), cfg!(windows));
        assert_eq!(super::windows_reason(&locked).is_some(), cfg!(windows));
    }
}
