//! The user interface: thin Leptos components over memos of the pure core's functions.

pub mod app;
pub mod item;
pub mod state;
pub mod tree;
pub mod widgets;
