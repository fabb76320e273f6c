#!/usr/bin/env python3
"""Run policy-targets as a stage of a Spark job.

Reads the notices under each --input folder (Spark's binaryFile source, recursively: any format
`policy-targets extract` reads), turns each file into a line of `policy-targets stream` input ({"path", "bytes_base64"}),
pipes every partition through the binary (RDD.pipe), parses the records it writes into DataFrames
with the schema of schema/records.schema.json, and writes Parquet: OUTPUT/documents,
OUTPUT/milestones, OUTPUT/outcomes and OUTPUT/targets (partitioned by region).

    python3 scripts/spark/policy_targets_job.py --input seeds --output out.parquet \
        [--binary target/release/policy-targets] [--master local[2]] [--threads 1] [--partitions N]

On a cluster: spark-submit --master yarn --files target/release/policy-targets
    scripts/spark/policy_targets_job.py --binary policy-targets --input hdfs:///notices --output ...
(a --binary without a slash is looked up among the files shipped with --files, else on PATH).
Paths in the records are the files' local paths relative to --relative-to (default: the current
folder), as `extract` run there writes them; other URIs (hdfs://…) are kept whole.
"""
import argparse
import json
import os
import shlex
import sys
from urllib.parse import unquote, urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "schema", "records.schema.json")
KINDS = {"document": "documents", "target": "targets", "milestone": "milestones", "outcome": "outcomes"}


def spark_type(prop):
    """The Spark SQL type of a JSON Schema property of records.schema.json."""
    from pyspark.sql import types as T

    if "const" in prop:
        return T.StringType()
    if "enum" in prop:
        kinds = {type(v) for v in prop["enum"] if v is not None}
        if kinds <= {str}:
            return T.StringType()
        raise ValueError(f"enum of {kinds}")
    if "oneOf" in prop:
        alts = [a for a in prop["oneOf"] if a.get("type") != "null"]
        return spark_type(alts[0])
    t = prop.get("type")
    if isinstance(t, list):
        t = next(x for x in t if x != "null")
    if t == "string":
        return T.StringType()
    if t == "integer":
        return T.LongType()
    if t == "number":
        return T.DoubleType()
    if t == "boolean":
        return T.BooleanType()
    if t == "array":
        return T.ArrayType(spark_type(prop["items"]), containsNull=False)
    if t == "object":
        return struct(prop)
    raise ValueError(f"no Spark type for {prop}")


def struct(defn):
    from pyspark.sql import types as T

    required = set(defn.get("required", []))
    return T.StructType(
        [T.StructField(name, spark_type(p), nullable=name not in required or _nullable(p))
         for name, p in defn["properties"].items()]
    )


def _nullable(prop):
    t = prop.get("type")
    return (isinstance(t, list) and "null" in t) or None in prop.get("enum", []) or any(
        a.get("type") == "null" for a in prop.get("oneOf", []))


def schemas(path=SCHEMA):
    """The Spark schema of each record kind, from the JSON Schema of the records."""
    with open(path, encoding="utf-8") as f:
        defs = json.load(f)["$defs"]
    return {kind: struct(defs[kind]) for kind in KINDS}


def record_path(uri, relative_to):
    """The path a record gives a file: a local file relative to `relative_to`, as extract run
    there writes it; any other URI whole."""
    u = urlparse(uri)
    if u.scheme in ("", "file"):
        return os.path.relpath(unquote(u.path), relative_to)
    return uri


def binary_command(binary, threads):
    if os.sep not in binary:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(binary)
        if os.path.exists(shipped):
            binary = shipped
    return " ".join(shlex.quote(x) for x in [binary, "stream", "-j", str(threads)])


def run(spark, inputs, output, binary, threads=1, partitions=None, relative_to=None):
    """Extract every file under `inputs` through `binary stream` and write the Parquet set;
    returns the number of records of each kind."""
    sc = spark.sparkContext
    if __name__ != "__main__":
        # Imported by another job: the workers unpickle these functions from this module.
        sc.addPyFile(os.path.abspath(__file__))
    relative_to = relative_to or os.getcwd()
    from pyspark.sql import functions as F

    # The binaryFile source reads the files in the JVM and base64 is computed there: several
    # times faster than sc.binaryFiles, which hands every file's bytes to Python.
    files = None
    for folder in inputs:
        uri = folder if "://" in folder else "file://" + os.path.abspath(folder)
        df = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(uri)
              .select("path", F.base64("content").alias("b64")))
        files = df if files is None else files.unionByName(df)
    rdd = files.rdd
    if partitions:
        rdd = rdd.repartition(partitions)
    lines = rdd.filter(lambda r: not os.path.basename(urlparse(r.path).path).startswith(".")).map(
        lambda r: json.dumps({"path": record_path(r.path, relative_to), "bytes_base64": r.b64}, ensure_ascii=False))
    records = lines.pipe(binary_command(binary, threads))
    # The records as one column of JSON text, parsed in the JVM once per kind.
    text = spark.createDataFrame(records.map(lambda l: (l,)), "value string").cache()
    kinds = schemas()
    for kind, folder in KINDS.items():
        # A raw "kind":"…" only occurs as the record's own field: quotes inside strings are escaped.
        rows = text.filter(F.col("value").contains(f'"kind":"{kind}"'))
        df = rows.select(F.from_json("value", kinds[kind], {"mode": "FAILFAST"}).alias("r")).select("r.*")
        writer = df.write.mode("overwrite")
        if kind == "target":
            writer = writer.partitionBy("region")
        writer.parquet(os.path.join(output, folder))
    counts = {kind: 0 for kind in KINDS}
    for row in text.groupBy(F.get_json_object("value", "$.kind").alias("kind")).count().collect():
        counts[row["kind"]] = row["count"]
    text.unpersist()
    return counts


def session(master, app="policy-targets"):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app).config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    builder = builder.config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", action="append", required=True, help="a folder of notices (repeatable)")
    ap.add_argument("--output", required=True, help="the folder of the Parquet set")
    ap.add_argument("--binary", default="policy-targets", help="the policy-targets binary")
    ap.add_argument("--master", help="Spark master (default: as spark-submit sets it)")
    ap.add_argument("--threads", type=int, default=1, help="worker threads of each stream (default 1: one per executor core)")
    ap.add_argument("--partitions", type=int, help="partitions of the input (default: the default parallelism)")
    ap.add_argument("--relative-to", help="folder the records' paths are relative to (default: the current one)")
    a = ap.parse_args(argv)
    spark = session(a.master)
    spark.sparkContext.setLogLevel("ERROR")
    counts = run(spark, a.input, a.output, a.binary, a.threads, a.partitions, a.relative_to)
    print(json.dumps(counts))
    spark.stop()


if __name__ == "__main__":
    sys.exit(main())
