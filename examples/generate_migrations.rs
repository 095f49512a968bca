//! Writes the wrangler migration files from `src/schema.rs`: run after changing the schema.
//!
//! `cargo run --example generate_migrations`

use std::{fs, io, path::Path};

use chat_d1::migration::{down_sql, up_sql, DOWN_PATH, UP_PATH};

fn main() -> io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, sql) in [(UP_PATH, up_sql()), (DOWN_PATH, down_sql())] {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, sql)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
