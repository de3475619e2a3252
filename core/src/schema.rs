//! JSON Schemas of the wire formats (feature `schema`): the ledger header and event lines,
//! commands and profiles. `docs/schema/*.schema.json` are generated from these and a test
//! keeps them current (`JIANYI_BLESS=1 cargo test -p jianyi-core --features schema` rewrites them).

use schemars::schema_for;

/// `(file name, schema JSON)` for every published schema, in a stable order.
pub fn all() -> Vec<(&'static str, String)> {
    let pretty = |v: schemars::Schema| serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
    vec![
        (
            "ledger-header.schema.json",
            pretty(schema_for!(crate::wire::Header)),
        ),
        (
            "ledger-event.schema.json",
            pretty(schema_for!(crate::event::Event)),
        ),
        (
            "command.schema.json",
            pretty(schema_for!(crate::command::Command)),
        ),
        (
            "profile.schema.json",
            pretty(schema_for!(crate::profile::Profile)),
        ),
    ]
}
