//! `make bench` (load part): cold loads of the single file through `file://`, side by side with
//! an earlier build in the same run. Each load starts Chromium with a fresh profile (or a fresh
//! copy of a prepared one, for the ten-times model), opens the page and waits for the first
//! screen (a sub-item's requirements drawn) plus two frames, timed from navigation start by a
//! script the browser runs before the page's own. After the load: the JavaScript heap and the
//! WebAssembly memory in use. The builds alternate, load by load, so both see the same machine,
//! and take turns going first (the second of two cold starts in a row is faster here).
//!
//! `BENCH_BASELINE` names the earlier build's `maturity-workbook.html` (the Makefile builds it
//! from `BASELINE_REF`); `BENCH_LOADS` sets the number of loads per build (default 16, made even);
//! `BENCH_CD_ONLY=1` skips the ten-times model (the baseline may then be any page that draws a
//! `[data-req]` element, e.g. an empty page, to measure what the browser alone costs).
//! Prints tables; asserts nothing about the figures (a benchmark, not a timed test).

#[path = "../tests/e2e/support.rs"]
mod support;

use std::path::{Path, PathBuf};

use serde_json::json;
use support::Browser;

/// Marks the first screen: the first requirement in the page, then two frames.
/// Also notes, for the phase table (`BENCH_PHASES=1`), when the first requirement entered the
/// page, when the first of the two frames came, and every long task (over 50 ms) of the load.
const FIRST_SCREEN: &str = r#"
(() => {
  window.__wbLong = [];
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__wbLong.push([e.startTime, e.duration]);
    }).observe({ entryTypes: ['longtask'] });
  } catch (e) {}
  const mark = () => {
    window.__wbInserted = performance.now();
    requestAnimationFrame(() => {
      window.__wbFrame1 = performance.now();
      requestAnimationFrame(() => { window.__wbFirstScreen = performance.now(); });
    });
  };
  const seen = () => document.querySelector('[data-req]');
  const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); mark(); } });
  obs.observe(document, { childList: true, subtree: true });
})();
"#;

/// The phases of one load, ms from navigation start (-1 where a page has no such mark).
const PHASES: &str = r#"
const t = performance.timing, n = t.navigationStart;
const mark = (m) => { const e = performance.getEntriesByName(m); return e.length ? e[0].startTime : -1; };
return [t.responseEnd - n, t.domInteractive - n, mark('wb-boot'), mark('wb-dense'), mark('wb-unlzma'),
  mark('wb-unpacked'), mark('wb-model-parse-start'),
  mark('wb-model-parse-end'), window.__wbInserted, window.__wbFrame1, window.__wbFirstScreen,
  document.getElementsByTagName('*').length,
  window.__wbLong.map(([s, d]) => Math.round(s) + '+' + Math.round(d)).join(' ')];
"#;

/// The names of [`PHASES`]' figures, in order.
const PHASE_NAMES: [&str; 12] = [
    "file read (responseEnd)",
    "HTML parsed (domInteractive)",
    "boot module runs",
    "payload text read into bytes",
    "LZMA decoder ready",
    "wasm unpacked (last slice)",
    "wasm started: model parse starts",
    "model parsed",
    "first requirement in the page",
    "first frame after it",
    "second frame (the figure above)",
    "elements in the page after load (count, not ms)",
];

