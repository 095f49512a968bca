//! chat-d1: the data layer of a Hono chat Worker on Cloudflare D1, in Rust, shipped as WebAssembly.
//!
//! Data flows one way: JS arguments are sorted at the [`boundary`], the [`core`] decides what they
//! mean, binds them to SQL generated at build time, runs one round trip through a
//! [`core::storage::Storage`] (D1, at the boundary) and checks the rows, and the boundary hands
//! them back as JS objects. [`generate`] renders the SQL and the migrations at build time and never
//! ships.

pub mod boundary;
pub mod core;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;

/// The wasm's global allocator: talc instead of Rust's default dlmalloc, for size (the shipped wasm
/// is 2.4 KB smaller gzipped; see docs/performance.md, Size). Sound because the module is
/// single-threaded: `new_wasm_dynamic_allocator` is a const fn that fails to compile for wasm with
/// `atomics`, and talc never allocates itself, so no allocation re-enters it. Like dlmalloc it
/// takes memory with `memory.grow` and reuses what is freed.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
