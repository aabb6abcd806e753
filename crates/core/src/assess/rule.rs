//! The scoring rule: every judgement the engine makes (is a requirement satisfied, is a level
//! met, how children combine into a parent) is asked of [`Rule`]. Another rule (for example a
//! published CAICT rulebook, once obtained) is a new variant here; callers do not change.

use serde::{Deserialize, Serialize};

use crate::assess::assessment::Status;
use crate::text::i18n::{self, T};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// The default: a requirement counts when met or not applicable; a level counts when all
    /// its requirements count; a parent is only as good as its weakest child.
    #[default]
    #[serde(rename = "caict-strict")]
    CaictStrict,
}

impl Rule {
    pub const ALL: [Rule; 1] = [Rule::CaictStrict];

    pub fn id(self) -> &'static str {
        match self {
            Rule::CaictStrict => "caict-strict",
        }
    }

    pub fn name(self) -> T {
        match self {
            Rule::CaictStrict => i18n::RULE_CAICT_STRICT,
        }
    }

    /// The rule in plain words, shown in the workbook and printed in every export.
    pub fn statement(self) -> T {
        match self {
            Rule::CaictStrict => i18n::RULE_CAICT_STRICT_STATEMENT,
        }
    }

    /// Whether an answer (or its absence) satisfies a requirement.
    pub fn is_satisfied(self, status: Option<Status>) -> bool {
        match self {
            Rule::CaictStrict => matches!(status, Some(Status::Met | Status::NotApplicable)),
        }
    }

    /// Whether an answer shows progress towards a level not yet met (for the "N-" label).
    pub fn shows_progress(self, status: Option<Status>) -> bool {
        match self {
            Rule::CaictStrict => matches!(status, Some(Status::Met | Status::Partial)),
        }
    }

    /// Whether a level is met, given its own answers and whether the level below is met.
    pub fn level_met(
        self,
        same_as_lower: bool,
        lower_met: bool,
        mut statuses: impl Iterator<Item = Option<Status>>,
    ) -> bool {
        match self {
            Rule::CaictStrict => {
                if same_as_lower {
                    lower_met
                } else {
                    statuses.all(|s| self.is_satisfied(s))
                }
            }
        }
    }

    /// A parent's level from its children's levels.
    pub fn aggregate(self, children: impl Iterator<Item = u8>) -> u8 {
        match self {
            Rule::CaictStrict => children.min().unwrap_or(1),
        }
    }
}
