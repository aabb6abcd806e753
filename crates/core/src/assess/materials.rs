//! Checking a materials folder against the evidence plan: which of the files a team collected
//! serve which evidence entry, which entries of the target level have nothing yet, and which
//! files match nothing. Only names, paths, sizes and dates are looked at — the browser adapter
//! never reads a file's contents, and nothing here could.
//!
//! A file serves an entry when (first rule that gives an answer wins):
//! 1. its name carries the entry's evidence code (`CM-VC-VCS-L3-3`, also after a part prefix
//!    such as `CD-`, with any separator, in any case, full-width characters folded), or the
//!    code of any level at which the checklist repeats the same material (`CM-VC-VCS-L3-2` is
//!    the document first listed as `CM-VC-VCS-L2-1`);
//! 2. else the nearest folder on its path that carries an evidence code does;
//! 3. else its name, without extension, punctuation, 《》 and spaces, contains the entry's title
//!    in either language (for an entry the team added: the title it typed). A file under a
//!    folder named by a sub-item's code or name (`CM-VC-VCS`, `版本控制系统`), or whose name
//!    carries a sub-item's code without a level, is matched only within that sub-item. When
//!    one matched title contains another, the longer one is meant.
//!
//! One file may serve several entries (the checklist repeats documents across sub-items). The
//! kind is checked against the extension: a video entry served by a `.docx` is a *doubt*,
//! listed with the entry but not counted as found. Office lock files (`~$…`), hidden files and
//! folders and the system's `Thumbs.db` / `desktop.ini` are ignored.
//!
//! The last check is kept with the assessment ([`EvidenceCheck`], set by
//! [`Edit::EvidenceCheck`]): the files, not the matches, so the result follows the plan as the
//! team changes it, and travels in the workbook document and the JSON export. The rules are a
//! table test (`crates/core/tests/native/materials.rs`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::assess::assessment::{
    Assessment, Edit, EntryKind, EvidenceEntry, EvidenceField, EvidenceStatus,
};
use crate::assess::gap::evidence_plan;
use crate::model::LoadedModel;
use crate::text::i18n;
use crate::text::Lang;

/// Unmatched files kept with a check (the rest are counted in `not_kept`): enough to show a
/// team what is misnamed, without filling the browser's storage with a whole share's listing.
pub const KEEP_UNMATCHED: usize = 200;
/// Files kept with a check in all.
pub const KEEP_FILES: usize = 5000;

/// One file of a checked folder, as the browser described it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedFile {
    /// The path inside the chosen folder, starting with the folder's name, `/`-separated (for
    /// dropped files, only the name).
    pub path: String,
    /// Bytes.
    #[serde(default)]
    pub size: u64,
    /// Last modified, ISO 8601 (UTC), or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
}

/// The last check of a materials folder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceCheck {
    /// When the folder was checked, ISO 8601 (UTC).
    pub checked_at: String,
    /// The chosen folder's name (empty for dropped files).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub folder: String,
    /// The files kept: every file that serves an entry, and the first [`KEEP_UNMATCHED`] of
    /// those that serve none, in path order.
    #[serde(default)]
    pub files: Vec<CheckedFile>,
    /// Files seen but not kept: ignored ones (lock files, hidden files) and unmatched ones
    /// beyond the limit.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_kept: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl EvidenceCheck {
    /// A check of `files` made at `at`, keeping what [`EvidenceCheck::files`] says.
    pub fn new(
        model: &LoadedModel,
        a: &Assessment,
        at: &str,
        folder: &str,
        mut files: Vec<CheckedFile>,
    ) -> EvidenceCheck {
        files.sort_by(|x, y| x.path.cmp(&y.path));
        files.dedup_by(|x, y| x.path == y.path);
        let matcher = Matcher::new(model, a);
        let seen = files.len();
        let mut unmatched = 0;
        files.retain(|f| match matcher.match_path(&f.path) {
            FileMatch::Ignored => false,
            FileMatch::Entries(m) if m.is_empty() => {
                unmatched += 1;
                unmatched <= KEEP_UNMATCHED
            }
            FileMatch::Entries(_) => true,
        });
        files.truncate(KEEP_FILES);
        EvidenceCheck {
            checked_at: at.to_string(),
            folder: folder.to_string(),
            not_kept: u32::try_from(seen - files.len()).unwrap_or(u32::MAX),
            files,
        }
    }
}

