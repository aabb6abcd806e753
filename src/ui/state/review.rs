//! Review mode and undo, a third `impl Workbook`: whether the open assessment is shown for
//! review, starting to edit it, and undoing and redoing this tab's edits. The workspace
//! decides (`core::store::workspace`, `core::assess::undo`); these publish its outcome.

use leptos::prelude::*;

use maturity_core::assess::undo::Subject;

use super::Workbook;

impl Workbook {
    /// Whether the open assessment is shown for review (nothing in it changes); subscribes to
    /// its changes.
    pub fn reviewing(&self) -> bool {
        self.current_changed.track();
        self.ws
            .with_value(|w| w.current_id().is_some_and(|id| w.reviewing(id)))
    }

    /// The same, read in an event handler.
    pub fn reviewing_untracked(&self) -> bool {
        self.ws
            .with_value(|w| w.current_id().is_some_and(|id| w.reviewing(id)))
    }

    /// The user chose to edit the open assessment (this browser remembers).
    pub fn start_editing(&self) {
        let Some(id) = self.current_id() else { return };
        self.act(|w, now| ((), w.start_editing(&id, now)));
    }

    /// What the next undo would take back (subscribes to changes of the open assessment).
    pub fn next_undo(&self) -> Option<Subject> {
        self.current_changed.track();
        self.ws.with_value(|w| w.next_undo())
    }

    /// What the next redo would make again.
    pub fn next_redo(&self) -> Option<Subject> {
        self.current_changed.track();
        self.ws.with_value(|w| w.next_redo())
    }

    /// Takes back this tab's last edit of the open assessment (saved like any change).
    pub fn undo(&self) {
        self.flush();
        self.act(|w, now| ((), w.undo(now)));
    }

    /// Makes the last undone edit again.
    pub fn redo(&self) {
        self.flush();
        self.act(|w, now| ((), w.redo(now)));
    }

    /// Focus left a text field: what is typed next there is a step of its own.
    pub fn seal_typing(&self) {
        self.ws.update_value(|w| w.seal_typing());
    }
}
