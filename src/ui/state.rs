//! The workbook's reactive state, provided as one small `Copy` context. The model is plain
//! immutable data; the open assessment is one signal; every computed level comes from a memo of
//! the pure `score` function.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::assessment::{Assessment, Edit};
use crate::core::i18n::T;
use crate::core::model::LoadedModel;
use crate::core::route::Route;
use crate::core::rule::Rule;
use crate::core::score::{score, Results};
use crate::core::text::Lang;
use crate::web::browser;

#[derive(Clone, Copy)]
pub struct Workbook {
    pub lang: RwSignal<Lang>,
    pub model: StoredValue<Arc<LoadedModel>>,
    pub assessment: RwSignal<Assessment>,
    pub results: Memo<Arc<Results>>,
    pub route: RwSignal<Route>,
}

impl Workbook {
    pub fn new(model: Arc<LoadedModel>, assessment: Assessment, lang: Lang, route: Route) -> Self {
        let model = StoredValue::new(model);
        let assessment = RwSignal::new(assessment);
        // Always "changed": the per-node memos below it decide what actually re-renders.
        let results = Memo::new_with_compare(
            move |_| {
                let m = model.get_value();
                assessment
                    .with(|a| Arc::new(score(&m, &a.answers, a.target_level, Rule::default())))
            },
            |_, _| true,
        );
        Workbook {
            lang: RwSignal::new(lang),
            model,
            assessment,
            results,
            route: RwSignal::new(route),
        }
    }

    /// A UI string in the current language (reactive).
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang.get())
    }

    /// Applies a change to the open assessment.
    pub fn edit(&self, edit: Edit) {
        let now = browser::now_iso();
        self.assessment.update(|a| {
            a.apply(&edit, &now);
        });
    }
}

pub fn use_workbook() -> Workbook {
    expect_context::<Workbook>()
}
