//! The fake desktop's own UI: the agent's state, the live interactions and buttons for the
//! fixtures. One page serves both APIs: API A's SDK puts it in an iframe in `mountRoot`, and it is
//! API B's `UniversalRepeater.jsp`, which learns its session from the page's SDK by
//! `postMessage` (the samples fix the iframe's URL, so it cannot carry the session).

const PANEL_HTML: &str = include_str!("panel.html");

/// The panel page, talking to the server at `server` (`ws://host:port`).
pub fn panel(server: &str) -> String {
    PANEL_HTML.replace("__SERVER__", &crate::ts::text::js_string(server))
}
