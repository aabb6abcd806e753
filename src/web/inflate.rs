//! Opening a spreadsheet form picked by the user: the core reads the zip container, the sheets
//! and the cells (`model::form`); the parts are inflated by the browser's `DecompressionStream`,
//! so the wasm carries no decompressor (measured against miniz_oxide compiled in: 2.8 KB less
//! page, docs/performance.md).

use maturity_core::formats::zip::DEFLATED;
use maturity_core::model::form::{self, FormError, Opened};

/// The sheets of a picked file, its parts inflated by the browser first: `DecompressionStream`
/// knows `gzip` from Chrome 80 and Firefox 113 (`deflate-raw` only from Chrome 103), so each
/// part's raw deflate data goes in a gzip envelope with the CRC-32 and size from the zip's
/// directory, and is read chunk by chunk, stopping past the declared size.
pub async fn open_form(bytes: &[u8], name: &str) -> Result<Opened, FormError> {
    use std::collections::HashMap;
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return form::open(bytes, name, &mut |_, _, _| Err("not a zip".into()));
    }
    let archive = form::zip::Archive::open(bytes)?;
    let wanted: Vec<_> = archive
        .entries
        .iter()
        .filter(|e| e.method == DEFLATED)
        .filter(|e| e.name.ends_with(".xml") || e.name.ends_with(".rels"))
        .cloned()
        .collect();
    let total: usize = wanted.iter().map(|e| e.size).sum();
    if total > form::zip::MAX_INFLATED {
        return Err(FormError::TooLarge {
            limit: form::zip::MAX_INFLATED,
        });
    }
    let mut inflated: HashMap<String, Result<Vec<u8>, String>> = HashMap::new();
    for e in wanted {
        let out = stream::inflate(e.raw(bytes), e.crc, e.size).await;
        inflated.insert(e.name.clone(), out);
    }
    form::open(bytes, name, &mut |part, _, _| {
        inflated
            .remove(part)
            .unwrap_or_else(|| Err("not inflated".into()))
    })
}

mod stream {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use crate::web::files;

    #[wasm_bindgen]
    extern "C" {
        type DecompressionStream;
        #[wasm_bindgen(constructor, catch)]
        fn new(format: &str) -> Result<DecompressionStream, JsValue>;

        type Reader;
        #[wasm_bindgen(method)]
        fn read(this: &Reader) -> js_sys::Promise;
        #[wasm_bindgen(method)]
        fn cancel(this: &Reader) -> js_sys::Promise;
    }

    /// Raw deflate data inflated to exactly `size` bytes.
    pub async fn inflate(raw: &[u8], crc: u32, size: usize) -> Result<Vec<u8>, String> {
        let fail = |e: JsValue| files::error_name(&e);
        let mut gz = Vec::with_capacity(raw.len() + 18);
        gz.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        gz.extend_from_slice(raw);
        gz.extend_from_slice(&crc.to_le_bytes());
        gz.extend_from_slice(&(size as u32).to_le_bytes());
        let stream = DecompressionStream::new("gzip").map_err(fail)?;
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&gz[..]));
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(fail)?;
        let readable = blob
            .stream()
            .pipe_through(stream.unchecked_ref::<web_sys::ReadableWritablePair>());
        let reader: Reader = readable.get_reader().unchecked_into();
        let mut out = Vec::with_capacity(size);
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(fail)?;
            let done = js_sys::Reflect::get(&chunk, &"done".into())
                .ok()
                .and_then(|d| d.as_bool())
                .unwrap_or(true);
            if done {
                break;
            }
            let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())
                .map_err(fail)?
                .unchecked_into();
            if out.len() + value.length() as usize > size {
                let _ = reader.cancel();
                return Err("a part inflates past its declared size".into());
            }
            out.extend(value.to_vec());
        }
        Ok(out)
    }
}
