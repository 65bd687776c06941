//! A fake Agent Desktop written against the generated Rust bindings and served as a conformance
//! harness: the way to test your own Rust implementation in CI.
//!
//! ```text
//! cargo build --example typed_desktop
//! adcontract replay --impl target/debug/examples/typed_desktop conformance/corpus/*.jsonl
//! adcontract check  --impl target/debug/examples/typed_desktop --cases 200
//! ```
//!
//! What is typed, and what is borrowed. The two desktops below implement the generated
//! `adcontract::latest::widget::AgentDesktop` and `embedded::AgentDesktop` traits: arguments
//! arrive as the bindings' types, answers leave as them, and events are handed over as typed
//! `Event`s. To keep the example short, the behaviour behind those types is adcontract's
//! reference model: each typed call is serialized back to JSON and answered by `Model`. A real
//! fake puts its own logic in the method bodies and keeps the rest.
//!
//! `chat-muted` as an argument plants a bug in the typed layer: chat interactions are reported
//! with `callMuted: true`, which the suite rejects (rule `AD-NONVOICE-CALL-FLAGS`).

mod desktop;

use adcontract::latest::{embedded, widget};
use adcontract::schema::ir::ApiId;
use adcontract_conformance::adapter::{
    self,
    typed::{Pair, TypedProvider},
};
use desktop::Desktop;

fn main() -> std::io::Result<()> {
    let broken = std::env::args().any(|a| a == "chat-muted");
    let widget = TypedProvider::new(widget::Binding, Desktop::new(ApiId::Widget, broken))
        .named("typed-desktop-widget", env!("CARGO_PKG_VERSION"));
    let embedded = TypedProvider::new(embedded::Binding, Desktop::new(ApiId::Embedded, broken))
        .named("typed-desktop-embedded", env!("CARGO_PKG_VERSION"));
    adapter::serve_provider(Pair::new(widget, embedded))
}
