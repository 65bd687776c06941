//! Log lines transcribed: arguments rebuilt from `wireData`, lines that cannot be used, answers
//! without their request, and a message of the other API.

use super::*;

#[test]
fn arguments_inside_data_are_rebuilt() {
    let log = r#"{"direction":"out","command":"CHANGE_STATE","data":{"state":"not_ready","reason":"Lunch"},"request_id":"1"}
{"direction":"out","command":"CHANGE_STATE","data":{"state":"ready"}}
{"direction":"out","command":"TERMINATE_INTERACTION_FROM_API","data":"7C1D0A","request_id":"2"}"#;
    let (rec, errors) = import(spec(), log, "test");
    assert!(errors.is_empty(), "{errors:?}");
    let rec = rec.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(
        calls(&rec),
        [
            (
                "setStatus".into(),
                vec![json!("not_ready"), json!("Lunch")],
                None
            ),
            ("setStatus".into(), vec![json!("ready")], None),
            (
                "terminateInteraction".into(),
                vec![json!("7C1D0A")],
                Some("7C1D0A".into())
            ),
        ]
    );
}

#[test]
fn lines_that_cannot_be_transcribed_are_errors_and_clamped_times_are_warnings() {
    let log = [
        r#"{"t":1000,"direction":"out","command":"DIAL_NUMBER","number":"1"}"#,
        r#"{"t":"yesterday","direction":"out","command":"DIAL_NUMBER","number":"2"}"#,
        r#"{"t":-5,"direction":"out","command":"DIAL_NUMBER","number":"3"}"#,
        r#"{"t":900,"direction":"out","command":"DIAL_NUMBER","number":"4"}"#,
        r#"{"direction":"sideways","command":"DIAL_NUMBER","number":"5"}"#,
        r#"{"direction":"out","command":"DIAL_NUMBER","number":"6","request_id":{"a":1}}"#,
        "\u{FEFF}{\"direction\":\"out\",\"command\":\"DIAL_NUMBER\",\"number\":\"7\"}",
    ]
    .join("\n");
    let out = import_with(spec(), &log, "test", Options { fixtures: false });
    let errors: Vec<(usize, &str)> = out
        .errors
        .iter()
        .map(|e| (e.line, e.message.split(':').next().unwrap_or("")))
        .collect();
    assert_eq!(
        errors,
        [
            (2, "/t"),
            (3, "/t"),
            (5, "/direction"),
            (6, "/request_id"),
            (
                7,
                "the line starts with a UTF-8 byte order mark (bytes EF BB BF), which is not JSON; line skipped; hint"
            )
        ],
        "{:#?}",
        out.errors
    );
    assert!(
        out.errors.iter().all(|e| e.message.contains("hint: ")),
        "{:#?}",
        out.errors
    );
    let warnings: Vec<usize> = out.warnings.iter().map(|w| w.line).collect();
    assert_eq!(warnings, [4], "{:#?}", out.warnings);
    assert!(out.warnings[0].message.contains("goes back in time"));
    // The other lines are still imported, in order, with their times.
    let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
    let numbers: Vec<(Value, u64)> = rec
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Call { args, .. } => Some((args[0].clone(), e.t)),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, [(json!("1"), 0), (json!("4"), 0)]);

    // API A: params that are not positional arguments.
    let log = packet("SET_CALL_HOLD", "u-1", json!({ "hold": true }));
    let out = import_with(spec(), &log, "test", Options { fixtures: false });
    assert_eq!(out.errors.len(), 1, "{:#?}", out.errors);
    assert!(
        out.errors[0].message.starts_with("/data/params: an object"),
        "{}",
        out.errors[0]
    );
}

