//! BPX (Battery Parameter eXchange, Faraday Institution) import: a cell's JSON turned into a
//! parameter set, with PyBaMM's reading of the standard (`pybamm/parameters/bpx.py`, 26.6):
//! total electrode area = area × electrode pairs; solid conductivities already effective;
//! the electrolyte's Bruggeman exponent from porosity and transport efficiency; active
//! fraction a·R/3; j0 = F·k·√(c_e/c_e0 · x · (1 − x)) written as PyBaMM's prefactor
//! k·F/(c_max·√c_e0); the cell starts full: the lithium of the stoichiometry limits, at the
//! upper cut-off voltage (PyBaMM's electrode state-of-health solve).
//!
//! Functions are read, not evaluated as code: an open-circuit potential must be a sum of
//! a, a·x, a·exp(b + c·x) and a·tanh(b + c·x) terms, and an electrolyte property a sum of
//! a·(x/1000)^p terms (the forms the BPX examples and most published sets use). Anything else
//! is refused with the field named. Isothermal only: the lumped thermal option needs a heat
//! transfer coefficient BPX 0.x does not carry.

use crate::params::FARADAY_C_PER_MOL;
use crate::SimError;
use leapfrog_data::{OcpTerm, SimElectrode, SimElectrolyte, SimParameterSet, SimSeparator};
use serde_json::Value;

/// Reads BPX JSON `text` (from `file`, named in errors) into a parameter set called `id`.
pub fn read(file: &str, id: &str, text: &str) -> Result<SimParameterSet, SimError> {
    let root: Value = serde_json::from_str(text)
        .map_err(|e| bad(file, "-", &e.to_string(), "a BPX JSON document"))?;
    let r = Reader { file, root: &root };
    let p = "Parameterisation";
    let cell = format!("{p}/Cell");
    let pairs = r.number(
        &cell,
        "Number of electrode pairs connected in parallel to make a cell",
    )?;
    let initial_k = r.number(&cell, "Initial temperature [K]")?;
    let reference_k = r.number(&cell, "Reference temperature [K]")?;
    let electrolyte = r.electrolyte(&format!("{p}/Electrolyte"), initial_k, reference_k)?;
    let c_e0 = electrolyte.initial_concentration_mol_per_m3;
    let title = r
        .get("Header", "Title")
        .and_then(Value::as_str)
        .unwrap_or("BPX cell")
        .to_string();
    let mut set = SimParameterSet {
        id: id.to_string(),
        name: title,
        couple: None,
        nominal_capacity_ah: r.number(&cell, "Nominal cell capacity [A.h]")?,
        electrode_area_m2: r.number(&cell, "Electrode area [m2]")? * pairs,
        temperature_k: initial_k,
        reference_temperature_k: reference_k,
        lower_voltage_v: r.number(&cell, "Lower voltage cut-off [V]")?,
        upper_voltage_v: r.number(&cell, "Upper voltage cut-off [V]")?,
        negative: r.electrode(
            &format!("{p}/Negative electrode"),
            Side::Negative,
            c_e0,
            initial_k,
            reference_k,
        )?,
        positive: r.electrode(
            &format!("{p}/Positive electrode"),
            Side::Positive,
            c_e0,
            initial_k,
            reference_k,
        )?,
        separator: r.separator(&format!("{p}/Separator"))?,
        electrolyte,
        thermal: None,
        // A BPX file states no validity range; none is assumed.
        spme_valid_max_c_rate: None,
        validity_source: None,
        source: "assumption".into(),
        parameter_source: "assumption".into(),
        parameter_locator: format!("BPX file {file}"),
        note: Some(format!(
            "Imported from the BPX file {file}; the user vouches for its numbers."
        )),
        origin: Default::default(),
    };
    start_full(&mut set)?;
    Ok(set)
}

/// Starts the cell at 100% state of charge as PyBaMM does: the lithium the stoichiometry
/// limits hold (negative at its maximum, positive at its minimum), placed where the
/// open-circuit voltage is the upper cut-off.
fn start_full(set: &mut SimParameterSet) -> Result<(), SimError> {
    let window = crate::soh::Window::of(&crate::Cell::from_record(set))?;
    let x = window.x_100;
    set.negative.initial_concentration_mol_per_m3 = x * set.negative.max_concentration_mol_per_m3;
    set.positive.initial_concentration_mol_per_m3 =
        window.y(x) * set.positive.max_concentration_mol_per_m3;
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Negative,
    Positive,
}

