//! The dashboard: overall level against the target, per-domain levels as a radar chart (SVG,
//! drawn here, with the target ring) and as a table, the level distribution, progress, blocking
//! requirements, N/A answers, evidence readiness, whose assessment it is, the state of the
//! workbook document (the file to keep and send) and the rule used.

use std::sync::Arc;

use leptos::prelude::*;

use maturity_core::assess::gap::{evidence_plan, plan_counts};
use maturity_core::assess::rule::Rule;
use maturity_core::model::{LoadedModel, Node};
use maturity_core::text::i18n::{self, clarity};
use maturity_core::text::short_time;
use maturity_core::view::chart::{bar_height, radar_point, radar_polygon};
use maturity_core::view::route::Route;

use crate::ui::hooks::node_memo;
use crate::ui::identity::DashboardIdentity;
use crate::ui::mtext::MText;
use crate::ui::state::use_workbook;
use crate::ui::widgets::{LevelBadge, LevelLegend};

#[component]
pub fn Dashboard(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let part = node_memo(Node::Part);
    let target = wb.target;
    let figures = Memo::new(move |_| {
        wb.results.with(|r| {
            r.as_ref().map(|r| {
                (
                    r.distribution,
                    r.share_to_target(),
                    r.na_by_reason,
                    r.blocking.len(),
                )
            })
        })
    });
    let verdict = move || {
        let lang = wb.lang.get();
        let (Some(p), Some((_, _, _, blocking))) = (part.get(), figures.get()) else {
            return String::new();
        };
        if p.level() >= target.get() {
            i18n::VERDICT_REACHED.fmt(lang, &[("n", &target.get())])
        } else {
            i18n::VERDICT_GAP.fmt(lang, &[("n", &target.get()), ("k", &blocking)])
        }
    };
    view! {
        <section class="dashboard" aria-labelledby="dash-title">
            <h1 id="dash-title">{move || wb.t(i18n::DASHBOARD)}</h1>
            <DashboardIdentity />
            <div class="dash-top">
                <div class="overall card">
                    <p class="caption">{move || wb.t(i18n::OVERALL)}</p>
                    <p class="overall-value">
                        <LevelBadge node=Node::Part code="part".to_string() wide=true />
                        <span class="versus">
                            {move || i18n::TARGET_N.fmt(wb.lang.get(), &[("n", &target.get())])}
                        </span>
                    </p>
                    <p class="verdict">{verdict}</p>
                </div>
                {figures_card(Arc::clone(&model), figures)}
                {export_card()}
            </div>
            <div class="dash-charts">
                <div class="card">
                    <h2>{move || wb.t(i18n::DOMAIN_LEVELS)}</h2>
                    <Radar model=Arc::clone(&model) />
                </div>
                <div class="card">
                    <h2>{move || wb.t(i18n::DISTRIBUTION)}</h2>
                    <Distribution />
                </div>
            </div>
            {domain_table(&model)}
            <details class="rule card">
                <summary>
                    {move || {
                        i18n::RULE_USED
                            .fmt(wb.lang.get(), &[("rule", &wb.t(Rule::default().name()))])
                    }}
                </summary>
                <p>{move || wb.t(Rule::default().statement())}</p>
            </details>
            <SetAside />
        </section>
    }
}

/// Figures of the open assessment's results: the distribution of levels, the share satisfied
/// up to the target, not-applicable answers by reason, blocking requirements.
type Figures = Memo<Option<([u32; 5], f64, [u32; 4], usize)>>;

