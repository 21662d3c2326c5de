//! Where uploaded bytes live. Only the local folder exists today; an object store can
//! implement the same trait.

use std::io;
use std::path::{Component, Path, PathBuf};

pub trait Storage: Send + Sync {
    /// Moves a finished temporary file to `key`.
    fn put(&self, key: &str, from: &Path) -> io::Result<()>;
    /// The local file of `key`, for serving.
    fn local_path(&self, key: &str) -> Option<PathBuf>;
    fn delete(&self, key: &str) -> io::Result<()>;
    /// A folder for temporary files on the same file system as the store.
    fn scratch(&self) -> io::Result<PathBuf>;
}

pub struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    pub fn new(root: PathBuf) -> LocalStorage {
        LocalStorage { root }
    }

    /// Keys are made by us from slugs, but check anyway: nothing may leave the root.
    fn resolve(&self, key: &str) -> Option<PathBuf> {
        let relative = Path::new(key);
        let safe = !key.is_empty()
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        safe.then(|| self.root.join(relative))
    }
}

impl Storage for LocalStorage {
    fn put(&self, key: &str, from: &Path) -> io::Result<()> {
        let target = self
            .resolve(key)
            .ok_or_else(|| io::Error::other("unsafe storage key"))?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::rename(from, &target)
    }

    fn local_path(&self, key: &str) -> Option<PathBuf> {
        self.resolve(key)
    }

    fn delete(&self, key: &str) -> io::Result<()> {
        match self.resolve(key) {
            Some(p) => match std::fs::remove_file(p) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => other,
            },
            None => Ok(()),
        }
    }

    fn scratch(&self) -> io::Result<PathBuf> {
        let dir = self.root.join(".incoming");
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_leave_the_root() {
        let s = LocalStorage::new(PathBuf::from("/data/uploads"));
        assert_eq!(
            s.local_path("2026/11/a.pdf"),
            Some(PathBuf::from("/data/uploads/2026/11/a.pdf"))
        );
        for bad in ["../etc/passwd", "/etc/passwd", "2026/../../x", "", "./a"] {
            assert_eq!(s.local_path(bad), None, "{bad}");
        }
    }
}
