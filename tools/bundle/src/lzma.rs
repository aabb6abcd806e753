//! The payload's compression: the workbook's wasm as an LZMA stream, preceded by the small
//! WebAssembly decoder that unpacks it in the page (`tools/unlzma`).
//!
//! Why not deflate, which the browser inflates natively (`DecompressionStream`)? LZMA at xz's
//! strongest preset makes this wasm about a fifth smaller than zopfli's best deflate (measured
//! on this build: 421 KB against 538 KB, so the one-file page is ~130 KB lighter), and the
//! decoder costs 11 KB. The price is time at start: the decoder runs in about 50–70 ms where
//! the native inflate took 20–30 ms (`docs/performance.md` has the side-by-side figures). A
//! decoder written in JavaScript was rejected: 120–170 ms on its first run.
//!
//! The payload's bytes: the decoder's length (u32, little-endian), the decoder, the stream
//! (LZMA alone: properties, dictionary size, the real uncompressed size, the data). What the
//! stream holds ([`contents`]): the page's stylesheet's length (u32, little-endian), the
//! stylesheet (UTF-8), then the workbook's wasm. The stylesheet compresses to a fifth of its
//! size, and it is unpacked first, in the decoder's first call.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use xz2::stream::{LzmaOptions, Stream};

/// liblzma's `LZMA_PRESET_EXTREME` (xz -e).
const EXTREME: u32 = 1 << 31;

/// The wasm as an LZMA-alone stream with its size in the header. lc = 4, lp = 0, pb = 0 came
/// out best on this wasm (0.4 % smaller than xz's defaults); the decoder takes lc + lp ≤ 4.
pub fn compress(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("LZMA compression failed: {e}");
    let mut opts = LzmaOptions::new_preset(9 | EXTREME).map_err(|e| fail(&e))?;
    opts.literal_context_bits(4)
        .literal_position_bits(0)
        .position_bits(0);
    let stream = Stream::new_lzma_encoder(&opts).map_err(|e| fail(&e))?;
    let mut encoder = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
    encoder.write_all(wasm).map_err(|e| fail(&e))?;
    let mut out = encoder.finish().map_err(|e| fail(&e))?;
    out[5..13].copy_from_slice(&(wasm.len() as u64).to_le_bytes());
    Ok(out)
}

/// What the stream holds: the stylesheet with its length, then the wasm.
pub fn contents(css: &str, wasm: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + css.len() + wasm.len());
    out.extend_from_slice(&(css.len() as u32).to_le_bytes());
    out.extend_from_slice(css.as_bytes());
    out.extend_from_slice(wasm);
    out
}

/// The stylesheet and the wasm of the stream's [`contents`].
pub fn split_contents(bytes: &[u8]) -> Result<(String, Vec<u8>), String> {
    let head: [u8; 4] = bytes
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or("the payload's stream is empty")?;
    let n = u32::from_le_bytes(head) as usize;
    let css = bytes
        .get(4..4 + n)
        .ok_or("the payload's stylesheet is cut short")?;
    let css =
        String::from_utf8(css.to_vec()).map_err(|_| "the payload's stylesheet is not UTF-8")?;
    Ok((css, bytes[4 + n..].to_vec()))
}

/// What the payload holds, unpacked.
#[derive(Debug, PartialEq)]
pub struct Unpacked {
    pub decoder: Vec<u8>,
    pub css: String,
    pub wasm: Vec<u8>,
}

/// The payload's bytes: decoder, then stream.
pub fn pack(decoder: &[u8], stream: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + decoder.len() + stream.len());
    out.extend_from_slice(&(decoder.len() as u32).to_le_bytes());
    out.extend_from_slice(decoder);
    out.extend_from_slice(stream);
    out
}

/// The payload's parts: the decoder, the stylesheet and the workbook's wasm, decoded natively.
pub fn unpack(bytes: &[u8]) -> Result<Unpacked, String> {
    let head: [u8; 4] = bytes
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or("the payload is empty")?;
    let n = u32::from_le_bytes(head) as usize;
    let decoder = bytes
        .get(4..4 + n)
        .ok_or("the payload's decoder is cut short")?;
    let stream = &bytes[4 + n..];
    let size = unlzma::declared_size(stream).ok_or("the payload's LZMA header is not readable")?;
    let mut all = vec![0; size];
    unlzma::decode(stream, &mut all).map_err(|e| format!("the payload does not decode: {e:?}"))?;
    let (css, wasm) = split_contents(&all)?;
    Ok(Unpacked {
        decoder: decoder.to_vec(),
        css,
        wasm,
    })
}

