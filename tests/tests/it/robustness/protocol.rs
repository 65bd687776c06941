//! The harness protocol: `protocol::check_reply` and `adapter::serve` on arbitrary lines.

use super::*;

fn requests() -> Vec<Request> {
    [
        Command::Start {
            protocol: 1,
            role: Role::Provider,
        },
        Command::Reset {
            api: "widget".into(),
            api_version: "latest".into(),
        },
        Command::Fixture {
            fixture: "login".into(),
            args: json!({}),
        },
        Command::Call {
            method: "getAgentState".into(),
            args: vec![],
        },
        Command::Answer {
            event: "ON_X".into(),
            response: json!(null),
        },
        Command::Event {
            event: "ON_X".into(),
            args: vec![],
        },
        Command::View {},
        Command::Stop {},
    ]
    .into_iter()
    .enumerate()
    .map(|(i, command)| Request {
        id: i as u64 + 1,
        command,
    })
    .collect()
}

proptest! {
    #![proptest_config(config(64))]

    /// Any line as a reply to any request: `Ok` or an error message, never a panic.
    #[test]
    fn check_reply_arbitrary_lines(
        line in prop_oneof![
            arb_json().prop_map(|v| v.to_string()),
            "\\PC{0,30}",
            (0u64..10, arb_json()).prop_map(|(id, v)| json!({"id": id, "result": v, "events": []}).to_string()),
        ],
    ) {
        for req in requests() {
            if let Err(e) = check_reply(&line, &req) {
                prop_assert!(!e.to_string().trim().is_empty());
            }
        }
    }

    /// The harness loop on a mix of good requests, garbage and invalid UTF-8: every non-blank
    /// line gets exactly one reply (an error for a bad one) until `stop`, and no panic.
    #[test]
    fn serve_answers_every_line(
        lines in prop::collection::vec(prop_oneof![
            3 => prop::sample::select(vec![
                r#"{"id":1,"cmd":"start","protocol":1,"role":"provider"}"#,
                r#"{"id":2,"cmd":"reset","api":"widget","apiVersion":"latest"}"#,
                r#"{"id":3,"cmd":"call","method":"getAgentState","args":[]}"#,
                r#"{"id":4,"cmd":"fixture","fixture":"login","args":{"agentId":"a"}}"#,
                r#"{"id":5,"cmd":"view"}"#,
            ]).prop_map(|s| s.as_bytes().to_vec()),
            1 => arb_json().prop_map(|v| v.to_string().into_bytes()),
            1 => arb_garbage().prop_map(String::into_bytes),
            1 => bad_utf8(),
        ], 0..10),
    ) {
        let mut input = Vec::new();
        for l in &lines {
            input.extend(l);
            input.push(b'\n');
        }
        let mut side: Side<ModelProvider, Never> =
            Side::Provider(ModelProvider::new(handmade_source, None));
        let mut out = Vec::new();
        let r = serve(&mut side, &input[..], &mut out, None);
        prop_assert!(r.is_ok(), "serve stopped on bad input: {:?}", r);
        let replies: Vec<Value> = String::from_utf8_lossy(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("replies are JSON"))
            .collect();
        // `stop` (possible from arbitrary JSON) ends the loop early, so count up to it.
        let answered = lines
            .iter()
            .take_while(|l| {
                serde_json::from_slice::<Request>(l).map_or(true, |r| r.command != Command::Stop {})
            })
            .filter(|l| !String::from_utf8_lossy(l).trim().is_empty())
            .count();
        prop_assert_eq!(replies.len(), answered, "{:?}", replies);
    }
}
