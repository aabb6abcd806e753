//! Models read from spreadsheet forms: forms built here (as .xlsx with shared strings and merged
//! cells, as the writer of the workbook and Excel write them, and as CSV in UTF-8, UTF-8 with a
//! BOM and GB18030), every problem with its cell, the CD model's round trip through its form,
//! hostile files, and a fuzz loop over mutated files.

use std::time::{Duration, Instant};

use maturity_core::formats::xlsx::{Cell, Range, Sheet, Style, XlsxBook};
use maturity_core::formats::zip::{self, Part};
use maturity_core::model::form::write::{form_book, form_csv};
use maturity_core::model::form::{
    self, csv, finish, open, read, Choice, FormError, FormProblemKind as K, FormRead, Grid, Layout,
    Opened, Role,
};
use maturity_core::model::validate::load_model;
use maturity_core::model::{LoadedModel, EMBEDDED_MODEL};
use maturity_core::text::{Lang, Text};

// ----- Building forms -----

fn inflate(_: &str, raw: &[u8], size: usize) -> Result<Vec<u8>, String> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(raw, size).map_err(|e| format!("{e:?}"))
}

/// An .xlsx of rows (each cell a text; "" is empty) and merged ranges (`B4:B6`), its parts
/// deflated as the page does.
#[allow(clippy::type_complexity)]
pub(crate) fn xlsx(sheets: &[(&str, Vec<Vec<String>>, Vec<&str>)]) -> Vec<u8> {
    let mut book = XlsxBook {
        title: "t".into(),
        created: "2026-12-04".into(),
        sheets: Vec::new(),
    };
    for (name, rows, merges) in sheets {
        let mut sheet = Sheet::new(*name);
        for row in rows {
            sheet.push(
                row.iter()
                    .map(|t| {
                        if t.is_empty() {
                            Cell::blank(Style::Text)
                        } else {
                            Cell::text(t.clone(), Style::Text)
                        }
                    })
                    .collect(),
            );
        }
        for m in merges {
            let r = form::sheet::parse_range(m).unwrap();
            sheet.merge(Range::new(r.first_row, r.first_col, r.last_row, r.last_col));
        }
        book.sheets.push(sheet);
    }
    let mut package = book.package();
    for part in &mut package.parts {
        part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 6));
    }
    package.to_zip()
}

pub(crate) fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect()
}

fn sheets(bytes: &[u8], name: &str) -> Vec<Grid> {
    match open(bytes, name, &mut inflate) {
        Ok(Opened::Sheets(g)) => g,
        Ok(Opened::NeedsGb18030) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            assert!(!bad, "GB18030 decodes");
            vec![csv::grid(&text, form::stem(name)).unwrap()]
        }
        Err(e) => panic!("{name}: {e:?}"),
    }
}

fn read_file(bytes: &[u8], name: &str) -> FormRead {
    read(&sheets(bytes, name), &Choice::default(), name, "2026-12-04")
}

/// The model of a read form, checked like a loaded model file.
fn load(r: &FormRead, id: &str) -> LoadedModel {
    let text = finish(r, "", id, "1");
    load_model(&text).unwrap_or_else(|p| panic!("the form's model is valid: {p:#?}"))
}

fn problems(r: &FormRead) -> Vec<(String, K)> {
    r.problems
        .iter()
        .map(|p| (p.cell.clone(), p.kind.clone()))
        .collect()
}

/// A Chinese form in CAICT's layout: a title and a note above the header, the part and the
/// domains and capabilities merged down their rows, every numbering marker, continuation lines,
/// 说明 in a sub-item's cell and in level cells, 同上 and 同4级.
pub(crate) fn chinese_rows() -> Vec<Vec<String>> {
    rows(&[
        &["研发运营一体化能力成熟度模型 第2部分：敏捷开发管理 自评表"],
        &["填表说明：每个能力子项填写自评结果"],
        &[
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
            "备注",
        ],
        &[
            "敏捷开发管理",
            "价值交付管理",
            "需求管理",
            "需求收集\n说明：从各渠道收集需求",
            "无",
            "1) 有需求收集渠道\n2) 需求有记录",
            "1）需求统一管理\n2）需求有优先级",
            "(1) 需求价值可度量\n说明：以业务指标衡量\n(2) 需求全程可追溯",
            "同上",
            "3",
            "",
        ],
        &[
            "",
            "",
            "",
            "需求分析",
            "需求分析零散",
            "1. 有分析方法",
            "1、分析方法统一，包括：\n用户故事\n验收条件\n2、分析结果评审",
            "①分析自动化\n②分析数据驱动",
            "同4级",
            "",
            "",
        ],
        &[
            "",
            "",
            "迭代管理",
            "迭代计划",
            "无固定迭代",
            "（1）有迭代计划；（2）迭代周期固定",
            "团队按迭代交付",
            "迭代度量驱动改进\n说明：度量数据来自工具",
            "组织级迭代治理",
            "",
            "",
        ],
        &[
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
            "",
        ],
    ])
}