/// Progress, share satisfied up to the target, blocking, not applicable, evidence.
fn figures_card(m: Arc<LoadedModel>, figures: Figures) -> impl IntoView {
    let wb = use_workbook();
    let part = node_memo(Node::Part);
    let id = move || wb.current_id().unwrap_or_default();
    let evidence =
        Memo::new(move |_| wb.with_current(|c| c.map(|a| plan_counts(&evidence_plan(&m, a)))));
    view! {
        <div class="card figures">
            <dl>
                <dt>{move || wb.t(i18n::PROGRESS)}</dt>
                <dd>
                    {move || {
                        part.get()
                            .map(|p| {
                                i18n::ANSWERED_N_OF_M
                                    .fmt(wb.lang.get(), &[("n", &p.answered), ("m", &p.total)])
                            })
                    }}
                </dd>
                <dt>{move || wb.t(i18n::SATISFIED_TO_TARGET)}</dt>
                <dd>
                    {move || {
                        figures.get().map(|(_, share, _, _)| format!("{:.0}%", share * 100.0))
                    }}
                </dd>
                <dt>{move || wb.t(i18n::BLOCKING)}</dt>
                <dd>
                    <a href=move || {
                        Route::Gap(id()).href()
                    }>{move || figures.get().map(|f| f.3.to_string())}</a>
                </dd>
                <dt>{move || wb.t(i18n::NOT_APPLICABLE)}</dt>
                <dd>
                    {move || {
                        figures
                            .get()
                            .map(|(_, _, na, _)| {
                                let lang = wb.lang.get();
                                i18n::NA_BREAKDOWN
                                    .fmt(
                                        lang,
                                        &[
                                            ("n", &na.iter().sum::<u32>().to_string()),
                                            ("a", &na[0]),
                                            ("b", &na[1]),
                                            ("c", &na[2]),
                                            ("d", &na[3]),
                                        ],
                                    )
                            })
                    }}
                </dd>
                <dt>{move || wb.t(i18n::EVIDENCE)}</dt>
                <dd>
                    <a href=move || {
                        Route::Evidence(id()).href()
                    }>
                        {move || {
                            evidence
                                .get()
                                .map(|[m, p, r]| {
                                    i18n::EVIDENCE_COUNTS
                                        .fmt(wb.lang.get(), &[("r", &r), ("p", &p), ("m", &m)])
                                })
                        }}
                    </a>
                </dd>
            </dl>
        </div>
    }
}

/// The state of the workbook document, the file the team keeps and sends, and what to send.
fn export_card() -> impl IntoView {
    let wb = use_workbook();
    let document_state = move || {
        let lang = wb.lang.get();
        let id = wb.current_id_tracked()?;
        let unsaved = wb.unsaved_in_document(&id);
        Some(match wb.document(&id) {
            Some(d) if !unsaved => (
                clarity::DOC_STATE_SAVED
                    .fmt(lang, &[("file", &d.name), ("t", &short_time(&d.saved_at))]),
                "saved",
            ),
            Some(d) => (
                clarity::DOC_STATE_UNSAVED.fmt(lang, &[("file", &d.name)]),
                "unsaved",
            ),
            None => (clarity::DOC_STATE_NEVER.get(lang).to_string(), "never"),
        })
    };
    view! {
        <div class="card export-state">
            {move || {
                document_state()
                    .map(|(text, state)| {
                        let class = if state == "saved" { "" } else { "reminder" };
                        view! {
                            <p class=class role="status" data-document-reminder=state>
                                {text}
                            </p>
                        }
                    })
            }} <p class="hint">{move || wb.t(clarity::WHAT_TO_SEND)}</p>
        </div>
    }
}

