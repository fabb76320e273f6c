#!/usr/bin/env python3
"""Check the Spark job against `extract`: run scripts/spark/policy_targets_job.py in Spark local mode
over the --input folders, run `policy-targets extract` over the same folders, read the Parquet set
back with Spark and compare every record of every kind, every field, as sets (numbers as numbers:
the JSON 16 and the Parquet 16.0 are one value). Prints one line per kind and exits 1 on any
difference.

    python3 scripts/spark/check_against_extract.py --binary target/release/policy-targets \
        --input seeds [--input ../shared/corpus/docs] [--master local[2]] [--work DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import policy_targets_job as job  # noqa: E402


def canonical(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if hasattr(v, "asDict"):  # a Row (a tuple too): its fields by name
        return canonical(v.asDict(recursive=True))
    if isinstance(v, dict):
        return {k: canonical(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [canonical(x) for x in v]
    raise TypeError(type(v))


def key(record):
    return json.dumps(canonical(record), ensure_ascii=False, sort_keys=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--input", action="append", required=True)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--work", help="a folder for the outputs (default: a temporary one)")
    a = ap.parse_args(argv)
    work = a.work or tempfile.mkdtemp(prefix="policy-targets-spark-")
    binary = os.path.abspath(a.binary)

    spark = job.session(a.master, "policy-targets-check")
    spark.sparkContext.setLogLevel("ERROR")
    started = time.time()
    counts = job.run(spark, a.input, os.path.join(work, "parquet"), binary)
    seconds = time.time() - started

    out = os.path.join(work, "extract")
    done = subprocess.run([binary, "extract", *a.input, "-o", out, "-q"], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"extract failed: {done.stderr}")

    failed = False
    for kind, folder in job.KINDS.items():
        with open(os.path.join(out, f"{folder}.jsonl"), encoding="utf-8") as f:
            want = sorted(key(json.loads(line)) for line in f if line.strip())
        rows = spark.read.parquet(os.path.join(work, "parquet", folder)).collect()
        fields = list(job.schemas()[kind].fieldNames())
        got = sorted(key({name: row[name] for name in fields}) for row in rows)
        same = want == got
        failed |= not same
        print(f"{kind}: extract {len(want)}, spark {len(got)}, {'the same' if same else 'DIFFERENT'}")
        if not same:
            ws, gs = set(want), set(got)
            for k in sorted(ws - gs)[:3]:
                print(f"  only in extract: {k[:300]}")
            for k in sorted(gs - ws)[:3]:
                print(f"  only in spark:   {k[:300]}")
    print(f"spark job: {sum(counts.values())} records in {seconds:.1f} s ({a.master})")
    spark.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
