//! Fixture inference: the fixtures inferred, the steps that explain events, and the warnings
//! where a provider replay will differ from the log.

use super::*;

#[test]
fn a_login_in_the_desktop_is_a_login_fixture_explaining_its_follow_on_events() {
    assert_eq!(
        clean(&login_lines()),
        [
            r#"1: fixture login {"agentId":"jsmith"}"#,
            "2: ON_LOGIN re=1",
            "3: ON_AGENT_STATE_CHANGE re=1",
        ]
    );
}

#[test]
fn an_inbound_interaction_is_an_offer_with_what_the_fixture_accepts() {
    let mut log = login_lines();
    log.push(packet(
        "ON_NEW_INTERACTION",
        "e3",
        json!([data("call-7", "voice", "delivery_pending")]),
    ));
    let mut chat = data("chat-8", "chat", "delivery_pending");
    chat["service"] = json!("Web chat");
    log.push(packet("ON_NEW_INTERACTION", "e4", json!([chat])));
    assert_eq!(
        clean(&log)[3..],
        [
            r#"4: fixture offer {"interactionId":"call-7","type":"voice","service":"Support","phoneNumber":"+14155550100"}"#,
            "5: ON_NEW_INTERACTION re=4",
            r#"6: fixture offer {"interactionId":"chat-8","type":"chat","service":"Web chat"}"#,
            "7: ON_NEW_INTERACTION re=6",
        ]
    );
}

/// Accepted in the desktop UI: `accept`, whose follow-on events are not given fixtures of
/// their own; ended by the customer: `remoteEnd`; completed by a call, which explains the rest.
#[test]
fn accept_and_remote_end_fixtures_and_a_call_explaining_its_events() {
    let mut log = login_lines();
    log.extend([
        packet(
            "ON_NEW_INTERACTION",
            "e3",
            json!([data("c1", "voice", "delivery_pending")]),
        ),
        packet(
            "ON_INTERACTION_STATE_CHANGE",
            "e4",
            json!([data("c1", "voice", "delivered")]),
        ),
        packet("ON_ACTIVE_INTERACTION_SWITCHED", "e5", json!(["c1"])),
        packet("ON_AGENT_STATE_CHANGE", "e6", json!(["busy"])),
        packet(
            "ON_INTERACTION_STATE_CHANGE",
            "e7",
            json!([data("c1", "voice", "wrap_up")]),
        ),
        packet("ON_AGENT_STATE_CHANGE", "e8", json!(["after_call_work"])),
        packet("COMPLETE_INTERACTION", "r1", json!(["c1"])),
        packet(
            "ON_INTERACTION_REMOVED",
            "e9",
            json!([data("c1", "voice", "completed")]),
        ),
        packet("ON_ACTIVE_INTERACTION_SWITCHED", "e10", json!([null])),
        packet("ON_AGENT_STATE_CHANGE", "e11", json!(["ready"])),
        packet(
            "COMPLETE_INTERACTION_RESPONSE",
            "r1",
            json!([{ "status": "success", "data": null }]),
        ),
    ]);
    assert_eq!(
        clean(&log)[3..],
        [
            r#"4: fixture offer {"interactionId":"c1","type":"voice","service":"Support","phoneNumber":"+14155550100"}"#,
            "5: ON_NEW_INTERACTION re=4",
            r#"6: fixture accept {"interactionId":"c1"}"#,
            "7: ON_INTERACTION_STATE_CHANGE re=6",
            "8: ON_ACTIVE_INTERACTION_SWITCHED re=6",
            "9: ON_AGENT_STATE_CHANGE re=6",
            r#"10: fixture remoteEnd {"interactionId":"c1"}"#,
            "11: ON_INTERACTION_STATE_CHANGE re=10",
            "12: ON_AGENT_STATE_CHANGE re=10",
            "13: call completeInteraction",
            "14: ON_INTERACTION_REMOVED re=13",
            "15: ON_ACTIVE_INTERACTION_SWITCHED re=13",
            "16: ON_AGENT_STATE_CHANGE re=13",
            "17: result re=13",
        ]
    );
}

