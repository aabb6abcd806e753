//! Which columns of a wide grid are drawn: those in view plus a few on each side (the strip).
//! The portfolio's matrix has a column per assessment, of a fixed width after a fixed row
//! header; with hundreds of assessments only the strip is in the page, drawn again when the
//! view scrolls past it. A grid of up to [`Strip::ALL_UP_TO`] columns is drawn whole.

use std::ops::Range;

/// The geometry of a grid whose columns have one width, after a row header that stays in view
/// (sticky) on the left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Strip {
    /// The row header's width, px.
    pub header: f64,
    /// A column's width, px.
    pub column: f64,
    /// Columns drawn on each side of those in view.
    pub buffer: usize,
}

impl Strip {
    /// A grid of this many columns or fewer is drawn whole.
    pub const ALL_UP_TO: usize = 32;

    /// The portfolio's matrix (widths from style/components.css).
    pub const MATRIX: Strip = Strip {
        header: 240.0,
        column: 112.0,
        buffer: 1,
    };

    /// Whether a grid of `count` columns is drawn in part.
    pub fn windowed(count: usize) -> bool {
        count > Strip::ALL_UP_TO
    }

    /// The columns at least partly in view when the grid is scrolled `scroll` px to the left in
    /// a viewport `width` px wide (the row header covering its left part).
    pub fn in_view(&self, count: usize, scroll: f64, width: f64) -> Range<usize> {
        let scroll = scroll.max(0.0);
        let first = ((scroll / self.column).floor() as usize).min(count);
        let right = scroll + width - self.header;
        let end = if right <= 0.0 {
            first
        } else {
            ((right / self.column).ceil() as usize).clamp(first, count)
        };
        first..end.max((first + 1).min(count))
    }

    /// The columns to draw: all of a small grid; otherwise those drawn before (`drawn`) while
    /// they still cover what is in view, else those in view with the buffer on each side.
    pub fn drawn(
        &self,
        count: usize,
        scroll: f64,
        width: f64,
        drawn: Option<&Range<usize>>,
    ) -> Range<usize> {
        if !Strip::windowed(count) {
            return 0..count;
        }
        let view = self.in_view(count, scroll, width);
        if let Some(d) = drawn {
            let covers = d.start <= view.start && view.end <= d.end && d.end <= count;
            // Not grown beyond what a fresh strip would be (a narrower window since).
            let snug = d.len() <= view.len() + 2 * self.buffer;
            if covers && snug {
                return d.clone();
            }
        }
        view.start.saturating_sub(self.buffer)..(view.end + self.buffer).min(count)
    }

