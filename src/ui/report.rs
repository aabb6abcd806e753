//! The print-ready report (A4, see style/print.css): cover, overall result and domains, radar,
//! distribution, gap list, evidence plan, not-applicable items with reasons, and an appendix
//! with every requirement's answer and comment. "Print / Save as PDF" opens the print dialog.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::assessment::Status;
use crate::core::csv::{evidence_status_name, kind_name, na_kind_name, status_name};
use crate::core::gap::{evidence_plan, gap, plan_counts};
use crate::core::i18n::{self, fill};
use crate::core::model::LoadedModel;
use crate::core::rule::Rule;
use crate::ui::dashboard::{Distribution, Radar};
use crate::ui::project::field_label;
use crate::ui::state::use_workbook;
use crate::ui::widgets::short_time;
use crate::web::browser;

#[component]
pub fn ReportPage(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let m = Arc::clone(&model);
    let body = move || {
        let lang = wb.lang.get();
        let a = wb.current.get()?;
        let r = wb.results.get()?;
        let model = Arc::clone(&m);
        let project_name = if a.project.project.is_empty() {
            a.name.clone()
        } else {
            a.project.project.clone()
        };
        let project_rows = crate::core::assessment::ProjectField::ALL
            .into_iter()
            .filter(|f| !a.project.get(*f).is_empty())
            .map(|f| view! { <tr><th scope="row">{field_label(f).get(lang)}</th><td class="pre">{a.project.get(f).to_string()}</td></tr> })
            .collect_view();
        let domains = (0..model.domain_count())
            .map(|d| {
                let dom = model.domain(d);
                let s = r.domains[d];
                let caps = model
                    .domain_capabilities(d)
                    .map(|c| {
                        let code = model.capability(c).code.clone();
                        let s = r.capabilities[c];
                        view! { <span class="cap">{code.clone()} " " <span data-level-of=code data-level=s.level().to_string()>{s.label.to_string()}</span></span> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{dom.code.clone()} " " {dom.name.get(lang).to_string()}</th>
                    <td class="level-cell" data-level-of=dom.code.clone() data-level=s.level().to_string()>{s.label.to_string()}</td><td>{s.blocking.to_string()}</td><td>{format!("{}/{}", s.answered, s.total)}</td><td class="caps">{caps}</td></tr> }
            })
            .collect_view();
        let g = gap(&model, &r);
        let gap_list = g
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
                        view! { <li><span class="req-id">{id.to_string()}</span> " " {model.requirement(x).text.get(lang).to_string()}
                            " (" {status_name(a.answers.get(id).map(|v| v.status), lang)} ")"</li> }
                    })
                    .collect_view();
                view! { <div class="report-gap-item"><h4>{it.code.clone()} " " {it.name.get(lang).to_string()} " · "
                    <span data-level-of=it.code.clone() data-level=r.items[gi.item].level().to_string()>{r.items[gi.item].label.to_string()}</span></h4><ul>{reqs}</ul></div> }
            })
            .collect_view();
        let plan = evidence_plan(&model, &a);
        let [missing, in_progress, ready] = plan_counts(&plan);
        let plan_rows = plan
            .iter()
            .flat_map(|p| p.lines.iter().map(move |l| (p.item, l.clone())))
            .map(|(item, l)| {
                let expected = l.expected.map(|n| model.item_index(item).evidence[n].clone());
                let title = match (&l.entry, &expected) {
                    (Some(e), _) if !e.title.is_empty() => e.title.clone(),
                    (_, Some(x)) => x.title.get(lang).to_string(),
                    _ => String::new(),
                };
                let kind = l.entry.as_ref().map(|e| e.kind.code()).or(expected.as_ref().map(|e| e.kind.code())).unwrap_or("other");
                view! { <tr><td>{model.item(item).code.clone()}</td><td>{title}</td><td>{kind_name(kind, lang)}</td>
                    <td>{evidence_status_name(l.status(), lang)}</td><td>{l.entry.as_ref().map(|e| e.owner.clone())}</td><td>{l.entry.as_ref().map(|e| e.due.clone())}</td></tr> }
            })
            .collect_view();
        let na_rows = a
            .answers
            .iter()
            .filter(|(id, v)| v.status == Status::NotApplicable && model.find_requirement(id).is_some())
            .map(|(id, v)| {
                let reason = v.na_reason.as_ref().map(|n| {
                    if n.text.is_empty() { na_kind_name(n.kind, lang) } else { format!("{}: {}", na_kind_name(n.kind, lang), n.text) }
                }).unwrap_or_else(|| i18n::NO_REASON.get(lang).to_string());
                let text = model.find_requirement(id).map(|x| model.requirement(x).text.get(lang).to_string()).unwrap_or_default();
                view! { <tr><td class="req-id">{id.clone()}</td><td>{text}</td><td>{reason}</td></tr> }
            })
            .collect_view();
        let appendix = (0..model.item_count())
            .map(|i| {
                let it = model.item(i);
                let index = model.item_index(i);
                let rows = (index.levels[0].start..index.levels[3].end)
                    .map(|x| {
                        let id = model.requirement_id(x);
                        let ans = a.answers.get(id);
                        view! { <tr><td class="req-id">{id.to_string()}</td><td>{model.requirement(x).text.get(lang).to_string()}</td>
                            <td data-answer=ans.map(|v| v.status.code()).unwrap_or("none")>{status_name(ans.map(|v| v.status), lang)}</td>
                            <td class="pre">{ans.map(|v| v.comment.clone())}</td></tr> }
                    })
                    .collect_view();
                let notes = a.items.get(&it.code).map(|w| w.notes.clone()).filter(|n| !n.is_empty());
                view! {
                    <section class="appendix-item">
                        <h3>{it.code.clone()} " " {it.name.get(lang).to_string()} " · " {i18n::SELF_RATING.get(lang)} " "
                            <span data-level-of=it.code.clone() data-level=r.items[i].level().to_string()>{r.items[i].label.to_string()}</span></h3>
                        <table class="data compact"><thead><tr><th scope="col">{i18n::REQ_ID.get(lang)}</th><th scope="col">{i18n::REQUIREMENT.get(lang)}</th><th scope="col">{i18n::ANSWER.get(lang)}</th><th scope="col">{i18n::COMMENT.get(lang)}</th></tr></thead>
                        <tbody>{rows}</tbody></table>
                        {notes.map(|n| view! { <p class="pre"><strong>{i18n::NOTES.get(lang)} ": "</strong>{n}</p> })}
                    </section>
                }
            })
            .collect_view();
        let share = r.share_to_target();
        Some(view! {
            <section class="report-cover">
                <p class="report-kicker">{i18n::REPORT_KICKER.get(lang)}</p>
                <h1 id="report-title">{project_name.clone()}</h1>
                <table class="cover-table"><tbody>
                    <tr><th scope="row">{i18n::PF_ORGANISATION.get(lang)}</th><td>{a.project.organisation.clone()}</td></tr>
                    <tr><th scope="row">{i18n::ASSESSMENT_NAME.get(lang)}</th><td>{a.name.clone()}</td></tr>
                    <tr><th scope="row">{i18n::TARGET_LEVEL.get(lang)}</th><td>{fill(i18n::LEVEL_N.get(lang), &[("n", &a.target_level.to_string())])}</td></tr>
                    <tr><th scope="row">{i18n::OVERALL.get(lang)}</th><td class="level-cell" data-level-of="part" data-level=r.part.level().to_string()>{r.part.label.to_string()}</td></tr>
                    <tr><th scope="row">{i18n::REPORT_DATE.get(lang)}</th><td>{browser::today()}</td></tr>
                    <tr><th scope="row">{i18n::MODEL.get(lang)}</th><td>{model.title(lang).to_string()} " · " {model.model.version.clone()}<br/><span class="muted">"SHA-256 " {model.sha256.clone()}</span></td></tr>
                    <tr><th scope="row">{i18n::UPDATED.get(lang)}</th><td>{short_time(&a.updated_at)}</td></tr>
                    <tr><th scope="row">{i18n::RULE.get(lang)}</th><td>{Rule::default().name(lang)}<br/><span class="small-text">{Rule::default().statement(lang)}</span></td></tr>
                </tbody></table>
                {(!a.project.is_empty_fields()).then(|| view! { <h2>{i18n::PROJECT_INFO.get(lang)}</h2><table class="cover-table"><tbody>{project_rows}</tbody></table> })}
            </section>
            <section class="report-section">
                <h2>{i18n::REPORT_RESULT.get(lang)}</h2>
                <p>{fill(i18n::REPORT_RESULT_LINE.get(lang), &[("label", &r.part.label.to_string()), ("n", &a.target_level.to_string()), ("k", &r.blocking.len().to_string()), ("p", &format!("{:.0}", share * 100.0)), ("a", &r.part.answered.to_string()), ("t", &r.part.total.to_string())])}</p>
                <table class="data"><thead><tr><th scope="col">{i18n::DOMAIN.get(lang)}</th><th scope="col">{i18n::SELF_RATING.get(lang)}</th><th scope="col">{i18n::BLOCKING.get(lang)}</th><th scope="col">{i18n::PROGRESS.get(lang)}</th><th scope="col">{i18n::CAPABILITIES.get(lang)}</th></tr></thead>
                <tbody>{domains}</tbody></table>
                <div class="report-charts">
                    <div><h3>{i18n::DOMAIN_LEVELS.get(lang)}</h3><Radar model=Arc::clone(&model) /></div>
                    <div><h3>{i18n::DISTRIBUTION.get(lang)}</h3><Distribution /></div>
                </div>
            </section>
            <section class="report-section">
                <h2>{i18n::GAP.get(lang)}</h2>
                <p>{fill(i18n::GAP_SUMMARY.get(lang), &[("k", &g.total.to_string()), ("n", &a.target_level.to_string())])}</p>
                {gap_list}
            </section>
            <section class="report-section">
                <h2>{i18n::EVIDENCE_PLAN.get(lang)}</h2>
                <p>{fill(i18n::PLAN_SUMMARY.get(lang), &[("n", &a.target_level.to_string()), ("r", &ready.to_string()), ("p", &in_progress.to_string()), ("m", &missing.to_string())])}</p>
                <table class="data compact"><thead><tr><th scope="col">{i18n::SUB_ITEM.get(lang)}</th><th scope="col">{i18n::EV_TITLE.get(lang)}</th><th scope="col">{i18n::EV_KIND.get(lang)}</th><th scope="col">{i18n::EV_STATUS.get(lang)}</th><th scope="col">{i18n::EV_OWNER.get(lang)}</th><th scope="col">{i18n::EV_DUE.get(lang)}</th></tr></thead>
                <tbody>{plan_rows}</tbody></table>
            </section>
            <section class="report-section">
                <h2>{i18n::NA_ITEMS.get(lang)}</h2>
                <table class="data compact"><thead><tr><th scope="col">{i18n::REQ_ID.get(lang)}</th><th scope="col">{i18n::REQUIREMENT.get(lang)}</th><th scope="col">{i18n::NA_REASON.get(lang)}</th></tr></thead>
                <tbody>{na_rows}</tbody></table>
            </section>
            <section class="report-section appendix">
                <h2>{i18n::APPENDIX.get(lang)}</h2>
                {appendix}
            </section>
        })
    };
    view! {
        <div class="report-toolbar no-print">
            <button type="button" class="primary" data-action="print-report" on:click=move |_| browser::print()>{move || wb.t(i18n::PRINT_REPORT)}</button>
            <p class="hint">{move || wb.t(i18n::PRINT_HINT)}</p>
        </div>
        <article class="report" aria-labelledby="report-title">
            {body}
            <p class="report-foot">{move || wb.t(i18n::REPORT_FOOT)}</p>
        </article>
    }
}
