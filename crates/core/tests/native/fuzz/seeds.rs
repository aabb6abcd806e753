//! The corpora: valid files of each kind, built from the embedded model, a tiny model and the
//! stored fixtures, each accepted as it is (the loop checks that before mutating them).

use std::sync::{Arc, OnceLock};

use maturity_core::assess::assessment::{
    Assessment, Edit, EntryKind, EvidenceField, EvidenceStatus, NaKind, ProjectField, Status,
};
use maturity_core::formats::document;
use maturity_core::formats::exchange::export;
use maturity_core::model::synthetic::tiny_model_json;
use maturity_core::model::validate::load_model;
use maturity_core::model::{LoadedModel, EMBEDDED_MODEL};
use maturity_core::text::Lang;

/// A tiny model: two domains, a level the same as the one below, evidence at every level.
pub const TINY: &[&[&[&str]]] = &[&[&["1 2 s 1", "2 1 1 1"]], &[&["1 1 1 1"], &["3 s 1 2"]]];

/// The models every import is read against: the embedded CD model and the tiny one.
pub fn models() -> &'static [Arc<LoadedModel>] {
    static M: OnceLock<Vec<Arc<LoadedModel>>> = OnceLock::new();
    M.get_or_init(|| {
        vec![
            Arc::new(load_model(EMBEDDED_MODEL).expect("the embedded model loads")),
            Arc::new(load_model(&tiny_model_json(TINY)).expect("the tiny model loads")),
        ]
    })
}

/// An assessment using every feature the format carries: every kind of answer, comments and
/// reasons with quotes, line breaks and markup, notes, evidence edited and added, project
/// fields, another target and language, stamps of who changed what, an answer set aside.
fn rich(model: &LoadedModel, reqs: &[&str], item: &str) -> Assessment {
    let mut a = Assessment::new(
        "fuzz01",
        "网银 \"持续交付\", <b>2026</b>",
        model,
        4,
        Lang::Zh,
        "2026-03-01T08:00:00.000Z",
    );
    let mut edits = vec![
        Edit::Answer {
            req: reqs[0].into(),
            status: Some(Status::Met),
        },
        Edit::Answer {
            req: reqs[1].into(),
            status: Some(Status::Partial),
        },
        Edit::Comment {
            req: reqs[1].into(),
            text: "脚本已入库，\n配置文件未入库 </script><!--".into(),
        },
        Edit::Answer {
            req: reqs[2].into(),
            status: Some(Status::NotApplicable),
        },
        Edit::NaReason {
            req: reqs[2].into(),
            kind: NaKind::OutOfScope,
            text: "无数据库 {found}".into(),
        },
        Edit::Answer {
            req: reqs[3].into(),
            status: Some(Status::NotMet),
        },
        Edit::Notes {
            item: item.into(),
            text: "问题：“全面”指什么？\n改进：补演练记录".into(),
        },
        Edit::Evidence {
            item: item.into(),
            id: "e1".into(),
            field: EvidenceField::Status(EvidenceStatus::Ready),
        },
        Edit::Evidence {
            item: item.into(),
            id: "e1".into(),
            field: EvidenceField::Owner("李四".into()),
        },
        Edit::AddEvidence { item: item.into() },
        Edit::Project {
            field: ProjectField::Project,
            value: "手机银行".into(),
        },
        Edit::Project {
            field: ProjectField::TeamDevelopers,
            value: "12".into(),
        },
        Edit::Language(Lang::En),
    ];
    let added = format!("e{}", a.items.get(item).map_or(0, |w| w.evidence.len()) + 1);
    edits.extend([
        Edit::Evidence {
            item: item.into(),
            id: added.clone(),
            field: EvidenceField::Title("自建的补充材料, v2".into()),
        },
        Edit::Evidence {
            item: item.into(),
            id: added.clone(),
            field: EvidenceField::Kind(EntryKind::Link),
        },
        Edit::Evidence {
            item: item.into(),
            id: added,
            field: EvidenceField::Location("https://wiki.example/x?a=1&b=<2>".into()),
        },
    ]);
    for (n, e) in edits.iter().enumerate() {
        a.apply_by(e, &format!("2026-03-02T09:{n:02}:00.000Z"), "张三");
    }
    // An answer to a requirement of an earlier model version, kept aside.
    a.set_aside.insert(
        "XX-OLD-L2-1".into(),
        maturity_core::assess::assessment::Answer::new(Status::Met),
    );
    a
}

/// Exchange files: the stored version-1 file, a rich export of each model, an empty one.
pub fn exchange() -> Vec<Vec<u8>> {
    let [cd, tiny] = [&models()[0], &models()[1]];
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/exchange/v1-rich.json"
    ))
    .expect("the version-1 fixture");
    let cd_rich = rich(
        cd,
        &[
            "CM-VC-VCS-L2-1",
            "CM-VC-VCS-L3-1",
            "DM-DCM-CP-L2-1",
            "CM-VC-BM-L2-1",
        ],
        "CM-VC-VCS",
    );
    let tiny_rich = rich(
        tiny,
        &[
            "D1-C1-I1-L2-1",
            "D1-C1-I1-L3-2",
            "D2-C2-I1-L2-3",
            "D2-C1-I1-L4-1",
        ],
        "D1-C1-I2",
    );
    let empty = Assessment::new("empty", "", tiny, 3, Lang::Zh, "2026-01-01T00:00:00Z");
    vec![
        fixture,
        export(cd, &cd_rich, "2026-03-03T10:00:00.000Z").into_bytes(),
        export(tiny, &tiny_rich, "2026-03-03T10:00:00.000Z").into_bytes(),
        export(tiny, &empty, "2026-01-02T00:00:00Z").into_bytes(),
    ]
}

