//! The portfolio page (`#/portfolio`): assessments in this browser and files (JSON exports or
//! workbook documents, picked, dropped or read from a folder) side by side in a matrix of
//! levels, and the comparison of two assessments of one project. Everything computed comes
//! from `core::portfolio` (what is kept where, too: its `Shelf`); `state.rs` holds the page's
//! state and carries out the shelf's storage operations through `web::shelf`; the other files
//! draw: `members.rs` choosing members and the files, `matrix.rs` the matrix and its exports,
//! `comparison.rs` progress over time.

use leptos::ev;
use leptos::prelude::*;

use maturity_core::text::i18n;
use maturity_core::text::Lang;

use crate::ui::state::use_workbook;
use crate::web::picker;

mod comparison;
mod matrix;
mod members;
mod state;

use comparison::comparison_section;
use matrix::matrix_section;
use members::members;
use state::{add_files, build, load, Pf};

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let wb = use_workbook();
    let pf = Pf::new();
    leptos::task::spawn_local(load(wb, pf));
    let portfolio = Memo::new_with_compare(move |_| build(wb, pf), |_, _| true);
    let drop = move |e: ev::DragEvent| {
        e.prevent_default();
        // This page adds dropped files to the portfolio instead of importing them.
        e.stop_propagation();
        if pf.ready.get_untracked() {
            add_files(wb, pf, picker::files_of_drop(&e));
        }
    };
    let print_class = move || {
        if pf.print_comparison.get() {
            "portfolio print-comparison"
        } else {
            "portfolio"
        }
    };
    // Fixed texts are drawn per language; what changes within a language has its own closure.
    let page = move || {
        let lang = wb.lang.get();
        view! {
            <h1 id="portfolio-title">{i18n::PORT_TITLE.get(lang)}</h1>
            <p class="hint no-print">{i18n::PORT_INTRO.get(lang)}</p>
            {issues(pf, lang)}
            {members(wb, pf, portfolio, lang)}
            {matrix_section(wb, pf, portfolio, lang)}
            {comparison_section(wb, pf, portfolio, lang)}
        }
    };
    view! {
        <section
            class=print_class
            aria-labelledby="portfolio-title"
            on:dragover=|e: ev::DragEvent| e.prevent_default()
            on:drop=drop
        >
            {page}
        </section>
    }
}

fn issues(pf: Pf, lang: Lang) -> impl IntoView {
    move || {
        pf.issues
            .get()
            .into_iter()
            .map(|i| {
                let text = i.message(lang);
                view! {
                    <div class="notice warn no-print" role="alert" data-notice="portfolio">
                        <p>{text}</p>
                        <button
                            type="button"
                            on:click=move |_| pf.issues.update(|v| v.retain(|x| x != &i))
                        >
                            {i18n::DISMISS.get(lang)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    }
}
