//! Whose assessment it is, shown up front: the small form that asks a new assessment's
//! organisation and project at its first open (skippable), the line naming them in the header
//! of every assessment page, the dashboard's block, and the browser tab's title.

use leptos::prelude::*;

use maturity_core::assess::identity::identity_line;
use maturity_core::text::i18n::{self, clarity};
use maturity_core::view::route::Route;

use crate::ui::state::{use_workbook, Workbook};
use crate::web::browser;

/// The page title: "某银行 · 手机银行App — 成熟度自评工作簿" on an assessment's pages (its name
/// when neither is given), the workbook's name elsewhere. Reads the route, the open assessment
/// and the language (subscribing to them).
pub fn page_title(wb: Workbook) -> String {
    let lang = wb.lang.get();
    let app = i18n::APP_TITLE.get(lang);
    let in_assessment = wb.route.with(|r| r.assessment().is_some());
    let who = in_assessment
        .then(|| wb.with_current(|c| c.map(|a| identity_line(a).unwrap_or_else(|| a.name.clone()))))
        .flatten()
        .filter(|w| !w.trim().is_empty());
    match who {
        Some(who) => clarity::PAGE_TITLE.fmt(lang, &[("who", &who), ("app", &app)]),
        None => app.to_string(),
    }
}

/// Keeps the browser tab's title on whose assessment is open.
pub fn follow_page_title(wb: Workbook) {
    Effect::new(move |_| browser::set_title(&page_title(wb)));
}

/// The organisation and project under the assessment's name in the header of its pages.
#[component]
pub fn IdentityLine() -> impl IntoView {
    let wb = use_workbook();
    let line = Memo::new(move |_| wb.with_current(|c| c.and_then(identity_line)));
    move || match line.get() {
        Some(l) => view! {
            <p class="assessment-identity" data-identity-line="">
                {l}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="assessment-identity muted" data-identity-line="">
                <a href=move || {
                    Route::Project(wb.current_id().unwrap_or_default()).href()
                }>{move || wb.t(clarity::IDENTITY_MISSING)}</a>
            </p>
        }
        .into_any(),
    }
}

/// The dashboard's statement of whose assessment it is: the registration form's organisation
/// and project, as an assessor landing on a received document reads them first.
#[component]
pub fn DashboardIdentity() -> impl IntoView {
    let wb = use_workbook();
    let fields = Memo::new(move |_| {
        wb.with_current(|c| c.map(|a| (a.project.organisation.clone(), a.project.project.clone())))
            .unwrap_or_default()
    });
    let value = move |v: String| {
        if v.trim().is_empty() {
            view! { <dd class="muted">"—"</dd> }.into_any()
        } else {
            view! { <dd>{v}</dd> }.into_any()
        }
    };
    view! {
        <dl class="dash-identity" data-dashboard-identity="">
            <dt>{move || wb.t(i18n::PF_ORGANISATION)}</dt>
            {move || value(fields.get().0)}
            <dt>{move || wb.t(i18n::PF_PROJECT)}</dt>
            {move || value(fields.get().1)}
        </dl>
    }
}

/// Asks a new assessment's organisation and project once, at its first open: saved or skipped,
/// it is not asked again (the registration form on the project page keeps them editable).
#[component]
pub fn IdentityForm() -> impl IntoView {
    let wb = use_workbook();
    let organisation = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    move || {
        wb.identity_pending().then(|| {
            view! {
                <form
                    class="card identity-form no-print"
                    data-identity=""
                    aria-labelledby="identity-title"
                    on:submit=move |e| {
                        e.prevent_default();
                        wb.save_identity(&organisation.get_untracked(), &project.get_untracked());
                    }
                >
                    <h2 id="identity-title">{move || wb.t(clarity::IDENTITY_TITLE)}</h2>
                    <p class="hint">{move || wb.t(clarity::IDENTITY_HINT)}</p>
                    <div class="identity-fields">
                        <div class="field">
                            <label for="identity-organisation">
                                {move || wb.t(i18n::PF_ORGANISATION)}
                            </label>
                            <input
                                id="identity-organisation"
                                name="organisation"
                                type="text"
                                autocomplete="organization"
                                prop:value=move || organisation.get()
                                on:input=move |e| organisation.set(event_target_value(&e))
                            />
                        </div>
                        <div class="field">
                            <label for="identity-project">{move || wb.t(i18n::PF_PROJECT)}</label>
                            <input
                                id="identity-project"
                                name="project"
                                type="text"
                                prop:value=move || project.get()
                                on:input=move |e| project.set(event_target_value(&e))
                            />
                        </div>
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary" data-action="identity-save">
                            {move || wb.t(i18n::SAVE)}
                        </button>
                        <button
                            type="button"
                            data-action="identity-skip"
                            on:click=move |_| wb.skip_identity()
                        >
                            {move || wb.t(i18n::SKIP)}
                        </button>
                    </div>
                </form>
            }
        })
    }
}
