//! Keyboard shortcuts as data: which key does what, and where focus moves. The UI asks
//! [`command`] what a key means and carries it out; the help dialog lists [`SHORTCUTS`]. Both
//! come from here, so the table the user reads is the table the keys follow.

use crate::assess::assessment::Status;
use crate::text::i18n::{self, T};

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    ToggleHelp,
    /// Close whatever dialog is open.
    Close,
    NextRequirement,
    PreviousRequirement,
    Answer(Status),
    Clear,
    Comment,
    NextItem,
    PreviousItem,
    Dashboard,
    Gap,
    Evidence,
    Home,
    /// Save the assessment to its workbook document (Ctrl+S / ⌘S).
    Save,
    /// Undo the last edit (Ctrl+Z / ⌘Z, outside text fields).
    Undo,
    /// Make the last undone edit again (Ctrl+Shift+Z / ⌘⇧Z, Ctrl+Y).
    Redo,
}

/// Where the key was pressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Ctrl or ⌘ held (Alt makes every key the browser's).
    pub command_key: bool,
    pub alt: bool,
    /// Focus is in a text field, so letters are text.
    pub typing: bool,
    /// An assessment is open.
    pub in_assessment: bool,
    /// The page lists requirements to answer.
    pub has_requirements: bool,
    /// Shift held.
    pub shift: bool,
    /// The open assessment is shown for review: nothing may change it.
    pub review: bool,
}

/// The meaning of a key (`KeyboardEvent.key`) in a context; None leaves it to the browser.
pub fn command(key: &str, ctx: Context) -> Option<Command> {
    if ctx.alt {
        return None;
    }
    if ctx.command_key {
        if !ctx.in_assessment {
            return None;
        }
        // In a text field, Ctrl+Z is the field's own undo of what was typed there.
        let editing = !ctx.typing && !ctx.review;
        return match key {
            k if k.eq_ignore_ascii_case("s") => Some(Command::Save),
            k if k.eq_ignore_ascii_case("z") && editing => Some(if ctx.shift {
                Command::Redo
            } else {
                Command::Undo
            }),
            k if k.eq_ignore_ascii_case("y") && editing && !ctx.shift => Some(Command::Redo),
            _ => None,
        };
    }
    if key == "Escape" {
        return Some(Command::Close);
    }
    if ctx.typing {
        return None;
    }
    let answering = ctx.has_requirements;
    // In review mode the keys that change answers do nothing (the browser's own remain).
    let changing = answering && !ctx.review;
    let open = ctx.in_assessment;
    match key {
        "?" => Some(Command::ToggleHelp),
        "j" if answering => Some(Command::NextRequirement),
        "k" if answering => Some(Command::PreviousRequirement),
        "1" if changing => Some(Command::Answer(Status::Met)),
        "2" if changing => Some(Command::Answer(Status::Partial)),
        "3" if changing => Some(Command::Answer(Status::NotMet)),
        "4" if changing => Some(Command::Answer(Status::NotApplicable)),
        "0" if changing => Some(Command::Clear),
        "c" if changing => Some(Command::Comment),
        "]" | "n" if open => Some(Command::NextItem),
        "[" | "p" if open => Some(Command::PreviousItem),
        "d" if open => Some(Command::Dashboard),
        "g" if open => Some(Command::Gap),
        "e" if open => Some(Command::Evidence),
        "h" => Some(Command::Home),
        _ => None,
    }
}

/// The requirement to move to among `len` rows, from the focused one (`at`).
pub fn step(at: Option<usize>, len: usize, forward: bool) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match (at, forward) {
        (None, _) => 0,
        (Some(p), true) => (p + 1).min(last),
        (Some(p), false) => p.saturating_sub(1),
    })
}

/// Where focus goes after answering the row at `at`: on to the next, as in a paper form,
/// except after "not applicable", which stays so its reason can be given.
pub fn after_answer(at: usize, len: usize, status: Status) -> usize {
    if status == Status::NotApplicable {
        at
    } else {
        (at + 1).min(len.saturating_sub(1))
    }
}

