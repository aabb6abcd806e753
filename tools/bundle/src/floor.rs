//! The browser floor (Chrome/Edge 80, Firefox ESR 115), checked on the finished page at every
//! build and again by `make test`, so a later change cannot raise it silently:
//!
//! - the wasm, decoded from the page's own payload, validates with every post-MVP WebAssembly
//!   feature off (`wasmparser`, [`WasmFeatures::MVP`]: no sign-extension, no saturating
//!   float-to-int, no bulk memory, no reference types, no multi-value, no mutable-global
//!   imports/exports, no SIMD);
//! - every classic inline script parses as ECMAScript 5 and every module as ECMAScript 2020
//!   (acorn, run with node; `ACORN` may point at the package, default `.tools/node_modules/acorn`);
//! - the CSS uses nothing newer than the floor unless it has a fallback ([`css_problems`]).
//!
//! What this does not prove: that APIs called at run time exist in old browsers (syntax and
//! wasm features only); those are listed and guarded by hand (see the README's browser section).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use wasmparser::types::EntityType;
use wasmparser::{CompositeInnerType, ValType, Validator, WasmFeatures};

use crate::dense;

/// One `<script>` block of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    pub id: Option<String>,
    /// The `type` attribute, if any.
    pub kind: Option<String>,
    pub text: String,
}

/// Every `<script>` block, in order (the page is our own output: attributes are quoted with `"`).
pub fn script_blocks(html: &str) -> Vec<Script> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| i + at) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let tag = &html[start..tag_end];
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else {
            break;
        };
        out.push(Script {
            id: attr(tag, "id"),
            kind: attr(tag, "type"),
            text: html[tag_end + 1..close].to_string(),
        });
        at = close + 1;
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(tag[from..from + len].to_string())
}

/// The payload block's text: the LZMA decoder's wasm, the stylesheet and the workbook's wasm.
pub fn payload_parts(text: &str) -> Result<crate::lzma::Unpacked, String> {
    let bytes = dense::decode(text).map_err(|e| format!("payload does not decode: {e}"))?;
    crate::lzma::unpack(&bytes)
}

/// Validates the wasm as WebAssembly 1.0 MVP, every later feature off; and, since Chrome 80
/// cannot pass a 64-bit integer between JavaScript and wasm (BigInt integration is Chrome 85),
/// no imported or exported function or global may use `i64`.
pub fn validate_mvp(wasm: &[u8]) -> Result<(), String> {
    let types = Validator::new_with_features(WasmFeatures::MVP)
        .validate_all(wasm)
        .map_err(|e| {
            format!(
                "the wasm is not plain WebAssembly MVP (Chrome 80 floor): {e}. \
                 Check .cargo/config.toml (target-cpu=mvp, linker --features) and the wasm-opt \
                 lowering passes in index.html (data-wasm-opt-params)."
            )
        })?;
    let types = types.as_ref();
    let uses_i64 = |entity: EntityType| match entity {
        EntityType::Func(id) | EntityType::FuncExact(id) => match &types[id].composite_type.inner {
            CompositeInnerType::Func(f) => f
                .params()
                .iter()
                .chain(f.results())
                .any(|t| *t == ValType::I64),
            _ => false,
        },
        EntityType::Global(g) => g.content_type == ValType::I64,
        _ => false,
    };
    let mut crossing: Vec<String> = Vec::new();
    for (module, name, entity) in types.core_imports().into_iter().flatten() {
        if uses_i64(entity) {
            crossing.push(format!("import {module}.{name}"));
        }
    }
    for (name, entity) in types.core_exports().into_iter().flatten() {
        if uses_i64(entity) {
            crossing.push(format!("export {name}"));
        }
    }
    if crossing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "64-bit integers cross between JavaScript and wasm (BigInt integration is Chrome 85): {}",
            crossing.join(", ")
        ))
    }
}

/// Chromium 80–96 compile WebAssembly only where the page's policy allows `'unsafe-eval'` (they
/// do not know `'wasm-unsafe-eval'`); newer browsers get the stricter policy from the guard.
pub fn csp_allows_wasm_on_the_floor(html: &str) -> Result<(), String> {
    let policy = html
        .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("the page has no Content-Security-Policy")?;
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .ok_or("the page's policy has no script-src")?;
    for needed in ["'unsafe-eval'", "'wasm-unsafe-eval'"] {
        if !script_src.split_whitespace().any(|s| s == needed) {
            return Err(format!(
                "the page's script-src lacks {needed}: Chromium 80–96 need 'unsafe-eval' to \
                 compile WebAssembly, later browsers 'wasm-unsafe-eval' ({script_src})"
            ));
        }
    }
    if !html.contains("Array.prototype.toSorted") {
        return Err("the guard no longer adds the stricter policy for current browsers".into());
    }
    Ok(())
}

