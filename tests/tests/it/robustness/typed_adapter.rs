//! The typed Rust adapter (`adapter::typed`, over `examples/typed_desktop`) on arbitrary calls,
//! fixtures and answers.

use super::*;

/// The example's typed desktop, so the typed adapter is swept over real generated bindings.
#[allow(dead_code)]
#[path = "../../../../examples/typed_desktop/desktop.rs"]
mod desktop;

fn typed_provider() -> impl adcontract_conformance::adapter::Provider {
    use adcontract::latest::{embedded, widget};
    use adcontract_conformance::adapter::typed::{Pair, TypedProvider};
    use adcontract_schema::ir::ApiId;
    Pair::new(
        TypedProvider::new(widget::Binding, desktop::Desktop::new(ApiId::Widget, false)),
        TypedProvider::new(
            embedded::Binding,
            desktop::Desktop::new(ApiId::Embedded, false),
        ),
    )
}

/// A call of the latest view: a real method with contract-valid arguments (most of the time,
/// so the calls reach the generated traits), or any name with junk arguments.
fn arb_call() -> BoxedStrategy<Command> {
    let Ok(spec) = canonical_source("latest") else {
        return Just(Command::View {}).boxed();
    };
    let methods: Vec<&'static adcontract_schema::ir::Method> =
        spec.ir.apis.iter().flat_map(|a| a.methods.iter()).collect();
    let valid = prop::sample::select(methods).prop_flat_map(move |m| {
        let args: Vec<BoxedStrategy<Value>> = m
            .params
            .iter()
            .map(|p| adcontract_conformance::generate::strategy::valid(spec, &p.shape))
            .collect();
        (Just(m.name.clone()), args)
    });
    let junk = (
        prop_oneof![
            Just("noSuchMethod".to_string()),
            prop::sample::select(
                spec.ir
                    .apis
                    .iter()
                    .flat_map(|a| a.methods.iter().map(|m| m.name.clone()))
                    .collect::<Vec<_>>()
            ),
        ],
        prop::collection::vec(arb_json(), 0..3),
    );
    prop_oneof![
        3 => valid.prop_map(|(method, args)| Command::Call { method, args }),
        1 => junk.prop_map(|(method, args)| Command::Call { method, args }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(48))]

    /// Arbitrary calls (real method names, junk arguments), fixtures and answers through the
    /// typed adapter: every request gets a reply, nothing panics. Junk arguments stop at the
    /// SDK boundary (`invalid_args`); the rest reaches the generated traits.
    #[test]
    fn the_typed_adapter_answers_arbitrary_requests(
        api in prop::sample::select(vec!["widget", "embedded"]),
        steps in prop::collection::vec(prop_oneof![
            4 => arb_call(),
            1 => (prop::sample::select(vec!["login", "offer", "accept", "remoteEnd", "emit", "nope"]), arb_json())
                .prop_map(|(f, args)| Command::Fixture { fixture: f.into(), args }),
            1 => Just(Command::Fixture { fixture: "login".into(), args: json!({}) }),
            1 => (prop::sample::select(vec!["ON_GET_KNOWLEDGE_BASE_ARTICLE", "ON_REQUEST_TRANSFER_DATA", "ON_X"]), arb_json())
                .prop_map(|(e, response)| Command::Answer { event: e.into(), response }),
        ], 0..16),
    ) {
        let mut commands = vec![
            Command::Start { protocol: 1, role: Role::Provider },
            Command::Reset { api: api.into(), api_version: "latest".into() },
        ];
        commands.extend(steps);
        let mut input = Vec::new();
        for (i, command) in commands.into_iter().enumerate() {
            let line = serde_json::to_string(&Request { id: i as u64 + 1, command }).expect("a request serializes");
            input.extend(line.into_bytes());
            input.push(b'\n');
        }
        let mut side: Side<_, Never> = Side::Provider(typed_provider());
        let mut out = Vec::new();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| serve(&mut side, &input[..], &mut out, None)));
        prop_assert!(r.is_ok(), "the typed adapter panicked on {}", String::from_utf8_lossy(&input));
        let replies = String::from_utf8_lossy(&out).lines().count();
        prop_assert_eq!(replies, input.iter().filter(|&&b| b == b'\n').count());
    }
}
