//! The application root: start-up, navigation by URL hash, the page frame, keyboard shortcuts,
//! drag and drop of files, and the wiring of storage events.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::assessment::{Edit, Status};
use crate::core::i18n;
use crate::core::model::LoadedModel;
use crate::core::route::{self, Route};
use crate::core::text::Lang;
use crate::core::validate::load_model;
use crate::core::EMBEDDED_MODEL;
use crate::ui::dashboard::Dashboard;
use crate::ui::export::{ExportMenu, SharePage};
use crate::ui::gapview::GapView;
use crate::ui::help::HelpDialog;
use crate::ui::home::Home;
use crate::ui::import::{start_import, ImportPanel, ImportState};
use crate::ui::item::{clear_answer, ItemPage};
use crate::ui::models::ModelsPage;
use crate::ui::plan::PlanView;
use crate::ui::project::ProjectView;
use crate::ui::report::ReportPage;
use crate::ui::state::{use_workbook, Workbook};
use crate::ui::tree::Outline;
use crate::ui::widgets::{Notices, StorageAlert, ToastView};
use crate::web::{browser, files, storage};

/// Resolves a route: opens the assessment it names, and turns `#/` into a concrete place.
fn navigate(wb: Workbook, route: Route) {
    let route = match route {
        Route::Start => match wb.last_opened() {
            Some(id) => {
                let code = wb.last_item(&id).or_else(|| {
                    wb.open(&id)
                        .then(|| wb.model.get_untracked().map(|m| m.item(0).code.clone()))
                        .flatten()
                });
                let to = match code {
                    Some(code) => Route::Item(id, code),
                    None => Route::Dashboard(id),
                };
                browser::replace_hash(&to.href());
                to
            }
            None => {
                browser::replace_hash(&Route::Home.href());
                Route::Home
            }
        },
        other => other,
    };
    if let Some(id) = route.assessment() {
        if wb.open(id) {
            if let Route::Item(id, code) = &route {
                wb.remember_item(id, code);
            }
        }
    }
    if wb.route.get_untracked() != route {
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
    wb.route.set(route);
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
    let embedded = match loaded {
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
    let (store, storage_ok) = storage::open_store();
    let wb = Workbook::new(embedded, store, storage_ok, Route::Start);
    provide_context(wb);
    let import = RwSignal::new(None);
    provide_context(ImportState(import));
    wb.load();
    let had_lang =
        wb.lang.get_untracked() != Lang::Zh || wb.summaries.with_untracked(|s| !s.is_empty());
    if !had_lang {
        wb.lang
            .set(Lang::from_browser_tag(&browser::browser_language()));
    }
    // A fresh browser opens straight into a ready default assessment.
    if wb.summaries.with_untracked(|s| s.is_empty()) && wb.trash.with_untracked(|t| t.is_empty()) {
        wb.create_default();
    }
    navigate(wb, route::parse(&browser::location_hash()));

    let hash = window_event_listener(ev::hashchange, move |_| {
        navigate(wb, route::parse(&browser::location_hash()))
    });
    let hide = window_event_listener(ev::pagehide, move |_| wb.flush());
    let visibility = window_event_listener(ev::visibilitychange, move |_| wb.flush());
    let keys = window_event_listener(ev::keydown, move |e| on_key(wb, import, &e));
    on_cleanup(move || {
        hash.remove();
        hide.remove();
        visibility.remove();
        keys.remove();
    });
    storage::watch(move |key, value| wb.on_storage_event(key, value));
    Effect::new(move |_| {
        let lang = wb.lang.get();
        browser::set_document_lang(lang.tag());
        wb.save_prefs();
    });
    if storage_ok {
        wb.request_persistence();
    }
    browser::remove_boot_message();

    view! {
        <div
            class="app"
            on:dragover=|e: ev::DragEvent| e.prevent_default()
            on:drop=move |e: ev::DragEvent| {
                e.prevent_default();
                if let Some(f) = files::first_file_of_drop(&e) {
                    start_import(wb, import, f);
                }
            }
        >
            <a class="skip-link" href="#main" on:click=|e| { e.prevent_default(); browser::focus_id("main"); }>
                {move || wb.t(i18n::SKIP_TO_MAIN)}
            </a>
            <div class="sticky-top no-print">
            <header class="topbar">
                <div class="brand">
                    <span class="title">{move || wb.t(i18n::APP_TITLE)}</span>
                    <span class="subtitle">{move || wb.t(i18n::APP_SUBTITLE)}</span>
                </div>
                <nav class="topnav" aria-label=move || wb.t(i18n::MAIN_NAV)>
                    <a href=Route::Home.href() aria-current=move || (wb.route.get() == Route::Home).then_some("page")>{move || wb.t(i18n::HOME)}</a>
                    <a href=Route::Models.href() aria-current=move || (wb.route.get() == Route::Models).then_some("page")>{move || wb.t(i18n::MODELS)}</a>
                </nav>
                <span class="spacer"></span>
                <button type="button" class="help-button" data-action="help" aria-label=move || wb.t(i18n::SHORTCUTS)
                    on:click=move |_| wb.help_open.set(true)>"?"</button>
                <button type="button" class="lang-switch" data-action="language" aria-label=move || wb.t(i18n::SWITCH_LANGUAGE_LABEL)
                    on:click=move |_| wb.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })>
                    {move || wb.t(i18n::SWITCH_LANGUAGE)}
                </button>
            </header>
            <StorageAlert />
            </div>
            <Notices />
            <RouteView />
            <ToastView />
            <HelpDialog />
            <ImportPanel />
        </div>
    }
    .into_any()
}

