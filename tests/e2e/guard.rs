//! The page never hangs, and degrades without losing meaning: browsers that lack what the
//! workbook needs are simulated in Chromium by removing the feature before any page script runs
//! (CDP `Page.addScriptToEvaluateOnNewDocument`), or by a copy of the page whose boot module does
//! not parse. Each time the guard must show its bilingual message (role="alert") with the right
//! reason, and never leave "Opening…" on screen. Also: the payload decoder through the real HTML
//! parser, a page with an extra inert block and rewritten line ends, and the chosen answer
//! without `:has()`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{page_path, Browser};

#[allow(dead_code)]
#[path = "../../tools/bundle/src/dense.rs"]
mod dense;

/// What the guard shows: (role, data-reason, text), or None while there is no message.
async fn message(b: &Browser) -> Option<(String, String, String)> {
    let v = b
        .eval(
            "const m = document.getElementById('wb-boot');
             return m ? [m.getAttribute('role') || '', m.getAttribute('data-reason') || '', m.textContent] : null;",
        )
        .await;
    let v: Option<(String, String, String)> = serde_json::from_value(v).ok();
    v
}

/// Waits for the guard's alert and checks what every such message must say.
async fn expect_alert(b: &Browser, reason: &str, within: Duration) -> String {
    let deadline = Instant::now() + within;
    let (role, got, text) = loop {
        if let Some(m) = message(b).await.filter(|m| m.0 == "alert") {
            break m;
        }
        assert!(
            Instant::now() < deadline,
            "no alert within {within:?} (expected reason {reason}); the page shows {:?}",
            message(b).await
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    assert_eq!(role, "alert");
    assert_eq!(got, reason, "{text}");
    // A damaged file asks for another copy; everything else names the browsers that work.
    let needed: &[&str] = if reason == "damaged" {
        &[
            "无法打开工作簿",
            "The workbook cannot open",
            "请重新复制此文件",
            "Copy the file again",
        ]
    } else {
        &[
            "无法打开工作簿",
            "The workbook cannot open",
            "请改用",
            "Please use",
            "Chrome 或 Edge 80",
            "Chrome or Edge 80",
            "Firefox ESR 115",
            "极速模式",
            "fast mode",
        ]
    };
    for needed in needed {
        assert!(
            text.contains(needed),
            "the message lacks {needed:?}: {text}"
        );
    }
    assert!(
        !text.contains("正在打开") && !text.contains("Opening"),
        "still says Opening: {text}"
    );
    // The app did not start behind the message.
    let started = b
        .eval("return window.wbStarted === true || !!document.querySelector('[data-req], [data-action=\"new-assessment\"]');")
        .await;
    assert_eq!(started, Value::Bool(false));
    text
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A copy of the built page, changed by `edit`, in the browser's work folder.
fn page_copy(b: &Browser, name: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let html = std::fs::read_to_string(page_path()).expect("run make dist first");
    let path = b.work_dir().join(name);
    std::fs::write(&path, edit(html)).expect("write the page copy");
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_feature_is_named_at_once() {
    let cases = [
        (
            "no-readable-stream",
            "delete window.ReadableStream;",
            "ReadableStream",
        ),
        (
            "no-webassembly",
            "delete window.WebAssembly;",
            "WebAssembly",
        ),
        (
            "no-module-scripts",
            "delete HTMLScriptElement.prototype.noModule;",
            "JavaScript modules",
        ),
    ];
    for (name, script, named) in cases {
        let b = Browser::start_with_script(script).await;
        b.client.goto(&b.url).await.expect("open");
        let text = expect_alert(&b, "missing", Duration::from_secs(5)).await;
        assert!(text.contains(named), "{name}: {text}");
        b.screenshot(&format!("guard-{name}")).await;
        b.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wasm_that_cannot_start_is_reported_with_the_error() {
    let cases = [
        (
            "instantiate-throws",
            "WebAssembly.instantiate = function () { throw new Error('test: instantiate refused'); };
             WebAssembly.Module = function () { throw new Error('test: instantiate refused'); };",
            "test: instantiate refused",
        ),
        (
            "instantiate-rejects",
            "WebAssembly.instantiate = function () { return Promise.reject(new TypeError('test: no wasm here')); };",
            "test: no wasm here",
        ),
    ];
    for (name, script, detail) in cases {
        let b = Browser::start_with_script(script).await;
        b.client.goto(&b.url).await.expect("open");
        let text = expect_alert(&b, "start", Duration::from_secs(5)).await;
        assert!(text.contains(detail), "{name}: {text}");
        b.screenshot(&format!("guard-{name}")).await;
        b.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_payload_is_reported_not_run() {
    // A copy whose payload lost a stretch in the compressed wasm (a bad copy to the share): the
    // LZMA decoder or the wasm compiler refuses it, and the page says the file is damaged.
    let b = Browser::start().await;
    let path = page_copy(&b, "damaged.html", |html| {
        let open = "id=\"wb-wasm\">";
        let mut at = html.find(open).expect("payload") + open.len() + 40_000;
        // The payload's text may hold characters of several bytes: cut on their boundaries.
        while !html.is_char_boundary(at) {
            at += 1;
        }
        let mut end = at + 3000;
        while !html.is_char_boundary(end) {
            end += 1;
        }
        let mut cut = html.clone();
        cut.replace_range(at..end, "");
        cut
    });
    b.client.goto(&file_url(&path)).await.expect("open");
    // The file, not the browser: the message says so, with the reason (the decoder's, or the
    // compiler's when the damage decodes into bytes that are no wasm), and lists no browsers to
    // switch to.
    let text = expect_alert(&b, "damaged", Duration::from_secs(8)).await;
    assert!(text.contains("damaged or incomplete"), "{text}");
    assert!(text.contains("已损坏"), "{text}");
    assert!(
        text.contains("LZMA error") || text.contains("ompil"),
        "{text}"
    );
    assert!(!text.contains("Firefox ESR"), "{text}");
    b.screenshot("guard-damaged-payload").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_boot_module_that_does_not_parse_is_reported() {
    // An old browser meeting syntax it does not know: the module never runs.
    let b = Browser::start().await;
    let path = page_copy(&b, "unparsable.html", |html| {
        html.replacen(
            "<script type=\"module\" id=\"wb-boot-script\">",
            "<script type=\"module\" id=\"wb-boot-script\">\nlet syntax = @@ not known here @@;",
            1,
        )
    });
    b.client.goto(&file_url(&path)).await.expect("open");
    let text = expect_alert(&b, "parse", Duration::from_secs(5)).await;
    assert!(text.contains("JavaScript"), "{text}");
    assert!(
        text.contains("SyntaxError"),
        "the parse error is shown: {text}"
    );
    b.screenshot("guard-parse").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_start_that_never_finishes_times_out() {
    // The test hook shortens the guard's 10 s wait; the wasm never finishes instantiating.
    let b = Browser::start_with_script(
        "window.wbGuardTimeout = 1500;
         WebAssembly.instantiate = function () { return new Promise(function () {}); };",
    )
    .await;
    let opened = Instant::now();
    b.client.goto(&b.url).await.expect("open");
    // First the status, then the alert.
    let first = message(&b).await.expect("a boot message");
    assert_eq!(first.0, "status", "{first:?}");
    let text = expect_alert(&b, "timeout", Duration::from_secs(8)).await;
    assert!(opened.elapsed() >= Duration::from_millis(1400));
    assert!(
        text.contains("10 秒") && text.contains("10 seconds"),
        "{text}"
    );
    b.screenshot("guard-timeout").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_normal_start_leaves_no_message() {
    // With a guard timeout much shorter than the wait below, a started app must stay as it is.
    let b = Browser::start_with_script("window.wbGuardTimeout = 300;").await;
    b.client.goto(&b.url).await.expect("open");
    b.wait_ready().await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let state = b
        .eval("return [window.wbModuleRan === true, window.wbStarted === true, !document.getElementById('wb-boot'), !!document.getElementById('wb-app')];")
        .await;
    assert_eq!(state, json!([true, true, true, true]));
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_starts_with_an_inert_document_block_and_rewritten_line_ends() {
    let b = Browser::start().await;
    // An inert data block before the guard (what a saved workbook document carries), and every
    // line end rewritten as CRLF (what a Windows tool may do to the file).
    let path = page_copy(&b, "with-document.html", |html| {
        html.replacen(
            "<script id=\"wb-guard\">",
            "<script type=\"application/json\" id=\"wb-document\">{\"text\":\"\\u003c/script> \\u003c!-- x\"}</script>\n<script id=\"wb-guard\">",
            1,
        )
        .replace('\n', "\r\n")
    });
    b.client.goto(&file_url(&path)).await.expect("open");
    b.wait_ready().await;
    let state = b
        .eval("return [window.wbStarted === true, !document.getElementById('wb-boot'), JSON.parse(document.getElementById('wb-document').textContent).text];")
        .await;
    assert_eq!(state, json!([true, true, "</script> <!-- x"]));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_decoder_round_trips_every_byte_through_the_html_parser() {
    let b = Browser::start().await;
    let mut data: Vec<u8> = (0..=255).collect();
    data.extend((0..=255u8).rev());
    let mut x: u32 = 0x2545_f491;
    data.extend((0..100_000).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        (x >> 11) as u8
    }));
    for len in 0..16 {
        // Short tails: every padding length, each ending in bytes that map to excluded groups.
        data.extend(std::iter::repeat_n(
            if len % 2 == 0 { 0x00 } else { 0x3c },
            len,
        ));
    }
    // The same encoded text with LF line ends and with CRLF line ends.
    let text = dense::encode(&data);
    let page = format!(
        "<!DOCTYPE html><meta charset=\"utf-8\"><title>t</title>\
         <script type=\"application/octet-stream\" id=\"p\">{text}</script>\
         <script type=\"application/octet-stream\" id=\"q\">{}</script>\
         <script>{}\nwindow.decoded = [Array.from(wbDense(document.getElementById('p').textContent)), Array.from(wbDense(document.getElementById('q').textContent))];\
         window.rejects = ['abcdefgh\\u4e2d', 'x\\u0283', '\\u00ff'].map(function (t) {{ try {{ wbDense(t); return false; }} catch (e) {{ return true; }} }});</script>",
        text.replace('\n', "\r\n"),
        dense::DECODER_JS
    );
    let path = b.work_dir().join("decoder.html");
    std::fs::write(&path, page).expect("write");
    b.client.goto(&file_url(&path)).await.expect("open");
    // Characters the encoder never writes are refused (a CJK character, one past the last
    // code point used, a Latin-1 letter).
    assert_eq!(
        b.eval("return window.rejects;").await,
        json!([true, true, true])
    );
    let decoded = b.eval("return window.decoded;").await;
    let decoded: Vec<Vec<u8>> = serde_json::from_value(decoded).expect("two byte arrays");
    assert_eq!(decoded.len(), 2);
    assert!(
        decoded[0] == data,
        "LF copy differs ({} bytes)",
        decoded[0].len()
    );
    assert!(
        decoded[1] == data,
        "CRLF copy differs ({} bytes)",
        decoded[1].len()
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chosen_answer_shows_without_has() {
    let b = Browser::open().await;
    // Chrome 80 and Firefox 115 drop every rule with `:has()`: remove them here too.
    let removed = b
        .eval(
            "let n = 0;
             const walk = (list) => { for (let i = list.cssRules.length - 1; i >= 0; i--) {
               const r = list.cssRules[i];
               if (typeof r.selectorText === 'string') { if (r.selectorText.includes(':has(')) { list.deleteRule(i); n++; } }
               else if (r.cssRules) walk(r);
             } };
             for (const s of document.styleSheets) walk(s);
             return n;",
        )
        .await;
    assert!(removed.as_u64().unwrap_or(0) >= 5, "removed {removed}");
    let req = "[data-req='CM-VC-VCS-L2-1']";
    let look = |status: &str| {
        format!(
            "const l = document.querySelector(\"{req} .answer[data-answer='{status}']\"); const s = getComputedStyle(l);
             return [l.dataset.checked, s.backgroundColor, s.fontWeight];"
        )
    };
    let before = b.eval(&look("met")).await;
    assert_eq!(before[0], "false");
    assert_eq!(before[1], "rgb(255, 255, 255)");
    b.click(&format!("{req} [data-status='met']")).await;
    b.wait_until(
        "the label is marked",
        &format!("return document.querySelector(\"{req} .answer[data-answer='met']\").dataset.checked === 'true';"),
    )
    .await;
    let met = b.eval(&look("met")).await;
    assert_eq!(met, json!(["true", "rgb(227, 243, 232)", "700"]));
    b.click(&format!("{req} [data-status='not_met']")).await;
    b.wait_until(
        "the other label is marked",
        &format!("return document.querySelector(\"{req} .answer[data-answer='not_met']\").dataset.checked === 'true';"),
    )
    .await;
    assert_eq!(
        b.eval(&look("not_met")).await,
        json!(["true", "rgb(251, 230, 231)", "700"])
    );
    assert_eq!(b.eval(&look("met")).await[0], "false");
    b.screenshot("guard-answer-without-has").await;
    b.close().await;
}

/// Whether `eval` may run in the page (the Content-Security-Policy in force decides). Probed
/// from a timer: code run by WebDriver itself is exempt from the page's policy.
async fn eval_allowed(b: &Browser) -> Value {
    b.eval(
        "window.evalProbe = undefined;
         setTimeout(function () {
           try { window.evalProbe = eval('1 + 1') === 2; }
           catch (e) { window.evalProbe = e.name === 'EvalError' ? false : String(e); }
         }, 0);
         return true;",
    )
    .await;
    b.wait_until(
        "the eval probe ran",
        "return window.evalProbe !== undefined;",
    )
    .await;
    b.eval("return window.evalProbe;").await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_policy_forbids_eval_where_the_browser_knows_wasm_unsafe_eval() {
    // A current browser: the guard's second policy is in force (no eval), WebAssembly runs, and
    // the page's DOM holds only its own policy element.
    let b = Browser::open().await;
    assert_eq!(eval_allowed(&b).await, Value::Bool(false));
    let metas = b
        .eval("return document.querySelectorAll('meta[http-equiv=\"Content-Security-Policy\"]').length;")
        .await;
    assert_eq!(metas, json!(1));
    b.close().await;

    // A browser older than the stricter policy (Chromium before 110 here): only the page's own
    // policy, which allows 'unsafe-eval' so that Chromium 80–96 may compile WebAssembly; the
    // workbook starts.
    let b = Browser::start_with_script("delete Array.prototype.toSorted;").await;
    b.client.goto(&b.url).await.expect("open");
    b.wait_ready().await;
    assert_eq!(eval_allowed(&b).await, Value::Bool(true));
    b.close().await;
}
