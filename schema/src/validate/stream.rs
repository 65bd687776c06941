//! Streaming validation of `.json` and `.jsonl` input: the engine of `adcontract validate`.
//!
//! Two tiers. Every instance first goes through the fast path ([`super::fast::Program`]), which
//! checks it straight from its bytes and says only "nothing to report" or "something to report".
//! Only the second kind is parsed into a `Value` and run through the exact validator, which
//! writes the messages, pointers and warnings. Output is therefore exactly the exact validator's.
//!
//! A `.jsonl` file (or standard input) is read in blocks of whole lines ([`super::split`]); with
//! [`Settings::jobs`] above 1 the blocks are checked on that many threads while this one reads
//! and prints, in file order with exact line numbers. At most `jobs + 2` blocks are in flight,
//! so memory stays flat however large the input is. One bad line never stops the rest:
//! malformed JSON, invalid UTF-8, nesting of more than 127 levels (serde_json's limit) and lines
//! longer than the limit are each reported as a problem of that line (keyword `parse`, an error:
//! the instance is not a valid instance) and the next line is read. An over-long line is skipped
//! without being buffered. A `.json` file is one value, read whole up to the same limit; a
//! larger one is reported, not read.
//!
//! A UTF-8 byte order mark at the very start of a file is skipped with a warning naming it;
//! anywhere else it is malformed JSON, and the message names it. Positions are 1-based:
//! `column N` is the Nth byte of the line, `byte N` the Nth byte of the line (`.jsonl`) or of
//! the file (`.json`).
//!
//! Only I/O errors (an unreadable file) stop a stream; they are returned as `Err`.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read};
use std::path::Path;
use std::sync::{Mutex, mpsc};

use serde_json::Value;

use super::fast::Program;
use super::split::{self, Block, Splitter};
use super::{Problem, Validator};
use crate::diag::Severity;
use crate::ir::Shape;

/// The default limit on one line of `.jsonl` (and on a whole `.json` file): 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// The UTF-8 encoding of U+FEFF, the byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

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

/// How the engine runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The limit on one line (`.jsonl`) or on the file (`.json`), in bytes.
    pub max_bytes: usize,
    /// Threads that check blocks of lines; 1 checks them on the calling thread.
    pub jobs: usize,
    /// About how many bytes of `.jsonl` input one block holds ([`split::BLOCK_BYTES`]).
    pub block_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_bytes: DEFAULT_MAX_BYTES,
            jobs: 1,
            block_bytes: split::BLOCK_BYTES,
        }
    }
}

/// The number of cores this process may use (the default of `--jobs`).
pub fn available_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Validates every instance of `reader` against `shape` on the calling thread, handing each
/// problem with its 1-based line to `sink` as it is found. `max_bytes` bounds a line (`.jsonl`)
/// or the file (`.json`). See [`Engine`] to check on several threads.
pub fn validate_reader<R: BufRead>(
    validator: &Validator<'_>,
    shape: &Shape,
    layout: Layout,
    reader: R,
    max_bytes: usize,
    sink: &mut dyn FnMut(u64, &Problem),
) -> io::Result<Tally> {
    let settings = Settings {
        max_bytes,
        ..Settings::default()
    };
    Engine::new(validator, shape, settings).run(layout, reader, sink)
}

/// The fast path compiled for one shape, with the exact validator behind it.
#[derive(Debug)]
pub struct Engine<'a, 'ir> {
    validator: &'a Validator<'ir>,
    shape: &'a Shape,
    program: Program,
    settings: Settings,
}

/// The problems of one block, with line numbers relative to the block's first line (0-based).
#[derive(Debug, Default)]
struct Report {
    lines: u64,
    tally: Tally,
    problems: Vec<(u64, Problem)>,
}

impl Report {
    fn instance(&mut self, line: u64, problems: Vec<Problem>) {
        self.tally.instances += 1;
        let mut bad = false;
        for p in problems {
            if p.is_error() {
                self.tally.errors += 1;
                bad = true;
            } else {
                self.tally.warnings += 1;
            }
            self.problems.push((line, p));
        }
        self.tally.invalid += u64::from(bad);
    }

