//! Reports of a run: human text (with diffs), JSON lines (one per case), JUnit XML and a
//! Markdown step summary; plus `--partition hash:M/N` selection by stable case id.

use std::fmt::Write as _;

use serde_json::Value;

use crate::run::runner::{CaseResult, Verdict};

/// `hash:M/N`: keep the cases whose id hashes into shard M (1-based) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    pub shard: u64,
    pub of: u64,
}

/// Why a `--partition` value is not `hash:M/N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PartitionError {
    #[error("expected hash:M/N")]
    Form,
    #[error("M must be a number")]
    Shard,
    #[error("N must be a number")]
    Of,
    #[error("need 1 <= M <= N")]
    Range,
}

impl std::str::FromStr for Partition {
    type Err = PartitionError;
    fn from_str(s: &str) -> Result<Self, PartitionError> {
        let rest = s.strip_prefix("hash:").ok_or(PartitionError::Form)?;
        let (m, n) = rest.split_once('/').ok_or(PartitionError::Form)?;
        let shard: u64 = m.parse().map_err(|_| PartitionError::Shard)?;
        let of: u64 = n.parse().map_err(|_| PartitionError::Of)?;
        if of == 0 || shard == 0 || shard > of {
            return Err(PartitionError::Range);
        }
        Ok(Partition { shard, of })
    }
}

impl Partition {
    /// Whether a case id (hex) belongs to this shard.
    pub fn keeps(&self, case_id: &str) -> bool {
        let h = u64::from_str_radix(case_id.get(..15).unwrap_or(case_id), 16).unwrap_or(0);
        h % self.of == self.shard - 1
    }
}

/// Counts per verdict.
pub fn tally(results: &[CaseResult]) -> [(Verdict, usize); 7] {
    let all = [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Timeout,
        Verdict::Crash,
        Verdict::ProtocolError,
        Verdict::Skip,
        Verdict::InvalidRecording,
    ];
    all.map(|v| (v, results.iter().filter(|r| r.verdict == v).count()))
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// A unified diff of two JSON values.
pub fn diff(expected: &Value, actual: &Value) -> String {
    let (a, b) = (pretty(expected), pretty(actual));
    let d = similar::TextDiff::from_lines(&a, &b);
    let mut s = String::new();
    for change in d.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => " ",
        };
        let _ = write!(s, "{sign}{change}");
    }
    s
}

/// The human report.
pub fn human(results: &[CaseResult], title: &str) -> String {
    let mut s = String::new();
    for r in results {
        let _ = writeln!(
            s,
            "{:<14} {} {}",
            r.verdict.as_str().to_uppercase(),
            r.id,
            r.name
        );
        if let Some(m) = &r.message {
            let _ = writeln!(s, "    {m}");
        }
        for p in &r.problems {
            let _ = writeln!(s, "    {p}");
        }
        for v in &r.violations {
            let at = v.seq.map(|q| format!(" (at seq {q})")).unwrap_or_default();
            let _ = writeln!(s, "    [{}]{at} {}", v.rule, v.message);
            if let (Some(e), Some(a)) = (&v.expected, &v.actual) {
                let _ = writeln!(s, "    --- expected\n    +++ actual");
                for line in diff(e, a).lines().take(40) {
                    let _ = writeln!(s, "    {line}");
                }
            }
        }
        if let Some(err) = &r.stderr {
            let _ = writeln!(s, "    stderr (tail):");
            for line in err
                .lines()
                .rev()
                .take(10)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
            {
                let _ = writeln!(s, "      {line}");
            }
        }
    }
    let counts: Vec<String> = tally(results)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{n} {}", v.as_str()))
        .collect();
    let _ = writeln!(s, "{title}: {} cases: {}", results.len(), counts.join(", "));
    s
}

