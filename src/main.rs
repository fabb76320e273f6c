//! The `policy-targets` binary: everything lives in the library; this only sets the exit code
//! and the allocator.

use std::os::raw::{c_int, c_long};

fn main() {
    keep_freed_memory();
    policy_targets::pipeline::install_panic_hook();
    std::process::exit(policy_targets::cli::run());
}

/// Records are built on the worker threads and freed on the writer thread; mimalloc handles
/// that (and the many small strings of the rules) with less work than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
}

/// `mi_option_purge_delay` in mimalloc 3 (`include/mimalloc.h`, the version Cargo.lock pins).
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// Tell mimalloc never to return freed pages to the system. Every document allocates and frees
/// about the same amount, so pages given back are soon faulted in (and zeroed) again: on the
/// 200 MB benchmark corpus this cuts the page faults from about 3,500 to 950 and the system
/// time by a fifth, while the peak memory stays where it was.
fn keep_freed_memory() {
    // SAFETY: setting an option only stores a value that mimalloc reads when it next purges.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option index is mimalloc's enum position; its documented default (1000 ms in
    /// mimalloc 3) shows the index still names the purge delay.
    #[test]
    fn purge_delay_option_index() {
        // SAFETY: reading and setting mimalloc options has no preconditions.
        unsafe {
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            }
            keep_freed_memory();
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), -1);
        }
    }
}
