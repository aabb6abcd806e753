//! The print-ready report (A4, see style/print.css): cover, overall result and domains, radar,
//! distribution, gap list, evidence plan, not-applicable items with reasons, and an appendix
//! with every requirement's answer and comment; or, condensed, only what was answered and the
//! gaps (a team with 16 of 284 answered gets a few pages, not 25). "Print / Save as PDF" opens
//! the print dialog, and the suggested PDF name is the assessment's file name. Each section is
//! a function of the model, the assessment and its results.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::{Assessment, EvidenceStatus, ProjectField, Status};
use maturity_core::assess::gap::{evidence_plan, gap, plan_counts};
use maturity_core::assess::materials::{last_check, material_name};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::Results;
use maturity_core::formats::names::assessment_file;
use maturity_core::model::LoadedModel;
use maturity_core::text::i18n::{self, clarity};
use maturity_core::text::short_time;
use maturity_core::text::Lang;

use crate::ui::dashboard::{Distribution, Radar};
use crate::ui::downloads::open_assessment;
use crate::ui::identity::page_title;
use crate::ui::mtext::mtext;
use crate::ui::state::use_workbook;
use crate::ui::widgets::{Level, LevelLegend};
use crate::web::browser;

#[component]
pub fn ReportPage(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    // The full report lists every requirement; the condensed one what was answered and the gaps.
    let condensed = RwSignal::new(false);
    let body = {
        let model = Arc::clone(&model);
        move || {
            let lang = wb.lang.get();
            let short = condensed.get();
            let a = wb.with_current(|c| c.cloned())?;
            let r = wb.results.get()?;
            let m = Arc::clone(&model);
            Some(view! {
                {cover(&m, &a, &r, lang)}
                {results(&m, &a, &r, lang)}
                {gap_section(&m, &a, &r, lang, short)}
                {plan_section(&m, &a, lang, short)}
                {not_applicable(&m, &a, lang)}
                {appendix(&m, &a, &r, lang, short)}
            })
        }
    };
    // Printing suggests the file's name (browsers take it from the page's title).
    let before = window_event_listener(leptos::ev::beforeprint, move |_| {
        let Some((model, a)) = open_assessment(wb) else {
            return;
        };
        let lang = wb.lang.get_untracked();
        let part = condensed
            .get_untracked()
            .then(|| clarity::FILE_CONDENSED.get(lang));
        browser::set_title(&assessment_file(
            &model,
            &a,
            lang,
            &browser::today(),
            part,
            "",
        ));
    });
    let after = window_event_listener(leptos::ev::afterprint, move |_| {
        browser::set_title(&untrack(|| page_title(wb)));
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let mode = move |value: bool, text: i18n::T| {
        view! {
            <label class="check">
                <input
                    type="radio"
                    name="report-mode"
                    data-report-mode=if value { "condensed" } else { "full" }
                    prop:checked=move || condensed.get() == value
                    on:change=move |_| condensed.set(value)
                />
                {move || wb.t(text)}
            </label>
        }
    };
    view! {
        <div class="report-toolbar no-print">
            <fieldset class="report-mode">
                <legend class="visually-hidden">{move || wb.t(clarity::REPORT_CONTENTS)}</legend>
                {mode(false, clarity::REPORT_FULL)}
                {mode(true, clarity::REPORT_CONDENSED)}
            </fieldset>
            <button
                type="button"
                class="primary"
                data-action="print-report"
                on:click=move |_| browser::print()
            >
                {move || wb.t(i18n::PRINT_REPORT)}
            </button>
            <p class="hint">{move || wb.t(i18n::PRINT_HINT)}</p>
        </div>
        <article
            class="report"
            aria-labelledby="report-title"
            data-report=move || if condensed.get() { "condensed" } else { "full" }
        >
            {body}
            <p class="report-foot">{move || wb.t(i18n::REPORT_FOOT)}</p>
        </article>
    }
}

/// One header cell per column title.
fn head(lang: Lang, titles: &[i18n::T]) -> impl IntoView {
    let cells = titles
        .iter()
        .map(|t| view! { <th scope="col">{t.get(lang)}</th> })
        .collect_view();
    view! {
        <thead>
            <tr>{cells}</tr>
        </thead>
    }
}

fn cover(model: &LoadedModel, a: &Assessment, r: &Results, lang: Lang) -> impl IntoView {
    let project_rows = ProjectField::ALL
        .into_iter()
        .filter(|f| !a.project.get(*f).is_empty())
        .map(|f| {
            view! {
                <tr>
                    <th scope="row">{f.text().get(lang)}</th>
                    <td class="pre">{a.project.get(f).to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let project_info = (!a.project.is_empty_fields()).then(|| {
        view! {
            <h2>{i18n::PROJECT_INFO.get(lang)}</h2>
            <table class="cover-table">
                <tbody>{project_rows}</tbody>
            </table>
        }
    });
    let row = |title: i18n::T, value: AnyView| {
        view! {
            <tr>
                <th scope="row">{title.get(lang)}</th>
                <td>{value}</td>
            </tr>
        }
    };
    let rule = Rule::default();
    view! {
        <section class="report-cover">
            <p class="report-kicker">{i18n::REPORT_KICKER.get(lang)}</p>
            <h1 id="report-title">{a.project_name().to_string()}</h1>
            <table class="cover-table">
                <tbody>
                    {row(i18n::PF_ORGANISATION, a.project.organisation.clone().into_any())}
                    {row(i18n::ASSESSMENT_NAME, a.name.clone().into_any())}
                    {row(
                        i18n::TARGET_LEVEL,
                        i18n::LEVEL_N.fmt(lang, &[("n", &a.target_level)]).into_any(),
                    )}
                    {row(
                        i18n::OVERALL,
                        view! { <Level label=r.part.label code="part".to_string() wide=true /> }
                            .into_any(),
                    )} {row(i18n::REPORT_DATE, browser::today().into_any())}
                    {row(
                        i18n::MODEL,
                        view! {
                            {mtext(&model.model.title, lang)}
                            " · "
                            {model.model.version.clone()}
                            <br />
                            <span class="muted">"SHA-256 " {model.sha256.clone()}</span>
                        }
                            .into_any(),
                    )} {row(i18n::UPDATED, short_time(&a.updated_at).into_any())}
                    {row(
                        i18n::RULE,
                        view! {
                            {rule.name().get(lang)}
                            <br />
                            <span class="small-text">{rule.statement().get(lang)}</span>
                        }
                            .into_any(),
                    )}
                </tbody>
            </table>
            {project_info}
        </section>
    }
}

fn results(model: &Arc<LoadedModel>, a: &Assessment, r: &Results, lang: Lang) -> impl IntoView {
    let domains = (0..model.domain_count())
        .map(|d| {
            let dom = model.domain(d);
            let s = r.domains[d];
            let caps = model
                .domain_capabilities(d)
                .map(|c| {
                    let code = model.capability(c).code.clone();
                    view! {
                        <span class="cap">
                            {code.clone()} " " <Level label=r.capabilities[c].label code=code />
                        </span>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{dom.code.clone()} " " {mtext(&dom.name, lang)}</th>
                    <td class="level-cell">
                        <Level label=s.label code=dom.code.clone() wide=true />
                    </td>
                    <td>{s.blocking}</td>
                    <td>{format!("{}/{}", s.answered, s.total)}</td>
                    <td class="caps">{caps}</td>
                </tr>
            }
        })
        .collect_view();
    let line = i18n::REPORT_RESULT_LINE.fmt(
        lang,
        &[
            ("label", &r.part.label.words(lang)),
            ("n", &a.target_level),
            ("k", &r.blocking.len()),
            ("p", &format!("{:.0}", r.share_to_target() * 100.0)),
            ("a", &r.part.answered),
            ("t", &r.part.total),
        ],
    );
    let columns = [
        i18n::DOMAIN,
        i18n::SELF_RATING,
        i18n::BLOCKING,
        i18n::PROGRESS,
        i18n::CAPABILITIES,
    ];
    view! {
        <section class="report-section">
            <h2>{i18n::REPORT_RESULT.get(lang)}</h2>
            <p>{line}</p>
            <table class="data">{head(lang, &columns)}<tbody>{domains}</tbody></table>
            <LevelLegend />
            <div class="report-charts">
                <div>
                    <h3>{i18n::DOMAIN_LEVELS.get(lang)}</h3>
                    <Radar model=Arc::clone(model) />
                </div>
                <div>
                    <h3>{i18n::DISTRIBUTION.get(lang)}</h3>
                    <Distribution />
                </div>
            </div>
        </section>
    }
}

/// The gap: every blocking requirement by sub-item; condensed, only the answered ones (the
/// unanswered counted), and sub-items with nothing answered up to the target named in one line.
fn gap_section(
    model: &LoadedModel,
    a: &Assessment,
    r: &Results,
    lang: Lang,
    condensed: bool,
) -> impl IntoView {
    let g = gap(model, r);
    let mut untouched = Vec::new();
    let items = g
        .domains
        .iter()
        .flat_map(|d| d.capabilities.iter().flat_map(|c| c.items.iter()))
        .filter_map(|gi| {
            let it = model.item(gi.item);
            let (shown, unanswered): (Vec<usize>, Vec<usize>) = gi
                .requirements
                .iter()
                .partition(|&&x| !condensed || a.status(model.requirement_id(x)).is_some());
            if shown.is_empty() {
                untouched.push((
                    it.code.clone(),
                    clarity::REPORT_ITEM_COUNT.fmt(lang, &[("n", &unanswered.len())]),
                ));
                return None;
            }
            let reqs = shown
                .iter()
                .map(|&x| {
                    let id = model.requirement_id(x);
                    let answer = Status::text_of(a.status(id)).get(lang);
                    view! {
                        <li>
                            <span class="req-id">{id.to_string()}</span>
                            " "
                            {mtext(&model.requirement(x).text, lang)}
                            " ("
                            {answer}
                            ")"
                        </li>
                    }
                })
                .collect_view();
            let more = (!unanswered.is_empty()).then(|| {
                view! {
                    <p class="muted small-text">
                        {clarity::REPORT_MORE_UNANSWERED.fmt(lang, &[("n", &unanswered.len())])}
                    </p>
                }
            });
            Some(view! {
                <div class="report-gap-item">
                    <h4>
                        <span class="code">{it.code.clone()}</span>
                        " "
                        {mtext(&it.name, lang)}
                        " · "
                        <Level label=r.items[gi.item].label code=it.code.clone() />
                    </h4>
                    <ul>{reqs}</ul>
                    {more}
                </div>
            })
        })
        .collect_view();
    let untouched = code_list(clarity::REPORT_UNANSWERED_ITEMS, untouched, lang);
    view! {
        <section class="report-section">
            <h2>{i18n::GAP.get(lang)}</h2>
            <p>{i18n::GAP_SUMMARY.fmt(lang, &[("k", &g.total), ("n", &a.target_level)])}</p>
            {condensed
                .then(|| {
                    view! {
                        <p class="hint" data-condensed-note="">
                            {clarity::REPORT_CONDENSED_NOTE
                                .fmt(
                                    lang,
                                    &[
                                        ("a", &answered_count(model, a)),
                                        ("t", &model.requirement_count()),
                                    ],
                                )}
                        </p>
                    }
                })}
            {items}
            {untouched}
            <LevelLegend />
        </section>
    }
}

/// A line naming sub-items (each code whole, never broken across lines, with what follows it),
/// after a heading with their number; nothing when there are none.
fn code_list(heading: i18n::T, codes: Vec<(String, String)>, lang: Lang) -> Option<impl IntoView> {
    (!codes.is_empty()).then(|| {
        let n = codes.len();
        let last = n - 1;
        let entries = codes
            .into_iter()
            .enumerate()
            .map(|(i, (code, after))| {
                let sep = (i < last).then(|| i18n::list_separator(lang));
                view! {
                    <span class="code-entry">
                        <span class="code">{code}</span>
                        {after}
                        {sep}
                    </span>
                    " "
                }
            })
            .collect_view();
        view! { <p class="report-untouched">{heading.fmt(lang, &[("n", &n)])} {entries}</p> }
    })
}

/// Requirements of the model with an answer.
fn answered_count(model: &LoadedModel, a: &Assessment) -> usize {
    a.answers
        .keys()
        .filter(|id| model.find_requirement(id).is_some())
        .count()
}

/// The evidence plan for the target; condensed, only the lines the team has started.
fn plan_section(model: &LoadedModel, a: &Assessment, lang: Lang, condensed: bool) -> impl IntoView {
    let plan = evidence_plan(model, a);
    let [missing, in_progress, ready] = plan_counts(&plan);
    let lines: Vec<_> = plan
        .iter()
        .flat_map(|p| p.lines.iter().map(move |l| (p.item, l)))
        .filter(|(_, l)| !condensed || l.status() != EvidenceStatus::Missing)
        .collect();
    let any = !lines.is_empty();
    let rows = lines
        .into_iter()
        .map(|(item, l)| {
            let expected = l.expected_in(model, item);
            let entry = l.entry.as_ref();
            view! {
                <tr>
                    <td class="code">{model.item(item).code.clone()}</td>
                    <td>
                        {match expected {
                            Some(x) => material_name(&x.code, &l.title(expected, lang), lang),
                            None => l.title(expected, lang),
                        }}
                    </td>
                    <td>{l.kind(expected).text().get(lang)}</td>
                    <td>{l.status().text().get(lang)}</td>
                    <td>{entry.map(|e| e.owner.clone())}</td>
                    <td>{entry.map(|e| e.due.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    let summary = i18n::PLAN_SUMMARY.fmt(
        lang,
        &[
            ("n", &a.target_level),
            ("r", &ready),
            ("p", &in_progress),
            ("m", &missing),
        ],
    );
    let columns = [
        i18n::SUB_ITEM,
        i18n::EV_TITLE,
        i18n::EV_KIND,
        i18n::EV_STATUS,
        i18n::EV_OWNER,
        i18n::EV_DUE,
    ];
    view! {
        <section class="report-section">
            <h2>{i18n::EVIDENCE_PLAN.get(lang)}</h2>
            <p>{summary}</p>
            {check_summary(model, a, lang)}
            {any
                .then(|| {
                    view! {
                        <table class="data compact">
                            {head(lang, &columns)}<tbody>{rows}</tbody>
                        </table>
                    }
                })}
        </section>
    }
}

/// The last check of the materials folder: how many materials were found, and which are
/// missing (by material code, or the title of an entry the team added).
fn check_summary(model: &LoadedModel, a: &Assessment, lang: Lang) -> impl IntoView {
    use i18n::materials::{CHECK_LINE, MISSING_LIST};
    last_check(model, a).map(|(r, c)| {
        let line = CHECK_LINE.fmt(
            lang,
            &[
                ("t", &short_time(&c.checked_at)),
                ("found", &r.found()),
                ("needed", &r.needed()),
            ],
        );
        let missing: Vec<String> = r.missing().map(|l| l.short_name(model, a)).collect();
        // Each code whole on a line: a code is never broken at its hyphens.
        let list = (!missing.is_empty()).then(|| {
            let sep = i18n::list_separator(lang);
            let codes = missing
                .into_iter()
                .enumerate()
                .map(|(n, m)| view! {
                    {(n > 0).then_some(sep)}
                    <span class="nowrap">{m}</span>
                })
                .collect_view();
            view! { <p class="missing-materials">{MISSING_LIST.fmt(lang, &[("list", &"")])} {codes}</p> }
        });
        view! {
            <p data-report-check="" data-found=r.found() data-needed=r.needed()>
                {line}
            </p>
            {list}
        }
    })
}

fn not_applicable(model: &LoadedModel, a: &Assessment, lang: Lang) -> impl IntoView {
    let rows = a
        .answers
        .iter()
        .filter(|(_, v)| v.status == Status::NotApplicable)
        .filter_map(|(id, v)| model.find_requirement(id).map(|x| (id, v, x)))
        .map(|(id, v, x)| {
            let reason = match &v.na_reason {
                Some(n) if n.text.is_empty() => n.kind.text().get(lang).to_string(),
                Some(n) => format!("{}: {}", n.kind.text().get(lang), n.text),
                None => i18n::NO_REASON.get(lang).to_string(),
            };
            view! {
                <tr>
                    <td class="req-id">{id.clone()}</td>
                    <td>{mtext(&model.requirement(x).text, lang)}</td>
                    <td>{reason}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = [i18n::REQ_ID, i18n::REQUIREMENT, i18n::NA_REASON];
    view! {
        <section class="report-section">
            <h2>{i18n::NA_ITEMS.get(lang)}</h2>
            <table class="data compact">{head(lang, &columns)}<tbody>{rows}</tbody></table>
        </section>
    }
}

/// Every requirement's answer by sub-item; condensed, only the answered ones, and the sub-items
/// without any answer named in one line.
fn appendix(
    model: &LoadedModel,
    a: &Assessment,
    r: &Results,
    lang: Lang,
    condensed: bool,
) -> impl IntoView {
    let columns = [i18n::REQ_ID, i18n::REQUIREMENT, i18n::ANSWER, i18n::COMMENT];
    let mut untouched = Vec::new();
    let items = (0..model.item_count())
        .filter_map(|i| {
            let it = model.item(i);
            let index = model.item_index(i);
            let reqs: Vec<usize> = (index.levels[0].start..index.levels[3].end)
                .filter(|&x| !condensed || a.answers.contains_key(model.requirement_id(x)))
                .collect();
            let notes = a
                .items
                .get(&it.code)
                .map(|w| w.notes.clone())
                .filter(|n| !n.is_empty());
            if reqs.is_empty() && notes.is_none() {
                untouched.push((it.code.clone(), String::new()));
                return None;
            }
            let rows = reqs
                .into_iter()
                .map(|x| {
                    let id = model.requirement_id(x);
                    let ans = a.answers.get(id);
                    let status = ans.map(|v| v.status);
                    view! {
                        <tr>
                            <td class="req-id">{id.to_string()}</td>
                            <td>{mtext(&model.requirement(x).text, lang)}</td>
                            <td data-answer=status
                                .map_or(
                                    "none",
                                    Status::code,
                                )>{Status::text_of(status).get(lang)}</td>
                            <td class="pre">{ans.map(|v| v.comment.clone())}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="appendix-item" data-appendix-item=it.code.clone()>
                    <h3>
                        <span class="code">{it.code.clone()}</span>
                        " "
                        {mtext(&it.name, lang)}
                        " · "
                        {i18n::SELF_RATING.get(lang)}
                        " "
                        <Level label=r.items[i].label code=it.code.clone() />
                    </h3>
                    <table class="data compact">{head(lang, &columns)}<tbody>{rows}</tbody></table>
                    {notes
                        .map(|n| {
                            view! {
                                <p class="pre">
                                    <strong>{i18n::NOTES.get(lang)} ": "</strong>
                                    {n}
                                </p>
                            }
                        })}
                </section>
            })
        })
        .collect_view();
    let untouched = code_list(clarity::REPORT_UNTOUCHED_ITEMS, untouched, lang);
    view! {
        <section class="report-section appendix">
            <h2>{i18n::APPENDIX.get(lang)}</h2>
            <LevelLegend />
            {items}
            {untouched}
        </section>
    }
}
