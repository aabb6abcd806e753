//! The paraphrase check: the model's Chinese wording is our own, not pasted from the source.
//!
//! Every Chinese text of the embedded model that paraphrases a cell of CAICT's self-assessment
//! form (each requirement, each requirement's explanation, each baseline and each sub-item
//! explanation) is compared with that cell as the project's reference notes quote it
//! (`shared/reference/caict-cd-reference.md`, §3.4). A cell is split into its numbered parts and
//! its explanations (说明); the text is compared with each part and with the whole cell, and the
//! closest counts. Two measures, both of which must stay under their limits:
//!
//! - **bigram similarity**: the Dice coefficient of the character-bigram multisets (letters,
//!   digits and CJK characters only; punctuation and spaces dropped; ASCII lower-cased), below
//!   [`MAX_SIMILARITY`];
//! - **verbatim run**: the longest run of CJK characters the two share inside one clause (a clause
//!   ends at any character that is not a CJK ideograph, so enumerations such as
//!   性能、容量、稳定性 and product names do not count as one run), at most [`MAX_RUN`].
//!
//! `cargo test -p maturity-core --test native paraphrase -- --nocapture` prints the closest texts; docs/model-notes.md
//! records the figures. The reference is not part of the repository: it is found at
//! `../shared/reference/` beside the checkout (or `../../shared/reference/` beside a worktree, or
//! the path in `MWB_REFERENCE`). Where it is missing (a CI machine without `../shared`), the
//! verbatim-run measure still runs, exactly, against a fingerprint of the reference kept in the
//! repository (hashes of its 14-character runs, not its text); the similarity measure needs the
//! notes. Nothing here passes by skipping.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use maturity_core::model::validate::{fnv1a, FNV_OFFSET};
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::model::{Item, Model};

/// A text at or above this bigram similarity to its source cell is a near copy.
const MAX_SIMILARITY: f64 = 0.78;
/// The longest verbatim run of CJK characters allowed inside one clause.
const MAX_RUN: usize = 13;
/// Sub-items whose baseline paraphrases another level's cell than level 1, with that level.
/// Branch management: the source looks shifted by one column (docs/model-notes.md).
const BASELINE_FROM: &[(&str, usize)] = &[("CM-VC-BM", 2)];

/// The reference notes, where they are found.
fn find_reference() -> Result<(PathBuf, String), Vec<PathBuf>> {
    // The checkout's root: this crate is crates/core inside it.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rel = "shared/reference/caict-cd-reference.md";
    let mut tried = Vec::new();
    if let Some(p) = std::env::var_os("MWB_REFERENCE") {
        tried.push(PathBuf::from(p));
    }
    tried.push(root.join("..").join(rel));
    tried.push(root.join("../..").join(rel));
    for p in &tried {
        if let Ok(text) = std::fs::read_to_string(p) {
            return Ok((p.clone(), text));
        }
    }
    Err(tried)
}

fn reference() -> (PathBuf, String) {
    find_reference().unwrap_or_else(|tried| {
        panic!(
            "the paraphrase check needs the reference notes on the standard, and they were not \
             found; tried {tried:?} (set MWB_REFERENCE to the file's path)"
        )
    })
}

/// Where the reference's fingerprint is kept: the hashes of every run of [`MAX_RUN`] + 1 CJK
/// characters inside one clause of a form cell of §3.4 — enough to find a verbatim run over the
/// limit without the reference, and not the reference's text.
const FINGERPRINT: &str = "tests/fixtures/reference-runs.txt";

/// FNV-1a, 64 bits, over the characters' UTF-8.
fn fnv(chars: &[char]) -> u64 {
    let mut buf = [0u8; 4];
    chars.iter().fold(FNV_OFFSET, |h, c| {
        fnv1a(h, c.encode_utf8(&mut buf).as_bytes())
    })
}

/// The hashes of every window of `MAX_RUN + 1` characters inside a clause of `text`.
fn runs_of(text: &str) -> Vec<u64> {
    clauses(text)
        .iter()
        .flat_map(|c| c.windows(MAX_RUN + 1).map(fnv).collect::<Vec<_>>())
        .collect()
}

/// The fingerprint of the reference's form cells (names and explanations, the five levels).
fn fingerprint(rows: &[Row]) -> std::collections::BTreeSet<u64> {
    rows.iter()
        .flat_map(|r| std::iter::once(&r.name_cell).chain(r.levels.iter()))
        .flat_map(|cell| runs_of(cell))
        .collect()
}

fn read_fingerprint() -> std::collections::BTreeSet<u64> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FINGERPRINT);
    let text =
        std::fs::read_to_string(&path).expect("the reference's fingerprint is in the repository");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| u64::from_str_radix(l.trim(), 16).expect("a hex hash per line"))
        .collect()
}

