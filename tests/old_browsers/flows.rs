//! What a team does with the workbook, step by step, in one old Chromium build. Each flow starts
//! its own browsers (fresh profiles) and returns a [`Stop`](crate::cdp::Stop) only when a browser
//! stopped answering; everything it checks is an assertion.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use maturity_core::formats::document;
use maturity_core::model::synthetic::scaled_model_json;
use maturity_core::model::validate::load_model;
use maturity_core::model::EMBEDDED_MODEL;
use serde_json::Value;

use crate::cdp::{Browser, Build, R};
use crate::form_fixture::{agile_csv, agile_rows, agile_xlsx};
use crate::unzip::zip_entries;

pub fn page_url() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist/maturity-workbook.html");
    assert!(
        path.exists(),
        "{} is missing: run `make dist` first",
        path.display()
    );
    file_url(&path)
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The answers every flow gives (those of the e2e tests' `answer_some`): CM-VC-VCS reaches
/// level 2 with progress on level 3 (shown "3-"), so the whole part is at 1 ("2-").
const ANSWERS: [(&str, &str); 6] = [
    ("CM-VC-VCS-L2-1", "met"),
    ("CM-VC-VCS-L2-2", "met"),
    ("CM-VC-VCS-L3-1", "met"),
    ("CM-VC-VCS-L3-2", "partial"),
    ("CM-VC-VCS-L3-3", "not_met"),
    ("CM-VC-VCS-L4-1", "not_applicable"),
];

/// Answers [`ANSWERS`] by clicking their radios, and checks the levels the page computes.
fn answer(b: &mut Browser) -> R<()> {
    for (req, status) in ANSWERS {
        b.click(&format!("[data-req='{req}'] [data-status='{status}']"))?;
    }
    check_answers_shown(b, "after answering")?;
    Ok(())
}

/// The radios show [`ANSWERS`], and the levels are those they give.
fn check_answers_shown(b: &mut Browser, when: &str) -> R<()> {
    b.wait_for("[data-req='CM-VC-VCS-L2-1']")?;
    b.wait_until(
        &format!("the last answer is shown ({when})"),
        "!!document.querySelector(\"[data-req='CM-VC-VCS-L4-1'] input:checked\")",
    )?;
    let shown = b.eval(
        "Array.from(document.querySelectorAll('[data-req]')).map(g => [g.dataset.req, (g.querySelector('input:checked') || {}).value || null])",
    )?;
    for (req, status) in ANSWERS {
        let got = shown
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| r[0] == req)
            .map(|r| r[1].clone());
        assert_eq!(
            got,
            Some(Value::String(status.into())),
            "Chromium {}: {req} {when}",
            b.major
        );
    }
    assert_eq!(
        b.level_of("CM-VC-VCS")?,
        ("2".into(), "3-".into()),
        "Chromium {}: CM-VC-VCS {when}",
        b.major
    );
    assert_eq!(
        b.level_of("part")?,
        ("1".into(), "2-".into()),
        "Chromium {}: the part {when}",
        b.major
    );
    Ok(())
}

/// The open assessment's id, from the URL (`#/a/<id>/…`).
fn assessment_id(b: &mut Browser) -> R<String> {
    let hash = b.eval("location.hash")?;
    let id = hash
        .as_str()
        .unwrap_or_default()
        .split('/')
        .nth(2)
        .unwrap_or_default()
        .to_string();
    assert!(!id.is_empty(), "no assessment open: {hash}");
    Ok(id)
}

/// Opens the export menu at the top of the page and clicks one of its items.
fn export(b: &mut Browser, action: &str) -> R<()> {
    b.eval("window.scrollTo(0, 0)")?;
    b.click("[data-action='export-menu']")?;
    b.click(&format!("[data-action='{action}']"))
}

/// Nothing thrown, nothing logged as an error.
fn no_errors(b: &mut Browser) -> R<()> {
    let errors = b.errors()?;
    assert!(errors.is_empty(), "Chromium {}: {errors:?}", b.major);
    Ok(())
}

