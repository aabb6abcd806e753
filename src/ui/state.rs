//! The workbook's reactive state and every action on it, provided as one small `Copy` context.
//! The models are plain immutable data; the open assessment is one signal; every computed level
//! comes from a memo of the pure `score` function. Storage decisions are `core::persist`'s; this
//! module only calls them and turns their outcomes into what the user sees.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::core::assessment::{Assessment, Edit, DEFAULT_TARGET};
use crate::core::i18n::{self, fill, T};
use crate::core::model::{LoadedModel, ModelRef, Node};
use crate::core::persist::{
    self, Index, KvError, LoadReport, Prefs, Quarantined, Saved, Store, TrashEntry,
};
use crate::core::route::Route;
use crate::core::rule::Rule;
use crate::core::score::{score, NodeScore, Results};
use crate::core::text::{Lang, Text};
use crate::core::validate::{load_model, Problem};
use crate::web::{browser, files, storage};

/// Whether the work is being kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    Ok,
    /// The last save did not fit: the work is in memory only until a save succeeds.
    Quota,
    /// No localStorage: memory only for this session.
    Unavailable,
    /// A save failed for another reason.
    Failed,
}

/// A persistent message at the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Quarantined(Quarantined),
    Newer {
        key: String,
        schema: u32,
    },
    Migrated {
        name: String,
        from: u32,
    },
    Rebound {
        name: String,
        from: String,
        to: String,
        set_aside: usize,
    },
    MergedFromOtherTab,
    UpdatedFromOtherTab,
    DeletedInOtherTab {
        name: String,
    },
    ModelUnreadable {
        key: String,
        problems: usize,
    },
    ModelMissing {
        name: String,
        model: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// Bring back a trashed version.
    Restore(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub message: String,
    pub undo: Option<Undo>,
}

/// One line of the home list.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub id: String,
    pub name: String,
    pub model: ModelRef,
    pub model_title: Option<Text>,
    pub target: u8,
    /// None when the model is not loaded.
    pub label: Option<String>,
    /// The level reached (the number behind the label).
    pub level: u8,
    pub answered: u32,
    pub total: u32,
    pub updated_at: String,
    pub last_exported_at: Option<String>,
    pub changes: u32,
}

/// Which sub-items the outline shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    Unanswered,
    Blocking,
    NotApplicable,
}

/// One signal per node of the model tree, set only when that node's score changes, so a click
/// updates the few badges it affects instead of re-running a memo per node (which costs a
/// frame on large models).
type ScoreSignals = Vec<ArcRwSignal<Option<NodeScore>>>;

#[derive(Default)]
struct NodeSignals {
    part: ScoreSignals,
    domains: ScoreSignals,
    capabilities: ScoreSignals,
    items: ScoreSignals,
}

impl NodeSignals {
    fn slot(&mut self, node: Node) -> (&mut ScoreSignals, usize) {
        match node {
            Node::Part => (&mut self.part, 0),
            Node::Domain(d) => (&mut self.domains, d),
            Node::Capability(c) => (&mut self.capabilities, c),
            Node::Item(i) => (&mut self.items, i),
        }
    }

    /// Sets every signal whose node scores differently in `r`.
    fn sync(&self, r: Option<&Results>) {
        sync_list(&self.part, r, |_| Node::Part);
        sync_list(&self.domains, r, Node::Domain);
        sync_list(&self.capabilities, r, Node::Capability);
        sync_list(&self.items, r, Node::Item);
    }
}

fn sync_list(list: &ScoreSignals, r: Option<&Results>, node: fn(usize) -> Node) {
    for (i, signal) in list.iter().enumerate() {
        let new = r.and_then(|r| r.get(node(i)).copied());
        if signal.with_untracked(|old| *old != new) {
            signal.set(new);
        }
    }
}

#[derive(Clone, Debug)]
struct Entry {
    rev: u64,
    a: Assessment,
}

