//! Project information: the registration form's fields (主体信息登记表), the assessment's name
//! and its target level.

use leptos::prelude::*;

use maturity_core::assess::assessment::{Edit, ProjectField, TARGET_LEVELS};
use maturity_core::text::i18n;

use crate::ui::state::use_workbook;

#[component]
pub fn ProjectView() -> impl IntoView {
    let wb = use_workbook();
    let name =
        Memo::new(move |_| wb.with_current(|c| c.map(|a| a.name.clone()).unwrap_or_default()));
    let target = wb.target;
    let fields = ProjectField::ALL
        .into_iter()
        .map(|f| {
            let value = Memo::new(move |_| {
                wb.with_current(|c| c.map(|a| a.project.get(f).to_string()).unwrap_or_default())
            });
            let id = format!("pf-{f:?}").to_lowercase();
            let input = if f.is_long() {
                view! {
                    <textarea
                        id=id.clone()
                        rows="3"
                        data-project=format!("{f:?}")
                        disabled=move || wb.reviewing()
                        prop:value=move || value.get()
                        on:input=move |e| {
                            wb.commit_typing(Edit::Project {
                                field: f,
                                value: event_target_value(&e),
                            })
                        }
                    ></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input
                        id=id.clone()
                        type="text"
                        data-project=format!("{f:?}")
                        disabled=move || wb.reviewing()
                        prop:value=move || value.get()
                        on:input=move |e| {
                            wb.commit_typing(Edit::Project {
                                field: f,
                                value: event_target_value(&e),
                            })
                        }
                    />
                }
                .into_any()
            };
            let class = if f.is_long() { "field wide" } else { "field" };
            view! {
                <div class=class>
                    <label for=id>{move || wb.t(f.text())}</label>
                    {input}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="project-view" aria-labelledby="project-title">
            <h1 id="project-title">{move || wb.t(i18n::PROJECT_INFO)}</h1>
            <p class="hint">{move || wb.t(i18n::PROJECT_HINT)}</p>
            <div class="form-grid">
                <div class="field">
                    <label for="assessment-name">{move || wb.t(i18n::ASSESSMENT_NAME)}</label>
                    <input
                        id="assessment-name"
                        disabled=move || wb.reviewing()
                        type="text"
                        prop:value=move || name.get()
                        on:input=move |e| wb.commit_typing(Edit::Rename(event_target_value(&e)))
                    />
                </div>
                <div class="field">
                    <label for="assessment-target">{move || wb.t(i18n::TARGET_LEVEL)}</label>
                    <select
                        id="assessment-target"
                        disabled=move || wb.reviewing()
                        on:change=move |e| {
                            if let Ok(t) = event_target_value(&e).parse::<u8>() {
                                wb.commit(Edit::Target(t));
                            }
                        }
                    >
                        {TARGET_LEVELS
                            .map(|t| {
                                view! {
                                    <option value=t.to_string() selected=move || target.get() == t>
                                        {t.to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                {fields}
            </div>
        </section>
    }
}
