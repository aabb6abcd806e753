//! The scoring rule: every judgement the engine makes (is a requirement satisfied, is a level
//! met, how children combine into a parent) is asked of [`Rule`]. Another rule (for example a
//! published CAICT rulebook, once obtained) is a new variant here; callers do not change.

use serde::{Deserialize, Serialize};

use super::assessment::Status;
use super::text::Lang;

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

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Rule::CaictStrict, Lang::Zh) => "CAICT 严格规则",
            (Rule::CaictStrict, Lang::En) => "CAICT strict",
        }
    }

    /// The rule in plain words, shown in the workbook and printed in every export.
    pub fn statement(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Rule::CaictStrict, Lang::Zh) => {
                "要求答“满足”或“不适用”即视为达成，其余（部分满足、不满足、未作答）均未达成；\
                 某级全部要求达成即该级达成，标为“同低一级”的级别随低一级达成；\
                 能力子项的级别是 2 级起连续达成的最高级别（2 级未达成则为 1 级）；\
                 若已是 N−1 级且 N 级有要求答“满足”或“部分满足”，标为“N-”；\
                 能力项、能力子域、整体取下级中的最低级别，其下任一能力子项在高一级有进展时同样标“N-”。此规则依据公开材料推断，并非中国信通院公布的评分细则。"
            }
            (Rule::CaictStrict, Lang::En) => {
                "A requirement counts when answered met or not applicable; anything else (partial, \
                 not met, unanswered) does not. A level is met when all its requirements count; a \
                 level marked same-as-lower is met when the level below is. A sub-item's level is \
                 the highest level L such that levels 2 to L are all met (1 if level 2 is not). It \
                 is labelled \"N-\" when it is at N-1 and some level-N requirement is met or \
                 partial. Capabilities, domains and the part take the lowest level below them, \
                 labelled \"N-\" too when a sub-item below shows such progress at level N. \
                 This rule is inferred from public material; it is not CAICT's published scoring."
            }
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
