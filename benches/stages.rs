//! Criterion benchmarks of each pipeline stage, reported in bytes per second: decode,
//! traditional→simplified, segmentation, extraction, serialization — on the seeds and, when
//! it is beside the checkout, on ../shared/corpus/docs.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use policy_targets::config::Engine;
use policy_targets::normalize::normalize;
use policy_targets::pipeline::process_bytes;
use policy_targets::record::WriteJson;

fn texts(dir: &Path, limit: usize) -> Vec<(String, String)> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return Vec::new(),
    };
    v.sort();
    v.into_iter()
        .filter_map(|p| {
            Some((
                p.file_name()?.to_string_lossy().to_string(),
                std::fs::read_to_string(&p).ok()?,
            ))
        })
        .take(limit)
        .collect()
}

fn corpora() -> Vec<(&'static str, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![(
        "seeds",
        texts(&root.join("seeds"), usize::MAX)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<String>(),
    )];
    let corpus = texts(&root.join("../shared/corpus/docs"), usize::MAX);
    if !corpus.is_empty() {
        // Every 8th document: about 1.3 MB with the corpus's mix of traditional and simplified.
        let sample: String = corpus.iter().step_by(8).map(|(_, t)| t.as_str()).collect();
        out.push(("corpus", sample));
        let traditional: String = corpus
            .iter()
            .filter(|(n, _)| n.starts_with("twlaw_"))
            .map(|(_, t)| t.as_str())
            .collect();
        out.push(("traditional", traditional));
    }
    out
}

fn stages(c: &mut Criterion) {
    let engine = Engine::new(None).expect("engine");
    for (name, text) in corpora() {
        let bytes = text.len() as u64;
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes));
        g.sample_size(10);
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        g.bench_function(BenchmarkId::new("decode_gb18030", bytes), |b| {
            b.iter(|| policy_targets::decode::decode(&gb).expect("decodes"))
        });
        g.bench_function(BenchmarkId::new("decode_utf8", bytes), |b| {
            b.iter(|| policy_targets::decode::decode(text.as_bytes()).expect("decodes"))
        });
        g.bench_function(BenchmarkId::new("normalize_t2s", bytes), |b| {
            b.iter(|| normalize(&text, &engine.converter))
        });
        let norm = normalize(&text, &engine.converter).text;
        g.bench_function(BenchmarkId::new("segment_all", bytes), |b| {
            b.iter(|| engine.segmenter.cut(&norm).len())
        });
        g.bench_function(BenchmarkId::new("extract", bytes), |b| {
            b.iter(|| {
                engine
                    .extractor
                    .extract(&text, &norm, &engine.segmenter)
                    .targets
                    .len()
            })
        });
        let out = process_bytes(&engine, "bench.txt", text.as_bytes());
        g.bench_function(BenchmarkId::new("serialize", bytes), |b| {
            b.iter(|| {
                let mut buf = Vec::with_capacity(1 << 20);
                for t in &out.targets {
                    t.write_json(&mut buf);
                }
                for m in &out.milestones {
                    m.write_json(&mut buf);
                }
                buf.len()
            })
        });
        // The same records through serde_json, which writes the same bytes.
        g.bench_function(BenchmarkId::new("serialize_serde_json", bytes), |b| {
            b.iter(|| {
                let mut buf = Vec::with_capacity(1 << 20);
                for t in &out.targets {
                    serde_json::to_writer(&mut buf, t).expect("json");
                }
                for m in &out.milestones {
                    serde_json::to_writer(&mut buf, m).expect("json");
                }
                buf.len()
            })
        });
        g.bench_function(BenchmarkId::new("whole_document", bytes), |b| {
            b.iter(|| {
                process_bytes(&engine, "bench.txt", text.as_bytes())
                    .targets
                    .len()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
