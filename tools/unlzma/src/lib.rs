//! An LZMA decoder small enough to ship inside the page, in front of the workbook's wasm.
//!
//! The one-file page carries the workbook's wasm compressed. LZMA (xz's `--format=lzma`, preset
//! 9e) makes it about a fifth smaller than the best deflate (zopfli), but browsers only inflate
//! deflate natively, and an LZMA decoder written in JavaScript took 120–170 ms on its first run
//! in Chromium (the range coder's 32-bit arithmetic runs as boxed doubles until the JIT catches
//! up). Compiled to WebAssembly the same loop runs at near-native speed from the first byte, so
//! `tools/bundle` builds this crate for `wasm32-unknown-unknown`, lowers it to the MVP feature
//! set like the workbook, and puts it in the page; the boot code instantiates it, copies the
//! compressed bytes into its memory, calls [`unlzma`], and instantiates what comes out.
//!
//! The stream is the `.lzma` ("LZMA alone") format with its uncompressed size written into the
//! header: 1 byte of properties (lc, lp, pb), a 4-byte dictionary size (ignored: the output
//! buffer is the dictionary), the 8-byte size, then the range-coded data. An end marker after
//! the last byte is allowed and not read. The decoder follows the LZMA specification's
//! reference decoder (Igor Pavlov's `LzmaSpec.cpp`); it never reads or writes out of bounds
//! and reports damaged input as an error.
//!
//! Natively this is an ordinary library, tested against liblzma's encoder (`tests/`), and used by
//! `tools/bundle` to check the payload it wrote.
#![cfg_attr(target_arch = "wasm32", no_std)]

/// Why a stream could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Not an LZMA-alone header with a known size, or properties beyond lc + lp ≤ 4.
    Header,
    /// The output buffer's length is not the size the header gives.
    Size,
    /// The compressed data is damaged (a distance before the start, a match past the end, a
    /// bad first byte).
    Data,
    /// The compressed data ends too early.
    Truncated,
}

/// The header's length: properties, dictionary size, uncompressed size.
pub const HEADER: usize = 13;

/// The size the header announces, if it is a header this decoder reads.
pub fn declared_size(src: &[u8]) -> Option<usize> {
    let props = *src.first()?;
    if src.len() < HEADER + 5 || props >= 9 * 5 * 5 {
        return None;
    }
    let (lc, lp) = (props % 9, (props / 9) % 5);
    if lc + lp > 4 {
        return None;
    }
    let mut size = [0u8; 8];
    size.copy_from_slice(&src[5..13]);
    usize::try_from(u64::from_le_bytes(size)).ok()
}

const IS_MATCH: usize = 0;
const IS_REP: usize = 192;
const IS_REP_G0: usize = 204;
const IS_REP_G1: usize = 216;
const IS_REP_G2: usize = 228;
const IS_REP0_LONG: usize = 240;
const POS_SLOT: usize = 432;
const POS_SPECIAL: usize = 688;
const ALIGN: usize = 803;
const MATCH_LEN: usize = 819;
const REP_LEN: usize = 1333;
const LITERAL: usize = 1847;
/// Every probability, with the literal coders for lc + lp = 4 at most.
const PROBS: usize = LITERAL + (0x300 << 4);

/// The range decoder over the compressed bytes.
struct Range<'a> {
    src: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
}

impl Range<'_> {
    #[inline(always)]
    fn next(&mut self) -> u32 {
        // Past the end reads zeros; `decode` reports the stream as truncated afterwards.
        let b = self.src.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        u32::from(b)
    }

    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | self.next();
        }
    }

    #[inline(always)]
    fn bit(&mut self, p: &mut u16) -> u32 {
        let bound = (self.range >> 11) * u32::from(*p);
        let bit = if self.code < bound {
            self.range = bound;
            *p += (2048 - *p) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *p -= *p >> 5;
            1
        };
        self.normalize();
        bit
    }

    /// `bits` bits, most significant first, through a tree of probabilities at `probs[1..]`.
    #[inline(always)]
    fn tree(&mut self, probs: &mut [u16], bits: u32) -> u32 {
        let mut m = 1u32;
        for _ in 0..bits {
            m = (m << 1) | self.bit(&mut probs[m as usize]);
        }
        m - (1 << bits)
    }

    /// `bits` bits, least significant first.
    #[inline(always)]
    fn reverse(&mut self, probs: &mut [u16], bits: u32) -> u32 {
        let (mut m, mut r) = (1u32, 0u32);
        for i in 0..bits {
            let b = self.bit(&mut probs[m as usize]);
            m = (m << 1) | b;
            r |= b << i;
        }
        r
    }

    /// `bits` bits at probability one half.
    fn direct(&mut self, bits: u32) -> u32 {
        let mut r = 0u32;
        for _ in 0..bits {
            self.range >>= 1;
            let b = u32::from(self.code >= self.range);
            self.code -= self.range & 0u32.wrapping_sub(b);
            r = (r << 1) | b;
            self.normalize();
        }
        r
    }

    /// A match length minus two.
    fn len(&mut self, probs: &mut [u16], pos_state: usize) -> u32 {
        if self.bit(&mut probs[0]) == 0 {
            self.tree(&mut probs[2 + (pos_state << 3)..], 3)
        } else if self.bit(&mut probs[1]) == 0 {
            8 + self.tree(&mut probs[130 + (pos_state << 3)..], 3)
        } else {
            16 + self.tree(&mut probs[258..], 8)
        }
    }
}

