//! The Spark job (scripts/spark/policy_targets_job.py) in Spark local mode over the seeds and the
//! corpus: its Parquet set, read back, must hold exactly the records `extract` writes for the
//! same files, every field (scripts/spark/check_against_extract.py compares them as sets). Needs
//! `python3` with `pyspark` and a Java runtime (.ci/run installs both): without them the test
//! says so on stderr and skips, unless `POLICY_TARGETS_REQUIRE_ALL=1` makes that a failure.

mod common;

use std::process::Command;

#[test]
fn the_spark_job_gives_the_records_of_extract() {
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let present = java && common::python_has("pyspark");
    if !common::optional_component(
        "the_spark_job_gives_the_records_of_extract",
        "python3 with pyspark and a Java runtime",
        present,
        "python3 -m pip install pyspark; apt-get install openjdk-17-jre-headless",
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("python3");
    cmd.current_dir(common::root())
        .arg("scripts/spark/check_against_extract.py")
        .arg("--binary")
        .arg(common::bin())
        .args(["--master", "local[2]", "--input", "seeds"])
        .arg("--work")
        .arg(tmp.path());
    if common::corpus().is_some() {
        cmd.args(["--input", "../shared/corpus/docs"]);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    for kind in ["document", "target", "milestone", "outcome"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{kind}: ")))
            .unwrap_or_else(|| panic!("no {kind} line: {stdout}"));
        assert!(line.ends_with("the same"), "{line}");
        // Something was compared: the seeds alone give 5 documents and 195 targets.
        let n: usize = line
            .split(", spark ")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // The seeds are plans: outcomes come from the corpus's reports.
        if kind != "outcome" || common::corpus().is_some() {
            assert!(n >= if kind == "document" { 5 } else { 80 }, "{line}");
        }
    }
    // The Parquet set is partitioned as documented.
    assert!(tmp
        .path()
        .join("parquet/targets")
        .read_dir()
        .unwrap()
        .any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("region=")));
}
