//! Data safety end to end: corrupt storage, a full quota and two tabs on one assessment. Each
//! test checks that nothing the user entered was lost.

use std::time::Duration;

use serde_json::Value;

use crate::support::Browser;
use crate::views::{answer_some, assessment_id};

/// Breaks the index and adds an unreadable record, as a crash or a hand edit might, reloads,
/// and checks that both are quarantined verbatim (and downloadable) while assessment `id` keeps
/// its answers.
pub(crate) async fn quarantines_a_corrupt_index_and_record(b: &Browser, id: &str) {
    b.eval("localStorage.setItem('mwb:v1:index', '{oops'); localStorage.setItem('mwb:v1:a:zz9', '\\u0000garbage'); return 1;").await;
    b.reload().await;
    let alerts = b.find_all("[data-notice='quarantine']").await;
    assert_eq!(alerts.len(), 2, "one banner per unreadable record");
    // The good assessment is still there, with its answers.
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.wait_for("[data-req='CM-VC-VCS-L3-2']").await;
    assert_eq!(b.level_of("CM-VC-VCS").await, ("2".into(), "3-".into()));
    let stored = b.local_storage().await;
    assert_eq!(
        stored.get("mwb:v1:quarantine:index"),
        Some(&Value::String("{oops".into()))
    );
    assert_eq!(
        stored.get("mwb:v1:quarantine:a:zz9"),
        Some(&Value::String("\u{0}garbage".into()))
    );
    // The raw text can be downloaded.
    b.click("[data-notice='quarantine'] button").await;
    let raw = b.downloaded(".txt").await;
    let text = std::fs::read_to_string(raw).unwrap();
    assert!(text == "{oops" || text == "\u{0}garbage", "{text:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn corrupt_storage_is_quarantined_and_nothing_else_is_lost() {
    let b = Browser::open().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    quarantines_a_corrupt_index_and_record(&b, &id).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_quota_warns_offers_an_export_and_loses_nothing_stored() {
    let b = Browser::open().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    let key = format!("mwb:v1:a:{id}");
    let before = b.local_storage().await[&key].clone();
    let filled = b
        .eval("let n = 0, size = 262144; const s = 'x'.repeat(size); while (size > 8) { try { localStorage.setItem('filler:' + n, s.slice(0, size)); n++; } catch (e) { size = Math.floor(size / 2); } } return n;")
        .await;
    assert!(filled.as_i64().unwrap_or(0) > 0);
    // A new answer makes the record longer, so it no longer fits.
    b.click("[data-req='CM-VC-VCS-L4-2'] [data-status='met']")
        .await;
    b.wait_for("[data-notice='storage']").await;
    let shown = b.eval("return document.querySelector(\"[data-req='CM-VC-VCS-L4-2'] [data-status='met']\").checked;").await;
    assert_eq!(shown, Value::Bool(true), "the change is on screen");
    assert_eq!(
        b.local_storage().await[&key],
        before,
        "what was stored is intact"
    );
    // The warning offers an export that works even now.
    b.click("[data-notice='storage'] button.primary").await;
    let file = std::fs::read_to_string(b.downloaded(".json").await).unwrap();
    let v: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(
        v["answers"]["CM-VC-VCS-L4-2"]["status"], "met",
        "the export has the unsaved change"
    );
    // Room again: the next change saves everything.
    b.eval("Object.keys(localStorage).filter(k => k.startsWith('filler:')).forEach(k => localStorage.removeItem(k)); return 1;").await;
    b.click("[data-req='CM-VC-VCS-L4-3'] [data-status='partial']")
        .await;
    b.wait_until(
        "the warning goes",
        "return !document.querySelector(\"[data-notice='storage']\");",
    )
    .await;
    b.reload().await;
    let stored = b.local_storage().await[&key]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        stored.contains("\"CM-VC-VCS-L4-2\":{\"status\":\"met\"}")
            && stored.contains("CM-VC-VCS-L4-3"),
        "nothing lost"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_tabs_on_one_assessment_lose_no_update() {
    let b = Browser::open().await;
    let id = assessment_id(&b).await;
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(false).await.unwrap();
    b.client
        .switch_to_window(second.handle.clone())
        .await
        .unwrap();
    b.client
        .goto(&format!("{}#/a/{id}/item/CM-VC-VCS", b.url))
        .await
        .unwrap();
    b.wait_ready().await;
    // The second window answers one requirement…
    b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .await;
    // …the first, which has not seen it yet, answers another.
    b.client.switch_to_window(first.clone()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    b.click("[data-req='CM-VC-VCS-L2-2'] [data-status='met']")
        .await;
    // Both answers are kept, in storage and on both screens.
    b.wait_until(
        "the first window shows both",
        "return document.querySelector(\"[data-level-of='CM-VC-VCS']\").dataset.level === '2';",
    )
    .await;
    let stored = b.local_storage().await[&format!("mwb:v1:a:{id}")]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        stored.contains("CM-VC-VCS-L2-1") && stored.contains("CM-VC-VCS-L2-2"),
        "{stored}"
    );
    b.client
        .switch_to_window(second.handle.clone())
        .await
        .unwrap();
    b.wait_until(
        "the second window shows both",
        "return document.querySelector(\"[data-level-of='CM-VC-VCS']\").dataset.level === '2';",
    )
    .await;
    // Typing notes in one window while the other answers: both survive.
    b.wait_for("#item-notes")
        .await
        .send_keys("第二个窗口的笔记")
        .await
        .unwrap();
    b.client.switch_to_window(first.clone()).await.unwrap();
    b.click("[data-req='CM-VC-VCS-L3-1'] [data-status='partial']")
        .await;
    b.client
        .switch_to_window(second.handle.clone())
        .await
        .unwrap();
    b.eval("window.dispatchEvent(new Event('pagehide')); return 1;")
        .await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    b.client.switch_to_window(first).await.unwrap();
    b.reload().await;
    let stored = b.local_storage().await[&format!("mwb:v1:a:{id}")]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        stored.contains("第二个窗口的笔记"),
        "the notes typed in the second window"
    );
    assert!(
        stored.contains("\"CM-VC-VCS-L3-1\":{\"status\":\"partial\"}"),
        "the answer given in the first window"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_newest_record_costs_at_most_the_last_save() {
    let b = Browser::open().await;
    b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .await;
    let id = assessment_id(&b).await;
    b.reload().await;
    b.click("[data-req='CM-VC-VCS-L2-2'] [data-status='met']")
        .await;
    let key = format!("mwb:v1:a:{id}");
    let damaged = "{\"schema\":2,\"rev\":7,\"assessment\":{\"id\":";
    b.eval(&format!(
        "localStorage.setItem({}, {}); return 1;",
        serde_json::to_string(&key).unwrap(),
        serde_json::to_string(damaged).unwrap()
    ))
    .await;
    b.reload().await;
    // The assessment opens at its link with the earlier answer; the notice says what happened.
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.wait_for("[data-req='CM-VC-VCS-L2-1']").await;
    let checked = |req: &str| {
        format!("return (document.querySelector(\"[data-req='{req}'] input:checked\") || {{}}).value || null;")
    };
    assert_eq!(b.eval(&checked("CM-VC-VCS-L2-1")).await, "met");
    assert_eq!(
        b.eval(&checked("CM-VC-VCS-L2-2")).await,
        Value::Null,
        "only the last save is missing"
    );
    let notices = b.text(".notices").await;
    assert!(notices.contains("上一版"), "{notices}");
    let stored = b.local_storage().await;
    assert_eq!(
        stored.get(&format!("mwb:v1:quarantine:a:{id}")),
        Some(&Value::String(damaged.into())),
        "the damaged text is kept"
    );
    // Both revisions damaged: its link says so and offers the text.
    b.eval(&format!(
        "localStorage.setItem({k}, 'x'); localStorage.setItem({p}, 'y'); return 1;",
        k = serde_json::to_string(&key).unwrap(),
        p = serde_json::to_string(&format!("mwb:v1:prev:{id}")).unwrap()
    ))
    .await;
    // Reloading at the assessment's own link shows what happened instead of "not found".
    b.client.refresh().await.unwrap();
    b.wait_for(&format!("[data-damaged='{id}']")).await;
    b.click("[data-action='download-damaged']").await;
    let text = std::fs::read_to_string(b.downloaded(".txt").await).unwrap();
    assert_eq!(text, "x");
    b.close().await;
}
