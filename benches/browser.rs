//! `make bench` (browser part): sizes of the deliverables, and, in headless Chromium through
//! ChromeDriver with the single file opened via `file://`, the time from navigation start to
//! the workbook being answerable (`performance.mark('wb-interactive')`) over many loads.
//! Prints a table; asserts nothing about the figures.

#[path = "../tests/e2e/support.rs"]
mod support;

use std::io::Write;
use std::path::Path;

use support::Browser;

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

#[tokio::main]
async fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    let single = std::fs::read(dist.join("maturity-workbook.html")).expect("run make dist first");
    let wasm = std::fs::read(wasm_file(&dist).expect("a .wasm in dist")).expect("read wasm");
    println!("Browser benchmark (headless Chromium, single file via file://)");
    println!("| {:<52} | {:>14} |", "figure", "value");
    println!("|{:-<54}|{:-<16}|", "", "");
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1024.0);
    println!(
        "| {:<52} | {:>14} |",
        "single file maturity-workbook.html, raw",
        kb(single.len())
    );
    println!(
        "| {:<52} | {:>14} |",
        "single file, gzip -9",
        kb(gzip_len(&single))
    );
    println!(
        "| {:<52} | {:>14} |",
        "wasm (after wasm-opt -Oz), raw",
        kb(wasm.len())
    );
    println!("| {:<52} | {:>14} |", "wasm, gzip -9", kb(gzip_len(&wasm)));
    let _ = std::io::stdout().flush();

    let loads = 25;
    let b = Browser::open().await;
    let mut times = Vec::new();
    let mut parse = Vec::new();
    for _ in 0..loads {
        b.client.goto("about:blank").await.expect("blank");
        b.client.goto(&b.url).await.expect("open");
        b.wait_ready().await;
        let t = b
            .eval("const m = performance.getEntriesByName('wb-interactive')[0]; return m ? m.startTime : -1;")
            .await
            .as_f64()
            .unwrap_or(-1.0);
        times.push(t);
        let p = b
            .eval("const m = performance.getEntriesByName('wb-model-parsed', 'measure')[0]; return m ? m.duration : -1;")
            .await
            .as_f64()
            .unwrap_or(-1.0);
        parse.push(p);
    }
    b.close().await;
    times.sort_by(f64::total_cmp);
    parse.sort_by(f64::total_cmp);
    let ms = |v: f64| format!("{v:.1} ms");
    println!(
        "| {:<52} | {:>14} |",
        format!("navigation start → answerable, median of {loads} loads"),
        ms(percentile(&times, 0.5))
    );
    println!(
        "| {:<52} | {:>14} |",
        format!("navigation start → answerable, p95 of {loads} loads"),
        ms(percentile(&times, 0.95))
    );
    if parse[0] >= 0.0 {
        println!(
            "| {:<52} | {:>14} |",
            "embedded model parse + validate + index, median",
            ms(percentile(&parse, 0.5))
        );
    }
}
