//! Whose store the browser's working copy is in, decided from the page's protocol and the
//! browser engine (both passed in by the browser adapter, so this stays pure), and what the
//! storage panel tells users about it.

use crate::text::i18n::{self, T};

/// Whose store the browser's working copy is in: what the storage panel tells users, decided
/// from the page's protocol and the browser engine (both passed in, so this stays pure).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageScope {
    /// `file://` in Chromium-based browsers: one store shared by every local page.
    Shared,
    /// `file://` in Firefox (Gecko): a store per file path
    /// (`security.fileuri.strict_origin_policy`), so the same workbook moved, renamed or opened
    /// through another path sees another store.
    PerFile,
    /// Served over http(s): the site's store.
    Site,
}

impl StorageScope {
    /// The scope of a page opened through `protocol` (`location.protocol`, e.g. `"file:"`) in a
    /// browser whose user agent is `user_agent`; `gecko_property` says whether the window has a
    /// property only Gecko defines (`mozInnerScreenX`), which still recognises Firefox when IT
    /// has overridden its user agent to claim another browser.
    pub fn detect(protocol: &str, user_agent: &str, gecko_property: bool) -> StorageScope {
        if !protocol.eq_ignore_ascii_case("file:") {
            StorageScope::Site
        } else if gecko_property || is_gecko_user_agent(user_agent) {
            StorageScope::PerFile
        } else {
            StorageScope::Shared
        }
    }

    pub fn text(self) -> T {
        match self {
            StorageScope::Shared => i18n::STORAGE_SCOPE_SHARED,
            StorageScope::PerFile => i18n::STORAGE_SCOPE_PER_FILE,
            StorageScope::Site => i18n::STORAGE_SCOPE_SITE,
        }
    }

    /// A stable name for the page's `data-scope` attribute (read by tests).
    pub fn code(self) -> &'static str {
        match self {
            StorageScope::Shared => "shared",
            StorageScope::PerFile => "per-file",
            StorageScope::Site => "site",
        }
    }
}

/// Gecko's user agents carry a `Gecko/<build date>` token (`rv:153.0) Gecko/20100101
/// Firefox/153.0`); every other engine says `like Gecko`, with no slash.
fn is_gecko_user_agent(user_agent: &str) -> bool {
    user_agent.contains("Gecko/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0";
    const FIREFOX_WINDOWS: &str =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0";
    const CHROMIUM: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    const EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";
    const QQ: &str = "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4606.71 Safari/537.36 Core/1.94.197.400 QQBrowser/11.7.5287.400";

    #[test]
    fn the_scope_follows_protocol_and_engine() {
        let cases = [
            ("file:", FIREFOX, false, StorageScope::PerFile),
            ("file:", FIREFOX_WINDOWS, false, StorageScope::PerFile),
            ("FILE:", FIREFOX, false, StorageScope::PerFile),
            // Firefox with its user agent overridden to look like Chrome.
            ("file:", CHROMIUM, true, StorageScope::PerFile),
            ("file:", CHROMIUM, false, StorageScope::Shared),
            ("file:", EDGE, false, StorageScope::Shared),
            ("file:", QQ, false, StorageScope::Shared),
            ("file:", "", false, StorageScope::Shared),
            ("https:", FIREFOX, true, StorageScope::Site),
            ("http:", CHROMIUM, false, StorageScope::Site),
            ("", CHROMIUM, false, StorageScope::Site),
        ];
        for (protocol, ua, prop, want) in cases {
            assert_eq!(
                StorageScope::detect(protocol, ua, prop),
                want,
                "{protocol} {ua} {prop}"
            );
        }
    }

    #[test]
    fn only_the_shared_scope_claims_a_shared_store() {
        for scope in [
            StorageScope::Shared,
            StorageScope::PerFile,
            StorageScope::Site,
        ] {
            for lang in Lang::ALL {
                let text = scope.text().get(lang);
                let shared = text.contains("共用一份存储") || text.contains("share one store");
                assert_eq!(shared, scope == StorageScope::Shared, "{scope:?}: {text}");
            }
        }
        let advice = StorageScope::PerFile.text();
        assert!(advice.zh.contains("固定路径") && advice.en.contains("one fixed path"));
        assert!(advice.zh.contains("“保存”") && advice.en.contains("JSON export"));
    }
}
