//! The workbook's actions on workbook documents, a second `impl Workbook` beside the first:
//! saving the open assessment as one HTML file (Save, Save as, autosave), the name asked once,
//! opening the document embedded in this page, taking a document's version, and merging.
//! Each one calls the workspace (`core::store::workspace`), which decides, and publishes its
//! outcome; the views in `ui::document` only call these and show the dialogs' state
//! ([`Documents`]).

use std::time::Duration;

use leptos::prelude::*;

use maturity_core::assess::assessment::Assessment;
use maturity_core::formats::{document, exchange};
use maturity_core::store::merge::{self, MergePlan, Side};
use maturity_core::store::persist::DocumentInfo;
use maturity_core::store::workspace::{Meeting, Toast};
use maturity_core::text::i18n;
use maturity_core::view::route::Route;

use super::Workbook;
use crate::web::{browser, docfile, files};

/// How long after the last change an autosave writes the file.
const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// The document dialogs' state, provided as a context next to the workbook.
#[derive(Clone, Copy)]
pub struct Documents {
    /// A document met another version here: the choice to make.
    pub meeting: RwSignal<Option<Meeting>>,
    /// A merge waiting for the user's decisions.
    pub merge: RwSignal<Option<MergePlan>>,
    /// The name is being asked before a save (`Some(as_new)`).
    pub asking_name: RwSignal<Option<bool>>,
    pub saving: RwSignal<bool>,
    autosave_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

pub fn use_documents() -> Documents {
    expect_context::<Documents>()
}

impl Documents {
    pub fn new() -> Documents {
        Documents {
            meeting: RwSignal::new(None),
            merge: RwSignal::new(None),
            asking_name: RwSignal::new(None),
            saving: RwSignal::new(false),
            autosave_timer: StoredValue::new_local(None),
        }
    }
}

impl Default for Documents {
    fn default() -> Documents {
        Documents::new()
    }
}

impl Workbook {
    /// The workbook document an assessment was last saved to or opened from (subscribes to
    /// changes of the lists and the open assessment).
    pub fn document(&self, id: &str) -> Option<DocumentInfo> {
        self.track_all();
        self.ws.with_value(|w| w.document(id).cloned())
    }

    /// Whether an assessment has changes its workbook document does not hold.
    pub fn unsaved_in_document(&self, id: &str) -> bool {
        self.track_all();
        self.ws.with_value(|w| w.unsaved_in_document(id))
    }

    /// Whether the user turned autosave on in this browser.
    pub fn autosave(&self) -> bool {
        self.track_all();
        self.ws.with_value(|w| w.autosave())
    }

    pub fn set_autosave(&self, on: bool) {
        self.act(|w, _| ((), w.set_autosave(on)));
    }

    /// Records the name the user gave (empty when they skipped); their unnamed changes made
    /// here get it.
    pub fn set_user_name(&self, name: &str) {
        self.act(|w, now| ((), w.set_user_name(name, now)));
    }

    /// Saves the open assessment as its workbook document: to the same file again where this
    /// browser knows it (`as_new` false), else where the user chooses, or as a download. The
    /// user's name is asked first, once.
    pub fn save(&self, docs: Documents, as_new: bool) {
        let wb = *self;
        if wb.ws.with_value(|w| w.should_ask_name()) {
            docs.asking_name.set(Some(as_new));
            return;
        }
        if docs.saving.get_untracked() {
            return;
        }
        let Some((model, a)) = wb
            .model
            .get_untracked()
            .zip(wb.with_current_untracked(|c| c.cloned()))
        else {
            return;
        };
        docs.saving.set(true);
        leptos::task::spawn_local(async move {
            let lang = wb.lang.get_untracked();
            let now = browser::now_iso();
            let result = async {
                let template = docfile::template().await?;
                let json = exchange::export(&model, &a, &now);
                let html = document::write(&template, &json)
                    .map_err(|_| docfile::DocError::NoTemplate("<body>".into()))?;
                let known = wb
                    .ws
                    .with_value(|w| w.document(&a.id).map(|d| d.name.clone()));
                // A new file is named for what it holds now (the level may have moved since
                // the file this browser knows was written).
                let suggested = document::default_name(&model, &a, lang, &browser::today());
                if !as_new {
                    if let Some(done) = docfile::save(&a.id, &html, true).await {
                        done?;
                        return Ok(Toast::Saved {
                            file: known.unwrap_or(suggested),
                        });
                    }
                }
                if docfile::can_save_in_place() {
                    let file = docfile::save_as(&a.id, &suggested, &html, lang).await?;
                    Ok(Toast::Saved { file })
                } else {
                    files::download(&suggested, "text/html;charset=utf-8", &html)
                        .map_err(|e| docfile::DocError::Write(e.message(lang)))?;
                    Ok(Toast::Downloaded { file: suggested })
                }
            }
            .await;
            docs.saving.set(false);
            match result {
                Ok(toast) => {
                    let file = match &toast {
                        Toast::Saved { file } | Toast::Downloaded { file } => file.clone(),
                        _ => String::new(),
                    };
                    wb.act(|w, _| ((), w.document_saved(&a.id, &file, &now)));
                    browser::mark("wb-document-saved");
                    wb.toast.set(Some(toast));
                }
                Err(docfile::DocError::Cancelled) => {}
                Err(e) => wb.toast.set(Some(Toast::SaveFailed {
                    detail: e.message(lang),
                })),
            }
        });
    }

