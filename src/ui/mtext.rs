//! Model text in the page. A model may be written in one language only: in the other interface
//! language its text is shown as it is (never a blank), marked with its own `lang` so screen
//! readers pronounce it and the browser picks its fonts right.

use leptos::prelude::*;

use maturity_core::text::{Lang, Text};

use crate::ui::state::use_workbook;

/// A model text in the interface language `lang` (or the language it has), as a `<span>` with
/// a `lang` attribute when it is not in `lang`.
pub fn mtext(t: &Text, lang: Lang) -> impl IntoView + use<> {
    let attr = t.lang_attr(lang);
    let text = t.get(lang).to_string();
    view! { <span lang=attr>{text}</span> }
}

/// The same, following the interface language as it changes.
#[component]
pub fn MText(text: Text) -> impl IntoView {
    let wb = use_workbook();
    move || mtext(&text, wb.lang.get())
}
