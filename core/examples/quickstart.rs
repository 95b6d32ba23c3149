//! The seed's quick start, end to end, on built-in demo data (`examples/quickstart/demo.json`).
//!
//! Today it exercises what weir has: it parses the pod resources of the quick start's two
//! app services (500 millicores / 1 core, 128 MiB / 1 GiB), checks requests against limits,
//! reads the nodes' allocatable resources, and matches each service's deployment-unit node
//! selector against the nodes of cluster `demospace`, saying which term let each node in.
//! It grows into the full quick start (release order, scaling, scheduling) with weir.
//!
//! Run: `cargo run -p weir --example quickstart`

use std::collections::BTreeMap;

use serde::Deserialize;
use weir::{Labels, NodeSelector, Quantity, RawQuantity};

const DEMO: &str = include_str!("quickstart/demo.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Demo {
    cluster: String,
    nodes: Vec<Node>,
    app_services: Vec<AppService>,
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
#[serde(rename_all = "camelCase")]
struct AppService {
    name: String,
    app: String,
    container: Container,
    node_selector: NodeSelector,
}

#[derive(Deserialize)]
struct Container {
    name: String,
    image: String,
    resources: Resources,
}

#[derive(Deserialize)]
struct Resources {
    requests: BTreeMap<String, RawQuantity>,
    limits: BTreeMap<String, RawQuantity>,
}

#[derive(Deserialize)]
struct BadInput {
    what: String,
    quantity: String,
}

fn quantity(map: &BTreeMap<String, RawQuantity>, key: &str) -> Result<Quantity, weir::Error> {
    map.get(key)
        .ok_or_else(|| weir::Error::invalid_input(format!("missing `{key}`")))?
        .parse()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let demo: Demo = serde_json::from_str(DEMO)?;
    println!("weir quick start — cluster `{}`\n", demo.cluster);

    println!(
        "1. Pod resources of the app services (seed step 4: 500 millicores / 1 core, 128 MiB / 1 GiB)"
    );
    let mut per_pod = Vec::new();
    for svc in &demo.app_services {
        let r = &svc.container.resources;
        let (cpu_req, cpu_lim) = (quantity(&r.requests, "cpu")?, quantity(&r.limits, "cpu")?);
        let (mem_req, mem_lim) = (
            quantity(&r.requests, "memory")?,
            quantity(&r.limits, "memory")?,
        );
        println!(
            "   {} (app {}, container `{}`, image {})",
            svc.name, svc.app, svc.container.name, svc.container.image
        );
        println!(
            "     cpu    request {:>6} = {:>4} millicores   limit {:>4} = {:>4} millicores   request <= limit: {}",
            cpu_req,
            cpu_req.milli_value(),
            cpu_lim,
            cpu_lim.milli_value(),
            cpu_req.nano_value() <= cpu_lim.nano_value()
        );
        println!(
            "     memory request {:>6} = {:>10} bytes   limit {:>4} = {:>10} bytes   request <= limit: {}",
            mem_req,
            mem_req.value(),
            mem_lim,
            mem_lim.value(),
            mem_req.nano_value() <= mem_lim.nano_value()
        );
        per_pod.push((svc, cpu_req, mem_req));
    }

    println!(
        "\n2. Nodes of `{}` and how many quick-start pods each could hold by requests alone",
        demo.cluster
    );
    for node in &demo.nodes {
        let cpu = quantity(&node.status.allocatable, "cpu")?;
        let mem = quantity(&node.status.allocatable, "memory")?;
        let (_, cpu_req, mem_req) = per_pod.first().ok_or("no app service in the demo")?;
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
    for svc in &demo.app_services {
        let matcher = svc.node_selector.compile()?;
        println!("   {}", svc.name);
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

    println!("\n4. Bad input is a typed error with a stable code, never a crash");
    for bad in &demo.bad_inputs {
        match Quantity::parse(&bad.quantity) {
            Ok(q) => println!("   {}: unexpectedly parsed as {q}", bad.what),
            Err(e) => println!("   {}: [{}] {e}", bad.what, e.code()),
        }
    }
    Ok(())
}
