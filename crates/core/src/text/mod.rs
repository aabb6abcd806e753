//! Text: the two languages the workbook speaks and a pair of strings, one per language
//! ([`Lang`], [`Text`]); the message catalogue ([`i18n`]), the only place that holds a
//! sentence the user reads; and display helpers every page shares ([`short_time`]).
//!
//! Uses nothing else of the core; everything else uses it. Only this module and the catalogue
//! branch on the language (checked by the architecture test).

use serde::{Deserialize, Serialize};

pub mod i18n;

/// A language of the user interface and of the model text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese comes first: most teams that prepare a CAICT review write in Chinese.
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The BCP 47 tag used for the `lang` attribute of the page.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language after this one, for the switch in the header.
    pub fn next(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The short code used in storage, exports and file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language from a browser language tag such as `zh-CN` or `en-GB`.
    /// Anything that is not Chinese gets English, the more widely read of the two.
    pub fn from_browser_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A model text in one or both languages, as the model file stores it. A language the text
/// lacks is an empty string here and absent from the file (a model may be written in Chinese
/// only or English only; see docs/model-format.md). [`Text::get`] never gives an empty string
/// for a text that has either language: the missing one is stood in for by the other, and
/// [`Text::lang_attr`] says when that happened so a page can mark it with `lang`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "String::is_empty"
    )]
    pub zh: String,
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "String::is_empty"
    )]
    pub en: String,
}

/// A language written `null` reads as absent, as the validator takes it (found by the fuzz
/// loop once a text could lack a language).
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A text in one language only.
    pub fn only(lang: Lang, text: impl Into<String>) -> Text {
        let mut t = Text::default();
        *t.slot(lang) = text.into();
        t
    }

    fn slot(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::Zh => &mut self.zh,
            Lang::En => &mut self.en,
        }
    }

    /// The text of exactly this language (empty when the text lacks it).
    pub fn exact(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Whether the text has this language (not blank).
    pub fn has(&self, lang: Lang) -> bool {
        !self.exact(lang).trim().is_empty()
    }

    /// Neither language.
    pub fn is_empty(&self) -> bool {
        !self.has(Lang::Zh) && !self.has(Lang::En)
    }

    /// The language [`Text::get`] gives for `lang`: that one when the text has it, else the
    /// other (when the text has neither, `lang`).
    pub fn shown_lang(&self, lang: Lang) -> Lang {
        if !self.has(lang) && self.has(lang.next()) {
            lang.next()
        } else {
            lang
        }
    }

    /// The text in a language, or in the other one when it lacks that language: what every
    /// page, export and report writes (what exists, never a blank).
    pub fn get(&self, lang: Lang) -> &str {
        self.exact(self.shown_lang(lang))
    }

    /// What tells two texts apart where one language must decide (the same evidence title at
    /// several levels): the Chinese when there is one, else the English.
    pub fn key(&self) -> &str {
        self.get(Lang::Zh)
    }

    /// The `lang` attribute a page puts on this text shown in the interface language `ui`:
    /// the other language's tag when the text stands in for a missing one, else none.
    pub fn lang_attr(&self, ui: Lang) -> Option<&'static str> {
        self.shown_lang(ui).attr_in(ui)
    }
}

impl Lang {
    /// The `lang` attribute of text in this language shown in the interface language `ui`:
    /// this language's tag when they differ, else none (the page's own `lang` applies).
    pub fn attr_in(self, ui: Lang) -> Option<&'static str> {
        (self != ui).then(|| self.tag())
    }

    /// The language a text is written in, as far as a form reader can tell: Chinese when it
    /// holds any CJK ideograph, else English.
    pub fn of_text(text: &str) -> Lang {
        let cjk = |c: char| matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF);
        if text.chars().any(cjk) {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// The languages a model is written in: each is there when every text of the model has it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Langs {
    pub zh: bool,
    pub en: bool,
}

impl Langs {
    /// Both languages, as a start that texts narrow down ([`Langs::narrow`]).
    pub const BOTH: Langs = Langs { zh: true, en: true };

    /// Keeps only the languages `text` has.
    pub fn narrow(&mut self, text: &Text) {
        self.zh &= text.has(Lang::Zh);
        self.en &= text.has(Lang::En);
    }

    pub fn has(self, lang: Lang) -> bool {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The languages, in the order of [`Lang::ALL`].
    pub fn list(self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|l| self.has(*l)).collect()
    }

    /// "Chinese and English", "Chinese only", "English only", in the interface language.
    pub fn describe(self, ui: Lang) -> &'static str {
        match (self.zh, self.en) {
            (true, true) => i18n::form::LANGS_BOTH.get(ui),
            (true, false) => i18n::form::LANGS_ZH.get(ui),
            (false, true) => i18n::form::LANGS_EN.get(ui),
            (false, false) => i18n::form::LANGS_MIXED.get(ui),
        }
    }
}

/// A date-time from storage shown as `YYYY-MM-DD HH:MM` (UTC as stored; good enough to tell
/// which copy is newer).
pub fn short_time(iso: &str) -> String {
    iso.replace('T', " ").chars().take(16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_with_ideographs_is_chinese() {
        assert_eq!(Lang::of_text("1) 团队采用同一套版本控制系统"), Lang::Zh);
        assert_eq!(Lang::of_text("Level 2: one shared VCS"), Lang::En);
    }

    #[test]
    fn browser_tags_pick_a_language() {
        for (tag, want) in [
            ("zh-CN", Lang::Zh),
            ("zh", Lang::Zh),
            ("ZH-tw", Lang::Zh),
            ("en-US", Lang::En),
            ("de", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_browser_tag(tag), want, "{tag}");
        }
    }

    #[test]
    fn a_one_language_text_stands_in_for_the_other_and_says_so() {
        let zh = Text::only(Lang::Zh, "版本控制");
        assert_eq!(zh.get(Lang::En), "版本控制");
        assert_eq!(zh.lang_attr(Lang::En), Some("zh-CN"));
        assert_eq!(zh.lang_attr(Lang::Zh), None);
        assert_eq!(zh.exact(Lang::En), "");
        // The missing language is absent from the file, not an empty string.
        assert_eq!(serde_json::to_string(&zh).unwrap(), r#"{"zh":"版本控制"}"#);
        let back: Text = serde_json::from_str(r#"{"en":"Backup"}"#).unwrap();
        assert_eq!(back.get(Lang::Zh), "Backup");
        assert_eq!(back.lang_attr(Lang::Zh), Some("en"));
        let both = Text::new("备份", "Backup");
        assert_eq!(both.lang_attr(Lang::En), None);
        assert_eq!(both.get(Lang::En), "Backup");
        assert!(Text::default().is_empty());
        let mut langs = Langs::BOTH;
        langs.narrow(&both);
        langs.narrow(&zh);
        assert_eq!(langs.list(), vec![Lang::Zh]);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
