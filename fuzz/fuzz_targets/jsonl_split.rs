//! Arbitrary bytes through the JSONL splitter with arbitrary block sizes and line limits: the
//! lines come out as `split('\n')` gives them, numbered exactly, and the whole engine reports
//! the same problems on the same lines with one thread and with several.
#![no_main]

use std::sync::OnceLock;

use adcontract_schema::ir::{Ir, Shape};
use adcontract_schema::validate::split::{self, Block, Splitter};
use adcontract_schema::validate::stream::{Engine, Layout, Settings};
use adcontract_schema::validate::{Options, Validator};
use libfuzzer_sys::fuzz_target;

/// The `latest` view's validator, built once.
fn validator() -> Option<&'static Validator<'static>> {
    static IR: OnceLock<Option<Ir>> = OnceLock::new();
    static V: OnceLock<Option<Validator<'static>>> = OnceLock::new();
    let ir = IR
        .get_or_init(|| adcontract_schema::canonical().view("latest").ok())
        .as_ref()?;
    V.get_or_init(|| Validator::new(ir, Options::default()).ok())
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some((&[a, b, c], input)) = data.split_first_chunk::<3>().map(|(h, r)| (h, r)) else {
        return;
    };
    let block = usize::from(a) + 1;
    let max = usize::from(b) + 1;
    let jobs = usize::from(c % 4) + 1;

    // The splitter alone.
    let mut s = Splitter::new(input, block, max);
    let mut got: Vec<(u64, Option<Vec<u8>>, u64)> = Vec::new();
    let mut line = 1;
    let mut buf = Vec::new();
    while let Ok(Some(blk)) = s.next_block(std::mem::take(&mut buf)) {
        let count = blk.line_count();
        match &blk {
            Block::Lines(bytes) => {
                for (i, l) in split::lines(bytes).enumerate() {
                    got.push((line + i as u64, Some(l.to_vec()), l.len() as u64));
                }
            }
            Block::TooLong(n) => got.push((line, None, *n)),
        }
        line += count;
        if let Block::Lines(b) = blk {
            buf = b;
        }
    }
    let mut want: Vec<&[u8]> = input.split(|&x| x == b'\n').collect();
    if want.last().is_some_and(|l| l.is_empty()) {
        want.pop();
    }
    assert_eq!(got.len(), want.len());
    for ((n, bytes, len), (i, w)) in got.iter().zip(want.iter().enumerate()) {
        assert_eq!(*n, i as u64 + 1);
        assert_eq!(*len, w.len() as u64);
        match bytes {
            Some(bytes) => assert_eq!(bytes.as_slice(), *w),
            // Only lines over the limit are skipped.
            None => assert!(w.len() > max),
        }
    }

    // The engine: several threads and small blocks report exactly what one thread does.
    let Some(v) = validator() else {
        return;
    };
    let shape = Shape::Ref {
        name: "CallParty".into(),
        args: vec![],
    };
    let run = |settings: Settings| {
        let mut seen = Vec::new();
        let tally = Engine::new(v, &shape, settings)
            .run(Layout::JsonLines, input, &mut |l, p| {
                seen.push((l, p.clone()))
            })
            .ok();
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
});
