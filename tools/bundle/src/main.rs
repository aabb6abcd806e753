//! Post-build step: turns Trunk's `dist/` into `dist/maturity-workbook.html`, one file holding the
//! CSS, the wasm-bindgen glue and the wasm (zlib-compressed, base64, decoded in the page with
//! `DecompressionStream`). Chromium refuses to fetch `.wasm` or ES modules from `file://`, so the
//! intranet-share deliverable must carry everything inline and start without any request.
//!
//! Usage: `bundle <dist dir>`. Fails loudly if dist/ does not look like Trunk's output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const OUTPUT: &str = "maturity-workbook.html";

/// The single file may not load anything: no server, no network, no other file.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; \
style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";

fn main() -> ExitCode {
    let dist = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "dist".into()));
    match bundle(&dist) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bundle: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bundle(dist: &Path) -> Result<String, String> {
    let index = read(&dist.join("index.html"))?;
    let js_name = find_attr(&index, "modulepreload", "href")
        .ok_or("no modulepreload link to the wasm-bindgen glue in index.html")?;
    let wasm_name = find_between(&index, "module_or_path: '", "'")
        .ok_or("no wasm path in Trunk's loader script")?;
    let css_names = stylesheets(&index);
    if css_names.is_empty() {
        return Err("no stylesheets in index.html".into());
    }

    let glue = read(&dist.join(strip_dot(&js_name)))?;
    let glue = inline_glue(&glue)?;
    let wasm = fs::read(dist.join(strip_dot(&wasm_name)))
        .map_err(|e| format!("cannot read {wasm_name}: {e}"))?;
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&wasm, 10);
    let wasm_b64 = base64(&compressed);
    let mut css = String::new();
    for name in &css_names {
        css.push_str(&read(&dist.join(strip_dot(name)))?);
        css.push('\n');
    }
    if css.to_ascii_lowercase().contains("</style") {
        return Err("a stylesheet contains </style>".into());
    }
    let title = find_between(&index, "<title>", "</title>").unwrap_or_default();
    let lang = find_between(&index, "<html lang=\"", "\"").unwrap_or_else(|| "zh-CN".into());

    let html = format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="color-scheme" content="light">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<noscript>成熟度自评工作簿需要启用 JavaScript。 · Maturity Workbook needs JavaScript.</noscript>
<div id="wb-boot" class="boot" role="status">正在打开工作簿… · Opening the workbook…</div>
<script type="module">
{glue}
const WASM_ZLIB_BASE64 = "{wasm_b64}";
function wbBytes(b64) {{
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}}
try {{
  if (typeof DecompressionStream !== "function") throw new Error("DecompressionStream is not available");
  const stream = new Blob([wbBytes(WASM_ZLIB_BASE64)]).stream().pipeThrough(new DecompressionStream("deflate"));
  const bytes = await new Response(stream).arrayBuffer();
  await __wbg_init({{ module_or_path: bytes }});
}} catch (e) {{
  const boot = document.getElementById("wb-boot");
  if (boot) {{
    boot.setAttribute("role", "alert");
    boot.textContent = "无法启动工作簿，请使用较新版本的 Chrome、Edge 或 Firefox。 · The workbook could not start; please use a recent Chrome, Edge or Firefox. (" + e + ")";
  }}
}}
</script>
</body>
</html>
"#
    );
    let out = dist.join(OUTPUT);
    fs::write(&out, &html).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(format!(
        "bundle: wrote {} ({} bytes; wasm {} bytes, {} compressed)",
        out.display(),
        html.len(),
        wasm.len(),
        compressed.len()
    ))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn strip_dot(name: &str) -> &str {
    name.trim_start_matches("./").trim_start_matches('/')
}

fn find_between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(text[from..from + len].to_string())
}

/// The value of `attr` on the first `<link>` whose rel is `rel`.
fn find_attr(html: &str, rel: &str, attr: &str) -> Option<String> {
    html.split("<link").skip(1).find_map(|tag| {
        let tag = &tag[..tag.find('>')?];
        if tag.contains(&format!("rel=\"{rel}\"")) {
            find_between(tag, &format!("{attr}=\""), "\"")
        } else {
            None
        }
    })
}

fn stylesheets(html: &str) -> Vec<String> {
    html.split("<link")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            if tag.contains("rel=\"stylesheet\"") {
                find_between(tag, "href=\"", "\"")
            } else {
                None
            }
        })
        .collect()
}

/// Makes the ES-module glue usable as inline code: its exports become plain declarations, and
/// the loader below calls `__wbg_init` directly.
fn inline_glue(glue: &str) -> Result<String, String> {
    if glue.to_ascii_lowercase().contains("</script") {
        return Err("the glue contains </script>".into());
    }
    if glue.contains("import ") && glue.lines().any(|l| l.trim_start().starts_with("import ")) {
        return Err("the glue imports another module (snippets are not supported)".into());
    }
    let mut out = String::with_capacity(glue.len());
    let mut saw_init = false;
    for line in glue.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("export {") {
            saw_init |= trimmed.contains("__wbg_init");
            continue;
        }
        if let Some(rest) = line.strip_prefix("export ") {
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if !saw_init {
        return Err("the glue does not export __wbg_init".into());
    }
    Ok(out)
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), want);
        }
    }

    #[test]
    fn glue_exports_become_declarations() {
        let glue = "export class A {}\nexport function initSync(m) {}\nasync function __wbg_init() {}\nexport { initSync, __wbg_init as default };\n";
        let out = inline_glue(glue).unwrap();
        assert_eq!(
            out,
            "class A {}\nfunction initSync(m) {}\nasync function __wbg_init() {}\n"
        );
        assert!(inline_glue("export { x };").is_err());
        assert!(inline_glue("import x from './y.js';\nexport { __wbg_init };").is_err());
    }

    #[test]
    fn finds_trunk_links() {
        let html = r#"<link rel="stylesheet" href="./a.css" integrity="x"/><link rel="modulepreload" href="./g.js" crossorigin="anonymous">"#;
        assert_eq!(
            find_attr(html, "modulepreload", "href").as_deref(),
            Some("./g.js")
        );
        assert_eq!(stylesheets(html), vec!["./a.css".to_string()]);
    }
}
