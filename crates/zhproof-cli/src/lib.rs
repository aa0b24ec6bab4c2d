//! The `zhproof` command-line tool as a library: argument types, configuration, input reading and
//! output formats. The binary (`main.rs`) only wires them together.

pub mod args;
pub mod config;
pub mod decode;
pub mod documents;
pub mod entry;
pub mod github;
pub mod input;
pub mod output;
pub mod page;
pub mod pieces;
pub mod progress;
pub mod run;
pub mod safe_write;
pub mod sarif;
pub mod serve;
pub mod site;
pub mod statistics;
pub mod stream;
pub mod wide;
