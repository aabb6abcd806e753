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

/// The text with string and character literals and comments blanked out (each of their
/// characters a space, line breaks kept), so braces and words in them do not count as code.
pub fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if c == 'r' && matches!(next, Some('#') | Some('"')) && raw_start(&chars, i) {
            // A raw string: r"…" or r#"…"#, ended by the quote and as many hashes.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body = i + 2 + hashes;
            for &ch in &chars[i..body.min(chars.len())] {
                blank(&mut out, ch);
            }
            i = body;
            while i < chars.len() && !chars[i..].starts_with(&close) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            for _ in 0..close.len().min(chars.len() - i) {
                out.push(' ');
            }
            i += close.len();
        } else if c == '"' {
            blank(&mut out, c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && char_literal_len(&chars, i) > 0 {
            let n = char_literal_len(&chars, i);
            for _ in 0..n {
                out.push(' ');
            }
            i += n;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether `r` at `i` starts a raw string (not the end of an identifier such as `for`).
fn raw_start(chars: &[char], i: usize) -> bool {
    let after = chars[i + 1..].iter().find(|&&h| h != '#');
    after == Some(&'"') && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
}

/// The length of a character literal starting at `i` (`'x'`, `'\n'`, `'\u{1F600}'`), or 0
/// for a lifetime.
fn char_literal_len(chars: &[char], i: usize) -> usize {
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), _) => chars[i + 2..]
            .iter()
            .position(|&c| c == '\'')
            .map_or(0, |p| p + 3),
        (Some(_), Some('\'')) => 3,
        _ => 0,
    }
}

/// A function of a source file: its name, its first line (1-based) and how many lines it
/// spans, from `fn` to its closing brace.
#[derive(Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub line: usize,
    pub lines: usize,
}

/// The functions with a body in a source, outside `#[cfg(test)]` modules.
pub fn functions(text: &str) -> Vec<Function> {
    let code = code_only(text);
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    let mut skip_to = 0;
    for (n, line) in lines.iter().enumerate() {
        if n < skip_to {
            continue;
        }
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            let module = lines[n + 1..]
                .iter()
                .position(|l| !l.trim().is_empty())
                .map(|p| n + 1 + p)
                .filter(|&m| {
                    let l = lines[m].trim_start();
                    l.starts_with("mod ") || l.starts_with("pub mod ")
                });
            if let Some(m) = module {
                skip_to = m + body_lines(&lines[m..]).unwrap_or(1);
            }
            continue;
        }
        let Some(name) = fn_name(t) else { continue };
        if let Some(len) = body_lines(&lines[n..]) {
            out.push(Function {
                name,
                line: n + 1,
                lines: len,
            });
        }
    }
    out
}

/// The name of the function a (code) line declares, if it declares one.
fn fn_name(line: &str) -> Option<String> {
    let mut rest = line;
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// How many lines from the first to the brace closing the first block opened, or None when
/// a `;` ends the item first (a declaration without a body).
fn body_lines(lines: &[&str]) -> Option<usize> {
    let mut depth = 0i32;
    let mut opened = false;
    for (n, line) in lines.iter().enumerate() {
        for c in line.chars() {
            match c {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                ';' if !opened => return None,
                _ => {}
            }
            if opened && depth == 0 {
                return Some(n + 1);
            }
        }
    }
    None
}

/// The modules of `src/ui` each module uses (`use crate::ui::<module>…` lines), by the first
/// name after `src/ui/` (a folder module counts as one).
pub fn ui_imports() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut graph: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for (path, text) in rust_files("src/ui") {
        let rel = path.trim_start_matches("src/ui/").trim_end_matches(".rs");
        let module = rel.split('/').next().unwrap_or(rel).to_string();
        if module == "mod" {
            continue;
        }
        let uses = graph.entry(module.clone()).or_default();
        for line in code_lines(&text) {
            let Some(rest) = line.strip_prefix("use crate::ui::") else {
                continue;
            };
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(list) => list.split(',').collect(),
                None => vec![rest],
            };
            for name in names {
                let target: String = name
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !target.is_empty() && target != module {
                    uses.insert(target);
                }
            }
        }
    }
    graph
}

/// A circle in an import graph, if there is one (the modules along it, the first repeated at
/// the end).
pub fn circle(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut c = path[at..].to_vec();
            c.push(node.to_string());
            return Some(c);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(graph, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph
        .keys()
        .find_map(|k| visit(graph, k, &mut Vec::new(), &mut done))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_measured_from_fn_to_their_closing_brace() {
        let text = "fn a() {\n    let s = \"}\";\n    let c = '{';\n}\n\n\
                    pub(crate) fn b<'x>(v: &'x str) -> &'x str {\n    // }\n    v\n}\n\
                    fn decl();\n\
                    const R: &str = r#\"{ \"#;\n\
                    #[cfg(test)]\nmod tests {\n    fn long() {\n    }\n}\n";
        assert_eq!(
            functions(text),
            [
                Function {
                    name: "a".into(),
                    line: 1,
                    lines: 4
                },
                Function {
                    name: "b".into(),
                    line: 6,
                    lines: 4
                },
            ]
        );
    }

    #[test]
    fn a_circle_is_found_and_a_tree_has_none() {
        let mut g: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
            Default::default();
        g.entry("app".into()).or_default().insert("item".into());
        g.entry("item".into()).or_default().insert("state".into());
        g.entry("state".into()).or_default();
        assert_eq!(circle(&g), None);
        g.entry("state".into()).or_default().insert("app".into());
        assert_eq!(
            circle(&g),
            Some(vec![
                "app".into(),
                "item".into(),
                "state".into(),
                "app".into()
            ])
        );
    }
}
