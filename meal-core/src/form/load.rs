//! A form as a binding or an app receives it: read from JSON or from an XLSForm workbook,
//! compiled, with every finding of reading and compiling in one sorted list.

use crate::document::Parsed;
use crate::error::{sort_findings, Finding, MealError};
use crate::form::{CompiledForm, Form};

/// A form read and compiled, with its findings.
#[derive(Debug, Clone)]
pub struct LoadedForm {
    compiled: Option<CompiledForm>,
    findings: Vec<Finding>,
}

impl LoadedForm {
    /// Reads the JSON form document and compiles it.
    pub fn from_json(json: &str) -> Result<LoadedForm, MealError> {
        Form::from_json(json).map(LoadedForm::compile)
    }

    /// Reads an XLSForm workbook (`.xlsx` bytes) and compiles it.
    pub fn from_xlsform(bytes: &[u8]) -> Result<LoadedForm, MealError> {
        crate::xlsform::read(bytes).map(LoadedForm::compile)
    }

    /// Compiles a form already read, keeping the reading findings.
    pub fn compile(parsed: Parsed<Form>) -> LoadedForm {
        let (compiled, compiling) = CompiledForm::new(parsed.value);
        let mut findings = parsed.findings;
        findings.extend(compiling);
        sort_findings(&mut findings);
        LoadedForm { compiled, findings }
    }

    /// Every finding of reading and compiling, sorted by path then code.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The compiled form, ready to validate submissions. Error `form.unusable` when blocking
    /// findings kept it from being built.
    pub fn compiled(&self) -> Result<&CompiledForm, MealError> {
        self.compiled.as_ref().ok_or_else(|| {
            let blocking = self.findings.iter().filter(|f| f.is_blocking()).count();
            MealError::new("form.unusable").with("count", blocking)
        })
    }
}
