//! `make bench` (browser part), in headless Chromium through ChromeDriver with the single file
//! opened via `file://`:
//! - sizes of the deliverables;
//! - navigation start → workbook answerable (`performance.mark('wb-interactive')`), many loads;
//! - embedded model parse time (`performance.measure('wb-model-parsed')`);
//! - click → every affected label updated (sub-item, capability, domain, part), for the CD model
//!   and for the synthetic model ten times its size, and whether that happened before the next
//!   animation frame; and the scoring function alone on each click
//!   (`performance.measure('wb-score')`; Chromium's timer step is 0.1 ms on `file://`).
//!
//! Prints tables; asserts nothing about the figures (a benchmark, not a timed test).

#[path = "../tests/e2e/support.rs"]
mod support;

use std::io::Write;
use std::path::Path;

use maturity_workbook::core::synthetic::scaled_model_json;
use maturity_workbook::core::EMBEDDED_MODEL;
use support::Browser;

const LOADS: usize = 25;
const CLICKS: usize = 120;

fn gzip_len(data: &[u8]) -> usize {
    // gzip = deflate stream + 18 bytes of header and trailer.
    miniz_oxide::deflate::compress_to_vec(data, 9).len() + 18
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn wasm_file(dist: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_dir(dist)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "wasm"))
}

fn row(what: &str, value: String) {
    println!("| {what:<58} | {value:>14} |");
    let _ = std::io::stdout().flush();
}

/// Clicks one requirement back and forth between met and not met; each time, measures until the
/// sub-item, its capability, its domain and the part all show their new label.
const CLICK_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const n = arguments[0];
const q = s => document.querySelector(s);
const codes = ['CM-VC-BM', 'CM-VC', 'CM', 'part'];
const expectMet = ['2', '2-', '2-', '2-'];
const expectNot = ['1', '1', '1', '1'];
const shows = e => codes.every((c, i) => { const el = q(`[data-level-of='${c}']`); return el && el.textContent.trim() === e[i]; });
const frame = () => new Promise(r => requestAnimationFrame(() => r()));
function once(status, expect) {
  return new Promise(resolve => {
    let framed = false;
    const t0 = performance.now();
    const finish = () => {
      obs.disconnect();
      const m = performance.getEntriesByName('wb-score', 'measure')[0];
      resolve([performance.now() - t0, !framed, m ? m.duration : -1]);
    };
    const obs = new MutationObserver(() => { if (shows(expect)) finish(); });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    requestAnimationFrame(() => { framed = true; });
    q(`[data-req='CM-VC-BM-L2-1'] [data-status='${status}']`).click();
    if (shows(expect)) finish();
  });
}
(async () => {
  const times = [];
  const scores = [];
  let inFrame = 0;
  for (let i = 0; i < n; i++) {
    const met = i % 2 === 0;
    const [t, beforeFrame, s] = await once(met ? 'met' : 'not_met', met ? expectMet : expectNot);
    times.push(t);
    scores.push(s);
    if (beforeFrame) inFrame++;
    await frame();
  }
  done({ times, scores, inFrame });
})();
"#;

struct Clicks {
    /// Click to every affected label updated, sorted.
    times: Vec<f64>,
    /// The scoring function alone (`performance.measure('wb-score')`), sorted.
    scores: Vec<f64>,
    in_frame: usize,
}

async fn clicks(b: &Browser) -> Clicks {
    b.wait_for("[data-req='CM-VC-BM-L2-1']").await;
    let v = b
        .client
        .execute_async(CLICK_SCRIPT, vec![serde_json::json!(CLICKS)])
        .await
        .expect("click script");
    let sorted = |key: &str| {
        let mut v: Vec<f64> = serde_json::from_value(v[key].clone()).unwrap_or_default();
        v.sort_by(f64::total_cmp);
        v
    };
    Clicks {
        times: sorted("times"),
        scores: sorted("scores"),
        in_frame: v["inFrame"].as_u64().unwrap_or(0) as usize,
    }
}

