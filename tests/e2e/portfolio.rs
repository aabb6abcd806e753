//! The portfolio page, end to end: three exported files added at once plus two stored
//! assessments, and every matrix cell equal to the engine's result for its assessment
//! (computed here natively from the same files); the comparison of two assessments of one
//! project listing exactly the sub-items that moved; the CSV and the .xlsx read back; hostile
//! files listed with their problems and inert; a folder read and re-read; the portfolio
//! remembered after a reload; axe in both languages; screenshots.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use maturity_core::assess::assessment::{Assessment, Edit, Status};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::{score, Label};
use maturity_core::formats::csv;
use maturity_core::formats::exchange::{export, import};
use maturity_core::model::validate::load_model;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::model::{find_model, LoadedModel};
use maturity_core::text::Lang;
use serde_json::{json, Value};

use crate::support::Browser;
use crate::views::{answer_some, assessment_id};

const V2: &str = "2099.1";

/// Another version of the embedded model: `CM-VC-BM` dropped, `CM-VC-NEW` added.
fn v2_text() -> String {
    let mut m: Value = serde_json::from_str(EMBEDDED_MODEL).unwrap();
    m["version"] = V2.into();
    let cap = m["domains"][0]["capabilities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["code"] == "CM-VC")
        .unwrap();
    let items = cap["items"].as_array_mut().unwrap();
    let copy = serde_json::to_string(items.iter().find(|i| i["code"] == "CM-VC-VCS").unwrap())
        .unwrap()
        .replace("CM-VC-VCS", "CM-VC-NEW");
    items.retain(|i| i["code"] != "CM-VC-BM");
    items.push(serde_json::from_str(&copy).unwrap());
    serde_json::to_string_pretty(&m).unwrap()
}

fn models() -> Vec<Arc<LoadedModel>> {
    vec![
        Arc::new(load_model(EMBEDDED_MODEL).unwrap()),
        Arc::new(load_model(&v2_text()).unwrap()),
    ]
}

/// An assessment with the given answers (`req status`), as of `at`.
fn made(
    model: &LoadedModel,
    id: &str,
    name: &str,
    project: &str,
    target: u8,
    answers: &[(&str, &str)],
    at: &str,
) -> Assessment {
    let mut a = Assessment::new(id, name, model, target, Lang::Zh, at);
    a.project.project = project.into();
    for (req, status) in answers {
        a.apply(
            &Edit::Answer {
                req: req.to_string(),
                status: Status::from_code(status),
            },
            at,
        );
    }
    a
}

/// Every requirement of a sub-item's level, met.
fn level(model: &LoadedModel, item: &str, lv: u8) -> Vec<(String, &'static str)> {
    let i = model.find_item(item).unwrap();
    model.item_index(i).levels[usize::from(lv - 2)]
        .clone()
        .map(|r| (model.requirement_id(r).to_string(), "met"))
        .collect()
}

fn owned<'a>(v: &'a [(String, &'static str)]) -> Vec<(&'a str, &'static str)> {
    v.iter().map(|(a, b)| (a.as_str(), *b)).collect()
}

/// The engine's label of a node, by the kind the page gives its row.
fn engine(a: &Assessment, models: &[Arc<LoadedModel>], kind: &str, code: &str) -> Option<Label> {
    let m = find_model(models, &a.model).expect("its model");
    let r = score(&m, &a.answers, a.target_level, Rule::default());
    match kind {
        "item" => m.find_item(code).map(|i| r.items[i].label),
        "capability" => (0..m.capability_count())
            .find(|&c| m.capability(c).code == code)
            .map(|c| r.capabilities[c].label),
        "domain" => (0..m.domain_count())
            .find(|&d| m.domain(d).code == code)
            .map(|d| r.domains[d].label),
        other => panic!("row kind {other}"),
    }
}

/// Every cell on the page: (column token, assessment id, sub-item code, row kind, data-level,
/// text).
async fn cells(b: &Browser) -> Vec<[String; 6]> {
    let v = b
        .eval(
            "return [...document.querySelectorAll('[data-portfolio-cell]')].map(td => [
                td.dataset.column, td.dataset.assessment, td.dataset.portfolioCell,
                td.closest('tr').dataset.rowKind, td.dataset.level || '', (td.querySelector('[data-label]') || {dataset: {label: td.textContent.trim()}}).dataset.label]);",
        )
        .await;
    serde_json::from_value(v).unwrap()
}

/// The column tokens in page order.
async fn columns(b: &Browser) -> Vec<String> {
    serde_json::from_value(
        b.eval(
            "return [...document.querySelectorAll('th[data-column]')].map(t => t.dataset.column);",
        )
        .await,
    )
    .unwrap()
}

