//! Text in the encoding WPS and Excel write CSV files in on Chinese Windows: GB18030 (of which
//! GBK is a part), decoded by the browser's `TextDecoder` (Chrome 38+, Firefox 19+), so the wasm
//! carries no code table. The core tells UTF-8 and UTF-16 itself.

/// The bytes decoded as GB18030, or None when the browser has no such decoder.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    let decoder = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
    let array = js_sys::Uint8Array::from(bytes);
    decoder.decode_with_buffer_source(&array).ok()
}
