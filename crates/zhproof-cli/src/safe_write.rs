//! `fix --write`: rewriting a file in place without leaking, losing or clobbering anything.
//!
//! [`rewrite`] replaces a file's contents through a temporary file and an atomic rename, on
//! these terms (decided in issue 13; each refusal leaves the file untouched and says why):
//!
//! - **Opened once.** The path is resolved once (symbolic links in it followed, so fixing
//!   `link.txt` rewrites the file it points to and the link stays a link); the directory is
//!   opened, and from then on the file, the temporary file and the rename are all relative to
//!   that directory handle, the file opened without following a link. A symbolic link swapped in
//!   for the file during the run is refused, never written through.
//! - **Unchanged since read.** The bytes read through that handle must equal the bytes the fix
//!   was computed from, and the file's size, modification time and inode are checked again just
//!   before the rename: a line appended meanwhile makes the write fail ("changed since it was
//!   read"), it is not silently lost.
//! - **No window for other users.** The temporary file is created next to the file, exclusively
//!   (`O_CREAT | O_EXCL | O_NOFOLLOW`), with mode 0600; the file's own permission bits are set
//!   on it (with `fchmod`, on the open handle) before the rename. A killed run can leave a
//!   `.NAME.zhproof-PID-N.tmp` behind (`kill -9` cannot be caught), but only readable by its
//!   owner; every error and panic path removes it.
//! - **Refused**: a file that is not a regular file; a read-only file (no owner write bit, e.g.
//!   0444: rewriting it would defeat the protection); a setuid or setgid file (a rewrite would
//!   have to drop or keep those bits, neither is safe); a file whose owner or group the invoking
//!   user cannot keep (a file owned by someone else, unless run by root, which keeps them).
//! - **Kept**: permission bits, owner and group (root only; others already own the file) and
//!   extended attributes (ACLs, labels), copied onto the temporary file; if one cannot be copied,
//!   the write is refused rather than drop it.
//! - Other hard links to the file keep the old contents (the rename gives the path a new inode).

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a rewrite did not happen. The file is unchanged in every case.
#[derive(Debug)]
pub enum WriteError {
    /// Refused on purpose (see the module docs): what to do instead is in the message.
    Refused(String),
    /// The file changed between reading it and writing the fix.
    Changed,
    /// An I/O error.
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Refused(why) => f.write_str(why),
            WriteError::Changed => f.write_str("changed since it was read; run the fix again"),
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

#[cfg(unix)]
impl From<rustix::io::Errno> for WriteError {
    fn from(e: rustix::io::Errno) -> Self {
        WriteError::Io(e.into())
    }
}

/// Replaces the contents of `path`, which must still be exactly `expected`, with `contents`.
/// See the module docs for what is checked, kept and refused.
#[cfg(unix)]
pub fn rewrite(path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags};

