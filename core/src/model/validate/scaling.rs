//! The scaling rules: bounds, timed policies (names, priority, duration, ramps, cron
//! schedules and time zones), metric targets, and node autoscaling (seed 6.2, 1.8).

use std::collections::BTreeSet;

use super::{Checker, c, i};
use crate::error::{self, FieldErrorCode as Code};
use crate::model::app_service::*;
use crate::model::names::*;

impl Checker<'_> {
    pub(super) fn scaling(&mut self, s: &Scaling) {
        match s {
            Scaling::Fixed { replicas } => {
                if let Some(r) = replicas {
                    self.min("scaling.replicas", *r, 0);
                }
            }
            Scaling::Elastic {
                initial_replicas,
                min_replicas,
                max_replicas,
                policies,
            } => {
                let (init, lo, hi) = (*initial_replicas, *min_replicas, *max_replicas);
                self.min("scaling.minReplicas", lo, 0);
                if hi < lo {
                    self.push(
                        "scaling.maxReplicas",
                        Code::Invalid,
                        format!("must be at least minReplicas ({lo}), got {hi}"),
                    );
                }
                if init < lo || init > hi {
                    self.push(
                        "scaling.initialReplicas",
                        Code::Invalid,
                        format!(
                            "must be between minReplicas ({lo}) and maxReplicas ({hi}), got {init}"
                        ),
                    );
                }
                if policies.len() > MAX_POLICIES {
                    self.push(
                        "scaling.policies",
                        Code::TooMany,
                        format!(
                            "{} policies; an elastic scaling has at most {MAX_POLICIES}",
                            policies.len()
                        ),
                    );
                    return;
                }
                let mut names = BTreeSet::new();
                for (n, policy) in policies.iter().enumerate() {
                    let p = i("scaling.policies", n);
                    if !is_policy_name(&policy.name) {
                        self.push(c(&p, "name"), Code::Invalid, format!("`{}` must be 2 to 50 lowercase letters, digits and `-`, starting with a letter", error::clip(&policy.name.to_string())));
                    } else if !names.insert(policy.name.as_str()) {
                        self.push(
                            c(&p, "name"),
                            Code::Duplicate,
                            format!(
                                "policy `{}` is defined twice",
                                error::clip(&policy.name.to_string())
                            ),
                        );
                    }
                    self.policy(&p, policy, lo, hi);
                }
            }
        }
    }

    pub(super) fn policy(&mut self, p: &str, policy: &ScalingPolicy, lo: i32, hi: i32) {
        self.schedule(&c(p, "schedule"), &policy.schedule);
        match (policy.duration_seconds, policy.priority) {
            (None, Some(prio)) if prio != 0 => {
                // Seed 6.2: a policy without a duration "的优先级只能是 0".
                self.push(
                    c(p, "priority"),
                    Code::Invalid,
                    format!("a policy without a duration has priority 0, got {prio}"),
                );
            }
            (Some(d), prio) => {
                self.min(&c(p, "durationSeconds"), d, 1);
                if let Some(prio) = prio {
                    self.min(&c(p, "priority"), prio, 1);
                }
            }
            _ => {}
        }
        self.action(&c(p, "action"), policy, lo, hi);
    }

    /// A policy's schedule at `sp`: exactly one of `at` and `cron`, a valid cron
    /// expression, an IANA time zone (cron only).
    fn schedule(&mut self, sp: &str, s: &Schedule) {
        match (&s.at, &s.cron) {
            (Some(_), Some(_)) => self.push(
                c(sp, "cron"),
                Code::Forbidden,
                "exactly one of `at` and `cron`",
            ),
            (None, None) => self.push(sp, Code::Required, "one of `at` and `cron` is required"),
            (Some(at), None) => {
                crate::time::check(at, || c(sp, "at"), &mut self.errs);
                if s.time_zone.is_some() {
                    self.push(
                        c(sp, "timeZone"),
                        Code::Forbidden,
                        "only a cron schedule has a time zone; `at` carries its offset",
                    );
                }
            }
            (None, Some(cron)) => {
                // The zone is checked below; a bad one must not hide a bad expression.
                let tz = s
                    .time_zone
                    .as_deref()
                    .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
                    .unwrap_or(chrono_tz::Tz::UTC);
                if let Err(problem) = crate::model::cron::Cron::parse_in(cron, tz) {
                    self.push(
                        c(sp, "cron"),
                        Code::Invalid,
                        format!("invalid cron expression: {problem}"),
                    );
                }
            }
        }
        if let Some(tz) = &s.time_zone
            && tz.parse::<chrono_tz::Tz>().is_err()
        {
            self.push(
                c(sp, "timeZone"),
                Code::Invalid,
                format!(
                    "`{tz}` is not an IANA time zone name",
                    tz = error::clip(&tz.to_string())
                ),
            );
        }
    }

    /// A policy's action at `ap` (`lo`..`hi`: the elastic bounds a metric action's
    /// replicas stay within).
    fn action(&mut self, ap: &str, policy: &ScalingPolicy, lo: i32, hi: i32) {
        match &policy.action {
            PolicyAction::Replicas { replicas, ramp } => {
                self.min(&c(ap, "replicas"), *replicas, 0);
                if let Some(r) = ramp {
                    if policy.duration_seconds.is_none() {
                        self.push(
                            c(ap, "ramp"),
                            Code::Forbidden,
                            "a ramp needs the policy's `durationSeconds`",
                        );
                    }
                    self.min(&c(&c(ap, "ramp"), "from"), r.from, 0);
                    self.min(&c(&c(ap, "ramp"), "to"), r.to, 0);
                }
            }
            PolicyAction::Metric {
                targets,
                min_replicas,
                max_replicas,
            } => {
                let tp = c(ap, "targets");
                if targets.cpu_util.is_none() && targets.mem_util.is_none() {
                    self.push(
                        tp.clone(),
                        Code::Required,
                        "at least one of `cpuUtil` and `memUtil` is required",
                    );
                }
                for (name, v) in [("cpuUtil", targets.cpu_util), ("memUtil", targets.mem_util)] {
                    if let Some(v) = v {
                        self.min(&c(&tp, name), v, 1);
                    }
                }
                let wlo = min_replicas.unwrap_or(lo);
                let whi = max_replicas.unwrap_or(hi);
                if let Some(m) = min_replicas
                    && (*m < lo || *m > hi)
                {
                    self.push(
                        c(ap, "minReplicas"),
                        Code::Invalid,
                        format!("must be within the elastic bounds {lo}..{hi}, got {m}"),
                    );
                }
                if let Some(m) = max_replicas
                    && (*m < lo || *m > hi)
                {
                    self.push(
                        c(ap, "maxReplicas"),
                        Code::Invalid,
                        format!("must be within the elastic bounds {lo}..{hi}, got {m}"),
                    );
                }
                if whi < wlo {
                    self.push(
                        c(ap, "maxReplicas"),
                        Code::Invalid,
                        format!("must be at least minReplicas ({wlo}), got {whi}"),
                    );
                }
            }
        }
    }

    pub(super) fn node_autoscaling(&mut self, s: &AppService) {
        if self.private_cloud() {
            // Seed 1.8: "暂无节点弹性伸缩(CA)能力".
            self.push(
                "nodeAutoscaling",
                Code::Forbidden,
                "private cloud has no node autoscaling",
            );
            return;
        }
        let Some(cluster) = self.cluster().cloned() else {
            return;
        };
        if !cluster.node_autoscaling {
            self.push(
                "nodeAutoscaling",
                Code::Forbidden,
                "node autoscaling is not enabled in the cluster",
            );
            return;
        }
        // Seed 6.2 part 3: every chosen unit's zone needs a node group.
        let chosen: Vec<&String> = s
            .deploy
            .as_ref()
            .map(|d| d.units.iter().collect())
            .unwrap_or_default();
        for unit in &cluster.units {
            let in_scope = chosen.is_empty() || chosen.contains(&&unit.name);
            if in_scope && !cluster.node_group_zones.contains(&unit.zone) {
                self.push(
                    "nodeAutoscaling",
                    Code::Invalid,
                    format!(
                        "unit `{}` is in zone `{}`, which has no node group",
                        error::clip(&unit.name.to_string()),
                        error::clip(&unit.zone.to_string())
                    ),
                );
            }
        }
    }
}
