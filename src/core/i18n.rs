//! Every string of the user interface, in Chinese and English. A constant per string keeps the
//! two languages side by side and lets the compiler catch a missing one.

use super::text::Lang;

/// A user-interface string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T {
    pub zh: &'static str,
    pub en: &'static str,
}

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

macro_rules! texts {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(pub const $name: T = T { zh: $zh, en: $en };)*
        /// All strings, for the completeness test.
        pub const ALL: &[(&str, T)] = &[$((stringify!($name), $name)),*];
    };
}

texts! {
    APP_TITLE = "成熟度自评工作簿", "Maturity Workbook";
    APP_SUBTITLE = "研发运营一体化（DevOps）能力成熟度模型 · 自评", "DevOps Capability Maturity Model · self-assessment";
    LANGUAGE = "语言", "Language";
    SWITCH_LANGUAGE = "English", "中文";
    SWITCH_LANGUAGE_LABEL = "Switch to English", "切换到中文";
    NAV_TREE = "能力子项目录", "Sub-item outline";
    MAIN_NAV = "主导航", "Main navigation";
    LEVEL = "级别", "Level";
    LEVEL_N = "{n} 级", "Level {n}";
    BASELINE = "1 级（初始级）：起点描述，不作答", "Level 1 (Initial): the starting point, not answered";
    CURRENT_LEVEL = "当前自评", "Current self-rating";
    ANSWERED = "已答", "Answered";
    MET = "满足", "Met";
    PARTIAL = "部分满足", "Partly met";
    NOT_MET = "不满足", "Not met";
    NOT_APPLICABLE = "不适用", "Not applicable";
    UNANSWERED = "未答", "Unanswered";
    CLEAR = "清除", "Clear";
    CLEAR_ANSWER = "清除此要求的答案", "Clear this answer";
    ANSWER_FOR = "要求 {id} 的答案", "Answer for requirement {id}";
    SAME_AS_LOWER = "此级与下一级相同：达到下一级即达到此级。", "Same as the level below: meeting that level meets this one.";
    PREVIOUS_ITEM = "上一项", "Previous";
    NEXT_ITEM = "下一项", "Next";
    NOT_FOUND = "找不到此页面。", "This page does not exist.";
    LOADING = "正在打开工作簿…", "Opening the workbook…";
    DEFAULT_ASSESSMENT_NAME = "持续交付自评", "Continuous delivery self-assessment";
}

/// Replaces `{name}` placeholders in a translated string.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for (name, t) in ALL {
            assert!(!t.zh.trim().is_empty(), "{name} has no Chinese");
            assert!(!t.en.trim().is_empty(), "{name} has no English");
            // Placeholders must match between the languages.
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split('}').next())
                    .map(String::from)
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(t.zh), holes(t.en), "{name} placeholders differ");
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill(LEVEL_N.get(Lang::Zh), &[("n", "3")]), "3 级");
        assert_eq!(fill("{a}{a}{b}", &[("a", "x"), ("b", "y")]), "xxy");
    }
}
