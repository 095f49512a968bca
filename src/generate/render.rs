//! Renders `src/core/sql.rs`: every statement of the sources as its SQL constant and its binder.

use crate::generate::sources;
use crate::generate::sql::Rendered;

/// The path of the generated SQL constants and binders, relative to the crate root.
pub const SQL_MODULE_PATH: &str = "src/core/sql.rs";

/// The text of `src/core/sql.rs`: per statement, its documented constant and its binder.
pub fn sql_module() -> String {
    let mut module = String::from(
        "//! The SQL text of every statement, and its binder: the one function that binds its\n\
         //! parameters, in the order the SQL takes them. Rendered by sea-query from the sources in\n\
         //! `src/generate/sources/` by `cargo run --example generate`: do not edit. A test fails\n\
         //! when it is stale.\n\
         #![allow(clippy::too_many_arguments)]\n\n\
         use crate::core::statement::Statement;\n\
         use crate::core::value::SqlValue;\n",
    );
    for statement in sources::statements() {
        module.push_str(&constant_and_binder(&statement));
    }
    module
}

/// One statement's constant and binder, as `src/core/sql.rs` holds them (the module is left as
/// written by rustfmt).
fn constant_and_binder(statement: &Rendered) -> String {
    let Rendered {
        name,
        doc,
        sql,
        params,
    } = statement;
    let arguments = statement.arguments();
    let signature: Vec<String> = arguments.iter().map(|a| format!("{a}: SqlValue")).collect();
    // Each value is moved into its last place and cloned into the earlier ones.
    let values: Vec<String> = params
        .iter()
        .enumerate()
        .map(|(i, name)| match params[i + 1..].contains(name) {
            true => format!("{name}.clone()"),
            false => name.clone(),
        })
        .collect();
    let bound = match arguments.is_empty() {
        true => "takes no parameters".to_owned(),
        false => format!("binds {}", params.join(", ")),
    };
    format!(
        "\n/// {doc}\npub const {name}: &str = {sql:?};\n\n\
         /// [`{name}`], which {bound}.\n\
         pub fn {binder}({signature}) -> Statement {{\n    \
         Statement {{ sql: {name}, params: vec![{values}] }}\n}}\n",
        binder = statement.binder(),
        signature = signature.join(", "),
        values = values.join(", "),
    )
}
