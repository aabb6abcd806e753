//! Narrow windows: a 1366×768 laptop at Windows' 125 % scaling shows 1093 CSS pixels, and some
//! desktops 1024. At both widths no page scrolls sideways (the materials table reflows, the
//! assessment's tabs stay on one line at 1093 and wrap cleanly at 1024), in both languages, with
//! a review-mode banner and a portfolio of two columns on screen; screenshots of each page are
//! kept under target/screenshots.

use crate::support::Browser;
use crate::views::{all_views, answer_some, assessment_id};

/// The elements reaching past the right edge of the window (for the failure message).
const OVERFLOWING: &str = "
    const w = document.scrollingElement.clientWidth;
    const name = e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().replace(/\\s+/g, '.') : '');
    const wide = [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > w + 0.5 && e.getClientRects().length);
    const chain = [];
    for (let e = wide[0]; e; e = e.parentElement) chain.push(name(e) + ' ' + Math.round(e.getBoundingClientRect().width));
    return chain;";

/// Makes the page's viewport `width` CSS pixels wide.
async fn set_width(b: &Browser, width: i64) {
    let (w, h) = b.client.get_window_size().await.expect("window size");
    let _ = b.client.set_window_size(width as u32, h as u32).await;
    let inner = b
        .eval("return window.innerWidth;")
        .await
        .as_i64()
        .unwrap_or(width);
    if inner != width {
        let outer = (w as i64).max(width) + (width - inner);
        let _ = b.client.set_window_size(outer as u32, h as u32).await;
    }
    let inner = b.eval("return window.innerWidth;").await.as_i64();
    assert_eq!(inner, Some(width), "the viewport is {width} px wide");
}

/// The page's width beyond its window (0 when it does not scroll sideways).
async fn overflow(b: &Browser) -> i64 {
    b.eval("const s = document.scrollingElement; return s.scrollWidth - s.clientWidth;")
        .await
        .as_i64()
        .unwrap_or(i64::MAX)
}

/// Every page at `width` in both languages: no sideways scrolling; a screenshot of each.
async fn check_every_page(b: &Browser, id: &str, width: i64, failures: &mut Vec<String>) {
    set_width(b, width).await;
    let mut pages = all_views(id);
    pages.push(("portfolio", "#/portfolio".into()));
    for lang in ["zh", "en"] {
        let current = b.eval("return document.documentElement.lang;").await;
        if !current.as_str().unwrap_or_default().starts_with(lang) {
            b.click("[data-action='language']").await;
        }
        for (name, hash) in &pages {
            b.goto_hash(hash).await;
            b.wait_for("main h1").await;
            if *name == "portfolio" {
                b.wait_until(
                    "the portfolio's columns",
                    "return document.querySelectorAll('th[data-column]').length === 2;",
                )
                .await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let by = overflow(b).await;
            if by > 0 {
                let what = b.eval(OVERFLOWING).await;
                failures.push(format!(
                    "{name} ({lang}, {width} px) scrolls by {by} px: {what}"
                ));
            }
            b.screenshot(&format!("width-{width}-{name}-{lang}")).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn no_page_scrolls_sideways_at_1093_or_1024_pixels() {
    let b = Browser::open().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    // Long texts where the materials table has room to reflow them.
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    let location =
        "\\\\fileserver01\\devops\\evidence\\CM-VC-VCS\\版本控制系统备份与恢复方案-2026.docx";
    for (field, text) in [("location", location), ("owner", "张三（配置管理组）")] {
        let input = b
            .wait_for(&format!(
                "[data-evidence='CM-VC-VCS-e1'] [data-field='{field}']"
            ))
            .await;
        input.send_keys(text).await.expect("type");
    }
    // A second column in the portfolio: the stored assessment and a copy of it.
    b.goto_hash("#/home").await;
    b.click(&format!(
        "tr[data-assessment='{id}'] [data-action='duplicate']"
    ))
    .await;
    b.goto_hash("#/portfolio").await;
    b.wait_for("[data-portfolio-stored]:enabled").await;
    for input in b.find_all("[data-portfolio-stored]").await {
        input.click().await.expect("choose a stored assessment");
    }

    let mut failures = Vec::new();
    for width in [1093, 1024] {
        check_every_page(&b, &id, width, &mut failures).await;
    }
    // At 1093 the assessment's tabs fit on one line.
    set_width(&b, 1093).await;
    b.goto_hash(&format!("#/a/{id}")).await;
    b.wait_for("main h1").await;
    let lines = b
        .eval("const tops = new Set([...document.querySelectorAll('.tabs a')].map(a => Math.round(a.getBoundingClientRect().top))); return tops.size;")
        .await;
    if lines.as_i64() != Some(1) {
        failures.push(format!("the tabs take {lines} lines at 1093 px"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    b.close().await;
}
