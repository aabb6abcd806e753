//! The message catalogue: every string a user reads, in Chinese and English, and the one way
//! to produce text in a language. A constant per string keeps the two languages side by side;
//! adding a language is a new field of [`T`], so every constant fails to compile until its text
//! exists. Messages with parameters name them (`{n}`, `{name}`), filled by [`T::fmt`] in one
//! pass, so a value can never be mistaken for a placeholder.
//!
//! Nothing outside this module and `text/mod.rs` compares languages (the architecture test
//! checks it): code that needs a word asks the catalogue, and enums that users see have a
//! `text()` returning their [`T`]. The messages are grouped by page or concern in modules (see
//! [`texts!`]); a test checks that every message has both languages with the same placeholders,
//! and the architecture test that every message is used.

use std::fmt::Display;

use crate::text::Lang;

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

    /// The message in a language with its named parameters filled in.
    pub fn fmt(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        fill_with(self.get(lang), args)
    }
}

/// The name of a language, in each language.
pub fn lang_name(l: Lang) -> T {
    match l {
        Lang::Zh => LANG_ZH,
        Lang::En => LANG_EN,
    }
}

/// The separator between the items of a list written in running text.
pub fn list_separator(lang: Lang) -> &'static str {
    LIST_SEPARATOR.get(lang)
}