pub(crate) const CHINESE_MERGES: [&str; 3] = ["A4:A7", "B4:B6", "C4:C5"];

fn check_chinese(r: &FormRead) {
    assert_eq!(problems(r), vec![], "no problems");
    assert_eq!(r.layout, Layout::Caict);
    assert_eq!(r.lang, Lang::Zh);
    assert_eq!(r.header_row, Some(2));
    assert_eq!(r.counts(), (2, 3, 4, 19));
    let roles: Vec<Role> = r.columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [
            Role::Part,
            Role::Domain,
            Role::Capability,
            Role::Item,
            Role::Level(1),
            Role::Level(2),
            Role::Level(3),
            Role::Level(4),
            Role::Level(5),
            Role::Ignore,
            Role::Ignore,
        ]
    );
    let m = load(r, "agile");
    assert_eq!(
        m.title(Lang::Zh),
        "研发运营一体化能力成熟度模型 第2部分：敏捷开发管理 自评表"
    );
    let langs = m.languages();
    assert!(langs.zh && !langs.en, "Chinese only: {langs:?}");
    // Codes from positions.
    let codes: Vec<&str> = (0..m.item_count())
        .map(|i| m.item(i).code.as_str())
        .collect();
    assert_eq!(codes, ["D1-C1-I1", "D1-C1-I2", "D1-C2-I1", "D2-C1-I1"]);
    assert_eq!(m.domain(0).name, Text::only(Lang::Zh, "价值交付管理"));
    assert_eq!(m.capability(1).name, Text::only(Lang::Zh, "迭代管理"));
    let first = m.item(0);
    assert_eq!(first.name.get(Lang::En), "需求收集");
    assert_eq!(
        first.explanation,
        Some(Text::only(Lang::Zh, "从各渠道收集需求"))
    );
    assert_eq!(first.baseline, Text::only(Lang::Zh, "无"));
    let texts = |item: usize, level: usize| -> Vec<String> {
        m.item(item).levels[level - 2]
            .requirements
            .iter()
            .map(|r| r.text.zh.clone())
            .collect()
    };
    assert_eq!(texts(0, 2), ["有需求收集渠道", "需求有记录"]);
    assert_eq!(texts(0, 3), ["需求统一管理", "需求有优先级"]);
    assert_eq!(texts(0, 4), ["需求价值可度量", "需求全程可追溯"]);
    assert_eq!(
        m.item(0).levels[2].requirements[0].explanation,
        Some(Text::only(Lang::Zh, "以业务指标衡量"))
    );
    assert!(m.item(0).levels[3].same_as_lower);
    assert!(texts(0, 5).is_empty());
    assert_eq!(
        texts(1, 3),
        ["分析方法统一，包括：\n用户故事\n验收条件", "分析结果评审"]
    );
    assert_eq!(texts(1, 4), ["分析自动化", "分析数据驱动"]);
    assert!(m.item(1).levels[3].same_as_lower);
    assert_eq!(texts(2, 2), ["有迭代计划；", "迭代周期固定"]);
    assert_eq!(texts(2, 3), ["团队按迭代交付"]);
    assert_eq!(
        m.item(2).levels[2].requirements[0].explanation,
        Some(Text::only(Lang::Zh, "度量数据来自工具"))
    );
    assert!(m.item(3).levels[3].same_as_lower);
    assert_eq!(m.requirement_id(0), "D1-C1-I1-L2-1");
    assert_eq!(m.level_name(3, Lang::Zh), "全面级");
}

#[test]
fn a_chinese_xlsx_form_with_merged_cells_reads_as_a_chinese_only_model() {
    let bytes = xlsx(&[("自评表", chinese_rows(), CHINESE_MERGES.to_vec())]);
    let r = read_file(&bytes, "敏捷开发管理自评表.xlsx");
    check_chinese(&r);
    assert_eq!(r.sheets, ["自评表"]);
}

#[test]
fn the_same_form_as_csv_in_utf8_with_and_without_bom_and_in_gb18030() {
    // CSV has no merged cells: blank cells under a filled one take its value.
    let text: String = chinese_rows()
        .iter()
        .map(|r| maturity_core::formats::csv::line(r))
        .collect();
    let from_xlsx = read_file(
        &xlsx(&[("自评表", chinese_rows(), CHINESE_MERGES.to_vec())]),
        "x.xlsx",
    );
    for (name, bytes) in [
        ("utf8", text.clone().into_bytes()),
        ("bom", format!("\u{feff}{text}").into_bytes()),
        ("gb18030", encoding_rs::GB18030.encode(&text).0.into_owned()),
    ] {
        let file = format!("自评表-{name}.csv");
        let r = read_file(&bytes, &file);
        check_chinese(&r);
        assert_eq!(r.model.domains, from_xlsx.model.domains, "{name}");
    }
    // GB18030 is not UTF-8: the core leaves it to the page's decoder.
    let gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
    assert_eq!(open(&gbk, "a.csv", &mut inflate), Ok(Opened::NeedsGb18030));
}

