//! The mutation loop every reader shares: seeded and deterministic, one input at a time, each
//! timed, each caught if it panics, each refusal's messages checked in both languages.
//!
//! [`run`] takes a reader's name, its corpus of valid seeds, a mutator, a count, a per-input
//! time bound and the reader itself: a closure from the input's bytes to an [`Outcome`] (did it
//! accept the input, every message it gave, and whether what it accepted is consistent). It
//! returns a [`Summary`] (count, time, slowest input, failures) and [`Summary::assert_clean`]
//! fails the test with every failure found, each input saved to a file to replay.
//!
//! Environment: `FUZZ_CASES` (inputs per reader, default [`DEFAULT_CASES`]), `FUZZ_SEED` (the
//! loop's seed, default [`DEFAULT_SEED`]), `FUZZ_CASE` (run that one case only, to replay a
//! failure with the seed it was found with).

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Once, OnceLock};
use std::time::{Duration, Instant};

use maturity_core::text::i18n;

/// Inputs per reader unless `FUZZ_CASES` says otherwise: 5,000 in an optimised build (`make
/// test-native` runs the loops in the `fuzz` profile; `make fuzz` sets `FUZZ_CASES=100000`), a
/// smoke run of 200 in the debug build (`cargo test -p maturity-core`), about twenty times
/// slower.
pub const DEFAULT_CASES: usize = if cfg!(debug_assertions) { 200 } else { 5_000 };
/// The seed of the loop unless `FUZZ_SEED` says otherwise.
pub const DEFAULT_SEED: u64 = 0x5eed_2026_0023;
/// No input may take longer than this (reading plus the consistency check of what was
/// accepted, so the reader alone takes less): one second in an optimised build, ten in the
/// debug build.
pub const BOUND: Duration = Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 1 });
/// Failures kept (and inputs saved) per reader; the loop goes on counting the rest.
const KEEP: usize = 8;

/// How many inputs to run per reader: `FUZZ_CASES`, else `default`.
pub fn cases(default: usize) -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| {
            let v = v.trim();
            match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16).ok(),
                None => v.parse().ok(),
            }
        })
        .unwrap_or(DEFAULT_SEED)
}

/// A small deterministic generator (xorshift64*, seeded through SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A size: mostly small, sometimes large (`1..=max`, log-uniform).
    pub fn size(&mut self, max: usize) -> usize {
        let bits = usize::BITS - max.leading_zeros();
        let cap = 1usize << self.below(bits as usize + 1);
        1 + self.below(cap.min(max))
    }
}

/// An input made by a mutator, with what was done to which seed (for the report).
pub struct Mutant {
    pub bytes: Vec<u8>,
    pub how: Vec<String>,
}

/// One message a reader gives the user, in both languages.
#[derive(Clone, Debug)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

/// What a reader made of one input.
#[derive(Debug)]
pub struct Outcome {
    /// The input was accepted (an assessment, a model …).
    pub accepted: bool,
    /// Every message the user is shown about the input: the reasons of a refusal, and the
    /// warnings of an accepted input.
    pub messages: Vec<Message>,
    /// Why the result is not consistent, if it is not (an accepted file that does not read
    /// back the same after export, a refusal without an error …).
    pub inconsistent: Option<String>,
}

impl Outcome {
    pub fn refused(messages: Vec<Message>) -> Outcome {
        Outcome {
            accepted: false,
            messages,
            inconsistent: None,
        }
    }

    pub fn accepted(messages: Vec<Message>, inconsistent: Option<String>) -> Outcome {
        Outcome {
            accepted: true,
            messages,
            inconsistent,
        }
    }
}

/// The kinds of failure, in the order the report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    Panic,
    Slow,
    Message,
    Inconsistent,
}

#[derive(Debug)]
pub struct Found {
    pub failure: Failure,
    pub case: usize,
    pub detail: String,
    pub how: Vec<String>,
    pub saved: Option<PathBuf>,
}

/// What one reader's loop did.
#[derive(Debug)]
pub struct Summary {
    pub reader: String,
    pub seed: u64,
    pub cases: usize,
    pub accepted: usize,
    pub time: Duration,
    /// Of that, the time spent reading (the rest made the inputs).
    pub reading: Duration,
    /// The slowest input: its time, case number, size and how it was made.
    pub slowest: (Duration, usize, usize, Vec<String>),
    pub longest_message: usize,
    pub failures: Vec<Found>,
    /// Failures of each kind, kept or not.
    pub counts: [usize; 4],
}

