//! Browser adapters. Each browser API the workbook uses lives behind one small module here, with
//! typed errors and no panics on anything the browser controls. The pure core never imports
//! these; the UI calls them.

pub mod browser;
pub mod compress;
pub mod decode;
pub mod docfile;
pub mod files;
pub mod idb;
pub mod inflate;
pub mod picker;
pub mod session;
pub mod shelf;
pub mod storage;
