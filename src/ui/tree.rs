//! The outline: domains, capabilities and sub-items, each with its computed level. Every
//! sub-item is a link whose `href` ends with its code.

use leptos::prelude::*;

use crate::core::i18n;
use crate::core::model::Node;
use crate::core::route::Route;
use crate::ui::state::use_workbook;
use crate::ui::widgets::LevelBadge;

#[component]
pub fn Outline() -> impl IntoView {
    let wb = use_workbook();
    let model = wb.model.get_value();
    let domains = (0..model.domain_count())
        .map(|d| {
            let domain = model.domain(d).clone();
            let caps = model
                .domain_capabilities(d)
                .map(|c| {
                    let cap = model.capability(c).clone();
                    let items = model
                        .capability_items(c)
                        .map(|i| view! { <OutlineItem item=i /> })
                        .collect_view();
                    let name = cap.name.clone();
                    view! {
                        <li class="outline-capability">
                            <div class="outline-row">
                                <span class="code">{cap.code.clone()}</span>
                                <span class="name">{move || name.get(wb.lang.get()).to_string()}</span>
                                <LevelBadge node=Node::Capability(c) code=cap.code.clone() />
                            </div>
                            <ul>{items}</ul>
                        </li>
                    }
                })
                .collect_view();
            let name = domain.name.clone();
            view! {
                <li class="outline-domain">
                    <div class="outline-row">
                        <span class="code">{domain.code.clone()}</span>
                        <span class="name">{move || name.get(wb.lang.get()).to_string()}</span>
                        <LevelBadge node=Node::Domain(d) code=domain.code.clone() />
                    </div>
                    <ul>{caps}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="outline" aria-label=move || wb.t(i18n::NAV_TREE)>
            <div class="outline-part">
                <span class="name">{move || wb.model.with_value(|m| m.title(wb.lang.get()).to_string())}</span>
                <LevelBadge node=Node::Part code="part".to_string() />
            </div>
            <ul class="outline-tree">{domains}</ul>
        </nav>
    }
}

#[component]
fn OutlineItem(item: usize) -> impl IntoView {
    let wb = use_workbook();
    let (code, name) = wb
        .model
        .with_value(|m| (m.item(item).code.clone(), m.item(item).name.clone()));
    let href = {
        let code = code.clone();
        move || Route::Item(wb.assessment.with(|a| a.id.clone()), code.clone()).href()
    };
    let current = {
        let code = code.clone();
        move || matches!(wb.route.get(), Route::Item(_, c) if c == code)
    };
    let progress = Memo::new(move |_| {
        wb.results
            .with(|r| (r.items[item].answered, r.items[item].total))
    });
    view! {
        <li class="outline-item">
            <a
                class="outline-row"
                href=href
                aria-current=move || if current() { Some("page") } else { None }
            >
                <span class="code">{code.clone()}</span>
                <span class="name">{move || name.get(wb.lang.get()).to_string()}</span>
                <span class="progress">{move || { let (a, t) = progress.get(); format!("{a}/{t}") }}</span>
                <LevelBadge node=Node::Item(item) code=code.clone() />
            </a>
        </li>
    }
}
