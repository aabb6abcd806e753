//! Choosing many files at once: every file of an `<input type=file multiple>` or of a drop,
//! and a whole folder through `showDirectoryPicker` where the browser has it (Chromium, also on
//! `file://`). A chosen folder is a handle that IndexedDB keeps (structured clone), so it can be
//! read again later, after the browser grants permission again.
//!
//! For the materials check only a file's description is taken ([`path_of`], [`with_metadata`]:
//! its path, size and date); nothing here reads a file's contents unless the caller reads the
//! `File` itself.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use maturity_core::assess::materials::CheckedFile;
use maturity_core::store::persist::Key;
use maturity_core::text::Lang;

use crate::web::files::{error_name, FileError};
use crate::web::idb::{Idb, IdbError};

/// Every file of an `<input type=file>` change event (the input is reset, so choosing the
/// same files again fires another change).
pub fn files_of_input(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = list(input.files());
    input.set_value("");
    files
}

/// Every file of a drop event.
pub fn files_of_drop(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    list(ev.data_transfer().and_then(|d| d.files()))
}

fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// A file's path inside the folder chosen through `input[webkitdirectory]` (starting with the
/// folder's name), else its name. Free: nothing is read from the disk.
pub fn path_of(file: &web_sys::File) -> String {
    // `webkitRelativePath` has no web-sys binding; every browser of the floor has it.
    let relative = Reflect::get(file, &JsValue::from_str("webkitRelativePath"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if relative.is_empty() {
        file.name()
    } else {
        relative
    }
}

/// A file as the materials check keeps it: `path`, and the file's size and last change. The
/// contents are not read, but Chromium looks the file up on disk the first time its size or
/// date is asked (about 0.2 ms a file here), so this is asked only for the files a check
/// keeps.
pub fn with_metadata(path: String, file: &web_sys::File) -> CheckedFile {
    let modified = js_sys::Date::new(&JsValue::from_f64(file.last_modified()));
    CheckedFile {
        path,
        size: file.size().max(0.0) as u64,
        // An invalid date (a browser that gives none) would throw in toISOString.
        modified: if modified.get_time().is_nan() {
            String::new()
        } else {
            String::from(modified.to_iso_string())
        },
    }
}

/// [`with_metadata`] under the file's own [`path_of`].
pub fn describe(file: &web_sys::File) -> CheckedFile {
    with_metadata(path_of(file), file)
}

/// A folder the user chose (a `FileSystemDirectoryHandle`).
#[derive(Clone, Debug)]
pub struct Folder(JsValue);

/// Why a folder could not be chosen or read.
#[derive(Clone, Debug, PartialEq)]
pub enum FolderError {
    /// The user closed the picker without choosing.
    Cancelled,
    /// The browser did not grant reading it.
    Denied,
    Browser(String),
}

fn get(target: &JsValue, name: &str) -> Result<JsValue, FolderError> {
    Reflect::get(target, &JsValue::from_str(name)).map_err(|e| FolderError::Browser(error_name(&e)))
}

/// Calls a method and awaits the promise it returns.
async fn call_async(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(name))?.dyn_into()?;
    let result = match args {
        [] => f.call0(target)?,
        [a] => f.call1(target, a)?,
        _ => f.apply(target, &args.iter().collect())?,
    };
    JsFuture::from(js_sys::Promise::resolve(&result)).await
}

/// Whether this browser can choose a folder.
pub fn has_directory_picker() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("showDirectoryPicker")).ok())
        .is_some_and(|f| f.is_function())
}

fn read_mode() -> JsValue {
    let o = js_sys::Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str("mode"), &JsValue::from_str("read"));
    o.into()
}

/// Asks the user for a folder.
pub async fn choose_folder() -> Result<Folder, FolderError> {
    let window: JsValue = web_sys::window()
        .ok_or(FolderError::Browser("no window".into()))?
        .into();
    match call_async(&window, "showDirectoryPicker", &[read_mode()]).await {
        Ok(handle) => Ok(Folder(handle)),
        Err(e) if error_name(&e).starts_with("AbortError") => Err(FolderError::Cancelled),
        Err(e) => Err(FolderError::Browser(error_name(&e))),
    }
}

/// One file of a folder: its path inside the folder, and the file (or why it was not read).
pub struct FolderFile {
    pub name: String,
    pub file: Result<web_sys::File, FileError>,
}

