//! Keyboard-first: a whole assessment of the CD model answered with the keyboard alone, every
//! label on screen then checked against the engine; and the other shortcuts.

use std::collections::BTreeMap;

use maturity_core::assess::assessment::{Answer, Status};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::score;
use maturity_core::model::validate::load_model;
use maturity_core::model::Node;
use maturity_core::model::EMBEDDED_MODEL;
use serde_json::Value;

use crate::support::Browser;

/// The answer given to requirement `k` (of `n`) of sub-item `i`: mostly met, with partial,
/// not-met and not-applicable answers spread about so the labels differ.
fn pattern(i: usize, k: usize, n: usize) -> Status {
    if k == 0 && i % 7 == 3 {
        Status::NotApplicable
    } else if k == 1 && i.is_multiple_of(5) {
        Status::Partial
    } else if k + 1 == n && i.is_multiple_of(3) {
        Status::NotMet
    } else if k + 2 == n && i % 4 == 1 {
        Status::Partial
    } else {
        Status::Met
    }
}

fn key_for(s: Status) -> &'static str {
    match s {
        Status::Met => "1",
        Status::Partial => "2",
        Status::NotMet => "3",
        Status::NotApplicable => "4",
    }
}

pub async fn wait_focus_on(b: &Browser, req: &str) {
    let script = format!(
        "const r = document.activeElement && document.activeElement.closest('[data-req-row]'); return !!r && r.dataset.reqRow === '{req}';"
    );
    for _ in 0..300 {
        if b.eval(&script).await == serde_json::Value::Bool(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let at = b.eval("const a = document.activeElement; const r = a && a.closest('[data-req-row]'); return (a ? a.tagName : '-') + ' ' + (r ? r.dataset.reqRow : '') + ' ' + location.hash;").await;
    panic!("focus never reached {req}; it is on {at}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_assessment_can_be_completed_by_keyboard_alone() {
    let b = Browser::open().await;
    let model = load_model(EMBEDDED_MODEL).unwrap();
    let mut answers = BTreeMap::new();
    b.press("j").await;
    for i in 0..model.item_count() {
        let index = model.item_index(i);
        let reqs: Vec<usize> = (index.levels[0].start..index.levels[3].end).collect();
        wait_focus_on(&b, model.requirement_id(reqs[0])).await;
        for (k, &r) in reqs.iter().enumerate() {
            let id = model.requirement_id(r).to_string();
            wait_focus_on(&b, &id).await;
            let status = pattern(i, k, reqs.len());
            b.press(key_for(status)).await;
            if status == Status::NotApplicable {
                // Focus stays for the reason; move on to the next requirement.
                b.press("j").await;
            }
            answers.insert(id, Answer::new(status));
        }
        if i + 1 < model.item_count() {
            b.press("]").await;
        }
    }
    // Every label on screen is what the engine computes for the same answers.
    let expected = score(&model, &answers, 3, Rule::default());
    let shown: BTreeMap<String, (String, String)> = serde_json::from_value(
        b.eval("const o = {}; document.querySelectorAll('nav.outline [data-level-of]').forEach(e => o[e.dataset.levelOf] = [e.dataset.level, e.dataset.label]); return o;").await,
    )
    .unwrap();
    let mut nodes = vec![("part".to_string(), Node::Part)];
    nodes
        .extend((0..model.domain_count()).map(|d| (model.domain(d).code.clone(), Node::Domain(d))));
    nodes.extend(
        (0..model.capability_count())
            .map(|c| (model.capability(c).code.clone(), Node::Capability(c))),
    );
    nodes.extend((0..model.item_count()).map(|i| (model.item(i).code.clone(), Node::Item(i))));
    assert_eq!(nodes.len(), 71);
    for (code, node) in nodes {
        let label = expected.node(node).label;
        assert_eq!(
            shown.get(&code),
            Some(&(label.level.to_string(), label.to_string())),
            "{code}"
        );
    }
    let figure = b.text("[data-figure='answered']").await;
    assert!(figure.contains("284/284"), "{figure}");
    // And it is all stored.
    b.reload().await;
    let progress = b.text("[data-figure='answered']").await;
    assert!(progress.contains("284/284"), "{progress}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn shortcuts_help_comment_clear_and_views() {
    let b = Browser::open().await;
    // `?` opens the list of shortcuts; Escape closes it.
    b.press("?").await;
    b.wait_for("[role='dialog'] #help-title").await;
    let rows = b.find_all("[role='dialog'] table tr").await;
    assert!(rows.len() >= 10);
    b.press("\u{e00c}").await; // Escape
    b.wait_until(
        "the dialog closes",
        "return !document.querySelector('[role=dialog]');",
    )
    .await;
    // j/k move between requirements; focus is visible.
    b.press("j").await;
    wait_focus_on(&b, "CM-VC-VCS-L2-1").await;
    b.press("jj").await;
    wait_focus_on(&b, "CM-VC-VCS-L3-1").await;
    let outline = b
        .eval("return getComputedStyle(document.activeElement).outlineStyle;")
        .await;
    assert_ne!(
        outline,
        Value::String("none".into()),
        "the focused requirement shows its focus"
    );
    b.press("k").await;
    wait_focus_on(&b, "CM-VC-VCS-L2-2").await;
    // 2 answers "partly met" and moves on; 0 clears the answer under focus.
    b.press("2").await;
    wait_focus_on(&b, "CM-VC-VCS-L3-1").await;
    let checked = b.eval("return document.querySelector(\"[data-req='CM-VC-VCS-L2-2'] [data-status='partial']\").checked;").await;
    assert_eq!(checked, Value::Bool(true));
    b.press("k0").await;
    b.wait_until(
        "cleared",
        "return !document.querySelector(\"[data-req='CM-VC-VCS-L2-2'] input:checked\");",
    )
    .await;
    // c opens the comment of an answered requirement, with the focus in it.
    b.press("1k").await;
    wait_focus_on(&b, "CM-VC-VCS-L2-2").await;
    b.press("c").await;
    b.wait_until(
        "the comment has focus",
        "return document.activeElement && document.activeElement.id === 'comment-CM-VC-VCS-L2-2';",
    )
    .await;
    b.press("见流水线截图").await;
    b.wait_until(
        "the comment is kept",
        "return document.querySelector('#comment-CM-VC-VCS-L2-2').value === '见流水线截图';",
    )
    .await;
    // Shortcut keys are off while typing: the "d" typed above did not leave the page.
    assert!(b
        .eval("return location.hash;")
        .await
        .as_str()
        .unwrap_or_default()
        .contains("/item/"));
    // Out of the field, d and g open the dashboard and the gap view.
    b.eval("document.activeElement.blur(); return 1;").await;
    b.press("d").await;
    b.wait_for("#dash-title").await;
    b.press("g").await;
    b.wait_for("#gap-title").await;
    b.close().await;
}
