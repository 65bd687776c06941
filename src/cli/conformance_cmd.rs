//! `adcontract simulate | replay | check | record`: the conformance suite's commands.

use std::path::PathBuf;

/// Arguments of `adcontract simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    #[arg(long, value_enum, default_value = "provider")]
    pub role: Role,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
}

/// Which side of the contract an implementation plays.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Role {
    Provider,
    Consumer,
}

/// Arguments of `adcontract replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// The implementation under test, as a command line ('CMD ARGS').
    #[arg(long = "impl", value_name = "CMD")]
    pub implementation: String,
    #[arg(required = true)]
    pub recordings: Vec<PathBuf>,
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
}

pub(crate) fn simulate(_a: &SimulateArgs) -> u8 {
    eprintln!("adcontract simulate: not implemented yet");
    super::EXIT_USAGE
}
pub(crate) fn replay(_a: &ReplayArgs) -> u8 {
    eprintln!("adcontract replay: not implemented yet");
    super::EXIT_USAGE
}
pub(crate) fn check(_a: &CheckArgs) -> u8 {
    eprintln!("adcontract check: not implemented yet");
    super::EXIT_USAGE
}
pub(crate) fn record(_c: &RecordCommand) -> u8 {
    eprintln!("adcontract record: not implemented yet");
    super::EXIT_USAGE
}
