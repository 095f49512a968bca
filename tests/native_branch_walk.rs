#![cfg(not(target_arch = "wasm32"))]
//! The walk up a branch on real SQLite: bounded by the window (its plan seeks, never scans the
//! conversation, and a window of 50 costs the same steps on 100,000 messages and 1,000 branches
//! as on 100 messages), and a conversation written before branching reads exactly as Part 1 did.

mod common;

use chat_d1::core::chat::branches::{active_branch, branch_before, branch_to, delete_below};
use chat_d1::core::chat::Scope;
use common::args::text;
use common::tree::{branch, ids, user_turn};
use common::{data_layer, Sqlite, T0};

fn scope() -> Scope {
    Scope::new(&text("s")).expect("a valid session id")
}

/// `c` in session `s`: a trunk of 100 messages and `branches` branches of 99 messages each, every
/// one forked from a trunk message (round robin); the newest message ends the last branch.
fn seed(db: &Sqlite, branches: i64) {
    db.exec(
        "INSERT INTO client_sessions VALUES ('s', 't', 't', NULL);
         INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('c', 's', NULL, 't', 't');
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
         INSERT INTO messages (id, conversation_id, role, content, created_at, parent_id)
           SELECT 't' || i, 'c', 'user', 'x', printf('%09d', i), CASE i WHEN 0 THEN '' ELSE 't' || (i - 1) END FROM n;",
    )
    .expect("the trunk");
    if branches == 0 {
        return;
    }
    db.exec(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {branches} * 99 - 1)
         INSERT INTO messages (id, conversation_id, role, content, created_at, parent_id)
           SELECT 'b' || i, 'c', 'assistant', 'x', printf('%09d', 100 + i),
             CASE i % 99 WHEN 0 THEN 't' || ((i / 99) % 100) ELSE 'b' || (i - 1) END FROM n;"
    ))
    .expect("the branches");
}

#[test]
fn the_walk_up_a_branch_seeks_and_never_scans_or_sorts_the_conversation() {
    let db = Sqlite::migrated();
    let s = scope();
    let plans = [
        db.plan(&active_branch(&s, "c", 51, "t")),
        db.plan(&branch_to(&s, "c", "m", 51, "t")),
        db.plan(&branch_before(&s, "c", ("m", "t"), 51, "t")),
    ];
    for plan in &plans {
        let scans: Vec<&str> = plan
            .split(" | ")
            .filter(|step| step.starts_with("SCAN") && !["SCAN path", "SCAN walked"].contains(step))
            .collect();
        assert!(scans.is_empty(), "{plan}");
        // The walk (`path`) and the window (`walked`, its rows with their messages) are the only
        // tables scanned; the one sort is of the window, by depth, after the walk.
        assert_eq!(plan.matches("TEMP B-TREE").count(), 1, "{plan}");
        assert!(plan.ends_with("USE TEMP B-TREE FOR ORDER BY"), "{plan}");
    }
    let below = db.plan(&delete_below(&s, "c", "m"));
    assert!(
        !below.contains("SCAN m") && !below.contains("SCAN messages"),
        "{below}"
    );
}

#[test]
fn a_window_of_50_costs_the_same_on_100000_messages_and_1000_branches_as_on_100() {
    let (small, large) = (Sqlite::migrated(), Sqlite::migrated());
    seed(&small, 0);
    seed(&large, 1000);
    assert_eq!(large.count("messages"), 100 + 1000 * 99);
    let s = scope();
    let window = |db: &Sqlite, statement| db.cost(&statement);
    let (small_rows, small_steps, small_scans, _) = window(&small, active_branch(&s, "c", 51, "t"));
    let (large_rows, large_steps, large_scans, sorts) =
        window(&large, active_branch(&s, "c", 51, "t"));
    assert_eq!((small_rows, large_rows), (51, 51));
    // The only full scan is of the window itself (the materialized walk, 50 rows), and the one
    // sort is of it.
    assert_eq!((small_scans, large_scans, sorts), (50, 50, 1));
    // 11,265 steps against 11,264 when written: forks along the way add a few sibling index
    // entries, nothing proportional to the size.
    assert!(
        large_steps < small_steps * 11 / 10,
        "{large_steps} steps against {small_steps}"
    );
    let (_, deep_steps, _, _) = window(&large, branch_to(&s, "c", "t99", 51, "t"));
    assert!(
        deep_steps < small_steps * 3,
        "{deep_steps} against {small_steps}"
    );
}

#[test]
fn a_conversation_written_before_branching_reads_exactly_as_part_1_did() {
    let layer = data_layer();
    let s = scope();
    layer
        .storage()
        .exec(
            "INSERT INTO client_sessions VALUES ('s', 't', 't', NULL);
             INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('c', 's', NULL, 't', 't');
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59)
             INSERT INTO messages (id, conversation_id, role, content, created_at)
               SELECT 'm' || i, 'c', 'user', 'x', '2025-01-01T00:00:0' || (i / 10) || '.000Z' FROM n;
             -- written late, stamped in the oldest millisecond
             INSERT INTO messages (id, conversation_id, role, content, created_at)
               VALUES ('late', 'c', 'user', 'x', '2025-01-01T00:00:00.000Z');",
        )
        .expect("seed");
    let part_1 = layer
        .storage()
        .rows("SELECT id FROM messages WHERE conversation_id = 'c' ORDER BY created_at, rowid");
    let part_1: Vec<String> = part_1.into_iter().map(|row| row[0].clone()).collect();
    for limit in [1, 7, 50, 1000] {
        let read = branch(&layer, &s, limit, None);
        assert_eq!(ids(&read), part_1, "pages of {limit}");
        for (i, node) in read.iter().enumerate() {
            assert_eq!(node.siblings, (0, 1));
            assert_eq!(
                node.parent.as_deref(),
                i.checked_sub(1).map(|p| part_1[p].as_str())
            );
        }
    }
    // The chat API goes on from it, and a message the drop-in API adds after that (it cannot set a
    // parent) still extends the active branch.
    let history = user_turn(&layer, &s, ("next", None), false, T0);
    assert_eq!(history.len(), 62);
    layer
        .storage()
        .exec("INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('dropin', 'c', 'assistant', 'x', '2026-01-01T00:00:00.000Z')")
        .expect("a drop-in write");
    let read = branch(&layer, &s, 50, None);
    assert_eq!(ids(&read[61..]), ["next", "dropin"]);
    assert_eq!(read[62].parent.as_deref(), Some("next"));
}
