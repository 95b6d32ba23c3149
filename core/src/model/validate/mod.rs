//! `validate` and `normalize` of an app service: every rule of `docs/model.md`, every
//! problem at once with its field path, then the spec with every default filled.
//!
//! Rules cite their source: seed 6.2 (create), 6.3 (advanced pod settings), 6.8 (log
//! stores), 1.7 / 1.8 (platform limits).

mod access;
mod normalize;
mod pod;
mod scaling;

use std::collections::BTreeSet;

use crate::error::{self, FieldErrorCode as Code, Result, ValidationErrors};
use crate::model::app_service::*;
use crate::model::labels::{is_dns1123_label, is_dns1123_subdomain};
use crate::model::names::*;

/// The smallest volume a stateful app service may claim, in GiB (seed 6.2: "大于 20" in the
/// form, "minimum 20 Gi" for disks; 20 is accepted).
pub const MIN_CAPACITY_GI: i32 = 20;

/// Walks the spec, collecting problems.
struct Checker<'a> {
    errs: ValidationErrors,
    profile: Option<&'a PlatformProfile>,
}

fn c(path: &str, name: &str) -> String {
    error::child(path, name)
}
fn i(path: &str, index: usize) -> String {
    error::index(path, index)
}

impl Checker<'_> {
    fn push(&mut self, path: impl Into<String>, code: Code, message: impl Into<String>) {
        self.errs.push(path, code, message);
    }

    fn private_cloud(&self) -> bool {
        self.profile.and_then(|p| p.platform) == Some(Platform::PrivateCloud)
    }

    fn cluster(&self) -> Option<&ClusterProfile> {
        self.profile.and_then(|p| p.cluster.as_ref())
    }

    fn dns_label(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            self.push(path, Code::Required, "must not be empty");
        } else if !is_dns1123_label(value) {
            self.push(path, Code::Invalid, format!("`{value}` must be a DNS-1123 label: at most 63 lowercase letters, digits and `-`, starting and ending with a letter or digit", value = error::clip(value)));
        }
    }

    fn subdomain(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            self.push(path, Code::Required, "must not be empty");
        } else if !is_dns1123_subdomain(value) {
            self.push(
                path,
                Code::Invalid,
                format!(
                    "`{value}` must be a DNS-1123 subdomain: lowercase letters, digits, `-` and `.`", value = error::clip(value)
                ),
            );
        }
    }

    fn min(&mut self, path: &str, value: i32, min: i32) {
        if value < min {
            self.push(
                path,
                Code::Invalid,
                format!("must be at least {min}, got {value}"),
            );
        }
    }

    fn range(&mut self, path: &str, value: i32, lo: i32, hi: i32) {
        if value < lo || value > hi {
            self.push(
                path,
                Code::Invalid,
                format!("must be between {lo} and {hi}, got {value}"),
            );
        }
    }

    fn port(&mut self, path: &str, value: i32) {
        self.range(path, value, 1, 65535);
    }

    fn absolute(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            self.push(path, Code::Required, "must not be empty");
        } else if !is_absolute_path(value) {
            self.push(
                path,
                Code::Invalid,
                format!(
                    "`{value}` must be an absolute path starting with `/`",
                    value = error::clip(value)
                ),
            );
        }
    }

    fn image(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            self.push(path, Code::Required, "an image is required");
        } else if let Some(problem) = image_reference_problem(value) {
            self.push(
                path,
                Code::Invalid,
                format!(
                    "invalid image reference `{value}`: {problem}",
                    value = error::clip(value)
                ),
            );
        }
    }

    fn app_service(&mut self, s: &AppService) {
        if let Some(ns) = &s.namespace {
            self.dns_label("namespace", ns);
        }
        self.dns_label("name", &s.name);
        if s.app.is_empty() {
            self.push("app", Code::Required, "the application is required");
        } else if !is_app_name(&s.app) {
            self.push("app", Code::Invalid, format!("`{}` must be letters, digits, `-` and `_`, start with a letter, end with a letter or digit, at most 63 characters", error::clip(&s.app.to_string())));
        }
        self.storage(s);
        self.template(&s.template);
        if let Some(scaling) = &s.scaling {
            self.scaling(scaling);
        }
        if s.node_autoscaling == Some(true) {
            self.node_autoscaling(s);
        }
        let mut names = BTreeSet::new();
        for (n, svc) in s.services.iter().enumerate() {
            let p = i("services", n);
            self.dns_label(&c(&p, "name"), &svc.name);
            if !names.insert(svc.name.as_str()) {
                self.push(
                    c(&p, "name"),
                    Code::Duplicate,
                    format!(
                        "service `{}` is defined twice",
                        error::clip(&svc.name.to_string())
                    ),
                );
            }
            self.access(&c(&p, "access"), &svc.access);
        }
        if let Some(deploy) = &s.deploy {
            self.deploy(deploy);
        }
    }

    fn storage(&mut self, s: &AppService) {
        let stateful = s.stateful.unwrap_or(false);
        if !s.volume_claim_templates.is_empty() && self.private_cloud() {
            // Seed 1.8: "暂不支持存储" — no storage on private cloud.
            self.push(
                "volumeClaimTemplates",
                Code::Forbidden,
                "private cloud has no storage: stateful app services cannot claim volumes",
            );
            return;
        }
        if !stateful && !s.volume_claim_templates.is_empty() {
            self.push(
                "volumeClaimTemplates",
                Code::Forbidden,
                "only a stateful app service has volume claim templates",
            );
        }
        if stateful && s.volume_claim_templates.is_empty() && !self.private_cloud() {
            self.push(
                "volumeClaimTemplates",
                Code::Required,
                "a stateful app service needs at least one volume claim template",
            );
        }
        let mut names = BTreeSet::new();
        for (n, t) in s.volume_claim_templates.iter().enumerate() {
            let p = i("volumeClaimTemplates", n);
            if t.name.is_empty() {
                self.push(c(&p, "name"), Code::Required, "must not be empty");
            } else if !is_template_name(&t.name) {
                self.push(c(&p, "name"), Code::Invalid, format!("`{}` must be lowercase letters, digits and `-`, start with a letter and end with a letter or digit", error::clip(&t.name.to_string())));
            } else if !names.insert(t.name.as_str()) {
                self.push(
                    c(&p, "name"),
                    Code::Duplicate,
                    format!(
                        "template `{}` is defined twice",
                        error::clip(&t.name.to_string())
                    ),
                );
            }
            if t.storage_class_name.is_empty() {
                self.push(
                    c(&p, "storageClassName"),
                    Code::Required,
                    "a storage class is required",
                );
            }
            self.min(&c(&p, "capacityGi"), t.capacity_gi, MIN_CAPACITY_GI);
        }
    }
}

