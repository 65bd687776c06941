//! The conformance recording reader (`recording::{parse, read}`) and `record import` on
//! garbage, mutated and non-UTF-8 lines.

use super::*;

fn corpus() -> &'static Vec<(PathBuf, String)> {
    static C: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    C.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/corpus");
        let mut out = Vec::new();
        let mut dirs = vec![root];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).expect("corpus dir").flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "jsonl") {
                    let text = std::fs::read_to_string(&p).expect("corpus file");
                    out.push((p, text));
                }
            }
        }
        out.sort();
        assert!(out.len() >= 10, "corpus not found");
        out
    })
}

/// The real recordings read cleanly (so any error in the mutated ones comes from the mutation).
#[test]
fn corpus_recordings_read_cleanly() {
    for (path, text) in corpus() {
        let (rec, errors) = recording::parse(text);
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let rec = rec.expect("a header");
        assert_eq!(
            rec.entries.len(),
            text.lines().filter(|l| !l.trim().is_empty()).count() - 1
        );
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// One line of a real recording replaced by garbage: that line is reported by number, every
    /// other entry is kept.
    #[test]
    fn recording_with_a_garbage_line(
        file in any::<prop::sample::Index>(),
        line in any::<prop::sample::Index>(),
        garbage in arb_garbage(),
    ) {
        let (path, text) = &corpus()[file.index(corpus().len())];
        let mut lines: Vec<&str> = text.lines().collect();
        let k = line.index(lines.len());
        let was_entry = k > 0 && !lines[k].trim().is_empty();
        lines[k] = &garbage;
        let (_, original_errors) = recording::parse(text);
        let (orig, _) = recording::parse(text);
        let before = orig.map_or(0, |r| r.entries.len());
        let (rec, errors) = recording::parse(&lines.join("\n"));
        prop_assert!(original_errors.is_empty());
        prop_assert!(
            errors.iter().any(|e| e.line == k + 1),
            "{}: garbage on line {} not reported: {:?}", path.display(), k + 1, errors
        );
        prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines.len() && !e.message.is_empty()));
        let after = rec.as_ref().map_or(0, |r| r.entries.len());
        if k > 0 {
            prop_assert_eq!(after, before - usize::from(was_entry), "entries lost");
        } else {
            // Without a header there is no recording, but the lines were all still checked:
            // nothing but the header line is reported unless it was reported before.
            prop_assert!(rec.is_none());
            prop_assert!(errors.iter().all(|e| e.line == 1), "{:?}", errors);
        }
    }

    /// A real recording, mutated as JSON (a key deleted or a subtree replaced on one line):
    /// no panic, errors only on existing lines, the unchanged entry lines all kept.
    #[test]
    fn recording_with_a_mutated_line(
        file in any::<prop::sample::Index>(),
        line in any::<prop::sample::Index>(),
        m in arb_mutation(),
    ) {
        let (_, text) = &corpus()[file.index(corpus().len())];
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let k = line.index(lines.len());
        let v: Value = serde_json::from_str(&lines[k]).expect("corpus lines are JSON");
        lines[k] = apply(&v, &m).to_string();
        let (rec, errors) = recording::parse(&lines.join("\n"));
        let (orig, _) = recording::parse(text);
        let before = orig.map_or(0, |r| r.entries.len());
        prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines.len() && !e.message.is_empty()));
        if let Some(rec) = rec {
            prop_assert!(rec.entries.len() + 1 >= before, "more than the mutated entry lost");
        }
    }

    /// Arbitrary lines, and invalid UTF-8 through `read`.
    #[test]
    fn recording_arbitrary_lines(
        lines in prop::collection::vec(prop_oneof![arb_json().prop_map(|v| v.to_string()), "\\PC{0,20}"], 0..8),
    ) {
        let text = lines.join("\n");
        let (_, errors) = recording::parse(&text);
        let n = text.lines().count().max(1);
        prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= n), "{:?}", errors);
        let spec = handmade_source("latest").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (_, errors) = adcontract_conformance::import::import(spec, &text, "robustness");
        // Line 0 is the whole input ("nothing to import"), and only alone with line errors.
        prop_assert!(errors.iter().all(|e| e.line <= n && !e.message.is_empty()), "{:?}", errors);
        prop_assert!(errors.iter().filter(|e| e.line == 0).count() <= 1, "{:?}", errors);
    }

    /// Invalid UTF-8 on one line of a real recording file: that line is reported, the others kept.
    #[test]
    fn recording_file_with_invalid_utf8(
        file in any::<prop::sample::Index>(),
        line in 1usize..usize::MAX,
        junk in bad_utf8(),
    ) {
        let (_, text) = &corpus()[file.index(corpus().len())];
        let lines: Vec<&str> = text.lines().collect();
        // Not the header: the rest of the file needs one to be kept.
        let k = 1 + line % (lines.len() - 1);
        let mut bytes = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i == k {
                bytes.extend(&junk);
            }
            bytes.extend(l.as_bytes());
            bytes.push(b'\n');
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.jsonl");
        std::fs::write(&path, &bytes).expect("write");
        let (rec, errors) = recording::read(&path);
        prop_assert!(errors.iter().any(|e| e.line == k + 1), "line {} not reported: {:?}", k + 1, errors);
        let rec = rec.expect("the header is intact");
        prop_assert_eq!(rec.entries.len(), lines.len() - 2, "the other entries are kept");
    }
}

/// `record import` (the library function the CLI calls) on an SDK log with a line of invalid
/// UTF-8 inserted: the exit code says a line was bad, and the recording written holds exactly
/// what the clean log gives.
#[test]
fn record_import_skips_a_non_utf8_line() {
    let log = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../conformance/testdata/widget-message-log.jsonl");
    let clean = std::fs::read(&log).expect("the committed SDK log");
    let dir = tempfile::tempdir().expect("tempdir");
    let import = |input: &[u8], name: &str| {
        let inp = dir.path().join(format!("{name}.in.jsonl"));
        let out = dir.path().join(format!("{name}.out.jsonl"));
        std::fs::write(&inp, input).expect("write");
        let code = adcontract_conformance::cli::import(
            &inp,
            Some("latest"),
            Some(&out),
            canonical_source,
            adcontract_conformance::import::Options::default(),
        );
        (code, std::fs::read_to_string(&out).unwrap_or_default())
    };
    let (code, want) = import(&clean, "clean");
    assert_eq!(code, 0);
    assert!(want.lines().count() > 2, "{want}");
    let mut dirty = b"\xff\xfe not text\n".to_vec();
    dirty.extend(&clean);
    let (code, got) = import(&dirty, "dirty");
    assert_ne!(code, 0, "a bad line must show in the exit code");
    // The header names the input file; compare the entries.
    let entries = |s: &str| s.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(entries(&got), entries(&want));
}
