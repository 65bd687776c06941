//! `adcontract simulate | replay | check | record`: the conformance suite's commands.
//!
//! Flags are parsed here; the work is in `adcontract_conformance::cli`.

use std::path::PathBuf;
use std::time::Duration;

use adcontract_conformance::cli::{self, Output};
use adcontract_conformance::contract::SpecSource;
use adcontract_conformance::import;
use adcontract_conformance::run::process::Limits;
use adcontract_conformance::run::report::Partition;
use adcontract_conformance::wire::protocol;
use adcontract_schema::ir::ApiId;

/// Where the contract views come from.
fn source() -> SpecSource {
    adcontract_conformance::contract::canonical_source
}

/// Arguments of `adcontract simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    #[arg(long, value_enum, default_value = "provider")]
    pub role: Role,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Behave like one of the deliberately broken implementations (for testing the suite).
    #[arg(long, hide = true)]
    pub mutant: Option<String>,
}

/// Which side of the contract an implementation plays.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Role {
    Provider,
    Consumer,
}

impl From<Role> for protocol::Role {
    fn from(r: Role) -> Self {
        match r {
            Role::Provider => protocol::Role::Provider,
            Role::Consumer => protocol::Role::Consumer,
        }
    }
}

/// Supervision and report flags shared by `replay` and `check`.
#[derive(Debug, clap::Args)]
pub struct RunFlags {
    /// Which side the implementation plays.
    #[arg(long, value_enum, default_value = "provider")]
    pub role: Role,
    /// Deadline for each reply, in milliseconds.
    #[arg(long, default_value_t = 5000)]
    pub timeout_ms: u64,
    /// Deadline for the handshake reply, in milliseconds.
    #[arg(long, default_value_t = 10000)]
    pub startup_timeout_ms: u64,
    /// How many times a crashed or hung implementation is restarted.
    #[arg(long, default_value_t = 3)]
    pub max_restarts: u32,
    /// Write a JUnit XML report.
    #[arg(long)]
    pub junit: Option<PathBuf>,
    /// Write one JSON line per case.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Write a Markdown summary (for $GITHUB_STEP_SUMMARY).
    #[arg(long)]
    pub markdown: Option<PathBuf>,
}

impl RunFlags {
    fn limits(&self) -> Limits {
        Limits {
            message: Duration::from_millis(self.timeout_ms),
            startup: Duration::from_millis(self.startup_timeout_ms),
            max_restarts: self.max_restarts,
            ..Limits::default()
        }
    }

    fn output(&self) -> Output {
        Output {
            junit: self.junit.clone(),
            json: self.json.clone(),
            markdown: self.markdown.clone(),
            quiet: false,
        }
    }
}

/// Arguments of `adcontract replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// The implementation under test, as a command line ('CMD ARGS').
    #[arg(long = "impl", value_name = "CMD")]
    pub implementation: String,
    #[arg(required = true)]
    pub recordings: Vec<PathBuf>,
    /// Run only the cases whose id falls in shard M of N (`hash:M/N`).
    #[arg(long)]
    pub partition: Option<Partition>,
    #[command(flatten)]
    pub run: RunFlags,
}

/// Which API `check` exercises.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ApiChoice {
    Widget,
    Embedded,
    Both,
}

/// Arguments of `adcontract check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[arg(long = "impl", value_name = "CMD")]
    pub implementation: String,
    #[arg(long, default_value_t = 256)]
    pub cases: u32,
    #[arg(long)]
    pub seed: Option<u64>,
    #[arg(long)]
    pub save_failures: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "both")]
    pub api: ApiChoice,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Longest generated sequence of fixtures, calls and answers.
    #[arg(long, default_value_t = 24)]
    pub max_steps: usize,
    #[command(flatten)]
    pub run: RunFlags,
}

/// `adcontract record …`.
#[derive(Debug, clap::Subcommand)]
pub enum RecordCommand {
    /// Turn SDK message logs into a recording.
    Import(ImportArgs),
}

/// Arguments of `adcontract record import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    pub input: PathBuf,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Write the recording here instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Transcribe the log only: no fixtures inferred, no `re` links (a recording for consumer
    /// replays; a provider replay needs the fixtures).
    #[arg(long)]
    pub no_fixtures: bool,
}

pub(crate) fn simulate(a: &SimulateArgs) -> u8 {
    // The version is chosen per case by the runner's `reset`; --api-version only checks that
    // the version exists, so a typo fails fast.
    if let Err(e) = source()(&a.api_version) {
        eprintln!("adcontract simulate: {e}");
        return super::EXIT_USAGE;
    }
    cli::simulate(a.role.into(), a.mutant.as_deref(), source())
}

pub(crate) fn replay(a: &ReplayArgs) -> u8 {
    cli::replay(
        &a.implementation,
        &a.recordings,
        a.run.role.into(),
        a.run.limits(),
        a.partition,
        &a.run.output(),
        source(),
    )
}

pub(crate) fn check(a: &CheckArgs) -> u8 {
    let apis: &[ApiId] = match a.api {
        ApiChoice::Widget => &[ApiId::Widget],
        ApiChoice::Embedded => &[ApiId::Embedded],
        ApiChoice::Both => &[ApiId::Widget, ApiId::Embedded],
    };
    cli::check(
        &a.implementation,
        a.cases,
        a.seed,
        a.save_failures.as_deref(),
        &a.api_version,
        apis,
        a.run.role.into(),
        a.run.limits(),
        a.max_steps,
        &a.run.output(),
        source(),
    )
}

pub(crate) fn record(c: &RecordCommand) -> u8 {
    match c {
        RecordCommand::Import(a) => cli::import(
            &a.input,
            &a.api_version,
            a.output.as_deref(),
            source(),
            import::Options {
                fixtures: !a.no_fixtures,
            },
        ),
    }
}
