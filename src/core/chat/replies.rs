//! Replies in flight: `startTurn({ reply })` reserves the assistant's reply (`streaming`) in the
//! turn's round trip, `updateReply` checkpoints it, `finishReply` ends it `done`, `stopped` or
//! `error`. A finished reply is never changed by either again; one still `streaming` whose last
//! write is older than the client's `staleAfterMs` reads as `interrupted`. SQL from
//! `src/generate/sources/replies.rs`.

use crate::core::arg::Arg;
use crate::core::chat::args::expect_object;
use crate::core::chat::branches::branch_to;
use crate::core::chat::parts::{body, Names, PartsArgs};
use crate::core::chat::{self, Scope};
use crate::core::dropin::sessions::Metadata;
use crate::core::error::{quote, Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome, Rows, DEFAULT_STALE_AFTER_MS};
use crate::core::model::ChatMessage;
use crate::core::rows::Checked;
use crate::core::sql;
use crate::core::statement::text;
use crate::core::storage::Storage;
use crate::core::time::iso_timestamp;
use crate::core::value::{ResultSet, SqlValue};

/// `chat.updateReply(conversationId, replyId, { parts | content, metadata? })`.
pub const UPDATE_REPLY: Method = Method {
    name: "updateReply",
    message_prefix: "Failed to update reply: ",
    default_code: ErrorCode::UpdateError,
};

/// `chat.finishReply(conversationId, replyId, { parts | content, metadata?, status })`.
pub const FINISH_REPLY: Method = Method {
    name: "finishReply",
    message_prefix: "Failed to finish reply: ",
    default_code: ErrorCode::UpdateError,
};

/// `staleAfterMs`, the client option: how long a reply may go without a write before it reads as
/// `interrupted`. Its default is the spec's; at most a day.
pub const STALE_AFTER_MS: chat::Limit = chat::Limit {
    default: DEFAULT_STALE_AFTER_MS,
    max: 86_400_000,
    expected: "an integer from 1 to 86400000 (ms)",
};

/// The status a reserved reply holds until it is finished.
pub const STREAMING: &str = "streaming";

/// The statuses `finishReply` takes.
const FINISHED: [&str; 3] = ["done", "stopped", "error"];

/// `updateReply`'s or `finishReply`'s third argument, as the boundary read it.
#[derive(Debug)]
pub struct ReplyArgs<Cause> {
    /// The argument itself.
    pub reply: Arg,
    /// `content`.
    pub content: Arg,
    /// `parts`.
    pub parts: PartsArgs<Cause>,
    /// `metadata`.
    pub metadata: Metadata<Cause>,
    /// `status` (`finishReply`'s).
    pub status: Arg,
}

/// The names of a reply's body.
const REPLY_BODY: Names = Names {
    content: "reply.content",
    parts: "reply.parts",
};

impl<S: Storage> DataLayer<S> {
    /// Checkpoints a reply still `streaming`: its body (and metadata, when given) as streamed so
    /// far, and the time, in one round trip of two statements. `NOT_FOUND` when the reply is not
    /// in a conversation of the session, `CONSTRAINT_ERROR` when it is finished.
    pub async fn update_reply(
        &self,
        scope: &Scope,
        ids: (&Arg, &Arg),
        args: ReplyArgs<S::Cause>,
        now_millis: i64,
    ) -> Outcome<(), S> {
        self.write_reply(scope, ids, args, None, now_millis).await?;
        Ok(())
    }

    /// Finishes a reply still `streaming` as `done`, `stopped` or `error`, with its whole body;
    /// resolves to it as stored. Refused like [`update_reply`](Self::update_reply).
    pub async fn finish_reply(
        &self,
        scope: &Scope,
        ids: (&Arg, &Arg),
        args: ReplyArgs<S::Cause>,
        now_millis: i64,
    ) -> Outcome<Rows<ChatMessage, S>, S> {
        let status = match &args.status {
            Arg::Text(status) if FINISHED.contains(&status.as_str()) => status.clone(),
            other => {
                return Err(Error::Invalid {
                    argument: "reply.status",
                    expected: "\"done\", \"stopped\" or \"error\"",
                    found: other.describe().to_owned(),
                }
                .into())
            }
        };
        let written = self
            .write_reply(scope, ids, args, Some(status), now_millis)
            .await?;
        Ok(Checked::check(written.ok_or(Error::MissingRow)?)?)
    }

    /// One write of a reply: `status` `None` keeps it `streaming` (a checkpoint, read back as
    /// nothing), `Some` finishes it (read back).
    async fn write_reply(
        &self,
        scope: &Scope,
        (conversation_id, reply_id): (&Arg, &Arg),
        args: ReplyArgs<S::Cause>,
        status: Option<String>,
        now_millis: i64,
    ) -> Outcome<Option<S::Rows>, S> {
        let conversation_id = chat::id("conversationId", conversation_id)?;
        let reply_id = chat::id("replyId", reply_id)?;
        expect_object("reply", &args.reply)?;
        let body = body(REPLY_BODY, &args.content, args.parts)?;
        let metadata = chat::metadata("reply.metadata", args.metadata)?;
        let metadata_text = metadata.as_deref().unwrap_or_default();
        body.check_row(REPLY_BODY, &[&reply_id, &conversation_id, metadata_text])?;
        let now = iso_timestamp(now_millis)?;
        let finishing = status.is_some();
        let owned = || {
            (
                text(&reply_id),
                text(&conversation_id),
                text(&scope.session_id),
            )
        };
        let mut batch = vec![
            sql::reply_state(owned().0, owned().1, owned().2),
            sql::write_reply(
                text(&body.content),
                body.parts.as_deref().map_or(SqlValue::Null, text),
                metadata.as_deref().map_or(SqlValue::Null, text),
                text(status.as_deref().unwrap_or(STREAMING)),
                text(&now),
                owned().0,
                owned().1,
                owned().2,
            ),
        ];
        if finishing {
            let stale_before = self.stale_before(now_millis)?;
            batch.push(branch_to(
                scope,
                &conversation_id,
                &reply_id,
                1,
                &stale_before,
            ));
        }
        let mut results = self.storage().batch(batch).await?.into_iter();
        let state = results.next().ok_or(Error::MissingRow)?;
        let written = results.next().ok_or(Error::MissingRow)?;
        if state.is_empty() {
            return Err(Error::not_found("reply", &reply_id).into());
        }
        if written.is_empty() {
            let stored = state.text_at(0, "status")?.unwrap_or_else(|| "done".into());
            return Err(Error::Refused(format!(
                "reply {} is {stored}, not streaming: a finished reply is never changed",
                quote(&reply_id)
            ))
            .into());
        }
        Ok(results.next())
    }
}
