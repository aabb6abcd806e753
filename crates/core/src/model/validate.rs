//! Validation of model files. A model file is a public interface, so a bad one must be explained
//! completely: every problem, each with its JSON path and a reason in both languages, not just
//! the first one serde would stop at. The file is walked as untyped JSON first; only a file with
//! no problems is turned into the typed [`Model`].

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value};

use crate::model::sha256;
use crate::model::{EvidenceKind, LoadedModel, Model, MODEL_FORMAT, MODEL_FORMAT_VERSION};
use crate::text::i18n::{self, T};
use crate::text::{Lang, Langs};

/// Larger files are refused before parsing: the embedded model is about 150 KB, so 8 MB leaves
/// room for any real model while keeping a hostile file from freezing the page.
pub const MAX_MODEL_BYTES: usize = 8 * 1024 * 1024;
/// The longest text (any string) a model may hold, in characters: what a spreadsheet cell
/// holds. The embedded model's longest is under 400. Evidence titles travel in every export of
/// an assessment, so a megabyte title would make the team's own files too large to read back.
pub const MAX_TEXT_CHARS: usize = 32_767;

/// One thing wrong with a file, where it is and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path such as `$.domains[0].capabilities[1].code`.
    pub path: String,
    pub kind: ProblemKind,
}

/// The JSON type a field should have had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    String,
    Object,
    Array,
    Integer,
    Bool,
    /// An object `{"zh": "...", "en": "..."}`.
    Text,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    Missing,
    WrongType(Expected),
    Empty,
    EmptyText(Lang),
    /// A text with neither language.
    NoText,
    UnknownFormat(String),
    UnsupportedVersion(String),
    BadCode(String),
    Duplicate {
        value: String,
        first: String,
    },
    CodePrefix {
        code: String,
        parent: String,
    },
    RequirementId {
        found: String,
        expected: String,
    },
    LevelCount {
        expected: usize,
        found: usize,
    },
    LevelNumber {
        expected: u8,
        found: String,
    },
    SameAsLowerWithRequirements,
    SameAsLowerAtLevel2,
    NoRequirements,
    UnknownEvidenceKind(String),
    /// Another file with the same id and version is loaded already (different text).
    AlreadyLoaded(String),
    /// A string longer than [`MAX_TEXT_CHARS`].
    TooLong {
        chars: usize,
        limit: usize,
    },
}

/// The most characters of the file's own text a message or a path quotes: a message explains
/// where and why, it does not repeat a megabyte of the file.
pub const QUOTE_CHARS: usize = 80;

/// `s` cut to [`QUOTE_CHARS`] characters, with "…" where it was cut.
pub fn quote(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(QUOTE_CHARS) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
    }
}

impl Problem {
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem {
            path: path.into(),
            kind,
        }
    }

    /// The reason, in a language, without the path.
    pub fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }
}

impl Expected {
    pub fn text(self) -> T {
        match self {
            Expected::String => i18n::P_EXPECT_STRING,
            Expected::Object => i18n::P_EXPECT_OBJECT,
            Expected::Array => i18n::P_EXPECT_ARRAY,
            Expected::Integer => i18n::P_EXPECT_INTEGER,
            Expected::Bool => i18n::P_EXPECT_BOOL,
            Expected::Text => i18n::P_EXPECT_TEXT,
        }
    }
}

