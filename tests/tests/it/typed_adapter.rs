//! The typed Rust adapter end to end: `examples/typed_desktop/` implements the generated
//! `adcontract::latest::{widget, embedded}::AgentDesktop` traits, and `adcontract replay` and
//! `adcontract check` drive it as a harness process. A planted bug in its typed layer must be
//! caught and named by its rule.

use std::sync::OnceLock;

use adcontract_tests::{built, corpus_files, output_text as text, root, run_adcontract as run};

fn desktop() -> &'static str {
    static BIN: OnceLock<String> = OnceLock::new();
    BIN.get_or_init(|| built(&["--example", "typed_desktop"], "examples/typed_desktop"))
}

/// The committed provider recordings (both APIs).
fn corpus() -> Vec<String> {
    let v = corpus_files();
    assert!(v.len() >= 10, "the corpus is missing: {v:?}");
    v
}

#[test]
fn the_typed_desktop_replays_the_corpus_green() {
    let mut args = vec!["replay", "--impl", desktop()];
    let files = corpus();
    args.extend(files.iter().map(String::as_str));
    let out = run(&args);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(
        !report.contains("skip"),
        "every recording reaches one of the typed desktops: {report}"
    );
}

#[test]
fn the_typed_desktop_passes_check() {
    let out = run(&[
        "check",
        "--impl",
        desktop(),
        "--cases",
        "150",
        "--seed",
        "11",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn a_bug_in_the_typed_layer_is_named_by_its_rule() {
    let imp = format!("{} chat-muted", desktop());
    let chat = root().join("conformance/corpus/a04-chat.jsonl");
    let out = run(&["replay", "--impl", &imp, &chat.display().to_string()]);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("AD-NONVOICE-CALL-FLAGS"), "{report}");

    let out = run(&["check", "--impl", &imp, "--cases", "150", "--seed", "11"]);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("AD-NONVOICE-CALL-FLAGS"), "{report}");
}
