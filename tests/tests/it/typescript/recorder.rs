//! The page-side recorder (`adcontract_codegen::browser::recorder`) under node, wrapping a fake
//! vendor SDK (`recorder_drive.mjs`) whose behaviour comes from `adcontract simulate`: every
//! personal value is redacted (checked field by field against the IR, independently of the
//! script's own table), pseudonyms keep their format and pair up, the recordings validate against
//! the recording schema, and their import replays green against the reference model.

use std::collections::BTreeSet;

use adcontract_schema::ir::{ApiId, Ir, Shape};
use serde_json::Value;

use super::common::{node, root, run, view};

struct Drive {
    out: Value,
    dir: tempfile::TempDir,
}

fn drive() -> &'static Drive {
    static DRIVE: std::sync::OnceLock<Drive> = std::sync::OnceLock::new();
    DRIVE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let script = dir.path().join("recorder.js");
        let ir = view("latest");
        std::fs::write(
            &script,
            adcontract_codegen::browser::recorder::recorder(&ir),
        )
        .expect("write recorder");
        let o = run(node()
            .arg(root().join("tests/tests/it/typescript/recorder_drive.mjs"))
            .arg(&script)
            .arg(adcontract_tests::adcontract_bin()));
        assert!(
            o.status.success(),
            "node drive failed:\n{}",
            adcontract_tests::output_text(&o)
        );
        let out = serde_json::from_slice(&o.stdout).expect("drive prints JSON");
        Drive { out, dir }
    })
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("JSONL"))
        .collect()
}