/// What a file looks like by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileClass {
    Document,
    Image,
    Video,
    Archive,
    /// No extension, or one that says nothing about the kind.
    Other,
}

/// The class of a file name by its extension.
pub fn file_class(name: &str) -> FileClass {
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => return FileClass::Other,
    };
    match ext.as_str() {
        "doc" | "docx" | "docm" | "pdf" | "xls" | "xlsx" | "xlsm" | "ppt" | "pptx" | "txt"
        | "md" | "wps" | "et" | "dps" | "odt" | "ods" | "odp" | "rtf" | "csv" | "htm" | "html"
        | "mht" | "vsd" | "vsdx" | "xmind" | "mpp" | "pages" | "numbers" | "key" | "ofd" => {
            FileClass::Document
        }
        "png" | "jpg" | "jpeg" | "gif" | "bmp" | "webp" | "tif" | "tiff" | "svg" | "heic"
        | "heif" => FileClass::Image,
        "mp4" | "mov" | "avi" | "mkv" | "wmv" | "flv" | "f4v" | "webm" | "m4v" | "mpg" | "mpeg"
        | "3gp" | "rm" | "rmvb" | "vob" | "ogv" => FileClass::Video,
        "zip" | "rar" | "7z" | "tar" | "gz" | "tgz" | "bz2" | "xz" => FileClass::Archive,
        _ => FileClass::Other,
    }
}

/// Whether a file of `class` can be what an entry of `kind` asks for. Archives and unknown
/// extensions may hold anything; screenshots are often collected in a document.
pub fn kind_fits(kind: EntryKind, class: FileClass) -> bool {
    match (kind, class) {
        (EntryKind::Link | EntryKind::Other, _) => true,
        (_, FileClass::Archive | FileClass::Other) => true,
        (EntryKind::Document, c) => c == FileClass::Document,
        (EntryKind::Screenshot, c) => matches!(c, FileClass::Image | FileClass::Document),
        (EntryKind::Video, c) => c == FileClass::Video,
    }
}

