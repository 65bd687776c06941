//! The four report formats of `adcontract diff`, and the exit decision.
//!
//! Every format shows every finding with both verdicts; `--role` picks which verdicts decide
//! the exit code and the semver bump, and which findings are shown as breaking. Accepted
//! findings (`--accept`) are shown as accepted with their reason and never fail.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::accept::Accepted;
use crate::model::{Finding, Role, Semver, Verdict};
use crate::{Diff, rules};

/// Output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Markdown,
    Junit,
}

/// What makes the diff fail (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// A finding that breaks the chosen role(s).
    #[default]
    Breaking,
    /// Any finding at all (also compatible and unknown ones).
    Any,
    /// Never.
    None,
}

/// The stated policy every report prints, since verdicts depend on it.
pub const POLICY: &str = "Open objects accept undeclared properties and nobody is assumed to send them; \
enums are closed on the wire (a new value breaks whoever receives it), while generated bindings keep \
unknown values (the `bindings` verdict).";

/// A diff judged for a role, with acceptances applied.
#[derive(Debug)]
pub struct Outcome<'a> {
    pub diff: &'a Diff,
    pub role: Role,
    pub accepted: &'a Accepted,
    /// Accepted fingerprints that match no finding, with their line in the file.
    pub stale: Vec<(&'a str, usize)>,
}

impl<'a> Outcome<'a> {
    pub fn new(diff: &'a Diff, role: Role, accepted: &'a Accepted) -> Self {
        let seen: Vec<&str> = diff
            .findings
            .iter()
            .map(|f| f.fingerprint.as_str())
            .collect();
        let stale = accepted.stale(&seen);
        Outcome {
            diff,
            role,
            accepted,
            stale,
        }
    }

    fn accepted(&self, f: &Finding) -> Option<&str> {
        self.accepted.reason(&f.fingerprint)
    }

    fn breaks(&self, f: &Finding) -> bool {
        self.role.verdict(f) == Verdict::Breaking && self.accepted(f).is_none()
    }

    /// Whether the exit code is 1.
    pub fn fails(&self, on: FailOn) -> bool {
        match on {
            FailOn::Breaking => self.diff.findings.iter().any(|f| self.breaks(f)),
            FailOn::Any => self
                .diff
                .findings
                .iter()
                .any(|f| self.accepted(f).is_none()),
            FailOn::None => false,
        }
    }