    fn warning(&mut self, line: u64, p: Problem) {
        self.tally.warnings += 1;
        self.problems.push((line, p));
    }
}

impl<'a, 'ir> Engine<'a, 'ir> {
    /// Compiles the fast path for `shape`.
    pub fn new(validator: &'a Validator<'ir>, shape: &'a Shape, settings: Settings) -> Self {
        Engine {
            validator,
            shape,
            program: Program::new(validator, shape),
            settings: Settings {
                jobs: settings.jobs.max(1),
                ..settings
            },
        }
    }

    /// Validates every instance of `reader`, handing each problem with its 1-based line to
    /// `sink`, in input order.
    pub fn run<R: Read>(
        &self,
        layout: Layout,
        reader: R,
        sink: &mut dyn FnMut(u64, &Problem),
    ) -> io::Result<Tally> {
        match layout {
            Layout::Json => self.run_json(reader, sink),
            Layout::JsonLines if self.settings.jobs <= 1 => self.run_lines(reader, sink),
            Layout::JsonLines => self.run_lines_parallel(reader, sink),
        }
    }

    fn run_json<R: Read>(
        &self,
        reader: R,
        sink: &mut dyn FnMut(u64, &Problem),
    ) -> io::Result<Tally> {
        let max_bytes = self.settings.max_bytes;
        let mut report = Report::default();
        let mut buf = Vec::new();
        reader.take(max_bytes as u64 + 1).read_to_end(&mut buf)?;
        if buf.len() > max_bytes {
            let p = parse_problem(format!(
                "the file is larger than the limit of {max_bytes} bytes; not read (split it into a .jsonl file)"
            ));
            report.instance(1, vec![p]);
        } else {
            let (text, skipped) = match buf.strip_prefix(BOM) {
                Some(rest) => {
                    report.warning(1, bom_warning());
                    (rest, BOM.len())
                }
                None => (&buf[..], 0),
            };
            let start_line = 1 + text
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .filter(|&&b| b == b'\n')
                .count() as u64;
            if self.program.is_clean(text) {
                report.instance(start_line, Vec::new());
            } else {
                match parse(text, skipped, buf.len()) {
                    Ok(value) => report.instance(
                        start_line,
                        self.validator.validate_shape(self.shape, &value),
                    ),
                    Err(Malformed { line, message }) => {
                        report.instance(line, vec![parse_problem(message)])
                    }
                }
            }
        }
        for (line, p) in &report.problems {
            sink(*line, p);
        }
        Ok(report.tally)
    }

    fn run_lines<R: Read>(
        &self,
        reader: R,
        sink: &mut dyn FnMut(u64, &Problem),
    ) -> io::Result<Tally> {
        let mut splitter =
            Splitter::new(reader, self.settings.block_bytes, self.settings.max_bytes);
        let mut tally = Tally::default();
        let mut first_line = 1;
        let mut buf = Vec::new();
        while let Some(block) = splitter.next_block(buf)? {
            let report = self.check_block(&block, first_line == 1);
            emit(&report, first_line, &mut tally, sink);
            first_line += report.lines;
            buf = match block {
                Block::Lines(b) => b,
                Block::TooLong(_) => Vec::new(),
            };
        }
        Ok(tally)
    }

