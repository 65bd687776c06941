//! `load` / `compile_*` on arbitrary text and JSON and on mutations of the canonical files.

use super::*;

proptest! {
    #![proptest_config(config(48))]

    /// Arbitrary text as the API document and as the types document.
    #[test]
    fn compile_str_arbitrary_text(api in "\\PC{0,60}", types in "\\PC{0,60}") {
        check_compile_result(&compile(&api, CANONICAL_TYPES))?;
        check_compile_result(&compile(CANONICAL_API, &types))?;
        check_compile_result(&compile(&api, &types))?;
    }

    /// Arbitrary bytes through the file route (invalid UTF-8 included).
    #[test]
    fn compile_path_arbitrary_bytes(
        api in prop::collection::vec(any::<u8>(), 0..80),
        types in prop::collection::vec(any::<u8>(), 0..80),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        check_compile_result(&compile_files(dir.path(), &api, CANONICAL_TYPES.as_bytes()))?;
        check_compile_result(&compile_files(dir.path(), CANONICAL_API.as_bytes(), &types))?;
    }

    /// Arbitrary JSON values as either document.
    #[test]
    fn compile_str_arbitrary_json(api in arb_json(), types in arb_json()) {
        check_compile_result(&compile(&api.to_string(), CANONICAL_TYPES))?;
        check_compile_result(&compile(CANONICAL_API, &types.to_string()))?;
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// The real API description, mutated (a key deleted or a subtree replaced).
    #[test]
    fn mutated_canonical_api(m in arb_mutation()) {
        let api = serde_json::to_string_pretty(&apply(canonical_api_json(), &m)).expect("ser");
        check_compile_result(&compile(&api, CANONICAL_TYPES))?;
    }

    /// The real types document, mutated.
    #[test]
    fn mutated_canonical_types(m in arb_mutation()) {
        let types = serde_json::to_string_pretty(&apply(canonical_types_json(), &m)).expect("ser");
        check_compile_result(&compile(CANONICAL_API, &types))?;
    }

    /// The real documents cut at a random byte: a syntax error with line and column (or, when
    /// the cut leaves only whitespace behind the value, a complete document).
    #[test]
    fn truncated_canonical_files(at in any::<prop::sample::Index>(), which in any::<bool>()) {
        let (api, types) = if which {
            (truncate(CANONICAL_API, at), CANONICAL_TYPES)
        } else {
            (CANONICAL_API, truncate(CANONICAL_TYPES, at))
        };
        let r = compile(api, types);
        check_compile_result(&r)?;
        if api.trim_end() != CANONICAL_API.trim_end() || types.trim_end() != CANONICAL_TYPES.trim_end() {
            match &r {
                Err(adcontract_schema::Error::Load(e)) => prop_assert!(e.position.is_some(), "{e}"),
                other => prop_assert!(false, "a truncated document compiled: {:?}", other.as_ref().err()),
            }
        }
    }

    /// Invalid UTF-8 inserted into the real files: a load error that says where.
    #[test]
    fn canonical_files_with_invalid_utf8(
        at in any::<prop::sample::Index>(),
        junk in bad_utf8(),
        which in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let (api, types) = if which {
            (with_bad_utf8(CANONICAL_API, at, &junk), CANONICAL_TYPES.as_bytes().to_vec())
        } else {
            (CANONICAL_API.as_bytes().to_vec(), with_bad_utf8(CANONICAL_TYPES, at, &junk))
        };
        let r = compile_files(dir.path(), &api, &types);
        check_compile_result(&r)?;
        match &r {
            Err(adcontract_schema::Error::Load(e)) => {
                prop_assert!(e.message.contains("UTF-8"), "{e}");
                prop_assert!(e.position.is_some(), "invalid UTF-8 reported without a line: {e}");
            }
            other => prop_assert!(false, "invalid UTF-8 was accepted: {:?}", other.as_ref().err()),
        }
    }
}

/// The canonical documents still compile through both routes (the mutation tests are only
/// meaningful if the unmutated input is accepted).
#[test]
fn unmutated_canonical_compiles() {
    compile(CANONICAL_API, CANONICAL_TYPES).expect("canonical compiles from memory");
    let dir = tempfile::tempdir().expect("tempdir");
    compile_files(
        dir.path(),
        CANONICAL_API.as_bytes(),
        CANONICAL_TYPES.as_bytes(),
    )
    .expect("canonical compiles from files");
}

/// A syntax error in the middle of the real file is reported at the right line.
#[test]
fn syntax_error_in_the_real_file_has_its_line() {
    let line = 40;
    let mut lines: Vec<&str> = CANONICAL_TYPES.lines().collect();
    lines.insert(line - 1, "  ,,");
    let types = lines.join("\n");
    match compile(CANONICAL_API, &types) {
        Err(adcontract_schema::Error::Load(e)) => {
            assert_eq!(e.position.map(|p| p.line), Some(line), "{e}");
            assert!(e.hint.is_some(), "{e}");
        }
        other => panic!("expected a load error, got {:?}", other.err()),
    }
}

/// Deep text as either document: the parser's depth limit is a syntax error with a position.
#[test]
fn deeply_nested_documents_are_syntax_errors() {
    let deep = "[".repeat(100_000);
    for (api, types) in [
        (deep.as_str(), CANONICAL_TYPES),
        (CANONICAL_API, deep.as_str()),
    ] {
        match compile(api, types) {
            Err(adcontract_schema::Error::Load(e)) => {
                assert!(e.position.is_some(), "{e}");
                assert!(e.message.contains("recursion limit"), "{e}");
            }
            other => panic!("expected a load error, got {:?}", other.err()),
        }
    }
}
