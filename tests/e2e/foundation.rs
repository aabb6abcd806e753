//! The foundation: the page starts from file://, shows the model, makes no request, and keeps
//! an answer across a reload.

use crate::support::Browser;

#[tokio::test(flavor = "multi_thread")]
async fn starts_from_file_and_makes_no_network_request() {
    let b = Browser::open().await;
    // The whole model is listed: 7 domains, 14 capabilities, 49 sub-items.
    for code in ["CM", "BCI", "TM", "DRM", "EM", "DM", "MF"] {
        b.wait_for(&format!("[data-level-of='{code}']")).await;
    }
    let item_links = b.eval(
        "return [...document.querySelectorAll('nav.outline a[href*=\"/item/\"]')].map(a => a.getAttribute('href'));",
    ).await;
    let hrefs: Vec<String> = serde_json::from_value(item_links).unwrap();
    assert_eq!(hrefs.len(), 49);
    assert!(hrefs.iter().any(|h| h.ends_with("/CM-VC-VCS")));
    assert!(hrefs.iter().any(|h| h.ends_with("/MF-MDI-MFI")));
    // A fresh browser opens straight onto the first sub-item, ready to answer.
    b.wait_for("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .await;
    assert_eq!(b.level_of("part").await, ("1".into(), "1".into()));
    // The load mark for the benchmark exists.
    let mark = b
        .eval("return performance.getEntriesByName('wb-interactive').length > 0;")
        .await;
    assert_eq!(mark, serde_json::Value::Bool(true));
    let requests = b.network_requests().await;
    assert!(
        requests.is_empty(),
        "the workbook made network requests: {requests:?}"
    );
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_updates_the_level_and_survives_a_reload() {
    let b = Browser::open().await;
    assert_eq!(b.level_of("CM-VC-VCS").await, ("1".into(), "1".into()));
    b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .await;
    b.wait_until(
        "the label shows progress",
        "return document.querySelector(\"[data-level-of='CM-VC-VCS']\").dataset.label === '2-';",
    )
    .await;
    b.click("[data-req='CM-VC-VCS-L2-2'] [data-status='met']")
        .await;
    b.wait_until(
        "the item reaches level 2",
        "return document.querySelector(\"[data-level-of='CM-VC-VCS']\").dataset.level === '2';",
    )
    .await;
    assert_eq!(b.level_of("CM-VC-VCS").await, ("2".into(), "2".into()));
    b.reload().await;
    assert_eq!(b.level_of("CM-VC-VCS").await, ("2".into(), "2".into()));
    let checked = b.eval("return document.querySelector(\"[data-req='CM-VC-VCS-L2-2'] [data-status='met']\").checked;").await;
    assert_eq!(checked, serde_json::Value::Bool(true));
    let stored = b.local_storage().await;
    assert!(
        stored
            .values()
            .any(|v| v.as_str().is_some_and(|s| s.contains("CM-VC-VCS-L2-2"))),
        "{stored:?}"
    );
    let requests = b.network_requests().await;
    assert!(requests.is_empty(), "{requests:?}");
    b.close().await;
}

/// The request check above must be able to fail: a request the page does make is seen.
#[tokio::test(flavor = "multi_thread")]
async fn the_request_check_sees_a_request_when_there_is_one() {
    let b = Browser::open().await;
    b.eval("const i = document.createElement('img'); i.src = 'http://127.0.0.1:9/probe.png'; document.body.append(i); return true;").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let requests = b.network_requests().await;
    assert!(
        requests.iter().any(|r| r.contains("127.0.0.1:9/probe.png")),
        "{requests:?}"
    );
    // The policy blocks it, and says so on the console.
    let errors = b.console_errors().await;
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "{errors:?}"
    );
    b.close().await;
}

/// The size budget of the one-file page: every feature ships to every user, so the page may
/// not grow past 700 KiB (716,800 bytes) without someone deciding so here. Raised from 600 KiB
/// to 720 KiB on 2026-12-05 when the round's features landed together (572,935 B → 721,946 B);
/// lowered to 700 KiB, the most issue 25 allows, once the stylesheets but the boot ones moved
/// into the compressed payload (706,126 B with the portfolio at 500). docs/performance.md says
/// what each cut bought.
pub const SIZE_BUDGET: usize = 700 * 1024;

#[test]
fn the_single_file_stays_within_its_size_budget() {
    let page = std::fs::read(crate::support::page_path()).expect("run make dist first");
    assert!(
        page.len() <= SIZE_BUDGET,
        "dist/maturity-workbook.html is {} bytes, over the budget of {SIZE_BUDGET}",
        page.len()
    );
}