    /// Where to scroll so that column `col` is wholly in view, from `scroll` in a viewport
    /// `width` px wide: unchanged when it already is.
    pub fn reveal(&self, col: usize, scroll: f64, width: f64) -> f64 {
        let left = col as f64 * self.column;
        let right = left + self.column + self.header - width;
        if left < scroll {
            left
        } else if right > scroll {
            right.max(0.0)
        } else {
            scroll
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Strip;

    /// The matrix's widths with a buffer of three columns (the figures below follow from it).
    const S: Strip = Strip {
        buffer: 3,
        ..Strip::MATRIX
    };

    #[test]
    fn a_small_grid_is_drawn_whole() {
        for n in [0, 1, 5, Strip::ALL_UP_TO] {
            assert!(!Strip::windowed(n));
            assert_eq!(S.drawn(n, 0.0, 300.0, None), 0..n);
            assert_eq!(S.drawn(n, 5000.0, 300.0, Some(&(2..3))), 0..n);
        }
        assert!(Strip::windowed(Strip::ALL_UP_TO + 1));
    }

    #[test]
    fn the_columns_in_view() {
        // 1366 px: 240 px of row header, then 1126 px: ten columns and a part of the 11th.
        assert_eq!(S.in_view(500, 0.0, 1366.0), 0..11);
        assert_eq!(S.in_view(500, 112.0, 1366.0), 1..12);
        // A column half scrolled under the row header is still in view.
        assert_eq!(S.in_view(500, 56.0, 1366.0), 0..11);
        assert_eq!(S.in_view(500, 224.0 + 1.0, 1366.0), 2..13);
        // At the end.
        assert_eq!(S.in_view(40, 40.0 * 112.0, 1366.0), 40..40);
        assert_eq!(S.in_view(40, 35.0 * 112.0, 1366.0), 35..40);
        // A viewport no wider than the row header still shows one column.
        assert_eq!(S.in_view(500, 0.0, 200.0), 0..1);
        assert_eq!(S.in_view(0, 0.0, 1366.0), 0..0);
        // A negative scroll (overscroll) is the start.
        assert_eq!(S.in_view(500, -30.0, 1366.0), 0..11);
    }

    #[test]
    fn the_strip_is_the_view_and_a_buffer_each_side() {
        assert_eq!(S.drawn(500, 0.0, 1366.0, None), 0..14);
        assert_eq!(S.drawn(500, 112.0 * 100.0, 1366.0, None), 97..114);
        assert_eq!(S.drawn(500, 112.0 * 495.0, 1366.0, None), 492..500);
        // Its size does not depend on the number of columns.
        for n in [40, 200, 500, 5000] {
            let d = S.drawn(n, 112.0 * 20.0, 1366.0, None);
            assert_eq!(d.len(), 11 + 2 * S.buffer, "{n}");
        }
    }

    #[test]
    fn the_strip_stays_while_it_covers_the_view() {
        let first = S.drawn(500, 112.0 * 100.0, 1366.0, None);
        // Scrolling within the buffer keeps the strip (nothing drawn again).
        for px in [1.0, 50.0, 112.0 * 3.0] {
            let scroll = 112.0 * 100.0 + px;
            assert_eq!(S.drawn(500, scroll, 1366.0, Some(&first)), first, "{px}");
            let scroll = 112.0 * 100.0 - px;
            assert_eq!(S.drawn(500, scroll, 1366.0, Some(&first)), first, "-{px}");
        }
        // Past it, a new strip around the view.
        let later = S.drawn(500, 112.0 * 104.0 + 1.0, 1366.0, Some(&first));
        assert_eq!(later, 101..118);
        // Fewer columns than the strip reached (the matrix changed): drawn afresh.
        assert_eq!(S.drawn(100, 0.0, 1366.0, Some(&(90..110))), 0..14);
        // A wider viewport than the strip was drawn for.
        assert_eq!(S.drawn(500, 0.0, 2560.0, Some(&(0..14))), 0..24);
        // A narrower one: the strip shrinks.
        assert_eq!(S.drawn(500, 0.0, 600.0, Some(&(0..25))), 0..7);
    }

    #[test]
    fn revealing_a_column_scrolls_only_as_far_as_needed() {
        // In view: unchanged.
        assert_eq!(S.reveal(3, 0.0, 1366.0), 0.0);
        // Left of the view: its left edge meets the row header.
        assert_eq!(S.reveal(3, 112.0 * 10.0, 1366.0), 112.0 * 3.0);
        // Right of the view: its right edge meets the viewport's.
        let x = S.reveal(499, 0.0, 1366.0);
        assert_eq!(x, 500.0 * 112.0 + 240.0 - 1366.0);
        let view = S.in_view(500, x, 1366.0);
        assert_eq!(view.end, 500);
        // The column revealed is in the strip drawn there.
        for col in [0, 1, 57, 250, 498, 499] {
            for from in [0.0, 112.0 * 300.0] {
                let x = S.reveal(col, from, 1366.0);
                let d = S.drawn(500, x, 1366.0, None);
                assert!(d.contains(&col), "{col} from {from}: {d:?}");
                assert!(S.in_view(500, x, 1366.0).contains(&col));
            }
        }
    }
}