/// Folds full-width ASCII (`ＣＭ－ＶＣ`) and the ideographic space to their ASCII forms.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Text as titles are compared: folded, lower case, letters and digits only (Chinese
/// characters are letters), so punctuation, 《》 and spaces never decide.
pub fn title_key(text: &str) -> String {
    text.chars()
        .map(fold)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The runs of ASCII letters and digits of a name, upper case: `cd_cm-vc-vcs-l3-03备份`
/// gives `CD CM VC VCS L3 03`.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().map(fold) {
        if c.is_ascii_alphanumeric() {
            current.push(c.to_ascii_uppercase());
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn number(token: &str) -> Option<usize> {
    (!token.is_empty() && token.len() <= 4 && token.bytes().all(|b| b.is_ascii_digit()))
        .then(|| token.parse().ok())
        .flatten()
}

/// A code found in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hit {
    /// An evidence code that names a candidate.
    Evidence(usize),
    /// A sub-item's code without a level (or with one the checklist does not have).
    Item(usize),
}

/// Something a file can serve: a model evidence of a sub-item, or an entry the team added.
#[derive(Clone, Debug)]
struct Candidate {
    item: usize,
    /// Index into the sub-item's expected evidence.
    expected: Option<usize>,
    /// The team's entry tracking it (always, for an entry the team added).
    entry_id: Option<String>,
    kind: EntryKind,
    /// Title keys (both languages, and the team's own title), non-empty.
    titles: Vec<String>,
}

/// What a file serves: candidate indexes, each with whether its kind is in doubt.
enum FileMatch {
    Ignored,
    Entries(Vec<(usize, bool)>),
}

/// The matching rules over one model and one assessment, built once per check.
struct Matcher {
    /// Sub-item codes as tokens joined by `-`, upper case.
    item_codes: HashMap<String, usize>,
    /// How many tokens sub-item codes have (longest first).
    code_lengths: Vec<usize>,
    /// Sub-item names (title keys, both languages).
    item_names: HashMap<String, usize>,
    /// (sub-item, level, position from 1) of every evidence line → candidate.
    evidence_codes: HashMap<(usize, usize, usize), usize>,
    candidates: Vec<Candidate>,
    /// Every candidate title by its first two characters: (candidate, index into its titles).
    /// A name is searched at each of its positions for the titles starting there, instead of
    /// every title being searched for in every name.
    title_starts: HashMap<(char, char), Vec<(usize, usize)>>,
}

/// Lock files, hidden files and folders, and what the system leaves in folders.
fn ignored(path: &[&str]) -> bool {
    let Some(name) = path.last() else {
        return true;
    };
    let lower = name.to_lowercase();
    name.is_empty()
        || name.starts_with("~$")
        || lower == "thumbs.db"
        || lower == "desktop.ini"
        || path.iter().skip(1).any(|p| p.starts_with('.'))
        || (path.len() == 1 && name.starts_with('.'))
}

impl Matcher {
    fn new(model: &LoadedModel, a: &Assessment) -> Matcher {
        let mut item_codes = HashMap::new();
        let mut item_names = HashMap::new();
        let mut code_lengths: Vec<usize> = Vec::new();
        let mut evidence_codes = HashMap::new();
        let mut candidates = Vec::new();
        for i in 0..model.item_count() {
            let item = model.item(i);
            let code_tokens = tokens(&item.code);
            if !code_lengths.contains(&code_tokens.len()) {
                code_lengths.push(code_tokens.len());
            }
            item_codes.insert(code_tokens.join("-"), i);
            for name in [&item.name.zh, &item.name.en] {
                let key = title_key(name);
                if !key.is_empty() {
                    item_names.entry(key).or_insert(i);
                }
            }
            let entries: &[EvidenceEntry] = a
                .items
                .get(&item.code)
                .map_or(&[], |w| w.evidence.as_slice());
            let expected = &model.item_index(i).evidence;
            let mut mine = Vec::new();
            for (n, x) in expected.iter().enumerate() {
                let entry = entries
                    .iter()
                    .find(|e| e.reference.as_deref() == Some(x.code.as_str()));
                let mut titles = vec![title_key(&x.title.zh), title_key(&x.title.en)];
                if let Some(e) = entry.filter(|e| !e.title.is_empty()) {
                    titles.push(title_key(&e.title));
                }
                mine.push(candidates.len());
                candidates.push(Candidate {
                    item: i,
                    expected: Some(n),
                    entry_id: entry.map(|e| e.id.clone()),
                    kind: entry.map_or(x.kind.into(), |e| e.kind),
                    titles: usable(titles),
                });
            }
            // Every line of every level's list, by its own code, to the merged evidence.
            for level in &item.levels {
                for (n, ev) in level.evidence.iter().enumerate() {
                    if let Some(m) = expected
                        .iter()
                        .position(|x| x.kind == ev.kind && x.title.zh == ev.title.zh)
                    {
                        evidence_codes.insert((i, usize::from(level.level), n + 1), mine[m]);
                    }
                }
            }
            for e in entries.iter().filter(|e| {
                e.reference
                    .as_deref()
                    .is_none_or(|r| expected.iter().all(|x| x.code != r))
            }) {
                candidates.push(Candidate {
                    item: i,
                    expected: None,
                    entry_id: Some(e.id.clone()),
                    kind: e.kind,
                    titles: usable(vec![title_key(&e.title)]),
                });
            }
        }
        code_lengths.sort_unstable_by(|a, b| b.cmp(a));
        let mut title_starts: HashMap<(char, char), Vec<(usize, usize)>> = HashMap::new();
        for (c, x) in candidates.iter().enumerate() {
            for (t, title) in x.titles.iter().enumerate() {
                let mut chars = title.chars();
                if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                    title_starts.entry((a, b)).or_default().push((c, t));
                }
            }
        }
        Matcher {
            item_codes,
            code_lengths,
            item_names,
            evidence_codes,
            candidates,
            title_starts,
        }
    }

    /// The codes a name carries.
    fn hits(&self, name: &str) -> Vec<Hit> {
        let t = tokens(name);
        let mut out = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        'scan: while i < t.len() {
            for &k in &self.code_lengths {
                if i + k > t.len() {
                    continue;
                }
                key.clear();
                for (j, part) in t[i..i + k].iter().enumerate() {
                    if j > 0 {
                        key.push('-');
                    }
                    key.push_str(part);
                }
                let Some(&item) = self.item_codes.get(&key) else {
                    continue;
                };
                let level = t
                    .get(i + k)
                    .and_then(|l| l.strip_prefix('L'))
                    .and_then(number);
                let n = t.get(i + k + 1).and_then(|n| number(n));
                match level
                    .zip(n)
                    .and_then(|(l, n)| self.evidence_codes.get(&(item, l, n)))
                {
                    Some(&c) => {
                        out.push(Hit::Evidence(c));
                        i += k + 2;
                    }
                    None => {
                        out.push(Hit::Item(item));
                        i += k;
                    }
                }
                continue 'scan;
            }
            i += 1;
        }
        out
    }

    /// The sub-item a folder's name stands for, by its code or its name (a leading number,
    /// as in `03 版本控制系统`, is allowed).
    fn folder_item(&self, folder: &str, hits: &[Hit]) -> Option<usize> {
        if let Some(Hit::Item(i)) = hits.first() {
            return Some(*i);
        }
        let key = title_key(folder);
        let key = key.trim_start_matches(|c: char| c.is_ascii_digit());
        self.item_names.get(key).copied()
    }

    fn match_path(&self, path: &str) -> FileMatch {
        let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
        if ignored(&parts) {
            return FileMatch::Ignored;
        }
        let name = parts.last().copied().unwrap_or_default();
        let class = file_class(name);
        let stem = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => name,
        };
        let with_kind = |cands: Vec<usize>| {
            let mut out: Vec<(usize, bool)> = cands
                .into_iter()
                .map(|c| (c, !kind_fits(self.candidates[c].kind, class)))
                .collect();
            out.sort_unstable();
            out.dedup();
            FileMatch::Entries(out)
        };
        // 1. The name's own evidence codes; a sub-item code alone scopes the title match.
        let own = self.hits(stem);
        let codes = evidence_of(&own);
        if !codes.is_empty() {
            return with_kind(codes);
        }
        let mut scope = own.iter().find_map(|h| match h {
            Hit::Item(i) => Some(*i),
            Hit::Evidence(_) => None,
        });
        // 2. The nearest folder carrying an evidence code; the nearest naming a sub-item.
        for folder in parts[..parts.len() - 1].iter().rev() {
            let hits = self.hits(folder);
            let codes = evidence_of(&hits);
            if !codes.is_empty() {
                return with_kind(codes);
            }
            if scope.is_none() {
                scope = self.folder_item(folder, &hits);
            }
        }
        // 3. Titles, within the scope if there is one.
        let key = title_key(stem);
        // Each candidate's longest title found in the name (within the scope).
        let mut found: Vec<(usize, &str)> = Vec::new();
        let mut chars = key.char_indices().peekable();
        while let Some((at, a)) = chars.next() {
            let Some(&(_, b)) = chars.peek() else {
                break;
            };
            for &(c, t) in self
                .title_starts
                .get(&(a, b))
                .map_or(&[][..], Vec::as_slice)
            {
                let x = &self.candidates[c];
                let title = x.titles[t].as_str();
                if scope.is_some_and(|i| x.item != i) || !key[at..].starts_with(title) {
                    continue;
                }
                match found.iter_mut().find(|(other, _)| *other == c) {
                    Some(slot) if slot.1.len() < title.len() => slot.1 = title,
                    Some(_) => {}
                    None => found.push((c, title)),
                }
            }
        }
        // A title inside a longer matched title is not what the file is named after.
        let meant = found
            .iter()
            .filter(|(_, t)| {
                !found
                    .iter()
                    .any(|(_, other)| other.len() > t.len() && other.contains(*t))
            })
            .map(|(c, _)| *c)
            .collect();
        with_kind(meant)
    }
}

