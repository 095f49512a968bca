//! A real SQLite behind the core's `Storage` trait, so the native tests run the very statements
//! and parameters the data layer sends to D1, with D1's settings (foreign keys on). Shared by every
//! native test binary, with test-only decoding of rows into models (`decode`) and the arguments
//! the boundary would hand the core (`args`).
#![allow(dead_code)]
// Each test binary uses a different part of this module.
// The harness keeps rusqlite's error whole as the cause, as D1's is kept: a large `Err` is the point.
#![allow(clippy::result_large_err)]

pub mod args;
pub mod decode;
pub mod search;
pub mod tree;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use chat_d1::core::error::Error;
use chat_d1::core::layer::DataLayer;
use chat_d1::core::statement::Statement;
use chat_d1::core::storage::{Rejection, Storage};
use chat_d1::core::value::{Row, SqlValue};
use chat_d1::generate::migrations::up_sql;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

/// An in-memory SQLite database with the migrations applied.
pub struct Sqlite {
    pub conn: Connection,
    /// How many round trips (`all` or `batch` calls) have been made.
    pub round_trips: Cell<usize>,
    /// Every statement sent through the `Storage` trait, in order.
    pub sent: RefCell<Vec<Statement>>,
}

impl Sqlite {
    /// A fresh database, migrated, with foreign keys enforced as on D1.
    pub fn migrated() -> Self {
        let db = Sqlite::empty();
        db.conn.execute_batch(&up_sql()).expect("migration applies");
        db
    }

    /// A fresh database with no schema.
    pub fn empty() -> Self {
        let conn = Connection::open_in_memory().expect("open SQLite");
        conn.pragma_update(None, "foreign_keys", "ON")
            .expect("enable foreign keys");
        Sqlite {
            conn,
            round_trips: Cell::new(0),
            sent: RefCell::new(Vec::new()),
        }
    }

    /// Runs `sql` with no parameters (test set-up and inspection only).
    pub fn exec(&self, sql: &str) -> rusqlite::Result<()> {
        self.conn.execute_batch(sql)
    }

    /// The number of rows in `table`.
    pub fn count(&self, table: &str) -> i64 {
        self.conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .expect("count rows")
    }

    /// SQLite's query plan for `statement`, its steps joined by ` | `: what the plan tests read to
    /// see that an index serves a statement without a scan or a sort.
    pub fn plan(&self, statement: &Statement) -> String {
        let sql = format!("EXPLAIN QUERY PLAN {}", statement.sql);
        let mut prepared = self.conn.prepare(&sql).expect("the statement prepares");
        let params: Vec<Param> = statement.params.iter().map(Param).collect();
        let params: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
        let steps: Vec<String> = prepared
            .query_map(params.as_slice(), |row| row.get(3))
            .expect("the plan is read")
            .collect::<Result<_, _>>()
            .expect("every step is text");
        steps.join(" | ")
    }

    /// One text value from a single-row query.
    pub fn text(&self, sql: &str) -> String {
        self.conn
            .query_row(sql, [], |r| r.get(0))
            .expect("query one text value")
    }

    /// What running `statement` cost SQLite: `(rows, virtual machine steps, steps of full scans,
    /// sorts)`, from the statement's own counters (deterministic, unlike a timing).
    pub fn cost(&self, statement: &Statement) -> (usize, i32, i32, i32) {
        use rusqlite::StatementStatus as Status;
        let mut prepared = self.conn.prepare(statement.sql).expect("prepares");
        let params: Vec<Param> = statement.params.iter().map(Param).collect();
        let params: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
        let rows = prepared
            .query_map(params.as_slice(), |_| Ok(()))
            .expect("runs")
            .count();
        (
            rows,
            prepared.get_status(Status::VmStep),
            prepared.get_status(Status::FullscanStep),
            prepared.get_status(Status::Sort),
        )
    }

