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

/// A text in both languages, as the model file stores it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
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
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
