//! The sub-item page: the level ladder with every numbered requirement and its answer.

use leptos::prelude::*;

use crate::core::assessment::{Edit, Status};
use crate::core::i18n::{self, fill};
use crate::core::model::Node;
use crate::core::route::Route;
use crate::ui::state::use_workbook;
use crate::ui::widgets::LevelBadge;
use crate::web::browser;

#[component]
pub fn ItemPage(item: usize) -> impl IntoView {
    let wb = use_workbook();
    let model = wb.model.get_value();
    let it = model.item(item).clone();
    let index = model.item_index(item).clone();
    let code = it.code.clone();
    let ladder = it
        .levels
        .iter()
        .enumerate()
        .map(|(slot, level)| {
            let n = level.level;
            let level_name = move || {
                let lang = wb.lang.get();
                let name = wb.model.with_value(|m| m.level_name(n, lang));
                format!(
                    "{} · {name}",
                    fill(i18n::LEVEL_N.get(lang), &[("n", &n.to_string())])
                )
            };
            let body = if level.same_as_lower {
                view! { <p class="same-as-lower">{move || wb.t(i18n::SAME_AS_LOWER)}</p> }
                    .into_any()
            } else {
                let reqs = index.levels[slot]
                    .clone()
                    .map(|r| view! { <RequirementRow req=r /> })
                    .collect_view();
                view! { <ol class="requirements">{reqs}</ol> }.into_any()
            };
            view! {
                <section class="level-step" data-step=n.to_string()>
                    <h2>{level_name}</h2>
                    {body}
                </section>
            }
        })
        .collect_view();
    let baseline = it.baseline.clone();
    let name = it.name.clone();
    let nav_code = code.clone();
    // Marks the moment the workbook can be answered, for the load benchmark.
    Effect::new(move |_| browser::mark("wb-interactive"));
    view! {
        <article class="item-page" aria-labelledby="item-title">
            <header class="item-head">
                <h1 id="item-title">
                    <span class="code">{code.clone()}</span>
                    " "
                    {move || name.get(wb.lang.get()).to_string()}
                </h1>
                <p class="current-level">
                    {move || wb.t(i18n::CURRENT_LEVEL)} " "
                    <LevelBadge node=Node::Item(item) code=code.clone() />
                </p>
            </header>
            <section class="level-step baseline">
                <h2>{move || wb.t(i18n::BASELINE)}</h2>
                <p>{move || baseline.get(wb.lang.get()).to_string()}</p>
            </section>
            {ladder}
            <ItemNav item=item code=nav_code />
        </article>
    }
}

#[component]
fn ItemNav(item: usize, code: String) -> impl IntoView {
    let wb = use_workbook();
    let count = wb.model.with_value(|m| m.item_count());
    let link = move |to: usize| {
        let code = wb.model.with_value(|m| m.item(to).code.clone());
        Route::Item(wb.assessment.with(|a| a.id.clone()), code).href()
    };
    let prev = (item > 0).then(|| {
        let href = link(item - 1);
        view! { <a class="button" rel="prev" href=href>{move || wb.t(i18n::PREVIOUS_ITEM)}</a> }
    });
    let next = (item + 1 < count).then(|| {
        let href = link(item + 1);
        view! { <a class="button" rel="next" href=href>{move || wb.t(i18n::NEXT_ITEM)}</a> }
    });
    let _ = code;
    view! { <nav class="item-nav">{prev}{next}</nav> }
}

fn status_text(s: Status) -> i18n::T {
    match s {
        Status::Met => i18n::MET,
        Status::Partial => i18n::PARTIAL,
        Status::NotMet => i18n::NOT_MET,
        Status::NotApplicable => i18n::NOT_APPLICABLE,
    }
}

/// One requirement: its text and its four answers as a radio group.
#[component]
fn RequirementRow(req: usize) -> impl IntoView {
    let wb = use_workbook();
    let (id, text) = wb.model.with_value(|m| {
        (
            m.requirement_id(req).to_string(),
            m.requirement(req).text.clone(),
        )
    });
    let status = {
        let id = id.clone();
        Memo::new(move |_| wb.assessment.with(|a| a.status(&id)))
    };
    let group_label = {
        let id = id.clone();
        move || fill(wb.t(i18n::ANSWER_FOR), &[("id", &id)])
    };
    let options = Status::ALL
        .into_iter()
        .map(|s| {
            let id = id.clone();
            let name = format!("ans-{id}");
            view! {
                <label class="answer" data-answer=s.code()>
                    <input
                        type="radio"
                        name=name
                        value=s.code()
                        data-status=s.code()
                        prop:checked=move || status.get() == Some(s)
                        on:change=move |_| wb.edit(Edit::Answer { req: id.clone(), status: Some(s) })
                    />
                    <span>{move || wb.t(status_text(s))}</span>
                </label>
            }
        })
        .collect_view();
    let clear_id = id.clone();
    view! {
        <li class="requirement" id=format!("req-{id}")>
            <p class="requirement-text">
                <span class="req-id">{id.clone()}</span>
                " "
                {move || text.get(wb.lang.get()).to_string()}
            </p>
            <div class="answers" role="radiogroup" data-req=id.clone() aria-label=group_label>
                {options}
                <button
                    type="button"
                    class="clear"
                    aria-label=move || wb.t(i18n::CLEAR_ANSWER)
                    disabled=move || status.get().is_none()
                    on:click=move |_| wb.edit(Edit::Answer { req: clear_id.clone(), status: None })
                >
                    {move || wb.t(i18n::CLEAR)}
                </button>
            </div>
        </li>
    }
}
