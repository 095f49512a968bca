#![cfg(not(target_arch = "wasm32"))]
//! The layout the README describes, held by tests: the core imports nothing from JS nor from the
//! boundary, and no source or test file grows past about 300 lines.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` whose name ends with one of `extensions`.
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if extensions
                .iter()
                .any(|ext| path.to_string_lossy().ends_with(ext))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The lines of the core's files under `dir` that reach for JS or the boundary, as
/// `path:line: text`.
fn impure_lines(dir: &Path) -> Vec<String> {
    const FORBIDDEN: [&str; 4] = ["wasm_bindgen", "js_sys", "web_sys", "boundary"];
    let mut found = Vec::new();
    for path in files(dir, &[".rs"]) {
        let text = fs::read_to_string(&path).expect("a readable source file");
        // Code only: the core's doc comments may speak of the boundary.
        let code = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim_start().starts_with("//"));
        for (number, line) in code {
            if FORBIDDEN.iter().any(|forbidden| line.contains(forbidden)) {
                found.push(format!("{}:{}: {line}", path.display(), number + 1));
            }
        }
    }
    found
}

#[test]
fn the_core_imports_nothing_from_js_or_the_boundary() {
    let core = root().join("src/core");
    assert!(
        files(&core, &[".rs"]).len() >= 10,
        "the core is where the README says"
    );
    assert_eq!(impure_lines(&core), Vec::<String>::new());
}

#[test]
fn the_purity_check_finds_a_js_import_put_back() {
    // A copy of the core with one boundary import added, in a folder of its own.
    let copy = std::env::temp_dir().join(format!("chat-d1-core-{}", std::process::id()));
    fs::create_dir_all(&copy).expect("a temporary folder");
    for path in files(&root().join("src/core"), &[".rs"]) {
        fs::copy(&path, copy.join(path.file_name().expect("a file name"))).expect("copy");
    }
    let planted = "use crate::{core::arg::Arg, boundary::client::DatabaseClient};\n\
                   // a comment about the boundary is fine\n\
                   fn f() -> super::super::boundary::args::X { todo!() }\n\
                   use js_sys::Array;\n";
    fs::write(copy.join("planted.rs"), planted).expect("write the planted file");
    let found = impure_lines(&copy);
    fs::remove_dir_all(&copy).expect("remove the copy");
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn no_source_or_test_file_is_over_about_300_lines() {
    const MOST_LINES: usize = 320;
    let generated = root().join("src/core/sql.rs");
    let mut long = Vec::new();
    for dir in ["src", "tests", "js"] {
        for path in files(&root().join(dir), &[".rs", ".ts", ".mjs", ".js"]) {
            let lines = fs::read_to_string(&path).expect("readable").lines().count();
            if lines > MOST_LINES && path != generated {
                long.push(format!("{}: {lines} lines", path.display()));
            }
        }
    }
    assert_eq!(long, Vec::<String>::new());
}
