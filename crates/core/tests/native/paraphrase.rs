//! The paraphrase check: the model's Chinese wording is our own, not pasted from the source.
//!
//! Every Chinese text of the embedded model that paraphrases a cell of CAICT's self-assessment
//! form (each requirement, each requirement's explanation, each baseline and each sub-item
//! explanation) is compared with that cell as the project's reference notes quote it
//! (`shared/reference/caict-cd-reference.md`, §3.4); each level's summary is compared with the
//! level's definition and one-line characterisation (§2). A cell is split into its numbered parts
//! and its explanations (说明); the text is compared with each part and with the whole cell, and
//! the closest counts. Two measures, both of which must stay under their limits:
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
//! notes. Nothing here passes by skipping. `MWB_NO_REFERENCE=1` runs the checks as such a
//! machine would.
//!
//! The English has a check of its own beside it ([`every_english_text_is_our_own_not_the_notes`]):
//! no English text of the model shares a run of [`EN_RUN`] characters or more with the
//! reference notes' English, outside enumerations and names; it too runs without the notes,
//! against a second fingerprint.
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
    // MWB_NO_REFERENCE=1 runs the checks as on a machine without the notes (the fingerprints).
    if std::env::var_os("MWB_NO_REFERENCE").is_some() {
        return Err(tried);
    }
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
/// characters inside one clause of a form cell of §3.4 or of a level's definition in §2 —
/// enough to find a verbatim run over the limit without the reference, and not the reference's
/// text.
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

