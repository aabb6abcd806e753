//! The architecture invariants of docs/ARCHITECTURE.md that the compiler cannot check, read
//! from the sources so they stay true. (That the core uses no browser crate and no UI is the
//! compiler's job: it is its own crate without them; the first test keeps its manifest so.)

use architecture::{all_sources, circle, code_lines, functions, read, rust_files, ui_imports};

#[test]
fn the_core_depends_on_no_browser_crate_and_no_ui_framework() {
    let manifest = read("crates/core/Cargo.toml");
    let mut section = "";
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section == "[dependencies]" || section.starts_with("[target.") {
            for forbidden in [
                "leptos",
                "web-sys",
                "js-sys",
                "wasm-bindgen",
                "gloo",
                "maturity-workbook",
            ] {
                assert!(
                    !line.starts_with(forbidden),
                    "crates/core depends on {forbidden}: {line}"
                );
            }
        }
    }
    for (path, text) in rust_files("crates/core/src") {
        for line in code_lines(&text) {
            assert!(
                !line.contains("maturity_workbook"),
                "{path} reaches into the app: {line}"
            );
        }
    }
}

#[test]
fn only_the_storage_adapter_touches_local_storage() {
    {
        for (path, text) in all_sources() {
            if path == "src/web/storage.rs" {
                assert!(
                    text.contains("local_storage()"),
                    "the adapter is where it was"
                );
                continue;
            }
            for line in code_lines(&text) {
                assert!(
                    !line.contains("local_storage()") && !line.contains("gloo_storage"),
                    "{path} touches localStorage: {line}"
                );
            }
        }
    }
}

#[test]
fn only_the_session_adapter_touches_session_storage() {
    for (path, text) in all_sources() {
        if path == "src/web/session.rs" {
            assert!(
                text.contains("session_storage()"),
                "the adapter is where it was"
            );
            continue;
        }
        for line in code_lines(&text) {
            assert!(
                !line.contains("session_storage()") && !line.contains("SessionStorage"),
                "{path} touches sessionStorage: {line}"
            );
        }
    }
}

#[test]
fn only_the_storage_layout_spells_storage_keys() {
    // Which key holds what is decided by `persist::Key`; nobody else writes a key prefix.
    for (path, text) in all_sources() {
        if path == "crates/core/src/store/persist.rs" {
            continue;
        }
        for line in code_lines(&text) {
            for prefix in [
                "\"a:",
                "\"prev:",
                "\"trash:",
                "\"model:",
                "\"quarantine:",
                "\"index\"",
                "\"prefs\"",
                "\"mwb:",
            ] {
                assert!(
                    !line.contains(prefix),
                    "{path} spells the storage key {prefix}: {line}"
                );
            }
        }
    }
}

#[test]
fn no_code_compares_languages_outside_the_text_modules() {
    // One i18n mechanism: the catalogue picks the text; matches on Lang are exhaustive there.
    for (path, text) in all_sources() {
        if path == "crates/core/src/text/i18n.rs" || path == "crates/core/src/text/mod.rs" {
            continue;
        }
        for line in code_lines(&text) {
            for forbidden in [
                "Lang::Zh", "Lang::En", "== Lang", "!= Lang", "let zh", "if zh", "(zh, en)",
                "pick(",
            ] {
                assert!(
                    !line.contains(forbidden),
                    "{path} branches on the language ({forbidden}): {line}"
                );
            }
        }
    }
}

#[test]
fn the_ui_reaches_the_browser_only_through_the_web_adapters() {
    // Event and file types may pass through the UI; calling browser APIs happens in src/web.
    for (path, text) in rust_files("src/ui") {
        for line in code_lines(&text) {
            for forbidden in [
                "web_sys::window",
                "js_sys::",
                "JsCast",
                "dyn_into",
                "unchecked_into",
                "wasm_bindgen::",
                ".confirm_with_message",
                ".query_selector",
                "document()",
            ] {
                assert!(
                    !line.contains(forbidden),
                    "{path} calls the browser directly ({forbidden}): {line}"
                );
            }
        }
    }
}

/// The workspace decides, the UI state publishes: `src/ui/state/` holds no storage or merge
/// logic, and the rest of the UI changes the team's data only through the workbook's named
/// actions (the workspace is reached through `act`, private to `ui::state`), never building a
/// workspace `Outcome` itself.
#[test]
fn the_ui_state_is_a_thin_mirror_of_the_workspace() {
    for (path, text) in rust_files("src/ui/state") {
        for line in code_lines(&text) {
            for forbidden in ["Store::", "Saved::", "persist::decode", "KvError"] {
                assert!(
                    !line.contains(forbidden),
                    "{path} holds storage or merge logic ({forbidden}): {line}"
                );
            }
        }
    }
    for (path, text) in rust_files("src/ui") {
        if path.starts_with("src/ui/state/") {
            continue;
        }
        for line in code_lines(&text) {
            for forbidden in [".act(|", ".read(|", "Outcome {", "Outcome::"] {
                assert!(
                    !line.contains(forbidden),
                    "{path} reaches around the workbook's named actions ({forbidden}): {line}"
                );
            }
        }
    }
}

