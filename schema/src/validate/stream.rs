//! Streaming validation of `.json` and `.jsonl` input: the engine of `adcontract validate`.
//!
//! A `.jsonl` file is read line by line into one reused buffer, so memory stays flat however
//! large the file is. One bad line never stops the rest: malformed JSON, invalid UTF-8, nesting
//! deeper than serde_json's limit (128) and lines longer than the limit are each reported as a
//! problem of that line (keyword `parse`, an error: the instance is not a valid instance) and
//! the next line is read. An over-long line is skipped without being buffered. A `.json` file is
//! one value, read whole up to the same limit; a larger one is reported, not read.
//!
//! Only I/O errors (an unreadable file) stop a stream; they are returned as `Err`.

use std::io::{self, BufRead, Read};
use std::path::Path;

use serde_json::Value;

use super::{Problem, Validator};
use crate::diag::Severity;
use crate::ir::Shape;

/// The default limit on one line of `.jsonl` (and on a whole `.json` file): 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// How a file holds its instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One JSON value (`.json`).
    Json,
    /// One JSON value per line, blank lines skipped (`.jsonl`, `.ndjson`).
    JsonLines,
}

impl Layout {
    /// The layout a file name implies, or `None` for an unknown extension.
    pub fn from_path(path: &Path) -> Option<Layout> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Layout::Json),
            "jsonl" | "ndjson" => Some(Layout::JsonLines),
            _ => None,
        }
    }
}

/// What a stream held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Instances read (non-blank lines, or 1 for a `.json` file), malformed ones included.
    pub instances: u64,
    /// Instances with at least one error.
    pub invalid: u64,
    pub errors: u64,
    pub warnings: u64,
}

impl Tally {
    /// Adds another stream's counts.
    pub fn add(&mut self, other: Tally) {
        self.instances += other.instances;
        self.invalid += other.invalid;
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

/// Validates every instance of `reader` against `shape`, handing each problem with its 1-based
/// line to `sink` as it is found. `max_bytes` bounds a line (`.jsonl`) or the file (`.json`).
pub fn validate_reader<R: BufRead>(
    validator: &Validator<'_>,
    shape: &Shape,
    layout: Layout,
    mut reader: R,
    max_bytes: usize,
    sink: &mut dyn FnMut(u64, &Problem),
) -> io::Result<Tally> {
    let mut tally = Tally::default();
    let mut emit = |tally: &mut Tally, line: u64, problems: &[Problem]| {
        tally.instances += 1;
        let mut bad = false;
        for p in problems {
            if p.is_error() {
                tally.errors += 1;
                bad = true;
            } else {
                tally.warnings += 1;
            }
            sink(line, p);
        }
        tally.invalid += u64::from(bad);
    };
    match layout {
        Layout::Json => {
            let mut buf = Vec::new();
            (&mut reader)
                .take(max_bytes as u64 + 1)
                .read_to_end(&mut buf)?;
            if buf.len() > max_bytes {
                let p = parse_problem(format!(
                    "the file is larger than the limit of {max_bytes} bytes; not read (split it into a .jsonl file)"
                ));
                emit(&mut tally, 1, &[p]);
                return Ok(tally);
            }
            let start_line = 1 + buf
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .filter(|&&b| b == b'\n')
                .count() as u64;
            let (line, problems) = match parse(&buf) {
                Ok(value) => (start_line, validator.validate_shape(shape, &value)),
                Err(Malformed { line, message }) => (line, vec![parse_problem(message)]),
            };
            emit(&mut tally, line, &problems);
        }
        Layout::JsonLines => {
            let mut buf = Vec::new();
            let mut line_no: u64 = 0;
            loop {
                buf.clear();
                line_no += 1;
                let text = match read_line(&mut reader, &mut buf, max_bytes)? {
                    Line::Eof => break,
                    Line::TooLong(len) => {
                        let p = parse_problem(format!(
                            "line is {len} bytes long, over the limit of {max_bytes} bytes; skipped"
                        ));
                        emit(&mut tally, line_no, &[p]);
                        continue;
                    }
                    Line::Read => buf.strip_suffix(b"\r").unwrap_or(&buf),
                };
                if text.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match parse(text) {
                    Ok(value) => {
                        let problems = validator.validate_shape(shape, &value);
                        emit(&mut tally, line_no, &problems);
                    }
                    Err(Malformed { message, .. }) => {
                        emit(&mut tally, line_no, &[parse_problem(message)])
                    }
                }
            }
        }
    }
    Ok(tally)
}

/// How [`validate_files`] prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `file:line: /pointer: error: message`, one line per problem.
    Human,
    /// One JSON object per problem and line:
    /// `{"file","line","pointer","keyword","severity","message"}`.
    Json,
}

/// What [`validate_files`] found in all its inputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub tally: Tally,
    /// Inputs that could not be read (missing, unreadable, unknown extension), or output that
    /// could not be written.
    pub input_errors: u64,
}

