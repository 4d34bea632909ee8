//! The verdict and what it rests on. A requirement fixed by the sizing arithmetic decides
//! alone; one whose available figure comes from the ageing model or the electrochemical
//! simulation decides only where that model ran inside its tested range and, for the ageing
//! model, where both ends of its band agree. Otherwise the verdict is `uncertain`: a model
//! outside its range gives a figure to look at, not a verdict.

use crate::{LifeOutcome, Requirement, RestsOn, Status};

pub(crate) struct Verdict {
    pub status: Status,
    pub decisive: Option<Requirement>,
    pub uncertain_because: Option<String>,
}

/// Requirements that admit or refuse a battery without sizing it.
pub(crate) const GATES: [&str; 2] = ["temperature_", "duty_hours"];

pub(crate) fn is_gate(r: &Requirement) -> bool {
    GATES.iter().any(|g| r.name.starts_with(g))
}

/// The stressors `v` names as outside their tested range.
pub(crate) fn outside_stressors(v: &leapfrog_life::Validity) -> Vec<&'static str> {
    let s = &v.by_stressor;
    [
        ("depth of discharge", s.dod),
        ("temperature", s.temperature),
        ("C-rate", s.c_rate),
        ("state of charge", s.soc),
        ("years", s.years),
        ("equivalent full cycles", s.efc),
    ]
    .into_iter()
    .filter(|(_, inside)| *inside == Some(false))
    .map(|(name, _)| name)
    .collect()
}

/// A failing requirement whose capacity crossed the end of life before the run left its tests
/// in time (years, and equivalent full cycles: cycles × depth), every other stressor inside:
/// capacity only falls, so the failure is the tests'.
fn failed_inside_tests(r: &Requirement, l: &LifeOutcome) -> bool {
    let v = &l.within_tested_range;
    let before = |at: Option<f64>, tested: Option<f64>| match (at, tested) {
        (Some(at), Some(tested)) => at <= tested,
        (Some(_), None) => true,
        (None, _) => false,
    };
    !r.met
        && v.inside_but_for_time()
        && before(l.years_to_end_of_life, v.tested_years)
        && before(
            l.cycles_to_end_of_life.map(|c| c * l.depth_of_discharge),
            v.tested_efc,
        )
}

/// Why `r` cannot decide the verdict, when it cannot.
fn doubt(
    r: &Requirement,
    life: Option<&LifeOutcome>,
    outside_simulation: &[String],
) -> Option<String> {
    match r.rests_on {
        RestsOn::Sizing => None,
        RestsOn::Ageing => {
            let l = life?;
            if !l.within_tested_range.overall && !failed_inside_tests(r, l) {
                Some(format!(
                    "{} rests on the ageing model {}, run outside its tested {}",
                    r.name,
                    l.model,
                    outside_stressors(&l.within_tested_range).join(", ")
                ))
            } else if r.straddles() {
                let b = r.available_band.unwrap_or(leapfrog_life::Band {
                    low: r.available,
                    high: r.available,
                });
                Some(format!(
                    "{} is met at one end of the ageing model's band ({:.3} to {:.3} against {:.3}) and not at the other",
                    r.name, b.low, b.high, r.needed
                ))
            } else {
                None
            }
        }
        RestsOn::Simulation => outside_simulation.first().map(|why| {
            format!(
                "{} rests on a simulation run outside its validity: {why}",
                r.name
            )
        }),
    }
}

/// The verdict on `requirements`: a failure that rests on a trusted figure decides; else a
/// doubtful requirement makes it uncertain; else it is feasible (or not evaluated).
pub(crate) fn draw(
    requirements: &[Requirement],
    life: Option<&LifeOutcome>,
    outside_simulation: &[String],
    not_evaluated: bool,
) -> Verdict {
    let doubts: Vec<(usize, String)> = requirements
        .iter()
        .enumerate()
        .filter_map(|(i, r)| doubt(r, life, outside_simulation).map(|d| (i, d)))
        .collect();
    let doubtful = |i: usize| doubts.iter().any(|(j, _)| *j == i);
    let sure_failure = requirements
        .iter()
        .enumerate()
        .find(|(i, r)| !r.met && !doubtful(*i));
    if let Some((_, r)) = sure_failure {
        return Verdict {
            status: Status::Infeasible,
            decisive: Some(r.clone()),
            uncertain_because: None,
        };
    }
    // The doubtful requirement that fails, else the one with the least margin.
    let worst_doubt = doubts.iter().min_by(|a, b| {
        requirements[a.0]
            .margin
            .total_cmp(&requirements[b.0].margin)
    });
    if let Some((i, why)) = worst_doubt {
        return Verdict {
            status: Status::Uncertain,
            decisive: Some(requirements[*i].clone()),
            uncertain_because: Some(why.clone()),
        };
    }
    // The tightest requirement that sizes the battery; a gate only where nothing else applies.
    let tightest_of = |gates: bool| {
        requirements
            .iter()
            .filter(|r| is_gate(r) == gates)
            .min_by(|a, b| a.margin.total_cmp(&b.margin))
            .cloned()
    };
    let tightest = tightest_of(false).or_else(|| tightest_of(true));
    Verdict {
        status: if not_evaluated {
            Status::NotEvaluated
        } else {
            Status::Feasible
        },
        decisive: tightest,
        uncertain_because: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aged(needed: f64, available: f64, low: f64, high: f64) -> Requirement {
        Requirement::at_least("capacity_at_end_of_mission", "fraction", needed, available)
            .aged(available, Some(leapfrog_life::Band { low, high }))
    }

    #[test]
    fn a_band_across_the_requirement_is_uncertain() {
        let r = [aged(0.8, 0.85, 0.7, 0.9)];
        let v = draw(&r, None, &[], false);
        // Without a life outcome the band alone cannot be judged: the figure is trusted.
        assert_eq!(v.status, Status::Feasible);
        assert!(r[0].straddles());
    }

    #[test]
    fn a_sizing_failure_decides_over_a_doubt() {
        let r = [
            Requirement::at_most("pack_mass_kg", "kg", 100.0, 120.0),
            Requirement::at_least("x", "V", 2.5, 2.4).simulated(),
        ];
        let v = draw(&r, None, &["a 4C step above the 2C validity".into()], false);
        assert_eq!(v.status, Status::Infeasible);
        assert_eq!(v.decisive.unwrap().name, "pack_mass_kg");
    }

    #[test]
    fn a_simulation_outside_its_validity_is_uncertain() {
        let r = [Requirement::at_least("x", "V", 2.5, 2.4).simulated()];
        let v = draw(&r, None, &["a 4C step above the 2C validity".into()], false);
        assert_eq!(v.status, Status::Uncertain);
        assert!(v.uncertain_because.unwrap().contains("4C"));
    }
}
