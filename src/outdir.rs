//! The output folder as one set: each run writes its files into a run folder of its own and swaps
//! it in with one rename (a symbolic-link flip), so that readers never see files of two runs side
//! by side; a lock keeps two runs apart; the leftovers of runs that died are removed.
//!
//! Layout of `OUT` (Unix):
//!
//! ```text
//! OUT/targets.jsonl      -> .policy-targets/current/targets.jsonl   (and the other outputs)
//! OUT/.policy-targets/current -> run-<pid>-<nanos>                  (flipped by rename)
//! OUT/.policy-targets/run-<pid>-<nanos>/                            (one run's complete set)
//! OUT/.policy-targets/lock                                          (the pid of the run writing)
//! ```
//!
//! The lock is the operating system's lock on `lock` (released when the run ends, however it
//! ends), so a run that died never blocks the next. Where symbolic links cannot be made (another
//! system, a FAT or SMB folder) the files are renamed into `OUT` one by one, as before.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file names a run may write into the output folder.
pub const OUTPUTS: &[&str] = &[
    "documents.jsonl",
    "targets.jsonl",
    "milestones.jsonl",
    "outcomes.jsonl",
    "targets.csv",
    "documents.csv",
    "outcomes.csv",
];

/// The hidden folder of the runs, inside the output folder.
pub const STATE: &str = ".policy-targets";

/// A test hook: `POLICY_TARGETS_FAULT=before-flip` (or `after-flip`) makes the run abort at that
/// point, as a kill would.
const FAULT: &str = "POLICY_TARGETS_FAULT";

/// One run's place in the output folder, locked for it until it is committed or dropped.
pub struct RunDir {
    out: PathBuf,
    state: PathBuf,
    run: PathBuf,
    /// The open lock file, locked while it is held.
    _lock: std::fs::File,
    /// The folder takes symbolic links (else the files are renamed into `OUT` one by one).
    links: bool,
    committed: bool,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(path, e)
}

/// Is process `pid` alive on this machine? Only asked of the temporary files an earlier version
/// left (it took no lock); where it cannot be known, the process is taken to be alive and its
/// files are left alone.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// The pid at the end of a temporary file's name (`.targets.jsonl.tmp-<pid>`).
fn pid_in(name: &str) -> Option<u32> {
    name.rsplit_once(".tmp-")?.1.parse().ok()
}

impl RunDir {
    /// Take the output folder for a run: create it, lock it, turn the files of an earlier
    /// version (plain files) into the run layout, and remove what dead runs left.
    pub fn open(out: &Path) -> Result<RunDir> {
        std::fs::create_dir_all(out).map_err(io(out))?;
        let state = out.join(STATE);
        std::fs::create_dir_all(&state).map_err(io(&state))?;
        let lock = take_lock(&state.join("lock"), out)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let run = state.join(format!("run-{}-{nanos}", std::process::id()));
        let mut dir = RunDir {
            out: out.to_path_buf(),
            links: symlinks_work(&state),
            state,
            run,
            _lock: lock,
            committed: false,
        };
        if dir.links {
            dir.migrate()?;
        }
        dir.remove_leftovers();
        std::fs::create_dir(&dir.run).map_err(io(&dir.run))?;
        Ok(dir)
    }

    /// Where this run writes its files.
    pub fn dir(&self) -> &Path {
        &self.run
    }

    /// The run folder `current` points to, if any.
    fn current(&self) -> Option<PathBuf> {
        let target = std::fs::read_link(self.state.join("current")).ok()?;
        Some(self.state.join(target))
    }