/// The language level a script must parse at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Level {
    /// A classic script (the guard): ES5, so that it runs and speaks in any browser.
    ClassicEs5,
    /// A module (the boot code): ES2020, the language of Chrome 80.
    ModuleEs2020,
}

/// The level of a block, or `None` for data blocks (JSON, the payload).
pub fn level_of(script: &Script) -> Option<Level> {
    match script.kind.as_deref() {
        None | Some("text/javascript") => Some(Level::ClassicEs5),
        Some("module") => Some(Level::ModuleEs2020),
        _ => None,
    }
}

fn acorn_dir() -> PathBuf {
    std::env::var_os("ACORN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.tools/node_modules/acorn")
        })
}

/// Runs acorn on each script at its level; returns every parse error.
pub fn check_syntax(scripts: &[(String, Level, &str)]) -> Result<(), String> {
    let acorn = acorn_dir();
    if !acorn.join("package.json").exists() {
        return Err(format!(
            "acorn not found at {} (run `make setup`, or set ACORN): it checks that the page's \
             scripts parse in Chrome 80",
            acorn.display()
        ));
    }
    let mut input = String::from("[");
    for (i, (name, level, source)) in scripts.iter().enumerate() {
        let (version, kind) = match level {
            Level::ClassicEs5 => (5, "script"),
            Level::ModuleEs2020 => (2020, "module"),
        };
        if i > 0 {
            input.push(',');
        }
        input.push_str(&format!(
            "{{\"name\":{},\"ecmaVersion\":{version},\"sourceType\":\"{kind}\",\"source\":{}}}",
            json_string(name),
            json_string(source)
        ));
    }
    input.push(']');
    let mut child = Command::new("node")
        .arg("-e")
        .arg(include_str!("es-check.js"))
        .env("ACORN", &acorn)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run node for the syntax check: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| format!("cannot write to node: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("node failed: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "a script of the page does not parse at its level (Chrome 80 floor):\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// CSS newer than the floor, as (what to look for, why it is not allowed). Features that only
/// add polish (`accent-color`, `:focus-visible` with the browser's own focus ring underneath,
/// flex `gap` with the `@supports not (inset: 0)` margins) are allowed.
const CSS_ABOVE_FLOOR: &[(&str, &str)] = &[
    (
        "inset:",
        "`inset` is Chrome 87: write top/right/bottom/left",
    ),
    ("aspect-ratio", "`aspect-ratio` is Chrome 88"),
    (":is(", "`:is()` is Chrome 88 (a whole rule is dropped)"),
    (
        ":where(",
        "`:where()` is Chrome 88 (a whole rule is dropped)",
    ),
    ("color-mix(", "`color-mix()` is Chrome 111"),
    ("@container", "container queries are Chrome 105"),
    ("@layer", "cascade layers are Chrome 99"),
    ("dvh", "dynamic viewport units are Chrome 108"),
    ("svh", "small viewport units are Chrome 108"),
    ("lvh", "large viewport units are Chrome 108"),
    ("overflow: clip", "`overflow: clip` is Chrome 90"),
    ("translate:", "the `translate` property is Chrome 104"),
    ("rotate:", "the `rotate` property is Chrome 104"),
    ("scale:", "the `scale` property is Chrome 104"),
    ("&", "CSS nesting is Chrome 112"),
    ("@property", "`@property` is Chrome 85"),
    ("text-wrap", "`text-wrap` is Chrome 114"),
];

/// Problems of a stylesheet against the floor. `:has()` is allowed only as
/// `X:has(input:checked)` with the same rule for `X[data-checked="true"]` (the app sets that
/// attribute), or as `X:has(input:focus-visible)` (the radio keeps the browser's focus ring).
pub fn css_problems(css: &str) -> Vec<String> {
    let css = strip_comments(css);
    let mut problems = Vec::new();
    for (needle, why) in CSS_ABOVE_FLOOR {
        // A needle ending in ':' is a property: it counts only as a declaration (after '{' or
        // ';'), not inside `@supports (inset: 0)`.
        let found = css.match_indices(needle).find(|(at, _)| {
            !needle.ends_with(':')
                || matches!(css[..*at].trim_end().chars().last(), Some('{' | ';'))
        });
        if let Some((at, _)) = found {
            problems.push(format!("{why}: …{}…", context(&css, at)));
        }
    }
    let mut at = 0;
    while let Some(i) = css[at..].find(":has(").map(|i| i + at) {
        let inner_end = css[i..].find(')').map(|e| e + i).unwrap_or(css.len());
        let inner = &css[i + 5..inner_end];
        let selector_start = css[..i].rfind(['{', '}', ',']).map(|s| s + 1).unwrap_or(0);
        let subject = css[selector_start..i].trim();
        match inner {
            "input:checked" => {
                let fallback = format!("{subject}[data-checked=\"true\"]");
                if !css.contains(&fallback) {
                    problems.push(format!(
                        "`:has()` is Chrome 105: `{subject}:has(input:checked)` needs the same \
                         rule for `{fallback}`"
                    ));
                }
            }
            "input:focus-visible" => {}
            _ => problems.push(format!(
                "`:has()` is Chrome 105, and there is no fallback for …{}…",
                context(&css, i)
            )),
        }
        at = i + 5;
    }
    problems
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn context(text: &str, at: usize) -> String {
    let mut from = at.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].replace('\n', " ")
}

/// Every check on a finished page; `expected_wasm` is the wasm the payload must hold.
pub fn check_page(html: &str, expected_wasm: Option<&[u8]>) -> Result<String, String> {
    let blocks = script_blocks(html);
    let by_id = |id: &str| blocks.iter().find(|s| s.id.as_deref() == Some(id));
    let guard = by_id("wb-guard").ok_or("the page has no #wb-guard script")?;
    let payload = by_id("wb-wasm").ok_or("the page has no #wb-wasm payload")?;
    let boot = by_id("wb-boot-script").ok_or("the page has no #wb-boot-script")?;
    if level_of(guard) != Some(Level::ClassicEs5) {
        return Err("#wb-guard must be a classic script".into());
    }
    if level_of(payload).is_some() {
        return Err("#wb-wasm must be a data block, never run".into());
    }
    if level_of(boot) != Some(Level::ModuleEs2020) {
        return Err("#wb-boot-script must be a module".into());
    }
    for id in ["wb-boot", "wb-app", "wb-style"] {
        if !html.contains(&format!("id=\"{id}\"")) {
            return Err(format!("the page has no #{id}"));
        }
    }

    csp_allows_wasm_on_the_floor(html)?;

    let crate::lzma::Unpacked { decoder, css, wasm } = payload_parts(&payload.text)?;
    if let Some(expected) = expected_wasm {
        if wasm != expected {
            return Err("the payload does not hold the wasm Trunk built".into());
        }
    }
    validate_mvp(&wasm)?;
    validate_mvp(&decoder).map_err(|e| format!("the LZMA decoder: {e}"))?;

    let scripts: Vec<(String, Level, &str)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let name = s.id.clone().unwrap_or_else(|| format!("script #{}", i + 1));
            level_of(s).map(|level| (name, level, s.text.as_str()))
        })
        .collect();
    check_syntax(&scripts)?;

    let inline = html
        .split("<style id=\"wb-style\">")
        .nth(1)
        .and_then(|rest| rest.split("</style>").next())
        .ok_or("the page has no <style id=\"wb-style\">")?;
    let mut problems = css_problems(inline);
    problems.extend(css_problems(&css));
    if !problems.is_empty() {
        return Err(format!(
            "the CSS needs more than the floor (Chrome 80):\n  {}",
            problems.join("\n  ")
        ));
    }
    Ok(format!(
        "floor: wasm ({} bytes) validates as WebAssembly MVP, no i64 at the JavaScript boundary; {} script(s) parse at their level \
         (classic ES5, module ES2020); CSS within Chrome 80 or with fallbacks",
        wasm.len(),
        scripts.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_script_blocks_with_ids_and_types() {
        let html = r#"<p><script id="a">x()</script><script type="application/octet-stream" id="b">AB</script><SCRIPT type="module" id="c">y</SCRIPT></p>"#;
        let blocks = script_blocks(html);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].id.as_deref(), Some("a"));
        assert_eq!(level_of(&blocks[0]), Some(Level::ClassicEs5));
        assert_eq!(blocks[1].text, "AB");
        assert_eq!(level_of(&blocks[1]), None);
        assert_eq!(level_of(&blocks[2]), Some(Level::ModuleEs2020));
    }

    #[test]
    fn mvp_validation_accepts_mvp_and_rejects_later_features() {
        // (module (func (result i32) i32.const 1))
        let mvp = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type: () -> i32
            0x03, 0x02, 0x01, 0x00, // func 0 : type 0
            0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x0b, // code: i32.const 1; end
        ];
        assert_eq!(validate_mvp(&mvp), Ok(()));
        // The same with i32.extend8_s (sign extension, Chrome 74) after the constant.
        let sign_ext = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01,
            0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0x41, 0x01, 0xc0, 0x0b,
        ];
        assert!(validate_mvp(&sign_ext).is_err());
        // A function returning two values (multi-value, Chrome 85).
        let multi_value = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x00, 0x02,
            0x7f, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x01, 0x41,
            0x02, 0x0b,
        ];
        assert!(validate_mvp(&multi_value).is_err());
        // (func (export "f") (param i64)): valid MVP, but Chrome 80 cannot call it from JS.
        let i64_export = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
            0x01, 0x05, 0x01, 0x60, 0x01, 0x7e, 0x00, // type: (i64) -> ()
            0x03, 0x02, 0x01, 0x00, // func 0 : type 0
            0x07, 0x05, 0x01, 0x01, b'f', 0x00, 0x00, // export "f" = func 0
            0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // code: end
        ];
        let err = validate_mvp(&i64_export).expect_err("i64 at the boundary");
        assert!(err.contains("export f"), "{err}");
        // The same function, not exported, is fine.
        let internal = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x01, 0x7e,
            0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
        ];
        assert_eq!(validate_mvp(&internal), Ok(()));
    }

    #[test]
    fn css_above_the_floor_is_named() {
        assert!(css_problems("a { color: red; gap: 4px; accent-color: red; }").is_empty());
        assert!(css_problems("/* inset: 0 */ a { top: 0; }").is_empty());
        assert!(css_problems("@supports not (inset: 0) { a { margin: 0; } }").is_empty());
        assert!(
            css_problems("a { transform: translateX(-50%); box-shadow: inset 0 0 1px; }")
                .is_empty()
        );
        assert_eq!(css_problems("a { color: red;\n  inset: 0; }").len(), 1);
        let p = css_problems(".o { position: fixed; inset: 0; }");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("Chrome 87"));
        assert_eq!(css_problems(":is(a, b) { color: red; }").len(), 1);
        assert_eq!(css_problems(".a { & .b { color: red; } }").len(), 1);
    }

    #[test]
    fn has_needs_the_data_checked_fallback() {
        let without = ".answer[data-answer=\"met\"]:has(input:checked) { color: green; }";
        let p = css_problems(without);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains(".answer[data-answer=\"met\"][data-checked=\"true\"]"));
        let with = format!(
            "{without}\n.answer[data-answer=\"met\"][data-checked=\"true\"] {{ color: green; }}"
        );
        assert!(css_problems(&with).is_empty());
        assert!(css_problems(".answer:has(input:focus-visible) { outline: 0; }").is_empty());
        assert_eq!(css_problems("li:has(> a) { color: red; }").len(), 1);
    }

    #[test]
    fn the_policy_must_let_chromium_80_compile_wasm() {
        let page = |policy: &str| {
            format!("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; {policy}; connect-src 'none'\"><script>Array.prototype.toSorted</script>")
        };
        assert_eq!(
            csp_allows_wasm_on_the_floor(&page(
                "script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'"
            )),
            Ok(())
        );
        assert!(csp_allows_wasm_on_the_floor(&page(
            "script-src 'unsafe-inline' 'wasm-unsafe-eval'"
        ))
        .is_err());
        assert!(
            csp_allows_wasm_on_the_floor(&page("script-src 'unsafe-inline' 'unsafe-eval'"))
                .is_err()
        );
        assert!(csp_allows_wasm_on_the_floor("<p>no policy</p>").is_err());
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(
            json_string("a\"b\\c\nd\u{1}\u{2028}é"),
            "\"a\\\"b\\\\c\\nd\\u0001\\u2028é\""
        );
    }
}
