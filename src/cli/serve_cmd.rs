//! `adcontract serve`: flags here, the server in `adcontract_serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Arguments of `adcontract serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The contract version whose SDKs are served: 5.19, 5.24 or latest.
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Address to listen on. Only a loopback address is used unless named here.
    #[arg(long, default_value = "127.0.0.1:8137")]
    pub listen: SocketAddr,
    /// Answer as this recording says instead of running the reference model.
    #[arg(long, value_name = "RECORDING")]
    pub play: Option<PathBuf>,
    /// Save every session here as a recording when it ends (and accept recordings posted to
    /// /control/recordings).
    #[arg(long, value_name = "DIR")]
    pub record_dir: Option<PathBuf>,
}

pub(crate) fn run(a: &Args) -> u8 {
    adcontract_serve::run(adcontract_serve::Config {
        api_version: a.api_version.clone(),
        listen: a.listen,
        play: a.play.clone(),
        record_dir: a.record_dir.clone(),
        source: adcontract_conformance::contract::canonical_source,
    })
}
