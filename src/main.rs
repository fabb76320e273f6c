//! The `policy-targets` binary: everything lives in the library; this only sets the exit code.

fn main() {
    // A failure inside one document is reported as that document's error; keep the default
    // panic message off stderr so the report stays one line per file.
    std::panic::set_hook(Box::new(|_| {}));
    std::process::exit(policy_targets::cli::run());
}