impl Outcome {
    /// The exit code of `adcontract validate`: 2 if an input could not be read (the others
    /// are still validated), else 1 if an instance has an error (malformed instances
    /// included), else 0 (warnings allowed).
    pub fn exit_code(&self) -> u8 {
        if self.input_errors > 0 {
            2
        } else if self.tally.errors > 0 {
            1
        } else {
            0
        }
    }

    /// `N instances, E errors, W warnings`.
    pub fn summary(&self) -> String {
        let t = self.tally;
        format!(
            "{} instances, {} errors, {} warnings",
            t.instances, t.errors, t.warnings
        )
    }
}

/// Validates each path (`.json`, `.jsonl`/`.ndjson`, or `-` for JSON lines on standard input)
/// against `shape`, printing problems to `out` as they are found and input errors to `err`.
/// Returns the counts; the caller prints [`Outcome::summary`].
pub fn validate_files(
    validator: &Validator<'_>,
    shape: &Shape,
    paths: &[std::path::PathBuf],
    format: Format,
    max_bytes: usize,
    out: &mut dyn io::Write,
    err: &mut dyn io::Write,
) -> Outcome {
    let mut outcome = Outcome::default();
    for path in paths {
        let shown = path.display().to_string();
        let is_stdin = shown == "-";
        let layout = if is_stdin {
            Some(Layout::JsonLines)
        } else {
            Layout::from_path(path)
        };
        let Some(layout) = layout else {
            let _ = writeln!(
                err,
                "{shown}: error: unknown file kind; expected .json (one value) or .jsonl (one value per line)"
            );
            outcome.input_errors += 1;
            continue;
        };
        let mut write_failed = None;
        let mut sink = |line: u64, p: &Problem| {
            if write_failed.is_some() {
                return;
            }
            let written = match format {
                Format::Human => writeln!(out, "{shown}:{line}: {p}"),
                Format::Json => {
                    let record = serde_json::json!({
                        "file": shown,
                        "line": line,
                        "pointer": p.pointer,
                        "keyword": p.keyword,
                        "severity": p.severity,
                        "message": p.message,
                    });
                    writeln!(out, "{record}")
                }
            };
            if let Err(e) = written {
                write_failed = Some(e);
            }
        };
        let result = if is_stdin {
            validate_reader(
                validator,
                shape,
                layout,
                io::stdin().lock(),
                max_bytes,
                &mut sink,
            )
        } else {
            match std::fs::File::open(path) {
                Ok(f) => validate_reader(
                    validator,
                    shape,
                    layout,
                    io::BufReader::with_capacity(1 << 16, f),
                    max_bytes,
                    &mut sink,
                ),
                Err(e) => Err(e),
            }
        };
        match result {
            Ok(t) => outcome.tally.add(t),
            Err(e) => {
                let _ = writeln!(err, "{shown}: error: cannot read: {e}");
                outcome.input_errors += 1;
            }
        }
        if let Some(e) = write_failed {
            let _ = writeln!(err, "error: cannot write the report: {e}");
            outcome.input_errors += 1;
            break;
        }
    }
    let _ = out.flush();
    outcome
}

