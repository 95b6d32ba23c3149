//! The seed's quick start, end to end, on built-in demo data.
//!
//! Today it exercises what weir has: it validates and normalizes the quick start's two app
//! services (seed step 4, `core/tests/fixtures/quickstart/`), reads their pod resources
//! (500 millicores / 1 core, 128 MiB / 1 GiB), reads the allocatable resources of the nodes
//! of cluster `demospace` (`examples/quickstart/demo.json`), matches each service's
//! deployment-unit node selector against them, keeps the versions of an app service
//! (create, a quick image update, a release) and says what the update implies. It grows
//! into the full quick start (release order, scaling, scheduling) with weir.
//!
//! Run: `cargo run -p weir --example quickstart`

use std::collections::BTreeMap;

use serde::Deserialize;
use weir::{
    AppService, HistoryEvent, Labels, NodeSelector, Quantity, RawQuantity, ResourceList,
    VersionHistory,
};

const DEMO: &str = include_str!("quickstart/demo.json");
const REDIS: &str = include_str!("../tests/fixtures/quickstart/aks-vote-redis-appservice.json");
const FRONT: &str = include_str!("../tests/fixtures/quickstart/aks-vote-front-appservice.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Demo {
    cluster: String,
    nodes: Vec<Node>,
    unit_selectors: BTreeMap<String, NodeSelector>,
    bad_inputs: Vec<BadInput>,
}

#[derive(Deserialize)]
struct Node {
    metadata: Meta,
    status: NodeStatus,
}

#[derive(Deserialize)]
struct Meta {
    name: String,
    labels: Labels,
}

#[derive(Deserialize)]
struct NodeStatus {
    allocatable: BTreeMap<String, RawQuantity>,
}

#[derive(Deserialize)]
struct BadInput {
    what: String,
    quantity: String,
}

type Failure = Box<dyn std::error::Error>;

fn allocatable(node: &Node, key: &str) -> Result<Quantity, Failure> {
    Ok(node
        .status
        .allocatable
        .get(key)
        .ok_or(format!("node without {key}"))?
        .parse()?)
}

fn resource(list: Option<&ResourceList>, cpu: bool) -> Result<Quantity, Failure> {
    let raw = list.and_then(|l| {
        if cpu {
            l.cpu.as_ref()
        } else {
            l.memory.as_ref()
        }
    });
    Ok(raw.ok_or("the quick start sets every resource")?.parse()?)
}

fn app_services() -> Result<Vec<(Quantity, Quantity)>, Failure> {
    println!("1. The app services of seed step 4, validated and normalized");
    let mut per_pod = Vec::new();
    for text in [REDIS, FRONT] {
        let spec: AppService = serde_json::from_str(text)?;
        let full = weir::normalize(&spec, None)?;
        let deploy = full.deploy.as_ref().ok_or("normalize fills deploy")?;
        let filled = serde_json::json!({"namespace": full.namespace, "upgradeMode": deploy.upgrade_mode,
            "grouping": deploy.grouping, "beta": deploy.beta, "pauseBetweenGroups": deploy.pause_between_groups});
        println!(
            "   {} (app {}): valid; defaults filled in: {filled}",
            full.name, full.app
        );
        for ctr in &full.template.containers {
            let r = ctr
                .resources
                .as_ref()
                .ok_or("the quick start sets resources")?;
            let (cpu_req, cpu_lim) = (
                resource(r.requests.as_ref(), true)?,
                resource(r.limits.as_ref(), true)?,
            );
            let (mem_req, mem_lim) = (
                resource(r.requests.as_ref(), false)?,
                resource(r.limits.as_ref(), false)?,
            );
            println!("     container `{}`, image {}", ctr.name, ctr.image);
            println!(
                "       cpu    request {:>5} = {:>4} millicores   limit {:>3} = {:>4} millicores",
                cpu_req,
                cpu_req.milli_value(),
                cpu_lim,
                cpu_lim.milli_value()
            );
            println!(
                "       memory request {:>5} = {:>10} bytes   limit {:>3} = {:>10} bytes",
                mem_req,
                mem_req.value(),
                mem_lim,
                mem_lim.value()
            );
            per_pod.push((cpu_req, mem_req));
        }
    }
    let mut broken: AppService = serde_json::from_str(REDIS)?;
    broken.name = "Redis_App".into();
    if let Some(ctr) = broken.template.containers.first_mut() {
        ctr.readiness_probe = Some(weir::Probe {
            tcp_socket: Some(weir::TcpSocketAction { port: 70000 }),
            ..weir::Probe::default()
        });
    }
    if let Err(e) = weir::validate(&broken, None) {
        println!("   a broken copy: [{}] {e}", e.code());
    }
    Ok(per_pod)
}