fn gzip_len(data: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(data, 9).len() + 18
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

#[derive(Default)]
struct Loads {
    /// Every load's first screen, in order; NaN for a load that did not draw.
    first_screen: Vec<f64>,
    /// Each drawn load's [`PHASES`], for `BENCH_PHASES=1`.
    phases: Vec<Vec<f64>>,
    /// Each drawn load's long tasks, `start+duration` in ms.
    long_tasks: Vec<String>,
    heap: Vec<f64>,
    wasm: Vec<f64>,
}

impl Loads {
    /// Heap and memory sorted; the first screens stay in order (see [`Loads::drawn`]).
    fn sorted(&mut self) {
        for v in [&mut self.heap, &mut self.wasm] {
            v.sort_by(f64::total_cmp);
        }
    }

    /// The loads that drew, sorted.
    fn drawn(&self) -> Vec<f64> {
        let mut d: Vec<f64> = self
            .first_screen
            .iter()
            .copied()
            .filter(|t| !t.is_nan())
            .collect();
        d.sort_by(f64::total_cmp);
        d
    }

    fn failed(&self) -> usize {
        self.first_screen.iter().filter(|t| t.is_nan()).count()
    }
}

/// One cold load of `page` in a fresh profile (a copy of `profile` when given).
async fn cold_load(page: &Path, profile: Option<&Path>, hash: &str, into: &mut Loads) {
    let b = Browser::start_with_profile(profile).await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": FIRST_SCREEN }),
    )
    .await;
    b.client
        .goto(&format!("file://{}{hash}", page.display()))
        .await
        .expect("open the page");
    if !b
        .try_wait_until("return typeof window.__wbFirstScreen === 'number';")
        .await
    {
        // Counted and shown, not dropped silently: a load that never draws is a finding.
        let state = b
            .eval("return [document.readyState, !!document.querySelector('[data-req]'), (document.querySelector('[role=alert]') || {}).textContent || ''];")
            .await;
        eprintln!("a load did not draw its first screen: {page:?} {state}");
        into.first_screen.push(f64::NAN);
        b.close().await;
        return;
    }
    let t = b.eval("return window.__wbFirstScreen;").await;
    into.first_screen.push(t.as_f64().unwrap_or(f64::NAN));
    let phases = b.eval(PHASES).await;
    let phases = phases.as_array().cloned().unwrap_or_default();
    into.phases.push(
        phases
            .iter()
            .take(PHASE_NAMES.len())
            .map(|v| v.as_f64().unwrap_or(-1.0))
            .collect(),
    );
    into.long_tasks.push(
        phases
            .get(PHASE_NAMES.len())
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
    );
    into.heap.push(b.heap_used().await);
    into.wasm.push(b.wasm_memory().await);
    b.close().await;
}

/// A profile holding the ten-times model and an assessment of it, opened at a sub-item, made
/// with `page`; returned with the hash to open.
async fn ten_times_profile(page: &Path) -> (PathBuf, String) {
    let b = Browser::start().await;
    b.client
        .goto(&format!("file://{}", page.display()))
        .await
        .expect("open");
    b.wait_ready().await;
    b.open_ten_times_model().await;
    let hash = b.eval("return location.hash;").await;
    let hash = hash.as_str().unwrap_or_default().to_string();
    (b.close_keeping_profile().await, hash)
}

fn row(what: &str, values: &[String]) {
    print!("| {what:<52} |");
    for v in values {
        print!(" {v:>14} |");
    }
    println!();
}

