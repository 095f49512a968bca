//! What the sea-query sources share: named parameters, the rendered statement, builder helpers.
//!
//! The sources (`src/generate/sources/`, one file per capability) are the truth for the SQL, and
//! a statement is written once there: its builder names each parameter ([`param`]). At build time
//! `cargo run --example generate` renders every statement into `src/core/sql.rs` as its SQL
//! constant and its binder, a function taking the named parameters and binding them in the order
//! the SQL takes them; the runtime calls the binders, so the wasm carries no query builder and no
//! hand-typed parameter list. A test fails when that file is stale.

use sea_query::{
    Expr, Func, Iden, InsertStatement, Query, QueryStatementBuilder, SqliteQueryBuilder,
};

/// What a named parameter's value starts with: a NUL, which no SQL text or real value here holds.
const PARAMETER_MARK: &str = "\u{0}parameter:";

/// A named parameter of a source, as the value a builder binds: it renders as `?`, and the
/// generator reads its name back, in the order sea-query binds it, to write the statement's binder.
pub fn param(name: &str) -> String {
    format!("{PARAMETER_MARK}{name}")
}

/// A statement as sea-query renders it: SQL text and the values it binds (each a [`param`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// The SQL text, with `?` placeholders.
    pub sql: String,
    /// The values for the placeholders, in order.
    pub values: Vec<sea_query::Value>,
}

impl Built {
    /// Renders `query` for SQLite.
    pub fn from(query: &impl QueryStatementBuilder) -> Self {
        let (sql, values) = query.build_any(&SqliteQueryBuilder);
        Built {
            sql,
            values: values.into_iter().collect(),
        }
    }
}

/// The parameter sea-query's `limit(n)` binds, which takes a number, not an expression: a source
/// passes `LIMIT` and the generator names the parameter `limit`.
pub const LIMIT: u64 = 0x7EA_5EED_1A11;

/// One statement of `src/core/sql.rs` (rendered by `generate::render`): its constant's name, what it does, its SQL, and the names
/// of its parameters in bound order (a name bound twice appears twice).
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The constant's name, e.g. `INSERT_MESSAGE`; its binder is the same in lower case.
    pub name: &'static str,
    /// Its doc comment: the method and what the statement does.
    pub doc: &'static str,
    /// The SQL text.
    pub sql: String,
    /// The parameters' names, in the order the SQL binds them.
    pub params: Vec<String>,
}

impl Rendered {
    /// The statement `built` under `name`. Every value it binds must be a [`param`] (or
    /// [`LIMIT`]), or a literal (a number or a string a source wrote, such as `LIMIT 1` or
    /// `= ''`), which is written into the SQL in its placeholder's place: a constant is not a
    /// parameter. Anything else is a bug in a source, reported loudly at build time (this code
    /// never ships).
    pub fn new(name: &'static str, doc: &'static str, built: Built) -> Self {
        let mut params = Vec::new();
        let mut sql = String::with_capacity(built.sql.len());
        let mut values = built.values.into_iter();
        let mut quoted: Option<char> = None;
        for character in built.sql.chars() {
            match (quoted, character) {
                (None, '\'') => quoted = Some(character),
                (Some(open), _) if open == character => quoted = None,
                (None, '?') => {
                    let value = values.next().expect("a value per placeholder");
                    match parameter_name(name, value) {
                        Bound::Parameter(parameter) => {
                            params.push(parameter);
                            sql.push('?');
                        }
                        Bound::Literal(literal) => sql.push_str(&literal),
                    }
                    continue;
                }
                _ => {}
            }
            sql.push(character);
        }
        assert!(values.next().is_none(), "{name}: a placeholder per value");
        Rendered {
            name,
            doc,
            sql: crate::generate::unquote::unquoted(&sql),
            params,
        }
    }

    /// Its binder's name: the constant's, in lower case.
    pub fn binder(&self) -> String {
        self.name.to_lowercase()
    }

    /// Each parameter's name once, in the order of first use: the binder's arguments.
    pub fn arguments(&self) -> Vec<&str> {
        let mut arguments: Vec<&str> = Vec::new();
        for name in &self.params {
            if !arguments.contains(&name.as_str()) {
                arguments.push(name);
            }
        }
        arguments
    }
}

/// What a source bound in a placeholder's place.
enum Bound {
    /// A named parameter: the binder binds it.
    Parameter(String),
    /// A constant, as SQL text.
    Literal(String),
}

/// The name a source gave the parameter sea-query bound as `value`, or the literal it wrote.
fn parameter_name(statement: &str, value: sea_query::Value) -> Bound {
    use sea_query::Value as V;
    match value {
        V::String(Some(text)) if text.starts_with(PARAMETER_MARK) => {
            Bound::Parameter(text[PARAMETER_MARK.len()..].to_owned())
        }
        V::BigUnsigned(Some(LIMIT)) => Bound::Parameter("limit".to_owned()),
        V::String(Some(text)) => Bound::Literal(format!("'{}'", text.replace('\'', "''"))),
        V::BigUnsigned(Some(n)) => Bound::Literal(n.to_string()),
        V::Int(Some(n)) => Bound::Literal(n.to_string()),
        V::Unsigned(Some(n)) => Bound::Literal(n.to_string()),
        V::BigInt(Some(n)) => Bound::Literal(n.to_string()),
        V::Double(Some(x)) if x.is_finite() => Bound::Literal(format!("{x:?}")),
        other => panic!("{statement} binds {other:?}, not a named parameter or a literal"),
    }
}

/// SQLite's scalar two-argument `MAX(a, b)`; sea-query's `Func::max` is the aggregate.
pub fn greater_of(a: Expr, b: Expr) -> Expr {
    Func::cust("MAX").arg(a).arg(b).into()
}

/// `INSERT INTO table (columns...)`, values to follow.
pub fn insert_into<C: Iden + 'static>(
    table: impl Iden + 'static,
    columns: impl IntoIterator<Item = C>,
) -> InsertStatement {
    Query::insert()
        .into_table(table)
        .columns(columns)
        .to_owned()
}
