//! The pod template's rules: containers, images, resources, env, mounts, probes,
//! lifecycle handlers and log stores (seed 6.2, 6.3, 6.8).

use std::collections::BTreeSet;

use super::{Checker, c, i};
use crate::error::{self, FieldErrorCode as Code};
use crate::model::app_service::*;
use crate::model::names::*;
use crate::model::quantity::Quantity;

impl Checker<'_> {
    pub(super) fn template(&mut self, t: &PodTemplate) {
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

    pub(super) fn container(&mut self, p: &str, ctr: &Container) {
        self.image(&c(p, "image"), &ctr.image);
        self.image_source(p, ctr.image_source.as_ref());
        if let Some(secret) = &ctr.image_pull_secret {
            self.subdomain(&c(p, "imagePullSecret"), secret);
        }
        if let Some(r) = &ctr.resources {
            self.resources(&c(p, "resources"), r);
        }
        self.env(&c(p, "env"), &ctr.env);
        self.mounts(&c(p, "volumeMounts"), &ctr.volume_mounts);
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

    /// A container's image source at `{p}.imageSource`: a build id, or a package's paths
    /// and images.
    fn image_source(&mut self, p: &str, source: Option<&ImageSource>) {
        match source {
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
    }

    /// A container's volume mounts at `p`: absolute mount paths, each once, and sources of
    /// the right form.
    fn mounts(&mut self, p: &str, mounts_list: &[VolumeMount]) {
        let mut mounts = BTreeSet::new();
        for (n, m) in mounts_list.iter().enumerate() {
            let mp = i(p, n);
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
    }

    pub(super) fn resources(&mut self, p: &str, r: &Resources) {
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

    pub(super) fn env(&mut self, p: &str, env: &[EnvVar]) {
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

    pub(super) fn key_ref(&mut self, p: &str, r: &KeyRef) {
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

    pub(super) fn handler(
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

    pub(super) fn probe(&mut self, p: &str, probe: &Probe, liveness: bool) {
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

    pub(super) fn log(&mut self, p: &str, log: &LogConfig, stores: &mut BTreeSet<String>) {
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
}
