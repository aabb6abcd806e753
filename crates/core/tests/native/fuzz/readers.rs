//! Each reader as the loop calls it: bytes in (decoded as the browser decodes a picked file,
//! invalid UTF-8 replaced), an [`Outcome`] out, with what makes an accepted result consistent.

use std::collections::BTreeSet;
use std::sync::Arc;

use maturity_core::assess::assessment::{Assessment, Edit, Status};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::score;
use maturity_core::formats::document;
use maturity_core::formats::exchange::{export, import, ImportKind, ImportReport};
use maturity_core::model::form::{self, write};
use maturity_core::model::validate::{load_model, parse_json, validate_model, MAX_MODEL_BYTES};
use maturity_core::model::LoadedModel;
use maturity_core::portfolio;
use maturity_core::text::Lang;

use super::harness::{Message, Outcome};
use super::seeds::{models, PAGE};

const NOW: &str = "2026-06-01T12:00:00.000Z";

fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// A problem as the page shows it: where (its JSON path), then why.
fn message(path: &str, m: impl Fn(Lang) -> String) -> Message {
    Message {
        zh: format!("{path} {}", m(Lang::Zh)),
        en: format!("{path} {}", m(Lang::En)),
    }
}

/// (1) The exchange import (the import dialog, and a stored portfolio file read again).
pub fn exchange(bytes: &[u8]) -> Outcome {
    let report = import(&text(bytes), models());
    import_outcome(report, |a, m| export(m, a, NOW), |t| import(t, models()))
}

/// (2) The workbook document reader: a picked file that is either an exchange file or a saved
/// workbook page, whose embedded assessment is cut out (never run) and imported. The
/// portfolio's reader of the same files must agree with it.
pub fn document(bytes: &[u8]) -> Outcome {
    let text = text(bytes);
    let report = document::import_any(&text, models());
    let portfolio = portfolio::read_file(&text, models()).is_ok();
    let mut outcome = import_outcome(
        report,
        |a, m| document::write(PAGE, &export(m, a, NOW)).unwrap_or_default(),
        |t| document::import_any(t, models()),
    );
    if outcome.inconsistent.is_none() && portfolio != outcome.accepted {
        outcome.inconsistent = Some(format!(
            "the import says accepted: {}, the portfolio's reader: {portfolio}",
            outcome.accepted
        ));
    }
    outcome
}

/// The messages of an import, and for an accepted one: written again (`write`) and read again
/// (`read`) it gives the same assessment, without an error, and the same text once more.
fn import_outcome(
    report: ImportReport,
    write: impl Fn(&Assessment, &LoadedModel) -> String,
    read: impl Fn(&str) -> ImportReport,
) -> Outcome {
    let messages = report
        .problems
        .iter()
        .map(|p| message(&p.path, |l| p.message(l)))
        .collect();
    let errors = report.errors().count();
    let Some(a) = report.assessment else {
        return Outcome {
            inconsistent: (errors == 0).then(|| "refused without an error".into()),
            ..Outcome::refused(messages)
        };
    };
    let inconsistent = (|| {
        if errors > 0 {
            return Some(format!("accepted with {errors} errors"));
        }
        let model = report.model.as_ref()?;
        let file = write(&a, model);
        let again = read(&file);
        if let Some(p) = again.errors().next() {
            return Some(format!(
                "its own export is refused: {} {:?}",
                p.path, p.kind
            ));
        }
        if let Some(p) = again.warnings().find(|p| {
            !matches!(
                p.kind,
                ImportKind::UnknownItem(_) | ImportKind::UnknownField(_)
            )
        }) {
            return Some(format!("its own export warns: {} {:?}", p.path, p.kind));
        }
        // Usable as well as readable: an evidence entry added to any sub-item (the next thing
        // a user may do) gets an id of its own.
        let mut edited = a.clone();
        for (code, work) in &a.items {
            edited.apply(&Edit::AddEvidence { item: code.clone() }, NOW);
            let entries = &edited.items[code].evidence;
            let ids: BTreeSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
            if ids.len() != entries.len() || entries.len() != work.evidence.len() + 1 {
                return Some(format!(
                    "an evidence entry added to {code} repeats an id: {ids:?}"
                ));
            }
        }
        let b = again.assessment?;
        let (x, y) = (comparable(&a), comparable(&b));
        if x != y {
            return Some(format!(
                "read back differently:\n  first {x:?}\n  again {y:?}"
            ));
        }
        if write(&b, model) != file {
            return Some("written again, the file differs".into());
        }
        None
    })();
    Outcome::accepted(messages, inconsistent)
}

