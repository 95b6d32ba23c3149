//! The data model shared by every area: quantities, labels and selectors (this issue), the
//! app service spec and its versions (later).

pub mod app_service;
pub mod cron;
pub mod diff;
pub mod hold;
pub mod kube;
pub mod labels;
pub mod names;
pub mod pdb;
pub mod quantity;
pub mod selector;
pub mod units;
pub mod validate;
pub mod versions;
