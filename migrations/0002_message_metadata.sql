-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Messages gain metadata: a nullable JSON object (the model, token usage, finish reason).

ALTER TABLE "messages" ADD COLUMN "metadata" text;
