//! The keyboard shortcuts and the dialog that lists them (`?`), with what to send and how
//! levels read.

use leptos::prelude::*;

use maturity_core::text::i18n::{self, clarity};
use maturity_core::view::keys::SHORTCUTS;

use crate::ui::state::use_workbook;
use crate::ui::widgets::LevelLegend;

#[component]
pub fn HelpDialog() -> impl IntoView {
    let wb = use_workbook();
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if wb.help_open.get() {
            request_animation_frame(move || {
                if let Some(b) = close.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    });
    move || {
        wb.help_open.get().then(|| {
            let rows = SHORTCUTS
                .iter()
                .map(|(keys, what)| {
                    let keys: Vec<_> = keys
                        .split(" / ")
                        .map(|k| view! { <kbd>{k.to_string()}</kbd> })
                        .collect();
                    view! {
                        <tr>
                            <th scope="row">{keys}</th>
                            <td>{move || wb.t(*what)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="overlay" on:click=move |_| wb.help_open.set(false)>
                    <div
                        class="dialog"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="help-title"
                        on:click=|e| e.stop_propagation()
                    >
                        <h2 id="help-title">{move || wb.t(i18n::SHORTCUTS)}</h2>
                        <p class="hint">{move || wb.t(i18n::SHORTCUTS_HINT)}</p>
                        <p class="hint">{move || wb.t(clarity::DOC_HELP)}</p>
                        <LevelLegend />
                        <p class="hint">{move || wb.t(i18n::KEYS_IN_REVIEW)}</p>
                        <table class="data shortcuts">
                            <tbody>{rows}</tbody>
                        </table>
                        <div class="actions">
                            <button
                                type="button"
                                node_ref=close
                                class="primary"
                                on:click=move |_| wb.help_open.set(false)
                            >
                                {move || wb.t(i18n::CLOSE)}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
