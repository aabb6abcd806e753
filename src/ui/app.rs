//! The application root: start-up, routing by URL hash, and the page frame.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use crate::core::assessment::{Assessment, DEFAULT_TARGET};
use crate::core::i18n;
use crate::core::record::{self, Index, Prefs};
use crate::core::route::{self, Route};
use crate::core::text::Lang;
use crate::core::validate::load_model;
use crate::core::EMBEDDED_MODEL;
use crate::ui::item::ItemPage;
use crate::ui::state::{use_workbook, Workbook};
use crate::ui::tree::Outline;
use crate::web::{browser, storage};

fn key(k: &str) -> String {
    format!("{}{k}", storage::PREFIX)
}

#[component]
pub fn App() -> impl IntoView {
    browser::mark("wb-model-parse-start");
    let loaded = load_model(EMBEDDED_MODEL);
    browser::mark("wb-model-parse-end");
    browser::measure(
        "wb-model-parsed",
        "wb-model-parse-start",
        "wb-model-parse-end",
    );
    let model = match loaded {
        Ok(m) => Arc::new(m),
        Err(problems) => {
            let text = problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.message(Lang::En)))
                .collect::<Vec<_>>()
                .join("\n");
            return view! { <pre role="alert">{text}</pre> }.into_any();
        }
    };
    let prefs: Prefs = storage::get(&key(record::PREFS_KEY))
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let lang = prefs
        .lang
        .unwrap_or_else(|| Lang::from_browser_tag(&browser::browser_language()));
    let index: Index = storage::get(&key(record::INDEX_KEY))
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let existing = index
        .current
        .as_deref()
        .and_then(|id| {
            storage::get(&key(&record::assessment_key(id)))
                .ok()
                .flatten()
        })
        .and_then(|t| record::decode(&t, &model));
    let assessment = existing.unwrap_or_else(|| {
        Assessment::new(
            browser::new_id(),
            i18n::DEFAULT_ASSESSMENT_NAME.get(lang),
            &model,
            DEFAULT_TARGET,
            lang,
            &browser::now_iso(),
        )
    });
    let wb = Workbook::new(
        model,
        assessment,
        lang,
        route::parse(&browser::location_hash()),
    );
    provide_context(wb);

    // Persist every change at once.
    Effect::new(move |_| {
        wb.assessment.with(|a| {
            let _ = storage::set(&key(&record::assessment_key(&a.id)), &record::encode(a));
            let index = Index {
                schema: 1,
                assessments: vec![a.id.clone()],
                current: Some(a.id.clone()),
            };
            let _ = storage::set(
                &key(record::INDEX_KEY),
                &serde_json::to_string(&index).unwrap_or_default(),
            );
        });
    });
    Effect::new(move |_| {
        let lang = wb.lang.get();
        browser::set_document_lang(lang.tag());
        let _ = storage::set(
            &key(record::PREFS_KEY),
            &serde_json::to_string(&Prefs { lang: Some(lang) }).unwrap_or_default(),
        );
    });

    let handle = window_event_listener(ev::hashchange, move |_| {
        wb.route.set(route::parse(&browser::location_hash()));
    });
    on_cleanup(move || handle.remove());

    // No hash: open the first sub-item so a newcomer can start answering at once.
    Effect::new(move |_| {
        if wb.route.get() == Route::Start {
            let first = wb.model.with_value(|m| m.item(0).code.clone());
            let to = Route::Item(wb.assessment.with_untracked(|a| a.id.clone()), first);
            browser::replace_hash(&to.href());
            wb.route.set(to);
        }
    });
    browser::remove_boot_message();

    view! {
        <div class="app">
            <header class="topbar">
                <div class="brand">
                    <span class="title">{move || wb.t(i18n::APP_TITLE)}</span>
                    <span class="subtitle">{move || wb.t(i18n::APP_SUBTITLE)}</span>
                </div>
                <button
                    type="button"
                    class="lang-switch"
                    aria-label=move || wb.t(i18n::SWITCH_LANGUAGE_LABEL)
                    on:click=move |_| wb.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
                >
                    {move || wb.t(i18n::SWITCH_LANGUAGE)}
                </button>
            </header>
            <div class="workbook">
                <Outline />
                <main id="main" class="main">
                    <RouteView />
                </main>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn RouteView() -> impl IntoView {
    let wb = use_workbook();
    let item = Memo::new(move |_| match wb.route.get() {
        Route::Item(_, code) => wb.model.with_value(|m| m.find_item(&code)),
        _ => None,
    });
    move || match item.get() {
        Some(i) => view! { <ItemPage item=i /> }.into_any(),
        None => view! { <p>{move || wb.t(i18n::NOT_FOUND)}</p> }.into_any(),
    }
}
