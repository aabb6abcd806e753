//! Pure helpers of the pages, kept out of the components so they are tested natively:
//! [`route`] the URL-hash routes, [`keys`] the keyboard shortcuts as data, [`chart`] radar and
//! bar geometry for the SVG charts, [`strip`] which columns of a wide grid are drawn.
//!
//! Uses `text`, `model` and `assess`; nothing uses it inside the core.

pub mod chart;
pub mod keys;
pub mod route;
pub mod strip;