#[test]
fn an_english_form_with_an_id_column_keeps_its_codes() {
    let rows = rows(&[
        &["Ops maturity"],
        &[
            "ID",
            "Domain",
            "Capability",
            "Sub-item",
            "Level 1 Initial",
            "Level 2 Foundation",
            "Level 3",
            "Level 4",
            "Level 5",
        ],
        &[
            "OP-BK-DB",
            "OP Operations",
            "OP-BK Backup",
            "Database backup",
            "No backups",
            "1) Daily backups",
            "1) Restores rehearsed\nNote: recorded",
            "1) Automated restores",
            "Same as level 4",
        ],
        &[
            "OP-BK-FS",
            "",
            "",
            "File backup",
            "None",
            "1) Weekly",
            "1) Daily",
            "1) Hourly",
            "1) Continuous",
        ],
        &[
            "OP-MN-AL",
            "",
            "OP-MN Monitoring",
            "Alerts",
            "None",
            "1) Alerts exist",
            "1) Alerts routed",
            "1) Alerts tuned",
            "same as above",
        ],
    ]);
    let r = read_file(&xlsx(&[("Form", rows, vec!["B3:B5", "C3:C4"])]), "ops.xlsx");
    assert_eq!(problems(&r), vec![]);
    assert_eq!(r.lang, Lang::En);
    let m = load(&r, "ops");
    assert!(m.languages().en && !m.languages().zh);
    assert_eq!(m.domain(0).code, "OP");
    assert_eq!(m.domain(0).name.en, "Operations");
    assert_eq!(m.capability(1).code, "OP-MN");
    assert_eq!(m.item(2).code, "OP-MN-AL");
    assert_eq!(m.level_name(2, Lang::En), "Foundation");
    assert_eq!(m.level_name(3, Lang::En), "Comprehensive");
    assert!(m.item(0).levels[3].same_as_lower);
    assert!(m.item(2).levels[3].same_as_lower);
    assert_eq!(
        m.item(0).levels[1].requirements[0].explanation,
        Some(Text::only(Lang::En, "recorded"))
    );
    assert_eq!(m.requirement_id(0), "OP-BK-DB-L2-1");
    // Shown in the Chinese interface, the English text stands in, marked with its language.
    assert_eq!(m.item(0).name.get(Lang::Zh), "Database backup");
    assert_eq!(m.item(0).name.lang_attr(Lang::Zh), Some("en"));
}

#[test]
fn an_id_column_of_numbers_or_clashing_values() {
    let base = |ids: [&str; 3]| {
        rows(&[
            &[
                "序号",
                "能力子域",
                "能力项",
                "能力子项",
                "1级",
                "2级",
                "3级",
                "4级",
                "5级",
            ],
            &[
                ids[0],
                "域甲",
                "项甲",
                "子项一",
                "无",
                "要求",
                "要求",
                "要求",
                "同上",
            ],
            &[
                ids[1],
                "域甲",
                "项甲",
                "子项二",
                "无",
                "要求",
                "要求",
                "要求",
                "同上",
            ],
            &[
                ids[2],
                "域乙",
                "项乙",
                "子项三",
                "无",
                "要求",
                "要求",
                "要求",
                "同上",
            ],
        ])
    };
    // Unique numbers: the sub-items keep them under positional parents.
    let r = read_file(&xlsx(&[("S", base(["1", "2", "3"]), vec![])]), "a.xlsx");
    assert_eq!(problems(&r), vec![]);
    let m = load(&r, "a");
    let codes: Vec<&str> = (0..3).map(|i| m.item(i).code.as_str()).collect();
    assert_eq!(codes, ["D1-C1-1", "D1-C1-2", "D2-C1-3"]);
    // Hierarchical ids give the parents' codes too.
    let r = read_file(
        &xlsx(&[("S", base(["A-X-1", "A-X-2", "B-Y-1"]), vec![])]),
        "a.xlsx",
    );
    let m = load(&r, "a");
    assert_eq!(
        (
            m.domain(1).code.as_str(),
            m.capability(0).code.as_str(),
            m.item(2).code.as_str()
        ),
        ("B", "A-X", "B-Y-1")
    );
    // A value used twice (or not usable as a code) is named, and positions are used.
    let r = read_file(&xlsx(&[("S", base(["1", "2", "1"]), vec![])]), "a.xlsx");
    assert_eq!(
        problems(&r),
        vec![("S!A4".into(), K::IdNotUsed("1".into()))]
    );
    assert!(!r.has_errors());
    assert_eq!(load(&r, "a").item(2).code, "D2-C1-I1");
    let r = read_file(&xlsx(&[("S", base(["1", "2 x", "3"]), vec![])]), "a.xlsx");
    assert_eq!(
        problems(&r),
        vec![("S!A3".into(), K::IdNotUsed("2 x".into()))]
    );
}

