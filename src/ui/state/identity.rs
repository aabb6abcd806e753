//! The workbook's actions on whose assessment it is, a third `impl Workbook`: whether the open
//! assessment still asks for its organisation and project (created here, not asked yet), and
//! the team's answer or skip. The workspace (`core::store::workspace`) decides; the form in
//! `ui::identity` only calls these.

use leptos::prelude::*;

use super::Workbook;

impl Workbook {
    /// Whether the open assessment's organisation and project are still to be asked (subscribes
    /// to changes of the open assessment).
    pub fn identity_pending(&self) -> bool {
        self.current_changed.track();
        self.ws
            .with_value(|w| w.current_id().is_some_and(|id| w.identity_pending(id)))
    }

    /// The organisation and project the team gave for the open assessment (a default name
    /// follows the project); not asked again.
    pub fn save_identity(&self, organisation: &str, project: &str) {
        let Some(id) = self.current_id() else { return };
        self.act(|w, now| ((), w.set_identity(&id, organisation, project, now)));
    }

    /// The team skipped the question for the open assessment: not asked again.
    pub fn skip_identity(&self) {
        let Some(id) = self.current_id() else { return };
        self.act(|w, _| ((), w.skip_identity(&id)));
    }
}
