//! The `zhproof` command-line tool as a library: argument types, configuration, input reading and
//! output formats. The binary (`main.rs`) only wires them together.

pub mod args;
pub mod config;
pub mod input;
pub mod output;
pub mod page;
pub mod run;
pub mod site;
pub mod stream;