#[derive(Default)]
struct Sync {
    /// The revision the open assessment was read or last written at.
    base_rev: u64,
    /// Changes not yet written (re-applied on another tab's version if it wrote meanwhile).
    pending: Vec<Edit>,
    timer: Option<TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct Workbook {
    pub lang: RwSignal<Lang>,
    pub models: RwSignal<Vec<Arc<LoadedModel>>>,
    pub summaries: RwSignal<Vec<Summary>>,
    pub current: RwSignal<Option<Assessment>>,
    pub model: Memo<Option<Arc<LoadedModel>>>,
    pub results: Memo<Option<Arc<Results>>>,
    /// The open assessment's target level (the default target when none is open).
    pub target: Memo<u8>,
    pub route: RwSignal<Route>,
    pub health: RwSignal<Health>,
    pub notices: RwSignal<Vec<Notice>>,
    pub toast: RwSignal<Option<Toast>>,
    pub trash: RwSignal<Vec<TrashEntry>>,
    /// Quarantine keys not dismissed.
    pub quarantine: RwSignal<Vec<String>>,
    pub persisted: RwSignal<Option<bool>>,
    pub filter: RwSignal<Filter>,
    pub help_open: RwSignal<bool>,
    store: StoredValue<Store>,
    nodes: StoredValue<NodeSignals>,
    records: StoredValue<BTreeMap<String, Entry>>,
    sync: StoredValue<Sync, LocalStorage>,
    index: StoredValue<Index>,
    prefs: StoredValue<Prefs>,
}

pub fn use_workbook() -> Workbook {
    expect_context::<Workbook>()
}

fn same_model(a: Option<&Arc<LoadedModel>>, b: Option<&Arc<LoadedModel>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl Workbook {
    /// Builds the state from what storage holds. `embedded` is the model shipped inside.
    pub fn new(
        embedded: Arc<LoadedModel>,
        store: Store,
        storage_ok: bool,
        route: Route,
    ) -> Workbook {
        let models = RwSignal::new(vec![embedded]);
        let current = RwSignal::new(None::<Assessment>);
        let model = Memo::new_with_compare(
            move |_| {
                let r = current.with(|c| c.as_ref().map(|a| a.model.clone()))?;
                models.with(|ms| find_model(ms, &r))
            },
            |a, b| !same_model(a.and_then(|x| x.as_ref()), b.and_then(|x| x.as_ref())),
        );
        // Always "changed": the per-node memos below decide what re-renders.
        let results = Memo::new_with_compare(
            move |_| {
                let m = model.get()?;
                current.with(|c| {
                    c.as_ref().map(|a| {
                        browser::timed("wb-score", || {
                            Arc::new(score(&m, &a.answers, a.target_level, Rule::default()))
                        })
                    })
                })
            },
            |_, _| true,
        );
        let target = Memo::new(move |_| {
            current.with(|c| c.as_ref().map_or(DEFAULT_TARGET, |a| a.target_level))
        });
        let nodes = StoredValue::new(NodeSignals::default());
        Effect::new(move |_| results.with(|r| nodes.with_value(|n| n.sync(r.as_deref()))));
        Workbook {
            lang: RwSignal::new(Lang::Zh),
            models,
            summaries: RwSignal::new(Vec::new()),
            current,
            model,
            results,
            target,
            route: RwSignal::new(route),
            health: RwSignal::new(if storage_ok {
                Health::Ok
            } else {
                Health::Unavailable
            }),
            notices: RwSignal::new(Vec::new()),
            toast: RwSignal::new(None),
            trash: RwSignal::new(Vec::new()),
            quarantine: RwSignal::new(Vec::new()),
            persisted: RwSignal::new(None),
            filter: RwSignal::new(Filter::All),
            help_open: RwSignal::new(false),
            store: StoredValue::new(store),
            nodes,
            records: StoredValue::new(BTreeMap::new()),
            sync: StoredValue::new_local(Sync::default()),
            index: StoredValue::new(Index::default()),
            prefs: StoredValue::new(Prefs::default()),
        }
    }

    /// The score of a node of the open assessment, as a signal that changes only when that
    /// node's score does.
    pub fn node_score(&self, node: Node) -> Signal<Option<NodeScore>> {
        let now = self
            .results
            .with_untracked(|r| r.as_ref().and_then(|r| r.get(node).copied()));
        let signal = self
            .nodes
            .try_update_value(|n| {
                let (list, i) = n.slot(node);
                while list.len() <= i {
                    list.push(ArcRwSignal::new(None));
                }
                if list[i].with_untracked(|old| *old != now) {
                    list[i].set(now);
                }
                list[i].clone()
            })
            .unwrap_or_else(|| ArcRwSignal::new(now));
        Signal::derive(move || signal.get())
    }

    /// A UI string in the current language (reactive).
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang.get())
    }

