//! Replays every input the fuzzers (`fuzz/`) once failed on, with the fuzz targets' checks, so
//! a crash found once stays fixed without nightly or cargo-fuzz. Inputs live in
//! `fuzz/regressions/<target>/`, one file each, named after what they broke.

use std::path::{Path, PathBuf};

use adcontract_schema::ir::Shape;
use adcontract_schema::validate::fast::Program;
use adcontract_schema::validate::split::{self, Block, Splitter};
use adcontract_schema::validate::stream::{Engine, Layout, Settings};
use adcontract_schema::validate::{Options, Validator};
use serde_json::Value;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// What `fuzz_targets/fast_vs_exact.rs` checks.
fn fast_vs_exact(data: &[u8]) {
    let serde_ok = serde_json::from_slice::<Value>(data).ok();
    for version in ["5.19", "latest"] {
        let ir = adcontract_schema::canonical().view(version).unwrap();
        for deny_unknown in [false, true] {
            let v = Validator::new(&ir, Options { deny_unknown }).unwrap();
            let mut shapes = vec![Shape::Any];
            for name in [
                "InteractionData",
                "CallParty",
                "OperationResult",
                "EmbeddedMessage",
                "InitiateResult",
            ] {
                if ir.types.contains_key(name) {
                    shapes.push(Shape::Ref {
                        name: name.into(),
                        args: vec![],
                    });
                }
            }
            for api in &ir.apis {
                for m in api.methods.iter().take(3) {
                    shapes.extend(m.result.clone());
                }
            }
            for shape in shapes {
                let fast = Program::new(&v, &shape).is_clean(data);
                let exact = serde_ok
                    .as_ref()
                    .is_some_and(|value| v.validate_shape(&shape, value).is_empty());
                assert_eq!(fast, exact, "{shape:?} in {version}");
            }
        }
    }
}

/// What `fuzz_targets/jsonl_split.rs` checks.
fn jsonl_split(data: &[u8]) {
    let Some((&[a, b, c], input)) = data.split_first_chunk::<3>() else {
        return;
    };
    let (block, max, jobs) = (
        usize::from(a) + 1,
        usize::from(b) + 1,
        usize::from(c % 4) + 1,
    );
    let mut s = Splitter::new(input, block, max);
    let mut got = Vec::new();
    let mut buf = Vec::new();
    while let Some(blk) = s.next_block(std::mem::take(&mut buf)).unwrap() {
        match &blk {
            Block::Lines(bytes) => got.extend(split::lines(bytes).map(|l| l.len() as u64)),
            Block::TooLong(n) => got.push(*n),
        }
        if let Block::Lines(b) = blk {
            buf = b;
        }
    }
    let mut want: Vec<u64> = input
        .split(|&x| x == b'\n')
        .map(|l| l.len() as u64)
        .collect();
    if want.last() == Some(&0) {
        want.pop();
    }
    assert_eq!(got, want);
    let ir = adcontract_schema::canonical().view("latest").unwrap();
    let v = Validator::new(&ir, Options::default()).unwrap();
    let shape = Shape::Ref {
        name: "CallParty".into(),
        args: vec![],
    };
    let run = |settings: Settings| {
        let mut seen = Vec::new();
        let tally = Engine::new(&v, &shape, settings)
            .run(Layout::JsonLines, input, &mut |l, p| {
                seen.push((l, p.clone()))
            })
            .unwrap();
        (tally, seen)
    };
    let one = run(Settings {
        max_bytes: max,
        ..Settings::default()
    });
    let many = run(Settings {
        max_bytes: max,
        jobs,
        block_bytes: block,
    });
    assert_eq!(one, many);
}

#[test]
fn fast_vs_exact_regressions_stay_fixed() {
    let cases = inputs("fast_vs_exact");
    assert!(!cases.is_empty());
    for (path, data) in cases {
        eprintln!("{}", path.display());
        fast_vs_exact(&data);
    }
}

#[test]
fn jsonl_split_regressions_stay_fixed() {
    let cases = inputs("jsonl_split");
    assert!(!cases.is_empty());
    for (path, data) in cases {
        eprintln!("{}", path.display());
        jsonl_split(&data);
    }
}
