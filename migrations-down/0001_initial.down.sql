-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Reverts 0001_initial.sql. Not run by wrangler; apply by hand with `wrangler d1 execute --file`.

DROP TABLE IF EXISTS "messages";
DROP TABLE IF EXISTS "conversations";
DROP TABLE IF EXISTS "client_sessions";
