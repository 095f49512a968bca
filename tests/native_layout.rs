#![cfg(not(target_arch = "wasm32"))]
//! The layout docs/architecture.md describes (the README's Layout in short), held by tests: the core imports nothing from JS, the boundary
//! nor the build-time generator; imports between files never form a cycle; and no source or test
//! file grows past about 300 lines.

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

/// The lines of the core's files under `dir` that reach for JS, the boundary or the build-time
/// generator (sea-query's `Iden`, for the schema's names, is the one build-side thing it uses), as
/// `path:line: text`.
fn impure_lines(dir: &Path) -> Vec<String> {
    const FORBIDDEN: [&str; 5] = [
        "wasm_bindgen",
        "js_sys",
        "web_sys",
        "boundary",
        "generate::",
    ];
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
        "the core is where docs/architecture.md says"
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
                   use js_sys::Array;\n\
                   use crate::generate::sql::Built;\n";
    fs::write(copy.join("planted.rs"), planted).expect("write the planted file");
    let found = impure_lines(&copy);
    fs::remove_dir_all(&copy).expect("remove the copy");
    assert_eq!(found.len(), 4, "{found:?}");
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

/// The file a module path names (`core::chat::turns` → `src/core/chat/turns.rs`), trying the
/// longest prefix first, so `core::chat::Scope` is the folder's `mod.rs`.
fn file_of(path: &[&str]) -> Option<PathBuf> {
    (1..=path.len()).rev().find_map(|n| {
        let base = root().join("src").join(path[..n].join("/"));
        [base.with_extension("rs"), base.join("mod.rs")]
            .into_iter()
            .find(|file| file.is_file())
    })
}

/// Every `crate::...` path a source file names in its code, as the files they resolve to. A
/// folder's `mod.rs` declaring or re-exporting its own files is the folder's interface, not an
/// import of them, so those edges are left out.
fn imports(file: &Path) -> Vec<PathBuf> {
    let text = fs::read_to_string(file).expect("readable");
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let path: Vec<&str> = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or("")
            .split("::")
            .filter(|segment| !segment.is_empty())
            .collect();
        let mut targets: Vec<PathBuf> = file_of(&path).into_iter().collect();
        // `crate::core::{a, b::c}`: each item of the group, under the path before it.
        if let Some(group) = rest.strip_prefix(&format!("{}::{{", path.join("::"))) {
            let items = group.split('}').next().unwrap_or("");
            for item in items
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty() && *i != "self")
            {
                let mut full = path.clone();
                full.extend(item.split("::").map(|s| s.split(' ').next().unwrap_or(s)));
                targets.extend(file_of(&full));
            }
        }
        for target in targets {
            let own_child = file.ends_with("mod.rs") && target.starts_with(file.parent().unwrap());
            if target != file && !own_child && !found.contains(&target) {
                found.push(target);
            }
        }
    }
    found
}

/// The first import cycle among the crate's files, as the files around it.
fn import_cycle() -> Option<Vec<PathBuf>> {
    let files = files(&root().join("src"), &[".rs"]);
    let graph: Vec<(PathBuf, Vec<PathBuf>)> =
        files.iter().map(|f| (f.clone(), imports(f))).collect();
    let edges = |file: &PathBuf| {
        graph
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, e)| e.clone())
            .unwrap_or_default()
    };
    // Depth-first search, keeping the path walked.
    fn walk(
        file: &PathBuf,
        path: &mut Vec<PathBuf>,
        done: &mut Vec<PathBuf>,
        edges: &dyn Fn(&PathBuf) -> Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        if let Some(start) = path.iter().position(|f| f == file) {
            return Some(path[start..].to_vec());
        }
        if done.contains(file) {
            return None;
        }
        path.push(file.clone());
        for next in edges(file) {
            if let Some(cycle) = walk(&next, path, done, edges) {
                return Some(cycle);
            }
        }
        path.pop();
        done.push(file.clone());
        None
    }
    let mut done = Vec::new();
    files
        .iter()
        .find_map(|file| walk(file, &mut Vec::new(), &mut done, &edges))
}

#[test]
fn no_import_cycle_between_the_crates_files() {
    assert_eq!(import_cycle(), None);
    // The check sees an import: the chat API's turns use the drop-in sessions' metadata.
    let turns = imports(&root().join("src/core/chat/turns.rs"));
    assert!(
        turns.contains(&root().join("src/core/dropin/sessions.rs")),
        "{turns:?}"
    );
}

/// The file names under `dir` (relative to the root) that `doc` never mentions.
fn unnamed_files(doc: &str, dir: &str, extensions: &[&str]) -> Vec<String> {
    files(&root().join(dir), extensions)
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            (!doc.contains(&name)).then(|| format!("{dir}/{name}"))
        })
        .collect()
}

#[test]
fn the_architecture_doc_names_every_source_file() {
    let doc =
        fs::read_to_string(root().join("docs/architecture.md")).expect("docs/architecture.md");
    let mut unnamed = unnamed_files(&doc, "src", &[".rs"]);
    unnamed.extend(unnamed_files(&doc, "js", &[".js", ".d.ts"]));
    unnamed.extend(unnamed_files(&doc, "bin", &[".mjs"]));
    assert_eq!(
        unnamed,
        Vec::<String>::new(),
        "add them to docs/architecture.md's Layout"
    );
    // The check bites: a name the doc lacks is reported.
    assert_eq!(
        unnamed_files("", "js", &[".d.ts"]).len(),
        files(&root().join("js"), &[".d.ts"]).len()
    );
}
