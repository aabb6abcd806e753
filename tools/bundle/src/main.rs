//! Post-build step: turns Trunk's `dist/` into `dist/maturity-workbook.html`, one file holding the
//! CSS, the wasm-bindgen glue and the wasm. Chromium refuses to fetch `.wasm` or ES modules from
//! `file://`, so the intranet-share deliverable must carry everything inline and start without
//! any request. Then it checks the page against the browser floor (see [`floor`]) and fails the
//! build if the page would need more than Chrome 80 / Firefox ESR 115.
//!
//! Usage: `bundle <dist dir>` (Trunk's post-build hook), or `bundle --check <dist dir>` to check
//! an already built `dist/maturity-workbook.html` again (`make test`). Fails loudly if dist/ does
//! not look like Trunk's output.
//!
//! # The page
//!
//! Every block has an id, so the app can find its parts in its own DOM (the document feature
//! saves copies of the workbook by cloning that DOM), and nothing depends on byte offsets:
//!
//! ```text
//! <html lang="zh-CN">
//! <head>
//!   <meta charset>, X-UA-Compatible / renderer / force-rendering (360 and QQ pick their
//!   Chromium kernel), viewport, Content-Security-Policy (no request at all), color-scheme
//!   <title>
//!   <style id="wb-style">        the stylesheets the boot message and the guard's messages
//!                                need (tokens.css, boot.css); the boot module adds the rest
//! </head>
//! <body>
//!   <noscript>                   "needs JavaScript", both languages
//!   <div id="wb-boot">           "Opening the workbook…"; the guard turns it into the error
//!                                message (role="alert"); the app removes it once mounted
//!   <div id="wb-app">            empty mount point of the app
//!   (<script type="application/json" id="wb-document"> may be inserted here: inert data)
//!   <script id="wb-guard">       classic ES5 guard (guard.js): checks what the workbook needs,
//!                                shows a bilingual message when something is missing, the boot
//!                                module does not parse or start, or nothing started after 10 s
//!   <script type="application/octet-stream" id="wb-wasm">
//!                                the LZMA decoder, then one LZMA stream holding the other
//!                                stylesheets and the wasm (lzma.rs), as dense 7-bit text
//!                                (dense.rs); never run, never contains '<'
//!   <script type="module" id="wb-boot-script">
//!                                sets window.wbModuleRan, the wasm-bindgen glue (exports turned
//!                                into declarations), wbDense, then an async function (no
//!                                top-level await): read #wb-wasm, instantiate the decoder,
//!                                unpack the stylesheets (added to #wb-style), then the wasm,
//!                                and start it; on error window.wbBootFailed
//! </body>
//! ```
//!
//! The boot code finds the payload by id (`textContent`), so whitespace, line ends (the HTML
//! parser turns CRLF and CR into LF, which the encoding allows) or extra inert blocks do not
//! matter. The whole page passes the floor checks in [`floor`]: the wasm validates as
//! WebAssembly 1.0 (MVP), every classic script parses as ES5 and every module as ES2020 (acorn),
//! and the CSS uses nothing above the floor without a fallback.

mod dense;
mod floor;
mod lzma;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const OUTPUT: &str = "maturity-workbook.html";

/// The single file may not load anything: no server, no network, no other file.
///
/// `'unsafe-eval'` is here only for Chromium 80–96: they do not know `'wasm-unsafe-eval'`
/// (Chrome 97, Firefox 102, Safari 16) and refuse to compile WebAssembly under a policy without
/// `'unsafe-eval'`. Browsers that know the keyword get a second policy from the guard,
/// [`CSP_STRICT`], before any of the app runs, so for them `eval` stays forbidden as before.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'; \
style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";

/// The guard's second policy (see `guard.js`): WebAssembly, inline scripts, no `eval`.
const CSP_STRICT: &str = "script-src 'unsafe-inline' 'wasm-unsafe-eval'";

/// The stylesheets (Trunk's file names start with these) written inline in the page: what the
/// boot message and the guard's messages need before the payload is unpacked. The others travel
/// compressed in the payload (a fifth of their size) and are added at start.
const INLINE_CSS: [&str; 2] = ["tokens-", "boot-"];

/// The classic guard script, ES5.
const GUARD_JS: &str = include_str!("guard.js");

