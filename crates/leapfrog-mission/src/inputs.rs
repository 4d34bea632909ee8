//! A mission's values: given in the mission, else its kind's sourced default, else the
//! chemistry's own data. Every value not given is recorded with where it came from.

use crate::{Battery, MissionError};
use leapfrog_data::{Dataset, Mission};
use serde::Serialize;
use std::cell::RefCell;

/// A value the mission left out, and where the one used came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DefaultUsed {
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
    /// `mission_default` (with its source), `chemistry` (naming the record) or `absent`.
    pub from: String,
}

pub(crate) struct Inputs<'a> {
    pub data: &'a Dataset,
    pub mission: &'a Mission,
    battery_couple: String,
    used: RefCell<Vec<DefaultUsed>>,
}

impl<'a> Inputs<'a> {
    pub fn new(data: &'a Dataset, mission: &'a Mission, battery: &Battery) -> Self {
        Inputs {
            data,
            mission,
            battery_couple: battery.couple.clone(),
            used: RefCell::new(Vec::new()),
        }
    }

    pub fn into_used(self) -> Vec<DefaultUsed> {
        self.used.into_inner()
    }

    fn record(&self, d: DefaultUsed) {
        let mut used = self.used.borrow_mut();
        if !used.iter().any(|u| u.key == d.key) {
            used.push(d);
        }
    }

    fn missing(&self, key: &str) -> MissionError {
        MissionError::Input {
            mission: self.mission.id.clone(),
            message: format!("`{key}` is required for a {} mission", self.mission.kind),
        }
    }

    /// A required key (the spec check has made sure it is there).
    pub fn req(&self, key: &str) -> Result<f64, MissionError> {
        self.mission.number(key).ok_or_else(|| self.missing(key))
    }

    /// A key given, else its `[[mission_default]]`.
    pub fn defaulted(&self, key: &str) -> Result<f64, MissionError> {
        if let Some(v) = self.mission.number(key) {
            return Ok(v);
        }
        let id = format!("{}:{key}", self.mission.kind);
        let d = self
            .data
            .mission_default(&id)
            .ok_or_else(|| self.missing(key))?;
        self.record(DefaultUsed {
            key: key.to_string(),
            value: Some(d.value),
            word: None,
            from: format!("mission_default {id} (source: {})", d.source),
        });
        Ok(d.value)
    }

    /// A key given, else the chemistry's value `from` names, when it has one.
    pub fn chemistry(&self, key: &str, value: Option<f64>, from: &str) -> Option<f64> {
        if let Some(v) = self.mission.number(key) {
            return Some(v);
        }
        let v = value?;
        self.record(DefaultUsed {
            key: key.to_string(),
            value: Some(v),
            word: None,
            from: format!("chemistry {}: {from}", self.battery_couple),
        });
        Some(v)
    }

    /// A key given, else its chemistry value, else an error saying neither has it.
    pub fn chemistry_or_err(
        &self,
        key: &str,
        value: Option<f64>,
        from: &str,
    ) -> Result<f64, MissionError> {
        self.chemistry(key, value, from)
            .ok_or_else(|| MissionError::Input {
                mission: self.mission.id.clone(),
                message: format!(
                    "give `{key}`: the chemistry {} has no {from} to fall back on",
                    self.battery_couple
                ),
            })
    }

    /// An optional feature key: its value, or a record that it is left out.
    pub fn feature(&self, key: &str) -> Option<f64> {
        let v = self.mission.number(key);
        if v.is_none() {
            self.record(DefaultUsed {
                key: key.to_string(),
                value: None,
                word: None,
                from: "absent: the feature is left out".into(),
            });
        }
        v
    }

    /// An optional word key, or `absent` recorded.
    pub fn word_or(&self, key: &str, absent: &str) -> String {
        match self.mission.word(key) {
            Some(w) => w.to_string(),
            None => {
                self.record(DefaultUsed {
                    key: key.to_string(),
                    value: None,
                    word: Some(absent.to_string()),
                    from: "absent: taken as the word shown".into(),
                });
                absent.to_string()
            }
        }
    }

    /// What every serviced device (robot, car, consumer device) takes: its service life,
    /// usable window, end of life and temperature.
    pub fn service(&self, battery: &Battery) -> Result<Service, MissionError> {
        Ok(Service {
            years: self.req("years")?,
            dod: self.max_dod(battery)?,
            eol: self.eol(battery)?,
            temperature_c: self.temperature(battery)?,
        })
    }

    /// The pack this mission builds: its fractions given, else its kind's sourced defaults,
    /// else the cell layer's BatPaC pack.
    pub fn pack(&self, battery: &Battery) -> Result<crate::battery::Pack, MissionError> {
        let batpac = crate::battery::Pack::batpac(battery);
        let from = "pack model of the cell layer (BatPaC)";
        let fraction = |key: &str, batpac_value: f64| -> Result<f64, MissionError> {
            let takes_default = leapfrog_data::key_of(self.mission.kind, key)
                .is_some_and(|k| k.need == leapfrog_data::Need::Default);
            if takes_default {
                self.defaulted(key)
            } else {
                self.chemistry_or_err(key, Some(batpac_value), from)
            }
        };
        let mass = fraction(
            "cell_to_pack_mass_fraction",
            batpac.cell_to_pack_mass_fraction,
        )?;
        let volume = fraction(
            "cell_to_pack_volume_fraction",
            batpac.cell_to_pack_volume_fraction,
        )?;
        Ok(crate::battery::Pack::of_fractions(battery, mass, volume))
    }

    /// The end-of-life capacity fraction: given, else the chemistry's rating.
    pub fn eol(&self, battery: &Battery) -> Result<f64, MissionError> {
        self.chemistry_or_err(
            "eol_capacity_fraction",
            battery.rating.and_then(|r| r.end_of_life()),
            "end-of-life capacity (data/couple_life.toml)",
        )
    }

    /// The depth of discharge: given, else the chemistry's rated cycle depth.
    pub fn max_dod(&self, battery: &Battery) -> Result<f64, MissionError> {
        self.chemistry_or_err(
            "max_dod",
            battery.rating.and_then(|r| r.cycle_dod),
            "rated cycle depth of discharge (data/couple_life.toml)",
        )
    }

    /// The battery temperature: given, else the chemistry's rated cycle temperature.
    pub fn temperature(&self, battery: &Battery) -> Result<f64, MissionError> {
        self.chemistry_or_err(
            "temperature_c",
            battery.rating.and_then(|r| r.cycle_temperature_c),
            "rated cycle temperature (data/couple_life.toml)",
        )
    }
}

pub(crate) struct Service {
    pub years: f64,
    pub dod: f64,
    pub eol: f64,
    pub temperature_c: f64,
}
