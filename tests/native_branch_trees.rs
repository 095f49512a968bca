#![cfg(not(target_arch = "wasm32"))]
//! Random trees on real SQLite: messages written under random parents (the active leaf, a new
//! root, any message), branches selected and cut at random, several in one millisecond; then every
//! branch, read back page by page, is its path from the root in order, each message on exactly the
//! branches through it, with the right parent, sibling index and count, and neighbours' ids.

mod common;

use chat_d1::core::chat::Scope;
use common::args::text;
use common::tree::{branch, reply_under, user_turn, Node};
use common::{block_on, data_layer, T0};
use proptest::prelude::*;

/// One step of a random history.
#[derive(Debug, Clone)]
enum Step {
    /// A message under the active leaf.
    Next,
    /// A message under the message numbered (modulo how many there are).
    Under(usize),
    /// A new root (the first message edited).
    Root,
    /// `selectBranch` on the message numbered.
    Select(usize),
    /// `deleteMessagesAfter` on the message numbered.
    Cut(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => Just(Step::Next),
        4 => any::<usize>().prop_map(Step::Under),
        1 => Just(Step::Root),
        2 => any::<usize>().prop_map(Step::Select),
        1 => any::<usize>().prop_map(Step::Cut),
    ]
}

/// The tree as the test keeps it: each message's parent (by number), whether it is still there,
/// and the active leaf. Numbers are creation order, which is the conversation's order.
#[derive(Default)]
struct Model {
    parents: Vec<Option<usize>>,
    alive: Vec<bool>,
    leaf: Option<usize>,
}

impl Model {
    fn living(&self) -> Vec<usize> {
        (0..self.parents.len()).filter(|&m| self.alive[m]).collect()
    }

    fn pick(&self, n: usize) -> Option<usize> {
        let living = self.living();
        (!living.is_empty()).then(|| living[n % living.len()])
    }

    fn children(&self, parent: Option<usize>) -> Vec<usize> {
        let child = |&m: &usize| self.parents[m] == parent;
        self.living().into_iter().filter(child).collect()
    }

    fn below(&self, top: usize) -> Vec<usize> {
        let mut found = vec![top];
        let mut i = 0;
        while i < found.len() {
            found.extend(self.children(Some(found[i])));
            i += 1;
        }
        found
    }

    fn path(&self, leaf: usize) -> Vec<Node> {
        let mut path = Vec::new();
        let mut at = Some(leaf);
        while let Some(m) = at {
            let parent = self.parents[m];
            let siblings = self.children(parent);
            let index = siblings
                .iter()
                .position(|&s| s == m)
                .expect("among its siblings");
            let name = |i: Option<&usize>| i.map(|s| format!("m{s}"));
            path.push(Node {
                id: format!("m{m}"),
                parent: parent.map(|p| format!("m{p}")),
                siblings: (index as i64, siblings.len() as i64),
                neighbours: (
                    name(index.checked_sub(1).and_then(|i| siblings.get(i))),
                    name(siblings.get(index + 1)),
                ),
            });
            at = parent;
        }
        path.reverse();
        path
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_branch_reads_back_as_its_path(
        steps in proptest::collection::vec(step(), 1..40),
        page in 1u32..6,
    ) {
        let layer = data_layer();
        let s = Scope::new(&text("s")).expect("a valid session id");
        let mut model = Model::default();
        user_turn(&layer, &s, ("m0", None), true, T0);
        model.parents.push(None);
        model.alive.push(true);
        model.leaf = Some(0);
        for (i, step) in steps.iter().enumerate() {
            // Two steps per millisecond: ties are ordered by insertion.
            let at = T0 + i as i64 / 2;
            let parent = match step {
                Step::Next => Some(model.leaf),
                Step::Root => Some(None),
                Step::Under(n) => model.pick(*n).map(Some),
                Step::Select(n) => {
                    if let Some(m) = model.pick(*n) {
                        block_on(layer.select_branch(&s, &text("c"), &text(format!("m{m}"))))
                            .expect("selected");
                        model.leaf = model.below(m).into_iter().max();
                    }
                    None
                }
                Step::Cut(n) => {
                    if let Some(m) = model.pick(*n) {
                        let gone = model.below(m);
                        let deleted = block_on(layer.delete_messages_after(
                            &s, &text("c"), &text(format!("m{m}")),
                        )).expect("cut");
                        prop_assert_eq!(deleted, gone.len() - 1);
                        for d in &gone[1..] {
                            model.alive[*d] = false;
                        }
                        model.leaf = Some(m);
                    }
                    None
                }
            };
            if let Some(parent) = parent {
                let id = format!("m{}", model.parents.len());
                let named = parent.map(|p| format!("m{p}"));
                let given = match step {
                    Step::Next => None,
                    _ => Some(named.as_deref()),
                };
                reply_under(&layer, &s, (&id, given), at);
                model.parents.push(parent);
                model.alive.push(true);
                model.leaf = Some(model.parents.len() - 1);
            }
        }
        let leaves: Vec<usize> = model
            .living()
            .into_iter()
            .filter(|&m| model.children(Some(m)).is_empty())
            .collect();
        let mut read = Vec::new();
        for leaf in &leaves {
            let id = format!("m{leaf}");
            let branch = branch(&layer, &s, page, Some(&id));
            prop_assert_eq!(&branch, &model.path(*leaf), "leaf {}", id);
            read.push(branch);
        }
        let active = model.leaf.expect("a leaf");
        prop_assert_eq!(branch(&layer, &s, page, None), model.path(active));
        // Every message is on exactly the branches read through the leaves below it.
        for m in model.living() {
            let id = format!("m{m}");
            let on = read.iter().filter(|b| b.iter().any(|n| n.id == id)).count();
            let below = model.below(m).into_iter().filter(|d| leaves.contains(d)).count();
            prop_assert_eq!(on, below, "{}", id);
        }
    }
}
