//! Progress over time: two members of one project compared, sub-item by sub-item and answer
//! by answer, printed on its own or exported as CSV.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::Status;
use maturity_core::assess::score::Label;
use maturity_core::formats::summary::file_name;
use maturity_core::portfolio::{
    cell_text, comparison_csv, Change, Comparison, ItemChange, MemberId, Portfolio,
};
use maturity_core::text::i18n;
use maturity_core::text::Lang;

use super::state::Pf;
use crate::ui::downloads::download;
use crate::ui::mtext::mtext;
use crate::ui::state::Workbook;
use crate::ui::widgets::level_fixed;
use crate::web::browser;

/// The first two members the comparison offers.
fn first_two(p: &Portfolio) -> Option<(usize, usize)> {
    match p.choices() {
        [a, b, ..] => Some((*a, *b)),
        _ => None,
    }
}

/// The comparison chosen on the page, if any.
pub(super) fn chosen_comparison(pf: Pf, p: &Portfolio) -> Option<Comparison> {
    let (e, l) = match pf.pair.get() {
        Some((e, l)) => (
            MemberId::from_token(&e).and_then(|id| p.position(&id))?,
            MemberId::from_token(&l).and_then(|id| p.position(&id))?,
        ),
        None => p.default_pair().or_else(|| first_two(p))?,
    };
    if e == l {
        return None;
    }
    p.compare(e, l)
}

pub(super) fn comparison_section(
    wb: Workbook,
    pf: Pf,
    portfolio: Memo<Arc<Portfolio>>,
    lang: Lang,
) -> impl IntoView {
    move || {
        let p = portfolio.get();
        let captions = p.captions(lang);
        let few = (p.choices().len() < 2)
            .then(|| view! { <p class="empty">{i18n::PORT_NEED_TWO.get(lang)}</p> });
        let c = chosen_comparison(pf, &p);
        let chosen = c
            .as_ref()
            .map(|c| (c.earlier, c.later))
            .or_else(|| {
                pf.pair.get().and_then(|(a, b)| {
                    Some((
                        p.position(&MemberId::from_token(&a)?)?,
                        p.position(&MemberId::from_token(&b)?)?,
                    ))
                })
            })
            .or_else(|| first_two(&p))
            .unwrap_or((0, 1));
        let pick = few.is_none().then(|| {
            let select = |id: &'static str, earlier: bool| {
                let at = if earlier { chosen.0 } else { chosen.1 };
                // Each revision once, named so that no two read the same.
                let options = p
                    .choices()
                    .iter()
                    .map(|&i| {
                        let m = &p.members()[i];
                        view! {
                            <option value=m.id.token() selected=i == at>
                                {captions[i].clone()}
                            </option>
                        }
                    })
                    .collect_view();
                let tokens: Vec<String> = p.members().iter().map(|m| m.id.token()).collect();
                view! {
                    <select
                        id=id
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let token = |i: usize| tokens.get(i).cloned().unwrap_or_default();
                            let (a, b) = (token(chosen.0), token(chosen.1));
                            pf.pair.set(Some(if earlier { (v, b) } else { (a, v) }));
                        }
                    >
                        {options}
                    </select>
                }
            };
            view! {
                <p class="hint no-print">{i18n::PORT_COMPARE_HINT.get(lang)}</p>
                <div class="pf-pick no-print">
                    <div class="field">
                        <label for="compare-earlier">{i18n::PORT_EARLIER.get(lang)}</label>
                        {select("compare-earlier", true)}
                    </div>
                    <div class="field">
                        <label for="compare-later">{i18n::PORT_LATER.get(lang)}</label>
                        {select("compare-later", false)}
                    </div>
                </div>
            }
        });
        let same = (few.is_none() && c.is_none())
            .then(|| view! { <p class="notice warn">{i18n::PORT_SAME_MEMBER.get(lang)}</p> });
        let body = c.map(|c| {
            let csv = comparison_csv(&p, &c, lang);
            let csv_name = file_name(
                p.members()[c.later].assessment.project_name(),
                i18n::PORT_FILE_PROGRESS.get(lang),
                &browser::today(),
                "csv",
            );
            view! {
                <div class="actions no-print">
                    <button
                        type="button"
                        class="primary"
                        data-action="portfolio-print"
                        on:click=move |_| {
                            pf.print_comparison.set(true);
                            request_animation_frame(move || {
                                browser::print();
                                pf.print_comparison.set(false);
                            });
                        }
                    >
                        {i18n::PORT_PRINT.get(lang)}
                    </button>
                    <button
                        type="button"
                        data-action="portfolio-compare-csv"
                        on:click=move |_| {
                            download(wb, &csv_name, "text/csv;charset=utf-8", &csv);
                        }
                    >
                        {i18n::PORT_EXPORT_COMPARISON_CSV.get(lang)}
                    </button>
                </div>
                {comparison_view(&p, &c, lang)}
            }
        });
        view! {
            <section class="pf-comparison" aria-labelledby="pf-cmp-title">
                <h2 id="pf-cmp-title">{i18n::PORT_COMPARISON.get(lang)}</h2>
                {few}
                {pick}
                {same}
                {body}
            </section>
        }
    }
}