/// Every personal string in `v` at shape `s`, with its kind (an independent walk of the IR).
fn personal(
    ir: &Ir,
    s: &Shape,
    v: &Value,
    args: &[(String, Shape)],
    out: &mut Vec<(String, String)>,
    depth: usize,
) {
    if depth > 40 {
        return;
    }
    match (s, v) {
        (Shape::String(r), Value::String(x)) => {
            if let Some(k) = r.personal {
                out.push((k.as_str().to_owned(), x.clone()));
            }
        }
        (Shape::Nullable { inner }, _) => personal(ir, inner, v, args, out, depth + 1),
        (Shape::Array(a), Value::Array(items)) => items
            .iter()
            .for_each(|i| personal(ir, &a.items, i, args, out, depth + 1)),
        (Shape::Map(m), Value::Object(o)) => o
            .values()
            .for_each(|i| personal(ir, &m.values, i, args, out, depth + 1)),
        (Shape::Object(o), Value::Object(map)) => {
            for f in &o.fields {
                if let Some(x) = map.get(&f.name) {
                    personal(ir, &f.shape, x, args, out, depth + 1);
                }
            }
        }
        (Shape::Union(u), _) => u
            .variants
            .iter()
            .for_each(|b| personal(ir, &b.shape, v, args, out, depth + 1)),
        (Shape::TypeParam { name }, _) => {
            if let Some((_, s)) = args.iter().find(|(n, _)| n == name) {
                personal(ir, s, v, &[], out, depth + 1);
            }
        }
        (Shape::Ref { name, args: given }, _) => {
            if let Some(d) = ir.type_def(name) {
                let inner: Vec<(String, Shape)> = d
                    .type_params
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| {
                        given
                            .get(i)
                            .or_else(|| d.type_param_default(i))
                            .map(|s| (p.clone(), s.clone()))
                    })
                    .collect();
                personal(ir, &d.shape, v, &inner, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The personal strings of one transcript item (`{kind, name, value}`) of `api`.
fn personal_of(ir: &Ir, api: ApiId, item: &Value) -> Vec<(String, String)> {
    let a = ir.api(api).expect("api");
    let name = item["name"].as_str().unwrap_or_default();
    let value = &item["value"];
    let mut out = Vec::new();
    match item["kind"].as_str() {
        Some("call") => {
            let m = a.methods.iter().find(|m| m.name == name).expect("method");
            for (p, v) in m.params.iter().zip(value.as_array().into_iter().flatten()) {
                personal(ir, &p.shape, v, &[], &mut out, 0);
            }
        }
        Some("result") => {
            let m = a.methods.iter().find(|m| m.name == name).expect("method");
            if let Some(r) = &m.result {
                let v = if api == ApiId::Widget {
                    &value["data"]
                } else {
                    value
                };
                personal(ir, r, v, &[], &mut out, 0);
            }
        }
        Some("event") => {
            let e = a.events.iter().find(|e| e.name == name).expect("event");
            for (p, v) in e.params.iter().zip(value.as_array().into_iter().flatten()) {
                personal(ir, &p.shape, v, &[], &mut out, 0);
            }
        }
        Some("response") => {
            let e = a.events.iter().find(|e| e.name == name).expect("event");
            if let Some(r) = &e.response {
                personal(ir, r, value, &[], &mut out, 0);
            }
        }
        other => panic!("transcript kind {other:?}"),
    }
    out
}

/// The same letters, digits and separators, class by class (a pseudonym's promise).
fn same_shape(a: &str, b: &str) -> bool {
    let class = |c: char| {
        if c.is_ascii_digit() {
            'd'
        } else if c.is_ascii_uppercase() {
            'U'
        } else if c.is_alphabetic() {
            'l'
        } else {
            c
        }
    };
    a.chars().map(class).eq(b.chars().map(class))
}

#[test]
fn nothing_annotated_leaves_the_page() {
    let d = drive();
    let ir = view("latest");
    for (api, key) in [(ApiId::Widget, "widget"), (ApiId::Embedded, "embedded")] {
        let text = d.out[key].as_str().expect("a recording per API");
        let raw = d.out["raw"][key].as_array().expect("transcript");
        let entries: Vec<Value> = lines(text).into_iter().skip(1).collect();
        // The recording holds the transcript's items in order: align them and compare.
        let mut found = BTreeSet::new();
        assert_eq!(entries.len(), raw.len(), "{key}: one entry per item seen");
        for (item, entry) in raw.iter().zip(&entries) {
            assert_eq!(item["kind"], entry["kind"], "{key}: {entry}");
            let recorded = match item["kind"].as_str() {
                Some("call") | Some("event") => entry["args"].clone(),
                Some("result") => entry["result"].clone(),
                _ => entry["response"].clone(),
            };
            let as_item =
                serde_json::json!({"kind": item["kind"], "name": item["name"], "value": recorded});
            let before = personal_of(&ir, api, item);
            let after = personal_of(&ir, api, &as_item);
            assert_eq!(before.len(), after.len(), "{key}: {item} vs {entry}");
            for ((kind, raw_value), (_, redacted)) in before.iter().zip(&after) {
                found.insert(kind.clone());
                assert!(
                    same_shape(raw_value, redacted),
                    "{kind}: {raw_value:?} -> {redacted:?} keeps its shape"
                );
                if raw_value.chars().any(char::is_alphanumeric) && kind != "url" {
                    assert_ne!(raw_value, redacted, "{kind} {raw_value:?} is replaced");
                }
                if raw_value.len() >= 4 {
                    assert!(
                        !text.contains(raw_value.as_str()),
                        "{key}: {raw_value:?} ({kind}) leaked"
                    );
                }
            }
        }
        assert!(
            !found.is_empty(),
            "{key}: the drive exercises personal fields"
        );
        assert!(!text.contains("tenant-integration-key-42"));
    }
}

#[test]
fn pseudonyms_keep_format_and_equal_values_stay_equal() {
    let d = drive();
    let phone = d.out["pseudonyms"]["phone"].as_str().expect("phone");
    let email = d.out["pseudonyms"]["email"].as_str().expect("email");
    assert!(same_shape("+1 (555) 010-4477", phone), "{phone}");
    assert_ne!(phone, "+1 (555) 010-4477");
    let (local, domain) = email.split_once('@').expect("e-mail shaped");
    assert!(
        local.len() == 8 && domain.ends_with(".com") && domain.len() == 11,
        "{email}"
    );
    // The same number is offered, called and dialled: one pseudonym everywhere, in both APIs.
    let widget = d.out["widget"].as_str().expect("widget");
    let embedded = d.out["embedded"].as_str().expect("embedded");
    assert!(widget.matches(phone).count() >= 5, "{widget}");
    assert!(embedded.matches(phone).count() >= 3, "{embedded}");
    assert!(widget.matches(email).count() >= 3, "{widget}");
    // The synchronous HMAC is HMAC-SHA256 (RFC 4231 style check against a known value).
    assert_eq!(
        d.out["hmacCheck"].as_str().expect("hmac"),
        hmac_sha256_reference(d.out["key"].as_str().expect("key"), "abc")
    );
    // The page saw the real values: redaction happens on the copy that is recorded.
    assert!(d.out["seen"].to_string().contains("+1 (555) 010-4477"));
}

/// HMAC-SHA256 computed by node's own crypto, the independent oracle.
fn hmac_sha256_reference(key: &str, msg: &str) -> String {
    let o = run(node().args([
        "-e",
        "process.stdout.write(require('crypto').createHmac('sha256', process.argv[1]).update(process.argv[2]).digest('hex'))",
        key,
        msg,
    ]));
    String::from_utf8(o.stdout).expect("hex")
}

#[test]
fn recordings_validate_and_their_imports_replay_green() {
    let d = drive();
    let schema = |name: &str| -> Value {
        serde_json::from_str(
            &std::fs::read_to_string(root().join("schema/conformance").join(name)).expect("schema"),
        )
        .expect("JSON")
    };
    let header =
        jsonschema::validator_for(&schema("recording-header.schema.json")).expect("header schema");
    let entry =
        jsonschema::validator_for(&schema("recording-entry.schema.json")).expect("entry schema");
    for key in ["widget", "embedded"] {
        let text = d.out[key].as_str().expect("recording");
        let all = lines(text);
        assert!(header.is_valid(&all[0]), "{}", all[0]);
        assert_eq!(all[0]["redaction"]["policy"], "adcontract-pseudonym-1");
        assert!(
            !all[0]
                .to_string()
                .contains(d.out["key"].as_str().expect("key"))
        );
        for e in &all[1..] {
            assert!(entry.is_valid(e), "{e}");
        }
        let file = d.dir.path().join(format!("{key}.jsonl"));
        let imported = d.dir.path().join(format!("{key}-imported.jsonl"));
        std::fs::write(&file, text).expect("write");
        let o = adcontract_tests::run_adcontract(&[
            "record",
            "import",
            file.to_str().expect("path"),
            "-o",
            imported.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "{}", adcontract_tests::output_text(&o));
        let back = std::fs::read_to_string(&imported).expect("imported");
        assert!(
            back.lines()
                .next()
                .expect("header")
                .contains("adcontract-pseudonym-1"),
            "the import keeps the policy"
        );
        assert!(back.contains("\"fixture\""), "fixtures inferred: {back}");
        let sim = format!("{} simulate", adcontract_tests::adcontract_bin());
        let o = adcontract_tests::run_adcontract(&[
            "replay",
            "--impl",
            &sim,
            imported.to_str().expect("path"),
        ]);
        assert!(
            o.status.success(),
            "{key}: {}",
            adcontract_tests::output_text(&o)
        );
        assert!(adcontract_tests::output_text(&o).contains("1 pass"));
    }
}
