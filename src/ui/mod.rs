//! The user interface: thin Leptos components over memos of the pure core's functions.

pub mod app;
pub mod dashboard;
pub mod document;
pub mod downloads;
pub mod evidence;
pub mod export;
pub mod formread;
pub mod gapview;
pub mod help;
pub mod home;
pub mod hooks;
pub mod identity;
pub mod import;
pub mod item;
pub mod materials;
pub mod models;
pub mod mtext;
pub mod plan;
pub mod portfolio;
pub mod project;
pub mod report;
pub mod review;
pub mod state;
pub mod tree;
pub mod widgets;
