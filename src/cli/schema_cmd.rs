//! `adcontract schema`: print one version view, emitted from the IR.

use std::io::Write;

use adcontract_schema::emit;

/// Arguments of `adcontract schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which view: 5.19, 5.24 or latest.
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Print the API description (methods and events) instead of the type schema.
    #[arg(long)]
    pub api: bool,
    /// Print the JSON Schema of the API description file format instead.
    #[arg(long, hide = true, conflicts_with = "api")]
    pub meta: bool,
}

pub(crate) fn run(args: &Args) -> u8 {
    let text = match render(args) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("adcontract schema: {message}");
            return super::EXIT_USAGE;
        }
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not worth an error; anything else is reported.
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => super::EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => super::EXIT_OK,
        Err(e) => {
            eprintln!("adcontract schema: cannot write the output: {e}");
            super::EXIT_USAGE
        }
    }
}

/// The document the arguments ask for, as pretty JSON with a trailing newline.
fn render(args: &Args) -> Result<String, String> {
    let value = if args.meta {
        adcontract_schema::model::api::meta_schema()
    } else {
        let view = adcontract_schema::canonical()
            .view(&args.api_version)
            .map_err(|e| e.to_string())?;
        if args.api {
            emit::api_description(&view)
        } else {
            emit::types_schema(&view)
        }
    };
    Ok(emit::to_pretty(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(version: &str, api: bool, meta: bool) -> Args {
        Args {
            api_version: version.to_owned(),
            api,
            meta,
        }
    }

    #[test]
    fn prints_each_view() {
        for v in ["5.19", "5.24", "latest"] {
            let types: serde_json::Value =
                serde_json::from_str(&render(&args(v, false, false)).unwrap()).unwrap();
            assert_eq!(types["x-version"]["id"], v);
            assert!(types["$defs"]["InteractionData"].is_object());
            let api = render(&args(v, true, false)).unwrap();
            assert!(api.ends_with("}\n"));
            let api: serde_json::Value = serde_json::from_str(&api).unwrap();
            assert_eq!(api["apis"][0]["id"], "widget");
        }
    }

    #[test]
    fn unknown_version_is_a_usage_error() {
        let e = render(&args("5.20", false, false)).unwrap_err();
        assert_eq!(
            e,
            "unknown version `5.20` (known versions: 5.19, 5.24, latest)"
        );
        assert_eq!(run(&args("5.20", false, false)), super::super::EXIT_USAGE);
    }

    #[test]
    fn meta_prints_the_api_meta_schema() {
        let meta: serde_json::Value =
            serde_json::from_str(&render(&args("latest", false, true)).unwrap()).unwrap();
        assert_eq!(meta["title"], "ApiDocument");
    }
}