impl Summary {
    /// One line per reader: count, time, slowest input.
    pub fn line(&self) -> String {
        let (t, case, size, how) = &self.slowest;
        format!(
            "fuzz {}: {} inputs ({} accepted, {} refused) in {:.1} s ({:.1} s reading); slowest {:.1} ms \
             (case {case}, {} bytes: {}); longest message {} chars; panics {}, over {} ms {}, \
             message gaps {}, inconsistent {}",
            self.reader,
            self.cases,
            self.accepted,
            self.cases - self.accepted,
            self.time.as_secs_f64(),
            self.reading.as_secs_f64(),
            t.as_secs_f64() * 1e3,
            size,
            how.join(" + "),
            self.longest_message,
            self.counts[0],
            BOUND.as_millis(),
            self.counts[1],
            self.counts[2],
            self.counts[3],
        )
    }

    /// Fails with every failure kept, how to replay each, and the summary line.
    pub fn assert_clean(&self) {
        println!("{}", self.line());
        if self.failures.is_empty() {
            return;
        }
        let mut report = format!("{}\n", self.line());
        for f in &self.failures {
            let _ = writeln!(
                report,
                "- {:?} at case {} ({}): {}\n  replay: FUZZ_SEED={:#x} FUZZ_CASE={} cargo test -p maturity-core --profile fuzz --test native fuzz::{}",
                f.failure,
                f.case,
                f.how.join(" + "),
                f.detail,
                self.seed,
                f.case,
                f.saved
                    .as_ref()
                    .map(|p| format!("\n  input: {}", p.display()))
                    .unwrap_or_default(),
            );
        }
        panic!("{report}");
    }
}

thread_local! {
    /// Set while this thread reads a fuzz input: its panics are recorded, not printed.
    static READING: Cell<bool> = const { Cell::new(false) };
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic hook that records a fuzz input's panic (message and place) for the report and keeps
/// the default behaviour for every other thread (the other tests run beside these).
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if READING.with(Cell::get) {
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let text = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                PANIC.with(|p| *p.borrow_mut() = Some(format!("{text}{place}")));
            } else {
                default(info);
            }
        }));
    });
}

/// Where failing inputs are written (under the test's target directory).
fn save(reader: &str, case: usize, bytes: &[u8]) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    std::fs::create_dir_all(&dir).ok()?;
    let slug: String = reader
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let path = dir.join(format!("{slug}-{case}.bin"));
    std::fs::write(&path, bytes).ok()?;
    Some(path)
}