#[test]
fn calls_explain_their_events_so_no_fixture_is_inferred() {
    let mut log = login_lines();
    log.extend([
        packet(
            "ON_NEW_INTERACTION",
            "e3",
            json!([data("c1", "voice", "delivery_pending")]),
        ),
        packet("ACCEPT_INTERACTION", "r1", json!(["c1"])),
        packet(
            "ON_INTERACTION_STATE_CHANGE",
            "e4",
            json!([data("c1", "voice", "delivered")]),
        ),
        packet("ON_ACTIVE_INTERACTION_SWITCHED", "e5", json!(["c1"])),
        packet("ON_AGENT_STATE_CHANGE", "e6", json!(["busy"])),
        packet(
            "ACCEPT_INTERACTION_RESPONSE",
            "r1",
            json!([{ "status": "success", "data": null }]),
        ),
        packet("LEAVE_INTERACTION", "r2", json!(["c1"])),
        packet(
            "LEAVE_INTERACTION_RESPONSE",
            "r2",
            json!([{ "status": "success", "data": null }]),
        ),
        packet(
            "ON_INTERACTION_STATE_CHANGE",
            "e7",
            json!([data("c1", "voice", "wrap_up")]),
        ),
        packet("ON_AGENT_STATE_CHANGE", "e8", json!(["after_call_work"])),
    ]);
    assert_eq!(
        clean(&log)[5..],
        [
            "6: call acceptInteraction",
            "7: ON_INTERACTION_STATE_CHANGE re=6",
            "8: ON_ACTIVE_INTERACTION_SWITCHED re=6",
            "9: ON_AGENT_STATE_CHANGE re=6",
            "10: result re=6",
            "11: call leaveInteraction",
            "12: result re=11",
            "13: ON_INTERACTION_STATE_CHANGE re=11",
            "14: ON_AGENT_STATE_CHANGE re=11",
        ]
    );
}

#[test]
fn data_requests_and_notifications_are_emitted_and_answers_keep_their_link() {
    let mut log = login_lines();
    log.extend([
        packet("ON_GET_KNOWLEDGE_BASE_ARTICLE", "e3", json!(["kb-1"])),
        packet(
            "ON_GET_KNOWLEDGE_BASE_ARTICLE_RESPONSE",
            "e3",
            json!([null]),
        ),
        packet("ON_WIDGET_MINIMIZED_CHANGE", "e4", json!([true])),
    ]);
    assert_eq!(
        clean(&log)[3..],
        [
            r#"4: fixture emit {"event":"ON_GET_KNOWLEDGE_BASE_ARTICLE","args":["kb-1"]}"#,
            "5: ON_GET_KNOWLEDGE_BASE_ARTICLE re=4",
            "6: response re=5",
            r#"7: fixture emit {"event":"ON_WIDGET_MINIMIZED_CHANGE","args":[true]}"#,
            "8: ON_WIDGET_MINIMIZED_CHANGE re=7",
        ]
    );
}

/// An agent-state change made in the desktop UI: no fixture produces one, so the event is
/// kept as logged, without `re`, and the warning names its line and gives a hint.
#[test]
fn an_event_no_fixture_explains_is_kept_with_a_warning() {
    let mut log = login_lines();
    log.push(packet(
        "ON_AGENT_STATE_CHANGE",
        "e3",
        json!(["not_ready", "Lunch"]),
    ));
    log.push(packet("ON_WIDGET_MINIMIZED_CHANGE", "e4", json!([true])));
    let out = run(&log, Options::default());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(
        summary(&rec)[3..],
        [
            "4: ON_AGENT_STATE_CHANGE re=-",
            r#"5: fixture emit {"event":"ON_WIDGET_MINIMIZED_CHANGE","args":[true]}"#,
            "6: ON_WIDGET_MINIMIZED_CHANGE re=5",
        ]
    );
    assert_eq!(out.warnings.len(), 1, "{:#?}", out.warnings);
    let w = &out.warnings[0];
    assert_eq!(w.line, 3);
    assert!(
        w.message.starts_with(
            "ON_AGENT_STATE_CHANGE is not explained by the calls before it, and no fixture produces it here: no fixture changes the agent's state"
        ),
        "{w}"
    );
    assert!(w.message.contains("kept without `re`"), "{w}");
    assert!(w.message.contains("hint: "), "{w}");
}

