//! The library's one error type.

use std::path::PathBuf;

/// Everything that can go wrong while building a [`Checker`](crate::Checker).
///
/// Dictionary problems name the file and the 1-based line, so a CLI can print `file:line: message`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A line of a dictionary or allow-list file is malformed or contradicts another line.
    #[error("{file}:{line}: {problem}")]
    Dictionary {
        /// The file name as given (or the name given to an in-memory dictionary).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: String,
    },
    /// A dictionary file could not be read. The message names the file; the OS error is the
    /// `source()` (so `anyhow`'s `{:#}` prints it once).
    #[error("{}: cannot read", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A dictionary file is larger than [`limits::MAX_FILE_BYTES`](crate::dictionary::limits::MAX_FILE_BYTES).
    #[error("{}: larger than {limit} bytes, the most a dictionary file may have", path.display())]
    TooLarge {
        /// The offending file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A dictionary file is not valid UTF-8.
    #[error("{}: invalid UTF-8 at byte offset {offset}", path.display())]
    InvalidUtf8 {
        /// The offending file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A selection or severity override names no known rule or kind.
    #[error("unknown rule `{name}`{}", did_you_mean.as_ref().map(|d| format!("; did you mean `{d}`?")).unwrap_or_default())]
    UnknownRule {
        /// The name as given.
        name: String,
        /// The nearest rule id or kind, when one is close.
        did_you_mean: Option<String>,
    },
    /// An option value (a date, a kind, a rule id, a severity) could not be understood.
    #[error("invalid option: {0}")]
    Option(String),
}

impl Error {
    pub(crate) fn dict(file: &str, line: usize, problem: impl Into<String>) -> Self {
        Error::Dictionary {
            file: file.to_string(),
            line,
            problem: problem.into(),
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
