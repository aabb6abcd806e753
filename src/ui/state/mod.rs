//! The workbook's reactive state: a thin mirror of the pure [`Workspace`], provided as one
//! small `Copy` context. The workspace owns the assessments and decides everything about
//! storing, merging and the trash; this module calls it, publishes its [`Outcome`] to signals,
//! and notifies the views. The open assessment exists once, inside the workspace: views read it
//! through [`Workbook::with_current`], which subscribes them to its changes, and every computed
//! level comes from the `results` memo of the pure `score` function.
//!
//! Every action the UI takes on the team's data is a named method here (or in `documents.rs`,
//! the actions on workbook documents, `identity.rs`, whose assessment it is, and `review.rs`,
//! review mode and undo); the workspace is reached only through `act`, which is
//! private to this module: it runs one workspace method and publishes its [`Outcome`].

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use maturity_core::assess::assessment::{Assessment, Edit, DEFAULT_TARGET};
use maturity_core::assess::materials::Acceptance;
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::{score, Filter, Results};
use maturity_core::model::validate::Problem;
use maturity_core::model::{LoadedModel, Models};
use maturity_core::store::persist::{Store, TrashEntry};
use maturity_core::store::workspace::{
    Health, Notice, OpenError, Outcome, Summary, Toast, Workspace,
};
use maturity_core::text::i18n::T;
use maturity_core::text::Lang;
use maturity_core::view::route::Route;

use crate::web::{browser, session};

mod documents;
mod identity;
mod materials;
mod review;

pub use documents::{use_documents, Documents};

/// How long typing may go unsaved: a pause this long writes it.
const TYPING_SAVE_DELAY: Duration = Duration::from_millis(400);

#[derive(Clone, Copy)]
pub struct Workbook {
    pub lang: RwSignal<Lang>,
    ws: StoredValue<Workspace>,
    /// Notified when the open assessment changes: an edit, a switch, a merge.
    current_changed: Trigger,
    /// Notified when the list of assessments, the trash or the quarantine changes.
    list_changed: Trigger,
    models_changed: Trigger,
    pub model: Memo<Option<Arc<LoadedModel>>>,
    pub results: Memo<Option<Arc<Results>>>,
    /// The open assessment's target level (the default target when none is open).
    pub target: Memo<u8>,
    pub route: RwSignal<Route>,
    pub health: RwSignal<Health>,
    pub notices: RwSignal<Vec<Notice>>,
    pub toast: RwSignal<Option<Toast>>,
    pub persisted: RwSignal<Option<bool>>,
    pub filter: RwSignal<Filter>,
    pub help_open: RwSignal<bool>,
    /// The requirement whose comment field the keyboard asked to open.
    pub comment_for: RwSignal<Option<String>>,
    typing: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The last taking of a materials check's result, for its undo (assessment id, edits).
    evidence_taken: RwSignal<Option<(String, Acceptance)>>,
}

pub fn use_workbook() -> Workbook {
    expect_context::<Workbook>()
}