/// An assessment as a file carries it: without what stays in the browser (the time of the last
/// export, the changes since, the lineage) and without sub-items holding nothing (not written).
fn comparable(a: &Assessment) -> Assessment {
    let mut a = a.clone();
    a.last_exported_at = None;
    a.changes_since_export = 0;
    a.lineage.clear();
    a.items
        .retain(|_, w| !w.notes.is_empty() || !w.evidence.is_empty());
    a
}

/// (3) The model validator (a model file loaded on the Models page). A model it accepts reads
/// back the same from its own serialisation, scores, and carries an assessment through export
/// and import; a model it refuses gets every problem explained by the walk (never refused by
/// the typed read after a walk that found nothing).
pub fn model(bytes: &[u8]) -> Outcome {
    let text = text(bytes);
    let loaded = match load_model(&text) {
        Ok(m) => m,
        Err(problems) => {
            let messages = problems
                .iter()
                .map(|p| message(&p.path, |l| p.message(l)))
                .collect();
            let walked_clean =
                parse_json(&text, MAX_MODEL_BYTES).is_ok_and(|v| validate_model(&v).is_empty());
            let inconsistent = match problems.as_slice() {
                [] => Some("refused without a problem".into()),
                [p] if walked_clean => Some(format!(
                    "the validator found nothing, the typed read refused: {:?}",
                    p.kind
                )),
                _ => None,
            };
            return Outcome {
                inconsistent,
                ..Outcome::refused(messages)
            };
        }
    };
    let inconsistent = (|| {
        let again_text = serde_json::to_string_pretty(&loaded.model).ok()?;
        let again = match load_model(&again_text) {
            Ok(m) => m,
            Err(p) => return Some(format!("its own serialisation is refused: {p:?}")),
        };
        if again.model != loaded.model {
            return Some("its own serialisation reads back differently".into());
        }
        let m = Arc::new(loaded);
        let r = score(&m, &Default::default(), 3, Rule::default());
        if r.distribution.iter().sum::<u32>() as usize != m.item_count() {
            return Some("the scores do not count every sub-item".into());
        }
        let mut a = Assessment::new("fuzz", "fuzz", &m, 3, Lang::En, NOW);
        if m.requirement_count() > 0 {
            let id = m.requirement_id(m.requirement_count() - 1).to_string();
            a.apply(
                &Edit::Answer {
                    req: id,
                    status: Some(Status::Met),
                },
                NOW,
            );
        }
        let report = import(&export(&m, &a, NOW), std::slice::from_ref(&m));
        match report.assessment {
            Some(b) if comparable(&b) == comparable(&a) => None,
            Some(_) => Some("an assessment of it reads back differently".into()),
            None => Some(format!(
                "an assessment of it is refused: {:?}",
                report.problems
            )),
        }
    })();
    Outcome::accepted(Vec::new(), inconsistent)
}

/// The name a form is read under (its stem is a CSV sheet's name and the suggested id).
pub const FORM_NAME: &str = "form.xlsx";
/// The day the page reads a form on (a model's suggested version).
const TODAY: &str = "2026-12-04";

/// The page's inflater, done natively (the browser's `DecompressionStream` in the app), failing
/// with a short reason as the browser does (not miniz's debug output, which holds the bytes).
pub fn inflate(_: &str, raw: &[u8], size: usize) -> Result<Vec<u8>, String> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(raw, size)
        .map_err(|e| format!("inflate: {:?}", e.status))
}