/// Open from `file://`, answer, reload: the answers and levels are kept. Export JSON and .xlsx
/// by download and read both back: they carry the answers and the level the page shows.
pub fn answer_reload_export(build: &Build) -> R<()> {
    let mut b = Browser::open(build, &page_url(), &[])?;
    let lang = b.eval("document.documentElement.lang")?;
    assert_eq!(
        lang, "zh-CN",
        "Chromium {}: the page speaks Chinese",
        b.major
    );
    answer(&mut b)?;
    let id = assessment_id(&mut b)?;
    b.screenshot("answered")?;
    b.reload()?;
    check_answers_shown(&mut b, "after a reload")?;
    assert_eq!(
        assessment_id(&mut b)?,
        id,
        "the same assessment after a reload"
    );

    export(&mut b, "export-json")?;
    let path = b.downloaded(".json")?;
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("Chromium {}: the JSON export does not parse: {e}", b.major));
    assert_eq!(json["format"], "maturity-workbook/assessment");
    assert_eq!(json["assessment"]["id"], id.as_str());
    for (req, status) in ANSWERS {
        assert_eq!(
            json["answers"][req]["status"], status,
            "Chromium {}: {req} in the JSON export",
            b.major
        );
    }

    b.clear_downloads();
    export(&mut b, "export-xlsx")?;
    let path = b.downloaded(".xlsx")?;
    let bytes = std::fs::read(&path).unwrap();
    let entries = zip_entries(&bytes);
    let sheet = |name: &str| {
        entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| String::from_utf8_lossy(d).to_string())
            .unwrap_or_else(|| panic!("no {name} in the .xlsx"))
    };
    // Cell text lives in the shared strings; the form's row for the sub-item gives its label.
    let strings = sheet("xl/sharedStrings.xml");
    for needle in ["CM-VC-VCS-L3-2", "部分满足", "自评"] {
        assert!(
            strings.contains(needle),
            "{needle} not in the .xlsx strings"
        );
    }
    assert!(sheet("xl/workbook.xml").contains("自评表"));
    {
        use calamine::{Data, Reader, Xlsx};
        let text = |d: Option<&Data>| match d {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            _ => String::new(),
        };
        let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("calamine opens it");
        let form = book.worksheet_range("自评表").unwrap();
        let row = (0..form.height() as u32)
            .find(|&r| text(form.get_value((r, 3))).starts_with("CM-VC-VCS"))
            .expect("the CM-VC-VCS row");
        assert_eq!(
            text(form.get_value((row, 9))),
            "3-",
            "Chromium {}: the label the page shows, in the form",
            b.major
        );
        let reqs = book.worksheet_range("要求明细").unwrap();
        let l32 = (1..reqs.height() as u32)
            .find(|&r| text(reqs.get_value((r, 0))) == "CM-VC-VCS-L3-2")
            .expect("CM-VC-VCS-L3-2 in 要求明细");
        assert_eq!(text(reqs.get_value((l32, 4))), "部分满足");
    }
    no_errors(&mut b)
}

/// Takes the File System Access API away before the page's scripts run, as a headless browser
/// cannot show its save picker; Save as then downloads.
const NO_SAVE_PICKER: &str =
    "Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });";

/// Levels of a few nodes and every answer of CM-VC-VCS, as the page shows them.
fn snapshot(b: &mut Browser, id: &str) -> R<Value> {
    b.goto_hash(&format!("#/a/{id}/item/CM-VC-VCS"))?;
    b.wait_for("[data-req='CM-VC-VCS-L2-1']")?;
    let mut levels = Vec::new();
    for code in ["CM-VC-VCS", "CM-VC", "CM", "part"] {
        levels.push(b.level_of(code)?);
    }
    let answers = b.eval(
        "Array.from(document.querySelectorAll('[data-req]')).map(g => [g.dataset.req, (g.querySelector('input:checked') || {}).value || null])",
    )?;
    Ok(serde_json::json!({ "levels": levels, "answers": answers }))
}

