//! The outline: domains, capabilities and sub-items, each with its computed level and progress,
//! filters, and a compact status panel (overall level against the target, progress, blocking
//! requirements) that stays in view while answering. Every sub-item is a link whose `href`
//! ends with its code.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::score::Filter;
use maturity_core::model::{LoadedModel, Node};
use maturity_core::text::i18n;
use maturity_core::view::route::Route;

use crate::ui::hooks::node_memo;
use crate::ui::mtext::MText;
use crate::ui::state::use_workbook;
use crate::ui::widgets::LevelBadge;

/// Models with more sub-items than this start with their domains collapsed.
pub const COLLAPSE_ABOVE: usize = 120;

#[component]
pub fn Outline() -> impl IntoView {
    let wb = use_workbook();
    view! {
        <nav class="outline" aria-label=move || wb.t(i18n::NAV_TREE)>
            {move || wb.model.get().map(|m| view! { <OutlineFor model=m /> })}
        </nav>
    }
}

#[component]
fn OutlineFor(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let part = node_memo(Node::Part);
    let target = wb.target;
    let id = move || wb.current_id().unwrap_or_default();
    // A large model (a whole organisation's variant, or the ten-times benchmark model) would
    // list hundreds of rows; its domains start collapsed, except the one being answered, and
    // their rows are only built when opened.
    let large = model.item_count() > COLLAPSE_ABOVE;
    let here = match wb.route.get_untracked() {
        Route::Item(_, code) => model.find_item(&code).map(|i| model.item_index(i).domain),
        _ => None,
    };
    let domains = (0..model.domain_count())
        .map(|d| {
            let domain = model.domain(d).clone();
            let open = RwSignal::new(!large || here == Some(d));
            let m = Arc::clone(&model);
            let caps = move || {
                open.get().then(|| {
                    m.domain_capabilities(d)
                        .map(|c| {
                            let cap = m.capability(c).clone();
                            let items = m
                                .capability_items(c)
                                .map(|i| view! { <OutlineItem model=Arc::clone(&m) item=i /> })
                                .collect_view();
                            let name = cap.name.clone();
                            view! {
                                <li class="outline-capability">
                                    <div class="outline-row">
                                        <span class="code">{cap.code.clone()}</span>
                                        <span class="name">
                                            <MText text=name.clone() />
                                        </span>
                                        <LevelBadge
                                            node=Node::Capability(c)
                                            code=cap.code.clone()
                                        />
                                    </div>
                                    <ul>{items}</ul>
                                </li>
                            }
                        })
                        .collect_view()
                })
            };
            let name = domain.name.clone();
            let toggle = large.then(|| {
                view! {
                    <button
                        type="button"
                        class="toggle small"
                        aria-expanded=move || open.get().to_string()
                        aria-label=move || wb.t(i18n::SHOW_SUB_ITEMS)
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        {move || if open.get() { "−" } else { "+" }}
                    </button>
                }
            });
            view! {
                <li class="outline-domain">
                    <div class="outline-row">
                        {toggle} <span class="code">{domain.code.clone()}</span> <span class="name">
                            <MText text=name.clone() />
                        </span> <LevelBadge node=Node::Domain(d) code=domain.code.clone() />
                    </div>
                    <ul>{caps}</ul>
                </li>
            }
        })
        .collect_view();
    let filter_button = move |f: Filter, text: i18n::T| {
        view! {
            <button
                type="button"
                class="filter"
                aria-pressed=move || (wb.filter.get() == f).to_string()
                data-filter=f.code()
                on:click=move |_| wb.filter.set(f)
            >
                {move || wb.t(text)}
            </button>
        }
    };
    view! {
        <section class="status-panel" aria-label=move || wb.t(i18n::STATUS_PANEL)>
            <div class="status-main">
                <span class="status-caption">{move || wb.t(i18n::OVERALL)}</span>
                <LevelBadge node=Node::Part code="part".to_string() />
                <span class="status-target">
                    {move || i18n::TARGET_N.fmt(wb.lang.get(), &[("n", &target.get())])}
                </span>
            </div>
            <div class="status-figures">
                <span data-figure="answered">
                    {move || {
                        part.get()
                            .map(|p| {
                                i18n::ANSWERED_N_OF_M
                                    .fmt(wb.lang.get(), &[("n", &p.answered), ("m", &p.total)])
                            })
                    }}
                </span>
                <a data-figure="blocking" href=move || Route::Gap(id()).href()>
                    {move || {
                        part.get()
                            .map(|p| i18n::BLOCKING_N.fmt(wb.lang.get(), &[("n", &p.blocking)]))
                    }}
                </a>
            </div>
        </section>
        <div class="filters" role="group" aria-label=move || wb.t(i18n::FILTER)>
            {filter_button(Filter::All, i18n::FILTER_ALL)}
            {filter_button(Filter::Unanswered, i18n::FILTER_UNANSWERED)}
            {filter_button(Filter::Blocking, i18n::FILTER_BLOCKING)}
            {filter_button(Filter::NotApplicable, i18n::FILTER_NA)}
        </div>
        <ul class="outline-tree">{domains}</ul>
    }
}

#[component]
fn OutlineItem(model: Arc<LoadedModel>, item: usize) -> impl IntoView {
    let wb = use_workbook();
    let code = model.item(item).code.clone();
    let name = model.item(item).name.clone();
    let score = node_memo(Node::Item(item));
    let href = {
        let code = code.clone();
        move || Route::Item(wb.current_id().unwrap_or_default(), code.clone()).href()
    };
    let current = {
        let code = code.clone();
        move || matches!(wb.route.get(), Route::Item(_, c) if c == code)
    };
    let hidden = move || {
        let Some(s) = score.get() else { return false };
        !s.shown_by(wb.filter.get())
    };
    view! {
        <li class="outline-item" hidden=hidden>
            <a class="outline-row" href=href aria-current=move || current().then_some("page")>
                <span class="code">{code.clone()}</span>
                <span class="name">
                    <MText text=name.clone() />
                </span>
                <span class="progress" data-progress-of=code.clone()>
                    {move || score.get().map(|s| format!("{}/{}", s.answered, s.total))}
                </span>
                <LevelBadge node=Node::Item(item) code=code.clone() />
            </a>
        </li>
    }
}
