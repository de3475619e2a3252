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
            pretty(with_link(schema_for!(crate::event::Event))),
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

/// An event line of format version 2 starts with its `prev` link (`crate::chain`); version 1
/// lines have none, so it is not required.
fn with_link(mut schema: schemars::Schema) -> schemars::Schema {
    if let Some(props) = schema
        .as_object_mut()
        .and_then(|o| o.get_mut("properties"))
        .and_then(serde_json::Value::as_object_mut)
    {
        props.insert(
            "prev".to_owned(),
            serde_json::json!({
                "description": "Lower-case hex SHA-256 of the line before (format version 2).",
                "type": "string",
                "pattern": "^[0-9a-f]{64}$"
            }),
        );
    }
    schema
}
