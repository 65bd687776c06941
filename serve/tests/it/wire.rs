//! The server in-process, spoken to over real WebSockets and HTTP.
