//! The app's settings file as eframe keeps it (`<storage_dir>/app.ron`, a RON map of keys to
//! RON strings), so recent files are the same whichever renderer drew the window. eframe's
//! own storage type is private to it.

use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct FileStorage {
    path: Option<PathBuf>,
    kv: HashMap<String, String>,
    dirty: bool,
}

impl FileStorage {
    /// eframe's file for `app_id`, read if it exists; nothing is kept without a folder.
    pub fn from_app_id(app_id: &str) -> FileStorage {
        let path = eframe::storage_dir(app_id).map(|d| d.join("app.ron"));
        let kv = path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|s| ron::from_str(&s).ok())
            .unwrap_or_default();
        FileStorage {
            path,
            kv,
            dirty: false,
        }
    }

    /// Writes the settings if they changed. A failure only loses the recent-files list.
    pub fn flush_now(&mut self) {
        let Some(path) = &self.path else { return };
        if !self.dirty {
            return;
        }
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let text = ron::ser::to_string_pretty(&self.kv, Default::default());
        if let Ok(text) = text
            && std::fs::write(path, text).is_ok()
        {
            self.dirty = false;
        }
    }
}

impl eframe::Storage for FileStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.kv.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        if self.kv.get(key) != Some(&value) {
            self.kv.insert(key.to_string(), value);
            self.dirty = true;
        }
    }

    fn remove_string(&mut self, key: &str) {
        self.dirty |= self.kv.remove(key).is_some();
    }

    fn flush(&mut self) {
        self.flush_now();
    }
}
