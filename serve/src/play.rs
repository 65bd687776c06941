//! `--play RECORDING`: the server answers as the recording says. The recording's fixtures (and
//! the events they caused) are played to the page on their own, before the page's next call;
//! each call must be the one the recording has next, and gets the recorded result and events.
//! Anything else is refused with the step the recording expected and a diff.

use adcontract_conformance::run::matching::{Ids, matches};
use adcontract_conformance::run::report::diff;
use adcontract_conformance::wire::Emitted;
use adcontract_conformance::wire::recording::{Body, Recording};
use serde_json::{Value, json};

/// A recording being played to one session.
#[derive(Debug, Clone)]
pub struct Player {
    recording: Recording,
    /// Index of the next entry to play.
    at: usize,
    ids: Ids,
}

/// A fixture of the recording, its arguments and the events it caused.
pub type Scene = (String, Value, Vec<Emitted>);

impl Player {
    pub fn new(recording: Recording) -> Player {
        Player {
            recording,
            at: 0,
            ids: Ids::default(),
        }
    }

    pub fn title(&self) -> &str {
        &self.recording.header.title
    }

    /// The events caused by entry `seq`, from entry index `from` on.
    fn caused(&self, seq: u64, from: usize) -> (Vec<Emitted>, usize) {
        let mut events = Vec::new();
        let mut i = from;
        while let Some(e) = self.recording.entries.get(i) {
            match &e.body {
                Body::Event { event, args, re } if *re == Some(seq) => {
                    events.push(Emitted::new(event.clone(), args.clone()))
                }
                Body::Result { re, .. } if *re == seq => {}
                // The page gives its own answers; a view is a consumer-side check.
                Body::Response { .. } | Body::View { .. } => {}
                _ => break,
            }
            i += 1;
        }
        (events, i)
    }

    /// Fixtures due before the next call, with their events.
    pub fn pending_scene(&mut self) -> Vec<Scene> {
        let mut out = Vec::new();
        while let Some(e) = self.recording.entries.get(self.at) {
            match &e.body {
                Body::Fixture { fixture, args } => {
                    let (events, next) = self.caused(e.seq, self.at + 1);
                    out.push((fixture.clone(), args.clone(), events));
                    self.at = next;
                }
                Body::Call { .. } => break,
                // Entries with no cause in the page (a free event, a response, a view).
                _ => self.at += 1,
            }
        }
        out
    }

    /// The recorded answer to a call, or why the call is not the one the recording expects.
    pub fn call(
        &mut self,
        method: &str,
        args: &[Value],
    ) -> Result<(Option<Value>, Vec<Emitted>), String> {
        let actual = json!({ "method": method, "args": args });
        let Some(entry) = self.recording.entries.get(self.at) else {
            return Err(format!(
                "unexpected call {method}: the recording {:?} has no more steps",
                self.title()
            ));
        };
        let seq = entry.seq;
        let Body::Call {
            method: want,
            args: want_args,
        } = &entry.body
        else {
            return Err(format!(
                "unexpected call {method}: the recording expects no call at step {seq}"
            ));
        };
        let expected = json!({ "method": want, "args": want_args });
        let mut ids = self.ids.clone();
        if let Err(why) = matches(&expected, &actual, "", "", &mut ids) {
            return Err(format!(
                "unexpected call {method}: the recording expects step {seq}, {want} ({why}); diff (- expected, + actual):\n{}",
                diff(&expected, &actual)
            ));
        }
        self.ids = ids;
        let result = self
            .recording
            .entries
            .get(self.at + 1)
            .and_then(|e| match &e.body {
                Body::Result { re, result, .. } if *re == seq => Some(result.clone()),
                _ => None,
            });
        let (events, next) = self.caused(seq, self.at + 1);
        self.at = next;
        Ok((result, events))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use adcontract_conformance::wire::recording::parse;

    const REC: &str = r#"{"format":"adcontract-recording","version":1,"api":"widget","apiVersion":"latest","title":"t","origin":{"kind":"hand-written"}}
{"seq":1,"t":0,"kind":"fixture","fixture":"login","args":{}}
{"seq":2,"t":0,"kind":"event","event":"ON_LOGIN","args":[{"isLoggedIn":true}],"re":1}
{"seq":3,"t":0,"kind":"call","method":"getAgentState","args":[]}
{"seq":4,"t":0,"kind":"result","re":3,"method":"getAgentState","result":{"status":"success","data":{"state":"ready"}}}
"#;

    fn player() -> Player {
        let (rec, errors) = parse(REC);
        assert!(errors.is_empty(), "{errors:?}");
        Player::new(rec.unwrap_or_else(|| panic!("no recording")))
    }

    #[test]
    fn fixtures_play_first_then_calls_get_recorded_answers() {
        let mut p = player();
        let scene = p.pending_scene();
        assert_eq!(scene.len(), 1);
        assert_eq!(scene[0].2[0].event, "ON_LOGIN");
        let (result, events) = p.call("getAgentState", &[]).unwrap_or_default();
        assert_eq!(result.unwrap_or_default()["data"]["state"], "ready");
        assert!(events.is_empty());
        let e = p.call("getAgentState", &[]).err().unwrap_or_default();
        assert!(e.contains("no more steps"), "{e}");
    }

    #[test]
    fn an_unexpected_call_names_the_expected_step_with_a_diff() {
        let mut p = player();
        p.pending_scene();
        let e = p.call("logout", &[]).err().unwrap_or_default();
        assert!(e.contains("step 3, getAgentState"), "{e}");
        assert!(e.contains("-  \"method\": \"getAgentState\""), "{e}");
        assert!(e.contains("+  \"method\": \"logout\""), "{e}");
    }
}
