//! What the process-level suites share: the scripted recordings and the simulator command.

use std::path::{Path, PathBuf};

use adcontract_conformance::run::runner::Case;
use adcontract_conformance::wire::recording;

/// The simulator on the hand-made fixture view (`contract::handmade`), as a harness command.
pub(crate) fn simulator() -> String {
    format!(
        "{} --contract fixture",
        env!("CARGO_BIN_EXE_adcontract-simulate")
    )
}

/// The scripted recordings (`a*`, `b*`): they fit the hand-made view the mutants run on, unlike
/// the coverage recordings (`c*`, every method of the canonical view) and the imported SDK logs
/// (`i*`, whose API B recording methods the hand-made view leaves out).
pub(crate) fn scripted_corpus() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('a') || n.starts_with('b'))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            recording::read(&f).0.map(|r| Case {
                name: f.display().to_string(),
                recording: r,
            })
        })
        .collect()
}
