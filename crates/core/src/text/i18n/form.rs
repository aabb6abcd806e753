//! The messages of models read from spreadsheet forms, of the one-language rule and of models
//! travelling inside documents (issue 21): one group, so the catalogue's layout can change
//! around it.

use super::T;

texts! {
    LANGS_BOTH = "中文和英文", "Chinese and English";
    LANGS_ZH = "仅中文", "Chinese only";
    LANGS_EN = "仅英文", "English only";
    LANGS_MIXED = "中英文混杂", "mixed Chinese and English";
    P_NO_TEXT = "中文和英文都没有：至少要有一种语言的文本", "neither Chinese nor English: a text needs at least one language";

    E_NOT_SPREADSHEET = "这不是表格文件：请选择 .xlsx（Excel、WPS）或 .csv 文件", "this is not a spreadsheet: choose an .xlsx (Excel, WPS) or .csv file";
    E_OLD_EXCEL = "这是旧版 Excel（.xls）文件或加了密码的工作簿：请在 Excel 或 WPS 中另存为 .xlsx（不设密码）后再选择", "this is an old Excel (.xls) file or a password-protected workbook: save it as .xlsx (without a password) in Excel or WPS, then choose it again";
    E_ENCRYPTED = "工作簿中的内容加了密码，无法读取：请去掉密码后另存", "the workbook's content is encrypted: remove the password and save it again";
    E_DAMAGED = "文件已损坏，无法作为 .xlsx 读取（{detail}）", "the file is damaged and cannot be read as .xlsx ({detail})";
    E_TOO_LARGE = "文件解压后超过 {mb} MB，不像是自评表，未读取", "the file would unpack to more than {mb} MB; that is not a self-assessment form, so it was not read";
    E_DOCTYPE = "{part} 含有文档类型声明（DOCTYPE），出于安全不读取；Excel 和 WPS 不会写出这种内容", "{part} declares a document type (DOCTYPE), which is not read for safety; Excel and WPS never write one";
    E_UNREADABLE = "工作表内容 {part} 无法读取（不是有效的 XML）", "the sheet part {part} cannot be read (not valid XML)";
    E_NO_SHEETS = "工作簿中没有工作表", "the workbook holds no sheet";
    E_TOO_MANY_ROWS = "工作表“{sheet}”超过 {limit} 行，不像是自评表，未读取", "the sheet \"{sheet}\" has more than {limit} rows; that is not a self-assessment form, so it was not read";

    ROLE_IGNORE = "不读取", "Not read";
    ROLE_ID = "编号（子项编码）", "ID (sub-item code)";
    ROLE_PART = "能力域（不读取）", "Part (not read)";
    ROLE_DOMAIN = "能力子域", "Domain";
    ROLE_CAPABILITY = "能力项", "Capability";
    ROLE_ITEM = "能力子项", "Sub-item";
    ROLE_LEVEL_NUMBER = "级别（每行一条要求）", "Level (one requirement per row)";
    ROLE_REQUIREMENT = "要求（每行一条）", "Requirement (one per row)";
    ROLE_EXPLANATION = "说明", "Explanation";

    P_NO_HEADER = "找不到表头行：应有一行写明“能力子项”和“1级”至“5级”（或“级别”和“要求”）；也可以在下面为每一列选择内容", "no header row found: one row should name the sub-item column and the levels 1 to 5 (or a level and a requirement column); you can also choose each column's content below";
    P_MISSING_COLUMN = "缺少“{role}”列", "the \"{role}\" column is missing";
    P_TWO_COLUMNS = "有两列都是“{role}”：只能有一列", "two columns are \"{role}\": there can be only one";
    P_MISSING_LEVEL = "缺少 {n} 级的列", "the level {n} column is missing";
    P_EMPTY_LEVEL = "{n} 级单元格为空", "the level {n} cell is empty";
    P_ITEM_WITHOUT_NAME = "这一行有级别内容，但没有能力子项名称", "this row has level text but no sub-item name";
    P_ITEM_WITHOUT_CAPABILITY = "能力子项没有所属的能力项（上方也没有）", "a sub-item without a capability (none above either)";
    P_ITEM_WITHOUT_DOMAIN = "能力子项没有所属的能力子域（上方也没有）", "a sub-item without a domain (none above either)";
    P_DUPLICATE_ITEM = "同一能力项下有两个能力子项都叫“{name}”（第一个在 {first}）", "two sub-items named \"{name}\" under one capability (the first at {first})";
    P_SAME_AT_2 = "2 级不能写“同上”：1 级是起点，不作答", "level 2 cannot say \"same as above\": level 1 is the starting point and is not answered";
    P_SAME_AS_OTHER = "“同{n}级”只能指低一级：请写出要求，或写“同上”", "\"same as level {n}\" may only name the level below: write the requirements, or \"same as above\"";
    P_BAD_LEVEL = "级别“{found}”无法识别，应为 1 至 5", "level \"{found}\" is not recognised; expected 1 to 5";
    P_LEVEL_WITHOUT_ROWS = "此能力子项没有 {n} 级的行", "this sub-item has no row for level {n}";
    P_CELL_CUT = "单元格超过 {limit} 个字符，超出部分未读取", "the cell is longer than {limit} characters; the rest was not read";
    P_ID_NOT_USED = "编号列未采用（“{value}”不能用作编码，或重复）：编码按位置生成", "the ID column is not used (\"{value}\" cannot be a code, or is used twice): codes come from positions";

    FORM_SOURCE = "读自表格“{file}”（工作表“{sheet}”），{date}", "Read from the spreadsheet \"{file}\" (sheet \"{sheet}\"), {date}";
    LEVEL_1 = "初始级", "Initial";
    LEVEL_2 = "基础级", "Foundation";
    LEVEL_3 = "全面级", "Comprehensive";
    LEVEL_4 = "优秀级", "Excellent";
    LEVEL_5 = "卓越级", "Outstanding";

    I_BRINGS_MODEL = "此文件带来了它的模型“{title}”（版本 {version}），本浏览器尚无此模型：导入或打开后会加入“模型”页面，并与已有的其他版本并存", "this file brought its model \"{title}\" (version {version}), which this browser does not have: importing or opening it adds the model to the Models page, next to any other version already here";
    I_CARRIED_NOT_USED = "此文件带来了它的模型 {key}，但本浏览器已有同一版本号、内容不同的模型：使用本浏览器中的那一份，带来的不加入", "this file carries its model {key}, but this browser already has another text under the same version: the one here is used, the carried one is not added";
    I_CARRIED_INVALID = "此文件带来的模型不是有效的模型文件（{path}：{detail}），未使用", "the model this file carries is not a valid model file ({path}: {detail}); it is not used";
    I_CARRIED_MISMATCH = "此文件带来的模型是 {carried}，但文件写明的模型是 {named}：文件可能已损坏", "this file carries the model {carried}, but names the model {named}: the file may be damaged";

    MODEL_ARRIVED = "此文件带来的模型“{title}”（版本 {version}）已加入本浏览器的“模型”页面。", "The model this file brought, \"{title}\" (version {version}), is now on this browser's Models page.";

    FORM_SHEET = "自评表", "Form";
    FORM_NOTE = "模型 {id}，版本 {version}。可在 Excel 或 WPS 中修改文字，再在“模型”页面从表格读回为新版本；请保留编号列和单元格开头的编码，答案按要求编号带入。", "Model {id}, version {version}. Correct the wording in Excel or WPS, then read the form back on the Models page as a new version; keep the ID column and the codes at the start of cells, so answers carry over by requirement id.";
    FORM_CODE = "编号", "ID";
    FORM_LEVEL_HEADER = "{n}级 {name}", "Level {n} {name}";
    FORM_EXPLANATION = "说明：{text}", "Note: {text}";

    MODELS_INTRO = "内置模型是持续交付部分。系列的其他部分（如敏捷开发管理、技术运营、持续测试）可以从你手上的该部分自评表读入，也可以加载别人发来的模型文件。自评保存为工作簿文件或导出 JSON 时会带上它的模型，对方无需另外加载。", "The built-in model is Continuous Delivery. Another part of the series (Agile Development Management, Technical Operations, Continuous Testing…) can be read from your copy of its self-assessment form, or loaded from a model file someone sent you. A workbook document or JSON export carries its model, so whoever receives it needs nothing else.";
    MODEL_LANGS = "语言", "Languages";
    MODEL_VERSION_VALUE = "版本 {version}", "version {version}";
    MODEL_VERSION_HINT = "模型文字的版本：同一模型的不同版本可以并存，自评的答案按要求编号带入新版本。", "The version of the model's text: versions of one model can be kept side by side, and answers carry over to a new version by requirement id.";
    MODEL_DETAILS = "模型编号 {id} · 内容指纹 {sha}", "model id {id} · fingerprint {sha}";
    MODEL_DOWNLOAD = "模型文件", "Model file";
    MODEL_DOWNLOAD_HINT = "下载模型文件（JSON），可在另一个工作簿的“模型”页面加载", "Download the model file (JSON), to load on another workbook's Models page";
    MODEL_DOWNLOAD_FORM = "表格", "Form";
    MODEL_DOWNLOAD_FORM_HINT = "下载信通院自评表格式的 Excel 表格（.xlsx，含编号列）：在 Excel 或 WPS 中修改文字后，可以在这里读回为新版本", "Download the form in CAICT's layout as Excel (.xlsx, with an ID column): correct the wording in Excel or WPS, then read it back here as a new version";
    FORM_READ_TITLE = "从表格读入模型", "Read a model from a form";
    FORM_READ_INTRO = "选择该部分的自评表：.xlsx（Excel、WPS），或 .csv（UTF-8 或 GBK）。表头一行写明能力子域、能力项、能力子项和 1级至5级；每个能力子项一行，每级一列，合并或空白的能力子域、能力项单元格沿用上方的值。级别单元格中的 1)、1.、(1)、① 等编号分开各条要求，“说明：”开始前一条要求的说明，“同上”表示与低一级相同。也可以每条要求一行（能力子项、级别、要求）。只有中文或只有英文都可以。确认之前不保存任何内容。", "Choose the part's self-assessment form: .xlsx (Excel, WPS) or .csv (UTF-8 or GBK). One header row names the domain, capability and sub-item columns and levels 1 to 5; one row per sub-item, one column per level; merged or blank domain and capability cells take the value above. In a level cell, numbers such as 1), 1., (1) or ① separate the requirements, \"Note:\" (说明：) explains the one before, \"same as above\" (同上) means the same as the level below. One row per requirement (sub-item, level, requirement) works too. Chinese only or English only is fine. Nothing is stored until you confirm.";
    FORM_CHOOSE = "选择 .xlsx 或 .csv 文件", "Choose an .xlsx or .csv file";
    FORM_READING = "正在读取 {file}…", "Reading {file}…";
    FORM_CANNOT_READ = "无法读取 {file}：{reason}", "{file} cannot be read: {reason}";
    FORM_NO_GB18030 = "此浏览器不能解码 GBK/GB18030 编码的文件：请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx", "this browser cannot decode GBK/GB18030 text: save the file as \"CSV UTF-8\" or .xlsx in Excel or WPS";
    FORM_PREVIEW_TITLE = "预览：{file}", "Preview: {file}";
    FORM_SHEET_LABEL = "工作表", "Sheet";
    FORM_COUNTS = "{d} 个能力子域、{c} 个能力项、{i} 个能力子项、{r} 条要求", "{d} domains, {c} capabilities, {i} sub-items, {r} requirements";
    FORM_LANG_LAYOUT = "语言：{langs}；版式：{layout}", "Language: {langs}; layout: {layout}";
    FORM_LAYOUT_CAICT = "信通院自评表（每个能力子项一行）", "CAICT form (one row per sub-item)";
    FORM_LAYOUT_LONG = "每条要求一行", "one row per requirement";
    FORM_PROBLEMS = "发现 {e} 个问题、{w} 个提示。改正表格后重新选择文件，或调整下面各列的内容：", "{e} problems and {w} notes found. Correct the form and choose it again, or change what the columns hold below:";
    FORM_NO_PROBLEMS = "没有发现问题。", "No problems found.";
    FORM_NOTE_MARK = "提示", "Note";
    FORM_COLUMNS = "各列内容", "What each column holds";
    FORM_COLUMN = "列", "Column";
    FORM_HEADER = "表头", "Header";
    FORM_ROLE = "内容", "Holds";
    FORM_FIELDS = "模型名称、编号和版本", "Model title, id and version";
    FORM_TITLE_LABEL = "模型名称", "Model title";
    FORM_ID_LABEL = "模型编号（字母、数字、-、_、.）", "Model id (letters, digits, - _ .)";
    FORM_VERSION_LABEL = "版本", "Version";
    FORM_FIRST_ITEMS = "前 {n} 个能力子项（读入后的样子）", "The first {n} sub-items, as they will appear";
    FORM_LOAD = "读入为模型", "Load as a model";
    FORM_LOADED = "已读入模型“{title}”（{version}）。新建自评时可以选择它。", "The model \"{title}\" ({version}) is loaded. Choose it when you start a new assessment.";
}
