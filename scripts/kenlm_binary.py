#!/usr/bin/env python3
"""Read a KenLM binary trie language model without KenLM, and dump it as an ARPA file.

The statistical typo detector (issue 16) uses a general-domain Chinese word trigram model as one of
its signals. The model we use ships in Debian's libime-data-language-model package (zh_CN.lm) only
in KenLM's binary trie format, so this script decodes that format with numpy alone: it yields every
n-gram with its log10 probability and backoff, exactly as KenLM would score it, and can write them
as a standard ARPA file for any other tool (or our build) to consume. It reads the four trie types
KenLM writes (trie, quantized trie, trie with array-compressed pointers, and both) and refuses the
hash-table types and any other format version by name. The format was learnt by reading KenLM's
source; no KenLM code is copied or linked. Licences: this script is ours (the repository's
MIT/Apache-2.0); the data it reads is not. libime's zh_CN.lm is LGPL-2.1+ (see
/usr/share/doc/libime-data-language-model/copyright after installing the package), and anything
dumped from it (the ARPA, tables derived from it) stays under that licence and must not be committed
here without the lead deciding how it is shipped.

Usage:
  scripts/kenlm_binary.py [MODEL.lm] --arpa OUT.arpa   # MODEL defaults to the Debian path below
      --sentence-markers adds <s> and </s> as aliases of <unk> when the model lacks them (zh_CN.lm
      does; KenLM's binary maps them to <unk>), because KenLM's ARPA loader refuses such a file.
  scripts/kenlm_binary.py [MODEL.lm] --info            # header, sizes and counts only
  scripts/kenlm_binary.py [MODEL.lm] --selftest [--sequences N] [--arpa OUT.arpa]
      decodes the model (checking its structure and that every word hashes to its stored hash),
      dumps the ARPA (to a temporary file unless --arpa is given) and checks its counts against the
      header, loads it and the binary with the kenlm Python module and compares full_scores on N
      (default 20000) random word sequences, most of them walks along the model's own n-grams, and
      compares sampled decoded probabilities with KenLM's lookups; exit 1 on any difference. Skips
      (exit 0, with a message) when the kenlm module or the model file is absent.

Python use:
  vocab, grams = read_ngrams(path)
  vocab[i] is the string of word index i (0 is <unk>); grams[n - 1] = (words, prob, backoff) with
  words an (count, n) uint32 array of word indices in sentence order, prob and backoff float32
  arrays of log10 values (backoff is None for the highest order; a backoff of 0 means none).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import tempfile
import time

import numpy as np

DEFAULT_MODEL = "/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm"

MODEL_NAMES = {
    0: "PROBING (probing hash tables)",
    1: "REST_PROBING (probing hash tables with rest costs)",
    2: "TRIE",
    3: "QUANT_TRIE (trie with quantization)",
    4: "ARRAY_TRIE (trie with array-compressed pointers)",
    5: "QUANT_ARRAY_TRIE (trie with quantization and array-compressed pointers)",
}
TRIE_TYPES = (2, 3, 4, 5)

MAGIC = b"mmap lm http://kheafield.com/code format version 5\n\0"
MAGIC_PREFIX = b"mmap lm http://kheafield.com/code"
INCOMPLETE = b"mmap lm http://kheafield.com/code incomplete\n"

QUANT_VERSION = 2
BHIKSHA_VERSION = 0
SEARCH_VERSION = 1

MASK64 = (1 << 64) - 1


class FormatError(Exception):
    """The file is not a KenLM binary trie model this reader understands."""


def align8(n: int) -> int:
    return (n + 7) // 8 * 8


def required_bits(max_value: int) -> int:
    """Bits needed to store every integer in [0, max_value]."""
    return int(max_value).bit_length()


def murmur64a(data: bytes, seed: int = 0) -> int:
    """MurmurHash64A (Austin Appleby, public domain), as KenLM hashes vocabulary words."""
    m = 0xC6A4A7935BD1E995
    h = (seed ^ (len(data) * m)) & MASK64
    nblocks = len(data) // 8
    for (k,) in struct.iter_unpack("<Q", data[: nblocks * 8]):
        k = (k * m) & MASK64
        k ^= k >> 47
        k = (k * m) & MASK64
        h ^= k
        h = (h * m) & MASK64
    tail = data[nblocks * 8 :]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & MASK64
    h ^= h >> 47
    h = (h * m) & MASK64
    h ^= h >> 47
    return h


def _sanity_bytes() -> bytes:
    """The fixed test block at the start of every version-5 file (little-endian, 64-bit safe)."""
    magic = MAGIC.ljust(align8(len(MAGIC) + 1), b"\0")  # C sizeof counts the literal's own NUL
    return magic + struct.pack("<fffIIIQ", 0.0, 1.0, -0.5, 1, 0xFFFFFFFF, 0, 1)


class _Bits:
    """Reads little-endian bit fields at arbitrary bit offsets of a byte buffer, vectorised."""

    def __init__(self, buf: np.ndarray, start: int):
        self.buf = buf
        self.start = start

    def read(self, bit_offsets: np.ndarray, length: int) -> np.ndarray:
        if length == 0:
            return np.zeros(len(bit_offsets), dtype=np.uint64)
        if length > 57:
            raise ValueError("bit fields are at most 57 bits")
        byte = (bit_offsets >> np.uint64(3)).astype(np.int64) + self.start
        shift = (bit_offsets & np.uint64(7)).astype(np.uint64)
        if len(byte) and int(byte.max()) + 8 > len(self.buf):
            raise FormatError("bit-packed array runs past the end of the file")
        words = np.zeros(len(byte), dtype=np.uint64)
        for i in range(8):
            words |= self.buf[byte + i].astype(np.uint64) << np.uint64(8 * i)
        return (words >> shift) & np.uint64((1 << length) - 1)


def _read_header(buf: np.ndarray) -> dict:
    raw = buf[:512].tobytes()
    sanity = _sanity_bytes()
    if raw.startswith(INCOMPLETE):
        raise FormatError("this KenLM binary file did not finish building")
    if not raw.startswith(sanity):
        if raw.startswith(MAGIC_PREFIX) and len(raw) < len(sanity):
            raise FormatError("file ends inside the KenLM header")
        if raw.startswith(MAGIC_PREFIX):
            line = raw.split(b"\n", 1)[0].decode("ascii", "replace")
            raise FormatError(f"unsupported KenLM binary header ({line!r}); only format version 5 "
                              "written on a little-endian 64-bit machine is understood")
        raise FormatError("not a KenLM binary file (an ARPA file can be used directly)")
    off = len(sanity)
    if len(raw) < off + 20 or len(raw) < off + 20 + 8 * raw[off]:
        raise FormatError("file ends inside the KenLM header")
    # FixedWidthParameters: uchar order; float probing_multiplier; int model_type;
    # bool has_vocabulary; uint search_version -- with C alignment, 20 bytes.
    order, multiplier, model_type, has_vocab, search_version = struct.unpack_from("<B3xfiB3xI", raw, off)
    off += 20
    counts = list(struct.unpack_from(f"<{order}Q", raw, off))
    header_size = align8(off + 8 * order)
    if model_type not in TRIE_TYPES:
        name = MODEL_NAMES.get(model_type, f"unknown model type {model_type}")
        raise FormatError(f"model type {model_type} = {name} is not supported; this reader handles "
                          "only the trie types (TRIE, QUANT_TRIE, ARRAY_TRIE, QUANT_ARRAY_TRIE). "
                          "Convert with KenLM's build_binary trie, or use the ARPA.")
    if search_version != SEARCH_VERSION:
        raise FormatError(f"trie search version {search_version}, expected {SEARCH_VERSION}")
    if order < 2:
        raise FormatError(f"order {order}: KenLM tries have at least order 2")
    return {
        "order": order,
        "probing_multiplier": multiplier,
        "model_type": model_type,
        "model_name": MODEL_NAMES[model_type],
        "has_vocabulary": bool(has_vocab),
        "counts": counts,
        "header_size": header_size,
    }


def _array_chop_bits(max_offset: int, max_next: int, config_bits: int) -> int:
    """How many high bits of the next pointers ArrayBhiksha moves into its offset table."""
    required = required_bits(max_next)
    best_chop, lowest = 0, None
    for chop in range(min(required, config_bits) + 1):
        change = (max_next >> (required - chop)) * 64 - max_offset * chop
        if lowest is None or change < lowest:
            lowest, best_chop = change, chop
    return best_chop


def read_model(path: str) -> dict:
    """Decodes the whole model; returns the header fields plus 'vocab' and 'grams' (see read_ngrams)."""
    buf = np.fromfile(path, dtype=np.uint8)
    info = _read_header(buf)
    order, counts = info["order"], info["counts"]
    quantized = info["model_type"] in (3, 5)
    array_pointers = info["model_type"] in (4, 5)
    pos = info["header_size"]

    def need(end: int, what: str) -> None:
        if end > len(buf):
            raise FormatError(f"file ends at byte {len(buf)} inside the {what} (needs {end} bytes): truncated?")

    need(pos + 8 * (1 + counts[0]), "vocabulary hashes")

    # SortedVocabulary: uint64 number of words (without <unk>), then their sorted 64-bit hashes.
    (n_hashes,) = struct.unpack_from("<Q", buf, pos)
    if n_hashes + 1 != counts[0]:
        raise FormatError(f"vocabulary has {n_hashes} hashes but the header counts {counts[0]} unigrams")
    hashes = buf[pos + 8 : pos + 8 + 8 * n_hashes].view("<u8")
    if n_hashes > 1 and not np.all(hashes[1:] > hashes[:-1]):
        raise FormatError("vocabulary hashes are not strictly increasing")
    pos += 8 + 8 * counts[0]

    # Quantization tables (QUANT_*): 8-byte header (version, prob bits, backoff bits), then for
    # each middle order a probability and a backoff table, then the highest order's probabilities.
    prob_bits = backoff_bits = 0
    prob_tables: list[np.ndarray] = []
    backoff_tables: list[np.ndarray] = []
    if quantized:
        need(pos + 8, "quantization header")
        version, prob_bits, backoff_bits = (int(x) for x in buf[pos : pos + 3])
        if version != QUANT_VERSION:
            raise FormatError(f"quantization version {version}, expected {QUANT_VERSION}")
        if not (1 <= prob_bits <= 25 and 1 <= backoff_bits <= 25):
            raise FormatError(f"implausible quantization bits {prob_bits}/{backoff_bits}")
        need(pos + 8 + 4 * ((order - 2) * ((1 << prob_bits) + (1 << backoff_bits)) + (1 << prob_bits)),
             "quantization tables")
        t = pos + 8
        for _ in range(order - 2):
            prob_tables.append(buf[t : t + 4 * (1 << prob_bits)].view("<f4"))
            t += 4 * (1 << prob_bits)
            backoff_tables.append(buf[t : t + 4 * (1 << backoff_bits)].view("<f4"))
            t += 4 * (1 << backoff_bits)
        prob_tables.append(buf[t : t + 4 * (1 << prob_bits)].view("<f4"))
        t += 4 * (1 << prob_bits)
        pos = t
    middle_quant_bits = prob_bits + backoff_bits if quantized else 63  # else 31-bit prob + float backoff
    longest_quant_bits = prob_bits if quantized else 31

    # Unigrams: (count + 2) records of float prob, float backoff, uint64 next (start of the word's
    # bigram range); record count holds the end of the last range.
    need(pos + (counts[0] + 2) * 16, "unigrams")
    uni_dtype = np.dtype([("prob", "<f4"), ("backoff", "<f4"), ("next", "<u8")])
    uni = np.frombuffer(buf, dtype=uni_dtype, count=counts[0] + 2, offset=pos)
    pos += (counts[0] + 2) * 16
    nexts = uni["next"][: counts[0] + 1].astype(np.int64)

    word_bits = required_bits(counts[0])
    pointer_config_bits = None
    if array_pointers and order > 2:
        need(pos + 2, "pointer compression header")
        version, pointer_config_bits = int(buf[pos]), int(buf[pos + 1])
        if version != BHIKSHA_VERSION:
            raise FormatError(f"array pointer compression version {version}, expected {BHIKSHA_VERSION}")

    probs = [uni["prob"][: counts[0]].copy()]
    backoffs = [uni["backoff"][: counts[0]].copy()]
    words = [np.arange(counts[0], dtype=np.uint32)[:, None]]
    parent_next = nexts
    for n in range(2, order + 1):
        entries = counts[n - 1]
        if len(parent_next) != counts[n - 2] + 1 or int(parent_next[-1]) != entries:
            raise FormatError(f"the {n - 1}-gram pointers end at {int(parent_next[-1])}, "
                              f"not at the {entries} {n}-grams of the header")
        if np.any(np.diff(parent_next) < 0):
            raise FormatError(f"the {n - 1}-gram pointers are not monotonic")
        last = n == order
        max_next = 0 if last else counts[n]
        if last:
            inline_bits, offsets, packed_start = 0, None, pos
            quant_bits = longest_quant_bits
        else:
            quant_bits = middle_quant_bits
            if array_pointers:
                chop = _array_chop_bits(entries + 1, max_next, pointer_config_bits)
                inline_bits = required_bits(max_next) - chop
                array_count = (max_next >> inline_bits) + 1
                table = align8(pos) + 8
                need(table + 8 * array_count, f"{n}-gram pointer table")
                offsets = buf[table : table + 8 * array_count].view("<u8").astype(np.int64)
                packed_start = pos + 8 * (1 + array_count) + 7
            else:
                inline_bits, offsets, packed_start = required_bits(max_next), None, pos
        total_bits = word_bits + quant_bits + inline_bits
        size = ((1 + entries) * total_bits + 7) // 8 + 8
        bits = _Bits(buf, packed_start)
        index = np.arange(entries + (0 if last else 1), dtype=np.uint64)
        base = index * np.uint64(total_bits)
        own = bits.read(base[:entries], word_bits)
        if entries and int(own.max()) >= counts[0]:
            raise FormatError(f"a {n}-gram names word {int(own.max())}, beyond the vocabulary")
        q = base[:entries] + np.uint64(word_bits)
        if quantized:
            if last:
                prob = prob_tables[-1][bits.read(q, prob_bits).astype(np.int64)]
                backoff = None
            else:
                backoff = backoff_tables[n - 2][bits.read(q, backoff_bits).astype(np.int64)]
                prob = prob_tables[n - 2][bits.read(q + np.uint64(backoff_bits), prob_bits).astype(np.int64)]
        else:
            prob = (bits.read(q, 31).astype(np.uint32) | np.uint32(0x80000000)).view(np.float32)
            backoff = None if last else bits.read(q + np.uint64(31), 32).astype(np.uint32).view(np.float32)
        # Parent of each entry: the (n-1)-gram whose child range contains it. Children are the
        # word before the parent's n-gram (the trie is keyed right to left).
        parent = np.repeat(np.arange(counts[n - 2], dtype=np.int64), np.diff(parent_next))
        ngram_words = np.empty((entries, n), dtype=np.uint32)
        ngram_words[:, 0] = own
        ngram_words[:, 1:] = words[n - 2][parent]
        # Siblings are sorted by word index (KenLM binary-searches them).
        same_parent = parent[1:] == parent[:-1]
        if np.any(own[1:][same_parent] <= own[:-1][same_parent]):
            raise FormatError(f"{n}-gram siblings are not sorted: the file is damaged or misread")
        words.append(ngram_words)
        probs.append(prob.astype(np.float32))
        backoffs.append(None if backoff is None else backoff.astype(np.float32))
        if not last:
            low = bits.read(base + np.uint64(word_bits + quant_bits), inline_bits).astype(np.int64)
            if offsets is not None:
                high = np.searchsorted(offsets, index.astype(np.int64), side="right") - 1
                low |= high << inline_bits
            parent_next = low
        pos += (0 if offsets is None else 8 * (1 + len(offsets)) + 7) + size

    info["vocab_string_offset"] = pos
    if pos > len(buf):
        raise FormatError(f"file has {len(buf)} bytes but its tables need {pos}")
    if not info["has_vocabulary"]:
        raise FormatError("this binary file does not store the vocabulary strings (built without "
                          "them), so words cannot be named")
    strings = buf[pos:].tobytes().split(b"\0")
    if strings and strings[-1] == b"":
        strings.pop()
    if len(strings) != counts[0] or strings[0] != b"<unk>":
        raise FormatError(f"expected {counts[0]} NUL-terminated words starting with <unk> at byte "
                          f"{pos}, found {len(strings)}")
    vocab = [s.decode("utf-8", "surrogateescape") for s in strings]
    info["vocab"] = vocab
    info["hashes"] = hashes
    info["grams"] = [(words[i], probs[i], backoffs[i] if i < order - 1 else None) for i in range(order)]
    info["quant_bits"] = (prob_bits, backoff_bits) if quantized else None
    info["pointer_bits"] = pointer_config_bits
    info["file_size"] = len(buf)
    return info


def check_vocab_hashes(info: dict) -> None:
    """Word i (i >= 1) must hash to the i-th stored hash: proves the strings are in index order."""
    hashes = info["hashes"]
    for i, word in enumerate(info["vocab"][1:]):
        if murmur64a(word.encode("utf-8", "surrogateescape")) != int(hashes[i]):
            raise FormatError(f"word {i + 1} {word!r} does not hash to the stored vocabulary hash")


def read_ngrams(path: str = DEFAULT_MODEL, check_hashes: bool = True):
    """(vocab, grams): vocab[i] = word of index i; grams[n-1] = (words (count, n), prob, backoff)."""
    info = read_model(path)
    if check_hashes:
        check_vocab_hashes(info)
    return info["vocab"], info["grams"]


def _format_floats(values: np.ndarray) -> list[str]:
    """Shortest decimal strings that read back as exactly the same float32 values."""
    values = np.asarray(values, dtype=np.float32)
    out = np.empty(len(values), dtype=object)
    todo = np.arange(len(values))
    for digits in (6, 7, 8, 9):
        if not len(todo):
            break
        cand = np.array([f"{v:.{digits}g}" for v in values[todo].tolist()], dtype=object)
        back = np.array([float(s) for s in cand], dtype=np.float64).astype(np.float32)
        ok = (back == values[todo]) | (np.isnan(back) & np.isnan(values[todo]))
        out[todo[ok]] = cand[ok]
        todo = todo[~ok]
    if len(todo):
        raise AssertionError("a float32 did not round-trip at 9 significant digits")
    return out.tolist()


def write_arpa(vocab: list[str], grams, out_path: str, sentence_markers: bool = False) -> None:
    """Writes the n-grams as an ARPA file, sorted by word index within each order.

    sentence_markers: if the vocabulary lacks <s> or </s>, add them as unigrams carrying <unk>'s
    weights. A KenLM binary without them maps both to <unk> (index 0), so this keeps the scores the
    same, and KenLM's ARPA loader refuses a file without them by default. Off: the n-grams are
    written exactly as stored, and the counts equal the binary header's.
    """
    extra = []
    if sentence_markers:
        extra = [m for m in ("<s>", "</s>") if m not in vocab]
    for w in vocab:
        if not w or any(c in w for c in " \t\n\r"):
            raise FormatError(f"vocabulary word {w!r} cannot be written to ARPA (empty or whitespace)")
    vocab_arr = np.array(vocab, dtype=object)
    with open(out_path, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as out:
        out.write("\\data\\\n")
        for n, (words, _, _) in enumerate(grams, start=1):
            out.write(f"ngram {n}={len(words) + (len(extra) if n == 1 else 0)}\n")
        for n, (words, prob, backoff) in enumerate(grams, start=1):
            out.write(f"\n\\{n}-grams:\n")
            order = np.lexsort(words.T[::-1])
            words, prob = words[order], prob[order]
            backoff = None if backoff is None else backoff[order]
            if n == 1 and extra:
                (unk,) = np.flatnonzero(words[:, 0] == 0)
                words = np.concatenate([words, np.full((len(extra), 1), len(vocab_arr), dtype=words.dtype)])
                words[-len(extra) :, 0] += np.arange(len(extra), dtype=words.dtype)
                vocab_arr = np.concatenate([vocab_arr, np.array(extra, dtype=object)])
                prob = np.concatenate([prob, np.repeat(prob[unk], len(extra))])
                backoff = np.concatenate([backoff, np.repeat(backoff[unk], len(extra))])
            for lo in range(0, len(words), 200_000):  # in chunks: bounded memory
                hi = min(lo + 200_000, len(words))
                text = [" ".join(ws) for ws in vocab_arr[words[lo:hi]].tolist()]
                probs = _format_floats(prob[lo:hi])
                if backoff is None:
                    out.writelines(f"{p}\t{t}\n" for p, t in zip(probs, text))
                    continue
                chunk = backoff[lo:hi]
                nonzero = chunk != 0  # -0.0 and 0.0 both mean "no backoff" in ARPA
                bos = [""] * len(chunk)
                for i, b in zip(np.flatnonzero(nonzero).tolist(), _format_floats(chunk[nonzero])):
                    bos[i] = "\t" + b
                out.writelines(f"{p}\t{t}{b}\n" for p, t, b in zip(probs, text, bos))
        out.write("\n\\end\\\n")


# ---------------------------------------------------------------------------------------------
# Self-test against the kenlm module


def _test_sequences(vocab, grams, count: int, rng: np.random.Generator) -> list[str]:
    """Random word sequences of 1-8 words: half are walks along the model's own n-grams (each next
    word continues a stored highest-order n-gram, else a stored bigram, else is random), a quarter
    are walks along bigrams only, a quarter are random words; 15% get an out-of-vocabulary word."""
    order = len(grams)
    vsize = np.uint64(len(vocab))
    top = grams[-1][0]
    # Highest-order n-grams keyed by their first order-1 words, bigrams by their first word. (For
    # high orders with a large vocabulary the key wraps around; a collision only makes a walk less
    # real, never a test wrong.)
    key = np.zeros(len(top), dtype=np.uint64)
    for c in range(order - 1):
        key = key * vsize + top[:, c].astype(np.uint64)
    top_order = np.argsort(key, kind="stable")
    top_keys = key[top_order]
    bigrams = grams[1][0]
    bi_order = np.argsort(bigrams[:, 0], kind="stable")
    bi_keys = bigrams[bi_order, 0]

    def continuations(seq, use_top):
        if use_top and len(seq) >= order - 1:
            k = np.uint64(0)
            for w in seq[-(order - 1):]:
                k = k * vsize + np.uint64(w)
            lo, hi = np.searchsorted(top_keys, k, side="left"), np.searchsorted(top_keys, k, side="right")
            if hi > lo:
                return top[top_order[lo:hi], -1]
        lo, hi = np.searchsorted(bi_keys, seq[-1], side="left"), np.searchsorted(bi_keys, seq[-1], side="right")
        return bigrams[bi_order[lo:hi], 1] if hi > lo else None

    oov = ["未登录词甲", "zzqx", "<unk>", "ＯＯＶ乙"]
    sentences = []
    for i in range(count):
        length = int(rng.integers(1, 9))
        kind = i % 4
        if kind == 3:
            seq = rng.integers(1, len(vocab), size=length).tolist()
        else:
            src = top if kind < 2 else bigrams
            seq = src[int(rng.integers(len(src)))].tolist()[:length]
            while len(seq) < length:
                nxt = continuations(seq, kind < 2)
                seq.append(int(rng.integers(1, len(vocab))) if nxt is None else int(nxt[rng.integers(len(nxt))]))
        words = [vocab[w] for w in seq]
        if rng.random() < 0.15:
            words[int(rng.integers(length))] = oov[int(rng.integers(len(oov)))]
        sentences.append(" ".join(words))
    return sentences


def _arpa_counts(path: str) -> tuple[list[int], list[int]]:
    """(counts declared in \\data\\, n-gram lines found per section) of an ARPA file."""
    declared: list[int] = []
    found: list[int] = []
    section = 0
    with open(path, "rb") as f:
        for line in f:
            if section == 0 and line.startswith(b"ngram "):
                declared.append(int(line.split(b"=")[1]))
            elif line.startswith(b"\\") and line.rstrip().endswith(b"-grams:"):
                section = int(line[1:].split(b"-")[0])
                found.append(0)
            elif line.startswith(b"\\end"):
                section = -1
            elif section > 0 and line.strip():
                found[section - 1] += 1
    return declared, found


def _compare(binary, arpa, sentences, bos_eos: bool) -> tuple[int, int, list[int], float]:
    """Scores every sentence with both models: (failures, words scored, per matched length, max diff)."""
    failures = scored = 0
    max_diff = 0.0
    by_length = [0] * (binary.order + 1)
    for s in sentences:
        a = list(binary.full_scores(s, bos=bos_eos, eos=bos_eos))
        b = list(arpa.full_scores(s, bos=bos_eos, eos=bos_eos))
        if len(a) != len(b):
            failures += 1
            continue
        for i, ((pa, la, oa), (pb, lb, ob)) in enumerate(zip(a, b)):
            scored += 1
            by_length[la] += 1
            max_diff = max(max_diff, abs(pa - pb))
            # With sentence markers, </s> is <unk> (out of vocabulary) in a binary without it.
            oov_differs = oa != ob and not (bos_eos and i == len(a) - 1)
            if abs(pa - pb) > 1e-4 or la != lb or oov_differs:
                failures += 1
                if failures <= 10:
                    print(f"FAIL {s!r} word {i}: binary {pa:.6f} length {la} oov {oa}, "
                          f"ARPA {pb:.6f} length {lb} oov {ob}")
    return failures, scored, by_length, max_diff


def selftest(model_path: str, sequences: int, arpa_path: str | None) -> int:
    """Checks the decoder and the ARPA writer against the kenlm module; 0 when every check passes."""
    try:
        import kenlm  # noqa: PLC0415 (optional dependency, only for the self-test)
    except ImportError:
        print("selftest skipped: the kenlm Python module is not installed (pip install kenlm)")
        return 0
    if not os.path.exists(model_path):
        print(f"selftest skipped: no model at {model_path} (apt-get install libime-data-language-model)")
        return 0
    t0 = time.time()
    info = read_model(model_path)
    check_vocab_hashes(info)
    t1 = time.time()
    vocab, grams, counts = info["vocab"], info["grams"], info["counts"]
    print(f"read {model_path}: {info['model_name']}, order {info['order']}, counts {counts}, "
          f"decoded in {t1 - t0:.1f} s (structure and vocabulary hashes checked)")
    failures = 0
    decoded = [len(words) for words, _, _ in grams]
    if decoded != counts:
        print(f"FAIL: decoded n-grams per order {decoded}, header {counts}")
        failures += 1
    for n, (words, _, _) in enumerate(grams, start=1):
        if len(np.unique(words, axis=0)) != len(words):
            print(f"FAIL: duplicate {n}-grams")
            failures += 1

    with tempfile.TemporaryDirectory() as tmp:
        if arpa_path is None:
            arpa_path = os.path.join(tmp, "dump.arpa")
        t2 = time.time()
        write_arpa(vocab, grams, arpa_path)
        t3 = time.time()
        print(f"wrote {arpa_path}: {os.path.getsize(arpa_path):,} bytes in {t3 - t2:.1f} s")
        declared, found = _arpa_counts(arpa_path)
        if declared != counts or found != counts:
            print(f"FAIL: ARPA declares {declared} and holds {found} n-grams, header {counts}")
            failures += 1
        else:
            print(f"ARPA n-gram counts per order (declared and present) equal the header's: {counts}")

        # KenLM's ARPA loader refuses a model without <s> and </s>: load a copy with them added
        # (as the binary has them: aliases of <unk>).
        kenlm_arpa = arpa_path
        if "<s>" not in vocab or "</s>" not in vocab:
            kenlm_arpa = os.path.join(tmp, "markers.arpa")
            write_arpa(vocab, grams, kenlm_arpa, sentence_markers=True)
            print("the model has no <s>/</s>: KenLM loads a copy with them added as <unk> aliases")
        binary = kenlm.Model(model_path)
        arpa = kenlm.Model(kenlm_arpa)
    if binary.order != arpa.order or binary.order != info["order"]:
        print(f"FAIL: orders {binary.order} (binary) / {arpa.order} (ARPA) / {info['order']} (decoded)")
        failures += 1

    rng = np.random.default_rng(20261201)
    sentences = _test_sequences(vocab, grams, sequences, rng)
    fails, scored, by_length, max_diff = _compare(binary, arpa, sentences, bos_eos=False)
    failures += fails
    print(f"full_scores(bos=False, eos=False) on {len(sentences)} sequences, {scored} words: "
          f"{fails} differences; matched n-gram length "
          + ", ".join(f"{n}: {by_length[n]}" for n in range(1, len(by_length)))
          + f"; largest |binary - ARPA| {max_diff:.3g}")
    fails, scored, by_length, max_diff = _compare(binary, arpa, sentences[: sequences // 10], bos_eos=True)
    failures += fails
    print(f"full_scores(bos=True, eos=True) on {sequences // 10} of them, {scored} words: {fails} "
          f"differences; largest |binary - ARPA| {max_diff:.3g}")

    # Our decoded values against KenLM's own lookups, without the ARPA: every sampled highest-order
    # n-gram, scored in its context, must give exactly the decoded probability.
    top_words, top_prob, _ = grams[-1]
    picks = rng.choice(len(top_words), size=min(2000, len(top_words)), replace=False)
    direct = 0
    for k in picks.tolist():
        s = " ".join(vocab[w] for w in top_words[k].tolist())
        p, length, _ = list(binary.full_scores(s, bos=False, eos=False))[-1]
        if length != info["order"] or abs(p - float(top_prob[k])) > 1e-6:
            direct += 1
            if direct <= 10:
                print(f"FAIL direct {s!r}: kenlm {p} length {length}, decoded {top_prob[k]}")
    failures += direct
    print(f"{len(picks)} sampled {info['order']}-grams: {direct} decoded probabilities differ from KenLM's")
    print(f"selftest {'FAILED' if failures else 'passed'} ({failures} failures, {time.time() - t0:.0f} s)")
    return 1 if failures else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", nargs="?", default=DEFAULT_MODEL, help="KenLM binary trie model")
    ap.add_argument("--arpa", help="write the n-grams to this ARPA file")
    ap.add_argument("--sentence-markers", action="store_true",
                    help="add <s> and </s> (as aliases of <unk>) when the model lacks them, so that "
                    "KenLM's ARPA loader accepts the file")
    ap.add_argument("--info", action="store_true", help="print the header and counts")
    ap.add_argument("--selftest", action="store_true", help="compare with the kenlm module")
    ap.add_argument("--sequences", type=int, default=20000, help="word sequences for --selftest")
    args = ap.parse_args(argv)
    if args.selftest:
        return selftest(args.model, args.sequences, args.arpa)
    if not (args.arpa or args.info):
        ap.error("nothing to do: give --arpa OUT.arpa, --info or --selftest")
    try:
        t0 = time.time()
        info = read_model(args.model)
        check_vocab_hashes(info)
    except (FormatError, OSError) as e:
        print(f"{args.model}: {e}", file=sys.stderr)
        return 1
    t1 = time.time()
    if args.info:
        print(f"{args.model}: {info['model_name']}, order {info['order']}, counts {info['counts']}, "
              f"quantization bits (prob, backoff) {info['quant_bits']}, pointer bits {info['pointer_bits']}, "
              f"{info['file_size']:,} bytes, decoded in {t1 - t0:.1f} s")
    if args.arpa:
        write_arpa(info["vocab"], info["grams"], args.arpa, args.sentence_markers)
        print(f"wrote {args.arpa}: {os.path.getsize(args.arpa):,} bytes in {time.time() - t0:.1f} s",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
