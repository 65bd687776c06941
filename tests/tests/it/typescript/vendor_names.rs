//! Every name the vendor's types file exports at a view (the table of
//! `../shared/reference/vendor-exports.md`) is declared in that view's vendor-shaped file
//! (`ts/usage/<view>/vendor.d.ts`) and checked against adcontract's package in both directions by
//! its `vendor-compat.ts` (an `Eq<…>` that names `V.<name>`). The compiler run in `tsc.rs` then
//! proves each check; this test proves no name was left unchecked.

use super::common::{VIEWS, root, ts_dir};

/// One row of the reference table: the exported name and, per view in [`VIEWS`] order, whether
/// the vendor's file of that view exports it.
#[derive(Debug)]
struct Export {
    name: String,
    kind: String,
    in_view: [bool; 3],
}

fn exports() -> Vec<Export> {
    let path = root().join("../shared/reference/vendor-exports.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared facts sit beside the repository)",
            path.display()
        )
    });
    let mut out = Vec::new();
    for line in text.lines() {
        // | `name<…>` | kind | 5.19 | 5.24 | latest | shape |
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 7 || !cells[1].starts_with('`') {
            continue;
        }
        let quoted = cells[1].trim_matches('`');
        let name: String = quoted
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        let tick = |c: &str| c.contains('✔');
        out.push(Export {
            name,
            kind: cells[2].to_owned(),
            in_view: [tick(cells[3]), tick(cells[4]), tick(cells[5])],
        });
    }
    out
}

/// Whether `text` has `needle` followed by something that cannot continue an identifier.
fn has_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        !text[i + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    })
}

#[test]
fn every_vendor_name_of_every_view_is_declared_and_checked_both_ways() {
    let all = exports();
    assert!(
        all.len() > 100,
        "the reference table was not read: {} rows",
        all.len()
    );
    let mut problems = Vec::new();
    for (i, view) in VIEWS.iter().enumerate() {
        let dir = ts_dir().join("usage").join(view);
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("usage file");
        let declared = read("vendor.d.ts");
        let compat = read("vendor-compat.ts");
        let checks: Vec<&str> = compat.lines().filter(|l| l.contains("Eq<")).collect();
        let listed: Vec<&Export> = all.iter().filter(|e| e.in_view[i]).collect();
        for e in &listed {
            let decl = match e.kind.as_str() {
                "const" => format!("export declare const {}:", e.name),
                "class" => format!("export declare class {}", e.name),
                _ => format!("export type {}", e.name),
            };
            if !has_word(&declared, &decl) {
                problems.push(format!("{view}: vendor.d.ts does not declare `{}`", e.name));
            }
            let used = format!("V.{}", e.name);
            if !checks.iter().any(|l| has_word(l, &used)) {
                problems.push(format!(
                    "{view}: vendor-compat.ts has no `Eq` check of `{}`",
                    e.name
                ));
            }
        }
        eprintln!("{view}: {} vendor names checked", listed.len());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