fn write_fingerprint(set: &std::collections::BTreeSet<u64>) {
    let mut out = String::from(
        "# Hashes (FNV-1a 64 of the UTF-8) of every run of 14 CJK characters inside one clause of the\n\
         # form cells in §3.4 of the reference notes (crates/core/tests/native/paraphrase.rs). Written by\n\
         # MWB_WRITE_FINGERPRINT=1 cargo test -p maturity-core --test native paraphrase; checked against\n\
         # the reference whenever it is present.\n",
    );
    for h in set {
        out.push_str(&format!("{h:016x}\n"));
    }
    std::fs::write(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FINGERPRINT),
        out,
    )
    .expect("write the fingerprint");
}

/// Every Chinese text of the model that paraphrases a form cell.
fn model_texts(model: &Model) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in model
        .domains
        .iter()
        .flat_map(|d| d.capabilities.iter().flat_map(|c| c.items.iter()))
    {
        out.push((format!("{} baseline", item.code), item.baseline.zh.clone()));
        if let Some(e) = &item.explanation {
            out.push((format!("{} explanation", item.code), e.zh.clone()));
        }
        for level in &item.levels {
            for r in &level.requirements {
                out.push((r.id.clone(), r.text.zh.clone()));
                if let Some(e) = &r.explanation {
                    out.push((format!("{} explanation", r.id), e.zh.clone()));
                }
            }
        }
    }
    out
}

/// One row of the self-assessment form as the reference quotes it.
struct Row {
    id: String,
    domain: String,
    /// 能力子项 cell: the name, then any explanation.
    name_cell: String,
    /// Levels 1 to 5.
    levels: [String; 5],
}

/// The rows of §3.4, each with the domain of the table it is in.
fn rows(reference: &str) -> Vec<Row> {
    let start = reference
        .find("### 3.4 ")
        .expect("the reference has §3.4 (level requirements per sub-item)");
    let end = start
        + reference[start..]
            .find("### 3.5 ")
            .expect("§3.4 ends where §3.5 starts");
    let mut domain = String::new();
    let mut out = Vec::new();
    for line in reference[start..end].lines() {
        if let Some(rest) = line.strip_prefix("#### 3.4.") {
            // "#### 3.4.1 配置管理 — Configuration management (7 sub-items)"
            domain = rest
                .split_whitespace()
                .nth(1)
                .expect("a domain heading names the domain")
                .to_string();
        } else if line.starts_with("| CD-") {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            assert_eq!(cells.len(), 8, "a form row has 8 cells: {line}");
            assert!(!domain.is_empty(), "a row before any domain heading");
            out.push(Row {
                id: cells[0].to_string(),
                domain: domain.clone(),
                name_cell: cells[2].to_string(),
                levels: std::array::from_fn(|i| cells[3 + i].to_string()),
            });
        }
    }
    out
}

/// Drops a leading "1)" / "2）" numbering.
fn strip_number(s: &str) -> &str {
    let t = s.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return s.trim();
    }
    let rest = t[digits..].trim_start();
    rest.strip_prefix(')')
        .or_else(|| rest.strip_prefix('）'))
        .map_or(s.trim(), str::trim)
}

/// The parts of a cell a text may paraphrase: each line, numbered requirement and explanation,
/// and the whole cell.
fn parts(cell: &str) -> Vec<String> {
    let clean = cell.replace('*', "");
    let mut out = Vec::new();
    for line in clean.split("<br>") {
        for piece in strip_number(line).split("说明：") {
            let piece = strip_number(piece);
            if !normalise(piece).is_empty() {
                out.push(piece.to_string());
            }
        }
    }
    out.push(clean.replace("<br>", " "));
    out
}