/// What the boot module does after the glue: an async function, so the module parses as ES2020.
const BOOT_JS: &str = r#"(async function () {
  // A payload the decoder refuses is the file's fault, not the browser's: the guard says so.
  let failure = null;
  // Marks for the load benchmark's phase table (benches/load.rs).
  const mark = (name) => performance.mark && performance.mark(name);
  try {
    if (window.wbBlocked) return;
    mark("wb-boot");
    const payload = document.getElementById("wb-wasm");
    if (!payload) throw new Error("the wasm payload (#wb-wasm) is missing");
    // The payload: the LZMA decoder's length and wasm, then the workbook's wasm as LZMA
    // (tools/bundle/src/lzma.rs). The decoder works in its own memory, 64 KiB of output per
    // call: the browser compiles the decoder's hot loop optimised in the background while it
    // runs and swaps the faster code in at the next call (never inside a running one), so
    // small calls decode faster than one long call. The whole wasm is unpacked before it is
    // compiled: streaming it into the compiler made the compiler's many jobs compete with the
    // decoder's own optimisation for the machine's cores (docs/performance.md).
    const all = wbDense(payload.textContent);
    mark("wb-dense");
    const n = all[0] | (all[1] << 8) | (all[2] << 16) | (all[3] << 24);
    const unlzma = (await WebAssembly.instantiate(all.subarray(4, 4 + n))).instance.exports;
    mark("wb-unlzma");
    const src = all.subarray(4 + n);
    const size = src[5] + src[6] * 256 + src[7] * 65536 + src[8] * 16777216;
    const memory = unlzma.memory, at = memory.buffer.byteLength, out = at + src.length;
    memory.grow(Math.ceil((src.length + size) / 65536));
    new Uint8Array(memory.buffer, at, src.length).set(src);
    const damaged = (code) => {
      failure = new Error("the wasm payload is damaged (LZMA error " + code + ")");
      failure.wbDamaged = true;
      return failure;
    };
    let done = unlzma.unlzma_start(at, src.length, out, size), limit = 0;
    if (done !== 0) throw damaged(done);
    const step = () => {
      done = unlzma.unlzma_step(limit += 65536);
      if (done > 1) throw damaged(done);
    };
    // First the stylesheets (their length, then UTF-8), added to the inline ones.
    const bytes = new Uint8Array(memory.buffer, out, size);
    step();
    const css = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
    if (css < 0 || 4 + css > size) throw damaged(9);
    while (done === 0 && limit < 4 + css) step();
    document.getElementById("wb-style").textContent += new TextDecoder().decode(bytes.subarray(4, 4 + css));
    while (done === 0) step();
    mark("wb-unpacked");
    await __wbg_init({ module_or_path: bytes.subarray(4 + css) });
  } catch (caught) {
    // The compiler reports a damaged module in its own words; ours says what happened.
    const e = failure || caught;
    if (typeof window.wbBootFailed === "function") {
      window.wbBootFailed(e);
    } else {
      const boot = document.getElementById("wb-boot");
      if (boot) {
        boot.setAttribute("role", "alert");
        boot.textContent = "无法启动工作簿。 · The workbook could not start. (" + e + ")";
      }
    }
  }
})();"#;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let check_only = args.first().is_some_and(|a| a == "--check");
    if check_only {
        args.remove(0);
    }
    let dist = PathBuf::from(args.first().cloned().unwrap_or_else(|| "dist".into()));
    let result = if check_only {
        check_built(&dist)
    } else {
        bundle(&dist)
    };
    match result {
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

/// The parts of Trunk's output the page is made of.
struct Inputs {
    lang: String,
    title: String,
    /// The stylesheets inline in the page: what the boot message and the guard's messages need.
    boot_css: String,
    /// The other stylesheets, carried in the payload.
    css: String,
    glue: String,
    wasm: Vec<u8>,
}

fn read_inputs(dist: &Path) -> Result<Inputs, String> {
    let index = read(&dist.join("index.html"))?;
    let js_name = find_attr(&index, "modulepreload", "href")
        .ok_or("no modulepreload link to the wasm-bindgen glue in index.html")?;
    let wasm_name = find_between(&index, "module_or_path: '", "'")
        .ok_or("no wasm path in Trunk's loader script")?;
    let css_names = stylesheets(&index);
    if css_names.is_empty() {
        return Err("no stylesheets in index.html".into());
    }
    let glue = minify_js(&inline_glue(&read(&dist.join(strip_dot(&js_name)))?)?);
    let wasm = fs::read(dist.join(strip_dot(&wasm_name)))
        .map_err(|e| format!("cannot read {wasm_name}: {e}"))?;
    let (mut boot_css, mut css) = (String::new(), String::new());
    for name in &css_names {
        let file = strip_dot(name);
        let into = if INLINE_CSS.iter().any(|n| file.starts_with(n)) {
            &mut boot_css
        } else {
            &mut css
        };
        into.push_str(&read(&dist.join(file))?);
        into.push('\n');
    }
    let (boot_css, css) = (minify_css(&boot_css), minify_css(&css));
    if boot_css.to_ascii_lowercase().contains("</style") {
        return Err("a stylesheet contains </style>".into());
    }
    Ok(Inputs {
        lang: index
            .split("<html")
            .nth(1)
            .and_then(|t| attr_value(&t[..t.find('>')?], "lang"))
            .unwrap_or_else(|| "zh-CN".into()),
        title: find_between(&index, "<title>", "</title>").unwrap_or_default(),
        boot_css,
        css,
        glue,
        wasm,
    })
}

fn bundle(dist: &Path) -> Result<String, String> {
    let inputs = read_inputs(dist)?;
    let compressed = lzma::compress(&lzma::contents(&inputs.css, &inputs.wasm))?;
    let decoder = lzma::build_decoder()?;
    let html = page(&inputs, &dense::encode(&lzma::pack(&decoder, &compressed)));
    let out = dist.join(OUTPUT);
    fs::write(&out, &html).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let wrote = format!(
        "wrote {} ({} bytes; wasm {} bytes and stylesheets {} bytes, {} compressed, decoder {} bytes, payload {} bytes)",
        out.display(),
        html.len(),
        inputs.wasm.len(),
        inputs.css.len(),
        compressed.len(),
        decoder.len(),
        html.len() - page(&inputs, "").len(),
    );
    // Written first so that a page failing the floor can be looked at; the build still fails.
    match floor::check_page(&html, Some(&inputs.wasm)) {
        Ok(checked) => Ok(format!("bundle: {wrote}\n{checked}")),
        Err(e) => Err(format!("{wrote}\n{e}")),
    }
}

/// `--check`: the built page again, against the wasm Trunk left beside it.
fn check_built(dist: &Path) -> Result<String, String> {
    let html = read(&dist.join(OUTPUT))?;
    let wasm = read_inputs(dist)?.wasm;
    floor::check_page(&html, Some(&wasm))
}

fn page(inputs: &Inputs, payload: &str) -> String {
    let Inputs {
        lang,
        title,
        boot_css,
        glue,
        ..
    } = inputs;
    let decoder = dense::DECODER_JS;
    let guard = GUARD_JS.replace("{CSP_STRICT}", CSP_STRICT);
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="renderer" content="webkit">
<meta name="force-rendering" content="webkit">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="color-scheme" content="light">
<title>{title}</title>
<style id="wb-style">
{boot_css}</style>
</head>
<body>
<noscript>成熟度自评工作簿需要启用 JavaScript。 · Maturity Workbook needs JavaScript.</noscript>
<div id="wb-boot" class="boot" role="status">正在打开工作簿… · Opening the workbook…</div>
<div id="wb-app"></div>
<script id="wb-guard">
{guard}</script>
<script type="application/octet-stream" id="wb-wasm">{payload}</script>
<script type="module" id="wb-boot-script">
window.wbModuleRan = true;
{glue}
{decoder}
{BOOT_JS}
</script>
</body>
</html>
"#
    )
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

/// The value of attribute `name` in the inside of a tag, quoted or not (Trunk's minified HTML
/// leaves simple values unquoted).
fn attr_value(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().next_back();
        let after = &rest[at + name.len()..];
        rest = after;
        if !matches!(before, Some(c) if c.is_whitespace()) || !after.starts_with('=') {
            continue;
        }
        let value = &after[1..];
        return Some(match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?.to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()?
                .trim_end_matches('/')
                .to_string(),
        });
    }
}