impl ProblemKind {
    /// The reason, in a language.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let q = |s: &str| quote(s).into_owned();
        match self {
            TooLarge { bytes, limit } => {
                i18n::P_TOO_LARGE.fmt(lang, &[("bytes", bytes), ("limit", limit)])
            }
            Syntax {
                line,
                column,
                detail,
            } => i18n::P_SYNTAX.fmt(
                lang,
                &[("line", line), ("column", column), ("detail", &q(detail))],
            ),
            Missing => i18n::P_MISSING.get(lang).into(),
            WrongType(e) => i18n::P_WRONG_TYPE.fmt(lang, &[("what", &e.text().get(lang))]),
            Empty => i18n::P_EMPTY.get(lang).into(),
            NoText => i18n::form::P_NO_TEXT.get(lang).into(),
            EmptyText(l) => {
                i18n::P_EMPTY_TEXT.fmt(lang, &[("lang", &i18n::lang_name(*l).get(lang))])
            }
            UnknownFormat(f) => {
                i18n::P_UNKNOWN_FORMAT.fmt(lang, &[("found", &q(f)), ("expected", &MODEL_FORMAT)])
            }
            UnsupportedVersion(v) => i18n::P_UNSUPPORTED_VERSION.fmt(
                lang,
                &[("found", &q(v)), ("expected", &MODEL_FORMAT_VERSION)],
            ),
            BadCode(c) => i18n::P_BAD_CODE.fmt(lang, &[("code", &q(c))]),
            Duplicate { value, first } => {
                i18n::P_DUPLICATE.fmt(lang, &[("value", &q(value)), ("first", first)])
            }
            CodePrefix { code, parent } => {
                i18n::P_CODE_PREFIX.fmt(lang, &[("code", &q(code)), ("parent", &q(parent))])
            }
            RequirementId { found, expected } => i18n::P_REQUIREMENT_ID
                .fmt(lang, &[("found", &q(found)), ("expected", &q(expected))]),
            LevelCount { expected, found } => {
                i18n::P_LEVEL_COUNT.fmt(lang, &[("expected", expected), ("found", found)])
            }
            LevelNumber { expected, found } => {
                i18n::P_LEVEL_NUMBER.fmt(lang, &[("expected", expected), ("found", &q(found))])
            }
            SameAsLowerWithRequirements => i18n::P_SAME_AS_LOWER_WITH_REQS.get(lang).into(),
            SameAsLowerAtLevel2 => i18n::P_SAME_AS_LOWER_AT_2.get(lang).into(),
            NoRequirements => i18n::P_NO_REQUIREMENTS.get(lang).into(),
            UnknownEvidenceKind(k) => i18n::P_UNKNOWN_EVIDENCE_KIND.fmt(lang, &[("kind", &q(k))]),
            AlreadyLoaded(key) => i18n::P_ALREADY_LOADED.fmt(lang, &[("key", &q(key))]),
            TooLong { chars, limit } => {
                i18n::P_TOO_LONG.fmt(lang, &[("chars", chars), ("limit", limit)])
            }
        }
    }
}

/// Reads JSON text with a size limit, turning a syntax error into a [`Problem`].
/// serde_json stops at 128 levels of nesting, so a deeply nested file is an error, not a crash.
pub fn parse_json(text: &str, limit: usize) -> Result<Value, Problem> {
    if text.len() > limit {
        return Err(Problem::new(
            "$",
            ProblemKind::TooLarge {
                bytes: text.len(),
                limit,
            },
        ));
    }
    serde_json::from_str::<Value>(text).map_err(|e| {
        Problem::new(
            "$",
            ProblemKind::Syntax {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            },
        )
    })
}

/// Parses, validates and indexes a model file. On failure, every problem found is returned.
///
/// The typed model is read from the very JSON the walk checked, not from the text again: a
/// key the file repeats then means what the walk saw (the last one, as everywhere else the
/// workbook reads JSON), instead of the walk passing one value and a second parse failing on
/// the other with a misleading "not valid JSON".
pub fn load_model(text: &str) -> Result<LoadedModel, Vec<Problem>> {
    let value = parse_json(text, MAX_MODEL_BYTES).map_err(|p| vec![p])?;
    let problems = validate_model(&value);
    if !problems.is_empty() {
        return Err(problems);
    }
    let model: Model = serde_json::from_value(value).map_err(|e| {
        vec![Problem::new(
            "$",
            ProblemKind::Syntax {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            },
        )]
    })?;
    Ok(LoadedModel::new(model, text.as_bytes()))
}

/// A fingerprint of these checks: of this file's source and the model's (its types and format
/// constants), computed while compiling (the sources are not in the build). A model file
/// checked by other rules than these is checked again.
pub const RULES: u64 = fnv1a(
    fnv1a(FNV_OFFSET, include_bytes!("validate.rs")),
    include_bytes!("mod.rs"),
);

