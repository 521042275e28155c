//! The cineSync short hash: the 40-hex-digit SHA-1 fingerprint cineSync uses to find a
//! media file on each participant's disk.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use sha1::{Digest, Sha1};

/// How many bytes of the file take part: a small file is padded to this size, a large one
/// contributes its first and last half of it.
const SAMPLE_SIZE: u64 = 2048;
const HALF_SAMPLE: usize = 1024;

/// Computes the short hash of the file at `path`.
///
/// The hash is SHA-1 over the file size (4 bytes, little-endian, modulo 2^32) followed by
/// the whole file zero-padded to 2,048 bytes when it is at most that long, or else its
/// first and last 1,024 bytes. Only those bytes are read, so hashing a 100 GB movie is
/// instant.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("small.txt");
/// std::fs::write(&path, "This is a small file to test the short_hash method.\n")?;
/// assert_eq!(cinesync::short_hash(&path)?, "1e40efb84050f92618e2c430742f44254771cf6b");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn short_hash(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut hasher = Sha1::new();
    // Truncation is the rule: cineSync hashes the size modulo 2^32.
    hasher.update((size as u32).to_le_bytes());
    if size <= SAMPLE_SIZE {
        let mut sample = Vec::with_capacity(SAMPLE_SIZE as usize);
        file.read_to_end(&mut sample)?;
        sample.resize(SAMPLE_SIZE as usize, 0);
        hasher.update(&sample);
    } else {
        let mut half = [0u8; HALF_SAMPLE];
        file.read_exact(&mut half)?;
        hasher.update(half);
        file.seek(SeekFrom::End(-(HALF_SAMPLE as i64)))?;
        file.read_exact(&mut half)?;
        hasher.update(half);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// True when `text` has the form of a short hash: exactly 40 hexadecimal digits.
pub fn is_short_hash(text: &str) -> bool {
    text.len() == 40 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(bytes: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, bytes).unwrap();
        short_hash(&path).unwrap()
    }

    fn expected(bytes: &[u8]) -> String {
        let mut input = (bytes.len() as u32).to_le_bytes().to_vec();
        if bytes.len() <= 2048 {
            input.extend_from_slice(bytes);
            input.resize(4 + 2048, 0);
        } else {
            input.extend_from_slice(&bytes[..1024]);
            input.extend_from_slice(&bytes[bytes.len() - 1024..]);
        }
        format!("{:x}", Sha1::digest(&input))
    }

    #[test]
    fn boundaries_of_the_sample_size() {
        for size in [0usize, 1, 2047, 2048, 2049, 4096, 10_000] {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 7 % 251) as u8).collect();
            assert_eq!(hash_of(&bytes), expected(&bytes), "size {size}");
        }
    }

    #[test]
    fn empty_file_hash_is_pinned() {
        // SHA-1 of 4 + 2048 zero bytes.
        assert_eq!(hash_of(b""), expected(b""));
        assert_eq!(hash_of(b"").len(), 40);
    }

    #[test]
    fn recognises_hash_shaped_text() {
        assert!(is_short_hash("1e40efb84050f92618e2c430742f44254771cf6b"));
        assert!(!is_short_hash("1e40efb84050f92618e2c430742f44254771cf6"));
        assert!(!is_short_hash("1e40efb84050f92618e2c430742f44254771cf6g"));
    }
}
