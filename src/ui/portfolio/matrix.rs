//! The matrix of levels: its filters and column order, the table (a column per assessment, a
//! row per domain, capability and sub-item, every cell the engine's label), keyboard moves
//! between cells, and its CSV and Excel exports.

use std::ops::Range;
use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use maturity_core::assess::score::Label;
use maturity_core::formats::summary::file_name;
use maturity_core::formats::xlsx;
use maturity_core::portfolio::{
    cell_text, matrix_csv, reaches, xlsx_book, Matrix, Order, Portfolio,
};
use maturity_core::text::i18n;
use maturity_core::text::Lang;
use maturity_core::view::strip::Strip;

use super::comparison::chosen_comparison;
use super::state::Pf;
use crate::ui::downloads::{download, download_bytes};
use crate::ui::mtext::mtext;
use crate::ui::state::Workbook;
use crate::ui::widgets::level_fixed;
use crate::web::{browser, compress};

fn export_csv(wb: Workbook, pf: Pf, p: &Portfolio) {
    let lang = wb.lang.get_untracked();
    let m = p.matrix(&pf.view.get_untracked());
    let name = file_name(
        i18n::PORT_FILE_MATRIX.get(lang),
        "matrix",
        &browser::today(),
        "csv",
    );
    download(wb, &name, "text/csv;charset=utf-8", &matrix_csv(&m, lang));
}

fn export_xlsx(wb: Workbook, pf: Pf, p: Arc<Portfolio>) {
    let lang = wb.lang.get_untracked();
    let m = p.matrix(&pf.view.get_untracked());
    let c = untrack(|| chosen_comparison(pf, &p));
    let today = browser::today();
    let package = xlsx_book(&p, &m, c.as_ref(), lang, &today).package();
    let name = file_name(i18n::PORT_FILE_MATRIX.get(lang), "matrix", &today, "xlsx");
    leptos::task::spawn_local(async move {
        let bytes = compress::build_xlsx(package).await;
        download_bytes(wb, &name, xlsx::MIME, &bytes);
    });
}

