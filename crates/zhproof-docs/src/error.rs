//! Why a document could not be read.

/// Why a document could not be read or masked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing the file failed.
    #[error("cannot read: {0}")]
    Io(#[source] std::io::Error),
    /// Not a format this crate reads.
    #[error("not an office document this version reads")]
    Unsupported,
    /// A legacy binary format: convert it first.
    #[error(
        "legacy binary .{extension} file: not supported; save it as {convert_to} (Word/WPS: \
         文件 → 另存为 → {convert_to}) or convert it with \
         `libreoffice --headless --convert-to {ext} FILE`, then check that",
        ext = convert_to.trim_start_matches('.')
    )]
    Legacy {
        /// The extension, lowercase.
        extension: String,
        /// What to convert to.
        convert_to: &'static str,
    },
    /// Password-protected.
    #[error("password-protected (encrypted) document: remove the password (save a copy without one) and check that")]
    Encrypted,
    /// Broken or not the format its name says.
    #[error("corrupt or not a valid document: {0}")]
    Corrupt(String),
    /// Past a [`crate::Limits`] cap.
    #[error("too large to read safely: {0}")]
    TooLarge(String),
    /// The format cannot be masked in place.
    #[error("{0}")]
    CannotMask(String),
}
