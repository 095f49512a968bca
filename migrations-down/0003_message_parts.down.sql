-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Reverts 0003_message_parts.sql. Not run by wrangler; apply by hand with `wrangler d1 execute --file`.

ALTER TABLE "messages" DROP COLUMN "parts";
