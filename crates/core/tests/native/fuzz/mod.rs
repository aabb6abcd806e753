//! The readers of what users bring (exchange import, workbook document, model file) under
//! hostile input. [`regressions`] keeps what was found, each the smallest input that showed it.

mod regressions;