/// Input that is not one JSON value.
#[derive(Debug)]
struct Malformed {
    /// 1-based line within the parsed text.
    line: u64,
    message: String,
}

fn parse(bytes: &[u8]) -> Result<Value, Malformed> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes
            .get(..at)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        Malformed {
            line,
            message: format!("invalid UTF-8 at byte {} (of {})", at + 1, bytes.len()),
        }
    })?;
    serde_json::from_str(text).map_err(|e| {
        // serde's message ends with " at line L column C"; keep the cause and say the column.
        let full = e.to_string();
        let cause = full
            .rfind(" at line ")
            .and_then(|i| full.get(..i))
            .unwrap_or(&full);
        Malformed {
            line: e.line().max(1) as u64,
            message: format!("malformed JSON: {cause} (column {})", e.column()),
        }
    })
}

fn parse_problem(message: String) -> Problem {
    Problem {
        pointer: String::new(),
        keyword: "parse",
        message,
        severity: Severity::Error,
    }
}

/// What [`read_line`] found.
#[derive(Debug)]
enum Line {
    Eof,
    /// A line is in the buffer, without its `\n`.
    Read,
    /// The line (this many bytes) was longer than the limit and skipped; the buffer is empty.
    TooLong(u64),
}

/// Reads one line into `buf` unless it is longer than `max`, in which case it is consumed
/// without being kept.
fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    let mut total: u64 = 0;
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Line::Eof,
                (true, true) => Line::TooLong(total),
                (true, false) => Line::Read,
            });
        }
        any = true;
        let newline = memchr::memchr(b'\n', chunk);
        let take = newline.unwrap_or(chunk.len());
        if !too_long {
            if buf.len() + take > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk.get(..take).unwrap_or_default());
            }
        }
        total += take as u64;
        r.consume(take + usize::from(newline.is_some()));
        if newline.is_some() {
            return Ok(if too_long {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Ir, NumberRules, Version};
    use std::collections::BTreeMap;

    fn ir() -> Ir {
        Ir {
            version: Version {
                id: "t".into(),
                label: "t".into(),
                date: None,
                vendor_commit: None,
                description: None,
            },
            version_index: 0,
            types: BTreeMap::new(),
            apis: Vec::new(),
        }
    }

    fn run(layout: Layout, input: &[u8], max: usize) -> (Tally, Vec<(u64, String)>) {
        let ir = ir();
        let v = Validator::new(&ir, super::super::Options::default()).expect("validator");
        let shape = Shape::Integer(NumberRules {
            minimum: Some(0.0),
            ..NumberRules::default()
        });
        let mut seen = Vec::new();
        // A tiny BufReader capacity exercises lines that span many buffer fills.
        let reader = io::BufReader::with_capacity(4, input);
        let tally = validate_reader(&v, &shape, layout, reader, max, &mut |l, p| {
            seen.push((l, p.to_string()))
        })
        .expect("in-memory reads cannot fail");
        (tally, seen)
    }

    #[test]
    fn each_line_is_an_instance_and_bad_lines_do_not_stop_the_rest() {
        let input = b"1\n\n-1\r\n{oops\n   \n\xff\xfe\n2";
        let (t, seen) = run(Layout::JsonLines, input, 1000);
        assert_eq!(
            t,
            Tally {
                instances: 5,
                invalid: 3,
                errors: 3,
                warnings: 0
            }
        );
        let lines: Vec<u64> = seen.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 4, 6]);
        assert!(
            seen[0].1.contains("expected at least 0; got -1"),
            "{seen:?}"
        );
        assert!(
            seen[1]
                .1
                .contains("malformed JSON: key must be a string (column 2)"),
            "{seen:?}"
        );
        assert!(seen[2].1.contains("invalid UTF-8 at byte 1"), "{seen:?}");
    }

    #[test]
    fn over_long_lines_are_skipped_without_buffering() {
        let mut input = b"1\n".to_vec();
        input.extend(std::iter::repeat_n(b' ', 50));
        input.extend(b"7\n3\n");
        let (t, seen) = run(Layout::JsonLines, &input, 20);
        assert_eq!(t.instances, 3);
        assert_eq!(t.errors, 1);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].0, 2);
        assert!(
            seen[0]
                .1
                .contains("line is 51 bytes long, over the limit of 20 bytes"),
            "{seen:?}"
        );
    }

    #[test]
    fn deep_nesting_is_reported_not_fatal() {
        let mut input = "[".repeat(100_000).into_bytes();
        input.extend(b"\n5\n");
        let (t, seen) = run(Layout::JsonLines, &input, 1 << 20);
        assert_eq!(t.instances, 2);
        assert_eq!(t.errors, 1);
        assert!(seen[0].1.contains("recursion limit exceeded"), "{seen:?}");
    }

    #[test]
    fn a_json_file_is_one_value() {
        let (t, seen) = run(Layout::Json, b"\n\n  -4\n", 100);
        assert_eq!(
            t,
            Tally {
                instances: 1,
                invalid: 1,
                errors: 1,
                warnings: 0
            }
        );
        assert_eq!(seen[0].0, 3, "reported at the line where the value starts");
        let (_, seen) = run(Layout::Json, b"[1,\n2,\n}", 100);
        assert_eq!(seen[0].0, 3);
        assert!(seen[0].1.contains("malformed JSON"), "{seen:?}");
        let (t, seen) = run(Layout::Json, b"1 2", 100);
        assert_eq!(t.errors, 1);
        assert!(seen[0].1.contains("trailing characters"), "{seen:?}");
        let (t, seen) = run(Layout::Json, b"12345678", 4);
        assert_eq!(t.errors, 1);
        assert!(
            seen[0].1.contains("larger than the limit of 4 bytes"),
            "{seen:?}"
        );
    }

    proptest::proptest! {
        /// Any bytes: no panic, one instance per non-blank line, problems only on those lines.
        #[test]
        fn any_bytes_are_counted_line_by_line(
            bytes in proptest::collection::vec(proptest::sample::select(b"0 -1[]{}\"a\n\r\xff7".to_vec()), 0..200),
            max in 1usize..40,
        ) {
            let (t, seen) = run(Layout::JsonLines, &bytes, max);
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let non_blank: Vec<u64> = lines
                .iter()
                .enumerate()
                .filter(|(_, raw)| {
                    let l = raw.strip_suffix(b"\r").unwrap_or(raw);
                    raw.len() > max || !l.iter().all(u8::is_ascii_whitespace)
                })
                .map(|(i, _)| i as u64 + 1)
                .collect();
            proptest::prop_assert_eq!(t.instances, non_blank.len() as u64);
            proptest::prop_assert!(seen.iter().all(|(l, _)| non_blank.contains(l)));
            proptest::prop_assert_eq!(t.errors, seen.len() as u64);
        }
    }

    #[test]
    fn layouts_come_from_extensions() {
        assert_eq!(Layout::from_path(Path::new("a.JSON")), Some(Layout::Json));
        assert_eq!(
            Layout::from_path(Path::new("a.jsonl")),
            Some(Layout::JsonLines)
        );
        assert_eq!(
            Layout::from_path(Path::new("a.ndjson")),
            Some(Layout::JsonLines)
        );
        assert_eq!(Layout::from_path(Path::new("a.txt")), None);
        assert_eq!(Layout::from_path(Path::new("a")), None);
    }
}