pub(super) fn matrix_section(
    wb: Workbook,
    pf: Pf,
    portfolio: Memo<Arc<Portfolio>>,
    lang: Lang,
) -> impl IntoView {
    let controls = move || {
        let p = portfolio.get();
        (!p.is_empty()).then(|| {
            let view_now = pf.view.get_untracked();
            let domains = p
                .domains()
                .map(|d| {
                    let selected = view_now.domain.as_deref() == Some(d.code.as_str());
                    view! {
                        <option value=d.code.clone() lang=d.name.lang_attr(lang) selected=selected>
                            {format!("{} {}", d.code, d.name.get(lang))}
                        </option>
                    }
                })
                .collect_view();
            let orders = Order::ALL
                .into_iter()
                .map(|o| {
                    let selected = view_now.order == o;
                    view! {
                        <option value=o.code() selected=selected>
                            {o.text().get(lang)}
                        </option>
                    }
                })
                .collect_view();
            let below_only = view_now.below_target_only;
            let p_csv = Arc::clone(&p);
            view! {
                <div class="pf-controls no-print">
                    <div class="field">
                        <label for="pf-domain">{i18n::PORT_FILTER_DOMAIN.get(lang)}</label>
                        <select
                            id="pf-domain"
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                pf.view.update(|x| x.domain = (!v.is_empty()).then_some(v));
                            }
                        >
                            <option value="">{i18n::PORT_ALL_DOMAINS.get(lang)}</option>
                            {domains}
                        </select>
                    </div>
                    <div class="field">
                        <label for="pf-order">{i18n::PORT_ORDER.get(lang)}</label>
                        <select
                            id="pf-order"
                            on:change=move |e| {
                                let o = Order::from_code(&event_target_value(&e))
                                    .unwrap_or_default();
                                pf.view.update(|x| x.order = o);
                            }
                        >
                            {orders}
                        </select>
                    </div>
                    <label class="check">
                        <input
                            type="checkbox"
                            data-action="portfolio-below"
                            prop:checked=below_only
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                pf.view.update(|x| x.below_target_only = on);
                            }
                        />
                        {i18n::PORT_BELOW_ONLY.get(lang)}
                    </label>
                    <div class="actions">
                        <button
                            type="button"
                            data-action="portfolio-csv"
                            on:click=move |_| export_csv(wb, pf, &p_csv)
                        >
                            {i18n::PORT_EXPORT_CSV.get(lang)}
                        </button>
                        <button
                            type="button"
                            data-action="portfolio-xlsx"
                            on:click=move |_| export_xlsx(wb, pf, portfolio.get_untracked())
                        >
                            {i18n::PORT_EXPORT_XLSX.get(lang)}
                        </button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <section class="pf-matrix" aria-labelledby="pf-matrix-title">
            <h2 id="pf-matrix-title">{i18n::PORT_MATRIX.get(lang)}</h2>
            {controls}
            {move || duplicates(&portfolio.get(), lang)}
            {matrix_grid(pf, portfolio, lang)}
            <p class="hint">{i18n::PORT_LEGEND.get(lang)}</p>
        </section>
    }
}

/// The matrix as the view asks for it, in its scrolling box: of a large matrix only the columns
/// in view and a few beside them (the core's [`Strip`]), drawn again as it scrolls; the keys
/// hint and, for a large matrix, the note of which columns are drawn.
fn matrix_grid(pf: Pf, portfolio: Memo<Arc<Portfolio>>, lang: Lang) -> impl IntoView {
    let matrix = Memo::new_with_compare(
        move |_| {
            let p = portfolio.get();
            let view = pf.view.get();
            Arc::new(browser::timed("wb-portfolio-matrix", || p.matrix(&view)))
        },
        |_, _| true,
    );
    // How far the matrix is scrolled sideways and how wide its box is: which columns are drawn.
    let port = RwSignal::new((0.0, box_width()));
    let strip = Memo::new(move |drawn: Option<&Range<usize>>| {
        let count = matrix.with(|m| m.columns.len());
        let (scroll, width) = port.get();
        Strip::MATRIX.drawn(count, scroll, width, drawn)
    });
    let on_scroll = move || {
        if let Some(now) = browser::scroll_box(WRAP) {
            if port.try_get_untracked().is_some_and(|was| was != now) {
                port.set(now);
            }
        }
    };
    let resize = window_event_listener(ev::resize, move |_| on_scroll());
    on_cleanup(move || resize.remove());
    let has = Memo::new(move |_| !portfolio.with(|p| p.is_empty()));
    let table = move || {
        if !has.get() {
            return view! { <p class="empty">{i18n::PORT_EMPTY.get(lang)}</p> }.into_any();
        }
        // A new box starts at the left.
        port.set((0.0, box_width()));
        let drawn = move || {
            let m = matrix.get();
            let cols = strip.get();
            let focused = browser::focused_data("grid");
            let p = portfolio.get_untracked();
            let table = browser::timed("wb-portfolio-render", || {
                matrix_table(&p, &m, cols, port, lang).into_any()
            });
            leptos::task::spawn_local(async { browser::mark("wb-portfolio-updated") });
            // The benchmark reads when the page's cells were updated (the table is built or
            // updated right after this closure, before the next task) and when the matrix was
            // drawn: the second frame from here starts
            // once the first one, with the matrix, has been laid out and painted.
            // A cell that had focus keeps it (the table's cells may now show other columns).
            request_animation_frame(move || {
                if let Some(at) = focused {
                    if browser::focused_data("grid").as_ref() != Some(&at) {
                        browser::focus_id_quietly(&format!("pc-{at}"));
                    }
                }
                request_animation_frame(|| browser::mark("wb-portfolio-drawn"))
            });
            table
        };
        let no_rows = move || {
            matrix.with(|m| m.rows.is_empty()).then(|| {
                view! { <p class="empty">{i18n::PORT_NO_ROWS.get(lang)}</p> }
            })
        };
        view! {
            <p class="hint no-print">{i18n::PORT_KEYS_HINT.get(lang)}</p>
            {move || window_note(matrix.with(|m| m.columns.len()), strip.get(), lang)}
            <div class="pf-matrix-wrap" id=WRAP on:scroll=move |_| on_scroll()>
                {drawn}
            </div>
            {no_rows}
        }
        .into_any()
    };
    table
}

/// The matrix box's width before it is in the page: its heading's (scroll bar included), else
/// the window's.
fn box_width() -> f64 {
    browser::scroll_box("pf-matrix-title")
        .map(|b| b.1)
        .filter(|w| *w > 0.0)
        .unwrap_or_else(browser::viewport_width)
}

/// The id of the matrix's scrolling box.
const WRAP: &str = "pf-matrix-wrap";

/// When only some columns are in the page: which, of how many (the print shows only these).
fn window_note(count: usize, cols: Range<usize>, lang: Lang) -> Option<impl IntoView> {
    Strip::windowed(count).then(|| {
        let from = cols.start + 1;
        let text =
            i18n::PORT_WINDOW_NOTE.fmt(lang, &[("n", &count), ("from", &from), ("to", &cols.end)]);
        view! {
            <p class="hint" data-portfolio-window=format!("{}-{}", cols.start, cols.end)>
                {text}
            </p>
        }
    })
}

/// The assessments offered more than once: one column each, and what was skipped.
fn duplicates(p: &Portfolio, lang: Lang) -> impl IntoView {
    p.duplicates()
        .iter()
        .map(|d| {
            view! {
                <p class="notice" role="status" data-portfolio-duplicate=d.id.clone()>
                    {d.message(p, lang)}
                </p>
            }
        })
        .collect_view()
}

/// Moves focus between the matrix's cells with the arrow keys, Home and End, across the whole
/// matrix: a column not drawn is scrolled into view, drawn, then focused.
fn grid_keys(e: ev::KeyboardEvent, rows: usize, cols: usize, port: RwSignal<(f64, f64)>) {
    let Some(at) = browser::focused_data("grid") else {
        return;
    };
    let Some((r, c)) = at
        .split_once('-')
        .and_then(|(r, c)| Some((r.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
    else {
        return;
    };
    let (r, c) = match e.key().as_str() {
        "ArrowUp" => (r.saturating_sub(1), c),
        "ArrowDown" => ((r + 1).min(rows.saturating_sub(1)), c),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowRight" => (r, (c + 1).min(cols.saturating_sub(1))),
        "Home" => (r, 0),
        "End" => (r, cols.saturating_sub(1)),
        _ => return,
    };
    e.prevent_default();
    let id = format!("pc-{r}-{c}");
    if Strip::windowed(cols) {
        if let Some((scroll, width)) = browser::scroll_box(WRAP) {
            let x = Strip::MATRIX.reveal(c, scroll, width);
            if x != scroll {
                browser::set_scroll_left(WRAP, x);
                port.set((x, width));
            }
        }
        if !browser::has_id(&id) {
            // Drawn once the strip has moved.
            request_animation_frame(move || browser::focus_id(&id));
            return;
        }
    }
    browser::focus_id(&id);
}

/// The matrix as a table: a column per assessment, a row per domain, capability and
/// sub-item; every cell the engine's label with its hooks. Only the columns `cols` are drawn
/// (all of a small matrix); blank cells keep the others' place, so the table has the whole
/// matrix's width and scrolls as if it were all there, and its `aria-colcount` and each
/// cell's `aria-colindex` tell assistive technology the whole.
fn matrix_table(
    p: &Portfolio,
    m: &Matrix,
    cols: Range<usize>,
    port: RwSignal<(f64, f64)>,
    lang: Lang,
) -> impl IntoView {
    let (rows_n, cols_n) = (m.rows.len(), m.columns.len());
    // A fixed layout (widths from style/components.css) spares the browser measuring every
    // cell of a large matrix.
    let width = format!("width: {}px", 240 + 112 * cols_n + 72 + 128);
    let several_models = m
        .columns
        .iter()
        .any(|c| c.model_version != m.columns[0].model_version);
    let captions = p.captions(lang);
    // The columns not drawn, before and after those that are: one blank cell each side.
    let pad = |n: usize, side: &'static str| {
        (n > 0).then(|| {
            let style = format!("width: {}px", 112 * n);
            view! { <td class=format!("pf-pad pf-pad-{side}") aria-hidden="true" style=style></td> }
        })
    };
    let pads = (cols.start, cols_n - cols.end.min(cols_n));
    let heads = m.columns[cols.clone()]
        .iter()
        .zip(cols.clone())
        .map(|(c, i)| {
            let member = &p.members()[c.member];
            let organisation = member.assessment.project.organisation.clone();
            let source = member.source(lang);
            let caption = captions[c.member].clone();
            let state = if c.reaches_target() {
                i18n::PORT_MEETS_TARGET
            } else {
                i18n::PORT_BELOW_TARGET
            };
            let origin = c.origin.file_name().map(str::to_string);
            let version = several_models.then(|| c.model_version.clone());
            view! {
                <th
                    scope="col"
                    class="pf-col"
                    aria-colindex=(i + 2).to_string()
                    data-column=c.id.token()
                    data-caption=caption
                    title=origin
                >
                    <span class="pf-name">{c.name.clone()}</span>
                    <span class="pf-org">{organisation}</span>
                    <span class="pf-project">{c.project.clone()}</span>
                    <span class="pf-source">{source}</span>
                    <span class="pf-date">{c.date.clone()}</span>
                    <span class="pf-version">{version}</span>
                    <span class="pf-target">{i18n::TARGET_N.fmt(lang, &[("n", &c.target)])}</span>
                    <span class="pf-overall" data-overall-of=c.assessment_id.clone()>
                        {level_fixed(c.overall, "part", lang)}
                        " "
                        {state.get(lang)}
                    </span>
                </th>
            }
        })
        .collect_view();
    let body = m
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let class = format!("pf-row pf-{}", row.kind.code());
            let cells = row.cells[cols.clone()]
                .iter()
                .zip(cols.clone())
                .map(|(cell, c)| cell_view(m, &row.code, r, c, *cell, cols.start, lang))
                .collect_view();
            let weakest = row
                .weakest
                .and_then(|c| m.columns.get(c))
                .map(|c| c.name.clone());
            let reach_title =
                i18n::PORT_REACHING_CELL.fmt(lang, &[("n", &row.reaching), ("m", &row.present)]);
            view! {
                <tr class=class data-row=row.code.clone() data-row-kind=row.kind.code()>
                    <th scope="row" aria-colindex="1">
                        <span class="code">{row.code.clone()}</span>
                        " "
                        {mtext(&row.name, lang)}
                    </th>
                    {pad(pads.0, "before")}
                    {cells}
                    {pad(pads.1, "after")}
                    <td
                        class="pf-reaching"
                        title=reach_title
                        aria-colindex=(cols_n + 2).to_string()
                    >
                        {format!("{}/{}", row.reaching, row.present)}
                    </td>
                    <td class="pf-weakest" aria-colindex=(cols_n + 3).to_string()>
                        {weakest}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table
            class="pf-grid"
            role="grid"
            style=width
            aria-labelledby="pf-caption"
            aria-colcount=(cols_n + 3).to_string()
            aria-rowcount=(rows_n + 1).to_string()
            on:keydown=move |e| grid_keys(e, rows_n, cols_n, port)
        >
            <caption id="pf-caption">{i18n::PORT_CAPTION.fmt(lang, &[("n", &cols_n)])}</caption>
            <thead>
                <tr>
                    <th scope="col" class="pf-corner" aria-colindex="1">
                        {i18n::CSV_SUB_ITEM.get(lang)}
                    </th>
                    {pad(pads.0, "before")}
                    {heads}
                    {pad(pads.1, "after")}
                    <th scope="col" class="pf-reaching-head" aria-colindex=(cols_n + 2).to_string()>
                        {i18n::PORT_REACHING.get(lang)}
                    </th>
                    <th scope="col" class="pf-weakest-head" aria-colindex=(cols_n + 3).to_string()>
                        {i18n::PORT_WEAKEST.get(lang)}
                    </th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// One cell: the engine's label (text and shade), or a note that the model has no such node.
fn cell_view(
    m: &Matrix,
    code: &str,
    r: usize,
    c: usize,
    cell: Option<Label>,
    first: usize,
    lang: Lang,
) -> impl IntoView {
    let col = &m.columns[c];
    let class = match cell {
        None => "pf-cell missing",
        Some(l) if !reaches(l, col.target) => "pf-cell below",
        Some(_) => "pf-cell",
    };
    // The first drawn cell is where Tab enters the grid.
    let tabindex = if r == 0 && c == first { "0" } else { "-1" };
    let badge = cell.map(|l| level_fixed(l, code, lang));
    let missing = cell.is_none().then(|| cell_text(None, lang));
    let title = cell.is_none().then(|| i18n::PORT_MISSING_TITLE.get(lang));
    view! {
        <td
            id=format!("pc-{r}-{c}")
            class=class
            aria-colindex=(c + 2).to_string()
            tabindex=tabindex
            data-grid=format!("{r}-{c}")
            data-portfolio-cell=code.to_string()
            data-assessment=col.assessment_id.clone()
            data-column=col.id.token()
            data-level=cell.map(|l| l.level.to_string())
            title=title
        >
            {badge}
            {missing}
        </td>
    }
}
