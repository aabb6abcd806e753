//! Storing the team's data in the browser, decided here and carried out by the app's browser
//! adapters: [`persist`] the storage layout over a tiny key-value trait (keys, schemas and
//! migrations, quarantine, revisions, the trash); [`workspace`] the assessments this browser
//! holds and everything that happens to them, each method answering with an `Outcome`;
//! [`merge`] merging two copies of one assessment; [`scope`] whose store the working copy is
//! in.
//!
//! Uses `text`, `model` and `assess`; never `formats` (files are read into assessments before
//! they get here) nor the portfolio.

pub mod merge;
pub mod persist;
pub mod scope;
pub mod workspace;
