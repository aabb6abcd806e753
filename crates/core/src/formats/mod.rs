//! Files the workbook writes or reads, one module per format (as ripgrep's printer does):
//! [`exchange`] the versioned JSON exchange format, [`document`] the workbook document (the
//! assessment inside the page's own HTML), [`csv`] the spreadsheet layouts and the one CSV
//! line writer, [`zip`] the container, [`xlsx`] a small SpreadsheetML writer, [`caict`] the
//! CAICT forms as one workbook, [`summary`] the mail and clipboard summary, [`names`] the
//! names of the files written for an assessment. (The portfolio's
//! sheets are written by `portfolio`, which reads its files through this module.)
//!
//! Uses `text`, `model` and `assess`; never `store` or `portfolio`. A new export format is a
//! new module here, called from the UI's export menu; a new spreadsheet layout goes beside the
//! ones in [`csv`] and [`caict`].

pub mod caict;
pub mod csv;
pub mod document;
pub mod exchange;
pub mod names;
pub mod summary;
pub mod xlsx;
pub mod zip;