    pub fn current_id(&self) -> Option<String> {
        self.current
            .with_untracked(|c| c.as_ref().map(|a| a.id.clone()))
    }

    pub fn model_for(&self, r: &ModelRef) -> Option<Arc<LoadedModel>> {
        self.models.with_untracked(|ms| find_model(ms, r))
    }

    /// Reads storage: assessments, prefs, loaded models, quarantined and trashed records.
    pub fn load(&self) {
        let embedded = self.models.with_untracked(|m| Arc::clone(&m[0]));
        // Model files the user loaded come first, so records can find their models.
        let mut loaded = vec![embedded];
        for (key, text) in self.store.with_value(|s| s.model_files()) {
            match load_model(&text) {
                Ok(m) => loaded.push(Arc::new(m)),
                Err(p) => self.notify(Notice::ModelUnreadable {
                    key,
                    problems: p.len(),
                }),
            }
        }
        self.models.set(loaded);
        let models = self.models;
        let finder = move |r: &ModelRef| models.with_untracked(|ms| find_model(ms, r));
        let report: LoadReport = self
            .store
            .try_update_value(|s| s.load(&finder))
            .unwrap_or_default();
        if let Some(e) = &report.error {
            self.health.set(if *e == KvError::Unavailable {
                Health::Unavailable
            } else {
                Health::Failed
            });
        }
        let prefs = report.prefs.clone();
        if let Some(lang) = prefs.lang {
            self.lang.set(lang);
        }
        for q in &report.quarantined {
            self.notify(Notice::Quarantined(q.clone()));
        }
        self.quarantine.set(
            report
                .quarantine_keys
                .iter()
                .filter(|k| !prefs.dismissed.contains(*k))
                .cloned()
                .collect(),
        );
        for (key, schema) in &report.newer {
            self.notify(Notice::Newer {
                key: key.clone(),
                schema: *schema,
            });
        }
        let mut records = BTreeMap::new();
        let mut order = report.index.order.clone();
        for record in report.records {
            let mut a = record.assessment;
            let mut rev = record.rev;
            let migrated = report
                .migrated
                .iter()
                .find(|(id, _)| *id == a.id)
                .map(|(_, from)| *from);
            let mut dirty = migrated.is_some();
            if let Some(from) = migrated {
                self.notify(Notice::Migrated {
                    name: a.name.clone(),
                    from,
                });
            }
            // Carry answers over to the loaded version of the model, keeping unknown ones aside.
            if let Some(model) = self.model_for(&a.model) {
                if let Some(rebound) = a.rebind(&model) {
                    if rebound.from.version != model.model.version || !rebound.set_aside.is_empty()
                    {
                        self.notify(Notice::Rebound {
                            name: a.name.clone(),
                            from: rebound.from.version.clone(),
                            to: model.model.version.clone(),
                            set_aside: rebound.set_aside.len(),
                        });
                    }
                    dirty = true;
                }
            }
            if dirty {
                if let Some(Ok(Saved::Written { rev: r } | Saved::Merged { rev: r, .. })) = self
                    .store
                    .try_update_value(|s| s.save(&a, rev, &[], &browser::now_iso()))
                {
                    rev = r;
                }
            }
            if !order.contains(&a.id) {
                order.push(a.id.clone());
            }
            records.insert(a.id.clone(), Entry { rev, a });
        }
        order.retain(|id| records.contains_key(id));
        let mut index = report.index.clone();
        index.order = order;
        self.index.set_value(index);
        self.prefs.set_value(prefs);
        self.records.set_value(records);
        self.trash.set(report.trash);
        self.refresh_summaries();
    }

    pub fn notify(&self, n: Notice) {
        self.notices.update(|v| {
            if !v.contains(&n) {
                v.push(n);
            }
        });
    }

