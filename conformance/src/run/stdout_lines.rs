//! The implementation's stdout as numbered lines: read on a thread with a length cap
//! ([`read_lines`]), and decoded as UTF-8 on the runner's side ([`decode_line`]), so that a bad
//! line is a verdict of the exchange it answers, with its line and byte, and never ends the
//! reader (which the runner would see as a closed stdout, i.e. a crash).

use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::Sender;

/// Longest reply line kept (a longer one is a protocol error, not an unbounded buffer).
const MAX_LINE: u64 = 16 * 1024 * 1024;

/// How much of the valid text before a bad byte is quoted, so the reader can find the spot.
const CONTEXT_CHARS: usize = 40;

/// Why a line of the implementation's stdout cannot be read as a reply. Lines are numbered from 1
/// over the whole life of the process (blank lines included), as `cat -n` would show them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error(
        "stdout line {line} is not UTF-8: {problem} at byte {byte} of the line ({}); \
         hint: the protocol is UTF-8 JSON lines: write replies with a UTF-8 encoder (JSON.stringify, \
         serde_json) and carry binary or legacy-encoded text as base64 or \\u escapes, never as raw bytes",
        place(.before)
    )]
    NotUtf8 {
        line: u64,
        /// The first invalid byte's place in the line, 1-based (byte N = the Nth byte).
        byte: usize,
        /// The offending bytes, e.g. `invalid byte 0xE9`.
        problem: String,
        /// The end of the valid text before it (empty at the start of the line).
        before: String,
    },
    #[error(
        "stdout line {line} is longer than {limit} bytes; hint: one reply per line: \
         end each reply with a newline and keep large payloads out of the protocol"
    )]
    TooLong { line: u64, limit: u64 },
}

fn place(before: &str) -> String {
    if before.is_empty() {
        "at the start of the line".into()
    } else {
        format!("after {before:?}")
    }
}

/// One line of the implementation's stdout, as bytes: decoding happens on the runner's side of
/// the channel, so a bad line becomes a verdict of the exchange it answers instead of ending the
/// reader (which the runner would see as a closed stdout, i.e. a crash).
#[derive(Debug)]
pub(super) struct RawLine {
    pub(super) number: u64,
    pub(super) bytes: Vec<u8>,
    /// The line reached `MAX_LINE` before its newline.
    pub(super) cut: bool,
}

/// What the reader thread sends: a line, or the end of stdout.
pub(super) enum Line {
    Out(RawLine),
    Eof,
}

/// A [`Line`] on the channel (its `Debug` keeps the lines' bytes out of a `Process`'s).
pub(super) struct LineMsg(pub(super) Line);

impl std::fmt::Debug for LineMsg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LineMsg")
    }
}

/// Reads `stdout` line by line into `tx` until it ends (or the runner stops listening). A line
/// longer than `MAX_LINE` is sent cut, and its rest is dropped.
pub(super) fn read_lines(stdout: impl Read, tx: Sender<LineMsg>) {
    let mut r = BufReader::new(stdout);
    let mut number = 0u64;
    loop {
        let mut bytes = Vec::new();
        match (&mut r).take(MAX_LINE).read_until(b'\n', &mut bytes) {
            Ok(0) | Err(_) => {
                let _ = tx.send(LineMsg(Line::Eof));
                break;
            }
            Ok(n) => {
                number += 1;
                let cut = n as u64 == MAX_LINE && bytes.last() != Some(&b'\n');
                let line = RawLine { number, bytes, cut };
                if tx.send(LineMsg(Line::Out(line))).is_err() {
                    break;
                }
                // The rest of an over-long line is not a line of its own: drop it
                // so the numbering stays that of the implementation's output.
                if cut && r.skip_until(b'\n').is_err() {
                    let _ = tx.send(LineMsg(Line::Eof));
                    break;
                }
            }
        }
    }
}