/// FNV-1a's starting value (64 bits).
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits, over `bytes`, continuing from `seed` ([`FNV_OFFSET`] to start), so a hash
/// can be carried over several pieces.
pub const fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash = seed;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// What is remembered of a model file that passed the full check: these rules' fingerprint and
/// the SHA-256 of its text.
pub fn checked_mark(sha256: &str) -> String {
    format!("{RULES:016x}:{sha256}")
}

/// Reads a model file stored in this browser. A text whose [`checked_mark`] is in `checked`
/// passed the full check, by these rules, when it was loaded here, and is read straight into
/// the typed model (the check first walks the whole file as untyped JSON, which doubles the
/// start of a large model); any other text, or one that no longer reads, gets the full check.
pub fn load_stored_model(
    text: &str,
    checked: &BTreeSet<String>,
) -> Result<LoadedModel, Vec<Problem>> {
    let sha = sha256::hex(text.as_bytes());
    if checked.contains(&checked_mark(&sha)) {
        if let Ok(model) = serde_json::from_str::<Model>(text) {
            return Ok(LoadedModel::with_sha256(model, sha, text.len()));
        }
    }
    load_model(text)
}

/// Reads a model known to be valid (the embedded one, checked by the native tests) straight
/// into the typed model, without the walk that explains problems: the fast path at start-up.
pub fn load_trusted_model(text: &str) -> Result<LoadedModel, Problem> {
    let model: Model = serde_json::from_str(text).map_err(|e| {
        Problem::new(
            "$",
            ProblemKind::Syntax {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            },
        )
    })?;
    Ok(LoadedModel::new(model, text.as_bytes()))
}

/// A helper that walks untyped JSON, recording problems instead of stopping at the first.
#[derive(Default)]
pub struct Walker {
    pub problems: Vec<Problem>,
    /// Every text walked, with the languages it has (Chinese, English).
    texts: Vec<(String, [bool; 2])>,
}

impl Walker {
    pub fn push(&mut self, path: &str, kind: ProblemKind) {
        self.problems.push(Problem::new(path, kind));
    }

