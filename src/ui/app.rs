//! The application root: start-up, navigation by URL hash, the page frame, keyboard shortcuts,
//! drag and drop of files, and the wiring of storage events.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use maturity_core::assess::assessment::Edit;
use maturity_core::model::validate::load_trusted_model;
use maturity_core::model::LoadedModel;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::text::i18n;
use maturity_core::text::Lang;
use maturity_core::view::keys::{self, Command};
use maturity_core::view::route::{self, Route};

use crate::ui::dashboard::Dashboard;
use crate::ui::document::{DocumentBar, MeetingDialog, MergeDialog, NameDialog};
use crate::ui::downloads::download_raw;
use crate::ui::export::{ExportMenu, SharePage};
use crate::ui::gapview::GapView;
use crate::ui::help::HelpDialog;
use crate::ui::home::Home;
use crate::ui::hooks::Settled;
use crate::ui::identity::{follow_page_title, IdentityForm, IdentityLine};
use crate::ui::import::{start_import, ImportPanel, ImportPreview, ImportState};
use crate::ui::item::{clear_answer, ItemPage};
use crate::ui::models::ModelsPage;
use crate::ui::plan::PlanView;
use crate::ui::portfolio::PortfolioPage;
use crate::ui::project::ProjectView;
use crate::ui::report::ReportPage;
use crate::ui::review::{ReviewBanner, UndoButtons};
use crate::ui::state::{use_workbook, Documents, Workbook};
use crate::ui::tree::Outline;
use crate::ui::widgets::{Notices, StorageAlert, ToastView};
use crate::web::{browser, files, storage};

/// The first sub-item of the open assessment's model.
fn first_item(wb: Workbook) -> Option<String> {
    wb.model.get_untracked().map(|m| m.item(0).code.clone())
}

/// Resolves a route: opens the assessment it names, and turns `#/` into a concrete place.
fn navigate(wb: Workbook, route: Route) {
    let route = match route {
        Route::Start => {
            let to = match wb.last_opened() {
                Some(id) => {
                    let code = wb
                        .last_item(&id)
                        .or_else(|| wb.open(&id).ok().and_then(|()| first_item(wb)));
                    match code {
                        Some(code) => Route::Item(id, code),
                        None => Route::Dashboard(id),
                    }
                }
                None => Route::Home,
            };
            browser::replace_hash(&to.href());
            to
        }
        other => other,
    };
    if let Some(id) = route.assessment() {
        if wb.open(id).is_ok() {
            if let Route::Item(id, code) = &route {
                wb.remember_item(id, code);
            }
        }
    }
    if wb.route.get_untracked() != route {
        browser::scroll_to_top();
    }
    wb.route.set(route);
}

