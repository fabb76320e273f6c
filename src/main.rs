//! The `policy-targets` binary: everything lives in the library; this only sets the exit code
//! and the allocator.

fn main() {
    policy_targets::pipeline::install_panic_hook();
    std::process::exit(policy_targets::cli::run());
}

/// Records are built on the worker threads and freed on the writer thread; mimalloc handles
/// that (and the many small strings of the rules) with less work than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
