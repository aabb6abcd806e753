//! Maturity Workbook: an offline self-assessment workbook for the CAICT DevOps Capability
//! Maturity Model. See docs/ARCHITECTURE.md for the map.

pub mod core;