/// Save as, by download (the name question skipped); the file carries the answers and, opened
/// in a fresh profile of the same build, shows them on the assessment's dashboard.
pub fn save_as_then_reopen(build: &Build) -> R<()> {
    let mut a = Browser::open(build, &page_url(), &[NO_SAVE_PICKER])?;
    // 88 has the File System Access API (its save picker taken away above), 80 never had it.
    let has_api = a.eval(
        "typeof FileSystemFileHandle === 'function' && typeof window.showOpenFilePicker === 'function'",
    )?;
    assert_eq!(
        has_api,
        Value::Bool(build.major >= 86),
        "Chromium {}: the File System Access API",
        build.major
    );
    assert_eq!(a.eval("typeof window.showSaveFilePicker")?, "undefined");
    answer(&mut a)?;
    let id = assessment_id(&mut a)?;
    a.eval("window.scrollTo(0, 0)")?;
    a.click("[data-action='save-document']")?;
    a.click("[data-action='name-skip']")?;
    let saved = a.downloaded(".html")?;
    a.wait_for("[data-document-status='saved']")?;
    let html = std::fs::read_to_string(&saved).unwrap();
    let inner = document::read(&html)
        .unwrap_or_else(|| panic!("Chromium {}: the saved file holds no assessment", a.major));
    let json: Value = serde_json::from_str(inner).expect("the embedded assessment parses");
    assert_eq!(json["assessment"]["id"], id.as_str());
    for (req, status) in ANSWERS {
        assert_eq!(
            json["answers"][req]["status"], status,
            "{req} in the saved document"
        );
    }
    let before = snapshot(&mut a, &id)?;
    no_errors(&mut a)?;
    let name = saved.file_name().unwrap().to_owned();
    let mailed = std::env::temp_dir().join(format!(
        "mwb-old-mailed-{}-{}-{}",
        build.major,
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    std::fs::create_dir_all(&mailed).unwrap();
    std::fs::copy(&saved, mailed.join(&name)).unwrap();
    drop(a);

    // A colleague opens the mailed file: a fresh profile, nothing stored.
    let mut b = Browser::start(build, &[])?;
    let path = b.work_dir().join(&name);
    std::fs::copy(mailed.join(&name), &path).unwrap();
    let _ = std::fs::remove_dir_all(&mailed);
    b.goto(&file_url(&path))?;
    b.wait_for("[data-level-of='part']")?;
    assert_eq!(
        b.eval("location.hash")?,
        Value::String(format!("#/a/{id}")),
        "the document opens on its dashboard"
    );
    b.screenshot("document-reopened")?;
    assert_eq!(
        snapshot(&mut b, &id)?,
        before,
        "Chromium {}: the same answers and levels in the reopened document",
        b.major
    );
    // The profile was fresh: the document's assessment is the only one this browser holds
    // now, kept as its working copy.
    let stored =
        b.eval("Object.keys(localStorage).filter(k => k.startsWith('mwb:v1:a:')).sort()")?;
    assert_eq!(
        stored,
        serde_json::json!([format!("mwb:v1:a:{id}")]),
        "Chromium {}: the working copy of the document, alone",
        b.major
    );
    no_errors(&mut b)
}

/// The Models page loads a model file (the synthetic one ten times the embedded model), an
/// assessment of it is started and answered, and both are still there after a reload.
pub fn load_a_model_file(build: &Build) -> R<()> {
    let mut b = Browser::open(build, &page_url(), &[])?;
    let path = b.work_dir().join("model-x10.json");
    std::fs::write(&path, scaled_model_json(EMBEDDED_MODEL, 10)).unwrap();
    let key = format!(
        "caict-devops-cd-x10@{}",
        load_model(EMBEDDED_MODEL).unwrap().model.version
    );
    b.goto_hash("#/models")?;
    b.upload("[data-action='load-model']", &path)?;
    b.wait_for(&format!("[data-model='{key}']"))?;
    assert_eq!(
        b.eval("document.querySelectorAll('[data-model]').length")?,
        2,
        "the embedded model and the loaded one"
    );
    b.goto_hash("#/home")?;
    b.wait_for("#new-model")?;
    b.eval(&format!("const s = document.querySelector('#new-model'); s.value = '{key}'; s.dispatchEvent(new Event('change')); s.value"))?;
    b.click("[data-action='new-assessment']")?;
    let ten_times = "document.querySelectorAll('nav.outline .outline-domain').length === 70 && !!document.querySelector(\"[data-req='CM-VC-VCS-L2-1']\")";
    b.wait_until("the new assessment lists the model's 70 domains", ten_times)?;
    b.click("[data-req='CM-VC-VCS-L2-1'] [data-status='met']")?;
    b.wait_until(
        "the answer is shown",
        "!!document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] input[value='met']:checked\")",
    )?;
    b.reload()?;
    b.wait_until("the model came back after a reload", ten_times)?;
    b.wait_until(
        "the answer came back after a reload",
        "!!document.querySelector(\"[data-req='CM-VC-VCS-L2-1'] input[value='met']:checked\")",
    )?;
    b.screenshot("model-x10")?;
    no_errors(&mut b)
}

/// The report of an answered, named assessment renders and prints to an A4 PDF whose text has
/// its title, the organisation, the overall level and the answered requirements.
pub fn print_the_report(build: &Build) -> R<()> {
    let mut b = Browser::open(build, &page_url(), &[])?;
    answer(&mut b)?;
    let id = assessment_id(&mut b)?;
    b.goto_hash(&format!("#/a/{id}/project"))?;
    b.type_into("[data-project='Organisation']", "某某银行")?;
    b.type_into("[data-project='Project']", "手机银行持续交付")?;
    // Text fields are saved after a short pause.
    std::thread::sleep(Duration::from_millis(600));
    b.goto_hash(&format!("#/a/{id}/report"))?;
    b.wait_for("[data-action='print-report']")?;
    b.wait_until(
        "the report has its title",
        "(document.querySelector('#report-title') || {}).textContent === '手机银行持续交付'",
    )?;
    b.screenshot("report")?;
    let pdf = b.print_pdf()?;
    assert!(pdf.starts_with(b"%PDF-"), "Chromium {}: not a PDF", b.major);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/report");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("old-chromium-{}.pdf", b.major));
    std::fs::write(&path, &pdf).unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        "手机银行持续交付",
        "某某银行",
        "整体自评",
        "2-",
        "CAICT 严格规则",
        "CM-VC-VCS-L3-2",
    ] {
        assert!(
            text.contains(needle),
            "Chromium {}: the PDF lacks {needle:?}:\n{}",
            b.major,
            &text[..text.len().min(3000)]
        );
    }
    no_errors(&mut b)
}

/// Below the floor: the start-up guard's message, in Chinese and English, as an alert, soon;
/// never "Opening…", and the app does not start behind it.
pub fn below_the_floor(build: &Build) -> R<()> {
    let mut b = Browser::start(build, &[])?;
    let started = Instant::now();
    b.goto(&page_url())?;
    let read = "(() => { const m = document.getElementById('wb-boot'); return m ? [m.getAttribute('role') || '', m.getAttribute('data-reason') || '', m.textContent] : null; })()";
    b.wait_until(
        "the guard's alert",
        "(document.getElementById('wb-boot') || { getAttribute: () => null }).getAttribute('role') === 'alert'",
    )?;
    let within = started.elapsed();
    // Chromium 79 cannot parse the boot module (ES2020: `?.` and `??` came in 80), so the guard
    // says so once the document is parsed, long before its 10 s limit.
    assert!(
        within < Duration::from_secs(8),
        "the message took {within:?}"
    );
    // Still there a moment later: nothing replaced it.
    std::thread::sleep(Duration::from_millis(500));
    let message = b.eval(read)?;
    let (role, reason, text): (String, String, String) =
        serde_json::from_value(message.clone()).unwrap_or_else(|_| panic!("{message}"));
    assert_eq!(role, "alert");
    assert_eq!(reason, "parse", "{text}");
    for needed in [
        "无法打开工作簿",
        "此浏览器无法运行工作簿的程序代码（JavaScript 版本过旧）",
        "请改用",
        "Chrome 或 Edge 80 及以上版本",
        "Firefox ESR 115 及以上版本",
        "极速模式",
        "The workbook cannot open",
        "This browser cannot run the workbook's program code (its JavaScript is too old)",
        "Please use",
        "Chrome or Edge 80 or newer",
        "Firefox ESR 115 or newer",
        "fast mode",
    ] {
        assert!(
            text.contains(needed),
            "the message lacks {needed:?}: {text}"
        );
    }
    assert!(
        !text.contains("正在打开") && !text.contains("Opening"),
        "still says Opening: {text}"
    );
    let app = b.eval(
        "window.wbStarted === true || !!document.querySelector('[data-req], [data-action=\"new-assessment\"]')",
    )?;
    assert_eq!(
        app,
        Value::Bool(false),
        "the app did not start behind the message"
    );
    b.screenshot("guard-message")?;
    Ok(())
}

/// The agile form's counts in the preview: domains, capabilities, sub-items, requirements.
const AGILE_COUNTS: [&str; 4] = ["2", "3", "4", "19"];

/// The keys of the models the Models page lists.
fn listed_models(b: &mut Browser) -> R<Vec<String>> {
    let keys = b.eval(
        "Array.from(document.querySelectorAll('tr[data-model]')).map(r => r.dataset.model)",
    )?;
    Ok(serde_json::from_value(keys).unwrap_or_default())
}

/// Gives a form to the Models page's reader: the preview states the agile form's counts, each
/// column's role and its first sub-item, and no problem; loaded, the model is listed. Returns
/// its key.
fn read_the_form(b: &mut Browser, path: &Path, shot: &str) -> R<String> {
    b.goto_hash("#/models")?;
    b.wait_for("tr[data-model]")?;
    let before = listed_models(b)?;
    b.upload("[data-action='model-from-form']", path)?;
    b.wait_until(
        "the form's preview (or why it cannot be read)",
        "!!document.querySelector('[data-form-preview], [data-form-error]')",
    )?;
    let error =
        b.eval("(document.querySelector('[data-form-error]') || { textContent: '' }).textContent")?;
    assert_eq!(
        error,
        "",
        "Chromium {}: {} cannot be read",
        b.major,
        path.display()
    );
    let counts = b.eval(
        "(p => [p.dataset.domains, p.dataset.capabilities, p.dataset.items, p.dataset.requirements])(document.querySelector('[data-form-preview]'))",
    )?;
    assert_eq!(
        counts,
        serde_json::json!(AGILE_COUNTS),
        "Chromium {}: the counts of {}",
        b.major,
        path.display()
    );
    let problems = b.eval(
        "Array.from(document.querySelectorAll('[data-form-problem]')).map(p => p.dataset.cell + ' ' + p.textContent)",
    )?;
    assert_eq!(problems, serde_json::json!([]), "Chromium {}", b.major);
    let roles =
        b.eval("Array.from(document.querySelectorAll('select[data-column]')).map(s => s.value)")?;
    assert_eq!(
        roles,
        serde_json::json!([
            "part",
            "domain",
            "capability",
            "item",
            "level-1",
            "level-2",
            "level-3",
            "level-4",
            "level-5",
            "ignore"
        ]),
        "Chromium {}: the columns' roles",
        b.major
    );
    let sample = b.text(".form-sample")?;
    assert!(
        sample.contains("D1-C1-I1 需求收集") && sample.contains("1) 有需求收集渠道"),
        "Chromium {}: {sample}",
        b.major
    );
    b.screenshot(&format!("{shot}-preview"))?;
    b.click("[data-action='form-load']")?;
    b.wait_for("[data-form-loaded]")?;
    b.wait_until(
        "the model is listed",
        &format!(
            "document.querySelectorAll('tr[data-model]').length === {}",
            before.len() + 1
        ),
    )?;
    let key = listed_models(b)?
        .into_iter()
        .find(|k| !before.contains(k))
        .expect("the new model's key");
    Ok(key)
}

/// The requirements answered in an assessment of the agile model: level 2 met, level 3 in
/// part, so the sub-item is at 2 with progress on 3.
const FORM_ANSWERS: [(&str, &str); 4] = [
    ("D1-C1-I1-L2-1", "met"),
    ("D1-C1-I1-L2-2", "met"),
    ("D1-C1-I1-L3-1", "met"),
    ("D1-C1-I1-L3-2", "partial"),
];

/// The answers of [`FORM_ANSWERS`] are shown, and the sub-item's level is the one they give.
fn check_form_answers(b: &mut Browser, when: &str) -> R<()> {
    b.wait_for("[data-req='D1-C1-I1-L2-1']")?;
    b.wait_until(
        &format!("the last answer is shown ({when})"),
        "!!document.querySelector(\"[data-req='D1-C1-I1-L3-2'] input[value='partial']:checked\")",
    )?;
    for (req, status) in FORM_ANSWERS {
        let shown = b.eval(&format!(
            "(document.querySelector(\"[data-req='{req}'] input:checked\") || {{}}).value || null"
        ))?;
        assert_eq!(shown, status, "Chromium {}: {req} {when}", b.major);
    }
    let (level, label) = b.level_of("D1-C1-I1")?;
    assert_eq!(level, "2", "Chromium {}: D1-C1-I1 {when}", b.major);
    assert!(
        label.contains("3-"),
        "Chromium {}: D1-C1-I1 {when}: {label}",
        b.major
    );
    Ok(())
}

/// A team's form saved from Excel (.xlsx: merged cells, deflated parts, inflated by the
/// browser's `DecompressionStream('gzip')`) becomes a model on the Models page; an assessment
/// of it is started and answered, and both are still there after a reload. Saved by download,
/// the document carries the model: opened in a fresh profile that never saw the form, it shows
/// the same answers and levels and adds the model to that browser's Models page.
pub fn model_from_an_xlsx_form(build: &Build) -> R<()> {
    let mut a = Browser::open(build, &page_url(), &[NO_SAVE_PICKER])?;
    let path = a.work_dir().join("agile-自评表.xlsx");
    std::fs::write(&path, agile_xlsx(&agile_rows())).unwrap();
    let key = read_the_form(&mut a, &path, "form-xlsx")?;
    assert!(key.starts_with("agile@"), "{key}");
    a.goto_hash("#/home")?;
    a.wait_for("#new-model")?;
    a.eval(&format!("const s = document.querySelector('#new-model'); s.value = '{key}'; s.dispatchEvent(new Event('change')); s.value"))?;
    a.click("[data-action='new-assessment']")?;
    a.wait_for("[data-req='D1-C1-I1-L2-1']")?;
    let id = assessment_id(&mut a)?;
    let item = format!("#/a/{id}/item/D1-C1-I1");
    a.goto_hash(&item)?;
    a.wait_for("[data-req='D1-C1-I1-L2-1']")?;
    for (req, status) in FORM_ANSWERS {
        a.click(&format!("[data-req='{req}'] [data-status='{status}']"))?;
    }
    check_form_answers(&mut a, "after answering")?;
    a.screenshot("form-xlsx-answered")?;
    a.reload()?;
    check_form_answers(&mut a, "after a reload")?;

    a.eval("window.scrollTo(0, 0)")?;
    a.click("[data-action='save-document']")?;
    a.click("[data-action='name-skip']")?;
    let saved = a.downloaded(".html")?;
    a.wait_for("[data-document-status='saved']")?;
    let html = std::fs::read_to_string(&saved).unwrap();
    let inner = document::read(&html)
        .unwrap_or_else(|| panic!("Chromium {}: the saved file holds no assessment", a.major));
    let json: Value = serde_json::from_str(inner).expect("the embedded assessment parses");
    assert_eq!(json["assessment"]["id"], id.as_str());
    assert!(
        json["model_file"].is_string(),
        "Chromium {}: the document carries its model",
        a.major
    );
    no_errors(&mut a)?;
    drop(a);

    // Someone who never saw the form opens the document.
    let mut b = Browser::start(build, &[])?;
    let doc = b.work_dir().join(saved.file_name().unwrap());
    std::fs::write(&doc, &html).unwrap();
    b.goto(&file_url(&doc))?;
    b.wait_for("[data-level-of='part']")?;
    let notices = b.text(".notices")?;
    assert!(
        notices.contains("已加入本浏览器的“模型”页面"),
        "Chromium {}: {notices}",
        b.major
    );
    b.goto_hash(&item)?;
    check_form_answers(&mut b, "in the reopened document")?;
    b.goto_hash("#/models")?;
    b.wait_for(&format!("tr[data-model='{key}']"))?;
    b.screenshot("form-document-reopened")?;
    no_errors(&mut b)
}

/// The same form saved as CSV, in UTF-8 and in GB18030 (as WPS and Excel write it on Chinese
/// Windows; the page decodes it with the browser's `TextDecoder('gb18030')`): each reads as
/// the same model and loads.
pub fn model_from_a_csv_form(build: &Build) -> R<()> {
    let mut b = Browser::open(build, &page_url(), &[])?;
    let text = agile_csv(&agile_rows());
    let utf8 = b.work_dir().join("agile-utf8.csv");
    std::fs::write(&utf8, &text).unwrap();
    let gbk = b.work_dir().join("agile-gbk.csv");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "GB18030, not UTF-8");
    std::fs::write(&gbk, &bytes).unwrap();
    let first = read_the_form(&mut b, &utf8, "form-csv-utf8")?;
    assert!(first.starts_with("agile-utf8@"), "{first}");
    let second = read_the_form(&mut b, &gbk, "form-csv-gb18030")?;
    assert!(second.starts_with("agile-gbk@"), "{second}");
    no_errors(&mut b)
}