/// wasm-opt's options for the decoder: the workbook's own lowering to MVP instructions, read
/// from index.html's `data-wasm-opt-params` (one list to keep right), with its size
/// optimisation swapped for speed, and the custom sections stripped.
fn wasm_opt_args(root: &Path) -> Result<Vec<String>, String> {
    let index = std::fs::read_to_string(root.join("index.html"))
        .map_err(|e| format!("cannot read index.html: {e}"))?;
    let params = crate::find_between(&index, "data-wasm-opt-params=\"", "\"")
        .ok_or("index.html has no data-wasm-opt-params")?;
    let mut args: Vec<String> = params
        .split_whitespace()
        .filter(|a| !a.starts_with("-O"))
        .map(str::to_string)
        .collect();
    args.extend(
        [
            "-O3",
            "--strip-debug",
            "--strip-producers",
            "--strip-target-features",
        ]
        .map(String::from),
    );
    Ok(args)
}

/// Builds the decoder (`tools/unlzma`) for the page: cargo for wasm32 at opt-level 3 (it is a
/// hot loop; the size difference is 3 KB), in its own target directory so that it never waits
/// for or disturbs the build that called this step; then wasm-opt.
pub fn build_decoder() -> Result<Vec<u8>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = root.join("target/unlzma");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .args([
            "build",
            "--quiet",
            "--package",
            "unlzma",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--config",
            "profile.release.opt-level=3",
        ])
        .status()
        .map_err(|e| format!("cannot run cargo for the decoder: {e}"))?;
    if !status.success() {
        return Err("building the decoder (tools/unlzma) failed".into());
    }
    let built = target.join("wasm32-unknown-unknown/release/unlzma.wasm");
    let lowered = target.join("unlzma.page.wasm");
    let status = Command::new("wasm-opt")
        .args(wasm_opt_args(&root)?)
        .arg(&built)
        .arg("-o")
        .arg(&lowered)
        .status()
        .map_err(|e| {
            format!("cannot run wasm-opt for the decoder ({e}); `make setup` installs it")
        })?;
    if !status.success() {
        return Err("wasm-opt failed on the decoder".into());
    }
    std::fs::read(&lowered).map_err(|e| format!("cannot read {}: {e}", lowered.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_payload_unpacks_to_its_parts() {
        let wasm: Vec<u8> = (0..80_000u32)
            .map(|i| (i * 7 % 251) as u8 ^ (i >> 9) as u8)
            .collect();
        let css = "body { color: red; } .x::after { content: \"—\"; }";
        let stream = compress(&contents(css, &wasm)).unwrap();
        assert!(stream.len() < wasm.len() / 4);
        assert_eq!(
            unlzma::declared_size(&stream),
            Some(4 + css.len() + wasm.len())
        );
        let decoder = b"\0asm\x01\0\0\0".to_vec();
        let unpacked = unpack(&pack(&decoder, &stream)).unwrap();
        assert_eq!(
            unpacked,
            Unpacked {
                decoder,
                css: css.into(),
                wasm
            }
        );
    }

    #[test]
    fn the_decoder_is_lowered_like_the_workbook_but_optimised_for_speed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let args = wasm_opt_args(&root).unwrap();
        for lowering in ["--signext-lowering", "--llvm-memory-copy-fill-lowering"] {
            assert!(args.iter().any(|a| a == lowering), "{args:?}");
        }
        assert_eq!(
            args.iter()
                .filter(|a| a.starts_with("-O"))
                .collect::<Vec<_>>(),
            ["-O3"]
        );
    }

    #[test]
    fn damaged_payloads_are_refused() {
        assert!(unpack(&[]).is_err());
        assert!(unpack(&[200, 0, 0, 0, 1, 2]).is_err());
        // A stylesheet longer than the stream.
        let stream = compress(&[200, 0, 0, 0, b'a']).unwrap();
        assert!(unpack(&pack(b"x", &stream)).is_err());
        let stream = compress(b"abcabcabcabc").unwrap();
        let mut packed = pack(b"x", &stream);
        packed.truncate(packed.len() - 3);
        packed[10] ^= 0xff;
        assert!(unpack(&packed).is_err());
    }
}