/// The file names of the portfolio's files, by their column token.
async fn file_names(b: &Browser) -> BTreeMap<String, String> {
    let v = b
        .eval("return [...document.querySelectorAll('[data-portfolio-file]')].map(tr => ['file-' + tr.dataset.portfolioFile, tr.querySelector('.file-name').textContent]);")
        .await;
    let pairs: Vec<(String, String)> = serde_json::from_value(v).unwrap();
    pairs.into_iter().collect()
}

/// Checks every cell against the engine; `of` gives the assessment of a column token.
fn check_cells(
    cells: &[[String; 6]],
    of: &dyn Fn(&str) -> Assessment,
    models: &[Arc<LoadedModel>],
    lang_missing: &str,
) -> usize {
    let mut n = 0;
    for [column, aid, code, kind, level, text] in cells {
        let a = of(column);
        assert_eq!(&a.id, aid, "{column}");
        match engine(&a, models, kind, code) {
            Some(l) => {
                assert_eq!(level, &l.level.to_string(), "{code} in {column}");
                assert_eq!(text, &l.to_string(), "{code} in {column}");
            }
            None => {
                assert_eq!(level, "", "{code} in {column} has no node");
                assert_eq!(text, lang_missing, "{code} in {column}");
            }
        }
        n += 1;
    }
    n
}

/// Reloads the portfolio page and waits until it has read what it remembers.
async fn reload(b: &Browser) {
    b.client.refresh().await.expect("reload");
    b.wait_for("[data-action='portfolio-add']:enabled").await;
}

async fn wait_cells(b: &Browser, n: usize) {
    b.wait_until(
        &format!("{n} matrix cells"),
        &format!("return document.querySelectorAll('[data-portfolio-cell]').length === {n};"),
    )
    .await;
}