    pub fn object<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            _ => {
                self.push(path, ProblemKind::WrongType(Expected::Object));
                None
            }
        }
    }

    /// A required field: missing (or null) is a problem.
    pub fn field<'a>(
        &mut self,
        obj: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a Value> {
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.push(&format!("{path}.{key}"), ProblemKind::Missing);
                None
            }
            Some(v) => Some(v),
        }
    }

    /// A required, non-empty string.
    pub fn string<'a>(
        &mut self,
        obj: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a str> {
        let v = self.field(obj, path, key)?;
        self.string_value(v, &format!("{path}.{key}"))
    }

    pub fn string_value<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a str> {
        match v {
            Value::String(s) if s.trim().is_empty() => {
                self.push(path, ProblemKind::Empty);
                None
            }
            Value::String(s) => Some(s),
            _ => {
                self.push(path, ProblemKind::WrongType(Expected::String));
                None
            }
        }
    }

    /// An optional string: absent or null is fine, another type is not. Empty is allowed.
    pub fn opt_string<'a>(
        &mut self,
        obj: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a str> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.push(
                    &format!("{path}.{key}"),
                    ProblemKind::WrongType(Expected::String),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> Option<bool> {
        let v = self.field(obj, path, key)?;
        self.bool_value(v, &format!("{path}.{key}"))
    }

    pub fn opt_boolean(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> bool {
        match obj.get(key) {
            None | Some(Value::Null) => false,
            Some(v) => self
                .bool_value(v, &format!("{path}.{key}"))
                .unwrap_or(false),
        }
    }

    fn bool_value(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.push(path, ProblemKind::WrongType(Expected::Bool));
                None
            }
        }
    }

    pub fn array<'a>(
        &mut self,
        obj: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a Vec<Value>> {
        let v = self.field(obj, path, key)?;
        self.array_value(v, &format!("{path}.{key}"))
    }

    pub fn opt_array<'a>(
        &mut self,
        obj: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a Vec<Value>> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => self.array_value(v, &format!("{path}.{key}")),
        }
    }

    fn array_value<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            _ => {
                self.push(path, ProblemKind::WrongType(Expected::Array));
                None
            }
        }
    }

    /// A required text with at least one language (see [`Walker::text_value`]).
    pub fn text(&mut self, obj: &Map<String, Value>, path: &str, key: &str) {
        if let Some(v) = self.field(obj, path, key) {
            self.text_value(v, &format!("{path}.{key}"));
        }
    }

    pub fn opt_text(&mut self, obj: &Map<String, Value>, path: &str, key: &str) {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(v) => self.text_value(v, &format!("{path}.{key}")),
        }
    }

    /// A text: an object with `zh`, `en` or both, each a string; at least one not blank. Which
    /// languages it has is recorded for [`Walker::check_languages`].
    pub fn text_value(&mut self, v: &Value, path: &str) {
        let Value::Object(m) = v else {
            self.push(path, ProblemKind::WrongType(Expected::Text));
            return;
        };
        let mut has = [false; 2];
        let mut typed = true;
        for (slot, lang) in Lang::ALL.into_iter().enumerate() {
            match m.get(lang.code()) {
                Some(Value::String(s)) => has[slot] = !s.trim().is_empty(),
                None | Some(Value::Null) => {}
                Some(_) => {
                    typed = false;
                    self.push(
                        &format!("{path}.{}", lang.code()),
                        ProblemKind::WrongType(Expected::String),
                    );
                }
            }
        }
        if typed && !has.contains(&true) {
            self.push(path, ProblemKind::NoText);
        }
        if has.contains(&true) {
            self.texts.push((path.to_string(), has));
        }
    }

    /// The one-language rule: a model may be written in one language or both, but in at least
    /// one of them completely. When neither language is in every text, each text lacking the
    /// language that fewer texts lack is a problem (so the list says what to add). Returns the
    /// languages every text has.
    pub fn check_languages(&mut self) -> Langs {
        let mut missing = [0usize; 2];
        for (_, has) in &self.texts {
            for slot in 0..2 {
                missing[slot] += usize::from(!has[slot]);
            }
        }
        let langs = Langs {
            zh: missing[0] == 0,
            en: missing[1] == 0,
        };
        if langs.list().is_empty() && !self.texts.is_empty() {
            let slot = usize::from(missing[1] < missing[0]);
            let lang = Lang::ALL[slot];
            let lacking: Vec<String> = self
                .texts
                .iter()
                .filter(|(_, has)| !has[slot])
                .map(|(path, _)| path.clone())
                .collect();
            for path in lacking {
                self.push(
                    &format!("{path}.{}", lang.code()),
                    ProblemKind::EmptyText(lang),
                );
            }
        }
        langs
    }
}

/// Codes end up in URLs, storage keys and file names, so they are kept to a safe alphabet.
pub fn is_valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// Every problem of an untyped model document.
pub fn validate_model(root: &Value) -> Vec<Problem> {
    let mut w = Walker::default();
    walk_model(&mut w, root);
    w.check_languages();
    w.problems
}

fn walk_model(w: &mut Walker, root: &Value) {
    let Some(obj) = w.object(root, "$") else {
        return;
    };
    if let Some(format) = w.string(obj, "$", "format") {
        if format != MODEL_FORMAT {
            w.push("$.format", ProblemKind::UnknownFormat(format.to_string()));
        }
    }
    match obj.get("format_version") {
        None | Some(Value::Null) => w.push("$.format_version", ProblemKind::Missing),
        Some(v) if v.as_u64() == Some(MODEL_FORMAT_VERSION) => {}
        Some(v) => w.push(
            "$.format_version",
            ProblemKind::UnsupportedVersion(v.to_string()),
        ),
    }
    if let Some(id) = w.string(obj, "$", "id") {
        if !is_valid_code(id) {
            w.push("$.id", ProblemKind::BadCode(id.to_string()));
        }
    }
    check_lengths(w, root, &mut "$".to_string());
    w.string(obj, "$", "version");
    w.text(obj, "$", "title");
    w.text(obj, "$", "source");
    check_notes(w, obj, "$");
    check_level_names(w, obj);

    // Codes of domains, capabilities and sub-items share one namespace: a link or an evidence
    // file names a node by its code alone.
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut req_ids: HashMap<String, String> = HashMap::new();
    let Some(domains) = w.array(obj, "$", "domains") else {
        return;
    };
    if domains.is_empty() {
        w.push("$.domains", ProblemKind::Empty);
    }
    for (d, domain) in domains.iter().enumerate() {
        let dpath = format!("$.domains[{d}]");
        let Some(dobj) = w.object(domain, &dpath) else {
            continue;
        };
        let dcode = check_code(w, dobj, &dpath, None, &mut codes);
        w.text(dobj, &dpath, "name");
        let Some(caps) = w.array(dobj, &dpath, "capabilities") else {
            continue;
        };
        if caps.is_empty() {
            w.push(&format!("{dpath}.capabilities"), ProblemKind::Empty);
        }
        for (c, cap) in caps.iter().enumerate() {
            let cpath = format!("{dpath}.capabilities[{c}]");
            let Some(cobj) = w.object(cap, &cpath) else {
                continue;
            };
            let ccode = check_code(w, cobj, &cpath, dcode.as_deref(), &mut codes);
            w.text(cobj, &cpath, "name");
            let Some(items) = w.array(cobj, &cpath, "items") else {
                continue;
            };
            if items.is_empty() {
                w.push(&format!("{cpath}.items"), ProblemKind::Empty);
            }
            for (i, item) in items.iter().enumerate() {
                let ipath = format!("{cpath}.items[{i}]");
                if let Some(iobj) = w.object(item, &ipath) {
                    check_item(w, iobj, &ipath, ccode.as_deref(), &mut codes, &mut req_ids);
                }
            }
        }
    }
}

