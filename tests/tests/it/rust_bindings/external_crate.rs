//! "Done means": a crate outside this workspace, depending on `adcontract` by path, parses
//! vendor-shaped `InteractionData` with `adcontract::latest` and `adcontract::v5_19`,
//! re-serializes it value-equal, validates it (JSON-pointer problems), and runs
//! `adcontract::bindings!(schema = "...")` on its own schema files: an API description and a
//! plain JSON Schema types document. Built offline, sharing the
//! workspace's target directory so only the new crate and `adcontract` itself compile.

use std::process::Command;

const MAIN: &str = r#"
mod mine {
    adcontract::bindings!(schema = "contract/minimal.api.json");
}

mod crm {
    adcontract::bindings!(schema = "contract/crm.schema.json");
}

fn check<T: serde::Serialize + serde::de::DeserializeOwned>(
    label: &str,
    input: &serde_json::Value,
    validate: impl Fn(&T) -> Vec<adcontract::Problem>,
) {
    let typed: T = serde_json::from_value(input.clone()).expect("parses");
    let back = serde_json::to_value(&typed).expect("serializes");
    assert_eq!(&back, input, "{label}: not value-equal");
    for p in validate(&typed) {
        println!("{label} {p}");
    }
}

fn main() {
    let vendor: serde_json::Value = serde_json::from_str(include_str!("../vendor.json")).expect("json");
    check::<adcontract::latest::InteractionData>("latest", &vendor["latest"], |d| d.validate().expect("runs"));
    check::<adcontract::v5_19::InteractionData>("5.19", &vendor["5.19"], |d| d.validate().expect("runs"));
    let thing: mine::Thing = serde_json::from_value(serde_json::json!({"id": "t", "note": null, "color": "blue"})).expect("own");
    assert_eq!(thing.color.as_ref().map(|c| c.as_str()), Some("blue"));
    for p in thing.validate().expect("runs") {
        println!("own {p}");
    }
    println!("own call {}", serde_json::to_string(&mine::widget::Call::GetThing { id: "t".into() }).expect("ser"));
    let customer = serde_json::json!({"customerId": "c", "name": "N", "tier": "platinum", "balance": 1.5, "since": 2019});
    check::<crm::Customer>("crm", &customer, |c| c.validate().expect("runs"));
}
"#;

#[test]
fn a_crate_outside_the_workspace_uses_the_bindings() {
    let root = super::common::root().canonicalize().expect("root");
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    let manifest = format!(
        "[package]\nname = \"vendor-bridge\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nadcontract = {{ path = {:?}, default-features = false }}\n\
         serde = \"1\"\nserde_json = \"1\"\n\n[workspace]\n",
        root.display().to_string()
    );
    std::fs::write(p.join("Cargo.toml"), manifest).expect("write");
    std::fs::copy(root.join("Cargo.lock"), p.join("Cargo.lock")).expect("lock");
    std::fs::create_dir_all(p.join("src")).expect("mkdir");
    std::fs::create_dir_all(p.join("contract")).expect("mkdir");
    for f in ["minimal.api.json", "minimal.types.json"] {
        std::fs::copy(
            root.join("tests/fixtures/minimal").join(f),
            p.join("contract").join(f),
        )
        .expect("copy");
    }
    // A plain JSON Schema types document, as an integrator's CRM would ship it.
    std::fs::copy(
        root.join("tests/fixtures/plain/plain.schema.json"),
        p.join("contract/crm.schema.json"),
    )
    .expect("copy");
    std::fs::write(p.join("src/main.rs"), MAIN).expect("write");
    let vendor = serde_json::json!({ "latest": super::vendor::latest_sample(), "5.19": super::vendor::v5_19_sample() });
    std::fs::write(p.join("vendor.json"), vendor.to_string()).expect("write");

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), std::path::PathBuf::from);
    let out = Command::new(env!("CARGO"))
        .args(["run", "-q", "--offline"])
        .current_dir(p)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("latest /state: error:"), "{stdout}");
    assert!(stdout.contains("latest /agentId: warning:"), "{stdout}");
    assert!(stdout.contains("5.19 /type: error:"), "{stdout}");
    assert!(stdout.contains("own /color: error:"), "{stdout}");
    assert!(stdout.contains("crm /tier: error:"), "{stdout}");
    assert!(stdout.contains("crm /since: warning:"), "{stdout}");
    assert!(
        stdout.contains(r#"own call {"name":"GET_THING","args":["t"]}"#),
        "{stdout}"
    );
}
