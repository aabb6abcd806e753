//! Invariants of the scoring rule, checked on random answers to the embedded CD model.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use maturity_core::assess::assessment::{Answer, Assessment, Edit, Status};
use maturity_core::assess::rule::Rule;
use maturity_core::assess::score::{score, Results};
use maturity_core::model::validate::load_model;
use maturity_core::model::EMBEDDED_MODEL;
use maturity_core::model::{LoadedModel, Node};
use maturity_core::text::Lang;
use proptest::prelude::*;
use std::sync::OnceLock;

fn model() -> &'static LoadedModel {
    static MODEL: OnceLock<LoadedModel> = OnceLock::new();
    MODEL.get_or_init(|| load_model(EMBEDDED_MODEL).expect("embedded model loads"))
}

fn status(n: u8) -> Status {
    Status::ALL[usize::from(n % 4)]
}

/// Random answers: pairs of (requirement index, status code), later pairs overriding earlier.
fn answers_strategy() -> impl Strategy<Value = Vec<(usize, u8)>> {
    let n = model().requirement_count();
    proptest::collection::vec((0..n, 0u8..4), 0..400)
}

fn to_map(pairs: &[(usize, u8)]) -> BTreeMap<String, Answer> {
    let m = model();
    pairs
        .iter()
        .map(|&(r, s)| (m.requirement_id(r).to_string(), Answer::new(status(s))))
        .collect()
}

fn all_nodes(m: &LoadedModel) -> Vec<Node> {
    let mut nodes = vec![Node::Part];
    nodes.extend((0..m.domain_count()).map(Node::Domain));
    nodes.extend((0..m.capability_count()).map(Node::Capability));
    nodes.extend((0..m.item_count()).map(Node::Item));
    nodes
}

fn levels(r: &Results) -> Vec<u8> {
    all_nodes(model())
        .into_iter()
        .map(|n| r.node(n).level())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn levels_stay_in_range(pairs in answers_strategy(), target in 2u8..=5) {
        let r = score(model(), &to_map(&pairs), target, Rule::CaictStrict);
        for node in all_nodes(model()) {
            let label = r.node(node).label;
            prop_assert!((1..=5).contains(&label.level), "{node:?} {label:?}");
            prop_assert!(!(label.partial && label.level == 5), "{node:?} cannot be 6-");
        }
        prop_assert_eq!(r.distribution.iter().sum::<u32>() as usize, model().item_count());
    }

    #[test]
    fn a_parent_is_never_above_its_weakest_child(pairs in answers_strategy()) {
        let m = model();
        let r = score(m, &to_map(&pairs), 3, Rule::CaictStrict);
        for c in 0..m.capability_count() {
            let weakest = m.capability_items(c).map(|i| r.items[i].level()).min().unwrap();
            prop_assert!(r.capabilities[c].level() <= weakest);
        }
        for d in 0..m.domain_count() {
            let weakest = m.domain_capabilities(d).map(|c| r.capabilities[c].level()).min().unwrap();
            prop_assert!(r.domains[d].level() <= weakest);
        }
        let weakest = r.domains.iter().map(|d| d.level()).min().unwrap();
        prop_assert!(r.part.level() <= weakest);
    }

    #[test]
    fn satisfying_a_requirement_never_lowers_a_level(
        pairs in answers_strategy(),
        pick in 0usize..10_000,
        na in any::<bool>(),
        target in 2u8..=5,
    ) {
        let m = model();
        let mut answers = to_map(&pairs);
        let before = score(m, &answers, target, Rule::CaictStrict);
        let r = pick % m.requirement_count();
        let s = if na { Status::NotApplicable } else { Status::Met };
        answers.insert(m.requirement_id(r).to_string(), Answer::new(s));
        let after = score(m, &answers, target, Rule::CaictStrict);
        for (node, (b, a)) in all_nodes(m).into_iter().zip(levels(&before).into_iter().zip(levels(&after))) {
            prop_assert!(a >= b, "{node:?} went from {b} to {a}");
        }
        prop_assert!(after.blocking.len() <= before.blocking.len());
    }

    #[test]
    fn the_result_does_not_depend_on_answer_order(pairs in answers_strategy(), seed in any::<u64>()) {
        let m = model();
        // One edit per requirement (the last one given), applied in two different orders.
        let distinct: BTreeMap<usize, u8> = pairs.iter().copied().collect();
        let edits: Vec<Edit> = distinct
            .iter()
            .map(|(&r, &s)| Edit::Answer { req: m.requirement_id(r).to_string(), status: Some(status(s)) })
            .collect();
        let mut shuffled = edits.clone();
        // A small deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let mut a = Assessment::new("a", "n", m, 3, Lang::Zh, "t");
        let mut b = a.clone();
        for e in &edits { a.apply(e, "t"); }
        for e in &shuffled { b.apply(e, "t"); }
        prop_assert_eq!(&a.answers, &b.answers);
        prop_assert_eq!(
            score(m, &a.answers, 3, Rule::CaictStrict),
            score(m, &b.answers, 3, Rule::CaictStrict)
        );
    }
}
