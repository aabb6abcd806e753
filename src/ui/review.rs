//! Review mode and undo in an assessment's header: the banner of an assessment shown for
//! review (with the button that starts editing it), the undo and redo buttons, and the frame
//! that makes a page's inputs unchangeable in review mode.

use leptos::prelude::*;

use maturity_core::text::i18n;

use crate::ui::state::use_workbook;

/// Says that the open assessment is shown for review, with the button that starts editing it.
#[component]
pub fn ReviewBanner() -> impl IntoView {
    let wb = use_workbook();
    move || {
        wb.reviewing().then(|| {
            view! {
                <section
                    class="review-banner no-print"
                    aria-labelledby="review-title"
                    data-review=""
                >
                    <p>
                        <strong id="review-title">{move || wb.t(i18n::REVIEW_MODE)}</strong>
                        " "
                        {move || wb.t(i18n::REVIEW_MODE_TEXT)}
                    </p>
                    <button
                        type="button"
                        class="primary"
                        data-action="start-editing"
                        on:click=move |_| wb.start_editing()
                    >
                        {move || wb.t(i18n::START_EDITING)}
                    </button>
                </section>
            }
        })
    }
}

/// Undo and redo of this tab's edits of the open assessment (none in review mode).
#[component]
pub fn UndoButtons() -> impl IntoView {
    let wb = use_workbook();
    let undo = Memo::new(move |_| wb.next_undo());
    let redo = Memo::new(move |_| wb.next_redo());
    let title = move |next: Option<String>, with: i18n::T, none: i18n::T| {
        let lang = wb.lang.get();
        match next {
            Some(what) => with.fmt(lang, &[("what", &what)]),
            None => none.get(lang).to_string(),
        }
    };
    move || {
        (!wb.reviewing()).then(|| {
            view! {
                <div class="undo-buttons" role="group" aria-label=move || wb.t(i18n::UNDO_REDO)>
                    <button
                        type="button"
                        class="small"
                        data-action="undo-edit"
                        aria-keyshortcuts="Control+Z Meta+Z"
                        disabled=move || undo.with(Option::is_none)
                        title=move || {
                            let what = undo.get().map(|s| s.message(wb.lang.get()));
                            title(what, i18n::UNDO_TITLE, i18n::NOTHING_TO_UNDO)
                        }
                        on:click=move |_| wb.undo()
                    >
                        {move || wb.t(i18n::UNDO)}
                    </button>
                    <button
                        type="button"
                        class="small"
                        data-action="redo-edit"
                        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
                        disabled=move || redo.with(Option::is_none)
                        title=move || {
                            let what = redo.get().map(|s| s.message(wb.lang.get()));
                            title(what, i18n::REDO_TITLE, i18n::NOTHING_TO_REDO)
                        }
                        on:click=move |_| wb.redo()
                    >
                        {move || wb.t(i18n::REDO)}
                    </button>
                </div>
            }
        })
    }
}

/// A page's inputs, unchangeable while the open assessment is shown for review: a fieldset
/// disables every control inside it at once, and the browser says so to assistive technology.
#[component]
pub fn EditScope(
    /// More classes for the fieldset (it may stand in for the element it replaces).
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let wb = use_workbook();
    let class = format!("edit-scope {class}");
    view! {
        <fieldset class=class disabled=move || wb.reviewing()>
            {children()}
        </fieldset>
    }
}
