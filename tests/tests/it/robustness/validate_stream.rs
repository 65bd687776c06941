//! The streaming engine of `adcontract validate` (`validate::stream`).

use super::*;

/// Instances of the canonical `CallParty` (required `id`, `name`, `phone`; open object).
const GOOD: &str = r#"{"id":"p1","name":"Ada","phone":"+14155550123"}"#;
const INVALID: &str = r#"{"id":5,"name":"Cy"}"#;
/// The configured line limit in these tests.
const MAX: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Good,
    Invalid,
    Malformed,
    BadUtf8,
    Blank,
    Deep,
    TooLong,
}

impl Kind {
    fn bytes(self) -> Vec<u8> {
        match self {
            Kind::Good => GOOD.as_bytes().to_vec(),
            Kind::Invalid => INVALID.as_bytes().to_vec(),
            Kind::Malformed => br#"{"id":"p1","name":"#.to_vec(),
            Kind::BadUtf8 => b"{\"id\":\"p\xff1\",\"name\":\"A\",\"phone\":\"1\"}".to_vec(),
            Kind::Blank => b"  \t\r".to_vec(),
            Kind::Deep => "[".repeat(100_000).into_bytes(),
            Kind::TooLong => {
                let mut v = b"{\"id\":\"".to_vec();
                v.extend(std::iter::repeat_n(b'x', MAX + 10));
                v.extend(b"\"}");
                v
            }
        }
    }

    /// Whether the line is reported, and with which keyword.
    fn expected(self) -> Option<&'static str> {
        match self {
            Kind::Good | Kind::Blank => None,
            Kind::Invalid => Some("schema"),
            Kind::Malformed | Kind::BadUtf8 | Kind::Deep | Kind::TooLong => Some("parse"),
        }
    }
}

fn arb_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        6 => Just(Kind::Good),
        3 => Just(Kind::Invalid),
        2 => Just(Kind::Malformed),
        2 => Just(Kind::BadUtf8),
        2 => Just(Kind::Blank),
        1 => Just(Kind::Deep),
        1 => Just(Kind::TooLong),
    ]
}

fn call_party() -> (&'static Spec, Shape) {
    let spec = canonical_source("latest").expect("latest");
    let def = spec.ir.type_def("CallParty").expect("CallParty in latest");
    (spec, def.shape.clone())
}

fn jsonl(kinds: &[Kind], crlf: bool, final_newline: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        out.extend(k.bytes());
        if i + 1 < kinds.len() || final_newline {
            out.extend(if crlf { &b"\r\n"[..] } else { &b"\n"[..] });
        }
    }
    out
}