/// Validate an app service: every rule, every problem at once, with field paths.
///
/// `profile` adds the platform's restrictions (private cloud: no ClusterIP services, no
/// storage, no node autoscaling) and, with a cluster, checks units, node groups and mesh.
///
/// # Errors
///
/// [`crate::Error::Validation`] listing every problem.
///
/// # Examples
///
/// ```
/// let spec: weir::AppService = serde_json::from_value(serde_json::json!({
///     "name": "Bad_Name", "app": "vote",
///     "template": {"containers": [{"name": "c", "image": "redis:6",
///         "resources": {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}}}]}
/// }))?;
/// let err = weir::validate(&spec, None).unwrap_err();
/// let paths: Vec<String> = match err {
///     weir::Error::Validation(errors) => errors.0.into_iter().map(|f| f.path).collect(),
///     _ => vec![],
/// };
/// assert_eq!(paths, ["name", "template.containers[0].resources.requests.cpu"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(spec: &AppService, profile: Option<&PlatformProfile>) -> Result<()> {
    let mut checker = Checker {
        errs: ValidationErrors::new(),
        profile,
    };
    checker.app_service(spec);
    checker.errs.into_result(())
}

/// Validate scaling alone (the `scaling.*` rules of [`validate`]): bounds, policy names,
/// priority and duration, ramps, schedules (cron syntax, time zones, schedules that never
/// fire) and metric windows. Paths start at `scaling`.
///
/// # Errors
///
/// [`crate::Error::Validation`] listing every problem.
pub(crate) fn scaling_rules(scaling: &Scaling) -> Result<()> {
    let mut checker = Checker {
        errs: ValidationErrors::new(),
        profile: None,
    };
    checker.scaling(scaling);
    checker.errs.into_result(())
}

pub use self::normalize::normalize;

/// Input of [`validate_app_service`] and [`normalize_app_service`].
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppServiceInput {
    /// The app service spec.
    pub spec: AppService,
    /// The platform's restrictions and the target cluster, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<PlatformProfile>,
}

/// [`validate`] with its input as one value (the form the bindings and vectors use).
///
/// # Errors
///
/// As [`validate`].
pub fn validate_app_service(input: &AppServiceInput) -> Result<()> {
    validate(&input.spec, input.profile.as_ref())
}

/// [`normalize()`] with its input as one value (the form the bindings and vectors use).
///
/// # Errors
///
/// As [`normalize()`].
pub fn normalize_app_service(input: &AppServiceInput) -> Result<AppService> {
    normalize(&input.spec, input.profile.as_ref())
}
