//! The workbook's actions on the materials check (`core::assess::materials`): recording a
//! check of a folder, forgetting it, taking its result into the evidence entries, and undoing
//! that. Each is an [`Edit`] (or several) of the open assessment, saved like any other.

use leptos::prelude::*;

use maturity_core::assess::assessment::Edit;
use maturity_core::assess::materials::{acceptance, CheckedFile, EvidenceCheck};

use super::Workbook;
use crate::web::browser;

impl Workbook {
    /// Records a check of `files` (paths only) from the folder `folder` ("" for dropped files)
    /// as the open assessment's last check; `metadata` then fills in the size and date of the
    /// files the check keeps (reading them costs the browser a look at the disk). False when
    /// nothing is open.
    pub fn record_evidence_check(
        &self,
        folder: &str,
        files: Vec<CheckedFile>,
        metadata: &dyn Fn(&mut CheckedFile),
    ) -> bool {
        let Some(model) = self.model.get_untracked() else {
            return false;
        };
        let now = browser::now_iso();
        let check = self.with_current_untracked(|a| {
            a.map(|a| EvidenceCheck::new(&model, a, &now, folder, files))
        });
        match check {
            Some(mut c) => {
                c.files.iter_mut().for_each(metadata);
                self.commit(Edit::EvidenceCheck(Some(Box::new(c))));
                true
            }
            None => false,
        }
    }

    /// Forgets the open assessment's last check (the entries stay as they are).
    pub fn forget_evidence_check(&self) {
        self.commit(Edit::EvidenceCheck(None));
    }

    /// Takes the last check's result into the entries: found entries become ready, empty
    /// locations get the found paths. Returns how many statuses and locations changed.
    pub fn take_evidence_check(&self) -> (usize, usize) {
        let Some(model) = self.model.get_untracked() else {
            return (0, 0);
        };
        let Some((id, take)) = self.with_current_untracked(|a| {
            let a = a?;
            let c = a.evidence_check.as_ref()?;
            Some((a.id.clone(), acceptance(&model, a, c)))
        }) else {
            return (0, 0);
        };
        if take.edits.is_empty() {
            return (0, 0);
        }
        for e in take.edits.iter().cloned() {
            self.apply(e);
        }
        self.flush();
        let counts = (take.statuses, take.locations);
        self.evidence_taken.set(Some((id, take)));
        counts
    }

    /// Whether the last taking of a check's result (in the open assessment) can be undone.
    pub fn can_undo_evidence_take(&self) -> bool {
        let open = self.current_id_tracked();
        self.evidence_taken
            .with(|t| t.as_ref().is_some_and(|(id, _)| Some(id) == open.as_ref()))
    }

    /// Undoes the last taking of a check's result, leaving what the team changed since.
    pub fn undo_evidence_take(&self) -> bool {
        let Some((id, take)) = self.evidence_taken.get_untracked() else {
            return false;
        };
        if self.current_id().as_deref() != Some(id.as_str()) {
            return false;
        }
        let undo = self.with_current_untracked(|a| a.map(|a| take.undo_now(a)).unwrap_or_default());
        for e in undo {
            self.apply(e);
        }
        self.flush();
        self.evidence_taken.set(None);
        true
    }
}