#[component]
pub fn App() -> impl IntoView {
    browser::mark("wb-model-parse-start");
    let loaded = load_trusted_model(EMBEDDED_MODEL).map_err(|p| vec![p]);
    browser::mark("wb-model-parse-end");
    browser::measure(
        "wb-model-parsed",
        "wb-model-parse-start",
        "wb-model-parse-end",
    );
    let embedded = match loaded {
        Ok(m) => Arc::new(m),
        Err(problems) => {
            // Only a broken build gets here; the text is for its developer.
            let text = problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.message(Lang::default())))
                .collect::<Vec<_>>()
                .join("\n");
            return view! { <pre role="alert">{text}</pre> }.into_any();
        }
    };
    let (store, storage_ok) = storage::open_store();
    let wb = Workbook::new(embedded, store, storage_ok);
    provide_context(wb);
    let import = RwSignal::new(None);
    provide_context(ImportState(import));
    let docs = Documents::new();
    provide_context(docs);
    let settled = RwSignal::new(false);
    provide_context(Settled(settled));
    request_animation_frame(move || request_animation_frame(move || settled.set(true)));
    wb.load();
    if !wb.has_saved_language() {
        wb.lang
            .set(Lang::from_browser_tag(&browser::browser_language()));
    }
    // A workbook document opens on its assessment's dashboard (a hostile or broken one shows
    // its problems like an import and changes nothing).
    let mut first = route::parse(&browser::location_hash());
    match wb.open_embedded(docs) {
        Some(Ok(to)) if first == Route::Start => {
            browser::replace_hash(&to.href());
            first = to;
        }
        Some(Err(report)) => import.set(Some(ImportPreview::of_document(report))),
        _ => {}
    }
    // A fresh browser opens straight into a ready default assessment.
    if wb.is_fresh() {
        wb.create_default();
    }
    navigate(wb, first);
    // The browser tab names whose assessment is open.
    follow_page_title(wb);
    // Autosave (when the user turned it on) follows every change of the open assessment.
    Effect::new(move |_| {
        wb.with_current(|c| c.map(|a| a.updated_at.clone()));
        untrack(|| wb.schedule_autosave(docs));
    });

    let hash = window_event_listener(ev::hashchange, move |_| {
        navigate(wb, route::parse(&browser::location_hash()))
    });
    let hide = window_event_listener(ev::pagehide, move |_| wb.flush());
    let visibility = window_event_listener(ev::visibilitychange, move |_| wb.flush());
    let keys = window_event_listener(ev::keydown, move |e| on_key(wb, import, docs, &e));
    // Leaving a text field ends what undo takes back as one step of typing.
    let left_field = window_event_listener(ev::focusout, move |_| wb.seal_typing());
    on_cleanup(move || {
        hash.remove();
        hide.remove();
        visibility.remove();
        keys.remove();
        left_field.remove();
    });
    storage::watch(move |key, value| wb.on_storage_event(key, value));
    Effect::new(move |_| {
        let lang = wb.lang.get();
        browser::set_document_lang(lang.tag());
        wb.save_prefs();
    });
    if storage_ok {
        let persisted = wb.persisted;
        leptos::task::spawn_local(async move {
            persisted.set(storage::request_persistence().await);
        });
    }
    browser::remove_boot_message();

    view! {
        <div
            class="app"
            data-mode=move || {
                let open = wb.route.get().assessment().is_some();
                if open && wb.reviewing() { "review" } else { "edit" }
            }
            on:dragover=|e: ev::DragEvent| e.prevent_default()
            on:drop=move |e: ev::DragEvent| {
                e.prevent_default();
                if let Some(f) = files::first_file_of_drop(&e) {
                    start_import(wb, import, f);
                }
            }
        >
            <a
                class="skip-link"
                href="#main"
                on:click=|e| {
                    e.prevent_default();
                    browser::focus_id("main");
                }
            >
                {move || wb.t(i18n::SKIP_TO_MAIN)}
            </a>
            <div class="sticky-top no-print">
                <TopBar />
                <StorageAlert />
            </div>
            <Notices />
            <RouteView />
            <ToastView />
            <HelpDialog />
            <ImportPanel />
            <NameDialog />
            <MeetingDialog />
            <MergeDialog />
        </div>
    }
    .into_any()
}

/// The title, the main navigation, help and the language switch.
#[component]
fn TopBar() -> impl IntoView {
    let wb = use_workbook();
    let here = move |r: Route| move || (wb.route.get() == r).then_some("page");
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="title">{move || wb.t(i18n::APP_TITLE)}</span>
                <span class="subtitle">{move || wb.t(i18n::APP_SUBTITLE)}</span>
            </div>
            <nav class="topnav" aria-label=move || wb.t(i18n::MAIN_NAV)>
                <a href=Route::Home.href() aria-current=here(Route::Home)>
                    {move || wb.t(i18n::HOME)}
                </a>
                <a href=Route::Models.href() aria-current=here(Route::Models)>
                    {move || wb.t(i18n::MODELS)}
                </a>
                <a href=Route::Portfolio.href() aria-current=here(Route::Portfolio)>
                    {move || wb.t(i18n::PORTFOLIO)}
                </a>
            </nav>
            <span class="spacer"></span>
            <button
                type="button"
                class="help-button"
                data-action="help"
                aria-label=move || wb.t(i18n::SHORTCUTS)
                on:click=move |_| wb.help_open.set(true)
            >
                "?"
            </button>
            <button
                type="button"
                class="lang-switch"
                data-action="language"
                aria-label=move || wb.t(i18n::SWITCH_LANGUAGE_LABEL)
                on:click=move |_| wb.lang.update(|l| *l = l.next())
            >
                {move || wb.t(i18n::SWITCH_LANGUAGE)}
            </button>
        </header>
    }
}

