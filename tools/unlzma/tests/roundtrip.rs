//! The decoder against liblzma's encoder (the one `tools/bundle` compresses with): data of
//! many shapes round-trips, and damaged or cut streams are errors, never a panic.

use std::io::Write;

use unlzma::{declared_size, decode, Error, HEADER};
use xz2::stream::{LzmaOptions, Stream};

/// liblzma's `LZMA_PRESET_EXTREME` flag (xz -e).
const EXTREME: u32 = 1 << 31;

/// Compresses like the bundle step: LZMA alone, then the real size written into the header.
fn compress(data: &[u8], preset: u32, lc: u32, lp: u32, pb: u32) -> Vec<u8> {
    let mut opts = LzmaOptions::new_preset(preset).unwrap();
    opts.literal_context_bits(lc)
        .literal_position_bits(lp)
        .position_bits(pb);
    let stream = Stream::new_lzma_encoder(&opts).unwrap();
    let mut enc = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
    enc.write_all(data).unwrap();
    let mut out = enc.finish().unwrap();
    out[5..13].copy_from_slice(&(data.len() as u64).to_le_bytes());
    out
}

fn unpack(src: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = vec![0; declared_size(src).ok_or(Error::Header)?];
    decode(src, &mut out).map(|()| out)
}

/// A small deterministic generator (xorshift), so failures reproduce.
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed.max(1);
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

/// Text-like data with repeats near and far, runs and noise: every coder path.
fn sample(seed: u64, len: usize) -> Vec<u8> {
    let mut r = rng(seed);
    let mut v = Vec::with_capacity(len);
    while v.len() < len {
        match r() % 5 {
            0 => v.extend((0..r() % 40).map(|_| (r() % 256) as u8)),
            1 if !v.is_empty() => {
                let from = (r() as usize) % v.len();
                let n = (r() as usize % 300).min(v.len() - from);
                let copy = v[from..from + n].to_vec();
                v.extend(copy);
            }
            2 => v.extend(std::iter::repeat_n((r() % 256) as u8, (r() % 70) as usize)),
            _ => v.extend(
                b"the workbook keeps every answer; "
                    .iter()
                    .take((r() % 34) as usize),
            ),
        }
    }
    v.truncate(len);
    v
}

#[test]
fn data_of_every_shape_round_trips() {
    for (seed, len) in [
        (1, 0),
        (2, 1),
        (3, 2),
        (4, 100),
        (5, 5000),
        (6, 70_000),
        (7, 300_000),
    ] {
        let data = sample(seed, len);
        for (lc, lp, pb) in [(3, 0, 2), (4, 0, 0), (0, 2, 2), (1, 3, 4), (0, 0, 0)] {
            let packed = compress(&data, 6, lc, lp, pb);
            assert_eq!(
                unpack(&packed).as_deref(),
                Ok(&data[..]),
                "seed {seed} {lc}/{lp}/{pb}"
            );
        }
    }
}

#[test]
fn the_extreme_preset_and_long_distances_round_trip() {
    // Far repeats need the longest distance codes (direct bits and the align coder).
    let mut data = sample(11, 3_000_000);
    let head = data[..200_000].to_vec();
    data.extend_from_slice(&head);
    let packed = compress(&data, 9 | EXTREME, 4, 0, 0);
    assert_eq!(unpack(&packed), Ok(data));
}

#[test]
fn damaged_streams_are_errors_not_panics() {
    let data = sample(21, 50_000);
    let packed = compress(&data, 6, 3, 0, 2);
    let mut r = rng(99);
    let mut errors = 0;
    for _ in 0..300 {
        let mut bad = packed.clone();
        let at = HEADER + 1 + (r() as usize) % (bad.len() - HEADER - 1);
        bad[at] ^= 1 << (r() % 8);
        match unpack(&bad) {
            Ok(out) => assert_eq!(out.len(), data.len()),
            Err(_) => errors += 1,
        }
    }
    assert!(errors > 0, "some damage is seen");
    // Cut short: never the whole data.
    for cut in [HEADER, HEADER + 5, packed.len() / 2, packed.len() - 8] {
        assert_ne!(
            unpack(&packed[..cut]).ok(),
            Some(data.clone()),
            "cut at {cut}"
        );
    }
    // Wrong sizes and headers.
    let mut out = vec![0; data.len() + 1];
    assert_eq!(decode(&packed, &mut out), Err(Error::Size));
    let mut bad = packed.clone();
    bad[0] = 9 * 5 * 5;
    assert_eq!(unpack(&bad), Err(Error::Header));
    bad[0] = 8; // lc 8: beyond lc + lp ≤ 4
    assert_eq!(unpack(&bad), Err(Error::Header));
    let mut bad = packed.clone();
    bad[HEADER] = 1;
    assert_eq!(unpack(&bad), Err(Error::Data));
    // A size larger than the data: the end marker comes first.
    let mut longer = packed.clone();
    longer[5..13].copy_from_slice(&(data.len() as u64 + 10).to_le_bytes());
    assert!(unpack(&longer).is_err());
}

#[test]
fn decoding_in_slices_gives_the_same_bytes() {
    let data = sample(31, 400_000);
    let packed = compress(&data, 9, 4, 0, 0);
    for step in [1, 7, 4096, 65_536] {
        let mut out = vec![0; data.len()];
        let mut d = unlzma::Decoder::new(&packed, data.len()).unwrap();
        let mut limit = 0;
        let mut calls = 0;
        while !d.run(&packed, &mut out, limit).unwrap() {
            assert!(
                d.written >= limit.min(data.len()),
                "a slice stops only at its limit"
            );
            limit += step;
            calls += 1;
        }
        assert_eq!(out, data, "step {step}");
        assert!(calls > data.len() / step / 2);
    }
}
