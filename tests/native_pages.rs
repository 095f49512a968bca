#![cfg(not(target_arch = "wasm32"))]
//! Pages on real SQLite: every conversations page is served by its index in the index's own order,
//! a seek to the cursor's position rather than a walk to it, with no sort; a page of messages
//! before a cursor, on a conversation without branches, is Part 1's page (the walk's plan is
//! checked in `native_branches.rs`).

mod common;

use chat_d1::core::chat::branches;
use chat_d1::core::chat::cursor::Position;
use chat_d1::core::chat::pages;
use chat_d1::core::chat::Scope;
use common::args::text;
use common::Sqlite;

/// A cursor's position: `instant`, then `id`.
fn at(instant: &str, id: &str) -> Position {
    Position {
        instant: instant.into(),
        id: id.into(),
    }
}

/// The position of the row `id` of `table` (`messages` or `conversations`), as a page reads it.
fn position_of(db: &Sqlite, table: &str, instant: &str, id: &str) -> Position {
    at(
        &db.text(&format!("SELECT {instant} FROM {table} WHERE id = '{id}'")),
        id,
    )
}

#[test]
fn every_page_is_an_index_seek_without_a_sort() {
    let db = Sqlite::migrated();
    let s = Scope::new(&text("s")).expect("a valid session id");
    let conversations = [
        db.plan(&pages::conversations_page(&s, None, 21)),
        db.plan(&pages::conversations_page(&s, Some(&at("t", "c")), 21)),
    ];
    for plan in &conversations {
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        assert!(
            !plan.contains("SCAN conversations") && !plan.contains("SCAN messages"),
            "{plan}"
        );
    }
    // The cursor's own instant is a seek on rowid, not a walk through every tied row.
    for seek in ["updated_at=? AND rowid>?", "updated_at<?"] {
        let step = format!("idx_conv_session_updated (session_id=? AND {seek})");
        assert!(conversations[1].contains(&step), "{}", conversations[1]);
    }
}

#[test]
fn a_page_before_a_message_of_a_linear_conversation_is_the_next_messages_in_order_across_tied_milliseconds(
) {
    let db = Sqlite::migrated();
    let s = Scope::new(&text("s")).expect("a valid session id");
    db.exec(
        "INSERT INTO client_sessions VALUES ('s', 't', 't', NULL), ('other', 't', 't', NULL);
         INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('c', 's', NULL, 't', 't');
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 249)
         INSERT INTO messages (id, conversation_id, role, content, created_at) SELECT 'm' || i, 'c', 'user', 'x', 't' || (i / 50) FROM n;
         -- one message written late, stamped in the oldest millisecond
         INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('late', 'c', 'user', 'x', 't0');",
    )
    .expect("seed");
    // Newest first: the later millisecond first, then the later insertion.
    let mut newest_first: Vec<String> = (0..250).map(|i| format!("m{i}")).collect();
    newest_first.insert(50, "late".into());
    newest_first.reverse();
    for (at, before) in newest_first.iter().enumerate() {
        let position = position_of(&db, "messages", "created_at", before);
        let cursor = (position.id.as_str(), position.instant.as_str());
        let page = db.ids(&branches::branch_before(&s, "c", cursor, 7, "t"));
        let expected: Vec<String> = newest_first.iter().skip(at + 1).take(7).cloned().collect();
        assert_eq!(page, expected, "the page before {before}");
    }
    let other = Scope::new(&text("other")).expect("a valid session id");
    assert!(db
        .ids(&branches::branch_before(
            &other,
            "c",
            ("m200", "t4"),
            7,
            "t"
        ))
        .is_empty());
}

#[test]
fn a_page_after_a_conversation_is_the_next_conversations_in_order_across_tied_instants() {
    let db = Sqlite::migrated();
    let s = Scope::new(&text("s")).expect("a valid session id");
    db.exec(
        "INSERT INTO client_sessions VALUES ('s', 't', 't', NULL), ('other', 't', 't', NULL);
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 249)
         INSERT INTO conversations (id, session_id, title, created_at, updated_at) SELECT 'c' || i, 's', NULL, 't', 't' || (i / 50) FROM n;
         -- one conversation of another session, in the middle of the instants
         INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('foreign', 'other', NULL, 't', 't2');",
    )
    .expect("seed");
    // Most recently updated first, then in insertion order.
    let in_order: Vec<String> = (0..5)
        .rev()
        .flat_map(|instant| (instant * 50..instant * 50 + 50).map(|i| format!("c{i}")))
        .collect();
    for (at, after) in in_order.iter().enumerate() {
        let position = position_of(&db, "conversations", "updated_at", after);
        let page = db.ids(&pages::conversations_page(&s, Some(&position), 7));
        let expected: Vec<String> = in_order.iter().skip(at + 1).take(7).cloned().collect();
        assert_eq!(page, expected, "the page after {after}");
    }
    assert_eq!(
        db.ids(&pages::conversations_page(&s, None, 3)),
        in_order[..3]
    );
    let other = Scope::new(&text("other")).expect("a valid session id");
    assert!(db
        .ids(&pages::conversations_page(
            &other,
            Some(&at("t0", "c10")),
            7
        ))
        .is_empty());
}

#[test]
fn a_page_goes_on_from_where_the_caller_stopped_when_that_item_moved_or_went() {
    let db = Sqlite::migrated();
    let s = Scope::new(&text("s")).expect("a valid session id");
    db.exec(
        "INSERT INTO client_sessions VALUES ('s', 't', 't', NULL);
         INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES
           ('a', 's', NULL, 't', 't3'), ('b', 's', NULL, 't', 't2'), ('c', 's', NULL, 't', 't2'),
           ('d', 's', NULL, 't', 't2'), ('e', 's', NULL, 't', 't1');",
    )
    .expect("seed");
    let after_b = position_of(&db, "conversations", "updated_at", "b");
    // `b` is touched (it moves to the top): the page after it, as listed, is still c, d, e.
    db.exec("UPDATE conversations SET updated_at = 't9' WHERE id = 'b'")
        .expect("touch");
    let page = db.ids(&pages::conversations_page(&s, Some(&after_b), 7));
    assert_eq!(page, ["c", "d", "e"]);
    // `c` is deleted: the rest of its instant is skipped, never the older instants.
    let after_c = position_of(&db, "conversations", "updated_at", "c");
    db.exec("DELETE FROM conversations WHERE id = 'c'")
        .expect("delete");
    let page = db.ids(&pages::conversations_page(&s, Some(&after_c), 7));
    assert_eq!(page, ["e"]);
}
