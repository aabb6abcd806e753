//! Assessing: what a team answers and how it is judged. [`assessment`] holds the answers,
//! N/A reasons, comments, evidence and project information, and [`Edit`](assessment::Edit),
//! the only way an assessment changes; [`rule`] judges a requirement and a level (the only
//! place that does); [`score`] computes every level, label and count in one function (and the
//! outline's filter over its results); [`gap`] what blocks the next level and the evidence
//! plan; [`materials`] a materials folder checked against that plan; [`identity`] whose
//! assessment it is (organisation, project, the default name); [`undo`] undoing and redoing a
//! person's edits one by one, as new edits.
//!
//! Uses `text` and `model`; never storage, formats or the portfolio.

pub mod assessment;
pub mod gap;
pub mod identity;
pub mod materials;
pub mod rule;
pub mod score;
pub mod undo;