#[test]
fn the_long_layout_one_row_per_requirement() {
    let rows = rows(&[
        &[
            "能力子域",
            "能力项",
            "能力子项",
            "级别",
            "要求",
            "说明",
            "编号",
        ],
        &[
            "运维",
            "备份",
            "数据库备份",
            "1级",
            "没有定期备份",
            "",
            "OP-BK-DB-L1-1",
        ],
        &[
            "",
            "",
            "数据库备份",
            "2",
            "每天自动备份",
            "",
            "OP-BK-DB-L2-1",
        ],
        &[
            "",
            "",
            "数据库备份",
            "2",
            "备份有记录",
            "记录保存一年",
            "OP-BK-DB-L2-2",
        ],
        &[
            "",
            "",
            "数据库备份",
            "3级",
            "每季度演练恢复\n说明：演练须有记录",
            "",
            "OP-BK-DB-L3-1",
        ],
        &[
            "",
            "",
            "数据库备份",
            "优秀级",
            "恢复全自动 1) 含校验",
            "",
            "OP-BK-DB-L4-1",
        ],
        &["", "", "数据库备份", "5", "同上", "", "OP-BK-DB-L5-1"],
    ]);
    let r = read_file(&xlsx(&[("要求", rows, vec![])]), "long.xlsx");
    assert_eq!(problems(&r), vec![]);
    assert_eq!(r.layout, Layout::Long);
    let m = load(&r, "long");
    let item = m.item(0);
    assert_eq!(item.code, "OP-BK-DB");
    assert_eq!(m.domain(0).code, "OP");
    assert_eq!(item.baseline.zh, "没有定期备份");
    assert_eq!(item.levels[0].requirements.len(), 2);
    assert_eq!(
        item.levels[0].requirements[1].explanation,
        Some(Text::only(Lang::Zh, "记录保存一年"))
    );
    assert_eq!(item.levels[1].requirements[0].text.zh, "每季度演练恢复");
    assert_eq!(
        item.levels[1].requirements[0].explanation,
        Some(Text::only(Lang::Zh, "演练须有记录"))
    );
    // One row is one requirement: a marker inside it does not split it.
    assert_eq!(
        item.levels[2].requirements[0].text.zh,
        "恢复全自动 1) 含校验"
    );
    assert!(item.levels[3].same_as_lower);
}

// ----- Problems, each at its cell -----

fn header() -> Vec<&'static str> {
    vec![
        "能力子域",
        "能力项",
        "能力子项",
        "1级",
        "2级",
        "3级",
        "4级",
        "5级",
    ]
}

