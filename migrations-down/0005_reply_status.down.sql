-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Reverts 0005_reply_status.sql. Not run by wrangler; apply by hand with `wrangler d1 execute --file`.

ALTER TABLE "messages" DROP COLUMN "updated_at";
ALTER TABLE "messages" DROP COLUMN "status";
