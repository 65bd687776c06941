//! The work behind `adcontract simulate | replay | check | record import`, returning exit codes
//! (0 = conforms, 1 = violations, 2 = usage or input error). The CLI module only parses flags.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use adcontract_schema::ir::ApiId;

use crate::adapter::{Never, Side, serve};
use crate::contract::Spec;
use crate::generate::stateful::{self, Settings};
use crate::import;
use crate::reference::simulate::{self, ModelProvider, ReferenceConsumer, SpecSource};
use crate::run::process::{Harness, Limits};
use crate::run::report::{self, Partition};
use crate::run::runner::{self, Case, CaseResult, Mode};
use crate::wire::protocol::Role;
use crate::wire::recording;

pub const EXIT_OK: u8 = 0;
pub const EXIT_VIOLATIONS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Report destinations and run options shared by `replay` and `check`.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub junit: Option<PathBuf>,
    pub json: Option<PathBuf>,
    pub markdown: Option<PathBuf>,
    /// Leave timings out of JUnit (for reproducible files).
    pub quiet: bool,
}

/// Runs a reference implementation on stdin/stdout.
pub fn simulate(role: Role, mutant: Option<&str>, source: SpecSource) -> u8 {
    let m = match mutant {
        None => None,
        Some(name) => match simulate::mutant(name) {
            Some(m) => Some(m),
            None => {
                let names: Vec<&str> = simulate::MUTANTS.iter().map(|(n, _, _)| *n).collect();
                eprintln!(
                    "adcontract simulate: unknown mutant {name:?}; known: {}",
                    names.join(", ")
                );
                return EXIT_USAGE;
            }
        },
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut tamper = simulate::tamper(m);
    let r = match role {
        Role::Provider => serve::<_, Never>(
            &mut Side::Provider(ModelProvider::new(source, m)),
            stdin.lock(),
            stdout.lock(),
            Some(&mut tamper),
        ),
        Role::Consumer => serve::<Never, _>(
            &mut Side::Consumer(ReferenceConsumer::new(source)),
            stdin.lock(),
            stdout.lock(),
            Some(&mut tamper),
        ),
    };
    match r {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("adcontract simulate: {e}");
            EXIT_USAGE
        }
    }
}

fn write_reports(results: &[CaseResult], out: &Output, title: &str) -> bool {
    let mut ok = true;
    let mut put = |p: &Option<PathBuf>, text: String| {
        if let Some(p) = p {
            if let Err(e) = std::fs::write(p, text) {
                eprintln!("cannot write {}: {e}", p.display());
                ok = false;
            }
        }
    };
    put(&out.junit, report::junit(results, title, !out.quiet));
    put(&out.json, report::json_lines(results));
    put(&out.markdown, report::markdown(results, title));
    ok
}

fn exit_for(results: &[CaseResult], input_errors: bool) -> u8 {
    if input_errors {
        EXIT_USAGE
    } else if results.iter().any(|r| r.verdict.is_failure()) {
        EXIT_VIOLATIONS
    } else {
        EXIT_OK
    }
}

/// Replays recordings against an implementation.
pub fn replay(
    impl_cmd: &str,
    files: &[PathBuf],
    role: Role,
    limits: Limits,
    partition: Option<Partition>,
    out: &Output,
    source: SpecSource,
) -> u8 {
    let mut input_errors = false;
    let mut cases = Vec::new();
    for f in files {
        let (rec, errors) = recording::read(f);
        for e in &errors {
            eprintln!("{}:{e}", f.display());
        }
        if !errors.is_empty() {
            input_errors = true;
        }
        if let Some(rec) = rec {
            cases.push(Case {
                name: f.display().to_string(),
                recording: rec,
            });
        }
    }
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| partition.is_none_or(|p| p.keeps(&c.id())))
        .collect();
    let mut harness = Harness::new(impl_cmd, role, limits);
    let mut results = Vec::new();
    for case in &cases {
        let spec = match source(&case.recording.header.api_version) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: {e}", case.name);
                input_errors = true;
                continue;
            }
        };
        results.push(runner::run_case(
            &mut harness,
            spec,
            case,
            role,
            Mode::Replay,
        ));
    }
    harness.stop();
    print!("{}", report::human(&results, "replay"));
    if !write_reports(&results, out, "adcontract replay") {
        input_errors = true;
    }
    exit_for(&results, input_errors)
}

