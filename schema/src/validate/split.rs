//! The JSONL splitter: reads a stream in large blocks that end at a newline, so blocks can be
//! checked on several cores and their lines numbered exactly.
//!
//! A block holds whole lines (the last one may lack its `\n` only at the end of the input). A
//! line longer than the limit is never held whole: once the buffered part of a line passes the
//! limit, the rest is read and counted up to its newline and the line comes out as
//! [`Block::TooLong`]. So memory is bounded by the block size plus the limit, whatever the input.

use std::io::{self, Read};

/// How much a block reads before it looks for its last newline.
pub const BLOCK_BYTES: usize = 1 << 20;

/// One piece of the input, in order.
#[derive(Debug, PartialEq, Eq)]
pub enum Block {
    /// Whole lines: `\n`-terminated, except the input's last line when it has no `\n`.
    Lines(Vec<u8>),
    /// One line of this many bytes (without its `\n`), longer than the limit: skipped.
    TooLong(u64),
}

impl Block {
    /// How many lines the block holds (what the next block's first line number advances by).
    pub fn line_count(&self) -> u64 {
        match self {
            Block::Lines(b) => {
                let newlines = memchr::memchr_iter(b'\n', b).count() as u64;
                newlines + u64::from(b.last().is_some_and(|&c| c != b'\n'))
            }
            Block::TooLong(_) => 1,
        }
    }
}

/// Splits a reader into [`Block`]s.
#[derive(Debug)]
pub struct Splitter<R> {
    reader: R,
    block_bytes: usize,
    max_line: usize,
    /// The start of a line that the previous block could not end.
    carry: Vec<u8>,
    eof: bool,
}

impl<R: Read> Splitter<R> {
    /// Blocks of about `block_bytes`; lines longer than `max_line` bytes come out as
    /// [`Block::TooLong`].
    pub fn new(reader: R, block_bytes: usize, max_line: usize) -> Self {
        Splitter {
            reader,
            block_bytes: block_bytes.max(1),
            max_line,
            carry: Vec::new(),
            eof: false,
        }
    }

    /// The next block, read into `buf` (its contents are replaced; pass a used buffer back to
    /// reuse its memory). `None` at the end of the input.
    pub fn next_block(&mut self, mut buf: Vec<u8>) -> io::Result<Option<Block>> {
        buf.clear();
        buf.append(&mut self.carry);
        loop {
            // Where the search for a newline starts: the carried part has none.
            let searched = buf.len();
            if !self.eof {
                let want = self.block_bytes.saturating_sub(buf.len()).max(1 << 12);
                let got = read_up_to(&mut self.reader, &mut buf, want)?;
                self.eof = got == 0;
            }
            if let Some(i) = memchr::memrchr(b'\n', buf.get(searched..).unwrap_or_default()) {
                let cut = searched + i + 1;
                self.carry
                    .extend_from_slice(buf.get(cut..).unwrap_or_default());
                buf.truncate(cut);
                return Ok(Some(Block::Lines(buf)));
            }
            if self.eof {
                return Ok((!buf.is_empty()).then_some(Block::Lines(buf)));
            }
            if buf.len() > self.max_line {
                return self.skip_line(buf.len() as u64).map(Some);
            }
        }
    }

    /// Reads past the rest of an over-long line (`seen` bytes of it are read) without keeping it.
    fn skip_line(&mut self, mut seen: u64) -> io::Result<Block> {
        let mut chunk = vec![0; 1 << 16];
        loop {
            let n = match self.reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let read = chunk.get(..n).unwrap_or_default();
            if n == 0 {
                self.eof = true;
                return Ok(Block::TooLong(seen));
            }
            if let Some(i) = memchr::memchr(b'\n', read) {
                seen += i as u64;
                self.carry
                    .extend_from_slice(read.get(i + 1..).unwrap_or_default());
                return Ok(Block::TooLong(seen));
            }
            seen += n as u64;
        }
    }
}

/// Appends up to `want` bytes (fewer only at the end of the input); returns how many.
fn read_up_to<R: Read>(r: &mut R, buf: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    let mut total = 0;
    while total < want {
        match r.by_ref().take((want - total) as u64).read_to_end(buf) {
            Ok(0) => break,
            Ok(n) => total += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(total)
}

/// The lines of a [`Block::Lines`], without their `\n`.
pub fn lines(block: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = block.strip_suffix(b"\n").unwrap_or(block);
    let empty = block.is_empty();
    body.split(|&b| b == b'\n').filter(move |_| !empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of the input with its number, as the splitter sees them.
    fn split(input: &[u8], block: usize, max: usize) -> Vec<(u64, Result<Vec<u8>, u64>)> {
        let mut s = Splitter::new(io::BufReader::with_capacity(3, input), block, max);
        let mut out = Vec::new();
        let mut line = 1;
        let mut buf = Vec::new();
        while let Some(b) = s.next_block(std::mem::take(&mut buf)).expect("in memory") {
            let count = b.line_count();
            match &b {
                Block::Lines(bytes) => {
                    let ls: Vec<&[u8]> = lines(bytes).collect();
                    assert_eq!(ls.len() as u64, count);
                    for (i, l) in ls.into_iter().enumerate() {
                        out.push((line + i as u64, Ok(l.to_vec())));
                    }
                }
                Block::TooLong(n) => out.push((line, Err(*n))),
            }
            line += count;
            if let Block::Lines(b) = b {
                buf = b;
            }
        }
        out
    }

    /// What `str::split('\n')` says, with the final empty piece dropped.
    fn expected(input: &[u8], max: usize) -> Vec<(u64, Result<Vec<u8>, u64>)> {
        let mut pieces: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
        if pieces.last().is_some_and(|p| p.is_empty()) {
            pieces.pop();
        }
        pieces
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let r = if p.len() > max {
                    Err(p.len() as u64)
                } else {
                    Ok(p.to_vec())
                };
                (i as u64 + 1, r)
            })
            .collect()
    }

    #[test]
    fn blocks_end_at_newlines_and_number_lines_exactly() {
        let input = b"a\nbb\n\nccc\r\nd";
        for block in 1..16 {
            assert_eq!(
                split(input, block, 100),
                expected(input, 100),
                "block {block}"
            );
        }
        assert!(split(b"", 4, 10).is_empty());
        assert_eq!(split(b"\n", 4, 10), expected(b"\n", 10));
    }

    proptest::proptest! {
        /// Lines over the limit are only reported when the splitter saw them whole or skipped
        /// them; either way each line keeps its number and length.
        #[test]
        fn any_input_splits_like_str_split(
            input in proptest::collection::vec(proptest::sample::select(b"ab\n\r ".to_vec()), 0..300),
            block in 1usize..64,
            max in 1usize..40,
        ) {
            let got = split(&input, block, max);
            let want = expected(&input, max);
            proptest::prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                proptest::prop_assert_eq!(g.0, w.0);
                match (&g.1, &w.1) {
                    // The splitter hands over long lines it could hold; the engine measures them.
                    (Ok(a), Err(n)) => proptest::prop_assert_eq!(a.len() as u64, *n),
                    (a, b) => proptest::prop_assert_eq!(a, b),
                }
            }
        }
    }
}
