//! Reading the repository's sources for the architecture rules in `tests/architecture.rs`: the
//! checkout's root, the Rust files under a folder, their code lines without comments.

use std::fs;
use std::path::{Path, PathBuf};

/// The checkout's root (this crate is `tools/architecture` inside it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file of the checkout as text.
pub fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Rust files under `dir` (relative to the root), recursively, as (path from the root with
/// `/` separators, text), sorted by path.
pub fn rust_files(dir: &str) -> Vec<(String, String)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let skipped = path
                .file_name()
                .is_some_and(|n| n == "target" || n == "node_modules" || n == "fixtures");
            if path.is_dir() && !skipped {
                walk(base, &path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let base = root();
    let mut out = Vec::new();
    walk(&base, &base.join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// Every Rust source of the app and of the core.
pub fn all_sources() -> Vec<(String, String)> {
    let mut out = rust_files("src");
    out.extend(rust_files("crates/core/src"));
    out
}

/// Source lines without comments, so a doc comment may name what the code must not use.
pub fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
}
