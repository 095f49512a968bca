//! Writes every generated file from the Rust sources: the wrangler migrations from the schema,
//! and `src/core/sql.rs` from the capabilities' sea-query sources. Run after changing either.
//!
//! `cargo run --example generate`

#[cfg(not(target_arch = "wasm32"))]
use std::{fs, io, path::Path};

/// Generation runs on the host only; there is nothing to generate from inside the wasm.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, text) in chat_d1::generate::files() {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