fn main_view(content: AnyView) -> AnyView {
    view! {
        <main id="main" tabindex="-1" class="main">
            {content}
        </main>
    }
    .into_any()
}

#[component]
fn RouteView() -> impl IntoView {
    let wb = use_workbook();
    let current_id = Memo::new(move |_| wb.current_id_tracked());
    move || {
        let route = wb.route.get();
        match &route {
            Route::Start => main_view(view! { <p>{move || wb.t(i18n::LOADING)}</p> }.into_any()),
            Route::Home | Route::Import => main_view(view! { <Home /> }.into_any()),
            Route::Models => main_view(view! { <ModelsPage /> }.into_any()),
            Route::Portfolio => main_view(view! { <PortfolioPage /> }.into_any()),
            Route::NotFound(_) => not_found(wb),
            _ => {
                let id = route.assessment().unwrap_or_default().to_string();
                if let Some(key) = wb.damaged(&id) {
                    return damaged(wb, id, key);
                }
                let (Some(model), true) = (
                    wb.model.get(),
                    current_id.get().as_deref() == Some(id.as_str()),
                ) else {
                    return not_found(wb);
                };
                assessment_view(route, model)
            }
        }
    }
}

fn not_found(wb: Workbook) -> AnyView {
    main_view(
        view! {
            <h1>{move || wb.t(i18n::NOT_FOUND_TITLE)}</h1>
            <p>{move || wb.t(i18n::NOT_FOUND)}</p>
            <a class="button" href=Route::Home.href()>
                {move || wb.t(i18n::HOME)}
            </a>
        }
        .into_any(),
    )
}

