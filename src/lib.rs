//! Maturity Workbook: an offline self-assessment workbook for the CAICT DevOps Capability
//! Maturity Model. The pure core is its own crate, `maturity_core` (crates/core); this crate is
//! the shell over it: the browser adapters (`web`) and the Leptos views (`ui`). See
//! docs/ARCHITECTURE.md for the map.

pub mod ui;
pub mod web;

/// Mounts the workbook: into the single-file page's `#wb-app`, else onto the page body.
pub fn start() {
    match web::docfile::app_root() {
        Some(root) => leptos::mount::mount_to(root, ui::app::App).forget(),
        None => leptos::mount::mount_to_body(ui::app::App),
    }
}
