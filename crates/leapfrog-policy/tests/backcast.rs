//! The backcast against data/backcast.toml: every row of its years is reported beside the
//! model's value, the free parameter is fitted on the calibration years only and lies inside
//! its prior, and there are at most half as many fitted parameters as in-sample rows.

use leapfrog_data::Dataset;
use leapfrog_policy::backcast::{backcast, Backcast};
use leapfrog_policy::Model;

fn run(data: &Dataset) -> Backcast {
    let m = Model::prepare(data).expect("model");
    backcast(data, &m).expect("backcast")
}

#[test]
fn every_row_of_the_backcast_years_is_reported_with_its_sample() {
    let data = Dataset::embedded().expect("data");
    let b = run(&data);
    let settings = &data.backcast_settings[0];
    let expected = data
        .backcast_rows
        .iter()
        .filter(|r| (settings.start_year..=settings.end_year).contains(&r.year))
        .count();
    assert_eq!(b.rows.len(), expected);
    for r in &b.rows {
        assert!(r.model.is_finite() && r.model > 0.0, "{r:?}");
        assert_eq!(r.calibrated, settings.calibration_years.contains(&r.year));
        assert_eq!(r.inside, r.low <= r.model && r.model <= r.high);
    }
    // The acceptance rows: 2023 and 2024, out of sample, for every metric.
    for year in [2023, 2024] {
        for metric in ["cn_share_of_world_output", "us_cn_cell_cost_ratio_nmc"] {
            assert!(
                b.rows
                    .iter()
                    .any(|r| r.year == year && r.metric == metric && !r.calibrated),
                "{year} {metric}"
            );
        }
    }
}

#[test]
fn fitted_parameters_are_few_inside_their_priors_and_fitted_in_sample() {
    let data = Dataset::embedded().expect("data");
    let b = run(&data);
    let in_sample = b.parameters.iter().map(|p| p.rows_fitted).max().unwrap();
    let fitted: Vec<_> = b.parameters.iter().filter(|p| p.fitted).collect();
    assert!(!fitted.is_empty());
    assert!(
        2 * fitted.len() <= in_sample,
        "{} parameters, {in_sample} rows",
        fitted.len()
    );
    for p in &b.parameters {
        assert!(p.prior[0] <= p.value && p.value <= p.prior[1], "{p:?}");
        assert!(
            p.fitted_on.iter().all(|y| [2021, 2022].contains(y)),
            "{p:?}"
        );
        assert_eq!(p.effect.len(), b.rows.len());
    }
}

/// Changing the published figures of the out-of-sample years changes nothing the model
/// computes: the fit reads 2021-2022 only.
#[test]
fn out_of_sample_rows_do_not_move_the_fit() {
    let data = Dataset::embedded().expect("data");
    let before = run(&data);
    let mut moved = data.clone();
    for r in moved.backcast_rows.iter_mut().filter(|r| r.year > 2022) {
        r.value = r.low;
    }
    let after = run(&moved);
    assert_eq!(before.parameters[0].value, after.parameters[0].value);
    for (a, b) in before.rows.iter().zip(&after.rows) {
        assert_eq!(a.model, b.model);
    }
    // The calibration rows do move it.
    let mut moved = data.clone();
    for r in moved.backcast_rows.iter_mut().filter(|r| r.year <= 2022) {
        r.value = r.high;
    }
    assert_ne!(before.parameters[0].value, run(&moved).parameters[0].value);
}

/// One number per quantity: where the backcast has a demand row for a sector's base year, the
/// projection starts from the same world demand and U.S. share.
#[test]
fn the_projection_starts_from_the_backcasts_demand() {
    let data = Dataset::embedded().expect("data");
    let mut checked = 0;
    for s in &data.policy_sectors {
        if let Some(h) = data
            .demand_history
            .iter()
            .find(|d| d.sector == s.id && d.year == s.base_year)
        {
            assert_eq!(h.world_gwh, s.world_gwh, "{}", s.id);
            assert_eq!(h.us_share, s.us_share, "{}", s.id);
            checked += 1;
        }
    }
    assert_eq!(checked, 2);
}