/// Each domain's level against the target, blocking requirements and progress.
fn domain_table(model: &LoadedModel) -> impl IntoView {
    let wb = use_workbook();
    let target = wb.target;
    let domain_rows = (0..model.domain_count())
        .map(|d| {
            let dom = model.domain(d).clone();
            let score = node_memo(Node::Domain(d));
            let name = dom.name.clone();
            view! {
                <tr>
                    <th scope="row">
                        <span class="code">{dom.code.clone()}</span>
                        " "
                        <MText text=name.clone() />
                    </th>
                    <td>
                        <LevelBadge node=Node::Domain(d) code=dom.code.clone() wide=true />
                    </td>
                    <td>{move || target.get().to_string()}</td>
                    <td>{move || score.get().map(|s| s.blocking.to_string())}</td>
                    <td>{move || score.get().map(|s| format!("{}/{}", s.answered, s.total))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="card">
            <h2>{move || wb.t(i18n::DOMAIN_TABLE)}</h2>
            <div class="table-wrap">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">{move || wb.t(i18n::DOMAIN)}</th>
                            <th scope="col">{move || wb.t(i18n::SELF_RATING)}</th>
                            <th scope="col">{move || wb.t(i18n::TARGET)}</th>
                            <th scope="col">{move || wb.t(i18n::BLOCKING)}</th>
                            <th scope="col">{move || wb.t(i18n::PROGRESS)}</th>
                        </tr>
                    </thead>
                    <tbody>{domain_rows}</tbody>
                </table>
            </div>
            <LevelLegend />
        </div>
    }
}

/// The radar of domain levels (0–5 on each axis) with the target ring overlaid. The same
/// figures are in the table beside it; the chart is labelled for screen readers.
#[component]
pub fn Radar(model: Arc<LoadedModel>) -> impl IntoView {
    let wb = use_workbook();
    let (cx, cy, r) = (170.0, 160.0, 115.0);
    let n = model.domain_count();
    let levels = Memo::new(move |_| {
        wb.results.with(|res| {
            res.as_ref()
                .map(|res| {
                    res.domains
                        .iter()
                        .map(|d| f64::from(d.level()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let target = wb.target;
    let rings = (1..=5)
        .map(|l| {
            let pts = radar_polygon(&vec![f64::from(l); n], 5.0, cx, cy, r);
            view! { <polygon class="ring" points=pts /> }
        })
        .collect_view();
    let axes = (0..n)
        .map(|i| {
            let (x, y) = radar_point(i, n, 5.0, 5.0, cx, cy, r);
            let (lx, ly) = radar_point(i, n, 5.9, 5.0, cx, cy, r);
            let code = model.domain(i).code.clone();
            let anchor = if (lx - cx).abs() < 5.0 {
                "middle"
            } else if lx > cx {
                "start"
            } else {
                "end"
            };
            view! {
                <line
                    class="axis"
                    x1=cx.to_string()
                    y1=cy.to_string()
                    x2=format!("{x:.1}")
                    y2=format!("{y:.1}")
                />
                <text
                    class="axis-label"
                    x=format!("{lx:.1}")
                    y=format!("{:.1}", ly + 4.0)
                    text-anchor=anchor
                >
                    {code}
                </text>
            }
        })
        .collect_view();
    let scale = (1..=5)
        .map(|l| {
            // Halfway between the first two axes, clear of the top axis label.
            let (x, y) = radar_point(1, 2 * n, f64::from(l), 5.0, cx, cy, r);
            view! {
                <text class="scale" x=format!("{:.1}", x + 2.0) y=format!("{:.1}", y + 3.0)>
                    {l.to_string()}
                </text>
            }
        })
        .collect_view();
    let description = {
        let model = Arc::clone(&model);
        move || {
            let lang = wb.lang.get();
            let parts: Vec<String> = levels
                .get()
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    format!(
                        "{} {} {}",
                        model.domain(i).code,
                        model.domain(i).name.get(lang),
                        l
                    )
                })
                .collect();
            i18n::RADAR_DESC.fmt(
                lang,
                &[
                    ("n", &target.get()),
                    ("list", &parts.join(i18n::list_separator(lang))),
                ],
            )
        }
    };
    view! {
        <svg
            class="radar"
            viewBox="0 0 340 320"
            role="img"
            aria-labelledby="radar-title radar-desc"
        >
            <title id="radar-title">{move || wb.t(i18n::DOMAIN_LEVELS)}</title>
            <desc id="radar-desc">{description}</desc>
            <g class="rings">{rings}</g>
            <g class="axes">{axes}</g>
            <g class="scale-labels">{scale}</g>
            <polygon
                class="target"
                points=move || radar_polygon(&vec![f64::from(target.get()); n], 5.0, cx, cy, r)
            />
            <polygon class="actual" points=move || radar_polygon(&levels.get(), 5.0, cx, cy, r) />
            {move || {
                levels
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let (x, y) = radar_point(i, n, v, 5.0, cx, cy, r);
                        view! {
                            <circle class="dot" cx=format!("{x:.1}") cy=format!("{y:.1}") r="3.5" />
                        }
                    })
                    .collect_view()
            }}
        </svg>
        <p class="legend">
            <span class="swatch actual"></span>
            {move || wb.t(i18n::LEGEND_ACTUAL)}
            " "
            <span class="swatch target"></span>
            {move || i18n::LEGEND_TARGET.fmt(wb.lang.get(), &[("n", &target.get())])}
        </p>
    }
}

/// Bars of the number of sub-items at each level, with the counts written on them.
#[component]
pub fn Distribution() -> impl IntoView {
    let wb = use_workbook();
    let dist = Memo::new(move |_| {
        wb.results
            .with(|r| r.as_ref().map(|r| r.distribution).unwrap_or_default())
    });
    let (w, h, top) = (300.0, 150.0, 20.0);
    move || {
        let d = dist.get();
        let max = d.iter().copied().max().unwrap_or(0);
        let lang = wb.lang.get();
        let bw = w / 5.0;
        let bars = d
            .iter()
            .enumerate()
            .map(|(i, &count)| {
                let bh = bar_height(count, max, h - top);
                let x = i as f64 * bw + 10.0;
                let y = h - bh;
                view! {
                    <g class=format!("bar level-{}", i + 1)>
                        <rect
                            x=format!("{x:.1}")
                            y=format!("{y:.1}")
                            width=format!("{:.1}", bw - 20.0)
                            height=format!("{bh:.1}")
                        />
                        <text
                            class="count"
                            x=format!("{:.1}", x + (bw - 20.0) / 2.0)
                            y=format!("{:.1}", y - 4.0)
                            text-anchor="middle"
                        >
                            {count.to_string()}
                        </text>
                        <text
                            class="axis-label"
                            x=format!("{:.1}", x + (bw - 20.0) / 2.0)
                            y=format!("{:.1}", h + 16.0)
                            text-anchor="middle"
                        >
                            {i18n::LEVEL_N.fmt(lang, &[("n", &(i + 1))])}
                        </text>
                    </g>
                }
            })
            .collect_view();
        let desc = d
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}: {c}", i18n::LEVEL_N.fmt(lang, &[("n", &(i + 1))])))
            .collect::<Vec<_>>()
            .join(i18n::list_separator(lang));
        view! {
            <svg
                class="bars"
                viewBox="0 0 300 175"
                role="img"
                aria-labelledby="bars-title bars-desc"
            >
                <title id="bars-title">{i18n::DISTRIBUTION.get(lang)}</title>
                <desc id="bars-desc">{desc}</desc>
                {bars}
            </svg>
        }
    }
}

/// Answers kept aside after a model update or an import: listed, never dropped.
#[component]
fn SetAside() -> impl IntoView {
    let wb = use_workbook();
    let aside =
        Memo::new(move |_| wb.with_current(|c| c.map(|a| a.set_aside.clone()).unwrap_or_default()));
    move || {
        let list = aside.get();
        (!list.is_empty()).then(|| {
            let lang = wb.lang.get();
            let items = list
                .into_iter()
                .map(|(id, a)| {
                    let status = a.status.text().get(lang);
                    view! {
                        <li>
                            <span class="req-id">{id}</span>
                            " "
                            {status}
                            " "
                            {a.comment}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card set-aside" aria-labelledby="aside-title">
                    <h2 id="aside-title">{i18n::SET_ASIDE.get(lang)}</h2>
                    <p class="hint">{i18n::SET_ASIDE_HINT.get(lang)}</p>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}