/// `BENCH_BUSY=N`: N threads spinning for the whole run, the busiest machine we can make (a
/// shared VDI desktop); `BENCH_BUSY=0` or unset, an idle machine.
fn keep_cores_busy() {
    let threads: usize = std::env::var("BENCH_BUSY")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    for _ in 0..threads {
        std::thread::spawn(|| {
            let mut x = 0u64;
            loop {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        });
    }
    if threads > 0 {
        println!("{threads} threads keep the cores busy during every load (BENCH_BUSY)");
    }
}

#[tokio::main]
async fn main() {
    keep_cores_busy();
    let loads: usize = std::env::var("BENCH_LOADS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(16)
        // Even, so each build goes first as often as second (see the rounds below).
        .next_multiple_of(2);
    let current = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist/maturity-workbook.html");
    assert!(current.exists(), "run make dist first");
    let mut builds: Vec<(String, PathBuf)> = vec![("this build".into(), current)];
    if let Some(base) = std::env::var_os("BENCH_BASELINE").map(PathBuf::from) {
        if let Ok(base) = base.canonicalize() {
            // Absolute: a relative path would make a `file://` URL with a host name.
            builds.push(("baseline".into(), base));
        } else {
            eprintln!(
                "BENCH_BASELINE {} not found; measuring this build only",
                base.display()
            );
        }
    }
    println!(
        "Cold loads through file://, a fresh Chromium profile per load, {loads} loads per build"
    );
    print!("| {:<52} |", "figure");
    for (name, _) in &builds {
        print!(" {name:>14} |");
    }
    println!();
    print!("|{:-<54}|", "");
    for _ in &builds {
        print!("{:-<16}|", "");
    }
    println!();
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1024.0);
    let files: Vec<Vec<u8>> = builds
        .iter()
        .map(|(_, p)| std::fs::read(p).expect("read the page"))
        .collect();
    row(
        "single file, raw",
        &files.iter().map(|f| kb(f.len())).collect::<Vec<_>>(),
    );
    row(
        "single file, gzip -9",
        &files.iter().map(|f| kb(gzip_len(f))).collect::<Vec<_>>(),
    );

    let cd_only = std::env::var_os("BENCH_CD_ONLY").is_some();
    for (model, make_profile) in [("CD model", false), ("10x model", true)] {
        if make_profile && cd_only {
            continue;
        }
        let mut prepared = Vec::new();
        for (_, page) in &builds {
            prepared.push(if make_profile {
                let (p, h) = ten_times_profile(page).await;
                (Some(p), h)
            } else {
                (None, String::new())
            });
        }
        let mut results: Vec<Loads> = builds.iter().map(|_| Loads::default()).collect();
        // The order swaps every round: on this machine the second of two back-to-back cold
        // starts is ~50 ms faster (the same page against a copy of itself, always second,
        // measured 52 ms faster in the median pair), which a fixed order would credit to the
        // build that always goes second.
        for round in 0..loads {
            let mut order: Vec<usize> = (0..builds.len()).collect();
            if round % 2 == 1 {
                order.reverse();
            }
            for n in order {
                let (profile, hash) = &prepared[n];
                cold_load(&builds[n].1, profile.as_deref(), hash, &mut results[n]).await;
            }
        }
        // Load i of each build ran in the same round, at the same moment of the machine: the
        // median of those paired differences (two rounds at a time, below) is steadier than a
        // difference of two medians.
        let paired: Vec<String> = results
            .iter()
            .map(|l| {
                let each: Vec<f64> = l
                    .first_screen
                    .iter()
                    .zip(&results[0].first_screen)
                    .map(|(x, first)| x - first)
                    .collect();
                // Two rounds, one in each order, make one pair: the order's own effect cancels
                // in their mean (a single round's difference is off by it, either way).
                let mut d: Vec<f64> = each
                    .chunks_exact(2)
                    .map(|two| (two[0] + two[1]) / 2.0)
                    .filter(|d| !d.is_nan())
                    .collect();
                d.sort_by(f64::total_cmp);
                d
            })
            .enumerate()
            .map(|(n, d)| {
                if n == 0 {
                    "—".to_string()
                } else {
                    format!("{:+.0} ms", percentile(&d, 0.5))
                }
            })
            .collect();
        results.iter_mut().for_each(Loads::sorted);
        let ms = |v: f64| format!("{v:.0} ms");
        let mb = |v: f64| format!("{:.1} MB", v / 1_048_576.0);
        let each = |f: &dyn Fn(&Loads) -> String| results.iter().map(f).collect::<Vec<_>>();
        row(
            &format!("{model}: first screen + 2 frames, median"),
            &each(&|l| ms(percentile(&l.drawn(), 0.5))),
        );
        row(
            &format!("{model}: first screen + 2 frames, p95"),
            &each(&|l| ms(percentile(&l.drawn(), 0.95))),
        );
        row(
            &format!("{model}: paired differences, column − this build, median"),
            &paired,
        );
        row(
            &format!("{model}: loads that did not draw"),
            &each(&|l| l.failed().to_string()),
        );
        row(
            &format!("{model}: JS heap after load, median"),
            &each(&|l| mb(percentile(&l.heap, 0.5))),
        );
        row(
            &format!("{model}: wasm memory after load, median"),
            &each(&|l| mb(percentile(&l.wasm, 0.5))),
        );
        if std::env::var_os("BENCH_PHASES").is_some() {
            for (i, name) in PHASE_NAMES.iter().enumerate() {
                row(
                    &format!("{model}: {name}, median"),
                    &each(&|l| {
                        let mut v: Vec<f64> = l
                            .phases
                            .iter()
                            .filter_map(|p| p.get(i).copied())
                            .filter(|t| *t >= 0.0)
                            .collect();
                        v.sort_by(f64::total_cmp);
                        if v.is_empty() {
                            "—".into()
                        } else {
                            ms(percentile(&v, 0.5))
                        }
                    }),
                );
            }
            for ((name, _), l) in builds.iter().zip(&results) {
                println!("{model}, {name}: long tasks (start+duration ms) per load:");
                for tasks in &l.long_tasks {
                    println!("  {tasks}");
                }
            }
        }
        for (profile, _) in prepared {
            if let Some(p) = profile {
                let _ = std::fs::remove_dir_all(p.parent().unwrap_or(&p));
            }
        }
    }
}