#[test]
fn arguments_beside_command_are_rebuilt() {
    // Written in the SDK's key order, which differs from the parameters' order.
    let log = r#"{"direction":"out","command":"SET_DISPOSITION","item_id":"7C1D0A","code":"42","request_id":"5"}
{"direction":"out","command":"COMPLETE_INTERACTION_WITH_DISPOSITION","item_id":"7C1D0A","code":"42"}
{"direction":"out","command":"SET_RESCHEDULE_WINDOW","item_id":"7C1D0A","from_date":"2026-01-01 09:00:00","to_date":"2026-01-01 17:00:00","phone_number":"+14155550100"}
{"direction":"out","command":"DIAL_NUMBER","number":"1234"}"#;
    let (rec, errors) = import(spec(), log, "test");
    assert!(errors.is_empty(), "{errors:?}");
    let rec = rec.unwrap_or_else(|| panic!("no recording"));
    let item = Some("7C1D0A".to_owned());
    assert_eq!(
        calls(&rec),
        [
            (
                "setDisposition".into(),
                vec![json!("7C1D0A"), json!("42")],
                item.clone()
            ),
            // The absent optional `notes` is left out, as JSON.stringify drops `undefined`.
            (
                "completeInteractionWithDisp".into(),
                vec![json!("7C1D0A"), json!("42")],
                item.clone()
            ),
            (
                "setRescheduleWindow".into(),
                vec![
                    json!("7C1D0A"),
                    json!("+14155550100"),
                    json!("2026-01-01 09:00:00"),
                    json!("2026-01-01 17:00:00")
                ],
                item
            ),
            ("dialNumber".into(), vec![json!("1234")], None),
        ]
    );
}

#[test]
fn arguments_in_the_wrong_place_are_reported_and_the_rest_is_kept() {
    let log = r#"{"direction":"out","command":"DIAL_NUMBER","number":"1234"}
{"direction":"out","command":"SET_DISPOSITION","data":{"item_id":"7C1D0A","code":"42"},"request_id":"5"}
{"direction":"out","command":"CHANGE_STATE","state":"ready"}
{"direction":"out","command":"CHANGE_STATE","data":{"state":"ready"}}"#;
    let (rec, errors) = import(spec(), log, "test");
    let rec = rec.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(
        calls(&rec).iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
        ["dialNumber", "setStatus"]
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    let (top, data) = (&errors[0], &errors[1]);
    assert_eq!(top.line, 2);
    assert!(
        top.message.starts_with(
            "SET_DISPOSITION (setDisposition) has `item_id`, `code` inside `data`, but its arguments travel at the top level of the message, beside `command`; hint: "
        ),
        "{top}"
    );
    assert!(
        top.message
            .ends_with(r#"{"command": "SET_DISPOSITION", "item_id": …, "code": …}"#),
        "{top}"
    );
    assert_eq!(data.line, 3);
    assert!(
        data.message.starts_with(
            "CHANGE_STATE (setStatus) has `state` at the top level of the message, but its arguments travel inside `data`; hint: "
        ),
        "{data}"
    );
    assert!(
        data.message
            .ends_with(r#"{"command": "CHANGE_STATE", "data": {"state": …, "reason": …}}"#),
        "{data}"
    );
}

#[test]
fn an_empty_command_is_not_init() {
    let (_, errors) = import(spec(), r#"{"direction":"out","command":""}"#, "test");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("neither a method nor an event"));
}

#[test]
fn a_message_of_the_other_api_is_an_error_and_the_rest_is_kept() {
    let mut log = login_lines();
    log.insert(
        1,
        r#"{"direction":"out","command":"CHANGE_STATE","data":{"state":"ready"}}"#.into(),
    );
    for options in [Options::default(), Options { fixtures: false }] {
        let out = run(&log, options);
        assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
        assert_eq!(out.errors[0].line, 2);
        assert!(
            out.errors[0]
                .message
                .starts_with("a message of API B (embedded) in a log of API A (widget)")
        );
        assert_eq!(
            out.recording.map(|r| r.entries.len()),
            Some(2 + usize::from(options.fixtures))
        );
    }
}

#[test]
fn an_answer_to_a_request_that_could_not_be_imported_says_so() {
    let log = r#"{"direction":"out","command":"START_CALL_RECORDING","data":{"item_id":"B-1"},"request_id":"7"}
{"direction":"in","command":"START_CALL_RECORDING","request_id":"7","data":{}}"#;
    let (_, errors) = import(spec(), log, "test");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[1].line, 2);
    assert!(
        errors[1]
            .message
            .starts_with("START_CALL_RECORDING answers request_id \"7\", which no earlier startCallRecording call had"),
        "{}",
        errors[1]
    );
}