fn bad(file: &str, field: &str, value: &str, allowed: &str) -> SimError {
    SimError::Input(format!("{file}: `{field}` = {value}; allowed: {allowed}"))
}

struct Reader<'a> {
    file: &'a str,
    root: &'a Value,
}

/// exp(Ea/R·(1/T_ref − 1/T)): a property stated at the reference temperature, at T.
fn arrhenius(ea: f64, t: f64, t_ref: f64) -> f64 {
    (ea / crate::params::GAS_CONSTANT_J_PER_MOL_K * (1.0 / t_ref - 1.0 / t)).exp()
}

impl Reader<'_> {
    fn get(&self, path: &str, key: &str) -> Option<&Value> {
        path.split('/')
            .try_fold(self.root, |v, k| v.get(k))?
            .get(key)
    }

    fn field(&self, path: &str, key: &str) -> Result<&Value, SimError> {
        self.get(path, key).ok_or_else(|| {
            bad(
                self.file,
                &format!("{path}/{key}"),
                "absent",
                "the field, as BPX requires",
            )
        })
    }

    fn number(&self, path: &str, key: &str) -> Result<f64, SimError> {
        let v = self.field(path, key)?;
        v.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
            bad(
                self.file,
                &format!("{path}/{key}"),
                &v.to_string(),
                "a finite number",
            )
        })
    }

    fn optional_number(&self, path: &str, key: &str) -> Result<f64, SimError> {
        match self.get(path, key) {
            None => Ok(0.0),
            Some(_) => self.number(path, key),
        }
    }

    fn expression(&self, path: &str, key: &str) -> Result<Expr, SimError> {
        let v = self.field(path, key)?;
        let where_ = format!("{path}/{key}");
        match v {
            Value::Number(n) => Ok(Expr::Num(n.as_f64().unwrap_or(f64::NAN))),
            Value::String(s) => {
                parse(s).map_err(|why| bad(self.file, &where_, &format!("\"{s}\""), &why))
            }
            other => Err(bad(
                self.file,
                &where_,
                &other.to_string(),
                "a number or an expression in x (tables of x and y are not read yet)",
            )),
        }
    }

    fn electrolyte(&self, path: &str, t: f64, t_ref: f64) -> Result<SimElectrolyte, SimError> {
        let series = |key: &str, ea_key: &str| -> Result<Vec<[f64; 2]>, SimError> {
            let e = self.expression(path, key)?;
            let factor = arrhenius(self.optional_number(path, ea_key)?, t, t_ref);
            let terms = power_terms(&e).ok_or_else(|| {
                bad(
                    self.file,
                    &format!("{path}/{key}"),
                    &format!("{e:?}"),
                    "a sum of a·(x/1000)^p terms",
                )
            })?;
            Ok(terms.into_iter().map(|[a, p]| [a * factor, p]).collect())
        };
        Ok(SimElectrolyte {
            initial_concentration_mol_per_m3: self
                .number(path, "Initial concentration [mol.m-3]")?,
            cation_transference_number: self.number(path, "Cation transference number")?,
            thermodynamic_factor: 1.0,
            diffusivity_m2_per_s: series(
                "Diffusivity [m2.s-1]",
                "Diffusivity activation energy [J.mol-1]",
            )?,
            conductivity_s_per_m: series(
                "Conductivity [S.m-1]",
                "Conductivity activation energy [J.mol-1]",
            )?,
        })
    }

    fn electrode(
        &self,
        path: &str,
        side: Side,
        c_e0: f64,
        t: f64,
        t_ref: f64,
    ) -> Result<SimElectrode, SimError> {
        let n = |key: &str| self.number(path, key);
        let radius = n("Particle radius [m]")?;
        let porosity = n("Porosity")?;
        let c_max = n("Maximum concentration [mol.m-3]")?;
        let (x_min, x_max) = (n("Minimum stoichiometry")?, n("Maximum stoichiometry")?);
        let full = if side == Side::Negative { x_max } else { x_min };
        let diffusivity =
            match self.expression(path, "Diffusivity [m2.s-1]")? {
                Expr::Num(d) => d,
                other => return Err(bad(
                    self.file,
                    &format!("{path}/Diffusivity [m2.s-1]"),
                    &format!("{other:?}"),
                    "a constant (the particle model solves diffusion with a constant diffusivity)",
                )),
            };
        let ocp_expr = self.expression(path, "OCP [V]")?;
        let ocp = ocp_terms(&ocp_expr).ok_or_else(|| {
            bad(
                self.file,
                &format!("{path}/OCP [V]"),
                &format!("{ocp_expr:?}"),
                "a sum of a, a·x, a·exp(b + c·x) and a·tanh(b + c·x) terms",
            )
        })?;
        Ok(SimElectrode {
            thickness_m: n("Thickness [m]")?,
            porosity,
            active_volume_fraction: n("Surface area per unit volume [m-1]")? * radius / 3.0,
            particle_radius_m: radius,
            max_concentration_mol_per_m3: c_max,
            initial_concentration_mol_per_m3: full * c_max,
            diffusivity_m2_per_s: diffusivity
                * arrhenius(
                    self.optional_number(path, "Diffusivity activation energy [J.mol-1]")?,
                    t,
                    t_ref,
                ),
            exchange_current_prefactor: n("Reaction rate constant [mol.m-2.s-1]")?
                * FARADAY_C_PER_MOL
                / (c_max * c_e0.sqrt()),
            activation_energy_j_per_mol: self
                .optional_number(path, "Reaction rate constant activation energy [J.mol-1]")?,
            conductivity_s_per_m: n("Conductivity [S.m-1]")?,
            bruggeman_exponent: n("Transport efficiency")?.ln() / porosity.ln(),
            electrode_bruggeman_exponent: 0.0,
            ocp_v: ocp,
        })
    }

    fn separator(&self, path: &str) -> Result<SimSeparator, SimError> {
        let porosity = self.number(path, "Porosity")?;
        Ok(SimSeparator {
            thickness_m: self.number(path, "Thickness [m]")?,
            porosity,
            bruggeman_exponent: self.number(path, "Transport efficiency")?.ln() / porosity.ln(),
        })
    }
}

