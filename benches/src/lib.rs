//! Shared fixtures of the benches (kept empty until a second bench needs one).
