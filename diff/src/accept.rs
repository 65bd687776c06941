//! `--accept FILE`: reviewed findings that no longer fail CI.
//!
//! One accepted finding per line: its fingerprint, whitespace, and the reason it was accepted
//! (required: an acceptance nobody can explain is not a review). `#` starts a comment line;
//! blank lines are ignored.
//!
//! ```text
//! # dialpad-search left InteractionOrigination in the 2026 types; we never send it
//! 3f2a9c01b7de  origination value dropped by the vendor, reviewed in PR 42
//! ```

use std::collections::BTreeMap;

/// The parsed file: fingerprint -> (line, reason).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accepted {
    pub entries: BTreeMap<String, (usize, String)>,
}

/// A line that is not `fingerprint  reason`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{file}:{line}: error: {message} (hint: each line is `<12 hex digits>  <reason>`; `#` starts a comment)"
)]
pub struct AcceptError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Accepted {
    pub fn parse(file: &str, text: &str) -> Result<Accepted, AcceptError> {
        let mut entries = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let err = |message: String| AcceptError {
                file: file.to_owned(),
                line: line_no,
                message,
            };
            let (fp, reason) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
            if fp.len() != 12 || !fp.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(err(format!("{fp:?} is not a fingerprint")));
            }
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(err(format!("fingerprint {fp} has no reason")));
            }
            if let Some((first, _)) = entries.get(&fp.to_ascii_lowercase()) {
                return Err(err(format!(
                    "fingerprint {fp} is already accepted on line {first}"
                )));
            }
            entries.insert(fp.to_ascii_lowercase(), (line_no, reason.to_owned()));
        }
        Ok(Accepted { entries })
    }

    pub fn reason(&self, fingerprint: &str) -> Option<&str> {
        self.entries.get(fingerprint).map(|(_, r)| r.as_str())
    }

    /// Accepted fingerprints that match no finding, with their line.
    pub fn stale<'a>(&'a self, seen: &[&str]) -> Vec<(&'a str, usize)> {
        self.entries
            .iter()
            .filter(|(fp, _)| !seen.contains(&fp.as_str()))
            .map(|(fp, (line, _))| (fp.as_str(), *line))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_comments_and_reports_bad_ones() {
        let a = Accepted::parse("a.txt", "# c\n\n0123456789ab  reviewed in PR 1\n").unwrap();
        assert_eq!(a.reason("0123456789ab"), Some("reviewed in PR 1"));
        assert_eq!(a.stale(&[]), vec![("0123456789ab", 3)]);
        assert!(a.stale(&["0123456789ab"]).is_empty());
        let e = Accepted::parse("a.txt", "0123456789ab\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(
            e.to_string()
                .starts_with("a.txt:1: error: fingerprint 0123456789ab has no reason")
        );
        assert!(Accepted::parse("a.txt", "xyz reason").is_err());
        assert!(Accepted::parse("a.txt", "0123456789ab a\n0123456789AB b").is_err());
    }
}
