//! `docs/diff/rules.md` lists the catalogue exactly as `rules::RULES` defines it.

use adcontract_diff::rules;

const BEGIN: &str = "<!-- rules:begin (generated from diff/src/rules.rs) -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn the_rules_page_lists_the_catalogue() {
    let path = crate::root().join("docs/diff/rules.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (Some(a), Some(b)) = (text.find(BEGIN), text.find(END)) else {
        panic!("{} lacks the generated-part markers", path.display());
    };
    let want = format!("{}{BEGIN}{}{}", &text[..a], rules::markdown(), &text[b..]);
    crate::golden("docs/diff/rules.md", &want);
}
