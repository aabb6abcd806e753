//! Loading model files: a bad file shows every problem; a good one (the ten-times synthetic
//! model) is listed, kept across reloads, and can carry an assessment.

use maturity_core::model::synthetic::scaled_model_json;
use maturity_core::model::validate::load_model;
use maturity_core::model::EMBEDDED_MODEL;
use serde_json::{json, Value};

use crate::support::Browser;

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_model_file_shows_all_its_problems() {
    let b = Browser::open().await;
    let mut v: Value = serde_json::from_str(EMBEDDED_MODEL).unwrap();
    v["format_version"] = json!(3);
    v["domains"][0]["code"] = json!("BCI");
    v["domains"][1]["capabilities"][0]["items"][0]["levels"][1]["requirements"][0]["text"]["en"] =
        json!("");
    v["domains"][2]["capabilities"][0]["items"][0]["levels"][0]["evidence"][0]["kind"] =
        json!("poster");
    let text = v.to_string();
    let expected = load_model(&text).unwrap_err();
    assert!(expected.len() >= 4);
    let path = b.work_dir().join("bad-model.json");
    std::fs::write(&path, &text).unwrap();
    b.goto_hash("#/models").await;
    b.upload("[data-action='load-model']", &path).await;
    let alert = b.wait_for("[role='alert'][data-model-problems]").await;
    let count = alert.attr("data-model-problems").await.unwrap().unwrap();
    assert_eq!(count, expected.len().to_string(), "every problem is listed");
    let listed = b.find_all("[role='alert'][data-model-problems] li").await;
    assert_eq!(listed.len(), expected.len());
    let shown = b.text("[role='alert'][data-model-problems]").await;
    for p in &expected {
        assert!(shown.contains(&p.path), "{} not shown", p.path);
    }
    assert_eq!(
        b.find_all("[data-model]").await.len(),
        1,
        "the bad model was not loaded"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ten_times_model_loads_persists_and_carries_an_assessment() {
    let b = Browser::open().await;
    let path = b.work_dir().join("model-x10.json");
    std::fs::write(&path, scaled_model_json(EMBEDDED_MODEL, 10)).unwrap();
    // The scaled model keeps the embedded model's version.
    let key = format!(
        "caict-devops-cd-x10@{}",
        load_model(EMBEDDED_MODEL).unwrap().model.version
    );
    b.goto_hash("#/models").await;
    b.upload("[data-action='load-model']", &path).await;
    b.wait_for(&format!("[data-model='{key}']")).await;
    b.goto_hash("#/home").await;
    b.wait_for("#new-model").await;
    b.eval(&format!("const s = document.querySelector('#new-model'); s.value = '{key}'; s.dispatchEvent(new Event('change')); const t = document.querySelector('#new-target'); t.value = '4'; t.dispatchEvent(new Event('change')); return 1;")).await;
    b.wait_for("#new-name")
        .await
        .send_keys("十倍模型")
        .await
        .unwrap();
    b.click("[data-action='new-assessment']").await;
    b.wait_until(
        "70 domains listed",
        "return document.querySelectorAll('nav.outline .outline-domain').length === 70 && !!document.querySelector(\"[data-req='CM-VC-VCS-L2-1']\");",
    )
    .await;
    b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")
        .await;
    b.reload().await;
    b.wait_until(
        "the model came back after a reload",
        "return document.querySelectorAll('nav.outline .outline-domain').length === 70 && !!document.querySelector(\"[data-req='CM-VC-VCS-L2-1']\");",
    )
    .await;
    let target = b.text(".status-target").await;
    assert!(target.contains('4'), "{target}");
    assert!(b.network_requests().await.is_empty());
    b.close().await;
}
