//! Computing straight from a CSV stream: the file is cut into chunks of whole records
//! ([`CsvChunks`]), each chunk is loaded and computed to a partial state on its own core, and
//! the states are merged — the partition/merge path of [`crate::compute::partial`], used inside
//! one call. Only the chunks in flight are in memory, never the file or the whole table, and
//! loading runs on every core.
//!
//! Each chunk is checked whole — every cell of every column, so the same rows load and are
//! rejected as in a whole-file load — but the text of columns no recipe reads (a record id)
//! is not kept: interning millions of unique texts nobody reads is most of a load's cost.
//!
//! Nothing is lost on the way: the rows rejected by each chunk's loader are returned with the
//! row numbers they have in the whole file (chunks are numbered in order, so each chunk's rows
//! are offset by the records of the chunks before it), and `rows_read` counts every record.

use std::io::Read;

use crate::compute::engine::PersonCodes;
use crate::compute::{Engine, Partial, Results};
use crate::data::intern::Interner;
use crate::data::{CsvChunks, Loaded, Rejected, Schema, Table};
use crate::error::{Finding, MealError};

/// Bytes of CSV per chunk by default: a few hundred thousand records of the mission's shape.
pub const DEFAULT_CHUNK_BYTES: usize = 32 << 20;

/// The figures of a CSV stream, and the accounting of its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Streamed {
    pub results: Results,
    /// Records read: `loaded + rejected.len()`.
    pub rows_read: u64,
    pub loaded: u64,
    /// Rows not loaded, numbered as in the whole file, in order.
    pub rejected: Vec<Rejected>,
    /// Findings about the file as a whole (an unknown column, an absent optional one).
    pub findings: Vec<Finding>,
}

/// What one chunk gave: its state, with the persons read by dictionary code still in the
/// codes of its table (kept until merged for their texts).
struct Chunk {
    partial: Partial,
    persons: PersonCodes,
    table: Table,
    rows: Rows,
}

/// A chunk's accounting, kept after its state is merged.
struct Rows {
    index: usize,
    read: u64,
    rejected: Vec<Rejected>,
    findings: Vec<Finding>,
}

/// The merged state of the chunks so far, and their accounting. Persons read by dictionary
/// code merge by a code of the whole stream (`persons`, codes of `texts`), not by text: a
/// person's text is hashed once per chunk, whatever the windows they are in.
struct Merged<'e> {
    engine: &'e Engine,
    state: Partial,
    persons: PersonCodes,
    texts: Interner,
    rows: Vec<Rows>,
}

impl Merged<'_> {
    fn add(&mut self, chunk: Result<Chunk, MealError>) -> Result<(), MealError> {
        let chunk = chunk?;
        self.state.merge(&chunk.partial)?;
        self.persons
            .merge_coded(chunk.persons, self.engine, &chunk.table, &mut self.texts)?;
        self.rows.push(chunk.rows);
        Ok(())
    }
}

/// Input cut into chunks that load on their own: a CSV's runs of whole records
/// ([`CsvChunks`]), a columnar source's record batches (the Python binding's Arrow input).
pub trait Chunks {
    /// One chunk, handed to a worker thread.
    type Chunk: Send;
    /// The next chunk, `None` at the end.
    fn next_chunk(&mut self) -> Result<Option<Self::Chunk>, MealError>;
}

impl<R: Read> Chunks for CsvChunks<R> {
    type Chunk = Vec<u8>;
    fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, MealError> {
        CsvChunks::next_chunk(self)
    }
}

/// How a chunk becomes a table: `load(schema, keep_text, chunk)`, where `keep_text` marks the
/// text columns some recipe reads (the others may be checked but left empty).
pub trait LoadChunk<C>: Fn(&Schema, &[bool], C) -> Result<Loaded, MealError> + Sync {}
impl<C, F: Fn(&Schema, &[bool], C) -> Result<Loaded, MealError> + Sync> LoadChunk<C> for F {}

impl Engine {
    /// Loads the CSV read from `source` (typed by the engine's schema) and computes every
    /// indicator, `chunk_bytes` of records at a time (see the module docs). Errors: those of
    /// loading a CSV (`data.no_header`, `data.missing_column`, `data.unreadable`, …).
    pub fn compute_csv(
        &self,
        source: impl Read,
        chunk_bytes: usize,
    ) -> Result<Streamed, MealError> {
        let mut chunks = CsvChunks::new(source, chunk_bytes)?;
        self.compute_chunks(
            &mut chunks,
            |schema: &Schema, keep: &[bool], bytes: Vec<u8>| {
                crate::data::csv::load_reading(schema, &bytes, keep)
            },
        )
    }

