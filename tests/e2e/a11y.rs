//! Accessibility: axe-core (WCAG 2.1 A and AA rules) on every main view, in both languages, and
//! with the dialogs open. Any violation fails.

use crate::support::Browser;
use crate::views::{all_views, answer_some, assessment_id};

#[tokio::test(flavor = "multi_thread")]
async fn every_main_view_passes_axe() {
    let b = Browser::open().await;
    answer_some(&b).await;
    // Give one N/A a reason and open a comment, so those controls are checked too.
    b.click("[data-req='CM-VC-VCS-L2-1'] + button + [data-action='comment']")
        .await;
    let id = assessment_id(&b).await;
    let mut failures = Vec::new();
    for lang in ["zh", "en"] {
        for (name, hash) in all_views(&id) {
            b.goto_hash(&hash).await;
            b.wait_for("main h1").await;
            for v in b.axe().await {
                failures.push(format!("{name} ({lang}): {v}"));
            }
        }
        b.press("?").await;
        b.wait_for("#help-title").await;
        for v in b.axe().await {
            failures.push(format!("help dialog ({lang}): {v}"));
        }
        b.press("\u{e00c}").await;
        b.click("[data-action='language']").await;
    }
    assert!(
        failures.is_empty(),
        "axe violations:\n{}",
        failures.join("\n")
    );
    b.close().await;
}
