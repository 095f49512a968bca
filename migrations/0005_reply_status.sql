-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Messages gain a status and when they were last written (NULL: a finished message): replies in flight.

ALTER TABLE "messages" ADD COLUMN "status" text;
ALTER TABLE "messages" ADD COLUMN "updated_at" text;
