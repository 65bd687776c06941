//! The work behind `adcontract simulate | replay | check | record import`, returning exit codes
//! (0 = conforms, 1 = violations, 2 = usage or input error). The CLI module only parses flags.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use adcontract_schema::ir::ApiId;

use crate::adapter::{Never, Side, serve};
use crate::contract::{Spec, SpecSource};
use crate::generate::stateful::{self, Settings};
use crate::import;
use crate::reference::simulate::{self, ModelProvider, ReferenceConsumer};
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

/// One input path of `replay`: a case ready to run, or an invalid recording (with every
/// problem found, each `FILE:line N: …`).
enum Input {
    Run {
        case: Case,
        spec: &'static Spec,
        warnings: Vec<String>,
    },
    Invalid(CaseResult),
}

impl Input {
    /// Reads `f` and checks it against the contract of its header, before anything runs.
    fn read(f: &Path, source: SpecSource) -> Input {
        let name = f.display().to_string();
        let at = |e: &recording::LineError| match e.line {
            0 => format!("{name}: {e}"),
            _ => format!("{name}:{e}"),
        };
        let reading = recording::read_file(f);
        let mut errors: Vec<String> = reading.errors.iter().map(at).collect();
        let mut warnings: Vec<String> = reading
            .warnings
            .iter()
            .map(|w| format!("{name}:line {}: warning: {}", w.line, w.message))
            .collect();
        let Some(rec) = reading.recording else {
            // Without a header there is no recording to hash: the id is the path's.
            let id = recording::case_id(&name);
            errors.append(&mut warnings);
            return Input::Invalid(CaseResult::invalid_input(name, id, errors));
        };
        let case = Case {
            name: name.clone(),
            recording: rec,
        };
        let spec = match source(&case.recording.header.api_version) {
            Ok(spec) => Some(spec),
            Err(e) => {
                errors.push(format!(
                    "{name}:line {}: /apiVersion: {e}",
                    reading.header_line
                ));
                None
            }
        };
        if let Some(spec) = spec {
            // One list in line order: the reader's problems and the contract's.
            let mut all = reading.errors.clone();
            all.extend(crate::wire::vet::vet(
                &case.recording,
                &reading.entry_lines,
                spec,
            ));
            all.sort_by_key(|e| e.line);
            errors = all.iter().map(at).collect();
        }
        match spec {
            Some(spec) if errors.is_empty() => Input::Run {
                case,
                spec,
                warnings,
            },
            _ => {
                errors.append(&mut warnings);
                Input::Invalid(CaseResult::invalid_input(name, case.id(), errors))
            }
        }
    }

    fn id(&self) -> String {
        match self {
            Input::Run { case, .. } => case.id(),
            Input::Invalid(r) => r.id.clone(),
        }
    }
}

fn exit_for(results: &[CaseResult], input_errors: bool) -> u8 {
    if input_errors
        || results
            .iter()
            .any(|r| r.verdict == runner::Verdict::InvalidRecording)
    {
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
    // Every input path becomes a case of every report, in the order given: a run or the
    // problems that kept it from running.
    let mut inputs: Vec<Input> = files.iter().map(|f| Input::read(f, source)).collect();
    inputs.retain(|i| partition.is_none_or(|p| p.keeps(&i.id())));
    let mut harness = Harness::new(impl_cmd, role, limits);
    let mut results = Vec::new();
    for input in inputs {
        match input {
            Input::Run {
                case,
                spec,
                warnings,
            } => {
                for w in &warnings {
                    eprintln!("{w}");
                }
                let mut r = runner::run_case(&mut harness, spec, &case, role, Mode::Replay);
                r.problems = warnings;
                results.push(r);
            }
            Input::Invalid(r) => {
                for p in &r.problems {
                    eprintln!("{p}");
                }
                results.push(r);
            }
        }
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
    // A failed handshake is one case of its own: no generated case can reach the implementation.
    let handshake = runner::handshake_case(&mut harness, "check handshake");
    let apis = if handshake.is_some() { &[][..] } else { apis };
    results.extend(handshake);
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
    let (bytes, bom) = recording::strip_bom(&bytes);
    let (text, mut errors) = recording::utf8_lines(bytes);
    let out = import::import_with(spec, &text, &input.display().to_string(), options);
    errors.extend(out.errors);
    // One list in line order, so a line's error and warnings read together.
    let mut problems: Vec<(usize, String)> = errors
        .iter()
        .map(|e| (e.line, e.to_string()))
        .chain(
            bom.iter()
                .chain(&out.warnings)
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
