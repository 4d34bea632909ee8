//! How a command fails: the error, and whose it is to fix, which decides the exit code.

use leapfrog_data::{Blame, Blamed};
use std::fmt;
use std::process::ExitCode;

/// A failed command. Any error that says whose it is (`Blamed`, implemented by every model
/// crate's error) converts with `?`; anything else must be wrapped explicitly, so no crate
/// can be forgotten into the wrong exit code.
#[derive(Debug)]
pub struct Failure {
    blame: Blame,
    error: anyhow::Error,
}

impl<E: Blamed> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure {
            blame: e.blame(),
            error: e.into(),
        }
    }
}

impl Failure {
    /// A failure of leapfrog itself (exit 2): output that cannot be written, a value that
    /// cannot be serialized.
    pub fn internal(error: impl Into<anyhow::Error>) -> Failure {
        Failure {
            blame: Blame::Internal,
            error: error.into(),
        }
    }

    /// Adds what was being done, keeping whose the failure is.
    pub fn context(self, what: String) -> Failure {
        Failure {
            blame: self.blame,
            error: self.error.context(what),
        }
    }

    /// Whether the failure is a write to a pipe whose reader has gone.
    pub fn is_broken_pipe(&self) -> bool {
        self.error
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// 1 for the user's mistakes (bad data, options, files), 2 for ours.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self.blame {
            Blame::User => 1,
            Blame::Internal => 2,
        })
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

/// What every command returns.
pub type Result<T = ()> = std::result::Result<T, Failure>;
