//! `adcontract validate`: stream instances through the IR-driven validator.

use std::path::PathBuf;

/// Arguments of `adcontract validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The type to validate against, e.g. InteractionData.
    #[arg(long = "type", value_name = "NAME")]
    pub type_name: String,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Treat undeclared properties as errors instead of warnings.
    #[arg(long)]
    pub deny_unknown: bool,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// `.json` files (one value) or `.jsonl` files (one value per line).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Output format of problems.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub(crate) fn run(_args: &Args) -> u8 {
    eprintln!("adcontract validate: not implemented yet");
    super::EXIT_USAGE
}