/// The BPX key a field of the imported set was read from, for errors in the words of the
/// file the user wrote: `negative.porosity` is `Parameterisation/Negative electrode/Porosity`.
/// A derived field names the keys it was derived from.
pub fn key_of(field: &str) -> Option<String> {
    let (part, name) = field.split_once('.').unwrap_or(("cell", field));
    let section = match part {
        "negative" => "Parameterisation/Negative electrode",
        "positive" => "Parameterisation/Positive electrode",
        "separator" => "Parameterisation/Separator",
        "electrolyte" => "Parameterisation/Electrolyte",
        "cell" => "Parameterisation/Cell",
        _ => return None,
    };
    let key = match name {
        "porosity" => "Porosity",
        "thickness_m" => "Thickness [m]",
        "particle_radius_m" => "Particle radius [m]",
        "max_concentration_mol_per_m3" => "Maximum concentration [mol.m-3]",
        "initial_concentration_mol_per_m3" if part == "electrolyte" => {
            "Initial concentration [mol.m-3]"
        }
        "initial_concentration_mol_per_m3" => {
            "Maximum concentration [mol.m-3] × the full-cell stoichiometry (Minimum or Maximum stoichiometry)"
        }
        "active_volume_fraction" => {
            "Surface area per unit volume [m-1] × Particle radius [m] / 3 (the active volume fraction)"
        }
        "diffusivity_m2_per_s" => "Diffusivity [m2.s-1]",
        "exchange_current_prefactor" => "Reaction rate constant [mol.m-2.s-1]",
        "activation_energy_j_per_mol" => "Reaction rate constant activation energy [J.mol-1]",
        "conductivity_s_per_m" => "Conductivity [S.m-1]",
        "bruggeman_exponent" => {
            "Transport efficiency (with the Porosity, read as a Bruggeman exponent: ln(efficiency) / ln(porosity))"
        }
        "cation_transference_number" => "Cation transference number",
        "nominal_capacity_ah" => "Nominal cell capacity [A.h]",
        "electrode_area_m2" => "Electrode area [m2] × Number of electrode pairs connected in parallel to make a cell",
        "lower_voltage_v" => "Lower voltage cut-off [V]",
        "upper_voltage_v" => "Upper voltage cut-off [V]",
        "temperature_k" => "Initial temperature [K]",
        "reference_temperature_k" => "Reference temperature [K]",
        _ => return None,
    };
    Some(format!("{section}/{key}"))
}