    pub fn dismiss(&self, n: &Notice) {
        self.notices.update(|v| v.retain(|x| x != n));
    }

    fn summary_of(&self, a: &Assessment) -> Summary {
        let model = self.model_for(&a.model);
        let results = model
            .as_ref()
            .map(|m| score(m, &a.answers, a.target_level, Rule::default()));
        Summary {
            id: a.id.clone(),
            name: a.name.clone(),
            model: a.model.clone(),
            model_title: model.as_ref().map(|m| m.model.title.clone()),
            target: a.target_level,
            label: results.as_ref().map(|r| r.part.label.to_string()),
            level: results.as_ref().map_or(1, |r| r.part.level()),
            answered: results.as_ref().map_or(0, |r| r.part.answered),
            total: results.as_ref().map_or(0, |r| r.part.total),
            updated_at: a.updated_at.clone(),
            last_exported_at: a.last_exported_at.clone(),
            changes: a.changes_since_export,
        }
    }

    fn refresh_summaries(&self) {
        let order = self.index.with_value(|i| i.order.clone());
        let list = self.records.with_value(|r| {
            order
                .iter()
                .filter_map(|id| r.get(id))
                .map(|e| self.summary_of(&e.a))
                .collect::<Vec<_>>()
        });
        self.summaries.set(list);
    }

    fn write_index(&self) {
        let index = self.index.get_value();
        if let Some(Err(e)) = self.store.try_update_value(|s| s.write_index(&index)) {
            self.storage_failed(&e);
        }
    }

    pub fn save_prefs(&self) {
        let mut prefs = self.prefs.get_value();
        prefs.lang = Some(self.lang.get_untracked());
        self.prefs.set_value(prefs.clone());
        let _ = self.store.try_update_value(|s| s.write_prefs(&prefs));
    }

    fn storage_failed(&self, e: &KvError) {
        self.health.set(match e {
            KvError::Quota => Health::Quota,
            KvError::Unavailable => Health::Unavailable,
            KvError::Other(_) => Health::Failed,
        });
    }

    /// The most recently opened assessment, or the first, if any.
    pub fn last_opened(&self) -> Option<String> {
        let index = self.index.get_value();
        self.records.with_value(|r| {
            index
                .current
                .filter(|id| r.contains_key(id))
                .or_else(|| index.order.first().cloned())
        })
    }

    pub fn last_item(&self, id: &str) -> Option<String> {
        self.index.with_value(|i| i.last_item.get(id).cloned())
    }

    pub fn remember_item(&self, id: &str, code: &str) {
        let changed = self.index.try_update_value(|i| {
            i.current = Some(id.to_string());
            i.last_item.insert(id.to_string(), code.to_string()) != Some(code.to_string())
        });
        if changed == Some(true) {
            self.write_index();
        }
    }

    pub fn exists(&self, id: &str) -> bool {
        self.records.with_value(|r| r.contains_key(id))
    }

    /// Makes `id` the open assessment. Returns false if it cannot be opened (unknown id or
    /// its model is not loaded; nothing is changed then).
    pub fn open(&self, id: &str) -> bool {
        if self.current_id().as_deref() == Some(id) {
            return true;
        }
        self.flush();
        let Some(entry) = self.records.with_value(|r| r.get(id).cloned()) else {
            return false;
        };
        if self.model_for(&entry.a.model).is_none() {
            self.notify(Notice::ModelMissing {
                name: entry.a.name.clone(),
                model: format!("{} {}", entry.a.model.id, entry.a.model.version),
            });
            return false;
        }
        self.sync.update_value(|s| {
            s.base_rev = entry.rev;
            s.pending.clear();
        });
        self.current.set(Some(entry.a));
        let changed = self
            .index
            .try_update_value(|i| i.current.replace(id.to_string()) != Some(id.to_string()));
        if changed == Some(true) {
            self.write_index();
        }
        true
    }

    /// Applies a change to the open assessment and saves it at once.
    pub fn commit(&self, edit: Edit) {
        if self.apply(edit) {
            self.flush();
        }
    }

