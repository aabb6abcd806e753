//! `make bench` (browser part), in headless Chromium through ChromeDriver with the single file
//! opened via `file://`:
//! - sizes of the deliverables;
//! - navigation start → workbook answerable (`performance.mark('wb-interactive')`), many loads;
//! - embedded model parse time (`performance.measure('wb-model-parsed')`);
//! - click → every affected label updated (sub-item, capability, domain, part), for the CD model
//!   and for the synthetic model ten times its size, and whether that happened before the next
//!   animation frame; and the scoring function alone on each click
//!   (`performance.measure('wb-score')`; Chromium's timer step is 0.1 ms on `file://`);
//! - the portfolio page with a synthetic 50-file portfolio (exchange files of varied
//!   assessments written natively): files read and validated (`wb-portfolio-add-start` →
//!   `wb-portfolio-read`), files read → every matrix cell in the page, files read → the
//!   matrix painted (`wb-portfolio-drawn`, two frames later), and re-sorting the columns, over
//!   repeated runs.
//!
//! Prints tables; asserts nothing about the figures (a benchmark, not a timed test).

#[path = "../tests/e2e/support.rs"]
mod support;

use std::io::Write;
use std::path::Path;

use maturity_core::assess::assessment::{Assessment, Edit, Status};
use maturity_core::formats::exchange::export;
use maturity_core::model::LoadedModel;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::text::Lang;
use support::Browser;

const LOADS: usize = 25;
const CLICKS: usize = 120;
const PORTFOLIO_FILES: usize = 50;
const PORTFOLIO_RUNS: usize = 12;
const RESORTS: usize = 30;

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
const shows = e => codes.every((c, i) => { const el = q(`[data-level-of='${c}']`); return el && el.dataset.label === e[i]; });
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
    b.open_ten_times_model().await;
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
    portfolio(&b).await;
    b.close().await;
}

/// A varied synthetic assessment: every fourth one unanswered, then answers reaching level 2,
/// 3 or partly 4 on every sub-item, with pseudo-random statuses sprinkled over the rest.
fn synthetic_assessment(model: &LoadedModel, n: usize) -> Assessment {
    let at = format!("2026-{:02}-{:02}T08:00:00.000Z", 1 + n % 12, 1 + n % 28);
    let mut a = Assessment::new(
        format!("syn{n:02}"),
        format!("项目 {n:02} 自评"),
        model,
        2 + (n % 4) as u8,
        Lang::Zh,
        &at,
    );
    a.project.project = format!("项目 {:02}", n % 20);
    let mut seed = 0x9e37_79b9_u64.wrapping_mul(n as u64 + 1);
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let full = n % 4; // levels met everywhere: none, 2, 3, or 3 with some of 4
    for r in 0..model.requirement_count() {
        let level = model.requirement_pos(r).level;
        let status = if full > 0 && level <= 1 + full as u8 {
            Some(Status::Met)
        } else {
            match next() % 6 {
                0 => Some(Status::Met),
                1 => Some(Status::Partial),
                2 => Some(Status::NotMet),
                _ => None,
            }
        };
        if status.is_some() {
            a.apply(
                &Edit::Answer {
                    req: model.requirement_id(r).to_string(),
                    status,
                },
                &at,
            );
        }
    }
    a
}

/// Adds the 50 files, waits for every cell; returns (read ms, read → cells ms, read → frame ms).
const PORTFOLIO_WATCH: &str = r#"
const want = arguments[0];
window.__pf = { cells: -1 };
for (const m of ['wb-portfolio-add-start', 'wb-portfolio-read', 'wb-portfolio-drawn']) performance.clearMarks(m);
const obs = new MutationObserver(() => {
  if (document.querySelectorAll('[data-portfolio-cell]').length === want) {
    window.__pf.cells = performance.now();
    obs.disconnect();
  }
});
obs.observe(document.body, { subtree: true, childList: true });
return true;
"#;

const PORTFOLIO_TIMES: &str = r#"
const last = n => { const e = performance.getEntriesByName(n, 'mark'); return e.length ? e[e.length - 1].startTime : -1; };
const start = last('wb-portfolio-add-start'), read = last('wb-portfolio-read');
const drawn = performance.getEntriesByName('wb-portfolio-drawn', 'mark').map(e => e.startTime).filter(t => t >= read);
if (window.__pf.cells < 0 || read < 0 || !drawn.length) return null;
return [read - start, window.__pf.cells - read, drawn[0] - read];
"#;

