//! The spreadsheet form the form tests read, shared by the end-to-end tests (`forms.rs`) and the
//! real-old-browser tests (`tests/old_browsers`): a Chinese-only agile form, as Excel writes it
//! (.xlsx, merged cells) and as a CSV saved from it (UTF-8 or GB18030, blank cells under merged
//! ones). Read, it is a model of 2 domains, 3 capabilities, 4 sub-items and 19 requirements.

use maturity_core::formats::xlsx::{Cell, Range, Sheet, Style, XlsxBook};

/// The agile form: title and note rows, the part, domains and capabilities merged down, every
/// kind of level cell (numbered requirements, a 说明, 同上).
pub fn agile_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["研发运营一体化能力成熟度模型 第2部分：敏捷开发管理"],
        vec!["填表说明：每个能力子项填写自评结果"],
        vec![
            "能力域",
            "能力子域",
            "能力项",
            "能力子项",
            "1级",
            "2级",
            "3级",
            "4级",
            "5级",
            "自评结果",
        ],
        vec![
            "敏捷开发管理",
            "价值交付管理",
            "需求管理",
            "需求收集\n说明：从各渠道收集需求",
            "无",
            "1) 有需求收集渠道\n2) 需求有记录",
            "1）需求统一管理\n2）需求有优先级",
            "(1) 需求价值可度量\n说明：以业务指标衡量\n(2) 需求全程可追溯",
            "同上",
            "",
        ],
        vec![
            "",
            "",
            "",
            "需求分析",
            "需求分析零散",
            "1. 有分析方法",
            "1、分析方法统一\n2、分析结果评审",
            "①分析自动化\n②分析数据驱动",
            "同4级",
            "",
        ],
        vec![
            "",
            "",
            "迭代管理",
            "迭代计划",
            "无固定迭代",
            "（1）有迭代计划；（2）迭代周期固定",
            "团队按迭代交付",
            "迭代度量驱动改进",
            "组织级迭代治理",
            "",
        ],
        vec![
            "",
            "敏捷组织",
            "团队结构",
            "跨职能团队",
            "职能分割",
            "1) 团队含开发和测试",
            "1) 团队含运维",
            "1) 团队自组织",
            "同上一级",
            "",
        ],
    ]
}

/// The form as Excel writes it: shared strings, merged ranges, deflated parts.
pub fn agile_xlsx(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut sheet = Sheet::new("自评表");
    for row in rows {
        sheet.push(
            row.iter()
                .map(|t| {
                    if t.is_empty() {
                        Cell::blank(Style::Text)
                    } else {
                        Cell::text(*t, Style::Text)
                    }
                })
                .collect(),
        );
    }
    for (r1, c, r2) in [(3, 0, 6), (3, 1, 5), (3, 2, 4)] {
        sheet.merge(Range::new(r1, c, r2, c));
    }
    let book = XlsxBook {
        title: "form".into(),
        created: "2026-12-04".into(),
        sheets: vec![sheet],
    };
    let mut package = book.package();
    for part in &mut package.parts {
        part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 6));
    }
    package.to_zip()
}

/// The form saved as CSV: what a merged range covers is blank below its first cell, every row
/// as wide as the header (as Excel pads them), lines ended by CRLF.
#[allow(dead_code)] // the end-to-end tests read the .xlsx only
pub fn agile_csv(rows: &[Vec<&str>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    rows.iter()
        .map(|r| {
            let mut fields: Vec<String> = r.iter().map(|t| t.to_string()).collect();
            fields.resize(width, String::new());
            maturity_core::formats::csv::line(&fields)
        })
        .collect()
}
