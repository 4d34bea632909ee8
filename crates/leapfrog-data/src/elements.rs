//! Chemical formulas → element mass fractions and theoretical capacity, so that a material's
//! elemental composition follows from its stoichiometry instead of being typed in by hand.

use std::collections::BTreeMap;

/// Standard atomic weights, g/mol (IUPAC CIAAW, abridged standard atomic weights, 2021).
const ATOMIC_WEIGHTS: &[(&str, f64)] = &[
    ("H", 1.008),
    ("Li", 6.94),
    ("B", 10.81),
    ("C", 12.011),
    ("N", 14.007),
    ("O", 15.999),
    ("F", 18.998),
    ("Na", 22.990),
    ("Mg", 24.305),
    ("Al", 26.982),
    ("Si", 28.085),
    ("P", 30.974),
    ("S", 32.06),
    ("Cl", 35.45),
    ("K", 39.098),
    ("Ti", 47.867),
    ("V", 50.942),
    ("Mn", 54.938),
    ("Fe", 55.845),
    ("Co", 58.933),
    ("Ni", 58.693),
    ("Cu", 63.546),
    ("Zn", 65.38),
    ("Zr", 91.224),
    ("Nb", 92.906),
    ("La", 138.91),
];

/// Faraday constant over 3.6 C/mAh: mAh per mole of electrons.
const MAH_PER_MOL_ELECTRONS: f64 = 96_485.332 / 3.6;

pub fn atomic_weight(symbol: &str) -> Option<f64> {
    ATOMIC_WEIGHTS
        .iter()
        .find(|(s, _)| *s == symbol)
        .map(|(_, w)| *w)
}

/// Moles of each element per formula unit, e.g. "LiNi0.8Mn0.1Co0.1O2" or "Na2Fe(Fe(CN)6)".
pub fn parse(formula: &str) -> Result<BTreeMap<String, f64>, String> {
    let chars: Vec<char> = formula.chars().collect();
    let mut pos = 0;
    let counts = group(&chars, &mut pos, formula)?;
    if pos != chars.len() {
        return Err(format!(
            "`{formula}`: unexpected `{}` at position {pos}",
            chars[pos]
        ));
    }
    if counts.is_empty() {
        return Err(format!("`{formula}`: no elements"));
    }
    Ok(counts)
}

fn group(c: &[char], pos: &mut usize, formula: &str) -> Result<BTreeMap<String, f64>, String> {
    let mut counts = BTreeMap::new();
    while *pos < c.len() {
        match c[*pos] {
            '(' | '[' => {
                let close = if c[*pos] == '(' { ')' } else { ']' };
                *pos += 1;
                let inner = group(c, pos, formula)?;
                if c.get(*pos) != Some(&close) {
                    return Err(format!("`{formula}`: missing `{close}`"));
                }
                *pos += 1;
                let n = number(c, pos)?;
                for (e, k) in inner {
                    *counts.entry(e).or_insert(0.0) += k * n;
                }
            }
            ')' | ']' => break,
            ch if ch.is_ascii_uppercase() => {
                let mut symbol = ch.to_string();
                *pos += 1;
                while *pos < c.len() && c[*pos].is_ascii_lowercase() {
                    symbol.push(c[*pos]);
                    *pos += 1;
                }
                if atomic_weight(&symbol).is_none() {
                    return Err(format!("`{formula}`: unknown element `{symbol}`"));
                }
                let n = number(c, pos)?;
                *counts.entry(symbol).or_insert(0.0) += n;
            }
            other => {
                return Err(format!(
                    "`{formula}`: unexpected `{other}` at position {pos}"
                ))
            }
        }
    }
    Ok(counts)
}

/// A subscript: digits with an optional decimal point; absent means 1.
fn number(c: &[char], pos: &mut usize) -> Result<f64, String> {
    let start = *pos;
    while *pos < c.len() && (c[*pos].is_ascii_digit() || c[*pos] == '.') {
        *pos += 1;
    }
    if start == *pos {
        return Ok(1.0);
    }
    let text: String = c[start..*pos].iter().collect();
    text.parse::<f64>()
        .ok()
        .filter(|v| *v > 0.0)
        .ok_or_else(|| format!("bad subscript `{text}`"))
}

/// Molar mass, g/mol.
pub fn molar_mass(formula: &str) -> Result<f64, String> {
    Ok(parse(formula)?
        .iter()
        .map(|(e, n)| n * atomic_weight(e).unwrap_or(0.0))
        .sum())
}

/// Mass fraction of each element.
pub fn mass_fractions(formula: &str) -> Result<BTreeMap<String, f64>, String> {
    let counts = parse(formula)?;
    let total = molar_mass(formula)?;
    Ok(counts
        .into_iter()
        .map(|(e, n)| {
            let w = n * atomic_weight(&e).unwrap_or(0.0) / total;
            (e, w)
        })
        .collect())
}

/// Theoretical specific capacity, mAh/g, for `electrons` transferred per formula unit.
pub fn theoretical_capacity_mah_per_g(formula: &str, electrons: f64) -> Result<f64, String> {
    Ok(electrons * MAH_PER_MOL_ELECTRONS / molar_mass(formula)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LiFePO4: 157.76 g/mol, 170 mAh/g theoretical, 4.40% Li by mass (textbook values).
    #[test]
    fn lfp() {
        assert!((molar_mass("LiFePO4").unwrap() - 157.757).abs() < 0.01);
        assert!((theoretical_capacity_mah_per_g("LiFePO4", 1.0).unwrap() - 169.9).abs() < 0.2);
        assert!((mass_fractions("LiFePO4").unwrap()["Li"] - 0.04399).abs() < 1e-4);
    }

    /// NMC811: about 275 mAh/g theoretical for one Li.
    #[test]
    fn nmc811() {
        let q = theoretical_capacity_mah_per_g("LiNi0.8Mn0.1Co0.1O2", 1.0).unwrap();
        assert!((q - 275.5).abs() < 1.0, "{q}");
        let f = mass_fractions("LiNi0.8Mn0.1Co0.1O2").unwrap();
        let total: f64 = f.values().sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn nested_groups() {
        let c = parse("Na2Fe[Fe(CN)6]").unwrap();
        assert_eq!(c["Fe"], 2.0);
        assert_eq!(c["C"], 6.0);
        assert_eq!(c["N"], 6.0);
        assert_eq!(c["Na"], 2.0);
    }

    #[test]
    fn rejects_bad_formulas() {
        assert!(parse("LiXx2").is_err());
        assert!(parse("Li(Fe").is_err());
        assert!(parse("").is_err());
        assert!(parse("li").is_err());
    }
}
