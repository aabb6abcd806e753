//! Maturity Workbook: an offline self-assessment workbook for the CAICT DevOps Capability
//! Maturity Model. See docs/ARCHITECTURE.md for the map.

pub mod core;
pub mod ui;
pub mod web;

/// Mounts the workbook on the page body.
pub fn start() {
    leptos::mount::mount_to_body(ui::app::App);
}
