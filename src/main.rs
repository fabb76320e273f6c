//! The `policy-targets` binary: everything lives in the library; this only sets the exit code.

fn main() {
    policy_targets::pipeline::install_panic_hook();
    std::process::exit(policy_targets::cli::run());
}
