//! Writes every generated file from the Rust sources: the wrangler migrations from
//! `src/schema.rs`, and `src/sql.rs` from `src/sql_builders.rs`. Run after changing either.
//!
//! `cargo run --example generate`

use std::{fs, io, path::Path};

use chat_d1::migration::{down_sql, up_sql, DOWN_PATH, UP_PATH};
use chat_d1::sql_builders::{sql_module, SQL_MODULE_PATH};

fn main() -> io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sql = sql_module().map_err(|e| io::Error::other(e.to_string()))?;
    for (path, text) in [
        (UP_PATH, up_sql()),
        (DOWN_PATH, down_sql()),
        (SQL_MODULE_PATH, sql),
    ] {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