impl Folder {
    /// A folder from a `FileSystemDirectoryHandle` obtained elsewhere (a test, another picker).
    pub fn from_handle(handle: JsValue) -> Folder {
        Folder(handle)
    }

    pub fn name(&self) -> String {
        get(&self.0, "name")
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default()
    }

    /// Asks for permission to read it again (needs a click when the browser asks the user).
    pub async fn ensure_permission(&self) -> Result<(), FolderError> {
        let granted = |v: &JsValue| v.as_string().as_deref() == Some("granted");
        if let Ok(v) = call_async(&self.0, "queryPermission", &[read_mode()]).await {
            if granted(&v) {
                return Ok(());
            }
        }
        match call_async(&self.0, "requestPermission", &[read_mode()]).await {
            Ok(v) if granted(&v) => Ok(()),
            Ok(_) => Err(FolderError::Denied),
            // Browsers without the permission methods can read what they handed out.
            Err(e) if error_name(&e).starts_with("TypeError") => Ok(()),
            Err(e) => Err(FolderError::Browser(error_name(&e))),
        }
    }

    /// The files in the folder and its sub-folders (down to `depth` levels) whose name ends
    /// with one of `extensions`, at most `limit` of them, in name order.
    pub async fn files(
        &self,
        extensions: &[&str],
        depth: u32,
        limit: usize,
    ) -> Result<Vec<FolderFile>, FolderError> {
        let mut out = Vec::new();
        let mut pending = vec![(String::new(), self.0.clone(), 0)];
        while let Some((prefix, dir, level)) = pending.pop() {
            let iterator = call_sync(&dir, "values")?;
            loop {
                let step = call_async(&iterator, "next", &[])
                    .await
                    .map_err(|e| FolderError::Browser(error_name(&e)))?;
                if get(&step, "done")?.is_truthy() {
                    break;
                }
                let entry = get(&step, "value")?;
                let name = get(&entry, "name")?.as_string().unwrap_or_default();
                let path = format!("{prefix}{name}");
                match get(&entry, "kind")?.as_string().as_deref() {
                    Some("directory") if level < depth => {
                        pending.push((format!("{path}/"), entry, level + 1))
                    }
                    Some("file") if extensions.iter().any(|x| name.to_lowercase().ends_with(x)) => {
                        let file = call_async(&entry, "getFile", &[])
                            .await
                            .and_then(|f| f.dyn_into::<web_sys::File>())
                            .map_err(|e| FileError::Unreadable(error_name(&e)));
                        out.push(FolderFile { name: path, file });
                        if out.len() >= limit {
                            return Ok(sorted(out));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(sorted(out))
    }

    /// Every file in the folder and its sub-folders (down to `depth` levels, at most `limit`),
    /// with its path starting with the folder's name, as `input[webkitdirectory]` gives it.
    /// Files the browser refuses are left out.
    pub async fn listing(
        &self,
        depth: u32,
        limit: usize,
    ) -> Result<Vec<(String, web_sys::File)>, FolderError> {
        let root = self.name();
        Ok(self
            .files(&[""], depth, limit)
            .await?
            .into_iter()
            .filter_map(|f| Some((format!("{root}/{}", f.name), f.file.ok()?)))
            .collect())
    }

    /// Keeps the handle in IndexedDB under `key`.
    pub async fn remember(&self, db: &Idb, key: &Key) -> Result<(), IdbError> {
        db.put(key, &self.0).await
    }

    /// The handle kept under `key`, if there is one.
    pub async fn recall(db: &Idb, key: &Key) -> Result<Option<Folder>, IdbError> {
        Ok(db.get(key).await?.filter(|v| v.is_object()).map(Folder))
    }
}

fn sorted(mut files: Vec<FolderFile>) -> Vec<FolderFile> {
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn call_sync(target: &JsValue, name: &str) -> Result<JsValue, FolderError> {
    let f: Function = get(target, name)?
        .dyn_into()
        .map_err(|_| FolderError::Browser(format!("no {name}")))?;
    f.call0(target)
        .map_err(|e| FolderError::Browser(error_name(&e)))
}

impl FolderError {
    pub fn message(&self, lang: Lang) -> String {
        use maturity_core::text::i18n;
        match self {
            FolderError::Cancelled => String::new(),
            FolderError::Denied => i18n::PORT_FOLDER_DENIED.get(lang).to_string(),
            FolderError::Browser(detail) => i18n::PORT_FOLDER_GONE.fmt(lang, &[("detail", detail)]),
        }
    }
}
