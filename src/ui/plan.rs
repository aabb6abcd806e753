//! The evidence plan: what to prepare for the target level, sub-item by sub-item, with status,
//! owner, location and due date editable in place.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::{Edit, EvidenceStatus};
use maturity_core::assess::gap::{evidence_plan, plan_counts};
use maturity_core::model::LoadedModel;
use maturity_core::text::i18n;
use maturity_core::view::route::Route;

use crate::ui::evidence::{EvidenceColumns, EvidenceRow};
use crate::ui::materials::{material_label, MaterialsCheck};
use crate::ui::review::EditScope;
use crate::ui::state::use_workbook;

#[component]
pub fn PlanView(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let missing_only = RwSignal::new(false);
    let m = Arc::clone(&model);
    // The plan's shape: (item, entry ids or expected codes still untracked). Rows read their
    // entry themselves, so typing in one does not rebuild the table.
    let shape = Memo::new(move |_| {
        wb.with_current(|c| {
            c.map(|a| {
                let plan = evidence_plan(&m, a);
                let counts = plan_counts(&plan);
                let mut rows: Vec<(usize, Option<String>, Option<String>, bool)> = Vec::new();
                for p in &plan {
                    for l in &p.lines {
                        let expected = l
                            .expected
                            .map(|n| m.item_index(p.item).evidence[n].code.clone());
                        let missing = l.status() == EvidenceStatus::Missing;
                        rows.push((
                            p.item,
                            l.entry.as_ref().map(|e| e.id.clone()),
                            expected,
                            missing,
                        ));
                    }
                }
                (counts, rows, a.target_level)
            })
        })
    });
    let model2 = Arc::clone(&model);
    view! {
        <section class="plan-view" aria-labelledby="plan-title">
            <h1 id="plan-title">{move || wb.t(i18n::EVIDENCE_PLAN)}</h1>
            <p class="summary">
                {move || {
                    shape
                        .get()
                        .map(|([m, p, r], _, t)| {
                            i18n::PLAN_SUMMARY
                                .fmt(wb.lang.get(), &[("n", &t), ("r", &r), ("p", &p), ("m", &m)])
                        })
                }}
            </p>
            <p class="hint">{move || wb.t(i18n::PLAN_HINT)}</p>
            <MaterialsCheck model=Arc::clone(&model) />
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || missing_only.get()
                    on:change=move |e| missing_only.set(event_target_checked(&e))
                />
                {move || wb.t(i18n::SHOW_MISSING_ONLY)}
            </label>
            <EditScope class="table-wrap">
                <table class="evidence-table plan">
                    <thead>
                        <tr>
                            <th scope="col">{move || wb.t(i18n::SUB_ITEM)}</th>
                            <EvidenceColumns />
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || {
                                shape
                                    .get()
                                    .map(|s| s.1)
                                    .unwrap_or_default()
                                    .into_iter()
                                    .filter(|r| !missing_only.get() || r.3)
                                    .collect::<Vec<_>>()
                            }
                            key=|r| (r.0, r.1.clone(), r.2.clone())
                            let:row
                        >
                            {
                                let model = Arc::clone(&model2);
                                match row.1 {
                                    Some(entry_id) => {
                                        view! {
                                            <EvidenceRow
                                                model=model
                                                item=row.0
                                                entry_id=entry_id
                                                show_item=true
                                            />
                                        }
                                            .into_any()
                                    }
                                    None => untracked_row(&model, row.0, row.2).into_any(),
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </EditScope>
        </section>
    }
}

/// A material of the model's checklist no entry tracks yet: its sub-item, the material, and a
/// button adding an entry for it.
fn untracked_row(model: &LoadedModel, item: usize, expected: Option<String>) -> impl IntoView {
    let wb = use_workbook();
    let code = model.item(item).code.clone();
    let href = move || Route::Item(wb.current_id().unwrap_or_default(), code.clone()).href();
    let item_code = model.item(item).code.clone();
    let add = model.item(item).code.clone();
    let untracked = model
        .item_index(item)
        .evidence
        .iter()
        .find(|x| Some(&x.code) == expected.as_ref())
        .cloned();
    let material = move || {
        let lang = wb.lang.get();
        untracked
            .as_ref()
            .map(|x| material_label(&x.code, x.title.get(lang), Some(x.kind.into()), lang))
    };
    view! {
        <tr>
            <td>
                <a href=href>{item_code}</a>
            </td>
            <td colspan="7">{material}</td>
            <td>
                <button
                    type="button"
                    class="small"
                    on:click=move |_| {
                        wb.commit(Edit::AddEvidence {
                            item: add.clone(),
                        })
                    }
                >
                    {move || wb.t(i18n::ADD_EVIDENCE)}
                </button>
            </td>
        </tr>
    }
}
