//! The print-ready report (A4, see style/print.css): cover, overall result and domains, radar,
//! distribution, gap list, evidence plan, not-applicable items with reasons, and an appendix
//! with every requirement's answer and comment. "Print / Save as PDF" opens the print dialog.
//! Each section is a function of the model, the assessment and its results.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::assessment::{Assessment, ProjectField, Status};
use maturity_core::assess::gap::{evidence_plan, gap, plan_counts};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::Results;
use maturity_core::model::LoadedModel;
use maturity_core::text::i18n;
use maturity_core::text::short_time;
use maturity_core::text::Lang;

use crate::ui::dashboard::{Distribution, Radar};
use crate::ui::mtext::mtext;
use crate::ui::state::use_workbook;
use crate::ui::widgets::Level;
use crate::web::browser;

#[component]
pub fn ReportPage(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let body = move || {
        let lang = wb.lang.get();
        let a = wb.with_current(|c| c.cloned())?;
        let r = wb.results.get()?;
        let m = Arc::clone(&model);
        Some(view! {
            {cover(&m, &a, &r, lang)}
            {results(&m, &a, &r, lang)}
            {gap_section(&m, &a, &r, lang)}
            {plan_section(&m, &a, lang)}
            {not_applicable(&m, &a, lang)}
            {appendix(&m, &a, &r, lang)}
        })
    };
    view! {
        <div class="report-toolbar no-print">
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
        <article class="report" aria-labelledby="report-title">
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
                        view! { <Level label=r.part.label code="part".to_string() /> }.into_any(),
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
                        <Level label=s.label code=dom.code.clone() />
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
            ("label", &r.part.label),
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

fn gap_section(model: &LoadedModel, a: &Assessment, r: &Results, lang: Lang) -> impl IntoView {
    let g = gap(model, r);
    let items = g
        .domains
        .iter()
        .flat_map(|d| d.capabilities.iter().flat_map(|c| c.items.iter()))
        .map(|gi| {
            let it = model.item(gi.item);
            let reqs = gi
                .requirements
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
            view! {
                <div class="report-gap-item">
                    <h4>
                        {it.code.clone()} " " {mtext(&it.name, lang)} " · "
                        <Level label=r.items[gi.item].label code=it.code.clone() />
                    </h4>
                    <ul>{reqs}</ul>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="report-section">
            <h2>{i18n::GAP.get(lang)}</h2>
            <p>{i18n::GAP_SUMMARY.fmt(lang, &[("k", &g.total), ("n", &a.target_level)])}</p>
            {items}
        </section>
    }
}

fn plan_section(model: &LoadedModel, a: &Assessment, lang: Lang) -> impl IntoView {
    let plan = evidence_plan(model, a);
    let [missing, in_progress, ready] = plan_counts(&plan);
    let rows = plan
        .iter()
        .flat_map(|p| p.lines.iter().map(move |l| (p.item, l)))
        .map(|(item, l)| {
            let expected = l.expected_in(model, item);
            let entry = l.entry.as_ref();
            view! {
                <tr>
                    <td>{model.item(item).code.clone()}</td>
                    <td>{l.title(expected, lang)}</td>
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
            <table class="data compact">{head(lang, &columns)}<tbody>{rows}</tbody></table>
        </section>
    }
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

fn appendix(model: &LoadedModel, a: &Assessment, r: &Results, lang: Lang) -> impl IntoView {
    let columns = [i18n::REQ_ID, i18n::REQUIREMENT, i18n::ANSWER, i18n::COMMENT];
    let items = (0..model.item_count())
        .map(|i| {
            let it = model.item(i);
            let index = model.item_index(i);
            let rows = (index.levels[0].start..index.levels[3].end)
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
            let notes = a
                .items
                .get(&it.code)
                .map(|w| w.notes.clone())
                .filter(|n| !n.is_empty());
            view! {
                <section class="appendix-item">
                    <h3>
                        {it.code.clone()} " " {mtext(&it.name, lang)} " · "
                        {i18n::SELF_RATING.get(lang)} " "
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
            }
        })
        .collect_view();
    view! {
        <section class="report-section appendix">
            <h2>{i18n::APPENDIX.get(lang)}</h2>
            {items}
        </section>
    }
}