impl Workbook {
    /// Builds the state over a store. `embedded` is the model shipped inside.
    pub fn new(embedded: Arc<LoadedModel>, store: Store, storage_ok: bool) -> Workbook {
        let mut workspace = Workspace::new(store, embedded, storage_ok);
        // This tab's undo histories outlast a reload in sessionStorage.
        workspace.set_session(session::open());
        let ws = StoredValue::new(workspace);
        let current_changed = Trigger::new();
        let models_changed = Trigger::new();
        let model = Memo::new_with_compare(
            move |_| {
                current_changed.track();
                models_changed.track();
                ws.with_value(Workspace::current_model)
            },
            |a, b| match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
                (None, None) => false,
                _ => true,
            },
        );
        // Always "changed": the per-node memos of the views decide what re-renders.
        let results = Memo::new_with_compare(
            move |_| {
                let m = model.get()?;
                current_changed.track();
                ws.with_value(|w| {
                    w.current().map(|a| {
                        browser::timed("wb-score", || {
                            Arc::new(score(&m, &a.answers, a.target_level, Rule::default()))
                        })
                    })
                })
            },
            |_, _| true,
        );
        let target = Memo::new(move |_| {
            current_changed.track();
            ws.with_value(|w| w.current().map_or(DEFAULT_TARGET, |a| a.target_level))
        });
        Workbook {
            lang: RwSignal::new(Lang::default()),
            ws,
            current_changed,
            list_changed: Trigger::new(),
            models_changed,
            model,
            results,
            target,
            route: RwSignal::new(Route::Start),
            health: RwSignal::new(ws.with_value(Workspace::health)),
            notices: RwSignal::new(Vec::new()),
            toast: RwSignal::new(None),
            persisted: RwSignal::new(None),
            filter: RwSignal::new(Filter::All),
            help_open: RwSignal::new(false),
            comment_for: RwSignal::new(None),
            typing: StoredValue::new_local(None),
            evidence_taken: RwSignal::new(None),
        }
    }

    /// A UI string in the current language (reactive).
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang.get())
    }

    /// Reads the open assessment, subscribing to its changes.
    pub fn with_current<R>(&self, f: impl FnOnce(Option<&Assessment>) -> R) -> R {
        self.current_changed.track();
        self.ws.with_value(|w| f(w.current()))
    }

    /// Reads the open assessment without subscribing (in event handlers).
    pub fn with_current_untracked<R>(&self, f: impl FnOnce(Option<&Assessment>) -> R) -> R {
        self.ws.with_value(|w| f(w.current()))
    }

    pub fn current_id(&self) -> Option<String> {
        self.ws.with_value(|w| w.current_id().map(str::to_string))
    }

    /// The open assessment's id, subscribing to switches.
    pub fn current_id_tracked(&self) -> Option<String> {
        self.current_changed.track();
        self.current_id()
    }

    /// The models this browser has (the embedded one first).
    pub fn models(&self) -> Models {
        self.models_changed.track();
        self.ws.with_value(|w| w.models().clone())
    }

    /// The assessment list; only assessments that changed are scored again.
    pub fn summaries(&self) -> Vec<Summary> {
        self.list_changed.track();
        self.current_changed.track();
        self.ws
            .try_update_value(Workspace::summaries)
            .unwrap_or_default()
    }

    pub fn trash(&self) -> Vec<TrashEntry> {
        self.list_changed.track();
        self.ws.with_value(|w| w.trash().to_vec())
    }

    pub fn quarantine(&self) -> Vec<String> {
        self.list_changed.track();
        self.ws.with_value(|w| w.quarantine().to_vec())
    }

    /// The key holding a damaged assessment's text, when none of its revisions can be read.
    pub fn damaged(&self, id: &str) -> Option<String> {
        self.ws.with_value(|w| w.damaged(id).map(str::to_string))
    }

    pub fn raw_stored(&self, key: &str) -> Option<String> {
        self.ws.with_value(|w| w.raw(key))
    }

    pub fn model_in_use(&self, key: &str) -> bool {
        self.list_changed.track();
        self.ws.with_value(|w| w.model_in_use(key))
    }

    pub fn last_opened(&self) -> Option<String> {
        self.ws.with_value(Workspace::last_opened)
    }

    pub fn last_item(&self, id: &str) -> Option<String> {
        self.ws.with_value(|w| w.last_item(id))
    }

    /// A stored assessment (subscribes to changes of the lists and the open assessment).
    pub fn assessment(&self, id: &str) -> Option<Assessment> {
        self.track_all();
        self.ws.with_value(|w| w.get(id).cloned())
    }

    /// Subscribes to changes of the lists and of the open assessment.
    fn track_all(&self) {
        self.list_changed.track();
        self.current_changed.track();
    }

    /// Runs a workspace action (given the time) and publishes what it changed.
    fn act<R>(&self, f: impl FnOnce(&mut Workspace, &str) -> (R, Outcome)) -> Option<R> {
        let now = browser::now_iso();
        let (value, outcome) = self.ws.try_update_value(|w| f(w, &now))?;
        self.publish(outcome);
        Some(value)
    }

    /// Mirrors an outcome: notifies the views that depend on what changed, shows notices and
    /// the toast, and brings the storage health up to date.
    fn publish(&self, out: Outcome) {
        if out.current {
            self.current_changed.notify();
        }
        if out.list || out.trash || out.current {
            self.list_changed.notify();
        }
        if out.models {
            self.models_changed.notify();
        }
        for n in out.notices {
            self.notices.update(|v| {
                if !v.contains(&n) {
                    v.push(n);
                }
            });
        }
        if out.toast.is_some() {
            self.toast.set(out.toast);
        }
        let health = self.ws.with_value(Workspace::health);
        if self.health.get_untracked() != health {
            self.health.set(health);
        }
    }

    /// Reads storage: models, assessments, prefs, the trash and quarantine.
    pub fn load(&self) {
        self.act(|w, now| ((), w.load(now)));
        if let Some(lang) = self.ws.with_value(Workspace::prefs_lang) {
            self.lang.set(lang);
        }
    }

    /// Whether the user chose a language in this browser before.
    pub fn has_saved_language(&self) -> bool {
        self.ws.with_value(|w| w.prefs_lang().is_some())
    }

    /// Whether this browser held nothing at all (no assessment, nothing in the trash).
    pub fn is_fresh(&self) -> bool {
        self.ws.with_value(|w| w.is_empty() && w.trash().is_empty())
    }

    pub fn dismiss(&self, n: &Notice) {
        self.notices.update(|v| v.retain(|x| x != n));
    }

    /// Makes `id` the open assessment; an error if it cannot be opened (nothing changes then).
    pub fn open(&self, id: &str) -> Result<(), OpenError> {
        self.act(|w, now| match w.open(id, now) {
            Ok(out) => (Ok(()), out),
            Err((why, out)) => (Err(why), out),
        })
        .unwrap_or(Err(OpenError::NotFound))
    }

    /// Applies a change to the open assessment and saves it at once.
    pub fn commit(&self, edit: Edit) {
        if self.apply(edit) {
            self.flush();
        }
    }

    /// Applies a change from typing and saves it after a short pause (or when the page hides).
    pub fn commit_typing(&self, edit: Edit) {
        if self.apply(edit) {
            let wb = *self;
            let timer = set_timeout_with_handle(move || wb.flush(), TYPING_SAVE_DELAY).ok();
            self.typing.update_value(|t| {
                if let Some(old) = std::mem::replace(t, timer) {
                    old.clear();
                }
            });
        }
    }

    fn apply(&self, edit: Edit) -> bool {
        let now = browser::now_iso();
        let changed = self
            .ws
            .try_update_value(|w| w.apply_current(edit, &now))
            .unwrap_or(false);
        if changed {
            self.current_changed.notify();
        }
        changed
    }

    /// Writes pending changes (and retries earlier failed writes).
    pub fn flush(&self) {
        if let Some(t) = self.typing.try_update_value(Option::take).flatten() {
            t.clear();
        }
        self.act(|w, now| ((), w.flush(now)));
    }

    /// Creates an assessment and returns its id.
    pub fn create(&self, name: &str, model_key: &str, target: u8) -> Option<String> {
        let (id, lang) = (browser::new_id(), self.lang.get_untracked());
        let made = self.act(|w, now| {
            let out = w.create(&id, name, model_key, target, lang, now);
            (out.is_some(), out.unwrap_or_default())
        });
        made.filter(|m| *m).map(|_| id)
    }

    /// The default assessment a fresh browser opens into.
    pub fn create_default(&self) -> String {
        let id = browser::new_id();
        let lang = self.lang.get_untracked();
        self.act(|w, now| ((), w.create_default(&id, lang, now)));
        id
    }

    pub fn rename(&self, id: &str, name: &str) {
        self.act(|w, now| ((), w.rename(id, name, now)));
    }

    pub fn duplicate(&self, id: &str, suffix: &str) -> Option<String> {
        let new_id = browser::new_id();
        let made = self.act(|w, now| {
            let out = w.duplicate(id, &new_id, suffix, now);
            (out.is_some(), out.unwrap_or_default())
        });
        made.filter(|m| *m).map(|_| new_id)
    }

    /// Moves an assessment to the trash; the toast offers to undo.
    pub fn delete(&self, id: &str) {
        self.act(|w, now| ((), w.delete(id, now)));
    }

    /// Brings back a trashed version; returns its assessment's id.
    pub fn restore(&self, trash_key: &str) -> Option<String> {
        self.act(|w, now| w.restore(trash_key, now)).flatten()
    }

    pub fn purge(&self, trash_key: &str) {
        self.act(|w, _| ((), w.purge(trash_key)));
    }

    /// Adds an imported assessment under a new id.
    pub fn import_as_new(&self, a: Assessment) -> String {
        let id = browser::new_id();
        self.act(|w, now| ((), w.import_as_new(a, &id, now)));
        id
    }

    /// Replaces the stored assessment with the same id (undoable).
    pub fn import_replace(&self, a: Assessment) -> String {
        let id = a.id.clone();
        self.act(|w, now| ((), w.import_replace(a, now)));
        id
    }

    pub fn mark_exported(&self) {
        self.commit(Edit::Exported(browser::now_iso()));
    }

    /// Loads a model file; on failure every problem is returned.
    pub fn load_model_file(&self, text: &str) -> Result<String, Vec<Problem>> {
        self.act(|w, _| match w.load_model_file(text) {
            Ok((key, out)) => (Ok(key), out),
            Err(problems) => (Err(problems), Outcome::default()),
        })
        .unwrap_or(Err(Vec::new()))
    }

    /// Adds the model a file brought (an import or a workbook document) before its assessment
    /// is stored; nothing already here is replaced.
    pub fn adopt_model(&self, model: &LoadedModel) {
        self.act(|w, _| ((), w.adopt_model(model)));
    }

    /// The `id@version` of every loaded model.
    pub fn model_keys(&self) -> Vec<String> {
        self.models().all().iter().map(|m| m.key()).collect()
    }

    pub fn remove_model(&self, key: &str) {
        self.act(|w, _| ((), w.remove_model(key)));
    }

    pub fn dismiss_quarantine(&self, key: &str) {
        self.act(|w, _| ((), w.dismiss_quarantine(key)));
    }

    pub fn remember_item(&self, id: &str, code: &str) {
        self.act(|w, _| ((), w.remember_item(id, code)));
    }

    /// Stores the chosen language.
    pub fn save_prefs(&self) {
        let lang = self.lang.get_untracked();
        self.act(|w, _| ((), w.set_lang(lang)));
    }

    /// Another tab changed one of our keys.
    pub fn on_storage_event(&self, key: String, value: Option<String>) {
        self.act(|w, now| ((), w.on_storage_event(&key, value, now)));
    }
}
