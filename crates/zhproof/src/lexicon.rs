//! Dictionaries compiled into automata. This is the only module that names the matching engine:
//! every family matches through [`Automaton`], so the engine can change in one place.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::dictionary::{AllowEntry, Entry};
use crate::error::Result;

/// A leftmost-longest, non-overlapping multi-pattern matcher over strings.
///
/// Pattern ids are the indices of the patterns given to [`Automaton::new`].
pub(crate) struct Automaton {
    engine: Option<AhoCorasick>,
    len: usize,
}

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automaton")
            .field("patterns", &self.len)
            .finish()
    }
}

impl Automaton {
    /// Builds the automaton. Empty patterns are not allowed (callers validate terms).
    pub(crate) fn new<P: AsRef<str>>(patterns: &[P]) -> Automaton {
        let engine = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns.iter().map(|p| p.as_ref().as_bytes()))
                    .expect("non-empty string patterns always build"),
            )
        };
        Automaton {
            engine,
            len: patterns.len(),
        }
    }

    /// Number of patterns.
    #[allow(dead_code)] // used by structured families
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Calls `f(start, end, pattern_id)` for each leftmost-longest, non-overlapping match, left
    /// to right. Offsets are UTF-8 byte offsets on char boundaries.
    #[inline]
    pub(crate) fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let Some(ac) = &self.engine else { return };
        for m in ac.find_iter(text) {
            f(m.start(), m.end(), m.pattern().as_usize());
        }
    }

    /// Approximate heap held by the automaton, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.engine.as_ref().map_or(0, |a| a.memory_usage())
    }
}

/// What a pattern of the [`Lexicon`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Index into [`Lexicon::entries`].
    Entry(u32),
    /// An allow-listed term: its span suppresses findings it covers.
    Allow,
}

/// All dictionary entries and allow-list terms, and one automaton over them.
#[derive(Debug)]
pub(crate) struct Lexicon {
    entries: Vec<Entry>,
    targets: Vec<Target>,
    automaton: Automaton,
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
        let automaton = Automaton::new(&patterns);
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
        self.automaton
            .for_each(text, |s, e, id| f(s, e, self.targets[id]));
    }

    /// Approximate heap held by the automaton, in bytes.
    pub(crate) fn automaton_heap_bytes(&self) -> usize {
        self.automaton.heap_bytes()
    }
}