fn good_row(name: &'static str) -> Vec<&'static str> {
    vec!["域", "项", name, "无", "要求甲", "要求乙", "要求丙", "同上"]
}

fn problems_of(lines: Vec<Vec<&str>>) -> Vec<(String, K)> {
    let rows: Vec<Vec<String>> = lines
        .into_iter()
        .map(|l| l.into_iter().map(str::to_string).collect())
        .collect();
    let r = read_file(&xlsx(&[("自评表", rows, vec![])]), "p.xlsx");
    problems(&r)
}

#[test]
#[allow(clippy::type_complexity)]
fn every_problem_is_named_by_its_cell() {
    let cases: Vec<(Vec<Vec<&str>>, Vec<(&str, K)>)> = vec![
        (
            vec![header(), good_row("甲"), {
                let mut r = good_row("乙");
                r[5] = "";
                r
            }],
            vec![("自评表!F3", K::EmptyLevel(3))],
        ),
        (
            vec![header(), {
                let mut r = good_row("甲");
                r[1] = "";
                r
            }],
            vec![("自评表!B2", K::ItemWithoutCapability)],
        ),
        (
            vec![header(), {
                let mut r = good_row("甲");
                r[0] = "";
                r
            }],
            vec![("自评表!A2", K::ItemWithoutDomain)],
        ),
        (
            vec![header(), good_row("甲"), good_row("乙"), good_row("甲")],
            vec![(
                "自评表!C4",
                K::DuplicateItem {
                    name: "甲".into(),
                    first: "自评表!C2".into(),
                },
            )],
        ),
        (
            vec![
                vec!["能力子域", "能力项", "能力子项", "1级", "2级", "3级", "5级"],
                vec!["域", "项", "甲", "无", "a", "b", "同上"],
            ],
            vec![("自评表!1:1", K::MissingLevel(4))],
        ),
        (
            vec![vec!["名称", "内容"], vec!["甲", "乙"]],
            vec![
                ("自评表!A1", K::NoHeader),
                ("自评表!1:1", K::MissingColumn(Role::Domain)),
                ("自评表!1:1", K::MissingColumn(Role::Capability)),
                ("自评表!1:1", K::MissingColumn(Role::Item)),
                ("自评表!1:1", K::MissingLevel(1)),
                ("自评表!1:1", K::MissingLevel(2)),
                ("自评表!1:1", K::MissingLevel(3)),
                ("自评表!1:1", K::MissingLevel(4)),
                ("自评表!1:1", K::MissingLevel(5)),
            ],
        ),
        (
            vec![header(), {
                let mut r = good_row("甲");
                r[4] = "同上";
                r
            }],
            vec![("自评表!E2", K::SameAsLowerAtLevel2)],
        ),
        (
            vec![header(), {
                let mut r = good_row("甲");
                r[7] = "同3级";
                r
            }],
            vec![("自评表!H2", K::SameAsOther(3))],
        ),
        (
            vec![header(), {
                let mut r = good_row("甲");
                r[3] = "";
                r
            }],
            vec![("自评表!D2", K::EmptyLevel(1))],
        ),
        (
            vec![
                header(),
                good_row("甲"),
                vec!["", "", "", "", "要求", "", "", ""],
            ],
            vec![("自评表!C3", K::ItemWithoutName)],
        ),
        (
            vec![
                vec!["能力子域", "能力项", "能力子项", "级别", "要求"],
                vec!["域", "项", "甲", "1", "无"],
                vec!["域", "项", "甲", "2", "a"],
                vec!["域", "项", "甲", "六级", "b"],
                vec!["域", "项", "甲", "3", "c"],
                vec!["域", "项", "甲", "5", "同上"],
            ],
            vec![
                ("自评表!D4", K::BadLevel("六级".into())),
                ("自评表!C2", K::LevelWithoutRows(4)),
            ],
        ),
    ];
    for (lines, want) in cases {
        let shown = format!("{lines:?}");
        let want: Vec<(String, K)> = want.into_iter().map(|(c, k)| (c.to_string(), k)).collect();
        assert_eq!(problems_of(lines), want, "{shown}");
    }
}

#[test]
fn every_problem_has_a_message_in_both_languages() {
    let r = read_file(
        &xlsx(&[("S", rows(&[&["名称"], &["x"]]), vec![])]),
        "p.xlsx",
    );
    for p in &r.problems {
        for lang in Lang::ALL {
            let m = p.message(lang);
            assert!(!m.is_empty() && !m.contains('{'), "{m}");
        }
    }
    for e in [
        FormError::NotASpreadsheet,
        FormError::OldExcel,
        FormError::Encrypted,
        FormError::Damaged("x".into()),
        FormError::TooLarge { limit: 50 << 20 },
        FormError::Unreadable {
            part: "xl/a.xml".into(),
            doctype: true,
        },
        FormError::NoSheets,
        FormError::TooManyRows {
            sheet: "S".into(),
            limit: 20_000,
        },
    ] {
        for lang in Lang::ALL {
            let m = e.message(lang);
            assert!(!m.is_empty() && !m.contains('{'), "{m}");
        }
    }
}

#[test]
fn the_user_can_give_each_column_its_role() {
    // Headers the reader does not know: nothing is recognised until roles are chosen.
    let lines = rows(&[
        &["A", "B", "C", "L1", "L2", "L3", "L4", "L5", "x"],
        &["Dom", "Cap", "Item", "base", "r2", "r3", "r4", "r5", "junk"],
    ]);
    let grids = sheets(&xlsx(&[("S", lines, vec![])]), "u.xlsx");
    let first = read(&grids, &Choice::default(), "u.xlsx", "d");
    assert!(first.has_errors());
    let choice = Choice {
        sheet: None,
        roles: vec![
            Role::Domain,
            Role::Capability,
            Role::Item,
            Role::Level(1),
            Role::Level(2),
            Role::Level(3),
            Role::Level(4),
            Role::Level(5),
            Role::Ignore,
        ],
    };
    let r = read(&grids, &choice, "u.xlsx", "d");
    // No header was recognised (named), but the chosen roles read the rows below the first.
    assert_eq!(problems(&r), vec![("S!A1".into(), K::NoHeader)]);
    assert_eq!(r.counts(), (1, 1, 1, 4));
    // The same role twice is named at the second column's header.
    let mut twice = choice.clone();
    twice.roles[8] = Role::Item;
    let r = read(&grids, &twice, "u.xlsx", "d");
    assert!(problems(&r).contains(&("S!I1".into(), K::TwoColumns(Role::Item))));
}

// ----- The CD model through its form -----

fn embedded() -> LoadedModel {
    load_model(EMBEDDED_MODEL).unwrap()
}

/// The CD model → its form → a model: same codes, texts, baselines, explanations and
/// same_as_lower, in each language.
fn round_trip(lang: Lang, via_csv: bool) {
    let cd = embedded();
    let read_back = if via_csv {
        let text = form_csv(&cd.model, lang, "2026-12-04");
        read_file(text.as_bytes(), "cd.csv")
    } else {
        let mut package = form_book(&cd.model, lang, "2026-12-04").package();
        for part in &mut package.parts {
            part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 6));
        }
        read_file(&package.to_zip(), "cd.xlsx")
    };
    assert_eq!(problems(&read_back), vec![], "{lang:?} csv={via_csv}");
    assert_eq!(read_back.lang, lang);
    let m = load(&read_back, "caict-devops-cd");
    let t = |x: &Text| x.get(lang).to_string();
    assert_eq!(m.title(lang), cd.title(lang));
    for l in 1..=5 {
        assert_eq!(m.level_name(l, lang), cd.level_name(l, lang));
    }
    assert_eq!(m.domain_count(), cd.domain_count());
    for d in 0..cd.domain_count() {
        assert_eq!(m.domain(d).code, cd.domain(d).code);
        assert_eq!(t(&m.domain(d).name), t(&cd.domain(d).name));
    }
    assert_eq!(m.capability_count(), cd.capability_count());
    for c in 0..cd.capability_count() {
        assert_eq!(m.capability(c).code, cd.capability(c).code);
        assert_eq!(t(&m.capability(c).name), t(&cd.capability(c).name));
    }
    assert_eq!(m.item_count(), cd.item_count());
    for i in 0..cd.item_count() {
        let (a, b) = (m.item(i), cd.item(i));
        assert_eq!(a.code, b.code);
        assert_eq!(t(&a.name), t(&b.name), "{}", b.code);
        assert_eq!(t(&a.baseline), t(&b.baseline), "{}", b.code);
        assert_eq!(
            a.explanation.as_ref().map(t),
            b.explanation.as_ref().map(t),
            "{}",
            b.code
        );
        for (la, lb) in a.levels.iter().zip(&b.levels) {
            assert_eq!(
                la.same_as_lower, lb.same_as_lower,
                "{} L{}",
                b.code, lb.level
            );
            assert_eq!(
                la.requirements.len(),
                lb.requirements.len(),
                "{} L{}",
                b.code,
                lb.level
            );
            for (ra, rb) in la.requirements.iter().zip(&lb.requirements) {
                assert_eq!(ra.id, rb.id);
                assert_eq!(t(&ra.text), t(&rb.text), "{}", rb.id);
                assert_eq!(
                    ra.explanation.as_ref().map(t),
                    rb.explanation.as_ref().map(t),
                    "{}",
                    rb.id
                );
            }
        }
    }
    assert_eq!(m.requirement_count(), cd.requirement_count());
}