fn usable(mut titles: Vec<String>) -> Vec<String> {
    // One character matches too much by accident.
    titles.retain(|t| t.chars().count() >= 2);
    titles.sort();
    titles.dedup();
    titles
}

fn evidence_of(hits: &[Hit]) -> Vec<usize> {
    hits.iter()
        .filter_map(|h| match h {
            Hit::Evidence(c) => Some(*c),
            Hit::Item(_) => None,
        })
        .collect()
}

/// One line of the evidence plan for the target level, with the files found for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineCheck {
    pub item: usize,
    /// Index into the sub-item's expected evidence, for a line from the model.
    pub expected: Option<usize>,
    /// The team's entry tracking it, if any.
    pub entry_id: Option<String>,
    /// What the page's `data-ref` says: the evidence code, or the entry's id for an entry
    /// the team added.
    pub reference: String,
    /// Indexes into the check's files that serve it.
    pub files: Vec<usize>,
    /// Indexes of files that name it but whose kind does not fit (a video as a `.docx`).
    pub doubts: Vec<usize>,
}

impl LineCheck {
    pub fn is_found(&self) -> bool {
        !self.files.is_empty()
    }

    /// How a list names it: the evidence code, or the title of an entry the team added (its
    /// id when it has none).
    pub fn short_name(&self, model: &LoadedModel, a: &Assessment) -> String {
        if self.expected.is_some() {
            return self.reference.clone();
        }
        a.items
            .get(&model.item(self.item).code)
            .and_then(|w| {
                w.evidence
                    .iter()
                    .find(|e| Some(&e.id) == self.entry_id.as_ref())
            })
            .map(|e| e.title.trim())
            .filter(|t| !t.is_empty())
            .map_or_else(|| self.reference.clone(), str::to_string)
    }
}