    /// After a change, writes the document again once things are quiet, if the user turned
    /// autosave on and this browser can write the file without asking.
    pub fn schedule_autosave(&self, docs: Documents) {
        let wb = *self;
        let Some(id) = wb.current_id() else { return };
        if !wb
            .ws
            .with_value(|w| w.autosave() && w.unsaved_in_document(&id))
        {
            return;
        }
        let timer = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    let Some(html) = wb.document_html().await else {
                        return;
                    };
                    let now = browser::now_iso();
                    match docfile::save(&id, &html.1, false).await {
                        Some(Ok(())) => {
                            let file = wb
                                .ws
                                .with_value(|w| w.document(&id).map(|d| d.name.clone()))
                                .unwrap_or_default();
                            wb.act(|w, _| ((), w.document_saved(&id, &file, &now)));
                        }
                        Some(Err(_)) => wb.toast.set(Some(Toast::SaveFailed {
                            detail: i18n::AUTOSAVE_PAUSED.get(wb.lang.get_untracked()).into(),
                        })),
                        None => {}
                    }
                });
            },
            AUTOSAVE_DELAY,
        )
        .ok();
        docs.autosave_timer.update_value(|t| {
            if let Some(old) = std::mem::replace(t, timer) {
                old.clear();
            }
        });
    }

    /// The open assessment's document text (exported at the current time) and the time.
    async fn document_html(self) -> Option<(String, String)> {
        let model = self.model.get_untracked()?;
        let a = self.with_current_untracked(|c| c.cloned())?;
        let template = docfile::template().await.ok()?;
        let now = browser::now_iso();
        let html = document::write(&template, &exchange::export(&model, &a, &now)).ok()?;
        Some((now, html))
    }

    /// Opens the document embedded in this page, if the page is one. Returns the route to
    /// show, or the import report of a document that cannot be read.
    pub fn open_embedded(&self, docs: Documents) -> Option<Result<Route, exchange::ImportReport>> {
        let json = docfile::embedded()?;
        let report = exchange::import(&json, untrack(|| self.models()).all());
        let Some(there) = report.assessment.clone() else {
            return Some(Err(report));
        };
        let file = docfile::page_file_name().unwrap_or_default();
        let id = there.id.clone();
        // A model the document brought is added first, so its assessment opens with it.
        if let Some(m) = &report.carried {
            self.adopt_model(m);
        }
        let meeting = self.act(|w, now| w.meet_document(there, &file, now));
        match meeting {
            Some(Meeting::New) => self.toast.set(Some(Toast::Opened { file })),
            Some(m @ Meeting::Differ { .. }) => docs.meeting.set(Some(m)),
            _ => {}
        }
        Some(Ok(Route::Dashboard(id)))
    }

    /// The user chose the document's version over this browser's (which goes to the trash).
    pub fn take_document(&self, there: Assessment, file: &str) {
        self.act(|w, now| ((), w.take_document(there, file, now)));
    }

    /// Plans merging `there` into this browser's copy of the same assessment and shows the
    /// plan in the merge dialog (nothing changes before the user decides).
    pub fn start_merge(&self, docs: Documents, there: &Assessment) {
        let plan = self
            .ws
            .with_value(|w| w.get(&there.id).map(|here| merge::plan(here, there)));
        if let Some(plan) = plan {
            docs.merge.set(Some(plan));
        }
    }

    /// Carries out a merge with the user's choice for each conflict; the version before goes
    /// to the trash and the toast offers to undo.
    pub fn merge(&self, plan: &MergePlan, choices: &[Side]) {
        let by = self.ws.with_value(|w| w.user_name().to_string());
        let merged = merge::resolve(plan, choices, &browser::now_iso(), &by);
        self.act(|w, now| ((), w.merge_in(merged, now)));
    }
}