/// Chooses files in the portfolio's file input, several at once.
async fn add(b: &Browser, paths: &[std::path::PathBuf]) {
    // The input is enabled once the remembered portfolio has been read.
    let input = b.wait_for("[data-action='portfolio-add']:enabled").await;
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    input
        .send_keys(&list.join("\n"))
        .await
        .expect("choose files");
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn files_and_stored_assessments_side_by_side_match_the_engine() {
    let models = models();
    let (v1, v2) = (&models[0], &models[1]);
    let b = Browser::open().await;

    // Stored assessment 1: the default one, answered on the page; its export says what it is.
    answer_some(&b).await;
    let id1 = assessment_id(&b).await;
    b.eval("window.scrollTo(0, 0); return 1;").await;
    b.click("[data-action='export-menu']").await;
    b.click("[data-action='export-json']").await;
    let stored1 = import(
        &std::fs::read_to_string(b.downloaded(".json").await).unwrap(),
        &models,
    )
    .assessment
    .expect("the export imports");

    // The second model version, loaded on the Models page.
    let v2_path = b.work_dir().join("model-v2.json");
    std::fs::write(&v2_path, v2_text()).unwrap();
    b.goto_hash("#/models").await;
    b.upload("[data-action='load-model']", &v2_path).await;
    b.wait_for(&format!("[data-model='caict-devops-cd@{V2}']"))
        .await;

    // Stored assessment 2: imported as new.
    let s2 = made(
        v1,
        "s2",
        "手机银行 2026",
        "手机银行",
        2,
        &owned(&[level(v1, "CM-VC-BM", 2), level(v1, "DM-DCM-CP", 2)].concat()),
        "2026-02-01T08:00:00.000Z",
    );
    let s2_path = b.work_dir().join("s2.json");
    std::fs::write(&s2_path, export(v1, &s2, "2026-02-02T00:00:00.000Z")).unwrap();
    b.goto_hash("#/home").await;
    b.upload("[data-action='import']", &s2_path).await;
    b.click("[data-action='import-as-new']").await;
    b.wait_for("#dash-title").await;
    let id2 = assessment_id(&b).await;
    let mut stored2 = s2.clone();
    stored2.id = id2.clone();

    // Three files: one project last quarter and now (the same assessment exported twice), and
    // another project on the second model version.
    let q1 = made(
        v1,
        "wy",
        "网银 Q1",
        "网银",
        3,
        &owned(
            &[
                level(v1, "CM-VC-VCS", 2),
                level(v1, "CM-VC-VCS", 3),
                level(v1, "CM-VC-BM", 2),
                vec![("TM-TH-HM-L2-1".into(), "partial")],
            ]
            .concat(),
        ),
        "2026-01-10T08:00:00.000Z",
    );
    let mut q2 = q1.clone();
    for (req, status) in [
        ("CM-VC-VCS-L3-1", Some(Status::NotMet)),
        ("CM-VC-AM-L2-1", Some(Status::Met)),
        ("CM-VC-AM-L2-2", Some(Status::Met)),
        ("TM-TH-HM-L2-1", None),
        ("DM-DCM-CP-L2-1", Some(Status::Partial)),
    ] {
        q2.apply(
            &Edit::Answer {
                req: req.into(),
                status,
            },
            "2026-04-10T08:00:00.000Z",
        );
    }
    for l in level(v1, "CM-VC-AM", 2) {
        q2.apply(
            &Edit::Answer {
                req: l.0,
                status: Some(Status::Met),
            },
            "2026-04-10T08:00:00.000Z",
        );
    }
    q2.name = "网银 Q2".into();
    // Every level-2 requirement of the second version met, and one level 3: overall "3-",
    // the highest of the five.
    let all_l2: Vec<(String, &'static str)> = (0..v2.item_count())
        .flat_map(|i| level(v2, &v2.item(i).code, 2))
        .chain(level(v2, "CM-VC-VCS", 3))
        .collect();
    let xd = made(
        v2,
        "xd",
        "信贷 2026",
        "信贷",
        4,
        &owned(&all_l2),
        "2026-03-01T08:00:00.000Z",
    );
    let files: Vec<(&str, &Assessment, &Arc<LoadedModel>)> = vec![
        ("网银-2026Q1.json", &q1, v1),
        ("网银-2026Q2.json", &q2, v1),
        ("信贷.json", &xd, v2),
    ];
    let mut paths = Vec::new();
    let mut by_name: BTreeMap<String, Assessment> = BTreeMap::new();
    for (name, a, m) in &files {
        let path = b.work_dir().join(name);
        std::fs::write(&path, export(m, a, "2026-05-01T00:00:00.000Z")).unwrap();
        paths.push(path);
        by_name.insert(name.to_string(), (*a).clone());
    }

    // The portfolio: two stored assessments chosen, three files added at once.
    b.goto_hash("#/portfolio").await;
    b.wait_for("[data-action='portfolio-add']").await;
    b.click(&format!("[data-portfolio-stored='{id1}']:enabled"))
        .await;
    b.click(&format!("[data-portfolio-stored='{id2}']")).await;
    add(&b, &paths).await;
    // Rows: both models' domains, capabilities and sub-items, once each.
    let mut codes = BTreeSet::new();
    for m in &models {
        for d in &m.model.domains {
            codes.insert(d.code.clone());
            for c in &d.capabilities {
                codes.insert(c.code.clone());
                codes.extend(c.items.iter().map(|i| i.code.clone()));
            }
        }
    }
    // The two quarters of 网银 are one assessment (one id): one column, the newest (Q2), and a
    // notice naming the Q1 file it skipped (still there for progress over time).
    let total = codes.len() * 4;
    wait_cells(&b, total).await;
    let duplicate = b.text("[data-portfolio-duplicate='wy']").await;
    assert!(
        duplicate.contains("网银-2026Q1.json") && duplicate.contains("进展对比"),
        "{duplicate}"
    );
    let names = file_names(&b).await;
    assert_eq!(names.len(), 3);
    let of = |column: &str| -> Assessment {
        match column {
            c if c == format!("stored-{id1}") => stored1.clone(),
            c if c == format!("stored-{id2}") => stored2.clone(),
            c => by_name[&names[c]].clone(),
        }
    };
    let shown = cells(&b).await;
    assert_eq!(check_cells(&shown, &of, &models, "无此项"), total);
    // Every (row, column) once.
    let pairs: BTreeSet<(String, String)> =
        shown.iter().map(|c| (c[0].clone(), c[2].clone())).collect();
    assert_eq!(pairs.len(), total);
    assert_eq!(
        shown.iter().map(|c| c[2].clone()).collect::<BTreeSet<_>>(),
        codes
    );
    // The dropped and the added sub-item show as missing where the model lacks them.
    let missing: BTreeSet<(String, String)> = shown
        .iter()
        .filter(|c| c[4].is_empty())
        .map(|c| {
            (
                names.get(&c[0]).cloned().unwrap_or(c[0].clone()),
                c[2].clone(),
            )
        })
        .collect();
    let mut want_missing = BTreeSet::new();
    for col in columns(&b).await {
        let a = of(&col);
        let label = names.get(&col).cloned().unwrap_or(col.clone());
        if a.model.version == V2 {
            want_missing.insert((label, "CM-VC-BM".to_string()));
        } else {
            want_missing.insert((label, "CM-VC-NEW".to_string()));
        }
    }
    assert_eq!(missing, want_missing);
    b.screenshot("portfolio-zh").await;

    // Sorting by overall level moves whole columns; cells still match.
    let before = columns(&b).await;
    b.eval("const s = document.querySelector('#pf-order'); s.value = 'highest'; s.dispatchEvent(new Event('change', {bubbles: true})); return 1;").await;
    b.wait_until(
        "the columns are sorted",
        &format!(
            "return [...document.querySelectorAll('th[data-column]')].map(t => t.dataset.column).join() !== {};",
            json!(before.join(","))
        ),
    )
    .await;
    let sorted = columns(&b).await;
    let overall = |c: &String| {
        let a = of(c);
        let m = find_model(&models, &a.model).unwrap();
        let l = score(&m, &a.answers, a.target_level, Rule::default())
            .part
            .label;
        (l.level, l.partial)
    };
    assert!(
        sorted.windows(2).all(|w| overall(&w[0]) >= overall(&w[1])),
        "{sorted:?}"
    );
    check_cells(&cells(&b).await, &of, &models, "无此项");

    // Filters: a domain, and only sub-items below target somewhere.
    b.eval("const s = document.querySelector('#pf-domain'); s.value = 'DM'; s.dispatchEvent(new Event('change', {bubbles: true})); return 1;").await;
    b.wait_until("the domain filter applies", "return [...document.querySelectorAll('[data-portfolio-cell]')].every(td => td.dataset.portfolioCell.startsWith('DM'));").await;
    b.eval("const s = document.querySelector('#pf-domain'); s.value = ''; s.dispatchEvent(new Event('change', {bubbles: true})); return 1;").await;
    wait_cells(&b, total).await;
    b.click("[data-action='portfolio-below']").await;
    b.wait_until(
        "the below-target filter is on",
        "return document.querySelector(\"[data-action='portfolio-below']\").checked;",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let below: BTreeSet<String> = cells(&b)
        .await
        .into_iter()
        .filter(|c| c[3] == "item")
        .map(|c| c[2].clone())
        .collect();
    let want_below: BTreeSet<String> = codes
        .iter()
        .filter(|code| models.iter().any(|m| m.find_item(code).is_some()))
        .filter(|code| {
            sorted.iter().any(|col| {
                let a = of(col);
                engine(&a, &models, "item", code).is_some_and(|l| l.level < a.target_level)
            })
        })
        .cloned()
        .collect();
    assert_eq!(below, want_below);
    b.click("[data-action='portfolio-below']").await;
    wait_cells(&b, total).await;

    // Progress over time: the two quarters of 网银 are compared by default.
    let q1_col = names
        .iter()
        .find(|(_, n)| n.contains("Q1"))
        .unwrap()
        .0
        .clone();
    let q2_col = names
        .iter()
        .find(|(_, n)| n.contains("Q2"))
        .unwrap()
        .0
        .clone();
    let compared = b
        .wait_for("[data-compare]")
        .await
        .attr("data-compare")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(compared, format!("{q1_col}|{q2_col}"));
    let moved_shown: BTreeMap<String, String> = serde_json::from_value::<Vec<(String, String)>>(
        b.eval("return [...document.querySelectorAll('[data-compare-item]')].filter(r => r.dataset.change === 'rose' || r.dataset.change === 'fell').map(r => [r.dataset.compareItem, r.dataset.change]);").await,
    )
    .unwrap()
    .into_iter()
    .collect();
    let (r1, r2) = (
        score(v1, &q1.answers, q1.target_level, Rule::default()),
        score(v1, &q2.answers, q2.target_level, Rule::default()),
    );
    let moved: BTreeMap<String, String> = (0..v1.item_count())
        .filter(|&i| r1.items[i].label != r2.items[i].label)
        .map(|i| {
            let up = (r2.items[i].label.level, r2.items[i].label.partial)
                > (r1.items[i].label.level, r1.items[i].label.partial);
            (
                v1.item(i).code.clone(),
                if up { "rose" } else { "fell" }.to_string(),
            )
        })
        .collect();
    assert_eq!(moved_shown, moved);
    assert!(moved.values().any(|c| c == "rose") && moved.values().any(|c| c == "fell"));
    let blocking = b
        .find("[data-compare-blocking]")
        .await
        .attr("data-compare-blocking")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        blocking,
        format!("{}|{}", r1.blocking.len(), r2.blocking.len())
    );
    let answers_shown: BTreeSet<String> = serde_json::from_value(
        b.eval("return [...document.querySelectorAll('[data-compare-answer]')].map(r => r.dataset.compareAnswer);").await,
    )
    .unwrap();
    let changed: BTreeSet<String> = (0..v1.requirement_count())
        .map(|r| v1.requirement_id(r).to_string())
        .filter(|id| q1.status(id) != q2.status(id))
        .collect();
    assert_eq!(answers_shown, changed);

    // Exports: the matrix as CSV, and the .xlsx with the matrix and the comparison.
    b.clear_downloads();
    let order = columns(&b).await;
    b.click("[data-action='portfolio-csv']").await;
    let csv_path = b.downloaded(".csv").await;
    let csv_text = std::fs::read_to_string(&csv_path).unwrap();
    let rows = csv::parse(&csv_text).unwrap();
    let head = 7;
    let mut read_back = 0;
    for line in &rows[head..] {
        if line.len() < 3 + order.len() {
            continue;
        }
        let kind = match line[0].as_str() {
            "能力子域" => "domain",
            "能力项" => "capability",
            "能力子项" => "item",
            other => panic!("kind {other}"),
        };
        for (c, col) in order.iter().enumerate() {
            let want = engine(&of(col), &models, kind, &line[1])
                .map_or("无此项".to_string(), |l| l.to_string());
            assert_eq!(line[3 + c], want, "{} in {col}", line[1]);
            read_back += 1;
        }
    }
    assert_eq!(read_back, total);
    assert_eq!(rows[1][3..3 + order.len()].len(), order.len());
    b.click("[data-action='portfolio-xlsx']").await;
    let xlsx = std::fs::read(b.downloaded(".xlsx").await).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let sheets = book.sheet_names();
    assert_eq!(sheets, vec!["矩阵", "对比"]);
    let matrix = book.worksheet_range("矩阵").unwrap();
    for (n, line) in rows.iter().enumerate().take(head + codes.len()) {
        for (c, want) in line.iter().enumerate() {
            assert_eq!(
                cell(&matrix, n as u32 + 1, c as u32),
                *want,
                "row {n} col {c}"
            );
        }
    }
    let cmp = book.worksheet_range("对比").unwrap();
    let listed: BTreeMap<String, String> = (0..cmp.height() as u32 + 2)
        .filter(|&r| ["提升", "下降"].contains(&cell(&cmp, r, 4).as_str()))
        .map(|r| {
            let ch = if cell(&cmp, r, 4) == "提升" {
                "rose"
            } else {
                "fell"
            };
            (cell(&cmp, r, 0), ch.to_string())
        })
        .collect();
    assert_eq!(listed, moved, "the comparison sheet lists the same moves");

    // The comparison prints (A4 landscape styles) with what moved.
    let pdf = b.print_pdf().await;
    let pdf_path = b.work_dir().join("portfolio.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert!(text.contains("进展对比"), "{text}");
    for code in moved.keys() {
        assert!(text.contains(code.as_str()), "{code} printed");
    }

    // The matrix is a grid: arrow keys move from cell to cell.
    b.eval("document.getElementById('pc-0-0').focus(); return 1;")
        .await;
    b.press("\u{E014}\u{E015}\u{E015}").await; // right, down, down
    assert_eq!(
        b.eval("return document.activeElement.id;").await,
        json!("pc-2-1")
    );
    b.press("\u{E012}\u{E013}").await; // left, up
    assert_eq!(
        b.eval("return document.activeElement.id;").await,
        json!("pc-1-0")
    );

    // Reload: the portfolio is remembered (its stored assessments and its files).
    let cols_before = columns(&b).await;
    reload(&b).await;
    wait_cells(&b, total).await;
    assert_eq!(
        columns(&b).await.into_iter().collect::<BTreeSet<_>>(),
        cols_before.into_iter().collect::<BTreeSet<_>>()
    );
    let names_after = file_names(&b).await;
    assert_eq!(names_after, names);
    check_cells(&cells(&b).await, &of, &models, "无此项");

    // Both languages pass axe; screenshots of each.
    for lang in ["zh", "en"] {
        let violations = b.axe().await;
        assert!(
            violations.is_empty(),
            "axe ({lang}):\n{}",
            violations.join("\n")
        );
        b.screenshot(&format!("portfolio-matrix-{lang}")).await;
        b.eval("document.querySelector('.pf-comparison').scrollIntoView(); return 1;")
            .await;
        b.screenshot(&format!("portfolio-comparison-{lang}")).await;
        let was = b.eval("return document.documentElement.lang;").await;
        b.click("[data-action='language']").await;
        b.wait_until(
            "the language switched",
            &format!("return document.documentElement.lang !== {was};"),
        )
        .await;
    }
    assert!(
        b.console_errors().await.is_empty(),
        "{:?}",
        b.console_errors().await
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_files_are_listed_with_their_problems_and_stay_inert() {
    let models = models();
    let v1 = &models[0];
    let b = Browser::open().await;
    let markup = "<img src=x onerror=\"window.__pwned=1\">";
    let evil = made(
        v1,
        "ev",
        markup,
        "<script>window.__pwned=2</script>",
        3,
        &[("CM-VC-VCS-L2-1", "met")],
        "2026-01-01T00:00:00.000Z",
    );
    let json = export(v1, &evil, "2026-01-02T00:00:00.000Z");
    let mut bad: Value = serde_json::from_str(&json).unwrap();
    bad["answers"]["CM-VC-VCS-L2-1"]["status"] = json!("<img src=x onerror=window.__pwned=3>");
    bad["assessment"]["target_level"] = json!(9);
    let page = "<!doctype html><html><body><script>window.__pwned=4</script><img src=x onerror='window.__pwned=5'></body></html>";
    let doc = maturity_core::formats::document::write(page, &json).unwrap();
    let dir = b.work_dir();
    let files = [
        ("<img src=x onerror=window.__pwned=6>.json", json.clone()),
        ("bad.json", bad.to_string()),
        ("page.html", page.to_string()),
        ("document.html", doc),
    ];
    let mut paths = Vec::new();
    for (name, text) in &files {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    b.goto_hash("#/portfolio").await;
    add(&b, &paths).await;
    // The two good files (the export and the document holding it) are added: one assessment,
    // so one column, and a notice naming the file skipped, its markup shown as text.
    wait_cells(&b, 70).await;
    let duplicate = b.text("[data-portfolio-duplicate='ev']").await;
    assert!(
        duplicate.contains(markup) && duplicate.contains("document.html"),
        "{duplicate}"
    );
    let rejected = b.wait_for("[data-portfolio-rejected]").await;
    let text = rejected.text().await.unwrap();
    assert!(
        text.contains("bad.json") && text.contains("page.html"),
        "{text}"
    );
    assert!(!text.contains("document.html"), "{text}");
    // Every problem of the bad file, with its path, in words.
    let problems = b.find_all("[data-rejected='bad.json'] .problems li").await;
    assert!(problems.len() >= 2, "{} problems listed", problems.len());
    assert!(text.contains("CM-VC-VCS-L2-1"), "{text}");
    assert!(
        text.contains("工作簿文档"),
        "the page is not a document: {text}"
    );
    // Nothing ran, no markup became elements; the texts show as they are.
    assert_eq!(
        b.eval("return window.__pwned === undefined;").await,
        json!(true)
    );
    assert_eq!(
        b.eval("return document.querySelectorAll(\"img[src='x'], .portfolio script\").length;")
            .await,
        json!(0)
    );
    let heads = b.text("th[data-column]").await;
    assert!(heads.contains(markup), "{heads}");
    assert!(b
        .text(".pf-files")
        .await
        .contains("<img src=x onerror=window.__pwned=6>.json"));
    // The page stays usable: remove one file, the other stays.
    b.click("[data-action='portfolio-remove']").await;
    b.wait_until(
        "one file left",
        "return document.querySelectorAll('[data-portfolio-file]').length === 1 && !document.querySelector('[data-portfolio-duplicate]');",
    )
    .await;
    wait_cells(&b, 70).await;
    // A file dropped on the page joins the portfolio (and is not offered for import).
    b.client
        .execute(
            "const dt = new DataTransfer();
             dt.items.add(new File([arguments[0]], 'dropped.json', {type: 'application/json'}));
             document.querySelector('.portfolio')
                 .dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
             return 1;",
            vec![json!(json)],
        )
        .await
        .unwrap();
    b.wait_for("[data-portfolio-duplicate='ev']").await;
    wait_cells(&b, 70).await;
    assert!(b.text(".pf-files").await.contains("dropped.json"));
    assert!(
        b.find_all("[role='dialog']").await.is_empty(),
        "no import dialog"
    );
    b.close().await;
}

/// Makes the folder picker return a stand-in folder holding `files` (WebDriver cannot drive
/// the real picker, and the origin private file system is refused on `file://`). Its methods
/// are on the prototype, so IndexedDB keeps its data (as a plain object) like a real handle;
/// calling again replaces the folder's files in place, as a team saving on the share would.
async fn put_folder(b: &Browser, files: &[(&str, String)]) {
    let files: Vec<Value> = files.iter().map(|(n, t)| json!([n, t])).collect();
    b.client
        .execute(
            "const [files] = arguments;
             class FakeFile {
               constructor(name, text) { this.name = name; this.kind = 'file'; this.text = text; }
               async getFile() { return new File([this.text], this.name); }
             }
             class FakeDir {
               constructor(name) { this.name = name; this.kind = 'directory'; this.entries = []; }
               async *values() { for (const e of this.entries) yield e; }
               async queryPermission() { return 'granted'; }
               async requestPermission() { return 'granted'; }
             }
             window.__teamShare = window.__teamShare || new FakeDir('team-share');
             const dir = window.__teamShare;
             for (const [name, text] of files) {
               dir.entries = dir.entries.filter(e => e.name !== name);
               dir.entries.push(new FakeFile(name, text));
             }
             window.showDirectoryPicker = async () => dir;
             return true;",
            vec![json!(files)],
        )
        .await
        .expect("set up the folder");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_is_read_and_read_again() {
    let models = models();
    let v1 = &models[0];
    let b = Browser::open().await;
    b.goto_hash("#/portfolio").await;
    b.wait_for("[data-action='portfolio-add']:enabled").await;
    let team = |id: &str, project: &str, answers: &[(&str, &str)]| {
        let a = made(
            v1,
            id,
            project,
            project,
            3,
            answers,
            "2026-01-01T00:00:00.000Z",
        );
        export(v1, &a, "2026-01-02T00:00:00.000Z")
    };
    let label = |answers: &[(&str, &str)]| {
        let a = made(v1, "x", "x", "x", 3, answers, "2026-01-01T00:00:00.000Z");
        engine(&a, &models, "item", "CM-VC-VCS")
            .unwrap()
            .to_string()
    };
    put_folder(
        &b,
        &[
            ("a.json", team("ta", "网银", &[("CM-VC-VCS-L2-1", "met")])),
            ("b.json", team("tb", "信贷", &[])),
            ("notes.txt", "not an assessment".into()),
        ],
    )
    .await;
    b.click("[data-action='portfolio-folder']:enabled").await;
    wait_cells(&b, 70 * 2).await;
    assert!(b.text(".folder-name").await.contains("team-share"));
    let vcs = "[data-portfolio-cell='CM-VC-VCS'][data-assessment='ta']";
    assert_eq!(
        b.find(&format!("{vcs} [data-label]"))
            .await
            .attr("data-label")
            .await
            .unwrap()
            .unwrap_or_default(),
        label(&[("CM-VC-VCS-L2-1", "met")])
    );
    // A team saves a newer version, another team adds its file: re-reading follows them.
    let newer = [("CM-VC-VCS-L2-1", "met"), ("CM-VC-VCS-L2-2", "met")];
    put_folder(
        &b,
        &[
            ("a.json", team("ta", "网银", &newer)),
            ("c.json", team("tc", "支付", &[])),
        ],
    )
    .await;
    b.click("[data-action='portfolio-reread']").await;
    wait_cells(&b, 70 * 3).await;
    b.wait_until(
        "the newer file is shown",
        &format!(
            "const c = document.querySelector(\"{vcs}\"); return !!c && !!c.querySelector('[data-label]') && c.querySelector('[data-label]').dataset.label === {};",
            json!(label(&newer))
        ),
    )
    .await;
    assert_eq!(
        b.find_all("[data-portfolio-file]").await.len(),
        3,
        "the older copy was replaced"
    );
    // After a reload the folder's files are remembered.
    reload(&b).await;
    wait_cells(&b, 70 * 3).await;
    assert!(b.text(".folder-name").await.contains("team-share"));
    // Choosing the folder again reads what is there now.
    put_folder(&b, &[("d.json", team("td", "基金", &[]))]).await;
    b.click("[data-action='portfolio-folder']:enabled").await;
    wait_cells(&b, 70).await;
    // Forgetting the folder removes its files.
    b.click("[data-action='portfolio-forget-folder']").await;
    wait_cells(&b, 0).await;
    assert!(b.find_all("[data-notice='portfolio']").await.is_empty());
    b.close().await;
}

/// The id of the element that has focus and its `data-assessment`.
async fn focused_cell(b: &Browser) -> (String, String) {
    serde_json::from_value(
        b.eval("const e = document.activeElement; return [e.id, e.dataset.assessment || ''];")
            .await,
    )
    .unwrap()
}

/// 200 files: only a strip of columns is in the page, yet the grid tells the whole matrix
/// (`aria-colcount`, `aria-colindex`), the keys move across all of it (End reaches the last
/// column, which is drawn and focused), re-sorting reorders it, scrolling draws other
/// columns, axe finds nothing; screenshots in both languages.
#[tokio::test(flavor = "multi_thread")]
async fn a_portfolio_of_200_files_draws_a_strip_and_moves_across_all_of_it() {
    const N: usize = 200;
    let v1 = load_model(EMBEDDED_MODEL).unwrap();
    let b = Browser::open().await;
    let dir = b.work_dir().join("many");
    std::fs::create_dir_all(&dir).unwrap();
    // Every other file has an answer met (its overall label "1+"), so the orders differ.
    let paths: Vec<std::path::PathBuf> = (0..N)
        .map(|n| {
            let answers = if n.is_multiple_of(2) {
                level(&v1, "CM-VC-VCS", 2)
            } else {
                Vec::new()
            };
            let a = made(
                &v1,
                &format!("w{n:03}"),
                &format!("团队 {n:03}"),
                &format!("项目 {n:03}"),
                2 + (n % 3) as u8,
                &owned(&answers),
                "2026-03-01T08:00:00.000Z",
            );
            let path = dir.join(format!("team-{n:03}.json"));
            std::fs::write(&path, export(&v1, &a, "2026-03-02T00:00:00.000Z")).unwrap();
            path
        })
        .collect();
    b.goto_hash("#/portfolio").await;
    add(&b, &paths).await;
    b.wait_until(
        "the matrix of 200 columns",
        &format!(
            "const t = document.querySelector('table.pf-grid'); return !!t && t.getAttribute('aria-colcount') === '{}';",
            N + 3
        ),
    )
    .await;
    let drawn = columns(&b).await;
    assert!(
        drawn.len() < 40,
        "a strip of columns is drawn, not {}",
        drawn.len()
    );
    assert!(b.text("#pf-caption").await.contains(&N.to_string()));
    let note = b.text("[data-portfolio-window]").await;
    assert!(note.contains("200"), "{note}");
    // Every drawn header and cell says where it is in the whole matrix.
    let ok = b
        .eval(
            "const ths = [...document.querySelectorAll('th[data-column]')];
             const first = +ths[0].getAttribute('aria-colindex');
             return ths.every((t, i) => +t.getAttribute('aria-colindex') === first + i)
                 && [...document.querySelectorAll('[data-portfolio-cell]')].every(td => td.hasAttribute('aria-colindex'))
                 && document.querySelector('table.pf-grid').getAttribute('aria-rowcount') === String(document.querySelectorAll('tr[data-row]').length + 1);",
        )
        .await;
    assert_eq!(ok, json!(true));

    // The keys move across the whole matrix.
    b.eval("document.getElementById('pc-0-0').focus(); return 1;")
        .await;
    b.press("\u{E010}").await; // End
    b.wait_until(
        "the last column focused",
        &format!("return document.activeElement.id === 'pc-0-{}';", N - 1),
    )
    .await;
    assert_eq!(
        focused_cell(&b).await,
        (format!("pc-0-{}", N - 1), format!("w{:03}", N - 1))
    );
    b.press("\u{E012}\u{E015}").await; // left, down
    b.wait_until(
        "the cell left of it, a row down",
        &format!("return document.activeElement.id === 'pc-1-{}';", N - 2),
    )
    .await;
    assert_eq!(focused_cell(&b).await.1, format!("w{:03}", N - 2));
    b.press("\u{E011}").await; // Home
    b.wait_until(
        "the first column focused",
        "return document.activeElement.id === 'pc-1-0';",
    )
    .await;
    assert_eq!(focused_cell(&b).await.1, "w000");
    b.press("\u{E014}").await; // right
    assert_eq!(
        focused_cell(&b).await,
        ("pc-1-1".to_string(), "w001".to_string())
    );
    // Scrolling sideways draws other columns.
    let before = columns(&b).await;
    b.eval("document.getElementById('pf-matrix-wrap').scrollLeft = 112 * 100; return 1;")
        .await;
    b.wait_until(
        "other columns drawn",
        &format!(
            "return [...document.querySelectorAll('th[data-column]')].map(t => t.dataset.column).join() !== {};",
            json!(before.join(","))
        ),
    )
    .await;
    let scrolled = columns(&b).await;
    assert!(!scrolled.contains(&before[0]), "the strip moved");

    // Re-sorting: lowest first puts the unanswered ones (odd numbers) first.
    b.eval("document.getElementById('pf-matrix-wrap').scrollLeft = 0; return 1;")
        .await;
    b.eval("const s = document.querySelector('#pf-order'); s.value = 'lowest'; s.dispatchEvent(new Event('change', {bubbles: true})); return 1;")
        .await;
    b.wait_until(
        "the lowest first",
        "const td = document.getElementById('pc-0-0'); return !!td && td.dataset.assessment === 'w001';",
    )
    .await;
    let order: Vec<String> = serde_json::from_value(
        b.eval("return [...document.querySelectorAll('tr[data-row]')[0].querySelectorAll('[data-portfolio-cell]')].map(td => td.dataset.assessment);")
            .await,
    )
    .unwrap();
    assert!(
        order
            .iter()
            .all(|id| id[1..].parse::<usize>().unwrap() % 2 == 1),
        "{order:?}"
    );
    assert_eq!(
        b.eval("return document.querySelector('table.pf-grid').getAttribute('aria-colcount');")
            .await,
        json!((N + 3).to_string())
    );
    // End in the new order reaches its last column: the last answered one.
    b.eval("document.getElementById('pc-0-0').focus(); return 1;")
        .await;
    b.press("\u{E010}").await;
    b.wait_until(
        "the last column focused",
        &format!("return document.activeElement.id === 'pc-0-{}';", N - 1),
    )
    .await;
    assert_eq!(focused_cell(&b).await.1, format!("w{:03}", N - 2));

    // The print has the drawn columns and the note that says so.
    let pdf = b.print_pdf().await;
    // Kept beside the screenshots for a person to look at.
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let _ = std::fs::create_dir_all(&shots);
    let pdf_path = shots.join("portfolio-200-print.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let flat: String = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect();
    assert!(flat.contains("打印只含这些列"), "{flat}");
    assert!(flat.contains("团队001"), "{flat}");

    // Both languages pass axe; screenshots of each.
    b.eval("document.getElementById('pf-matrix-wrap').scrollLeft = 0; document.querySelector('.pf-matrix').scrollIntoView(); return 1;")
        .await;
    for lang in ["zh", "en"] {
        let violations = b.axe().await;
        assert!(
            violations.is_empty(),
            "axe ({lang}):\n{}",
            violations.join("\n")
        );
        b.screenshot(&format!("portfolio-200-{lang}")).await;
        let was = b.eval("return document.documentElement.lang;").await;
        b.click("[data-action='language']").await;
        b.wait_until(
            "the language switched",
            &format!("return document.documentElement.lang !== {was};"),
        )
        .await;
    }
    assert!(
        b.console_errors().await.is_empty(),
        "{:?}",
        b.console_errors().await
    );
    b.close().await;
}
