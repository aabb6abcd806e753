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
    for lang in ["zh", "en"] {
        let current = b.eval("return document.documentElement.lang;").await;
        if !current.as_str().unwrap_or_default().starts_with(lang) {
            b.click("[data-action='language']").await;
        }
        for (name, path) in VIEWS {
            let hash = if path.is_empty() {
                format!("#/a/{id}")
            } else {
                format!("#/a/{id}/{path}")
            };
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
        }
        for (name, hash) in [("home", "#/home"), ("models", "#/models")] {
            b.goto_hash(hash).await;
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
        }
    }
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    b.close().await;
}
