//! policy-targets: extract numeric targets, deadlines, responsible units and document metadata
//! from Chinese government policy notices into normalized JSON Lines.
//!
//! The pipeline: [`walk`] → [`formats`] (plain text through [`decode`]; HTML, DOCX, spreadsheets,
//! PDF) → [`normalize`] → [`segment`] → [`extract`] →
//! [`record`] / [`printer`], driven by [`pipeline`] and configured by [`config`] and [`cli`].
//! [`compare`] lines up the records of several regions for one indicator; [`stream`] reads
//! documents from stdin and writes their records to stdout (a stage of a cluster job).

pub mod attainment;
pub mod cli;
pub mod compare;
pub mod config;
pub mod csv;
pub mod decode;
pub mod document;
pub mod error;
pub mod exit;
pub mod extract;
pub mod formats;
pub mod indicators;
pub mod names;
pub mod normalize;
pub mod outdir;
pub mod patterns;
pub mod pieces;
pub mod pipeline;
pub mod printer;
pub mod record;
pub mod region;
pub mod report;
pub mod segment;
pub mod stream;
pub mod walk;
pub mod words;
