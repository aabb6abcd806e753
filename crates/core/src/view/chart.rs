//! Geometry of the charts the workbook draws itself as SVG (no chart library): the radar of
//! domain levels with the target ring, and the bars of the level distribution.

/// The point for `value` (0..=max) on axis `i` of `n`, the first axis pointing up.
pub fn radar_point(
    i: usize,
    n: usize,
    value: f64,
    max: f64,
    cx: f64,
    cy: f64,
    r: f64,
) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n.max(1) as f64;
    let len = r * (value / max).clamp(0.0, 1.0);
    (cx + len * angle.cos(), cy + len * angle.sin())
}

/// An SVG `points` attribute for a polygon through one value per axis.
pub fn radar_polygon(values: &[f64], max: f64, cx: f64, cy: f64, r: f64) -> String {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = radar_point(i, values.len(), *v, max, cx, cy, r);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The height of a bar for `count` out of `max_count`, in a plot `height` tall.
pub fn bar_height(count: u32, max_count: u32, height: f64) -> f64 {
    if max_count == 0 {
        0.0
    } else {
        height * f64::from(count) / f64::from(max_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radar_axes_start_at_the_top_and_go_clockwise() {
        let (x, y) = radar_point(0, 4, 5.0, 5.0, 100.0, 100.0, 50.0);
        assert!((x - 100.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9);
        let (x, y) = radar_point(1, 4, 5.0, 5.0, 100.0, 100.0, 50.0);
        assert!((x - 150.0).abs() < 1e-9 && (y - 100.0).abs() < 1e-9);
        let (x, y) = radar_point(2, 4, 2.5, 5.0, 100.0, 100.0, 50.0);
        assert!((x - 100.0).abs() < 1e-9 && (y - 125.0).abs() < 1e-9);
    }

    #[test]
    fn polygon_and_bars() {
        assert_eq!(
            radar_polygon(&[5.0, 5.0, 5.0, 5.0], 5.0, 0.0, 0.0, 10.0),
            "0.0,-10.0 10.0,0.0 0.0,10.0 -10.0,0.0"
        );
        assert_eq!(
            radar_polygon(&[9.0], 5.0, 0.0, 0.0, 10.0),
            "0.0,-10.0",
            "values are clamped"
        );
        assert_eq!(bar_height(2, 4, 100.0), 50.0);
        assert_eq!(bar_height(0, 0, 100.0), 0.0);
    }
}
