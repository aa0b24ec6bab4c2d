//! # zhproof-server
//!
//! `zhproof serve`: a JSON API over [`zhproof`] and a proofreading page for editors, both served by
//! one small HTTP server (axum on tokio) meant to run on an editor's machine or an office server.
//!
//! | method and path          | what it does                                                |
//! |--------------------------|-------------------------------------------------------------|
//! | `GET /`                  | the proofreading page (its assets are embedded)             |
//! | `POST /api/v1/check`     | findings, in the CLI's JSON form                            |
//! | `POST /api/v1/fix`       | the text with safe (or, on request, unsafe) fixes applied   |
//! | `POST /api/v1/mask`      | the text with personal data masked                          |
//! | `GET /api/v1/rules`      | the rule registry                                           |
//! | `GET /api/v1/health`     | liveness, version, default date, named dictionaries         |
//! | `GET /api/v1/openapi.json` | the OpenAPI 3 description of the above                    |
//!
//! Requests are JSON objects: `{"text": "…", "as_of": "2024-06-01", "select": ["typo"],
//! "ignore": [], "severity": {"variant-form": "info"}, "dictionaries": ["local"]}`; every field
//! but `text` is optional. Errors are JSON too: `{"error": {"code": "unknown-rule", "message":
//! "…", "suggestion": "typo"}}` with a 4xx status (see [`ApiError`]).
//!
//! **Privacy.** The server neither logs nor stores submitted text: nothing is written per request,
//! findings are computed in memory and returned, and the panic hook [`run`] installs prints where
//! a bug happened, never its message (which could quote the text).
//!
//! Checking is CPU-bound, so it runs on a pool of threads sized to the cores (see [`Config`]),
//! not on the async workers; waiting requests are bounded, a panic in a check becomes a 500
//! answer, and SIGTERM or Ctrl-C stops the server after the requests in flight are answered.
//!
//! ```no_run
//! let config = zhproof_server::Config::new(zhproof::Checker::new());
//! zhproof_server::run(config, "127.0.0.1:8080".parse().unwrap(), |addr| {
//!     eprintln!("listening on http://{addr}");
//! })?;
//! # Ok::<(), zhproof_server::Error>(())
//! ```

pub mod api;
mod assets;
pub mod engine;
mod http;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

pub use api::ApiError;
pub use engine::{Config, Engine};
pub use http::API_ROUTES;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A named dictionary of the configuration does not build.
    #[error("dictionary `{name}`: {source}")]
    Dictionary {
        /// Its name in the configuration.
        name: String,
        /// What is wrong, with file and line.
        #[source]
        source: zhproof::Error,
    },
    /// The runtime failed.
    #[error("server error: {0}")]
    Runtime(#[from] std::io::Error),
}

/// Serves `engine` on `listener` until `shutdown` completes, then answers the requests in flight
/// and returns. For tests and embedding; [`run`] is the command's entry point.
pub async fn serve(
    listener: tokio::net::TcpListener,
    engine: Arc<Engine>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let app = http::router(engine);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Builds the engine, binds `addr`, calls `ready` with the bound address (port 0 picks a free
/// one) and serves until SIGTERM or Ctrl-C. Installs a panic hook that prints a bug's location
/// but not its message, so no submitted text reaches the logs.
pub fn run(config: Config, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("zhproof serve: internal error{at} (message withheld: it may quote the text)");
    }));
    let engine = Arc::new(Engine::new(config)?);
    // The async side only moves bytes; checking has its own threads.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(engine.config().workers.clamp(1, 4))
        .thread_name("zhproof-io")
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Bind { addr, source })?;
        ready(listener.local_addr()?);
        serve(listener, engine, shutdown_signal()).await
    })
}

/// Completes on SIGTERM or Ctrl-C (SIGINT).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