/// A check read against the evidence plan of the assessment's target level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckResult {
    /// Every line of the target level's plan, in the plan's order.
    pub lines: Vec<LineCheck>,
    /// Files that serve no entry at all.
    pub unmatched: Vec<usize>,
    /// Files that serve only entries of other levels than the target's plan.
    pub elsewhere: Vec<usize>,
}

impl CheckResult {
    /// Lines of the plan with at least one file.
    pub fn found(&self) -> usize {
        self.lines.iter().filter(|l| l.is_found()).count()
    }

    /// All lines of the plan.
    pub fn needed(&self) -> usize {
        self.lines.len()
    }

    /// Lines with no file (doubts do not count as found).
    pub fn missing(&self) -> impl Iterator<Item = &LineCheck> {
        self.lines.iter().filter(|l| !l.is_found())
    }

    /// The line of an entry the team tracks.
    pub fn line_of_entry(&self, item: usize, entry_id: &str) -> Option<&LineCheck> {
        self.lines
            .iter()
            .find(|l| l.item == item && l.entry_id.as_deref() == Some(entry_id))
    }
}

/// What one file serves, by the rules above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileUse {
    /// A lock file, hidden file or system file: not a material.
    Ignored,
    /// The entries it serves (none: it matches nothing).
    Serves(Vec<Serving>),
}

/// An entry a file serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Serving {
    pub item: usize,
    /// Index into the sub-item's expected evidence, for a model evidence.
    pub expected: Option<usize>,
    /// The team's entry (always set for an entry the team added).
    pub entry_id: Option<String>,
    /// The file's extension does not fit the entry's kind.
    pub doubt: bool,
}

impl Serving {
    /// The evidence code, or the entry's id for an entry the team added.
    pub fn reference(&self, model: &LoadedModel) -> String {
        match self.expected {
            Some(n) => model.item_index(self.item).evidence[n].code.clone(),
            None => self.entry_id.clone().unwrap_or_default(),
        }
    }
}

