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

    /// Reads an XLSForm workbook (`.xlsx` bytes) and compiles it. The reader already reports
    /// the compile findings, mapped to their sheet, row and column, so only its findings are
    /// kept (compiling twice at load time is the price of cell-precise locations).
    pub fn from_xlsform(bytes: &[u8]) -> Result<LoadedForm, MealError> {
        let parsed = crate::xlsform::read(bytes)?;
        let (compiled, _reported_by_the_reader) = CompiledForm::new(parsed.value);
        Ok(LoadedForm {
            compiled,
            findings: parsed.findings,
        })
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

    /// The compiled form, ready to validate submissions. Error `form.not_compilable` (with the
    /// first blocking finding's code and path) when the form could not be built.
    pub fn compiled(&self) -> Result<&CompiledForm, MealError> {
        self.compiled.as_ref().ok_or_else(|| self.not_compilable())
    }

    /// The compiled form and the findings, consuming the loaded form.
    pub fn into_parts(self) -> Result<(CompiledForm, Vec<Finding>), MealError> {
        match self.compiled {
            Some(compiled) => Ok((compiled, self.findings)),
            None => Err(self.not_compilable()),
        }
    }

    fn not_compilable(&self) -> MealError {
        let blocking = self.findings.iter().find(|f| f.is_blocking());
        MealError::new("form.not_compilable")
            .at(blocking.map(|f| f.path.clone()).unwrap_or_default())
            .with("code", blocking.map(|f| f.code.clone()).unwrap_or_default())
    }
}
