#![cfg(not(target_arch = "wasm32"))]
//! Pages on real SQLite: every page statement is served by its index in the index's own order, a
//! seek to the cursor's position rather than a walk to it, with no sort.

mod common;

use chat_d1::core::chat::Scope;
use chat_d1::core::pages;
use chat_d1::core::turns;
use common::args::text;
use common::Sqlite;

#[test]
fn every_page_is_an_index_seek_without_a_sort() {
    let db = Sqlite::migrated();
    let s = Scope::new(&text("s")).expect("a valid session id");
    let conversations = [
        db.plan(&pages::conversations_page(&s, None, 21)),
        db.plan(&pages::conversations_page(&s, Some("c"), 21)),
    ];
    let messages = [
        db.plan(&turns::recent_messages(&s, "c", 51)),
        db.plan(&pages::messages_before(&s, "c", "m", 51)),
    ];
    for plan in conversations.iter().chain(&messages) {
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        assert!(
            !plan.contains("SCAN conversations") && !plan.contains("SCAN messages"),
            "{plan}"
        );
    }
    assert!(
        conversations[1].contains("idx_conv_session_updated (session_id=? AND updated_at<?)"),
        "{}",
        conversations[1]
    );
    assert!(
        messages[1].contains("idx_msg_conversation (conversation_id=? AND "),
        "{}",
        messages[1]
    );
}