/// What each file serves, over every level's evidence and every entry the team added.
pub fn file_uses(model: &LoadedModel, a: &Assessment, files: &[CheckedFile]) -> Vec<FileUse> {
    let matcher = Matcher::new(model, a);
    files
        .iter()
        .map(|f| match matcher.match_path(&f.path) {
            FileMatch::Ignored => FileUse::Ignored,
            FileMatch::Entries(m) => FileUse::Serves(
                m.into_iter()
                    .map(|(c, doubt)| {
                        let x = &matcher.candidates[c];
                        Serving {
                            item: x.item,
                            expected: x.expected,
                            entry_id: x.entry_id.clone(),
                            doubt,
                        }
                    })
                    .collect(),
            ),
        })
        .collect()
}

/// Reads a check against the assessment's evidence plan for its target level.
pub fn check(model: &LoadedModel, a: &Assessment, files: &[CheckedFile]) -> CheckResult {
    let uses = file_uses(model, a, files);
    // The files of each entry: a model evidence by (sub-item, index), a team's entry by id.
    type Key = (usize, Option<usize>, Option<String>);
    let key = |item: usize, expected: Option<usize>, entry: &Option<String>| -> Key {
        (
            item,
            expected,
            expected.is_none().then(|| entry.clone()).flatten(),
        )
    };
    let mut served: HashMap<Key, Vec<(usize, bool)>> = HashMap::new();
    let mut unmatched = Vec::new();
    for (f, used) in uses.iter().enumerate() {
        match used {
            FileUse::Serves(s) if s.is_empty() => unmatched.push(f),
            FileUse::Serves(s) => {
                for x in s {
                    served
                        .entry(key(x.item, x.expected, &x.entry_id))
                        .or_default()
                        .push((f, x.doubt));
                }
            }
            FileUse::Ignored => {}
        }
    }
    let mut in_plan = vec![false; files.len()];
    let mut lines = Vec::new();
    for p in evidence_plan(model, a) {
        for l in &p.lines {
            let entry_id = l.entry.as_ref().map(|e| e.id.clone());
            let reference = match l.expected {
                Some(n) => model.item_index(p.item).evidence[n].code.clone(),
                None => entry_id.clone().unwrap_or_default(),
            };
            let mut line = LineCheck {
                item: p.item,
                expected: l.expected,
                entry_id,
                reference,
                files: Vec::new(),
                doubts: Vec::new(),
            };
            let k = key(p.item, l.expected, &line.entry_id);
            for &(f, doubt) in served.get(&k).map_or(&[][..], Vec::as_slice) {
                in_plan[f] = true;
                if doubt {
                    line.doubts.push(f);
                } else {
                    line.files.push(f);
                }
            }
            lines.push(line);
        }
    }
    let elsewhere = uses
        .iter()
        .enumerate()
        .filter(|(f, u)| matches!(u, FileUse::Serves(s) if !s.is_empty()) && !in_plan[*f])
        .map(|(f, _)| f)
        .collect();
    CheckResult {
        lines,
        unmatched,
        elsewhere,
    }
}

/// The edits that take a check's result into the team's entries, and the edits that undo
/// them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Acceptance {
    pub edits: Vec<Edit>,
    pub undo: Vec<Edit>,
    /// Entries marked ready.
    pub statuses: usize,
    /// Entries whose empty location got the found paths.
    pub locations: usize,
}

/// The separator between several paths in an entry's location.
pub const PATH_SEPARATOR: &str = "; ";

/// The found paths of a line, as a location.
pub fn paths_text(line: &LineCheck, files: &[CheckedFile]) -> String {
    line.files
        .iter()
        .filter_map(|&f| files.get(f))
        .map(|f| f.path.as_str())
        .collect::<Vec<_>>()
        .join(PATH_SEPARATOR)
}

/// Taking a check's result: every tracked entry of the target plan with a file found becomes
/// "ready" (unless it is), and gets the found paths as its location where the team wrote
/// none. Entries with only doubts are left as they are.
pub fn acceptance(model: &LoadedModel, a: &Assessment, check: &EvidenceCheck) -> Acceptance {
    acceptance_of(model, a, &self::check(model, a, &check.files), &check.files)
}

