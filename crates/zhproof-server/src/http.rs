//! Routes, handlers and the JSON error answers.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request as HttpRequest, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::Serialize;

use crate::api::{self, ApiError};
use crate::assets;
use crate::engine::{Engine, Operation, Outcome};

/// Every API route and its method, as the OpenAPI document lists them.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("/api/v1/check", "post"),
    ("/api/v1/fix", "post"),
    ("/api/v1/mask", "post"),
    ("/api/v1/rules", "get"),
    ("/api/v1/health", "get"),
    ("/api/v1/openapi.json", "get"),
];

pub(crate) fn router(engine: Arc<Engine>) -> Router {
    let limit = engine.config().max_body_bytes;
    let only = |m: MethodRouter<Arc<Engine>>, allowed: &'static str| {
        m.fallback(move || async move { error(&ApiError::MethodNotAllowed(allowed)) })
    };
    let mut r = Router::new();
    for &(path, method) in API_ROUTES {
        let m = match path {
            "/api/v1/check" => post(check),
            "/api/v1/fix" => post(fix),
            "/api/v1/mask" => post(mask),
            "/api/v1/rules" => get(rules),
            "/api/v1/health" => get(health),
            "/api/v1/openapi.json" => get(openapi),
            _ => unreachable!("every API route has a handler"),
        };
        r = r.route(path, only(m, if method == "post" { "POST" } else { "GET" }));
    }
    for &(path, _, _) in assets::FILES {
        r = r.route(path, only(get(asset), "GET"));
    }
    r.fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(engine.clone(), limits))
        .with_state(engine)
}

/// The request timeout, and headers every answer carries.
async fn limits(State(engine): State<Arc<Engine>>, req: HttpRequest, next: Next) -> Response {
    let timeout = engine.config().timeout;
    let mut res = match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => error(&ApiError::Timeout {
            seconds: timeout.as_secs().max(1),
        }),
    };
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // Answers may contain personal data: no cache may keep them.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    res
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(_) => error(&ApiError::Internal),
    }
}

pub(crate) fn error(e: &ApiError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = json(status, &e.body());
    if matches!(e, ApiError::Overloaded) {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    res
}

async fn not_found(method: Method, uri: Uri) -> Response {
    error(&ApiError::NotFound(format!("{method} {}", uri.path())))
}

/// Reads a JSON request body: the media type, the size limit, then [`api::parse_request`].
fn read(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<api::Request, ApiError> {
    if let Some(ct) = headers.get(header::CONTENT_TYPE) {
        let essence = ct
            .to_str()
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" {
            return Err(ApiError::UnsupportedMediaType);
        }
    }
    let body = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge { limit }
        } else {
            ApiError::InvalidRequest(r.body_text())
        }
    })?;
    api::parse_request(&body)
}

async fn run(
    engine: Arc<Engine>,
    op: Operation,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let req = match read(&headers, body, engine.config().max_body_bytes) {
        Ok(r) => r,
        Err(e) => return error(&e),
    };
    match engine.run(op, req).await {
        Ok(Outcome::Check(r)) => json(StatusCode::OK, &r),
        Ok(Outcome::Text(r)) => json(StatusCode::OK, &r),
        Err(e) => error(&e),
    }
}

async fn check(
    State(engine): State<Arc<Engine>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    run(engine, Operation::Check, headers, body).await
}

async fn fix(
    State(engine): State<Arc<Engine>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    run(engine, Operation::Fix, headers, body).await
}

async fn mask(
    State(engine): State<Arc<Engine>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    run(engine, Operation::Mask, headers, body).await
}

#[derive(Serialize)]
struct KindInfo {
    id: &'static str,
    label: &'static str,
}

async fn rules(State(engine): State<Arc<Engine>>) -> Response {
    let kinds: Vec<KindInfo> = zhproof::Kind::ALL
        .iter()
        .map(|k| KindInfo {
            id: k.as_str(),
            label: k.label(),
        })
        .collect();
    json(
        StatusCode::OK,
        &serde_json::json!({
            "version": env!("CARGO_PKG_VERSION"),
            "kinds": kinds,
            "rules": engine.rules(),
        }),
    )
}

async fn health(State(engine): State<Arc<Engine>>) -> Response {
    let c = engine.config();
    json(
        StatusCode::OK,
        &serde_json::json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "as_of": engine.default_as_of().to_string(),
            "dictionaries": c.dictionaries.keys().collect::<Vec<_>>(),
            "formats": ["text"],
            "max_body_bytes": c.max_body_bytes,
            "workers": c.workers,
        }),
    )
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        assets::OPENAPI,
    )
        .into_response()
}

async fn asset(uri: Uri) -> Response {
    match assets::FILES.iter().find(|(p, _, _)| *p == uri.path()) {
        Some(&(_, mime, body)) => {
            let mut res = Response::new(Body::from(body));
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'self'; img-src 'self' data:; object-src 'none'; \
                     base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
                ),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            res
        }
        None => error(&ApiError::NotFound(uri.path().to_string())),
    }
}
