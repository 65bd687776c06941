//! A recording checked against the contract its header names, before any case runs.
//!
//! A recording that names a method, event or fixture its API and version do not have, or whose
//! entries belong to the other API, cannot be replayed faithfully: whatever the implementation
//! answered, the verdict would blame it for the recording's mistake. Every such problem is a
//! recording error (its line, a pointer into the entry, what is wrong, a hint) and the case's
//! verdict is `invalid-recording`. Arguments are not checked: a recording may deliberately call
//! a method with invalid arguments (that is how error handling is tested).

use adcontract_schema::ir::ApiId;

use crate::contract::{Spec, api_name};
use crate::wire::recording::{Body, LineError, Recording};
use crate::wire::scene::Fixture;

/// Every problem of `rec` against `spec` (the view of the header's `apiVersion`).
/// `entry_lines[i]` is the line of entry `i` (see [`crate::wire::recording::Reading`]).
pub fn vet(rec: &Recording, entry_lines: &[usize], spec: &Spec) -> Vec<LineError> {
    let Some(api) = crate::contract::parse_api(&rec.header.api) else {
        // The reader already reported the header's api.
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, e) in rec.entries.iter().enumerate() {
        let line = entry_lines.get(i).copied().unwrap_or(0);
        let mut bad = |pointer: &str, message: String| {
            out.push(LineError {
                line,
                message: format!("{pointer}: {message}"),
            });
        };
        match &e.body {
            Body::Fixture { fixture, args } => match Fixture::parse(fixture, args) {
                Err(why) => bad(
                    "/fixture",
                    format!(
                        "{why}; hint: the fixtures are login, offer, accept, remoteEnd and emit (docs/conformance/recording.md)"
                    ),
                ),
                Ok(Fixture::Emit(emit)) => {
                    if let Some(m) = unknown("event", &emit.event, api, spec) {
                        bad("/args/event", m);
                    }
                }
                Ok(_) => {}
            },
            Body::Call { method, .. } | Body::Result { method, .. } => {
                if let Some(m) = unknown("method", method, api, spec) {
                    bad("/method", m);
                }
            }
            Body::Event { event, .. } | Body::Response { event, .. } => {
                if let Some(m) = unknown("event", event, api, spec) {
                    bad("/event", m);
                }
            }
            Body::View { .. } => {}
        }
    }
    out
}

/// Why `name` is not a method (or event) of `api` in this version, or `None` when it is.
fn unknown(what: &str, name: &str, api: ApiId, spec: &Spec) -> Option<String> {
    let has = |a: ApiId| match what {
        "method" => spec.method(a, name).is_some(),
        _ => spec.event(a, name).is_some(),
    };
    if has(api) {
        return None;
    }
    let here = format!(
        "{what} {name:?} is not in the {} API of version {}",
        api_name(api),
        spec.version()
    );
    let other = match api {
        ApiId::Widget => ApiId::Embedded,
        ApiId::Embedded => ApiId::Widget,
    };
    Some(if has(other) {
        format!(
            "{here}: it belongs to the {} API; hint: the header's \"api\" names the API of every entry: record each API in its own file",
            api_name(other)
        )
    } else {
        format!(
            "{here}; hint: check the spelling against `adcontract schema --api` (or the header's \"apiVersion\")"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::recording::parse_with_lines;

    const HEADER: &str = r#"{"format":"adcontract-recording","version":1,"api":"widget","apiVersion":"latest","title":"t","origin":{"kind":"hand-written"}}"#;

    fn problems(entries: &[&str]) -> Vec<String> {
        let text = format!("{HEADER}\n{}\n", entries.join("\n"));
        let (rec, errors, lines) = parse_with_lines(&text);
        assert!(errors.is_empty(), "{errors:?}");
        let spec = crate::contract::canonical_source("latest").unwrap();
        vet(&rec.unwrap(), &lines, spec)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_faithful_recording_has_no_problems() {
        let p = problems(&[
            r#"{"seq":1,"t":0,"kind":"fixture","fixture":"login","args":{}}"#,
            r#"{"seq":2,"t":1,"kind":"call","method":"getAgentState","args":[]}"#,
            r#"{"seq":3,"t":2,"kind":"fixture","fixture":"emit","args":{"event":"ON_LOGOUT","args":[]}}"#,
        ]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn unknown_names_and_the_other_api_are_named_with_line_and_pointer() {
        let p = problems(&[
            r#"{"seq":1,"t":0,"kind":"fixture","fixture":"teleport","args":{}}"#,
            r#"{"seq":2,"t":1,"kind":"call","method":"launchMissiles","args":[]}"#,
            r#"{"seq":3,"t":2,"kind":"event","event":"ON_NOTHING","args":[]}"#,
            r#"{"seq":4,"t":3,"kind":"fixture","fixture":"emit","args":{"event":"ON_NOTHING"}}"#,
        ]);
        assert_eq!(p.len(), 4, "{p:#?}");
        assert!(
            p[0].starts_with("line 2: /fixture: ") && p[0].contains("teleport"),
            "{}",
            p[0]
        );
        assert!(
            p[1].starts_with("line 3: /method: method \"launchMissiles\" is not in the widget API of version latest"),
            "{}",
            p[1]
        );
        assert!(p[2].starts_with("line 4: /event: "), "{}", p[2]);
        assert!(p[3].starts_with("line 5: /args/event: "), "{}", p[3]);
        assert!(p.iter().all(|m| m.contains("hint: ")), "{p:#?}");
    }

    #[test]
    fn an_entry_of_the_other_api_says_so() {
        let spec = crate::contract::canonical_source("latest").unwrap();
        let embedded_only = spec
            .api(ApiId::Embedded)
            .unwrap()
            .methods
            .iter()
            .find(|m| spec.method(ApiId::Widget, &m.name).is_none())
            .unwrap();
        let line = format!(
            r#"{{"seq":1,"t":0,"kind":"call","method":"{}","args":[]}}"#,
            embedded_only.name
        );
        let p = problems(&[&line]);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("it belongs to the embedded API"), "{}", p[0]);
    }
}
