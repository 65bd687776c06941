//! The vendor's `ResultErrorCodes`: the name-to-code table the Agent Desktop answers with, and
//! the `OperationResult` failure built from it.

use serde_json::{Value, json};

/// `ResultErrorCodes` as the vendor types list them: the fallback when a view has no coded
/// `ResultErrorName` enum, and the table of the suite's own small test view.
pub(crate) const RESULT_ERROR_CODES: &[(&str, i64)] = &[
    ("not_enough_privileges", 1),
    ("not_logged_in", 2),
    ("invalid_args", 3),
    ("logged_without_phone", 4),
    ("banned", 5),
    ("api_not_answer", 6),
    ("invalid_request", 7),
    ("timeout", 8),
    ("no_chat_in_service", 9),
    ("empty_number", 10),
    ("no_service", 11),
    ("self_call", 12),
    ("no_interaction", 13),
    ("api_method_not_implemented", 14),
    ("not_suitable_state", 15),
    ("no_disposition", 16),
    ("object_not_found", 17),
    ("no_permissions_did_sms", 18),
    ("no_permissions_did_call", 19),
    ("no_channel_in_service", 20),
    ("unknown_error", 99),
];

/// The vendor's code for a `ResultErrorCodes` name.
pub fn builtin_error_code(name: &str) -> Option<i64> {
    RESULT_ERROR_CODES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

/// The `OperationResult` failure with error `name` and its vendor code, as the Agent Desktop
/// answers it.
pub fn error_result(name: &str) -> Value {
    let code = builtin_error_code(name).unwrap_or(99);
    json!({ "status": "error", "error": { "code": code, "name": name, "message": name.replace('_', " ") } })
}