#[test]
fn the_architecture_map_names_only_modules_that_exist() {
    let doc = read("docs/ARCHITECTURE.md");
    let sources: Vec<String> = ["src", "crates", "tests", "benches", "tools"]
        .iter()
        .flat_map(|dir| rust_files(dir))
        .map(|(path, _)| path)
        .collect();
    let mut named = 0;
    for word in doc.split(|c: char| c.is_whitespace() || "(),`".contains(c)) {
        let word = word.trim_end_matches(['.', ':', ';']);
        if word.ends_with(".rs") && !word.contains('*') && !word.contains('<') {
            named += 1;
            // A path from the root, or the end of one (a file named inside its folder's entry).
            let found = sources
                .iter()
                .any(|path| path == word || path.ends_with(&format!("/{word}")));
            assert!(
                found,
                "docs/ARCHITECTURE.md names {word}, which does not exist"
            );
        }
    }
    assert!(named > 20, "the map names the modules ({named} found)");
}

#[test]
fn levels_are_computed_only_by_the_scoring_module() {
    // The label rule ("N" / "N-") lives in rule.rs and score.rs; nobody else builds a label.
    for dir in ["src/ui", "src/web"] {
        for (path, text) in rust_files(dir) {
            for line in code_lines(&text) {
                assert!(
                    !line.contains("Label {") && !line.contains("Label::new"),
                    "{path} builds a level label itself: {line}"
                );
            }
        }
    }
}

#[test]
fn every_message_of_the_catalogue_is_used() {
    // A message no code shows is dead weight in every language (and in the wasm).
    let catalogue = read("crates/core/src/text/i18n.rs");
    let mut users = String::new();
    for (path, text) in all_sources() {
        if path != "crates/core/src/text/i18n.rs" {
            users.push_str(&text);
        }
    }
    // Messages the catalogue itself uses (language names, the list separator).
    let internal: Vec<&str> = catalogue
        .lines()
        .filter(|l| {
            l.trim_start().starts_with("Lang::") || l.contains("=> ") || l.contains(".get(lang)")
        })
        .collect();
    // Each message starts with its name on a line of its own: `NAME =`.
    let mut checked = 0;
    for line in catalogue.lines() {
        let Some(name) = line.trim().strip_suffix(" =") else {
            continue;
        };
        if !name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            continue;
        }
        let used = names_path(&users, name)
            || users.contains(&format!("{name}."))
            || internal.iter().any(|l| l.contains(name));
        assert!(used, "the message {name} is not used anywhere");
        checked += 1;
    }
    assert!(
        checked > 400,
        "the catalogue's messages were found ({checked})"
    );
}

/// Whether `text` names the message `name` by a path (`i18n::NAME`, `clarity::NAME`, ...),
/// as a whole identifier.
fn names_path(text: &str, name: &str) -> bool {
    let needle = format!("::{name}");
    text.match_indices(&needle).any(|(at, _)| {
        text[at + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
    })
}

/// Columns a character takes in a fixed-width view: two for the wide East Asian ranges.
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// The catalogue stays reviewable in a diff: a message's name, its Chinese and its English on
/// lines of their own, none wider than 100 columns (long texts continue on the next line).
#[test]
fn the_catalogue_keeps_each_language_on_lines_of_its_own() {
    let catalogue = read("crates/core/src/text/i18n.rs");
    for (n, line) in catalogue.lines().enumerate() {
        assert!(
            columns(line) <= 100,
            "i18n.rs:{} is {} columns wide",
            n + 1,
            columns(line)
        );
        let t = line.trim_start();
        let named = t.split_once(" = \"").is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        });
        assert!(!named, "i18n.rs:{} holds a name and a text: {t}", n + 1);
    }
}

/// The UI's modules form no circle (`use crate::ui::…` lines): a page may use the state, the
/// hooks, the widgets and other pages' parts, but nothing it uses may use it back.
#[test]
fn the_ui_has_no_import_circle() {
    let graph = ui_imports();
    assert!(graph.contains_key("state") && graph.len() > 15, "{graph:?}");
    assert_eq!(circle(&graph), None, "an import circle in src/ui");
}

/// Files of the UI stay a size one can read: none over 700 lines, none of the portfolio's
/// views over 500.
#[test]
fn no_ui_file_is_over_700_lines() {
    for (path, text) in rust_files("src/ui") {
        let lines = text.lines().count();
        let limit = if path.starts_with("src/ui/portfolio/") {
            500
        } else {
            700
        };
        assert!(lines <= limit, "{path} has {lines} lines (at most {limit})");
    }
}

/// No function outside tests is over 150 lines (views included: a long component is split
/// along the sub-views it already has).
#[test]
fn no_function_is_over_150_lines() {
    let mut measured = 0;
    for (path, text) in all_sources() {
        for f in functions(&text) {
            measured += 1;
            assert!(
                f.lines <= 150,
                "{path}:{} fn {} is {} lines",
                f.line,
                f.name,
                f.lines
            );
        }
    }
    assert!(measured > 500, "the functions were found ({measured})");
}

/// Dependencies are in the `use` lines, where readers look for them: no path into the app or
/// the core written inline in code.
#[test]
fn no_inline_paths_hide_dependencies() {
    for (path, text) in all_sources() {
        for line in code_lines(&text) {
            if line.starts_with("use ") || line.starts_with("pub use ") || line.starts_with('#') {
                continue;
            }
            for inline in ["crate::ui::", "crate::web::", "maturity_core::"] {
                assert!(
                    !line.contains(inline),
                    "{path} names {inline} inline: {line}"
                );
            }
        }
    }
}
