//! Routes as URL hashes, so deep links and the Back button work on `file://` with no server.
//! Parsing and formatting are pure and round-trip.

use crate::model::validate::is_valid_code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// No hash: open the most recent assessment (or the new default one).
    Start,
    /// The list of assessments in this browser.
    Home,
    /// Loaded models and loading another model file.
    Models,
    /// Many assessments side by side, and progress over time.
    Portfolio,
    Dashboard(String),
    Item(String, String),
    Gap(String),
    Evidence(String),
    Project(String),
    Report(String),
    Share(String),
    Import,
    NotFound(String),
}

impl Route {
    /// The assessment a route is about, if any.
    pub fn assessment(&self) -> Option<&str> {
        match self {
            Route::Dashboard(a)
            | Route::Item(a, _)
            | Route::Gap(a)
            | Route::Evidence(a)
            | Route::Project(a)
            | Route::Report(a)
            | Route::Share(a) => Some(a),
            _ => None,
        }
    }

    /// The hash for a route, starting with `#`.
    pub fn href(&self) -> String {
        match self {
            Route::Start => "#/".into(),
            Route::Home => "#/home".into(),
            Route::Models => "#/models".into(),
            Route::Portfolio => "#/portfolio".into(),
            Route::Import => "#/import".into(),
            Route::Dashboard(a) => format!("#/a/{a}"),
            Route::Item(a, code) => format!("#/a/{a}/item/{code}"),
            Route::Gap(a) => format!("#/a/{a}/gap"),
            Route::Evidence(a) => format!("#/a/{a}/evidence"),
            Route::Project(a) => format!("#/a/{a}/project"),
            Route::Report(a) => format!("#/a/{a}/report"),
            Route::Share(a) => format!("#/a/{a}/share"),
            Route::NotFound(h) => h.clone(),
        }
    }
}

/// Reads a `location.hash` (with or without the leading `#`).
pub fn parse(hash: &str) -> Route {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let path = path.trim_end_matches('/');
    let parts: Vec<&str> = if path.is_empty() {
        Vec::new()
    } else {
        path.split('/').collect()
    };
    match parts.as_slice() {
        [] => Route::Start,
        ["home"] => Route::Home,
        ["models"] => Route::Models,
        ["portfolio"] => Route::Portfolio,
        ["import"] => Route::Import,
        ["a", a] if is_valid_code(a) => Route::Dashboard(a.to_string()),
        ["a", a, "item", code] if is_valid_code(a) && is_valid_code(code) => {
            Route::Item(a.to_string(), code.to_string())
        }
        ["a", a, "gap"] if is_valid_code(a) => Route::Gap(a.to_string()),
        ["a", a, "evidence"] if is_valid_code(a) => Route::Evidence(a.to_string()),
        ["a", a, "project"] if is_valid_code(a) => Route::Project(a.to_string()),
        ["a", a, "report"] if is_valid_code(a) => Route::Report(a.to_string()),
        ["a", a, "share"] if is_valid_code(a) => Route::Share(a.to_string()),
        _ => Route::NotFound(format!("#/{path}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        let a = "a1b2".to_string();
        for r in [
            Route::Start,
            Route::Home,
            Route::Models,
            Route::Portfolio,
            Route::Import,
            Route::Dashboard(a.clone()),
            Route::Item(a.clone(), "CM-VC-VCS".into()),
            Route::Gap(a.clone()),
            Route::Evidence(a.clone()),
            Route::Project(a.clone()),
            Route::Report(a.clone()),
            Route::Share(a),
        ] {
            assert_eq!(parse(&r.href()), r);
        }
    }

    #[test]
    fn odd_hashes() {
        for (hash, want) in [
            ("", Route::Start),
            ("#", Route::Start),
            ("#/", Route::Start),
            ("#home", Route::Home),
            ("#/portfolio", Route::Portfolio),
            ("#portfolio/", Route::Portfolio),
            ("#/portfolio/x", Route::NotFound("#/portfolio/x".into())),
            (
                "#/a/x/item/CM-VC-VCS/",
                Route::Item("x".into(), "CM-VC-VCS".into()),
            ),
            (
                "#/a/x/item/<script>",
                Route::NotFound("#/a/x/item/<script>".into()),
            ),
            ("#/a/x/nothing", Route::NotFound("#/a/x/nothing".into())),
        ] {
            assert_eq!(parse(hash), want, "{hash}");
        }
    }

    #[test]
    fn item_links_end_with_the_code() {
        assert!(Route::Item("a".into(), "DM-DCM-CR".into())
            .href()
            .ends_with("/DM-DCM-CR"));
    }
}
