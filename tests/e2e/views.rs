//! Every main view in both languages at 1366×768: each renders, nothing overflows sideways,
//! and a screenshot is kept under target/screenshots for a person to look at.

use crate::support::Browser;

pub const VIEWS: &[(&str, &str)] = &[
    ("item", "item/CM-VC-VCS"),
    ("dashboard", ""),
    ("gap", "gap"),
    ("evidence", "evidence"),
    ("project", "project"),
    ("report", "report"),
    ("share", "share"),
];

/// Answers a spread of requirements so the views have something to show.
pub async fn answer_some(b: &Browser) {
    for (req, status) in [
        ("CM-VC-VCS-L2-1", "met"),
        ("CM-VC-VCS-L2-2", "met"),
        ("CM-VC-VCS-L3-1", "met"),
        ("CM-VC-VCS-L3-2", "partial"),
        ("CM-VC-VCS-L3-3", "not_met"),
        ("CM-VC-VCS-L4-1", "not_applicable"),
    ] {
        b.click(&format!("[data-req='{req}'] [data-status='{status}']"))
            .await;
    }
}

/// Every main view as (name, hash): the assessment's views, then the home list and the models.
pub fn all_views(id: &str) -> Vec<(&'static str, String)> {
    VIEWS
        .iter()
        .map(|(name, path)| {
            let hash = if path.is_empty() {
                format!("#/a/{id}")
            } else {
                format!("#/a/{id}/{path}")
            };
            (*name, hash)
        })
        .chain([("home", "#/home".into()), ("models", "#/models".into())])
        .collect()
}

pub async fn assessment_id(b: &Browser) -> String {
    let hash = b.eval("return location.hash;").await;
    hash.as_str()
        .unwrap_or_default()
        .split('/')
        .nth(2)
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_renders_in_both_languages_without_overflow() {
    let b = Browser::open().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    let mut seen = std::collections::BTreeMap::new();
    for lang in ["zh", "en"] {
        let current = b.eval("return document.documentElement.lang;").await;
        if !current.as_str().unwrap_or_default().starts_with(lang) {
            b.click("[data-action='language']").await;
        }
        for (name, hash) in all_views(&id) {
            b.goto_hash(&hash).await;
            b.wait_for("main h1").await;
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
            let overflow = b
                .eval("return document.documentElement.scrollWidth - window.innerWidth;")
                .await;
            assert!(
                overflow.as_i64().unwrap_or(0) <= 0,
                "{name} ({lang}) overflows by {overflow}px"
            );
            b.screenshot(&format!("{name}-{lang}")).await;
            // The models page shows no computed level; every other view does.
            if name != "models" {
                check_level_hooks(&b, name, &mut seen).await;
            }
        }
    }
    // The answers above put CM-VC-VCS at 2 with progress on level 3, so the part is 1.
    assert_eq!(seen.get("CM-VC-VCS").map(String::as_str), Some("2"));
    assert_eq!(seen.get("part").map(String::as_str), Some("1"));
    assert!(
        seen.contains_key("CM") && seen.contains_key("CM-VC"),
        "{seen:?}"
    );
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    b.close().await;
}

/// Every element carrying `data-level-of` has a `data-level` in 1..=5, shows that level reached
/// as its figure (never CAICT's "N+1-"), a "+" exactly when its label (`data-label`) is "N+1-",
/// names it in words for assistive technology, and a node shows the same level on every view.
async fn check_level_hooks(
    b: &Browser,
    view: &str,
    seen: &mut std::collections::BTreeMap<String, String>,
) {
    let hooks = b
        .eval("return [...document.querySelectorAll('[data-level-of]')].map(e => [e.dataset.levelOf, e.dataset.level, e.dataset.label, e.querySelector('.level-figure').textContent.trim(), e.querySelector('.level-next') ? '+' : '', e.getAttribute('aria-label') || '']);")
        .await;
    let hooks = hooks.as_array().cloned().unwrap_or_default();
    assert!(
        !hooks.is_empty(),
        "{view}: no element carries data-level-of"
    );
    for h in hooks {
        let [of, level, label, figure, mark, words] =
            [0, 1, 2, 3, 4, 5].map(|i| h[i].as_str().unwrap_or_default().to_string());
        let n: u8 = level.parse().unwrap_or(0);
        assert!(
            (1..=5).contains(&n),
            "{view}: {of} has data-level {level:?}"
        );
        let partial = format!("{}-", n + 1);
        assert!(
            label == level || label == partial,
            "{view}: {of} is labelled {label:?} for level {level}"
        );
        assert_eq!(
            figure, level,
            "{view}: {of} shows {figure:?} for level {level}"
        );
        assert_eq!(
            mark == "+",
            label == partial,
            "{view}: {of}'s progress mark"
        );
        assert!(
            words.contains(&level) && (label != partial || words.contains(&(n + 1).to_string())),
            "{view}: {of} is named {words:?}"
        );
        let before = seen.entry(of.clone()).or_insert_with(|| level.clone());
        assert_eq!(*before, level, "{view}: {of} disagrees with another view");
    }
}