    /// Blocks go to `jobs` worker threads; this thread reads, and prints each block's report
    /// once every block before it is printed. A fixed set of buffers circulates, which bounds
    /// both memory and how far reading runs ahead of printing.
    fn run_lines_parallel<R: Read>(
        &self,
        reader: R,
        sink: &mut dyn FnMut(u64, &Problem),
    ) -> io::Result<Tally> {
        let jobs = self.settings.jobs;
        let mut splitter =
            Splitter::new(reader, self.settings.block_bytes, self.settings.max_bytes);
        let mut tally = Tally::default();
        let (work_tx, work_rx) = mpsc::channel::<(u64, Block)>();
        let work_rx = Mutex::new(work_rx);
        std::thread::scope(|scope| {
            // Owned by the closure, so returning from it closes the channel and ends the workers
            // before the scope waits for them.
            let work_tx = work_tx;
            let (done_tx, done_rx) = mpsc::channel::<(u64, Report, Block)>();
            for _ in 0..jobs {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                scope.spawn(move || {
                    loop {
                        // The lock is held only while waiting for the next block.
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((seq, block)) = next else { return };
                        // A panic here is a bug; it must not leave the printer waiting for
                        // this block forever, so it becomes an error of the block.
                        let checked =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                self.check_block(&block, seq == 0)
                            }));
                        let report = checked.unwrap_or_else(|_| {
                            let mut r = Report {
                                lines: block.line_count(),
                                ..Report::default()
                            };
                            r.instance(
                                0,
                                vec![parse_problem(
                                    "internal error while checking the block of lines starting here"
                                        .to_owned(),
                                )],
                            );
                            r
                        });
                        if done_tx.send((seq, report, block)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut free: Vec<Vec<u8>> = (0..jobs + 2).map(|_| Vec::new()).collect();
            let mut pending: BTreeMap<u64, (Report, Block)> = BTreeMap::new();
            let (mut sent, mut printed, mut first_line) = (0u64, 0u64, 1u64);
            let mut eof = false;
            loop {
                while let Some((report, block)) = pending.remove(&printed) {
                    emit(&report, first_line, &mut tally, sink);
                    first_line += report.lines;
                    printed += 1;
                    free.push(match block {
                        Block::Lines(b) => b,
                        Block::TooLong(_) => Vec::new(),
                    });
                }
                if eof && printed == sent {
                    return Ok(tally);
                }
                match free.pop() {
                    Some(buf) if !eof => match splitter.next_block(buf)? {
                        Some(block) => {
                            if work_tx.send((sent, block)).is_err() {
                                return Err(io::Error::other("a validation thread stopped"));
                            }
                            sent += 1;
                        }
                        None => eof = true,
                    },
                    other => {
                        free.extend(other);
                        match done_rx.recv() {
                            Ok((seq, report, block)) => {
                                pending.insert(seq, (report, block));
                            }
                            Err(_) => return Err(io::Error::other("a validation thread stopped")),
                        }
                    }
                }
            }
        })
    }

    /// Checks every line of a block; `first` says the block starts the input (where a byte
    /// order mark is skipped).
    fn check_block(&self, block: &Block, first: bool) -> Report {
        let max_bytes = self.settings.max_bytes;
        let mut report = Report {
            lines: block.line_count(),
            ..Report::default()
        };
        let bytes = match block {
            Block::TooLong(len) => {
                let p = parse_problem(format!(
                    "line is {len} bytes long, over the limit of {max_bytes} bytes; skipped"
                ));
                report.instance(0, vec![p]);
                return report;
            }
            Block::Lines(bytes) => bytes,
        };
        for (i, raw) in split::lines(bytes).enumerate() {
            let line = i as u64;
            if raw.len() > max_bytes {
                let p = parse_problem(format!(
                    "line is {} bytes long, over the limit of {max_bytes} bytes; skipped",
                    raw.len()
                ));
                report.instance(line, vec![p]);
                continue;
            }
            let mut text = raw.strip_suffix(b"\r").unwrap_or(raw);
            let mut skipped = 0;
            if first && line == 0 {
                if let Some(rest) = text.strip_prefix(BOM) {
                    report.warning(line, bom_warning());
                    text = rest;
                    skipped = BOM.len();
                }
            }
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if self.program.is_clean(text) {
                report.instance(line, Vec::new());
                continue;
            }
            match parse(text, skipped, raw.len()) {
                Ok(value) => {
                    report.instance(line, self.validator.validate_shape(self.shape, &value))
                }
                Err(Malformed { message, .. }) => {
                    report.instance(line, vec![parse_problem(message)])
                }
            }
        }
        report
    }
}

/// Hands a block's problems to the sink with absolute line numbers.
fn emit(report: &Report, first_line: u64, tally: &mut Tally, sink: &mut dyn FnMut(u64, &Problem)) {
    tally.add(report.tally);
    for (line, p) in &report.problems {
        sink(first_line + line, p);
    }
}

fn bom_warning() -> Problem {
    Problem {
        pointer: String::new(),
        keyword: "parse",
        message: "the file starts with a UTF-8 byte order mark (U+FEFF, bytes EF BB BF); skipped"
            .to_owned(),
        severity: Severity::Warning,
    }
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
/// against `shape` on the calling thread. See [`validate_files_with`].
pub fn validate_files(
    validator: &Validator<'_>,
    shape: &Shape,
    paths: &[std::path::PathBuf],
    format: Format,
    max_bytes: usize,
    out: &mut dyn io::Write,
    err: &mut dyn io::Write,
) -> Outcome {
    let settings = Settings {
        max_bytes,
        ..Settings::default()
    };
    validate_files_with(validator, shape, paths, format, settings, out, err)
}

/// How a file name is shown in human output and on standard error: as is, unless it holds a
/// character that could break or forge an output line (a control character such as a newline,
/// a line or paragraph separator) or a `"`/`\` (which would make quoting ambiguous); then as a
/// JSON string literal with those characters escaped. A name that is not UTF-8 is shown with
/// U+FFFD for its undecodable bytes, as `Path::display` does.
pub fn shown_path(path: &Path) -> String {
    let name = path.display().to_string();
    let plain = !name
        .chars()
        .any(|c| c.is_control() || matches!(c, '"' | '\\' | '\u{2028}' | '\u{2029}'));
    if plain {
        name
    } else {
        // serde_json escapes control characters and quotes; the two separators are escaped by
        // hand because JSON allows them raw.
        serde_json::Value::String(name)
            .to_string()
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    }
}

/// Validates each path (`.json`, `.jsonl`/`.ndjson`, or `-` for JSON lines on standard input)
/// against `shape`, printing problems to `out` as they are found and input errors to `err`.
/// Returns the counts; the caller prints [`Outcome::summary`]. The fast path is compiled once
/// for all paths; `settings.jobs` threads check the lines of each `.jsonl` input.
pub fn validate_files_with(
    validator: &Validator<'_>,
    shape: &Shape,
    paths: &[std::path::PathBuf],
    format: Format,
    settings: Settings,
    out: &mut dyn io::Write,
    err: &mut dyn io::Write,
) -> Outcome {
    let engine = Engine::new(validator, shape, settings);
    let mut outcome = Outcome::default();
    for path in paths {
        // The JSON report carries the name as a JSON string, which is safe as it is.
        let raw_name = path.display().to_string();
        let shown = shown_path(path);
        let is_stdin = raw_name == "-";
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
                        "file": raw_name,
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
            engine.run(layout, io::stdin().lock(), &mut sink)
        } else {
            match std::fs::File::open(path) {
                Ok(f) => engine.run(layout, f, &mut sink),
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

/// Parses one JSON text. `skipped` bytes (a byte order mark) were cut from the front of the
/// line or file the text is, which is `whole` bytes long: positions are said in the original.
fn parse(bytes: &[u8], skipped: usize, whole: usize) -> Result<Value, Malformed> {
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
            message: format!("invalid UTF-8 at byte {} (of {whole})", at + 1 + skipped),
        }
    })?;
    serde_json::from_str(text).map_err(|e| {
        // serde's message ends with " at line L column C"; keep the cause and say the column.
        let full = e.to_string();
        let cause = full
            .rfind(" at line ")
            .and_then(|i| full.get(..i))
            .unwrap_or(&full);
        let line = e.line().max(1);
        let column = e.column() + if line == 1 { skipped } else { 0 };
        // serde_json's column is the 1-based byte of the offending character in its line.
        let line_start = if line == 1 {
            Some(0)
        } else {
            memchr::memchr_iter(b'\n', bytes)
                .nth(line - 2)
                .map(|i| i + 1)
        };
        let at = line_start.map(|s| s + e.column().saturating_sub(1));
        let is_bom = at
            .and_then(|i| bytes.get(i..))
            .is_some_and(|rest| rest.starts_with(BOM));
        let message = if is_bom {
            format!(
                "malformed JSON: a UTF-8 byte order mark (U+FEFF, bytes EF BB BF) is not allowed here (column {column})"
            )
        } else {
            format!("malformed JSON: {cause} (column {column})")
        };
        Malformed {
            line: line as u64,
            message,
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
        run_with(
            layout,
            input,
            Settings {
                max_bytes: max,
                ..Settings::default()
            },
        )
    }

    /// Runs the engine on `input`, read through a tiny buffer, with `settings`.
    fn run_with(layout: Layout, input: &[u8], settings: Settings) -> (Tally, Vec<(u64, String)>) {
        let ir = ir();
        let v = Validator::new(&ir, super::super::Options::default()).expect("validator");
        let shape = Shape::Integer(NumberRules {
            minimum: Some(0.0),
            ..NumberRules::default()
        });
        let mut seen = Vec::new();
        // A tiny BufReader capacity exercises lines that span many buffer fills.
        let reader = io::BufReader::with_capacity(4, input);
        let tally = Engine::new(&v, &shape, settings)
            .run(layout, reader, &mut |l, p| seen.push((l, p.to_string())))
            .expect("in-memory reads cannot fail");
        (tally, seen)
    }

    #[test]
    fn a_byte_order_mark_is_skipped_at_the_start_and_named_elsewhere() {
        let (t, seen) = run(
            Layout::JsonLines,
            b"\xEF\xBB\xBF1\n\xEF\xBB\xBF2\n[\xEF\xBB\xBF]\n",
            100,
        );
        assert_eq!((t.instances, t.errors, t.warnings), (3, 2, 1), "{seen:?}");
        assert_eq!(seen[0].0, 1);
        assert!(
            seen[0]
                .1
                .contains("/: warning: the file starts with a UTF-8 byte order mark"),
            "{seen:?}"
        );
        assert_eq!(seen[1].0, 2);
        assert!(
            seen[1].1.contains(
                "byte order mark (U+FEFF, bytes EF BB BF) is not allowed here (column 1)"
            ),
            "{seen:?}"
        );
        assert_eq!(seen[2].0, 3);
        assert!(
            seen[2].1.contains("is not allowed here (column 2)"),
            "{seen:?}"
        );
        // Positions count the skipped mark: `{x` is wrong at its 5th byte.
        let (_, seen) = run(Layout::JsonLines, b"\xEF\xBB\xBF{x\n", 100);
        assert!(
            seen[1].1.contains("key must be a string (column 5)"),
            "{seen:?}"
        );
        let (_, seen) = run(Layout::JsonLines, b"\xEF\xBB\xBF\"\xff\"\n", 100);
        assert!(
            seen[1].1.contains("invalid UTF-8 at byte 5 (of 6)"),
            "{seen:?}"
        );
        // A mark-only first line is a warning and no instance.
        let (t, _) = run(Layout::JsonLines, b"\xEF\xBB\xBF\n3\n", 100);
        assert_eq!((t.instances, t.errors, t.warnings), (1, 0, 1));
        // In a `.json` file.
        let (t, seen) = run(Layout::Json, b"\xEF\xBB\xBF\n 7", 100);
        assert_eq!((t.instances, t.errors, t.warnings), (1, 0, 1), "{seen:?}");
        let (t, seen) = run(Layout::Json, b"\xEF\xBB\xBF[1,\n\xEF\xBB\xBF]", 100);
        assert_eq!((t.errors, t.warnings), (1, 1), "{seen:?}");
        assert_eq!(seen[1].0, 2);
        assert!(seen[1].1.contains("byte order mark"), "{seen:?}");
    }

    proptest::proptest! {
        /// Threads and block sizes change nothing: the same problems, lines and order.
        #[test]
        fn jobs_and_block_sizes_do_not_change_the_report(
            bytes in proptest::collection::vec(proptest::sample::select(b"0 -1[]{}\"a\n\n\r\xff7\xEF\xBB\xBF".to_vec()), 0..300),
            max in 1usize..40,
            jobs in 1usize..4,
            block in 1usize..64,
        ) {
            let one = run(Layout::JsonLines, &bytes, max);
            let many = run_with(Layout::JsonLines, &bytes, Settings { max_bytes: max, jobs, block_bytes: block });
            proptest::prop_assert_eq!(one, many);
        }
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