#[test]
fn a_log_that_starts_after_login_gets_a_hint_to_attach_the_logger_earlier() {
    let out = run(
        &[packet(
            "ON_NEW_INTERACTION",
            "e1",
            json!([data("c1", "voice", "delivery_pending")]),
        )],
        Options::default(),
    );
    assert_eq!(out.warnings.len(), 1, "{:#?}", out.warnings);
    let w = &out.warnings[0].message;
    assert!(
        w.contains("the offer fixture refused: the agent is not logged in"),
        "{w}"
    );
    assert!(w.contains("attach the message logger before login"), "{w}");
}

/// Where the log and the reference model disagree, the import says what a provider replay
/// will report: an event the model emits that the log lacks, a payload that differs.
#[test]
fn disagreements_with_the_model_are_warnings_naming_the_replay_rule() {
    let log = [
        packet(
            "ON_LOGIN",
            "e1",
            json!([{ "isLoggedIn": true, "agentId": "5f1c", "username": "jsmith" }]),
        ),
        packet("GET_AGENT_STATE", "r1", json!([])),
    ];
    let out = run(&log, Options::default());
    let w: Vec<(usize, &str)> = out
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(w.len(), 2, "{w:#?}");
    assert_eq!(w[0].0, 1);
    assert!(w[0].1.starts_with("ON_LOGIN differs from the one the reference model emits after the login fixture inferred for line 1; a provider replay will report AD-REPLAY-EVENTS at seq 1: ON_LOGIN/0/username: expected \"jsmith\", got \"5f1c\""), "{}", w[0].1);
    assert_eq!(w[1].0, 1);
    assert!(w[1].1.starts_with("the reference model emits ON_AGENT_STATE_CHANGE (ready) after the login fixture inferred for line 1, which the log does not show before line 2"), "{}", w[1].1);
    // Warnings are no errors: the recording is complete.
    assert!(out.errors.is_empty());
    assert_eq!(out.recording.map(|r| r.entries.len()), Some(3));
}

#[test]
fn without_fixtures_the_log_is_only_transcribed() {
    let mut log = login_lines();
    log.push(packet(
        "ON_GET_KNOWLEDGE_BASE_ARTICLE",
        "e3",
        json!(["kb-1"]),
    ));
    let plain = run(&log, Options { fixtures: false });
    assert!(plain.warnings.is_empty() && plain.errors.is_empty());
    let rec = plain.recording.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(rec.header.description, None);
    assert_eq!(
        summary(&rec),
        [
            "1: ON_LOGIN re=-",
            "2: ON_AGENT_STATE_CHANGE re=-",
            "3: ON_GET_KNOWLEDGE_BASE_ARTICLE re=-",
        ]
    );
}

