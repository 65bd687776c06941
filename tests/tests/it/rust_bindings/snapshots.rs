//! The generated code for every canonical view and every fixture schema, against its one golden
//! file under `tests/generated/` (which the trybuild pass tests `include!`, so it must compile).
//!
//! To bless after a deliberate change: `ADCONTRACT_BLESS=1 cargo test -p adcontract-tests --test
//! it rust_bindings::snapshots`, then read the diff of every changed file.

use super::common::cases;

#[test]
fn generated_code_matches_golden_files() {
    for (stem, ir, source) in cases() {
        let code = adcontract_codegen::rust::render(&ir, &super::common::settings(&source));
        // Structural invariants before the snapshot: it parses, and no collision slipped through.
        assert!(syn_parses(&code), "{stem}: generated code does not parse");
        assert!(
            !code.contains("compile_error"),
            "{stem}: generated code reports collisions"
        );
        adcontract_tests::golden(&format!("tests/generated/{stem}.rs"), &code);
    }
}

#[test]
fn generation_is_byte_identical_across_runs() {
    for (stem, ir, source) in cases() {
        let s = super::common::settings(&source);
        assert_eq!(
            adcontract_codegen::rust::render(&ir, &s),
            adcontract_codegen::rust::render(&ir, &s),
            "{stem}"
        );
    }
}

/// The macro path and the file path use one engine: the tokens `generate` returns (what
/// `bindings!` expands to) print exactly as the file `render` writes.
#[test]
fn macro_tokens_and_file_are_the_same_code() {
    for (stem, ir, source) in cases() {
        let s = super::common::settings(&source);
        let tokens = adcontract_codegen::rust::generate(&ir, &s);
        let printed = syn::parse2::<syn::File>(tokens).map(|f| prettyplease::unparse(&f));
        let file = adcontract_codegen::rust::render(&ir, &s);
        let body = file.split_once("\n\n").map_or(file.as_str(), |(_, b)| b);
        assert_eq!(printed.as_deref().ok(), Some(body), "{stem}");
    }
}

/// Hostile descriptions must not escape a doc comment or turn into a doctest: no code fence, no
/// indented block, no `*/`-terminated comment, no raw line separator, no bidi control, no
/// unescaped `#[` in any doc line of the generated file.
#[test]
fn hostile_descriptions_stay_inert() {
    let ir = super::common::fixture("hostile");
    let code = adcontract_codegen::rust::render(&ir, &super::common::settings("hostile"));
    for (i, line) in code.lines().enumerate() {
        let t = line.trim_start();
        if let Some(doc) = t.strip_prefix("///") {
            assert!(
                !doc.contains("```"),
                "line {}: code fence in doc: {line}",
                i + 1
            );
            assert!(
                !doc.starts_with("     "),
                "line {}: indented code block: {line}",
                i + 1
            );
            assert!(
                !doc.contains("*/") || doc.contains("\\*/"),
                "line {}: {line}",
                i + 1
            );
            assert!(!doc.contains("#["), "line {}: {line}", i + 1);
            // Outside inline code spans (which the generator writes itself, e.g. `Const<M>`).
            let text: String = doc.replace("\\`", "").split('`').step_by(2).collect();
            assert!(!text.contains('<'), "line {}: raw HTML: {line}", i + 1);
        }
    }
    for bad in ['\u{2028}', '\u{2029}', '\u{202E}', '\r'] {
        assert!(!code.contains(bad), "{:?} in generated code", bad);
    }
    // The description really was there, neutralised.
    assert!(
        code.contains("fn injected() {}"),
        "the hostile description is missing"
    );
    assert!(code.contains("\\`\\`\\`rust"));
}

fn syn_parses(code: &str) -> bool {
    syn::parse_file(code).is_ok()
}
