//! The system's fonts, loaded once per process, for the text of the `.docx` charts (the
//! core reads no file: the host hands it the font database).

use std::sync::{Arc, OnceLock};

use jianyi_core::report::docx::fontdb;

/// fontconfig's fonts of this machine, loaded on first use.
pub(crate) fn system() -> &'static Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        Arc::new(db)
    })
}
