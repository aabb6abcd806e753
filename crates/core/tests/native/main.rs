//! The core's native tests, one binary with a module per concern (one link instead of eleven).
//! `cargo test -p maturity-core --test native <module>` runs one of them, e.g. `workspace`.
//! Fixtures are in `../fixtures/`: every earlier stored schema and a version-1 exchange file.
#![cfg(not(target_arch = "wasm32"))]

mod common;

mod carried;
mod clarity;
mod engine;
mod exchange;
mod form;
mod fuzz;
mod materials;
mod merge;
mod model;
mod model_versions;
mod paraphrase;
mod portfolio;
mod properties;
mod shelf;
mod storage;
mod undo;
mod windows;
mod wording;
mod workspace;
mod xlsx;