/// FNV-1a of a name, so each reader has its own stream of inputs from one seed.
fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Runs `cases` mutated inputs through `read`. Case `n` is made by `mutate` from a generator
/// seeded by the loop's seed, the reader's name and `n` only, so any case can be made again
/// alone (`FUZZ_CASE`).
pub fn run(
    reader: &str,
    seeds: &[Vec<u8>],
    mutate: impl Fn(&mut Rng, &[Vec<u8>]) -> Mutant,
    cases: usize,
    bound: Duration,
    read: impl Fn(&[u8]) -> Outcome,
) -> Summary {
    assert!(!seeds.is_empty(), "{reader}: no seeds");
    install_panic_hook();
    let seed = seed();
    let only: Option<usize> = std::env::var("FUZZ_CASE")
        .ok()
        .and_then(|v| v.trim().parse().ok());
    let mut s = Summary {
        reader: reader.to_string(),
        seed,
        cases: 0,
        accepted: 0,
        time: Duration::ZERO,
        reading: Duration::ZERO,
        slowest: (Duration::ZERO, 0, 0, Vec::new()),
        longest_message: 0,
        failures: Vec::new(),
        counts: [0; 4],
    };
    // Every seed must be accepted as it is: a corpus of refused files fuzzes nothing.
    for (n, bytes) in seeds.iter().enumerate() {
        let outcome = read(bytes);
        assert!(
            outcome.accepted && outcome.inconsistent.is_none(),
            "{reader}: seed {n} is not accepted cleanly: {outcome:?}"
        );
    }
    let started = Instant::now();
    let hash = name_hash(reader);
    for case in 0..cases {
        if only.is_some_and(|o| o != case) {
            continue;
        }
        let mut rng = Rng::new(seed ^ hash ^ (case as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mutant = mutate(&mut rng, seeds);
        let t0 = Instant::now();
        READING.with(|r| r.set(true));
        let result = catch_unwind(AssertUnwindSafe(|| read(&mutant.bytes)));
        READING.with(|r| r.set(false));
        let took = t0.elapsed();
        s.reading += took;
        s.cases += 1;
        if took > s.slowest.0 {
            s.slowest = (took, case, mutant.bytes.len(), mutant.how.clone());
        }
        let found = |failure: Failure, detail: String, s: &mut Summary| {
            s.counts[failure as usize] += 1;
            if s.failures.len() < KEEP {
                s.failures.push(Found {
                    failure,
                    case,
                    detail,
                    how: mutant.how.clone(),
                    saved: save(reader, case, &mutant.bytes),
                });
            }
        };
        if took > bound {
            found(
                Failure::Slow,
                format!(
                    "{:.0} ms on {} bytes",
                    took.as_secs_f64() * 1e3,
                    mutant.bytes.len()
                ),
                &mut s,
            );
        }
        let outcome = match result {
            Ok(o) => o,
            Err(_) => {
                let why = PANIC
                    .with(|p| p.borrow_mut().take())
                    .unwrap_or_else(|| "a panic".into());
                found(Failure::Panic, why, &mut s);
                continue;
            }
        };
        if outcome.accepted {
            s.accepted += 1;
        }
        let input = String::from_utf8_lossy(&mutant.bytes);
        if !outcome.accepted && outcome.messages.is_empty() {
            found(Failure::Message, "refused without a message".into(), &mut s);
        }
        for m in &outcome.messages {
            s.longest_message = s
                .longest_message
                .max(m.zh.chars().count())
                .max(m.en.chars().count());
            if let Some(gap) = message_gap(m, &input) {
                found(Failure::Message, gap, &mut s);
                break;
            }
        }
        if let Some(why) = outcome.inconsistent {
            found(Failure::Inconsistent, why, &mut s);
        }
    }
    s.time = started.elapsed();
    s
}

/// The longest message (with its path) a reader may give: messages quote the file's own text
/// cut short, so a megabyte of it never ends up in the page.
pub const MAX_MESSAGE_CHARS: usize = 1_000;

/// What is wrong with a message, if anything: a language empty, the Chinese without Chinese,
/// the English without a letter, both the same, longer than [`MAX_MESSAGE_CHARS`], or a
/// catalogue placeholder (`{name}`) left unfilled (one the input itself does not contain).
pub fn message_gap(m: &Message, input: &str) -> Option<String> {
    let short = |s: &str| s.chars().take(200).collect::<String>();
    if m.zh.trim().is_empty() || m.en.trim().is_empty() {
        return Some(format!(
            "a language is empty: zh {:?}, en {:?}",
            short(&m.zh),
            short(&m.en)
        ));
    }
    if !m.zh.chars().any(is_chinese) {
        return Some(format!(
            "the Chinese message has no Chinese: {:?}",
            short(&m.zh)
        ));
    }
    if !m.en.chars().any(|c| c.is_ascii_alphabetic()) {
        return Some(format!(
            "the English message has no words: {:?}",
            short(&m.en)
        ));
    }
    if m.zh == m.en {
        return Some(format!("one text for both languages: {:?}", short(&m.zh)));
    }
    for text in [&m.zh, &m.en] {
        let chars = text.chars().count();
        if chars > MAX_MESSAGE_CHARS {
            return Some(format!(
                "a message of {chars} characters: {:?}…",
                short(text)
            ));
        }
        if let Some(p) = placeholders()
            .iter()
            .find(|p| text.contains(p.as_str()) && !input.contains(p.as_str()))
        {
            return Some(format!("placeholder {p} left in {:?}", short(text)));
        }
    }
    None
}

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// The message catalogues whose `{name}` placeholders a message must not show unfilled.
/// `i18n::ALL` holds every group of the catalogue, the form reader's (`i18n::form`) among them;
/// a reader with messages from outside the catalogue adds them here.
const CATALOGUES: &[&[(&str, i18n::T)]] = &[i18n::ALL];

/// Every `{name}` the catalogues fill.
fn placeholders() -> &'static BTreeSet<String> {
    static NAMES: OnceLock<BTreeSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = BTreeSet::new();
        for (_, t) in CATALOGUES.iter().copied().flatten() {
            for text in [t.zh, t.en] {
                for (i, _) in text.match_indices('{') {
                    if let Some(end) = text[i..].find('}') {
                        names.insert(text[i..=i + end].to_string());
                    }
                }
            }
        }
        names
    })
}

#[test]
fn the_message_check_finds_each_gap() {
    let m = |zh: &str, en: &str| Message {
        zh: zh.into(),
        en: en.into(),
    };
    assert_eq!(
        message_gap(&m("缺少此字段", "this field is missing"), ""),
        None
    );
    assert!(message_gap(&m("", "x"), "").is_some());
    assert!(message_gap(&m("missing", "missing"), "").is_some());
    assert!(message_gap(&m("缺少", "缺少"), "").is_some());
    assert!(message_gap(&m("缺少 {field}", "missing {field}"), "").is_some());
    assert!(message_gap(&m("缺少 {bytes}", "missing"), "").is_some());
    assert!(message_gap(&m(&"缺".repeat(1001), "missing"), "").is_some());
    // Braces that are not the catalogue's (a Rust escape in a parser's reason) are text.
    assert_eq!(
        message_gap(&m("无效（\\u{feff}）", "invalid (\\u{feff})"), ""),
        None
    );
    // A placeholder the file itself wrote is the file's text, not a gap.
    assert_eq!(
        message_gap(
            &m("未知字段“{field}”", "unknown field \"{field}\""),
            "{\"{field}\":1}"
        ),
        None
    );
    let mut r = Rng::new(1);
    assert!((0..1000).all(|_| r.size(100) <= 100));
}