    /// Applies a change from typing and saves it shortly after (or when the page is hidden).
    pub fn commit_typing(&self, edit: Edit) {
        if self.apply(edit) {
            let wb = *self;
            self.sync.update_value(|s| {
                if let Some(t) = s.timer.take() {
                    t.clear();
                }
                s.timer =
                    set_timeout_with_handle(move || wb.flush(), Duration::from_millis(400)).ok();
            });
        }
    }

    fn apply(&self, edit: Edit) -> bool {
        let now = browser::now_iso();
        let mut changed = false;
        self.current.update(|c| {
            if let Some(a) = c.as_mut() {
                changed = a.apply(&edit, &now);
            }
        });
        if changed {
            self.sync.update_value(|s| s.pending.push(edit));
        }
        changed
    }

    /// Writes pending changes. On a full or missing store the work stays in memory, the
    /// pending changes are kept for the next attempt, and the warning stays up.
    pub fn flush(&self) {
        self.sync.update_value(|s| {
            if let Some(t) = s.timer.take() {
                t.clear();
            }
        });
        let Some(a) = self.current.get_untracked() else {
            return;
        };
        let (base_rev, pending) = self.sync.with_value(|s| (s.base_rev, s.pending.clone()));
        if pending.is_empty() && self.health.get_untracked() == Health::Ok {
            return;
        }
        let result = self
            .store
            .try_update_value(|s| s.save(&a, base_rev, &pending, &browser::now_iso()));
        match result {
            Some(Ok(Saved::Written { rev })) => self.saved(rev, a, false),
            Some(Ok(Saved::Merged { rev, assessment })) => {
                self.current.set(Some((*assessment).clone()));
                self.saved(rev, *assessment, true);
            }
            Some(Err(e)) => self.storage_failed(&e),
            None => {}
        }
    }

    fn saved(&self, rev: u64, a: Assessment, merged: bool) {
        self.sync.update_value(|s| {
            s.base_rev = rev;
            s.pending.clear();
        });
        if self.health.get_untracked() != Health::Ok {
            self.health.set(Health::Ok);
        }
        if merged {
            self.notify(Notice::MergedFromOtherTab);
        }
        let id = a.id.clone();
        let new = self
            .records
            .try_update_value(|r| r.insert(id.clone(), Entry { rev, a }).is_none());
        if new == Some(true) {
            self.index.update_value(|i| {
                if !i.order.contains(&id) {
                    i.order.push(id.clone());
                }
            });
            self.write_index();
        }
        self.refresh_summaries();
    }

    /// Creates an assessment and returns its id.
    pub fn create(&self, name: &str, model_key: &str, target: u8) -> Option<String> {
        let model = self
            .models
            .with_untracked(|ms| ms.iter().find(|m| m.key() == model_key).cloned())?;
        let id = browser::new_id();
        let a = Assessment::new(
            &id,
            name.trim(),
            &model,
            target,
            self.lang.get_untracked(),
            &browser::now_iso(),
        );
        self.add_new(a);
        Some(id)
    }

    /// The default assessment a fresh browser opens into: the embedded model, target 3.
    pub fn create_default(&self) -> Option<String> {
        let key = self.models.with_untracked(|m| m[0].key());
        let name = i18n::DEFAULT_ASSESSMENT_NAME.get(self.lang.get_untracked());
        self.create(name, &key, DEFAULT_TARGET)
    }

    fn add_new(&self, a: Assessment) {
        let id = a.id.clone();
        match self
            .store
            .try_update_value(|s| s.save(&a, 0, &[], &browser::now_iso()))
        {
            Some(Ok(Saved::Written { rev } | Saved::Merged { rev, .. })) => {
                self.records.update_value(|r| {
                    r.insert(id.clone(), Entry { rev, a });
                });
            }
            Some(Err(e)) => {
                // Kept in memory even when it could not be stored.
                self.storage_failed(&e);
                self.records.update_value(|r| {
                    r.insert(
                        id.clone(),
                        Entry {
                            rev: 0,
                            a: a.clone(),
                        },
                    );
                });
                self.sync
                    .update_value(|s| s.pending.push(Edit::Rename(a.name.clone())));
            }
            None => {}
        }
        self.index.update_value(|i| i.order.push(id.clone()));
        self.write_index();
        self.refresh_summaries();
    }

