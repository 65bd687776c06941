//! `adcontract schema`: print one version view, emitted from the IR.

/// Arguments of `adcontract schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which view: 5.19, 5.24 or latest.
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Print the API description (methods and events) instead of the type schema.
    #[arg(long)]
    pub api: bool,
}

pub(crate) fn run(_args: &Args) -> u8 {
    eprintln!("adcontract schema: not implemented yet");
    super::EXIT_USAGE
}
