//! Review mode, undo and the portfolio's duplicates, end to end: a workbook document opened in
//! a fresh profile (Chromium and Firefox) is shown for review, keys change nothing and its
//! inputs are disabled (axe-clean) until Start editing, which the browser remembers; Ctrl+Z
//! restores the previous answer and the level, Ctrl+Shift+Z makes it again, a text field keeps
//! its own Ctrl+Z, and the undo outlasts a reload; the same assessment offered three times to
//! the portfolio (stored, its JSON, its document) is one column with a notice.

use std::path::PathBuf;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::Value;

use crate::documents::{open_without_file_access, snapshot};
use crate::exchange::export;
use crate::support::{Browser, Kind};
use crate::views::{answer_some, assessment_id};

const CONTROL: char = '\u{E009}';
const SHIFT: char = '\u{E008}';

/// Presses Ctrl+Shift with a key (redo).
async fn press_control_shift(b: &Browser, key: char) {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: CONTROL })
        .then(KeyAction::Down { value: SHIFT })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: SHIFT })
        .then(KeyAction::Up { value: CONTROL });
    b.client
        .perform_actions(actions)
        .await
        .expect("key actions");
}

/// The answer a requirement's radios show.
async fn checked(b: &Browser, req: &str) -> Value {
    b.eval(&format!(
        "const i = document.querySelector(\"[data-req='{req}'] input:checked\"); return i ? i.value : null;"
    ))
    .await
}

async fn mode(b: &Browser) -> Value {
    b.eval("const a = document.querySelector('.app'); return a && a.dataset.mode;")
        .await
}

/// Saves the open assessment's document by download (the first save asks a name: skipped),
/// and returns its text.
async fn save_document(b: &Browser) -> (String, String) {
    b.eval("window.scrollTo(0, 0); return 1;").await;
    b.click("[data-action='save']").await;
    if b.try_wait_until("return !!document.querySelector('#user-name');")
        .await
    {
        b.click("[data-action='name-skip']").await;
    }
    let path = b.downloaded(".html").await;
    b.wait_for("[data-document-status='saved']").await;
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    (name, std::fs::read_to_string(&path).unwrap())
}