    pub fn rename(&self, id: &str, name: &str) {
        if self.current_id().as_deref() == Some(id) {
            self.commit(Edit::Rename(name.trim().to_string()));
            return;
        }
        self.update_other(id, Edit::Rename(name.trim().to_string()));
    }

    fn update_other(&self, id: &str, edit: Edit) {
        let Some(mut entry) = self.records.with_value(|r| r.get(id).cloned()) else {
            return;
        };
        if !entry.a.apply(&edit, &browser::now_iso()) {
            return;
        }
        match self
            .store
            .try_update_value(|s| s.save(&entry.a, entry.rev, &[edit], &browser::now_iso()))
        {
            Some(Ok(Saved::Written { rev })) => self.records.update_value(|r| {
                r.insert(id.to_string(), Entry { rev, a: entry.a });
            }),
            Some(Ok(Saved::Merged { rev, assessment })) => self.records.update_value(|r| {
                r.insert(
                    id.to_string(),
                    Entry {
                        rev,
                        a: *assessment,
                    },
                );
            }),
            Some(Err(e)) => self.storage_failed(&e),
            None => {}
        }
        self.refresh_summaries();
    }

    pub fn duplicate(&self, id: &str, copy_suffix: &str) -> Option<String> {
        self.flush();
        let mut a = self
            .records
            .with_value(|r| r.get(id).map(|e| e.a.clone()))?;
        let new_id = browser::new_id();
        let now = browser::now_iso();
        a.id = new_id.clone();
        a.name = format!("{}{copy_suffix}", a.name);
        a.created_at = now.clone();
        a.updated_at = now;
        a.last_exported_at = None;
        a.changes_since_export = a.answers.len() as u32;
        self.add_new(a);
        Some(new_id)
    }

    /// Moves an assessment to the trash, with an undo.
    pub fn delete(&self, id: &str, message: String) {
        if self.current_id().as_deref() == Some(id) {
            self.flush();
            self.current.set(None);
        }
        match self
            .store
            .try_update_value(|s| s.delete(id, &browser::now_iso()))
        {
            Some(Ok(trash_key)) => {
                self.toast.set(Some(Toast {
                    message,
                    undo: Some(Undo::Restore(trash_key)),
                }));
            }
            Some(Err(e)) => {
                self.storage_failed(&e);
                return;
            }
            None => return,
        }
        self.records.update_value(|r| {
            r.remove(id);
        });
        self.index.update_value(|i| {
            i.order.retain(|x| x != id);
            if i.current.as_deref() == Some(id) {
                i.current = None;
            }
        });
        self.write_index();
        self.reload_trash();
        self.refresh_summaries();
    }

    fn reload_trash(&self) {
        let trash = self
            .store
            .try_update_value(|s| s.load(&|_| None).trash)
            .unwrap_or_default();
        self.trash.set(trash);
    }

    /// Brings back a trashed version (the current version, if any, goes to the trash).
    pub fn restore(&self, trash_key: &str) -> Option<String> {
        self.flush();
        let record = match self
            .store
            .try_update_value(|s| s.restore(trash_key, &browser::now_iso()))?
        {
            Ok(r) => r,
            Err(e) => {
                self.storage_failed(&e);
                return None;
            }
        };
        let id = record.assessment.id.clone();
        let open = self.current_id().as_deref() == Some(id.as_str());
        self.records.update_value(|r| {
            r.insert(
                id.clone(),
                Entry {
                    rev: record.rev,
                    a: record.assessment.clone(),
                },
            );
        });
        if open {
            self.sync.update_value(|s| {
                s.base_rev = record.rev;
                s.pending.clear();
            });
            self.current.set(Some(record.assessment));
        }
        self.index.update_value(|i| {
            if !i.order.contains(&id) {
                i.order.push(id.clone());
            }
        });
        self.write_index();
        self.reload_trash();
        self.refresh_summaries();
        Some(id)
    }

    pub fn purge(&self, trash_key: &str) {
        if let Some(Err(e)) = self.store.try_update_value(|s| s.purge(trash_key)) {
            self.storage_failed(&e);
        }
        self.reload_trash();
    }

