//! Raw deflate through the browser's `CompressionStream` (`deflate-raw` in Chrome 103+ and
//! Firefox 113+; `deflate`, unwrapped, in Chrome 80–102), so the wasm carries no compressor.
//! Where the browser has no such stream, [`deflate_raw`] returns None and the part is stored
//! uncompressed: the file is larger but just as valid.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use maturity_core::formats::xlsx::Package;

#[wasm_bindgen]
extern "C" {
    /// Bound here rather than through web-sys, where it is still behind
    /// `--cfg=web_sys_unstable_apis`.
    type CompressionStream;

    /// Throws when `CompressionStream` is undefined or the format unknown; `catch` makes that
    /// an `Err`, which is the feature test.
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

/// Compresses `data` as raw deflate (RFC 1951), or None when the browser cannot. Browsers that
/// know `deflate` but not `deflate-raw` (Chrome 80–102) give a zlib stream: its two-byte header
/// and four-byte checksum come off, leaving the raw deflate data.
pub async fn deflate_raw(data: &[u8]) -> Option<Vec<u8>> {
    if let Ok(stream) = CompressionStream::new("deflate-raw") {
        return run(stream, data).await;
    }
    let zlib = run(CompressionStream::new("deflate").ok()?, data).await?;
    (zlib.len() >= 6).then(|| zlib[2..zlib.len() - 4].to_vec())
}

async fn run(stream: CompressionStream, data: &[u8]) -> Option<Vec<u8>> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    // A CompressionStream is a `{readable, writable}` pair, which is what pipeThrough takes.
    let compressed = blob
        .stream()
        .pipe_through(stream.unchecked_ref::<web_sys::ReadableWritablePair>());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&compressed)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Whether this browser compresses (for a hint in the UI or a test).
pub fn can_deflate() -> bool {
    CompressionStream::new("deflate-raw").is_ok() || CompressionStream::new("deflate").is_ok()
}

/// The `.xlsx` file of a package: each part deflated where the browser can, stored otherwise.
pub async fn build_xlsx(mut package: Package) -> Vec<u8> {
    for part in &mut package.parts {
        part.deflated = deflate_raw(&part.data).await;
    }
    package.to_zip()
}
