//! `make bench` (native part): a full recompute of every level for the CD model and for a
//! synthetic model ten times its size, plus model parsing. Prints a table of timings; asserts
//! nothing about them (a benchmark, not a timed test).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use maturity_core::assess::assessment::{Answer, Assessment, Status};
use maturity_core::assess::gap::{evidence_plan, gap};
use maturity_core::assess::materials::{check, CheckedFile, EvidenceCheck};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::score;
use maturity_core::model::synthetic::scaled_model_json;
use maturity_core::model::validate::{load_model, load_trusted_model};
use maturity_core::model::LoadedModel;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::text::Lang;

/// Answers every requirement with a deterministic mix of statuses.
fn answered(model: &LoadedModel) -> BTreeMap<String, Answer> {
    let mut x: u32 = 0x9e37_79b9;
    (0..model.requirement_count())
        .map(|r| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let s = match x % 10 {
                0..=5 => Status::Met,
                6 => Status::Partial,
                7 => Status::NotMet,
                _ => Status::NotApplicable,
            };
            (model.requirement_id(r).to_string(), Answer::new(s))
        })
        .collect()
}

/// A materials folder of `n` files: a third named by material code, a third by title in
/// sub-item folders, a third unrelated.
fn materials_folder(model: &LoadedModel, n: usize) -> Vec<CheckedFile> {
    let evidence: Vec<(String, String, String)> = (0..model.item_count())
        .flat_map(|i| {
            let item = model.item(i);
            model
                .item_index(i)
                .evidence
                .iter()
                .map(move |e| (item.name.zh.clone(), e.code.clone(), e.title.zh.clone()))
        })
        .collect();
    (0..n)
        .map(|k| {
            let (folder, code, title) = &evidence[k % evidence.len()];
            CheckedFile {
                path: match k % 3 {
                    0 => format!("材料/{code}-《{title}》-{k}.docx"),
                    1 => format!("材料/{folder}/{title}（第{k}版）.pdf"),
                    _ => format!("材料/归档/{k:05}/会议纪要-{k}.docx"),
                },
                size: 1000 + k as u64,
                modified: "2026-03-01T08:00:00.000Z".into(),
            }
        })
        .collect()
}

struct Stats {
    median: Duration,
    p95: Duration,
    runs: usize,
}

fn measure(runs: usize, mut f: impl FnMut()) -> Stats {
    for _ in 0..runs.min(100) {
        f(); // warm-up
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    Stats {
        median: times[runs / 2],
        p95: times[runs * 95 / 100],
        runs,
    }
}

fn row(what: &str, s: &Stats) {
    println!(
        "| {what:<44} | {:>10.1} | {:>10.1} | {:>6} |",
        s.median.as_secs_f64() * 1e6,
        s.p95.as_secs_f64() * 1e6,
        s.runs
    );
}

fn main() {
    let scaled_text = scaled_model_json(EMBEDDED_MODEL, 10);
    let cd = load_model(EMBEDDED_MODEL).expect("CD model");
    let x10 = load_model(&scaled_text).expect("10x model");
    println!("Engine benchmark (native, release build)");
    println!(
        "CD model: {} sub-items, {} requirements, {} bytes; 10x model: {} sub-items, {} requirements",
        cd.item_count(),
        cd.requirement_count(),
        EMBEDDED_MODEL.len(),
        x10.item_count(),
        x10.requirement_count()
    );
    println!(
        "| {:<44} | {:>10} | {:>10} | {:>6} |",
        "operation", "median µs", "p95 µs", "runs"
    );
    println!("|{:-<46}|{:-<12}|{:-<12}|{:-<8}|", "", "", "", "");
    for (name, model, runs) in [("CD", &cd, 20_000), ("10x synthetic", &x10, 2_000)] {
        let answers = answered(model);
        let empty = BTreeMap::new();
        row(
            &format!("full recompute, {name}, all answered"),
            &measure(runs, || {
                black_box(score(model, black_box(&answers), 3, Rule::CaictStrict));
            }),
        );
        row(
            &format!("full recompute, {name}, unanswered"),
            &measure(runs, || {
                black_box(score(model, black_box(&empty), 3, Rule::CaictStrict));
            }),
        );
        let results = score(model, &answers, 3, Rule::CaictStrict);
        row(
            &format!("gap to target, {name}"),
            &measure(runs, || {
                black_box(gap(model, black_box(&results)));
            }),
        );
        let mut a = Assessment::new("bench", "bench", model, 3, Lang::Zh, "t");
        a.answers = answers.clone();
        row(
            &format!("evidence plan, {name}"),
            &measure(runs / 10, || {
                black_box(evidence_plan(model, black_box(&a)));
            }),
        );
    }
    let a = Assessment::new("bench", "bench", &cd, 3, Lang::Zh, "t");
    for n in [500, 4000] {
        let files = materials_folder(&cd, n);
        row(
            &format!("materials check, {n} files (keep + match)"),
            &measure(20, || {
                let kept = EvidenceCheck::new(&cd, &a, "t", "材料", black_box(files.clone()));
                black_box(check(&cd, &a, &kept.files));
            }),
        );
    }
    row(
        "parse + validate + index, CD model",
        &measure(200, || {
            black_box(load_model(black_box(EMBEDDED_MODEL)).ok());
        }),
    );
    row(
        "parse + validate + index, 10x model",
        &measure(20, || {
            black_box(load_model(black_box(&scaled_text)).ok());
        }),
    );
    row(
        "typed parse + index only (trusted), CD model",
        &measure(200, || {
            black_box(load_trusted_model(black_box(EMBEDDED_MODEL)).ok());
        }),
    );
    row(
        "typed parse + index only (trusted), 10x model",
        &measure(20, || {
            black_box(load_trusted_model(black_box(&scaled_text)).ok());
        }),
    );
}