/// The page of an assessment none of whose revisions can be read: what happened, and its text
/// to download.
fn damaged(wb: Workbook, id: String, key: String) -> AnyView {
    let hook = id.clone();
    main_view(
        view! {
            <section class="damaged" data-damaged=hook>
                <h1>{move || wb.t(i18n::DAMAGED_TITLE)}</h1>
                <p>{move || i18n::DAMAGED.fmt(wb.lang.get(), &[("id", &id)])}</p>
                <div class="actions">
                    <button
                        type="button"
                        class="primary"
                        data-action="download-damaged"
                        on:click=move |_| download_raw(wb, &key)
                    >
                        {move || wb.t(i18n::DOWNLOAD_RAW)}
                    </button>
                    <a class="button" href=Route::Home.href()>
                        {move || wb.t(i18n::HOME)}
                    </a>
                </div>
            </section>
        }
        .into_any(),
    )
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
        // In the same frame as the other tabs (the outline is not printed), so switching to
        // the report moves nothing on the page.
        Route::Report(_) => view! { <ReportPage model=Arc::clone(&model) /> }.into_any(),
        _ => view! { <Dashboard model=Arc::clone(&model) /> }.into_any(),
    };
    view! {
        <div class="workbook">
            <Outline />
            <main id="main" tabindex="-1" class="main">
                <AssessmentHeader route=route.clone() />
                <IdentityForm />
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
    let name =
        Memo::new(move |_| wb.with_current(|c| c.map(|a| a.name.clone()).unwrap_or_default()));
    let id = route.assessment().unwrap_or_default().to_string();
    let answer_href = {
        let id = id.clone();
        move || {
            let code = wb
                .last_item(&id)
                .or_else(|| first_item(wb))
                .unwrap_or_default();
            Route::Item(id.clone(), code).href()
        }
    };
    let tab = |to: Route, text: i18n::T| {
        let active = std::mem::discriminant(&to) == std::mem::discriminant(&route);
        view! {
            <a href=to.href() aria-current=active.then_some("page")>
                {move || wb.t(text)}
            </a>
        }
    };
    let is_item = matches!(route, Route::Item(..));
    view! {
        <div class="assessment-head no-print">
            <div class="assessment-title">
                <p class="assessment-name">{move || name.get()}</p>
                <IdentityLine />
            </div>
            <nav class="tabs" aria-label=move || wb.t(i18n::ASSESSMENT_NAV)>
                {tab(Route::Dashboard(id.clone()), i18n::DASHBOARD)}
                <a href=answer_href aria-current=is_item.then_some("page")>
                    {move || wb.t(i18n::ANSWER_TAB)}
                </a>
                {tab(Route::Gap(id.clone()), i18n::GAP)}
                {tab(Route::Evidence(id.clone()), i18n::EVIDENCE_PLAN)}
                {tab(Route::Project(id.clone()), i18n::PROJECT_INFO)}
                {tab(Route::Report(id.clone()), i18n::REPORT)}
                {tab(Route::Share(id.clone()), i18n::SHARE)}
            </nav>
            <UndoButtons />
            <ExportMenu />
            <DocumentBar />
        </div>
        <ReviewBanner />
    }
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
        match browser::data_values("req-row").into_iter().next() {
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
    import: RwSignal<Option<ImportPreview>>,
    docs: Documents,
    e: &web_sys::KeyboardEvent,
) {
    if e.default_prevented() {
        return;
    }
    let route = wb.route.get_untracked();
    let rows = browser::data_values("req-row");
    let context = keys::Context {
        command_key: e.ctrl_key() || e.meta_key(),
        alt: e.alt_key(),
        typing: browser::typing_in_field(),
        in_assessment: route.assessment().is_some(),
        has_requirements: !rows.is_empty(),
        shift: e.shift_key(),
        review: wb.reviewing_untracked(),
    };
    let Some(command) = keys::command(&e.key(), context) else {
        return;
    };
    if run(wb, import, docs, command, &route, &rows) {
        e.prevent_default();
    }
}

/// Carries out a keyboard command; false when it did not apply here.
fn run(
    wb: Workbook,
    import: RwSignal<Option<ImportPreview>>,
    docs: Documents,
    command: Command,
    route: &Route,
    rows: &[String],
) -> bool {
    let id = route.assessment().map(str::to_string).unwrap_or_default();
    let focused = browser::focused_data("req-row");
    let at = focused
        .as_ref()
        .and_then(|c| rows.iter().position(|r| r == c));
    match command {
        Command::ToggleHelp => wb.help_open.update(|o| *o = !*o),
        Command::Close => {
            wb.help_open.set(false);
            import.set(None);
            docs.merge.set(None);
            return false;
        }
        Command::NextRequirement | Command::PreviousRequirement => {
            let forward = command == Command::NextRequirement;
            match keys::step(at, rows.len(), forward) {
                Some(to) => focus_row(&rows[to]),
                None => return false,
            }
        }
        Command::Answer(status) => {
            let p = at.unwrap_or(0);
            wb.commit(Edit::Answer {
                req: rows[p].clone(),
                status: Some(status),
            });
            // Synchronously: a deferred move could pull focus back after the next key.
            focus_row(&rows[keys::after_answer(p, rows.len(), status)]);
        }
        Command::Clear => clear_answer(wb, &rows[at.unwrap_or(0)]),
        Command::Comment => {
            let Some(p) = at else { return false };
            let row = rows[p].clone();
            wb.comment_for.set(Some(row.clone()));
            request_animation_frame(move || browser::focus_id(&format!("comment-{row}")));
        }
        Command::NextItem | Command::PreviousItem => {
            let Some(model) = wb.model.get_untracked() else {
                return false;
            };
            let here = match route {
                Route::Item(_, code) => model.find_item(code),
                _ => None,
            };
            let forward = command == Command::NextItem;
            if let Some(to) = keys::item_step(here, model.item_count(), forward) {
                // The next page may reuse this page's elements; let go of the focus so the
                // new page puts it on its first requirement.
                browser::blur_active();
                let code = model.item(to).code.clone();
                browser::go(&Route::Item(id, code.clone()).href());
                focus_first_requirement_of(code, 60);
            }
        }
        Command::Dashboard => browser::go(&Route::Dashboard(id).href()),
        Command::Gap => browser::go(&Route::Gap(id).href()),
        Command::Evidence => browser::go(&Route::Evidence(id).href()),
        Command::Home => browser::go(&Route::Home.href()),
        Command::Save => wb.save(docs, false),
        Command::Undo => wb.undo(),
        Command::Redo => wb.redo(),
    }
    true
}
