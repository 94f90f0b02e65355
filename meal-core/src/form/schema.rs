//! JSON Schema (draft 2020-12) export.
use super::compile::Compiled;
use super::Form;

pub(crate) fn json_schema(_form: &Form, _c: &Compiled) -> serde_json::Value {
    serde_json::Value::Null
}
