//! The data model shared by every area: quantities, labels and selectors (this issue), the
//! app service spec and its versions (later).

pub mod labels;
pub mod quantity;
pub mod selector;
