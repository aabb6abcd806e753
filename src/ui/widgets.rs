//! Small shared pieces: the level badge every computed level is shown with, the notices at the
//! top of the page, the undo toast, and little formatting helpers.

use leptos::prelude::*;

use crate::core::assessment::Status;
use crate::core::i18n::{self, fill, T};
use crate::core::model::Node;
use crate::core::score::{Label, NodeScore};
use crate::core::text::Lang;
use crate::ui::state::{use_workbook, Health, Notice, Undo};
use crate::web::browser;

/// The score of a node in the open assessment, as a memo that changes only when it changes.
pub fn node_memo(node: Node) -> Memo<Option<NodeScore>> {
    let wb = use_workbook();
    Memo::new(move |_| {
        wb.results
            .with(|r| r.as_ref().and_then(|r| r.get(node).copied()))
    })
}

/// Shows a computed level as CAICT writes it ("3" or "3-"), with the stable automation hooks
/// `data-level-of` (the node's code, or `part`) and `data-level` (the level reached). The text
/// carries the label, so the state is never shown by colour alone.
#[component]
pub fn LevelBadge(node: Node, code: String) -> impl IntoView {
    let wb = use_workbook();
    let score = node_memo(node);
    let label = move || score.get().map_or(Label::BASELINE, |s| s.label);
    let title = move || {
        let l = label();
        let lang = wb.lang.get();
        if l.partial {
            fill(
                i18n::LABEL_PARTIAL_TITLE.get(lang),
                &[
                    ("n", &l.level.to_string()),
                    ("m", &(l.level + 1).to_string()),
                ],
            )
        } else {
            fill(i18n::LABEL_TITLE.get(lang), &[("n", &l.level.to_string())])
        }
    };
    view! {
        <span
            class="level-badge"
            data-level-of=code
            data-level=move || label().level.to_string()
            data-partial=move || label().partial.to_string()
            title=title
        >
            {move || label().to_string()}
        </span>
    }
}

pub fn status_text(s: Status) -> T {
    match s {
        Status::Met => i18n::MET,
        Status::Partial => i18n::PARTIAL,
        Status::NotMet => i18n::NOT_MET,
        Status::NotApplicable => i18n::NOT_APPLICABLE,
    }
}

/// A date-time from storage shown as `YYYY-MM-DD HH:MM` (UTC as stored; good enough to tell
/// which copy is newer).
pub fn short_time(iso: &str) -> String {
    let t = iso.replace('T', " ");
    t.chars().take(16).collect()
}

/// The storage warning. It lives in the sticky header so it stays in view wherever the user
/// is on the page: while it shows, work is only in memory.
#[component]
pub fn StorageAlert() -> impl IntoView {
    let wb = use_workbook();
    move || {
        let lang = wb.lang.get();
        let (class, text) = match wb.health.get() {
            Health::Ok => return None,
            Health::Quota => ("notice error", i18n::STORAGE_FULL.get(lang)),
            Health::Unavailable => ("notice error", i18n::STORAGE_UNAVAILABLE.get(lang)),
            Health::Failed => ("notice error", i18n::STORAGE_FAILED.get(lang)),
        };
        let export = wb.current.with(|c| c.is_some()).then(|| {
            view! {
                <button type="button" class="primary" on:click=move |_| crate::ui::export::export_json(wb)>
                    {move || wb.t(i18n::EXPORT_JSON)}
                </button>
            }
        });
        Some(view! {
            <div class=class role="alert" data-notice="storage">
                <p>{text}</p>
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
        wb.quarantine
            .get()
            .into_iter()
            .map(|key| {
                let download_key = key.clone();
                let dismiss_key = key.clone();
                let shown = key.trim_start_matches("quarantine:").to_string();
                view! {
                    <div class="notice warn" role="alert" data-notice="quarantine">
                        <p>{move || fill(wb.t(i18n::QUARANTINED), &[("key", &shown)])}</p>
                        <button type="button" on:click=move |_| {
                            if let Some(text) = wb.raw_stored(&download_key) {
                                let name = format!("{}.txt", download_key.replace(':', "_"));
                                wb.save_file(&name, "text/plain;charset=utf-8", &text);
                            }
                        }>{move || wb.t(i18n::DOWNLOAD_RAW)}</button>
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
            .filter(|n| !matches!(n, Notice::Quarantined(_)))
            .map(|n| {
                let lang = wb.lang.get();
                let (class, text) = notice_text(&n, lang);
                let n2 = n.clone();
                view! {
                    <div class=format!("notice {class}") role="status">
                        <p>{text}</p>
                        <button type="button" on:click=move |_| wb.dismiss(&n2)>{move || wb.t(i18n::DISMISS)}</button>
                    </div>
                }
            })
            .collect_view()
    };
    view! { <div class="notices">{quarantine}{others}</div> }
}

fn notice_text(n: &Notice, lang: Lang) -> (&'static str, String) {
    match n {
        Notice::Quarantined(q) => ("warn", q.original.clone()),
        Notice::Newer { key, schema } => (
            "warn",
            fill(
                i18n::NEWER_RECORD.get(lang),
                &[("key", key), ("schema", &schema.to_string())],
            ),
        ),
        Notice::Migrated { name, from } => (
            "info",
            fill(
                i18n::MIGRATED.get(lang),
                &[("name", name), ("from", &from.to_string())],
            ),
        ),
        Notice::Rebound {
            name,
            from,
            to,
            set_aside,
        } => (
            "info",
            fill(
                i18n::REBOUND.get(lang),
                &[
                    ("name", name),
                    ("from", from),
                    ("to", to),
                    ("n", &set_aside.to_string()),
                ],
            ),
        ),
        Notice::MergedFromOtherTab => ("info", i18n::MERGED_OTHER_TAB.get(lang).to_string()),
        Notice::UpdatedFromOtherTab => ("info", i18n::UPDATED_OTHER_TAB.get(lang).to_string()),
        Notice::DeletedInOtherTab { name } => (
            "warn",
            fill(i18n::DELETED_OTHER_TAB.get(lang), &[("name", name)]),
        ),
        Notice::ModelUnreadable { key, problems } => (
            "warn",
            fill(
                i18n::MODEL_UNREADABLE.get(lang),
                &[("key", key), ("n", &problems.to_string())],
            ),
        ),
        Notice::ModelMissing { name, model } => (
            "warn",
            fill(
                i18n::MODEL_MISSING.get(lang),
                &[("name", name), ("model", model)],
            ),
        ),
    }
}

/// The toast that offers to undo a deletion or a replacement.
#[component]
pub fn ToastView() -> impl IntoView {
    let wb = use_workbook();
    move || {
        wb.toast.get().map(|t| {
            let undo = t.undo.clone().map(|u| {
                view! {
                    <button type="button" class="primary" data-action="undo" on:click=move |_| {
                        match &u {
                            Undo::Restore(key) => {
                                if let Some(id) = wb.restore(key) {
                                    browser::go(&crate::core::route::Route::Dashboard(id).href());
                                }
                            }
                        }
                        wb.toast.set(None);
                    }>{move || wb.t(i18n::UNDO)}</button>
                }
            });
            view! {
                <div class="toast" role="status" aria-live="polite">
                    <span>{t.message.clone()}</span>
                    {undo}
                    <button type="button" aria-label=move || wb.t(i18n::CLOSE) on:click=move |_| wb.toast.set(None)>"×"</button>
                </div>
            }
        })
    }
}