/// A form's sheets as the page gets them: an .xlsx or a CSV text opened by the core, a CSV in
/// GB18030 decoded as the browser's `TextDecoder('gb18030')` does (no BOM of another encoding
/// honoured, bad bytes replaced), then read as CSV.
fn form_sheets(bytes: &[u8]) -> Result<Vec<form::Grid>, form::FormError> {
    match form::open(bytes, FORM_NAME, &mut inflate)? {
        form::Opened::Sheets(grids) => Ok(grids),
        form::Opened::NeedsGb18030 => {
            let text = encoding_rs::GB18030.decode_without_bom_handling(bytes).0;
            Ok(vec![form::csv::grid(&text, form::stem(FORM_NAME))?])
        }
    }
}

/// (4) The spreadsheet-form reader (the Models page's "model from a form"): the file opened,
/// recognised with the page's default choice (the sheet and the roles it recognises), and when
/// nothing is an error, finished with the title, id and version the page suggests. Refused
/// with the file's error or the form's problems (each named by its cell); accepted with its
/// warnings when the model file it gives passes `load_model`, and consistent when that model,
/// written back as a form, reads again to the same model file.
pub fn form(bytes: &[u8]) -> Outcome {
    let grids = match form_sheets(bytes) {
        Ok(g) => g,
        Err(e) => return Outcome::refused(vec![message(FORM_NAME, |l| e.message(l))]),
    };
    let read = form::read(&grids, &form::Choice::default(), FORM_NAME, TODAY);
    let messages: Vec<Message> = read
        .problems
        .iter()
        .map(|p| message(&p.cell, |l| p.message(l)))
        .collect();
    if read.has_errors() {
        return Outcome::refused(messages);
    }
    let title = read.model.title.get(read.lang).to_string();
    let id = form::suggest_id(FORM_NAME);
    let text = form::finish(&read, &title, &id, TODAY);
    let loaded = match load_model(&text) {
        Ok(m) => m,
        Err(p) => {
            let first = p.first().map(|p| format!("{} {:?}", p.path, p.kind));
            return Outcome::accepted(
                messages,
                Some(format!(
                    "read without an error, its model file is refused ({} problems): {}",
                    p.len(),
                    first.unwrap_or_default()
                )),
            );
        }
    };
    let inconsistent = (|| {
        // Written back as a form (CSV or .xlsx, as the Models page offers both) and read again.
        let written = if bytes.len().is_multiple_of(2) {
            write::form_csv(&loaded.model, read.lang, TODAY).into_bytes()
        } else {
            let mut package = write::form_book(&loaded.model, read.lang, TODAY).package();
            for part in &mut package.parts {
                part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 1));
            }
            package.to_zip()
        };
        let mut again = match form_sheets(&written) {
            Ok(g) => form::read(&g, &form::Choice::default(), FORM_NAME, TODAY),
            Err(e) => return Some(format!("its own form is refused: {e:?}")),
        };
        // Warnings aside: a cell cut at the limit may be cut again once its marker is written.
        if let Some(p) = again.problems.iter().find(|p| !p.is_warning()) {
            return Some(format!(
                "its own form has problems: {} {:?}",
                p.cell, p.kind
            ));
        }
        // The same sub-items, with the same codes, names and levels. Texts are not compared: a
        // form cannot carry every text a model file can (a line of a requirement that reads as
        // a numbering marker starts a requirement of its own when read again, control
        // characters are not written), so only the structure must come back.
        let shape = |m: &maturity_core::model::Model| -> Vec<String> {
            m.domains
                .iter()
                .flat_map(|d| &d.capabilities)
                .flat_map(|c| &c.items)
                .map(|i| format!("{} {}", i.code, i.levels.len()))
                .collect()
        };
        again.model.source = read.model.source.clone();
        let again_text = form::finish(&again, &title, &id, TODAY);
        (shape(&again.model) != shape(&read.model)).then(|| first_difference(&text, &again_text))
    })();
    Outcome::accepted(messages, inconsistent)
}

/// Where two model files first differ, with a line of each.
fn first_difference(a: &str, b: &str) -> String {
    let (n, (x, y)) = a
        .lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .unwrap_or((a.lines().count().min(b.lines().count()), ("<end>", "<end>")));
    let cut = |s: &str| s.chars().take(160).collect::<String>();
    format!(
        "its own form reads back differently at line {}:\n  first {:?}\n  again {:?}",
        n + 1,
        cut(x),
        cut(y)
    )
}
