//! `adcontract report`: the API surface report of one view (`adcontract_diff::surface`).

/// Arguments of `adcontract report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which view: a canonical version (5.19, 5.24, latest) or PATH[@VERSION] of an API
    /// description file.
    #[arg(long, default_value = "latest")]
    pub api_version: String,
}

pub(crate) fn run(args: &Args) -> u8 {
    let side = match adcontract_diff::resolve_side(&args.api_version) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("adcontract report: {e}");
            return super::EXIT_USAGE;
        }
    };
    super::diff_cmd::print(&adcontract_diff::surface::report(&side), "report")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_version_is_a_usage_error() {
        let a = Args {
            api_version: "5.20".into(),
        };
        assert_eq!(run(&a), super::super::EXIT_USAGE);
    }
}