fn nodes(demo: &Demo, per_pod: &[(Quantity, Quantity)]) -> Result<(), Failure> {
    println!(
        "\n2. Nodes of `{}` and how many quick-start pods each could hold by requests alone",
        demo.cluster
    );
    let (cpu_req, mem_req) = per_pod.first().ok_or("no app service")?;
    for node in &demo.nodes {
        let (cpu, mem) = (allocatable(node, "cpu")?, allocatable(node, "memory")?);
        let fit = (cpu.nano_value() / cpu_req.nano_value().max(1))
            .min(mem.nano_value() / mem_req.nano_value().max(1));
        println!(
            "   {:<24} cpu {:>5} ({:>4}m)  memory {:>6} ({:>11} bytes)  -> {fit} pods",
            node.metadata.name,
            cpu,
            cpu.milli_value(),
            mem,
            mem.value()
        );
    }
    println!(
        "\n3. Deployment units: which nodes each app service's node selector admits (terms OR'ed)"
    );
    for (name, selector) in &demo.unit_selectors {
        let matcher = selector.compile()?;
        println!("   {name}");
        for node in &demo.nodes {
            let verdict = match matcher.matching_term(&node.metadata.name, &node.metadata.labels) {
                Some(t) => format!("admitted by term {t}"),
                None => "not admitted".to_owned(),
            };
            let cell = node
                .metadata
                .labels
                .get("cafe.sofastack.io/cell")
                .map_or("-", String::as_str);
            println!("     {:<24} cell {cell:<6} {verdict}", node.metadata.name);
        }
    }
    Ok(())
}

fn versions() -> Result<(), Failure> {
    println!("\n4. Versions of aks-vote-front-appservice: create, quick image update, release");
    let at = |hh_mm: &str| -> Result<weir::time::Timestamp, weir::Error> {
        format!("2026-11-27T{hh_mm}:00+08:00").parse()
    };
    let mut history = VersionHistory::new(None);
    history.handle(
        at("09:00")?,
        HistoryEvent::Create {
            spec: serde_json::from_str(FRONT)?,
            author: "ana".into(),
        },
    )?;
    let update = history.handle(
        at("10:00")?,
        HistoryEvent::ChangeImage {
            container: "front".into(),
            image: "registry-vpc.cn-shanghai.aliyuncs.com/sofa-samples/aks-vote-front:v2".into(),
            author: "ana".into(),
        },
    )?;
    let (v1, v2) = (
        history.version("v1").ok_or("v1")?,
        history.version("v2").ok_or("v2")?,
    );
    let change = weir::diff(&v1.spec, &v2.spec, weir::InPlaceRules::Seed, None)?;
    println!(
        "   v2 comes from a quick update; a release order is required: {}",
        update.release_order_required
    );
    for c in &change.changes {
        println!(
            "   changed {}: {} -> {}",
            c.path,
            c.from.clone().unwrap_or_default(),
            c.to.clone().unwrap_or_default()
        );
    }
    println!(
        "   upgrade {:?} ({:?}); pre-tasks {:?}; warnings {}",
        change.upgrade,
        change.reasons,
        change.pre_tasks,
        change.warnings.len()
    );
    history.handle(
        at("10:05")?,
        HistoryEvent::BeginRelease {
            version: "v2".into(),
            release_order: "order-1".into(),
            rollback: false,
        },
    )?;
    let refused = history.handle(
        at("10:06")?,
        HistoryEvent::ChangeReplicas {
            replicas: 3,
            author: "bo".into(),
        },
    );
    if let Err(e) = refused {
        println!(
            "   during the release a quick update is refused: [{}] {e}",
            e.code()
        );
    }
    history.handle(
        at("10:20")?,
        HistoryEvent::MarkPublished {
            release_order: "order-1".into(),
        },
    )?;
    println!(
        "   released: deployed {}, last successful {}",
        history
            .snapshot()
            .deployed_version
            .as_deref()
            .unwrap_or("-"),
        history
            .snapshot()
            .last_successful_version
            .as_deref()
            .unwrap_or("-")
    );
    Ok(())
}

fn main() -> Result<(), Failure> {
    let demo: Demo = serde_json::from_str(DEMO)?;
    println!("weir quick start — cluster `{}`\n", demo.cluster);
    let per_pod = app_services()?;
    nodes(&demo, &per_pod)?;
    versions()?;
    println!("\n5. Bad input is a typed error with a stable code, never a crash");
    for bad in &demo.bad_inputs {
        match Quantity::parse(&bad.quantity) {
            Ok(q) => println!("   {}: unexpectedly parsed as {q}", bad.what),
            Err(e) => println!("   {}: [{}] {e}", bad.what, e.code()),
        }
    }
    Ok(())
}
