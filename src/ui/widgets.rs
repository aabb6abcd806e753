//! Small shared pieces: the level badge every computed level is shown with, the notices at the
//! top of the page, the undo toast.

use leptos::prelude::*;

use maturity_core::assess::score::Label;
use maturity_core::model::Node;
use maturity_core::store::persist::Key;
use maturity_core::store::workspace::Health;
use maturity_core::text::i18n;
use maturity_core::text::Lang;
use maturity_core::view::route::Route;

use crate::ui::downloads::{download_raw, export_json};
use crate::ui::hooks::node_memo;
use crate::ui::state::use_workbook;
use crate::web::browser;

/// The tooltip of a label: "level 2 reached, some level-3 requirements met".
fn label_title(l: Label, lang: Lang) -> String {
    if l.partial {
        i18n::LABEL_PARTIAL_TITLE.fmt(lang, &[("n", &l.level), ("m", &(l.level + 1))])
    } else {
        i18n::LABEL_TITLE.fmt(lang, &[("n", &l.level)])
    }
}

/// Shows a computed level as CAICT writes it ("3" or "3-"), with the stable automation hooks
/// `data-level-of` (the node's code, or `part`) and `data-level` (the level reached). The text
/// carries the label, so the state is never shown by colour alone. `label` may change (a
/// closure over a memo) or be fixed (a label computed once, as in the report).
#[component]
pub fn Level(#[prop(into)] label: Signal<Label>, code: String) -> impl IntoView {
    let wb = use_workbook();
    view! {
        <span
            class="level-badge"
            data-level-of=code
            data-level=move || label.get().level.to_string()
            data-partial=move || label.get().partial.to_string()
            title=move || label_title(label.get(), wb.lang.get())
        >
            {move || label.get().to_string()}
        </span>
    }
}

/// A fixed label drawn once, with no reactive part: the markup and hooks of [`Level`], for
/// pages that draw thousands of labels and redraw them as a whole (the portfolio's matrix).
pub fn level_fixed(label: Label, code: &str, lang: Lang) -> impl IntoView {
    view! {
        <span
            class="level-badge"
            data-level-of=code.to_string()
            data-level=label.level.to_string()
            data-partial=label.partial.to_string()
            title=label_title(label, lang)
        >
            {label.to_string()}
        </span>
    }
}

/// The level badge of a node of the open assessment.
#[component]
pub fn LevelBadge(node: Node, code: String) -> impl IntoView {
    let score = node_memo(node);
    let label = Signal::derive(move || score.get().map_or(Label::BASELINE, |s| s.label));
    view! { <Level label=label code=code /> }
}

/// The storage warning. It lives in the sticky header so it stays in view wherever the user
/// is on the page: while it shows, work is only in memory.
#[component]
pub fn StorageAlert() -> impl IntoView {
    let wb = use_workbook();
    move || {
        let health = wb.health.get();
        if health == Health::Ok {
            return None;
        }
        let export = wb.with_current(|c| c.is_some()).then(|| {
            view! {
                <button type="button" class="primary" on:click=move |_| export_json(wb)>
                    {move || wb.t(i18n::EXPORT_JSON)}
                </button>
            }
        });
        Some(view! {
            <div class="notice error" role="alert" data-notice="storage">
                <p>{move || wb.t(health.text())}</p>
                {export}
            </div>
        })
    }
}

/// The persistent notices: quarantined records, migrations, other tabs.
#[component]
pub fn Notices() -> impl IntoView {
    let wb = use_workbook();
    let quarantine = move || {
        wb.quarantine()
            .into_iter()
            .map(|key| {
                let (download_key, dismiss_key) = (key.clone(), key.clone());
                let shown = match Key::parse(&key) {
                    Key::Quarantine { original, .. } => original,
                    other => other.to_string(),
                };
                view! {
                    <div class="notice warn" role="alert" data-notice="quarantine">
                        <p>{move || i18n::QUARANTINED.fmt(wb.lang.get(), &[("key", &shown)])}</p>
                        <button type="button" on:click=move |_| download_raw(wb, &download_key)>
                            {move || wb.t(i18n::DOWNLOAD_RAW)}
                        </button>
                        <button type="button" on:click=move |_| wb.dismiss_quarantine(&dismiss_key)>
                            {move || wb.t(i18n::DISMISS)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let others = move || {
        wb.notices
            .get()
            .into_iter()
            .map(|n| {
                let class = if n.is_warning() {
                    "notice warn"
                } else {
                    "notice info"
                };
                let text = n.message(wb.lang.get());
                view! {
                    <div class=class role="status">
                        <p>{text}</p>
                        <button type="button" on:click=move |_| wb.dismiss(&n)>
                            {move || wb.t(i18n::DISMISS)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    view! { <div class="notices">{quarantine}{others}</div> }
}

/// The toast that says what just happened, with an undo where there is one.
#[component]
pub fn ToastView() -> impl IntoView {
    let wb = use_workbook();
    move || {
        wb.toast.get().map(|t| {
            let undo = t.undo().map(str::to_string).map(|key| {
                view! {
                    <button
                        type="button"
                        class="primary"
                        data-action="undo"
                        on:click=move |_| {
                            wb.toast.set(None);
                            if let Some(id) = wb.restore(&key) {
                                browser::go(&Route::Dashboard(id).href());
                            }
                        }
                    >
                        {move || wb.t(i18n::UNDO)}
                    </button>
                }
            });
            let message = move || t.message(wb.lang.get());
            view! {
                <div class="toast" role="status" aria-live="polite">
                    <span>{message}</span>
                    {undo}
                    <button
                        type="button"
                        aria-label=move || wb.t(i18n::CLOSE)
                        on:click=move |_| wb.toast.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
