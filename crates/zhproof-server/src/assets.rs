//! The page and the OpenAPI document, embedded in the binary (no CDN, works offline).

/// `(path, content type, body)` of every file of the page.
pub(crate) const FILES: &[(&str, &str, &str)] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("../assets/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_str!("../assets/style.css"),
    ),
];

/// The OpenAPI 3 description of the API (kept in sync by `tests/api.rs`).
pub(crate) const OPENAPI: &str = include_str!("../assets/openapi.json");
