//! The access services' rules (ClusterIP and load-balancer ports) and the deploy and
//! schedule settings (seed 6.2, 1.7 / 1.8).

use std::collections::BTreeSet;

use super::{Checker, c, i};
use crate::error::{self, FieldErrorCode as Code};
use crate::model::app_service::*;
use crate::model::labels::check_label_value;

impl Checker<'_> {
    /// Check a port list: not empty, each port by `each`, and no key (protocol, port)
    /// twice.
    pub(super) fn ports<T>(
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

    pub(super) fn access(&mut self, p: &str, access: &Access) {
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

    pub(super) fn deploy(&mut self, d: &Deploy) {
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