/// [`acceptance`] of a result already read.
pub fn acceptance_of(
    model: &LoadedModel,
    a: &Assessment,
    result: &CheckResult,
    files: &[CheckedFile],
) -> Acceptance {
    let mut out = Acceptance::default();
    for line in result.lines.iter().filter(|l| l.is_found()) {
        let item = &model.item(line.item).code;
        let Some(entry) = line.entry_id.as_ref().and_then(|id| {
            a.items
                .get(item)
                .and_then(|w| w.evidence.iter().find(|e| e.id == *id))
        }) else {
            continue;
        };
        let edit = |field| Edit::Evidence {
            item: item.clone(),
            id: entry.id.clone(),
            field,
        };
        if entry.status != EvidenceStatus::Ready {
            out.edits
                .push(edit(EvidenceField::Status(EvidenceStatus::Ready)));
            out.undo.push(edit(EvidenceField::Status(entry.status)));
            out.statuses += 1;
        }
        if entry.location.trim().is_empty() {
            out.edits
                .push(edit(EvidenceField::Location(paths_text(line, files))));
            out.undo
                .push(edit(EvidenceField::Location(entry.location.clone())));
            out.locations += 1;
        }
    }
    out
}

impl Acceptance {
    /// The undo edits that still apply: a status or location changed again since the result
    /// was taken is the team's newer work and is left alone.
    pub fn undo_now(&self, a: &Assessment) -> Vec<Edit> {
        self.edits
            .iter()
            .zip(&self.undo)
            .filter(|(done, _)| still_set(a, done))
            .map(|(_, undo)| undo.clone())
            .collect()
    }
}

/// Whether an evidence edit's value is what the entry holds now.
fn still_set(a: &Assessment, edit: &Edit) -> bool {
    let Edit::Evidence { item, id, field } = edit else {
        return false;
    };
    let Some(e) = a
        .items
        .get(item)
        .and_then(|w| w.evidence.iter().find(|e| e.id == *id))
    else {
        return false;
    };
    match field {
        EvidenceField::Status(s) => e.status == *s,
        EvidenceField::Location(l) => e.location == *l,
        _ => false,
    }
}

/// What a check's result depends on: the check, the target, and each entry's reference,
/// title and kind (not its status, owner, location or due date), so a page can read the check
/// again only when one of them changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckInputs {
    checked_at: String,
    files: usize,
    target: u8,
    entries: Vec<(String, String, Option<String>, String, EntryKind)>,
}

/// The inputs of the result of the assessment's last check, if it has one.
pub fn check_inputs(a: &Assessment) -> Option<CheckInputs> {
    let c = a.evidence_check.as_ref()?;
    Some(CheckInputs {
        checked_at: c.checked_at.clone(),
        files: c.files.len(),
        target: a.target_level,
        entries: a
            .items
            .iter()
            .flat_map(|(item, w)| {
                w.evidence.iter().map(move |e| {
                    (
                        item.clone(),
                        e.id.clone(),
                        e.reference.clone(),
                        e.title.clone(),
                        e.kind,
                    )
                })
            })
            .collect(),
    })
}

/// A size as people read it: `820 B`, `12.3 KB`, `4.5 MB`, `1.2 GB`.
pub fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A material as CAICT names its files: `CM-VC-VCS-L3-3-《版本控制系统备份与恢复方案》` (in
/// English, `CM-VC-VCS-L3-3 “Backup and recovery plan …”`).
pub fn material_name(code: &str, title: &str, lang: Lang) -> String {
    if title.is_empty() {
        code.to_string()
    } else {
        i18n::materials::MATERIAL_NAME.fmt(lang, &[("code", &code), ("title", &title)])
    }
}

/// The last check read against the plan for the target level, when the folder was checked.
/// Its lines are in the order of [`evidence_plan`]'s lines, so exports can walk both together.
pub fn last_check<'a>(
    model: &LoadedModel,
    a: &'a Assessment,
) -> Option<(CheckResult, &'a EvidenceCheck)> {
    let c = a.evidence_check.as_ref()?;
    Some((check(model, a, &c.files), c))
}

/// The paths of the files found for a line, one per line of text (for a spreadsheet cell).
pub fn found_paths(line: Option<&LineCheck>, files: &[CheckedFile]) -> String {
    line.map(|l| {
        l.files
            .iter()
            .filter_map(|&f| files.get(f))
            .map(|f| f.path.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    })
    .unwrap_or_default()
}