/// The catalogue's layout: messages grouped by page or concern in modules, each message as its
/// name, then its Chinese and its English on lines of their own (long texts continue on the
/// next line with a trailing `\`). Every message is also re-exported here, so code names it
/// `i18n::NAME` (or `i18n::page::NAME`).
macro_rules! texts {
    ($($(#[$meta:meta])* mod $module:ident { $($name:ident = $zh:literal, $en:literal;)* })*) => {
        $(
            $(#[$meta])*
            pub mod $module {
                use super::T;
                $(pub const $name: T = T { zh: $zh, en: $en };)*
            }
            pub use $module::{$($name),*};
        )*
        /// All messages, for the completeness test.
        pub const ALL: &[(&str, T)] = &[$($((stringify!($name), $module::$name)),*),*];
    };
}

texts! {
    /// Words and messages several pages share: levels, targets, answers, the evidence fields,
    /// buttons, the names of the languages.
    mod common {
        MODELS =
            "模型",
            "Models";
        LOADING =
            "正在打开工作簿…",
            "Opening the workbook…";
        DEFAULT_ASSESSMENT_NAME =
            "持续交付自评",
            "Continuous delivery self-assessment";
        OVERALL =
            "整体自评",
            "Overall";
        TARGET =
            "目标",
            "Target";
        TARGET_N =
            "目标 {n} 级",
            "target level {n}";
        TARGET_LEVEL =
            "目标级别",
            "Target level";
        ANSWERED_N_OF_M =
            "已答 {n}/{m}",
            "{n}/{m} answered";
        FILTER_BLOCKING =
            "阻碍目标",
            "Blocking";
        DASHBOARD =
            "仪表盘",
            "Dashboard";
        GAP =
            "与目标的差距",
            "Gap to target";
        EVIDENCE_PLAN =
            "材料准备",
            "Evidence plan";
        PROJECT_INFO =
            "项目信息",
            "Project information";
        LEVEL_N =
            "{n} 级",
            "Level {n}";
        BASELINE =
            "1 级 · 初始级（起点描述，不作答）",
            "Level 1 · Initial (the starting point, not answered)";
        NOT_APPLICABLE =
            "不适用",
            "Not applicable";
        COMMENT =
            "备注",
            "Comment";
        NA_REASON =
            "不适用原因",
            "Reason not applicable";
        NOTES =
            "问题记录与改进思路",
            "Questions and improvement ideas";
        EVIDENCE =
            "材料",
            "Evidence";
        EV_TITLE =
            "材料名称",
            "Title";
        EV_LEVELS =
            "级别",
            "Levels";
        EV_KIND =
            "类型",
            "Kind";
        EV_STATUS =
            "状态",
            "Status";
        EV_OWNER =
            "负责人",
            "Owner";
        EV_LOCATION =
            "位置（路径或链接）",
            "Location (path or link)";
        EV_DUE =
            "截止日期",
            "Due";
        KIND_DOCUMENT =
            "材料文档",
            "Document";
        KIND_SCREENSHOT =
            "演示截图",
            "Screenshot";
        KIND_VIDEO =
            "演示视频",
            "Video";
        ADD_EVIDENCE =
            "添加材料",
            "Add evidence";
        REMOVE =
            "删除",
            "Remove";
        ACTIONS =
            "操作",
            "Actions";
        SUB_ITEM =
            "能力子项",
            "Sub-item";
        PROGRESS =
            "进度",
            "Progress";
        BLOCKING =
            "阻碍目标的要求",
            "Blocking requirements";
        VERDICT_REACHED =
            "已达到目标 {n} 级。",
            "Target level {n} is reached.";
        VERDICT_GAP =
            "尚未达到目标 {n} 级：还有 {k} 项要求未达成。",
            "Target level {n} not reached yet: {k} requirements still to satisfy.";
        DOMAIN_LEVELS =
            "各能力子域级别",
            "Domain levels";
        DOMAIN =
            "能力子域",
            "Domain";
        SELF_RATING =
            "自评",
            "Rating";
        DISTRIBUTION =
            "能力子项级别分布",
            "Sub-items per level";
        RULE =
            "评分规则",
            "Scoring rule";
        SET_ASIDE =
            "单独保留的答案",
            "Answers kept aside";
        GAP_SUMMARY =
            "目标 {n} 级以内共有 {k} 项要求尚未达成（未答、部分满足或不满足）。",
            "{k} requirements up to level {n} are not satisfied yet (unanswered, partly met or \
            not met).";
        PLAN_SUMMARY =
            "目标 {n} 级需要准备的材料：就绪 {r}，准备中 {p}，缺失 {m}。",
            "Evidence for level {n}: {r} ready, {p} in progress, {m} missing.";
        ASSESSMENT_NAME =
            "自评名称",
            "Assessment name";
        PF_ORGANISATION =
            "评估企业名称",
            "Organisation";
        PF_PROJECT =
            "评估项目名称",
            "Project";
        MODEL =
            "模型",
            "Model";
        UPDATED =
            "最近修改",
            "Last changed";
        SAVE =
            "保存",
            "Save";
        CANCEL =
            "取消",
            "Cancel";
        DISMISS =
            "知道了",
            "Dismiss";
        VERSION =
            "版本",
            "Version";
        ERROR =
            "错误",
            "Error";
        WARNING =
            "提示",
            "Warning";
        EXPORT_JSON =
            "导出 JSON（可再导入）",
            "Export JSON (re-importable)";
        REQUIREMENT =
            "要求",
            "Requirement";
        ANSWER =
            "答案",
            "Answer";
        LANG_ZH =
            "中文",
            "Chinese";
        LANG_EN =
            "英文",
            "English";
        LIST_SEPARATOR =
            "；",
            "; ";
        CSV_DOMAIN =
            "能力子域",
            "Domain";
        CSV_CAPABILITY =
            "能力项",
            "Capability";
        CSV_SUB_ITEM =
            "能力子项",
            "Sub-item";
        CSV_REQ_ID =
            "要求编号",
            "Requirement id";
        CSV_CODE =
            "编码",
            "Code";
        P_UNKNOWN_FORMAT =
            "未知的文件格式“{found}”，应为“{expected}”",
            "unknown format \"{found}\"; expected \"{expected}\"";
        KEY_SAVE =
            "保存到工作簿文件",
            "Save to the workbook document";
    }

    /// The frame of every page: title, navigation, the outline and its filters, the level badge,
    /// notices and toasts, keyboard help, a page not found or damaged.
    mod frame {
        APP_TITLE =
            "成熟度自评工作簿",
            "Maturity Workbook";
        APP_SUBTITLE =
            "研发运营一体化（DevOps）能力成熟度模型 · 自评",
            "DevOps Capability Maturity Model · self-assessment";
        SWITCH_LANGUAGE =
            "English",
            "中文";
        SWITCH_LANGUAGE_LABEL =
            "Switch to English",
            "切换到中文";
        SKIP_TO_MAIN =
            "跳到主要内容",
            "Skip to main content";
        MAIN_NAV =
            "主导航",
            "Main navigation";
        HOME =
            "自评列表",
            "Assessments";
        NOT_FOUND_TITLE =
            "找不到页面",
            "Page not found";
        NOT_FOUND =
            "此链接指向的自评不在本浏览器中，或其模型尚未加载。",
            "This link points to an assessment that is not in this browser, or whose model is \
            not loaded.";
        NAV_TREE =
            "能力子项目录",
            "Sub-item outline";
        STATUS_PANEL =
            "自评概况",
            "Status";
        BLOCKING_N =
            "阻碍目标 {n} 项",
            "{n} blocking";
        FILTER =
            "筛选",
            "Filter";
        SHOW_SUB_ITEMS =
            "展开或收起此能力子域",
            "Show or hide this domain's sub-items";
        FILTER_ALL =
            "全部",
            "All";
        FILTER_UNANSWERED =
            "未答完",
            "Unanswered";
        FILTER_NA =
            "含不适用",
            "With N/A";
        LABEL_TITLE =
            "达到 {n} 级",
            "Level {n} reached";
        LABEL_PARTIAL_TITLE =
            "达到 {n} 级，{m} 级部分要求已满足",
            "Level {n} reached, some level-{m} requirements met";
        ASSESSMENT_NAV =
            "自评视图",
            "Assessment views";
        ANSWER_TAB =
            "逐项自评",
            "Answer";
        REPORT =
            "报告",
            "Report";
        SHARE =
            "发送",
            "Send";
        UNDO =
            "撤销",
            "Undo";
        CLOSE =
            "关闭",
            "Close";
        QUARANTINED =
            "发现一条无法读取的记录（{key}），已原样保留，其余内容照常工作。可以下载原文交给技术人\
            员。",
            "A record could not be read ({key}). It is kept as it was and everything else works. \
            You can download its raw text for a technician.";
        DOWNLOAD_RAW =
            "下载原文",
            "Download raw text";
        SHORTCUTS =
            "键盘快捷键",
            "Keyboard shortcuts";
        SHORTCUTS_HINT =
            "在输入框中打字时快捷键不生效。",
            "Shortcuts are off while typing in a field.";
        KEY_NEXT_PREV_REQ =
            "下一条 / 上一条要求",
            "Next / previous requirement";
        KEY_MET =
            "满足（并移到下一条）",
            "Met (and move to the next)";
        KEY_CLEAR =
            "清除答案",
            "Clear the answer";
        KEY_COMMENT =
            "编辑备注",
            "Edit the comment";
        KEY_NEXT_PREV_ITEM =
            "下一个 / 上一个能力子项",
            "Next / previous sub-item";
        KEY_DASHBOARD =
            "仪表盘",
            "Dashboard";
        KEY_GAP =
            "与目标的差距",
            "Gap to target";
        KEY_EVIDENCE =
            "材料准备",
            "Evidence plan";
        KEY_HOME =
            "自评列表",
            "Assessments";
        KEY_HELP =
            "显示本帮助",
            "Show this help";
        KEY_CLOSE =
            "关闭对话框",
            "Close a dialog";
        DAMAGED_TITLE =
            "这份自评的记录已损坏",
            "This assessment's record is damaged";
        DAMAGED =
            "自评 {id} \
            保存的记录无法读取，也没有可用的早期版本。原文已原样保留，可以下载后交给技术人员，或导\
            入你导出过的 JSON 副本。",
            "The saved record of assessment {id} cannot be read and no earlier revision is \
            available. Its text is kept as it was: download it for a technician, or import a \
            JSON copy you exported.";
        PORTFOLIO =
            "项目组合",
            "Portfolio";
    }

    /// The assessments page: the list, creating, renaming, copying and deleting, the trash, the
    /// storage panel.
    mod home {
        HOME_TITLE =
            "本浏览器中的自评",
            "Assessments in this browser";
        NO_ASSESSMENTS =
            "还没有自评。",
            "No assessments yet.";
        MODEL_NOT_LOADED =
            "模型 {model} 未加载",
            "model {model} not loaded";
        RENAME =
            "重命名",
            "Rename";
        DUPLICATE =
            "复制",
            "Duplicate";
        COPY_SUFFIX =
            "（副本）",
            " (copy)";
        DELETE =
            "删除",
            "Delete";
        CONFIRM_DELETE =
            "删除自评“{name}”？删除后可在“最近删除”中恢复。",
            "Delete the assessment \"{name}\"? You can restore it from \"Recently deleted\".";
        NEW_ASSESSMENT =
            "新建自评",
            "New assessment";
        CREATE =
            "新建",
            "Create";
        IMPORT =
            "导入",
            "Import";
        IMPORT_HINT =
            "导入本工作簿导出的 JSON \
            文件或保存的工作簿文件（也可以把文件拖到页面上）。导入前会先预览，确认后才保存；同一份\
            自评的另一副本可以合并进来。",
            "Import a JSON file or a workbook document saved by this workbook (or drop it on the \
            page). You see a preview first; nothing is saved until you confirm, and another copy \
            of an assessment you have can be merged into it.";
        TRASH =
            "最近删除",
            "Recently deleted";
        TRASH_HINT =
            "删除的自评和被导入替换的旧版本保存在这里，直到你彻底删除。",
            "Deleted assessments and versions replaced by an import stay here until you delete \
            them for good.";
        DELETED_AT =
            "删除于 {t}",
            "deleted {t}";
        RESTORE =
            "恢复",
            "Restore";
        PURGE =
            "彻底删除",
            "Delete for good";
        CONFIRM_PURGE =
            "彻底删除“{name}”？此操作无法撤销。",
            "Delete \"{name}\" for good? This cannot be undone.";
        STORAGE =
            "存储",
            "Storage";
        PERSIST_GRANTED =
            "浏览器已同意持久保存本页数据。",
            "The browser agreed to keep this page's data persistently.";
        PERSIST_DENIED =
            "浏览器未同意持久保存：在空间紧张时数据可能被清理，请定期导出。",
            "The browser did not grant persistent storage: data may be evicted under storage \
            pressure; export regularly.";
        PERSIST_UNKNOWN =
            "浏览器未告知能否持久保存。",
            "The browser did not say whether storage is persistent.";
    }

    /// A sub-item's page: the level ladder, answers, comments and not-applicable reasons, what
    /// the next level takes, notes, evidence entries.
    mod item {
        CURRENT_LEVEL =
            "当前自评",
            "Current rating";
        LEVEL_MET =
            "已达成",
            "met";
        LEVEL_NOT_MET =
            "未达成",
            "not met";
        CLEAR =
            "清除",
            "Clear";
        CONFIRM_CLEAR =
            "清除这个答案会同时删除它的备注和不适用原因。确定清除吗？",
            "Clearing this answer also removes its comment and reason. Clear it?";
        NA_REASON_TEXT =
            "补充说明（可选）",
            "Details (optional)";
        CHOOSE_REASON =
            "请选择原因",
            "Choose a reason";
        SAME_AS_LOWER =
            "此级与低一级相同：达到低一级即达到此级。",
            "Same as the level below: meeting that level meets this one.";
        EXPLANATION =
            "说明",
            "Explanation";
        MODEL_NOTES =
            "模型说明（编写决定）",
            "Model notes (editorial decisions)";
        NEXT_LEVEL_TAKES =
            "达到 {n} 级还需要满足",
            "To reach level {n}, still needed";
        TOP_LEVEL =
            "已达到最高级别。",
            "The highest level is reached.";
        NOTES_HINT =
            "记录对标准的疑问和改进思路，会出现在自评表的最后一列。",
            "Questions about the standard and ideas for improvement; they go into the last \
            column of the self-assessment form.";
        PREVIOUS_ITEM =
            "上一项",
            "Previous";
        NEXT_ITEM =
            "下一项",
            "Next";
        ITEM_NAV =
            "上一项与下一项",
            "Previous and next sub-item";
        EVIDENCE_HINT =
            "依据中国信通院材料清单预先列出；状态、负责人、位置和截止日期可直接修改。",
            "Pre-filled from CAICT's evidence checklist; edit status, owner, location and due \
            date in place.";
        CONFIRM_REMOVE_EVIDENCE =
            "删除这条自行添加的材料？",
            "Remove this evidence entry you added?";
    }

    /// The dashboard: overall level, figures, domain levels, the radar and the distribution,
    /// answers set aside.
    mod dashboard {
        SATISFIED_TO_TARGET =
            "目标以内已达成的要求",
            "Requirements up to the target satisfied";
        NA_BREAKDOWN =
            "{n} 项（不在范围 {a}，不涉及 {b}，其他 {c}，未填原因 {d}）",
            "{n} (out of scope {a}, not used {b}, other {c}, no reason {d})";
        EVIDENCE_COUNTS =
            "就绪 {r}，准备中 {p}，缺失 {m}",
            "{r} ready, {p} in progress, {m} missing";
        DOMAIN_TABLE =
            "各能力子域",
            "Domains";
        RADAR_DESC =
            "雷达图，目标 {n} 级。各能力子域级别：{list}",
            "Radar chart, target level {n}. Domain levels: {list}";
        LEGEND_ACTUAL =
            "自评级别",
            "Rated level";
        LEGEND_TARGET =
            "目标 {n} 级",
            "Target level {n}";
        RULE_USED =
            "评分规则：{rule}",
            "Scoring rule: {rule}";
        SET_ASIDE_HINT =
            "这些答案对应的要求在当前模型中已不存在。它们被保留下来，不计入结果，并会随 JSON \
            导出。",
            "These answers belong to requirements the current model no longer has. They are \
            kept, not scored, and travel with the JSON export.";
    }

    /// The gap and the evidence plan.
    mod gap {
        NO_GAP =
            "目标 {n} 级以内的要求已全部达成。",
            "Every requirement up to level {n} is satisfied.";
        N_REQUIREMENTS =
            "{n} 项",
            "{n}";
        PLAN_HINT =
            "目标为 4 级时，清单要求的子项同时列出 3 级材料；清单暂不提供 5 级材料，目标为 5 \
            级时列出 4 级目标所需的全部材料及模型给出的 5 级材料。",
            "For a level-4 target, level-3 evidence is listed too where the checklist asks for \
            it. The checklist has no separate level-5 materials yet, so a level-5 target lists \
            everything a level-4 target needs plus any level-5 evidence the model names.";
        SHOW_MISSING_ONLY =
            "只显示缺失的材料",
            "Show missing evidence only";
    }

    /// The project information form.
    mod project {
        PROJECT_HINT =
            "主体信息登记表中的内容，全部可选，会出现在报告封面。",
            "The registration form's fields; all optional; they appear on the report's cover.";
    }

    /// The printable report.
    mod report {
        CAPABILITIES =
            "能力项",
            "Capabilities";
        PRINT_REPORT =
            "打印 / 另存为 PDF",
            "Print / Save as PDF";
        PRINT_HINT =
            "在打印对话框中选择“另存为 PDF”，纸张 A4。",
            "In the print dialog choose \"Save as PDF\", paper A4.";
        REPORT_KICKER =
            "研发运营一体化（DevOps）能力成熟度 · 自评报告",
            "DevOps capability maturity · self-assessment report";
        REPORT_DATE =
            "报告日期",
            "Report date";
        REPORT_RESULT =
            "自评结果",
            "Result";
        REPORT_RESULT_LINE =
            "整体自评 {label}（目标 {n} 级）；目标以内 {k} 项要求未达成，已达成 {p}%；已答 \
            {a}/{t}。",
            "Overall rating {label} (target level {n}); {k} requirements up to the target not \
            satisfied, {p}% satisfied; {a}/{t} answered.";
        NA_ITEMS =
            "不适用的要求及原因",
            "Requirements not applicable, with reasons";
        NO_REASON =
            "未填写原因",
            "no reason given";
        APPENDIX =
            "附录：逐项答案",
            "Appendix: every answer";
        REQ_ID =
            "编号",
            "Id";
        REPORT_FOOT =
            "由成熟度自评工作簿生成。评分规则依据公开材料推断，不代表中国信通院的正式评估结论。",
            "Generated by Maturity Workbook. The scoring rule is inferred from public material \
            and is not CAICT's formal assessment.";
    }

    /// The export menu, downloads and the share page.
    mod export {
        EXPORT_MENU =
            "导出",
            "Export";
        EXPORT_XLSX =
            "导出 Excel 工作簿（自评表、统计、要求、材料、登记表）",
            "Export Excel workbook (form, statistics, requirements, evidence, registration)";
        EXPORT_CSV_FORM =
            "导出自评表 CSV",
            "Export self-assessment form (CSV)";
        EXPORT_CSV_REQUIREMENTS =
            "导出逐条要求 CSV",
            "Export requirements (CSV)";
        EXPORT_CSV_EVIDENCE =
            "导出材料清单 CSV",
            "Export evidence checklist (CSV)";
        REPORT_AND_PDF =
            "报告与 PDF",
            "Report and PDF";
        MAIL_TO_ASSESSOR =
            "发送给评估人",
            "E-mail to assessor";
        ASSESSOR_ADDRESS =
            "评估人邮箱（可选）",
            "Assessor's e-mail (optional)";
        OPEN_MAIL =
            "打开邮件程序",
            "Open mail program";
        COPY_SUMMARY =
            "复制摘要",
            "Copy summary";
        COPY_MARKDOWN =
            "复制为 Markdown",
            "Copy as Markdown";
        COPIED =
            "已复制。",
            "Copied.";
        COPY_FAILED =
            "复制失败，请在下方文本框中手动复制。",
            "Copying failed; copy from the text box below.";
        SUMMARY_PREVIEW =
            "摘要预览",
            "Summary preview";
        SUBJECT =
            "主题",
            "Subject";
        SUMMARY_LENGTH =
            "{n} 个字符",
            "{n} characters";
        FILE_FORM =
            "自评表",
            "self-assessment";
        FILE_REQUIREMENTS =
            "要求",
            "requirements";
        FILE_EVIDENCE =
            "材料清单",
            "evidence";
    }

    /// The import preview.
    mod import {
        IMPORT_CHOOSE =
            "选择 JSON 或工作簿文件",
            "Choose a JSON file or workbook document";
        IMPORT_PREVIEW =
            "导入预览：{file}",
            "Import preview: {file}";
        IMPORT_PROBLEMS =
            "{e} 个错误，{w} 个提示。",
            "{e} errors, {w} warnings.";
        ANSWERS =
            "答案数",
            "Answers";
        IMPORT_EXISTS =
            "本浏览器中已有同一份自评“{name}”（最近修改 {t}，自评 {label}）。",
            "This browser already has this assessment, \"{name}\" (last changed {t}, rated \
            {label}).";
        IMPORT_AS_NEW =
            "作为新自评导入",
            "Import as a new assessment";
        IMPORT_REPLACE =
            "替换现有自评（可撤销）",
            "Replace the existing one (undoable)";
        MERGE_INTO =
            "合并到现有自评…",
            "Merge into the existing one…";
    }

    /// Workbook documents: saving, the name asked once, opening another version, merging.
    mod documents {
        SAVE_AS =
            "另存为…",
            "Save as…";
        DOC_SAVED_AT =
            "已保存到 {file}（{t}）",
            "Saved to {file} ({t})";
        DOC_UNSAVED =
            "有未保存到文件的修改",
            "Changes not saved to the file";
        DOC_NEVER =
            "尚未保存为工作簿文件",
            "Not saved as a workbook document yet";
        AUTOSAVE =
            "自动保存到文件",
            "Save to the file automatically";
        AUTOSAVE_PAUSED =
            "自动保存已暂停：浏览器需要再次确认写入权限。请点“保存”。",
            "Autosave paused: the browser needs permission again. Click Save.";
        NO_FILE_ACCESS =
            "此浏览器不能写回原文件：“保存”会下载一个新文件，请用它替换共享文件夹中的旧文件。",
            "This browser cannot write back to the file: Save downloads a new copy; put it on \
            the share in place of the old one.";
        NAME_TITLE =
            "你的名字",
            "Your name";
        NAME_HINT =
            "可选。会与你的修改一起记录，合并多人的副本时可以看到是谁改的。只保存在本浏览器中。",
            "Optional. Recorded with your changes, so merging several people's copies shows who \
            changed what. Kept in this browser only.";
        SKIP =
            "跳过",
            "Skip";
        DOC_OPEN_TITLE =
            "打开工作簿文件：{file}",
            "Opening the workbook document {file}";
        DOC_DIFFERS =
            "本浏览器中已有这份自评的另一个版本。请选择要使用的版本；在你选择之前，什么都不会改动\
            。",
            "This browser already holds another version of this assessment. Choose which to use; \
            nothing changes until you do.";
        DOC_NEWER_FILE =
            "文件中的版本较新。",
            "The file's version is newer.";
        DOC_NEWER_HERE =
            "本浏览器中的版本较新。",
            "This browser's version is newer.";
        DOC_SAME_TIME =
            "两个版本的修改时间相同，但内容不同。",
            "Both versions were last changed at the same time but differ.";
        DOC_VERSION_FILE =
            "文件中的版本",
            "The file's version";
        DOC_VERSION_HERE =
            "本浏览器中的版本",
            "This browser's version";
        DOC_LAST_CHANGE =
            "最近修改 {t}{by}",
            "Last changed {t}{by}";
        DOC_BY =
            "（{name}）",
            " by {name}";
        DOC_TAKE_FILE =
            "打开文件中的版本（本浏览器的版本放入“最近删除”）",
            "Open the file's version (this browser's goes to \"Recently deleted\")";
        DOC_KEEP_HERE =
            "保留本浏览器中的版本",
            "Keep this browser's version";
        DOC_MERGE =
            "合并两个版本…",
            "Merge the two…";
        MERGE_TITLE =
            "合并副本：{name}",
            "Merge a copy: {name}";
        MERGE_SUMMARY =
            "另一份副本中只有它修改的 {taken} 处将被带入；{n} 处两边改得不同，请逐项选择。",
            "{taken} changes only the other copy made will be taken; {n} places were changed \
            differently on both sides: choose for each.";
        MERGE_NO_CONFLICT =
            "没有冲突：另一份副本的 {taken} 处修改将被带入。",
            "No conflicts: the {taken} changes of the other copy will be taken.";
        MERGE_ALL_HERE =
            "全部保留本浏览器的",
            "Keep all of this browser's";
        MERGE_ALL_THERE =
            "全部采用另一份的",
            "Take all of the other copy's";
        MERGE_ALL_NEWER =
            "每处采用较新的",
            "Take the newer of each";
        MERGE_APPLY =
            "合并（可撤销）",
            "Merge (undoable)";
        MERGE_CLEARED =
            "（已清除）",
            "(cleared)";
        MERGE_EMPTY =
            "（空）",
            "(empty)";
        MERGE_WHAT =
            "内容",
            "What";
        MERGE_THERE =
            "另一份副本中的版本",
            "The other copy's version";
        NOTES_OF =
            "{item} 的问题记录与改进思路",
            "Notes of {item}";
        EVIDENCE_OF =
            "{item} 的材料 {id}",
            "Evidence {id} of {item}";
    }

    /// The models page.
    mod models {
        MODELS_HINT =
            "模型文件是 JSON 文件：本页每个模型都可以用“模型文件”按钮下载；别人发来的模型文件在这里\
            加载。文件只保存在本浏览器中，不会上传。",
            "A model file is a JSON file: every model on this page can be downloaded with its \
            Model file button; load a model file someone sent you here. It stays in this browser; \
            nothing is uploaded.";
        MODEL_COUNTS =
            "子域/能力项/子项/要求",
            "Domains/capabilities/sub-items/requirements";
        SOURCE =
            "来源",
            "Source";
        EMBEDDED =
            "内置",
            "Built in";
        LOADED_FILE =
            "已加载的文件",
            "Loaded file";
        MODEL_IN_USE =
            "有自评正在使用此模型",
            "An assessment uses this model";
        LOAD_MODEL =
            "加载模型文件",
            "Load a model file";
        LOAD_MODEL_CHOOSE =
            "选择模型 JSON 文件",
            "Choose a model JSON file";
        MODEL_LOADED =
            "已加载模型 {key}。",
            "Model {key} loaded.";
        MODEL_PROBLEMS =
            "{file} 不是有效的模型文件，共 {n} 个问题：",
            "{file} is not a valid model file; {n} problems:";
    }

    /// The portfolio page: members and files, the matrix, the comparison, their exports, what
    /// the page keeps.
    mod portfolio {
        PORT_TITLE =
            "项目组合：多个项目并排对比",
            "Portfolio: many projects side by side";
        PORT_INTRO =
            "把本浏览器中的自评和各团队交来的文件（JSON \
            导出或工作簿文档）放在一起：看组织在哪些能力子项上普遍薄弱、哪个项目离目标最远，以及同\
            一项目两次自评之间的进展。文件只读，不会成为可编辑的自评。",
            "Put assessments in this browser and the files teams send (JSON exports or workbook \
            documents) side by side: where the organisation is weak across projects, which \
            project is furthest from its target, and how one project moved between two \
            assessments. Files stay read-only and do not become editable assessments.";
        PORT_MEMBERS =
            "组合成员",
            "Members";
        PORT_STORED =
            "本浏览器中的自评",
            "Assessments in this browser";
        PORT_NO_STORED =
            "本浏览器中还没有自评。",
            "There are no assessments in this browser yet.";
        PORT_FILES =
            "文件",
            "Files";
        PORT_ADD_FILES =
            "添加文件（JSON 导出或工作簿文档，可多选）",
            "Add files (JSON exports or workbook documents, several at once)";
        PORT_DROP_HINT =
            "也可以把文件拖放到此页面。",
            "You can also drop files onto this page.";
        PORT_ADD_FOLDER =
            "选择文件夹…",
            "Choose a folder…";
        PORT_NO_FOLDER_PICKER =
            "此浏览器不能选择文件夹；请在文件夹中全选文件后用“添加文件”加入。",
            "This browser cannot choose a folder; select all files in the folder with “Add \
            files” instead.";
        PORT_FOLDER =
            "文件夹：{name}（{n} 个文件）",
            "Folder: {name} ({n} files)";
        PORT_REREAD =
            "重新读取文件夹",
            "Re-read the folder";
        PORT_FORGET_FOLDER =
            "不再使用此文件夹",
            "Stop using this folder";
        PORT_NO_FILES =
            "组合中还没有文件。",
            "No files in the portfolio yet.";
        PORT_FILE =
            "文件名",
            "File";
        PORT_ASSESSMENT =
            "自评",
            "Assessment";
        PORT_SOURCE =
            "来源",
            "Source";
        PORT_SOURCE_FILE =
            "添加的文件",
            "Added file";
        PORT_SOURCE_FOLDER =
            "文件夹",
            "Folder";
        PORT_REMOVE =
            "移除",
            "Remove";
        PORT_REMOVE_FILE =
            "移除 {name}",
            "Remove {name}";
        PORT_WARNINGS =
            "{n} 个提示",
            "{n} warnings";
        PORT_READING =
            "正在读取 {n} 个文件…",
            "Reading {n} files…";
        PORT_ADDED =
            "已加入 {n} 个文件。",
            "{n} files added.";
        PORT_REJECTED =
            "{n} 个文件未加入组合：",
            "{n} files were not added to the portfolio:";
        PORT_NOT_A_DOCUMENT =
            "这是一个 HTML 页面，但不是工作簿文档（其中没有自评数据）",
            "this is an HTML page but not a workbook document (it holds no assessment)";
        PORT_MODEL_MISSING =
            "自评“{name}”所用的模型未加载，未列入矩阵。",
            "The model of assessment “{name}” is not loaded; it is left out of the matrix.";
        PORT_FILE_MISSING =
            "文件“{name}”的内容已不在本浏览器中，请重新添加。",
            "The contents of file “{name}” are no longer in this browser; add it again.";
        PORT_NO_IDB =
            "此浏览器不能保存组合（{detail}）：关闭页面后组合将被忘记。自评本身不受影响。",
            "This browser cannot keep the portfolio ({detail}): it will be forgotten when the \
            page closes. Your assessments are not affected.";
        PORT_SAVE_FAILED =
            "组合未能保存（{detail}）。",
            "The portfolio could not be saved ({detail}).";
        PORT_RECORD_UNREADABLE =
            "已保存的组合无法读取，已从空组合开始。",
            "The saved portfolio could not be read; starting from an empty one.";
        PORT_RECORD_NEWER =
            "已保存的组合由较新版本的工作簿写入（格式 {n}），此版本不会改动它。",
            "The saved portfolio was written by a newer workbook (schema {n}); this version \
            leaves it alone.";
        PORT_EMPTY =
            "选择本浏览器中的自评或添加文件后，矩阵显示在这里。",
            "Choose assessments in this browser or add files, and the matrix shows here.";
        PORT_MATRIX =
            "级别矩阵",
            "Level matrix";
        PORT_CAPTION =
            "各能力子项在 {n} 份自评中的级别",
            "Level of each sub-item in {n} assessments";
        PORT_FILTER_DOMAIN =
            "能力子域",
            "Domain";
        PORT_ALL_DOMAINS =
            "全部能力子域",
            "All domains";
        PORT_BELOW_ONLY =
            "只看有自评低于目标的能力子项",
            "Only sub-items below target somewhere";
        PORT_ORDER =
            "列排序",
            "Column order";
        PORT_ORDER_ADDED =
            "按加入顺序",
            "As added";
        PORT_ORDER_LOWEST =
            "整体级别从低到高",
            "Overall level, lowest first";
        PORT_ORDER_HIGHEST =
            "整体级别从高到低",
            "Overall level, highest first";
        PORT_EXPORT_CSV =
            "导出矩阵 CSV",
            "Export the matrix (CSV)";
        PORT_EXPORT_XLSX =
            "导出 Excel（矩阵与对比）",
            "Export Excel (matrix and comparison)";
        PORT_KIND =
            "层级",
            "Level of the model";
        PORT_ID =
            "自评编号",
            "Assessment id";
        PORT_DATE =
            "日期",
            "Date";
        PORT_MODEL_VERSION =
            "模型版本",
            "Model version";
        PORT_REACHING =
            "达到目标",
            "Reaching target";
        PORT_WEAKEST =
            "最弱",
            "Weakest";
        PORT_REACHING_CELL =
            "{n}/{m} 达到目标",
            "{n} of {m} reach target";
        PORT_MEETS_TARGET =
            "达到目标",
            "meets target";
        PORT_BELOW_TARGET =
            "低于目标",
            "below target";
        PORT_MISSING =
            "无此项",
            "not in model";
        PORT_MISSING_TITLE =
            "该自评所用的模型版本没有此项",
            "The model version of this assessment has no such node";
        PORT_LEGEND =
            "每格为该自评的级别（按信通院规则由引擎计算；能力项和能力子域按引擎的汇总）。右上角的\
            三角：低于该自评的目标级别。“无此项”：该自评的模型版本没有此项。",
            "Each cell is the assessment's level (computed by the engine under the CAICT rule; \
            capabilities and domains as the engine rolls them up). A notch in the top-right \
            corner: below that assessment's target. “not in model”: that assessment's model \
            version has no such node.";
        PORT_KEYS_HINT =
            "在矩阵中可用方向键逐格移动。",
            "Use the arrow keys to move from cell to cell in the matrix.";
        PORT_NO_ROWS =
            "没有符合筛选条件的能力子项。",
            "No sub-item matches the filters.";
        PORT_WINDOW_NOTE =
            "共 {n} 份自评，页面只画出第 {from}–{to} 列；左右滚动或用方向键查看其余各列。\
            打印只含这些列，导出 CSV 或 Excel 含全部各列。",
            "Of {n} assessments, the page draws columns {from}–{to}; scroll sideways or use \
            the arrow keys for the others. Printing shows only these columns; the CSV and \
            Excel exports hold them all.";
        PORT_COMPARISON =
            "进展对比",
            "Progress over time";
        PORT_COMPARISON_TITLE =
            "两次自评之间的进展",
            "Progress between two assessments";
        PORT_COMPARE_HINT =
            "选择同一项目的两份自评（例如上季度的和今天的）。",
            "Choose two assessments of the same project (say last quarter's and today's).";
        PORT_NEED_TWO =
            "组合中至少要有两份自评才能对比。",
            "The portfolio needs at least two assessments to compare.";
        PORT_EARLIER =
            "之前",
            "Then";
        PORT_LATER =
            "现在",
            "Now";
        PORT_DIFFERENT_PROJECTS =
            "注意：这两份自评属于不同项目（“{a}”与“{b}”）。",
            "Note: these two assessments belong to different projects (“{a}” and “{b}”).";
        PORT_SAME_MEMBER =
            "请选择两份不同的自评。",
            "Choose two different assessments.";
        PORT_BLOCKING =
            "阻碍达标的要求",
            "Requirements blocking the target";
        PORT_BLOCKING_THEN_NOW =
            "阻碍达标的要求：之前 {a} 条，现在 {b} 条",
            "Requirements blocking the target: {a} then, {b} now";
        PORT_OVERALL_THEN_NOW =
            "整体自评：之前 {a}，现在 {b}",
            "Overall: {a} then, {b} now";
        PORT_COUNTS =
            "提升 {rose} 项，下降 {fell} 项，不变 {stayed} 项",
            "{rose} rose, {fell} fell, {stayed} stayed";
        PORT_MOVED =
            "级别有变化的能力子项",
            "Sub-items whose level moved";
        PORT_NONE_MOVED =
            "没有能力子项的级别发生变化。",
            "No sub-item's level moved.";
        PORT_STAYED_LIST =
            "级别不变的能力子项（{n}）",
            "Sub-items that stayed ({n})";
        PORT_ONLY_ONE_LIST =
            "只在一方模型中的能力子项（{n}）",
            "Sub-items only one model has ({n})";
        PORT_ANSWERS_CHANGED =
            "答案有变化的要求（{n}）",
            "Requirements whose answer changed ({n})";
        PORT_NO_ANSWER_CHANGES =
            "没有要求的答案发生变化。",
            "No requirement's answer changed.";
        PORT_CHANGE =
            "变化",
            "Change";
        PORT_ROSE =
            "提升",
            "rose";
        PORT_FELL =
            "下降",
            "fell";
        PORT_STAYED =
            "不变",
            "stayed";
        PORT_ONLY_BEFORE =
            "仅在之前的模型中",
            "only in the earlier model";
        PORT_ONLY_AFTER =
            "仅在现在的模型中",
            "only in the later model";
        PORT_PRINT =
            "打印对比 / 另存为 PDF",
            "Print the comparison / Save as PDF";
        PORT_EXPORT_COMPARISON_CSV =
            "导出对比 CSV",
            "Export the comparison (CSV)";
        PORT_SHEET_MATRIX =
            "矩阵",
            "Matrix";
        PORT_SHEET_COMPARISON =
            "对比",
            "Comparison";
        PORT_XLSX_TITLE =
            "项目组合级别矩阵（{n} 份自评，{date}）",
            "Portfolio level matrix ({n} assessments, {date})";
        PORT_FILE_MATRIX =
            "项目组合",
            "Portfolio";
        PORT_FILE_PROGRESS =
            "进展对比",
            "progress";
        PORT_CLEAR_FILES =
            "移除全部文件",
            "Remove all files";
    }

    /// Words of the assessment itself: statuses, not-applicable kinds, evidence kinds and
    /// statuses, project fields, the scoring rule.
    mod assess {
        MET =
            "满足",
            "Met";
        PARTIAL =
            "部分满足",
            "Partly met";
        NOT_MET =
            "不满足",
            "Not met";
        UNANSWERED =
            "未答",
            "Unanswered";
        NA_OUT_OF_SCOPE =
            "不在评估范围内",
            "Out of scope";
        NA_NOT_USED =
            "本系统不涉及",
            "Not used by this system";
        NA_OTHER =
            "其他",
            "Other";
        EV_MISSING =
            "缺失",
            "Missing";
        EV_IN_PROGRESS =
            "准备中",
            "In progress";
        EV_READY =
            "已就绪",
            "Ready";
        KIND_LINK =
            "链接",
            "Link";
        KIND_OTHER =
            "其他",
            "Other";
        PF_SUMMARY =
            "参评项目简介",
            "Project summary";
        PF_PRODUCTION =
            "生产环境信息（服务器、容器、应用、用户规模）",
            "Production environment (servers, containers, applications, users)";
        PF_TEAM_DEV =
            "研发人数",
            "Developers";
        PF_TEAM_TEST =
            "测试人数",
            "Testers";
        PF_TEAM_OPS =
            "运维人数",
            "Operations staff";
        PF_TEAM_OTHER =
            "其他角色人数",
            "Other roles";
        PF_ARCHITECTURE =
            "项目架构",
            "Architecture";
        PF_PROCESS =
            "研发与交付流程",
            "Development and delivery process";
        PF_TOOLCHAIN =
            "交付工具链",
            "Delivery toolchain";
        PF_BRANCH =
            "分支模型",
            "Branch model";
        PF_ENVIRONMENTS =
            "环境分类（开发、测试、预发布、生产）",
            "Environments (dev, test, staging, production)";
        PF_ITERATION =
            "迭代周期",
            "Iteration length";
        PF_RELEASE =
            "发布频率",
            "Release frequency";
        PF_FAILURE_RATE =
            "部署失败率",
            "Deployment failure rate";
        PF_EFFICIENCY_TEAM =
            "工程效率团队构成",
            "Engineering-efficiency team";
        RULE_CAICT_STRICT =
            "CAICT 严格规则",
            "CAICT strict";
        RULE_CAICT_STRICT_STATEMENT =
            "要求答“满足”或“不适用”即视为达成，其余（部分满足、不满足、未作答）均未达成；某级全部\
            要求达成即该级达成，标为“同低一级”的级别随低一级达成；能力子项的级别是 2 \
            级起连续达成的最高级别（2 级未达成则为 1 级）；若已是 N−1 级且 N \
            级有要求答“满足”或“部分满足”，标为“N-”；能力项、能力子域、整体取下级中的最低级别，其下\
            任一能力子项在高一级有进展时同样标“N-”。此规则依据公开材料推断，并非中国信通院公布的评\
            分细则。",
            "A requirement counts when answered met or not applicable; anything else (partial, \
            not met, unanswered) does not. A level is met when all its requirements count; a \
            level marked same-as-lower is met when the level below is. A sub-item's level is the \
            highest level L such that levels 2 to L are all met (1 if level 2 is not). It is \
            labelled \"N-\" when it is at N-1 and some level-N requirement is met or partial. \
            Capabilities, domains and the part take the lowest level below them, labelled \"N-\" \
            too when a sub-item below shows such progress at level N. This rule is inferred from \
            public material; it is not CAICT's published scoring.";
    }

    /// Problems of a model file, and words of the model.
    mod model {
        P_TOO_LARGE =
            "文件过大（{bytes} 字节，上限 {limit} 字节），未读取",
            "file too large ({bytes} bytes, limit {limit}); not read";
        P_SYNTAX =
            "不是有效的 JSON：第 {line} 行第 {column} 列（{detail}）",
            "not valid JSON at line {line}, column {column} ({detail})";
        P_MISSING =
            "缺少此字段",
            "this field is missing";
        P_WRONG_TYPE =
            "类型错误：应为{what}",
            "wrong type: expected {what}";
        P_EXPECT_STRING =
            "字符串",
            "a string";
        P_EXPECT_OBJECT =
            "对象",
            "an object";
        P_EXPECT_ARRAY =
            "数组",
            "an array";
        P_EXPECT_INTEGER =
            "整数",
            "a whole number";
        P_EXPECT_BOOL =
            "true 或 false",
            "true or false";
        P_EXPECT_TEXT =
            "含 zh 或 en（或两者）的对象",
            "an object with \"zh\", \"en\" or both";
        P_EMPTY =
            "不能为空",
            "must not be empty";
        P_EMPTY_TEXT =
            "缺少{lang}文本",
            "the {lang} text is empty";
        P_UNSUPPORTED_VERSION =
            "格式版本 {found} 不受支持，本工作簿读取版本 {expected}",
            "format version {found} is not supported; this workbook reads version {expected}";
        P_BAD_CODE =
            "编码“{code}”无效：只能使用字母、数字、“-”“_”“.”",
            "code \"{code}\" is invalid: use letters, digits, '-', '_' or '.' only";
        P_DUPLICATE =
            "“{value}”重复，首次出现在 {first}",
            "\"{value}\" is used twice; first at {first}";
        P_CODE_PREFIX =
            "编码“{code}”应以上级编码“{parent}-”开头",
            "code \"{code}\" should start with its parent's code \"{parent}-\"";
        P_REQUIREMENT_ID =
            "要求编号“{found}”与位置不符，应为“{expected}”",
            "requirement id \"{found}\" does not match its place; expected \"{expected}\"";
        P_LEVEL_COUNT =
            "应有 {expected} 个级别，实际 {found} 个",
            "expected {expected} levels, found {found}";
        P_LEVEL_NUMBER =
            "级别顺序错误：此处应为 {expected} 级，实际为 {found}",
            "levels out of order: expected level {expected} here, found {found}";
        P_SAME_AS_LOWER_WITH_REQS =
            "标为“同低一级”（same_as_lower）的级别不应再有自己的要求",
            "a level marked same_as_lower must not have requirements of its own";
        P_SAME_AS_LOWER_AT_2 =
            "2 级不能标为 same_as_lower：1 级是起点，不作答",
            "level 2 cannot be same_as_lower: level 1 is the starting point and is not answered";
        P_NO_REQUIREMENTS =
            "此级别没有要求；若与低一级相同，请写 \"same_as_lower\": true",
            "this level has no requirements; if it is the same as the level below, say \
            \"same_as_lower\": true";
        P_UNKNOWN_EVIDENCE_KIND =
            "未知的材料类型“{kind}”，应为 document、screenshot 或 video",
            "unknown evidence kind \"{kind}\"; expected document, screenshot or video";
        P_ALREADY_LOADED =
            "已加载另一份内容不同的 {key}；请先移除它，或给新文件换一个版本号",
            "another file with the same id and version ({key}) is already loaded; remove it \
            first, or give the new file another version";
        P_TOO_LONG =
            "文字过长（{chars} 个字符，上限 {limit} 个，即电子表格一个单元格的容量）",
            "text too long ({chars} characters; the limit is {limit}, what a spreadsheet cell \
            holds)";
    }

    /// Problems of an exchange file being imported.
    mod exchange {
        I_NOT_DOCUMENT =
            "这是一个网页文件，但不是本工作簿保存的工作簿文件（其中没有自评数据）",
            "this is a web page, but not a workbook document saved by this workbook (it holds no \
            assessment)";
        I_MODEL_FILE =
            "这是一个模型文件，不是自评结果；请在“模型”页面加载它",
            "this is a model file, not an assessment; load it on the Models page";
        I_UNKNOWN_MODEL =
            "文件使用的模型“{id}”（版本 {version}）未加载；请先在“模型”页面加载该模型文件",
            "the file uses model \"{id}\" (version {version}), which is not loaded; load that \
            model file on the Models page first";
        I_OTHER_VERSION =
            "文件基于模型版本 {file}，本工作簿为 \
            {here}：答案按要求编号带入，新模型中没有的要求单独保留",
            "the file was answered against model version {file}, this workbook has {here}: \
            answers are carried over by requirement id, and answers to requirements that no \
            longer exist are kept aside";
        I_TEXT_DIFFERS =
            "模型版本相同但内容指纹不同（文字可能有修订）；答案按要求编号带入",
            "same model version but a different content fingerprint (the wording may have been \
            revised); answers are carried over by requirement id";
        I_UNKNOWN_REQUIREMENT =
            "模型中没有要求“{id}”：该答案将单独保留，不计入结果",
            "the model has no requirement \"{id}\": the answer is kept aside and not scored";
        I_UNKNOWN_ITEM =
            "模型中没有能力子项“{code}”：其记录照原样保留",
            "the model has no sub-item \"{code}\": its notes and evidence are kept as they are";
        I_BAD_VALUE =
            "取值“{found}”无效，允许：{allowed}",
            "value \"{found}\" is not allowed; expected one of: {allowed}";
        I_TARGET =
            "目标级别 {found} 无效，应为 2 至 5",
            "target level {found} is invalid; expected 2 to 5";
        I_UNKNOWN_FIELD =
            "未知字段“{field}”，已忽略",
            "unknown field \"{field}\", ignored";
        I_RESULTS_DIFFER =
            "文件中的结果与重新计算的结果不同；以重新计算为准",
            "the results in the file differ from the recomputed ones; the recomputed results are \
            used";
        I_TOO_LARGE_WRITTEN =
            "这份自评再次导出时将有 {bytes} 字节（超过 {limit} 字节的上限，例如文字中有大量需转义的\
            字符），导出的文件将无法再导入，因此未导入",
            "exported again, this assessment would take {bytes} bytes (over the limit of {limit}, \
            for example because its texts hold many characters that must be escaped), and its \
            export could not be imported again; not imported";
    }

    /// What happened to the stored data: notices, toasts, storage health, whose store it is.
    mod storage {
        DOWNLOAD_FAILED =
            "浏览器未能下载“{name}”（{detail}）。数据仍在本浏览器中，请重试或换用其他浏览器。",
            "The browser could not download \"{name}\" ({detail}). Your data is still in this \
            browser; try again or use another browser.";
        DELETED_TOAST =
            "已删除“{name}”。",
            "Deleted \"{name}\".";
        REPLACED_TOAST =
            "已用导入的文件替换“{name}”，原版本已放入“最近删除”。",
            "Replaced \"{name}\" with the imported file; the previous version is in \"Recently \
            deleted\".";
        STORAGE_OK =
            "本浏览器中的工作副本已保存。",
            "This browser's working copy is saved.";
        STORAGE_FULL =
            "浏览器存储已满：最近的修改只保存在内存中，关闭页面会丢失。请立即导出 \
            JSON，并删除不需要的自评。",
            "Browser storage is full: your latest changes are only in memory and will be lost \
            when the page closes. Export JSON now and delete assessments you no longer need.";
        STORAGE_UNAVAILABLE =
            "此浏览器不允许保存数据（可能是策略限制或隐私窗口）：工作内容只在内存中，关闭页面即丢\
            失。请随时导出 JSON。",
            "This browser does not allow saving (a policy or a private window): your work is \
            only in memory and is lost when the page closes. Export JSON as you go.";
        STORAGE_FAILED =
            "保存失败：最近的修改只在内存中。请导出 JSON。",
            "Saving failed: your latest changes are only in memory. Export JSON.";
        NEWER_RECORD =
            "记录 {key} 由较新版本的工作簿写入（格式 \
            {schema}），本版本不会读取或改动它。请使用较新的工作簿。",
            "Record {key} was written by a newer workbook (schema {schema}); this version leaves \
            it untouched. Use the newer workbook.";
        MIGRATED =
            "“{name}”已从旧存储格式 {from} 升级，内容没有丢失。",
            "\"{name}\" was upgraded from storage schema {from}; nothing was lost.";
        REBOUND =
            "“{name}”已从模型版本 {from} 迁移到 {to}：答案按要求编号带入，{n} \
            个答案因要求不存在而单独保留（见仪表盘）。",
            "\"{name}\" moved from model version {from} to {to}: answers were carried over by \
            requirement id; {n} answers whose requirement no longer exists are kept aside (see \
            the dashboard).";
        MERGED_OTHER_TAB =
            "另一个标签页也修改了这份自评：两边的修改已合并保存。",
            "Another tab changed this assessment too: both sets of changes were merged and saved.";
        UPDATED_OTHER_TAB =
            "这份自评在另一个标签页中有更新，已显示最新内容。",
            "This assessment was updated in another tab; the latest version is shown.";
        DELETED_OTHER_TAB =
            "“{name}”已在另一个标签页中删除。此页仍保留其内容，再次修改会重新保存。",
            "\"{name}\" was deleted in another tab. This page still holds it; a further change \
            saves it again.";
        MODEL_UNREADABLE =
            "已保存的模型文件 {key} 无法读取（{n} 个问题），未加载。",
            "The stored model file {key} could not be read ({n} problems) and was not loaded.";
        MODEL_MISSING =
            "“{name}”使用的模型 {model} \
            未加载，暂时无法打开。请在“模型”页面加载该模型文件；自评内容完好。",
            "\"{name}\" uses model {model}, which is not loaded, so it cannot be opened yet. \
            Load that model file on the Models page; the assessment is intact.";
        NOT_IN_TRASH =
            "这一项已不在“最近删除”中（可能已在另一个标签页中恢复或彻底删除）。",
            "This entry is no longer in \"Recently deleted\" (another tab may have restored or \
            deleted it).";
        RESTORED_PREVIOUS =
            "“{name}”最新一次保存的记录已损坏，已自动打开上一版（{t}）。最多丢失最后一次保存的修改\
            ；损坏的原文已保留，可下载交给技术人员。",
            "The newest saved record of \"{name}\" was damaged, so the previous revision ({t}) \
            was opened. At most the last save is missing; the damaged text is kept and can be \
            downloaded for a technician.";
        SAVED_TOAST =
            "已保存到 {file}。",
            "Saved to {file}.";
        DOWNLOADED_TOAST =
            "此浏览器不能直接写回文件，已下载新的工作簿文件“{file}”：请用它替换共享文件夹中的旧文\
            件。",
            "This browser cannot write to the file directly, so \"{file}\" was downloaded: put \
            it on the share in place of the old file.";
        DOC_OPENED_NEW =
            "已打开工作簿文件“{file}”，本浏览器保留一份工作副本。",
            "Opened the workbook document \"{file}\"; this browser keeps a working copy.";
        MERGED_TOAST =
            "已把另一份副本合并进“{name}”，合并前的版本已放入“最近删除”。",
            "Merged the other copy into \"{name}\"; the version before is in \"Recently deleted\".";
        STORAGE_SCOPE_SHARED =
            "用 file:// 打开时，Chromium 内核的浏览器（Chrome、Edge、360、QQ \
            等）让所有本地页面共用一份存储：无论工作簿放在哪个文件夹、叫什么名字，都看到同一份工作\
            副本；本工作簿的数据使用自己的名称，不会与其他页面冲突。",
            "Opened from file://, Chromium-based browsers (Chrome, Edge, 360, QQ and others) \
            share one store among all local pages: wherever the workbook file is and whatever \
            its name, it sees the same working copy; the workbook's data uses names of its own, \
            so nothing collides.";
        STORAGE_SCOPE_PER_FILE =
            "Firefox 按文件路径保存 file:// \
            页面的数据：这份工作副本只属于此位置、此名称的这个文件。把工作簿移到别的文件夹、改名，\
            或从映射盘等另一路径打开，看到的会是空的工作簿（回到原路径，数据仍在）。请始终从同一个\
            固定路径打开工作簿，并把团队的正式副本保存为工作簿文件（“保存”）或导出的 JSON。",
            "Firefox keeps the data of a file:// page by the file's path: this working copy \
            belongs to this file, at this place, under this name. Moved to another folder, \
            renamed, or opened through another path such as a mapped drive, the workbook starts \
            empty (back at the old path, the data is still there). Always open the workbook from \
            one fixed path, and keep the team's copy as a saved workbook document (Save) or a \
            JSON export.";
        STORAGE_SCOPE_SITE =
            "工作簿来自网站时，工作副本保存在本浏览器中属于这个网站的存储里：从同一网站打开的工作\
            簿共用它，换一台电脑或另一个浏览器则看不到。",
            "Opened from a web server, the working copy is kept in this browser's store for that \
            site: workbooks opened from the same site share it; another computer or browser does \
            not see it.";
    }

    /// Spreadsheet exports: CSV column headers and cells, the CAICT forms as an Excel workbook.
    mod sheets {
        CSV_LEVEL_HEADER =
            "{n}级 {name}",
            "{n} {name}";
        CSV_PART =
            "能力域",
            "Part";
        CSV_SELF_RATING =
            "自评",
            "Self-rating";
        CSV_GAP_TO =
            "和{n}级要求的差距",
            "Gap to level {n}";
        CSV_STATISTICS =
            "统计",
            "Statistics";
        CSV_OVERALL =
            "整体自评",
            "Overall self-rating";
        CSV_RULE =
            "规则",
            "Rule";
        CSV_LEVEL_COUNT =
            "{n}级子项数",
            "{n}-level sub-items";
        CSV_LEVEL =
            "级别",
            "Level";
        CSV_REASON =
            "不适用原因",
            "Reason not applicable";
        CSV_LOCATION =
            "位置",
            "Location";
        SAME_AS_LEVEL =
            "同{n}级",
            "Same as level {n}";
        MEETS_LEVEL =
            "已达到{n}级",
            "Meets level {n}";
        N_NOT_SATISFIED =
            "{n}项要求未满足：",
            "{n} requirements not yet satisfied:";
        XLSX_SHEET_FORM =
            "自评表",
            "Self-assessment";
        XLSX_SHEET_STATS =
            "统计结果",
            "Statistics";
        XLSX_SHEET_REQUIREMENTS =
            "要求明细",
            "Requirements";
        XLSX_SHEET_EVIDENCE =
            "材料清单",
            "Evidence checklist";
        XLSX_SHEET_REGISTRATION =
            "登记表",
            "Registration";
        XLSX_DOC_TITLE =
            "{project} · 能力成熟度自评",
            "{project} · capability maturity self-assessment";
        XLSX_FORM_TITLE =
            "{title} · 自评表",
            "{title} · self-assessment form";
        XLSX_MODEL =
            "模型及版本",
            "Model and version";
        XLSX_MODEL_VALUE =
            "{title}，版本 {version}",
            "{title}, version {version}";
        XLSX_DATE =
            "日期",
            "Date";
        XLSX_RULE_VALUE =
            "{name}：{statement}",
            "{name}: {statement}";
        XLSX_PART =
            "能力域",
            "Part";
        XLSX_CAPABILITY =
            "能力项",
            "Capability";
        XLSX_LEVEL_HEADER =
            "{n}级 {name}",
            "Level {n} {name}";
        XLSX_LEVEL_TARGET =
            "{n}级 {name}（目标）",
            "Level {n} {name} (target)";
        XLSX_TARGET_VALUE =
            "{n}级 {name}",
            "Level {n} {name}";
        XLSX_GAP_HEADER =
            "和{n}级要求的差距",
            "Gap to level {n}";
        XLSX_ITEM_COUNT =
            "子项数",
            "Sub-items";
        XLSX_TOTAL =
            "合计（全部能力子域）",
            "Total (all domains)";
        XLSX_REQ_ID =
            "要求编号",
            "Requirement id";
        XLSX_LEVEL =
            "级别",
            "Level";
        XLSX_YES =
            "是",
            "Yes";
        XLSX_NA_REASON_VALUE =
            "{kind}：{text}",
            "{kind}: {text}";
        XLSX_EVIDENCE_TITLE =
            "材料清单（目标 {n} 级）",
            "Evidence checklist (target level {n})";
        XLSX_REGISTRATION_TITLE =
            "主体信息登记表",
            "Registration form";
        XLSX_FIELD =
            "登记项",
            "Field";
        XLSX_VALUE =
            "内容",
            "Value";
    }

    /// The mail and clipboard summary.
    mod summary {
        SUM_SUBJECT =
            "【自评结果】{project} · {model} · 自评 {overall} / 目标 {target} 级",
            "[Self-assessment] {project} · {model} · rated {overall} / target level {target}";
        SUM_PROJECT =
            "项目：{project}{org}",
            "Project: {project}{org}";
        SUM_ORG =
            "（{org}）",
            " ({org})";
        SUM_MODEL =
            "模型：{model}，版本 {version}",
            "Model: {model}, version {version}";
        SUM_OVERALL =
            "整体自评：{overall}（目标 {target} 级，{state}）",
            "Overall self-rating: {overall} (target level {target}, {state})";
        SUM_REACHED =
            "已达到",
            "reached";
        SUM_NOT_REACHED =
            "尚未达到",
            "not reached yet";
        SUM_BLOCKING =
            "阻碍目标的要求：{n} 项；已答 {a}/{t}",
            "Requirements blocking the target: {n}; answered {a}/{t}";
        SUM_EVIDENCE =
            "材料准备（{target} 级）：已就绪 {ready}，准备中 {progress}，缺失 {missing}",
            "Evidence for level {target}: {ready} ready, {progress} in progress, {missing} missing";
        SUM_DOMAINS =
            "各能力子域：",
            "Domains:";
        SUM_DOMAIN_BLOCKING =
            "（阻碍 {n} 项）",
            " ({n} blocking)";
        SUM_TABLE_HEAD =
            "| 能力子域 | 自评 | 阻碍项 |",
            "| Domain | Rating | Blocking |";
        SUM_RULE =
            "评分规则：{rule}（依据公开材料推断，非官方评分细则）",
            "Scoring rule: {rule} (inferred from public material, not CAICT's official scoring)";
        SUM_GENERATED =
            "由成熟度自评工作簿生成，{today}",
            "Generated by Maturity Workbook, {today}";
    }

    /// What the browser did: files that could not be read, the browser database, folders.
    mod browser {
        FILE_TOO_LARGE =
            "文件过大（{n} 字节，上限 {limit} 字节），未读取。",
            "File too large ({n} bytes, limit {limit}); not read.";
        FILE_UNREADABLE =
            "无法读取文件“{name}”（{detail}）。文件可能已被移动、正在被其他程序占用，或不是文本文\
            件。",
            "The file \"{name}\" could not be read ({detail}). It may have been moved, be locked \
            by another program, or not be a text file.";
        FILE_BROWSER_REFUSED =
            "浏览器拒绝了此操作",
            "the browser refused";
        DOCUMENT_KIND =
            "成熟度自评工作簿",
            "Maturity Workbook document";
        SAVE_NO_PERMISSION =
            "浏览器没有允许写入该文件。请再点一次“保存”并允许，或用“另存为”选择位置。",
            "The browser did not allow writing the file. Click Save again and allow it, or use \
            Save as to choose a place.";
        SAVE_NO_TEMPLATE =
            "无法读取工作簿页面本身来保存副本（{detail}）。",
            "Could not read the workbook page itself to save a copy ({detail}).";
        SAVE_FAILED =
            "保存失败（{detail}）。工作内容仍在本浏览器中。",
            "Saving failed ({detail}). Your work is still in this browser.";
        PORT_FOLDER_GONE =
            "无法再次读取文件夹（{detail}）。请重新选择文件夹。",
            "The folder could not be read again ({detail}). Choose the folder again.";
        PORT_FOLDER_DENIED =
            "浏览器未允许读取文件夹。",
            "The browser did not allow reading the folder.";
        IDB_UNAVAILABLE =
            "浏览器数据库（IndexedDB）不可用：{detail}",
            "the browser database (IndexedDB) is unavailable: {detail}";
        IDB_QUOTA =
            "浏览器数据库空间已满",
            "the browser database is full";
        IDB_FAILED =
            "浏览器数据库拒绝了操作：{detail}",
            "the browser database refused: {detail}";
    }
    /// Clarity for the team and the assessor (issue 26): file names that tell the level
    /// reached and the target apart, levels in words, whose assessment it is, what to send,
    /// answering, the condensed report, export confirmations.
    mod clarity {
        // File names: the level reached and the target, each with its word.
        FILE_RATED =
            "自评{n}",
            "rated{n}";
        FILE_TARGET =
            "目标{n}",
            "target{n}";
        FILE_CONDENSED =
            "精简",
            "condensed";

        // A level in words: the level reached first, progress on the next level after it.
        LEVEL_WORDS =
            "{n} 级",
            "level {n}";
        LEVEL_WORDS_PARTIAL =
            "{n} 级，{m} 级部分达成",
            "level {n}, progress on {m}";
        LEVEL_PROGRESS =
            "{m} 级部分达成",
            "progress on {m}";
        LEVEL_LEGEND =
            "大号数字是已达到的级别；右上角的小“+”表示下一级已部分达成，例如 2⁺ = 2 级，3 \
            级部分达成。中国信通院的表格把它写作“3-”：已达到 2 级、3 级部分要求已满足，不是“接近 3 \
            级”。",
            "The big figure is the level reached; a small “+” means progress on the next level: 2⁺ \
            = level 2, progress on 3. CAICT's forms write this as “3-”: level 2 reached with some \
            level-3 requirements met, not “almost 3”.";
        XLSX_LEGEND_LABEL =
            "级别写法",
            "Level notation";
        XLSX_LEVEL_LEGEND =
            "“N-”表示已达到 N−1 级、N 级部分达成：例如“3-”= 已达到 2 级，3 \
            级部分要求已满足或部分满足（不是“接近 3 级”）。",
            "“N-” means level N−1 reached with progress on level N: “3-” = level 2 reached, some \
            level-3 requirements met or partly met (not “almost 3”).";
        XLSX_OVERALL_VALUE =
            "{words}（{label}）",
            "{words} ({label})";

        // Whose assessment it is.
        DEFAULT_NAME =
            "{model}自评",
            "{model} self-assessment";
        DEFAULT_NAME_PROJECT =
            "{project} · {model}自评",
            "{project} · {model} self-assessment";
        IDENTITY_TITLE =
            "这份自评属于谁？",
            "Whose assessment is this?";
        IDENTITY_HINT =
            "填写评估企业名称和评估项目名称：它们会出现在每页顶部、浏览器标签、仪表盘、报告封面、\
            Excel 表头和文件名中，评估老师一眼就能分清是哪个团队的自评。可以跳过，以后在“项目信息”\
            中填写。",
            "Name the organisation and the project: they appear at the top of every page, in the \
            browser tab, on the dashboard, on the report's cover, in the Excel header and in file \
            names, so an assessor can tell whose assessment it is. You can skip this and fill them \
            in later under Project information.";
        PAGE_TITLE =
            "{who} — {app}",
            "{who} — {app}";
        IDENTITY_MISSING =
            "尚未填写评估企业和项目名称",
            "Organisation and project not given yet";

        // What to send: the workbook document; JSON for tools and backups; PDF for reading.
        WHAT_TO_SEND =
            "发送什么：工作簿文件（HTML）是团队的副本，也是要发给评估老师的文件，评估老师双击即可看\
            到全部答案和级别；JSON 供工具和备份使用；PDF 报告供阅读。",
            "What to send: the workbook document (HTML) is the team's copy and the file to send to \
            the assessor, who double-clicks it and sees every answer and level. JSON is for tools \
            and backups; the PDF report is for reading.";
        DOC_STATE_NEVER =
            "尚未保存为工作簿文件。工作簿文件是团队的副本，也是要发给评估老师的文件：点页面上方的“\
            另存为…”保存。",
            "Not saved as a workbook document yet. The workbook document is the team's copy and \
            the file to send to the assessor: use Save as… at the top of the page.";
        DOC_STATE_UNSAVED =
            "有修改尚未保存到工作簿文件“{file}”：发送前请点“保存”（Ctrl+S）。",
            "Changes not yet saved to the workbook document “{file}”: click Save (Ctrl+S) before \
            you send it.";
        DOC_STATE_SAVED =
            "已保存到工作簿文件“{file}”（{t}）：这就是要发给评估老师的文件。",
            "Saved to the workbook document “{file}” ({t}): this is the file to send to the \
            assessor.";
        SHARE_STEP_SAVE =
            "保存工作簿文件（团队的副本，也是要发送的文件）：",
            "Save the workbook document (the team's copy, and the file to send):";
        SHARE_STEP_PDF =
            "如需要，另存一份 PDF 报告供阅读：",
            "If you like, save the PDF report for reading:";
        SHARE_STEP_MAIL =
            "打开邮件程序，附上工作簿文件（和 PDF 报告）后发送。JSON 供工具和备份使用，不必发送。",
            "Open your mail program, attach the workbook document (and the PDF report), and send. \
            JSON is for tools and backups; there is no need to send it.";
        ATTACH_REMINDER =
            "邮件链接无法自动附加文件：请手动添加保存好的工作簿文件（可另附 PDF 报告）。",
            "A mail link cannot attach files: add the saved workbook document yourself (and the \
            PDF report if you like).";
        SUM_ATTACHED =
            "附件：工作簿文件（HTML，用浏览器双击打开即可看到全部答案和级别）；PDF \
            报告供阅读。请在发送前手动添加附件。",
            "Attached: the workbook document (HTML; double-click it to open it in a browser and \
            see every answer and level), and the PDF report for reading. Please attach them before \
            sending.";
        HOME_HINT =
            "团队的副本是共享文件夹中的工作簿文件（HTML）：打开后修改，“保存”写回该文件；发给评估老\
            师的也是这一个文件。JSON 供工具和备份使用，PDF \
            报告供阅读。本浏览器（localStorage）另存一份工作副本，随改随存，防止意外丢失；清除浏览\
            器数据会删除工作副本。",
            "The team's copy is the workbook document (an HTML file) on the share: open it, work, \
            and Save writes it back; it is also the one file to send to the assessor. JSON is for \
            tools and backups; the PDF report is for reading. This browser (localStorage) keeps a \
            working copy, saved as you go so nothing is lost by accident; clearing browser data \
            removes the working copy.";
        DOC_HELP =
            "团队的副本是共享文件夹中的工作簿文件：双击即可打开，“保存”（Ctrl+S）写回该文件，发给评\
            估老师的也是这个文件。JSON 供工具和备份使用，PDF \
            报告供阅读。浏览器只保留一份工作副本。",
            "The team's copy is the workbook document on the share: double-click it to open it, \
            Save (Ctrl+S) writes it back, and it is the file to send to the assessor. JSON is for \
            tools and backups; the PDF report is for reading. The browser keeps only a working \
            copy.";
        HOME_DOCUMENT =
            "工作簿文件",
            "Workbook document";

        // Answering.
        KEY_PARTIAL =
            "部分满足（并移到下一条）",
            "Partly met (and move to the next)";
        KEY_NOT_MET =
            "不满足（并移到下一条）",
            "Not met (and move to the next)";
        KEY_NA =
            "不适用（停在此条，以便选择原因）",
            "Not applicable (stays here so you can give the reason)";
        NA_NEEDS_REASON =
            "不适用需要说明原因：请选择一个原因。",
            "Not applicable needs a reason: choose one.";
        NA_ASKS_REASON =
            "选“不适用”时需要说明原因",
            "Choosing not applicable asks for a reason";

        // The report: full or condensed.
        REPORT_CONTENTS =
            "报告内容",
            "Report contents";
        REPORT_FULL =
            "完整报告（全部要求）",
            "Full report (every requirement)";
        REPORT_CONDENSED =
            "精简报告（只含已作答的要求和差距）",
            "Condensed report (answered requirements and gaps only)";
        REPORT_CONDENSED_NOTE =
            "精简报告：只列出已作答的要求；尚未作答的要求只计数（已答 \
            {a}/{t}）。完整报告列出全部要求。",
            "Condensed report: only answered requirements are listed; unanswered ones are counted \
            ({a}/{t} answered). The full report lists every requirement.";
        REPORT_UNANSWERED_ITEMS =
            "目标以内的要求全部尚未作答的能力子项（{n} 个）：",
            "Sub-items whose requirements up to the target are all unanswered ({n}): ";
        REPORT_UNTOUCHED_ITEMS =
            "尚无任何答案的能力子项（{n} 个）：",
            "Sub-items with no answer yet ({n}): ";
        REPORT_ITEM_COUNT =
            "（{n} 项）",
            " ({n})";
        REPORT_MORE_UNANSWERED =
            "另有 {n} 项要求尚未作答。",
            "{n} more requirements not answered yet.";

        // Exports.
        EXPORTED_TOAST =
            "已导出“{file}”（在浏览器的下载文件夹中）。",
            "Exported “{file}” (in the browser's downloads folder).";
    }

    /// Review mode, undo and redo; the portfolio's duplicates (issue 26: 3, 7).
    mod review {
        REVIEW_MODE =
            "审阅模式",
            "Review mode";

        REVIEW_MODE_TEXT =
            "这份自评来自文件，不是在本浏览器中创建的：答案、备注和材料只供查看，按键和点击都不会改\
            动它。需要修改时请点“开始编辑”，本浏览器会记住这个选择。",
            "This assessment came from a file and was not created in this browser: answers, notes \
            and evidence are shown, and no key or click changes them. To change it, choose Start \
            editing; this browser remembers the choice.";

        START_EDITING =
            "开始编辑",
            "Start editing";

        UNDO_REDO =
            "撤销与重做",
            "Undo and redo";

        REDO =
            "重做",
            "Redo";

        UNDO_TITLE =
            "撤销：{what}（Ctrl+Z / ⌘Z）",
            "Undo: {what} (Ctrl+Z / ⌘Z)";

        REDO_TITLE =
            "重做：{what}（Ctrl+Shift+Z / ⌘⇧Z）",
            "Redo: {what} (Ctrl+Shift+Z / ⌘⇧Z)";

        NOTHING_TO_UNDO =
            "本次没有可撤销的修改",
            "Nothing to undo in this session";

        NOTHING_TO_REDO =
            "没有可重做的修改",
            "Nothing to redo";

        UNDONE_TOAST =
            "已撤销：{what}",
            "Undone: {what}";

        REDONE_TOAST =
            "已重做：{what}",
            "Redone: {what}";

        UNDO_STALE_TOAST =
            "没有撤销：{what}之后又在其他标签页或合并中改过，保留了那次修改。",
            "Not undone: {what} changed since (in another tab or a merge), and that change is kept.\
            ";

        REDO_STALE_TOAST =
            "没有重做：{what}之后又在其他标签页或合并中改过，保留了那次修改。",
            "Not redone: {what} changed since (in another tab or a merge), and that change is kept.\
            ";

        UNDO_WHAT_ANSWER =
            "{id} 的答案",
            "the answer to {id}";

        UNDO_WHAT_COMMENT =
            "{id} 的备注",
            "the comment on {id}";

        UNDO_WHAT_NA_REASON =
            "{id} 的不适用原因",
            "the reason {id} does not apply";

        UNDO_WHAT_NOTES =
            "{code} 的问题记录与改进思路",
            "the notes of {code}";

        UNDO_WHAT_EVIDENCE =
            "{code} 的材料",
            "the evidence of {code}";

        UNDO_WHAT_PROJECT =
            "项目信息“{field}”",
            "the project field “{field}”";

        UNDO_WHAT_TARGET =
            "目标级别",
            "the target level";

        UNDO_WHAT_NAME =
            "自评名称",
            "the assessment's name";

        KEY_UNDO =
            "撤销上一处修改（在输入框里撤销其中的输入）",
            "Undo the last change (in a text field, undo typing there)";

        KEY_REDO =
            "重做撤销的修改",
            "Redo what was undone";

        KEYS_IN_REVIEW =
            "审阅模式下答题键（1–4、0、c）和撤销键不起作用，以免误改；点“开始编辑”后才可修改。",
            "In review mode the answer keys (1–4, 0, c) and undo do nothing, so nothing changes by \
            accident; choose Start editing to change the assessment.";

        PORT_DUPLICATE =
            "同一份自评“{name}”提供了 {n} 次：矩阵只列最新的一份（{kept}），跳过了 {skipped}。",
            "The same assessment “{name}” was offered {n} times: the matrix lists only the newest \
            ({kept}) and skipped {skipped}.";

        PORT_DUPLICATE_EARLIER =
            "跳过的较早版本仍可在“进展对比”中选择。",
            "The earlier revisions skipped can still be chosen for progress over time.";

        PORT_SOURCE_STORED =
            "本浏览器",
            "this browser";
    }

    /// The materials check (`assess::materials`): the evidence plan's folder check, the material
    /// code shown as a material, and the lines the exports, the report and the mail summary add
    /// about the last check.
    mod materials {
        MATERIAL_CODE =
            "材料编号",
            "Material code";
        MATERIAL_NAME =
            "{code}-《{title}》",
            "{code} “{title}”";
        MATERIAL_CODE_HINT =
            "材料编号：材料清单中该能力子项某一级别所列的第几份材料（L3-3 是 3 级所列的第 3 份材料\
            ）。写法与要求编号相同，但不是要求编号。",
            "Material code: which material the checklist lists at a level of the sub-item (L3-3 is \
            the third material listed at level 3). It is written like a requirement id but is not \
            one.";
        CHECK_TITLE =
            "检查材料文件夹",
            "Check the materials folder";
        CHECK_HINT =
            "选择存放材料的文件夹：工作簿只读取文件名、路径、大小和日期，不打开、不复制、不上传任何\
            文件。文件名或所在文件夹带材料编号（如 \
            CM-VC-VCS-L3-3-《版本控制系统备份与恢复方案》.docx），或文件名含材料名称，即可对上。",
            "Choose the folder that holds your materials: the workbook reads only names, paths, \
            sizes and dates — it opens, copies and uploads nothing. A file is recognised when its \
            name or its folder carries the material code (e.g. CM-VC-VCS-L3-3-《版本控制系统备份与\
            恢复方案》.docx), or its name contains the material's title.";
        CHOOSE_FOLDER =
            "选择文件夹…",
            "Choose a folder…";
        CHOOSE_AND_REMEMBER =
            "选择并记住文件夹…",
            "Choose and remember a folder…";
        RECHECK =
            "重新检查「{name}」",
            "Check “{name}” again";
        DROP_HINT =
            "也可以把若干文件拖放到这里。",
            "You can also drop files here.";
        CHECKING =
            "正在读取并检查文件夹…",
            "Reading and checking the folder…";
        NO_FILES =
            "没有可检查的文件：文件夹是空的，或只有系统文件。",
            "Nothing to check: the folder is empty or holds only system files.";
        NOT_REMEMBERED =
            "无法记住此文件夹，下次需要重新选择：{detail}",
            "The folder cannot be remembered; choose it again next time: {detail}";
        NO_CHECK =
            "尚未检查材料文件夹。",
            "The materials folder has not been checked yet.";
        FOUND_SUMMARY =
            "目标 {n} 级需要的 {needed} 项材料中找到 {found} 项，缺少 {missing} 项。",
            "{found} of the {needed} materials level {n} needs were found; {missing} missing.";
        CHECKED_FOLDER =
            "检查于 {t}，文件夹「{folder}」，{files} 个文件。",
            "Checked {t}, folder “{folder}”, {files} files.";
        CHECKED_DROPPED =
            "检查于 {t}，所选或拖放的 {files} 个文件。",
            "Checked {t}, {files} files chosen or dropped.";
        NOT_KEPT =
            "另有 {n} 个文件未记入结果（系统文件，或超出数量的未对上文件）。",
            "{n} more files were not kept (system files, or unmatched files beyond the limit).";
        ELSEWHERE =
            "另有 {n} 个文件对应其他级别的材料。",
            "{n} more files serve materials of other levels.";
        ACCEPT =
            "采用结果：{s} 项标为“已就绪”，{l} 项填入位置",
            "Take the result: mark {s} ready, fill {l} locations";
        ACCEPT_HINT =
            "找到文件的材料标为“已就绪”；位置只在尚未填写时填入找到的路径。",
            "Materials with a file found become “ready”; a location is filled with the found paths \
            only where none is written.";
        ACCEPTED =
            "已采用检查结果：{s} 项标为“已就绪”，{l} 项填入位置。",
            "Took the result: {s} marked ready, {l} locations filled.";
        NOTHING_TO_ACCEPT =
            "检查结果已全部采用。",
            "Everything the check found is taken.";
        UNDO_ACCEPT =
            "撤销采用",
            "Undo taking the result";
        UNDONE =
            "已撤销：状态与位置恢复为采用之前。",
            "Undone: statuses and locations are as before.";
        FORGET =
            "清除检查结果",
            "Forget this check";
        CONFIRM_FORGET =
            "清除上次检查的结果？材料条目（状态、位置等）不受影响。",
            "Forget the last check? The evidence entries (status, location, …) stay as they are.";
        LINES_TITLE =
            "目标级别的各项材料（{n}）",
            "Each material of the target level ({n})";
        COL_MATERIAL =
            "材料",
            "Material";
        COL_FILES =
            "找到的文件",
            "Files found";
        MATERIAL_NOT_FOUND =
            "未找到",
            "Not found";
        MORE_FILES =
            "另有 {n} 个文件",
            "{n} more files";
        DOUBT =
            "类型存疑：应为{kind}",
            "Kind in doubt: a {kind} is expected";
        UNMATCHED_TITLE =
            "未对上任何材料的文件（{n}）",
            "Files that match no material ({n})";
        UNMATCHED_HINT =
            "按材料编号或材料名称重命名这些文件，再检查一次。",
            "Rename these files by material code or title, then check again.";
        FILES_FOUND =
            "找到的文件（最近一次检查）",
            "Files found (last check)";
        CODE_NOTE =
            "材料编号 = 能力子项编号-L级别-序号，即该级别材料清单所列的第几份材料；写法与要求编号相\
            同，但不是要求编号。同一材料在几个级别重复出现时沿用首次出现的编号。",
            "Material code = sub-item code-L<level>-<n>: the n-th material the checklist lists at \
            that level; written like a requirement id but not one. A material repeated at several \
            levels keeps the code of its first appearance.";
        CHECK_LINE =
            "材料文件夹检查（{t}）：找到 {found}/{needed} 项。",
            "Materials folder check ({t}): {found} of {needed} found.";
        MISSING_LIST =
            "缺少的材料：{list}",
            "Missing materials: {list}";
        MORE =
            "等 {n} 项",
            "and {n} more";
    }

    /// Models read from spreadsheet forms, the one-language rule, and models travelling
    /// inside documents (issue 21).
    mod form {
        LANGS_BOTH =
            "中文和英文",
            "Chinese and English";
        LANGS_ZH =
            "仅中文",
            "Chinese only";
        LANGS_EN =
            "仅英文",
            "English only";
        LANGS_MIXED =
            "中英文混杂",
            "mixed Chinese and English";
        P_NO_TEXT =
            "中文和英文都没有：至少要有一种语言的文本",
            "neither Chinese nor English: a text needs at least one language";
        E_NOT_SPREADSHEET =
            "这不是表格文件：请选择 .xlsx（Excel、WPS）或 .csv 文件",
            "this is not a spreadsheet: choose an .xlsx (Excel, WPS) or .csv file";
        E_OLD_EXCEL =
            "这是旧版 Excel（.xls）文件或加了密码的工作簿：请在 Excel 或 WPS 中另存为 .xlsx（不设密\
            码）后再选择",
            "this is an old Excel (.xls) file or a password-protected workbook: save it as .xlsx \
            (without a password) in Excel or WPS, then choose it again";
        E_ENCRYPTED =
            "工作簿中的内容加了密码，无法读取：请去掉密码后另存",
            "the workbook's content is encrypted: remove the password and save it again";
        E_DAMAGED =
            "文件已损坏，无法作为 .xlsx 读取（{detail}）",
            "the file is damaged and cannot be read as .xlsx ({detail})";
        E_TOO_LARGE =
            "文件解压后超过 {mb} MB，不像是自评表，未读取",
            "the file would unpack to more than {mb} MB; that is not a self-assessment form, so it \
            was not read";
        E_DOCTYPE =
            "{part} 含有文档类型声明（DOCTYPE），出于安全不读取；Excel 和 WPS 不会写出这种内容",
            "{part} declares a document type (DOCTYPE), which is not read for safety; Excel and \
            WPS never write one";
        E_UNREADABLE =
            "工作表内容 {part} 无法读取（不是有效的 XML）",
            "the sheet part {part} cannot be read (not valid XML)";
        E_NO_SHEETS =
            "工作簿中没有工作表",
            "the workbook holds no sheet";
        E_TOO_MANY_ROWS =
            "工作表“{sheet}”超过 {limit} 行，不像是自评表，未读取",
            "the sheet \"{sheet}\" has more than {limit} rows; that is not a self-assessment form, \
            so it was not read";
        ROLE_IGNORE =
            "不读取",
            "Not read";
        ROLE_ID =
            "编号（子项编码）",
            "ID (sub-item code)";
        ROLE_PART =
            "能力域（不读取）",
            "Part (not read)";
        ROLE_DOMAIN =
            "能力子域",
            "Domain";
        ROLE_CAPABILITY =
            "能力项",
            "Capability";
        ROLE_ITEM =
            "能力子项",
            "Sub-item";
        ROLE_LEVEL_NUMBER =
            "级别（每行一条要求）",
            "Level (one requirement per row)";
        ROLE_REQUIREMENT =
            "要求（每行一条）",
            "Requirement (one per row)";
        ROLE_EXPLANATION =
            "说明",
            "Explanation";
        P_NO_HEADER =
            "找不到表头行：应有一行写明“能力子项”和“1级”至“5级”（或“级别”和“要求”）；也可以在下面为\
            每一列选择内容",
            "no header row found: one row should name the sub-item column and the levels 1 to 5 \
            (or a level and a requirement column); you can also choose each column's content below";
        P_MISSING_COLUMN =
            "缺少“{role}”列",
            "the \"{role}\" column is missing";
        P_TWO_COLUMNS =
            "有两列都是“{role}”：只能有一列",
            "two columns are \"{role}\": there can be only one";
        P_MISSING_LEVEL =
            "缺少 {n} 级的列",
            "the level {n} column is missing";
        P_EMPTY_LEVEL =
            "{n} 级单元格为空",
            "the level {n} cell is empty";
        P_ITEM_WITHOUT_NAME =
            "这一行有级别内容，但没有能力子项名称",
            "this row has level text but no sub-item name";
        P_ITEM_WITHOUT_CAPABILITY =
            "能力子项没有所属的能力项（上方也没有）",
            "a sub-item without a capability (none above either)";
        P_ITEM_WITHOUT_DOMAIN =
            "能力子项没有所属的能力子域（上方也没有）",
            "a sub-item without a domain (none above either)";
        P_DUPLICATE_ITEM =
            "同一能力项下有两个能力子项都叫“{name}”（第一个在 {first}）",
            "two sub-items named \"{name}\" under one capability (the first at {first})";
        P_SAME_AT_2 =
            "2 级不能写“同上”：1 级是起点，不作答",
            "level 2 cannot say \"same as above\": level 1 is the starting point and is not \
            answered";
        P_SAME_AS_OTHER =
            "“同{n}级”只能指低一级：请写出要求，或写“同上”",
            "\"same as level {n}\" may only name the level below: write the requirements, or \
            \"same as above\"";
        P_BAD_LEVEL =
            "级别“{found}”无法识别，应为 1 至 5",
            "level \"{found}\" is not recognised; expected 1 to 5";
        P_LEVEL_WITHOUT_ROWS =
            "此能力子项没有 {n} 级的行",
            "this sub-item has no row for level {n}";
        P_NO_ITEMS =
            "表头行下面没有能力子项：每个能力子项占一行（长表为每条要求占一行）；也可以在下面为每一\
            列选择内容",
            "no sub-items under the header row: each sub-item takes a row (each requirement in the \
            long layout); you can also choose each column's content below";
        P_CELL_CUT =
            "单元格超过 {limit} 个字符，超出部分未读取",
            "the cell is longer than {limit} characters; the rest was not read";
        P_ID_NOT_USED =
            "编号列未采用（“{value}”不能用作编码，或重复）：编码按位置生成",
            "the ID column is not used (\"{value}\" cannot be a code, or is used twice): codes \
            come from positions";
        FORM_SOURCE =
            "读自表格“{file}”（工作表“{sheet}”），{date}",
            "Read from the spreadsheet \"{file}\" (sheet \"{sheet}\"), {date}";
        LEVEL_1 =
            "初始级",
            "Initial";
        LEVEL_2 =
            "基础级",
            "Foundation";
        LEVEL_3 =
            "全面级",
            "Comprehensive";
        LEVEL_4 =
            "优秀级",
            "Excellent";
        LEVEL_5 =
            "卓越级",
            "Outstanding";
        I_BRINGS_MODEL =
            "此文件带来了它的模型“{title}”（版本 {version}），本浏览器尚无此模型：导入或打开后会加\
            入“模型”页面，并与已有的其他版本并存",
            "this file brought its model \"{title}\" (version {version}), which this browser does \
            not have: importing or opening it adds the model to the Models page, next to any other \
            version already here";
        I_CARRIED_NOT_USED =
            "此文件带来了它的模型 {key}，但本浏览器已有同一版本号、内容不同的模型：使用本浏览器中的\
            那一份，带来的不加入",
            "this file carries its model {key}, but this browser already has another text under \
            the same version: the one here is used, the carried one is not added";
        I_CARRIED_INVALID =
            "此文件带来的模型不是有效的模型文件（{path}：{detail}），未使用",
            "the model this file carries is not a valid model file ({path}: {detail}); it is not \
            used";
        I_CARRIED_MISMATCH =
            "此文件带来的模型是 {carried}，但文件写明的模型是 {named}：文件可能已损坏",
            "this file carries the model {carried}, but names the model {named}: the file may be \
            damaged";
        MODEL_ARRIVED =
            "此文件带来的模型“{title}”（版本 {version}）已加入本浏览器的“模型”页面。",
            "The model this file brought, \"{title}\" (version {version}), is now on this browser'\
            s Models page.";
        FORM_SHEET =
            "自评表",
            "Form";
        FORM_NOTE =
            "模型 {id}，版本 {version}。可在 Excel 或 WPS 中修改文字，再在“模型”页面从表格读回为新\
            版本；请保留编号列和单元格开头的编码，答案按要求编号带入。",
            "Model {id}, version {version}. Correct the wording in Excel or WPS, then read the \
            form back on the Models page as a new version; keep the ID column and the codes at the \
            start of cells, so answers carry over by requirement id.";
        FORM_CODE =
            "编号",
            "ID";
        FORM_LEVEL_HEADER =
            "{n}级 {name}",
            "Level {n} {name}";
        FORM_EXPLANATION =
            "说明：{text}",
            "Note: {text}";
        MODELS_INTRO =
            "内置模型是持续交付部分。系列的其他部分（如敏捷开发管理、技术运营、持续测试）可以从你手\
            上的该部分自评表读入，也可以加载别人发来的模型文件。自评保存为工作簿文件或导出 JSON 时\
            会带上它的模型，对方无需另外加载。",
            "The built-in model is Continuous Delivery. Another part of the series (Agile \
            Development Management, Technical Operations, Continuous Testing…) can be read from \
            your copy of its self-assessment form, or loaded from a model file someone sent you. A \
            workbook document or JSON export carries its model, so whoever receives it needs \
            nothing else.";
        MODEL_LANGS =
            "语言",
            "Languages";
        MODEL_VERSION_VALUE =
            "版本 {version}",
            "version {version}";
        MODEL_VERSION_HINT =
            "模型文字的版本：同一模型的不同版本可以并存，自评的答案按要求编号带入新版本。",
            "The version of the model's text: versions of one model can be kept side by side, and \
            answers carry over to a new version by requirement id.";
        MODEL_DETAILS =
            "模型编号 {id} · 内容指纹 {sha}",
            "model id {id} · fingerprint {sha}";
        MODEL_DOWNLOAD =
            "模型文件",
            "Model file";
        MODEL_DOWNLOAD_HINT =
            "下载模型文件（JSON），可在另一个工作簿的“模型”页面加载",
            "Download the model file (JSON), to load on another workbook's Models page";
        MODEL_DOWNLOAD_FORM =
            "表格",
            "Form";
        MODEL_DOWNLOAD_FORM_HINT =
            "下载信通院自评表格式的 Excel 表格（.xlsx，含编号列）：在 Excel 或 WPS 中修改文字后，可\
            以在这里读回为新版本",
            "Download the form in CAICT's layout as Excel (.xlsx, with an ID column): correct the \
            wording in Excel or WPS, then read it back here as a new version";
        FORM_READ_TITLE =
            "从表格读入模型",
            "Read a model from a form";
        FORM_READ_INTRO =
            "选择该部分的自评表：.xlsx（Excel、WPS），或 .csv（UTF-8 或 GBK）。表头一行写明能力子域\
            、能力项、能力子项和 1级至5级；每个能力子项一行，每级一列，合并或空白的能力子域、能力项\
            单元格沿用上方的值。级别单元格中的 1)、1.、(1)、① 等编号分开各条要求，“说明：”开始前一\
            条要求的说明，“同上”表示与低一级相同。也可以每条要求一行（能力子项、级别、要求）。只有\
            中文或只有英文都可以。确认之前不保存任何内容。",
            "Choose the part's self-assessment form: .xlsx (Excel, WPS) or .csv (UTF-8 or GBK). \
            One header row names the domain, capability and sub-item columns and levels 1 to 5; \
            one row per sub-item, one column per level; merged or blank domain and capability \
            cells take the value above. In a level cell, numbers such as 1), 1., (1) or ① separate \
            the requirements, \"Note:\" (说明：) explains the one before, \"same as above\" (同上) \
            means the same as the level below. One row per requirement (sub-item, level, \
            requirement) works too. Chinese only or English only is fine. Nothing is stored until \
            you confirm.";
        FORM_CHOOSE =
            "选择 .xlsx 或 .csv 文件",
            "Choose an .xlsx or .csv file";
        FORM_READING =
            "正在读取 {file}…",
            "Reading {file}…";
        FORM_CANNOT_READ =
            "无法读取 {file}：{reason}",
            "{file} cannot be read: {reason}";
        FORM_NO_GB18030 =
            "此浏览器不能解码 GBK/GB18030 编码的文件：请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx\
            ",
            "this browser cannot decode GBK/GB18030 text: save the file as \"CSV UTF-8\" or .xlsx \
            in Excel or WPS";
        FORM_PREVIEW_TITLE =
            "预览：{file}",
            "Preview: {file}";
        FORM_COUNTS =
            "{d} 个能力子域、{c} 个能力项、{i} 个能力子项、{r} 条要求",
            "{d} domains, {c} capabilities, {i} sub-items, {r} requirements";
        FORM_LANG_LAYOUT =
            "语言：{langs}；版式：{layout}",
            "Language: {langs}; layout: {layout}";
        FORM_LAYOUT_CAICT =
            "信通院自评表（每个能力子项一行）",
            "CAICT form (one row per sub-item)";
        FORM_LAYOUT_LONG =
            "每条要求一行",
            "one row per requirement";
        FORM_PROBLEMS =
            "发现 {e} 个问题、{w} 个提示。改正表格后重新选择文件，或调整下面各列的内容：",
            "{e} problems and {w} notes found. Correct the form and choose it again, or change \
            what the columns hold below:";
        FORM_NO_PROBLEMS =
            "没有发现问题。",
            "No problems found.";
        FORM_NOTE_MARK =
            "提示",
            "Note";
        FORM_COLUMNS =
            "各列内容",
            "What each column holds";
        FORM_COLUMN =
            "列",
            "Column";
        FORM_HEADER =
            "表头",
            "Header";
        FORM_ROLE =
            "内容",
            "Holds";
        FORM_FIELDS =
            "模型名称、编号和版本",
            "Model title, id and version";
        FORM_TITLE_LABEL =
            "模型名称",
            "Model title";
        FORM_ID_LABEL =
            "模型编号（字母、数字、-、_、.）",
            "Model id (letters, digits, - _ .)";
        FORM_VERSION_LABEL =
            "版本",
            "Version";
        FORM_FIRST_ITEMS =
            "前 {n} 个能力子项（读入后的样子）",
            "The first {n} sub-items, as they will appear";
        FORM_LOAD =
            "读入为模型",
            "Load as a model";
        FORM_LOADED =
            "已读入模型“{title}”（{version}）。新建自评时可以选择它。",
            "The model \"{title}\" ({version}) is loaded. Choose it when you start a new \
            assessment.";
    }
}

/// Replaces `{name}` placeholders in a template in one pass: a value that itself contains
/// `{...}` is copied as it is, and a placeholder without a value stays visible.
fn fill_with(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => {
                        let _ = write!(out, "{v}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
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
    fn placeholders_are_filled_in_one_pass() {
        assert_eq!(LEVEL_N.fmt(Lang::Zh, &[("n", &3)]), "3 级");
        assert_eq!(LEVEL_N.fmt(Lang::En, &[("n", &3)]), "Level 3");
        assert_eq!(fill_with("{a}{a}{b}", &[("a", &"x"), ("b", &"y")]), "xxy");
        // A value is never read as a placeholder, and a missing one stays visible.
        assert_eq!(fill_with("{a} {b}", &[("a", &"{b}"), ("b", &"B")]), "{b} B");
        assert_eq!(fill_with("{a} {zz} {", &[("a", &1)]), "1 {zz} {");
    }
}
