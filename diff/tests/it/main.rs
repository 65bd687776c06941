//! Integration tests of adcontract-diff.