    /// Every row of a query, each cell as text (`NULL` for NULL).
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let mut prepared = self.conn.prepare(sql).expect("the query prepares");
        let width = prepared.column_count();
        let rows = prepared.query_map([], |row| {
            (0..width)
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        ValueRef::Null => "NULL".to_owned(),
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Text(text) => String::from_utf8_lossy(text).into_owned(),
                        other => format!("{other:?}"),
                    })
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        });
        rows.expect("the query runs")
            .collect::<rusqlite::Result<_>>()
            .expect("every row reads")
    }

    /// The `id` column of every row `statement` returns, in order.
    pub fn ids(&self, statement: &Statement) -> Vec<String> {
        let rows = self.run(statement).expect("the statement runs");
        let id = |row: &SqliteRow| match row.0.get("id") {
            Some(SqlValue::Text(id)) => id.clone(),
            other => panic!("an id that is not text: {other:?}"),
        };
        rows.iter().map(id).collect()
    }

    fn run(&self, statement: &Statement) -> Result<Vec<SqliteRow>, Rejection<rusqlite::Error>> {
        // SQLite's own message, and the constraint it names, as every backend reports them.
        let failed = |e: rusqlite::Error| Rejection {
            error: Error::storage(e.to_string()),
            cause: Some(e),
        };
        let mut prepared = self.conn.prepare(statement.sql).map_err(failed)?;
        let names: Vec<String> = prepared
            .column_names()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let params: Vec<Param> = statement.params.iter().map(Param).collect();
        let params: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
        let mut rows = prepared.query(params.as_slice()).map_err(failed)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(failed)? {
            let mut cells = HashMap::new();
            for (i, name) in names.iter().enumerate() {
                cells.insert(name.clone(), cell(row.get_ref(i).map_err(failed)?));
            }
            out.push(SqliteRow(cells));
        }
        Ok(out)
    }
}

impl Storage for Sqlite {
    type Rows = SqliteRows;
    type Cause = rusqlite::Error;
    /// As D1, whose behaviour these tests stand in for.
    const MAX_VALUE_BYTES: usize = chat_d1::core::validate::D1_MAX_VALUE_BYTES;

    async fn all(&self, statement: Statement) -> Result<SqliteRows, Rejection<rusqlite::Error>> {
        self.round_trips.set(self.round_trips.get() + 1);
        self.sent.borrow_mut().push(statement.clone());
        self.run(&statement)
    }

    /// Like D1's batch: one transaction, rolled back whole when any statement fails.
    async fn batch(
        &self,
        statements: Vec<Statement>,
    ) -> Result<Vec<SqliteRows>, Rejection<rusqlite::Error>> {
        self.round_trips.set(self.round_trips.get() + 1);
        self.sent.borrow_mut().extend(statements.iter().cloned());
        let tx = self.conn.unchecked_transaction().expect("begin");
        let results = statements
            .iter()
            .map(|s| self.run(s))
            .collect::<Result<Vec<_>, _>>()?; // dropping `tx` on error rolls back
        tx.commit().expect("commit");
        Ok(results)
    }
}

/// One statement's rows (the core checks a `Vec` of rows row by row).
pub type SqliteRows = Vec<SqliteRow>;

/// A result row keyed by column name, as D1 hands rows to JS.
#[derive(Debug)]
pub struct SqliteRow(HashMap<String, SqlValue>);

impl Row for SqliteRow {
    fn get(&self, column: &str) -> Result<SqlValue, Error> {
        self.0
            .get(column)
            .cloned()
            .ok_or_else(|| Error::MalformedResult(format!("no column {column}")))
    }
}

struct Param<'a>(&'a SqlValue);

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            SqlValue::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            SqlValue::Boolean(b) => ToSqlOutput::Borrowed(ValueRef::Integer((*b).into())),
            SqlValue::Integer(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            SqlValue::Real(x) => ToSqlOutput::Borrowed(ValueRef::Real(*x)),
            SqlValue::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            SqlValue::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

fn cell(value: ValueRef<'_>) -> SqlValue {
    match value {
        ValueRef::Null => SqlValue::Null,
        ValueRef::Integer(n) => SqlValue::Integer(n),
        ValueRef::Real(x) => SqlValue::Real(x),
        ValueRef::Text(t) => SqlValue::Text(String::from_utf8(t.to_vec()).expect("UTF-8 text")),
        ValueRef::Blob(b) => SqlValue::Blob(b.to_vec()),
    }
}

/// The text in `column` of `row` (failing the test when it holds anything else).
pub fn row_text(row: &SqliteRow, column: &str) -> String {
    match row.get(column) {
        Ok(SqlValue::Text(text)) => text,
        other => panic!("column {column} holds {other:?}, not text"),
    }
}

/// Runs a future that never waits: every SQLite call here completes synchronously.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a SQLite call unexpectedly waited"),
    }
}

/// A data layer over a fresh migrated SQLite.
pub fn data_layer() -> DataLayer<Sqlite> {
    DataLayer::new(Sqlite::migrated())
}

/// 2025-11-14T10:30:00.123Z, a fixed clock reading for tests.
pub const T0: i64 = 1_763_116_200_123;