    /// Files of an earlier version: plain files in `OUT`. They move into a run folder of their
    /// own, made current, and links take their place (each name is missing for a moment, never
    /// paired with a file of another run).
    #[cfg(unix)]
    fn migrate(&mut self) -> Result<()> {
        let plain: Vec<&str> = OUTPUTS
            .iter()
            .copied()
            .filter(|n| {
                std::fs::symlink_metadata(self.out.join(n)).is_ok_and(|m| m.file_type().is_file())
            })
            .collect();
        if plain.is_empty() {
            return Ok(());
        }
        let legacy = match self.current() {
            Some(c) if c.is_dir() => c,
            _ => {
                let d = self.state.join(format!("run-{}-0", std::process::id()));
                std::fs::create_dir_all(&d).map_err(io(&d))?;
                self.point_current_at(&d)?;
                d
            }
        };
        for name in plain {
            let from = self.out.join(name);
            std::fs::rename(&from, legacy.join(name)).map_err(io(&from))?;
            self.link(name)?;
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn migrate(&mut self) -> Result<()> {
        Ok(())
    }

    /// Remove run folders that are not current (the lock is held: no live run writes one; they
    /// are of runs that died or were replaced), and the temporary files an earlier version left
    /// in `OUT` for processes that are gone.
    fn remove_leftovers(&self) {
        let current = self.current();
        if let Ok(entries) = std::fs::read_dir(&self.state) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let path = e.path();
                let stale = name.starts_with("run-") && Some(&path) != current.as_ref();
                if stale {
                    let _ = std::fs::remove_dir_all(&path);
                } else if name.starts_with("current.tmp-") {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        if let Ok(entries) = std::fs::read_dir(&self.out) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let ours = OUTPUTS
                    .iter()
                    .any(|o| name.starts_with(&format!(".{o}.tmp-")));
                if ours && pid_in(&name).is_some_and(|p| !alive(p)) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }

    /// `current` → `run`, by renaming a new link over the old one. A `current` that is a real
    /// folder (a copy made with `cp -rL`) is first set aside as a run folder of its own.
    #[cfg(unix)]
    fn point_current_at(&self, run: &Path) -> Result<()> {
        let name = run.file_name().expect("run folder name");
        let tmp = self
            .state
            .join(format!("current.tmp-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(name, &tmp).map_err(io(&tmp))?;
        let current = self.state.join("current");
        if std::fs::symlink_metadata(&current).is_ok_and(|m| m.is_dir()) {
            let aside = self
                .state
                .join(format!("run-copied-{}", std::process::id()));
            std::fs::rename(&current, &aside).map_err(io(&current))?;
        }
        std::fs::rename(&tmp, &current).map_err(io(&current))
    }

    /// `OUT/name` → `.policy-targets/current/name`, unless it is that link already.
    #[cfg(unix)]
    fn link(&self, name: &str) -> Result<()> {
        let dest = self.out.join(name);
        let target = Path::new(STATE).join("current").join(name);
        if std::fs::read_link(&dest).is_ok_and(|t| t == target) {
            return Ok(());
        }
        let tmp = self
            .out
            .join(format!(".{name}.link-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(&target, &tmp).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &dest).map_err(io(&dest))
    }

    /// Swap the run in: every file of it is complete and synced (the caller's part); one rename
    /// makes it current. Then the links of `OUT` are made (the first time) or dropped (an output
    /// this run did not write, such as a CSV of an earlier run), the previous run is removed
    /// and the lock released.
    #[cfg(unix)]
    pub fn commit(mut self) -> Result<()> {
        if !self.links {
            return self.commit_plain();
        }
        sync_dir(&self.run);
        let previous = self.current();
        if std::env::var(FAULT).as_deref() == Ok("before-flip") {
            std::process::abort();
        }
        self.point_current_at(&self.run)?;
        sync_dir(&self.state);
        self.committed = true;
        if std::env::var(FAULT).as_deref() == Ok("after-flip") {
            std::process::abort();
        }
        for name in OUTPUTS {
            if self.run.join(name).exists() {
                self.link(name)?;
            } else {
                let dest = self.out.join(name);
                let ours = std::fs::read_link(&dest)
                    .is_ok_and(|t| t == Path::new(STATE).join("current").join(name));
                if ours {
                    let _ = std::fs::remove_file(&dest);
                }
            }
        }
        sync_dir(&self.out);
        if let Some(p) = previous.filter(|p| *p != self.run) {
            let _ = std::fs::remove_dir_all(p);
        }
        Ok(())
    }

    #[cfg(not(unix))]
    pub fn commit(self) -> Result<()> {
        self.commit_plain()
    }

    /// Without links: the files are renamed into `OUT` one by one.
    fn commit_plain(mut self) -> Result<()> {
        for name in OUTPUTS {
            let from = self.run.join(name);
            if from.exists() {
                let dest = self.out.join(name);
                std::fs::rename(&from, &dest).map_err(io(&dest))?;
            }
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&self.run);
        Ok(())
    }
}

impl Drop for RunDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.run);
        }
        // The lock is released when its file closes.
    }
}

/// Take the operating system's lock on the lock file (it is released when the run ends, however
/// it ends) and write this process's pid into it, for people. Held by another run: an error.
fn take_lock(lock: &Path, out: &Path) -> Result<std::fs::File> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock)
        .map_err(io(lock))?;
    match f.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(lock).unwrap_or_default();
            let holder = holder.trim();
            let who = if holder.is_empty() {
                String::new()
            } else {
                format!(" (process {holder})")
            };
            return Err(Error::Config(format!(
                "{}: another run{who} is writing this folder; wait for it to finish",
                out.display()
            )));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(lock, e)),
    }
    f.set_len(0).map_err(io(lock))?;
    writeln!(f, "{}", std::process::id()).map_err(io(lock))?;
    Ok(f)
}