/// The sub-item to go to from sub-item `at` (None: from a page that is no sub-item).
pub fn item_step(at: Option<usize>, count: usize, forward: bool) -> Option<usize> {
    match at {
        Some(i) if forward => (i + 1 < count).then_some(i + 1),
        Some(i) => i.checked_sub(1),
        None => (count > 0).then_some(0),
    }
}

/// The shortcuts as the help dialog lists them.
pub const SHORTCUTS: &[(&str, T)] = &[
    ("j / k", i18n::KEY_NEXT_PREV_REQ),
    ("1", i18n::KEY_MET),
    ("2", i18n::clarity::KEY_PARTIAL),
    ("3", i18n::clarity::KEY_NOT_MET),
    ("4", i18n::clarity::KEY_NA),
    ("0", i18n::KEY_CLEAR),
    ("c", i18n::KEY_COMMENT),
    ("] / [", i18n::KEY_NEXT_PREV_ITEM),
    ("d", i18n::KEY_DASHBOARD),
    ("g", i18n::KEY_GAP),
    ("e", i18n::KEY_EVIDENCE),
    ("h", i18n::KEY_HOME),
    ("Ctrl+S / ⌘S", i18n::KEY_SAVE),
    ("Ctrl+Z / ⌘Z", i18n::KEY_UNDO),
    ("Ctrl+Shift+Z / ⌘⇧Z / Ctrl+Y", i18n::KEY_REDO),
    ("?", i18n::KEY_HELP),
    ("Esc", i18n::KEY_CLOSE),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(typing: bool, open: bool, rows: bool) -> Context {
        Context {
            typing,
            in_assessment: open,
            has_requirements: rows,
            ..Context::default()
        }
    }

    #[test]
    fn keys_mean_what_the_help_says() {
        use Command::*;
        let answering = ctx(false, true, true);
        let dashboard = ctx(false, true, false);
        let home = ctx(false, false, false);
        let typing = ctx(true, true, true);
        let cases: &[(&str, Context, Option<Command>)] = &[
            ("j", answering, Some(NextRequirement)),
            ("k", answering, Some(PreviousRequirement)),
            ("1", answering, Some(Answer(Status::Met))),
            ("2", answering, Some(Answer(Status::Partial))),
            ("3", answering, Some(Answer(Status::NotMet))),
            ("4", answering, Some(Answer(Status::NotApplicable))),
            ("0", answering, Some(Clear)),
            ("c", answering, Some(Comment)),
            ("]", answering, Some(NextItem)),
            ("[", answering, Some(PreviousItem)),
            ("n", dashboard, Some(NextItem)),
            ("p", dashboard, Some(PreviousItem)),
            ("d", answering, Some(Dashboard)),
            ("g", dashboard, Some(Gap)),
            ("e", dashboard, Some(Evidence)),
            ("h", home, Some(Home)),
            ("?", home, Some(ToggleHelp)),
            ("Escape", typing, Some(Close)),
            // Answer keys need requirements on the page; item keys need an assessment.
            ("1", dashboard, None),
            ("j", dashboard, None),
            ("]", home, None),
            ("d", home, None),
            // Typing in a field: letters are text.
            ("j", typing, None),
            ("1", typing, None),
            ("?", typing, None),
            ("x", answering, None),
        ];
        for (key, c, want) in cases {
            assert_eq!(command(key, *c), *want, "{key} in {c:?}");
        }
    }

    #[test]
    fn modifier_keys_are_the_browsers_except_save() {
        let mut c = ctx(true, true, true);
        c.command_key = true;
        assert_eq!(command("s", c), Some(Command::Save));
        assert_eq!(command("S", c), Some(Command::Save));
        assert_eq!(command("1", c), None);
        c.in_assessment = false;
        assert_eq!(command("s", c), None, "nothing to save");
        let alt = Context {
            alt: true,
            ..ctx(false, true, true)
        };
        assert_eq!(command("1", alt), None);
    }

    #[test]
    fn undo_and_redo_outside_text_fields_only_and_never_in_review() {
        use Command::*;
        let with = |typing: bool, review: bool, shift: bool| Context {
            command_key: true,
            typing,
            review,
            shift,
            in_assessment: true,
            has_requirements: true,
            ..Context::default()
        };
        let cases: &[(&str, Context, Option<Command>)] = &[
            ("z", with(false, false, false), Some(Undo)),
            ("Z", with(false, false, false), Some(Undo)),
            ("Z", with(false, false, true), Some(Redo)),
            ("z", with(false, false, true), Some(Redo)),
            ("y", with(false, false, false), Some(Redo)),
            // A text field keeps its own undo of what was typed in it.
            ("z", with(true, false, false), None),
            ("Z", with(true, false, true), None),
            ("y", with(true, false, false), None),
            // Review mode: nothing changes the assessment; saving a copy still works.
            ("z", with(false, true, false), None),
            ("Z", with(false, true, true), None),
            ("y", with(false, true, false), None),
            ("s", with(false, true, false), Some(Save)),
        ];
        for (key, c, want) in cases {
            assert_eq!(command(key, *c), *want, "{key} in {c:?}");
        }
        let outside = Context {
            in_assessment: false,
            ..with(false, false, false)
        };
        assert_eq!(
            command("z", outside),
            None,
            "no assessment, nothing to undo"
        );
    }

    #[test]
    fn review_mode_keeps_the_keys_that_change_nothing() {
        let review = Context {
            review: true,
            ..ctx(false, true, true)
        };
        for key in ["1", "2", "3", "4", "0", "c"] {
            assert_eq!(command(key, review), None, "{key} in review");
        }
        assert_eq!(command("j", review), Some(Command::NextRequirement));
        assert_eq!(command("k", review), Some(Command::PreviousRequirement));
        assert_eq!(command("]", review), Some(Command::NextItem));
        assert_eq!(command("?", review), Some(Command::ToggleHelp));
    }

    #[test]
    fn focus_moves_within_bounds() {
        for (at, len, forward, want) in [
            (None, 3, true, Some(0)),
            (None, 3, false, Some(0)),
            (Some(0), 3, true, Some(1)),
            (Some(2), 3, true, Some(2)),
            (Some(0), 3, false, Some(0)),
            (Some(2), 3, false, Some(1)),
            (None, 0, true, None),
        ] {
            assert_eq!(step(at, len, forward), want, "{at:?} {len} {forward}");
        }
        assert_eq!(after_answer(0, 3, Status::Met), 1);
        assert_eq!(after_answer(2, 3, Status::Partial), 2);
        assert_eq!(after_answer(1, 3, Status::NotApplicable), 1);
        for (at, count, forward, want) in [
            (Some(0), 49, true, Some(1)),
            (Some(48), 49, true, None),
            (Some(0), 49, false, None),
            (Some(5), 49, false, Some(4)),
            (None, 49, true, Some(0)),
            (None, 0, true, None),
        ] {
            assert_eq!(item_step(at, count, forward), want);
        }
    }

    #[test]
    fn the_help_lists_every_command_key() {
        let listed: String = SHORTCUTS
            .iter()
            .map(|(k, _)| *k)
            .collect::<Vec<_>>()
            .join(" ");
        for key in [
            "j", "k", "1", "2", "3", "4", "0", "c", "]", "[", "d", "g", "e", "h", "?", "Esc",
        ] {
            assert!(
                listed.split([' ', '/']).any(|k| k == key),
                "{key} is not in the help"
            );
        }
    }

    #[test]
    fn the_help_says_which_answers_move_on() {
        for (key, status) in [
            ("1", Status::Met),
            ("2", Status::Partial),
            ("3", Status::NotMet),
            ("4", Status::NotApplicable),
        ] {
            let text = SHORTCUTS.iter().find(|(k, _)| *k == key).unwrap().1;
            let moves = after_answer(0, 3, status) == 1;
            assert_eq!(text.zh.contains("移到下一条"), moves, "{key}: {}", text.zh);
            assert_eq!(
                text.en.contains("move to the next"),
                moves,
                "{key}: {}",
                text.en
            );
        }
    }
}