fn change_table(rows: Vec<&ItemChange>, caption: String, lang: Lang) -> impl IntoView {
    let level = move |l: Option<Label>, code: &str| {
        let badge = l.map(|l| level_fixed(l, code, lang));
        (badge, l.is_none().then(|| cell_text(None, lang)))
    };
    let body = rows
        .into_iter()
        .map(|c| {
            view! {
                <tr data-compare-item=c.code.clone() data-change=c.change.code()>
                    <th scope="row">
                        <span class="code">{c.code.clone()}</span>
                        " "
                        {mtext(&c.name, lang)}
                    </th>
                    <td>{level(c.before, &c.code)}</td>
                    <td>{level(c.after, &c.code)}</td>
                    <td class="pf-change">{c.change.text().get(lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data compact pf-changes">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n::CSV_SUB_ITEM.get(lang)}</th>
                    <th scope="col">{i18n::PORT_EARLIER.get(lang)}</th>
                    <th scope="col">{i18n::PORT_LATER.get(lang)}</th>
                    <th scope="col">{i18n::PORT_CHANGE.get(lang)}</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn comparison_view(p: &Portfolio, c: &Comparison, lang: Lang) -> impl IntoView {
    let (e, l) = (&p.members()[c.earlier], &p.members()[c.later]);
    let captions = p.captions(lang);
    let projects = (!c.same_project).then(|| {
        let text = i18n::PORT_DIFFERENT_PROJECTS.fmt(
            lang,
            &[
                ("a", &e.assessment.project_name()),
                ("b", &l.assessment.project_name()),
            ],
        );
        view! { <p class="notice warn">{text}</p> }
    });
    let counts = i18n::PORT_COUNTS.fmt(
        lang,
        &[
            ("rose", &c.count(Change::Rose)),
            ("fell", &c.count(Change::Fell)),
            ("stayed", &c.count(Change::Stayed)),
        ],
    );
    let moved: Vec<_> = c.moved().collect();
    let none_moved = moved
        .is_empty()
        .then(|| view! { <p class="empty">{i18n::PORT_NONE_MOVED.get(lang)}</p> });
    let moved_view = (!moved.is_empty())
        .then(|| change_table(moved, i18n::PORT_MOVED.get(lang).to_string(), lang));
    let stayed: Vec<_> = c
        .items
        .iter()
        .filter(|i| i.change == Change::Stayed)
        .collect();
    let stayed_caption = i18n::PORT_STAYED_LIST.fmt(lang, &[("n", &stayed.len())]);
    let only: Vec<_> = c
        .items
        .iter()
        .filter(|i| matches!(i.change, Change::OnlyBefore | Change::OnlyAfter))
        .collect();
    let only_view = (!only.is_empty()).then(|| {
        let caption = i18n::PORT_ONLY_ONE_LIST.fmt(lang, &[("n", &only.len())]);
        change_table(only, caption, lang)
    });
    let answers = c
        .answers
        .iter()
        .map(|a| {
            view! {
                <tr data-compare-answer=a.requirement.clone()>
                    <th scope="row">
                        <code>{a.requirement.clone()}</code>
                    </th>
                    <td>{Status::text_of(a.before).get(lang)}</td>
                    <td>{Status::text_of(a.after).get(lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let answers_caption = i18n::PORT_ANSWERS_CHANGED.fmt(lang, &[("n", &c.answers.len())]);
    let no_answers = c
        .answers
        .is_empty()
        .then(|| view! { <p class="empty">{i18n::PORT_NO_ANSWER_CHANGES.get(lang)}</p> });
    let answers_view = (!c.answers.is_empty()).then(|| {
        view! {
            <table class="data compact pf-answers">
                <caption>{answers_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n::CSV_REQ_ID.get(lang)}</th>
                        <th scope="col">{i18n::PORT_EARLIER.get(lang)}</th>
                        <th scope="col">{i18n::PORT_LATER.get(lang)}</th>
                    </tr>
                </thead>
                <tbody>{answers}</tbody>
            </table>
        }
    });
    view! {
        <div class="pf-compare" data-compare=format!("{}|{}", e.id.token(), l.id.token())>
            <h3 class="pf-print-only">{i18n::PORT_COMPARISON_TITLE.get(lang)}</h3>
            <dl class="preview">
                <dt>{i18n::PORT_EARLIER.get(lang)}</dt>
                <dd>{captions[c.earlier].clone()}</dd>
                <dt>{i18n::PORT_LATER.get(lang)}</dt>
                <dd>{captions[c.later].clone()}</dd>
            </dl>
            {projects}
            <ul class="pf-summary">
                <li data-compare-overall="">
                    {i18n::PORT_OVERALL_THEN_NOW
                        .fmt(lang, &[("a", &c.overall.0), ("b", &c.overall.1)])}
                </li>
                <li data-compare-blocking=format!(
                    "{}|{}",
                    c.blocking.0,
                    c.blocking.1,
                )>
                    {i18n::PORT_BLOCKING_THEN_NOW
                        .fmt(lang, &[("a", &c.blocking.0), ("b", &c.blocking.1)])}
                </li>
                <li>{counts}</li>
            </ul>
            {none_moved}
            {moved_view}
            {only_view}
            <details class="pf-stayed">
                <summary>{stayed_caption.clone()}</summary>
                {change_table(stayed, stayed_caption, lang)}
            </details>
            {no_answers}
            {answers_view}
        </div>
    }
}
