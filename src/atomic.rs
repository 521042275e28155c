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
    let temporary = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(folder)?;
    {
        let mut out = io::BufWriter::new(temporary.as_file());
        fill(&mut out)?;
        out.flush()?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
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
}