/// A team's document made in `a`, opened in the fresh browser `b`: review mode until Start
/// editing, remembered after a reload.
async fn review_then_edit(a: Browser, b: Browser, shots: &str) {
    answer_some(&a).await;
    let id = assessment_id(&a).await;
    let (name, html) = save_document(&a).await;
    let before = snapshot(&a, &id).await;
    a.close().await;

    let path: PathBuf = b.work_dir().join(&name);
    std::fs::write(&path, &html).unwrap();
    b.client
        .goto(&format!("file://{}", path.display()))
        .await
        .unwrap();
    b.wait_for("[data-level-of='part']").await;
    assert_eq!(mode(&b).await, "review");
    b.wait_for("[data-review] [data-action='start-editing']")
        .await;
    assert!(b.find_all("[data-action='undo-edit']").await.is_empty());
    b.screenshot(&format!("{shots}-review-dashboard-zh")).await;

    // On the sub-item page, the answer keys, clear and comment do nothing.
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS")).await;
    b.wait_for("[data-req='CM-VC-VCS-L2-1']").await;
    b.press("j").await;
    assert_eq!(
        b.focused_requirement().await.as_deref(),
        Some("CM-VC-VCS-L2-1"),
        "j still moves"
    );
    b.press("3").await;
    b.press("0").await;
    b.press("4").await;
    b.press("c").await;
    b.press_with_control('z').await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(b.find_all("#comment-CM-VC-VCS-L2-1").await.is_empty());
    assert_eq!(snapshot(&b, &id).await, before, "nothing changed");
    b.wait_for("[data-evidence] select").await;
    let disabled = b
        .eval("return [...document.querySelectorAll(\"[data-req] input, #item-notes, [data-evidence] select\")].every(e => e.matches(':disabled'));")
        .await;
    assert_eq!(disabled, true, "every input of the page is disabled");
    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:#?}");
    b.screenshot(&format!("{shots}-review-item-zh")).await;
    b.click("[data-action='language']").await;
    b.wait_for("[data-review]").await;
    b.screenshot(&format!("{shots}-review-item-en")).await;
    b.click("[data-action='language']").await;

    // Start editing: the keys work, and the choice outlasts a reload.
    b.click("[data-action='start-editing']").await;
    b.wait_until(
        "editing",
        "return document.querySelector('.app').dataset.mode === 'edit';",
    )
    .await;
    assert!(b.find_all("[data-review]").await.is_empty());
    b.press("j").await;
    b.press("3").await;
    b.wait_until(
        "the answer changed",
        "const i = document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] input:checked\"); return !!i && i.value === 'not_met';",
    )
    .await;
    b.client.refresh().await.unwrap();
    b.wait_for("[data-req='CM-VC-VCS-L2-1']").await;
    assert_eq!(mode(&b).await, "edit");
    assert_eq!(checked(&b, "CM-VC-VCS-L2-1").await, "not_met");
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_document_opened_in_a_fresh_profile_is_reviewed_until_editing_starts() {
    let a = open_without_file_access().await;
    review_then_edit(a, Browser::start().await, "chromium").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_opens_a_document_from_elsewhere_for_review_until_editing_starts() {
    let a = Browser::open_firefox().await;
    review_then_edit(a, Browser::start_firefox().await, "firefox").await;
}

/// The label of CM-VC-VCS as the page shows it.
async fn vcs_label(b: &Browser) -> String {
    b.level_of("CM-VC-VCS").await.1
}

/// Ctrl+Z, Ctrl+Shift+Z and the buttons, in either browser.
async fn undo_and_redo(b: &Browser) {
    b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .await;
    b.click("[data-req='CM-VC-VCS-L2-2'] [data-status='met']")
        .await;
    b.wait_until(
        "level 2",
        "return document.querySelector(\"[data-level-of='CM-VC-VCS']\").getAttribute('data-label') === '2';",
    )
    .await;
    b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='not_met']")
        .await;
    b.wait_until(
        "level 2 lost",
        "return document.querySelector(\"[data-level-of='CM-VC-VCS']\").getAttribute('data-label') === '2-';",
    )
    .await;
    // Focus is on the radio just clicked: not a text field, so Ctrl+Z is the workbook's.
    b.press_with_control('z').await;
    b.wait_until(
        "the previous answer back",
        "const i = document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] input:checked\"); return !!i && i.value === 'met';",
    )
    .await;
    assert_eq!(vcs_label(b).await, "2", "the level is back");
    let toast = b.text(".toast").await;
    assert!(
        toast.contains("CM-VC-VCS-L2-1") && (toast.contains("已撤销") || toast.contains("Undone")),
        "{toast}"
    );
    press_control_shift(b, 'z').await;
    b.wait_until(
        "made again",
        "const i = document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] input:checked\"); return !!i && i.value === 'not_met';",
    )
    .await;
    assert_eq!(vcs_label(b).await, "2-");
    b.press_with_control('z').await;
    b.wait_until(
        "undone again",
        "const i = document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] input:checked\"); return !!i && i.value === 'met';",
    )
    .await;

    // In a text field, Ctrl+Z is the field's own: the workbook undoes nothing.
    let notes = b.wait_for("#item-notes").await;
    notes.send_keys("需要确认备份频率").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    b.press_with_control('z').await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(checked(b, "CM-VC-VCS-L2-1").await, "met");
    assert_eq!(checked(b, "CM-VC-VCS-L2-2").await, "met");
    assert!(
        b.find_all("[data-action='redo-edit']:disabled").await.len() == 1,
        "typing ended what could be redone, and no undo of the workbook's ran"
    );
    b.eval("document.activeElement.blur(); return 1;").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_z_restores_the_previous_answer_and_the_level_and_outlasts_a_reload() {
    let b = Browser::open().await;
    undo_and_redo(&b).await;
    b.screenshot("undo-item-zh").await;
    // The notes typed are the last step; then the answers, one by one, also after a reload.
    b.client.refresh().await.unwrap();
    b.wait_for("[data-req='CM-VC-VCS-L2-1']").await;
    b.click("[data-action='undo-edit']").await;
    b.wait_until(
        "the notes taken back",
        "return document.querySelector('#item-notes').value === '';",
    )
    .await;
    b.press_with_control('z').await;
    b.wait_until(
        "L2-2 unanswered",
        "return !document.querySelector(\"[data-req='CM-VC-VCS-L2-2'] input:checked\");",
    )
    .await;
    b.click("[data-action='undo-edit']").await;
    b.wait_until(
        "L2-1 unanswered",
        "return !document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] input:checked\");",
    )
    .await;
    b.wait_for("[data-action='undo-edit']:disabled").await;
    b.click("[data-action='language']").await;
    b.wait_for("[data-action='redo-edit']:enabled").await;
    b.screenshot("undo-item-en").await;
    // The help lists undo and redo and says what review mode does to keys.
    for lang in ["en", "zh"] {
        b.eval("document.activeElement.blur(); return 1;").await;
        b.press("?").await;
        let help = b.text("[aria-labelledby='help-title']").await;
        assert!(help.contains("Ctrl+Z") && help.contains("Ctrl+Y"), "{help}");
        b.screenshot(&format!("help-{lang}")).await;
        b.press("\u{E00C}").await; // Escape
        b.wait_until(
            "the help closed",
            "return !document.querySelector('#help-title');",
        )
        .await;
        if lang == "en" {
            b.click("[data-action='language']").await;
        }
    }
    // Stored: a new tab reads the undone state.
    let stored = b.local_storage().await;
    let id = assessment_id(&b).await;
    let record: Value =
        serde_json::from_str(stored[&format!("mwb:v1:a:{id}")].as_str().unwrap()).unwrap();
    assert!(record["assessment"]["answers"]
        .as_object()
        .is_none_or(|a| a.is_empty()));
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox_undoes_and_redoes_with_the_keyboard() {
    let b = Browser::open_firefox().await;
    assert_eq!(b.kind, Kind::Firefox);
    undo_and_redo(&b).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_assessment_offered_three_times_is_one_portfolio_column_with_a_notice() {
    let b = open_without_file_access().await;
    answer_some(&b).await;
    let id = assessment_id(&b).await;
    export(&b, "export-json").await;
    let json = b.downloaded(".json").await;
    let (doc_name, _) = save_document(&b).await;
    let doc = b.download_dir().join(&doc_name);
    let json_name = json.file_name().unwrap().to_string_lossy().to_string();

    b.goto_hash("#/portfolio").await;
    b.click(&format!("[data-portfolio-stored='{id}']:enabled"))
        .await;
    let input = b.wait_for("[data-action='portfolio-add']:enabled").await;
    input
        .send_keys(&format!("{}\n{}", json.display(), doc.display()))
        .await
        .unwrap();
    b.wait_for("[data-portfolio-duplicate]").await;
    b.wait_until(
        "two files listed",
        "return document.querySelectorAll('[data-portfolio-file]').length === 2;",
    )
    .await;
    let columns = b.find_all("th[data-column]").await;
    assert_eq!(columns.len(), 1, "one column for one assessment");
    let notice = b.text("[data-portfolio-duplicate]").await;
    assert!(
        notice.contains(&json_name) && notice.contains(&doc_name) && notice.contains("3"),
        "{notice}"
    );
    assert!(
        notice.contains("本浏览器"),
        "the stored copy is shown: {notice}"
    );
    // The comparison offers each revision once, under captions that differ.
    let options = b
        .eval("return [...document.querySelectorAll('#compare-earlier option')].map(o => o.textContent);")
        .await;
    let options: Vec<String> = serde_json::from_value(options).unwrap_or_default();
    let distinct: std::collections::BTreeSet<&String> = options.iter().collect();
    assert_eq!(distinct.len(), options.len(), "{options:?}");
    b.screenshot("portfolio-duplicate-zh").await;
    b.click("[data-action='language']").await;
    b.wait_until(
        "the notice in English",
        "return document.querySelector('[data-portfolio-duplicate]').textContent.includes('offered 3 times');",
    )
    .await;
    b.screenshot("portfolio-duplicate-en").await;
    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:#?}");
    b.close().await;
}