#[component]
fn RouteView() -> impl IntoView {
    let wb = use_workbook();
    let current_id = Memo::new(move |_| wb.current.with(|c| c.as_ref().map(|a| a.id.clone())));
    move || {
        let route = wb.route.get();
        match &route {
            Route::Start => view! { <main id="main" tabindex="-1" class="main"><p>{move || wb.t(i18n::LOADING)}</p></main> }.into_any(),
            Route::Home | Route::Import => view! { <main id="main" tabindex="-1" class="main"><Home /></main> }.into_any(),
            Route::Models => view! { <main id="main" tabindex="-1" class="main"><ModelsPage /></main> }.into_any(),
            Route::NotFound(_) => not_found(wb),
            _ => {
                let id = route.assessment().unwrap_or_default().to_string();
                let (Some(model), true) = (wb.model.get(), current_id.get().as_deref() == Some(id.as_str())) else {
                    return not_found(wb);
                };
                assessment_view(route, model)
            }
        }
    }
}

fn not_found(wb: Workbook) -> AnyView {
    view! {
        <main id="main" tabindex="-1" class="main">
            <h1>{move || wb.t(i18n::NOT_FOUND_TITLE)}</h1>
            <p>{move || wb.t(i18n::NOT_FOUND)}</p>
            <a class="button" href=Route::Home.href()>{move || wb.t(i18n::HOME)}</a>
        </main>
    }
    .into_any()
}

fn assessment_view(route: Route, model: Arc<LoadedModel>) -> AnyView {
    let content = match &route {
        Route::Item(_, code) => match model.find_item(code) {
            // Keyed by sub-item: another sub-item gets fresh elements instead of this page's
            // elements rewritten in place (which would carry focus and field state across).
            Some(i) => {
                let m = Arc::clone(&model);
                view! {
                    <For each=move || [i] key=|i| *i let:i>
                        <ItemPage model=Arc::clone(&m) item=i />
                    </For>
                }
                .into_any()
            }
            None => view! { <p role="alert">{code.clone()}</p> }.into_any(),
        },
        Route::Gap(_) => view! { <GapView model=Arc::clone(&model) /> }.into_any(),
        Route::Evidence(_) => view! { <PlanView model=Arc::clone(&model) /> }.into_any(),
        Route::Project(_) => view! { <ProjectView /> }.into_any(),
        Route::Share(_) => view! { <SharePage /> }.into_any(),
        Route::Report(_) => {
            return view! {
                <main id="main" tabindex="-1" class="main report-main">
                    <AssessmentHeader route=route.clone() />
                    <ReportPage model=Arc::clone(&model) />
                </main>
            }
            .into_any()
        }
        _ => view! { <Dashboard model=Arc::clone(&model) /> }.into_any(),
    };
    view! {
        <div class="workbook">
            <Outline />
            <main id="main" tabindex="-1" class="main">
                <AssessmentHeader route=route.clone() />
                {content}
            </main>
        </div>
    }
    .into_any()
}

/// The assessment's name and its views as tabs, with the export menu.
#[component]
fn AssessmentHeader(route: Route) -> impl IntoView {
    let wb = use_workbook();
    let name = Memo::new(move |_| {
        wb.current
            .with(|c| c.as_ref().map(|a| a.name.clone()).unwrap_or_default())
    });
    let id = route.assessment().unwrap_or_default().to_string();
    let answer_href = {
        let id = id.clone();
        move || {
            let code = wb
                .last_item(&id)
                .or_else(|| wb.model.get_untracked().map(|m| m.item(0).code.clone()))
                .unwrap_or_default();
            Route::Item(id.clone(), code).href()
        }
    };
    let tab = |to: Route, text: i18n::T, active: bool| {
        view! { <a href=to.href() aria-current=active.then_some("page")>{move || wb.t(text)}</a> }
    };
    let is_item = matches!(route, Route::Item(..));
    view! {
        <div class="assessment-head no-print">
            <p class="assessment-name">{move || name.get()}</p>
            <nav class="tabs" aria-label=move || wb.t(i18n::ASSESSMENT_NAV)>
                {tab(Route::Dashboard(id.clone()), i18n::DASHBOARD, matches!(route, Route::Dashboard(_)))}
                <a href=answer_href aria-current=is_item.then_some("page")>{move || wb.t(i18n::ANSWER_TAB)}</a>
                {tab(Route::Gap(id.clone()), i18n::GAP, matches!(route, Route::Gap(_)))}
                {tab(Route::Evidence(id.clone()), i18n::EVIDENCE_PLAN, matches!(route, Route::Evidence(_)))}
                {tab(Route::Project(id.clone()), i18n::PROJECT_INFO, matches!(route, Route::Project(_)))}
                {tab(Route::Report(id.clone()), i18n::REPORT, matches!(route, Route::Report(_)))}
                {tab(Route::Share(id.clone()), i18n::SHARE, matches!(route, Route::Share(_)))}
            </nav>
            <ExportMenu />
        </div>
    }
}

