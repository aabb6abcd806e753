//! The messages of the materials check (`assess::materials`): the evidence plan's folder
//! check, the material code shown as a material, and the lines the exports, the report and the
//! mail summary add about the last check.

use super::T;

texts! {
    MATERIAL_CODE = "材料编号", "Material code";
    MATERIAL_NAME = "{code}-《{title}》", "{code} “{title}”";
    MATERIAL_CODE_HINT = "材料编号：材料清单中该能力子项某一级别所列的第几份材料（L3-3 是 3 级所列的第 3 份材料）。写法与要求编号相同，但不是要求编号。", "Material code: which material the checklist lists at a level of the sub-item (L3-3 is the third material listed at level 3). It is written like a requirement id but is not one.";
    CHECK_TITLE = "检查材料文件夹", "Check the materials folder";
    CHECK_HINT = "选择存放材料的文件夹：工作簿只读取文件名、路径、大小和日期，不打开、不复制、不上传任何文件。文件名或所在文件夹带材料编号（如 CM-VC-VCS-L3-3-《版本控制系统备份与恢复方案》.docx），或文件名含材料名称，即可对上。", "Choose the folder that holds your materials: the workbook reads only names, paths, sizes and dates — it opens, copies and uploads nothing. A file is recognised when its name or its folder carries the material code (e.g. CM-VC-VCS-L3-3-《版本控制系统备份与恢复方案》.docx), or its name contains the material's title.";
    CHOOSE_FOLDER = "选择文件夹…", "Choose a folder…";
    CHOOSE_AND_REMEMBER = "选择并记住文件夹…", "Choose and remember a folder…";
    RECHECK = "重新检查「{name}」", "Check “{name}” again";
    DROP_HINT = "也可以把若干文件拖放到这里。", "You can also drop files here.";
    CHECKING = "正在读取并检查文件夹…", "Reading and checking the folder…";
    NO_FILES = "没有可检查的文件：文件夹是空的，或只有系统文件。", "Nothing to check: the folder is empty or holds only system files.";
    NOT_REMEMBERED = "无法记住此文件夹，下次需要重新选择：{detail}", "The folder cannot be remembered; choose it again next time: {detail}";
    NO_CHECK = "尚未检查材料文件夹。", "The materials folder has not been checked yet.";
    FOUND_SUMMARY = "目标 {n} 级需要的 {needed} 项材料中找到 {found} 项，缺少 {missing} 项。", "{found} of the {needed} materials level {n} needs were found; {missing} missing.";
    CHECKED_FOLDER = "检查于 {t}，文件夹「{folder}」，{files} 个文件。", "Checked {t}, folder “{folder}”, {files} files.";
    CHECKED_DROPPED = "检查于 {t}，所选或拖放的 {files} 个文件。", "Checked {t}, {files} files chosen or dropped.";
    NOT_KEPT = "另有 {n} 个文件未记入结果（系统文件，或超出数量的未对上文件）。", "{n} more files were not kept (system files, or unmatched files beyond the limit).";
    ELSEWHERE = "另有 {n} 个文件对应其他级别的材料。", "{n} more files serve materials of other levels.";
    ACCEPT = "采用结果：{s} 项标为“已就绪”，{l} 项填入位置", "Take the result: mark {s} ready, fill {l} locations";
    ACCEPT_HINT = "找到文件的材料标为“已就绪”；位置只在尚未填写时填入找到的路径。", "Materials with a file found become “ready”; a location is filled with the found paths only where none is written.";
    ACCEPTED = "已采用检查结果：{s} 项标为“已就绪”，{l} 项填入位置。", "Took the result: {s} marked ready, {l} locations filled.";
    NOTHING_TO_ACCEPT = "检查结果已全部采用。", "Everything the check found is taken.";
    UNDO_ACCEPT = "撤销采用", "Undo taking the result";
    UNDONE = "已撤销：状态与位置恢复为采用之前。", "Undone: statuses and locations are as before.";
    FORGET = "清除检查结果", "Forget this check";
    CONFIRM_FORGET = "清除上次检查的结果？材料条目（状态、位置等）不受影响。", "Forget the last check? The evidence entries (status, location, …) stay as they are.";
    LINES_TITLE = "目标级别的各项材料（{n}）", "Each material of the target level ({n})";
    COL_MATERIAL = "材料", "Material";
    COL_FILES = "找到的文件", "Files found";
    NOT_FOUND = "未找到", "Not found";
    MORE_FILES = "另有 {n} 个文件", "{n} more files";
    DOUBT = "类型存疑：应为{kind}", "Kind in doubt: a {kind} is expected";
    UNMATCHED_TITLE = "未对上任何材料的文件（{n}）", "Files that match no material ({n})";
    UNMATCHED_HINT = "按材料编号或材料名称重命名这些文件，再检查一次。", "Rename these files by material code or title, then check again.";
    FILES_FOUND = "找到的文件（最近一次检查）", "Files found (last check)";
    CODE_NOTE = "材料编号 = 能力子项编号-L级别-序号，即该级别材料清单所列的第几份材料；写法与要求编号相同，但不是要求编号。同一材料在几个级别重复出现时沿用首次出现的编号。", "Material code = sub-item code-L<level>-<n>: the n-th material the checklist lists at that level; written like a requirement id but not one. A material repeated at several levels keeps the code of its first appearance.";
    CHECK_LINE = "材料文件夹检查（{t}）：找到 {found}/{needed} 项。", "Materials folder check ({t}): {found} of {needed} found.";
    MISSING_LIST = "缺少的材料：{list}", "Missing materials: {list}";
    MORE = "等 {n} 项", "and {n} more";
}