fn normalise(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The Dice coefficient of the character-bigram multisets of `a` and `b`.
fn similarity(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| {
        let chars = normalise(s);
        let mut m: HashMap<(char, char), usize> = HashMap::new();
        for w in chars.windows(2) {
            *m.entry((w[0], w[1])).or_default() += 1;
        }
        m
    };
    let (x, y) = (bigrams(a), bigrams(b));
    let total: usize = x.values().sum::<usize>() + y.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let shared: usize = x
        .iter()
        .map(|(k, n)| (*n).min(y.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * shared as f64 / total as f64
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn clauses(s: &str) -> Vec<Vec<char>> {
    s.split(|c: char| !is_cjk(c))
        .filter(|p| !p.is_empty())
        .map(|p| p.chars().collect())
        .collect()
}

/// The longest run of CJK characters that `a` and `b` share inside one clause.
fn verbatim_run(a: &str, b: &str) -> usize {
    let mut best = 0;
    for x in clauses(a) {
        for y in clauses(b) {
            let mut prev = vec![0usize; y.len() + 1];
            for &cx in &x {
                let mut cur = vec![0usize; y.len() + 1];
                for (j, &cy) in y.iter().enumerate() {
                    if cx == cy {
                        cur[j + 1] = prev[j] + 1;
                        best = best.max(cur[j + 1]);
                    }
                }
                prev = cur;
            }
        }
    }
    best
}

/// One model text set against the source cell it paraphrases.
struct Compared {
    what: String,
    text: String,
    similarity: f64,
    closest: String,
    run: usize,
}

fn compare(what: String, text: &str, cell: &str) -> Compared {
    let candidates = parts(cell);
    assert!(!candidates.is_empty(), "{what}: nothing to compare with");
    let (similarity, closest) = candidates
        .iter()
        .map(|p| (similarity(text, p), p.clone()))
        .fold(
            (-1.0, String::new()),
            |best, x| {
                if x.0 > best.0 {
                    x
                } else {
                    best
                }
            },
        );
    let run = candidates
        .iter()
        .map(|p| verbatim_run(text, p))
        .max()
        .unwrap_or(0);
    Compared {
        what,
        text: text.to_string(),
        similarity,
        closest,
        run,
    }
}

/// Each model sub-item with its row of the form: same domain, and the form's name equal to the
/// model's or its ending (the model uses the checklist's longer names, e.g. 代码质量规约).
fn matched<'a>(model: &'a Model, rows: &'a [Row]) -> Vec<(&'a Item, &'a Row)> {
    let mut out = Vec::new();
    let mut used: BTreeMap<&str, &str> = BTreeMap::new();
    for row in rows {
        let name = row.name_cell.split("<br>").next().unwrap_or("").trim();
        let candidates: Vec<&Item> = model
            .domains
            .iter()
            .filter(|d| d.name.zh == row.domain)
            .flat_map(|d| d.capabilities.iter().flat_map(|c| c.items.iter()))
            .filter(|i| i.name.zh == name || i.name.zh.ends_with(name))
            .collect();
        assert_eq!(
            candidates.len(),
            1,
            "{} {name} ({}) should match exactly one sub-item of the model",
            row.id,
            row.domain
        );
        let item = candidates[0];
        if let Some(other) = used.insert(&item.code, &row.id) {
            panic!("{} is matched by both {other} and {}", item.code, row.id);
        }
        out.push((item, row));
    }
    out
}

fn compare_all() -> Vec<Compared> {
    let (path, text) = reference();
    let rows = rows(&text);
    assert_eq!(
        rows.len(),
        49,
        "{} should quote the form's 49 rows in §3.4",
        path.display()
    );
    let model: Model = serde_json::from_str(EMBEDDED_MODEL).expect("the embedded model parses");
    let pairs = matched(&model, &rows);
    assert_eq!(pairs.len(), 49);
    let mut out = Vec::new();
    for (item, row) in pairs {
        let baseline_level = BASELINE_FROM
            .iter()
            .find(|(code, _)| *code == item.code)
            .map_or(1, |(_, l)| *l);
        out.push(compare(
            format!("{} baseline", item.code),
            &item.baseline.zh,
            &row.levels[baseline_level - 1],
        ));
        if let Some(e) = &item.explanation {
            // The form explains a sub-item after its name, in the same cell.
            let explained = row.name_cell.split_once("<br>").map(|(_, e)| e);
            let cell = explained.unwrap_or_else(|| {
                panic!("{} has an explanation the form does not have", item.code)
            });
            out.push(compare(format!("{} explanation", item.code), &e.zh, cell));
        }
        for level in &item.levels {
            let cell = &row.levels[usize::from(level.level) - 1];
            for r in &level.requirements {
                out.push(compare(r.id.clone(), &r.text.zh, cell));
                if let Some(e) = &r.explanation {
                    out.push(compare(format!("{} explanation", r.id), &e.zh, cell));
                }
            }
        }
    }
    out
}

#[test]
fn every_chinese_text_is_a_paraphrase_not_a_copy() {
    if find_reference().is_err() {
        // Without the notes (a machine without ../shared): the verbatim-run measure, exactly,
        // against the fingerprint; the bigram similarity needs the notes themselves.
        let runs = read_fingerprint();
        assert!(
            runs.len() > 1_000,
            "the fingerprint covers the form's cells"
        );
        let model: Model = serde_json::from_str(EMBEDDED_MODEL).expect("the embedded model parses");
        let texts = model_texts(&model);
        assert_eq!(texts.len(), 49 + 8 + 284 + 50, "every text is checked");
        let copied: Vec<String> = texts
            .iter()
            .filter(|(_, t)| runs_of(t).iter().any(|h| runs.contains(h)))
            .map(|(what, t)| format!("{what}: {t}"))
            .collect();
        println!("reference notes not found: verbatim runs checked against {FINGERPRINT} only");
        assert!(
            copied.is_empty(),
            "a run of more than {MAX_RUN} characters copied from the source:\n{}",
            copied.join("\n")
        );
        return;
    }
    let mut all = compare_all();
    // 49 baselines, 8 sub-item explanations, 284 requirements, 50 requirement explanations.
    assert_eq!(all.len(), 49 + 8 + 284 + 50, "every text was compared");
    all.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    println!("closest by bigram similarity (limit {MAX_SIMILARITY}):");
    for c in all.iter().take(8) {
        println!(
            "  {:.3} {}: {} ⟷ {}",
            c.similarity, c.what, c.text, c.closest
        );
    }
    let mut sims: Vec<f64> = all.iter().map(|c| c.similarity).collect();
    sims.sort_by(f64::total_cmp);
    println!(
        "texts {}, median similarity {:.2}, highest {:.3}",
        sims.len(),
        sims[sims.len() / 2],
        sims[sims.len() - 1]
    );
    all.sort_by_key(|c| std::cmp::Reverse(c.run));
    println!("longest verbatim runs (limit {MAX_RUN}):");
    for c in all.iter().take(5) {
        println!("  {} {}: {}", c.run, c.what, c.text);
    }
    let too_close: Vec<String> = all
        .iter()
        .filter(|c| c.similarity >= MAX_SIMILARITY || c.run > MAX_RUN)
        .map(|c| {
            format!(
                "{} (similarity {:.3}, run {}): {} ⟷ {}",
                c.what, c.similarity, c.run, c.text, c.closest
            )
        })
        .collect();
    assert!(
        too_close.is_empty(),
        "too close to the source:\n{}",
        too_close.join("\n")
    );
}

/// The check is not blind: a cell pasted in, or merely reordered, is caught.
#[test]
fn the_check_catches_a_pasted_or_reordered_cell() {
    let cell = "1) 使用统一的版本控制系统<br>2) 将全部源代码纳入版本控制系统管理";
    let pasted = compare("pasted".into(), "将全部源代码纳入版本控制系统管理", cell);
    assert!(pasted.similarity >= 0.99 && pasted.run > MAX_RUN);
    let reordered = compare("reordered".into(), "版本控制系统管理将全部源代码纳入", cell);
    assert!(
        reordered.similarity >= MAX_SIMILARITY,
        "{}",
        reordered.similarity
    );
    let ours = compare("ours".into(), "所有源代码都存放在版本控制系统中", cell);
    assert!(ours.similarity < MAX_SIMILARITY && ours.run <= MAX_RUN);
    // Enumerations do not form one run; clauses end at punctuation.
    assert_eq!(verbatim_run("性能、容量、稳定性", "性能、容量、稳定性"), 3);
    assert_eq!(similarity("abc", "abc"), 1.0);
    assert_eq!(similarity("ab", "cd"), 0.0);
    assert_eq!(strip_number("2） 建立"), "建立");
    assert_eq!(strip_number("10 ) x"), "x");
}

/// The reference is parsed as the form: 49 rows, 7 domains, and the cells the notes describe
/// (§3.3: eight level-1 cells say 无, six cells say 同上, one is blank).
///
/// The fingerprint in the repository is the reference's (rewritten with
/// `MWB_WRITE_FINGERPRINT=1`). Without the notes, the fingerprint is checked to catch a text
/// that repeats a run of the source: every run it holds is found in it.
#[test]
fn the_reference_table_is_read_as_the_form() {
    let Ok((_, text)) = find_reference() else {
        let runs = read_fingerprint();
        assert!(runs.len() > 1_000);
        let pasted = "将全部源代码纳入版本控制系统管理并建立统一的配置管理平台";
        let own: std::collections::BTreeSet<u64> = runs_of(pasted).into_iter().collect();
        assert_eq!(own.len(), pasted.chars().count() - MAX_RUN);
        return;
    };
    let rows = rows(&text);
    let computed = fingerprint(&rows);
    if std::env::var_os("MWB_WRITE_FINGERPRINT").is_some() {
        write_fingerprint(&computed);
    }
    assert!(
        computed == read_fingerprint(),
        "{FINGERPRINT} is not the reference's: rewrite it with MWB_WRITE_FINGERPRINT=1"
    );
    let domains: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.domain.as_str()).collect();
    assert_eq!(domains.len(), 7);
    let none = rows.iter().filter(|r| r.levels[0] == "无").count();
    let same = rows
        .iter()
        .flat_map(|r| r.levels.iter())
        .filter(|c| *c == "同上")
        .count();
    let blank = rows
        .iter()
        .flat_map(|r| r.levels.iter())
        .filter(|c| c.contains("blank"))
        .count();
    assert_eq!((none, same, blank), (8, 6, 1));
}
