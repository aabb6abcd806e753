//! Files in and out: downloads through a Blob and an object URL (which work from `file://`
//! where nothing else does), and reading a file the user chose or dropped.

use wasm_bindgen::{JsCast, JsValue};

use maturity_core::text::i18n;
use maturity_core::text::Lang;

#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    TooLarge {
        bytes: f64,
        limit: usize,
    },
    /// The file could not be read; the browser's error name.
    Unreadable(String),
    /// The browser refused an operation; its error name.
    Browser(String),
}

impl FileError {
    /// What went wrong, for a person (the browser's error name only as a detail).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileError::TooLarge { bytes, limit } => {
                i18n::FILE_TOO_LARGE.fmt(lang, &[("n", &format!("{bytes:.0}")), ("limit", limit)])
            }
            FileError::Unreadable(detail) | FileError::Browser(detail) => {
                format!("{}: {detail}", i18n::FILE_BROWSER_REFUSED.get(lang))
            }
        }
    }

    /// What went wrong reading the file `name`, as a sentence.
    pub fn reading(&self, name: &str, lang: Lang) -> String {
        match self {
            FileError::TooLarge { .. } => self.message(lang),
            FileError::Unreadable(detail) | FileError::Browser(detail) => {
                i18n::FILE_UNREADABLE.fmt(lang, &[("name", &name), ("detail", detail)])
            }
        }
    }
}

/// The name (and message) of a JavaScript error, as a short technical detail.
pub fn error_name(e: &JsValue) -> String {
    let field = |key: &str| {
        js_sys::Reflect::get(e, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    match (field("name"), field("message")) {
        (Some(n), Some(m)) => format!("{n} ({m})"),
        (Some(n), None) => n,
        (None, Some(m)) => m,
        (None, None) => e.as_string().unwrap_or_else(|| "error".into()),
    }
}

/// Offers `text` for download under `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), FileError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    offer(name, mime, &parts)
}

/// Offers bytes (an .xlsx file) for download under `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), FileError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    offer(name, mime, &parts)
}

/// A Blob of `parts` offered through an object URL and a clicked link, which works from
/// `file://` where nothing else does.
fn offer(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), FileError> {
    let err = |e: JsValue| FileError::Browser(error_name(&e));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(FileError::Browser("no document".into()))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("hidden", "").map_err(err)?;
    if let Some(body) = document.body() {
        body.append_child(&a).map_err(err)?;
    }
    a.click();
    a.remove();
    // Revoke later: the download reads the URL asynchronously.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Reads a chosen file as text, refusing files over `limit` bytes before reading them.
pub async fn read_text(file: web_sys::File, limit: usize) -> Result<String, FileError> {
    start_reading_text(file, limit).await
}

/// Starts reading a chosen file's text at once (so that the browser reads many files side by
/// side) and gives a future of it; refuses files over `limit` bytes before reading them.
pub fn start_reading_text(
    file: web_sys::File,
    limit: usize,
) -> impl std::future::Future<Output = Result<String, FileError>> {
    let bytes = file.size();
    let reading =
        (bytes <= limit as f64).then(|| wasm_bindgen_futures::JsFuture::from(file.text()));
    async move {
        let Some(reading) = reading else {
            return Err(FileError::TooLarge { bytes, limit });
        };
        let value = reading
            .await
            .map_err(|e| FileError::Unreadable(error_name(&e)))?;
        value
            .as_string()
            .ok_or(FileError::Unreadable("not text".into()))
    }
}

/// Reads a chosen file's bytes (a spreadsheet form), refusing files over `limit` bytes before
/// reading them.
pub async fn read_bytes(file: web_sys::File, limit: usize) -> Result<Vec<u8>, FileError> {
    let bytes = file.size();
    if bytes > limit as f64 {
        return Err(FileError::TooLarge { bytes, limit });
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| FileError::Unreadable(error_name(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The first file of an `<input type=file>` change event.
pub fn first_file_of_input(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    // Reset, so choosing the same file again fires a change event.
    input.set_value("");
    file
}

/// The first file of a drop event.
pub fn first_file_of_drop(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}