/// Every string of the file, known field or not, within [`MAX_TEXT_CHARS`]. `path` is where
/// `v` is, written into one buffer as the walk goes.
fn check_lengths(w: &mut Walker, v: &Value, path: &mut String) {
    use std::fmt::Write;
    let len = path.len();
    match v {
        Value::String(s) if s.len() > MAX_TEXT_CHARS => {
            let chars = s.chars().count();
            if chars > MAX_TEXT_CHARS {
                w.push(
                    path,
                    ProblemKind::TooLong {
                        chars,
                        limit: MAX_TEXT_CHARS,
                    },
                );
            }
        }
        Value::Array(a) => {
            for (n, x) in a.iter().enumerate() {
                let _ = write!(path, "[{n}]");
                check_lengths(w, x, path);
                path.truncate(len);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                let _ = write!(path, ".{}", quote(k));
                check_lengths(w, x, path);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn check_notes(w: &mut Walker, obj: &Map<String, Value>, path: &str) {
    if let Some(notes) = w.opt_array(obj, path, "notes") {
        for (n, note) in notes.iter().enumerate() {
            w.text_value(note, &format!("{path}.notes[{n}]"));
        }
    }
}

fn check_level_names(w: &mut Walker, obj: &Map<String, Value>) {
    let Some(levels) = w.array(obj, "$", "levels") else {
        return;
    };
    if levels.len() != 5 {
        w.push(
            "$.levels",
            ProblemKind::LevelCount {
                expected: 5,
                found: levels.len(),
            },
        );
    }
    for (n, level) in levels.iter().enumerate() {
        let path = format!("$.levels[{n}]");
        let Some(lobj) = w.object(level, &path) else {
            continue;
        };
        check_level_number(w, lobj, &path, n as u64 + 1);
        w.text(lobj, &path, "name");
        w.opt_text(lobj, &path, "summary");
    }
}

fn check_level_number(w: &mut Walker, obj: &Map<String, Value>, path: &str, expected: u64) {
    match obj.get("level") {
        None | Some(Value::Null) => w.push(&format!("{path}.level"), ProblemKind::Missing),
        Some(v) if v.as_u64() == Some(expected) => {}
        Some(v) => w.push(
            &format!("{path}.level"),
            ProblemKind::LevelNumber {
                expected: expected as u8,
                found: v.to_string(),
            },
        ),
    }
}

/// Checks a node's code (alphabet, parent prefix, uniqueness) and returns it when usable.
fn check_code(
    w: &mut Walker,
    obj: &Map<String, Value>,
    path: &str,
    parent: Option<&str>,
    seen: &mut HashMap<String, String>,
) -> Option<String> {
    let code = w.string(obj, path, "code")?.to_string();
    let cpath = format!("{path}.code");
    if !is_valid_code(&code) {
        w.push(&cpath, ProblemKind::BadCode(code.clone()));
    }
    if let Some(parent) = parent {
        if !code.starts_with(&format!("{parent}-")) || code.len() <= parent.len() + 1 {
            w.push(
                &cpath,
                ProblemKind::CodePrefix {
                    code: code.clone(),
                    parent: parent.into(),
                },
            );
        }
    }
    if let Some(first) = seen.get(&code) {
        w.push(
            &cpath,
            ProblemKind::Duplicate {
                value: code.clone(),
                first: first.clone(),
            },
        );
    } else {
        seen.insert(code.clone(), cpath);
    }
    Some(code)
}

fn check_item(
    w: &mut Walker,
    obj: &Map<String, Value>,
    path: &str,
    parent: Option<&str>,
    codes: &mut HashMap<String, String>,
    req_ids: &mut HashMap<String, String>,
) {
    let code = check_code(w, obj, path, parent, codes);
    w.text(obj, path, "name");
    w.opt_text(obj, path, "explanation");
    w.text(obj, path, "baseline");
    w.boolean(obj, path, "l4_needs_l3_evidence");
    check_notes(w, obj, path);
    let Some(levels) = w.array(obj, path, "levels") else {
        return;
    };
    if levels.len() != 4 {
        w.push(
            &format!("{path}.levels"),
            ProblemKind::LevelCount {
                expected: 4,
                found: levels.len(),
            },
        );
    }
    for (n, level) in levels.iter().enumerate() {
        let lpath = format!("{path}.levels[{n}]");
        let Some(lobj) = w.object(level, &lpath) else {
            continue;
        };
        let number = n as u8 + 2;
        check_level_number(w, lobj, &lpath, u64::from(number));
        let same = w.opt_boolean(lobj, &lpath, "same_as_lower");
        let reqs = w.opt_array(lobj, &lpath, "requirements");
        let count = reqs.map_or(0, Vec::len);
        if same && number == 2 {
            w.push(
                &format!("{lpath}.same_as_lower"),
                ProblemKind::SameAsLowerAtLevel2,
            );
        }
        if same && count > 0 {
            w.push(
                &format!("{lpath}.requirements"),
                ProblemKind::SameAsLowerWithRequirements,
            );
        }
        // A list of another type is reported as such already; absent, null or empty is this.
        if !same
            && count == 0
            && lobj
                .get("requirements")
                .is_none_or(|v| v.is_array() || v.is_null())
        {
            w.push(
                &format!("{lpath}.requirements"),
                ProblemKind::NoRequirements,
            );
        }
        for (r, req) in reqs.into_iter().flatten().enumerate() {
            let rpath = format!("{lpath}.requirements[{r}]");
            let Some(robj) = w.object(req, &rpath) else {
                continue;
            };
            if let Some(id) = w.string(robj, &rpath, "id") {
                let idpath = format!("{rpath}.id");
                if let Some(code) = &code {
                    let expected = format!("{code}-L{number}-{}", r + 1);
                    if id != expected {
                        w.push(
                            &idpath,
                            ProblemKind::RequirementId {
                                found: id.into(),
                                expected,
                            },
                        );
                    }
                }
                if let Some(first) = req_ids.get(id) {
                    w.push(
                        &idpath,
                        ProblemKind::Duplicate {
                            value: id.into(),
                            first: first.clone(),
                        },
                    );
                } else {
                    req_ids.insert(id.to_string(), idpath);
                }
            }
            w.text(robj, &rpath, "text");
            w.opt_text(robj, &rpath, "explanation");
        }
        if let Some(evidence) = w.opt_array(lobj, &lpath, "evidence") {
            for (e, ev) in evidence.iter().enumerate() {
                let epath = format!("{lpath}.evidence[{e}]");
                let Some(eobj) = w.object(ev, &epath) else {
                    continue;
                };
                if let Some(kind) = w.string(eobj, &epath, "kind") {
                    if EvidenceKind::from_code(kind).is_none() {
                        w.push(
                            &format!("{epath}.kind"),
                            ProblemKind::UnknownEvidenceKind(kind.into()),
                        );
                    }
                }
                w.text(eobj, &epath, "title");
            }
        }
    }
}