#[test]
fn the_cd_model_round_trips_through_its_form_in_chinese() {
    round_trip(Lang::Zh, false);
}

#[test]
fn the_cd_model_round_trips_through_its_form_in_english() {
    round_trip(Lang::En, false);
}

#[test]
fn the_cd_model_round_trips_through_its_form_as_csv() {
    round_trip(Lang::Zh, true);
    round_trip(Lang::En, true);
}

#[test]
fn the_workbooks_own_caict_export_reads_back_with_the_cd_codes() {
    use maturity_core::assess::assessment::Assessment;
    let cd = std::sync::Arc::new(embedded());
    let a = Assessment::new("a1", "x", &cd, 3, Lang::Zh, "2026-12-04T00:00:00Z");
    let mut package =
        maturity_core::formats::caict::caict_workbook(&cd, &a, Lang::Zh, "2026-12-04");
    for part in &mut package.parts {
        part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 6));
    }
    let r = read_file(&package.to_zip(), "export.xlsx");
    assert_eq!(r.sheet, 0, "the 自评表 sheet is recognised");
    let m = load(&r, "cd-copy");
    assert_eq!(m.item_count(), cd.item_count());
    assert_eq!(m.requirement_count(), cd.requirement_count());
    for i in 0..cd.item_count() {
        assert_eq!(m.item(i).code, cd.item(i).code);
    }
}

// ----- Hostile files -----

/// A zip of the given parts (stored), for hand-made hostile workbooks.
fn raw_xlsx(sheet_xml: &str, shared: Option<&str>) -> Vec<u8> {
    let mut parts = vec![
        Part::new(
            "xl/workbook.xml",
            r#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        Part::new(
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
        Part::new("xl/worksheets/sheet1.xml", sheet_xml.to_string()),
    ];
    if let Some(s) = shared {
        parts.push(Part::new("xl/sharedStrings.xml", s.to_string()));
    }
    zip::write(&parts)
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{what} took {:?}",
        start.elapsed()
    );
    out
}