#[tokio::main]
async fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    let single = std::fs::read(dist.join("maturity-workbook.html")).expect("run make dist first");
    let wasm = std::fs::read(wasm_file(&dist).expect("a .wasm in dist")).expect("read wasm");
    println!("Browser benchmark (headless Chromium via ChromeDriver, single file via file://)");
    println!("| {:<58} | {:>14} |", "figure", "value");
    println!("|{:-<60}|{:-<16}|", "", "");
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1024.0);
    row("single file maturity-workbook.html, raw", kb(single.len()));
    row("single file, gzip -9", kb(gzip_len(&single)));
    row("wasm (wasm-opt -Oz), raw", kb(wasm.len()));
    row("wasm, gzip -9", kb(gzip_len(&wasm)));
    row("embedded model JSON, raw", kb(EMBEDDED_MODEL.len()));

    let b = Browser::open().await;
    let mut times = Vec::new();
    let mut parse = Vec::new();
    for _ in 0..LOADS {
        b.client.goto("about:blank").await.expect("blank");
        b.client.goto(&b.url).await.expect("open");
        b.wait_ready().await;
        let t = b.eval("const m = performance.getEntriesByName('wb-interactive')[0]; return m ? m.startTime : -1;").await;
        times.push(t.as_f64().unwrap_or(-1.0));
        let p = b.eval("const m = performance.getEntriesByName('wb-model-parsed', 'measure')[0]; return m ? m.duration : -1;").await;
        parse.push(p.as_f64().unwrap_or(-1.0));
    }
    times.sort_by(f64::total_cmp);
    parse.sort_by(f64::total_cmp);
    let ms = |v: f64| format!("{v:.1} ms");
    let ms2 = |v: f64| format!("{v:.2} ms");
    row(
        &format!("navigation start → answerable, median of {LOADS} loads"),
        ms(percentile(&times, 0.5)),
    );
    row(
        &format!("navigation start → answerable, p95 of {LOADS} loads"),
        ms(percentile(&times, 0.95)),
    );
    row(
        "embedded model parse + validate + index, median",
        ms(percentile(&parse, 0.5)),
    );

    // Click to updated, CD model (the fresh default assessment).
    let id = b.eval("return location.hash.split('/')[2];").await;
    b.goto_hash(&format!(
        "#/a/{}/item/CM-VC-BM",
        id.as_str().unwrap_or_default()
    ))
    .await;
    let cd = clicks(&b).await;
    row(
        &format!("click → labels updated, CD model, median of {CLICKS}"),
        ms(percentile(&cd.times, 0.5)),
    );
    row(
        &format!("click → labels updated, CD model, p95 of {CLICKS}"),
        ms(percentile(&cd.times, 0.95)),
    );
    row(
        "  updated before the next frame",
        format!("{}/{CLICKS}", cd.in_frame),
    );
    row(
        "  scoring alone in wasm, CD model, median (0.1 ms timer)",
        ms2(percentile(&cd.scores, 0.5)),
    );
    row(
        "  scoring alone in wasm, CD model, p95",
        ms2(percentile(&cd.scores, 0.95)),
    );

    // The same with the synthetic model ten times the size (490 sub-items, 2840 requirements).
    let path = b.work_dir().join("model-x10.json");
    std::fs::write(&path, scaled_model_json(EMBEDDED_MODEL, 10)).expect("write model");
    // The scaled model keeps the embedded model's version.
    let key = format!(
        "caict-devops-cd-x10@{}",
        maturity_workbook::core::validate::load_model(EMBEDDED_MODEL)
            .expect("the embedded model loads")
            .model
            .version
    );
    b.goto_hash("#/models").await;
    b.upload("[data-action='load-model']", &path).await;
    b.wait_for(&format!("[data-model='{key}']")).await;
    b.goto_hash("#/home").await;
    b.wait_for("#new-model").await;
    b.eval(&format!("const s = document.querySelector('#new-model'); s.value = '{key}'; s.dispatchEvent(new Event('change')); return 1;")).await;
    b.click("[data-action='new-assessment']").await;
    b.wait_until("the 10x model is open", "return document.querySelectorAll('nav.outline .outline-domain').length === 70 && !!document.querySelector(\"[data-req='CM-VC-VCS-L2-1']\");").await;
    let id = b.eval("return location.hash.split('/')[2];").await;
    b.goto_hash(&format!(
        "#/a/{}/item/CM-VC-BM",
        id.as_str().unwrap_or_default()
    ))
    .await;
    let x10 = clicks(&b).await;
    row(
        &format!("click → labels updated, 10x model, median of {CLICKS}"),
        ms(percentile(&x10.times, 0.5)),
    );
    row(
        &format!("click → labels updated, 10x model, p95 of {CLICKS}"),
        ms(percentile(&x10.times, 0.95)),
    );
    row(
        "  updated before the next frame",
        format!("{}/{CLICKS}", x10.in_frame),
    );
    row(
        "  scoring alone in wasm, 10x model, median (0.1 ms timer)",
        ms2(percentile(&x10.scores, 0.5)),
    );
    row(
        "  scoring alone in wasm, 10x model, p95",
        ms2(percentile(&x10.scores, 0.95)),
    );
    b.close().await;
}
