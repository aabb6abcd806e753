//! The organisation's portfolio: many teams' assessments side by side, and how one team moved
//! between two of its assessments ("progress over time").
//!
//! Members are assessments stored in this browser and files (JSON exports or workbook
//! documents) read exactly like an import and kept read-only. Every level comes from
//! [`score`] with the member's own model ([`find_model`] against the loaded models); domain and
//! capability rows show the engine's own results for those nodes, so the roll-up rule lives in
//! one place. Rows are matched by code, so assessments of different model versions sit side by
//! side and a sub-item one model lacks shows as such.
//!
//! The files: here the members and reading a file; `matrix.rs` the merged rows and the matrix;
//! `comparison.rs` progress over time; `duplicates.rs` one column per assessment however often
//! it is offered, and captions that tell members apart; `holdings.rs` the list of what the page remembers in
//! this browser ([`Holdings`]); `shelf.rs` the storage policy over it ([`Shelf`]: what is
//! stored under which key when files are added, a folder read again, a file removed);
//! `sheets.rs` the matrix and the comparison as CSV and as an Excel workbook.
//!
//! Uses `text`, `model`, `assess`, `formats` (to read files and write sheets), the storage
//! keys of `store::persist` and `store::merge::same_work` (copies holding the same work);
//! nothing in the core uses it.

use std::sync::Arc;

use crate::assess::assessment::Assessment;
use crate::assess::rule::Rule;
use crate::assess::score::{score, Results};
use crate::formats::document;
use crate::formats::exchange::{self, ImportProblem, Severity};
use crate::model::{find_model, LoadedModel};
use crate::text::i18n;
use crate::text::Lang;

mod comparison;
mod duplicates;
mod holdings;
mod matrix;
mod sheets;
mod shelf;

pub use comparison::{AnswerChange, Change, Comparison, ItemChange};
pub use duplicates::Duplicate;
pub use holdings::{FileRef, Holdings, HoldingsError, HOLDINGS_SCHEMA};
pub use matrix::{
    layout, reaches, Column, Matrix, MatrixRow, Order, Portfolio, RowKind, RowSpec, View,
};
pub use sheets::{cell_text, comparison_csv, matrix_csv, xlsx_book};
pub use shelf::{Op, Refused, Shelf, ShelfFile, ShelfReport};

/// Which member a column is: an assessment stored in this browser, or a file kept by the
/// portfolio (by its key there).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MemberId {
    Stored(String),
    File(String),
}

impl MemberId {
    /// A token for the page (option values, `data-column`); [`MemberId::from_token`] reads it.
    pub fn token(&self) -> String {
        match self {
            MemberId::Stored(id) => format!("stored-{id}"),
            MemberId::File(key) => format!("file-{key}"),
        }
    }

    pub fn from_token(token: &str) -> Option<MemberId> {
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        if let Some(id) = token.strip_prefix("stored-") {
            nonempty(id).map(MemberId::Stored)
        } else {
            token
                .strip_prefix("file-")
                .and_then(nonempty)
                .map(MemberId::File)
        }
    }
}

/// Where a member comes from, as the page names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An assessment in this browser (editable on its own pages).
    Stored,
    /// A file added by the picker or by drag and drop: its name.
    File(String),
    /// A file of the chosen folder: its name (path inside the folder).
    Folder(String),
}

impl Origin {
    /// The file name, for files.
    pub fn file_name(&self) -> Option<&str> {
        match self {
            Origin::Stored => None,
            Origin::File(n) | Origin::Folder(n) => Some(n),
        }
    }
}

/// One assessment of the portfolio with its model and its results.
#[derive(Clone, Debug)]
pub struct Member {
    pub id: MemberId,
    pub origin: Origin,
    pub assessment: Assessment,
    pub model: Arc<LoadedModel>,
    pub results: Results,
}

impl Member {
    /// Scores an assessment with its own model; None when that model is not loaded.
    pub fn new(
        id: MemberId,
        origin: Origin,
        assessment: Assessment,
        models: &[Arc<LoadedModel>],
    ) -> Option<Member> {
        let model = find_model(models, &assessment.model)?;
        let results = score(
            &model,
            &assessment.answers,
            assessment.target_level,
            Rule::default(),
        );
        Some(Member {
            id,
            origin,
            assessment,
            model,
            results,
        })
    }

    /// The date the assessment was last changed, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        let at = &self.assessment.updated_at;
        at.get(..10).unwrap_or(at)
    }

    /// `id@version` of its model.
    pub fn model_key(&self) -> String {
        self.model.key()
    }
}

// ----- Reading files -----

/// Why a file was not added, or what the user should know about one that was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// A problem the exchange importer found (with its JSON path).
    Import(ImportProblem),
    /// An HTML page that is not a workbook document (no embedded assessment).
    NotADocument,
}

impl FileProblem {
    pub fn is_error(&self) -> bool {
        match self {
            FileProblem::Import(p) => p.severity == Severity::Error,
            FileProblem::NotADocument => true,
        }
    }

    /// Where in the file (a JSON path), if anywhere.
    pub fn path(&self) -> &str {
        match self {
            FileProblem::Import(p) => &p.path,
            FileProblem::NotADocument => "",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileProblem::Import(p) => p.message(lang),
            FileProblem::NotADocument => i18n::PORT_NOT_A_DOCUMENT.get(lang).to_string(),
        }
    }
}

/// A file read and validated.
#[derive(Clone, Debug)]
pub struct FileRead {
    /// The exchange JSON it holds (the whole file, or a workbook document's embedded block):
    /// what the portfolio keeps in this browser, and reads again next time.
    pub json: String,
    pub assessment: Assessment,
    pub warnings: Vec<FileProblem>,
    /// The model the file carried, when it was read with it (no model here had its text):
    /// the portfolio scores the file with it ([`FileRead::models`]) without adding it to the
    /// browser's models.
    pub carried: Option<Arc<LoadedModel>>,
}

impl FileRead {
    /// The models to score this file with: the loaded ones and the one it carried.
    pub fn models(
        carried: &Option<Arc<LoadedModel>>,
        models: &[Arc<LoadedModel>],
    ) -> Vec<Arc<LoadedModel>> {
        models
            .iter()
            .cloned()
            .chain(carried.iter().cloned())
            .collect()
    }
}

/// Reads a JSON export or a workbook document exactly like an import: a document's embedded
/// block is cut out without running anything, then the exchange importer validates
/// everything and recomputes. Every problem is returned when the file cannot be added.
pub fn read_file(text: &str, models: &[Arc<LoadedModel>]) -> Result<FileRead, Vec<FileProblem>> {
    let json = if document::looks_like_html(text) {
        document::read(text).ok_or_else(|| vec![FileProblem::NotADocument])?
    } else {
        text
    };
    let report = exchange::import(json, models);
    let carried = report.carried.clone();
    let problems: Vec<FileProblem> = report
        .problems
        .into_iter()
        .map(FileProblem::Import)
        .collect();
    match report.assessment {
        Some(assessment) => Ok(FileRead {
            json: json.to_string(),
            assessment,
            warnings: problems,
            carried,
        }),
        None => Err(problems),
    }
}