#[test]
fn a_zip_bomb_is_refused_before_it_inflates() {
    // 60 MB of zeros deflate to about 60 KB.
    let big = vec![b'a'; 60 << 20];
    let mut part = Part::new("xl/worksheets/sheet1.xml", big);
    part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 6));
    let mut parts = vec![
        Part::new(
            "xl/workbook.xml",
            r#"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#,
        ),
        Part::new(
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    parts.push(part);
    let bomb = zip::write(&parts);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let mut inflated = 0usize;
    let got = timed("bomb", || {
        open(&bomb, "b.xlsx", &mut |name, raw, size| {
            inflated += size;
            inflate(name, raw, size)
        })
    });
    assert_eq!(got, Err(FormError::TooLarge { limit: 50 << 20 }));
    assert!(inflated < 1 << 20, "nothing large was inflated: {inflated}");
    // A part that inflates past the size its directory declares is damaged, and the inflater
    // stops at the declared size.
    let mut p = Part::new("xl/worksheets/sheet1.xml", vec![b'a'; 5000]);
    p.deflated = Some(miniz_oxide::deflate::compress_to_vec(
        &vec![b'a'; 1 << 20],
        6,
    ));
    let mut all = parts[..2].to_vec();
    all.push(p);
    let lying = zip::write(&all);
    let got = open(&lying, "l.xlsx", &mut inflate);
    assert!(matches!(got, Err(FormError::Damaged(_))), "{got:?}");
}

#[test]
fn entity_declarations_are_never_expanded() {
    let billion = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><sst><si><t>&lol2;</t></si></sst>"#;
    let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
    let got = open(&raw_xlsx(sheet, Some(billion)), "e.xlsx", &mut inflate);
    assert_eq!(
        got,
        Err(FormError::Unreadable {
            part: "xl/sharedStrings.xml".into(),
            doctype: true
        })
    );
    // An entity reference without a declaration stays as written.
    let shared = r#"<sst><si><t>&lol; &amp; &#x41;</t></si></sst>"#;
    let Ok(Opened::Sheets(g)) = open(&raw_xlsx(sheet, Some(shared)), "e.xlsx", &mut inflate) else {
        panic!()
    };
    assert_eq!(g[0].get(0, 0), "&lol; & A");
}

#[test]
fn a_million_rows_are_refused_in_bounded_time() {
    let mut sheet = String::from("<worksheet><sheetData>");
    for r in 1..=30_000 {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>"#
        ));
    }
    sheet
        .push_str(r#"<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData></worksheet>"#);
    let got = timed("rows", || {
        open(&raw_xlsx(&sheet, None), "r.xlsx", &mut inflate)
    });
    assert_eq!(
        got,
        Err(FormError::TooManyRows {
            sheet: "S".into(),
            limit: 20_000
        })
    );
    let csv: String = (0..1_000_000).map(|n| format!("{n},x\n")).collect();
    let got = timed("csv rows", || open(csv.as_bytes(), "r.csv", &mut inflate));
    assert!(matches!(got, Err(FormError::TooManyRows { .. })), "{got:?}");
}

#[test]
fn a_megabyte_cell_is_cut_and_named() {
    let mut lines = rows(&[&[
        "能力子域",
        "能力项",
        "能力子项",
        "1级",
        "2级",
        "3级",
        "4级",
        "5级",
    ]]);
    let mut row: Vec<String> = good_row("甲").into_iter().map(str::to_string).collect();
    row[4] = format!("1) {}", "长".repeat(1 << 20));
    lines.push(row);
    // Written as CSV (the .xlsx writer itself cuts at Excel's limit).
    let text: String = lines
        .iter()
        .map(|l| maturity_core::formats::csv::line(l))
        .collect();
    let r = timed("cell", || read_file(text.as_bytes(), "big.csv"));
    assert_eq!(problems(&r), vec![("big!E2".into(), K::CellCut)]);
    assert!(!r.has_errors());
    let m = load(&r, "big");
    assert!(m.item(0).levels[0].requirements[0].text.zh.chars().count() <= 32_767);
}

#[test]
fn markup_in_cells_stays_text_and_is_escaped_in_the_form_written_back() {
    let script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let mut lines = rows(&[&[
        "能力子域",
        "能力项",
        "能力子项",
        "1级",
        "2级",
        "3级",
        "4级",
        "5级",
    ]]);
    let mut row: Vec<String> = good_row("甲").into_iter().map(str::to_string).collect();
    row[2] = format!("甲{script}");
    row[4] = format!("1) {script}\n2) =HYPERLINK(\"http://x\")");
    lines.push(row);
    let r = read_file(&xlsx(&[("S", lines, vec![])]), "m.xlsx");
    let m = load(&r, "m");
    assert_eq!(m.item(0).name.zh, format!("甲{script}"));
    let reqs = &m.item(0).levels[0].requirements;
    assert_eq!(reqs[0].text.zh, script);
    assert_eq!(reqs[1].text.zh, "=HYPERLINK(\"http://x\")");
    // Written back: markup is escaped text, the formula a text with its apostrophe guard.
    let package = form_book(&m.model, Lang::Zh, "d").package();
    let strings = package
        .parts
        .iter()
        .find(|p| p.name == "xl/sharedStrings.xml")
        .unwrap();
    let xml = String::from_utf8(strings.data.clone()).unwrap();
    assert!(!xml.contains("<script") && xml.contains("&lt;script&gt;"));
    assert!(
        xml.contains("2) =HYPERLINK"),
        "inside a cell, not at its start"
    );
    assert!(!package
        .parts
        .iter()
        .any(|p| String::from_utf8_lossy(&p.data).contains("<f>")));
}