#[test]
fn api_b_fixtures_login_render_and_remote_end_and_a_dialled_id_bound_to_the_models() {
    let log = [
        r#"{"direction":"in","command":"LOGIN_CHANGED","data":{"agent_id":"mgarcia","login":true}}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"ready","reason":""}}"#,
        r#"{"direction":"in","command":"INTERACTION_RENDERED","data":{"item_id":"B-1","global_id":"G-B-1","phone_number":"+14155550142","service":"Claims","screenpop_data":""}}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"busy","reason":""}}"#,
        r#"{"direction":"in","command":"_CALL_HELD","data":{"item_id":"B-1"}}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"after_call_work","reason":""}}"#,
        r#"{"direction":"out","command":"COMPLETE_INTERACTION_FROM_API","data":"B-1"}"#,
        r#"{"direction":"in","command":"INTERACTION_COMPLETED","data":{"item_id":"B-1","global_id":"G-B-1","phone_number":"+14155550142","service":"Claims","screenpop_data":"","disposition":"","notes":"","recording_url":""}}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"ready","reason":""}}"#,
        r#"{"direction":"out","command":"DIAL_NUMBER","number":"+14155550177"}"#,
        r#"{"direction":"in","command":"INTERACTION_RENDERED","data":{"item_id":"B-2","global_id":"G-B-2","phone_number":"+14155550177","service":"","screenpop_data":""}}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"busy","reason":""}}"#,
        r#"{"direction":"out","command":"GET_STATE","request_id":9}"#,
        r#"{"direction":"in","command":"GET_STATE","request_id":9,"data":{"agent_id":"mgarcia","status":"busy","reason":"","interactions":[{"item_id":"B-2","global_id":"G-B-2","phone_number":"+14155550177","service":"","screenpop_data":"","recording_url":"","attached_data":{}}]}}"#,
        r#"{"direction":"out","command":"TERMINATE_INTERACTION_FROM_API","data":"B-2"}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"after_call_work","reason":""}}"#,
    ]
    .map(String::from);
    let out = run(&log, Options::default());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    // B-2 is the model's sim-1: the result and the terminate's event match only through it.
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
    let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(rec.header.api, "embedded");
    assert_eq!(
        summary(&rec),
        [
            r#"1: fixture login {"agentId":"mgarcia"}"#,
            "2: onAgentLogin re=1",
            "3: onStatusChange re=1",
            r#"4: fixture offer {"interactionId":"B-1","type":"voice","service":"Claims","phoneNumber":"+14155550142"}"#,
            r#"5: fixture accept {"interactionId":"B-1"}"#,
            "6: addInteractionRenderedHandler re=5",
            "7: onStatusChange re=5",
            r#"8: fixture emit {"event":"addCallHeldHandler","args":[{"item_id":"B-1"}]}"#,
            "9: addCallHeldHandler re=8",
            r#"10: fixture remoteEnd {"interactionId":"B-1"}"#,
            "11: onStatusChange re=10",
            "12: call completeInteraction",
            "13: addInteractionCompletedHandler re=12",
            "14: onStatusChange re=12",
            "15: call dialNumber",
            "16: addInteractionRenderedHandler re=15",
            "17: onStatusChange re=15",
            "18: call getState",
            "19: result re=18",
            "20: call terminateInteraction",
            "21: onStatusChange re=20",
        ]
    );
}

#[test]
fn api_b_unexplained_events_keep_their_place_and_name_their_line() {
    let log = [
        r#"{"direction":"in","command":"LOGIN_CHANGED","data":{"agent_id":"mgarcia","login":true}}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"ready","reason":""}}"#,
        r#"{"direction":"in","command":"INTERACTION_COMPLETED","data":{"item_id":"B-9","global_id":"G-B-9","phone_number":"","service":""}}"#,
        r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"after_call_work","reason":""}}"#,
    ]
    .map(String::from);
    let out = run(&log, Options::default());
    let lines: Vec<usize> = out.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [3, 4], "{:#?}", out.warnings);
    assert!(
        out.warnings[0]
            .message
            .contains("no fixture removes an interaction")
    );
    assert!(
        out.warnings[1]
            .message
            .contains("no interaction is connected")
    );
    let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(
        summary(&rec)[3..],
        [
            "4: addInteractionCompletedHandler re=-",
            "5: onStatusChange re=-"
        ]
    );
}

#[test]
fn the_same_log_gives_the_same_recording() {
    let mut log = login_lines();
    log.push(packet(
        "ON_GET_KNOWLEDGE_BASE_ARTICLE",
        "e3",
        json!(["kb-1"]),
    ));
    let a = run(&log, Options::default());
    let b = run(&log, Options::default());
    let text = |i: &Imported| i.recording.as_ref().map(Recording::to_jsonl);
    assert_eq!(text(&a), text(&b));
    assert_eq!(a, b);
}