/// Decodes the LZMA-alone stream `src` into `out`, whose length must be the declared size.
pub fn decode(src: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let mut d = Decoder::new(src, out.len())?;
    d.run(src, out, usize::MAX).map(|_| ())
}

/// A decoding in progress, resumable: [`Decoder::run`] stops once it has written up to a limit,
/// so the page can call it in slices. A WebAssembly function that is already running keeps the
/// code it started with (Chromium has no on-stack replacement for wasm), so one long call would
/// run entirely in the baseline compiler's code; slices let the optimised code take over.
pub struct Decoder {
    probs: [u16; PROBS],
    at: usize,
    range: u32,
    code: u32,
    lc: u32,
    lp_mask: usize,
    pb_mask: usize,
    state: usize,
    reps: [usize; 4],
    /// Bytes written so far.
    pub written: usize,
    size: usize,
}

impl Decoder {
    /// Reads the header of `src`, which must announce `size` bytes.
    pub fn new(src: &[u8], size: usize) -> Result<Decoder, Error> {
        if declared_size(src).ok_or(Error::Header)? != size {
            return Err(Error::Size);
        }
        if src[HEADER] != 0 {
            return Err(Error::Data);
        }
        let props = u32::from(src[0]);
        Ok(Decoder {
            probs: [1024; PROBS],
            at: HEADER + 5,
            range: u32::MAX,
            code: u32::from_be_bytes([src[14], src[15], src[16], src[17]]),
            lc: props % 9,
            lp_mask: (1 << ((props / 9) % 5)) - 1,
            pb_mask: (1 << (props / 45)) - 1,
            state: 0,
            reps: [0; 4],
            written: 0,
            size,
        })
    }

    /// Decodes into `out` (the same buffer at every call) until `limit` bytes are written (a
    /// match may go a little past it) or the end; true when the whole output is there.
    pub fn run(&mut self, src: &[u8], out: &mut [u8], limit: usize) -> Result<bool, Error> {
        if out.len() != self.size {
            return Err(Error::Size);
        }
        let mut rc = Range {
            src,
            at: self.at,
            range: self.range,
            code: self.code,
        };
        let result = self.slice(&mut rc, out, limit.min(self.size));
        self.at = rc.at;
        self.range = rc.range;
        self.code = rc.code;
        result?;
        if self.written < self.size {
            return Ok(false);
        }
        if rc.at > src.len() {
            return Err(Error::Truncated);
        }
        Ok(true)
    }

