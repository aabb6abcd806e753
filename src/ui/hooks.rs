//! The UI's hooks: small reactive helpers the pages share, over the contexts the app
//! provides. Depends on the workbook's state only.

use leptos::prelude::*;

use maturity_core::assess::score::NodeScore;
use maturity_core::model::Node;

use crate::ui::state::use_workbook;

/// The score of a node in the open assessment, as a memo that changes only when it changes.
pub fn node_memo(node: Node) -> Memo<Option<NodeScore>> {
    let wb = use_workbook();
    Memo::new(move |_| {
        wb.results
            .with(|r| r.as_ref().and_then(|r| r.get(node).copied()))
    })
}

/// Whether the first screen has been drawn: parts of a page below the fold wait for it, so the
/// first paint comes sooner. The app provides it and sets it two frames after start.
#[derive(Clone, Copy)]
pub struct Settled(pub RwSignal<bool>);

/// Whether the first screen has been drawn (true where no app provides it, as in tests).
pub fn use_settled() -> RwSignal<bool> {
    use_context::<Settled>().map_or_else(|| RwSignal::new(true), |s| s.0)
}
