-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Reverts 0004_message_branches.sql. Not run by wrangler; apply by hand with `wrangler d1 execute --file`.

DROP INDEX "idx_msg_parent";
ALTER TABLE "messages" DROP COLUMN "parent_id";
ALTER TABLE "conversations" DROP COLUMN "active_leaf_id";
