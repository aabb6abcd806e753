//! Carries out the portfolio shelf's storage operations (`maturity_core::portfolio::Op`) on
//! IndexedDB, in the order the shelf gives them: the one loop between the portfolio's storage
//! policy (decided in the core) and the browser's store.

use maturity_core::portfolio::Op;

use crate::web::idb::{Idb, IdbError};
use crate::web::picker::Folder;

/// Runs `ops` in order on `db`. Every failed write is returned, for the user to be told (what
/// was written stays written); a failed removal is not (the next opening sweeps contents no
/// list names). `folder` is the handle [`Op::RememberFolder`] keeps.
pub async fn run(db: &Idb, ops: Vec<Op>, folder: Option<&Folder>) -> Vec<IdbError> {
    let mut failed = Vec::new();
    for op in ops {
        let done = match op {
            Op::Put(key, text) => db.put_text(&key, &text).await,
            Op::PutAll(entries) => db.put_texts(&entries).await,
            Op::RememberFolder(key) => match folder {
                Some(f) => f.remember(db, &key).await,
                None => Ok(()),
            },
            Op::Delete(key) => {
                let _ = db.delete(&key).await;
                Ok(())
            }
        };
        if let Err(e) = done {
            failed.push(e);
        }
    }
    failed
}
