//! Exit codes, shared by every subcommand (below both cli.rs and the subcommands' modules).

/// Exit code when every input was processed.
pub const EXIT_OK: i32 = 0;
/// Exit code when at least one input could not be (fully) processed; the rest was.
pub const EXIT_FILE_ERRORS: i32 = 1;
/// Exit code for bad flags, broken pattern files or an unwritable output.
pub const EXIT_FATAL: i32 = 2;
