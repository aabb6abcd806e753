//! `make bench` (browser part), in headless Chromium through ChromeDriver with the single file
//! opened via `file://`:
//! - sizes of the deliverables;
//! - navigation start → workbook answerable (`performance.mark('wb-interactive')`), many loads;
//! - embedded model parse time (`performance.measure('wb-model-parsed')`);
//! - click → every affected label updated (sub-item, capability, domain, part), for the CD model
//!   and for the synthetic model ten times its size, and whether that happened before the next
//!   animation frame; and the scoring function alone on each click
//!   (`performance.measure('wb-score')`; Chromium's timer step is 0.1 ms on `file://`);
//! - the portfolio page with synthetic portfolios of 50, 200 and 500 files (exchange files of
//!   varied assessments written natively): files read and validated (`wb-portfolio-add-start`
//!   → `wb-portfolio-read`), files read → the matrix painted (`wb-portfolio-drawn`, two frames
//!   later), add-start → painted, re-sorting the columns and the "below target" filter (until
//!   the page's cells show the new order or rows, and until painted), the JavaScript heap with
//!   500 files; and the ratios 200/50 and 500/50 of each figure (linear growth is 4 and 10).
//!
//! `BENCH_PORTFOLIO_ONLY=1` runs only the sizes and the portfolio part;
//! `BENCH_PORTFOLIO_FILES=200` (or `50,500`) only these portfolio sizes.
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
/// The portfolio's sizes: files, additions measured, re-sorts and filter changes measured.
const PORTFOLIO_SIZES: [(usize, usize, usize); 3] = [(50, 6, 12), (200, 4, 10), (500, 2, 6)];

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
    if std::env::var_os("BENCH_PORTFOLIO_ONLY").is_some() {
        portfolio(&b).await;
        b.close().await;
        return;
    }
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
/// 3 or partly 4 on every sub-item, with pseudo-random statuses sprinkled over the rest; every
/// third sub-item met to the top in all.
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
        let pos = model.requirement_pos(r);
        let level = pos.level;
        // Every third sub-item is met to level 5 everywhere: the "below target" filter hides it.
        let status = if pos.item.is_multiple_of(3) || (full > 0 && level <= 1 + full as u8) {
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

/// Clears the marks before files are added.
const PORTFOLIO_WATCH: &str = r#"
for (const m of ['wb-portfolio-add-start', 'wb-portfolio-read', 'wb-portfolio-drawn']) performance.clearMarks(m);
return true;
"#;

/// (read ms, read → painted ms, add-start → painted ms), once painted after the read.
const PORTFOLIO_TIMES: &str = r#"
const last = n => { const e = performance.getEntriesByName(n, 'mark'); return e.length ? e[e.length - 1].startTime : -1; };
const start = last('wb-portfolio-add-start'), read = last('wb-portfolio-read');
const drawn = performance.getEntriesByName('wb-portfolio-drawn', 'mark').map(e => e.startTime).filter(t => t >= read);
if (read < 0 || !drawn.length || !document.querySelector('[data-portfolio-cell]')) return null;
const took = n => { const e = performance.getEntriesByName(n, 'measure'); return e.length ? e[e.length - 1].duration : -1; };
return [read - start, drawn[0] - read, drawn[0] - start,
  took('wb-portfolio-validate'), took('wb-portfolio-build'), took('wb-portfolio-matrix'), took('wb-portfolio-render')];
"#;

/// Changes a control of the matrix (the order select or the "below target" box) and measures
/// until the page shows it: (DOM updated ms, painted ms). Updated: for the order, the header's
/// columns changed and the first and last rows' cells follow the header (all the cells, or
/// those of the drawn columns); for the filter, the number of rows changed (the synthetic
/// files have sub-items every one of them meets) and the last row's cells follow the header.
/// Painted:
/// the next `wb-portfolio-drawn` mark (two frames after the table was drawn).
const CHANGE: &str = r#"
const [what, value, watch, done] = arguments;
const q = s => document.querySelector(s);
const heads = () => [...document.querySelectorAll('th[data-column]')].map(t => t.dataset.column).join();
const follows = tr => !tr || [...tr.querySelectorAll('[data-portfolio-cell]')].map(td => td.dataset.column).join() === heads();
const rows = () => document.querySelectorAll('tr[data-row]');
const before = heads(), count = rows().length;
const shown = () => {
  const r = rows();
  if (what === 'order') return heads() !== before && follows(r[0]) && follows(r[r.length - 1]);
  return r.length !== count && follows(r[r.length - 1]);
};
performance.clearMarks('wb-portfolio-drawn');
performance.clearMarks('wb-portfolio-updated');
let updated = watch ? -1 : 0;
const t0 = performance.now();
const finish = () => {
  const m = performance.getEntriesByName('wb-portfolio-drawn', 'mark')[0];
  const u = performance.getEntriesByName('wb-portfolio-updated', 'mark')[0];
  if (updated >= 0 && m) { clearInterval(poll); done([updated, m.startTime - t0, u ? u.startTime - t0 : -1]); }
};
const obs = new MutationObserver(() => { if (updated < 0 && shown()) { updated = performance.now() - t0; obs.disconnect(); } });
if (watch) obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
const poll = setInterval(() => { finish(); if (performance.now() - t0 > 20000) { clearInterval(poll); obs.disconnect(); done([updated, -1, -1]); } }, 5);
if (what === 'order') {
  const s = q('#pf-order');
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
} else {
  q('[data-action=portfolio-below]').click();
}
"#;

/// A figure of the table: its name and how to read it from a size's medians.
type Figure = (&'static str, fn(&PfSize) -> f64);

/// Medians of one portfolio size.
struct PfSize {
    files: usize,
    read: f64,
    painted: f64,
    start_painted: f64,
    sort_dom: f64,
    sort_painted: f64,
    filter_dom: f64,
    filter_painted: f64,
    /// Until the page's own mark that its cells are updated (`wb-portfolio-updated`), with no
    /// observer of the page's mutations.
    sort_page: f64,
    filter_page: f64,
    cells: usize,
    heap: f64,
    /// The WebAssembly memory, bytes.
    wasm: f64,
    /// Validate, build, matrix, render (ms; -1 where the page has no such measure).
    phases: [f64; 4],
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| *x >= 0.0);
    if v.is_empty() {
        return -1.0;
    }
    v.sort_by(f64::total_cmp);
    percentile(&v, 0.5)
}

async fn change(b: &Browser, what: &str, value: &str, watch: bool) -> (f64, f64, f64) {
    let t = b
        .client
        .execute_async(
            CHANGE,
            vec![
                serde_json::json!(what),
                serde_json::json!(value),
                serde_json::json!(watch),
            ],
        )
        .await
        .expect("change the matrix's view");
    let f = |i: usize| t.get(i).and_then(|x| x.as_f64()).unwrap_or(-1.0);
    (f(0), f(1), f(2))
}

/// Waits until a script returns true, for up to two minutes (the unwindowed matrix of 500
/// files takes longer than the tests' usual wait).
async fn long_wait(b: &Browser, what: &str, script: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while b.eval(script).await != serde_json::Value::Bool(true) {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}

async fn portfolio_size(b: &Browser, paths: &[String], runs: usize, changes: usize) -> PfSize {
    let files = paths.len();
    let (mut read, mut painted, mut start_painted) = (vec![], vec![], vec![]);
    let (mut sort_dom, mut sort_painted, mut filter_dom, mut filter_painted) =
        (vec![], vec![], vec![], vec![]);
    let (mut sort_page, mut filter_page) = (vec![], vec![]);
    let (mut cells, mut heap, mut wasm) = (0, -1.0, -1.0);
    // Validating, building the portfolio, computing the matrix, drawing it (the last
    // `performance.measure` of each, where the page has them).
    let mut phases: [Vec<f64>; 4] = Default::default();
    for run in 0..runs {
        b.wait_for("[data-action='portfolio-add']:enabled").await;
        b.eval(PORTFOLIO_WATCH).await;
        let input = b.wait_for("[data-action='portfolio-add']").await;
        input.send_keys(&paths.join("\n")).await.expect("add files");
        long_wait(
            b,
            "the portfolio's matrix",
            "const r = performance.getEntriesByName('wb-portfolio-read', 'mark'); const d = performance.getEntriesByName('wb-portfolio-drawn', 'mark'); return r.length > 0 && d.some(m => m.startTime >= r[0].startTime) && !!document.querySelector('[data-portfolio-cell]');",
        )
        .await;
        let t = b.eval(PORTFOLIO_TIMES).await;
        if let Some(v) = t.as_array() {
            let f = |i: usize| v.get(i).and_then(|x| x.as_f64()).unwrap_or(-1.0);
            read.push(f(0));
            painted.push(f(1));
            start_painted.push(f(2));
            for (i, p) in phases.iter_mut().enumerate() {
                p.push(f(3 + i));
            }
        }
        if run == 0 {
            cells = b
                .eval("return document.querySelectorAll('[data-portfolio-cell]').length;")
                .await
                .as_u64()
                .unwrap_or(0) as usize;
            for i in 0..changes {
                let order = if i % 2 == 0 { "highest" } else { "lowest" };
                let (d, p, _) = change(b, "order", order, true).await;
                sort_dom.push(d);
                sort_painted.push(p);
            }
            // Again without watching the page's mutations (an observer of every change
            // costs time of its own): the page's mark.
            for i in 0..changes {
                let order = if i % 2 == 0 { "highest" } else { "lowest" };
                sort_page.push(change(b, "order", order, false).await.2);
            }
            for _ in 0..changes {
                let (d, p, _) = change(b, "below", "", true).await;
                filter_dom.push(d);
                filter_painted.push(p);
            }
            for _ in 0..changes {
                filter_page.push(change(b, "below", "", false).await.2);
            }
            change(b, "order", "added", true).await;
            b.cdp("HeapProfiler.collectGarbage", serde_json::json!({}))
                .await;
            heap = b.heap_used().await;
            wasm = b.wasm_memory().await;
        }
        b.click("[data-action='portfolio-clear']").await;
        long_wait(
            b,
            "the portfolio is empty",
            "return document.querySelectorAll('[data-portfolio-cell]').length === 0;",
        )
        .await;
    }
    PfSize {
        files,
        read: median(read),
        painted: median(painted),
        start_painted: median(start_painted),
        sort_dom: median(sort_dom),
        sort_painted: median(sort_painted),
        filter_dom: median(filter_dom),
        filter_painted: median(filter_painted),
        sort_page: median(sort_page),
        filter_page: median(filter_page),
        cells,
        heap,
        wasm,
        phases: phases.map(median),
    }
}

async fn portfolio(b: &Browser) {
    let model = maturity_core::model::validate::load_model(EMBEDDED_MODEL).expect("model");
    let dir = b.work_dir().join("portfolio");
    let _ = std::fs::create_dir_all(&dir);
    let most = PORTFOLIO_SIZES.iter().map(|s| s.0).max().unwrap_or(0);
    let paths: Vec<String> = (0..most)
        .map(|n| {
            let path = dir.join(format!("team-{n:03}.json"));
            let a = synthetic_assessment(&model, n);
            std::fs::write(&path, export(&model, &a, "2026-12-01T00:00:00.000Z"))
                .expect("write a portfolio file");
            path.display().to_string()
        })
        .collect();
    b.goto_hash("#/portfolio").await;
    // BENCH_PORTFOLIO_FILES=200 (or 50,500): only these sizes.
    let only: Vec<usize> = std::env::var("BENCH_PORTFOLIO_FILES")
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_default();
    let mut sizes = Vec::new();
    for (files, runs, changes) in PORTFOLIO_SIZES {
        if !only.is_empty() && !only.contains(&files) {
            continue;
        }
        let s = portfolio_size(b, &paths[..files], runs, changes).await;
        let ms = |v: f64| format!("{v:.1} ms");
        row(
            &format!("portfolio {files}: files read and validated, median of {runs}"),
            ms(s.read),
        );
        row("  files read → matrix painted, median", ms(s.painted));
        row("  add-start → matrix painted, median", ms(s.start_painted));
        row(
            &format!("  re-sort: cells updated, median of {changes}"),
            ms(s.sort_dom),
        );
        row(
            "  re-sort: page's cells updated (its mark, unobserved)",
            ms(s.sort_page),
        );
        row("  re-sort: painted, median", ms(s.sort_painted));
        row(
            &format!("  below-target filter: rows updated, median of {changes}"),
            ms(s.filter_dom),
        );
        row(
            "  below-target filter: page's rows updated (unobserved)",
            ms(s.filter_page),
        );
        row(
            "  below-target filter: painted, median",
            ms(s.filter_painted),
        );
        row("  cells in the page", s.cells.to_string());
        let [validate, build, matrix, render] = s.phases;
        row(
            "  of which: validate / build / matrix / render",
            format!("{validate:.0}/{build:.0}/{matrix:.0}/{render:.0} ms"),
        );
        row(
            "  JS heap after GC, files shown",
            format!("{:.1} MB", s.heap / 1_048_576.0),
        );
        row(
            "  WebAssembly memory, files shown",
            format!("{:.1} MB", s.wasm / 1_048_576.0),
        );
        sizes.push(s);
    }
    println!();
    println!("| figure (medians, ms)            |     50 |    200 |    500 | 200/50 | 500/50 |");
    println!(
        "|{:-<33}|{:-<8}|{:-<8}|{:-<8}|{:-<8}|{:-<8}|",
        "", "", "", "", "", ""
    );
    let figures: [Figure; 11] = [
        ("files read and validated", |s| s.read),
        ("files read → painted", |s| s.painted),
        ("add-start → painted", |s| s.start_painted),
        ("re-sort, cells updated", |s| s.sort_dom),
        ("re-sort, page's mark", |s| s.sort_page),
        ("re-sort, painted", |s| s.sort_painted),
        ("filter, rows updated", |s| s.filter_dom),
        ("filter, page's mark", |s| s.filter_page),
        ("filter, painted", |s| s.filter_painted),
        ("JS heap after GC (MB)", |s| s.heap / 1_048_576.0),
        ("wasm memory (MB)", |s| s.wasm / 1_048_576.0),
    ];
    for (name, f) in figures {
        let v: Vec<f64> = sizes.iter().map(f).collect();
        let at = |n: usize| {
            sizes
                .iter()
                .position(|s| s.files == n)
                .map_or(-1.0, |i| v[i])
        };
        let ratio = |n: usize| {
            let (a, b) = (at(n), at(50));
            if a > 0.0 && b > 0.0 {
                format!("{:.1}", a / b)
            } else {
                "–".into()
            }
        };
        println!(
            "| {name:<31} | {:>6.1} | {:>6.1} | {:>6.1} | {:>6} | {:>6} |",
            at(50),
            at(200),
            at(500),
            ratio(200),
            ratio(500)
        );
    }
    let _ = std::io::stdout().flush();
}