    /// The counts of the summary line.
    pub fn summary(&self) -> Value {
        let open: Vec<&Finding> = self
            .diff
            .findings
            .iter()
            .filter(|f| self.accepted(f).is_none())
            .collect();
        let s = self.diff.summary(open.iter().copied(), self.role);
        let semver = self
            .diff
            .findings
            .iter()
            .map(|f| f.semver(self.role))
            .max()
            .unwrap_or(Semver::None);
        json!({"summary": {
            "findings": self.diff.findings.len(),
            "breakingConsumer": s.breaking_consumer,
            "breakingProvider": s.breaking_provider,
            "semver": semver.as_str(),
            "accepted": self.diff.findings.len() - open.len(),
            "staleAccepted": self.stale.iter().map(|(fp, _)| *fp).collect::<Vec<_>>(),
        }})
    }

    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Human => self.human(),
            Format::Json => self.json_lines(),
            Format::Markdown => self.markdown(),
            Format::Junit => self.junit(),
        }
    }

    fn label(&self, f: &Finding) -> &'static str {
        if self.accepted(f).is_some() {
            "accepted"
        } else {
            match self.role.verdict(f) {
                Verdict::Breaking => "breaking",
                Verdict::Unknown => "warning",
                Verdict::Compatible => "info",
            }
        }
    }

    fn role_name(&self) -> &'static str {
        match self.role {
            Role::Consumer => "consumer",
            Role::Provider => "provider",
            Role::Both => "consumer and provider",
        }
    }

    fn human(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "adcontract diff {} → {} (judged for: {})",
            self.diff.old,
            self.diff.new,
            self.role_name()
        );
        let _ = writeln!(s, "policy: {POLICY}\n");
        for f in &self.diff.findings {
            let _ = writeln!(s, "{}[{}]: {}", self.label(f), f.rule, f.message);
            let more = if f.sites.len() > 1 {
                format!(" (and {} more sites)", f.sites.len() - 1)
            } else {
                String::new()
            };
            let _ = writeln!(s, "  --> {}{more}", f.site);
            let planned = if f.planned { "; planned" } else { "" };
            let _ = writeln!(
                s,
                "  = direction {}; consumer: {}, provider: {}{}{planned}",
                f.direction.as_str(),
                f.consumer.as_str(),
                f.provider.as_str(),
                f.bindings
                    .map_or(String::new(), |b| format!(", bindings: {}", b.as_str()))
            );
            if let Some(w) = &f.witness {
                let _ = writeln!(
                    s,
                    "  = witness ({}, valid in {} only): {}",
                    w.against,
                    w.valid_in.as_str(),
                    w.value
                );
            }
            if let Some(r) = self.accepted(f) {
                let _ = writeln!(s, "  = accepted: {r}");
            }
            let _ = writeln!(s, "  = fingerprint {} at {}", f.fingerprint, f.pointer);
        }
        for (fp, line) in &self.stale {
            let _ = writeln!(
                s,
                "warning: accepted fingerprint {fp} (line {line}) matches no finding any more"
            );
        }
        let sum = &self.summary()["summary"];
        let _ = writeln!(
            s,
            "{}{} findings: {} break consumers, {} break providers (not counting accepted ones); semver: {}",
            if self.diff.findings.is_empty() {
                ""
            } else {
                "\n"
            },
            sum["findings"],
            sum["breakingConsumer"],
            sum["breakingProvider"],
            sum["semver"].as_str().unwrap_or_default()
        );
        s
    }

    fn json_lines(&self) -> String {
        let mut s = String::new();
        for f in &self.diff.findings {
            let mut v = json!({
                "rule": f.rule,
                "site": f.site,
                "pointer": f.pointer,
                "direction": f.direction.as_str(),
                "consumer": f.consumer.as_str(),
                "provider": f.provider.as_str(),
                "planned": f.planned,
                "message": f.message,
            });
            if let Some(w) = &f.witness {
                v["witness"] =
                    json!({"value": w.value, "validIn": w.valid_in.as_str(), "against": w.against});
            }
            v["fingerprint"] = json!(f.fingerprint);
            if let Some(e) = f.effect {
                v["effect"] = json!(e.as_str());
            }
            if let Some(b) = f.bindings {
                v["bindings"] = json!(b.as_str());
            }
            if f.sites.len() > 1 {
                v["sites"] = json!(f.sites);
            }
            if let Some(r) = self.accepted(f) {
                v["accepted"] = json!(r);
            }
            let _ = writeln!(s, "{v}");
        }
        let _ = writeln!(s, "{}", self.summary());
        s
    }

    fn markdown(&self) -> String {
        let mut s = String::new();
        let sum = &self.summary()["summary"];
        let _ = writeln!(
            s,
            "## Contract diff `{}` → `{}`\n",
            self.diff.old, self.diff.new
        );
        let _ = writeln!(
            s,
            "**{}** findings: **{}** break consumers, **{}** break providers; semver: **{}** (judged for {}).\n",
            sum["findings"],
            sum["breakingConsumer"],
            sum["breakingProvider"],
            sum["semver"].as_str().unwrap_or_default(),
            self.role_name()
        );
        let _ = writeln!(s, "> {POLICY}\n");
        for (title, pick) in [
            ("Breaking", "breaking"),
            ("Warnings", "warning"),
            ("Accepted", "accepted"),
            ("Compatible changes", "info"),
        ] {
            let rows: Vec<&Finding> = self
                .diff
                .findings
                .iter()
                .filter(|f| self.label(f) == pick)
                .collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(s, "### {title} ({})\n", rows.len());
            let _ = writeln!(
                s,
                "| rule | site | dir | consumer | provider | change | witness | fingerprint |"
            );
            let _ = writeln!(s, "| --- | --- | --- | --- | --- | --- | --- | --- |");
            for f in rows {
                let more = if f.sites.len() > 1 {
                    format!(" (+{} sites)", f.sites.len() - 1)
                } else {
                    String::new()
                };
                let planned = if f.planned { " (planned)" } else { "" };
                let witness = f.witness.as_ref().map_or(String::new(), |w| {
                    format!("`{}` ({} only)", w.value, w.valid_in.as_str())
                });
                let _ = writeln!(
                    s,
                    "| `{}` | `{}`{more} | {} | {} | {} | {}{planned} | {} | `{}` |",
                    f.rule,
                    f.site,
                    f.direction.as_str(),
                    f.consumer.as_str(),
                    f.provider.as_str(),
                    md_escape(&f.message),
                    md_escape(&witness),
                    f.fingerprint
                );
            }
            let _ = writeln!(s);
        }
        for (fp, line) in &self.stale {
            let _ = writeln!(
                s,
                "- accepted fingerprint `{fp}` (line {line}) matches no finding any more"
            );
        }
        s
    }

    fn junit(&self) -> String {
        let mut s = String::new();
        let failing: Vec<&rules::Rule> = rules::RULES
            .iter()
            .filter(|r| {
                self.diff
                    .findings
                    .iter()
                    .any(|f| f.rule == r.id && self.breaks(f))
            })
            .collect();
        let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = writeln!(
            s,
            r#"<testsuites name="adcontract diff" tests="{}" failures="{}">"#,
            rules::RULES.len(),
            failing.len()
        );
        let _ = writeln!(
            s,
            r#"  <testsuite name="{} → {}" tests="{}" failures="{}">"#,
            xml(&self.diff.old),
            xml(&self.diff.new),
            rules::RULES.len(),
            failing.len()
        );
        for r in rules::RULES {
            let hits: Vec<&Finding> = self
                .diff
                .findings
                .iter()
                .filter(|f| f.rule == r.id)
                .collect();
            let breaking: Vec<&&Finding> = hits.iter().filter(|f| self.breaks(f)).collect();
            if breaking.is_empty() {
                let _ = writeln!(
                    s,
                    r#"    <testcase classname="adcontract.diff" name="{}"/>"#,
                    r.id
                );
                continue;
            }
            let _ = writeln!(
                s,
                r#"    <testcase classname="adcontract.diff" name="{}">"#,
                r.id
            );
            let mut body = String::new();
            for f in &breaking {
                let _ = writeln!(
                    body,
                    "{}: {} (consumer: {}, provider: {}, fingerprint {})",
                    f.site,
                    f.message,
                    f.consumer.as_str(),
                    f.provider.as_str(),
                    f.fingerprint
                );
            }
            let _ = writeln!(
                s,
                r#"      <failure message="{} finding(s) break {}">{}</failure>"#,
                breaking.len(),
                match self.role {
                    Role::Consumer => "consumers",
                    Role::Provider => "providers",
                    Role::Both => "consumers or providers",
                },
                xml(&body)
            );
            let _ = writeln!(s, "    </testcase>");
        }
        let _ = writeln!(s, "  </testsuite>\n</testsuites>");
        s
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
