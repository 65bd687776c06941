//! `docs/conformance/rules.md` lists the catalogue exactly as `rules::RULES` defines it.
//! Regenerate the table with `ADCONTRACT_BLESS=1 cargo test -p adcontract-conformance --test it docs::`.

use std::path::Path;

use adcontract_conformance::run::rules;

const BEGIN: &str = "<!-- rules:begin (generated from conformance/src/run/rules.rs) -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn the_rules_page_lists_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/conformance/rules.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (Some(a), Some(b)) = (text.find(BEGIN), text.find(END)) else {
        panic!("{} lacks the generated-table markers", path.display());
    };
    let want = format!(
        "{}{BEGIN}{}{}",
        &text[..a],
        rules::markdown_table(),
        &text[b..]
    );
    if std::env::var_os("ADCONTRACT_BLESS").is_some() && std::env::var_os("CI").is_none() {
        std::fs::write(&path, &want).unwrap_or_else(|e| panic!("{e}"));
    } else {
        assert_eq!(text, want, "rules.md is stale");
    }
}
