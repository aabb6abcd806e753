//! The sub-item page: the level ladder (level-1 baseline, then levels 2–5 with their numbered
//! requirements), four answers per requirement plus "clear", comments and not-applicable
//! reasons, what the next level takes, the team's notes and the evidence entries.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::{
    Edit, EntryKind, EvidenceField, EvidenceStatus, NaKind, Status,
};
use maturity_core::assess::gap::next_step;
use maturity_core::model::{LoadedModel, Node};
use maturity_core::text::i18n::{self, T};
use maturity_core::view::route::Route;

use crate::ui::mtext::{mtext, MText};
use crate::ui::state::{use_workbook, Workbook};
use crate::ui::widgets::{node_memo, LevelBadge};
use crate::web::browser;

#[component]
pub fn ItemPage(model: Arc<LoadedModel>, item: usize) -> impl IntoView {
    let wb = use_workbook();
    let it = model.item(item).clone();
    let index = model.item_index(item).clone();
    let domain = model.domain(index.domain).clone();
    let cap = model.capability(index.capability).clone();
    let code = it.code.clone();
    let score = node_memo(Node::Item(item));
    let target = wb.target;
    let level_met = Memo::new(move |_| {
        wb.results.with(|r| {
            r.as_ref()
                .and_then(|r| r.item_details.get(item).map(|d| d.level_met))
        })
    });
    let ladder = it
        .levels
        .iter()
        .enumerate()
        .map(|(slot, level)| {
            let n = level.level;
            let m = Arc::clone(&model);
            let heading = move || {
                let lang = wb.lang.get();
                format!("{} · {}", i18n::LEVEL_N.fmt(lang, &[("n", &n)]), m.level_name(n, lang))
            };
            let state = move || {
                let met = level_met.get().map(|l| l[slot]).unwrap_or(false);
                let (class, text) = if met { ("level-state met", i18n::LEVEL_MET) } else { ("level-state not-met", i18n::LEVEL_NOT_MET) };
                view! { <span class=class>{move || wb.t(text)}</span> }
            };
            let body = if level.same_as_lower {
                view! { <p class="same-as-lower">{move || wb.t(i18n::SAME_AS_LOWER)}</p> }.into_any()
            } else {
                let reqs = index.levels[slot]
                    .clone()
                    .map(|r| view! { <RequirementRow model=Arc::clone(&model) req=r /> })
                    .collect_view();
                view! { <ol class="requirements">{reqs}</ol> }.into_any()
            };
            let target_mark = move || (n == target.get()).then(|| view! { <span class="target-mark">{move || wb.t(i18n::TARGET_LEVEL)}</span> });
            view! {
                <section
                    class="level-step"
                    data-step=n.to_string()
                    aria-labelledby=format!("step-{n}")
                >
                    <h2 id=format!("step-{n}")>{heading} {state} {target_mark}</h2>
                    {body}
                </section>
            }
        })
        .collect_view();
    let baseline = it.baseline.clone();
    let name = it.name.clone();
    let dname = domain.name.clone();
    let cname = cap.name.clone();
    let explanation = it.explanation.clone().map(|e| {
        view! {
            <details class="explain item-explain">
                <summary>{move || wb.t(i18n::EXPLANATION)}</summary>
                <p>
                    <MText text=e.clone() />
                </p>
            </details>
        }
    });
    let model_notes = it.notes.clone();
    let notes_of_model = move || {
        let notes = model_notes.clone();
        (!notes.is_empty()).then(|| {
            view! {
                <details class="explain model-notes">
                    <summary>{move || wb.t(i18n::MODEL_NOTES)}</summary>
                    <ul>
                        {notes
                            .into_iter()
                            .map(|n| {
                                view! {
                                    <li>
                                        <MText text=n.clone() />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    };
    let settled = crate::ui::app::use_settled();
    let model2 = Arc::clone(&model);
    // Marks the moment the workbook can be answered, for the load benchmark.
    Effect::new(move |_| browser::mark("wb-interactive"));
    view! {
        <article class="item-page" aria-labelledby="item-title">
            <header class="item-head">
                <div>
                    <p class="crumbs">
                        {domain.code.clone()} " " <MText text=dname.clone() /> " › "
                        {cap.code.clone()} " " <MText text=cname.clone() />
                    </p>
                    <h1 id="item-title">
                        <span class="code">{code.clone()}</span>
                        " "
                        <MText text=name.clone() />
                    </h1>
                </div>
                <div class="item-status">
                    <span>{move || wb.t(i18n::CURRENT_LEVEL)}</span>
                    <LevelBadge node=Node::Item(item) code=code.clone() />
                    <span class="muted">
                        {move || i18n::TARGET_N.fmt(wb.lang.get(), &[("n", &target.get())])}
                    </span>
                    <span class="muted">
                        {move || {
                            score
                                .get()
                                .map(|s| {
                                    i18n::ANSWERED_N_OF_M
                                        .fmt(wb.lang.get(), &[("n", &s.answered), ("m", &s.total)])
                                })
                        }}
                    </span>
                </div>
            </header>
            <NextStep model=Arc::clone(&model) item=item />
            {explanation}
            <section class="level-step baseline" aria-labelledby="step-1">
                <h2 id="step-1">{move || wb.t(i18n::BASELINE)}</h2>
                <p>
                    <MText text=baseline.clone() />
                </p>
            </section>
            {ladder}
            {move || {
                settled
                    .get()
                    .then(|| {
                        // Below the fold: drawn after the first frame of the first screen.
                        view! {
                            <NotesEditor code=code.clone() />
                            <EvidenceEditor model=Arc::clone(&model2) item=item />
                            {notes_of_model()}
                            <ItemNav model=Arc::clone(&model2) item=item />
                        }
                    })
            }}
        </article>
    }
}

/// What it takes to reach the next level.
#[component]
fn NextStep(model: Arc<LoadedModel>, item: usize) -> impl IntoView {
    let wb = use_workbook();
    let m = Arc::clone(&model);
    let step = Memo::new(move |_| {
        wb.results
            .with(|r| r.as_ref().and_then(|r| next_step(&m, r, item)))
    });
    move || {
        let lang = wb.lang.get();
        match step.get() {
            None => view! {
                <section class="next-step done">
                    <p>{i18n::TOP_LEVEL.get(lang)}</p>
                </section>
            }
            .into_any(),
            Some(s) => {
                let list = s
                    .requirements
                    .iter()
                    .map(|&r| {
                        let id = model.requirement_id(r).to_string();
                        let text = mtext(&model.requirement(r).text, lang);
                        let answer = wb.with_current(|c| c.and_then(|a| a.status(&id)));
                        let answer = Status::text_of(answer).get(lang);
                        let focus = format!("req-{id}");
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| browser::focus_id(&focus)
                                >
                                    <span class="req-id">{id.clone()}</span>
                                </button>
                                " "
                                {text}
                                <span class="muted">" (" {answer} ")"</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="next-step" aria-labelledby="next-step-title">
                        <h2 id="next-step-title">
                            {i18n::NEXT_LEVEL_TAKES.fmt(lang, &[("n", &s.level)])}
                        </h2>
                        <ul>{list}</ul>
                    </section>
                }
                .into_any()
            }
        }
    }
}

/// One requirement: its text, its four answers as a radio group, clear, comment, N/A reason.
#[component]
fn RequirementRow(model: Arc<LoadedModel>, req: usize) -> impl IntoView {
    let wb = use_workbook();
    let id = model.requirement_id(req).to_string();
    let requirement = model.requirement(req).clone();
    let answer = {
        let id = id.clone();
        Memo::new(move |_| wb.with_current(|c| c.and_then(|a| a.answers.get(&id).cloned())))
    };
    let status = Memo::new(move |_| answer.get().map(|a| a.status));
    let comment_open = RwSignal::new(false);
    let text_id = format!("req-text-{id}");
    let options = Status::ALL
        .into_iter()
        .map(|s| {
            let id = id.clone();
            view! {
                <label
                    class="answer"
                    data-answer=s.code()
                    data-checked=move || (status.get() == Some(s)).to_string()
                >
                    <input
                        type="radio"
                        name=format!("ans-{id}")
                        value=s.code()
                        data-status=s.code()
                        prop:checked=move || status.get() == Some(s)
                        on:change=move |_| {
                            wb.commit(Edit::Answer {
                                req: id.clone(),
                                status: Some(s),
                            })
                        }
                    />
                    <span>{move || wb.t(s.text())}</span>
                </label>
            }
        })
        .collect_view();
    let clear = {
        let id = id.clone();
        move |_| clear_answer(wb, &id)
    };
    let explanation = requirement.explanation.clone().map(|e| {
        view! {
            <details class="explain">
                <summary>{move || wb.t(i18n::EXPLANATION)}</summary>
                <p>
                    <MText text=e.clone() />
                </p>
            </details>
        }
    });
    let na_reason = {
        let id = id.clone();
        move || {
            (status.get() == Some(Status::NotApplicable)).then(|| {
                let reason = answer.get().and_then(|a| a.na_reason);
                let kind = reason.as_ref().map(|r| r.kind);
                let text = reason.map(|r| r.text).unwrap_or_default();
                let (id1, id2) = (id.clone(), id.clone());
                let select_id = format!("na-{id}");
                let text_id = format!("na-text-{id}");
                view! {
                    <div class="na-reason">
                        <label for=select_id.clone()>{move || wb.t(i18n::NA_REASON)}</label>
                        <select
                            id=select_id
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                if let Some(k) = NaKind::from_code(&v) {
                                    let text = wb
                                        .with_current_untracked(|c| {
                                            c.and_then(|a| {
                                                a.answers
                                                    .get(&id1)
                                                    .and_then(|x| x.na_reason.as_ref().map(|r| r.text.clone()))
                                            })
                                        })
                                        .unwrap_or_default();
                                    wb.commit(Edit::NaReason {
                                        req: id1.clone(),
                                        kind: k,
                                        text,
                                    });
                                }
                            }
                        >
                            <option value="" selected=kind.is_none()>
                                {move || wb.t(i18n::CHOOSE_REASON)}
                            </option>
                            {NaKind::ALL
                                .into_iter()
                                .map(|k| {
                                    view! {
                                        <option value=k.code() selected=kind == Some(k)>
                                            {move || wb.t(k.text())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <label class="visually-hidden" for=text_id.clone()>
                            {move || wb.t(i18n::NA_REASON_TEXT)}
                        </label>
                        <input
                            id=text_id
                            type="text"
                            class="na-text"
                            prop:value=text
                            placeholder=move || wb.t(i18n::NA_REASON_TEXT)
                            on:input=move |e| {
                                let kind = wb
                                    .with_current_untracked(|c| {
                                        c.and_then(|a| {
                                            a.answers
                                                .get(&id2)
                                                .and_then(|x| x.na_reason.as_ref().map(|r| r.kind))
                                        })
                                    })
                                    .unwrap_or(NaKind::Other);
                                wb.commit_typing(Edit::NaReason {
                                    req: id2.clone(),
                                    kind,
                                    text: event_target_value(&e),
                                });
                            }
                        />
                    </div>
                }
            })
        }
    };
    let comment = {
        let id = id.clone();
        move || {
            let has = answer.get().is_some_and(|a| !a.comment.is_empty());
            let asked = wb.comment_for.with(|c| c.as_deref() == Some(id.as_str()));
            (status.get().is_some() && (comment_open.get() || has || asked)).then(|| {
                let id = id.clone();
                let field = format!("comment-{id}");
                view! {
                    <div class="comment">
                        <label for=field.clone()>{move || wb.t(i18n::COMMENT)}</label>
                        <textarea
                            id=field
                            rows="2"
                            prop:value=move || answer.get().map(|a| a.comment).unwrap_or_default()
                            on:input=move |e| {
                                wb.commit_typing(Edit::Comment {
                                    req: id.clone(),
                                    text: event_target_value(&e),
                                })
                            }
                        ></textarea>
                    </div>
                }
            })
        }
    };
    view! {
        <li class="requirement" id=format!("req-{id}") tabindex="-1" data-req-row=id.clone()>
            <p class="requirement-text" id=text_id.clone()>
                <span class="req-id">{id.clone()}</span>
                " "
                <MText text=requirement.text.clone() />
            </p>
            {explanation}
            <div class="answer-row">
                <div class="answers" role="radiogroup" data-req=id.clone() aria-labelledby=text_id>
                    {options}
                </div>
                <button
                    type="button"
                    class="small"
                    data-action="clear-answer"
                    disabled=move || status.get().is_none()
                    on:click=clear
                >
                    {move || wb.t(i18n::CLEAR)}
                </button>
                <button
                    type="button"
                    class="small"
                    data-action="comment"
                    aria-expanded=move || comment_open.get().to_string()
                    disabled=move || status.get().is_none()
                    on:click=move |_| comment_open.update(|o| *o = !*o)
                >
                    {move || wb.t(i18n::COMMENT)}
                </button>
            </div>
            {na_reason}
            {comment}
        </li>
    }
}

/// Clears an answer; asks first when that would also remove a comment or reason text.
pub fn clear_answer(wb: Workbook, id: &str) {
    let typed = wb.with_current_untracked(|c| {
        c.and_then(|a| a.answers.get(id)).is_some_and(|a| {
            !a.comment.is_empty() || a.na_reason.as_ref().is_some_and(|r| !r.text.is_empty())
        })
    });
    if typed && !browser::confirm(i18n::CONFIRM_CLEAR.get(wb.lang.get_untracked())) {
        return;
    }
    wb.commit(Edit::Answer {
        req: id.to_string(),
        status: None,
    });
}

#[component]
fn NotesEditor(code: String) -> impl IntoView {
    let wb = use_workbook();
    let notes = {
        let code = code.clone();
        Memo::new(move |_| {
            wb.with_current(|c| c.and_then(|a| a.items.get(&code).map(|w| w.notes.clone())))
                .unwrap_or_default()
        })
    };
    view! {
        <section class="notes" aria-labelledby="notes-title">
            <h2 id="notes-title">
                <label for="item-notes">{move || wb.t(i18n::NOTES)}</label>
            </h2>
            <p class="hint" id="notes-hint">
                {move || wb.t(i18n::NOTES_HINT)}
            </p>
            <textarea
                id="item-notes"
                rows="4"
                aria-describedby="notes-hint"
                prop:value=move || notes.get()
                on:input=move |e| {
                    wb.commit_typing(Edit::Notes {
                        item: code.clone(),
                        text: event_target_value(&e),
                    })
                }
            ></textarea>
        </section>
    }
}

/// The evidence entries of a sub-item, editable in place.
#[component]
fn EvidenceEditor(model: Arc<LoadedModel>, item: usize) -> impl IntoView {
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
    let title_cell = match expected.clone() {
        Some(e) => {
            let code_text = e.code.clone();
            view! {
                <span class="ev-title">
                    <MText text=e.title.clone() />
                </span>
                <span class="req-id">{code_text}</span>
            }
            .into_any()
        }
        None => {
            let set = set.clone();
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
    };
    let text_input = |kind: &'static str,
                      label: T,
                      get: fn(&maturity_core::assess::assessment::EvidenceEntry) -> String,
                      make: fn(String) -> EvidenceField,
                      input_type: &'static str| {
        let set = set.clone();
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
    };
    let kind_select = {
        let set = set.clone();
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
    };
    let status_select = {
        let set = set.clone();
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
    };
    let remove = expected.is_none().then(|| {
        let (code, entry_id) = (code.clone(), entry_id.clone());
        view! {
            <button
                type="button"
                class="small danger"
                on:click=move |_| {
                    if browser::confirm(
                        i18n::CONFIRM_REMOVE_EVIDENCE.get(wb.lang.get_untracked()),
                    ) {
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
    });
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

#[component]
fn ItemNav(model: Arc<LoadedModel>, item: usize) -> impl IntoView {
    let wb = use_workbook();
    let count = model.item_count();
    let link = move |to: usize| {
        let code = model.item(to).code.clone();
        move || Route::Item(wb.current_id().unwrap_or_default(), code.clone()).href()
    };
    let prev = (item > 0).then(|| {
        let href = link(item - 1);
        view! {
            <a class="button" rel="prev" data-action="previous-item" href=href>
                "← "
                {move || wb.t(i18n::PREVIOUS_ITEM)}
            </a>
        }
    });
    let next = (item + 1 < count).then(|| {
        let href = link(item + 1);
        view! {
            <a class="button" rel="next" data-action="next-item" href=href>
                {move || wb.t(i18n::NEXT_ITEM)}
                " →"
            </a>
        }
    });
    view! {
        <nav class="item-nav" aria-label=move || wb.t(i18n::ITEM_NAV)>
            {prev}
            {next}
        </nav>
    }
}
