//! Small shared pieces: the level badge every computed level is shown with, the notices at the
//! top of the page, the undo toast.

use leptos::prelude::*;

use maturity_core::assess::score::Label;
use maturity_core::model::Node;
use maturity_core::store::persist::Key;
use maturity_core::store::workspace::Health;
use maturity_core::text::i18n::{self, clarity};
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

/// Shows a computed level: the level reached as the big figure in its own colour, and progress
/// on the next level as a secondary mark (a small "+"; with `wide`, also the words "3 级部分达成"
/// after the badge), never CAICT's "3-", which reads as "almost 3". The badge is one image to
/// assistive technology, named in words ("2 级，3 级部分达成"). Automation hooks: `data-level-of`
/// (the node's code, or `part`), `data-level` (the level reached), `data-partial`, and
/// `data-label` (CAICT's notation, "3-"). `label` may change (a closure over a memo) or be fixed
/// (a label computed once, as in the report).
#[component]
pub fn Level(
    #[prop(into)] label: Signal<Label>,
    code: String,
    /// Spell out the progress after the badge (where there is room: the dashboard's overall
    /// level, the sub-item's status, the report's cover).
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let wb = use_workbook();
    view! {
        <span
            class="level-badge"
            role="img"
            data-level-of=code
            data-level=move || label.get().level.to_string()
            data-partial=move || label.get().partial.to_string()
            data-label=move || label.get().to_string()
            aria-label=move || label.get().words(wb.lang.get())
            title=move || label_title(label.get(), wb.lang.get())
        >
            <span class="level-figure">{move || label.get().level.to_string()}</span>
            {move || label.get().partial.then(|| view! { <span class="level-next">"+"</span> })}
        </span>
        {move || {
            wide.then(|| label.get().progress_words(wb.lang.get()))
                .flatten()
                .map(|w| view! { <span class="level-progress">{w}</span> })
        }}
    }
}

/// A fixed label drawn once, with no reactive part: the markup and hooks of [`Level`], for
/// pages that draw thousands of labels and redraw them as a whole (the portfolio's matrix).
pub fn level_fixed(label: Label, code: &str, lang: Lang) -> impl IntoView {
    view! {
        <span
            class="level-badge"
            role="img"
            data-level-of=code.to_string()
            data-level=label.level.to_string()
            data-partial=label.partial.to_string()
            data-label=label.to_string()
            aria-label=label.words(lang)
            title=label_title(label, lang)
        >
            <span class="level-figure">{label.level.to_string()}</span>
            {label.partial.then(|| view! { <span class="level-next">"+"</span> })}
        </span>
    }
}

/// What the badges' "+" means and how CAICT's forms write it ("3-"), for pages that show many
/// badges side by side.
#[component]
pub fn LevelLegend() -> impl IntoView {
    let wb = use_workbook();
    view! {
        <p class="level-legend hint" data-level-legend="">
            {move || wb.t(clarity::LEVEL_LEGEND)}
        </p>
    }
}

/// The level badge of a node of the open assessment.
#[component]
pub fn LevelBadge(
    node: Node,
    code: String,
    /// See [`Level`].
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let score = node_memo(node);
    let label = Signal::derive(move || score.get().map_or(Label::BASELINE, |s| s.label));
    view! { <Level label=label code=code wide=wide /> }
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
