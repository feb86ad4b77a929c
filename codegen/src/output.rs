//! Writing generated files: all or nothing, and only over regular files.
//!
//! The text goes to a temporary file in the target's folder that then replaces the target, so a
//! failure never leaves a half-written file. The result has the mode a plain write would give:
//! an existing file keeps its mode, a new one gets 0666 less the umask. Anything at the path that
//! is not a regular file — a symbolic link, a device such as `/dev/null`, a FIFO, a folder — is
//! refused rather than replaced (renaming over it would swap out the node itself) or written
//! through (a link could point anywhere).

use std::fs::Permissions;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `contents` to `path` as described in the module docs.
pub fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let existing = match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_file() => Some(metadata.permissions()),
        Ok(metadata) => {
            return Err(write_error(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "it is {}, not a regular file; codegen only replaces regular files \
                     (choose another path or remove it first)",
                    describe(&metadata.file_type())
                ),
            )));
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(write_error(error)),
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".codegen-");
    // tempfile creates 0600 files; ask for what a plain write would create (umask applies).
    let creation = creation_permissions(existing.as_ref());
    if let Some(permissions) = &creation {
        builder.permissions(permissions.clone());
    }
    let mut file = builder.tempfile_in(folder).map_err(write_error)?;
    file.write_all(contents.as_bytes()).map_err(write_error)?;
    if let Some(permissions) = existing {
        // The exact mode of the file being replaced, whatever the umask.
        file.as_file()
            .set_permissions(permissions)
            .map_err(write_error)?;
    }
    file.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn creation_permissions(existing: Option<&Permissions>) -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // Owner write is kept so the temporary file can be written whatever the old mode was.
    let mode = existing.map_or(0o666, |p| p.mode() | 0o200) & 0o7777;
    Some(Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn creation_permissions(_existing: Option<&Permissions>) -> Option<Permissions> {
    None
}

fn describe(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn new_files_get_the_plain_write_mode_and_existing_ones_keep_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.rs");
        std::fs::write(&plain, "x").unwrap();
        let new = dir.path().join("new.rs");
        write_atomically(&new, "fn a() {}\n").unwrap();
        assert_eq!(
            mode(&new),
            mode(&plain),
            "the umask-applied mode of a plain write"
        );
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "fn a() {}\n");

        for kept in [0o644, 0o640, 0o444, 0o755] {
            std::fs::set_permissions(&new, Permissions::from_mode(kept)).unwrap();
            write_atomically(&new, "fn b() {}\n").unwrap();
            assert_eq!(mode(&new), kept);
        }
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "fn b() {}\n");
    }

    #[test]
    fn anything_but_a_regular_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.rs");
        std::fs::write(&target, "original").unwrap();
        let link = dir.path().join("link.rs");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let error = write_atomically(&link, "new").unwrap_err().to_string();
        assert!(
            error.contains("link.rs: cannot write: it is a symbolic link"),
            "{error}"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "original");

        let error = write_atomically(dir.path(), "new").unwrap_err().to_string();
        assert!(error.contains("it is a folder"), "{error}");
        // A FIFO stands for every node that is not a file (never tried on /dev/null: a
        // regression run as root would replace the system's).
        let fifo = dir.path().join("fifo.rs");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = write_atomically(&fifo, "new").unwrap_err().to_string();
        assert!(
            error.contains("fifo.rs: cannot write: it is a FIFO"),
            "{error}"
        );
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 3, "no temporary file left behind");
    }
}
