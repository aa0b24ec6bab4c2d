//! Dictionaries compiled into one automaton. This is the only module that names the matching
//! engine, so the engine can change behind [`Lexicon::for_each_match`].

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::dictionary::{AllowEntry, Entry};
use crate::error::Result;

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Index into [`Lexicon::entries`].
    Entry(u32),
    /// An allow-listed term: its span suppresses findings it covers.
    Allow,
}

/// All dictionary entries and allow-list terms, and one leftmost-longest automaton over them.
pub(crate) struct Lexicon {
    entries: Vec<Entry>,
    targets: Vec<Target>,
    automaton: Option<AhoCorasick>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entries", &self.entries.len())
            .field("patterns", &self.targets.len())
            .finish()
    }
}

impl Lexicon {
    /// Builds the automaton. `entries` must already be merged (no duplicate terms).
    pub(crate) fn build(entries: Vec<Entry>, allow: &[AllowEntry]) -> Result<Lexicon> {
        let mut patterns: Vec<&str> = Vec::with_capacity(entries.len() + allow.len());
        let mut targets = Vec::with_capacity(entries.len() + allow.len());
        for (i, e) in entries.iter().enumerate() {
            patterns.push(&e.term);
            targets.push(Target::Entry(i as u32));
        }
        for a in allow {
            patterns.push(&a.term);
            targets.push(Target::Allow);
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .expect("dictionary terms are non-empty, so the automaton always builds"),
            )
        };
        Ok(Lexicon {
            entries,
            targets,
            automaton,
        })
    }

    /// The entries, in the order they were loaded.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Calls `f(start, end, target)` for each leftmost-longest, non-overlapping match.
    #[inline]
    pub(crate) fn for_each_match(&self, text: &str, mut f: impl FnMut(usize, usize, Target)) {
        let Some(ac) = &self.automaton else { return };
        for m in ac.find_iter(text) {
            f(m.start(), m.end(), self.targets[m.pattern().as_usize()]);
        }
    }

    /// Approximate heap held by the automaton, in bytes.
    pub(crate) fn automaton_heap_bytes(&self) -> usize {
        self.automaton.as_ref().map_or(0, |a| a.memory_usage())
    }
}
