//! Small shared pieces: the level badge that every computed level is shown with.

use leptos::prelude::*;

use crate::core::model::Node;
use crate::ui::state::use_workbook;

/// Shows a computed level as CAICT writes it ("3" or "3-"), with the stable automation hooks
/// `data-level-of` (the node's code, or `part`) and `data-level` (the level reached). The text
/// carries the label, so the state is never shown by colour alone.
#[component]
pub fn LevelBadge(node: Node, code: String) -> impl IntoView {
    let wb = use_workbook();
    let label = Memo::new(move |_| wb.results.with(|r| r.node(node).label));
    view! {
        <span
            class="level-badge"
            data-level-of=code
            data-level=move || label.get().level.to_string()
            data-partial=move || label.get().partial.to_string()
        >
            {move || label.get().to_string()}
        </span>
    }
}