    /// Adds an imported assessment under a new id.
    pub fn import_as_new(&self, mut a: Assessment) -> String {
        let id = browser::new_id();
        a.id = id.clone();
        self.add_new(a);
        id
    }

    /// Replaces the stored assessment with the same id; the replaced version goes to the trash
    /// and the toast offers to undo.
    pub fn import_replace(&self, a: Assessment, message: String) -> String {
        let id = a.id.clone();
        if self.current_id().as_deref() == Some(id.as_str()) {
            self.flush();
        }
        let kept = self
            .store
            .try_update_value(|s| s.keep_in_trash(&id, &browser::now_iso()));
        let trash_key = match kept {
            Some(Ok(k)) => k,
            Some(Err(e)) => {
                self.storage_failed(&e);
                return id;
            }
            None => None,
        };
        let rev = self.records.with_value(|r| r.get(&id).map_or(0, |e| e.rev));
        let stored_rev = self
            .store
            .with_value(|s| s.stored_record(&id).map_or(0, |r| r.rev))
            .max(rev);
        match self
            .store
            .try_update_value(|s| s.save(&a, stored_rev, &[], &browser::now_iso()))
        {
            Some(Ok(Saved::Written { rev } | Saved::Merged { rev, .. })) => {
                self.records.update_value(|r| {
                    r.insert(id.clone(), Entry { rev, a: a.clone() });
                });
                if self.current_id().as_deref() == Some(id.as_str()) {
                    self.sync.update_value(|s| {
                        s.base_rev = rev;
                        s.pending.clear();
                    });
                    self.current.set(Some(a));
                }
            }
            Some(Err(e)) => self.storage_failed(&e),
            None => {}
        }
        if !self.index.with_value(|i| i.order.contains(&id)) {
            self.index.update_value(|i| i.order.push(id.clone()));
            self.write_index();
        }
        self.toast.set(Some(Toast {
            message,
            undo: trash_key.map(Undo::Restore),
        }));
        self.reload_trash();
        self.refresh_summaries();
        id
    }

    /// Offers a file for download; if the browser refuses, says so instead of failing silently.
    pub fn save_file(&self, name: &str, mime: &str, text: &str) -> bool {
        match files::download(name, mime, text) {
            Ok(()) => true,
            Err(e) => {
                let detail = match e {
                    files::FileError::Browser(d) | files::FileError::Unreadable(d) => d,
                    files::FileError::TooLarge { bytes, .. } => format!("{bytes:.0} B"),
                };
                self.toast.set(Some(Toast {
                    message: fill(
                        i18n::DOWNLOAD_FAILED.get(self.lang.get_untracked()),
                        &[("name", name), ("detail", &detail)],
                    ),
                    undo: None,
                }));
                false
            }
        }
    }

    pub fn mark_exported(&self) {
        self.commit(Edit::Exported(browser::now_iso()));
    }

    /// Loads a model file; on failure every problem is returned.
    pub fn load_model_file(&self, text: &str) -> Result<String, Vec<Problem>> {
        let model = load_model(text)?;
        let key = model.key();
        let clash = self
            .models
            .with_untracked(|ms| ms.iter().find(|m| m.key() == key).cloned());
        if let Some(existing) = clash {
            if existing.sha256 == model.sha256 {
                return Ok(key);
            }
            return Err(vec![Problem::new(
                "$.version",
                crate::core::validate::ProblemKind::Duplicate {
                    value: key.clone(),
                    first: "(loaded)".into(),
                },
            )]);
        }
        if let Some(Err(e)) = self.store.try_update_value(|s| s.save_model(&key, text)) {
            self.storage_failed(&e);
        }
        self.models.update(|ms| ms.push(Arc::new(model)));
        self.refresh_summaries();
        Ok(key)
    }

    /// Whether any assessment uses a model.
    pub fn model_in_use(&self, key: &str) -> bool {
        self.records.with_value(|r| {
            r.values()
                .any(|e| format!("{}@{}", e.a.model.id, e.a.model.version) == key)
        })
    }