#[test]
fn what_is_not_a_form_gets_a_clear_error() {
    for (bytes, name, want) in [
        (
            b"{\"format\": \"maturity-workbook/model\"}".to_vec(),
            "m.json",
            FormError::NotASpreadsheet,
        ),
        (
            b"<!DOCTYPE html><html></html>".to_vec(),
            "d.html",
            FormError::NotASpreadsheet,
        ),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "p.png",
            FormError::NotASpreadsheet,
        ),
        (Vec::new(), "e.csv", FormError::NotASpreadsheet),
        (
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            "old.xls",
            FormError::OldExcel,
        ),
        (
            b"PK\x03\x04garbage".to_vec(),
            "bad.xlsx",
            FormError::Damaged("no end of central directory".into()),
        ),
    ] {
        assert_eq!(open(&bytes, name, &mut inflate), Err(want), "{name}");
    }
    // A zip that is not a workbook.
    let z = zip::write(&[Part::new("a.txt", b"x".to_vec())]);
    assert_eq!(
        open(&z, "a.xlsx", &mut inflate),
        Err(FormError::NotASpreadsheet)
    );
}

// ----- Fuzzing -----

/// xorshift64*: a fixed sequence, so a failure repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len());
        match rng.below(6) {
            0 => {
                if !out.is_empty() {
                    out[at] ^= 1 << rng.below(8);
                }
            }
            1 => {
                if !out.is_empty() {
                    out[at] = rng.next() as u8;
                }
            }
            2 => out.truncate(at),
            3 => {
                let len = rng.below(64).min(out.len() - at.min(out.len()));
                let piece = out[at..at + len].to_vec();
                let to = rng.below(out.len());
                out.splice(to..to, piece);
            }
            4 => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            _ => {
                let to = rng.below(out.len() + 1);
                let bytes: &[u8] = [
                    b"<".as_slice(),
                    b"\"",
                    b"\n",
                    b",",
                    "同上".as_bytes(),
                    b"1)",
                    b"</c>",
                    b"&#x0;",
                ][rng.below(8)];
                out.splice(to..to, bytes.iter().copied());
            }
        }
    }
    out
}

/// Reads whatever the bytes are, as the page would; recognises every sheet read.
fn read_anything(bytes: &[u8], name: &str) {
    let grids = match open(bytes, name, &mut inflate) {
        Ok(Opened::Sheets(g)) => g,
        Ok(Opened::NeedsGb18030) => {
            let text = encoding_rs::GB18030.decode(bytes).0;
            match csv::grid(&text, "x") {
                Ok(g) => vec![g],
                Err(_) => return,
            }
        }
        Err(e) => {
            let _ = e.message(Lang::En);
            return;
        }
    };
    for s in 0..grids.len() {
        let r = read(
            &grids,
            &Choice {
                sheet: Some(s),
                roles: Vec::new(),
            },
            name,
            "d",
        );
        for p in &r.problems {
            let _ = p.message(Lang::Zh);
        }
        // The model file's check is serde and the validator (fuzzed in exchange.rs and
        // model.rs); here it runs on what a mutated form gives, once in a while.
        if !r.has_errors() && bytes.len().is_multiple_of(16) {
            let text = finish(&r, "t", "fuzz", "1");
            let _ = load_model(&text);
        }
    }
}

#[test]
fn mutated_forms_never_panic_and_stay_fast() {
    let rows = chinese_rows();
    let stored = { xlsx(&[("自评表", rows.clone(), CHINESE_MERGES.to_vec())]) };
    let csv_text: String = rows
        .iter()
        .map(|r| maturity_core::formats::csv::line(r))
        .collect();
    let gbk = encoding_rs::GB18030.encode(&csv_text).0.into_owned();
    // Valid containers around mutated sheet XML, so the XML and the recognition are reached.
    let mut book = XlsxBook {
        title: "t".into(),
        created: "d".into(),
        sheets: vec![Sheet::new("S")],
    };
    for row in &rows {
        book.sheets[0].push(
            row.iter()
                .map(|t| Cell::text(t.clone(), Style::Text))
                .collect(),
        );
    }
    book.sheets[0].merge(Range::new(3, 0, 6, 0));
    let parts = book.package().parts;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut n = 0;
    let mut per = [Duration::ZERO; 4];
    for round in 0..3_000 {
        for (k, input) in [&stored, &csv_text.as_bytes().to_vec(), &gbk]
            .into_iter()
            .enumerate()
        {
            let bytes = mutate(&mut rng, input);
            let t = Instant::now();
            read_anything(&bytes, if round % 2 == 0 { "f.xlsx" } else { "f.csv" });
            per[k] += t.elapsed();
            slowest = slowest.max(t.elapsed());
            n += 1;
        }
        // Every third round (a container's CRC-32s are the slow part of a debug build).
        if round % 3 != 0 {
            continue;
        }
        let mut mutated = parts.clone();
        let k = rng.below(mutated.len());
        mutated[k].data = mutate(&mut rng, &mutated[k].data);
        let t = Instant::now();
        read_anything(&zip::write(&mutated), "p.xlsx");
        per[3] += t.elapsed();
        slowest = slowest.max(t.elapsed());
        n += 1;
    }
    assert!(n >= 10_000, "{n} inputs");
    assert!(
        slowest < Duration::from_secs(2),
        "slowest input took {slowest:?}"
    );
    eprintln!(
        "{n} mutated forms in {:?}, slowest {slowest:?}, by kind {per:?}",
        start.elapsed()
    );
}