/// Switches the column order and measures until the page shows the new order.
const RESORT: &str = r#"
const [order, want, done] = arguments;
const cols = () => [...document.querySelectorAll('th[data-column]')].map(t => t.dataset.column).join();
const before = cols();
const s = document.querySelector('#pf-order');
const t0 = performance.now();
const obs = new MutationObserver(() => {
  if (cols() !== before && document.querySelectorAll('[data-portfolio-cell]').length === want) {
    obs.disconnect();
    done(performance.now() - t0);
  }
});
// Sorting may rewrite the cells in place: watch attributes and texts too.
obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
s.value = order;
s.dispatchEvent(new Event('change', { bubbles: true }));
"#;

async fn portfolio(b: &Browser) {
    let model = maturity_core::model::validate::load_model(EMBEDDED_MODEL).expect("model");
    let dir = b.work_dir().join("portfolio");
    let _ = std::fs::create_dir_all(&dir);
    let paths: Vec<String> = (0..PORTFOLIO_FILES)
        .map(|n| {
            let path = dir.join(format!("team-{n:02}.json"));
            let a = synthetic_assessment(&model, n);
            std::fs::write(&path, export(&model, &a, "2026-12-01T00:00:00.000Z"))
                .expect("write a portfolio file");
            path.display().to_string()
        })
        .collect();
    let rows = model.domain_count() + model.capability_count() + model.item_count();
    let cells = rows * PORTFOLIO_FILES;
    b.goto_hash("#/portfolio").await;
    let (mut read, mut drawn, mut frame, mut sorts) = (vec![], vec![], vec![], vec![]);
    for run in 0..PORTFOLIO_RUNS {
        b.wait_for("[data-action='portfolio-add']:enabled").await;
        b.client
            .execute(PORTFOLIO_WATCH, vec![serde_json::json!(cells)])
            .await
            .expect("watch");
        let input = b.wait_for("[data-action='portfolio-add']").await;
        input.send_keys(&paths.join("\n")).await.expect("add files");
        b.wait_until(
            "the portfolio's cells",
            "return window.__pf.cells > 0 && performance.getEntriesByName('wb-portfolio-drawn', 'mark').length > 0;",
        )
        .await;
        let t = b.eval(PORTFOLIO_TIMES).await;
        if let Some(v) = t.as_array() {
            let f = |i: usize| v.get(i).and_then(|x| x.as_f64()).unwrap_or(-1.0);
            read.push(f(0));
            drawn.push(f(1));
            frame.push(f(2));
        }
        if run == 0 {
            for i in 0..RESORTS {
                let order = if i % 2 == 0 { "highest" } else { "lowest" };
                let t = b
                    .client
                    .execute_async(
                        RESORT,
                        vec![serde_json::json!(order), serde_json::json!(cells)],
                    )
                    .await
                    .expect("re-sort");
                sorts.push(t.as_f64().unwrap_or(-1.0));
            }
            b.eval("const s = document.querySelector('#pf-order'); s.value = 'added'; s.dispatchEvent(new Event('change', {bubbles: true})); return 1;").await;
        }
        b.click("[data-action='portfolio-clear']").await;
        b.wait_until(
            "the portfolio is empty",
            "return document.querySelectorAll('[data-portfolio-cell]').length === 0;",
        )
        .await;
    }
    for v in [&mut read, &mut drawn, &mut frame, &mut sorts] {
        v.sort_by(f64::total_cmp);
    }
    let ms = |v: f64| format!("{v:.1} ms");
    let n = read.len();
    row(
        &format!("portfolio: {PORTFOLIO_FILES} files read and validated, median of {n}"),
        ms(percentile(&read, 0.5)),
    );
    row("  p95", ms(percentile(&read, 0.95)));
    row(
        &format!("portfolio: files read → all {cells} cells in the page, median"),
        ms(percentile(&drawn, 0.5)),
    );
    row("  p95", ms(percentile(&drawn, 0.95)));
    row(
        "portfolio: files read → matrix painted (wb-portfolio-drawn), median",
        ms(percentile(&frame, 0.5)),
    );
    row("  p95", ms(percentile(&frame, 0.95)));
    row(
        &format!("portfolio: re-sort the {PORTFOLIO_FILES} columns, median of {RESORTS}"),
        ms(percentile(&sorts, 0.5)),
    );
    row("  p95", ms(percentile(&sorts, 0.95)));
}