/// Checks a stream's report against the kinds of its lines.
fn check_stream(
    kinds: &[Kind],
    tally: stream::Tally,
    seen: &[(u64, Problem)],
) -> Result<(), TestCaseError> {
    let counted = kinds.iter().filter(|k| **k != Kind::Blank).count() as u64;
    prop_assert_eq!(
        tally.instances,
        counted,
        "every non-blank line is an instance"
    );
    let bad_lines: BTreeSet<u64> = seen
        .iter()
        .filter(|(_, p)| p.is_error())
        .map(|(l, _)| *l)
        .collect();
    for (i, k) in kinds.iter().enumerate() {
        let n = i as u64 + 1;
        match k.expected() {
            None => prop_assert!(
                !bad_lines.contains(&n),
                "line {} ({:?}) reported: {:?}",
                n,
                k,
                seen
            ),
            Some(kw) => {
                prop_assert!(
                    bad_lines.contains(&n),
                    "line {} ({:?}) not reported: {:?}",
                    n,
                    k,
                    seen
                );
                let on_line: Vec<&Problem> = seen
                    .iter()
                    .filter(|(l, _)| *l == n)
                    .map(|(_, p)| p)
                    .collect();
                if kw == "parse" {
                    prop_assert!(
                        on_line.len() == 1 && on_line[0].keyword == "parse",
                        "line {} ({:?}): {:?}",
                        n,
                        k,
                        on_line
                    );
                } else {
                    prop_assert!(
                        on_line.iter().all(|p| p.keyword != "parse"),
                        "{:?}",
                        on_line
                    );
                }
                for p in on_line {
                    prop_assert!(!p.message.trim().is_empty());
                }
            }
        }
    }
    prop_assert_eq!(
        tally.invalid,
        kinds.iter().filter(|k| k.expected().is_some()).count() as u64
    );
    prop_assert!(
        seen.iter()
            .all(|(l, _)| *l >= 1 && *l <= kinds.len() as u64)
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    /// Random mixes of good and bad lines through `validate_reader`.
    #[test]
    fn stream_reports_each_bad_line_and_checks_every_good_one(
        kinds in prop::collection::vec(arb_kind(), 0..14),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
        capacity in prop::sample::select(&[1usize, 7, 64, 1 << 16][..]),
    ) {
        let (spec, shape) = call_party();
        let input = jsonl(&kinds, crlf, final_newline);
        let mut seen = Vec::new();
        let tally = stream::validate_reader(
            &spec.validator,
            &shape,
            Layout::JsonLines,
            BufReader::with_capacity(capacity, &input[..]),
            MAX,
            &mut |l, p| seen.push((l, p.clone())),
        )
        .expect("in-memory input cannot fail to read");
        check_stream(&kinds, tally, &seen)?;
    }

    /// The same through `validate_files` (what the CLI calls): files on disk, the JSON report
    /// format, and the documented exit codes (0 clean, 1 an instance has an error, 2 an input
    /// could not be read, the other inputs still validated).
    #[test]
    fn validate_files_exit_codes_and_line_numbers(
        kinds in prop::collection::vec(arb_kind(), 0..10),
        with_missing in any::<bool>(),
    ) {
        let (spec, shape) = call_party();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, jsonl(&kinds, false, true)).expect("write");
        let mut paths = vec![path];
        if with_missing {
            paths.insert(0, dir.path().join("missing.jsonl"));
        }
        let mut out = Vec::new();
        let mut err = Vec::new();
        let outcome = stream::validate_files(
            &spec.validator, &shape, &paths, Format::Json, MAX, &mut out, &mut err,
        );
        let mut seen = Vec::new();
        for line in String::from_utf8_lossy(&out).lines() {
            let rec: Value = serde_json::from_str(line).expect("report lines are JSON");
            let n = rec["line"].as_u64().expect("line number");
            prop_assert!(rec["file"].as_str().is_some_and(|f| f.ends_with("in.jsonl")));
            let p = Problem {
                pointer: rec["pointer"].as_str().unwrap_or_default().to_owned(),
                keyword: if rec["keyword"] == "parse" { "parse" } else { "schema" },
                message: rec["message"].as_str().unwrap_or_default().to_owned(),
                severity: if rec["severity"] == "error" {
                    adcontract_schema::diag::Severity::Error
                } else {
                    adcontract_schema::diag::Severity::Warning
                },
            };
            seen.push((n, p));
        }
        check_stream(&kinds, outcome.tally, &seen)?;
        let want = if with_missing {
            2
        } else if kinds.iter().any(|k| k.expected().is_some()) {
            1
        } else {
            0
        };
        prop_assert_eq!(outcome.exit_code(), want, "{:?}", String::from_utf8_lossy(&err));
        prop_assert_eq!(outcome.input_errors, u64::from(with_missing));
        if with_missing {
            prop_assert!(String::from_utf8_lossy(&err).contains("missing.jsonl"));
        }
    }

    /// Arbitrary bytes: no panic; problems only on lines that exist.
    #[test]
    fn stream_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), max in 1usize..64) {
        let (spec, shape) = call_party();
        let lines = bytes.split(|b| *b == b'\n').count() as u64;
        for layout in [Layout::JsonLines, Layout::Json] {
            let mut seen = Vec::new();
            let tally = stream::validate_reader(
                &spec.validator, &shape, layout, &bytes[..], max, &mut |l, p| seen.push((l, p.clone())),
            )
            .expect("in-memory input");
            prop_assert!(seen.iter().all(|(l, _)| *l >= 1 && *l <= lines), "{:?}", seen);
            prop_assert!(tally.errors as usize <= seen.len());
        }
    }
}

/// A `.json` file holding one 100k-deep value, and one over the limit: each one reported
/// problem, no panic, no stack overflow.
#[test]
fn stream_json_file_deep_and_too_large() {
    let (spec, shape) = call_party();
    for (input, max, needle) in [
        (
            "[".repeat(100_000).into_bytes(),
            MAX,
            "recursion limit exceeded",
        ),
        (Kind::TooLong.bytes(), MAX, "larger than the limit"),
    ] {
        let mut seen = Vec::new();
        let tally = stream::validate_reader(
            &spec.validator,
            &shape,
            Layout::Json,
            &input[..],
            max,
            &mut |l, p| seen.push((l, p.clone())),
        )
        .expect("in-memory input");
        assert_eq!(tally.instances, 1);
        assert_eq!(tally.errors, 1, "{seen:?}");
        assert!(seen[0].1.message.contains(needle), "{seen:?}");
    }
}