    let resolved = std::fs::canonicalize(path)?;
    let dir_path = resolved.parent().unwrap_or(Path::new("/"));
    let name = resolved
        .file_name()
        .ok_or_else(|| WriteError::Refused("not a file".into()))?;
    let dir = rfs::openat(
        rfs::CWD,
        dir_path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let fd = match rfs::openat(
        &dir,
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK,
        Mode::empty(),
    ) {
        Ok(fd) => fd,
        Err(rustix::io::Errno::LOOP) => {
            return Err(WriteError::Refused(
                "became a symbolic link while being fixed; not written through".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    let before = rfs::fstat(&fd)?;
    if FileType::from_raw_mode(before.st_mode) != FileType::RegularFile {
        return Err(WriteError::Refused("not a regular file".into()));
    }
    let mode = before.st_mode & 0o7777;
    if mode & 0o6000 != 0 {
        return Err(WriteError::Refused(
            "is setuid or setgid; not rewritten (fix a copy, or clear the bits first)".into(),
        ));
    }
    if mode & 0o200 == 0 {
        return Err(WriteError::Refused(
            "is read-only (no write permission for its owner); not rewritten".into(),
        ));
    }
    let mut file = std::fs::File::from(fd);
    let mut now = Vec::with_capacity(expected.len());
    (&mut file)
        .take(expected.len() as u64 + 1)
        .read_to_end(&mut now)?;
    if now != expected {
        return Err(WriteError::Changed);
    }

    let tmp = Temporary::create(&dir, name)?;
    let copied = (|| -> Result<(), WriteError> {
        let mut t = &tmp.file;
        t.write_all(contents)?;
        if std::os::unix::fs::fchown(&tmp.file, Some(before.st_uid), Some(before.st_gid)).is_err() {
            return Err(WriteError::Refused(
                "is owned by another user or group, which a rewrite could not keep; not \
                 rewritten"
                    .into(),
            ));
        }
        rfs::fchmod(&tmp.file, Mode::from_raw_mode(mode))?;
        copy_xattrs(&file, &tmp.file)?;
        rfs::fsync(&tmp.file)?;
        Ok(())
    })();
    copied?;

    // The file must still be the one read, unchanged, and still at its name.
    let after = rfs::fstat(&file)?;
    let at_name = rfs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW)?;
    let same = |a: &rfs::Stat, b: &rfs::Stat| {
        (a.st_dev, a.st_ino, a.st_size, a.st_mtime, a.st_mtime_nsec)
            == (b.st_dev, b.st_ino, b.st_size, b.st_mtime, b.st_mtime_nsec)
    };
    if !same(&before, &after) || !same(&before, &at_name) {
        return Err(WriteError::Changed);
    }
    rfs::renameat(&dir, &tmp.name, &dir, name)?;
    tmp.renamed();
    // Make the rename itself durable.
    let _ = rfs::fsync(&dir);
    Ok(())
}

/// Without the Unix calls this module needs, `--write` is refused.
#[cfg(not(unix))]
pub fn rewrite(_path: &Path, _expected: &[u8], _contents: &[u8]) -> Result<(), WriteError> {
    Err(WriteError::Refused(
        "--write is only supported on Unix".into(),
    ))
}

/// A temporary file next to the target, removed when dropped unless renamed into place.
#[cfg(unix)]
struct Temporary<'d> {
    dir: &'d rustix::fd::OwnedFd,
    name: PathBuf,
    file: std::fs::File,
    keep: std::cell::Cell<bool>,
}

#[cfg(unix)]
impl<'d> Temporary<'d> {
    fn create(dir: &'d rustix::fd::OwnedFd, target: &std::ffi::OsStr) -> io::Result<Self> {
        use rustix::fs::{Mode, OFlags};
        let target = target.to_string_lossy();
        // Keep the name short enough for NAME_MAX whatever the target's length.
        let stem: String = target.chars().take(120).collect();
        for attempt in 0u32..100 {
            let name = PathBuf::from(format!(
                ".{stem}.zhproof-{}-{attempt}.tmp",
                std::process::id()
            ));
            match rustix::fs::openat(
                dir,
                &name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            ) {
                Ok(fd) => {
                    return Ok(Temporary {
                        dir,
                        name,
                        file: std::fs::File::from(fd),
                        keep: std::cell::Cell::new(false),
                    })
                }
                Err(rustix::io::Errno::EXIST) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "no free temporary file name",
        ))
    }

    fn renamed(&self) {
        self.keep.set(true);
    }
}

#[cfg(unix)]
impl Drop for Temporary<'_> {
    fn drop(&mut self) {
        if !self.keep.get() {
            let _ = rustix::fs::unlinkat(self.dir, &self.name, rustix::fs::AtFlags::empty());
        }
    }
}

/// Copies every extended attribute of `from` onto `to`; fails (refusing the write) when one
/// cannot be read or set. Attributes are not supported everywhere: then there are none to copy.
#[cfg(unix)]
fn copy_xattrs(from: &std::fs::File, to: &std::fs::File) -> Result<(), WriteError> {
    use rustix::io::Errno;
    let mut list = vec![0u8; 64 * 1024];
    let n = match rustix::fs::flistxattr(from, &mut list[..]) {
        Ok(n) => n,
        Err(Errno::NOTSUP | Errno::NOSYS) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut value = vec![0u8; 64 * 1024];
    for attr in list[..n].split(|&b| b == 0).filter(|a| !a.is_empty()) {
        let attr = std::ffi::OsStr::from_bytes_compat(attr);
        let refuse = |e: Errno| {
            WriteError::Refused(format!(
                "has the extended attribute {:?}, which could not be copied ({e}); not rewritten",
                attr.to_string_lossy()
            ))
        };
        let len = rustix::fs::fgetxattr(from, attr, &mut value[..]).map_err(refuse)?;
        rustix::fs::fsetxattr(to, attr, &value[..len], rustix::fs::XattrFlags::empty())
            .map_err(refuse)?;
    }
    Ok(())
}

#[cfg(unix)]
trait FromBytesCompat {
    fn from_bytes_compat(b: &[u8]) -> &Self;
}

#[cfg(unix)]
impl FromBytesCompat for std::ffi::OsStr {
    fn from_bytes_compat(b: &[u8]) -> &Self {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::OsStr::from_bytes(b)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn dir(tag: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("zhproof-safe-write-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn leftovers(d: &Path) -> Vec<String> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".zhproof-"))
            .collect()
    }

    #[test]
    fn keeps_mode_and_leaves_no_temporary() {
        let d = dir("mode");
        let p = d.join("a.txt");
        std::fs::write(&p, "全面布署").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        rewrite(&p, "全面布署".as_bytes(), "全面部署".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "全面部署");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600);
        assert!(leftovers(&d).is_empty());
    }

    #[test]
    fn refuses_a_file_changed_since_read() {
        let d = dir("changed");
        let p = d.join("a.txt");
        std::fs::write(&p, "全面布署\n新增一行\n").unwrap();
        let e = rewrite(&p, "全面布署\n".as_bytes(), "全面部署\n".as_bytes()).unwrap_err();
        assert!(matches!(e, WriteError::Changed), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "全面布署\n新增一行\n");
        assert!(leftovers(&d).is_empty());
    }

    #[test]
    fn refuses_read_only_and_setuid_files() {
        let d = dir("modes");
        for (mode, word) in [(0o444, "read-only"), (0o4755, "setuid")] {
            let p = d.join(format!("{mode:o}.txt"));
            std::fs::write(&p, "甲").unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
            let e = rewrite(&p, "甲".as_bytes(), "乙".as_bytes()).unwrap_err();
            assert!(e.to_string().contains(word), "{e}");
            assert_eq!(std::fs::read_to_string(&p).unwrap(), "甲");
        }
        assert!(leftovers(&d).is_empty());
    }

    #[test]
    fn follows_a_link_given_on_the_command_line_and_keeps_it_a_link() {
        let d = dir("link");
        let target = d.join("target.txt");
        std::fs::write(&target, "甲").unwrap();
        let link = d.join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        rewrite(&link, "甲".as_bytes(), "乙".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "乙");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn a_temporary_is_created_with_mode_0600_and_removed_on_drop() {
        let d = dir("tmp");
        let fd = rustix::fs::openat(
            rustix::fs::CWD,
            &d,
            rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY,
            rustix::fs::Mode::empty(),
        )
        .unwrap();
        {
            let t = Temporary::create(&fd, std::ffi::OsStr::new("a.txt")).unwrap();
            let mode = t.file.metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "no other user may read it while it is written");
            assert_eq!(leftovers(&d).len(), 1);
        }
        assert!(leftovers(&d).is_empty());
    }
}