/// A page like the workbook's own (doctype, policy, style, the mount point, the boot module,
/// an inert payload), for documents to be written into.
pub const PAGE: &str = concat!(
    "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'none'\">",
    "<title>成熟度自评工作簿</title><style id=\"wb-style\">body{margin:0}a>b{color:red}</style></head>\n",
    "<body>\n<div id=\"wb-app\"></div>\n",
    "<script id=\"wb-guard\">if(!window.Promise){document.body.innerHTML='<p role=\"alert\">x</p>'}</script>\n",
    "<script type=\"text/plain\" id=\"wb-wasm\">AGFzbQEAAAAB<>&'\"</script>\n",
    "<script type=\"module\" id=\"wb-boot-script\">import('./x').then(m => m.start(\"</scr\" + \"ipt>\"))</script>\n",
    "</body></html>\n"
);

/// Workbook documents: each exchange seed embedded in the page, as the workbook saves it.
pub fn documents() -> Vec<Vec<u8>> {
    exchange()
        .iter()
        .map(|json| {
            document::write(PAGE, std::str::from_utf8(json).expect("UTF-8"))
                .expect("the page has a body")
                .into_bytes()
        })
        .collect()
}

/// Model files: the embedded CD model and tiny models of a few shapes.
pub fn models_files() -> Vec<Vec<u8>> {
    vec![
        EMBEDDED_MODEL.as_bytes().to_vec(),
        tiny_model_json(TINY).into_bytes(),
        tiny_model_json(&[&[&["1 1 1 1"]]]).into_bytes(),
        tiny_model_json(&[&[&["2 s s s", "1 1 s 1"], &["1 2 3 4"]], &[&["1 s 1 s"]]]).into_bytes(),
    ]
}

/// A form's parts deflated as the page deflates them, zipped.
fn deflated_zip(mut package: maturity_core::formats::xlsx::Package) -> Vec<u8> {
    for part in &mut package.parts {
        part.deflated = Some(miniz_oxide::deflate::compress_to_vec(&part.data, 6));
    }
    package.to_zip()
}

/// Spreadsheet forms: CAICT's Chinese layout with merged cells (as .xlsx, and as CSV in UTF-8,
/// UTF-8 with a BOM and GB18030), an English form with an ID column, the long layout of one
/// row per requirement, and the CD and tiny models written as forms (`form::write`, .xlsx and
/// CSV).
pub fn forms() -> Vec<Vec<u8>> {
    use super::super::form::{chinese_rows, rows, xlsx, CHINESE_MERGES};
    use maturity_core::model::form::write::{form_book, form_csv};
    let cd = &models()[0];
    // The tiny model with one sub-item per capability: its sub-items are all named alike, and
    // a form refuses two of one name under one capability.
    let tiny = load_model(&tiny_model_json(&[
        &[&["1 2 s 1"], &["2 1 1 1"]],
        &[&["1 1 1 1"], &["3 s 1 2"]],
    ]))
    .expect("the tiny model loads");
    let chinese = chinese_rows();
    let chinese_csv: String = chinese
        .iter()
        .map(|r| maturity_core::formats::csv::line(r))
        .collect();
    let english = rows(&[
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
            "Database backup\nNote: every database",
            "No backups",
            "1) Daily backups\n2) Backups logged",
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
    ]);
    let long = rows(&[
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
            "每季度演练恢复",
            "",
            "OP-BK-DB-L3-1",
        ],
        &["", "", "数据库备份", "4", "恢复全自动", "", "OP-BK-DB-L4-1"],
        &["", "", "数据库备份", "5", "同上", "", "OP-BK-DB-L5-1"],
    ]);
    const TODAY: &str = "2026-12-04";
    vec![
        xlsx(&[("自评表", chinese, CHINESE_MERGES.to_vec())]),
        xlsx(&[("Form", english, vec!["B3:B4", "C3:C4"])]),
        xlsx(&[
            ("Notes", rows(&[&["read me"]]), vec![]),
            ("长表", long, vec![]),
        ]),
        deflated_zip(form_book(&cd.model, Lang::Zh, TODAY).package()),
        deflated_zip(form_book(&tiny.model, Lang::En, TODAY).package()),
        chinese_csv.clone().into_bytes(),
        format!("\u{feff}{chinese_csv}").into_bytes(),
        encoding_rs::GB18030.encode(&chinese_csv).0.into_owned(),
        form_csv(&cd.model, Lang::En, TODAY).into_bytes(),
        format!("\u{feff}{}", form_csv(&tiny.model, Lang::Zh, TODAY)).into_bytes(),
    ]
}