    fn slice(&mut self, rc: &mut Range, out: &mut [u8], limit: usize) -> Result<(), Error> {
        let (size, lc) = (self.size, self.lc);
        let (pb_mask, lp_mask) = (self.pb_mask, self.lp_mask);
        let (mut state, mut reps, mut o) = (self.state, self.reps, self.written);
        let probs = &mut self.probs;
        let result = loop {
            if o >= limit {
                break Ok(());
            }
            let pos_state = o & pb_mask;
            if rc.bit(&mut probs[IS_MATCH + (state << 4) + pos_state]) == 0 {
                let prev = if o > 0 { usize::from(out[o - 1]) } else { 0 };
                let base = LITERAL + 0x300 * (((o & lp_mask) << lc) + (prev >> (8 - lc)));
                let lit = &mut probs[base..base + 0x300];
                let mut sym = 1usize;
                if state >= 7 {
                    let Some(&m) = out.get(o.wrapping_sub(reps[0] + 1)) else {
                        break Err(Error::Data);
                    };
                    let mut matched = usize::from(m);
                    while sym < 0x100 {
                        let mbit = (matched >> 7) & 1;
                        matched <<= 1;
                        let b = rc.bit(&mut lit[((1 + mbit) << 8) + sym]) as usize;
                        sym = (sym << 1) | b;
                        if mbit != b {
                            break;
                        }
                    }
                }
                while sym < 0x100 {
                    sym = (sym << 1) | rc.bit(&mut lit[sym]) as usize;
                }
                out[o] = sym as u8;
                o += 1;
                state = match state {
                    0..=3 => 0,
                    4..=9 => state - 3,
                    _ => state - 6,
                };
                continue;
            }
            let len;
            if rc.bit(&mut probs[IS_REP + state]) == 1 {
                if o == 0 {
                    break Err(Error::Data);
                }
                if rc.bit(&mut probs[IS_REP_G0 + state]) == 0 {
                    if rc.bit(&mut probs[IS_REP0_LONG + (state << 4) + pos_state]) == 0 {
                        state = if state < 7 { 9 } else { 11 };
                        out[o] = out[o - reps[0] - 1];
                        o += 1;
                        continue;
                    }
                } else {
                    let dist;
                    if rc.bit(&mut probs[IS_REP_G1 + state]) == 0 {
                        dist = reps[1];
                    } else {
                        if rc.bit(&mut probs[IS_REP_G2 + state]) == 0 {
                            dist = reps[2];
                        } else {
                            dist = reps[3];
                            reps[3] = reps[2];
                        }
                        reps[2] = reps[1];
                    }
                    reps[1] = reps[0];
                    reps[0] = dist;
                }
                len = rc.len(&mut probs[REP_LEN..LITERAL], pos_state);
                state = if state < 7 { 8 } else { 11 };
            } else {
                reps[3] = reps[2];
                reps[2] = reps[1];
                reps[1] = reps[0];
                len = rc.len(&mut probs[MATCH_LEN..REP_LEN], pos_state);
                state = if state < 7 { 7 } else { 10 };
                let len_state = len.min(3) as usize;
                let slot = rc.tree(&mut probs[POS_SLOT + (len_state << 6)..POS_SPECIAL], 6);
                let dist = if slot < 4 {
                    slot
                } else {
                    let bits = (slot >> 1) - 1;
                    let base = (2 | (slot & 1)) << bits;
                    if slot < 14 {
                        let at = POS_SPECIAL + (base - slot) as usize;
                        base + rc.reverse(&mut probs[at..ALIGN], bits)
                    } else {
                        let high = rc.direct(bits - 4) << 4;
                        base.wrapping_add(high)
                            .wrapping_add(rc.reverse(&mut probs[ALIGN..MATCH_LEN], 4))
                    }
                };
                // The end marker (distance 2³² − 1) before the declared size, or a distance
                // reaching before the start: both are damage here.
                reps[0] = dist as usize;
                if reps[0] >= o || dist == u32::MAX {
                    break Err(Error::Data);
                }
            }
            let len = len as usize + 2;
            if len > size - o {
                break Err(Error::Data);
            }
            let from = o - reps[0] - 1;
            // Byte by byte: the source may overlap what is being written (a run).
            let run = &mut out[from..o + len];
            let gap = o - from;
            for i in 0..len {
                run[gap + i] = run[i];
            }
            o += len;
        };
        self.state = state;
        self.reps = reps;
        self.written = o;
        result
    }
}

/// The page's entry points. `unlzma_start` reads the header of the `src_len` bytes at `src`,
/// to be decoded into the `out_len` bytes at `out`; `unlzma_step(limit)` decodes until `limit`
/// bytes are written. Both return 0 (`unlzma_step`: more to do), 1 (done), or 2 + the
/// [`Error`]'s index.
#[cfg(target_arch = "wasm32")]
mod page {
    use super::{Decoder, Error};

    struct Job {
        src: &'static [u8],
        out: &'static mut [u8],
        decoder: Decoder,
    }

    static mut JOB: Option<Job> = None;

    fn code(e: Error) -> u32 {
        2 + e as u32
    }

    /// # Safety
    /// The boot code places both buffers in this module's memory, apart, and keeps them there
    /// until the last step.
    #[no_mangle]
    pub unsafe extern "C" fn unlzma_start(
        src: *const u8,
        src_len: usize,
        out: *mut u8,
        out_len: usize,
    ) -> u32 {
        let src = core::slice::from_raw_parts(src, src_len);
        let out = core::slice::from_raw_parts_mut(out, out_len);
        match Decoder::new(src, out_len) {
            Ok(decoder) => {
                *core::ptr::addr_of_mut!(JOB) = Some(Job { src, out, decoder });
                0
            }
            Err(e) => code(e),
        }
    }

    /// # Safety
    /// After `unlzma_start`, from one thread (the page's).
    #[no_mangle]
    pub unsafe extern "C" fn unlzma_step(limit: usize) -> u32 {
        let Some(job) = (*core::ptr::addr_of_mut!(JOB)).as_mut() else {
            return code(Error::Header);
        };
        match job.decoder.run(job.src, job.out, limit) {
            Ok(done) => u32::from(done),
            Err(e) => code(e),
        }
    }
}

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
