//! `adcontract generate rust|typescript`.

use std::path::PathBuf;

/// What to generate.
#[derive(Debug, clap::Subcommand)]
pub enum Target {
    /// Rust bindings as one file.
    Rust(RustArgs),
    /// A TypeScript npm package (types + runtime validators).
    Typescript(TsArgs),
}

/// Arguments of `adcontract generate rust`.
#[derive(Debug, clap::Args)]
pub struct RustArgs {
    /// A schema file (API description); default: the embedded canonical schema.
    #[arg(long)]
    pub schema: Option<PathBuf>,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    #[arg(long)]
    pub out: PathBuf,
    /// Do not write: exit 1 with a diff when FILE is stale.
    #[arg(long)]
    pub check: bool,
}

/// Arguments of `adcontract generate typescript`.
#[derive(Debug, clap::Args)]
pub struct TsArgs {
    #[arg(long)]
    pub schema: Option<PathBuf>,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub check: bool,
}

pub(crate) fn run(_target: &Target) -> u8 {
    eprintln!("adcontract generate: not implemented yet");
    super::EXIT_USAGE
}
