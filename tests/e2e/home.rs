//! The list of assessments: create, rename, duplicate, delete with confirmation and undo, and
//! the trash.

use crate::support::Browser;
use crate::views::answer_some;

async fn names(b: &Browser) -> Vec<String> {
    serde_json::from_value(b.eval("return [...document.querySelectorAll('table.assessments tbody th')].map(t => t.textContent.trim());").await).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn create_rename_duplicate_delete_undo_and_restore() {
    let b = Browser::open().await;
    answer_some(&b).await;
    b.goto_hash("#/home").await;
    b.wait_for("#new-name")
        .await
        .send_keys("网银二期")
        .await
        .unwrap();
    b.click("[data-action='new-assessment']").await;
    b.wait_for("[data-req='CM-VC-VCS-L2-1']").await;
    b.goto_hash("#/home").await;
    b.wait_until(
        "two assessments",
        "return document.querySelectorAll('table.assessments tbody tr').length === 2;",
    )
    .await;
    assert_eq!(names(&b).await, ["持续交付自评", "网银二期"]);
    // Rename the first.
    b.click("table.assessments tbody tr:first-child [data-action='rename']")
        .await;
    let field = b.wait_for("table.assessments form.rename input").await;
    field.clear().await.unwrap();
    field.send_keys("手机银行\u{e007}").await.unwrap();
    b.wait_until("renamed", "return document.querySelector('table.assessments tbody th').textContent.trim() === '手机银行';").await;
    // Duplicate it: the copy keeps the answers.
    b.click("table.assessments tbody tr:first-child [data-action='duplicate']")
        .await;
    b.wait_until(
        "three assessments",
        "return document.querySelectorAll('table.assessments tbody tr').length === 3;",
    )
    .await;
    assert_eq!(names(&b).await[2], "手机银行（副本）");
    let progress = b
        .text("table.assessments tbody tr:nth-child(3) td:nth-child(5)")
        .await;
    assert_eq!(progress, "6/284");
    // Delete the copy: confirm, then undo from the toast.
    b.click("table.assessments tbody tr:nth-child(3) [data-action='delete']")
        .await;
    let question = b.client.get_alert_text().await.unwrap();
    assert!(question.contains("手机银行（副本）"), "{question}");
    b.client.accept_alert().await.unwrap();
    b.wait_until(
        "deleted",
        "return document.querySelectorAll('table.assessments tbody tr').length === 2;",
    )
    .await;
    b.click("[data-action='undo']").await;
    b.wait_for("#dash-title").await;
    b.goto_hash("#/home").await;
    b.wait_until(
        "restored",
        "return document.querySelectorAll('table.assessments tbody tr').length === 3;",
    )
    .await;
    // Delete again and dismiss the toast: it waits in the trash, from where it comes back.
    b.click("table.assessments tbody tr:nth-child(3) [data-action='delete']")
        .await;
    b.client.accept_alert().await.unwrap();
    b.wait_for("[data-trash]").await;
    b.reload().await;
    b.goto_hash("#/home").await;
    b.click("[data-trash] [data-action='restore']").await;
    b.wait_for("#dash-title").await;
    b.goto_hash("#/home").await;
    b.wait_until(
        "back from the trash",
        "return document.querySelectorAll('table.assessments tbody tr').length === 3;",
    )
    .await;
    // A cancelled deletion changes nothing.
    b.click("table.assessments tbody tr:nth-child(2) [data-action='delete']")
        .await;
    b.client.dismiss_alert().await.unwrap();
    assert_eq!(names(&b).await.len(), 3);
    b.close().await;
}