/// The requirement rows on the page, in order.
fn requirement_rows() -> Vec<String> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(list) = doc.query_selector_all("[data-req-row]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-req-row"))
        .collect()
}

/// Once the page of sub-item `code` is on screen, puts focus on its first requirement: checked
/// frame by frame, at most `frames` times, and only if focus is not already on one of its
/// requirements (the user may have moved on meanwhile).
fn focus_first_requirement_of(code: String, frames: u32) {
    request_animation_frame(move || {
        let prefix = format!("{code}-L");
        if browser::focused_data("req-row").is_some_and(|r| r.starts_with(&prefix)) {
            return;
        }
        match requirement_rows().into_iter().next() {
            Some(first) if first.starts_with(&prefix) => focus_row(&first),
            _ if frames > 0 => focus_first_requirement_of(code, frames - 1),
            _ => {}
        }
    });
}

fn focus_row(id: &str) {
    browser::focus_id(&format!("req-{id}"));
}

fn on_key(
    wb: Workbook,
    import: RwSignal<Option<crate::ui::import::ImportPreview>>,
    e: &web_sys::KeyboardEvent,
) {
    if e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented() {
        return;
    }
    let key = e.key();
    if key == "Escape" {
        wb.help_open.set(false);
        import.set(None);
        return;
    }
    if browser::typing_in_field() {
        return;
    }
    let route = wb.route.get_untracked();
    let id = route.assessment().map(str::to_string);
    let rows = requirement_rows();
    let current = browser::focused_data("req-row");
    let position = current
        .as_ref()
        .and_then(|c| rows.iter().position(|r| r == c));
    let mut handled = true;
    match key.as_str() {
        "?" => wb.help_open.update(|o| *o = !*o),
        "j" | "k" if !rows.is_empty() => {
            let next = match (position, key.as_str()) {
                (None, _) => 0,
                (Some(p), "j") => (p + 1).min(rows.len() - 1),
                (Some(p), _) => p.saturating_sub(1),
            };
            focus_row(&rows[next]);
        }
        "1" | "2" | "3" | "4" if !rows.is_empty() => {
            let status = [
                Status::Met,
                Status::Partial,
                Status::NotMet,
                Status::NotApplicable,
            ][key.parse::<usize>().unwrap_or(1) - 1];
            let p = position.unwrap_or(0);
            wb.commit(Edit::Answer {
                req: rows[p].clone(),
                status: Some(status),
            });
            // Move on to the next requirement, as in a paper form; stay on N/A so its reason
            // can be given.
            let next = if status == Status::NotApplicable {
                p
            } else {
                (p + 1).min(rows.len() - 1)
            };
            // Synchronously: a deferred move could pull focus back after the next key.
            focus_row(&rows[next]);
        }
        "0" if !rows.is_empty() => clear_answer(wb, &rows[position.unwrap_or(0)]),
        "c" => {
            if let Some(p) = position {
                let row = rows[p].clone();
                let doc = web_sys::window().and_then(|w| w.document());
                if doc
                    .as_ref()
                    .and_then(|d| d.get_element_by_id(&format!("comment-{row}")))
                    .is_none()
                {
                    if let Some(b) = doc
                        .and_then(|d| {
                            d.query_selector(&format!("#req-{row} [data-action='comment']"))
                                .ok()
                                .flatten()
                        })
                        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        b.click();
                    }
                }
                request_animation_frame(move || browser::focus_id(&format!("comment-{row}")));
            } else {
                handled = false;
            }
        }
        "]" | "[" | "n" | "p" => {
            let Some(model) = wb.model.get_untracked() else {
                return;
            };
            let Some(id) = id.clone() else { return };
            let here = match &route {
                Route::Item(_, code) => model.find_item(code),
                _ => None,
            };
            let forward = key == "]" || key == "n";
            let to = match here {
                Some(i) if forward => (i + 1 < model.item_count()).then_some(i + 1),
                Some(i) => i.checked_sub(1),
                None => Some(0),
            };
            if let Some(to) = to {
                // The next page may reuse this page's elements; let go of the focus so the
                // new page puts it on its first requirement.
                if let Some(active) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = active.blur();
                }
                let code = model.item(to).code.clone();
                browser::go(&Route::Item(id, code.clone()).href());
                focus_first_requirement_of(code, 60);
            }
        }
        "d" | "g" | "e" if id.is_some() => {
            let id = id.clone().unwrap_or_default();
            let to = match key.as_str() {
                "d" => Route::Dashboard(id),
                "g" => Route::Gap(id),
                _ => Route::Evidence(id),
            };
            browser::go(&to.href());
        }
        "h" => browser::go(&Route::Home.href()),
        _ => handled = false,
    }
    if handled {
        e.prevent_default();
    }
}
