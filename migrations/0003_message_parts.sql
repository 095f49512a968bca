-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.
-- Messages gain parts: the AI SDK's UIMessage parts as JSON text (NULL: the content is one text part).

ALTER TABLE "messages" ADD COLUMN "parts" text;
