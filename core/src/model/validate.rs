//! `validate` and `normalize` of an app service: every rule of `docs/model.md`, every
//! problem at once with its field path, then the spec with every default filled.
//!
//! Rules cite their source: seed 6.2 (create), 6.3 (advanced pod settings), 6.8 (log
//! stores), 1.7 / 1.8 (platform limits).

use std::collections::BTreeSet;

use crate::error::{self, FieldErrorCode as Code, Result, ValidationErrors};
use crate::model::app_service::*;
use crate::model::labels::{check_label_value, is_dns1123_label, is_dns1123_subdomain};
use crate::model::names::*;
use crate::model::quantity::Quantity;

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

    fn template(&mut self, t: &PodTemplate) {
        let path = "template.containers";
        if t.containers.is_empty() {
            self.push(path, Code::Required, "at least one container is required");
        }
        let mut names = BTreeSet::new();
        for (n, ctr) in t.containers.iter().enumerate() {
            let p = i(path, n);
            self.dns_label(&c(&p, "name"), &ctr.name);
            if !ctr.name.is_empty() && !names.insert(ctr.name.as_str()) {
                self.push(
                    c(&p, "name"),
                    Code::Duplicate,
                    format!(
                        "container `{}` is defined twice",
                        error::clip(&ctr.name.to_string())
                    ),
                );
            }
            self.container(&p, ctr);
        }
    }

    fn container(&mut self, p: &str, ctr: &Container) {
        self.image(&c(p, "image"), &ctr.image);
        match &ctr.image_source {
            Some(ImageSource::Build { build_id }) if build_id.is_empty() => {
                self.push(
                    c(p, "imageSource.buildId"),
                    Code::Required,
                    "a build record id is required",
                );
            }
            Some(ImageSource::Package {
                package_path,
                target_path,
                base_image,
                target_image,
            }) => {
                let sp = c(p, "imageSource");
                if package_path.is_empty() {
                    self.push(
                        c(&sp, "packagePath"),
                        Code::Required,
                        "the package is required",
                    );
                }
                self.absolute(&c(&sp, "targetPath"), target_path);
                if let Some(b) = base_image {
                    self.image(&c(&sp, "baseImage"), b);
                }
                self.image(&c(&sp, "targetImage"), target_image);
            }
            _ => {}
        }
        if let Some(secret) = &ctr.image_pull_secret {
            self.subdomain(&c(p, "imagePullSecret"), secret);
        }
        if let Some(r) = &ctr.resources {
            self.resources(&c(p, "resources"), r);
        }
        self.env(&c(p, "env"), &ctr.env);
        let mut mounts = BTreeSet::new();
        for (n, m) in ctr.volume_mounts.iter().enumerate() {
            let mp = i(&c(p, "volumeMounts"), n);
            self.absolute(&c(&mp, "mountPath"), &m.mount_path);
            if !mounts.insert(m.mount_path.as_str()) {
                self.push(
                    c(&mp, "mountPath"),
                    Code::Duplicate,
                    format!(
                        "`{}` is mounted twice",
                        error::clip(&m.mount_path.to_string())
                    ),
                );
            }
            match m.volume_type {
                VolumeType::HostPath => self.absolute(&c(&mp, "source"), &m.source),
                VolumeType::ConfigMap | VolumeType::Secret => {
                    self.subdomain(&c(&mp, "source"), &m.source)
                }
            }
        }
        if let Some(probe) = &ctr.readiness_probe {
            self.probe(&c(p, "readinessProbe"), probe, false);
        }
        if let Some(probe) = &ctr.liveness_probe {
            self.probe(&c(p, "livenessProbe"), probe, true);
        }
        if let Some(l) = &ctr.lifecycle {
            for (name, h) in [("postStart", &l.post_start), ("preStop", &l.pre_stop)] {
                if let Some(h) = h {
                    self.handler(
                        &c(&c(p, "lifecycle"), name),
                        h.exec.as_ref(),
                        h.http_get.as_ref(),
                        None,
                    );
                }
            }
        }
        let mut stores = BTreeSet::new();
        for (n, log) in ctr.logs.iter().enumerate() {
            self.log(&i(&c(p, "logs"), n), log, &mut stores);
        }
        if let Some(dir) = &ctr.monitoring_dir {
            self.absolute(&c(p, "monitoringDir"), dir);
        }
    }

    fn resources(&mut self, p: &str, r: &Resources) {
        let parsed =
            |list: &Option<ResourceList>, kind: &str, this: &mut Self| -> [Option<Quantity>; 2] {
                let lp = c(p, kind);
                let mut out = [None, None];
                if let Some(list) = list {
                    for (slot, (name, raw)) in out
                        .iter_mut()
                        .zip([("cpu", &list.cpu), ("memory", &list.memory)])
                    {
                        if let Some(raw) = raw {
                            match raw.parse() {
                                Ok(q) => *slot = Some(q),
                                Err(e) => this.push(c(&lp, name), Code::Invalid, e.to_string()),
                            }
                        }
                    }
                }
                out
            };
        let requests = parsed(&r.requests, "requests", self);
        let limits = parsed(&r.limits, "limits", self);
        for (n, name) in ["cpu", "memory"].iter().enumerate() {
            if let (Some(Some(req)), Some(Some(lim))) = (requests.get(n), limits.get(n))
                && req.nano_value() > lim.nano_value()
            {
                self.push(
                    c(&c(p, "requests"), name),
                    Code::Invalid,
                    format!(
                        "request `{req}` must be less than or equal to the {name} limit `{lim}`",
                        req = error::clip(&req.to_string()),
                        lim = error::clip(&lim.to_string())
                    ),
                );
            }
        }
    }

    fn env(&mut self, p: &str, env: &[EnvVar]) {
        let mut names = BTreeSet::new();
        for (n, e) in env.iter().enumerate() {
            let ep = i(p, n);
            if e.name.is_empty() {
                self.push(c(&ep, "name"), Code::Required, "must not be empty");
            } else if !is_c_identifier(&e.name) {
                self.push(c(&ep, "name"), Code::Invalid, format!("`{}` must be a C identifier: letters, digits and `_`, not starting with a digit", error::clip(&e.name.to_string())));
            } else if !names.insert(e.name.as_str()) {
                self.push(
                    c(&ep, "name"),
                    Code::Duplicate,
                    format!("`{}` is set twice", error::clip(&e.name.to_string())),
                );
            }
            match (&e.value, &e.value_from) {
                (Some(_), Some(_)) => self.push(
                    c(&ep, "valueFrom"),
                    Code::Forbidden,
                    "may not be specified together with `value`",
                ),
                (None, None) => self.push(
                    c(&ep, "value"),
                    Code::Required,
                    "either `value` or `valueFrom` is required",
                ),
                (None, Some(from)) => {
                    let fp = c(&ep, "valueFrom");
                    match (&from.config_map_key_ref, &from.secret_key_ref) {
                        (Some(r), None) => self.key_ref(&c(&fp, "configMapKeyRef"), r),
                        (None, Some(r)) => self.key_ref(&c(&fp, "secretKeyRef"), r),
                        (Some(_), Some(_)) => self.push(
                            fp,
                            Code::Forbidden,
                            "exactly one of `configMapKeyRef` and `secretKeyRef`",
                        ),
                        (None, None) => self.push(
                            fp,
                            Code::Required,
                            "one of `configMapKeyRef` and `secretKeyRef` is required",
                        ),
                    }
                }
                (Some(_), None) => {}
            }
        }
    }

    fn key_ref(&mut self, p: &str, r: &KeyRef) {
        self.subdomain(&c(p, "name"), &r.name);
        if r.key.is_empty() {
            self.push(c(p, "key"), Code::Required, "must not be empty");
        } else if !r
            .key
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "-._".contains(ch))
            || r.key.len() > 253
        {
            self.push(
                c(p, "key"),
                Code::Invalid,
                format!(
                    "`{}` must be letters, digits, `-`, `_` and `.`",
                    error::clip(&r.key.to_string())
                ),
            );
        }
    }

    fn handler(
        &mut self,
        p: &str,
        exec: Option<&ExecAction>,
        http: Option<&HttpGetAction>,
        tcp: Option<&TcpSocketAction>,
    ) {
        let count =
            usize::from(exec.is_some()) + usize::from(http.is_some()) + usize::from(tcp.is_some());
        if count == 0 {
            self.push(
                p,
                Code::Required,
                "must specify a handler: `exec`, `httpGet` or `tcpSocket`",
            );
        } else if count > 1 {
            self.push(p, Code::Forbidden, "may not specify more than one handler");
        }
        if let Some(e) = exec
            && e.command.is_empty()
        {
            self.push(
                c(&c(p, "exec"), "command"),
                Code::Required,
                "a command is required",
            );
        }
        if let Some(h) = http {
            let hp = c(p, "httpGet");
            if !h.path.starts_with('/') {
                self.push(
                    c(&hp, "path"),
                    Code::Invalid,
                    format!("`{}` must start with `/`", error::clip(&h.path.to_string())),
                );
            }
            self.port(&c(&hp, "port"), h.port);
        }
        if let Some(t) = tcp {
            self.port(&c(&c(p, "tcpSocket"), "port"), t.port);
        }
    }

    fn probe(&mut self, p: &str, probe: &Probe, liveness: bool) {
        self.handler(
            p,
            probe.exec.as_ref(),
            probe.http_get.as_ref(),
            probe.tcp_socket.as_ref(),
        );
        let fields = [
            ("initialDelaySeconds", probe.initial_delay_seconds, 0),
            ("timeoutSeconds", probe.timeout_seconds, 1),
            ("periodSeconds", probe.period_seconds, 1),
            ("successThreshold", probe.success_threshold, 1),
            ("failureThreshold", probe.failure_threshold, 1),
        ];
        for (name, value, min) in fields {
            if let Some(v) = value {
                self.min(&c(p, name), v, min);
            }
        }
        if liveness && probe.success_threshold.is_some_and(|v| v != 1) {
            self.push(
                c(p, "successThreshold"),
                Code::Invalid,
                "must be 1 for a liveness probe",
            );
        }
    }

    fn log(&mut self, p: &str, log: &LogConfig, stores: &mut BTreeSet<String>) {
        if !is_logstore_name(&log.logstore) {
            self.push(c(p, "logstore"), Code::Invalid, format!("`{}` must be 3 to 63 lowercase letters, digits, `-` and `_`, starting and ending with a letter or digit", error::clip(&log.logstore.to_string())));
        } else if !stores.insert(log.logstore.clone()) {
            self.push(
                c(p, "logstore"),
                Code::Duplicate,
                format!(
                    "log store `{}` is configured twice",
                    error::clip(&log.logstore.to_string())
                ),
            );
        }
        if let Some(d) = log.retention_days {
            self.range(&c(p, "retentionDays"), d, 1, 3000);
        }
        if let Some(s) = log.shards {
            self.range(&c(p, "shards"), s, 1, 10);
        }
        if log.paths.is_empty() {
            self.push(
                c(p, "paths"),
                Code::Required,
                "at least one path is required",
            );
        }
        for (n, path) in log.paths.iter().enumerate() {
            self.absolute(&i(&c(p, "paths"), n), path);
        }
    }

    fn scaling(&mut self, s: &Scaling) {
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

    fn policy(&mut self, p: &str, policy: &ScalingPolicy, lo: i32, hi: i32) {
        let sp = c(p, "schedule");
        let s = &policy.schedule;
        match (&s.at, &s.cron) {
            (Some(_), Some(_)) => self.push(
                c(&sp, "cron"),
                Code::Forbidden,
                "exactly one of `at` and `cron`",
            ),
            (None, None) => self.push(
                sp.clone(),
                Code::Required,
                "one of `at` and `cron` is required",
            ),
            (Some(at), None) => {
                crate::time::check(at, || c(&sp, "at"), &mut self.errs);
                if s.time_zone.is_some() {
                    self.push(
                        c(&sp, "timeZone"),
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
                        c(&sp, "cron"),
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
                c(&sp, "timeZone"),
                Code::Invalid,
                format!(
                    "`{tz}` is not an IANA time zone name",
                    tz = error::clip(&tz.to_string())
                ),
            );
        }
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
        let ap = c(p, "action");
        match &policy.action {
            PolicyAction::Replicas { replicas, ramp } => {
                self.min(&c(&ap, "replicas"), *replicas, 0);
                if let Some(r) = ramp {
                    if policy.duration_seconds.is_none() {
                        self.push(
                            c(&ap, "ramp"),
                            Code::Forbidden,
                            "a ramp needs the policy's `durationSeconds`",
                        );
                    }
                    self.min(&c(&c(&ap, "ramp"), "from"), r.from, 0);
                    self.min(&c(&c(&ap, "ramp"), "to"), r.to, 0);
                }
            }
            PolicyAction::Metric {
                targets,
                min_replicas,
                max_replicas,
            } => {
                let tp = c(&ap, "targets");
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
                        c(&ap, "minReplicas"),
                        Code::Invalid,
                        format!("must be within the elastic bounds {lo}..{hi}, got {m}"),
                    );
                }
                if let Some(m) = max_replicas
                    && (*m < lo || *m > hi)
                {
                    self.push(
                        c(&ap, "maxReplicas"),
                        Code::Invalid,
                        format!("must be within the elastic bounds {lo}..{hi}, got {m}"),
                    );
                }
                if whi < wlo {
                    self.push(
                        c(&ap, "maxReplicas"),
                        Code::Invalid,
                        format!("must be at least minReplicas ({wlo}), got {whi}"),
                    );
                }
            }
        }
    }

    fn node_autoscaling(&mut self, s: &AppService) {
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

    /// Check a port list: not empty, each port by `each`, and no key (protocol, port)
    /// twice.
    fn ports<T>(
        &mut self,
        p: &str,
        ports: &[T],
        each: impl Fn(&mut Self, &str, &T) -> (&'static str, i32),
    ) {
        let lp = c(p, "ports");
        if ports.is_empty() {
            self.push(
                lp.clone(),
                Code::Required,
                "at least one port mapping is required",
            );
        }
        let mut seen = BTreeSet::new();
        for (n, port) in ports.iter().enumerate() {
            let pp = i(&lp, n);
            let key = each(self, &pp, port);
            if !seen.insert(key) {
                self.push(
                    pp,
                    Code::Duplicate,
                    format!("{} port {} is mapped twice", key.0, key.1),
                );
            }
        }
    }

    fn access(&mut self, p: &str, access: &Access) {
        match access {
            Access::ClusterIp { ports } => {
                if self.private_cloud() {
                    // Seed 1.8: "当前暂不提供 cluster IP service".
                    self.push(
                        c(p, "type"),
                        Code::Forbidden,
                        "private cloud has no ClusterIP services; use a load balancer",
                    );
                }
                self.ports(p, ports, |this, pp, port| {
                    this.port(&c(pp, "port"), port.port);
                    this.port(&c(pp, "targetPort"), port.target_port);
                    (port.protocol.as_str(), port.port)
                });
            }
            Access::IntranetLb {
                load_balancer,
                ports,
            }
            | Access::InternetLb {
                load_balancer,
                ports,
            } => {
                if load_balancer.is_empty() {
                    self.push(
                        c(p, "loadBalancer"),
                        Code::Required,
                        "a load balancer id or `create` is required",
                    );
                }
                self.ports(p, ports, |this, pp, port| {
                    this.port(&c(pp, "frontendPort"), port.frontend_port);
                    this.port(&c(pp, "backendPort"), port.backend_port);
                    if port.protocol == LbProtocol::Tcp && port.health_check == Some(false) {
                        // Seed 6.2 part 4: "TCP 协议下,默认开启健康检查,不可关闭".
                        this.push(
                            c(pp, "healthCheck"),
                            Code::Forbidden,
                            "a TCP port must keep its health check on",
                        );
                    }
                    (port.protocol.as_str(), port.frontend_port)
                });
            }
        }
    }

    fn deploy(&mut self, d: &Deploy) {
        let cluster_units: Option<Vec<String>> = self
            .cluster()
            .filter(|c| !c.units.is_empty())
            .map(|c| c.units.iter().map(|u| u.name.clone()).collect());
        let mut seen = BTreeSet::new();
        for (n, unit) in d.units.iter().enumerate() {
            let p = i("deploy.units", n);
            if unit.is_empty() {
                self.push(p, Code::Required, "must not be empty");
                continue;
            }
            check_label_value(unit, &p, &mut self.errs);
            if !seen.insert(unit.as_str()) {
                self.push(
                    p,
                    Code::Duplicate,
                    format!(
                        "unit `{unit}` is listed twice",
                        unit = error::clip(&unit.to_string())
                    ),
                );
            } else if let Some(known) = &cluster_units
                && !known.contains(unit)
            {
                self.push(
                    p,
                    Code::NotSupported,
                    format!(
                        "unit `{unit}` is not a unit of the workspace (known: {})",
                        known.join(", "),
                        unit = error::clip(&unit.to_string())
                    ),
                );
            }
        }
        if let Some(Grouping::Fast {
            min_groups: Some(m),
        }) = &d.grouping
        {
            self.min("deploy.grouping.minGroups", *m, 1);
        }
        if let Some(na) = &d.node_affinity {
            na.check("deploy.nodeAffinity", &mut self.errs);
        }
        let mut pairs = BTreeSet::new();
        for (n, a) in d.service_affinity.iter().enumerate() {
            let p = i("deploy.serviceAffinity", n);
            self.dns_label(&c(&p, "appService"), &a.app_service);
            if !pairs.insert((
                a.app_service.as_str(),
                a.affinity_type == AffinityType::Affinity,
            )) {
                self.push(
                    p,
                    Code::Duplicate,
                    format!(
                        "affinity to `{}` is listed twice",
                        error::clip(&a.app_service.to_string())
                    ),
                );
            }
        }
        if let Some(mesh) = &d.mesh {
            if let Some(t) = mesh.traffic_percent {
                self.range("deploy.mesh.trafficPercent", t, 0, 100);
            }
            if let Some(target) = &mesh.target_service {
                self.dns_label("deploy.mesh.targetService", target);
            }
            if mesh.enabled && self.cluster().is_some_and(|c| !c.mesh) {
                // Seed 6.2 part 5: "注入 SOFAMesh: 需集群开启 Mesh 功能".
                self.push(
                    "deploy.mesh.enabled",
                    Code::Forbidden,
                    "the cluster does not have the service mesh enabled",
                );
            }
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
/// let paths: Vec<String> = match err.details() {
///     weir::ErrorDetails::Validation { fields } => fields.into_iter().map(|f| f.path).collect(),
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

fn canonical(raw: &mut Option<crate::RawQuantity>) {
    if let Some(r) = raw
        && let Ok(q) = r.parse()
    {
        // A JSON number such as 0.5 becomes the canonical string `500m`; the settled form
        // keeps normalize idempotent (`62.5Ki` → `64k`, not `64000`).
        *r = crate::RawQuantity(q.settled_canonical());
    }
}

/// Validate, then return the spec with every default filled and every quantity in
/// canonical form: what a version stores. Normalizing twice changes nothing.
///
/// Defaults (seed 6.2, 6.3): namespace `default`; not stateful; fixed scaling with 1
/// replica; no node autoscaling; image source `registry`; package base image
/// [`DEFAULT_BASE_IMAGE`]; probe timings 3/1/10/1/3; mounts read-write; log stores 30 days,
/// 2 shards; cron policies in `UTC`, priority 0 without duration and 1 with; LB ports
/// `wrr` with health check on; deploy `inPlace`, fast grouping with 3 groups, beta on,
/// pause between groups on, `evenAcrossUnits`. Empty `units` stays empty: it means every
/// unit of the workspace at release time, so a unit added later is included (the
/// version does not freeze today's topology).
///
/// # Errors
///
/// [`crate::Error::Validation`] listing every problem (as [`validate`]).
pub fn normalize(spec: &AppService, profile: Option<&PlatformProfile>) -> Result<AppService> {
    validate(spec, profile)?;
    let mut s = spec.clone();
    s.namespace.get_or_insert_with(|| "default".to_owned());
    s.stateful.get_or_insert(false);
    s.node_autoscaling.get_or_insert(false);
    match s
        .scaling
        .get_or_insert(Scaling::Fixed { replicas: Some(1) })
    {
        Scaling::Fixed { replicas } => {
            replicas.get_or_insert(1);
        }
        Scaling::Elastic { policies, .. } => {
            for p in policies {
                if p.schedule.cron.is_some() {
                    p.schedule.time_zone.get_or_insert_with(|| "UTC".to_owned());
                }
                let default_priority = i32::from(p.duration_seconds.is_some());
                p.priority.get_or_insert(default_priority);
            }
        }
    }
    for ctr in &mut s.template.containers {
        match ctr.image_source.get_or_insert(ImageSource::Registry) {
            ImageSource::Package { base_image, .. } => {
                base_image.get_or_insert_with(|| DEFAULT_BASE_IMAGE.to_owned());
            }
            ImageSource::Registry | ImageSource::Build { .. } => {}
        }
        if let Some(r) = &mut ctr.resources {
            for list in [&mut r.requests, &mut r.limits] {
                if let Some(l) = list {
                    canonical(&mut l.cpu);
                    canonical(&mut l.memory);
                }
                // An empty list says nothing: the same as no list.
                if list
                    .as_ref()
                    .is_some_and(|l| l.cpu.is_none() && l.memory.is_none())
                {
                    *list = None;
                }
            }
        }
        if ctr
            .resources
            .as_ref()
            .is_some_and(|r| r.requests.is_none() && r.limits.is_none())
        {
            ctr.resources = None;
        }
        for probe in [&mut ctr.readiness_probe, &mut ctr.liveness_probe]
            .into_iter()
            .flatten()
        {
            use probe_defaults::*;
            probe
                .initial_delay_seconds
                .get_or_insert(INITIAL_DELAY_SECONDS);
            probe.timeout_seconds.get_or_insert(TIMEOUT_SECONDS);
            probe.period_seconds.get_or_insert(PERIOD_SECONDS);
            probe.success_threshold.get_or_insert(SUCCESS_THRESHOLD);
            probe.failure_threshold.get_or_insert(FAILURE_THRESHOLD);
        }
        for m in &mut ctr.volume_mounts {
            m.read_only.get_or_insert(false);
        }
        for log in &mut ctr.logs {
            log.retention_days
                .get_or_insert(log_defaults::RETENTION_DAYS);
            log.shards.get_or_insert(log_defaults::SHARDS);
        }
    }
    for svc in &mut s.services {
        if let Access::IntranetLb { ports, .. } | Access::InternetLb { ports, .. } = &mut svc.access
        {
            for port in ports {
                port.scheduler.get_or_insert(LbScheduler::Wrr);
                port.health_check.get_or_insert(true);
            }
        }
    }
    let d = s.deploy.get_or_insert_with(Deploy::default);
    d.upgrade_mode.get_or_insert(UpgradeMode::InPlace);
    match d.grouping.get_or_insert(Grouping::Fast {
        min_groups: Some(3),
    }) {
        Grouping::Fast { min_groups } => {
            min_groups.get_or_insert(3);
        }
        Grouping::PerPod | Grouping::Single => {}
    }
    d.beta.get_or_insert(true);
    d.pause_between_groups.get_or_insert(true);
    d.schedule_policy
        .get_or_insert(SchedulePolicy::EvenAcrossUnits);
    Ok(s)
}

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

/// [`normalize`] with its input as one value (the form the bindings and vectors use).
///
/// # Errors
///
/// As [`normalize`].
pub fn normalize_app_service(input: &AppServiceInput) -> Result<AppService> {
    normalize(&input.spec, input.profile.as_ref())
}
