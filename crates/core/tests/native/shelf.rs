//! The portfolio's storage policy (`portfolio::Shelf`) against a map standing in for the
//! browser's IndexedDB, opened the way the page opens it: files added (with a damaged and an
//! unreadable one), a file added again under its name, a folder read again with a changed, a
//! removed and a damaged file, a file removed, everything cleared, files of two models, a list
//! from a newer workbook, orphans left by an interrupted write, and a failed write.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use maturity_core::assess::assessment::{Assessment, Edit, Status};
use maturity_core::formats::exchange::export;
use maturity_core::model::synthetic::tiny_model_json;
use maturity_core::model::validate::load_model;
use maturity_core::model::{LoadedModel, EMBEDDED_MODEL};
use maturity_core::portfolio::{HoldingsError, MemberId, Op, Shelf, ShelfReport};
use maturity_core::store::persist::Key;
use maturity_core::text::Lang;

const T0: &str = "2026-05-01T08:00:00.000Z";
const T1: &str = "2026-05-02T08:00:00.000Z";

fn cd() -> Arc<LoadedModel> {
    static M: OnceLock<Arc<LoadedModel>> = OnceLock::new();
    M.get_or_init(|| Arc::new(load_model(EMBEDDED_MODEL).unwrap()))
        .clone()
}

fn tiny() -> Arc<LoadedModel> {
    static M: OnceLock<Arc<LoadedModel>> = OnceLock::new();
    M.get_or_init(|| Arc::new(load_model(&tiny_model_json(&[&[&["1 1 1 1"]]])).unwrap()))
        .clone()
}

/// An exchange file of an assessment named `name` with `met` requirements answered.
fn file(model: &LoadedModel, name: &str, met: &[&str]) -> String {
    let mut a = Assessment::new(format!("id-{name}"), name, model, 3, Lang::Zh, T0);
    for req in met {
        a.apply(
            &Edit::Answer {
                req: req.to_string(),
                status: Some(Status::Met),
            },
            T0,
        );
    }
    export(model, &a, T0)
}

const DAMAGED: &str = "{\"format\": \"maturity-workbook/exchange\", \"answers\": [";