/// Property and stateful tests against an implementation.
#[allow(clippy::too_many_arguments)]
pub fn check(
    impl_cmd: &str,
    cases: u32,
    seed: Option<u64>,
    save: Option<&Path>,
    api_version: &str,
    apis: &[ApiId],
    role: Role,
    limits: Limits,
    max_steps: usize,
    out: &Output,
    source: SpecSource,
) -> u8 {
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    });
    let spec: &'static Spec = match source(api_version) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("adcontract check: {e}");
            return EXIT_USAGE;
        }
    };
    println!(
        "adcontract check: seed {seed} (rerun with --seed {seed}), {cases} cases per API, version {api_version}"
    );
    let mut harness = Harness::new(impl_cmd, role, limits);
    let mut results = Vec::new();
    let mut input_errors = false;
    for &api in apis {
        let t = Instant::now();
        let per_api = Settings {
            cases,
            seed,
            max_steps,
            api,
            role,
        };
        let o = stateful::run(&mut harness, spec, &per_api);
        println!(
            "  {}: coverage: {}",
            crate::contract::api_name(api),
            o.coverage.summary(spec, api)
        );
        let mut r = o.result;
        r.millis = t.elapsed().as_millis();
        println!(
            "  {}: {} generated cases in {:.2} s ({:.0} cases/s)",
            crate::contract::api_name(api),
            o.executed,
            t.elapsed().as_secs_f64(),
            o.executed as f64 / t.elapsed().as_secs_f64().max(1e-9)
        );
        if let (Some(rec), Some(dir)) = (&o.failure, save) {
            let name = format!(
                "check-{}-{seed}-{}.jsonl",
                crate::contract::api_name(api),
                &r.id
            );
            let path = dir.join(name);
            let written =
                std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, rec.to_jsonl()));
            match written {
                Ok(()) => {
                    r.message = Some(format!("minimal failing case saved to {}", path.display()))
                }
                Err(e) => {
                    eprintln!("cannot save {}: {e}", path.display());
                    input_errors = true;
                }
            }
        } else if let Some(rec) = &o.failure {
            r.message = Some(format!(
                "minimal failing case ({} entries); use --save-failures DIR to keep it",
                rec.entries.len()
            ));
        }
        results.push(r);
    }
    harness.stop();
    print!("{}", report::human(&results, "check"));
    if !write_reports(&results, out, "adcontract check") {
        input_errors = true;
    }
    exit_for(&results, input_errors)
}

/// Imports an SDK message log and writes the recording to `output` (or stdout). Errors and
/// warnings go to stderr as `FILE:line N: …`, in line order; the exit code is 2 when a line could
/// not be used (warnings alone leave it 0).
pub fn import(
    input: &Path,
    api_version: &str,
    output: Option<&Path>,
    source: SpecSource,
    options: import::Options,
) -> u8 {
    let spec = match source(api_version) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("adcontract record import: {e}");
            return EXIT_USAGE;
        }
    };
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", input.display());
            return EXIT_USAGE;
        }
    };
    let (text, mut errors) = recording::utf8_lines(&bytes);
    let out = import::import_with(spec, &text, &input.display().to_string(), options);
    errors.extend(out.errors);
    // One list in line order, so a line's error and warnings read together.
    let mut problems: Vec<(usize, String)> = errors
        .iter()
        .map(|e| (e.line, e.to_string()))
        .chain(
            out.warnings
                .iter()
                .map(|w| (w.line, format!("line {}: warning: {}", w.line, w.message))),
        )
        .collect();
    problems.sort_by_key(|(line, _)| *line);
    for (_, p) in &problems {
        eprintln!("{}:{p}", input.display());
    }
    let Some(rec) = out.recording else {
        return EXIT_USAGE;
    };
    let text = rec.to_jsonl();
    let written = match output {
        Some(p) => std::fs::write(p, text),
        None => std::io::stdout().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("cannot write: {e}");
        return EXIT_USAGE;
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_USAGE
    }
}