/// The text of a reply line without its line ending, or why it has none.
pub fn decode_line(number: u64, bytes: &[u8], cut: bool) -> Result<&str, LineError> {
    if cut {
        return Err(LineError::TooLong {
            line: number,
            limit: MAX_LINE,
        });
    }
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let (valid, bad) = bytes.split_at_checked(offset).unwrap_or((b"", bytes));
        let hex = |b: &[u8]| {
            b.iter()
                .map(|x| format!("0x{x:02X}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let problem = match e.error_len() {
            Some(1) => format!("invalid byte {}", hex(bad.get(..1).unwrap_or(bad))),
            Some(n) => format!("invalid sequence {}", hex(bad.get(..n).unwrap_or(bad))),
            None => format!("incomplete sequence {} at the end of the line", hex(bad)),
        };
        // `valid_up_to` guarantees the prefix is UTF-8; the fallback only keeps this panic-free.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let skip = valid.chars().count().saturating_sub(CONTEXT_CHARS);
        let before: String = valid.chars().skip(skip).collect();
        LineError::NotUtf8 {
            line: number,
            byte: offset + 1,
            problem,
            before,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_strips_the_line_ending_only() {
        assert_eq!(decode_line(1, b"{\"id\":1}\r\n", false), Ok("{\"id\":1}"));
        assert_eq!(decode_line(1, b"  x \n", false), Ok("  x "));
        assert_eq!(
            decode_line(1, b"no newline at eof", false),
            Ok("no newline at eof")
        );
        assert_eq!(
            decode_line(1, "caf\u{e9} \u{1F600}\n".as_bytes(), false),
            Ok("caf\u{e9} \u{1F600}")
        );
    }

    #[test]
    fn a_latin1_byte_is_named_with_its_line_and_byte() {
        let e = decode_line(7, b"{\"error\":\"caf\xE9\"}\n", false);
        assert_eq!(
            e,
            Err(LineError::NotUtf8 {
                line: 7,
                byte: 14,
                problem: "invalid byte 0xE9".into(),
                before: "{\"error\":\"caf".into(),
            })
        );
        let text = e.map(str::to_owned).unwrap_err().to_string();
        assert!(
            text.starts_with(
                "stdout line 7 is not UTF-8: invalid byte 0xE9 at byte 14 of the line"
            ),
            "{text}"
        );
        assert!(text.contains("hint: "), "{text}");
    }

    #[test]
    fn the_first_bad_byte_counts_and_the_context_is_bounded() {
        // A multi-byte character before the bad byte: offsets are bytes, not characters.
        let mut line = "\u{e9}".repeat(50).into_bytes();
        line.extend_from_slice(b"\xFF\xFE ok\n");
        let Err(LineError::NotUtf8 {
            byte,
            before,
            problem,
            ..
        }) = decode_line(2, &line, false)
        else {
            panic!("expected a UTF-8 error");
        };
        assert_eq!(byte, 101);
        assert_eq!(problem, "invalid byte 0xFF");
        assert_eq!(before.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn a_bad_first_byte_is_placed_at_the_start_of_the_line() {
        let e = decode_line(1, b"\xFF{}\n", false).map(str::to_owned);
        let text = e.unwrap_err().to_string();
        assert!(
            text.contains("invalid byte 0xFF at byte 1 of the line (at the start of the line)"),
            "{text}"
        );
    }

    #[test]
    fn sequences_cut_short_and_overlong_lines_are_named() {
        // A three-byte character whose last byte is missing, before more text.
        let e = decode_line(3, b"ab\xE2\x82z\n", false);
        assert!(
            matches!(&e, Err(LineError::NotUtf8 { byte: 3, problem, .. }) if problem == "invalid sequence 0xE2 0x82"),
            "{e:?}"
        );
        // The same character cut by the end of the line.
        let e = decode_line(3, b"ab\xE2\x82\n", false);
        assert!(
            matches!(&e, Err(LineError::NotUtf8 { byte: 3, problem, .. }) if problem.starts_with("incomplete sequence 0xE2 0x82")),
            "{e:?}"
        );
        assert_eq!(
            decode_line(9, b"{\"id\":", true),
            Err(LineError::TooLong {
                line: 9,
                limit: MAX_LINE
            })
        );
    }
}
