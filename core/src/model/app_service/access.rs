//! Access services (服务): ClusterIP and load-balancer ports (seed 6.2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An access service (服务).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccessService {
    /// DNS-1123 label, unique among the app service's services.
    pub name: String,
    /// How it is reached.
    pub access: Access,
}

/// How a service is reached, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Access {
    /// Inside the cluster (集群内访问): a ClusterIP service.
    #[serde(rename = "clusterIP")]
    ClusterIp {
        /// Port mappings; at least one.
        ports: Vec<ClusterIpPort>,
    },
    /// Inside the VPC (VPC 内访问) through a load balancer.
    #[serde(rename = "intranetLB")]
    IntranetLb {
        /// An existing load balancer id, or `create`.
        load_balancer: String,
        /// Port mappings; at least one.
        ports: Vec<LbPort>,
    },
    /// From the internet (公网访问) through a load balancer.
    #[serde(rename = "internetLB")]
    InternetLb {
        /// An existing load balancer id, or `create`.
        load_balancer: String,
        /// Port mappings; at least one.
        ports: Vec<LbPort>,
    },
}

/// A ClusterIP port mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterIpPort {
    /// `TCP` or `UDP`.
    pub protocol: ClusterIpProtocol,
    /// The port the workload listens on (访问端口), 1–65535.
    pub port: i32,
    /// The port on the virtual IP (容器端口), 1–65535.
    pub target_port: i32,
}

/// Protocols of a ClusterIP service.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum ClusterIpProtocol {
    /// TCP.
    #[serde(rename = "TCP")]
    Tcp,
    /// UDP.
    #[serde(rename = "UDP")]
    Udp,
}

impl ClusterIpProtocol {
    /// The wire spelling (`TCP`, `UDP`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterIpProtocol::Tcp => "TCP",
            ClusterIpProtocol::Udp => "UDP",
        }
    }
}

/// A load balancer port mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LbPort {
    /// `TCP`, `HTTP` or `HTTPS`.
    pub protocol: LbProtocol,
    /// Front-end port, 1–65535.
    pub frontend_port: i32,
    /// Back-end port, 1–65535.
    pub backend_port: i32,
    /// Forwarding rule: `wrr` (按权重) or `wlc` (按权重并且最小连接数); default `wrr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduler: Option<LbScheduler>,
    /// Health check on; default true; TCP ports must keep it on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<bool>,
}

/// Protocols of a load balancer port.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum LbProtocol {
    /// TCP.
    #[serde(rename = "TCP")]
    Tcp,
    /// HTTP.
    #[serde(rename = "HTTP")]
    Http,
    /// HTTPS.
    #[serde(rename = "HTTPS")]
    Https,
}

impl LbProtocol {
    /// The wire spelling (`TCP`, `HTTP`, `HTTPS`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LbProtocol::Tcp => "TCP",
            LbProtocol::Http => "HTTP",
            LbProtocol::Https => "HTTPS",
        }
    }
}

/// Load balancer forwarding rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum LbScheduler {
    /// Weighted round robin.
    Wrr,
    /// Weighted least connections.
    Wlc,
}
