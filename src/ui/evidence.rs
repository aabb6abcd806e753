//! Evidence entries as table rows of inputs: the sub-item page's evidence editor and the rows
//! the evidence plan lists (the same row, with its sub-item shown).

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::{
    Edit, EntryKind, EvidenceEntry, EvidenceField, EvidenceStatus,
};
use maturity_core::model::{ExpectedEvidence, LoadedModel};
use maturity_core::text::i18n::{self, T};
use maturity_core::view::route::Route;

use crate::ui::materials::material_label;
use crate::ui::state::use_workbook;
use crate::web::browser;

/// The evidence entries of a sub-item, editable in place.
#[component]
pub fn EvidenceEditor(model: Arc<LoadedModel>, item: usize) -> impl IntoView {
    let wb = use_workbook();
    let code = model.item(item).code.clone();
    let ids = {
        let code = code.clone();
        Memo::new(move |_| {
            wb.with_current(|c| {
                c.and_then(|a| a.items.get(&code))
                    .map(|w| w.evidence.iter().map(|e| e.id.clone()).collect::<Vec<_>>())
                    .unwrap_or_default()
            })
        })
    };
    let add_code = code.clone();
    view! {
        <section class="evidence" aria-labelledby="evidence-title">
            <h2 id="evidence-title">{move || wb.t(i18n::EVIDENCE)}</h2>
            <p class="hint">{move || wb.t(i18n::EVIDENCE_HINT)}</p>
            <div class="table-wrap">
                <table class="evidence-table">
                    <thead>
                        <tr>
                            <EvidenceColumns />
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || ids.get() key=|id| id.clone() let:entry_id>
                            <EvidenceRow model=Arc::clone(&model) item=item entry_id=entry_id />
                        </For>
                    </tbody>
                </table>
            </div>
            <button
                type="button"
                data-action="add-evidence"
                on:click=move |_| {
                    wb.commit(Edit::AddEvidence {
                        item: add_code.clone(),
                    })
                }
            >
                {move || wb.t(i18n::ADD_EVIDENCE)}
            </button>
        </section>
    }
}

/// The column headers of an evidence table (the sub-item page's and the plan's): one row of
/// [`EvidenceRow`] cells.
#[component]
pub fn EvidenceColumns() -> impl IntoView {
    let wb = use_workbook();
    let header = move |t: T| view! { <th scope="col">{move || wb.t(t)}</th> };
    view! {
        {header(i18n::EV_TITLE)}
        {header(i18n::EV_LEVELS)}
        {header(i18n::EV_KIND)}
        {header(i18n::EV_STATUS)}
        {header(i18n::EV_OWNER)}
        {header(i18n::EV_LOCATION)}
        {header(i18n::EV_DUE)}
        <th scope="col">
            <span class="visually-hidden">{move || wb.t(i18n::ACTIONS)}</span>
        </th>
    }
}

