//! Release orders (发布单): the dependency DAG, unit split and pod groups, the release
//! plan, and the sans-IO release engine (`docs/release.md`).

pub mod dag;
pub mod engine;
pub mod groups;
pub mod guard;
pub mod plan;
