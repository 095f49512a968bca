-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Messages gain a parent (NULL: the message before them), conversations an active leaf (NULL: the newest message): edits and regenerations branch.

ALTER TABLE "conversations" ADD COLUMN "active_leaf_id" text;
ALTER TABLE "messages" ADD COLUMN "parent_id" text;
CREATE INDEX "idx_msg_parent" ON "messages" ("conversation_id", "parent_id", "created_at");
