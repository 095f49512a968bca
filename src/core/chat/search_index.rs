//! The search index's lifecycle: `DatabaseClient`'s `enableSearch` (make the index and fill it, a
//! chunk a call, resumable) and `disableSearch` (drop it). Not a migration: `wrangler d1 export`
//! refuses a database holding a virtual table, so only a database that wants search has one.

use crate::core::arg::Arg;
use crate::core::chat::{self, Limit};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome};
use crate::core::schema::SEARCH_INDEXED_ALL;
use crate::core::sql;
use crate::core::statement::Statement;
use crate::core::storage::Storage;
use crate::core::value::{ResultSet, SqlValue};

/// `db.enableSearch({ batchSize })`.
pub const ENABLE_SEARCH: Method = Method {
    name: "enableSearch",
    message_prefix: "Failed to enable search: ",
    default_code: ErrorCode::QueryError,
};

/// `db.disableSearch()`.
pub const DISABLE_SEARCH: Method = Method {
    name: "disableSearch",
    message_prefix: "Failed to disable search: ",
    default_code: ErrorCode::QueryError,
};

/// Messages indexed per call: 10,000 took at most 0.3 s on local D1 (`bench/search.mjs`), far
/// below D1's 30 s a statement.
pub const BATCH_SIZE: Limit = Limit {
    default: 10_000,
    max: 100_000,
    expected: "an integer from 1 to 100000",
};

/// Where the backfill stands after a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchProgress {
    /// How many messages the backfill has read since search was enabled (messages written after
    /// it started are indexed as they are written, and counted when the backfill reaches them).
    pub indexed: u64,
    /// True once every message is indexed: from then on every write keeps the index in step.
    pub done: bool,
}

/// One call of `enableSearch`, one transaction: the index made where missing (each statement is
/// `IF NOT EXISTS`, in an order where any prefix of them leaves the database sound, so a call on a
/// database with search does nothing but its chunk), then the next `batch_size` messages indexed
/// by the one statement that moves the progress past them.
pub fn enable_search(batch_size: u32) -> Vec<Statement> {
    let chunk = || SqlValue::Integer(batch_size.into());
    vec![
        sql::create_search_state(),
        sql::start_search_state(),
        sql::create_search_source(),
        sql::create_search_index(),
        sql::create_search_insert_trigger(),
        sql::create_search_delete_trigger(),
        sql::create_search_unindex_trigger(),
        sql::create_search_reindex_trigger(),
        sql::create_search_conversation_trigger(),
        sql::create_search_leave_trigger(),
        sql::create_search_join_trigger(),
        sql::create_search_backfill_trigger(),
        sql::advance_search_state(chunk()),
    ]
}

/// `disableSearch`: the triggers, the index, its view and its progress dropped, in one
/// transaction. Messages are untouched.
pub fn disable_search() -> Vec<Statement> {
    vec![
        sql::drop_search_insert_trigger(),
        sql::drop_search_delete_trigger(),
        sql::drop_search_unindex_trigger(),
        sql::drop_search_reindex_trigger(),
        sql::drop_search_conversation_trigger(),
        sql::drop_search_leave_trigger(),
        sql::drop_search_join_trigger(),
        sql::drop_search_backfill_trigger(),
        sql::drop_search_index(),
        sql::drop_search_source(),
        sql::drop_search_state(),
    ]
}

impl<S: Storage> DataLayer<S> {
    /// Makes the search index where it is missing and indexes the next `batchSize` messages: call
    /// it until it answers `done` (each call one round trip, one short transaction, resumable
    /// after any failure: a call that fails changes nothing).
    pub async fn enable_search(&self, batch_size: &Arg) -> Outcome<SearchProgress, S> {
        let batch_size = chat::limit("options.batchSize", batch_size, BATCH_SIZE)?;
        let results = self.storage().batch(enable_search(batch_size)).await?;
        let state = results.last().ok_or(Error::MissingRow)?;
        let whole = |column: &str| -> Result<u64, Error> {
            state
                .first_number(column)?
                .filter(|n| n.fract() == 0.0 && *n >= 0.0)
                .map(|n| n as u64)
                .ok_or_else(|| Error::MalformedResult(format!("{column} is not a whole number")))
        };
        Ok(SearchProgress {
            indexed: whole("indexed")?,
            done: whole("indexed_upto")? == SEARCH_INDEXED_ALL as u64,
        })
    }

    /// Drops the search index (messages are untouched); `searchMessages` fails until search is
    /// enabled again.
    pub async fn disable_search(&self) -> Outcome<(), S> {
        self.storage().batch(disable_search()).await?;
        Ok(())
    }
}
