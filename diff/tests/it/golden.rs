//! The committed outputs: the surface report of each view (`docs/surface/<view>.api.md`) and
//! the markdown diff reports of the canonical history (`docs/diff/reports/`), regenerated and
//! compared (`ADCONTRACT_BLESS=1` rewrites them), plus insta snapshots of the other formats of
//! `5.24 → latest`. Each output is stored once.

use adcontract_diff::accept::Accepted;
use adcontract_diff::render::{Format, Outcome};
use adcontract_diff::{Role, diff, surface};

use crate::side;

const VIEWS: [&str; 3] = ["5.19", "5.24", "latest"];
const PAIRS: [(&str, &str); 3] = [("5.19", "5.24"), ("5.24", "latest"), ("5.19", "latest")];

#[test]
fn surface_reports_are_committed() {
    for v in VIEWS {
        crate::golden(
            &format!("docs/surface/{v}.api.md"),
            &surface::report(&side(v)),
        );
    }
}

#[test]
fn diff_reports_are_committed() {
    for (a, b) in PAIRS {
        let d = diff(&side(a), &side(b)).unwrap();
        let none = Accepted::default();
        let text = Outcome::new(&d, Role::Both, &none).render(Format::Markdown);
        crate::golden(&format!("docs/diff/reports/{a}-to-{b}.md"), &text);
    }
}

#[test]
fn other_formats_of_5_24_to_latest() {
    let d = diff(&side("5.24"), &side("latest")).unwrap();
    let none = Accepted::default();
    let o = Outcome::new(&d, Role::Both, &none);
    insta::assert_snapshot!("human_5_24_to_latest", o.render(Format::Human));
    insta::assert_snapshot!("json_5_24_to_latest", o.render(Format::Json));
    insta::assert_snapshot!("junit_5_24_to_latest", o.render(Format::Junit));
}

#[test]
fn output_is_deterministic() {
    let a = diff(&side("5.19"), &side("latest")).unwrap();
    let b = diff(&side("5.19"), &side("latest")).unwrap();
    let none = Accepted::default();
    assert_eq!(
        Outcome::new(&a, Role::Both, &none).render(Format::Json),
        Outcome::new(&b, Role::Both, &none).render(Format::Json)
    );
}

#[test]
fn accepted_findings_stop_failing_and_stale_ones_are_reported() {
    let d = diff(&side("5.24"), &side("latest")).unwrap();
    let none = Accepted::default();
    let o = Outcome::new(&d, Role::Consumer, &none);
    assert!(o.fails(adcontract_diff::render::FailOn::Breaking));
    let breaking: Vec<_> = d
        .findings
        .iter()
        .filter(|f| f.consumer == adcontract_diff::Verdict::Breaking)
        .collect();
    let mut file = String::from("# reviewed\n");
    for f in &breaking {
        file.push_str(&format!("{}  reviewed: {}\n", f.fingerprint, f.rule));
    }
    file.push_str("000000000000  an old acceptance\n");
    let accepted = Accepted::parse("accept.txt", &file).unwrap();
    let o = Outcome::new(&d, Role::Consumer, &accepted);
    assert!(!o.fails(adcontract_diff::render::FailOn::Breaking));
    assert_eq!(o.stale, vec![("000000000000", breaking.len() + 2)]);
    let summary = o.summary();
    assert_eq!(summary["summary"]["breakingConsumer"], 0);
    assert_eq!(summary["summary"]["accepted"], breaking.len());
    assert_eq!(summary["summary"]["staleAccepted"][0], "000000000000");
    // Providers still fail: the acceptances were for consumer breaks.
    let o = Outcome::new(&d, Role::Provider, &accepted);
    assert!(o.fails(adcontract_diff::render::FailOn::Breaking));
}