/// The value of `attr` on the first `<link>` whose rel is `rel`.
fn find_attr(html: &str, rel: &str, attr: &str) -> Option<String> {
    html.split("<link").skip(1).find_map(|tag| {
        let tag = &tag[..tag.find('>')?];
        (attr_value(tag, "rel")? == rel)
            .then(|| attr_value(tag, attr))
            .flatten()
    })
}

fn stylesheets(html: &str) -> Vec<String> {
    html.split("<link")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            (attr_value(tag, "rel")? == "stylesheet")
                .then(|| attr_value(tag, "href"))
                .flatten()
        })
        .collect()
}

/// The stylesheets without comments and needless whitespace. Nothing else is rewritten (a CSS
/// minifier that merges properties would write shorthands newer than the browser floor), and
/// text inside quotes is kept as it is.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    // Spaces around these never matter; around parentheses they can (`and (…)` in a query).
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                if pending_space && !out.ends_with(tight) && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space && !tight(c) && !out.ends_with(tight) && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
        }
    }
    out
}

/// The glue minified with terser (installed into `.tools` by `make setup`), keeping ES2020 and
/// every top-level name (the boot code calls `__wbg_init`). Without terser the glue stays as it
/// is, and the size budget test says what that costs.
fn minify_js(code: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let child = Command::new("terser")
        .args([
            "--ecma",
            "2020",
            "--compress",
            "--mangle",
            "--comments",
            "false",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("bundle: terser not found (make setup installs it); the glue is not minified");
        return code.to_string();
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(code.as_bytes());
    }
    match child.wait_with_output() {
        Ok(out) if out.status.success() && !out.stdout.is_empty() => {
            String::from_utf8(out.stdout).unwrap_or_else(|_| code.to_string())
        }
        Ok(out) => {
            eprintln!(
                "bundle: terser failed, the glue is not minified: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            code.to_string()
        }
        Err(e) => {
            eprintln!("bundle: terser failed ({e}); the glue is not minified");
            code.to_string()
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn css_loses_comments_and_spaces_but_nothing_else() {
        let css = "/* tokens */\n.a  >  .b ,\n.c { color : red ;  width: calc(100% - 2px); }\n.d::before { content: \" · \"; }\n@media print and (min-width: 1px) { .e { top: 0; } }\n";
        assert_eq!(
            minify_css(css),
            ".a>.b,.c{color : red;width: calc(100% - 2px)}.d::before{content: \" · \"}@media print and (min-width: 1px){.e{top: 0}}"
        );
    }

    #[test]
    fn finds_trunk_links() {
        let html = r#"<link rel="stylesheet" href="./a.css" integrity="x"/><link rel="modulepreload" href="./g.js" crossorigin="anonymous">"#;
        assert_eq!(
            find_attr(html, "modulepreload", "href").as_deref(),
            Some("./g.js")
        );
        assert_eq!(stylesheets(html), vec!["./a.css".to_string()]);
        // Trunk's minified HTML leaves values unquoted.
        let min = "<link href=./t.css integrity=sha384-relx rel=stylesheet><link crossorigin href=./g.js integrity=sha384-y rel=modulepreload>";
        assert_eq!(
            find_attr(min, "modulepreload", "href").as_deref(),
            Some("./g.js")
        );
        assert_eq!(stylesheets(min), vec!["./t.css".to_string()]);
        assert_eq!(attr_value(" lang=zh-CN", "lang").as_deref(), Some("zh-CN"));
        assert_eq!(attr_value(" lang='en'", "lang").as_deref(), Some("en"));
    }

    fn sample() -> Inputs {
        Inputs {
            lang: "zh-CN".into(),
            title: "T".into(),
            boot_css: ".boot { color: grey; }\n".into(),
            css: "body { color: red; }\n".into(),
            glue: "async function __wbg_init(o) {}\n".into(),
            wasm: vec![0, b'a', b's', b'm', 1, 0, 0, 0],
        }
    }

    #[test]
    fn every_block_has_its_id_in_order() {
        let html = page(&sample(), "PAYLOAD");
        let ids = [
            "id=\"wb-style\"",
            "id=\"wb-boot\"",
            "id=\"wb-app\"",
            "id=\"wb-guard\"",
            "id=\"wb-wasm\"",
            "id=\"wb-boot-script\"",
        ];
        let positions: Vec<usize> = ids
            .iter()
            .map(|id| html.find(id).unwrap_or_else(|| panic!("no {id}")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(html.contains(">PAYLOAD</script>"));
        assert!(
            html.contains(&format!("\"{CSP_STRICT}\"")),
            "the guard's policy"
        );
        assert!(!html.contains("{CSP_STRICT}"));
        // No top-level await: the only awaits are inside the async boot function.
        let boot = floor::script_blocks(&html)
            .into_iter()
            .find(|s| s.id.as_deref() == Some("wb-boot-script"))
            .expect("boot script");
        assert!(boot.text.starts_with("\nwindow.wbModuleRan = true;"));
    }

    #[test]
    fn the_page_of_a_real_payload_decodes_back() {
        let inputs = sample();
        let compressed = lzma::compress(&lzma::contents(&inputs.css, &inputs.wasm)).unwrap();
        let html = page(
            &inputs,
            &dense::encode(&lzma::pack(b"decoder", &compressed)),
        );
        let blocks = floor::script_blocks(&html);
        let payload = blocks
            .iter()
            .find(|s| s.id.as_deref() == Some("wb-wasm"))
            .expect("payload");
        let parts = floor::payload_parts(&payload.text).unwrap();
        assert_eq!((parts.css, parts.wasm), (inputs.css.clone(), inputs.wasm));
        assert!(html.contains(&format!(
            "<style id=\"wb-style\">\n{}</style>",
            inputs.boot_css
        )));
        assert!(
            !html.contains("color: red"),
            "the other stylesheets are in the payload only"
        );
    }
}