/// A call that creates an interaction: the desktop's id is paired with the model's `sim-1`
/// through the result and the events, so later calls and events line up, a bare id argument
/// included (a replay pairs it too).
#[test]
fn a_generated_id_is_paired_with_the_models_bare_ones_included() {
    let mut out = data("x-77", "voice", "delivered");
    out["callDirection"] = json!("outbound");
    out["phoneNumber"] = json!("+14155550199");
    if let Some(o) = out.as_object_mut() {
        o.remove("service");
    }
    let mut log = login_lines();
    log.extend([
        packet("START_CALL", "r1", json!(["+14155550199"])),
        packet(
            "START_CALL_RESPONSE",
            "r1",
            json!([{ "status": "success", "data": { "id": "x-77" } }]),
        ),
        packet("ON_NEW_INTERACTION", "e3", json!([out])),
        packet("ON_ACTIVE_INTERACTION_SWITCHED", "e4", json!(["x-77"])),
        packet("ON_AGENT_STATE_CHANGE", "e5", json!(["busy"])),
        packet("LEAVE_INTERACTION", "r2", json!(["x-77"])),
    ]);
    let imported = run(&log, Options::default());
    let rec = imported.recording.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(
        summary(&rec)[3..],
        [
            "4: call startCall",
            "5: result re=4",
            "6: ON_NEW_INTERACTION re=4",
            "7: ON_ACTIVE_INTERACTION_SWITCHED re=4",
            "8: ON_AGENT_STATE_CHANGE re=4",
            "9: call leaveInteraction",
        ]
    );
    let w: Vec<(usize, &str)> = imported
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    // The leave did happen on the model's sim-1 (it answered no `no_interaction`), and the
    // message names the interaction as the log does.
    assert_eq!(w[0].0, 8);
    assert!(w[0].1.starts_with("the reference model emits ON_INTERACTION_STATE_CHANGE (x-77 wrap_up), ON_AGENT_STATE_CHANGE (after_call_work) after the leaveInteraction call on line 8, which the log does not show by its end"), "{}", w[0].1);
}

#[test]
fn events_in_another_order_than_the_models_are_one_warning_once_the_step_is_over() {
    let mut log = login_lines();
    log.extend([
        packet(
            "ON_NEW_INTERACTION",
            "e3",
            json!([data("c1", "voice", "delivery_pending")]),
        ),
        packet(
            "ON_INTERACTION_STATE_CHANGE",
            "e4",
            json!([data("c1", "voice", "delivered")]),
        ),
        packet("ON_AGENT_STATE_CHANGE", "e5", json!(["busy"])),
        packet("ON_ACTIVE_INTERACTION_SWITCHED", "e6", json!(["c1"])),
    ]);
    let out = run(&log, Options::default());
    let w: Vec<(usize, &str)> = out
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].0, 5);
    assert!(w[0].1.starts_with("ON_AGENT_STATE_CHANGE (busy) comes before ON_ACTIVE_INTERACTION_SWITCHED (c1), which the reference model emits first after the accept fixture inferred for line 4"), "{}", w[0].1);
    // All three are still the accept's.
    let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
    assert_eq!(
        summary(&rec)[6..],
        [
            "7: ON_INTERACTION_STATE_CHANGE re=6",
            "8: ON_AGENT_STATE_CHANGE re=6",
            "9: ON_ACTIVE_INTERACTION_SWITCHED re=6"
        ]
    );

    // Missing, not out of order: one warning, about the missing event.
    log.pop();
    let out = run(&log, Options::default());
    assert_eq!(out.warnings.len(), 1, "{:#?}", out.warnings);
    assert!(out.warnings[0].message.starts_with("the reference model emits ON_ACTIVE_INTERACTION_SWITCHED (c1) after the accept fixture inferred for line 4, which the log does not show by its end"), "{}", out.warnings[0]);
}
