//! The workbook's pure core: everything that decides, computes or writes, and nothing that
//! touches the browser or draws a page. The crate depends on serde and serde_json only — no
//! `leptos`, `web-sys`, `js-sys`, `wasm-bindgen` or `gloo` — so the compiler keeps it pure,
//! and its tests run natively (`cargo test -p maturity-core`) without building the UI.
//!
//! Its modules, by concern, each with a doc comment saying what it owns; the lower ones never
//! use the higher ones:
//!
//! - [`text`] the two languages, the message catalogue, display helpers (uses nothing else).
//! - [`model`] the model format, a loaded model and the set of loaded models, validation,
//!   fingerprints, synthetic models (uses `text`).
//! - [`assess`] an assessment and its edits, the scoring rule, the levels, the gap (uses
//!   `text`, `model`).
//! - [`store`] what is kept in the browser and how: the storage layout, the workspace of the
//!   team's assessments, merging two copies (uses the above).
//! - [`formats`] one module per file format written or read: exchange JSON, the workbook
//!   document, CSV, zip, xlsx, the CAICT forms, the mail summary, the portfolio's sheets.
//! - [`portfolio`] the organisation's view over many assessments: members, the matrix, the
//!   comparison over time, what the portfolio keeps.
//! - [`view`] pure helpers of the pages: routes, keyboard commands, chart geometry.

pub mod assess;
pub mod formats;
pub mod model;
pub mod portfolio;
pub mod store;
pub mod text;
pub mod view;
