//! The gap to the target: every blocking requirement grouped by domain, capability and
//! sub-item, with counts, each linking to its sub-item.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::Status;
use maturity_core::assess::gap::gap;
use maturity_core::model::LoadedModel;
use maturity_core::text::i18n;
use maturity_core::view::route::Route;

use crate::ui::mtext::mtext;
use crate::ui::state::use_workbook;

#[component]
pub fn GapView(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let m = Arc::clone(&model);
    let g = Memo::new(move |_| wb.results.with(|r| r.as_ref().map(|r| gap(&m, r))));
    let body = move || {
        let lang = wb.lang.get();
        let g = g.get()?;
        let id = wb.current_id().unwrap_or_default();
        if g.total == 0 {
            return Some(
                view! { <p class="card done">{i18n::NO_GAP.fmt(lang, &[("n", &g.target)])}</p> }
                    .into_any(),
            );
        }
        let domains = g
            .domains
            .iter()
            .map(|d| {
                let dom = model.domain(d.domain);
                let caps = d
                    .capabilities
                    .iter()
                    .map(|c| {
                        let cap = model.capability(c.capability);
                        let items = c
                            .items
                            .iter()
                            .map(|gi| {
                                let it = model.item(gi.item);
                                let href = Route::Item(id.clone(), it.code.clone()).href();
                                let reqs = gi
                                    .requirements
                                    .iter()
                                    .map(|&r| {
                                        let rid = model.requirement_id(r).to_string();
                                        let answer =
                                            wb.with_current(|c| c.and_then(|a| a.status(&rid)));
                                        let answer = Status::text_of(answer).get(lang);
                                        view! {
                                            <li data-blocking=rid.clone()>
                                                <span class="req-id">{rid.clone()}</span>
                                                " L"
                                                {model.requirement_pos(r).level.to_string()}
                                                " "
                                                {mtext(&model.requirement(r).text, lang)}
                                                <span class="answer-tag">{answer}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <li class="gap-item">
                                        <h4>
                                            <a href=href>
                                                {it.code.clone()} " " {mtext(&it.name, lang)}
                                            </a>
                                            <span class="count">
                                                {i18n::N_REQUIREMENTS
                                                    .fmt(lang, &[("n", &gi.requirements.len())])}
                                            </span>
                                        </h4>
                                        <ul class="gap-reqs">{reqs}</ul>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <li class="gap-cap">
                                <h3>
                                    {cap.code.clone()} " " {mtext(&cap.name, lang)}
                                    <span class="count">{c.count.to_string()}</span>
                                </h3>
                                <ul>{items}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="gap-domain">
                        <h2>
                            {dom.code.clone()} " " {mtext(&dom.name, lang)}
                            <span class="count">{d.count.to_string()}</span>
                        </h2>
                        <ul>{caps}</ul>
                    </li>
                }
            })
            .collect_view();
        Some(
            view! {
                <p class="summary">
                    {i18n::GAP_SUMMARY.fmt(lang, &[("k", &g.total), ("n", &g.target)])}
                </p>
                <ul class="gap-tree">{domains}</ul>
            }
            .into_any(),
        )
    };
    view! {
        <section class="gap-view" aria-labelledby="gap-title">
            <h1 id="gap-title">{move || wb.t(i18n::GAP)}</h1>
            {body}
        </section>
    }
}