/// Files as the page hands them to the shelf: a name and the text, or the browser's refusal.
fn incoming(
    files: &[(&str, Result<String, &'static str>)],
) -> Vec<(String, Result<String, &'static str>)> {
    files
        .iter()
        .map(|(n, t)| (n.to_string(), t.clone()))
        .collect()
}

/// The store: a map by key (as `Key` spells them), writes that can be made to fail, and the
/// keys handed out for new contents.
#[derive(Default)]
struct Idb {
    map: BTreeMap<String, String>,
    fail_contents: bool,
    next: u32,
}

impl Idb {
    /// Carries out the operations in order, as `web::shelf::run` does; returns the failed
    /// writes.
    fn run(&mut self, ops: Vec<Op>) -> usize {
        let mut failed = 0;
        for op in ops {
            match op {
                Op::Put(k, v) => {
                    self.map.insert(k.to_string(), v);
                }
                Op::PutAll(_) if self.fail_contents => failed += 1,
                Op::PutAll(entries) => {
                    for (k, v) in entries {
                        self.map.insert(k.to_string(), v);
                    }
                }
                Op::RememberFolder(k) => {
                    self.map.insert(k.to_string(), "<handle>".into());
                }
                Op::Delete(k) => {
                    self.map.remove(&k.to_string());
                }
            }
        }
        failed
    }

    fn key(&mut self) -> String {
        self.next += 1;
        format!("k{}", self.next)
    }

    /// Opens the portfolio as the page does: the list, each file's contents, the sweep.
    fn open(
        &mut self,
        models: &[Arc<LoadedModel>],
    ) -> (Shelf, Option<HoldingsError>, ShelfReport<()>) {
        let (mut shelf, problem) = Shelf::open(self.map.get("portfolio").map(String::as_str));
        let contents = shelf
            .contents_keys()
            .iter()
            .map(|k| self.map.get(&k.to_string()).cloned())
            .collect();
        let mut report = shelf.fill::<()>(contents, models);
        let kept: Vec<String> = self
            .map
            .keys()
            .filter_map(|k| k.strip_prefix("pfile:").map(str::to_string))
            .collect();
        report.ops = shelf.sweep(kept.iter().map(String::as_str));
        self.run(report.ops.clone());
        (shelf, problem, report)
    }

    fn contents(&self) -> Vec<&str> {
        self.map
            .keys()
            .filter_map(|k| k.strip_prefix("pfile:"))
            .collect()
    }
}

/// Adds files through the shelf and runs its operations.
fn add(
    db: &mut Idb,
    shelf: &mut Shelf,
    files: &[(&str, Result<String, &'static str>)],
    models: &[Arc<LoadedModel>],
) -> ShelfReport<&'static str> {
    let mut keys = Vec::new();
    for _ in files {
        keys.push(db.key());
    }
    let mut keys = keys.into_iter();
    let report = shelf.add_files(incoming(files), models, T1, || keys.next().unwrap());
    db.run(report.ops.clone());
    report
}

fn read_folder(
    db: &mut Idb,
    shelf: &mut Shelf,
    files: &[(&str, Result<String, &'static str>)],
) -> ShelfReport<&'static str> {
    let mut keys = Vec::new();
    for _ in files {
        keys.push(db.key());
    }
    let mut keys = keys.into_iter();
    let report = shelf.read_folder("team", incoming(files), &[cd()], T1, || {
        keys.next().unwrap()
    });
    db.run(report.ops.clone());
    report
}

fn names(shelf: &Shelf) -> Vec<(String, bool)> {
    shelf
        .files()
        .iter()
        .map(|f| (f.name.clone(), f.folder))
        .collect()
}

#[test]
fn files_added_are_kept_contents_first_then_the_list() {
    let mut db = Idb::default();
    let (mut shelf, problem, _) = db.open(&[cd()]);
    assert!(problem.is_none() && shelf.files().is_empty());
    let r = add(
        &mut db,
        &mut shelf,
        &[
            ("a.json", Ok(file(&cd(), "A", &["CM-VC-VCS-L2-1"]))),
            ("bad.json", Ok(DAMAGED.into())),
            ("locked.json", Err("the browser refused")),
            ("b.json", Ok(file(&cd(), "B", &[]))),
        ],
        &[cd()],
    );
    assert_eq!(r.added, 2);
    let refused: Vec<(&str, bool, Option<&str>)> = r
        .refused
        .iter()
        .map(|x| (x.name.as_str(), x.problems.is_empty(), x.read_error))
        .collect();
    assert_eq!(
        refused,
        [
            ("bad.json", false, None),
            ("locked.json", true, Some("the browser refused"))
        ]
    );
    // Contents in one transaction, then the list that names them.
    assert!(matches!(&r.ops[..], [Op::PutAll(c), Op::Put(Key::Portfolio, _)] if c.len() == 2));
    assert_eq!(db.contents(), ["k1", "k2"], "a key for each file added");
    assert_eq!(
        names(&shelf),
        [("a.json".into(), false), ("b.json".into(), false)]
    );
    // Opened again, the same files with the same assessments.
    let (again, problem, report) = db.open(&[cd()]);
    assert!(problem.is_none() && report.missing.is_empty() && report.refused.is_empty());
    assert_eq!(names(&again), names(&shelf));
    let a = &again.files()[0].assessment;
    assert_eq!(a.name, "A");
    assert_eq!(a.status("CM-VC-VCS-L2-1"), Some(Status::Met));
    let p = again.portfolio(|_| None, &[cd()]);
    assert_eq!(p.members().len(), 2);
}

#[test]
fn a_file_added_again_under_its_name_replaces_the_earlier_copy() {
    let mut db = Idb::default();
    let (mut shelf, _, _) = db.open(&[cd()]);
    add(
        &mut db,
        &mut shelf,
        &[("a.json", Ok(file(&cd(), "A", &[])))],
        &[cd()],
    );
    let r = add(
        &mut db,
        &mut shelf,
        &[("a.json", Ok(file(&cd(), "A", &["CM-VC-VCS-L2-1"])))],
        &[cd()],
    );
    // The list first names the new copy, then the old copy's contents go.
    assert_eq!(
        r.ops.last(),
        Some(&Op::Delete(Key::PortfolioFile("k1".into())))
    );
    assert_eq!(db.contents(), ["k2"]);
    assert_eq!(names(&shelf), [("a.json".into(), false)]);
    let (again, _, _) = db.open(&[cd()]);
    assert_eq!(again.holdings().files.len(), 1);
    assert_eq!(
        again.files()[0].assessment.status("CM-VC-VCS-L2-1"),
        Some(Status::Met)
    );
}

#[test]
fn a_folder_read_again_replaces_its_files_with_what_is_there_now() {
    let mut db = Idb::default();
    let (mut shelf, _, _) = db.open(&[cd()]);
    add(
        &mut db,
        &mut shelf,
        &[("picked.json", Ok(file(&cd(), "P", &[])))],
        &[cd()],
    );
    let first = read_folder(
        &mut db,
        &mut shelf,
        &[
            ("x.json", Ok(file(&cd(), "X", &[]))),
            ("y.json", Ok(file(&cd(), "Y", &[]))),
            ("z.json", Ok(file(&cd(), "Z", &[]))),
        ],
    );
    assert_eq!(first.added, 3);
    assert!(first
        .ops
        .contains(&Op::RememberFolder(Key::PortfolioFolder)));
    assert_eq!(db.map.get("pfolder").map(String::as_str), Some("<handle>"));
    assert_eq!(db.contents(), ["k1", "k2", "k3", "k4"]);
    // Read again: x changed, y removed, z damaged, w new.
    let again = read_folder(
        &mut db,
        &mut shelf,
        &[
            ("x.json", Ok(file(&cd(), "X", &["CM-VC-VCS-L2-1"]))),
            ("z.json", Ok(DAMAGED.into())),
            ("w.json", Ok(file(&cd(), "W", &[]))),
        ],
    );
    assert_eq!(again.added, 2);
    assert_eq!(again.refused.len(), 1);
    assert_eq!(again.refused[0].name, "z.json");
    assert_eq!(
        names(&shelf),
        [
            ("picked.json".into(), false),
            ("x.json".into(), true),
            ("w.json".into(), true)
        ]
    );
    // The folder's earlier contents are gone; the picked file's stay.
    assert_eq!(db.contents(), ["k1", "k5", "k6"]);
    let (opened, _, report) = db.open(&[cd()]);
    assert!(report.missing.is_empty() && report.ops.is_empty());
    assert_eq!(opened.folder(), Some("team"));
    assert_eq!(names(&opened), names(&shelf));
    assert_eq!(
        opened.files()[1].assessment.status("CM-VC-VCS-L2-1"),
        Some(Status::Met)
    );
}

#[test]
fn a_file_removed_and_everything_cleared_leave_nothing_behind() {
    let mut db = Idb::default();
    let (mut shelf, _, _) = db.open(&[cd()]);
    assert_eq!(shelf.set_stored("s1", true).len(), 1);
    assert!(shelf.set_stored("s1", true).is_empty(), "nothing changed");
    db.run(shelf.set_stored("s1", true));
    add(
        &mut db,
        &mut shelf,
        &[
            ("a.json", Ok(file(&cd(), "A", &[]))),
            ("b.json", Ok(file(&cd(), "B", &[]))),
        ],
        &[cd()],
    );
    read_folder(
        &mut db,
        &mut shelf,
        &[("x.json", Ok(file(&cd(), "X", &[])))],
    );
    let ops = shelf.remove_file("k1");
    assert_eq!(
        ops.last(),
        Some(&Op::Delete(Key::PortfolioFile("k1".into())))
    );
    db.run(ops);
    assert_eq!(db.contents(), ["k2", "k3"]);
    assert_eq!(db.open(&[cd()]).0.holdings().files.len(), 2);
    let ops = shelf.clear_files();
    assert_eq!(ops[0], Op::Delete(Key::PortfolioFolder));
    db.run(ops);
    assert!(db.contents().is_empty());
    assert!(!db.map.contains_key("pfolder"));
    let (opened, _, _) = db.open(&[cd()]);
    assert!(opened.files().is_empty() && opened.folder().is_none());
    assert!(
        opened.has_stored("s1"),
        "the stored assessments stay chosen"
    );
}

#[test]
fn forgetting_the_folder_keeps_the_picked_files() {
    let mut db = Idb::default();
    let (mut shelf, _, _) = db.open(&[cd()]);
    add(
        &mut db,
        &mut shelf,
        &[("a.json", Ok(file(&cd(), "A", &[])))],
        &[cd()],
    );
    read_folder(
        &mut db,
        &mut shelf,
        &[("x.json", Ok(file(&cd(), "X", &[])))],
    );
    db.run(shelf.forget_folder());
    assert_eq!(db.contents(), ["k1"]);
    let (opened, _, _) = db.open(&[cd()]);
    assert_eq!(names(&opened), [("a.json".into(), false)]);
    assert!(opened.folder().is_none() && !db.map.contains_key("pfolder"));
}

#[test]
fn files_of_two_models_each_keep_their_own_and_wait_for_it() {
    let mut db = Idb::default();
    let both = [cd(), tiny()];
    let (mut shelf, _, _) = db.open(&both);
    let r = add(
        &mut db,
        &mut shelf,
        &[
            ("cd.json", Ok(file(&cd(), "CD", &[]))),
            ("tiny.json", Ok(file(&tiny(), "Tiny", &["D1-C1-I1-L2-1"]))),
        ],
        &both,
    );
    assert_eq!(r.added, 2);
    let p = shelf.portfolio(|_| None, &both);
    let keys: Vec<String> = p.members().iter().map(|m| m.model_key()).collect();
    assert_eq!(keys, [cd().key(), tiny().key()]);
    // Without the tiny model loaded, its file does not read, and stays.
    let (opened, _, report) = db.open(&[cd()]);
    assert_eq!(names(&opened), [("cd.json".into(), false)]);
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].name, "tiny.json");
    assert!(report.refused[0].problems.iter().any(|p| p.is_error()));
    assert!(report.ops.is_empty(), "its contents are not swept");
    assert_eq!(opened.holdings().files.len(), 2);
    // With the model loaded again, it is back.
    let (opened, _, report) = db.open(&both);
    assert!(report.refused.is_empty());
    assert_eq!(opened.portfolio(|_| None, &both).members().len(), 2);
}

#[test]
fn a_list_from_a_newer_workbook_is_left_as_it_is() {
    let mut db = Idb::default();
    let newer = "{\"schema\":99,\"stored\":[\"x\"],\"files\":[]}";
    db.map.insert("portfolio".into(), newer.into());
    db.map.insert("pfile:theirs".into(), "{}".into());
    db.map.insert("pfolder".into(), "<their handle>".into());
    let (mut shelf, problem, report) = db.open(&[cd()]);
    assert_eq!(problem, Some(HoldingsError::Newer(99)));
    assert!(shelf.is_frozen() && report.ops.is_empty());
    let before = db.map.clone();
    let r = add(
        &mut db,
        &mut shelf,
        &[("a.json", Ok(file(&cd(), "A", &[])))],
        &[cd()],
    );
    assert_eq!(r.added, 1, "shown in the page");
    assert!(r.ops.is_empty());
    assert!(shelf.set_stored("s", true).is_empty());
    assert!(shelf.remove_file("k1").is_empty());
    assert!(shelf.clear_files().is_empty());
    assert!(shelf.forget_folder().is_empty());
    assert_eq!(db.map, before, "nothing stored changed");
}

#[test]
fn orphans_are_swept_only_after_the_list_was_read_as_it_is() {
    let mut db = Idb::default();
    let (mut shelf, _, _) = db.open(&[cd()]);
    add(
        &mut db,
        &mut shelf,
        &[("a.json", Ok(file(&cd(), "A", &[])))],
        &[cd()],
    );
    // Contents written, list not: left by an interrupted addition.
    db.map.insert("pfile:orphan".into(), file(&cd(), "O", &[]));
    let (_, _, report) = db.open(&[cd()]);
    assert_eq!(
        report.ops,
        [Op::Delete(Key::PortfolioFile("orphan".into()))]
    );
    assert_eq!(db.contents(), ["k1"]);
    // A list that does not read says nothing about which contents are orphans.
    db.map.insert("portfolio".into(), "not json".into());
    db.map.insert("pfile:orphan".into(), "{}".into());
    let (shelf, problem, report) = db.open(&[cd()]);
    assert_eq!(problem, Some(HoldingsError::Unreadable));
    assert!(!shelf.is_frozen() && report.ops.is_empty());
    assert_eq!(db.contents(), ["k1", "orphan"]);
    // Nor does a store that could not be read.
    assert!(Shelf::unreadable().sweep(["k1", "orphan"]).is_empty());
}

#[test]
fn a_failed_write_of_the_contents_shows_the_files_now_and_names_them_missing_later() {
    let mut db = Idb {
        fail_contents: true,
        ..Idb::default()
    };
    let (mut shelf, _, _) = db.open(&[cd()]);
    let mut keys = ["k1".to_string()].into_iter();
    let r = shelf.add_files(
        incoming(&[("a.json", Ok(file(&cd(), "A", &[])))]),
        &[cd()],
        T1,
        || keys.next().unwrap(),
    );
    assert_eq!(db.run(r.ops), 1, "the failed write is reported");
    assert_eq!(
        names(&shelf),
        [("a.json".into(), false)],
        "still in the page"
    );
    let (opened, _, report) = db.open(&[cd()]);
    assert_eq!(report.missing, ["a.json"]);
    assert!(opened.files().is_empty());
}

#[test]
fn stored_assessments_are_members_while_they_exist() {
    let mut shelf = Shelf::new();
    shelf.set_stored("s1", true);
    shelf.set_stored("gone", true);
    let mut a = Assessment::new("s1", "Stored", &cd(), 3, Lang::Zh, T0);
    a.apply(
        &Edit::Answer {
            req: "CM-VC-VCS-L2-1".into(),
            status: Some(Status::Met),
        },
        T0,
    );
    let p = shelf.portfolio(|id| (id == "s1").then(|| a.clone()), &[cd()]);
    let ids: Vec<&MemberId> = p.members().iter().map(|m| &m.id).collect();
    assert_eq!(ids, [&MemberId::Stored("s1".into())]);
    assert_eq!(shelf.set_stored("s1", false).len(), 1);
    assert!(!shelf.has_stored("s1"));
}