/// One evidence entry as a table row of inputs.
#[component]
pub fn EvidenceRow(
    model: Arc<LoadedModel>,
    item: usize,
    entry_id: String,
    #[prop(optional)] show_item: bool,
) -> impl IntoView {
    let wb = use_workbook();
    let code = model.item(item).code.clone();
    let entry = {
        let (code, entry_id) = (code.clone(), entry_id.clone());
        Memo::new(move |_| {
            wb.with_current(|c| {
                c.and_then(|a| a.items.get(&code))
                    .and_then(|w| w.evidence.iter().find(|e| e.id == entry_id).cloned())
            })
        })
    };
    let expected = entry.with_untracked(|e| {
        e.as_ref().and_then(|e| e.reference.clone()).and_then(|r| {
            model
                .item_index(item)
                .evidence
                .iter()
                .find(|x| x.code == r)
                .cloned()
        })
    });
    let set = {
        let (code, entry_id) = (code.clone(), entry_id.clone());
        move |field: EvidenceField, typing: bool| {
            let edit = Edit::Evidence {
                item: code.clone(),
                id: entry_id.clone(),
                field,
            };
            if typing {
                wb.commit_typing(edit)
            } else {
                wb.commit(edit)
            }
        }
    };
    let row_key = format!("{code}-{entry_id}");
    let levels = expected
        .as_ref()
        .map(|e| {
            e.levels
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    let title_cell = title_cell(expected.clone(), entry, set.clone(), &row_key);
    let text_input = |kind: &'static str,
                      label: T,
                      get: fn(&EvidenceEntry) -> String,
                      make: fn(String) -> EvidenceField,
                      input_type: &'static str| {
        text_cell(
            entry,
            set.clone(),
            &row_key,
            kind,
            label,
            get,
            make,
            input_type,
        )
    };
    let kind_select = kind_select(entry, set.clone(), &row_key);
    let status_select = status_select(entry, set.clone(), &row_key);
    let remove = expected
        .is_none()
        .then(|| remove_button(code.clone(), entry_id.clone()));
    let item_cell = show_item.then(|| {
        let href = move || Route::Item(wb.current_id().unwrap_or_default(), code.clone()).href();
        let label = model.item(item).code.clone();
        view! {
            <td>
                <a href=href>{label}</a>
            </td>
        }
    });
    view! {
        <tr data-evidence=row_key
            .clone()>
            {item_cell} <td class="ev-title-cell">{title_cell}</td> <td>{levels}</td> {kind_select}
            {status_select}
            {text_input("owner", i18n::EV_OWNER, |e| e.owner.clone(), EvidenceField::Owner, "text")}
            {text_input(
                "location",
                i18n::EV_LOCATION,
                |e| e.location.clone(),
                EvidenceField::Location,
                "text",
            )} {text_input("due", i18n::EV_DUE, |e| e.due.clone(), EvidenceField::Due, "date")}
            <td>{remove}</td>
        </tr>
    }
}

/// The entry's title: the model's expected evidence (fixed), or an input for an entry the team
/// added.
fn title_cell(
    expected: Option<ExpectedEvidence>,
    entry: Memo<Option<EvidenceEntry>>,
    set: impl Fn(EvidenceField, bool) + Clone + 'static,
    row_key: &str,
) -> AnyView {
    let wb = use_workbook();
    match expected {
        Some(e) => {
            let code_text = e.code.clone();
            let label = move || {
                let lang = wb.lang.get();
                material_label(&code_text, e.title.get(lang), None, lang)
            };
            view! { {label} }.into_any()
        }
        None => {
            let field = format!("ev-title-{row_key}");
            view! {
                <label class="visually-hidden" for=field.clone()>
                    {move || wb.t(i18n::EV_TITLE)}
                </label>
                <input
                    id=field
                    type="text"
                    prop:value=move || entry.get().map(|e| e.title).unwrap_or_default()
                    placeholder=move || wb.t(i18n::EV_TITLE)
                    on:input=move |e| set(EvidenceField::Title(event_target_value(&e)), true)
                />
            }
            .into_any()
        }
    }
}

/// A cell with a text or date input for one field of the entry (typing saves after a pause).
#[allow(clippy::too_many_arguments)]
fn text_cell(
    entry: Memo<Option<EvidenceEntry>>,
    set: impl Fn(EvidenceField, bool) + Clone + 'static,
    row_key: &str,
    kind: &'static str,
    label: T,
    get: fn(&EvidenceEntry) -> String,
    make: fn(String) -> EvidenceField,
    input_type: &'static str,
) -> impl IntoView {
    let wb = use_workbook();
    let field = format!("ev-{kind}-{row_key}");
    view! {
        <td>
            <label class="visually-hidden" for=field.clone()>
                {move || wb.t(label)}
            </label>
            <input
                id=field
                type=input_type
                data-field=kind
                prop:value=move || entry.get().map(|e| get(&e)).unwrap_or_default()
                on:input=move |e| set(make(event_target_value(&e)), input_type == "text")
            />
        </td>
    }
}

/// The cell choosing the entry's kind (document, screenshot, …).
fn kind_select(
    entry: Memo<Option<EvidenceEntry>>,
    set: impl Fn(EvidenceField, bool) + Clone + 'static,
    row_key: &str,
) -> impl IntoView {
    let wb = use_workbook();
    let field = format!("ev-kind-{row_key}");
    view! {
        <td>
            <label class="visually-hidden" for=field.clone()>
                {move || wb.t(i18n::EV_KIND)}
            </label>
            <select
                id=field
                on:change=move |e| {
                    if let Some(k) = EntryKind::from_code(&event_target_value(&e)) {
                        set(EvidenceField::Kind(k), false)
                    }
                }
            >
                {EntryKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <option
                                value=k.code()
                                selected=move || entry.get().is_some_and(|e| e.kind == k)
                            >
                                {move || wb.t(k.text())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </td>
    }
}

/// The cell choosing the entry's status (missing, in progress, ready).
fn status_select(
    entry: Memo<Option<EvidenceEntry>>,
    set: impl Fn(EvidenceField, bool) + Clone + 'static,
    row_key: &str,
) -> impl IntoView {
    let wb = use_workbook();
    let field = format!("ev-status-{row_key}");
    view! {
        <td>
            <label class="visually-hidden" for=field.clone()>
                {move || wb.t(i18n::EV_STATUS)}
            </label>
            <select
                id=field
                data-field="status"
                data-ev-status=move || entry.get().map(|e| e.status.code()).unwrap_or("missing")
                on:change=move |e| {
                    if let Some(s) = EvidenceStatus::from_code(&event_target_value(&e)) {
                        set(EvidenceField::Status(s), false)
                    }
                }
            >
                {EvidenceStatus::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option
                                value=s.code()
                                selected=move || entry.get().is_some_and(|e| e.status == s)
                            >
                                {move || wb.t(s.text())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </td>
    }
}

/// Removes an entry the team added (asks first).
fn remove_button(code: String, entry_id: String) -> impl IntoView {
    let wb = use_workbook();
    view! {
        <button
            type="button"
            class="small danger"
            on:click=move |_| {
                if browser::confirm(i18n::CONFIRM_REMOVE_EVIDENCE.get(wb.lang.get_untracked())) {
                    wb.commit(Edit::RemoveEvidence {
                        item: code.clone(),
                        id: entry_id.clone(),
                    });
                }
            }
        >
            {move || wb.t(i18n::REMOVE)}
        </button>
    }
}
