//! The pure core: model, assessment, scoring, gap, exchange formats. Nothing in here touches the
//! browser (no `leptos`, no `web_sys`), so all of it is tested natively with `cargo test`.

pub mod assessment;
pub mod chart;
pub mod csv;
pub mod document;
pub mod exchange;
pub mod gap;
pub mod i18n;
pub mod keys;
pub mod merge;
pub mod model;
pub mod persist;
pub mod portfolio;
pub mod route;
pub mod rule;
pub mod score;
pub mod sha256;
pub mod summary;
pub mod synthetic;
pub mod text;
pub mod validate;
pub mod workspace;
pub mod xlsx;
pub mod xlsx_caict;
pub mod zip;

/// The CD model shipped inside the workbook.
pub const EMBEDDED_MODEL: &str = include_str!("../../model/caict-devops-cd.json");