    pub fn remove_model(&self, key: &str) {
        if self.model_in_use(key) || self.models.with_untracked(|m| m[0].key() == key) {
            return;
        }
        let _ = self.store.try_update_value(|s| s.remove_model(key));
        self.models.update(|ms| ms.retain(|m| m.key() != key));
    }

    pub fn dismiss_quarantine(&self, key: &str) {
        self.prefs.update_value(|p| {
            p.dismissed.insert(key.to_string());
        });
        self.save_prefs();
        self.quarantine.update(|q| q.retain(|k| k != key));
    }

    pub fn raw_stored(&self, key: &str) -> Option<String> {
        self.store.with_value(|s| s.raw(key))
    }

    /// Characters the open assessment takes in storage.
    pub fn stored_size(&self, id: &str) -> usize {
        self.store.with_value(|s| s.stored_chars(id))
    }

    /// Another tab changed one of our keys.
    pub fn on_storage_event(&self, key: String, value: Option<String>) {
        let Some(id) = key.strip_prefix("a:").map(str::to_string) else {
            if key == "index"
                || key.is_empty()
                || key.starts_with("trash:")
                || key.starts_with("model:")
            {
                self.reload_from_other_tab();
            }
            return;
        };
        let open = self.current_id().as_deref() == Some(id.as_str());
        let Some(text) = value else {
            // Deleted in another tab: this tab keeps its copy and says so; saving again would
            // bring it back, so nothing is lost.
            if open {
                let name = self
                    .current
                    .with_untracked(|c| c.as_ref().map(|a| a.name.clone()))
                    .unwrap_or_default();
                self.notify(Notice::DeletedInOtherTab { name });
            } else {
                self.records.update_value(|r| {
                    r.remove(&id);
                });
                self.index.update_value(|i| i.order.retain(|x| *x != id));
                self.refresh_summaries();
            }
            self.reload_trash();
            return;
        };
        let models = self.models;
        let decoded = persist::decode(&text, &id, &move |r| {
            models.with_untracked(|ms| find_model(ms, r))
        });
        let persist::Decoded::Current(record) = decoded else {
            return;
        };
        if open {
            let (base, has_pending) = self
                .sync
                .with_value(|s| (s.base_rev, !s.pending.is_empty()));
            if record.rev <= base {
                return;
            }
            if has_pending {
                // Our unsaved changes go on top of theirs.
                self.flush();
            } else {
                self.sync.update_value(|s| s.base_rev = record.rev);
                self.current.set(Some(record.assessment.clone()));
                self.notify(Notice::UpdatedFromOtherTab);
            }
        }
        let id2 = id.clone();
        self.records.update_value(|r| {
            r.insert(
                id2,
                Entry {
                    rev: record.rev,
                    a: record.assessment,
                },
            );
        });
        self.index.update_value(|i| {
            if !i.order.contains(&id) {
                i.order.push(id.clone());
            }
        });
        self.refresh_summaries();
    }

    fn reload_from_other_tab(&self) {
        if let Some(Ok(Some(text))) = self.store.with_value(|s| Some(s.get("index"))) {
            if let Ok(index) = serde_json::from_str::<Index>(&text) {
                self.index.update_value(|i| {
                    for id in index.order {
                        if !i.order.contains(&id) {
                            i.order.push(id);
                        }
                    }
                });
            }
        }
        self.reload_trash();
        self.refresh_summaries();
    }

    /// Asks the browser for persistent storage and records the answer.
    pub fn request_persistence(&self) {
        let persisted = self.persisted;
        leptos::task::spawn_local(async move {
            persisted.set(storage::request_persistence().await);
        });
    }
}

/// The model an assessment refers to: the exact text if loaded, else the same id and version,
/// else the same id (another version, to which answers are carried over by id).
pub fn find_model(models: &[Arc<LoadedModel>], r: &ModelRef) -> Option<Arc<LoadedModel>> {
    models
        .iter()
        .find(|m| m.sha256 == r.sha256)
        .or_else(|| {
            models
                .iter()
                .find(|m| m.model.id == r.id && m.model.version == r.version)
        })
        .or_else(|| models.iter().find(|m| m.model.id == r.id))
        .cloned()
}