/// The fingerprint of the reference's form cells (names and explanations, the five levels) and
/// of the levels' definitions.
fn fingerprint(rows: &[Row], levels: &[String]) -> std::collections::BTreeSet<u64> {
    rows.iter()
        .flat_map(|r| std::iter::once(&r.name_cell).chain(r.levels.iter()))
        .chain(levels.iter())
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
        "# Hashes (FNV-1a 64 of the UTF-8) of every run of 14 CJK characters inside one clause of
\
         # the form cells in §3.4 and the level definitions in §2 of the reference notes
\
         # (crates/core/tests/native/paraphrase.rs). Written by
\
         # MWB_WRITE_FINGERPRINT=1 cargo test -p maturity-core --test native paraphrase; checked
\
         # against the reference whenever it is present.
",
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
    let mut out: Vec<(String, String)> = model
        .levels
        .iter()
        .map(|l| (format!("level {} summary", l.level), l.summary.zh.clone()))
        .collect();
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

/// The five levels of §2, each as one cell: its definition, then its one-line characterisation
/// in the self-assessment form's header.
fn level_cells(reference: &str) -> Vec<String> {
    let start = reference
        .find("## 2. ")
        .expect("the reference has §2 (maturity levels)");
    let end = start
        + reference[start..]
            .find("## 3. ")
            .expect("§2 ends where §3 starts");
    let cells: Vec<String> = reference[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && l[2..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            assert_eq!(cells.len(), 6, "a level row has 6 cells: {line}");
            format!("{}<br>{}", cells[3], cells[4])
        })
        .collect();
    assert_eq!(cells.len(), 5, "§2 defines five levels");
    cells
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
    let levels = level_cells(&text);
    let mut out: Vec<Compared> = model
        .levels
        .iter()
        .map(|l| {
            let cell = &levels[usize::from(l.level) - 1];
            compare(format!("level {} summary", l.level), &l.summary.zh, cell)
        })
        .collect();
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
        assert_eq!(texts.len(), 5 + 49 + 8 + 284 + 50, "every text is checked");
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
    // 5 level summaries, 49 baselines, 8 sub-item explanations, 284 requirements, 50
    // requirement explanations.
    assert_eq!(all.len(), 5 + 49 + 8 + 284 + 50, "every text was compared");
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
    let computed = fingerprint(&rows, &level_cells(&text));
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

// ---- English ----------------------------------------------------------------------------------

/// A run of this many characters shared with the reference notes' English is a copy.
const EN_RUN: usize = 30;
/// Where the fingerprint of the notes' English is kept: the hashes of every [`EN_RUN`]-character
/// window inside one clause of the notes (see [`en_clauses`]), not the notes' text.
const EN_FINGERPRINT: &str = "tests/fixtures/reference-runs-en.txt";
/// Names of products, standards and models. Where one occurs it is cut out of the text (it ends
/// a clause), in the model's English and in the notes' alike: a name is a fact, not wording.
const NAMES: &[&str] = &[
    "capability maturity model",
    "global pipeline libraries",
    "jenkins",
    "nexus",
    "harbor",
    "jira",
    "redmine",
    "dockerfile",
    "caict",
];

/// The clauses of an English text, normalised: lower-cased, curly apostrophes made straight,
/// names ([`NAMES`]) cut out, runs of spaces made one, trimmed. A clause is a maximal run of
/// letters `a`–`z`, digits, spaces, apostrophes and hyphens: any other character (punctuation
/// such as `, ; : . ( ) / + · — –` and quotes, a line break, a Chinese character) ends it, so the
/// items of an enumeration never form one run.
fn en_clauses(text: &str) -> Vec<String> {
    let mut t = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    for name in NAMES {
        t = t.replace(name, "|");
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in t.chars().chain(std::iter::once('|')) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ' ' | '\'' | '-') {
            if !(c == ' ' && cur.ends_with(' ')) {
                cur.push(c);
            }
        } else {
            let clause = cur.trim();
            if !clause.is_empty() {
                out.push(clause.to_string());
            }
            cur.clear();
        }
    }
    out
}

/// The hashes of every [`EN_RUN`]-character window inside a clause of `text`.
fn en_windows(text: &str) -> Vec<u64> {
    en_clauses(text)
        .iter()
        .flat_map(|c| {
            // Clauses are ASCII: a window of bytes is a window of characters.
            c.as_bytes()
                .windows(EN_RUN)
                .map(|w| fnv1a(FNV_OFFSET, w))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every English text of the model that is wording, with where it is: the source note, the
/// notes, the level summaries, and per sub-item its baseline, explanation, notes, requirements
/// and their explanations. Names are not wording and are left out: the title, the names of the
/// levels, domains, capabilities and sub-items, and the evidence titles (the checklist's
/// document titles).
fn model_english(model: &Model) -> Vec<(String, String)> {
    let mut out = vec![("source".to_string(), model.source.en.clone())];
    for (n, note) in model.notes.iter().enumerate() {
        out.push((format!("note {n}"), note.en.clone()));
    }
    for l in &model.levels {
        out.push((format!("level {} summary", l.level), l.summary.en.clone()));
    }
    for item in model
        .domains
        .iter()
        .flat_map(|d| d.capabilities.iter().flat_map(|c| c.items.iter()))
    {
        out.push((format!("{} baseline", item.code), item.baseline.en.clone()));
        if let Some(e) = &item.explanation {
            out.push((format!("{} explanation", item.code), e.en.clone()));
        }
        for (n, note) in item.notes.iter().enumerate() {
            out.push((format!("{} note {n}", item.code), note.en.clone()));
        }
        for level in &item.levels {
            for r in &level.requirements {
                out.push((r.id.clone(), r.text.en.clone()));
                if let Some(e) = &r.explanation {
                    out.push((format!("{} explanation", r.id), e.en.clone()));
                }
            }
        }
    }
    out
}

/// The longest run `text` shares with one of the `reference` clauses, found by extending every
/// shared 8-character start (exact for runs of 8 characters or more; shorter ones do not matter
/// here).
fn longest_en_run(text: &str, reference: &[String], index: &HashMap<&[u8], Vec<usize>>) -> String {
    const K: usize = 8;
    let mut best = String::new();
    for clause in en_clauses(text) {
        let x = clause.as_bytes();
        for i in 0..x.len().saturating_sub(K - 1) {
            let Some(hits) = index.get(&x[i..i + K]) else {
                continue;
            };
            for &at in hits {
                let (c, o) = (at >> 16, at & 0xffff);
                let y = reference[c].as_bytes();
                let n = x[i..]
                    .iter()
                    .zip(&y[o..])
                    .take_while(|(a, b)| a == b)
                    .count();
                if n > best.len() {
                    best = clause[i..i + n].to_string();
                }
            }
        }
    }
    best
}

fn read_en_fingerprint() -> std::collections::BTreeSet<u64> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(EN_FINGERPRINT);
    std::fs::read_to_string(&path)
        .expect("the English fingerprint is in the repository")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| u64::from_str_radix(l.trim(), 16).expect("a hex hash per line"))
        .collect()
}

fn write_en_fingerprint(set: &std::collections::BTreeSet<u64>) {
    let mut out = String::from(
        "# Hashes (FNV-1a 64 of the ASCII) of every window of 30 characters inside one clause of\n\
         # the English of the reference notes, normalised as en_clauses in\n\
         # crates/core/tests/native/paraphrase.rs says. Written by MWB_WRITE_FINGERPRINT=1\n\
         # cargo test -p maturity-core --test native paraphrase; checked against the notes\n\
         # whenever they are present.\n",
    );
    for h in set {
        out.push_str(&format!("{h:016x}\n"));
    }
    std::fs::write(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(EN_FINGERPRINT),
        out,
    )
    .expect("write the English fingerprint");
}

/// The English check, beside the Chinese one: no English text of the model shares a run of
/// [`EN_RUN`] characters or more with the English of the reference notes (the whole file: the
/// compiler's gloss of every sub-item in §3.5, the evidence notes of §3.6, the level table of
/// §2 and the rest), outside enumerations and names.
///
/// Precisely:
/// - **Texts checked**: every English text of the model that is wording ([`model_english`]):
///   the source note, the notes, the level summaries, and each sub-item's baseline,
///   explanation, notes, requirements and requirement explanations. Names are facts, not
///   wording, and are not checked: the title, the level, domain, capability and sub-item names
///   and the evidence titles.
/// - **Normalisation** ([`en_clauses`]): both sides lower-cased, curly apostrophes made
///   straight, runs of spaces made one.
/// - **Enumerations**: a run counts only inside one clause, and a clause ends at any character
///   other than a letter, a digit, a space, an apostrophe or a hyphen, so items separated by
///   commas, slashes, semicolons, colons, brackets or `·` never join into one run ("performance,
///   stability, reliability" is three clauses). An enumeration joined only by "and" / "or" is one
///   clause and does count.
/// - **Names**: the product, standard and model names of [`NAMES`] are cut out of both sides.
/// - **Run**: a string of characters (spaces included) found in a clause of the model text and
///   in a clause of the notes; [`EN_RUN`] characters or more fails.
///
/// Without the notes (a machine without `../shared`) the same windows are looked up in
/// [`EN_FINGERPRINT`], which is exact; with the notes, the fingerprint is checked to be theirs
/// and the longest shared runs are printed.
#[test]
fn every_english_text_is_our_own_not_the_notes() {
    let model: Model = serde_json::from_str(EMBEDDED_MODEL).expect("the embedded model parses");
    let texts = model_english(&model);
    assert!(
        texts.len() >= 1 + 5 + 49 + 8 + 284 + 50,
        "every text is checked: {}",
        texts.len()
    );
    let windows = match find_reference() {
        Ok((_, reference)) => {
            let computed: std::collections::BTreeSet<u64> =
                en_windows(&reference).into_iter().collect();
            if std::env::var_os("MWB_WRITE_FINGERPRINT").is_some() {
                write_en_fingerprint(&computed);
            }
            let stored = read_en_fingerprint();
            assert!(
                computed == stored,
                "{EN_FINGERPRINT} is not the notes': rewrite it with MWB_WRITE_FINGERPRINT=1"
            );
            // The figures: the longest runs shared with the notes.
            let clauses = en_clauses(&reference);
            let mut index: HashMap<&[u8], Vec<usize>> = HashMap::new();
            for (c, clause) in clauses.iter().enumerate() {
                for (o, w) in clause.as_bytes().windows(8).enumerate() {
                    index.entry(w).or_default().push(c << 16 | o);
                }
            }
            let mut runs: Vec<(usize, &str, String)> = texts
                .iter()
                .map(|(what, t)| {
                    let run = longest_en_run(t, &clauses, &index);
                    (run.len(), what.as_str(), run)
                })
                .collect();
            runs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            println!(
                "English: {} texts; longest runs shared with the notes (limit {EN_RUN}):",
                texts.len()
            );
            for (n, what, run) in runs.iter().take(6) {
                println!("  {n} {what}: \"{run}\"");
            }
            computed
        }
        Err(_) => {
            println!("reference notes not found: English checked against {EN_FINGERPRINT} only");
            read_en_fingerprint()
        }
    };
    assert!(windows.len() > 1_000, "the fingerprint covers the notes");
    let copied: Vec<String> = texts
        .iter()
        .filter(|(_, t)| en_windows(t).iter().any(|h| windows.contains(h)))
        .map(|(what, t)| format!("{what}: {t}"))
        .collect();
    assert!(
        copied.is_empty(),
        "a run of {EN_RUN} characters or more shared with the notes' English:\n{}",
        copied.join("\n")
    );
}

/// The English check is not blind, and it excuses only enumerations and names.
#[test]
fn the_english_check_catches_a_copied_phrase_but_not_a_list_or_a_name() {
    let notes = "| CD-31 | L4 every change triggers the full pipeline · L5 pipeline drives \
                 continuous improvement |\n| CD-22 | L4 automated non-functional tests \
                 (performance, stability, reliability, security) |\nThe Capability Maturity \
                 Model of DevOps Part 1";
    let notes_windows: std::collections::BTreeSet<u64> = en_windows(notes).into_iter().collect();
    let shares = |t: &str| en_windows(t).iter().any(|h| notes_windows.contains(h));
    assert!(shares("The Pipeline drives  continuous improvement."));
    assert!(!shares("Continuous improvement is driven by the pipeline."));
    assert!(!shares(
        "Tests of performance, stability, reliability, security and more."
    ));
    assert!(!shares(
        "Based on the Capability Maturity Model of DevOps Part 1 text."
    ));
    assert_eq!(
        en_clauses("Lead time, change failure rate; the team’s JIRA board"),
        ["lead time", "change failure rate", "the team's", "board"]
    );
    let clauses = en_clauses(notes);
    let mut index: HashMap<&[u8], Vec<usize>> = HashMap::new();
    for (c, clause) in clauses.iter().enumerate() {
        for (o, w) in clause.as_bytes().windows(8).enumerate() {
            index.entry(w).or_default().push(c << 16 | o);
        }
    }
    assert_eq!(
        longest_en_run(
            "So the pipeline drives continuous improvement",
            &clauses,
            &index
        ),
        " pipeline drives continuous improvement"
    );
}

// ---- One form for the form's 持续优化 at level 5 ----------------------------------------------

/// The level-5 requirements whose form cell says 持续优化 (continuously optimised). The model
/// renders it in one form, 不断得到优化 in Chinese and "keep(s) being improved" in English.
/// With the notes present, the list is checked to be exactly the level-5 cells that say so.
const CONTINUOUS_OPTIMISATION: &[&str] = &[
    "CM-VC-VCS-L5-3",
    "CM-VC-BM-L5-1",
    "CM-VC-AM-L5-1",
    "BCI-BP-BM-L5-1",
    "BCI-CI-IS-L5-1",
    "TM-TH-HS-L5-1",
    "TM-CQ-QR-L5-1",
    "TM-AT-ADEV-L5-1",
    "TM-AT-AE-L5-1",
    "DRM-DRM-DM-L5-1",
    "DRM-DRM-DQ-L5-1",
    "DRM-DP-CM-L5-1",
    "DM-TDM-DC-L5-1",
    "DM-DCM-CP-L5-1",
    "MF-MI-MID-L5-1",
    "MF-MI-MIM-L5-1",
    "MF-MDI-CGM-L5-1",
];

#[test]
fn the_forms_continuous_optimisation_reads_one_way_at_level_5() {
    let model: Model = serde_json::from_str(EMBEDDED_MODEL).expect("the embedded model parses");
    let level5: BTreeMap<&str, (&str, &str)> = model
        .domains
        .iter()
        .flat_map(|d| d.capabilities.iter().flat_map(|c| c.items.iter()))
        .flat_map(|i| i.levels.iter().filter(|l| l.level == 5))
        .flat_map(|l| l.requirements.iter())
        .map(|r| (r.id.as_str(), (r.text.zh.as_str(), r.text.en.as_str())))
        .collect();
    for id in CONTINUOUS_OPTIMISATION {
        let (zh, en) = level5[id];
        assert!(zh.contains("不断得到优化"), "{id}: {zh}");
        assert!(
            en.contains("keeps being improved") || en.contains("keep being improved"),
            "{id}: {en}"
        );
    }
    if let Ok((_, text)) = find_reference() {
        let rows = rows(&text);
        // Each level-5 requirement whose closest part of its cell says 持续优化 (a cell with
        // several numbered requirements, such as CM-VC-VCS's, says it in one of them).
        let from_form: Vec<&str> = matched(&model, &rows)
            .into_iter()
            .flat_map(|(item, row)| {
                item.levels
                    .iter()
                    .filter(|l| l.level == 5)
                    .flat_map(|l| l.requirements.iter())
                    .filter(|r| {
                        compare(r.id.clone(), &r.text.zh, &row.levels[4])
                            .closest
                            .contains("持续优化")
                    })
                    .map(|r| r.id.as_str())
            })
            .collect();
        assert_eq!(from_form, CONTINUOUS_OPTIMISATION);
    }
}