    /// Every figure of `chunks`, each loaded by `load` and computed on a core of its own, the
    /// states merged (module docs): rows numbered across chunks in order, the findings of the
    /// first chunk taken as the whole input's. Errors: the first of `load`'s.
    pub fn compute_chunks<C: Chunks>(
        &self,
        chunks: &mut C,
        load: impl LoadChunk<C::Chunk>,
    ) -> Result<Streamed, MealError> {
        let mut merged = Merged {
            engine: self,
            state: self.empty(),
            persons: PersonCodes::default(),
            texts: Interner::default(),
            rows: Vec::new(),
        };
        self.chunks_on_cores(chunks, &load, &mut merged)?;
        merged.rows.sort_by_key(|r| r.index);
        let rows_read: u64 = merged.rows.iter().map(|r| r.read).sum();
        let mut rejected = Vec::new();
        let mut offset = 0;
        for rows in &merged.rows {
            rejected.extend(rows.rejected.iter().map(|r| Rejected {
                row: r.row + offset,
                findings: r.findings.clone(),
            }));
            offset += rows.read;
        }
        // Every chunk has the same header, so the first one's findings are the file's; a count
        // of rows among their params is the whole file's.
        let findings = merged
            .rows
            .first()
            .map(|r| r.findings.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|f| {
                if f.params.contains_key("rows") {
                    f.with("rows", rows_read)
                } else {
                    f
                }
            })
            .collect();
        Ok(Streamed {
            results: crate::compute::finalize::results(self, &merged.state, &merged.persons)?,
            rows_read,
            loaded: rows_read - rejected.len() as u64,
            rejected,
            findings,
        })
    }

    /// One chunk loaded and computed on the calling thread.
    fn chunk<C>(
        &self,
        index: usize,
        chunk: C,
        load: &impl LoadChunk<C>,
    ) -> Result<Chunk, MealError> {
        let loaded = load(self.schema(), &self.columns_read(), chunk)?;
        let (partial, persons) = self.coded_here(&loaded.table)?;
        Ok(Chunk {
            partial,
            persons,
            table: loaded.table,
            rows: Rows {
                index,
                read: loaded.rows_read,
                rejected: loaded.rejected,
                findings: loaded.findings,
            },
        })
    }

    /// Every chunk computed by one worker per core while this thread reads ahead and merges
    /// the states as they come back (so they do not pile up).
    #[cfg(not(target_arch = "wasm32"))]
    fn chunks_on_cores<C: Chunks>(
        &self,
        chunks: &mut C,
        load: &impl LoadChunk<C::Chunk>,
        merged: &mut Merged<'_>,
    ) -> Result<(), MealError> {
        use std::sync::mpsc::{channel, sync_channel};
        use std::sync::{Arc, Mutex};
        let workers = super::engine::workers();
        let (work, queue) = sync_channel::<(usize, C::Chunk)>(workers);
        let queue = Arc::new(Mutex::new(queue));
        let (report, reports) = channel::<Result<Chunk, MealError>>();
        std::thread::scope(|scope| -> Result<(), MealError> {
            for _ in 0..workers {
                let (queue, report) = (Arc::clone(&queue), report.clone());
                scope.spawn(move || loop {
                    let next = queue.lock().ok().and_then(|q| q.recv().ok());
                    let Some((index, chunk)) = next else { break };
                    if report.send(self.chunk(index, chunk, load)).is_err() {
                        break;
                    }
                });
            }
            drop(report);
            let mut sent = 0;
            let mut outcome = Ok(());
            while outcome.is_ok() {
                while let Ok(chunk) = reports.try_recv() {
                    outcome = outcome.and_then(|()| merged.add(chunk));
                }
                match chunks.next_chunk() {
                    Ok(Some(chunk)) if outcome.is_ok() => {
                        if work.send((sent, chunk)).is_err() {
                            break;
                        }
                        sent += 1;
                    }
                    Ok(_) => break,
                    Err(error) => outcome = Err(error),
                }
            }
            drop(work);
            for chunk in reports.iter() {
                outcome = outcome.and_then(|()| merged.add(chunk));
            }
            outcome?;
            if merged.rows.len() != sent {
                // A worker stopped on a defect: its chunk's rows must not go missing silently.
                return Err(MealError::new("compute.worker_failed"));
            }
            Ok(())
        })
    }

    /// Every chunk in turn on this thread (no threads on wasm32).
    #[cfg(target_arch = "wasm32")]
    fn chunks_on_cores<C: Chunks>(
        &self,
        chunks: &mut C,
        load: &impl LoadChunk<C::Chunk>,
        merged: &mut Merged<'_>,
    ) -> Result<(), MealError> {
        let mut index = 0;
        while let Some(chunk) = chunks.next_chunk()? {
            merged.add(self.chunk(index, chunk, load))?;
            index += 1;
        }
        Ok(())
    }
}