/// One JSON object per line, one line per case.
pub fn json_lines(results: &[CaseResult]) -> String {
    results
        .iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default() + "\n")
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// JUnit XML (one testsuite; failures carry their rules).
pub fn junit(results: &[CaseResult], suite: &str, with_times: bool) -> String {
    let t = tally(results);
    let count = |v: Verdict| {
        t.iter()
            .find(|(x, _)| *x == v)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    let failures = count(Verdict::Fail);
    let errors = count(Verdict::Timeout)
        + count(Verdict::Crash)
        + count(Verdict::ProtocolError)
        + count(Verdict::InvalidRecording);
    let time = |ms: u128| {
        if with_times {
            format!("{:.3}", ms as f64 / 1000.0)
        } else {
            "0".into()
        }
    };
    let total: u128 = results.iter().map(|r| r.millis).sum();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"adcontract\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{}\" time=\"{}\">",
        results.len(),
        count(Verdict::Skip),
        time(total)
    );
    let _ = writeln!(
        s,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{}\" time=\"{}\">",
        xml_escape(suite),
        results.len(),
        count(Verdict::Skip),
        time(total)
    );
    for r in results {
        let _ = write!(
            s,
            "    <testcase classname=\"{}\" name=\"{} [{}]\" time=\"{}\"",
            xml_escape(suite),
            xml_escape(&r.name),
            r.id,
            time(r.millis)
        );
        let body: String = r
            .problems
            .iter()
            .map(|p| format!("{p}\n"))
            .chain(
                r.violations
                    .iter()
                    .map(|v| format!("[{}] {}\n", v.rule, v.message)),
            )
            .collect();
        let rules: Vec<&str> = r.violations.iter().map(|v| v.rule).collect();
        match r.verdict {
            Verdict::Pass if r.problems.is_empty() => s.push_str("/>\n"),
            // A pass with warnings about its input (a byte order mark skipped) keeps them.
            Verdict::Pass => {
                let _ = writeln!(
                    s,
                    ">\n      <system-out>{}</system-out>\n    </testcase>",
                    xml_escape(&body)
                );
            }
            Verdict::Skip => {
                let _ = writeln!(
                    s,
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                    xml_escape(r.message.as_deref().unwrap_or(""))
                );
            }
            Verdict::Fail => {
                let _ = writeln!(
                    s,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                    xml_escape(&rules.join(" ")),
                    xml_escape(&first_line(&body)),
                    xml_escape(&body)
                );
            }
            v => {
                let mut text = body.clone();
                if let Some(e) = &r.stderr {
                    text.push_str("stderr:\n");
                    text.push_str(e);
                }
                let _ = writeln!(
                    s,
                    ">\n      <error type=\"{}\" message=\"{}\">{}</error>\n    </testcase>",
                    v.as_str(),
                    xml_escape(&first_line(&body)),
                    xml_escape(&text)
                );
            }
        }
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// A Markdown summary for a CI step summary (`$GITHUB_STEP_SUMMARY`).
pub fn markdown(results: &[CaseResult], title: &str) -> String {
    let mut s = format!("## {title}\n\n| verdict | cases |\n|---|---|\n");
    for (v, n) in tally(results) {
        let _ = writeln!(s, "| {} | {n} |", v.as_str());
    }
    let bad: Vec<&CaseResult> = results.iter().filter(|r| r.verdict.is_failure()).collect();
    if bad.is_empty() {
        s.push_str("\nAll cases conform.\n");
        return s;
    }
    s.push_str(
        "\n### Failures\n\n| case | id | verdict | rule | message |\n|---|---|---|---|---|\n",
    );
    for r in bad {
        for p in r.problems.iter().take(5) {
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | | {} |",
                r.name.replace('|', "\\|"),
                r.id,
                r.verdict.as_str(),
                p.replace('|', "\\|")
            );
        }
        for v in r.violations.iter().take(5) {
            let msg = v.message.replace('|', "\\|");
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | `{}` | {} |",
                r.name.replace('|', "\\|"),
                r.id,
                r.verdict.as_str(),
                v.rule,
                msg
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_cover_every_id_exactly_once() {
        let ids: Vec<String> = (0..200u32)
            .map(|i| crate::wire::recording::case_id(&i.to_string()))
            .collect();
        let parts: Vec<Partition> = (1..=3).map(|m| Partition { shard: m, of: 3 }).collect();
        for id in &ids {
            assert_eq!(parts.iter().filter(|p| p.keeps(id)).count(), 1);
        }
        assert_eq!("hash:0/3".parse::<Partition>(), Err(PartitionError::Range));
        assert_eq!("3".parse::<Partition>(), Err(PartitionError::Form));
        assert_eq!("hash:x/3".parse::<Partition>(), Err(PartitionError::Shard));
        assert_eq!(
            "hash:2/3".parse::<Partition>(),
            Ok(Partition { shard: 2, of: 3 })
        );
    }
}