/// Can links be made in `dir`? (Not on FAT, nor on many network folders.)
fn symlinks_work(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        let probe = dir.join(format!("link-probe-{}", std::process::id()));
        let _ = std::fs::remove_file(&probe);
        let ok = std::os::unix::fs::symlink("current", &probe).is_ok();
        let _ = std::fs::remove_file(&probe);
        ok
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Sync a folder's entries to disk (a rename is durable once its folder is). Best effort.
fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn read(p: &Path) -> String {
        std::fs::read_to_string(p).unwrap()
    }

    #[test]
    fn a_run_is_swapped_in_whole_and_the_previous_one_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let jsonl: Vec<&str> = OUTPUTS
            .iter()
            .copied()
            .filter(|n| n.ends_with(".jsonl"))
            .collect();
        for (round, names) in [(1, OUTPUTS), (2, &jsonl[..])] {
            let run = RunDir::open(&out).unwrap();
            for n in names {
                std::fs::write(run.dir().join(n), format!("{round} {n}")).unwrap();
            }
            run.commit().unwrap();
            for n in names {
                assert_eq!(read(&out.join(n)), format!("{round} {n}"));
            }
        }
        // The CSV files of round 1 are gone with it; one run folder, no lock, no temporary link.
        assert!(!out.join("targets.csv").exists());
        assert!(std::fs::symlink_metadata(out.join("targets.csv")).is_err());
        let state: Vec<String> = std::fs::read_dir(out.join(STATE))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(state.len(), 3, "{state:?}");
        assert!(state.iter().any(|n| n == "current") && state.iter().any(|n| n == "lock"));
        let top: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        // The JSON Lines files and the state folder.
        assert_eq!(top.len(), jsonl.len() + 1, "{top:?}");
    }

    #[test]
    fn plain_files_of_an_earlier_version_become_the_current_run() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("targets.jsonl"), "old").unwrap();
        std::fs::write(out.join(".targets.jsonl.tmp-4194999"), "dead").unwrap();
        let run = RunDir::open(out).unwrap();
        assert_eq!(read(&out.join("targets.jsonl")), "old");
        assert!(std::fs::symlink_metadata(out.join("targets.jsonl"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(!out.join(".targets.jsonl.tmp-4194999").exists() || alive(4194999));
        drop(run);
        assert_eq!(read(&out.join("targets.jsonl")), "old");
    }

    #[test]
    fn a_held_lock_is_an_error_and_a_released_one_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let first = RunDir::open(out).unwrap();
        let err = RunDir::open(out).err().unwrap().to_string();
        assert!(
            err.contains("another run") && err.contains(&std::process::id().to_string()),
            "{err}"
        );
        drop(first);
        // A lock file left behind (its run died) holds no lock.
        assert!(RunDir::open(out).is_ok());
    }

    #[test]
    fn without_links_the_files_are_renamed_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let mut run = RunDir::open(out).unwrap();
        run.links = false;
        std::fs::write(run.dir().join("targets.jsonl"), "plain").unwrap();
        let inner = run.dir().to_path_buf();
        run.commit().unwrap();
        assert_eq!(read(&out.join("targets.jsonl")), "plain");
        assert!(!std::fs::symlink_metadata(out.join("targets.jsonl"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(!inner.exists());
    }

    #[test]
    fn a_current_folder_copied_as_a_folder_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let state = out.join(STATE);
        std::fs::create_dir_all(state.join("current")).unwrap();
        std::fs::write(state.join("current/targets.jsonl"), "copied").unwrap();
        std::fs::write(out.join("targets.jsonl"), "copied").unwrap();
        let run = RunDir::open(out).unwrap();
        std::fs::write(run.dir().join("targets.jsonl"), "new").unwrap();
        run.commit().unwrap();
        assert_eq!(read(&out.join("targets.jsonl")), "new");
    }
}