/// An expression in x.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    X,
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
    Pow(Box<Expr>, Box<Expr>),
    Call(Func, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Func {
    Exp,
    Tanh,
}

/// Parses Python-style arithmetic in x: numbers, x, + − * / **, parentheses, exp and tanh.
pub fn parse(text: &str) -> Result<Expr, String> {
    let tokens = tokenize(text)?;
    let mut p = Parser { tokens, at: 0 };
    let e = p.sum()?;
    if p.at != p.tokens.len() {
        return Err(format!("an expression in x; `{}` is left over", p.rest()));
    }
    Ok(e)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Name(String),
    Op(&'static str),
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || chars[i] == '.'
                    || ((chars[i] == 'e' || chars[i] == 'E') && i > start)
                    || ((chars[i] == '+' || chars[i] == '-') && matches!(chars[i - 1], 'e' | 'E')))
            {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(Token::Num(
                s.parse().map_err(|_| format!("a number, not `{s}`"))?,
            ));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            out.push(Token::Name(chars[start..i].iter().collect()));
        } else if c == '*' && chars.get(i + 1) == Some(&'*') {
            out.push(Token::Op("**"));
            i += 2;
        } else {
            let op = match c {
                '+' => "+",
                '-' => "-",
                '*' => "*",
                '/' => "/",
                '(' => "(",
                ')' => ")",
                _ => return Err(format!("arithmetic in x; `{c}` is not read")),
            };
            out.push(Token::Op(op));
            i += 1;
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn rest(&self) -> String {
        self.tokens[self.at..]
            .iter()
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.tokens.get(self.at)
            == Some(&Token::Op(match op {
                "+" => "+",
                "-" => "-",
                "*" => "*",
                "/" => "/",
                "**" => "**",
                "(" => "(",
                _ => ")",
            }))
        {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn sum(&mut self) -> Result<Expr, String> {
        let mut e = self.product()?;
        loop {
            if self.eat("+") {
                e = Expr::Add(Box::new(e), Box::new(self.product()?));
            } else if self.eat("-") {
                e = Expr::Sub(Box::new(e), Box::new(self.product()?));
            } else {
                return Ok(e);
            }
        }
    }

    fn product(&mut self) -> Result<Expr, String> {
        let mut e = self.unary()?;
        loop {
            if self.eat("*") {
                e = Expr::Mul(Box::new(e), Box::new(self.unary()?));
            } else if self.eat("/") {
                e = Expr::Div(Box::new(e), Box::new(self.unary()?));
            } else {
                return Ok(e);
            }
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat("+") {
            return self.unary();
        }
        self.power()
    }

    /// `**` binds tighter than unary minus on its left and is right-associative, as in Python.
    fn power(&mut self) -> Result<Expr, String> {
        let base = self.atom()?;
        if self.eat("**") {
            return Ok(Expr::Pow(Box::new(base), Box::new(self.unary()?)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        let Some(t) = self.tokens.get(self.at).cloned() else {
            return Err("an expression in x; it ends too soon".into());
        };
        self.at += 1;
        match t {
            Token::Num(v) => Ok(Expr::Num(v)),
            Token::Name(n) if n == "x" => Ok(Expr::X),
            Token::Name(n) => {
                let f = match n.as_str() {
                    "exp" | "np.exp" | "pybamm.exp" => Func::Exp,
                    "tanh" | "np.tanh" | "pybamm.tanh" => Func::Tanh,
                    _ => {
                        return Err(format!(
                            "x, numbers and the functions exp and tanh; `{n}` is not read"
                        ))
                    }
                };
                if !self.eat("(") {
                    return Err(format!("`{n}(` with its argument in parentheses"));
                }
                let arg = self.sum()?;
                if !self.eat(")") {
                    return Err("a closing parenthesis".into());
                }
                Ok(Expr::Call(f, Box::new(arg)))
            }
            Token::Op("(") => {
                let e = self.sum()?;
                if !self.eat(")") {
                    return Err("a closing parenthesis".into());
                }
                Ok(e)
            }
            Token::Op(op) => Err(format!("a number, x or `(`, not `{op}`")),
        }
    }
}

impl Expr {
    /// The value when the expression does not involve x.
    fn constant(&self) -> Option<f64> {
        Some(match self {
            Expr::Num(v) => *v,
            Expr::X | Expr::Call(..) => return None,
            Expr::Neg(a) => -a.constant()?,
            Expr::Add(a, b) => a.constant()? + b.constant()?,
            Expr::Sub(a, b) => a.constant()? - b.constant()?,
            Expr::Mul(a, b) => a.constant()? * b.constant()?,
            Expr::Div(a, b) => a.constant()? / b.constant()?,
            Expr::Pow(a, b) => a.constant()?.powf(b.constant()?),
        })
    }

    /// (a, b) when the expression is a + b·x.
    fn affine(&self) -> Option<(f64, f64)> {
        if let Some(c) = self.constant() {
            return Some((c, 0.0));
        }
        Some(match self {
            Expr::X => (0.0, 1.0),
            Expr::Neg(a) => {
                let (p, q) = a.affine()?;
                (-p, -q)
            }
            Expr::Add(a, b) => {
                let ((p, q), (r, s)) = (a.affine()?, b.affine()?);
                (p + r, q + s)
            }
            Expr::Sub(a, b) => {
                let ((p, q), (r, s)) = (a.affine()?, b.affine()?);
                (p - r, q - s)
            }
            Expr::Mul(a, b) => match (a.constant(), b.constant()) {
                (Some(k), None) => scale2(b.affine()?, k),
                (None, Some(k)) => scale2(a.affine()?, k),
                _ => return None,
            },
            Expr::Div(a, b) => scale2(a.affine()?, 1.0 / b.constant()?),
            _ => return None,
        })
    }
}

fn scale2((a, b): (f64, f64), k: f64) -> (f64, f64) {
    (a * k, b * k)
}

fn scale_terms(terms: Vec<OcpTerm>, k: f64) -> Vec<OcpTerm> {
    terms
        .into_iter()
        .map(|t| match t {
            OcpTerm::Constant(a) => OcpTerm::Constant(a * k),
            OcpTerm::Linear(a) => OcpTerm::Linear(a * k),
            OcpTerm::Exp([a, b]) => OcpTerm::Exp([a * k, b]),
            OcpTerm::Tanh([a, b, c]) => OcpTerm::Tanh([a * k, b, c]),
        })
        .collect()
}

/// The expression as a sum of open-circuit-potential terms, when it is one.
pub fn ocp_terms(e: &Expr) -> Option<Vec<OcpTerm>> {
    if let Some((a, b)) = e.affine() {
        return Some(vec![OcpTerm::Constant(a), OcpTerm::Linear(b)]);
    }
    Some(match e {
        Expr::Add(a, b) => [ocp_terms(a)?, ocp_terms(b)?].concat(),
        Expr::Sub(a, b) => [ocp_terms(a)?, scale_terms(ocp_terms(b)?, -1.0)].concat(),
        Expr::Neg(a) => scale_terms(ocp_terms(a)?, -1.0),
        Expr::Mul(a, b) => match (a.constant(), b.constant()) {
            (Some(k), None) => scale_terms(ocp_terms(b)?, k),
            (None, Some(k)) => scale_terms(ocp_terms(a)?, k),
            _ => return None,
        },
        Expr::Div(a, b) => scale_terms(ocp_terms(a)?, 1.0 / b.constant()?),
        Expr::Call(Func::Exp, arg) => {
            let (a, b) = arg.affine()?;
            vec![OcpTerm::Exp([a.exp(), b])]
        }
        Expr::Call(Func::Tanh, arg) => {
            let (a, b) = arg.affine()?;
            if b == 0.0 {
                vec![OcpTerm::Constant(a.tanh())]
            } else {
                vec![OcpTerm::Tanh([1.0, b, -a / b])]
            }
        }
        _ => return None,
    })
}

/// The expression (x a concentration in mol/m³) as terms [a, p] of Σ a·(x/1000)^p.
pub fn power_terms(e: &Expr) -> Option<Vec<[f64; 2]>> {
    if let Some(c) = e.constant() {
        return Some(vec![[c, 0.0]]);
    }
    let scale =
        |t: Vec<[f64; 2]>, k: f64| t.into_iter().map(|[a, p]| [a * k, p]).collect::<Vec<_>>();
    Some(match e {
        Expr::Add(a, b) => [power_terms(a)?, power_terms(b)?].concat(),
        Expr::Sub(a, b) => [power_terms(a)?, scale(power_terms(b)?, -1.0)].concat(),
        Expr::Neg(a) => scale(power_terms(a)?, -1.0),
        Expr::Mul(a, b) => match (a.constant(), b.constant()) {
            (Some(k), None) => scale(power_terms(b)?, k),
            (None, Some(k)) => scale(power_terms(a)?, k),
            _ => return None,
        },
        Expr::Div(a, b) => scale(power_terms(a)?, 1.0 / b.constant()?),
        Expr::Pow(base, exponent) => {
            let p = exponent.constant()?;
            match base.affine()? {
                (0.0, b) => vec![[(1000.0 * b).powf(p), p]],
                _ => return None,
            }
        }
        _ => {
            let (a, b) = e.affine()?;
            vec![[a, 0.0], [1000.0 * b, 1.0]]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ocp_at(text: &str, x: f64) -> f64 {
        ocp_terms(&parse(text).unwrap())
            .unwrap()
            .iter()
            .map(|t| t.value(x))
            .sum()
    }

    #[test]
    fn open_circuit_potentials_read_as_terms_keep_their_values() {
        let text = "3.41285712e+00 - 1.49721852e-02 * x + 3.54866018e+14 * exp(-3.95729493e+02 * x) - 1.45998465e+00 * exp(-1.10108622e+02 * (1 - x))";
        for x in [0.1f64, 0.5, 0.9] {
            let direct = 3.41285712 - 1.49721852e-02 * x + 3.54866018e14 * (-395.729493 * x).exp()
                - 1.45998465 * (-110.108622 * (1.0 - x)).exp();
            assert!((ocp_at(text, x) - direct).abs() < 1e-12, "{x}");
        }
        let t =
            "9.47e-01 * exp(-1.59e+02 * x) - 3.5e+04 + 1.6e-01 * tanh(-4.5e+01 * (x - 3.2e-02))";
        let direct =
            |x: f64| 0.947 * (-159.0 * x).exp() - 3.5e4 + 0.16 * (-45.0 * (x - 0.032)).tanh();
        assert!((ocp_at(t, 0.3) - direct(0.3)).abs() < 1e-9);
    }

    #[test]
    fn electrolyte_powers_of_concentration_read_as_a_series() {
        let e = parse("0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)")
            .unwrap();
        let terms = power_terms(&e).unwrap();
        let at = |c: f64| leapfrog_data::sim::power_series(&terms, c);
        let direct = |c: f64| {
            0.1297 * (c / 1000.0).powi(3) - 2.51 * (c / 1000.0).powf(1.5) + 3.329 * c / 1000.0
        };
        for c in [200.0, 1000.0, 2500.0] {
            assert!((at(c) - direct(c)).abs() < 1e-12);
        }
    }

    #[test]
    fn other_forms_are_refused_with_what_is_read() {
        assert!(parse("log(x)").unwrap_err().contains("exp and tanh"));
        assert!(ocp_terms(&parse("x * exp(x)").unwrap()).is_none());
        assert!(parse("1 +").is_err());
        assert!(parse("2 $ x").is_err());
    }
}
