//! Atomic file writes: a temporary file in the destination folder, then a rename.
//!
//! Every file this toolkit writes goes through here, so that an error or a crash never
//! leaves a truncated file under the final name and never damages a file that was there.

use std::io::{self, Write};
use std::path::Path;

/// Writes a file atomically: `fill` writes the whole content into a temporary file in the
/// same folder as `path`; the file is flushed to disk and then renamed over `path`.
///
/// When `fill` or any step fails, the temporary file is removed and whatever was at `path`
/// before is left as it was.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let target = dir.path().join("notes.txt");
/// cinesync::write_atomically(&target, |out| out.write_all(b"hello"))?;
/// assert_eq!(std::fs::read_to_string(&target)?, "hello");
/// # use std::io::Write;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_atomically<F>(path: &Path, fill: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(file_name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(permissions_for(path));
    let temporary = builder.tempfile_in(folder)?;
    {
        let mut out = io::BufWriter::new(temporary.as_file());
        fill(&mut out)?;
        out.flush()?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The permissions the written file gets: those of the file it replaces, or else what a
/// plain `File::create` gives (0666 less the umask), not the private 0600 of a temporary
/// file.
#[cfg(unix)]
fn permissions_for(path: &Path) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o666),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_writer_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("keep.csc");
        std::fs::write(&target, "old").unwrap();
        let result = write_atomically(&target, |out| {
            out.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("keep.csc")]);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.csc");
        write_atomically(&fresh, |out| out.write_all(b"x")).unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o644,
            0o644,
            "readable by others unless the umask says otherwise: {mode:o}"
        );

        let private = dir.path().join("private.csc");
        std::fs::write(&private, "old").unwrap();
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&private, |out| out.write_all(b"new")).unwrap();
        assert_eq!(
            std::fs::metadata(&private).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
