//! The sub-item page: the level ladder (level-1 baseline, then levels 2–5 with their numbered
//! requirements), four answers per requirement plus "clear", comments and not-applicable
//! reasons, what the next level takes, the team's notes and the evidence entries.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::{Answer, Edit, NaKind, NaReason, Status};
use maturity_core::assess::gap::next_step;
use maturity_core::model::{LoadedModel, Node};
use maturity_core::text::i18n::{self, clarity};
use maturity_core::text::Text;
use maturity_core::view::route::Route;

use crate::ui::evidence::EvidenceEditor;
use crate::ui::hooks::{node_memo, use_settled};
use crate::ui::mtext::{mtext, MText};
use crate::ui::review::EditScope;
use crate::ui::state::{use_workbook, Workbook};
use crate::ui::widgets::LevelBadge;
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
    let notes_of_model = move || notes_view(model_notes.clone());
    let settled = use_settled();
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
                    <LevelBadge node=Node::Item(item) code=code.clone() wide=true />
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
            <EditScope>
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
            </EditScope>
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
    let options = answer_options(id.clone(), status);
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
    let na_reason = na_reason_field(id.clone(), answer, status);
    let comment = comment_field(id.clone(), answer, status, comment_open);
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

/// A requirement's four answers as radio buttons.
fn answer_options(id: String, status: Memo<Option<Status>>) -> impl IntoView {
    let wb = use_workbook();
    Status::ALL
        .into_iter()
        .map(|s| {
            let id = id.clone();
            view! {
                <label
                    class="answer"
                    data-answer=s.code()
                    data-checked=move || (status.get() == Some(s)).to_string()
                    title=move || {
                        (s == Status::NotApplicable).then(|| wb.t(clarity::NA_ASKS_REASON))
                    }
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
                    {(s == Status::NotApplicable)
                        .then(|| {
                            view! {
                                <span class="needs-reason" aria-hidden="true">
                                    "…"
                                </span>
                            }
                        })}
                </label>
            }
        })
        .collect_view()
}

/// The open assessment's not-applicable reason of a requirement, read without subscribing (in
/// event handlers).
fn na_reason_now(wb: Workbook, id: &str) -> Option<NaReason> {
    wb.with_current_untracked(|c| c.and_then(|a| a.answers.get(id)?.na_reason.clone()))
}

/// The reason of a not-applicable answer: its kind and a text (shown while the answer is N/A).
fn na_reason_field(
    id: String,
    answer: Memo<Option<Answer>>,
    status: Memo<Option<Status>>,
) -> impl IntoView {
    let wb = use_workbook();
    move || {
        (status.get() == Some(Status::NotApplicable)).then(|| {
            let reason = answer.get().and_then(|a| a.na_reason);
            let kind = reason.as_ref().map(|r| r.kind);
            let text = reason.map(|r| r.text).unwrap_or_default();
            let (id1, id2) = (id.clone(), id.clone());
            let select_id = format!("na-{id}");
            let text_id = format!("na-text-{id}");
            let missing = kind.is_none();
            view! {
                <div class="na-reason" class:missing=missing>
                    <label for=select_id.clone()>{move || wb.t(i18n::NA_REASON)}</label>
                    <select
                        id=select_id
                        on:change=move |e| {
                            let v = event_target_value(&e);
                            if let Some(k) = NaKind::from_code(&v) {
                                let text = na_reason_now(wb, &id1)
                                    .map(|r| r.text)
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
                            let kind = na_reason_now(wb, &id2)
                                .map(|r| r.kind)
                                .unwrap_or(NaKind::Other);
                            wb.commit_typing(Edit::NaReason {
                                req: id2.clone(),
                                kind,
                                text: event_target_value(&e),
                            });
                        }
                    />
                    {missing
                        .then(|| {
                            view! {
                                <p class="na-missing" role="status" data-na-missing="">
                                    {move || wb.t(clarity::NA_NEEDS_REASON)}
                                </p>
                            }
                        })}
                </div>
            }
        })
    }
}

/// The comment of an answer (shown once asked for, or when there is one).
fn comment_field(
    id: String,
    answer: Memo<Option<Answer>>,
    status: Memo<Option<Status>>,
    comment_open: RwSignal<bool>,
) -> impl IntoView {
    let wb = use_workbook();
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

/// The model's notes on a sub-item, when it has any.
fn notes_view(notes: Vec<Text>) -> Option<impl IntoView> {
    let wb = use_workbook();
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
                                    <MText text=n />
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}
